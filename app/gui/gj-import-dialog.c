/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gj-format.h"
#include "gj-import-dialog-private.h"
#include "gj-io-private.h"
#include "gj-resources.h"

/* The kinds a table import offers, in the order of the Contents row. */
static const char * const dialog_kinds[] = { "units", "agreements", "items" };

/* The Text encoding row's choices, as the preview options want them. */
static const char * const encodings[] = { NULL, "UTF-8", "UTF-8-SIG", "GB18030" };
static const char delimiters[] = { 0, ',', ';', '\t' };

/* Guessing the kind reads no more than this of a file. */
#define GUESS_BYTES (256 * 1024)

/* One column of the file on the Columns page ------------------------------ */

#define GJ_TYPE_IMPORT_COLUMN (gj_import_column_get_type ())
G_DECLARE_FINAL_TYPE (GjImportColumn, gj_import_column, GJ, IMPORT_COLUMN, GObject)

/* Small enough to live with the dialog that alone uses it. */
struct _GjImportColumn
{
  GObject  parent_instance;
  guint    index;
  char    *header;
  char    *samples;
  guint    selected;  /* 0: ignored; else 1 + the target's index */
};

G_DEFINE_FINAL_TYPE (GjImportColumn, gj_import_column, G_TYPE_OBJECT)

enum
{
  COLUMN_PROP_0,
  COLUMN_PROP_SELECTED,
  COLUMN_N_PROPS
};

static GParamSpec *column_properties[COLUMN_N_PROPS];

static void
gj_import_column_finalize (GObject *object)
{
  GjImportColumn *self = GJ_IMPORT_COLUMN (object);

  g_free (self->header);
  g_free (self->samples);
  G_OBJECT_CLASS (gj_import_column_parent_class)->finalize (object);
}

static void
gj_import_column_set_selected (GjImportColumn *self,
                               guint           selected)
{
  if (self->selected == selected)
    return;
  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), column_properties[COLUMN_PROP_SELECTED]);
}

static void
gj_import_column_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GjImportColumn *self = GJ_IMPORT_COLUMN (object);

  switch (prop_id)
    {
    case COLUMN_PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_import_column_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GjImportColumn *self = GJ_IMPORT_COLUMN (object);

  switch (prop_id)
    {
    case COLUMN_PROP_SELECTED:
      gj_import_column_set_selected (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_import_column_class_init (GjImportColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gj_import_column_finalize;
  object_class->get_property = gj_import_column_get_property;
  object_class->set_property = gj_import_column_set_property;

  column_properties[COLUMN_PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, COLUMN_N_PROPS, column_properties);
}

static void
gj_import_column_init (GjImportColumn *self)
{
}

/* Reading the file in a thread --------------------------------------------- */

typedef struct
{
  char       *db_path;
  char       *path;
  char       *kind;        /* NULL: guess */
  char       *encoding;    /* NULL: detect */
  char        delimiter;   /* 0: detect */
  guint       header_row;  /* 0: detect */
  GHashTable *mapping;     /* the user's; NULL: automatic, or remembered */
  GVariant   *remembered;  /* a{sa{ss}}: the csv-mappings setting */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_free (data->kind);
  g_free (data->encoding);
  g_clear_pointer (&data->mapping, g_hash_table_unref);
  g_clear_pointer (&data->remembered, g_variant_unref);
  g_free (data);
}

typedef struct
{
  GjCsvPreview *preview;      /* NULL: the headers alone could be read */
  char         *kind;
  char         *encoding;
  char          delimiter;
  guint         header_line;
  GPtrArray    *headers;      /* char* */
  GPtrArray    *samples;      /* char*: a few values of each column */
  gboolean      remembered;   /* a remembered mapping was applied */
  char         *problem;      /* why the rows could not be read, or NULL */
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->preview);
  g_free (result->kind);
  g_free (result->encoding);
  g_clear_pointer (&result->headers, g_ptr_array_unref);
  g_clear_pointer (&result->samples, g_ptr_array_unref);
  g_free (result->problem);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Mappings are remembered per kind and per set of headers, whatever their order. */
static char *
mapping_key (const char *kind,
             GPtrArray  *headers)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *digest = NULL;

  for (guint i = 0; i < headers->len; i++)
    g_ptr_array_add (sorted, headers->pdata[i]);
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    {
      g_string_append (text, sorted->pdata[i]);
      g_string_append_c (text, '\n');
    }
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
  return g_strdup_printf ("%s:%s", kind, digest);
}

static GHashTable *
lookup_remembered (GVariant   *remembered,
                   const char *kind,
                   GPtrArray  *headers)
{
  g_autofree char *key = NULL;
  g_autoptr(GVariant) value = NULL;
  GHashTable *mapping;
  GVariantIter iter;
  const char *header, *target;

  if (remembered == NULL || headers == NULL || headers->len == 0)
    return NULL;
  key = mapping_key (kind, headers);
  value = g_variant_lookup_value (remembered, key, G_VARIANT_TYPE ("a{ss}"));
  if (value == NULL)
    return NULL;

  mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "{&s&s}", &header, &target))
    g_hash_table_insert (mapping, g_strdup (header), g_strdup (target));
  return mapping;
}

static GPtrArray *
preview_headers (GjCsvPreview *preview)
{
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < gj_csv_preview_get_n_columns (preview); c++)
    g_ptr_array_add (headers, g_strdup (gj_csv_preview_get_header (preview, c)));
  return headers;
}

/* A few different values of each column, for the Columns page. */
static GPtrArray *
collect_samples (guint        n_columns,
                 guint        n_rows,
                 const char *(*value_at) (gpointer data, guint row, guint column),
                 gpointer     data)
{
  GPtrArray *samples = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GPtrArray) seen = g_ptr_array_new ();
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint r = 0; r < n_rows && r < 200 && seen->len < 3; r++)
        {
          const char *value = value_at (data, r, c);
          gboolean again = FALSE;

          if (value == NULL || *value == '\0')
            continue;
          for (guint k = 0; k < seen->len && !again; k++)
            again = g_str_equal (seen->pdata[k], value);
          if (again)
            continue;
          g_ptr_array_add (seen, (gpointer) value);
          if (text->len > 0)
            g_string_append (text, "  ·  ");
          /* One line each, however long the cell. */
          {
            g_autofree char *flat = g_strdelimit (g_strdup (value), "\r\n\t", ' ');

            if (g_utf8_strlen (flat, -1) > 24)
              {
                g_autofree char *cut = g_utf8_substring (flat, 0, 24);

                g_string_append_printf (text, "%s…", cut);
              }
            else
              g_string_append (text, flat);
          }
        }
      g_ptr_array_add (samples, g_string_free (g_steal_pointer (&text), FALSE));
    }
  return samples;
}

static const char *
preview_value_at (gpointer data,
                  guint    row,
                  guint    column)
{
  g_autoptr(GjCsvRow) item = g_list_model_get_item (G_LIST_MODEL (data), row);

  /* The preview keeps the row, and with it the value. */
  return item ? gj_csv_row_get_value (item, column) : NULL;
}

