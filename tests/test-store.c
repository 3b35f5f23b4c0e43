/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "gj-geometry.h"
#include "gj-store-private.h"

typedef struct
{
  char    *dir;
  char    *path;
  GjStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gj-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "district.db", NULL);
  f->store = gj_store_open (f->path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  gj_store_set_actor (f->store, "测试员");
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      g_chmod (p, 0644);
      g_unlink (p);
    }
  g_chmod (dir, 0755);
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GjGeometry *
cell (double x0,
      double y0)
{
  GjGeometry *g = gj_geometry_new (GJ_GEOMETRY_POLYGON);

  gj_geometry_begin_polygon (g);
  gj_geometry_begin_ring (g);
  gj_geometry_add_point (g, x0, y0);
  gj_geometry_add_point (g, x0 + 0.003, y0);
  gj_geometry_add_point (g, x0 + 0.003, y0 + 0.003);
  gj_geometry_add_point (g, x0, y0 + 0.003);
  gj_geometry_add_point (g, x0, y0);
  return g;
}

static GjRecord *
add_grid (GjStore    *store,
          const char *code,
          const char *name,
          double      x0)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjGeometry) g = cell (x0, 34.6);
  GjRecord *grid = GJ_RECORD (gj_grid_new ());

  gj_record_set_text (grid, "code", code);
  gj_record_set_text (grid, "name", name);
  gj_record_set_geometry (grid, "geometry", g);
  g_assert_true (gj_store_insert (store, grid, &error));
  g_assert_no_error (error);
  return grid;
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

