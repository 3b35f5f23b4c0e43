/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Searching a unit's name among 10,000 (target ≤ 5 ms), through the
 * store's full-text index, against a plain `LIKE '%…%'` scan of the same
 * table on the same file, measured in the same run.
 *
 * The 10,000 units are the synthetic district's 3,000 (gen-synthetic.py),
 * taken again as branch offices (分部) until there are 10,000.
 *
 *   bench-search [--runs N]     (no display needed)
 */
#include "config.h"

#include "bench-common.h"

#include <csv.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gj-records.h"
#include "gj-store.h"

#define TARGET_MS 5.0
#define N_UNITS   10000

typedef struct
{
  GPtrArray *row;
  GPtrArray *names;
  int        name_column;
  gboolean   header;
} Reader;

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Reader *r = user_data;

  g_ptr_array_add (r->row, g_strndup (data, len));
}

static void
on_row (int   c,
        void *user_data)
{
  Reader *r = user_data;

  if (r->header)
    {
      for (guint i = 0; i < r->row->len; i++)
        if (g_strcmp0 (r->row->pdata[i], "name") == 0)
          r->name_column = i;
      r->header = FALSE;
    }
  else if (r->name_column >= 0 && (guint) r->name_column < r->row->len)
    g_ptr_array_add (r->names, g_strdup (r->row->pdata[r->name_column]));
  g_ptr_array_set_size (r->row, 0);
}

static GPtrArray *
read_names (const char  *path,
            GError     **error)
{
  g_autofree char *text = NULL;
  gsize len;
  struct csv_parser parser;
  Reader r = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free), -1, TRUE };

  if (!g_file_get_contents (path, &text, &len, error))
    return NULL;
  csv_init (&parser, CSV_APPEND_NULL);
  csv_parse (&parser, text, len, on_field, on_row, &r);
  csv_fini (&parser, on_field, on_row, &r);
  csv_free (&parser);
  g_ptr_array_unref (r.row);
  return r.names;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  static const char *queries[] = { "人民医院", "五金", "中原五金店", "实验小学", "不存在的单位名称" };
  int runs = bench_option_count (argc, argv, "--runs", 30, 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *syn = NULL;
  g_autofree char *units = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GArray) ours_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scan_all = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = NULL;
  sqlite3_stmt *scan = NULL;

  syn = bench_ensure_synthetic (&error);
  if (syn == NULL)
    {
      g_print ("bench-search: skipped: %s\n", error->message);
      return BENCH_SKIP;
    }
  units = g_build_filename (syn, "units.csv", NULL);
  names = read_names (units, &error);
  if (names == NULL || names->len == 0)
    {
      g_printerr ("bench-search: cannot read the names in %s: %s\n", units, error ? error->message : "none");
      return 1;
    }

  gj_records_ensure_types ();
  dir = g_dir_make_tmp ("bench-search-XXXXXX", &error);
  path = g_build_filename (dir, "units.db", NULL);
  store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  if (store == NULL || !gj_store_begin (store, &error))
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < N_UNITS; i++)
    {
      g_autoptr(GjRecord) unit = GJ_RECORD (gj_unit_new ());
      const char *name = names->pdata[i % names->len];
      g_autofree char *branch = i < names->len ? g_strdup (name)
                                               : g_strdup_printf ("%s（第%u分部）", name, i / names->len);

      gj_record_set_text (unit, "name", branch);
      if (!gj_store_insert (store, unit, &error))
        {
          g_printerr ("bench-search: %s\n", error->message);
          return 1;
        }
    }
  if (!gj_store_commit (store, &error))
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 1;
    }

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "SELECT id, name FROM unit WHERE name LIKE ?1 ORDER BY id", -1, &scan, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-search: %s\n", sqlite3_errmsg (db));
      return 1;
    }

  g_print ("bench-search: %u units, %d runs per query\n", N_UNITS, runs);
  g_print ("  %-22s %8s %8s %12s\n", "query", "found", "ours ms", "LIKE scan ms");
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) peer = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *pattern = g_strdup_printf ("%%%s%%", queries[q]);
      guint found = 0, scanned = 0;

      for (int i = 0; i < runs + 1; i++)
        {
          double t0, t1, t2;
          g_autoptr(GListModel) result = NULL;

          /* Alternate the order; the first round only warms the caches. */
          t0 = now_ms ();
          result = gj_store_search (store, GJ_TYPE_UNIT, queries[q], &error);
          t1 = now_ms ();
          if (result == NULL)
            {
              g_printerr ("bench-search: %s\n", error->message);
              return 1;
            }
          found = g_list_model_get_n_items (result);
          for (guint k = 0; k < found; k++)
            g_object_unref (g_list_model_get_item (result, k));
          t1 = now_ms ();

          sqlite3_bind_text (scan, 1, pattern, -1, SQLITE_TRANSIENT);
          scanned = 0;
          while (sqlite3_step (scan) == SQLITE_ROW)
            {
              (void) sqlite3_column_text (scan, 1);
              scanned++;
            }
          sqlite3_reset (scan);
          t2 = now_ms ();
          if (i == 0)
            continue;
          {
            double a = t1 - t0, b = t2 - t1;

            g_array_append_val (ours, a);
            g_array_append_val (peer, b);
            g_array_append_val (ours_all, a);
            g_array_append_val (scan_all, b);
          }
        }
      if (scanned != found)
        g_printerr ("bench-search: “%s”: the index found %u, the scan %u\n", queries[q], found, scanned);
      g_print ("  %-22s %8u %8.2f %12.2f\n", queries[q], found, bench_median (ours), bench_median (peer));
    }
  {
    double p95 = bench_percentile (ours_all, 0.95);

    g_print ("  all queries: median %.2f ms, 95th percentile %.2f ms (LIKE scan median %.2f ms)\n",
             bench_median (ours_all), p95, bench_median (scan_all));
    g_print ("  target: at most %.0f ms: %s\n", TARGET_MS, p95 <= TARGET_MS ? "met" : "NOT met");
  }

  sqlite3_finalize (scan);
  sqlite3_close (db);
  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *f = g_strconcat (path, suffixes[i], NULL);

        g_unlink (f);
      }
    g_rmdir (dir);
  }
  return 0;
}
