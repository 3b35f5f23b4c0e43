/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_PROBLEM (gj_problem_get_type ())

G_DECLARE_FINAL_TYPE (GjProblem, gj_problem, GJ, PROBLEM, GjRecord)

/* Where a matter on the problem wall (问题墙) stands. The main line runs
 * registered → assigned → in progress → resolved → published (on the echo
 * wall); "unsolvable" (with a reason) and "escalated" (吹哨, to whom) are
 * side exits. */
typedef enum
{
  GJ_PROBLEM_INVALID = -1,
  GJ_PROBLEM_REGISTERED,
  GJ_PROBLEM_ASSIGNED,
  GJ_PROBLEM_IN_PROGRESS,
  GJ_PROBLEM_RESOLVED,
  GJ_PROBLEM_PUBLISHED,
  GJ_PROBLEM_UNSOLVABLE,
  GJ_PROBLEM_ESCALATED,
} GjProblemStatus;

#define GJ_PROBLEM_N_STATUSES (GJ_PROBLEM_ESCALATED + 1)

/* The deadline at a glance: on track, due within GJ_PROBLEM_DUE_SOON_DAYS,
 * overdue, or done (and none: open without a deadline). */
typedef enum
{
  GJ_DEADLINE_NONE,
  GJ_DEADLINE_GREEN,
  GJ_DEADLINE_YELLOW,
  GJ_DEADLINE_RED,
  GJ_DEADLINE_GREY,
} GjDeadlineColour;

#define GJ_PROBLEM_DUE_SOON_DAYS 7
/* Deadlines are days in the district's own zone. */
#define GJ_DISTRICT_TIME_ZONE "Asia/Shanghai"

GjProblem        *gj_problem_new                 (void);

/* Code words "registered" … "escalated"; from_string also takes the words
 * offices write (已登记, 整改中, 已办结 …), INVALID when it cannot. */
GjProblemStatus   gj_problem_status_from_string  (const char        *text);
const char       *gj_problem_status_to_string    (GjProblemStatus    status);
/* Translated, for people. */
const char       *gj_problem_status_get_title    (GjProblemStatus    status);
/* Resolved, published or unsolvable: nothing more is due. */
gboolean          gj_problem_status_is_done      (GjProblemStatus    status);
/* FALSE, with the reason, for a move the rules do not allow. */
gboolean          gj_problem_status_check_move   (GjProblemStatus    from,
                                                  GjProblemStatus    to,
                                                  GError           **error);

GjProblemStatus   gj_problem_get_status          (GjRecord          *problem);
/* The colour of @problem at @now (any zone; NULL: now). */
GjDeadlineColour  gj_problem_get_colour          (GjRecord          *problem,
                                                  GDateTime         *now);
GjDeadlineColour  gj_problem_colour_for          (GjProblemStatus    status,
                                                  const char        *deadline,
                                                  GDateTime         *now);
/* "none", "green", "yellow", "red", "grey". */
const char       *gj_deadline_colour_to_string   (GjDeadlineColour   colour);
/* Translated: 正常, 临期, 逾期, 已办结. */
const char       *gj_deadline_colour_get_title   (GjDeadlineColour   colour);
/* The funnel from matters raised to answers published. */
typedef enum
{
  GJ_FUNNEL_COLLECTED,    /* every problem */
  GJ_FUNNEL_ON_WALL,      /* given to a responsible unit: past "registered" */
  GJ_FUNNEL_RESOLVED,     /* resolved or published */
  GJ_FUNNEL_PUBLISHED,    /* on the echo wall */
  GJ_FUNNEL_OPEN,         /* not resolved, published or unsolvable */
  GJ_FUNNEL_UNSOLVABLE,
  GJ_FUNNEL_N_STAGES,
} GjFunnelStage;

/* Whether a problem whose stored status is @status (NULL: none) counts in
 * @stage: the one rule the store's funnel and the overview share. */
gboolean          gj_problem_in_funnel_stage     (const char        *status,
                                                  GjFunnelStage      stage);
/* Today in the district's zone, for @now (NULL: now). */
void              gj_district_today              (GDateTime         *now,
                                                  GDate             *today);

G_END_DECLS
