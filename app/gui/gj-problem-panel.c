/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gj-echo-docs.h"
#include "gj-problem-panel.h"
#include "gj-records.h"
#include "gj-store-echo.h"
#include "gj-store-problems.h"

struct _GjProblemPanel
{
  GtkWidget     parent_instance;

  GjStore      *store;
  GjHistory    *history;
  GjRecord     *problem;
  GListModel   *notes;
  GListStore   *cooperating;   /* GjProblemUnit */
  GHashTable   *rows;          /* field name → AdwEntryRow */
  gboolean      filling;
  gboolean      asking;        /* a dialog is open */

  GtkWidget    *scrolled;
  GtkLabel     *title_label;
  GtkLabel     *status_label;
  GtkLabel     *colour_label;
  GtkWidget    *buttons[12];
  GtkListBox   *fields;
  GtkStringList *categories;
  GtkWidget    *origin_group;
  AdwActionRow *origin_row;
  GtkListBox   *units_list;
  AdwEntryRow  *add_unit_row;
  GtkWidget    *echo_group;
  AdwActionRow *echo_row;
  GtkListBox   *timeline;
  GtkWidget    *empty_page;
  GtkWidget    *content;
};

enum {
  CHANGED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GjProblemPanel, gj_problem_panel, GTK_TYPE_WIDGET)

/* The buttons of the next steps, in the order they show. */
enum {
  BTN_ASSIGN,
  BTN_START,
  BTN_RESOLVE,
  BTN_PUBLISH,
  BTN_UNSOLVABLE,
  BTN_ESCALATE,
  BTN_REOPEN,
  BTN_EXTEND,
  BTN_NOTE,
  BTN_POSTER_PRINT,
  BTN_POSTER_PDF,
  BTN_COPY_TEXT,
};

/* The fields typed in the panel, in order. */
static const struct { const char *field; const char *title; } editable[] = {
  { "title", N_("Title") },
  { "description", N_("Description") },
  { "category", N_("Category") },
  { "source", N_("Source") },
  { "grid_code", N_("Grid (code)") },
  { "lead_unit_name", N_("Responsible unit") },
  { "measures", N_("Measures") },
  { "deadline", N_("Deadline") },
};

/* What a category list starts with, before the data adds its own. */
static const char * const default_categories[] = {
  N_("Environment and sanitation"), N_("Parking and traffic"), N_("Safety hazard"), N_("Property management"),
  N_("Elderly and children"), N_("Employment and livelihood"), N_("Public facilities"), NULL,
};

static void
say (GjProblemPanel *self,
     const char     *text,
     gboolean        undoable)
{
  g_signal_emit (self, signals[MESSAGE], 0, text, undoable);
}

static void reload (GjProblemPanel *self);

/* After a write: the stored problem, the timeline, the page. */
static void
written (GjProblemPanel *self)
{
  g_autoptr(GjRecord) fresh = NULL;

  if (self->problem != NULL)
    fresh = gj_store_get (self->store, GJ_TYPE_PROBLEM, gj_record_get_id (self->problem), NULL);
  g_set_object (&self->problem, fresh);
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Single fields --------------------------------------------------------------- */

static gboolean
find_unit (GjProblemPanel  *self,
           const char      *text,
           gint64          *id,
           char           **reason)
{
  g_autoptr(GListModel) found = gj_store_search (self->store, GJ_TYPE_UNIT, text, NULL);
  guint n = found != NULL ? g_list_model_get_n_items (found) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) unit = g_list_model_get_item (found, i);

      if (g_strcmp0 (gj_record_get_text (unit, "name"), text) == 0
          || g_strcmp0 (gj_record_get_text (unit, "credit_code"), text) == 0)
        {
          *id = gj_record_get_id (unit);
          return TRUE;
        }
    }
  if (n == 1)
    {
      g_autoptr(GjRecord) unit = g_list_model_get_item (found, 0);

      *id = gj_record_get_id (unit);
      return TRUE;
    }
  if (n == 0)
    *reason = g_strdup_printf (_("No resident unit is called “%s”."), text);
  else
    *reason = g_strdup_printf (_("%u units match “%s”: type more of the name."), n, text);
  return FALSE;
}

