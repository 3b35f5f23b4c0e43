/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gongjian-cli: the store and the importers, headless. The commands, their
 * output and exit statuses are a contract (DESIGN.md): tests rely on them. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "gj-build-ident.h"
#include "gj-cli.h"
#include "gj-cli-meetings.h"
#include "gj-csv-preview.h"
#include "gj-io.h"
#include "gj-print.h"
#include "gj-sample.h"
#include "gj-store-checks.h"
#include "gj-store.h"

typedef struct
{
  const char *db_path;
  gboolean    sample;
  gboolean    json;
  gboolean    dry_run;
  char       *kind;
  char       *encoding;
  char       *crs;
  char       *output;
  char       *street;
  char       *paper;
  char       *theme;
  char       *title;
  gboolean    atlas;
  gboolean    landscape;
  char       *duplicates;
  char       *failed_rows;
  gboolean    skip_failed;
  const char *document;   /* "--notice" or "--minutes" for agenda */
} Options;

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("gongjian-cli: %s\n", msg);
  g_printerr (_("Try “gongjian-cli --help”.\n"));
  return GJ_CLI_USAGE;
}

static int
fail (GError *error)
{
  g_printerr ("gongjian-cli: %s\n", error->message);
  return GJ_CLI_FAIL;
}

static void
print_help (void)
{
  g_print ("%s", _("Usage: gongjian-cli [--db PATH] COMMAND [ARGUMENTS]\n"
                   "\n"
                   "Commands:\n"
                   "  init [--sample]                 create an empty database, or one holding the sample district\n"
                   "  import FILE [--kind K] [--encoding E] [--crs C] [--dry-run]\n"
                   "                                  import GeoJSON or KML (grids, stations), CSV (units, agreements, items, problems)\n"
                   "                                  or iCalendar (meetings); all or nothing (a calendar's bad events are skipped);\n"
                   "                                  --crs gcj02|bd09 converts web-map coordinates to WGS-84 (approximately)\n"
                   "         CSV: [--duplicates skip|update|fill|create] [--failed-rows OUT.csv] [--skip-failed]\n"
                   "                                  --encoding utf-8|gb18030 overrides the detected encoding;\n"
                   "                                  --dry-run lists each row's errors and duplicates and writes nothing;\n"
                   "                                  --duplicates: what a row matching a stored record does (default update);\n"
                   "                                  --failed-rows writes the rows with errors, and why, to fix and import again;\n"
                   "                                  --skip-failed imports the good rows instead of refusing the file\n"
                   "  export FILE [--kind K]          export as .geojson, .gpkg, .csv, .xlsx or .ics\n"
                   "  stats [--json]                  counts per record kind and per street\n"
                   "  check [--json]                  data checks: invalid, overlapping and missing grids, points outside grids, duplicate and wrong codes\n"
                   "  print-map --output FILE [--street S] [--atlas] [--paper a4|a3] [--landscape]\n"
                   "            [--theme kind|street|coverage|units] [--title T]\n"
                   "                                  the map as PDF, PNG or SVG with legend, scale bar and north arrow;\n"
                   "                                  --atlas: a PDF with a page per street\n"));
  g_print ("%s", _("            more themes (grids in 5 quantile classes): indicator_units, agreements,\n"
                   "            open_problems, station_distance; --atlas pages carry each street's figures\n"));
  g_print ("%s", _(GJ_CLI_AGENDA_USAGE));
  g_print ("%s", _("  backup FILE                     copy the whole database to FILE\n"
                   "  restore FILE                    replace the database with the backup FILE\n"
                   "\n"
                   "Kinds: grids, stations, units, agreements, items, evaluations, meetings, problems.\n"
                   "The database is --db PATH, else $GONGJIAN_DB, else the app's own file.\n"
                   "Exit status: 0 success, 1 the work failed (the database is unchanged), 2 usage error.\n"));
}

static GjStore *
open_store (Options           *opts,
            GjStoreOpenFlags   flags,
            GError           **error)
{
  g_autofree char *path = opts->db_path ? g_strdup (opts->db_path) : gj_store_dup_default_path ();
  GjStore *store = gj_store_open (path, flags, error);

  if (store != NULL)
    gj_store_set_actor (store, g_get_user_name ());
  return store;
}

static void
show_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  /* Progress goes to a terminal only; pipes and logs stay clean. */
  if (isatty (fileno (stderr)) && total > 0)
    g_printerr ("\r%3u%%", (guint) (100 * done / total));
}

