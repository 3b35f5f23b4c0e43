/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-edit-layer.h"
#include "gj-geometry.h"
#include "gj-map-theme.h"
#include "gj-raster-basemap.h"
#include "gj-record.h"
#include "gj-saved-view.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * GjMapView: the district map — the offline basemap, grids and service
 * stations coloured by a theme (drawn into cached tiles), the selection and
 * the grid under the pointer drawn live, zoom buttons, a scale bar and an
 * optional legend. Clicking a grid or a station selects it and emits
 * "record-activated". Keys: + and − zoom, arrows pan.
 */

#define GJ_TYPE_MAP_VIEW (gj_map_view_get_type ())

G_DECLARE_FINAL_TYPE (GjMapView, gj_map_view, GJ, MAP_VIEW, GtkWidget)

GtkWidget  *gj_map_view_new                (void);

GjStore    *gj_map_view_get_store          (GjMapView     *self);
/* Shows @store's grids and stations and zooms to its extent. */
void        gj_map_view_set_store          (GjMapView     *self,
                                            GjStore       *store);

GjMapTheme  gj_map_view_get_theme          (GjMapView     *self);
void        gj_map_view_set_theme          (GjMapView     *self,
                                            GjMapTheme     theme);
/* The legend of the current theme, GjMapLegendItem; the same list object
 * for the view's life, updated in place. */
GListModel *gj_map_view_get_legend         (GjMapView     *self);
gboolean    gj_map_view_get_show_legend    (GjMapView     *self);
void        gj_map_view_set_show_legend    (GjMapView     *self,
                                            gboolean       show_legend);

/* Fits every grid and station into the view. */
void        gj_map_view_zoom_to_extent     (GjMapView     *self);
void        gj_map_view_zoom_to_bbox       (GjMapView     *self,
                                            const GjBBox  *bbox,
                                            gboolean       animate);
void        gj_map_view_go_to              (GjMapView     *self,
                                            double         lon,
                                            double         lat,
                                            double         zoom);
void        gj_map_view_get_location       (GjMapView     *self,
                                            double        *lon,
                                            double        *lat,
                                            double        *zoom);

/* The lon/lat box the view shows now (FALSE before it has a size). */
gboolean    gj_map_view_get_extent         (GjMapView     *self,
                                            GjBBox        *extent);
/* Shows @extent as large as fits, without padding, so that a box taken
 * with gj_map_view_get_extent() comes back the same on a view of the same
 * size; waits for the view's first size when it has none. */
void        gj_map_view_show_extent        (GjMapView     *self,
                                            const GjBBox  *extent);

/* Saved views (the presentation's slides). Capture writes the extent,
 * zoom, theme and layers ("grids,stations,labels", "problems" and
 * "legend" when shown) into @view; apply sets the theme and layers and
 * shows the extent (see gj_map_view_show_extent()). */
void        gj_map_view_capture_saved_view (GjMapView     *self,
                                            GjSavedView   *view);
void        gj_map_view_apply_saved_view   (GjMapView     *self,
                                            GjSavedView   *view);

/* Labels this many times their size (1 by default; a projector wants
 * about 1.5). */
void        gj_map_view_set_label_scale    (GjMapView     *self,
                                            double         label_scale);
double      gj_map_view_get_label_scale    (GjMapView     *self);
/* The zoom buttons and compass (shown by default; a slide hides them). */
void        gj_map_view_set_show_controls  (GjMapView     *self,
                                            gboolean       show_controls);
/* Whether grids and stations show (see gj_map_view_set_show_overlays()). */
gboolean    gj_map_view_get_show_overlays  (GjMapView     *self);

/* Outlines a grid or station (NULL: none); does not move the map. */
void        gj_map_view_select_record      (GjMapView     *self,
                                            GjRecord      *record);
GjRecord   *gj_map_view_get_selected       (GjMapView     *self);

/* The station within a few pixels of (@x, @y), in the view's coordinates,
 * else the grid there, else NULL. */
GjRecord   *gj_map_view_dup_record_at      (GjMapView     *self,
                                            double         x,
                                            double         y);

/* After an edit: draws again what meets @bbox (everything when NULL). */
void        gj_map_view_invalidate         (GjMapView     *self,
                                            const GjBBox  *bbox);

/* The map under the grids. @arg is the MBTiles file's path or the Tianditu
 * key, ignored for the others. When it cannot be used, or its tiles fail,
 * "basemap-failed" says so, once per choice, and the offline basemap shows
 * wherever the chosen one has nothing. */
void          gj_map_view_set_basemap      (GjMapView     *self,
                                            GjBasemapKind  kind,
                                            const char    *arg);
GjBasemapKind gj_map_view_get_basemap      (GjMapView     *self);

/* The problem wall's pins, coloured by deadline (off by default; the
 * "show-problems" property); a click on a pin emits "problem-activated"
 * with the problem. */
gboolean      gj_map_view_get_show_problems (GjMapView    *self);
void          gj_map_view_set_show_problems (GjMapView    *self,
                                            gboolean       show_problems);
/* After a problem changed: reads the pins again. */
void          gj_map_view_reload_problems  (GjMapView     *self);

/* Where shapes are drawn and changed by hand (see GjEditLayer). */
GjEditLayer *gj_map_view_get_edit_layer    (GjMapView     *self);

G_END_DECLS
