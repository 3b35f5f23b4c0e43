/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Joint meetings, in process:
 *
 *  1. import of the 2,000 synthetic meetings (meetings.ics from
 *     gen-synthetic.py) into a fresh database, against libical parsing the
 *     same file alone (the floor: no importer can be faster);
 *  2. the month view's data: the occurrences of a month holding 300
 *     meetings (single meetings, weekly series with a theme plan, a moved
 *     and a cancelled occurrence), against reading the same meeting rows
 *     without expanding anything.
 *
 * Medians of alternating runs, printed; it never fails on slowness. It
 * skips (77) when gen-synthetic.py is missing.
 *
 *   bench-meetings [--runs N]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>

#include "bench-common.h"
#include "gj-io.h"
#include "gj-records.h"
#include "gj-store-meetings.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static GjStore *
fresh_store (const char  *dir,
             const char  *name,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  return gj_store_open (path, GJ_STORE_OPEN_CREATE, error);
}

/* 300 meetings in March 2025: 12 weekly series (4 each, one moved, one
 * cancelled) and 252 single meetings. */
static gboolean
fill_month (GjStore  *store,
            GError  **error)
{
  const char *themes[12] = { "一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月" };

  if (!gj_store_begin (store, error))
    return FALSE;
  for (int s = 0; s < 12; s++)
    {
      g_autoptr(GjMeeting) master = gj_meeting_new ();
      g_autofree char *start = g_strdup_printf ("2025-01-%02dT%02d:00:00+08:00", 6 + s % 5, 8 + s % 9);
      GjRecurrence rule;

      gj_recurrence_init (&rule);
      rule.kind = GJ_RECURRENCE_WEEKLY;
      rule.weekday = (GDateWeekday) (1 + s % 5);
      gj_record_set_text (GJ_RECORD (master), "title", "周例会");
      gj_record_set_text (GJ_RECORD (master), "starts_at", start);
      /* The start must be on the rule's weekday for a clean count. */
      if (!gj_store_series_create (store, master, &rule, NULL, error)
          || !gj_store_series_set_themes (store, master, 2025, themes, error))
        return FALSE;
    }
  for (int i = 0; i < 252; i++)
    {
      g_autoptr(GjRecord) m = GJ_RECORD (gj_meeting_new ());
      g_autofree char *start = g_strdup_printf ("2025-03-%02dT%02d:%02d:00+08:00", 1 + i % 31, 8 + i % 10, (i * 7) % 60);

      gj_record_set_text (m, "title", "联席会议");
      gj_record_set_text (m, "starts_at", start);
      gj_record_set_text (m, "status", "scheduled");
      if (!gj_store_insert (store, m, error))
        return FALSE;
    }
  return gj_store_commit (store, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *syn = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *text = NULL;
  g_autofree char *work = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) month = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GjStore) store = NULL;
  int runs = bench_option_count (argc, argv, "--runs", 5, 1);
  guint n_events = 0, n_month = 0, n_rows = 0;
  double a, b;

  gj_records_ensure_types ();
  syn = bench_ensure_synthetic (&error);
  if (syn == NULL)
    {
      g_print ("bench-meetings: skipped: %s\n", error->message);
      return BENCH_SKIP;
    }
  ics = g_build_filename (syn, "meetings.ics", NULL);
  if (!g_file_get_contents (ics, &text, NULL, &error))
    {
      g_print ("bench-meetings: skipped: %s\n", error->message);
      return BENCH_SKIP;
    }
  work = g_dir_make_tmp ("bench-meetings-XXXXXX", &error);
  if (work == NULL)
    {
      g_printerr ("bench-meetings: %s\n", error->message);
      return 1;
    }

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GjStore) s = fresh_store (work, "import.db", &error);
      g_autoptr(GjImportResult) result = NULL;
      icalcomponent *root;

      if (s == NULL)
        break;
      a = now_ms ();
      if (!gj_import_file (s, ics, "meetings", NULL, FALSE, NULL, NULL, NULL, &result, &error))
        break;
      a = now_ms () - a;
      n_events = result->inserted + result->updated;

      b = now_ms ();
      root = icalparser_parse_string (text);
      b = now_ms () - b;
      icalcomponent_free (root);
      g_array_append_val (ours, a);
      g_array_append_val (floor_, b);
    }
  if (error != NULL)
    {
      g_printerr ("bench-meetings: import: %s\n", error->message);
      return 1;
    }

  store = fresh_store (work, "month.db", &error);
  if (store == NULL || !fill_month (store, &error))
    {
      g_printerr ("bench-meetings: %s\n", error->message);
      return 1;
    }
  for (int i = 0; i < runs * 4; i++)
    {
      g_autoptr(GListModel) occ = NULL;
      g_autoptr(GListModel) all = NULL;

      a = now_ms ();
      occ = gj_store_list_occurrences (store, 0, "2025-03-01", "2025-03-31", &error);
      a = now_ms () - a;
      if (occ == NULL)
        break;
      n_month = g_list_model_get_n_items (occ);
      b = now_ms ();
      all = gj_store_list_full (store, GJ_TYPE_MEETING, NULL, GJ_STORE_LIST_NO_GEOMETRY, &error);
      b = now_ms () - b;
      if (all == NULL)
        break;
      n_rows = g_list_model_get_n_items (all);
      g_array_append_val (month, a);
      g_array_append_val (rows, b);
    }
  if (error != NULL)
    {
      g_printerr ("bench-meetings: month: %s\n", error->message);
      return 1;
    }

  g_print ("bench-meetings: import of %u events: %.1f ms; libical parsing alone: %.1f ms; ratio %.2f\n",
           n_events, bench_median (ours), bench_median (floor_), bench_median (ours) / bench_median (floor_));
  g_print ("bench-meetings: month view, %u occurrences: %.2f ms; reading the %u meeting rows alone: %.2f ms; ratio %.2f\n",
           n_month, bench_median (month), n_rows, bench_median (rows), bench_median (month) / bench_median (rows));
  g_clear_object (&store);
  return 0;
}
