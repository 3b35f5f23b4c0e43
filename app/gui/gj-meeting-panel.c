/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include <stdio.h>
#include <string.h>

#include "gj-ical.h"
#include "gj-meeting-docs.h"
#include "gj-meeting-panel-private.h"
#include "gj-record-form.h"
#include "gj-resources.h"
#include "gj-theme-plan-dialog.h"

struct _GjMeetingPanel
{
  GtkWidget           parent_instance;

  GjStore            *store;
  GjHistory          *history;
  GjMeeting          *meeting;
  /* The series' master when the meeting is one of its occurrences. */
  GjMeeting          *master;
  /* The agenda as it is being edited (GjAgendaItem). */
  GListStore         *agenda;
  gboolean            agenda_dirty;
  /* The street's units (GjUnit) and, for the presenter and responsible
   * unit choices, their names after "—" with the ids alongside. */
  GListStore         *units;
  GtkStringList      *unit_names;
  GArray             *unit_ids;
  GtkStringFilter    *unit_filter;
  /* unit id → GjAttendance */
  GHashTable         *attendance;
  GListModel         *stations;
  gboolean            filling;

  GtkWidget          *main_box;
  GtkButton          *advance_button;
  GtkWidget          *cancel_button;
  AdwPreferencesGroup *details_group;
  GtkListBox         *agenda_list;
  AdwPreferencesGroup *agenda_group;
  GtkLabel           *kind_label;
  GtkLabel           *locked_label;
  GtkTextView        *minutes_view;
  AdwPreferencesGroup *minutes_group;
  GtkWidget          *save_agenda_button;
  GtkWidget          *scroller;
  AdwActionRow       *series_row;
  AdwPreferencesGroup *series_group;
  GtkLabel           *status_label;
  GtkLabel           *title_label;
  GtkLabel           *total_label;
  GtkListBox         *unit_list;
  AdwPreferencesGroup *units_group;
  GtkSearchEntry     *unit_search;

  AdwEntryRow        *title_row;
  AdwEntryRow        *date_row;
  AdwEntryRow        *start_row;
  AdwEntryRow        *end_row;
  AdwEntryRow        *place_row;
  AdwEntryRow        *organizer_row;
  GtkDropDown        *station_drop;
  GtkDropDown        *organizer_drop;
};

enum {
  CHANGED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GjMeetingPanel, gj_meeting_panel, GTK_TYPE_WIDGET)

static void fill (GjMeetingPanel *self);
static void load_agenda (GjMeetingPanel *self);
static void rebind_agenda (GjMeetingPanel *self);

/* Helpers ---------------------------------------------------------------------- */

static gboolean
is_locked (GjMeetingPanel *self)
{
  return self->meeting == NULL || gj_meeting_is_locked (self->meeting);
}

static GjMeetingStatus
status (GjMeetingPanel *self)
{
  return self->meeting != NULL ? gj_meeting_get_status (self->meeting) : GJ_MEETING_STATUS_INVALID;
}

/* Held, minuted or closed: the minutes and attendance are recorded. */
static gboolean
after_meeting (GjMeetingPanel *self)
{
  GjMeetingStatus s = status (self);

  return s == GJ_MEETING_STATUS_HELD || s == GJ_MEETING_STATUS_MINUTED || s == GJ_MEETING_STATUS_CLOSED;
}

static void
toast (GjMeetingPanel *self,
       const char     *text,
       gboolean        with_undo,
       gboolean        error)
{
  gj_record_form_toast (GTK_WIDGET (self), text, with_undo, error);
}

static void
emit_changed (GjMeetingPanel *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWindow *
parent_window (GjMeetingPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* "2025-03-28T14:30:00+08:00" → "2025-03-28" and "14:30". */
static void
split_time (const char *iso,
            char        date[11],
            char        time[6])
{
  date[0] = time[0] = '\0';
  if (iso == NULL || strlen (iso) < 10)
    return;
  memcpy (date, iso, 10);
  date[10] = '\0';
  if (strlen (iso) >= 16 && iso[10] == 'T')
    {
      memcpy (time, iso + 11, 5);
      time[5] = '\0';
    }
}

/* "14:30", "1430", "9:05", "14点30" → minutes after midnight; -1 if none. */
static int
parse_clock (const char *text)
{
  int h = -1, m = 0;

  if (text == NULL)
    return -1;
  while (*text == ' ')
    text++;
  if (sscanf (text, "%d:%d", &h, &m) < 1 && sscanf (text, "%d点%d", &h, &m) < 1)
    return -1;
  if (strchr (text, ':') == NULL && strstr (text, "点") == NULL && h >= 100)
    {
      m = h % 100;
      h = h / 100;
    }
  if (h < 0 || h > 23 || m < 0 || m > 59)
    return -1;
  return h * 60 + m;
}

static char *
compose_time (const char *date,
              int         minutes)
{
  return g_strdup_printf ("%sT%02d:%02d:00+08:00", date, minutes / 60, minutes % 60);
}

static gint64
unit_id_at (GjMeetingPanel *self,
            guint           position)
{
  if (position == GTK_INVALID_LIST_POSITION || position >= self->unit_ids->len)
    return 0;
  return g_array_index (self->unit_ids, gint64, position);
}

static guint
unit_position (GjMeetingPanel *self,
               gint64          id)
{
  for (guint i = 0; i < self->unit_ids->len; i++)
    if (g_array_index (self->unit_ids, gint64, i) == id)
      return i;
  return 0;
}

/* Saving the meeting's own fields ------------------------------------------------ */

static gboolean
save_copy (GjMeetingPanel *self,
           GjMeeting      *copy,
           const char     *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup_printf (_("%s of “%s”"), what, gj_record_get_label (GJ_RECORD (self->meeting)));
  g_autofree char *text = NULL;
  gboolean ok;

  if (self->history != NULL)
    ok = gj_history_update (self->history, GJ_RECORD (copy), label, &error);
  else
    ok = gj_store_update (self->store, GJ_RECORD (copy), &error);
  if (!ok)
    {
      toast (self, error->message, FALSE, TRUE);
      fill (self);
      return FALSE;
    }
  g_set_object (&self->meeting, copy);
  text = g_strdup_printf (_("Changed %s"), label);
  toast (self, text, self->history != NULL, FALSE);
  fill (self);
  emit_changed (self);
  return TRUE;
}

static void
details_applied_cb (AdwEntryRow    *row,
                    GjMeetingPanel *self)
{
  g_autoptr(GjMeeting) copy = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  char date[11], start[6];

  if (self->filling || self->meeting == NULL)
    return;
  copy = GJ_MEETING (gj_record_copy (GJ_RECORD (self->meeting)));
  split_time (gj_record_get_text (GJ_RECORD (self->meeting), "starts_at"), date, start);

  if (row == self->title_row)
    {
      if (*text == '\0')
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          toast (self, _("A meeting needs a theme"), FALSE, TRUE);
          return;
        }
      gj_record_set_text (GJ_RECORD (copy), "title", text);
      save_copy (self, copy, _("Theme"));
    }
  else if (row == self->date_row || row == self->start_row || row == self->end_row)
    {
      g_autofree char *day = gj_date_normalize (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
      int from = parse_clock (gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
      const char *end_text = gtk_editable_get_text (GTK_EDITABLE (self->end_row));
      int to = parse_clock (end_text);
      g_autofree char *starts = NULL;
      g_autofree char *ends = NULL;

      if (day == NULL || from < 0 || (to < 0 && *end_text != '\0') || (to >= 0 && to <= from))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          toast (self, _("Write the day as 2025-03-28 and the times as 14:30; the end comes after the start"),
                 FALSE, TRUE);
          return;
        }
      starts = compose_time (day, from);
      ends = to >= 0 ? compose_time (day, to) : NULL;
      gj_record_set_text (GJ_RECORD (copy), "starts_at", starts);
      gj_record_set_text (GJ_RECORD (copy), "ends_at", ends);
      gj_record_set_bool (GJ_RECORD (copy), "all_day", FALSE);
      save_copy (self, copy, _("Time"));
    }
  else if (row == self->place_row)
    {
      gj_record_set_text (GJ_RECORD (copy), "location", *text != '\0' ? text : NULL);
      /* Typed by hand: no longer one of the stations. */
      gj_record_set_null (GJ_RECORD (copy), "station_id");
      save_copy (self, copy, _("Place"));
    }
  else if (row == self->organizer_row)
    {
      gj_record_set_text (GJ_RECORD (copy), "organizer", *text != '\0' ? text : NULL);
      save_copy (self, copy, _("Convener"));
    }
}

static void
details_changed_cb (GtkEditable    *row,
                    GjMeetingPanel *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
station_picked_cb (GtkDropDown    *drop,
                   GParamSpec     *pspec,
                   GjMeetingPanel *self)
{
  guint selected = gtk_drop_down_get_selected (drop);
  g_autoptr(GjRecord) station = NULL;
  g_autoptr(GjMeeting) copy = NULL;

  if (self->filling || self->meeting == NULL || self->stations == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  station = g_list_model_get_item (self->stations, selected);
  if (station == NULL)
    return;
  copy = GJ_MEETING (gj_record_copy (GJ_RECORD (self->meeting)));
  gj_record_set_text (GJ_RECORD (copy), "location", gj_record_get_text (station, "name"));
  gj_record_set_int (GJ_RECORD (copy), "station_id", gj_record_get_id (station));
  save_copy (self, copy, _("Place"));
}

static void
organizer_picked_cb (GtkDropDown    *drop,
                     GParamSpec     *pspec,
                     GjMeetingPanel *self)
{
  guint selected = gtk_drop_down_get_selected (drop);
  g_autoptr(GjMeeting) copy = NULL;

  if (self->filling || self->meeting == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  copy = GJ_MEETING (gj_record_copy (GJ_RECORD (self->meeting)));
  gj_record_set_text (GJ_RECORD (copy), "organizer", gtk_string_list_get_string (self->unit_names, selected));
  save_copy (self, copy, _("Convener"));
}

static void
save_minutes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->minutes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GjMeeting) copy = NULL;

  if (self->meeting == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, gj_record_get_text (GJ_RECORD (self->meeting), "minutes")) == 0)
    return;
  copy = GJ_MEETING (gj_record_copy (GJ_RECORD (self->meeting)));
  gj_record_set_text (GJ_RECORD (copy), "minutes", *text != '\0' ? text : NULL);
  save_copy (self, copy, _("Minutes"));
}

/* Lifecycle ------------------------------------------------------------------------- */

static void
reload_meeting (GjMeetingPanel *self)
{
  g_autoptr(GjRecord) fresh = NULL;

  if (self->meeting == NULL || self->store == NULL)
    return;
  fresh = gj_store_get (self->store, GJ_TYPE_MEETING, gj_record_get_id (GJ_RECORD (self->meeting)), NULL);
  if (fresh != NULL)
    g_set_object (&self->meeting, GJ_MEETING (fresh));
}

static void
move_to (GjMeetingPanel  *self,
         GjMeetingStatus  to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->meeting == NULL)
    return;
  /* Unsaved agenda edits go first: minutes need the matters stored. */
  if (self->agenda_dirty)
    gtk_widget_activate_action (GTK_WIDGET (self), "meeting.save-agenda", NULL);
  if (!gj_store_meeting_move (self->store, self->meeting, to, NULL, &error))
    {
      toast (self, error->message, FALSE, TRUE);
      reload_meeting (self);
      fill (self);
      return;
    }
  reload_meeting (self);
  /* Translators: %s is the new status, e.g. "Held". */
  text = g_strdup_printf (_("The meeting is now “%s”"), gj_meeting_status_get_title (to));
  toast (self, text, FALSE, FALSE);
  fill (self);
  emit_changed (self);
}

static void
lifecycle_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);

  if (g_str_equal (action_name, "meeting.schedule"))
    move_to (self, GJ_MEETING_STATUS_SCHEDULED);
  else if (g_str_equal (action_name, "meeting.hold"))
    move_to (self, GJ_MEETING_STATUS_HELD);
  else if (g_str_equal (action_name, "meeting.minute"))
    move_to (self, GJ_MEETING_STATUS_MINUTED);
  else if (g_str_equal (action_name, "meeting.close"))
    move_to (self, GJ_MEETING_STATUS_CLOSED);
  else if (g_str_equal (action_name, "meeting.cancel"))
    move_to (self, GJ_MEETING_STATUS_CANCELLED);
}

