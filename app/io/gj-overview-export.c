/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The overview's tables as XLSX (one sheet per table) and CSV. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "gj-io.h"
#include "gj-overview-export.h"

#define MAX_WIDTH 50

static const struct
{
  const char *name;
  const char *title;
} tables[] = {
  { "summary", N_("Summary") },
  { "grids_by_kind", N_("Grids by kind") },
  { "stations_by_kind", N_("Stations by kind") },
  { "units_by_kind", N_("Units by kind") },
  { "agreements", N_("Agreements by status") },
  { "gaps", N_("Gaps between grids") },
  { "meetings", N_("Joint meetings") },
  { "problems", N_("Problems") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (tables) == GJ_OVERVIEW_N_TABLES);

const char *
gj_overview_table_to_string (GjOverviewTable table)
{
  g_return_val_if_fail (table < GJ_OVERVIEW_N_TABLES, NULL);
  return tables[table].name;
}

const char *
gj_overview_table_get_title (GjOverviewTable table)
{
  g_return_val_if_fail (table < GJ_OVERVIEW_N_TABLES, NULL);
  return _(tables[table].title);
}

static char *
num (double v,
     int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, decimals == 0 ? "%.0f" : decimals == 1 ? "%.1f" : "%.2f", v));
}

static char *
percent (const GjOverviewFigure *f)
{
  return f->has_percent ? num (f->percent, 1) : g_strdup (_("no data"));
}

static void
add_row (GPtrArray *rows,
         ...)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  va_list ap;
  char *s;

  /* Owned strings, NULL-terminated. */
  va_start (ap, rows);
  while ((s = va_arg (ap, char *)) != NULL)
    {
      g_strv_builder_add (b, s);
      g_free (s);
    }
  va_end (ap);
  g_ptr_array_add (rows, g_strv_builder_end (b));
}

static void
add_figure_row (GPtrArray              *rows,
                const GjOverviewFigure *f)
{
  add_row (rows, g_strdup (f->label), g_strdup_printf ("%" G_GINT64_FORMAT, f->count),
           f->total > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, f->total) : g_strdup (""),
           f->total > 0 || f->has_percent ? percent (f) : g_strdup (""),
           f->value != 0 ? num (f->value, 0) : g_strdup (""), NULL);
}

static void
add_breakdown (GPtrArray *rows,
               GPtrArray *figures,
               const char *group)
{
  for (guint i = 0; i < figures->len; i++)
    {
      const GjOverviewFigure *f = figures->pdata[i];

      if (group != NULL)
        add_row (rows, g_strdup (group), g_strdup (f->label), g_strdup_printf ("%" G_GINT64_FORMAT, f->count), percent (f), NULL);
      else
        add_row (rows, g_strdup (f->label), g_strdup_printf ("%" G_GINT64_FORMAT, f->count), percent (f), NULL);
    }
}

