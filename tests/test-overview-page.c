/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The overview page on the sample district: its figures against the data
 * layer's, the scope chooser, the ring, drill-downs and saved charts. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gj-overview-page-private.h"
#include "gj-records.h"
#include "gj-sample.h"

typedef struct
{
  char           *dir;
  GjStore        *store;
  GtkWidget      *window;
  GjOverviewPage *page;
  GjDrill        *drill;      /* the last one emitted */
  char           *title;
  guint           n_drills;
} Fixture;

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Until the worker thread has answered (at most 60 s). */
static void
wait_idle (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while ((gj_overview_page_is_busy (f->page) || gj_overview_page_get_overview (f->page) == NULL)
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (gj_overview_page_is_busy (f->page));
  g_assert_nonnull (gj_overview_page_get_overview (f->page));
  iterate (50);
}

static void
drill_down_cb (GjOverviewPage *page,
               GjDrill        *drill,
               const char     *title,
               Fixture        *f)
{
  g_clear_pointer (&f->drill, gj_drill_free);
  g_clear_pointer (&f->title, g_free);
  f->drill = gj_drill_copy (drill);
  f->title = g_strdup (title);
  f->n_drills++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gj-overview-page-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.gongjian", NULL);
  f->store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gj_sample_load (f->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  f->page = GJ_OVERVIEW_PAGE (gj_overview_page_new ());
  g_signal_connect (f->page, "drill-down", G_CALLBACK (drill_down_cb), f);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  gj_overview_page_set_store (f->page, f->store);
  wait_idle (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate (20);
  g_clear_object (&f->store);
  g_clear_pointer (&f->drill, gj_drill_free);
  g_clear_pointer (&f->title, g_free);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GjOverview *
expected (Fixture         *f,
          GjOverviewScope  scope,
          gint64           id,
          double           ring)
{
  g_autoptr(GError) error = NULL;
  GjOverview *o = gj_store_compute_overview (f->store, scope, id, NULL, ring, &error);

  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static void
assert_count (Fixture                *f,
              const char             *key,
              const GjOverviewFigure *figure)
{
  g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, figure->count);

  g_assert_cmpstr (gj_overview_page_get_figure_text (f->page, key), ==, text);
}

static void
assert_percent (Fixture                *f,
                const char             *key,
                const GjOverviewFigure *figure)
{
  g_autofree char *text = NULL;

  g_assert_true (figure->has_percent);
  text = g_strdup_printf ("%.1f%%", figure->percent);
  g_assert_cmpstr (gj_overview_page_get_figure_text (f->page, key), ==, text);
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GjOverview) o = expected (f, GJ_OVERVIEW_DISTRICT, 0, GJ_OVERVIEW_DEFAULT_RING_M);
  GjOverview *shown = gj_overview_page_get_overview (f->page);
  GjChart *chart;
  g_autofree char *description = NULL;
  const GjOverviewFigure *first_kind;

  g_assert_cmpint (shown->scope, ==, GJ_OVERVIEW_DISTRICT);
  /* The sample district has data in every card. */
  g_assert_cmpint (o->grids.count, >, 100);
  assert_count (f, "grids", &o->grids);
  g_assert_cmpstr (gj_overview_page_get_figure_text (f->page, "grids"), !=, "—");
  assert_percent (f, "grid_coverage", &o->grid_coverage);
  assert_count (f, "stations", &o->stations);
  assert_percent (f, "grids_with_station", &o->grids_with_station);
  assert_percent (f, "grids_near_station", &o->grids_near_station);
  assert_count (f, "small_centres", &o->small_centres);
  assert_count (f, "units", &o->units);
  assert_percent (f, "units_with_agreement", &o->units_with_agreement);
  assert_count (f, "agreements_expiring", &o->agreements_expiring);
  assert_count (f, "problems", &o->problems);
  assert_count (f, "echo_entries", &o->echo_entries);
  if (o->months_met.has_percent)
    assert_percent (f, "months_met", &o->months_met);
  g_assert_cmpuint (gj_overview_page_get_n_gap_rows (f->page), ==, MIN (o->gaps->len, 6));

  /* The charts carry the breakdowns. */
  chart = gj_overview_page_get_chart (f->page, "grids_by_kind");
  g_assert_cmpuint (gj_chart_get_n_categories (chart), ==, o->grids_by_kind->len);
  g_assert_cmpuint (o->grids_by_kind->len, >, 0);
  first_kind = g_ptr_array_index (o->grids_by_kind, 0);
  description = gj_chart_dup_description (chart);
  g_assert_nonnull (strstr (description, first_kind->label));
  chart = gj_overview_page_get_chart (f->page, "meetings_by_street");
  g_assert_cmpuint (gj_chart_get_n_categories (chart), ==, o->meetings_by_street->len);
  /* The months of this year so far. */
  chart = gj_overview_page_get_chart (f->page, "meetings_by_month");
  g_assert_cmpuint (gj_chart_get_n_categories (chart), ==, g_ascii_strtoull (o->today + 5, NULL, 10));
  chart = gj_overview_page_get_chart (f->page, "problem_funnel");
  g_assert_cmpuint (gj_chart_get_n_categories (chart), ==, o->problem_funnel->len);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  GtkDropDown *streets = gj_overview_page_get_scope_dropdown (f->page, FALSE);
  GtkDropDown *communities = gj_overview_page_get_scope_dropdown (f->page, TRUE);
  g_autoptr(GListModel) all = gj_store_list (f->store, GJ_TYPE_STREET, NULL);
  g_autoptr(GjRecord) street = NULL;
  g_autoptr(GjOverview) o = NULL;
  g_autoptr(GjOverview) district = expected (f, GJ_OVERVIEW_DISTRICT, 0, GJ_OVERVIEW_DEFAULT_RING_M);
  GjOverview *shown;

  g_assert_cmpuint (g_list_model_get_n_items (all), >, 1);
  /* 全区 first, then every street. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (streets)), ==, g_list_model_get_n_items (all) + 1);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (communities)));

  street = g_list_model_get_item (all, 0);
  gtk_drop_down_set_selected (streets, 1);
  g_assert_true (gj_overview_page_is_busy (f->page));
  wait_idle (f);
  shown = gj_overview_page_get_overview (f->page);
  g_assert_cmpint (shown->scope, ==, GJ_OVERVIEW_STREET);
  g_assert_cmpint (shown->scope_id, ==, gj_record_get_id (street));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (communities)));

  o = expected (f, GJ_OVERVIEW_STREET, gj_record_get_id (street), GJ_OVERVIEW_DEFAULT_RING_M);
  g_assert_cmpint (o->grids.count, <, district->grids.count);
  assert_count (f, "grids", &o->grids);
  assert_count (f, "units", &o->units);
  assert_count (f, "problems", &o->problems);
  g_assert_cmpuint (gj_chart_get_n_categories (gj_overview_page_get_chart (f->page, "meetings_by_street")), ==,
                    o->meetings_by_street->len);

  /* A community of that street. */
  if (g_list_model_get_n_items (gtk_drop_down_get_model (communities)) > 1)
    {
      gtk_drop_down_set_selected (communities, 1);
      wait_idle (f);
      shown = gj_overview_page_get_overview (f->page);
      g_assert_cmpint (shown->scope, ==, GJ_OVERVIEW_COMMUNITY);
      g_clear_pointer (&o, gj_overview_unref);
      o = expected (f, GJ_OVERVIEW_COMMUNITY, shown->scope_id, GJ_OVERVIEW_DEFAULT_RING_M);
      assert_count (f, "grids", &o->grids);
    }

  /* Back to the whole district. */
  gtk_drop_down_set_selected (streets, 0);
  wait_idle (f);
  g_assert_cmpint (gj_overview_page_get_overview (f->page)->scope, ==, GJ_OVERVIEW_DISTRICT);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (communities)));
  assert_count (f, "grids", &district->grids);
}

static void
test_ring (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GjOverview) narrow = expected (f, GJ_OVERVIEW_DISTRICT, 0, 100);
  g_autoptr(GjOverview) wide = expected (f, GJ_OVERVIEW_DISTRICT, 0, GJ_OVERVIEW_DEFAULT_RING_M);

  /* A narrower ring serves fewer grids, or the test proves nothing. */
  g_assert_cmpint (narrow->grids_near_station.count, <, wide->grids_near_station.count);
  gj_overview_page_set_ring (f->page, 100);
  wait_idle (f);
  g_assert_cmpfloat (gj_overview_page_get_overview (f->page)->ring_m, ==, 100);
  assert_percent (f, "grids_near_station", &narrow->grids_near_station);
}

