/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-geometry.h"
#include "gj-map-theme.h"
#include "gj-records.h"
#include "gj-selection-layer.h"

struct _GjSelectionLayer
{
  ShumateLayer  parent_instance;

  GjRecord     *selected;
  GjRecord     *hovered;
  gboolean      dark;
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

/* Adds the record's shape to the path in widget coordinates; FALSE when it
 * has none or is wholly off the widget. */
static gboolean
record_path (GjSelectionLayer *self,
             cairo_t          *cr,
             GjRecord         *record,
             double           *cx,
             double           *cy)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (GJ_IS_STATION (record))
    {
      shumate_viewport_location_to_widget_coords (viewport, widget,
                                                  gj_record_get_real (record, "lat"),
                                                  gj_record_get_real (record, "lon"), cx, cy);
      return *cx > -20 && *cy > -20 && *cx < width + 20 && *cy < height + 20;
    }
  else
    {
      GjGeometry *geometry = gj_record_get_geometry (record, "geometry");
      double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

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
              if (i == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
              min_x = MIN (min_x, x);
              max_x = MAX (max_x, x);
              min_y = MIN (min_y, y);
              max_y = MAX (max_y, y);
            }
          cairo_close_path (cr);
        }
      if (max_x < 0 || max_y < 0 || min_x > width || min_y > height)
        {
          cairo_new_path (cr);
          return FALSE;
        }
      return TRUE;
    }
}

static void
gj_selection_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  GjSelectionLayer *self = GJ_SELECTION_LAYER (widget);
  const GjMapColors *colors = gj_map_theme_get_colors (self->dark);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;
  double cx, cy;

  if (self->selected == NULL && self->hovered == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  if (self->hovered != NULL && self->hovered != self->selected
      && !GJ_IS_STATION (self->hovered) && record_path (self, cr, self->hovered, &cx, &cy))
    {
      GjColor fill = colors->accent;

      fill.alpha = 0.12;
      gj_color_set_source (cr, &fill);
      cairo_fill_preserve (cr);
      gj_color_set_source (cr, &colors->accent);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  if (self->selected != NULL && record_path (self, cr, self->selected, &cx, &cy))
    {
      if (GJ_IS_STATION (self->selected))
        {
          cairo_new_path (cr);
          cairo_arc (cr, cx, cy, 10, 0, 2 * G_PI);
        }
      else
        {
          GjColor fill = colors->accent;

          fill.alpha = 0.2;
          gj_color_set_source (cr, &fill);
          cairo_fill_preserve (cr);
        }
      /* A halo under the accent line keeps it visible on any fill. */
      gj_color_set_source (cr, &colors->station_ring);
      cairo_set_line_width (cr, 6);
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

  self->dark = !!dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
