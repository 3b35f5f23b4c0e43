/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-types.h"

G_BEGIN_DECLS

/*
 * GjGeometry: a WGS-84 (lon, lat) geometry as the store keeps it — a point,
 * or polygons made of rings (first ring the exterior, the others holes).
 * Reference counted; treat a geometry handed to a record as immutable.
 */

#define GJ_TYPE_GEOMETRY (gj_geometry_get_type ())

typedef enum
{
  GJ_GEOMETRY_POINT,
  GJ_GEOMETRY_POLYGON,
  GJ_GEOMETRY_MULTI_POLYGON,
} GjGeometryType;

typedef struct
{
  double min_x, min_y, max_x, max_y;
} GjBBox;

GType           gj_geometry_get_type        (void) G_GNUC_CONST;
GjGeometry     *gj_geometry_new             (GjGeometryType  type);
GjGeometry     *gj_geometry_new_point       (double          x,
                                             double          y);
GjGeometry     *gj_geometry_ref             (GjGeometry     *self);
void            gj_geometry_unref           (GjGeometry     *self);

/* Building: polygons hold rings, rings hold points. */
void            gj_geometry_begin_polygon   (GjGeometry     *self);
void            gj_geometry_begin_ring      (GjGeometry     *self);
void            gj_geometry_add_point       (GjGeometry     *self,
                                             double          x,
                                             double          y);

GjGeometryType  gj_geometry_get_geometry_type (GjGeometry   *self);
guint           gj_geometry_get_n_polygons  (GjGeometry     *self);
/* Rings of polygon @polygon are @first_ring … @first_ring + @n_rings - 1. */
void            gj_geometry_get_polygon     (GjGeometry     *self,
                                             guint           polygon,
                                             guint          *first_ring,
                                             guint          *n_rings);
guint           gj_geometry_get_n_rings     (GjGeometry     *self);
/* The ring's points as x,y pairs; borrowed. */
const double   *gj_geometry_get_ring        (GjGeometry     *self,
                                             guint           ring,
                                             guint          *n_points);
gsize           gj_geometry_get_n_points    (GjGeometry     *self);

gboolean        gj_geometry_equal           (GjGeometry     *a,
                                             GjGeometry     *b);
GjBBox          gj_geometry_get_bbox        (GjGeometry     *self);
/* Geodesic area on the WGS-84 ellipsoid, square metres; holes subtracted. */
double          gj_geometry_geodesic_area   (GjGeometry     *self);
gboolean        gj_geometry_contains_point  (GjGeometry     *self,
                                             double          x,
                                             double          y);
/* Signed planar area of a ring in degrees²: > 0 counter-clockwise. */
double          gj_geometry_ring_signed_area (GjGeometry    *self,
                                             guint           ring);

/*
 * The checks an importer makes before it accepts a shape: rings closed, at
 * least four points, coordinates inside WGS-84 bounds. Returns FALSE and a
 * sentence in @reason (translated) naming the first problem.
 */
gboolean        gj_geometry_check_basic     (GjGeometry     *self,
                                             char          **reason);

/* The store's compact binary form. */
GBytes         *gj_geometry_to_bytes        (GjGeometry     *self);
GjGeometry     *gj_geometry_new_from_bytes  (gconstpointer   data,
                                             gsize           size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjGeometry, gj_geometry_unref)

G_END_DECLS
