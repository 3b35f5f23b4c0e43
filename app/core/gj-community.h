/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_COMMUNITY (gj_community_get_type ())

G_DECLARE_FINAL_TYPE (GjCommunity, gj_community, GJ, COMMUNITY, GjRecord)

GjCommunity *gj_community_new (void);

G_END_DECLS
