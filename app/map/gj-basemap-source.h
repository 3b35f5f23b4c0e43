/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-tile-source.h"

G_BEGIN_DECLS

/*
 * GjBasemapSource: the offline basemap. Draws the district and its streets
 * (outlines from the store, merged once in a worker) with the street names on
 * a plain libadwaita-coloured ground. Needs no network, ever. GjGridSource
 * draws the same ground under its grids and the boundaries and names above
 * them (gj-basemap-source-private.h), so the map is one opaque layer.
 */

#define GJ_TYPE_BASEMAP_SOURCE (gj_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (GjBasemapSource, gj_basemap_source, GJ, BASEMAP_SOURCE, GjTileSource)

GjBasemapSource *gj_basemap_source_new      (gboolean         dark);
gboolean         gj_basemap_source_get_dark (GjBasemapSource *self);
void             gj_basemap_source_set_dark (GjBasemapSource *self,
                                             gboolean         dark);
/* Reads the outlines again (after grids changed streets or shapes). */
void             gj_basemap_source_reload   (GjBasemapSource *self);

G_END_DECLS