static gboolean
parse_field (GjProblemPanel  *self,
             GjRecord        *copy,
             const char      *field,
             const char      *text,
             char           **reason)
{
  gboolean empty = text == NULL || *text == '\0';

  if (g_str_equal (field, "title"))
    {
      if (empty)
        {
          *reason = g_strdup (_("A problem needs a title."));
          return FALSE;
        }
      gj_record_set_text (copy, "title", text);
    }
  else if (g_str_equal (field, "deadline"))
    {
      g_autofree char *iso = empty ? NULL : gj_date_normalize (text);
      GjProblemStatus status = gj_problem_get_status (copy);

      if (!empty && iso == NULL)
        {
          *reason = g_strdup_printf (_("“%s” is not a date."), text);
          return FALSE;
        }
      /* Once a unit is responsible, the deadline moves only with a reason. */
      if (status != GJ_PROBLEM_REGISTERED && gj_record_get_text (copy, "deadline") != NULL)
        {
          *reason = g_strdup (_("The deadline of an assigned problem changes with “Extend Deadline”, which asks for the reason."));
          return FALSE;
        }
      if (iso == NULL)
        gj_record_set_null (copy, "deadline");
      else
        gj_record_set_text (copy, "deadline", iso);
    }
  else if (g_str_equal (field, "grid_code"))
    {
      g_autoptr(GjRecord) grid = empty ? NULL : gj_store_find_by_code (self->store, GJ_TYPE_GRID, text, NULL);

      if (!empty && grid == NULL)
        {
          *reason = g_strdup_printf (_("No grid has the code “%s”."), text);
          return FALSE;
        }
      if (grid == NULL)
        gj_record_set_null (copy, "grid_id");
      else
        gj_record_set_int (copy, "grid_id", gj_record_get_id (grid));
    }
  else if (g_str_equal (field, "lead_unit_name"))
    {
      gint64 id = 0;

      if (!empty && !find_unit (self, text, &id, reason))
        return FALSE;
      if (id == 0)
        gj_record_set_null (copy, "lead_unit_id");
      else
        gj_record_set_int (copy, "lead_unit_id", id);
    }
  else if (empty)
    gj_record_set_null (copy, field);
  else
    gj_record_set_text (copy, field, text);
  return TRUE;
}

static void
save_field (GjProblemPanel *self,
            const char     *field,
            const char     *text,
            GtkWidget      *row)
{
  g_autoptr(GjRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *label = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const char *title = NULL;

  if (self->problem == NULL || self->history == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (editable); i++)
    if (g_str_equal (editable[i].field, field))
      title = _(editable[i].title);

  copy = gj_record_copy (self->problem);
  if (!parse_field (self, copy, field, stripped, &reason))
    {
      gtk_widget_add_css_class (row, "error");
      say (self, reason, FALSE);
      return;
    }
  label = g_strdup_printf (_("%s of “%s”"), title, gj_record_get_label (self->problem));
  if (!gj_history_update (self->history, copy, label, &error))
    {
      gtk_widget_add_css_class (row, "error");
      say (self, error->message, FALSE);
      return;
    }
  gtk_widget_remove_css_class (row, "error");
  toast = g_strdup_printf (_("Changed %s"), label);
  say (self, toast, TRUE);
  written (self);
}

static void
entry_applied_cb (AdwEntryRow    *row,
                  GjProblemPanel *self)
{
  if (!self->filling)
    save_field (self, g_object_get_data (G_OBJECT (row), "gj-field"), gtk_editable_get_text (GTK_EDITABLE (row)),
                GTK_WIDGET (row));
}

static void
category_chosen_cb (GtkListBox     *list,
                    GtkListBoxRow  *row,
                    GjProblemPanel *self)
{
  GtkWidget *entry = g_hash_table_lookup (self->rows, "category");
  const char *text = gtk_string_list_get_string (self->categories, gtk_list_box_row_get_index (row));

  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER)));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  save_field (self, "category", text, entry);
}

static GtkWidget *
category_row_cb (gpointer item,
                 gpointer user_data)
{
  GtkWidget *label = gtk_label_new (gtk_string_object_get_string (item));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  return label;
}

/* The catalogue: the usual categories and every one the data uses. */
static void
fill_categories (GjProblemPanel *self)
{
  g_auto(GStrv) used = self->store ? gj_store_problem_dup_categories (self->store, NULL) : NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));

  gtk_string_list_splice (self->categories, 0, n, NULL);
  for (guint i = 0; used != NULL && used[i] != NULL; i++)
    if (g_hash_table_add (seen, used[i]))
      gtk_string_list_append (self->categories, used[i]);
  for (guint i = 0; default_categories[i] != NULL; i++)
    if (g_hash_table_add (seen, (gpointer) _(default_categories[i])))
      gtk_string_list_append (self->categories, _(default_categories[i]));
}

/* Cooperating units -------------------------------------------------------------- */

