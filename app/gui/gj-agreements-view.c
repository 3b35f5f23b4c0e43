/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gj-agreements-view.h"
#include "gj-filters.h"
#include "gj-record-table-private.h"

struct _GjAgreementsView
{
  GtkWidget         parent_instance;

  /* Template children */
  GjAgreementPanel *panel;
  GtkRevealer      *revealer;
  GjRecordTable    *table;

  GtkDropDown      *street_filter;
  GtkDropDown      *status_filter;
  GtkToggleButton  *expiring_toggle;
  GtkCustomFilter  *filter;

  GjStore          *store;
  GjHistory        *history;
  GDate            *today;
  GtkWidget        *dialog;
};

G_DEFINE_FINAL_TYPE (GjAgreementsView, gj_agreements_view, GTK_TYPE_WIDGET)

static GjAgreementStatus
status_of (GjAgreementsView *self,
           gpointer          agreement)
{
  return gj_agreement_get_status (GJ_AGREEMENT (agreement), self->today);
}

static gboolean
agreement_visible (gpointer item,
                   gpointer user_data)
{
  GjAgreementsView *self = user_data;
  gint64 street = gj_filters_street_get_id (self->street_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);

  if (street != 0 && gj_record_get_int (item, "street_id") != street)
    return FALSE;
  if (status > 0 && status_of (self, item) != (GjAgreementStatus) (status - 1))
    return FALSE;
  if (gtk_toggle_button_get_active (self->expiring_toggle) && status_of (self, item) != GJ_AGREEMENT_EXPIRING)
    return FALSE;
  return TRUE;
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GjAgreementsView *self = user_data;

  return (int) status_of (self, (gpointer) a) - (int) status_of (self, (gpointer) b);
}

static char *
agreement_cell (GjRecord    *record,
                const char  *field,
                const char **css_class,
                gpointer     user_data)
{
  GjAgreementsView *self = user_data;

  if (g_str_equal (field, "status"))
    {
      GjAgreementStatus status = status_of (self, record);

      /* The style classes are the status words: "expiring", "expired" … */
      *css_class = gj_agreement_status_to_string (status);
      return g_strdup (gj_agreement_status_get_title (status));
    }
  return NULL;
}

static void
filter_changed_cb (GjAgreementsView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gj_record_table_refilter (self->table);
}

static void
selected_cb (GjAgreementsView *self)
{
  GjRecord *agreement = gj_record_table_get_selected (self->table);

  if (agreement != NULL)
    gj_agreement_panel_set_record (self->panel, agreement);
  gtk_revealer_set_reveal_child (self->revealer, agreement != NULL);
}

static void
form_saved_cb (GjAgreementsView *self,
               const char       *label)
{
  g_autofree char *text = g_strdup_printf (_("Changed %s"), label);

  gj_record_form_toast (GTK_WIDGET (self), text, TRUE, FALSE);
}

static void
form_failed_cb (GjAgreementsView *self,
                const char       *message)
{
  gj_record_form_toast (GTK_WIDGET (self), message, FALSE, TRUE);
}

static void
renewed_cb (GjAgreementsView *self,
            gint64            id)
{
  gj_record_table_reload (self->table);
  gj_agreements_view_show (self, id);
}

/* A new agreement ---------------------------------------------------------- */

static void
new_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 GjAgreementsView *self)
{
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");
  GtkEditable *start = g_object_get_data (G_OBJECT (dialog), "start");
  GtkEditable *end = g_object_get_data (G_OBJECT (dialog), "end");
  GtkDropDown *units = g_object_get_data (G_OBJECT (dialog), "units");
  GjRecord *unit = gtk_drop_down_get_selected_item (units);
  g_autoptr(GjRecord) agreement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;
  const GjField *field;

  self->dialog = NULL;
  if (!g_str_equal (response, "add") || self->history == NULL)
    return;

  agreement = GJ_RECORD (gj_agreement_new ());
  field = gj_record_class_find_field (GJ_RECORD_GET_CLASS (agreement), "title", NULL);
  gj_record_form_parse (agreement, field, GJ_FORM_TEXT, gtk_editable_get_text (title), NULL);
  field = gj_record_class_find_field (GJ_RECORD_GET_CLASS (agreement), "start_date", NULL);
  if (!gj_record_form_parse (agreement, field, GJ_FORM_DATE, gtk_editable_get_text (start), &reason))
    {
      gj_record_form_toast (GTK_WIDGET (self), reason, FALSE, TRUE);
      return;
    }
  field = gj_record_class_find_field (GJ_RECORD_GET_CLASS (agreement), "end_date", NULL);
  if (!gj_record_form_parse (agreement, field, GJ_FORM_DATE, gtk_editable_get_text (end), &reason))
    {
      gj_record_form_toast (GTK_WIDGET (self), reason, FALSE, TRUE);
      return;
    }
  /* A new agreement is a draft until it is signed. */
  gj_record_set_text (agreement, "status", "draft");
  if (unit != NULL)
    {
      gj_record_set_int (agreement, "unit_id", gj_record_get_id (unit));
      if (!gj_record_is_null (unit, "street_id"))
        gj_record_set_int (agreement, "street_id", gj_record_get_int (unit, "street_id"));
      if (!gj_record_is_null (unit, "community_id"))
        gj_record_set_int (agreement, "community_id", gj_record_get_int (unit, "community_id"));
    }

  label = g_strdup_printf (_("the new agreement “%s”"), gj_record_get_label (agreement));
  if (!gj_history_insert (self->history, agreement, label, &error))
    {
      gj_record_form_toast (GTK_WIDGET (self), error->message, FALSE, TRUE);
      return;
    }
  text = g_strdup_printf (_("Added %s"), label);
  gj_record_form_toast (GTK_WIDGET (self), text, TRUE, FALSE);
  gj_agreements_view_show (self, gj_record_get_id (agreement));
}