/* A question with one line of text to answer (the reopen reason, a move's
 * reason). @callback gets the text when the user says yes. */
typedef void (*AnswerFunc) (GjMeetingPanel *self,
                            const char     *answer,
                            gpointer        data);

typedef struct
{
  GjMeetingPanel *self;
  GtkEditable    *entry;
  AnswerFunc      callback;
  gpointer        data;
  GDestroyNotify  destroy;
} Question;

static void
question_free (gpointer data)
{
  Question *question = data;

  if (question->destroy != NULL)
    question->destroy (question->data);
  g_object_unref (question->self);
  g_free (question);
}

static void
question_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Question         *question)
{
  if (g_str_equal (response, "ok"))
    question->callback (question->self, gtk_editable_get_text (question->entry), question->data);
}

static void
question_entry_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  adw_message_dialog_set_response_enabled (dialog, "ok", *stripped != '\0'
                                           || !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "gj-required")));
}

static GtkWidget *
ask (GjMeetingPanel *self,
     const char     *heading,
     const char     *body,
     const char     *entry_title,
     const char     *initial,
     const char     *ok_label,
     gboolean        required,
     GtkWidget      *extra,
     AnswerFunc      callback,
     gpointer        data,
     GDestroyNotify  destroy)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();
  Question *question = g_new0 (Question, 1);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), entry_title);
  gtk_editable_set_text (GTK_EDITABLE (entry), initial != NULL ? initial : "");
  if (extra != NULL)
    gtk_box_append (GTK_BOX (box), extra);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  gtk_box_append (GTK_BOX (box), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "ok", ok_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "gj-required", GINT_TO_POINTER (required));
  question_entry_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (entry, "changed", G_CALLBACK (question_entry_changed_cb), dialog);

  question->self = g_object_ref (self);
  question->entry = GTK_EDITABLE (entry);
  question->callback = callback;
  question->data = data;
  question->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (question_response_cb), question,
                         (GClosureNotify) (void (*) (void)) question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}

gboolean
gj_meeting_panel_reopen (GjMeetingPanel *self,
                         const char     *reason)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GJ_IS_MEETING_PANEL (self), FALSE);

  if (self->meeting == NULL)
    return FALSE;
  if (!gj_store_meeting_reopen (self->store, self->meeting, reason, &error))
    {
      toast (self, error->message, FALSE, TRUE);
      return FALSE;
    }
  reload_meeting (self);
  toast (self, _("Reopened; the reason is in the meeting’s history"), FALSE, FALSE);
  fill (self);
  load_agenda (self);
  emit_changed (self);
  return TRUE;
}

static void
reopen_answered (GjMeetingPanel *self,
                 const char     *answer,
                 gpointer        data)
{
  gj_meeting_panel_reopen (self, answer);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);

  ask (self, _("Reopen the Meeting?"),
       _("A closed meeting is the record of what was decided. Say why it must change; the reason is kept in its history."),
       _("Reason"), NULL, _("_Reopen"), TRUE, NULL, reopen_answered, NULL, NULL);
}

/* Series: moving and cancelling one occurrence ------------------------------------- */

static char *
recurrence_id (GjMeetingPanel *self)
{
  g_autofree char *raw = NULL;

  if (self->master == NULL || self->meeting == NULL)
    return NULL;
  raw = gj_meeting_dup_extra (self->meeting, "recurrence_id");
  if (raw == NULL)
    return NULL;
  return gj_meeting_normalize_recurrence_id (self->master, raw);
}

typedef struct
{
  AdwEntryRow *date_row;
  AdwEntryRow *time_row;
} MoveRows;

static void
move_answered (GjMeetingPanel *self,
               const char     *reason,
               gpointer        data)
{
  MoveRows *rows = data;
  g_autofree char *day = gj_date_normalize (gtk_editable_get_text (GTK_EDITABLE (rows->date_row)));
  int minutes = parse_clock (gtk_editable_get_text (GTK_EDITABLE (rows->time_row)));
  g_autofree char *rid = recurrence_id (self);
  g_autofree char *starts = NULL;
  g_autoptr(GjMeeting) moved = NULL;
  g_autoptr(GError) error = NULL;

  if (day == NULL || minutes < 0)
    {
      toast (self, _("Write the day as 2025-03-28 and the time as 14:30"), FALSE, TRUE);
      return;
    }
  starts = compose_time (day, minutes);
  moved = gj_store_occurrence_move (self->store, self->master, rid, starts, NULL,
                                    *reason != '\0' ? reason : NULL, &error);
  if (moved == NULL)
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }
  g_set_object (&self->meeting, moved);
  toast (self, _("Moved this occurrence; the rest of the series stays"), FALSE, FALSE);
  fill (self);
  emit_changed (self);
}

static void
move_occurrence_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);
  GtkWidget *list = gtk_list_box_new ();
  MoveRows *rows = g_new0 (MoveRows, 1);
  char date[11], start[6];

  split_time (gj_record_get_text (GJ_RECORD (self->meeting), "starts_at"), date, start);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  rows->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->date_row), _("New day"));
  gtk_editable_set_text (GTK_EDITABLE (rows->date_row), date);
  rows->time_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->time_row), _("Starts at"));
  gtk_editable_set_text (GTK_EDITABLE (rows->time_row), start);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (rows->date_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (rows->time_row));

  ask (self, _("Move This Occurrence"),
       _("Only this meeting moves (out of a holiday week, say); the series keeps its rule."),
       _("Reason (optional)"), NULL, _("_Move"), FALSE, list, move_answered, rows, g_free);
}

static void
cancel_answered (GjMeetingPanel *self,
                 const char     *reason,
                 gpointer        data)
{
  g_autofree char *rid = recurrence_id (self);
  g_autoptr(GjMeeting) cancelled = NULL;
  g_autoptr(GError) error = NULL;

  cancelled = gj_store_occurrence_cancel (self->store, self->master, rid, *reason != '\0' ? reason : NULL, &error);
  if (cancelled == NULL)
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }
  g_set_object (&self->meeting, cancelled);
  toast (self, _("Cancelled this occurrence; the calendar shows it crossed out"), FALSE, FALSE);
  fill (self);
  emit_changed (self);
}

static void
cancel_occurrence_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);

  ask (self, _("Cancel This Occurrence?"), _("The other meetings of the series stay as they are."),
       _("Reason (optional)"), NULL, _("Cancel _Occurrence"), FALSE, NULL, cancel_answered, NULL, NULL);
}

static void
theme_plan_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);
  GjMeeting *master = self->master != NULL ? self->master : self->meeting;
  g_autofree char *date = gj_meeting_dup_start_date (self->meeting);
  int year = date != NULL ? atoi (date) : 0;
  GtkWidget *dialog;

  if (year <= 0)
    {
      g_autoptr(GDate) today = gj_today ();

      year = g_date_get_year (today);
    }
  dialog = gj_theme_plan_dialog_new (parent_window (self), self->store, master, year);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Documents --------------------------------------------------------------------------- */

