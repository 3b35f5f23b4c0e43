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

static const struct
{
  const char *code;
  const char *title;
  const char *aliases[5];
} statuses[] = {
  { "invited", N_("Invited"), { "已邀请", "邀请", "needs-action", NULL } },
  { "present", N_("Present"), { "出席", "参会", "到会", "accepted", NULL } },
  { "absent", N_("Absent"), { "缺席", "未到", "declined", NULL } },
  { "leave", N_("On leave"), { "请假", "excused", NULL } },
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

GjAttendanceStatus
gj_attendance_status_from_string (const char *text)
{
  if (text == NULL || *text == '\0')
    return GJ_ATTENDANCE_INVITED;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (g_ascii_strcasecmp (text, statuses[i].code) == 0)
        return (GjAttendanceStatus) i;
      for (guint k = 0; statuses[i].aliases[k]; k++)
        if (g_ascii_strcasecmp (text, statuses[i].aliases[k]) == 0)
          return (GjAttendanceStatus) i;
    }
  return GJ_ATTENDANCE_INVALID;
}

const char *
gj_attendance_status_to_string (GjAttendanceStatus status)
{
  g_return_val_if_fail (status >= 0 && status < (int) G_N_ELEMENTS (statuses), NULL);
  return statuses[status].code;
}

const char *
gj_attendance_status_get_title (GjAttendanceStatus status)
{
  g_return_val_if_fail (status >= 0 && status < (int) G_N_ELEMENTS (statuses), NULL);
  return _(statuses[status].title);
}

GjAttendanceStatus
gj_attendance_get_status (GjAttendance *self)
{
  g_return_val_if_fail (GJ_IS_ATTENDANCE (self), GJ_ATTENDANCE_INVALID);
  return gj_attendance_status_from_string (gj_record_get_text (GJ_RECORD (self), "status"));
}
