/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-store.h"

G_BEGIN_DECLS

#define GJ_IO_ERROR (gj_io_error_quark ())

typedef enum
{
  GJ_IO_ERROR_FAILED,
  GJ_IO_ERROR_UNKNOWN_FORMAT,   /* neither the extension nor the content says what it is */
  GJ_IO_ERROR_UNKNOWN_KIND,     /* --kind names nothing this format can hold */
  GJ_IO_ERROR_PARSE,            /* not valid JSON / CSV / … */
  GJ_IO_ERROR_ENCODING,         /* text not in the encoding it claims or we detected */
  GJ_IO_ERROR_INVALID,          /* a feature or row breaks a rule */
  GJ_IO_ERROR_CANCELLED,
} GjIoError;

typedef struct
{
  const char *kind;      /* NULL: from the content */
  const char *encoding;  /* NULL: detected */
  const char *crs;       /* NULL: WGS-84; "gcj02", "bd09" are converted (approximately) */
  gboolean    dry_run;   /* read and check everything, keep nothing */
} GjImportOptions;

typedef struct
{
  char   *kind;      /* "grids", "stations", "units", "grids+stations" … */
  char   *format;    /* "GeoJSON", "CSV" … */
  char   *encoding;  /* for text formats: what was read */
  guint   inserted;
  guint   updated;
  guint   skipped;   /* features whose shape has no place here (lines) */
  int     crs;       /* GjCrs the coordinates were converted from */
  char   *notes;     /* what was skipped and why, a line each; or NULL */
} GjImportResult;

GQuark          gj_io_error_quark       (void);

/*
 * Imports @path into @store in one transaction: all or nothing. @kind
 * ("grids", "stations", "units") may be NULL to guess it from the content;
 * @encoding NULL detects it. With @dry_run everything is read and checked
 * and then rolled back. Errors name the file, the feature or line, and the
 * field.
 */
gboolean        gj_import_file          (GjStore          *store,
                                         const char       *path,
                                         const char       *kind,
                                         const char       *encoding,
                                         gboolean          dry_run,
                                         GjProgressFunc    progress,
                                         gpointer          user_data,
                                         GCancellable     *cancellable,
                                         GjImportResult  **result,
                                         GError          **error);
/* The same with all the options. */
gboolean        gj_import_file_full     (GjStore               *store,
                                         const char            *path,
                                         const GjImportOptions *options,
                                         GjProgressFunc         progress,
                                         gpointer               user_data,
                                         GCancellable          *cancellable,
                                         GjImportResult       **result,
                                         GError               **error);
gboolean        gj_import_bytes_full    (GjStore               *store,
                                         const char            *path,
                                         GBytes                *bytes,
                                         const GjImportOptions *options,
                                         GjProgressFunc         progress,
                                         gpointer               user_data,
                                         GCancellable          *cancellable,
                                         GjImportResult       **result,
                                         GError               **error);

/* The same for data in memory; @path names it in messages and tells the format. */
gboolean        gj_import_bytes         (GjStore          *store,
                                         const char       *path,
                                         GBytes           *bytes,
                                         const char       *kind,
                                         const char       *encoding,
                                         gboolean          dry_run,
                                         GjProgressFunc    progress,
                                         gpointer          user_data,
                                         GCancellable     *cancellable,
                                         GjImportResult  **result,
                                         GError          **error);
void            gj_import_result_free   (GjImportResult   *result);

/*
 * Writes the records of @kind to @path; the format comes from the
 * extension (.geojson, .json, .csv). @kind NULL takes the format's natural
 * kind (grids for GeoJSON, units for CSV).
 */
gboolean        gj_export_file          (GjStore          *store,
                                         const char       *path,
                                         const char       *kind,
                                         GjProgressFunc    progress,
                                         gpointer          user_data,
                                         GCancellable     *cancellable,
                                         guint            *n_written,
                                         GError          **error);

/* TRUE when @path's extension names a format gj_export_file() writes. */
gboolean        gj_io_can_export        (const char       *path);
/* The natural export format of @kind: ".geojson" for places, ".ics" for
 * meetings, ".xlsx" for tables. */
const char     *gj_io_default_extension (const char       *kind);

/* The kinds import/export know, for --help and the file dialogs. */
const char * const *gj_io_get_kinds     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjImportResult, gj_import_result_free)

G_END_DECLS
