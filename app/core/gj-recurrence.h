/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gj-meeting.h"

G_BEGIN_DECLS

/*
 * Recurring meetings.
 *
 * GjRecurrence is the part of RFC 5545 recurrence that the series editor
 * offers; gj_recurrence_to_rrule() and gj_recurrence_from_rrule() translate
 * it to and from RRULE text. Expansion (gj_recurrence_expand(),
 * gj_meeting_occurrences()) goes through libical and works for any RRULE,
 * whether or not the editor can show it.
 *
 * Times in and out are ISO 8601. A start may name its zone after the offset,
 * "2025-03-03T14:30:00+01:00[Europe/Berlin]" (RFC 9557), so the series keeps
 * its wall-clock time across that zone's daylight-saving changes; a bare
 * offset is a fixed zone, no offset at all is Asia/Shanghai. Results are in
 * Asia/Shanghai ("2025-03-03T14:30:00+08:00"), or "YYYY-MM-DD" for all-day
 * series (a start given as a date).
 */

#define GJ_RECURRENCE_ZONE "Asia/Shanghai"
/* No expansion returns more occurrences than this. */
#define GJ_RECURRENCE_MAX_OCCURRENCES 5000

typedef enum
{
  /* Every @interval months on day @month_day (months without it are
   * skipped, as RFC 5545 says). */
  GJ_RECURRENCE_MONTHLY_BY_DAY,
  /* Every @interval months on the @week-th (1–4, or -1 for the last)
   * @weekday. */
  GJ_RECURRENCE_MONTHLY_BY_WEEKDAY,
  /* Every @interval weeks on @weekday. */
  GJ_RECURRENCE_WEEKLY,
} GjRecurrenceKind;

typedef enum
{
  GJ_RECURRENCE_END_NEVER,
  GJ_RECURRENCE_END_UNTIL,   /* last possible day: @until, inclusive */
  GJ_RECURRENCE_END_COUNT,   /* @count occurrences in all */
} GjRecurrenceEnd;

typedef struct
{
  GjRecurrenceKind kind;
  guint            interval;  /* >= 1 */
  guint            month_day; /* 1–31, MONTHLY_BY_DAY */
  int              week;      /* 1–4 or -1, MONTHLY_BY_WEEKDAY */
  GDateWeekday     weekday;   /* MONTHLY_BY_WEEKDAY, WEEKLY */
  GjRecurrenceEnd  end;
  guint16          until_year; /* END_UNTIL: a date in Asia/Shanghai */
  guint8           until_month;
  guint8           until_day;
  guint            count;     /* END_COUNT, >= 1 */
} GjRecurrence;

#define GJ_TYPE_RECURRENCE (gj_recurrence_get_type ())
GType          gj_recurrence_get_type    (void) G_GNUC_CONST;

/* Monthly on day 1, every month, without end. */
void           gj_recurrence_init        (GjRecurrence       *self);
GjRecurrence  *gj_recurrence_copy        (const GjRecurrence *self);
void           gj_recurrence_free        (GjRecurrence       *self);
gboolean       gj_recurrence_equal       (const GjRecurrence *a,
                                          const GjRecurrence *b);

/* RRULE value text ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=12"); NULL when @self
 * is out of range (a day 32, a 5th week …). UNTIL is written as UTC, the
 * end of that day in Asia/Shanghai, as RFC 5545 wants for a DTSTART with
 * a zone. */
char          *gj_recurrence_to_rrule    (const GjRecurrence *self);
/* FALSE when @rrule is malformed or says more than GjRecurrence can
 * (then @out is left as gj_recurrence_init() makes it). Accepts
 * "BYDAY=TU;BYSETPOS=2" (Outlook) for "BYDAY=2TU". */
gboolean       gj_recurrence_from_rrule  (const char         *rrule,
                                          GjRecurrence       *out);

