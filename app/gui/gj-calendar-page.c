/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include <stdio.h>
#include <string.h>

#include "gj-calendar-page-private.h"
#include "gj-ical.h"
#include "gj-meeting-panel.h"
#include "gj-month-view.h"
#include "gj-record-form.h"
#include "gj-resources.h"
#include "gj-series-dialog.h"

/* How far ahead the upcoming list looks, and how much it shows. */
#define UPCOMING_DAYS 92
#define UPCOMING_MAX  60

/* One row of the attendance table: a GjAttendanceRate as a GObject. */
#define GJ_TYPE_RATE_ITEM (gj_rate_item_get_type ())
G_DECLARE_FINAL_TYPE (GjRateItem, gj_rate_item, GJ, RATE_ITEM, GObject)

struct _GjRateItem
{
  GObject           parent_instance;
  GjAttendanceRate *rate;
};

G_DEFINE_FINAL_TYPE (GjRateItem, gj_rate_item, G_TYPE_OBJECT)

static void
gj_rate_item_finalize (GObject *object)
{
  g_clear_pointer (&GJ_RATE_ITEM (object)->rate, gj_attendance_rate_free);
  G_OBJECT_CLASS (gj_rate_item_parent_class)->finalize (object);
}

static void
gj_rate_item_class_init (GjRateItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gj_rate_item_finalize;
}

static void
gj_rate_item_init (GjRateItem *self)
{
}

struct _GjCalendarPage
{
  GtkWidget       parent_instance;

  GjStore        *store;
  GjHistory      *history;
  /* The street filter's choices after "All streets", and the series'. */
  GArray         *street_ids;
  GArray         *series_ids;
  GListStore     *upcoming;
  GListStore     *rates;
  gboolean        filling;
  gboolean        positioned;

  GtkPopover     *quick_add;
  GtkEditable    *quick_title;
  GtkDropDown    *quick_street;
  GtkLabel       *quick_date_label;
  char           *quick_date;

  GtkWidget      *legend_box;
  GtkWidget      *main_box;
  GjMeetingPanel *meeting_panel;
  GtkLabel       *month_label;
  GjMonthView    *month_view;
  GtkPaned       *paned;
  GtkLabel       *rates_label;
  GtkColumnView  *rates_view;
  GtkDropDown    *series_drop;
  GtkStack       *side_stack;
  GtkDropDown    *street_drop;
  GtkListView    *upcoming_view;
};

G_DEFINE_FINAL_TYPE (GjCalendarPage, gj_calendar_page, GTK_TYPE_WIDGET)

static void reload (GjCalendarPage *self);

/* Filters -------------------------------------------------------------------------- */

static gint64
selected_street (GjCalendarPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->street_drop);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->street_ids->len)
    return 0;
  return g_array_index (self->street_ids, gint64, selected);
}

static gint64
selected_series (GjCalendarPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->series_drop);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->series_ids->len)
    return 0;
  return g_array_index (self->series_ids, gint64, selected);
}

static gboolean
is_master (GjMeeting *meeting)
{
  g_autofree char *rrule = gj_meeting_dup_extra (meeting, "rrule");

  return rrule != NULL && *rrule != '\0' && gj_record_get_int (GJ_RECORD (meeting), "series_id") == 0;
}

static gboolean
in_series (GjOccurrence *occurrence,
           gint64        series_id)
{
  GjMeeting *meeting = gj_occurrence_get_meeting (occurrence);

  return series_id == 0 || gj_record_get_id (GJ_RECORD (meeting)) == series_id
         || gj_record_get_int (GJ_RECORD (meeting), "series_id") == series_id;
}

