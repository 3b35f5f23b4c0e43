/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bulk mode: an importer holds one transaction and rolls all of it back on
 * any error, so nested steps need no savepoints; and the full-text and
 * R*Tree rows of the records it inserts are written in one pass instead of
 * by a trigger per row.
 *
 * Why: a row trigger that writes to a virtual table makes every INSERT a
 * statement transaction, and SQLite 3.40's FTS5 writes its pending terms
 * out as a new segment at every statement savepoint — 10,000 inserts make
 * 10,000 tiny segments to merge. Measured on the 10,000 synthetic grids:
 * about 1,000 ms with the triggers, 300 ms with the rows indexed in one
 * INSERT … SELECT each.
 *
 * How: on the first insert into a table in bulk mode, its "<table>_fts_insert"
 * and "<table>_rtree_insert" triggers are dropped inside the transaction and
 * the highest id noted. Before anything could miss the index rows — a query
 * through the index, an update or delete (whose triggers expect the rows),
 * the commit — each dropped trigger's INSERT runs once over the new rows as
 * INSERT … SELECT, and the trigger is created again from its own SQL. A
 * rollback undoes the drop with everything else. The index rows are thus
 * derived from the schema's own triggers: nothing here repeats what the
 * index holds, and a trigger whose shape is not the one INSERT we can replay
 * is left in place.
 */
#include "config.h"

#include <string.h>

#include "gj-store-private.h"

typedef struct
{
  gint64     last_id;     /* rows above it have no index rows yet */
  GPtrArray *create_sql;  /* the dropped triggers, to create again */
  GPtrArray *replay_sql;  /* each one's INSERT over the new rows (?1 = last_id) */
} DeferredIndexes;

static void
deferred_indexes_free (gpointer data)
{
  DeferredIndexes *d = data;

  g_ptr_array_unref (d->create_sql);
  g_ptr_array_unref (d->replay_sql);
  g_free (d);
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

/*
 * Finds @word (an SQL keyword) in @sql from @from on, as a whole word,
 * outside quotes and at parenthesis depth 0. Returns its offset or -1.
 */
static gssize
find_keyword (const char *sql,
              gsize       from,
              const char *word)
{
  gsize len = strlen (word);
  int depth = 0;

  for (gsize i = from; sql[i] != '\0'; i++)
    {
      char c = sql[i];

      if (c == '\'' || c == '"' || c == '`' || c == '[')
        {
          char close = c == '[' ? ']' : c;

          for (i++; sql[i] != '\0' && sql[i] != close; i++)
            ;
          if (sql[i] == '\0')
            return -1;
          continue;
        }
      if (c == '(')
        depth++;
      else if (c == ')')
        depth--;
      else if (depth == 0 && g_ascii_strncasecmp (sql + i, word, len) == 0 &&
               (i == 0 || !is_ident_char (sql[i - 1])) && !is_ident_char (sql[i + len]))
        return i;
    }
  return -1;
}

/* The parenthesised list starting at @open: offset of its closing ')', or -1. */
static gssize
matching_paren (const char *sql,
                gsize       open)
{
  int depth = 0;

  for (gsize i = open; sql[i] != '\0'; i++)
    {
      char c = sql[i];

      if (c == '\'' || c == '"' || c == '`' || c == '[')
        {
          char close = c == '[' ? ']' : c;

          for (i++; sql[i] != '\0' && sql[i] != close; i++)
            ;
          if (sql[i] == '\0')
            return -1;
        }
      else if (c == '(')
        depth++;
      else if (c == ')' && --depth == 0)
        return i;
    }
  return -1;
}

/*
 * "CREATE TRIGGER t AFTER INSERT ON tab [WHEN cond] BEGIN INSERT INTO x [(cols)]
 * VALUES (exprs); END" becomes "INSERT INTO x [(cols)] SELECT exprs FROM tab
 * AS new WHERE new.id > ?1 [AND (cond)] ORDER BY new.id"; NULL for any other
 * shape.
 */
static char *
replay_sql_for (const char *table,
                const char *trigger_sql)
{
  g_autofree char *when = NULL;
  gssize begin, when_at, values, open, close, end;
  const char *body, *p;

  begin = find_keyword (trigger_sql, 0, "BEGIN");
  if (begin < 0)
    return NULL;
  when_at = find_keyword (trigger_sql, 0, "WHEN");
  if (when_at >= 0 && when_at < begin)
    when = g_strstrip (g_strndup (trigger_sql + when_at + 4, begin - when_at - 4));

  body = trigger_sql + begin + 5;
  while (g_ascii_isspace (*body))
    body++;
  if (g_ascii_strncasecmp (body, "INSERT INTO", 11) != 0)
    return NULL;
  values = find_keyword (body, 0, "VALUES");
  if (values < 0)
    return NULL;
  for (open = values + 6; g_ascii_isspace (body[open]); open++)
    ;
  if (body[open] != '(' || (close = matching_paren (body, open)) < 0)
    return NULL;

  /* Exactly one statement, then END. */
  for (p = body + close + 1; g_ascii_isspace (*p); p++)
    ;
  if (*p++ != ';')
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  end = find_keyword (p, 0, "END");
  if (end != 0)
    return NULL;
  for (p += 3; g_ascii_isspace (*p); p++)
    ;
  if (*p != '\0' && *p != ';')
    return NULL;

  return g_strdup_printf ("%.*s SELECT %.*s FROM \"%s\" AS new WHERE new.id > ?1%s%s%s ORDER BY new.id",
                          (int) values, body,
                          (int) (close - open - 1), body + open + 1,
                          table,
                          when ? " AND (" : "", when ? when : "", when ? ")" : "");
}

void
gj_store_set_bulk (GjStore  *self,
                   gboolean  bulk)
{
  g_return_if_fail (GJ_IS_STORE (self));
  g_return_if_fail (!bulk || (self->tx_depth > 0 && self->bulk_depth == 0));
  g_return_if_fail (bulk || self->bulk_depth == 0 || self->tx_depth == self->bulk_depth);

  self->bulk_depth = bulk ? self->tx_depth : 0;
  if (bulk && self->keep_triggers != NULL)
    g_hash_table_remove_all (self->keep_triggers);
  /* A page cache big enough that the import does not spill to the journal. */
  if (!gj_store_exec (self, bulk ? "PRAGMA cache_size = -131072" : "PRAGMA cache_size = -2000", NULL))
    g_warning ("Cannot set the page cache: %s", sqlite3_errmsg (self->db));
}

void
gj_store_defer_indexes (GjStore    *self,
                        const char *table)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) create = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) replay = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  DeferredIndexes *d;
  gint64 last_id = -1;
  int rc;

  if (self->bulk_depth == 0)
    return;
  if (self->deferred != NULL && g_hash_table_contains (self->deferred, table))
    return;
  if (self->keep_triggers != NULL && g_hash_table_contains (self->keep_triggers, table))
    return;
  if (self->deferred != NULL && g_hash_table_size (self->deferred) > 0 && self->deferred_depth != self->bulk_depth)
    return;

  /* Whatever goes wrong here, the triggers stay and do the work. */
  if (self->keep_triggers == NULL)
    self->keep_triggers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->keep_triggers, g_strdup (table));

  stmt = gj_store_prepare (self,
                           "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1"
                           " AND name IN (?1 || '_fts_insert', ?1 || '_rtree_insert') ORDER BY name", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);
      char *r = sql ? replay_sql_for (table, sql) : NULL;

      if (r == NULL)
        continue;
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (create, g_strdup (sql));
      g_ptr_array_add (replay, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE || names->len == 0)
    return;

  {
    g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM \"%s\"", table);

    stmt = gj_store_prepare (self, sql, NULL);
    if (stmt == NULL)
      return;
    if (sqlite3_step (stmt) == SQLITE_ROW)
      last_id = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    if (last_id < 0)
      return;
  }

  d = g_new0 (DeferredIndexes, 1);
  d->last_id = last_id;
  d->create_sql = g_ptr_array_new_with_free_func (g_free);
  d->replay_sql = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (const char *) names->pdata[i]);

      if (!gj_store_exec (self, drop, NULL))
        continue;
      g_ptr_array_add (d->create_sql, g_strdup (create->pdata[i]));
      g_ptr_array_add (d->replay_sql, g_strdup (replay->pdata[i]));
    }
  if (d->create_sql->len == 0)
    {
      deferred_indexes_free (d);
      return;
    }

  if (self->deferred == NULL)
    self->deferred = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, deferred_indexes_free);
  g_hash_table_insert (self->deferred, g_strdup (table), d);
  g_hash_table_remove (self->keep_triggers, table);
  self->deferred_depth = self->bulk_depth;
}

