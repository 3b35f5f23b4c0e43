/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "gj-class-breaks.h"
#include "gj-map-painter.h"
#include "gj-records.h"
#include "gj-store-overview.h"

/* WGS-84 ellipsoid. */
#define WGS84_A  6378137.0
#define WGS84_E2 0.00669437999014

/* ---- Label points ------------------------------------------------------ */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

gboolean
gj_map_label_point (GjGeometry *geometry,
                    double     *lon,
                    double     *lat)
{
  g_autoptr(GArray) crossings = NULL;
  guint n_polygons, best = 0, first_ring, n_rings;
  double best_area = -1, y, best_width = -1;
  GjBBox box;

  g_return_val_if_fail (geometry != NULL, FALSE);

  n_polygons = gj_geometry_get_n_polygons (geometry);
  if (n_polygons == 0)
    return FALSE;

  for (guint p = 0; p < n_polygons; p++)
    {
      double area;

      gj_geometry_get_polygon (geometry, p, &first_ring, &n_rings);
      if (n_rings == 0)
        continue;
      area = fabs (gj_geometry_ring_signed_area (geometry, first_ring));
      if (area > best_area)
        {
          best_area = area;
          best = p;
        }
    }

  gj_geometry_get_polygon (geometry, best, &first_ring, &n_rings);
  if (n_rings == 0)
    return FALSE;

  /* The exterior ring's box, not the geometry's: the label belongs to the
   * largest part. */
  {
    guint n;
    const double *pts = gj_geometry_get_ring (geometry, first_ring, &n);

    if (n == 0)
      return FALSE;
    box.min_x = box.max_x = pts[0];
    box.min_y = box.max_y = pts[1];
    for (guint i = 1; i < n; i++)
      {
        box.min_x = MIN (box.min_x, pts[2 * i]);
        box.max_x = MAX (box.max_x, pts[2 * i]);
        box.min_y = MIN (box.min_y, pts[2 * i + 1]);
        box.max_y = MAX (box.max_y, pts[2 * i + 1]);
      }
  }

  *lon = (box.min_x + box.max_x) / 2;
  *lat = y = (box.min_y + box.max_y) / 2;

  crossings = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint r = first_ring; r < first_ring + n_rings; r++)
    {
      guint n;
      const double *pts = gj_geometry_get_ring (geometry, r, &n);

      for (guint i = 0; i + 1 < n; i++)
        {
          double y0 = pts[2 * i + 1], y1 = pts[2 * i + 3];

          if ((y0 <= y) != (y1 <= y))
            {
              double x0 = pts[2 * i], x1 = pts[2 * i + 2];
              double x = x0 + (y - y0) / (y1 - y0) * (x1 - x0);

              g_array_append_val (crossings, x);
            }
        }
    }

  g_array_sort (crossings, compare_doubles);
  for (guint i = 0; i + 1 < crossings->len; i += 2)
    {
      double a = g_array_index (crossings, double, i);
      double b = g_array_index (crossings, double, i + 1);

      if (b - a > best_width)
        {
          best_width = b - a;
          *lon = (a + b) / 2;
        }
    }

  return TRUE;
}

/* ---- Projector --------------------------------------------------------- */

void
gj_map_projector_init_tile (GjMapProjector *self,
                            guint           zoom,
                            guint           x,
                            guint           y)
{
  g_return_if_fail (self != NULL);

  self->zoom = zoom;
  self->x0 = (double) x * GJ_TILE_SIZE;
  self->y0 = (double) y * GJ_TILE_SIZE;
  self->width = self->height = GJ_TILE_SIZE;
}

void
gj_map_projector_init_fit (GjMapProjector *self,
                           const GjBBox   *extent,
                           double          width,
                           double          height)
{
  double w0, h0, zoom, cx, cy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (extent != NULL);
  g_return_if_fail (width > 0 && height > 0);

  /* The extent's size at zoom 0, then the zoom that makes it fit. A point
   * (or a line) gets a street-sized view rather than an infinite zoom. */
  w0 = gj_map_lon_to_x (extent->max_x, 0) - gj_map_lon_to_x (extent->min_x, 0);
  h0 = gj_map_lat_to_y (extent->min_y, 0) - gj_map_lat_to_y (extent->max_y, 0);
  w0 = MAX (w0, 1e-5);
  h0 = MAX (h0, 1e-5);
  zoom = log2 (MIN (width / w0, height / h0));
  zoom = CLAMP (zoom, 0, 22);

  cx = (gj_map_lon_to_x (extent->min_x, zoom) + gj_map_lon_to_x (extent->max_x, zoom)) / 2;
  cy = (gj_map_lat_to_y (extent->min_y, zoom) + gj_map_lat_to_y (extent->max_y, zoom)) / 2;
  self->zoom = zoom;
  self->x0 = cx - width / 2;
  self->y0 = cy - height / 2;
  self->width = width;
  self->height = height;
}

void
gj_map_projector_unproject (const GjMapProjector *self,
                            double                x,
                            double                y,
                            double               *lon,
                            double               *lat)
{
  g_return_if_fail (self != NULL);

  *lon = gj_map_x_to_lon (x + self->x0, self->zoom);
  *lat = gj_map_y_to_lat (y + self->y0, self->zoom);
}

