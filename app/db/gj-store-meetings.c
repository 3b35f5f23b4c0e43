/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gj-change.h"
#include "gj-store-meetings.h"
#include "gj-store-private.h"
#include "gj-store-problems.h"

#define DISTRICT_ZONE "Asia/Shanghai"
/* A series' next occurrence is looked for this far ahead. */
#define NEXT_LOOKAHEAD_DAYS 400

/* ---- helpers ------------------------------------------------------------- */

/* Binds "i" (gint64) and "t" (const char *) arguments in order. */
static void
bind_args (sqlite3_stmt *stmt,
           const char   *types,
           va_list       args)
{
  for (int i = 0; types && types[i]; i++)
    {
      if (types[i] == 'i')
        sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
      else
        {
          const char *text = va_arg (args, const char *);

          if (text)
            sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_TRANSIENT);
          else
            sqlite3_bind_null (stmt, i + 1);
        }
    }
}

/* Records of @type matching @where (with ?1… bound from @types). */
static GListModel *
query_records (GjStore     *self,
               GType        type,
               const char  *where,
               GError     **error,
               const char  *types,
               ...)
{
  g_autofree char *sql = gj_store_select_sql (type, where);
  g_autoptr(GListStore) list = g_list_store_new (type);
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  va_start (args, types);
  bind_args (stmt, types, args);
  va_end (args);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GjRecord) r = gj_store_record_from_row (type, stmt);

      g_list_store_append (list, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* The first record of a query, NULL (no error) when there is none. */
static GjRecord *
query_one (GjStore     *self,
           GType        type,
           const char  *where,
           GError     **error,
           const char  *types,
           ...)
{
  g_autofree char *sql = gj_store_select_sql (type, where);
  sqlite3_stmt *stmt;
  GjRecord *record = NULL;
  va_list args;
  int rc;

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  va_start (args, types);
  bind_args (stmt, types, args);
  va_end (args);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = gj_store_record_from_row (type, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    gj_store_set_error (self, rc, error);
  return record;
}

static gint64
query_int (GjStore     *self,
           const char  *sql,
           GError     **error,
           const char  *types,
           ...)
{
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, error);
  gint64 value = 0;
  va_list args;
  int rc;

  if (stmt == NULL)
    return -1;
  va_start (args, types);
  bind_args (stmt, types, args);
  va_end (args);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return -1;
    }
  return value;
}

static gboolean
is_blank (const char *s)
{
  for (; s && *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static GTimeZone *
district_zone (void)
{
  GTimeZone *zone = g_time_zone_new_identifier (DISTRICT_ZONE);

  return zone ? zone : g_time_zone_new_offset (8 * 3600);
}

/* @today, else gj_today(), as YYYY-MM-DD. */
static char *
dup_today (const char *today)
{
  g_autoptr(GDate) d = NULL;

  if (today != NULL)
    return g_strdup (today);
  d = gj_today ();
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

/* @date (YYYY-MM-DD) moved by @days, or NULL. */
static char *
add_days (const char *date,
          int         days)
{
  g_autofree char *iso = gj_date_normalize (date);
  GDate d;
  int y, m, dd;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &dd) != 3 || !g_date_valid_dmy (dd, m, y))
    return NULL;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, dd, m, y);
  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

static gboolean
refuse_locked (GjMeeting  *meeting,
               GError    **error)
{
  if (!gj_meeting_is_locked (meeting))
    return FALSE;
  g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID,
               _("The meeting “%s” is closed: reopen it (with a reason) before changing it."),
               gj_record_get_label (GJ_RECORD (meeting)));
  return TRUE;
}

/* The stored state of meeting @id. */
static GjMeeting *
get_meeting (GjStore  *self,
             gint64    id,
             GError  **error)
{
  if (id <= 0)
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND, _("The meeting is not saved."));
      return NULL;
    }
  return GJ_MEETING (gj_store_get (self, GJ_TYPE_MEETING, id, error));
}

/* Refuses to change anything of a meeting that is closed in the store. */
static gboolean
check_unlocked (GjStore  *self,
                gint64    meeting_id,
                GError  **error)
{
  g_autoptr(GjMeeting) stored = get_meeting (self, meeting_id, error);

  if (stored == NULL)
    return FALSE;
  return !refuse_locked (stored, error);
}

static gboolean
write_status_change (GjStore     *self,
                     GjMeeting   *meeting,
                     const char  *action,
                     const char  *from,
                     const char  *to,
                     const char  *reason,
                     GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, from ? from : "");
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, to ? to : "");
  if (reason != NULL)
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, reason);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  detail = json_to_string (root, FALSE);
  return gj_store_write_change (self, action, "meeting", gj_record_get_uuid (GJ_RECORD (meeting)),
                                gj_record_get_label (GJ_RECORD (meeting)), detail, error);
}

static gboolean
has_rrule (GjMeeting *meeting)
{
  g_autofree char *rrule = gj_meeting_dup_extra (meeting, "rrule");

  return rrule != NULL && *rrule != '\0';
}

/* ---- finding meetings --------------------------------------------------- */

GjMeeting *
gj_store_find_meeting (GjStore     *self,
                       const char  *uuid_or_code,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GjRecord *found;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid_or_code != NULL, NULL);

  found = gj_store_get_by_uuid (self, GJ_TYPE_MEETING, uuid_or_code, &local_error);
  if (found != NULL)
    return GJ_MEETING (found);
  if (!g_error_matches (local_error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_error (&local_error);
  found = gj_store_find_by_code (self, GJ_TYPE_MEETING, uuid_or_code, &local_error);
  if (found == NULL && local_error == NULL)
    found = query_one (self, GJ_TYPE_MEETING, "WHERE t.ical_uid = ?1 AND t.series_id IS NULL ORDER BY t.id LIMIT 1",
                       &local_error, "t", uuid_or_code);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (found == NULL)
    g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND,
                 _("No meeting has the UUID or code “%s”."), uuid_or_code);
  return found ? GJ_MEETING (found) : NULL;
}

/* Overrides of series masters, by master id. Overrides from a calendar
 * may know their master by UID only. */
static GHashTable *
collect_overrides (GjStore     *self,
                   GListModel  *masters,
                   gint64       street_id,
                   GError     **error)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GHashTable) by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *result = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  list = query_records (self, GJ_TYPE_MEETING,
                        "WHERE (t.series_id IS NOT NULL OR t.extra LIKE '%\"recurrence_id\"%')"
                        " AND (?1 = 0 OR t.street_id = ?1 OR t.street_id IS NULL)",
                        error, "i", street_id);
  if (list == NULL)
    {
      g_hash_table_unref (result);
      return NULL;
    }
  for (guint i = 0; i < g_list_model_get_n_items (masters); i++)
    {
      g_autoptr(GjRecord) m = g_list_model_get_item (masters, i);
      const char *uid = gj_record_get_text (m, "ical_uid");

      if (uid != NULL)
        g_hash_table_insert (by_uid, (gpointer) uid, GSIZE_TO_POINTER (gj_record_get_id (m)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GjRecord) o = g_list_model_get_item (list, i);
      gint64 master = gj_record_get_int (o, "series_id");
      GListStore *store;

      if (master <= 0 && gj_record_get_text (o, "ical_uid") != NULL)
        master = GPOINTER_TO_SIZE (g_hash_table_lookup (by_uid, gj_record_get_text (o, "ical_uid")));
      if (master <= 0)
        continue;
      store = g_hash_table_lookup (result, &master);
      if (store == NULL)
        {
          store = g_list_store_new (GJ_TYPE_MEETING);
          g_hash_table_insert (result, g_memdup2 (&master, sizeof master), store);
        }
      g_list_store_append (store, o);
    }
  return result;
}

static gint
compare_by_start (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GjOccurrence *x = (GjOccurrence *) a, *y = (GjOccurrence *) b;
  int c = g_strcmp0 (gj_occurrence_get_starts_at (x), gj_occurrence_get_starts_at (y));

  if (c != 0)
    return c;
  return g_strcmp0 (gj_occurrence_get_title (x), gj_occurrence_get_title (y));
}

