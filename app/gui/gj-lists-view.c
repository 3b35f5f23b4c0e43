/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gj-filters.h"
#include "gj-lists-view.h"
#include "gj-record-form.h"
#include "gj-record-table-private.h"
#include "gj-store-units.h"

struct _GjListsView
{
  GtkWidget            parent_instance;

  /* Template children */
  AdwPreferencesGroup *item_group;
  GtkLabel            *matches_label;
  GtkListBox          *matches_list;
  GtkListBox          *needs_list;
  GtkRevealer         *revealer;
  GtkStack            *stack;
  GjRecordTable       *table;

  GtkDropDown         *list_filter;
  GtkDropDown         *status_filter;
  GtkDropDown         *street_filter;
  GtkCustomFilter     *filter;
  AdwComboRow         *status_row;

  GjRecordForm        *form;
  GjStore             *store;
  GjHistory           *history;
  /* unit id → name, and record id → street id, read with the rows. */
  GHashTable          *unit_names;
  GHashTable          *unit_streets;
  GHashTable          *grid_streets;
  GHashTable          *community_streets;
  GListModel          *needs;
  GListModel          *matches;
  GjRecord            *need;
  GtkWidget           *dialog;
  guint                updating_status : 1;
};

G_DEFINE_FINAL_TYPE (GjListsView, gj_lists_view, GTK_TYPE_WIDGET)

static const GjFormChoice list_kinds[] = {
  { "resource", NC_("list", "Resources") },
  { "need", NC_("list", "Needs") },
  { "project", NC_("list", "Projects") },
  { "service", NC_("list", "Services") },
  { NULL, NULL },
};

static GjFormChoice *
kind_choices (GjFormChoice *out)
{
  guint i;

  for (i = 0; list_kinds[i].title != NULL; i++)
    {
      out[i].value = list_kinds[i].value;
      out[i].title = gj_list_kind_get_title ((GjListKind) i);
    }
  out[i].value = out[i].title = NULL;
  return out;
}

static gint64
lookup (GHashTable *table,
        gint64      id)
{
  return table != NULL ? GPOINTER_TO_SIZE (g_hash_table_lookup (table, GSIZE_TO_POINTER ((gsize) id))) : 0;
}

/* An item's street: its grid's, else its owner unit's, else its community's. */
static gint64
item_street (GjListsView *self,
             GjRecord    *item)
{
  gint64 street = 0;

  if (!gj_record_is_null (item, "grid_id"))
    street = lookup (self->grid_streets, gj_record_get_int (item, "grid_id"));
  if (street == 0 && !gj_record_is_null (item, "owner_unit_id"))
    street = lookup (self->unit_streets, gj_record_get_int (item, "owner_unit_id"));
  if (street == 0 && !gj_record_is_null (item, "owner_community_id"))
    street = lookup (self->community_streets, gj_record_get_int (item, "owner_community_id"));
  return street;
}

static const char *
owner_name (GjListsView *self,
            GjRecord    *item)
{
  if (self->unit_names == NULL || gj_record_is_null (item, "owner_unit_id"))
    return NULL;
  return g_hash_table_lookup (self->unit_names, GSIZE_TO_POINTER ((gsize) gj_record_get_int (item, "owner_unit_id")));
}

static GHashTable *
read_map (GjStore    *store,
          GType       type,
          const char *field,
          GHashTable *names)
{
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *map = g_hash_table_new (NULL, NULL);

  records = gj_store_list_full (store, type, NULL, GJ_STORE_LIST_NO_GEOMETRY, &error);
  if (error != NULL)
    g_warning ("Could not read %s: %s", g_type_name (type), error->message);
  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(GjRecord) record = g_list_model_get_item (records, i);
      gpointer key = GSIZE_TO_POINTER ((gsize) gj_record_get_id (record));

      g_hash_table_insert (map, key, GSIZE_TO_POINTER ((gsize) gj_record_get_int (record, field)));
      if (names != NULL)
        g_hash_table_insert (names, key, g_strdup (gj_record_get_label (record)));
    }
  return map;
}

