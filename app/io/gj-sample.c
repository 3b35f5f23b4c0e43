/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gj-io.h"
#include "gj-sample.h"

#define SAMPLE_RESOURCE "/io/github/gongjian/Gongjian/sample/"

static const struct
{
  const char *file;
  const char *kind;
  guint       weight;     /* share of the progress bar */
  gboolean    dated;      /* its dates move with today (see below) */
} parts[] = {
  { "grids.geojson", "grids", 60, FALSE },
  { "stations.geojson", "stations", 10, FALSE },
  { "units.csv", "units", 15, FALSE },
  { "agreements.csv", "agreements", 15, TRUE },
};

/* The generator wrote the district as of this day. */
#define SAMPLE_AS_OF_YEAR  2025
#define SAMPLE_AS_OF_MONTH 6
#define SAMPLE_AS_OF_DAY   30

static gboolean
shift_date (const GMatchInfo *match,
            GString          *out,
            gpointer          user_data)
{
  int days = GPOINTER_TO_INT (user_data);
  g_autofree char *y = g_match_info_fetch (match, 1);
  g_autofree char *m = g_match_info_fetch (match, 2);
  g_autofree char *d = g_match_info_fetch (match, 3);
  int year = atoi (y), month = atoi (m), day = atoi (d);
  GDate date;

  if (!g_date_valid_dmy (day, month, year))
    {
      g_autofree char *all = g_match_info_fetch (match, 0);
      g_string_append (out, all);
      return FALSE;
    }
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_string_append_printf (out, "%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  return FALSE;
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
  g_autoptr(GRegex) regex = g_regex_new ("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b", 0, 0, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *shifted = NULL;
  GDate as_of;
  int days;


  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, SAMPLE_AS_OF_DAY, SAMPLE_AS_OF_MONTH, SAMPLE_AS_OF_YEAR);
  days = g_date_days_between (&as_of, today) / 7 * 7;
  shifted = g_regex_replace_eval (regex, text, -1, 0, 0, shift_date, GINT_TO_POINTER (days), NULL);
  gsize len;

  if (shifted == NULL)
    return g_bytes_ref (bytes);
  len = strlen (shifted);
  return g_bytes_new_take (g_steal_pointer (&shifted), len);
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
