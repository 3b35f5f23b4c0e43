/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <geodesic.h>
#include <math.h>
#include <string.h>

#include "gj-geometry.h"

struct _GjGeometry
{
  gatomicrefcount ref_count;
  GjGeometryType  type;
  GArray         *polygon_rings; /* guint: number of rings in each polygon */
  GArray         *ring_points;   /* guint: number of points in each ring */
  GArray         *ring_offsets;  /* guint: first point of each ring */
  GArray         *coords;        /* double: x, y, x, y … */
  /* The geodesic area, kept once computed (an import's helper thread works
   * it out ahead of the store's write). Whatever changes the shape sets
   * area_state back to AREA_UNKNOWN. */
  int             area_state;
  double          area;
};

enum
{
  AREA_UNKNOWN,
  AREA_WRITING,
  AREA_KNOWN,
};

G_DEFINE_BOXED_TYPE (GjGeometry, gj_geometry, gj_geometry_ref, gj_geometry_unref)

#define BLOB_MAGIC "GJG1"

GjGeometry *
gj_geometry_new (GjGeometryType type)
{
  GjGeometry *self = g_new0 (GjGeometry, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->type = type;
  self->polygon_rings = g_array_new (FALSE, FALSE, sizeof (guint));
  self->ring_points = g_array_new (FALSE, FALSE, sizeof (guint));
  self->ring_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->coords = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

GjGeometry *
gj_geometry_new_point (double x,
                       double y)
{
  GjGeometry *self = gj_geometry_new (GJ_GEOMETRY_POINT);

  g_array_append_val (self->coords, x);
  g_array_append_val (self->coords, y);
  return self;
}

GjGeometry *
gj_geometry_ref (GjGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gj_geometry_unref (GjGeometry *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->polygon_rings);
      g_array_unref (self->ring_points);
      g_array_unref (self->ring_offsets);
      g_array_unref (self->coords);
      g_free (self);
    }
}

void
gj_geometry_begin_polygon (GjGeometry *self)
{
  guint zero = 0;

  g_return_if_fail (self->type != GJ_GEOMETRY_POINT);
  self->area_state = AREA_UNKNOWN;
  g_array_append_val (self->polygon_rings, zero);
}

void
gj_geometry_begin_ring (GjGeometry *self)
{
  guint zero = 0;
  guint offset = self->coords->len / 2;

  g_return_if_fail (self->polygon_rings->len > 0);
  self->area_state = AREA_UNKNOWN;
  g_array_index (self->polygon_rings, guint, self->polygon_rings->len - 1)++;
  g_array_append_val (self->ring_points, zero);
  g_array_append_val (self->ring_offsets, offset);
}

void
gj_geometry_add_point (GjGeometry *self,
                       double      x,
                       double      y)
{
  g_return_if_fail (self->ring_points->len > 0);
  self->area_state = AREA_UNKNOWN;
  g_array_append_val (self->coords, x);
  g_array_append_val (self->coords, y);
  g_array_index (self->ring_points, guint, self->ring_points->len - 1)++;
}

GjGeometryType
gj_geometry_get_geometry_type (GjGeometry *self)
{
  return self->type;
}

guint
gj_geometry_get_n_polygons (GjGeometry *self)
{
  return self->polygon_rings->len;
}

void
gj_geometry_get_polygon (GjGeometry *self,
                         guint       polygon,
                         guint      *first_ring,
                         guint      *n_rings)
{
  guint first = 0;

  g_return_if_fail (polygon < self->polygon_rings->len);
  for (guint i = 0; i < polygon; i++)
    first += g_array_index (self->polygon_rings, guint, i);
  if (first_ring)
    *first_ring = first;
  if (n_rings)
    *n_rings = g_array_index (self->polygon_rings, guint, polygon);
}

guint
gj_geometry_get_n_rings (GjGeometry *self)
{
  return self->ring_points->len;
}

const double *
gj_geometry_get_ring (GjGeometry *self,
                      guint       ring,
                      guint      *n_points)
{
  g_return_val_if_fail (ring < self->ring_points->len, NULL);
  if (n_points)
    *n_points = g_array_index (self->ring_points, guint, ring);
  return &g_array_index (self->coords, double, 2 * g_array_index (self->ring_offsets, guint, ring));
}

gsize
gj_geometry_get_n_points (GjGeometry *self)
{
  return self->coords->len / 2;
}

static gboolean
arrays_equal (GArray *a,
              GArray *b,
              gsize   elt)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * elt) == 0;
}

