/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-geometry.h"

G_BEGIN_DECLS

#define GJ_TYPE_FINDING (gj_finding_get_type ())

G_DECLARE_FINAL_TYPE (GjFinding, gj_finding, GJ, FINDING, GObject)

/*
 * GjFinding: one thing a data check found — what (check, message), where
 * (a point and a box to zoom to), which records, and whether a user
 * accepted it as an exception (with the reason).
 */

GjFinding      *gj_finding_new           (const char   *check,
                                          const char   *key,
                                          const char   *message);
const char     *gj_finding_get_check     (GjFinding    *self);
/* Stable across runs: what an accepted exception is remembered by. */
const char     *gj_finding_get_key       (GjFinding    *self);
const char     *gj_finding_get_message   (GjFinding    *self);
void            gj_finding_set_place     (GjFinding    *self,
                                          double        lon,
                                          double        lat,
                                          const GjBBox *bbox);
gboolean        gj_finding_get_place     (GjFinding    *self,
                                          double       *lon,
                                          double       *lat,
                                          GjBBox       *bbox);
void            gj_finding_add_record    (GjFinding    *self,
                                          const char   *kind,
                                          const char   *uuid,
                                          const char   *label);
/* NULL-terminated; borrowed. */
const char * const *gj_finding_get_record_uuids (GjFinding *self);
const char * const *gj_finding_get_record_kinds (GjFinding *self);
const char * const *gj_finding_get_record_labels (GjFinding *self);
gboolean        gj_finding_get_accepted  (GjFinding    *self);
const char     *gj_finding_get_reason    (GjFinding    *self);
void            gj_finding_set_accepted  (GjFinding    *self,
                                          const char   *reason);

G_END_DECLS
