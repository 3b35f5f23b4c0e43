/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The problem wall's bulk update: export, preview, apply. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "gj-io-private.h"
#include "gj-problem-sheet.h"
#include "gj-records.h"
#include "gj-store-echo.h"
#include "gj-store-problems.h"
#include "gj-xlsx-read.h"

typedef enum
{
  COL_UUID,
  COL_CODE,
  COL_TITLE,
  COL_STREET,
  COL_GRID,
  COL_UNIT,
  COL_CATEGORY,
  COL_MEASURES,
  COL_DEADLINE,
  COL_COLOUR,
  COL_STATUS,
  COL_DETAIL,
  COL_EXTEND_REASON,
  COL_NOTE,
  COL_LAST_NOTE,
  N_COLS
} Column;

/* The header of each column: the code word, the title people read and
 * the Chinese title, so a file made under another language reads back. */
static const struct
{
  const char *key;
  const char *title;
  const char *zh;
  double      width;
} columns[N_COLS] = {
  { "uuid", N_("UUID"), "UUID", 12 },
  { "code", N_("Code"), "编号", 12 },
  { "title", N_("Problem"), "问题", 36 },
  { "street", N_("Street"), "街道", 14 },
  { "grid", N_("Grid"), "网格", 18 },
  { "lead_unit", N_("Responsible unit"), "责任单位", 24 },
  { "category", N_("Category"), "类别", 10 },
  { "measures", N_("Measures"), "整改措施", 40 },
  { "deadline", N_("Deadline"), "整改期限", 12 },
  { "colour", N_("Deadline state"), "期限状态", 10 },
  { "status", N_("Status"), "状态", 10 },
  { "status_detail", N_("Reason or to whom (status)"), "状态说明", 22 },
  { "extend_reason", N_("Reason for the new deadline"), "延期原因", 22 },
  { "note", N_("New progress note"), "新进展", 30 },
  { "last_note", N_("Latest progress"), "最近进展", 30 },
};

struct _GjProblemSheet
{
  GArray *rows;        /* GjSheetRow */
  char   *encoding;
  char   *name;        /* the file's base name, for messages */
  char   *sheet_name;  /* the worksheet read (.xlsx), or NULL (CSV) */
};

/* Where a row came from: the file, its sheet (.xlsx), and the header, to
 * name the column in a message. */
typedef struct
{
  const char *name;
  const char *sheet;
  GPtrArray  *header;
  const int  *index;
} Source;

/* ---- Export ------------------------------------------------------------------- */

static void
append_cell (GString    *line,
             const char *value,
             gboolean    first)
{
  gboolean quote;

  if (!first)
    g_string_append_c (line, ',');
  if (value == NULL || *value == '\0')
    return;
  /* Excel runs a cell starting with = + - @ as a formula: a quote mark
   * in front keeps it text. */
  quote = strpbrk (value, ",\"\r\n") != NULL || g_ascii_isspace (value[0]);
  if (strchr ("=+-@", value[0]) != NULL)
    {
      g_string_append (line, "\"'");
      quote = TRUE;
    }
  else if (quote)
    g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  if (quote)
    g_string_append_c (line, '"');
}

static char *
last_note (GjStore  *store,
           GjRecord *problem)
{
  g_autoptr(GListModel) notes = gj_store_problem_list_notes (store, problem, NULL);
  g_autoptr(GjRecord) note = NULL;
  guint n = notes != NULL ? g_list_model_get_n_items (notes) : 0;

  if (n == 0)
    return NULL;
  note = g_list_model_get_item (notes, n - 1);
  return g_strdup_printf ("%s %s", gj_record_get_text (note, "noted_on") ? gj_record_get_text (note, "noted_on") : "",
                          gj_record_get_text (note, "text"));
}

