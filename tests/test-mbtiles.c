/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "gj-map-view-private.h"
#include "gj-mbtiles-source.h"
#include "gj-online-source.h"
#include "gj-preferences-window.h"
#include "gj-raster-basemap.h"

/*
 * The raster basemaps: MBTiles files written here with sqlite3 and tiles
 * drawn with cairo, online sources against a local HTTP server, and the
 * map view's report of a failing basemap.
 */

typedef struct
{
  guint8 r, g, b;
} Rgb;

static const Rgb RED = { 255, 0, 0 };
static const Rgb BLUE = { 0, 0, 255 };
static const Rgb GREEN = { 0, 255, 0 };

static char *dir;

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
png_tile (Rgb color)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, color.r / 255.0, color.g / 255.0, color.b / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A tile at TMS row @tms_row, as MBTiles stores it. */
static void
insert_tile (sqlite3 *db,
             int      zoom,
             int      column,
             int      tms_row,
             GBytes  *data)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, zoom);
  sqlite3_bind_int (stmt, 2, column);
  sqlite3_bind_int (stmt, 3, tms_row);
  sqlite3_bind_blob (stmt, 4, g_bytes_get_data (data, NULL), g_bytes_get_size (data), SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* @metadata: SQL inserting into metadata, or NULL for a file without that
 * table. Tiles: z1 x0 y0 red, z1 x1 y1 blue, z2 x3 y3 green (XYZ rows). */
static char *
write_mbtiles (const char *name,
               const char *metadata)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) red = png_tile (RED);
  g_autoptr(GBytes) blue = png_tile (BLUE);
  g_autoptr(GBytes) green = png_tile (GREEN);
  sqlite3 *db = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);");
  if (metadata != NULL)
    {
      exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT);");
      exec_sql (db, metadata);
    }
  insert_tile (db, 1, 0, 1, red);
  insert_tile (db, 1, 1, 0, blue);
  insert_tile (db, 2, 3, 0, green);
  sqlite3_close (db);
  return path;
}

#define FULL_METADATA \
  "INSERT INTO metadata VALUES ('name', 'Test tiles'), ('format', 'png'), ('minzoom', '1')," \
  " ('maxzoom', '2'), ('bounds', '112.3,34.5,112.5,34.7'), ('attribution', '© Test')"

/* One get_tile_data call, with what the source said on the way. */
typedef struct
{
  GBytes   *received;        /* from "received-data" */
  int       received_x, received_y, received_zoom;
  guint     n_received;
  gboolean  received_before_done;
  guint     n_errors;        /* "tile-error" */
  GError   *signalled_error;
  GBytes   *result;
  GError   *error;
  gboolean  done;
} Request;

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->received, g_bytes_unref);
  g_clear_pointer (&request->result, g_bytes_unref);
  g_clear_error (&request->error);
  g_clear_error (&request->signalled_error);
}

static void
received_cb (ShumateDataSource *source,
             int                x,
             int                y,
             int                zoom,
             GBytes            *bytes,
             Request           *request)
{
  request->n_received++;
  request->received_x = x;
  request->received_y = y;
  request->received_zoom = zoom;
  g_clear_pointer (&request->received, g_bytes_unref);
  request->received = g_bytes_ref (bytes);
  request->received_before_done = !request->done;
}

static void
tile_error_cb (ShumateDataSource *source,
               int                x,
               int                y,
               int                zoom,
               GError            *error,
               Request           *request)
{
  request->n_errors++;
  g_clear_error (&request->signalled_error);
  request->signalled_error = g_error_copy (error);
}

static void
got_tile_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *request = user_data;

  request->result = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &request->error);
  request->done = TRUE;
}