GListModel *
gj_store_list_occurrences (GjStore     *self,
                           gint64       street_id,
                           const char  *from,
                           const char  *to,
                           GError     **error)
{
  g_autoptr(GListModel) masters = NULL;
  g_autoptr(GListModel) singles = NULL;
  g_autoptr(GHashTable) overrides = NULL;
  g_autoptr(GHashTable) themes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GListStore) result = g_list_store_new (GJ_TYPE_OCCURRENCE);
  g_autofree char *after_to = to ? add_days (to, 1) : NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  if ((from && strlen (from) != 10) || (to && (strlen (to) != 10 || after_to == NULL)))
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID,
                   _("The date range “%s” to “%s” is not valid"), from ? from : "", to ? to : "");
      return NULL;
    }

  masters = query_records (self, GJ_TYPE_MEETING,
                           "WHERE t.extra LIKE '%\"rrule\"%' AND t.series_id IS NULL"
                           " AND (?1 = 0 OR t.street_id = ?1)",
                           error, "i", street_id);
  if (masters == NULL)
    return NULL;
  overrides = collect_overrides (self, masters, street_id, error);
  if (overrides == NULL)
    return NULL;

  /* The theme plans of the months in view. */
  stmt = gj_store_prepare (self,
                           "SELECT series_id, month, theme FROM meeting_theme"
                           " WHERE (?1 IS NULL OR month >= substr (?1, 1, 7)) AND (?2 IS NULL OR month <= substr (?2, 1, 7))",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (themes,
                         g_strdup_printf ("%" G_GINT64_FORMAT ":%s", (gint64) sqlite3_column_int64 (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (masters); i++)
    {
      g_autoptr(GjMeeting) master = g_list_model_get_item (masters, i);
      gint64 id = gj_record_get_id (GJ_RECORD (master));
      GListModel *mine = g_hash_table_lookup (overrides, &id);
      g_autoptr(GListModel) occurrences = NULL;
      g_autoptr(GError) local_error = NULL;

      occurrences = gj_meeting_occurrences (master, mine, from, to, &local_error);
      /* One unreadable series must not hide the others. */
      if (occurrences == NULL)
        {
          g_debug ("meeting %" G_GINT64_FORMAT ": %s", id, local_error->message);
          continue;
        }
      for (guint k = 0; k < g_list_model_get_n_items (occurrences); k++)
        {
          g_autoptr(GjOccurrence) occ = g_list_model_get_item (occurrences, k);

          if (!gj_occurrence_is_override (occ))
            {
              g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%.7s", id, gj_occurrence_get_starts_at (occ));
              const char *theme = g_hash_table_lookup (themes, key);

              if (theme != NULL)
                gj_occurrence_set_title (occ, theme);
            }
          g_list_store_append (result, occ);
        }
    }

  singles = query_records (self, GJ_TYPE_MEETING,
                           "WHERE (?1 = 0 OR t.street_id = ?1)"
                           " AND (?2 IS NULL OR t.starts_at >= ?2) AND (?3 IS NULL OR t.starts_at < ?3)"
                           " AND t.series_id IS NULL"
                           " AND (t.extra IS NULL OR (t.extra NOT LIKE '%\"rrule\"%' AND t.extra NOT LIKE '%\"recurrence_id\"%'))",
                           error, "itt", street_id, from, after_to);
  if (singles == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (singles); i++)
    {
      g_autoptr(GjMeeting) m = g_list_model_get_item (singles, i);
      g_autoptr(GListModel) occurrences = gj_meeting_occurrences (m, NULL, from, to, NULL);

      for (guint k = 0; occurrences && k < g_list_model_get_n_items (occurrences); k++)
        {
          g_autoptr(GObject) occ = g_list_model_get_item (occurrences, k);

          g_list_store_append (result, occ);
        }
    }

  g_list_store_sort (result, compare_by_start, NULL);
  return G_LIST_MODEL (g_steal_pointer (&result));
}

/* ---- series -------------------------------------------------------------- */

gboolean
gj_store_series_create (GjStore            *self,
                        GjMeeting          *master,
                        const GjRecurrence *rule,
                        const char         *tzid,
                        GError            **error)
{
  g_autofree char *rrule = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (master), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  rrule = gj_recurrence_to_rrule (rule);
  if (rrule == NULL)
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("The repeat rule is not valid."));
      return FALSE;
    }
  if (gj_record_get_text (GJ_RECORD (master), "starts_at") == NULL)
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("A series needs the start of its first meeting."));
      return FALSE;
    }
  if (tzid != NULL && strcmp (tzid, DISTRICT_ZONE) != 0)
    {
      zone = g_time_zone_new_identifier (tzid);
      if (zone == NULL)
        {
          g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("Unknown time zone “%s”."), tzid);
          return FALSE;
        }
      gj_meeting_set_extra (master, "tzid", tzid);
    }
  gj_meeting_set_extra (master, "rrule", rrule);
  if (gj_record_get_text (GJ_RECORD (master), "status") == NULL)
    gj_record_set_text (GJ_RECORD (master), "status", "scheduled");
  return gj_store_insert (self, GJ_RECORD (master), error);
}

gboolean
gj_store_series_set_rule (GjStore            *self,
                          GjMeeting          *master,
                          const GjRecurrence *rule,
                          GError            **error)
{
  g_autofree char *rrule = NULL;
  g_autofree char *old = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (master), FALSE);

  rrule = gj_recurrence_to_rrule (rule);
  if (rrule == NULL)
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("The repeat rule is not valid."));
      return FALSE;
    }
  old = gj_meeting_dup_extra (master, "rrule");
  gj_meeting_set_extra (master, "rrule", rrule);
  if (!gj_store_update (self, GJ_RECORD (master), error))
    {
      gj_meeting_set_extra (master, "rrule", old);
      return FALSE;
    }
  return TRUE;
}

GListModel *
gj_store_series_list_themes (GjStore     *self,
                             GjMeeting   *master,
                             int          year,
                             GError     **error)
{
  g_autofree char *prefix = g_strdup_printf ("%04d-%%", year);

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (master), NULL);
  return query_records (self, GJ_TYPE_MEETING_THEME, "WHERE t.series_id = ?1 AND t.month LIKE ?2 ORDER BY t.month",
                        error, "it", gj_record_get_id (GJ_RECORD (master)), prefix);
}

char *
gj_store_series_dup_theme (GjStore     *self,
                           GjMeeting   *master,
                           const char  *date,
                           GError     **error)
{
  g_autofree char *month = NULL;
  g_autoptr(GjRecord) theme = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (master), NULL);

  if (date == NULL || strlen (date) < 7)
    return NULL;
  month = g_strndup (date, 7);
  theme = query_one (self, GJ_TYPE_MEETING_THEME, "WHERE t.series_id = ?1 AND t.month = ?2", &local_error,
                     "it", gj_record_get_id (GJ_RECORD (master)), month);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return theme ? g_strdup (gj_record_get_text (theme, "theme")) : NULL;
}

gboolean
gj_store_series_set_themes (GjStore           *self,
                            GjMeeting         *master,
                            int                year,
                            const char *const  themes[12],
                            GError           **error)
{
  g_autoptr(GListModel) existing = NULL;
  g_autoptr(GListModel) stored = NULL;
  const char *series_title = gj_record_get_text (GJ_RECORD (master), "title");
  char *old_themes[12] = { NULL };
  gint64 master_id = gj_record_get_id (GJ_RECORD (master));
  gboolean ok = FALSE;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (master), FALSE);
  g_return_val_if_fail (themes != NULL, FALSE);

  if (master_id <= 0 || !has_rrule (master))
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("A theme plan belongs to a saved series."));
      return FALSE;
    }
  if (!gj_store_begin (self, error))
    return FALSE;
  existing = gj_store_series_list_themes (self, master, year, error);
  if (existing == NULL)
    goto out;

  for (int month = 1; month <= 12; month++)
    {
      g_autofree char *key = g_strdup_printf ("%04d-%02d", year, month);
      const char *theme = themes[month - 1];
      g_autoptr(GjRecord) line = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (existing) && line == NULL; i++)
        {
          g_autoptr(GjRecord) r = g_list_model_get_item (existing, i);

          if (g_strcmp0 (gj_record_get_text (r, "month"), key) == 0)
            line = g_object_ref (r);
        }
      if (line != NULL)
        old_themes[month - 1] = g_strdup (gj_record_get_text (line, "theme"));
      if (is_blank (theme))
        {
          if (line != NULL && !gj_store_delete (self, line, NULL, error))
            goto out;
          continue;
        }
      if (line == NULL)
        {
          line = GJ_RECORD (gj_meeting_theme_new ());
          gj_record_set_int (line, "series_id", master_id);
          gj_record_set_text (line, "month", key);
          gj_record_set_text (line, "theme", theme);
          if (!gj_store_insert (self, line, error))
            goto out;
        }
      else if (g_strcmp0 (gj_record_get_text (line, "theme"), theme) != 0)
        {
          gj_record_set_text (line, "theme", theme);
          if (!gj_store_update (self, line, error))
            goto out;
        }
    }

  /* Stored occurrences still titled as the series (or with the old plan)
   * take the new theme; those given a title of their own keep it. */
  {
    g_autofree char *prefix = g_strdup_printf ("%04d-%%", year);

    stored = query_records (self, GJ_TYPE_MEETING, "WHERE t.series_id = ?1 AND t.starts_at LIKE ?2", error,
                            "it", master_id, prefix);
  }
  if (stored == NULL)
    goto out;
  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      g_autoptr(GjMeeting) m = g_list_model_get_item (stored, i);
      const char *title = gj_record_get_text (GJ_RECORD (m), "title");
      g_autofree char *rid = gj_meeting_dup_extra (m, "recurrence_id");
      g_autofree char *norm = rid ? gj_meeting_normalize_recurrence_id (master, rid) : NULL;
      const char *start = norm ? norm : gj_record_get_text (GJ_RECORD (m), "starts_at");
      int month = start && strlen (start) >= 7 ? atoi (start + 5) : 0;
      const char *theme;

      if (month < 1 || month > 12 || gj_meeting_is_locked (m))
        continue;
      theme = themes[month - 1];
      if (is_blank (theme) || g_strcmp0 (title, theme) == 0)
        continue;
      if (g_strcmp0 (title, series_title) != 0 && g_strcmp0 (title, old_themes[month - 1]) != 0)
        continue;
      gj_record_set_text (GJ_RECORD (m), "title", theme);
      if (!gj_store_update (self, GJ_RECORD (m), error))
        goto out;
    }
  ok = TRUE;