static char *
file_checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
test_open_new (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) missing = NULL;
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such.db", NULL);

  g_assert_cmpint (gj_store_get_schema_version (f->store), ==, gj_store_get_latest_schema_version ());
  g_assert_null (gj_store_get_migration_backup (f->store));

  /* Without CREATE, a missing file is an error, not a new database. */
  missing = gj_store_open (nowhere, GJ_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) grid = add_grid (f->store, "410305001002-004", "天四社区第4网格", 112.40);
  g_autoptr(GjRecord) back = NULL;
  g_autoptr(GjRecord) by_uuid = NULL;
  g_autoptr(GjRecord) by_code = NULL;
  g_autoptr(GjRecord) none = NULL;
  g_autoptr(GjGrid) at = NULL;
  g_autoptr(GjUnit) nameless = gj_unit_new ();
  g_autoptr(GListModel) all = NULL;

  g_assert_cmpint (gj_record_get_id (grid), >, 0);
  g_assert_nonnull (gj_record_get_uuid (grid));
  g_assert_nonnull (gj_record_get_created_at (grid));
  /* The geodesic area is computed on write: 0.003° × 0.003° near Luoyang. */
  g_assert_cmpfloat (gj_record_get_real (grid, "area"), >, 90000);
  g_assert_cmpfloat (gj_record_get_real (grid, "area"), <, 95000);

  back = gj_store_get (f->store, GJ_TYPE_GRID, gj_record_get_id (grid), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gj_record_get_text (back, "name"), ==, "天四社区第4网格");
  g_assert_true (gj_geometry_equal (gj_record_get_geometry (back, "geometry"),
                                    gj_record_get_geometry (grid, "geometry")));

  by_uuid = gj_store_get_by_uuid (f->store, GJ_TYPE_GRID, gj_record_get_uuid (grid), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gj_record_get_id (by_uuid), ==, gj_record_get_id (grid));
  by_code = gj_store_find_by_code (f->store, GJ_TYPE_GRID, "410305001002-004", &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_code);
  none = gj_store_find_by_code (f->store, GJ_TYPE_GRID, "nope", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  gj_record_set_text (back, "name", "天四社区第四网格");
  gj_record_set_int (back, "households", 244);
  g_assert_true (gj_store_update (f->store, back, &error));
  g_assert_no_error (error);
  g_clear_object (&by_uuid);
  by_uuid = gj_store_get_by_uuid (f->store, GJ_TYPE_GRID, gj_record_get_uuid (grid), &error);
  g_assert_cmpstr (gj_record_get_text (by_uuid, "name"), ==, "天四社区第四网格");
  g_assert_cmpint (gj_record_get_int (by_uuid, "households"), ==, 244);

  /* Point in polygon through the R*Tree. */
  at = gj_store_find_grid_at (f->store, 112.4015, 34.6015, &error);
  g_assert_no_error (error);
  g_assert_nonnull (at);
  g_assert_cmpint (gj_record_get_id (GJ_RECORD (at)), ==, gj_record_get_id (grid));
  g_clear_object (&at);
  at = gj_store_find_grid_at (f->store, 112.5, 34.6015, &error);
  g_assert_null (at);

  /* A required field left empty is refused, and nothing is written. */
  gj_record_set_text (GJ_RECORD (nameless), "name", "   ");
  g_assert_false (gj_store_insert (f->store, GJ_RECORD (nameless), &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_assert_cmpint (count (f->store, GJ_TYPE_UNIT), ==, 0);
  g_clear_error (&error);

  all = gj_store_list (f->store, GJ_TYPE_GRID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);

  /* Tables ask for records without their shapes. */
  {
    g_autoptr(GListModel) light = gj_store_list_full (f->store, GJ_TYPE_GRID, "天四", GJ_STORE_LIST_NO_GEOMETRY, &error);
    g_autoptr(GjRecord) first = g_list_model_get_item (light, 0);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (light), ==, 1);
    g_assert_null (gj_record_get_geometry (first, "geometry"));
    g_assert_cmpstr (gj_record_get_text (first, "name"), ==, "天四社区第四网格");
    g_assert_cmpfloat (gj_record_get_real (first, "area"), >, 90000);
  }
  {
    g_autoptr(GjRecord) second = add_grid (f->store, "410305001002-005", "天四社区第5网格", 112.41);
    g_autoptr(GjRecord) third = add_grid (f->store, "410305001002-006", "天四社区第6网格", 112.42);
    g_autoptr(GListModel) page = gj_store_list_range (f->store, GJ_TYPE_GRID, NULL, GJ_STORE_LIST_NO_GEOMETRY, 1, 1, &error);
    g_autoptr(GListModel) found = gj_store_list_range (f->store, GJ_TYPE_GRID, "天四社区", 0, 0, 2, &error);
    g_autoptr(GjRecord) only = g_list_model_get_item (page, 0);

    g_assert_cmpuint (g_list_model_get_n_items (page), ==, 1);
    g_assert_cmpstr (gj_record_get_text (only, "code"), ==, "410305001002-005");
    g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2);
  }
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "洛阳伊滨环保科技有限公司", "厂前一社区七里河便利店", "洛阳市九都文化传媒有限责任公司", "中国洛铜集团洛阳有限公司", "100%_纯" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GjUnit) unit = gj_unit_new ();

      gj_record_set_text (GJ_RECORD (unit), "name", names[i]);
      gj_record_set_text (GJ_RECORD (unit), "address", "河南省洛阳市涧西区");
      g_assert_true (gj_store_insert (f->store, GJ_RECORD (unit), &error));
      g_assert_no_error (error);
    }

  {
    struct { const char *q; guint n; } cases[] = {
      { "洛阳", 5 },             /* two characters: in the address of all */
      { "便利店", 1 },           /* three: through the trigram index */
      { "有限公司", 2 },         /* not 有限责任公司 */
      { "九都文化", 1 },
      { "七里河", 1 },
      { "西安", 0 },
      { "%", 1 },                /* LIKE wildcards are literal */
      { "_纯", 1 },
      { "", 5 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GListModel) found = gj_store_search (f->store, GJ_TYPE_UNIT, cases[i].q, &error);

        g_assert_no_error (error);
        g_test_message ("search %s", cases[i].q);
        g_assert_cmpuint (g_list_model_get_n_items (found), ==, cases[i].n);
      }
  }

  /* Renaming updates the index. */
  {
    g_autoptr(GListModel) found = gj_store_search (f->store, GJ_TYPE_UNIT, "便利店", &error);
    g_autoptr(GjRecord) unit = g_list_model_get_item (found, 0);
    g_autoptr(GListModel) again = NULL;

    gj_record_set_text (unit, "name", "厂前一社区七里河超市");
    g_assert_true (gj_store_update (f->store, unit, &error));
    again = gj_store_search (f->store, GJ_TYPE_UNIT, "便利店", &error);
    g_assert_cmpuint (g_list_model_get_n_items (again), ==, 0);
  }
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gj_store_begin (f->store, &error));
  g_object_unref (add_grid (f->store, "A", "甲", 112.1));
  g_assert_true (gj_store_begin (f->store, &error));
  g_object_unref (add_grid (f->store, "B", "乙", 112.2));
  gj_store_rollback (f->store);      /* the savepoint: B goes */
  g_assert_cmpint (count (f->store, GJ_TYPE_GRID), ==, 1);
  g_assert_true (gj_store_commit (f->store, &error));
  g_assert_cmpint (count (f->store, GJ_TYPE_GRID), ==, 1);

  g_assert_true (gj_store_begin (f->store, &error));
  g_object_unref (add_grid (f->store, "C", "丙", 112.3));
  gj_store_rollback (f->store);
  g_assert_cmpint (count (f->store, GJ_TYPE_GRID), ==, 1);
}

