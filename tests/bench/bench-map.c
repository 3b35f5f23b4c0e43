/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Frame time of the map while it pans and zooms: a 1400 × 900 window over
 * the 10,000 synthetic grids and 2,000 stations of gen-synthetic.py, with
 * the grids, stations and selection shown, against the same map with only
 * the basemap, in alternating blocks of the same run. The viewport is driven
 * from a tick callback along a fixed path (a circle, zooming in and out);
 * a frame's time runs from that callback to the frame clock's after-paint.
 * Prints the medians, the 90th percentiles and the ratio against the target
 * (≤ 2× and a median under 16 ms).
 *
 *   bench-map [--frames N]   (needs a display; without one it runs itself
 *                             again under xvfb-run)
 *
 * The database is built once in GJ_BENCH_DIR from GJ_BENCH_SHARED's
 * data/gen-synthetic.py with GJ_BENCH_CLI (bench-common.c); without the
 * script it skips.
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "bench-common.h"
#include "gj-map-view-private.h"

#define TARGET_RATIO 2.0
#define TARGET_MS 16.0

typedef struct
{
  GjMapView *view;
  GMainLoop *loop;
  GjBBox     extent;
  guint      frames_per_block;
  guint      block;        /* 0: cold pass with overlays; then off, on, off, on … */
  guint      n_blocks;
  guint      frame;
  guint64    step;         /* position along the path, never reset */
  gint64     start;
  GArray    *times[3];     /* cold, basemap only, with overlays (ms) */
} Bench;

/* The path: a circle of a third of the district around its middle, zooming
 * between 12.5 and 15.5 — from the whole district to single grids. */
static void
place (Bench *bench)
{
  double t = bench->step / 600.0 * 2 * G_PI;
  double cx = (bench->extent.min_x + bench->extent.max_x) / 2;
  double cy = (bench->extent.min_y + bench->extent.max_y) / 2;
  double rx = (bench->extent.max_x - bench->extent.min_x) / 6;
  double ry = (bench->extent.max_y - bench->extent.min_y) / 6;

  gj_map_view_go_to (bench->view, cx + rx * cos (t), cy + ry * sin (t), 14 + 1.5 * sin (t * 3));
}

static GArray *
block_times (Bench *bench)
{
  if (bench->block == 0)
    return bench->times[0];
  return bench->times[bench->block % 2 == 1 ? 1 : 2];
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;

  bench->start = g_get_monotonic_time ();
  bench->step++;
  place (bench);
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  double ms;

  if (bench->start == 0)
    return;
  ms = (g_get_monotonic_time () - bench->start) / 1000.0;
  bench->start = 0;
  g_array_append_val (block_times (bench), ms);

  if (++bench->frame < bench->frames_per_block)
    return;

  bench->frame = 0;
  if (++bench->block == bench->n_blocks)
    {
      g_main_loop_quit (bench->loop);
      return;
    }
  /* Odd blocks: the basemap alone. */
  gj_map_view_set_show_overlays (bench->view, bench->block % 2 == 0);
}

static gboolean
settled (Bench *bench)
{
  return gj_map_view_get_n_pending (bench->view) == 0;
}

static void
iterate_until (Bench    *bench,
               gboolean (*condition) (Bench *bench))
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (bench) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GtkWidget *window;
  Bench bench = { 0 };
  guint frames = 240;
  double base, grids, ratio;

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--frames") == 0 && i + 1 < argc)
      {
        int n = atoi (argv[++i]);

        frames = MAX (10, n);
      }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return bench_rerun_under_xvfb ("bench-map", argc, argv);

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  if (g_getenv ("GSETTINGS_BACKEND") == NULL)
    g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  db = bench_ensure_database (&error);
  if (db == NULL)
    {
      g_print ("bench-map: skipped: %s\n", error->message);
      return BENCH_SKIP;
    }

  gtk_init ();
  adw_init ();

  store = gj_store_open (db, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !gj_store_get_extent (store, &bench.extent, &error))
    {
      g_printerr ("bench-map: %s: %s\n", db, error ? error->message : "empty database");
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  bench.loop = loop;
  bench.frames_per_block = frames;
  bench.n_blocks = 1 + 4;
  for (guint i = 0; i < G_N_ELEMENTS (bench.times); i++)
    bench.times[i] = g_array_new (FALSE, FALSE, sizeof (double));

  window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  bench.view = GJ_MAP_VIEW (gj_map_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bench.view));
  gj_map_view_set_store (bench.view, store);
  gtk_window_present (GTK_WINDOW (window));

  /* The opening view, drawn. */
  iterate_until (&bench, settled);
  place (&bench);
  iterate_until (&bench, settled);

  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), &bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench.view), tick_cb, &bench, NULL);
  g_main_loop_run (loop);

  base = bench_percentile (bench.times[1], 0.5);
  grids = bench_percentile (bench.times[2], 0.5);
  ratio = base > 0 ? grids / base : 0;

  g_print ("bench-map: %d × %d, %s grids and stations of %s, %u frames per block, renderer %s\n",
           gtk_widget_get_width (window), gtk_widget_get_height (window), "10,000 + 2,000",
           db, frames, G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_print ("  basemap only               median %6.2f ms   p90 %6.2f ms   (%u frames)\n",
           base, bench_percentile (bench.times[1], 0.9), bench.times[1]->len);
  g_print ("  with grids and stations    median %6.2f ms   p90 %6.2f ms   (%u frames)\n",
           grids, bench_percentile (bench.times[2], 0.9), bench.times[2]->len);
  g_print ("  first pass, tiles drawing  median %6.2f ms   p90 %6.2f ms   (%u frames)\n",
           bench_percentile (bench.times[0], 0.5), bench_percentile (bench.times[0], 0.9), bench.times[0]->len);
  g_print ("  ratio %.2f× (target ≤ %.0f×), median %.2f ms (target < %.0f ms): %s\n",
           ratio, TARGET_RATIO, grids, TARGET_MS,
           ratio <= TARGET_RATIO && grids < TARGET_MS ? "met" : "NOT met");

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (bench.times); i++)
    g_array_unref (bench.times[i]);
  return 0;
}
