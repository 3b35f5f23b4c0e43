/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gj-meeting.h"
#include "gj-recurrence.h"

/* Expands and compares with @expected (NULL-terminated). */
static void
check_expand (const char         *dtstart,
              const char         *rrule,
              const char * const *exdates,
              const char         *from,
              const char         *to,
              const char * const *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) got = gj_recurrence_expand (dtstart, rrule, exdates, from, to, &error);
  guint n = expected ? g_strv_length ((char **) expected) : 0;

  g_assert_no_error (error);
  g_assert_nonnull (got);
  for (guint i = 0; i < MIN (n, got->len); i++)
    g_assert_cmpstr (g_array_index (got, char *, i), ==, expected[i]);
  g_assert_cmpuint (got->len, ==, n);
}

#define S(...) ((const char * const[]) { __VA_ARGS__, NULL })

static void
test_monthly_day (void)
{
  check_expand ("2025-01-15T14:30:00+08:00", "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=4", NULL, NULL, NULL,
                S ("2025-01-15T14:30:00+08:00", "2025-02-15T14:30:00+08:00",
                   "2025-03-15T14:30:00+08:00", "2025-04-15T14:30:00+08:00"));
  /* Day 31: months without it are skipped (RFC 5545). */
  check_expand ("2025-01-31T09:00:00+08:00", "FREQ=MONTHLY;BYMONTHDAY=31", NULL, "2025-01-01", "2025-12-31",
                S ("2025-01-31T09:00:00+08:00", "2025-03-31T09:00:00+08:00", "2025-05-31T09:00:00+08:00",
                   "2025-07-31T09:00:00+08:00", "2025-08-31T09:00:00+08:00", "2025-10-31T09:00:00+08:00",
                   "2025-12-31T09:00:00+08:00"));
}

static const char *const last_fridays_2025[] = {
  "2025-01-31T14:30:00+08:00", "2025-02-28T14:30:00+08:00", "2025-03-28T14:30:00+08:00",
  "2025-04-25T14:30:00+08:00", "2025-05-30T14:30:00+08:00", "2025-06-27T14:30:00+08:00",
  "2025-07-25T14:30:00+08:00", "2025-08-29T14:30:00+08:00", "2025-09-26T14:30:00+08:00",
  "2025-10-31T14:30:00+08:00", "2025-11-28T14:30:00+08:00", "2025-12-26T14:30:00+08:00",
  NULL
};

static void
test_last_friday (void)
{
  check_expand ("2025-01-31T14:30:00+08:00", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12", NULL, NULL, NULL,
                last_fridays_2025);
  /* Without an end, clipped to 2025. */
  check_expand ("2025-01-31T14:30:00+08:00", "FREQ=MONTHLY;BYDAY=-1FR", NULL, "2025-01-01", "2025-12-31",
                last_fridays_2025);
}