typedef struct
{
  GjMeetingPanel  *self;
  GjMeetingDocKind kind;
  GjIcalScope      scope;
  gboolean         ics;
} SaveRequest;

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  SaveRequest     *request)
{
  GjMeetingPanel *self = request->self;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT && self->meeting != NULL
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      if (request->ics)
        {
          guint n = 0;
          gint64 id = gj_record_get_id (GJ_RECORD (self->meeting));

          ok = gj_ical_export_scope (self->store, path, request->scope, id, NULL, NULL, &n, &error);
        }
      else
        ok = gj_meeting_doc_write (self->store, self->meeting, request->kind, path, &error);

      if (ok)
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

          toast (self, text, FALSE, FALSE);
        }
      else
        toast (self, error->message, FALSE, TRUE);
    }
  g_object_unref (request->self);
  g_free (request);
  g_object_unref (chooser);
}

static void
save_file (GjMeetingPanel  *self,
           const char      *title,
           const char      *name,
           const char      *pattern,
           const char      *filter_name,
           SaveRequest     *request)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  request->self = g_object_ref (self);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* "2025-03-28 联席会议" as a file name, without characters file systems refuse. */
static char *
file_name (GjMeetingPanel *self,
           const char     *what,
           const char     *extension)
{
  g_autofree char *date = gj_meeting_dup_start_date (self->meeting);
  g_autofree char *name = g_strdup_printf ("%s %s %s%s", date != NULL ? date : "",
                                           gj_record_get_label (GJ_RECORD (self->meeting)), what, extension);

  return g_strdelimit (g_strstrip (name), "/\\:*?\"<>|", '_');
}

static void
document_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);
  SaveRequest *request = g_new0 (SaveRequest, 1);
  g_autofree char *name = NULL;

  if (g_str_equal (action_name, "meeting.notice-pdf"))
    {
      request->kind = GJ_MEETING_DOC_NOTICE;
      name = file_name (self, _("Notice"), ".pdf");
      save_file (self, _("Save the Meeting Notice"), name, "*.pdf", _("PDF documents"), request);
    }
  else
    {
      request->kind = GJ_MEETING_DOC_MINUTES;
      name = file_name (self, _("Minutes"), ".pdf");
      save_file (self, _("Save the Meeting Minutes"), name, "*.pdf", _("PDF documents"), request);
    }
}

static void
export_ics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);
  SaveRequest *request = g_new0 (SaveRequest, 1);
  gboolean series = g_str_equal (g_variant_get_string (parameter, NULL), "series");
  g_autofree char *name = file_name (self, "", ".ics");

  request->ics = TRUE;
  request->scope = series ? GJ_ICAL_SCOPE_SERIES : GJ_ICAL_SCOPE_MEETING;
  save_file (self, series ? _("Export the Series") : _("Export the Meeting"), name, "*.ics",
             _("iCalendar files"), request);
}

/* Printing: the very pages of the PDF, laid out for the paper chosen in
 * the dialog (the whole sheet: the document has its own margins). */
typedef struct
{
  GjStore            *store;
  GjMeeting          *meeting;
  GjMeetingDocLayout *layout;
  GError             *error;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->meeting);
  g_clear_pointer (&job->layout, gj_meeting_doc_layout_free);
  g_clear_error (&job->error);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  /* Measured in the context it is drawn with; the operation's unit is points. */
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);

  g_clear_pointer (&job->layout, gj_meeting_doc_layout_free);
  g_clear_error (&job->error);
  job->layout = gj_meeting_doc_layout_new (job->store, job->meeting, GJ_MEETING_DOC_AUTO,
                                           gtk_print_context_get_width (context),
                                           gtk_print_context_get_height (context),
                                           pango_context, &job->error);
  g_object_unref (pango_context);
  if (job->layout == NULL)
    {
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, gj_meeting_doc_layout_get_n_pages (job->layout));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  if (job->layout == NULL || page < 0 || (guint) page >= gj_meeting_doc_layout_get_n_pages (job->layout))
    return;
  gj_meeting_doc_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context), page);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  PrintJob *job;

  if (self->meeting == NULL)
    return;
  operation = gtk_print_operation_new ();
  job = g_new0 (PrintJob, 1);
  job->store = g_object_ref (self->store);
  job->meeting = g_object_ref (self->meeting);
  gtk_print_operation_set_job_name (operation, gj_record_get_label (GJ_RECORD (self->meeting)));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "gj-job", job, (GDestroyNotify) print_job_free);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent_window (self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (self, error->message, FALSE, TRUE);
  else if (job->error != NULL)
    toast (self, job->error->message, FALSE, TRUE);
}

/* Agenda -------------------------------------------------------------------------------- */

static void
update_total (GjMeetingPanel *self)
{
  guint total = 0;
  g_autofree char *warning = NULL;
  g_autofree char *text = NULL;
  gboolean fits;

  if (self->meeting == NULL)
    return;
  fits = gj_agenda_check_length (G_LIST_MODEL (self->agenda), self->meeting, &total, &warning);
  if (fits)
    {
      text = g_strdup_printf (ngettext ("%u item, %u minutes in all", "%u items, %u minutes in all",
                                        g_list_model_get_n_items (G_LIST_MODEL (self->agenda))),
                              g_list_model_get_n_items (G_LIST_MODEL (self->agenda)), total);
      gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "dim-label");
    }
  else
    {
      text = g_strdup (warning);
      gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "dim-label");
    }
  if (self->agenda_dirty)
    {
      g_autofree char *more = g_strdup_printf ("%s — %s", text, _("not saved yet"));

      g_free (text);
      text = g_steal_pointer (&more);
    }
  gtk_label_set_label (self->total_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.save-agenda", self->agenda_dirty && !is_locked (self));
}

static void
set_dirty (GjMeetingPanel *self)
{
  self->agenda_dirty = TRUE;
  update_total (self);
}

static void
load_agenda (GjMeetingPanel *self)
{
  g_autoptr(GListModel) items = NULL;
  guint n;

  g_list_store_remove_all (self->agenda);
  self->agenda_dirty = FALSE;
  if (self->meeting != NULL && self->store != NULL)
    items = gj_store_list_agenda (self->store, self->meeting, NULL);
  n = items != NULL ? g_list_model_get_n_items (items) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) item = g_list_model_get_item (items, i);

      g_list_store_append (self->agenda, item);
    }
  rebind_agenda (self);
  update_total (self);
}

void
gj_meeting_panel_move_item (GjMeetingPanel *self,
                            guint           from,
                            guint           to)
{
  g_autoptr(GjAgendaItem) item = NULL;
  guint n;
  GtkListBoxRow *row;

  g_return_if_fail (GJ_IS_MEETING_PANEL (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));
  if (is_locked (self) || from >= n || to >= n || from == to)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->agenda), from);
  g_list_store_remove (self->agenda, from);
  g_list_store_insert (self->agenda, to, item);
  self->agenda_dirty = TRUE;
  rebind_agenda (self);
  update_total (self);
  /* The keyboard stays with the item it moved. */
  row = gtk_list_box_get_row_at_index (self->agenda_list, to);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static guint
item_position (GjMeetingPanel *self,
               GjAgendaItem   *item)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (!g_list_store_find (self->agenda, item, &position))
    return GTK_INVALID_LIST_POSITION;
  return position;
}

static gboolean
row_move_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (gtk_widget_get_ancestor (widget, GJ_TYPE_MEETING_PANEL));
  GjAgendaItem *item = g_object_get_data (G_OBJECT (widget), "gj-item");
  int delta = g_variant_get_int32 (args);
  guint position = item_position (self, item);

  if (position == GTK_INVALID_LIST_POSITION || ((int) position + delta) < 0)
    return TRUE;
  gj_meeting_panel_move_item (self, position, position + delta);
  return TRUE;
}

static void
item_button_clicked_cb (GtkButton      *button,
                        GjMeetingPanel *self)
{
  GjAgendaItem *item = g_object_get_data (G_OBJECT (button), "gj-item");
  const char *what = g_object_get_data (G_OBJECT (button), "gj-what");
  guint position = item_position (self, item);

  if (position == GTK_INVALID_LIST_POSITION || is_locked (self))
    return;
  if (g_str_equal (what, "up") && position > 0)
    gj_meeting_panel_move_item (self, position, position - 1);
  else if (g_str_equal (what, "down"))
    gj_meeting_panel_move_item (self, position, position + 1);
  else if (g_str_equal (what, "remove"))
    {
      g_list_store_remove (self->agenda, position);
      self->agenda_dirty = TRUE;
      rebind_agenda (self);
      update_total (self);
    }
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GjMeetingPanel *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GjAgendaItem *item = g_object_get_data (G_OBJECT (row), "gj-item");
  guint position = item_position (self, item);

  if (position == GTK_INVALID_LIST_POSITION || is_locked (self))
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_UINT, position);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         GjMeetingPanel *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GjAgendaItem *item = g_object_get_data (G_OBJECT (row), "gj-item");
  guint to = item_position (self, item);

  if (!G_VALUE_HOLDS_UINT (value) || to == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gj_meeting_panel_move_item (self, g_value_get_uint (value), to);
  return TRUE;
}

