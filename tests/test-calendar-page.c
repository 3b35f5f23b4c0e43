/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gj-calendar-page-private.h"
#include "gj-job.h"
#include "gj-meeting-panel-private.h"
#include "gj-month-view-private.h"
#include "gj-reminders.h"
#include "gj-series-dialog.h"

/* Today, for the whole test: a Monday. */
#define TODAY "2025-03-10"

typedef struct
{
  char      *dir;
  char      *path;
  GjStore   *store;
  gint64     street_id;
  gint64     unit_ids[3];
  GjMeeting *master;
  GjMeeting *past;       /* a single meeting on 2025-03-05 */
  GtkWindow *window;
  GjCalendarPage *page;
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timeout_cb, &timed_out);

  while (!gtk_widget_get_mapped (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  /* A few frames, so that the month view has its size. */
  run_for (100);
  return !timed_out;
}

static GjRecord *
insert (GjStore    *store,
        GType       type,
        const char *first_field,
        ...)
{
  GjRecord *record = g_object_new (type, NULL);
  g_autoptr(GError) error = NULL;
  const char *field = first_field;
  va_list args;

  va_start (args, first_field);
  while (field != NULL)
    {
      if (g_str_has_suffix (field, "_id"))
        gj_record_set_int (record, field, va_arg (args, gint64));
      else
        gj_record_set_text (record, field, va_arg (args, const char *));
      field = va_arg (args, const char *);
    }
  va_end (args);
  g_assert_true (gj_store_insert (store, record, &error));
  g_assert_no_error (error);
  return record;
}

/* The occurrence of @master the rule puts on @date. */
static char *
recurrence_on (Fixture    *f,
               const char *date)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = gj_store_list_occurrences (f->store, f->street_id, date, date, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GjOccurrence) occurrence = g_list_model_get_item (list, i);

      if (gj_record_get_id (GJ_RECORD (gj_occurrence_get_meeting (occurrence))) == gj_record_get_id (GJ_RECORD (f->master)))
        return g_strdup (gj_occurrence_get_recurrence_id (occurrence));
    }
  g_assert_not_reached ();
  return NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) street = NULL;
  g_autoptr(GjRecord) topic = NULL;
  g_autoptr(GjRecord) station = NULL;
  g_autoptr(GjMeeting) moved = NULL;
  g_autoptr(GjMeeting) cancelled = NULL;
  g_autofree char *march = NULL;
  g_autofree char *april = NULL;
  static const char * const unit_names[] = { "洛阳轴承集团", "涧西区人民医院", "河南科技大学" };
  GjRecurrence rule;

  f->dir = g_dir_make_tmp ("gongjian-test-calendar-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "calendar.db", NULL);
  f->store = gj_store_open (f->path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  street = insert (f->store, GJ_TYPE_STREET, "name", "天津路街道", "code", "410305001", NULL);
  f->street_id = gj_record_get_id (street);
  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    {
      g_autoptr(GjRecord) unit = insert (f->store, GJ_TYPE_UNIT, "name", unit_names[i], "street_id", f->street_id, NULL);

      f->unit_ids[i] = gj_record_get_id (unit);
    }
  station = insert (f->store, GJ_TYPE_STATION, "name", "天津路街道党群服务中心", "street_id", f->street_id, NULL);
  topic = insert (f->store, GJ_TYPE_TOPIC, "title", "老旧小区加装电梯", "street_id", f->street_id,
                  "unit_id", f->unit_ids[0], "suggested_on", "2025-02-20", "status", "waiting", NULL);

  /* A monthly series on the 28th, twelve times from January … */
  f->master = gj_meeting_new ();
  gj_record_set_text (GJ_RECORD (f->master), "title", "党建联席会议");
  gj_record_set_int (GJ_RECORD (f->master), "street_id", f->street_id);
  gj_record_set_text (GJ_RECORD (f->master), "starts_at", "2025-01-28T14:30:00+08:00");
  gj_record_set_text (GJ_RECORD (f->master), "ends_at", "2025-01-28T16:00:00+08:00");
  gj_recurrence_init (&rule);
  rule.month_day = 28;
  rule.end = GJ_RECURRENCE_END_COUNT;
  rule.count = 12;
  g_assert_true (gj_store_series_create (f->store, f->master, &rule, NULL, &error));
  g_assert_no_error (error);

  /* … March's moved to the 26th, April's cancelled. */
  march = recurrence_on (f, "2025-03-28");
  moved = gj_store_occurrence_move (f->store, f->master, march, "2025-03-26T14:30:00+08:00", NULL, "清明调休", &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  april = recurrence_on (f, "2025-04-28");
  cancelled = gj_store_occurrence_cancel (f->store, f->master, april, "区委全会", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cancelled);

  /* A busy day: six meetings on 12 March. */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("专题会议 %u", i + 1);
      g_autofree char *starts = g_strdup_printf ("2025-03-12T%02u:00:00+08:00", 8 + i);
      g_autoptr(GjRecord) meeting = insert (f->store, GJ_TYPE_MEETING, "title", title, "starts_at", starts,
                                            "street_id", f->street_id, "status", "scheduled", NULL);
    }
  f->past = GJ_MEETING (insert (f->store, GJ_TYPE_MEETING, "title", "三月例会", "starts_at", "2025-03-05T09:00:00+08:00",
                                "ends_at", "2025-03-05T10:30:00+08:00", "street_id", f->street_id, "status", "draft",
                                NULL));

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1400, 900);
  f->page = GJ_CALENDAR_PAGE (gj_calendar_page_new ());
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->page));
  gj_calendar_page_set_store (f->page, f->store);
  gtk_window_present (f->window);
  g_assert_true (wait_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  run_for (20);
  g_clear_object (&f->master);
  g_clear_object (&f->past);
  g_clear_object (&f->store);
  gj_remove_database_files (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The right meetings on the right days, and the month title. */
static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  GjMonthView *view = gj_calendar_page_get_month_view (f->page);
  g_autofree char *selected = gj_month_view_dup_selected_date (view);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GjOccurrence *chip;

  g_assert_cmpstr (selected, ==, TODAY);
  gj_month_view_dup_range (view, &from, &to);
  /* March 2025 starts on a Saturday: the grid from Monday 24 February. */
  g_assert_cmpstr (from, ==, "2025-02-24");
  g_assert_cmpstr (to, ==, "2025-04-06");

  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-02-28"), ==, 1);
  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-03-26"), ==, 1);
  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-03-28"), ==, 0);
  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-03-12"), ==, 6);
  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-03-05"), ==, 1);
  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-03-11"), ==, 0);
  chip = gj_month_view_get_chip (view, "2025-03-26", 0);
  g_assert_true (gj_occurrence_is_override (chip));
  g_assert_false (gj_occurrence_is_cancelled (chip));
  /* By start: the 8 o'clock meeting first. */
  g_assert_cmpstr (gj_occurrence_get_title (gj_month_view_get_chip (view, "2025-03-12", 0)), ==, "专题会议 1");
  /* Six do not fit a 1400 × 900 cell: the last ones are behind "+N". */
  {
    double x, y;

    g_assert_true (gj_month_view_get_chip_point (view, "2025-03-12", 0, &x, &y));
    g_assert_false (gj_month_view_get_chip_point (view, "2025-03-12", 5, &x, &y));
  }

  /* April: the cancelled occurrence is still there, crossed out. */
  gj_month_view_shift_month (view, 1);
  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-04-28"), ==, 1);
  g_assert_true (gj_occurrence_is_cancelled (gj_month_view_get_chip (view, "2025-04-28", 0)));
  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-03-12"), ==, 0);

  /* Another street: nothing. */
  gj_calendar_page_set_street (f->page, f->street_id);
  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-04-28"), ==, 1);

  /* The upcoming list leaves the cancelled one out. */
  {
    GListModel *upcoming = gj_calendar_page_get_upcoming (f->page);

    g_assert_cmpuint (g_list_model_get_n_items (upcoming), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (upcoming); i++)
      {
        g_autoptr(GjOccurrence) occurrence = g_list_model_get_item (upcoming, i);

        g_assert_false (gj_occurrence_is_cancelled (occurrence));
        g_assert_cmpstr (gj_occurrence_get_starts_at (occurrence), >=, TODAY);
      }
  }
}

/* The keys' actions move the selected day; the bindings are installed. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GjMonthView *view = gj_calendar_page_get_month_view (f->page);
  char *date;

  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "month.move", "i", 1));
  date = gj_month_view_dup_selected_date (view);
  g_assert_cmpstr (date, ==, "2025-03-11");
  g_free (date);
  gtk_widget_activate_action (GTK_WIDGET (view), "month.move", "i", 7);
  date = gj_month_view_dup_selected_date (view);
  g_assert_cmpstr (date, ==, "2025-03-18");
  g_free (date);
  gtk_widget_activate_action (GTK_WIDGET (view), "month.move", "i", -21);
  date = gj_month_view_dup_selected_date (view);
  g_assert_cmpstr (date, ==, "2025-02-25");
  g_free (date);
  /* Out of the month: the month follows. */
  date = gj_month_view_dup_month (view);
  g_assert_cmpstr (date, ==, "2025-02-01");
  g_free (date);
  gtk_widget_activate_action (GTK_WIDGET (view), "month.shift", "i", 1);
  date = gj_month_view_dup_selected_date (view);
  g_assert_cmpstr (date, ==, "2025-03-25");
  g_free (date);
  gtk_widget_activate_action (GTK_WIDGET (view), "month.shift", "i", -1);
  gtk_widget_activate_action (GTK_WIDGET (view), "month.today", NULL);
  date = gj_month_view_dup_selected_date (view);
  g_assert_cmpstr (date, ==, TODAY);
  g_free (date);

  /* Enter on a day with a meeting opens it. */
  gj_month_view_select_date (view, "2025-03-05");
  gtk_widget_activate_action (GTK_WIDGET (view), "month.activate", "b", FALSE);
  g_assert_cmpstr (gj_calendar_page_get_side (f->page), ==, "meeting");
  g_assert_cmpint (gj_record_get_id (GJ_RECORD (gj_meeting_panel_get_meeting (gj_calendar_page_get_meeting_panel (f->page)))),
                   ==, gj_record_get_id (GJ_RECORD (f->past)));
  /* Escape in the panel: back to the calendar. */
  gtk_widget_activate_action (GTK_WIDGET (gj_calendar_page_get_meeting_panel (f->page)), "meeting.back", NULL);
  g_assert_cmpstr (gj_calendar_page_get_side (f->page), ==, "overview");
}

