/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV importer as an import dialog and `gongjian-cli import` use it:
 * preview (encoding, delimiter, header, mapping, row errors, duplicates),
 * import with a duplicate strategy (all or nothing), the failed-rows file,
 * and the CSV/XLSX exports Excel users open. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gj-csv-preview.h"
#include "gj-io.h"
#include "gj-store-duplicates.h"
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

  f->dir = g_dir_make_tmp ("gj-test-csv-XXXXXX", &error);
  g_assert_no_error (error);
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

static GjCsvPreview *
preview_full (Fixture    *f,
              const char *name,
              const char *text,
              gssize      len,
              const char *kind,
              GHashTable *mapping)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, name, text, len);
  GjCsvOptions options = { 0 };
  GjCsvPreview *preview;

  options.kind = kind;
  options.mapping = mapping;
  preview = gj_csv_preview_new_from_file (f->store, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  return preview;
}

static GjCsvPreview *
preview (Fixture    *f,
         const char *text,
         const char *kind)
{
  return preview_full (f, "in.csv", text, -1, kind, NULL);
}

static GjCsvRow *
row_at (GjCsvPreview *p,
        guint         i)
{
  GjCsvRow *row = g_list_model_get_item (G_LIST_MODEL (p), i);

  g_assert_nonnull (row);
  /* The model keeps a reference; the tests borrow. */
  g_object_unref (row);
  return row;
}

static const char *
value_of (GjCsvPreview *p,
          guint         i,
          const char   *header)
{
  for (guint c = 0; c < gj_csv_preview_get_n_columns (p); c++)
    if (strcmp (gj_csv_preview_get_header (p, c), header) == 0)
      return gj_csv_row_get_value (row_at (p, i), c);
  g_assert_not_reached ();
  return NULL;
}

static gboolean
row_has_issue (GjCsvRow       *row,
               GjCsvIssueKind  kind,
               const char     *text)
{
  for (guint i = 0; i < gj_csv_row_get_n_errors (row); i++)
    {
      GjCsvIssueKind k;
      const char *message = gj_csv_row_get_error (row, i, NULL, &k);

      if (k == kind && (text == NULL || strstr (message, text) != NULL))
        return TRUE;
    }
  return FALSE;
}

static GjRecord *
add_unit (Fixture    *f,
          const char *name,
          const char *credit_code,
          const char *address,
          const char *remark)
{
  g_autoptr(GError) error = NULL;
  GjRecord *unit = gj_record_new_for_kind ("unit");

  gj_record_set_text (unit, "name", name);
  if (credit_code)
    gj_record_set_text (unit, "credit_code", credit_code);
  if (address)
    gj_record_set_text (unit, "address", address);
  if (remark)
    gj_record_set_text (unit, "remark", remark);
  g_assert_true (gj_store_insert (f->store, unit, &error));
  g_assert_no_error (error);
  return unit;
}