/* The series of the street (or all), for the second filter. */
static void
load_series (GjCalendarPage *self)
{
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 street = selected_street (self);
  gint64 keep = selected_series (self);
  guint n, selected = 0;

  g_array_set_size (self->series_ids, 0);
  gtk_string_list_append (names, _("All series"));
  g_array_append_val (self->series_ids, (gint64) { 0 });
  if (self->store != NULL)
    meetings = gj_store_list (self->store, GJ_TYPE_MEETING, NULL);
  n = meetings != NULL ? g_list_model_get_n_items (meetings) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjMeeting) meeting = g_list_model_get_item (meetings, i);
      gint64 id = gj_record_get_id (GJ_RECORD (meeting));
      g_autofree char *name = NULL;
      const char *street_name;

      if (!is_master (meeting) || (street != 0 && gj_record_get_int (GJ_RECORD (meeting), "street_id") != street))
        continue;
      street_name = gj_record_get_text (GJ_RECORD (meeting), "street_name");
      name = street != 0 || street_name == NULL
             ? g_strdup (gj_record_get_label (GJ_RECORD (meeting)))
             : g_strdup_printf ("%s · %s", street_name, gj_record_get_label (GJ_RECORD (meeting)));
      gtk_string_list_append (names, name);
      g_array_append_val (self->series_ids, id);
      if (id == keep)
        selected = self->series_ids->len - 1;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->series_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->series_drop, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->series_drop), self->series_ids->len > 1);
  self->filling = FALSE;
}

static void
load_streets (GjCalendarPage *self)
{
  g_autoptr(GListModel) streets = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) quick_names = gtk_string_list_new (NULL);
  gint64 keep = selected_street (self);
  guint n, selected = 0;

  g_array_set_size (self->street_ids, 0);
  gtk_string_list_append (names, _("All streets"));
  gtk_string_list_append (quick_names, _("No street"));
  g_array_append_val (self->street_ids, (gint64) { 0 });
  if (self->store != NULL)
    streets = gj_store_list (self->store, GJ_TYPE_STREET, NULL);
  n = streets != NULL ? g_list_model_get_n_items (streets) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) street = g_list_model_get_item (streets, i);
      gint64 id = gj_record_get_id (street);

      gtk_string_list_append (names, gj_record_get_text (street, "name"));
      gtk_string_list_append (quick_names, gj_record_get_text (street, "name"));
      g_array_append_val (self->street_ids, id);
      if (id == keep)
        selected = i + 1;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->street_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->street_drop, selected);
  gtk_drop_down_set_model (self->quick_street, G_LIST_MODEL (quick_names));
  self->filling = FALSE;
  load_series (self);
}

/* Loading ---------------------------------------------------------------------------- */

static GListStore *
occurrences_between (GjCalendarPage *self,
                     const char     *from,
                     const char     *to,
                     gboolean        skip_cancelled,
                     guint           limit)
{
  GListStore *store = g_list_store_new (GJ_TYPE_OCCURRENCE);
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 series = selected_series (self);
  guint n;

  if (self->store == NULL)
    return store;
  all = gj_store_list_occurrences (self->store, selected_street (self), from, to, &error);
  if (all == NULL)
    {
      g_warning ("Cannot read the meetings: %s", error->message);
      return store;
    }
  n = g_list_model_get_n_items (all);
  for (guint i = 0; i < n && g_list_model_get_n_items (G_LIST_MODEL (store)) < limit; i++)
    {
      g_autoptr(GjOccurrence) occurrence = g_list_model_get_item (all, i);

      if (!in_series (occurrence, series) || (skip_cancelled && gj_occurrence_is_cancelled (occurrence)))
        continue;
      g_list_store_append (store, occurrence);
    }
  return store;
}

static void
load_month (GjCalendarPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *title = gj_month_view_dup_title (self->month_view);
  g_autoptr(GListStore) shown = NULL;

  gtk_label_set_label (self->month_label, title);
  gj_month_view_dup_range (self->month_view, &from, &to);
  shown = occurrences_between (self, from, to, FALSE, G_MAXUINT);
  gj_month_view_set_occurrences (self->month_view, G_LIST_MODEL (shown));
}

static void
load_upcoming (GjCalendarPage *self)
{
  g_autoptr(GDate) today = gj_today ();
  g_autoptr(GListStore) soon = NULL;
  char from[16], to[16];
  GDate end = *today;

  g_date_add_days (&end, UPCOMING_DAYS);
  g_snprintf (from, sizeof from, "%04u-%02u-%02u", g_date_get_year (today), g_date_get_month (today),
              g_date_get_day (today));
  g_snprintf (to, sizeof to, "%04u-%02u-%02u", g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end));
  soon = occurrences_between (self, from, to, TRUE, UPCOMING_MAX);
  g_list_store_remove_all (self->upcoming);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (soon)); i++)
    {
      g_autoptr(GjOccurrence) occurrence = g_list_model_get_item (G_LIST_MODEL (soon), i);

      g_list_store_append (self->upcoming, occurrence);
    }
}

