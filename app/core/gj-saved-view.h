/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

/*
 * A saved map view: one slide of the review-meeting presentation.
 * Fields: "name", "position" (1-based order of the slides), "min_lon",
 * "min_lat", "max_lon", "max_lat" (the extent, WGS-84), "zoom", "theme"
 * (gj_map_theme_from_string() names, or a grid indicator name of
 * gj-store-overview.h), "layers" (comma list, e.g. "grids,stations,labels"),
 * "title", "subtitle" (shown on the slide).
 * Ordering and moving: gj_store_list_saved_views(), gj_store_move_saved_view().
 */

#define GJ_TYPE_SAVED_VIEW (gj_saved_view_get_type ())

G_DECLARE_FINAL_TYPE (GjSavedView, gj_saved_view, GJ, SAVED_VIEW, GjRecord)

GjSavedView *gj_saved_view_new        (void);
/* The extent as a box; FALSE when one of the four is unset. */
gboolean     gj_saved_view_get_extent (GjSavedView *self,
                                       double      *min_lon,
                                       double      *min_lat,
                                       double      *max_lon,
                                       double      *max_lat);
void         gj_saved_view_set_extent (GjSavedView *self,
                                       double       min_lon,
                                       double       min_lat,
                                       double       max_lon,
                                       double       max_lat);
/* "layers" split at commas, blanks trimmed, empties dropped (never NULL). */
char       **gj_saved_view_dup_layers (GjSavedView *self);

G_END_DECLS