static void
test_drill (Fixture       *f,
            gconstpointer  data)
{
  GjOverview *o = gj_overview_page_get_overview (f->page);
  GtkWidget *button = gj_overview_page_get_figure_button (f->page, "units_without_agreement");
  GjChart *chart = gj_overview_page_get_chart (f->page, "grids_by_kind");
  const GjOverviewFigure *kind = g_ptr_array_index (o->grids_by_kind, 0);
  GtkWidget *card;

  /* A figure. */
  g_assert_nonnull (button);
  /* A button shows its press a moment before it clicks. */
  g_assert_true (gtk_widget_activate (button));
  iterate (400);
  g_assert_cmpuint (f->n_drills, ==, 1);
  g_assert_true (f->drill->type == GJ_TYPE_UNIT);
  g_assert_cmpstr (f->drill->filter, ==, o->units_without_agreement.drill->filter);
  g_assert_nonnull (strstr (f->drill->filter, "has_agreement_in_force=false"));
  g_assert_cmpuint (f->drill->ids->len, ==, o->units_without_agreement.count);
  g_assert_nonnull (f->title);

  /* A bar: the grids of its kind. */
  g_signal_emit_by_name (chart, "activated", 0u, -1);
  g_assert_cmpuint (f->n_drills, ==, 2);
  g_assert_true (f->drill->type == GJ_TYPE_GRID);
  g_assert_cmpstr (f->drill->filter, ==, kind->drill->filter);
  g_assert_cmpuint (f->drill->ids->len, ==, kind->count);
  g_assert_cmpstr (f->title, ==, kind->label);

  /* A segment of the problems by colour: that colour's problems. */
  g_signal_emit_by_name (gj_overview_page_get_chart (f->page, "problems_by_colour"), "activated", 0u, 3);
  g_assert_true (f->drill->type == GJ_TYPE_PROBLEM);
  g_assert_nonnull (strstr (f->drill->filter, "colour=red"));

  /* A month of the sparkline: only meetings, of that month. */
  g_signal_emit_by_name (gj_overview_page_get_chart (f->page, "meetings_by_month"), "activated", 0u, 0);
  g_assert_true (f->drill->type == GJ_TYPE_MEETING);
  g_assert_nonnull (strstr (f->drill->filter, "-01;held=true"));

  /* Keyboard: Enter on a focused card drills into its main figure. */
  card = gtk_widget_get_ancestor (gj_overview_page_get_figure_button (f->page, "grid_coverage"), GTK_TYPE_FLOW_BOX_CHILD);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_get_focusable (card));
  gtk_widget_grab_focus (card);
  g_signal_emit_by_name (card, "activate");
  g_assert_cmpuint (f->n_drills, ==, 5);
  g_assert_true (f->drill->type == GJ_TYPE_GRID);
  g_assert_cmpuint (f->drill->ids->len, ==, o->grids.count);
}

