/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-list-match.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * Resident units, joint-construction agreements and the four lists: the
 * store's actions that touch more than one record. Each is one transaction:
 * it is written whole or not at all, and a refusal (GJ_STORE_ERROR_INVALID)
 * says why in a translated sentence a person can act on.
 *
 * Records passed in are read for their id; the store works on its own
 * fresh copies, so a stale copy in a form cannot undo someone else's edit.
 */

/* Agreements -------------------------------------------------------------- */

/*
 * Renews @agreement for the term @start … @end (YYYY-MM-DD; @end may be
 * NULL for an open-ended term): a new agreement with the same title, unit,
 * street, community, categories and content, "previous_id" set to
 * @agreement, status "draft" and no signing date; its commitments are
 * copied with their status cleared and their due dates moved by as many
 * days as the term moved (new start − old start). The old agreement, its
 * commitments and its evaluations stay as they were (history).
 *
 * Refused: a draft or terminated agreement, one already renewed, a term
 * that ends before it starts. Returns the new agreement (full, a
 * GjAgreement), or NULL with @error set.
 */
GjRecord   *gj_store_renew_agreement       (GjStore      *self,
                                            GjRecord     *agreement,
                                            const char   *start,
                                            const char   *end,
                                            GError      **error);

/* The terms of one agreement, oldest first: every agreement linked to
 * @agreement through "previous_id", before and after it (itself included). */
GListModel *gj_store_list_agreement_chain  (GjStore      *self,
                                            GjRecord     *agreement,
                                            GError      **error);

/* The agreement's commitments (GjCommitment), in row order. */
GListModel *gj_store_list_commitments      (GjStore      *self,
                                            GjRecord     *agreement,
                                            GError      **error);

/* Agreements whose status on @today (NULL: gj_today()) is @status. */
GListModel *gj_store_list_agreements_by_status (GjStore          *self,
                                                GjAgreementStatus status,
                                                const GDate      *today,
                                                GError          **error);

/* Yearly evaluation (年度评议) ------------------------------------------ */

typedef enum
{
  GJ_EVALUATE_DEFAULT = 0,
  /* Replace the evaluation already written for that agreement and year
   * (otherwise a second one is refused). */
  GJ_EVALUATE_REPLACE = 1 << 0,
} GjEvaluateFlags;

/*
 * Writes the evaluation of @agreement for @year: @verdicts holds one
 * GjEvaluation per commitment of the agreement, with "commitment_id",
 * "fulfilled", "score" (0–100, may be unset) and "comment" filled; the
 * store sets "agreement_id", "year", "evaluator" and "evaluated_on"
 * (@date, YYYY-MM-DD; NULL: today) on each and inserts them. An agreement
 * without commitments is evaluated as a whole: one verdict without a
 * commitment_id.
 *
 * Refused: a draft agreement, a year outside its term, a verdict for a
 * commitment of another agreement or two for the same one, a commitment
 * left out, a score outside 0–100, and — without GJ_EVALUATE_REPLACE —
 * a year already evaluated.
 */
gboolean    gj_store_evaluate_agreement    (GjStore         *self,
                                            GjRecord        *agreement,
                                            int              year,
                                            GPtrArray       *verdicts,
                                            const char      *evaluator,
                                            const char      *date,
                                            GjEvaluateFlags  flags,
                                            GError         **error);

typedef struct
{
  int      year;
  gboolean evaluated;     /* FALSE: no evaluation for that year; the rest 0 */
  guint    n_total;       /* evaluation rows (commitments evaluated) */
  guint    n_fulfilled;
  guint    n_scored;      /* rows that hold a score */
  double   mean_score;    /* over the scored rows; 0 when none */
} GjEvaluationSummary;

/* Fills @summary for @agreement and @year. FALSE only on a database error. */
gboolean    gj_store_get_evaluation_summary (GjStore             *self,
                                             GjRecord            *agreement,
                                             int                  year,
                                             GjEvaluationSummary *summary,
                                             GError             **error);

/* The evaluation rows (GjEvaluation) of @agreement for @year (0: all
 * years), by year then commitment. */
GListModel *gj_store_list_evaluations      (GjStore      *self,
                                            GjRecord     *agreement,
                                            int           year,
                                            GError      **error);

/* Agreements due for evaluation on @today (NULL: gj_today()): in force
 * (or expiring) on @today, or expired during @today's year, and with no
 * evaluation yet for @today's year. */
GListModel *gj_store_list_due_for_evaluation (GjStore     *self,
                                              const GDate *today,
                                              GError     **error);

/* The four lists --------------------------------------------------------- */

/*
 * Moves @item to @status if the lifecycle allows it (see
 * gj_list_item_check_transition()). When the item is matched to another,
 * that one follows it to in progress and done; going back to "offered"
 * undoes the match on both. Use gj_store_claim_match() to match two
 * items; moving one to "matched" here records a match made outside the
 * lists (no partner). Refused with the reason when the step is not
 * allowed. @item is updated to what was written.
 */
gboolean    gj_store_set_list_item_status  (GjStore          *self,
                                            GjRecord         *item,
                                            GjListItemStatus  status,
                                            GError          **error);

/*
 * Open resources and services (offered or claimed, not matched) of the
 * same category as @need, nearest first: same grid, then same community,
 * then same street, then elsewhere; by title within a level. Returns a
 * model of GjListMatch ("item", "level").
 *
 * An item's place is its grid (and the grid's community and street); an
 * item without a grid takes its owner unit's grid, community and street,
 * else its owner community (and that community's street).
 */
GListModel *gj_store_list_matches          (GjStore      *self,
                                            GjRecord     *need,
                                            GError      **error);

/*
 * Matches @need with @resource (a resource or service): both become
 * "matched", each with "matched_item_id" pointing to the other. Refused
 * when either is already matched, in progress or done, or when they are
 * not a need and a resource/service. Both records are updated to what was
 * written.
 */
gboolean    gj_store_claim_match           (GjStore      *self,
                                            GjRecord     *need,
                                            GjRecord     *resource,
                                            GError      **error);

/*
 * Open needs (offered or claimed, not matched) as GjListMatch: "item" the
 * need, "level" its best match's level, "n-matches" how many open
 * resources/services match it. With @only_matched, needs with no match are
 * left out. Ordered by best level, then most matches, then title.
 */
GListModel *gj_store_list_open_needs       (GjStore      *self,
                                            gboolean      only_matched,
                                            GError      **error);

/* Units ------------------------------------------------------------------ */

/* Units whose verification is stale on @today (NULL: gj_today()); see
 * gj_unit_is_stale(). */
GListModel *gj_store_list_stale_units      (GjStore      *self,
                                            const GDate  *today,
                                            GError      **error);

/*
 * Also (not a function here): gj_store_insert() and gj_store_update() of a
 * unit with "lon" and "lat" set its "grid_id", "street_id" and
 * "community_id" from the grid whose polygon holds the point; and refuse a
 * unit whose credit code has a wrong check character.
 */

G_END_DECLS
