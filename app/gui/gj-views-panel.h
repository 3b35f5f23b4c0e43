/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gj-map-view.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * GjViewsPanel: the saved map views (the presentation's slides) for the
 * map page, fit for a popover: "Save This View…" (name, title, subtitle;
 * the map's extent, zoom, theme and layers), the list in slide order —
 * click one to go there — with rename, move up and down, and delete (to
 * the trash, with Undo on a toast).
 *
 * Actions (parameter: the view's id, "x"): views.go, views.rename,
 * views.move-up, views.move-down, views.delete; views.save (none).
 */

#define GJ_TYPE_VIEWS_PANEL (gj_views_panel_get_type ())

G_DECLARE_FINAL_TYPE (GjViewsPanel, gj_views_panel, GJ, VIEWS_PANEL, GtkWidget)

GtkWidget  *gj_views_panel_new               (void);
void        gj_views_panel_set_store         (GjViewsPanel    *self,
                                              GjStore         *store);
GjStore    *gj_views_panel_get_store         (GjViewsPanel    *self);
/* The map that views are taken from and shown on. */
void        gj_views_panel_set_map_view      (GjViewsPanel    *self,
                                              GjMapView       *map_view);
/* Where the Undo toast goes (NULL: the panel's own). */
void        gj_views_panel_set_toast_overlay (GjViewsPanel    *self,
                                              AdwToastOverlay *overlay);
/* The saved views (GjSavedView) in slide order; the same list for the
 * panel's life, refilled by gj_views_panel_reload(). */
GListModel *gj_views_panel_get_model         (GjViewsPanel    *self);
void        gj_views_panel_reload            (GjViewsPanel    *self);
/* Saves the map's view now, as the dialog does on "Save". */
GjSavedView *gj_views_panel_save_view        (GjViewsPanel    *self,
                                              const char      *name,
                                              const char      *title,
                                              const char      *subtitle,
                                              GError         **error);

G_END_DECLS