static void
test_save_chart (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (f->dir, "grids.png", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "meetings.svg", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "chart.gif", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  GjOverview *o = gj_overview_page_get_overview (f->page);
  GjOverviewStreetMeetings *first = g_ptr_array_index (o->meetings_by_street, 0);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_true (gj_overview_page_save_chart (f->page, "grids_by_kind", png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 4, "\x89PNG", 4);
  file = g_file_new_for_path (png);
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1800);
  g_clear_pointer (&contents, g_free);

  g_assert_true (gj_overview_page_save_chart (f->page, "meetings_by_street", svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  /* The title names the scope; the description every street. */
  g_assert_nonnull (strstr (contents, o->scope_name));
  g_assert_nonnull (strstr (contents, first->street_name));
  /* The screen's title is back after saving. */
  g_assert_null (strstr (gj_chart_get_title (gj_overview_page_get_chart (f->page, "meetings_by_street")), o->scope_name));

  g_assert_false (gj_overview_page_save_chart (f->page, "grids_by_kind", bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

/* A page the window keeps hidden computes nothing until it is shown. */
static void
test_hidden (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gj-overview-hidden-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.gongjian", NULL);
  g_autoptr(GjStore) store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  Fixture f = { 0 };

  g_assert_no_error (error);
  g_assert_true (gj_sample_load (store, NULL, NULL, NULL, &error));
  f.window = gtk_window_new ();
  f.page = GJ_OVERVIEW_PAGE (gj_overview_page_new ());
  gtk_widget_set_visible (GTK_WIDGET (f.page), FALSE);
  gtk_window_set_child (GTK_WINDOW (f.window), GTK_WIDGET (f.page));
  gtk_window_present (GTK_WINDOW (f.window));
  gj_overview_page_set_store (f.page, store);
  iterate (200);
  g_assert_false (gj_overview_page_is_busy (f.page));
  g_assert_null (gj_overview_page_get_overview (f.page));

  gtk_widget_set_visible (GTK_WIDGET (f.page), TRUE);
  wait_idle (&f);
  g_assert_cmpint (gj_overview_page_get_overview (f.page)->grids.count, ==, gj_store_count (store, GJ_TYPE_GRID, NULL));
  gtk_window_destroy (GTK_WINDOW (f.window));
  iterate (20);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (path);
    g_rmdir (dir);
  }
}

/* The chart alone: drawing and picking agree. */
static void
test_chart (void)
{
  GtkWidget *window = gtk_window_new ();
  GjChart *chart = GJ_CHART (gj_chart_new (GJ_CHART_STACKED_BAR));
  const char *labels[] = { "涧西街道", "天津路街道", NULL };
  double held[] = { 10, 4 }, missed[] = { 2, 8 };
  g_autofree char *description = NULL;
  int series = -1, category;

  gj_chart_set_title (chart, "联席会议");
  gj_chart_set_categories (chart, labels);
  gj_chart_add_series (chart, "已召开", held, 2, GJ_CHART_COLOUR_GREEN);
  gj_chart_add_series (chart, "未召开", missed, 2, GJ_CHART_COLOUR_GREY);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chart));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, -1);
  gtk_window_present (GTK_WINDOW (window));
  iterate (300);

  description = gj_chart_dup_description (chart);
  g_assert_nonnull (strstr (description, "天津路街道"));
  g_assert_nonnull (strstr (description, "未召开"));
  g_assert_cmpint (gj_chart_get_preferred_height (chart), >, 2 * 20);

  /* Far right of the second row: the end of its bar, the grey part. */
  category = gj_chart_pick (chart, gtk_widget_get_width (GTK_WIDGET (chart)) - 60, 4 + 24 + 26 + 13, &series);
  g_assert_cmpint (category, ==, 1);
  g_assert_cmpint (series, ==, 1);
  category = gj_chart_pick (chart, 2, 4 + 24 + 13, &series);
  g_assert_cmpint (category, ==, 0);
  g_assert_cmpint (series, ==, -1);
  g_assert_cmpint (gj_chart_pick (chart, 2, 1000, NULL), ==, -1);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* Not isolated: GTK finds its icons through the system's MIME data. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/overview-page/chart", test_chart);
  g_test_add_func ("/overview-page/hidden", test_hidden);
  g_test_add ("/overview-page/figures", Fixture, NULL, fixture_setup, test_figures, fixture_teardown);
  g_test_add ("/overview-page/scope", Fixture, NULL, fixture_setup, test_scope, fixture_teardown);
  g_test_add ("/overview-page/ring", Fixture, NULL, fixture_setup, test_ring, fixture_teardown);
  g_test_add ("/overview-page/drill", Fixture, NULL, fixture_setup, test_drill, fixture_teardown);
  g_test_add ("/overview-page/save-chart", Fixture, NULL, fixture_setup, test_save_chart, fixture_teardown);

  return g_test_run ();
}