/* Every unit as text, in id order: compares a whole table. */
static char *
dump_units (GjStore *store)
{
  g_autoptr(GListModel) units = gj_store_list (store, GJ_TYPE_UNIT, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(GjRecord) u = g_list_model_get_item (units, i);
      guint n;
      const GjField *fields = gj_record_get_fields (u, &n);

      g_string_append_printf (out, "%s|%s", gj_record_get_uuid (u), gj_record_get_updated_at (u));
      for (guint k = 0; k < n; k++)
        {
          g_autofree char *v = gj_record_dup_display (u, fields[k].name);

          g_string_append_printf (out, "|%s", v);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

#define CODE_A "91410305YPCBT5T584"
#define CODE_B "92410302ENKNY8JG2M"
#define CODE_C "12410304KHRWLUBR3E"

/* Encodings, delimiters, header ------------------------------------------------ */

static void
test_encodings (Fixture       *f,
                gconstpointer  data)
{
  const char *utf8 = "单位名称,统一社会信用代码,联系电话,地址\r\n洛阳伊滨环保科技有限公司," CODE_A ",018608279330,河南省洛阳市涧西区瀛洲路260号\r\n"
                     "䶮䶮文化公司,,0379-60912384,涧西区\r\n";
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", utf8, NULL);
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  struct { const char *name; const char *text; const char *encoding; } cases[] = {
    { "utf8.csv", utf8, "UTF-8" },
    { "bom.csv", bom, "UTF-8 (BOM)" },
    { "gb.csv", gb, "GB18030" },
  };

  g_assert_nonnull (gb);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GjCsvPreview) p = preview_full (f, cases[i].name, cases[i].text, -1, "units", NULL);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpstr (gj_csv_preview_get_encoding (p), ==, cases[i].encoding);
      g_assert_cmpuint (gj_csv_preview_get_n_rows (p), ==, 2);
      g_assert_cmpuint (gj_csv_preview_get_n_ok (p), ==, 2);
      /* The BOM is not part of the first header. */
      g_assert_cmpstr (gj_csv_preview_get_header (p, 0), ==, "单位名称");
      g_assert_cmpstr (gj_csv_preview_get_target (p, 0), ==, "name");
      g_assert_cmpstr (value_of (p, 0, "单位名称"), ==, "洛阳伊滨环保科技有限公司");
      /* Phone numbers stay text with their leading zero. */
      g_assert_cmpstr (gj_record_get_text (gj_csv_row_get_record (row_at (p, 0)), "contact_phone"), ==, "018608279330");
      /* A character only GB18030 (not GBK) carries. */
      g_assert_cmpstr (gj_record_get_text (gj_csv_row_get_record (row_at (p, 1)), "name"), ==, "䶮䶮文化公司");
    }

  /* --encoding wins over detection: UTF-8 bytes read as GB18030 are garbage, not the same name. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = write_file (f, "forced.csv", utf8, -1);
    GjCsvOptions options = { .kind = "units", .encoding = "GB18030" };
    g_autoptr(GjCsvPreview) p = gj_csv_preview_new_from_file (f->store, path, &options, NULL, &error);

    if (p != NULL)
      {
        g_assert_cmpstr (gj_csv_preview_get_encoding (p), ==, "GB18030");
        g_assert_cmpuint (gj_csv_preview_get_n_columns (p), >, 0);
        g_assert_cmpstr (gj_csv_preview_get_header (p, 0), !=, "单位名称");
      }
    else
      g_assert_error (error, GJ_IO_ERROR, GJ_IO_ERROR_ENCODING);
  }
}

static void
test_delimiters_and_title (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GjCsvPreview) semi = preview (f, "name;credit_code;address\r\n甲公司;" CODE_A ";洛阳市,涧西区\r\n", "units");
  g_autoptr(GjCsvPreview) tab = preview (f, "name\tcredit_code\taddress\r\n乙公司\t" CODE_B "\t洛阳市;涧西区\r\n", "units");
  g_autoptr(GjCsvPreview) title = preview (f, "涧西区驻区单位名单\r\n\r\n单位名称,地址,联系电话\r\n甲公司,洛阳,13800000000\r\n", "units");

  g_assert_cmpint (gj_csv_preview_get_delimiter (semi), ==, ';');
  g_assert_cmpstr (value_of (semi, 0, "address"), ==, "洛阳市,涧西区");
  g_assert_cmpuint (gj_csv_preview_get_n_ok (semi), ==, 1);
  g_assert_cmpint (gj_csv_preview_get_delimiter (tab), ==, '\t');
  g_assert_cmpstr (value_of (tab, 0, "address"), ==, "洛阳市;涧西区");

  g_assert_cmpint (gj_csv_preview_get_delimiter (title), ==, ',');
  g_assert_cmpuint (gj_csv_preview_get_header_line (title), ==, 3);
  g_assert_cmpuint (gj_csv_preview_get_n_rows (title), ==, 1);
  g_assert_cmpuint (gj_csv_row_get_line (row_at (title, 0)), ==, 4);
  g_assert_nonnull (strstr (gj_csv_preview_get_notes (title), "line 3"));
}

static void
test_quoted_newlines_and_ragged_rows (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GjCsvPreview) p =
    preview (f,
             "name,address,remark\r\n"
             "甲公司,\"涧西区\r\n瀛洲路260号\",\"他说\"\"好\"\"\"\r\n"   /* lines 2-3 */
             "乙公司,洛阳\r\n"                                      /* 4: short row: fine */
             "丙公司,洛阳,,,\r\n"                                   /* 5: empty padding: fine */
             "丁公司,洛阳,备注,多余\r\n",                            /* 6: a stray cell */
             "units");
  GjCsvRow *ragged;

  g_assert_cmpuint (gj_csv_preview_get_n_rows (p), ==, 4);
  g_assert_cmpstr (value_of (p, 0, "address"), ==, "涧西区\r\n瀛洲路260号");
  g_assert_cmpstr (value_of (p, 0, "remark"), ==, "他说\"好\"");
  g_assert_cmpuint (gj_csv_row_get_line (row_at (p, 1)), ==, 4);
  g_assert_true (gj_csv_row_is_ok (row_at (p, 1)));
  g_assert_true (gj_csv_row_is_ok (row_at (p, 2)));
  ragged = row_at (p, 3);
  g_assert_cmpuint (gj_csv_row_get_line (ragged), ==, 6);
  g_assert_false (gj_csv_row_is_ok (ragged));
  g_assert_true (row_has_issue (ragged, GJ_CSV_ISSUE_RAGGED, "4 cells"));
  g_assert_cmpuint (gj_csv_preview_get_n_failed (p), ==, 1);
}

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  const char *text = "机构全称,信用代码,邮编,内部编号\r\n甲公司," CODE_A ",471000,X-1\r\n";
  g_autoptr(GHashTable) mapping = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GjCsvPreview) mapped = NULL;
  g_autoptr(GHashTable) remembered = NULL;
  g_autoptr(GError) error = NULL;
  guint n_targets = 0;
  const GjCsvTarget *targets = gj_csv_kind_list_targets ("units", &n_targets);
  gboolean name_required = FALSE;

  for (guint i = 0; i < n_targets; i++)
    if (strcmp (targets[i].key, "name") == 0)
      name_required = targets[i].required;
  g_assert_true (name_required);
  g_assert_nonnull (gj_csv_kind_list_targets ("items", NULL));
  g_assert_null (gj_csv_kind_list_targets ("nonsense", NULL));

  /* "机构全称" is nothing we know: without a mapping there is no name column. */
  {
    g_autofree char *path = write_file (f, "m.csv", text, -1);
    GjCsvOptions options = { .kind = "units" };
    g_autoptr(GjCsvPreview) none = gj_csv_preview_new_from_file (f->store, path, &options, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "name"));
    g_clear_error (&error);
  }

  g_hash_table_insert (mapping, (gpointer) "机构全称", (gpointer) "name");
  g_hash_table_insert (mapping, (gpointer) "内部编号", (gpointer) "");
  mapped = preview_full (f, "m2.csv", text, -1, "units", mapping);
  g_assert_cmpstr (gj_csv_preview_get_target (mapped, 0), ==, "name");
  g_assert_cmpstr (gj_csv_preview_get_target (mapped, 1), ==, "credit_code");
  g_assert_null (gj_csv_preview_get_target (mapped, 2));
  g_assert_null (gj_csv_preview_get_target (mapped, 3));
  g_assert_true (gj_csv_row_is_ok (row_at (mapped, 0)));
  g_assert_cmpstr (gj_record_get_text (gj_csv_row_get_record (row_at (mapped, 0)), "name"), ==, "甲公司");
  /* The unknown column is noted and kept as extra data; the ignored one is gone. */
  g_assert_nonnull (strstr (gj_csv_preview_get_notes (mapped), "邮编"));
  g_assert_null (strstr (gj_csv_preview_get_notes (mapped), "内部编号"));

  remembered = gj_csv_preview_dup_mapping (mapped);
  g_assert_cmpstr (g_hash_table_lookup (remembered, "机构全称"), ==, "name");
  g_assert_cmpstr (g_hash_table_lookup (remembered, "内部编号"), ==, "");

  /* A target the kind does not have is refused. */
  {
    g_autoptr(GHashTable) bad = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *path = write_file (f, "m3.csv", text, -1);
    GjCsvOptions options = { .kind = "units", .mapping = bad };
    g_autoptr(GjCsvPreview) none = NULL;

    g_hash_table_insert (bad, (gpointer) "机构全称", (gpointer) "no_such_field");
    none = gj_csv_preview_new_from_file (f->store, path, &options, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "no_such_field"));
  }
}

