/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/*
 * GjMbtilesSource: the raster tiles of an MBTiles file (an SQLite database
 * with a `metadata` and a `tiles` table), for a ShumateRasterRenderer.
 * Creating one opens the file read-only and checks it is raster MBTiles;
 * tiles are then read in worker threads over the source's own connection.
 * A tile the file lacks fails with G_IO_ERROR_NOT_FOUND. Every failed tile
 * is also announced by "tile-error", so a view can fill the gap or tell the
 * user.
 */

#define GJ_TYPE_MBTILES_SOURCE (gj_mbtiles_source_get_type ())

G_DECLARE_FINAL_TYPE (GjMbtilesSource, gj_mbtiles_source, GJ, MBTILES_SOURCE, ShumateDataSource)

GjMbtilesSource *gj_mbtiles_source_new             (const char      *path,
                                                    GError         **error);
const char      *gj_mbtiles_source_get_path        (GjMbtilesSource *self);
/* From the metadata table; the file's base name when it has none. */
const char      *gj_mbtiles_source_get_name        (GjMbtilesSource *self);
/* "png", "jpg" or "webp". */
const char      *gj_mbtiles_source_get_format      (GjMbtilesSource *self);
/* Plain text, or NULL. */
const char      *gj_mbtiles_source_get_attribution (GjMbtilesSource *self);
guint            gj_mbtiles_source_get_min_zoom    (GjMbtilesSource *self);
guint            gj_mbtiles_source_get_max_zoom    (GjMbtilesSource *self);
/* The area the file covers (WGS-84 degrees); FALSE when it does not say. */
gboolean         gj_mbtiles_source_get_bounds      (GjMbtilesSource *self,
                                                    double          *west,
                                                    double          *south,
                                                    double          *east,
                                                    double          *north);

G_END_DECLS
