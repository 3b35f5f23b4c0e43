/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <string.h>

#include "gj-map-painter.h"
#include "gj-print.h"
#include "gj-records.h"
#include "gj-store-overview.h"

/*
 * A crafted district, 测试区: grid A (住宅小区) in street 甲街道 and grid B
 * (商业街区) in street 乙街道, side by side, a station in A. Printed to PDF,
 * PNG and an atlas, and read back: text with pdftotext, fonts with pdffonts,
 * pages by counting page objects, colours pixel by pixel.
 */

#define A_MIN_LON 112.400
#define B_MIN_LON 112.404
#define B_MAX_LON 112.408
#define MIN_LAT    34.600
#define MAX_LAT    34.604

static char    *dir;
static GjStore *store;

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
insert (GjRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gj_store_insert (store, record, &error));
  g_assert_no_error (error);
  return gj_record_get_id (record);
}

static gint64
add_street (gint64      district_id,
            const char *code,
            const char *name)
{
  g_autoptr(GjRecord) street = gj_record_new_for_kind ("street");

  gj_record_set_text (street, "code", code);
  gj_record_set_text (street, "name", name);
  gj_record_set_int (street, "district_id", district_id);
  return insert (street);
}

static gint64
add_grid (gint64      street_id,
          const char *code,
          const char *kind,
          double      min_lon,
          double      max_lon)
{
  g_autoptr(GjRecord) grid = gj_record_new_for_kind ("grid");
  g_autoptr(GjGeometry) g = square (min_lon, MIN_LAT, max_lon, MAX_LAT);

  gj_record_set_text (grid, "code", code);
  gj_record_set_text (grid, "name", code);
  gj_record_set_text (grid, "kind", kind);
  gj_record_set_int (grid, "street_id", street_id);
  gj_record_set_int (grid, "households", 100);
  gj_record_set_int (grid, "population", 250);
  gj_record_set_geometry (grid, "geometry", g);
  return insert (grid);
}

static void
make_store (void)
{
  g_autofree char *path = g_build_filename (dir, "print.db", NULL);
  g_autoptr(GjRecord) district = gj_record_new_for_kind ("district");
  g_autoptr(GjRecord) station = gj_record_new_for_kind ("station");
  g_autoptr(GError) error = NULL;
  gint64 district_id, street_a, street_b, grid_a;

  store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  gj_record_set_text (district, "name", "测试区");
  district_id = insert (district);
  street_a = add_street (district_id, "S01", "甲街道");
  street_b = add_street (district_id, "S02", "乙街道");
  grid_a = add_grid (street_a, "A", "住宅小区", A_MIN_LON, B_MIN_LON);
  add_grid (street_b, "B", "商业街区", B_MIN_LON, B_MAX_LON);

  gj_record_set_text (station, "name", "甲站");
  gj_record_set_int (station, "grid_id", grid_a);
  gj_record_set_int (station, "street_id", street_a);
  gj_record_set_real (station, "lon", A_MIN_LON + 0.0005);
  gj_record_set_real (station, "lat", MIN_LAT + 0.0005);
  insert (station);
}

