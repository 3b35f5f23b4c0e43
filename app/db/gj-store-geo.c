/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where things are: viewport queries, per-grid counts, outlines. */
#include "config.h"

#include "gj-geometry.h"
#include "gj-store-private.h"
#include "gj-topology.h"

static gboolean
has_field (GType       type,
           const char *name)
{
  g_autoptr(GjRecordClass) klass = g_type_class_ref (type);

  return gj_record_class_find_field (klass, name, NULL) != NULL;
}

GListModel *
gj_store_list_in_bbox (GjStore           *self,
                       GType              type,
                       const GjBBox      *bbox,
                       GjStoreListFlags   flags,
                       GError           **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (bbox != NULL, NULL);

  if (type == GJ_TYPE_GRID)
    sql = gj_store_select_sql_full (type,
                                    "JOIN grid_rtree AS r ON r.id = t.id"
                                    " WHERE r.max_x >= ?1 AND r.min_x <= ?2 AND r.max_y >= ?3 AND r.min_y <= ?4"
                                    " ORDER BY t.id", flags);
  else if (has_field (type, "lon") && has_field (type, "lat"))
    sql = gj_store_select_sql_full (type,
                                    "WHERE t.lon BETWEEN ?1 AND ?2 AND t.lat BETWEEN ?3 AND ?4 ORDER BY t.id",
                                    flags);
  else
    g_return_val_if_reached (NULL);

  if (!gj_store_catch_up_indexes (self, "grid", error))
    return NULL;
  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_double (stmt, 1, bbox->min_x);
  sqlite3_bind_double (stmt, 2, bbox->max_x);
  sqlite3_bind_double (stmt, 3, bbox->min_y);
  sqlite3_bind_double (stmt, 4, bbox->max_y);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, gj_store_record_from_row (type, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  list = g_list_store_new (type);
  g_list_store_splice (list, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

GHashTable *
gj_store_count_by_grid (GjStore  *self,
                        GType     type,
                        GError  **error)
{
  g_autoptr(GjRecordClass) klass = g_type_class_ref (type);
  g_autofree char *sql = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTable *result;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (gj_record_class_find_field (klass, "grid_id", NULL) != NULL, NULL);

  sql = g_strdup_printf ("SELECT grid_id, count(*) FROM %s WHERE grid_id IS NOT NULL GROUP BY grid_id", klass->kind);
  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  result = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (result, key, GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (result);
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return result;
}

gboolean
gj_store_get_extent (GjStore  *self,
                     GjBBox   *extent,
                     GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);

  if (!gj_store_catch_up_indexes (self, "grid", error))
    return FALSE;
  stmt = gj_store_prepare (self,
                           "SELECT min (x0), max (x1), min (y0), max (y1) FROM ("
                           " SELECT min (min_x) AS x0, max (max_x) AS x1, min (min_y) AS y0, max (max_y) AS y1 FROM grid_rtree"
                           " UNION ALL SELECT min (lon), max (lon), min (lat), max (lat) FROM station WHERE lon IS NOT NULL)",
                           error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      extent->min_x = sqlite3_column_double (stmt, 0);
      extent->max_x = sqlite3_column_double (stmt, 1);
      extent->min_y = sqlite3_column_double (stmt, 2);
      extent->max_y = sqlite3_column_double (stmt, 3);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

void
gj_outline_free (GjOutline *outline)
{
  if (outline == NULL)
    return;
  g_free (outline->code);
  g_free (outline->name);
  g_clear_pointer (&outline->geometry, gj_geometry_unref);
  g_free (outline);
}

GPtrArray *
gj_store_dup_outlines (GjStore     *self,
                       const char  *level,
                       GError     **error)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) gj_outline_free);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GListModel) grids = NULL;
  gboolean district = g_strcmp0 (level, "district") == 0;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  grids = gj_store_list (self, GJ_TYPE_GRID, error);
  if (grids == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (grids, i);
      GjGeometry *g = gj_record_get_geometry (grid, "geometry");
      gint64 street = district ? 0 : gj_record_get_int (grid, "street_id");
      GPtrArray *group;

      if (g == NULL || (!district && street == 0))
        continue;
      group = g_hash_table_lookup (groups, &street);
      if (group == NULL)
        {
          gint64 *k = g_new (gint64, 1);

          *k = street;
          group = g_ptr_array_new_with_free_func ((GDestroyNotify) gj_geometry_unref);
          g_hash_table_insert (groups, k, group);
        }
      g_ptr_array_add (group, gj_geometry_ref (g));
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GjOutline *outline = g_new0 (GjOutline, 1);

      outline->id = *(gint64 *) key;
      outline->geometry = gj_topology_union (value, TRUE);
      if (outline->id > 0)
        {
          g_autoptr(GjRecord) street = gj_store_get (self, GJ_TYPE_STREET, outline->id, NULL);

          if (street != NULL)
            {
              outline->code = g_strdup (gj_record_get_text (street, "code"));
              outline->name = g_strdup (gj_record_get_text (street, "name"));
            }
        }
      else
        {
          g_autoptr(GListModel) districts = gj_store_list (self, GJ_TYPE_DISTRICT, NULL);
          g_autoptr(GjRecord) d = districts && g_list_model_get_n_items (districts) > 0
                                  ? g_list_model_get_item (districts, 0) : NULL;

          if (d != NULL)
            {
              outline->code = g_strdup (gj_record_get_text (d, "code"));
              outline->name = g_strdup (gj_record_get_text (d, "name"));
            }
        }
      if (outline->geometry != NULL)
        g_ptr_array_add (outlines, outline);
      else
        gj_outline_free (outline);
    }
  return g_steal_pointer (&outlines);
}
