/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GJ_TYPE_MONTH_VIEW (gj_month_view_get_type ())

G_DECLARE_FINAL_TYPE (GjMonthView, gj_month_view, GJ, MONTH_VIEW, GtkWidget)

/*
 * GjMonthView: one month of joint meetings as six weeks of days (Monday
 * first), drawn by the widget itself — day numbers, today, the selected
 * day and one chip per meeting coloured by its status (cancelled ones
 * crossed out), "+N" when a day holds more than fits.
 *
 * It shows what it is given (gj_month_view_set_occurrences(), a list of
 * GjOccurrence) and says when the range it covers changed ("notify::month"
 * — read it with gj_month_view_dup_range()), so the page asks the store
 * for just those six weeks.
 *
 * Keys: arrows move the selected day, Page Up / Page Down a month, Home
 * today, Enter opens the day's first meeting or asks for a new one, Shift+
 * Enter always asks for a new one. A click on a chip opens it
 * ("occurrence-activated"), a click on a day selects it and asks for a
 * new meeting there ("day-activated", with the day's rectangle to point a
 * popover at).
 */
GtkWidget *gj_month_view_new               (void);

/* Selects @date ("YYYY-MM-DD"), showing its month. */
void       gj_month_view_select_date       (GjMonthView *self,
                                            const char  *date);
/* The selected day, "YYYY-MM-DD" (owned). */
char      *gj_month_view_dup_selected_date (GjMonthView *self);
/* The first day of the month shown, "YYYY-MM-01" (owned). */
char      *gj_month_view_dup_month         (GjMonthView *self);
/* The month's title as the locale writes it ("2025年3月", "March 2025"). */
char      *gj_month_view_dup_title         (GjMonthView *self);
/* The first and last day of the six weeks shown. */
void       gj_month_view_dup_range         (GjMonthView *self,
                                            char       **from,
                                            char       **to);
/* Page Up / Page Down and Home, for buttons. */
void       gj_month_view_shift_month       (GjMonthView *self,
                                            int          months);
void       gj_month_view_go_today          (GjMonthView *self);

/* The meetings to draw (GjOccurrence; NULL: none). */
void       gj_month_view_set_occurrences   (GjMonthView *self,
                                            GListModel  *occurrences);

/* Today ("YYYY-MM-DD"; NULL: gj_today()). */
void       gj_month_view_set_today         (GjMonthView *self,
                                            const char  *today);

G_END_DECLS
