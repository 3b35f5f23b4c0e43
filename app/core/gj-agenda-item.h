/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gj-meeting.h"

G_BEGIN_DECLS

#define GJ_TYPE_AGENDA_ITEM (gj_agenda_item_get_type ())

G_DECLARE_FINAL_TYPE (GjAgendaItem, gj_agenda_item, GJ, AGENDA_ITEM, GjRecord)

/*
 * One matter (一事一议) of a meeting. Before the meeting: title,
 * presenting unit, minutes planned and what it is about (a problem, an
 * agreement, a grid, a backlog topic); after it: discussion, decision,
 * publish flag (一公开) and the follow-up — responsible unit, measures,
 * deadline — that can go on the problem wall, and the outcome.
 */

/* Where a drafted item came from ("source"). */
typedef enum
{
  GJ_AGENDA_SOURCE_MANUAL,
  GJ_AGENDA_SOURCE_BACKLOG,              /* a topic units suggested (议题征集) */
  GJ_AGENDA_SOURCE_PROBLEM,              /* a problem due or overdue */
  GJ_AGENDA_SOURCE_AGREEMENT_EXPIRING,   /* an agreement ending soon */
  GJ_AGENDA_SOURCE_AGREEMENT_EVALUATION, /* an agreement due for its yearly evaluation */
  GJ_AGENDA_SOURCE_FOLLOWUP,             /* unfinished from an earlier meeting */
} GjAgendaSource;

/* What became of the matter ("outcome"). */
typedef enum
{
  GJ_AGENDA_OUTCOME_OPEN,        /* not decided yet, or its follow-up runs */
  GJ_AGENDA_OUTCOME_DONE,
  GJ_AGENDA_OUTCOME_UNFINISHED,  /* to be taken up again */
  GJ_AGENDA_OUTCOME_CARRIED,     /* moved to a later meeting */
} GjAgendaOutcome;

/* Minutes planned for an item that does not say. */
#define GJ_AGENDA_DEFAULT_MINUTES 15

GjAgendaItem    *gj_agenda_item_new              (void);

/* "manual", "backlog", "problem", "agreement-expiring",
 * "agreement-evaluation", "followup"; unknown text is MANUAL. */
GjAgendaSource   gj_agenda_source_from_string    (const char      *text);
const char      *gj_agenda_source_to_string      (GjAgendaSource   source);
/* Translated, for the draft list ("Problem due", "Backlog topic" …). */
const char      *gj_agenda_source_get_title      (GjAgendaSource   source);

/* "open", "done", "unfinished", "carried"; unknown text is OPEN. */
GjAgendaOutcome  gj_agenda_outcome_from_string   (const char      *text);
const char      *gj_agenda_outcome_to_string     (GjAgendaOutcome  outcome);
const char      *gj_agenda_outcome_get_title     (GjAgendaOutcome  outcome);

GjAgendaSource   gj_agenda_item_get_source       (GjAgendaItem    *self);
GjAgendaOutcome  gj_agenda_item_get_outcome      (GjAgendaItem    *self);
/* A follow-up: a responsible unit or measures to act on. */
gboolean         gj_agenda_item_has_followup     (GjAgendaItem    *self);

/* The minutes planned of all @items (GjAgendaItem); items without a
 * figure count GJ_AGENDA_DEFAULT_MINUTES. */
guint            gj_agenda_total_minutes         (GListModel      *items);
/* FALSE when the agenda's total is longer than @meeting lasts (when the
 * meeting has an end), with a translated warning in @warning ("The
 * agenda needs 95 minutes; the meeting lasts 60."). @total: the total. */
gboolean         gj_agenda_check_length          (GListModel      *items,
                                                  GjMeeting       *meeting,
                                                  guint           *total,
                                                  char           **warning);

G_END_DECLS
