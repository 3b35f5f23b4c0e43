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

G_END_DECLS