/* The cells of one problem, in column order. */
static GStrv
problem_cells (GjStore    *store,
               GjRecord   *problem,
               GHashTable *places)
{
  gint64 id = gj_record_get_id (problem);
  GjProblemPlace *place = g_hash_table_lookup (places, &id);
  GjProblemStatus status = gj_problem_get_status (problem);
  GStrv cells = g_new0 (char *, N_COLS + 1);

  cells[COL_UUID] = g_strdup (gj_record_get_uuid (problem));
  cells[COL_CODE] = g_strdup (gj_record_get_text (problem, "code"));
  cells[COL_TITLE] = g_strdup (gj_record_get_text (problem, "title"));
  cells[COL_STREET] = g_strdup (place != NULL ? place->street_name : NULL);
  cells[COL_GRID] = g_strdup (place != NULL ? place->grid_label : NULL);
  cells[COL_UNIT] = g_strdup (gj_record_get_text (problem, "lead_unit_name"));
  cells[COL_CATEGORY] = g_strdup (gj_record_get_text (problem, "category"));
  cells[COL_MEASURES] = g_strdup (gj_record_get_text (problem, "measures"));
  cells[COL_DEADLINE] = g_strdup (gj_record_get_text (problem, "deadline"));
  cells[COL_COLOUR] = g_strdup (gj_deadline_colour_get_title (gj_problem_get_colour (problem, NULL)));
  cells[COL_STATUS] = g_strdup (status != GJ_PROBLEM_INVALID ? gj_problem_status_get_title (status) : NULL);
  cells[COL_LAST_NOTE] = last_note (store, problem);
  for (int i = 0; i < N_COLS; i++)
    if (cells[i] == NULL)
      cells[i] = g_strdup ("");
  return cells;
}

static gboolean
write_csv (const char  *path,
           GPtrArray   *table,
           GError     **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");

  for (guint r = 0; r < table->len; r++)
    {
      GStrv cells = g_ptr_array_index (table, r);

      for (int c = 0; c < N_COLS; c++)
        append_cell (out, cells[c], c == 0);
      g_string_append (out, "\r\n");
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

static double
display_width (const char *s)
{
  double w = 0;

  for (; s != NULL && *s; s = g_utf8_next_char (s))
    w += g_unichar_iswide (g_utf8_get_char (s)) ? 2.1 : 1.1;
  return w;
}

static gboolean
write_xlsx (const char  *path,
            GPtrArray   *table,
            GError     **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header, *date, *faint;
  lxw_data_validation validation = { 0 };
  const char *statuses[GJ_PROBLEM_N_STATUSES + 1] = { NULL };
  double widths[N_COLS];
  lxw_error rc;

  workbook = workbook_new_opt (path, &options);
  if (workbook == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("Cannot write “%s”"), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, _("Problems"));
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bg_color (header, 0xF2F2F2);
  format_set_text_wrap (header);
  date = workbook_add_format (workbook);
  format_set_num_format (date, "yyyy-mm-dd");
  faint = workbook_add_format (workbook);
  format_set_font_color (faint, 0x808080);

  for (int c = 0; c < N_COLS; c++)
    widths[c] = MAX (columns[c].width, display_width (_(columns[c].title)) + 2);
  for (guint r = 0; r < table->len; r++)
    {
      GStrv cells = g_ptr_array_index (table, r);

      for (int c = 0; c < N_COLS; c++)
        {
          int y, m, d;

          if (r == 0)
            {
              worksheet_write_string (sheet, 0, c, cells[c], header);
              continue;
            }
          if (*cells[c] == '\0')
            continue;
          if (c == COL_DEADLINE && sscanf (cells[c], "%4d-%2d-%2d", &y, &m, &d) == 3)
            {
              lxw_datetime dt = { y, m, d, 0, 0, 0 };

              worksheet_write_datetime (sheet, r, c, &dt, date);
            }
          else
            worksheet_write_string (sheet, r, c, cells[c], c == COL_UUID ? faint : NULL);
        }
    }
  for (int c = 0; c < N_COLS; c++)
    worksheet_set_column (sheet, c, c, MIN (widths[c], 50), NULL);
  worksheet_freeze_panes (sheet, 1, 0);
  if (table->len > 1)
    worksheet_autofilter (sheet, 0, 0, table->len - 1, N_COLS - 1);

  /* The status column offers the statuses as a list. */
  for (int s = 0; s < GJ_PROBLEM_N_STATUSES; s++)
    statuses[s] = gj_problem_status_get_title (s);
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = (char **) statuses;
  validation.ignore_blank = LXW_VALIDATION_ON;
  validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
  worksheet_data_validation_range (sheet, 1, COL_STATUS, MAX (table->len, 2) + 500, COL_STATUS, &validation);

  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path, lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
gj_problem_sheet_export (GjStore     *store,
                         const char  *path,
                         gboolean     all,
                         guint       *n_written,
                         GError     **error)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GListModel) problems = NULL;
  g_autoptr(GHashTable) places = NULL;
  g_autofree char *lower = NULL;
  GStrv header;

  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_FORMAT,
                   _("%s: the problem sheet is written as .csv or .xlsx"), path);
      return FALSE;
    }
  problems = gj_store_list_full (store, GJ_TYPE_PROBLEM, NULL, GJ_STORE_LIST_NO_GEOMETRY, error);
  if (problems == NULL)
    return FALSE;
  places = gj_store_problem_dup_places (store, error);
  if (places == NULL)
    return FALSE;

  header = g_new0 (char *, N_COLS + 1);
  for (int c = 0; c < N_COLS; c++)
    header[c] = g_strdup (_(columns[c].title));
  g_ptr_array_add (table, header);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GjRecord) problem = g_list_model_get_item (problems, i);

      if (!all && gj_problem_status_is_done (gj_problem_get_status (problem)))
        continue;
      g_ptr_array_add (table, problem_cells (store, problem, places));
    }
  if (n_written != NULL)
    *n_written = table->len - 1;
  if (g_str_has_suffix (lower, ".csv"))
    return write_csv (path, table, error);
  return write_xlsx (path, table, error);
}

