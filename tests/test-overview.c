/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The overview (issue 7): each figure on a crafted district with known
 * answers, the empty store, a street without grids, drill-downs, per-grid
 * indicators, class breaks, saved views, the tables' export. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gj-class-breaks.h"
#include "gj-overview-export.h"
#include "gj-records.h"
#include "gj-store-checks.h"
#include "gj-store-meetings.h"
#include "gj-store-overview.h"
#include "gj-store-problems.h"

#define X0 112.40
#define Y0 34.60
#define CELL 0.01

typedef struct
{
  char    *dir;
  GjStore *store;
  gint64   street_a, street_b, community;
  gint64   grid[3][3];      /* [i][j]; the middle one is a gap (0) */
  gint64   unit[3];
  gint64   station[2];
  gint64   problem[4];
  GDate    today;
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

static gint64
insert (GjStore  *store,
        GjRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gj_store_insert (store, record, &error));
  g_assert_no_error (error);
  return gj_record_get_id (record);
}

static void
make_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gj-test-overview-XXXXXX", NULL);
  path = g_build_filename (f->dir, "o.db", NULL);
  f->store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 15, G_DATE_JUNE, 2025);
}

static void
empty_setup (Fixture       *f,
             gconstpointer  data)
{
  make_store (f);
}

static gint64
add_meeting (Fixture    *f,
             const char *starts_at,
             const char *status)
{
  g_autoptr(GjRecord) m = GJ_RECORD (gj_meeting_new ());

  gj_record_set_text (m, "title", "联席会议");
  gj_record_set_int (m, "street_id", f->street_a);
  gj_record_set_text (m, "starts_at", starts_at);
  gj_record_set_text (m, "status", status);
  return insert (f->store, m);
}

static gint64
add_problem (Fixture    *f,
             gint64      grid_id,
             const char *status,
             const char *deadline)
{
  g_autoptr(GjRecord) p = GJ_RECORD (gj_problem_new ());

  gj_record_set_text (p, "title", "问题");
  gj_record_set_text (p, "status", status);
  if (deadline != NULL)
    gj_record_set_text (p, "deadline", deadline);
  if (grid_id != 0)
    gj_record_set_int (p, "grid_id", grid_id);
  return insert (f->store, p);
}

