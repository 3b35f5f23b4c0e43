/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gj-mbtiles-source.h"
#include "gj-online-source.h"
#include "gj-raster-basemap.h"

#define TILE_SIZE 256

#define OSM_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define OSM_MAX_ZOOM 19

/* Tianditu's Web Mercator ("w") tiles are on CGCS2000, which is within
 * centimetres of WGS-84: they fit the store's coordinates as they are,
 * unlike the GCJ-02 of other Chinese web maps. Levels run from 1 to 18. */
#define TIANDITU_URL(layer) \
  "https://t{s}.tianditu.gov.cn/" layer "_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0" \
  "&LAYER=" layer "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles" \
  "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk="
#define TIANDITU_SUBDOMAINS "01234567"
#define TIANDITU_MIN_ZOOM 1
#define TIANDITU_MAX_ZOOM 18

struct _GjRasterBasemap
{
  GObject          parent_instance;

  GjBasemapKind    kind;
  char            *name;         /* in messages */
  GPtrArray       *renderers;    /* ShumateRasterRenderer, bottom first */
  GPtrArray       *layers;       /* ShumateMapLayer, while attached */
  ShumateMap      *map;
  ShumateLicense  *license;

  gboolean         has_gaps;
  gboolean         failed;
};

G_DEFINE_FINAL_TYPE (GjRasterBasemap, gj_raster_basemap, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HAS_GAPS,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
describe_failure (GjRasterBasemap *self,
                  const GError    *error)
{
  if (g_error_matches (error, GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_UNREACHABLE))
    /* TRANSLATORS: %s is the name of an online map, e.g. OpenStreetMap */
    return g_strdup_printf (_("%s cannot be reached; the offline map is shown instead"), self->name);
  if (g_error_matches (error, GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_REFUSED))
    {
      if (self->kind == GJ_BASEMAP_TIANDITU)
        return g_strdup (_("Tianditu refused the key; check it in Preferences"));
      /* TRANSLATORS: %s is the name of an online map, e.g. OpenStreetMap */
      return g_strdup_printf (_("%s refused to send map tiles"), self->name);
    }
  if (self->kind == GJ_BASEMAP_MBTILES)
    /* TRANSLATORS: %s says why, e.g. a disk error */
    return g_strdup_printf (_("Cannot read the MBTiles map: %s"), error->message);
  /* TRANSLATORS: the first %s is the name of an online map, e.g.
   * OpenStreetMap, the second the server's answer, e.g. HTTP 500 */
  return g_strdup_printf (_("%s sent no map tiles (%s)"), self->name, error->message);
}

static void
tile_error_cb (ShumateDataSource *source,
               int                x,
               int                y,
               int                zoom,
               GError            *error,
               GjRasterBasemap   *self)
{
  if (!self->has_gaps)
    {
      self->has_gaps = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_GAPS]);
    }

  /* A tile the source does not have is a gap, not a fault. */
  if (!self->failed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *message = describe_failure (self, error);

      self->failed = TRUE;
      g_debug ("Basemap tile %d/%d/%d failed: %s", zoom, x, y, error->message);
      g_signal_emit (self, signals[FAILED], 0, message);
    }
}

static void
add_layer (GjRasterBasemap       *self,
           ShumateDataSource     *source,
           ShumateRasterRenderer *renderer)
{
  g_signal_connect_object (source, "tile-error", G_CALLBACK (tile_error_cb), self, 0);
  g_ptr_array_add (self->renderers, renderer);
}

static GjOnlineSource *
online_source (const char *url_template,
               const char *cache_key,
               guint       min_zoom,
               guint       max_zoom)
{
  GjOnlineSource *source = gj_online_source_new (url_template, cache_key);

  gj_online_source_set_zoom_range (source, min_zoom, max_zoom);
  return source;
}

static gboolean
init_mbtiles (GjRasterBasemap  *self,
              const char       *path,
              GError          **error)
{
  g_autoptr(GjMbtilesSource) source = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *attribution;

  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No MBTiles file is chosen; choose one in Preferences"));
      return FALSE;
    }

  source = gj_mbtiles_source_new (path, &local_error);
  if (source == NULL)
    {
      /* TRANSLATORS: %s says why, e.g. “x.mbtiles” does not exist */
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot show the MBTiles map: %s"), local_error->message);
      return FALSE;
    }

  self->name = g_strdup (gj_mbtiles_source_get_name (source));
  attribution = gj_mbtiles_source_get_attribution (source);
  add_layer (self, SHUMATE_DATA_SOURCE (source),
             shumate_raster_renderer_new_full ("gongjian-mbtiles", self->name,
                                               attribution != NULL ? attribution : "", NULL,
                                               gj_mbtiles_source_get_min_zoom (source),
                                               gj_mbtiles_source_get_max_zoom (source),
                                               TILE_SIZE, SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (source)));
  return TRUE;
}

