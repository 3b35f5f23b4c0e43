/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * iCalendar (RFC 5545) in and out for joint meetings, with libical: it
 * unfolds lines at the byte level (a fold may split a UTF-8 character),
 * resolves TZIDs against the file's VTIMEZONEs, and writes folded lines.
 * Windows zone names ("China Standard Time", as Outlook writes them) are
 * mapped to IANA zones. A bad event is skipped with its reason; the rest
 * of the file is imported. UIDs make re-imports update, not duplicate.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <string.h>

#include "gj-ical.h"
#include "gj-io-private.h"
#include "gj-store-meetings.h"

#define DISTRICT_ZONE "Asia/Shanghai"

/* Outlook and Exchange name zones the Windows way. */
static const struct
{
  const char *windows;
  const char *iana;
} windows_zones[] = {
  { "China Standard Time", "Asia/Shanghai" },
  { "China Time", "Asia/Shanghai" },
  { "Taipei Standard Time", "Asia/Taipei" },
  { "Tokyo Standard Time", "Asia/Tokyo" },
  { "Korea Standard Time", "Asia/Seoul" },
  { "Singapore Standard Time", "Asia/Singapore" },
  { "UTC", "UTC" },
  { "Coordinated Universal Time", "UTC" },
  { "GMT Standard Time", "Europe/London" },
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "Romance Standard Time", "Europe/Paris" },
  { "Central Europe Standard Time", "Europe/Budapest" },
  { "Russian Standard Time", "Europe/Moscow" },
  { "Eastern Standard Time", "America/New_York" },
  { "Central Standard Time", "America/Chicago" },
  { "Mountain Standard Time", "America/Denver" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "AUS Eastern Standard Time", "Australia/Sydney" },
  { "India Standard Time", "Asia/Kolkata" },
};

typedef struct
{
  GjStore        *store;
  GjLinks        *links;
  GHashTable     *seen;
  GHashTable     *streets;     /* street name → id */
  GHashTable     *units;       /* unit name → id */
  GjImportResult *result;
  const char     *name;
  GString        *skipped;     /* reasons, one line each */
} IcalContext;

static icaltimezone *
zone_for_tzid (const char *tzid)
{
  icaltimezone *zone;

  if (tzid == NULL)
    return NULL;
  zone = icaltimezone_get_builtin_timezone (tzid);
  if (zone != NULL)
    return zone;
  for (guint i = 0; i < G_N_ELEMENTS (windows_zones); i++)
    if (g_ascii_strcasecmp (tzid, windows_zones[i].windows) == 0)
      return strcmp (windows_zones[i].iana, "UTC") == 0 ? icaltimezone_get_utc_timezone ()
                                                         : icaltimezone_get_builtin_timezone (windows_zones[i].iana);
  /* "/freeassociation.sourceforge.net/Asia/Shanghai" and similar prefixes. */
  if (strchr (tzid, '/') != NULL)
    {
      const char *p = strstr (tzid, "Asia/");

      if (p == NULL)
        p = strstr (tzid, "Europe/");
      if (p == NULL)
        p = strstr (tzid, "America/");
      if (p != NULL)
        return icaltimezone_get_builtin_timezone (p);
    }
  return NULL;
}

/* The property's time in the district's zone as ISO 8601 with offset, or
 * a date for all-day events; NULL (with @reason) when there is none. */
static char *
event_time (icalcomponent     *event,
            icalproperty_kind  kind,
            gboolean          *all_day,
            char             **reason)
{
  icalproperty *prop = icalcomponent_get_first_property (event, kind);
  struct icaltimetype t;
  icaltimezone *zone;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) there = NULL;
  time_t seconds;

  if (prop == NULL)
    return NULL;
  t = icalproperty_get_datetime_with_component (prop, event);
  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t))
    {
      if (reason)
        *reason = g_strdup_printf (_("its %s is not a valid date or time"), icalproperty_kind_to_string (kind));
      return NULL;
    }
  if (icaltime_is_date (t))
    {
      *all_day = TRUE;
      return g_strdup_printf ("%04d-%02d-%02d", t.year, t.month, t.day);
    }

  zone = (icaltimezone *) t.zone;
  if (zone == NULL && !icaltime_is_utc (t))
    {
      const char *tzid = icalproperty_get_parameter_as_string (prop, "TZID");

      zone = zone_for_tzid (tzid);
      /* Floating time (no zone): the district's own. */
      if (zone == NULL)
        zone = icaltimezone_get_builtin_timezone (DISTRICT_ZONE);
    }
  seconds = icaltime_as_timet_with_zone (t, icaltime_is_utc (t) ? icaltimezone_get_utc_timezone () : zone);
  utc = g_date_time_new_from_unix_utc (seconds);
  local = g_time_zone_new_identifier (DISTRICT_ZONE);
  if (local == NULL)
    local = g_time_zone_new_offset (8 * 3600);
  there = g_date_time_to_timezone (utc, local);
  *all_day = FALSE;
  return g_date_time_format (there, "%Y-%m-%dT%H:%M:%S%:z");
}

static gint64
lookup_name (GHashTable *table,
             const char *name)
{
  return name ? GPOINTER_TO_SIZE (g_hash_table_lookup (table, name)) : 0;
}

static GHashTable *
names_to_ids (GjStore *store,
              GType    type,
              GError **error)
{
  g_autoptr(GListModel) list = gj_store_list_full (store, type, NULL, GJ_STORE_LIST_NO_GEOMETRY, error);
  GHashTable *table;

  if (list == NULL)
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GjRecord) r = g_list_model_get_item (list, i);

      if (gj_record_get_text (r, "name") && !g_hash_table_contains (table, gj_record_get_text (r, "name")))
        g_hash_table_insert (table, g_strdup (gj_record_get_text (r, "name")), GSIZE_TO_POINTER (gj_record_get_id (r)));
    }
  return table;
}

static char *
strip_mailto (const char *value)
{
  if (value == NULL)
    return NULL;
  return g_strdup (g_ascii_strncasecmp (value, "mailto:", 7) == 0 ? value + 7 : value);
}

