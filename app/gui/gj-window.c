/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gj-checks-panel.h"
#include "gj-format.h"
#include "gj-resources.h"
#include "gj-io.h"
#include "gj-editor.h"
#include "gj-import-dialog.h"
#include "gj-job.h"
#include "gj-map-search.h"
#include "gj-map-view.h"
#include "gj-record-panel.h"
#include "gj-record-table-private.h"
#include "gj-calendar-page.h"
#include "gj-overview-page.h"
#include "gj-presentation.h"
#include "gj-print-dialog.h"
#include "gj-problems-page.h"
#include "gj-reminders.h"
#include "gj-views-panel.h"
#include "gj-units-page.h"
#include "gj-window-private.h"

struct _GjWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  GjChecksPanel        *checks_panel;
  GtkLabel             *edit_hint;
  GtkRevealer          *edit_revealer;
  AdwStatusPage        *busy_page;
  GtkSpinner           *busy_spinner;
  GjRecordTable        *grids_table;
  GjMapSearch          *map_search;
  GjMapView            *map_view;
  GtkRevealer          *panel_revealer;
  GjRecordPanel        *record_panel;
  GtkDropDown          *theme_dropdown;
  GtkLabel             *job_label;
  GtkProgressBar       *job_progress_bar;
  GtkRevealer          *job_revealer;
  GtkStack             *main_stack;
  GtkStack             *map_stack;
  GjCalendarPage       *calendar_page;
  GjOverviewPage       *overview_page;
  GjViewsPanel         *views_panel;
  GtkToggleButton      *problems_toggle;
  GjReminders          *reminders;
  GjProblemsPage       *problems_page;
  GjRecordTable        *stations_table;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  GjUnitsPage          *units_page;
  AdwViewStack         *view_stack;
  AdwStatusPage        *welcome_page;

  GSettings            *settings;
  GjStore              *store;
  /* Edits by hand: undo, drawing, the side panel's form. */
  GjEditor             *editor;
  /* A scratch database (--sample) deleted with its folder when let go. */
  char                 *throwaway_path;

  /* The one long job at a time, and how to open what it builds. */
  GjJob                *job;
  GCancellable         *job_cancellable;
  GjWindowOpenFlags     job_open_flags;
  GApplication         *job_application;

  /* The file chooser on screen, kept alive until it answers. */
  GtkNativeDialog      *chooser;

  guint                 closed : 1;
  /* Mapped once: pages show their content when they become visible. */
  guint                 revealing : 1;
};

G_DEFINE_FINAL_TYPE (GjWindow, gj_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const page_names[] = { "map", "units", "meetings", "problems", "overview" };

/* Every page of the window's stacks keeps its content in an AdwBin, hidden
 * until the page is first on screen: a hidden widget costs no styling,
 * sizing or drawing, so the first frame pays only for the page it shows. */
static GtkWidget *
page_content (GtkWidget *page_child)
{
  if (page_child == NULL || G_OBJECT_TYPE (page_child) != ADW_TYPE_BIN)
    return page_child;

  return adw_bin_get_child (ADW_BIN (page_child));
}

static void
reveal_page (GtkWidget *page_child)
{
  GtkWidget *content = page_content (page_child);

  if (content != NULL)
    gtk_widget_set_visible (content, TRUE);
}

/* Once the window is on screen; before that the caller may still switch
 * from the welcome page to a district. */
static void
reveal_visible_pages (GjWindow *self)
{
  if (!self->revealing)
    return;

  reveal_page (gtk_stack_get_visible_child (self->main_stack));
  reveal_page (adw_view_stack_get_visible_child (self->view_stack));
  reveal_page (gtk_stack_get_visible_child (self->map_stack));
}

static void
add_toast (GjWindow   *self,
           const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
gj_window_show_error (GjWindow   *self,
                      const char *heading,
                      const char *message)
{
  GtkWidget *dialog;

  g_return_if_fail (GJ_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (GjWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean busy = self->job != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-district", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.welcome-sample", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.welcome-empty", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_store && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_store && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-map", has_store && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", has_store && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", has_store && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", has_store && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-job", busy);

  {
    gboolean editing = self->editor != NULL && gj_editor_is_editing (self->editor);
    gboolean can_edit = has_store && !busy && !editing;
    GjRecord *shown = gj_record_panel_get_record (self->record_panel);
    gboolean on_map = GJ_IS_GRID (shown) || GJ_IS_STATION (shown);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                   !busy && self->editor != NULL && gj_editor_can_undo (self->editor));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                   !busy && self->editor != NULL && gj_editor_can_redo (self->editor));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.draw-grid", can_edit);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-station", can_edit);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-shape", can_edit && on_map);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-record", can_edit && on_map);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.finish-edit", editing);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-edit", editing);
  }
}

/* The bottom switcher takes over when the header is too narrow for the
 * pages; there are no pages to switch on the welcome page. */
static void
update_switcher_bar (GjWindow *self)
{
  gboolean district = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "district") == 0;
  gboolean reveal = district && adw_view_switcher_title_get_title_visible (self->switcher_title);

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, district);
  /* The bar gets its buttons when a narrow window first needs them. */
  if (reveal && adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, reveal);
}

static void
set_state (GjWindow   *self,
           const char *state)
{
  /* Uninstalled builds have no application icon in the theme yet. Asked
   * only here: the first look into the icon theme reads all its folders. */
  if (g_str_equal (state, "welcome") && adw_status_page_get_icon_name (self->welcome_page) == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

      adw_status_page_set_icon_name (self->welcome_page,
                                     gtk_icon_theme_has_icon (theme, APP_ID) ? APP_ID : "mark-location-symbolic");
    }

  gtk_stack_set_visible_child_name (self->main_stack, state);
  gtk_spinner_set_spinning (self->busy_spinner, g_str_equal (state, "busy"));
  update_switcher_bar (self);
}

static void reload_after_import (GjWindow *self);

/* The overview reads the district again (when it is next shown). */
static void
reload_overview (GjWindow *self)
{
  if (self->store != NULL)
    gj_overview_page_reload (self->overview_page);
}

