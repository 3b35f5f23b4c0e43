/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-chart.h"
#include "gj-overview-page.h"

G_BEGIN_DECLS

/* For the tests: what the page shows, and its controls. */

/* The figure button for @key ("grids", "grid_coverage",
 * "grids_with_station", "grids_near_station", "small_centres",
 * "units_with_agreement", "units_without_agreement",
 * "agreements_expiring", "needs_matched", "months_met", "attendance",
 * "problems", "echo_entries" …), or NULL. */
GtkWidget   *gj_overview_page_get_figure_button (GjOverviewPage *self,
                                                 const char     *key);
/* The text of its value label ("1,234", "62.5%"). */
const char  *gj_overview_page_get_figure_text   (GjOverviewPage *self,
                                                 const char     *key);
/* "grids_by_kind", "meetings_by_street", "meetings_by_month",
 * "problems_by_colour", "problem_funnel", "units_by_kind",
 * "agreements_by_status". */
GjChart     *gj_overview_page_get_chart         (GjOverviewPage *self,
                                                 const char     *name);
/* Chooses the district (@street_id 0), a street, or one of its
 * communities (@community_id ≠ 0); the figures follow. */
void         gj_overview_page_set_scope         (GjOverviewPage *self,
                                                 gint64          street_id,
                                                 gint64          community_id);
/* The scope chooser's two drop-downs (streets, communities). */
GtkDropDown *gj_overview_page_get_scope_dropdown (GjOverviewPage *self,
                                                  gboolean        communities);
void         gj_overview_page_set_ring          (GjOverviewPage *self,
                                                 double          ring_m);
/* TRUE while figures are being computed. */
gboolean     gj_overview_page_is_busy           (GjOverviewPage *self);
/* The gaps listed under the coverage card. */
guint        gj_overview_page_get_n_gap_rows    (GjOverviewPage *self);
/* Saves @chart as @path (.png or .svg), as the menu's items do. */
gboolean     gj_overview_page_save_chart        (GjOverviewPage *self,
                                                 const char     *name,
                                                 const char     *path,
                                                 GError        **error);

G_END_DECLS