static void
init_openstreetmap (GjRasterBasemap *self)
{
  g_autoptr(GjOnlineSource) source = online_source (OSM_URL, "openstreetmap", 0, OSM_MAX_ZOOM);

  self->name = g_strdup ("OpenStreetMap");
  add_layer (self, SHUMATE_DATA_SOURCE (source),
             shumate_raster_renderer_new_full ("gongjian-openstreetmap", self->name,
                                               _("© OpenStreetMap contributors"),
                                               "https://www.openstreetmap.org/copyright",
                                               0, OSM_MAX_ZOOM, TILE_SIZE,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (source)));
}

static gboolean
init_tianditu (GjRasterBasemap  *self,
               const char       *key,
               GError          **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (key != NULL ? key : ""));
  g_autofree char *escaped = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *labels_url = NULL;
  g_autoptr(GjOnlineSource) base = NULL;
  g_autoptr(GjOnlineSource) labels = NULL;

  if (*stripped == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The Tianditu map needs your key; enter it in Preferences"));
      return FALSE;
    }

  self->name = g_strdup (_("Tianditu"));
  escaped = g_uri_escape_string (stripped, NULL, FALSE);
  base_url = g_strconcat (TIANDITU_URL ("vec"), escaped, NULL);
  labels_url = g_strconcat (TIANDITU_URL ("cva"), escaped, NULL);

  /* The cache is keyed by layer, not by key: a new key reuses the tiles. */
  base = online_source (base_url, "tianditu-vec", TIANDITU_MIN_ZOOM, TIANDITU_MAX_ZOOM);
  labels = online_source (labels_url, "tianditu-cva", TIANDITU_MIN_ZOOM, TIANDITU_MAX_ZOOM);
  gj_online_source_set_subdomains (base, TIANDITU_SUBDOMAINS);
  gj_online_source_set_subdomains (labels, TIANDITU_SUBDOMAINS);

  add_layer (self, SHUMATE_DATA_SOURCE (base),
             shumate_raster_renderer_new_full ("gongjian-tianditu-vec", self->name,
                                               _("© Tianditu"), "https://www.tianditu.gov.cn",
                                               TIANDITU_MIN_ZOOM, TIANDITU_MAX_ZOOM, TILE_SIZE,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (base)));
  add_layer (self, SHUMATE_DATA_SOURCE (labels),
             shumate_raster_renderer_new_full ("gongjian-tianditu-cva", self->name, NULL, NULL,
                                               TIANDITU_MIN_ZOOM, TIANDITU_MAX_ZOOM, TILE_SIZE,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (labels)));
  return TRUE;
}

static void
gj_raster_basemap_dispose (GObject *object)
{
  GjRasterBasemap *self = GJ_RASTER_BASEMAP (object);

  gj_raster_basemap_detach (self);
  g_ptr_array_set_size (self->renderers, 0);

  G_OBJECT_CLASS (gj_raster_basemap_parent_class)->dispose (object);
}

static void
gj_raster_basemap_finalize (GObject *object)
{
  GjRasterBasemap *self = GJ_RASTER_BASEMAP (object);

  g_ptr_array_unref (self->renderers);
  g_ptr_array_unref (self->layers);
  g_free (self->name);

  G_OBJECT_CLASS (gj_raster_basemap_parent_class)->finalize (object);
}