static void
foreach_table (GjWindow *self,
               void    (*func) (GjRecordTable *table,
                                gpointer       user_data),
               gpointer  user_data)
{
  GjRecordTable *all[] = {
    self->grids_table, self->stations_table,
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    func (all[i], user_data);
}

static void
table_set_store (GjRecordTable *table,
                 gpointer       store)
{
  gj_record_table_set_store (table, store);
}

static void
table_reload (GjRecordTable *table,
              gpointer       user_data)
{
  gj_record_table_reload (table);
}

static void
drop_throwaway (GjWindow *self)
{
  g_autofree char *dir = NULL;

  if (self->throwaway_path == NULL)
    return;

  gj_remove_database_files (self->throwaway_path);
  /* The folder was made for it alone (g_dir_make_tmp). */
  dir = g_path_get_dirname (self->throwaway_path);
  g_rmdir (dir);
  g_clear_pointer (&self->throwaway_path, g_free);
}

static void
set_store (GjWindow          *self,
           GjStore           *store,
           GjWindowOpenFlags  flags)
{
  const char *path = gj_store_get_path (store);
  const char *migration_backup;

  /* Close the previous database before its scratch file goes. */
  g_set_object (&self->store, store);
  if (self->throwaway_path != NULL && g_strcmp0 (self->throwaway_path, path) != 0)
    drop_throwaway (self);
  if ((flags & GJ_WINDOW_OPEN_THROWAWAY) && self->throwaway_path == NULL)
    self->throwaway_path = g_strdup (path);

  if (flags & GJ_WINDOW_OPEN_REMEMBER)
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);

      g_settings_set_string (self->settings, "last-database", absolute);
    }

  if (self->throwaway_path != NULL)
    adw_view_switcher_title_set_subtitle (self->switcher_title,
                                          _("Sample district, not kept"));
  else
    {
      g_autofree char *name = g_filename_display_basename (path);

      adw_view_switcher_title_set_subtitle (self->switcher_title, name);
    }

  foreach_table (self, table_set_store, store);
  gj_record_panel_set_record (self->record_panel, NULL);
  gj_editor_set_store (self->editor, store);
  gj_units_page_set_store (self->units_page, store);
  gj_units_page_set_history (self->units_page, gj_editor_get_history (self->editor));
  gj_problems_page_set_history (self->problems_page, gj_editor_get_history (self->editor));
  gj_problems_page_set_store (self->problems_page, store);
  gj_calendar_page_set_history (self->calendar_page, gj_editor_get_history (self->editor));
  gj_calendar_page_set_store (self->calendar_page, store);
  gj_overview_page_set_store (self->overview_page, store);
  gj_views_panel_set_store (self->views_panel, store);
  /* Reminders of meetings and of minutes not written, as notifications:
   * they go over the session bus, so only an application on one sends. */
  if (self->reminders == NULL && gtk_window_get_application (GTK_WINDOW (self)) != NULL
      && g_application_get_dbus_connection (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))) != NULL)
    self->reminders = gj_reminders_new (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  if (self->reminders != NULL)
    {
      gj_reminders_set_history (self->reminders, gj_editor_get_history (self->editor));
      gj_reminders_set_store (self->reminders, store);
    }
  gj_map_view_set_store (self->map_view, store);
  gj_map_search_set_store (self->map_search, store);
  gj_checks_panel_set_store (self->checks_panel, store);
  reload_overview (self);
  set_state (self, "district");
  update_actions (self);

  migration_backup = gj_store_get_migration_backup (store);
  if (migration_backup != NULL)
    {
      g_autofree char *name = g_filename_display_basename (migration_backup);
      g_autofree char *text = g_strdup_printf (_("The database was brought up to date; the old one is kept as “%s”"),
                                               name);

      add_toast (self, text);
    }
}

gboolean
gj_window_open (GjWindow           *self,
                const char         *path,
                GjWindowOpenFlags   flags,
                GError            **error)
{
  g_autoptr(GjStore) store = NULL;

  g_return_val_if_fail (GJ_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  store = gj_store_open (path, (flags & GJ_WINDOW_OPEN_CREATE) ? GJ_STORE_OPEN_CREATE : GJ_STORE_OPEN_DEFAULT,
                         error);
  if (store == NULL)
    return FALSE;

  set_store (self, store, flags);
  return TRUE;
}

static void
open_or_explain (GjWindow          *self,
                 const char        *path,
                 GjWindowOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;

  if (!gj_window_open (self, path, flags, &error))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      gj_window_show_error (self, heading, error->message);
    }
}

void
gj_window_show_welcome (GjWindow *self)
{
  g_return_if_fail (GJ_IS_WINDOW (self));

  set_state (self, "welcome");
  update_actions (self);
}

void
gj_window_open_last (GjWindow *self)
{
  g_autofree char *last = NULL;

  g_return_if_fail (GJ_IS_WINDOW (self));

  last = g_settings_get_string (self->settings, "last-database");
  if (last[0] == '\0')
    {
      gj_window_show_welcome (self);
      return;
    }

  if (!g_file_test (last, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (last);
      g_autofree char *text = g_strdup_printf (_("The last database, “%s”, is no longer there"), name);

      gj_window_show_welcome (self);
      add_toast (self, text);
      return;
    }

  gj_window_show_welcome (self);
  open_or_explain (self, last, GJ_WINDOW_OPEN_DEFAULT);
}

/* Long jobs ---------------------------------------------------------------- */

static void
job_fraction_cb (GjWindow   *self,
                 GParamSpec *pspec,
                 GjJob      *job)
{
  double fraction = gj_job_get_fraction (job);

  if (fraction < 0)
    gtk_progress_bar_pulse (self->job_progress_bar);
  else
    gtk_progress_bar_set_fraction (self->job_progress_bar, fraction);
}

static const char *
job_failed_heading (GjJobKind kind)
{
  switch (kind)
    {
    case GJ_JOB_IMPORT:
      return _("Import Failed");
    case GJ_JOB_EXPORT:
      return _("Export Failed");
    case GJ_JOB_BACKUP:
      return _("Backup Failed");
    case GJ_JOB_RESTORE:
      return _("Restore Failed");
    case GJ_JOB_SAMPLE:
      return _("Could Not Build the Sample District");
    case GJ_JOB_PRINT_MAP:
      return _("Could Not Save the Map");
    default:
      return _("The Work Failed");
    }
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GjWindow) self = user_data;
  GjJob *job = GJ_JOB (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = gj_job_run_finish (job, result, &error);
  GjJobKind kind = gj_job_get_kind (job);
  GjWindowOpenFlags open_flags = self->job_open_flags;

  if (self->job_application != NULL)
    g_application_release (self->job_application);
  g_clear_object (&self->job_application);

  if (self->closed)
    return;

  g_signal_handlers_disconnect_by_func (job, job_fraction_cb, self);
  g_clear_object (&self->job);
  g_clear_object (&self->job_cancellable);
  gtk_revealer_set_reveal_child (self->job_revealer, FALSE);
  update_actions (self);

  if (summary == NULL)
    {
      if (kind == GJ_JOB_SAMPLE && self->store == NULL)
        gj_window_show_welcome (self);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, _("Cancelled; nothing was changed"));
      else
        gj_window_show_error (self, job_failed_heading (kind), error->message);
      return;
    }

  switch (kind)
    {
    case GJ_JOB_SAMPLE:
      open_or_explain (self, gj_job_get_db_path (job), open_flags);
      if (self->store == NULL)
        gj_window_show_welcome (self);
      break;

    case GJ_JOB_RESTORE:
      /* Everything changed underneath: read the district afresh. */
      open_or_explain (self, gj_job_get_db_path (job), GJ_WINDOW_OPEN_DEFAULT);
      break;

    case GJ_JOB_IMPORT:
      reload_after_import (self);
      break;

    case GJ_JOB_EXPORT:
    case GJ_JOB_BACKUP:
    case GJ_JOB_PRINT_MAP:
    default:
      break;
    }

  add_toast (self, summary);
}