/* A click on an empty day offers a new meeting there. */
static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  GjMonthView *view = gj_calendar_page_get_month_view (f->page);
  GjMeetingPanel *panel = gj_calendar_page_get_meeting_panel (f->page);
  g_autofree char *date = NULL;
  double x, y;

  g_assert_true (gj_month_view_get_day_point (view, "2025-03-18", &x, &y));
  gj_month_view_click (view, x, y);
  date = gj_month_view_dup_selected_date (view);
  g_assert_cmpstr (date, ==, "2025-03-18");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gj_calendar_page_get_quick_add (f->page))));
  gtk_editable_set_text (gj_calendar_page_get_quick_title (f->page), "垃圾分类专题");
  gj_calendar_page_quick_add_create (f->page);

  g_assert_cmpuint (gj_month_view_get_n_chips_on_day (view, "2025-03-18"), ==, 1);
  g_assert_cmpstr (gj_occurrence_get_title (gj_month_view_get_chip (view, "2025-03-18", 0)), ==, "垃圾分类专题");
  g_assert_cmpstr (gj_calendar_page_get_side (f->page), ==, "meeting");
  g_assert_cmpstr (gj_record_get_text (GJ_RECORD (gj_meeting_panel_get_meeting (panel)), "title"), ==, "垃圾分类专题");
  g_assert_cmpint (gj_meeting_get_status (gj_meeting_panel_get_meeting (panel)), ==, GJ_MEETING_STATUS_DRAFT);

  /* A click on a chip of the series opens that occurrence, stored. */
  g_assert_true (gj_month_view_get_chip_point (view, "2025-02-28", 0, &x, &y));
  gj_month_view_click (view, x, y);
  g_assert_cmpint (gj_record_get_int (GJ_RECORD (gj_meeting_panel_get_meeting (panel)), "series_id"), ==,
                   gj_record_get_id (GJ_RECORD (f->master)));
  g_assert_true (gj_occurrence_is_override (gj_month_view_get_chip (view, "2025-02-28", 0)));
}

