/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gj-basemap-source-private.h"
#include "gj-grid-source.h"
#include "gj-map-legend-item.h"

/* Grid and station labels reach at most this far from their anchor. */
#define LABEL_MARGIN 128

struct _GjGridSource
{
  GjTileSource     parent_instance;

  GjBasemapSource *basemap;
  /* What one render needs: the theme's figures are read by the first
   * worker that needs them, with its own store. Replaced, never changed. */
  GjMapPainter    *painter;
  GjMapTheme       theme;
  gboolean         dark;
  /* FALSE over raster tiles: the basemap's boundaries and names only. */
  gboolean         ground;
  double           label_scale;
};

/* What one render takes from the source. */
typedef struct
{
  GjMapPainter *painter;
  gboolean      ground;
  double        label_scale;
} RenderState;

static void
render_state_clear (gpointer data)
{
  RenderState *state = data;

  gj_map_painter_unref (state->painter);
}

G_DEFINE_FINAL_TYPE (GjGridSource, gj_grid_source, GJ_TYPE_TILE_SOURCE)

enum {
  PROP_0,
  PROP_THEME,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GjMapOutlines *
basemap_outlines (GjGridSource *self)
{
  return self->basemap != NULL ? gj_basemap_source_get_outlines (self->basemap) : NULL;
}

static void
renew_state (GjGridSource *self)
{
  g_clear_pointer (&self->painter, gj_map_painter_unref);
  self->painter = gj_map_painter_new (self->theme, self->dark, basemap_outlines (self));
}

static gpointer
gj_grid_source_ref_state (GjTileSource *source)
{
  GjGridSource *self = GJ_GRID_SOURCE (source);

  /* The basemap may have taken a new store after this source did. */
  RenderState *state;

  if (gj_map_painter_get_outlines (self->painter) != basemap_outlines (self))
    renew_state (self);
  state = g_rc_box_new (RenderState);
  state->painter = gj_map_painter_ref (self->painter);
  state->ground = self->ground;
  state->label_scale = self->label_scale;
  return state;
}

static void
gj_grid_source_unref_state (gpointer state)
{
  g_rc_box_release_full (state, render_state_clear);
}

static gboolean
gj_grid_source_render (GjTileSource *source,
                       gpointer      data,
                       GjStore      *store,
                       cairo_t      *cr,
                       guint         zoom,
                       guint         x,
                       guint         y,
                       GCancellable *cancellable)
{
  RenderState *state = data;
  GjMapPainter *painter = state->painter;
  g_autoptr(GError) error = NULL;
  GjMapProjector projector;
  GjMapPaintStyle style;
  gboolean drawn = FALSE;

  gj_map_projector_init_tile (&projector, zoom, x, y);
  gj_map_paint_style_init_for_zoom (&style, zoom);
  if (state->label_scale > 1)
    {
      /* Larger labels reach further into the neighbouring tiles. */
      style.label_scale = state->label_scale;
      style.query_margin *= state->label_scale;
      style.names_margin *= state->label_scale;
    }
  /* With a basemap, one opaque tile: its ground under the grids, its
   * boundaries and names above them. Over raster tiles, no ground. */
  style.parts = GJ_MAP_PART_OVERLAYS;
  if (gj_map_painter_get_outlines (painter) != NULL)
    style.parts |= state->ground ? GJ_MAP_PART_BASEMAP : GJ_MAP_PART_BASEMAP & ~GJ_MAP_PART_GROUND;

  if (!gj_map_painter_paint (painter, cr, store, &projector, &style, &drawn, cancellable, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot draw grids for the map: %s", error->message);
  return drawn;
}

static void
gj_grid_source_store_changed (GjTileSource *source)
{
  renew_state (GJ_GRID_SOURCE (source));
}

static void
gj_grid_source_finalize (GObject *object)
{
  GjGridSource *self = GJ_GRID_SOURCE (object);

  g_clear_pointer (&self->painter, gj_map_painter_unref);
  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (gj_grid_source_parent_class)->finalize (object);
}

static void
gj_grid_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GjGridSource *self = GJ_GRID_SOURCE (object);

  switch (prop_id)
    {
    case PROP_THEME:
      g_value_set_enum (value, self->theme);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_grid_source_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GjGridSource *self = GJ_GRID_SOURCE (object);

  switch (prop_id)
    {
    case PROP_THEME:
      gj_grid_source_set_theme (self, g_value_get_enum (value));
      break;
    case PROP_DARK:
      gj_grid_source_set_dark (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_grid_source_class_init (GjGridSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GjTileSourceClass *source_class = GJ_TILE_SOURCE_CLASS (klass);

  object_class->finalize = gj_grid_source_finalize;
  object_class->get_property = gj_grid_source_get_property;
  object_class->set_property = gj_grid_source_set_property;

  source_class->ref_state = gj_grid_source_ref_state;
  source_class->unref_state = gj_grid_source_unref_state;
  source_class->render = gj_grid_source_render;
  source_class->store_changed = gj_grid_source_store_changed;

  properties[PROP_THEME] =
    g_param_spec_enum ("theme", NULL, NULL, GJ_TYPE_MAP_THEME, GJ_MAP_THEME_KIND,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_grid_source_init (GjGridSource *self)
{
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self);

  self->ground = TRUE;
  self->label_scale = 1;
  renew_state (self);
  shumate_map_source_set_id (source, "gongjian-grids");
  shumate_map_source_set_name (source, _("Grids and Stations"));
  shumate_map_source_set_license (source, "");
  gj_tile_source_set_margin (GJ_TILE_SOURCE (self), LABEL_MARGIN);
}

GjGridSource *
gj_grid_source_new (void)
{
  return g_object_new (GJ_TYPE_GRID_SOURCE, NULL);
}

void
gj_grid_source_set_basemap (GjGridSource    *self,
                            GjBasemapSource *basemap,
                            gboolean         ground)
{
  gboolean changed;

  g_return_if_fail (GJ_IS_GRID_SOURCE (self));
  g_return_if_fail (basemap == NULL || GJ_IS_BASEMAP_SOURCE (basemap));

  changed = g_set_object (&self->basemap, basemap);
  changed |= self->ground != !!ground;
  self->ground = !!ground;
  if (changed)
    gj_grid_source_reload (self, NULL);
}

GjMapTheme
gj_grid_source_get_theme (GjGridSource *self)
{
  g_return_val_if_fail (GJ_IS_GRID_SOURCE (self), GJ_MAP_THEME_KIND);

  return self->theme;
}

void
gj_grid_source_set_theme (GjGridSource *self,
                          GjMapTheme    theme)
{
  g_return_if_fail (GJ_IS_GRID_SOURCE (self));
  g_return_if_fail (theme <= GJ_MAP_THEME_LAST);

  if (self->theme == theme)
    return;
  self->theme = theme;
  gj_grid_source_reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

double
gj_grid_source_get_label_scale (GjGridSource *self)
{
  g_return_val_if_fail (GJ_IS_GRID_SOURCE (self), 1);

  return self->label_scale;
}

void
gj_grid_source_set_label_scale (GjGridSource *self,
                                double        label_scale)
{
  g_return_if_fail (GJ_IS_GRID_SOURCE (self));

  label_scale = CLAMP (label_scale, 0.5, 4);
  if (self->label_scale == label_scale)
    return;
  self->label_scale = label_scale;
  gj_tile_source_invalidate (GJ_TILE_SOURCE (self), NULL);
}

gboolean
gj_grid_source_get_dark (GjGridSource *self)
{
  g_return_val_if_fail (GJ_IS_GRID_SOURCE (self), FALSE);

  return self->dark;
}

void
gj_grid_source_set_dark (GjGridSource *self,
                         gboolean      dark)
{
  g_return_if_fail (GJ_IS_GRID_SOURCE (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  gj_grid_source_reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

void
gj_grid_source_reload (GjGridSource *self,
                       const GjBBox *bbox)
{
  g_return_if_fail (GJ_IS_GRID_SOURCE (self));

  renew_state (self);
  gj_tile_source_invalidate (GJ_TILE_SOURCE (self), bbox);
}

GListModel *
gj_grid_source_dup_legend (GjGridSource *self)
{
  g_autoptr(GListStore) legend = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (GJ_IS_GRID_SOURCE (self), NULL);

  legend = g_list_store_new (GJ_TYPE_MAP_LEGEND_ITEM);
  entries = gj_map_painter_dup_legend (self->painter, gj_tile_source_get_store (GJ_TILE_SOURCE (self)));
  for (guint i = 0; i < entries->len; i++)
    {
      GjMapLegendEntry *entry = g_ptr_array_index (entries, i);
      GdkRGBA color = { entry->color.red, entry->color.green, entry->color.blue, entry->color.alpha };
      g_autoptr(GjMapLegendItem) item = gj_map_legend_item_new (&color, entry->label);

      g_list_store_append (legend, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&legend));
}