out:
  for (int i = 0; i < 12; i++)
    g_free (old_themes[i]);
  if (!ok)
    {
      gj_store_rollback (self);
      return FALSE;
    }
  return gj_store_commit (self, error);
}

/* The stored override of @master at @rid (normalised), or NULL. */
static GjMeeting *
find_override (GjStore     *self,
               GjMeeting   *master,
               const char  *rid,
               GError     **error)
{
  g_autoptr(GListModel) list = NULL;
  const char *uid = gj_record_get_text (GJ_RECORD (master), "ical_uid");

  list = query_records (self, GJ_TYPE_MEETING,
                        "WHERE (t.series_id = ?1 OR (?2 IS NOT NULL AND t.ical_uid = ?2 AND t.id != ?1))"
                        " AND t.extra LIKE '%\"recurrence_id\"%'",
                        error, "it", gj_record_get_id (GJ_RECORD (master)), uid);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GjMeeting) m = g_list_model_get_item (list, i);
      g_autofree char *theirs = gj_meeting_dup_extra (m, "recurrence_id");
      g_autofree char *norm = gj_meeting_normalize_recurrence_id (master, theirs);

      if (g_strcmp0 (norm, rid) == 0)
        return g_steal_pointer (&m);
    }
  return NULL;
}

GjMeeting *
gj_store_find_override (GjStore     *self,
                        GjMeeting   *master,
                        const char  *recurrence_id,
                        GError     **error)
{
  g_autofree char *rid = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (master), NULL);

  rid = gj_meeting_normalize_recurrence_id (master, recurrence_id);
  if (rid == NULL || gj_record_get_id (GJ_RECORD (master)) <= 0)
    return NULL;
  return find_override (self, master, rid, error);
}

static void
copy_text (GjRecord   *to,
           GjRecord   *from,
           const char *field)
{
  gj_record_set_text (to, field, gj_record_get_text (from, field));
}

static gboolean
copy_invitations (GjStore    *self,
                  GjMeeting  *from,
                  GjMeeting  *to,
                  GError    **error)
{
  g_autoptr(GListModel) invited = gj_store_list_attendance (self, from, error);

  if (invited == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (invited); i++)
    {
      g_autoptr(GjRecord) a = g_list_model_get_item (invited, i);
      g_autoptr(GjRecord) copy = GJ_RECORD (gj_attendance_new ());

      gj_record_set_int (copy, "meeting_id", gj_record_get_id (GJ_RECORD (to)));
      gj_record_set_int (copy, "unit_id", gj_record_get_int (a, "unit_id"));
      gj_record_set_text (copy, "status", "invited");
      if (!gj_store_insert (self, copy, error))
        return FALSE;
    }
  return TRUE;
}

static GjMeeting *
materialize (GjStore     *self,
             GjMeeting   *master,
             const char  *recurrence_id,
             GError     **error)
{
  g_autofree char *rid = NULL;
  g_autoptr(GjMeeting) found = NULL;
  g_autoptr(GListModel) occurrences = NULL;
  g_autoptr(GjOccurrence) occ = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GjMeeting) m = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *day = NULL;
  GjRecord *r;

  if (gj_record_get_id (GJ_RECORD (master)) <= 0 || !has_rrule (master))
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("The meeting is not a saved series."));
      return NULL;
    }
  rid = gj_meeting_normalize_recurrence_id (master, recurrence_id);
  if (rid == NULL)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("“%s” is not a date or time."),
                   recurrence_id ? recurrence_id : "");
      return NULL;
    }
  found = find_override (self, master, rid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (found != NULL)
    return g_steal_pointer (&found);

  day = g_strndup (rid, 10);
  occurrences = gj_meeting_occurrences (master, NULL, day, day, error);
  if (occurrences == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (occurrences) && occ == NULL; i++)
    {
      g_autoptr(GjOccurrence) o = g_list_model_get_item (occurrences, i);

      if (g_strcmp0 (gj_occurrence_get_recurrence_id (o), rid) == 0)
        occ = g_steal_pointer (&o);
    }
  if (occ == NULL)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND,
                   _("The series “%s” has no meeting at %s."), gj_record_get_label (GJ_RECORD (master)), rid);
      return NULL;
    }

  theme = gj_store_series_dup_theme (self, master, rid, error);
  m = gj_meeting_new ();
  r = GJ_RECORD (m);
  gj_record_set_int (r, "series_id", gj_record_get_id (GJ_RECORD (master)));
  copy_text (r, GJ_RECORD (master), "ical_uid");
  gj_record_set_text (r, "title", theme ? theme : gj_record_get_text (GJ_RECORD (master), "title"));
  copy_text (r, GJ_RECORD (master), "category");
  if (gj_record_get_int (GJ_RECORD (master), "street_id") > 0)
    gj_record_set_int (r, "street_id", gj_record_get_int (GJ_RECORD (master), "street_id"));
  if (gj_record_get_int (GJ_RECORD (master), "station_id") > 0)
    gj_record_set_int (r, "station_id", gj_record_get_int (GJ_RECORD (master), "station_id"));
  copy_text (r, GJ_RECORD (master), "location");
  copy_text (r, GJ_RECORD (master), "organizer");
  copy_text (r, GJ_RECORD (master), "contact");
  copy_text (r, GJ_RECORD (master), "contact_phone");
  gj_record_set_bool (r, "all_day", gj_occurrence_get_all_day (occ));
  gj_record_set_text (r, "starts_at", gj_occurrence_get_starts_at (occ));
  gj_record_set_text (r, "ends_at", gj_occurrence_get_ends_at (occ));
  gj_record_set_text (r, "status", gj_occurrence_is_cancelled (occ) ? "cancelled" : "scheduled");
  gj_meeting_set_extra (m, "recurrence_id", rid);
  if (!gj_store_insert (self, r, error) || !copy_invitations (self, master, m, error))
    return NULL;
  return g_steal_pointer (&m);
}

GjMeeting *
gj_store_occurrence_materialize (GjStore     *self,
                                 GjMeeting   *master,
                                 const char  *recurrence_id,
                                 GError     **error)
{
  GjMeeting *m;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (master), NULL);

  if (!gj_store_begin (self, error))
    return NULL;
  m = materialize (self, master, recurrence_id, error);
  if (m == NULL)
    {
      gj_store_rollback (self);
      return NULL;
    }
  if (!gj_store_commit (self, error))
    {
      g_object_unref (m);
      return NULL;
    }
  return m;
}