GjBBox
gj_map_projector_get_bbox (const GjMapProjector *self,
                           double                margin)
{
  GjBBox box;

  box.min_x = gj_map_x_to_lon (self->x0 - margin, self->zoom);
  box.max_x = gj_map_x_to_lon (self->x0 + self->width + margin, self->zoom);
  box.max_y = gj_map_y_to_lat (self->y0 - margin, self->zoom);
  box.min_y = gj_map_y_to_lat (self->y0 + self->height + margin, self->zoom);
  return box;
}

double
gj_map_projector_metres_per_unit (const GjMapProjector *self,
                                  double                lat)
{
  double phi = lat * G_PI / 180.0;
  double s = sin (phi);
  /* The radius of the parallel on the ellipsoid, N(φ)·cos φ. */
  double parallel = WGS84_A / sqrt (1.0 - WGS84_E2 * s * s) * cos (phi);

  g_return_val_if_fail (self != NULL, 0);

  return 2.0 * G_PI * parallel / gj_map_world_size (self->zoom);
}

void
gj_map_path_geometry (cairo_t              *cr,
                      const GjMapProjector *projector,
                      GjGeometry           *geometry)
{
  guint n_rings = gj_geometry_get_n_rings (geometry);

  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const double *pts = gj_geometry_get_ring (geometry, r, &n);
      double last_x = G_MAXDOUBLE, last_y = G_MAXDOUBLE;

      if (n < 2)
        continue;
      for (guint i = 0; i < n; i++)
        {
          double px, py;

          gj_map_projector_project (projector, pts[2 * i], pts[2 * i + 1], &px, &py);
          /* Vertices closer than a tenth of a unit add nothing but time. */
          if (i > 0 && i + 1 < n && fabs (px - last_x) < 0.1 && fabs (py - last_y) < 0.1)
            continue;
          if (i == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
          last_x = px;
          last_y = py;
        }
      cairo_close_path (cr);
    }
}

/* ---- Styles ------------------------------------------------------------ */

void
gj_map_paint_style_init_for_zoom (GjMapPaintStyle *style,
                                  guint            zoom)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->parts = GJ_MAP_PART_ALL;
  style->grid_line_width = zoom <= 12 ? 0.4 : zoom <= 14 ? 0.7 : zoom <= 16 ? 1.0 : 1.5;
  style->station_radius = zoom <= 12 ? 2.0 : zoom <= 14 ? 3.0 : zoom <= 16 ? 4.5 : 6.0;
  style->station_ring_width = style->station_radius >= 4 ? 1.5 : 1.0;
  /* Street boundaries from the zoom where streets are a few cm. */
  style->street_line_width = zoom < 11 ? 0 : zoom >= 14 ? 2.0 : 1.2;
  style->street_line_dashed = zoom >= 15;
  style->district_line_width = zoom >= 13 ? 3.0 : 2.0;
  style->halo_width = 3.0;
  /* Names: the district when it fits a screen, streets after that, until
   * the grids' own names take over. */
  if (zoom <= 11)
    style->district_name_font = "Sans Bold 14";
  else if (zoom <= 15)
    style->street_name_font = zoom >= 14 ? "Sans Bold 14" : "Sans Bold 12";
  if (zoom >= 16)
    style->grid_name_font = zoom >= 17 ? "Sans Bold 10" : "Sans Bold 9";
  if (zoom >= 17)
    style->grid_code_font = "Sans 8";
  if (zoom >= 18)
    style->station_name_font = "Sans 9";
  /* Street names reach 160 pixels from their anchor, grid labels 128,
   * station dots 8. */
  style->names_margin = 160;
  style->query_margin = style->grid_name_font != NULL ? 128 : 8;
}

/* ---- World paths ------------------------------------------------------- */

/*
 * An outline's rings in world units at zoom 0 (0–256 across the world),
 * projected once: a tile at any zoom only scales and shifts them, where
 * projecting the longitudes and latitudes again costs a logarithm and a
 * tangent per vertex per tile.
 */
typedef struct
{
  GArray *points;      /* double x, y pairs, ring after ring */
  GArray *ring_sizes;  /* guint, points per ring */
} WorldPath;

static void
world_path_free (gpointer data)
{
  WorldPath *path = data;

  if (path == NULL)
    return;
  g_array_unref (path->points);
  g_array_unref (path->ring_sizes);
  g_free (path);
}

static WorldPath *
world_path_new (GjGeometry *geometry)
{
  WorldPath *path = g_new0 (WorldPath, 1);
  guint n_rings = geometry != NULL ? gj_geometry_get_n_rings (geometry) : 0;

  path->points = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  path->ring_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const double *pts = gj_geometry_get_ring (geometry, r, &n);

      for (guint i = 0; i < n; i++)
        {
          double xy[2] = { gj_map_lon_to_x (pts[2 * i], 0), gj_map_lat_to_y (pts[2 * i + 1], 0) };

          g_array_append_vals (path->points, xy, 1);
        }
      g_array_append_val (path->ring_sizes, n);
    }
  return path;
}

/* One ring in device units, with the vertices gj_map_path_geometry() skips
 * left out, so both draw the same shape. */
static void
world_path_project_ring (const WorldPath      *path,
                         const GjMapProjector *projector,
                         guint                 first,
                         guint                 n,
                         GArray               *out)
{
  const double *pts = (const double *) (gpointer) path->points->data + 2 * first;
  double scale = exp2 (projector->zoom), last_x = G_MAXDOUBLE, last_y = G_MAXDOUBLE;

  g_array_set_size (out, 0);
  for (guint i = 0; i < n; i++)
    {
      double xy[2] = { pts[2 * i] * scale - projector->x0, pts[2 * i + 1] * scale - projector->y0 };

      if (i > 0 && i + 1 < n && fabs (xy[0] - last_x) < 0.1 && fabs (xy[1] - last_y) < 0.1)
        continue;
      g_array_append_vals (out, xy, 1);
      last_x = xy[0];
      last_y = xy[1];
    }
}

