/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The trash: a deleted record is kept as JSON together with every row that
 * belonged to it (ON DELETE CASCADE children, recursively) and every link
 * that pointed at it (ON DELETE SET NULL), so restoring brings the whole
 * picture back. The relations are read from the schema itself, so a table
 * added by a later migration is covered without code here.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gj-store-private.h"

static void
foreign_key_free (gpointer data)
{
  GjForeignKey *fk = data;

  g_free (fk->table);
  g_free (fk->column);
  g_free (fk->parent);
  g_free (fk);
}

/* parent table → GPtrArray of the foreign keys that point at it */
static gboolean
ensure_foreign_keys (GjStore  *self,
                     GError  **error)
{
  sqlite3_stmt *tables;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (self->foreign_keys != NULL)
    return TRUE;

  tables = gj_store_prepare (self,
                             "SELECT name FROM sqlite_master WHERE type = 'table'"
                             " AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'", error);
  if (tables == NULL)
    return FALSE;
  while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (tables, 0)));
  sqlite3_reset (tables);

  self->foreign_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < names->len; i++)
    {
      const char *table = names->pdata[i];
      sqlite3_stmt *fks;
      sqlite3_stmt *info;

      /* The table name comes from sqlite_master, not from a user. */
      fks = gj_store_prepare (self, "SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list (?1)", error);
      if (fks == NULL)
        return FALSE;
      sqlite3_bind_text (fks, 1, table, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (fks)) == SQLITE_ROW)
        {
          GjForeignKey *fk = g_new0 (GjForeignKey, 1);
          GPtrArray *list;

          fk->table = g_strdup (table);
          fk->column = g_strdup ((const char *) sqlite3_column_text (fks, 0));
          fk->parent = g_strdup ((const char *) sqlite3_column_text (fks, 1));
          fk->cascade = g_strcmp0 ((const char *) sqlite3_column_text (fks, 2), "CASCADE") == 0;

          info = gj_store_prepare (self, "SELECT \"notnull\" FROM pragma_table_info (?1) WHERE name = ?2", error);
          if (info != NULL)
            {
              sqlite3_bind_text (info, 1, table, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (info, 2, fk->column, -1, SQLITE_TRANSIENT);
              if (sqlite3_step (info) == SQLITE_ROW)
                fk->not_null = sqlite3_column_int (info, 0) != 0;
              sqlite3_reset (info);
            }
          list = g_hash_table_lookup (self->foreign_keys, fk->parent);
          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (foreign_key_free);
              g_hash_table_insert (self->foreign_keys, g_strdup (fk->parent), list);
            }
          g_ptr_array_add (list, fk);
        }
      sqlite3_reset (fks);
    }
  return TRUE;
}

static void
add_row (GjStore      *self,
         JsonBuilder  *b,
         const char   *table,
         sqlite3_stmt *stmt)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "table");
  json_builder_add_string_value (b, table);
  json_builder_set_member_name (b, "row");
  json_builder_begin_object (b);
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      json_builder_set_member_name (b, sqlite3_column_name (stmt, c));
      switch (sqlite3_column_type (stmt, c))
        {
        case SQLITE_INTEGER:
          json_builder_add_int_value (b, sqlite3_column_int64 (stmt, c));
          break;
        case SQLITE_FLOAT:
          json_builder_add_double_value (b, sqlite3_column_double (stmt, c));
          break;
        case SQLITE_TEXT:
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, c));
          break;
        case SQLITE_BLOB:
          {
            g_autofree char *b64 = g_base64_encode (sqlite3_column_blob (stmt, c), sqlite3_column_bytes (stmt, c));

            json_builder_begin_object (b);
            json_builder_set_member_name (b, "blob");
            json_builder_add_string_value (b, b64);
            json_builder_end_object (b);
          }
          break;
        case SQLITE_NULL:
        default:
          json_builder_add_null_value (b);
          break;
        }
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static gboolean
collect (GjStore     *self,
         const char  *table,
         gint64       id,
         JsonBuilder *rows,
         JsonBuilder *links,
         guint        depth,
         GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?1", table);
  sqlite3_stmt *stmt;
  GPtrArray *fks;
  int rc;

  if (depth > 16)
    return TRUE;

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    add_row (self, rows, table, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? TRUE : gj_store_set_error (self, rc, error);

  fks = g_hash_table_lookup (self->foreign_keys, table);
  for (guint i = 0; fks != NULL && i < fks->len; i++)
    {
      GjForeignKey *fk = fks->pdata[i];
      g_autofree char *child_sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1 ORDER BY id", fk->table, fk->column);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      stmt = gj_store_prepare (self, child_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 child = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, child);
        }
      sqlite3_reset (stmt);

      for (guint k = 0; k < ids->len; k++)
        {
          gint64 child = g_array_index (ids, gint64, k);

          if (fk->cascade)
            {
              if (!collect (self, fk->table, child, rows, links, depth + 1, error))
                return FALSE;
            }
          else
            {
              json_builder_begin_object (links);
              json_builder_set_member_name (links, "table");
              json_builder_add_string_value (links, fk->table);
              json_builder_set_member_name (links, "column");
              json_builder_add_string_value (links, fk->column);
              json_builder_set_member_name (links, "id");
              json_builder_add_int_value (links, child);
              json_builder_set_member_name (links, "value");
              json_builder_add_int_value (links, id);
              json_builder_end_object (links);
            }
        }
    }
  return TRUE;
}