typedef struct
{
  GjCsvTable *table;
  guint       header_index;
} RawRows;

static const char *
raw_value_at (gpointer data,
              guint    row,
              guint    column)
{
  RawRows *raw = data;
  GPtrArray *cells = raw->table->rows->pdata[raw->header_index + 1 + row];

  return column < cells->len ? cells->pdata[column] : NULL;
}

/*
 * The preview refuses a file whose required field has no column, so it
 * has no headers to offer then; the Columns page still needs them to let
 * the user pick that column. Reads them as the preview would.
 */
static gboolean
read_raw_headers (GBytes      *bytes,
                  LoadData    *data,
                  LoadResult  *result)
{
  g_autofree char *name = g_filename_display_name (data->path);
  GjCsvTable table = { 0 };
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);
  guint header_index = 0;
  RawRows raw;

  if (!gj_csv_read_table (name, text, len, data->encoding, data->delimiter, &table, NULL))
    return FALSE;
  if (table.rows->len == 0)
    {
      gj_csv_table_clear (&table);
      return FALSE;
    }

  if (data->header_row > 0)
    {
      while (header_index + 1 < table.rows->len &&
             g_array_index (table.lines, guint, header_index) < data->header_row)
        header_index++;
    }
  else
    {
      /* Title rows hold one cell. */
      while (header_index + 1 < table.rows->len &&
             ((GPtrArray *) table.rows->pdata[header_index])->len <= 1)
        header_index++;
    }

  result->encoding = g_strdup (table.encoding);
  result->delimiter = table.delimiter;
  result->header_line = g_array_index (table.lines, guint, header_index);
  result->headers = g_ptr_array_new_with_free_func (g_free);
  {
    GPtrArray *cells = table.rows->pdata[header_index];

    for (guint c = 0; c < cells->len; c++)
      g_ptr_array_add (result->headers, g_strstrip (g_strdup (cells->pdata[c])));
  }
  raw.table = &table;
  raw.header_index = header_index;
  result->samples = collect_samples (result->headers->len, table.rows->len - header_index - 1, raw_value_at, &raw);
  gj_csv_table_clear (&table);
  return TRUE;
}

static GjCsvPreview *
read_preview (GjStore       *store,
              LoadData      *data,
              GBytes        *bytes,
              const char    *kind,
              GHashTable    *mapping,
              GCancellable  *cancellable,
              GError       **error)
{
  GjCsvOptions options = { 0 };

  options.kind = kind;
  options.encoding = data->encoding;
  options.delimiter = data->delimiter;
  options.header_row = data->header_row;
  options.mapping = mapping;
  return gj_csv_preview_new_from_bytes (store, data->path, bytes, &options, cancellable, error);
}

/* The kind whose columns the file's first rows fill best. */
static char *
guess_kind (GjStore      *store,
            LoadData     *data,
            GBytes       *bytes,
            GCancellable *cancellable)
{
  g_autoptr(GBytes) head = NULL;
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);
  const char *best = NULL;
  guint best_score = 0;

  if (len > GUESS_BYTES)
    {
      /* Whole lines: a newline byte is never inside a GB18030 character. */
      const char *end = text + GUESS_BYTES;

      while (end > text && end[-1] != '\n')
        end--;
      head = g_bytes_new_from_bytes (bytes, 0, end > text ? (gsize) (end - text) : GUESS_BYTES);
    }
  else
    head = g_bytes_ref (bytes);

  for (guint k = 0; k < G_N_ELEMENTS (dialog_kinds); k++)
    {
      g_autoptr(GjCsvPreview) preview = read_preview (store, data, head, dialog_kinds[k], NULL, cancellable, NULL);
      guint score = 0;

      if (preview == NULL)
        continue;
      for (guint c = 0; c < gj_csv_preview_get_n_columns (preview); c++)
        if (gj_csv_preview_get_target (preview, c) != NULL)
          score++;
      if (score > best_score)
        {
          best = dialog_kinds[k];
          best_score = score;
        }
    }

  /* None fits by itself: a mapping the user made for these headers says. */
  if (best == NULL)
    {
      g_autoptr(LoadResult) raw = g_new0 (LoadResult, 1);

      if (read_raw_headers (head, data, raw))
        for (guint k = 0; k < G_N_ELEMENTS (dialog_kinds) && best == NULL; k++)
          {
            g_autoptr(GHashTable) mapping = lookup_remembered (data->remembered, dialog_kinds[k], raw->headers);

            if (mapping != NULL)
              best = dialog_kinds[k];
          }
    }

  return g_strdup (best ? best : "units");
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  store = gj_store_open (data->db_path, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  file = g_mapped_file_new (data->path, FALSE, &error);
  if (file == NULL)
    {
      g_autofree char *name = g_filename_display_name (data->path);

      g_task_return_new_error (task, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, "%s: %s", name, error->message);
      return;
    }
  bytes = g_mapped_file_get_bytes (file);

  result->kind = data->kind ? g_strdup (data->kind) : guess_kind (store, data, bytes, cancellable);
  result->preview = read_preview (store, data, bytes, result->kind, data->mapping, cancellable, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (result->preview != NULL)
    {
      result->headers = preview_headers (result->preview);

      /* What the user chose for these headers before beats the automatic mapping. */
      if (data->mapping == NULL)
        {
          g_autoptr(GHashTable) mapping = lookup_remembered (data->remembered, result->kind, result->headers);
          g_autoptr(GjCsvPreview) again = NULL;

          if (mapping != NULL)
            again = read_preview (store, data, bytes, result->kind, mapping, cancellable, NULL);
          if (again != NULL)
            {
              g_set_object (&result->preview, again);
              result->remembered = TRUE;
            }
        }
      result->encoding = g_strdup (gj_csv_preview_get_encoding (result->preview));
      result->delimiter = gj_csv_preview_get_delimiter (result->preview);
      result->header_line = gj_csv_preview_get_header_line (result->preview);
      result->samples = collect_samples (result->headers->len,
                                         g_list_model_get_n_items (G_LIST_MODEL (result->preview)),
                                         preview_value_at, result->preview);
    }
  else if (g_error_matches (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID) && read_raw_headers (bytes, data, result))
    {
      /* The columns are there, but not one the kind needs: the user can pick it. */
      g_autoptr(GHashTable) mapping = data->mapping == NULL
        ? lookup_remembered (data->remembered, result->kind, result->headers) : NULL;

      if (mapping != NULL)
        {
          g_autoptr(GError) again_error = NULL;

          result->preview = read_preview (store, data, bytes, result->kind, mapping, cancellable, &again_error);
          if (result->preview != NULL)
            {
              result->remembered = TRUE;
              g_clear_pointer (&result->headers, g_ptr_array_unref);
              g_clear_pointer (&result->samples, g_ptr_array_unref);
              result->headers = preview_headers (result->preview);
              result->samples = collect_samples (result->headers->len,
                                                 g_list_model_get_n_items (G_LIST_MODEL (result->preview)),
                                                 preview_value_at, result->preview);
            }
        }
      if (result->preview == NULL)
        result->problem = g_strdup (error->message);
    }
  else
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) load_result_free);
}