static void
load_rates (GjCalendarPage *self)
{
  g_autofree char *month = gj_month_view_dup_month (self->month_view);
  int year = atoi (month);
  g_autoptr(GPtrArray) rates = NULL;
  g_autofree char *title = NULL;

  /* Translators: %d is a year; the table below lists each member unit's
   * attendance at the joint meetings held that year. */
  title = g_strdup_printf (_("Attendance in %d"), year);
  gtk_label_set_label (self->rates_label, title);
  g_list_store_remove_all (self->rates);
  if (self->store == NULL)
    return;
  rates = gj_store_attendance_rates (self->store, selected_street (self), year, NULL);
  if (rates == NULL)
    return;
  for (guint i = 0; i < rates->len; i++)
    {
      GjRateItem *item = g_object_new (GJ_TYPE_RATE_ITEM, NULL);

      /* The array gives its rates away; the items free them. */
      item->rate = g_steal_pointer (&rates->pdata[i]);
      g_list_store_append (self->rates, item);
      g_object_unref (item);
    }
}

static void
reload (GjCalendarPage *self)
{
  load_month (self);
  load_upcoming (self);
  load_rates (self);
}

/* Opening and creating meetings --------------------------------------------------------- */

static void
open_meeting (GjCalendarPage *self,
              GjMeeting      *meeting)
{
  gj_meeting_panel_set_meeting (self->meeting_panel, meeting);
  gtk_stack_set_visible_child_name (self->side_stack, "meeting");
  gtk_widget_grab_focus (GTK_WIDGET (self->meeting_panel));
}

static void
open_occurrence (GjCalendarPage *self,
                 GjOccurrence   *occurrence)
{
  GjMeeting *meeting = gj_occurrence_get_meeting (occurrence);
  g_autoptr(GjMeeting) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (gj_occurrence_is_override (occurrence) || !is_master (meeting))
    {
      open_meeting (self, meeting);
      return;
    }
  /* An occurrence the rule makes is not stored until it has something of
   * its own; its agenda and attendance will, so it is stored now. */
  stored = gj_store_occurrence_materialize (self->store, meeting, gj_occurrence_get_recurrence_id (occurrence), &error);
  if (stored == NULL)
    {
      gj_record_form_toast (GTK_WIDGET (self), error->message, FALSE, TRUE);
      return;
    }
  open_meeting (self, stored);
  load_month (self);
}

static void
occurrence_activated_cb (GjCalendarPage *self,
                         GjOccurrence   *occurrence)
{
  open_occurrence (self, occurrence);
}

static void
upcoming_activated_cb (GtkListView    *view,
                       guint           position,
                       GjCalendarPage *self)
{
  g_autoptr(GjOccurrence) occurrence = g_list_model_get_item (G_LIST_MODEL (self->upcoming), position);

  if (occurrence == NULL)
    return;
  gj_month_view_select_date (self->month_view, gj_occurrence_get_starts_at (occurrence));
  open_occurrence (self, occurrence);
}