/* "议程：\n1. …\n2. …" — the numbered lines of a description are its agenda. */
static GPtrArray *
agenda_lines (const char *description)
{
  g_auto(GStrv) lines = g_strsplit (description ? description : "", "\n", -1);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i]; i++)
    {
      const char *p = lines[i];
      const char *start;

      while (g_ascii_isspace (*p))
        p++;
      start = p;
      while (g_ascii_isdigit (*p))
        p++;
      if (p > start && (*p == '.' || *p == ')' || g_str_has_prefix (p, "、") || g_str_has_prefix (p, "．")))
        {
          p = g_utf8_next_char (p);
          while (g_ascii_isspace (*p))
            p++;
          if (*p)
            g_ptr_array_add (items, g_strdup (p));
        }
    }
  return items;
}

static gboolean
replace_children (IcalContext  *ctx,
                  GjRecord     *meeting,
                  GPtrArray    *agenda,
                  GPtrArray    *attendees,
                  GError      **error)
{
  GValue v = G_VALUE_INIT;
  g_autoptr(GListModel) old_items = NULL;
  g_autoptr(GListModel) old_attendance = NULL;

  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, gj_record_get_id (meeting));
  old_items = gj_store_list_where (ctx->store, GJ_TYPE_AGENDA_ITEM, "meeting_id", &v, error);
  old_attendance = old_items ? gj_store_list_where (ctx->store, GJ_TYPE_ATTENDANCE, "meeting_id", &v, error) : NULL;
  g_value_unset (&v);
  if (old_attendance == NULL)
    return FALSE;

  /* Agenda items already there keep their discussion and decision: only
   * titles the file brings that are not yet there are added. */
  for (guint i = 0; i < agenda->len; i++)
    {
      gboolean present = FALSE;
      g_autoptr(GjAgendaItem) item = NULL;

      for (guint k = 0; k < g_list_model_get_n_items (old_items) && !present; k++)
        {
          g_autoptr(GjRecord) old = g_list_model_get_item (old_items, k);
          present = g_strcmp0 (gj_record_get_text (old, "title"), agenda->pdata[i]) == 0;
        }
      if (present)
        continue;
      item = gj_agenda_item_new ();
      gj_record_set_int (GJ_RECORD (item), "meeting_id", gj_record_get_id (meeting));
      gj_record_set_int (GJ_RECORD (item), "position", i + 1);
      gj_record_set_text (GJ_RECORD (item), "title", agenda->pdata[i]);
      if (!gj_store_insert (ctx->store, GJ_RECORD (item), error))
        return FALSE;
    }

  /* Invited units likewise: attendance already recorded is kept. */
  for (guint i = 0; i < attendees->len; i++)
    {
      const char *unit_name = attendees->pdata[i];
      gint64 unit = lookup_name (ctx->units, unit_name);
      gboolean present = FALSE;
      g_autoptr(GjAttendance) a = NULL;

      if (unit == 0)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (old_attendance) && !present; k++)
        {
          g_autoptr(GjRecord) old = g_list_model_get_item (old_attendance, k);
          present = gj_record_get_int (old, "unit_id") == unit;
        }
      if (present)
        continue;
      a = gj_attendance_new ();
      gj_record_set_int (GJ_RECORD (a), "meeting_id", gj_record_get_id (meeting));
      gj_record_set_int (GJ_RECORD (a), "unit_id", unit);
      gj_record_set_text (GJ_RECORD (a), "status", "invited");
      if (!gj_store_insert (ctx->store, GJ_RECORD (a), error))
        return FALSE;
    }
  return TRUE;
}

static const char *
status_from_ical (icalproperty_status status)
{
  switch (status)
    {
    case ICAL_STATUS_CANCELLED: return "cancelled";
    case ICAL_STATUS_TENTATIVE: return "draft";
    case ICAL_STATUS_CONFIRMED: return "scheduled";
    case ICAL_STATUS_NONE:
    case ICAL_STATUS_X:
    case ICAL_STATUS_NEEDSACTION:
    case ICAL_STATUS_COMPLETED:
    case ICAL_STATUS_INPROCESS:
    case ICAL_STATUS_DRAFT:
    case ICAL_STATUS_FINAL:
    case ICAL_STATUS_DELETED:
    case ICAL_STATUS_FAILED:
    case ICAL_STATUS_PENDING:
    case ICAL_STATUS_SUBMITTED:
    default:
      return "scheduled";
    }
}

/* A meeting of ours exported as "UUID@gongjian". */
static GjRecord *
by_our_uid (GjStore    *store,
            const char *uid)
{
  g_autofree char *uuid = NULL;

  if (uid == NULL || !g_str_has_suffix (uid, "@gongjian"))
    return NULL;
  uuid = g_strndup (uid, strlen (uid) - strlen ("@gongjian"));
  if (!g_uuid_string_is_valid (uuid))
    return NULL;
  return gj_store_get_by_uuid (store, GJ_TYPE_MEETING, uuid, NULL);
}

/* The series master a calendar's UID names, or NULL. */
static GjRecord *
find_master (IcalContext  *ctx,
             const char   *uid,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  GjRecord *m = by_our_uid (ctx->store, uid);

  if (m != NULL)
    return m;
  m = gj_store_find_by_code (ctx->store, GJ_TYPE_MEETING, uid, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return m;
}

/* The stored meeting this event is, or NULL. */
static GjRecord *
find_existing (IcalContext                *ctx,
               const char                 *uid,
               const struct icaltimetype  *rid,
               const char                 *code,
               GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  GjRecord *m;

  if (uid == NULL)
    return NULL;
  if (icaltime_is_null_time (*rid))
    {
      m = by_our_uid (ctx->store, uid);
      if (m != NULL)
        return m;
    }
  else
    {
      g_autoptr(GjRecord) master = find_master (ctx, uid, &local_error);

      if (master != NULL)
        {
          m = GJ_RECORD (gj_store_find_override (ctx->store, GJ_MEETING (master), icaltime_as_ical_string (*rid), &local_error));
          if (m != NULL || local_error != NULL)
            goto out;
        }
    }
  m = NULL;
  /* Through the import's cached code table: no query per event. */
  if (local_error == NULL && !g_hash_table_contains (ctx->seen, code))
    {
      gint64 id = gj_links_code_to_id (ctx->links, GJ_TYPE_MEETING, code, &local_error);

      if (id > 0)
        m = gj_store_get (ctx->store, GJ_TYPE_MEETING, id, &local_error);
    }

out:
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_object (&m);
    }
  return m;
}

