/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-history.h"
#include "gj-problem.h"

G_BEGIN_DECLS

#define GJ_TYPE_PROBLEM_PANEL (gj_problem_panel_get_type ())

G_DECLARE_FINAL_TYPE (GjProblemPanel, gj_problem_panel, GJ, PROBLEM_PANEL, GtkWidget)

/*
 * GjProblemPanel: one problem of the wall — every field editable (each
 * saved through the history when applied), where it came from, its
 * timeline of progress notes and the buttons for the next steps (assign,
 * start, resolve, cannot be solved, escalate, extend, reopen, note,
 * publish on the echo wall, the poster). The steps go through
 * gj-store-problems.h and ask for the reason when the rules want one.
 * "changed" follows every write; "message" carries what to tell the user
 * (with @undoable for a single-field edit that Ctrl+Z takes back).
 */
GtkWidget *gj_problem_panel_new         (void);
void       gj_problem_panel_set_store   (GjProblemPanel  *self,
                                         GjStore         *store,
                                         GjHistory       *history);
GjRecord  *gj_problem_panel_get_problem (GjProblemPanel  *self);
/* Shows @problem (NULL: none); the same problem read again keeps the rows. */
void       gj_problem_panel_set_problem (GjProblemPanel  *self,
                                         GjRecord        *problem);
/* Moves the shown problem to @to: at once, or after a dialog asks for the
 * reason (or, for PUBLISHED, the result). FALSE when the rules refuse it
 * (said by "message") or a dialog is open. */
gboolean   gj_problem_panel_move        (GjProblemPanel  *self,
                                         GjProblemStatus  to);
/* The timeline shown (GjProgressNote, oldest first). */
GListModel *gj_problem_panel_get_notes  (GjProblemPanel  *self);

G_END_DECLS
