/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The echo wall's documents and the problem sheet's round trip. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gj-echo-docs.h"
#include "gj-io.h"
#include "gj-problem-sheet.h"
#include "gj-records.h"
#include "gj-store-echo.h"
#include "gj-store-problems.h"
#include "gj-xlsx-read.h"

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
    /* … and comes back as it went: the date cells read as the same days. */
    g_clear_pointer (&sheet, gj_problem_sheet_free);
    sheet = gj_problem_sheet_read (f->store, xlsx, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (gj_problem_sheet_get_n_rows (sheet), ==, 3);
    g_assert_cmpuint (gj_problem_sheet_count (sheet, GJ_SHEET_ROW_UNCHANGED), ==, 3);
    g_assert_cmpstr (gj_problem_sheet_get_encoding (sheet), ==, "UTF-8");
    g_clear_pointer (&sheet, gj_problem_sheet_free);
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

/* ---- .xlsx read back ------------------------------------------------------------ */

/* Opens @in with openpyxl, sets cells and saves @out, as a user saving
 * from Excel would: each edit is a UUID, a column title and the new value
 * ("date:YYYY-MM-DD" makes a real date cell). Prints each edited row's
 * number. */
static const char edit_script[] =
  "import sys, datetime, openpyxl\n"
  "src, dst = sys.argv[1], sys.argv[2]\n"
  "wb = openpyxl.load_workbook(src)\n"
  "ws = wb.worksheets[0]\n"
  "head = {c.value: c.column for c in ws[1] if c.value is not None}\n"
  "args = sys.argv[3:]\n"
  "for i in range(0, len(args), 3):\n"
  "    uuid, column, value = args[i:i + 3]\n"
  "    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, head['UUID']).value == uuid)\n"
  "    cell = ws.cell(row, head[column])\n"
  "    if value.startswith('date:'):\n"
  "        cell.value = datetime.date.fromisoformat(value[5:])\n"
  "        cell.number_format = 'yyyy/m/d'\n"
  "    else:\n"
  "        cell.value = value\n"
  "    print(row)\n"
  "wb.save(dst)\n";

static char *
find_python (void)
{
  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup ("/usr/bin/python3");
  return g_find_program_in_path ("python3");
}

static gboolean
have_openpyxl (void)
{
  g_autofree char *python = find_python ();
  const char *argv[] = { python, "-c", "import openpyxl", NULL };
  int status = -1;

  if (python == NULL)
    return FALSE;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* Runs the edit script; returns the row number of the last edit. */
static guint
excel_edit (const char  *in,
            const char  *out,
            const char **edits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *python = find_python ();
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  guint n;

  g_ptr_array_add (argv, python);
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, (char *) edit_script);
  g_ptr_array_add (argv, (char *) in);
  g_ptr_array_add (argv, (char *) out);
  for (guint i = 0; edits[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) edits[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text,
                               &stderr_text, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the openpyxl edit failed: %s", stderr_text);
  lines = g_strsplit (g_strstrip (stdout_text), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 0);
  return (guint) g_ascii_strtoull (lines[n - 1], NULL, 10);
}

static gboolean
has_note (Fixture    *f,
          GjRecord   *problem,
          const char *text)
{
  g_autoptr(GListModel) notes = gj_store_problem_list_notes (f->store, problem, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(GjRecord) note = g_list_model_get_item (notes, i);

      if (g_strcmp0 (gj_record_get_text (note, "text"), text) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_xlsx_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) a = new_problem (f, "停车位不足", "assigned", "2025-08-01");
  g_autoptr(GjRecord) b = new_problem (f, "路灯不亮", "assigned", "2025-08-02");
  g_autoptr(GjRecord) c = new_problem (f, "=SUM(1) 公式样的标题", "in_progress", "2025-08-03");
  g_autofree char *path = g_build_filename (f->dir, "problems.xlsx", NULL);
  g_autofree char *edited = g_build_filename (f->dir, "edited.xlsx", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.xlsx", NULL);
  g_autoptr(GjProblemSheet) sheet = NULL;
  g_autoptr(GjRecord) a2 = NULL;
  g_autoptr(GjRecord) b2 = NULL;
  g_autoptr(GjRecord) c2 = NULL;
  guint n = 0, row_a, row_b, notes_a = n_notes (f, a), notes_b = n_notes (f, b), notes_c = n_notes (f, c);
  const char *edits[] = {
    gj_record_get_uuid (a), "Status", "整改中",
    gj_record_get_uuid (a), "Reason for the new deadline", "等物业报价",
    gj_record_get_uuid (a), "New progress note", "已约谈物业，下周施工",
    gj_record_get_uuid (a), "Deadline", "date:2025-09-15",
    NULL
  };

  if (!have_openpyxl ())
    {
      g_test_skip ("python3 with openpyxl is not installed");
      return;
    }
  g_assert_true (gj_problem_sheet_export (f->store, path, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  /* Edited and saved the way Excel would: a new status, a real date cell
   * for the deadline, the reason for it and a progress note. */
  row_a = excel_edit (path, edited, edits);
  g_assert_cmpuint (row_a, >=, 2);

  sheet = gj_problem_sheet_read (f->store, edited, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gj_problem_sheet_get_n_rows (sheet), ==, 3);
  g_assert_cmpuint (gj_problem_sheet_count (sheet, GJ_SHEET_ROW_CHANGED), ==, 1);
  g_assert_cmpuint (gj_problem_sheet_count (sheet, GJ_SHEET_ROW_UNCHANGED), ==, 2);
  g_assert_cmpuint (gj_problem_sheet_count (sheet, GJ_SHEET_ROW_REFUSED), ==, 0);
  for (guint i = 0; i < gj_problem_sheet_get_n_rows (sheet); i++)
    {
      const GjSheetRow *row = gj_problem_sheet_get_row (sheet, i);

      if (row->state != GJ_SHEET_ROW_CHANGED)
        {
          g_assert_cmpint (row->changes, ==, 0);
          continue;
        }
      g_assert_cmpstr (row->uuid, ==, gj_record_get_uuid (a));
      g_assert_cmpuint (row->line, ==, row_a);
      g_assert_cmpint (row->changes, ==, GJ_SHEET_CHANGE_STATUS | GJ_SHEET_CHANGE_DEADLINE | GJ_SHEET_CHANGE_NOTE);
      g_assert_cmpstr (row->deadline, ==, "2025-09-15");
      g_assert_cmpint (row->status, ==, GJ_PROBLEM_IN_PROGRESS);
      g_assert_cmpstr (row->note, ==, "已约谈物业，下周施工");
      g_assert_cmpstr (row->extend_reason, ==, "等物业报价");
      g_assert_nonnull (strstr (row->summary, "2025-08-01 → 2025-09-15"));
    }

  g_assert_true (gj_problem_sheet_apply (sheet, f->store, "测试", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  a2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (a), &error);
  b2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (b), &error);
  c2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gj_record_get_text (a2, "deadline"), ==, "2025-09-15");
  g_assert_cmpint (gj_problem_get_status (a2), ==, GJ_PROBLEM_IN_PROGRESS);
  g_assert_true (has_note (f, a2, "已约谈物业，下周施工"));
  g_assert_cmpuint (n_notes (f, a2), >, notes_a);
  g_assert_cmpstr (gj_record_get_updated_at (b2), ==, gj_record_get_updated_at (b));
  g_assert_cmpstr (gj_record_get_updated_at (c2), ==, gj_record_get_updated_at (c));
  g_assert_cmpuint (n_notes (f, b2), ==, notes_b);
  g_assert_cmpuint (n_notes (f, c2), ==, notes_c);

  /* A deadline typed as words is refused, and the reason says where:
   * the file, the sheet, the row and the column. Nothing is written. */
  {
    const char *bad_edits[] = { gj_record_get_uuid (b), "Deadline", "下周一", NULL };
    g_autoptr(GjProblemSheet) refused = NULL;
    g_autofree char *where = NULL;

    /* From a fresh export: the first file is out of date now. */
    g_assert_true (gj_problem_sheet_export (f->store, path, FALSE, &n, &error));
    g_assert_no_error (error);
    row_b = excel_edit (path, bad, bad_edits);
    refused = gj_problem_sheet_read (f->store, bad, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (gj_problem_sheet_count (refused, GJ_SHEET_ROW_REFUSED), ==, 1);
    where = g_strdup_printf ("bad.xlsx: sheet “Problems”, row %u, column “Deadline”: ", row_b);
    for (guint i = 0; i < gj_problem_sheet_get_n_rows (refused); i++)
      {
        const GjSheetRow *row = gj_problem_sheet_get_row (refused, i);

        if (row->state == GJ_SHEET_ROW_REFUSED)
          {
            g_assert_cmpstr (row->uuid, ==, gj_record_get_uuid (b));
            g_test_message ("%s", row->reason);
            g_assert_true (g_str_has_prefix (row->reason, where));
            g_assert_nonnull (strstr (row->reason, "下周一"));
          }
      }
    g_assert_false (gj_problem_sheet_apply (refused, f->store, NULL, &n, &error));
    g_assert_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID);
    g_clear_error (&error);
    g_clear_object (&b2);
    b2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (b), &error);
    g_assert_cmpstr (gj_record_get_updated_at (b2), ==, gj_record_get_updated_at (b));
  }
}

static void
test_xlsx_corrupt (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) a = new_problem (f, "停车位不足", "assigned", "2025-08-01");
  g_autoptr(GjRecord) a2 = NULL;
  g_autofree char *path = g_build_filename (f->dir, "problems.xlsx", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  guint n, notes = n_notes (f, a);

  g_assert_true (gj_problem_sheet_export (f->store, path, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));

  /* Truncated: a download cut short, a copy from a full USB stick. */
  for (gsize cut = 1; cut <= 3; cut++)
    {
      g_assert_true (g_file_set_contents (path, contents, len * cut / 4, &error));
      g_assert_null (gj_problem_sheet_read (f->store, path, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "problems.xlsx: "));
      g_assert_nonnull (strstr (error->message, "zip"));
      g_clear_error (&error);
    }
  /* Damaged inside, whole in length: the zip's checksums catch it. */
  {
    g_autofree char *damaged = g_memdup2 (contents, len);

    for (gsize i = len / 2; i < len / 2 + 64; i++)
      damaged[i] ^= 0x5A;
    g_assert_true (g_file_set_contents (path, damaged, len, &error));
    g_assert_null (gj_problem_sheet_read (f->store, path, NULL, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "problems.xlsx: "));
    g_clear_error (&error);
  }
  /* Text under an .xlsx name; nothing at all. */
  g_assert_true (g_file_set_contents (path, "UUID,Status\r\nx,y\r\n", -1, &error));
  g_assert_null (gj_problem_sheet_read (f->store, path, NULL, &error));
  g_assert_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "problems.xlsx"));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "not a zip"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "", 0, &error));
  g_assert_null (gj_problem_sheet_read (f->store, path, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* An old .xls (OLE2) says what to do. */
  g_assert_true (g_file_set_contents (path, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12, &error));
  g_assert_null (gj_problem_sheet_read (f->store, path, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, ".xls"));
  g_clear_error (&error);

  a2 = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gj_record_get_updated_at (a2), ==, gj_record_get_updated_at (a));
  g_assert_cmpuint (n_notes (f, a2), ==, notes);
}

static void
test_xlsx_serial_dates (void)
{
  static const struct
  {
    double      serial;
    gboolean    date1904;
    const char *date;
  } cases[] = {
    { 45000, FALSE, "2023-03-15" },
    { 45000.75, FALSE, "2023-03-15" },
    { 45915, FALSE, "2025-09-15" },
    { 1, FALSE, "1900-01-01" },
    { 59, FALSE, "1900-02-28" },
    { 60, FALSE, NULL },          /* Lotus's 1900-02-29: no such day */
    { 61, FALSE, "1900-03-01" },
    { 0, FALSE, NULL },
    { -1, FALSE, NULL },
    { 2958465, FALSE, "9999-12-31" },
    { 2958466, FALSE, NULL },
    { 0, TRUE, "1904-01-01" },
    { 45000, TRUE, "2027-03-16" },
    { 43538, TRUE, "2023-03-15" },
    { 60, TRUE, "1904-03-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = gj_xlsx_serial_to_date (cases[i].serial, cases[i].date1904);

      g_assert_cmpstr (date, ==, cases[i].date);
    }
  for (guint i = 0; i < 3; i++)
    {
      static const guint cols[] = { 0, 25, 16383 };
      static const char *names[] = { "A", "Z", "XFD" };
      g_autofree char *name = gj_xlsx_column_name (cols[i]);

      g_assert_cmpstr (name, ==, names[i]);
    }
}

/* A zip of @parts (name, contents, …, NULL), written with libarchive. */
static void
write_zip (const char        *path,
           const char *const *parts)
{
  struct archive *a = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  for (guint i = 0; parts[i] != NULL; i += 2)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize len = strlen (parts[i + 1]);

      archive_entry_set_pathname (entry, parts[i]);
      archive_entry_set_size (entry, len);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, parts[i + 1], len), ==, (la_ssize_t) len);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define PKG "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char root_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships " PKG ">"
  "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

/* As other programs write workbooks: a hidden sheet first, absolute and
 * relative targets, the 1904 date system, rich text with phonetic runs,
 * inline strings, formulas, booleans, errors, skipped cells and rows. */
static const char *const hand_made[] = {
  "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
  "_rels/.rels", root_rels,
  "xl/workbook.xml",
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
  "<workbook " NS " " RNS "><workbookPr date1904=\"1\"/><sheets>"
  "<sheet name=\"隐藏\" sheetId=\"2\" state=\"hidden\" r:id=\"rId3\"/>"
  "<sheet name=\"问题墙\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
  "xl/_rels/workbook.xml.rels",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships " PKG ">"
  "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
  "<Relationship Id=\"rId4\" Type=\"" REL "styles\" Target=\"styles.xml\"/></Relationships>",
  "xl/styles.xml",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet " NS "><numFmts count=\"3\">"
  "<numFmt numFmtId=\"164\" formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
  "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00&quot;元&quot;\"/>"
  "<numFmt numFmtId=\"166\" formatCode=\"h:mm AM/PM\"/></numFmts>"
  "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/>"
  "<xf numFmtId=\"165\"/><xf numFmtId=\"14\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>",
  "xl/sharedStrings.xml",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " NS " count=\"4\" uniqueCount=\"4\">"
  "<si><t>UUID</t></si>"
  "<si><r><rPr><b/></rPr><t>整改</t></r><r><t xml:space=\"preserve\">期限 </t></r>"
  "<rPh sb=\"0\" eb=\"2\"><t>ZHENGGAI</t></rPh></si>"
  "<si><t>a_x000D_b</t></si>"
  "<si><t>&lt;tag&gt; &amp;</t></si></sst>",
  "xl/worksheets/sheet2.xml",
  "<?xml version=\"1.0\"?><worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>hidden</t></is>"
  "</c></row></sheetData></worksheet>",
  "xl/worksheets/sheet1.xml",
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet " NS "><dimension ref=\"A1:J5\"/><sheetData>"
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
  "<row r=\"3\" spans=\"1:10\">"
  "<c r=\"A3\" t=\"inlineStr\"><is><r><t>行</t></r><r><t>内</t></r></is></c>"
  "<c r=\"B3\" s=\"1\"><v>45000</v></c>"
  "<c r=\"C3\" t=\"str\"><f>A1&amp;\"x\"</f><v>UUIDx</v></c>"
  "<c r=\"D3\" t=\"b\"><v>1</v></c>"
  "<c r=\"E3\" t=\"e\"><v>#N/A</v></c>"
  "<c r=\"F3\" s=\"2\"><v>3.5</v></c>"
  "<c r=\"G3\" s=\"3\"><v>45000.5</v></c>"
  "<c r=\"H3\" s=\"4\"><v>0.5</v></c>"
  "<c r=\"I3\" t=\"s\"><v>2</v></c>"
  "<c r=\"J3\" t=\"s\"><v>3</v></c></row>"
  "<row><c t=\"inlineStr\"><is><t>x</t></is></c><c><v>7</v></c><c r=\"D4\" t=\"d\"><v>2025-09-15T00:00:00</v></c></row>"
  "<row r=\"5\"><c r=\"C5\" s=\"1\"/></row>"
  "</sheetData></worksheet>",
  NULL
};

static void
test_xlsx_reader (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "hand.xlsx", NULL);
  g_autoptr(GjXlsxTable) table = NULL;
  const GjXlsxRow *row;

  write_zip (path, hand_made);
  table = gj_xlsx_table_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gj_xlsx_table_get_sheet_name (table), ==, "问题墙");
  g_assert_true (gj_xlsx_table_get_date1904 (table));
  g_assert_cmpuint (gj_xlsx_table_get_n_rows (table), ==, 3);

  row = gj_xlsx_table_get_row (table, 0);
  g_assert_cmpuint (row->number, ==, 1);
  g_assert_cmpuint (row->n_cells, ==, 3);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 0), ==, "UUID");
  g_assert_cmpint (gj_xlsx_row_get_cell (row, 1)->kind, ==, GJ_XLSX_CELL_EMPTY);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 1), ==, "");
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 2), ==, "整改期限 ");
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 7), ==, "");
  g_assert_null (gj_xlsx_row_get_cell (row, 7));

  row = gj_xlsx_table_get_row (table, 1);
  g_assert_cmpuint (row->number, ==, 3);
  g_assert_cmpuint (row->n_cells, ==, 10);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 0), ==, "行内");
  g_assert_cmpint (gj_xlsx_row_get_cell (row, 1)->kind, ==, GJ_XLSX_CELL_DATE);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 1), ==, "2027-03-16");
  g_assert_cmpfloat (gj_xlsx_row_get_cell (row, 1)->number, ==, 45000);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 2), ==, "UUIDx");
  g_assert_cmpint (gj_xlsx_row_get_cell (row, 3)->kind, ==, GJ_XLSX_CELL_BOOLEAN);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 3), ==, "TRUE");
  g_assert_cmpint (gj_xlsx_row_get_cell (row, 4)->kind, ==, GJ_XLSX_CELL_ERROR);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 4), ==, "#N/A");
  g_assert_cmpint (gj_xlsx_row_get_cell (row, 5)->kind, ==, GJ_XLSX_CELL_NUMBER);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 5), ==, "3.5");
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 6), ==, "2027-03-16 12:00:00");
  g_assert_cmpint (gj_xlsx_row_get_cell (row, 7)->kind, ==, GJ_XLSX_CELL_NUMBER);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 7), ==, "0.5");
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 8), ==, "a\rb");
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 9), ==, "<tag> &");

  row = gj_xlsx_table_get_row (table, 2);
  g_assert_cmpuint (row->number, ==, 4);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 0), ==, "x");
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 1), ==, "7");
  g_assert_cmpint (gj_xlsx_row_get_cell (row, 3)->kind, ==, GJ_XLSX_CELL_DATE);
  g_assert_cmpstr (gj_xlsx_row_get_text (row, 3), ==, "2025-09-15");
  g_clear_pointer (&table, gj_xlsx_table_free);

  /* A cell that points past the shared strings: the place is named. */
  {
    const char *parts[G_N_ELEMENTS (hand_made)];

    memcpy (parts, hand_made, sizeof parts);
    for (guint i = 0; parts[i] != NULL; i += 2)
      if (g_str_equal (parts[i], "xl/worksheets/sheet1.xml"))
        parts[i + 1] = "<worksheet " NS "><sheetData><row r=\"7\"><c r=\"B7\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>";
    write_zip (path, parts);
    g_assert_null (gj_xlsx_table_read (path, &error));
    g_assert_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "hand.xlsx: sheet “问题墙”, row 7, column B: "));
    g_clear_error (&error);

    /* Broken XML. */
    for (guint i = 0; parts[i] != NULL; i += 2)
      if (g_str_equal (parts[i], "xl/worksheets/sheet1.xml"))
        parts[i + 1] = "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData>";
    write_zip (path, parts);
    g_assert_null (gj_xlsx_table_read (path, &error));
    g_assert_nonnull (strstr (error->message, "hand.xlsx"));
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "xl/worksheets/sheet1.xml"));
    g_clear_error (&error);
  }

  /* A zip that holds no workbook. */
  {
    const char *const parts[] = { "word/document.xml", "<document/>", "_rels/.rels", root_rels, NULL };

    write_zip (path, parts);
    g_assert_null (gj_xlsx_table_read (path, &error));
    g_assert_nonnull (strstr (error->message, "hand.xlsx"));
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "no Excel workbook"));
    g_clear_error (&error);
  }
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
  g_test_add ("/problem-docs/xlsx-round-trip", Fixture, NULL, fixture_setup, test_xlsx_round_trip, fixture_teardown);
  g_test_add ("/problem-docs/xlsx-corrupt", Fixture, NULL, fixture_setup, test_xlsx_corrupt, fixture_teardown);
  g_test_add ("/problem-docs/xlsx-reader", Fixture, NULL, fixture_setup, test_xlsx_reader, fixture_teardown);
  g_test_add_func ("/problem-docs/xlsx-serial-dates", test_xlsx_serial_dates);
  return g_test_run ();
}