/* What an item is about: its source and the record it links to. */
static char *
item_subtitle (GjMeetingPanel *self,
               GjAgendaItem   *item)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *presenter = gj_record_get_text (GJ_RECORD (item), "presenter_unit_name");
  gint64 presenter_id = gj_record_get_int (GJ_RECORD (item), "presenter_unit_id");
  gint64 minutes = gj_record_get_int (GJ_RECORD (item), "minutes_planned");

  /* A drafted item names its unit by id only. */
  if ((presenter == NULL || *presenter == '\0') && presenter_id != 0)
    presenter = gtk_string_list_get_string (self->unit_names, unit_position (self, presenter_id));
  if (presenter != NULL && *presenter != '\0' && presenter_id != 0)
    g_string_append (text, presenter);
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append_printf (text, ngettext ("%u minute", "%u minutes", (gulong) (minutes > 0 ? minutes : GJ_AGENDA_DEFAULT_MINUTES)),
                          (guint) (minutes > 0 ? minutes : GJ_AGENDA_DEFAULT_MINUTES));
  if (gj_agenda_item_get_source (item) != GJ_AGENDA_SOURCE_MANUAL)
    g_string_append_printf (text, " · %s", gj_agenda_source_get_title (gj_agenda_item_get_source (item)));
  if (gj_agenda_item_get_outcome (item) != GJ_AGENDA_OUTCOME_OPEN)
    g_string_append_printf (text, " · %s", gj_agenda_outcome_get_title (gj_agenda_item_get_outcome (item)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
refresh_item_row (GjMeetingPanel *self,
                  GtkWidget      *row,
                  GjAgendaItem   *item)
{
  g_autofree char *subtitle = item_subtitle (self, item);
  g_autofree char *title = g_strdup_printf ("%u. %s", item_position (self, item) + 1,
                                            gj_record_get_text (GJ_RECORD (item), "title"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

/* Saves a matter's minutes (discussion, decision …) at once, when it is
 * stored; a new item keeps them until the agenda is saved. */
static void
save_item_minutes (GjMeetingPanel *self,
                   GjAgendaItem   *item)
{
  g_autoptr(GError) error = NULL;

  if (gj_record_get_id (GJ_RECORD (item)) == 0)
    {
      set_dirty (self);
      return;
    }
  if (!gj_store_agenda_item_save (self->store, item, &error))
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }
  toast (self, _("Saved the matter’s minutes"), FALSE, FALSE);
}

static void
item_entry_applied_cb (AdwEntryRow    *entry,
                       GjMeetingPanel *self)
{
  GjAgendaItem *item = g_object_get_data (G_OBJECT (entry), "gj-item");
  GtkWidget *row = g_object_get_data (G_OBJECT (entry), "gj-row");
  const char *field = g_object_get_data (G_OBJECT (entry), "gj-field");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean minutes_field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "gj-minutes"));

  if (self->filling || is_locked (self))
    return;
  if (g_str_equal (field, "minutes_planned"))
    {
      guint64 value = 0;

      if (*text != '\0' && (!g_ascii_string_to_unsigned (text, 10, 1, 600, &value, NULL)))
        {
          gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
          return;
        }
      if (value == 0)
        gj_record_set_null (GJ_RECORD (item), field);
      else
        gj_record_set_int (GJ_RECORD (item), field, (gint64) value);
    }
  else if (g_str_equal (field, "deadline"))
    {
      g_autofree char *date = gj_date_normalize (text);

      if (*text != '\0' && date == NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
          return;
        }
      gj_record_set_text (GJ_RECORD (item), field, date);
    }
  else if (g_str_equal (field, "title") && *text == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return;
    }
  else
    gj_record_set_text (GJ_RECORD (item), field, *text != '\0' ? text : NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (minutes_field)
    save_item_minutes (self, item);
  else
    set_dirty (self);
  refresh_item_row (self, row, item);
}

static void
item_unit_selected_cb (AdwComboRow    *combo,
                       GParamSpec     *pspec,
                       GjMeetingPanel *self)
{
  GjAgendaItem *item = g_object_get_data (G_OBJECT (combo), "gj-item");
  GtkWidget *row = g_object_get_data (G_OBJECT (combo), "gj-row");
  const char *field = g_object_get_data (G_OBJECT (combo), "gj-field");
  gint64 id = unit_id_at (self, adw_combo_row_get_selected (combo));

  if (self->filling || is_locked (self))
    return;
  if (id == 0)
    gj_record_set_null (GJ_RECORD (item), field);
  else
    gj_record_set_int (GJ_RECORD (item), field, id);
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (combo), "gj-minutes")))
    save_item_minutes (self, item);
  else
    set_dirty (self);
  refresh_item_row (self, row, item);
}

static void
item_outcome_selected_cb (AdwComboRow    *combo,
                          GParamSpec     *pspec,
                          GjMeetingPanel *self)
{
  GjAgendaItem *item = g_object_get_data (G_OBJECT (combo), "gj-item");
  GtkWidget *row = g_object_get_data (G_OBJECT (combo), "gj-row");

  if (self->filling || is_locked (self))
    return;
  gj_record_set_text (GJ_RECORD (item), "outcome",
                      gj_agenda_outcome_to_string ((GjAgendaOutcome) adw_combo_row_get_selected (combo)));
  save_item_minutes (self, item);
  refresh_item_row (self, row, item);
}

static void
item_publish_cb (GtkSwitch      *toggle,
                 GParamSpec     *pspec,
                 GjMeetingPanel *self)
{
  GjAgendaItem *item = g_object_get_data (G_OBJECT (toggle), "gj-item");

  if (self->filling || is_locked (self))
    return;
  gj_record_set_bool (GJ_RECORD (item), "publish", gtk_switch_get_active (toggle));
  save_item_minutes (self, item);
}

/* Follow-ups: to the problem wall, or to the next meeting ------------------------------- */

typedef struct
{
  GjAgendaItem *item;
  GjProblem    *problem;
  AdwEntryRow  *title_row;
  AdwEntryRow  *measures_row;
  AdwEntryRow  *deadline_row;
} ProblemRows;

static void
problem_rows_free (ProblemRows *rows)
{
  g_clear_object (&rows->item);
  g_clear_object (&rows->problem);
  g_free (rows);
}

static void
problem_answered (GjMeetingPanel *self,
                  const char     *description,
                  gpointer        data)
{
  ProblemRows *rows = data;
  g_autoptr(GjProblem) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deadline = gj_date_normalize (gtk_editable_get_text (GTK_EDITABLE (rows->deadline_row)));
  const char *measures = gtk_editable_get_text (GTK_EDITABLE (rows->measures_row));
  g_autofree char *text = NULL;

  gj_record_set_text (GJ_RECORD (rows->problem), "title", gtk_editable_get_text (GTK_EDITABLE (rows->title_row)));
  gj_record_set_text (GJ_RECORD (rows->problem), "description", *description != '\0' ? description : NULL);
  gj_record_set_text (GJ_RECORD (rows->problem), "measures", *measures != '\0' ? measures : NULL);
  gj_record_set_text (GJ_RECORD (rows->problem), "deadline", deadline);
  saved = gj_store_followup_to_problem (self->store, rows->item, rows->problem, &error);
  if (saved == NULL)
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }
  text = g_strdup_printf (_("“%s” is on the problem wall"), gj_record_get_label (GJ_RECORD (saved)));
  toast (self, text, FALSE, FALSE);
  load_agenda (self);
  emit_changed (self);
}

static void
create_problem_clicked_cb (GtkButton      *button,
                           GjMeetingPanel *self)
{
  GjAgendaItem *item = g_object_get_data (G_OBJECT (button), "gj-item");
  g_autoptr(GError) error = NULL;
  g_autoptr(GjProblem) problem = NULL;
  ProblemRows *rows;
  GtkWidget *list;
  GtkWidget *unit_row;
  const char *unit;

  if (self->agenda_dirty)
    {
      toast (self, _("Save the agenda first"), FALSE, TRUE);
      return;
    }
  problem = gj_store_followup_prefill (self->store, item, &error);
  if (problem == NULL)
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }

  rows = g_new0 (ProblemRows, 1);
  rows->item = g_object_ref (item);
  rows->problem = g_object_ref (problem);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  rows->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->title_row), _("Problem"));
  gtk_editable_set_text (GTK_EDITABLE (rows->title_row), gj_record_get_text (GJ_RECORD (problem), "title"));
  unit_row = adw_action_row_new ();
  gtk_widget_add_css_class (unit_row, "property");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (unit_row), _("Responsible unit"));
  unit = gj_record_get_text (GJ_RECORD (problem), "lead_unit_name");
  if ((unit == NULL || *unit == '\0') && !gj_record_is_null (GJ_RECORD (problem), "lead_unit_id"))
    unit = gtk_string_list_get_string (self->unit_names,
                                       unit_position (self, gj_record_get_int (GJ_RECORD (problem), "lead_unit_id")));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (unit_row), unit != NULL && *unit != '\0' ? unit : "—");
  rows->measures_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->measures_row), _("Measures"));
  gtk_editable_set_text (GTK_EDITABLE (rows->measures_row),
                         gj_record_get_text (GJ_RECORD (problem), "measures") != NULL
                         ? gj_record_get_text (GJ_RECORD (problem), "measures") : "");
  rows->deadline_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->deadline_row), _("Deadline"));
  gtk_editable_set_text (GTK_EDITABLE (rows->deadline_row),
                         gj_record_get_text (GJ_RECORD (problem), "deadline") != NULL
                         ? gj_record_get_text (GJ_RECORD (problem), "deadline") : "");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (rows->title_row));
  gtk_list_box_append (GTK_LIST_BOX (list), unit_row);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (rows->measures_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (rows->deadline_row));

  ask (self, _("Put the Follow-up on the Problem Wall"),
       _("The responsible unit, measures and deadline come from the decision; change what needs changing."),
       _("Description"), gj_record_get_text (GJ_RECORD (problem), "description"), _("Create _Problem"), FALSE,
       list, problem_answered, rows, (GDestroyNotify) problem_rows_free);
}

static void
carry_over_clicked_cb (GtkButton      *button,
                       GjMeetingPanel *self)
{
  GjAgendaItem *item = g_object_get_data (G_OBJECT (button), "gj-item");
  g_autoptr(GjAgendaItem) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (self->agenda_dirty)
    {
      toast (self, _("Save the agenda first"), FALSE, TRUE);
      return;
    }
  copy = gj_store_agenda_item_carry_over (self->store, item, NULL, &error);
  if (copy == NULL)
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }
  toast (self, _("Moved to the next meeting’s agenda"), FALSE, FALSE);
  load_agenda (self);
  emit_changed (self);
}

/* Agenda rows ------------------------------------------------------------------------------ */