static void
title_changed_cb (GtkEditable      *title,
                  AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (title)));

  adw_message_dialog_set_response_enabled (dialog, "add", *text != '\0');
}

static void
unit_chosen_cb (GtkDropDown      *units,
                GParamSpec       *pspec,
                AdwMessageDialog *dialog)
{
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");
  GjRecord *unit = gtk_drop_down_get_selected_item (units);
  g_autofree char *suggested = NULL;

  /* The usual title, until one is typed. */
  if (unit == NULL || (*gtk_editable_get_text (title) != '\0'
                       && !g_object_get_data (G_OBJECT (dialog), "suggested")))
    return;
  suggested = g_strdup_printf (_("Joint-construction agreement with %s"), gj_record_get_label (unit));
  gtk_editable_set_text (title, suggested);
  g_object_set_data (G_OBJECT (dialog), "suggested", GINT_TO_POINTER (TRUE));
}

static GtkWidget *
entry_row (GtkWidget  *list,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

void
gj_agreements_view_new_agreement (GjAgreementsView *self,
                                  GjRecord         *unit)
{
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) year_on = g_date_time_add_days (now, 364);
  g_autofree char *start = gj_record_form_dup_today ();
  g_autofree char *end = g_date_time_format (year_on, "%Y-%m-%d");
  GtkWidget *dialog, *list, *title, *unit_row;
  GtkDropDown *dropdown;

  g_return_if_fail (GJ_IS_AGREEMENTS_VIEW (self));

  if (self->dialog != NULL || self->history == NULL || self->store == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("New Agreement"),
                                   _("It stays a draft until it is signed; set the signing date in its form."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  /* Any of the district's units, found by typing part of its name. */
  units = gj_store_list_full (self->store, GJ_TYPE_UNIT, NULL, GJ_STORE_LIST_NO_GEOMETRY, &error);
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (units != NULL ? g_object_ref (units) : NULL,
                                               gtk_property_expression_new (GJ_TYPE_UNIT, NULL, "name")));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (dropdown), TRUE);
  unit_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (unit_row), _("Unit"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (unit_row), GTK_WIDGET (dropdown));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (unit_row), GTK_WIDGET (dropdown));
  gtk_list_box_append (GTK_LIST_BOX (list), unit_row);

  title = entry_row (list, _("Title"), NULL);
  g_object_set_data (G_OBJECT (dialog), "title", title);
  g_object_set_data (G_OBJECT (dialog), "start", entry_row (list, _("Start"), start));
  g_object_set_data (G_OBJECT (dialog), "end", entry_row (list, _("End"), end));
  g_object_set_data (G_OBJECT (dialog), "units", dropdown);
  g_signal_connect_object (title, "changed", G_CALLBACK (title_changed_cb), dialog, 0);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (unit_chosen_cb), dialog, 0);

  if (unit != NULL && units != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (units); i++)
      {
        g_autoptr(GjRecord) u = g_list_model_get_item (units, i);

        if (gj_record_get_id (u) == gj_record_get_id (unit))
          {
            gtk_drop_down_set_selected (dropdown, i);
            break;
          }
      }
  unit_chosen_cb (dropdown, NULL, ADW_MESSAGE_DIALOG (dialog));
  title_changed_cb (GTK_EDITABLE (title), ADW_MESSAGE_DIALOG (dialog));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_response_cb), self, 0);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title);
}

/* GObject ------------------------------------------------------------------ */

