/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "gj-application.h"
#include "gj-job.h"
#include "gj-record-table-private.h"
#include "gj-sample.h"
#include "gj-store-checks.h"
#include "gj-overview-page.h"
#include "gj-units-page.h"
#include "gj-window-private.h"

/* The sample district, built once for all tests (the slow part). */
static char          *sample_path;
static GjApplication *application;

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until @condition holds; FALSE after 30 s. */
static gboolean
wait_until (gboolean (*condition) (gpointer data),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  guint tick_id = g_timeout_add (20, tick_cb, NULL);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);
  g_source_remove (tick_id);

  return !timed_out;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
has_rows (gpointer data)
{
  return gj_record_table_get_n_items (GJ_RECORD_TABLE (data)) > 0;
}

static gboolean
is_not_busy (gpointer data)
{
  return !gj_window_is_busy (GJ_WINDOW (data));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static GjWindow *
open_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  GjWindow *window = gj_window_new (GTK_APPLICATION (application));

  if (path != NULL)
    {
      g_assert_true (gj_window_open (window, path, GJ_WINDOW_OPEN_DEFAULT, &error));
      g_assert_no_error (error);
    }
  else
    gj_window_open_last (window);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (is_mapped, window));

  return window;
}

static void
close_window (GjWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_until (is_null, &weak));
}

static void
test_window_pages (void)
{
  static const char * const names[] = { "map", "units", "meetings", "problems", "overview" };
  GjWindow *window = open_window (sample_path);
  g_autoptr(GtkSelectionModel) pages = NULL;

  g_assert_cmpstr (gj_window_get_state (window), ==, "district");

  pages = adw_view_stack_get_pages (gj_window_get_view_stack (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, names[i]);
      g_assert_nonnull (adw_view_stack_page_get_title (page));
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));
    }

  close_window (window);
}

/* A figure of the overview, clicked: its records in their page, only
 * those, until "Show All". */
static void
test_window_drill_down (void)
{
  GjWindow *window = open_window (sample_path);
  GjStore *store = gj_window_get_store (window);
  GObject *overview = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GjDrill) drill = gj_drill_new (GJ_TYPE_UNIT, 0, 0, "test");
  GjRecordTable *table;
  gint64 ids[2];

  units = gj_store_list (store, GJ_TYPE_UNIT, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (units), >, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GjRecord) unit = g_list_model_get_item (units, i);

      ids[i] = gj_record_get_id (unit);
    }
  drill->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (drill->ids, ids, 2);

  adw_view_stack_set_visible_child_name (gj_window_get_view_stack (window), "overview");
  overview = G_OBJECT (gtk_widget_get_first_child (adw_view_stack_get_visible_child (gj_window_get_view_stack (window))));
  g_assert_true (GJ_IS_OVERVIEW_PAGE (overview));
  g_signal_emit_by_name (overview, "drill-down", drill, "两家单位");

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (gj_window_get_view_stack (window)), ==, "units");
  table = gj_units_page_get_table (gj_window_get_units_page (window), GJ_TYPE_UNIT);
  g_assert_true (wait_until (has_rows, table));
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, 2);
  gj_record_table_show_only (table, NULL, 0, NULL);
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, g_list_model_get_n_items (units));

  close_window (window);
}

/* A grid picked on the map opens in the side panel; closing it clears it. */
static void
test_window_map_panel (void)
{
  g_autoptr(GError) error = NULL;
  GjWindow *window = open_window (sample_path);
  GjStore *store = gj_window_get_store (window);
  GjRecordPanel *panel = gj_window_get_record_panel (window);
  g_autoptr(GjRecord) grid = gj_store_find_by_code (store, GJ_TYPE_GRID, "410305001002-004", &error);

  g_assert_nonnull (grid);
  g_assert_null (gj_record_panel_get_record (panel));
  g_signal_emit_by_name (gj_window_get_map_view (window), "record-activated", grid);
  g_assert_true (gj_record_panel_get_record (panel) == grid);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.close", NULL);
  g_assert_null (gj_record_panel_get_record (panel));
  close_window (window);
}

