/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gj-record-form.h"
#include "gj-series-dialog.h"

/* How the month's day is chosen, as the first row offers it. */
enum {
  PATTERN_DAY,
  PATTERN_NTH_WEEKDAY,
  PATTERN_LAST_WEEKDAY,
};

enum {
  ENDS_NEVER,
  ENDS_UNTIL,
  ENDS_COUNT,
};

struct _GjSeriesDialog
{
  AdwMessageDialog  parent_instance;

  GjStore          *store;
  GArray           *street_ids;

  AdwEntryRow      *title_row;
  AdwComboRow      *street_row;
  AdwEntryRow      *date_row;
  AdwEntryRow      *start_row;
  AdwEntryRow      *end_row;
  AdwEntryRow      *place_row;
  AdwComboRow      *pattern_row;
  AdwEntryRow      *day_row;
  AdwComboRow      *week_row;
  AdwComboRow      *weekday_row;
  AdwEntryRow      *interval_row;
  AdwComboRow      *ends_row;
  AdwEntryRow      *until_row;
  AdwEntryRow      *count_row;
};

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GjSeriesDialog, gj_series_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
fail (GError    **error,
      const char *message)
{
  g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
read_number (AdwEntryRow *row,
             guint        min,
             guint        max,
             guint       *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (gtk_editable_get_text (GTK_EDITABLE (row)), 10, min, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static int
read_clock (AdwEntryRow *row)
{
  int h, m;

  if (sscanf (gtk_editable_get_text (GTK_EDITABLE (row)), "%d:%d", &h, &m) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
    return -1;
  return h * 60 + m;
}

gboolean
gj_series_dialog_get_rule (GjSeriesDialog  *self,
                           GjRecurrence    *rule,
                           GError         **error)
{
  guint pattern, ends;

  g_return_val_if_fail (GJ_IS_SERIES_DIALOG (self), FALSE);

  gj_recurrence_init (rule);
  rule->kind = GJ_RECURRENCE_MONTHLY_BY_DAY;
  if (!read_number (self->interval_row, 1, 12, &rule->interval))
    return fail (error, _("Repeat every 1 to 12 months"));
  pattern = adw_combo_row_get_selected (self->pattern_row);
  if (pattern == PATTERN_DAY)
    {
      if (!read_number (self->day_row, 1, 31, &rule->month_day))
        return fail (error, _("The day of the month is a number from 1 to 31"));
    }
  else
    {
      rule->kind = GJ_RECURRENCE_MONTHLY_BY_WEEKDAY;
      rule->week = pattern == PATTERN_LAST_WEEKDAY ? -1 : (int) adw_combo_row_get_selected (self->week_row) + 1;
      rule->weekday = (GDateWeekday) (adw_combo_row_get_selected (self->weekday_row) + G_DATE_MONDAY);
    }

  ends = adw_combo_row_get_selected (self->ends_row);
  if (ends == ENDS_UNTIL)
    {
      g_autofree char *until = gj_date_normalize (gtk_editable_get_text (GTK_EDITABLE (self->until_row)));
      int y, m, d;

      if (until == NULL || sscanf (until, "%d-%d-%d", &y, &m, &d) != 3)
        return fail (error, _("Write the last day as 2025-12-31"));
      rule->end = GJ_RECURRENCE_END_UNTIL;
      rule->until_year = (guint16) y;
      rule->until_month = (guint8) m;
      rule->until_day = (guint8) d;
    }
  else if (ends == ENDS_COUNT)
    {
      rule->end = GJ_RECURRENCE_END_COUNT;
      if (!read_number (self->count_row, 1, 500, &rule->count))
        return fail (error, _("The number of meetings is from 1 to 500"));
    }
  return TRUE;
}

GjMeeting *
gj_series_dialog_create (GjSeriesDialog  *self,
                         GError         **error)
{
  g_autoptr(GjMeeting) master = NULL;
  GjRecurrence rule;
  g_autofree char *date = gj_date_normalize (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *place = gtk_editable_get_text (GTK_EDITABLE (self->place_row));
  int from = read_clock (self->start_row);
  int to = read_clock (self->end_row);
  guint street = adw_combo_row_get_selected (self->street_row);

  g_return_val_if_fail (GJ_IS_SERIES_DIALOG (self), NULL);

  if (*title == '\0')
    return fail (error, _("A series needs a title")), NULL;
  if (date == NULL || from < 0 || to < 0 || to <= from)
    return fail (error, _("Write the first day as 2025-03-28 and the times as 14:30; the end comes after the start")), NULL;
  if (!gj_series_dialog_get_rule (self, &rule, error))
    return NULL;

  starts = g_strdup_printf ("%sT%02d:%02d:00+08:00", date, from / 60, from % 60);
  ends = g_strdup_printf ("%sT%02d:%02d:00+08:00", date, to / 60, to % 60);
  master = gj_meeting_new ();
  gj_record_set_text (GJ_RECORD (master), "title", title);
  gj_record_set_text (GJ_RECORD (master), "starts_at", starts);
  gj_record_set_text (GJ_RECORD (master), "ends_at", ends);
  if (*place != '\0')
    gj_record_set_text (GJ_RECORD (master), "location", place);
  if (street < self->street_ids->len && g_array_index (self->street_ids, gint64, street) != 0)
    gj_record_set_int (GJ_RECORD (master), "street_id", g_array_index (self->street_ids, gint64, street));
  if (!gj_store_series_create (self->store, master, &rule, NULL, error))
    return NULL;
  g_signal_emit (self, signals[CREATED], 0, master);
  return g_steal_pointer (&master);
}

static void
sync_rows (GjSeriesDialog *self)
{
  guint pattern = adw_combo_row_get_selected (self->pattern_row);
  guint ends = adw_combo_row_get_selected (self->ends_row);

  gtk_widget_set_visible (GTK_WIDGET (self->day_row), pattern == PATTERN_DAY);
  gtk_widget_set_visible (GTK_WIDGET (self->week_row), pattern == PATTERN_NTH_WEEKDAY);
  gtk_widget_set_visible (GTK_WIDGET (self->weekday_row), pattern != PATTERN_DAY);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row), ends == ENDS_UNTIL);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row), ends == ENDS_COUNT);
}

static void
gj_series_dialog_response (AdwMessageDialog *dialog,
                           const char       *response)
{
  GjSeriesDialog *self = GJ_SERIES_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GjMeeting) master = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, "create") && (master = gj_series_dialog_create (self, &error)) == NULL && parent != NULL)
    {
      GtkWidget *focus = gtk_window_get_focus (parent);

      gj_record_form_toast (focus != NULL ? focus : GTK_WIDGET (parent), error->message, FALSE, TRUE);
    }
  ADW_MESSAGE_DIALOG_CLASS (gj_series_dialog_parent_class)->response (dialog, response);
}