static void
test_second_tuesday (void)
{
  const char *const expected[] = {
    "2025-01-14T09:30:00+08:00", "2025-02-11T09:30:00+08:00", "2025-03-11T09:30:00+08:00",
    "2025-04-08T09:30:00+08:00", "2025-05-13T09:30:00+08:00", "2025-06-10T09:30:00+08:00", NULL
  };

  check_expand ("2025-01-14T09:30:00+08:00", "FREQ=MONTHLY;BYDAY=2TU;COUNT=6", NULL, NULL, NULL, expected);
  /* Outlook writes it this way. */
  check_expand ("2025-01-14T09:30:00+08:00", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2;COUNT=6", NULL, NULL, NULL, expected);
}

static void
test_every_two_months (void)
{
  check_expand ("2025-01-10T15:00:00+08:00", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=10;COUNT=4", NULL, NULL, NULL,
                S ("2025-01-10T15:00:00+08:00", "2025-03-10T15:00:00+08:00",
                   "2025-05-10T15:00:00+08:00", "2025-07-10T15:00:00+08:00"));
  check_expand ("2025-01-06T15:00:00+08:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", NULL, "2025-01-01", "2025-02-10",
                S ("2025-01-06T15:00:00+08:00", "2025-01-20T15:00:00+08:00",
                   "2025-02-03T15:00:00+08:00"));
}

static void
test_until_count (void)
{
  const char *const four[] = {
    "2025-01-15T14:30:00+08:00", "2025-02-15T14:30:00+08:00",
    "2025-03-15T14:30:00+08:00", "2025-04-15T14:30:00+08:00", NULL
  };

  /* UNTIL in UTC: the end of 15 April in Shanghai. */
  check_expand ("2025-01-15T14:30:00+08:00", "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20250415T155959Z",
                NULL, NULL, NULL, four);
  /* 06:00Z is 14:00 in Shanghai, before the 14:30 meeting. */
  check_expand ("2025-01-15T14:30:00+08:00", "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20250415T060000Z",
                NULL, NULL, NULL,
                S ("2025-01-15T14:30:00+08:00", "2025-02-15T14:30:00+08:00", "2025-03-15T14:30:00+08:00"));
  /* UNTIL as a date includes that day. */
  check_expand ("2025-01-15T14:30:00+08:00", "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20250415", NULL, NULL, NULL, four);
  check_expand ("2025-01-15T14:30:00+08:00", "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=2", NULL, NULL, NULL,
                S ("2025-01-15T14:30:00+08:00", "2025-02-15T14:30:00+08:00"));
  /* All-day series give dates. */
  check_expand ("2025-01-31", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20250328", NULL, NULL, NULL,
                S ("2025-01-31", "2025-02-28", "2025-03-28"));
  /* No rule: the one meeting, if it is in the range. */
  check_expand ("2025-01-15T14:30:00+08:00", NULL, NULL, NULL, NULL, S ("2025-01-15T14:30:00+08:00"));
  check_expand ("2025-01-15T14:30:00+08:00", "", NULL, "2025-02-01", NULL, NULL);
}

static void
test_exdate (void)
{
  check_expand ("2025-01-31T14:30:00+08:00", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6",
                S ("20250131T143000",       /* floating: the series' zone */
                   "20250328T063000Z,20250101T063000Z", /* UTC, a list */
                   "2025-05-30",            /* the whole day */
                   "not a date"),           /* ignored */
                NULL, NULL,
                S ("2025-02-28T14:30:00+08:00", "2025-04-25T14:30:00+08:00", "2025-06-27T14:30:00+08:00"));
}

static void
test_range (void)
{
  check_expand ("2025-01-31T14:30:00+08:00", "FREQ=MONTHLY;BYDAY=-1FR", NULL, "2025-04-01", "2025-06-30",
                S ("2025-04-25T14:30:00+08:00", "2025-05-30T14:30:00+08:00", "2025-06-27T14:30:00+08:00"));
  /* Both ends are inclusive. */
  check_expand ("2025-01-31T14:30:00+08:00", "FREQ=MONTHLY;BYDAY=-1FR", NULL, "2025-04-25", "2025-04-25",
                S ("2025-04-25T14:30:00+08:00"));
  check_expand ("2025-01-31T14:30:00+08:00", "FREQ=MONTHLY;BYDAY=-1FR", NULL, "2024-01-01", "2025-01-30", NULL);
  /* Far in the future, an open-ended series still gets there. */
  check_expand ("2025-01-31T14:30:00+08:00", "FREQ=MONTHLY;BYDAY=-1FR", NULL, "2040-03-01", "2040-03-31",
                S ("2040-03-30T14:30:00+08:00"));
}

static void
test_time_zones (void)
{
  /* Berlin 14:30 is 21:30 in Shanghai in winter and 20:30 in summer (DST
   * from 30 March 2025); the named zone keeps the wall-clock time. */
  check_expand ("2025-03-03T14:30:00+01:00[Europe/Berlin]", "FREQ=WEEKLY;BYDAY=MO;COUNT=5", NULL, NULL, NULL,
                S ("2025-03-03T21:30:00+08:00", "2025-03-10T21:30:00+08:00", "2025-03-17T21:30:00+08:00",
                   "2025-03-24T21:30:00+08:00", "2025-03-31T20:30:00+08:00"));
  /* A bare offset is a fixed zone. */
  check_expand ("2025-03-24T14:30:00+01:00", "FREQ=WEEKLY;BYDAY=MO;COUNT=2", NULL, NULL, NULL,
                S ("2025-03-24T21:30:00+08:00", "2025-03-31T21:30:00+08:00"));
  /* Evening in Berlin is the next morning in Shanghai: the range and the
   * EXDATE (in Berlin time) follow. */
  check_expand ("2025-03-03T18:30:00+01:00[Europe/Berlin]", "FREQ=WEEKLY;BYDAY=MO", S ("20250310T183000"),
                "2025-03-04", "2025-03-18",
                S ("2025-03-04T01:30:00+08:00", "2025-03-18T01:30:00+08:00"));
  /* UTC and no offset (Shanghai). */
  check_expand ("2025-01-15T06:30:00Z", "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=1", NULL, NULL, NULL,
                S ("2025-01-15T14:30:00+08:00"));
  check_expand ("2025-01-15T14:30:00", NULL, NULL, NULL, NULL, S ("2025-01-15T14:30:00+08:00"));
}

static void
test_errors (void)
{
  const char *const bad_rules[] = {
    "FREQ=SOMETIMES", "garbage", "FREQ=MONTHLY;BYDAY=9ZZ", "FREQ=MONTHLY;COUNT=x;BYMONTHDAY=40", "BYDAY=MO",
  };
  const char *const bad_starts[] = {
    "yesterday", "2025-02-30", "2025-01-15T14:30:00+01:00[Mars/Olympus]", NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_rules); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) got = gj_recurrence_expand ("2025-01-15T14:30:00+08:00", bad_rules[i], NULL, NULL, NULL, &error);

      g_test_message ("rule %s", bad_rules[i]);
      g_assert_null (got);
      g_assert_error (error, GJ_RECURRENCE_ERROR, GJ_RECURRENCE_ERROR_INVALID_RULE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_starts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) got = gj_recurrence_expand (bad_starts[i], "FREQ=MONTHLY", NULL, NULL, NULL, &error);

      g_assert_null (got);
      g_assert_error (error, GJ_RECURRENCE_ERROR, GJ_RECURRENCE_ERROR_INVALID_START);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) got = gj_recurrence_expand ("2025-01-15T14:30:00+08:00", "FREQ=MONTHLY", NULL,
                                                  "2025-13-01", NULL, &error);

    g_assert_null (got);
    g_assert_error (error, GJ_RECURRENCE_ERROR, GJ_RECURRENCE_ERROR_INVALID_RANGE);
  }
}

