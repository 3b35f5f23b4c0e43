/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Start to first frame: Gongjian on the sample district against a bare
 * AdwApplicationWindow, started alternately in the same run on the same
 * machine. Each child quits right after painting its first frame; the
 * driver measures the wall time from spawn to exit and prints the medians
 * and their ratio against the target (≤ 1.5×).
 *
 * It prints; it does not fail on slowness. It fails only when a program
 * cannot be run at all.
 *
 *   bench-startup [--runs N] [--keep]     (needs a display; without one it
 *                                          runs itself again under xvfb-run)
 *
 * The programs come from GJ_BENCH_APP and GJ_BENCH_BARE (set by meson).
 */
#include "config.h"

#include "bench-common.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "gj-sample.h"
#include "gj-store.h"

#define TARGET_RATIO 1.5
#define CHILD_TIMEOUT_SECONDS 120

typedef struct
{
  GMainLoop *loop;
  gboolean   timed_out;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_main_loop_quit (wait->loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timed_out = TRUE;
  g_main_loop_quit (wait->loop);
  return G_SOURCE_REMOVE;
}

/* Milliseconds from spawn to exit, or a negative number on failure. */
static double
time_one (const char * const *argv,
          char              **envp)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Wait wait = { loop, FALSE };
  gint64 start, end;
  guint timeout_id;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, envp);

  start = g_get_monotonic_time ();
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (child == NULL)
    {
      g_printerr ("bench-startup: cannot run %s: %s\n", argv[0], error->message);
      return -1;
    }

  timeout_id = g_timeout_add_seconds (CHILD_TIMEOUT_SECONDS, timeout_cb, &wait);
  g_subprocess_wait_async (child, NULL, wait_cb, &wait);
  g_main_loop_run (loop);
  end = g_get_monotonic_time ();

  if (wait.timed_out)
    {
      g_printerr ("bench-startup: %s painted nothing within %d s\n", argv[0], CHILD_TIMEOUT_SECONDS);
      g_subprocess_force_exit (child);
      return -1;
    }
  g_source_remove (timeout_id);

  if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0)
    {
      g_printerr ("bench-startup: %s failed (run it by hand to see why)\n", argv[0]);
      return -1;
    }

  return (double) (end - start) / 1000.0;
}

static char *
build_sample (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  if (store == NULL || !gj_sample_load (store, NULL, NULL, NULL, &error))
    {
      g_printerr ("bench-startup: cannot build the sample district: %s\n", error->message);
      return NULL;
    }

  return g_steal_pointer (&path);
}

int
main (int   argc,
      char *argv[])
{
  const char *app = g_getenv ("GJ_BENCH_APP");
  const char *bare = g_getenv ("GJ_BENCH_BARE");
  g_autoptr(GArray) app_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sample = NULL;
  g_auto(GStrv) envp = NULL;
  int runs = 7;
  gboolean keep = FALSE;
  double app_median, bare_median, ratio;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Start each program N times (default 7)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the sample database", NULL },
    { NULL }
  };

  context = g_option_context_new ("— start to first frame, Gongjian vs a bare window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 2;
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      char *again[] = { argv[0], NULL, NULL, NULL };
      g_autofree char *runs_arg = g_strdup_printf ("--runs=%d", runs);

      again[1] = runs_arg;
      again[2] = keep ? (char *) "--keep" : NULL;
      return bench_rerun_under_xvfb ("bench-startup", keep ? 3 : 2, again);
    }

  if (app == NULL || bare == NULL)
    {
      g_printerr ("bench-startup: set GJ_BENCH_APP and GJ_BENCH_BARE (meson test --benchmark does)\n");
      return 2;
    }

  dir = g_dir_make_tmp ("gongjian-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 1;
    }
  sample = build_sample (dir);
  if (sample == NULL)
    return 1;

  /* Both children alike: quit after the first frame, settings in memory,
   * and no session bus, so neither can hand over to a running instance. */
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "GJ_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "GTK_A11Y", "none", TRUE);
  envp = g_environ_setenv (envp, "NO_AT_BRIDGE", "1", TRUE);
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  {
    const char *app_argv[] = { app, "--db", sample, NULL };
    const char *bare_argv[] = { bare, NULL };

    /* One untimed start of each fills the page cache and font caches. */
    if (time_one (app_argv, envp) < 0 || time_one (bare_argv, envp) < 0)
      return 1;

    for (int i = 0; i < MAX (runs, 1); i++)
      {
        /* Alternate which goes first, so drift hurts both alike. */
        const char * const *first = i % 2 == 0 ? app_argv : bare_argv;
        const char * const *second = i % 2 == 0 ? bare_argv : app_argv;
        double a = time_one (first, envp);
        double b = time_one (second, envp);

        if (a < 0 || b < 0)
          return 1;
        g_array_append_val (i % 2 == 0 ? app_times : bare_times, a);
        g_array_append_val (i % 2 == 0 ? bare_times : app_times, b);
      }
  }

  app_median = bench_median (app_times);
  bare_median = bench_median (bare_times);
  ratio = bare_median > 0 ? app_median / bare_median : 0;

  g_print ("start to first frame, median of %d runs each (renderer: %s)\n", MAX (runs, 1),
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  g_print ("  gongjian on the sample district   %8.1f ms\n", app_median);
  g_print ("  bare AdwApplicationWindow         %8.1f ms\n", bare_median);
  g_print ("  ratio                             %8.2fx   target <= %.1fx: %s\n", ratio, TARGET_RATIO,
           ratio <= TARGET_RATIO ? "met" : "NOT met");

  if (keep)
    g_print ("  sample database kept at %s\n", sample);
  else
    {
      g_autofree char *wal = g_strconcat (sample, "-wal", NULL);
      g_autofree char *shm = g_strconcat (sample, "-shm", NULL);

      g_remove (sample);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (dir);
    }

  return 0;
}
