/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-store-overview.h"

G_BEGIN_DECLS

#define GJ_TYPE_OVERVIEW_PAGE (gj_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (GjOverviewPage, gj_overview_page, GJ, OVERVIEW_PAGE, GtkWidget)

/*
 * GjOverviewPage: the district's state in figures and charts for a chosen
 * scope (the district, a street, a community) — grids, coverage, service
 * stations, units and agreements, lists, joint meetings, the problem and
 * echo walls — computed in a worker thread. Every figure and every bar
 * can be clicked (or focused and Enter pressed): the page then emits
 *
 *   void drill_down (GjOverviewPage *page,
 *                    GjDrill        *drill,    (the data layer's; borrowed)
 *                    const char     *title,    (what was clicked, translated)
 *                    gpointer        user_data);
 *
 * and the window shows those records. Tables export to XLSX/CSV, charts
 * to PNG/SVG.
 */
GtkWidget   *gj_overview_page_new        (void);
void         gj_overview_page_set_store  (GjOverviewPage *self,
                                          GjStore        *store);
/* Computes the figures again (after an import or an edit elsewhere). */
void         gj_overview_page_reload     (GjOverviewPage *self);
/* The overview on show, or NULL while the first one is computed. */
GjOverview  *gj_overview_page_get_overview (GjOverviewPage *self);

G_END_DECLS
