/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-map-draw.h"
#include "gj-map-private.h"

void
gj_map_draw_geometry_path (cairo_t              *cr,
                           const GjMapTransform *transform,
                           GjGeometry           *geometry)
{
  double ox = (double) transform->x * GJ_TILE_SIZE;
  double oy = (double) transform->y * GJ_TILE_SIZE;
  guint n_rings = gj_geometry_get_n_rings (geometry);

  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const double *pts = gj_geometry_get_ring (geometry, r, &n);
      double last_x = G_MAXDOUBLE, last_y = G_MAXDOUBLE;

      if (n < 2)
        continue;
      for (guint i = 0; i < n; i++)
        {
          double px = gj_map_lon_to_x (pts[2 * i], transform->zoom) - ox;
          double py = gj_map_lat_to_y (pts[2 * i + 1], transform->zoom) - oy;

          /* Vertices closer than a tenth of a pixel add nothing but time. */
          if (i > 0 && i + 1 < n && fabs (px - last_x) < 0.1 && fabs (py - last_y) < 0.1)
            continue;
          if (i == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
          last_x = px;
          last_y = py;
        }
      cairo_close_path (cr);
    }
}

static void
set_text (PangoLayout *layout,
          const char  *text,
          const char  *font)
{
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
}

double
gj_map_measure_text (PangoLayout *layout,
                     const char  *text,
                     const char  *font)
{
  int width;

  set_text (layout, text, font);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

double
gj_map_draw_label (cairo_t              *cr,
                   PangoLayout          *layout,
                   const GjMapTransform *transform,
                   double                lon,
                   double                lat,
                   const char           *text,
                   const char           *font,
                   const GdkRGBA        *color,
                   const GdkRGBA        *halo,
                   double                dy)
{
  double cx = gj_map_lon_to_x (lon, transform->zoom) - (double) transform->x * GJ_TILE_SIZE;
  double cy = gj_map_lat_to_y (lat, transform->zoom) - (double) transform->y * GJ_TILE_SIZE + dy;
  double left, top;
  int width, height;

  set_text (layout, text, font);
  pango_layout_get_pixel_size (layout, &width, &height);

  /* Whole pixels, so both tiles that share a label draw it identically. */
  left = round (cx - width / 2.0);
  top = round (cy - height / 2.0);
  if (left > GJ_TILE_SIZE + 2 || top > GJ_TILE_SIZE + 2 || left + width < -2 || top + height < -2)
    return width;

  cairo_save (cr);
  cairo_move_to (cr, left, top);
  pango_cairo_layout_path (cr, layout);
  gdk_cairo_set_source_rgba (cr, halo);
  cairo_set_line_width (cr, 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, left, top);
  gdk_cairo_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  return width;
}