/*
 * Street A: a 3 × 3 block of 0.01° cells with the middle one missing (a
 * gap); community C holds the bottom row (j = 0). Street B: no grids.
 * Stations: a small community centre in cell (0,0), a grid station in
 * (2,2). Units: two in (0,0), one in (2,2).
 */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char *kinds[3] = { "住宅小区", "商业街区", NULL };

  make_store (f);
  {
    g_autoptr(GjRecord) a = GJ_RECORD (gj_street_new ());
    g_autoptr(GjRecord) b = GJ_RECORD (gj_street_new ());
    g_autoptr(GjRecord) c = GJ_RECORD (gj_community_new ());

    gj_record_set_text (a, "name", "湖北路街道");
    gj_record_set_text (a, "code", "410305001");
    f->street_a = insert (f->store, a);
    gj_record_set_text (b, "name", "天津路街道");
    gj_record_set_text (b, "code", "410305002");
    f->street_b = insert (f->store, b);
    gj_record_set_text (c, "name", "唐村社区");
    gj_record_set_int (c, "street_id", f->street_a);
    f->community = insert (f->store, c);
  }

  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      {
        g_autoptr(GjRecord) g = NULL;
        g_autoptr(GjGeometry) shape = NULL;
        g_autofree char *code = NULL;

        if (i == 1 && j == 1)
          continue;
        g = GJ_RECORD (gj_grid_new ());
        shape = square (X0 + CELL * i, Y0 + CELL * j, CELL);
        code = g_strdup_printf ("G%d%d", i, j);
        gj_record_set_text (g, "code", code);
        if (kinds[i] != NULL)
          gj_record_set_text (g, "kind", kinds[i]);
        gj_record_set_int (g, "street_id", f->street_a);
        if (j == 0)
          gj_record_set_int (g, "community_id", f->community);
        gj_record_set_geometry (g, "geometry", shape);
        f->grid[i][j] = insert (f->store, g);
      }

  for (int s = 0; s < 2; s++)
    {
      g_autoptr(GjRecord) st = GJ_RECORD (gj_station_new ());
      int c = s == 0 ? 0 : 2;

      gj_record_set_text (st, "name", s == 0 ? "唐村社区党群服务中心" : "党群服务站");
      gj_record_set_text (st, "kind", s == 0 ? "社区党群服务中心" : "党群服务站");
      gj_record_set_real (st, "lon", X0 + CELL * c + CELL / 2);
      gj_record_set_real (st, "lat", Y0 + CELL * c + CELL / 2);
      gj_record_set_int (st, "grid_id", f->grid[c][c]);
      gj_record_set_int (st, "street_id", f->street_a);
      if (c == 0)
        gj_record_set_int (st, "community_id", f->community);
      gj_record_set_real (st, "floor_area", s == 0 ? 300 : 80);
      f->station[s] = insert (f->store, st);
    }

  for (int u = 0; u < 3; u++)
    {
      g_autoptr(GjRecord) unit = GJ_RECORD (gj_unit_new ());
      int c = u < 2 ? 0 : 2;

      gj_record_set_text (unit, "name", u == 0 ? "洛阳市第二人民医院" : u == 1 ? "洛阳轴承厂" : "涧西区实验小学");
      gj_record_set_text (unit, "kind", u < 2 ? "民营企业" : "学校");
      gj_record_set_real (unit, "lon", X0 + CELL * c + CELL / 3);
      gj_record_set_real (unit, "lat", Y0 + CELL * c + CELL / 3);
      f->unit[u] = insert (f->store, unit);
    }

  /* Agreements on 2025-06-15: U0 in force, U2 expiring, U1 expired. */
  {
    static const struct { int unit; const char *start, *end; } terms[] = {
      { 0, "2025-01-01", "2027-12-31" },
      { 2, "2024-07-11", "2025-07-10" },
      { 1, "2022-01-01", "2024-12-31" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
      {
        g_autoptr(GjRecord) a = GJ_RECORD (gj_agreement_new ());

        gj_record_set_text (a, "title", "共建协议");
        gj_record_set_int (a, "unit_id", f->unit[terms[i].unit]);
        gj_record_set_int (a, "street_id", f->street_a);
        gj_record_set_text (a, "signed_date", terms[i].start);
        gj_record_set_text (a, "start_date", terms[i].start);
        gj_record_set_text (a, "end_date", terms[i].end);
        insert (f->store, a);
      }
  }

  /* Needs: one matched, one open; and a resource (not a need). */
  {
    static const struct { const char *list, *status; } items[] = {
      { "need", "in_progress" }, { "need", "offered" }, { "resource", "offered" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        g_autoptr(GjRecord) li = GJ_RECORD (gj_list_item_new ());

        gj_record_set_text (li, "list", items[i].list);
        gj_record_set_text (li, "title", "场地");
        gj_record_set_text (li, "status", items[i].status);
        gj_record_set_int (li, "grid_id", f->grid[0][0]);
        insert (f->store, li);
      }
  }

  /* Meetings of street A in 2025: held in January, March and June; May's
   * only scheduled. */
  {
    gint64 jan = add_meeting (f, "2025-01-10T09:00:00", "held");
    g_autoptr(GjMeeting) m = GJ_MEETING (gj_store_get (f->store, GJ_TYPE_MEETING, jan, &error));

    add_meeting (f, "2025-03-12T09:00:00", "minuted");
    add_meeting (f, "2025-05-12T09:00:00", "scheduled");
    add_meeting (f, "2025-06-10T09:00:00", "closed");
    g_assert_no_error (error);
    g_assert_true (gj_store_set_attendance (f->store, m, f->unit[0], GJ_ATTENDANCE_PRESENT, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (gj_store_set_attendance (f->store, m, f->unit[1], GJ_ATTENDANCE_ABSENT, NULL, &error));
    g_assert_no_error (error);
  }

  /* Problems on 2025-06-15: red, yellow, grey (published, with an echo
   * entry) in street A, and one without a grid (no deadline). */
  f->problem[0] = add_problem (f, f->grid[0][0], "assigned", "2025-06-10");
  f->problem[1] = add_problem (f, f->grid[0][0], "in_progress", "2025-06-18");
  f->problem[2] = add_problem (f, f->grid[2][2], "published", "2025-05-01");
  f->problem[3] = add_problem (f, 0, "registered", NULL);
  {
    g_autoptr(GjRecord) e = GJ_RECORD (gj_echo_entry_new ());

    gj_record_set_int (e, "problem_id", f->problem[2]);
    gj_record_set_text (e, "result", "已修复路灯");
    gj_record_set_text (e, "published_on", "2025-05-20");
    insert (f->store, e);
  }
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

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) sub = g_dir_open (path, 0, NULL);
          const char *n2;

          while (sub != NULL && (n2 = g_dir_read_name (sub)) != NULL)
            {
              g_autofree char *p2 = g_build_filename (path, n2, NULL);

              g_unlink (p2);
            }
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static const GjOverviewFigure *
find (GPtrArray  *figures,
      const char *key)
{
  for (guint i = 0; i < figures->len; i++)
    {
      const GjOverviewFigure *fig = figures->pdata[i];

      if (g_strcmp0 (fig->key, key) == 0)
        return fig;
    }
  return NULL;
}

static gboolean
has_id (const GjDrill *d,
        gint64         id)
{
  for (guint i = 0; d->ids != NULL && i < d->ids->len; i++)
    if (g_array_index (d->ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static GjOverview *
compute (Fixture         *f,
         GjOverviewScope  scope,
         gint64           id,
         double           ring)
{
  g_autoptr(GError) error = NULL;
  GjOverview *ov = gj_store_compute_overview (f->store, scope, id, &f->today, ring, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ov);
  return ov;
}

static void
test_grids (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GjOverview) ov = compute (f, GJ_OVERVIEW_DISTRICT, 0, 0);
  const GjOverviewFigure *k;
  const GjOverviewGap *gap;

  g_assert_cmpstr (ov->today, ==, "2025-06-15");
  g_assert_cmpfloat (ov->ring_m, ==, 500);
  g_assert_cmpint (ov->grids.count, ==, 8);
  g_assert_cmpuint (ov->grids.drill->ids->len, ==, 8);
  g_assert_cmpfloat_with_epsilon (ov->grids.value / 8, 1.0e6, 0.08e6);   /* ~1.02 km² a cell */
  g_assert_cmpuint (ov->grids_by_kind->len, ==, 3);
  k = ov->grids_by_kind->pdata[0];
  g_assert_cmpint (k->count, ==, 3);
  k = find (ov->grids_by_kind, "商业街区");
  g_assert_nonnull (k);
  g_assert_cmpint (k->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (k->percent, 25.0, 1e-9);
  g_assert_cmpstr (k->drill->filter, ==, "kind=商业街区");
  g_assert_true (has_id (k->drill, f->grid[1][0]) && has_id (k->drill, f->grid[1][2]));
  k = find (ov->grids_by_kind, "");
  g_assert_cmpint (k->count, ==, 3);

  /* One gap, the middle cell: 8 of 9 cells covered. */
  g_assert_cmpuint (ov->gaps->len, ==, 1);
  gap = ov->gaps->pdata[0];
  g_assert_false (gap->accepted);
  g_assert_cmpfloat_with_epsilon (gap->bbox.min_x, X0 + CELL, 1e-9);
  g_assert_cmpfloat_with_epsilon (gap->bbox.max_y, Y0 + 2 * CELL, 1e-9);
  g_assert_cmpfloat_with_epsilon (gap->area_m2, ov->grids.value / 8, ov->grids.value / 8 * 0.01);
  g_assert_true (ov->grid_coverage.has_percent);
  g_assert_cmpfloat_with_epsilon (ov->grid_coverage.percent, 800.0 / 9, 0.1);
  g_assert_cmpint (ov->grid_coverage.count, ==, 1);
  g_assert_cmpfloat_with_epsilon (ov->outline_area_m2, ov->grids.value + gap->area_m2, 1.0);

  /* Accepting the gap (a river) covers it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) findings = gj_store_run_checks (f->store, NULL, NULL, NULL, &error);
    g_autoptr(GjOverview) again = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
      {
        g_autoptr(GjFinding) fi = g_list_model_get_item (findings, i);

        if (g_strcmp0 (gj_finding_get_check (fi), "gap") == 0)
          g_assert_true (gj_store_accept_finding (f->store, fi, "河道", &error));
      }
    g_assert_no_error (error);
    again = compute (f, GJ_OVERVIEW_DISTRICT, 0, 0);
    g_assert_true (((GjOverviewGap *) again->gaps->pdata[0])->accepted);
    g_assert_cmpfloat_with_epsilon (again->grid_coverage.percent, 100.0, 1e-9);
    g_assert_cmpint (again->grid_coverage.count, ==, 0);
  }
}

static void
test_stations (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GjOverview) ov = compute (f, GJ_OVERVIEW_DISTRICT, 0, 0);
  g_autoptr(GjOverview) wide = compute (f, GJ_OVERVIEW_DISTRICT, 0, 1200);

  g_assert_cmpint (ov->grids_with_station.count, ==, 2);
  g_assert_cmpint (ov->grids_with_station.total, ==, 8);
  g_assert_cmpfloat_with_epsilon (ov->grids_with_station.percent, 25.0, 1e-9);
  g_assert_true (has_id (ov->grids_with_station.drill, f->grid[0][0]));
  g_assert_true (has_id (ov->grids_with_station.drill, f->grid[2][2]));
  g_assert_cmpint (ov->grids_without_station.count, ==, 6);
  g_assert_cmpstr (ov->grids_without_station.drill->filter, ==, "has_station=false");

  /* 500 m: only the cells holding a station (centroid on it). 1200 m:
   * also the four cells next to them (916 m and 1,112 m away). */
  g_assert_cmpint (ov->grids_near_station.count, ==, 2);
  g_assert_cmpstr (ov->grids_near_station.drill->filter, ==, "station_within_m=500");
  g_assert_cmpint (wide->grids_near_station.count, ==, 6);
  g_assert_cmpint (wide->grids_far_from_station.count, ==, 2);
  g_assert_true (has_id (wide->grids_far_from_station.drill, f->grid[2][0]));
  g_assert_true (has_id (wide->grids_far_from_station.drill, f->grid[0][2]));

  g_assert_cmpint (ov->stations.count, ==, 2);
  g_assert_cmpint (ov->small_centres.count, ==, 1);
  g_assert_cmpint (ov->small_centres.total, ==, 1);
  g_assert_true (has_id (ov->small_centres.drill, f->station[0]));
}

static void
test_units_agreements (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GjOverview) ov = compute (f, GJ_OVERVIEW_DISTRICT, 0, 0);
  const GjOverviewFigure *k;

  g_assert_cmpint (ov->units.count, ==, 3);
  k = find (ov->units_by_kind, "民营企业");
  g_assert_cmpint (k->count, ==, 2);
  g_assert_cmpint (ov->units_with_agreement.count, ==, 2);
  g_assert_cmpint (ov->units_with_agreement.total, ==, 3);
  g_assert_cmpint (ov->units_without_agreement.count, ==, 1);
  g_assert_true (has_id (ov->units_without_agreement.drill, f->unit[1]));
  g_assert_cmpstr (ov->units_without_agreement.drill->filter, ==, "has_agreement_in_force=false");
  g_assert_true (ov->units_without_agreement.drill->type == GJ_TYPE_UNIT);

  g_assert_cmpint (ov->agreements.count, ==, 3);
  g_assert_cmpint (find (ov->agreements_by_status, "in-force")->count, ==, 1);
  g_assert_cmpint (find (ov->agreements_by_status, "expired")->count, ==, 1);
  g_assert_cmpint (ov->agreements_expiring.count, ==, 1);
  g_assert_cmpstr (ov->agreements_expiring.drill->filter, ==, "status=expiring");

  g_assert_cmpint (ov->needs_matched.count, ==, 1);
  g_assert_cmpint (ov->needs_matched.total, ==, 2);
  g_assert_cmpfloat_with_epsilon (ov->needs_matched.percent, 50.0, 1e-9);
}

static void
test_meetings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GjOverview) ov = compute (f, GJ_OVERVIEW_DISTRICT, 0, 0);
  const GjOverviewStreetMeetings *a, *b;

  g_assert_cmpint (ov->year, ==, 2025);
  g_assert_cmpuint (ov->meetings_by_street->len, ==, 2);
  a = ov->meetings_by_street->pdata[0];
  b = ov->meetings_by_street->pdata[1];
  g_assert_cmpint (a->street_id, ==, f->street_a);
  g_assert_cmpuint (a->held[0], ==, 1);
  g_assert_cmpuint (a->held[1], ==, 0);
  g_assert_cmpuint (a->held[4], ==, 0);
  g_assert_cmpuint (a->planned[4], ==, 1);
  g_assert_cmpuint (a->held[5], ==, 1);
  /* Jan … May over, June met already: 6 due, 3 met. */
  g_assert_cmpuint (a->months_due, ==, 6);
  g_assert_cmpuint (a->months_met, ==, 3);
  g_assert_cmpint (a->missed.count, ==, 3);
  g_assert_cmpstr (a->missed.drill->filter, ==, "held=false;month=2025-02,2025-04,2025-05");
  g_assert_cmpint (a->attendance.count, ==, 1);
  g_assert_cmpint (a->attendance.total, ==, 2);
  g_assert_cmpfloat_with_epsilon (a->attendance.percent, 50.0, 1e-9);
  g_assert_cmpuint (a->attendance.drill->ids->len, ==, 3);

  /* Street B: five months over, none met; no invitations, no rate. */
  g_assert_cmpuint (b->months_due, ==, 5);
  g_assert_cmpuint (b->months_met, ==, 0);
  g_assert_false (b->attendance.has_percent);

  g_assert_cmpint (ov->months_met.count, ==, 3);
  g_assert_cmpint (ov->months_met.total, ==, 11);
  g_assert_cmpint (ov->attendance.count, ==, 1);
  g_assert_cmpint (ov->attendance.total, ==, 2);
}

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GjOverview) ov = compute (f, GJ_OVERVIEW_DISTRICT, 0, 0);
  g_autoptr(GjOverview) street = compute (f, GJ_OVERVIEW_STREET, f->street_a, 0);
  g_autoptr(GError) error = NULL;
  GjProblemFunnel funnel;
  static const char *stages[] = { "collected", "on_wall", "resolved", "published", "open", "unsolvable" };

  g_assert_cmpint (ov->problems.count, ==, 4);
  g_assert_cmpint (find (ov->problems_by_colour, "red")->count, ==, 1);
  g_assert_true (has_id (find (ov->problems_by_colour, "red")->drill, f->problem[0]));
  g_assert_cmpint (find (ov->problems_by_colour, "yellow")->count, ==, 1);
  g_assert_cmpint (find (ov->problems_by_colour, "grey")->count, ==, 1);
  g_assert_cmpint (find (ov->problems_by_colour, "none")->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (find (ov->problems_by_colour, "red")->percent, 25.0, 1e-9);

  /* The same funnel as the problem wall's own. */
  g_assert_true (gj_store_problem_funnel (f->store, 0, NULL, NULL, &funnel, &error));
  g_assert_no_error (error);
  {
    gint64 values[] = { funnel.collected, funnel.on_wall, funnel.resolved, funnel.published, funnel.open, funnel.unsolvable };

    for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
      g_assert_cmpint (find (ov->problem_funnel, stages[i])->count, ==, values[i]);
  }
  g_assert_cmpint (find (ov->problem_funnel, "open")->count, ==, 3);
  g_assert_cmpint (find (street->problem_funnel, "collected")->count, ==, 3);
  g_assert_cmpint (ov->echo_entries.count, ==, 1);
  g_assert_cmpint (street->echo_entries.count, ==, 1);
}

static void
test_scopes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GjOverview) comm = compute (f, GJ_OVERVIEW_COMMUNITY, f->community, 0);
  g_autoptr(GjOverview) b = compute (f, GJ_OVERVIEW_STREET, f->street_b, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GjOverview) none = NULL;
  g_autofree char *text = NULL;
  g_autofree char *desc = NULL;

  g_assert_cmpstr (comm->scope_name, ==, "唐村社区");
  g_assert_cmpint (comm->grids.count, ==, 3);
  g_assert_cmpint (comm->grids.drill->community_id, ==, f->community);
  g_assert_cmpint (comm->grids.drill->street_id, ==, f->street_a);
  g_assert_cmpint (comm->units.count, ==, 2);
  g_assert_cmpint (comm->stations.count, ==, 1);
  g_assert_cmpuint (comm->meetings_by_street->len, ==, 1);

  /* A street with no grids: zeros, shares without data. */
  g_assert_cmpstr (b->scope_name, ==, "天津路街道");
  g_assert_cmpint (b->grids.count, ==, 0);
  g_assert_false (b->grid_coverage.has_percent);
  g_assert_false (b->grids_with_station.has_percent);
  g_assert_false (b->grids_near_station.has_percent);
  g_assert_false (b->units_with_agreement.has_percent);
  g_assert_cmpuint (b->gaps->len, ==, 0);
  text = gj_overview_figure_dup_percent_text (&b->grids_with_station);
  g_assert_cmpstr (text, ==, "no data");
  g_assert_cmpint (b->grids_with_station.drill->street_id, ==, f->street_b);
  g_assert_cmpuint (b->grids_with_station.drill->ids->len, ==, 0);

  desc = gj_drill_to_string (b->units_without_agreement.drill);
  g_assert_nonnull (strstr (desc, "unit; street_id="));
  g_assert_nonnull (strstr (desc, "has_agreement_in_force=false; 0 records"));

  none = gj_store_compute_overview (f->store, GJ_OVERVIEW_STREET, 9999, &f->today, 0, &error);
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND);
  g_assert_null (none);
}

