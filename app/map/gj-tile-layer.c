/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-map-private.h"
#include "gj-tile-layer.h"

/* How many zoom levels up a missing tile looks for a stand-in. */
#define MAX_FALLBACK 5

struct _GjTileLayer
{
  ShumateLayer  parent_instance;

  GjTileSource *source;
  GjTileSource *fallback;
};

G_DEFINE_FINAL_TYPE (GjTileLayer, gj_tile_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
queue_draw (GjTileLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static inline int
wrap (int i,
      int n)
{
  return (i % n + n) % n;
}

/* Draws the part of an ancestor that covers tile (@x, @y); FALSE if none
 * is cached. */
static gboolean
draw_ancestor (GjTileSource *source,
               GtkSnapshot  *snapshot,
               guint        zoom,
               guint        x,
               guint        y,
               double       left,
               double       top,
               double       size)
{
  for (guint d = 1; d <= MAX_FALLBACK && d <= zoom; d++)
    {
      guint px = x >> d, py = y >> d;
      double scale = (double) (1u << d);
      gboolean fresh;
      GdkTexture *texture = gj_tile_source_peek (source, zoom - d, px, py, &fresh);

      if (texture == NULL)
        continue;

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (left, top, size, size));
      gtk_snapshot_append_texture (snapshot, texture,
                                   &GRAPHENE_RECT_INIT (left - (x - (px << d)) * size,
                                                        top - (y - (py << d)) * size,
                                                        size * scale, size * scale));
      gtk_snapshot_pop (snapshot);
      return TRUE;
    }
  return FALSE;
}

static void
gj_tile_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GjTileLayer *self = GJ_TILE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *map_source = SHUMATE_MAP_SOURCE (self->source);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double zoom_level = shumate_viewport_get_zoom_level (viewport);
  double rotation = shumate_viewport_get_rotation (viewport);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  guint zoom;
  int n_tiles, half_w, half_h, x0, y0, x1, y1;
  double size, cx, cy;

  if (width == 0 || height == 0)
    return;

  zoom = (guint) CLAMP (floor (zoom_level + 1e-6),
                        shumate_map_source_get_min_zoom_level (map_source),
                        shumate_map_source_get_max_zoom_level (map_source));
  size = GJ_TILE_SIZE * exp2 (zoom_level - zoom);
  n_tiles = 1 << zoom;
  /* The centre in pixels of the scaled tile grid. */
  cx = gj_map_lon_to_x (lon, zoom) / GJ_TILE_SIZE * size;
  cy = gj_map_lat_to_y (lat, zoom) / GJ_TILE_SIZE * size;

  /* What a rotated view can see: the box around the rotated rectangle. */
  half_w = (int) ceil (fabs (cos (rotation)) * width / 2.0 + fabs (sin (rotation)) * height / 2.0);
  half_h = (int) ceil (fabs (sin (rotation)) * width / 2.0 + fabs (cos (rotation)) * height / 2.0);
  x0 = (int) floor ((cx - half_w) / size);
  x1 = (int) floor ((cx + half_w) / size);
  y0 = MAX (0, (int) floor ((cy - half_h) / size));
  y1 = MIN (n_tiles - 1, (int) floor ((cy + half_h) / size));

  gj_tile_source_set_wanted (self->source, zoom, x0, y0, x1, y1);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width / 2.0, height / 2.0));
  gtk_snapshot_rotate (snapshot, rotation * 180 / G_PI);

  for (int ty = y0; ty <= y1; ty++)
    for (int tx = x0; tx <= x1; tx++)
      {
        guint wx = wrap (tx, n_tiles);
        /* Whole pixels: seams between tiles would show the layer below. */
        double left = round (tx * size - cx), top = round (ty * size - cy);
        double right = round ((tx + 1) * size - cx), bottom = round ((ty + 1) * size - cy);
        gboolean fresh;
        GdkTexture *texture = gj_tile_source_peek (self->source, zoom, wx, ty, &fresh);

        if (!fresh)
          gj_tile_source_request (self->source, zoom, wx, ty);
        if (texture == NULL && self->fallback != NULL && gtk_widget_get_visible (widget))
          {
            texture = gj_tile_source_peek (self->fallback, zoom, wx, ty, &fresh);
            if (!fresh)
              gj_tile_source_request (self->fallback, zoom, wx, ty);
          }
        if (texture != NULL)
          gtk_snapshot_append_texture (snapshot, texture,
                                       &GRAPHENE_RECT_INIT (left, top, right - left, bottom - top));
        else if (!draw_ancestor (self->source, snapshot, zoom, wx, ty, left, top, right - left)
                 && self->fallback != NULL)
          draw_ancestor (self->fallback, snapshot, zoom, wx, ty, left, top, right - left);
      }

  gtk_snapshot_restore (snapshot);
}

static void
gj_tile_layer_constructed (GObject *object)
{
  GjTileLayer *self = GJ_TILE_LAYER (object);

  G_OBJECT_CLASS (gj_tile_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source, "tile-ready", G_CALLBACK (queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source, "changed", G_CALLBACK (queue_draw), self, G_CONNECT_SWAPPED);
}

static void
gj_tile_layer_dispose (GObject *object)
{
  GjTileLayer *self = GJ_TILE_LAYER (object);

  if (self->fallback != NULL)
    g_signal_handlers_disconnect_by_data (self->fallback, self);
  g_clear_object (&self->fallback);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (gj_tile_layer_parent_class)->dispose (object);
}

static void
gj_tile_layer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GjTileLayer *self = GJ_TILE_LAYER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_tile_layer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GjTileLayer *self = GJ_TILE_LAYER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_tile_layer_class_init (GjTileLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gj_tile_layer_constructed;
  object_class->dispose = gj_tile_layer_dispose;
  object_class->get_property = gj_tile_layer_get_property;
  object_class->set_property = gj_tile_layer_set_property;

  widget_class->snapshot = gj_tile_layer_snapshot;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, GJ_TYPE_TILE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_tile_layer_init (GjTileLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GjTileLayer *
gj_tile_layer_new (GjTileSource    *source,
                   ShumateViewport *viewport)
{
  g_return_val_if_fail (GJ_IS_TILE_SOURCE (source), NULL);
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (GJ_TYPE_TILE_LAYER, "source", source, "viewport", viewport, NULL);
}

GjTileSource *
gj_tile_layer_get_source (GjTileLayer *self)
{
  g_return_val_if_fail (GJ_IS_TILE_LAYER (self), NULL);

  return self->source;
}

void
gj_tile_layer_set_fallback (GjTileLayer  *self,
                            GjTileSource *fallback)
{
  g_return_if_fail (GJ_IS_TILE_LAYER (self));
  g_return_if_fail (fallback == NULL || GJ_IS_TILE_SOURCE (fallback));

  if (self->fallback != NULL)
    g_signal_handlers_disconnect_by_data (self->fallback, self);
  if (g_set_object (&self->fallback, fallback) && fallback != NULL)
    g_signal_connect_swapped (fallback, "tile-ready", G_CALLBACK (queue_draw), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
