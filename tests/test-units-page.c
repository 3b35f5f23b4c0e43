/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "gj-application.h"
#include "gj-job.h"
#include "gj-record-table-private.h"
#include "gj-sample.h"
#include "gj-store-units.h"
#include "gj-units-page-private.h"
#include "gj-window-private.h"

/* The sample district, built once; each test works on its own copy. */
static char          *sample_path;
static GjApplication *application;

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

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
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

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

/* The window on a copy of the sample, showing the Units page. */
static GjWindow *
open_units (const char   *path,
            GjUnitsPage **page)
{
  g_autoptr(GError) error = NULL;
  GjWindow *window = gj_window_new (GTK_APPLICATION (application));

  g_assert_true (gj_window_open (window, path, GJ_WINDOW_OPEN_DEFAULT, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (is_mapped, window));
  adw_view_stack_set_visible_child_name (gj_window_get_view_stack (window), "units");
  *page = gj_window_get_units_page (window);
  g_assert_nonnull (*page);
  g_assert_true (wait_until (is_mapped, *page));
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

static GjRecord *
model_item (GListModel *model,
            guint       i)
{
  return g_list_model_get_item (model, i);
}

/* A unit picked in the table opens in the form; a new name is saved, a
 * credit code with a wrong check character is refused and said, and
 * Ctrl+Z takes the name back. */
static void
test_units_edit (void)
{
  g_autofree char *path = copy_sample ("units-edit.db");
  g_autoptr(GDate) today = gj_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) unit = NULL;
  g_autoptr(GjRecord) stored = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *old_code = NULL;
  GjUnitsPage *page;
  GjWindow *window = open_units (path, &page);
  GjStore *store = gj_window_get_store (window);
  GjRecordTable *table = gj_units_page_get_table (page, GJ_TYPE_UNIT);
  GjUnitPanel *panel = gj_units_page_get_unit_panel (page);
  GjRecordForm *form = gj_unit_panel_get_form (panel);
  GtkWidget *row;

  g_assert_true (wait_until (has_rows, table));
  /* A unit to check again (never verified, or over a year ago), with a
   * credit code. */
  {
    GListModel *model = gj_record_table_get_model (table);

    for (guint i = 0; unit == NULL && i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(GjRecord) candidate = model_item (model, i);

        if (gj_unit_is_stale (candidate, today) && gj_record_get_text (candidate, "credit_code") != NULL)
          unit = g_steal_pointer (&candidate);
      }
    g_assert_nonnull (unit);
  }
  old_name = g_strdup (gj_record_get_text (unit, "name"));
  old_code = g_strdup (gj_record_get_text (unit, "credit_code"));
  g_assert_nonnull (old_code);

  g_assert_true (gj_record_table_select_id (table, gj_record_get_id (unit)));
  g_assert_true (gj_record_table_get_selected (table) != NULL);
  g_assert_cmpint (gj_record_get_id (gj_unit_panel_get_record (panel)), ==, gj_record_get_id (unit));
  row = gj_record_form_get_row (form, "name");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, old_name);

  gtk_editable_set_text (GTK_EDITABLE (row), "洛阳测试改名有限公司");
  g_signal_emit_by_name (row, "apply");
  stored = gj_store_get (store, GJ_TYPE_UNIT, gj_record_get_id (unit), &error);
  g_assert_cmpstr (gj_record_get_text (stored, "name"), ==, "洛阳测试改名有限公司");
  g_clear_object (&stored);
  /* The table reads the row again and keeps it selected. */
  g_assert_cmpstr (gj_record_get_text (gj_record_table_get_selected (table), "name"), ==, "洛阳测试改名有限公司");

  /* The last character of a credit code is a check character. */
  row = gj_record_form_get_row (form, "credit_code");
  {
    g_autofree char *wrong = g_strdup (old_code);

    wrong[17] = wrong[17] == '0' ? '1' : '0';
    gtk_editable_set_text (GTK_EDITABLE (row), wrong);
  }
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));
  stored = gj_store_get (store, GJ_TYPE_UNIT, gj_record_get_id (unit), &error);
  g_assert_cmpstr (gj_record_get_text (stored, "credit_code"), ==, old_code);
  g_clear_object (&stored);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  stored = gj_store_get (store, GJ_TYPE_UNIT, gj_record_get_id (unit), &error);
  g_assert_cmpstr (gj_record_get_text (stored, "name"), ==, old_name);
  g_clear_object (&stored);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gj_record_form_get_row (form, "name"))), ==, old_name);

  /* "Verified today" takes the unit off the list of those to check. */
  g_assert_true (gj_unit_is_stale (unit, today));
  gtk_widget_activate_action (GTK_WIDGET (page), "units.verified-today", NULL);
  stored = gj_store_get (store, GJ_TYPE_UNIT, gj_record_get_id (unit), &error);
  g_assert_false (gj_unit_is_stale (stored, today));
  g_clear_object (&stored);

  /* Delete goes to the trash, undo brings it back. */
  gtk_widget_activate_action (GTK_WIDGET (page), "units.delete", NULL);
  g_assert_null (gj_store_get (store, GJ_TYPE_UNIT, gj_record_get_id (unit), NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  stored = gj_store_get (store, GJ_TYPE_UNIT, gj_record_get_id (unit), &error);
  g_assert_nonnull (stored);

  close_window (window);
  gj_remove_database_files (path);
}

/* A street chosen and a search typed: exactly the units of that street
 * whose text holds it. */
static void
test_units_filter (void)
{
  g_autofree char *path = copy_sample ("units-filter.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) streets = NULL;
  g_autoptr(GjRecord) street = NULL;
  g_autoptr(GListModel) found = NULL;
  GjUnitsPage *page;
  GjWindow *window = open_units (path, &page);
  GjStore *store = gj_window_get_store (window);
  GjRecordTable *table = gj_units_page_get_table (page, GJ_TYPE_UNIT);
  GListModel *shown = gj_record_table_get_model (table);
  guint expected = 0, n_all;

  g_assert_true (wait_until (has_rows, table));
  n_all = gj_record_table_get_n_items (table);
  g_assert_cmpuint (n_all, ==, 486);

  streets = gj_store_list (store, GJ_TYPE_STREET, &error);
  street = g_list_model_get_item (streets, 0);
  gj_units_page_filter_units (page, gj_record_get_id (street), NULL, FALSE);
  gj_record_table_search (table, "洛阳");
  found = gj_store_search (store, GJ_TYPE_UNIT, "洛阳", &error);
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(GjRecord) unit = g_list_model_get_item (found, i);

      if (gj_record_get_int (unit, "street_id") == gj_record_get_id (street))
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GjRecord) unit = g_list_model_get_item (shown, i);

      g_assert_cmpint (gj_record_get_int (unit, "street_id"), ==, gj_record_get_id (street));
    }

  /* A kind on top narrows it further; everything again without filters. */
  gj_units_page_filter_units (page, gj_record_get_id (street), "学校", FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GjRecord) unit = g_list_model_get_item (shown, i);

      g_assert_cmpstr (gj_record_get_text (unit, "kind"), ==, "学校");
    }
  gj_units_page_filter_units (page, 0, NULL, FALSE);
  gj_record_table_search (table, "");
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, n_all);

  close_window (window);
  gj_remove_database_files (path);
}