GjMeeting *
gj_store_occurrence_move (GjStore     *self,
                          GjMeeting   *master,
                          const char  *recurrence_id,
                          const char  *starts_at,
                          const char  *ends_at,
                          const char  *reason,
                          GError     **error)
{
  g_autoptr(GjMeeting) m = NULL;
  g_autoptr(GTimeZone) zone = district_zone ();
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *new_start = NULL;
  g_autofree char *new_end = NULL;
  g_autofree char *old_start = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (master), NULL);
  g_return_val_if_fail (starts_at != NULL, NULL);

  start = g_date_time_new_from_iso8601 (starts_at, zone);
  if (start == NULL)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("“%s” is not a date or time."), starts_at);
      return NULL;
    }
  if (!gj_store_begin (self, error))
    return NULL;
  m = materialize (self, master, recurrence_id, error);
  if (m == NULL || refuse_locked (m, error))
    goto fail;
  {
    g_autoptr(GDateTime) here = g_date_time_to_timezone (start, zone);

    new_start = g_date_time_format (here, "%Y-%m-%dT%H:%M:%S%:z");
    if (ends_at != NULL)
      {
        g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 (ends_at, zone);
        g_autoptr(GDateTime) end_here = NULL;

        if (end == NULL || g_date_time_compare (end, start) < 0)
          {
            g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("The end “%s” is not after the start."), ends_at);
            goto fail;
          }
        end_here = g_date_time_to_timezone (end, zone);
        new_end = g_date_time_format (end_here, "%Y-%m-%dT%H:%M:%S%:z");
      }
    else if (gj_meeting_get_length_minutes (m) > 0)
      {
        g_autoptr(GDateTime) end = g_date_time_add_minutes (here, gj_meeting_get_length_minutes (m));

        new_end = g_date_time_format (end, "%Y-%m-%dT%H:%M:%S%:z");
      }
  }
  old_start = g_strdup (gj_record_get_text (GJ_RECORD (m), "starts_at"));
  gj_record_set_text (GJ_RECORD (m), "starts_at", new_start);
  gj_record_set_text (GJ_RECORD (m), "ends_at", new_end);
  gj_record_set_bool (GJ_RECORD (m), "all_day", FALSE);
  if (!gj_store_update (self, GJ_RECORD (m), error)
      || !write_status_change (self, m, "move", old_start, new_start, reason, error)
      || !gj_store_commit (self, error))
    goto fail;
  return g_steal_pointer (&m);

fail:
  gj_store_rollback (self);
  return NULL;
}

GjMeeting *
gj_store_occurrence_cancel (GjStore     *self,
                            GjMeeting   *master,
                            const char  *recurrence_id,
                            const char  *reason,
                            GError     **error)
{
  g_autoptr(GjMeeting) m = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *from;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (master), NULL);

  if (!gj_store_begin (self, error))
    return NULL;
  m = materialize (self, master, recurrence_id, error);
  if (m == NULL)
    goto fail;
  if (gj_meeting_get_status (m) == GJ_MEETING_STATUS_CANCELLED)
    {
      if (!gj_store_commit (self, error))
        return NULL;
      return g_steal_pointer (&m);
    }
  if (!gj_meeting_check_transition (m, GJ_MEETING_STATUS_CANCELLED, FALSE, reason, NULL, &local_error))
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, local_error->message);
      goto fail;
    }
  from = gj_meeting_status_to_string (gj_meeting_get_status (m));
  gj_record_set_text (GJ_RECORD (m), "status", "cancelled");
  if (!gj_store_update (self, GJ_RECORD (m), error)
      || !write_status_change (self, m, "status", from, "cancelled", reason, error)
      || !gj_store_commit (self, error))
    goto fail;
  return g_steal_pointer (&m);

fail:
  gj_store_rollback (self);
  return NULL;
}

/* ---- previous / next ----------------------------------------------------- */

GjMeeting *
gj_store_meeting_previous (GjStore     *self,
                           GjMeeting   *meeting,
                           GError     **error)
{
  const char *starts_at;
  gint64 street, series;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), NULL);

  starts_at = gj_record_get_text (GJ_RECORD (meeting), "starts_at");
  if (starts_at == NULL)
    return NULL;
  street = gj_record_get_int (GJ_RECORD (meeting), "street_id");
  series = gj_record_get_int (GJ_RECORD (meeting), "series_id");
  return GJ_MEETING (query_one (self, GJ_TYPE_MEETING,
                                "WHERE t.id != ?1 AND t.starts_at < ?2"
                                " AND ((?3 > 0 AND t.street_id = ?3) OR (?3 = 0 AND ?4 > 0 AND t.series_id = ?4))"
                                " AND coalesce (t.status, '') != 'cancelled'"
                                " AND (t.extra IS NULL OR t.extra NOT LIKE '%\"rrule\"%')"
                                " ORDER BY t.starts_at DESC, t.id DESC LIMIT 1",
                                error, "itii", gj_record_get_id (GJ_RECORD (meeting)), starts_at, street, series));
}

GjMeeting *
gj_store_meeting_next (GjStore     *self,
                       GjMeeting   *meeting,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GjMeeting) stored = NULL;
  g_autoptr(GjMeeting) master = NULL;
  const char *starts_at;
  gint64 street, series;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), NULL);

  starts_at = gj_record_get_text (GJ_RECORD (meeting), "starts_at");
  if (starts_at == NULL)
    return NULL;
  street = gj_record_get_int (GJ_RECORD (meeting), "street_id");
  series = gj_record_get_int (GJ_RECORD (meeting), "series_id");
  stored = GJ_MEETING (query_one (self, GJ_TYPE_MEETING,
                                  "WHERE t.id != ?1 AND t.starts_at > ?2"
                                  " AND ((?3 > 0 AND t.street_id = ?3) OR (?3 = 0 AND ?4 > 0 AND t.series_id = ?4))"
                                  " AND coalesce (t.status, '') != 'cancelled'"
                                  " AND (t.extra IS NULL OR t.extra NOT LIKE '%\"rrule\"%')"
                                  " ORDER BY t.starts_at, t.id LIMIT 1",
                                  &local_error, "itii", gj_record_get_id (GJ_RECORD (meeting)), starts_at, street, series));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The series may have an occurrence before that, not stored yet. */
  if (has_rrule (meeting))
    master = g_object_ref (meeting);
  else if (series > 0)
    master = get_meeting (self, series, NULL);
  if (master != NULL && has_rrule (master))
    {
      g_autofree char *day = gj_meeting_dup_start_date (meeting);
      g_autofree char *until = add_days (day, NEXT_LOOKAHEAD_DAYS);
      g_autoptr(GListModel) occurrences = NULL;
      g_autoptr(GHashTable) overrides = NULL;
      g_autoptr(GListStore) one = g_list_store_new (GJ_TYPE_MEETING);
      g_autoptr(GListModel) masters = NULL;
      GListModel *mine;
      gint64 id = gj_record_get_id (GJ_RECORD (master));

      g_list_store_append (one, master);
      masters = G_LIST_MODEL (g_object_ref (one));
      overrides = collect_overrides (self, masters, 0, error);
      if (overrides == NULL)
        return NULL;
      mine = g_hash_table_lookup (overrides, &id);
      occurrences = gj_meeting_occurrences (master, mine, day, until, error);
      if (occurrences == NULL)
        return NULL;
      for (guint i = 0; i < g_list_model_get_n_items (occurrences); i++)
        {
          g_autoptr(GjOccurrence) occ = g_list_model_get_item (occurrences, i);

          if (gj_occurrence_is_cancelled (occ) || g_strcmp0 (gj_occurrence_get_starts_at (occ), starts_at) <= 0)
            continue;
          if (gj_occurrence_is_override (occ) || (stored != NULL &&
              g_strcmp0 (gj_record_get_text (GJ_RECORD (stored), "starts_at"), gj_occurrence_get_starts_at (occ)) <= 0))
            break;
          return gj_store_occurrence_materialize (self, master, gj_occurrence_get_recurrence_id (occ), error);
        }
    }
  return g_steal_pointer (&stored);
}

/* ---- lifecycle ----------------------------------------------------------- */

static gint64
count_decisions (GjStore  *self,
                 gint64    meeting_id,
                 GError  **error)
{
  return query_int (self, "SELECT count(*) FROM agenda_item WHERE meeting_id = ?1 AND trim (coalesce (decision, '')) != ''",
                    error, "i", meeting_id);
}

