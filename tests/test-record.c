/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gj-records.h"

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(GjGrid) grid = gj_grid_new ();
  g_autofree char *name = NULL;
  gint64 households = 0;
  guint notified = 0;

  g_signal_connect (grid, "notify::name", G_CALLBACK (on_notify), &notified);

  g_object_set (grid, "name", "天四社区第4网格", "households", (gint64) 244, NULL);
  g_assert_cmpstr (gj_record_get_text (GJ_RECORD (grid), "name"), ==, "天四社区第4网格");
  g_object_get (grid, "name", &name, "households", &households, NULL);
  g_assert_cmpstr (name, ==, "天四社区第4网格");
  g_assert_cmpint (households, ==, 244);
  g_assert_cmpuint (notified, ==, 1);

  /* Same value again: no notification (G_PARAM_EXPLICIT_NOTIFY). */
  gj_record_set_text (GJ_RECORD (grid), "name", "天四社区第4网格");
  g_assert_cmpuint (notified, ==, 1);

  /* The property of a field with '_' in its name uses '-'. */
  g_object_set (grid, "worker-phone", "0379-62197234", NULL);
  g_assert_cmpstr (gj_record_get_text (GJ_RECORD (grid), "worker_phone"), ==, "0379-62197234");
}

static void
test_nulls_and_display (void)
{
  g_autoptr(GjUnit) unit = gj_unit_new ();
  g_autofree char *empty = NULL;
  g_autofree char *members = NULL;
  g_autofree char *area = NULL;
  g_autoptr(GjGrid) grid = gj_grid_new ();

  g_assert_true (gj_record_is_null (GJ_RECORD (unit), "party_members"));
  empty = gj_record_dup_display (GJ_RECORD (unit), "party_members");
  g_assert_cmpstr (empty, ==, "");

  gj_record_set_int (GJ_RECORD (unit), "party_members", 11);
  g_assert_false (gj_record_is_null (GJ_RECORD (unit), "party_members"));
  members = gj_record_dup_display (GJ_RECORD (unit), "party_members");
  g_assert_cmpstr (members, ==, "11");

  gj_record_set_real (GJ_RECORD (grid), "area", 1234.5678);
  area = gj_record_dup_display (GJ_RECORD (grid), "area");
  g_assert_cmpstr (area, ==, "1234.57");

  gj_record_set_text (GJ_RECORD (unit), "credit_code", NULL);
  g_assert_true (gj_record_is_null (GJ_RECORD (unit), "credit_code"));
}

static void
test_copy_and_kinds (void)
{
  g_autoptr(GjStation) station = gj_station_new ();
  g_autoptr(GjRecord) copy = NULL;
  g_autoptr(GjRecord) made = NULL;

  gj_record_set_text (GJ_RECORD (station), "name", "符家屯社区第11网格新时代文明实践站");
  gj_record_set_real (GJ_RECORD (station), "lon", 112.4314608);
  gj_record_set_uuid (GJ_RECORD (station), "0b7c5c9e-1111-4222-8333-444455556666");

  copy = gj_record_copy (GJ_RECORD (station));
  g_assert_true (GJ_IS_STATION (copy));
  g_assert_cmpstr (gj_record_get_uuid (copy), ==, gj_record_get_uuid (GJ_RECORD (station)));
  g_assert_true (gj_record_equal_values (copy, GJ_RECORD (station), "name"));
  g_assert_true (gj_record_equal_values (copy, GJ_RECORD (station), "lon"));
  gj_record_set_text (copy, "name", "另一个");
  g_assert_false (gj_record_equal_values (copy, GJ_RECORD (station), "name"));

  g_assert_true (gj_record_type_from_kind ("grid") == GJ_TYPE_GRID);
  g_assert_true (gj_record_type_from_kind ("echo_entry") == GJ_TYPE_ECHO_ENTRY);
  g_assert_true (gj_record_type_from_kind ("nonsense") == G_TYPE_INVALID);
  made = gj_record_new_for_kind ("meeting");
  g_assert_cmpstr (gj_record_get_kind (made), ==, "meeting");
}

