/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_DISTRICT (gj_district_get_type ())

G_DECLARE_FINAL_TYPE (GjDistrict, gj_district, GJ, DISTRICT, GjRecord)

GjDistrict *gj_district_new (void);

G_END_DECLS
