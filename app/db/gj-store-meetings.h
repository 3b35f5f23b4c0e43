/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-agenda-item.h"
#include "gj-attendance.h"
#include "gj-meeting.h"
#include "gj-meeting-theme.h"
#include "gj-problem.h"
#include "gj-recurrence.h"
#include "gj-store.h"
#include "gj-topic.h"

G_BEGIN_DECLS

/*
 * Joint meetings (联席会议, "一月一会一主题、一事一议一公开") in the store:
 * series and their occurrences, the record's lifecycle, agenda drafting,
 * attendance, minutes and follow-ups.
 *
 * The records:
 *
 *  - GjMeeting: one meeting, or the master of a series ("rrule", "exdate"
 *    and "tzid" in "extra", see gj-recurrence.h). An occurrence that has
 *    anything of its own — a new time, a cancellation, attendance, minutes
 *    — is a meeting record too (an *override*: "series_id" is the master's
 *    id, "recurrence_id" in "extra" the start the rule gave it).
 *    Occurrences the rule makes and nobody touched are not stored; the
 *    calendar gets them from gj_store_list_occurrences().
 *  - GjMeetingTheme: the yearly theme plan (一月一主题), one theme per
 *    series and month. An occurrence without a title of its own shows the
 *    theme of its month.
 *  - GjAgendaItem: one matter (一事一议) of a meeting: presenting unit,
 *    minutes planned, links to a problem / agreement / grid / topic, and
 *    after the meeting its discussion, decision, publish flag (一公开),
 *    follow-up (responsible unit, measures, deadline) and outcome.
 *  - GjAttendance: one invited unit: present / absent / on leave (请假),
 *    and who came instead (substitute).
 *  - GjTopic: a topic a unit suggested (议题征集) that waits in the
 *    street's backlog for a meeting.
 *
 * Every function here is one transaction: on failure nothing is written
 * and the records passed in are as they were. Dates are "YYYY-MM-DD" in
 * Asia/Shanghai; @today NULL means gj_today() ($GONGJIAN_TODAY in tests).
 *
 * A closed meeting is locked: gj_store_update() of it, and every function
 * below that would change it, its agenda or its attendance, fails with
 * GJ_STORE_ERROR_INVALID and a translated reason, until
 * gj_store_meeting_reopen() — which needs a reason, and logs it.
 */

/* ---- finding meetings --------------------------------------------------- */

/* The meeting with this UUID or code (the CLI's MEETING argument); NULL
 * with GJ_STORE_ERROR_NOT_FOUND when there is none. */
GjMeeting  *gj_store_find_meeting             (GjStore         *self,
                                               const char      *uuid_or_code,
                                               GError         **error);

/* The occurrences (GjOccurrence) of every meeting and series whose start
 * falls from @from to @to (inclusive, either may be NULL), ordered by
 * start: single meetings, the rule's occurrences (titled with the theme
 * plan, see gj_occurrence_get_title()), moved and cancelled ones (with
 * gj_occurrence_is_cancelled()). @street_id 0: all streets. This is the
 * data of the calendar's month view. */
GListModel *gj_store_list_occurrences         (GjStore         *self,
                                               gint64           street_id,
                                               const char      *from,
                                               const char      *to,
                                               GError         **error);

/* The meeting of the same street (same series, or any meeting of the
 * street when @meeting is not in a series) that comes before / after
 * @meeting, cancelled ones left out; NULL without an error when there is
 * none. gj_store_meeting_next() materialises the series' next occurrence
 * (see gj_store_occurrence_materialize()) when no stored meeting comes
 * first. */
GjMeeting  *gj_store_meeting_previous         (GjStore         *self,
                                               GjMeeting       *meeting,
                                               GError         **error);
GjMeeting  *gj_store_meeting_next             (GjStore         *self,
                                               GjMeeting       *meeting,
                                               GError         **error);

/* ---- series -------------------------------------------------------------- */

/* Makes @master (not yet saved; title, street, starts_at, ends_at, …
 * filled) the master of a series repeating by @rule. @tzid: the IANA zone
 * the series keeps its wall-clock time in (NULL: Asia/Shanghai). The
 * master gets status "scheduled" unless it has one. */
gboolean    gj_store_series_create            (GjStore            *self,
                                               GjMeeting          *master,
                                               const GjRecurrence *rule,
                                               const char         *tzid,
                                               GError            **error);
/* Changes the rule of an existing series (the occurrences already stored
 * stay). */
gboolean    gj_store_series_set_rule          (GjStore            *self,
                                               GjMeeting          *master,
                                               const GjRecurrence *rule,
                                               GError            **error);

/* The theme plan of @master for @year (GjMeetingTheme, by month). */
GListModel *gj_store_series_list_themes       (GjStore         *self,
                                               GjMeeting       *master,
                                               int              year,
                                               GError         **error);