static void
start_job (GjWindow          *self,
           GjJob             *job,
           GjWindowOpenFlags  open_flags)
{
  g_return_if_fail (self->job == NULL);

  self->job = g_object_ref (job);
  self->job_cancellable = g_cancellable_new ();
  self->job_open_flags = open_flags;

  gtk_label_set_label (self->job_label, gj_job_get_title (job));
  gtk_progress_bar_set_fraction (self->job_progress_bar, 0.0);
  gtk_revealer_set_reveal_child (self->job_revealer, TRUE);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (job_fraction_cb), self,
                           G_CONNECT_SWAPPED);

  if (self->store == NULL)
    {
      adw_status_page_set_title (self->busy_page, gj_job_get_title (job));
      set_state (self, "busy");
    }

  update_actions (self);

  /* Closing the window cancels the job; the application waits for the
   * worker to stop before it exits. */
  g_set_object (&self->job_application, G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  if (self->job_application != NULL)
    g_application_hold (self->job_application);
  gj_job_run_async (job, self->job_cancellable, job_done_cb, g_object_ref (self));
}

void
gj_window_build_sample (GjWindow          *self,
                        const char        *path,
                        GjWindowOpenFlags  flags)
{
  g_autoptr(GjJob) job = NULL;
  g_autofree char *scratch = NULL;

  g_return_if_fail (GJ_IS_WINDOW (self));

  if (self->job != NULL)
    return;

  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("gongjian-sample-XXXXXX", &error);

      if (dir == NULL)
        {
          gj_window_show_error (self, job_failed_heading (GJ_JOB_SAMPLE), error->message);
          if (self->store == NULL)
            gj_window_show_welcome (self);
          return;
        }

      scratch = g_build_filename (dir, "sample.db", NULL);
      path = scratch;
      flags = (flags | GJ_WINDOW_OPEN_THROWAWAY) & ~GJ_WINDOW_OPEN_REMEMBER;
    }

  job = gj_job_new (GJ_JOB_SAMPLE, path, NULL, NULL);
  start_job (self, job, flags);
}

/* File choosers ------------------------------------------------------------ */

static void
show_chooser (GjWindow             *self,
              GtkFileChooserNative *chooser,
              GCallback             response_cb)
{
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response", response_cb, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static char *
chooser_dup_path (GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return file ? g_file_get_path (file) : NULL;
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *first_pattern,
            ...)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, first_pattern);
  for (const char *p = first_pattern; p != NULL; p = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, p);
  va_end (args);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
add_database_filters (GtkFileChooser *chooser)
{
  add_filter (chooser, _("Gongjian databases"), "*.db", "*.sqlite", "*.sqlite3", "*.gongjian", NULL);
  add_filter (chooser, _("All files"), "*", NULL);
}

static void
set_folder_of (GtkFileChooser *chooser,
               const char     *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
open_response_cb (GjWindow        *self,
                  int              response,
                  GtkNativeDialog *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chooser_dup_path (chooser) : NULL;

  g_clear_object (&self->chooser);
  if (path != NULL)
    open_or_explain (self, path, GJ_WINDOW_OPEN_REMEMBER);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  if (self->store != NULL && self->throwaway_path == NULL)
    set_folder_of (GTK_FILE_CHOOSER (chooser), gj_store_get_path (self->store));
  show_chooser (self, chooser, G_CALLBACK (open_response_cb));
}

/* What to put into a new database chosen in a save dialog. */
typedef enum
{
  NEW_EMPTY,
  NEW_SAMPLE,
} NewContents;

static void
new_database_response_cb (GjWindow        *self,
                          int              response,
                          GtkNativeDialog *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chooser_dup_path (chooser) : NULL;
  NewContents contents = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "contents"));

  g_clear_object (&self->chooser);
  if (path == NULL)
    return;

  /* Never write over a file that is there: it may be someone's district. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *message = g_strdup_printf (_("“%s” already exists and was left as it is. "
                                                    "Choose another name, or open it with Open…"),
                                                  name);

      gj_window_show_error (self, _("The File Already Exists"), message);
      return;
    }

  if (contents == NEW_SAMPLE)
    gj_window_build_sample (self, path, GJ_WINDOW_OPEN_REMEMBER);
  else
    open_or_explain (self, path, GJ_WINDOW_OPEN_CREATE | GJ_WINDOW_OPEN_REMEMBER);
}

static void
ask_new_database (GjWindow    *self,
                  NewContents  contents)
{
  g_autofree char *default_path = gj_store_dup_default_path ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (contents == NEW_SAMPLE ? _("Save the Sample District As")
                                                                : _("New District"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Create"), _("_Cancel"));
  g_object_set_data (G_OBJECT (chooser), "contents", GINT_TO_POINTER (contents));
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  set_folder_of (GTK_FILE_CHOOSER (chooser), default_path);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     contents == NEW_SAMPLE ? _("sample-district.db") : _("district.db"));
  show_chooser (self, chooser, G_CALLBACK (new_database_response_cb));
}

/* Ctrl+N: a new record on the Units page, a new district elsewhere. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);

  if (self->store != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "district") == 0
      && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "units") == 0)
    gj_units_page_new_record (self->units_page);
  else
    gtk_widget_activate_action (widget, "win.new-district", NULL);
}

static void
new_district_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ask_new_database (GJ_WINDOW (widget), NEW_EMPTY);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  /* From the menu the sample is for looking around: a scratch copy that
   * leaves the user's own district alone. */
  gj_window_build_sample (GJ_WINDOW (widget), NULL, GJ_WINDOW_OPEN_DEFAULT);
}

