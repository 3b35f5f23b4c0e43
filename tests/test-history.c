/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gj-history.h"
#include "gj-records.h"

typedef struct
{
  char      *dir;
  GjStore   *store;
  GjHistory *history;
  guint      n_changed;
  GType      last_type;
  GjBBox     last_bbox;
  gboolean   last_had_bbox;
} Fixture;

static GjGeometry *
box (double x0,
     double y0,
     double x1,
     double y1)
{
  GjGeometry *g = gj_geometry_new (GJ_GEOMETRY_POLYGON);

  gj_geometry_begin_polygon (g);
  gj_geometry_begin_ring (g);
  gj_geometry_add_point (g, x0, y0);
  gj_geometry_add_point (g, x1, y0);
  gj_geometry_add_point (g, x1, y1);
  gj_geometry_add_point (g, x0, y1);
  gj_geometry_add_point (g, x0, y0);
  return g;
}

static void
changed_cb (GjHistory *history,
            GType      type,
            GjBBox    *bbox,
            Fixture   *fixture)
{
  fixture->n_changed++;
  fixture->last_type = type;
  fixture->last_had_bbox = bbox != NULL;
  if (bbox != NULL)
    fixture->last_bbox = *bbox;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("gj-test-history-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "h.db", NULL);
  fixture->store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->history = gj_history_new (fixture->store);
  g_signal_connect (fixture->history, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "h.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->history);
  g_clear_object (&fixture->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GjRecord *
reread (Fixture  *fixture,
        GjRecord *record)
{
  g_autoptr(GError) error = NULL;
  GjRecord *stored = gj_store_get (fixture->store, G_OBJECT_TYPE (record), gj_record_get_id (record), &error);

  g_assert_no_error (error);
  return stored;
}

static void
test_update_undo_redo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjGrid) grid = gj_grid_new ();
  g_autoptr(GjRecord) edit = NULL;
  g_autoptr(GjRecord) stored = NULL;
  g_autoptr(GjGeometry) square = box (112.0, 34.0, 112.01, 34.01);
  g_autoptr(GjGeometry) wider = box (112.0, 34.0, 112.02, 34.01);
  double area;

  gj_record_set_text (GJ_RECORD (grid), "code", "G1");
  gj_record_set_text (GJ_RECORD (grid), "name", "天四社区第4网格");
  gj_record_set_geometry (GJ_RECORD (grid), "geometry", square);
  g_assert_true (gj_history_insert (fixture->history, GJ_RECORD (grid), "new", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gj_record_get_id (GJ_RECORD (grid)), >, 0);
  g_assert_true (gj_history_can_undo (fixture->history));
  g_assert_false (gj_history_can_redo (fixture->history));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_true (fixture->last_type == GJ_TYPE_GRID);
  g_assert_true (fixture->last_had_bbox);
  g_assert_cmpfloat_with_epsilon (fixture->last_bbox.max_x, 112.01, 1e-9);
  area = gj_record_get_real (GJ_RECORD (grid), "area");
  g_assert_cmpfloat (area, >, 1.0e6);

  /* A changed copy: name and shape. The area follows the shape. */
  edit = gj_record_copy (GJ_RECORD (grid));
  gj_record_set_text (edit, "name", "改过的名字");
  gj_record_set_geometry (edit, "geometry", wider);
  g_assert_true (gj_history_update (fixture->history, edit, "rename", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gj_history_get_undo_label (fixture->history), ==, "rename");
  /* The changed area spans the shape before and after. */
  g_assert_cmpfloat_with_epsilon (fixture->last_bbox.max_x, 112.02, 1e-9);
  stored = reread (fixture, edit);
  g_assert_cmpstr (gj_record_get_text (stored, "name"), ==, "改过的名字");
  g_assert_cmpfloat_with_epsilon (gj_record_get_real (stored, "area"), 2 * area, area * 0.01);
  g_clear_object (&stored);

  /* Writing the same values again is no edit. */
  g_assert_true (gj_history_update (fixture->history, edit, "again", &error));
  g_assert_cmpstr (gj_history_get_undo_label (fixture->history), ==, "rename");

  g_assert_true (gj_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  stored = reread (fixture, edit);
  g_assert_cmpstr (gj_record_get_text (stored, "name"), ==, "天四社区第4网格");
  g_assert_true (gj_geometry_equal (gj_record_get_geometry (stored, "geometry"), square));
  g_assert_cmpfloat_with_epsilon (gj_record_get_real (stored, "area"), area, 1e-6);
  g_clear_object (&stored);
  g_assert_true (gj_history_can_redo (fixture->history));
  g_assert_cmpstr (gj_history_get_redo_label (fixture->history), ==, "rename");

  g_assert_true (gj_history_redo (fixture->history, &error));
  stored = reread (fixture, edit);
  g_assert_cmpstr (gj_record_get_text (stored, "name"), ==, "改过的名字");
  g_clear_object (&stored);

  /* Undo everything: the insert goes to the trash, redo brings it back
   * with the same id. */
  g_assert_true (gj_history_undo (fixture->history, &error));
  g_assert_true (gj_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_false (gj_history_can_undo (fixture->history));
  g_assert_cmpint (gj_store_count (fixture->store, GJ_TYPE_GRID, &error), ==, 0);
  g_assert_true (gj_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  stored = reread (fixture, GJ_RECORD (grid));
  g_assert_cmpstr (gj_record_get_text (stored, "code"), ==, "G1");
  g_clear_object (&stored);

  /* A new edit drops what could have been redone. */
  g_assert_true (gj_history_can_redo (fixture->history));
  g_clear_object (&edit);
  edit = gj_record_copy (GJ_RECORD (grid));
  gj_record_set_int (edit, "households", 244);
  g_assert_true (gj_history_update (fixture->history, edit, "households", &error));
  g_assert_false (gj_history_can_redo (fixture->history));
}

static void
test_delete_restores_relations (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjGrid) grid = gj_grid_new ();
  g_autoptr(GjStation) station = gj_station_new ();
  g_autoptr(GjStation) outside = gj_station_new ();
  g_autoptr(GjRecord) stored = NULL;
  g_autoptr(GjRecord) moved = NULL;
  g_autoptr(GjGeometry) square = box (112.0, 34.0, 112.01, 34.01);

  gj_record_set_text (GJ_RECORD (grid), "code", "G1");
  gj_record_set_geometry (GJ_RECORD (grid), "geometry", square);
  g_assert_true (gj_history_insert (fixture->history, GJ_RECORD (grid), "grid", &error));

  /* A station placed inside the grid belongs to it, without being told. */
  gj_record_set_text (GJ_RECORD (station), "name", "党群服务站");
  gj_record_set_real (GJ_RECORD (station), "lon", 112.005);
  gj_record_set_real (GJ_RECORD (station), "lat", 34.005);
  g_assert_true (gj_history_insert (fixture->history, GJ_RECORD (station), "station", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gj_record_get_int (GJ_RECORD (station), "grid_id"), ==, gj_record_get_id (GJ_RECORD (grid)));
  g_assert_cmpstr (gj_record_get_text (GJ_RECORD (station), "grid_code"), ==, "G1");
  g_assert_true (fixture->last_type == GJ_TYPE_STATION);
  g_assert_cmpfloat_with_epsilon (fixture->last_bbox.min_x, 112.005, 1e-9);

  gj_record_set_text (GJ_RECORD (outside), "name", "网格外");
  gj_record_set_real (GJ_RECORD (outside), "lon", 113.0);
  gj_record_set_real (GJ_RECORD (outside), "lat", 35.0);
  g_assert_true (gj_history_insert (fixture->history, GJ_RECORD (outside), "outside", &error));
  g_assert_true (gj_record_is_null (GJ_RECORD (outside), "grid_id"));

  /* Dragged out of the grid, it no longer belongs to it; undo puts it back. */
  moved = gj_record_copy (GJ_RECORD (station));
  gj_record_set_real (moved, "lon", 113.5);
  g_assert_true (gj_history_update (fixture->history, moved, "move", &error));
  g_assert_true (gj_record_is_null (moved, "grid_id"));
  g_assert_true (gj_history_undo (fixture->history, &error));
  stored = reread (fixture, GJ_RECORD (station));
  g_assert_cmpint (gj_record_get_int (stored, "grid_id"), ==, gj_record_get_id (GJ_RECORD (grid)));
  g_clear_object (&stored);
  g_clear_object (&moved);

  /* Deleting the grid unlinks the station; undo links it again. */
  g_assert_true (gj_history_delete (fixture->history, GJ_RECORD (grid), "delete", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gj_store_count (fixture->store, GJ_TYPE_GRID, &error), ==, 0);
  stored = reread (fixture, GJ_RECORD (station));
  g_assert_true (gj_record_is_null (stored, "grid_id"));
  g_clear_object (&stored);

  g_assert_true (gj_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  stored = reread (fixture, GJ_RECORD (grid));
  g_assert_cmpstr (gj_record_get_text (stored, "code"), ==, "G1");
  g_clear_object (&stored);
  stored = reread (fixture, GJ_RECORD (station));
  g_assert_cmpint (gj_record_get_int (stored, "grid_id"), ==, gj_record_get_id (GJ_RECORD (grid)));
  g_clear_object (&stored);

  /* Redo deletes it again; clear forgets everything. */
  g_assert_true (gj_history_redo (fixture->history, &error));
  g_assert_cmpint (gj_store_count (fixture->store, GJ_TYPE_GRID, &error), ==, 0);
  gj_history_clear (fixture->history);
  g_assert_false (gj_history_can_undo (fixture->history));
  g_assert_false (gj_history_can_redo (fixture->history));
}

static void
test_refused_edit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjGrid) a = gj_grid_new ();
  g_autoptr(GjGrid) b = gj_grid_new ();
  g_autoptr(GjRecord) edit = NULL;
  g_autoptr(GjRecord) stored = NULL;
  guint changed;

  gj_record_set_text (GJ_RECORD (a), "code", "A");
  gj_record_set_text (GJ_RECORD (b), "code", "B");
  g_assert_true (gj_history_insert (fixture->history, GJ_RECORD (a), "a", &error));
  g_assert_true (gj_history_insert (fixture->history, GJ_RECORD (b), "b", &error));
  changed = fixture->n_changed;

  /* An empty required field is refused and leaves nothing behind (a taken
   * grid code is not: the checks report duplicates, data can hold them). */
  edit = gj_record_copy (GJ_RECORD (b));
  gj_record_set_null (edit, "code");
  g_assert_false (gj_history_update (fixture->history, edit, "empty", &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (fixture->n_changed, ==, changed);
  g_assert_cmpstr (gj_history_get_undo_label (fixture->history), ==, "b");
  stored = reread (fixture, GJ_RECORD (b));
  g_assert_cmpstr (gj_record_get_text (stored, "code"), ==, "B");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gj_records_ensure_types ();

  g_test_add ("/history/update-undo-redo", Fixture, NULL, fixture_setup, test_update_undo_redo, fixture_teardown);
  g_test_add ("/history/delete-restores-relations", Fixture, NULL, fixture_setup,
              test_delete_restores_relations, fixture_teardown);
  g_test_add ("/history/refused-edit", Fixture, NULL, fixture_setup, test_refused_edit, fixture_teardown);
  return g_test_run ();
}