/* What the calendar says, over the stored meeting. */
static void
merge_into (GjRecord   *existing,
            GjRecord   *incoming,
            JsonObject *incoming_extra)
{
  static const char *const texts[] = { "title", "starts_at", "ends_at", "location", "status", "organizer" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *old_extra = gj_record_get_text (existing, "extra");
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  GList *members;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    gj_record_set_text (existing, texts[i], gj_record_get_text (incoming, texts[i]));
  gj_record_set_bool (existing, "all_day", gj_record_get_bool (incoming, "all_day"));
  if (gj_record_get_text (incoming, "category"))
    gj_record_set_text (existing, "category", gj_record_get_text (incoming, "category"));
  if (gj_record_get_int (incoming, "street_id") > 0)
    gj_record_set_int (existing, "street_id", gj_record_get_int (incoming, "street_id"));
  if (gj_record_get_int (incoming, "series_id") > 0)
    gj_record_set_int (existing, "series_id", gj_record_get_int (incoming, "series_id"));
  if (gj_record_get_text (existing, "ical_uid") == NULL && gj_record_get_int (existing, "series_id") <= 0
      && gj_record_get_text (incoming, "ical_uid") != NULL
      && !g_str_has_suffix (gj_record_get_text (incoming, "ical_uid"), "@gongjian"))
    gj_record_set_text (existing, "ical_uid", gj_record_get_text (incoming, "ical_uid"));

  if (old_extra != NULL && json_parser_load_from_data (parser, old_extra, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    merged = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  else
    merged = json_object_new ();
  /* Our own spelling of the occurrence stays: it is what overrides match. */
  if (json_object_has_member (merged, "recurrence_id"))
    json_object_remove_member (incoming_extra, "recurrence_id");
  members = json_object_get_members (incoming_extra);
  for (GList *l = members; l; l = l->next)
    json_object_set_member (merged, l->data, json_node_copy (json_object_get_member (incoming_extra, l->data)));
  g_list_free (members);
  node = json_node_init_object (json_node_alloc (), merged);
  json = json_to_string (node, FALSE);
  gj_record_set_text (existing, "extra", json);
}

/* One VEVENT; FALSE with @reason set means "skip it", FALSE with @error
 * means the store failed and the whole import stops. */
static gboolean
import_event (IcalContext    *ctx,
              icalcomponent  *event,
              char          **reason,
              GError        **error)
{
  g_autoptr(GjRecord) meeting = GJ_RECORD (gj_meeting_new ());
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *code = NULL;
  g_autofree char *organizer = NULL;
  const char *uid = icalcomponent_get_uid (event);
  const char *summary = icalcomponent_get_summary (event);
  const char *description = icalcomponent_get_description (event);
  const char *location = icalcomponent_get_location (event);
  gboolean all_day = FALSE, end_all_day = FALSE;
  icalproperty *prop;
  gint64 street = 0;
  struct icaltimetype rid;

  starts = event_time (event, ICAL_DTSTART_PROPERTY, &all_day, reason);
  if (starts == NULL)
    {
      if (*reason == NULL)
        *reason = g_strdup (_("it has no DTSTART (start time)"));
      return FALSE;
    }
  ends = event_time (event, ICAL_DTEND_PROPERTY, &end_all_day, NULL);

  /* The UID (and, for a moved or cancelled occurrence, its RECURRENCE-ID)
   * is what a later import of the same calendar is matched by. */
  rid = icalcomponent_get_recurrenceid (event);
  if (uid == NULL || *uid == '\0')
    code = g_compute_checksum_for_string (G_CHECKSUM_SHA1, icalcomponent_as_ical_string (event), -1);
  else if (!icaltime_is_null_time (rid))
    code = g_strdup_printf ("%s#%s", uid, icaltime_as_ical_string (rid));
  else
    code = g_strdup (uid);

  gj_record_set_text (meeting, "code", code);
  gj_record_set_text (meeting, "ical_uid", uid);
  gj_record_set_text (meeting, "title", summary && *summary ? summary : _("Joint meeting"));
  gj_record_set_text (meeting, "starts_at", starts);
  gj_record_set_text (meeting, "ends_at", ends);
  gj_record_set_bool (meeting, "all_day", all_day);
  gj_record_set_text (meeting, "location", location && *location ? location : NULL);
  gj_record_set_text (meeting, "status", status_from_ical (icalcomponent_get_status (event)));
  if (description && *description)
    json_object_set_string_member (extra, "description", description);

  /* CATEGORIES: the kind of meeting, and often the street's name. */
  for (prop = icalcomponent_get_first_property (event, ICAL_CATEGORIES_PROPERTY); prop;
       prop = icalcomponent_get_next_property (event, ICAL_CATEGORIES_PROPERTY))
    {
      g_auto(GStrv) parts = g_strsplit (icalproperty_get_categories (prop), ",", -1);

      for (guint i = 0; parts[i]; i++)
        {
          gint64 s = lookup_name (ctx->streets, g_strstrip (parts[i]));

          if (s > 0 && street == 0)
            street = s;
          else if (*parts[i] && gj_record_is_null (meeting, "category"))
            gj_record_set_text (meeting, "category", parts[i]);
        }
    }
  prop = icalcomponent_get_first_property (event, ICAL_ORGANIZER_PROPERTY);
  if (prop != NULL)
    {
      const char *cn = icalproperty_get_parameter_as_string (prop, "CN");

      g_autofree char *address = strip_mailto (icalproperty_get_organizer (prop));

      organizer = cn ? g_strdup (cn) : g_strdup (address);
      gj_record_set_text (meeting, "organizer", organizer);
      /* A real address is kept for the export; the one our export makes
       * up from the name (…@gongjian.invalid) is not worth keeping. */
      if (address != NULL && strchr (address, '@') != NULL && !g_str_has_suffix (address, "@gongjian.invalid"))
        json_object_set_string_member (extra, "organizer_address", address);
      /* "湖北路街道办事处" convenes: the street is in its name. */
      if (street == 0 && organizer != NULL)
        {
          GHashTableIter iter;
          gpointer key, value;

          g_hash_table_iter_init (&iter, ctx->streets);
          while (street == 0 && g_hash_table_iter_next (&iter, &key, &value))
            if (g_str_has_prefix (organizer, key))
              street = GPOINTER_TO_SIZE (value);
        }
    }
  if (street > 0)
    gj_record_set_int (meeting, "street_id", street);

  {
    JsonArray *people = json_array_new ();

    for (prop = icalcomponent_get_first_property (event, ICAL_ATTENDEE_PROPERTY); prop;
         prop = icalcomponent_get_next_property (event, ICAL_ATTENDEE_PROPERTY))
      {
        const char *cn = icalproperty_get_parameter_as_string (prop, "CN");
        g_autofree char *address = strip_mailto (icalproperty_get_attendee (prop));
        JsonObject *person = json_object_new ();

        g_ptr_array_add (attendees, g_strdup (cn ? cn : address));
        json_object_set_string_member (person, "name", cn ? cn : address);
        if (address != NULL && strchr (address, '@') != NULL)
          json_object_set_string_member (person, "address", address);
        json_array_add_object_element (people, person);
      }
    if (json_array_get_length (people) > 0)
      json_object_set_array_member (extra, "attendees", people);
    else
      json_array_unref (people);
  }
  /* Recurrence is kept as written; the calendar expands it. */
  prop = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
  if (prop != NULL)
    json_object_set_string_member (extra, "rrule", icalproperty_get_value_as_string (prop));
  {
    JsonArray *exdates = NULL;

    for (prop = icalcomponent_get_first_property (event, ICAL_EXDATE_PROPERTY); prop;
         prop = icalcomponent_get_next_property (event, ICAL_EXDATE_PROPERTY))
      {
        if (exdates == NULL)
          exdates = json_array_new ();
        json_array_add_string_element (exdates, icalproperty_get_value_as_string (prop));
      }
    if (exdates != NULL)
      json_object_set_array_member (extra, "exdate", exdates);
  }
  if (!icaltime_is_null_time (rid))
    json_object_set_string_member (extra, "recurrence_id", icaltime_as_ical_string (rid));

  /* EXDATE and RECURRENCE-ID stay in the event's own zone: keep its name,
   * so the calendar expands a Berlin series with Berlin's summer time. */
  prop = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  if (prop != NULL && icalproperty_get_parameter_as_string (prop, "TZID") != NULL)
    {
      icaltimezone *zone = zone_for_tzid (icalproperty_get_parameter_as_string (prop, "TZID"));
      const char *zone_name = zone ? icaltimezone_get_location (zone) : NULL;

      if (zone_name != NULL && strcmp (zone_name, DISTRICT_ZONE) != 0)
        json_object_set_string_member (extra, "tzid", zone_name);
    }

  if (json_object_get_size (extra) > 0)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), json_object_ref (extra));
      g_autofree char *json = json_to_string (node, FALSE);

      gj_record_set_text (meeting, "extra", json);
    }

  /* The same meeting again (our own export, or the calendar a second
   * time): it keeps what only Gongjian knows — code, minutes, lifecycle —
   * and takes what the calendar says. */
  {
    g_autoptr(GjRecord) existing = NULL;
    g_autoptr(GError) local_error = NULL;

    existing = find_existing (ctx, uid, &rid, code, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
    if (existing == NULL && uid != NULL && !icaltime_is_null_time (rid))
      {
        g_autoptr(GjRecord) master = find_master (ctx, uid, error);

        if (master != NULL)
          gj_record_set_int (meeting, "series_id", gj_record_get_id (master));
      }
    if (existing != NULL)
      {
        GjMeetingStatus old_status = gj_meeting_get_status (GJ_MEETING (existing));

        if (gj_meeting_is_locked (GJ_MEETING (existing)))
          {
            g_autoptr(GjRecord) probe = gj_record_copy (existing);
            gboolean same = TRUE;
            guint n_fields = 0;
            const GjField *fields = gj_record_get_fields (probe, &n_fields);

            /* Our own export read back says nothing new: no need to say
             * it was left alone. */
            merge_into (probe, meeting, extra);
            gj_record_set_text (probe, "status", gj_record_get_text (existing, "status"));
            for (guint i = 0; same && i < n_fields; i++)
              same = gj_record_equal_values (probe, existing, fields[i].name);
            if (same)
              return TRUE;
            *reason = g_strdup (_("the meeting is closed in Gongjian and was left as it is"));
            return FALSE;
          }
        merge_into (existing, meeting, extra);
        if (old_status == GJ_MEETING_STATUS_HELD || old_status == GJ_MEETING_STATUS_MINUTED)
          gj_record_set_text (existing, "status", gj_meeting_status_to_string (old_status));
        g_set_object (&meeting, existing);
      }
  }

  if (!gj_io_upsert (ctx->store, ctx->links, meeting, ctx->seen, ctx->result, error))
    return FALSE;

  agenda = agenda_lines (description);
  return replace_children (ctx, meeting, agenda, attendees, error);
}

gboolean
gj_ical_import (GjStore                *store,
                const char             *path,
                GBytes                 *bytes,
                const GjImportOptions  *options,
                GjProgressFunc          progress,
                gpointer                user_data,
                GCancellable           *cancellable,
                GjImportResult         *result,
                GError                **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  icalcomponent *root, *cal;
  IcalContext ctx = { 0 };
  gsize len;
  guint n_events = 0, done = 0;
  gboolean ok = TRUE;
  const char *data = g_bytes_get_data (bytes, &len);

  if (options->kind != NULL && strcmp (options->kind, "meetings") != 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_KIND, _("%s: a calendar holds meetings, not %s"), name, options->kind);
      return FALSE;
    }
  text = g_strndup (data ? data : "", len);
  if (strstr (text, "BEGIN:VCALENDAR") == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: not an iCalendar file: there is no BEGIN:VCALENDAR"), name);
      return FALSE;
    }

  /* libical reports errors through a global; none of them may abort us. */
  icalerror_set_errors_are_fatal (0);
  root = icalparser_parse_string (text);
  if (root == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: not a readable iCalendar file"), name);
      return FALSE;
    }

  ctx.store = store;
  ctx.links = gj_links_new (store);
  ctx.seen = seen;
  ctx.result = result;
  ctx.name = name;
  ctx.skipped = g_string_new (NULL);
  ctx.streets = names_to_ids (store, GJ_TYPE_STREET, error);
  ctx.units = ctx.streets ? names_to_ids (store, GJ_TYPE_UNIT, error) : NULL;
  if (ctx.units == NULL)
    ok = FALSE;

  result->kind = g_strdup ("meetings");
  result->format = g_strdup ("iCalendar");
  result->encoding = g_strdup ("UTF-8");

  /* A file may hold one VCALENDAR or several, or bare VEVENTs. */
  cal = icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT ? root
        : icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
  for (icalcomponent *c = cal; ok && c; c = (c == root ? NULL : icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT)))
    n_events += icalcomponent_count_components (c, ICAL_VEVENT_COMPONENT);

  for (icalcomponent *c = cal; ok && c; c = (c == root ? NULL : icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT)))
    for (icalcomponent *ev = icalcomponent_get_first_component (c, ICAL_VEVENT_COMPONENT);
         ok && ev; ev = icalcomponent_get_next_component (c, ICAL_VEVENT_COMPONENT))
      {
        g_autofree char *reason = NULL;

        done++;
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          {
            ok = FALSE;
            break;
          }
        if (!import_event (&ctx, ev, &reason, error))
          {
            if (reason == NULL)
              {
                g_prefix_error (error, _("%s: event %u: "), name, done);
                ok = FALSE;
                break;
              }
            result->skipped++;
            g_string_append_printf (ctx.skipped, _("event %u (%s): %s\n"), done,
                                    icalcomponent_get_summary (ev) ? icalcomponent_get_summary (ev) : "?", reason);
          }
        if (progress && (done % 64 == 0 || done == n_events))
          progress (done, n_events, user_data);
      }

  if (ok && n_events == 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: the calendar holds no events"), name);
      ok = FALSE;
    }
  if (ok && result->inserted + result->updated == 0 && result->skipped > 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: no event could be read:\n%s"), name, ctx.skipped->str);
      ok = FALSE;
    }
  if (ok && ctx.skipped->len > 0)
    result->notes = g_strdup (ctx.skipped->str);

  icalcomponent_free (root);
  gj_links_free (ctx.links);
  g_clear_pointer (&ctx.streets, g_hash_table_unref);
  g_clear_pointer (&ctx.units, g_hash_table_unref);
  g_string_free (ctx.skipped, TRUE);
  return ok;
}

