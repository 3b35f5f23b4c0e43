/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_EVALUATION (gj_evaluation_get_type ())

G_DECLARE_FINAL_TYPE (GjEvaluation, gj_evaluation, GJ, EVALUATION, GjRecord)

GjEvaluation *gj_evaluation_new (void);

G_END_DECLS
