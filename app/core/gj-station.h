/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_STATION (gj_station_get_type ())

G_DECLARE_FINAL_TYPE (GjStation, gj_station, GJ, STATION, GjRecord)

GjStation *gj_station_new (void);

G_END_DECLS
