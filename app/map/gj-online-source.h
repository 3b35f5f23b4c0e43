/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/*
 * GjOnlineSource: raster tiles from an XYZ server, for a
 * ShumateRasterRenderer. Unlike ShumateTileDownloader (libshumate 1.0.3) it
 * names itself to the server with Gongjian's User-Agent, as tile servers'
 * usage policies ask, and it says why a tile failed: every failed tile is
 * announced by "tile-error". After the server could not be reached at all,
 * tiles not in the disk cache fail at once for a while instead of trying the
 * network (and the DNS) once per tile.
 */

#define GJ_TYPE_ONLINE_SOURCE (gj_online_source_get_type ())

G_DECLARE_FINAL_TYPE (GjOnlineSource, gj_online_source, GJ, ONLINE_SOURCE, ShumateDataSource)

#define GJ_ONLINE_SOURCE_ERROR (gj_online_source_error_quark ())

/* A tile outside the server's zoom range, or one it does not have (HTTP
 * 404), fails with G_IO_ERROR_NOT_FOUND instead: a gap, not a failure. */
typedef enum {
  GJ_ONLINE_SOURCE_ERROR_UNREACHABLE,   /* no network, no DNS, TLS, time-out */
  GJ_ONLINE_SOURCE_ERROR_REFUSED,       /* HTTP 401/403, or a page instead of an image: often a bad key */
  GJ_ONLINE_SOURCE_ERROR_BAD_RESPONSE,  /* any other HTTP error */
} GjOnlineSourceError;

GQuark          gj_online_source_error_quark     (void);

/* @url_template: "{z}", "{x}", "{y}" stand for the tile, "{s}" for one of
 * the subdomains. @cache_key names the tiles' disk cache, NULL for none. */
GjOnlineSource *gj_online_source_new             (const char     *url_template,
                                                  const char     *cache_key);
const char     *gj_online_source_get_url_template (GjOnlineSource *self);
/* Characters that "{s}" takes in turn, e.g. "01234567". */
void            gj_online_source_set_subdomains  (GjOnlineSource *self,
                                                  const char     *subdomains);
void            gj_online_source_set_zoom_range  (GjOnlineSource *self,
                                                  guint           min_zoom,
                                                  guint           max_zoom);
/* The request's address for a tile (tests, messages). */
char           *gj_online_source_dup_tile_uri    (GjOnlineSource *self,
                                                  int             x,
                                                  int             y,
                                                  int             zoom);

G_END_DECLS
