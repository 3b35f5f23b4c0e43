/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "gj-types.h"

G_BEGIN_DECLS

/*
 * How grids are coloured on the map, and the colours themselves: the GNOME
 * palette, with a light and a dark set. No GTK here: the printed map (app/io)
 * and the map on screen (app/map) take their colours from the same tables.
 * Plain functions, safe in threads.
 */

#define GJ_TYPE_MAP_THEME (gj_map_theme_get_type ())

typedef enum
{
  GJ_MAP_THEME_KIND,      /* by grid kind (住宅小区, 商业街区 …) */
  GJ_MAP_THEME_STREET,    /* by street */
  GJ_MAP_THEME_COVERAGE,  /* grids with and without a service station */
  GJ_MAP_THEME_UNITS,     /* number of resident units, in classes */
  /* Choropleths of the per-grid indicators (gj_store_grid_indicator()),
   * in 5 quantile classes computed from the data: */
  GJ_MAP_THEME_INDICATOR_UNITS,             /* resident units per grid */
  GJ_MAP_THEME_INDICATOR_AGREEMENTS,        /* agreements in force per grid */
  GJ_MAP_THEME_INDICATOR_PROBLEMS,          /* open problems per grid */
  GJ_MAP_THEME_INDICATOR_STATION_DISTANCE,  /* metres to the nearest station */
} GjMapTheme;

#define GJ_MAP_THEME_LAST GJ_MAP_THEME_INDICATOR_STATION_DISTANCE
/* Classes of an indicator theme. */
#define GJ_MAP_THEME_N_INDICATOR_CLASSES 5

/* Laid out as GdkRGBA (four floats, 0–1, not premultiplied), so the GTK
 * side can copy it field by field without a conversion table. */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} GjColor;

static inline void
gj_color_set_source (cairo_t       *cr,
                     const GjColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static inline gboolean
gj_color_equal (const GjColor *a,
                const GjColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

GType        gj_map_theme_get_type          (void) G_GNUC_CONST;
/* Translated name for a theme chooser and a legend title. */
const char  *gj_map_theme_get_title         (GjMapTheme   theme);
/* "kind", "street", "coverage", "units", and for the indicator themes
 * "indicator_units", "agreements", "open_problems", "station_distance"
 * (the grid indicators' names; "indicator_agreements",
 * "indicator_problems", "problems" and "indicator_station_distance" are
 * understood too). Case-insensitive, "-" for "_" welcome. */
gboolean     gj_map_theme_from_string       (const char  *name,
                                             GjMapTheme  *theme);
/* The first name above. */
const char  *gj_map_theme_to_string         (GjMapTheme   theme);
/* Whether @theme is a choropleth of a per-grid indicator. */
gboolean     gj_map_theme_is_indicator      (GjMapTheme   theme);
/* The sequential ramp of an indicator theme, lightest (lowest) first:
 * counts in blues to green, problems and distances in yellow to red. */
GjColor      gj_map_theme_indicator_color   (GjMapTheme   theme,
                                             guint        klass);

/* Grid kinds with a colour of their own, NULL-terminated (data values). */
const char * const *gj_map_theme_get_known_kinds (void);
GjColor      gj_map_theme_kind_color        (const char  *kind);
/* The @index-th colour of the qualitative palette (wraps). */
GjColor      gj_map_theme_category_color    (guint        index);
guint        gj_map_theme_get_n_categories  (void);
GjColor      gj_map_theme_coverage_color    (gboolean     has_station);
/* Units classes: 0, 1, 2–4, 5–9, 10 and more. */
guint        gj_map_theme_units_class       (guint        n_units);
guint        gj_map_theme_get_n_units_classes (void);
GjColor      gj_map_theme_units_color       (guint        klass);
/* Translated legend label of a units class ("2–4 units"). */
char        *gj_map_theme_dup_units_label   (guint        klass);
GjColor      gj_map_theme_other_color       (void);

/* Basemap and overlay colours. */
typedef struct
{
  GjColor background;
  GjColor district_fill;
  GjColor district_line;
  GjColor street_line;
  GjColor label;
  GjColor label_halo;
  GjColor grid_line;
  GjColor station;
  GjColor station_ring;
  GjColor accent;
  GjColor context_fill;   /* grids outside the street a page is about */
} GjMapColors;

const GjMapColors *gj_map_theme_get_colors  (gboolean     dark);

/* One line of a legend: a swatch and its label. */
typedef enum
{
  GJ_MAP_LEGEND_AREA,     /* a filled square */
  GJ_MAP_LEGEND_POINT,    /* a dot, as stations are drawn */
} GjMapLegendShape;

typedef struct
{
  GjColor           color;
  GjMapLegendShape  shape;
  char             *label;
} GjMapLegendEntry;

void         gj_map_legend_entry_free       (GjMapLegendEntry *entry);

/*
 * The legend of @theme: a new array of GjMapLegendEntry, the theme's
 * classes then the service station dot. @street_names (the streets in code
 * order, the order gj_map_theme_category_color() follows) is needed by
 * GJ_MAP_THEME_STREET only.
 */
GPtrArray   *gj_map_theme_dup_legend        (GjMapTheme          theme,
                                             gboolean            dark,
                                             const char * const *street_names);

/*
 * The legend of an indicator theme: one entry per class that holds values,
 * labelled with its bounds from @breaks (@n_classes + 1 values, as
 * gj_indicator_class_breaks() fills them; counts as whole numbers,
 * distances in m or km), "No data" when @with_missing, then the station
 * dot. @n_classes 0: "No data" alone.
 */
GPtrArray   *gj_map_theme_dup_indicator_legend (GjMapTheme     theme,
                                                gboolean       dark,
                                                const double  *breaks,
                                                guint          n_classes,
                                                gboolean       with_missing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjMapLegendEntry, gj_map_legend_entry_free)

G_END_DECLS
