/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-geometry.h"
#include "gj-map-theme.h"
#include "gj-records.h"
#include "gj-selection-layer.h"

/* The widest thing drawn around a shape: half the halo's line, and the
 * ring around a selected station. */
#define HALO_HALF_WIDTH 3.0
#define STATION_RING_RADIUS 10.0

/* A record projected into widget coordinates, kept between frames so
 * drawing allocates nothing once the arrays have grown. */
typedef struct
{
  GArray           *points;     /* graphene_point_t */
  GArray           *ring_sizes; /* guint */
  graphene_rect_t   extents;    /* all that drawing it may touch */
  gboolean          station;
} Shape;

struct _GjSelectionLayer
{
  ShumateLayer  parent_instance;

  GjRecord     *selected;
  GjRecord     *hovered;
  gboolean      dark;

  Shape         selected_shape;
  Shape         hovered_shape;
};

G_DEFINE_FINAL_TYPE (GjSelectionLayer, gj_selection_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_HOVERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_viewport_changed (GjSelectionLayer *self)
{
  if (self->selected != NULL || self->hovered != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
shape_init (Shape *shape)
{
  shape->points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  shape->ring_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
shape_clear (Shape *shape)
{
  g_clear_pointer (&shape->points, g_array_unref);
  g_clear_pointer (&shape->ring_sizes, g_array_unref);
}

/* Projects @record into @shape; FALSE when it has no place or is wholly
 * off the widget, so nothing needs drawing. */
static gboolean
shape_project (GjSelectionLayer *self,
               Shape            *shape,
               GjRecord         *record)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                               gtk_widget_get_height (widget));
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

  g_array_set_size (shape->points, 0);
  g_array_set_size (shape->ring_sizes, 0);
  shape->station = GJ_IS_STATION (record);

  if (shape->station)
    {
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, widget,
                                                  gj_record_get_real (record, "lat"),
                                                  gj_record_get_real (record, "lon"), &x, &y);
      g_array_append_val (shape->points, GRAPHENE_POINT_INIT (x, y));
      shape->extents = GRAPHENE_RECT_INIT (x - STATION_RING_RADIUS, y - STATION_RING_RADIUS,
                                           2 * STATION_RING_RADIUS, 2 * STATION_RING_RADIUS);
    }
  else
    {
      GjGeometry *geometry = gj_record_get_geometry (record, "geometry");

      if (geometry == NULL)
        return FALSE;
      for (guint r = 0; r < gj_geometry_get_n_rings (geometry); r++)
        {
          guint n;
          const double *pts = gj_geometry_get_ring (geometry, r, &n);

          for (guint i = 0; i < n; i++)
            {
              double x, y;

              shumate_viewport_location_to_widget_coords (viewport, widget, pts[2 * i + 1], pts[2 * i], &x, &y);
              g_array_append_val (shape->points, GRAPHENE_POINT_INIT (x, y));
              min_x = MIN (min_x, x);
              max_x = MAX (max_x, x);
              min_y = MIN (min_y, y);
              max_y = MAX (max_y, y);
            }
          g_array_append_val (shape->ring_sizes, n);
        }
      if (shape->points->len == 0)
        return FALSE;
      shape->extents = GRAPHENE_RECT_INIT (min_x, min_y, max_x - min_x, max_y - min_y);
    }

  graphene_rect_inset (&shape->extents, -HALO_HALF_WIDTH - 1, -HALO_HALF_WIDTH - 1);
  return graphene_rect_intersection (&shape->extents, &bounds, NULL);
}

static void
shape_path (const Shape *shape,
            cairo_t     *cr)
{
  const graphene_point_t *pts = (const graphene_point_t *) (gpointer) shape->points->data;
  guint start = 0;

  if (shape->station)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, pts[0].x, pts[0].y, STATION_RING_RADIUS, 0, 2 * G_PI);
      return;
    }

  for (guint r = 0; r < shape->ring_sizes->len; r++)
    {
      guint n = g_array_index (shape->ring_sizes, guint, r);

      for (guint i = 0; i < n; i++)
        {
          if (i == 0)
            cairo_move_to (cr, pts[start + i].x, pts[start + i].y);
          else
            cairo_line_to (cr, pts[start + i].x, pts[start + i].y);
        }
      if (n > 0)
        cairo_close_path (cr);
      start += n;
    }
}

