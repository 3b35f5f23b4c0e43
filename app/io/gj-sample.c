/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-io.h"
#include "gj-sample.h"

#define SAMPLE_RESOURCE "/io/github/gongjian/Gongjian/sample/"

static const struct
{
  const char *file;
  const char *kind;
  guint       weight;   /* share of the progress bar */
} parts[] = {
  { "grids.geojson", "grids", 70 },
  { "stations.geojson", "stations", 10 },
  { "units.csv", "units", 20 },
};

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
