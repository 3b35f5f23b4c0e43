/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-history.h"
#include "gj-store-meetings.h"

G_BEGIN_DECLS

#define GJ_TYPE_MEETING_PANEL (gj_meeting_panel_get_type ())

G_DECLARE_FINAL_TYPE (GjMeetingPanel, gj_meeting_panel, GJ, MEETING_PANEL, GtkWidget)

/*
 * GjMeetingPanel: one joint meeting's record — theme, time, place,
 * convener (轮值), the lifecycle buttons (schedule → held → minutes
 * written → close; reopen asks why), the agenda (drafted by the store,
 * reordered by drag or Alt+Up/Down, saved at once), the member units
 * invited and their attendance, each matter's minutes and follow-up, and
 * the meeting's documents. A closed meeting shows read-only.
 *
 * Field edits go through the history (Ctrl+Z); the lifecycle, agenda and
 * attendance through the store's meeting functions. "changed" follows
 * every write, "closed" asks the page to go back to the calendar.
 */
GtkWidget *gj_meeting_panel_new          (void);
void       gj_meeting_panel_set_store    (GjMeetingPanel *self,
                                          GjStore        *store);
void       gj_meeting_panel_set_history  (GjMeetingPanel *self,
                                          GjHistory      *history);
/* A stored meeting (an occurrence of a series is materialised first). */
void       gj_meeting_panel_set_meeting  (GjMeetingPanel *self,
                                          GjMeeting      *meeting);
GjMeeting *gj_meeting_panel_get_meeting  (GjMeetingPanel *self);
/* Reads the meeting and its agenda again (after an undo). */
void       gj_meeting_panel_reload       (GjMeetingPanel *self);

G_END_DECLS