/* Schedule → held → minutes written → closed: read-only; reopen asks why. */
static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  GjMeetingPanel *panel = gj_calendar_page_get_meeting_panel (f->page);
  g_autoptr(GjMeeting) copy = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  gj_calendar_page_show_meeting (f->page, f->past);
  g_assert_cmpstr (gj_meeting_panel_get_advance_action (panel), ==, "meeting.schedule");
  g_assert_false (gj_meeting_panel_is_read_only (panel));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.schedule", NULL));
  g_assert_cmpint (gj_meeting_get_status (gj_meeting_panel_get_meeting (panel)), ==, GJ_MEETING_STATUS_SCHEDULED);
  g_assert_cmpstr (gj_meeting_panel_get_advance_action (panel), ==, "meeting.hold");
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.hold", NULL);
  g_assert_cmpint (gj_meeting_get_status (gj_meeting_panel_get_meeting (panel)), ==, GJ_MEETING_STATUS_HELD);

  /* Minutes written needs minutes: refused first, then allowed. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.minute", NULL);
  g_assert_cmpint (gj_meeting_get_status (gj_meeting_panel_get_meeting (panel)), ==, GJ_MEETING_STATUS_HELD);
  copy = GJ_MEETING (gj_record_copy (GJ_RECORD (gj_meeting_panel_get_meeting (panel))));
  gj_record_set_text (GJ_RECORD (copy), "minutes", "会议议定：加装电梯由社区牵头。");
  g_assert_true (gj_store_update (f->store, GJ_RECORD (copy), &error));
  g_assert_no_error (error);
  gj_meeting_panel_reload (panel);
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.minute", NULL);
  g_assert_cmpint (gj_meeting_get_status (gj_meeting_panel_get_meeting (panel)), ==, GJ_MEETING_STATUS_MINUTED);
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.close", NULL);
  g_assert_cmpint (gj_meeting_get_status (gj_meeting_panel_get_meeting (panel)), ==, GJ_MEETING_STATUS_CLOSED);

  /* Closed: read-only, and the edits are off. */
  g_assert_true (gj_meeting_panel_is_read_only (panel));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (gj_meeting_panel_get_title_row (panel))));
  g_assert_cmpstr (gj_meeting_panel_get_advance_action (panel), ==, "meeting.reopen");
  n_items = g_list_model_get_n_items (gj_meeting_panel_get_agenda (panel));
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.add-item", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gj_meeting_panel_get_agenda (panel)), ==, n_items);
  gj_meeting_panel_set_unit_invited (panel, f->unit_ids[0], TRUE);
  {
    g_autoptr(GListModel) invited = gj_store_list_attendance (f->store, gj_meeting_panel_get_meeting (panel), NULL);

    g_assert_cmpuint (g_list_model_get_n_items (invited), ==, 0);
  }

  /* Reopening needs a reason. */
  g_assert_false (gj_meeting_panel_reopen (panel, "  "));
  g_assert_true (gj_meeting_panel_is_read_only (panel));
  g_assert_true (gj_meeting_panel_reopen (panel, "补录出席情况"));
  g_assert_cmpint (gj_meeting_get_status (gj_meeting_panel_get_meeting (panel)), ==, GJ_MEETING_STATUS_MINUTED);
  g_assert_false (gj_meeting_panel_is_read_only (panel));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (gj_meeting_panel_get_title_row (panel))));
}

