/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gj-store.h"

G_BEGIN_DECLS

#define GJ_TYPE_IMPORT_DIALOG (gj_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GjImportDialog, gj_import_dialog, GJ, IMPORT_DIALOG, AdwWindow)

/*
 * GjImportDialog: a table (CSV/TSV) of units, agreements or list items
 * brought in step by step, the way an office user checks it first: how the
 * file is read, which column holds which field (remembered per set of
 * headers), a preview of every row with its errors and duplicates, what to
 * do with duplicates and bad rows, then one all-or-nothing import in a
 * thread and the failed rows saved for Excel.
 *
 * "imported" (const char *kind) is emitted once the database has changed.
 */

/* TRUE when the dialog is the way to import @path: a .csv, .tsv or .txt
 * table of @kind (NULL or "auto": guessed; "units", "agreements", "items"). */
gboolean        gj_import_dialog_handles (const char *path,
                                          const char *kind);

/* @kind: NULL or "auto" to guess it from the headers; @encoding: NULL or
 * "auto" to detect it, else "utf-8", "gb18030" … as the file chooser says. */
GjImportDialog *gj_import_dialog_new     (GtkWindow  *parent,
                                          GjStore    *store,
                                          const char *path,
                                          const char *kind,
                                          const char *encoding);

G_END_DECLS