static GtkWidget *
item_entry (GjMeetingPanel *self,
            GtkWidget      *row,
            GjAgendaItem   *item,
            const char     *field,
            const char     *title,
            gboolean        minutes_field)
{
  GtkWidget *entry = adw_entry_row_new ();
  g_autofree char *value = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  if (g_str_equal (field, "minutes_planned"))
    {
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (entry), GTK_INPUT_PURPOSE_DIGITS);
      if (!gj_record_is_null (GJ_RECORD (item), field))
        value = g_strdup_printf ("%" G_GINT64_FORMAT, gj_record_get_int (GJ_RECORD (item), field));
    }
  else
    value = g_strdup (gj_record_get_text (GJ_RECORD (item), field));
  gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  gtk_editable_set_editable (GTK_EDITABLE (entry), !is_locked (self));
  g_object_set_data (G_OBJECT (entry), "gj-item", item);
  g_object_set_data (G_OBJECT (entry), "gj-row", row);
  g_object_set_data (G_OBJECT (entry), "gj-field", (gpointer) field);
  g_object_set_data (G_OBJECT (entry), "gj-minutes", GINT_TO_POINTER (minutes_field));
  g_signal_connect (entry, "apply", G_CALLBACK (item_entry_applied_cb), self);
  g_signal_connect (entry, "changed", G_CALLBACK (details_changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
  return entry;
}

static GtkWidget *
item_unit_combo (GjMeetingPanel *self,
                 GtkWidget      *row,
                 GjAgendaItem   *item,
                 const char     *field,
                 const char     *title,
                 gboolean        minutes_field)
{
  GtkWidget *combo = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (self->unit_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), unit_position (self, gj_record_get_int (GJ_RECORD (item), field)));
  gtk_widget_set_sensitive (combo, !is_locked (self));
  g_object_set_data (G_OBJECT (combo), "gj-item", item);
  g_object_set_data (G_OBJECT (combo), "gj-row", row);
  g_object_set_data (G_OBJECT (combo), "gj-field", (gpointer) field);
  g_object_set_data (G_OBJECT (combo), "gj-minutes", GINT_TO_POINTER (minutes_field));
  g_signal_connect (combo, "notify::selected", G_CALLBACK (item_unit_selected_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo);
  return combo;
}

static GtkWidget *
small_button (const char *icon,
              const char *tooltip,
              GjAgendaItem *item,
              const char *what,
              GjMeetingPanel *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "gj-item", item);
  g_object_set_data (G_OBJECT (button), "gj-what", (gpointer) what);
  g_signal_connect (button, "clicked", G_CALLBACK (item_button_clicked_cb), self);
  return button;
}

static GtkWidget *
create_agenda_row (gpointer data,
                   gpointer user_data)
{
  GjAgendaItem *item = data;
  GjMeetingPanel *self = user_data;
  GtkWidget *row = adw_expander_row_new ();
  gboolean locked = is_locked (self);
  GtkEventController *shortcuts;
  GtkDragSource *drag;
  GtkDropTarget *drop;

  self->filling = TRUE;
  g_object_set_data (G_OBJECT (row), "gj-item", item);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  refresh_item_row (self, row, item);
  if (gj_agenda_item_get_source (item) != GJ_AGENDA_SOURCE_MANUAL && gj_record_get_id (GJ_RECORD (item)) == 0)
    gtk_widget_add_css_class (row, "proposed");

  if (!locked)
    {
      GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");

      gtk_widget_add_css_class (handle, "dim-label");
      gtk_widget_set_tooltip_text (handle, _("Drag to reorder, or Alt+↑ / Alt+↓"));
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), handle);
      /* Actions go in front of the ones added before: last first. */
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   small_button ("user-trash-symbolic", _("Take off the agenda"), item, "remove", self));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   small_button ("go-down-symbolic", _("Later (Alt+↓)"), item, "down", self));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   small_button ("go-up-symbolic", _("Earlier (Alt+↑)"), item, "up", self));

      shortcuts = gtk_shortcut_controller_new ();
      gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                                             gtk_callback_action_new (row_move_cb, NULL, NULL),
                                                                             "i", -1));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                                             gtk_callback_action_new (row_move_cb, NULL, NULL),
                                                                             "i", 1));
      gtk_widget_add_controller (row, shortcuts);

      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), self);
      g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), NULL);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
      drop = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
      g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
    }

  item_entry (self, row, item, "title", _("Title"), FALSE);
  item_unit_combo (self, row, item, "presenter_unit_id", _("Presenting unit"), FALSE);
  item_entry (self, row, item, "minutes_planned", _("Minutes planned"), FALSE);

  if (after_meeting (self))
    {
      GtkWidget *publish_row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      GtkWidget *outcome = adw_combo_row_new ();
      GtkStringList *outcomes = gtk_string_list_new (NULL);
      GtkWidget *buttons_row, *box, *button;

      item_entry (self, row, item, "discussion", _("Discussion"), TRUE);
      item_entry (self, row, item, "decision", _("Decision"), TRUE);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (publish_row), _("Publish the result (一公开)"));
      gtk_switch_set_active (GTK_SWITCH (toggle), gj_record_get_bool (GJ_RECORD (item), "publish"));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (toggle, !locked);
      g_object_set_data (G_OBJECT (toggle), "gj-item", item);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (item_publish_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (publish_row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (publish_row), toggle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), publish_row);

      item_unit_combo (self, row, item, "responsible_unit_id", _("Follow-up: responsible unit"), TRUE);
      item_entry (self, row, item, "measures", _("Follow-up: measures"), TRUE);
      item_entry (self, row, item, "deadline", _("Follow-up: deadline"), TRUE);

      for (int i = GJ_AGENDA_OUTCOME_OPEN; i <= GJ_AGENDA_OUTCOME_CARRIED; i++)
        gtk_string_list_append (outcomes, gj_agenda_outcome_get_title ((GjAgendaOutcome) i));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (outcome), _("Outcome"));
      adw_combo_row_set_model (ADW_COMBO_ROW (outcome), G_LIST_MODEL (outcomes));
      g_object_unref (outcomes);
      adw_combo_row_set_selected (ADW_COMBO_ROW (outcome), gj_agenda_item_get_outcome (item));
      gtk_widget_set_sensitive (outcome, !locked);
      g_object_set_data (G_OBJECT (outcome), "gj-item", item);
      g_object_set_data (G_OBJECT (outcome), "gj-row", row);
      g_signal_connect (outcome, "notify::selected", G_CALLBACK (item_outcome_selected_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), outcome);

      if (!locked && gj_record_get_id (GJ_RECORD (item)) != 0)
        {
          buttons_row = gtk_list_box_row_new ();
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (buttons_row), FALSE);
          box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          gtk_widget_set_margin_start (box, 12);
          gtk_widget_set_margin_end (box, 12);
          gtk_widget_set_margin_top (box, 6);
          gtk_widget_set_margin_bottom (box, 6);
          gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
          button = gtk_button_new_with_mnemonic (_("Create _Problem…"));
          gtk_widget_set_sensitive (button, gj_record_is_null (GJ_RECORD (item), "problem_id")
                                            || gj_agenda_item_get_source (item) == GJ_AGENDA_SOURCE_PROBLEM);
          gtk_widget_set_tooltip_text (button, _("Put the follow-up on the problem wall"));
          g_object_set_data (G_OBJECT (button), "gj-item", item);
          g_signal_connect (button, "clicked", G_CALLBACK (create_problem_clicked_cb), self);
          gtk_box_append (GTK_BOX (box), button);
          button = gtk_button_new_with_mnemonic (_("Move to _Next Meeting"));
          gtk_widget_set_tooltip_text (button, _("Unfinished: take it up again next time"));
          gtk_widget_set_sensitive (button, gj_agenda_item_get_outcome (item) != GJ_AGENDA_OUTCOME_CARRIED);
          g_object_set_data (G_OBJECT (button), "gj-item", item);
          g_signal_connect (button, "clicked", G_CALLBACK (carry_over_clicked_cb), self);
          gtk_box_append (GTK_BOX (box), button);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (buttons_row), box);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), buttons_row);
        }
    }
  self->filling = FALSE;
  return row;
}

static void
rebind_agenda (GjMeetingPanel *self)
{
  /* Numbers and the rows' choices follow the order: bind anew. */
  gtk_list_box_bind_model (self->agenda_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->agenda_list, G_LIST_MODEL (self->agenda), create_agenda_row, self, NULL);
}

static void
draft_agenda_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);
  g_autoptr(GListModel) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n, added = 0;

  draft = gj_store_draft_agenda (self->store, self->meeting, NULL, &error);
  if (draft == NULL)
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }
  n = g_list_model_get_n_items (draft);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjAgendaItem) item = g_list_model_get_item (draft, i);
      gboolean there = FALSE;

      /* Proposed earlier and not saved yet: once is enough. */
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (self->agenda)) && !there; j++)
        {
          g_autoptr(GjAgendaItem) other = g_list_model_get_item (G_LIST_MODEL (self->agenda), j);

          there = gj_record_get_id (GJ_RECORD (other)) == 0
                  && gj_agenda_item_get_source (other) == gj_agenda_item_get_source (item)
                  && g_strcmp0 (gj_record_get_text (GJ_RECORD (other), "title"),
                                gj_record_get_text (GJ_RECORD (item), "title")) == 0;
        }
      if (there)
        continue;
      g_list_store_append (self->agenda, item);
      added++;
    }
  if (added == 0)
    {
      toast (self, _("Nothing new to propose: no follow-ups, problems due, agreements or suggested topics"), FALSE,
             FALSE);
      return;
    }
  self->agenda_dirty = TRUE;
  rebind_agenda (self);
  update_total (self);
  text = g_strdup_printf (ngettext ("Proposed %u item; reorder, edit or remove, then save",
                                    "Proposed %u items; reorder, edit or remove, then save", added),
                          added);
  toast (self, text, FALSE, FALSE);
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);
  g_autoptr(GjAgendaItem) item = gj_agenda_item_new ();
  GtkListBoxRow *row;
  guint n;

  gj_record_set_text (GJ_RECORD (item), "title", _("New item"));
  gj_record_set_text (GJ_RECORD (item), "source", gj_agenda_source_to_string (GJ_AGENDA_SOURCE_MANUAL));
  gj_record_set_int (GJ_RECORD (item), "minutes_planned", GJ_AGENDA_DEFAULT_MINUTES);
  g_list_store_append (self->agenda, item);
  self->agenda_dirty = TRUE;
  rebind_agenda (self);
  update_total (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));
  row = gtk_list_box_get_row_at_index (self->agenda_list, n - 1);
  if (row != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
save_agenda_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (!gj_store_save_agenda (self->store, self->meeting, G_LIST_MODEL (self->agenda), &error))
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }
  toast (self, _("Saved the agenda"), FALSE, FALSE);
  load_agenda (self);
  emit_changed (self);
}

