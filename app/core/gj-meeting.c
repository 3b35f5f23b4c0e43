/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gj-meeting.h"

#define DISTRICT_ZONE "Asia/Shanghai"

struct _GjMeeting
{
  GjRecord parent_instance;

  gboolean allow_locked_write;
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
  { "held_at", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Held"), NULL },
  { "minutes_at", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Minutes written"), NULL },
  { "closed_at", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Closed"), NULL },
  { "extra", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, NULL, NULL },
};

static const struct
{
  const char *code;
  const char *title;
  const char *aliases[6];
} statuses[] = {
  { "draft", N_("Draft"), { "草稿", "拟定", "tentative", NULL } },
  { "scheduled", N_("Scheduled"), { "已安排", "待召开", "confirmed", "planned", NULL } },
  { "held", N_("Held"), { "已召开", "已开", NULL } },
  { "minuted", N_("Minutes written"), { "已形成纪要", "纪要已写", "minutes", NULL } },
  { "closed", N_("Closed"), { "已归档", "已关闭", "已办结", NULL } },
  { "cancelled", N_("Cancelled"), { "已取消", "取消", "canceled", NULL } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (statuses) == GJ_MEETING_N_STATUSES);

static gboolean
gj_meeting_validate (GjRecord  *record,
                     GError   **error)
{
  GjMeeting *self = GJ_MEETING (record);
  gboolean allowed = self->allow_locked_write;

  /* One write only: the next edit is refused again. */
  self->allow_locked_write = FALSE;
  if (gj_record_get_id (record) != 0 && gj_meeting_is_locked (self) && !allowed)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0,
                   _("The meeting “%s” is closed: reopen it (with a reason) before changing it."),
                   gj_record_get_label (record));
      return FALSE;
    }
  return TRUE;
}

static void
gj_meeting_class_init (GjMeetingClass *klass)
{
  GjRecordClass *record_class = GJ_RECORD_CLASS (klass);

  gj_record_class_set_fields (record_class, "meeting", fields, G_N_ELEMENTS (fields));
  record_class->validate = gj_meeting_validate;
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

GjMeetingStatus
gj_meeting_status_from_string (const char *text)
{
  g_autofree char *t = NULL;

  if (text == NULL)
    return GJ_MEETING_STATUS_DRAFT;
  t = g_strstrip (g_strdup (text));
  if (*t == '\0')
    return GJ_MEETING_STATUS_DRAFT;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (g_ascii_strcasecmp (t, statuses[i].code) == 0)
        return (GjMeetingStatus) i;
      for (guint k = 0; statuses[i].aliases[k]; k++)
        if (g_ascii_strcasecmp (t, statuses[i].aliases[k]) == 0)
          return (GjMeetingStatus) i;
    }
  return GJ_MEETING_STATUS_INVALID;
}

const char *
gj_meeting_status_to_string (GjMeetingStatus status)
{
  g_return_val_if_fail (status >= 0 && status < GJ_MEETING_N_STATUSES, NULL);
  return statuses[status].code;
}

const char *
gj_meeting_status_get_title (GjMeetingStatus status)
{
  g_return_val_if_fail (status >= 0 && status < GJ_MEETING_N_STATUSES, NULL);
  return _(statuses[status].title);
}

GjMeetingStatus
gj_meeting_get_status (GjMeeting *self)
{
  g_return_val_if_fail (GJ_IS_MEETING (self), GJ_MEETING_STATUS_INVALID);
  return gj_meeting_status_from_string (gj_record_get_text (GJ_RECORD (self), "status"));
}

gboolean
gj_meeting_is_locked (GjMeeting *self)
{
  g_return_val_if_fail (GJ_IS_MEETING (self), FALSE);
  return gj_meeting_get_status (self) == GJ_MEETING_STATUS_CLOSED;
}

void
gj_meeting_allow_locked_write (GjMeeting *self,
                               gboolean   allow)
{
  g_return_if_fail (GJ_IS_MEETING (self));
  self->allow_locked_write = allow;
}

static gboolean
is_blank (const char *s)
{
  for (; s && *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static GDateTime *
parse_start (GjMeeting *self)
{
  const char *starts_at = gj_record_get_text (GJ_RECORD (self), "starts_at");
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (DISTRICT_ZONE);
  g_autofree char *iso = NULL;
  const char *bracket;

  if (zone == NULL)
    zone = g_time_zone_new_offset (8 * 3600);
  if (starts_at == NULL)
    return NULL;
  if (strlen (starts_at) == 10)
    iso = g_strconcat (starts_at, "T00:00:00", NULL);
  else if ((bracket = strchr (starts_at, '[')) != NULL)
    iso = g_strndup (starts_at, bracket - starts_at);
  else
    iso = g_strdup (starts_at);
  return g_date_time_new_from_iso8601 (iso, zone);
}

gboolean
gj_meeting_check_transition (GjMeeting        *self,
                             GjMeetingStatus   to,
                             gboolean          has_decisions,
                             const char       *reason,
                             GDateTime        *now,
                             GError          **error)
{
  GjMeetingStatus from;
  gboolean allowed = FALSE;

  g_return_val_if_fail (GJ_IS_MEETING (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  from = gj_meeting_get_status (self);
  if (to < 0 || to >= GJ_MEETING_N_STATUSES)
    {
      g_set_error_literal (error, GJ_RECORD_ERROR, 0, _("That is not a meeting status."));
      return FALSE;
    }
  if (from == GJ_MEETING_STATUS_INVALID)
    from = GJ_MEETING_STATUS_DRAFT;
  if (from == to)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("The meeting is already “%s”."),
                   gj_meeting_status_get_title (to));
      return FALSE;
    }

  switch (from)
    {
    case GJ_MEETING_STATUS_DRAFT:
      allowed = to == GJ_MEETING_STATUS_SCHEDULED || to == GJ_MEETING_STATUS_CANCELLED;
      break;
    case GJ_MEETING_STATUS_SCHEDULED:
      allowed = to == GJ_MEETING_STATUS_HELD || to == GJ_MEETING_STATUS_DRAFT
                || to == GJ_MEETING_STATUS_CANCELLED;
      break;
    case GJ_MEETING_STATUS_HELD:
      allowed = to == GJ_MEETING_STATUS_MINUTED;
      break;
    case GJ_MEETING_STATUS_MINUTED:
      allowed = to == GJ_MEETING_STATUS_CLOSED;
      break;
    case GJ_MEETING_STATUS_CLOSED:
      allowed = to == GJ_MEETING_STATUS_MINUTED;
      break;
    case GJ_MEETING_STATUS_CANCELLED:
      allowed = to == GJ_MEETING_STATUS_SCHEDULED;
      break;
    case GJ_MEETING_STATUS_INVALID:
    default:
      break;
    }

  if (!allowed)
    {
      if (from == GJ_MEETING_STATUS_CLOSED)
        g_set_error_literal (error, GJ_RECORD_ERROR, 0,
                             _("The meeting is closed: it can only be reopened, with a reason."));
      else if (to == GJ_MEETING_STATUS_CLOSED)
        g_set_error_literal (error, GJ_RECORD_ERROR, 0,
                             _("Only a meeting whose minutes are written can be closed."));
      else if (to == GJ_MEETING_STATUS_MINUTED)
        g_set_error_literal (error, GJ_RECORD_ERROR, 0,
                             _("Minutes can only be written for a meeting that was held."));
      else
        g_set_error (error, GJ_RECORD_ERROR, 0, _("A meeting cannot go from “%s” to “%s”."),
                     gj_meeting_status_get_title (from), gj_meeting_status_get_title (to));
      return FALSE;
    }

  if (to == GJ_MEETING_STATUS_SCHEDULED && gj_record_get_text (GJ_RECORD (self), "starts_at") == NULL)
    {
      g_set_error_literal (error, GJ_RECORD_ERROR, 0, _("A meeting needs a start time before it is scheduled."));
      return FALSE;
    }
  if (to == GJ_MEETING_STATUS_HELD)
    {
      g_autoptr(GDateTime) start = parse_start (self);
      g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();

      if (start == NULL)
        {
          g_set_error_literal (error, GJ_RECORD_ERROR, 0, _("The meeting has no start time, so it cannot have been held."));
          return FALSE;
        }
      if (g_date_time_compare (start, current) > 0)
        {
          g_set_error_literal (error, GJ_RECORD_ERROR, 0, _("The meeting has not started yet, so it cannot have been held."));
          return FALSE;
        }
    }
  if (to == GJ_MEETING_STATUS_MINUTED && from == GJ_MEETING_STATUS_HELD && !has_decisions
      && is_blank (gj_record_get_text (GJ_RECORD (self), "minutes")))
    {
      g_set_error_literal (error, GJ_RECORD_ERROR, 0,
                           _("Write the minutes, or a decision for at least one agenda item, first."));
      return FALSE;
    }
  if (from == GJ_MEETING_STATUS_CLOSED && is_blank (reason))
    {
      g_set_error_literal (error, GJ_RECORD_ERROR, 0, _("Reopening a closed meeting needs a reason."));
      return FALSE;
    }
  return TRUE;
}

static gint64
to_unix (const char *iso,
         GTimeZone  *zone)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) dt = NULL;
  const char *bracket;

  if (iso == NULL || strlen (iso) <= 10)
    return G_MININT64;
  bracket = strchr (iso, '[');
  text = bracket ? g_strndup (iso, bracket - iso) : g_strdup (iso);
  dt = g_date_time_new_from_iso8601 (text, zone);
  return dt ? g_date_time_to_unix (dt) : G_MININT64;
}

guint
gj_meeting_get_length_minutes (GjMeeting *self)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (DISTRICT_ZONE);
  gint64 a, b;

  g_return_val_if_fail (GJ_IS_MEETING (self), 0);
  if (zone == NULL)
    zone = g_time_zone_new_offset (8 * 3600);
  a = to_unix (gj_record_get_text (GJ_RECORD (self), "starts_at"), zone);
  b = to_unix (gj_record_get_text (GJ_RECORD (self), "ends_at"), zone);
  if (a == G_MININT64 || b == G_MININT64 || b <= a)
    return 0;
  return (guint) ((b - a) / 60);
}

char *
gj_meeting_dup_start_date (GjMeeting *self)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (DISTRICT_ZONE);
  g_autoptr(GDateTime) here = NULL;

