/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-agreements-view.h"
#include "gj-lists-view.h"
#include "gj-unit-panel.h"
#include "gj-units-page.h"

G_BEGIN_DECLS

/* For the tests: what the page shows. */
GtkStack         *gj_units_page_get_stack           (GjUnitsPage *self);
GjUnitPanel      *gj_units_page_get_unit_panel      (GjUnitsPage *self);
GjAgreementsView *gj_units_page_get_agreements_view (GjUnitsPage *self);
GjListsView      *gj_units_page_get_lists_view      (GjUnitsPage *self);
/* The units filters: a street id (0: all), a kind ("": all), stale only. */
void              gj_units_page_filter_units        (GjUnitsPage *self,
                                                     gint64       street_id,
                                                     const char  *kind,
                                                     gboolean     stale_only);

G_END_DECLS
