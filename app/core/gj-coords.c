/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gj-coords.h"

/* The constants of the published GCJ-02 algorithm (Krasovsky 1940). */
#define GCJ_A  6378245.0
#define GCJ_EE 0.00669342162296594323
#define BD_PI  (M_PI * 3000.0 / 180.0)

gboolean
gj_crs_from_string (const char *name,
                    GjCrs      *crs)
{
  g_autofree char *lower = NULL;
  GString *clean;

  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);
  clean = g_string_new (NULL);
  for (const char *p = lower; *p; p++)
    if (*p != '-' && *p != '_' && *p != ' ')
      g_string_append_c (clean, *p);

  if (strcmp (clean->str, "wgs84") == 0 || strcmp (clean->str, "cgcs2000") == 0 ||
      strcmp (clean->str, "epsg4326") == 0 || strcmp (clean->str, "epsg4490") == 0)
    *crs = GJ_CRS_WGS84;
  else if (strcmp (clean->str, "gcj02") == 0)
    *crs = GJ_CRS_GCJ02;
  else if (strcmp (clean->str, "bd09") == 0)
    *crs = GJ_CRS_BD09;
  else
    {
      g_string_free (clean, TRUE);
      return FALSE;
    }
  g_string_free (clean, TRUE);
  return TRUE;
}

const char *
gj_crs_to_string (GjCrs crs)
{
  switch (crs)
    {
    case GJ_CRS_GCJ02: return "gcj02";
    case GJ_CRS_BD09: return "bd09";
    case GJ_CRS_WGS84:
    default: return "wgs84";
    }
}

static gboolean
outside_china (double lon,
               double lat)
{
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

static double
transform_lat (double x,
               double y)
{
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * M_PI) + 20.0 * sin (2.0 * x * M_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (y * M_PI) + 40.0 * sin (y / 3.0 * M_PI)) * 2.0 / 3.0;
  r += (160.0 * sin (y / 12.0 * M_PI) + 320 * sin (y * M_PI / 30.0)) * 2.0 / 3.0;
  return r;
}

static double
transform_lon (double x,
               double y)
{
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * M_PI) + 20.0 * sin (2.0 * x * M_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (x * M_PI) + 40.0 * sin (x / 3.0 * M_PI)) * 2.0 / 3.0;
  r += (150.0 * sin (x / 12.0 * M_PI) + 300.0 * sin (x / 30.0 * M_PI)) * 2.0 / 3.0;
  return r;
}

void
gj_coords_wgs84_to_gcj02 (double  lon,
                          double  lat,
                          double *out_lon,
                          double *out_lat)
{
  double dlat, dlon, radlat, magic, sqrtmagic;

  if (outside_china (lon, lat))
    {
      *out_lon = lon;
      *out_lat = lat;
      return;
    }
  dlat = transform_lat (lon - 105.0, lat - 35.0);
  dlon = transform_lon (lon - 105.0, lat - 35.0);
  radlat = lat / 180.0 * M_PI;
  magic = sin (radlat);
  magic = 1 - GCJ_EE * magic * magic;
  sqrtmagic = sqrt (magic);
  dlat = (dlat * 180.0) / ((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtmagic) * M_PI);
  dlon = (dlon * 180.0) / (GCJ_A / sqrtmagic * cos (radlat) * M_PI);
  *out_lat = lat + dlat;
  *out_lon = lon + dlon;
}

void
gj_coords_gcj02_to_bd09 (double  lon,
                         double  lat,
                         double *out_lon,
                         double *out_lat)
{
  double z = sqrt (lon * lon + lat * lat) + 0.00002 * sin (lat * BD_PI);
  double theta = atan2 (lat, lon) + 0.000003 * cos (lon * BD_PI);

  *out_lon = z * cos (theta) + 0.0065;
  *out_lat = z * sin (theta) + 0.006;
}

static void
bd09_to_gcj02 (double  lon,
               double  lat,
               double *out_lon,
               double *out_lat)
{
  double x = lon - 0.0065, y = lat - 0.006;
  double z = sqrt (x * x + y * y) - 0.00002 * sin (y * BD_PI);
  double theta = atan2 (y, x) - 0.000003 * cos (x * BD_PI);

  *out_lon = z * cos (theta);
  *out_lat = z * sin (theta);
}

/* Newton-free inversion: the shift varies slowly, so repeatedly
 * subtracting the forward error converges to well under a millimetre. */
static void
gcj02_to_wgs84 (double  lon,
                double  lat,
                double *out_lon,
                double *out_lat)
{
  double x = lon, y = lat;

  for (int i = 0; i < 30; i++)
    {
      double fx, fy;

      gj_coords_wgs84_to_gcj02 (x, y, &fx, &fy);
      if (fabs (fx - lon) < 1e-10 && fabs (fy - lat) < 1e-10)
        break;
      x -= fx - lon;
      y -= fy - lat;
    }
  *out_lon = x;
  *out_lat = y;
}

void
gj_coords_to_wgs84 (GjCrs   crs,
                    double  lon,
                    double  lat,
                    double *out_lon,
                    double *out_lat)
{
  double gx, gy;

  switch (crs)
    {
    case GJ_CRS_GCJ02:
      gcj02_to_wgs84 (lon, lat, out_lon, out_lat);
      return;
    case GJ_CRS_BD09:
      /* The closed-form inverse is off by centimetres; refine it. */
      bd09_to_gcj02 (lon, lat, &gx, &gy);
      for (int i = 0; i < 10; i++)
        {
          double fx, fy;

          gj_coords_gcj02_to_bd09 (gx, gy, &fx, &fy);
          if (fabs (fx - lon) < 1e-11 && fabs (fy - lat) < 1e-11)
            break;
          gx -= fx - lon;
          gy -= fy - lat;
        }
      gcj02_to_wgs84 (gx, gy, out_lon, out_lat);
      return;
    case GJ_CRS_WGS84:
    default:
      *out_lon = lon;
      *out_lat = lat;
      return;
    }
}
