/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gj-class-breaks.h"
#include "gj-map-legend-item.h"
#include "gj-map-view-private.h"
#include "gj-presentation-private.h"
#include "gj-print-dialog.h"
#include "gj-records.h"
#include "gj-store-overview.h"
#include "gj-views-panel.h"

/*
 * The review meeting: a crafted district (测试区, streets 甲 and 乙, four
 * grids in a row, a station, units spread unevenly), two saved views; the
 * presentation built on it, the views panel, the choropleth legend and
 * the print dialog's options.
 */

#define MIN_LON 112.400
#define STEP      0.004
#define MIN_LAT  34.600
#define MAX_LAT  34.604

static char    *dir;
static GjStore *store;

static gint64
insert (GjRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gj_store_insert (store, record, &error));
  g_assert_no_error (error);
  return gj_record_get_id (record);
}

static GjGeometry *
square (double min_lon,
        double max_lon)
{
  GjGeometry *g = gj_geometry_new (GJ_GEOMETRY_POLYGON);

  gj_geometry_begin_polygon (g);
  gj_geometry_begin_ring (g);
  gj_geometry_add_point (g, min_lon, MIN_LAT);
  gj_geometry_add_point (g, max_lon, MIN_LAT);
  gj_geometry_add_point (g, max_lon, MAX_LAT);
  gj_geometry_add_point (g, min_lon, MAX_LAT);
  gj_geometry_add_point (g, min_lon, MIN_LAT);
  return g;
}

static void
add_view (const char *name,
          const char *title,
          const char *theme,
          double      min_lon,
          double      max_lon)
{
  g_autoptr(GjSavedView) view = gj_saved_view_new ();
  g_autoptr(GError) error = NULL;

  gj_record_set_text (GJ_RECORD (view), "name", name);
  gj_record_set_text (GJ_RECORD (view), "title", title);
  gj_record_set_text (GJ_RECORD (view), "subtitle", "述职评议会");
  gj_record_set_text (GJ_RECORD (view), "theme", theme);
  gj_record_set_text (GJ_RECORD (view), "layers", "grids,stations,labels,legend");
  gj_saved_view_set_extent (view, min_lon, MIN_LAT, max_lon, MAX_LAT);
  g_assert_true (gj_store_append_saved_view (store, view, &error));
  g_assert_no_error (error);
}

static void
make_store (void)
{
  g_autofree char *path = g_build_filename (dir, "present.db", NULL);
  g_autoptr(GjRecord) district = gj_record_new_for_kind ("district");
  g_autoptr(GjRecord) station = gj_record_new_for_kind ("station");
  g_autoptr(GError) error = NULL;
  gint64 district_id, streets[2], grids[4];

  store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  gj_record_set_text (district, "name", "测试区");
  district_id = insert (district);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GjRecord) street = gj_record_new_for_kind ("street");

      gj_record_set_text (street, "code", i == 0 ? "S01" : "S02");
      gj_record_set_text (street, "name", i == 0 ? "甲街道" : "乙街道");
      gj_record_set_int (street, "district_id", district_id);
      streets[i] = insert (street);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GjRecord) grid = gj_record_new_for_kind ("grid");
      g_autoptr(GjGeometry) g = square (MIN_LON + i * STEP, MIN_LON + (i + 1) * STEP);
      g_autofree char *code = g_strdup_printf ("G%u", i + 1);

      gj_record_set_text (grid, "code", code);
      gj_record_set_text (grid, "name", code);
      gj_record_set_text (grid, "kind", "住宅小区");
      gj_record_set_int (grid, "street_id", streets[i / 2]);
      gj_record_set_geometry (grid, "geometry", g);
      grids[i] = insert (grid);
    }
  /* 0, 1, 3 and 6 units: four distinct values, four classes. */
  for (guint i = 0; i < 4; i++)
    for (guint k = 0; k < i * (i + 1) / 2; k++)
      {
        g_autoptr(GjRecord) unit = gj_record_new_for_kind ("unit");
        g_autofree char *name = g_strdup_printf ("单位%u-%u", i, k);

        gj_record_set_text (unit, "name", name);
        gj_record_set_int (unit, "grid_id", grids[i]);
        gj_record_set_int (unit, "street_id", streets[i / 2]);
        insert (unit);
      }

  gj_record_set_text (station, "name", "甲站");
  gj_record_set_int (station, "grid_id", grids[0]);
  gj_record_set_int (station, "street_id", streets[0]);
  gj_record_set_real (station, "lon", MIN_LON + 0.001);
  gj_record_set_real (station, "lat", MIN_LAT + 0.001);
  insert (station);

  add_view ("全区", "全区网格", "kind", MIN_LON, MIN_LON + 4 * STEP);
  add_view ("甲街道单位", "甲街道驻区单位", "indicator_units", MIN_LON, MIN_LON + 2 * STEP);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so, failing after 20 s. */