/* ---- Reading --------------------------------------------------------------------- */

static void
sheet_row_clear (GjSheetRow *row)
{
  g_free (row->uuid);
  g_free (row->title);
  g_free (row->summary);
  g_free (row->reason);
  g_free (row->detail);
  g_free (row->deadline);
  g_free (row->extend_reason);
  g_free (row->measures);
  g_free (row->note);
}

void
gj_problem_sheet_free (GjProblemSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_clear_pointer (&sheet->rows, g_array_unref);
  g_free (sheet->encoding);
  g_free (sheet->name);
  g_free (sheet->sheet_name);
  g_free (sheet);
}

/* A quote mark that kept a formula-like cell text goes again. */
static char *
cell_text (GPtrArray *row,
           int        index)
{
  const char *text;

  if (index < 0 || (guint) index >= row->len)
    return NULL;
  text = g_ptr_array_index (row, index);
  if (text[0] == '\'' && text[1] != '\0' && strchr ("=+-@", text[1]) != NULL)
    text++;
  return g_strstrip (g_strdup (text));
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

static int
find_column (const char *header)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);

  g_strstrip (folded);
  for (int c = 0; c < N_COLS; c++)
    {
      g_autofree char *title = g_utf8_casefold (_(columns[c].title), -1);

      if (g_str_equal (folded, columns[c].key) || g_str_equal (folded, title) || g_str_equal (header, columns[c].zh))
        return c;
    }
  return -1;
}

static GjProblemStatus
status_from_cell (const char *text)
{
  GjProblemStatus s = gj_problem_status_from_string (text);

  if (s != GJ_PROBLEM_INVALID)
    return s;
  for (int i = 0; i < GJ_PROBLEM_N_STATUSES; i++)
    if (g_strcmp0 (text, gj_problem_status_get_title (i)) == 0)
      return i;
  return GJ_PROBLEM_INVALID;
}

/* "problems.xlsx: sheet “问题墙”, row 7" (or "problems.csv: line 7"), with
 * the column as the file's header names it, and @what. */
static char *
describe (const char *name,
          const char *sheet,
          guint       line,
          const char *column,
          const char *what)
{
  if (sheet != NULL && column != NULL)
    /* TRANSLATORS: file, sheet, row number, column title, what is wrong */
    return g_strdup_printf (_("%s: sheet “%s”, row %u, column “%s”: %s"), name, sheet, line, column, what);
  if (sheet != NULL)
    /* TRANSLATORS: file, sheet, row number, what is wrong */
    return g_strdup_printf (_("%s: sheet “%s”, row %u: %s"), name, sheet, line, what);
  if (column != NULL)
    /* TRANSLATORS: file, line number, column title, what is wrong */
    return g_strdup_printf (_("%s: line %u, column “%s”: %s"), name, line, column, what);
  /* TRANSLATORS: file, line number, what is wrong */
  return g_strdup_printf (_("%s: line %u: %s"), name, line, what);
}

