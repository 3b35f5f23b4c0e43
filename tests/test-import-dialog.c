/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table import dialog as a user goes through it: a GB18030 file with a
 * title row, a bad credit code and a unit that is already stored; the
 * Columns page changing what the preview shows; an import that leaves the
 * bad row out; the failed rows saved for Excel; the mapping remembered for
 * the next file with the same columns. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gj-application.h"
#include "gj-import-dialog-private.h"
#include "gj-job.h"
#include "gj-store.h"
#include "gj-unit.h"

#define CODE_A   "91410305YPCBT5T584"
#define CODE_B   "92410302ENKNY8JG2M"
#define CODE_C   "12410304KHRWLUBR3E"
/* CODE_A with another check character. */
#define CODE_BAD "91410305YPCBT5T585"

static GjApplication *application;
static char          *dir;

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
is_idle (gpointer data)
{
  return !gj_import_dialog_is_busy (GJ_IMPORT_DIALOG (data));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static char *
write_file (const char *name,
            const char *utf8,
            const char *encoding)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;
  char *path = g_build_filename (dir, name, NULL);

  bytes = g_convert (utf8, -1, encoding, "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, bytes, (gssize) len, &error));
  g_assert_no_error (error);
  return path;
}

static GjStore *
new_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GjStore *store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static void
add_unit (GjStore    *store,
          const char *name,
          const char *credit_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) unit = gj_record_new_for_kind ("unit");

  gj_record_set_text (unit, "name", name);
  gj_record_set_text (unit, "credit_code", credit_code);
  g_assert_true (gj_store_insert (store, unit, &error));
  g_assert_no_error (error);
}

static guint
count_units (GjStore *store)
{
  g_autoptr(GListModel) units = gj_store_list (store, GJ_TYPE_UNIT, NULL);

  return g_list_model_get_n_items (units);
}

static GjRecord *
find_unit (GjStore    *store,
           const char *name)
{
  g_autoptr(GListModel) units = gj_store_list (store, GJ_TYPE_UNIT, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(GjRecord) unit = g_list_model_get_item (units, i);

      if (g_strcmp0 (gj_record_get_text (unit, "name"), name) == 0)
        return g_steal_pointer (&unit);
    }
  return NULL;
}

static GjImportDialog *
open_dialog (GjStore    *store,
             const char *path,
             const char *kind)
{
  GjImportDialog *dialog = gj_import_dialog_new (NULL, store, path, kind, NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_until (is_idle, dialog));
  return dialog;
}

static void
close_dialog (GjImportDialog *dialog)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  g_assert_true (wait_until (is_null, &weak));
}

static void
next (GjImportDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL));
  g_assert_true (wait_until (is_idle, dialog));
}

static int
column_of (GjCsvPreview *preview,
           const char   *header)
{
  for (guint c = 0; c < gj_csv_preview_get_n_columns (preview); c++)
    if (g_strcmp0 (gj_csv_preview_get_header (preview, c), header) == 0)
      return (int) c;
  return -1;
}

