/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The echo wall's documents and the problem sheet's round trip. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gj-echo-docs.h"
#include "gj-io.h"
#include "gj-problem-sheet.h"
#include "gj-records.h"
#include "gj-store-echo.h"
#include "gj-store-problems.h"

typedef struct
{
  char    *dir;
  GjStore *store;
  gint64   unit_id;
  gint64   grid_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GjRecord) unit = GJ_RECORD (gj_unit_new ());
  g_autoptr(GjRecord) street = GJ_RECORD (gj_street_new ());
  g_autoptr(GjRecord) grid = GJ_RECORD (gj_grid_new ());
  g_autoptr(GjGeometry) shape = gj_geometry_new (GJ_GEOMETRY_POLYGON);

  gj_geometry_begin_polygon (shape);
  gj_geometry_begin_ring (shape);
  gj_geometry_add_point (shape, 112.40, 34.60);
  gj_geometry_add_point (shape, 112.41, 34.60);
  gj_geometry_add_point (shape, 112.41, 34.61);
  gj_geometry_add_point (shape, 112.40, 34.61);
  gj_geometry_add_point (shape, 112.40, 34.60);

  f->dir = g_dir_make_tmp ("gj-test-problem-docs-XXXXXX", NULL);
  path = g_build_filename (f->dir, "p.db", NULL);
  f->store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  gj_record_set_text (unit, "name", "洛阳市第二人民医院");
  g_assert_true (gj_store_insert (f->store, unit, &error));
  f->unit_id = gj_record_get_id (unit);
  gj_record_set_text (street, "name", "湖北路街道");
  g_assert_true (gj_store_insert (f->store, street, &error));
  gj_record_set_text (grid, "code", "410305001001-001");
  gj_record_set_int (grid, "street_id", gj_record_get_id (street));
  gj_record_set_geometry (grid, "geometry", shape);
  g_assert_true (gj_store_insert (f->store, grid, &error));
  g_assert_no_error (error);
  f->grid_id = gj_record_get_id (grid);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GjRecord *
new_problem (Fixture    *f,
             const char *title,
             const char *status,
             const char *deadline)
{
  g_autoptr(GError) error = NULL;
  GjRecord *p = GJ_RECORD (gj_problem_new ());

  gj_record_set_text (p, "title", title);
  gj_record_set_text (p, "status", status);
  gj_record_set_int (p, "grid_id", f->grid_id);
  gj_record_set_int (p, "lead_unit_id", f->unit_id);
  gj_record_set_text (p, "measures", "设置提示牌，每周巡查一次");
  if (deadline != NULL)
    gj_record_set_text (p, "deadline", deadline);
  g_assert_true (gj_store_insert (f->store, p, &error));
  g_assert_no_error (error);
  /* Read back: the derived fields (the unit's name) come with it. */
  {
    GjRecord *stored = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (p), &error);

    g_assert_no_error (error);
    g_object_unref (p);
    return stored;
  }
}

static guint
n_notes (Fixture  *f,
         GjRecord *problem)
{
  g_autoptr(GListModel) notes = gj_store_problem_list_notes (f->store, problem, NULL);

  return g_list_model_get_n_items (notes);
}

