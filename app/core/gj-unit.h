/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_UNIT (gj_unit_get_type ())

G_DECLARE_FINAL_TYPE (GjUnit, gj_unit, GJ, UNIT, GjRecord)

GjUnit *gj_unit_new (void);

G_END_DECLS
