/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-finding.h"
#include "gj-store.h"

G_BEGIN_DECLS

#define GJ_TYPE_CHECKS_PANEL (gj_checks_panel_get_type ())

G_DECLARE_FINAL_TYPE (GjChecksPanel, gj_checks_panel, GJ, CHECKS_PANEL, GtkWidget)

/*
 * GjChecksPanel: the data checks of the Map page. "Run Checks" runs
 * gj_store_run_checks() in a thread on its own connection to the store's
 * database and lists the findings; each can be accepted as an exception
 * (with a reason) or withdrawn. Activating a finding emits
 * "finding-activated" so the window can show it on the map.
 */

GtkWidget  *gj_checks_panel_new          (void);
/* Forgets earlier findings; NULL leaves nothing to check. */
void        gj_checks_panel_set_store    (GjChecksPanel *self,
                                          GjStore       *store);
void        gj_checks_panel_run          (GjChecksPanel *self);
gboolean    gj_checks_panel_is_running   (GjChecksPanel *self);
/* The findings of the last run; NULL before the first. */
GListModel *gj_checks_panel_get_findings (GjChecksPanel *self);
/* For the tests: the list the findings are shown in. */
GtkListBox *gj_checks_panel_get_list     (GjChecksPanel *self);

G_END_DECLS