static void
check_no_nan (const GjOverviewFigure *fig)
{
  g_assert_true (isfinite (fig->percent));
  g_assert_true (isfinite (fig->value));
  if (fig->total == 0)
    g_assert_false (fig->has_percent);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GjOverview) ov = compute (f, GJ_OVERVIEW_DISTRICT, 0, 0);
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const GjOverviewFigure *figs[] = {
    &ov->grids, &ov->grid_coverage, &ov->grids_with_station, &ov->grids_near_station, &ov->small_centres,
    &ov->units_with_agreement, &ov->agreements_expiring, &ov->needs_matched, &ov->months_met,
    &ov->attendance, &ov->echo_entries,
  };

  for (guint i = 0; i < G_N_ELEMENTS (figs); i++)
    {
      check_no_nan (figs[i]);
      g_assert_false (figs[i]->has_percent);
    }
  for (guint i = 0; i < ov->problems_by_colour->len; i++)
    check_no_nan (ov->problems_by_colour->pdata[i]);
  g_assert_cmpuint (ov->meetings_by_street->len, ==, 0);

  json = gj_overview_to_json (ov);
  text = json_to_string (json, FALSE);
  g_assert_null (strstr (text, "nan"));
  g_assert_nonnull (strstr (text, "\"grids_with_station\":{\"count\":0,\"total\":0,\"percent\":null}"));

  /* Indicators on nothing. */
  for (int w = 0; w <= GJ_GRID_INDICATOR_LAST; w++)
    {
      g_autoptr(GHashTable) t = gj_store_grid_indicator (f->store, w, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (t), ==, 0);
    }
}

