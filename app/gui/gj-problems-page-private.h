/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-problem-panel.h"
#include "gj-problems-page.h"
#include "gj-record-table.h"

G_BEGIN_DECLS

/* For the tests: what the page shows and what a drop on a column does. */
GjProblemPanel *gj_problems_page_get_panel        (GjProblemsPage  *self);
GjRecordTable  *gj_problems_page_get_table        (GjProblemsPage  *self);
/* The cards in the column of @status. */
GListModel     *gj_problems_page_get_column       (GjProblemsPage  *self,
                                                   GjProblemStatus  status);
/* A card dropped on the column of @to: TRUE when it moved at once. */
gboolean        gj_problems_page_move             (GjProblemsPage  *self,
                                                   GjRecord        *problem,
                                                   GjProblemStatus  to);
/* Only problems of @colour in the table (GJ_DEADLINE_GREY + 1: all). */
void            gj_problems_page_filter_colour    (GjProblemsPage  *self,
                                                   int              colour);
/* The last thing a toast said. */
const char     *gj_problems_page_get_last_message (GjProblemsPage  *self);
void            gj_problems_page_set_visible_view (GjProblemsPage  *self,
                                                   const char      *name);

G_END_DECLS
