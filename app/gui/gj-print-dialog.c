/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gj-print-dialog.h"

struct _GjPrintDialog
{
  AdwWindow             parent_instance;

  /* Template widgets. */
  GtkSwitch            *atlas_switch;
  GtkSwitch            *date_switch;
  GtkSwitch            *legend_switch;
  GtkSwitch            *north_switch;
  GtkSwitch            *note_switch;
  AdwComboRow          *orientation_row;
  AdwComboRow          *paper_row;
  GtkSwitch            *scale_switch;
  GtkSpinner           *spinner;
  AdwEntryRow          *subtitle_row;
  AdwEntryRow          *title_row;
  AdwToastOverlay      *toast_overlay;

  GjStore              *store;
  GjMapTheme            theme;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (GjPrintDialog, gj_print_dialog, ADW_TYPE_WINDOW)

/* Options that own their strings, for work that outlives the rows. */
typedef struct
{
  GjPrintOptions  options;
  char           *db_path;
  char           *output;
  char           *title;
  char           *subtitle;
  GjPrintDocument *document;   /* the print operation's */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->document, gj_print_document_free);
  g_free (job->db_path);
  g_free (job->output);
  g_free (job->title);
  g_free (job->subtitle);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static const char *
entry_text (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text != NULL && *text != '\0' ? text : NULL;
}

void
gj_print_dialog_get_options (GjPrintDialog  *self,
                             GjPrintOptions *options)
{
  g_return_if_fail (GJ_IS_PRINT_DIALOG (self));
  g_return_if_fail (options != NULL);

  gj_print_options_init (options);
  options->theme = self->theme;
  options->paper = adw_combo_row_get_selected (self->paper_row) == 1 ? GJ_PAPER_A3 : GJ_PAPER_A4;
  options->landscape = adw_combo_row_get_selected (self->orientation_row) == 1;
  options->title = entry_text (self->title_row);
  options->subtitle = entry_text (self->subtitle_row);
  options->atlas = gtk_switch_get_active (self->atlas_switch);
  options->no_legend = !gtk_switch_get_active (self->legend_switch);
  options->no_scale_bar = !gtk_switch_get_active (self->scale_switch);
  options->no_north_arrow = !gtk_switch_get_active (self->north_switch);
  options->no_date = !gtk_switch_get_active (self->date_switch);
  options->no_note = !gtk_switch_get_active (self->note_switch);
}

void
gj_print_dialog_set_options (GjPrintDialog        *self,
                             const GjPrintOptions *options)
{
  g_return_if_fail (GJ_IS_PRINT_DIALOG (self));
  g_return_if_fail (options != NULL);

  adw_combo_row_set_selected (self->paper_row, options->paper == GJ_PAPER_A3 ? 1 : 0);
  adw_combo_row_set_selected (self->orientation_row, options->landscape ? 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), options->title != NULL ? options->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->subtitle_row), options->subtitle != NULL ? options->subtitle : "");
  gtk_switch_set_active (self->atlas_switch, options->atlas);
  gtk_switch_set_active (self->legend_switch, !options->no_legend);
  gtk_switch_set_active (self->scale_switch, !options->no_scale_bar);
  gtk_switch_set_active (self->north_switch, !options->no_north_arrow);
  gtk_switch_set_active (self->date_switch, !options->no_date);
  gtk_switch_set_active (self->note_switch, !options->no_note);
}

static Job *
job_new (GjPrintDialog *self,
         const char    *output)
{
  Job *job = g_new0 (Job, 1);

  gj_print_dialog_get_options (self, &job->options);
  job->db_path = g_strdup (gj_store_get_path (self->store));
  job->output = g_strdup (output);
  job->title = g_strdup (job->options.title);
  job->subtitle = g_strdup (job->options.subtitle);
  job->options.output = job->output;
  job->options.title = job->title;
  job->options.subtitle = job->subtitle;
  return job;
}