gboolean
gj_geometry_equal (GjGeometry *a,
                   GjGeometry *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return a->type == b->type &&
         arrays_equal (a->polygon_rings, b->polygon_rings, sizeof (guint)) &&
         arrays_equal (a->ring_points, b->ring_points, sizeof (guint)) &&
         arrays_equal (a->coords, b->coords, sizeof (double));
}

GjBBox
gj_geometry_get_bbox (GjGeometry *self)
{
  GjBBox box = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  const double *c = (const double *) self->coords->data;

  for (guint i = 0; i + 1 < self->coords->len; i += 2)
    {
      box.min_x = MIN (box.min_x, c[i]);
      box.max_x = MAX (box.max_x, c[i]);
      box.min_y = MIN (box.min_y, c[i + 1]);
      box.max_y = MAX (box.max_y, c[i + 1]);
    }
  return box;
}

static double
ring_geodesic_area (const struct geod_geodesic *g,
                    const double               *xy,
                    guint                       n)
{
  struct geod_polygon p;
  double area = 0, perimeter = 0;

  /* The closing point repeats the first: leave it out. */
  if (n > 1 && xy[0] == xy[2 * (n - 1)] && xy[1] == xy[2 * (n - 1) + 1])
    n--;
  geod_polygon_init (&p, FALSE);
  for (guint i = 0; i < n; i++)
    geod_polygon_addpoint (g, &p, xy[2 * i + 1], xy[2 * i]);
  geod_polygon_compute (g, &p, FALSE, TRUE, &area, &perimeter);
  return fabs (area);
}

/* The WGS-84 ellipsoid, set up once. */
static const struct geod_geodesic *
wgs84 (void)
{
  static struct geod_geodesic g;
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      geod_init (&g, 6378137.0, 1 / 298.257223563);
      g_once_init_leave (&ready, 1);
    }
  return &g;
}

double
gj_geometry_geodesic_area (GjGeometry *self)
{
  const struct geod_geodesic *g;
  double total = 0;
  guint ring = 0;

  if (self->type == GJ_GEOMETRY_POINT)
    return 0;
  if (g_atomic_int_get (&self->area_state) == AREA_KNOWN)
    return self->area;

  g = wgs84 ();
  for (guint p = 0; p < self->polygon_rings->len; p++)
    {
      guint n_rings = g_array_index (self->polygon_rings, guint, p);

      for (guint r = 0; r < n_rings; r++, ring++)
        {
          guint n;
          const double *xy = gj_geometry_get_ring (self, ring, &n);
          double a = ring_geodesic_area (g, xy, n);

          total += r == 0 ? a : -a;
        }
    }
  /* Two threads may ask at once; the first to finish keeps its answer. */
  if (g_atomic_int_compare_and_exchange (&self->area_state, AREA_UNKNOWN, AREA_WRITING))
    {
      self->area = total;
      g_atomic_int_set (&self->area_state, AREA_KNOWN);
    }
  return total;
}

static gboolean
ring_contains (const double *xy,
               guint         n,
               double        x,
               double        y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = xy[2 * i], yi = xy[2 * i + 1];
      double xj = xy[2 * j], yj = xy[2 * j + 1];

      if (((yi > y) != (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi))
        inside = !inside;
    }
  return inside;
}

gboolean
gj_geometry_contains_point (GjGeometry *self,
                            double      x,
                            double      y)
{
  guint ring = 0;

  if (self->type == GJ_GEOMETRY_POINT)
    return FALSE;

  for (guint p = 0; p < self->polygon_rings->len; p++)
    {
      guint n_rings = g_array_index (self->polygon_rings, guint, p);
      gboolean in_exterior = FALSE, in_hole = FALSE;

      for (guint r = 0; r < n_rings; r++, ring++)
        {
          guint n;
          const double *xy = gj_geometry_get_ring (self, ring, &n);
          gboolean in_ring = n >= 3 && ring_contains (xy, n, x, y);

          if (r == 0)
            in_exterior = in_ring;
          else if (in_ring)
            in_hole = TRUE;
        }
      if (in_exterior && !in_hole)
        return TRUE;
    }
  return FALSE;
}

double
gj_geometry_ring_signed_area (GjGeometry *self,
                              guint       ring)
{
  guint n;
  const double *xy = gj_geometry_get_ring (self, ring, &n);
  double sum = 0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    sum += (xy[2 * j] * xy[2 * i + 1]) - (xy[2 * i] * xy[2 * j + 1]);
  return sum / 2;
}