/* "Expiring soon" keeps the agreements ending within 60 days, all of them. */
static void
test_agreements_expiring (void)
{
  g_autofree char *path = copy_sample ("agreements-expiring.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) expiring = NULL;
  g_autoptr(GDate) today = gj_today ();
  GjUnitsPage *page;
  GjWindow *window = open_units (path, &page);
  GjStore *store = gj_window_get_store (window);
  GjAgreementsView *view = gj_units_page_get_agreements_view (page);
  GjRecordTable *table = gj_agreements_view_get_table (view);
  GListModel *shown = gj_record_table_get_model (table);
  guint n_all;

  gtk_stack_set_visible_child_name (gj_units_page_get_stack (page), "agreements");
  g_assert_true (wait_until (has_rows, table));
  n_all = gj_record_table_get_n_items (table);
  expiring = gj_store_list_agreements_by_status (store, GJ_AGREEMENT_EXPIRING, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (expiring), >, 0);

  gj_agreements_view_filter (view, 0, -1, TRUE);
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, g_list_model_get_n_items (expiring));
  g_assert_cmpuint (gj_record_table_get_n_items (table), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GjRecord) agreement = g_list_model_get_item (shown, i);

      g_assert_cmpint (gj_agreement_get_status (GJ_AGREEMENT (agreement), today), ==, GJ_AGREEMENT_EXPIRING);
    }

  gj_agreements_view_filter (view, 0, -1, FALSE);
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, n_all);
  close_window (window);
  gj_remove_database_files (path);
}