/* Importing in a thread ----------------------------------------------------- */

typedef struct
{
  char                *db_path;
  GjCsvPreview        *preview;
  GjDuplicateStrategy  strategy;
  GjCsvImportFlags     flags;
  GjCsvImportCounts    counts;
  /* Written by the worker, read by the dialog's progress timer. */
  int                  done;
  int                  total;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->preview);
  g_free (data);
}

static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  ImportData *data = user_data;

  g_atomic_int_set (&data->total, (int) MIN (total, G_MAXINT));
  g_atomic_int_set (&data->done, (int) MIN (done, G_MAXINT));
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = gj_store_open (data->db_path, GJ_STORE_OPEN_DEFAULT, &error);
  if (store != NULL &&
      gj_csv_preview_import (data->preview, store, data->strategy, data->flags, import_progress_cb, data,
                             cancellable, &data->counts, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The store and the importer each have a "cancelled" code. */
  if (g_cancellable_is_cancelled (cancellable) ||
      g_error_matches (error, GJ_STORE_ERROR, GJ_STORE_ERROR_CANCELLED) ||
      g_error_matches (error, GJ_IO_ERROR, GJ_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled; nothing was imported"));
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

/* The dialog ------------------------------------------------------------------ */

struct _GjImportDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *back_button;
  GtkButton           *cancel_button;
  GtkCheckButton      *create_check;
  AdwComboRow         *delimiter_row;
  GtkLabel            *duplicate_count_label;
  AdwPreferencesGroup *duplicates_group;
  AdwComboRow         *encoding_row;
  AdwPreferencesGroup *errors_group;
  GtkLabel            *existing_count_label;
  GtkLabel            *failed_count_label;
  GtkLabel            *file_error_label;
  GtkLabel            *file_notes_label;
  AdwActionRow        *file_row;
  GtkCheckButton      *fill_check;
  AdwActionRow        *header_line_row;
  GtkSpinButton       *header_spin;
  GtkProgressBar      *import_progress;
  AdwComboRow         *kind_row;
  GtkBox              *loading_box;
  GtkListBox          *mapping_list;
  GtkLabel            *mapping_message;
  GtkButton           *next_button;
  GtkLabel            *ok_count_label;
  GtkColumnView       *preview_view;
  GtkStack            *preview_stack;
  GtkCheckButton      *problems_check;
  GtkCheckButton      *refuse_check;
  AdwStatusPage       *result_page;
  GtkButton           *save_failed_button;
  GtkCheckButton      *skip_check;
  GtkCheckButton      *skip_failed_check;
  GtkStack            *stack;
  AdwToastOverlay     *toast_overlay;
  GtkCheckButton      *update_check;
  AdwWindowTitle      *window_title;

  GjStore             *store;
  GSettings           *settings;
  char                *path;

  /* How the file is read: NULL / 0 detect. */
  char                *kind;
  char                *encoding;
  char                 delimiter;
  guint                header_row;
  /* header → target key ("" ignored), once the user changed a column. */
  GHashTable          *mapping;

  /* The reading under way (the latest wins) and the last one that finished. */
  GCancellable        *load_cancellable;
  guint                load_serial;
  LoadResult          *result;
  char                *load_error;

  GListStore          *columns;     /* GjImportColumn */
  GtkStringList       *target_labels;
  GtkFilterListModel  *filtered;
  GtkCustomFilter     *problems_filter;

  GCancellable        *import_cancellable;
  GTask               *import_task;
  guint                progress_id;
  gboolean             have_counts;
  GjCsvImportCounts    counts;
  char                *import_error;
  /* The rows of the import that ran, for the failed-rows file. */
  GjCsvPreview        *imported_preview;

  GtkNativeDialog     *chooser;
  /* Set while widgets are brought in line with the file, not by the user. */
  guint                updating;
  guint                close_after_import : 1;
};

G_DEFINE_FINAL_TYPE (GjImportDialog, gj_import_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const page_order[] = { "file", "mapping", "preview", "options" };

static void reload (GjImportDialog *self);

static const char *
current_page (GjImportDialog *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  return name ? name : "file";
}

static gboolean
is_loading (GjImportDialog *self)
{
  return self->load_cancellable != NULL;
}

static gboolean
is_importing (GjImportDialog *self)
{
  return self->import_task != NULL;
}

static GjCsvPreview *
preview (GjImportDialog *self)
{
  return self->result ? self->result->preview : NULL;
}

static const char *
result_kind (GjImportDialog *self)
{
  if (self->result != NULL)
    return self->result->kind;
  return self->kind ? self->kind : "units";
}

static const GjCsvTarget *
targets (GjImportDialog *self,
         guint          *n_targets)
{
  return gj_csv_kind_list_targets (result_kind (self), n_targets);
}

/* The required fields no column holds, as one sentence, or NULL. */
static char *
missing_required (GjImportDialog *self)
{
  guint n_targets = 0;
  const GjCsvTarget *t = targets (self, &n_targets);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_missing = 0;
  guint n_columns = self->columns ? g_list_model_get_n_items (G_LIST_MODEL (self->columns)) : 0;

  for (guint i = 0; i < n_targets; i++)
    {
      gboolean found = FALSE;

      if (!t[i].required)
        continue;
      for (guint c = 0; c < n_columns && !found; c++)
        {
          g_autoptr(GjImportColumn) column = g_list_model_get_item (G_LIST_MODEL (self->columns), c);

          found = column->selected == i + 1;
        }
      if (found)
        continue;
      if (names->len > 0)
        /* Translators: between the names of fields in a list */
        g_string_append (names, _(", "));
      g_string_append_printf (names, "“%s”", t[i].label);
      n_missing++;
    }
  if (n_missing == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "No column holds the required field %s: choose the column that holds it.",
                                       "No column holds the required fields %s: choose the columns that hold them.",
                                       n_missing),
                          names->str);
}

static gboolean
can_go_next (GjImportDialog *self)
{
  const char *page = current_page (self);

  if (is_importing (self))
    return FALSE;
  if (g_str_equal (page, "result"))
    return TRUE;
  if (is_loading (self))
    return FALSE;
  if (g_str_equal (page, "file"))
    return self->result != NULL;
  if (g_str_equal (page, "mapping"))
    {
      g_autofree char *missing = missing_required (self);

      return preview (self) != NULL && missing == NULL;
    }
  if (g_str_equal (page, "preview"))
    return preview (self) != NULL;
  if (g_str_equal (page, "options"))
    return preview (self) != NULL && gj_csv_preview_get_n_rows (preview (self)) > 0;
  return FALSE;
}

static void
update_buttons (GjImportDialog *self)
{
  const char *page = current_page (self);
  gboolean on_result = g_str_equal (page, "result");
  gboolean failed = on_result && self->import_error != NULL;
  const char *label = _("_Next");

  if (g_str_equal (page, "options"))
    label = _("_Import");
  else if (on_result)
    label = _("_Close");
  gtk_button_set_label (self->next_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !g_str_equal (page, "progress"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !on_result && !g_str_equal (page, "progress"));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          (!g_str_equal (page, "file") && !on_result && !g_str_equal (page, "progress")) || failed);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", can_go_next (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back",
                                 !is_importing (self) && (failed || (!on_result && !g_str_equal (page, "file"))));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.save-failed",
                                 self->imported_preview != NULL && gj_csv_preview_get_n_failed (self->imported_preview) > 0);
}

static void
update_subtitle (GjImportDialog *self)
{
  const char *page = current_page (self);
  g_autofree char *name = g_filename_display_basename (self->path);
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (page_order); i++)
    if (g_str_equal (page, page_order[i]))
      {
        GtkStackPage *stack_page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));

        /* Translators: the window's subtitle: file name, step number, step count, step title */
        subtitle = g_strdup_printf (_("%s — step %u of %u: %s"), name, i + 1, (guint) G_N_ELEMENTS (page_order),
                                    gtk_stack_page_get_title (stack_page));
      }
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : name);
}