static GjMeeting *
create_meeting (GjCalendarPage *self,
                const char     *date,
                const char     *title,
                gint64          street_id)
{
  g_autoptr(GjMeeting) meeting = gj_meeting_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *starts = g_strdup_printf ("%sT14:30:00+08:00", date);
  g_autofree char *ends = g_strdup_printf ("%sT16:00:00+08:00", date);
  g_autofree char *label = NULL;
  gboolean ok;

  gj_record_set_text (GJ_RECORD (meeting), "title", title != NULL && *title != '\0' ? title : _("Joint meeting"));
  gj_record_set_text (GJ_RECORD (meeting), "starts_at", starts);
  gj_record_set_text (GJ_RECORD (meeting), "ends_at", ends);
  gj_record_set_text (GJ_RECORD (meeting), "status", gj_meeting_status_to_string (GJ_MEETING_STATUS_DRAFT));
  if (street_id != 0)
    gj_record_set_int (GJ_RECORD (meeting), "street_id", street_id);

  label = g_strdup_printf (_("the new meeting “%s”"), gj_record_get_label (GJ_RECORD (meeting)));
  if (self->history != NULL)
    ok = gj_history_insert (self->history, GJ_RECORD (meeting), label, &error);
  else
    ok = gj_store_insert (self->store, GJ_RECORD (meeting), &error);
  if (!ok)
    {
      gj_record_form_toast (GTK_WIDGET (self), error->message, FALSE, TRUE);
      return NULL;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Added %s"), label);

    gj_record_form_toast (GTK_WIDGET (self), text, self->history != NULL, FALSE);
  }
  /* Read back: the store fills in the street's name. */
  {
    g_autoptr(GjRecord) stored = gj_store_get (self->store, GJ_TYPE_MEETING, gj_record_get_id (GJ_RECORD (meeting)), NULL);

    if (stored != NULL)
      g_set_object (&meeting, GJ_MEETING (stored));
  }
  return g_steal_pointer (&meeting);
}

void
gj_calendar_page_quick_add_create (GjCalendarPage *self)
{
  guint street = gtk_drop_down_get_selected (self->quick_street);
  gint64 street_id = street < self->street_ids->len ? g_array_index (self->street_ids, gint64, street) : 0;
  g_autoptr(GjMeeting) meeting = NULL;

  g_return_if_fail (GJ_IS_CALENDAR_PAGE (self));

  if (self->quick_date == NULL || self->store == NULL)
    return;
  meeting = create_meeting (self, self->quick_date, gtk_editable_get_text (self->quick_title), street_id);
  gtk_popover_popdown (self->quick_add);
  if (meeting == NULL)
    return;
  reload (self);
  open_meeting (self, meeting);
}

static void
quick_series_clicked_cb (GjCalendarPage *self)
{
  gtk_popover_popdown (self->quick_add);
  gtk_widget_activate_action (GTK_WIDGET (self), "calendar.new-series", NULL);
}

static void
day_activated_cb (GjCalendarPage *self,
                  const char     *date,
                  GdkRectangle   *area)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;

  if (self->store == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return;
  g_free (self->quick_date);
  self->quick_date = g_strdup (date);
  day = g_date_time_new_local (y, m, d, 0, 0, 0);
  /* Translators: the day a new meeting goes on, a g_date_time_format()
   * string; in Chinese "%-m月%-d日 %A". */
  text = g_date_time_format (day, C_("new meeting day", "%A, %B %-d"));
  gtk_label_set_label (self->quick_date_label, text);
  gtk_editable_set_text (self->quick_title, "");
  gtk_drop_down_set_selected (self->quick_street, gtk_drop_down_get_selected (self->street_drop));
  {
    double px = 0, py = 0;
    GdkRectangle rect = *area;

    /* The popover belongs to the page: the cell in its coordinates. */
    gtk_widget_translate_coordinates (GTK_WIDGET (self->month_view), GTK_WIDGET (self), area->x, area->y, &px, &py);
    rect.x = (int) px;
    rect.y = (int) py;
    gtk_popover_set_pointing_to (self->quick_add, &rect);
  }
  gtk_popover_popup (self->quick_add);
  gtk_widget_grab_focus (GTK_WIDGET (self->quick_title));
}