/* On the first run the user expects a district of their own that starts as
 * the sample, kept where the application keeps its data. */
static void
welcome_sample_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);
  g_autofree char *path = gj_store_dup_default_path ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    ask_new_database (self, NEW_SAMPLE);
  else
    gj_window_build_sample (self, path, GJ_WINDOW_OPEN_REMEMBER);
}

static void
welcome_empty_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);
  g_autofree char *path = gj_store_dup_default_path ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    ask_new_database (self, NEW_EMPTY);
  else
    open_or_explain (self, path, GJ_WINDOW_OPEN_CREATE | GJ_WINDOW_OPEN_REMEMBER);
}

static const char *
kind_label (const char *kind)
{
  GType type = gj_format_type_for_kind (kind);

  if (type == GJ_TYPE_GRID)
    return _("Grids");
  if (type == GJ_TYPE_STATION)
    return _("Service stations");
  if (type == GJ_TYPE_UNIT)
    return _("Resident units");
  if (type == GJ_TYPE_AGREEMENT)
    return _("Agreements");
  if (type == GJ_TYPE_MEETING)
    return _("Joint meetings");
  if (type == GJ_TYPE_PROBLEM)
    return _("Problems");
  return kind;
}

/* A choice of the kinds the importers and exporters know, for the chooser. */
static void
add_kind_choice (GtkFileChooser *chooser,
                 gboolean        with_guess)
{
  const char * const *kinds = gj_io_get_kinds ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (with_guess)
    {
      g_ptr_array_add (ids, (gpointer) "auto");
      g_ptr_array_add (labels, (gpointer) _("Guess from the contents"));
    }
  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    {
      g_ptr_array_add (ids, (gpointer) kinds[i]);
      g_ptr_array_add (labels, (gpointer) kind_label (kinds[i]));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, NULL);

  gtk_file_chooser_add_choice (chooser, "kind", _("Contents"), (const char **) ids->pdata,
                               (const char **) labels->pdata);
  gtk_file_chooser_set_choice (chooser, "kind", with_guess ? "auto" : ids->pdata[0]);
}

/* After an import, every page reads the district again; what was
 * undoable may have been written over. */
static void
reload_after_import (GjWindow *self)
{
  gj_editor_clear_history (self->editor);
  foreach_table (self, table_reload, NULL);
  gj_units_page_reload (self->units_page);
  gj_problems_page_reload (self->problems_page);
  gj_calendar_page_reload (self->calendar_page);
  gj_map_view_reload_problems (self->map_view);
  gj_map_view_invalidate (self->map_view, NULL);
  reload_overview (self);
}

/* The import dialog committed a table: as after an import job. */
static void
import_dialog_imported_cb (GjWindow   *self,
                           const char *kind)
{
  reload_after_import (self);
}

static void
import_response_cb (GjWindow        *self,
                    int              response,
                    GtkNativeDialog *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chooser_dup_path (chooser) : NULL;
  const char *kind = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "kind");
  g_autoptr(GjJob) job = NULL;

  /* Tables get the step-by-step dialog; other formats import at once. */
  if (path != NULL && self->store != NULL && self->job == NULL && gj_import_dialog_handles (path, kind))
    {
      GjImportDialog *dialog = gj_import_dialog_new (GTK_WINDOW (self), self->store, path, kind,
                                                     gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "encoding"));

      g_signal_connect_object (dialog, "imported", G_CALLBACK (import_dialog_imported_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (path != NULL && self->store != NULL && self->job == NULL)
    {
      const char *crs = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "crs");
      const char *encoding = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "encoding");

      job = gj_job_new (GJ_JOB_IMPORT, gj_store_get_path (self->store), path,
                        g_strcmp0 (kind, "auto") == 0 ? NULL : kind);
      gj_job_set_import_options (job, g_strcmp0 (crs, "wgs84") == 0 ? NULL : crs,
                                 g_strcmp0 (encoding, "auto") == 0 ? NULL : encoding);
      start_job (self, job, GJ_WINDOW_OPEN_DEFAULT);
    }
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("All files Gongjian can import"), "*.geojson", "*.json", "*.kml",
              "*.csv", "*.txt", "*.ics", "*.GEOJSON", "*.JSON", "*.KML", "*.CSV", "*.ICS", NULL);
  add_filter (GTK_FILE_CHOOSER (chooser), _("GeoJSON files"), "*.geojson", "*.json", "*.GEOJSON",
              "*.JSON", NULL);
  add_filter (GTK_FILE_CHOOSER (chooser), _("KML files"), "*.kml", "*.KML", NULL);
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV files"), "*.csv", "*.CSV", NULL);
  add_filter (GTK_FILE_CHOOSER (chooser), _("iCalendar files"), "*.ics", "*.ICS", NULL);
  add_kind_choice (GTK_FILE_CHOOSER (chooser), TRUE);
  {
    /* Web maps in China publish shifted coordinates; the store keeps WGS-84. */
    static const char * const crs_ids[] = { "wgs84", "gcj02", "bd09", NULL };
    const char *crs_labels[] = {
      _("WGS-84 / CGCS2000 (GPS, Tianditu)"),
      _("GCJ-02 (Amap, Tencent), converted approximately"),
      _("BD-09 (Baidu), converted approximately"),
      NULL,
    };
    static const char * const encoding_ids[] = { "auto", "utf-8", "gb18030", NULL };
    const char *encoding_labels[] = {
      _("Detect"), "UTF-8", _("GB18030 / GBK (older Excel)"), NULL,
    };

    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "crs", _("Coordinates"),
                                 (const char **) crs_ids, crs_labels);
    gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "crs", "wgs84");
    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "encoding", _("Text encoding"),
                                 (const char **) encoding_ids, encoding_labels);
    gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "encoding", "auto");
  }
  show_chooser (self, chooser, G_CALLBACK (import_response_cb));
}

