/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-calendar-page.h"
#include "gj-meeting-panel.h"
#include "gj-month-view.h"

G_BEGIN_DECLS

/* For the tests. */
GjMonthView    *gj_calendar_page_get_month_view    (GjCalendarPage *self);
GjMeetingPanel *gj_calendar_page_get_meeting_panel (GjCalendarPage *self);
/* "overview" or "meeting". */
const char     *gj_calendar_page_get_side          (GjCalendarPage *self);
/* The upcoming meetings (GjOccurrence) and the attendance table's rows. */
GListModel     *gj_calendar_page_get_upcoming      (GjCalendarPage *self);
guint           gj_calendar_page_get_n_rates       (GjCalendarPage *self);
/* The street filter (0: all). */
void            gj_calendar_page_set_street        (GjCalendarPage *self,
                                                    gint64          street_id);
/* The quick-add popover a day's click opens, and its Create button. */
GtkPopover     *gj_calendar_page_get_quick_add     (GjCalendarPage *self);
GtkEditable    *gj_calendar_page_get_quick_title   (GjCalendarPage *self);
void            gj_calendar_page_quick_add_create  (GjCalendarPage *self);

G_END_DECLS