static void
build_quick_add (GjCalendarPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *create = gtk_button_new_with_mnemonic (_("C_reate"));
  GtkWidget *series = gtk_button_new_with_mnemonic (_("_Series…"));
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *drop = gtk_drop_down_new (NULL, NULL);

  self->quick_add = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->quick_add), GTK_WIDGET (self));
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Theme of the meeting"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 24);
  gtk_widget_set_tooltip_text (drop, _("The street that convenes it"));
  gtk_widget_add_css_class (create, "suggested-action");
  gtk_widget_set_hexpand (create, TRUE);
  gtk_widget_set_tooltip_text (series, _("A meeting every month instead"));
  gtk_box_append (GTK_BOX (buttons), series);
  gtk_box_append (GTK_BOX (buttons), create);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), drop);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (self->quick_add, box);
  gtk_popover_set_default_widget (self->quick_add, create);
  g_signal_connect_swapped (create, "clicked", G_CALLBACK (gj_calendar_page_quick_add_create), self);
  g_signal_connect_swapped (series, "clicked", G_CALLBACK (quick_series_clicked_cb), self);
  g_signal_connect_swapped (self->quick_add, "closed", G_CALLBACK (gtk_widget_grab_focus), self->month_view);

  self->quick_title = GTK_EDITABLE (entry);
  self->quick_street = GTK_DROP_DOWN (drop);
  self->quick_date_label = GTK_LABEL (label);
}

/* Upcoming rows and the attendance table ------------------------------------------------------ */

static void
upcoming_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *dot = gtk_label_new (NULL);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_add_css_class (dot, "meeting-dot");
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (item, box);
}

static const char * const status_classes[] = {
  "draft", "scheduled", "held", "minuted", "closed", "cancelled",
};

static void
upcoming_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GjOccurrence *occurrence = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *dot = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_last_child (box));
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GjMeeting *meeting = gj_occurrence_get_meeting (occurrence);
  GjMeetingStatus status = gj_occurrence_is_cancelled (occurrence) ? GJ_MEETING_STATUS_CANCELLED
                                                                   : gj_meeting_get_status (meeting);
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (GJ_RECURRENCE_ZONE);
  g_autofree char *date = NULL;
  g_autofree char *line = NULL;
  const char *street = gj_record_get_text (GJ_RECORD (meeting), "street_name");
  const char *starts = gj_occurrence_get_starts_at (occurrence);

  when = strlen (starts) > 10 ? g_date_time_new_from_iso8601 (starts, zone) : NULL;
  if (when != NULL)
    /* Translators: a meeting's day and time in the upcoming list, a
     * g_date_time_format() string; in Chinese "%-m月%-d日 %a %H:%M". */
    date = g_date_time_format (when, C_("upcoming meeting", "%a %b %-d, %H:%M"));
  else
    date = g_strdup (starts);
  line = street != NULL ? g_strdup_printf ("%s · %s · %s", date, street, gj_meeting_status_get_title (status))
                        : g_strdup_printf ("%s · %s", date, gj_meeting_status_get_title (status));
  gtk_label_set_label (GTK_LABEL (title), gj_occurrence_get_title (occurrence));
  gtk_label_set_label (GTK_LABEL (detail), line);
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (dot, status_classes[i]);
  if (status >= 0 && (guint) status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (dot, status_classes[status]);
}

typedef enum
{
  RATE_UNIT,
  RATE_RATE,
  RATE_PRESENT,
  RATE_LEAVE,
  RATE_ABSENT,
} RateColumn;

static void
rate_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  RateColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == RATE_UNIT ? 0 : 1);
  if (column == RATE_UNIT)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
rate_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RateColumn column = GPOINTER_TO_INT (user_data);
  GjRateItem *rate_item = gtk_list_item_get_item (item);
  GjAttendanceRate *rate = rate_item->rate;
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case RATE_UNIT:
      gtk_label_set_label (GTK_LABEL (label), rate->unit_name);
      gtk_widget_set_tooltip_text (label, rate->unit_name);
      return;
    case RATE_RATE:
      text = g_strdup_printf ("%.0f%%", rate->rate * 100);
      break;
    case RATE_PRESENT:
      /* Translators: present of invited, e.g. "9/12". */
      text = g_strdup_printf (C_("attendance", "%u/%u"), rate->present, rate->invited);
      break;
    case RATE_LEAVE:
      text = g_strdup_printf ("%u", rate->leave);
      break;
    case RATE_ABSENT:
    default:
      text = g_strdup_printf ("%u", rate->absent);
      break;
    }
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_remove_css_class (label, "error");
  if (column == RATE_RATE && rate->invited > 0 && rate->rate < 0.5)
    gtk_widget_add_css_class (label, "error");
}

