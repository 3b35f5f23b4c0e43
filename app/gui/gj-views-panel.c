/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gj-map-view-private.h"
#include "gj-store-overview.h"
#include "gj-views-panel.h"

struct _GjViewsPanel
{
  GtkWidget        parent_instance;

  /* Template widgets. */
  GtkListBox      *list;
  AdwToastOverlay *toast_overlay;

  GjStore         *store;
  GjMapView       *map_view;
  AdwToastOverlay *external_toasts;   /* weak */
  GListStore      *views;
};

G_DEFINE_FINAL_TYPE (GjViewsPanel, gj_views_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MAP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (GjViewsPanel *self,
            AdwToast     *toast)
{
  adw_toast_overlay_add_toast (self->external_toasts != NULL ? self->external_toasts : self->toast_overlay,
                               toast);
}

static void
show_error (GjViewsPanel *self,
            const char   *what,
            GError       *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 0);
  show_toast (self, toast);
}

static GtkRoot *
get_root_window (GjViewsPanel *self)
{
  return gtk_widget_get_root (GTK_WIDGET (self));
}

static GjSavedView *
find_view (GjViewsPanel *self,
           gint64        id,
           guint        *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->views));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjSavedView) view = g_list_model_get_item (G_LIST_MODEL (self->views), i);

      if (gj_record_get_id (GJ_RECORD (view)) == id)
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&view);
        }
    }
  return NULL;
}

void
gj_views_panel_reload (GjViewsPanel *self)
{
  g_autoptr(GListModel) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (GJ_IS_VIEWS_PANEL (self));

  if (self->store != NULL)
    {
      views = gj_store_list_saved_views (self->store, &error);
      if (views == NULL)
        show_error (self, _("Cannot read the saved views"), error);
    }
  for (guint i = 0; views != NULL && i < g_list_model_get_n_items (views); i++)
    g_ptr_array_add (items, g_list_model_get_item (views, i));
  g_list_store_splice (self->views, 0, g_list_model_get_n_items (G_LIST_MODEL (self->views)),
                       items->pdata, items->len);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "views.save", self->store != NULL && self->map_view != NULL);
}

static GtkWidget *
add_row_button (GtkWidget  *row,
                const char *icon,
                const char *tooltip,
                const char *action,
                gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GjViewsPanel *self = user_data;
  GjRecord *view = item;
  GtkWidget *row = adw_action_row_new ();
  const char *title = gj_record_get_text (view, "title");
  gint64 id = gj_record_get_id (view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->views));
  gint64 position = gj_record_get_int (view, "position");
  GtkWidget *up, *down;
  g_autofree char *name = g_markup_escape_text (gj_record_get_text (view, "name") ?: "", -1);
  g_autofree char *subtitle = title != NULL ? g_markup_escape_text (title, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Show this view on the map"));

  up = add_row_button (row, "go-up-symbolic", _("Move Up"), "views.move-up", id);
  down = add_row_button (row, "go-down-symbolic", _("Move Down"), "views.move-down", id);
  add_row_button (row, "document-edit-symbolic", _("Rename…"), "views.rename", id);
  add_row_button (row, "user-trash-symbolic", _("Delete"), "views.delete", id);
  /* The first cannot go up, the last not down. */
  gtk_widget_set_sensitive (up, position > 1);
  gtk_widget_set_sensitive (down, position < (gint64) n);
  return row;
}

static void
row_activated_cb (GjViewsPanel  *self,
                  GtkListBoxRow *row)
{
  g_autoptr(GjSavedView) view = g_list_model_get_item (G_LIST_MODEL (self->views),
                                                       gtk_list_box_row_get_index (row));

  if (view != NULL && self->map_view != NULL)
    gj_map_view_apply_saved_view (self->map_view, view);
}

GjSavedView *
gj_views_panel_save_view (GjViewsPanel  *self,
                          const char    *name,
                          const char    *title,
                          const char    *subtitle,
                          GError       **error)
{
  g_autoptr(GjSavedView) view = NULL;

  g_return_val_if_fail (GJ_IS_VIEWS_PANEL (self), NULL);
  g_return_val_if_fail (self->store != NULL && self->map_view != NULL, NULL);

  view = gj_saved_view_new ();
  gj_record_set_text (GJ_RECORD (view), "name", name);
  if (title != NULL && *title != '\0')
    gj_record_set_text (GJ_RECORD (view), "title", title);
  if (subtitle != NULL && *subtitle != '\0')
    gj_record_set_text (GJ_RECORD (view), "subtitle", subtitle);
  gj_map_view_capture_saved_view (self->map_view, view);
  if (!gj_store_append_saved_view (self->store, view, error))
    return NULL;
  gj_views_panel_reload (self);
  return g_steal_pointer (&view);
}