static void
gj_agreements_view_dispose (GObject *object)
{
  GjAgreementsView *self = GJ_AGREEMENTS_VIEW (object);
  GtkWidget *child;

  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_AGREEMENTS_VIEW);
  /* A plain GtkWidget parent unparents the children the template gave it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filter);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_pointer (&self->today, g_date_free);

  G_OBJECT_CLASS (gj_agreements_view_parent_class)->dispose (object);
}

static gboolean
gj_agreements_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (GJ_AGREEMENTS_VIEW (widget)->table));
}

static void
close_panel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GjAgreementsView *self = GJ_AGREEMENTS_VIEW (widget);

  gj_record_table_select_id (self->table, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->table));
}

static void
gj_agreements_view_class_init (GjAgreementsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_agreements_view_dispose;
  widget_class->grab_focus = gj_agreements_view_grab_focus;

  g_type_ensure (GJ_TYPE_RECORD_TABLE);
  g_type_ensure (GJ_TYPE_AGREEMENT_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-agreements-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GjAgreementsView, panel);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementsView, revealer);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementsView, table);

  gtk_widget_class_install_action (widget_class, "agreements.close-panel", NULL, close_panel_action);
  gtk_widget_class_set_css_name (widget_class, "agreementsview");
}

static void
gj_agreements_view_init (GjAgreementsView *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkSorter) sorter = NULL;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->today = gj_today ();

  self->street_filter = gj_filters_street_new ();
  gtk_string_list_append (statuses, _("All statuses"));
  for (GjAgreementStatus s = GJ_AGREEMENT_DRAFT; s <= GJ_AGREEMENT_TERMINATED; s++)
    gtk_string_list_append (statuses, gj_agreement_status_get_title (s));
  self->status_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&statuses)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->status_filter), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_filter), _("Show the agreements of one status"));
  self->expiring_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Expiring Soon")));
  gtk_widget_set_valign (GTK_WIDGET (self->expiring_toggle), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->expiring_toggle),
                               _("Only the agreements that end within 60 days"));
  gj_record_table_add_filter_widget (self->table, GTK_WIDGET (self->street_filter));
  gj_record_table_add_filter_widget (self->table, GTK_WIDGET (self->status_filter));
  gj_record_table_add_filter_widget (self->table, GTK_WIDGET (self->expiring_toggle));
  g_signal_connect_object (self->street_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->expiring_toggle, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->filter = gtk_custom_filter_new (agreement_visible, self, NULL);
  gj_record_table_set_filter (self->table, GTK_FILTER (self->filter));
  gj_record_table_set_cell_func (self->table, agreement_cell, self, NULL);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_status, self, NULL));
  gj_record_table_set_column_sorter (self->table, "status", sorter);
  g_signal_connect_object (self->table, "notify::selected", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (gj_agreement_panel_get_form (self->panel), "saved", G_CALLBACK (form_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gj_agreement_panel_get_form (self->panel), "failed", G_CALLBACK (form_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel, "renewed", G_CALLBACK (renewed_cb), self, G_CONNECT_SWAPPED);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("agreement.delete")));
  gtk_widget_add_controller (GTK_WIDGET (gj_record_table_get_column_view (self->table)), shortcuts);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("agreements.close-panel")));
  gtk_widget_add_controller (GTK_WIDGET (self->panel), shortcuts);
}

void
gj_agreements_view_set_store (GjAgreementsView *self,
                              GjStore          *store)
{
  g_return_if_fail (GJ_IS_AGREEMENTS_VIEW (self));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->today, g_date_free);
  self->today = gj_today ();
  gj_filters_street_set_store (self->street_filter, store);
  gj_agreement_panel_set_store (self->panel, store);
  gj_record_table_set_store (self->table, store);
}

void
gj_agreements_view_set_history (GjAgreementsView *self,
                                GjHistory        *history)
{
  g_return_if_fail (GJ_IS_AGREEMENTS_VIEW (self));

  g_set_object (&self->history, history);
  gj_record_form_set_history (gj_agreement_panel_get_form (self->panel), history);
}

GjRecordTable *
gj_agreements_view_get_table (GjAgreementsView *self)
{
  g_return_val_if_fail (GJ_IS_AGREEMENTS_VIEW (self), NULL);
  return self->table;
}

GjAgreementPanel *
gj_agreements_view_get_panel (GjAgreementsView *self)
{
  g_return_val_if_fail (GJ_IS_AGREEMENTS_VIEW (self), NULL);
  return self->panel;
}

void
gj_agreements_view_reload (GjAgreementsView *self)
{
  g_return_if_fail (GJ_IS_AGREEMENTS_VIEW (self));

  gj_record_table_reload (self->table);
  gj_agreement_panel_reload_related (self->panel);
}

void
gj_agreements_view_show (GjAgreementsView *self,
                         gint64            id)
{
  g_return_if_fail (GJ_IS_AGREEMENTS_VIEW (self));

  if (!gj_record_table_select_id (self->table, id))
    {
      gj_agreements_view_filter (self, 0, -1, FALSE);
      gj_record_table_search (self->table, "");
      gj_record_table_select_id (self->table, id);
    }
}

void
gj_agreements_view_filter (GjAgreementsView *self,
                           gint64            street_id,
                           int               status,
                           gboolean          expiring_only)
{
  g_return_if_fail (GJ_IS_AGREEMENTS_VIEW (self));

  gj_filters_street_set_id (self->street_filter, street_id);
  gtk_drop_down_set_selected (self->status_filter, status < 0 ? 0 : (guint) status + 1);
  gtk_toggle_button_set_active (self->expiring_toggle, expiring_only);
  filter_changed_cb (self);
}