/* Invitations and attendance are saved, and counted in the year's table. */
static void
test_attendance (Fixture       *f,
                 gconstpointer  data)
{
  GjMeetingPanel *panel = gj_calendar_page_get_meeting_panel (f->page);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seen_substitute = FALSE, seen_leave = FALSE;

  gj_calendar_page_show_meeting (f->page, f->past);
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.schedule", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (f->unit_ids); i++)
    gj_meeting_panel_set_unit_invited (panel, f->unit_ids[i], TRUE);
  gj_meeting_panel_set_unit_invited (panel, f->unit_ids[2], FALSE);
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.hold", NULL);
  g_assert_cmpint (gj_meeting_get_status (gj_meeting_panel_get_meeting (panel)), ==, GJ_MEETING_STATUS_HELD);
  gj_meeting_panel_set_unit_attendance (panel, f->unit_ids[0], GJ_ATTENDANCE_PRESENT, "王副书记");
  gj_meeting_panel_set_unit_attendance (panel, f->unit_ids[1], GJ_ATTENDANCE_LEAVE, NULL);

  list = gj_store_list_attendance (f->store, gj_meeting_panel_get_meeting (panel), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GjAttendance) attendance = g_list_model_get_item (list, i);
      gint64 unit = gj_record_get_int (GJ_RECORD (attendance), "unit_id");

      if (unit == f->unit_ids[0])
        {
          g_assert_cmpint (gj_attendance_get_status (attendance), ==, GJ_ATTENDANCE_PRESENT);
          g_assert_cmpstr (gj_record_get_text (GJ_RECORD (attendance), "substitute"), ==, "王副书记");
          seen_substitute = TRUE;
        }
      else if (unit == f->unit_ids[1])
        {
          g_assert_cmpint (gj_attendance_get_status (attendance), ==, GJ_ATTENDANCE_LEAVE);
          seen_leave = TRUE;
        }
    }
  g_assert_true (seen_substitute && seen_leave);

  /* The side pane's table counts the held meeting. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.back", NULL);
  gj_calendar_page_reload (f->page);
  g_assert_cmpuint (gj_calendar_page_get_n_rates (f->page), ==, 2);
}

/* Draft, reorder, save. */
static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  GjMeetingPanel *panel = gj_calendar_page_get_meeting_panel (f->page);
  GListModel *agenda = gj_meeting_panel_get_agenda (panel);
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GjAgendaItem) first = NULL;
  g_autoptr(GjAgendaItem) saved_first = NULL;
  gboolean from_backlog = FALSE;
  guint n;

  gj_calendar_page_show_meeting (f->page, f->past);
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.add-item", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.draft-agenda", NULL);
  n = g_list_model_get_n_items (agenda);
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjAgendaItem) item = g_list_model_get_item (agenda, i);

      from_backlog |= gj_agenda_item_get_source (item) == GJ_AGENDA_SOURCE_BACKLOG;
    }
  g_assert_true (from_backlog);
  g_assert_true (gj_meeting_panel_get_agenda_dirty (panel));

  /* The drafted topic first, as Alt+Up would do. */
  gj_meeting_panel_move_item (panel, n - 1, 0);
  first = g_list_model_get_item (agenda, 0);
  g_assert_cmpint (gj_agenda_item_get_source (first), ==, GJ_AGENDA_SOURCE_BACKLOG);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "meeting.save-agenda", NULL));
  g_assert_false (gj_meeting_panel_get_agenda_dirty (panel));

  stored = gj_store_list_agenda (f->store, f->past, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, n);
  saved_first = g_list_model_get_item (stored, 0);
  g_assert_cmpstr (gj_record_get_text (GJ_RECORD (saved_first), "title"), ==,
                   gj_record_get_text (GJ_RECORD (first), "title"));
}