static void
page_changed_cb (GjImportDialog *self)
{
  update_subtitle (self);
  update_buttons (self);
}

/* Page 1: the file ---------------------------------------------------------------- */

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("comma");
    case ';':
      return _("semicolon");
    case '\t':
      return _("tab");
    default:
      return "?";
    }
}

static void
update_file_page (GjImportDialog *self)
{
  LoadResult *result = self->result;

  self->updating++;
  if (result != NULL)
    {
      g_autofree char *encoding = g_strdup_printf (_("Read as %s"), result->encoding);
      g_autofree char *delimiter = g_strdup_printf (_("Columns split at each %s"), delimiter_name (result->delimiter));
      g_autofree char *header = NULL;
      g_autoptr(GString) notes = g_string_new (NULL);

      for (guint k = 0; k < G_N_ELEMENTS (dialog_kinds); k++)
        if (g_str_equal (dialog_kinds[k], result->kind))
          adw_combo_row_set_selected (self->kind_row, k);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), encoding);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row), delimiter);
      if (result->header_line > 1)
        header = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The column names are on line %u; the line above is not imported",
                                               "The column names are on line %u; the lines above are not imported",
                                               result->header_line - 1),
                                  result->header_line);
      else
        header = g_strdup (_("The column names are on the first line"));
      adw_action_row_set_subtitle (self->header_line_row, header);
      gtk_spin_button_set_value (self->header_spin, result->header_line);

      if (result->preview != NULL)
        {
          g_autofree char *rows = g_strdup_printf (ngettext ("%'u row to import", "%'u rows to import", gj_csv_preview_get_n_rows (result->preview)), gj_csv_preview_get_n_rows (result->preview));
          const char *more = gj_csv_preview_get_notes (result->preview);

          g_string_append (notes, rows);
          if (more != NULL)
            g_string_append_printf (notes, "\n%s", more);
        }
      if (result->remembered)
        {
          if (notes->len > 0)
            g_string_append_c (notes, '\n');
          g_string_append (notes, _("The columns are mapped the way you chose for a file with the same columns before."));
        }
      gtk_label_set_text (self->file_notes_label, g_strchomp (notes->str));
    }
  else
    {
      gtk_label_set_text (self->file_notes_label, "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row), "");
    }
  gtk_label_set_text (self->file_error_label, self->load_error ? self->load_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->file_error_label), self->load_error != NULL);
  self->updating--;
}

static void
kind_selected_cb (GjImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  if (self->updating || i >= G_N_ELEMENTS (dialog_kinds))
    return;
  if (g_strcmp0 (self->kind, dialog_kinds[i]) == 0 && g_strcmp0 (result_kind (self), dialog_kinds[i]) == 0)
    return;
  g_free (self->kind);
  self->kind = g_strdup (dialog_kinds[i]);
  /* Another kind has other fields: start from its automatic mapping. */
  g_clear_pointer (&self->mapping, g_hash_table_unref);
  reload (self);
}

static void
encoding_selected_cb (GjImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->encoding_row);

  if (self->updating || i >= G_N_ELEMENTS (encodings))
    return;
  g_free (self->encoding);
  self->encoding = g_strdup (encodings[i]);
  reload (self);
}

static void
delimiter_selected_cb (GjImportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->delimiter_row);

  if (self->updating || i >= G_N_ELEMENTS (delimiters))
    return;
  self->delimiter = delimiters[i];
  reload (self);
}

static void
header_spin_changed_cb (GjImportDialog *self)
{
  guint line = (guint) gtk_spin_button_get_value_as_int (self->header_spin);

  if (self->updating || (self->result != NULL && line == self->result->header_line))
    return;
  self->header_row = line;
  reload (self);
}

/* Page 2: the columns ----------------------------------------------------------- */

static void
column_selected_cb (GjImportDialog *self,
                    GParamSpec     *pspec,
                    GjImportColumn *column)
{
  guint n_targets = 0;
  const GjCsvTarget *t = targets (self, &n_targets);
  const char *key = column->selected > 0 && column->selected <= n_targets ? t[column->selected - 1].key : "";
  guint n_columns = g_list_model_get_n_items (G_LIST_MODEL (self->columns));

  if (self->updating)
    return;

  /* From now on every column says what it holds: automatic guesses must
   * not take a field back from the column the user gave it to. */
  if (self->mapping == NULL)
    self->mapping = preview (self) ? gj_csv_preview_dup_mapping (preview (self))
                                   : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->updating++;
  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GjImportColumn) other = g_list_model_get_item (G_LIST_MODEL (self->columns), c);

      /* A field comes from one column. */
      if (other != column && *key != '\0' && other->selected == column->selected)
        {
          gj_import_column_set_selected (other, 0);
          g_hash_table_insert (self->mapping, g_strdup (other->header), g_strdup (""));
        }
    }
  self->updating--;
  g_hash_table_insert (self->mapping, g_strdup (column->header), g_strdup (key));
  reload (self);
}

