/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-edit-layer.h"
#include "gj-map-theme.h"
#include "gj-records.h"

/* Distances in pixels: how near a press must be to grab a handle, and how
 * near a corner or an edge of a neighbour pulls a point onto it. */
#define HANDLE_RADIUS   9.0
#define MIDPOINT_RADIUS 8.0
#define SNAP_DISTANCE  10.0
/* Below this zoom a whole street is on screen: snapping would only surprise. */
#define SNAP_MIN_ZOOM  13.0

typedef struct
{
  GArray *points;    /* double lon, lat pairs; open (no closing point) */
  guint   polygon;   /* which polygon of the shape the ring belongs to */
} Ring;

struct _GjEditLayer
{
  ShumateLayer  parent_instance;

  GjStore      *store;
  GjEditMode    mode;
  GjRecord     *record;

  GPtrArray    *rings;          /* Ring */
  gboolean      has_point;
  double        point_lon, point_lat;

  /* The corner being dragged or under the pointer: ring, index (-1 none). */
  int           active_ring, active_index;
  gboolean      dragging;
  double        drag_x, drag_y;
  gboolean      has_pointer;
  double        pointer_x, pointer_y;
  gboolean      has_snap;
  double        snap_lon, snap_lat;

  /* Shapes of the neighbouring grids, loaded for the view when a press
   * needs them; the view they were loaded for. */
  GPtrArray    *neighbours;     /* GjGeometry */
  GjBBox        neighbours_box;

  gboolean      dark;
};

G_DEFINE_FINAL_TYPE (GjEditLayer, gj_edit_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
ring_free (gpointer data)
{
  Ring *ring = data;

  g_array_unref (ring->points);
  g_free (ring);
}

static Ring *
ring_new (guint polygon)
{
  Ring *ring = g_new0 (Ring, 1);

  ring->points = g_array_new (FALSE, FALSE, sizeof (double));
  ring->polygon = polygon;
  return ring;
}

static guint
ring_len (Ring *ring)
{
  return ring->points->len / 2;
}

static double *
ring_point (Ring *ring,
            guint i)
{
  return &g_array_index (ring->points, double, 2 * i);
}

static void
to_widget (GjEditLayer *self,
           double       lon,
           double       lat,
           double      *x,
           double      *y)
{
  shumate_viewport_location_to_widget_coords (shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                                              GTK_WIDGET (self), lat, lon, x, y);
}

static void
to_location (GjEditLayer *self,
             double       x,
             double       y,
             double      *lon,
             double      *lat)
{
  shumate_viewport_widget_coords_to_location (shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                                              GTK_WIDGET (self), x, y, lat, lon);
}

/* Neighbours ---------------------------------------------------------------- */

static void
visible_box (GjEditLayer *self,
             GjBBox      *box)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double lon0, lat0, lon1, lat1;

  to_location (self, 0, 0, &lon0, &lat0);
  to_location (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &lon1, &lat1);
  box->min_x = MIN (lon0, lon1);
  box->max_x = MAX (lon0, lon1);
  box->min_y = MIN (lat0, lat1);
  box->max_y = MAX (lat0, lat1);
}

