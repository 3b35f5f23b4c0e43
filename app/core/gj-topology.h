/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gj-geometry.h"

G_BEGIN_DECLS

/*
 * Topology through GEOS: unions, validity, overlaps. Every function is
 * thread-safe (a GEOS context per call); geometries are WGS-84 lon/lat.
 */

/* The union of @geometries (GjGeometry*). With @coverage the pieces are
 * known to tile without overlaps (grids), which GEOS unions much faster;
 * if that fails it falls back to a general union. NULL when empty. */
GjGeometry *gj_topology_union    (GPtrArray   *geometries,
                                  gboolean     coverage);

/* OGC validity (self-intersections, bad rings …); @reason says why not,
 * in GEOS's words with the place (e.g. "Self-intersection[112.4 34.6]"). */
gboolean    gj_topology_is_valid (GjGeometry  *geometry,
                                  char       **reason);

typedef struct
{
  guint       a, b;      /* indexes into the input array, a < b */
  GjGeometry *shared;    /* the area both cover */
} GjOverlap;

void        gj_overlap_free       (GjOverlap   *overlap);

/* Pairs of @geometries whose interiors overlap by more than
 * @min_area_m2 (geodesic); an STRtree finds the candidates. Cancellable
 * between candidates; NULL when cancelled. */
GPtrArray  *gj_topology_overlaps  (GPtrArray    *geometries,
                                   double        min_area_m2,
                                   GCancellable *cancellable);

/* The holes inside @outline (the union of a coverage) larger than
 * @min_area_m2: the gaps between grids. Each is a polygon. */
GPtrArray  *gj_topology_gaps      (GjGeometry   *outline,
                                   double        min_area_m2);

G_END_DECLS