/* Adds @path's rings to the current path, whole (fills, dashed lines). */
static void
world_path_add (cairo_t              *cr,
                const GjMapProjector *projector,
                const WorldPath      *path,
                GArray               *scratch)
{
  guint first = 0;

  for (guint r = 0; r < path->ring_sizes->len; r++)
    {
      guint n = g_array_index (path->ring_sizes, guint, r);
      const double *v;

      if (n >= 2)
        {
          world_path_project_ring (path, projector, first, n, scratch);
          v = (const double *) (gpointer) scratch->data;
          cairo_move_to (cr, v[0], v[1]);
          for (guint i = 1; i < scratch->len; i++)
            cairo_line_to (cr, v[2 * i], v[2 * i + 1]);
          cairo_close_path (cr);
        }
      first += n;
    }
}

static inline gboolean
segment_meets (const double *a,
               const double *b,
               const double  box[4])
{
  return MAX (a[0], b[0]) >= box[0] && MIN (a[0], b[0]) <= box[2]
         && MAX (a[1], b[1]) >= box[1] && MIN (a[1], b[1]) <= box[3];
}

/*
 * Adds the stretches of @path's rings that can show inside the clip for a
 * solid stroke of the current line width. cairo's stroker works through a
 * path's whole length however little of it is visible, and a street's
 * outline mostly lies in other tiles. Each stretch runs between segments
 * wholly outside the clip grown by more than the line's half width and its
 * round joins, so the pixels inside are those of the whole ring.
 */
static void
world_path_add_visible (cairo_t              *cr,
                        const GjMapProjector *projector,
                        const WorldPath      *path,
                        GArray               *scratch)
{
  double grow = cairo_get_line_width (cr) + 1, box[4];
  guint first = 0;

  cairo_clip_extents (cr, &box[0], &box[1], &box[2], &box[3]);
  box[0] -= grow;
  box[1] -= grow;
  box[2] += grow;
  box[3] += grow;

  for (guint r = 0; r < path->ring_sizes->len; r++)
    {
      guint n = g_array_index (path->ring_sizes, guint, r);
      const double *v;
      guint m, outside = G_MAXUINT;
      gboolean in_run = FALSE;

      first += n;
      if (n < 2)
        continue;
      world_path_project_ring (path, projector, first - n, n, scratch);
      v = (const double *) (gpointer) scratch->data;
      m = scratch->len;

      /* Segment i runs from vertex i to vertex i + 1, the last one back to
       * vertex 0 as cairo_close_path() would. */
      for (guint i = 0; i < m && outside == G_MAXUINT; i++)
        if (!segment_meets (&v[2 * i], &v[2 * ((i + 1) % m)], box))
          outside = i;

      if (outside == G_MAXUINT)
        {
          cairo_move_to (cr, v[0], v[1]);
          for (guint i = 1; i < m; i++)
            cairo_line_to (cr, v[2 * i], v[2 * i + 1]);
          cairo_close_path (cr);
          continue;
        }

      /* Start after a segment that is outside: no stretch wraps round. */
      for (guint k = 1; k <= m; k++)
        {
          guint i = (outside + k) % m, j = (i + 1) % m;

          if (!segment_meets (&v[2 * i], &v[2 * j], box))
            {
              in_run = FALSE;
              continue;
            }
          if (!in_run)
            cairo_move_to (cr, v[2 * i], v[2 * i + 1]);
          cairo_line_to (cr, v[2 * j], v[2 * j + 1]);
          in_run = TRUE;
        }
    }
}

/* ---- Outlines ---------------------------------------------------------- */

struct _GjMapOutlines
{
  gatomicrefcount  ref;
  GMutex           lock;
  gboolean         loaded;
  GPtrArray       *streets;   /* GjOutline */
  GArray          *bboxes;    /* GjBBox per street */
  GArray          *anchors;   /* label point (lon, lat) per street */
  GPtrArray       *street_paths;  /* WorldPath per street */
  GjOutline       *district;
  GjBBox           district_bbox;
  double           district_anchor[2];
  WorldPath       *district_path;
};

G_DEFINE_BOXED_TYPE (GjMapOutlines, gj_map_outlines, gj_map_outlines_ref, gj_map_outlines_unref)

GjMapOutlines *
gj_map_outlines_new (void)
{
  GjMapOutlines *self = g_new0 (GjMapOutlines, 1);

  g_atomic_ref_count_init (&self->ref);
  g_mutex_init (&self->lock);
  self->bboxes = g_array_new (FALSE, FALSE, sizeof (GjBBox));
  self->anchors = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  self->street_paths = g_ptr_array_new_with_free_func (world_path_free);
  return self;
}

