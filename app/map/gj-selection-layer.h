/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "gj-record.h"

G_BEGIN_DECLS

/*
 * GjSelectionLayer: the only shapes drawn live — the selected grid or
 * station and the grid under the pointer — redrawn as the viewport moves.
 */

#define GJ_TYPE_SELECTION_LAYER (gj_selection_layer_get_type ())

G_DECLARE_FINAL_TYPE (GjSelectionLayer, gj_selection_layer, GJ, SELECTION_LAYER, ShumateLayer)

GjSelectionLayer *gj_selection_layer_new          (ShumateViewport  *viewport);
GjRecord         *gj_selection_layer_get_selected (GjSelectionLayer *self);
void              gj_selection_layer_set_selected (GjSelectionLayer *self,
                                                   GjRecord         *record);
GjRecord         *gj_selection_layer_get_hovered  (GjSelectionLayer *self);
void              gj_selection_layer_set_hovered  (GjSelectionLayer *self,
                                                   GjRecord         *record);
void              gj_selection_layer_set_dark     (GjSelectionLayer *self,
                                                   gboolean          dark);

G_END_DECLS