static void
show_message (GjPrintDialog *self,
              const char    *text,
              gboolean       sticky)
{
  AdwToast *toast = adw_toast_new (text);

  if (sticky)
    adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_actions (GjPrintDialog *self)
{
  gboolean atlas = gtk_switch_get_active (self->atlas_switch);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.save-pdf", !self->busy);
  /* An atlas has many pages: a PNG holds one. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.save-png", !self->busy && !atlas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.to-printer", !self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
atlas_changed_cb (GjPrintDialog *self)
{
  update_actions (self);
}

/* ---- To a file -------------------------------------------------------- */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A store of the thread's own: a store is used from one thread at a time. */
  store = gj_store_open (job->db_path, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !gj_print_map (store, &job->options, NULL, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
gj_print_dialog_export_async (GjPrintDialog       *self,
                              const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GJ_IS_PRINT_DIALOG (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gj_print_dialog_export_async);
  g_task_set_task_data (task, job_new (self, path), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
gj_print_dialog_export_finish (GjPrintDialog  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GjPrintDialog *self = GJ_PRINT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = user_data;
  g_autofree char *message = NULL;

  self->busy = FALSE;
  update_actions (self);
  if (!gj_print_dialog_export_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }
  message = g_strdup_printf (_("Saved “%s”"), path);
  show_message (self, message, FALSE);
}

static void
chooser_response_cb (GjPrintDialog   *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;
  const char *extension = g_object_get_data (G_OBJECT (chooser), "extension");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, extension))
    {
      char *with_extension = g_strconcat (path, extension, NULL);

      g_free (path);
      path = with_extension;
    }
  self->busy = TRUE;
  update_actions (self);
  gj_print_dialog_export_async (self, path, self->cancellable, export_done_cb, g_strdup (path));
}

static void
save_to_file (GjPrintDialog *self,
              gboolean       png)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->busy || self->store == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (png ? _("Save Map as PNG") : _("Save Map as PDF"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, png ? _("PNG images") : _("PDF documents"));
  gtk_file_filter_add_pattern (filter, png ? "*.png" : "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     png ? _("map.png")
                                     : gtk_switch_get_active (self->atlas_switch) ? _("atlas.pdf") : _("map.pdf"));
  g_object_set_data (G_OBJECT (self->chooser), "extension", (gpointer) (png ? ".png" : ".pdf"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  save_to_file (GJ_PRINT_DIALOG (widget), FALSE);
}

static void
save_png_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  save_to_file (GJ_PRINT_DIALOG (widget), TRUE);
}

/* ---- To a printer ----------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                GjPrintDialog     *self)
{
  Job *job = g_object_get_data (G_OBJECT (operation), "job");
  g_autoptr(GError) error = NULL;

  /* The same document as a file gets, on this thread's store. */
  job->document = gj_print_document_new (self->store, &job->options, &error);
  if (job->document == NULL)
    {
      show_message (self, error->message, TRUE);
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, gj_print_document_get_n_pages (job->document));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              GjPrintDialog     *self)
{
  Job *job = g_object_get_data (G_OBJECT (operation), "job");
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(GError) error = NULL;
  double page_w, page_h, scale;

  if (job->document == NULL)
    return;
  /* The printer's page may differ a little from the paper asked for:
   * the whole page, scaled to fit. */
  gj_print_document_get_page_size (job->document, &page_w, &page_h);
  scale = MIN (gtk_print_context_get_width (context) / page_w, gtk_print_context_get_height (context) / page_h);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  if (!gj_print_document_draw_page (job->document, cr, page_nr, NULL, &error))
    show_message (self, error->message, TRUE);
  cairo_restore (cr);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GjPrintDialog           *self)
{
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  update_actions (self);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_message (self, error != NULL ? error->message : _("Could not print the map"), TRUE);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    show_message (self, _("Sent the map to the printer"), FALSE);
}

static void
to_printer_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GjPrintDialog *self = GJ_PRINT_DIALOG (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  GtkPaperSize *paper;
  Job *job;

  if (self->busy || self->store == NULL)
    return;

  job = job_new (self, NULL);
  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "job", job, (GDestroyNotify) job_free);

  setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (job->options.paper == GJ_PAPER_A3 ? GTK_PAPER_NAME_A3 : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_paper_size_free (paper);
  gtk_page_setup_set_orientation (setup, job->options.landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                                : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job->title != NULL ? job->title : _("Map"));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  self->busy = TRUE;
  update_actions (self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      self->busy = FALSE;
      update_actions (self);
      show_message (self, error->message, TRUE);
    }
}

/* ---- GObject ---------------------------------------------------------- */

static void
gj_print_dialog_dispose (GObject *object)
{
  GjPrintDialog *self = GJ_PRINT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_PRINT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (gj_print_dialog_parent_class)->dispose (object);
}

static void
gj_print_dialog_class_init (GjPrintDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_print_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-print-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, atlas_switch);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, date_switch);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, north_switch);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, note_switch);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, scale_switch);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, GjPrintDialog, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, atlas_changed_cb);

  gtk_widget_class_install_action (widget_class, "print.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "print.save-png", NULL, save_png_action);
  gtk_widget_class_install_action (widget_class, "print.to-printer", NULL, to_printer_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "print.to-printer", NULL);
}

static void
gj_print_dialog_init (GjPrintDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  update_actions (self);
}

GjPrintDialog *
gj_print_dialog_new (GtkWindow  *parent,
                     GjStore    *store,
                     GjMapTheme  theme)
{
  GjPrintDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (theme <= GJ_MAP_THEME_LAST, NULL);

  self = g_object_new (GJ_TYPE_PRINT_DIALOG, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->store = g_object_ref (store);
  self->theme = theme;
  return self;
}