static char *
print_to (const char     *name,
          GjPrintOptions *options)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  options->output = path;
  g_assert_true (gj_print_map (store, options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* Output of @tool on @path, or NULL (and the test skipped) without it. */
static char *
run_tool (const char *tool,
          const char *path)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", tool);

      g_test_skip (message);
      return NULL;
    }
  if (strcmp (tool, "pdftotext") == 0)
    g_spawn_sync (NULL, (char *[]) { program, (char *) path, (char *) "-", NULL }, NULL, 0,
                  NULL, NULL, &out, NULL, &status, &error);
  else
    g_spawn_sync (NULL, (char *[]) { program, (char *) path, NULL }, NULL, 0,
                  NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Every font pdffonts lists is embedded (the "emb" column says yes). */
static void
assert_fonts_embedded (const char *pdffonts_output)
{
  g_auto(GStrv) lines = g_strsplit (pdffonts_output, "\n", -1);
  guint n_fonts = 0;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint n;

      if (*lines[i] == '\0')
        continue;
      fields = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);
      n = g_strv_length (fields);
      g_assert_cmpuint (n, >=, 5);
      /* name type encoding emb sub uni object ID: emb is 5th from the end. */
      g_assert_cmpstr (fields[n - 5], ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static guint
count_pages (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GRegex) regex = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_regex_match_full (regex, data, length, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      n++;
      g_match_info_next (match, NULL);
    }
  return n;
}

static void
test_pdf (void)
{
  GjPrintOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *head = NULL;

  gj_print_options_init (&options);
  options.subtitle = "测试副标题";
  path = print_to ("map.pdf", &options);

  g_assert_true (g_file_get_contents (path, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  g_assert_cmpuint (count_pages (path), ==, 1);

  if ((text = run_tool ("pdftotext", path)) == NULL)
    return;
  /* The default title, the street names and the figures are text. */
  g_assert_nonnull (strstr (text, "测试区"));
  g_assert_nonnull (strstr (text, "测试副标题"));
  g_assert_nonnull (strstr (text, "甲街道"));
  g_assert_nonnull (strstr (text, "乙街道"));
  g_assert_nonnull (strstr (text, "住宅小区"));
  g_assert_nonnull (strstr (text, "WGS-84"));

  if ((fonts = run_tool ("pdffonts", path)) == NULL)
    return;
  assert_fonts_embedded (fonts);
}

static void
count_progress (guint64  done,
                guint64  total,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, ==, *calls + 1);
  g_assert_cmpuint (total, ==, 3);
  (*calls)++;
}

static void
test_atlas (void)
{
  GjPrintOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  guint progress_calls = 0;

  gj_print_options_init (&options);
  options.atlas = TRUE;
  options.landscape = TRUE;
  options.date = "2024-05-01";
  path = g_build_filename (dir, "atlas.pdf", NULL);
  options.output = path;
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (gj_print_map (store, &options, count_progress, &progress_calls, NULL, &error));
    g_assert_no_error (error);
  }
  /* A cover for the district, then one page per street. */
  g_assert_cmpuint (count_pages (path), ==, 1 + 2);
  g_assert_cmpuint (progress_calls, ==, 3);

  if ((text = run_tool ("pdftotext", path)) == NULL)
    return;
  g_assert_nonnull (strstr (text, "甲街道"));
  g_assert_nonnull (strstr (text, "乙街道"));
  g_assert_nonnull (strstr (text, "2024-05-01"));
  if ((fonts = run_tool ("pdffonts", path)) == NULL)
    return;
  assert_fonts_embedded (fonts);
}

/* Un-premultiplied 0–255 colour of pixel (@x, @y). */
static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       int              rgb[3])
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 v = *(const guint32 *) (data + y * stride + x * 4);
  int a = v >> 24;

  g_assert_cmpint (a, ==, 255);
  rgb[0] = (v >> 16) & 0xff;
  rgb[1] = (v >> 8) & 0xff;
  rgb[2] = v & 0xff;
}

/* @want at 60 % over the district's white ground, as the map draws it. */
static void
assert_blend (const int      got[3],
              const GjColor *want)
{
  const float *c = &want->red;

  for (int i = 0; i < 3; i++)
    g_assert_cmpint (ABS (got[i] - (int) round (255 * (0.6 * c[i] + 0.4))), <=, 3);
}

