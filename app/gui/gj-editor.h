/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gj-history.h"
#include "gj-map-view.h"
#include "gj-record-panel.h"

G_BEGIN_DECLS

/*
 * GjEditor: editing the district by hand, for the window — the undo history
 * of the open store, drawing a new grid, placing a station, changing a
 * shape, the trash; each edit is saved in one transaction and announced
 * with a toast that can undo it. After every write the map redraws the
 * tiles it touched, the side panel shows the stored values and "changed"
 * tells the window which kind of record to reload.
 */

#define GJ_TYPE_EDITOR (gj_editor_get_type ())

G_DECLARE_FINAL_TYPE (GjEditor, gj_editor, GJ, EDITOR, GObject)

GjEditor   *gj_editor_new            (GtkWindow       *parent,
                                      GjMapView       *map_view,
                                      GjRecordPanel   *panel,
                                      AdwToastOverlay *toasts);
void        gj_editor_set_store      (GjEditor        *self,
                                      GjStore         *store);
GjHistory  *gj_editor_get_history    (GjEditor        *self);

gboolean    gj_editor_can_undo       (GjEditor        *self);
gboolean    gj_editor_can_redo       (GjEditor        *self);
void        gj_editor_undo           (GjEditor        *self);
void        gj_editor_redo           (GjEditor        *self);
/* Forgets what could be undone (an import wrote underneath). */
void        gj_editor_clear_history  (GjEditor        *self);

/* TRUE while a shape is being drawn or changed on the map. */
gboolean    gj_editor_is_editing     (GjEditor        *self);
void        gj_editor_draw_grid      (GjEditor        *self);
void        gj_editor_add_station    (GjEditor        *self);
/* The place of @unit, picked (or dragged) on the map; "placed" once saved. */
void        gj_editor_pick_place     (GjEditor        *self,
                                      GjRecord        *unit);
/* The selected grid's corners, or the selected station's place. */
void        gj_editor_edit_selected  (GjEditor        *self);
void        gj_editor_delete_selected (GjEditor       *self);
void        gj_editor_finish         (GjEditor        *self);
void        gj_editor_cancel         (GjEditor        *self);
/* What the map shows while editing: "Click to add corners …". */
const char *gj_editor_get_hint       (GjEditor        *self);

/* For the tests: the new grid's code the dialog would suggest near @shape. */
char       *gj_editor_suggest_grid_code (GjEditor     *self,
                                         GjGeometry   *shape,
                                         GjRecord    **neighbour);

G_END_DECLS
