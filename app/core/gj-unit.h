/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_UNIT (gj_unit_get_type ())

G_DECLARE_FINAL_TYPE (GjUnit, gj_unit, GJ, UNIT, GjRecord)

/* How long a unit's details stay trusted after they were last checked. */
#define GJ_UNIT_STALE_YEARS 1

GjUnit   *gj_unit_new      (void);

/* TRUE when @unit's "verified_date" is empty (or not a date) or more than
 * GJ_UNIT_STALE_YEARS before @today: its details need checking again. */
gboolean  gj_unit_is_stale (GjRecord    *unit,
                            const GDate *today);

G_END_DECLS
