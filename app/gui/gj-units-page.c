/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gj-credit-code.h"
#include "gj-filters.h"
#include "gj-record-table-private.h"
#include "gj-store-duplicates.h"
#include "gj-units-page-private.h"

struct _GjUnitsPage
{
  GtkWidget         parent_instance;

  /* Template children */
  GjAgreementsView *agreements_view;
  GjListsView      *lists_view;
  GtkWidget        *new_button;
  AdwButtonContent *new_content;
  GtkStack         *stack;
  GjUnitPanel      *unit_panel;
  GtkRevealer      *unit_revealer;
  GjRecordTable    *units_table;

  GtkDropDown      *street_filter;
  GtkDropDown      *kind_filter;
  GtkToggleButton  *stale_toggle;
  GtkCustomFilter  *filter;

  GjStore          *store;
  GjHistory        *history;
  GDate            *today;
  /* The dialog asking for a new unit, while it is up. */
  GtkWidget        *dialog;
};

G_DEFINE_FINAL_TYPE (GjUnitsPage, gj_units_page, GTK_TYPE_WIDGET)

enum {
  SHOW_ON_MAP,
  PICK_PLACE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The units table ---------------------------------------------------------- */

static gboolean
unit_visible (gpointer item,
              gpointer user_data)
{
  GjUnitsPage *self = user_data;
  GjRecord *unit = item;
  gint64 street = gj_filters_street_get_id (self->street_filter);
  const char *kind = gj_filters_choice_get_value (self->kind_filter);

  if (street != 0 && gj_record_get_int (unit, "street_id") != street)
    return FALSE;
  if (kind != NULL && g_strcmp0 (gj_record_get_text (unit, "kind"), kind) != 0)
    return FALSE;
  if (gtk_toggle_button_get_active (self->stale_toggle) && !gj_unit_is_stale (unit, self->today))
    return FALSE;
  return TRUE;
}

static void
filter_changed_cb (GjUnitsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gj_record_table_refilter (self->units_table);
}

static char *
unit_cell (GjRecord    *record,
           const char  *field,
           const char **css_class,
           gpointer     user_data)
{
  GjUnitsPage *self = user_data;

  if (g_str_equal (field, "verified_date"))
    {
      const char *verified = gj_record_get_text (record, "verified_date");

      /* Details nobody checked for a year are the ones to call about. */
      if (gj_unit_is_stale (record, self->today))
        {
          *css_class = "stale";
          return g_strdup (verified != NULL ? verified : _("Never"));
        }
      return NULL;
    }
  if (g_str_equal (field, "kind"))
    return g_strdup (gj_unit_choice_title (gj_unit_kind_choices (), gj_record_get_text (record, "kind")));
  if (g_str_equal (field, "party_org"))
    return g_strdup (gj_unit_choice_title (gj_unit_party_org_choices (), gj_record_get_text (record, "party_org")));
  return NULL;
}

static void
unit_selected_cb (GjUnitsPage *self)
{
  GjRecord *unit = gj_record_table_get_selected (self->units_table);

  if (unit != NULL)
    gj_unit_panel_set_record (self->unit_panel, unit);
  gtk_revealer_set_reveal_child (self->unit_revealer, unit != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.delete", unit != NULL && self->history != NULL);
}

/* After every edit, undo and redo: the tables of what changed. */
static void
history_changed_cb (GjUnitsPage *self,
                    GType        type)
{
  if (type == GJ_TYPE_UNIT)
    {
      gj_record_table_reload (self->units_table);
      /* A trashed unit takes its agreements and items with it. */
      gj_agreements_view_reload (self->agreements_view);
      gj_lists_view_reload (self->lists_view);
    }
  else if (type == GJ_TYPE_AGREEMENT || type == GJ_TYPE_COMMITMENT || type == GJ_TYPE_EVALUATION)
    {
      gj_agreements_view_reload (self->agreements_view);
      gj_unit_panel_reload_related (self->unit_panel);
    }
  else if (type == GJ_TYPE_LIST_ITEM)
    {
      gj_lists_view_reload (self->lists_view);
      gj_unit_panel_reload_related (self->unit_panel);
    }
}

static void
form_saved_cb (GjUnitsPage *self,
               const char  *label)
{
  g_autofree char *text = g_strdup_printf (_("Changed %s"), label);

  gj_record_form_toast (GTK_WIDGET (self), text, TRUE, FALSE);
}

static void
form_failed_cb (GjUnitsPage *self,
                const char  *message)
{
  gj_record_form_toast (GTK_WIDGET (self), message, FALSE, TRUE);
}

/* The view in sight -------------------------------------------------------- */

static void
view_changed_cb (GjUnitsPage *self)
{
  const char *view = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (view, "agreements") == 0)
    {
      adw_button_content_set_label (self->new_content, _("_New Agreement"));
      gtk_widget_set_tooltip_text (self->new_button, _("A new joint-construction agreement (Ctrl+N)"));
    }
  else if (g_strcmp0 (view, "lists") == 0)
    {
      adw_button_content_set_label (self->new_content, _("_New Item"));
      gtk_widget_set_tooltip_text (self->new_button, _("A new resource, need, project or service (Ctrl+N)"));
    }
  else
    {
      adw_button_content_set_label (self->new_content, _("_New Unit"));
      gtk_widget_set_tooltip_text (self->new_button, _("A new resident unit (Ctrl+N)"));
    }
}

/* A new unit --------------------------------------------------------------- */

static void
insert_unit (GjUnitsPage *self,
             GjRecord    *unit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup_printf (_("the new unit “%s”"), gj_record_get_label (unit));
  g_autofree char *text = NULL;

  if (!gj_history_insert (self->history, unit, label, &error))
    {
      gj_record_form_toast (GTK_WIDGET (self), error->message, FALSE, TRUE);
      return;
    }
  text = g_strdup_printf (_("Added %s"), label);
  gj_record_form_toast (GTK_WIDGET (self), text, TRUE, FALSE);
  gj_units_page_show_record (self, GJ_TYPE_UNIT, gj_record_get_id (unit));
}

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GjUnitsPage      *self)
{
  GjRecord *unit = g_object_get_data (G_OBJECT (dialog), "unit");
  GjRecord *existing = g_object_get_data (G_OBJECT (dialog), "existing");

  if (g_str_equal (response, "add"))
    insert_unit (self, unit);
  else if (g_str_equal (response, "show"))
    gj_units_page_show_record (self, GJ_TYPE_UNIT, gj_record_get_id (existing));
}

