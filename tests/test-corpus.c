/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Other projects' test files (../shared/corpus, beside the repository; see
 * its README): what the world produces. Our importers must never crash or
 * hang on them, must leave the database exactly as it was when they refuse
 * a file, and must say which file. Skipped where the corpus is absent.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gj-io.h"
#include "gj-store.h"

static char *corpus;

static char *
fingerprint (GjStore *store)
{
  g_autoptr(JsonNode) stats = gj_store_dup_stats (store, NULL);
  g_autoptr(GListModel) changes = gj_store_list_changes (store, 0, NULL);
  g_autofree char *json = json_to_string (stats, FALSE);

  return g_strdup_printf ("%s/%u", json, g_list_model_get_n_items (changes));
}

/* Imports every file in @dir whose name ends in @suffix (and starts with
 * @prefix, if given); returns how many were accepted. */
static guint
import_all (const char *subdir,
            const char *prefix,
            const char *suffix,
            const char *kind,
            guint      *n_files)
{
  g_autofree char *dir = g_build_filename (corpus, subdir, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *tmp = g_dir_make_tmp ("gj-corpus-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "corpus.db", NULL);
  g_autoptr(GjStore) store = gj_store_open (db, GJ_STORE_OPEN_CREATE, NULL);
  const char *name;
  guint accepted = 0;

  g_assert_nonnull (d);
  g_assert_nonnull (store);
  *n_files = 0;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (!g_str_has_suffix (name, suffix) || (prefix && !g_str_has_prefix (name, prefix)))
        continue;
      path = g_build_filename (dir, name, NULL);
      before = fingerprint (store);
      ok = gj_import_file (store, path, kind, NULL, FALSE, NULL, NULL, NULL, NULL, &error);
      (*n_files)++;
      if (ok)
        {
          accepted++;
          continue;
        }
      g_assert_nonnull (error);
      g_test_message ("%s: %s", name, error->message);
      /* A refusal names the file and changes nothing. */
      g_assert_nonnull (strstr (error->message, name));
      after = fingerprint (store);
      g_assert_cmpstr (before, ==, after);
    }

  g_clear_object (&store);
  {
    g_autoptr(GDir) t = g_dir_open (tmp, 0, NULL);
    const char *n;

    while (t && (n = g_dir_read_name (t)))
      {
        g_autofree char *p = g_build_filename (tmp, n, NULL);
        g_unlink (p);
      }
    g_rmdir (tmp);
  }
  return accepted;
}

static void
test_rfc7946 (void)
{
  guint n, ok = import_all ("geojson/rfc7946-examples", NULL, ".geojson", NULL, &n);

  g_test_message ("RFC 7946 examples: %u of %u accepted", ok, n);
  g_assert_cmpuint (n, >, 0);
  /* Every Polygon and MultiPolygon example is a grid we can take. */
  g_assert_cmpuint (ok, >=, 4);
}

static void
test_geojsonhint (void)
{
  guint n_good, n_bad;
  guint ok_good = import_all ("geojson/geojsonhint/good", NULL, ".geojson", NULL, &n_good);
  guint ok_bad = import_all ("geojson/geojsonhint/bad", NULL, ".geojson", "grids", &n_bad);

  g_test_message ("geojsonhint: good %u of %u accepted; bad %u of %u accepted", ok_good, n_good, ok_bad, n_bad);
  g_assert_cmpuint (n_bad, >, 0);
}

static void
test_gdal_geojson (void)
{
  guint n, ok = import_all ("geojson/gdal-autotest/geojson", NULL, "json", NULL, &n);

  g_test_message ("GDAL autotest GeoJSON: %u of %u accepted", ok, n);
}

static void
test_json_test_suite (void)
{
  guint n_n, n_i, n_y;
  /* n_: not JSON — every one refused. */
  guint ok_n = import_all ("json/JSONTestSuite/test_parsing", "n_", ".json", "grids", &n_n);
  guint ok_i = import_all ("json/JSONTestSuite/test_parsing", "i_", ".json", "grids", &n_i);
  guint ok_y = import_all ("json/JSONTestSuite/test_parsing", "y_", ".json", "grids", &n_y);

  g_test_message ("JSONTestSuite: n_ %u/%u accepted, i_ %u/%u, y_ %u/%u", ok_n, n_n, ok_i, n_i, ok_y, n_y);
  g_assert_cmpuint (n_n, >, 100);
  g_assert_cmpuint (ok_n, ==, 0);
}

static void
test_kml (void)
{
  guint n1, n2;
  guint ok1 = import_all ("kml/gdal-autotest", NULL, ".kml", NULL, &n1);
  guint ok2 = import_all ("kml/togeojson", NULL, ".kml", NULL, &n2);

  g_test_message ("KML: GDAL %u of %u accepted, togeojson %u of %u", ok1, n1, ok2, n2);
  g_assert_cmpuint (n1 + n2, >, 0);
  /* Files with polygons or points among them are read. */
  g_assert_cmpuint (ok1 + ok2, >=, 10);
}

static void
test_csv (void)
{
  guint n1, n2;
  guint ok1 = import_all ("csv/csvkit-examples", NULL, ".csv", "units", &n1);
  guint ok2 = import_all ("csv/gdal-autotest", NULL, ".csv", "units", &n2);

  g_test_message ("CSV: csvkit %u of %u accepted, GDAL %u of %u", ok1, n1, ok2, n2);
  g_assert_cmpuint (n1 + n2, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  corpus = g_strdup (g_getenv ("GONGJIAN_CORPUS"));
  if (corpus == NULL)
    corpus = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "corpus", NULL);
  if (!g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_message ("no corpus at %s", corpus);
      g_free (corpus);
      return 77; /* skipped: the corpus lives beside the repository, not in it */
    }

  g_test_add_func ("/corpus/geojson/rfc7946", test_rfc7946);
  g_test_add_func ("/corpus/geojson/geojsonhint", test_geojsonhint);
  g_test_add_func ("/corpus/geojson/gdal", test_gdal_geojson);
  g_test_add_func ("/corpus/json/JSONTestSuite", test_json_test_suite);
  g_test_add_func ("/corpus/csv", test_csv);
  g_test_add_func ("/corpus/kml", test_kml);
  ret = g_test_run ();
  g_free (corpus);
  return ret;
}
