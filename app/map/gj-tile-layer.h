/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "gj-tile-source.h"

G_BEGIN_DECLS

/*
 * GjTileLayer: paints a GjTileSource's cached tiles — exactly one texture
 * per visible tile, the nearest cached ancestor scaled up while a tile is
 * being drawn. ShumateMapLayer 1.0.3 keeps every finished tile of other zoom
 * levels on screen until all current ones are done, which under continuous
 * zooming piles up layers of overdraw; this layer never does.
 */

#define GJ_TYPE_TILE_LAYER (gj_tile_layer_get_type ())

G_DECLARE_FINAL_TYPE (GjTileLayer, gj_tile_layer, GJ, TILE_LAYER, ShumateLayer)

GjTileLayer  *gj_tile_layer_new        (GjTileSource    *source,
                                        ShumateViewport *viewport);
GjTileSource *gj_tile_layer_get_source (GjTileLayer     *self);
/* Shown where @self's source has nothing yet (the bare basemap under the
 * grids while they are drawn). */
void          gj_tile_layer_set_fallback (GjTileLayer  *self,
                                          GjTileSource *fallback);

G_END_DECLS