static void
remove_unit_cb (GtkButton      *button,
                GjProblemPanel *self)
{
  GjRecord *link = g_object_get_data (G_OBJECT (button), "gj-link");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup_printf (_("Cooperating unit of “%s”"), gj_record_get_label (self->problem));

  if (!gj_history_delete (self->history, link, label, &error))
    say (self, error->message, FALSE);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Removed %s"), label);

      say (self, text, TRUE);
      written (self);
    }
}

static GtkWidget *
unit_row_cb (gpointer item,
             gpointer user_data)
{
  GjProblemPanel *self = user_data;
  g_autoptr(GjRecord) unit = gj_store_get (self->store, GJ_TYPE_UNIT, gj_record_get_int (item, "unit_id"), NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unit ? gj_record_get_label (unit) : "—");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this cooperating unit"));
  g_object_set_data_full (G_OBJECT (remove), "gj-link", g_object_ref (item), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_unit_cb), self);
  gtk_widget_set_sensitive (remove, self->history != NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
add_unit_cb (AdwEntryRow    *row,
             GjProblemPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) link = NULL;
  g_autofree char *label = NULL;
  gint64 id = 0;

  if (self->problem == NULL || self->history == NULL || *text == '\0')
    return;
  if (!find_unit (self, text, &id, &reason))
    {
      say (self, reason, FALSE);
      return;
    }
  link = GJ_RECORD (gj_problem_unit_new ());
  gj_record_set_int (link, "problem_id", gj_record_get_id (self->problem));
  gj_record_set_int (link, "unit_id", id);
  label = g_strdup_printf (_("Cooperating unit of “%s”"), gj_record_get_label (self->problem));
  if (!gj_history_insert (self->history, link, label, &error))
    {
      say (self, error->message, FALSE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  {
    g_autofree char *toast = g_strdup_printf (_("Added %s"), label);

    say (self, toast, TRUE);
  }
  written (self);
}

/* The timeline ----------------------------------------------------------------------- */

static GtkWidget *
note_row_cb (gpointer item,
             gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *when = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (gj_record_get_text (item, "text"));
  const char *author = gj_record_get_text (item, "author");
  g_autofree char *head = author ? g_strdup_printf ("%s · %s", gj_record_get_text (item, "noted_on"), author)
                                 : g_strdup (gj_record_get_text (item, "noted_on"));

  gtk_label_set_text (GTK_LABEL (when), head);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "caption");
  gtk_widget_add_css_class (when, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_add_css_class (box, "timeline-note");
  return box;
}

/* Showing ------------------------------------------------------------------------- */

static void
set_colour_class (GtkWidget        *widget,
                  GjDeadlineColour  colour)
{
  static const char *classes[] = { "deadline-none", "deadline-green", "deadline-yellow", "deadline-red", "deadline-grey" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  gtk_widget_add_css_class (widget, classes[colour]);
}

static gboolean
can_move (GjRecord        *problem,
          GjProblemStatus  to)
{
  return gj_problem_status_check_move (gj_problem_get_status (problem), to, NULL);
}

static void
reload (GjProblemPanel *self)
{
  GjProblemStatus status;
  GjDeadlineColour colour;
  gboolean done;
  g_autoptr(GjRecord) echo = NULL;
  g_autoptr(GListModel) links = NULL;

  gtk_widget_set_visible (self->content, self->problem != NULL);
  gtk_widget_set_visible (self->empty_page, self->problem == NULL);
  if (self->problem == NULL || self->store == NULL)
    {
      g_clear_object (&self->notes);
      gtk_list_box_bind_model (self->timeline, NULL, NULL, NULL, NULL);
      g_list_store_remove_all (self->cooperating);
      return;
    }

  self->filling = TRUE;
  status = gj_problem_get_status (self->problem);
  colour = gj_problem_get_colour (self->problem, NULL);
  done = gj_problem_status_is_done (status);
  gtk_label_set_label (self->title_label, gj_record_get_label (self->problem));
  gtk_label_set_label (self->status_label, gj_problem_status_get_title (status));
  gtk_label_set_label (self->colour_label, gj_deadline_colour_get_title (colour));
  set_colour_class (GTK_WIDGET (self->colour_label), colour);

  for (guint i = 0; i < G_N_ELEMENTS (editable); i++)
    {
      GtkWidget *row = g_hash_table_lookup (self->rows, editable[i].field);
      const char *value = gj_record_get_text (self->problem, editable[i].field);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value ? value : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_sensitive (row, self->history != NULL);
    }

  gtk_widget_set_visible (self->buttons[BTN_ASSIGN], can_move (self->problem, GJ_PROBLEM_ASSIGNED));
  gtk_widget_set_visible (self->buttons[BTN_START], !done && can_move (self->problem, GJ_PROBLEM_IN_PROGRESS));
  gtk_widget_set_visible (self->buttons[BTN_RESOLVE], can_move (self->problem, GJ_PROBLEM_RESOLVED));
  gtk_widget_set_visible (self->buttons[BTN_PUBLISH], status == GJ_PROBLEM_RESOLVED);
  gtk_widget_set_visible (self->buttons[BTN_UNSOLVABLE], can_move (self->problem, GJ_PROBLEM_UNSOLVABLE));
  gtk_widget_set_visible (self->buttons[BTN_ESCALATE], can_move (self->problem, GJ_PROBLEM_ESCALATED));
  gtk_widget_set_visible (self->buttons[BTN_REOPEN], done && can_move (self->problem, GJ_PROBLEM_IN_PROGRESS));
  gtk_widget_set_visible (self->buttons[BTN_EXTEND], !done);
  gtk_widget_set_visible (self->buttons[BTN_POSTER_PRINT], status == GJ_PROBLEM_PUBLISHED || status == GJ_PROBLEM_RESOLVED);
  gtk_widget_set_visible (self->buttons[BTN_POSTER_PDF], status == GJ_PROBLEM_PUBLISHED || status == GJ_PROBLEM_RESOLVED);
  gtk_widget_set_visible (self->buttons[BTN_COPY_TEXT], status == GJ_PROBLEM_PUBLISHED || status == GJ_PROBLEM_RESOLVED);
  for (guint i = 0; i < G_N_ELEMENTS (self->buttons); i++)
    gtk_widget_set_sensitive (self->buttons[i], self->history != NULL || i >= BTN_POSTER_PRINT);

  /* Where it came from: the meeting's theme and date, the agenda item. */
  gtk_widget_set_visible (self->origin_group, !gj_record_is_null (self->problem, "meeting_id"));
  if (!gj_record_is_null (self->problem, "meeting_id"))
    {
      g_autoptr(GjRecord) meeting = gj_store_get (self->store, GJ_TYPE_MEETING,
                                                  gj_record_get_int (self->problem, "meeting_id"), NULL);
      g_autoptr(GjRecord) item = NULL;
      g_autofree char *when = NULL;

      if (!gj_record_is_null (self->problem, "agenda_item_id"))
        item = gj_store_get (self->store, GJ_TYPE_AGENDA_ITEM, gj_record_get_int (self->problem, "agenda_item_id"), NULL);
      if (meeting != NULL)
        {
          const char *starts = gj_record_get_text (meeting, "starts_at");

          when = starts ? g_strndup (starts, 10) : NULL;
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->origin_row), gj_record_get_label (meeting));
        }
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->origin_row), _("A meeting no longer in the database"));
      if (item != NULL)
        {
          g_autofree char *sub = when ? g_strdup_printf (_("%s · agenda item: %s"), when, gj_record_get_label (item))
                                      : g_strdup_printf (_("Agenda item: %s"), gj_record_get_label (item));

          adw_action_row_set_subtitle (self->origin_row, sub);
        }
      else
        adw_action_row_set_subtitle (self->origin_row, when ? when : "");
    }

  /* The answer on the echo wall. */
  echo = gj_store_problem_dup_echo (self->store, self->problem, NULL);
  gtk_widget_set_visible (self->echo_group, echo != NULL);
  if (echo != NULL)
    {
      const char *channel = gj_record_get_text (echo, "channel");
      g_autofree char *date = gj_echo_format_date (gj_record_get_text (echo, "published_on"));
      g_autofree char *sub = channel ? g_strdup_printf ("%s · %s", date, channel) : g_strdup (date);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->echo_row), gj_record_get_text (echo, "result"));
      adw_action_row_set_subtitle (self->echo_row, sub);
    }

  /* Cooperating units. */
  {
    g_auto(GValue) id = G_VALUE_INIT;

    g_value_init (&id, G_TYPE_INT64);
    g_value_set_int64 (&id, gj_record_get_id (self->problem));
    links = gj_store_list_where (self->store, GJ_TYPE_PROBLEM_UNIT, "problem_id", &id, NULL);
    g_list_store_remove_all (self->cooperating);
    for (guint i = 0; links != NULL && i < g_list_model_get_n_items (links); i++)
      {
        g_autoptr(GObject) link = g_list_model_get_item (links, i);

        g_list_store_append (self->cooperating, link);
      }
    gtk_widget_set_sensitive (GTK_WIDGET (self->add_unit_row), self->history != NULL);
  }

  g_clear_object (&self->notes);
  self->notes = gj_store_problem_list_notes (self->store, self->problem, NULL);
  gtk_list_box_bind_model (self->timeline, self->notes, note_row_cb, NULL, NULL);
  self->filling = FALSE;
}

