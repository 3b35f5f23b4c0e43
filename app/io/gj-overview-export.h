/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-store-overview.h"

G_BEGIN_DECLS

/*
 * The overview's tables for Excel and CSV (issue 7). No GTK: the overview
 * page, the presentation and the CLI share it.
 */

typedef enum
{
  GJ_OVERVIEW_TABLE_SUMMARY,          /* one row per headline figure */
  GJ_OVERVIEW_TABLE_GRIDS_BY_KIND,
  GJ_OVERVIEW_TABLE_STATIONS_BY_KIND,
  GJ_OVERVIEW_TABLE_UNITS_BY_KIND,
  GJ_OVERVIEW_TABLE_AGREEMENTS,       /* by status */
  GJ_OVERVIEW_TABLE_GAPS,
  GJ_OVERVIEW_TABLE_MEETINGS,         /* per street: held / planned per month */
  GJ_OVERVIEW_TABLE_PROBLEMS,         /* by deadline colour, then the funnel */
} GjOverviewTable;

#define GJ_OVERVIEW_N_TABLES (GJ_OVERVIEW_TABLE_PROBLEMS + 1)

/* "summary", "grids_by_kind", …: the CSV file names (without .csv). */
const char *gj_overview_table_to_string (GjOverviewTable table);
/* Translated sheet title. */
const char *gj_overview_table_get_title (GjOverviewTable table);

/*
 * The table as text: a new array of rows, each a NULL-terminated string
 * vector (GStrv); row 0 is the header (translated). Numbers are written
 * in the C locale; a share without data is the translated "no data".
 */
GPtrArray  *gj_overview_dup_table       (const GjOverview *overview,
                                         GjOverviewTable   table);

/* Every table, one sheet each: header bold and frozen, columns fitted,
 * numbers as numbers. Written to a temporary file and renamed. */
gboolean    gj_overview_export_xlsx     (const GjOverview *overview,
                                         const char       *path,
                                         GError          **error);
/* One table as CSV: UTF-8 with a BOM (Excel on Chinese Windows reads it
 * right), CRLF line ends, RFC 4180 quoting. */
gboolean    gj_overview_export_csv      (const GjOverview *overview,
                                         GjOverviewTable   table,
                                         const char       *path,
                                         GError          **error);
/* Every table as @directory/<gj_overview_table_to_string()>.csv. */
gboolean    gj_overview_export_csv_all  (const GjOverview *overview,
                                         const char       *directory,
                                         GError          **error);

G_END_DECLS
