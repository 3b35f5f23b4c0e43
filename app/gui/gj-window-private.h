/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-checks-panel.h"
#include "gj-editor.h"
#include "gj-map-search.h"
#include "gj-map-view.h"
#include "gj-record-panel.h"
#include "gj-record-table.h"
#include "gj-units-page.h"
#include "gj-window.h"

G_BEGIN_DECLS

/* For the tests: what the window shows. */
AdwViewStack   *gj_window_get_view_stack (GjWindow *self);
/* The table of @record_type (GJ_TYPE_GRID, _STATION, _UNIT, _AGREEMENT,
 * _LIST_ITEM). */
GjRecordTable  *gj_window_get_table      (GjWindow *self,
                                          GType     record_type);
/* The Map page: its tabs (map, grids, stations), the map, the side panel. */
GtkStack       *gj_window_get_map_stack  (GjWindow *self);
GjMapView      *gj_window_get_map_view   (GjWindow *self);
GjRecordPanel  *gj_window_get_record_panel (GjWindow *self);
GjChecksPanel  *gj_window_get_checks_panel (GjWindow *self);
GjMapSearch    *gj_window_get_map_search (GjWindow *self);
GjEditor       *gj_window_get_editor     (GjWindow *self);
GjUnitsPage    *gj_window_get_units_page (GjWindow *self);
/* What Export Map Image… does once the file is chosen: a long job. */
void            gj_window_export_map     (GjWindow   *self,
                                          const char *path);
/* "welcome", "busy" or "district". */
const char     *gj_window_get_state      (GjWindow *self);
/* TRUE while a long job (import, sample …) runs. */
gboolean        gj_window_is_busy        (GjWindow *self);

G_END_DECLS