static void
end_progress (void)
{
  if (isatty (fileno (stderr)))
    g_printerr ("\r    \r");
}

static int
cmd_init (Options  *opts,
          char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autofree char *path = opts->db_path ? g_strdup (opts->db_path) : gj_store_dup_default_path ();

  if (args[0] != NULL)
    return usage_error (_("init takes no arguments besides --sample"));

  store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return fail (error);

  if (gj_store_count (store, GJ_TYPE_GRID, NULL) > 0 || gj_store_count (store, GJ_TYPE_UNIT, NULL) > 0 ||
      gj_store_count (store, GJ_TYPE_STATION, NULL) > 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_printerr (_("gongjian-cli: “%s” already holds a district; choose another file or delete it first\n"), name);
      return GJ_CLI_FAIL;
    }

  if (opts->sample)
    {
      gboolean ok = gj_sample_load (store, show_progress, NULL, NULL, &error);

      end_progress ();
      if (!ok)
        return fail (error);
    }

  {
    g_autofree char *name = g_filename_display_name (path);

    if (opts->sample)
      g_print (_("Created %s with the sample district: %d grids, %d stations, %d units, %d agreements, %d meetings\n"),
               name, (int) gj_store_count (store, GJ_TYPE_GRID, NULL), (int) gj_store_count (store, GJ_TYPE_STATION, NULL),
               (int) gj_store_count (store, GJ_TYPE_UNIT, NULL), (int) gj_store_count (store, GJ_TYPE_AGREEMENT, NULL),
               (int) gj_store_count (store, GJ_TYPE_MEETING, NULL));
    else
      g_print (_("Created %s\n"), name);
  }
  return GJ_CLI_OK;
}

static gboolean
is_csv_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") || g_str_has_suffix (lower, ".txt");
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ';': return _("semicolon");
    case '\t': return _("tab");
    case ',':
    default:
      return _("comma");
    }
}

/* CSV through the preview: every bad row is named, not just the first. */
static int
import_csv (Options    *opts,
            GjStore    *store,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjCsvPreview) preview = NULL;
  g_autofree char *name = g_filename_display_name (path);
  GjCsvOptions options = { 0 };
  GjCsvImportCounts counts = { 0 };
  GjDuplicateStrategy strategy = GJ_DUPLICATES_UPDATE;
  GjCsvImportFlags flags = GJ_CSV_IMPORT_DEFAULT;
  guint n_rows, shown = 0;
  gboolean ok;

  if (opts->duplicates != NULL && !gj_duplicate_strategy_from_string (opts->duplicates, &strategy))
    return usage_error (_("unknown --duplicates “%s” (known: skip, update, fill, create)"), opts->duplicates);

  options.kind = opts->kind;
  options.encoding = opts->encoding;
  options.crs = opts->crs;
  preview = gj_csv_preview_new_from_file (store, path, &options, NULL, &error);
  if (preview == NULL)
    return fail (error);
  n_rows = gj_csv_preview_get_n_rows (preview);

  /* Every row with errors: file, line, column and reason. */
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GjCsvRow) row = g_list_model_get_item (G_LIST_MODEL (preview), i);

      if (!gj_csv_row_is_ok (row))
        g_printerr (_("gongjian-cli: %s: line %u: %s\n"), name, gj_csv_row_get_line (row), gj_csv_row_get_error_text (row));
    }

  if (opts->failed_rows != NULL)
    {
      guint n = 0;

      if (!gj_csv_preview_write_failed (preview, opts->failed_rows, &n, &error))
        return fail (error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u row with errors to %s\n", "Wrote %u rows with errors to %s\n", n),
               n, opts->failed_rows);
    }

  if (opts->dry_run)
    {
      g_print (_("File: %s (%s, encoding %s, delimiter: %s, header on line %u)\n"), name, gj_csv_preview_get_kind (preview),
               gj_csv_preview_get_encoding (preview), delimiter_name (gj_csv_preview_get_delimiter (preview)),
               gj_csv_preview_get_header_line (preview));
      g_print (_("Rows: %u; without errors: %u; with errors: %u; duplicates within the file: %u; already stored: %u\n"),
               n_rows, gj_csv_preview_get_n_ok (preview), gj_csv_preview_get_n_failed (preview),
               gj_csv_preview_get_n_duplicates_in_file (preview), gj_csv_preview_get_n_existing (preview));
      for (guint i = 0; i < n_rows; i++)
        {
          g_autoptr(GjCsvRow) row = g_list_model_get_item (G_LIST_MODEL (preview), i);

          if (!gj_csv_row_is_ok (row))
            g_print (_("  line %u: %s\n"), gj_csv_row_get_line (row), gj_csv_row_get_error_text (row));
        }
      for (guint i = 0; i < n_rows && shown < 50; i++)
        {
          g_autoptr(GjCsvRow) row = g_list_model_get_item (G_LIST_MODEL (preview), i);

          if (gj_csv_row_get_duplicate_line (row) > 0)
            {
              g_print (_("  line %u: the same as line %u\n"), gj_csv_row_get_line (row), gj_csv_row_get_duplicate_line (row));
              shown++;
            }
          else if (gj_csv_row_get_existing_id (row) > 0)
            {
              g_print (_("  line %u: already stored as “%s” (%s)\n"), gj_csv_row_get_line (row),
                       gj_csv_row_get_existing_label (row), gj_duplicate_match_to_string (gj_csv_row_get_match (row)));
              shown++;
            }
        }
      if (shown == 50)
        g_print ("%s\n", _("  … (more duplicates not shown)"));
      flags |= GJ_CSV_IMPORT_DRY_RUN | GJ_CSV_IMPORT_SKIP_FAILED;
    }
  else if (opts->skip_failed)
    flags |= GJ_CSV_IMPORT_SKIP_FAILED;

  ok = gj_csv_preview_import (preview, store, strategy, flags, show_progress, NULL, NULL, &counts, &error);
  end_progress ();
  if (gj_csv_preview_get_notes (preview) != NULL)
    g_print ("%s", gj_csv_preview_get_notes (preview));
  if (!ok)
    return fail (error);

  if (opts->dry_run)
    {
      g_print (_("With --duplicates %s this would create %u, update %u, fill %u and skip %u records; %u rows have errors. Nothing was written (--dry-run).\n"),
               gj_duplicate_strategy_to_string (strategy), counts.created, counts.updated, counts.filled, counts.skipped,
               counts.failed);
      /* Like the import it stands for: rows with errors fail it. */
      return counts.failed > 0 ? GJ_CLI_FAIL : GJ_CLI_OK;
    }
  g_print (_("Imported %s (%s, %s): %u created, %u updated, %u filled, %u skipped, %u failed\n"),
           name, gj_csv_preview_get_kind (preview), gj_csv_preview_get_encoding (preview),
           counts.created, counts.updated, counts.filled, counts.skipped, counts.failed);
  return GJ_CLI_OK;
}