/* Row errors ------------------------------------------------------------------- */

static void
test_row_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GjCsvPreview) p =
    preview (f,
             "单位名称,统一社会信用代码,联系电话,注册日期,职工人数\r\n"
             "甲公司,9.14103E+17,13800000000,2020-01-02,5\r\n"            /* 2: Excel damage */
             "乙公司,91410305YPCBT5T585,,,\r\n"                          /* 3: wrong check digit */
             "丙公司,,1.38E+10,,\r\n"                                    /* 4: a phone damaged too */
             "丁公司,,,2020-13-45,\r\n"                                  /* 5: not a date */
             ",," CODE_B ",,\r\n"                                        /* 6: no name */
             "戊公司,,,,十二\r\n"                                         /* 7: not a number */
             "己公司," CODE_A ",013800000000,2021年3月5日,7\r\n",          /* 8: fine */
             "units");
  GjCsvRow *row;
  int column = -2;

  g_assert_cmpuint (gj_csv_preview_get_n_rows (p), ==, 7);
  g_assert_cmpuint (gj_csv_preview_get_n_failed (p), ==, 6);
  g_assert_cmpuint (gj_csv_preview_get_n_ok (p), ==, 1);

  row = row_at (p, 0);
  g_assert_true (row_has_issue (row, GJ_CSV_ISSUE_EXCEL_DAMAGE, "统一社会信用代码"));
  g_assert_true (row_has_issue (row, GJ_CSV_ISSUE_EXCEL_DAMAGE, "format the column as Text"));
  gj_csv_row_get_error (row, 0, &column, NULL);
  g_assert_cmpint (column, ==, 1);
  g_assert_true (row_has_issue (row_at (p, 1), GJ_CSV_ISSUE_CREDIT_CODE, "91410305YPCBT5T585"));
  g_assert_true (row_has_issue (row_at (p, 2), GJ_CSV_ISSUE_EXCEL_DAMAGE, "联系电话"));
  g_assert_true (row_has_issue (row_at (p, 3), GJ_CSV_ISSUE_DATE, "注册日期"));
  g_assert_true (row_has_issue (row_at (p, 4), GJ_CSV_ISSUE_MISSING, "单位名称"));
  g_assert_true (row_has_issue (row_at (p, 5), GJ_CSV_ISSUE_VALUE, "职工人数"));
  row = row_at (p, 6);
  g_assert_true (gj_csv_row_is_ok (row));
  g_assert_null (gj_csv_row_get_error_text (row));
  g_assert_cmpstr (gj_record_get_text (gj_csv_row_get_record (row), "registered_date"), ==, "2021-03-05");
  g_assert_cmpstr (gj_record_get_text (gj_csv_row_get_record (row), "contact_phone"), ==, "013800000000");

  /* The import refuses the file and names the first bad row. */
  {
    g_autoptr(GError) error = NULL;
    GjCsvImportCounts counts = { 0 };

    g_assert_false (gj_csv_preview_import (p, f->store, GJ_DUPLICATES_UPDATE, GJ_CSV_IMPORT_DEFAULT,
                                           NULL, NULL, NULL, &counts, &error));
    g_assert_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "in.csv: line 2"));
    g_assert_nonnull (strstr (error->message, "Excel"));
    g_assert_cmpuint (counts.failed, ==, 6);
    g_assert_cmpuint (counts.created, ==, 0);
    g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_UNIT, NULL), ==, 0);
  }
}

