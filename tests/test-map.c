/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gj-map-legend-item.h"
#include "gj-map-private.h"
#include "gj-map-view-private.h"
#include "gj-records.h"

/*
 * A crafted district: grid A (住宅小区) and grid B (商业街区) side by side,
 * one station in A, nothing else. Tiles are drawn by the sources directly
 * and read back pixel by pixel; hit-testing goes through the view.
 */

#define A_MIN_LON 112.400
#define B_MIN_LON 112.404
#define B_MAX_LON 112.408
#define MIN_LAT    34.600
#define MAX_LAT    34.604
#define STATION_LON 112.4010
#define STATION_LAT 34.6010
#define ZOOM 15

static char   *dir;
static GjStore *store;
static gint64  grid_a_id, grid_b_id, station_id;

static GjGeometry *
square (double min_lon,
        double min_lat,
        double max_lon,
        double max_lat)
{
  GjGeometry *g = gj_geometry_new (GJ_GEOMETRY_POLYGON);

  gj_geometry_begin_polygon (g);
  gj_geometry_begin_ring (g);
  gj_geometry_add_point (g, min_lon, min_lat);
  gj_geometry_add_point (g, max_lon, min_lat);
  gj_geometry_add_point (g, max_lon, max_lat);
  gj_geometry_add_point (g, min_lon, max_lat);
  gj_geometry_add_point (g, min_lon, min_lat);
  return g;
}

static gint64
add_grid (const char *code,
          const char *kind,
          double      min_lon,
          double      max_lon)
{
  g_autoptr(GjGrid) grid = gj_grid_new ();
  g_autoptr(GjGeometry) g = square (min_lon, MIN_LAT, max_lon, MAX_LAT);
  g_autoptr(GError) error = NULL;

  gj_record_set_text (GJ_RECORD (grid), "code", code);
  gj_record_set_text (GJ_RECORD (grid), "name", code);
  gj_record_set_text (GJ_RECORD (grid), "kind", kind);
  gj_record_set_geometry (GJ_RECORD (grid), "geometry", g);
  g_assert_true (gj_store_insert (store, GJ_RECORD (grid), &error));
  g_assert_no_error (error);
  return gj_record_get_id (GJ_RECORD (grid));
}

static void
make_store (void)
{
  g_autofree char *path = g_build_filename (dir, "map.db", NULL);
  g_autoptr(GjRecord) station = gj_record_new_for_kind ("station");
  g_autoptr(GError) error = NULL;

  store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  grid_a_id = add_grid ("A", "住宅小区", A_MIN_LON, B_MIN_LON);
  grid_b_id = add_grid ("B", "商业街区", B_MIN_LON, B_MAX_LON);

  gj_record_set_text (station, "name", "A站");
  gj_record_set_int (station, "grid_id", grid_a_id);
  gj_record_set_real (station, "lon", STATION_LON);
  gj_record_set_real (station, "lat", STATION_LAT);
  g_assert_true (gj_store_insert (store, station, &error));
  g_assert_no_error (error);
  station_id = gj_record_get_id (station);
}

/* The tile holding (@lon, @lat) at @zoom, and the point's pixel in it. */
static void
locate (double  lon,
        double  lat,
        guint   zoom,
        guint  *tx,
        guint  *ty,
        int    *px,
        int    *py)
{
  double x = gj_map_lon_to_x (lon, zoom), y = gj_map_lat_to_y (lat, zoom);

  *tx = (guint) (x / GJ_TILE_SIZE);
  *ty = (guint) (y / GJ_TILE_SIZE);
  *px = (int) (x - *tx * GJ_TILE_SIZE);
  *py = (int) (y - *ty * GJ_TILE_SIZE);
}

/* Un-premultiplied colour of the pixel of @source's tile at (@lon, @lat). */
static GjColor
pixel_at (GjTileSource *source,
          double        lon,
          double        lat)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = g_malloc (GJ_TILE_SIZE * GJ_TILE_SIZE * 4);
  guint tx, ty;
  int px, py;
  const guchar *p;
  GjColor rgba;

  locate (lon, lat, ZOOM, &tx, &ty, &px, &py);
  texture = gj_tile_source_render_tile (source, ZOOM, tx, ty);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, GJ_TILE_SIZE);
  /* gdk_texture_download: cairo's ARGB32, premultiplied, native endian. */
  gdk_texture_download (texture, data, GJ_TILE_SIZE * 4);
  p = data + (py * GJ_TILE_SIZE + px) * 4;
  {
    guint32 v = *(const guint32 *) p;
    double a = (v >> 24) / 255.0;

    rgba.alpha = a;
    rgba.red = a > 0 ? ((v >> 16) & 0xff) / 255.0 / a : 0;
    rgba.green = a > 0 ? ((v >> 8) & 0xff) / 255.0 / a : 0;
    rgba.blue = a > 0 ? (v & 0xff) / 255.0 / a : 0;
  }
  return rgba;
}