/* Export ------------------------------------------------------------------ */

/* Wall-clock time of @iso in @zone_name (NULL: the district's). */
static struct icaltimetype
ical_time_in (const char *iso,
              const char *zone_name)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local_dt = NULL;
  g_autoptr(GTimeZone) district = g_time_zone_new_identifier (DISTRICT_ZONE);
  g_autoptr(GTimeZone) zone = zone_name ? g_time_zone_new_identifier (zone_name) : NULL;
  g_autofree char *text = NULL;
  struct icaltimetype t = icaltime_null_time ();
  const char *bracket;

  if (iso != NULL && strlen (iso) == 10)
    {
      int y, m, d;

      if (sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
        return t;
      t = icaltime_null_date ();
      t.year = y;
      t.month = m;
      t.day = d;
      return t;
    }
  if (iso == NULL)
    return t;
  bracket = strchr (iso, '[');
  text = bracket ? g_strndup (iso, bracket - iso) : g_strdup (iso);
  dt = g_date_time_new_from_iso8601 (text, district);
  if (dt == NULL)
    return t;
  local_dt = g_date_time_to_timezone (dt, zone ? zone : district);
  t.year = g_date_time_get_year (local_dt);
  t.month = g_date_time_get_month (local_dt);
  t.day = g_date_time_get_day_of_month (local_dt);
  t.hour = g_date_time_get_hour (local_dt);
  t.minute = g_date_time_get_minute (local_dt);
  t.second = g_date_time_get_second (local_dt);
  return t;
}

