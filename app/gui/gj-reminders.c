/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "gj-reminders.h"

/* How often the clock is looked at. */
#define CHECK_SECONDS 300

struct _GjReminders
{
  GObject       parent_instance;

  GApplication *application;  /* weak */
  GjStore      *store;
  GjHistory    *history;
  /* Ids of the reminders already sent. */
  GHashTable   *sent;
  guint         timer_id;
  guint         idle_id;
};

enum {
  REMINDER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GjReminders, gj_reminders, G_TYPE_OBJECT)

static gboolean
send (GjReminders *self,
      const char  *id,
      const char  *title,
      const char  *body)
{
  g_autoptr(GNotification) notification = NULL;

  if (g_hash_table_contains (self->sent, id))
    return FALSE;
  g_hash_table_add (self->sent, g_strdup (id));
  g_signal_emit (self, signals[REMINDER], 0, id, title, body);
  if (self->application == NULL)
    return TRUE;
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_NORMAL);
  g_application_send_notification (self->application, id, notification);
  return TRUE;
}

static char *
date_of (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d");
}

static guint
check_meetings (GjReminders *self,
                GDateTime   *now)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (GJ_RECURRENCE_ZONE);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, zone);
  g_autoptr(GDateTime) later = g_date_time_add_days (local, 2);
  g_autofree char *from = date_of (local);
  g_autofree char *to = date_of (later);
  g_autoptr(GListModel) soon = NULL;
  guint n, sent = 0;

  soon = gj_store_list_occurrences (self->store, 0, from, to, NULL);
  n = soon != NULL ? g_list_model_get_n_items (soon) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjOccurrence) occurrence = g_list_model_get_item (soon, i);
      GjMeeting *meeting = gj_occurrence_get_meeting (occurrence);
      const char *starts_at = gj_occurrence_get_starts_at (occurrence);
      const char *place = gj_record_get_text (GJ_RECORD (meeting), "location");
      g_autoptr(GDateTime) starts = NULL;
      g_autofree char *key = NULL;
      g_autofree char *day_id = NULL;
      g_autofree char *hour_id = NULL;
      g_autofree char *clock = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      GTimeSpan ahead;

      if (gj_occurrence_is_cancelled (occurrence)
          || gj_meeting_get_status (meeting) != GJ_MEETING_STATUS_SCHEDULED
          || gj_occurrence_get_all_day (occurrence)
          || (starts = g_date_time_new_from_iso8601 (starts_at, zone)) == NULL)
        continue;
      ahead = g_date_time_difference (starts, local);
      if (ahead <= 0 || ahead > 26 * G_TIME_SPAN_HOUR)
        continue;

      key = g_strdup_printf ("%s@%s", gj_record_get_uuid (GJ_RECORD (meeting)), starts_at);
      day_id = g_strdup_printf ("meeting-day-%s", key);
      hour_id = g_strdup_printf ("meeting-hour-%s", key);
      /* Translators: when a meeting starts, in a reminder; a
       * g_date_time_format() string, in Chinese "%-m月%-d日 %H:%M". */
      clock = g_date_time_format (starts, C_("reminder", "%b %-d, %H:%M"));
      body = place != NULL && *place != '\0' ? g_strdup_printf ("%s · %s", clock, place) : g_strdup (clock);
      if (ahead <= G_TIME_SPAN_HOUR)
        {
          title = g_strdup_printf (_("Joint meeting within the hour: %s"), gj_occurrence_get_title (occurrence));
          /* The day-before reminder is late now: the hour's says it. */
          g_hash_table_add (self->sent, g_steal_pointer (&day_id));
          sent += send (self, hour_id, title, body);
        }
      else
        {
          title = g_strdup_printf (_("Joint meeting coming up: %s"), gj_occurrence_get_title (occurrence));
          sent += send (self, day_id, title, body);
        }
    }
  return sent;
}