/* The index rows bulk mode writes in one pass are the ones the triggers
 * write: as many, with the same text, and in place before anyone asks. */
static void
assert_indexes_whole (GjStore *store)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db,
                                       "SELECT (SELECT count (*) FROM grid),"
                                       " (SELECT count (*) FROM grid_fts),"
                                       " (SELECT count (*) FROM grid AS g JOIN grid_fts AS f ON f.rowid = g.id"
                                       "  WHERE f.text = coalesce (g.code, '') || ' ' || coalesce (g.name, '') || ' ' || coalesce (g.worker, '') || ' '),"
                                       " (SELECT count (*) FROM grid_rtree),"
                                       " (SELECT count (*) FROM grid AS g JOIN grid_rtree AS r ON r.id = g.id"
                                       "  WHERE r.min_x <= g.min_x AND r.max_x >= g.max_x AND r.min_y <= g.min_y AND r.max_y >= g.max_y),"
                                       " (SELECT count (*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('grid_fts_insert', 'grid_rtree_insert'))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 1; i < 5; i++)
    g_assert_cmpint (sqlite3_column_int64 (stmt, i), ==, sqlite3_column_int64 (stmt, 0));
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, 2);
  sqlite3_finalize (stmt);
}

/* @n grids found by @text; one at @x0 only if @n > 0 (each test grid has its own place). */
static void
assert_found (GjStore    *store,
              const char *text,
              double      x0,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = gj_store_search (store, GJ_TYPE_GRID, text, &error);
  g_autoptr(GjGrid) at = gj_store_find_grid_at (store, x0 + 0.001, 34.601, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, n);
  if (n > 0)
    g_assert_nonnull (at);
  else
    g_assert_null (at);
}

