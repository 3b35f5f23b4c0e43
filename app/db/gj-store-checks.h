/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-finding.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * The data checks of `gongjian-cli check` and the map's checks panel:
 * invalid polygons, overlapping grids, gaps inside the district outline,
 * stations and units outside every grid, duplicate grid codes, wrong
 * credit codes. Returns a GListModel of GjFinding, accepted exceptions
 * marked; NULL with @error when cancelled or the store fails.
 */
GListModel *gj_store_run_checks     (GjStore         *self,
                                     GjProgressFunc   progress,
                                     gpointer         user_data,
                                     GCancellable    *cancellable,
                                     GError         **error);

/* Remembers @finding as an accepted exception (the reason is required);
 * with @reason NULL the exception is withdrawn. */
gboolean    gj_store_accept_finding (GjStore         *self,
                                     GjFinding       *finding,
                                     const char      *reason,
                                     GError         **error);

/* Findings as the JSON of `check --json` (documented in README). */
JsonNode   *gj_findings_to_json     (GListModel      *findings);

G_END_DECLS
