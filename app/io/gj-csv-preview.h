/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-io.h"
#include "gj-store-duplicates.h"

G_BEGIN_DECLS

/*
 * CSV import in two steps, the way an import dialog shows it:
 *
 *   1. gj_csv_preview_new_from_file() reads the file without writing
 *      anything: the encoding (uchardet; UTF-8, UTF-8 with BOM, GB18030 —
 *      GBK and GB2312 are read as GB18030; GjCsvOptions.encoding wins), the
 *      delimiter (comma, semicolon, tab), the header row (a title row above
 *      it is skipped), which column holds which field (Chinese or English
 *      headers; GjCsvOptions.mapping overrides), and for every row its
 *      values, its errors and whether it duplicates an earlier row of the
 *      file or a stored record.
 *   2. gj_csv_preview_import() writes the rows in one transaction with a
 *      chosen GjDuplicateStrategy: all or nothing.
 *
 * The preview is a GListModel of GjCsvRow (one per data row, in file
 * order), ready for a GtkColumnView. Nothing here needs GTK.
 *
 * Kinds: "units", "agreements", "items" (list items: 资源/需求/项目/服务清单),
 * and also "problems", "stations", "grids", "meetings".
 */

/* What to do with a row that matches a stored record (or an earlier row). */
typedef enum
{
  GJ_DUPLICATES_SKIP,    /* keep the stored record as it is */
  GJ_DUPLICATES_UPDATE,  /* the row's non-empty cells overwrite the stored fields */
  GJ_DUPLICATES_FILL,    /* the row fills only the stored record's empty fields */
  GJ_DUPLICATES_CREATE,  /* a new record anyway */
} GjDuplicateStrategy;

/* "skip", "update", "fill", "create"; FALSE for anything else. */
gboolean    gj_duplicate_strategy_from_string (const char          *text,
                                               GjDuplicateStrategy *strategy);
const char *gj_duplicate_strategy_to_string   (GjDuplicateStrategy  strategy);

typedef enum
{
  GJ_CSV_ISSUE_VALUE,         /* not a number, not one of the allowed values … */
  GJ_CSV_ISSUE_MISSING,       /* a required field is empty */
  GJ_CSV_ISSUE_CREDIT_CODE,   /* a 统一社会信用代码 with a wrong length, character or check digit */
  GJ_CSV_ISSUE_DATE,          /* not a date */
  GJ_CSV_ISSUE_EXCEL_DAMAGE,  /* 9.14103E+17: Excel turned the column into numbers */
  GJ_CSV_ISSUE_UNKNOWN_PLACE, /* a street or community name the district does not have */
  GJ_CSV_ISSUE_RAGGED,        /* more cells than the header has columns */
} GjCsvIssueKind;

typedef struct
{
  const char *kind;       /* "units", "agreements", "items" …; NULL: "units" */
  const char *encoding;   /* NULL: detected; "GB18030", "UTF-8" … win over detection */
  char        delimiter;  /* 0: detected; ',', ';' or '\t' */
  guint       header_row; /* 0: detected (a title row above the header is skipped);
                           * else the 1-based number of the header row */
  /*
   * Header text → target key (gj_csv_kind_list_targets()), overriding the
   * automatic mapping for those headers; "" ignores the column. Headers
   * not in it are mapped automatically. NULL: all automatic. The GUI keeps
   * the mapping the user made (gj_csv_preview_dup_mapping()) in GSettings
   * as a{ss} and passes it back here the next time.
   */
  GHashTable *mapping;
  const char *crs;        /* NULL: WGS-84; "gcj02", "bd09" are converted */
} GjCsvOptions;

/* A field a column can be mapped to. */
typedef struct
{
  const char *key;       /* "credit_code": stable, what mappings store */
  const char *label;     /* translated: "Credit code" */
  gboolean    required;  /* a row without it is refused */
} GjCsvTarget;

/* The targets of @kind, in the kind's column order; NULL for an unknown
 * kind. The array is static; @n_targets receives its length. */
const GjCsvTarget *gj_csv_kind_list_targets (const char *kind,
                                             guint      *n_targets);

/* One data row. */
#define GJ_TYPE_CSV_ROW (gj_csv_row_get_type ())
G_DECLARE_FINAL_TYPE (GjCsvRow, gj_csv_row, GJ, CSV_ROW, GObject)

/* The line of the file the row starts on (1-based; a quoted newline makes
 * a row span lines). */
guint        gj_csv_row_get_line           (GjCsvRow   *row);
/* The cells as read (trimmed), by column index of the preview's header;
 * "" past the row's end. */
guint        gj_csv_row_get_n_values       (GjCsvRow   *row);
const char  *gj_csv_row_get_value          (GjCsvRow   *row,
                                            guint       column);
/* No errors: the row can be imported. */
gboolean     gj_csv_row_is_ok              (GjCsvRow   *row);
guint        gj_csv_row_get_n_errors       (GjCsvRow   *row);
/* The @i-th error, translated, naming the column ("column “统一社会信用代码”:
 * …"); @column receives the column index or -1, @kind the issue kind. */
const char  *gj_csv_row_get_error          (GjCsvRow        *row,
                                            guint            i,
                                            int             *column,
                                            GjCsvIssueKind  *kind);
/* All errors joined with "; ", or NULL when the row is fine. */
const char  *gj_csv_row_get_error_text     (GjCsvRow   *row);
/* The earlier row of the file this one duplicates (its line), or 0. */
guint        gj_csv_row_get_duplicate_line (GjCsvRow   *row);
/* The stored record this row matches (id, label, how), or 0 / NULL. */
gint64       gj_csv_row_get_existing_id    (GjCsvRow   *row);
const char  *gj_csv_row_get_existing_label (GjCsvRow   *row);
GjDuplicateMatch gj_csv_row_get_match      (GjCsvRow   *row);
/* The record the row reads as (not saved; links resolved where they
 * exist already). Borrowed. */
