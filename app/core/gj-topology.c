/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#include <math.h>

#include "gj-topology.h"

#define SNAP_GRID 1e-9

static void
geos_message (const char *message,
              void       *user_data)
{
  g_debug ("GEOS: %s", message);
}

static GEOSContextHandle_t
context_new (void)
{
  GEOSContextHandle_t ctx = GEOS_init_r ();

  GEOSContext_setNoticeMessageHandler_r (ctx, geos_message, NULL);
  GEOSContext_setErrorMessageHandler_r (ctx, geos_message, NULL);
  return ctx;
}

static GEOSGeometry *
ring_to_geos (GEOSContextHandle_t  ctx,
              GjGeometry          *g,
              guint                ring,
              gboolean             snap)
{
  guint n;
  const double *xy = gj_geometry_get_ring (g, ring, &n);
  g_autofree double *snapped = NULL;
  GEOSCoordSequence *seq;

  /* Coordinates written by other tools differ in the last digits
   * (34.019999999999996 against 34.020000000000003); rounded to a 1e-9°
   * (0.1 mm) grid, shared edges become exactly shared, and a union no
   * longer leaves hairline slivers that hide the gaps between grids. */
  if (snap)
    {
      snapped = g_new (double, 2 * n);
      for (guint i = 0; i < 2 * n; i++)
        snapped[i] = round (xy[i] / SNAP_GRID) * SNAP_GRID;
      xy = snapped;
    }
  seq = GEOSCoordSeq_copyFromBuffer_r (ctx, xy, n, 0, 0);
  return seq ? GEOSGeom_createLinearRing_r (ctx, seq) : NULL;
}

/* GjGeometry → GEOS (MultiPolygon, or Point); NULL if GEOS refuses it. */
static GEOSGeometry *
to_geos (GEOSContextHandle_t  ctx,
         GjGeometry          *g,
         gboolean             snap)
{
  guint n_polys = gj_geometry_get_n_polygons (g);
  g_autofree GEOSGeometry **polys = NULL;
  guint made = 0;

  if (gj_geometry_get_geometry_type (g) == GJ_GEOMETRY_POINT)
    return NULL;

  polys = g_new0 (GEOSGeometry *, MAX (n_polys, 1));
  for (guint p = 0; p < n_polys; p++)
    {
      guint first, n_rings;
      g_autofree GEOSGeometry **holes = NULL;
      GEOSGeometry *shell;
      gboolean ok = TRUE;

      gj_geometry_get_polygon (g, p, &first, &n_rings);
      shell = ring_to_geos (ctx, g, first, snap);
      holes = g_new0 (GEOSGeometry *, MAX (n_rings, 1));
      for (guint r = 1; r < n_rings; r++)
        if ((holes[r - 1] = ring_to_geos (ctx, g, first + r, snap)) == NULL)
          ok = FALSE;
      if (shell == NULL || !ok)
        {
          if (shell)
            GEOSGeom_destroy_r (ctx, shell);
          for (guint r = 0; r + 1 < n_rings; r++)
            if (holes[r])
              GEOSGeom_destroy_r (ctx, holes[r]);
          continue;
        }
      polys[made++] = GEOSGeom_createPolygon_r (ctx, shell, holes, n_rings - 1);
    }
  return GEOSGeom_createCollection_r (ctx, GEOS_MULTIPOLYGON, polys, made);
}

static void
add_polygon (GEOSContextHandle_t  ctx,
             const GEOSGeometry  *poly,
             GjGeometry          *out)
{
  int n_holes = GEOSGetNumInteriorRings_r (ctx, poly);

  gj_geometry_begin_polygon (out);
  for (int r = -1; r < n_holes; r++)
    {
      const GEOSGeometry *ring = r < 0 ? GEOSGetExteriorRing_r (ctx, poly) : GEOSGetInteriorRingN_r (ctx, poly, r);
      const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (ctx, ring);
      unsigned int n = 0;
      g_autofree double *xy = NULL;

      if (seq == NULL || !GEOSCoordSeq_getSize_r (ctx, seq, &n) || n == 0)
        continue;
      xy = g_new (double, 2 * n);
      GEOSCoordSeq_copyToBuffer_r (ctx, seq, xy, 0, 0);
      gj_geometry_begin_ring (out);
      for (unsigned int i = 0; i < n; i++)
        gj_geometry_add_point (out, xy[2 * i], xy[2 * i + 1]);
    }
}

