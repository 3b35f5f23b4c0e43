/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Frame time of the map while it pans and zooms: a 1400 × 900 window over
 * the 10,000 synthetic grids and 2,000 stations of gen-synthetic.py, with
 * the grids, stations and a selected grid shown, against the same map with
 * only the basemap (the same offline basemap), in alternating blocks of the
 * same run. The viewport is driven from a tick callback along a fixed path
 * (a circle, zooming in and out); a frame's time runs from that callback to
 * the frame clock's after-paint.
 *
 * The path is first flown once each way (with overlays, then basemap only):
 * those laps draw the tiles and are reported apart as the first laps. Tiles
 * that scrolled away before a worker reached them are then drawn by walking
 * the path once more each way, waiting at every step until nothing is
 * pending (not timed). The measured blocks fly the path again, so they time
 * what every frame costs while tiles are cached, not the drawing of new
 * ones: basemap only and with overlays alternate, each pair of blocks over
 * the same stretch of the path, so both see the same places at the same
 * zoom levels (by default the whole lap). Last, the renderer's floor: the
 * same lap in a plain widget that draws nothing but tile textures, as many
 * and as large as the map's, in place of the map — what the machine's GTK
 * renderer costs for these pixels before the map adds anything. Prints the
 * medians, the 90th percentiles, the processor time per frame and the ratio
 * against the target (≤ 2× and a median under 16 ms).
 *
 *   bench-map [--frames N]   (N frames per measured block, 300 by default;
 *                             needs a display, without one it runs itself
 *                             again under xvfb-run)
 *
 * The database is built once in GJ_BENCH_DIR from GJ_BENCH_SHARED's
 * data/gen-synthetic.py with GJ_BENCH_CLI (bench-common.c); without the
 * script it skips.
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "gj-map-painter.h"
#include "gj-map-view-private.h"

#define TARGET_RATIO 2.0
#define TARGET_MS 16.0
/* Frames in one lap of the path. */
#define PATH_STEPS 600
/* Blocks 0 and 1 are the first laps (with overlays, then without); the
 * measured blocks after them come in pairs, basemap only then with
 * overlays, each pair over the next stretch of the path; the floor last. */
#define N_FIRST_LAPS 2
#define N_MEASURED 4
#define FLOOR_BLOCK (N_FIRST_LAPS + N_MEASURED)
/* Distinct tile textures the floor widget repeats, per row and column. */
#define N_FLOOR_TILES 4

enum {
  KIND_FIRST_LAPS,
  KIND_BASEMAP,
  KIND_OVERLAYS,
  KIND_FLOOR,
  N_KINDS
};

/* The floor: tile textures laid out as GjTileLayer lays them out, with
 * nothing else. */
#define BENCH_TYPE_TILES (bench_tiles_get_type ())
G_DECLARE_FINAL_TYPE (BenchTiles, bench_tiles, BENCH, TILES, GtkWidget)

struct _BenchTiles
{
  GtkWidget   parent_instance;
  GdkTexture *textures[N_FLOOR_TILES * N_FLOOR_TILES];
  double      lon, lat, zoom;
};

G_DEFINE_FINAL_TYPE (BenchTiles, bench_tiles, GTK_TYPE_WIDGET)

static void
bench_tiles_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  BenchTiles *self = BENCH_TILES (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint zoom = (guint) floor (self->zoom);
  double size = GJ_TILE_SIZE * exp2 (self->zoom - zoom);
  double cx = gj_map_lon_to_x (self->lon, zoom) / GJ_TILE_SIZE * size;
  double cy = gj_map_lat_to_y (self->lat, zoom) / GJ_TILE_SIZE * size;
  int x0 = (int) floor ((cx - width / 2.0) / size), x1 = (int) floor ((cx + width / 2.0) / size);
  int y0 = (int) floor ((cy - height / 2.0) / size), y1 = (int) floor ((cy + height / 2.0) / size);

  for (int ty = y0; ty <= y1; ty++)
    for (int tx = x0; tx <= x1; tx++)
      {
        double left = round (tx * size - cx) + width / 2.0, top = round (ty * size - cy) + height / 2.0;
        double right = round ((tx + 1) * size - cx) + width / 2.0;
        double bottom = round ((ty + 1) * size - cy) + height / 2.0;
        guint i = (tx & (N_FLOOR_TILES - 1)) + N_FLOOR_TILES * (ty & (N_FLOOR_TILES - 1));

        gtk_snapshot_append_texture (snapshot, self->textures[i],
                                     &GRAPHENE_RECT_INIT (left, top, right - left, bottom - top));
      }
}

static void
bench_tiles_finalize (GObject *object)
{
  BenchTiles *self = BENCH_TILES (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->textures); i++)
    g_clear_object (&self->textures[i]);
  G_OBJECT_CLASS (bench_tiles_parent_class)->finalize (object);
}

static void
bench_tiles_class_init (BenchTilesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_tiles_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = bench_tiles_snapshot;
}

static void
bench_tiles_init (BenchTiles *self)
{
}