static void
gj_selection_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  GjSelectionLayer *self = GJ_SELECTION_LAYER (widget);
  const GjMapColors *colors = gj_map_theme_get_colors (self->dark);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                               gtk_widget_get_height (widget));
  gboolean show_hovered, show_selected;
  graphene_rect_t area;
  cairo_t *cr;

  show_hovered = self->hovered != NULL && self->hovered != self->selected
                 && !GJ_IS_STATION (self->hovered)
                 && shape_project (self, &self->hovered_shape, self->hovered);
  show_selected = self->selected != NULL
                  && shape_project (self, &self->selected_shape, self->selected);
  if (!show_hovered && !show_selected)
    return;

  /* The cairo node covers only what the shapes touch: a surface the size
   * of the whole map would be filled, uploaded and blended every frame. */
  if (show_hovered && show_selected)
    graphene_rect_union (&self->hovered_shape.extents, &self->selected_shape.extents, &area);
  else
    area = show_hovered ? self->hovered_shape.extents : self->selected_shape.extents;
  graphene_rect_intersection (&area, &bounds, &area);
  graphene_rect_round_extents (&area, &area);

  cr = gtk_snapshot_append_cairo (snapshot, &area);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  if (show_hovered)
    {
      GjColor fill = colors->accent;

      shape_path (&self->hovered_shape, cr);
      fill.alpha = 0.12;
      gj_color_set_source (cr, &fill);
      cairo_fill_preserve (cr);
      gj_color_set_source (cr, &colors->accent);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  if (show_selected)
    {
      shape_path (&self->selected_shape, cr);
      if (!self->selected_shape.station)
        {
          GjColor fill = colors->accent;

          fill.alpha = 0.2;
          gj_color_set_source (cr, &fill);
          cairo_fill_preserve (cr);
        }
      /* A halo under the accent line keeps it visible on any fill. */
      gj_color_set_source (cr, &colors->station_ring);
      cairo_set_line_width (cr, 2 * HALO_HALF_WIDTH);
      cairo_stroke_preserve (cr);
      gj_color_set_source (cr, &colors->accent);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
gj_selection_layer_constructed (GObject *object)
{
  GjSelectionLayer *self = GJ_SELECTION_LAYER (object);

  G_OBJECT_CLASS (gj_selection_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
}

static void
gj_selection_layer_dispose (GObject *object)
{
  GjSelectionLayer *self = GJ_SELECTION_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_func (viewport, on_viewport_changed, self);
  g_clear_object (&self->selected);
  g_clear_object (&self->hovered);

  G_OBJECT_CLASS (gj_selection_layer_parent_class)->dispose (object);
}

static void
gj_selection_layer_finalize (GObject *object)
{
  GjSelectionLayer *self = GJ_SELECTION_LAYER (object);

  shape_clear (&self->selected_shape);
  shape_clear (&self->hovered_shape);

  G_OBJECT_CLASS (gj_selection_layer_parent_class)->finalize (object);
}

static void
gj_selection_layer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GjSelectionLayer *self = GJ_SELECTION_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    case PROP_HOVERED:
      g_value_set_object (value, self->hovered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_selection_layer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GjSelectionLayer *self = GJ_SELECTION_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      gj_selection_layer_set_selected (self, g_value_get_object (value));
      break;
    case PROP_HOVERED:
      gj_selection_layer_set_hovered (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_selection_layer_class_init (GjSelectionLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gj_selection_layer_constructed;
  object_class->dispose = gj_selection_layer_dispose;
  object_class->finalize = gj_selection_layer_finalize;
  object_class->get_property = gj_selection_layer_get_property;
  object_class->set_property = gj_selection_layer_set_property;

  widget_class->snapshot = gj_selection_layer_snapshot;

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, GJ_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOVERED] =
    g_param_spec_object ("hovered", NULL, NULL, GJ_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_selection_layer_init (GjSelectionLayer *self)
{
  shape_init (&self->selected_shape);
  shape_init (&self->hovered_shape);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GjSelectionLayer *
gj_selection_layer_new (ShumateViewport *viewport)
{
  return g_object_new (GJ_TYPE_SELECTION_LAYER, "viewport", viewport, NULL);
}

GjRecord *
gj_selection_layer_get_selected (GjSelectionLayer *self)
{
  g_return_val_if_fail (GJ_IS_SELECTION_LAYER (self), NULL);

  return self->selected;
}

void
gj_selection_layer_set_selected (GjSelectionLayer *self,
                                 GjRecord         *record)
{
  g_return_if_fail (GJ_IS_SELECTION_LAYER (self));
  g_return_if_fail (record == NULL || GJ_IS_RECORD (record));

  if (g_set_object (&self->selected, record))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
}

GjRecord *
gj_selection_layer_get_hovered (GjSelectionLayer *self)
{
  g_return_val_if_fail (GJ_IS_SELECTION_LAYER (self), NULL);

  return self->hovered;
}

void
gj_selection_layer_set_hovered (GjSelectionLayer *self,
                                GjRecord         *record)
{
  g_return_if_fail (GJ_IS_SELECTION_LAYER (self));
  g_return_if_fail (record == NULL || GJ_IS_RECORD (record));

  if (g_set_object (&self->hovered, record))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVERED]);
    }
}

void
gj_selection_layer_set_dark (GjSelectionLayer *self,
                             gboolean          dark)
{
  g_return_if_fail (GJ_IS_SELECTION_LAYER (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
