/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gj-credit-code.h"
#include "gj-geometry.h"
#include "gj-sample.h"
#include "gj-store-private.h"
#include "gj-store-units.h"

/*
 * A small district: street S1 with communities C1 and C2, street S2 with
 * C3; grids G1, G2 in C1, G3 in C2, G4 in C3 — side by side, 0.003° wide.
 * Today is 2025-06-15 (GONGJIAN_TODAY, set in main()).
 */
typedef struct
{
  char    *dir;
  GjStore *store;
  gint64   s1, s2;
  gint64   c1, c2, c3;
  gint64   g1, g2, g3, g4;
} Fixture;

#define X0 112.400
#define Y0 34.600
#define CELL 0.003

static gint64
insert (GjStore  *store,
        GjRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gj_store_insert (store, record, &error));
  g_assert_no_error (error);
  return gj_record_get_id (record);
}

static gint64
add_place (GjStore    *store,
           GType       type,
           const char *name,
           gint64      street)
{
  g_autoptr(GjRecord) r = g_object_new (type, NULL);

  gj_record_set_text (r, "name", name);
  if (street > 0)
    gj_record_set_int (r, "street_id", street);
  return insert (store, r);
}

static gint64
add_grid (Fixture    *f,
          const char *code,
          int         column,
          gint64      community,
          gint64      street)
{
  g_autoptr(GjRecord) grid = GJ_RECORD (gj_grid_new ());
  g_autoptr(GjGeometry) g = gj_geometry_new (GJ_GEOMETRY_POLYGON);
  double x = X0 + column * CELL;

  gj_geometry_begin_polygon (g);
  gj_geometry_begin_ring (g);
  gj_geometry_add_point (g, x, Y0);
  gj_geometry_add_point (g, x + CELL, Y0);
  gj_geometry_add_point (g, x + CELL, Y0 + CELL);
  gj_geometry_add_point (g, x, Y0 + CELL);
  gj_geometry_add_point (g, x, Y0);
  gj_record_set_text (grid, "code", code);
  gj_record_set_geometry (grid, "geometry", g);
  gj_record_set_int (grid, "community_id", community);
  gj_record_set_int (grid, "street_id", street);
  return insert (f->store, grid);
}

/* A point in the middle of grid column @column. */
static double
mid_x (int column)
{
  return X0 + column * CELL + CELL / 2;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gj-test-units-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "district.db", NULL);
  f->store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->s1 = add_place (f->store, GJ_TYPE_STREET, "湖北路街道", 0);
  f->s2 = add_place (f->store, GJ_TYPE_STREET, "天津路街道", 0);
  f->c1 = add_place (f->store, GJ_TYPE_COMMUNITY, "联盟社区", f->s1);
  f->c2 = add_place (f->store, GJ_TYPE_COMMUNITY, "王府庄社区", f->s1);
  f->c3 = add_place (f->store, GJ_TYPE_COMMUNITY, "厂前一社区", f->s2);
  f->g1 = add_grid (f, "G1", 0, f->c1, f->s1);
  f->g2 = add_grid (f, "G2", 1, f->c1, f->s1);
  f->g3 = add_grid (f, "G3", 2, f->c2, f->s1);
  f->g4 = add_grid (f, "G4", 3, f->c3, f->s2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
count (GjStore *store,
       GType    type)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gj_store_count (store, type, &error);

  g_assert_no_error (error);
  return n;
}