GjMapOutlines *
gj_map_outlines_ref (GjMapOutlines *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
gj_map_outlines_unref (GjMapOutlines *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_clear_pointer (&self->streets, g_ptr_array_unref);
  g_clear_pointer (&self->district, gj_outline_free);
  g_clear_pointer (&self->district_path, world_path_free);
  g_ptr_array_unref (self->street_paths);
  g_array_unref (self->bboxes);
  g_array_unref (self->anchors);
  g_mutex_clear (&self->lock);
  g_free (self);
}

gboolean
gj_map_outlines_ensure (GjMapOutlines *self,
                        GjStore       *store,
                        GError       **error)
{
  g_autoptr(GPtrArray) district = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  if (self->loaded || store == NULL)
    goto out;
  /* Tried once: a failure is reported once, not for every tile. */
  self->loaded = TRUE;

  self->streets = gj_store_dup_outlines (store, "street", error);
  if (self->streets == NULL)
    {
      ok = FALSE;
      goto out;
    }
  for (guint i = 0; i < self->streets->len; i++)
    {
      GjOutline *outline = g_ptr_array_index (self->streets, i);
      GjBBox box = { 0, 0, 0, 0 };
      double anchor[2] = { 0, 0 };

      if (outline->geometry != NULL)
        {
          box = gj_geometry_get_bbox (outline->geometry);
          gj_map_label_point (outline->geometry, &anchor[0], &anchor[1]);
        }
      g_array_append_val (self->bboxes, box);
      g_array_append_vals (self->anchors, anchor, 1);
      g_ptr_array_add (self->street_paths, world_path_new (outline->geometry));
    }

  district = gj_store_dup_outlines (store, "district", error);
  if (district == NULL)
    {
      ok = FALSE;
      goto out;
    }
  if (district->len > 0)
    {
      self->district = g_ptr_array_steal_index (district, 0);
      if (self->district->geometry != NULL)
        {
          self->district_bbox = gj_geometry_get_bbox (self->district->geometry);
          gj_map_label_point (self->district->geometry,
                              &self->district_anchor[0], &self->district_anchor[1]);
          self->district_path = world_path_new (self->district->geometry);
        }
    }

out:
  g_mutex_unlock (&self->lock);
  return ok;
}

const GjOutline *
gj_map_outlines_get_district (GjMapOutlines *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->district;
}

const GjOutline *
gj_map_outlines_get_street (GjMapOutlines *self,
                            gint64         street_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->streets != NULL && i < self->streets->len; i++)
    {
      GjOutline *outline = g_ptr_array_index (self->streets, i);

      if (outline->id == street_id)
        return outline;
    }
  return NULL;
}

/* ---- Painter ----------------------------------------------------------- */

struct _GjMapPainter
{
  gatomicrefcount  ref;
  GjMapTheme       theme;
  gboolean         dark;
  GjMapOutlines   *outlines;
  GMutex           lock;
  gboolean         loaded;
  GHashTable      *counts;        /* grid id → stations or units */
  GHashTable      *street_index;  /* street id → palette index + 1 */
  /* Indicator themes: grid id → value, and the classes, computed once
   * per painter (a painter lives for one theme and one store). */
  GHashTable      *values;
  double           breaks[GJ_MAP_THEME_N_INDICATOR_CLASSES + 1];
  guint            n_classes;
  gboolean         with_missing;
};

G_DEFINE_BOXED_TYPE (GjMapPainter, gj_map_painter, gj_map_painter_ref, gj_map_painter_unref)

GjMapPainter *
gj_map_painter_new (GjMapTheme     theme,
                    gboolean       dark,
                    GjMapOutlines *outlines)
{
  GjMapPainter *self;

  g_return_val_if_fail (theme <= GJ_MAP_THEME_LAST, NULL);

  self = g_new0 (GjMapPainter, 1);
  g_atomic_ref_count_init (&self->ref);
  g_mutex_init (&self->lock);
  self->theme = theme;
  self->dark = !!dark;
  if (outlines != NULL)
    self->outlines = gj_map_outlines_ref (outlines);
  return self;
}

GjMapPainter *
gj_map_painter_ref (GjMapPainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
gj_map_painter_unref (GjMapPainter *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->street_index, g_hash_table_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->outlines, gj_map_outlines_unref);
  g_mutex_clear (&self->lock);
  g_free (self);
}

GjMapTheme
gj_map_painter_get_theme (GjMapPainter *self)
{
  g_return_val_if_fail (self != NULL, GJ_MAP_THEME_KIND);

  return self->theme;
}

gboolean
gj_map_painter_get_dark (GjMapPainter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->dark;
}

GjMapOutlines *
gj_map_painter_get_outlines (GjMapPainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->outlines;
}

const GjMapColors *
gj_map_painter_get_colors (GjMapPainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return gj_map_theme_get_colors (self->dark);
}

static int
compare_by_code (gconstpointer a,
                 gconstpointer b)
{
  GjRecord *ra = *(GjRecord **) a, *rb = *(GjRecord **) b;

  return g_strcmp0 (gj_record_get_text (ra, "code"), gj_record_get_text (rb, "code"));
}

/* Streets in code order: their place there picks their colour, so the map
 * and the legend agree. */
static GPtrArray *
list_streets (GjStore  *store,
              GError  **error)
{
  g_autoptr(GListModel) streets = gj_store_list (store, GJ_TYPE_STREET, error);
  GPtrArray *sorted;

  if (streets == NULL)
    return NULL;
  sorted = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (streets); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (streets, i));
  g_ptr_array_sort (sorted, compare_by_code);
  return sorted;
}

static GjGridIndicator
theme_indicator (GjMapTheme theme)
{
  switch (theme)
    {
    case GJ_MAP_THEME_INDICATOR_AGREEMENTS:
      return GJ_GRID_INDICATOR_AGREEMENTS;
    case GJ_MAP_THEME_INDICATOR_PROBLEMS:
      return GJ_GRID_INDICATOR_OPEN_PROBLEMS;
    case GJ_MAP_THEME_INDICATOR_STATION_DISTANCE:
      return GJ_GRID_INDICATOR_STATION_DISTANCE;
    case GJ_MAP_THEME_INDICATOR_UNITS:
    default:
      return GJ_GRID_INDICATOR_UNITS;
    }
}

