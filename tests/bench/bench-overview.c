/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The district overview (issue 7) on the 10,000 synthetic grids with
 * their 2,000 stations and the synthetic units and agreements, against
 * the time to load the same records (gj_store_list of grids, stations and
 * units), alternating in the same run. Prints the medians, the ratio and
 * the target (≤ 1 s); the per-grid indicators are timed too.
 *
 * It works on a copy of the benchmarks' database and never fails on
 * slowness; it skips (77) when the synthetic data cannot be made.
 *
 *   bench-overview [--runs N]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "gj-records.h"
#include "gj-store-overview.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *syn = NULL;
  g_autofree char *work = NULL;
  g_autofree char *db = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) overview = g_array_new (FALSE, FALSE, sizeof (double));
  const char *cli = g_getenv ("GJ_BENCH_CLI");
  int runs = bench_option_count (argc, argv, "--runs", 5, 1);
  gsize len;
  double a, b;
  gint64 n_grids = 0, n_stations = 0, n_units = 0;

  gj_records_ensure_types ();
  source = bench_ensure_database (&error);
  syn = source != NULL ? bench_ensure_synthetic (&error) : NULL;
  if (source == NULL || syn == NULL)
    {
      g_print ("bench-overview: skipped: %s\n", error->message);
      return BENCH_SKIP;
    }

  /* A copy: opening migrates, and the units go in. */
  work = g_dir_make_tmp ("bench-overview-XXXXXX", &error);
  if (work == NULL || !g_file_get_contents (source, &contents, &len, &error))
    {
      g_printerr ("bench-overview: %s\n", error->message);
      return 1;
    }
  db = g_build_filename (work, "overview.db", NULL);
  if (!g_file_set_contents (db, contents, len, &error))
    {
      g_printerr ("bench-overview: %s\n", error->message);
      return 1;
    }
  g_clear_pointer (&contents, g_free);
  if (cli != NULL)
    {
      const char *names[] = { "units.csv", "agreements.csv" };
      const char *kinds[] = { "units", "agreements" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *file = g_build_filename (syn, names[i], NULL);
          const char *import[] = { cli, "--db", db, "import", file, "--kind", kinds[i], NULL };
          g_autoptr(GError) local = NULL;

          if (g_file_test (file, G_FILE_TEST_EXISTS) && !bench_run_quietly (import, &local))
            g_printerr ("bench-overview: %s not imported: %s\n", names[i], local->message);
        }
    }

  store = gj_store_open (db, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("bench-overview: %s\n", error->message);
      return 1;
    }
  n_grids = gj_store_count (store, GJ_TYPE_GRID, NULL);
  n_stations = gj_store_count (store, GJ_TYPE_STATION, NULL);
  n_units = gj_store_count (store, GJ_TYPE_UNIT, NULL);

  for (int i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      {
        g_autoptr(GListModel) grids = gj_store_list (store, GJ_TYPE_GRID, &error);
        g_autoptr(GListModel) stations = grids ? gj_store_list (store, GJ_TYPE_STATION, &error) : NULL;
        g_autoptr(GListModel) units = stations ? gj_store_list (store, GJ_TYPE_UNIT, &error) : NULL;

        if (units == NULL)
          break;
      }
      a = seconds_since (t0);

      t0 = g_get_monotonic_time ();
      {
        g_autoptr(GjOverview) ov = gj_store_compute_overview (store, GJ_OVERVIEW_DISTRICT, 0, NULL, 0, &error);

        if (ov == NULL)
          break;
        if (i == 0)
          g_print ("bench-overview: %" G_GINT64_FORMAT " grids, %u gaps, %.1f%% covered, %.1f%% with a station, "
                   "%.1f%% within %.0f m, %" G_GINT64_FORMAT " units\n",
                   ov->grids.count, ov->gaps->len, ov->grid_coverage.percent, ov->grids_with_station.percent,
                   ov->grids_near_station.percent, ov->ring_m, ov->units.count);
      }
      b = seconds_since (t0);
      g_array_append_val (load, a);
      g_array_append_val (overview, b);
    }
  if (error != NULL)
    {
      g_printerr ("bench-overview: %s\n", error->message);
      return 1;
    }

  a = bench_median (load);
  b = bench_median (overview);
  g_print ("bench-overview: %" G_GINT64_FORMAT " grids, %" G_GINT64_FORMAT " stations, %" G_GINT64_FORMAT " units, %d runs\n",
           n_grids, n_stations, n_units, runs);
  g_print ("  load records (gj_store_list grids+stations+units): %.3f s (median)\n", a);
  g_print ("  district overview (gj_store_compute_overview):     %.3f s (median), %.2f x the load\n", b, a > 0 ? b / a : 0);
  g_print ("  target: <= 1 s: %s\n", b <= 1.0 ? "met" : "NOT met");

  for (int w = 0; w <= GJ_GRID_INDICATOR_LAST; w++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GHashTable) t = gj_store_grid_indicator (store, w, &error);

      if (t == NULL)
        {
          g_printerr ("bench-overview: %s\n", error->message);
          return 1;
        }
      g_print ("  grid indicator %-17s %.3f s (%u grids)\n", gj_grid_indicator_to_string (w), seconds_since (t0),
               g_hash_table_size (t));
    }

  g_clear_object (&store);
  {
    g_autoptr(GDir) dir = g_dir_open (work, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (work, name, NULL);

        g_unlink (path);
      }
    g_rmdir (work);
  }
  return 0;
}