/* A commitment added in the form is stored with its side; undo removes it. */
static void
test_agreements_commitment (void)
{
  g_autofree char *path = copy_sample ("agreements-commitment.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) agreement = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GListModel) undone = NULL;
  GjUnitsPage *page;
  GjWindow *window = open_units (path, &page);
  GjStore *store = gj_window_get_store (window);
  GjAgreementsView *view = gj_units_page_get_agreements_view (page);
  GjRecordTable *table = gj_agreements_view_get_table (view);
  GjAgreementPanel *panel = gj_agreements_view_get_panel (view);
  guint n;

  gtk_stack_set_visible_child_name (gj_units_page_get_stack (page), "agreements");
  g_assert_true (wait_until (has_rows, table));
  agreement = model_item (gj_record_table_get_model (table), 0);
  gj_agreements_view_show (view, gj_record_get_id (agreement));
  g_assert_cmpint (gj_record_get_id (gj_agreement_panel_get_record (panel)), ==, gj_record_get_id (agreement));

  before = gj_store_list_commitments (store, agreement, &error);
  n = g_list_model_get_n_items (before);
  g_assert_true (gj_agreement_panel_add_commitment (panel, "community", "提供活动场地"));
  after = gj_store_list_commitments (store, agreement, &error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, n + 1);
  g_assert_cmpuint (g_list_model_get_n_items (gj_agreement_panel_get_commitments (panel)), ==, n + 1);
  {
    g_autoptr(GjRecord) added = g_list_model_get_item (after, n);

    g_assert_cmpstr (gj_record_get_text (added, "side"), ==, "community");
    g_assert_cmpstr (gj_record_get_text (added, "content"), ==, "提供活动场地");
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  undone = gj_store_list_commitments (store, agreement, &error);
  g_assert_cmpuint (g_list_model_get_n_items (undone), ==, n);

  close_window (window);
  gj_remove_database_files (path);
}

/* An open need beside a resource of the same category in the same grid:
 * the matching offers it "same grid", and Claim matches both. */
static void
test_lists_claim (void)
{
  g_autofree char *path = copy_sample ("lists-claim.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GjRecord) need = GJ_RECORD (gj_list_item_new ());
  g_autoptr(GjRecord) offer = GJ_RECORD (gj_list_item_new ());
  g_autoptr(GjRecord) grid = NULL;
  g_autoptr(GjRecord) stored = NULL;
  GjUnitsPage *page;
  GjWindow *window;
  GjListsView *view;
  GListModel *matches;
  gboolean found = FALSE;

  store = gj_store_open (path, GJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  grid = gj_store_find_by_code (store, GJ_TYPE_GRID, "410305001002-004", &error);
  g_assert_nonnull (grid);
  gj_record_set_text (need, "list", "need");
  gj_record_set_text (need, "title", "老年人助餐");
  gj_record_set_text (need, "category", "为老服务");
  gj_record_set_int (need, "grid_id", gj_record_get_id (grid));
  gj_record_set_text (offer, "list", "resource");
  gj_record_set_text (offer, "title", "单位食堂向老人开放");
  gj_record_set_text (offer, "category", "为老服务");
  gj_record_set_int (offer, "grid_id", gj_record_get_id (grid));
  g_assert_true (gj_store_insert (store, need, &error));
  g_assert_true (gj_store_insert (store, offer, &error));
  g_clear_object (&store);

  window = open_units (path, &page);
  view = gj_units_page_get_lists_view (page);
  gtk_stack_set_visible_child_name (gj_units_page_get_stack (page), "lists");
  gj_lists_view_show_matching (view, TRUE);
  g_assert_nonnull (gj_lists_view_get_needs (view));
  g_assert_true (gj_lists_view_select_need (view, gj_record_get_id (need)));
  matches = gj_lists_view_get_matches (view);
  g_assert_nonnull (matches);
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(GjListMatch) match = g_list_model_get_item (matches, i);

      if (gj_record_get_id (GJ_RECORD (gj_list_match_get_item (match))) == gj_record_get_id (offer))
        {
          found = TRUE;
          g_assert_cmpint (gj_list_match_get_level (match), ==, GJ_MATCH_SAME_GRID);
        }
    }
  g_assert_true (found);

  gtk_widget_activate_action (GTK_WIDGET (view), "lists.claim", "x", gj_record_get_id (offer));
  stored = gj_store_get (gj_window_get_store (window), GJ_TYPE_LIST_ITEM, gj_record_get_id (need), &error);
  g_assert_cmpint (gj_list_item_get_status (GJ_LIST_ITEM (stored)), ==, GJ_LIST_ITEM_MATCHED);
  g_assert_cmpint (gj_record_get_int (stored, "matched_item_id"), ==, gj_record_get_id (offer));
  g_clear_object (&stored);
  /* A matched need is no longer open. */
  for (guint i = 0; i < g_list_model_get_n_items (gj_lists_view_get_needs (view)); i++)
    {
      g_autoptr(GjListMatch) open = g_list_model_get_item (gj_lists_view_get_needs (view), i);

      g_assert_cmpint (gj_record_get_id (GJ_RECORD (gj_list_match_get_item (open))), !=, gj_record_get_id (need));
    }

  close_window (window);
  gj_remove_database_files (path);
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

  dir = g_dir_make_tmp ("gongjian-test-units-XXXXXX", &error);
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

  g_test_add_func ("/units-page/edit", test_units_edit);
  g_test_add_func ("/units-page/filter", test_units_filter);
  g_test_add_func ("/units-page/expiring", test_agreements_expiring);
  g_test_add_func ("/units-page/commitment", test_agreements_commitment);
  g_test_add_func ("/units-page/claim", test_lists_claim);

  status = g_test_run ();

  g_clear_object (&application);
  gj_remove_database_files (sample_path);
  g_free (sample_path);
  rm_rf (dir);

  return status;
}
