/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>
#include <glib.h>

#include "gj-geometry.h"

G_BEGIN_DECLS

/*
 * Web Mercator arithmetic shared by the tile sources and the layers. It runs
 * in worker threads, so it is plain maths and never asks a ShumateMapSource.
 */

#define GJ_TILE_SIZE 256
#define GJ_MAX_LATITUDE 85.0511287798

/* World size in pixels at @zoom. */
static inline double
gj_map_world_size (double zoom)
{
  return GJ_TILE_SIZE * exp2 (zoom);
}

static inline double
gj_map_lon_to_x (double lon,
                 double zoom)
{
  return (lon + 180.0) / 360.0 * gj_map_world_size (zoom);
}

static inline double
gj_map_lat_to_y (double lat,
                 double zoom)
{
  double phi;

  lat = CLAMP (lat, -GJ_MAX_LATITUDE, GJ_MAX_LATITUDE);
  phi = lat * G_PI / 180.0;
  return (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * gj_map_world_size (zoom);
}

static inline double
gj_map_x_to_lon (double x,
                 double zoom)
{
  return x / gj_map_world_size (zoom) * 360.0 - 180.0;
}

static inline double
gj_map_y_to_lat (double y,
                 double zoom)
{
  double n = G_PI - 2.0 * G_PI * y / gj_map_world_size (zoom);

  return 180.0 / G_PI * atan (0.5 * (exp (n) - exp (-n)));
}

/* The lon/lat box of tile (@x, @y) at @zoom, grown by @margin pixels. */
static inline GjBBox
gj_map_tile_bbox (guint  zoom,
                  guint  x,
                  guint  y,
                  double margin)
{
  GjBBox box;

  box.min_x = gj_map_x_to_lon ((double) x * GJ_TILE_SIZE - margin, zoom);
  box.max_x = gj_map_x_to_lon ((double) (x + 1) * GJ_TILE_SIZE + margin, zoom);
  box.max_y = gj_map_y_to_lat ((double) y * GJ_TILE_SIZE - margin, zoom);
  box.min_y = gj_map_y_to_lat ((double) (y + 1) * GJ_TILE_SIZE + margin, zoom);
  return box;
}

static inline gboolean
gj_bbox_meets (const GjBBox *a,
               const GjBBox *b)
{
  return a->min_x <= b->max_x && a->max_x >= b->min_x
         && a->min_y <= b->max_y && a->max_y >= b->min_y;
}

/* A point inside the polygon for its label: the middle of the widest
 * horizontal run through the bbox centre, which lands inside L and U shapes
 * where the centre of the box does not. Deterministic, so neighbouring tiles
 * place the same label at the same spot. */
gboolean gj_map_label_point (GjGeometry *geometry,
                             double     *lon,
                             double     *lat);

G_END_DECLS