static void
test_png (void)
{
  GjPrintOptions options;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  GjColor a_color = gj_map_theme_kind_color ("住宅小区");
  GjColor b_color = gj_map_theme_kind_color ("商业街区");
  int width, height, rgb[3];

  gj_print_options_init (&options);
  options.png_width = 1190;
  path = print_to ("map.png", &options);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  /* A4 portrait at the asked width. */
  g_assert_cmpint (width, ==, 1190);
  g_assert_cmpint (height, ==, (int) ceil (1190 * 841.89 / 595.28));

  /* The page's white margin, then A on the left and B on the right of the
   * map, away from labels, the scale bar and the north arrow. */
  pixel (surface, 5, 5, rgb);
  g_assert_cmpint (rgb[0], ==, 255);
  g_assert_cmpint (rgb[1], ==, 255);
  g_assert_cmpint (rgb[2], ==, 255);
  pixel (surface, width * 0.30, height * 0.35, rgb);
  assert_blend (rgb, &a_color);
  pixel (surface, width * 0.70, height * 0.35, rgb);
  assert_blend (rgb, &b_color);

  cairo_surface_destroy (surface);

  /* The coverage theme: A has a station, B has none. */
  options.theme = GJ_MAP_THEME_COVERAGE;
  g_free (path);
  path = print_to ("coverage.png", &options);
  surface = cairo_image_surface_create_from_png (path);
  {
    GjColor covered = gj_map_theme_coverage_color (TRUE);
    GjColor uncovered = gj_map_theme_coverage_color (FALSE);

    pixel (surface, width * 0.30, height * 0.35, rgb);
    assert_blend (rgb, &covered);
    pixel (surface, width * 0.70, height * 0.35, rgb);
    assert_blend (rgb, &uncovered);
  }
  cairo_surface_destroy (surface);
}

static void
test_street (void)
{
  GjPrintOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  gj_print_options_init (&options);
  options.street = "S02";   /* by code; by name works the same */
  path = print_to ("street.pdf", &options);
  g_assert_cmpuint (count_pages (path), ==, 1);
  if ((text = run_tool ("pdftotext", path)) == NULL)
    return;
  g_assert_nonnull (strstr (text, "乙街道"));
}

static void
test_svg (void)
{
  GjPrintOptions options;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;

  gj_print_options_init (&options);
  path = print_to ("map.svg", &options);
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, "<svg"));
}