static void
gj_series_dialog_dispose (GObject *object)
{
  GjSeriesDialog *self = GJ_SERIES_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->street_ids, g_array_unref);

  G_OBJECT_CLASS (gj_series_dialog_parent_class)->dispose (object);
}

static void
gj_series_dialog_class_init (GjSeriesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = gj_series_dialog_dispose;
  dialog_class->response = gj_series_dialog_response;

  /**
   * GjSeriesDialog::created:
   * @master: the series' master meeting, saved
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, GJ_TYPE_MEETING);
}

static void
gj_series_dialog_init (GjSeriesDialog *self)
{
  self->street_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
}

static AdwEntryRow *
entry_row (GtkWidget  *list,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
combo_row (GtkWidget          *list,
           const char         *title,
           const char * const *choices)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkStringList *model = gtk_string_list_new (choices);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_object_unref (model);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return ADW_COMBO_ROW (row);
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

GtkWidget *
gj_series_dialog_new (GtkWindow  *parent,
                      GjStore    *store,
                      gint64      street_id,
                      const char *date)
{
  GjSeriesDialog *self;
  g_autoptr(GListModel) streets = NULL;
  g_autoptr(GtkStringList) street_names = gtk_string_list_new (NULL);
  g_autoptr(GDate) today = gj_today ();
  g_autofree char *first = NULL;
  g_autofree char *day = NULL;
  GtkWidget *box, *when, *rule, *scroller;
  const char *weeks[] = { _("First"), _("Second"), _("Third"), _("Fourth"), NULL };
  const char *patterns[] = { _("On a day of the month"), _("On a weekday of a week"), _("On the last weekday"), NULL };
  const char *endings[] = { _("Never"), _("On a day"), _("After a number of meetings"), NULL };
  char *weekdays[8] = { NULL };
  guint selected_street = 0;
  GDate parsed;
  int y, m, d;
  guint n;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);

  self = g_object_new (GJ_TYPE_SERIES_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("New Monthly Series"),
                       "body", _("One meeting a month (一月一会), on a fixed day or weekday. Single meetings can still be moved or cancelled later."),
                       NULL);
  self->store = g_object_ref (store);

  if (date != NULL && sscanf (date, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    g_date_set_dmy (&parsed, d, m, y);
  else
    parsed = *today;
  first = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&parsed), g_date_get_month (&parsed),
                           g_date_get_day (&parsed));
  day = g_strdup_printf ("%u", g_date_get_day (&parsed));
  for (int i = 0; i < 7; i++)
    {
      /* 2024-01-01 was a Monday. */
      g_autoptr(GDateTime) weekday = g_date_time_new_local (2024, 1, 1 + i, 0, 0, 0);

      weekdays[i] = g_date_time_format (weekday, "%A");
    }

  gtk_string_list_append (street_names, _("No street"));
  g_array_append_val (self->street_ids, (gint64) { 0 });
  streets = gj_store_list (store, GJ_TYPE_STREET, NULL);
  n = streets != NULL ? g_list_model_get_n_items (streets) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) street = g_list_model_get_item (streets, i);
      gint64 id = gj_record_get_id (street);

      gtk_string_list_append (street_names, gj_record_get_text (street, "name"));
      g_array_append_val (self->street_ids, id);
      if (id == street_id)
        selected_street = i + 1;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  when = boxed_list ();
  self->title_row = entry_row (when, _("Title"), _("Joint meeting"));
  self->street_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->street_row), _("Street"));
  adw_combo_row_set_model (self->street_row, G_LIST_MODEL (street_names));
  adw_combo_row_set_selected (self->street_row, selected_street);
  gtk_list_box_append (GTK_LIST_BOX (when), GTK_WIDGET (self->street_row));
  self->date_row = entry_row (when, _("First meeting"), first);
  self->start_row = entry_row (when, _("Starts at"), "14:30");
  self->end_row = entry_row (when, _("Ends at"), "16:00");
  self->place_row = entry_row (when, _("Place"), NULL);
  gtk_box_append (GTK_BOX (box), when);

  rule = boxed_list ();
  self->pattern_row = combo_row (rule, _("Repeats"), patterns);
  self->day_row = entry_row (rule, _("Day of the month"), day);
  self->week_row = combo_row (rule, _("Week"), weeks);
  self->weekday_row = combo_row (rule, _("Weekday"), (const char * const *) weekdays);
  adw_combo_row_set_selected (self->weekday_row, g_date_get_weekday (&parsed) - G_DATE_MONDAY);
  adw_combo_row_set_selected (self->week_row, MIN ((g_date_get_day (&parsed) - 1) / 7, 3));
  self->interval_row = entry_row (rule, _("Every how many months"), "1");
  self->ends_row = combo_row (rule, _("Ends"), endings);
  self->until_row = entry_row (rule, _("Last day"), NULL);
  self->count_row = entry_row (rule, _("Number of meetings"), "12");
  gtk_box_append (GTK_BOX (box), rule);
  for (int i = 0; i < 7; i++)
    g_free (weekdays[i]);

  g_signal_connect_swapped (self->pattern_row, "notify::selected", G_CALLBACK (sync_rows), self);
  g_signal_connect_swapped (self->ends_row, "notify::selected", G_CALLBACK (sync_rows), self);
  sync_rows (self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 520);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), scroller);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  return GTK_WIDGET (self);
}
