/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `gongjian-cli check --json` on the 10,000 synthetic grids (+ 2,000
 * stations) against a shapely script doing the same two checks — overlaps
 * through an STRtree and the overlaps predicate, gaps as the interior rings
 * of the unary union — alternating in the same run. Both print what they
 * found (on the synthetic set: 0 overlaps, 0 gaps); the medians and the
 * ratio are printed against the target (≤ 2 s and faster than shapely).
 *
 * It prints; it does not fail on slowness. It skips (77) when shapely or
 * gen-synthetic.py is missing.
 *
 *   bench-check [--runs N]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "bench-common.h"

#define TARGET_MS 2000.0

static const char shapely_script[] =
  "import json, sys\n"
  "from shapely.geometry import shape\n"
  "from shapely.ops import unary_union\n"
  "from shapely.strtree import STRtree\n"
  "with open(sys.argv[1], encoding='utf-8') as f:\n"
  "    fc = json.load(f)\n"
  "geoms = [shape(ft['geometry']) for ft in fc['features'] if ft.get('geometry')]\n"
  "tree = STRtree(geoms)\n"
  "index = {id(g): i for i, g in enumerate(geoms)}\n"
  "overlaps = 0\n"
  "for i, g in enumerate(geoms):\n"
  "    for h in tree.query(g):\n"
  "        # shapely 1.8 returns geometries, 2.x indices\n"
  "        j = index[id(h)] if hasattr(h, 'geom_type') else int(h)\n"
  "        if j > i and g.overlaps(geoms[j]):\n"
  "            overlaps += 1\n"
  "union = unary_union(geoms)\n"
  "parts = getattr(union, 'geoms', [union])\n"
  "gaps = sum(len(p.interiors) for p in parts)\n"
  "print('%d overlaps, %d gaps' % (overlaps, gaps))\n";

static char *
find_python_with_shapely (void)
{
  const char *candidates[] = { "/usr/bin/python3", "python3" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *python = g_find_program_in_path (candidates[i]);
      const char *argv[] = { python, "-c", "import shapely", NULL };
      g_autoptr(GSubprocess) child = NULL;

      if (python == NULL)
        continue;
      child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);
      if (child != NULL && g_subprocess_wait_check (child, NULL, NULL))
        return g_steal_pointer (&python);
    }
  return NULL;
}

/* "N overlaps, N gaps" from check --json's counts. */
static char *
summarise_check (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *counts;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup ("(unreadable output)");
  root = json_node_get_object (json_parser_get_root (parser));
  counts = json_object_get_object_member (root, "counts");
  if (counts == NULL)
    return g_strdup ("(no counts)");
  return g_strdup_printf ("%" G_GINT64_FORMAT " overlaps, %" G_GINT64_FORMAT " gaps",
                          json_object_has_member (counts, "overlap") ? json_object_get_int_member (counts, "overlap") : 0,
                          json_object_has_member (counts, "gap") ? json_object_get_int_member (counts, "gap") : 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *python = NULL;
  g_autofree char *syn = NULL;
  g_autofree char *grids = NULL;
  g_autofree char *db = NULL;
  g_autofree char *script = NULL;
  g_autofree char *ours_found = NULL;
  g_autofree char *peer_found = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) peer = g_array_new (FALSE, FALSE, sizeof (double));
  const char *cli = g_getenv ("GJ_BENCH_CLI");
  int runs = bench_option_count (argc, argv, "--runs", 3, 1);
  int fd;
  double a, b;

  python = find_python_with_shapely ();
  if (python == NULL)
    {
      g_print ("bench-check: skipped: no python3 with shapely (apt-get install python3-shapely)\n");
      return BENCH_SKIP;
    }
  if (cli == NULL)
    {
      g_printerr ("bench-check: GJ_BENCH_CLI is not set (run it with meson test --benchmark)\n");
      return 1;
    }
  syn = bench_ensure_synthetic (&error);
  if (syn == NULL)
    {
      g_print ("bench-check: skipped: %s\n", error->message);
      return BENCH_SKIP;
    }
  grids = g_build_filename (syn, "grids.geojson", NULL);
  db = bench_ensure_database (&error);
  fd = db ? g_file_open_tmp ("bench-check-XXXXXX.py", &script, &error) : -1;
  if (fd < 0)
    {
      g_printerr ("bench-check: %s\n", error->message);
      return 1;
    }
  g_close (fd, NULL);
  if (!g_file_set_contents (script, shapely_script, -1, &error))
    {
      g_printerr ("bench-check: %s\n", error->message);
      g_unlink (script);
      return 1;
    }

  for (int i = 0; i < runs; i++)
    {
      const char *check[] = { cli, "--db", db, "check", "--json", NULL };
      const char *shapely[] = { python, script, grids, NULL };
      g_autofree char *out_ours = NULL;
      g_autofree char *out_peer = NULL;

      if ((a = bench_time_command (check, &out_ours, &error)) < 0
          || (b = bench_time_command (shapely, &out_peer, &error)) < 0)
        break;
      g_array_append_val (ours, a);
      g_array_append_val (peer, b);
      if (ours_found == NULL)
        {
          ours_found = summarise_check (out_ours);
          peer_found = g_strdup (g_strstrip (out_peer));
        }
    }
  g_unlink (script);
  if (error != NULL)
    {
      g_printerr ("bench-check: %s\n", error->message);
      return 1;
    }

  a = bench_median (ours);
  b = bench_median (peer);
  g_print ("bench-check: %s (10,000 grids + 2,000 stations), %d alternating runs\n", db, runs);
  g_print ("  gongjian-cli check --json  median %8.1f ms   found %s\n", a, ours_found);
  g_print ("  shapely STRtree + union    median %8.1f ms   found %s (%s)\n", b, peer_found, python);
  g_print ("  ratio %.2fx - target <= %.0f s and faster than shapely: %s\n",
           b > 0 ? a / b : 0, TARGET_MS / 1000, a <= TARGET_MS && a < b ? "met" : "NOT met");
  return 0;
}
