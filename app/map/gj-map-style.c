/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gj-geometry.h"
#include "gj-map-private.h"
#include "gj-map-style.h"

G_DEFINE_ENUM_TYPE (GjMapTheme, gj_map_theme,
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_KIND, "kind"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_STREET, "street"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_COVERAGE, "coverage"),
  G_DEFINE_ENUM_VALUE (GJ_MAP_THEME_UNITS, "units"))

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, 1.f }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, (a) }

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
static const GdkRGBA kind_colors[] = {
  RGB (0x57e389),  /* green 2: residential */
  RGB (0xf8e45c),  /* yellow 2: old residential */
  RGB (0xffa348),  /* orange 2: urban village */
  RGB (0xf66151),  /* red 1: commercial */
  RGB (0x62a0ea),  /* blue 2: compound of a work unit */
  RGB (0xc061cb),  /* purple 2: dedicated grid */
  RGB (0xcdab8f),  /* brown 1: mixed */
};

static const GdkRGBA category_colors[] = {
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

static const GdkRGBA units_colors[] = {
  RGB (0xdeddda),  /* light 3: none */
  RGB (0x99c1f1),  /* blue 1 */
  RGB (0x62a0ea),  /* blue 2 */
  RGB (0x3584e4),  /* blue 3 */
  RGB (0x1a5fb4),  /* blue 5 */
};

const char * const *
gj_map_style_get_known_kinds (void)
{
  return known_kinds;
}

GdkRGBA
gj_map_style_other_color (void)
{
  return (GdkRGBA) RGB (0xc0bfbc);  /* light 4 */
}

GdkRGBA
gj_map_style_kind_color (const char *kind)
{
  if (kind != NULL)
    for (guint i = 0; known_kinds[i] != NULL; i++)
      if (strcmp (kind, known_kinds[i]) == 0)
        return kind_colors[i];

  return gj_map_style_other_color ();
}

guint
gj_map_style_get_n_categories (void)
{
  return G_N_ELEMENTS (category_colors);
}

GdkRGBA
gj_map_style_category_color (guint index)
{
  return category_colors[index % G_N_ELEMENTS (category_colors)];
}

GdkRGBA
gj_map_style_coverage_color (gboolean has_station)
{
  return has_station ? (GdkRGBA) RGB (0x57e389) : (GdkRGBA) RGB (0xffa348);
}

guint
gj_map_style_get_n_units_classes (void)
{
  return G_N_ELEMENTS (units_colors);
}

guint
gj_map_style_units_class (guint n_units)
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

GdkRGBA
gj_map_style_units_color (guint klass)
{
  return units_colors[MIN (klass, G_N_ELEMENTS (units_colors) - 1)];
}

char *
gj_map_style_dup_units_label (guint klass)
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
};

const GjMapColors *
gj_map_style_get_colors (gboolean dark)
{
  return dark ? &dark_colors : &light_colors;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

gboolean
gj_map_label_point (GjGeometry *geometry,
                    double     *lon,
                    double     *lat)
{
  g_autoptr(GArray) crossings = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_polygons, best = 0, first_ring, n_rings;
  double best_area = -1, y, best_width = -1;
  GjBBox box;

  g_assert (geometry != NULL);

  n_polygons = gj_geometry_get_n_polygons (geometry);
  if (n_polygons == 0)
    return FALSE;

  for (guint p = 0; p < n_polygons; p++)
    {
      double area;

      gj_geometry_get_polygon (geometry, p, &first_ring, &n_rings);
      if (n_rings == 0)
        continue;
      area = fabs (gj_geometry_ring_signed_area (geometry, first_ring));
      if (area > best_area)
        {
          best_area = area;
          best = p;
        }
    }

  gj_geometry_get_polygon (geometry, best, &first_ring, &n_rings);
  if (n_rings == 0)
    return FALSE;

  /* The exterior ring's box, not the geometry's: the label belongs to the
   * largest part. */
  {
    guint n;
    const double *pts = gj_geometry_get_ring (geometry, first_ring, &n);

    if (n == 0)
      return FALSE;
    box.min_x = box.max_x = pts[0];
    box.min_y = box.max_y = pts[1];
    for (guint i = 1; i < n; i++)
      {
        box.min_x = MIN (box.min_x, pts[2 * i]);
        box.max_x = MAX (box.max_x, pts[2 * i]);
        box.min_y = MIN (box.min_y, pts[2 * i + 1]);
        box.max_y = MAX (box.max_y, pts[2 * i + 1]);
      }
  }

  *lon = (box.min_x + box.max_x) / 2;
  *lat = y = (box.min_y + box.max_y) / 2;

  for (guint r = first_ring; r < first_ring + n_rings; r++)
    {
      guint n;
      const double *pts = gj_geometry_get_ring (geometry, r, &n);

      for (guint i = 0; i + 1 < n; i++)
        {
          double y0 = pts[2 * i + 1], y1 = pts[2 * i + 3];

          if ((y0 <= y) != (y1 <= y))
            {
              double x0 = pts[2 * i], x1 = pts[2 * i + 2];
              double x = x0 + (y - y0) / (y1 - y0) * (x1 - x0);

              g_array_append_val (crossings, x);
            }
        }
    }

  g_array_sort (crossings, compare_doubles);
  for (guint i = 0; i + 1 < crossings->len; i += 2)
    {
      double a = g_array_index (crossings, double, i);
      double b = g_array_index (crossings, double, i + 1);

      if (b - a > best_width)
        {
          best_width = b - a;
          *lon = (a + b) / 2;
        }
    }

  return TRUE;
}
