/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_COMMITMENT (gj_commitment_get_type ())

G_DECLARE_FINAL_TYPE (GjCommitment, gj_commitment, GJ, COMMITMENT, GjRecord)

GjCommitment *gj_commitment_new (void);

G_END_DECLS
