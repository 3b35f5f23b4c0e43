/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "gj-basemap-source-private.h"
#include "gj-grid-source.h"
#include "gj-map-draw.h"
#include "gj-map-legend-item.h"
#include "gj-map-private.h"
#include "gj-records.h"

/* Grid and station labels reach at most this far from their anchor. */
#define LABEL_MARGIN 128
/* A station dot's reach at zoom levels without labels. */
#define DOT_MARGIN 8

/* What one render needs. Counts and street colours are read by the first
 * worker that needs them, with its own store. */
typedef struct
{
  gatomicrefcount  ref;
  GjMapTheme       theme;
  gboolean         dark;
  GMutex           lock;
  gboolean         loaded;
  GHashTable      *counts;        /* grid id → stations or units */
  GHashTable      *street_index;  /* street id → palette index */
  gpointer         basemap;       /* the basemap's state, or NULL */
} State;

struct _GjGridSource
{
  GjTileSource     parent_instance;

  GjBasemapSource *basemap;
  State           *state;
  GjMapTheme    theme;
  gboolean      dark;
};

G_DEFINE_FINAL_TYPE (GjGridSource, gj_grid_source, GJ_TYPE_TILE_SOURCE)

enum {
  PROP_0,
  PROP_THEME,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
state_unref (State *state)
{
  if (!g_atomic_ref_count_dec (&state->ref))
    return;
  g_clear_pointer (&state->counts, g_hash_table_unref);
  g_clear_pointer (&state->street_index, g_hash_table_unref);
  g_clear_pointer (&state->basemap, gj_basemap_state_unref);
  g_mutex_clear (&state->lock);
  g_free (state);
}

static void
renew_state (GjGridSource *self)
{
  State *state = g_new0 (State, 1);

  g_atomic_ref_count_init (&state->ref);
  g_mutex_init (&state->lock);
  state->theme = self->theme;
  state->dark = self->dark;
  if (self->basemap != NULL)
    state->basemap = gj_basemap_source_dup_state (self->basemap);
  g_clear_pointer (&self->state, state_unref);
  self->state = state;
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
list_streets (GjStore *store)
{
  g_autoptr(GListModel) streets = gj_store_list (store, GJ_TYPE_STREET, NULL);
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; streets != NULL && i < g_list_model_get_n_items (streets); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (streets, i));
  g_ptr_array_sort (sorted, compare_by_code);
  return sorted;
}

static void
state_load (State   *state,
            GjStore *store)
{
  g_autoptr(GError) error = NULL;

  state->loaded = TRUE;
  switch (state->theme)
    {
    case GJ_MAP_THEME_COVERAGE:
      state->counts = gj_store_count_by_grid (store, GJ_TYPE_STATION, &error);
      break;
    case GJ_MAP_THEME_UNITS:
      state->counts = gj_store_count_by_grid (store, GJ_TYPE_UNIT, &error);
      break;
    case GJ_MAP_THEME_STREET:
      {
        g_autoptr(GPtrArray) streets = list_streets (store);

        state->street_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
        for (guint i = 0; i < streets->len; i++)
          {
            gint64 *id = g_new (gint64, 1);

            *id = gj_record_get_id (g_ptr_array_index (streets, i));
            g_hash_table_insert (state->street_index, id, GUINT_TO_POINTER (i + 1));
          }
      }
      break;
    case GJ_MAP_THEME_KIND:
      break;
    default:
      g_assert_not_reached ();
    }
  if (error != NULL)
    g_warning ("Cannot read the map theme's figures: %s", error->message);
}

static guint
lookup_count (GHashTable *counts,
              gint64      id)
{
  return counts != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id)) : 0;
}

static GdkRGBA
grid_color (State    *state,
            GjRecord *grid)
{
  switch (state->theme)
    {
    case GJ_MAP_THEME_KIND:
      return gj_map_style_kind_color (gj_record_get_text (grid, "kind"));
    case GJ_MAP_THEME_STREET:
      {
        gint64 street = gj_record_get_int (grid, "street_id");
        guint index = state->street_index != NULL
                      ? GPOINTER_TO_UINT (g_hash_table_lookup (state->street_index, &street)) : 0;

        return index > 0 ? gj_map_style_category_color (index - 1) : gj_map_style_other_color ();
      }
    case GJ_MAP_THEME_COVERAGE:
      return gj_map_style_coverage_color (lookup_count (state->counts, gj_record_get_id (grid)) > 0);
    case GJ_MAP_THEME_UNITS:
      return gj_map_style_units_color (gj_map_style_units_class (lookup_count (state->counts,
                                                                               gj_record_get_id (grid))));
    default:
      g_assert_not_reached ();
    }
}

