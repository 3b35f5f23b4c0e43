/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The synthetic district is made once per build directory (GJ_BENCH_DIR)
 * from GJ_BENCH_SHARED's data/gen-synthetic.py; the database of its 10,000
 * grids and 2,000 stations once more with GJ_BENCH_CLI.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include <sys/wait.h>

#include <stdlib.h>

#include "bench-common.h"

gboolean
bench_run_quietly (const char * const *argv,
                   GError            **error)
{
  g_autoptr(GSubprocess) child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error);

  return child != NULL && g_subprocess_wait_check (child, NULL, error);
}

static const char *
bench_dir (void)
{
  const char *dir = g_getenv ("GJ_BENCH_DIR");

  return dir != NULL ? dir : g_get_tmp_dir ();
}

/* The directory holding grids.geojson and stations.geojson. */
char *
bench_ensure_synthetic (GError **error)
{
  const char *shared = g_getenv ("GJ_BENCH_SHARED");
  g_autofree char *syn = g_build_filename (bench_dir (), "bench-synthetic", NULL);
  g_autofree char *grids = g_build_filename (syn, "grids.geojson", NULL);
  g_autofree char *stations = g_build_filename (syn, "stations.geojson", NULL);
  g_autofree char *script = NULL;

  if (g_file_test (grids, G_FILE_TEST_EXISTS) && g_file_test (stations, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&syn);

  script = shared ? g_build_filename (shared, "data", "gen-synthetic.py", NULL) : NULL;
  if (script == NULL || !g_file_test (script, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "no gen-synthetic.py (set GJ_BENCH_SHARED to the shared/ directory)");
      return NULL;
    }
  g_printerr ("bench: generating the synthetic district in %s ...\n", syn);
  {
    const char *gen[] = { "python3", script, syn, NULL };

    if (!bench_run_quietly (gen, error))
      return NULL;
  }
  return g_steal_pointer (&syn);
}

/* A database holding the 10,000 grids and 2,000 stations. */
char *
bench_ensure_database (GError **error)
{
  const char *cli = g_getenv ("GJ_BENCH_CLI");
  g_autofree char *db = g_build_filename (bench_dir (), "bench-synthetic.db", NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *syn = NULL;
  g_autofree char *grids = NULL;
  g_autofree char *stations = NULL;

  if (g_file_test (db, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&db);
  if (cli == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no gongjian-cli (GJ_BENCH_CLI)");
      return NULL;
    }
  syn = bench_ensure_synthetic (error);
  if (syn == NULL)
    return NULL;

  tmp = g_strconcat (db, ".part", NULL);
  grids = g_build_filename (syn, "grids.geojson", NULL);
  stations = g_build_filename (syn, "stations.geojson", NULL);
  g_unlink (tmp);
  g_printerr ("bench: building the 10,000-grid database in %s ...\n", db);
  {
    const char *init[] = { cli, "--db", tmp, "init", NULL };
    const char *import_grids[] = { cli, "--db", tmp, "import", grids, NULL };
    const char *import_stations[] = { cli, "--db", tmp, "import", stations, NULL };

    if (!bench_run_quietly (init, error) || !bench_run_quietly (import_grids, error)
        || !bench_run_quietly (import_stations, error))
      return NULL;
  }
  if (g_rename (tmp, db) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot rename %s", tmp);
      return NULL;
    }
  return g_steal_pointer (&db);
}

/* Milliseconds from spawn to a successful exit, or a negative number with
 * @error set. With @out, the child's standard output is kept there. */
double
bench_time_command (const char * const *argv,
                    char              **out,
                    GError            **error)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;
  gint64 start, end;

  start = g_get_monotonic_time ();
  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (child == NULL
      || !g_subprocess_communicate_utf8 (child, NULL, NULL, &stdout_buf, &stderr_buf, error))
    return -1;
  end = g_get_monotonic_time ();

  if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s", argv[0],
                   stderr_buf ? stderr_buf : "");
      return -1;
    }
  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  return (double) (end - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len == 0)
    return 0;
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1)
          + g_array_index (values, double, values->len / 2)) / 2;
}

double
bench_percentile (GArray *values,
                  double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

int
bench_rerun_under_xvfb (const char  *name,
                        int          argc,
                        char       **argv)
{
  g_autofree char *xvfb = g_find_program_in_path ("xvfb-run");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (xvfb == NULL)
    {
      g_printerr ("%s: no display and no xvfb-run; run it under a display\n", name);
      return 1;
    }
  g_ptr_array_add (args, xvfb);
  g_ptr_array_add (args, (gpointer) "-a");
  g_ptr_array_add (args, (gpointer) "-s");
  g_ptr_array_add (args, (gpointer) "-screen 0 1400x900x24");
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  if (!g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, &error))
    {
      g_printerr ("%s: cannot run xvfb-run: %s\n", name, error->message);
      return 1;
    }
  return WIFEXITED (status) ? WEXITSTATUS (status) : 1;
}

int
bench_option_count (int          argc,
                    char       **argv,
                    const char  *option,
                    int          fallback,
                    int          min)
{
  int value = fallback;

  for (int i = 1; i + 1 < argc; i++)
    if (g_strcmp0 (argv[i], option) == 0)
      {
        value = atoi (argv[i + 1]);
        i++;
      }
  return MAX (min, value);
}
