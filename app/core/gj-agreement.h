/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_AGREEMENT (gj_agreement_get_type ())

G_DECLARE_FINAL_TYPE (GjAgreement, gj_agreement, GJ, AGREEMENT, GjRecord)

GjAgreement *gj_agreement_new (void);

G_END_DECLS