/* China has kept UTC+8 without daylight saving since 1991: the zone as
 * Google Calendar and Outlook write it, under the TZID the events use. */
static const char *vtimezone =
  "BEGIN:VTIMEZONE\r\n"
  "TZID:" DISTRICT_ZONE "\r\n"
  "X-LIC-LOCATION:" DISTRICT_ZONE "\r\n"
  "BEGIN:STANDARD\r\n"
  "TZOFFSETFROM:+0800\r\n"
  "TZOFFSETTO:+0800\r\n"
  "TZNAME:CST\r\n"
  "DTSTART:19700101T000000\r\n"
  "END:STANDARD\r\n"
  "END:VTIMEZONE\r\n";

/* A calendar user address: the one the meeting came with, else one that
 * says it is no address (RFC 5545 requires a URI; the name is in CN). */
static char *
cal_address (JsonObject *person,
             const char *fallback_name)
{
  const char *address = person && json_object_has_member (person, "address")
                        ? json_object_get_string_member (person, "address") : NULL;
  g_autofree char *hash = NULL;

  if (address != NULL && *address)
    return g_strdup_printf ("mailto:%s", address);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, fallback_name ? fallback_name : "", -1);
  return g_strdup_printf ("mailto:%.12s@gongjian.invalid", hash);
}