static guint
check_minutes (GjReminders *self,
               GDateTime   *now)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (GJ_RECURRENCE_ZONE);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, zone);
  g_autofree char *today = date_of (local);
  g_autoptr(GListModel) late = NULL;
  guint n, sent = 0;

  late = gj_store_meetings_missing_minutes (self->store, GJ_REMINDERS_MINUTES_DAYS, today, NULL);
  n = late != NULL ? g_list_model_get_n_items (late) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjMeeting) meeting = g_list_model_get_item (late, i);
      g_autofree char *id = g_strdup_printf ("minutes-%s", gj_record_get_uuid (GJ_RECORD (meeting)));
      g_autofree char *day = gj_meeting_dup_start_date (meeting);
      g_autofree char *title = g_strdup_printf (_("Minutes not written: %s"), gj_record_get_label (GJ_RECORD (meeting)));
      g_autofree char *body = g_strdup_printf (_("Held on %s. Write down the decisions and what is published."),
                                               day != NULL ? day : "");

      sent += send (self, id, title, body);
    }
  return sent;
}

guint
gj_reminders_check_at (GjReminders *self,
                       GDateTime   *now)
{
  g_return_val_if_fail (GJ_IS_REMINDERS (self), 0);
  g_return_val_if_fail (now != NULL, 0);

  if (self->store == NULL)
    return 0;
  return check_meetings (self, now) + check_minutes (self, now);
}

guint
gj_reminders_check (GjReminders *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (GJ_IS_REMINDERS (self), 0);
  return gj_reminders_check_at (self, now);
}

static gboolean
timer_cb (gpointer data)
{
  gj_reminders_check (GJ_REMINDERS (data));
  return G_SOURCE_CONTINUE;
}

static gboolean
idle_cb (gpointer data)
{
  GjReminders *self = data;

  self->idle_id = 0;
  gj_reminders_check (self);
  return G_SOURCE_REMOVE;
}

/* A burst of edits makes one look, when the main loop is idle. */
static void
history_changed_cb (GjReminders *self,
                    GType        type)
{
  if (type != GJ_TYPE_MEETING || self->idle_id != 0)
    return;
  self->idle_id = g_idle_add (idle_cb, self);
}

static void
gj_reminders_dispose (GObject *object)
{
  GjReminders *self = GJ_REMINDERS (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (gj_reminders_parent_class)->dispose (object);
}

static void
gj_reminders_finalize (GObject *object)
{
  g_clear_pointer (&GJ_REMINDERS (object)->sent, g_hash_table_unref);
  G_OBJECT_CLASS (gj_reminders_parent_class)->finalize (object);
}

static void
gj_reminders_class_init (GjRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gj_reminders_dispose;
  object_class->finalize = gj_reminders_finalize;

  /**
   * GjReminders::reminder:
   * @id: the notification id
   * @title: what the notification says
   * @body: when and where
   */
  signals[REMINDER] = g_signal_new ("reminder", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
gj_reminders_init (GjReminders *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GjReminders *
gj_reminders_new (GApplication *application)
{
  GjReminders *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  self = g_object_new (GJ_TYPE_REMINDERS, NULL);
  g_set_weak_pointer (&self->application, application);
  return self;
}

void
gj_reminders_set_store (GjReminders *self,
                        GjStore     *store)
{
  g_return_if_fail (GJ_IS_REMINDERS (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (store == NULL)
    return;
  self->timer_id = g_timeout_add_seconds (CHECK_SECONDS, timer_cb, self);
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (idle_cb, self);
}

void
gj_reminders_set_history (GjReminders *self,
                          GjHistory   *history)
{
  g_return_if_fail (GJ_IS_REMINDERS (self));
  g_return_if_fail (history == NULL || GJ_IS_HISTORY (history));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, history_changed_cb, self);
  if (!g_set_object (&self->history, history))
    return;
  if (history != NULL)
    g_signal_connect_object (history, "changed", G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
}