/* Dialogs ------------------------------------------------------------------------- */

typedef void (*AnswerFunc) (GjProblemPanel *self,
                            GStrv           answers);

typedef struct
{
  GjProblemPanel *self;
  GPtrArray      *entries;
  AnswerFunc      func;
} Question;

static void
question_free (Question *q)
{
  g_ptr_array_unref (q->entries);
  g_free (q);
}

static void
question_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Question         *q)
{
  q->self->asking = FALSE;
  if (g_str_equal (response, "ok"))
    {
      g_auto(GStrv) answers = g_new0 (char *, q->entries->len + 1);

      for (guint i = 0; i < q->entries->len; i++)
        {
          GtkWidget *w = g_ptr_array_index (q->entries, i);

          if (GTK_IS_TEXT_VIEW (w))
            {
              GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (w));
              GtkTextIter start, end;

              gtk_text_buffer_get_bounds (buffer, &start, &end);
              answers[i] = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
            }
          else
            answers[i] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (w))));
        }
      q->func (q->self, answers);
    }
  g_object_unref (q->self);
  question_free (q);
}

/* Asks for the texts @labels name (NULL-terminated; a label starting with
 * '*' is a longer text, with '=' … a default after a '|'). */
static void
ask (GjProblemPanel     *self,
     const char         *heading,
     const char         *body,
     const char * const *labels,
     const char         *ok_label,
     AnswerFunc          func)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  GtkWidget *box = gtk_list_box_new ();
  Question *q = g_new0 (Question, 1);

  q->self = g_object_ref (self);
  q->entries = g_ptr_array_new ();
  q->func = func;
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (labels[i], "|", 2);

      if (parts[0][0] == '*')
        {
          GtkWidget *frame = gtk_frame_new (parts[0] + 1);
          GtkWidget *view = gtk_text_view_new ();

          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
          gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
          gtk_widget_set_size_request (view, -1, 90);
          gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
          gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
          gtk_frame_set_child (GTK_FRAME (frame), view);
          gtk_widget_set_margin_bottom (frame, 6);
          gtk_list_box_append (GTK_LIST_BOX (box), frame);
          g_ptr_array_add (q->entries, view);
        }
      else
        {
          GtkWidget *row = adw_entry_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), parts[0]);
          if (parts[1] != NULL)
            gtk_editable_set_text (GTK_EDITABLE (row), parts[1]);
          gtk_list_box_append (GTK_LIST_BOX (box), row);
          g_ptr_array_add (q->entries, row);
        }
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "ok", ok_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (question_response_cb), q);
  self->asking = TRUE;
  gtk_window_present (GTK_WINDOW (dialog));
  if (q->entries->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (q->entries, 0));
}