static void
test_bulk_indexes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_object_unref (add_grid (f->store, "A", "甲区一网格", 112.10));

  /* Rows inserted in bulk are indexed before a query through the index. */
  g_assert_true (gj_store_begin (f->store, &error));
  gj_store_set_bulk (f->store, TRUE);
  g_object_unref (add_grid (f->store, "B", "乙区一网格", 112.11));
  g_object_unref (add_grid (f->store, "C", "丙区一网格", 112.12));
  assert_found (f->store, "乙区一", 112.11, 1);
  g_object_unref (add_grid (f->store, "D", "丁区一网格", 112.13));
  assert_found (f->store, "丁区一", 112.13, 1);
  gj_store_set_bulk (f->store, FALSE);
  g_assert_true (gj_store_commit (f->store, &error));
  g_assert_no_error (error);
  assert_indexes_whole (f->store);

  /* … before an update, whose triggers expect them … */
  g_assert_true (gj_store_begin (f->store, &error));
  gj_store_set_bulk (f->store, TRUE);
  {
    g_autoptr(GjRecord) e = add_grid (f->store, "E", "戊区一网格", 112.14);

    gj_record_set_text (e, "name", "己区一网格");
    g_assert_true (gj_store_update (f->store, e, &error));
    g_assert_no_error (error);
  }
  g_object_unref (add_grid (f->store, "F", "庚区一网格", 112.15));
  gj_store_set_bulk (f->store, FALSE);
  g_assert_true (gj_store_commit (f->store, &error));
  assert_found (f->store, "己区一", 112.14, 1);
  {
    g_autoptr(GListModel) gone = gj_store_search (f->store, GJ_TYPE_GRID, "戊区一", &error);

    g_assert_cmpuint (g_list_model_get_n_items (gone), ==, 0);
  }
  assert_found (f->store, "庚区一", 112.15, 1);
  assert_indexes_whole (f->store);

  /* … and at the commit; a rollback takes them back with the rows. */
  g_assert_true (gj_store_begin (f->store, &error));
  gj_store_set_bulk (f->store, TRUE);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *code = g_strdup_printf ("G-%u", i);
      g_autofree char *name = g_strdup_printf ("辛区第%u网格", i);

      g_object_unref (add_grid (f->store, code, name, 112.20 + 0.004 * i));
    }
  {
    /* The fast way was taken: the row triggers are set aside meanwhile. */
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (f->store->db,
                                         "SELECT count (*) FROM sqlite_master WHERE type = 'trigger'"
                                         " AND name IN ('grid_fts_insert', 'grid_rtree_insert')",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
  gj_store_set_bulk (f->store, FALSE);
  g_assert_true (gj_store_commit (f->store, &error));
  assert_indexes_whole (f->store);
  assert_found (f->store, "辛区第17网", 112.20 + 0.004 * 17, 1);

  g_assert_true (gj_store_begin (f->store, &error));
  gj_store_set_bulk (f->store, TRUE);
  g_object_unref (add_grid (f->store, "H", "壬区一网格", 112.50));
  gj_store_set_bulk (f->store, FALSE);
  gj_store_rollback (f->store);
  assert_found (f->store, "壬区一", 112.50, 0);
  assert_indexes_whole (f->store);
  g_object_unref (add_grid (f->store, "I", "癸区一网格", 112.51));
  assert_found (f->store, "癸区一", 112.51, 1);
  assert_indexes_whole (f->store);
  g_assert_cmpint (count (f->store, GJ_TYPE_GRID), ==, 57);
}

static void
test_change_log (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) grid = add_grid (f->store, "G1", "第一网格", 112.1);
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GjRecord) newest = NULL;
  g_autoptr(GjRecord) oldest = NULL;
  gint64 trash = 0;

  gj_record_set_text (grid, "name", "第一网格（调整）");
  g_assert_true (gj_store_update (f->store, grid, &error));
  /* An update that changes nothing writes nothing. */
  g_assert_true (gj_store_update (f->store, grid, &error));
  g_assert_true (gj_store_delete (f->store, grid, &trash, &error));
  g_assert_no_error (error);

  changes = gj_store_list_changes (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 3);

  newest = g_list_model_get_item (changes, 0);
  g_assert_cmpstr (gj_record_get_text (newest, "action"), ==, "delete");
  g_assert_cmpstr (gj_record_get_text (newest, "actor"), ==, "测试员");
  g_assert_cmpstr (gj_record_get_text (newest, "record_uuid"), ==, gj_record_get_uuid (grid));
  g_assert_nonnull (gj_record_get_text (newest, "at"));

  {
    g_autoptr(GjRecord) update = g_list_model_get_item (changes, 1);

    g_assert_cmpstr (gj_record_get_text (update, "action"), ==, "update");
    /* What changed, old and new. */
    g_assert_nonnull (strstr (gj_record_get_text (update, "detail"), "\"name\":[\"第一网格\",\"第一网格（调整）\"]"));
  }
  oldest = g_list_model_get_item (changes, 2);
  g_assert_cmpstr (gj_record_get_text (oldest, "action"), ==, "insert");
}