/* The indicator per grid and its class breaks: once, here, never per tile. */
static gboolean
load_indicator (GjMapPainter  *self,
                GjStore       *store,
                GError       **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  GHashTableIter iter;
  gpointer value;
  gint64 n_grids;

  self->values = gj_store_grid_indicator (store, theme_indicator (self->theme), error);
  if (self->values == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (values, *(double *) value);
  self->n_classes = gj_indicator_class_breaks ((const double *) (gpointer) values->data, values->len,
                                               GJ_MAP_THEME_N_INDICATOR_CLASSES, GJ_BREAK_QUANTILE,
                                               self->breaks);
  /* Grids without a value (no station anywhere to measure to). */
  n_grids = gj_store_count (store, GJ_TYPE_GRID, NULL);
  self->with_missing = n_grids > (gint64) values->len;
  return TRUE;
}

/* What the theme needs from the store, under the lock. */
static gboolean
load_figures (GjMapPainter  *self,
              GjStore       *store,
              GError       **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  if (self->loaded || store == NULL)
    goto out;
  self->loaded = TRUE;

  switch (self->theme)
    {
    case GJ_MAP_THEME_COVERAGE:
      self->counts = gj_store_count_by_grid (store, GJ_TYPE_STATION, error);
      ok = self->counts != NULL;
      break;
    case GJ_MAP_THEME_UNITS:
      self->counts = gj_store_count_by_grid (store, GJ_TYPE_UNIT, error);
      ok = self->counts != NULL;
      break;
    case GJ_MAP_THEME_STREET:
      {
        g_autoptr(GPtrArray) streets = list_streets (store, error);

        if (streets == NULL)
          {
            ok = FALSE;
            break;
          }
        self->street_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
        for (guint i = 0; i < streets->len; i++)
          {
            gint64 *id = g_new (gint64, 1);

            *id = gj_record_get_id (g_ptr_array_index (streets, i));
            g_hash_table_insert (self->street_index, id, GUINT_TO_POINTER (i + 1));
          }
      }
      break;
    case GJ_MAP_THEME_KIND:
      break;
    case GJ_MAP_THEME_INDICATOR_UNITS:
    case GJ_MAP_THEME_INDICATOR_AGREEMENTS:
    case GJ_MAP_THEME_INDICATOR_PROBLEMS:
    case GJ_MAP_THEME_INDICATOR_STATION_DISTANCE:
      ok = load_indicator (self, store, error);
      break;
    default:
      g_assert_not_reached ();
    }

out:
  g_mutex_unlock (&self->lock);
  return ok;
}

gboolean
gj_map_painter_load (GjMapPainter  *self,
                     GjStore       *store,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (store == NULL || GJ_IS_STORE (store), FALSE);

  if (self->outlines != NULL && !gj_map_outlines_ensure (self->outlines, store, error))
    return FALSE;
  return load_figures (self, store, error);
}

guint
gj_map_painter_get_breaks (GjMapPainter *self,
                           double       *breaks)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (breaks != NULL, 0);

  memcpy (breaks, self->breaks, sizeof self->breaks);
  return gj_map_theme_is_indicator (self->theme) ? self->n_classes : 0;
}

static guint
lookup_count (GHashTable *counts,
              gint64      id)
{
  return counts != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id)) : 0;
}

GjColor
gj_map_painter_grid_color (GjMapPainter *self,
                           GjRecord     *grid)
{
  switch (self->theme)
    {
    case GJ_MAP_THEME_KIND:
      return gj_map_theme_kind_color (gj_record_get_text (grid, "kind"));
    case GJ_MAP_THEME_STREET:
      {
        gint64 street = gj_record_get_int (grid, "street_id");
        guint index = self->street_index != NULL
                      ? GPOINTER_TO_UINT (g_hash_table_lookup (self->street_index, &street)) : 0;

        return index > 0 ? gj_map_theme_category_color (index - 1) : gj_map_theme_other_color ();
      }
    case GJ_MAP_THEME_COVERAGE:
      return gj_map_theme_coverage_color (lookup_count (self->counts, gj_record_get_id (grid)) > 0);
    case GJ_MAP_THEME_UNITS:
      return gj_map_theme_units_color (gj_map_theme_units_class (lookup_count (self->counts,
                                                                               gj_record_get_id (grid))));
    case GJ_MAP_THEME_INDICATOR_UNITS:
    case GJ_MAP_THEME_INDICATOR_AGREEMENTS:
    case GJ_MAP_THEME_INDICATOR_PROBLEMS:
    case GJ_MAP_THEME_INDICATOR_STATION_DISTANCE:
      {
        gint64 id = gj_record_get_id (grid);
        const double *value = self->values != NULL ? g_hash_table_lookup (self->values, &id) : NULL;

        if (value == NULL || self->n_classes == 0 || !isfinite (*value))
          return gj_map_theme_other_color ();
        return gj_map_theme_indicator_color (self->theme,
                                             gj_class_breaks_classify (self->breaks,
                                                                       GJ_MAP_THEME_N_INDICATOR_CLASSES,
                                                                       *value));
      }
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
gj_map_painter_dup_legend (GjMapPainter *self,
                           GjStore      *store)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) streets = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (gj_map_theme_is_indicator (self->theme))
    {
      g_autoptr(GError) error = NULL;

      if (!load_figures (self, store, &error))
        g_warning ("Cannot read the figures for the legend: %s", error->message);
      /* Every class of the breaks: those left empty drop out there. */
      return gj_map_theme_dup_indicator_legend (self->theme, self->dark, self->breaks,
                                                self->n_classes > 0 ? GJ_MAP_THEME_N_INDICATOR_CLASSES : 0,
                                                self->with_missing);
    }

  if (self->theme == GJ_MAP_THEME_STREET && store != NULL)
    {
      g_autoptr(GError) error = NULL;

      streets = list_streets (store, &error);
      if (streets == NULL)
        g_warning ("Cannot list the streets for the legend: %s", error->message);
      for (guint i = 0; streets != NULL && i < streets->len; i++)
        g_ptr_array_add (names, (gpointer) gj_record_get_text (g_ptr_array_index (streets, i), "name"));
    }
  g_ptr_array_add (names, NULL);

  return gj_map_theme_dup_legend (self->theme, self->dark, (const char * const *) names->pdata);
}

