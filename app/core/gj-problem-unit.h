/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_PROBLEM_UNIT (gj_problem_unit_get_type ())

G_DECLARE_FINAL_TYPE (GjProblemUnit, gj_problem_unit, GJ, PROBLEM_UNIT, GjRecord)

GjProblemUnit *gj_problem_unit_new (void);

G_END_DECLS
