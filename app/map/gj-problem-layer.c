/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "gj-problem-layer.h"
#include "gj-store-echo.h"

/* A pin: a disc on a short stem whose tip is the place. */
#define PIN_RADIUS 7.0
#define PIN_HEIGHT 22.0

struct _GjProblemLayer
{
  ShumateLayer  parent_instance;

  GjStore      *store;
  GArray       *pins;      /* GjProblemPin, red last so it lies on top */
  GArray       *visible;   /* indices into pins drawn in the last frame, with their tips */
};

typedef struct
{
  guint  index;
  double x, y;
} Drawn;

G_DEFINE_FINAL_TYPE (GjProblemLayer, gj_problem_layer, SHUMATE_TYPE_LAYER)

static void
on_viewport_changed (GjProblemLayer *self)
{
  if (self->pins->len > 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The pin colours, as on the board's cards (libadwaita's palette). */
static void
set_colour (cairo_t          *cr,
            GjDeadlineColour  colour)
{
  switch (colour)
    {
    case GJ_DEADLINE_GREEN:
      cairo_set_source_rgb (cr, 0x2e / 255., 0xc2 / 255., 0x7e / 255.);
      break;
    case GJ_DEADLINE_YELLOW:
      cairo_set_source_rgb (cr, 0xf5 / 255., 0xc2 / 255., 0x11 / 255.);
      break;
    case GJ_DEADLINE_RED:
      cairo_set_source_rgb (cr, 0xe0 / 255., 0x1b / 255., 0x24 / 255.);
      break;
    case GJ_DEADLINE_GREY:
      cairo_set_source_rgb (cr, 0x9a / 255., 0x99 / 255., 0x96 / 255.);
      break;
    case GJ_DEADLINE_NONE:
    default:
      cairo_set_source_rgb (cr, 0x35 / 255., 0x84 / 255., 0xe4 / 255.);
      break;
    }
}

static int
colour_rank (GjDeadlineColour colour)
{
  /* Drawn first … last: done, none, on track, due soon, overdue. */
  static const int rank[] = { 1, 2, 3, 4, 0 };

  return rank[colour];
}

static int
compare_pins (gconstpointer a,
              gconstpointer b)
{
  const GjProblemPin *pa = a, *pb = b;

  return colour_rank (pa->colour) - colour_rank (pb->colour);
}

static void
gj_problem_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  GjProblemLayer *self = GJ_PROBLEM_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  graphene_rect_t area;
  cairo_t *cr;

  g_array_set_size (self->visible, 0);
  for (guint i = 0; i < self->pins->len; i++)
    {
      const GjProblemPin *pin = &g_array_index (self->pins, GjProblemPin, i);
      Drawn d = { i, 0, 0 };

      shumate_viewport_location_to_widget_coords (viewport, widget, pin->lat, pin->lon, &d.x, &d.y);
      /* Culled: only pins that reach into the view. */
      if (d.x < -PIN_RADIUS - 1 || d.x > width + PIN_RADIUS + 1 || d.y < -1 || d.y > height + PIN_HEIGHT + 1)
        continue;
      g_array_append_val (self->visible, d);
      min_x = MIN (min_x, d.x - PIN_RADIUS - 2);
      max_x = MAX (max_x, d.x + PIN_RADIUS + 2);
      min_y = MIN (min_y, d.y - PIN_HEIGHT - 2);
      max_y = MAX (max_y, d.y + 2);
    }
  if (self->visible->len == 0)
    return;

  area = GRAPHENE_RECT_INIT (min_x, min_y, max_x - min_x, max_y - min_y);
  graphene_rect_intersection (&area, &GRAPHENE_RECT_INIT (0, 0, width, height), &area);
  graphene_rect_round_extents (&area, &area);
  if (area.size.width <= 0 || area.size.height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &area);
  cairo_set_line_width (cr, 1.5);
  for (guint v = 0; v < self->visible->len; v++)
    {
      const Drawn *d = &g_array_index (self->visible, Drawn, v);
      const GjProblemPin *pin = &g_array_index (self->pins, GjProblemPin, d->index);
      double cy = d->y - PIN_HEIGHT + PIN_RADIUS;

      cairo_new_path (cr);
      cairo_move_to (cr, d->x, d->y);
      cairo_line_to (cr, d->x - PIN_RADIUS * 0.6, cy + PIN_RADIUS * 0.7);
      cairo_arc (cr, d->x, cy, PIN_RADIUS, G_PI * 0.75, G_PI * 2.25);
      cairo_close_path (cr);
      set_colour (cr, pin->colour);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
      cairo_stroke (cr);
      /* A white eye reads on any basemap. */
      cairo_arc (cr, d->x, cy, PIN_RADIUS * 0.38, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
gj_problem_layer_constructed (GObject *object)
{
  GjProblemLayer *self = GJ_PROBLEM_LAYER (object);

  G_OBJECT_CLASS (gj_problem_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
}

static void
gj_problem_layer_dispose (GObject *object)
{
  GjProblemLayer *self = GJ_PROBLEM_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_func (viewport, on_viewport_changed, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gj_problem_layer_parent_class)->dispose (object);
}

static void
gj_problem_layer_finalize (GObject *object)
{
  GjProblemLayer *self = GJ_PROBLEM_LAYER (object);

  g_clear_pointer (&self->pins, g_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);

  G_OBJECT_CLASS (gj_problem_layer_parent_class)->finalize (object);
}

static void
gj_problem_layer_class_init (GjProblemLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gj_problem_layer_constructed;
  object_class->dispose = gj_problem_layer_dispose;
  object_class->finalize = gj_problem_layer_finalize;
  widget_class->snapshot = gj_problem_layer_snapshot;
}

static void
gj_problem_layer_init (GjProblemLayer *self)
{
  self->pins = g_array_new (FALSE, FALSE, sizeof (GjProblemPin));
  self->visible = g_array_new (FALSE, FALSE, sizeof (Drawn));
  /* Clicks are the map view's: it asks gj_problem_layer_pick(). */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GjProblemLayer *
gj_problem_layer_new (ShumateViewport *viewport)
{
  return g_object_new (GJ_TYPE_PROBLEM_LAYER, "viewport", viewport, NULL);
}

void
gj_problem_layer_reload (GjProblemLayer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pins = NULL;

  g_return_if_fail (GJ_IS_PROBLEM_LAYER (self));

  g_array_set_size (self->pins, 0);
  g_array_set_size (self->visible, 0);
  if (self->store != NULL)
    {
      pins = gj_store_problem_dup_pins (self->store, NULL, &error);
      if (pins == NULL)
        g_warning ("Cannot read the problems' places: %s", error->message);
      else
        {
          g_array_sort (pins, compare_pins);
          g_array_append_vals (self->pins, pins->data, pins->len);
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gj_problem_layer_set_store (GjProblemLayer *self,
                            GjStore        *store)
{
  g_return_if_fail (GJ_IS_PROBLEM_LAYER (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  g_set_object (&self->store, store);
  gj_problem_layer_reload (self);
}

guint
gj_problem_layer_get_n_pins (GjProblemLayer *self)
{
  g_return_val_if_fail (GJ_IS_PROBLEM_LAYER (self), 0);
  return self->pins->len;
}

gint64
gj_problem_layer_pick (GjProblemLayer *self,
                       double          x,
                       double          y)
{
  ShumateViewport *viewport;

  g_return_val_if_fail (GJ_IS_PROBLEM_LAYER (self), 0);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return 0;
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  /* Topmost first: the pins are drawn in array order. */
  for (guint i = self->pins->len; i-- > 0;)
    {
      const GjProblemPin *pin = &g_array_index (self->pins, GjProblemPin, i);
      double px, py, cy;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), pin->lat, pin->lon, &px, &py);
      cy = py - PIN_HEIGHT + PIN_RADIUS;
      if ((x - px) * (x - px) + (y - cy) * (y - cy) <= (PIN_RADIUS + 3) * (PIN_RADIUS + 3)
          || (fabs (x - px) <= PIN_RADIUS * 0.6 && y <= py && y >= cy))
        return pin->problem_id;
    }
  return 0;
}