GjRecord    *gj_csv_row_get_record         (GjCsvRow   *row);

/* The whole file. */
#define GJ_TYPE_CSV_PREVIEW (gj_csv_preview_get_type ())
G_DECLARE_FINAL_TYPE (GjCsvPreview, gj_csv_preview, GJ, CSV_PREVIEW, GObject)

/*
 * Reads @path (or @bytes, with @path naming it in messages) against
 * @store. Only what stops the whole file is an error: unreadable text in
 * the encoding, no rows, no column for the required field, an unknown
 * kind or target. Each row's problems are in the row.
 */
GjCsvPreview *gj_csv_preview_new_from_file  (GjStore            *store,
                                             const char         *path,
                                             const GjCsvOptions *options,
                                             GCancellable       *cancellable,
                                             GError            **error);
GjCsvPreview *gj_csv_preview_new_from_bytes (GjStore            *store,
                                             const char         *path,
                                             GBytes             *bytes,
                                             const GjCsvOptions *options,
                                             GCancellable       *cancellable,
                                             GError            **error);

const char  *gj_csv_preview_get_path        (GjCsvPreview *self);
const char  *gj_csv_preview_get_kind        (GjCsvPreview *self);
/* "UTF-8", "UTF-8 (BOM)", "GB18030" … */
const char  *gj_csv_preview_get_encoding    (GjCsvPreview *self);
char         gj_csv_preview_get_delimiter   (GjCsvPreview *self);
/* The line the header row is on (2 when a title row stands above it). */
guint        gj_csv_preview_get_header_line (GjCsvPreview *self);
guint        gj_csv_preview_get_n_columns   (GjCsvPreview *self);
const char  *gj_csv_preview_get_header      (GjCsvPreview *self,
                                             guint         column);
/* The target key column @column is read into, or NULL when it is ignored. */
const char  *gj_csv_preview_get_target      (GjCsvPreview *self,
                                             guint         column);
/* header → target key ("" for ignored columns): what to remember. */
GHashTable  *gj_csv_preview_dup_mapping     (GjCsvPreview *self);
/* Things worth knowing that are not row errors, translated, one per line
 * ("column “邮编” is not imported"), or NULL. */
const char  *gj_csv_preview_get_notes       (GjCsvPreview *self);

guint        gj_csv_preview_get_n_rows      (GjCsvPreview *self);
guint        gj_csv_preview_get_n_ok        (GjCsvPreview *self);
guint        gj_csv_preview_get_n_failed    (GjCsvPreview *self);
/* Rows matching an earlier row of the file / a stored record. */
guint        gj_csv_preview_get_n_duplicates_in_file (GjCsvPreview *self);
guint        gj_csv_preview_get_n_existing  (GjCsvPreview *self);

typedef enum
{
  GJ_CSV_IMPORT_DEFAULT      = 0,
  GJ_CSV_IMPORT_DRY_RUN      = 1 << 0,  /* do everything, then roll back */
  /* Import the good rows and count the bad ones as failed, instead of
   * refusing the whole file for one bad row. */
  GJ_CSV_IMPORT_SKIP_FAILED  = 1 << 1,
  /* With GJ_DUPLICATES_UPDATE, an empty cell clears the stored field (of
   * the columns the file has): the row says all there is, as in a
   * re-imported export. gj_import_file() imports CSV this way. */
  GJ_CSV_IMPORT_CLEAR_EMPTY  = 1 << 2,
} GjCsvImportFlags;

typedef struct
{
  guint created;
  guint updated;  /* stored records overwritten (GJ_DUPLICATES_UPDATE) */
  guint filled;   /* stored records whose empty fields were filled */
  guint skipped;  /* duplicates left alone, and rows that changed nothing */
  guint failed;   /* rows with errors (none were written unless SKIP_FAILED) */
} GjCsvImportCounts;

/*
 * Writes the preview's rows into @store (the store the preview was read
 * against, or one on the same file) in one transaction. Without
 * GJ_CSV_IMPORT_SKIP_FAILED any failed row refuses the whole file: FALSE
 * with an error naming the file, the line, the column and the reason of
 * the first one, @counts still filled in, the database unchanged. A row
 * that the store refuses while writing does the same. Places (streets,
 * communities) named by the file are created only in a database that had
 * none.
 */
gboolean     gj_csv_preview_import          (GjCsvPreview       *self,
                                             GjStore            *store,
                                             GjDuplicateStrategy strategy,
                                             GjCsvImportFlags    flags,
                                             GjProgressFunc      progress,
                                             gpointer            user_data,
                                             GCancellable       *cancellable,
                                             GjCsvImportCounts  *counts,
                                             GError            **error);

/*
 * Writes the rows that failed (with their errors in a last column
 * "错误/error") as a UTF-8 CSV with BOM, in the file's own columns, so the
 * user can fix them in Excel and import that file again. @n_written (may
 * be NULL) receives the number of rows. A preview without failed rows
 * writes the header alone.
 */
gboolean     gj_csv_preview_write_failed    (GjCsvPreview       *self,
                                             const char         *path,
                                             guint              *n_written,
                                             GError            **error);

/* The same rows as a CSV text (for tests and the GUI's clipboard). */
char        *gj_csv_preview_dup_failed_csv  (GjCsvPreview       *self);

/* One CSV cell as gj_csv_export writes it: quoted when it must be, and a
 * cell starting with = + - @ tab or CR neutralised with a leading '. */
void         gj_csv_append_cell             (GString            *line,
                                             const char         *value,
                                             gboolean            first);

G_END_DECLS
