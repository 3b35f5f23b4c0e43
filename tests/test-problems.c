/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The problem wall: status rules, deadline colours, the actions and
 * their timeline, the funnel. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gj-records.h"
#include "gj-store-problems.h"

typedef struct
{
  char    *dir;
  GjStore *store;
  gint64   unit_id;
  gint64   street_id;
  gint64   grid_id;
} Fixture;

static GjGeometry *
square (double x0,
        double y0,
        double size)
{
  GjGeometry *g = gj_geometry_new (GJ_GEOMETRY_POLYGON);

  gj_geometry_begin_polygon (g);
  gj_geometry_begin_ring (g);
  gj_geometry_add_point (g, x0, y0);
  gj_geometry_add_point (g, x0 + size, y0);
  gj_geometry_add_point (g, x0 + size, y0 + size);
  gj_geometry_add_point (g, x0, y0 + size);
  gj_geometry_add_point (g, x0, y0);
  return g;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GjRecord) unit = GJ_RECORD (gj_unit_new ());
  g_autoptr(GjRecord) street = GJ_RECORD (gj_street_new ());
  g_autoptr(GjRecord) grid = GJ_RECORD (gj_grid_new ());
  g_autoptr(GjGeometry) shape = square (112.40, 34.60, 0.003);

  f->dir = g_dir_make_tmp ("gj-test-problems-XXXXXX", NULL);
  path = g_build_filename (f->dir, "p.db", NULL);
  f->store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  gj_record_set_text (unit, "name", "洛阳市第二人民医院");
  g_assert_true (gj_store_insert (f->store, unit, &error));
  f->unit_id = gj_record_get_id (unit);
  gj_record_set_text (street, "name", "湖北路街道");
  gj_record_set_text (street, "code", "410305001");
  g_assert_true (gj_store_insert (f->store, street, &error));
  f->street_id = gj_record_get_id (street);
  gj_record_set_text (grid, "code", "410305001001-001");
  gj_record_set_int (grid, "street_id", f->street_id);
  gj_record_set_geometry (grid, "geometry", shape);
  g_assert_true (gj_store_insert (f->store, grid, &error));
  g_assert_no_error (error);
  f->grid_id = gj_record_get_id (grid);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GjRecord *
new_problem (Fixture    *f,
             const char *title,
             const char *status)
{
  g_autoptr(GError) error = NULL;
  GjRecord *p = GJ_RECORD (gj_problem_new ());

  gj_record_set_text (p, "title", title);
  if (status != NULL)
    gj_record_set_text (p, "status", status);
  gj_record_set_int (p, "grid_id", f->grid_id);
  g_assert_true (gj_store_insert (f->store, p, &error));
  g_assert_no_error (error);
  return p;
}