gboolean
gj_store_meeting_move (GjStore          *self,
                       GjMeeting        *meeting,
                       GjMeetingStatus   to,
                       const char       *reason,
                       GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GjMeeting) stored = NULL;
  g_autoptr(GjRecord) before = NULL;
  g_autofree char *now = gj_now_iso8601 ();
  GjMeetingStatus from;
  gint64 decisions;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), FALSE);

  stored = get_meeting (self, gj_record_get_id (GJ_RECORD (meeting)), error);
  if (stored == NULL)
    return FALSE;
  from = gj_meeting_get_status (stored);
  if (from == GJ_MEETING_STATUS_CLOSED && to == GJ_MEETING_STATUS_MINUTED)
    return gj_store_meeting_reopen (self, meeting, reason, error);
  if (refuse_locked (stored, error))
    return FALSE;
  decisions = count_decisions (self, gj_record_get_id (GJ_RECORD (meeting)), error);
  if (decisions < 0)
    return FALSE;
  if (!gj_meeting_check_transition (meeting, to, decisions > 0, reason, NULL, &local_error))
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  before = gj_record_copy (GJ_RECORD (meeting));
  gj_record_set_text (GJ_RECORD (meeting), "status", gj_meeting_status_to_string (to));
  if (to == GJ_MEETING_STATUS_HELD)
    gj_record_set_text (GJ_RECORD (meeting), "held_at", now);
  else if (to == GJ_MEETING_STATUS_MINUTED)
    gj_record_set_text (GJ_RECORD (meeting), "minutes_at", now);
  else if (to == GJ_MEETING_STATUS_CLOSED)
    {
      gj_record_set_text (GJ_RECORD (meeting), "closed_at", now);
      gj_meeting_allow_locked_write (meeting, TRUE);
    }

  if (!gj_store_begin (self, error))
    goto fail;
  if (!gj_store_update (self, GJ_RECORD (meeting), error)
      || !write_status_change (self, meeting, "status", gj_meeting_status_to_string (from),
                               gj_meeting_status_to_string (to), reason, error))
    {
      gj_store_rollback (self);
      goto fail;
    }
  /* Topics decided at this meeting leave the backlog for good. */
  if (to == GJ_MEETING_STATUS_MINUTED)
    {
      sqlite3_stmt *stmt = gj_store_prepare (self,
                                             "UPDATE topic SET status = 'done', updated_at = ?2 WHERE meeting_id = ?1"
                                             " AND id IN (SELECT topic_id FROM agenda_item WHERE meeting_id = ?1"
                                             " AND trim (coalesce (decision, '')) != '')", error);

      if (stmt == NULL)
        {
          gj_store_rollback (self);
          goto fail;
        }
      sqlite3_bind_int64 (stmt, 1, gj_record_get_id (GJ_RECORD (meeting)));
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      if (!gj_store_step_done (self, stmt, error))
        {
          gj_store_rollback (self);
          goto fail;
        }
    }
  if (!gj_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  gj_meeting_allow_locked_write (meeting, FALSE);
  copy_text (GJ_RECORD (meeting), before, "status");
  copy_text (GJ_RECORD (meeting), before, "held_at");
  copy_text (GJ_RECORD (meeting), before, "minutes_at");
  copy_text (GJ_RECORD (meeting), before, "closed_at");
  return FALSE;
}

gboolean
gj_store_meeting_reopen (GjStore     *self,
                         GjMeeting   *meeting,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GjMeeting) stored = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), FALSE);

  stored = get_meeting (self, gj_record_get_id (GJ_RECORD (meeting)), error);
  if (stored == NULL)
    return FALSE;
  if (!gj_meeting_is_locked (stored))
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("The meeting “%s” is not closed."),
                   gj_record_get_label (GJ_RECORD (stored)));
      return FALSE;
    }
  if (!gj_meeting_check_transition (stored, GJ_MEETING_STATUS_MINUTED, TRUE, reason, NULL, &local_error))
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  /* What the caller holds may be stale; the stored record is what opens. */
  gj_record_set_text (GJ_RECORD (stored), "status", "minuted");
  gj_record_set_text (GJ_RECORD (stored), "closed_at", NULL);
  if (!gj_store_begin (self, error))
    return FALSE;
  if (!gj_store_update (self, GJ_RECORD (stored), error)
      || !write_status_change (self, stored, "reopen", "closed", "minuted", reason, error)
      || !gj_store_commit (self, error))
    {
      gj_store_rollback (self);
      return FALSE;
    }
  gj_record_set_text (GJ_RECORD (meeting), "status", "minuted");
  gj_record_set_text (GJ_RECORD (meeting), "closed_at", NULL);
  gj_record_set_times (GJ_RECORD (meeting), gj_record_get_created_at (GJ_RECORD (stored)),
                       gj_record_get_updated_at (GJ_RECORD (stored)));
  return TRUE;
}

GListModel *
gj_store_meeting_list_history (GjStore     *self,
                               GjMeeting   *meeting,
                               GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), NULL);
  return query_records (self, GJ_TYPE_CHANGE,
                        "WHERE t.record_uuid = ?1 AND t.action IN ('status', 'reopen', 'move') ORDER BY t.id",
                        error, "t", gj_record_get_uuid (GJ_RECORD (meeting)));
}

GListModel *
gj_store_meetings_missing_minutes (GjStore     *self,
                                   guint        days,
                                   const char  *today,
                                   GError     **error)
{
  g_autofree char *day = dup_today (today);
  g_autofree char *cutoff = add_days (day, 1 - (int) days);

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  if (cutoff == NULL)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("“%s” is not a date."), day);
      return NULL;
    }
  return query_records (self, GJ_TYPE_MEETING,
                        "WHERE t.status = 'held' AND t.starts_at < ?1 ORDER BY t.starts_at",
                        error, "t", cutoff);
}

/* ---- agenda -------------------------------------------------------------- */

GListModel *
gj_store_list_agenda (GjStore     *self,
                      GjMeeting   *meeting,
                      GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), NULL);
  return query_records (self, GJ_TYPE_AGENDA_ITEM, "WHERE t.meeting_id = ?1 ORDER BY t.position, t.id",
                        error, "i", gj_record_get_id (GJ_RECORD (meeting)));
}

static gboolean
already_there (GListModel *items,
               const char *field,
               gint64      id)
{
  for (guint i = 0; id > 0 && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GjRecord) r = g_list_model_get_item (items, i);

      if (gj_record_get_int (r, field) == id)
        return TRUE;
    }
  return FALSE;
}

static GjAgendaItem *
new_item (GjAgendaSource  source,
          const char     *title,
          gint64          unit_id,
          gint64          minutes)
{
  GjAgendaItem *item = gj_agenda_item_new ();

  gj_record_set_text (GJ_RECORD (item), "title", title);
  gj_record_set_text (GJ_RECORD (item), "source", gj_agenda_source_to_string (source));
  if (unit_id > 0)
    gj_record_set_int (GJ_RECORD (item), "presenter_unit_id", unit_id);
  gj_record_set_int (GJ_RECORD (item), "minutes_planned", minutes > 0 ? minutes : GJ_AGENDA_DEFAULT_MINUTES);
  return item;
}

static gboolean
draft_followups (GjStore     *self,
                 GjMeeting   *meeting,
                 GListModel  *existing,
                 GListStore  *out,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GjMeeting) previous = gj_store_meeting_previous (self, meeting, &local_error);
  g_autoptr(GListModel) items = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (previous == NULL)
    return TRUE;
  items = gj_store_list_agenda (self, previous, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GjAgendaItem) old = g_list_model_get_item (items, i);
      GjRecord *o = GJ_RECORD (old);
      GjAgendaOutcome outcome = gj_agenda_item_get_outcome (old);
      g_autoptr(GjAgendaItem) item = NULL;
      GjRecord *r;

      if (!(outcome == GJ_AGENDA_OUTCOME_UNFINISHED
            || (outcome == GJ_AGENDA_OUTCOME_OPEN && gj_agenda_item_has_followup (old)
                && gj_record_get_int (o, "problem_id") <= 0)))
        continue;
      if (already_there (existing, "carried_from_id", gj_record_get_id (o)))
        continue;
      item = new_item (GJ_AGENDA_SOURCE_FOLLOWUP, gj_record_get_text (o, "title"),
                       gj_record_get_int (o, "responsible_unit_id") > 0 ? gj_record_get_int (o, "responsible_unit_id")
                                                                        : gj_record_get_int (o, "presenter_unit_id"),
                       10);
      r = GJ_RECORD (item);
      gj_record_set_int (r, "carried_from_id", gj_record_get_id (o));
      if (gj_record_get_int (o, "responsible_unit_id") > 0)
        gj_record_set_int (r, "responsible_unit_id", gj_record_get_int (o, "responsible_unit_id"));
      copy_text (r, o, "measures");
      copy_text (r, o, "deadline");
      if (gj_record_get_int (o, "problem_id") > 0)
        gj_record_set_int (r, "problem_id", gj_record_get_int (o, "problem_id"));
      if (gj_record_get_int (o, "agreement_id") > 0)
        gj_record_set_int (r, "agreement_id", gj_record_get_int (o, "agreement_id"));
      if (gj_record_get_int (o, "grid_id") > 0)
        gj_record_set_int (r, "grid_id", gj_record_get_int (o, "grid_id"));
      if (gj_record_get_int (o, "topic_id") > 0)
        gj_record_set_int (r, "topic_id", gj_record_get_int (o, "topic_id"));
      g_list_store_append (out, item);
    }
  return TRUE;
}

