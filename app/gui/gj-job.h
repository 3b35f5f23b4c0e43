/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gj-map-theme.h"

G_BEGIN_DECLS

#define GJ_TYPE_JOB (gj_job_get_type ())

G_DECLARE_FINAL_TYPE (GjJob, gj_job, GJ, JOB, GObject)

typedef enum
{
  GJ_JOB_IMPORT,   /* @file into the database, @record_kind NULL guesses */
  GJ_JOB_EXPORT,   /* @record_kind of the database to @file */
  GJ_JOB_BACKUP,   /* the database to the new file @file */
  GJ_JOB_RESTORE,  /* the database replaced by the backup @file */
  GJ_JOB_SAMPLE,   /* a new database at @db_path holding the sample district */
  GJ_JOB_PRINT_MAP, /* the map, coloured by the job's theme, to @file (.pdf, .png, .svg) */
} GjJobKind;

/*
 * GjJob: one long piece of work on a database — import, export, backup,
 * restore, building the sample — run in a GTask thread that opens its own
 * store on the database's path, so the window stays responsive.
 *
 * "title" says what runs; "fraction" (0…1, or −1 while the total is
 * unknown) follows the work on the main context that started it, however
 * often the worker reports.
 */

GjJob          *gj_job_new          (GjJobKind            kind,
                                     const char          *db_path,
                                     const char          *file,
                                     const char          *record_kind);
GjJobKind       gj_job_get_kind     (GjJob               *self);
const char     *gj_job_get_db_path  (GjJob               *self);
const char     *gj_job_get_file     (GjJob               *self);
const char     *gj_job_get_title    (GjJob               *self);
double          gj_job_get_fraction (GjJob               *self);
/* GJ_JOB_PRINT_MAP: how to colour the grids; set before running. */
void            gj_job_set_map_theme (GjJob              *self,
                                      GjMapTheme          theme);
/* GJ_JOB_IMPORT: the coordinates' system ("gcj02", "bd09"; NULL: WGS-84)
 * and the text encoding (NULL: detected). */
void            gj_job_set_import_options (GjJob         *self,
                                           const char    *crs,
                                           const char    *encoding);

void            gj_job_run_async    (GjJob               *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* The sentence that tells the user what was done ("Imported 1,570 grids").
 * A cancelled job fails with G_IO_ERROR_CANCELLED. */
char           *gj_job_run_finish   (GjJob               *self,
                                     GAsyncResult        *result,
                                     GError             **error);

/* Deletes a database file with its -wal, -shm and -journal companions. */
void            gj_remove_database_files (const char *path);

G_END_DECLS