static void
assert_color (GjColor        got,
              const GjColor *want,
              double         alpha)
{
  g_assert_cmpfloat_with_epsilon (got.alpha, alpha, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (got.red, want->red, 4.0 / 255);
  g_assert_cmpfloat_with_epsilon (got.green, want->green, 4.0 / 255);
  g_assert_cmpfloat_with_epsilon (got.blue, want->blue, 4.0 / 255);
}

/* A point inside grid A (or B) away from its label, its edges and the station. */
#define IN_A_LON (A_MIN_LON + 0.0008)
#define IN_A_LAT (MAX_LAT - 0.0008)
#define IN_B_LON (B_MAX_LON - 0.0008)
#define IN_B_LAT (MAX_LAT - 0.0008)

static void
test_grid_tiles (void)
{
  g_autoptr(GjGridSource) source = gj_grid_source_new ();
  GjColor a_color = gj_map_theme_kind_color ("住宅小区");
  GjColor b_color = gj_map_theme_kind_color ("商业街区");
  GjColor covered = gj_map_theme_coverage_color (TRUE);
  GjColor uncovered = gj_map_theme_coverage_color (FALSE);
  const GjMapColors *colors = gj_map_theme_get_colors (FALSE);
  GjColor got;

  gj_tile_source_set_store (GJ_TILE_SOURCE (source), store);

  assert_color (pixel_at (GJ_TILE_SOURCE (source), IN_A_LON, IN_A_LAT), &a_color, 0.6);
  assert_color (pixel_at (GJ_TILE_SOURCE (source), IN_B_LON, IN_B_LAT), &b_color, 0.6);
  /* Outside every grid: transparent, the basemap shows through. */
  got = pixel_at (GJ_TILE_SOURCE (source), B_MAX_LON + 0.002, MIN_LAT - 0.002);
  g_assert_cmpfloat (got.alpha, ==, 0);
  /* The station's dot, opaque, over grid A. */
  assert_color (pixel_at (GJ_TILE_SOURCE (source), STATION_LON, STATION_LAT), &colors->station, 1.0);

  /* Another theme, other colours: A has a station, B has none. */
  gj_grid_source_set_theme (source, GJ_MAP_THEME_COVERAGE);
  assert_color (pixel_at (GJ_TILE_SOURCE (source), IN_A_LON, IN_A_LAT), &covered, 0.6);
  assert_color (pixel_at (GJ_TILE_SOURCE (source), IN_B_LON, IN_B_LAT), &uncovered, 0.6);

  /* No units anywhere: both in the lowest class. */
  gj_grid_source_set_theme (source, GJ_MAP_THEME_UNITS);
  {
    GjColor none = gj_map_theme_units_color (0);

    assert_color (pixel_at (GJ_TILE_SOURCE (source), IN_B_LON, IN_B_LAT), &none, 0.6);
  }
}

static void
test_basemap_tiles (void)
{
  g_autoptr(GjBasemapSource) basemap = gj_basemap_source_new (FALSE);
  g_autoptr(GjBasemapSource) dark = gj_basemap_source_new (TRUE);
  g_autoptr(GjGridSource) grids = gj_grid_source_new ();
  const GjMapColors *light_colors = gj_map_theme_get_colors (FALSE);
  const GjMapColors *dark_colors = gj_map_theme_get_colors (TRUE);
  GjColor a_color = gj_map_theme_kind_color ("住宅小区");
  GjColor got, want;

  gj_tile_source_set_store (GJ_TILE_SOURCE (basemap), store);
  gj_tile_source_set_store (GJ_TILE_SOURCE (dark), store);

  /* Inside the district (the union of A and B) and outside it. */
  assert_color (pixel_at (GJ_TILE_SOURCE (basemap), IN_A_LON, IN_A_LAT), &light_colors->district_fill, 1);
  assert_color (pixel_at (GJ_TILE_SOURCE (basemap), B_MAX_LON + 0.002, MIN_LAT - 0.002),
                &light_colors->background, 1);
  assert_color (pixel_at (GJ_TILE_SOURCE (dark), B_MAX_LON + 0.002, MIN_LAT - 0.002),
                &dark_colors->background, 1);
  /* The district boundary on its western edge. */
  got = pixel_at (GJ_TILE_SOURCE (basemap), A_MIN_LON, (MIN_LAT + MAX_LAT) / 2);
  g_assert_false (gj_color_equal (&got, &light_colors->district_fill));
  g_assert_false (gj_color_equal (&got, &light_colors->background));

  /* Grids over the basemap: one opaque tile, the fill blended on white. */
  gj_grid_source_set_basemap (grids, basemap, TRUE);
  gj_tile_source_set_store (GJ_TILE_SOURCE (grids), store);
  assert_color (pixel_at (GJ_TILE_SOURCE (grids), B_MAX_LON + 0.002, MIN_LAT - 0.002),
                &light_colors->background, 1);
  want.red = 0.6 * a_color.red + 0.4;
  want.green = 0.6 * a_color.green + 0.4;
  want.blue = 0.6 * a_color.blue + 0.4;
  want.alpha = 1;
  assert_color (pixel_at (GJ_TILE_SOURCE (grids), IN_A_LON, IN_A_LAT), &want, 1);

  /* Over raster tiles: no ground outside the grids, but the district's
   * boundary is still drawn over the grid's edge. */
  gj_grid_source_set_basemap (grids, basemap, FALSE);
  got = pixel_at (GJ_TILE_SOURCE (grids), B_MAX_LON + 0.002, MIN_LAT - 0.002);
  g_assert_cmpfloat (got.alpha, ==, 0);
  got = pixel_at (GJ_TILE_SOURCE (grids), A_MIN_LON, (MIN_LAT + MAX_LAT) / 2);
  gj_grid_source_set_basemap (grids, NULL, FALSE);
  want = pixel_at (GJ_TILE_SOURCE (grids), A_MIN_LON, (MIN_LAT + MAX_LAT) / 2);
  g_assert_false (gj_color_equal (&got, &want));
  g_assert_cmpfloat (got.alpha, >, want.alpha);
}

typedef struct
{
  gboolean done;
  gboolean ok;
} FillWait;

static void
fill_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FillWait *wait = user_data;

  wait->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source), result, NULL);
  wait->done = TRUE;
}

