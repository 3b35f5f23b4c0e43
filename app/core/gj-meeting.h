/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_MEETING (gj_meeting_get_type ())

G_DECLARE_FINAL_TYPE (GjMeeting, gj_meeting, GJ, MEETING, GjRecord)

GjMeeting *gj_meeting_new (void);

G_END_DECLS