static void
do_move (GjProblemPanel  *self,
         GjProblemStatus  to,
         const char      *detail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!gj_store_problem_move (self->store, self->problem, to, detail, NULL, &error))
    {
      say (self, error->message, FALSE);
      return;
    }
  /* TRANSLATORS: a toast: the problem's title and its new status */
  text = g_strdup_printf (_("“%s” is now “%s”"), gj_record_get_label (self->problem), gj_problem_status_get_title (to));
  say (self, text, FALSE);
  written (self);
}

static void
unsolvable_answered (GjProblemPanel *self,
                     GStrv           answers)
{
  do_move (self, GJ_PROBLEM_UNSOLVABLE, answers[0]);
}

static void
escalate_answered (GjProblemPanel *self,
                   GStrv           answers)
{
  do_move (self, GJ_PROBLEM_ESCALATED, answers[0]);
}

static void
reopen_answered (GjProblemPanel *self,
                 GStrv           answers)
{
  GjProblemStatus to = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "gj-reopen-to"));

  do_move (self, to, answers[0]);
}

static void
publish_answered (GjProblemPanel *self,
                  GStrv           answers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) entry = NULL;
  g_autofree char *text = NULL;

  entry = gj_store_problem_publish (self->store, self->problem, answers[0], *answers[1] ? answers[1] : NULL,
                                    answers[2], &error);
  if (entry == NULL)
    {
      say (self, error->message, FALSE);
      return;
    }
  text = g_strdup_printf (_("“%s” is on the echo wall"), gj_record_get_label (self->problem));
  say (self, text, FALSE);
  written (self);
}

static void
extend_answered (GjProblemPanel *self,
                 GStrv           answers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!gj_store_problem_extend (self->store, self->problem, answers[0], answers[1], NULL, &error))
    {
      say (self, error->message, FALSE);
      return;
    }
  text = g_strdup_printf (_("The deadline of “%s” is now %s"), gj_record_get_label (self->problem),
                          gj_record_get_text (self->problem, "deadline"));
  say (self, text, FALSE);
  written (self);
}

