/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The figures of `gongjian-cli stats --json` and the overview: counts per
 * record kind for the district and per street. The JSON layout is part of
 * the CLI contract (DESIGN.md): keys are added, never renamed. */
#include "config.h"

#include "gj-store-private.h"
#include "gj-store-overview.h"
#include "gj-store-problems.h"

static const struct
{
  const char *key;   /* JSON key */
  const char *table;
} totals[] = {
  { "grids", "grid" },
  { "stations", "station" },
  { "units", "unit" },
  { "agreements", "agreement" },
  { "commitments", "commitment" },
  { "list_items", "list_item" },
  { "meetings", "meeting" },
  { "agenda_items", "agenda_item" },
  { "problems", "problem" },
  { "echo_entries", "echo_entry" },
  { "districts", "district" },
  { "streets", "street" },
  { "communities", "community" },
  { "trash", "trash_entry" },
};

/* Per street: the kinds that carry a street link. */
static const struct
{
  const char *key;
  const char *sql;
} per_street[] = {
  { "communities", "SELECT count(*) FROM community WHERE street_id = ?1" },
  { "grids", "SELECT count(*) FROM grid WHERE street_id = ?1" },
  { "stations", "SELECT count(*) FROM station WHERE street_id = ?1" },
  { "units", "SELECT count(*) FROM unit WHERE street_id = ?1" },
  { "agreements", "SELECT count(*) FROM agreement WHERE street_id = ?1" },
  { "meetings", "SELECT count(*) FROM meeting WHERE street_id = ?1" },
  { "problems", "SELECT count(*) FROM problem p WHERE p.grid_id IN (SELECT id FROM grid WHERE street_id = ?1)" },
};

static gboolean
add_count (GjStore      *self,
           JsonBuilder  *b,
           const char   *key,
           const char   *sql,
           gint64        bind,
           GError      **error)
{
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (bind >= 0)
    sqlite3_bind_int64 (stmt, 1, bind);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return gj_store_set_error (self, rc, error);
    }
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

/* "problem_funnel" and "problems_by_colour" of a street (0: all). */
static gboolean
add_problem_figures (GjStore     *self,
                     JsonBuilder *b,
                     gint64       street_id,
                     GError     **error)
{
  GjProblemFunnel funnel;
  gint64 colours[GJ_DEADLINE_GREY + 1];
  static const char *keys[] = { "collected", "on_wall", "resolved", "published", "open", "unsolvable" };
  gint64 values[G_N_ELEMENTS (keys)];

  if (!gj_store_problem_funnel (self, street_id, NULL, NULL, &funnel, error)
      || !gj_store_problem_count_colours (self, street_id, NULL, colours, error))
    return FALSE;
  values[0] = funnel.collected;
  values[1] = funnel.on_wall;
  values[2] = funnel.resolved;
  values[3] = funnel.published;
  values[4] = funnel.open;
  values[5] = funnel.unsolvable;

  json_builder_set_member_name (b, "problem_funnel");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      json_builder_set_member_name (b, keys[i]);
      json_builder_add_int_value (b, values[i]);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "problems_by_colour");
  json_builder_begin_object (b);
  for (int c = 0; c <= GJ_DEADLINE_GREY; c++)
    {
      json_builder_set_member_name (b, gj_deadline_colour_to_string (c));
      json_builder_add_int_value (b, colours[c]);
    }
  json_builder_end_object (b);
  return TRUE;
}

JsonNode *
gj_store_dup_stats (GjStore  *self,
                    GError  **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, gj_store_get_schema_version (self));

  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", totals[i].table);

      if (!add_count (self, b, totals[i].key, sql, -1, error))
        return NULL;
    }
  json_builder_end_object (b);

  stmt = gj_store_prepare (self, "SELECT coalesce (sum (area), 0) FROM grid", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_set_member_name (b, "grid_area_m2");
      json_builder_add_double_value (b, sqlite3_column_double (stmt, 0));
    }
  sqlite3_reset (stmt);

  /* Agreements as they stand today (the status follows from the term). */
  {
    g_autoptr(GListModel) agreements = gj_store_list (self, GJ_TYPE_AGREEMENT, error);
    g_autoptr(GDate) today = gj_today ();
    guint by_status[GJ_AGREEMENT_TERMINATED + 1] = { 0 };

    if (agreements == NULL)
      return NULL;
    for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
      {
        g_autoptr(GjAgreement) a = g_list_model_get_item (agreements, i);

        by_status[gj_agreement_get_status (a, today)]++;
      }
    json_builder_set_member_name (b, "agreements_by_status");
    json_builder_begin_object (b);
    for (guint st = 0; st <= GJ_AGREEMENT_TERMINATED; st++)
      {
        json_builder_set_member_name (b, gj_agreement_status_to_string (st));
        json_builder_add_int_value (b, by_status[st]);
      }
    json_builder_end_object (b);
  }

  /* The problem wall: from matters raised to answers published. */
  if (!add_problem_figures (self, b, 0, error))
    return NULL;

  stmt = gj_store_prepare (self, "SELECT id, code, name FROM street ORDER BY code, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }

  json_builder_set_member_name (b, "by_street");
  json_builder_begin_array (b);
  for (guint s = 0; s < ids->len; s++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, codes->pdata[s]);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, names->pdata[s]);
      for (guint i = 0; i < G_N_ELEMENTS (per_street); i++)
        if (!add_count (self, b, per_street[i].key, per_street[i].sql, g_array_index (ids, gint64, s), error))
          return NULL;
      if (!add_problem_figures (self, b, g_array_index (ids, gint64, s), error))
        return NULL;
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* The district's overview (issue 7), last so the keys above keep
   * coming first. */
  {
    g_autoptr(GjOverview) ov = gj_store_compute_overview (self, GJ_OVERVIEW_DISTRICT, 0, NULL, 0, error);

    if (ov == NULL)
      return NULL;
    json_builder_set_member_name (b, "overview");
    json_builder_add_value (b, gj_overview_to_json (ov));
  }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