static void
test_errors (void)
{
  GjPrintOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *existing = g_build_filename (dir, "keep.pdf", NULL);
  g_autofree char *kept = NULL;

  gj_print_options_init (&options);

  /* An unknown street names the known ones. */
  options.output = existing;
  options.street = "丙街道";
  g_assert_false (gj_print_map (store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_UNKNOWN_STREET);
  g_assert_nonnull (strstr (error->message, "丙街道"));
  g_assert_nonnull (strstr (error->message, "甲街道"));
  g_assert_nonnull (strstr (error->message, "S02"));
  g_clear_error (&error);
  options.street = NULL;

  /* A folder that does not exist: the message names the file. */
  options.output = "/nonexistent-gongjian-dir/map.pdf";
  g_assert_false (gj_print_map (store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent-gongjian-dir/map.pdf"));
  g_clear_error (&error);

  /* Unknown extension; an atlas into a PNG. */
  options.output = "map.tiff";
  g_assert_false (gj_print_map (store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);
  options.output = "atlas.png";
  options.atlas = TRUE;
  g_assert_false (gj_print_map (store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  options.atlas = FALSE;

  /* A failed print leaves an existing file as it was. */
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  options.output = existing;
  options.street = "丙街道";
  g_assert_false (gj_print_map (store, &options, NULL, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (existing, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "old");
}

static void
test_projector (void)
{
  GjMapProjector projector;
  GjBBox extent = { A_MIN_LON, MIN_LAT, B_MAX_LON, MAX_LAT };
  double x, y, lon, lat, mpu;

  gj_map_projector_init_fit (&projector, &extent, 400, 400);
  /* Wider than high: the width fills the area, centred vertically. */
  gj_map_projector_project (&projector, A_MIN_LON, MAX_LAT, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-6);
  gj_map_projector_project (&projector, B_MAX_LON, MIN_LAT, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 400, 1e-6);
  g_assert_cmpfloat (y, <, 400);
  gj_map_projector_unproject (&projector, 200, 200, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, (A_MIN_LON + B_MAX_LON) / 2, 1e-9);

  /* 0.008° of longitude at 34.6° N is about 733 m (WGS-84). */
  mpu = gj_map_projector_metres_per_unit (&projector, 34.602);
  g_assert_cmpfloat_with_epsilon (mpu * 400, 733.6, 1.0);

  /* A tile is the same projection at a whole zoom. */
  gj_map_projector_init_tile (&projector, 15, 26998, 13235);
  g_assert_cmpfloat (projector.width, ==, GJ_TILE_SIZE);
  g_assert_cmpfloat (projector.x0, ==, 26998.0 * GJ_TILE_SIZE);
}


/* Output of pdftotext for page @page of @path, or NULL (skipped). */
static char *
pdf_page_text (const char *path,
               guint       page)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return NULL;
    }
  g_spawn_sync (NULL, (char *[]) { program, (char *) "-f", number, (char *) "-l", number, (char *) path,
                                   (char *) "-", NULL },
                NULL, 0, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The streets' atlas: a page per street that has grids (not 丙街道, which
 * has none) after the cover, each with the street's indicator table — in
 * Chinese when printed by `gongjian-cli print-map --atlas` in zh_CN. */
static void
test_atlas_table (void)
{
  const char *cli = g_getenv ("GONGJIAN_CLI");
  g_autofree char *path = g_build_filename (dir, "atlas-zh.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GListModel) districts = NULL;
  g_autoptr(GjRecord) district = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  int status;

  districts = gj_store_list (store, GJ_TYPE_DISTRICT, &error);
  g_assert_no_error (error);
  district = g_list_model_get_item (districts, 0);
  add_street (gj_record_get_id (district), "S03", "丙街道");

  if (cli == NULL)
    {
      g_test_skip ("GONGJIAN_CLI is not set");
      return;
    }
  env = g_environ_setenv (g_get_environ (), "LANGUAGE", "zh_CN", TRUE);
  g_spawn_sync (NULL,
                (char *[]) { (char *) cli, (char *) "--db", (char *) gj_store_get_path (store),
                             (char *) "print-map", (char *) "--atlas", (char *) "--output", path, NULL },
                env, 0, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("print-map --atlas failed: %s", err);

  /* The cover, 甲街道 and 乙街道: 丙街道 has no grids, so no page. */
  g_assert_cmpuint (count_pages (path), ==, 1 + 2);

  if ((text = pdf_page_text (path, 2)) == NULL)
    return;
  g_assert_nonnull (strstr (text, "甲街道"));
  /* The table's headings, as the catalogue translates them. */
  g_assert_nonnull (strstr (text, "网格"));
  g_assert_nonnull (strstr (text, "党群服务阵地"));
  g_assert_nonnull (strstr (text, "驻区单位"));
  g_assert_nonnull (strstr (text, "有效共建协议"));
  g_assert_nonnull (strstr (text, "未办结问题"));
  g_clear_pointer (&text, g_free);
  if ((text = pdf_page_text (path, 3)) == NULL)
    return;
  g_assert_nonnull (strstr (text, "乙街道"));

  if ((fonts = run_tool ("pdffonts", path)) == NULL)
    return;
  assert_fonts_embedded (fonts);
}

/* A choropleth of a per-grid indicator: breaks computed once from the
 * store, a legend whose classes carry them, grids coloured by class. */
static void
test_indicator_theme (void)
{
  g_autoptr(GjMapPainter) painter = gj_map_painter_new (GJ_MAP_THEME_INDICATOR_UNITS, FALSE, NULL);
  g_autoptr(GPtrArray) legend = NULL;
  g_autoptr(GListModel) grids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) grid_a = NULL;
  g_autoptr(GjRecord) grid_b = NULL;
  double breaks[GJ_MAP_THEME_N_INDICATOR_CLASSES + 1];
  GjMapTheme theme;
  GjColor a, b;
  guint n_classes;

  g_assert_true (gj_map_theme_from_string ("indicator_units", &theme));
  g_assert_cmpint (theme, ==, GJ_MAP_THEME_INDICATOR_UNITS);
  g_assert_true (gj_map_theme_from_string ("station-distance", &theme));
  g_assert_cmpint (theme, ==, GJ_MAP_THEME_INDICATOR_STATION_DISTANCE);
  g_assert_true (gj_map_theme_from_string ("units", &theme));
  g_assert_cmpint (theme, ==, GJ_MAP_THEME_UNITS);
  for (GjMapTheme t = 0; t <= GJ_MAP_THEME_LAST; t++)
    {
      g_assert_true (gj_map_theme_from_string (gj_map_theme_to_string (t), &theme));
      g_assert_cmpint (theme, ==, t);
    }

  grids = gj_store_list (store, GJ_TYPE_GRID, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (grids, i);

      if (g_strcmp0 (gj_record_get_text (grid, "code"), "A") == 0)
        g_set_object (&grid_a, grid);
      else
        g_set_object (&grid_b, grid);
    }
  /* Four units in A, none in B. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GjRecord) unit = gj_record_new_for_kind ("unit");
      g_autofree char *name = g_strdup_printf ("单位%u", i);

      gj_record_set_text (unit, "name", name);
      gj_record_set_int (unit, "grid_id", gj_record_get_id (grid_a));
      insert (unit);
    }

  g_assert_true (gj_map_painter_load (painter, store, &error));
  g_assert_no_error (error);
  n_classes = gj_map_painter_get_breaks (painter, breaks);
  g_assert_cmpuint (n_classes, >=, 2);
  g_assert_cmpfloat (breaks[0], ==, 0);
  g_assert_cmpfloat (breaks[GJ_MAP_THEME_N_INDICATOR_CLASSES], ==, 4);

  a = gj_map_painter_grid_color (painter, grid_a);
  b = gj_map_painter_grid_color (painter, grid_b);
  g_assert_false (gj_color_equal (&a, &b));

  /* The legend: the lowest class starts at 0, the highest ends at 4, and
   * the swatches are the grids' colours; then the station dot. */
  legend = gj_map_painter_dup_legend (painter, store);
  g_assert_cmpuint (legend->len, >=, 3);
  {
    GjMapLegendEntry *first = g_ptr_array_index (legend, 0);
    GjMapLegendEntry *top = g_ptr_array_index (legend, legend->len - 2);
    GjMapLegendEntry *last = g_ptr_array_index (legend, legend->len - 1);

    g_assert_true (g_str_has_prefix (first->label, "0"));
    g_assert_true (g_str_has_suffix (top->label, "4"));
    g_assert_true (gj_color_equal (&first->color, &b));
    g_assert_true (gj_color_equal (&top->color, &a));
    g_assert_cmpint (last->shape, ==, GJ_MAP_LEGEND_POINT);
  }
}

/* The parts the print dialog turns off stay off the page. */
static void
test_parts (void)
{
  GjPrintOptions options;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GjPrintDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  double w, h;

  gj_print_options_init (&options);
  options.paper = GJ_PAPER_A3;
  options.landscape = TRUE;
  options.title = "图层测试";
  options.date = "2024-05-01";
  options.no_date = TRUE;
  options.no_note = TRUE;
  options.no_legend = TRUE;

  document = gj_print_document_new (store, &options, &error);
  g_assert_no_error (error);
  gj_print_document_get_page_size (document, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 1190.55, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 841.89, 0.01);
  g_assert_cmpuint (gj_print_document_get_n_pages (document), ==, 1);

  path = print_to ("parts.pdf", &options);
  if ((text = run_tool ("pdftotext", path)) == NULL)
    return;
  g_assert_nonnull (strstr (text, "图层测试"));
  g_assert_null (strstr (text, "2024-05-01"));
  g_assert_null (strstr (text, "WGS-84"));
  g_assert_null (strstr (text, "District boundary"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = g_dir_make_tmp ("gj-test-print-XXXXXX", &error);
  g_assert_no_error (error);
  make_store ();

  g_test_add_func ("/print/projector", test_projector);
  g_test_add_func ("/print/pdf", test_pdf);
  g_test_add_func ("/print/atlas", test_atlas);
  g_test_add_func ("/print/png", test_png);
  g_test_add_func ("/print/street", test_street);
  g_test_add_func ("/print/svg", test_svg);
  g_test_add_func ("/print/errors", test_errors);
  g_test_add_func ("/print/parts", test_parts);
  g_test_add_func ("/print/indicator-theme", test_indicator_theme);
  g_test_add_func ("/print/atlas-table", test_atlas_table);

  ret = g_test_run ();

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);

        g_unlink (p);
      }
  }
  g_rmdir (dir);
  g_free (dir);
  return ret;
}
