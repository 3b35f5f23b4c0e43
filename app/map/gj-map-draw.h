/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>
#include <pango/pangocairo.h>

#include "gj-geometry.h"

G_BEGIN_DECLS

/* Drawing helpers the tile sources share; safe in worker threads. */

typedef struct
{
  guint zoom;
  guint x, y;   /* the tile; its top-left corner is the cairo origin */
} GjMapTransform;

/* Adds every ring of @geometry to the current path, in tile pixels. */
void gj_map_draw_geometry_path (cairo_t              *cr,
                                const GjMapTransform *transform,
                                GjGeometry           *geometry);

/* Draws @text centred on (@lon, @lat) with a halo, shifted down by @dy
 * pixels, unless it would fall wholly outside the tile. Returns the
 * label's width in pixels. */
double gj_map_draw_label       (cairo_t              *cr,
                                PangoLayout          *layout,
                                const GjMapTransform *transform,
                                double                lon,
                                double                lat,
                                const char           *text,
                                const char           *font,
                                const GdkRGBA        *color,
                                const GdkRGBA        *halo,
                                double                dy);

/* The width in pixels @text takes in @font. */
double gj_map_measure_text     (PangoLayout          *layout,
                                const char           *text,
                                const char           *font);

G_END_DECLS