static void
test_window_rows (void)
{
  g_autoptr(GError) error = NULL;
  GjWindow *window;
  GjStore *store;
  GjRecordTable *grids, *units;
  AdwViewStack *stack;

  window = open_window (sample_path);
  store = gj_window_get_store (window);
  stack = gj_window_get_view_stack (window);

  adw_view_stack_set_visible_child_name (stack, "map");
  /* The map is the Map page's first tab; the tables are the others. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (gj_window_get_map_stack (window)), ==, "map");
  g_assert_true (gj_map_view_get_store (gj_window_get_map_view (window)) == store);
  gtk_stack_set_visible_child_name (gj_window_get_map_stack (window), "grids");
  grids = gj_window_get_table (window, GJ_TYPE_GRID);
  g_assert_true (wait_until (has_rows, grids));
  g_assert_cmpint (gj_store_count (store, GJ_TYPE_GRID, &error), ==, 1570);
  g_assert_no_error (error);
  g_assert_cmpuint (gj_record_table_get_n_items (grids), ==, 1570);
  g_assert_cmpuint (g_list_model_get_n_items (gj_record_table_get_model (grids)), ==, 1570);

  /* Tables on pages nobody has looked at are read when first shown. */
  adw_view_stack_set_visible_child_name (stack, "units");
  units = gj_window_get_table (window, GJ_TYPE_UNIT);
  g_assert_true (wait_until (has_rows, units));
  g_assert_cmpint (gj_store_count (store, GJ_TYPE_UNIT, &error), ==, 486);
  g_assert_cmpuint (gj_record_table_get_n_items (units), ==, 486);

  close_window (window);
}

static void
assert_search (GjRecordTable *table,
               GjStore       *store,
               const char    *text)
{
  GType type = gj_record_table_get_record_type (table);
  g_autoptr(GListModel) expected = NULL;
  g_autoptr(GError) error = NULL;
  guint n_expected;

  expected = gj_store_search (store, type, text, &error);
  g_assert_no_error (error);
  n_expected = g_list_model_get_n_items (expected);

  gj_record_table_search (table, text);
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, n_expected);
  g_assert_cmpuint (g_list_model_get_n_items (gj_record_table_get_model (table)), ==, n_expected);
}

static void
test_window_search (void)
{
  GjWindow *window = open_window (sample_path);
  GjStore *store = gj_window_get_store (window);
  GjRecordTable *grids = gj_window_get_table (window, GJ_TYPE_GRID);
  GjRecordTable *units = gj_window_get_table (window, GJ_TYPE_UNIT);
  GListModel *model = gj_record_table_get_model (grids);

  adw_view_stack_set_visible_child_name (gj_window_get_view_stack (window), "map");
  gtk_stack_set_visible_child_name (gj_window_get_map_stack (window), "grids");
  g_assert_true (wait_until (has_rows, grids));

  /* Two Chinese characters: a community name inside grid names. */
  assert_search (grids, store, "天四");
  g_assert_cmpuint (gj_record_table_get_n_items (grids), >, 0);
  g_assert_cmpuint (gj_record_table_get_n_items (grids), <, 1570);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GjRecord) record = g_list_model_get_item (model, i);
      g_autofree char *haystack = g_strjoin (" ", gj_record_get_text (record, "name") ?: "",
                                             gj_record_get_text (record, "code") ?: "",
                                             gj_record_get_text (record, "community_name") ?: "",
                                             gj_record_get_text (record, "worker") ?: "", NULL);

      g_assert_nonnull (strstr (haystack, "天四"));
    }

  assert_search (grids, store, "");
  g_assert_cmpuint (gj_record_table_get_n_items (grids), ==, 1570);

  adw_view_stack_set_visible_child_name (gj_window_get_view_stack (window), "units");
  g_assert_true (wait_until (has_rows, units));
  assert_search (units, store, "洛阳");
  g_assert_cmpuint (gj_record_table_get_n_items (units), >, 0);
  assert_search (units, store, "没有这样的单位名称");
  g_assert_cmpuint (gj_record_table_get_n_items (units), ==, 0);

  close_window (window);
}