/* Rules that never end, or never match, still return (the suite's timeout
 * catches a hang); libical gives up on a rule that never matches. */
static void
test_bounded (void)
{
  const char *const rules[] = {
    "FREQ=DAILY", "FREQ=SECONDLY", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GArray) got = gj_recurrence_expand ("2025-01-15T14:30:00+08:00", rules[i], NULL, NULL, NULL, &error);

      g_test_message ("rule %s: %u in %.2fs", rules[i], got ? got->len : 0,
                      (g_get_monotonic_time () - t0) / 1e6);
      if (got != NULL)
        g_assert_cmpuint (got->len, <=, GJ_RECURRENCE_MAX_OCCURRENCES);
      else
        g_assert_nonnull (error);
    }
  {
    g_autoptr(GArray) got = gj_recurrence_expand ("2025-01-15T14:30:00+08:00", "FREQ=DAILY", NULL, NULL, NULL, NULL);

    g_assert_cmpuint (got->len, ==, GJ_RECURRENCE_MAX_OCCURRENCES);
  }
}

static GjMeeting *
meeting (const char *starts,
         const char *ends,
         const char *status,
         const char *extra)
{
  GjMeeting *m = gj_meeting_new ();

  gj_record_set_text (GJ_RECORD (m), "ical_uid", "series-1@gongjian");
  gj_record_set_text (GJ_RECORD (m), "title", "一月一会");
  gj_record_set_text (GJ_RECORD (m), "starts_at", starts);
  gj_record_set_text (GJ_RECORD (m), "ends_at", ends);
  gj_record_set_text (GJ_RECORD (m), "status", status);
  gj_record_set_text (GJ_RECORD (m), "extra", extra);
  return m;
}