static void
read_places (GjListsView *self)
{
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  g_clear_pointer (&self->unit_streets, g_hash_table_unref);
  g_clear_pointer (&self->grid_streets, g_hash_table_unref);
  g_clear_pointer (&self->community_streets, g_hash_table_unref);
  if (self->store == NULL)
    return;
  self->unit_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->unit_streets = read_map (self->store, GJ_TYPE_UNIT, "street_id", self->unit_names);
  self->grid_streets = read_map (self->store, GJ_TYPE_GRID, "street_id", NULL);
  self->community_streets = read_map (self->store, GJ_TYPE_COMMUNITY, "street_id", NULL);
}

/* The items table ---------------------------------------------------------- */

static gboolean
item_visible (gpointer item,
              gpointer user_data)
{
  GjListsView *self = user_data;
  guint list = gtk_drop_down_get_selected (self->list_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  gint64 street = gj_filters_street_get_id (self->street_filter);

  if (list > 0 && gj_list_item_get_kind (item) != (GjListKind) (list - 1))
    return FALSE;
  if (status > 0 && gj_list_item_get_status (item) != (GjListItemStatus) (status - 1))
    return FALSE;
  if (street != 0 && item_street (self, item) != street)
    return FALSE;
  return TRUE;
}

static char *
item_cell (GjRecord    *record,
           const char  *field,
           const char **css_class,
           gpointer     user_data)
{
  GjListsView *self = user_data;

  if (g_str_equal (field, "list"))
    {
      GjListKind kind = gj_list_item_get_kind (GJ_LIST_ITEM (record));

      return kind != GJ_LIST_INVALID ? g_strdup (gj_list_kind_get_title (kind)) : NULL;
    }
  if (g_str_equal (field, "status"))
    {
      GjListItemStatus status = gj_list_item_get_status (GJ_LIST_ITEM (record));

      if (status == GJ_LIST_ITEM_STATUS_INVALID)
        return NULL;
      *css_class = gj_list_item_is_open (GJ_LIST_ITEM (record)) ? "open-item" : NULL;
      return g_strdup (gj_list_item_status_get_title (status));
    }
  if (g_str_equal (field, "quantity") && !gj_record_is_null (record, "quantity"))
    {
      g_autofree char *figure = g_strdup_printf ("%g", gj_record_get_real (record, "quantity"));
      const char *measure = gj_record_get_text (record, "measure");

      /* 20 小时, 3 间 */
      return measure != NULL ? g_strdup_printf ("%s %s", figure, measure) : g_steal_pointer (&figure);
    }
  if (g_str_equal (field, "owner"))
    return g_strdup (owner_name (self, record));
  return NULL;
}

static void
filter_changed_cb (GjListsView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gj_record_table_refilter (self->table);
}

static void
update_status_row (GjListsView *self)
{
  GjRecord *item = gj_record_form_get_record (self->form);
  GjListItemStatus status = item != NULL ? gj_list_item_get_status (GJ_LIST_ITEM (item)) : GJ_LIST_ITEM_OFFERED;

  self->updating_status = TRUE;
  if (status != GJ_LIST_ITEM_STATUS_INVALID)
    adw_combo_row_set_selected (self->status_row, status);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "error");
  self->updating_status = FALSE;
}

static void
selected_cb (GjListsView *self)
{
  GjRecord *item = gj_record_table_get_selected (self->table);

  if (item != NULL)
    {
      GtkWidget *owner = g_object_get_data (G_OBJECT (self->item_group), "owner");

      gj_record_form_set_record (self->form, item);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (owner), owner_name (self, item) ?: "—");
      update_status_row (self);
    }
  gtk_revealer_set_reveal_child (self->revealer, item != NULL);
}

/* The lifecycle is the store's: offered → claimed → matched → in progress → done. */
static void
status_chosen_cb (GjListsView *self)
{
  GjRecord *item = gj_record_form_get_record (self->form);
  g_autoptr(GjRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->status_row);
  g_autofree char *text = NULL;

  if (self->updating_status || item == NULL || self->store == NULL || selected == GTK_INVALID_LIST_POSITION
      || (GjListItemStatus) selected == gj_list_item_get_status (GJ_LIST_ITEM (item)))
    return;
  copy = gj_record_copy (item);
  if (!gj_store_set_list_item_status (self->store, copy, (GjListItemStatus) selected, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_row), error->message);
      gj_record_form_toast (GTK_WIDGET (self), error->message, FALSE, TRUE);
      return;
    }
  text = g_strdup_printf (_("“%s” is now “%s”"), gj_record_get_label (copy),
                          gj_list_item_status_get_title ((GjListItemStatus) selected));
  gj_record_form_toast (GTK_WIDGET (self), text, FALSE, FALSE);
  gj_lists_view_reload (self);
}

