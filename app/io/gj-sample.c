/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gj-io.h"
#include "gj-sample.h"

#define SAMPLE_RESOURCE "/io/github/gongjian/Gongjian/sample/"

static const struct
{
  const char *file;
  const char *kind;
  guint       weight;     /* share of the progress bar; they add up to 100 */
  gboolean    dated;      /* its dates move with today (see below) */
} parts[] = {
  { "grids.geojson", "grids", 59, FALSE },
  { "stations.geojson", "stations", 10, FALSE },
  /* The district's and streets' party-mass service centres and two
   * outposts, written for the sample (some centres under 600 m²). */
  { "centres.geojson", "stations", 1, FALSE },
  { "units.csv", "units", 15, FALSE },
  { "agreements.csv", "agreements", 10, TRUE },
  { "meetings.ics", "meetings", 4, TRUE },
  { "problems.csv", "problems", 1, TRUE },
};

/* The generator wrote the district as of this day. */
#define SAMPLE_AS_OF_YEAR  2025
#define SAMPLE_AS_OF_MONTH 6
#define SAMPLE_AS_OF_DAY   30

static gboolean
all_digits (const char *p,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* Moves a date at @p (2025-04-07 in tables, 20250407 in calendars) by
 * @days into @out; returns the length it read, 0 if there is no date. */
static guint
shift_date_at (const char *p,
               const char *end,
               int         days,
               GString    *out)
{
  gboolean dashed = end - p >= 10 && all_digits (p, 4) && p[4] == '-' && all_digits (p + 5, 2) &&
                    p[7] == '-' && all_digits (p + 8, 2) && (end - p == 10 || !g_ascii_isdigit (p[10]));
  gboolean compact = !dashed && end - p >= 8 && all_digits (p, 8) && (end - p == 8 || !g_ascii_isdigit (p[8]));
  int year, month, day;
  GDate date;

  if (!dashed && !compact)
    return 0;
  year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
  month = dashed ? (p[5] - '0') * 10 + (p[6] - '0') : (p[4] - '0') * 10 + (p[5] - '0');
  day = dashed ? (p[8] - '0') * 10 + (p[9] - '0') : (p[6] - '0') * 10 + (p[7] - '0');
  if (!g_date_valid_dmy (day, month, year) || year < 1900)
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_string_append_printf (out, dashed ? "%04d-%02d-%02d" : "%04d%02d%02d",
                          g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  return dashed ? 10 : 8;
}

/*
 * The sample is meant to look alive on the day it is opened: agreements
 * about to expire, meetings next week. Its dates move by the whole weeks
 * between the day it was generated and today (weekdays stay weekdays).
 */
static GBytes *
shift_dates (GBytes *bytes)
{
  g_autoptr(GDate) today = gj_today ();
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);
  const char *end = text + len;
  GString *out = g_string_sized_new (len + 64);
  GDate as_of;
  int days;

  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, SAMPLE_AS_OF_DAY, SAMPLE_AS_OF_MONTH, SAMPLE_AS_OF_YEAR);
  days = g_date_days_between (&as_of, today) / 7 * 7;

  for (const char *p = text; p < end; )
    {
      /* A date starts where a run of digits starts. */
      guint used = (p == text || !g_ascii_isdigit (p[-1])) && g_ascii_isdigit (*p)
                   ? shift_date_at (p, end, days, out) : 0;

      if (used > 0)
        p += used;
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free_to_bytes (out);
}

typedef struct
{
  GjProgressFunc progress;
  gpointer       user_data;
  guint          before;
  guint          weight;
} Progress;

static void
part_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  Progress *p = user_data;

  if (p->progress && total > 0)
    p->progress (p->before + p->weight * done / total, 100, p->user_data);
}

gboolean
gj_sample_load (GjStore        *store,
                GjProgressFunc  progress,
                gpointer        user_data,
                GCancellable   *cancellable,
                GError        **error)
{
  Progress p = { progress, user_data, 0, 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);

  if (!gj_store_begin (store, error))
    return FALSE;

  for (guint i = 0; ok && i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *res = g_strconcat (SAMPLE_RESOURCE, parts[i].file, NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (res, 0, error);

      if (bytes != NULL && parts[i].dated)
        {
          GBytes *shifted = shift_dates (bytes);

          g_bytes_unref (bytes);
          bytes = shifted;
        }
      p.weight = parts[i].weight;
      ok = bytes != NULL &&
           gj_import_bytes (store, parts[i].file, bytes, parts[i].kind, "UTF-8", FALSE,
                            part_progress, &p, cancellable, NULL, error);
      p.before += parts[i].weight;
    }

  if (ok)
    ok = gj_store_log (store, "sample", NULL, "涧西区", NULL, error);
  if (!ok)
    {
      gj_store_rollback (store);
      return FALSE;
    }
  return gj_store_commit (store, error);
}