static void
note_answered (GjProblemPanel *self,
               GStrv           answers)
{
  g_autoptr(GError) error = NULL;

  if (!gj_store_problem_add_note (self->store, self->problem, answers[0], NULL, &error))
    {
      say (self, error->message, FALSE);
      return;
    }
  say (self, _("Progress note added"), FALSE);
  written (self);
}

gboolean
gj_problem_panel_move (GjProblemPanel  *self,
                       GjProblemStatus  to)
{
  g_autoptr(GError) error = NULL;
  GjProblemStatus from;

  g_return_val_if_fail (GJ_IS_PROBLEM_PANEL (self), FALSE);

  if (self->problem == NULL || self->store == NULL || self->asking)
    return FALSE;
  from = gj_problem_get_status (self->problem);
  if (!gj_problem_status_check_move (from, to, &error))
    {
      say (self, error->message, FALSE);
      return FALSE;
    }
  if (to == GJ_PROBLEM_PUBLISHED)
    {
      g_autoptr(GDate) today = gj_today ();
      char day[16];
      g_autofree char *date_label = NULL;
      g_autofree char *channel_label = NULL;
      const char *labels[4];

      g_date_strftime (day, sizeof day, "%Y-%m-%d", today);
      date_label = g_strdup_printf ("%s|%s", _("Date published"), day);
      channel_label = g_strdup_printf ("%s|%s", _("Where (notice board, WeChat group, joint meeting)"), _("Notice board"));
      labels[0] = _("*The result residents will read");
      labels[1] = date_label;
      labels[2] = channel_label;
      labels[3] = NULL;
      ask (self, _("Publish on the Echo Wall"), gj_record_get_label (self->problem), labels, _("_Publish"),
           publish_answered);
      return FALSE;
    }
  if (to == GJ_PROBLEM_UNSOLVABLE)
    {
      const char *labels[] = { _("Why it cannot be solved"), NULL };

      ask (self, _("Cannot Be Solved"), gj_record_get_label (self->problem), labels, _("_Save"), unsolvable_answered);
      return FALSE;
    }
  if (to == GJ_PROBLEM_ESCALATED)
    {
      const char *labels[] = { _("To whom (吹哨)"), NULL };

      ask (self, _("Escalate"), gj_record_get_label (self->problem), labels, _("_Escalate"), escalate_answered);
      return FALSE;
    }
  if (gj_problem_status_is_done (from))
    {
      const char *labels[] = { _("Why it is reopened"), NULL };

      g_object_set_data (G_OBJECT (self), "gj-reopen-to", GINT_TO_POINTER (to));
      ask (self, _("Reopen"), gj_record_get_label (self->problem), labels, _("_Reopen"), reopen_answered);
      return FALSE;
    }
  do_move (self, to, NULL);
  return !gj_problem_status_is_done (from) && gj_problem_get_status (self->problem) == to;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gj_problem_panel_move (GJ_PROBLEM_PANEL (widget), g_variant_get_int32 (parameter));
}

static void
extend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GjProblemPanel *self = GJ_PROBLEM_PANEL (widget);
  const char *labels[] = { _("New deadline (YYYY-MM-DD)"), _("Reason"), NULL };

  if (self->problem != NULL && !self->asking)
    ask (self, _("Extend Deadline"), gj_record_get_label (self->problem), labels, _("_Extend"), extend_answered);
}

static void
note_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GjProblemPanel *self = GJ_PROBLEM_PANEL (widget);
  const char *labels[] = { _("*What happened"), NULL };

  if (self->problem != NULL && !self->asking)
    ask (self, _("Add Progress Note"), gj_record_get_label (self->problem), labels, _("_Add"), note_answered);
}

/* The poster ---------------------------------------------------------------------- */

static void
draw_poster_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                int                page,
                GjEchoPoster      *poster)
{
  gj_echo_poster_draw (poster, gtk_print_context_get_cairo_context (context), gtk_print_context_get_width (context),
                       gtk_print_context_get_height (context));
}

static void
poster_print_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GjProblemPanel *self = GJ_PROBLEM_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  GjEchoPoster *poster;
  GtkRoot *root = gtk_widget_get_root (widget);

  poster = gj_echo_poster_load (self->store, self->problem, &error);
  if (poster == NULL)
    {
      say (self, error->message, FALSE);
      return;
    }
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, gj_record_get_label (self->problem));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_poster_cb), poster,
                         (GClosureNotify) gj_echo_poster_free, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    say (self, error->message, FALSE);
}

