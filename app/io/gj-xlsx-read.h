/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A small reader for Excel workbooks (.xlsx, Office Open XML), as Excel,
 * LibreOffice, WPS and libxlsxwriter write them: the first visible
 * worksheet as a table of rows of cell texts, each row with its number in
 * the sheet. The zip is read with libarchive, the XML with libxml2.
 *
 * Cells come by reference (A1, B7 …); the cells a row skips are empty.
 * Shared strings (rich-text runs joined, phonetic runs left out), inline
 * strings, formula results (the value Excel saved with the formula),
 * numbers, booleans and error values (#N/A …) are read. A number in a
 * cell formatted as a date is a date: its text is YYYY-MM-DD (with
 * " HH:MM:SS" when it holds a time of day too), in the workbook's 1900 or
 * 1904 date system. No GTK, no formatting beyond that: a number's text is
 * the number ("12", "0.25"), not what its number format would show.
 *
 * Errors are GJ_IO_ERROR and name the file (and the sheet, row and column
 * when there is one to name); a file that is no zip, or a zip that is no
 * workbook, says so.
 */

typedef enum
{
  GJ_XLSX_CELL_EMPTY,
  GJ_XLSX_CELL_TEXT,
  GJ_XLSX_CELL_NUMBER,
  GJ_XLSX_CELL_DATE,      /* a number in a cell with a date format */
  GJ_XLSX_CELL_BOOLEAN,
  GJ_XLSX_CELL_ERROR,     /* #N/A, #DIV/0! …: the text is the error */
} GjXlsxCellKind;

typedef struct
{
  GjXlsxCellKind  kind;
  char           *text;    /* never NULL; "" when empty */
  double          number;  /* NUMBER, DATE (the serial), BOOLEAN (0 or 1) */
} GjXlsxCell;

typedef struct
{
  guint       number;      /* the row's number in the sheet: 1 is the first */
  guint       n_cells;     /* up to the last cell that is not empty */
  GjXlsxCell *cells;       /* cells[0] is column A */
} GjXlsxRow;

typedef struct _GjXlsxTable GjXlsxTable;

/* Reads the first visible worksheet of the workbook at @path. Messages
 * name the file by its base name. */
GjXlsxTable      *gj_xlsx_table_read            (const char        *path,
                                                 GError           **error);
/* The same from memory; @name names the file in messages. */
GjXlsxTable      *gj_xlsx_table_read_bytes      (const char        *name,
                                                 GBytes            *bytes,
                                                 GError           **error);
void              gj_xlsx_table_free            (GjXlsxTable       *table);

/* The sheet's name as its tab shows it. */
const char       *gj_xlsx_table_get_sheet_name  (GjXlsxTable       *table);
/* TRUE when the workbook counts dates from 1904 (old Mac Excel). */
gboolean          gj_xlsx_table_get_date1904    (GjXlsxTable       *table);
/* The rows that have at least one cell that is not empty, in order. */
guint             gj_xlsx_table_get_n_rows      (GjXlsxTable       *table);
const GjXlsxRow  *gj_xlsx_table_get_row         (GjXlsxTable       *table,
                                                 guint              index);

/* The cell in @column (0 is A), or NULL past the row's last cell. */
const GjXlsxCell *gj_xlsx_row_get_cell          (const GjXlsxRow   *row,
                                                 guint              column);
/* The text of the cell in @column; "" when empty or past the last. */
const char       *gj_xlsx_row_get_text          (const GjXlsxRow   *row,
                                                 guint              column);

/* "A" for 0, "Z" for 25, "AA" for 26 … */
char             *gj_xlsx_column_name           (guint              column);

/* The date of the day that the serial number @serial stands for, as
 * YYYY-MM-DD; the time of day (the fraction) is dropped. In the 1900
 * system 1 is 1900-01-01; Excel, like Lotus 1-2-3 before it, counts a
 * 29 February 1900 that never was, so 60 is no date (NULL) and from 61
 * on (1900-03-01) the days are one fewer than the count. In the 1904
 * system 0 is 1904-01-01. NULL as well below the first day or after
 * 9999-12-31. */
char             *gj_xlsx_serial_to_date        (double             serial,
                                                 gboolean           date1904);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjXlsxTable, gj_xlsx_table_free)

G_END_DECLS