static void
test_dates (void)
{
  struct { const char *in, *out; } cases[] = {
    { "2021-12-08", "2021-12-08" },
    { "2021/12/8", "2021-12-08" },
    { "2021.3.5", "2021-03-05" },
    { "2021年3月5日", "2021-03-05" },
    { "20240229", "2024-02-29" },
    { " 2021-12-08 00:00:00 ", "2021-12-08" },
    { "2023-02-29", NULL },
    { "2021-13-45", NULL },
    { "明天", NULL },
    { "12/8/2021", NULL },   /* ambiguous month/day order: refused, not guessed */
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = gj_date_normalize (cases[i].in);

      g_assert_cmpstr (iso, ==, cases[i].out);
    }
}

static void
test_unit_rules (void)
{
  g_autoptr(GjUnit) unit = gj_unit_new ();
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (unit);
  g_autoptr(GError) error = NULL;

  gj_record_set_text (GJ_RECORD (unit), "name", "甲公司");
  g_assert_true (klass->validate (GJ_RECORD (unit), NULL));          /* no code is allowed */
  gj_record_set_text (GJ_RECORD (unit), "credit_code", "91350100M000100Y43");
  g_assert_true (klass->validate (GJ_RECORD (unit), NULL));
  gj_record_set_text (GJ_RECORD (unit), "credit_code", "91350100M000100Y44");
  g_assert_false (klass->validate (GJ_RECORD (unit), &error));
  g_assert_nonnull (strstr (error->message, "“3”"));
}

static void
test_agreement_status (void)
{
  g_autoptr(GjAgreement) a = gj_agreement_new ();
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 3, 2025);
  g_assert_cmpint (gj_agreement_get_status (a, &day), ==, GJ_AGREEMENT_DRAFT);

  gj_record_set_text (GJ_RECORD (a), "signed_date", "2025-03-10");
  gj_record_set_text (GJ_RECORD (a), "start_date", "2025-04-01");
  gj_record_set_text (GJ_RECORD (a), "end_date", "2026-03-31");
  g_assert_cmpint (gj_agreement_get_status (a, &day), ==, GJ_AGREEMENT_PENDING);
  g_date_set_dmy (&day, 1, 4, 2025);
  g_assert_cmpint (gj_agreement_get_status (a, &day), ==, GJ_AGREEMENT_IN_FORCE);
  /* 60 days before the end it is "expiring"; the day after, expired. */
  g_date_set_dmy (&day, 30, 1, 2026);
  g_assert_cmpint (gj_agreement_get_status (a, &day), ==, GJ_AGREEMENT_IN_FORCE);
  g_date_set_dmy (&day, 31, 1, 2026);
  g_assert_cmpint (gj_agreement_get_status (a, &day), ==, GJ_AGREEMENT_EXPIRING);
  g_date_set_dmy (&day, 31, 3, 2026);
  g_assert_cmpint (gj_agreement_get_status (a, &day), ==, GJ_AGREEMENT_EXPIRING);
  g_date_set_dmy (&day, 1, 4, 2026);
  g_assert_cmpint (gj_agreement_get_status (a, &day), ==, GJ_AGREEMENT_EXPIRED);
  /* Leap years count: 2024-02-29 is a day. */
  gj_record_set_text (GJ_RECORD (a), "start_date", "2024-01-01");
  gj_record_set_text (GJ_RECORD (a), "end_date", "2024-04-28");   /* 59 days after 2024-02-29 */
  g_date_set_dmy (&day, 29, 2, 2024);
  g_assert_cmpint (gj_agreement_get_status (a, &day), ==, GJ_AGREEMENT_EXPIRING);

  /* Terminated by hand wins over the dates; 生效中 from a file is computed. */
  g_assert_cmpstr (gj_agreement_status_normalize ("已终止"), ==, "terminated");
  g_assert_cmpstr (gj_agreement_status_normalize ("草稿"), ==, "draft");
  g_assert_null (gj_agreement_status_normalize ("生效中"));
  gj_record_set_text (GJ_RECORD (a), "status", "terminated");
  g_assert_cmpint (gj_agreement_get_status (a, &day), ==, GJ_AGREEMENT_TERMINATED);
  g_assert_cmpstr (gj_agreement_status_to_string (GJ_AGREEMENT_EXPIRING), ==, "expiring");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/record/properties", test_properties);
  g_test_add_func ("/record/nulls-and-display", test_nulls_and_display);
  g_test_add_func ("/record/copy-and-kinds", test_copy_and_kinds);
  g_test_add_func ("/record/dates", test_dates);
  g_test_add_func ("/record/unit-rules", test_unit_rules);
  g_test_add_func ("/record/agreement-status", test_agreement_status);
  return g_test_run ();
}
