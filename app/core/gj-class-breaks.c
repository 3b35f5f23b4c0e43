/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gj-class-breaks.h"

/* Jenks is quadratic in the number of distinct values: above this many,
 * it runs on evenly spaced order statistics, which moves a break by at
 * most one sample step — invisible on a map legend. */
#define JENKS_MAX_VALUES 1500

static const char *method_names[] = { "quantile", "equal", "jenks" };

const char *
gj_break_method_to_string (GjBreakMethod method)
{
  g_return_val_if_fail (method <= GJ_BREAK_METHOD_LAST, NULL);
  return method_names[method];
}

gboolean
gj_break_method_from_string (const char    *text,
                             GjBreakMethod *method)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (method_names); i++)
    if (g_ascii_strcasecmp (text, method_names[i]) == 0)
      {
        *method = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gj_break_method_get_title (GjBreakMethod method)
{
  switch (method)
    {
    case GJ_BREAK_QUANTILE:
      return _("Quantiles");
    case GJ_BREAK_EQUAL_INTERVAL:
      return _("Equal intervals");
    case GJ_BREAK_JENKS:
      return _("Natural breaks (Jenks)");
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

guint
gj_class_breaks_classify (const double *breaks,
                          guint         n_classes,
                          double        value)
{
  g_return_val_if_fail (breaks != NULL || n_classes == 0, 0);

  for (guint k = 0; k + 1 < n_classes; k++)
    if (value <= breaks[k + 1])
      return k;
  return n_classes > 0 ? n_classes - 1 : 0;
}

/* Fisher's optimal partition of the sorted distinct values @v (weights
 * @w, @m of them) into @k classes minimising the within-class sum of
 * squared deviations; fills @upper[0 … k-1] with each class's last index. */
static void
jenks (const double *v,
       const double *w,
       guint         m,
       guint         k,
       guint        *upper)
{
  g_autofree double *sw = g_new0 (double, m + 1);
  g_autofree double *swv = g_new0 (double, m + 1);
  g_autofree double *swv2 = g_new0 (double, m + 1);
  g_autofree double *cost = g_new (double, (gsize) k * m);
  g_autofree guint *from = g_new0 (guint, (gsize) k * m);

  for (guint i = 0; i < m; i++)
    {
      sw[i + 1] = sw[i] + w[i];
      swv[i + 1] = swv[i] + w[i] * v[i];
      swv2[i + 1] = swv2[i] + w[i] * v[i] * v[i];
    }

#define SSD(s, e) ((swv2[(e) + 1] - swv2[(s)]) - (swv[(e) + 1] - swv[(s)]) * (swv[(e) + 1] - swv[(s)]) / (sw[(e) + 1] - sw[(s)]))

  /* cost[j * m + i]: best cost of values 0 … i in j + 1 classes;
   * from[j * m + i]: where its last class starts. */
  for (guint i = 0; i < m; i++)
    cost[i] = SSD (0, i);
  for (guint j = 1; j < k; j++)
    for (guint i = 0; i < m; i++)
      {
        double best = G_MAXDOUBLE;
        guint arg = i;

        if (i < j)
          {
            cost[j * m + i] = G_MAXDOUBLE;
            continue;
          }
        for (guint s = j; s <= i; s++)
          {
            double c = cost[(j - 1) * m + s - 1] + SSD (s, i);

            if (c < best)
              {
                best = c;
                arg = s;
              }
          }
        cost[j * m + i] = best;
        from[j * m + i] = arg;
      }
#undef SSD

  {
    guint e = m - 1;

    for (guint j = k; j-- > 0;)
      {
        upper[j] = e;
        if (j > 0)
          e = from[j * m + e] - 1;
      }
  }
}

guint
gj_indicator_class_breaks (const double  *values,
                           guint          n,
                           guint          n_classes,
                           GjBreakMethod  method,
                           double        *breaks_out)
{
  g_autofree double *sorted = NULL;
  guint m = 0, used = 0;
  double lo, hi;

  g_return_val_if_fail (values != NULL || n == 0, 0);
  g_return_val_if_fail (breaks_out != NULL || n_classes == 0, 0);
  g_return_val_if_fail (method <= GJ_BREAK_METHOD_LAST, 0);

  if (n_classes == 0)
    return 0;
  memset (breaks_out, 0, sizeof (double) * (n_classes + 1));

  sorted = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      sorted[m++] = values[i];
  if (m == 0)
    return 0;
  qsort (sorted, m, sizeof (double), compare_doubles);
  lo = sorted[0];
  hi = sorted[m - 1];
  breaks_out[0] = lo;
  for (guint k = 1; k <= n_classes; k++)
    breaks_out[k] = hi;

  switch (method)
    {
    case GJ_BREAK_QUANTILE:
      for (guint k = 1; k < n_classes; k++)
        {
          guint64 idx = ((guint64) k * m + n_classes - 1) / n_classes;   /* ceil (k m / n) */

          breaks_out[k] = sorted[idx > 0 ? idx - 1 : 0];
        }
      break;

    case GJ_BREAK_EQUAL_INTERVAL:
      for (guint k = 1; k < n_classes; k++)
        breaks_out[k] = lo + (hi - lo) * k / n_classes;
      break;

    case GJ_BREAK_JENKS:
      {
        g_autofree double *v = g_new (double, m);
        g_autofree double *w = g_new (double, m);
        g_autofree guint *upper = NULL;
        guint d = 0, k;

        if (m > JENKS_MAX_VALUES)
          {
            /* Evenly spaced order statistics, min and max included. */
            for (guint i = 0; i < JENKS_MAX_VALUES; i++)
              {
                double x = sorted[(guint64) i * (m - 1) / (JENKS_MAX_VALUES - 1)];

                if (d > 0 && v[d - 1] == x)
                  w[d - 1] += 1;
                else
                  {
                    v[d] = x;
                    w[d++] = 1;
                  }
              }
          }
        else
          for (guint i = 0; i < m; i++)
            {
              if (d > 0 && v[d - 1] == sorted[i])
                w[d - 1] += 1;
              else
                {
                  v[d] = sorted[i];
                  w[d++] = 1;
                }
            }
        k = MIN (n_classes, d);
        upper = g_new (guint, k);
        jenks (v, w, d, k, upper);
        for (guint j = 0; j + 1 < k; j++)
          breaks_out[j + 1] = v[upper[j]];
      }
      break;

    default:
      g_assert_not_reached ();
    }

  /* Never decreasing (quantiles of float noise, equal steps rounding). */
  for (guint k = 1; k <= n_classes; k++)
    if (breaks_out[k] < breaks_out[k - 1])
      breaks_out[k] = breaks_out[k - 1];

  /* Classes that hold values: walk the sorted values once. */
  {
    guint last = G_MAXUINT;

    for (guint i = 0; i < m; i++)
      {
        guint c = gj_class_breaks_classify (breaks_out, n_classes, sorted[i]);

        if (c != last)
          {
            used++;
            last = c;
          }
      }
  }
  return used;
}
