/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_ATTENDANCE (gj_attendance_get_type ())

G_DECLARE_FINAL_TYPE (GjAttendance, gj_attendance, GJ, ATTENDANCE, GjRecord)

/* One invited unit at one meeting ("status"); a unit present through a
 * substitute is PRESENT with "substitute" naming who came. */
typedef enum
{
  GJ_ATTENDANCE_INVALID = -1,
  GJ_ATTENDANCE_INVITED,   /* not recorded yet */
  GJ_ATTENDANCE_PRESENT,
  GJ_ATTENDANCE_ABSENT,
  GJ_ATTENDANCE_LEAVE,     /* excused (请假) */
} GjAttendanceStatus;

GjAttendance       *gj_attendance_new                (void);

/* "invited", "present", "absent", "leave"; from_string also reads 出席,
 * 缺席, 请假 …; INVALID when it cannot. */
GjAttendanceStatus  gj_attendance_status_from_string (const char         *text);
const char         *gj_attendance_status_to_string   (GjAttendanceStatus  status);
/* Translated: 出席, 缺席, 请假 … */
const char         *gj_attendance_status_get_title   (GjAttendanceStatus  status);
GjAttendanceStatus  gj_attendance_get_status         (GjAttendance       *self);

G_END_DECLS
