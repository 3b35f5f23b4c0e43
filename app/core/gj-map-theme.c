/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gj-map-theme.h"

G_DEFINE_ENUM_TYPE (GjMapTheme, gj_map_theme,
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_KIND, "kind"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_STREET, "street"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_COVERAGE, "coverage"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_UNITS, "units"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_INDICATOR_UNITS, "indicator-units"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_INDICATOR_AGREEMENTS, "indicator-agreements"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_INDICATOR_PROBLEMS, "indicator-problems"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_INDICATOR_STATION_DISTANCE, "indicator-station-distance"))

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, 1.f }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, (a) }

/* The names in enum order; the first of each row is the one written. */
static const char * const theme_names[][4] = {
  { "kind", NULL },
  { "street", NULL },
  { "coverage", NULL },
  { "units", NULL },
  { "indicator_units", NULL },
  { "agreements", "indicator_agreements", NULL },
  { "open_problems", "indicator_problems", "problems", NULL },
  { "station_distance", "indicator_station_distance", NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (theme_names) == GJ_MAP_THEME_LAST + 1);

gboolean
gj_map_theme_from_string (const char *name,
                          GjMapTheme *theme)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (theme != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  wanted = g_strdelimit (g_strdup (name), "-", '_');
  for (guint i = 0; i < G_N_ELEMENTS (theme_names); i++)
    for (guint k = 0; k < G_N_ELEMENTS (theme_names[i]) && theme_names[i][k] != NULL; k++)
      if (g_ascii_strcasecmp (wanted, theme_names[i][k]) == 0)
        {
          *theme = (GjMapTheme) i;
          return TRUE;
        }
  return FALSE;
}

const char *
gj_map_theme_to_string (GjMapTheme theme)
{
  g_return_val_if_fail (theme <= GJ_MAP_THEME_LAST, NULL);

  return theme_names[theme][0];
}

gboolean
gj_map_theme_is_indicator (GjMapTheme theme)
{
  return theme >= GJ_MAP_THEME_INDICATOR_UNITS && theme <= GJ_MAP_THEME_INDICATOR_STATION_DISTANCE;
}

const char *
gj_map_theme_get_title (GjMapTheme theme)
{
  switch (theme)
    {
    case GJ_MAP_THEME_KIND:
      return _("Grid Kind");
    case GJ_MAP_THEME_STREET:
      return _("Street");
    case GJ_MAP_THEME_COVERAGE:
      return _("Station Coverage");
    case GJ_MAP_THEME_UNITS:
      return _("Resident Units");
    case GJ_MAP_THEME_INDICATOR_UNITS:
      return _("Resident Units per Grid");
    case GJ_MAP_THEME_INDICATOR_AGREEMENTS:
      return _("Agreements in Force per Grid");
    case GJ_MAP_THEME_INDICATOR_PROBLEMS:
      return _("Open Problems per Grid");
    case GJ_MAP_THEME_INDICATOR_STATION_DISTANCE:
      return _("Distance to the Nearest Station");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The kinds the district's grid standard names; the data holds them in
 * Chinese, so the legend shows them as they are stored. */
static const char * const known_kinds[] = {
  "住宅小区",
  "老旧小区",
  "城中村",
  "商业街区",
  "单位院落",
  "专属网格",
  "混合型",
  NULL,
};

/* GNOME palette, the light tones: fills stay readable under black labels. */
static const GjColor kind_colors[] = {
  RGB (0x57e389),  /* green 2: residential */
  RGB (0xf8e45c),  /* yellow 2: old residential */
  RGB (0xffa348),  /* orange 2: urban village */
  RGB (0xf66151),  /* red 1: commercial */
  RGB (0x62a0ea),  /* blue 2: compound of a work unit */
  RGB (0xc061cb),  /* purple 2: dedicated grid */
  RGB (0xcdab8f),  /* brown 1: mixed */
};

static const GjColor category_colors[] = {
  RGB (0x62a0ea),  /* blue 2 */
  RGB (0x57e389),  /* green 2 */
  RGB (0xf8e45c),  /* yellow 2 */
  RGB (0xffa348),  /* orange 2 */
  RGB (0xdc8add),  /* purple 1 */
  RGB (0xf66151),  /* red 1 */
  RGB (0xcdab8f),  /* brown 1 */
  RGB (0x99c1f1),  /* blue 1 */
  RGB (0x8ff0a4),  /* green 1 */
  RGB (0xffbe6f),  /* orange 1 */
  RGB (0xc061cb),  /* purple 2 */
  RGB (0xb5835a),  /* brown 2 */
};

static const GjColor units_colors[] = {
  RGB (0xdeddda),  /* light 3: none */
  RGB (0x99c1f1),  /* blue 1 */
  RGB (0x62a0ea),  /* blue 2 */
  RGB (0x3584e4),  /* blue 3 */
  RGB (0x1a5fb4),  /* blue 5 */
};

/* Sequential ramps for the choropleths (ColorBrewer YlGnBu and YlOrRd, 5
 * classes): light to dark in one hue family, so the order reads on a
 * washed-out projector and in grey print, and safe for colour-blind eyes. */
static const GjColor indicator_more_is_better[GJ_MAP_THEME_N_INDICATOR_CLASSES] = {
  RGB (0xffffcc),
  RGB (0xa1dab4),
  RGB (0x41b6c4),
  RGB (0x2c7fb8),
  RGB (0x253494),
};

static const GjColor indicator_more_is_worse[GJ_MAP_THEME_N_INDICATOR_CLASSES] = {
  RGB (0xffffb2),
  RGB (0xfecc5c),
  RGB (0xfd8d3c),
  RGB (0xf03b20),
  RGB (0xbd0026),
};

GjColor
gj_map_theme_indicator_color (GjMapTheme theme,
                              guint      klass)
{
  const GjColor *ramp = theme == GJ_MAP_THEME_INDICATOR_PROBLEMS
                        || theme == GJ_MAP_THEME_INDICATOR_STATION_DISTANCE
                        ? indicator_more_is_worse : indicator_more_is_better;

  return ramp[MIN (klass, GJ_MAP_THEME_N_INDICATOR_CLASSES - 1)];
}

const char * const *
gj_map_theme_get_known_kinds (void)
{
  return known_kinds;
}

GjColor
gj_map_theme_other_color (void)
{
  return (GjColor) RGB (0xc0bfbc);  /* light 4 */
}

GjColor
gj_map_theme_kind_color (const char *kind)
{
  if (kind != NULL)
    for (guint i = 0; known_kinds[i] != NULL; i++)
      if (strcmp (kind, known_kinds[i]) == 0)
        return kind_colors[i];

  return gj_map_theme_other_color ();
}

guint
gj_map_theme_get_n_categories (void)
{
  return G_N_ELEMENTS (category_colors);
}

GjColor
gj_map_theme_category_color (guint index)
{
  return category_colors[index % G_N_ELEMENTS (category_colors)];
}

GjColor
gj_map_theme_coverage_color (gboolean has_station)
{
  return has_station ? (GjColor) RGB (0x57e389) : (GjColor) RGB (0xffa348);
}

guint
gj_map_theme_get_n_units_classes (void)
{
  return G_N_ELEMENTS (units_colors);
}

guint
gj_map_theme_units_class (guint n_units)
{
  if (n_units == 0)
    return 0;
  if (n_units == 1)
    return 1;
  if (n_units <= 4)
    return 2;
  if (n_units <= 9)
    return 3;
  return 4;
}

GjColor
gj_map_theme_units_color (guint klass)
{
  return units_colors[MIN (klass, G_N_ELEMENTS (units_colors) - 1)];
}

char *
gj_map_theme_dup_units_label (guint klass)
{
  switch (klass)
    {
    case 0:
      return g_strdup (_("No units"));
    case 1:
      return g_strdup (_("1 unit"));
    case 2:
      /* Translators: a range of resident units in a map legend */
      return g_strdup_printf (_("%u–%u units"), 2, 4);
    case 3:
      return g_strdup_printf (_("%u–%u units"), 5, 9);
    default:
      /* Translators: the highest class of resident units in a map legend */
      return g_strdup_printf (_("%u or more units"), 10);
    }
}

static const GjMapColors light_colors = {
  .background = RGB (0xf6f5f4),      /* light 2: the window background */
  .district_fill = RGB (0xffffff),
  .district_line = RGBA (0x9141ac, 0.8),
  .street_line = RGBA (0x77767b, 0.9),
  .label = RGB (0x3d3846),
  .label_halo = RGBA (0xffffff, 0.9),
  .grid_line = RGBA (0x3d3846, 0.55),
  .station = RGB (0xe01b24),         /* red 3: the party colour */
  .station_ring = RGB (0xffffff),
  .accent = RGB (0x1c71d8),
  .context_fill = RGBA (0xdeddda, 0.5),  /* light 3 */
};

static const GjMapColors dark_colors = {
  .background = RGB (0x242424),
  .district_fill = RGB (0x303030),
  .district_line = RGBA (0xdc8add, 0.8),
  .street_line = RGBA (0x9a9996, 0.9),
  .label = RGB (0xdeddda),
  .label_halo = RGBA (0x242424, 0.9),
  .grid_line = RGBA (0x000000, 0.6),
  .station = RGB (0xff7b63),
  .station_ring = RGB (0x242424),
  .accent = RGB (0x78aeed),
  .context_fill = RGBA (0x5e5c64, 0.5),  /* dark 2 */
};

const GjMapColors *
gj_map_theme_get_colors (gboolean dark)
{
  return dark ? &dark_colors : &light_colors;
}

void
gj_map_legend_entry_free (GjMapLegendEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->label);
  g_free (entry);
}

static void
add_entry (GPtrArray        *legend,
           GjColor           color,
           GjMapLegendShape  shape,
           const char       *label)
{
  GjMapLegendEntry *entry = g_new0 (GjMapLegendEntry, 1);

  entry->color = color;
  entry->shape = shape;
  entry->label = g_strdup (label);
  g_ptr_array_add (legend, entry);
}

GPtrArray *
gj_map_theme_dup_legend (GjMapTheme          theme,
                         gboolean            dark,
                         const char * const *street_names)
{
  GPtrArray *legend = g_ptr_array_new_with_free_func ((GDestroyNotify) gj_map_legend_entry_free);

  switch (theme)
    {
    case GJ_MAP_THEME_KIND:
      for (guint i = 0; known_kinds[i] != NULL; i++)
        add_entry (legend, kind_colors[i], GJ_MAP_LEGEND_AREA, known_kinds[i]);
      add_entry (legend, gj_map_theme_other_color (), GJ_MAP_LEGEND_AREA, _("Other kinds"));
      break;
    case GJ_MAP_THEME_STREET:
      for (guint i = 0; street_names != NULL && street_names[i] != NULL; i++)
        add_entry (legend, gj_map_theme_category_color (i), GJ_MAP_LEGEND_AREA, street_names[i]);
      add_entry (legend, gj_map_theme_other_color (), GJ_MAP_LEGEND_AREA, _("No street"));
      break;
    case GJ_MAP_THEME_COVERAGE:
      add_entry (legend, gj_map_theme_coverage_color (TRUE), GJ_MAP_LEGEND_AREA, _("With a service station"));
      add_entry (legend, gj_map_theme_coverage_color (FALSE), GJ_MAP_LEGEND_AREA, _("Without a service station"));
      break;
    case GJ_MAP_THEME_INDICATOR_UNITS:
    case GJ_MAP_THEME_INDICATOR_AGREEMENTS:
    case GJ_MAP_THEME_INDICATOR_PROBLEMS:
    case GJ_MAP_THEME_INDICATOR_STATION_DISTANCE:
      /* Without the figures, no classes to show. */
      g_ptr_array_unref (legend);
      return gj_map_theme_dup_indicator_legend (theme, dark, NULL, 0, TRUE);
    case GJ_MAP_THEME_UNITS:
      for (guint i = 0; i < G_N_ELEMENTS (units_colors); i++)
        {
          g_autofree char *label = gj_map_theme_dup_units_label (i);

          add_entry (legend, units_colors[i], GJ_MAP_LEGEND_AREA, label);
        }
      break;
    default:
      g_assert_not_reached ();
    }

  add_entry (legend, gj_map_theme_get_colors (dark)->station, GJ_MAP_LEGEND_POINT, _("Service station"));
  return legend;
}

static char *
format_bound (GjMapTheme theme,
              double     value)
{
  if (theme != GJ_MAP_THEME_INDICATOR_STATION_DISTANCE)
    return g_strdup_printf ("%.0f", value);
  if (value >= 1000)
    /* Translators: a distance in a map legend */
    return g_strdup_printf (_("%.1f km"), value / 1000);
  /* Translators: a distance in a map legend */
  return g_strdup_printf (_("%.0f m"), value);
}

GPtrArray *
gj_map_theme_dup_indicator_legend (GjMapTheme    theme,
                                   gboolean      dark,
                                   const double *breaks,
                                   guint         n_classes,
                                   gboolean      with_missing)
{
  GPtrArray *legend = g_ptr_array_new_with_free_func ((GDestroyNotify) gj_map_legend_entry_free);
  gboolean counts = theme != GJ_MAP_THEME_INDICATOR_STATION_DISTANCE;

  g_return_val_if_fail (gj_map_theme_is_indicator (theme), legend);
  g_return_val_if_fail (n_classes == 0 || breaks != NULL, legend);

  for (guint k = 0; k < MIN (n_classes, GJ_MAP_THEME_N_INDICATOR_CLASSES); k++)
    {
      /* Class k holds (breaks[k], breaks[k + 1]], the first one its lower
       * bound too; counts are whole, so (2, 5] reads "3–5". */
      double low = breaks[k], high = breaks[k + 1];
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *label = NULL;

      if (k > 0 && high <= low)
        continue;   /* empty: fewer distinct values than classes */
      if (counts)
        {
          low = k == 0 ? ceil (low) : floor (low) + 1;
          high = floor (high);
          if (high < low)
            continue;
        }
      from = format_bound (theme, low);
      to = format_bound (theme, high);
      if (g_strcmp0 (from, to) == 0)
        label = g_strdup (from);
      else
        /* Translators: a class of values in a map legend, "3–5" */
        label = g_strdup_printf (_("%s–%s"), from, to);
      add_entry (legend, gj_map_theme_indicator_color (theme, k), GJ_MAP_LEGEND_AREA, label);
    }
  if (with_missing || n_classes == 0)
    add_entry (legend, gj_map_theme_other_color (), GJ_MAP_LEGEND_AREA, _("No data"));

  add_entry (legend, gj_map_theme_get_colors (dark)->station, GJ_MAP_LEGEND_POINT, _("Service station"));
  return legend;
}