static void
add_rate_column (GjCalendarPage *self,
                 const char     *title,
                 RateColumn      column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (rate_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (rate_bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, column == RATE_UNIT);
  gtk_column_view_append_column (self->rates_view, view_column);
  g_object_unref (view_column);
}

static void
build_legend (GjCalendarPage *self)
{
  for (int status = GJ_MEETING_STATUS_DRAFT; status <= GJ_MEETING_STATUS_CANCELLED; status++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *dot = gtk_label_new (NULL);
      GtkWidget *label = gtk_label_new (gj_meeting_status_get_title (status));

      gtk_widget_add_css_class (dot, "meeting-dot");
      gtk_widget_add_css_class (dot, status_classes[status]);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "caption");
      if (status == GJ_MEETING_STATUS_CANCELLED)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
          gtk_label_set_attributes (GTK_LABEL (label), attrs);
          pango_attr_list_unref (attrs);
        }
      gtk_box_append (GTK_BOX (box), dot);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (self->legend_box), box);
    }
}

/* Signals and actions ------------------------------------------------------------------------ */

static void
month_changed_cb (GjCalendarPage *self)
{
  load_month (self);
  load_rates (self);
}

static void
street_changed_cb (GjCalendarPage *self)
{
  if (self->filling)
    return;
  load_series (self);
  reload (self);
}

static void
series_changed_cb (GjCalendarPage *self)
{
  if (self->filling)
    return;
  reload (self);
}

static void
panel_changed_cb (GjCalendarPage *self)
{
  load_series (self);
  reload (self);
}

static void
panel_closed_cb (GjCalendarPage *self)
{
  gtk_stack_set_visible_child_name (self->side_stack, "overview");
  gtk_widget_grab_focus (GTK_WIDGET (self->month_view));
}

static void
history_changed_cb (GjCalendarPage *self,
                    GType           type)
{
  if (type != GJ_TYPE_MEETING && type != GJ_TYPE_AGENDA_ITEM && type != GJ_TYPE_ATTENDANCE)
    return;
  reload (self);
  gj_meeting_panel_reload (self->meeting_panel);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gj_month_view_shift_month (GJ_CALENDAR_PAGE (widget)->month_view, -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gj_month_view_shift_month (GJ_CALENDAR_PAGE (widget)->month_view, 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GjCalendarPage *self = GJ_CALENDAR_PAGE (widget);

  gj_month_view_go_today (self->month_view);
  gtk_widget_grab_focus (GTK_WIDGET (self->month_view));
}

static void
new_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GjCalendarPage *self = GJ_CALENDAR_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->month_view), "month.activate", "b", TRUE);
}

static void
series_created_cb (GjCalendarPage *self,
                   GjMeeting      *master)
{
  g_autofree char *text = g_strdup_printf (_("Created the series “%s”"), gj_record_get_label (GJ_RECORD (master)));

  gj_record_form_toast (GTK_WIDGET (self), text, FALSE, FALSE);
  load_series (self);
  reload (self);
}