static void
test_trash_restores_relations (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) grid = add_grid (f->store, "G1", "第一网格", 112.1);
  g_autoptr(GjUnit) unit = gj_unit_new ();
  g_autoptr(GjStation) station = gj_station_new ();
  g_autoptr(GjAgreement) agreement = gj_agreement_new ();
  g_autoptr(GListModel) trash = NULL;
  g_autoptr(GjRecord) back = NULL;
  const char *sides[] = { "unit", "community", "unit" };
  GValue v = G_VALUE_INIT;
  gint64 trash_id = 0;

  gj_record_set_text (GJ_RECORD (unit), "name", "洛阳嘉禾机械（中国）有限公司");
  gj_record_set_int (GJ_RECORD (unit), "grid_id", gj_record_get_id (grid));
  g_assert_true (gj_store_insert (f->store, GJ_RECORD (unit), &error));
  gj_record_set_text (GJ_RECORD (station), "name", "第一网格党群服务站");
  gj_record_set_int (GJ_RECORD (station), "grid_id", gj_record_get_id (grid));
  g_assert_true (gj_store_insert (f->store, GJ_RECORD (station), &error));
  gj_record_set_text (GJ_RECORD (agreement), "title", "共建协议");
  gj_record_set_int (GJ_RECORD (agreement), "unit_id", gj_record_get_id (GJ_RECORD (unit)));
  g_assert_true (gj_store_insert (f->store, GJ_RECORD (agreement), &error));
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autoptr(GjCommitment) c = gj_commitment_new ();

      gj_record_set_int (GJ_RECORD (c), "agreement_id", gj_record_get_id (GJ_RECORD (agreement)));
      gj_record_set_text (GJ_RECORD (c), "side", sides[i]);
      gj_record_set_text (GJ_RECORD (c), "content", "提供会议室");
      g_assert_true (gj_store_insert (f->store, GJ_RECORD (c), &error));
    }
  g_assert_no_error (error);

  /* Deleting the unit takes its agreement and commitments with it … */
  g_assert_true (gj_store_delete (f->store, GJ_RECORD (unit), &trash_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, GJ_TYPE_UNIT), ==, 0);
  g_assert_cmpint (count (f->store, GJ_TYPE_AGREEMENT), ==, 0);
  g_assert_cmpint (count (f->store, GJ_TYPE_COMMITMENT), ==, 0);
  trash = gj_store_list_trash (f->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);

  /* … and restoring brings all of it back, same ids and UUIDs. */
  g_assert_true (gj_store_restore (f->store, trash_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, GJ_TYPE_UNIT), ==, 1);
  g_assert_cmpint (count (f->store, GJ_TYPE_AGREEMENT), ==, 1);
  g_assert_cmpint (count (f->store, GJ_TYPE_COMMITMENT), ==, 3);
  g_assert_cmpint (count (f->store, GJ_TYPE_TRASH_ENTRY), ==, 0);
  back = gj_store_get_by_uuid (f->store, GJ_TYPE_AGREEMENT, gj_record_get_uuid (GJ_RECORD (agreement)), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gj_record_get_int (back, "unit_id"), ==, gj_record_get_id (GJ_RECORD (unit)));
  g_clear_object (&back);

  /* Deleting a grid unlinks the station and the unit; restoring relinks them. */
  g_assert_true (gj_store_delete (f->store, grid, &trash_id, &error));
  back = gj_store_get (f->store, GJ_TYPE_STATION, gj_record_get_id (GJ_RECORD (station)), &error);
  g_assert_true (gj_record_is_null (back, "grid_id"));
  g_clear_object (&back);
  g_assert_true (gj_store_restore (f->store, trash_id, &error));
  g_assert_no_error (error);
  back = gj_store_get (f->store, GJ_TYPE_STATION, gj_record_get_id (GJ_RECORD (station)), &error);
  g_assert_cmpint (gj_record_get_int (back, "grid_id"), ==, gj_record_get_id (grid));
  g_clear_object (&back);
  back = gj_store_get (f->store, GJ_TYPE_GRID, gj_record_get_id (grid), &error);
  g_assert_true (gj_geometry_equal (gj_record_get_geometry (back, "geometry"), gj_record_get_geometry (grid, "geometry")));
  g_clear_object (&back);

  /* The restored grid is back in the spatial and text indexes. */
  {
    g_autoptr(GjGrid) at = gj_store_find_grid_at (f->store, 112.1015, 34.6015, &error);
    g_autoptr(GListModel) found = gj_store_search (f->store, GJ_TYPE_GRID, "第一网格", &error);

    g_assert_nonnull (at);
    g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  }

  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, gj_record_get_id (GJ_RECORD (agreement)));
  {
    g_autoptr(GListModel) commitments = gj_store_list_where (f->store, GJ_TYPE_COMMITMENT, "agreement_id", &v, &error);

    g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 3);
  }

  /* Restoring twice is refused clearly. */
  g_assert_false (gj_store_restore (f->store, trash_id, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND);
}

