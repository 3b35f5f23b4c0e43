/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "gj-mbtiles-source.h"
#include "gj-preferences-window.h"
#include "gj-raster-basemap.h"
#include "gj-resources.h"

struct _GjPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets. */
  GtkCheckButton       *mbtiles_check;
  AdwActionRow         *mbtiles_row;
  GtkCheckButton       *tianditu_check;
  AdwEntryRow          *tianditu_key_row;

  GSettings            *settings;
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (GjPreferencesWindow, gj_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* A source that lacks its file or its key cannot be chosen yet: choosing
 * the file, or applying a key, chooses it. */
static void
update_basemap_rows (GjPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-path");
  g_autofree char *key = g_settings_get_string (self->settings, "tianditu-key");

  if (*path != '\0')
    {
      g_autofree char *display = g_filename_display_name (path);

      adw_action_row_set_subtitle (self->mbtiles_row, display);
    }
  else
    adw_action_row_set_subtitle (self->mbtiles_row, _("Raster tiles the office already has; no file chosen"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->mbtiles_check), *path != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->tianditu_check), *g_strstrip (key) != '\0');
}

static void
settings_changed_cb (GjPreferencesWindow *self,
                     const char          *key)
{
  if (g_str_equal (key, "mbtiles-path") || g_str_equal (key, "tianditu-key"))
    update_basemap_rows (self);
}

static void
tianditu_key_applied_cb (GjPreferencesWindow *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tianditu_key_row))));

  /* The key first: the maps follow each key as it changes. */
  g_settings_set_string (self->settings, "tianditu-key", key);
  if (*key != '\0')
    g_settings_set_enum (self->settings, "basemap", GJ_BASEMAP_TIANDITU);
  else if (g_settings_get_enum (self->settings, "basemap") == GJ_BASEMAP_TIANDITU)
    g_settings_set_enum (self->settings, "basemap", GJ_BASEMAP_OFFLINE);
}

gboolean
gj_preferences_window_choose_mbtiles (GjPreferencesWindow *self,
                                      const char          *path)
{
  g_autoptr(GjMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GJ_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Said here, where the file was chosen, rather than later on the map. */
  source = gj_mbtiles_source_new (path, &error);
  if (source == NULL)
    {
      g_autofree char *title = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
      return FALSE;
    }

  g_settings_set_string (self->settings, "mbtiles-path", path);
  g_settings_set_enum (self->settings, "basemap", GJ_BASEMAP_MBTILES);
  return TRUE;
}

static void
chooser_response_cb (GjPreferencesWindow *self,
                     int                  response,
                     GtkNativeDialog     *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  g_clear_object (&self->chooser);
  if (path != NULL)
    gj_preferences_window_choose_mbtiles (self, path);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_mbtiles_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GjPreferencesWindow *self = GJ_PREFERENCES_WINDOW (widget);
  g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-path");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose an MBTiles File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("MBTiles files"), "*.mbtiles");
  add_filter (GTK_FILE_CHOOSER (chooser), _("All files"), "*");
  if (*path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL && g_file_query_exists (folder, NULL))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void
gj_preferences_window_dispose (GObject *object)
{
  GjPreferencesWindow *self = GJ_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gj_preferences_window_parent_class)->dispose (object);
}

static void
gj_preferences_window_class_init (GjPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_preferences_window_dispose;

  (void) gj_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GjPreferencesWindow, mbtiles_check);
  gtk_widget_class_bind_template_child (widget_class, GjPreferencesWindow, mbtiles_row);
  gtk_widget_class_bind_template_child (widget_class, GjPreferencesWindow, tianditu_check);
  gtk_widget_class_bind_template_child (widget_class, GjPreferencesWindow, tianditu_key_row);
  gtk_widget_class_bind_template_callback (widget_class, tianditu_key_applied_cb);

  gtk_widget_class_install_action (widget_class, "prefs.choose-mbtiles", NULL, choose_mbtiles_action);
}

static void
gj_preferences_window_init (GjPreferencesWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) basemap = NULL;
  g_autofree char *key = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  /* The radio rows' state is the setting itself. */
  basemap = g_settings_create_action (self->settings, "basemap");
  g_action_map_add_action (G_ACTION_MAP (group), basemap);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));

  key = g_settings_get_string (self->settings, "tianditu-key");
  gtk_editable_set_text (GTK_EDITABLE (self->tianditu_key_row), key);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_basemap_rows (self);
}

GtkWidget *
gj_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (GJ_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