static gboolean
catch_up (GjStore          *self,
          const char       *table,
          DeferredIndexes  *d,
          GError          **error)
{
  for (guint i = 0; i < d->replay_sql->len; i++)
    {
      sqlite3_stmt *stmt = gj_store_prepare (self, d->replay_sql->pdata[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, d->last_id);
      if (!gj_store_step_done (self, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < d->create_sql->len; i++)
    if (!gj_store_exec (self, d->create_sql->pdata[i], error))
      return FALSE;
  return TRUE;
}

gboolean
gj_store_catch_up_indexes (GjStore     *self,
                           const char  *table,
                           GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->deferred == NULL || g_hash_table_size (self->deferred) == 0)
    return TRUE;

  if (table != NULL)
    {
      DeferredIndexes *d = g_hash_table_lookup (self->deferred, table);

      if (d == NULL)
        return TRUE;
      if (!catch_up (self, table, d, error))
        return FALSE;
      /* Updates may follow: its triggers keep the rest of this import. */
      if (self->bulk_depth > 0 && self->keep_triggers != NULL)
        g_hash_table_add (self->keep_triggers, g_strdup (table));
      g_hash_table_remove (self->deferred, table);
      return TRUE;
    }

  g_hash_table_iter_init (&iter, self->deferred);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!catch_up (self, key, value, error))
        return FALSE;
      if (self->bulk_depth > 0 && self->keep_triggers != NULL)
        g_hash_table_add (self->keep_triggers, g_strdup (key));
      g_hash_table_iter_remove (&iter);
    }
  return TRUE;
}

gboolean
gj_store_catch_up_before_end (GjStore  *self,
                              GError  **error)
{
  if (self->deferred == NULL || g_hash_table_size (self->deferred) == 0 ||
      self->tx_depth != self->deferred_depth)
    return TRUE;
  return gj_store_catch_up_indexes (self, NULL, error);
}

void
gj_store_forget_deferred (GjStore *self)
{
  /* Called as the transaction level that dropped the triggers rolls back:
   * SQLite puts them back itself. */
  if (self->deferred != NULL && self->tx_depth <= self->deferred_depth)
    g_hash_table_remove_all (self->deferred);
}