/* Real basemap tiles from the middle of @extent, drawn once. */
static BenchTiles *
bench_tiles_new (GjTileSource *source,
                 const GjBBox *extent)
{
  BenchTiles *self = g_object_new (BENCH_TYPE_TILES, "hexpand", TRUE, "vexpand", TRUE, NULL);
  guint x = (guint) (gj_map_lon_to_x ((extent->min_x + extent->max_x) / 2, 14) / GJ_TILE_SIZE);
  guint y = (guint) (gj_map_lat_to_y ((extent->min_y + extent->max_y) / 2, 14) / GJ_TILE_SIZE);

  for (guint i = 0; i < G_N_ELEMENTS (self->textures); i++)
    self->textures[i] = gj_tile_source_render_tile (source, 14, x + i % N_FLOOR_TILES, y + i / N_FLOOR_TILES);
  return self;
}

typedef struct
{
  GjMapView *view;
  BenchTiles *floor;       /* in the map's place for the floor block */
  GMainLoop *loop;
  GjBBox     extent;
  guint      frames_per_block;
  guint      block;
  guint      frame;
  guint64    step;         /* position along the path */
  gboolean   flying;       /* the tick callback moves the view */
  guint64    painted;      /* frames painted, timed or not */
  gint64     start;
  GArray    *times[N_KINDS];  /* frame times (ms) */
  /* Processor time of the whole process (every thread: the renderer's
   * too) while each kind of block ran, and when this block began (ms). */
  double     cpu[N_KINDS];
  double     block_cpu;
} Bench;

/* User and system time of every thread of the process, in ms. Unlike the
 * frame times it does not grow when other programs share the machine. */
static double
process_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

/* The path: a circle of a third of the district around its middle, zooming
 * between 12.5 and 15.5 — from the whole district to single grids. */
static void
path_point (Bench  *bench,
            guint64 step,
            double *lon,
            double *lat,
            double *zoom)
{
  double t = (double) step / PATH_STEPS * 2 * G_PI;
  double cx = (bench->extent.min_x + bench->extent.max_x) / 2;
  double cy = (bench->extent.min_y + bench->extent.max_y) / 2;
  double rx = (bench->extent.max_x - bench->extent.min_x) / 6;
  double ry = (bench->extent.max_y - bench->extent.min_y) / 6;

  *lon = cx + rx * cos (t);
  *lat = cy + ry * sin (t);
  *zoom = 14 + 1.5 * sin (t * 3);
}

static void
place (Bench *bench)
{
  double lon, lat, zoom;

  path_point (bench, bench->step, &lon, &lat, &zoom);
  if (bench->floor != NULL)
    {
      bench->floor->lon = lon;
      bench->floor->lat = lat;
      bench->floor->zoom = zoom;
      gtk_widget_queue_draw (GTK_WIDGET (bench->floor));
    }
  else
    gj_map_view_go_to (bench->view, lon, lat, zoom);
}

static gboolean
block_shows_overlays (guint block)
{
  return block < N_FIRST_LAPS ? block == 0 : (block - N_FIRST_LAPS) % 2 == 1;
}

static guint
block_frames (Bench *bench,
              guint  block)
{
  if (block == FLOOR_BLOCK)
    return 2 * bench->frames_per_block;
  return block < N_FIRST_LAPS ? PATH_STEPS : bench->frames_per_block;
}

static guint
block_kind (Bench *bench)
{
  if (bench->block < N_FIRST_LAPS)
    return KIND_FIRST_LAPS;
  if (bench->block == FLOOR_BLOCK)
    return KIND_FLOOR;
  return block_shows_overlays (bench->block) ? KIND_OVERLAYS : KIND_BASEMAP;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;

  if (!bench->flying)
    return G_SOURCE_CONTINUE;
  bench->start = g_get_monotonic_time ();
  bench->step++;
  place (bench);
  return G_SOURCE_CONTINUE;
}

static void start_block (Bench *bench);

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  double ms;

  bench->painted++;
  if (bench->start == 0)
    return;
  ms = (g_get_monotonic_time () - bench->start) / 1000.0;
  bench->start = 0;
  g_array_append_val (bench->times[block_kind (bench)], ms);

  if (++bench->frame < block_frames (bench, bench->block))
    return;

  bench->cpu[block_kind (bench)] += process_cpu_ms () - bench->block_cpu;
  bench->frame = 0;
  bench->block++;
  /* After the first laps, the measured blocks and the floor, main ()
   * takes over. */
  if (bench->block == N_FIRST_LAPS || bench->block >= FLOOR_BLOCK)
    {
      bench->flying = FALSE;
      g_main_loop_quit (bench->loop);
      return;
    }
  start_block (bench);
}

