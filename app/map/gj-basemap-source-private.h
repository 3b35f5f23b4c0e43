/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-basemap-source.h"
#include "gj-map-painter.h"

G_BEGIN_DECLS

/* Main thread: the outlines the basemap draws now (borrowed), for
 * GjGridSource to paint the same ground, boundaries and names around its
 * grids. Replaced when the store changes or on a reload. */
GjMapOutlines *gj_basemap_source_get_outlines (GjBasemapSource *self);

G_END_DECLS
