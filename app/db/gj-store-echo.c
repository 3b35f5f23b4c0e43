/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Read-only queries for the problem wall's page, pins and documents. */
#include "config.h"

#include "gj-echo-entry.h"
#include "gj-store-echo.h"
#include "gj-store-private.h"

void
gj_problem_place_free (GjProblemPlace *place)
{
  if (place == NULL)
    return;
  g_free (place->street_name);
  g_free (place->grid_label);
  g_free (place);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

GHashTable *
gj_store_problem_dup_places (GjStore  *self,
                             GError  **error)
{
  static const char sql[] =
    "SELECT p.id, g.street_id, s.name, coalesce (nullif (g.name, ''), g.code)"
    "  FROM problem p LEFT JOIN grid g ON g.id = p.grid_id"
    "  LEFT JOIN street s ON s.id = g.street_id";
  g_autoptr(GHashTable) places = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  places = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) gj_problem_place_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GjProblemPlace *place = g_new0 (GjProblemPlace, 1);
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      place->street_id = sqlite3_column_int64 (stmt, 1);
      place->street_name = column_dup (stmt, 2);
      place->grid_label = column_dup (stmt, 3);
      g_hash_table_insert (places, key, place);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&places);
}

GArray *
gj_store_problem_dup_pins (GjStore    *self,
                           GDateTime  *now,
                           GError    **error)
{
  /* The grid's middle comes from its bounding box, kept on the row. */
  static const char sql[] =
    "SELECT p.id, p.status, p.deadline,"
    "       coalesce (p.lon, (g.min_x + g.max_x) / 2), coalesce (p.lat, (g.min_y + g.max_y) / 2)"
    "  FROM problem p LEFT JOIN grid g ON g.id = p.grid_id"
    " WHERE (p.lon IS NOT NULL AND p.lat IS NOT NULL) OR g.min_x IS NOT NULL";
  g_autoptr(GArray) pins = g_array_new (FALSE, FALSE, sizeof (GjProblemPin));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      GjProblemStatus s = status ? gj_problem_status_from_string (status) : GJ_PROBLEM_REGISTERED;
      GjProblemPin pin;

      pin.problem_id = sqlite3_column_int64 (stmt, 0);
      pin.colour = gj_problem_colour_for (s, (const char *) sqlite3_column_text (stmt, 2), now);
      pin.lon = sqlite3_column_double (stmt, 3);
      pin.lat = sqlite3_column_double (stmt, 4);
      g_array_append_val (pins, pin);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&pins);
}

void
gj_echo_row_free (GjEchoRow *row)
{
  if (row == NULL)
    return;
  g_clear_object (&row->entry);
  g_clear_object (&row->problem);
  g_free (row->street_name);
  g_free (row);
}

GPtrArray *
gj_store_list_echo (GjStore     *self,
                    gint64       street_id,
                    const char  *from,
                    const char  *to,
                    GError     **error)
{
  static const char sql[] =
    "SELECT e.id, e.problem_id, g.street_id, s.name"
    "  FROM echo_entry e JOIN problem p ON p.id = e.problem_id"
    "  LEFT JOIN grid g ON g.id = p.grid_id LEFT JOIN street s ON s.id = g.street_id"
    " WHERE (?1 = 0 OR g.street_id = ?1)"
    "   AND (?2 IS NULL OR e.published_on >= ?2)"
    "   AND (?3 IS NULL OR e.published_on <= ?3)"
    " ORDER BY s.name IS NULL, s.code, s.name, e.published_on, e.id";
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gj_echo_row_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) streets = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, street_id);
  if (from != NULL)
    sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  if (to != NULL)
    sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  /* Read the ids first: the records are read through the same connection. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 v[3] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };

      g_array_append_vals (ids, v, 3);
      g_ptr_array_add (streets, column_dup (stmt, 3));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < streets->len; i++)
    {
      g_autoptr(GjEchoRow) row = g_new0 (GjEchoRow, 1);
      gint64 *v = &g_array_index (ids, gint64, 3 * i);

      row->entry = gj_store_get (self, GJ_TYPE_ECHO_ENTRY, v[0], error);
      if (row->entry == NULL)
        return NULL;
      row->problem = gj_store_get (self, GJ_TYPE_PROBLEM, v[1], error);
      if (row->problem == NULL)
        return NULL;
      row->street_id = v[2];
      row->street_name = g_strdup (g_ptr_array_index (streets, i));
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  return g_steal_pointer (&rows);
}

GjRecord *
gj_store_problem_dup_echo (GjStore   *self,
                           GjRecord  *problem,
                           GError   **error)
{
  static const char sql[] =
    "SELECT id FROM echo_entry WHERE problem_id = ?1 ORDER BY published_on DESC, id DESC LIMIT 1";
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), NULL);

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, gj_record_get_id (problem));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return id != 0 ? gj_store_get (self, GJ_TYPE_ECHO_ENTRY, id, error) : NULL;
}

char *
gj_store_problem_dup_street_name (GjStore   *self,
                                  GjRecord  *problem,
                                  GError   **error)
{
  static const char sql[] =
    "SELECT s.name FROM grid g JOIN street s ON s.id = g.street_id WHERE g.id = ?1";
  sqlite3_stmt *stmt;
  char *name = NULL;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), NULL);

  if (gj_record_is_null (problem, "grid_id"))
    return NULL;
  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, gj_record_get_int (problem, "grid_id"));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    gj_store_set_error (self, rc, error);
  return name;
}

GStrv
gj_store_problem_dup_categories (GjStore  *self,
                                 GError  **error)
{
  static const char sql[] =
    "SELECT category FROM problem WHERE coalesce (category, '') <> ''"
    " GROUP BY category ORDER BY count (*) DESC, category";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}
