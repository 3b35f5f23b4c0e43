/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_CHANGE (gj_change_get_type ())

G_DECLARE_FINAL_TYPE (GjChange, gj_change, GJ, CHANGE, GjRecord)

GjChange *gj_change_new (void);

G_END_DECLS
