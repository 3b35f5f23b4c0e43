/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "gj-mbtiles-source.h"
#include "gj-tile-data-private.h"

/* Beyond this the tile numbers no longer fit an int. */
#define MAX_ZOOM 30

struct _GjMbtilesSource
{
  ShumateDataSource  parent_instance;

  char              *path;
  char              *name;
  char              *format;
  char              *attribution;
  guint              min_zoom;
  guint              max_zoom;
  gboolean           has_bounds;
  double             bounds[4];   /* west, south, east, north */

  /* The workers take turns on one read-only connection: a tile is one
   * indexed lookup, far cheaper than decoding it. */
  GMutex             mutex;
  sqlite3           *db;
  sqlite3_stmt      *tile_stmt;
};

static void gj_mbtiles_source_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GjMbtilesSource, gj_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, gj_mbtiles_source_initable_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  TILE_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  int x;
  int y;
  int zoom;
} TileRequest;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gboolean
format_is_supported (const char *format)
{
  g_autoptr(GSList) formats = NULL;

  if (g_strcmp0 (format, "png") == 0 || g_strcmp0 (format, "jpg") == 0)
    return TRUE;

  /* WebP only with its optional GdkPixbuf loader. */
  formats = gdk_pixbuf_get_formats ();
  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_strcmp0 (name, format) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
parse_bounds (const char *text,
              double      bounds[4])
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end;

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      bounds[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0')
        return FALSE;
    }
  return bounds[0] < bounds[2] && bounds[1] < bounds[3];
}

static gboolean
parse_zoom (const char *text,
            guint      *zoom)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, MAX_ZOOM, &value, NULL))
    return FALSE;
  *zoom = value;
  return TRUE;
}

static gboolean
not_mbtiles (GjMbtilesSource  *self,
             GError          **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is not an MBTiles file"), name);
  return FALSE;
}

/* The metadata table is optional in practice: what it lacks is read from
 * the tiles (zoom range) or left unknown (bounds). */
static void
read_metadata (GjMbtilesSource *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL) != SQLITE_OK)
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key == NULL || value == NULL)
        continue;
      if (g_str_equal (key, "name") && *value != '\0' && self->name == NULL)
        self->name = g_strdup (value);
      else if (g_str_equal (key, "format") && self->format == NULL)
        self->format = g_ascii_strdown (value, -1);
      else if (g_str_equal (key, "attribution") && self->attribution == NULL
               && *value != '\0' && strchr (value, '<') == NULL)
        self->attribution = g_strdup (value);
      else if (g_str_equal (key, "minzoom"))
        parse_zoom (value, &self->min_zoom);
      else if (g_str_equal (key, "maxzoom"))
        parse_zoom (value, &self->max_zoom);
      else if (g_str_equal (key, "bounds"))
        self->has_bounds = parse_bounds (value, self->bounds);
    }
}

static gboolean
read_zoom_range (GjMbtilesSource  *self,
                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (self->min_zoom <= self->max_zoom && self->max_zoom != G_MAXUINT)
    return TRUE;

  if (sqlite3_prepare_v2 (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                          -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return not_mbtiles (self, error);
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_autofree char *name = g_filename_display_basename (self->path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” holds no map tiles"), name);
      return FALSE;
    }
  self->min_zoom = CLAMP (sqlite3_column_int (stmt, 0), 0, MAX_ZOOM);
  self->max_zoom = CLAMP (sqlite3_column_int (stmt, 1), (int) self->min_zoom, MAX_ZOOM);
  return TRUE;
}

/* A file that does not say what its tiles are is asked through one. */
static gboolean
check_format (GjMbtilesSource  *self,
              GError          **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);

  if (self->format == NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *sniffed = NULL;

      if (sqlite3_prepare_v2 (self->db, "SELECT tile_data FROM tiles LIMIT 1", -1, &stmt, NULL) == SQLITE_OK
          && sqlite3_step (stmt) == SQLITE_ROW)
        sniffed = gj_tile_data_sniff_format (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      self->format = g_strdup (sniffed != NULL ? sniffed : "pbf");
    }
  if (g_str_equal (self->format, "jpeg"))
    {
      g_free (self->format);
      self->format = g_strdup ("jpg");
    }
  if (g_str_equal (self->format, "pbf") || g_str_equal (self->format, "mvt"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” holds vector tiles, which cannot be shown; choose a file of PNG or JPEG tiles"),
                   name);
      return FALSE;
    }
  if (!format_is_supported (self->format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” holds tiles in a format that cannot be shown (%s)"),
                   name, self->format);
      return FALSE;
    }
  return TRUE;
}

static gboolean
gj_mbtiles_source_initable_init (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  GjMbtilesSource *self = GJ_MBTILES_SOURCE (initable);
  g_autofree char *name = NULL;

  g_return_val_if_fail (self->path != NULL, FALSE);

  name = g_filename_display_basename (self->path);
  if (!g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” does not exist"), name);
      return FALSE;
    }

  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot open “%s”: %s"), name, sqlite3_errmsg (self->db));
      return FALSE;
    }

  /* A text file or another database fails here: no tiles table. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT tile_data FROM tiles"
                          " WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                          -1, &self->tile_stmt, NULL) != SQLITE_OK)
    return not_mbtiles (self, error);

  read_metadata (self);
  if (self->name == NULL)
    self->name = g_steal_pointer (&name);
  return read_zoom_range (self, error) && check_format (self, error);
}

static void
gj_mbtiles_source_initable_iface_init (GInitableIface *iface)
{
  iface->init = gj_mbtiles_source_initable_init;
}

/* Worker thread. */
static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GjMbtilesSource *self = source_object;
  TileRequest *request = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  int rc;

  if (g_task_return_error_if_cancelled (task))
    return;

  locker = g_mutex_locker_new (&self->mutex);
  sqlite3_bind_int (self->tile_stmt, 1, request->zoom);
  sqlite3_bind_int (self->tile_stmt, 2, request->x);
  /* MBTiles rows count from the south (TMS), the map's from the north. */
  sqlite3_bind_int (self->tile_stmt, 3, (1 << request->zoom) - 1 - request->y);
  rc = sqlite3_step (self->tile_stmt);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (self->tile_stmt, 0), sqlite3_column_bytes (self->tile_stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Cannot read tile %d/%d/%d: %s"),
                               request->zoom, request->x, request->y, sqlite3_errmsg (self->db));
      sqlite3_reset (self->tile_stmt);
      return;
    }
  sqlite3_reset (self->tile_stmt);
  g_clear_pointer (&locker, g_mutex_locker_free);

  if (bytes == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             "No tile %d/%d/%d in the file", request->zoom, request->x, request->y);
  else if (gj_tile_data_sniff_format (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("Tile %d/%d/%d is not an image"), request->zoom, request->x, request->y);
  else
    g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

/* Main thread: "received-data" has to come before the answer, for the
 * renderer takes the image from the signal and only the outcome from it. */
static void
read_tile_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GjMbtilesSource *self = GJ_MBTILES_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[TILE_ERROR], 0, request->x, request->y, request->zoom, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
gj_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GjMbtilesSource *self = GJ_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read = NULL;
  TileRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gj_mbtiles_source_get_tile_data_async);

  if (zoom < 0 || zoom > MAX_ZOOM || x < 0 || y < 0 || x >= (1 << zoom) || y >= (1 << zoom))
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                             "No tile %d/%d/%d on the map", zoom, x, y);

      g_signal_emit (self, signals[TILE_ERROR], 0, x, y, zoom, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request = g_new (TileRequest, 1);
  *request = (TileRequest) { x, y, zoom };
  g_task_set_task_data (task, request, g_free);

  read = g_task_new (self, cancellable, read_tile_cb, g_object_ref (task));
  g_task_set_source_tag (read, read_tile_thread);
  g_task_set_task_data (read, g_memdup2 (request, sizeof *request), g_free);
  g_task_run_in_thread (read, read_tile_thread);
}