static ShumateTile *
fill (GjTileSource *source,
      guint         zoom,
      guint         x,
      guint         y)
{
  ShumateTile *tile = shumate_tile_new_full (x, y, GJ_TILE_SIZE, zoom);
  FillWait wait = { FALSE, FALSE };

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, fill_done, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  g_assert_true (GDK_IS_TEXTURE (shumate_tile_get_paintable (tile)));
  return tile;
}

static void
on_changed (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_cache_invalidate (void)
{
  g_autoptr(GjGridSource) source = gj_grid_source_new ();
  GjTileSource *tiles = GJ_TILE_SOURCE (source);
  g_autoptr(ShumateTile) near = NULL;
  g_autoptr(ShumateTile) far = NULL;
  g_autoptr(ShumateTile) again = NULL;
  GjBBox a_box = { A_MIN_LON, MIN_LAT, B_MIN_LON, MAX_LAT };
  guint tx, ty, fx, fy, n_changed = 0;
  int px, py;

  gj_tile_source_set_store (tiles, store);
  g_signal_connect_swapped (source, "changed", G_CALLBACK (on_changed), &n_changed);

  locate (IN_A_LON, IN_A_LAT, ZOOM, &tx, &ty, &px, &py);
  /* A tile of nowhere in particular, far from the district. */
  locate (IN_A_LON + 1, IN_A_LAT + 1, ZOOM, &fx, &fy, &px, &py);

  g_assert_false (gj_tile_source_is_cached (tiles, ZOOM, tx, ty));
  near = fill (tiles, ZOOM, tx, ty);
  far = fill (tiles, ZOOM, fx, fy);
  g_assert_true (gj_tile_source_is_cached (tiles, ZOOM, tx, ty));
  g_assert_true (gj_tile_source_is_cached (tiles, ZOOM, fx, fy));
  g_assert_cmpuint (gj_tile_source_get_n_pending (tiles), ==, 0);

  /* An edit in A drops A's tile only. */
  gj_grid_source_reload (source, &a_box);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_false (gj_tile_source_is_cached (tiles, ZOOM, tx, ty));
  g_assert_true (gj_tile_source_is_cached (tiles, ZOOM, fx, fy));

  /* Asked again, it is drawn again. */
  again = fill (tiles, ZOOM, tx, ty);
  g_assert_true (gj_tile_source_is_cached (tiles, ZOOM, tx, ty));

  /* A theme change drops them all. */
  gj_grid_source_set_theme (source, GJ_MAP_THEME_STREET);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_false (gj_tile_source_is_cached (tiles, ZOOM, tx, ty));
  g_assert_false (gj_tile_source_is_cached (tiles, ZOOM, fx, fy));
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
widget_point (GjMapView *view,
              double     lon,
              double     lat,
              double    *x,
              double    *y)
{
  ShumateMap *map = gj_map_view_get_map (view);

  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map), lat, lon, x, y);
}

