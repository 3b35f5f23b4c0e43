/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-record-form.h"

G_BEGIN_DECLS

#define GJ_TYPE_UNIT_PANEL (gj_unit_panel_get_type ())

G_DECLARE_FINAL_TYPE (GjUnitPanel, gj_unit_panel, GJ, UNIT_PANEL, GtkWidget)

/*
 * GjUnitPanel: the detail pane of one resident unit on the Units page — a
 * form saved field by field through the history (kind, name, credit code,
 * address, place, party organisation, contact, last verified), the place
 * with buttons to pick it on the map and to show it there, and the unit's
 * agreements and list items. Its buttons call the page's "units." actions.
 */
GtkWidget    *gj_unit_panel_new         (void);
GjRecord     *gj_unit_panel_get_record  (GjUnitPanel *self);
/* A unit (NULL: none). The same unit read again keeps the rows and their
 * focus; only the values change. */
void          gj_unit_panel_set_record  (GjUnitPanel *self,
                                         GjRecord    *record);
void          gj_unit_panel_set_store   (GjUnitPanel *self,
                                         GjStore     *store);
GjRecordForm *gj_unit_panel_get_form    (GjUnitPanel *self);
/* Reads the unit's agreements and list items again. */
void          gj_unit_panel_reload_related (GjUnitPanel *self);

/* The kinds of unit and of party organisation as the data writes them
 * (Chinese), with their titles; NULL-title terminated. */
const GjFormChoice *gj_unit_kind_choices      (void);
const GjFormChoice *gj_unit_party_org_choices (void);
/* The title of a stored kind or party organisation, or @value itself. */
const char   *gj_unit_choice_title      (const GjFormChoice *choices,
                                         const char         *value);

G_END_DECLS
