/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-problem.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * The problem wall's bulk update round trip, for offices that live in
 * Excel: the open problems go out as CSV (UTF-8 with a BOM) or XLSX with a
 * UUID column; the same file comes back after the edits. Rows are matched
 * by UUID; changes of status, deadline, measures and a new progress note
 * are previewed row by row (changed, unchanged, or refused and why), then
 * applied all-or-nothing through the problem wall's own actions, so every
 * change leaves its note and follows the rules. CSV comes back in UTF-8 or
 * GB18030 (what Excel writes on Chinese Windows); .xlsx comes back as
 * Excel, LibreOffice or WPS saved it (its first visible sheet, date cells
 * as dates). A refused row's reason names the file, the line (CSV) or the
 * sheet and row (.xlsx), and the column. No GTK.
 */

typedef enum
{
  GJ_SHEET_ROW_UNCHANGED,
  GJ_SHEET_ROW_CHANGED,
  GJ_SHEET_ROW_REFUSED,
} GjSheetRowState;

typedef enum
{
  GJ_SHEET_CHANGE_STATUS   = 1 << 0,
  GJ_SHEET_CHANGE_DEADLINE = 1 << 1,
  GJ_SHEET_CHANGE_MEASURES = 1 << 2,
  GJ_SHEET_CHANGE_NOTE     = 1 << 3,
} GjSheetChanges;

typedef struct
{
  guint            line;          /* the row's line in the file (the header is 1);
                                   * for .xlsx its row number in the sheet */
  char            *uuid;
  char            *title;         /* the stored title (or the file's, when unknown) */
  GjSheetRowState  state;
  GjSheetChanges   changes;
  char            *summary;       /* changed: "Status: 已交办 → 整改中; Deadline: …" */
  char            *reason;        /* refused: why */

  /* What applying it does. */
  GjProblemStatus  status;        /* the new status, or INVALID */
  char            *detail;        /* the reason / to whom, for the status move */
  char            *deadline;      /* YYYY-MM-DD */
  char            *extend_reason;
  char            *measures;
  char            *note;
} GjSheetRow;

typedef struct _GjProblemSheet GjProblemSheet;

/* Writes the open problems (every problem with @all) to @path; .csv or
 * .xlsx from the extension. */
gboolean           gj_problem_sheet_export      (GjStore          *store,
                                                 const char       *path,
                                                 gboolean          all,
                                                 guint            *n_written,
                                                 GError          **error);

/* Reads @path (.csv or .xlsx) and compares each row with the store: the
 * preview. @encoding (CSV only) NULL: detected. Fails only when the file
 * cannot be read as a whole (not a workbook, no UUID column …); row
 * problems are refused rows. _read_bytes() tells an .xlsx (a zip) from
 * CSV by its content. */
GjProblemSheet    *gj_problem_sheet_read        (GjStore          *store,
                                                 const char       *path,
                                                 const char       *encoding,
                                                 GError          **error);
GjProblemSheet    *gj_problem_sheet_read_bytes  (GjStore          *store,
                                                 const char       *name,
                                                 GBytes           *bytes,
                                                 const char       *encoding,
                                                 GError          **error);
void               gj_problem_sheet_free        (GjProblemSheet   *sheet);
guint              gj_problem_sheet_get_n_rows  (GjProblemSheet   *sheet);
const GjSheetRow  *gj_problem_sheet_get_row     (GjProblemSheet   *sheet,
                                                 guint             index);
/* The encoding the file was read in ("UTF-8", "GB18030" …; .xlsx: "UTF-8"). */
const char        *gj_problem_sheet_get_encoding (GjProblemSheet  *sheet);
guint              gj_problem_sheet_count       (GjProblemSheet   *sheet,
                                                 GjSheetRowState   state);
/* Applies every changed row in one transaction; refuses to start while
 * a row is refused, and on any error writes nothing. */
gboolean           gj_problem_sheet_apply       (GjProblemSheet   *sheet,
                                                 GjStore          *store,
                                                 const char       *author,
                                                 guint            *n_applied,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjProblemSheet, gj_problem_sheet_free)

G_END_DECLS