/* Warns before a second copy of the same organisation is saved. */
static void
add_unit (GjUnitsPage *self,
          GjRecord    *unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) existing = NULL;
  g_autofree char *body = NULL;
  GjDuplicateMatch how = GJ_DUPLICATE_MATCH_NONE;
  GtkWidget *dialog;

  existing = gj_store_find_duplicate_unit (self->store, gj_record_get_text (unit, "credit_code"),
                                           gj_record_get_text (unit, "name"),
                                           gj_record_get_text (unit, "address"), &how, &error);
  if (error != NULL)
    g_warning ("Could not look for the same unit: %s", error->message);
  if (existing == NULL)
    {
      insert_unit (self, unit);
      return;
    }

  body = g_strdup_printf (_("“%s” is already stored (%s). Add another record for the same organisation anyway?"),
                          gj_record_get_label (existing), gj_duplicate_match_to_string (how));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("This Unit May Already Be Stored"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "show", _("_Show the Stored Unit"),
                                    "add", _("_Add Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "unit", g_object_ref (unit), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "existing", g_steal_pointer (&existing), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (duplicate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_unit_check_cb (GtkWidget        *any,
                   AdwMessageDialog *dialog)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *code = g_object_get_data (G_OBJECT (dialog), "credit_code");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (code)));
  g_autofree char *reason = NULL;
  gboolean code_ok = *text == '\0' || gj_credit_code_check (text, &reason);
  g_autofree char *named = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  /* A wrong check character is said while typing, with what it should be. */
  if (code_ok || g_utf8_strlen (text, -1) < 18)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (code), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (code), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (code), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (code), reason);
    }
  adw_message_dialog_set_response_enabled (dialog, "add", *named != '\0' && code_ok);
}

