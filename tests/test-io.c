/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gj-geometry.h"
#include "gj-io.h"
#include "gj-sample.h"
#include "gj-store.h"

typedef struct
{
  char    *dir;
  GjStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gj-test-io-XXXXXX", &error);
  path = g_build_filename (f->dir, "district.db", NULL);
  f->store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

/* Everything an import could touch, summed up. */
static char *
fingerprint (GjStore *store)
{
  g_autoptr(JsonNode) stats = gj_store_dup_stats (store, NULL);
  g_autoptr(GListModel) changes = gj_store_list_changes (store, 0, NULL);
  g_autofree char *json = json_to_string (stats, FALSE);

  return g_strdup_printf ("%s/%u", json, g_list_model_get_n_items (changes));
}

static gboolean
import (Fixture     *f,
        const char  *path,
        const char  *kind,
        GError     **error)
{
  return gj_import_file (f->store, path, kind, NULL, FALSE, NULL, NULL, NULL, NULL, error);
}

#define GRID(id, extra) \
  "{\"type\":\"Feature\",\"id\":\"" id "\",\"properties\":{\"grid_id\":\"" id "\",\"name\":\"天四社区第4网格\"," \
  "\"street_code\":\"410305001\",\"street\":\"湖北路街道\",\"community\":\"天四社区\",\"households\":244,\"colour\":\"红\"" extra "}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[112.40,34.60],[112.403,34.60],[112.403,34.603],[112.40,34.603],[112.40,34.60]]]}}"

static void
test_geojson_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *in = write_file (f, "grids.geojson",
                                    "{\"type\":\"FeatureCollection\",\"features\":[" GRID ("G-1", "") "," GRID ("G-2", ",\"remark\":null") "]}", -1);
  g_autofree char *out = g_build_filename (f->dir, "out.geojson", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GjImportResult) result = NULL;
  JsonArray *features;
  JsonObject *props;
  guint n = 0;

  g_assert_true (gj_import_file (f->store, in, NULL, NULL, FALSE, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result->kind, ==, "grids");
  g_assert_cmpuint (result->inserted, ==, 2);

  /* Importing the same file again updates, it does not duplicate. */
  g_clear_pointer (&result, gj_import_result_free);
  g_assert_true (gj_import_file (f->store, in, "grids", NULL, FALSE, NULL, NULL, NULL, &result, &error));
  g_assert_cmpuint (result->inserted, ==, 0);
  g_assert_cmpuint (result->updated, ==, 2);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_GRID, NULL), ==, 2);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_STREET, NULL), ==, 1);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_COMMUNITY, NULL), ==, 1);

  g_assert_true (gj_export_file (f->store, out, "grids", NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (json_parser_load_from_file (parser, out, &error));
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 2);
  props = json_object_get_object_member (json_array_get_object_element (features, 0), "properties");
  g_assert_cmpstr (json_object_get_string_member (props, "grid_id"), ==, "G-1");
  g_assert_cmpstr (json_object_get_string_member (props, "street"), ==, "湖北路街道");
  g_assert_cmpstr (json_object_get_string_member (props, "street_code"), ==, "410305001");
  g_assert_cmpint (json_object_get_int_member (props, "households"), ==, 244);
  /* A property we have no field for comes back as it was. */
  g_assert_cmpstr (json_object_get_string_member (props, "colour"), ==, "红");
  g_assert_cmpfloat (json_object_get_double_member (props, "geodesic_area_m2"), >, 90000);
}

