/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-basemap-source.h"

G_BEGIN_DECLS

/* The basemap's drawing, for GjGridSource to put its grids in between. */

typedef enum
{
  GJ_BASEMAP_GROUND     = 1 << 0,  /* background and the district's area */
  GJ_BASEMAP_BOUNDARIES = 1 << 1,  /* street and district boundaries */
  GJ_BASEMAP_NAMES      = 1 << 2,  /* district and street names */
  GJ_BASEMAP_ALL        = 0x7,
} GjBasemapParts;

/* Main thread: what a worker needs to draw the basemap as it is now. */
gpointer gj_basemap_source_dup_state (GjBasemapSource *self);
void     gj_basemap_state_unref      (gpointer         state);
/* Worker thread. Returns FALSE when the tile holds nothing of the district. */
gboolean gj_basemap_state_draw       (gpointer         state,
                                      GjStore         *store,
                                      cairo_t         *cr,
                                      guint            zoom,
                                      guint            x,
                                      guint            y,
                                      GjBasemapParts   parts);

G_END_DECLS