static void
new_unit_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GjUnitsPage      *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *code = g_object_get_data (G_OBJECT (dialog), "credit_code");
  GtkEditable *address = g_object_get_data (G_OBJECT (dialog), "address");
  AdwComboRow *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  GtkDropDown *street = g_object_get_data (G_OBJECT (dialog), "street");
  const GjFormChoice *kinds = gj_unit_kind_choices ();
  g_autoptr(GjRecord) unit = NULL;
  guint k;

  self->dialog = NULL;
  if (!g_str_equal (response, "add") || self->history == NULL)
    return;

  unit = GJ_RECORD (gj_unit_new ());
  gj_record_form_parse (unit, gj_record_class_find_field (GJ_RECORD_GET_CLASS (unit), "name", NULL),
                        GJ_FORM_TEXT, gtk_editable_get_text (name), NULL);
  gj_record_form_parse (unit, gj_record_class_find_field (GJ_RECORD_GET_CLASS (unit), "credit_code", NULL),
                        GJ_FORM_TEXT, gtk_editable_get_text (code), NULL);
  gj_record_form_parse (unit, gj_record_class_find_field (GJ_RECORD_GET_CLASS (unit), "address", NULL),
                        GJ_FORM_TEXT, gtk_editable_get_text (address), NULL);
  k = adw_combo_row_get_selected (kind);
  if (k != GTK_INVALID_LIST_POSITION && kinds[k].value != NULL && *kinds[k].value != '\0')
    gj_record_set_text (unit, "kind", kinds[k].value);
  if (gj_filters_street_get_id (street) != 0)
    gj_record_set_int (unit, "street_id", gj_filters_street_get_id (street));
  add_unit (self, unit);
}

static GtkWidget *
dialog_entry (GtkWidget        *list,
              AdwMessageDialog *dialog,
              const char       *key,
              const char       *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (dialog), key, row);
  g_signal_connect_object (row, "changed", G_CALLBACK (new_unit_check_cb), dialog, 0);
  return row;
}

static void
ask_new_unit (GjUnitsPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const GjFormChoice *choices = gj_unit_kind_choices ();
  GtkWidget *dialog, *list, *name, *kind, *street_row;
  GtkDropDown *street;

  if (self->dialog != NULL || self->history == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("New Resident Unit"),
                                   _("Its grid follows from its place, which can be picked on the map once it is added."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  name = dialog_entry (list, ADW_MESSAGE_DIALOG (dialog), "name", _("Name"));
  dialog_entry (list, ADW_MESSAGE_DIALOG (dialog), "credit_code", _("Credit code"));
  dialog_entry (list, ADW_MESSAGE_DIALOG (dialog), "address", _("Address"));

  for (guint i = 0; choices[i].title != NULL; i++)
    gtk_string_list_append (kinds, choices[i].title);
  kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  gtk_list_box_append (GTK_LIST_BOX (list), kind);
  g_object_set_data (G_OBJECT (dialog), "kind", kind);

  /* The street the unit is in, until its place says so. */
  street = gj_filters_street_new ();
  gj_filters_street_set_store (street, self->store);
  gj_filters_street_set_id (street, gj_filters_street_get_id (self->street_filter));
  street_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (street_row), _("Street"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (street_row), GTK_WIDGET (street));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (street_row), GTK_WIDGET (street));
  gtk_list_box_append (GTK_LIST_BOX (list), street_row);
  g_object_set_data (G_OBJECT (dialog), "street", street);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  new_unit_check_cb (NULL, ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_unit_response_cb), self, 0);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

/* Actions ------------------------------------------------------------------ */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  gj_units_page_new_record (GJ_UNITS_PAGE (widget));
}