static void
gj_raster_basemap_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GjRasterBasemap *self = GJ_RASTER_BASEMAP (object);

  switch (prop_id)
    {
    case PROP_HAS_GAPS:
      g_value_set_boolean (value, self->has_gaps);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_raster_basemap_class_init (GjRasterBasemapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gj_raster_basemap_dispose;
  object_class->finalize = gj_raster_basemap_finalize;
  object_class->get_property = gj_raster_basemap_get_property;

  properties[PROP_HAS_GAPS] =
    g_param_spec_boolean ("has-gaps", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GjRasterBasemap::failed:
   * @message: what went wrong, for the user
   *
   * Emitted for the first tile that failed other than by being missing.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gj_raster_basemap_init (GjRasterBasemap *self)
{
  self->renderers = g_ptr_array_new_with_free_func (g_object_unref);
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
}

GjRasterBasemap *
gj_raster_basemap_new (GjBasemapKind   kind,
                       const char     *arg,
                       GError        **error)
{
  g_autoptr(GjRasterBasemap) self = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (kind != GJ_BASEMAP_OFFLINE && kind <= GJ_BASEMAP_LAST, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GJ_TYPE_RASTER_BASEMAP, NULL);
  self->kind = kind;
  switch (kind)
    {
    case GJ_BASEMAP_MBTILES:
      ok = init_mbtiles (self, arg, error);
      break;
    case GJ_BASEMAP_OPENSTREETMAP:
      init_openstreetmap (self);
      break;
    case GJ_BASEMAP_TIANDITU:
      ok = init_tianditu (self, arg, error);
      break;
    case GJ_BASEMAP_OFFLINE:
    default:
      g_assert_not_reached ();
    }

  return ok ? g_steal_pointer (&self) : NULL;
}

GjRasterBasemap *
gj_raster_basemap_new_for_url (const char *name,
                               const char *url_template)
{
  GjRasterBasemap *self;
  g_autoptr(GjOnlineSource) source = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (url_template != NULL, NULL);

  self = g_object_new (GJ_TYPE_RASTER_BASEMAP, NULL);
  self->kind = GJ_BASEMAP_OPENSTREETMAP;
  self->name = g_strdup (name);
  source = online_source (url_template, NULL, 0, OSM_MAX_ZOOM);
  add_layer (self, SHUMATE_DATA_SOURCE (source),
             shumate_raster_renderer_new_full ("gongjian-test", name, name, NULL, 0, OSM_MAX_ZOOM,
                                               TILE_SIZE, SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (source)));
  return self;
}

GjBasemapKind
gj_raster_basemap_get_kind (GjRasterBasemap *self)
{
  g_return_val_if_fail (GJ_IS_RASTER_BASEMAP (self), GJ_BASEMAP_OFFLINE);

  return self->kind;
}

gboolean
gj_raster_basemap_get_has_gaps (GjRasterBasemap *self)
{
  g_return_val_if_fail (GJ_IS_RASTER_BASEMAP (self), FALSE);

  return self->has_gaps;
}

gboolean
gj_raster_basemap_get_failed (GjRasterBasemap *self)
{
  g_return_val_if_fail (GJ_IS_RASTER_BASEMAP (self), FALSE);

  return self->failed;
}

void
gj_raster_basemap_attach (GjRasterBasemap *self,
                          ShumateMap      *map,
                          ShumateLayer    *above,
                          ShumateLicense  *license)
{
  ShumateViewport *viewport;

  g_return_if_fail (GJ_IS_RASTER_BASEMAP (self));
  g_return_if_fail (SHUMATE_IS_MAP (map));
  g_return_if_fail (SHUMATE_IS_LAYER (above));
  g_return_if_fail (license == NULL || SHUMATE_IS_LICENSE (license));
  g_return_if_fail (self->map == NULL);

  self->map = g_object_ref (map);
  viewport = shumate_map_get_viewport (map);
  /* Each goes right under @above, so the last (labels) ends up on top. */
  for (guint i = 0; i < self->renderers->len; i++)
    {
      ShumateMapLayer *layer = shumate_map_layer_new (g_ptr_array_index (self->renderers, i), viewport);

      shumate_map_insert_layer_behind (map, SHUMATE_LAYER (layer), above);
      g_ptr_array_add (self->layers, g_object_ref (layer));
    }

  if (license != NULL && self->renderers->len > 0)
    {
      self->license = g_object_ref (license);
      shumate_license_append_map_source (license, g_ptr_array_index (self->renderers, 0));
    }
}

void
gj_raster_basemap_detach (GjRasterBasemap *self)
{
  g_return_if_fail (GJ_IS_RASTER_BASEMAP (self));

  /* The map may be gone already, layers and all. */
  for (guint i = 0; i < self->layers->len; i++)
    {
      GtkWidget *layer = g_ptr_array_index (self->layers, i);

      if (gtk_widget_get_parent (layer) == GTK_WIDGET (self->map))
        shumate_map_remove_layer (self->map, SHUMATE_LAYER (layer));
    }
  g_ptr_array_set_size (self->layers, 0);
  g_clear_object (&self->map);

  if (self->license != NULL)
    shumate_license_remove_map_source (self->license, g_ptr_array_index (self->renderers, 0));
  g_clear_object (&self->license);
}