static void
new_series_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GjCalendarPage *self = GJ_CALENDAR_PAGE (widget);
  g_autofree char *date = gj_month_view_dup_selected_date (self->month_view);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;
  dialog = gj_series_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                 selected_street (self), date);
  g_signal_connect_object (dialog, "created", G_CALLBACK (series_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    GjCalendarPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      g_autofree char *month = gj_month_view_dup_month (self->month_view);
      GDate last;
      int y, m, d;

      sscanf (month, "%d-%d-%d", &y, &m, &d);
      g_date_set_dmy (&last, g_date_get_days_in_month (m, y), m, y);
      from = g_strdup (month);
      to = g_strdup_printf ("%04d-%02d-%02u", y, m, g_date_get_day (&last));
      if (gj_ical_export_scope (self->store, path, GJ_ICAL_SCOPE_RANGE, 0, from, to, &n, &error))
        {
          g_autofree char *text = g_strdup_printf (ngettext ("Exported %u meeting", "Exported %u meetings", n), n);

          gj_record_form_toast (GTK_WIDGET (self), text, FALSE, FALSE);
        }
      else
        gj_record_form_toast (GTK_WIDGET (self), error->message, FALSE, TRUE);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_ics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GjCalendarPage *self = GJ_CALENDAR_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *month = gj_month_view_dup_month (self->month_view);
  g_autofree char *name = g_strdup_printf ("%.7s.ics", month);

  chooser = gtk_file_chooser_native_new (_("Export the Month’s Meetings"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject ----------------------------------------------------------------------------------- */

static void
gj_calendar_page_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GjCalendarPage *self = GJ_CALENDAR_PAGE (widget);

  /* The side pane takes what the month can spare: a third, 380 to 480 px;
   * after the first allocation the user's choice stays. */
  if (width > 0 && !self->positioned)
    {
      gtk_paned_set_position (self->paned, width - CLAMP (width / 3, 380, 480));
      self->positioned = TRUE;
    }
  gtk_widget_allocate (self->main_box, width, height, baseline, NULL);
  if (self->quick_add != NULL)
    gtk_popover_present (self->quick_add);
}

static void
gj_calendar_page_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  gtk_widget_measure (GJ_CALENDAR_PAGE (widget)->main_box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
gj_calendar_page_dispose (GObject *object)
{
  GjCalendarPage *self = GJ_CALENDAR_PAGE (object);

  if (self->quick_add != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->quick_add));
      self->quick_add = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_CALENDAR_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_object (&self->upcoming);
  g_clear_object (&self->rates);
  g_clear_pointer (&self->street_ids, g_array_unref);
  g_clear_pointer (&self->series_ids, g_array_unref);
  g_clear_pointer (&self->quick_date, g_free);

  G_OBJECT_CLASS (gj_calendar_page_parent_class)->dispose (object);
}

static void
gj_calendar_page_class_init (GjCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_calendar_page_dispose;
  widget_class->size_allocate = gj_calendar_page_size_allocate;
  widget_class->measure = gj_calendar_page_measure;

  /* The templates live in the GUI resource; make sure it is linked in. */
  (void) gj_get_resource ();
  g_type_ensure (GJ_TYPE_MONTH_VIEW);
  g_type_ensure (GJ_TYPE_MEETING_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, meeting_panel);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, month_view);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, paned);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, rates_label);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, rates_view);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, series_drop);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, side_stack);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, street_drop);
  gtk_widget_class_bind_template_child (widget_class, GjCalendarPage, upcoming_view);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.new-meeting", NULL, new_meeting_action);
  gtk_widget_class_install_action (widget_class, "calendar.new-series", NULL, new_series_action);
  gtk_widget_class_install_action (widget_class, "calendar.export-ics", NULL, export_ics_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "calendar.new-meeting", NULL);

  gtk_widget_class_set_css_name (widget_class, "calendarpage");
}

static void
gj_calendar_page_init (GjCalendarPage *self)
{
  GtkListItemFactory *factory;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->street_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->series_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->upcoming = g_list_store_new (GJ_TYPE_OCCURRENCE);
  self->rates = g_list_store_new (GJ_TYPE_RATE_ITEM);

  build_quick_add (self);
  build_legend (self);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->street_drop, expression);
  gtk_expression_unref (expression);
  load_streets (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (upcoming_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (upcoming_bind_cb), NULL);
  gtk_list_view_set_factory (self->upcoming_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->upcoming_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->upcoming)))));
  g_signal_connect (self->upcoming_view, "activate", G_CALLBACK (upcoming_activated_cb), self);

  add_rate_column (self, _("Unit"), RATE_UNIT);
  add_rate_column (self, _("Rate"), RATE_RATE);
  add_rate_column (self, _("Present"), RATE_PRESENT);
  add_rate_column (self, _("Leave"), RATE_LEAVE);
  add_rate_column (self, _("Absent"), RATE_ABSENT);
  gtk_column_view_set_model (self->rates_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rates)))));

  g_signal_connect_swapped (self->month_view, "notify::month", G_CALLBACK (month_changed_cb), self);
  g_signal_connect_swapped (self->month_view, "day-activated", G_CALLBACK (day_activated_cb), self);
  g_signal_connect_swapped (self->month_view, "occurrence-activated", G_CALLBACK (occurrence_activated_cb), self);
  g_signal_connect_swapped (self->street_drop, "notify::selected", G_CALLBACK (street_changed_cb), self);
  g_signal_connect_swapped (self->series_drop, "notify::selected", G_CALLBACK (series_changed_cb), self);
  g_signal_connect_swapped (self->meeting_panel, "changed", G_CALLBACK (panel_changed_cb), self);
  g_signal_connect_swapped (self->meeting_panel, "closed", G_CALLBACK (panel_closed_cb), self);

  load_month (self);
}

