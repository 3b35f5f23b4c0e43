/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-types.h"

G_BEGIN_DECLS

#define GJ_TYPE_RECORD (gj_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (GjRecord, gj_record, GJ, RECORD, GObject)

/*
 * GjRecord: one row of the store as a GObject. Each subclass describes its
 * fields in a static table (gj_record_class_set_fields()); every field becomes
 * a GObject property of the same name, so list views bind to records by
 * property and the store reads and writes them without per-kind SQL.
 *
 * Common to all records: "id" (row id in this database, 0 when not saved),
 * "uuid" (stable across exports and merges), "created-at", "updated-at"
 * (ISO 8601 UTC text).
 */
struct _GjRecordClass
{
  GObjectClass parent_class;

  /* Table name in the store and kind name on the command line ("grid"). */
  const char    *kind;
  const GjField *fields;
  guint          n_fields;
  /* The property of each field, in field order (filled by set_fields). */
  GParamSpec   **field_pspecs;

  /* Fill computed fields (area, status …) before the record is written. */
  void     (*prepare_write) (GjRecord  *self);
  /* Refuse what breaks the kind's rules (a wrong credit code), saying why. */
  gboolean (*validate)      (GjRecord  *self,
                             GError   **error);

  gpointer padding[6];
};

void            gj_record_class_set_fields (GjRecordClass *klass,
                                            const char    *kind,
                                            const GjField *fields,
                                            guint          n_fields);

GjRecord       *gj_record_new_for_kind     (const char    *kind);
GType           gj_record_type_from_kind   (const char    *kind);
const char     *gj_record_get_kind         (GjRecord      *self);
const GjField  *gj_record_get_fields       (GjRecord      *self,
                                            guint         *n_fields);
const GjField  *gj_record_class_find_field (GjRecordClass *klass,
                                            const char    *name,
                                            guint         *index);

gint64          gj_record_get_id           (GjRecord      *self);
void            gj_record_set_id           (GjRecord      *self,
                                            gint64         id);
const char     *gj_record_get_uuid         (GjRecord      *self);
void            gj_record_set_uuid         (GjRecord      *self,
                                            const char    *uuid);
const char     *gj_record_get_created_at   (GjRecord      *self);
const char     *gj_record_get_updated_at   (GjRecord      *self);
void            gj_record_set_times        (GjRecord      *self,
                                            const char    *created_at,
                                            const char    *updated_at);

/* Field access by name; a field that holds no value is NULL / 0 / FALSE. */
gboolean        gj_record_is_null          (GjRecord      *self,
                                            const char    *field);
void            gj_record_set_null         (GjRecord      *self,
                                            const char    *field);
const char     *gj_record_get_text         (GjRecord      *self,
                                            const char    *field);
void            gj_record_set_text         (GjRecord      *self,
                                            const char    *field,
                                            const char    *value);
gint64          gj_record_get_int          (GjRecord      *self,
                                            const char    *field);
void            gj_record_set_int          (GjRecord      *self,
                                            const char    *field,
                                            gint64         value);
double          gj_record_get_real         (GjRecord      *self,
                                            const char    *field);
void            gj_record_set_real         (GjRecord      *self,
                                            const char    *field,
                                            double         value);
gboolean        gj_record_get_bool         (GjRecord      *self,
                                            const char    *field);
void            gj_record_set_bool         (GjRecord      *self,
                                            const char    *field,
                                            gboolean       value);
GjGeometry     *gj_record_get_geometry     (GjRecord      *self,
                                            const char    *field);
void            gj_record_set_geometry     (GjRecord      *self,
                                            const char    *field,
                                            GjGeometry    *value);

/* Index-based access, for generic code walking the field table. */
const GValue   *gj_record_peek_value       (GjRecord      *self,
                                            guint          index);
void            gj_record_take_value       (GjRecord      *self,
                                            guint          index,
                                            GValue        *value);

/* Like gj_record_take_value(), without notification: for filling a record
 * that nobody can be watching yet (the store reading a row). */
void            gj_record_init_value       (GjRecord      *self,
                                            guint          index,
                                            GValue        *value);

/* The field's value as display text ("" when it holds none). */
char           *gj_record_dup_display      (GjRecord      *self,
                                            const char    *field);

/* TRUE when both records hold equal values in every stored field. */
gboolean        gj_record_equal_values     (GjRecord      *a,
                                            GjRecord      *b,
                                            const char    *field);
GjRecord       *gj_record_copy             (GjRecord      *self);
/* What names the record to a person: its name, title or code, else the UUID. */
const char     *gj_record_get_label        (GjRecord      *self);

/* Reads a date as offices write it — 2021-12-08, 2021/12/8, 2021.12.8,
 * 2021年12月8日, 20211208 — into ISO 8601 (YYYY-MM-DD); NULL if it is none. */
char           *gj_date_normalize          (const char    *text);

#define GJ_RECORD_ERROR (gj_record_error_quark ())
GQuark          gj_record_error_quark      (void);

char           *gj_uuid_new                (void);
/* Today's date in the local time zone; $GONGJIAN_TODAY (YYYY-MM-DD)
 * overrides it, so tests and demonstrations can fix the day. */
GDate          *gj_today                   (void);
char           *gj_now_iso8601             (void);

G_END_DECLS