static guint
n_notes (Fixture  *f,
         GjRecord *problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = gj_store_problem_list_notes (f->store, problem, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (notes);
}

static void
test_status_words (void)
{
  g_assert_cmpint (gj_problem_status_from_string ("整改中"), ==, GJ_PROBLEM_IN_PROGRESS);
  g_assert_cmpint (gj_problem_status_from_string (" In_Progress "), ==, GJ_PROBLEM_IN_PROGRESS);
  g_assert_cmpint (gj_problem_status_from_string ("已办结"), ==, GJ_PROBLEM_RESOLVED);
  g_assert_cmpint (gj_problem_status_from_string ("已吹哨"), ==, GJ_PROBLEM_ESCALATED);
  g_assert_cmpint (gj_problem_status_from_string ("差不多了"), ==, GJ_PROBLEM_INVALID);
  g_assert_cmpint (gj_problem_status_from_string (NULL), ==, GJ_PROBLEM_INVALID);
  for (int s = 0; s < GJ_PROBLEM_N_STATUSES; s++)
    g_assert_cmpint (gj_problem_status_from_string (gj_problem_status_to_string (s)), ==, s);
}

static void
test_status_moves (void)
{
  const struct { GjProblemStatus from, to; gboolean ok; } moves[] = {
    { GJ_PROBLEM_REGISTERED, GJ_PROBLEM_ASSIGNED, TRUE },
    { GJ_PROBLEM_ASSIGNED, GJ_PROBLEM_IN_PROGRESS, TRUE },
    { GJ_PROBLEM_IN_PROGRESS, GJ_PROBLEM_RESOLVED, TRUE },
    { GJ_PROBLEM_RESOLVED, GJ_PROBLEM_PUBLISHED, TRUE },
    { GJ_PROBLEM_PUBLISHED, GJ_PROBLEM_IN_PROGRESS, TRUE },
    { GJ_PROBLEM_IN_PROGRESS, GJ_PROBLEM_ESCALATED, TRUE },
    { GJ_PROBLEM_ESCALATED, GJ_PROBLEM_RESOLVED, TRUE },
    { GJ_PROBLEM_REGISTERED, GJ_PROBLEM_UNSOLVABLE, TRUE },
    { GJ_PROBLEM_REGISTERED, GJ_PROBLEM_RESOLVED, FALSE },
    { GJ_PROBLEM_REGISTERED, GJ_PROBLEM_PUBLISHED, FALSE },
    { GJ_PROBLEM_IN_PROGRESS, GJ_PROBLEM_PUBLISHED, FALSE },
    { GJ_PROBLEM_PUBLISHED, GJ_PROBLEM_RESOLVED, FALSE },
    { GJ_PROBLEM_RESOLVED, GJ_PROBLEM_UNSOLVABLE, FALSE },
    { GJ_PROBLEM_UNSOLVABLE, GJ_PROBLEM_PUBLISHED, FALSE },
    { GJ_PROBLEM_ASSIGNED, GJ_PROBLEM_ASSIGNED, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = gj_problem_status_check_move (moves[i].from, moves[i].to, &error);

      g_test_message ("%s → %s", gj_problem_status_to_string (moves[i].from),
                      gj_problem_status_to_string (moves[i].to));
      g_assert_cmpint (ok, ==, moves[i].ok);
      if (!ok)
        g_assert_error (error, GJ_RECORD_ERROR, 0);
    }
}

static GDateTime *
at (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static void
test_colours (void)
{
  const struct { const char *now; GjProblemStatus status; const char *deadline; GjDeadlineColour colour; } cases[] = {
    /* 20:00 UTC on the 9th is already the 10th in Shanghai: due today. */
    { "2026-03-09T20:00:00Z", GJ_PROBLEM_IN_PROGRESS, "2026-03-10", GJ_DEADLINE_YELLOW },
    { "2026-03-09T15:00:00Z", GJ_PROBLEM_IN_PROGRESS, "2026-03-10", GJ_DEADLINE_YELLOW },
    /* 16:30 UTC on the 10th is 00:30 on the 11th in Shanghai: overdue,
     * though it is still the 10th in London and New York. */
    { "2026-03-10T16:30:00Z", GJ_PROBLEM_ASSIGNED, "2026-03-10", GJ_DEADLINE_RED },
    { "2026-03-10T12:00:00-05:00", GJ_PROBLEM_ASSIGNED, "2026-03-10", GJ_DEADLINE_RED },
    { "2026-03-10T10:00:00-05:00", GJ_PROBLEM_ASSIGNED, "2026-03-10", GJ_DEADLINE_YELLOW },
    { "2026-03-10T15:59:00Z", GJ_PROBLEM_ASSIGNED, "2026-03-10", GJ_DEADLINE_YELLOW },
    /* Seven days ahead is "due soon"; eight is on track. */
    { "2026-03-03T09:00:00+08:00", GJ_PROBLEM_IN_PROGRESS, "2026-03-10", GJ_DEADLINE_YELLOW },
    { "2026-03-02T09:00:00+08:00", GJ_PROBLEM_IN_PROGRESS, "2026-03-10", GJ_DEADLINE_GREEN },
    /* Across a year's end. */
    { "2026-12-28T09:00:00+08:00", GJ_PROBLEM_REGISTERED, "2027-01-02", GJ_DEADLINE_YELLOW },
    /* Done is grey whatever the deadline; no deadline, no colour. */
    { "2026-05-01T09:00:00+08:00", GJ_PROBLEM_RESOLVED, "2026-03-10", GJ_DEADLINE_GREY },
    { "2026-05-01T09:00:00+08:00", GJ_PROBLEM_PUBLISHED, NULL, GJ_DEADLINE_GREY },
    { "2026-05-01T09:00:00+08:00", GJ_PROBLEM_UNSOLVABLE, "2026-03-10", GJ_DEADLINE_GREY },
    { "2026-05-01T09:00:00+08:00", GJ_PROBLEM_ESCALATED, "2026-03-10", GJ_DEADLINE_RED },
    { "2026-05-01T09:00:00+08:00", GJ_PROBLEM_REGISTERED, NULL, GJ_DEADLINE_NONE },
    { "2026-05-01T09:00:00+08:00", GJ_PROBLEM_REGISTERED, "soon", GJ_DEADLINE_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = at (cases[i].now);

      g_test_message ("%s, %s", cases[i].now, cases[i].deadline);
      g_assert_cmpstr (gj_deadline_colour_to_string (gj_problem_colour_for (cases[i].status, cases[i].deadline, now)),
                       ==, gj_deadline_colour_to_string (cases[i].colour));
    }
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) p = new_problem (f, "楼道堆物占用消防通道", NULL);
  g_autoptr(GjRecord) entry = NULL;
  g_autoptr(GjRecord) stored = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GListModel) echoes = NULL;
  g_autoptr(GjRecord) first = NULL;

  g_assert_cmpint (gj_problem_get_status (p), ==, GJ_PROBLEM_REGISTERED);

  /* Assigning needs a responsible unit and a deadline. */
  g_assert_false (gj_store_problem_move (f->store, p, GJ_PROBLEM_ASSIGNED, NULL, "张书记", &error));
  g_assert_error (error, GJ_RECORD_ERROR, 0);
  g_clear_error (&error);
  g_assert_cmpuint (n_notes (f, p), ==, 0);
  gj_record_set_int (p, "lead_unit_id", f->unit_id);
  gj_record_set_text (p, "deadline", "2026-07-15");
  gj_record_set_text (p, "measures", "逐户劝导清理，每周巡查");
  g_assert_true (gj_store_update (f->store, p, &error));
  g_assert_true (gj_store_problem_move (f->store, p, GJ_PROBLEM_ASSIGNED, NULL, "张书记", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gj_problem_get_status (p), ==, GJ_PROBLEM_ASSIGNED);

  /* Published straight from work, or resolved from registered: refused,
   * and nothing written. */
  g_assert_null (gj_store_problem_publish (f->store, p, "已清理", NULL, NULL, &error));
  g_assert_error (error, GJ_RECORD_ERROR, 0);
  g_clear_error (&error);
  g_assert_cmpuint (n_notes (f, p), ==, 1);

  g_assert_true (gj_store_problem_move (f->store, p, GJ_PROBLEM_IN_PROGRESS, NULL, NULL, &error));

  /* Extending: a reason, and a later day. */
  g_assert_false (gj_store_problem_extend (f->store, p, "2026-08-01", "  ", NULL, &error));
  g_assert_error (error, GJ_RECORD_ERROR, 0);
  g_clear_error (&error);
  g_assert_false (gj_store_problem_extend (f->store, p, "2026-07-01", "物业更换", NULL, &error));
  g_assert_error (error, GJ_RECORD_ERROR, 0);
  g_clear_error (&error);
  g_assert_true (gj_store_problem_extend (f->store, p, "2026年8月1日", "物业公司更换，需重新协调", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gj_record_get_text (p, "deadline"), ==, "2026-08-01");
  stored = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (p), &error);
  g_assert_cmpstr (gj_record_get_text (stored, "deadline"), ==, "2026-08-01");

  g_assert_true (gj_store_problem_move (f->store, p, GJ_PROBLEM_RESOLVED, NULL, NULL, &error));
  g_assert_nonnull (gj_record_get_text (p, "resolved_on"));

  g_assert_null (gj_store_problem_publish (f->store, p, "", NULL, "公告栏", &error));
  g_assert_error (error, GJ_RECORD_ERROR, 0);
  g_clear_error (&error);
  entry = gj_store_problem_publish (f->store, p, "楼道杂物已全部清理，消防通道畅通。", "2026-07-20", "公告栏", &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpint (gj_problem_get_status (p), ==, GJ_PROBLEM_PUBLISHED);

  /* Reopening needs a reason and keeps the history and the echo entry. */
  g_assert_false (gj_store_problem_move (f->store, p, GJ_PROBLEM_IN_PROGRESS, NULL, NULL, &error));
  g_assert_error (error, GJ_RECORD_ERROR, 0);
  g_clear_error (&error);
  g_assert_true (gj_store_problem_move (f->store, p, GJ_PROBLEM_IN_PROGRESS, "居民反映又有堆物", NULL, &error));
  g_assert_null (gj_record_get_text (p, "resolved_on"));

  notes = gj_store_problem_list_notes (f->store, p, &error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 6);
  first = g_list_model_get_item (notes, 0);
  g_assert_cmpstr (gj_record_get_text (first, "author"), ==, "张书记");
  {
    g_autoptr(GjRecord) extension = g_list_model_get_item (notes, 2);
    g_autoptr(GjRecord) reopened = g_list_model_get_item (notes, 5);

    g_assert_nonnull (strstr (gj_record_get_text (extension, "text"), "2026-07-15"));
    g_assert_nonnull (strstr (gj_record_get_text (extension, "text"), "物业公司更换"));
    g_assert_nonnull (strstr (gj_record_get_text (reopened, "text"), "居民反映又有堆物"));
  }
  echoes = gj_store_list (f->store, GJ_TYPE_ECHO_ENTRY, &error);
  g_assert_cmpuint (g_list_model_get_n_items (echoes), ==, 1);

  /* Side exits need their detail. */
  g_assert_false (gj_store_problem_move (f->store, p, GJ_PROBLEM_UNSOLVABLE, NULL, NULL, &error));
  g_assert_error (error, GJ_RECORD_ERROR, 0);
  g_clear_error (&error);
  g_assert_false (gj_store_problem_move (f->store, p, GJ_PROBLEM_ESCALATED, "", NULL, &error));
  g_assert_error (error, GJ_RECORD_ERROR, 0);
  g_clear_error (&error);
  g_assert_true (gj_store_problem_move (f->store, p, GJ_PROBLEM_ESCALATED, "区城管局", NULL, &error));
  g_assert_cmpstr (gj_record_get_text (p, "escalated_to"), ==, "区城管局");
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) p = GJ_RECORD (gj_problem_new ());

  gj_record_set_text (p, "title", "路灯不亮");
  gj_record_set_text (p, "status", "差不多了");
  g_assert_false (gj_store_insert (f->store, p, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  gj_record_set_text (p, "status", "无法解决");
  g_assert_false (gj_store_insert (f->store, p, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  gj_record_set_text (p, "reason", "产权不清");
  g_assert_true (gj_store_insert (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gj_record_get_text (p, "status"), ==, "unsolvable");
}

static void
test_funnel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *statuses[] = { "registered", "assigned", "in_progress", "resolved", "published", "published" };
  GjProblemFunnel all, street, none, later;
  gint64 colours[GJ_DEADLINE_GREY + 1];
  g_autoptr(GDateTime) now = at ("2026-07-10T09:00:00+08:00");
  g_autoptr(GjRecord) elsewhere = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GjRecord) p = new_problem (f, "问题", statuses[i]);

      gj_record_set_text (p, "deadline", i == 1 ? "2026-07-01" : i == 2 ? "2026-07-12" : "2026-09-01");
      g_assert_true (gj_store_update (f->store, p, &error));
    }
  /* One without a grid counts for the district, not the street. */
  elsewhere = GJ_RECORD (gj_problem_new ());
  gj_record_set_text (elsewhere, "title", "无网格问题");
  g_assert_true (gj_store_insert (f->store, elsewhere, &error));

  g_assert_true (gj_store_problem_funnel (f->store, 0, NULL, NULL, &all, &error));
  g_assert_cmpint (all.collected, ==, 7);
  g_assert_cmpint (all.on_wall, ==, 5);
  g_assert_cmpint (all.resolved, ==, 3);
  g_assert_cmpint (all.published, ==, 2);
  g_assert_cmpint (all.open, ==, 4);
  g_assert_true (gj_store_problem_funnel (f->store, f->street_id, NULL, NULL, &street, &error));
  g_assert_cmpint (street.collected, ==, 6);
  g_assert_cmpint (street.open, ==, 3);
  g_assert_true (gj_store_problem_funnel (f->store, f->street_id + 100, NULL, NULL, &none, &error));
  g_assert_cmpint (none.collected, ==, 0);
  g_assert_true (gj_store_problem_funnel (f->store, 0, "2999-01-01", NULL, &later, &error));
  g_assert_cmpint (later.collected, ==, 0);

  g_assert_true (gj_store_problem_count_colours (f->store, f->street_id, now, colours, &error));
  g_assert_no_error (error);
  g_assert_cmpint (colours[GJ_DEADLINE_RED], ==, 1);
  g_assert_cmpint (colours[GJ_DEADLINE_YELLOW], ==, 1);
  g_assert_cmpint (colours[GJ_DEADLINE_GREEN], ==, 1);
  g_assert_cmpint (colours[GJ_DEADLINE_GREY], ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gj_records_ensure_types ();
  g_test_add_func ("/problems/status-words", test_status_words);
  g_test_add_func ("/problems/status-moves", test_status_moves);
  g_test_add_func ("/problems/colours", test_colours);
  g_test_add ("/problems/lifecycle", Fixture, NULL, fixture_setup, test_lifecycle, fixture_teardown);
  g_test_add ("/problems/validate", Fixture, NULL, fixture_setup, test_validate, fixture_teardown);
  g_test_add ("/problems/funnel", Fixture, NULL, fixture_setup, test_funnel, fixture_teardown);
  return g_test_run ();
}