static void
assert_import_fails (Fixture    *f,
                     const char *name,
                     const char *contents,
                     gssize      len,
                     const char *kind,
                     const char *expect1,
                     const char *expect2)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, name, contents, len);
  g_autofree char *before = fingerprint (f->store);
  g_autofree char *after = NULL;

  g_assert_false (import (f, path, kind, &error));
  g_assert_nonnull (error);
  g_test_message ("%s → %s", name, error->message);
  /* The message names the file and the place. */
  g_assert_nonnull (strstr (error->message, name));
  if (expect1)
    g_assert_nonnull (strstr (error->message, expect1));
  if (expect2)
    g_assert_nonnull (strstr (error->message, expect2));
  after = fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_geojson_bad_input (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *deep = NULL;

  /* Something to lose, first. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *ok = write_file (f, "ok.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" GRID ("K-1", "") "]}", -1);
    g_assert_true (import (f, ok, NULL, &error));
  }

  assert_import_fails (f, "truncated.geojson",
                       "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[112.3,34.6],[112.31,34.6]",
                       -1, NULL, "not valid JSON", NULL);
  assert_import_fails (f, "null-geometry.geojson",
                       "{\"type\":\"FeatureCollection\",\"features\":[" GRID ("N-1", "") ",{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"N-2\"},\"geometry\":null}]}",
                       -1, "grids", "feature 2", "null");
  assert_import_fails (f, "wrong-type.geojson",
                       "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[112,34],[113,35]]}}]}",
                       -1, "grids", "feature 1", "LineString");
  assert_import_fails (f, "open-ring.geojson",
                       "{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"O\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[112.4,34.6],[112.5,34.6],[112.5,34.7],[112.4,34.7]]]}}",
                       -1, NULL, "feature 1", "not closed");
  assert_import_fails (f, "out-of-range.geojson",
                       "{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"R\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[212.4,34.6],[212.5,34.6],[212.5,34.7],[212.4,34.6]]]}}",
                       -1, NULL, "feature 1", "WGS-84");
  assert_import_fails (f, "bad-number.geojson",
                       "{\"type\":\"FeatureCollection\",\"features\":[" GRID ("H-1", ",\"population\":\"很多\"") "]}",
                       -1, NULL, "population", "很多");
  assert_import_fails (f, "latin1.geojson", "{\"type\":\"Feature\",\"properties\":{\"name\":\"caf\xe9\"},\"geometry\":null}",
                       -1, NULL, "UTF-8", NULL);
  assert_import_fails (f, "array.geojson", "[1, 2, 3]", -1, NULL, "not an object", NULL);

  /* Nesting deep enough to overflow a recursive parser's stack. */
  deep = g_strnfill (200000, '[');
  assert_import_fails (f, "deep.geojson", deep, -1, NULL, "nested", NULL);
}

static void
test_geojson_3d_and_multipolygon (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "multi.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"M\"},"
    "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
    "[[[112.0,34.0,10],[112.01,34.0,10],[112.01,34.01,10],[112.0,34.0,10]]],"
    "[[[112.1,34.1],[112.14,34.1],[112.14,34.14],[112.1,34.14],[112.1,34.1]],[[112.11,34.11],[112.11,34.12],[112.12,34.12],[112.11,34.11]]]]}}]}", -1);
  g_autoptr(GjRecord) grid = NULL;
  GjGeometry *g;

  g_assert_true (import (f, path, NULL, &error));
  g_assert_no_error (error);
  grid = gj_store_find_by_code (f->store, GJ_TYPE_GRID, "M", &error);
  g = gj_record_get_geometry (grid, "geometry");
  g_assert_cmpuint (gj_geometry_get_n_polygons (g), ==, 2);
  g_assert_cmpuint (gj_geometry_get_n_rings (g), ==, 3);
  g_assert_true (gj_geometry_contains_point (g, 112.13, 34.13));
  g_assert_false (gj_geometry_contains_point (g, 112.115, 34.118));  /* the hole */
}

/* Enough grids that helper threads read shapes ahead of the import: a
 * faulty one is still reported in its turn, the rest land whole. */
static char *
many_grids (guint n,
            guint open_ring,
            guint bad_number)
{
  GString *json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint i = 1; i <= n; i++)
    {
      double x = 112.3 + 0.002 * (i % 20), y = 34.6 + 0.002 * (i / 20);
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
      char c[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (a, sizeof a, x);
      g_ascii_dtostr (b, sizeof b, y);
      g_ascii_dtostr (c, sizeof c, x + 0.002);
      g_ascii_dtostr (d, sizeof d, y + 0.002);
      g_string_append_printf (json,
                              "%s{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"T-%u\",\"name\":\"第%u网格\","
                              "\"population\":%s},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                              "[[[%s,%s],[%s,%s],[%s,%s],[%s,%s]%s%s%s%s%s]]}}",
                              i > 1 ? "," : "", i, i, i == bad_number ? "\"很多\"" : "100",
                              a, b, c, b, c, d, a, d,
                              i == open_ring ? "" : ",[", i == open_ring ? "" : a, i == open_ring ? "" : ",",
                              i == open_ring ? "" : b, i == open_ring ? "" : "]");
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
test_geojson_many_grids (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = many_grids (400, 371, 372);
  g_autofree char *good = many_grids (400, 0, 0);
  g_autofree char *path = write_file (f, "many.geojson", good, -1);
  g_autoptr(GjImportResult) result = NULL;
  g_autoptr(GjRecord) last = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GjGeometry) again = NULL;
  GjGeometry *shape;
  guint n;

  assert_import_fails (f, "many-bad.geojson", bad, -1, NULL, "feature 371", "not closed");

  g_assert_true (gj_import_file (f->store, path, NULL, NULL, FALSE, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->inserted, ==, 400);

  /* The area a helper worked out is the one the shape has. */
  last = gj_store_find_by_code (f->store, GJ_TYPE_GRID, "T-400", &error);
  g_assert_nonnull (last);
  shape = gj_record_get_geometry (last, "geometry");
  {
    g_autoptr(GBytes) bytes = gj_geometry_to_bytes (shape);

    again = gj_geometry_new_from_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  }
  g_assert_cmpfloat (gj_record_get_real (last, "area"), >, 40000);
  g_assert_cmpfloat (gj_record_get_real (last, "area"), ==, gj_geometry_geodesic_area (again));

  /* Searchable and findable on the map as soon as the import is done. */
  found = gj_store_search (f->store, GJ_TYPE_GRID, "第399网格", &error);
  n = g_list_model_get_n_items (found);
  g_assert_cmpuint (n, ==, 1);
  {
    g_autoptr(GjGrid) at = gj_store_find_grid_at (f->store, 112.3 + 0.002 * (399 % 20) + 0.001,
                                                  34.6 + 0.002 * (399 / 20) + 0.001, &error);

    g_assert_nonnull (at);
    g_assert_cmpstr (gj_record_get_text (GJ_RECORD (at), "code"), ==, "T-399");
  }
}