static void
assert_same_values (GjRecord *a,
                    GjRecord *b)
{
  guint n_fields;
  const GjField *fields = gj_record_get_fields (a, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    if (!(fields[i].flags & GJ_FIELD_FLAG_DERIVED) && !gj_record_equal_values (a, b, fields[i].name))
      g_error ("%s differs", fields[i].name);
}

static void
set_day (GDate *day,
         int    y,
         int    m,
         int    d)
{
  g_date_clear (day, 1);
  g_date_set_dmy (day, d, m, y);
}

/* Credit codes -------------------------------------------------------------- */

static void
test_credit_code (Fixture       *f,
                  gconstpointer  data)
{
  /* Check characters worked out by hand (GB 32100-2015, weights 3^i mod 31). */
  static const char *valid[] = {
    "91350100M000100Y43",
    "91110000100000000R",
    "12410305UKQXTU201K",
    "52410305MJ5012345Q",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) unit = GJ_RECORD (gj_unit_new ());
  g_autoptr(GjRecord) none = GJ_RECORD (gj_unit_new ());
  g_autoptr(GjRecord) blank = GJ_RECORD (gj_unit_new ());
  g_autoptr(GjRecord) lower = GJ_RECORD (gj_unit_new ());
  char *reason = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_assert_true (gj_credit_code_check (valid[i], &reason));
      g_assert_null (reason);
    }

  /* One character off: the check character no longer fits. */
  g_assert_false (gj_credit_code_check ("91350100M000100Y44", &reason));
  g_assert_nonnull (strstr (reason, "“3”"));
  g_clear_pointer (&reason, g_free);
  g_assert_false (gj_credit_code_check ("91350100M000100Z43", &reason));
  g_clear_pointer (&reason, g_free);
  g_assert_false (gj_credit_code_check ("91350100M000100Y4", &reason));
  g_assert_nonnull (strstr (reason, "17"));
  g_clear_pointer (&reason, g_free);
  g_assert_false (gj_credit_code_check ("91350100I000100Y43", &reason));
  g_clear_pointer (&reason, g_free);

  /* The store's write check refuses a wrong code, saying why … */
  gj_record_set_text (unit, "name", "洛阳伊滨环保科技有限公司");
  gj_record_set_text (unit, "credit_code", "91350100M000100Y44");
  g_assert_false (gj_store_insert (f->store, unit, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "91350100M000100Y44"));
  g_assert_nonnull (strstr (error->message, "“3”"));
  g_clear_error (&error);
  g_assert_cmpint (count (f->store, GJ_TYPE_UNIT), ==, 0);

  /* … takes a right one, and refuses it on update when mistyped. */
  gj_record_set_text (unit, "credit_code", "91350100M000100Y43");
  insert (f->store, unit);
  gj_record_set_text (unit, "credit_code", "91350100M000101Y43");
  g_assert_false (gj_store_update (f->store, unit, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* No code, or a blank one, is allowed; small letters are the same code. */
  gj_record_set_text (none, "name", "无代码单位");
  insert (f->store, none);
  gj_record_set_text (blank, "name", "空代码单位");
  gj_record_set_text (blank, "credit_code", "  ");
  insert (f->store, blank);
  g_assert_true (gj_record_is_null (blank, "credit_code"));
  gj_record_set_text (lower, "name", "小写代码单位");
  gj_record_set_text (lower, "credit_code", " 91110000100000000r ");
  insert (f->store, lower);
  g_assert_cmpstr (gj_record_get_text (lower, "credit_code"), ==, "91110000100000000R");
  g_assert_cmpint (count (f->store, GJ_TYPE_UNIT), ==, 4);
}

/* Units: place and staleness ---------------------------------------------- */

static void
test_unit_place (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) unit = GJ_RECORD (gj_unit_new ());
  g_autoptr(GjRecord) stored = NULL;
  g_autoptr(GjRecord) outside = GJ_RECORD (gj_unit_new ());

  /* Typed as G1 in C1, but it stands in G3. */
  gj_record_set_text (unit, "name", "洛阳市涧西区七里河小学");
  gj_record_set_int (unit, "grid_id", f->g1);
  gj_record_set_int (unit, "community_id", f->c1);
  gj_record_set_real (unit, "lon", mid_x (2));
  gj_record_set_real (unit, "lat", Y0 + CELL / 2);
  insert (f->store, unit);
  stored = gj_store_get (f->store, GJ_TYPE_UNIT, gj_record_get_id (unit), &error);
  g_assert_cmpint (gj_record_get_int (stored, "grid_id"), ==, f->g3);
  g_assert_cmpint (gj_record_get_int (stored, "community_id"), ==, f->c2);
  g_assert_cmpint (gj_record_get_int (stored, "street_id"), ==, f->s1);
  g_assert_cmpstr (gj_record_get_text (stored, "grid_code"), ==, "G3");

  /* Moved into G4: another community and street. */
  gj_record_set_real (stored, "lon", mid_x (3));
  g_assert_true (gj_store_update (f->store, stored, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = gj_store_get (f->store, GJ_TYPE_UNIT, gj_record_get_id (unit), &error);
  g_assert_cmpint (gj_record_get_int (stored, "grid_id"), ==, f->g4);
  g_assert_cmpint (gj_record_get_int (stored, "community_id"), ==, f->c3);
  g_assert_cmpint (gj_record_get_int (stored, "street_id"), ==, f->s2);

  /* Outside every grid: what was typed stays (the checks list it). */
  gj_record_set_text (outside, "name", "郊外单位");
  gj_record_set_int (outside, "grid_id", f->g2);
  gj_record_set_real (outside, "lon", X0 - 1);
  gj_record_set_real (outside, "lat", Y0);
  insert (f->store, outside);
  g_assert_cmpint (gj_record_get_int (outside, "grid_id"), ==, f->g2);
}

static void
test_unit_stale (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GjRecord) unit = GJ_RECORD (gj_unit_new ());
  g_autoptr(GjRecord) fresh_unit = GJ_RECORD (gj_unit_new ());
  g_autoptr(GListModel) stale = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  set_day (&today, 2025, 6, 15);
  /* Never verified. */
  g_assert_true (gj_unit_is_stale (unit, &today));
  /* Exactly a year ago is still good; a day more is stale. */
  gj_record_set_text (unit, "verified_date", "2024-06-15");
  g_assert_false (gj_unit_is_stale (unit, &today));
  gj_record_set_text (unit, "verified_date", "2024-06-14");
  g_assert_true (gj_unit_is_stale (unit, &today));
  gj_record_set_text (unit, "verified_date", "2025-06-15");
  g_assert_false (gj_unit_is_stale (unit, &today));
  /* Checked on 29 February: good through 28 February next year. */
  gj_record_set_text (unit, "verified_date", "2024-02-29");
  set_day (&today, 2025, 2, 28);
  g_assert_false (gj_unit_is_stale (unit, &today));
  set_day (&today, 2025, 3, 1);
  g_assert_true (gj_unit_is_stale (unit, &today));

  gj_record_set_text (unit, "name", "久未核实单位");
  gj_record_set_text (unit, "verified_date", "2023-01-01");
  insert (f->store, unit);
  gj_record_set_text (fresh_unit, "name", "新核实单位");
  gj_record_set_text (fresh_unit, "verified_date", "2025-05-01");
  insert (f->store, fresh_unit);
  stale = gj_store_list_stale_units (f->store, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stale), ==, 1);
  {
    g_autoptr(GjRecord) first = g_list_model_get_item (stale, 0);
    g_assert_cmpint (gj_record_get_id (first), ==, gj_record_get_id (unit));
  }
}

/* Agreements ---------------------------------------------------------------- */

static GjAgreementStatus
status_on (GjRecord *a,
           int       y,
           int       m,
           int       d)
{
  GDate day;

  set_day (&day, y, m, d);
  return gj_agreement_get_status (GJ_AGREEMENT (a), &day);
}

static void
test_agreement_status_edges (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GjRecord) a = GJ_RECORD (gj_agreement_new ());
  g_autoptr(GError) error = NULL;

  gj_record_set_text (a, "title", "联盟社区与七里河小学共建协议");
  gj_record_set_text (a, "signed_date", "2025-03-01");
  gj_record_set_text (a, "start_date", "2025-03-10");
  gj_record_set_text (a, "end_date", "2026-03-09");

  /* Starts tomorrow: not yet in force; starts today: in force. */
  g_assert_cmpint (status_on (a, 2025, 3, 9), ==, GJ_AGREEMENT_PENDING);
  g_assert_cmpint (status_on (a, 2025, 3, 10), ==, GJ_AGREEMENT_IN_FORCE);
  /* Ends today: still in force (expiring); ends yesterday: expired. */
  g_assert_cmpint (status_on (a, 2026, 3, 9), ==, GJ_AGREEMENT_EXPIRING);
  g_assert_cmpint (status_on (a, 2026, 3, 10), ==, GJ_AGREEMENT_EXPIRED);
  /* The 60-day window: 59 days between today and the end day. */
  g_assert_cmpint (status_on (a, 2026, 1, 8), ==, GJ_AGREEMENT_IN_FORCE);
  g_assert_cmpint (status_on (a, 2026, 1, 9), ==, GJ_AGREEMENT_EXPIRING);

  /* No end date: in force for good once begun. */
  gj_record_set_null (a, "end_date");
  g_assert_cmpint (status_on (a, 2040, 1, 1), ==, GJ_AGREEMENT_IN_FORCE);
  g_assert_cmpint (status_on (a, 2025, 3, 9), ==, GJ_AGREEMENT_PENDING);

  /* A term that ends before it starts never was in force, and is refused. */
  gj_record_set_text (a, "end_date", "2025-01-31");
  g_assert_cmpint (status_on (a, 2025, 2, 15), ==, GJ_AGREEMENT_DRAFT);
  g_assert_cmpint (status_on (a, 2025, 6, 1), ==, GJ_AGREEMENT_DRAFT);
  g_assert_false (gj_store_insert (f->store, a, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-01-31"));
  g_clear_error (&error);

  /* Start and end on the same day: a one-day term. */
  gj_record_set_text (a, "end_date", "2025-03-10");
  g_assert_cmpint (status_on (a, 2025, 3, 10), ==, GJ_AGREEMENT_EXPIRING);
  g_assert_cmpint (status_on (a, 2025, 3, 11), ==, GJ_AGREEMENT_EXPIRED);

  /* Neither signed nor begun: a draft; terminated by hand wins. */
  gj_record_set_null (a, "signed_date");
  gj_record_set_null (a, "start_date");
  g_assert_cmpint (status_on (a, 2025, 3, 10), ==, GJ_AGREEMENT_DRAFT);
  gj_record_set_text (a, "start_date", "2025-03-01");
  gj_record_set_text (a, "status", "terminated");
  g_assert_cmpint (status_on (a, 2025, 3, 5), ==, GJ_AGREEMENT_TERMINATED);
}

static const char *commitment_texts[] = { "开放会议室供社区活动", "每季度组织党员志愿服务", "协调停车位" };
static const char *commitment_sides[] = { "unit", "unit", "community" };
static const char *commitment_dues[] = { "2024-06-30", "2024-12-31", NULL };

/* A signed 2024-03-01 … 2025-02-28 agreement with three commitments. */
static GjRecord *
add_agreement (Fixture    *f,
               const char *start,
               const char *end,
               const char *status)
{
  GjRecord *a = GJ_RECORD (gj_agreement_new ());

  gj_record_set_text (a, "title", "联盟社区与七里河小学共建协议");
  gj_record_set_text (a, "code", "GJ-2024-001");
  gj_record_set_int (a, "community_id", f->c1);
  gj_record_set_int (a, "street_id", f->s1);
  gj_record_set_text (a, "signed_date", "2024-02-20");
  gj_record_set_text (a, "start_date", start);
  gj_record_set_text (a, "end_date", end);
  gj_record_set_text (a, "categories", "党建联建;志愿服务");
  gj_record_set_text (a, "attachment", "scan-2024.pdf");
  if (status != NULL)
    gj_record_set_text (a, "status", status);
  insert (f->store, a);

  for (guint i = 0; i < G_N_ELEMENTS (commitment_texts); i++)
    {
      g_autoptr(GjRecord) c = GJ_RECORD (gj_commitment_new ());

      gj_record_set_int (c, "agreement_id", gj_record_get_id (a));
      gj_record_set_text (c, "side", commitment_sides[i]);
      gj_record_set_text (c, "content", commitment_texts[i]);
      gj_record_set_text (c, "due_date", commitment_dues[i]);
      gj_record_set_text (c, "status", "done");
      insert (f->store, c);
    }
  return a;
}

static GPtrArray *
verdicts_for (Fixture  *f,
              GjRecord *agreement,
              double    first_score)
{
  g_autoptr(GListModel) commitments = gj_store_list_commitments (f->store, agreement, NULL);
  GPtrArray *verdicts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (commitments); i++)
    {
      g_autoptr(GjRecord) c = g_list_model_get_item (commitments, i);
      GjRecord *v = GJ_RECORD (gj_evaluation_new ());

      gj_record_set_int (v, "commitment_id", gj_record_get_id (c));
      gj_record_set_bool (v, "fulfilled", i != 1);
      gj_record_set_real (v, "score", i == 0 ? first_score : 80);
      gj_record_set_text (v, "comment", "按期落实");
      g_ptr_array_add (verdicts, v);
    }
  return verdicts;
}

static void
test_renew (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) old = add_agreement (f, "2024-03-01", "2025-02-28", NULL);
  g_autoptr(GjRecord) renewed = NULL;
  g_autoptr(GjRecord) again = NULL;
  g_autoptr(GjRecord) old_after = NULL;
  g_autoptr(GListModel) copied = NULL;
  g_autoptr(GListModel) kept = NULL;
  g_autoptr(GListModel) chain = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GPtrArray) verdicts = verdicts_for (f, old, 90);
  gint64 n_agreements, n_commitments, n_evaluations;

  g_assert_true (gj_store_evaluate_agreement (f->store, old, 2024, verdicts, "区委组织部", "2025-01-10",
                                              GJ_EVALUATE_DEFAULT, &error));
  g_assert_no_error (error);

  /* One year and a day later (2025-03-02 … 2026-03-01): 366 days on. */
  renewed = gj_store_renew_agreement (f->store, old, "2025-03-02", "2026-03-01", &error);
  g_assert_no_error (error);
  g_assert_nonnull (renewed);
  g_assert_true (GJ_IS_AGREEMENT (renewed));
  g_assert_cmpint (gj_record_get_id (renewed), !=, gj_record_get_id (old));
  g_assert_cmpstr (gj_record_get_text (renewed, "title"), ==, gj_record_get_text (old, "title"));
  g_assert_cmpint (gj_record_get_int (renewed, "previous_id"), ==, gj_record_get_id (old));
  g_assert_cmpint (gj_record_get_int (renewed, "community_id"), ==, f->c1);
  g_assert_cmpstr (gj_record_get_text (renewed, "categories"), ==, "党建联建;志愿服务");
  g_assert_cmpstr (gj_record_get_text (renewed, "status"), ==, "draft");
  g_assert_true (gj_record_is_null (renewed, "signed_date"));
  g_assert_true (gj_record_is_null (renewed, "attachment"));
  g_assert_cmpstr (gj_record_get_text (renewed, "start_date"), ==, "2025-03-02");
  g_assert_cmpstr (gj_record_get_text (renewed, "end_date"), ==, "2026-03-01");
  {
    g_autoptr(GDate) today = gj_today ();

    g_assert_cmpint (gj_agreement_get_status (GJ_AGREEMENT (renewed), today), ==, GJ_AGREEMENT_DRAFT);
  }

  /* Commitments copied, both sides, status cleared, due dates moved 366 days. */
  copied = gj_store_list_commitments (f->store, renewed, &error);
  g_assert_cmpuint (g_list_model_get_n_items (copied), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GjRecord) c = g_list_model_get_item (copied, i);

      g_assert_cmpstr (gj_record_get_text (c, "content"), ==, commitment_texts[i]);
      g_assert_cmpstr (gj_record_get_text (c, "side"), ==, commitment_sides[i]);
      g_assert_true (gj_record_is_null (c, "status"));
    }
  {
    g_autoptr(GjRecord) c0 = g_list_model_get_item (copied, 0);
    g_autoptr(GjRecord) c1 = g_list_model_get_item (copied, 1);
    g_autoptr(GjRecord) c2 = g_list_model_get_item (copied, 2);

    g_assert_cmpstr (gj_record_get_text (c0, "due_date"), ==, "2025-07-01");
    g_assert_cmpstr (gj_record_get_text (c1, "due_date"), ==, "2026-01-01");
    g_assert_true (gj_record_is_null (c2, "due_date"));
  }

  /* The old term is history: unchanged, with its commitments and evaluation. */
  old_after = gj_store_get (f->store, GJ_TYPE_AGREEMENT, gj_record_get_id (old), &error);
  assert_same_values (old, old_after);
  g_assert_cmpstr (gj_record_get_updated_at (old), ==, gj_record_get_updated_at (old_after));
  kept = gj_store_list_commitments (f->store, old, &error);
  g_assert_cmpuint (g_list_model_get_n_items (kept), ==, 3);
  {
    g_autoptr(GjRecord) c0 = g_list_model_get_item (kept, 0);

    g_assert_cmpstr (gj_record_get_text (c0, "status"), ==, "done");
    g_assert_cmpstr (gj_record_get_text (c0, "due_date"), ==, "2024-06-30");
  }
  history = gj_store_list_evaluations (f->store, old, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);

  chain = gj_store_list_agreement_chain (f->store, renewed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (chain), ==, 2);
  {
    g_autoptr(GjRecord) first = g_list_model_get_item (chain, 0);
    g_autoptr(GjRecord) second = g_list_model_get_item (chain, 1);

    g_assert_cmpint (gj_record_get_id (first), ==, gj_record_get_id (old));
    g_assert_cmpint (gj_record_get_id (second), ==, gj_record_get_id (renewed));
  }
  g_clear_object (&chain);
  chain = gj_store_list_agreement_chain (f->store, old, &error);
  g_assert_cmpuint (g_list_model_get_n_items (chain), ==, 2);

  /* Refused, and nothing written: renewing twice, a draft (the new term
   * is one), a terminated one, a term ending before it starts. */
  n_agreements = count (f->store, GJ_TYPE_AGREEMENT);
  n_commitments = count (f->store, GJ_TYPE_COMMITMENT);
  n_evaluations = count (f->store, GJ_TYPE_EVALUATION);

  again = gj_store_renew_agreement (f->store, old, "2025-03-02", "2026-03-01", &error);
  g_assert_null (again);
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-03-02"));
  g_clear_error (&error);

  again = gj_store_renew_agreement (f->store, renewed, "2026-03-02", "2027-03-01", &error);
  g_assert_null (again);
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "draft"));
  g_clear_error (&error);

  {
    g_autoptr(GjRecord) ended = add_agreement (f, "2024-01-01", "2026-12-31", "已终止");

    g_assert_cmpstr (gj_record_get_text (ended, "status"), ==, "terminated");
    n_agreements = count (f->store, GJ_TYPE_AGREEMENT);
    n_commitments = count (f->store, GJ_TYPE_COMMITMENT);
    again = gj_store_renew_agreement (f->store, ended, "2027-01-01", "2027-12-31", &error);
    g_assert_null (again);
    g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "terminated"));
    g_clear_error (&error);
  }

  {
    g_autoptr(GjRecord) other = add_agreement (f, "2024-06-01", "2025-05-31", NULL);

    n_agreements = count (f->store, GJ_TYPE_AGREEMENT);
    n_commitments = count (f->store, GJ_TYPE_COMMITMENT);
    again = gj_store_renew_agreement (f->store, other, "2025-06-01", "2025-05-01", &error);
    g_assert_null (again);
    g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
    g_clear_error (&error);
    again = gj_store_renew_agreement (f->store, other, "not a date", NULL, &error);
    g_assert_null (again);
    g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
    g_clear_error (&error);

    /* An open-ended renewal is fine. */
    again = gj_store_renew_agreement (f->store, other, "2025-06-01", NULL, &error);
    g_assert_no_error (error);
    g_assert_true (gj_record_is_null (again, "end_date"));
    g_assert_cmpint (count (f->store, GJ_TYPE_AGREEMENT), ==, n_agreements + 1);
    g_assert_cmpint (count (f->store, GJ_TYPE_COMMITMENT), ==, n_commitments + 3);
    n_agreements++;
    n_commitments += 3;
  }
  g_assert_cmpint (count (f->store, GJ_TYPE_AGREEMENT), ==, n_agreements);
  g_assert_cmpint (count (f->store, GJ_TYPE_COMMITMENT), ==, n_commitments);
  g_assert_cmpint (count (f->store, GJ_TYPE_EVALUATION), ==, n_evaluations);
}