/* ---- Dialogs ---------------------------------------------------------- */

static GtkWidget *
add_entry (GtkWidget  *box,
           const char *label,
           const char *text)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), entry);
  gtk_widget_add_css_class (caption, "caption-heading");
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  adw_message_dialog_set_response_enabled (dialog, "save", *stripped != '\0');
}

static void
save_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  GjViewsPanel     *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");
  GtkEditable *subtitle = g_object_get_data (G_OBJECT (dialog), "subtitle");
  g_autoptr(GjSavedView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL || self->map_view == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (name)));
  view = gj_views_panel_save_view (self, text, gtk_editable_get_text (title),
                                   gtk_editable_get_text (subtitle), &error);
  if (view == NULL)
    show_error (self, _("Cannot save the view"), error);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Saved the view “%s”"), text);

      show_toast (self, adw_toast_new (message));
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GjViewsPanel *self = GJ_VIEWS_PANEL (widget);
  GtkRoot *root = get_root_window (self);
  GtkWidget *dialog, *box, *name;
  g_autofree char *suggested = NULL;

  if (self->store == NULL || self->map_view == NULL)
    return;

  /* Translators: the suggested name of a saved map view, "View 3" */
  suggested = g_strdup_printf (_("View %u"), g_list_model_get_n_items (G_LIST_MODEL (self->views)) + 1);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Save This View"),
                                   _("The map's area, theme and layers become a slide of the presentation."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  name = add_entry (box, _("_Name"), suggested);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "title", add_entry (box, _("Slide _title"), NULL));
  g_object_set_data (G_OBJECT (dialog), "subtitle", add_entry (box, _("Slide _subtitle"), NULL));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (name, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  GjViewsPanel *self = GJ_VIEWS_PANEL (widget);
  g_autoptr(GjSavedView) view = find_view (self, g_variant_get_int64 (parameter), NULL);

  if (view != NULL && self->map_view != NULL)
    gj_map_view_apply_saved_view (self->map_view, view);
}

