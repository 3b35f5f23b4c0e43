/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gj-coords.h"
#include "gj-geometry.h"

static GjGeometry *
square (double x0,
        double y0,
        double size,
        gboolean with_hole)
{
  GjGeometry *g = gj_geometry_new (GJ_GEOMETRY_POLYGON);

  gj_geometry_begin_polygon (g);
  gj_geometry_begin_ring (g);
  gj_geometry_add_point (g, x0, y0);
  gj_geometry_add_point (g, x0 + size, y0);
  gj_geometry_add_point (g, x0 + size, y0 + size);
  gj_geometry_add_point (g, x0, y0 + size);
  gj_geometry_add_point (g, x0, y0);
  if (with_hole)
    {
      double q = size / 4;

      gj_geometry_begin_ring (g);
      gj_geometry_add_point (g, x0 + q, y0 + q);
      gj_geometry_add_point (g, x0 + q, y0 + 3 * q);
      gj_geometry_add_point (g, x0 + 3 * q, y0 + 3 * q);
      gj_geometry_add_point (g, x0 + 3 * q, y0 + q);
      gj_geometry_add_point (g, x0 + q, y0 + q);
    }
  return g;
}

static void
test_geodesic_area (void)
{
  g_autoptr(GjGeometry) one_degree = square (0, 0, 1, FALSE);
  g_autoptr(GjGeometry) holed = square (0, 0, 1, TRUE);
  double a = gj_geometry_geodesic_area (one_degree);

  /* GeographicLib's Planimeter on WGS-84: the 1°×1° cell at the equator. */
  g_assert_cmpfloat_with_epsilon (a, 12308778361.469, 1.0);
  /* The hole is a quarter of the square (to within the curvature). */
  g_assert_cmpfloat_with_epsilon (gj_geometry_geodesic_area (holed) / a, 0.75, 0.001);
}

static void
test_contains (void)
{
  g_autoptr(GjGeometry) g = square (112.0, 34.0, 0.04, TRUE);

  g_assert_true (gj_geometry_contains_point (g, 112.005, 34.005));
  g_assert_false (gj_geometry_contains_point (g, 112.02, 34.02));  /* in the hole */
  g_assert_false (gj_geometry_contains_point (g, 113.0, 34.02));
}

static void
test_bytes_round_trip (void)
{
  g_autoptr(GjGeometry) g = gj_geometry_new (GJ_GEOMETRY_MULTI_POLYGON);
  g_autoptr(GjGeometry) h = square (1, 2, 3, TRUE);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GjGeometry) back = NULL;
  GjBBox box;

  gj_geometry_begin_polygon (g);
  gj_geometry_begin_ring (g);
  gj_geometry_add_point (g, 0, 0);
  gj_geometry_add_point (g, 1, 0);
  gj_geometry_add_point (g, 0, 1);
  gj_geometry_add_point (g, 0, 0);
  gj_geometry_begin_polygon (g);
  gj_geometry_begin_ring (g);
  gj_geometry_add_point (g, 5, 5);
  gj_geometry_add_point (g, 6, 5);
  gj_geometry_add_point (g, 5, 6);
  gj_geometry_add_point (g, 5, 5);

  bytes = gj_geometry_to_bytes (g);
  back = gj_geometry_new_from_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (back);
  g_assert_true (gj_geometry_equal (g, back));
  g_assert_false (gj_geometry_equal (g, h));
  g_assert_cmpuint (gj_geometry_get_n_polygons (back), ==, 2);
  box = gj_geometry_get_bbox (back);
  g_assert_cmpfloat (box.min_x, ==, 0);
  g_assert_cmpfloat (box.max_y, ==, 6);

  /* Damaged blobs are refused, not read past their end. */
  g_assert_null (gj_geometry_new_from_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) - 1));
  g_assert_null (gj_geometry_new_from_bytes ("GJG1", 4));
  g_assert_null (gj_geometry_new_from_bytes ("nonsense-nonsense-nonsense", 26));
}