static void
test_poster (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) p = new_problem (f, "楼道堆物占用消防通道", "in_progress", "2025-07-15");
  g_autoptr(GjRecord) entry = NULL;
  g_autoptr(GjEchoPoster) poster = NULL;
  g_autoptr(GjEchoList) list = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "poster.pdf", NULL);
  g_autofree char *list_pdf = g_build_filename (f->dir, "list.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  /* Not resolved yet: no poster. */
  poster = gj_echo_poster_load (f->store, p, &error);
  g_assert_null (poster);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (gj_store_problem_move (f->store, p, GJ_PROBLEM_RESOLVED, NULL, NULL, &error));
  entry = gj_store_problem_publish (f->store, p, "楼道杂物已全部清理，消防通道恢复畅通。", "2025-07-20", "公告栏", &error);
  g_assert_no_error (error);
  poster = gj_echo_poster_load (f->store, p, &error);
  g_assert_no_error (error);

  text = gj_echo_poster_dup_text (poster);
  g_assert_nonnull (strstr (text, "楼道堆物占用消防通道"));
  g_assert_nonnull (strstr (text, "消防通道恢复畅通"));
  g_assert_nonnull (strstr (text, "湖北路街道"));
  g_assert_nonnull (strstr (text, "公告栏"));
  g_assert_nonnull (strstr (text, "洛阳市第二人民医院"));
  g_assert_null (strchr (text, '<'));

  g_assert_true (gj_echo_poster_write_pdf (poster, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  list = gj_echo_list_load (f->store, 0, "2025-07-01", "2025-07-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gj_echo_list_get_n_entries (list), ==, 1);
  g_assert_true (gj_echo_list_write_pdf (list, list_pdf, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GjEchoList) empty = gj_echo_list_load (f->store, 0, "2024-01-01", "2024-12-31", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (gj_echo_list_get_n_entries (empty), ==, 0);
  }

  if (pdftotext == NULL)
    {
      g_test_message ("pdftotext is not installed: the PDF's text is not checked");
      return;
    }
  {
    const char *argv[] = { pdftotext, pdf, "-", NULL };
    const char *argv2[] = { pdftotext, list_pdf, "-", NULL };
    g_autofree char *out = NULL;
    g_autofree char *out2 = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (out, "楼道堆物占用消防通道"));
    g_assert_nonnull (strstr (out, "湖北路街道"));
    g_assert_nonnull (strstr (out, "消防通道恢复畅通"));
    g_assert_true (g_spawn_sync (NULL, (char **) argv2, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out2, NULL, &status, &error));
    g_assert_nonnull (strstr (out2, "楼道堆物占用消防通道"));
  }
}

/* The exported CSV with the cell @from replaced by @to in the row of @uuid. */
static char *
edit_row (const char *csv,
          const char *uuid,
          const char *from,
          const char *to)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], uuid) != NULL)
      {
        g_auto(GStrv) parts = g_strsplit (lines[i], from, 2);

        g_assert_nonnull (parts[1]);
        g_free (lines[i]);
        lines[i] = g_strjoin (to, parts[0], parts[1], NULL);
      }
  return g_strjoinv ("\r\n", lines);
}

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) a = new_problem (f, "停车位不足", "assigned", "2025-08-01");
  g_autoptr(GjRecord) b = new_problem (f, "=HYPERLINK(\"x\") 路灯不亮", "assigned", "2025-08-02");
  g_autoptr(GjRecord) done = new_problem (f, "已办结的问题", "resolved", "2025-06-01");
  g_autofree char *path = g_build_filename (f->dir, "problems.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *edited2 = NULL;
  g_autoptr(GjProblemSheet) sheet = NULL;
  g_autoptr(GjRecord) a2 = NULL;
  g_autoptr(GjRecord) b2 = NULL;
  guint n = 0, notes_b = n_notes (f, b);

  g_assert_true (gj_problem_sheet_export (f->store, path, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK"));
  g_assert_null (strstr (csv, "已办结的问题"));

  /* Read back as it is: nothing changes. */
  sheet = gj_problem_sheet_read (f->store, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gj_problem_sheet_get_n_rows (sheet), ==, 2);
  g_assert_cmpuint (gj_problem_sheet_count (sheet, GJ_SHEET_ROW_UNCHANGED), ==, 2);
  g_clear_pointer (&sheet, gj_problem_sheet_free);

  /* One row moves on with a note, the other stays. */
  edited = edit_row (csv, gj_record_get_uuid (a), ",Assigned,", ",整改中,");
  edited2 = g_strdup (edited);
  g_clear_pointer (&edited, g_free);
  {
    /* The last column but one is the new note. */
    g_auto(GStrv) lines = g_strsplit (edited2, "\r\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], gj_record_get_uuid (a)) != NULL)
        {
          char *p = strrchr (lines[i], ',');
          g_autofree char *tail = g_strdup (p);

          *p = '\0';
          g_assert_true (g_str_has_suffix (lines[i], ","));
          p = g_strconcat (lines[i], "已约谈物业", tail, NULL);
          g_free (lines[i]);
          lines[i] = p;
        }
    edited = g_strjoinv ("\r\n", lines);
  }
  g_assert_true (g_file_set_contents (path, edited, -1, &error));
  sheet = gj_problem_sheet_read (f->store, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gj_problem_sheet_count (sheet, GJ_SHEET_ROW_CHANGED), ==, 1);
  g_assert_cmpuint (gj_problem_sheet_count (sheet, GJ_SHEET_ROW_UNCHANGED), ==, 1);
  for (guint i = 0; i < gj_problem_sheet_get_n_rows (sheet); i++)
    {
      const GjSheetRow *row = gj_problem_sheet_get_row (sheet, i);

      if (row->state == GJ_SHEET_ROW_CHANGED)
        {
          g_assert_cmpstr (row->uuid, ==, gj_record_get_uuid (a));
          g_assert_cmpint (row->changes, ==, GJ_SHEET_CHANGE_STATUS | GJ_SHEET_CHANGE_NOTE);
        }
    }
  g_assert_true (gj_problem_sheet_apply (sheet, f->store, "测试", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  a2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (a), &error);
  b2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (b), &error);
  g_assert_cmpint (gj_problem_get_status (a2), ==, GJ_PROBLEM_IN_PROGRESS);
  g_assert_cmpuint (n_notes (f, a2), ==, 2);
  g_assert_cmpint (gj_problem_get_status (b2), ==, GJ_PROBLEM_ASSIGNED);
  g_assert_cmpuint (n_notes (f, b2), ==, notes_b);
  g_assert_cmpstr (gj_record_get_updated_at (b2), ==, gj_record_get_updated_at (b));

  /* The same file from Excel on Chinese Windows: GB18030, no BOM. */
  {
    g_autofree char *gb = g_convert (edited + 3, -1, "GB18030", "UTF-8", NULL, NULL, &error);
    g_autofree char *back = g_build_filename (f->dir, "gb.csv", NULL);
    g_autofree char *again = edit_row (edited, gj_record_get_uuid (a), "整改中", "已解决");
    g_autofree char *gb2 = g_convert (again + 3, -1, "GB18030", "UTF-8", NULL, NULL, &error);
    g_autoptr(GjProblemSheet) gsheet = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (gb);
    g_assert_true (g_file_set_contents (back, gb2, -1, &error));
    gsheet = gj_problem_sheet_read (f->store, back, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (gj_problem_sheet_get_encoding (gsheet), ==, "GB18030");
    g_assert_cmpuint (gj_problem_sheet_count (gsheet, GJ_SHEET_ROW_CHANGED), ==, 1);
    g_assert_cmpuint (gj_problem_sheet_count (gsheet, GJ_SHEET_ROW_REFUSED), ==, 0);
    g_assert_true (gj_problem_sheet_apply (gsheet, f->store, NULL, &n, &error));
    g_assert_no_error (error);
    g_clear_object (&a2);
    a2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (a), &error);
    g_assert_cmpint (gj_problem_get_status (a2), ==, GJ_PROBLEM_RESOLVED);
  }

  /* XLSX goes out (a zip) … */
  {
    g_autofree char *xlsx = g_build_filename (f->dir, "problems.xlsx", NULL);
    g_autofree char *bytes = NULL;
    gsize len;

    g_assert_true (gj_problem_sheet_export (f->store, xlsx, TRUE, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 3);
    g_assert_true (g_file_get_contents (xlsx, &bytes, &len, NULL));
    g_assert_true (len > 4 && memcmp (bytes, "PK", 2) == 0);
    /* … and is refused on the way back, saying what to do. */
    g_assert_null (gj_problem_sheet_read (f->store, xlsx, NULL, &error));
    g_assert_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_FORMAT);
  }
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) reg = new_problem (f, "刚登记的问题", "registered", "2025-08-01");
  g_autoptr(GjRecord) ok = new_problem (f, "正常推进的问题", "assigned", "2025-08-01");
  g_autofree char *path = g_build_filename (f->dir, "problems.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *step1 = NULL;
  g_autofree char *step2 = NULL;
  g_autoptr(GjProblemSheet) sheet = NULL;
  g_autoptr(GjRecord) reg2 = NULL;
  g_autoptr(GjRecord) ok2 = NULL;
  guint n;

  g_assert_true (gj_problem_sheet_export (f->store, path, FALSE, &n, &error));
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  /* An illegal move (registered → resolved), and a deadline moved
   * without the reason; plus a legal change that must not be written
   * either: all or nothing. */
  step1 = edit_row (csv, gj_record_get_uuid (reg), ",Registered,", ",已解决,");
  step2 = edit_row (step1, gj_record_get_uuid (ok), ",2025-08-01,", ",2025-09-01,");
  g_assert_true (g_file_set_contents (path, step2, -1, &error));

  sheet = gj_problem_sheet_read (f->store, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gj_problem_sheet_count (sheet, GJ_SHEET_ROW_REFUSED), ==, 2);
  for (guint i = 0; i < gj_problem_sheet_get_n_rows (sheet); i++)
    {
      const GjSheetRow *row = gj_problem_sheet_get_row (sheet, i);

      g_assert_nonnull (row->reason);
      if (g_strcmp0 (row->uuid, gj_record_get_uuid (reg)) == 0)
        g_assert_nonnull (strstr (row->reason, "assigned"));
      else
        g_assert_nonnull (strstr (row->reason, "reason"));
    }
  g_assert_false (gj_problem_sheet_apply (sheet, f->store, NULL, &n, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  reg2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (reg), &error);
  ok2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (ok), &error);
  g_assert_cmpint (gj_problem_get_status (reg2), ==, GJ_PROBLEM_REGISTERED);
  g_assert_cmpstr (gj_record_get_text (ok2, "deadline"), ==, "2025-08-01");
  g_assert_cmpstr (gj_record_get_updated_at (reg2), ==, gj_record_get_updated_at (reg));
  g_assert_cmpuint (n_notes (f, reg2), ==, 0);

  /* The store refuses the same move and writes nothing. */
  g_assert_false (gj_store_problem_move (f->store, reg2, GJ_PROBLEM_RESOLVED, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&reg2);
  reg2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (reg), &error);
  g_assert_cmpint (gj_problem_get_status (reg2), ==, GJ_PROBLEM_REGISTERED);
  g_assert_cmpuint (n_notes (f, reg2), ==, 0);
}

static void
test_pins_and_places (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) p = new_problem (f, "逾期的问题", "assigned", "2020-01-01");
  g_autoptr(GArray) pins = gj_store_problem_dup_pins (f->store, NULL, &error);
  g_autoptr(GHashTable) places = gj_store_problem_dup_places (f->store, &error);
  gint64 id = gj_record_get_id (p);
  GjProblemPlace *place;

  g_assert_no_error (error);
  g_assert_cmpuint (pins->len, ==, 1);
  g_assert_cmpint (g_array_index (pins, GjProblemPin, 0).colour, ==, GJ_DEADLINE_RED);
  g_assert_cmpfloat_with_epsilon (g_array_index (pins, GjProblemPin, 0).lon, 112.405, 1e-6);
  place = g_hash_table_lookup (places, &id);
  g_assert_nonnull (place);
  g_assert_cmpstr (place->street_name, ==, "湖北路街道");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GONGJIAN_TODAY", "2025-07-10", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/problem-docs/poster", Fixture, NULL, fixture_setup, test_poster, fixture_teardown);
  g_test_add ("/problem-docs/csv-round-trip", Fixture, NULL, fixture_setup, test_csv_round_trip, fixture_teardown);
  g_test_add ("/problem-docs/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/problem-docs/pins", Fixture, NULL, fixture_setup, test_pins_and_places, fixture_teardown);
  return g_test_run ();
}
