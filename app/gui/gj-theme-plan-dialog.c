/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "gj-record-form.h"
#include "gj-theme-plan-dialog.h"

struct _GjThemePlanDialog
{
  AdwMessageDialog  parent_instance;

  GjStore          *store;
  GjMeeting        *master;
  int               year;
  GtkWidget        *entries[12];
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GjThemePlanDialog, gj_theme_plan_dialog, ADW_TYPE_MESSAGE_DIALOG)

gboolean
gj_theme_plan_dialog_save (GjThemePlanDialog  *self,
                           GError            **error)
{
  const char *themes[12];

  g_return_val_if_fail (GJ_IS_THEME_PLAN_DIALOG (self), FALSE);

  for (guint i = 0; i < 12; i++)
    themes[i] = gtk_editable_get_text (GTK_EDITABLE (self->entries[i]));
  if (!gj_store_series_set_themes (self->store, self->master, self->year, themes, error))
    return FALSE;
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
gj_theme_plan_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  GjThemePlanDialog *self = GJ_THEME_PLAN_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, "save") && !gj_theme_plan_dialog_save (self, &error) && parent != NULL)
    {
      GtkWidget *focus = gtk_window_get_focus (parent);

      gj_record_form_toast (focus != NULL ? focus : GTK_WIDGET (parent), error->message, FALSE, TRUE);
    }
  ADW_MESSAGE_DIALOG_CLASS (gj_theme_plan_dialog_parent_class)->response (dialog, response);
}

static void
gj_theme_plan_dialog_dispose (GObject *object)
{
  GjThemePlanDialog *self = GJ_THEME_PLAN_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->master);

  G_OBJECT_CLASS (gj_theme_plan_dialog_parent_class)->dispose (object);
}

static void
gj_theme_plan_dialog_class_init (GjThemePlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = gj_theme_plan_dialog_dispose;
  dialog_class->response = gj_theme_plan_dialog_response;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
}

static void
gj_theme_plan_dialog_init (GjThemePlanDialog *self)
{
}

GtkWidget *
gj_theme_plan_dialog_new (GtkWindow *parent,
                          GjStore   *store,
                          GjMeeting *master,
                          int        year)
{
  GjThemePlanDialog *self;
  g_autoptr(GListModel) themes = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *list, *scroller;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (master), NULL);

  /* Translators: %d is a year. */
  heading = g_strdup_printf (_("Themes of %d"), year);
  self = g_object_new (GJ_TYPE_THEME_PLAN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", _("One theme a month (一月一主题). A meeting without a theme of its own shows its month’s."),
                       NULL);
  self->store = g_object_ref (store);
  self->master = g_object_ref (master);
  self->year = year;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  themes = gj_store_series_list_themes (store, master, year, NULL);
  for (guint month = 1; month <= 12; month++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (year, month, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (date, "%B");
      g_autofree char *key = g_strdup_printf ("%04d-%02u", year, month);
      GtkWidget *row = adw_entry_row_new ();
      guint n = themes != NULL ? g_list_model_get_n_items (themes) : 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GjRecord) theme = g_list_model_get_item (themes, i);
          const char *when = gj_record_get_text (theme, "month");

          /* "2025-03" or "3": the plan's own spelling of the month. */
          if (g_strcmp0 (when, key) == 0 || (when != NULL && strlen (when) <= 2 && (guint) atoi (when) == month))
            gtk_editable_set_text (GTK_EDITABLE (row), gj_record_get_text (theme, "theme"));
        }
      self->entries[month - 1] = row;
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), scroller);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  return GTK_WIDGET (self);
}

GtkEditable *
gj_theme_plan_dialog_get_entry (GjThemePlanDialog *self,
                                guint              month)
{
  g_return_val_if_fail (GJ_IS_THEME_PLAN_DIALOG (self), NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  return GTK_EDITABLE (self->entries[month - 1]);
}