static GjRecord *
shown_unit (GjUnitsPage *self)
{
  return gj_unit_panel_get_record (self->unit_panel);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GjUnitsPage *self = GJ_UNITS_PAGE (widget);
  g_autoptr(GjRecord) unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  if (gj_record_table_get_selected (self->units_table) == NULL || self->history == NULL)
    return;
  unit = g_object_ref (gj_record_table_get_selected (self->units_table));
  label = g_strdup_printf ("“%s”", gj_record_get_label (unit));
  if (!gj_history_delete (self->history, unit, label, &error))
    {
      gj_record_form_toast (widget, error->message, FALSE, TRUE);
      return;
    }
  text = g_strdup_printf (_("Moved %s to the trash"), label);
  gj_record_form_toast (widget, text, TRUE, FALSE);
}

static void
pick_place_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GjUnitsPage *self = GJ_UNITS_PAGE (widget);

  if (shown_unit (self) != NULL)
    g_signal_emit (self, signals[PICK_PLACE], 0, shown_unit (self));
}

static void
show_on_map_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GjUnitsPage *self = GJ_UNITS_PAGE (widget);
  GjRecord *unit = shown_unit (self);

  if (unit == NULL || gj_record_is_null (unit, "lon"))
    gtk_widget_error_bell (widget);
  else
    g_signal_emit (self, signals[SHOW_ON_MAP], 0, unit);
}

static void
verified_today_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  GjUnitsPage *self = GJ_UNITS_PAGE (widget);
  g_autofree char *today = gj_record_form_dup_today ();

  if (shown_unit (self) != NULL)
    gj_record_form_save (gj_unit_panel_get_form (self->unit_panel), "verified_date", today);
}

static void
close_panel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GjUnitsPage *self = GJ_UNITS_PAGE (widget);

  gj_record_table_select_id (self->units_table, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->units_table));
}

static void
show_agreement_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  gj_units_page_show_record (GJ_UNITS_PAGE (widget), GJ_TYPE_AGREEMENT, g_variant_get_int64 (param));
}

static void
show_unit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  gj_units_page_show_record (GJ_UNITS_PAGE (widget), GJ_TYPE_UNIT, g_variant_get_int64 (param));
}

static void
show_list_item_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  gj_units_page_show_record (GJ_UNITS_PAGE (widget), GJ_TYPE_LIST_ITEM, g_variant_get_int64 (param));
}

static void
new_agreement_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GjUnitsPage *self = GJ_UNITS_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, "agreements");
  gj_agreements_view_new_agreement (self->agreements_view, shown_unit (self));
}

/* GObject ------------------------------------------------------------------ */

static void
gj_units_page_dispose (GObject *object)
{
  GjUnitsPage *self = GJ_UNITS_PAGE (object);
  GtkWidget *child;

  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_UNITS_PAGE);
  /* A plain GtkWidget parent unparents the children the template gave it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filter);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_pointer (&self->today, g_date_free);

  G_OBJECT_CLASS (gj_units_page_parent_class)->dispose (object);
}

static gboolean
gj_units_page_grab_focus (GtkWidget *widget)
{
  GjRecordTable *table = gj_units_page_get_visible_table (GJ_UNITS_PAGE (widget));

  return table != NULL ? gtk_widget_grab_focus (GTK_WIDGET (table)) : FALSE;
}

static void
gj_units_page_class_init (GjUnitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_units_page_dispose;
  widget_class->grab_focus = gj_units_page_grab_focus;

  /**
   * GjUnitsPage::show-on-map:
   * @record: a unit with a place
   */
  signals[SHOW_ON_MAP] = g_signal_new ("show-on-map", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, GJ_TYPE_RECORD);
  /**
   * GjUnitsPage::pick-place:
   * @record: the unit whose place is to be picked on the map
   */
  signals[PICK_PLACE] = g_signal_new ("pick-place", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, GJ_TYPE_RECORD);

  g_type_ensure (GJ_TYPE_RECORD_TABLE);
  g_type_ensure (GJ_TYPE_UNIT_PANEL);
  g_type_ensure (GJ_TYPE_AGREEMENTS_VIEW);
  g_type_ensure (GJ_TYPE_LISTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-units-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GjUnitsPage, agreements_view);
  gtk_widget_class_bind_template_child (widget_class, GjUnitsPage, lists_view);
  gtk_widget_class_bind_template_child (widget_class, GjUnitsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, GjUnitsPage, new_content);
  gtk_widget_class_bind_template_child (widget_class, GjUnitsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GjUnitsPage, unit_panel);
  gtk_widget_class_bind_template_child (widget_class, GjUnitsPage, unit_revealer);
  gtk_widget_class_bind_template_child (widget_class, GjUnitsPage, units_table);

  gtk_widget_class_install_action (widget_class, "units.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "units.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "units.pick-place", NULL, pick_place_action);
  gtk_widget_class_install_action (widget_class, "units.show-on-map", NULL, show_on_map_action);
  gtk_widget_class_install_action (widget_class, "units.verified-today", NULL, verified_today_action);
  gtk_widget_class_install_action (widget_class, "units.close-panel", NULL, close_panel_action);
  gtk_widget_class_install_action (widget_class, "units.show-agreement", "x", show_agreement_action);
  gtk_widget_class_install_action (widget_class, "units.show-unit", "x", show_unit_action);
  gtk_widget_class_install_action (widget_class, "units.show-list-item", "x", show_list_item_action);
  gtk_widget_class_install_action (widget_class, "units.new-agreement", NULL, new_agreement_action);

  gtk_widget_class_set_css_name (widget_class, "unitspage");
}

