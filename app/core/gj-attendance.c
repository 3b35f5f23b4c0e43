/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-attendance.h"

struct _GjAttendance
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjAttendance, gj_attendance, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "meeting_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "unit_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Unit"), "(SELECT name FROM unit WHERE id = t.unit_id)" },
  { "status", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Attendance"), NULL },
  { "substitute", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Substitute"), NULL },
};

static void
gj_attendance_class_init (GjAttendanceClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "attendance", fields, G_N_ELEMENTS (fields));
}

static void
gj_attendance_init (GjAttendance *self)
{
}

GjAttendance *
gj_attendance_new (void)
{
  return g_object_new (GJ_TYPE_ATTENDANCE, NULL);
}
