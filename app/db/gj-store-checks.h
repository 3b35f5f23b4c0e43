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

/* Grid coverage, shared by the checks and the overview (gj-store-overview.c).
 * @outline is the union of valid grid polygons (gj_topology_union() with
 * coverage TRUE); the gaps are the holes in it larger than
 * GJ_CHECK_MIN_AREA_M2, as polygons. An accepted gap is remembered under
 * gj_coverage_gap_key() (a check_exception key). */
#define GJ_CHECK_MIN_AREA_M2 1.0
GPtrArray  *gj_coverage_gaps        (GjGeometry      *outline);
char       *gj_coverage_gap_key     (GjGeometry      *gap);

/* Findings as the JSON of `check --json` (documented in README). */
JsonNode   *gj_findings_to_json     (GListModel      *findings);

G_END_DECLS