static void
collect_polygons (GEOSContextHandle_t  ctx,
                  const GEOSGeometry  *g,
                  GjGeometry          *out)
{
  switch (GEOSGeomTypeId_r (ctx, g))
    {
    case GEOS_POLYGON:
      if (!GEOSisEmpty_r (ctx, g))
        add_polygon (ctx, g, out);
      break;
    case GEOS_MULTIPOLYGON:
    case GEOS_GEOMETRYCOLLECTION:
      for (int i = 0; i < GEOSGetNumGeometries_r (ctx, g); i++)
        collect_polygons (ctx, GEOSGetGeometryN_r (ctx, g, i), out);
      break;
    default:
      break;
    }
}

GjGeometry *
gj_topology_union (GPtrArray *geometries,
                   gboolean   coverage)
{
  GEOSContextHandle_t ctx = context_new ();
  g_autofree GEOSGeometry **parts = g_new0 (GEOSGeometry *, MAX (geometries->len, 1));
  GEOSGeometry *all, *result = NULL;
  GjGeometry *out = NULL;
  guint n = 0;

  for (guint i = 0; i < geometries->len; i++)
    {
      GEOSGeometry *g = to_geos (ctx, geometries->pdata[i], TRUE);

      if (g == NULL)
        continue;
      /* The parts of each multipolygon become members of the collection. */
      for (int k = 0; k < GEOSGetNumGeometries_r (ctx, g); k++)
        {
          parts = g_renew (GEOSGeometry *, parts, n + 1);
          parts[n++] = GEOSGeom_clone_r (ctx, GEOSGetGeometryN_r (ctx, g, k));
        }
      GEOSGeom_destroy_r (ctx, g);
    }
  if (n == 0)
    {
      GEOS_finish_r (ctx);
      return NULL;
    }

  all = GEOSGeom_createCollection_r (ctx, GEOS_GEOMETRYCOLLECTION, parts, n);
  if (coverage)
    result = GEOSCoverageUnion_r (ctx, all);
  if (result == NULL || GEOSisValid_r (ctx, result) != 1)
    {
      if (result)
        GEOSGeom_destroy_r (ctx, result);
      result = GEOSUnaryUnion_r (ctx, all);
    }
  if (result != NULL)
    {
      out = gj_geometry_new (GJ_GEOMETRY_MULTI_POLYGON);
      collect_polygons (ctx, result, out);
      GEOSGeom_destroy_r (ctx, result);
    }
  GEOSGeom_destroy_r (ctx, all);
  GEOS_finish_r (ctx);
  return out;
}

gboolean
gj_topology_is_valid (GjGeometry  *geometry,
                      char       **reason)
{
  GEOSContextHandle_t ctx = context_new ();
  GEOSGeometry *g = to_geos (ctx, geometry, FALSE);
  gboolean valid;

  if (g == NULL)
    {
      GEOS_finish_r (ctx);
      if (reason)
        *reason = g_strdup ("not a polygon");
      return FALSE;
    }
  valid = GEOSisValid_r (ctx, g) == 1;
  if (!valid && reason)
    {
      char *why = GEOSisValidReason_r (ctx, g);

      *reason = g_strdup (why);
      GEOSFree_r (ctx, why);
    }
  GEOSGeom_destroy_r (ctx, g);
  GEOS_finish_r (ctx);
  return valid;
}

void
gj_overlap_free (GjOverlap *overlap)
{
  if (overlap == NULL)
    return;
  g_clear_pointer (&overlap->shared, gj_geometry_unref);
  g_free (overlap);
}

typedef struct
{
  GArray *hits;   /* guint */
} QueryData;

static void
query_cb (void *item,
          void *user_data)
{
  QueryData *q = user_data;
  guint index = GPOINTER_TO_UINT (item) - 1;

  g_array_append_val (q->hits, index);
}

