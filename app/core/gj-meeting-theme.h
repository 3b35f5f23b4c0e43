/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_MEETING_THEME (gj_meeting_theme_get_type ())

/*
 * GjMeetingTheme: one line of a series' yearly theme plan (一月一主题):
 * "series_id" (the master meeting), "month" ("YYYY-MM"), "theme".
 */
G_DECLARE_FINAL_TYPE (GjMeetingTheme, gj_meeting_theme, GJ, MEETING_THEME, GjRecord)

GjMeetingTheme *gj_meeting_theme_new (void);

G_END_DECLS
