/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>

#include "gj-types.h"

G_BEGIN_DECLS

/*
 * How grids are coloured on the map, and the colours themselves: the GNOME
 * palette, with a light and a dark set. Plain functions, safe in threads.
 */

#define GJ_TYPE_MAP_THEME (gj_map_theme_get_type ())

typedef enum
{
  GJ_MAP_THEME_KIND,      /* by grid kind (住宅小区, 商业街区 …) */
  GJ_MAP_THEME_STREET,    /* by street */
  GJ_MAP_THEME_COVERAGE,  /* grids with and without a service station */
  GJ_MAP_THEME_UNITS,     /* number of resident units, in classes */
} GjMapTheme;

#define GJ_MAP_THEME_LAST GJ_MAP_THEME_UNITS

GType        gj_map_theme_get_type          (void) G_GNUC_CONST;
/* Translated name for a theme chooser. */
const char  *gj_map_theme_get_title         (GjMapTheme   theme);

/* Grid kinds with a colour of their own, NULL-terminated (data values). */
const char * const *gj_map_style_get_known_kinds (void);
GdkRGBA      gj_map_style_kind_color        (const char  *kind);
/* The @index-th colour of the qualitative palette (wraps). */
GdkRGBA      gj_map_style_category_color    (guint        index);
guint        gj_map_style_get_n_categories  (void);
GdkRGBA      gj_map_style_coverage_color    (gboolean     has_station);
/* Units classes: 0, 1, 2–4, 5–9, 10 and more. */
guint        gj_map_style_units_class       (guint        n_units);
guint        gj_map_style_get_n_units_classes (void);
GdkRGBA      gj_map_style_units_color       (guint        klass);
/* Translated legend label of a units class ("2–4 units"). */
char        *gj_map_style_dup_units_label   (guint        klass);
GdkRGBA      gj_map_style_other_color       (void);

/* Basemap and overlay colours. */
typedef struct
{
  GdkRGBA background;
  GdkRGBA district_fill;
  GdkRGBA district_line;
  GdkRGBA street_line;
  GdkRGBA label;
  GdkRGBA label_halo;
  GdkRGBA grid_line;
  GdkRGBA station;
  GdkRGBA station_ring;
  GdkRGBA accent;
} GjMapColors;

const GjMapColors *gj_map_style_get_colors  (gboolean     dark);

G_END_DECLS
