/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include "gj-topology.h"

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
              guint                ring)
{
  guint n;
  const double *xy = gj_geometry_get_ring (g, ring, &n);
  GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r (ctx, xy, n, 0, 0);

  return seq ? GEOSGeom_createLinearRing_r (ctx, seq) : NULL;
}

/* GjGeometry → GEOS (MultiPolygon, or Point); NULL if GEOS refuses it. */
static GEOSGeometry *
to_geos (GEOSContextHandle_t  ctx,
         GjGeometry          *g)
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
      shell = ring_to_geos (ctx, g, first);
      holes = g_new0 (GEOSGeometry *, MAX (n_rings, 1));
      for (guint r = 1; r < n_rings; r++)
        if ((holes[r - 1] = ring_to_geos (ctx, g, first + r)) == NULL)
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
      GEOSGeometry *g = to_geos (ctx, geometries->pdata[i]);

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
  GEOSGeometry *g = to_geos (ctx, geometry);
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