static double
value_of (GHashTable *t,
          gint64      id)
{
  double *v = g_hash_table_lookup (t, &id);

  g_assert_nonnull (v);
  return *v;
}

static void
test_indicators (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) units = gj_store_grid_indicator (f->store, GJ_GRID_INDICATOR_UNITS, &error);
  g_autoptr(GHashTable) agreements = gj_store_grid_indicator (f->store, GJ_GRID_INDICATOR_AGREEMENTS, &error);
  g_autoptr(GHashTable) problems = gj_store_grid_indicator (f->store, GJ_GRID_INDICATOR_OPEN_PROBLEMS, &error);
  g_autoptr(GHashTable) distance = gj_store_grid_indicator (f->store, GJ_GRID_INDICATOR_STATION_DISTANCE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (units), ==, 8);
  g_assert_cmpfloat (value_of (units, f->grid[0][0]), ==, 2);
  g_assert_cmpfloat (value_of (units, f->grid[2][2]), ==, 1);
  g_assert_cmpfloat (value_of (units, f->grid[1][0]), ==, 0);

  /* GONGJIAN_TODAY is 2025-06-15: U0's in force, U2's expiring. */
  g_assert_cmpfloat (value_of (agreements, f->grid[0][0]), ==, 1);
  g_assert_cmpfloat (value_of (agreements, f->grid[2][2]), ==, 1);
  g_assert_cmpfloat (value_of (agreements, f->grid[0][1]), ==, 0);

  g_assert_cmpfloat (value_of (problems, f->grid[0][0]), ==, 2);
  g_assert_cmpfloat (value_of (problems, f->grid[2][2]), ==, 0);

  g_assert_cmpuint (g_hash_table_size (distance), ==, 8);
  g_assert_cmpfloat (value_of (distance, f->grid[0][0]), <, 1);
  /* 0.01° of longitude at 34.605°N: 915 m. */
  g_assert_cmpfloat_with_epsilon (value_of (distance, f->grid[1][0]), 915.6, 2);
  g_assert_cmpfloat_with_epsilon (value_of (distance, f->grid[0][1]), 1111.9, 2);
  g_assert_cmpfloat_with_epsilon (value_of (distance, f->grid[2][0]), 1831.2, 4);

  g_assert_cmpstr (gj_grid_indicator_to_string (GJ_GRID_INDICATOR_STATION_DISTANCE), ==, "station_distance");
  g_assert_nonnull (gj_grid_indicator_get_title (GJ_GRID_INDICATOR_UNITS));
}