  g_return_val_if_fail (GJ_IS_MEETING (self), NULL);
  start = parse_start (self);
  if (start == NULL)
    return NULL;
  if (zone == NULL)
    zone = g_time_zone_new_offset (8 * 3600);
  here = g_date_time_to_timezone (start, zone);
  return g_date_time_format (here, "%Y-%m-%d");
}

static JsonObject *
extra_object (GjMeeting *self)
{
  const char *text = gj_record_get_text (GJ_RECORD (self), "extra");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || *text == '\0' || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_object_new ();
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

char *
gj_meeting_dup_extra (GjMeeting  *self,
                      const char *member)
{
  g_autoptr(JsonObject) extra = NULL;
  JsonNode *node;

  g_return_val_if_fail (GJ_IS_MEETING (self), NULL);
  extra = extra_object (self);
  node = json_object_get_member (extra, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

void
gj_meeting_set_extra (GjMeeting  *self,
                      const char *member,
                      const char *value)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  g_return_if_fail (GJ_IS_MEETING (self));
  extra = extra_object (self);
  if (value != NULL)
    json_object_set_string_member (extra, member, value);
  else if (json_object_has_member (extra, member))
    json_object_remove_member (extra, member);
  if (json_object_get_size (extra) == 0)
    {
      gj_record_set_text (GJ_RECORD (self), "extra", NULL);
      return;
    }
  node = json_node_init_object (json_node_alloc (), extra);
  json = json_to_string (node, FALSE);
  gj_record_set_text (GJ_RECORD (self), "extra", json);
}
