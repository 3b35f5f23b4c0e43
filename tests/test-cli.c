/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The gongjian-cli contract (DESIGN.md), run as a user would: a separate
 * process, its exit status, its output, and the database file's bytes. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static char *dir;
static char *cli;

static int
run (char **out,
     char **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s → %d: %s%s", (char *) argv->pdata[1], g_spawn_check_wait_status (status, NULL) ? 0 : status >> 8, o, e);
  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
path_in (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static char *
checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static gint64
json_count (const char *json,
            const char *key)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *counts;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  counts = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "counts");
  return json_object_get_int_member (counts, key);
}

static void
test_usage (void)
{
  g_autofree char *db = path_in ("usage.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &err, "--db", db, "no-such-command", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no-such-command"));
  g_assert_cmpint (run (NULL, NULL, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "stats", "--bogus", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "import", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "import", "x.csv", "--kind", "spaceships", NULL), ==, 2);
  g_assert_cmpint (run (&out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "init"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "--version", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "gongjian-cli "));
  /* Usage errors never create a database. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_init_and_stats (void)
{
  g_autofree char *db = path_in ("sample.db");
  g_autofree char *empty = path_in ("empty.db");
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, NULL, "--db", db, "init", "--sample", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1570"));
  g_assert_cmpint (run (&json, NULL, "--db", db, "stats", "--json", NULL), ==, 0);
  g_assert_cmpint (json_count (json, "grids"), ==, 1570);
  g_assert_cmpint (json_count (json, "stations"), ==, 330);
  g_assert_cmpint (json_count (json, "units"), ==, 486);
  g_assert_cmpint (json_count (json, "streets"), ==, 11);
  g_assert_nonnull (strstr (json, "\"by_street\""));
  g_assert_nonnull (strstr (json, "湖北路街道"));

  /* A second init does not overwrite a district. */
  g_assert_cmpint (run (NULL, &err, "--db", db, "init", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already"));

  g_assert_cmpint (run (NULL, NULL, "--db", empty, "init", NULL), ==, 0);
  g_clear_pointer (&json, g_free);
  g_assert_cmpint (run (&json, NULL, "--db", empty, "stats", "--json", NULL), ==, 0);
  g_assert_cmpint (json_count (json, "grids"), ==, 0);

  /* GONGJIAN_DB picks the database when --db is absent. */
  g_setenv ("GONGJIAN_DB", db, TRUE);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "stats", NULL), ==, 0);
  g_unsetenv ("GONGJIAN_DB");
  g_assert_nonnull (strstr (out, "1570"));
}

