/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gj-format.h"
#include "gj-io.h"
#include "gj-coords.h"
#include "gj-job.h"
#include "gj-print.h"
#include "gj-sample.h"
#include "gj-store.h"

struct _GjJob
{
  GObject       parent_instance;

  /* Set at construction, read by the worker: never changed afterwards. */
  GjJobKind     kind;
  char         *db_path;
  char         *file;
  char         *record_kind;
  char         *crs;
  char         *encoding;
  char         *title;
  GjMapTheme    theme;

  /* Main-context side of the progress. */
  GMainContext *context;
  double        fraction;

  /* Shared with the worker, under the mutex. */
  GMutex        mutex;
  guint64       done;
  guint64       total;
  gboolean      progress_pending;
};

G_DEFINE_FINAL_TYPE (GjJob, gj_job, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FRACTION,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
progress_idle_cb (gpointer user_data)
{
  GjJob *self = user_data;
  guint64 done, total;
  double fraction;

  g_mutex_lock (&self->mutex);
  done = self->done;
  total = self->total;
  self->progress_pending = FALSE;
  g_mutex_unlock (&self->mutex);

  fraction = total > 0 ? CLAMP ((double) done / (double) total, 0.0, 1.0) : -1.0;
  if (fraction != self->fraction || fraction < 0)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  return G_SOURCE_REMOVE;
}

/* Called in the worker, possibly thousands of times a second: at most one
 * update waits on the main context at any time. */
static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  GjJob *self = user_data;
  gboolean schedule;

  g_mutex_lock (&self->mutex);
  self->done = done;
  self->total = total;
  schedule = !self->progress_pending;
  self->progress_pending = TRUE;
  g_mutex_unlock (&self->mutex);

  if (schedule)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT_IDLE, progress_idle_cb,
                                g_object_ref (self), g_object_unref);
}

/* The store and the importers each have a "cancelled" code; callers only
 * need to know one. */
static void
normalize_cancelled (GError **error)
{
  if (*error == NULL)
    return;

  if (g_error_matches (*error, GJ_STORE_ERROR, GJ_STORE_ERROR_CANCELLED)
      || g_error_matches (*error, GJ_IO_ERROR, GJ_IO_ERROR_CANCELLED))
    {
      g_clear_error (error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
    }
}

void
gj_remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_remove (name);
    }
}

static char *
run (GjJob         *self,
     GjStore       *store,
     GCancellable  *cancellable,
     GError       **error)
{
  g_autofree char *basename = g_path_get_basename (self->file ? self->file : self->db_path);

  switch (self->kind)
    {
    case GJ_JOB_IMPORT:
      {
        g_autoptr(GjImportResult) result = NULL;
        g_autofree char *summary = NULL;
        GjImportOptions options = { self->record_kind, self->encoding, self->crs, FALSE };

        if (!gj_import_file_full (store, self->file, &options, progress_cb, self, cancellable, &result, error))
          return NULL;
        summary = gj_format_imported (result->kind, result->inserted + result->updated);
        /* Shifted coordinates come back to WGS-84 only to about a metre. */
        if (result->crs == GJ_CRS_GCJ02)
          return g_strdup_printf (_("%s, converted from GCJ-02 (approximate, about 1 m)"), summary);
        if (result->crs == GJ_CRS_BD09)
          return g_strdup_printf (_("%s, converted from BD-09 (approximate, about 1 m)"), summary);
        return g_steal_pointer (&summary);
      }

    case GJ_JOB_EXPORT:
      {
        guint n_written = 0;

        if (!gj_export_file (store, self->file, self->record_kind, progress_cb, self, cancellable,
                             &n_written, error))
          return NULL;
        return gj_format_exported (self->record_kind, n_written);
      }

    case GJ_JOB_BACKUP:
      if (!gj_store_backup (store, self->file, progress_cb, self, cancellable, error))
        return NULL;
      return g_strdup_printf (_("Backed up to “%s”"), basename);

    case GJ_JOB_RESTORE:
      if (!gj_store_restore_from (store, self->file, progress_cb, self, cancellable, error))
        return NULL;
      return g_strdup_printf (_("Restored from “%s”"), basename);

    case GJ_JOB_SAMPLE:
      if (!gj_sample_load (store, progress_cb, self, cancellable, error))
        return NULL;
      return g_strdup (_("The sample district is ready"));

    case GJ_JOB_PRINT_MAP:
      {
        GjPrintOptions options;

        gj_print_options_init (&options);
        options.output = self->file;
        options.paper = GJ_PAPER_A4;
        options.landscape = TRUE;
        options.theme = self->theme;
        if (!gj_print_map (store, &options, progress_cb, self, cancellable, error))
          return NULL;
        return g_strdup_printf (_("Saved map to “%s”"), basename);
      }

    default:
      g_assert_not_reached ();
    }
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GjJob *self = source_object;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean creating = self->kind == GJ_JOB_SAMPLE;

  /* The sample goes into a file that does not exist yet; nothing else may
   * create a database by accident. */
  if (creating && g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (self->db_path);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("“%s” already exists; it was left as it is."), display);
      return;
    }

  store = gj_store_open (self->db_path, creating ? GJ_STORE_OPEN_CREATE : GJ_STORE_OPEN_DEFAULT,
                         &error);
  if (store != NULL)
    summary = run (self, store, cancellable, &error);
  g_clear_object (&store);

  if (summary == NULL)
    {
      /* A half-built sample is of no use to anyone: it was ours, remove it. */
      if (creating)
        gj_remove_database_files (self->db_path);

      normalize_cancelled (&error);
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The work failed"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&summary), g_free);
}