GPtrArray *
gj_topology_overlaps (GPtrArray    *geometries,
                      double        min_area_m2,
                      GCancellable *cancellable)
{
  GEOSContextHandle_t ctx = context_new ();
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) gj_overlap_free);
  g_autofree GEOSGeometry **geos = g_new0 (GEOSGeometry *, MAX (geometries->len, 1));
  GEOSSTRtree *tree = GEOSSTRtree_create_r (ctx, 10);
  QueryData q = { g_array_new (FALSE, FALSE, sizeof (guint)) };
  gboolean cancelled = FALSE;

  for (guint i = 0; i < geometries->len; i++)
    {
      geos[i] = to_geos (ctx, geometries->pdata[i], FALSE);
      /* Item pointers are index + 1, never NULL. */
      if (geos[i] != NULL)
        GEOSSTRtree_insert_r (ctx, tree, geos[i], GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < geometries->len && !cancelled; i++)
    {
      const GEOSPreparedGeometry *prepared;

      if (geos[i] == NULL)
        continue;
      if (i % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      g_array_set_size (q.hits, 0);
      GEOSSTRtree_query_r (ctx, tree, geos[i], query_cb, &q);
      if (q.hits->len <= 1)
        continue;

      prepared = GEOSPrepare_r (ctx, geos[i]);
      for (guint k = 0; k < q.hits->len; k++)
        {
          guint j = g_array_index (q.hits, guint, k);
          GEOSGeometry *shared;

          /* Each pair once. Neighbours in a tiling only touch; interiors
           * meet when one overlaps, contains or lies within the other. */
          if (j <= i)
            continue;
          if (GEOSPreparedOverlaps_r (ctx, prepared, geos[j]) != 1 &&
              GEOSPreparedContains_r (ctx, prepared, geos[j]) != 1 &&
              GEOSPreparedWithin_r (ctx, prepared, geos[j]) != 1)
            continue;
          shared = GEOSIntersection_r (ctx, geos[i], geos[j]);
          if (shared != NULL)
            {
              GjGeometry *g = gj_geometry_new (GJ_GEOMETRY_MULTI_POLYGON);

              collect_polygons (ctx, shared, g);
              GEOSGeom_destroy_r (ctx, shared);
              if (gj_geometry_get_n_polygons (g) > 0 && gj_geometry_geodesic_area (g) > min_area_m2)
                {
                  GjOverlap *o = g_new0 (GjOverlap, 1);

                  o->a = i;
                  o->b = j;
                  o->shared = g;
                  g_ptr_array_add (result, o);
                }
              else
                gj_geometry_unref (g);
            }
        }
      GEOSPreparedGeom_destroy_r (ctx, prepared);
    }

  GEOSSTRtree_destroy_r (ctx, tree);
  for (guint i = 0; i < geometries->len; i++)
    if (geos[i] != NULL)
      GEOSGeom_destroy_r (ctx, geos[i]);
  g_array_unref (q.hits);
  GEOS_finish_r (ctx);
  return cancelled ? NULL : g_steal_pointer (&result);
}

GPtrArray *
gj_topology_gaps (GjGeometry *outline,
                  double      min_area_m2)
{
  GPtrArray *gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) gj_geometry_unref);

  for (guint p = 0; p < gj_geometry_get_n_polygons (outline); p++)
    {
      guint first, n_rings;

      gj_geometry_get_polygon (outline, p, &first, &n_rings);
      for (guint r = 1; r < n_rings; r++)
        {
          guint n;
          const double *xy = gj_geometry_get_ring (outline, first + r, &n);
          GjGeometry *hole = gj_geometry_new (GJ_GEOMETRY_POLYGON);

          gj_geometry_begin_polygon (hole);
          gj_geometry_begin_ring (hole);
          for (guint i = 0; i < n; i++)
            gj_geometry_add_point (hole, xy[2 * i], xy[2 * i + 1]);
          if (gj_geometry_geodesic_area (hole) > min_area_m2)
            g_ptr_array_add (gaps, hole);
          else
            gj_geometry_unref (hole);
        }
    }
  return gaps;
}