/* Member units: invitation and attendance ------------------------------------------------ */

static GjAttendanceStatus
unit_status (GjMeetingPanel *self,
             gint64          unit_id,
             const char    **substitute)
{
  GjAttendance *attendance = g_hash_table_lookup (self->attendance, &unit_id);

  if (substitute != NULL)
    *substitute = attendance != NULL ? gj_record_get_text (GJ_RECORD (attendance), "substitute") : NULL;
  if (attendance == NULL)
    return GJ_ATTENDANCE_INVALID;
  return gj_attendance_get_status (attendance);
}

static void
load_attendance (GjMeetingPanel *self)
{
  g_autoptr(GListModel) list = NULL;
  guint n;

  g_hash_table_remove_all (self->attendance);
  if (self->meeting == NULL || self->store == NULL)
    return;
  list = gj_store_list_attendance (self->store, self->meeting, NULL);
  n = list != NULL ? g_list_model_get_n_items (list) : 0;
  for (guint i = 0; i < n; i++)
    {
      GjAttendance *attendance = g_list_model_get_item (list, i);
      gint64 *key = g_new (gint64, 1);

      *key = gj_record_get_int (GJ_RECORD (attendance), "unit_id");
      g_hash_table_replace (self->attendance, key, attendance);
    }
}

void
gj_meeting_panel_set_unit_invited (GjMeetingPanel *self,
                                   gint64          unit_id,
                                   gboolean        invited)
{
  g_autoptr(GError) error = NULL;
  GjAttendance *attendance;

  g_return_if_fail (GJ_IS_MEETING_PANEL (self));

  if (self->meeting == NULL || is_locked (self))
    return;
  attendance = g_hash_table_lookup (self->attendance, &unit_id);
  if (invited && attendance == NULL)
    {
      if (!gj_store_invite_units (self->store, self->meeting, &unit_id, 1, &error))
        toast (self, error->message, FALSE, TRUE);
    }
  else if (!invited && attendance != NULL)
    {
      /* TODO(data layer): there is no gj_store_uninvite_unit(); the
       * invitation is a record of its own, so it goes to the trash. */
      if (!gj_store_delete (self->store, GJ_RECORD (attendance), NULL, &error))
        toast (self, error->message, FALSE, TRUE);
    }
  load_attendance (self);
}

void
gj_meeting_panel_set_unit_attendance (GjMeetingPanel     *self,
                                      gint64              unit_id,
                                      GjAttendanceStatus  attendance_status,
                                      const char         *substitute)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GJ_IS_MEETING_PANEL (self));

  if (self->meeting == NULL || is_locked (self))
    return;
  if (substitute != NULL && *substitute == '\0')
    substitute = NULL;
  if (!gj_store_set_attendance (self->store, self->meeting, unit_id, attendance_status,
                                attendance_status == GJ_ATTENDANCE_PRESENT ? substitute : NULL, &error))
    toast (self, error->message, FALSE, TRUE);
  load_attendance (self);
}

/* The choices of the attendance menu, in order. */
static const GjAttendanceStatus attendance_choices[] = {
  GJ_ATTENDANCE_INVITED, GJ_ATTENDANCE_PRESENT, GJ_ATTENDANCE_ABSENT, GJ_ATTENDANCE_LEAVE,
};

static void
sync_unit_row (GjMeetingPanel *self,
               GtkWidget      *row)
{
  gint64 unit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "gj-unit-id"));
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "gj-check");
  GtkWidget *drop = g_object_get_data (G_OBJECT (row), "gj-drop");
  GtkWidget *entry = g_object_get_data (G_OBJECT (row), "gj-entry");
  const char *substitute = NULL;
  GjAttendanceStatus s = unit_status (self, unit_id, &substitute);
  gboolean locked = is_locked (self);

  self->filling = TRUE;
  gtk_check_button_set_active (check, s != GJ_ATTENDANCE_INVALID);
  gtk_widget_set_sensitive (GTK_WIDGET (check), !locked);
  gtk_widget_set_visible (drop, s != GJ_ATTENDANCE_INVALID && after_meeting (self));
  gtk_widget_set_sensitive (drop, !locked);
  for (guint i = 0; i < G_N_ELEMENTS (attendance_choices); i++)
    if (attendance_choices[i] == s)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), i);
  gtk_widget_set_visible (entry, s == GJ_ATTENDANCE_PRESENT && after_meeting (self));
  gtk_editable_set_editable (GTK_EDITABLE (entry), !locked);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), substitute != NULL ? substitute : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), substitute != NULL ? substitute : "");
  self->filling = FALSE;
}

static void
unit_check_toggled_cb (GtkCheckButton *check,
                       GjMeetingPanel *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (check), "gj-row");
  gint64 unit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "gj-unit-id"));

  if (self->filling)
    return;
  gj_meeting_panel_set_unit_invited (self, unit_id, gtk_check_button_get_active (check));
  sync_unit_row (self, row);
}

static void
unit_status_selected_cb (GtkDropDown    *drop,
                         GParamSpec     *pspec,
                         GjMeetingPanel *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (drop), "gj-row");
  GtkWidget *entry = g_object_get_data (G_OBJECT (row), "gj-entry");
  gint64 unit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "gj-unit-id"));
  guint selected = gtk_drop_down_get_selected (drop);

  if (self->filling || selected >= G_N_ELEMENTS (attendance_choices))
    return;
  gj_meeting_panel_set_unit_attendance (self, unit_id, attendance_choices[selected],
                                        gtk_editable_get_text (GTK_EDITABLE (entry)));
  sync_unit_row (self, row);
}

static void
unit_substitute_activate_cb (GtkEntry       *entry,
                             GjMeetingPanel *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (entry), "gj-row");
  gint64 unit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "gj-unit-id"));

  if (self->filling)
    return;
  gj_meeting_panel_set_unit_attendance (self, unit_id, GJ_ATTENDANCE_PRESENT,
                                        gtk_editable_get_text (GTK_EDITABLE (entry)));
  toast (self, _("Saved who came instead"), FALSE, FALSE);
  sync_unit_row (self, row);
}

static GtkWidget *
create_unit_row (gpointer data,
                 gpointer user_data)
{
  GjRecord *unit = data;
  GjMeetingPanel *self = user_data;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkStringList *choices = gtk_string_list_new (NULL);
  GtkWidget *drop;
  GtkWidget *entry = gtk_entry_new ();

  for (guint i = 0; i < G_N_ELEMENTS (attendance_choices); i++)
    gtk_string_list_append (choices, gj_attendance_status_get_title (attendance_choices[i]));
  drop = gtk_drop_down_new (G_LIST_MODEL (choices), NULL);
  gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (drop, _("Attendance"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gj_record_get_text (unit, "name"));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Invited"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Substitute"));
  gtk_widget_set_tooltip_text (entry, _("Who came instead of the usual representative (Enter saves)"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop);

  g_object_set_data (G_OBJECT (row), "gj-unit-id", GSIZE_TO_POINTER ((gsize) gj_record_get_id (unit)));
  g_object_set_data (G_OBJECT (row), "gj-check", check);
  g_object_set_data (G_OBJECT (row), "gj-drop", drop);
  g_object_set_data (G_OBJECT (row), "gj-entry", entry);
  g_object_set_data (G_OBJECT (check), "gj-row", row);
  g_object_set_data (G_OBJECT (drop), "gj-row", row);
  g_object_set_data (G_OBJECT (entry), "gj-row", row);
  sync_unit_row (self, row);
  g_signal_connect (check, "toggled", G_CALLBACK (unit_check_toggled_cb), self);
  g_signal_connect (drop, "notify::selected", G_CALLBACK (unit_status_selected_cb), self);
  g_signal_connect (entry, "activate", G_CALLBACK (unit_substitute_activate_cb), self);
  return row;
}

