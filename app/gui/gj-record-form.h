/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gj-history.h"
#include "gj-records.h"

G_BEGIN_DECLS

/* How a field is typed in a form. */
typedef enum
{
  GJ_FORM_NONE,     /* shown, computed or linked elsewhere */
  GJ_FORM_TEXT,
  GJ_FORM_INT,
  GJ_FORM_REAL,
  GJ_FORM_DATE,
  GJ_FORM_LIST,     /* a list kept as JSON, typed with 、 or commas */
  GJ_FORM_CHOICE,   /* one of a few values */
} GjFormEdit;

/* A value a choice row offers and what a person reads for it. */
typedef struct
{
  const char *value;  /* stored; "" stores nothing */
  const char *title;  /* translated */
} GjFormChoice;

#define GJ_TYPE_RECORD_FORM (gj_record_form_get_type ())

G_DECLARE_FINAL_TYPE (GjRecordForm, gj_record_form, GJ, RECORD_FORM, GObject)

/*
 * GjRecordForm: the rows that edit one record's fields (AdwEntryRow,
 * AdwComboRow, or AdwActionRow to read), made by the form and placed by
 * the caller into its groups. An applied value is parsed, written through
 * the history in one transaction and then "saved" says what changed (for
 * a toast with Undo); a value that is not the field's kind, or that the
 * store refuses (a credit code with a wrong check character), marks the
 * row in error with the reason as its tooltip and "failed" says why.
 */
GjRecordForm *gj_record_form_new          (void);
void          gj_record_form_set_history  (GjRecordForm       *self,
                                           GjHistory          *history);
GjHistory    *gj_record_form_get_history  (GjRecordForm       *self);
GjRecord     *gj_record_form_get_record   (GjRecordForm       *self);
/* Shows @record's values in the rows; nothing is saved. */
void          gj_record_form_set_record   (GjRecordForm       *self,
                                           GjRecord           *record);
/* A row for @field of records of @type; @choices (NULL-title terminated)
 * only for GJ_FORM_CHOICE. The caller adds it to a list. */
GtkWidget    *gj_record_form_add_row      (GjRecordForm       *self,
                                           GType               type,
                                           const char         *field,
                                           GjFormEdit          edit,
                                           const GjFormChoice *choices);
GtkWidget    *gj_record_form_get_row      (GjRecordForm       *self,
                                           const char         *field);
/* Saves @text into @field as its row would (the tests, a "today" button). */
gboolean      gj_record_form_save         (GjRecordForm       *self,
                                           const char         *field,
                                           const char         *text);
/* Writes a changed copy of the record through the history as one edit
 * named @label; "saved" or "failed" follow. */
gboolean      gj_record_form_save_copy    (GjRecordForm       *self,
                                           GjRecord           *copy,
                                           const char         *label);

/* Reads @text into @field of @record as @edit says; FALSE and a sentence
 * in @reason when it is not that kind of value. Empty text clears it. */
gboolean      gj_record_form_parse        (GjRecord           *record,
                                           const GjField      *field,
                                           GjFormEdit          edit,
                                           const char         *text,
                                           char              **reason);
/* The value as an entry shows it for editing: figures without grouping. */
char         *gj_record_form_edit_text    (GjRecord           *record,
                                           const GjField      *field,
                                           GjFormEdit          edit);
/* A toast over the window @near is in; with an Undo button (win.undo)
 * when @with_undo; an error stays longer and goes first. */
void          gj_record_form_toast        (GtkWidget          *near,
                                           const char         *title,
                                           gboolean            with_undo,
                                           gboolean            error);
/* Today as YYYY-MM-DD. */
char         *gj_record_form_dup_today    (void);

G_END_DECLS