static gboolean
view_has_column (GtkColumnView *view,
                 const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static const char *
target_label (const char *kind,
              const char *key)
{
  guint n = 0;
  const GjCsvTarget *targets = gj_csv_kind_list_targets (kind, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (targets[i].key, key))
      return targets[i].label;
  g_assert_not_reached ();
  return NULL;
}

static void
imported_cb (GjImportDialog *dialog,
             const char     *kind,
             gpointer        user_data)
{
  guint *count = user_data;

  g_assert_cmpstr (kind, ==, "units");
  (*count)++;
}

/* A title row, a stored unit, a bad credit code and a column (情况说明)
 * the importer does not know, in the encoding older Excel writes. */
static const char units_text[] =
  "涧西区驻区单位名单（2024年度）\r\n"
  "单位名称,统一社会信用代码,单位地址,联系电话,情况说明\r\n"
  "洛阳伊滨环保科技有限公司," CODE_A ",河南省洛阳市涧西区瀛洲路260号,13800000001,原有单位\r\n"
  "洛阳甲乙商贸有限公司," CODE_B ",河南省洛阳市涧西区南昌路1号,13800000002,新加入的共建单位\r\n"
  "洛阳丙丁科技有限公司," CODE_BAD ",河南省洛阳市涧西区长安路2号,13800000003,代码抄错了\r\n"
  "洛阳市涧西区戊己社会服务中心," CODE_C ",河南省洛阳市涧西区天津路3号,13800000004,\r\n";

static void
test_import_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = new_store ("units.db");
  g_autofree char *path = write_file ("单位名单.csv", units_text, "GB18030");
  g_autofree char *failed_path = g_build_filename (dir, "failed.csv", NULL);
  g_autofree char *failed_text = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) remembered = NULL;
  g_autoptr(GjRecord) added = NULL;
  GjImportDialog *dialog;
  GjCsvPreview *preview;
  const GjCsvImportCounts *counts;
  GtkDropDown *dropdown;
  guint n_imported = 0;
  int remark_column, name_column;
  const char *subtitle;

  g_settings_reset (settings, "csv-mappings");
  add_unit (store, "洛阳伊滨环保科技有限公司", CODE_A);

  /* File and reading: the kind, the encoding and the title row found by themselves. */
  dialog = open_dialog (store, path, NULL);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &n_imported);
  g_assert_cmpstr (gj_import_dialog_get_page (dialog), ==, "file");
  g_assert_cmpstr (gj_import_dialog_get_kind (dialog), ==, "units");
  preview = gj_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpstr (gj_csv_preview_get_encoding (preview), ==, "GB18030");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (gj_import_dialog_get_encoding_row (dialog)));
  g_assert_nonnull (strstr (subtitle, "GB18030"));
  g_assert_cmpuint (gj_csv_preview_get_header_line (preview), ==, 2);
  g_assert_cmpuint (gj_csv_preview_get_n_rows (preview), ==, 4);
  g_assert_cmpuint (gj_csv_preview_get_n_failed (preview), ==, 1);
  g_assert_cmpuint (gj_csv_preview_get_n_existing (preview), ==, 1);
  g_assert_false (gj_import_dialog_get_used_remembered (dialog));

  /* Columns: 情况说明 is not known; giving it to the remark brings it into the preview. */
  next (dialog);
  g_assert_cmpstr (gj_import_dialog_get_page (dialog), ==, "mapping");
  remark_column = column_of (preview, "情况说明");
  name_column = column_of (preview, "单位名称");
  g_assert_cmpint (remark_column, ==, 4);
  g_assert_null (gj_csv_preview_get_target (preview, remark_column));
  g_assert_false (view_has_column (gj_import_dialog_get_preview_view (dialog), target_label ("units", "remark")));
  dropdown = gj_import_dialog_get_column_dropdown (dialog, remark_column);
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  gtk_drop_down_set_selected (dropdown, gj_import_dialog_target_position (dialog, "remark"));
  g_assert_true (gj_import_dialog_is_busy (dialog));
  g_assert_true (wait_until (is_idle, dialog));
  preview = gj_import_dialog_get_preview (dialog);
  g_assert_cmpstr (gj_csv_preview_get_target (preview, remark_column), ==, "remark");
  g_assert_true (view_has_column (gj_import_dialog_get_preview_view (dialog), target_label ("units", "remark")));

  /* A required field without a column keeps the user on this page. */
  dropdown = gj_import_dialog_get_column_dropdown (dialog, name_column);
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_true (wait_until (is_idle, dialog));
  g_assert_null (gj_import_dialog_get_preview (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  g_assert_cmpstr (gj_import_dialog_get_page (dialog), ==, "mapping");
  /* The row widgets may have been rebuilt: ask again. */
  dropdown = gj_import_dialog_get_column_dropdown (dialog, name_column);
  gtk_drop_down_set_selected (dropdown, gj_import_dialog_target_position (dialog, "name"));
  g_assert_true (wait_until (is_idle, dialog));
  preview = gj_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpstr (gj_csv_preview_get_target (preview, name_column), ==, "name");
  g_assert_cmpstr (gj_csv_preview_get_target (preview, remark_column), ==, "remark");

  /* Preview, then duplicates and errors: skip the stored one, leave out the bad row. */
  next (dialog);
  g_assert_cmpstr (gj_import_dialog_get_page (dialog), ==, "preview");
  next (dialog);
  g_assert_cmpstr (gj_import_dialog_get_page (dialog), ==, "options");
  gj_import_dialog_set_skip_failed (dialog, TRUE);
  next (dialog);
  g_assert_cmpstr (gj_import_dialog_get_page (dialog), ==, "result");
  counts = gj_import_dialog_get_counts (dialog);
  g_assert_nonnull (counts);
  g_assert_cmpuint (counts->created, ==, 2);
  g_assert_cmpuint (counts->skipped, ==, 1);
  g_assert_cmpuint (counts->failed, ==, 1);
  g_assert_cmpuint (counts->updated, ==, 0);
  g_assert_cmpuint (n_imported, ==, 1);
  g_assert_cmpuint (count_units (store), ==, 3);
  added = find_unit (store, "洛阳甲乙商贸有限公司");
  g_assert_nonnull (added);
  g_assert_cmpstr (gj_record_get_text (added, "remark"), ==, "新加入的共建单位");
  g_assert_null (find_unit (store, "洛阳丙丁科技有限公司"));

  /* The failed rows, for Excel: BOM, the file's columns, the reason last. */
  g_assert_true (gj_import_dialog_save_failed_to (dialog, failed_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (failed_path, &failed_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (failed_text, "\xEF\xBB\xBF单位名称,统一社会信用代码,单位地址,联系电话,情况说明,"));
  g_assert_nonnull (strstr (failed_text, "洛阳丙丁科技有限公司," CODE_BAD));
  g_assert_null (strstr (failed_text, "洛阳甲乙商贸有限公司"));
  {
    g_auto(GStrv) lines = g_strsplit (failed_text, "\r\n", -1);

    /* Header, one row, and the empty string after the last line break. */
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    g_assert_nonnull (strstr (lines[1], "line 5"));
  }
  close_dialog (dialog);

  /* The mapping is remembered for these columns… */
  remembered = g_settings_get_value (settings, "csv-mappings");
  g_assert_cmpuint (g_variant_n_children (remembered), ==, 1);

  /* …and applied to the next file with them, in whatever order. */
  {
    g_autofree char *again_path = write_file ("again.csv",
                                              "联系电话,情况说明,单位名称,统一社会信用代码\r\n"
                                              "13800000005,第二批,洛阳庚辛印刷厂," CODE_A "\r\n",
                                              "UTF-8");
    g_autofree char *same_columns = write_file ("same.csv",
                                                "单位名称,统一社会信用代码,单位地址,联系电话,情况说明\r\n"
                                                "洛阳庚辛印刷厂,,洛阳,13800000005,第二批\r\n",
                                                "UTF-8");

    dialog = open_dialog (store, same_columns, "units");
    preview = gj_import_dialog_get_preview (dialog);
    g_assert_true (gj_import_dialog_get_used_remembered (dialog));
    g_assert_cmpstr (gj_csv_preview_get_target (preview, column_of (preview, "情况说明")), ==, "remark");
    dropdown = gj_import_dialog_get_column_dropdown (dialog, column_of (preview, "情况说明"));
    g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, gj_import_dialog_target_position (dialog, "remark"));
    close_dialog (dialog);

    /* Other columns: only the automatic mapping. */
    dialog = open_dialog (store, again_path, "units");
    preview = gj_import_dialog_get_preview (dialog);
    g_assert_false (gj_import_dialog_get_used_remembered (dialog));
    g_assert_null (gj_csv_preview_get_target (preview, column_of (preview, "情况说明")));
    close_dialog (dialog);
  }
}

/* "Refuse the whole file": one bad row and nothing is written. */
static void
test_refuse (void)
{
  g_autoptr(GjStore) store = new_store ("refuse.db");
  g_autofree char *path = write_file ("refuse.csv", units_text, "GB18030");
  GjImportDialog *dialog;

  add_unit (store, "洛阳伊滨环保科技有限公司", CODE_A);
  dialog = open_dialog (store, path, NULL);
  next (dialog);
  next (dialog);
  next (dialog);
  g_assert_cmpstr (gj_import_dialog_get_page (dialog), ==, "options");
  gj_import_dialog_set_skip_failed (dialog, FALSE);
  next (dialog);
  g_assert_cmpstr (gj_import_dialog_get_page (dialog), ==, "result");
  g_assert_null (gj_import_dialog_get_counts (dialog));
  g_assert_cmpuint (count_units (store), ==, 1);
  /* Back to the choices, to try again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL));
  g_assert_cmpstr (gj_import_dialog_get_page (dialog), ==, "options");
  close_dialog (dialog);
}

/* The kind comes from the headers. */
static void
test_guess_kind (void)
{
  g_autoptr(GjStore) store = new_store ("guess.db");
  g_autofree char *path = write_file ("agreements.csv",
                                      "协议编号,协议名称,单位名称,社区,签订日期,开始日期,结束日期\r\n"
                                      "JX-1,甲社区与甲公司共建协议,甲公司,甲社区,2024-01-02,2024-01-02,2025-01-01\r\n",
                                      "UTF-8");
  GjImportDialog *dialog = open_dialog (store, path, NULL);

  g_assert_cmpstr (gj_import_dialog_get_kind (dialog), ==, "agreements");
  g_assert_true (gj_import_dialog_handles ("/tmp/x.CSV", "auto"));
  g_assert_true (gj_import_dialog_handles ("/tmp/x.tsv", NULL));
  g_assert_false (gj_import_dialog_handles ("/tmp/x.geojson", NULL));
  g_assert_false (gj_import_dialog_handles ("/tmp/x.csv", "meetings"));
  close_dialog (dialog);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  static const char * const xdg_homes[] = {
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  int status;

  dir = g_dir_make_tmp ("gongjian-test-import-XXXXXX", &error);
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

  g_test_add_func ("/import-dialog/import", test_import_dialog);
  g_test_add_func ("/import-dialog/refuse", test_refuse);
  g_test_add_func ("/import-dialog/guess-kind", test_guess_kind);

  status = g_test_run ();

  g_clear_object (&application);
  rm_rf (dir);
  g_free (dir);
  return status;
}
