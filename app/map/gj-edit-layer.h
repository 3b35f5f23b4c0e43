/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "gj-geometry.h"
#include "gj-record.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * GjEditLayer: a shape being drawn or changed by hand, drawn live with its
 * handles. Draw mode adds a corner per click (snapped to the corners and
 * edges of the neighbouring grids) until the first corner is clicked again,
 * a double click or finish. Shape mode drags corners, drags the small
 * handle between two corners to insert one, and removes a corner with a
 * right click or Delete. Point mode places a station with a click or drags
 * it. A press that does not hit a handle still pans the map.
 *
 * Nothing is written here: "finished" says the shape is complete, and the
 * caller reads it with gj_edit_layer_dup_geometry() and saves it.
 */

typedef enum
{
  GJ_EDIT_MODE_NONE,
  GJ_EDIT_MODE_DRAW,
  GJ_EDIT_MODE_SHAPE,
  GJ_EDIT_MODE_POINT,
} GjEditMode;

#define GJ_TYPE_EDIT_LAYER (gj_edit_layer_get_type ())

G_DECLARE_FINAL_TYPE (GjEditLayer, gj_edit_layer, GJ, EDIT_LAYER, ShumateLayer)

GjEditLayer *gj_edit_layer_new            (ShumateViewport *viewport);
/* Takes the pointer input from @map (the ShumateMap the layer is on). */
void         gj_edit_layer_attach         (GjEditLayer     *self,
                                           GtkWidget       *map);
/* Where the neighbours to snap to come from. */
void         gj_edit_layer_set_store      (GjEditLayer     *self,
                                           GjStore         *store);
/* Starts editing: DRAW needs no record; SHAPE a grid; POINT a station, or
 * NULL to place a new one. */
void         gj_edit_layer_begin          (GjEditLayer     *self,
                                           GjEditMode       mode,
                                           GjRecord        *record);
GjEditMode   gj_edit_layer_get_mode       (GjEditLayer     *self);
/* The record being changed; NULL while drawing or placing a new one. */
GjRecord    *gj_edit_layer_get_record     (GjEditLayer     *self);
/* TRUE when the shape is complete enough to keep (three corners, a point). */
gboolean     gj_edit_layer_can_finish     (GjEditLayer     *self);
/* Emits "finished" when the shape can be kept, else beeps; FALSE then. */
gboolean     gj_edit_layer_finish         (GjEditLayer     *self);
/* Stops editing and forgets the shape. */
void         gj_edit_layer_cancel         (GjEditLayer     *self);
/* Drops the last corner (drawing) or the corner under the pointer. */
gboolean     gj_edit_layer_remove_vertex  (GjEditLayer     *self);
/* The shape as it stands: a polygon (closed rings) or a point. */
GjGeometry  *gj_edit_layer_dup_geometry   (GjEditLayer     *self);
guint        gj_edit_layer_get_n_vertices (GjEditLayer     *self);

/* For the tests: what a press at widget point (@x, @y) would do. */
void         gj_edit_layer_click          (GjEditLayer     *self,
                                           double           x,
                                           double           y);
gboolean     gj_edit_layer_drag           (GjEditLayer     *self,
                                           double           from_x,
                                           double           from_y,
                                           double           to_x,
                                           double           to_y);
void         gj_edit_layer_set_dark       (GjEditLayer     *self,
                                           gboolean         dark);

G_END_DECLS