static GtkWidget *
create_column_row (gpointer item,
                   gpointer user_data)
{
  GjImportDialog *self = user_data;
  GjImportColumn *column = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->target_labels)), NULL);
  g_autofree char *title = NULL;

  if (*column->header != '\0')
    title = g_strdup (column->header);
  else
    title = g_strdup_printf (_("Column %u (no name)"), column->index + 1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), *column->samples ? column->samples : _("(empty)"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (dropdown, 220, -1);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_bind_property (column, "selected", dropdown, "selected", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
  g_object_set_data (G_OBJECT (row), "gj-dropdown", dropdown);
  if (column->selected == 0)
    gtk_widget_add_css_class (row, "ignored-column");
  return row;
}

static guint
target_position (GjImportDialog *self,
                 const char     *key)
{
  guint n_targets = 0;
  const GjCsvTarget *t = targets (self, &n_targets);

  for (guint i = 0; key != NULL && *key != '\0' && i < n_targets; i++)
    if (g_str_equal (t[i].key, key))
      return i + 1;
  return 0;
}

/* The dropdowns follow the file; rebuilt only when its columns changed. */
static void
update_mapping_page (GjImportDialog *self)
{
  LoadResult *result = self->result;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->columns));
  gboolean same = result != NULL && result->headers->len == n_old;
  g_autofree char *missing = NULL;

  self->updating++;

  /* The labels of this kind's fields. */
  {
    guint n_targets = 0;
    const GjCsvTarget *t = targets (self, &n_targets);
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
    guint n_labels = g_list_model_get_n_items (G_LIST_MODEL (self->target_labels));
    gboolean changed = n_labels != n_targets + 1;

    g_ptr_array_add (labels, g_strdup (_("Ignore")));
    for (guint i = 0; i < n_targets; i++)
      g_ptr_array_add (labels, t[i].required ? g_strdup_printf (_("%s *"), t[i].label) : g_strdup (t[i].label));
    for (guint i = 0; i < labels->len && !changed; i++)
      changed = g_strcmp0 (gtk_string_list_get_string (self->target_labels, i), labels->pdata[i]) != 0;
    if (changed)
      {
        g_ptr_array_add (labels, NULL);
        gtk_string_list_splice (self->target_labels, 0, n_labels, (const char * const *) labels->pdata);
        same = FALSE;
      }
  }

  for (guint c = 0; same && c < n_old; c++)
    {
      g_autoptr(GjImportColumn) column = g_list_model_get_item (G_LIST_MODEL (self->columns), c);

      same = g_str_equal (column->header, result->headers->pdata[c]);
    }

  if (result == NULL)
    g_list_store_remove_all (self->columns);
  else if (same)
    {
      for (guint c = 0; c < n_old; c++)
        {
          g_autoptr(GjImportColumn) column = g_list_model_get_item (G_LIST_MODEL (self->columns), c);
          guint selected = result->preview ? target_position (self, gj_csv_preview_get_target (result->preview, c)) : 0;
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->mapping_list, c);

          /* Without a preview the user's choices are all there is to show. */
          if (result->preview == NULL && self->mapping != NULL)
            selected = target_position (self, g_hash_table_lookup (self->mapping, column->header));
          gj_import_column_set_selected (column, selected);
          if (row != NULL)
            {
              if (selected == 0)
                gtk_widget_add_css_class (GTK_WIDGET (row), "ignored-column");
              else
                gtk_widget_remove_css_class (GTK_WIDGET (row), "ignored-column");
            }
        }
    }
  else
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint c = 0; c < result->headers->len; c++)
        {
          GjImportColumn *column = g_object_new (GJ_TYPE_IMPORT_COLUMN, NULL);

          column->index = c;
          column->header = g_strdup (result->headers->pdata[c]);
          column->samples = g_strdup (c < result->samples->len ? result->samples->pdata[c] : "");
          if (result->preview != NULL)
            column->selected = target_position (self, gj_csv_preview_get_target (result->preview, c));
          else if (self->mapping != NULL)
            column->selected = target_position (self, g_hash_table_lookup (self->mapping, column->header));
          g_signal_connect_object (column, "notify::selected", G_CALLBACK (column_selected_cb), self,
                                   G_CONNECT_SWAPPED);
          g_ptr_array_add (items, column);
        }
      g_list_store_splice (self->columns, 0, n_old, items->pdata, items->len);
    }
  self->updating--;

  missing = missing_required (self);
  if (missing == NULL && result != NULL && result->problem != NULL)
    missing = g_strdup (result->problem);
  gtk_label_set_text (self->mapping_message, missing ? missing : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_message), missing != NULL);
}

/* Page 3: the rows ---------------------------------------------------------------- */

static gboolean
row_has_problem (gpointer item,
                 gpointer user_data)
{
  GjCsvRow *row = item;

  return !gj_csv_row_is_ok (row) || gj_csv_row_get_duplicate_line (row) > 0 || gj_csv_row_get_existing_id (row) > 0;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

/* "column" on the factory: the file's column index; -1 the line, -2 the status. */
#define CELL_LINE   (-1)
#define CELL_STATUS (-2)

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GjCsvRow *row = gtk_list_item_get_item (item);
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  static const char * const classes[] = { "error", "warning", "accent", "success", "dim-label", "numeric" };
  g_autofree char *tooltip = NULL;
  const char *css = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);

  if (column == CELL_LINE)
    {
      g_autofree char *text = g_strdup_printf ("%u", gj_csv_row_get_line (row));

      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_add_css_class (label, "numeric");
      css = gj_csv_row_is_ok (row) ? "dim-label" : "error";
    }
  else if (column == CELL_STATUS)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint duplicate = gj_csv_row_get_duplicate_line (row);
      const char *existing = gj_csv_row_get_existing_label (row);

      if (!gj_csv_row_is_ok (row))
        {
          g_string_append (text, gj_csv_row_get_error_text (row));
          css = "error";
        }
      if (duplicate > 0)
        {
          if (text->len > 0)
            g_string_append (text, "; ");
          g_string_append_printf (text, _("Same as line %u"), duplicate);
          css = css ? css : "warning";
        }
      if (gj_csv_row_get_existing_id (row) > 0)
        {
          if (text->len > 0)
            g_string_append (text, "; ");
          g_string_append_printf (text, _("Already stored: “%s”"), existing ? existing : "?");
          css = css ? css : "accent";
        }
      if (text->len == 0)
        {
          g_string_append (text, _("Ready"));
          css = "success";
        }
      gtk_label_set_text (GTK_LABEL (label), text->str);
      tooltip = g_string_free (g_steal_pointer (&text), FALSE);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), gj_csv_row_get_value (row, (guint) column));
      /* The cell a reason names is the one to fix. */
      for (guint i = 0; i < gj_csv_row_get_n_errors (row); i++)
        {
          int at = -1;
          const char *message = gj_csv_row_get_error (row, i, &at, NULL);

          if (at == column)
            {
              css = "error";
              tooltip = g_strdup (message);
              break;
            }
        }
    }
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_widget_set_tooltip_text (label, tooltip);
}

/* Cells ellipsize, so a column would shrink to nothing: give it the width
 * of its header and of its longest value among the first rows, CJK
 * characters counting double, within reason. */
static int
preview_column_width (GjCsvPreview *p,
                      const char   *title,
                      int           column)
{
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (p));
  guint widest = 0;

  for (int r = -1; r < (int) MIN (n_rows, 100); r++)
    {
      g_autoptr(GjCsvRow) row = r >= 0 ? g_list_model_get_item (G_LIST_MODEL (p), (guint) r) : NULL;
      const char *text = r < 0 ? title : gj_csv_row_get_value (row, (guint) column);
      guint width = 0;

      for (const char *s = text; s != NULL && *s != '\0'; s = g_utf8_next_char (s))
        width += g_unichar_iswide (g_utf8_get_char (s)) ? 2 : 1;
      widest = MAX (widest, width);
    }
  return (int) CLAMP (widest, 4, 30) * 8 + 24;
}

static GtkColumnViewColumn *
new_preview_column (const char *title,
                    int         column,
                    gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), NULL);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  return view_column;
}

static void
set_count (GtkLabel *label,
           char     *text,
           guint     n)
{
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), n > 0);
  g_free (text);
}

