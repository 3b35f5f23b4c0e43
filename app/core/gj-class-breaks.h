/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Class breaks for a choropleth (per-grid indicators): pure functions,
 * no I/O, safe in threads.
 */

typedef enum
{
  GJ_BREAK_QUANTILE,        /* about as many values in each class */
  GJ_BREAK_EQUAL_INTERVAL,  /* classes of equal width from min to max */
  GJ_BREAK_JENKS,           /* natural breaks (Jenks–Fisher optimal) */
} GjBreakMethod;

#define GJ_BREAK_METHOD_LAST GJ_BREAK_JENKS

/* "quantile", "equal", "jenks" and back. */
const char *gj_break_method_to_string   (GjBreakMethod  method);
gboolean    gj_break_method_from_string (const char    *text,
                                         GjBreakMethod *method);
/* Translated, for a chooser. */
const char *gj_break_method_get_title   (GjBreakMethod  method);

/*
 * Fills @breaks_out[0 … @n_classes] (n_classes + 1 doubles): breaks_out[0]
 * is the smallest value, breaks_out[n_classes] the largest, class k holds
 * values in (breaks_out[k], breaks_out[k + 1]] (the first class includes
 * its lower bound). Non-finite values are ignored. Breaks never decrease;
 * when there are fewer distinct values than classes, the extra upper
 * breaks repeat the maximum.
 *
 * Returns the number of classes that hold values (≤ @n_classes), 0 when
 * there is no finite value or @n_classes is 0 (then breaks_out is all 0).
 */
guint       gj_indicator_class_breaks   (const double  *values,
                                         guint          n,
                                         guint          n_classes,
                                         GjBreakMethod  method,
                                         double        *breaks_out);

/* The class (0 … n_classes − 1) of @value under @breaks as filled above. */
guint       gj_class_breaks_classify    (const double  *breaks,
                                         guint          n_classes,
                                         double         value);

G_END_DECLS