/* The UID a meeting came with, else one made from its UUID: stable. */
static char *
meeting_uid (GjRecord *m)
{
  return gj_record_get_text (m, "ical_uid") ? g_strdup (gj_record_get_text (m, "ical_uid"))
                                            : g_strdup_printf ("%s@gongjian", gj_record_get_uuid (m));
}

static void
add_time (icalcomponent       *ev,
          icalproperty        *p,
          struct icaltimetype  t,
          const char          *tzid)
{
  if (!t.is_date)
    icalproperty_add_parameter (p, icalparameter_new_tzid (tzid));
  icalcomponent_add_property (ev, p);
}

/* One VEVENT. @master_uid: the series' UID for an override, else NULL.
 * @zones collects the zones other than the district's that events use. */
static icalcomponent *
meeting_to_event (GjRecord   *m,
                  const char *master_uid,
                  const char *master_tzid,
                  GHashTable *zones)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *extra = NULL;
  icalcomponent *ev = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  const char *tzid = DISTRICT_ZONE;
  struct icaltimetype start, end;
  g_autofree char *uid = NULL;
  g_autofree char *categories = NULL;
  const char *street = gj_record_get_text (m, "street_name");
  const char *status = gj_record_get_text (m, "status");
  icalproperty *p;

  if (gj_record_get_text (m, "extra") && json_parser_load_from_data (parser, gj_record_get_text (m, "extra"), -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    extra = json_node_get_object (json_parser_get_root (parser));

  /* A series planned in another zone keeps its wall-clock time there (its
   * RRULE and EXDATEs are in that zone's time). */
  if (master_uid == NULL && extra && json_object_has_member (extra, "tzid"))
    tzid = json_object_get_string_member (extra, "tzid");
  else if (master_uid != NULL && master_tzid != NULL)
    tzid = master_tzid;
  if (tzid == NULL || strcmp (tzid, DISTRICT_ZONE) == 0 || icaltimezone_get_builtin_timezone (tzid) == NULL)
    tzid = DISTRICT_ZONE;
  else
    g_hash_table_add (zones, g_strdup (tzid));

  start = ical_time_in (gj_record_get_text (m, "starts_at"), tzid);
  end = ical_time_in (gj_record_get_text (m, "ends_at"), tzid);
  uid = master_uid ? g_strdup (master_uid) : meeting_uid (m);
  icalcomponent_add_property (ev, icalproperty_new_uid (uid));
  icalcomponent_add_property (ev, icalproperty_new_dtstamp (icaltime_from_timet_with_zone (time (NULL), 0, icaltimezone_get_utc_timezone ())));
  if (!icaltime_is_null_time (start))
    add_time (ev, icalproperty_new_dtstart (start), start, tzid);
  if (!icaltime_is_null_time (end))
    add_time (ev, icalproperty_new_dtend (end), end, tzid);
  if (master_uid != NULL && extra && json_object_has_member (extra, "recurrence_id"))
    {
      const char *rid_text = json_object_get_string_member (extra, "recurrence_id");
      struct icaltimetype rid = strchr (rid_text, '-') ? ical_time_in (rid_text, tzid) : icaltime_from_string (rid_text);

      if (!icaltime_is_null_time (rid))
        {
          if (icaltime_is_utc (rid))
            icalcomponent_add_property (ev, icalproperty_new_recurrenceid (rid));
          else
            add_time (ev, icalproperty_new_recurrenceid (rid), rid, tzid);
        }
    }
  icalcomponent_add_property (ev, icalproperty_new_summary (gj_record_get_text (m, "title")));
  if (gj_record_get_text (m, "location"))
    icalcomponent_add_property (ev, icalproperty_new_location (gj_record_get_text (m, "location")));
  if (extra && json_object_has_member (extra, "description"))
    icalcomponent_add_property (ev, icalproperty_new_description (json_object_get_string_member (extra, "description")));
  categories = g_strjoin (",", gj_record_get_text (m, "category") ? gj_record_get_text (m, "category") : "",
                          street ? street : "", NULL);
  if (g_strcmp0 (categories, ",") != 0)
    icalcomponent_add_property (ev, icalproperty_new_categories (g_strstrip (categories)[0] == ',' ? categories + 1 : categories));
  if (g_strcmp0 (status, "cancelled") == 0)
    icalcomponent_add_property (ev, icalproperty_new_status (ICAL_STATUS_CANCELLED));
  else if (g_strcmp0 (status, "draft") == 0)
    icalcomponent_add_property (ev, icalproperty_new_status (ICAL_STATUS_TENTATIVE));
  else
    icalcomponent_add_property (ev, icalproperty_new_status (ICAL_STATUS_CONFIRMED));
  if (gj_record_get_text (m, "organizer"))
    {
      JsonObject *who = extra && json_object_has_member (extra, "organizer_address") ? extra : NULL;
      g_autofree char *mailto = NULL;

      if (who != NULL)
        mailto = g_strdup_printf ("mailto:%s", json_object_get_string_member (who, "organizer_address"));
      else
        mailto = cal_address (NULL, gj_record_get_text (m, "organizer"));
      p = icalproperty_new_organizer (mailto);
      icalproperty_add_parameter (p, icalparameter_new_cn (gj_record_get_text (m, "organizer")));
      icalcomponent_add_property (ev, p);
    }
  if (extra && json_object_has_member (extra, "attendees"))
    {
      JsonArray *a = json_object_get_array_member (extra, "attendees");

      for (guint k = 0; k < json_array_get_length (a); k++)
        {
          JsonObject *person = json_array_get_object_element (a, k);
          const char *cn = json_object_get_string_member (person, "name");
          g_autofree char *mailto = cal_address (person, cn);

          p = icalproperty_new_attendee (mailto);
          if (cn != NULL)
            icalproperty_add_parameter (p, icalparameter_new_cn (cn));
          icalproperty_add_parameter (p, icalparameter_new_role (ICAL_ROLE_REQPARTICIPANT));
          icalcomponent_add_property (ev, p);
        }
    }
  if (master_uid == NULL && extra && json_object_has_member (extra, "rrule"))
    {
      struct icalrecurrencetype r = icalrecurrencetype_from_string (json_object_get_string_member (extra, "rrule"));

      icalerror_clear_errno ();
      if (r.freq != ICAL_NO_RECURRENCE)
        icalcomponent_add_property (ev, icalproperty_new_rrule (r));
    }
  if (master_uid == NULL && extra && json_object_has_member (extra, "exdate"))
    {
      JsonNode *node = json_object_get_member (extra, "exdate");
      JsonArray *a = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint k = 0; a && k < json_array_get_length (a); k++)
        {
          const char *value = json_array_get_string_element (a, k);
          g_auto(GStrv) parts = value ? g_strsplit (value, ",", -1) : NULL;

          for (guint j = 0; parts && parts[j]; j++)
            {
              const char *v = g_strstrip (parts[j]);
              g_autofree char *line = NULL;
              icalproperty *ex;

              if (strchr (v, '-') != NULL)
                {
                  struct icaltimetype t = ical_time_in (v, tzid);

                  if (icaltime_is_null_time (t))
                    continue;
                  ex = icalproperty_new_exdate (t);
                  if (!t.is_date)
                    icalproperty_add_parameter (ex, icalparameter_new_tzid (tzid));
                  icalcomponent_add_property (ev, ex);
                  continue;
                }
              line = strlen (v) == 8 ? g_strdup_printf ("EXDATE;VALUE=DATE:%s", v)
                     : g_str_has_suffix (v, "Z") ? g_strdup_printf ("EXDATE:%s", v)
                     : g_strdup_printf ("EXDATE;TZID=%s:%s", tzid, v);
              ex = icalproperty_new_from_string (line);
              if (ex != NULL)
                icalcomponent_add_property (ev, ex);
            }
        }
    }
  return ev;
}