static void
test_unknown_places (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjCsvPreview) first = preview (f, "name,street,community\r\n甲公司,湖北路街道,天四社区\r\n", "units");
  g_autoptr(GjCsvPreview) second = NULL;

  /* An empty district takes its places from the file. */
  g_assert_cmpuint (gj_csv_preview_get_n_ok (first), ==, 1);
  g_assert_true (gj_csv_preview_import (first, f->store, GJ_DUPLICATES_UPDATE, 0, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  second = preview (f,
                    "name,street,community\r\n"
                    "乙公司,湖北路街道,天四社区\r\n"
                    "丙公司,胡北路街道,天四社区\r\n"
                    "丁公司,湖北路街道,天五社区\r\n",
                    "units");
  g_assert_true (gj_csv_row_is_ok (row_at (second, 0)));
  g_assert_true (row_has_issue (row_at (second, 1), GJ_CSV_ISSUE_UNKNOWN_PLACE, "胡北路街道"));
  g_assert_true (row_has_issue (row_at (second, 2), GJ_CSV_ISSUE_UNKNOWN_PLACE, "天五社区"));
}

/* Duplicates -------------------------------------------------------------------- */

static void
test_duplicate_lookup (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) a = add_unit (f, "洛阳市第一(中学)", CODE_A, "涧西区 瀛洲路1号", NULL);
  g_autoptr(GjRecord) b = add_unit (f, "甲公司", NULL, NULL, NULL);
  g_autoptr(GjRecord) found = NULL;
  g_autofree char *n1 = gj_duplicate_normalize ("洛阳市　第一（中学）");
  g_autofree char *n2 = gj_duplicate_normalize ("洛阳市第一(中学)");
  GjDuplicateMatch how = GJ_DUPLICATE_MATCH_NONE;

  g_assert_cmpstr (n1, ==, n2);

  found = gj_store_find_duplicate_unit (f->store, " " CODE_A, NULL, NULL, &how, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (gj_record_get_id (found), ==, gj_record_get_id (a));
  g_assert_cmpint (how, ==, GJ_DUPLICATE_MATCH_CREDIT_CODE);
  g_clear_object (&found);

  found = gj_store_find_duplicate_unit (f->store, NULL, "洛阳市　第一（中学）", "涧西区瀛洲路１号", &how, &error);
  g_assert_nonnull (found);
  g_assert_cmpint (gj_record_get_id (found), ==, gj_record_get_id (a));
  g_assert_cmpint (how, ==, GJ_DUPLICATE_MATCH_NAME_ADDRESS);
  g_clear_object (&found);

  /* Same name, another address: another unit. Another credit code: too. */
  found = gj_store_find_duplicate_unit (f->store, NULL, "洛阳市第一(中学)", "老城区", &how, &error);
  g_assert_null (found);
  g_assert_cmpint (how, ==, GJ_DUPLICATE_MATCH_NONE);
  found = gj_store_find_duplicate_unit (f->store, CODE_B, "洛阳市第一(中学)", "涧西区 瀛洲路1号", &how, &error);
  g_assert_null (found);
  g_assert_no_error (error);

  found = gj_store_find_duplicate_unit (f->store, NULL, "甲 公司", NULL, &how, &error);
  g_assert_nonnull (found);
  g_assert_cmpint (gj_record_get_id (found), ==, gj_record_get_id (b));
  g_clear_object (&found);

  /* A stored record is not its own duplicate. */
  found = gj_store_find_duplicate (f->store, a, &how, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

typedef struct
{
  GjDuplicateStrategy strategy;
  guint               created, updated, filled, skipped;
  gint64              n_units;
  const char         *remark;
  const char         *phone;
} StrategyCase;

static void
test_strategies (Fixture       *f,
                 gconstpointer  data)
{
  static const StrategyCase cases[] = {
    { GJ_DUPLICATES_SKIP, 0, 0, 0, 1, 1, "旧备注", NULL },
    { GJ_DUPLICATES_UPDATE, 0, 1, 0, 0, 1, "新备注", "0379-60912384" },
    { GJ_DUPLICATES_FILL, 0, 0, 1, 0, 1, "旧备注", "0379-60912384" },
    { GJ_DUPLICATES_CREATE, 1, 0, 0, 0, 2, "旧备注", NULL },
  };
  const char *text = "单位名称,统一社会信用代码,联系电话,备注\r\n洛阳伊滨环保科技有限公司," CODE_A ",0379-60912384,新备注\r\n";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const StrategyCase *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GjRecord) unit = NULL;
      g_autoptr(GjRecord) stored = NULL;
      g_autoptr(GjCsvPreview) p = NULL;
      g_autofree char *dbpath = g_strdup_printf ("%s/strategy-%u.db", f->dir, i);
      GjCsvImportCounts counts = { 0 };
      GjDuplicateStrategy parsed;

      g_test_message ("strategy %s", gj_duplicate_strategy_to_string (c->strategy));
      g_assert_true (gj_duplicate_strategy_from_string (gj_duplicate_strategy_to_string (c->strategy), &parsed));
      g_assert_cmpint (parsed, ==, c->strategy);

      g_clear_object (&f->store);
      f->store = gj_store_open (dbpath, GJ_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      unit = add_unit (f, "洛阳伊滨环保科技有限公司", CODE_A, NULL, "旧备注");

      p = preview (f, text, "units");
      g_assert_cmpint (gj_csv_row_get_existing_id (row_at (p, 0)), ==, gj_record_get_id (unit));
      g_assert_cmpint (gj_csv_row_get_match (row_at (p, 0)), ==, GJ_DUPLICATE_MATCH_CREDIT_CODE);
      g_assert_cmpstr (gj_csv_row_get_existing_label (row_at (p, 0)), ==, "洛阳伊滨环保科技有限公司");
      g_assert_cmpuint (gj_csv_preview_get_n_existing (p), ==, 1);

      g_assert_true (gj_csv_preview_import (p, f->store, c->strategy, GJ_CSV_IMPORT_DEFAULT, NULL, NULL, NULL, &counts, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counts.created, ==, c->created);
      g_assert_cmpuint (counts.updated, ==, c->updated);
      g_assert_cmpuint (counts.filled, ==, c->filled);
      g_assert_cmpuint (counts.skipped, ==, c->skipped);
      g_assert_cmpuint (counts.failed, ==, 0);
      g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_UNIT, NULL), ==, c->n_units);

      stored = gj_store_get (f->store, GJ_TYPE_UNIT, gj_record_get_id (unit), &error);
      g_assert_cmpstr (gj_record_get_text (stored, "remark"), ==, c->remark);
      g_assert_cmpstr (gj_record_get_text (stored, "contact_phone"), ==, c->phone);
    }
}

static void
test_in_file_duplicates (Fixture       *f,
                         gconstpointer  data)
{
  const char *text =
    "name,credit_code,address,remark\r\n"
    "甲公司," CODE_A ",洛阳,第一次\r\n"
    "乙公司," CODE_B ",洛阳,\r\n"
    "甲公司（总部）," CODE_A ",洛阳,第二次\r\n"      /* same credit code as line 2 */
    "丙 公司,,涧西区,\r\n"
    "丙公司,,涧西区　,\r\n"                          /* same name and address as line 5 */
    "丙公司,," "老城区,\r\n";                        /* another address: another unit */
  g_autoptr(GjCsvPreview) p = preview (f, text, "units");
  g_autoptr(GError) error = NULL;
  GjCsvImportCounts counts = { 0 };

  g_assert_cmpuint (gj_csv_preview_get_n_duplicates_in_file (p), ==, 2);
  g_assert_cmpuint (gj_csv_row_get_duplicate_line (row_at (p, 0)), ==, 0);
  g_assert_cmpuint (gj_csv_row_get_duplicate_line (row_at (p, 2)), ==, 2);
  g_assert_cmpuint (gj_csv_row_get_duplicate_line (row_at (p, 4)), ==, 5);
  g_assert_cmpuint (gj_csv_row_get_duplicate_line (row_at (p, 5)), ==, 0);

  /* With "update" the later row updates the record the earlier one made. */
  g_assert_true (gj_csv_preview_import (p, f->store, GJ_DUPLICATES_UPDATE, 0, NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.created, ==, 4);
  /* Line 6 writes its spelling of the name over line 5's. */
  g_assert_cmpuint (counts.updated, ==, 2);
  g_assert_cmpuint (counts.skipped, ==, 0);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_UNIT, NULL), ==, 4);
  {
    g_autoptr(GjRecord) a = gj_store_find_duplicate_unit (f->store, CODE_A, NULL, NULL, NULL, &error);

    g_assert_cmpstr (gj_record_get_text (a, "remark"), ==, "第二次");
    g_assert_cmpstr (gj_record_get_text (a, "name"), ==, "甲公司（总部）");
  }
}