/* Data as each schema version could hold it, written with plain SQL. */
static const char *version_data[] = {
  /* v1 */ "INSERT INTO street (uuid, created_at, updated_at, code, name) VALUES ('s-1', '2025-01-01', '2025-01-01', '410305001', '湖北路街道');"
           "INSERT INTO grid (uuid, created_at, updated_at, code, name, street_id) VALUES ('g-1', '2025-01-01', '2025-01-01', 'G-OLD', '老网格', 1);",
  /* v2 */ "INSERT INTO unit (uuid, created_at, updated_at, name) VALUES ('u-1', '2025-01-01', '2025-01-01', '老单位');",
  /* v3 */ "INSERT INTO meeting (uuid, created_at, updated_at, title) VALUES ('m-1', '2025-01-01', '2025-01-01', '老会议');",
};

static void
test_migrations (Fixture       *f,
                 gconstpointer  data)
{
  int latest = gj_store_get_latest_schema_version ();

  for (int from = 0; from < latest; from++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%d.db", f->dir, from);
      g_autoptr(GjStore) old = gj_store_open_at_version (path, from, &error);
      g_autoptr(GjStore) store = NULL;
      g_autoptr(GListModel) found = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (gj_store_get_schema_version (old), ==, from);
      for (int v = 0; v < from && v < (int) G_N_ELEMENTS (version_data); v++)
        {
          g_assert_true (gj_store_exec_for_test (old, version_data[v], &error));
          g_assert_no_error (error);
        }
      g_clear_object (&old);

      store = gj_store_open (path, GJ_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gj_store_get_schema_version (store), ==, latest);

      if (from > 0)
        {
          g_autoptr(GjStore) copy = NULL;

          /* A copy was taken before migrating, and it is the old version. */
          g_assert_nonnull (gj_store_get_migration_backup (store));
          g_assert_true (g_file_test (gj_store_get_migration_backup (store), G_FILE_TEST_IS_REGULAR));
          copy = gj_store_open_at_version (gj_store_get_migration_backup (store), from, &error);
          g_assert_no_error (error);
          g_assert_cmpint (gj_store_get_schema_version (copy), ==, from);

          /* The old data survived, and the new index covers it. */
          found = gj_store_search (store, GJ_TYPE_GRID, "老网格", &error);
          g_assert_no_error (error);
          g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
          g_clear_object (&found);
        }
      if (from > 1)
        g_assert_cmpint (count (store, GJ_TYPE_UNIT), ==, 1);
      if (from > 2)
        g_assert_cmpint (count (store, GJ_TYPE_MEETING), ==, 1);
    }
}