static void
update_preview_filter (GjImportDialog *self)
{
  gboolean only_problems = gtk_check_button_get_active (self->problems_check);

  gtk_filter_list_model_set_filter (self->filtered, only_problems ? GTK_FILTER (self->problems_filter) : NULL);
  gtk_stack_set_visible_child_name (self->preview_stack,
                                    only_problems && g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0
                                      ? "empty" : "rows");
}

static void
problems_toggled_cb (GjImportDialog *self)
{
  update_preview_filter (self);
}

static void
update_preview_page (GjImportDialog *self)
{
  GjCsvPreview *p = preview (self);
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  guint n_targets = 0;
  const GjCsvTarget *t = targets (self, &n_targets);

  /* Columns first: the model's rows are bound to the columns there are. */
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }
  gtk_filter_list_model_set_model (self->filtered, p ? G_LIST_MODEL (p) : NULL);
  if (p == NULL)
    return;

  {
    g_autoptr(GtkColumnViewColumn) line = new_preview_column (_("Line"), CELL_LINE, FALSE);

    gtk_column_view_column_set_fixed_width (line, 64);

    gtk_column_view_append_column (self->preview_view, line);
  }
  /* The reasons next to the line number: what the user reads first, never
   * scrolled out of sight by a wide table. */
  {
    g_autoptr(GtkColumnViewColumn) status = new_preview_column (_("Status"), CELL_STATUS, FALSE);

    gtk_column_view_column_set_fixed_width (status, 360);
    gtk_column_view_append_column (self->preview_view, status);
  }
  /* In the kind's order of fields, as the tables show them. */
  for (guint i = 0; i < n_targets; i++)
    for (guint c = 0; c < gj_csv_preview_get_n_columns (p); c++)
      if (g_strcmp0 (gj_csv_preview_get_target (p, c), t[i].key) == 0)
        {
          g_autoptr(GtkColumnViewColumn) column = new_preview_column (t[i].label, (int) c, FALSE);

          gtk_column_view_column_set_fixed_width (column, preview_column_width (p, t[i].label, (int) c));
          gtk_column_view_append_column (self->preview_view, column);
        }

  set_count (self->ok_count_label,
             g_strdup_printf (ngettext ("%'u row ready", "%'u rows ready", gj_csv_preview_get_n_ok (p)), gj_csv_preview_get_n_ok (p)), 1);
  set_count (self->failed_count_label,
             g_strdup_printf (ngettext ("%'u row with errors", "%'u rows with errors", gj_csv_preview_get_n_failed (p)), gj_csv_preview_get_n_failed (p)),
             gj_csv_preview_get_n_failed (p));
  set_count (self->duplicate_count_label,
             g_strdup_printf (ngettext ("%'u repeats an earlier row", "%'u repeat earlier rows", gj_csv_preview_get_n_duplicates_in_file (p)), gj_csv_preview_get_n_duplicates_in_file (p)),
             gj_csv_preview_get_n_duplicates_in_file (p));
  set_count (self->existing_count_label,
             g_strdup_printf (ngettext ("%'u already stored", "%'u already stored", gj_csv_preview_get_n_existing (p)), gj_csv_preview_get_n_existing (p)),
             gj_csv_preview_get_n_existing (p));
  update_preview_filter (self);
}

/* Page 4: duplicates and errors ------------------------------------------------- */

static void
update_options_page (GjImportDialog *self)
{
  GjCsvPreview *p = preview (self);
  g_autofree char *duplicates = NULL;
  g_autofree char *errors = NULL;

  if (p == NULL)
    return;
  duplicates = g_strdup_printf (ngettext ("%'u row of the file matches a record already stored, or an earlier row.", "%'u rows of the file match a record already stored, or an earlier row.", gj_csv_preview_get_n_existing (p) + gj_csv_preview_get_n_duplicates_in_file (p)), gj_csv_preview_get_n_existing (p) + gj_csv_preview_get_n_duplicates_in_file (p));
  errors = gj_csv_preview_get_n_failed (p) > 0
    ? g_strdup_printf (ngettext ("%'u row has errors.", "%'u rows have errors.", gj_csv_preview_get_n_failed (p)), gj_csv_preview_get_n_failed (p))
    : g_strdup (_("No row has errors."));
  adw_preferences_group_set_description (self->duplicates_group, duplicates);
  adw_preferences_group_set_description (self->errors_group, errors);
}

/* Reading ---------------------------------------------------------------------- */

static void
load_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GjImportDialog *self = GJ_IMPORT_DIALOG (source);
  guint serial = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  LoadResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  /* A newer reading replaced this one. */
  if (serial != self->load_serial)
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }
  g_clear_object (&self->load_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_box), FALSE);

  g_clear_pointer (&self->load_error, g_free);
  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->load_error = g_strdup (error->message);
    }
  g_clear_pointer (&self->result, load_result_free);
  self->result = result;
  if (result != NULL && self->kind == NULL)
    self->kind = g_strdup (result->kind);

  update_file_page (self);
  update_mapping_page (self);
  update_preview_page (self);
  update_options_page (self);

  /* Nothing past the file page can be shown without rows. */
  if (self->result == NULL && !g_str_equal (current_page (self), "file"))
    gtk_stack_set_visible_child_name (self->stack, "file");
  update_buttons (self);
}

static void
reload (GjImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data = g_new0 (LoadData, 1);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->load_serial++;

  data->db_path = g_strdup (gj_store_get_path (self->store));
  data->path = g_strdup (self->path);
  data->kind = g_strdup (self->kind);
  data->encoding = g_strdup (self->encoding);
  data->delimiter = self->delimiter;
  data->header_row = self->header_row;
  data->mapping = self->mapping ? g_hash_table_ref (self->mapping) : NULL;
  data->remembered = g_settings_get_value (self->settings, "csv-mappings");
  /* The worker reads the mapping while the user may change the dialog's. */
  if (data->mapping != NULL)
    {
      GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, data->mapping);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
      g_hash_table_unref (data->mapping);
      data->mapping = copy;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->loading_box), TRUE);
  task = g_task_new (self, self->load_cancellable, load_done_cb, GUINT_TO_POINTER (self->load_serial));
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
  update_buttons (self);
}

/* Remembering the mapping ------------------------------------------------------- */

/* Only what the user chose is worth remembering: the automatic mapping
 * comes back by itself. */
static void
remember_mapping (GjImportDialog *self)
{
  GjCsvPreview *p = preview (self);
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(GVariant) old = NULL;
  g_autofree char *key = NULL;
  GVariantBuilder builder, entry;
  GVariantIter iter;
  GHashTableIter hiter;
  gpointer header, target;
  const char *old_key;
  GVariant *old_value;

  if (p == NULL || (self->mapping == NULL && !self->result->remembered))
    return;

  mapping = gj_csv_preview_dup_mapping (p);
  headers = preview_headers (p);
  key = mapping_key (self->result->kind, headers);
  old = g_settings_get_value (self->settings, "csv-mappings");

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa{ss}}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s@a{ss}}", &old_key, &old_value))
    {
      if (!g_str_equal (old_key, key))
        g_variant_builder_add (&builder, "{s@a{ss}}", old_key, old_value);
      g_variant_unref (old_value);
    }
  g_variant_builder_init (&entry, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&hiter, mapping);
  while (g_hash_table_iter_next (&hiter, &header, &target))
    g_variant_builder_add (&entry, "{ss}", (const char *) header, target ? (const char *) target : "");
  g_variant_builder_add (&builder, "{sa{ss}}", key, &entry);
  g_settings_set_value (self->settings, "csv-mappings", g_variant_builder_end (&builder));
}