static void
test_evaluate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) a = add_agreement (f, "2024-03-01", "2026-02-28", NULL);
  g_autoptr(GjRecord) other = add_agreement (f, "2024-03-01", "2026-02-28", NULL);
  g_autoptr(GjRecord) bare = GJ_RECORD (gj_agreement_new ());
  g_autoptr(GPtrArray) verdicts = verdicts_for (f, a, 100);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) wrong = NULL;
  g_autoptr(GListModel) due = NULL;
  GjEvaluationSummary summary;
  GDate today;

  /* Nothing yet. */
  g_assert_true (gj_store_get_evaluation_summary (f->store, a, 2024, &summary, &error));
  g_assert_false (summary.evaluated);
  g_assert_cmpuint (summary.n_total, ==, 0);

  /* One row per commitment: 2 of 3 fulfilled, scores 100, 80, 80. */
  g_assert_true (gj_store_evaluate_agreement (f->store, a, 2024, verdicts, "区委组织部", "2025-01-10",
                                              GJ_EVALUATE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, GJ_TYPE_EVALUATION), ==, 3);
  {
    GjRecord *v = verdicts->pdata[0];

    g_assert_cmpint (gj_record_get_id (v), >, 0);
    g_assert_cmpint (gj_record_get_int (v, "agreement_id"), ==, gj_record_get_id (a));
    g_assert_cmpint (gj_record_get_int (v, "year"), ==, 2024);
    g_assert_cmpstr (gj_record_get_text (v, "evaluator"), ==, "区委组织部");
    g_assert_cmpstr (gj_record_get_text (v, "evaluated_on"), ==, "2025-01-10");
  }
  g_assert_true (gj_store_get_evaluation_summary (f->store, a, 2024, &summary, &error));
  g_assert_true (summary.evaluated);
  g_assert_cmpuint (summary.n_total, ==, 3);
  g_assert_cmpuint (summary.n_fulfilled, ==, 2);
  g_assert_cmpuint (summary.n_scored, ==, 3);
  g_assert_cmpfloat_with_epsilon (summary.mean_score, 260.0 / 3, 1e-9);
  g_assert_true (gj_store_get_evaluation_summary (f->store, a, 2025, &summary, &error));
  g_assert_false (summary.evaluated);

  /* A second evaluation of the same year is refused … */
  again = verdicts_for (f, a, 50);
  g_assert_false (gj_store_evaluate_agreement (f->store, a, 2024, again, NULL, NULL, GJ_EVALUATE_DEFAULT, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2024"));
  g_clear_error (&error);
  g_assert_cmpint (gj_record_get_id (again->pdata[0]), ==, 0);
  g_assert_cmpint (count (f->store, GJ_TYPE_EVALUATION), ==, 3);

  /* … unless it replaces the first (which goes to the trash). */
  g_assert_true (gj_store_evaluate_agreement (f->store, a, 2024, again, "街道党工委", NULL, GJ_EVALUATE_REPLACE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, GJ_TYPE_EVALUATION), ==, 3);
  g_assert_true (gj_store_get_evaluation_summary (f->store, a, 2024, &summary, &error));
  g_assert_cmpfloat_with_epsilon (summary.mean_score, 70.0, 1e-9);
  {
    g_autoptr(GListModel) trash = gj_store_list_trash (f->store, &error);
    g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 3);
  }

  /* Refused: a commitment left out, one of another agreement, two verdicts
   * for one, a score over 100, a year outside the term, a future year. */
  wrong = verdicts_for (f, a, 90);
  g_ptr_array_remove_index (wrong, 2);
  g_assert_false (gj_store_evaluate_agreement (f->store, a, 2025, wrong, NULL, NULL, 0, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, commitment_texts[2]));
  g_clear_error (&error);
  g_clear_pointer (&wrong, g_ptr_array_unref);

  wrong = verdicts_for (f, other, 90);
  g_assert_false (gj_store_evaluate_agreement (f->store, a, 2025, wrong, NULL, NULL, 0, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&wrong, g_ptr_array_unref);

  wrong = verdicts_for (f, a, 90);
  gj_record_set_int (wrong->pdata[1], "commitment_id", gj_record_get_int (wrong->pdata[0], "commitment_id"));
  g_assert_false (gj_store_evaluate_agreement (f->store, a, 2025, wrong, NULL, NULL, 0, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&wrong, g_ptr_array_unref);

  wrong = verdicts_for (f, a, 101);
  g_assert_false (gj_store_evaluate_agreement (f->store, a, 2025, wrong, NULL, NULL, 0, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "101"));
  g_clear_error (&error);
  g_clear_pointer (&wrong, g_ptr_array_unref);

  wrong = verdicts_for (f, a, 90);
  g_assert_false (gj_store_evaluate_agreement (f->store, a, 2023, wrong, NULL, NULL, 0, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gj_store_evaluate_agreement (f->store, a, 2026, wrong, NULL, NULL, 0, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f->store, GJ_TYPE_EVALUATION), ==, 3);

  /* Without commitments an agreement is evaluated as a whole. */
  gj_record_set_text (bare, "title", "无承诺协议");
  gj_record_set_text (bare, "signed_date", "2025-01-01");
  gj_record_set_text (bare, "start_date", "2025-01-01");
  gj_record_set_text (bare, "end_date", "2025-03-31");
  insert (f->store, bare);
  {
    g_autoptr(GPtrArray) whole = g_ptr_array_new_with_free_func (g_object_unref);
    GjRecord *v = GJ_RECORD (gj_evaluation_new ());

    gj_record_set_bool (v, "fulfilled", TRUE);
    gj_record_set_real (v, "score", 88);
    g_ptr_array_add (whole, v);
    g_assert_true (gj_store_evaluate_agreement (f->store, bare, 2025, whole, NULL, NULL, 0, &error));
    g_assert_no_error (error);
    g_assert_true (gj_store_get_evaluation_summary (f->store, bare, 2025, &summary, &error));
    g_assert_cmpuint (summary.n_total, ==, 1);
    g_assert_cmpuint (summary.n_fulfilled, ==, 1);
  }

  /* Due on 2025-06-15: in force and not evaluated for 2025 — @a and
   * @other; @bare expired this year but is evaluated. */
  set_day (&today, 2025, 6, 15);
  due = gj_store_list_due_for_evaluation (f->store, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, 2);
  g_clear_object (&due);
  wrong = verdicts_for (f, a, 90);
  g_assert_true (gj_store_evaluate_agreement (f->store, a, 2025, wrong, NULL, NULL, 0, &error));
  due = gj_store_list_due_for_evaluation (f->store, &today, &error);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, 1);
  {
    g_autoptr(GjRecord) first = g_list_model_get_item (due, 0);
    g_assert_cmpint (gj_record_get_id (first), ==, gj_record_get_id (other));
  }
}

/* The four lists ---------------------------------------------------------- */

static GjRecord *
add_item (Fixture    *f,
          const char *list,
          const char *title,
          const char *category,
          gint64      grid,
          gint64      unit)
{
  GjRecord *item = GJ_RECORD (gj_list_item_new ());

  gj_record_set_text (item, "list", list);
  gj_record_set_text (item, "title", title);
  if (category != NULL)
    gj_record_set_text (item, "category", category);
  if (grid > 0)
    gj_record_set_int (item, "grid_id", grid);
  if (unit > 0)
    gj_record_set_int (item, "owner_unit_id", unit);
  insert (f->store, item);
  return item;
}

static void
test_list_transitions (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { GjListItemStatus from, to; gboolean ok; } cases[] = {
    { GJ_LIST_ITEM_OFFERED, GJ_LIST_ITEM_CLAIMED, TRUE },
    { GJ_LIST_ITEM_OFFERED, GJ_LIST_ITEM_MATCHED, TRUE },
    { GJ_LIST_ITEM_OFFERED, GJ_LIST_ITEM_IN_PROGRESS, FALSE },
    { GJ_LIST_ITEM_OFFERED, GJ_LIST_ITEM_DONE, FALSE },
    { GJ_LIST_ITEM_CLAIMED, GJ_LIST_ITEM_MATCHED, TRUE },
    { GJ_LIST_ITEM_CLAIMED, GJ_LIST_ITEM_OFFERED, TRUE },
    { GJ_LIST_ITEM_CLAIMED, GJ_LIST_ITEM_DONE, FALSE },
    { GJ_LIST_ITEM_MATCHED, GJ_LIST_ITEM_IN_PROGRESS, TRUE },
    { GJ_LIST_ITEM_MATCHED, GJ_LIST_ITEM_OFFERED, TRUE },
    { GJ_LIST_ITEM_MATCHED, GJ_LIST_ITEM_DONE, FALSE },
    { GJ_LIST_ITEM_IN_PROGRESS, GJ_LIST_ITEM_DONE, TRUE },
    { GJ_LIST_ITEM_IN_PROGRESS, GJ_LIST_ITEM_OFFERED, FALSE },
    { GJ_LIST_ITEM_DONE, GJ_LIST_ITEM_IN_PROGRESS, FALSE },
    { GJ_LIST_ITEM_DONE, GJ_LIST_ITEM_OFFERED, FALSE },
    { GJ_LIST_ITEM_DONE, GJ_LIST_ITEM_DONE, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) item = NULL;
  g_autoptr(GjRecord) stored = NULL;
  g_autoptr(GjRecord) bad = GJ_RECORD (gj_list_item_new ());

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean ok = gj_list_item_check_transition (cases[i].from, cases[i].to, &error);

      if (ok != cases[i].ok)
        g_error ("%s → %s: expected %s", gj_list_item_status_to_string (cases[i].from),
                 gj_list_item_status_to_string (cases[i].to), cases[i].ok ? "allowed" : "refused");
      if (ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, GJ_RECORD_ERROR, 0);
          g_assert_cmpstr (error->message, !=, "");
        }
      g_clear_error (&error);
    }

  /* Words from files; unset is offered. */
  g_assert_cmpint (gj_list_item_status_from_string (NULL), ==, GJ_LIST_ITEM_OFFERED);
  g_assert_cmpint (gj_list_item_status_from_string ("已认领"), ==, GJ_LIST_ITEM_CLAIMED);
  g_assert_cmpint (gj_list_item_status_from_string ("实施中"), ==, GJ_LIST_ITEM_IN_PROGRESS);
  g_assert_cmpint (gj_list_item_status_from_string ("whatever"), ==, GJ_LIST_ITEM_STATUS_INVALID);
  g_assert_cmpint (gj_list_kind_from_string ("需求清单"), ==, GJ_LIST_NEED);

  /* Through the store: new items are offered; steps are checked. */
  item = add_item (f, "project", "老旧小区加装电梯", "城市更新", f->g1, 0);
  g_assert_cmpstr (gj_record_get_text (item, "status"), ==, "offered");
  g_assert_false (gj_store_set_list_item_status (f->store, item, GJ_LIST_ITEM_DONE, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gj_store_set_list_item_status (f->store, item, GJ_LIST_ITEM_CLAIMED, &error));
  g_assert_true (gj_store_set_list_item_status (f->store, item, GJ_LIST_ITEM_MATCHED, &error));
  g_assert_true (gj_store_set_list_item_status (f->store, item, GJ_LIST_ITEM_IN_PROGRESS, &error));
  g_assert_cmpstr (gj_record_get_text (item, "status"), ==, "in_progress");
  g_assert_false (gj_store_set_list_item_status (f->store, item, GJ_LIST_ITEM_OFFERED, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gj_store_set_list_item_status (f->store, item, GJ_LIST_ITEM_DONE, &error));
  g_assert_no_error (error);
  stored = gj_store_get (f->store, GJ_TYPE_LIST_ITEM, gj_record_get_id (item), &error);
  g_assert_cmpstr (gj_record_get_text (stored, "status"), ==, "done");

  /* A list or a status that is none is refused on write. */
  gj_record_set_text (bad, "list", "wishes");
  gj_record_set_text (bad, "title", "?");
  g_assert_false (gj_store_insert (f->store, bad, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  gj_record_set_text (bad, "list", "资源清单");
  gj_record_set_text (bad, "status", "maybe");
  g_assert_false (gj_store_insert (f->store, bad, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  gj_record_set_text (bad, "status", "已完成");
  insert (f->store, bad);
  g_assert_cmpstr (gj_record_get_text (bad, "list"), ==, "resource");
  g_assert_cmpstr (gj_record_get_text (bad, "status"), ==, "done");
}

static void
test_matching (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) unit = GJ_RECORD (gj_unit_new ());
  g_autoptr(GjRecord) need = NULL;
  g_autoptr(GjRecord) far = NULL, street = NULL, community = NULL, grid = NULL, by_unit = NULL;
  g_autoptr(GjRecord) other_kind = NULL, taken = NULL, partner = NULL, project = NULL;
  g_autoptr(GListModel) matches = NULL;
  g_autoptr(GListModel) needs = NULL;
  const char *expect[] = { "G1 场地", "单位场地", "G2 场地", "G3 场地", "G4 场地" };
  const GjMatchLevel levels[] = { GJ_MATCH_SAME_GRID, GJ_MATCH_SAME_GRID, GJ_MATCH_SAME_COMMUNITY,
                                  GJ_MATCH_SAME_STREET, GJ_MATCH_ELSEWHERE };

  /* A unit in G1 (by its point); its item has no grid of its own. */
  gj_record_set_text (unit, "name", "洛阳伊滨环保科技有限公司");
  gj_record_set_real (unit, "lon", mid_x (0));
  gj_record_set_real (unit, "lat", Y0 + CELL / 2);
  insert (f->store, unit);

  need = add_item (f, "need", "社区活动场地", "活动场地", f->g1, 0);
  /* Inserted farthest first, so row order is not what sorts them. */
  far = add_item (f, "resource", "G4 场地", "活动场地", f->g4, 0);
  street = add_item (f, "service", "G3 场地", "活动场地", f->g3, 0);
  community = add_item (f, "resource", "G2 场地", "活动场地", f->g2, 0);
  grid = add_item (f, "resource", "G1 场地", "活动场地", f->g1, 0);
  by_unit = add_item (f, "resource", "单位场地", "活动场地", 0, gj_record_get_id (unit));
  other_kind = add_item (f, "resource", "G1 资金", "资金", f->g1, 0);
  project = add_item (f, "project", "G1 项目", "活动场地", f->g1, 0);
  taken = add_item (f, "resource", "G1 已对接场地", "活动场地", f->g1, 0);
  partner = add_item (f, "need", "另一需求", "活动场地", f->g2, 0);
  g_assert_true (gj_store_claim_match (f->store, partner, taken, &error));
  g_assert_no_error (error);

  matches = gj_store_list_matches (f->store, need, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      g_autoptr(GjListMatch) m = g_list_model_get_item (matches, i);
      g_autofree char *title = NULL;
      GjMatchLevel level;

      g_assert_cmpstr (gj_record_get_text (GJ_RECORD (gj_list_match_get_item (m)), "title"), ==, expect[i]);
      g_assert_cmpint (gj_list_match_get_level (m), ==, levels[i]);
      g_object_get (m, "level", &level, "level-title", &title, NULL);
      g_assert_cmpint (level, ==, levels[i]);
      g_assert_nonnull (title);
    }

  /* The matching view: open needs with how many offers fit. */
  needs = gj_store_list_open_needs (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (needs), ==, 1);
  {
    g_autoptr(GjListMatch) m = g_list_model_get_item (needs, 0);

    g_assert_cmpint (gj_record_get_id (GJ_RECORD (gj_list_match_get_item (m))), ==, gj_record_get_id (need));
    g_assert_cmpuint (gj_list_match_get_n_matches (m), ==, 5);
    g_assert_cmpint (gj_list_match_get_level (m), ==, GJ_MATCH_SAME_GRID);
  }
}

static void
test_claim (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) need = add_item (f, "need", "助老送餐", "为老服务", f->g1, 0);
  g_autoptr(GjRecord) second = add_item (f, "need", "助老理发", "为老服务", f->g2, 0);
  g_autoptr(GjRecord) offer = add_item (f, "service", "爱心食堂", "为老服务", f->g2, 0);
  g_autoptr(GjRecord) spare = add_item (f, "resource", "志愿者队伍", "为老服务", f->g4, 0);
  g_autoptr(GjRecord) n = NULL;
  g_autoptr(GjRecord) r = NULL;
  g_autoptr(GListModel) needs = NULL;
  gint64 changes;

  needs = gj_store_list_open_needs (f->store, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (needs), ==, 2);
  g_clear_object (&needs);

  /* Wrong way round: refused. */
  g_assert_false (gj_store_claim_match (f->store, offer, need, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (gj_store_claim_match (f->store, need, offer, &error));
  g_assert_no_error (error);
  n = gj_store_get (f->store, GJ_TYPE_LIST_ITEM, gj_record_get_id (need), &error);
  r = gj_store_get (f->store, GJ_TYPE_LIST_ITEM, gj_record_get_id (offer), &error);
  g_assert_cmpstr (gj_record_get_text (n, "status"), ==, "matched");
  g_assert_cmpstr (gj_record_get_text (r, "status"), ==, "matched");
  g_assert_cmpint (gj_record_get_int (n, "matched_item_id"), ==, gj_record_get_id (offer));
  g_assert_cmpint (gj_record_get_int (r, "matched_item_id"), ==, gj_record_get_id (need));
  /* The caller's records show it too. */
  g_assert_cmpstr (gj_record_get_text (need, "status"), ==, "matched");
  g_assert_cmpint (gj_record_get_int (offer, "matched_item_id"), ==, gj_record_get_id (need));

  /* Already matched: refused on either side, nothing written. */
  changes = count (f->store, GJ_TYPE_CHANGE);
  g_assert_false (gj_store_claim_match (f->store, second, offer, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "爱心食堂"));
  g_clear_error (&error);
  g_assert_false (gj_store_claim_match (f->store, need, spare, &error));
  g_assert_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f->store, GJ_TYPE_CHANGE), ==, changes);
  {
    g_autoptr(GjRecord) s = gj_store_get (f->store, GJ_TYPE_LIST_ITEM, gj_record_get_id (second), &error);
    g_assert_cmpstr (gj_record_get_text (s, "status"), ==, "offered");
    g_assert_true (gj_record_is_null (s, "matched_item_id"));
  }

  /* The matched need is no longer open; the other one is. */
  needs = gj_store_list_open_needs (f->store, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (needs), ==, 1);
  g_clear_object (&needs);

  /* The partner follows to in progress and done. */
  g_assert_true (gj_store_set_list_item_status (f->store, need, GJ_LIST_ITEM_IN_PROGRESS, &error));
  g_clear_object (&r);
  r = gj_store_get (f->store, GJ_TYPE_LIST_ITEM, gj_record_get_id (offer), &error);
  g_assert_cmpstr (gj_record_get_text (r, "status"), ==, "in_progress");

  /* Releasing a match frees both. */
  {
    g_autoptr(GjRecord) n2 = add_item (f, "need", "助老洗浴", "为老服务", f->g1, 0);
    g_autoptr(GjRecord) r2 = add_item (f, "resource", "洗浴设备", "为老服务", f->g1, 0);

    g_assert_true (gj_store_claim_match (f->store, n2, r2, &error));
    g_assert_true (gj_store_set_list_item_status (f->store, n2, GJ_LIST_ITEM_OFFERED, &error));
    g_assert_no_error (error);
    g_assert_true (gj_record_is_null (n2, "matched_item_id"));
    g_clear_object (&r);
    r = gj_store_get (f->store, GJ_TYPE_LIST_ITEM, gj_record_get_id (r2), &error);
    g_assert_cmpstr (gj_record_get_text (r, "status"), ==, "offered");
    g_assert_true (gj_record_is_null (r, "matched_item_id"));
  }
}

/* The bundled sample shows all of it ------------------------------------- */

static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = NULL;
  g_autofree char *path = g_build_filename (f->dir, "sample.db", NULL);
  g_autoptr(GDate) today = gj_today ();
  g_autoptr(GListModel) agreements = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) needs = NULL;
  g_autoptr(GListModel) due = NULL;
  guint by_status[GJ_AGREEMENT_TERMINATED + 1] = { 0 };
  guint by_list[4][GJ_LIST_ITEM_DONE + 1] = { { 0 } };
  guint chains = 0, evaluated = 0, with_both_sides = 0;
  gboolean same_grid = FALSE, same_community = FALSE;

  store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gj_sample_load (store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  agreements = gj_store_list (store, GJ_TYPE_AGREEMENT, &error);
  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(GjRecord) a = g_list_model_get_item (agreements, i);
      g_autoptr(GListModel) commitments = NULL;
      GjEvaluationSummary summary;
      gboolean unit_side = FALSE, community_side = FALSE;

      by_status[gj_agreement_get_status (GJ_AGREEMENT (a), today)]++;
      if (!gj_record_is_null (a, "previous_id"))
        {
          g_autoptr(GListModel) chain = gj_store_list_agreement_chain (store, a, &error);

          g_assert_cmpuint (g_list_model_get_n_items (chain), >=, 2);
          chains++;
        }
      g_assert_true (gj_store_get_evaluation_summary (store, a, g_date_get_year (today) - 1, &summary, &error));
      if (summary.evaluated)
        {
          g_assert_cmpuint (summary.n_fulfilled, <=, summary.n_total);
          g_assert_cmpfloat (summary.mean_score, >=, 0);
          g_assert_cmpfloat (summary.mean_score, <=, 100);
          evaluated++;
        }
      commitments = gj_store_list_commitments (store, a, &error);
      for (guint k = 0; k < g_list_model_get_n_items (commitments); k++)
        {
          g_autoptr(GjRecord) c = g_list_model_get_item (commitments, k);

          unit_side |= g_strcmp0 (gj_record_get_text (c, "side"), "unit") == 0;
          community_side |= g_strcmp0 (gj_record_get_text (c, "side"), "community") == 0;
        }
      with_both_sides += unit_side && community_side;
    }
  for (guint s = 0; s <= GJ_AGREEMENT_TERMINATED; s++)
    if (by_status[s] == 0)
      g_error ("no %s agreement in the sample", gj_agreement_status_to_string (s));
  g_assert_cmpuint (by_status[GJ_AGREEMENT_EXPIRING], >=, 2);
  g_assert_cmpuint (chains, >=, 1);
  g_assert_cmpuint (evaluated, >=, 5);
  g_assert_cmpuint (with_both_sides, >=, 5);

  items = gj_store_list (store, GJ_TYPE_LIST_ITEM, &error);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GjListItem) item = g_list_model_get_item (items, i);

      by_list[gj_list_item_get_kind (item)][gj_list_item_get_status (item)]++;
    }
  for (guint l = 0; l < 4; l++)
    for (guint s = 0; s <= GJ_LIST_ITEM_DONE; s++)
      if (by_list[l][s] == 0)
        g_error ("no %s item is %s in the sample", gj_list_kind_to_string (l), gj_list_item_status_to_string (s));

  needs = gj_store_list_open_needs (store, TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (needs), >=, 3);
  for (guint i = 0; i < g_list_model_get_n_items (needs); i++)
    {
      g_autoptr(GjListMatch) m = g_list_model_get_item (needs, i);

      same_grid |= gj_list_match_get_level (m) == GJ_MATCH_SAME_GRID;
      same_community |= gj_list_match_get_level (m) == GJ_MATCH_SAME_COMMUNITY;
    }
  g_assert_true (same_grid);
  g_assert_true (same_community);

  due = gj_store_list_due_for_evaluation (store, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (due), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GONGJIAN_TODAY", "2025-06-15", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/units/credit-code", test_credit_code);
  ADD ("/units/unit-place", test_unit_place);
  ADD ("/units/unit-stale", test_unit_stale);
  ADD ("/units/agreement-status-edges", test_agreement_status_edges);
  ADD ("/units/renew", test_renew);
  ADD ("/units/evaluate", test_evaluate);
  ADD ("/units/list-transitions", test_list_transitions);
  ADD ("/units/matching", test_matching);
  ADD ("/units/claim", test_claim);
  ADD ("/units/sample", test_sample);
#undef ADD

  return g_test_run ();
}