static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) unit = add_unit (f, "甲公司", CODE_A, "洛阳", "旧备注");
  g_autofree char *before = dump_units (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GListModel) changes_before = gj_store_list_changes (f->store, 0, NULL);
  g_autoptr(GListModel) changes_after = NULL;
  g_autoptr(GjCsvPreview) p =
    preview (f,
             "name,credit_code,address,remark,staff_count\r\n"
             "甲公司," CODE_A ",洛阳,新备注,3\r\n"     /* an update of the stored unit */
             "新单位," CODE_B ",洛阳,,5\r\n"           /* a new unit */
             "坏单位,,洛阳,,五\r\n",                   /* line 4: not a number */
             "units");
  GjCsvImportCounts counts = { 0 };

  g_assert_false (gj_csv_preview_import (p, f->store, GJ_DUPLICATES_UPDATE, 0, NULL, NULL, NULL, &counts, &error));
  g_assert_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 4"));
  g_assert_nonnull (strstr (error->message, "staff_count"));
  g_clear_error (&error);
  g_assert_cmpuint (counts.failed, ==, 1);
  g_assert_cmpuint (counts.created + counts.updated, ==, 0);
  after = dump_units (f->store);
  g_assert_cmpstr (before, ==, after);
  changes_after = gj_store_list_changes (f->store, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (changes_before), ==, g_list_model_get_n_items (changes_after));

  /* A dry run does everything and keeps nothing. */
  g_assert_true (gj_csv_preview_import (p, f->store, GJ_DUPLICATES_UPDATE, GJ_CSV_IMPORT_DRY_RUN | GJ_CSV_IMPORT_SKIP_FAILED,
                                        NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.created, ==, 1);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_clear_pointer (&after, g_free);
  after = dump_units (f->store);
  g_assert_cmpstr (before, ==, after);

  /* Skipping the failed rows imports the rest. */
  g_assert_true (gj_csv_preview_import (p, f->store, GJ_DUPLICATES_UPDATE, GJ_CSV_IMPORT_SKIP_FAILED,
                                        NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.created, ==, 1);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (counts.failed, ==, 1);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_UNIT, NULL), ==, 2);

  /* The old entry point is all or nothing too. */
  {
    g_autofree char *path = write_file (f, "bad2.csv", "name,staff_count\r\n新单位甲,3\r\n新单位乙,三\r\n", -1);

    g_clear_pointer (&before, g_free);
    before = dump_units (f->store);
    g_assert_false (gj_import_file (f->store, path, "units", NULL, FALSE, NULL, NULL, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "line 3"));
    g_clear_pointer (&after, g_free);
    after = dump_units (f->store);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Failed rows, export ------------------------------------------------------------- */

static void
test_failed_rows_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjCsvPreview) p =
    preview (f,
             "单位名称,统一社会信用代码,备注\r\n"
             "甲公司," CODE_A ",好\r\n"
             "\"=HYPERLINK(\"\"x\"\")\",9.14103E+17,\"两行\n备注\"\r\n"
             "乙公司,91410305YPCBT5T585,\r\n",
             "units");
  g_autofree char *out = g_build_filename (f->dir, "failed.csv", NULL);
  g_autofree char *text = NULL;
  guint n = 0;

  g_assert_true (gj_csv_preview_write_failed (p, out, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "单位名称,统一社会信用代码,备注,错误/error\r\n"));
  g_assert_null (strstr (text, "甲公司"));
  /* The formula stays harmless, the quoted newline stays in its cell. */
  g_assert_nonnull (strstr (text, "\"'=HYPERLINK(\"\"x\"\")\",9.14103E+17,\"两行\n备注\",\"line 3: column “统一社会信用代码”"));
  g_assert_nonnull (strstr (text, "乙公司,91410305YPCBT5T585,,line 5: column “统一社会信用代码”: the unified social credit code"));

  /* Fixed in Excel, the file comes back: the error column is not data. */
  {
    g_autofree char *fixed = g_strconcat ("\xEF\xBB\xBF" "单位名称,统一社会信用代码,备注,错误/error\r\n"
                                          "乙公司," CODE_C ",,line 5: whatever\r\n", NULL);
    g_autoptr(GjCsvPreview) again = preview_full (f, "fixed.csv", fixed, -1, "units", NULL);
    GjCsvImportCounts counts = { 0 };

    g_assert_cmpuint (gj_csv_preview_get_n_ok (again), ==, 1);
    g_assert_null (gj_csv_preview_get_target (again, 3));
    g_assert_null (gj_csv_preview_get_notes (again));
    g_assert_true (gj_csv_preview_import (again, f->store, GJ_DUPLICATES_UPDATE, 0, NULL, NULL, NULL, &counts, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (counts.created, ==, 1);
    {
      g_autoptr(GjRecord) u = gj_store_find_duplicate_unit (f->store, CODE_C, NULL, NULL, NULL, &error);

      g_assert_nonnull (u);
      g_assert_null (gj_record_get_text (u, "extra"));
    }
  }
}

static void
test_csv_export_round_trip (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) a = add_unit (f, "=cmd|' /C calc'!A0", CODE_A, "洛阳", NULL);
  g_autoptr(GjRecord) b = add_unit (f, "乙公司", NULL, "-涧西区", "@备注");
  g_autofree char *out = g_build_filename (f->dir, "units.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GjCsvPreview) p = NULL;
  GjCsvImportCounts counts = { 0 };

  gj_record_set_text (b, "landline", "+86 0379 1234");
  gj_record_set_text (b, "contact_phone", "013800000000");
  g_assert_true (gj_store_update (f->store, b, &error));
  g_assert_true (gj_export_file (f->store, out, "units", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (text, "\"'=cmd|' /C calc'!A0\""));
  g_assert_nonnull (strstr (text, "\"'-涧西区\""));
  g_assert_nonnull (strstr (text, "\"'@备注\""));
  g_assert_nonnull (strstr (text, "\"'+86 0379 1234\""));
  g_assert_nonnull (strstr (text, ",013800000000,"));

  /* Our own export comes back as the same records, the quote marks gone. */
  p = preview_full (f, "units.csv", text, -1, "units", NULL);
  g_assert_cmpuint (gj_csv_preview_get_n_existing (p), ==, 2);
  g_assert_cmpint (gj_csv_row_get_match (row_at (p, 0)), ==, GJ_DUPLICATE_MATCH_UUID);
  g_assert_cmpstr (gj_record_get_text (gj_csv_row_get_record (row_at (p, 0)), "name"), ==, "=cmd|' /C calc'!A0");
  g_assert_true (gj_csv_preview_import (p, f->store, GJ_DUPLICATES_UPDATE, 0, NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.created, ==, 0);
  g_assert_cmpuint (counts.updated, ==, 0);
  g_assert_cmpuint (counts.skipped, ==, 2);
  (void) bytes;
  (void) a;
}

static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) unit = add_unit (f, "甲公司", CODE_A, NULL, NULL);
  g_autoptr(GjCsvPreview) p = NULL;
  GjCsvImportCounts counts = { 0 };

  gj_record_set_text (unit, "code", "U1");
  g_assert_true (gj_store_update (f->store, unit, &error));
  p = preview (f,
               "清单类型,名称,数量,单位编码,说明\r\n"
               "资源,会议室,2,U1,可容纳50人\r\n"
               "需求清单,助老志愿者,10,,\r\n"
               "其他,什么,1,,\r\n"
               "need,助老志愿者,3,,\r\n",
               "items");
  g_assert_cmpstr (gj_csv_preview_get_kind (p), ==, "items");
  g_assert_cmpstr (gj_record_get_text (gj_csv_row_get_record (row_at (p, 0)), "list"), ==, "resource");
  g_assert_cmpstr (gj_record_get_text (gj_csv_row_get_record (row_at (p, 1)), "list"), ==, "need");
  g_assert_true (row_has_issue (row_at (p, 2), GJ_CSV_ISSUE_VALUE, "其他"));
  g_assert_cmpuint (gj_csv_row_get_duplicate_line (row_at (p, 3)), ==, 3);

  g_assert_true (gj_csv_preview_import (p, f->store, GJ_DUPLICATES_CREATE, GJ_CSV_IMPORT_SKIP_FAILED, NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.created, ==, 3);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_LIST_ITEM, NULL), ==, 3);
  {
    g_autoptr(GListModel) items = gj_store_list (f->store, GJ_TYPE_LIST_ITEM, NULL);
    g_autoptr(GjRecord) first = g_list_model_get_item (items, 0);

    g_assert_cmpint (gj_record_get_int (first, "owner_unit_id"), ==, gj_record_get_id (unit));
  }
}

