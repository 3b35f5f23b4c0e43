/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-map-view.h"
#include "gj-presentation.h"

G_BEGIN_DECLS

/* For the tests. */
guint      gj_presentation_get_n_slides   (GjPresentation *self);
guint      gj_presentation_get_n_cards    (GjPresentation *self);
guint      gj_presentation_get_current    (GjPresentation *self);
void       gj_presentation_go_to          (GjPresentation *self,
                                           guint           slide);
/* What a key press does (the window's key handler calls it): TRUE when
 * the key was one of the presentation's. */
gboolean   gj_presentation_handle_key     (GjPresentation *self,
                                           guint           keyval,
                                           GdkModifierType state);
GjMapView *gj_presentation_get_map_view   (GjPresentation *self);
/* The title shown on the current slide. */
const char *gj_presentation_get_slide_title (GjPresentation *self);
/* Whether the overview's figures have arrived on the cards. */
gboolean   gj_presentation_get_cards_ready (GjPresentation *self);

G_END_DECLS
