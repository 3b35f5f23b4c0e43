/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-history.h"
#include "gj-store-meetings.h"

G_BEGIN_DECLS

#define GJ_TYPE_CALENDAR_PAGE (gj_calendar_page_get_type ())

G_DECLARE_FINAL_TYPE (GjCalendarPage, gj_calendar_page, GJ, CALENDAR_PAGE, GtkWidget)

/*
 * GjCalendarPage: the Meetings page — the month of joint meetings
 * (GjMonthView) filtered by street and series, the upcoming meetings and
 * each unit's attendance this year beside it, and the meeting picked
 * (GjMeetingPanel) in its place. A click on a day, or Enter, offers a new
 * meeting there; the menu makes a monthly series and exports the month.
 */
GtkWidget *gj_calendar_page_new          (void);
void       gj_calendar_page_set_store    (GjCalendarPage *self,
                                          GjStore        *store);
/* Field edits of the meeting panel go through @history (Ctrl+Z), and the
 * page follows its "changed". */
void       gj_calendar_page_set_history  (GjCalendarPage *self,
                                          GjHistory      *history);
/* Reads the meetings again (after an import). */
void       gj_calendar_page_reload       (GjCalendarPage *self);
/* Shows the month of @meeting and opens it in the panel. */
void       gj_calendar_page_show_meeting (GjCalendarPage *self,
                                          GjMeeting      *meeting);

G_END_DECLS