static void
gj_job_finalize (GObject *object)
{
  GjJob *self = GJ_JOB (object);

  g_free (self->db_path);
  g_free (self->file);
  g_free (self->record_kind);
  g_free (self->crs);
  g_free (self->encoding);
  g_free (self->title);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (gj_job_parent_class)->finalize (object);
}

static void
gj_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  GjJob *self = GJ_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_job_class_init (GjJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gj_job_finalize;
  object_class->get_property = gj_job_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, -1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_job_init (GjJob *self)
{
  g_mutex_init (&self->mutex);
  self->fraction = -1.0;
}

GjJob *
gj_job_new (GjJobKind   kind,
            const char *db_path,
            const char *file,
            const char *record_kind)
{
  g_autofree char *basename = NULL;
  GjJob *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (kind == GJ_JOB_SAMPLE || file != NULL, NULL);

  self = g_object_new (GJ_TYPE_JOB, NULL);
  self->kind = kind;
  self->db_path = g_strdup (db_path);
  self->file = g_strdup (file);
  self->record_kind = g_strdup (record_kind);

  if (file != NULL)
    basename = g_filename_display_basename (file);

  switch (kind)
    {
    case GJ_JOB_IMPORT:
      self->title = g_strdup_printf (_("Importing “%s”…"), basename);
      break;
    case GJ_JOB_EXPORT:
      self->title = g_strdup_printf (_("Exporting to “%s”…"), basename);
      break;
    case GJ_JOB_BACKUP:
      self->title = g_strdup_printf (_("Backing up to “%s”…"), basename);
      break;
    case GJ_JOB_RESTORE:
      self->title = g_strdup_printf (_("Restoring from “%s”…"), basename);
      break;
    case GJ_JOB_SAMPLE:
      self->title = g_strdup (_("Building the sample district…"));
      break;
    case GJ_JOB_PRINT_MAP:
      self->title = g_strdup_printf (_("Saving the map to “%s”…"), basename);
      break;
    default:
      g_assert_not_reached ();
    }

  return self;
}

GjJobKind
gj_job_get_kind (GjJob *self)
{
  g_return_val_if_fail (GJ_IS_JOB (self), GJ_JOB_IMPORT);

  return self->kind;
}

const char *
gj_job_get_db_path (GjJob *self)
{
  g_return_val_if_fail (GJ_IS_JOB (self), NULL);

  return self->db_path;
}

const char *
gj_job_get_file (GjJob *self)
{
  g_return_val_if_fail (GJ_IS_JOB (self), NULL);

  return self->file;
}

const char *
gj_job_get_title (GjJob *self)
{
  g_return_val_if_fail (GJ_IS_JOB (self), NULL);

  return self->title;
}

double
gj_job_get_fraction (GjJob *self)
{
  g_return_val_if_fail (GJ_IS_JOB (self), -1.0);

  return self->fraction;
}

void
gj_job_set_map_theme (GjJob      *self,
                      GjMapTheme  theme)
{
  g_return_if_fail (GJ_IS_JOB (self));
  g_return_if_fail (self->context == NULL);

  self->theme = theme;
}

void
gj_job_run_async (GjJob               *self,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GJ_IS_JOB (self));
  g_return_if_fail (self->context == NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gj_job_run_async);
  /* Report what the worker did, even when Cancel came too late to stop it:
   * an import that committed must not be shown as cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

char *
gj_job_run_finish (GjJob         *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (GJ_IS_JOB (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
gj_job_set_import_options (GjJob      *self,
                           const char *crs,
                           const char *encoding)
{
  g_return_if_fail (GJ_IS_JOB (self));

  g_free (self->crs);
  self->crs = g_strdup (crs);
  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
}