static void
unit_search_changed_cb (GtkSearchEntry *entry,
                        GjMeetingPanel *self)
{
  gtk_string_filter_set_search (self->unit_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* The units and stations of the meeting's street. */
static void
load_street (GjMeetingPanel *self)
{
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GtkStringList) station_names = gtk_string_list_new (NULL);
  g_auto(GValue) value = G_VALUE_INIT;
  gint64 street_id = self->meeting != NULL ? gj_record_get_int (GJ_RECORD (self->meeting), "street_id") : 0;
  guint n;

  g_list_store_remove_all (self->units);
  g_array_set_size (self->unit_ids, 0);
  gtk_string_list_splice (self->unit_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->unit_names)), NULL);
  gtk_string_list_append (self->unit_names, "—");
  g_array_append_val (self->unit_ids, (gint64) { 0 });
  g_clear_object (&self->stations);

  if (self->store == NULL || self->meeting == NULL)
    return;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, street_id);
  if (street_id != 0)
    {
      units = gj_store_list_where (self->store, GJ_TYPE_UNIT, "street_id", &value, NULL);
      self->stations = gj_store_list_where (self->store, GJ_TYPE_STATION, "street_id", &value, NULL);
    }
  n = units != NULL ? g_list_model_get_n_items (units) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) unit = g_list_model_get_item (units, i);
      gint64 id = gj_record_get_id (unit);

      g_list_store_append (self->units, unit);
      gtk_string_list_append (self->unit_names, gj_record_get_text (unit, "name"));
      g_array_append_val (self->unit_ids, id);
    }

  /* Invited units from elsewhere (a district bureau) are listed too. */
  load_attendance (self);
  {
    GHashTableIter iter;
    gpointer key, attendance;

    g_hash_table_iter_init (&iter, self->attendance);
    while (g_hash_table_iter_next (&iter, &key, &attendance))
      {
        gint64 id = *(gint64 *) key;

        if (unit_position (self, id) == 0)
          {
            g_autoptr(GjRecord) unit = gj_store_get (self->store, GJ_TYPE_UNIT, id, NULL);

            if (unit == NULL)
              continue;
            g_list_store_append (self->units, unit);
            gtk_string_list_append (self->unit_names, gj_record_get_text (unit, "name"));
            g_array_append_val (self->unit_ids, id);
          }
      }
  }

  n = self->stations != NULL ? g_list_model_get_n_items (self->stations) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) station = g_list_model_get_item (self->stations, i);

      gtk_string_list_append (station_names, gj_record_get_text (station, "name"));
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->station_drop, G_LIST_MODEL (station_names));
  gtk_drop_down_set_selected (self->station_drop, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_sensitive (GTK_WIDGET (self->station_drop), n > 0);
  gtk_drop_down_set_model (self->organizer_drop, G_LIST_MODEL (self->unit_names));
  gtk_drop_down_set_selected (self->organizer_drop, 0);
  self->filling = FALSE;
}

/* Filling ----------------------------------------------------------------------------- */

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static const char *
advance_action_for (GjMeetingStatus s)
{
  switch (s)
    {
    case GJ_MEETING_STATUS_DRAFT:
    case GJ_MEETING_STATUS_CANCELLED:
      return "meeting.schedule";
    case GJ_MEETING_STATUS_SCHEDULED:
      return "meeting.hold";
    case GJ_MEETING_STATUS_HELD:
      return "meeting.minute";
    case GJ_MEETING_STATUS_MINUTED:
      return "meeting.close";
    case GJ_MEETING_STATUS_CLOSED:
      return "meeting.reopen";
    case GJ_MEETING_STATUS_INVALID:
    default:
      return NULL;
    }
}

static const char *
advance_label_for (GjMeetingStatus s)
{
  switch (s)
    {
    case GJ_MEETING_STATUS_DRAFT:
      return _("_Schedule");
    case GJ_MEETING_STATUS_CANCELLED:
      return _("_Schedule Again");
    case GJ_MEETING_STATUS_SCHEDULED:
      return _("Mark _Held");
    case GJ_MEETING_STATUS_HELD:
      return _("_Minutes Written");
    case GJ_MEETING_STATUS_MINUTED:
      return _("C_lose");
    case GJ_MEETING_STATUS_CLOSED:
      return _("_Reopen…");
    case GJ_MEETING_STATUS_INVALID:
    default:
      return "";
    }
}

static const char * const status_classes[] = {
  "draft", "scheduled", "held", "minuted", "closed", "cancelled",
};

static char *
describe_rule (GjMeeting *master)
{
  g_autofree char *rrule = gj_meeting_dup_extra (master, "rrule");
  GjRecurrence rule;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *weekday = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (rrule == NULL || !gj_recurrence_from_rrule (rrule, &rule))
    return g_strdup (rrule != NULL ? rrule : "");

  /* 2024-01-01 was a Monday. */
  day = g_date_time_new_local (2024, 1, rule.weekday >= G_DATE_MONDAY ? rule.weekday : 1, 0, 0, 0);
  weekday = g_date_time_format (day, "%A");
  switch (rule.kind)
    {
    case GJ_RECURRENCE_MONTHLY_BY_DAY:
      if (rule.interval == 1)
        g_string_printf (text, _("Every month on day %u"), rule.month_day);
      else
        g_string_printf (text, _("Every %u months on day %u"), rule.interval, rule.month_day);
      break;
    case GJ_RECURRENCE_MONTHLY_BY_WEEKDAY:
      if (rule.week < 0 && rule.interval == 1)
        g_string_printf (text, _("Every month on the last %s"), weekday);
      else if (rule.week < 0)
        g_string_printf (text, _("Every %u months on the last %s"), rule.interval, weekday);
      else if (rule.interval == 1)
        g_string_printf (text, _("Every month on %s of week %d"), weekday, rule.week);
      else
        g_string_printf (text, _("Every %u months on %s of week %d"), rule.interval, weekday, rule.week);
      break;
    case GJ_RECURRENCE_WEEKLY:
    default:
      if (rule.interval == 1)
        g_string_printf (text, _("Every week on %s"), weekday);
      else
        g_string_printf (text, _("Every %u weeks on %s"), rule.interval, weekday);
      break;
    }
  if (rule.end == GJ_RECURRENCE_END_COUNT)
    g_string_append_printf (text, ngettext (", %u time", ", %u times", rule.count), rule.count);
  else if (rule.end == GJ_RECURRENCE_END_UNTIL)
    g_string_append_printf (text, _(", until %04u-%02u-%02u"), rule.until_year, rule.until_month, rule.until_day);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill (GjMeetingPanel *self)
{
  GjMeetingStatus s = status (self);
  gboolean locked = is_locked (self);
  const char *advance = advance_action_for (s);
  char date[11], start[6], end_date[11], end[6];
  GtkTextBuffer *buffer;
  const char *minutes;

  if (self->meeting == NULL)
    return;

  self->filling = TRUE;
  gtk_label_set_label (self->title_label, gj_record_get_label (GJ_RECORD (self->meeting)));
  gtk_label_set_label (self->status_label, gj_meeting_status_get_title (s));
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  if (s >= 0 && (guint) s < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_classes[s]);
  gtk_label_set_label (self->kind_label, self->master != NULL ? _("Joint meeting of a series") : _("Joint meeting"));
  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), locked);

  split_time (gj_record_get_text (GJ_RECORD (self->meeting), "starts_at"), date, start);
  split_time (gj_record_get_text (GJ_RECORD (self->meeting), "ends_at"), end_date, end);
  set_entry (self->title_row, gj_record_get_text (GJ_RECORD (self->meeting), "title"));
  set_entry (self->date_row, date);
  set_entry (self->start_row, start);
  set_entry (self->end_row, end);
  set_entry (self->place_row, gj_record_get_text (GJ_RECORD (self->meeting), "location"));
  set_entry (self->organizer_row, gj_record_get_text (GJ_RECORD (self->meeting), "organizer"));
  {
    AdwEntryRow *rows[] = { self->title_row, self->date_row, self->start_row, self->end_row, self->place_row,
                            self->organizer_row };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      gtk_editable_set_editable (GTK_EDITABLE (rows[i]), !locked);
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->station_drop), !locked && self->stations != NULL
                            && g_list_model_get_n_items (self->stations) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->organizer_drop), !locked);

  buffer = gtk_text_view_get_buffer (self->minutes_view);
  minutes = gj_record_get_text (GJ_RECORD (self->meeting), "minutes");
  gtk_text_buffer_set_text (buffer, minutes != NULL ? minutes : "", -1);
  gtk_text_view_set_editable (self->minutes_view, !locked);
  gtk_widget_set_visible (GTK_WIDGET (self->minutes_group), after_meeting (self));

  gtk_widget_set_visible (GTK_WIDGET (self->series_group), self->master != NULL);
  if (self->master != NULL)
    {
      g_autofree char *rule = describe_rule (self->master);

      adw_action_row_set_subtitle (self->series_row, rule);
    }

  gtk_button_set_label (self->advance_button, advance_label_for (s));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->advance_button), advance);
  gtk_widget_set_visible (self->cancel_button, s == GJ_MEETING_STATUS_DRAFT || s == GJ_MEETING_STATUS_SCHEDULED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.schedule",
                                 s == GJ_MEETING_STATUS_DRAFT || s == GJ_MEETING_STATUS_CANCELLED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.hold", s == GJ_MEETING_STATUS_SCHEDULED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.minute", s == GJ_MEETING_STATUS_HELD);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.close", s == GJ_MEETING_STATUS_MINUTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.reopen", s == GJ_MEETING_STATUS_CLOSED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.cancel",
                                 s == GJ_MEETING_STATUS_DRAFT || s == GJ_MEETING_STATUS_SCHEDULED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.draft-agenda", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.add-item", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.save-minutes", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.move-occurrence", self->master != NULL && !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.cancel-occurrence",
                                 self->master != NULL && (s == GJ_MEETING_STATUS_DRAFT || s == GJ_MEETING_STATUS_SCHEDULED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.theme-plan", self->master != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.minutes-pdf", after_meeting (self));
  update_total (self);
  self->filling = FALSE;

  /* The unit rows show attendance once the meeting is held. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->unit_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "gj-unit-id") != NULL)
      sync_unit_row (self, row);
}

/* Back ---------------------------------------------------------------------------------- */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

/* GObject ------------------------------------------------------------------------------- */