static int
cmd_import (Options  *opts,
            char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GjImportResult) result = NULL;
  gboolean ok;

  if (args[0] == NULL || args[1] != NULL)
    return usage_error (_("import takes one FILE"));

  if ((opts->duplicates != NULL || opts->failed_rows != NULL || opts->skip_failed) && !is_csv_path (args[0]))
    return usage_error (_("--duplicates, --failed-rows and --skip-failed are for CSV files"));

  store = open_store (opts, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error);

  if (is_csv_path (args[0]))
    {
      if (!g_file_test (args[0], G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *name = g_filename_display_name (args[0]);

          g_printerr (_("gongjian-cli: %s: no such file\n"), name);
          return GJ_CLI_FAIL;
        }
      return import_csv (opts, store, args[0]);
    }

  {
    GjImportOptions options = { opts->kind, opts->encoding, opts->crs, opts->dry_run };

    ok = gj_import_file_full (store, args[0], &options, show_progress, NULL, NULL, &result, &error);
  }
  end_progress ();
  if (!ok)
    return fail (error);
  g_print (opts->dry_run ? _("Checked %s (%s, %s): %u new, %u updated; nothing was written (--dry-run)\n")
                         : _("Imported %s (%s, %s): %u new, %u updated\n"),
           result->kind, result->format, result->encoding, result->inserted, result->updated);
  if (result->crs != 0)
    g_print (_("Coordinates were converted from %s to WGS-84; the conversion is approximate (about a metre).\n"),
             opts->crs);
  if (result->notes != NULL)
    g_print (_("Skipped:\n%s"), result->notes);
  else if (result->skipped > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u feature was skipped: only polygons (grids) and points (stations) belong in a district\n",
                          "%u features were skipped: only polygons (grids) and points (stations) belong in a district\n",
                          result->skipped), result->skipped);

  return GJ_CLI_OK;
}

