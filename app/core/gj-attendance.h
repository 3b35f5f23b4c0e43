/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_ATTENDANCE (gj_attendance_get_type ())

G_DECLARE_FINAL_TYPE (GjAttendance, gj_attendance, GJ, ATTENDANCE, GjRecord)

GjAttendance *gj_attendance_new (void);

G_END_DECLS