static void
refuse (GjSheetRow   *row,
        const Source *source,
        Column        column,
        const char   *reason)
{
  const char *title = _(columns[column].title);

  if (source->index[column] >= 0 && (guint) source->index[column] < source->header->len)
    {
      const char *cell = g_ptr_array_index (source->header, source->index[column]);

      if (cell != NULL && *cell != '\0')
        title = cell;
    }
  row->state = GJ_SHEET_ROW_REFUSED;
  g_free (row->reason);
  row->reason = describe (source->name, source->sheet, row->line, title, reason);
}

/* Compares one row with the stored problem and plans what applying does. */
static void
preview_row (GjStore      *store,
             GjSheetRow   *row,
             GPtrArray    *cells,
             const Source *source)
{
  const int *index = source->index;
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) problem = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *status_text = cell_text (cells, index[COL_STATUS]);
  g_autofree char *deadline_text = cell_text (cells, index[COL_DEADLINE]);
  g_autofree char *measures = cell_text (cells, index[COL_MEASURES]);
  g_autofree char *note = cell_text (cells, index[COL_NOTE]);
  g_autofree char *detail = cell_text (cells, index[COL_DETAIL]);
  g_autofree char *extend_reason = cell_text (cells, index[COL_EXTEND_REASON]);
  const char *deadline_now;
  GjProblemStatus from;

  row->status = GJ_PROBLEM_INVALID;
  row->title = cell_text (cells, index[COL_TITLE]);
  if (is_blank (row->uuid))
    {
      refuse (row, source, COL_UUID, _("The row has no UUID: only rows exported from Gongjian can be matched."));
      return;
    }
  problem = gj_store_get_by_uuid (store, GJ_TYPE_PROBLEM, row->uuid, &error);
  if (problem == NULL)
    {
      refuse (row, source, COL_UUID, _("No problem in the database has this UUID."));
      return;
    }
  g_free (row->title);
  row->title = g_strdup (gj_record_get_label (problem));
  from = gj_problem_get_status (problem);
  deadline_now = gj_record_get_text (problem, "deadline");

  /* Measures: what the cell says now. */
  if (index[COL_MEASURES] >= 0 && g_strcmp0 (measures, gj_record_get_text (problem, "measures") ?: "") != 0)
    {
      row->changes |= GJ_SHEET_CHANGE_MEASURES;
      row->measures = g_steal_pointer (&measures);
      g_string_append_printf (summary, "%s%s", summary->len ? "; " : "", _("Measures"));
    }

  /* Deadline: only later, and only with the reason why. */
  if (index[COL_DEADLINE] >= 0 && !is_blank (deadline_text))
    {
      g_autofree char *iso = gj_date_normalize (deadline_text);

      if (iso == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” in the deadline column is not a date."), deadline_text);

          refuse (row, source, COL_DEADLINE, msg);
          return;
        }
      if (g_strcmp0 (iso, deadline_now) != 0)
        {
          if (gj_problem_status_is_done (from))
            {
              refuse (row, source, COL_DEADLINE, _("The problem is done: its deadline no longer counts."));
              return;
            }
          if (deadline_now != NULL && g_strcmp0 (iso, deadline_now) < 0)
            {
              g_autofree char *msg = g_strdup_printf (_("The new deadline (%s) must come after the old one (%s)."),
                                                      iso, deadline_now);

              refuse (row, source, COL_DEADLINE, msg);
              return;
            }
          if (is_blank (extend_reason))
            {
              g_autofree char *msg = g_strdup_printf (_("A new deadline needs a reason in the column “%s”."),
                                                      _(columns[COL_EXTEND_REASON].title));

              refuse (row, source, COL_EXTEND_REASON, msg);
              return;
            }
          row->changes |= GJ_SHEET_CHANGE_DEADLINE;
          row->extend_reason = g_steal_pointer (&extend_reason);
          g_string_append_printf (summary, "%s%s: %s → %s", summary->len ? "; " : "", _("Deadline"),
                                  deadline_now ? deadline_now : "—", iso);
          row->deadline = g_steal_pointer (&iso);
        }
    }
  else if (index[COL_DEADLINE] >= 0 && deadline_now != NULL)
    {
      refuse (row, source, COL_DEADLINE, _("A deadline cannot be removed; extend it instead."));
      return;
    }

  /* Status: the wall's rules, with the reason or to whom when needed. */
  if (index[COL_STATUS] >= 0 && !is_blank (status_text))
    {
      GjProblemStatus to = status_from_cell (status_text);

      if (to == GJ_PROBLEM_INVALID)
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is not a status of the problem wall."), status_text);

          refuse (row, source, COL_STATUS, msg);
          return;
        }
      if (to != from)
        {
          if (to == GJ_PROBLEM_PUBLISHED)
            {
              refuse (row, source, COL_STATUS, _("Publishing on the echo wall needs the result text: publish it in Gongjian."));
              return;
            }
          if (!gj_problem_status_check_move (from, to, &error))
            {
              refuse (row, source, COL_STATUS, error->message);
              return;
            }
          if (is_blank (detail)
              && (to == GJ_PROBLEM_UNSOLVABLE || to == GJ_PROBLEM_ESCALATED || gj_problem_status_is_done (from)))
            {
              g_autofree char *msg = NULL;

              if (to == GJ_PROBLEM_ESCALATED)
                msg = g_strdup_printf (_("Say to whom the problem is escalated, in the column “%s”."),
                                       _(columns[COL_DETAIL].title));
              else
                msg = g_strdup_printf (_("Say why, in the column “%s”."), _(columns[COL_DETAIL].title));
              refuse (row, source, COL_DETAIL, msg);
              return;
            }
          if (to == GJ_PROBLEM_ASSIGNED && (gj_record_is_null (problem, "lead_unit_id")
                                            || (deadline_now == NULL && row->deadline == NULL)))
            {
              refuse (row, source, COL_STATUS, _("A problem is assigned to a responsible unit with a deadline: set both first."));
              return;
            }
          row->changes |= GJ_SHEET_CHANGE_STATUS;
          row->status = to;
          row->detail = is_blank (detail) ? NULL : g_steal_pointer (&detail);
          g_string_append_printf (summary, "%s%s: %s → %s", summary->len ? "; " : "", _("Status"),
                                  gj_problem_status_get_title (from), gj_problem_status_get_title (to));
        }
    }

  if (!is_blank (note))
    {
      row->changes |= GJ_SHEET_CHANGE_NOTE;
      row->note = g_steal_pointer (&note);
      g_string_append_printf (summary, "%s%s", summary->len ? "; " : "", _("New progress note"));
    }

  row->state = row->changes != 0 ? GJ_SHEET_ROW_CHANGED : GJ_SHEET_ROW_UNCHANGED;
  row->summary = g_string_free (g_steal_pointer (&summary), FALSE);
}