static void
export_response_cb (GjWindow        *self,
                    int              response,
                    GtkNativeDialog *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chooser_dup_path (chooser) : NULL;
  const char *kind = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "kind");
  g_autoptr(GjJob) job = NULL;

  if (path != NULL && self->store != NULL && self->job == NULL)
    {
      /* The format comes from the extension; a name without one gets the
       * kind's natural format. */
      if (!gj_io_can_export (path))
        {
          char *with_extension = g_strconcat (path, gj_io_default_extension (kind), NULL);

          g_free (path);
          path = with_extension;
        }

      job = gj_job_new (GJ_JOB_EXPORT, gj_store_get_path (self->store), path, kind);
      start_job (self, job, GJ_WINDOW_OPEN_DEFAULT);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("All files Gongjian can export"), "*.geojson", "*.json", "*.csv",
              "*.xlsx", "*.gpkg", "*.ics", NULL);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Excel workbooks"), "*.xlsx", NULL);
  add_filter (GTK_FILE_CHOOSER (chooser), _("GeoPackage files"), "*.gpkg", NULL);
  add_kind_choice (GTK_FILE_CHOOSER (chooser), FALSE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "grids.geojson");
  show_chooser (self, chooser, G_CALLBACK (export_response_cb));
}

void
gj_window_export_map (GjWindow   *self,
                      const char *path)
{
  g_autoptr(GjJob) job = NULL;

  g_return_if_fail (GJ_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->store == NULL || self->job != NULL)
    return;

  job = gj_job_new (GJ_JOB_PRINT_MAP, gj_store_get_path (self->store), path, NULL);
  gj_job_set_map_theme (job, gj_map_view_get_theme (self->map_view));
  start_job (self, job, GJ_WINDOW_OPEN_DEFAULT);
}

static void
export_map_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);

  /* Paper, orientation, title, parts of the page; to a file or a printer. */
  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (gj_print_dialog_new (GTK_WINDOW (self), self->store,
                                                         gj_map_view_get_theme (self->map_view))));
}

static void
backup_response_cb (GjWindow        *self,
                    int              response,
                    GtkNativeDialog *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chooser_dup_path (chooser) : NULL;
  g_autoptr(GjJob) job = NULL;

  if (path != NULL && self->store != NULL && self->job == NULL)
    {
      job = gj_job_new (GJ_JOB_BACKUP, gj_store_get_path (self->store), path, NULL);
      start_job (self, job, GJ_WINDOW_OPEN_DEFAULT);
    }
  g_clear_object (&self->chooser);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stem = g_filename_display_basename (gj_store_get_path (self->store));
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  char *dot;

  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    *dot = '\0';
  /* TRANSLATORS: the file name of a backup: the database's name, then the date */
  name = g_strdup_printf (_("%s-backup-%s.db"), stem, date);

  chooser = gtk_file_chooser_native_new (_("Back Up"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Back Up"), _("_Cancel"));
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (self, chooser, G_CALLBACK (backup_response_cb));
}

static void
restore_confirm_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GjWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "backup");
  g_autoptr(GjJob) job = NULL;

  if (!g_str_equal (response, "restore") || self->store == NULL || self->job != NULL)
    return;

  job = gj_job_new (GJ_JOB_RESTORE, gj_store_get_path (self->store), path, NULL);
  start_job (self, job, GJ_WINDOW_OPEN_DEFAULT);
}

static void
restore_response_cb (GjWindow        *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chooser_dup_path (chooser) : NULL;
  g_autofree char *backup_name = NULL;
  g_autofree char *db_name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_clear_object (&self->chooser);
  if (path == NULL || self->store == NULL)
    return;

  backup_name = g_filename_display_basename (path);
  db_name = g_filename_display_basename (gj_store_get_path (self->store));
  body = g_strdup_printf (_("Everything now in “%s” is replaced by the contents of the backup “%s”. "
                            "Back up the current district first if you may need it again."),
                          db_name, backup_name);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore from the Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  show_chooser (self, chooser, G_CALLBACK (restore_response_cb));
}

static void
cancel_job_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);

  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
}

static GjRecordTable *
visible_table (GjWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkWidget *child = NULL;

  if (g_strcmp0 (page, "map") == 0)
    child = page_content (gtk_stack_get_visible_child (self->map_stack));
  else if (g_strcmp0 (page, "units") == 0)
    child = GTK_WIDGET (gj_units_page_get_visible_table (self->units_page));

  return GJ_IS_RECORD_TABLE (child) ? GJ_RECORD_TABLE (child) : NULL;
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);
  GjRecordTable *table = visible_table (self);
  gboolean district = g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "district");

  if (district && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "map") == 0
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->map_stack), "map") == 0)
    {
      gj_map_search_focus (self->map_search);
      return;
    }

  if (table != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "district"))
    gj_record_table_focus_search (table);
  else
    gtk_widget_error_bell (widget);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* Window ------------------------------------------------------------------- */

static void
save_window_state (GjWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  if (self->store != NULL)
    g_settings_set_string (self->settings, "visible-page",
                           adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_apply (self->settings);
}

static gboolean
gj_window_close_request (GtkWindow *window)
{
  GjWindow *self = GJ_WINDOW (window);

  save_window_state (self);
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);

  return GTK_WINDOW_CLASS (gj_window_parent_class)->close_request (window);
}

/* For the start-up benchmark: leave right after the first frame is drawn. */
static void
first_frame_cb (GdkFrameClock *clock,
                GjWindow      *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  if (application != NULL)
    g_application_quit (G_APPLICATION (application));
}

