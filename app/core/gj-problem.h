/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_PROBLEM (gj_problem_get_type ())

G_DECLARE_FINAL_TYPE (GjProblem, gj_problem, GJ, PROBLEM, GjRecord)

GjProblem *gj_problem_new (void);

G_END_DECLS