/* The one way from a table of cell texts to the preview, for CSV and
 * .xlsx alike. @name names the file (and sheet) in messages about the
 * whole of it, @file and @sheet_name name the place of a row. @rows:
 * GPtrArray (of char *) per row, the header first; @lines: each row's
 * line or row number, or NULL when it is the index + 1. */
static GjProblemSheet *
sheet_from_rows (GjStore     *store,
                 const char  *name,
                 const char  *file,
                 const char  *sheet_name,
                 const char  *encoding,
                 GPtrArray   *rows,
                 GArray      *lines,
                 GError     **error)
{
  g_autoptr(GjProblemSheet) sheet = g_new0 (GjProblemSheet, 1);
  int index[N_COLS];
  Source source;
  GPtrArray *header;

  sheet->encoding = g_strdup (encoding);
  sheet->name = g_strdup (file);
  sheet->sheet_name = g_strdup (sheet_name);
  if (rows->len == 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: the file is empty"), name);
      return NULL;
    }
  header = g_ptr_array_index (rows, 0);
  for (int c = 0; c < N_COLS; c++)
    index[c] = -1;
  for (guint i = 0; i < header->len; i++)
    {
      int c = find_column (g_ptr_array_index (header, i));

      if (c >= 0 && index[c] < 0)
        index[c] = i;
    }
  if (index[COL_UUID] < 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID,
                   _("%s: there is no UUID column; export the problems from Gongjian, edit them and read the same file back"),
                   name);
      return NULL;
    }

  source.name = sheet->name;
  source.sheet = sheet->sheet_name;
  source.header = header;
  source.index = index;
  sheet->rows = g_array_new (FALSE, TRUE, sizeof (GjSheetRow));
  g_array_set_clear_func (sheet->rows, (GDestroyNotify) sheet_row_clear);
  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, r);
      GjSheetRow row = { 0 };
      gboolean empty = TRUE;

      for (guint i = 0; i < cells->len && empty; i++)
        empty = *(const char *) g_ptr_array_index (cells, i) == '\0';
      if (empty)
        continue;
      row.line = lines != NULL ? g_array_index (lines, guint, r) : r + 1;
      row.uuid = cell_text (cells, index[COL_UUID]);
      preview_row (store, &row, cells, &source);
      g_array_append_val (sheet->rows, row);
    }
  return g_steal_pointer (&sheet);
}

