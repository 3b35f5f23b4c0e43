/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-problem.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * The problem wall's actions (问题墙 / 回音壁). Each is one transaction,
 * leaves a dated progress note (the problem's timeline) and updates
 * @problem in place; on failure nothing is written and @problem is as
 * it was.
 */

/* Moves @problem to @to. @detail is the reason for UNSOLVABLE, to whom
 * for ESCALATED, and the reason for reopening a done problem; optional
 * otherwise. ASSIGNED needs a responsible unit and a deadline; RESOLVED
 * sets the day it was resolved. Publishing goes through
 * gj_store_problem_publish(). */
gboolean    gj_store_problem_move        (GjStore          *self,
                                          GjRecord         *problem,
                                          GjProblemStatus   to,
                                          const char       *detail,
                                          const char       *author,
                                          GError          **error);
/* A new deadline (YYYY-MM-DD, after the old one) with the reason why. */
gboolean    gj_store_problem_extend      (GjStore          *self,
                                          GjRecord         *problem,
                                          const char       *deadline,
                                          const char       *reason,
                                          const char       *author,
                                          GError          **error);
/* A dated progress note. */
gboolean    gj_store_problem_add_note    (GjStore          *self,
                                          GjRecord         *problem,
                                          const char       *text,
                                          const char       *author,
                                          GError          **error);
/* Publishes a resolved problem's result on the echo wall: a new
 * GjEchoEntry (@published_on NULL: today; @channel e.g. 公告栏, 微信群,
 * 联席会议) and the status PUBLISHED. Returns the entry. */
GjRecord   *gj_store_problem_publish     (GjStore          *self,
                                          GjRecord         *problem,
                                          const char       *result,
                                          const char       *published_on,
                                          const char       *channel,
                                          GError          **error);
/* Progress notes, oldest first: the timeline. */
GListModel *gj_store_problem_list_notes  (GjStore          *self,
                                          GjRecord         *problem,
                                          GError          **error);

/* From matters raised to answers published, for a street (0: the whole
 * district) and the problems registered from @from to @to (YYYY-MM-DD,
 * inclusive; NULL: open-ended). */
typedef struct
{
  gint64 collected;   /* registered in the period */
  gint64 on_wall;     /* of those, given to a responsible unit */
  gint64 resolved;    /* resolved or published */
  gint64 published;   /* on the echo wall */
  gint64 open;        /* not resolved, published or unsolvable */
  gint64 unsolvable;
} GjProblemFunnel;

gboolean    gj_store_problem_funnel      (GjStore          *self,
                                          gint64            street_id,
                                          const char       *from,
                                          const char       *to,
                                          GjProblemFunnel  *funnel,
                                          GError          **error);
/* Problems of a street (0: all) by deadline colour at @now (NULL: today):
 * @counts is indexed by GjDeadlineColour. */
gboolean    gj_store_problem_count_colours (GjStore        *self,
                                          gint64            street_id,
                                          GDateTime        *now,
                                          gint64            counts[GJ_DEADLINE_GREY + 1],
                                          GError          **error);

G_END_DECLS