static gboolean
draft_problems (GjStore     *self,
                gint64       street_id,
                const char  *meeting_day,
                GListModel  *existing,
                GListStore  *out,
                GError     **error)
{
  g_autofree char *due_by = add_days (meeting_day, GJ_PROBLEM_DUE_SOON_DAYS);
  g_autoptr(GListModel) problems = NULL;

  problems = query_records (self, GJ_TYPE_PROBLEM,
                            "WHERE t.deadline IS NOT NULL AND t.deadline <= ?2"
                            " AND (?1 = 0"
                            "   OR t.grid_id IN (SELECT id FROM grid WHERE street_id = ?1)"
                            "   OR t.lead_unit_id IN (SELECT id FROM unit WHERE street_id = ?1)"
                            "   OR t.meeting_id IN (SELECT id FROM meeting WHERE street_id = ?1))"
                            " ORDER BY t.deadline, t.id",
                            error, "it", street_id, due_by);
  if (problems == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GjRecord) p = g_list_model_get_item (problems, i);
      g_autoptr(GjAgendaItem) item = NULL;
      g_autofree char *title = NULL;
      const char *deadline = gj_record_get_text (p, "deadline");

      if (gj_problem_status_is_done (gj_problem_get_status (p)) || already_there (existing, "problem_id", gj_record_get_id (p)))
        continue;
      if (g_strcmp0 (deadline, meeting_day) < 0)
        title = g_strdup_printf (_("Overdue since %s: %s"), deadline, gj_record_get_text (p, "title"));
      else
        title = g_strdup_printf (_("Due on %s: %s"), deadline, gj_record_get_text (p, "title"));
      item = new_item (GJ_AGENDA_SOURCE_PROBLEM, title, gj_record_get_int (p, "lead_unit_id"), 10);
      gj_record_set_int (GJ_RECORD (item), "problem_id", gj_record_get_id (p));
      if (gj_record_get_int (p, "grid_id") > 0)
        gj_record_set_int (GJ_RECORD (item), "grid_id", gj_record_get_int (p, "grid_id"));
      g_list_store_append (out, item);
    }
  return TRUE;
}

static gboolean
draft_agreements (GjStore     *self,
                  gint64       street_id,
                  const char  *meeting_day,
                  GListModel  *existing,
                  GListStore  *out,
                  GError     **error)
{
  g_autofree char *horizon = add_days (meeting_day, GJ_AGENDA_AGREEMENT_EXPIRY_DAYS);
  g_autoptr(GListModel) expiring = NULL;
  g_autoptr(GListModel) unevaluated = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_int64_hash, g_int64_equal);
  int year = atoi (meeting_day), month = atoi (meeting_day + 5);
  int eval_year = month == 12 ? year : year - 1;

  expiring = query_records (self, GJ_TYPE_AGREEMENT,
                            "WHERE (?1 = 0 OR t.street_id = ?1) AND t.end_date >= ?2 AND t.end_date <= ?3"
                            " AND coalesce (t.status, '') NOT IN ('terminated', 'draft', '终止', '已终止', '草稿')"
                            " ORDER BY t.end_date, t.id",
                            error, "itt", street_id, meeting_day, horizon);
  if (expiring == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (expiring); i++)
    {
      g_autoptr(GjRecord) a = g_list_model_get_item (expiring, i);
      g_autoptr(GjAgendaItem) item = NULL;
      g_autofree char *title = NULL;
      gint64 id = gj_record_get_id (a);

      g_hash_table_add (taken, g_memdup2 (&id, sizeof id));
      if (already_there (existing, "agreement_id", id))
        continue;
      title = g_strdup_printf (_("Agreement “%s” ends on %s: renew or close"),
                               gj_record_get_text (a, "title"), gj_record_get_text (a, "end_date"));
      item = new_item (GJ_AGENDA_SOURCE_AGREEMENT_EXPIRING, title, gj_record_get_int (a, "unit_id"), 10);
      gj_record_set_int (GJ_RECORD (item), "agreement_id", id);
      g_list_store_append (out, item);
    }

  /* The yearly evaluation (年度评议) is due at the year's end and in the
   * first quarter after it. */
  if (month != 12 && month > 3)
    goto done;
  {
    g_autofree char *year_start = g_strdup_printf ("%04d-01-01", eval_year);
    g_autofree char *year_end = g_strdup_printf ("%04d-12-31", eval_year);

    unevaluated = query_records (self, GJ_TYPE_AGREEMENT,
                                 "WHERE (?1 = 0 OR t.street_id = ?1)"
                                 " AND coalesce (t.start_date, t.signed_date) <= ?3"
                                 " AND (t.end_date IS NULL OR t.end_date >= ?2)"
                                 " AND coalesce (t.status, '') NOT IN ('terminated', 'draft', '终止', '已终止', '草稿')"
                                 " AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.agreement_id = t.id AND e.year = ?4)"
                                 " ORDER BY t.id",
                                 error, "itti", street_id, year_start, year_end, (gint64) eval_year);
  }
  if (unevaluated == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (unevaluated); i++)
    {
      g_autoptr(GjRecord) a = g_list_model_get_item (unevaluated, i);
      g_autoptr(GjAgendaItem) item = NULL;
      g_autofree char *title = NULL;
      gint64 id = gj_record_get_id (a);

      if (g_hash_table_contains (taken, &id) || already_there (existing, "agreement_id", id))
        continue;
      title = g_strdup_printf (_("Yearly evaluation %d of the agreement “%s”"), eval_year, gj_record_get_text (a, "title"));
      item = new_item (GJ_AGENDA_SOURCE_AGREEMENT_EVALUATION, title, gj_record_get_int (a, "unit_id"), 10);
      gj_record_set_int (GJ_RECORD (item), "agreement_id", id);
      g_list_store_append (out, item);
    }

done:
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, taken);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }
  return TRUE;
}

static gboolean
draft_backlog (GjStore     *self,
               gint64       street_id,
               GListModel  *existing,
               GListStore  *out,
               GError     **error)
{
  g_autoptr(GListModel) topics = gj_store_list_backlog (self, street_id, error);

  if (topics == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(GjRecord) t = g_list_model_get_item (topics, i);
      g_autoptr(GjAgendaItem) item = NULL;

      if (already_there (existing, "topic_id", gj_record_get_id (t)))
        continue;
      item = new_item (GJ_AGENDA_SOURCE_BACKLOG, gj_record_get_text (t, "title"),
                       gj_record_get_int (t, "unit_id"), gj_record_get_int (t, "minutes_planned"));
      gj_record_set_int (GJ_RECORD (item), "topic_id", gj_record_get_id (t));
      g_list_store_append (out, item);
    }
  return TRUE;
}

GListModel *
gj_store_draft_agenda (GjStore     *self,
                       GjMeeting   *meeting,
                       const char  *today,
                       GError     **error)
{
  g_autoptr(GListStore) out = g_list_store_new (GJ_TYPE_AGENDA_ITEM);
  g_autoptr(GListModel) existing = NULL;
  g_autofree char *day = NULL;
  gint64 street;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), NULL);

  day = gj_meeting_dup_start_date (meeting);
  if (day == NULL)
    day = dup_today (today);
  street = gj_record_get_int (GJ_RECORD (meeting), "street_id");
  if (gj_record_get_id (GJ_RECORD (meeting)) > 0)
    existing = gj_store_list_agenda (self, meeting, error);
  else
    existing = G_LIST_MODEL (g_list_store_new (GJ_TYPE_AGENDA_ITEM));
  if (existing == NULL)
    return NULL;

  if (!draft_followups (self, meeting, existing, out, error)
      || !draft_problems (self, street, day, existing, out, error)
      || !draft_agreements (self, street, day, existing, out, error)
      || !draft_backlog (self, street, existing, out, error))
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (out)); i++)
    {
      g_autoptr(GjRecord) r = g_list_model_get_item (G_LIST_MODEL (out), i);

      gj_record_set_int (r, "position", g_list_model_get_n_items (existing) + i + 1);
      if (gj_record_get_id (GJ_RECORD (meeting)) > 0)
        gj_record_set_int (r, "meeting_id", gj_record_get_id (GJ_RECORD (meeting)));
    }
  return G_LIST_MODEL (g_steal_pointer (&out));
}

static gboolean
set_topic (GjStore     *self,
           gint64       topic_id,
           const char  *status,
           gint64       meeting_id,
           GError     **error)
{
  g_autoptr(GjRecord) topic = NULL;
  g_autoptr(GError) local_error = NULL;

  if (topic_id <= 0)
    return TRUE;
  topic = gj_store_get (self, GJ_TYPE_TOPIC, topic_id, &local_error);
  if (topic == NULL)
    return TRUE; /* deleted meanwhile: nothing to mark */
  if (g_strcmp0 (gj_record_get_text (topic, "status"), "done") == 0)
    return TRUE;
  gj_record_set_text (topic, "status", status);
  if (meeting_id > 0)
    gj_record_set_int (topic, "meeting_id", meeting_id);
  else
    gj_record_set_null (topic, "meeting_id");
  return gj_store_update (self, topic, error);
}