static gboolean
has_member (GjRecord   *m,
            const char *member)
{
  const char *extra = gj_record_get_text (m, "extra");
  g_autofree char *key = g_strdup_printf ("\"%s\"", member);

  return extra != NULL && strstr (extra, key) != NULL;
}

/* The meetings of a scope, masters before their overrides. */
static GPtrArray *
collect_scope (GjStore      *store,
               GjIcalScope   scope,
               gint64        meeting_id,
               const char   *from,
               const char   *to,
               GError      **error)
{
  g_autoptr(GListModel) all = gj_store_list (store, GJ_TYPE_MEETING, error);
  g_autoptr(GHashTable) masters = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) uid_master = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 wanted_master = 0;
  guint n;

  if (all == NULL)
    return NULL;
  n = g_list_model_get_n_items (all);
  for (guint i = 0; i < n; i++)
    {
      GjRecord *m = g_list_model_get_item (all, i);

      if (has_member (m, "rrule") && gj_record_get_int (m, "series_id") <= 0)
        {
          g_hash_table_insert (masters, (gpointer) g_memdup2 (&(gint64) { gj_record_get_id (m) }, sizeof (gint64)), m);
          if (gj_record_get_text (m, "ical_uid"))
            g_hash_table_insert (uid_master, (gpointer) gj_record_get_text (m, "ical_uid"), m);
        }
      g_object_unref (m); /* the list keeps it */
    }

  if (scope == GJ_ICAL_SCOPE_MEETING || scope == GJ_ICAL_SCOPE_SERIES)
    {
      g_autoptr(GjRecord) m = gj_store_get (store, GJ_TYPE_MEETING, meeting_id, error);

      if (m == NULL)
        goto out;
      if (g_hash_table_contains (masters, &meeting_id))
        wanted_master = meeting_id;
      else if (scope == GJ_ICAL_SCOPE_SERIES && gj_record_get_int (m, "series_id") > 0)
        wanted_master = gj_record_get_int (m, "series_id");
      else if (scope == GJ_ICAL_SCOPE_SERIES && gj_record_get_text (m, "ical_uid")
               && g_hash_table_lookup (uid_master, gj_record_get_text (m, "ical_uid")))
        wanted_master = gj_record_get_id (g_hash_table_lookup (uid_master, gj_record_get_text (m, "ical_uid")));
      else
        {
          g_ptr_array_add (chosen, g_steal_pointer (&m));
          goto out;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) m = g_list_model_get_item (all, i);
      gint64 id = gj_record_get_id (m);
      gint64 master = gj_record_get_int (m, "series_id");
      gboolean is_master = g_hash_table_contains (masters, &id);

      if (master <= 0 && !is_master && has_member (m, "recurrence_id") && gj_record_get_text (m, "ical_uid"))
        {
          GjRecord *mm = g_hash_table_lookup (uid_master, gj_record_get_text (m, "ical_uid"));

          master = mm ? gj_record_get_id (mm) : 0;
        }
      if (scope != GJ_ICAL_SCOPE_RANGE)
        {
          if (id == wanted_master)
            g_ptr_array_add (chosen, g_object_ref (m));
          else if (master == wanted_master)
            g_ptr_array_add (overrides, g_object_ref (m));
          continue;
        }
      if (is_master)
        {
          g_autoptr(GListModel) occ = gj_meeting_occurrences (GJ_MEETING (m), NULL, from, to, NULL);

          if (occ != NULL && g_list_model_get_n_items (occ) > 0)
            g_ptr_array_add (chosen, g_object_ref (m));
        }
      else if (master > 0)
        g_ptr_array_add (overrides, g_object_ref (m));
      else
        {
          const char *start = gj_record_get_text (m, "starts_at");

          if (start != NULL && (from == NULL || strncmp (start, from, 10) >= 0)
              && (to == NULL || strncmp (start, to, 10) <= 0))
            g_ptr_array_add (chosen, g_object_ref (m));
        }
    }

  /* Overrides go with their series, whatever their own date. */
  for (guint i = 0; i < overrides->len; i++)
    {
      GjRecord *o = overrides->pdata[i];
      gint64 master = gj_record_get_int (o, "series_id");
      gboolean wanted = FALSE;

      if (master <= 0 && gj_record_get_text (o, "ical_uid"))
        {
          GjRecord *mm = g_hash_table_lookup (uid_master, gj_record_get_text (o, "ical_uid"));

          master = mm ? gj_record_get_id (mm) : 0;
        }
      for (guint k = 0; k < chosen->len && !wanted; k++)
        wanted = gj_record_get_id (chosen->pdata[k]) == master;
      if (wanted)
        g_ptr_array_add (chosen, g_object_ref (o));
    }

