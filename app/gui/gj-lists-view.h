/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-history.h"
#include "gj-record-table.h"

G_BEGIN_DECLS

#define GJ_TYPE_LISTS_VIEW (gj_lists_view_get_type ())

G_DECLARE_FINAL_TYPE (GjListsView, gj_lists_view, GJ, LISTS_VIEW, GtkWidget)

/*
 * GjListsView: the four lists (resources, needs, projects, services) in one
 * table filtered by list, status and street, with the selected item's
 * form; and the matching: every open need beside the resources and
 * services of its category nearby (same grid, community, street), each
 * with why and a Claim (认领) button.
 */
void           gj_lists_view_set_store         (GjListsView *self,
                                                GjStore     *store);
void           gj_lists_view_set_history       (GjListsView *self,
                                                GjHistory   *history);
GjRecordTable *gj_lists_view_get_table         (GjListsView *self);
/* The items table, or NULL while the matching is shown. */
GjRecordTable *gj_lists_view_get_visible_table (GjListsView *self);
void           gj_lists_view_reload            (GjListsView *self);
void           gj_lists_view_show              (GjListsView *self,
                                                gint64       id);
void           gj_lists_view_new_item          (GjListsView *self);
/* For the tests: the matching view; the open needs; the matches of the
 * need selected there; claiming the @index-th of them. */
void           gj_lists_view_show_matching     (GjListsView *self,
                                                gboolean     matching);
GListModel    *gj_lists_view_get_needs         (GjListsView *self);
gboolean       gj_lists_view_select_need       (GjListsView *self,
                                                gint64       need_id);
GListModel    *gj_lists_view_get_matches       (GjListsView *self);
gboolean       gj_lists_view_claim             (GjListsView *self,
                                                gint64       resource_id);
/* The filters: a list kind (-1: all), a status (-1: all), a street (0). */
void           gj_lists_view_filter            (GjListsView *self,
                                                int          list,
                                                int          status,
                                                gint64       street_id);

G_END_DECLS