static void
gj_units_page_init (GjUnitsPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->today = gj_today ();

  self->street_filter = gj_filters_street_new ();
  self->kind_filter = gj_filters_choice_new (_("All kinds"), gj_unit_kind_choices ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_filter), _("Show the units of one kind"));
  self->stale_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("Needs _Checking")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stale_toggle),
                               _("Only the units whose details were not verified in the last year"));
  gtk_widget_set_valign (GTK_WIDGET (self->stale_toggle), GTK_ALIGN_CENTER);
  gj_record_table_add_filter_widget (self->units_table, GTK_WIDGET (self->street_filter));
  gj_record_table_add_filter_widget (self->units_table, GTK_WIDGET (self->kind_filter));
  gj_record_table_add_filter_widget (self->units_table, GTK_WIDGET (self->stale_toggle));
  g_signal_connect_object (self->street_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stale_toggle, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->filter = gtk_custom_filter_new (unit_visible, self, NULL);
  gj_record_table_set_filter (self->units_table, GTK_FILTER (self->filter));
  gj_record_table_set_cell_func (self->units_table, unit_cell, self, NULL);
  g_signal_connect_object (self->units_table, "notify::selected", G_CALLBACK (unit_selected_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (gj_unit_panel_get_form (self->unit_panel), "saved", G_CALLBACK (form_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gj_unit_panel_get_form (self->unit_panel), "failed", G_CALLBACK (form_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  view_changed_cb (self);

  /* Delete moves the selected unit to the trash; Esc closes its form. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("units.delete")));
  gtk_widget_add_controller (GTK_WIDGET (gj_record_table_get_column_view (self->units_table)), shortcuts);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("units.close-panel")));
  gtk_widget_add_controller (GTK_WIDGET (self->unit_panel), shortcuts);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.delete", FALSE);
}

void
gj_units_page_set_store (GjUnitsPage *self,
                         GjStore     *store)
{
  g_return_if_fail (GJ_IS_UNITS_PAGE (self));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->today, g_date_free);
  self->today = gj_today ();
  gj_filters_street_set_store (self->street_filter, store);
  gj_unit_panel_set_store (self->unit_panel, store);
  gj_record_table_set_store (self->units_table, store);
  gj_agreements_view_set_store (self->agreements_view, store);
  gj_lists_view_set_store (self->lists_view, store);
}

void
gj_units_page_set_history (GjUnitsPage *self,
                           GjHistory   *history)
{
  g_return_if_fail (GJ_IS_UNITS_PAGE (self));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    g_signal_connect_object (history, "changed", G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  gj_record_form_set_history (gj_unit_panel_get_form (self->unit_panel), history);
  gj_agreements_view_set_history (self->agreements_view, history);
  gj_lists_view_set_history (self->lists_view, history);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.new", history != NULL);
}

GjRecordTable *
gj_units_page_get_table (GjUnitsPage *self,
                         GType        type)
{
  g_return_val_if_fail (GJ_IS_UNITS_PAGE (self), NULL);

  if (type == GJ_TYPE_UNIT)
    return self->units_table;
  if (type == GJ_TYPE_AGREEMENT)
    return gj_agreements_view_get_table (self->agreements_view);
  if (type == GJ_TYPE_LIST_ITEM)
    return gj_lists_view_get_table (self->lists_view);
  return NULL;
}

GjRecordTable *
gj_units_page_get_visible_table (GjUnitsPage *self)
{
  const char *view;

  g_return_val_if_fail (GJ_IS_UNITS_PAGE (self), NULL);

  view = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (view, "agreements") == 0)
    return gj_agreements_view_get_table (self->agreements_view);
  if (g_strcmp0 (view, "lists") == 0)
    return gj_lists_view_get_visible_table (self->lists_view);
  return self->units_table;
}

void
gj_units_page_reload (GjUnitsPage *self)
{
  g_return_if_fail (GJ_IS_UNITS_PAGE (self));

  gj_filters_street_set_store (self->street_filter, self->store);
  gj_record_table_reload (self->units_table);
  gj_agreements_view_reload (self->agreements_view);
  gj_lists_view_reload (self->lists_view);
}

void
gj_units_page_new_record (GjUnitsPage *self)
{
  const char *view;

  g_return_if_fail (GJ_IS_UNITS_PAGE (self));

  view = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (view, "agreements") == 0)
    gj_agreements_view_new_agreement (self->agreements_view, NULL);
  else if (g_strcmp0 (view, "lists") == 0)
    gj_lists_view_new_item (self->lists_view);
  else
    ask_new_unit (self);
}

void
gj_units_page_show_record (GjUnitsPage *self,
                           GType        type,
                           gint64       id)
{
  g_return_if_fail (GJ_IS_UNITS_PAGE (self));

  if (type == GJ_TYPE_UNIT)
    {
      gtk_stack_set_visible_child_name (self->stack, "units");
      /* A filter that hides it would hide the answer too. */
      if (!gj_record_table_select_id (self->units_table, id))
        {
          gj_units_page_filter_units (self, 0, NULL, FALSE);
          gj_record_table_search (self->units_table, "");
          gj_record_table_select_id (self->units_table, id);
        }
    }
  else if (type == GJ_TYPE_AGREEMENT)
    {
      gtk_stack_set_visible_child_name (self->stack, "agreements");
      gj_agreements_view_show (self->agreements_view, id);
    }
  else if (type == GJ_TYPE_LIST_ITEM)
    {
      gtk_stack_set_visible_child_name (self->stack, "lists");
      gj_lists_view_show (self->lists_view, id);
    }
}

GtkStack *
gj_units_page_get_stack (GjUnitsPage *self)
{
  g_return_val_if_fail (GJ_IS_UNITS_PAGE (self), NULL);
  return self->stack;
}

GjUnitPanel *
gj_units_page_get_unit_panel (GjUnitsPage *self)
{
  g_return_val_if_fail (GJ_IS_UNITS_PAGE (self), NULL);
  return self->unit_panel;
}

GjAgreementsView *
gj_units_page_get_agreements_view (GjUnitsPage *self)
{
  g_return_val_if_fail (GJ_IS_UNITS_PAGE (self), NULL);
  return self->agreements_view;
}

GjListsView *
gj_units_page_get_lists_view (GjUnitsPage *self)
{
  g_return_val_if_fail (GJ_IS_UNITS_PAGE (self), NULL);
  return self->lists_view;
}

void
gj_units_page_filter_units (GjUnitsPage *self,
                            gint64       street_id,
                            const char  *kind,
                            gboolean     stale_only)
{
  g_return_if_fail (GJ_IS_UNITS_PAGE (self));

  gj_filters_street_set_id (self->street_filter, street_id);
  if (!gj_filters_choice_set_value (self->kind_filter, kind))
    gtk_drop_down_set_selected (self->kind_filter, 0);
  gtk_toggle_button_set_active (self->stale_toggle, stale_only);
  filter_changed_cb (self);
}