static void
test_overrides (void)
{
  g_autoptr(GjMeeting) master = meeting ("2025-01-31T14:30:00+08:00", "2025-01-31T16:00:00+08:00", "scheduled",
                                         "{\"rrule\":\"FREQ=MONTHLY;BYDAY=-1FR;COUNT=12\","
                                         "\"exdate\":[\"20250425T143000\"]}");
  /* 31 January 2025 is in the Spring Festival holiday: moved to 7 February. */
  g_autoptr(GjMeeting) moved = meeting ("2025-02-07T09:00:00+08:00", "2025-02-07T11:00:00+08:00", "scheduled",
                                        "{\"recurrence_id\":\"20250131T143000\"}");
  g_autoptr(GjMeeting) cancelled = meeting ("2025-03-28T14:30:00+08:00", "2025-03-28T16:00:00+08:00", "cancelled",
                                            "{\"recurrence_id\":\"20250328T063000Z\"}");
  g_autoptr(GListStore) overrides = g_list_store_new (GJ_TYPE_MEETING);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GjOccurrence) o0 = NULL;
  g_autoptr(GjOccurrence) o1 = NULL;
  g_autoptr(GjOccurrence) o2 = NULL;
  g_autoptr(GjOccurrence) o3 = NULL;

  g_list_store_append (overrides, moved);
  g_list_store_append (overrides, cancelled);

  list = gj_meeting_occurrences (master, G_LIST_MODEL (overrides), "2025-01-01", "2025-05-31", &error);
  g_assert_no_error (error);
  /* 7 Feb (moved), 28 Feb, 28 Mar (cancelled), 30 May; 25 Apr is an EXDATE. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  o0 = g_list_model_get_item (list, 0);
  o1 = g_list_model_get_item (list, 1);
  o2 = g_list_model_get_item (list, 2);
  o3 = g_list_model_get_item (list, 3);

  g_assert_cmpstr (gj_occurrence_get_starts_at (o0), ==, "2025-02-07T09:00:00+08:00");
  g_assert_cmpstr (gj_occurrence_get_ends_at (o0), ==, "2025-02-07T11:00:00+08:00");
  g_assert_cmpstr (gj_occurrence_get_recurrence_id (o0), ==, "2025-01-31T14:30:00+08:00");
  g_assert_true (gj_occurrence_get_meeting (o0) == moved);
  g_assert_true (gj_occurrence_is_override (o0));
  g_assert_false (gj_occurrence_is_cancelled (o0));

  g_assert_cmpstr (gj_occurrence_get_starts_at (o1), ==, "2025-02-28T14:30:00+08:00");
  g_assert_cmpstr (gj_occurrence_get_ends_at (o1), ==, "2025-02-28T16:00:00+08:00");
  g_assert_true (gj_occurrence_get_meeting (o1) == master);
  g_assert_false (gj_occurrence_is_override (o1));
  g_assert_false (gj_occurrence_is_cancelled (o1));
  g_assert_false (gj_occurrence_get_all_day (o1));

  g_assert_cmpstr (gj_occurrence_get_starts_at (o2), ==, "2025-03-28T14:30:00+08:00");
  g_assert_true (gj_occurrence_get_meeting (o2) == cancelled);
  g_assert_true (gj_occurrence_is_cancelled (o2));

  g_assert_cmpstr (gj_occurrence_get_starts_at (o3), ==, "2025-05-30T14:30:00+08:00");
  g_clear_object (&list);

  /* January alone: its meeting has moved out of it. */
  list = gj_meeting_occurrences (master, G_LIST_MODEL (overrides), "2025-01-01", "2025-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  /* No overrides: the rule as it is. */
  list = gj_meeting_occurrences (master, NULL, "2025-01-01", "2025-02-28", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_clear_object (&list);

  /* A bad rule in the record is an error, not a crash. */
  gj_record_set_text (GJ_RECORD (master), "extra", "{\"rrule\":\"FREQ=NEVER\"}");
  list = gj_meeting_occurrences (master, NULL, NULL, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, GJ_RECURRENCE_ERROR, GJ_RECURRENCE_ERROR_INVALID_RULE);
}

static void
test_all_day_meeting (void)
{
  g_autoptr(GjMeeting) master = meeting ("2025-01-31", "2025-02-01", NULL,
                                         "{\"rrule\":\"FREQ=MONTHLY;BYDAY=-1FR;COUNT=3\"}");
  g_autoptr(GListModel) list = gj_meeting_occurrences (master, NULL, NULL, NULL, NULL);
  g_autoptr(GjOccurrence) o = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  o = g_list_model_get_item (list, 1);
  g_assert_cmpstr (gj_occurrence_get_starts_at (o), ==, "2025-02-28");
  g_assert_cmpstr (gj_occurrence_get_ends_at (o), ==, "2025-03-01");
  g_assert_true (gj_occurrence_get_all_day (o));
}

static void
test_meeting_zone (void)
{
  /* Planned in Berlin: after 30 March the Shanghai time moves an hour. */
  g_autoptr(GjMeeting) master = meeting ("2025-03-24T21:30:00+08:00", "2025-03-24T22:30:00+08:00", NULL,
                                         "{\"rrule\":\"FREQ=WEEKLY;BYDAY=MO;COUNT=2\",\"tzid\":\"Europe/Berlin\"}");
  g_autoptr(GListModel) list = gj_meeting_occurrences (master, NULL, NULL, NULL, NULL);
  g_autoptr(GjOccurrence) o = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  o = g_list_model_get_item (list, 1);
  g_assert_cmpstr (gj_occurrence_get_starts_at (o), ==, "2025-03-31T20:30:00+08:00");
  g_assert_cmpstr (gj_occurrence_get_ends_at (o), ==, "2025-03-31T21:30:00+08:00");
}

static void
round_trip (const GjRecurrence *r,
            const char         *expected)
{
  g_autofree char *text = gj_recurrence_to_rrule (r);
  GjRecurrence back;

  g_assert_cmpstr (text, ==, expected);
  g_assert_true (gj_recurrence_from_rrule (text, &back));
  g_assert_true (gj_recurrence_equal (r, &back));
}

static void
test_round_trip (void)
{
  GjRecurrence r;

  gj_recurrence_init (&r);
  r.month_day = 15;
  r.end = GJ_RECURRENCE_END_COUNT;
  r.count = 12;
  round_trip (&r, "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12");

  gj_recurrence_init (&r);
  r.kind = GJ_RECURRENCE_MONTHLY_BY_WEEKDAY;
  r.week = -1;
  r.weekday = G_DATE_FRIDAY;
  round_trip (&r, "FREQ=MONTHLY;BYDAY=-1FR");

  r.week = 2;
  r.weekday = G_DATE_TUESDAY;
  r.interval = 2;
  r.end = GJ_RECURRENCE_END_UNTIL;
  r.until_year = 2025;
  r.until_month = 12;
  r.until_day = 31;
  round_trip (&r, "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU;UNTIL=20251231T155959Z");

  gj_recurrence_init (&r);
  r.kind = GJ_RECURRENCE_WEEKLY;
  r.interval = 2;
  r.weekday = G_DATE_SUNDAY;
  round_trip (&r, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU");

  /* Written by others. */
  g_assert_true (gj_recurrence_from_rrule ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2;WKST=SU", &r));
  g_assert_cmpint (r.kind, ==, GJ_RECURRENCE_MONTHLY_BY_WEEKDAY);
  g_assert_cmpint (r.week, ==, 2);
  g_assert_cmpint (r.weekday, ==, G_DATE_TUESDAY);
  g_assert_true (gj_recurrence_from_rrule ("FREQ=MONTHLY;UNTIL=20250630;BYMONTHDAY=1", &r));
  g_assert_cmpint (r.end, ==, GJ_RECURRENCE_END_UNTIL);
  g_assert_cmpint (r.until_month, ==, 6);
  g_assert_cmpint (r.until_day, ==, 30);

  /* More than the editor can say, or nonsense. */
  {
    const char *const no[] = {
      "FREQ=DAILY", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1", "FREQ=MONTHLY;BYDAY=MO,TU",
      "FREQ=MONTHLY;BYDAY=5MO", "FREQ=MONTHLY", "FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=MONTHLY;BYMONTHDAY=-1",
      "FREQ=WHENEVER", "", NULL,
    };

    for (guint i = 0; i < G_N_ELEMENTS (no); i++)
      {
        g_test_message ("not expressible: %s", no[i] ? no[i] : "(null)");
        g_assert_false (gj_recurrence_from_rrule (no[i], &r));
      }
  }
  /* Out of range values make no rule. */
  gj_recurrence_init (&r);
  r.month_day = 32;
  g_assert_null (gj_recurrence_to_rrule (&r));
}

/* One occurrence however it is spelt; the theme shown instead of the title. */
static void
test_normalize_id (void)
{
  g_autoptr(GjMeeting) master = gj_meeting_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GjOccurrence) occ = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *berlin = NULL;

  gj_record_set_text (GJ_RECORD (master), "title", "联席会议");
  gj_record_set_text (GJ_RECORD (master), "starts_at", "2025-01-31T14:30:00+08:00");
  gj_record_set_text (GJ_RECORD (master), "extra", "{\"rrule\": \"FREQ=MONTHLY;BYDAY=-1FR;COUNT=3\"}");
  a = gj_meeting_normalize_recurrence_id (master, "20250228T143000");
  b = gj_meeting_normalize_recurrence_id (master, "20250228T063000Z");
  c = gj_meeting_normalize_recurrence_id (master, "2025-02-28T14:30:00+08:00");
  g_assert_cmpstr (a, ==, "2025-02-28T14:30:00+08:00");
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
  g_assert_null (gj_meeting_normalize_recurrence_id (master, "not a time"));

  list = gj_meeting_occurrences (master, NULL, "2025-02-01", "2025-02-28", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  occ = g_list_model_get_item (list, 0);
  g_assert_cmpstr (gj_occurrence_get_recurrence_id (occ), ==, a);
  g_assert_cmpstr (gj_occurrence_get_title (occ), ==, "联席会议");
  gj_occurrence_set_title (occ, "二月主题");
  g_assert_cmpstr (gj_occurrence_get_title (occ), ==, "二月主题");

  /* A floating RECURRENCE-ID is in the series' own zone. */
  gj_record_set_text (GJ_RECORD (master), "starts_at", "2025-01-10T16:00:00+08:00");
  gj_record_set_text (GJ_RECORD (master), "extra", "{\"rrule\": \"FREQ=MONTHLY\", \"tzid\": \"Europe/Berlin\"}");
  berlin = gj_meeting_normalize_recurrence_id (master, "20250710T090000");
  g_assert_cmpstr (berlin, ==, "2025-07-10T15:00:00+08:00");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/monthly-day", test_monthly_day);
  g_test_add_func ("/recurrence/last-friday", test_last_friday);
  g_test_add_func ("/recurrence/second-tuesday", test_second_tuesday);
  g_test_add_func ("/recurrence/every-two", test_every_two_months);
  g_test_add_func ("/recurrence/until-count", test_until_count);
  g_test_add_func ("/recurrence/exdate", test_exdate);
  g_test_add_func ("/recurrence/range", test_range);
  g_test_add_func ("/recurrence/time-zones", test_time_zones);
  g_test_add_func ("/recurrence/errors", test_errors);
  g_test_add_func ("/recurrence/bounded", test_bounded);
  g_test_add_func ("/recurrence/overrides", test_overrides);
  g_test_add_func ("/recurrence/all-day", test_all_day_meeting);
  g_test_add_func ("/recurrence/meeting-zone", test_meeting_zone);
  g_test_add_func ("/recurrence/round-trip", test_round_trip);
  g_test_add_func ("/recurrence/normalize-id", test_normalize_id);

  return g_test_run ();
}
