/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-records.h"
#include "gj-store.h"

G_BEGIN_DECLS

#define GJ_TYPE_MAP_SEARCH (gj_map_search_get_type ())

G_DECLARE_FINAL_TYPE (GjMapSearch, gj_map_search, GJ, MAP_SEARCH, GtkWidget)

/*
 * GjMapSearch: the Map page's search entry. Typing a code or a (Chinese)
 * name lists up to ten grids, stations and located units in a popover;
 * Enter or a click chooses one and emits "record-chosen" with the record
 * read afresh, geometry included.
 */

GtkWidget  *gj_map_search_new         (void);
void        gj_map_search_set_store   (GjMapSearch *self,
                                       GjStore     *store);
void        gj_map_search_focus       (GjMapSearch *self);
/* Searches now, as typing @text would after its delay. */
void        gj_map_search_set_text    (GjMapSearch *self,
                                       const char  *text);
/* The matches of the current text, GjRecord. */
GListModel *gj_map_search_get_results (GjMapSearch *self);
/* Chooses the match at @position, as clicking it does. */
void        gj_map_search_choose      (GjMapSearch *self,
                                       guint        position);

G_END_DECLS
