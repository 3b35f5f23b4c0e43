/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Coordinates from Chinese web maps. Gaode/AMap, Tencent and Google China
 * publish GCJ-02 ("Mars coordinates", an obfuscated shift of WGS-84 by up
 * to ~700 m); Baidu publishes BD-09 (a further shift of GCJ-02). The store
 * keeps WGS-84 (CGCS2000 differs from it by centimetres). The conversion
 * back is approximate — to about a metre — because GCJ-02 is defined only
 * in the forward direction; it is inverted here by iteration.
 */
typedef enum
{
  GJ_CRS_WGS84,   /* also CGCS2000 */
  GJ_CRS_GCJ02,
  GJ_CRS_BD09,
} GjCrs;

/* "wgs84", "cgcs2000", "gcj02", "bd09" (case-insensitive, '-' ignored). */
gboolean gj_crs_from_string   (const char *name,
                               GjCrs      *crs);
const char *gj_crs_to_string  (GjCrs       crs);

void     gj_coords_wgs84_to_gcj02 (double  lon,
                                   double  lat,
                                   double *out_lon,
                                   double *out_lat);
void     gj_coords_gcj02_to_bd09  (double  lon,
                                   double  lat,
                                   double *out_lon,
                                   double *out_lat);
/* Any of the three to WGS-84; outside China nothing is shifted. */
void     gj_coords_to_wgs84       (GjCrs   crs,
                                   double  lon,
                                   double  lat,
                                   double *out_lon,
                                   double *out_lat);

G_END_DECLS