static gboolean
mark_carried (GjStore  *self,
              gint64    item_id,
              GError  **error)
{
  g_autoptr(GjRecord) original = NULL;
  g_autoptr(GjMeeting) meeting = NULL;

  if (item_id <= 0)
    return TRUE;
  original = gj_store_get (self, GJ_TYPE_AGENDA_ITEM, item_id, NULL);
  if (original == NULL || g_strcmp0 (gj_record_get_text (original, "outcome"), "carried") == 0)
    return TRUE;
  /* The minutes of a closed meeting stay as they were signed. */
  meeting = get_meeting (self, gj_record_get_int (original, "meeting_id"), NULL);
  if (meeting == NULL || gj_meeting_is_locked (meeting))
    return TRUE;
  gj_record_set_text (original, "outcome", "carried");
  return gj_store_update (self, original, error);
}

gboolean
gj_store_save_agenda (GjStore     *self,
                      GjMeeting   *meeting,
                      GListModel  *items,
                      GError     **error)
{
  g_autoptr(GListModel) old = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) kept_ids = g_ptr_array_new_with_free_func (g_free);
  gint64 meeting_id;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (items), FALSE);

  meeting_id = gj_record_get_id (GJ_RECORD (meeting));
  if (!check_unlocked (self, meeting_id, error))
    return FALSE;
  if (!gj_store_begin (self, error))
    return FALSE;
  old = gj_store_list_agenda (self, meeting, error);
  if (old == NULL)
    goto fail;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GjRecord) item = g_list_model_get_item (items, i);
      gint64 *id;

      if (!GJ_IS_AGENDA_ITEM (item))
        continue;
      gj_record_set_int (item, "meeting_id", meeting_id);
      gj_record_set_int (item, "position", i + 1);
      if (gj_record_get_id (item) > 0)
        {
          if (!gj_store_update (self, item, error))
            goto fail;
        }
      else if (!gj_store_insert (self, item, error))
        goto fail;
      id = g_new (gint64, 1);
      *id = gj_record_get_id (item);
      g_ptr_array_add (kept_ids, id);
      g_hash_table_add (kept, id);
      if (!set_topic (self, gj_record_get_int (item, "topic_id"), "scheduled", meeting_id, error)
          || !mark_carried (self, gj_record_get_int (item, "carried_from_id"), error))
        goto fail;
    }

  for (guint i = 0; i < g_list_model_get_n_items (old); i++)
    {
      g_autoptr(GjRecord) item = g_list_model_get_item (old, i);
      gint64 id = gj_record_get_id (item);
      gint64 topic = gj_record_get_int (item, "topic_id");

      if (g_hash_table_contains (kept, &id))
        continue;
      if (!gj_store_delete (self, item, NULL, error)
          || !set_topic (self, topic, "waiting", 0, error))
        goto fail;
    }
  return gj_store_commit (self, error);

fail:
  gj_store_rollback (self);
  return FALSE;
}

gboolean
gj_store_agenda_item_save (GjStore       *self,
                           GjAgendaItem  *item,
                           GError       **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_AGENDA_ITEM (item), FALSE);

  if (!check_unlocked (self, gj_record_get_int (GJ_RECORD (item), "meeting_id"), error))
    return FALSE;
  if (gj_record_get_id (GJ_RECORD (item)) > 0)
    return gj_store_update (self, GJ_RECORD (item), error);
  return gj_store_insert (self, GJ_RECORD (item), error);
}

GListModel *
gj_store_list_backlog (GjStore     *self,
                       gint64       street_id,
                       GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  return query_records (self, GJ_TYPE_TOPIC,
                        "WHERE (?1 = 0 OR t.street_id = ?1) AND coalesce (t.status, 'waiting') = 'waiting'"
                        " ORDER BY coalesce (t.suggested_on, t.created_at), t.id",
                        error, "i", street_id);
}

/* ---- follow-ups ---------------------------------------------------------- */

GjProblem *
gj_store_followup_prefill (GjStore       *self,
                           GjAgendaItem  *item,
                           GError       **error)
{
  g_autoptr(GjMeeting) meeting = NULL;
  GjRecord *r = GJ_RECORD (item);
  GjProblem *problem;
  GjRecord *p;
  gint64 unit;
  const char *decision;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_AGENDA_ITEM (item), NULL);

  meeting = get_meeting (self, gj_record_get_int (r, "meeting_id"), error);
  if (meeting == NULL)
    return NULL;
  problem = gj_problem_new ();
  p = GJ_RECORD (problem);
  gj_record_set_text (p, "title", gj_record_get_text (r, "title"));
  decision = gj_record_get_text (r, "decision");
  gj_record_set_text (p, "description", !is_blank (decision) ? decision : gj_record_get_text (r, "discussion"));
  gj_record_set_text (p, "category", gj_record_get_text (GJ_RECORD (meeting), "category"));
  gj_record_set_text (p, "source", C_("problem source", "Joint meeting"));
  gj_record_set_int (p, "meeting_id", gj_record_get_id (GJ_RECORD (meeting)));
  if (gj_record_get_id (r) > 0)
    gj_record_set_int (p, "agenda_item_id", gj_record_get_id (r));
  if (gj_record_get_int (r, "grid_id") > 0)
    gj_record_set_int (p, "grid_id", gj_record_get_int (r, "grid_id"));
  unit = gj_record_get_int (r, "responsible_unit_id");
  if (unit <= 0)
    unit = gj_record_get_int (r, "presenter_unit_id");
  if (unit > 0)
    gj_record_set_int (p, "lead_unit_id", unit);
  gj_record_set_text (p, "measures", gj_record_get_text (r, "measures"));
  gj_record_set_text (p, "deadline", gj_record_get_text (r, "deadline"));
  gj_record_set_text (p, "status", gj_problem_status_to_string (GJ_PROBLEM_REGISTERED));
  return problem;
}

GjProblem *
gj_store_followup_to_problem (GjStore       *self,
                              GjAgendaItem  *item,
                              GjProblem     *problem,
                              GError       **error)
{
  g_autoptr(GjProblem) p = NULL;
  g_autoptr(GjMeeting) meeting = NULL;
  g_autofree char *note = NULL;
  GjRecord *r = GJ_RECORD (item);

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_AGENDA_ITEM (item), NULL);
  g_return_val_if_fail (problem == NULL || GJ_IS_PROBLEM (problem), NULL);

  if (gj_record_get_id (r) <= 0)
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("Save the agenda item first."));
      return NULL;
    }
  if (gj_record_get_int (r, "problem_id") > 0)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_DUPLICATE,
                   _("The item “%s” is already on the problem wall."), gj_record_get_label (r));
      return NULL;
    }
  if (is_blank (gj_record_get_text (r, "decision")) && !gj_agenda_item_has_followup (item))
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID,
                   _("The item “%s” has no decision or follow-up to put on the problem wall."), gj_record_get_label (r));
      return NULL;
    }
  meeting = get_meeting (self, gj_record_get_int (r, "meeting_id"), error);
  if (meeting == NULL)
    return NULL;
  p = problem ? g_object_ref (problem) : gj_store_followup_prefill (self, item, error);
  if (p == NULL)
    return NULL;
  gj_record_set_int (GJ_RECORD (p), "agenda_item_id", gj_record_get_id (r));
  gj_record_set_int (GJ_RECORD (p), "meeting_id", gj_record_get_id (GJ_RECORD (meeting)));
  gj_record_set_text (GJ_RECORD (p), "status",
                      gj_problem_status_to_string (gj_record_get_int (GJ_RECORD (p), "lead_unit_id") > 0
                                                   && gj_record_get_text (GJ_RECORD (p), "deadline") != NULL
                                                   ? GJ_PROBLEM_ASSIGNED : GJ_PROBLEM_REGISTERED));

  if (!gj_store_begin (self, error))
    return NULL;
  note = g_strdup_printf (_("Decided at the joint meeting “%s”: %s"), gj_record_get_label (GJ_RECORD (meeting)),
                          !is_blank (gj_record_get_text (r, "decision")) ? gj_record_get_text (r, "decision")
                                                                          : gj_record_get_text (r, "title"));
  if (!gj_store_insert (self, GJ_RECORD (p), error)
      || !gj_store_problem_add_note (self, GJ_RECORD (p), note, NULL, error))
    goto fail;
  gj_record_set_int (r, "problem_id", gj_record_get_id (GJ_RECORD (p)));
  /* Linking the matter to its problem is bookkeeping, allowed on the
   * minutes of a closed meeting too. */
  if (!gj_store_update (self, r, error) || !gj_store_commit (self, error))
    {
      gj_record_set_null (r, "problem_id");
      goto fail;
    }
  return g_steal_pointer (&p);

fail:
  gj_store_rollback (self);
  gj_record_set_id (GJ_RECORD (p), 0);
  return NULL;
}

