/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "gj-application.h"
#include "gj-build-ident.h"
#include "gj-preferences-window.h"
#include "gj-window.h"

struct _GjApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (GjApplication, gj_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database FILE"), N_("FILE") },
  { "sample", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a throwaway copy of the bundled sample district"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static GtkWindow *
active_window (GjApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GjApplication *self = user_data;
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                                     (GCopyFunc) g_object_ref, NULL);

  /* Closing the windows (rather than stopping the main loop) lets them save
   * their state, stop their jobs and delete scratch databases; the
   * application ends when the last one is gone. A window that went with
   * its parent has already left the application. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (gtk_window_get_application (l->data) != NULL)
      gtk_window_close (l->data);

  g_list_free_full (windows, g_object_unref);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  GjApplication *self = user_data;
  GjWindow *window = gj_window_new (GTK_APPLICATION (self));

  gj_window_open_last (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GjApplication *self = user_data;
  g_autofree char *debug_info = NULL;
  const char *developers[] = { _("The Gongjian contributors https://github.com/gongjian/gongjian"), NULL };
  AdwAboutWindow *about;

  debug_info = g_strdup_printf ("Gongjian %s (%s)\nGTK %u.%u.%u\nlibadwaita %u.%u.%u\nGLib %u.%u.%u\n",
                                PACKAGE_VERSION, GJ_BUILD_IDENTIFIER,
                                gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                                adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                                glib_major_version, glib_minor_version, glib_micro_version);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", active_window (self),
                        "application-name", _("Gongjian"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Gongjian contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("One shared picture of a district’s party-building work: "
                                      "grids and service stations on the map, resident units and "
                                      "joint-construction agreements, joint meetings and the "
                                      "problem wall — offline, in one local database."),
                        "website", "https://github.com/gongjian/gongjian",
                        "issue-url", "https://github.com/gongjian/gongjian/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© The Gongjian contributors"),
                        "developers", developers,
                        /* TRANSLATORS: your names, one per line, shown in About */
                        "translator-credits", _("translator-credits"),
                        "debug-info", debug_info,
                        NULL);
  adw_about_window_add_legal_section (about, _("Sample district"), NULL, GTK_LICENSE_CUSTOM,
                                      _("The names and division codes of the bundled sample district "
                                        "come from the 2023 statistical division codes of the National "
                                        "Bureau of Statistics of China (MIT licence). Its geometry, "
                                        "people and phone numbers are made up."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GjApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (gj_preferences_window_new (active_window (self))));
}

/* Ctrl+C in the terminal of `make run`: close the windows as Ctrl+Q does,
 * so scratch databases are deleted and running jobs stop cleanly. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "new-window", new_window_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
gj_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (gj_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.new-window",
                                         new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);

  g_unix_signal_add (SIGINT, quit_signal_cb, application);
  g_unix_signal_add (SIGTERM, quit_signal_cb, application);
}

static void
gj_application_activate (GApplication *application)
{
  GjWindow *window = gj_window_new (GTK_APPLICATION (application));

  gj_window_open_last (window);
  gtk_window_present (GTK_WINDOW (window));
}

static int
gj_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("gongjian %s\n", GJ_BUILD_IDENTIFIER);
      return EXIT_SUCCESS;
    }

  return G_APPLICATION_CLASS (gj_application_parent_class)->handle_local_options (application, options);
}

/* Runs in the primary instance, for its own command line or another's. */
static int
gj_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  gboolean sample = g_variant_dict_contains (options, "sample");
  const char *db = NULL;
  GjWindow *window;

  g_variant_dict_lookup (options, "db", "^&ay", &db);
  if (db != NULL && sample)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("Use either --db or --sample, not both."));
      return 2;
    }

  window = gj_window_new (GTK_APPLICATION (application));

  if (sample)
    {
      /* A scratch copy: not remembered, deleted with the window. */
      gj_window_build_sample (window, NULL, GJ_WINDOW_OPEN_DEFAULT);
    }
  else if (db != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!gj_window_open (window, path, GJ_WINDOW_OPEN_REMEMBER, &error))
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

          gj_window_show_welcome (window);
          gtk_window_present (GTK_WINDOW (window));
          gj_window_show_error (window, heading, error->message);
          return EXIT_SUCCESS;
        }
    }
  else
    gj_window_open_last (window);

  gtk_window_present (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}

static void
gj_application_class_init (GjApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = gj_application_startup;
  app_class->activate = gj_application_activate;
  app_class->handle_local_options = gj_application_handle_local_options;
  app_class->command_line = gj_application_command_line;
}

static void
gj_application_init (GjApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Coordinate a district’s grassroots party building."));
}

GjApplication *
gj_application_new (GApplicationFlags flags)
{
  return g_object_new (GJ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/gongjian/Gongjian",
                       NULL);
}
