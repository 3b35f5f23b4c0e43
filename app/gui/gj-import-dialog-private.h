/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-csv-preview.h"
#include "gj-import-dialog.h"

G_BEGIN_DECLS

/* For the tests: what the dialog shows and does. */

/* "file", "mapping", "preview", "options", "progress", "result". */
const char          *gj_import_dialog_get_page            (GjImportDialog *self);
/* TRUE while the file is read or the import runs. */
gboolean             gj_import_dialog_is_busy             (GjImportDialog *self);
/* The preview shown, or NULL (not read yet, or unreadable as this kind). */
GjCsvPreview        *gj_import_dialog_get_preview         (GjImportDialog *self);
const char          *gj_import_dialog_get_kind            (GjImportDialog *self);
/* The target dropdown of the file's @column on the Columns page. */
GtkDropDown         *gj_import_dialog_get_column_dropdown (GjImportDialog *self,
                                                           guint           column);
/* The index in that dropdown of target @key ("" or NULL: Ignore). */
guint                gj_import_dialog_target_position     (GjImportDialog *self,
                                                           const char     *key);
GtkColumnView       *gj_import_dialog_get_preview_view    (GjImportDialog *self);
AdwComboRow         *gj_import_dialog_get_encoding_row    (GjImportDialog *self);
/* "Refuse the whole file" instead of importing the good rows. */
void                 gj_import_dialog_set_skip_failed     (GjImportDialog *self,
                                                           gboolean        skip_failed);
/* TRUE when a mapping remembered from an earlier import was applied. */
gboolean             gj_import_dialog_get_used_remembered (GjImportDialog *self);
/* What the last import did; NULL before one finished. */
const GjCsvImportCounts *gj_import_dialog_get_counts      (GjImportDialog *self);
/* What "Save Failed Rows…" does once the file is chosen. */
gboolean             gj_import_dialog_save_failed_to      (GjImportDialog *self,
                                                           const char     *path,
                                                           GError        **error);

G_END_DECLS