static int
cmd_export (Options  *opts,
            char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  guint n = 0;
  gboolean ok;

  if (args[0] == NULL || args[1] != NULL)
    return usage_error (_("export takes one FILE"));

  store = open_store (opts, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error);

  ok = gj_export_file (store, args[0], opts->kind, show_progress, NULL, NULL, &n, &error);
  end_progress ();
  if (!ok)
    return fail (error);
  g_print (_("Exported %u records to %s\n"), n, args[0]);
  return GJ_CLI_OK;
}

static int
cmd_stats (Options  *opts,
           char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(JsonNode) stats = NULL;
  JsonObject *root, *counts;
  JsonArray *streets;

  if (args[0] != NULL)
    return usage_error (_("stats takes no arguments besides --json"));

  store = open_store (opts, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error);
  stats = gj_store_dup_stats (store, &error);
  if (stats == NULL)
    return fail (error);

  if (opts->json)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_pretty (gen, TRUE);
      json_generator_set_root (gen, stats);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
      return GJ_CLI_OK;
    }

  root = json_node_get_object (stats);
  counts = json_object_get_object_member (root, "counts");
  g_print (_("Grids: %d\n"), (int) json_object_get_int_member (counts, "grids"));
  g_print (_("Service stations: %d\n"), (int) json_object_get_int_member (counts, "stations"));
  g_print (_("Resident units: %d\n"), (int) json_object_get_int_member (counts, "units"));
  g_print (_("Agreements: %d\n"), (int) json_object_get_int_member (counts, "agreements"));
  g_print (_("Joint meetings: %d\n"), (int) json_object_get_int_member (counts, "meetings"));
  g_print (_("Problems: %d\n"), (int) json_object_get_int_member (counts, "problems"));
  g_print (_("Streets: %d, communities: %d\n"),
           (int) json_object_get_int_member (counts, "streets"), (int) json_object_get_int_member (counts, "communities"));
  streets = json_object_get_array_member (root, "by_street");
  if (json_array_get_length (streets) > 0)
    g_print ("\n%s\n", _("Street\tGrids\tStations\tUnits"));
  for (guint i = 0; i < json_array_get_length (streets); i++)
    {
      JsonObject *s = json_array_get_object_element (streets, i);

      g_print ("%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
               json_object_get_string_member (s, "name"), json_object_get_int_member (s, "grids"),
               json_object_get_int_member (s, "stations"), json_object_get_int_member (s, "units"));
    }
  return GJ_CLI_OK;
}

static int
cmd_check (Options  *opts,
           char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GListModel) findings = NULL;
  guint n, open = 0;

  if (args[0] != NULL)
    return usage_error (_("check takes no arguments besides --json"));

  store = open_store (opts, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error);
  findings = gj_store_run_checks (store, show_progress, NULL, NULL, &error);
  end_progress ();
  if (findings == NULL)
    return fail (error);
  n = g_list_model_get_n_items (findings);

  if (opts->json)
    {
      g_autoptr(JsonNode) json = gj_findings_to_json (findings);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_pretty (gen, TRUE);
      json_generator_set_root (gen, json);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
      return GJ_CLI_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjFinding) f = g_list_model_get_item (findings, i);

      if (gj_finding_get_accepted (f))
        g_print (_("%s (accepted: %s)\n"), gj_finding_get_message (f), gj_finding_get_reason (f));
      else
        {
          g_print ("%s\n", gj_finding_get_message (f));
          open++;
        }
    }
  if (n == 0)
    g_print ("%s\n", _("No problems found."));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u finding, %u not accepted\n", "%u findings, %u not accepted\n", n), n, open);
  return GJ_CLI_OK;
}

static int
cmd_print_map (Options  *opts,
               char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  GjPrintOptions options;
  gboolean ok;

  if (args[0] != NULL)
    return usage_error (_("print-map takes no arguments besides its options"));
  if (opts->output == NULL)
    return usage_error (_("print-map needs --output FILE (.pdf, .png or .svg)"));

  gj_print_options_init (&options);
  options.output = opts->output;
  options.street = opts->street;
  options.atlas = opts->atlas;
  options.landscape = opts->landscape;
  options.title = opts->title;
  if (opts->paper != NULL && !gj_paper_from_string (opts->paper, &options.paper))
    return usage_error (_("unknown paper “%s” (known: a4, a3)"), opts->paper);
  if (opts->theme != NULL && !gj_map_theme_from_string (opts->theme, &options.theme))
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (GjMapTheme t = 0; t <= GJ_MAP_THEME_LAST; t++)
        g_string_append_printf (known, "%s%s", t > 0 ? ", " : "", gj_map_theme_to_string (t));
      /* Translators: the second %s lists the theme names, which stay as they are */
      return usage_error (_("unknown theme “%s” (known: %s)"), opts->theme, known->str);
    }

  store = open_store (opts, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error);
  ok = gj_print_map (store, &options, show_progress, NULL, NULL, &error);
  end_progress ();
  if (!ok)
    return fail (error);
  g_print (_("Wrote %s\n"), opts->output);
  return GJ_CLI_OK;
}