static void
poster_saved_cb (GtkNativeDialog *chooser,
                 int              response,
                 GjProblemPanel  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GjEchoPoster) poster = gj_echo_poster_load (self->store, self->problem, &error);

      if (poster == NULL || !gj_echo_poster_write_pdf (poster, path, &error))
        say (self, error->message, FALSE);
      else
        {
          g_autofree char *text = g_strdup_printf (_("Saved the poster as “%s”"), path);

          say (self, text, FALSE);
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
poster_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GjProblemPanel *self = GJ_PROBLEM_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->problem == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save Poster"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.pdf", gj_record_get_label (self->problem));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (poster_saved_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GjProblemPanel *self = GJ_PROBLEM_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GjEchoPoster) poster = gj_echo_poster_load (self->store, self->problem, &error);
  g_autofree char *text = NULL;

  if (poster == NULL)
    {
      say (self, error->message, FALSE);
      return;
    }
  text = gj_echo_poster_dup_text (poster);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  say (self, _("Copied the text for WeChat"), FALSE);
}

/* Building ---------------------------------------------------------------------- */

static GtkWidget *
group (GtkBox     *box,
       const char *title)
{
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (box, label);
  gtk_box_append (box, list);
  g_object_set_data (G_OBJECT (list), "gj-heading", label);
  return list;
}

static GtkWidget *
step_button (GjProblemPanel *self,
             const char     *label,
             const char     *action,
             GVariant       *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static void
build (GjProblemPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *list, *menu, *popover, *catalogue, *scroll;
  static const struct { const char *label; const char *action; int to; } steps[] = {
    { N_("_Assign"), "problem.move", GJ_PROBLEM_ASSIGNED },
    { N_("_Start Work"), "problem.move", GJ_PROBLEM_IN_PROGRESS },
    { N_("Re_solved"), "problem.move", GJ_PROBLEM_RESOLVED },
    { N_("_Publish on Echo Wall…"), "problem.move", GJ_PROBLEM_PUBLISHED },
    { N_("Cannot Be Solved…"), "problem.move", GJ_PROBLEM_UNSOLVABLE },
    { N_("Esc_alate (吹哨)…"), "problem.move", GJ_PROBLEM_ESCALATED },
    { N_("_Reopen…"), "problem.move", GJ_PROBLEM_IN_PROGRESS },
    { N_("_Extend Deadline…"), "problem.extend", -1 },
    { N_("Add _Note…"), "problem.note", -1 },
    { N_("_Print Poster…"), "problem.poster-print", -1 },
    { N_("Poster as P_DF…"), "problem.poster-pdf", -1 },
    { N_("_Copy for WeChat"), "problem.copy-text", -1 },
  };

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  scroll = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), scroll);

  self->empty_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page), "task-past-due-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), _("No Problem Chosen"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                   _("Choose a card on the board or a row in the table to see and edit it here."));
  gtk_widget_add_css_class (self->empty_page, "compact");
  gtk_box_append (GTK_BOX (scroll), self->empty_page);
  gtk_box_append (GTK_BOX (scroll), box);
  self->content = box;

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-3");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "problem-status");
  self->colour_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->colour_label), "deadline-badge");
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->colour_label));
  gtk_box_append (GTK_BOX (box), head);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_widget_set_margin_top (flow, 6);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      self->buttons[i] = step_button (self, _(steps[i].label), steps[i].action,
                                      steps[i].to >= 0 ? g_variant_new_int32 (steps[i].to) : NULL);
      if (i == BTN_PUBLISH)
        gtk_widget_add_css_class (self->buttons[i], "suggested-action");
      gtk_flow_box_append (GTK_FLOW_BOX (flow), self->buttons[i]);
      /* The flow box child takes the focus ring off the button. */
      gtk_widget_set_focusable (gtk_widget_get_parent (self->buttons[i]), FALSE);
    }
  gtk_box_append (GTK_BOX (box), flow);

  /* The fields. */
  self->fields = GTK_LIST_BOX (group (GTK_BOX (box), _("The Problem")));
  for (guint i = 0; i < G_N_ELEMENTS (editable); i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(editable[i].title));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "gj-field", (gpointer) editable[i].field);
      g_signal_connect (row, "apply", G_CALLBACK (entry_applied_cb), self);
      g_hash_table_insert (self->rows, (gpointer) editable[i].field, row);
      gtk_list_box_append (self->fields, row);
      if (g_str_equal (editable[i].field, "category"))
        {
          menu = gtk_menu_button_new ();
          gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-list-symbolic");
          gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (menu, "flat");
          gtk_widget_set_tooltip_text (menu, _("Choose from the categories"));
          popover = gtk_popover_new ();
          catalogue = gtk_list_box_new ();
          gtk_list_box_bind_model (GTK_LIST_BOX (catalogue), G_LIST_MODEL (self->categories), category_row_cb, NULL, NULL);
          g_signal_connect (catalogue, "row-activated", G_CALLBACK (category_chosen_cb), self);
          gtk_popover_set_child (GTK_POPOVER (popover), catalogue);
          gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), menu);
        }
      if (g_str_equal (editable[i].field, "deadline"))
        gtk_widget_set_tooltip_text (row, _("YYYY-MM-DD; 2025/7/15 and 2025年7月15日 are read too"));
    }

  /* Cooperating units. */
  self->units_list = GTK_LIST_BOX (group (GTK_BOX (box), _("Cooperating Units")));
  gtk_list_box_bind_model (self->units_list, G_LIST_MODEL (self->cooperating), unit_row_cb, self, NULL);
  list = group (GTK_BOX (box), NULL);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (list), "gj-heading"), FALSE);
  self->add_unit_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_unit_row), _("Add a cooperating unit (name)"));
  adw_entry_row_set_show_apply_button (self->add_unit_row, TRUE);
  g_signal_connect (self->add_unit_row, "apply", G_CALLBACK (add_unit_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->add_unit_row));

  /* Where it came from. */
  self->origin_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  list = group (GTK_BOX (self->origin_group), _("Raised At"));
  self->origin_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->origin_row), FALSE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->origin_row));
  gtk_box_append (GTK_BOX (box), self->origin_group);

  /* The answer on the echo wall. */
  self->echo_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  list = group (GTK_BOX (self->echo_group), _("On the Echo Wall"));
  self->echo_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->echo_row), FALSE);
  adw_action_row_set_title_lines (self->echo_row, 0);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->echo_row));
  gtk_box_append (GTK_BOX (box), self->echo_group);

  /* The timeline. */
  self->timeline = GTK_LIST_BOX (group (GTK_BOX (box), _("Timeline")));
  gtk_widget_add_css_class (GTK_WIDGET (self->timeline), "timeline");
}