static void
form_saved_cb (GjListsView *self,
               const char  *label)
{
  g_autofree char *text = g_strdup_printf (_("Changed %s"), label);

  gj_record_form_toast (GTK_WIDGET (self), text, TRUE, FALSE);
}

static void
form_failed_cb (GjListsView *self,
                const char  *message)
{
  gj_record_form_toast (GTK_WIDGET (self), message, FALSE, TRUE);
}

/* Matching ----------------------------------------------------------------- */

static GtkWidget *
create_need_row (gpointer item,
                 gpointer user_data)
{
  GjListMatch *match = item;
  GjRecord *need = GJ_RECORD (gj_list_match_get_item (match));
  guint n = gj_list_match_get_n_matches (match);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (n == 0)
    subtitle = g_strdup_printf (_("%s · nothing offered nearby yet"), gj_record_get_text (need, "category") ?: "—");
  else
    subtitle = g_strdup_printf (ngettext ("%s · %u match, nearest: %s", "%s · %u matches, nearest: %s", n),
                                gj_record_get_text (need, "category") ?: "—", n,
                                gj_match_level_get_title (gj_list_match_get_level (match)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gj_record_get_label (need));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "need", g_object_ref (need), g_object_unref);
  return row;
}

static GtkWidget *
create_match_row (gpointer item,
                  gpointer user_data)
{
  GjListsView *self = user_data;
  GjListMatch *match = item;
  GjRecord *offer = GJ_RECORD (gj_list_match_get_item (match));
  GjListKind kind = gj_list_item_get_kind (GJ_LIST_ITEM (offer));
  const char *owner = owner_name (self, offer);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *why = gtk_label_new (gj_match_level_get_title (gj_list_match_get_level (match)));
  GtkWidget *claim = gtk_button_new_with_mnemonic (_("_Claim"));

  subtitle = g_strjoin (" · ", kind != GJ_LIST_INVALID ? gj_list_kind_get_title (kind) : "",
                        gj_record_get_text (offer, "category") ?: "", owner ?: "", NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gj_record_get_label (offer));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (why, "match-level");
  gtk_widget_add_css_class (why, gj_list_match_get_level (match) == GJ_MATCH_SAME_GRID ? "near" : "far");
  gtk_widget_set_valign (why, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), why);
  gtk_widget_set_valign (claim, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (claim, "suggested-action");
  gtk_widget_set_tooltip_text (claim, _("Match the need with this offer (认领)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (claim), "lists.claim");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (claim), "x", gj_record_get_id (offer));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), claim);
  return row;
}

static void
show_matches (GjListsView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->matches);
  if (self->need != NULL && self->store != NULL)
    {
      g_autofree char *heading = NULL;

      self->matches = gj_store_list_matches (self->store, self->need, &error);
      if (error != NULL)
        gj_record_form_toast (GTK_WIDGET (self), error->message, FALSE, TRUE);
      heading = g_strdup_printf (_("Offers for “%s”, nearest first"), gj_record_get_label (self->need));
      gtk_label_set_label (self->matches_label, heading);
    }
  else
    gtk_label_set_label (self->matches_label, _("Choose a need to see the offers near it"));
  gtk_list_box_bind_model (self->matches_list, self->matches, create_match_row, self, NULL);
}

static void
need_selected_cb (GjListsView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->needs_list);

  g_clear_object (&self->need);
  if (row != NULL)
    self->need = g_object_ref (g_object_get_data (G_OBJECT (row), "need"));
  show_matches (self);
}