/* XLSX ------------------------------------------------------------------------------ */

static gboolean
run_openpyxl (const char *script)
{
  const char *python = "/usr/bin/python3";
  const char *argv[] = { python, "-c", script, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no /usr/bin/python3");
      return FALSE;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("openpyxl: %s %s", out, err);
  if (err && strstr (err, "No module named 'openpyxl'"))
    {
      g_test_skip ("python3-openpyxl is not installed");
      return FALSE;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "ok\n");
  return TRUE;
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) a = add_unit (f, "洛阳伊滨环保科技有限公司", CODE_A, "河南省洛阳市涧西区瀛洲路260号", NULL);
  g_autoptr(GjRecord) item = gj_record_new_for_kind ("list_item");
  g_autofree char *units = g_build_filename (f->dir, "units.xlsx", NULL);
  g_autofree char *items = g_build_filename (f->dir, "items.xlsx", NULL);
  g_autofree char *evaluations = g_build_filename (f->dir, "evaluations.xlsx", NULL);
  g_autofree char *script = NULL;
  guint n = 0;

  gj_record_set_text (a, "code", "000123");
  gj_record_set_text (a, "contact_phone", "013800000000");
  gj_record_set_int (a, "staff_count", 42);
  gj_record_set_text (a, "registered_date", "2021-03-05");
  g_assert_true (gj_store_update (f->store, a, &error));
  gj_record_set_text (item, "list", "resource");
  gj_record_set_text (item, "title", "会议室");
  gj_record_set_real (item, "quantity", 2);
  gj_record_set_int (item, "owner_unit_id", gj_record_get_id (a));
  g_assert_true (gj_store_insert (f->store, item, &error));
  g_assert_no_error (error);

  g_assert_true (gj_export_file (f->store, units, "units", NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (gj_export_file (f->store, items, "items", NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (gj_export_file (f->store, evaluations, "evaluations", NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);

  script = g_strdup_printf ("import openpyxl, datetime\n"
                            "wb = openpyxl.load_workbook('%s')\n"
                            "ws = wb.worksheets[0]\n"
                            "assert ws.freeze_panes == 'A2', ws.freeze_panes\n"
                            "assert ws.auto_filter.ref and ws.auto_filter.ref.startswith('A1:'), ws.auto_filter.ref\n"
                            "assert ws['A1'].font.b, 'header not bold'\n"
                            "rows = list(ws.iter_rows(values_only=True))\n"
                            "assert len(rows) == 2, len(rows)\n"
                            "r = dict(zip(rows[0], rows[1]))\n"
                            "assert r['unit_id'] == '000123', r['unit_id']\n"
                            "assert r['credit_code'] == '%s'\n"
                            "assert r['contact_mobile'] == '013800000000', r['contact_mobile']\n"
                            "assert r['staff_count'] == 42 and not isinstance(r['staff_count'], str)\n"
                            "assert r['registered_date'] == datetime.datetime(2021, 3, 5), r['registered_date']\n"
                            "col = openpyxl.utils.get_column_letter(rows[0].index('address') + 1)\n"
                            "assert ws.column_dimensions[col].width >= 30, ws.column_dimensions[col].width\n"
                            "ws = openpyxl.load_workbook('%s').worksheets[0]\n"
                            "rows = list(ws.iter_rows(values_only=True))\n"
                            "r = dict(zip(rows[0], rows[1]))\n"
                            "assert r['list'] == 'resource' and r['title'] == '会议室', r\n"
                            "assert r['quantity'] == 2 and not isinstance(r['quantity'], str), r['quantity']\n"
                            "assert r['unit_name'] == '洛阳伊滨环保科技有限公司', r['unit_name']\n"
                            "ws = openpyxl.load_workbook('%s').worksheets[0]\n"
                            "h = [c.value for c in ws[1]]\n"
                            "assert 'year' in h and 'agreement_id' in h, h\n"
                            "print('ok')\n", units, CODE_A, items, evaluations);
  run_openpyxl (script);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/csv/encodings", test_encodings);
  ADD ("/csv/delimiters-and-title", test_delimiters_and_title);
  ADD ("/csv/quoted-newlines-and-ragged-rows", test_quoted_newlines_and_ragged_rows);
  ADD ("/csv/mapping", test_mapping);
  ADD ("/csv/row-errors", test_row_errors);
  ADD ("/csv/unknown-places", test_unknown_places);
  ADD ("/csv/duplicate-lookup", test_duplicate_lookup);
  ADD ("/csv/strategies", test_strategies);
  ADD ("/csv/in-file-duplicates", test_in_file_duplicates);
  ADD ("/csv/all-or-nothing", test_all_or_nothing);
  ADD ("/csv/failed-rows-file", test_failed_rows_file);
  ADD ("/csv/export-round-trip", test_csv_export_round_trip);
  ADD ("/csv/items", test_items);
  ADD ("/csv/xlsx", test_xlsx);
#undef ADD

  return g_test_run ();
}
