/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gj-basemap-source-private.h"

/* Street names are at most this far (pixels) from their anchor. */
#define LABEL_MARGIN 160

struct _GjBasemapSource
{
  GjTileSource     parent_instance;

  GjMapOutlines   *outlines;   /* shared with the grid source's painters */
  gboolean         dark;
};

G_DEFINE_FINAL_TYPE (GjBasemapSource, gj_basemap_source, GJ_TYPE_TILE_SOURCE)

enum {
  PROP_0,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The state of one render is a painter over the current outlines. */
static gpointer
gj_basemap_source_ref_state (GjTileSource *source)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (source);

  return gj_map_painter_new (GJ_MAP_THEME_KIND, self->dark, self->outlines);
}

static void
gj_basemap_source_unref_state (gpointer data)
{
  gj_map_painter_unref (data);
}

static gboolean
gj_basemap_source_render (GjTileSource *source,
                          gpointer      state,
                          GjStore      *store,
                          cairo_t      *cr,
                          guint         zoom,
                          guint         x,
                          guint         y,
                          GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GjMapProjector projector;
  GjMapPaintStyle style;
  gboolean drawn = FALSE;

  gj_map_projector_init_tile (&projector, zoom, x, y);
  gj_map_paint_style_init_for_zoom (&style, zoom);
  style.parts = GJ_MAP_PART_BASEMAP;
  if (!gj_map_painter_paint (state, cr, store, &projector, &style, &drawn, cancellable, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot draw the basemap: %s", error->message);
  return drawn;
}

GjMapOutlines *
gj_basemap_source_get_outlines (GjBasemapSource *self)
{
  g_return_val_if_fail (GJ_IS_BASEMAP_SOURCE (self), NULL);

  return self->outlines;
}

static void
gj_basemap_source_finalize (GObject *object)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (object);

  gj_map_outlines_unref (self->outlines);

  G_OBJECT_CLASS (gj_basemap_source_parent_class)->finalize (object);
}

static void
gj_basemap_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_basemap_source_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      gj_basemap_source_set_dark (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A new store: its outlines are read when the first tile needs them. */
static void
gj_basemap_source_store_changed (GjTileSource *source)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (source);

  gj_map_outlines_unref (self->outlines);
  self->outlines = gj_map_outlines_new ();
}

static void
gj_basemap_source_class_init (GjBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GjTileSourceClass *source_class = GJ_TILE_SOURCE_CLASS (klass);

  object_class->finalize = gj_basemap_source_finalize;
  object_class->get_property = gj_basemap_source_get_property;
  object_class->set_property = gj_basemap_source_set_property;

  source_class->ref_state = gj_basemap_source_ref_state;
  source_class->unref_state = gj_basemap_source_unref_state;
  source_class->render = gj_basemap_source_render;
  source_class->store_changed = gj_basemap_source_store_changed;

  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_basemap_source_init (GjBasemapSource *self)
{
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self);

  self->outlines = gj_map_outlines_new ();

  shumate_map_source_set_id (source, "gongjian-basemap");
  shumate_map_source_set_name (source, _("District Map"));
  shumate_map_source_set_license (source, "");
  gj_tile_source_set_margin (GJ_TILE_SOURCE (self), LABEL_MARGIN);
}

GjBasemapSource *
gj_basemap_source_new (gboolean dark)
{
  return g_object_new (GJ_TYPE_BASEMAP_SOURCE, "dark", dark, NULL);
}

gboolean
gj_basemap_source_get_dark (GjBasemapSource *self)
{
  g_return_val_if_fail (GJ_IS_BASEMAP_SOURCE (self), FALSE);

  return self->dark;
}

void
gj_basemap_source_set_dark (GjBasemapSource *self,
                            gboolean         dark)
{
  g_return_if_fail (GJ_IS_BASEMAP_SOURCE (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  gj_tile_source_invalidate (GJ_TILE_SOURCE (self), NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

void
gj_basemap_source_reload (GjBasemapSource *self)
{
  g_return_if_fail (GJ_IS_BASEMAP_SOURCE (self));

  gj_map_outlines_unref (self->outlines);
  self->outlines = gj_map_outlines_new ();
  gj_tile_source_invalidate (GJ_TILE_SOURCE (self), NULL);
}