static void
read_needs (GjListsView *self)
{
  g_autoptr(GError) error = NULL;
  gint64 need_id = self->need != NULL ? gj_record_get_id (self->need) : 0;

  g_clear_object (&self->needs);
  if (self->store != NULL)
    self->needs = gj_store_list_open_needs (self->store, FALSE, &error);
  if (error != NULL)
    g_warning ("Could not read the open needs: %s", error->message);
  gtk_list_box_bind_model (self->needs_list, self->needs, create_need_row, self, NULL);
  if (need_id == 0 || !gj_lists_view_select_need (self, need_id))
    {
      g_clear_object (&self->need);
      show_matches (self);
    }
}

gboolean
gj_lists_view_claim (GjListsView *self,
                     gint64       resource_id)
{
  g_autoptr(GjRecord) offer = NULL;
  g_autoptr(GjRecord) need = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GJ_IS_LISTS_VIEW (self), FALSE);

  if (self->need == NULL || self->store == NULL)
    return FALSE;
  offer = gj_store_get (self->store, GJ_TYPE_LIST_ITEM, resource_id, &error);
  need = g_object_ref (self->need);
  if (offer == NULL || !gj_store_claim_match (self->store, need, offer, &error))
    {
      gj_record_form_toast (GTK_WIDGET (self), error->message, FALSE, TRUE);
      return FALSE;
    }
  text = g_strdup_printf (_("“%s” is matched with “%s”"), gj_record_get_label (need), gj_record_get_label (offer));
  gj_record_form_toast (GTK_WIDGET (self), text, FALSE, FALSE);
  gj_lists_view_reload (self);
  return TRUE;
}

static void
claim_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gj_lists_view_claim (GJ_LISTS_VIEW (widget), g_variant_get_int64 (param));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GjListsView *self = GJ_LISTS_VIEW (widget);
  GjRecord *selected = gj_record_table_get_selected (self->table);
  g_autoptr(GjRecord) item = selected != NULL ? g_object_ref (selected) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  if (item == NULL || self->history == NULL)
    return;
  label = g_strdup_printf ("“%s”", gj_record_get_label (item));
  if (!gj_history_delete (self->history, item, label, &error))
    {
      gj_record_form_toast (widget, error->message, FALSE, TRUE);
      return;
    }
  text = g_strdup_printf (_("Moved %s to the trash"), label);
  gj_record_form_toast (widget, text, TRUE, FALSE);
}

static void
close_panel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GjListsView *self = GJ_LISTS_VIEW (widget);

  gj_record_table_select_id (self->table, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->table));
}

/* A new item --------------------------------------------------------------- */

static void
new_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 GjListsView      *self)
{
  AdwComboRow *list = g_object_get_data (G_OBJECT (dialog), "list");
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");
  GtkEditable *category = g_object_get_data (G_OBJECT (dialog), "category");
  GtkDropDown *units = g_object_get_data (G_OBJECT (dialog), "units");
  GjRecord *unit = gtk_drop_down_get_selected_item (units);
  g_autoptr(GjRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  guint kind = adw_combo_row_get_selected (list);

  self->dialog = NULL;
  if (!g_str_equal (response, "add") || self->history == NULL || kind >= G_N_ELEMENTS (list_kinds) - 1)
    return;
  item = GJ_RECORD (gj_list_item_new ());
  gj_record_set_text (item, "list", list_kinds[kind].value);
  gj_record_form_parse (item, gj_record_class_find_field (GJ_RECORD_GET_CLASS (item), "title", NULL),
                        GJ_FORM_TEXT, gtk_editable_get_text (title), NULL);
  gj_record_form_parse (item, gj_record_class_find_field (GJ_RECORD_GET_CLASS (item), "category", NULL),
                        GJ_FORM_TEXT, gtk_editable_get_text (category), NULL);
  gj_record_set_text (item, "status", "offered");
  if (unit != NULL)
    {
      gj_record_set_int (item, "owner_unit_id", gj_record_get_id (unit));
      if (!gj_record_is_null (unit, "grid_id"))
        gj_record_set_int (item, "grid_id", gj_record_get_int (unit, "grid_id"));
    }
  label = g_strdup_printf (_("the new item “%s”"), gj_record_get_label (item));
  if (!gj_history_insert (self->history, item, label, &error))
    {
      gj_record_form_toast (GTK_WIDGET (self), error->message, FALSE, TRUE);
      return;
    }
  text = g_strdup_printf (_("Added %s"), label);
  gj_record_form_toast (GTK_WIDGET (self), text, TRUE, FALSE);
  gj_lists_view_show (self, gj_record_get_id (item));
}

static void
new_title_changed_cb (GtkEditable      *title,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (title)));

  adw_message_dialog_set_response_enabled (dialog, "add", *text != '\0');
}