#define WAIT_UNTIL(cond)                                                       \
  G_STMT_START {                                                               \
    gboolean timed_out_ = FALSE;                                               \
    guint id_ = g_timeout_add_seconds (20, timeout_cb, &timed_out_);           \
                                                                               \
    while (!(cond) && !timed_out_)                                             \
      g_main_context_iteration (NULL, TRUE);                                   \
    g_assert_false (timed_out_);                                               \
    g_source_remove (id_);                                                     \
  } G_STMT_END

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static guint
count_editables (GtkWidget *widget)
{
  guint n = GTK_IS_EDITABLE (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_editables (child);
  return n;
}

static gboolean
closed;

static gboolean
close_request_cb (GtkWindow *window)
{
  closed = TRUE;
  return FALSE;
}

static void
test_slides (void)
{
  g_autoptr(GjPresentation) presentation = NULL;
  GjMapView *map;
  guint n;

  presentation = g_object_ref_sink (gj_presentation_new (NULL, store));
  gtk_window_set_default_size (GTK_WINDOW (presentation), 1024, 768);
  gtk_window_present (GTK_WINDOW (presentation));

  /* Two saved views, then the indicator cards. */
  n = gj_presentation_get_n_slides (presentation);
  g_assert_cmpuint (gj_presentation_get_n_cards (presentation), >, 0);
  g_assert_cmpuint (n, ==, 2 + gj_presentation_get_n_cards (presentation));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, 0);
  g_assert_cmpstr (gj_presentation_get_slide_title (presentation), ==, "全区网格");

  /* Clickers send Page Down and Page Up; keyboards the rest. */
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_Page_Down, 0));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, 1);
  g_assert_cmpstr (gj_presentation_get_slide_title (presentation), ==, "甲街道驻区单位");
  map = gj_presentation_get_map_view (presentation);
  g_assert_cmpint (gj_map_view_get_theme (map), ==, GJ_MAP_THEME_INDICATOR_UNITS);
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_Right, 0));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, 2);
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_space, 0));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, 3);
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_BackSpace, 0));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, 2);
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_Page_Up, 0));
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_Left, 0));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, 0);
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_Left, 0));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, 0);
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_End, 0));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, n - 1);
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_Page_Down, 0));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, n - 1);
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_Home, 0));
  g_assert_cmpuint (gj_presentation_get_current (presentation), ==, 0);
  g_assert_false (gj_presentation_handle_key (presentation, GDK_KEY_a, 0));

  /* The cards fill once the overview is computed. */
  WAIT_UNTIL (gj_presentation_get_cards_ready (presentation));
  gj_presentation_go_to (presentation, 2);
  g_assert_cmpstr (gj_presentation_get_slide_title (presentation), !=, "");

  /* Read-only: no editing action, no pointer on the map, no edit mode,
   * no field to type into. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (presentation), "win.draw-grid", NULL));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (presentation), "win.edit-shape", NULL));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (presentation), "win.delete-record", NULL));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (presentation), "win.add-station", NULL));
  g_assert_false (gtk_widget_get_can_target (GTK_WIDGET (map)));
  g_assert_cmpint (gj_edit_layer_get_mode (gj_map_view_get_edit_layer (map)), ==, GJ_EDIT_MODE_NONE);
  for (guint i = 0; i < n; i++)
    {
      gj_presentation_go_to (presentation, i);
      g_assert_cmpuint (count_editables (GTK_WIDGET (presentation)), ==, 0);
    }

  /* Escape leaves. */
  closed = FALSE;
  g_signal_connect (presentation, "close-request", G_CALLBACK (close_request_cb), NULL);
  g_assert_true (gj_presentation_handle_key (presentation, GDK_KEY_Escape, 0));
  g_assert_true (closed);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (presentation)));
}

