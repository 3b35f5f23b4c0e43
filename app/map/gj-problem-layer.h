/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "gj-store.h"

G_BEGIN_DECLS

/*
 * GjProblemLayer: the problem wall on the map — one pin per problem with a
 * place (its own point, else the middle of its grid), coloured by its
 * deadline (green on track, yellow due soon, red overdue, grey done).
 * All pins are drawn in one cairo node, only those in view; no widget per
 * pin. Hit-testing is gj_problem_layer_pick().
 */

#define GJ_TYPE_PROBLEM_LAYER (gj_problem_layer_get_type ())

G_DECLARE_FINAL_TYPE (GjProblemLayer, gj_problem_layer, GJ, PROBLEM_LAYER, ShumateLayer)

GjProblemLayer *gj_problem_layer_new       (ShumateViewport *viewport);
/* Reads the pins of @store (NULL: none). */
void            gj_problem_layer_set_store (GjProblemLayer  *self,
                                            GjStore         *store);
/* Reads the pins again (a problem moved, its deadline changed). */
void            gj_problem_layer_reload    (GjProblemLayer  *self);
guint           gj_problem_layer_get_n_pins (GjProblemLayer *self);
/* The problem whose pin is under (@x, @y) in the layer's coordinates, the
 * topmost; 0 when none. */
gint64          gj_problem_layer_pick      (GjProblemLayer  *self,
                                            double           x,
                                            double           y);

G_END_DECLS