void
gj_lists_view_new_item (GjListsView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog, *list, *kind, *title, *category, *unit_row;
  GtkDropDown *dropdown;
  guint chosen = gtk_drop_down_get_selected (self->list_filter);

  g_return_if_fail (GJ_IS_LISTS_VIEW (self));

  if (self->dialog != NULL || self->history == NULL || self->store == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("New List Item"),
                                   _("A resource, need, project or service; needs are matched with the resources and services of their category nearby."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; list_kinds[i].title != NULL; i++)
    gtk_string_list_append (kinds, gj_list_kind_get_title ((GjListKind) i));
  kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("List"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  if (chosen > 0)
    adw_combo_row_set_selected (ADW_COMBO_ROW (kind), chosen - 1);
  gtk_list_box_append (GTK_LIST_BOX (list), kind);
  title = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Title"));
  gtk_list_box_append (GTK_LIST_BOX (list), title);
  category = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (category), _("Category"));
  gtk_list_box_append (GTK_LIST_BOX (list), category);

  units = gj_store_list_full (self->store, GJ_TYPE_UNIT, NULL, GJ_STORE_LIST_NO_GEOMETRY, &error);
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (units != NULL ? g_object_ref (units) : NULL,
                                               gtk_property_expression_new (GJ_TYPE_UNIT, NULL, "name")));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
  unit_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (unit_row), _("Unit"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (unit_row), GTK_WIDGET (dropdown));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (unit_row), GTK_WIDGET (dropdown));
  gtk_list_box_append (GTK_LIST_BOX (list), unit_row);

  g_object_set_data (G_OBJECT (dialog), "list", kind);
  g_object_set_data (G_OBJECT (dialog), "title", title);
  g_object_set_data (G_OBJECT (dialog), "category", category);
  g_object_set_data (G_OBJECT (dialog), "units", dropdown);
  g_signal_connect_object (title, "changed", G_CALLBACK (new_title_changed_cb), dialog, 0);
  new_title_changed_cb (GTK_EDITABLE (title), ADW_MESSAGE_DIALOG (dialog));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_response_cb), self, 0);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title);
}

/* GObject ------------------------------------------------------------------ */

