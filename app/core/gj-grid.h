/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_GRID (gj_grid_get_type ())

G_DECLARE_FINAL_TYPE (GjGrid, gj_grid, GJ, GRID, GjRecord)

GjGrid *gj_grid_new (void);

G_END_DECLS
