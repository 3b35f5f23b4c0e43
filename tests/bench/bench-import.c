/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Import of the 10,000 synthetic grids (15 MB of GeoJSON; geodesic area and
 * ring checks included) into a fresh database with gongjian-cli, against
 * `ogr2ogr -f GPKG` on the same file, alternating in the same run. Prints
 * the medians and the ratio against the target (faster than ogr2ogr).
 *
 * It prints; it does not fail on slowness. It skips (77) when ogr2ogr or
 * gen-synthetic.py is missing.
 *
 *   bench-import [--runs N]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-common.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *syn = NULL;
  g_autofree char *grids = NULL;
  g_autofree char *ogr2ogr = g_find_program_in_path ("ogr2ogr");
  g_autofree char *work = NULL;
  g_autofree char *db = NULL;
  g_autofree char *gpkg = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) peer = g_array_new (FALSE, FALSE, sizeof (double));
  const char *cli = g_getenv ("GJ_BENCH_CLI");
  int runs = bench_option_count (argc, argv, "--runs", 3, 1);
  double a, b;

  if (ogr2ogr == NULL)
    {
      g_print ("bench-import: skipped: no ogr2ogr (apt-get install gdal-bin)\n");
      return BENCH_SKIP;
    }
  if (cli == NULL)
    {
      g_printerr ("bench-import: GJ_BENCH_CLI is not set (run it with meson test --benchmark)\n");
      return 1;
    }
  syn = bench_ensure_synthetic (&error);
  if (syn == NULL)
    {
      g_print ("bench-import: skipped: %s\n", error->message);
      return BENCH_SKIP;
    }
  grids = g_build_filename (syn, "grids.geojson", NULL);

  work = g_dir_make_tmp ("bench-import-XXXXXX", &error);
  if (work == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 1;
    }
  db = g_build_filename (work, "import.db", NULL);
  gpkg = g_build_filename (work, "out.gpkg", NULL);

  for (int i = 0; i < runs; i++)
    {
      const char *init[] = { cli, "--db", db, "init", NULL };
      const char *import[] = { cli, "--db", db, "import", grids, NULL };
      const char *ogr[] = { ogr2ogr, "-f", "GPKG", gpkg, grids, NULL };

      g_unlink (db);
      if (!bench_run_quietly (init, &error) || (a = bench_time_command (import, NULL, &error)) < 0)
        break;
      g_unlink (gpkg);
      if ((b = bench_time_command (ogr, NULL, &error)) < 0)
        break;
      g_array_append_val (ours, a);
      g_array_append_val (peer, b);
    }

  g_unlink (db);
  g_unlink (gpkg);
  g_rmdir (work);
  if (error != NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 1;
    }

  a = bench_median (ours);
  b = bench_median (peer);
  g_print ("bench-import: %s (10,000 grids), %d alternating runs\n", grids, runs);
  g_print ("  gongjian-cli import        median %8.1f ms\n", a);
  g_print ("  ogr2ogr -f GPKG            median %8.1f ms\n", b);
  g_print ("  ratio %.2fx - target: faster than ogr2ogr: %s\n",
           b > 0 ? a / b : 0, a < b ? "met" : "NOT met");
  return 0;
}