static void
gj_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (gj_window_parent_class)->realize (widget);

  if (g_getenv ("GJ_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (first_frame_cb), widget, 0);
}

static void
gj_window_map (GtkWidget *widget)
{
  GjWindow *self = GJ_WINDOW (widget);

  self->revealing = TRUE;
  reveal_visible_pages (self);

  GTK_WIDGET_CLASS (gj_window_parent_class)->map (widget);
}

static void
title_visible_cb (GjWindow *self)
{
  update_switcher_bar (self);
}

static void
gj_window_dispose (GObject *object)
{
  GjWindow *self = GJ_WINDOW (object);

  self->closed = TRUE;
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);

  /* The editor watches the map and the panel: it goes before them. */
  g_clear_object (&self->reminders);
  g_clear_object (&self->editor);
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_WINDOW);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_object (&self->job);
  g_clear_object (&self->job_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gj_window_parent_class)->dispose (object);
}

static void
gj_window_finalize (GObject *object)
{
  GjWindow *self = GJ_WINDOW (object);

  /* The store is closed (dispose) and no job uses the file any more (a job
   * holds a reference on the window until it has finished). */
  drop_throwaway (self);

  G_OBJECT_CLASS (gj_window_parent_class)->finalize (object);
}

/* The shortcuts window is built when first asked for, not with every
 * window (GTK would build it at start-up from gtk/help-overlay.ui). */
static void
shortcuts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/gongjian/Gongjian/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* Editing ----------------------------------------------------------------- */

static void
editor_state_cb (GjWindow *self)
{
  gboolean editing = gj_editor_is_editing (self->editor);

  gtk_label_set_label (self->edit_hint, gj_editor_get_hint (self->editor));
  gtk_revealer_set_reveal_child (self->edit_revealer, editing);
  if (editing)
    gtk_stack_set_visible_child_name (self->map_stack, "map");
  update_actions (self);
}

static void
editor_changed_cb (GjWindow *self,
                   GType     type)
{
  /* The units page follows the history itself. */
  if (type == GJ_TYPE_GRID)
    gj_record_table_reload (self->grids_table);
  else if (type == GJ_TYPE_STATION)
    gj_record_table_reload (self->stations_table);
  reload_overview (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  gj_editor_undo (GJ_WINDOW (widget)->editor);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  gj_editor_redo (GJ_WINDOW (widget)->editor);
}

static void
draw_grid_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  gtk_stack_set_visible_child_name (self->map_stack, "map");
  gj_editor_draw_grid (self->editor);
}

static void
add_station_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  gtk_stack_set_visible_child_name (self->map_stack, "map");
  gj_editor_add_station (self->editor);
}

static void
edit_shape_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  gj_editor_edit_selected (GJ_WINDOW (widget)->editor);
}

static void
delete_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  gj_editor_delete_selected (GJ_WINDOW (widget)->editor);
}

static void
finish_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  gj_editor_finish (GJ_WINDOW (widget)->editor);
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  gj_editor_cancel (GJ_WINDOW (widget)->editor);
}

static void
map_record_activated_cb (GjWindow *self,
                         GjRecord *record)
{
  gj_record_panel_set_record (self->record_panel, record);
}

static void
panel_record_changed_cb (GjWindow *self)
{
  GjRecord *record = gj_record_panel_get_record (self->record_panel);

  gtk_revealer_set_reveal_child (self->panel_revealer, record != NULL);
  update_actions (self);
  /* Closing the panel clears the highlight on the map too. */
  if (record == NULL)
    gj_map_view_select_record (self->map_view, NULL);
}

/* Shows @record on the map tab: zoomed to, outlined, open in the panel. */
static void
show_on_map (GjWindow     *self,
             GjRecord     *record,
             const GjBBox *bbox)
{
  GjGeometry *geometry = NULL;

  gtk_stack_set_visible_child_name (self->map_stack, "map");

  if (bbox != NULL)
    gj_map_view_zoom_to_bbox (self->map_view, bbox, TRUE);
  else if (GJ_IS_GRID (record) && (geometry = gj_record_get_geometry (record, "geometry")) != NULL)
    {
      GjBBox box = gj_geometry_get_bbox (geometry);

      gj_map_view_zoom_to_bbox (self->map_view, &box, TRUE);
    }
  else if (record != NULL && !gj_record_is_null (record, "lon") && !gj_record_is_null (record, "lat"))
    gj_map_view_go_to (self->map_view, gj_record_get_real (record, "lon"), gj_record_get_real (record, "lat"), 17);

  if (GJ_IS_GRID (record) || GJ_IS_STATION (record))
    gj_map_view_select_record (self->map_view, record);
  else
    gj_map_view_select_record (self->map_view, NULL);
  if (record != NULL)
    gj_record_panel_set_record (self->record_panel, record);
}

/* F5: the saved views and the figures, full screen and read-only. */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GjWindow *self = GJ_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (gj_presentation_new (GTK_WINDOW (self), self->store)));
}

/* A view applied from the views panel may change the theme. */
static void
map_theme_changed_cb (GjWindow *self)
{
  gtk_drop_down_set_selected (self->theme_dropdown, gj_map_view_get_theme (self->map_view));
}