static void
assert_refused (const char   *path,
                GjStoreError  code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GjStore) store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (store);
  g_assert_error (error, GJ_STORE_ERROR, (int) code);
  g_test_message ("%s", error->message);
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, base));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *readonly = g_build_filename (f->dir, "readonly.db", NULL);
  g_autofree char *corrupt = g_build_filename (f->dir, "corrupt.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text, "not a database\n", -1, NULL));
  assert_refused (text, GJ_STORE_ERROR_NOT_DATABASE);

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE photos (id INTEGER); INSERT INTO photos VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (foreign, GJ_STORE_ERROR_FOREIGN);

  /* A real district in a read-only file. */
  {
    g_autoptr(GjStore) s = gj_store_open (readonly, GJ_STORE_OPEN_CREATE, &error);
    g_object_unref (add_grid (s, "R", "只读", 112.0));
  }
  g_chmod (readonly, 0444);
  assert_refused (readonly, GJ_STORE_ERROR_READ_ONLY);

  /* Damage the pages after the header of a database with data in it. */
  {
    g_autoptr(GjStore) s = gj_store_open (corrupt, GJ_STORE_OPEN_CREATE, &error);
    g_autofree char *contents = NULL;
    gsize len;

    for (int i = 0; i < 50; i++)
      {
        g_autofree char *code = g_strdup_printf ("C%d", i);
        g_object_unref (add_grid (s, code, "损坏测试", 112.0 + i * 0.01));
      }
    g_clear_object (&s);
    g_assert_true (g_file_get_contents (corrupt, &contents, &len, NULL));
    for (gsize i = 4096 + 100; i < len; i += 7)
      contents[i] ^= 0x5A;
    g_assert_true (g_file_set_contents (corrupt, contents, len, NULL));
  }
  assert_refused (corrupt, GJ_STORE_ERROR_CORRUPT);

  {
    g_autoptr(GjStore) s = gj_store_open (newer, GJ_STORE_OPEN_CREATE, &error);
    g_assert_true (gj_store_exec_for_test (s, "PRAGMA user_version = 999", &error));
  }
  assert_refused (newer, GJ_STORE_ERROR_TOO_NEW);
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) second = NULL;
  g_autofree char *path = g_build_filename (f->dir, "locked.db", NULL);
  sqlite3 *other = NULL;

  {
    g_autoptr(GjStore) s = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
    g_object_unref (add_grid (s, "L", "锁定", 112.0));
  }

  /* Another program holds the database exclusively. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;", NULL, NULL, NULL), ==, SQLITE_OK);

  g_setenv ("GONGJIAN_BUSY_TIMEOUT_MS", "200", TRUE);
  second = gj_store_open (path, GJ_STORE_OPEN_DEFAULT, &error);
  g_unsetenv ("GONGJIAN_BUSY_TIMEOUT_MS");
  g_assert_null (second);
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked.db"));

  sqlite3_exec (other, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (other);
  g_clear_error (&error);
  second = gj_store_open (path, GJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (second, GJ_TYPE_GRID), ==, 1);
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "no-such-folder", "backup.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.db", NULL);

  g_object_unref (add_grid (f->store, "B1", "备份前", 112.0));
  g_assert_true (gj_store_backup (f->store, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_object_unref (add_grid (f->store, "B2", "备份后", 112.1));
  g_assert_cmpint (count (f->store, GJ_TYPE_GRID), ==, 2);

  g_assert_true (gj_store_restore_from (f->store, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, GJ_TYPE_GRID), ==, 1);
  {
    /* The state before the restore was kept beside the database. */
    g_autofree char *safety = g_strconcat (f->path, ".before-restore.bak", NULL);
    g_assert_true (g_file_test (safety, G_FILE_TEST_IS_REGULAR));
  }

  g_assert_false (gj_store_backup (f->store, bad, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Restoring from something that is no backup leaves the database alone. */
  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
  g_assert_false (gj_store_restore_from (f->store, text, NULL, NULL, NULL, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_DATABASE);
  g_assert_cmpint (count (f->store, GJ_TYPE_GRID), ==, 1);
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stats = NULL;
  JsonObject *counts;

  g_object_unref (add_grid (f->store, "S1", "统计", 112.0));
  stats = gj_store_dup_stats (f->store, &error);
  g_assert_no_error (error);
  counts = json_object_get_object_member (json_node_get_object (stats), "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "grids"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "units"), ==, 0);
  g_assert_true (json_object_has_member (counts, "stations"));
  g_assert_true (json_object_has_member (json_node_get_object (stats), "by_street"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open-new", test_open_new);
  ADD ("/store/crud", test_crud);
  ADD ("/store/search", test_search);
  ADD ("/store/transactions", test_transactions);
  ADD ("/store/bulk-indexes", test_bulk_indexes);
  ADD ("/store/change-log", test_change_log);
  ADD ("/store/trash-restores-relations", test_trash_restores_relations);
  ADD ("/store/migrations", test_migrations);
  ADD ("/store/bad-files", test_bad_files);
  ADD ("/store/locked", test_locked);
  ADD ("/store/backup-restore", test_backup_restore);
  ADD ("/store/stats", test_stats);
#undef ADD

  return g_test_run ();
}
