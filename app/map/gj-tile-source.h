/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "gj-geometry.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * GjTileSource: a ShumateMapSource whose 256-pixel tiles a subclass draws
 * with cairo in a worker thread, each worker with its own GjStore opened on
 * the main store's path. Finished tiles stay in a cache (least recently used
 * out); invalidating marks cached tiles stale rather than dropping them, so
 * the map keeps showing the old tile until the new one is ready and nothing
 * flickers. "changed" tells views to ask for their visible tiles again.
 */

#define GJ_TYPE_TILE_SOURCE (gj_tile_source_get_type ())

G_DECLARE_DERIVABLE_TYPE (GjTileSource, gj_tile_source, GJ, TILE_SOURCE, ShumateMapSource)

struct _GjTileSourceClass
{
  ShumateMapSourceClass parent_class;

  /* Main thread: a reference to what one render needs; the worker reads it
   * while the main thread may already have moved on. */
  gpointer (*ref_state)   (GjTileSource *self);
  void     (*unref_state) (gpointer      state);

  /* Worker thread: draw tile (@x, @y) at @zoom into @cr, a cleared
   * 256 × 256 surface. @store is NULL when the source has none. Returns TRUE
   * when it drew something that differs from the source's blank tile. */
  gboolean (*render)      (GjTileSource  *self,
                           gpointer       state,
                           GjStore       *store,
                           cairo_t       *cr,
                           guint          zoom,
                           guint          x,
                           guint          y,
                           GCancellable  *cancellable);

  /* Main thread: the store changed; cached tiles are already gone. */
  void     (*store_changed) (GjTileSource *self);

  gpointer padding[7];
};

void      gj_tile_source_set_store      (GjTileSource  *self,
                                         GjStore       *store);
GjStore  *gj_tile_source_get_store      (GjTileSource  *self);

/* Tiles whose area (grown by the label margin) meets @bbox are drawn again
 * when next asked for; NULL means every tile. */
void      gj_tile_source_invalidate     (GjTileSource  *self,
                                         const GjBBox  *bbox);
/* Pixels beyond a tile's edge whose features may draw into it (labels). */
void      gj_tile_source_set_margin     (GjTileSource  *self,
                                         double         margin);

/* TRUE when a current (not stale) drawing of the tile is cached. */
gboolean  gj_tile_source_is_cached      (GjTileSource  *self,
                                         guint          zoom,
                                         guint          x,
                                         guint          y);
/* Number of tile renders queued or running. */
guint     gj_tile_source_get_n_pending  (GjTileSource  *self);

/* For GjTileLayer: the cached drawing of a tile (borrowed), fresh or stale,
 * or NULL; and a request to draw it, answered by "tile-ready". */
GdkTexture *gj_tile_source_peek         (GjTileSource  *self,
                                         guint          zoom,
                                         guint          x,
                                         guint          y,
                                         gboolean      *fresh);
void      gj_tile_source_request        (GjTileSource  *self,
                                         guint          zoom,
                                         guint          x,
                                         guint          y);
/* The tiles a layer shows now; requests for others are dropped unstarted. */
void      gj_tile_source_set_wanted     (GjTileSource  *self,
                                         guint          zoom,
                                         int            min_x,
                                         int            min_y,
                                         int            max_x,
                                         int            max_y);

/* Draws one tile now in this thread, bypassing the cache (tests, printing). */
GdkTexture *gj_tile_source_render_tile  (GjTileSource  *self,
                                         guint          zoom,
                                         guint          x,
                                         guint          y);

G_END_DECLS