static void
move (GjViewsPanel *self,
      gint64        id,
      int           delta)
{
  g_autoptr(GjSavedView) view = find_view (self, id, NULL);
  g_autoptr(GError) error = NULL;
  gint64 position;

  if (view == NULL || self->store == NULL)
    return;
  position = gj_record_get_int (GJ_RECORD (view), "position") + delta;
  if (position < 1)
    return;
  if (!gj_store_move_saved_view (self->store, view, (guint) position, &error))
    show_error (self, _("Cannot move the view"), error);
  gj_views_panel_reload (self);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move (GJ_VIEWS_PANEL (widget), g_variant_get_int64 (parameter), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move (GJ_VIEWS_PANEL (widget), g_variant_get_int64 (parameter), 1);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GjViewsPanel     *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");
  GtkEditable *subtitle = g_object_get_data (G_OBJECT (dialog), "subtitle");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  g_autoptr(GjSavedView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "save") != 0 || (view = find_view (self, id, NULL)) == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (name)));
  gj_record_set_text (GJ_RECORD (view), "name", text);
  if (*gtk_editable_get_text (title) != '\0')
    gj_record_set_text (GJ_RECORD (view), "title", gtk_editable_get_text (title));
  else
    gj_record_set_null (GJ_RECORD (view), "title");
  if (*gtk_editable_get_text (subtitle) != '\0')
    gj_record_set_text (GJ_RECORD (view), "subtitle", gtk_editable_get_text (subtitle));
  else
    gj_record_set_null (GJ_RECORD (view), "subtitle");
  if (!gj_store_update (self->store, GJ_RECORD (view), &error))
    show_error (self, _("Cannot rename the view"), error);
  gj_views_panel_reload (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GjViewsPanel *self = GJ_VIEWS_PANEL (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GjSavedView) view = find_view (self, id, NULL);
  GtkRoot *root = get_root_window (self);
  GtkWidget *dialog, *box, *name;

  if (view == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Rename View"), NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  name = add_entry (box, _("_Name"), gj_record_get_text (GJ_RECORD (view), "name"));
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "title",
                     add_entry (box, _("Slide _title"), gj_record_get_text (GJ_RECORD (view), "title")));
  g_object_set_data (G_OBJECT (dialog), "subtitle",
                     add_entry (box, _("Slide _subtitle"), gj_record_get_text (GJ_RECORD (view), "subtitle")));
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER ((gsize) id));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (name, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_delete_cb (AdwToast     *toast,
                GjViewsPanel *self)
{
  gint64 trash_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "trash-id"));
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!gj_store_restore (self->store, trash_id, &error))
    show_error (self, _("Cannot restore the view"), error);
  gj_views_panel_reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GjViewsPanel *self = GJ_VIEWS_PANEL (widget);
  g_autoptr(GjSavedView) view = find_view (self, g_variant_get_int64 (parameter), NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;
  gint64 trash_id = 0;

  if (view == NULL || self->store == NULL)
    return;
  if (!gj_store_delete (self->store, GJ_RECORD (view), &trash_id, &error))
    {
      show_error (self, _("Cannot delete the view"), error);
      return;
    }
  gj_views_panel_reload (self);

  message = g_strdup_printf (_("“%s” moved to the trash"), gj_record_get_text (GJ_RECORD (view), "name"));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data (G_OBJECT (toast), "trash-id", GSIZE_TO_POINTER ((gsize) trash_id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  show_toast (self, toast);
}

/* ---- GObject ---------------------------------------------------------- */

static void
gj_views_panel_dispose (GObject *object)
{
  GjViewsPanel *self = GJ_VIEWS_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_VIEWS_PANEL);
  g_clear_weak_pointer (&self->external_toasts);
  g_clear_object (&self->store);
  g_clear_object (&self->map_view);
  g_clear_object (&self->views);

  G_OBJECT_CLASS (gj_views_panel_parent_class)->dispose (object);
}

static void
gj_views_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GjViewsPanel *self = GJ_VIEWS_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MAP_VIEW:
      g_value_set_object (value, self->map_view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_views_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GjViewsPanel *self = GJ_VIEWS_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      gj_views_panel_set_store (self, g_value_get_object (value));
      break;
    case PROP_MAP_VIEW:
      gj_views_panel_set_map_view (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_views_panel_class_init (GjViewsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_views_panel_dispose;
  object_class->get_property = gj_views_panel_get_property;
  object_class->set_property = gj_views_panel_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GJ_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAP_VIEW] =
    g_param_spec_object ("map-view", NULL, NULL, GJ_TYPE_MAP_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-views-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GjViewsPanel, list);
  gtk_widget_class_bind_template_child (widget_class, GjViewsPanel, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "views.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "views.go", "x", go_action);
  gtk_widget_class_install_action (widget_class, "views.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "views.move-up", "x", move_up_action);
  gtk_widget_class_install_action (widget_class, "views.move-down", "x", move_down_action);
  gtk_widget_class_install_action (widget_class, "views.delete", "x", delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gj-views-panel");
}

static void
gj_views_panel_init (GjViewsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->views = g_list_store_new (GJ_TYPE_SAVED_VIEW);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->views), create_row, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "views.save", FALSE);
}

GtkWidget *
gj_views_panel_new (void)
{
  return g_object_new (GJ_TYPE_VIEWS_PANEL, NULL);
}

GjStore *
gj_views_panel_get_store (GjViewsPanel *self)
{
  g_return_val_if_fail (GJ_IS_VIEWS_PANEL (self), NULL);

  return self->store;
}

void
gj_views_panel_set_store (GjViewsPanel *self,
                          GjStore      *store)
{
  g_return_if_fail (GJ_IS_VIEWS_PANEL (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  gj_views_panel_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
gj_views_panel_set_map_view (GjViewsPanel *self,
                             GjMapView    *map_view)
{
  g_return_if_fail (GJ_IS_VIEWS_PANEL (self));
  g_return_if_fail (map_view == NULL || GJ_IS_MAP_VIEW (map_view));

  if (!g_set_object (&self->map_view, map_view))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "views.save", self->store != NULL && map_view != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_VIEW]);
}

void
gj_views_panel_set_toast_overlay (GjViewsPanel    *self,
                                  AdwToastOverlay *overlay)
{
  g_return_if_fail (GJ_IS_VIEWS_PANEL (self));

  g_set_weak_pointer (&self->external_toasts, overlay);
}

GListModel *
gj_views_panel_get_model (GjViewsPanel *self)
{
  g_return_val_if_fail (GJ_IS_VIEWS_PANEL (self), NULL);

  return G_LIST_MODEL (self->views);
}