/* Importing ------------------------------------------------------------------- */

static gboolean
progress_tick_cb (gpointer user_data)
{
  GjImportDialog *self = user_data;
  ImportData *data;
  int done, total;

  if (self->import_task == NULL)
    {
      self->progress_id = 0;
      return G_SOURCE_REMOVE;
    }
  data = g_task_get_task_data (self->import_task);
  done = g_atomic_int_get (&data->done);
  total = g_atomic_int_get (&data->total);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->import_progress, CLAMP ((double) done / total, 0.0, 1.0));
  else
    gtk_progress_bar_pulse (self->import_progress);
  return G_SOURCE_CONTINUE;
}

static void
show_result (GjImportDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_failed = self->imported_preview ? gj_csv_preview_get_n_failed (self->imported_preview) : 0;

  if (self->import_error != NULL)
    {
      adw_status_page_set_icon_name (self->result_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->result_page, _("Nothing Was Imported"));
      g_string_append (text, self->import_error);
    }
  else
    {
      const GjCsvImportCounts *c = &self->counts;
      char *lines[5] = { NULL, };

      adw_status_page_set_icon_name (self->result_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->result_page, _("Import Finished"));
      lines[0] = g_strdup_printf (ngettext ("%'u record created", "%'u records created", c->created), c->created);
      if (c->updated > 0)
        lines[1] = g_strdup_printf (ngettext ("%'u stored record updated", "%'u stored records updated", c->updated),
                                    c->updated);
      if (c->filled > 0)
        lines[2] = g_strdup_printf (ngettext ("%'u stored record had empty fields filled",
                                              "%'u stored records had empty fields filled", c->filled), c->filled);
      if (c->skipped > 0)
        lines[3] = g_strdup_printf (ngettext ("%'u row skipped (already stored, or nothing new)",
                                              "%'u rows skipped (already stored, or nothing new)", c->skipped),
                                    c->skipped);
      if (c->failed > 0)
        lines[4] = g_strdup_printf (ngettext ("%'u row with errors not imported",
                                              "%'u rows with errors not imported", c->failed), c->failed);
      for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
        if (lines[i] != NULL)
          {
            if (text->len > 0)
              g_string_append_c (text, '\n');
            g_string_append (text, lines[i]);
            g_free (lines[i]);
          }
    }
  if (n_failed > 0)
    {
      g_string_append (text, "\n\n");
      g_string_append (text, _("Save the rows with errors, fix them in Excel and import that file again."));
    }
  adw_status_page_set_description (self->result_page, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->save_failed_button), n_failed > 0);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  GjImportDialog *self = GJ_IMPORT_DIALOG (source);
  ImportData *data = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (res), &error);

  g_clear_object (&self->import_task);
  g_clear_object (&self->import_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);

  self->counts = data->counts;
  self->have_counts = ok;
  g_clear_pointer (&self->import_error, g_free);
  if (!ok)
    self->import_error = g_strdup (error->message);

  if (ok)
    g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, self->result ? self->result->kind : result_kind (self));

  if (self->close_after_import)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  show_result (self);
  update_buttons (self);
}

static void
start_import (GjImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data = g_new0 (ImportData, 1);

  g_assert (preview (self) != NULL);

  remember_mapping (self);

  data->db_path = g_strdup (gj_store_get_path (self->store));
  data->preview = g_object_ref (preview (self));
  if (gtk_check_button_get_active (self->update_check))
    data->strategy = GJ_DUPLICATES_UPDATE;
  else if (gtk_check_button_get_active (self->fill_check))
    data->strategy = GJ_DUPLICATES_FILL;
  else if (gtk_check_button_get_active (self->create_check))
    data->strategy = GJ_DUPLICATES_CREATE;
  else
    data->strategy = GJ_DUPLICATES_SKIP;
  data->flags = gtk_check_button_get_active (self->skip_failed_check) ? GJ_CSV_IMPORT_SKIP_FAILED : 0;
  g_set_object (&self->imported_preview, data->preview);

  self->import_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  self->import_task = g_object_ref (task);
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  self->progress_id = g_timeout_add (100, progress_tick_cb, self);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  g_task_run_in_thread (task, import_thread);
  update_buttons (self);
}

