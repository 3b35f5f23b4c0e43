/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-problem.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * Read-only queries the problem wall's page, map pins and documents need
 * beyond gj-store-problems.h: where each problem is (street through its
 * grid), the pins for the map, the echo wall of a street for a period,
 * the categories in use.
 */

/* Where a problem is: its grid's street, and the grid. */
typedef struct
{
  gint64  street_id;     /* 0: no grid, or a grid without a street */
  char   *street_name;
  char   *grid_label;    /* the grid's name, else its code */
} GjProblemPlace;

void        gj_problem_place_free          (GjProblemPlace *place);
/* problem id (gint64 in a pointer-sized key) → GjProblemPlace. */
GHashTable *gj_store_problem_dup_places    (GjStore        *self,
                                            GError        **error);

/* A problem on the map: its own point, else the middle of its grid. */
typedef struct
{
  gint64            problem_id;
  double            lon;
  double            lat;
  GjDeadlineColour  colour;
} GjProblemPin;

/* Every problem that has a place, coloured at @now (NULL: today). */
GArray     *gj_store_problem_dup_pins      (GjStore        *self,
                                            GDateTime      *now,
                                            GError        **error);

/* One published answer on the echo wall. */
typedef struct
{
  GjRecord *entry;       /* GjEchoEntry */
  GjRecord *problem;     /* GjProblem */
  gint64    street_id;
  char     *street_name; /* NULL when the problem has no street */
} GjEchoRow;

void        gj_echo_row_free               (GjEchoRow      *row);
/* The echo wall of a street (0: the whole district) for the entries
 * published from @from to @to (YYYY-MM-DD, inclusive; NULL: open-ended),
 * by street, then date. GjEchoRow elements. */
GPtrArray  *gj_store_list_echo             (GjStore        *self,
                                            gint64          street_id,
                                            const char     *from,
                                            const char     *to,
                                            GError        **error);
/* The latest echo entry of @problem, NULL (no error) when none. */
GjRecord   *gj_store_problem_dup_echo      (GjStore        *self,
                                            GjRecord       *problem,
                                            GError        **error);
/* The street a problem is in, through its grid: NULL when none. */
char       *gj_store_problem_dup_street_name (GjStore      *self,
                                            GjRecord       *problem,
                                            GError        **error);
/* The categories problems use, most used first. */
GStrv       gj_store_problem_dup_categories (GjStore       *self,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjProblemPlace, gj_problem_place_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjEchoRow, gj_echo_row_free)

G_END_DECLS
