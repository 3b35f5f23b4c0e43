/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Resident memory with the 10,000 grids and 2,000 stations of the
 * synthetic district on the map, against a bare AdwApplicationWindow,
 * measured in the same run (target: ≤ the bare window's + 80 MB).
 *
 * Each program is started, left until its resident size has not changed
 * for two seconds (the map's tiles drawn), and read from /proc: VmRSS
 * (now) and VmHWM (the peak). Prints; never fails on size, only when a
 * program cannot run.
 *
 *   bench-memory [--runs N]     (needs a display; without one it runs
 *                                itself again under xvfb-run)
 */
#include "config.h"

#include "bench-common.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#define TARGET_EXTRA_MB 80.0
#define SETTLE_MS       2000
#define POLL_MS         250
#define LIMIT_MS        60000

/* kB of @field ("VmRSS", "VmHWM") of @pid, or -1. */
static gint64
proc_kb (GPid        pid,
         const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = strlen (field);

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, len) == 0 && lines[i][len] == ':')
      return g_ascii_strtoll (lines[i] + len + 1, NULL, 10);
  return -1;
}

/* Starts @argv, waits until it settles, returns VmRSS and VmHWM in MB. */
static gboolean
measure (const char * const *argv,
         char              **envp,
         double             *rss_mb,
         double             *peak_mb)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last = -1, rss = -1;
  guint stable = 0, waited = 0;
  GPid pid;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_environ (launcher, envp);
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (child == NULL)
    {
      g_printerr ("bench-memory: cannot run %s: %s\n", argv[0], error->message);
      return FALSE;
    }
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (child), NULL, 10);

  while (waited < LIMIT_MS && stable < SETTLE_MS)
    {
      g_usleep (POLL_MS * 1000);
      waited += POLL_MS;
      rss = proc_kb (pid, "VmRSS");
      if (rss < 0)
        {
          g_printerr ("bench-memory: %s ended early (run it by hand to see why)\n", argv[0]);
          return FALSE;
        }
      /* Settled: within 1% of the last reading. */
      stable = last > 0 && ABS (rss - last) * 100 <= last ? stable + POLL_MS : 0;
      last = rss;
    }
  *rss_mb = rss / 1024.0;
  *peak_mb = proc_kb (pid, "VmHWM") / 1024.0;
  g_subprocess_send_signal (child, SIGTERM);
  g_subprocess_wait (child, NULL, NULL);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *app = g_getenv ("GJ_BENCH_APP");
  const char *bare = g_getenv ("GJ_BENCH_BARE");
  int runs = bench_option_count (argc, argv, "--runs", 3, 1);
  g_autoptr(GArray) app_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_peak = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) envp = NULL;
  double a, b, extra;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return bench_rerun_under_xvfb ("bench-memory", argc, argv);
  if (app == NULL || bare == NULL)
    {
      g_printerr ("bench-memory: set GJ_BENCH_APP and GJ_BENCH_BARE (meson test --benchmark does)\n");
      return 2;
    }
  db = bench_ensure_database (&error);
  if (db == NULL)
    {
      g_print ("bench-memory: skipped: %s\n", error->message);
      return BENCH_SKIP;
    }

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "GJ_BENCH_STAY", "1", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "GTK_A11Y", "none", TRUE);
  envp = g_environ_setenv (envp, "NO_AT_BRIDGE", "1", TRUE);
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  {
    const char *app_argv[] = { app, "--db", db, NULL };
    const char *bare_argv[] = { bare, NULL };

    for (int i = 0; i < runs; i++)
      {
        double rss, peak;

        if (!measure (app_argv, envp, &rss, &peak))
          return 1;
        g_array_append_val (app_rss, rss);
        g_array_append_val (app_peak, peak);
        if (!measure (bare_argv, envp, &rss, &peak))
          return 1;
        g_array_append_val (bare_rss, rss);
      }
  }

  a = bench_median (app_rss);
  b = bench_median (bare_rss);
  extra = a - b;
  g_print ("bench-memory: %s (10,000 grids + 2,000 stations), %d runs each\n", db, runs);
  g_print ("  gongjian, map shown        median RSS %7.1f MB (peak %.1f MB)\n", a, bench_median (app_peak));
  g_print ("  bare AdwApplicationWindow  median RSS %7.1f MB\n", b);
  g_print ("  extra %.1f MB - target: at most %.0f MB more: %s\n", extra, TARGET_EXTRA_MB,
           extra <= TARGET_EXTRA_MB ? "met" : "NOT met");
  return 0;
}