static void
test_class_breaks (void)
{
  double values[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  double clusters[] = { 31, 1, 12, 2, 30, 3, 10, 11, 32 };
  double same[] = { 5, 5, 5 };
  double with_nan[] = { NAN, 0, 10, INFINITY };
  double b[6];
  GjBreakMethod m;

  g_assert_cmpuint (gj_indicator_class_breaks (values, 10, 5, GJ_BREAK_QUANTILE, b), ==, 5);
  g_assert_cmpfloat (b[0], ==, 1);
  g_assert_cmpfloat (b[1], ==, 2);
  g_assert_cmpfloat (b[2], ==, 4);
  g_assert_cmpfloat (b[3], ==, 6);
  g_assert_cmpfloat (b[4], ==, 8);
  g_assert_cmpfloat (b[5], ==, 10);
  g_assert_cmpuint (gj_class_breaks_classify (b, 5, 2), ==, 0);
  g_assert_cmpuint (gj_class_breaks_classify (b, 5, 3), ==, 1);
  g_assert_cmpuint (gj_class_breaks_classify (b, 5, 10), ==, 4);
  g_assert_cmpuint (gj_class_breaks_classify (b, 5, 99), ==, 4);

  g_assert_cmpuint (gj_indicator_class_breaks (with_nan, 4, 2, GJ_BREAK_EQUAL_INTERVAL, b), ==, 2);
  g_assert_cmpfloat (b[0], ==, 0);
  g_assert_cmpfloat (b[1], ==, 5);
  g_assert_cmpfloat (b[2], ==, 10);

  g_assert_cmpuint (gj_indicator_class_breaks (values, 10, 4, GJ_BREAK_EQUAL_INTERVAL, b), ==, 4);
  g_assert_cmpfloat_with_epsilon (b[1], 3.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (b[2], 5.5, 1e-12);

  g_assert_cmpuint (gj_indicator_class_breaks (clusters, 9, 3, GJ_BREAK_JENKS, b), ==, 3);
  g_assert_cmpfloat (b[0], ==, 1);
  g_assert_cmpfloat (b[1], ==, 3);
  g_assert_cmpfloat (b[2], ==, 12);
  g_assert_cmpfloat (b[3], ==, 32);

  /* Fewer distinct values than classes. */
  g_assert_cmpuint (gj_indicator_class_breaks (same, 3, 3, GJ_BREAK_JENKS, b), ==, 1);
  g_assert_cmpfloat (b[0], ==, 5);
  g_assert_cmpfloat (b[3], ==, 5);
  g_assert_cmpuint (gj_indicator_class_breaks (same, 3, 3, GJ_BREAK_QUANTILE, b), ==, 1);
  g_assert_cmpuint (gj_indicator_class_breaks (NULL, 0, 3, GJ_BREAK_QUANTILE, b), ==, 0);
  g_assert_cmpfloat (b[0], ==, 0);

  /* Jenks on many values stays quick and sane: two far clusters. */
  {
    g_autofree double *many = g_new (double, 20000);

    for (guint i = 0; i < 20000; i++)
      many[i] = (i % 2 ? 1000 : 0) + (i % 97);
    g_assert_cmpuint (gj_indicator_class_breaks (many, 20000, 2, GJ_BREAK_JENKS, b), ==, 2);
    g_assert_cmpfloat (b[1], ==, 96);
  }

  g_assert_true (gj_break_method_from_string ("jenks", &m));
  g_assert_cmpint (m, ==, GJ_BREAK_JENKS);
  g_assert_cmpstr (gj_break_method_to_string (GJ_BREAK_EQUAL_INTERVAL), ==, "equal");
  g_assert_false (gj_break_method_from_string ("kmeans", &m));
}

static char *
order_of (GjStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) views = gj_store_list_saved_views (store, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(GjRecord) v = g_list_model_get_item (views, i);

      g_string_append (s, gj_record_get_text (v, "name"));
      g_assert_cmpint (gj_record_get_int (v, "position"), ==, i + 1);
    }
  return g_string_free (s, FALSE);
}

static void
test_saved_views (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjSavedView) a = gj_saved_view_new ();
  g_autoptr(GjSavedView) b = gj_saved_view_new ();
  g_autoptr(GjSavedView) c = gj_saved_view_new ();
  g_autoptr(GjRecord) stored = NULL;
  g_auto(GStrv) layers = NULL;
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL;
  gint64 trash = 0;
  double w, s, e, n;

  gj_record_set_text (GJ_RECORD (a), "name", "A");
  gj_saved_view_set_extent (a, 112.5, 34.7, 112.4, 34.6);
  gj_record_set_text (GJ_RECORD (a), "theme", "coverage");
  gj_record_set_text (GJ_RECORD (a), "layers", " grids, stations,,labels ");
  gj_record_set_text (GJ_RECORD (a), "title", "全区网格覆盖");
  gj_record_set_text (GJ_RECORD (b), "name", "B");
  gj_record_set_text (GJ_RECORD (c), "name", "C");
  g_assert_true (gj_store_append_saved_view (f->store, a, &error));
  g_assert_true (gj_store_append_saved_view (f->store, b, &error));
  g_assert_true (gj_store_append_saved_view (f->store, c, &error));
  g_assert_no_error (error);
  o1 = order_of (f->store);
  g_assert_cmpstr (o1, ==, "ABC");

  stored = gj_store_get (f->store, GJ_TYPE_SAVED_VIEW, gj_record_get_id (GJ_RECORD (a)), &error);
  g_assert_no_error (error);
  g_assert_true (gj_saved_view_get_extent (GJ_SAVED_VIEW (stored), &w, &s, &e, &n));
  g_assert_cmpfloat (w, ==, 112.4);
  g_assert_cmpfloat (n, ==, 34.7);
  layers = gj_saved_view_dup_layers (GJ_SAVED_VIEW (stored));
  g_assert_cmpuint (g_strv_length (layers), ==, 3);
  g_assert_cmpstr (layers[2], ==, "labels");
  g_assert_false (gj_saved_view_get_extent (b, NULL, NULL, NULL, NULL));

  g_assert_true (gj_store_move_saved_view (f->store, c, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gj_record_get_int (GJ_RECORD (c), "position"), ==, 1);
  o2 = order_of (f->store);
  g_assert_cmpstr (o2, ==, "CAB");
  g_assert_true (gj_store_move_saved_view (f->store, c, 99, &error));   /* clamped to the end */
  o3 = order_of (f->store);
  g_assert_cmpstr (o3, ==, "ABC");

  /* Delete and restore through the trash like any record. */
  g_assert_true (gj_store_delete (f->store, GJ_RECORD (b), &trash, &error));
  g_assert_no_error (error);
  g_assert_true (gj_store_move_saved_view (f->store, a, 2, &error));
  o4 = order_of (f->store);
  g_assert_cmpstr (o4, ==, "CA");
  g_assert_true (gj_store_restore (f->store, trash, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gj_store_count (f->store, GJ_TYPE_SAVED_VIEW, NULL), ==, 3);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GjOverview) ov = compute (f, GJ_OVERVIEW_DISTRICT, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->dir, "overview.xlsx", NULL);
  g_autofree char *csvdir = g_build_filename (f->dir, "csv", NULL);
  g_autofree char *summary = g_build_filename (csvdir, "summary.csv", NULL);
  g_autofree char *meetings = g_build_filename (csvdir, "meetings.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gsize len;

  g_assert_true (gj_overview_export_xlsx (ov, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx, &text, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (memcmp (text, "PK", 2) == 0);
  g_clear_pointer (&text, g_free);

  g_assert_true (gj_overview_export_csv_all (ov, csvdir, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (summary, &text, &len, NULL));
  g_assert_true (memcmp (text, "\xEF\xBB\xBF", 3) == 0);
  g_assert_nonnull (strstr (text, "Grids,8,"));
  g_assert_nonnull (strstr (text, "\r\n"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (meetings, &text, &len, NULL));
  g_assert_nonnull (strstr (text, "410305001,湖北路街道,1/1,0/0,1/1"));

  rows = gj_overview_dup_table (ov, GJ_OVERVIEW_TABLE_GAPS);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint t = 0; t < GJ_OVERVIEW_N_TABLES; t++)
    {
      g_autoptr(GPtrArray) r = gj_overview_dup_table (ov, t);

      g_assert_cmpuint (r->len, >=, 1);
    }
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GjOverview) ov = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  gj_overview_compute_async (f->store, GJ_OVERVIEW_STREET, f->street_a, &f->today, 0, NULL, on_computed, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ov = gj_overview_compute_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ov->scope, ==, GJ_OVERVIEW_STREET);
  g_assert_cmpint (ov->grids.count, ==, 8);
  g_assert_cmpint (ov->units_with_agreement.count, ==, 2);
}

static void
test_stats_json (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stats = gj_store_dup_stats (f->store, &error);
  JsonObject *root, *overview;

  g_assert_no_error (error);
  root = json_node_get_object (stats);
  g_assert_true (json_object_has_member (root, "counts"));
  overview = json_object_get_object_member (root, "overview");
  g_assert_nonnull (overview);
  g_assert_cmpstr (json_object_get_string_member (overview, "scope"), ==, "district");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (overview, "grids"), "count"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (overview, "grids_with_station"), "count"), ==, 2);
  g_assert_true (json_object_has_member (overview, "grid_coverage"));
  g_assert_true (json_object_has_member (overview, "units_with_agreement"));
  g_assert_true (json_object_has_member (overview, "meetings"));
  g_assert_true (json_object_has_member (overview, "problems"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GONGJIAN_TODAY", "2025-06-15", TRUE);
  g_test_init (&argc, &argv, NULL);
  gj_records_ensure_types ();

#define ADD(path, fn, setup) g_test_add (path, Fixture, NULL, setup, fn, fixture_teardown)
  ADD ("/overview/grids", test_grids, fixture_setup);
  ADD ("/overview/stations", test_stations, fixture_setup);
  ADD ("/overview/units-agreements", test_units_agreements, fixture_setup);
  ADD ("/overview/meetings", test_meetings, fixture_setup);
  ADD ("/overview/problems", test_problems, fixture_setup);
  ADD ("/overview/scopes", test_scopes, fixture_setup);
  ADD ("/overview/empty", test_empty, empty_setup);
  ADD ("/overview/indicators", test_indicators, fixture_setup);
  ADD ("/overview/saved-views", test_saved_views, empty_setup);
  ADD ("/overview/export", test_export, fixture_setup);
  ADD ("/overview/async", test_async, fixture_setup);
  ADD ("/overview/stats-json", test_stats_json, fixture_setup);
#undef ADD
  g_test_add_func ("/overview/class-breaks", test_class_breaks);

  return g_test_run ();
}
