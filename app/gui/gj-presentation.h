/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gj-store.h"

G_BEGIN_DECLS

/*
 * GjPresentation: the review meeting's (述职评议会) fullscreen, read-only
 * slide show. The slides are the saved map views (the map at that extent
 * and theme, large title and subtitle, larger labels; the whole district
 * when no view is saved), then the indicator cards (grids and stations,
 * units and meetings, the problem wall), in a high-contrast style.
 *
 * Keys: Right, Page Down, Space, Down (clickers send Page Up/Down) go on;
 * Left, Page Up, Backspace, Up go back; Home and End; Escape leaves. An
 * elapsed-time clock runs in a corner. Nothing can be edited: the map
 * takes no clicks and no editing action exists here.
 */

#define GJ_TYPE_PRESENTATION (gj_presentation_get_type ())

G_DECLARE_FINAL_TYPE (GjPresentation, gj_presentation, GJ, PRESENTATION, AdwWindow)

/* Fullscreen on @parent's monitor once presented. */
GjPresentation *gj_presentation_new (GtkWindow *parent,
                                     GjStore   *store);

G_END_DECLS
