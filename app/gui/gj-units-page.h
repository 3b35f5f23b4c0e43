/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-history.h"
#include "gj-record-table.h"

G_BEGIN_DECLS

#define GJ_TYPE_UNITS_PAGE (gj_units_page_get_type ())

G_DECLARE_FINAL_TYPE (GjUnitsPage, gj_units_page, GJ, UNITS_PAGE, GtkWidget)

/*
 * GjUnitsPage: the Units & Agreements page, where street offices type most
 * of their data — the resident units (a table with filters and a detail
 * form), the joint-construction agreements (GjAgreementsView) and the four
 * lists with their matching (GjListsView). Edits go through the history
 * (Ctrl+Z); "show-on-map" and "pick-place" ask the window for the map.
 */
void           gj_units_page_set_store    (GjUnitsPage *self,
                                           GjStore     *store);
void           gj_units_page_set_history  (GjUnitsPage *self,
                                           GjHistory   *history);
/* The table of @type (GJ_TYPE_UNIT, _AGREEMENT, _LIST_ITEM) or NULL. */
GjRecordTable *gj_units_page_get_table    (GjUnitsPage *self,
                                           GType        type);
/* The table in view, or NULL (the matching view). */
GjRecordTable *gj_units_page_get_visible_table (GjUnitsPage *self);
/* Reads every table again (after an import). */
void           gj_units_page_reload       (GjUnitsPage *self);
/* A new unit, agreement or list item, as the view in sight lists. */
void           gj_units_page_new_record   (GjUnitsPage *self);
/* Shows @record (a unit, agreement or list item) selected in its view. */
void           gj_units_page_show_record  (GjUnitsPage *self,
                                           GType        type,
                                           gint64       id);

G_END_DECLS