static void
test_failed_import_changes_nothing (void)
{
  g_autofree char *db = path_in ("refuse.db");
  g_autofree char *bad = path_in ("trunc.geojson");
  g_autofree char *bad_csv = path_in ("bad.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, NULL, "--db", db, "init", "--sample", NULL), ==, 0);
  before = checksum (db);

  g_assert_true (g_file_set_contents (bad, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[112.3,34.6],[112.31,34.6]", -1, NULL));
  g_assert_cmpint (run (NULL, &err, "--db", db, "import", bad, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "trunc.geojson"));
  after = checksum (db);
  g_assert_cmpstr (before, ==, after);

  /* A good first row and a bad second one: the first is not kept either. */
  g_assert_true (g_file_set_contents (bad_csv, "name,staff_count\r\n新单位甲,3\r\n新单位乙,三\r\n", -1, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "--db", db, "import", bad_csv, "--kind", "units", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "line 3"));
  g_assert_nonnull (strstr (err, "staff_count"));
  g_clear_pointer (&after, g_free);
  after = checksum (db);
  g_assert_cmpstr (before, ==, after);

  /* A file that is not a database is refused and left alone. */
  {
    g_autofree char *text = path_in ("not.db");
    g_autofree char *h1 = NULL;
    g_autofree char *h2 = NULL;

    g_assert_true (g_file_set_contents (text, "not a database\n", -1, NULL));
    h1 = checksum (text);
    g_assert_cmpint (run (NULL, NULL, "--db", text, "stats", NULL), ==, 1);
    h2 = checksum (text);
    g_assert_cmpstr (h1, ==, h2);
  }
}

static void
test_export_import_backup_restore (void)
{
  g_autofree char *db = path_in ("round.db");
  g_autofree char *copy = path_in ("copy.db");
  g_autofree char *geo = path_in ("grids.geojson");
  g_autofree char *st = path_in ("stations.geojson");
  g_autofree char *csv = path_in ("units.csv");
  g_autofree char *backup = path_in ("backup.db");
  g_autofree char *json1 = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *json3 = NULL;

  g_assert_cmpint (run (NULL, NULL, "--db", db, "init", "--sample", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "export", geo, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "export", st, "--kind", "stations", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "export", csv, "--kind", "units", NULL), ==, 0);

  /* What we export, we import again into an empty district. */
  g_assert_cmpint (run (NULL, NULL, "--db", copy, "init", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", copy, "import", geo, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", copy, "import", st, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", copy, "import", csv, "--kind", "units", NULL), ==, 0);
  g_assert_cmpint (run (&json1, NULL, "--db", db, "stats", "--json", NULL), ==, 0);
  g_assert_cmpint (run (&json2, NULL, "--db", copy, "stats", "--json", NULL), ==, 0);
  g_assert_cmpint (json_count (json2, "grids"), ==, json_count (json1, "grids"));
  g_assert_cmpint (json_count (json2, "stations"), ==, json_count (json1, "stations"));
  g_assert_cmpint (json_count (json2, "units"), ==, json_count (json1, "units"));
  g_assert_cmpint (json_count (json2, "communities"), ==, json_count (json1, "communities"));

  /* Backup, damage, restore. */
  g_assert_cmpint (run (NULL, NULL, "--db", db, "backup", backup, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "import", geo, "--dry-run", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "restore", backup, NULL), ==, 0);
  g_assert_cmpint (run (&json3, NULL, "--db", db, "stats", "--json", NULL), ==, 0);
  g_assert_cmpint (json_count (json3, "grids"), ==, 1570);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "restore", geo, NULL), ==, 1);
}

/* CSV import: dry run, duplicate strategies, the failed-rows file, exit statuses. */
static void
test_csv_import (void)
{
  g_autofree char *db = path_in ("csv.db");
  g_autofree char *in = path_in ("units-in.csv");
  g_autofree char *failed = path_in ("failed.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run (NULL, NULL, "--db", db, "init", NULL), ==, 0);
  g_assert_true (g_file_set_contents (in, "单位名称;统一社会信用代码;备注\r\n甲公司;91410305YPCBT5T584;旧\r\n", -1, NULL));
  g_assert_cmpint (run (&out, NULL, "--db", db, "import", in, "--kind", "units", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 created"));
  g_clear_pointer (&out, g_free);

  /* The same unit again, one bad row: the dry run names it and changes nothing. */
  g_assert_true (g_file_set_contents (in, "单位名称;统一社会信用代码;备注\r\n甲公司;91410305YPCBT5T584;新\r\n乙公司;9.14103E+17;\r\n", -1, NULL));
  before = checksum (db);
  g_assert_cmpint (run (&out, &err, "--db", db, "import", in, "--kind", "units", "--dry-run", "--failed-rows", failed, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "semicolon"));
  g_assert_nonnull (strstr (out, "already stored"));
  g_assert_nonnull (strstr (err, "units-in.csv: line 3: column “统一社会信用代码”"));
  g_assert_nonnull (strstr (err, "Excel"));
  after = checksum (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_file_get_contents (failed, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF单位名称,统一社会信用代码,备注,错误/error\r\n乙公司,9.14103E+17,,"));

  /* The real import refuses the file: exit 1, the database unchanged. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "--db", db, "import", in, "--kind", "units", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "line 3"));
  g_clear_pointer (&after, g_free);
  after = checksum (db);
  g_assert_cmpstr (before, ==, after);

  /* Skipping bad rows and duplicates: nothing to write, exit 0. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "--db", db, "import", in, "--kind", "units", "--duplicates", "skip", "--skip-failed", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 created, 0 updated, 0 filled, 1 skipped, 1 failed"));

  /* Usage errors. */
  g_assert_cmpint (run (NULL, NULL, "--db", db, "import", in, "--duplicates", "merge", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "import", in, "--kind", "nonsense", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "import", in, "--failed-rows", NULL), ==, 2);

  /* Items and evaluations export. */
  {
    g_autofree char *x = path_in ("items.xlsx");
    g_autofree char *e = path_in ("evaluations.xlsx");

    g_assert_cmpint (run (NULL, NULL, "--db", db, "export", x, "--kind", "items", NULL), ==, 0);
    g_assert_cmpint (run (NULL, NULL, "--db", db, "export", e, "--kind", "evaluations", NULL), ==, 0);
  }
}

/* The workbook as a real reader sees it: openpyxl, what offices' scripts use. */
static void
test_xlsx (void)
{
  g_autofree char *db = path_in ("xlsx.db");
  g_autofree char *xlsx = path_in ("units.xlsx");
  g_autofree char *out = NULL;
  g_autofree char *script = NULL;
  const char *python = "/usr/bin/python3";
  int status = 0;

  g_assert_cmpint (run (NULL, NULL, "--db", db, "init", "--sample", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "export", xlsx, "--kind", "units", NULL), ==, 0);

  script = g_strdup_printf ("import openpyxl\n"
                            "ws = openpyxl.load_workbook('%s').worksheets[0]\n"
                            "rows = list(ws.iter_rows(values_only=True))\n"
                            "h = rows[0]\n"
                            "assert ws.freeze_panes == 'A2', ws.freeze_panes\n"
                            "assert len(rows) == 487, len(rows)\n"
                            "r = dict(zip(h, rows[1]))\n"
                            "assert r['name'] == '洛阳伊滨环保科技有限公司', r['name']\n"
                            "assert r['credit_code'] == '91410305YPCBT5T584'\n"
                            "assert isinstance(r['contact_mobile'], str)\n"
                            "assert isinstance(r['staff_count'], (int, float))\n"
                            "assert r['registered_date'].year == 2021\n"
                            "print('ok')\n", xlsx);
  {
    const char *argv[] = { python, "-c", script, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *err = NULL;

    if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
      {
        g_test_skip ("no /usr/bin/python3");
        return;
      }
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_test_message ("openpyxl: %s %s", out, err);
    if (err && strstr (err, "No module named 'openpyxl'"))
      {
        g_test_skip ("python3-openpyxl is not installed");
        return;
      }
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (out, ==, "ok\n");
  }
}

static void
test_print_map (void)
{
  g_autofree char *db = path_in ("print.db");
  g_autofree char *pdf = path_in ("atlas.pdf");
  g_autofree char *png = path_in ("street.png");
  g_autofree char *err = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_cmpint (run (NULL, NULL, "--db", db, "init", "--sample", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "print-map", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "print-map", "--output", png, "--paper", "b5", NULL), ==, 2);
  g_assert_cmpint (run (NULL, &err, "--db", db, "print-map", "--output", png, "--street", "不存在街道", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "湖北路街道"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (NULL, NULL, "--db", db, "print-map", "--output", png, "--street", "湖北路街道", "--theme", "coverage", NULL), ==, 0);
  g_assert_true (g_file_get_contents (png, &data, &len, NULL));
  g_assert_true (len > 8 && memcmp (data, "\x89PNG", 4) == 0);
  g_clear_pointer (&data, g_free);
  g_assert_cmpint (run (NULL, NULL, "--db", db, "print-map", "--atlas", "--output", pdf, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF"));
}

static void
test_check (void)
{
  g_autofree char *db = path_in ("check.db");
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpint (run (NULL, NULL, "--db", db, "init", "--sample", NULL), ==, 0);
  g_assert_cmpint (run (&out, NULL, "--db", db, "check", NULL), ==, 0);
  g_assert_cmpint (run (&json, NULL, "--db", db, "check", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "findings"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "open"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  cli = g_strdup (g_getenv ("GONGJIAN_CLI"));
  if (cli == NULL)
    {
      g_test_skip ("GONGJIAN_CLI is not set; run through meson test");
      return 0;
    }
  dir = g_dir_make_tmp ("gj-test-cli-XXXXXX", NULL);

  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/init-and-stats", test_init_and_stats);
  g_test_add_func ("/cli/failed-import-changes-nothing", test_failed_import_changes_nothing);
  g_test_add_func ("/cli/export-import-backup-restore", test_export_import_backup_restore);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/xlsx", test_xlsx);
  g_test_add_func ("/cli/csv-import", test_csv_import);
  g_test_add_func ("/cli/print-map", test_print_map);
  ret = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  g_free (cli);
  return ret;
}