static gpointer
gj_grid_source_ref_state (GjTileSource *source)
{
  GjGridSource *self = GJ_GRID_SOURCE (source);

  g_atomic_ref_count_inc (&self->state->ref);
  return self->state;
}

static void
gj_grid_source_unref_state (gpointer state)
{
  state_unref (state);
}

static double
grid_line_width (guint zoom)
{
  if (zoom <= 12)
    return 0.4;
  if (zoom <= 14)
    return 0.7;
  if (zoom <= 16)
    return 1.0;
  return 1.5;
}

static double
station_radius (guint zoom)
{
  if (zoom <= 12)
    return 2.0;
  if (zoom <= 14)
    return 3.0;
  if (zoom <= 16)
    return 4.5;
  return 6.0;
}

static void
draw_grid_labels (cairo_t              *cr,
                  PangoLayout          *layout,
                  const GjMapTransform *transform,
                  const GjMapColors    *colors,
                  GListModel           *grids)
{
  const char *name_font = transform->zoom >= 17 ? "Sans Bold 10" : "Sans Bold 9";
  const char *code_font = "Sans 8";

  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (grids, i);
      GjGeometry *geometry = gj_record_get_geometry (grid, "geometry");
      const char *name = gj_record_get_text (grid, "name");
      const char *code = gj_record_get_text (grid, "code");
      double lon, lat, width;
      gboolean with_code;
      GjBBox box;

      if (geometry == NULL || !gj_map_label_point (geometry, &lon, &lat))
        continue;
      if (name == NULL || *name == '\0')
        name = code;
      if (name == NULL)
        continue;

      /* Only labels that fit their grid: the choice depends on nothing but
       * the grid and the zoom, so neighbouring tiles make the same one. */
      box = gj_geometry_get_bbox (geometry);
      width = gj_map_lon_to_x (box.max_x, transform->zoom) - gj_map_lon_to_x (box.min_x, transform->zoom);
      if (gj_map_measure_text (layout, name, name_font) > width * 0.95)
        continue;
      with_code = transform->zoom >= 17 && code != NULL && name != code
                  && gj_map_measure_text (layout, code, code_font) <= width * 0.95;

      gj_map_draw_label (cr, layout, transform, lon, lat, name, name_font,
                         &colors->label, &colors->label_halo, with_code ? -7 : 0);
      if (with_code)
        gj_map_draw_label (cr, layout, transform, lon, lat, code, code_font,
                           &colors->label, &colors->label_halo, 8);
    }
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
  State *state = data;
  const GjMapColors *colors = gj_map_style_get_colors (state->dark);
  gboolean labels = zoom >= GJ_GRID_SOURCE_GRID_LABEL_ZOOM;
  GjBBox box = gj_map_tile_bbox (zoom, x, y, labels ? LABEL_MARGIN : DOT_MARGIN);
  GjMapTransform transform = { zoom, x, y };
  g_autoptr(GListModel) grids = NULL;
  g_autoptr(GListModel) stations = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  double ox = (double) x * GJ_TILE_SIZE, oy = (double) y * GJ_TILE_SIZE;
  double radius = station_radius (zoom);
  double alpha = state->dark ? 0.5 : 0.6;
  guint n_grids, n_stations;

  gboolean ground = FALSE;

  if (state->basemap != NULL)
    ground = gj_basemap_state_draw (state->basemap, store, cr, zoom, x, y, GJ_BASEMAP_GROUND);

  if (store == NULL)
    return ground;

  g_mutex_lock (&state->lock);
  if (!state->loaded)
    state_load (state, store);
  g_mutex_unlock (&state->lock);

  grids = gj_store_list_in_bbox (store, GJ_TYPE_GRID, &box, GJ_STORE_LIST_DEFAULT, &error);
  if (grids != NULL)
    stations = gj_store_list_in_bbox (store, GJ_TYPE_STATION, &box, GJ_STORE_LIST_NO_GEOMETRY, &error);
  if (stations == NULL)
    {
      g_warning ("Cannot read grids for the map: %s", error->message);
      return ground;
    }

  n_grids = g_list_model_get_n_items (grids);
  n_stations = g_list_model_get_n_items (stations);
  if (n_grids == 0 && n_stations == 0)
    {
      if (ground)
        gj_basemap_state_draw (state->basemap, store, cr, zoom, x, y,
                               GJ_BASEMAP_BOUNDARIES | GJ_BASEMAP_NAMES);
      return ground;
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_width (cr, grid_line_width (zoom));

  for (guint i = 0; i < n_grids; i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (grids, i);
      GjGeometry *geometry = gj_record_get_geometry (grid, "geometry");
      GdkRGBA color;

      if (geometry == NULL)
        continue;
      color = grid_color (state, grid);
      color.alpha = alpha;
      gj_map_draw_geometry_path (cr, &transform, geometry);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &colors->grid_line);
      cairo_stroke (cr);
    }

  if (state->basemap != NULL)
    {
      gj_basemap_state_draw (state->basemap, store, cr, zoom, x, y, GJ_BASEMAP_BOUNDARIES);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  cairo_set_line_width (cr, radius >= 4 ? 1.5 : 1.0);
  for (guint i = 0; i < n_stations; i++)
    {
      g_autoptr(GjRecord) station = g_list_model_get_item (stations, i);
      double px = gj_map_lon_to_x (gj_record_get_real (station, "lon"), zoom) - ox;
      double py = gj_map_lat_to_y (gj_record_get_real (station, "lat"), zoom) - oy;

      cairo_new_path (cr);
      cairo_arc (cr, px, py, radius, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &colors->station);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &colors->station_ring);
      cairo_stroke (cr);
    }

  /* Names above the dots: street names, then grid and station names. */
  if (state->basemap != NULL)
    gj_basemap_state_draw (state->basemap, store, cr, zoom, x, y, GJ_BASEMAP_NAMES);

  if (labels || (zoom >= GJ_GRID_SOURCE_STATION_LABEL_ZOOM && n_stations > 0))
    layout = pango_cairo_create_layout (cr);

  if (labels && n_grids > 0)
    draw_grid_labels (cr, layout, &transform, colors, grids);

  if (zoom >= GJ_GRID_SOURCE_STATION_LABEL_ZOOM)
    for (guint i = 0; i < n_stations; i++)
      {
        g_autoptr(GjRecord) station = g_list_model_get_item (stations, i);
        const char *name = gj_record_get_text (station, "name");

        if (name != NULL)
          gj_map_draw_label (cr, layout, &transform,
                             gj_record_get_real (station, "lon"), gj_record_get_real (station, "lat"),
                             name, "Sans 9", &colors->station, &colors->label_halo, radius + 9);
      }

  return TRUE;
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

  g_clear_pointer (&self->state, state_unref);
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
                            GjBasemapSource *basemap)
{
  g_return_if_fail (GJ_IS_GRID_SOURCE (self));
  g_return_if_fail (basemap == NULL || GJ_IS_BASEMAP_SOURCE (basemap));

  if (g_set_object (&self->basemap, basemap))
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

static void
append_item (GListStore    *legend,
             const GdkRGBA *color,
             const char    *label)
{
  g_autoptr(GjMapLegendItem) item = gj_map_legend_item_new (color, label);

  g_list_store_append (legend, item);
}

GListModel *
gj_grid_source_dup_legend (GjGridSource *self)
{
  GjStore *store;
  g_autoptr(GListStore) legend = NULL;
  GdkRGBA color;

  g_return_val_if_fail (GJ_IS_GRID_SOURCE (self), NULL);

  store = gj_tile_source_get_store (GJ_TILE_SOURCE (self));
  legend = g_list_store_new (GJ_TYPE_MAP_LEGEND_ITEM);

  switch (self->theme)
    {
    case GJ_MAP_THEME_KIND:
      {
        const char * const *kinds = gj_map_style_get_known_kinds ();

        for (guint i = 0; kinds[i] != NULL; i++)
          {
            color = gj_map_style_kind_color (kinds[i]);
            append_item (legend, &color, kinds[i]);
          }
        color = gj_map_style_other_color ();
        append_item (legend, &color, _("Other kinds"));
      }
      break;
    case GJ_MAP_THEME_STREET:
      if (store != NULL)
        {
          g_autoptr(GPtrArray) streets = list_streets (store);

          for (guint i = 0; i < streets->len; i++)
            {
              GjRecord *street = g_ptr_array_index (streets, i);

              color = gj_map_style_category_color (i);
              append_item (legend, &color, gj_record_get_text (street, "name"));
            }
        }
      color = gj_map_style_other_color ();
      append_item (legend, &color, _("No street"));
      break;
    case GJ_MAP_THEME_COVERAGE:
      color = gj_map_style_coverage_color (TRUE);
      append_item (legend, &color, _("With a service station"));
      color = gj_map_style_coverage_color (FALSE);
      append_item (legend, &color, _("Without a service station"));
      break;
    case GJ_MAP_THEME_UNITS:
      for (guint i = 0; i < gj_map_style_get_n_units_classes (); i++)
        {
          g_autofree char *label = gj_map_style_dup_units_label (i);

          color = gj_map_style_units_color (i);
          append_item (legend, &color, label);
        }
      break;
    default:
      g_assert_not_reached ();
    }

  append_item (legend, &gj_map_style_get_colors (self->dark)->station, _("Service station"));

  return G_LIST_MODEL (g_steal_pointer (&legend));
}