/* The starts of the occurrences of a series that fall between
 * @range_start_date and @range_end_date ("YYYY-MM-DD", both inclusive, in
 * Asia/Shanghai; NULL for no bound), as ISO 8601 text (an array of char *,
 * freed with the array). @exdates: iCalendar times ("20250131T143000" in
 * the start's zone, "…Z" in UTC, "20250131" for the whole day; comma lists
 * allowed) or ISO 8601 text, to leave out. @rrule NULL or "" is a single
 * occurrence. At most GJ_RECURRENCE_MAX_OCCURRENCES are returned.
 * NULL with @error set for an unreadable start, rule or range. */
GArray        *gj_recurrence_expand      (const char         *dtstart_iso,
                                          const char         *rrule,
                                          const char * const *exdates,
                                          const char         *range_start_date,
                                          const char         *range_end_date,
                                          GError            **error);

#define GJ_RECURRENCE_ERROR (gj_recurrence_error_quark ())
GQuark         gj_recurrence_error_quark (void);

typedef enum
{
  GJ_RECURRENCE_ERROR_INVALID_START,
  GJ_RECURRENCE_ERROR_INVALID_RULE,
  GJ_RECURRENCE_ERROR_INVALID_RANGE,
} GjRecurrenceError;

/*
 * GjOccurrence: one meeting of a series on the calendar.
 */
#define GJ_TYPE_OCCURRENCE (gj_occurrence_get_type ())
G_DECLARE_FINAL_TYPE (GjOccurrence, gj_occurrence, GJ, OCCURRENCE, GObject)

/* Start and end in Asia/Shanghai (dates for all-day meetings); the end is
 * NULL when the meeting has none. */
const char    *gj_occurrence_get_starts_at     (GjOccurrence *self);
const char    *gj_occurrence_get_ends_at       (GjOccurrence *self);
gboolean       gj_occurrence_get_all_day       (GjOccurrence *self);
/* Where the rule put it (the RECURRENCE-ID), as starts_at is written. */
const char    *gj_occurrence_get_recurrence_id (GjOccurrence *self);
/* The series' master, or the override record for a moved or changed
 * occurrence. */
GjMeeting     *gj_occurrence_get_meeting       (GjOccurrence *self);
gboolean       gj_occurrence_is_override       (GjOccurrence *self);
/* The override's (or the whole series') status is "cancelled". */
gboolean       gj_occurrence_is_cancelled      (GjOccurrence *self);
/* What the calendar shows: the theme set with gj_occurrence_set_title()
 * (the month's theme from the series' plan), else the meeting's title. */
const char    *gj_occurrence_get_title         (GjOccurrence *self);
void           gj_occurrence_set_title         (GjOccurrence *self,
                                                const char   *title);

/* The occurrences of @master (its "starts_at", "ends_at", "all_day",
 * "status", and "rrule", "exdate" and "tzid" (an IANA zone name the series
 * keeps its wall-clock time in, as "[Zone]" after a start does) in "extra") whose start falls in the range
 * (as for gj_recurrence_expand()), ordered by start, as a list of
 * GjOccurrence. @overrides (may be NULL): GjMeeting records with
 * "recurrence_id" in "extra"; each replaces the occurrence it names and
 * shows at its own time (and only if that is in the range). */
GListModel    *gj_meeting_occurrences    (GjMeeting          *master,
                                          GListModel         *overrides,
                                          const char         *range_start_date,
                                          const char         *range_end_date,
                                          GError            **error);

/* @recurrence_id (as an override's "recurrence_id" holds it: iCalendar
 * "20250131T143000" in the series' zone, "…Z", a date, or ISO 8601) as
 * gj_occurrence_get_recurrence_id() writes it, so two spellings of one
 * occurrence compare equal; NULL when it cannot be read. */
char          *gj_meeting_normalize_recurrence_id (GjMeeting  *master,
                                                   const char *recurrence_id);

G_END_DECLS
