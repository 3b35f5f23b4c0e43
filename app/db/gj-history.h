/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-geometry.h"
#include "gj-record.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * GjHistory: the edits a person makes by hand, each written in one
 * transaction and kept so it can be undone and redone — a changed record,
 * a new one, one moved to the trash. Imports and merges do not go through
 * here: they have their own all-or-nothing transaction and the backup.
 *
 * "changed" is emitted after every write, undo and redo, with the kind of
 * record and the area it touched (the union of its shape before and after),
 * so the map redraws only those tiles and tables reload only that kind.
 */

#define GJ_TYPE_HISTORY (gj_history_get_type ())

G_DECLARE_FINAL_TYPE (GjHistory, gj_history, GJ, HISTORY, GObject)

GjHistory  *gj_history_new            (GjStore    *store);
GjStore    *gj_history_get_store      (GjHistory  *self);

/* Writes @record (a changed copy of a stored record) and remembers the
 * stored values for undo. @label names the edit ("Name of 天四社区第4网格"). */
gboolean    gj_history_update         (GjHistory  *self,
                                       GjRecord   *record,
                                       const char *label,
                                       GError    **error);
gboolean    gj_history_insert         (GjHistory  *self,
                                       GjRecord   *record,
                                       const char *label,
                                       GError    **error);
/* Moves the record to the trash; undo restores it with its relations. */
gboolean    gj_history_delete         (GjHistory  *self,
                                       GjRecord   *record,
                                       const char *label,
                                       GError    **error);

gboolean    gj_history_can_undo       (GjHistory  *self);
gboolean    gj_history_can_redo       (GjHistory  *self);
/* The label of the edit undo (redo) would take back; NULL when none. */
const char *gj_history_get_undo_label (GjHistory  *self);
const char *gj_history_get_redo_label (GjHistory  *self);
gboolean    gj_history_undo           (GjHistory  *self,
                                       GError    **error);
gboolean    gj_history_redo           (GjHistory  *self,
                                       GError    **error);
/* Forgets every edit (another database was opened, an import ran). */
void        gj_history_clear          (GjHistory  *self);

/* The place a record occupies: a grid's bounding box, a point for a
 * station or unit with a location; FALSE when it has none. */
gboolean    gj_record_get_place       (GjRecord   *record,
                                       GjBBox     *bbox);

G_END_DECLS