static void
test_stations_find_their_grid (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *grids = write_file (f, "g.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" GRID ("G-1", "") "]}", -1);
  g_autofree char *stations = write_file (f, "s.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"station_id\":\"ST1\",\"name\":\"党群服务站\",\"services\":[\"法律援助\",\"四点半课堂\"]},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[112.401,34.601]}}]}", -1);
  g_autoptr(GjRecord) station = NULL;

  g_assert_true (import (f, grids, NULL, &error));
  g_assert_true (import (f, stations, NULL, &error));
  g_assert_no_error (error);
  station = gj_store_find_by_code (f->store, GJ_TYPE_STATION, "ST1", &error);
  g_assert_cmpstr (gj_record_get_text (station, "grid_code"), ==, "G-1");
  g_assert_cmpstr (gj_record_get_text (station, "services"), ==, "[\"法律援助\",\"四点半课堂\"]");
}

#define UNITS_HEADER "unit_id,name,unit_type,credit_code,address,contact_person,contact_mobile,landline,street,community\r\n"

static void
test_csv_gb18030_title_and_quotes (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *utf8 =
    "涧西区驻区单位名单,,,,,,,,,\r\n"
    UNITS_HEADER
    "U001,洛阳伊滨环保科技有限公司,民营企业,91410305YPCBT5T584,\"河南省洛阳市涧西区\r\n瀛洲路260号\",曾淑桂,19979600332,0379-60912384,工农街道,尤东社区\r\n"
    "U002,\"厂前一社区\"\"七里河\"\"便利店\",个体工商户,,王城大道324号,孔东兰,018608279330,,天津路街道,厂前一社区\r\n"
    "\r\n"
    "U003,䶮䶮文化公司,民营企业,,地址,张三,13800000000,,天津路街道,厂前一社区\r\n";
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, &error);
  g_autofree char *path = NULL;
  g_autoptr(GjImportResult) result = NULL;
  g_autoptr(GjRecord) u1 = NULL;
  g_autoptr(GjRecord) u2 = NULL;
  g_autoptr(GjRecord) u3 = NULL;

  g_assert_no_error (error);
  path = write_file (f, "units-gb.csv", gb, strlen (gb));
  g_assert_true (gj_import_file (f->store, path, "units", NULL, FALSE, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result->encoding, ==, "GB18030");
  g_assert_cmpuint (result->inserted, ==, 3);

  u1 = gj_store_find_by_code (f->store, GJ_TYPE_UNIT, "U001", &error);
  g_assert_cmpstr (gj_record_get_text (u1, "address"), ==, "河南省洛阳市涧西区\r\n瀛洲路260号");
  g_assert_cmpstr (gj_record_get_text (u1, "street_name"), ==, "工农街道");
  u2 = gj_store_find_by_code (f->store, GJ_TYPE_UNIT, "U002", &error);
  g_assert_cmpstr (gj_record_get_text (u2, "name"), ==, "厂前一社区\"七里河\"便利店");
  /* Phone numbers stay text: the leading zero is kept. */
  g_assert_cmpstr (gj_record_get_text (u2, "contact_phone"), ==, "018608279330");
  /* A character only GB18030 (not GBK) carries. */
  u3 = gj_store_find_by_code (f->store, GJ_TYPE_UNIT, "U003", &error);
  g_assert_cmpstr (gj_record_get_text (u3, "name"), ==, "䶮䶮文化公司");
}