gboolean
gj_store_delete (GjStore   *self,
                 GjRecord  *record,
                 gint64    *trash_id,
                 GError   **error)
{
  const char *kind;
  g_autoptr(JsonBuilder) rows = json_builder_new ();
  g_autoptr(JsonBuilder) links = json_builder_new ();
  g_autoptr(JsonBuilder) payload = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = gj_now_iso8601 ();
  g_autofree char *uuid = gj_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_RECORD (record), FALSE);

  kind = gj_record_get_kind (record);
  id = gj_record_get_id (record);
  /* Deletes cascade into other tables, whose triggers expect their index rows. */
  if (!gj_store_catch_up_indexes (self, NULL, error) || !ensure_foreign_keys (self, error))
    return FALSE;
  if (!gj_store_begin (self, error))
    return FALSE;

  json_builder_begin_array (rows);
  json_builder_begin_array (links);
  if (!collect (self, kind, id, rows, links, 0, error))
    goto fail;
  json_builder_end_array (rows);
  json_builder_end_array (links);

  json_builder_begin_object (payload);
  json_builder_set_member_name (payload, "version");
  json_builder_add_int_value (payload, gj_store_get_schema_version (self));
  json_builder_set_member_name (payload, "rows");
  json_builder_add_value (payload, json_builder_get_root (rows));
  json_builder_set_member_name (payload, "links");
  json_builder_add_value (payload, json_builder_get_root (links));
  json_builder_end_object (payload);
  root = json_builder_get_root (payload);
  json = json_to_string (root, FALSE);

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", kind);
  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!gj_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND, _("The record no longer exists."));
      goto fail;
    }

  stmt = gj_store_prepare (self,
                           "INSERT INTO trash_entry (uuid, created_at, updated_at, kind, record_uuid, label, deleted_at, actor, payload)"
                           " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?2, ?6, ?7)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, gj_record_get_uuid (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, gj_record_get_label (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, json, -1, SQLITE_TRANSIENT);
  if (!gj_store_step_done (self, stmt, error))
    goto fail;
  if (trash_id)
    *trash_id = sqlite3_last_insert_rowid (self->db);

  if (!gj_store_write_change (self, "delete", kind, gj_record_get_uuid (record),
                              gj_record_get_label (record), NULL, error) ||
      !gj_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  gj_store_rollback (self);
  return FALSE;
}

/* A link to a row that was deleted meanwhile becomes NULL, if it may. */
static gboolean
parent_exists (GjStore     *self,
               const char  *parent,
               gint64       id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", parent);
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static GjForeignKey *
find_fk (GjStore    *self,
         const char *table,
         const char *column)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->foreign_keys);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *fks = value;

      for (guint i = 0; i < fks->len; i++)
        {
          GjForeignKey *fk = fks->pdata[i];

          if (strcmp (fk->table, table) == 0 && strcmp (fk->column, column) == 0)
            return fk;
        }
    }
  return NULL;
}

