/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-history.h"

G_BEGIN_DECLS

#define GJ_TYPE_PROBLEMS_PAGE (gj_problems_page_get_type ())

G_DECLARE_FINAL_TYPE (GjProblemsPage, gj_problems_page, GJ, PROBLEMS_PAGE, GtkWidget)

/*
 * GjProblemsPage: the problem wall (问题墙) and the echo wall (回音壁) — a
 * board by status whose cards are dragged from column to column, a table
 * with filters, the chosen problem's panel, the published answers per
 * street and period (printable), and the Excel round trip. "n-overdue"
 * counts the red (overdue) problems, for a badge on the page switcher.
 * Field edits go through the history (Ctrl+Z, "Undo" in the toast).
 */
GtkWidget  *gj_problems_page_new          (void);
void        gj_problems_page_set_store    (GjProblemsPage *self,
                                           GjStore        *store);
/* The window's history, so its Ctrl+Z takes back edits made here too;
 * without one the page keeps its own. */
void        gj_problems_page_set_history  (GjProblemsPage *self,
                                           GjHistory      *history);
/* Reads everything again (after an import). */
void        gj_problems_page_reload       (GjProblemsPage *self);
guint       gj_problems_page_get_n_overdue (GjProblemsPage *self);
/* Shows the problem with @id in the panel (from a map pin …). */
void        gj_problems_page_show_problem (GjProblemsPage *self,
                                           gint64          id);

G_END_DECLS