static void
test_csv_bad_input (Fixture       *f,
                    gconstpointer  data)
{
  assert_import_fails (f, "ragged.csv",
                       UNITS_HEADER "U1,甲公司,民营企业,,,,,,,\r\nU2,乙公司,民营企业,,,,,,,,多余,更多\r\n",
                       -1, "units", "line 3", "cells");
  /* The quoted newline counts: the bad row starts on line 4. */
  assert_import_fails (f, "excel.csv",
                       UNITS_HEADER "U1,甲公司,民营企业,,\"两行\n地址\",,,,,\r\nU2,乙公司,民营企业,9.14103E+17,,,,,,\r\n",
                       -1, "units", "line 4", "Excel");
  assert_import_fails (f, "unclosed.csv", UNITS_HEADER "U1,\"甲公司,民营企业\r\n", -1, "units", "never closed", NULL);
  assert_import_fails (f, "no-name.csv", "foo,bar\r\n1,2\r\n", -1, "units", "name", NULL);
  assert_import_fails (f, "number.csv", "name,staff_count\r\n甲公司,十二\r\n", -1, "units", "line 2", "staff_count");
}

static void
test_csv_export_bom_and_formulas (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *in = write_file (f, "u.csv",
                                    "\xEF\xBB\xBF" "name,landline,remark\r\n\"=HYPERLINK(\"\"x\"\")\",000123,\"a,b\"\r\n", -1);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *text = NULL;

  g_assert_true (import (f, in, "units", &error));
  g_assert_no_error (error);
  g_assert_true (gj_export_file (f->store, out, "units", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "unit_id,name,"));
  g_assert_nonnull (strstr (text, "\r\n"));
  /* The formula is neutralised, the code keeps its zeros, the comma is quoted. */
  g_assert_nonnull (strstr (text, "\"'=HYPERLINK(\"\"x\"\")\""));
  g_assert_nonnull (strstr (text, ",000123,"));
  g_assert_nonnull (strstr (text, "\"a,b\""));
}