/* Public ------------------------------------------------------------------------------------- */

GtkWidget *
gj_calendar_page_new (void)
{
  return g_object_new (GJ_TYPE_CALENDAR_PAGE, NULL);
}

void
gj_calendar_page_set_store (GjCalendarPage *self,
                            GjStore        *store)
{
  g_return_if_fail (GJ_IS_CALENDAR_PAGE (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  gj_meeting_panel_set_store (self->meeting_panel, store);
  gtk_stack_set_visible_child_name (self->side_stack, "overview");
  load_streets (self);
  reload (self);
}

void
gj_calendar_page_set_history (GjCalendarPage *self,
                              GjHistory      *history)
{
  g_return_if_fail (GJ_IS_CALENDAR_PAGE (self));
  g_return_if_fail (history == NULL || GJ_IS_HISTORY (history));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, history_changed_cb, self);
  if (!g_set_object (&self->history, history))
    return;
  gj_meeting_panel_set_history (self->meeting_panel, history);
  if (history != NULL)
    g_signal_connect_object (history, "changed", G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
}

void
gj_calendar_page_reload (GjCalendarPage *self)
{
  g_return_if_fail (GJ_IS_CALENDAR_PAGE (self));

  load_streets (self);
  reload (self);
  gj_meeting_panel_reload (self->meeting_panel);
}

void
gj_calendar_page_show_meeting (GjCalendarPage *self,
                               GjMeeting      *meeting)
{
  g_autofree char *date = NULL;

  g_return_if_fail (GJ_IS_CALENDAR_PAGE (self));
  g_return_if_fail (GJ_IS_MEETING (meeting));

  date = gj_meeting_dup_start_date (meeting);
  if (date != NULL)
    gj_month_view_select_date (self->month_view, date);
  open_meeting (self, meeting);
}

/* Private ------------------------------------------------------------------------------------ */

GjMonthView *
gj_calendar_page_get_month_view (GjCalendarPage *self)
{
  g_return_val_if_fail (GJ_IS_CALENDAR_PAGE (self), NULL);
  return self->month_view;
}

GjMeetingPanel *
gj_calendar_page_get_meeting_panel (GjCalendarPage *self)
{
  g_return_val_if_fail (GJ_IS_CALENDAR_PAGE (self), NULL);
  return self->meeting_panel;
}

const char *
gj_calendar_page_get_side (GjCalendarPage *self)
{
  g_return_val_if_fail (GJ_IS_CALENDAR_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->side_stack);
}

GListModel *
gj_calendar_page_get_upcoming (GjCalendarPage *self)
{
  g_return_val_if_fail (GJ_IS_CALENDAR_PAGE (self), NULL);
  return G_LIST_MODEL (self->upcoming);
}

guint
gj_calendar_page_get_n_rates (GjCalendarPage *self)
{
  g_return_val_if_fail (GJ_IS_CALENDAR_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rates));
}

void
gj_calendar_page_set_street (GjCalendarPage *self,
                             gint64          street_id)
{
  g_return_if_fail (GJ_IS_CALENDAR_PAGE (self));

  for (guint i = 0; i < self->street_ids->len; i++)
    if (g_array_index (self->street_ids, gint64, i) == street_id)
      gtk_drop_down_set_selected (self->street_drop, i);
}

GtkPopover *
gj_calendar_page_get_quick_add (GjCalendarPage *self)
{
  g_return_val_if_fail (GJ_IS_CALENDAR_PAGE (self), NULL);
  return self->quick_add;
}

GtkEditable *
gj_calendar_page_get_quick_title (GjCalendarPage *self)
{
  g_return_val_if_fail (GJ_IS_CALENDAR_PAGE (self), NULL);
  return self->quick_title;
}