static void
test_window_sort (void)
{
  GjWindow *window = open_window (sample_path);
  GjRecordTable *grids = gj_window_get_table (window, GJ_TYPE_GRID);
  GtkColumnView *view = gj_record_table_get_column_view (grids);
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *model = gj_record_table_get_model (grids);
  g_autoptr(GtkColumnViewColumn) area = NULL;

  adw_view_stack_set_visible_child_name (gj_window_get_view_stack (window), "map");
  gtk_stack_set_visible_child_name (gj_window_get_map_stack (window), "grids");
  g_assert_true (wait_until (has_rows, grids));

  /* The grid table's last column is the area. */
  area = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);
  g_assert_nonnull (area);

  /* Areas sort as numbers, largest first. */
  gtk_column_view_sort_by_column (view, area, GTK_SORT_DESCENDING);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GjRecord) a = g_list_model_get_item (model, i - 1);
      g_autoptr(GjRecord) b = g_list_model_get_item (model, i);

      g_assert_cmpfloat (gj_record_get_real (a, "area"), >=, gj_record_get_real (b, "area"));
    }

  close_window (window);
}

static gboolean
checks_done (gpointer data)
{
  return !gj_checks_panel_is_running (GJ_CHECKS_PANEL (data));
}

/* A copy of the sample that a test may change. */
static char *
copy_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (sample_path);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (sample_path);
  g_autoptr(GFile) to = g_file_new_for_path (path);

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The checks run in a thread and list what they find; a finding shows on
 * the map when activated. */
static void
test_window_checks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = copy_sample ("checks.db");
  GjWindow *window = open_window (path);
  GjStore *store = gj_window_get_store (window);
  GjChecksPanel *panel = gj_window_get_checks_panel (window);
  GtkListBox *list = gj_checks_panel_get_list (panel);
  GtkStack *map_stack = gj_window_get_map_stack (window);
  g_autoptr(GjRecord) grid = gj_store_find_by_code (store, GJ_TYPE_GRID, "410305001002-004", &error);
  g_autoptr(GjRecord) copy = g_object_new (GJ_TYPE_GRID, NULL);
  g_autoptr(GjFinding) finding = NULL;
  GtkListBoxRow *row;

  adw_view_stack_set_visible_child_name (gj_window_get_view_stack (window), "map");
  gtk_stack_set_visible_child_name (map_stack, "checks");

  /* The sample is clean. */
  gj_checks_panel_run (panel);
  g_assert_true (gj_checks_panel_is_running (panel));
  g_assert_true (wait_until (checks_done, panel));
  g_assert_nonnull (gj_checks_panel_get_findings (panel));
  g_assert_cmpuint (g_list_model_get_n_items (gj_checks_panel_get_findings (panel)), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));

  /* A grid laid over another one is found. */
  g_assert_nonnull (grid);
  gj_record_set_text (copy, "code", "410305001002-999");
  gj_record_set_text (copy, "name", "重叠网格");
  gj_record_set_geometry (copy, "geometry", gj_record_get_geometry (grid, "geometry"));
  g_assert_true (gj_store_insert (store, copy, &error));
  g_assert_no_error (error);

  gj_checks_panel_run (panel);
  g_assert_true (wait_until (checks_done, panel));
  g_assert_cmpuint (g_list_model_get_n_items (gj_checks_panel_get_findings (panel)), >=, 1);
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);

  /* Activating it goes to the map with the record in the side panel. */
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (map_stack), ==, "map");
  g_assert_nonnull (gj_record_panel_get_record (gj_window_get_record_panel (window)));

  /* Accepted with a reason, withdrawn without. */
  finding = g_list_model_get_item (gj_checks_panel_get_findings (panel), 0);
  g_assert_true (gj_store_accept_finding (store, finding, "测试", &error));
  g_assert_no_error (error);
  gj_checks_panel_run (panel);
  g_assert_true (wait_until (checks_done, panel));
  g_clear_object (&finding);
  finding = g_list_model_get_item (gj_checks_panel_get_findings (panel), 0);
  g_assert_true (gj_finding_get_accepted (finding));

  close_window (window);
  gj_remove_database_files (path);
}

/* The map search finds records by Chinese name and shows the one chosen. */
static void
test_window_map_search (void)
{
  GjWindow *window = open_window (sample_path);
  GjMapSearch *search = gj_window_get_map_search (window);
  GjRecordPanel *panel = gj_window_get_record_panel (window);
  GListModel *results = gj_map_search_get_results (search);
  g_autoptr(GjRecord) first = NULL;
  GjRecord *shown;

  adw_view_stack_set_visible_child_name (gj_window_get_view_stack (window), "map");
  gj_map_search_set_text (search, "天四");
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (results), <=, 10);

  first = g_list_model_get_item (results, 0);
  gj_map_search_choose (search, 0);
  shown = gj_record_panel_get_record (panel);
  g_assert_nonnull (shown);
  g_assert_cmpstr (gj_record_get_uuid (shown), ==, gj_record_get_uuid (first));
  if (GJ_IS_GRID (shown))
    g_assert_nonnull (gj_record_get_geometry (shown, "geometry"));

  gj_map_search_set_text (search, "没有这样的名称");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  close_window (window);
}