/* A figure of the overview, clicked: its records, in their page. */
static void
overview_drill_down_cb (GjWindow   *self,
                        GjDrill    *drill,
                        const char *title)
{
  const gint64 *ids = drill->ids != NULL ? (const gint64 *) drill->ids->data : NULL;
  guint n_ids = drill->ids != NULL ? drill->ids->len : 0;

  if (drill->type == G_TYPE_NONE)
    {
      GjOverview *overview = gj_overview_page_get_overview (self->overview_page);
      guint gap = 0;

      /* A gap between grids: on the map. */
      adw_view_stack_set_visible_child_name (self->view_stack, "map");
      gtk_stack_set_visible_child_name (self->map_stack, "map");
      if (drill->filter != NULL && sscanf (drill->filter, "gap=%u", &gap) == 1
          && overview != NULL && overview->gaps != NULL && gap < overview->gaps->len)
        gj_map_view_zoom_to_bbox (self->map_view,
                                  &((GjOverviewGap *) g_ptr_array_index (overview->gaps, gap))->bbox, TRUE);
      return;
    }
  if (drill->type == GJ_TYPE_PROBLEM)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "problems");
      if (n_ids == 1)
        gj_problems_page_show_problem (self->problems_page, ids[0]);
      return;
    }
  if (drill->type == GJ_TYPE_MEETING)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
      if (n_ids == 1)
        {
          g_autoptr(GjRecord) meeting = gj_store_get (self->store, GJ_TYPE_MEETING, ids[0], NULL);

          if (meeting != NULL)
            gj_calendar_page_show_meeting (self->calendar_page, GJ_MEETING (meeting));
        }
      return;
    }
  if (drill->type == GJ_TYPE_GRID || drill->type == GJ_TYPE_STATION)
    {
      GjRecordTable *table = drill->type == GJ_TYPE_GRID ? self->grids_table : self->stations_table;

      adw_view_stack_set_visible_child_name (self->view_stack, "map");
      gtk_stack_set_visible_child_name (self->map_stack, drill->type == GJ_TYPE_GRID ? "grids" : "stations");
      gj_record_table_show_only (table, ids, n_ids, title);
      return;
    }
  if (drill->type == GJ_TYPE_UNIT || drill->type == GJ_TYPE_AGREEMENT || drill->type == GJ_TYPE_LIST_ITEM)
    {
      GjRecordTable *table = gj_units_page_get_table (self->units_page, drill->type);

      adw_view_stack_set_visible_child_name (self->view_stack, "units");
      if (n_ids == 1)
        gj_units_page_show_record (self->units_page, drill->type, ids[0]);
      else if (table != NULL)
        gj_record_table_show_only (table, ids, n_ids, title);
    }
}

/* The problem wall's pins on the map, and from a pin to its problem. */
static void
problems_toggled_cb (GjWindow        *self,
                     GtkToggleButton *button)
{
  gj_map_view_set_show_problems (self->map_view, gtk_toggle_button_get_active (button));
}

static void
problem_activated_cb (GjWindow *self,
                      GjRecord *problem)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "problems");
  gj_problems_page_show_problem (self->problems_page, gj_record_get_id (problem));
}

static void
units_show_on_map_cb (GjWindow *self,
                      GjRecord *unit)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  gtk_stack_set_visible_child_name (self->map_stack, "map");
  gj_map_view_select_record (self->map_view, NULL);
  gj_map_view_go_to (self->map_view, gj_record_get_real (unit, "lon"), gj_record_get_real (unit, "lat"), 17);
  gj_record_panel_set_record (self->record_panel, unit);
}

static void
units_pick_place_cb (GjWindow *self,
                     GjRecord *unit)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  gtk_stack_set_visible_child_name (self->map_stack, "map");
  if (!gj_record_is_null (unit, "lon") && !gj_record_is_null (unit, "lat"))
    gj_map_view_go_to (self->map_view, gj_record_get_real (unit, "lon"), gj_record_get_real (unit, "lat"), 17);
  gj_editor_pick_place (self->editor, unit);
}

/* A unit's place was kept: back to its form. */
static void
editor_placed_cb (GjWindow *self,
                  GjRecord *record)
{
  if (!GJ_IS_UNIT (record))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "units");
  gj_units_page_show_record (self->units_page, GJ_TYPE_UNIT, gj_record_get_id (record));
}

static void
map_search_chosen_cb (GjWindow *self,
                      GjRecord *record)
{
  show_on_map (self, record, NULL);
}

static void
finding_activated_cb (GjWindow  *self,
                      GjFinding *finding)
{
  const char * const *uuids = gj_finding_get_record_uuids (finding);
  const char * const *kinds = gj_finding_get_record_kinds (finding);
  g_autoptr(GjRecord) record = NULL;
  double lon, lat;
  GjBBox bbox;
  gboolean has_place = gj_finding_get_place (finding, &lon, &lat, &bbox);

  /* The first grid or station the finding names is the one to show. */
  for (guint i = 0; uuids != NULL && kinds != NULL && uuids[i] != NULL && kinds[i] != NULL; i++)
    {
      GType type = gj_record_type_from_kind (kinds[i]);

      if (type == GJ_TYPE_GRID || type == GJ_TYPE_STATION)
        {
          g_autoptr(GError) error = NULL;

          record = gj_store_get_by_uuid (self->store, type, uuids[i], &error);
          if (record != NULL)
            break;
        }
    }

  if (has_place && (bbox.max_x > bbox.min_x || bbox.max_y > bbox.min_y))
    show_on_map (self, record, &bbox);
  else if (has_place)
    {
      gtk_stack_set_visible_child_name (self->map_stack, "map");
      gj_map_view_go_to (self->map_view, lon, lat, 17);
      gj_map_view_select_record (self->map_view, record);
      if (record != NULL)
        gj_record_panel_set_record (self->record_panel, record);
    }
  else if (record != NULL)
    show_on_map (self, record, NULL);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
theme_selected_cb (GjWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->theme_dropdown);

  if (selected <= GJ_MAP_THEME_LAST)
    gj_map_view_set_theme (self->map_view, (GjMapTheme) selected);
}

/* The basemap follows Preferences, live, in every window. */
static void
apply_basemap (GjWindow *self)
{
  GjBasemapKind kind = g_settings_get_enum (self->settings, "basemap");
  g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-path");
  g_autofree char *key = g_settings_get_string (self->settings, "tianditu-key");

  gj_map_view_set_basemap (self->map_view, kind,
                           kind == GJ_BASEMAP_MBTILES ? path : kind == GJ_BASEMAP_TIANDITU ? key : NULL);
}

static void
basemap_setting_changed_cb (GjWindow   *self,
                            const char *key)
{
  if (g_str_equal (key, "basemap") || g_str_equal (key, "mbtiles-path")
      || g_str_equal (key, "tianditu-key"))
    apply_basemap (self);
}

static void
basemap_failed_cb (GjWindow   *self,
                   const char *message)
{
  g_autofree char *title = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("Preferences"));
  adw_toast_set_action_name (toast, "app.preferences");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
map_tab_changed_cb (GjWindow *self)
{
  gboolean map = g_strcmp0 (gtk_stack_get_visible_child_name (self->map_stack), "map") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->theme_dropdown), map);
  gtk_widget_set_visible (GTK_WIDGET (self->map_search), map);
}