static void
gj_problem_panel_dispose (GObject *object)
{
  GjProblemPanel *self = GJ_PROBLEM_PANEL (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->problem);
  g_clear_object (&self->notes);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_object (&self->cooperating);
  g_clear_object (&self->categories);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (gj_problem_panel_parent_class)->dispose (object);
}

static void
gj_problem_panel_class_init (GjProblemPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_problem_panel_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "problem.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "problem.extend", NULL, extend_action);
  gtk_widget_class_install_action (widget_class, "problem.note", NULL, note_action);
  gtk_widget_class_install_action (widget_class, "problem.poster-print", NULL, poster_print_action);
  gtk_widget_class_install_action (widget_class, "problem.poster-pdf", NULL, poster_pdf_action);
  gtk_widget_class_install_action (widget_class, "problem.copy-text", NULL, copy_text_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "problempanel");
}

static void
gj_problem_panel_init (GjProblemPanel *self)
{
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->cooperating = g_list_store_new (GJ_TYPE_RECORD);
  self->categories = gtk_string_list_new (NULL);
  build (self);
  reload (self);
}

GtkWidget *
gj_problem_panel_new (void)
{
  return g_object_new (GJ_TYPE_PROBLEM_PANEL, NULL);
}

void
gj_problem_panel_set_store (GjProblemPanel *self,
                            GjStore        *store,
                            GjHistory      *history)
{
  g_return_if_fail (GJ_IS_PROBLEM_PANEL (self));

  g_set_object (&self->store, store);
  g_set_object (&self->history, history);
  g_clear_object (&self->problem);
  fill_categories (self);
  reload (self);
}

GjRecord *
gj_problem_panel_get_problem (GjProblemPanel *self)
{
  g_return_val_if_fail (GJ_IS_PROBLEM_PANEL (self), NULL);
  return self->problem;
}

void
gj_problem_panel_set_problem (GjProblemPanel *self,
                              GjRecord       *problem)
{
  g_return_if_fail (GJ_IS_PROBLEM_PANEL (self));
  g_return_if_fail (problem == NULL || GJ_IS_PROBLEM (problem));

  if (problem == self->problem)
    return;
  if (problem == NULL || self->problem == NULL || gj_record_get_id (problem) != gj_record_get_id (self->problem))
    fill_categories (self);
  g_set_object (&self->problem, problem);
  reload (self);
}

GListModel *
gj_problem_panel_get_notes (GjProblemPanel *self)
{
  g_return_val_if_fail (GJ_IS_PROBLEM_PANEL (self), NULL);
  return self->notes;
}