/* Sets the plan of @year: @themes[0] is January … @themes[11] December;
 * NULL or "" removes that month's theme. Occurrences already stored
 * whose title is still the series' title take their month's theme. */
gboolean    gj_store_series_set_themes        (GjStore         *self,
                                               GjMeeting       *master,
                                               int              year,
                                               const char *const themes[12],
                                               GError         **error);
/* The theme of @master for the month of @date, or NULL (owned). */
char       *gj_store_series_dup_theme         (GjStore         *self,
                                               GjMeeting       *master,
                                               const char      *date,
                                               GError         **error);

/* The stored record of the occurrence of @master that the rule puts at
 * @recurrence_id (ISO 8601 as gj_occurrence_get_recurrence_id() gives it):
 * the existing override, or a new one (status "scheduled", titled with the
 * month's theme, place and street of the master, invited units copied).
 * Fails when the rule puts no occurrence there. */
GjMeeting  *gj_store_occurrence_materialize   (GjStore         *self,
                                               GjMeeting       *master,
                                               const char      *recurrence_id,
                                               GError         **error);
/* The stored override of @master at @recurrence_id (any spelling, see
 * gj_meeting_normalize_recurrence_id()), or NULL without an error. */
GjMeeting  *gj_store_find_override            (GjStore         *self,
                                               GjMeeting       *master,
                                               const char      *recurrence_id,
                                               GError         **error);
/* Moves one occurrence (e.g. out of the Spring Festival week) to
 * @starts_at / @ends_at (ISO 8601; @ends_at NULL keeps the length).
 * @reason (optional) goes into the log. Returns the override. */
GjMeeting  *gj_store_occurrence_move          (GjStore         *self,
                                               GjMeeting       *master,
                                               const char      *recurrence_id,
                                               const char      *starts_at,
                                               const char      *ends_at,
                                               const char      *reason,
                                               GError         **error);
/* Cancels one occurrence: an override with status "cancelled"; the
 * calendar still shows it, crossed out. Returns the override. */
GjMeeting  *gj_store_occurrence_cancel        (GjStore         *self,
                                               GjMeeting       *master,
                                               const char      *recurrence_id,
                                               const char      *reason,
                                               GError         **error);

/* ---- lifecycle ----------------------------------------------------------- */

/* Moves @meeting to @to if gj_meeting_check_transition() allows it, sets
 * the time it was held / its minutes were written / it was closed, and
 * logs the move (with @reason, if any). Reopening a closed meeting goes
 * through gj_store_meeting_reopen(). */
gboolean    gj_store_meeting_move             (GjStore         *self,
                                               GjMeeting       *meeting,
                                               GjMeetingStatus  to,
                                               const char      *reason,
                                               GError         **error);
/* Unlocks a closed meeting (back to "minutes written"); @reason must not
 * be blank. The reason is in the change log and in the meeting's history
 * (gj_store_meeting_list_history()). */
gboolean    gj_store_meeting_reopen           (GjStore         *self,
                                               GjMeeting       *meeting,
                                               const char      *reason,
                                               GError         **error);
/* The status moves and reopen reasons of @meeting, oldest first
 * (GjChange records: "action" is "status", "detail" is JSON
 * {"from": …, "to": …, "reason": …}). */
GListModel *gj_store_meeting_list_history     (GjStore         *self,
                                               GjMeeting       *meeting,
                                               GError         **error);
/* Held meetings whose minutes are still not written @days or more days
 * after they were held, at @today; oldest first. (The district's "who
 * has not written minutes" list.) */
GListModel *gj_store_meetings_missing_minutes (GjStore         *self,
                                               guint            days,
                                               const char      *today,
                                               GError         **error);

/* ---- agenda -------------------------------------------------------------- */

/* The agenda of @meeting, by position. */
GListModel *gj_store_list_agenda              (GjStore         *self,
                                               GjMeeting       *meeting,
                                               GError         **error);

/*
 * A draft agenda for @meeting, for the secretary to reorder, edit and
 * save with gj_store_save_agenda(). Nothing is written. The items
 * (GjAgendaItem, not saved: id 0) come, in this order, from:
 *
 *  1. last meeting's unfinished follow-ups (source FOLLOWUP, carried_from_id
 *     set): items of gj_store_meeting_previous() with a follow-up whose
 *     outcome is not "done";
 *  2. problems of the street due or overdue (deadline on or before the
 *     meeting's day, or overdue since the previous meeting) and not done
 *     (source PROBLEM, problem_id and presenting unit = the responsible
 *     unit);
 *  3. agreements of the street expiring within
 *     GJ_AGENDA_AGREEMENT_EXPIRY_DAYS of the meeting (source
 *     AGREEMENT_EXPIRING) or without an evaluation for the past year
 *     (source AGREEMENT_EVALUATION), agreement_id and presenting unit set;
 *  4. the street's topic backlog, oldest first (source BACKLOG, topic_id,
 *     presenting unit = the unit that suggested it).
 *
 * Matters already on @meeting's agenda are left out. Each item has a
 * title, "source", the link, and a default "minutes_planned".
 */