/* One drawing: the state labels share. */
typedef struct
{
  cairo_t               *cr;
  const GjMapProjector  *projector;
  const GjMapPaintStyle *style;
  const GjMapColors     *colors;
  PangoLayout           *layout;
  GArray                *placed;   /* cairo_rectangle_t of labels drawn */
} Paint;

static void
set_text (PangoLayout *layout,
          const char  *text,
          const char  *font,
          double       scale)
{
  PangoFontDescription *desc = pango_font_description_from_string (font);

  if (scale > 0 && scale != 1)
    pango_font_description_set_size (desc, (int) (pango_font_description_get_size (desc) * scale));
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
}

static void
measure (Paint      *paint,
         const char *text,
         const char *font,
         double     *width,
         double     *height)
{
  PangoRectangle logical;

  set_text (paint->layout, text, font, paint->style->label_scale);
  pango_layout_get_extents (paint->layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static gboolean
overlaps_placed (Paint                   *paint,
                 const cairo_rectangle_t *r)
{
  for (guint i = 0; i < paint->placed->len; i++)
    {
      const cairo_rectangle_t *p = &g_array_index (paint->placed, cairo_rectangle_t, i);

      if (r->x < p->x + p->width && p->x < r->x + r->width
          && r->y < p->y + p->height && p->y < r->y + r->height)
        return TRUE;
    }
  return FALSE;
}

/* Draws @text centred on device point (@cx, @cy + @dy) with a halo, unless
 * it falls wholly outside the area or (when the style asks) onto a label
 * already drawn. Returns whether it drew. */
static gboolean
draw_label (Paint         *paint,
            double         cx,
            double         cy,
            const char    *text,
            const char    *font,
            const GjColor *color,
            double         dy)
{
  cairo_t *cr = paint->cr;
  double width, height, left, top, pad = paint->style->halo_width / 2;

  measure (paint, text, font, &width, &height);

  /* Whole units, so both tiles that share a label draw it identically. */
  left = round (cx - width / 2.0);
  top = round (cy + dy - height / 2.0);
  if (left > paint->projector->width + 2 || top > paint->projector->height + 2
      || left + width < -2 || top + height < -2)
    return FALSE;
  /* A page has no neighbour to draw the rest: a label is whole or not at all. */
  if (paint->style->avoid_overlaps
      && (left < 0 || top < 0 || left + width > paint->projector->width
          || top + height > paint->projector->height))
    return FALSE;

  if (paint->style->avoid_overlaps)
    {
      cairo_rectangle_t r = { left - pad, top - pad, width + 2 * pad, height + 2 * pad };

      if (overlaps_placed (paint, &r))
        return FALSE;
      g_array_append_val (paint->placed, r);
    }

  cairo_save (cr);
  if (paint->style->halo_width > 0)
    {
      cairo_move_to (cr, left, top);
      pango_cairo_layout_path (cr, paint->layout);
      gj_color_set_source (cr, &paint->colors->label_halo);
      cairo_set_line_width (cr, paint->style->halo_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, left, top);
  gj_color_set_source (cr, color);
  pango_cairo_show_layout (cr, paint->layout);
  cairo_restore (cr);

  return TRUE;
}

static gboolean
in_focus (const GjMapPaintStyle *style,
          GjRecord              *record)
{
  return style->focus_street_id <= 0 || gj_record_get_int (record, "street_id") == style->focus_street_id;
}

static void
draw_grid_labels (Paint      *paint,
                  GListModel *grids)
{
  const GjMapPaintStyle *style = paint->style;
  const GjMapProjector *projector = paint->projector;

  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (grids, i);
      GjGeometry *geometry = gj_record_get_geometry (grid, "geometry");
      const char *name = gj_record_get_text (grid, "name");
      const char *code = gj_record_get_text (grid, "code");
      double lon, lat, width, name_width, name_height, code_width = 0, code_height = 0, x, y;
      gboolean with_code;
      GjBBox box;

      if (geometry == NULL || !in_focus (style, grid) || !gj_map_label_point (geometry, &lon, &lat))
        continue;
      if (name == NULL || *name == '\0')
        name = code;
      if (name == NULL)
        continue;

      /* Only labels that fit their grid: the choice depends on nothing but
       * the grid and the scale, so neighbouring tiles make the same one. */
      box = gj_geometry_get_bbox (geometry);
      width = gj_map_lon_to_x (box.max_x, projector->zoom) - gj_map_lon_to_x (box.min_x, projector->zoom);
      measure (paint, name, style->grid_name_font, &name_width, &name_height);
      if (name_width > width * 0.95)
        continue;
      if (style->grid_code_font != NULL && code != NULL && name != code)
        measure (paint, code, style->grid_code_font, &code_width, &code_height);
      with_code = code_height > 0 && code_width <= width * 0.95;

      gj_map_projector_project (projector, lon, lat, &x, &y);
      /* On a page a name left out takes its code along; on a tile the name
       * may just lie in the neighbouring tile. */
      if (!draw_label (paint, x, y, name, style->grid_name_font, &paint->colors->label,
                       with_code ? -code_height / 2 : 0) && style->avoid_overlaps)
        continue;
      if (with_code)
        draw_label (paint, x, y, code, style->grid_code_font, &paint->colors->label, name_height / 2);
    }
}

static void
draw_names (Paint         *paint,
            GjMapOutlines *outlines,
            const GjBBox  *area)
{
  const GjMapPaintStyle *style = paint->style;
  double x, y;

  if (style->district_name_font != NULL && outlines->district->name != NULL)
    {
      gj_map_projector_project (paint->projector, outlines->district_anchor[0],
                                outlines->district_anchor[1], &x, &y);
      draw_label (paint, x, y, outlines->district->name, style->district_name_font,
                  &paint->colors->label, 0);
    }

  if (style->street_name_font == NULL)
    return;

  /* The focused street first, so its name wins any overlap. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; outlines->streets != NULL && i < outlines->streets->len; i++)
      {
        GjOutline *outline = g_ptr_array_index (outlines->streets, i);
        const double *anchor = &g_array_index (outlines->anchors, double, 2 * i);
        gboolean focus = style->focus_street_id > 0 && outline->id == style->focus_street_id;

        if ((pass == 0) != focus && style->focus_street_id > 0)
          continue;
        if (pass == 1 && style->focus_street_id <= 0)
          continue;
        if (outline->name == NULL || !gj_bbox_meets (area, &g_array_index (outlines->bboxes, GjBBox, i)))
          continue;
        gj_map_projector_project (paint->projector, anchor[0], anchor[1], &x, &y);
        /* Around a focused street, its neighbours' names step back. */
        draw_label (paint, x, y, outline->name, style->street_name_font,
                    style->focus_street_id > 0 && !focus ? &paint->colors->street_line : &paint->colors->label, 0);
      }
}

gboolean
gj_map_painter_paint (GjMapPainter          *self,
                      cairo_t               *cr,
                      GjStore               *store,
                      const GjMapProjector  *projector,
                      const GjMapPaintStyle *style,
                      gboolean              *drawn,
                      GCancellable          *cancellable,
                      GError               **error)
{
  const GjMapColors *colors = gj_map_theme_get_colors (self->dark);
  GjMapOutlines *outlines = self->outlines;
  GjMapParts parts = style->parts;
  GjBBox area = gj_map_projector_get_bbox (projector, style->query_margin);
  GjBBox names_area = gj_map_projector_get_bbox (projector, style->names_margin);
  g_autoptr(GListModel) grids = NULL;
  g_autoptr(GListModel) stations = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  gboolean basemap = FALSE, overlays = FALSE;
  double alpha = self->dark ? 0.5 : 0.6;
  guint n_grids = 0, n_stations = 0;
  Paint paint = { cr, projector, style, colors, NULL, placed };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (projector != NULL && style != NULL, FALSE);

  if (drawn != NULL)
    *drawn = FALSE;

  if (parts & GJ_MAP_PART_GROUND)
    {
      gj_color_set_source (cr, &colors->background);
      cairo_paint (cr);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!gj_map_painter_load (self, store, error))
    return FALSE;

  /* The basemap takes part when the area holds some of the district. */
  if (outlines != NULL && (parts & GJ_MAP_PART_BASEMAP) && outlines->district != NULL
      && outlines->district->geometry != NULL && gj_bbox_meets (&names_area, &outlines->district_bbox))
    basemap = TRUE;

  if (store != NULL && (parts & GJ_MAP_PART_OVERLAYS))
    {
      grids = gj_store_list_in_bbox (store, GJ_TYPE_GRID, &area, GJ_STORE_LIST_DEFAULT, error);
      if (grids == NULL)
        return FALSE;
      if (parts & (GJ_MAP_PART_STATIONS | GJ_MAP_PART_LABELS))
        {
          stations = gj_store_list_in_bbox (store, GJ_TYPE_STATION, &area, GJ_STORE_LIST_NO_GEOMETRY, error);
          if (stations == NULL)
            return FALSE;
          n_stations = g_list_model_get_n_items (stations);
        }
      n_grids = g_list_model_get_n_items (grids);
      overlays = n_grids > 0 || n_stations > 0;
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  if (basemap && (parts & GJ_MAP_PART_GROUND))
    {
      world_path_add (cr, projector, outlines->district_path, scratch);
      gj_color_set_source (cr, &colors->district_fill);
      cairo_fill (cr);
    }

  if (parts & GJ_MAP_PART_GRIDS)
    {
      double clip[4];

      /* Grids are listed with a margin for their labels: the shapes of
       * those wholly beyond the clip need no drawing. */
      cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
      cairo_set_line_width (cr, style->grid_line_width);
      for (guint i = 0; i < n_grids; i++)
        {
          g_autoptr(GjRecord) grid = g_list_model_get_item (grids, i);
          GjGeometry *geometry = gj_record_get_geometry (grid, "geometry");
          GjColor color;
          GjBBox box;
          double x0, y0, x1, y1;

          if (geometry == NULL)
            continue;
          box = gj_geometry_get_bbox (geometry);
          gj_map_projector_project (projector, box.min_x, box.max_y, &x0, &y0);
          gj_map_projector_project (projector, box.max_x, box.min_y, &x1, &y1);
          if (x1 < clip[0] - style->grid_line_width || x0 > clip[2] + style->grid_line_width
              || y1 < clip[1] - style->grid_line_width || y0 > clip[3] + style->grid_line_width)
            continue;
          if (in_focus (style, grid))
            {
              color = gj_map_painter_grid_color (self, grid);
              /* A choropleth's classes must stay apart: nearly opaque. */
              color.alpha = gj_map_theme_is_indicator (self->theme) ? 0.85 : alpha;
            }
          else
            color = colors->context_fill;
          gj_map_path_geometry (cr, projector, geometry);
          gj_color_set_source (cr, &color);
          cairo_fill_preserve (cr);
          gj_color_set_source (cr, &colors->grid_line);
          cairo_stroke (cr);
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  if (basemap && (parts & GJ_MAP_PART_BOUNDARIES))
    {
      if (style->street_line_width > 0)
        {
          cairo_set_line_width (cr, style->street_line_width);
          gj_color_set_source (cr, &colors->street_line);
          if (style->street_line_dashed)
            cairo_set_dash (cr, (double[]) { 4 * style->street_line_width, 2 * style->street_line_width }, 2, 0);
          for (guint i = 0; outlines->streets != NULL && i < outlines->streets->len; i++)
            {
              GjOutline *outline = g_ptr_array_index (outlines->streets, i);

              if (outline->geometry == NULL
                  || !gj_bbox_meets (&names_area, &g_array_index (outlines->bboxes, GjBBox, i)))
                continue;
              /* A dash pattern runs along the whole ring: cut short, it
               * would start anew in each tile. */
              if (style->street_line_dashed)
                world_path_add (cr, projector, g_ptr_array_index (outlines->street_paths, i), scratch);
              else
                world_path_add_visible (cr, projector, g_ptr_array_index (outlines->street_paths, i), scratch);
              cairo_stroke (cr);
            }
          cairo_set_dash (cr, NULL, 0, 0);
        }

      gj_color_set_source (cr, &colors->district_line);
      cairo_set_line_width (cr, style->district_line_width);
      world_path_add_visible (cr, projector, outlines->district_path, scratch);
      cairo_stroke (cr);

      for (guint i = 0; style->focus_street_id > 0 && outlines->streets != NULL && i < outlines->streets->len; i++)
        {
          GjOutline *focus = g_ptr_array_index (outlines->streets, i);

          if (focus->id != style->focus_street_id || focus->geometry == NULL)
            continue;
          world_path_add_visible (cr, projector, g_ptr_array_index (outlines->street_paths, i), scratch);
          cairo_stroke (cr);
        }
    }

  if ((parts & GJ_MAP_PART_STATIONS) && style->station_radius > 0)
    {
      cairo_set_line_width (cr, style->station_ring_width);
      for (guint i = 0; i < n_stations; i++)
        {
          g_autoptr(GjRecord) station = g_list_model_get_item (stations, i);
          double px, py;

          if (!in_focus (style, station))
            continue;
          gj_map_projector_project (projector, gj_record_get_real (station, "lon"),
                                    gj_record_get_real (station, "lat"), &px, &py);
          cairo_new_path (cr);
          cairo_arc (cr, px, py, style->station_radius, 0, 2 * G_PI);
          gj_color_set_source (cr, &colors->station);
          cairo_fill_preserve (cr);
          gj_color_set_source (cr, &colors->station_ring);
          cairo_stroke (cr);
        }
    }

  /* Names above the dots: the district and streets, then grids and
   * stations, in that order of importance when they must not overlap. */
  if ((basemap && (parts & GJ_MAP_PART_NAMES)
       && (style->district_name_font != NULL || style->street_name_font != NULL))
      || ((parts & GJ_MAP_PART_LABELS) && overlays
          && (style->grid_name_font != NULL || style->station_name_font != NULL)))
    paint.layout = layout = pango_cairo_create_layout (cr);

  if (basemap && (parts & GJ_MAP_PART_NAMES) && layout != NULL)
    draw_names (&paint, outlines, &names_area);

  if ((parts & GJ_MAP_PART_LABELS) && layout != NULL)
    {
      if (style->grid_name_font != NULL && n_grids > 0)
        draw_grid_labels (&paint, grids);

      if (style->station_name_font != NULL)
        for (guint i = 0; i < n_stations; i++)
          {
            g_autoptr(GjRecord) station = g_list_model_get_item (stations, i);
            const char *name = gj_record_get_text (station, "name");
            double px, py, w, h;

            if (name == NULL || !in_focus (style, station))
              continue;
            measure (&paint, name, style->station_name_font, &w, &h);
            gj_map_projector_project (projector, gj_record_get_real (station, "lon"),
                                      gj_record_get_real (station, "lat"), &px, &py);
            draw_label (&paint, px, py, name, style->station_name_font, &colors->station,
                        style->station_radius + h / 2 + 1);
          }
    }

  if (drawn != NULL)
    *drawn = basemap || overlays;
  return TRUE;
}
