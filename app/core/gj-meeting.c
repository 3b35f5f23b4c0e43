/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-meeting.h"

struct _GjMeeting
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjMeeting, gj_meeting, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Code"), NULL },
  { "ical_uid", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, NULL, NULL },
  { "series_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "title", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Theme"), NULL },
  { "category", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Category"), NULL },
  { "street_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "street_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Street"), "(SELECT name FROM street WHERE id = t.street_id)" },
  { "starts_at", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Starts"), NULL },
  { "ends_at", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Ends"), NULL },
  { "all_day", GJ_FIELD_BOOL, GJ_FIELD_FLAG_NONE, N_("All day"), NULL },
  { "location", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Place"), NULL },
  { "station_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "organizer", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Convener"), NULL },
  { "status", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Status"), NULL },
  { "minutes", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Minutes"), NULL },
  { "contact", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Contact"), NULL },
  { "contact_phone", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Contact phone"), NULL },
  { "remark", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Remark"), NULL },
  { "extra", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, NULL, NULL },
};

static void
gj_meeting_class_init (GjMeetingClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "meeting", fields, G_N_ELEMENTS (fields));
}

static void
gj_meeting_init (GjMeeting *self)
{
}

GjMeeting *
gj_meeting_new (void)
{
  return g_object_new (GJ_TYPE_MEETING, NULL);
}