static void
gj_lists_view_dispose (GObject *object)
{
  GjListsView *self = GJ_LISTS_VIEW (object);
  GtkWidget *child;

  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_LISTS_VIEW);
  /* A plain GtkWidget parent unparents the children the template gave it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filter);
  g_clear_object (&self->form);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_object (&self->needs);
  g_clear_object (&self->matches);
  g_clear_object (&self->need);
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  g_clear_pointer (&self->unit_streets, g_hash_table_unref);
  g_clear_pointer (&self->grid_streets, g_hash_table_unref);
  g_clear_pointer (&self->community_streets, g_hash_table_unref);

  G_OBJECT_CLASS (gj_lists_view_parent_class)->dispose (object);
}

static void
gj_lists_view_class_init (GjListsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_lists_view_dispose;

  g_type_ensure (GJ_TYPE_RECORD_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-lists-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GjListsView, item_group);
  gtk_widget_class_bind_template_child (widget_class, GjListsView, matches_label);
  gtk_widget_class_bind_template_child (widget_class, GjListsView, matches_list);
  gtk_widget_class_bind_template_child (widget_class, GjListsView, needs_list);
  gtk_widget_class_bind_template_child (widget_class, GjListsView, revealer);
  gtk_widget_class_bind_template_child (widget_class, GjListsView, stack);
  gtk_widget_class_bind_template_child (widget_class, GjListsView, table);

  gtk_widget_class_install_action (widget_class, "lists.claim", "x", claim_action);
  gtk_widget_class_install_action (widget_class, "lists.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "lists.close-panel", NULL, close_panel_action);
  gtk_widget_class_set_css_name (widget_class, "listsview");
}

static void
gj_lists_view_init (GjListsView *self)
{
  g_autoptr(GtkStringList) lists = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) row_statuses = gtk_string_list_new (NULL);
  GjFormChoice kinds[G_N_ELEMENTS (list_kinds)];
  GtkEventController *shortcuts;
  GtkWidget *owner, *label;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (lists, _("All lists"));
  for (GjListKind k = GJ_LIST_RESOURCE; k <= GJ_LIST_SERVICE; k++)
    gtk_string_list_append (lists, gj_list_kind_get_title (k));
  gtk_string_list_append (statuses, _("All statuses"));
  for (GjListItemStatus s = GJ_LIST_ITEM_OFFERED; s <= GJ_LIST_ITEM_DONE; s++)
    {
      gtk_string_list_append (statuses, gj_list_item_status_get_title (s));
      gtk_string_list_append (row_statuses, gj_list_item_status_get_title (s));
    }
  self->list_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&lists)), NULL));
  self->status_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&statuses)), NULL));
  self->street_filter = gj_filters_street_new ();
  gtk_widget_set_valign (GTK_WIDGET (self->list_filter), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->status_filter), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->list_filter), _("Show one of the four lists"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_filter), _("Show the items of one status"));
  gj_record_table_add_filter_widget (self->table, GTK_WIDGET (self->list_filter));
  gj_record_table_add_filter_widget (self->table, GTK_WIDGET (self->status_filter));
  gj_record_table_add_filter_widget (self->table, GTK_WIDGET (self->street_filter));
  g_signal_connect_object (self->list_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->street_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->filter = gtk_custom_filter_new (item_visible, self, NULL);
  gj_record_table_set_filter (self->table, GTK_FILTER (self->filter));
  gj_record_table_set_cell_func (self->table, item_cell, self, NULL);
  gj_record_table_insert_column (self->table, 4, "owner", _("Owner"), NULL);
  g_signal_connect_object (self->table, "notify::selected", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);

  /* The item's form. */
  self->form = gj_record_form_new ();
  g_signal_connect_object (self->form, "saved", G_CALLBACK (form_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "failed", G_CALLBACK (form_failed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->item_group, gj_record_form_add_row (self->form, GJ_TYPE_LIST_ITEM, "title",
                                                                       GJ_FORM_TEXT, NULL));
  adw_preferences_group_add (self->item_group, gj_record_form_add_row (self->form, GJ_TYPE_LIST_ITEM, "list",
                                                                       GJ_FORM_CHOICE, kind_choices (kinds)));
  self->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Status"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (row_statuses));
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (status_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->item_group, GTK_WIDGET (self->status_row));
  adw_preferences_group_add (self->item_group, gj_record_form_add_row (self->form, GJ_TYPE_LIST_ITEM, "category",
                                                                       GJ_FORM_TEXT, NULL));
  adw_preferences_group_add (self->item_group, gj_record_form_add_row (self->form, GJ_TYPE_LIST_ITEM, "quantity",
                                                                       GJ_FORM_REAL, NULL));
  adw_preferences_group_add (self->item_group, gj_record_form_add_row (self->form, GJ_TYPE_LIST_ITEM, "measure",
                                                                       GJ_FORM_TEXT, NULL));
  owner = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (owner), _("Owner"));
  gtk_widget_add_css_class (owner, "property");
  adw_preferences_group_add (self->item_group, owner);
  g_object_set_data (G_OBJECT (self->item_group), "owner", owner);
  adw_preferences_group_add (self->item_group, gj_record_form_add_row (self->form, GJ_TYPE_LIST_ITEM, "grid_code",
                                                                       GJ_FORM_NONE, NULL));
  adw_preferences_group_add (self->item_group, gj_record_form_add_row (self->form, GJ_TYPE_LIST_ITEM, "description",
                                                                       GJ_FORM_TEXT, NULL));
  adw_preferences_group_add (self->item_group, gj_record_form_add_row (self->form, GJ_TYPE_LIST_ITEM, "remark",
                                                                       GJ_FORM_TEXT, NULL));

  label = gtk_label_new (_("No open needs"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (self->needs_list, label);
  label = gtk_label_new (_("No open resource or service of this category"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_box_set_placeholder (self->matches_list, label);
  g_signal_connect_object (self->needs_list, "selected-rows-changed", G_CALLBACK (need_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (read_needs), self,
                           G_CONNECT_SWAPPED);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("lists.delete")));
  gtk_widget_add_controller (GTK_WIDGET (gj_record_table_get_column_view (self->table)), shortcuts);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("lists.close-panel")));
  gtk_widget_add_controller (GTK_WIDGET (self->revealer), shortcuts);
}

void
gj_lists_view_set_store (GjListsView *self,
                         GjStore     *store)
{
  g_return_if_fail (GJ_IS_LISTS_VIEW (self));

  g_set_object (&self->store, store);
  g_clear_object (&self->need);
  gj_filters_street_set_store (self->street_filter, store);
  gj_record_form_set_record (self->form, NULL);
  read_places (self);
  gj_record_table_set_store (self->table, store);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "matching") == 0)
    read_needs (self);
}

