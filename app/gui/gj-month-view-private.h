/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-month-view.h"
#include "gj-recurrence.h"

G_BEGIN_DECLS

/* For the tests: what the view would draw on @date. */
guint         gj_month_view_get_n_chips_on_day (GjMonthView *self,
                                                const char  *date);
/* The @index-th meeting of @date (borrowed), or NULL. */
GjOccurrence *gj_month_view_get_chip           (GjMonthView *self,
                                                const char  *date,
                                                guint        index);
/* The middle of @date's cell, and of its @index-th chip (FALSE when the
 * chip is not drawn, e.g. behind "+N"), in widget coordinates. */
gboolean      gj_month_view_get_day_point      (GjMonthView *self,
                                                const char  *date,
                                                double      *x,
                                                double      *y);
gboolean      gj_month_view_get_chip_point     (GjMonthView *self,
                                                const char  *date,
                                                guint        index,
                                                double      *x,
                                                double      *y);
/* What a primary click at (@x, @y) does. */
void          gj_month_view_click              (GjMonthView *self,
                                                double       x,
                                                double       y);

G_END_DECLS