static gboolean
insert_row (GjStore     *self,
            const char  *table,
            JsonObject  *row,
            GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (row);
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  g_autofree char *check = NULL;
  g_autofree char *sql = NULL;
  GString *cols = g_string_new (NULL);
  GString *vals = g_string_new (NULL);
  sqlite3_stmt *stmt;

  /* Only columns the table still has; names come from sqlite_master. */
  check = g_strdup_printf ("SELECT 1 FROM pragma_table_info ('%s') WHERE name = ?1", table);
  for (GList *l = members; l; l = l->next)
    {
      sqlite3_stmt *c = gj_store_prepare (self, check, error);
      gboolean found;

      if (c == NULL)
        {
          g_string_free (cols, TRUE);
          g_string_free (vals, TRUE);
          return FALSE;
        }
      sqlite3_bind_text (c, 1, l->data, -1, SQLITE_TRANSIENT);
      found = sqlite3_step (c) == SQLITE_ROW;
      sqlite3_reset (c);
      if (!found)
        continue;
      g_ptr_array_add (known, l->data);
      g_string_append_printf (cols, "%s\"%s\"", cols->len ? ", " : "", (const char *) l->data);
      g_string_append_printf (vals, "%s?", vals->len ? ", " : "");
    }
  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table, cols->str, vals->str);
  g_string_free (cols, TRUE);
  g_string_free (vals, TRUE);

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < known->len; i++)
    {
      const char *col = known->pdata[i];
      JsonNode *node = json_object_get_member (row, col);
      GjForeignKey *fk = find_fk (self, table, col);
      int index = i + 1;

      if (JSON_NODE_HOLDS_NULL (node))
        sqlite3_bind_null (stmt, index);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          gsize len = 0;
          g_autofree guchar *data = g_base64_decode (json_object_get_string_member (json_node_get_object (node), "blob"), &len);

          sqlite3_bind_blob (stmt, index, data, len, SQLITE_TRANSIENT);
        }
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          gint64 v = json_node_get_int (node);

          if (fk != NULL && !fk->not_null && !parent_exists (self, fk->parent, v))
            sqlite3_bind_null (stmt, index);
          else
            sqlite3_bind_int64 (stmt, index, v);
        }
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        sqlite3_bind_double (stmt, index, json_node_get_double (node));
      else
        sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
    }
  return gj_store_step_done (self, stmt, error);
}

gboolean
gj_store_restore (GjStore   *self,
                  gint64     trash_id,
                  GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *payload = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *record_uuid = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  JsonObject *root;
  JsonArray *rows, *links;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);

  /* Restored rows keep their old ids: the triggers must be in place. */
  if (!gj_store_catch_up_indexes (self, NULL, error) || !ensure_foreign_keys (self, error))
    return FALSE;

  stmt = gj_store_prepare (self, "SELECT kind, record_uuid, label, payload FROM trash_entry WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, trash_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      record_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      label = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      payload = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (payload == NULL)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND, _("The item is no longer in the trash."));
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, payload, -1, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  rows = json_object_get_array_member (root, "rows");
  links = json_object_get_array_member (root, "links");

  if (!gj_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *entry = json_array_get_object_element (rows, i);

      if (!insert_row (self, json_object_get_string_member (entry, "table"),
                       json_object_get_object_member (entry, "row"), error))
        {
          g_prefix_error (error, _("Could not restore “%s”: "), label ? label : record_uuid);
          goto fail;
        }
    }

  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      const char *table = json_object_get_string_member (link, "table");
      const char *column = json_object_get_string_member (link, "column");
      g_autofree char *sql = NULL;

      /* Only names that the schema itself listed as a foreign key. */
      if (find_fk (self, table, column) == NULL)
        continue;
      sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2 AND %s IS NULL", table, column, column);
      stmt = gj_store_prepare (self, sql, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, json_object_get_int_member (link, "value"));
      sqlite3_bind_int64 (stmt, 2, json_object_get_int_member (link, "id"));
      if (!gj_store_step_done (self, stmt, error))
        goto fail;
    }

  stmt = gj_store_prepare (self, "DELETE FROM trash_entry WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, trash_id);
  if (!gj_store_step_done (self, stmt, error) ||
      !gj_store_write_change (self, "restore", kind, record_uuid, label, NULL, error) ||
      !gj_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  gj_store_rollback (self);
  return FALSE;
}