static void
gj_window_class_init (GjWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gj_window_dispose;
  object_class->finalize = gj_window_finalize;
  widget_class->map = gj_window_map;
  widget_class->realize = gj_window_realize;
  window_class->close_request = gj_window_close_request;

  /* Referencing the compiled-in resources keeps them in the link: a static
   * library drops objects nobody calls, constructor and all. */
  (void) gj_get_resource ();

  g_type_ensure (GJ_TYPE_RECORD_TABLE);
  g_type_ensure (GJ_TYPE_RECORD_PANEL);
  g_type_ensure (GJ_TYPE_MAP_VIEW);
  g_type_ensure (GJ_TYPE_MAP_SEARCH);
  g_type_ensure (GJ_TYPE_CHECKS_PANEL);
  g_type_ensure (GJ_TYPE_UNITS_PAGE);
  g_type_ensure (GJ_TYPE_PROBLEMS_PAGE);
  g_type_ensure (GJ_TYPE_CALENDAR_PAGE);
  g_type_ensure (GJ_TYPE_OVERVIEW_PAGE);
  g_type_ensure (GJ_TYPE_VIEWS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GjWindow, busy_page);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, checks_panel);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, edit_hint);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, edit_revealer);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, grids_table);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, job_label);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, job_progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, job_revealer);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, map_search);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, map_stack);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, panel_revealer);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, record_panel);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, calendar_page);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, views_panel);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, problems_toggle);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, problems_page);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, stations_table);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, theme_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_record_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_search_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, panel_record_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, units_show_on_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, units_pick_place_cb);
  gtk_widget_class_bind_template_callback (widget_class, problems_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, overview_drill_down_cb);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, units_page);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GjWindow, welcome_page);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new-district", NULL, new_district_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.welcome-sample", NULL, welcome_sample_action);
  gtk_widget_class_install_action (widget_class, "win.welcome-empty", NULL, welcome_empty_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-map", NULL, export_map_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-job", NULL, cancel_job_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, shortcuts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.shortcuts", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.draw-grid", NULL, draw_grid_action);
  gtk_widget_class_install_action (widget_class, "win.add-station", NULL, add_station_action);
  gtk_widget_class_install_action (widget_class, "win.edit-shape", NULL, edit_shape_action);
  gtk_widget_class_install_action (widget_class, "win.delete-record", NULL, delete_record_action);
  gtk_widget_class_install_action (widget_class, "win.finish-edit", NULL, finish_edit_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.draw-grid", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.draw-grid", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "win.show-page", "s", page_names[i]);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_ALT_MASK,
                                           "win.show-page", "s", page_names[i]);
    }
}

static void
gj_window_init (GjWindow *self)
{
  g_autofree char *page = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->editor = gj_editor_new (GTK_WINDOW (self), self->map_view, self->record_panel, self->toast_overlay);
  g_signal_connect_object (self->editor, "notify", G_CALLBACK (editor_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "changed", G_CALLBACK (editor_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "placed", G_CALLBACK (editor_placed_cb), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "visible-page");
  if (adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (title_visible_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->main_stack, "notify::visible-child",
                           G_CALLBACK (reveal_visible_pages), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (reveal_visible_pages), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_stack, "notify::visible-child",
                           G_CALLBACK (reveal_visible_pages), self, G_CONNECT_SWAPPED);

  /* The map's colouring, one entry per theme. */
  {
    g_autoptr(GtkStringList) themes = gtk_string_list_new (NULL);

    for (GjMapTheme t = 0; t <= GJ_MAP_THEME_LAST; t++)
      gtk_string_list_append (themes, gj_map_theme_get_title (t));
    gtk_drop_down_set_model (self->theme_dropdown, G_LIST_MODEL (themes));
    gtk_drop_down_set_selected (self->theme_dropdown, gj_map_view_get_theme (self->map_view));
  }
  g_signal_connect_object (self->theme_dropdown, "notify::selected",
                           G_CALLBACK (theme_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_stack, "notify::visible-child-name",
                           G_CALLBACK (map_tab_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "basemap-failed",
                           G_CALLBACK (basemap_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "problem-activated",
                           G_CALLBACK (problem_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "notify::theme",
                           G_CALLBACK (map_theme_changed_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->map_view, "show-problems", self->problems_toggle, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gj_views_panel_set_map_view (self->views_panel, self->map_view);
  gj_views_panel_set_toast_overlay (self->views_panel, self->toast_overlay);

  /* The problems page's count of overdue matters on its switcher. */
  g_object_bind_property (self->problems_page, "n-overdue",
                          adw_view_stack_get_page (self->view_stack,
                                                   gtk_widget_get_parent (GTK_WIDGET (self->problems_page))),
                          "badge-number", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (basemap_setting_changed_cb), self, G_CONNECT_SWAPPED);
  apply_basemap (self);

  /* What shows first is decided by the caller (gj_window_open_last …). */
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  update_switcher_bar (self);
  update_actions (self);
}

GjWindow *
gj_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (GJ_TYPE_WINDOW, "application", application, NULL);
}

GjStore *
gj_window_get_store (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);

  return self->store;
}

AdwViewStack *
gj_window_get_view_stack (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);

  return self->view_stack;
}

GjRecordTable *
gj_window_get_table (GjWindow *self,
                     GType     record_type)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);

  if (record_type == GJ_TYPE_GRID)
    return self->grids_table;
  if (record_type == GJ_TYPE_STATION)
    return self->stations_table;
  return gj_units_page_get_table (self->units_page, record_type);
}

const char *
gj_window_get_state (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

gboolean
gj_window_is_busy (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), FALSE);

  return self->job != NULL;
}

GtkStack *
gj_window_get_map_stack (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);
  return self->map_stack;
}

GjChecksPanel *
gj_window_get_checks_panel (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);
  return self->checks_panel;
}

GjMapSearch *
gj_window_get_map_search (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);
  return self->map_search;
}

GjMapView *
gj_window_get_map_view (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);
  return self->map_view;
}

GjRecordPanel *
gj_window_get_record_panel (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);
  return self->record_panel;
}

GjUnitsPage *
gj_window_get_units_page (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);

  return self->units_page;
}

GjEditor *
gj_window_get_editor (GjWindow *self)
{
  g_return_val_if_fail (GJ_IS_WINDOW (self), NULL);

  return self->editor;
}