static void
gj_meeting_panel_dispose (GObject *object)
{
  GjMeetingPanel *self = GJ_MEETING_PANEL (object);

  if (self->agenda_list != NULL)
    gtk_list_box_bind_model (self->agenda_list, NULL, NULL, NULL, NULL);
  if (self->unit_list != NULL)
    gtk_list_box_bind_model (self->unit_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_MEETING_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_object (&self->meeting);
  g_clear_object (&self->master);
  g_clear_object (&self->agenda);
  g_clear_object (&self->units);
  g_clear_object (&self->unit_names);
  g_clear_object (&self->stations);
  g_clear_pointer (&self->attendance, g_hash_table_unref);
  g_clear_pointer (&self->unit_ids, g_array_unref);

  G_OBJECT_CLASS (gj_meeting_panel_parent_class)->dispose (object);
}

static void
gj_meeting_panel_class_init (GjMeetingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_meeting_panel_dispose;

  /**
   * GjMeetingPanel::changed:
   *
   * The meeting, its agenda or its series was written.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  /**
   * GjMeetingPanel::closed:
   *
   * Back to the calendar (the back button, Escape).
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  /* The templates live in the GUI resource; make sure it is linked in. */
  (void) gj_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-meeting-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, advance_button);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, agenda_group);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, details_group);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, kind_label);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, locked_label);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, main_box);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, minutes_group);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, minutes_view);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, save_agenda_button);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, series_group);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, series_row);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, total_label);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, unit_list);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, unit_search);
  gtk_widget_class_bind_template_child (widget_class, GjMeetingPanel, units_group);

  gtk_widget_class_install_action (widget_class, "meeting.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "meeting.schedule", NULL, lifecycle_action);
  gtk_widget_class_install_action (widget_class, "meeting.hold", NULL, lifecycle_action);
  gtk_widget_class_install_action (widget_class, "meeting.minute", NULL, lifecycle_action);
  gtk_widget_class_install_action (widget_class, "meeting.close", NULL, lifecycle_action);
  gtk_widget_class_install_action (widget_class, "meeting.cancel", NULL, lifecycle_action);
  gtk_widget_class_install_action (widget_class, "meeting.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "meeting.draft-agenda", NULL, draft_agenda_action);
  gtk_widget_class_install_action (widget_class, "meeting.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "meeting.save-agenda", NULL, save_agenda_action);
  gtk_widget_class_install_action (widget_class, "meeting.save-minutes", NULL, save_minutes_action);
  gtk_widget_class_install_action (widget_class, "meeting.move-occurrence", NULL, move_occurrence_action);
  gtk_widget_class_install_action (widget_class, "meeting.cancel-occurrence", NULL, cancel_occurrence_action);
  gtk_widget_class_install_action (widget_class, "meeting.theme-plan", NULL, theme_plan_action);
  gtk_widget_class_install_action (widget_class, "meeting.notice-pdf", NULL, document_action);
  gtk_widget_class_install_action (widget_class, "meeting.minutes-pdf", NULL, document_action);
  gtk_widget_class_install_action (widget_class, "meeting.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "meeting.export-ics", "s", export_ics_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "meeting.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "meeting.save-agenda", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "meeting.print", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "meetingpanel");
}

static void
compact_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 5);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
compact_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* A pick list beside an entry: its button stays small whatever the names'
 * length (a long unit name would widen the whole panel), its list does not. */
static void
make_compact (GtkDropDown *drop)
{
  GtkListItemFactory *button_factory = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (button_factory, "setup", G_CALLBACK (compact_setup_cb), NULL);
  g_signal_connect (button_factory, "bind", G_CALLBACK (compact_bind_cb), NULL);
  gtk_drop_down_set_factory (drop, button_factory);
  g_object_unref (button_factory);
  g_signal_connect (list_factory, "setup", G_CALLBACK (compact_setup_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (compact_bind_cb), NULL);
  gtk_drop_down_set_list_factory (drop, list_factory);
  g_object_unref (list_factory);
}

static AdwEntryRow *
details_row (GjMeetingPanel *self,
             const char     *title,
             GtkInputPurpose purpose)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (row, TRUE);
  adw_entry_row_set_input_purpose (row, purpose);
  g_signal_connect (row, "apply", G_CALLBACK (details_applied_cb), self);
  g_signal_connect (row, "changed", G_CALLBACK (details_changed_cb), self);
  adw_preferences_group_add (self->details_group, GTK_WIDGET (row));
  return row;
}

static void
gj_meeting_panel_init (GjMeetingPanel *self)
{
  GtkExpression *expression;
  g_autoptr(GtkFilterListModel) filtered = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->agenda = g_list_store_new (GJ_TYPE_AGENDA_ITEM);
  self->units = g_list_store_new (GJ_TYPE_UNIT);
  self->unit_names = gtk_string_list_new (NULL);
  self->unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->attendance = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  self->title_row = details_row (self, _("Theme"), GTK_INPUT_PURPOSE_FREE_FORM);
  self->date_row = details_row (self, _("Day"), GTK_INPUT_PURPOSE_FREE_FORM);
  self->start_row = details_row (self, _("Starts at"), GTK_INPUT_PURPOSE_FREE_FORM);
  self->end_row = details_row (self, _("Ends at"), GTK_INPUT_PURPOSE_FREE_FORM);
  self->place_row = details_row (self, _("Place"), GTK_INPUT_PURPOSE_FREE_FORM);
  self->organizer_row = details_row (self, _("Convening unit (rotating chair)"), GTK_INPUT_PURPOSE_FREE_FORM);

  /* Pick a station or a unit instead of typing it. */
  self->station_drop = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->station_drop), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->station_drop), _("A service station of the street"));
  gtk_drop_down_set_enable_search (self->station_drop, TRUE);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->station_drop, expression);
  gtk_expression_unref (expression);
  make_compact (self->station_drop);
  adw_entry_row_add_suffix (self->place_row, GTK_WIDGET (self->station_drop));
  g_signal_connect (self->station_drop, "notify::selected", G_CALLBACK (station_picked_cb), self);

  self->organizer_drop = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->organizer_drop), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->organizer_drop), _("The member unit whose turn it is to chair"));
  gtk_drop_down_set_enable_search (self->organizer_drop, TRUE);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->organizer_drop, expression);
  gtk_expression_unref (expression);
  make_compact (self->organizer_drop);
  adw_entry_row_add_suffix (self->organizer_row, GTK_WIDGET (self->organizer_drop));
  g_signal_connect (self->organizer_drop, "notify::selected", G_CALLBACK (organizer_picked_cb), self);

  expression = gtk_property_expression_new (GJ_TYPE_UNIT, NULL, "name");
  self->unit_filter = gtk_string_filter_new (expression);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->units)), GTK_FILTER (self->unit_filter));
  gtk_list_box_bind_model (self->unit_list, G_LIST_MODEL (filtered), create_unit_row, self, NULL);
  g_signal_connect (self->unit_search, "search-changed", G_CALLBACK (unit_search_changed_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.save-agenda", FALSE);
}

/* Public ---------------------------------------------------------------------------------- */

GtkWidget *
gj_meeting_panel_new (void)
{
  return g_object_new (GJ_TYPE_MEETING_PANEL, NULL);
}

void
gj_meeting_panel_set_store (GjMeetingPanel *self,
                            GjStore        *store)
{
  g_return_if_fail (GJ_IS_MEETING_PANEL (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  gj_meeting_panel_set_meeting (self, NULL);
}

void
gj_meeting_panel_set_history (GjMeetingPanel *self,
                              GjHistory      *history)
{
  g_return_if_fail (GJ_IS_MEETING_PANEL (self));
  g_return_if_fail (history == NULL || GJ_IS_HISTORY (history));

  g_set_object (&self->history, history);
}

void
gj_meeting_panel_set_meeting (GjMeetingPanel *self,
                              GjMeeting      *meeting)
{
  gint64 series_id;

  g_return_if_fail (GJ_IS_MEETING_PANEL (self));
  g_return_if_fail (meeting == NULL || GJ_IS_MEETING (meeting));

  g_set_object (&self->meeting, meeting);
  g_clear_object (&self->master);
  if (meeting != NULL && self->store != NULL)
    {
      series_id = gj_record_get_int (GJ_RECORD (meeting), "series_id");
      if (series_id != 0)
        self->master = GJ_MEETING (gj_store_get (self->store, GJ_TYPE_MEETING, series_id, NULL));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->unit_search), "");
  load_street (self);
  load_agenda (self);
  fill (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

GjMeeting *
gj_meeting_panel_get_meeting (GjMeetingPanel *self)
{
  g_return_val_if_fail (GJ_IS_MEETING_PANEL (self), NULL);
  return self->meeting;
}

void
gj_meeting_panel_reload (GjMeetingPanel *self)
{
  g_return_if_fail (GJ_IS_MEETING_PANEL (self));

  if (self->meeting == NULL)
    return;
  reload_meeting (self);
  if (!self->agenda_dirty)
    load_agenda (self);
  fill (self);
}

/* Private -------------------------------------------------------------------------------- */

gboolean
gj_meeting_panel_is_read_only (GjMeetingPanel *self)
{
  g_return_val_if_fail (GJ_IS_MEETING_PANEL (self), TRUE);
  return is_locked (self) && !gtk_editable_get_editable (GTK_EDITABLE (self->title_row));
}

GListModel *
gj_meeting_panel_get_agenda (GjMeetingPanel *self)
{
  g_return_val_if_fail (GJ_IS_MEETING_PANEL (self), NULL);
  return G_LIST_MODEL (self->agenda);
}

gboolean
gj_meeting_panel_get_agenda_dirty (GjMeetingPanel *self)
{
  g_return_val_if_fail (GJ_IS_MEETING_PANEL (self), FALSE);
  return self->agenda_dirty;
}

GtkWidget *
gj_meeting_panel_get_title_row (GjMeetingPanel *self)
{
  g_return_val_if_fail (GJ_IS_MEETING_PANEL (self), NULL);
  return GTK_WIDGET (self->title_row);
}

const char *
gj_meeting_panel_get_advance_action (GjMeetingPanel *self)
{
  g_return_val_if_fail (GJ_IS_MEETING_PANEL (self), NULL);
  return gtk_actionable_get_action_name (GTK_ACTIONABLE (self->advance_button));
}