static void
test_check_basic (void)
{
  g_autoptr(GjGeometry) ok = square (112, 34, 0.01, TRUE);
  g_autoptr(GjGeometry) open = gj_geometry_new (GJ_GEOMETRY_POLYGON);
  g_autoptr(GjGeometry) short_ring = gj_geometry_new (GJ_GEOMETRY_POLYGON);
  g_autoptr(GjGeometry) far = square (200, 34, 1, FALSE);
  g_autofree char *reason1 = NULL;
  g_autofree char *reason2 = NULL;
  g_autofree char *reason3 = NULL;

  g_assert_true (gj_geometry_check_basic (ok, NULL));

  gj_geometry_begin_polygon (open);
  gj_geometry_begin_ring (open);
  gj_geometry_add_point (open, 0, 0);
  gj_geometry_add_point (open, 1, 0);
  gj_geometry_add_point (open, 1, 1);
  gj_geometry_add_point (open, 0, 1);
  g_assert_false (gj_geometry_check_basic (open, &reason1));
  g_assert_nonnull (strstr (reason1, "not closed"));

  gj_geometry_begin_polygon (short_ring);
  gj_geometry_begin_ring (short_ring);
  gj_geometry_add_point (short_ring, 0, 0);
  gj_geometry_add_point (short_ring, 1, 0);
  gj_geometry_add_point (short_ring, 0, 0);
  g_assert_false (gj_geometry_check_basic (short_ring, &reason2));
  g_assert_nonnull (strstr (reason2, "at least 4"));

  g_assert_false (gj_geometry_check_basic (far, &reason3));
  g_assert_nonnull (strstr (reason3, "WGS-84"));
}

static void
test_orientation (void)
{
  g_autoptr(GjGeometry) g = square (0, 0, 1, TRUE);

  g_assert_cmpfloat (gj_geometry_ring_signed_area (g, 0), >, 0);  /* counter-clockwise */
  g_assert_cmpfloat (gj_geometry_ring_signed_area (g, 1), <, 0);  /* clockwise hole */
}

static void
test_coords (void)
{
  double lon, lat, g_lon, g_lat, b_lon, b_lat;
  GjCrs crs;

  /* The 涧西区 seat as AMap gives it (GCJ-02) and in WGS-84 (gen-synthetic.py). */
  gj_coords_to_wgs84 (GJ_CRS_GCJ02, 112.395756, 34.658033, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 112.38943397164316, 1e-6);
  g_assert_cmpfloat_with_epsilon (lat, 34.65896987780225, 1e-6);

  /* WGS-84 → GCJ-02 → BD-09 and back lands within a centimetre. */
  gj_coords_wgs84_to_gcj02 (116.397428, 39.90923, &g_lon, &g_lat);
  g_assert_cmpfloat (fabs (g_lon - 116.397428) + fabs (g_lat - 39.90923), >, 0.001);  /* it does shift */
  gj_coords_gcj02_to_bd09 (g_lon, g_lat, &b_lon, &b_lat);
  gj_coords_to_wgs84 (GJ_CRS_BD09, b_lon, b_lat, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 116.397428, 1e-7);
  g_assert_cmpfloat_with_epsilon (lat, 39.90923, 1e-7);

  /* Outside China nothing moves. */
  gj_coords_to_wgs84 (GJ_CRS_GCJ02, 2.35, 48.85, &lon, &lat);
  g_assert_cmpfloat (lon, ==, 2.35);
  g_assert_cmpfloat (lat, ==, 48.85);

  g_assert_true (gj_crs_from_string ("GCJ-02", &crs) && crs == GJ_CRS_GCJ02);
  g_assert_true (gj_crs_from_string ("bd09", &crs) && crs == GJ_CRS_BD09);
  g_assert_true (gj_crs_from_string ("CGCS2000", &crs) && crs == GJ_CRS_WGS84);
  g_assert_false (gj_crs_from_string ("EPSG:3857", &crs));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/geometry/geodesic-area", test_geodesic_area);
  g_test_add_func ("/geometry/contains", test_contains);
  g_test_add_func ("/geometry/bytes", test_bytes_round_trip);
  g_test_add_func ("/geometry/check-basic", test_check_basic);
  g_test_add_func ("/geometry/orientation", test_orientation);
  g_test_add_func ("/geometry/coords", test_coords);
  return g_test_run ();
}
