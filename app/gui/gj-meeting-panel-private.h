/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-meeting-panel.h"

G_BEGIN_DECLS

/* For the tests: the panel's state and the paths its rows take. */
gboolean    gj_meeting_panel_is_read_only         (GjMeetingPanel     *self);
/* The agenda being edited (GjAgendaItem). */
GListModel *gj_meeting_panel_get_agenda           (GjMeetingPanel     *self);
gboolean    gj_meeting_panel_get_agenda_dirty     (GjMeetingPanel     *self);
/* Moves the agenda item at @from to @to, as a drag or Alt+Up/Down does. */
void        gj_meeting_panel_move_item            (GjMeetingPanel     *self,
                                                   guint               from,
                                                   guint               to);
/* What a unit row's controls do. */
void        gj_meeting_panel_set_unit_invited     (GjMeetingPanel     *self,
                                                   gint64              unit_id,
                                                   gboolean            invited);
void        gj_meeting_panel_set_unit_attendance  (GjMeetingPanel     *self,
                                                   gint64              unit_id,
                                                   GjAttendanceStatus  status,
                                                   const char         *substitute);
/* The reopen dialog's answer. */
gboolean    gj_meeting_panel_reopen               (GjMeetingPanel     *self,
                                                   const char         *reason);
/* The theme row (AdwEntryRow). */
GtkWidget  *gj_meeting_panel_get_title_row        (GjMeetingPanel     *self);
/* The lifecycle button's action ("meeting.schedule" …). */
const char *gj_meeting_panel_get_advance_action   (GjMeetingPanel     *self);

G_END_DECLS
