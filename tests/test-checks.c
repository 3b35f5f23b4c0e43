/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gj-credit-code.h"
#include "gj-geometry.h"
#include "gj-store-checks.h"
#include "gj-store-private.h"

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
add_grid (GjStore    *store,
          const char *code,
          GjGeometry *g)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjGrid) grid = gj_grid_new ();

  gj_record_set_text (GJ_RECORD (grid), "code", code);
  gj_record_set_geometry (GJ_RECORD (grid), "geometry", g);
  g_assert_true (gj_store_insert (store, GJ_RECORD (grid), &error));
  gj_geometry_unref (g);
}

static guint
count_check (GListModel *findings,
             const char *check)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GjFinding) f = g_list_model_get_item (findings, i);

      if (strcmp (gj_finding_get_check (f), check) == 0)
        n++;
    }
  return n;
}

static GjFinding *
first_of (GListModel *findings,
          const char *check)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      GjFinding *f = g_list_model_get_item (findings, i);

      if (strcmp (gj_finding_get_check (f), check) == 0)
        return f;
      g_object_unref (f);
    }
  return NULL;
}

static void
test_credit_code (void)
{
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;

  /* Real, published codes. */
  g_assert_true (gj_credit_code_check ("91350100M000100Y43", NULL));
  g_assert_true (gj_credit_code_check ("91110000600037341L", NULL));
  /* One character changed: the check character catches it and says which is right. */
  g_assert_false (gj_credit_code_check ("91350100M000100Y44", &r1));
  g_assert_nonnull (strstr (r1, "“3”"));
  g_assert_false (gj_credit_code_check ("91350100M00010", &r2));
  g_assert_nonnull (strstr (r2, "18"));
  g_assert_false (gj_credit_code_check ("91350100M000100IO3", &r3));
  g_assert_nonnull (strstr (r3, "16"));
  g_assert_false (gj_credit_code_check (NULL, NULL));
}

static void
test_checks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gj-test-checks-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autoptr(GjStore) store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(GjFinding) gap = NULL;
  g_autoptr(GjFinding) overlap = NULL;
  g_autoptr(GjGeometry) bowtie = gj_geometry_new (GJ_GEOMETRY_POLYGON);
  g_autoptr(GjStation) inside = gj_station_new ();
  g_autoptr(GjStation) outside = gj_station_new ();
  g_autoptr(GjUnit) unit = gj_unit_new ();
  double lon, lat;

  /* A 3×3 block of 0.01° cells with the middle one missing: a gap. */
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      {
        g_autofree char *code = g_strdup_printf ("C%d%d", i, j);

        if (i == 1 && j == 1)
          continue;
        add_grid (store, code, box (112.0 + i * 0.01, 34.0 + j * 0.01, 112.01 + i * 0.01, 34.01 + j * 0.01));
      }
  /* Two grids that overlap by half, next to the block; one repeats a code. */
  add_grid (store, "O1", box (112.10, 34.0, 112.12, 34.02));
  add_grid (store, "C00", box (112.11, 34.0, 112.13, 34.02));
  /* A self-intersecting "bowtie". */
  gj_geometry_begin_polygon (bowtie);
  gj_geometry_begin_ring (bowtie);
  gj_geometry_add_point (bowtie, 112.20, 34.00);
  gj_geometry_add_point (bowtie, 112.21, 34.01);
  gj_geometry_add_point (bowtie, 112.21, 34.00);
  gj_geometry_add_point (bowtie, 112.20, 34.01);
  gj_geometry_add_point (bowtie, 112.20, 34.00);
  add_grid (store, "B1", gj_geometry_ref (bowtie));

  gj_record_set_text (GJ_RECORD (inside), "name", "网格内的站");
  gj_record_set_real (GJ_RECORD (inside), "lon", 112.005);
  gj_record_set_real (GJ_RECORD (inside), "lat", 34.005);
  g_assert_true (gj_store_insert (store, GJ_RECORD (inside), &error));
  gj_record_set_text (GJ_RECORD (outside), "name", "网格外的站");
  gj_record_set_real (GJ_RECORD (outside), "lon", 112.015);  /* in the gap */
  gj_record_set_real (GJ_RECORD (outside), "lat", 34.015);
  g_assert_true (gj_store_insert (store, GJ_RECORD (outside), &error));
  /* The store refuses a wrong code now; one from an older version is still found. */
  gj_record_set_text (GJ_RECORD (unit), "name", "错码单位");
  gj_record_set_text (GJ_RECORD (unit), "credit_code", "91350100M000100Y44");
  g_assert_false (gj_store_insert (store, GJ_RECORD (unit), &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  gj_record_set_text (GJ_RECORD (unit), "credit_code", NULL);
  g_assert_true (gj_store_insert (store, GJ_RECORD (unit), &error));
  g_assert_true (gj_store_exec_for_test (store, "UPDATE unit SET credit_code = '91350100M000100Y44'", &error));

  findings = gj_store_run_checks (store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GjFinding) f = g_list_model_get_item (findings, i);
      g_test_message ("%s: %s", gj_finding_get_check (f), gj_finding_get_message (f));
    }
  g_assert_cmpuint (count_check (findings, "gap"), ==, 1);
  g_assert_cmpuint (count_check (findings, "overlap"), ==, 1);
  g_assert_cmpuint (count_check (findings, "invalid-polygon"), ==, 1);
  g_assert_cmpuint (count_check (findings, "duplicate-code"), ==, 1);
  g_assert_cmpuint (count_check (findings, "station-outside"), ==, 1);
  g_assert_cmpuint (count_check (findings, "bad-credit-code"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 6);

  /* Each finding says where to look. */
  gap = first_of (findings, "gap");
  g_assert_true (gj_finding_get_place (gap, &lon, &lat, NULL));
  g_assert_cmpfloat_with_epsilon (lon, 112.015, 1e-6);
  g_assert_cmpfloat_with_epsilon (lat, 34.015, 1e-6);
  overlap = first_of (findings, "overlap");
  g_assert_nonnull (strstr (gj_finding_get_message (overlap), "O1"));
  g_assert_cmpstr (gj_finding_get_record_kinds (overlap)[0], ==, "grid");

  /* An exception needs a reason, and is remembered on the next run. */
  g_assert_false (gj_store_accept_finding (store, gap, "", &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gj_store_accept_finding (store, gap, "涧河河道，不划网格", &error));
  g_assert_no_error (error);
  again = gj_store_run_checks (store, NULL, NULL, NULL, &error);
  {
    g_autoptr(GjFinding) g2 = first_of (again, "gap");
    g_autoptr(JsonNode) json = gj_findings_to_json (again);
    JsonObject *root = json_node_get_object (json);

    g_assert_true (gj_finding_get_accepted (g2));
    g_assert_cmpstr (gj_finding_get_reason (g2), ==, "涧河河道，不划网格");
    g_assert_cmpint (json_object_get_int_member (root, "open"), ==, 5);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "counts"), "gap"), ==, 1);
  }
  /* … and can be withdrawn. */
  g_assert_true (gj_store_accept_finding (store, gap, NULL, &error));
  g_assert_cmpint (gj_store_count (store, GJ_TYPE_CHECK_EXCEPTION, NULL), ==, 0);

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/checks/credit-code", test_credit_code);
  g_test_add_func ("/checks/all", test_checks);
  return g_test_run ();
}