GPtrArray *
gj_overview_dup_table (const GjOverview *ov,
                       GjOverviewTable   table)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (ov != NULL, NULL);
  g_return_val_if_fail (table < GJ_OVERVIEW_N_TABLES, NULL);

  switch (table)
    {
    case GJ_OVERVIEW_TABLE_SUMMARY:
      add_row (rows, g_strdup (_("Indicator")), g_strdup (_("Count")), g_strdup (_("Of")), g_strdup (_("Percent")),
               g_strdup (_("Measure")), NULL);
      add_figure_row (rows, &ov->grids);
      add_figure_row (rows, &ov->grid_coverage);
      add_figure_row (rows, &ov->grids_with_station);
      add_figure_row (rows, &ov->grids_near_station);
      add_figure_row (rows, &ov->stations);
      add_figure_row (rows, &ov->small_centres);
      add_figure_row (rows, &ov->units);
      add_figure_row (rows, &ov->units_with_agreement);
      add_figure_row (rows, &ov->agreements);
      add_figure_row (rows, &ov->agreements_expiring);
      add_figure_row (rows, &ov->needs_matched);
      add_figure_row (rows, &ov->months_met);
      add_figure_row (rows, &ov->attendance);
      add_figure_row (rows, &ov->problems);
      add_figure_row (rows, &ov->echo_entries);
      break;

    case GJ_OVERVIEW_TABLE_GRIDS_BY_KIND:
    case GJ_OVERVIEW_TABLE_STATIONS_BY_KIND:
    case GJ_OVERVIEW_TABLE_UNITS_BY_KIND:
    case GJ_OVERVIEW_TABLE_AGREEMENTS:
      add_row (rows, g_strdup (table == GJ_OVERVIEW_TABLE_AGREEMENTS ? _("Status") : _("Kind")), g_strdup (_("Count")),
               g_strdup (_("Percent")), NULL);
      add_breakdown (rows, table == GJ_OVERVIEW_TABLE_GRIDS_BY_KIND ? ov->grids_by_kind
                         : table == GJ_OVERVIEW_TABLE_STATIONS_BY_KIND ? ov->stations_by_kind
                         : table == GJ_OVERVIEW_TABLE_UNITS_BY_KIND ? ov->units_by_kind
                         : ov->agreements_by_status, NULL);
      break;

    case GJ_OVERVIEW_TABLE_GAPS:
      add_row (rows, g_strdup ("#"), g_strdup (_("Area (m²)")), g_strdup (_("West")), g_strdup (_("South")),
               g_strdup (_("East")), g_strdup (_("North")), g_strdup (_("Accepted")), NULL);
      for (guint i = 0; i < ov->gaps->len; i++)
        {
          const GjOverviewGap *g = ov->gaps->pdata[i];
          char b[4][G_ASCII_DTOSTR_BUF_SIZE];

          add_row (rows, g_strdup_printf ("%u", i + 1), num (g->area_m2, 0),
                   g_strdup (g_ascii_formatd (b[0], sizeof b[0], "%.6f", g->bbox.min_x)),
                   g_strdup (g_ascii_formatd (b[1], sizeof b[1], "%.6f", g->bbox.min_y)),
                   g_strdup (g_ascii_formatd (b[2], sizeof b[2], "%.6f", g->bbox.max_x)),
                   g_strdup (g_ascii_formatd (b[3], sizeof b[3], "%.6f", g->bbox.max_y)),
                   g_strdup (g->accepted ? _("yes") : _("no")), NULL);
        }
      break;

    case GJ_OVERVIEW_TABLE_MEETINGS:
      {
        g_autoptr(GStrvBuilder) h = g_strv_builder_new ();

        g_strv_builder_add (h, _("Street code"));
        g_strv_builder_add (h, _("Street"));
        for (int m = 1; m <= 12; m++)
          {
            g_autofree char *t = g_strdup_printf (_("Month %d (held/planned)"), m);

            g_strv_builder_add (h, t);
          }
        g_strv_builder_add (h, _("Months due"));
        g_strv_builder_add (h, _("Months met"));
        g_strv_builder_add (h, _("Attendance (%)"));
        g_ptr_array_add (rows, g_strv_builder_end (h));

        for (guint s = 0; s < ov->meetings_by_street->len; s++)
          {
            const GjOverviewStreetMeetings *sm = ov->meetings_by_street->pdata[s];
            g_autoptr(GStrvBuilder) r = g_strv_builder_new ();
            g_autofree char *due = g_strdup_printf ("%u", sm->months_due);
            g_autofree char *met = g_strdup_printf ("%u", sm->months_met);
            g_autofree char *att = percent (&sm->attendance);

            g_strv_builder_add (r, sm->street_code != NULL ? sm->street_code : "");
            g_strv_builder_add (r, sm->street_name != NULL ? sm->street_name : "");
            for (int m = 0; m < 12; m++)
              {
                g_autofree char *c = g_strdup_printf ("%u/%u", sm->held[m], sm->planned[m]);

                g_strv_builder_add (r, c);
              }
            g_strv_builder_add (r, due);
            g_strv_builder_add (r, met);
            g_strv_builder_add (r, att);
            g_ptr_array_add (rows, g_strv_builder_end (r));
          }
      }
      break;

    case GJ_OVERVIEW_TABLE_PROBLEMS:
      add_row (rows, g_strdup (_("Group")), g_strdup (_("Item")), g_strdup (_("Count")), g_strdup (_("Percent")), NULL);
      add_breakdown (rows, ov->problems_by_colour, _("Deadline"));
      add_breakdown (rows, ov->problem_funnel, _("Funnel"));
      break;

    default:
      g_assert_not_reached ();
    }
  return rows;
}

