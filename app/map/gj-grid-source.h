/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-basemap-source.h"
#include "gj-map-theme.h"
#include "gj-tile-source.h"

G_BEGIN_DECLS

/*
 * GjGridSource: grids and service stations drawn into transparent tiles in
 * a worker (R*Tree query per tile), coloured by a GjMapTheme, with grid
 * labels from zoom 16 and station names from zoom 18.
 */

#define GJ_TYPE_GRID_SOURCE (gj_grid_source_get_type ())

G_DECLARE_FINAL_TYPE (GjGridSource, gj_grid_source, GJ, GRID_SOURCE, GjTileSource)

/* Zoom levels from which labels appear. */
#define GJ_GRID_SOURCE_GRID_LABEL_ZOOM    16
#define GJ_GRID_SOURCE_STATION_LABEL_ZOOM 18

GjGridSource *gj_grid_source_new        (void);
/* With a basemap, tiles are opaque: its ground under the grids, its
 * boundaries and names above them — one layer for the whole map. */
/* @ground: FALSE when raster tiles lie under the grids: the basemap
 * then gives its boundaries and names only. */
void          gj_grid_source_set_basemap (GjGridSource    *self,
                                          GjBasemapSource *basemap,
                                          gboolean         ground);
GjMapTheme    gj_grid_source_get_theme  (GjGridSource *self);
void          gj_grid_source_set_theme  (GjGridSource *self,
                                         GjMapTheme    theme);
gboolean      gj_grid_source_get_dark   (GjGridSource *self);
void          gj_grid_source_set_dark   (GjGridSource *self,
                                         gboolean      dark);
/* Labels (grid, station, street and district names) this many times
 * their size; 1 by default, larger for a projector. */
double        gj_grid_source_get_label_scale (GjGridSource *self);
void          gj_grid_source_set_label_scale (GjGridSource *self,
                                              double        label_scale);
/* After an edit: counts are read again and the tiles meeting @bbox (all
 * when NULL) are drawn again. */
void          gj_grid_source_reload     (GjGridSource *self,
                                         const GjBBox *bbox);
/* The legend of the current theme: a new list of GjMapLegendItem. */
GListModel   *gj_grid_source_dup_legend (GjGridSource *self);

G_END_DECLS