/* Actions ----------------------------------------------------------------------- */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GjImportDialog *self = GJ_IMPORT_DIALOG (widget);
  const char *page = current_page (self);

  if (!can_go_next (self))
    return;
  if (g_str_equal (page, "result"))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (g_str_equal (page, "options"))
    {
      start_import (self);
      return;
    }
  for (guint i = 0; i + 1 < G_N_ELEMENTS (page_order); i++)
    if (g_str_equal (page, page_order[i]))
      {
        gtk_stack_set_visible_child_name (self->stack, page_order[i + 1]);
        break;
      }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GjImportDialog *self = GJ_IMPORT_DIALOG (widget);
  const char *page = current_page (self);

  if (is_importing (self))
    return;
  if (g_str_equal (page, "result"))
    {
      gtk_stack_set_visible_child_name (self->stack, "options");
      return;
    }
  for (guint i = 1; i < G_N_ELEMENTS (page_order); i++)
    if (g_str_equal (page, page_order[i]))
      {
        gtk_stack_set_visible_child_name (self->stack, page_order[i - 1]);
        break;
      }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GjImportDialog *self = GJ_IMPORT_DIALOG (widget);

  /* Escape stops the import first; the dialog stays to say so. */
  if (is_importing (self))
    {
      g_cancellable_cancel (self->import_cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

gboolean
gj_import_dialog_save_failed_to (GjImportDialog  *self,
                                 const char      *path,
                                 GError         **error)
{
  GjCsvPreview *p;
  guint n = 0;

  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  p = self->imported_preview ? self->imported_preview : preview (self);
  if (p == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There are no rows to save"));
      return FALSE;
    }
  if (!gj_csv_preview_write_failed (p, path, &n, error))
    return FALSE;

  {
    g_autofree char *name = g_filename_display_basename (path);
    g_autofree char *count = g_strdup_printf (ngettext ("%'u row", "%'u rows", n), n);
    /* Translators: "3 rows saved to “failed.csv”" */
    g_autofree char *text = g_strdup_printf (_("%s saved to “%s”"), count, name);

    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  }
  return TRUE;
}

static void
save_failed_response_cb (GjImportDialog  *self,
                         int              response,
                         GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  g_clear_object (&self->chooser);

  if (path != NULL && !gj_import_dialog_save_failed_to (self, path, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Rows"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
save_failed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GjImportDialog *self = GJ_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *name = NULL;
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  char *dot;

  if (self->chooser != NULL)
    return;
  dot = strrchr (base, '.');
  if (dot != NULL)
    *dot = '\0';
  /* Translators: the suggested name of the failed-rows file; %s is the imported file's name */
  name = g_strdup_printf (_("%s (rows with errors).csv"), base);

  chooser = gtk_file_chooser_native_new (_("Save Failed Rows"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_failed_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static gboolean
gj_import_dialog_close_request (GtkWindow *window)
{
  GjImportDialog *self = GJ_IMPORT_DIALOG (window);

  /* The import may commit before it sees the cancel: stay until it has
   * finished, so the window hears "imported" when it did. */
  if (is_importing (self))
    {
      self->close_after_import = TRUE;
      g_cancellable_cancel (self->import_cancellable);
      return TRUE;
    }
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  return GTK_WINDOW_CLASS (gj_import_dialog_parent_class)->close_request (window);
}

/* GObject ------------------------------------------------------------------------ */

static void
gj_import_dialog_dispose (GObject *object)
{
  GjImportDialog *self = GJ_IMPORT_DIALOG (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->filtered);
  g_clear_object (&self->problems_filter);
  g_clear_object (&self->columns);
  g_clear_object (&self->target_labels);
  g_clear_object (&self->imported_preview);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gj_import_dialog_parent_class)->dispose (object);
}

static void
gj_import_dialog_finalize (GObject *object)
{
  GjImportDialog *self = GJ_IMPORT_DIALOG (object);

  g_free (self->path);
  g_free (self->kind);
  g_free (self->encoding);
  g_clear_pointer (&self->mapping, g_hash_table_unref);
  g_clear_pointer (&self->result, load_result_free);
  g_free (self->load_error);
  g_free (self->import_error);

  G_OBJECT_CLASS (gj_import_dialog_parent_class)->finalize (object);
}

static void
gj_import_dialog_class_init (GjImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gj_import_dialog_dispose;
  object_class->finalize = gj_import_dialog_finalize;
  window_class->close_request = gj_import_dialog_close_request;

  /*
   * GjImportDialog::imported:
   * @kind: "units", "agreements" or "items"
   *
   * The import committed: the database holds new or changed records.
   */
  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  (void) gj_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, create_check);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, duplicate_count_label);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, errors_group);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, existing_count_label);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, failed_count_label);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, file_error_label);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, file_notes_label);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, fill_check);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, header_line_row);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, header_spin);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, import_progress);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, loading_box);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, mapping_list);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, mapping_message);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, ok_count_label);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, problems_check);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, refuse_check);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, save_failed_button);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, skip_check);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, skip_failed_check);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, update_check);
  gtk_widget_class_bind_template_child (widget_class, GjImportDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, delimiter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, encoding_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, header_spin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, problems_toggled_cb);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.save-failed", NULL, save_failed_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "import.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "import.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "import.back", NULL);
}

static void
gj_import_dialog_init (GjImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->columns = g_list_store_new (GJ_TYPE_IMPORT_COLUMN);
  self->target_labels = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->mapping_list, G_LIST_MODEL (self->columns), create_column_row, self, NULL);

  self->problems_filter = gtk_custom_filter_new (row_has_problem, NULL, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, NULL);
  {
    g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));

    gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
  }
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_preview_filter), self,
                           G_CONNECT_SWAPPED);
}

/* Public ----------------------------------------------------------------------- */

gboolean
gj_import_dialog_handles (const char *path,
                          const char *kind)
{
  g_autofree char *lower = NULL;

  if (path == NULL)
    return FALSE;
  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".tsv") && !g_str_has_suffix (lower, ".txt"))
    return FALSE;
  if (kind == NULL || g_str_equal (kind, "auto"))
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (dialog_kinds); k++)
    if (g_str_equal (kind, dialog_kinds[k]))
      return TRUE;
  return FALSE;
}

GjImportDialog *
gj_import_dialog_new (GtkWindow  *parent,
                      GjStore    *store,
                      const char *path,
                      const char *kind,
                      const char *encoding)
{
  GjImportDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (GJ_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (path);
  if (kind != NULL && !g_str_equal (kind, "auto"))
    self->kind = g_strdup (kind);

  self->updating++;
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "utf-8") == 0)
    {
      self->encoding = g_strdup ("UTF-8");
      adw_combo_row_set_selected (self->encoding_row, 1);
    }
  else if (encoding != NULL && (g_ascii_strcasecmp (encoding, "gb18030") == 0 || g_ascii_strcasecmp (encoding, "gbk") == 0))
    {
      self->encoding = g_strdup ("GB18030");
      adw_combo_row_set_selected (self->encoding_row, 3);
    }
  for (guint k = 0; self->kind != NULL && k < G_N_ELEMENTS (dialog_kinds); k++)
    if (g_str_equal (self->kind, dialog_kinds[k]))
      adw_combo_row_set_selected (self->kind_row, k);
  self->updating--;

  name = g_filename_display_basename (path);
  {
    g_autofree char *dirname = g_path_get_dirname (path);

    folder = g_filename_display_name (dirname);
  }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
  adw_action_row_set_subtitle (self->file_row, folder);
  update_subtitle (self);

  reload (self);
  return self;
}

/* For the tests ---------------------------------------------------------------- */

const char *
gj_import_dialog_get_page (GjImportDialog *self)
{
  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), NULL);
  return current_page (self);
}

gboolean
gj_import_dialog_is_busy (GjImportDialog *self)
{
  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), FALSE);
  return is_loading (self) || is_importing (self);
}

GjCsvPreview *
gj_import_dialog_get_preview (GjImportDialog *self)
{
  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), NULL);
  return preview (self);
}

const char *
gj_import_dialog_get_kind (GjImportDialog *self)
{
  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), NULL);
  return result_kind (self);
}

GtkDropDown *
gj_import_dialog_get_column_dropdown (GjImportDialog *self,
                                      guint           column)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), NULL);
  row = gtk_list_box_get_row_at_index (self->mapping_list, column);
  return row ? g_object_get_data (G_OBJECT (row), "gj-dropdown") : NULL;
}

guint
gj_import_dialog_target_position (GjImportDialog *self,
                                  const char     *key)
{
  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), 0);
  return target_position (self, key);
}

GtkColumnView *
gj_import_dialog_get_preview_view (GjImportDialog *self)
{
  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), NULL);
  return self->preview_view;
}

AdwComboRow *
gj_import_dialog_get_encoding_row (GjImportDialog *self)
{
  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), NULL);
  return self->encoding_row;
}

void
gj_import_dialog_set_skip_failed (GjImportDialog *self,
                                  gboolean        skip_failed)
{
  g_return_if_fail (GJ_IS_IMPORT_DIALOG (self));
  gtk_check_button_set_active (skip_failed ? self->skip_failed_check : self->refuse_check, TRUE);
}

gboolean
gj_import_dialog_get_used_remembered (GjImportDialog *self)
{
  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), FALSE);
  return self->result != NULL && self->result->remembered;
}

const GjCsvImportCounts *
gj_import_dialog_get_counts (GjImportDialog *self)
{
  g_return_val_if_fail (GJ_IS_IMPORT_DIALOG (self), NULL);
  return self->have_counts ? &self->counts : NULL;
}
