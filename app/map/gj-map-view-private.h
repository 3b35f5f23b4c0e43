/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "gj-basemap-source.h"
#include "gj-grid-source.h"
#include "gj-map-view.h"
#include "gj-problem-layer.h"

G_BEGIN_DECLS

/* For the tests and the benchmark. */
ShumateMap      *gj_map_view_get_map            (GjMapView *self);
GjGridSource    *gj_map_view_get_grid_source    (GjMapView *self);
GjBasemapSource *gj_map_view_get_basemap_source (GjMapView *self);
/* Hides the grids, stations and selection, leaving the basemap alone. */
void             gj_map_view_set_show_overlays  (GjMapView *self,
                                                 gboolean   show_overlays);
/* Tile renders queued or running, in both sources. */
guint            gj_map_view_get_n_pending      (GjMapView *self);
/* The raster basemap in use (NULL: the offline one); setting one bypasses
 * gj_map_view_set_basemap() (tests use a local server). */
GjRasterBasemap *gj_map_view_get_raster_basemap (GjMapView       *self);
void             gj_map_view_set_raster_basemap (GjMapView       *self,
                                                 GjRasterBasemap *raster);
/* The problem wall's pins. */
GjProblemLayer  *gj_map_view_get_problem_layer  (GjMapView *self);

G_END_DECLS