static void
load_neighbours (GjEditLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_autoptr(GListModel) grids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 own_id = self->record != NULL ? gj_record_get_id (self->record) : 0;
  GjBBox box;

  visible_box (self, &box);
  if (self->neighbours->len > 0 && box.min_x >= self->neighbours_box.min_x && box.max_x <= self->neighbours_box.max_x
      && box.min_y >= self->neighbours_box.min_y && box.max_y <= self->neighbours_box.max_y)
    return;

  g_ptr_array_set_size (self->neighbours, 0);
  if (self->store == NULL || shumate_viewport_get_zoom_level (viewport) < SNAP_MIN_ZOOM)
    return;

  grids = gj_store_list_in_bbox (self->store, GJ_TYPE_GRID, &box, GJ_STORE_LIST_DEFAULT, &error);
  if (grids == NULL)
    {
      g_warning ("Could not read the grids to snap to: %s", error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (grids, i);
      GjGeometry *geometry = gj_record_get_geometry (grid, "geometry");

      if (geometry != NULL && gj_record_get_id (grid) != own_id)
        g_ptr_array_add (self->neighbours, gj_geometry_ref (geometry));
    }
  self->neighbours_box = box;
}

/* Pulls widget point (@x, @y) onto the nearest neighbour corner, else onto
 * the nearest neighbour edge, within SNAP_DISTANCE; the location either way. */
static gboolean
snap (GjEditLayer *self,
      double       x,
      double       y,
      double      *lon,
      double      *lat)
{
  double best_corner = SNAP_DISTANCE * SNAP_DISTANCE, best_edge = best_corner;
  double corner_lon = 0, corner_lat = 0, edge_lon = 0, edge_lat = 0;
  gboolean has_corner = FALSE, has_edge = FALSE;

  to_location (self, x, y, lon, lat);
  for (guint g = 0; g < self->neighbours->len; g++)
    {
      GjGeometry *geometry = self->neighbours->pdata[g];

      for (guint r = 0; r < gj_geometry_get_n_rings (geometry); r++)
        {
          guint n;
          const double *pts = gj_geometry_get_ring (geometry, r, &n);
          double px = 0, py = 0;

          for (guint i = 0; i < n; i++)
            {
              double qx, qy, d;

              to_widget (self, pts[2 * i], pts[2 * i + 1], &qx, &qy);
              d = (qx - x) * (qx - x) + (qy - y) * (qy - y);
              if (d <= best_corner)
                {
                  best_corner = d;
                  corner_lon = pts[2 * i];
                  corner_lat = pts[2 * i + 1];
                  has_corner = TRUE;
                }
              if (i > 0 && !has_corner)
                {
                  double ex = qx - px, ey = qy - py, len2 = ex * ex + ey * ey, t, nx, ny;

                  if (len2 > 0)
                    {
                      t = CLAMP (((x - px) * ex + (y - py) * ey) / len2, 0.0, 1.0);
                      nx = px + t * ex;
                      ny = py + t * ey;
                      d = (nx - x) * (nx - x) + (ny - y) * (ny - y);
                      if (d <= best_edge)
                        {
                          /* On the stored edge, which is straight in degrees. */
                          best_edge = d;
                          edge_lon = pts[2 * (i - 1)] + t * (pts[2 * i] - pts[2 * (i - 1)]);
                          edge_lat = pts[2 * (i - 1) + 1] + t * (pts[2 * i + 1] - pts[2 * (i - 1) + 1]);
                          has_edge = TRUE;
                        }
                    }
                }
              px = qx;
              py = qy;
            }
        }
    }

  if (has_corner)
    {
      *lon = corner_lon;
      *lat = corner_lat;
      return TRUE;
    }
  if (has_edge)
    {
      *lon = edge_lon;
      *lat = edge_lat;
      return TRUE;
    }
  return FALSE;
}

static void
place_snapped (GjEditLayer *self,
               double       x,
               double       y,
               double      *lon,
               double      *lat)
{
  self->has_snap = snap (self, x, y, lon, lat);
  self->snap_lon = *lon;
  self->snap_lat = *lat;
}

/* Hit tests ------------------------------------------------------------------ */

static gboolean
find_vertex (GjEditLayer *self,
             double       x,
             double       y,
             int         *ring_out,
             int         *index_out)
{
  double best = HANDLE_RADIUS * HANDLE_RADIUS;
  gboolean found = FALSE;

  for (guint r = 0; r < self->rings->len; r++)
    {
      Ring *ring = self->rings->pdata[r];

      for (guint i = 0; i < ring_len (ring); i++)
        {
          double *p = ring_point (ring, i), vx, vy, d;

          to_widget (self, p[0], p[1], &vx, &vy);
          d = (vx - x) * (vx - x) + (vy - y) * (vy - y);
          if (d <= best)
            {
              best = d;
              *ring_out = r;
              *index_out = i;
              found = TRUE;
            }
        }
    }
  return found;
}

/* The handle halfway along an edge long enough to show one; the new corner
 * goes after @index_out. */
static gboolean
find_midpoint (GjEditLayer *self,
               double       x,
               double       y,
               int         *ring_out,
               int         *index_out)
{
  for (guint r = 0; r < self->rings->len; r++)
    {
      Ring *ring = self->rings->pdata[r];
      guint n = ring_len (ring);

      for (guint i = 0; i < n; i++)
        {
          double *a = ring_point (ring, i), *b = ring_point (ring, (i + 1) % n);
          double ax, ay, bx, by, mx, my;

          to_widget (self, a[0], a[1], &ax, &ay);
          to_widget (self, b[0], b[1], &bx, &by);
          if ((bx - ax) * (bx - ax) + (by - ay) * (by - ay) < 4 * HANDLE_RADIUS * HANDLE_RADIUS)
            continue;
          mx = (ax + bx) / 2;
          my = (ay + by) / 2;
          if ((mx - x) * (mx - x) + (my - y) * (my - y) <= MIDPOINT_RADIUS * MIDPOINT_RADIUS)
            {
              *ring_out = r;
              *index_out = i;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static gboolean
near_point (GjEditLayer *self,
            double       x,
            double       y)
{
  double px, py;

  if (!self->has_point)
    return FALSE;
  to_widget (self, self->point_lon, self->point_lat, &px, &py);
  return (px - x) * (px - x) + (py - y) * (py - y) <= 2 * HANDLE_RADIUS * HANDLE_RADIUS;
}

/* Editing -------------------------------------------------------------------- */

static void
set_mode (GjEditLayer *self,
          GjEditMode   mode)
{
  if (self->mode == mode)
    return;
  self->mode = mode;
  gtk_widget_set_can_target (GTK_WIDGET (self), mode != GJ_EDIT_MODE_NONE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

static void
reset (GjEditLayer *self)
{
  g_ptr_array_set_size (self->rings, 0);
  g_ptr_array_set_size (self->neighbours, 0);
  g_clear_object (&self->record);
  self->has_point = FALSE;
  self->active_ring = self->active_index = -1;
  self->dragging = FALSE;
  self->has_snap = FALSE;
}

void
gj_edit_layer_begin (GjEditLayer *self,
                     GjEditMode   mode,
                     GjRecord    *record)
{
  g_return_if_fail (GJ_IS_EDIT_LAYER (self));
  g_return_if_fail (record == NULL || GJ_IS_RECORD (record));

  reset (self);
  if (record != NULL)
    self->record = g_object_ref (record);

  if (mode == GJ_EDIT_MODE_DRAW)
    g_ptr_array_add (self->rings, ring_new (0));
  else if (mode == GJ_EDIT_MODE_SHAPE)
    {
      GjGeometry *geometry = record != NULL ? gj_record_get_geometry (record, "geometry") : NULL;

      g_return_if_fail (geometry != NULL);
      for (guint p = 0; p < gj_geometry_get_n_polygons (geometry); p++)
        {
          guint first, n_rings;

          gj_geometry_get_polygon (geometry, p, &first, &n_rings);
          for (guint r = first; r < first + n_rings; r++)
            {
              guint n;
              const double *pts = gj_geometry_get_ring (geometry, r, &n);
              Ring *ring = ring_new (p);

              /* Kept open while editing: the closing point is the first. */
              if (n > 1 && pts[0] == pts[2 * (n - 1)] && pts[1] == pts[2 * (n - 1) + 1])
                n--;
              g_array_append_vals (ring->points, pts, 2 * n);
              g_ptr_array_add (self->rings, ring);
            }
        }
    }
  else if (mode == GJ_EDIT_MODE_POINT && record != NULL
           && !gj_record_is_null (record, "lon") && !gj_record_is_null (record, "lat"))
    {
      self->has_point = TRUE;
      self->point_lon = gj_record_get_real (record, "lon");
      self->point_lat = gj_record_get_real (record, "lat");
    }

  set_mode (self, mode);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GjEditMode
gj_edit_layer_get_mode (GjEditLayer *self)
{
  g_return_val_if_fail (GJ_IS_EDIT_LAYER (self), GJ_EDIT_MODE_NONE);
  return self->mode;
}

GjRecord *
gj_edit_layer_get_record (GjEditLayer *self)
{
  g_return_val_if_fail (GJ_IS_EDIT_LAYER (self), NULL);
  return self->record;
}

guint
gj_edit_layer_get_n_vertices (GjEditLayer *self)
{
  guint n = 0;

  g_return_val_if_fail (GJ_IS_EDIT_LAYER (self), 0);

  for (guint r = 0; r < self->rings->len; r++)
    n += ring_len (self->rings->pdata[r]);
  return n;
}

gboolean
gj_edit_layer_can_finish (GjEditLayer *self)
{
  g_return_val_if_fail (GJ_IS_EDIT_LAYER (self), FALSE);

  switch (self->mode)
    {
    case GJ_EDIT_MODE_DRAW:
    case GJ_EDIT_MODE_SHAPE:
      if (self->rings->len == 0)
        return FALSE;
      for (guint r = 0; r < self->rings->len; r++)
        if (ring_len (self->rings->pdata[r]) < 3)
          return FALSE;
      return TRUE;
    case GJ_EDIT_MODE_POINT:
      return self->has_point;
    case GJ_EDIT_MODE_NONE:
    default:
      return FALSE;
    }
}

gboolean
gj_edit_layer_finish (GjEditLayer *self)
{
  g_return_val_if_fail (GJ_IS_EDIT_LAYER (self), FALSE);

  if (!gj_edit_layer_can_finish (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  g_signal_emit (self, signals[FINISHED], 0);
  return TRUE;
}

void
gj_edit_layer_cancel (GjEditLayer *self)
{
  g_return_if_fail (GJ_IS_EDIT_LAYER (self));

  reset (self);
  set_mode (self, GJ_EDIT_MODE_NONE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
gj_edit_layer_remove_vertex (GjEditLayer *self)
{
  Ring *ring;

  g_return_val_if_fail (GJ_IS_EDIT_LAYER (self), FALSE);

  if (self->mode == GJ_EDIT_MODE_DRAW && self->rings->len > 0)
    {
      ring = self->rings->pdata[0];
      if (ring_len (ring) == 0)
        return FALSE;
      g_array_set_size (ring->points, ring->points->len - 2);
    }
  else if (self->mode == GJ_EDIT_MODE_SHAPE && self->active_ring >= 0
           && (guint) self->active_ring < self->rings->len)
    {
      ring = self->rings->pdata[self->active_ring];
      /* A ring keeps three corners; fewer is not a shape. */
      if (ring_len (ring) <= 3 || self->active_index < 0 || (guint) self->active_index >= ring_len (ring))
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return FALSE;
        }
      g_array_remove_range (ring->points, 2 * self->active_index, 2);
      self->active_ring = self->active_index = -1;
    }
  else
    return FALSE;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

GjGeometry *
gj_edit_layer_dup_geometry (GjEditLayer *self)
{
  GjGeometry *geometry;
  guint n_polygons = 0;
  int last_polygon = -1;

  g_return_val_if_fail (GJ_IS_EDIT_LAYER (self), NULL);

  if (self->mode == GJ_EDIT_MODE_POINT)
    return self->has_point ? gj_geometry_new_point (self->point_lon, self->point_lat) : NULL;
  if (!gj_edit_layer_can_finish (self))
    return NULL;

  for (guint r = 0; r < self->rings->len; r++)
    n_polygons = MAX (n_polygons, ((Ring *) self->rings->pdata[r])->polygon + 1);
  geometry = gj_geometry_new (n_polygons > 1 ? GJ_GEOMETRY_MULTI_POLYGON : GJ_GEOMETRY_POLYGON);
  for (guint r = 0; r < self->rings->len; r++)
    {
      Ring *ring = self->rings->pdata[r];

      if ((int) ring->polygon != last_polygon)
        {
          gj_geometry_begin_polygon (geometry);
          last_polygon = ring->polygon;
        }
      gj_geometry_begin_ring (geometry);
      for (guint i = 0; i < ring_len (ring); i++)
        gj_geometry_add_point (geometry, ring_point (ring, i)[0], ring_point (ring, i)[1]);
      gj_geometry_add_point (geometry, ring_point (ring, 0)[0], ring_point (ring, 0)[1]);
    }
  return geometry;
}

/* Input ---------------------------------------------------------------------- */

void
gj_edit_layer_click (GjEditLayer *self,
                     double       x,
                     double       y)
{
  double lon, lat, fx, fy;
  Ring *ring;

  g_return_if_fail (GJ_IS_EDIT_LAYER (self));

  switch (self->mode)
    {
    case GJ_EDIT_MODE_DRAW:
      ring = self->rings->pdata[0];
      /* Clicking the first corner again closes the shape. */
      if (ring_len (ring) >= 3)
        {
          to_widget (self, ring_point (ring, 0)[0], ring_point (ring, 0)[1], &fx, &fy);
          if ((fx - x) * (fx - x) + (fy - y) * (fy - y) <= HANDLE_RADIUS * HANDLE_RADIUS)
            {
              gj_edit_layer_finish (self);
              return;
            }
        }
      load_neighbours (self);
      place_snapped (self, x, y, &lon, &lat);
      g_array_append_val (ring->points, lon);
      g_array_append_val (ring->points, lat);
      break;

    case GJ_EDIT_MODE_POINT:
      if (self->record == NULL && !self->has_point)
        {
          to_location (self, x, y, &self->point_lon, &self->point_lat);
          self->has_point = TRUE;
          gtk_widget_queue_draw (GTK_WIDGET (self));
          gj_edit_layer_finish (self);
          return;
        }
      break;

    case GJ_EDIT_MODE_SHAPE:
    case GJ_EDIT_MODE_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Starts a drag at (@x, @y): TRUE when it grabbed a handle. */
static gboolean
drag_begin (GjEditLayer *self,
            double       x,
            double       y)
{
  int r, i;

  self->drag_x = x;
  self->drag_y = y;
  if (self->mode == GJ_EDIT_MODE_SHAPE)
    {
      if (find_vertex (self, x, y, &r, &i))
        {
          self->active_ring = r;
          self->active_index = i;
        }
      else if (find_midpoint (self, x, y, &r, &i))
        {
          Ring *ring = self->rings->pdata[r];
          guint n = ring_len (ring);
          double *a = ring_point (ring, i), *b = ring_point (ring, (i + 1) % n);
          double mid[2] = { (a[0] + b[0]) / 2, (a[1] + b[1]) / 2 };

          g_array_insert_vals (ring->points, 2 * (i + 1), mid, 2);
          self->active_ring = r;
          self->active_index = i + 1;
        }
      else
        return FALSE;
      load_neighbours (self);
      self->dragging = TRUE;
      return TRUE;
    }
  if (self->mode == GJ_EDIT_MODE_POINT && near_point (self, x, y))
    {
      self->dragging = TRUE;
      return TRUE;
    }
  return FALSE;
}

static void
drag_to (GjEditLayer *self,
         double       x,
         double       y)
{
  double lon, lat;

  if (!self->dragging)
    return;
  if (self->mode == GJ_EDIT_MODE_SHAPE)
    {
      Ring *ring = self->rings->pdata[self->active_ring];
      double *p = ring_point (ring, self->active_index);

      place_snapped (self, x, y, &lon, &lat);
      p[0] = lon;
      p[1] = lat;
    }
  else if (self->mode == GJ_EDIT_MODE_POINT)
    to_location (self, x, y, &self->point_lon, &self->point_lat);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end (GjEditLayer *self)
{
  self->dragging = FALSE;
  self->has_snap = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
gj_edit_layer_drag (GjEditLayer *self,
                    double       from_x,
                    double       from_y,
                    double       to_x,
                    double       to_y)
{
  g_return_val_if_fail (GJ_IS_EDIT_LAYER (self), FALSE);

  if (!drag_begin (self, from_x, from_y))
    return FALSE;
  drag_to (self, to_x, to_y);
  drag_end (self);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               GjEditLayer    *self)
{
  if (self->mode != GJ_EDIT_MODE_NONE && drag_begin (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                GjEditLayer    *self)
{
  drag_to (self, self->drag_x + dx, self->drag_y + dy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             GjEditLayer    *self)
{
  drag_end (self);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  GjEditLayer     *self)
{
  /* A double click finishes a drawing; the map must not zoom as well. */
  if (self->mode == GJ_EDIT_MODE_DRAW && n_press == 2)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GjEditLayer     *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  int r, i;

  if (self->mode == GJ_EDIT_MODE_NONE)
    return;
  if (button == GDK_BUTTON_SECONDARY)
    {
      /* A right click removes the corner it is on. */
      if (self->mode == GJ_EDIT_MODE_SHAPE && find_vertex (self, x, y, &r, &i))
        {
          self->active_ring = r;
          self->active_index = i;
          gj_edit_layer_remove_vertex (self);
        }
      else if (self->mode == GJ_EDIT_MODE_DRAW)
        gj_edit_layer_remove_vertex (self);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    return;
  if (self->mode == GJ_EDIT_MODE_DRAW && n_press == 2)
    {
      gj_edit_layer_finish (self);
      return;
    }
  if (n_press == 1)
    gj_edit_layer_click (self, x, y);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           GjEditLayer              *self)
{
  int r = -1, i = -1;

  if (self->mode == GJ_EDIT_MODE_NONE)
    return;
  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->dragging)
    return;
  if (self->mode == GJ_EDIT_MODE_SHAPE)
    {
      if (!find_vertex (self, x, y, &r, &i))
        r = i = -1;
      if (r != self->active_ring || i != self->active_index)
        {
          self->active_ring = r;
          self->active_index = i;
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
    }
  else if (self->mode == GJ_EDIT_MODE_DRAW)
    {
      double lon, lat;

      /* The rubber band shows where the next corner would snap. */
      place_snapped (self, x, y, &lon, &lat);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          GjEditLayer              *self)
{
  self->has_pointer = FALSE;
  self->has_snap = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Drawing -------------------------------------------------------------------- */

static void
ring_path (GjEditLayer *self,
           cairo_t     *cr,
           Ring        *ring,
           gboolean     close)
{
  for (guint i = 0; i < ring_len (ring); i++)
    {
      double x, y;

      to_widget (self, ring_point (ring, i)[0], ring_point (ring, i)[1], &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (close)
    cairo_close_path (cr);
}

static void
handle (cairo_t       *cr,
        double         x,
        double         y,
        double         radius,
        const GjColor *fill,
        const GjColor *line)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  gj_color_set_source (cr, fill);
  cairo_fill_preserve (cr);
  gj_color_set_source (cr, line);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

/* What the snapshot draws, in widget coordinates, with room for the
 * largest handle and the halo; FALSE when nothing is on screen. */
static gboolean
drawn_area (GjEditLayer     *self,
            graphene_rect_t *area)
{
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                               gtk_widget_get_height (widget));
  const double pad = 14;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double x, y;

#define ADD(px, py) G_STMT_START { x0 = MIN (x0, px); y0 = MIN (y0, py); \
                                   x1 = MAX (x1, px); y1 = MAX (y1, py); } G_STMT_END
  if (self->mode == GJ_EDIT_MODE_POINT)
    {
      if (!self->has_point)
        return FALSE;
      to_widget (self, self->point_lon, self->point_lat, &x, &y);
      ADD (x, y);
    }
  else
    {
      for (guint r = 0; r < self->rings->len; r++)
        {
          Ring *ring = self->rings->pdata[r];

          for (guint i = 0; i < ring_len (ring); i++)
            {
              to_widget (self, ring_point (ring, i)[0], ring_point (ring, i)[1], &x, &y);
              ADD (x, y);
            }
        }
      if (self->mode == GJ_EDIT_MODE_DRAW && self->has_pointer)
        {
          ADD (self->pointer_x, self->pointer_y);
          if (self->has_snap)
            {
              to_widget (self, self->snap_lon, self->snap_lat, &x, &y);
              ADD (x, y);
            }
        }
    }
#undef ADD
  if (x0 > x1)
    return FALSE;
  *area = GRAPHENE_RECT_INIT (x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
  if (!graphene_rect_intersection (area, &bounds, area))
    return FALSE;
  graphene_rect_round_extents (area, area);
  return TRUE;
}

static void
gj_edit_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GjEditLayer *self = GJ_EDIT_LAYER (widget);
  const GjMapColors *colors = gj_map_theme_get_colors (self->dark);
  static const GjColor white = { 1, 1, 1, 1 };
  static const GjColor snap_color = { 0.96f, 0.47f, 0.0f, 1 };
  GjColor fill = colors->accent, faint = colors->accent;
  graphene_rect_t area;
  cairo_t *cr;

  if (self->mode == GJ_EDIT_MODE_NONE)
    return;

  /* The cairo node covers only what is drawn, as the selection layer's:
   * one the size of the map would be filled and blended every frame. */
  if (!drawn_area (self, &area))
    return;

  fill.alpha = 0.2f;
  faint.alpha = 0.6f;
  cr = gtk_snapshot_append_cairo (snapshot, &area);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  if (self->mode == GJ_EDIT_MODE_POINT)
    {
      if (self->has_point)
        {
          double x, y;

          to_widget (self, self->point_lon, self->point_lat, &x, &y);
          handle (cr, x, y, self->dragging ? 11 : 9, &colors->accent, &white);
        }
      cairo_destroy (cr);
      return;
    }

  /* The shape: filled when it is one, its outline over a halo. */
  for (guint r = 0; r < self->rings->len; r++)
    ring_path (self, cr, self->rings->pdata[r], self->mode == GJ_EDIT_MODE_SHAPE);
  if (self->mode == GJ_EDIT_MODE_SHAPE || ring_len (self->rings->pdata[0]) >= 3)
    {
      gj_color_set_source (cr, &fill);
      cairo_fill_preserve (cr);
    }
  gj_color_set_source (cr, &colors->station_ring);
  cairo_set_line_width (cr, 5);
  cairo_stroke_preserve (cr);
  gj_color_set_source (cr, &colors->accent);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);

  /* While drawing: the rubber band to the pointer and back to the start. */
  if (self->mode == GJ_EDIT_MODE_DRAW && self->has_pointer && ring_len (self->rings->pdata[0]) > 0)
    {
      Ring *ring = self->rings->pdata[0];
      double lx, ly, fx, fy, px = self->pointer_x, py = self->pointer_y;
      static const double dash[] = { 6, 4 };

      if (self->has_snap)
        to_widget (self, self->snap_lon, self->snap_lat, &px, &py);
      to_widget (self, ring_point (ring, ring_len (ring) - 1)[0], ring_point (ring, ring_len (ring) - 1)[1], &lx, &ly);
      to_widget (self, ring_point (ring, 0)[0], ring_point (ring, 0)[1], &fx, &fy);
      cairo_move_to (cr, lx, ly);
      cairo_line_to (cr, px, py);
      if (ring_len (ring) >= 2)
        cairo_line_to (cr, fx, fy);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      gj_color_set_source (cr, &colors->accent);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Handles: a small one halfway along each edge (drag to insert a corner),
   * a round one on each corner, larger under the pointer. */
  for (guint r = 0; r < self->rings->len; r++)
    {
      Ring *ring = self->rings->pdata[r];
      guint n = ring_len (ring);

      if (self->mode == GJ_EDIT_MODE_SHAPE)
        for (guint i = 0; i < n; i++)
          {
            double ax, ay, bx, by;

            to_widget (self, ring_point (ring, i)[0], ring_point (ring, i)[1], &ax, &ay);
            to_widget (self, ring_point (ring, (i + 1) % n)[0], ring_point (ring, (i + 1) % n)[1], &bx, &by);
            if ((bx - ax) * (bx - ax) + (by - ay) * (by - ay) >= 4 * HANDLE_RADIUS * HANDLE_RADIUS)
              handle (cr, (ax + bx) / 2, (ay + by) / 2, 3.5, &white, &faint);
          }
      for (guint i = 0; i < n; i++)
        {
          gboolean active = (int) r == self->active_ring && (int) i == self->active_index;
          double x, y;

          to_widget (self, ring_point (ring, i)[0], ring_point (ring, i)[1], &x, &y);
          handle (cr, x, y, active ? 7 : 5, active ? &colors->accent : &white, &colors->accent);
        }
    }

  if (self->has_snap)
    {
      double x, y;

      to_widget (self, self->snap_lon, self->snap_lat, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 10, 0, 2 * G_PI);
      gj_color_set_source (cr, &snap_color);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* GObject -------------------------------------------------------------------- */

static void
on_viewport_changed (GjEditLayer *self)
{
  if (self->mode != GJ_EDIT_MODE_NONE)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gj_edit_layer_constructed (GObject *object)
{
  GjEditLayer *self = GJ_EDIT_LAYER (object);

  G_OBJECT_CLASS (gj_edit_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
}

static void
gj_edit_layer_dispose (GObject *object)
{
  GjEditLayer *self = GJ_EDIT_LAYER (object);

  g_clear_object (&self->record);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rings, g_ptr_array_unref);
  g_clear_pointer (&self->neighbours, g_ptr_array_unref);

  G_OBJECT_CLASS (gj_edit_layer_parent_class)->dispose (object);
}

static void
gj_edit_layer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GjEditLayer *self = GJ_EDIT_LAYER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_edit_layer_class_init (GjEditLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gj_edit_layer_constructed;
  object_class->dispose = gj_edit_layer_dispose;
  object_class->get_property = gj_edit_layer_get_property;

  widget_class->snapshot = gj_edit_layer_snapshot;

  /* GjEditMode, as an int: the type is not registered for one property. */
  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL, GJ_EDIT_MODE_NONE, GJ_EDIT_MODE_POINT, GJ_EDIT_MODE_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gj_edit_layer_init (GjEditLayer *self)
{
  self->rings = g_ptr_array_new_with_free_func (ring_free);
  self->neighbours = g_ptr_array_new_with_free_func ((GDestroyNotify) gj_geometry_unref);
  self->active_ring = self->active_index = -1;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* Input goes through the map in the capture phase, before ShumateMap's own
 * gestures: a press on a handle is claimed (the map does not pan), any
 * other is left to the map. The layer covers the map, so the points are
 * the same in both. */
void
gj_edit_layer_attach (GjEditLayer *self,
                      GtkWidget   *map)
{
  GtkGesture *drag, *click;
  GtkEventController *motion;

  g_return_if_fail (GJ_IS_EDIT_LAYER (self));
  g_return_if_fail (GTK_IS_WIDGET (map));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end), self, 0);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed), self, 0);
  g_signal_connect_object (click, "released", G_CALLBACK (on_click_released), self, 0);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, 0);
  gtk_widget_add_controller (map, motion);
}

GjEditLayer *
gj_edit_layer_new (ShumateViewport *viewport)
{
  return g_object_new (GJ_TYPE_EDIT_LAYER, "viewport", viewport, NULL);
}

void
gj_edit_layer_set_store (GjEditLayer *self,
                         GjStore     *store)
{
  g_return_if_fail (GJ_IS_EDIT_LAYER (self));

  if (g_set_object (&self->store, store))
    gj_edit_layer_cancel (self);
}

void
gj_edit_layer_set_dark (GjEditLayer *self,
                        gboolean     dark)
{
  g_return_if_fail (GJ_IS_EDIT_LAYER (self));

  self->dark = !!dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