static GtkWidget *
present_map (GjMapView **out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *map = gj_map_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), map);
  gj_map_view_set_store (GJ_MAP_VIEW (map), store);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_width (map) > 0);
  spin (100);
  *out = GJ_MAP_VIEW (map);
  return window;
}

/* The legend of a choropleth carries its class breaks. */
static void
test_legend (void)
{
  GjMapView *map;
  GtkWidget *window = present_map (&map);
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GArray) array = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  double breaks[GJ_MAP_THEME_N_INDICATOR_CLASSES + 1];
  GListModel *legend = gj_map_view_get_legend (map);
  GHashTableIter iter;
  gpointer value;
  guint n_areas = 0;

  gj_map_view_set_theme (map, GJ_MAP_THEME_INDICATOR_UNITS);

  values = gj_store_grid_indicator (store, GJ_GRID_INDICATOR_UNITS, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (array, *(double *) value);
  g_assert_cmpuint (gj_indicator_class_breaks ((double *) (gpointer) array->data, array->len,
                                               GJ_MAP_THEME_N_INDICATOR_CLASSES, GJ_BREAK_QUANTILE, breaks),
                    >=, 3);
  expected = gj_map_theme_dup_indicator_legend (GJ_MAP_THEME_INDICATOR_UNITS, FALSE, breaks,
                                                GJ_MAP_THEME_N_INDICATOR_CLASSES, FALSE);

  g_assert_cmpuint (g_list_model_get_n_items (legend), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(GjMapLegendItem) item = g_list_model_get_item (legend, i);
      GjMapLegendEntry *entry = g_ptr_array_index (expected, i);

      g_assert_cmpstr (gj_map_legend_item_get_label (item), ==, entry->label);
      if (entry->shape == GJ_MAP_LEGEND_AREA)
        n_areas++;
    }
  /* 0, 1, 3, 6 units: the lowest class starts at 0, the highest ends at 6. */
  g_assert_cmpuint (n_areas, >=, 3);
  {
    g_autoptr(GjMapLegendItem) first = g_list_model_get_item (legend, 0);
    g_autoptr(GjMapLegendItem) top = g_list_model_get_item (legend, n_areas - 1);

    g_assert_true (g_str_has_prefix (gj_map_legend_item_get_label (first), "0"));
    g_assert_true (g_str_has_suffix (gj_map_legend_item_get_label (top), "6"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_extent_close (const GjBBox *a,
                     const GjBBox *b)
{
  double tol = (a->max_x - a->min_x) * 0.01;

  g_assert_cmpfloat_with_epsilon (a->min_x, b->min_x, tol);
  g_assert_cmpfloat_with_epsilon (a->max_x, b->max_x, tol);
  g_assert_cmpfloat_with_epsilon (a->min_y, b->min_y, tol);
  g_assert_cmpfloat_with_epsilon (a->max_y, b->max_y, tol);
}

/* Saved with the panel, a view brings back its extent, theme and layers. */
static void
test_saved_view (void)
{
  GjMapView *map;
  GtkWidget *window = present_map (&map);
  GtkWidget *panel = gj_views_panel_new ();
  g_autoptr(GjSavedView) view = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  GjBBox saved, now;
  gint64 id;
  guint n;

  g_object_ref_sink (panel);
  gj_views_panel_set_store (GJ_VIEWS_PANEL (panel), store);
  gj_views_panel_set_map_view (GJ_VIEWS_PANEL (panel), map);
  model = gj_views_panel_get_model (GJ_VIEWS_PANEL (panel));
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, 2);

  gj_map_view_go_to (map, MIN_LON + 3.5 * STEP, MIN_LAT + 0.002, 17);
  gj_map_view_set_theme (map, GJ_MAP_THEME_COVERAGE);
  gj_map_view_set_show_problems (map, TRUE);
  spin (50);
  g_assert_true (gj_map_view_get_extent (map, &saved));
  view = gj_views_panel_save_view (GJ_VIEWS_PANEL (panel), "G4", "第四网格", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  g_assert_cmpstr (gj_record_get_text (GJ_RECORD (view), "theme"), ==, "coverage");
  id = gj_record_get_id (GJ_RECORD (view));

  /* Elsewhere, then back through the panel's action. */
  gj_map_view_zoom_to_extent (map);
  gj_map_view_set_theme (map, GJ_MAP_THEME_KIND);
  gj_map_view_set_show_problems (map, FALSE);
  spin (50);
  g_assert_true (gtk_widget_activate_action (panel, "views.go", "x", id));
  spin (50);
  g_assert_cmpint (gj_map_view_get_theme (map), ==, GJ_MAP_THEME_COVERAGE);
  g_assert_true (gj_map_view_get_show_problems (map));
  g_assert_true (gj_map_view_get_extent (map, &now));
  assert_extent_close (&saved, &now);

  /* Up one place, then to the trash. */
  g_assert_true (gtk_widget_activate_action (panel, "views.move-up", "x", id));
  {
    g_autoptr(GjSavedView) moved = g_list_model_get_item (model, n - 1);

    g_assert_cmpint (gj_record_get_id (GJ_RECORD (moved)), ==, id);
  }
  g_assert_true (gtk_widget_activate_action (panel, "views.delete", "x", id));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (panel);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gj_print_dialog_export_finish (GJ_PRINT_DIALOG (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The dialog's rows are what gj-print gets: paper, orientation, title. */
static void
test_print_dialog (void)
{
  g_autoptr(GjPrintDialog) dialog = NULL;
  g_autofree char *path = g_build_filename (dir, "dialog.pdf", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GRegex) media_box = g_regex_new ("/MediaBox \\[ *0 0 1190\\.5\\d* 841\\.8\\d* *\\]",
                                             G_REGEX_RAW, 0, NULL);
  gsize length;
  GjPrintOptions options, got;
  gboolean done = FALSE;

  dialog = g_object_ref_sink (gj_print_dialog_new (NULL, store, GJ_MAP_THEME_INDICATOR_UNITS));

  gj_print_dialog_get_options (dialog, &got);
  g_assert_cmpint (got.paper, ==, GJ_PAPER_A4);
  g_assert_false (got.landscape);
  g_assert_null (got.title);
  g_assert_false (got.no_legend || got.no_scale_bar || got.no_north_arrow || got.no_date || got.no_note);
  g_assert_cmpint (got.theme, ==, GJ_MAP_THEME_INDICATOR_UNITS);

  gj_print_options_init (&options);
  options.paper = GJ_PAPER_A3;
  options.landscape = TRUE;
  options.title = "评议会用图";
  options.subtitle = "2024年";
  options.no_north_arrow = TRUE;
  gj_print_dialog_set_options (dialog, &options);
  gj_print_dialog_get_options (dialog, &got);
  g_assert_cmpint (got.paper, ==, GJ_PAPER_A3);
  g_assert_true (got.landscape);
  g_assert_cmpstr (got.title, ==, "评议会用图");
  g_assert_cmpstr (got.subtitle, ==, "2024年");
  g_assert_true (got.no_north_arrow);
  g_assert_false (got.atlas);

  gj_print_dialog_export_async (dialog, path, NULL, export_done_cb, &done);
  WAIT_UNTIL (done);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  /* A3 landscape: 420 × 297 mm in points. */
  g_assert_true (g_regex_match_full (media_box, data, length, 0, 0, NULL, NULL));
  {
    g_autofree char *program = g_find_program_in_path ("pdftotext");
    g_autofree char *text = NULL;
    int status;

    if (program != NULL)
      {
        g_spawn_sync (NULL, (char *[]) { program, path, (char *) "-", NULL }, NULL, 0, NULL, NULL,
                      &text, NULL, &status, NULL);
        g_assert_nonnull (strstr (text, "评议会用图"));
        g_assert_nonnull (strstr (text, "2024年"));
      }
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  dir = g_dir_make_tmp ("gongjian-test-presentation-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  make_store ();

  g_test_add_func ("/presentation/slides", test_slides);
  g_test_add_func ("/presentation/legend", test_legend);
  g_test_add_func ("/presentation/saved-view", test_saved_view);
  g_test_add_func ("/presentation/print-dialog", test_print_dialog);

  status = g_test_run ();

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);

        if (g_file_test (p, G_FILE_TEST_IS_DIR))
          continue;
        g_unlink (p);
      }
  }
  g_rmdir (dir);
  g_free (dir);
  return status;
}