static void
start_block (Bench *bench)
{
  bench->block_cpu = process_cpu_ms ();
  /* The tick callback steps before it places the view. */
  if (bench->block == FLOOR_BLOCK)
    {
      bench->step = PATH_STEPS - 1;
      return;
    }
  gj_map_view_set_show_overlays (bench->view, block_shows_overlays (bench->block));
  if (bench->block >= N_FIRST_LAPS)
    {
      guint pair = (bench->block - N_FIRST_LAPS) / 2;

      bench->step = PATH_STEPS + (guint64) pair * bench->frames_per_block - 1;
    }
}

/* Waits for a frame painted after now and for every tile it asked for. */
static void
settle (Bench *bench)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint64 painted = bench->painted;

  while ((bench->painted == painted || gj_map_view_get_n_pending (bench->view) > 0)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* Fly the path once each way, one step a frame, settling at every step. */
static void
walk_path (Bench *bench)
{
  for (int overlays = 1; overlays >= 0; overlays--)
    {
      gj_map_view_set_show_overlays (bench->view, overlays);
      for (bench->step = 0; bench->step < PATH_STEPS; bench->step++)
        {
          place (bench);
          settle (bench);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GjGrid) selected = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  GtkWidget *window, *view;
  Bench bench = { 0 };
  guint frames = bench_option_count (argc, argv, "--frames", PATH_STEPS / 2, 10);
  double base, grids, ratio, lon, lat, zoom;

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
  for (guint i = 0; i < G_N_ELEMENTS (bench.times); i++)
    bench.times[i] = g_array_new (FALSE, FALSE, sizeof (double));

  /* The app's own stylesheet, which AdwApplication loads for the app. */
  g_type_ensure (GJ_TYPE_MAP_VIEW);
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/gongjian/Gongjian/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  bench.view = GJ_MAP_VIEW (gj_map_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bench.view));
  gj_map_view_set_store (bench.view, store);
  /* The grid where the path starts is selected, as after a click. */
  path_point (&bench, 0, &lon, &lat, &zoom);
  selected = gj_store_find_grid_at (store, lon, lat, &error);
  if (selected == NULL)
    {
      g_printerr ("bench-map: no grid at the start of the path%s%s\n",
                  error ? ": " : "", error ? error->message : "");
      return 1;
    }
  gj_map_view_select_record (bench.view, GJ_RECORD (selected));
  gtk_window_present (GTK_WINDOW (window));

  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), &bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench.view), tick_cb, &bench, NULL);

  /* The opening view, drawn. */
  place (&bench);
  settle (&bench);

  /* The first laps, then every tile of the path, then the measured blocks. */
  start_block (&bench);
  bench.flying = TRUE;
  g_main_loop_run (loop);
  walk_path (&bench);
  start_block (&bench);
  bench.flying = TRUE;
  g_main_loop_run (loop);

  /* Then the floor, in the map's place. */
  bench.floor = bench_tiles_new (GJ_TILE_SOURCE (gj_map_view_get_basemap_source (bench.view)), &bench.extent);
  view = g_object_ref (GTK_WIDGET (bench.view));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bench.floor));
  gtk_widget_add_tick_callback (GTK_WIDGET (bench.floor), tick_cb, &bench, NULL);
  start_block (&bench);
  bench.flying = TRUE;
  g_main_loop_run (loop);

  base = bench_percentile (bench.times[KIND_BASEMAP], 0.5);
  grids = bench_percentile (bench.times[KIND_OVERLAYS], 0.5);
  ratio = base > 0 ? grids / base : 0;

  g_print ("bench-map: %d × %d, %s grids and stations of %s, one grid selected, "
           "%u frames per measured block, renderer %s, %u processors\n",
           gtk_widget_get_width (window), gtk_widget_get_height (window), "10,000 + 2,000",
           db, frames, G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
           g_get_num_processors ());
  /* The processor time per frame says what a frame costs when the frame
   * times say more about other programs on the machine. */
  for (guint i = 0; i < N_KINDS; i++)
    {
      static const guint order[] = { KIND_BASEMAP, KIND_OVERLAYS, KIND_FIRST_LAPS, KIND_FLOOR };
      static const char * const titles[] = {
        [KIND_FIRST_LAPS] = "first laps, tiles drawing",
        [KIND_BASEMAP] = "basemap only",
        [KIND_OVERLAYS] = "with grids and stations",
        [KIND_FLOOR] = "floor: tile textures alone",
      };
      GArray *times = bench.times[order[i]];

      g_print ("  %-27s median %6.2f ms   p90 %6.2f ms   processor %6.2f ms/frame   (%u frames)\n",
               titles[order[i]], bench_percentile (times, 0.5), bench_percentile (times, 0.9),
               times->len > 0 ? bench.cpu[order[i]] / times->len : 0, times->len);
    }
  g_print ("  ratio %.2f× (target ≤ %.0f×), median %.2f ms (target < %.0f ms): %s\n",
           ratio, TARGET_RATIO, grids, TARGET_MS,
           ratio <= TARGET_RATIO && grids < TARGET_MS ? "met" : "NOT met");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (view);
  for (guint i = 0; i < G_N_ELEMENTS (bench.times); i++)
    g_array_unref (bench.times[i]);
  return 0;
}