static void
test_view (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = gj_map_view_new ();
  GjMapView *map_view = GJ_MAP_VIEW (view);
  g_autoptr(GjRecord) hit = NULL;
  GListModel *legend;
  double x, y, lon, lat, zoom;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gj_map_view_set_store (map_view, store);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (view) == 0 || gj_map_view_get_n_pending (map_view) > 0)
    g_main_context_iteration (NULL, TRUE);
  wait_ms (100);

  /* It opened on the district: its middle in view, zoomed in closely. */
  gj_map_view_get_location (map_view, &lon, &lat, &zoom);
  g_assert_cmpfloat_with_epsilon (lon, (A_MIN_LON + B_MAX_LON) / 2, 1e-4);
  g_assert_cmpfloat_with_epsilon (lat, (MIN_LAT + MAX_LAT) / 2, 1e-4);
  g_assert_cmpfloat (zoom, >=, 16);

  gj_map_view_go_to (map_view, (A_MIN_LON + B_MAX_LON) / 2, (MIN_LAT + MAX_LAT) / 2, 16);
  wait_ms (50);

  widget_point (map_view, IN_A_LON, IN_A_LAT, &x, &y);
  hit = gj_map_view_dup_record_at (map_view, x, y);
  g_assert_true (GJ_IS_GRID (hit));
  g_assert_cmpint (gj_record_get_id (hit), ==, grid_a_id);
  g_clear_object (&hit);

  widget_point (map_view, IN_B_LON, IN_B_LAT, &x, &y);
  hit = gj_map_view_dup_record_at (map_view, x, y);
  g_assert_true (GJ_IS_GRID (hit));
  g_assert_cmpint (gj_record_get_id (hit), ==, grid_b_id);
  g_clear_object (&hit);

  /* A few pixels off the station still hits the station, not grid A. */
  widget_point (map_view, STATION_LON, STATION_LAT, &x, &y);
  hit = gj_map_view_dup_record_at (map_view, x + 3, y - 2);
  g_assert_true (GJ_IS_STATION (hit));
  g_assert_cmpint (gj_record_get_id (hit), ==, station_id);

  gj_map_view_select_record (map_view, hit);
  g_assert_true (gj_map_view_get_selected (map_view) == hit);
  g_clear_object (&hit);

  widget_point (map_view, B_MAX_LON + 0.001, MAX_LAT + 0.001, &x, &y);
  hit = gj_map_view_dup_record_at (map_view, x, y);
  g_assert_null (hit);

  /* The legend follows the theme. */
  legend = gj_map_view_get_legend (map_view);
  g_assert_cmpuint (g_list_model_get_n_items (legend), ==,
                    g_strv_length ((char **) gj_map_theme_get_known_kinds ()) + 2);
  gj_map_view_set_theme (map_view, GJ_MAP_THEME_COVERAGE);
  g_assert_cmpuint (g_list_model_get_n_items (legend), ==, 3);
  {
    g_autoptr(GjMapLegendItem) item = g_list_model_get_item (legend, 1);
    GjColor uncovered = gj_map_theme_coverage_color (FALSE);

    const GdkRGBA *color = gj_map_legend_item_get_color (item);

    g_assert_true (color->red == uncovered.red && color->green == uncovered.green
                   && color->blue == uncovered.blue && color->alpha == uncovered.alpha);
  }
  while (gj_map_view_get_n_pending (map_view) > 0)
    g_main_context_iteration (NULL, TRUE);

  /* Invalidating keeps the map drawn and settles again. */
  gj_map_view_invalidate (map_view, NULL);
  while (gj_map_view_get_n_pending (map_view) > 0)
    g_main_context_iteration (NULL, TRUE);
  wait_ms (50);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  dir = g_dir_make_tmp ("gongjian-test-map-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  make_store ();

  g_test_add_func ("/map/grid-tiles", test_grid_tiles);
  g_test_add_func ("/map/basemap-tiles", test_basemap_tiles);
  g_test_add_func ("/map/cache-invalidate", test_cache_invalidate);
  g_test_add_func ("/map/view", test_view);

  status = g_test_run ();

  g_clear_object (&store);
  {
    g_autofree char *path = g_build_filename (dir, "map.db", NULL);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  g_free (dir);
  return status;
}