static void
test_kml (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "grids.kml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><Folder><name>涧西区</name>\n"
    "<Placemark><name>天四社区第4网格</name><ExtendedData><Data name=\"grid_id\"><value>K-1</value></Data>"
    "<Data name=\"households\"><value>244</value></Data></ExtendedData>\n"
    "<Polygon><outerBoundaryIs><LinearRing><coordinates>112.40,34.60,0 112.403,34.60,0\n112.403,34.603,0 112.40,34.603,0 112.40,34.60,0</coordinates></LinearRing></outerBoundaryIs>"
    "<innerBoundaryIs><LinearRing><coordinates>112.401,34.601 112.401,34.602 112.402,34.602 112.401,34.601</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>\n"
    "<Placemark><name><![CDATA[党群服务站 <一>]]></name><Point><coordinates>112.4005,34.6005</coordinates></Point></Placemark>\n"
    "<Placemark><name>路</name><LineString><coordinates>112.4,34.6 112.5,34.7</coordinates></LineString></Placemark>\n"
    "</Folder></Document></kml>\n", -1);
  g_autofree char *truncated = write_file (f, "truncated.kml", "<kml><Document><Placemark><Point><coordinates>112.4,34", -1);
  g_autoptr(GjImportResult) result = NULL;
  g_autoptr(GjRecord) grid = NULL;
  g_autoptr(GjRecord) station = NULL;
  g_autoptr(GListModel) stations = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (gj_import_file (f->store, path, NULL, NULL, FALSE, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result->format, ==, "KML");
  g_assert_cmpuint (result->inserted, ==, 2);
  g_assert_cmpuint (result->skipped, ==, 1);   /* the line */
  grid = gj_store_find_by_code (f->store, GJ_TYPE_GRID, "K-1", &error);
  g_assert_nonnull (grid);
  g_assert_cmpint (gj_record_get_int (grid, "households"), ==, 244);
  g_assert_cmpuint (gj_geometry_get_n_rings (gj_record_get_geometry (grid, "geometry")), ==, 2);
  stations = gj_store_list (f->store, GJ_TYPE_STATION, &error);
  station = g_list_model_get_item (stations, 0);
  g_assert_cmpstr (gj_record_get_text (station, "name"), ==, "党群服务站 <一>");
  /* It stands in the grid, not in its hole. */
  g_assert_cmpstr (gj_record_get_text (station, "grid_code"), ==, "K-1");

  before = fingerprint (f->store);
  g_assert_false (import (f, truncated, NULL, &error));
  g_assert_nonnull (strstr (error->message, "truncated.kml"));
  g_assert_nonnull (strstr (error->message, "KML"));
  after = fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_crs_conversion (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "amap.geojson",
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"涧西区人民政府\",\"station_id\":\"GOV\"},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[112.395756,34.658033]}}", -1);
  GjImportOptions options = { NULL, NULL, "gcj02", FALSE };
  GjImportOptions bad = { NULL, NULL, "mars", FALSE };
  g_autoptr(GjImportResult) result = NULL;
  g_autoptr(GjRecord) station = NULL;

  g_assert_false (gj_import_file_full (f->store, path, &bad, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "mars"));
  g_clear_error (&error);

  g_assert_true (gj_import_file_full (f->store, path, &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  station = gj_store_find_by_code (f->store, GJ_TYPE_STATION, "GOV", &error);
  g_assert_cmpfloat_with_epsilon (gj_record_get_real (station, "lon"), 112.38943397164316, 1e-6);
  g_assert_cmpfloat_with_epsilon (gj_record_get_real (station, "lat"), 34.65896987780225, 1e-6);
}

static void
test_sample_dates_follow_today (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) agreement = NULL;
  g_autoptr(GjRecord) unit = NULL;

  /* Generated as of 2025-06-30; opened ten days later, dates move one week. */
  g_setenv ("GONGJIAN_TODAY", "2025-07-10", TRUE);
  g_assert_true (gj_sample_load (f->store, NULL, NULL, NULL, &error));
  g_unsetenv ("GONGJIAN_TODAY");
  g_assert_no_error (error);

  agreement = gj_store_find_by_code (f->store, GJ_TYPE_AGREEMENT, "JX-GJ-2021-00010", &error);
  g_assert_nonnull (agreement);
  g_assert_cmpstr (gj_record_get_text (agreement, "end_date"), ==, "2022-04-10");
  g_assert_cmpstr (gj_record_get_text (agreement, "signed_date"), ==, "2021-04-03");
  /* Linked to its unit by the unit's code. */
  unit = gj_store_get (f->store, GJ_TYPE_UNIT, gj_record_get_int (agreement, "unit_id"), &error);
  g_assert_cmpstr (gj_record_get_text (unit, "code"), ==, "U02649");
  g_assert_cmpstr (gj_record_get_text (agreement, "unit_name"), ==, gj_record_get_text (unit, "name"));
}

/* Outlook, Google and Thunderbird habits in one calendar. The folded
 * SUMMARY splits 联 (E8 81 94) between its second and third byte. */
static const char tricky_ics[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
  "BEGIN:VTIMEZONE\r\n"
  "TZID:China Standard Time\r\n"
  "BEGIN:STANDARD\r\n"
  "DTSTART:16010101T000000\r\n"
  "TZOFFSETFROM:+0800\r\n"
  "TZOFFSETTO:+0800\r\n"
  "END:STANDARD\r\n"
  "END:VTIMEZONE\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:series-1@example.org\r\n"
  "DTSTAMP:20250101T000000Z\r\n"
  "DTSTART;TZID=China Standard Time:20250303T143000\r\n"
  "DTEND;TZID=China Standard Time:20250303T160000\r\n"
  "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=12\r\n"
  "EXDATE;TZID=China Standard Time:20250131T143000\r\n"
  "SUMMARY:湖北路街道党建\xe8\x81\r\n \x94席会议\r\n"
  "CATEGORIES:共驻共建联席会议,湖北路街道\r\n"
  "DESCRIPTION:议程：\\n1. 通报上月问题整改\\n2. 讨论共建项目\r\n"
  "ORGANIZER;CN=\"湖北路街道办事处\":mailto:hbl@example.org\r\n"
  "ATTENDEE;CN=\"洛阳伊滨环保科技有限公司\";ROLE=REQ-PARTICIPANT:mailto:yb@example.org\r\n"
  "ATTENDEE;CN=\"不在库里的单位\":mailto:x@example.org\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:series-1@example.org\r\n"
  "RECURRENCE-ID;TZID=China Standard Time:20250425T143000\r\n"
  "DTSTAMP:20250101T000000Z\r\n"
  "DTSTART;TZID=China Standard Time:20250428T143000\r\n"
  "DTEND;TZID=China Standard Time:20250428T160000\r\n"
  "SUMMARY:湖北路街道党建联席会议（五一前调整）\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:utc@example.org\r\n"
  "DTSTAMP:20250101T000000Z\r\n"
  "DTSTART:20250310T010000Z\r\n"
  "SUMMARY:Google 日历的会\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:no-start@example.org\r\n"
  "DTSTAMP:20250101T000000Z\r\n"
  "SUMMARY:没有开始时间\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static void
test_ical (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *units = write_file (f, "units.csv", "unit_id,name,street\r\nU1,洛阳伊滨环保科技有限公司,湖北路街道\r\n", -1);
  g_autofree char *path = write_file (f, "outlook.ics", tricky_ics, -1);
  g_autofree char *out = g_build_filename (f->dir, "out.ics", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GjImportResult) result = NULL;
  g_autoptr(GjImportResult) again = NULL;
  g_autoptr(GjRecord) series = NULL;
  g_autoptr(GjRecord) moved = NULL;
  g_autoptr(GjRecord) utc = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) attendance = NULL;
  GValue v = G_VALUE_INIT;

  g_assert_true (import (f, units, "units", &error));
  g_assert_true (gj_import_file (f->store, path, NULL, NULL, FALSE, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->inserted, ==, 3);
  g_assert_cmpuint (result->skipped, ==, 1);
  g_assert_nonnull (strstr (result->notes, "没有开始时间"));
  g_assert_nonnull (strstr (result->notes, "DTSTART"));

  series = gj_store_find_by_code (f->store, GJ_TYPE_MEETING, "series-1@example.org", &error);
  g_assert_nonnull (series);
  /* The fold inside a character is undone before decoding. */
  g_assert_cmpstr (gj_record_get_text (series, "title"), ==, "湖北路街道党建联席会议");
  g_assert_cmpstr (gj_record_get_text (series, "starts_at"), ==, "2025-03-03T14:30:00+08:00");
  g_assert_cmpstr (gj_record_get_text (series, "category"), ==, "共驻共建联席会议");
  g_assert_cmpstr (gj_record_get_text (series, "street_name"), ==, "湖北路街道");
  g_assert_cmpstr (gj_record_get_text (series, "organizer"), ==, "湖北路街道办事处");
  g_assert_nonnull (strstr (gj_record_get_text (series, "extra"), "BYDAY=-1FR"));

  moved = gj_store_find_by_code (f->store, GJ_TYPE_MEETING, "series-1@example.org#20250425T143000", &error);
  g_assert_nonnull (moved);
  g_assert_cmpstr (gj_record_get_text (moved, "starts_at"), ==, "2025-04-28T14:30:00+08:00");
  utc = gj_store_find_by_code (f->store, GJ_TYPE_MEETING, "utc@example.org", &error);
  g_assert_cmpstr (gj_record_get_text (utc, "starts_at"), ==, "2025-03-10T09:00:00+08:00");

  /* The numbered lines of the description are the agenda; the attendee
   * whose name matches a unit is invited. */
  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, gj_record_get_id (series));
  items = gj_store_list_where (f->store, GJ_TYPE_AGENDA_ITEM, "meeting_id", &v, &error);
  attendance = gj_store_list_where (f->store, GJ_TYPE_ATTENDANCE, "meeting_id", &v, &error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (attendance), ==, 1);

  /* Our export, read back: the same figures after importing it again. */
  g_assert_true (gj_export_file (f->store, out, "meetings", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "DTSTART;TZID=Asia/Shanghai:20250303T143000"));
  g_assert_nonnull (strstr (exported, "RRULE:FREQ=MONTHLY;COUNT=12;BYDAY=-1FR"));
  g_assert_nonnull (strstr (exported, "RECURRENCE-ID"));
  g_assert_nonnull (strstr (exported, "mailto:yb@example.org"));
  before = fingerprint (f->store);
  g_assert_true (gj_import_file (f->store, out, NULL, NULL, FALSE, NULL, NULL, NULL, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->inserted, ==, 0);
  g_assert_cmpuint (again->updated, ==, 3);
  after = fingerprint (f->store);
  /* Only the change log grows (one line for the import). */
  g_assert_cmpstr (strchr (before, '}'), !=, NULL);
  g_assert_true (strncmp (before, after, strrchr (before, '/') - before) == 0);
}

static void
test_ical_bad (Fixture       *f,
               gconstpointer  data)
{
  assert_import_fails (f, "nothing.ics", "hello", -1, NULL, "VCALENDAR", NULL);
  assert_import_fails (f, "empty.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", -1, NULL, "no events", NULL);
  assert_import_fails (f, "all-bad.ics",
                       "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:无开始\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                       -1, NULL, "DTSTART", "无开始");
}

/* Problems exported, edited as in Excel, imported back: matched by UUID. */
static void
test_problems_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "problems.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GjImportResult) result = NULL;
  g_autoptr(GjRecord) p1 = NULL;
  g_autoptr(GjRecord) p2 = NULL;
  g_autoptr(GRegex) regex = NULL;
  gint64 n_problems;

  g_assert_true (gj_sample_load (f->store, NULL, NULL, NULL, &error));
  /* problems.csv's 12, and those the sample's meetings raised. */
  n_problems = gj_store_count (f->store, GJ_TYPE_PROBLEM, NULL);
  g_assert_cmpint (n_problems, >=, 12);
  g_assert_true (gj_export_file (f->store, out, "problems", NULL, NULL, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "P2025-001"));

  /* One row changed: P2025-001 is now being handled; the code column is
   * blanked too, so only the UUID can say which problem it is. */
  regex = g_regex_new ("P2025-001,(.*),registered,", 0, 0, NULL);
  edited = g_regex_replace (regex, text, -1, 0, ",\\1,in_progress,", 0, NULL);
  g_assert_cmpstr (edited, !=, text);
  path = write_file (f, "edited.csv", edited, -1);
  g_assert_true (gj_import_file (f->store, path, "problems", NULL, FALSE, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->inserted, ==, 0);
  g_assert_cmpuint (result->updated, ==, n_problems);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_PROBLEM, NULL), ==, n_problems);

  p2 = gj_store_find_by_code (f->store, GJ_TYPE_PROBLEM, "P2025-002", &error);
  g_assert_cmpstr (gj_record_get_text (p2, "status"), ==, "assigned");
  g_assert_cmpstr (gj_record_get_text (p2, "lead_unit_name"), !=, NULL);
  {
    g_autoptr(GListModel) all = gj_store_search (f->store, GJ_TYPE_PROBLEM, "楼道堆物", &error);

    g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
    p1 = g_list_model_get_item (all, 0);
    g_assert_cmpstr (gj_record_get_text (p1, "status"), ==, "in_progress");
    g_assert_null (gj_record_get_text (p1, "code"));
  }
}

static void
test_gpkg_export (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *in = write_file (f, "g.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" GRID ("P-1", "") "," GRID ("P-2", "") "]}", -1);
  g_autofree char *out = g_build_filename (f->dir, "grids.gpkg", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_true (import (f, in, NULL, &error));
  g_assert_true (gj_export_file (f->store, out, NULL, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);

  /* What a GeoPackage reader looks at first. */
  g_assert_cmpint (sqlite3_open_v2 (out, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0x47504B47);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT g.geometry_type_name, g.srs_id, (SELECT count(*) FROM grids),"
                                       " (SELECT substr (geom, 1, 2) FROM grids LIMIT 1), (SELECT name FROM grids WHERE grid_id = 'P-2')"
                                       " FROM gpkg_geometry_columns g JOIN gpkg_contents c USING (table_name)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "MULTIPOLYGON");
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 4326);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 2);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "GP");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "天四社区第4网格");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_export_formats (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_true (gj_io_can_export ("/tmp/a.GeoJSON"));
  g_assert_true (gj_io_can_export ("a.xlsx"));
  g_assert_true (gj_io_can_export ("a.gpkg"));
  g_assert_true (gj_io_can_export ("a.ics"));
  g_assert_false (gj_io_can_export ("a.kml"));     /* read, not written */
  g_assert_false (gj_io_can_export ("网格导出"));
  g_assert_cmpstr (gj_io_default_extension ("grids"), ==, ".geojson");
  g_assert_cmpstr (gj_io_default_extension ("station"), ==, ".geojson");
  g_assert_cmpstr (gj_io_default_extension ("meetings"), ==, ".ics");
  g_assert_cmpstr (gj_io_default_extension ("units"), ==, ".xlsx");
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *in = write_file (f, "g.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" GRID ("D-1", "") "]}", -1);
  g_autofree char *before = fingerprint (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GjImportResult) result = NULL;

  g_assert_true (gj_import_file (f->store, in, NULL, NULL, TRUE, NULL, NULL, NULL, &result, &error));
  g_assert_cmpuint (result->inserted, ==, 1);
  after = fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (done, <=, total);
  *last = done * 100 / MAX (total, 1);
}

static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GListModel) grids = NULL;
  guint64 last = 0;
  guint close_to_declared = 0;

  /* Cancelled: nothing stays. */
  g_cancellable_cancel (cancel);
  g_assert_false (gj_sample_load (f->store, NULL, NULL, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_GRID, NULL), ==, 0);
  g_clear_error (&error);

  g_assert_true (gj_sample_load (f->store, progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, 100);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_GRID, NULL), ==, 1570);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_STATION, NULL), ==, 330);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_UNIT, NULL), ==, 486);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_STREET, NULL), ==, 11);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_AGREEMENT, NULL), ==, 810);  /* 809 imported, one renewed by the sample */
  /* meetings.ics's 301 and problems.csv's 12, then the series, their
   * occurrences and follow-ups gj-sample-meetings.c adds around today. */
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_MEETING, NULL), >=, 301);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_PROBLEM, NULL), >=, 12);

  /* Our geodesic areas agree with the areas the generator declared. */
  grids = gj_store_list (f->store, GJ_TYPE_GRID, &error);
  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(GjRecord) g = g_list_model_get_item (grids, i);
      double a = gj_record_get_real (g, "area"), d = gj_record_get_real (g, "declared_area");

      if (d > 0 && ABS (a - d) / d < 0.01)
        close_to_declared++;
    }
  g_assert_cmpuint (close_to_declared, ==, 1570);

  /* Where things are. */
  {
    g_autoptr(GPtrArray) streets = gj_store_dup_outlines (f->store, "street", &error);
    g_autoptr(GPtrArray) district = gj_store_dup_outlines (f->store, "district", &error);
    g_autoptr(GHashTable) per_grid = gj_store_count_by_grid (f->store, GJ_TYPE_STATION, &error);
    g_autoptr(GListModel) in_view = NULL;
    GjOutline *whole;
    GjBBox extent, view;
    double sum = 0, street_sum = 0;
    guint stations = 0;
    GHashTableIter iter;
    gpointer value;

    g_assert_no_error (error);
    g_assert_cmpuint (streets->len, ==, 11);
    g_assert_cmpuint (district->len, ==, 1);
    whole = district->pdata[0];
    g_assert_cmpstr (whole->name, ==, "涧西区");
    for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
      {
        g_autoptr(GjRecord) g = g_list_model_get_item (grids, i);
        sum += gj_record_get_real (g, "area");
      }
    for (guint i = 0; i < streets->len; i++)
      {
        GjOutline *o = streets->pdata[i];

        g_assert_nonnull (o->name);
        street_sum += gj_geometry_geodesic_area (o->geometry);
      }
    /* The grids tile their streets and the district without gaps or overlaps. */
    g_assert_cmpfloat (ABS (gj_geometry_geodesic_area (whole->geometry) - sum) / sum, <, 0.001);
    g_assert_cmpfloat (ABS (street_sum - sum) / sum, <, 0.001);

    g_hash_table_iter_init (&iter, per_grid);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      stations += GPOINTER_TO_UINT (value);
    g_assert_cmpuint (stations, ==, 330);

    g_assert_true (gj_store_get_extent (f->store, &extent, &error));
    view = extent;
    g_assert_cmpfloat (extent.min_x, <, extent.max_x);
    in_view = gj_store_list_in_bbox (f->store, GJ_TYPE_GRID, &view, GJ_STORE_LIST_NO_GEOMETRY, &error);
    g_assert_cmpuint (g_list_model_get_n_items (in_view), ==, 1570);
    g_clear_object (&in_view);
    view.max_x = view.min_x + (extent.max_x - extent.min_x) / 4;
    view.max_y = view.min_y + (extent.max_y - extent.min_y) / 4;
    in_view = gj_store_list_in_bbox (f->store, GJ_TYPE_GRID, &view, GJ_STORE_LIST_DEFAULT, &error);
    g_assert_cmpuint (g_list_model_get_n_items (in_view), <, 1570);
    g_clear_object (&in_view);
    in_view = gj_store_list_in_bbox (f->store, GJ_TYPE_STATION, &extent, GJ_STORE_LIST_DEFAULT, &error);
    g_assert_cmpuint (g_list_model_get_n_items (in_view), ==, 330);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/io/geojson/round-trip", test_geojson_round_trip);
  ADD ("/io/geojson/bad-input", test_geojson_bad_input);
  ADD ("/io/geojson/3d-and-multipolygon", test_geojson_3d_and_multipolygon);
  ADD ("/io/geojson/many-grids", test_geojson_many_grids);
  ADD ("/io/geojson/stations-find-their-grid", test_stations_find_their_grid);
  ADD ("/io/csv/gb18030-title-quotes", test_csv_gb18030_title_and_quotes);
  ADD ("/io/csv/bad-input", test_csv_bad_input);
  ADD ("/io/csv/export-bom-formulas", test_csv_export_bom_and_formulas);
  ADD ("/io/gpkg-export", test_gpkg_export);
  ADD ("/io/kml", test_kml);
  ADD ("/io/problems-round-trip", test_problems_round_trip);
  ADD ("/io/ical", test_ical);
  ADD ("/io/ical-bad", test_ical_bad);
  ADD ("/io/sample-dates-follow-today", test_sample_dates_follow_today);
  ADD ("/io/crs-conversion", test_crs_conversion);
  ADD ("/io/dry-run", test_dry_run);
  ADD ("/io/export-formats", test_export_formats);
  ADD ("/io/sample", test_sample);
#undef ADD

  return g_test_run ();
}