/* gj-cli-meetings.c reads the meeting, --notice or --minutes and --output. */
static int
cmd_agenda (Options  *opts,
            char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  for (char **a = args; *a != NULL; a++)
    g_ptr_array_add (argv, *a);
  if (opts->document != NULL)
    g_ptr_array_add (argv, (gpointer) opts->document);
  g_ptr_array_add (argv, NULL);

  store = open_store (opts, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error);
  return gj_cli_agenda (store, (int) argv->len - 1, (char **) argv->pdata, opts->output);
}

static int
cmd_backup (Options  *opts,
            char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  gboolean ok;

  if (args[0] == NULL || args[1] != NULL)
    return usage_error (_("backup takes one FILE"));

  store = open_store (opts, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error);
  ok = gj_store_backup (store, args[0], show_progress, NULL, NULL, &error);
  end_progress ();
  if (!ok)
    return fail (error);
  g_print (_("Backed up to %s\n"), args[0]);
  return GJ_CLI_OK;
}

static int
cmd_restore (Options  *opts,
             char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  gboolean ok;

  if (args[0] == NULL || args[1] != NULL)
    return usage_error (_("restore takes one FILE"));

  store = open_store (opts, GJ_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return fail (error);
  ok = gj_store_restore_from (store, args[0], show_progress, NULL, NULL, &error);
  end_progress ();
  if (!ok)
    return fail (error);
  g_print (_("Restored the database from %s\n"), args[0]);
  return GJ_CLI_OK;
}

static const struct
{
  const char *name;
  int (*run) (Options *opts, char **args);
} commands[] = {
  { "init", cmd_init },
  { "import", cmd_import },
  { "export", cmd_export },
  { "stats", cmd_stats },
  { "check", cmd_check },
  { "print-map", cmd_print_map },
  { "agenda", cmd_agenda },
  { "backup", cmd_backup },
  { "restore", cmd_restore },
};

static int
run_command (Options  *opts_in,
             int       argc,
             char    **argv);

int
gj_cli_run (int    argc,
            char **argv)
{
  Options opts = { 0 };
  int status = run_command (&opts, argc, argv);

  g_free (opts.kind);
  g_free (opts.encoding);
  g_free (opts.crs);
  g_free (opts.output);
  g_free (opts.street);
  g_free (opts.paper);
  g_free (opts.theme);
  g_free (opts.title);
  g_free (opts.duplicates);
  g_free (opts.failed_rows);
  return status;
}

static int
run_command (Options  *opts_in,
             int       argc,
             char    **argv)
{
#define opts (*opts_in)
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const char *command = NULL;
  int status;

  /* Options may stand before or after the command. */
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

#define VALUE(opt) \
      (g_str_has_prefix (a, opt "=") ? a + strlen (opt "=") : (i + 1 < argc ? argv[++i] : NULL))

      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          print_help ();
          return GJ_CLI_OK;
        }
      else if (strcmp (a, "--version") == 0)
        {
          g_print ("gongjian-cli %s\n", GJ_BUILD_IDENTIFIER);
          return GJ_CLI_OK;
        }
      else if (strcmp (a, "--db") == 0 || g_str_has_prefix (a, "--db="))
        {
          if ((opts.db_path = VALUE ("--db")) == NULL)
            return usage_error (_("--db needs a PATH"));
        }
      else if (strcmp (a, "--kind") == 0 || g_str_has_prefix (a, "--kind="))
        {
          const char *v = VALUE ("--kind");

          if (v == NULL)
            return usage_error (_("--kind needs a KIND"));
          g_free (opts.kind);
          opts.kind = g_strdup (v);
        }
      else if (strcmp (a, "--encoding") == 0 || g_str_has_prefix (a, "--encoding="))
        {
          const char *v = VALUE ("--encoding");

          if (v == NULL)
            return usage_error (_("--encoding needs an ENCODING"));
          g_free (opts.encoding);
          opts.encoding = g_strdup (v);
        }
      else if (strcmp (a, "--crs") == 0 || g_str_has_prefix (a, "--crs="))
        {
          const char *v = VALUE ("--crs");

          if (v == NULL)
            return usage_error (_("--crs needs a coordinate system (wgs84, cgcs2000, gcj02, bd09)"));
          g_free (opts.crs);
          opts.crs = g_strdup (v);
        }
      else if (strcmp (a, "--output") == 0 || g_str_has_prefix (a, "--output=") || strcmp (a, "-o") == 0)
        {
          const char *v = strcmp (a, "-o") == 0 ? (i + 1 < argc ? argv[++i] : NULL) : VALUE ("--output");

          if (v == NULL)
            return usage_error (_("--output needs a FILE"));
          g_free (opts.output);
          opts.output = g_strdup (v);
        }
      else if (strcmp (a, "--street") == 0 || g_str_has_prefix (a, "--street="))
        {
          const char *v = VALUE ("--street");

          if (v == NULL)
            return usage_error (_("--street needs a street's code or name"));
          g_free (opts.street);
          opts.street = g_strdup (v);
        }
      else if (strcmp (a, "--paper") == 0 || g_str_has_prefix (a, "--paper="))
        {
          const char *v = VALUE ("--paper");

          if (v == NULL)
            return usage_error (_("--paper needs a4 or a3"));
          g_free (opts.paper);
          opts.paper = g_strdup (v);
        }
      else if (strcmp (a, "--theme") == 0 || g_str_has_prefix (a, "--theme="))
        {
          const char *v = VALUE ("--theme");

          if (v == NULL)
            return usage_error (_("--theme needs a theme name: kind, street, coverage, units, indicator_units, agreements, open_problems or station_distance"));
          g_free (opts.theme);
          opts.theme = g_strdup (v);
        }
      else if (strcmp (a, "--title") == 0 || g_str_has_prefix (a, "--title="))
        {
          const char *v = VALUE ("--title");

          if (v == NULL)
            return usage_error (_("--title needs a text"));
          g_free (opts.title);
          opts.title = g_strdup (v);
        }
      else if (strcmp (a, "--duplicates") == 0 || g_str_has_prefix (a, "--duplicates="))
        {
          const char *v = VALUE ("--duplicates");

          if (v == NULL)
            return usage_error (_("--duplicates needs skip, update, fill or create"));
          g_free (opts.duplicates);
          opts.duplicates = g_strdup (v);
        }
      else if (strcmp (a, "--failed-rows") == 0 || g_str_has_prefix (a, "--failed-rows="))
        {
          const char *v = VALUE ("--failed-rows");

          if (v == NULL)
            return usage_error (_("--failed-rows needs a FILE"));
          g_free (opts.failed_rows);
          opts.failed_rows = g_strdup (v);
        }
      else if (strcmp (a, "--skip-failed") == 0)
        opts.skip_failed = TRUE;
      else if (strcmp (a, "--notice") == 0 || strcmp (a, "--minutes") == 0)
        opts.document = a;
      else if (strcmp (a, "--atlas") == 0)
        opts.atlas = TRUE;
      else if (strcmp (a, "--landscape") == 0)
        opts.landscape = TRUE;
      else if (strcmp (a, "--sample") == 0)
        opts.sample = TRUE;
      else if (strcmp (a, "--json") == 0)
        opts.json = TRUE;
      else if (strcmp (a, "--dry-run") == 0)
        opts.dry_run = TRUE;
      else if (a[0] == '-' && a[1] != '\0')
        return usage_error (_("unknown option “%s”"), a);
      else if (command == NULL)
        command = a;
      else
        g_ptr_array_add (rest, (gpointer) a);
#undef VALUE
    }
  g_ptr_array_add (rest, NULL);

  if (command == NULL)
    return usage_error (_("no command given"));

  if (opts.kind != NULL)
    {
      gboolean known = FALSE;

      for (const char * const *k = gj_io_get_kinds (); *k; k++)
        if (strcmp (*k, opts.kind) == 0 || (g_str_has_prefix (*k, opts.kind) && strlen (*k) == strlen (opts.kind) + 1))
          known = TRUE;
      if (strcmp (opts.kind, "list_items") == 0 || strcmp (opts.kind, "list-items") == 0)
        known = TRUE;
      if (!known)
        return usage_error (_("unknown kind “%s” (known: grids, stations, units, agreements, items, evaluations, meetings, problems)"), opts.kind);
    }

  status = -1;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, command) == 0)
      status = commands[i].run (&opts, (char **) rest->pdata);
  if (status < 0)
    status = usage_error (_("unknown command “%s”"), command);
  return status;
#undef opts
}