out:
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, masters);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }
  if (error && *error)
    return NULL;
  return g_steal_pointer (&chosen);
}

/* The calendar of @meetings as text; masters must come before overrides. */
static char *
write_calendar (GjStore        *store,
                GPtrArray      *meetings,
                GjProgressFunc  progress,
                gpointer        user_data,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) tzids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  icalcomponent *cal;
  GHashTableIter iter;
  gpointer key;
  char *text;

  cal = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                             icalproperty_new_version ("2.0"),
                             icalproperty_new_prodid ("-//Gongjian//Joint meetings//ZH"),
                             icalproperty_new_calscale ("GREGORIAN"),
                             icalproperty_new_method (ICAL_METHOD_PUBLISH),
                             (void *) 0);
  icalcomponent_add_component (cal, icalcomponent_new_from_string (vtimezone));

  /* Masters first: an override takes its series' UID and zone. */
  for (guint i = 0; i < meetings->len; i++)
    {
      GjRecord *m = meetings->pdata[i];

      if (has_member (m, "rrule") && gj_record_get_int (m, "series_id") <= 0)
        {
          g_autofree char *tz = gj_meeting_dup_extra (GJ_MEETING (m), "tzid");

          g_hash_table_insert (uids, g_memdup2 (&(gint64) { gj_record_get_id (m) }, sizeof (gint64)), meeting_uid (m));
          if (tz != NULL)
            g_hash_table_insert (tzids, g_memdup2 (&(gint64) { gj_record_get_id (m) }, sizeof (gint64)), g_steal_pointer (&tz));
        }
    }

  for (guint i = 0; i < meetings->len; i++)
    {
      GjRecord *m = meetings->pdata[i];
      gint64 master = gj_record_get_int (m, "series_id");
      const char *master_uid = NULL;
      const char *master_tz = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          icalcomponent_free (cal);
          for (guint k = 0; k < events->len; k++)
            icalcomponent_free (events->pdata[k]);
          return NULL;
        }
      if (has_member (m, "recurrence_id"))
        {
          if (master > 0)
            {
              master_uid = g_hash_table_lookup (uids, &master);
              master_tz = g_hash_table_lookup (tzids, &master);
              if (master_uid == NULL)
                {
                  g_autoptr(GjRecord) mm = gj_store_get (store, GJ_TYPE_MEETING, master, NULL);

                  if (mm != NULL)
                    {
                      g_hash_table_insert (uids, g_memdup2 (&master, sizeof master), meeting_uid (mm));
                      master_uid = g_hash_table_lookup (uids, &master);
                    }
                }
            }
          else if (gj_record_get_text (m, "ical_uid"))
            master_uid = gj_record_get_text (m, "ical_uid");
        }
      g_ptr_array_add (events, meeting_to_event (m, master_uid, master_tz, zones));
      if (progress && (i % 64 == 0 || i + 1 == meetings->len))
        progress (i + 1, meetings->len, user_data);
    }

  /* The zones events use, besides the district's. */
  g_hash_table_iter_init (&iter, zones);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      icaltimezone *zone = icaltimezone_get_builtin_timezone (key);
      icalcomponent *vtz = zone ? icaltimezone_get_component (zone) : NULL;

      if (vtz != NULL)
        {
          icalcomponent *copy = icalcomponent_new_clone (vtz);
          icalproperty *id = icalcomponent_get_first_property (copy, ICAL_TZID_PROPERTY);

          /* Under its plain name, as the events' TZID says. */
          if (id != NULL)
            icalproperty_set_tzid (id, key);
          icalcomponent_add_component (cal, copy);
        }
    }
  for (guint i = 0; i < events->len; i++)
    icalcomponent_add_component (cal, events->pdata[i]);

  text = icalcomponent_as_ical_string_r (cal);
  icalcomponent_free (cal);
  return text;
}

char *
gj_ical_export_to_string (GjStore      *store,
                          GjIcalScope   scope,
                          gint64        meeting_id,
                          const char   *from,
                          const char   *to,
                          guint        *n_written,
                          GError      **error)
{
  g_autoptr(GPtrArray) meetings = collect_scope (store, scope, meeting_id, from, to, error);
  char *text;

  if (meetings == NULL)
    return NULL;
  text = write_calendar (store, meetings, NULL, NULL, NULL, error);
  if (text != NULL && n_written)
    *n_written = meetings->len;
  return text;
}

gboolean
gj_ical_export_scope (GjStore      *store,
                      const char   *path,
                      GjIcalScope   scope,
                      gint64        meeting_id,
                      const char   *from,
                      const char   *to,
                      guint        *n_written,
                      GError      **error)
{
  g_autofree char *text = gj_ical_export_to_string (store, scope, meeting_id, from, to, n_written, error);

  return text != NULL && g_file_set_contents (path, text, -1, error);
}

gboolean
gj_ical_export (GjStore         *store,
                const char      *path,
                GjProgressFunc   progress,
                gpointer         user_data,
                GCancellable    *cancellable,
                guint           *n_written,
                GError         **error)
{
  g_autoptr(GListModel) all = gj_store_list (store, GJ_TYPE_MEETING, error);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (all == NULL)
    return FALSE;
  n = g_list_model_get_n_items (all);
  meetings = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (meetings, g_list_model_get_item (all, i));
  text = write_calendar (store, meetings, progress, user_data, cancellable, error);
  if (text == NULL || !g_file_set_contents (path, text, -1, error))
    return FALSE;
  if (n_written)
    *n_written = n;
  return TRUE;
}