void
gj_lists_view_set_history (GjListsView *self,
                           GjHistory   *history)
{
  g_return_if_fail (GJ_IS_LISTS_VIEW (self));

  g_set_object (&self->history, history);
  gj_record_form_set_history (self->form, history);
}

GjRecordTable *
gj_lists_view_get_table (GjListsView *self)
{
  g_return_val_if_fail (GJ_IS_LISTS_VIEW (self), NULL);
  return self->table;
}

GjRecordTable *
gj_lists_view_get_visible_table (GjListsView *self)
{
  g_return_val_if_fail (GJ_IS_LISTS_VIEW (self), NULL);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "items") == 0 ? self->table : NULL;
}

void
gj_lists_view_reload (GjListsView *self)
{
  g_return_if_fail (GJ_IS_LISTS_VIEW (self));

  read_places (self);
  gj_record_table_reload (self->table);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "matching") == 0)
    read_needs (self);
}

void
gj_lists_view_show (GjListsView *self,
                    gint64       id)
{
  g_return_if_fail (GJ_IS_LISTS_VIEW (self));

  gtk_stack_set_visible_child_name (self->stack, "items");
  if (!gj_record_table_select_id (self->table, id))
    {
      gj_lists_view_filter (self, -1, -1, 0);
      gj_record_table_search (self->table, "");
      gj_record_table_select_id (self->table, id);
    }
}

void
gj_lists_view_show_matching (GjListsView *self,
                             gboolean     matching)
{
  g_return_if_fail (GJ_IS_LISTS_VIEW (self));
  gtk_stack_set_visible_child_name (self->stack, matching ? "matching" : "items");
}

GListModel *
gj_lists_view_get_needs (GjListsView *self)
{
  g_return_val_if_fail (GJ_IS_LISTS_VIEW (self), NULL);
  return self->needs;
}

gboolean
gj_lists_view_select_need (GjListsView *self,
                           gint64       need_id)
{
  g_return_val_if_fail (GJ_IS_LISTS_VIEW (self), FALSE);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->needs_list, i);
      GjRecord *need;

      if (row == NULL)
        return FALSE;
      need = g_object_get_data (G_OBJECT (row), "need");
      if (need != NULL && gj_record_get_id (need) == need_id)
        {
          gtk_list_box_select_row (self->needs_list, row);
          return TRUE;
        }
    }
}

GListModel *
gj_lists_view_get_matches (GjListsView *self)
{
  g_return_val_if_fail (GJ_IS_LISTS_VIEW (self), NULL);
  return self->matches;
}

void
gj_lists_view_filter (GjListsView *self,
                      int          list,
                      int          status,
                      gint64       street_id)
{
  g_return_if_fail (GJ_IS_LISTS_VIEW (self));

  gtk_drop_down_set_selected (self->list_filter, list < 0 ? 0 : (guint) list + 1);
  gtk_drop_down_set_selected (self->status_filter, status < 0 ? 0 : (guint) status + 1);
  gj_filters_street_set_id (self->street_filter, street_id);
  filter_changed_cb (self);
}