/* CSV through the importer's own reader (gj-csv.c): the encoding
 * detected, the delimiter guessed, each row with the line it starts on. */
static GjProblemSheet *
read_csv (GjStore     *store,
          const char  *name,
          GBytes      *bytes,
          const char  *encoding,
          GError     **error)
{
  g_autofree char *base = g_path_get_basename (name);
  GjCsvTable table = { 0 };
  GjProblemSheet *sheet;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!gj_csv_read_table (name, data, len, encoding, 0, &table, error))
    return NULL;
  sheet = sheet_from_rows (store, name, base, NULL, table.encoding, table.rows, table.lines, error);
  gj_csv_table_clear (&table);
  return sheet;
}

/* A deadline cell as the text the CSV path reads: a date cell is its day
 * (a time of day in it does not count); a number in a cell whose date
 * format was lost is a date serial too, unless it reads as 20250901. */
static char *
xlsx_deadline_text (const GjXlsxCell *cell,
                    gboolean          date1904)
{
  char *date = NULL;

  if (cell->kind == GJ_XLSX_CELL_DATE && strlen (cell->text) >= 10 && g_ascii_isdigit (cell->text[0]))
    return g_strndup (cell->text, 10);
  if (cell->kind == GJ_XLSX_CELL_NUMBER && !(cell->number >= 19000101 && cell->number <= 22001231))
    date = gj_xlsx_serial_to_date (cell->number, date1904);
  return date != NULL ? date : g_strdup (cell->text);
}

static GjProblemSheet *
read_xlsx (GjStore     *store,
           const char  *name,
           GBytes      *bytes,
           GError     **error)
{
  g_autofree char *base = g_path_get_basename (name);
  g_autoptr(GjXlsxTable) table = gj_xlsx_table_read_bytes (base, bytes, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *where = NULL;
  int deadline = -1;

  if (table == NULL)
    return NULL;
  for (guint r = 0; r < gj_xlsx_table_get_n_rows (table); r++)
    {
      const GjXlsxRow *xrow = gj_xlsx_table_get_row (table, r);
      GPtrArray *cells = g_ptr_array_new_full (xrow->n_cells, g_free);

      for (guint c = 0; c < xrow->n_cells; c++)
        {
          const GjXlsxCell *cell = gj_xlsx_row_get_cell (xrow, c);

          if (r == 0 && deadline < 0 && find_column (cell->text) == COL_DEADLINE)
            deadline = c;
          if (r > 0 && (int) c == deadline)
            g_ptr_array_add (cells, xlsx_deadline_text (cell, gj_xlsx_table_get_date1904 (table)));
          else
            g_ptr_array_add (cells, g_strdup (cell->text));
        }
      g_ptr_array_add (rows, cells);
      g_array_append_val (lines, xrow->number);
    }
  /* TRANSLATORS: a file and the sheet in it, as in “problems.xlsx: sheet “Problems”” */
  where = g_strdup_printf (_("%s: sheet “%s”"), base, gj_xlsx_table_get_sheet_name (table));
  if (rows->len == 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: the file is empty"), where);
      return NULL;
    }
  return sheet_from_rows (store, where, base, gj_xlsx_table_get_sheet_name (table), "UTF-8", rows, lines, error);
}

/* A zip (every .xlsx) or an OLE2 file (.xls, or an .xlsx with a password). */
static gboolean
looks_like_workbook (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return len >= 4 && (memcmp (data, "PK\x03\x04", 4) == 0 || memcmp (data, "\xD0\xCF\x11\xE0", 4) == 0);
}

GjProblemSheet *
gj_problem_sheet_read_bytes (GjStore     *store,
                             const char  *name,
                             GBytes      *bytes,
                             const char  *encoding,
                             GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  if (looks_like_workbook (bytes))
    return read_xlsx (store, name, bytes, error);
  return read_csv (store, name, bytes, encoding, error);
}

GjProblemSheet *
gj_problem_sheet_read (GjStore     *store,
                       const char  *path,
                       const char  *encoding,
                       GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *data = NULL;
  g_autofree char *lower = NULL;
  gsize len;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm") || looks_like_workbook (bytes))
    return read_xlsx (store, path, bytes, error);
  return read_csv (store, path, bytes, encoding, error);
}

guint
gj_problem_sheet_get_n_rows (GjProblemSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->rows->len;
}

const GjSheetRow *
gj_problem_sheet_get_row (GjProblemSheet *sheet,
                          guint           index)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  g_return_val_if_fail (index < sheet->rows->len, NULL);
  return &g_array_index (sheet->rows, GjSheetRow, index);
}