/* Export Map Image writes a PNG in a job. */
static void
test_window_export_map (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (sample_path);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  GjWindow *window = open_window (sample_path);

  gj_window_export_map (window, png);
  g_assert_true (gj_window_is_busy (window));
  g_assert_true (wait_until (is_not_busy, window));

  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  close_window (window);
  g_remove (png);
}

static void
test_window_welcome (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-gongjian.db", NULL);
  GjWindow *window;

  /* First run. */
  g_settings_set_string (settings, "last-database", "");
  window = open_window (NULL);
  g_assert_cmpstr (gj_window_get_state (window), ==, "welcome");
  g_assert_null (gj_window_get_store (window));
  close_window (window);

  /* The remembered database went away. */
  g_settings_set_string (settings, "last-database", missing);
  window = open_window (NULL);
  g_assert_cmpstr (gj_window_get_state (window), ==, "welcome");
  close_window (window);

  /* The remembered database opens. */
  g_settings_set_string (settings, "last-database", sample_path);
  window = open_window (NULL);
  g_assert_cmpstr (gj_window_get_state (window), ==, "district");
  close_window (window);

  g_settings_set_string (settings, "last-database", "");
}

static void
test_window_bad_file (void)
{
  static const char garbage[] = "This is not a database, and it must stay exactly like this.\n";
  g_autofree char *dir = g_dir_make_tmp ("gongjian-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GjWindow *window;
  gsize length;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  window = open_window (NULL);
  g_assert_false (gj_window_open (window, path, GJ_WINDOW_OPEN_REMEMBER, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_DATABASE);
  g_assert_cmpstr (gj_window_get_state (window), ==, "welcome");
  g_assert_null (gj_window_get_store (window));
  close_window (window);

  /* Untouched: same bytes, no companions. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, garbage);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  g_remove (path);
  g_rmdir (dir);
}

/* --sample: built in a worker thread, shown, deleted with the window. */
static void
test_window_throwaway_sample (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *last = NULL;
  GjRecordTable *grids;
  GjWindow *window;

  g_settings_set_string (settings, "last-database", "");
  window = open_window (NULL);
  gj_window_build_sample (window, NULL, GJ_WINDOW_OPEN_DEFAULT);
  g_assert_true (gj_window_is_busy (window));
  g_assert_cmpstr (gj_window_get_state (window), ==, "busy");
  g_assert_true (wait_until (is_not_busy, window));
  g_assert_cmpstr (gj_window_get_state (window), ==, "district");

  adw_view_stack_set_visible_child_name (gj_window_get_view_stack (window), "map");
  gtk_stack_set_visible_child_name (gj_window_get_map_stack (window), "grids");
  grids = gj_window_get_table (window, GJ_TYPE_GRID);
  g_assert_true (wait_until (has_rows, grids));
  g_assert_cmpuint (gj_record_table_get_n_items (grids), ==, 1570);

  path = g_strdup (gj_store_get_path (gj_window_get_store (window)));
  dir = g_path_get_dirname (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Not remembered: the next start does not open a scratch file. */
  last = g_settings_get_string (settings, "last-database");
  g_assert_cmpstr (last, ==, "");

  close_window (window);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* Editing by hand ---------------------------------------------------------- */

static GtkWidget *
find_field_row (GtkWidget  *widget,
                const char *field)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "gj-field"), field) == 0)
        return child;
      if ((found = find_field_row (child, field)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
layer_is_allocated (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 100;
}

static gboolean
is_zoomed_in (gpointer data)
{
  return shumate_viewport_get_zoom_level (shumate_layer_get_viewport (SHUMATE_LAYER (data))) >= 15;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
to_widget (GjEditLayer *layer,
           double       lon,
           double       lat,
           double      *x,
           double      *y)
{
  shumate_viewport_location_to_widget_coords (shumate_layer_get_viewport (SHUMATE_LAYER (layer)),
                                              GTK_WIDGET (layer), lat, lon, x, y);
}

static gint64
count (GjStore *store,
       GType    type)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gj_store_count (store, type, &error);

  g_assert_no_error (error);
  return n;
}

/* The side panel's form saves a value, refuses a bad one, and Ctrl+Z takes
 * it back; a grid drawn on the map snaps to its neighbour and is added,
 * its corner dragged, the grid trashed — each undone again. */
static void
test_window_edit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_path_get_dirname (sample_path), "edit.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (sample_path);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  GjWindow *window;
  GjStore *store;
  GjRecordPanel *panel;
  GjMapView *map_view;
  GjEditLayer *layer;
  g_autoptr(GjRecord) grid = NULL;
  g_autoptr(GjRecord) stored = NULL;
  g_autoptr(GjGeometry) original = NULL;
  GtkWidget *row;
  AdwMessageDialog *dialog;
  const char *old_name;
  g_autofree char *old_name_copy = NULL;
  gint64 n_grids;
  const double *ring;
  guint n;
  double x, y, vx, vy;
  GjBBox box;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  window = open_window (path);
  store = gj_window_get_store (window);
  panel = gj_window_get_record_panel (window);
  map_view = gj_window_get_map_view (window);
  layer = gj_map_view_get_edit_layer (map_view);
  n_grids = count (store, GJ_TYPE_GRID);

  grid = gj_store_find_by_code (store, GJ_TYPE_GRID, "410305001002-004", &error);
  g_assert_nonnull (grid);
  old_name_copy = g_strdup (gj_record_get_text (grid, "name"));
  old_name = old_name_copy;
  g_assert_false (gj_editor_can_undo (gj_window_get_editor (window)));

  /* A new name, applied in the form, is in the store. */
  g_signal_emit_by_name (map_view, "record-activated", grid);
  row = find_field_row (GTK_WIDGET (panel), "name");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, old_name);
  gtk_editable_set_text (GTK_EDITABLE (row), "改名后的网格");
  g_signal_emit_by_name (row, "apply");
  stored = gj_store_get (store, GJ_TYPE_GRID, gj_record_get_id (grid), &error);
  g_assert_cmpstr (gj_record_get_text (stored, "name"), ==, "改名后的网格");
  g_clear_object (&stored);
  g_assert_true (gj_editor_can_undo (gj_window_get_editor (window)));

  /* Letters for households are refused, the row says so, nothing is written. */
  row = find_field_row (GTK_WIDGET (panel), "households");
  gtk_editable_set_text (GTK_EDITABLE (row), "二百");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  stored = gj_store_get (store, GJ_TYPE_GRID, gj_record_get_id (grid), &error);
  g_assert_cmpint (gj_record_get_int (stored, "households"), ==, gj_record_get_int (grid, "households"));
  g_clear_object (&stored);

  /* Undo: the store and the form have the old name again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  stored = gj_store_get (store, GJ_TYPE_GRID, gj_record_get_id (grid), &error);
  g_assert_cmpstr (gj_record_get_text (stored, "name"), ==, old_name);
  g_clear_object (&stored);
  row = find_field_row (GTK_WIDGET (panel), "name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, old_name);
  g_assert_true (gj_editor_can_redo (gj_window_get_editor (window)));

  /* Drawing: zoomed in on the grid, a click near its corner lands on it. */
  original = gj_geometry_ref (gj_record_get_geometry (grid, "geometry"));
  box = gj_geometry_get_bbox (original);
  g_assert_true (wait_until (layer_is_allocated, layer));
  gj_map_view_zoom_to_bbox (map_view, &box, FALSE);
  g_assert_true (wait_until (is_zoomed_in, layer));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.draw-grid", NULL);
  g_assert_cmpint (gj_edit_layer_get_mode (layer), ==, GJ_EDIT_MODE_DRAW);
  ring = gj_geometry_get_ring (original, 0, &n);
  to_widget (layer, ring[0], ring[1], &vx, &vy);
  gj_edit_layer_click (layer, vx + 3, vy - 2);
  gj_edit_layer_click (layer, vx + 60, vy - 60);
  gj_edit_layer_click (layer, vx - 60, vy - 80);
  g_assert_cmpuint (gj_edit_layer_get_n_vertices (layer), ==, 3);
  {
    g_autoptr(GjGeometry) drawn = gj_edit_layer_dup_geometry (layer);
    const double *first = gj_geometry_get_ring (drawn, 0, &n);

    g_assert_cmpuint (n, ==, 4);
    g_assert_cmpfloat (first[0], ==, ring[0]);
    g_assert_cmpfloat (first[1], ==, ring[1]);
  }

  /* Finishing asks for the code, suggesting the next one of the community. */
  gj_edit_layer_finish (layer);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "add");
  g_assert_cmpint (count (store, GJ_TYPE_GRID), ==, n_grids + 1);
  g_assert_cmpint (gj_edit_layer_get_mode (layer), ==, GJ_EDIT_MODE_NONE);
  g_assert_true (GJ_IS_GRID (gj_record_panel_get_record (panel)));
  g_assert_true (g_str_has_prefix (gj_record_get_text (gj_record_panel_get_record (panel), "code"), "410305001002-"));
  g_assert_cmpint (gj_record_get_int (gj_record_panel_get_record (panel), "street_id"), ==,
                   gj_record_get_int (grid, "street_id"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpint (count (store, GJ_TYPE_GRID), ==, n_grids);
  g_assert_null (gj_record_panel_get_record (panel));

  /* Shape: the first corner dragged 30 px to the right moves east. */
  g_signal_emit_by_name (map_view, "record-activated", grid);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-shape", NULL);
  g_assert_cmpint (gj_edit_layer_get_mode (layer), ==, GJ_EDIT_MODE_SHAPE);
  to_widget (layer, ring[0], ring[1], &x, &y);
  g_assert_true (gj_edit_layer_drag (layer, x, y, x + 30, y));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.finish-edit", NULL);
  stored = gj_store_get (store, GJ_TYPE_GRID, gj_record_get_id (grid), &error);
  g_assert_false (gj_geometry_equal (gj_record_get_geometry (stored, "geometry"), original));
  g_assert_cmpfloat (gj_geometry_get_ring (gj_record_get_geometry (stored, "geometry"), 0, &n)[0], >, ring[0]);
  g_assert_cmpfloat (gj_record_get_real (stored, "area"), !=, gj_record_get_real (grid, "area"));
  g_clear_object (&stored);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  stored = gj_store_get (store, GJ_TYPE_GRID, gj_record_get_id (grid), &error);
  g_assert_true (gj_geometry_equal (gj_record_get_geometry (stored, "geometry"), original));
  g_clear_object (&stored);

  /* The trash, and back. */
  g_signal_emit_by_name (map_view, "record-activated", grid);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL);
  g_assert_cmpint (count (store, GJ_TYPE_GRID), ==, n_grids - 1);
  g_assert_null (gj_record_panel_get_record (panel));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpint (count (store, GJ_TYPE_GRID), ==, n_grids);

  close_window (window);
  g_remove (path);
}

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const xdg_homes[] = {
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  g_autofree char *dir = NULL;
  int status;

  /* The user's own folders stay out of it. Not G_TEST_OPTION_ISOLATE_DIRS:
   * it empties XDG_DATA_DIRS too, and without the MIME database GTK cannot
   * load its SVG icons. */
  dir = g_dir_make_tmp ("gongjian-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_homes); i++)
    {
      g_autofree char *home = g_build_filename (dir, xdg_homes[i], NULL);

      g_setenv (xdg_homes[i], home, TRUE);
    }
  g_unsetenv ("GONGJIAN_DB");

  g_test_init (&argc, &argv, NULL);

  application = gj_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  sample_path = g_build_filename (dir, "sample.db", NULL);
  store = gj_store_open (sample_path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gj_sample_load (store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/rows", test_window_rows);
  g_test_add_func ("/window/map-panel", test_window_map_panel);
  g_test_add_func ("/window/edit", test_window_edit);
  g_test_add_func ("/window/search", test_window_search);
  g_test_add_func ("/window/sort", test_window_sort);
  g_test_add_func ("/window/checks", test_window_checks);
  g_test_add_func ("/window/map-search", test_window_map_search);
  g_test_add_func ("/window/export-map", test_window_export_map);
  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/bad-file", test_window_bad_file);
  g_test_add_func ("/window/throwaway-sample", test_window_throwaway_sample);
  g_test_add_func ("/window/drill-down", test_window_drill_down);

  status = g_test_run ();

  g_clear_object (&application);
  gj_remove_database_files (sample_path);
  g_free (sample_path);
  rm_rf (dir);

  return status;
}