/* ---- XLSX ----------------------------------------------------------------- */

static double
text_width (const char *s)
{
  double w = 0;

  for (; s && *s; s = g_utf8_next_char (s))
    w += g_unichar_iswide (g_utf8_get_char (s)) ? 2.1 : 1.1;
  return w;
}

static gboolean
is_number (const char *s,
           double     *d)
{
  char *end = NULL;

  if (s == NULL || *s == '\0')
    return FALSE;
  *d = g_ascii_strtod (s, &end);
  return end != NULL && *end == '\0';
}

gboolean
gj_overview_export_xlsx (const GjOverview *ov,
                         const char       *path,
                         GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *tmp = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  lxw_workbook *workbook;
  lxw_format *header;
  lxw_error rc;

  g_return_val_if_fail (ov != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_name (path);
  tmp = g_strdup_printf ("%s.part-%u.xlsx", path, g_random_int ());
  workbook = workbook_new_opt (tmp, &options);
  if (workbook == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: cannot write the workbook"), name);
      return FALSE;
    }
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bottom (header, LXW_BORDER_THIN);

  for (guint t = 0; t < GJ_OVERVIEW_N_TABLES; t++)
    {
      g_autoptr(GPtrArray) rows = gj_overview_dup_table (ov, t);
      lxw_worksheet *sheet = workbook_add_worksheet (workbook, gj_overview_table_get_title (t));
      guint n_cols = g_strv_length (rows->pdata[0]);
      g_autofree double *widths = g_new0 (double, n_cols);

      if (sheet == NULL)
        continue;
      for (guint r = 0; r < rows->len; r++)
        {
          char **cells = rows->pdata[r];

          for (guint c = 0; c < n_cols && cells[c] != NULL; c++)
            {
              double d;

              /* The first column names the row: text, even "1". */
              if (r > 0 && c > 0 && is_number (cells[c], &d))
                worksheet_write_number (sheet, r, c, d, NULL);
              else
                worksheet_write_string (sheet, r, c, cells[c], r == 0 ? header : NULL);
              widths[c] = MAX (widths[c], text_width (cells[c]) + (r == 0 ? 2 : 1));
            }
        }
      for (guint c = 0; c < n_cols; c++)
        worksheet_set_column (sheet, c, c, MIN (MAX (widths[c], 8), MAX_WIDTH), NULL);
      worksheet_freeze_panes (sheet, 1, 0);
    }

  rc = workbook_close (workbook);
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
  return TRUE;
}

/* ---- CSV ------------------------------------------------------------------ */

static void
append_csv_field (GString    *out,
                  const char *s)
{
  if (strpbrk (s, ",\"\r\n") == NULL)
    {
      g_string_append (out, s);
      return;
    }
  g_string_append_c (out, '"');
  for (; *s; s++)
    {
      if (*s == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
}

gboolean
gj_overview_export_csv (const GjOverview *ov,
                        GjOverviewTable   table,
                        const char       *path,
                        GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (ov != NULL, FALSE);
  g_return_val_if_fail (table < GJ_OVERVIEW_N_TABLES, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rows = gj_overview_dup_table (ov, table);
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = rows->pdata[r];

      for (guint c = 0; cells[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, cells[c]);
        }
      g_string_append (out, "\r\n");
    }
  if (!g_file_set_contents (path, out->str, out->len, &local))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
gj_overview_export_csv_all (const GjOverview *ov,
                            const char       *directory,
                            GError          **error)
{
  g_return_val_if_fail (ov != NULL, FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (directory);

      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: cannot make the folder: %s"), name, g_strerror (saved));
      return FALSE;
    }
  for (guint t = 0; t < GJ_OVERVIEW_N_TABLES; t++)
    {
      g_autofree char *file = g_strdup_printf ("%s.csv", gj_overview_table_to_string (t));
      g_autofree char *path = g_build_filename (directory, file, NULL);

      if (!gj_overview_export_csv (ov, t, path, error))
        return FALSE;
    }
  return TRUE;
}
