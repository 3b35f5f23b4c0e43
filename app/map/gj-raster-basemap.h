/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* The map under the grids; the values of the "basemap" setting. */
typedef enum {
  GJ_BASEMAP_OFFLINE,        /* drawn by Gongjian itself, needs no network */
  GJ_BASEMAP_MBTILES,        /* a raster MBTiles file */
  GJ_BASEMAP_OPENSTREETMAP,  /* online */
  GJ_BASEMAP_TIANDITU,       /* online, with the user's key */
} GjBasemapKind;

#define GJ_BASEMAP_LAST GJ_BASEMAP_TIANDITU

/*
 * GjRasterBasemap: a basemap of ready-made raster tiles — an MBTiles file,
 * OpenStreetMap, or Tianditu's map with its labels above — as ShumateMapLayers
 * put into a map under its other layers. It watches its tiles: the first
 * that fails for a reason the user can act on emits "failed" with a message
 * for them, once; from the first tile it cannot show (failed or missing)
 * "has-gaps" is TRUE, so the view can draw its offline basemap beneath.
 */

#define GJ_TYPE_RASTER_BASEMAP (gj_raster_basemap_get_type ())

G_DECLARE_FINAL_TYPE (GjRasterBasemap, gj_raster_basemap, GJ, RASTER_BASEMAP, GObject)

/* @arg: the MBTiles file's path or the Tianditu key. Fails, with a message
 * for the user, when the file cannot be used or the key is missing. */
GjRasterBasemap *gj_raster_basemap_new          (GjBasemapKind     kind,
                                                 const char       *arg,
                                                 GError          **error);
/* Tests: an uncached online basemap called @name, from @url_template. */
GjRasterBasemap *gj_raster_basemap_new_for_url  (const char       *name,
                                                 const char       *url_template);
GjBasemapKind    gj_raster_basemap_get_kind     (GjRasterBasemap  *self);
gboolean         gj_raster_basemap_get_has_gaps (GjRasterBasemap  *self);
gboolean         gj_raster_basemap_get_failed   (GjRasterBasemap  *self);

/* Puts the layers into @map behind @above and the attribution into
 * @license; detach takes them out again. */
void             gj_raster_basemap_attach       (GjRasterBasemap  *self,
                                                 ShumateMap       *map,
                                                 ShumateLayer     *above,
                                                 ShumateLicense   *license);
void             gj_raster_basemap_detach       (GjRasterBasemap  *self);

G_END_DECLS
