/* SPDX-License-Identifier: GPL-3.0-or-later */
/* XLSX export with libxlsxwriter: one sheet, the header row bold and
 * frozen, numbers as numbers, dates as dates, codes and phone numbers as
 * text (their leading zeros kept), column widths fitted to the content. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "gj-io-private.h"

#define MAX_WIDTH 50

/* Display width: a CJK character is two columns wide in Excel. */
static double
text_width (const char *s)
{
  double w = 0;

  for (; s && *s; s = g_utf8_next_char (s))
    w += g_unichar_iswide (g_utf8_get_char (s)) ? 2.1 : 1.1;
  return w;
}

static gboolean
parse_date (const char   *s,
            lxw_datetime *dt)
{
  int y, m, d;

  if (s == NULL || strlen (s) != 10 || sscanf (s, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  *dt = (lxw_datetime) { y, m, d, 0, 0, 0 };
  return TRUE;
}

static const char *
sheet_title (const char *kind)
{
  if (strcmp (kind, "grids") == 0)
    return _("Grids");
  if (strcmp (kind, "stations") == 0)
    return _("Service Stations");
  if (strcmp (kind, "agreements") == 0)
    return _("Agreements");
  if (strcmp (kind, "items") == 0)
    return _("Lists");
  if (strcmp (kind, "evaluations") == 0)
    return _("Evaluations");
  if (strcmp (kind, "meetings") == 0)
    return _("Joint Meetings");
  if (strcmp (kind, "problems") == 0)
    return _("Problems");
  return _("Resident Units");
}

/* How a column is written: from the record field behind it, so a credit
 * code stays text even when it is all digits and a date is a date. */
typedef enum
{
  CELL_AUTO,    /* from the JSON value */
  CELL_TEXT,
  CELL_NUMBER,
  CELL_DATE,
  CELL_BOOL,
} CellType;

static CellType
column_type (const GjKindMap *map,
             GjRecordClass   *klass,
             const char      *key)
{
  for (guint i = 0; i < map->n_columns; i++)
    {
      const GjColumn *col = &map->columns[i];
      g_autofree char *k = gj_io_column_key (col);
      const GjField *f;

      if (strcmp (k, key) != 0)
        continue;
      if (col->role != GJ_COLUMN_FIELD)
        return CELL_TEXT;   /* codes and names of linked records, UUIDs */
      f = gj_record_class_find_field (klass, col->field, NULL);
      if (f == NULL)
        return CELL_AUTO;
      if (f->flags & GJ_FIELD_FLAG_DATE)
        return CELL_DATE;
      if (f->flags & GJ_FIELD_FLAG_CODE)
        return CELL_TEXT;
      switch (f->type)
        {
        case GJ_FIELD_INT:
        case GJ_FIELD_REAL:
          return CELL_NUMBER;
        case GJ_FIELD_BOOL:
          return CELL_BOOL;
        case GJ_FIELD_TEXT:
          return CELL_TEXT;
        case GJ_FIELD_GEOMETRY:
        default:
          return CELL_AUTO;
        }
    }
  return CELL_AUTO;
}

gboolean
gj_xlsx_export (GjStore         *store,
                const char      *path,
                const char      *kind,
                GjProgressFunc   progress,
                gpointer         user_data,
                GCancellable    *cancellable,
                guint           *n_written,
                GError         **error)
{
  const GjKindMap *map = gj_io_kind_map (kind);
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *tmp = g_strdup_printf ("%s.part-%u.xlsx", path, g_random_int ());
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree double *widths = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header, *date, *text;
  lxw_error rc;
  g_autoptr(GjRecordClass) klass = NULL;
  g_autofree CellType *types = NULL;

  if (!gj_io_collect_table (store, map, &keys, &rows, error))
    return FALSE;
  klass = g_type_class_ref (map->get_type ());
  types = g_new0 (CellType, keys->len);
  for (guint k = 0; k < keys->len; k++)
    types[k] = column_type (map, klass, keys->pdata[k]);

  workbook = workbook_new_opt (tmp, &options);
  if (workbook == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: cannot write the workbook"), name);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, sheet_title (map->kind));
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bottom (header, LXW_BORDER_THIN);
  date = workbook_add_format (workbook);
  format_set_num_format (date, "yyyy-mm-dd");
  /* "@": Excel keeps what is typed into these cells as text too. */
  text = workbook_add_format (workbook);
  format_set_num_format (text, "@");

  widths = g_new0 (double, keys->len);
  for (guint k = 0; k < keys->len; k++)
    {
      worksheet_write_string (sheet, 0, k, keys->pdata[k], header);
      widths[k] = text_width (keys->pdata[k]) + 2;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *props = rows->pdata[i];

      if (g_cancellable_is_cancelled (cancellable))
        break;
      for (guint k = 0; k < keys->len; k++)
        {
          JsonNode *v = json_object_get_member (props, keys->pdata[k]);
          lxw_row_t row = i + 1;
          lxw_datetime dt;

          if (v == NULL || JSON_NODE_HOLDS_NULL (v))
            continue;
          if (types[k] == CELL_BOOL && JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_BOOLEAN)
            {
              worksheet_write_boolean (sheet, row, k, json_node_get_boolean (v), NULL);
              widths[k] = MAX (widths[k], 8);
            }
          else if (types[k] == CELL_TEXT && JSON_NODE_HOLDS_VALUE (v))
            {
              g_autofree char *s = json_node_get_value_type (v) == G_TYPE_STRING
                                   ? g_strdup (json_node_get_string (v)) : json_to_string (v, FALSE);

              /* A string is text in Excel: formulas are not run, zeros not dropped. */
              worksheet_write_string (sheet, row, k, s, text);
              widths[k] = MAX (widths[k], text_width (s) + 1);
            }
          else if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_INT64)
            {
              worksheet_write_number (sheet, row, k, (double) json_node_get_int (v), NULL);
              widths[k] = MAX (widths[k], 12);
            }
          else if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_DOUBLE)
            {
              worksheet_write_number (sheet, row, k, json_node_get_double (v), NULL);
              widths[k] = MAX (widths[k], 14);
            }
          else if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING)
            {
              const char *s = json_node_get_string (v);
              char *end = NULL;
              double d;

              if ((types[k] == CELL_DATE || types[k] == CELL_AUTO) && parse_date (s, &dt))
                {
                  worksheet_write_datetime (sheet, row, k, &dt, date);
                  widths[k] = MAX (widths[k], 12);
                }
              else if (types[k] == CELL_NUMBER && *s && (d = g_ascii_strtod (s, &end), end && *end == '\0'))
                {
                  worksheet_write_number (sheet, row, k, d, NULL);
                  widths[k] = MAX (widths[k], 12);
                }
              else
                {
                  worksheet_write_string (sheet, row, k, s, types[k] == CELL_TEXT ? text : NULL);
                  widths[k] = MAX (widths[k], text_width (s) + 1);
                }
            }
          else
            {
              g_autofree char *s = json_to_string (v, FALSE);

              worksheet_write_string (sheet, row, k, s, NULL);
              widths[k] = MAX (widths[k], text_width (s) + 1);
            }
        }
      if (progress && (i % 256 == 0 || i + 1 == rows->len))
        progress (i + 1, rows->len, user_data);
    }

  for (guint k = 0; k < keys->len; k++)
    worksheet_set_column (sheet, k, k, MIN (widths[k], MAX_WIDTH), NULL);
  worksheet_freeze_panes (sheet, 1, 0);
  if (keys->len > 0)
    worksheet_autofilter (sheet, 0, 0, rows->len, keys->len - 1);

  rc = workbook_close (workbook);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: cannot write the workbook: %s"), name, lxw_strerror (rc));
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: cannot write the workbook: %s"), name, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  if (n_written)
    *n_written = rows->len;
  return TRUE;
}