GjAgendaItem *
gj_store_agenda_item_carry_over (GjStore       *self,
                                 GjAgendaItem  *item,
                                 GjMeeting     *next,
                                 GError       **error)
{
  g_autoptr(GjMeeting) meeting = NULL;
  g_autoptr(GjMeeting) target = NULL;
  g_autoptr(GjAgendaItem) copy = NULL;
  GjRecord *r = GJ_RECORD (item), *c;
  gint64 position;
  static const char *const links[] = { "presenter_unit_id", "problem_id", "agreement_id", "grid_id",
                                       "topic_id", "responsible_unit_id" };

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_AGENDA_ITEM (item), NULL);
  g_return_val_if_fail (next == NULL || GJ_IS_MEETING (next), NULL);

  meeting = get_meeting (self, gj_record_get_int (r, "meeting_id"), error);
  if (meeting == NULL)
    return NULL;
  if (!gj_store_begin (self, error))
    return NULL;
  target = next ? g_object_ref (next) : gj_store_meeting_next (self, meeting, error);
  if (target == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND,
                     _("There is no later meeting to move “%s” to."), gj_record_get_label (r));
      goto fail;
    }
  if (!check_unlocked (self, gj_record_get_id (GJ_RECORD (target)), error))
    goto fail;
  position = query_int (self, "SELECT coalesce (max (position), 0) FROM agenda_item WHERE meeting_id = ?1",
                        error, "i", gj_record_get_id (GJ_RECORD (target)));
  if (position < 0)
    goto fail;

  copy = gj_agenda_item_new ();
  c = GJ_RECORD (copy);
  gj_record_set_int (c, "meeting_id", gj_record_get_id (GJ_RECORD (target)));
  gj_record_set_int (c, "position", position + 1);
  copy_text (c, r, "title");
  if (gj_record_get_int (r, "minutes_planned") > 0)
    gj_record_set_int (c, "minutes_planned", gj_record_get_int (r, "minutes_planned"));
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    if (gj_record_get_int (r, links[i]) > 0)
      gj_record_set_int (c, links[i], gj_record_get_int (r, links[i]));
  copy_text (c, r, "measures");
  copy_text (c, r, "deadline");
  gj_record_set_text (c, "source", gj_agenda_source_to_string (GJ_AGENDA_SOURCE_FOLLOWUP));
  gj_record_set_int (c, "carried_from_id", gj_record_get_id (r));
  if (!gj_store_insert (self, c, error))
    goto fail;
  if (!gj_meeting_is_locked (meeting))
    {
      gj_record_set_text (r, "outcome", gj_agenda_outcome_to_string (GJ_AGENDA_OUTCOME_CARRIED));
      if (!gj_store_update (self, r, error))
        goto fail;
    }
  if (!gj_store_commit (self, error))
    goto fail;
  return g_steal_pointer (&copy);

fail:
  gj_store_rollback (self);
  return NULL;
}

/* ---- attendance ---------------------------------------------------------- */

GListModel *
gj_store_list_attendance (GjStore     *self,
                          GjMeeting   *meeting,
                          GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), NULL);
  return query_records (self, GJ_TYPE_ATTENDANCE,
                        "WHERE t.meeting_id = ?1 ORDER BY (SELECT name FROM unit WHERE id = t.unit_id), t.id",
                        error, "i", gj_record_get_id (GJ_RECORD (meeting)));
}

static GjRecord *
find_attendance (GjStore  *self,
                 gint64    meeting_id,
                 gint64    unit_id,
                 GError  **error)
{
  return query_one (self, GJ_TYPE_ATTENDANCE, "WHERE t.meeting_id = ?1 AND t.unit_id = ?2 ORDER BY t.id LIMIT 1",
                    error, "ii", meeting_id, unit_id);
}

gboolean
gj_store_invite_units (GjStore       *self,
                       GjMeeting     *meeting,
                       const gint64  *unit_ids,
                       guint          n_units,
                       GError       **error)
{
  gint64 meeting_id;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (unit_ids != NULL || n_units == 0, FALSE);

  meeting_id = gj_record_get_id (GJ_RECORD (meeting));
  if (!check_unlocked (self, meeting_id, error) || !gj_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_units; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GjRecord) existing = find_attendance (self, meeting_id, unit_ids[i], &local_error);
      g_autoptr(GjRecord) a = NULL;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      if (existing != NULL)
        continue;
      a = GJ_RECORD (gj_attendance_new ());
      gj_record_set_int (a, "meeting_id", meeting_id);
      gj_record_set_int (a, "unit_id", unit_ids[i]);
      gj_record_set_text (a, "status", gj_attendance_status_to_string (GJ_ATTENDANCE_INVITED));
      if (!gj_store_insert (self, a, error))
        goto fail;
    }
  return gj_store_commit (self, error);

fail:
  gj_store_rollback (self);
  return FALSE;
}

gboolean
gj_store_set_attendance (GjStore             *self,
                         GjMeeting           *meeting,
                         gint64               unit_id,
                         GjAttendanceStatus   status,
                         const char          *substitute,
                         GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GjRecord) a = NULL;
  gint64 meeting_id;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), FALSE);

  if (status < GJ_ATTENDANCE_INVITED || status > GJ_ATTENDANCE_LEAVE)
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, _("That is not an attendance status."));
      return FALSE;
    }
  if (!is_blank (substitute) && status != GJ_ATTENDANCE_PRESENT)
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID,
                           _("A substitute is named only for a unit that was present."));
      return FALSE;
    }
  meeting_id = gj_record_get_id (GJ_RECORD (meeting));
  if (!check_unlocked (self, meeting_id, error))
    return FALSE;
  a = find_attendance (self, meeting_id, unit_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (a == NULL)
    {
      a = GJ_RECORD (gj_attendance_new ());
      gj_record_set_int (a, "meeting_id", meeting_id);
      gj_record_set_int (a, "unit_id", unit_id);
    }
  gj_record_set_text (a, "status", gj_attendance_status_to_string (status));
  gj_record_set_text (a, "substitute", is_blank (substitute) ? NULL : substitute);
  if (gj_record_get_id (a) > 0)
    return gj_store_update (self, a, error);
  return gj_store_insert (self, a, error);
}

void
gj_attendance_rate_free (GjAttendanceRate *rate)
{
  if (rate == NULL)
    return;
  g_free (rate->unit_name);
  g_free (rate);
}

static gint
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const GjAttendanceRate *x = *(GjAttendanceRate **) a, *y = *(GjAttendanceRate **) b;
  int c = g_strcmp0 (x->unit_name, y->unit_name);

  return c != 0 ? c : (x->unit_id > y->unit_id) - (x->unit_id < y->unit_id);
}

GPtrArray *
gj_store_attendance_rates (GjStore     *self,
                           gint64       street_id,
                           int          year,
                           GError     **error)
{
  g_autoptr(GHashTable) by_unit = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) rates = g_ptr_array_new_with_free_func ((GDestroyNotify) gj_attendance_rate_free);
  g_autofree char *prefix = g_strdup_printf ("%04d-%%", year);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  stmt = gj_store_prepare (self,
                           "SELECT a.unit_id, u.name, a.status, a.substitute FROM attendance a"
                           " JOIN meeting m ON m.id = a.meeting_id LEFT JOIN unit u ON u.id = a.unit_id"
                           " WHERE a.unit_id IS NOT NULL AND m.status IN ('held', 'minuted', 'closed')"
                           " AND m.starts_at LIKE ?2 AND (?1 = 0 OR m.street_id = ?1)",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, street_id);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 unit = sqlite3_column_int64 (stmt, 0);
      GjAttendanceRate *rate = g_hash_table_lookup (by_unit, &unit);
      GjAttendanceStatus status = gj_attendance_status_from_string ((const char *) sqlite3_column_text (stmt, 2));

      if (rate == NULL)
        {
          rate = g_new0 (GjAttendanceRate, 1);
          rate->unit_id = unit;
          rate->unit_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          g_ptr_array_add (rates, rate);
          g_hash_table_insert (by_unit, &rate->unit_id, rate);
        }
      rate->invited++;
      switch (status)
        {
        case GJ_ATTENDANCE_PRESENT:
          rate->present++;
          if (!is_blank ((const char *) sqlite3_column_text (stmt, 3)))
            rate->substitute++;
          break;
        case GJ_ATTENDANCE_LEAVE:
          rate->leave++;
          break;
        case GJ_ATTENDANCE_ABSENT:
        case GJ_ATTENDANCE_INVITED:
        case GJ_ATTENDANCE_INVALID:
        default:
          rate->absent++;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  for (guint i = 0; i < rates->len; i++)
    {
      GjAttendanceRate *rate = rates->pdata[i];

      rate->rate = rate->invited ? (double) rate->present / rate->invited : 0.0;
    }
  g_ptr_array_sort (rates, compare_rates);
  return g_steal_pointer (&rates);
}