static GBytes *
gj_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gj_mbtiles_source_finalize (GObject *object)
{
  GjMbtilesSource *self = GJ_MBTILES_SOURCE (object);

  g_clear_pointer (&self->tile_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->mutex);
  g_free (self->path);
  g_free (self->name);
  g_free (self->format);
  g_free (self->attribution);

  G_OBJECT_CLASS (gj_mbtiles_source_parent_class)->finalize (object);
}

static void
gj_mbtiles_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GjMbtilesSource *self = GJ_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_mbtiles_source_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GjMbtilesSource *self = GJ_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_mbtiles_source_class_init (GjMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = gj_mbtiles_source_finalize;
  object_class->get_property = gj_mbtiles_source_get_property;
  object_class->set_property = gj_mbtiles_source_set_property;

  source_class->get_tile_data_async = gj_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = gj_mbtiles_source_get_tile_data_finish;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GjMbtilesSource::tile-error:
   * @x: @y: @zoom: the tile
   * @error: why it could not be had; G_IO_ERROR_NOT_FOUND when the file
   *   lacks it
   */
  signals[TILE_ERROR] =
    g_signal_new ("tile-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_ERROR);
}

static void
gj_mbtiles_source_init (GjMbtilesSource *self)
{
  /* Unknown until the metadata or the tiles say. */
  self->min_zoom = G_MAXUINT;
  self->max_zoom = G_MAXUINT;
  g_mutex_init (&self->mutex);
}

GjMbtilesSource *
gj_mbtiles_source_new (const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (GJ_TYPE_MBTILES_SOURCE, NULL, error, "path", path, NULL);
}

const char *
gj_mbtiles_source_get_path (GjMbtilesSource *self)
{
  g_return_val_if_fail (GJ_IS_MBTILES_SOURCE (self), NULL);

  return self->path;
}

const char *
gj_mbtiles_source_get_name (GjMbtilesSource *self)
{
  g_return_val_if_fail (GJ_IS_MBTILES_SOURCE (self), NULL);

  return self->name;
}

const char *
gj_mbtiles_source_get_format (GjMbtilesSource *self)
{
  g_return_val_if_fail (GJ_IS_MBTILES_SOURCE (self), NULL);

  return self->format;
}

const char *
gj_mbtiles_source_get_attribution (GjMbtilesSource *self)
{
  g_return_val_if_fail (GJ_IS_MBTILES_SOURCE (self), NULL);

  return self->attribution;
}

guint
gj_mbtiles_source_get_min_zoom (GjMbtilesSource *self)
{
  g_return_val_if_fail (GJ_IS_MBTILES_SOURCE (self), 0);

  return self->min_zoom;
}

guint
gj_mbtiles_source_get_max_zoom (GjMbtilesSource *self)
{
  g_return_val_if_fail (GJ_IS_MBTILES_SOURCE (self), 0);

  return self->max_zoom;
}

gboolean
gj_mbtiles_source_get_bounds (GjMbtilesSource *self,
                              double          *west,
                              double          *south,
                              double          *east,
                              double          *north)
{
  g_return_val_if_fail (GJ_IS_MBTILES_SOURCE (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  if (west != NULL)
    *west = self->bounds[0];
  if (south != NULL)
    *south = self->bounds[1];
  if (east != NULL)
    *east = self->bounds[2];
  if (north != NULL)
    *north = self->bounds[3];
  return TRUE;
}