const char *
gj_problem_sheet_get_encoding (GjProblemSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return sheet->encoding;
}

guint
gj_problem_sheet_count (GjProblemSheet  *sheet,
                        GjSheetRowState  state)
{
  guint n = 0;

  g_return_val_if_fail (sheet != NULL, 0);
  for (guint i = 0; i < sheet->rows->len; i++)
    if (g_array_index (sheet->rows, GjSheetRow, i).state == state)
      n++;
  return n;
}

/* ---- Applying ---------------------------------------------------------------------- */

static gboolean
apply_row (GjStore           *store,
           const GjSheetRow  *row,
           const char        *author,
           GError           **error)
{
  g_autoptr(GjRecord) problem = gj_store_get_by_uuid (store, GJ_TYPE_PROBLEM, row->uuid, error);

  if (problem == NULL)
    return FALSE;
  if (row->changes & GJ_SHEET_CHANGE_MEASURES)
    {
      g_autoptr(GjRecord) copy = gj_record_copy (problem);
      g_autofree char *note = NULL;

      if (row->measures == NULL || *row->measures == '\0')
        gj_record_set_null (copy, "measures");
      else
        gj_record_set_text (copy, "measures", row->measures);
      if (!gj_store_update (store, copy, error))
        return FALSE;
      g_set_object (&problem, copy);
      /* TRANSLATORS: a progress note: the new measures */
      note = g_strdup_printf (_("Measures changed: %s"), row->measures ? row->measures : "");
      if (!gj_store_problem_add_note (store, problem, note, author, error))
        return FALSE;
    }
  if ((row->changes & GJ_SHEET_CHANGE_DEADLINE)
      && !gj_store_problem_extend (store, problem, row->deadline, row->extend_reason, author, error))
    return FALSE;
  if ((row->changes & GJ_SHEET_CHANGE_STATUS)
      && !gj_store_problem_move (store, problem, row->status, row->detail, author, error))
    return FALSE;
  if ((row->changes & GJ_SHEET_CHANGE_NOTE) && !gj_store_problem_add_note (store, problem, row->note, author, error))
    return FALSE;
  return TRUE;
}

gboolean
gj_problem_sheet_apply (GjProblemSheet  *sheet,
                        GjStore         *store,
                        const char      *author,
                        guint           *n_applied,
                        GError         **error)
{
  guint refused, applied = 0;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);

  refused = gj_problem_sheet_count (sheet, GJ_SHEET_ROW_REFUSED);
  if (refused > 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%u row is refused; correct it and read the file again. Nothing was changed.",
                                "%u rows are refused; correct them and read the file again. Nothing was changed.", refused),
                   refused);
      return FALSE;
    }
  if (!gj_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < sheet->rows->len; i++)
    {
      const GjSheetRow *row = &g_array_index (sheet->rows, GjSheetRow, i);
      g_autoptr(GError) local_error = NULL;

      if (row->state != GJ_SHEET_ROW_CHANGED)
        continue;
      if (!apply_row (store, row, author, &local_error))
        {
          g_autofree char *what = NULL;
          g_autofree char *message = NULL;

          gj_store_rollback (store);
          /* TRANSLATORS: the problem's title, why it cannot be applied */
          what = g_strdup_printf (_("“%s”: %s. Nothing was changed."), row->title ? row->title : "",
                                  local_error->message);
          message = describe (sheet->name, sheet->sheet_name, row->line, NULL, what);
          g_set_error_literal (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, message);
          return FALSE;
        }
      applied++;
    }
  if (!gj_store_commit (store, error))
    {
      gj_store_rollback (store);
      return FALSE;
    }
  if (n_applied != NULL)
    *n_applied = applied;
  if (applied > 0)
    {
      g_autofree char *detail = g_strdup_printf ("%u", applied);

      gj_store_log (store, "import", "problem", _("Problem sheet"), detail, NULL);
    }
  return TRUE;
}
