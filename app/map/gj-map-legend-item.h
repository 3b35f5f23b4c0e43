/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

/* One line of a map legend: a swatch colour and its label. */

#define GJ_TYPE_MAP_LEGEND_ITEM (gj_map_legend_item_get_type ())

G_DECLARE_FINAL_TYPE (GjMapLegendItem, gj_map_legend_item, GJ, MAP_LEGEND_ITEM, GObject)

GjMapLegendItem *gj_map_legend_item_new       (const GdkRGBA   *color,
                                               const char      *label);
const GdkRGBA   *gj_map_legend_item_get_color (GjMapLegendItem *self);
const char      *gj_map_legend_item_get_label (GjMapLegendItem *self);

G_END_DECLS