#define GJ_AGENDA_AGREEMENT_EXPIRY_DAYS 60
GListModel *gj_store_draft_agenda             (GjStore         *self,
                                               GjMeeting       *meeting,
                                               const char      *today,
                                               GError         **error);
/* Makes @items (GjAgendaItem, in the order given) the agenda of @meeting:
 * items with an id are updated, new ones inserted, the meeting's items
 * not in @items deleted; positions are renumbered 1…n. Backlog topics on
 * the agenda become "scheduled" for @meeting (and "waiting" again when
 * they are taken off); a carried follow-up's original item gets the
 * outcome "carried". */
gboolean    gj_store_save_agenda              (GjStore         *self,
                                               GjMeeting       *meeting,
                                               GListModel      *items,
                                               GError         **error);
/* The minutes of one matter: discussion, decision, publish flag and
 * follow-up as set on @item (gj_store_update() with the lock checked). */
gboolean    gj_store_agenda_item_save         (GjStore         *self,
                                               GjAgendaItem    *item,
                                               GError         **error);

/* The street's topic backlog: topics still "waiting", oldest first.
 * @street_id 0: all streets. */
GListModel *gj_store_list_backlog             (GjStore         *self,
                                               gint64           street_id,
                                               GError         **error);

/* ---- follow-ups ---------------------------------------------------------- */

/* A problem for the problem wall prefilled from @item's follow-up: title
 * (the item's), description (its decision), responsible unit, measures,
 * deadline, source 联席会议, meeting and street. Not saved, for the GUI
 * to show in the problem form. */
GjProblem  *gj_store_followup_prefill         (GjStore         *self,
                                               GjAgendaItem    *item,
                                               GError         **error);
/*
 * Puts @item's follow-up on the problem wall: saves @problem (NULL: the
 * prefilled one), "assigned" when it has a responsible unit and a
 * deadline, else "registered", with a progress note naming the meeting,
 * and links the item to it (problem_id). Fails when the item already has
 * a problem, or has no decision or follow-up to act on. Returns the
 * problem (new reference).
 */
GjProblem  *gj_store_followup_to_problem      (GjStore         *self,
                                               GjAgendaItem    *item,
                                               GjProblem       *problem,
                                               GError         **error);
/* Moves an unfinished item to @next (NULL: gj_store_meeting_next()): a
 * copy of it (title, unit, links, follow-up, source FOLLOWUP,
 * carried_from_id) goes to the end of @next's agenda, and @item gets the
 * outcome "carried". Returns the new item. */
GjAgendaItem *gj_store_agenda_item_carry_over (GjStore         *self,
                                               GjAgendaItem    *item,
                                               GjMeeting       *next,
                                               GError         **error);

/* ---- attendance ---------------------------------------------------------- */

/* The invited units of @meeting (GjAttendance, by unit name). */
GListModel *gj_store_list_attendance          (GjStore         *self,
                                               GjMeeting       *meeting,
                                               GError         **error);
/* Invites units (status "invited"); units already invited are kept. */
gboolean    gj_store_invite_units             (GjStore         *self,
                                               GjMeeting       *meeting,
                                               const gint64    *unit_ids,
                                               guint            n_units,
                                               GError         **error);
/* Records one unit's attendance (inviting it if it was not). @substitute:
 * who came instead of the unit's usual representative (with PRESENT). */
gboolean    gj_store_set_attendance           (GjStore            *self,
                                               GjMeeting          *meeting,
                                               gint64              unit_id,
                                               GjAttendanceStatus  status,
                                               const char         *substitute,
                                               GError            **error);

/* One unit's attendance over a year of held meetings. */
typedef struct
{
  gint64  unit_id;
  char   *unit_name;
  guint   invited;     /* held (or later) meetings it was invited to */
  guint   present;     /* of those, present (substitutes included) */
  guint   substitute;  /* of those present, by a substitute */
  guint   leave;       /* on leave (请假) */
  guint   absent;      /* absent, or never recorded */
  double  rate;        /* present / invited, 0 … 1 (0 when not invited) */
} GjAttendanceRate;

void        gj_attendance_rate_free           (GjAttendanceRate *rate);
/* Per unit invited to the street's (0: all streets') meetings held in
 * @year: a GPtrArray of GjAttendanceRate, by unit name. Meetings not yet
 * held or cancelled do not count. */
GPtrArray  *gj_store_attendance_rates         (GjStore         *self,
                                               gint64           street_id,
                                               int              year,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjAttendanceRate, gj_attendance_rate_free)

G_END_DECLS