static void
get_tile (ShumateDataSource *source,
          int                x,
          int                y,
          int                zoom,
          Request           *request)
{
  gulong received_id = g_signal_connect (source, "received-data", G_CALLBACK (received_cb), request);
  gulong error_id = g_signal_connect (source, "tile-error", G_CALLBACK (tile_error_cb), request);

  *request = (Request) { 0 };
  shumate_data_source_get_tile_data_async (source, x, y, zoom, NULL, got_tile_cb, request);
  while (!request->done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (source, received_id);
  g_signal_handler_disconnect (source, error_id);
}

static void
assert_tile (ShumateDataSource *source,
             int                x,
             int                y,
             int                zoom,
             Rgb                color)
{
  g_autoptr(GBytes) want = png_tile (color);
  Request request;

  get_tile (source, x, y, zoom, &request);
  g_assert_no_error (request.error);
  g_assert_nonnull (request.result);
  g_assert_true (g_bytes_equal (request.result, want));
  /* The renderer takes the image from the signal, before the answer. */
  g_assert_cmpuint (request.n_received, ==, 1);
  g_assert_true (request.received_before_done);
  g_assert_true (g_bytes_equal (request.received, want));
  g_assert_cmpint (request.received_x, ==, x);
  g_assert_cmpint (request.received_y, ==, y);
  g_assert_cmpint (request.received_zoom, ==, zoom);
  g_assert_cmpuint (request.n_errors, ==, 0);
  request_clear (&request);
}

static void
test_mbtiles_read (void)
{
  g_autofree char *path = write_mbtiles ("read.mbtiles", FULL_METADATA);
  g_autoptr(GError) error = NULL;
  g_autoptr(GjMbtilesSource) source = gj_mbtiles_source_new (path, &error);
  double west, south, east, north;
  Request request;

  g_assert_no_error (error);
  g_assert_cmpstr (gj_mbtiles_source_get_path (source), ==, path);
  g_assert_cmpstr (gj_mbtiles_source_get_name (source), ==, "Test tiles");
  g_assert_cmpstr (gj_mbtiles_source_get_format (source), ==, "png");
  g_assert_cmpstr (gj_mbtiles_source_get_attribution (source), ==, "© Test");
  g_assert_cmpuint (gj_mbtiles_source_get_min_zoom (source), ==, 1);
  g_assert_cmpuint (gj_mbtiles_source_get_max_zoom (source), ==, 2);
  g_assert_true (gj_mbtiles_source_get_bounds (source, &west, &south, &east, &north));
  g_assert_cmpfloat (west, ==, 112.3);
  g_assert_cmpfloat (north, ==, 34.7);

  /* XYZ rows in, TMS rows looked up. */
  assert_tile (SHUMATE_DATA_SOURCE (source), 0, 0, 1, RED);
  assert_tile (SHUMATE_DATA_SOURCE (source), 1, 1, 1, BLUE);
  assert_tile (SHUMATE_DATA_SOURCE (source), 3, 3, 2, GREEN);

  /* Not in the file: a gap, announced, nothing received. */
  get_tile (SHUMATE_DATA_SOURCE (source), 0, 1, 1, &request);
  g_assert_null (request.result);
  g_assert_error (request.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (request.n_errors, ==, 1);
  g_assert_error (request.signalled_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (request.n_received, ==, 0);
  request_clear (&request);

  /* Off the map altogether. */
  get_tile (SHUMATE_DATA_SOURCE (source), 2, 0, 1, &request);
  g_assert_error (request.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  request_clear (&request);
}

static void
filled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *request = user_data;

  shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &request->error);
  request->done = TRUE;
}

/* Through libshumate's own renderer, down to a pixel. */
static void
test_mbtiles_renderer (void)
{
  g_autofree char *path = write_mbtiles ("renderer.mbtiles", FULL_METADATA);
  g_autoptr(GError) error = NULL;
  g_autoptr(GjMbtilesSource) source = gj_mbtiles_source_new (path, &error);
  g_autoptr(ShumateRasterRenderer) renderer = NULL;
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (1, 1, 256, 1);
  g_autoptr(ShumateTile) missing = shumate_tile_new_full (0, 1, 256, 1);
  guint32 pixel[256 * 256];
  GdkPaintable *paintable;
  Request request = { 0 };

  g_assert_no_error (error);
  renderer = shumate_raster_renderer_new (SHUMATE_DATA_SOURCE (source));

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (renderer), tile, NULL, filled_cb, &request);
  while (!request.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (request.error);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  gdk_texture_download (GDK_TEXTURE (paintable), (guchar *) pixel, 256 * 4);
  g_assert_cmphex (pixel[128 * 256 + 128] & 0xffffff, ==, 0x0000ff);

  request = (Request) { 0 };
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (renderer), missing, NULL, filled_cb, &request);
  while (!request.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (request.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (shumate_tile_get_paintable (missing));
  request_clear (&request);
}

static void
assert_open_fails (const char *path,
                   gint        code,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjMbtilesSource) source = gj_mbtiles_source_new (path, &error);

  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_mbtiles_errors (void)
{
  g_autofree char *missing = g_build_filename (dir, "missing.mbtiles", NULL);
  g_autofree char *text = g_build_filename (dir, "text.mbtiles", NULL);
  g_autofree char *other = g_build_filename (dir, "other.mbtiles", NULL);
  g_autofree char *vector = write_mbtiles ("vector.mbtiles", "INSERT INTO metadata VALUES ('format', 'pbf')");
  g_autofree char *bare = write_mbtiles ("bare.mbtiles", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GjMbtilesSource) source = NULL;
  sqlite3 *db = NULL;

  assert_open_fails (missing, G_IO_ERROR_NOT_FOUND, "missing.mbtiles");

  g_assert_true (g_file_set_contents (text, "not a database, not even close\n", -1, NULL));
  assert_open_fails (text, G_IO_ERROR_INVALID_DATA, "text.mbtiles");

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE grids (id INTEGER PRIMARY KEY)");
  sqlite3_close (db);
  assert_open_fails (other, G_IO_ERROR_INVALID_DATA, "other.mbtiles");

  assert_open_fails (vector, G_IO_ERROR_NOT_SUPPORTED, "vector.mbtiles");

  /* No metadata table: zoom levels from the tiles, the format from one. */
  source = gj_mbtiles_source_new (bare, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gj_mbtiles_source_get_name (source), ==, "bare.mbtiles");
  g_assert_cmpstr (gj_mbtiles_source_get_format (source), ==, "png");
  g_assert_cmpuint (gj_mbtiles_source_get_min_zoom (source), ==, 1);
  g_assert_cmpuint (gj_mbtiles_source_get_max_zoom (source), ==, 2);
  g_assert_false (gj_mbtiles_source_get_bounds (source, NULL, NULL, NULL, NULL));
  assert_tile (SHUMATE_DATA_SOURCE (source), 1, 1, 1, BLUE);
}

/* A local tile server: /ok/… PNG tiles, /denied/… 403, /missing/… 404,
 * /page/… an HTML page with status 200. */
static SoupServer *server;
static char *server_url;
static guint n_hits;
static char *last_user_agent;

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  n_hits++;
  g_free (last_user_agent);
  last_user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));

  if (g_str_has_prefix (path, "/ok/"))
    {
      g_autoptr(GBytes) png = png_tile (GREEN);

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    }
  else if (g_str_has_prefix (path, "/denied/"))
    soup_server_message_set_status (message, SOUP_STATUS_FORBIDDEN, NULL);
  else if (g_str_has_prefix (path, "/page/"))
    {
      static const char page[] = "<html><body>Invalid key</body></html>";

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  server_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* "http://127.0.0.1:PORT/": no slash at the end. */
  server_url[strlen (server_url) - 1] = '\0';
}

static GjOnlineSource *
online (const char *kind,
        const char *cache_key)
{
  g_autofree char *url = g_strdup_printf ("%s/%s/{z}/{x}/{y}.png", server_url, kind);

  return gj_online_source_new (url, cache_key);
}

static void
test_online_tiles (void)
{
  g_autoptr(GjOnlineSource) ok = online ("ok", NULL);
  g_autoptr(GjOnlineSource) denied = online ("denied", NULL);
  g_autoptr(GjOnlineSource) missing = online ("missing", NULL);
  g_autoptr(GjOnlineSource) page = online ("page", NULL);
  g_autoptr(GjOnlineSource) subdomains = gj_online_source_new ("https://t{s}.example.com/{z}/{x}/{y}", NULL);
  g_autofree char *uri = NULL;
  Request request;
  guint hits;

  assert_tile (SHUMATE_DATA_SOURCE (ok), 5, 6, 4, GREEN);
  g_assert_true (g_str_has_prefix (last_user_agent, "Gongjian/"));

  get_tile (SHUMATE_DATA_SOURCE (denied), 5, 6, 4, &request);
  g_assert_error (request.error, GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_REFUSED);
  g_assert_cmpuint (request.n_errors, ==, 1);
  g_assert_cmpuint (request.n_received, ==, 0);
  request_clear (&request);

  get_tile (SHUMATE_DATA_SOURCE (missing), 5, 6, 4, &request);
  g_assert_error (request.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (request.n_errors, ==, 1);
  request_clear (&request);

  /* Status 200, but no image: a refusal in disguise. */
  get_tile (SHUMATE_DATA_SOURCE (page), 5, 6, 4, &request);
  g_assert_error (request.error, GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_REFUSED);
  g_assert_cmpuint (request.n_received, ==, 0);
  request_clear (&request);

  /* Beyond the server's levels nothing is asked. */
  hits = n_hits;
  gj_online_source_set_zoom_range (ok, 1, 18);
  get_tile (SHUMATE_DATA_SOURCE (ok), 0, 0, 19, &request);
  g_assert_error (request.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_hits, ==, hits);
  request_clear (&request);

  gj_online_source_set_subdomains (subdomains, "01234567");
  uri = gj_online_source_dup_tile_uri (subdomains, 3, 2, 7);
  g_assert_cmpstr (uri, ==, "https://t5.example.com/7/3/2");
}

static void
test_online_unreachable (void)
{
  /* Port 1 on the loopback: refused at once. */
  g_autoptr(GjOnlineSource) source = gj_online_source_new ("http://127.0.0.1:1/{z}/{x}/{y}.png", NULL);
  Request request;

  get_tile (SHUMATE_DATA_SOURCE (source), 1, 1, 3, &request);
  g_assert_error (request.error, GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_UNREACHABLE);
  g_assert_cmpuint (request.n_errors, ==, 1);
  request_clear (&request);

  /* The next tiles do not try again for a while, and say the same. */
  get_tile (SHUMATE_DATA_SOURCE (source), 2, 1, 3, &request);
  g_assert_error (request.error, GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_UNREACHABLE);
  g_assert_cmpuint (request.n_errors, ==, 1);
  request_clear (&request);
}

static void
test_online_cache (void)
{
  guint hits = n_hits;

  {
    g_autoptr(GjOnlineSource) source = online ("ok", "test-cache");

    assert_tile (SHUMATE_DATA_SOURCE (source), 9, 10, 5, GREEN);
    g_assert_cmpuint (n_hits, ==, hits + 1);
  }
  /* Storing runs in the background: let it finish. */
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  {
    g_autoptr(GjOnlineSource) source = online ("ok", "test-cache");

    /* From the disk cache: the server is not asked again. */
    assert_tile (SHUMATE_DATA_SOURCE (source), 9, 10, 5, GREEN);
    g_assert_cmpuint (n_hits, ==, hits + 1);
  }
}

static void
failed_cb (GObject    *object,
           const char *message,
           GPtrArray  *messages)
{
  g_ptr_array_add (messages, g_strdup (message));
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Many tiles fail; the user hears of it once per choice of basemap. */
static void
test_view_reports_once (void)
{
  GtkWidget *window = gtk_window_new ();
  GjMapView *view = GJ_MAP_VIEW (gj_map_view_new ());
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url = g_strdup_printf ("%s/denied/{z}/{x}/{y}.png", server_url);
  g_autofree char *missing = g_build_filename (dir, "gone.mbtiles", NULL);
  g_autofree char *good = write_mbtiles ("view.mbtiles", FULL_METADATA);
  g_autoptr(GjRasterBasemap) raster = NULL;
  guint hits = n_hits;

  g_signal_connect (view, "basemap-failed", G_CALLBACK (failed_cb), messages);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpint (gj_map_view_get_basemap (view), ==, GJ_BASEMAP_OFFLINE);
  g_assert_null (gj_map_view_get_raster_basemap (view));

  /* A server refusing every tile. */
  raster = gj_raster_basemap_new_for_url ("Test Server", url);
  gj_map_view_set_raster_basemap (view, raster);
  while (n_hits < hits + 6)
    g_main_context_iteration (NULL, TRUE);
  wait_ms (200);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), "Test Server"));
  g_assert_true (gj_raster_basemap_get_failed (raster));
  g_assert_true (gj_raster_basemap_get_has_gaps (raster));

  /* A file that is not there: said at once, the offline map stays. */
  gj_map_view_set_basemap (view, GJ_BASEMAP_MBTILES, missing);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 1), "gone.mbtiles"));
  g_assert_null (gj_map_view_get_raster_basemap (view));
  /* The same choice again is no news. */
  gj_map_view_set_basemap (view, GJ_BASEMAP_MBTILES, missing);
  g_assert_cmpuint (messages->len, ==, 2);

  /* No key, no Tianditu. */
  gj_map_view_set_basemap (view, GJ_BASEMAP_TIANDITU, "  ");
  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_null (gj_map_view_get_raster_basemap (view));

  /* A good file: a raster basemap, no complaint. */
  gj_map_view_set_basemap (view, GJ_BASEMAP_MBTILES, good);
  g_assert_nonnull (gj_map_view_get_raster_basemap (view));
  g_assert_cmpint (gj_raster_basemap_get_kind (gj_map_view_get_raster_basemap (view)), ==, GJ_BASEMAP_MBTILES);
  wait_ms (300);
  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_false (gj_raster_basemap_get_failed (gj_map_view_get_raster_basemap (view)));

  gj_map_view_set_basemap (view, GJ_BASEMAP_OFFLINE, "ignored");
  g_assert_null (gj_map_view_get_raster_basemap (view));
  g_assert_cmpuint (messages->len, ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Preferences write the settings the windows follow. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *good = write_mbtiles ("prefs.mbtiles", FULL_METADATA);
  g_autofree char *text = g_build_filename (dir, "prefs.txt", NULL);
  GtkWidget *prefs = gj_preferences_window_new (NULL);
  char *path;

  g_assert_cmpint (g_settings_get_enum (settings, "basemap"), ==, GJ_BASEMAP_OFFLINE);

  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
  g_assert_false (gj_preferences_window_choose_mbtiles (GJ_PREFERENCES_WINDOW (prefs), text));
  path = g_settings_get_string (settings, "mbtiles-path");
  g_assert_cmpstr (path, ==, "");
  g_free (path);
  g_assert_cmpint (g_settings_get_enum (settings, "basemap"), ==, GJ_BASEMAP_OFFLINE);

  g_assert_true (gj_preferences_window_choose_mbtiles (GJ_PREFERENCES_WINDOW (prefs), good));
  path = g_settings_get_string (settings, "mbtiles-path");
  g_assert_cmpstr (path, ==, good);
  g_free (path);
  g_assert_cmpint (g_settings_get_enum (settings, "basemap"), ==, GJ_BASEMAP_MBTILES);

  /* The radio rows are the setting's action. */
  g_assert_true (gtk_widget_activate_action (prefs, "settings.basemap", "s", "openstreetmap"));
  g_assert_cmpint (g_settings_get_enum (settings, "basemap"), ==, GJ_BASEMAP_OPENSTREETMAP);

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "basemap");
  g_settings_reset (settings, "mbtiles-path");
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: GdkPixbuf tells PNG from JPEG with the
   * system's MIME database, which that hides. The online tiles' disk
   * cache goes to the scratch directory. */
  dir = g_dir_make_tmp ("gongjian-test-mbtiles-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_setenv ("XDG_CACHE_HOME", dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  start_server ();

  g_test_add_func ("/mbtiles/read", test_mbtiles_read);
  g_test_add_func ("/mbtiles/renderer", test_mbtiles_renderer);
  g_test_add_func ("/mbtiles/errors", test_mbtiles_errors);
  g_test_add_func ("/online/tiles", test_online_tiles);
  g_test_add_func ("/online/unreachable", test_online_unreachable);
  g_test_add_func ("/online/cache", test_online_cache);
  g_test_add_func ("/basemap/view-reports-once", test_view_reports_once);
  g_test_add_func ("/basemap/preferences", test_preferences);

  status = g_test_run ();

  soup_server_disconnect (server);
  g_clear_object (&server);
  {
    g_autoptr(GFile) scratch = g_file_new_for_path (dir);

    remove_tree (scratch);
  }
  g_free (server_url);
  g_free (last_user_agent);
  g_free (dir);
  return status;
}