static void
count_reminder_cb (GjReminders *reminders,
                   const char  *id,
                   const char  *title,
                   const char  *body,
                   guint       *count)
{
  (*count)++;
}

/* The day before, an hour before, once each. */
static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GjReminders) reminders = gj_reminders_new (NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) day_before = g_date_time_new (zone, 2025, 3, 25, 15, 0, 0);
  g_autoptr(GDateTime) hour_before = g_date_time_new (zone, 2025, 3, 26, 14, 0, 0);
  g_autoptr(GDateTime) far = g_date_time_new (zone, 2025, 3, 20, 9, 0, 0);
  guint count = 0;

  g_signal_connect (reminders, "reminder", G_CALLBACK (count_reminder_cb), &count);
  gj_reminders_set_store (reminders, f->store);
  g_assert_cmpuint (gj_reminders_check_at (reminders, far), ==, 0);
  /* The moved March meeting, 14:30 on the 26th. */
  g_assert_cmpuint (gj_reminders_check_at (reminders, day_before), ==, 1);
  g_assert_cmpuint (gj_reminders_check_at (reminders, day_before), ==, 0);
  g_assert_cmpuint (gj_reminders_check_at (reminders, hour_before), ==, 1);
  g_assert_cmpuint (count, ==, 2);
}

/* The series dialog reads its rule. */
static void
test_series_dialog (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dialog = gj_series_dialog_new (f->window, f->store, f->street_id, "2025-03-28");
  g_autoptr(GjMeeting) master = NULL;
  g_autoptr(GError) error = NULL;
  GjRecurrence rule;

  g_assert_true (gj_series_dialog_get_rule (GJ_SERIES_DIALOG (dialog), &rule, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rule.kind, ==, GJ_RECURRENCE_MONTHLY_BY_DAY);
  g_assert_cmpuint (rule.month_day, ==, 28);
  g_assert_cmpuint (rule.interval, ==, 1);
  master = gj_series_dialog_create (GJ_SERIES_DIALOG (dialog), &error);
  g_assert_no_error (error);
  g_assert_nonnull (master);
  g_assert_cmpint (gj_record_get_int (GJ_RECORD (master), "street_id"), ==, f->street_id);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GONGJIAN_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/calendar/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("month", test_month);
  ADD ("keyboard", test_keyboard);
  ADD ("create", test_create);
  ADD ("lifecycle", test_lifecycle);
  ADD ("attendance", test_attendance);
  ADD ("agenda", test_agenda);
  ADD ("reminders", test_reminders);
  ADD ("series-dialog", test_series_dialog);
#undef ADD

  return g_test_run ();
}
