/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-store.h"

G_BEGIN_DECLS

#define GJ_TYPE_RECORD_TABLE (gj_record_table_get_type ())

G_DECLARE_FINAL_TYPE (GjRecordTable, gj_record_table, GJ, RECORD_TABLE, GtkWidget)

/*
 * GjRecordTable: the records of one kind from the store in a sortable
 * GtkColumnView, with a search entry (the store's full-text search) and a
 * count. "kind" ("grid", "unit" …) and "columns" (field names separated by
 * commas) are set once, typically in a .ui file; the column titles, the
 * alignment and the sorting come from the record's field table.
 *
 * The rows are read only while the table is on screen: a table on a page
 * nobody looks at costs nothing at start-up.
 */

GjStore        *gj_record_table_get_store       (GjRecordTable *self);
void            gj_record_table_set_store       (GjRecordTable *self,
                                                 GjStore       *store);
/* Reads the rows again (after an import, a restore …). */
void            gj_record_table_reload          (GjRecordTable *self);
void            gj_record_table_focus_search    (GjRecordTable *self);
GType           gj_record_table_get_record_type (GjRecordTable *self);
guint           gj_record_table_get_n_items     (GjRecordTable *self);

/* Only the rows @filter keeps, after the search; NULL keeps all. */
void            gj_record_table_set_filter      (GjRecordTable *self,
                                                 GtkFilter     *filter);
/* Only the records with these ids (as well as the filter), under a bar
 * saying @caption with a "Show All" button; @ids NULL shows all again. */
void            gj_record_table_show_only       (GjRecordTable *self,
                                                 const gint64  *ids,
                                                 guint          n_ids,
                                                 const char    *caption);
/* The filter's owner changed it: shows what it keeps now. */
void            gj_record_table_refilter        (GjRecordTable *self);
/* Puts @widget (a filter drop-down …) beside the search entry. */
void            gj_record_table_add_filter_widget (GjRecordTable *self,
                                                 GtkWidget     *widget);

/* What a cell of @field shows for @record instead of the stored value
 * (a computed status, "never"), or NULL for the value; @css_class may be
 * set to a style class for the cell ("warning"). */
typedef char *(*GjRecordTableCellFunc) (GjRecord    *record,
                                        const char  *field,
                                        const char **css_class,
                                        gpointer     user_data);
void            gj_record_table_set_cell_func   (GjRecordTable         *self,
                                                 GjRecordTableCellFunc  func,
                                                 gpointer               user_data,
                                                 GDestroyNotify         destroy);
/* How the column of @field sorts, when the stored value is not it. */
void            gj_record_table_set_column_sorter (GjRecordTable *self,
                                                 const char    *field,
                                                 GtkSorter     *sorter);

/* A column at @position whose cells come only from the cell function
 * (called with @id as the field): the name of a linked record … */
void            gj_record_table_insert_column   (GjRecordTable *self,
                                                 guint          position,
                                                 const char    *id,
                                                 const char    *title,
                                                 GtkSorter     *sorter);

/* The record of the selected row ("selected"), NULL when none; a reload
 * keeps the same record selected, read afresh. */
GjRecord       *gj_record_table_get_selected    (GjRecordTable *self);
/* Selects the row of the record with @id (0: none); FALSE when no shown
 * row has it. */
gboolean        gj_record_table_select_id       (GjRecordTable *self,
                                                 gint64         id);

G_END_DECLS