gboolean
gj_geometry_check_basic (GjGeometry  *self,
                         char       **reason)
{
  const double *c = (const double *) self->coords->data;

  for (guint i = 0; i + 1 < self->coords->len; i += 2)
    {
      if (!isfinite (c[i]) || !isfinite (c[i + 1]) ||
          c[i] < -180 || c[i] > 180 || c[i + 1] < -90 || c[i + 1] > 90)
        {
          if (reason)
            *reason = g_strdup_printf (_("coordinate (%g, %g) lies outside WGS-84 longitude/latitude bounds"),
                                       c[i], c[i + 1]);
          return FALSE;
        }
    }

  if (self->type == GJ_GEOMETRY_POINT)
    return TRUE;

  if (self->polygon_rings->len == 0)
    {
      if (reason)
        *reason = g_strdup (_("the polygon has no rings"));
      return FALSE;
    }

  for (guint r = 0; r < self->ring_points->len; r++)
    {
      guint n;
      const double *xy = gj_geometry_get_ring (self, r, &n);

      if (n < 4)
        {
          if (reason)
            *reason = g_strdup_printf (_("ring %u has %u points; a closed ring needs at least 4"), r + 1, n);
          return FALSE;
        }
      if (xy[0] != xy[2 * (n - 1)] || xy[1] != xy[2 * (n - 1) + 1])
        {
          if (reason)
            *reason = g_strdup_printf (_("ring %u is not closed: its last point differs from its first"), r + 1);
          return FALSE;
        }
    }
  for (guint p = 0; p < self->polygon_rings->len; p++)
    if (g_array_index (self->polygon_rings, guint, p) == 0)
      {
        if (reason)
          *reason = g_strdup_printf (_("polygon %u has no rings"), p + 1);
        return FALSE;
      }
  return TRUE;
}

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

GBytes *
gj_geometry_to_bytes (GjGeometry *self)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) BLOB_MAGIC, 4);
  put_u32 (out, self->type);
  put_u32 (out, self->polygon_rings->len);
  put_u32 (out, self->ring_points->len);
  put_u32 (out, self->coords->len / 2);
  for (guint i = 0; i < self->polygon_rings->len; i++)
    put_u32 (out, g_array_index (self->polygon_rings, guint, i));
  for (guint i = 0; i < self->ring_points->len; i++)
    put_u32 (out, g_array_index (self->ring_points, guint, i));
#if G_BYTE_ORDER != G_LITTLE_ENDIAN
# error "the geometry blob is written little-endian; add byte swapping for this platform"
#endif
  g_byte_array_append (out, (const guint8 *) self->coords->data, self->coords->len * sizeof (double));
  return g_byte_array_free_to_bytes (out);
}

static gboolean
get_u32 (const guint8 **p,
         const guint8  *end,
         guint32       *v)
{
  guint32 le;

  if (end - *p < 4)
    return FALSE;
  memcpy (&le, *p, 4);
  *p += 4;
  *v = GUINT32_FROM_LE (le);
  return TRUE;
}

GjGeometry *
gj_geometry_new_from_bytes (gconstpointer data,
                            gsize         size)
{
  const guint8 *p = data, *end = p + size;
  guint32 type, n_polys, n_rings, n_points;
  g_autoptr(GjGeometry) self = NULL;
  guint64 total_points = 0;

  if (size < 20 || memcmp (p, BLOB_MAGIC, 4) != 0)
    return NULL;
  p += 4;
  if (!get_u32 (&p, end, &type) || type > GJ_GEOMETRY_MULTI_POLYGON ||
      !get_u32 (&p, end, &n_polys) || !get_u32 (&p, end, &n_rings) ||
      !get_u32 (&p, end, &n_points))
    return NULL;
  if ((guint64) (end - p) != 4ull * n_polys + 4ull * n_rings + 16ull * n_points)
    return NULL;

  self = gj_geometry_new (type);
  for (guint i = 0; i < n_polys; i++)
    {
      guint32 v;
      get_u32 (&p, end, &v);
      g_array_append_val (self->polygon_rings, v);
    }
  for (guint i = 0; i < n_rings; i++)
    {
      guint32 v;
      guint offset = (guint) total_points;
      get_u32 (&p, end, &v);
      g_array_append_val (self->ring_points, v);
      g_array_append_val (self->ring_offsets, offset);
      total_points += v;
    }
  if (total_points != (type == GJ_GEOMETRY_POINT ? 0 : n_points) && !(type == GJ_GEOMETRY_POINT && n_rings == 0))
    return NULL;
  g_array_set_size (self->coords, 2 * n_points);
  memcpy (self->coords->data, p, 16ull * n_points);
  return g_steal_pointer (&self);
}
