/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gj-base-resources.h"
#include "gj-geometry.h"
#include "gj-store-private.h"

/* "GJJ1": tells our databases from other SQLite files. */
#define GJ_APPLICATION_ID 0x474A4A31
#define SCHEMA_RESOURCE "/io/github/gongjian/Gongjian/schema/"

static const char *migrations[] = {
  "0001-geography.sql",
  "0002-units-agreements.sql",
  "0003-meetings-problems.sql",
  "0004-trash-log-search.sql",
  "0005-check-exceptions.sql",
  "0006-meeting-agenda.sql",
  "0007-search-two-characters.sql",
  "0008-saved-views.sql",
};

G_DEFINE_TYPE (GjStore, gj_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (gj-store-error-quark, gj_store_error)

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
gj_store_finalize (GObject *object)
{
  GjStore *self = GJ_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->foreign_keys, g_hash_table_unref);
  g_clear_pointer (&self->deferred, g_hash_table_unref);
  g_clear_pointer (&self->keep_triggers, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->actor);
  g_free (self->migration_backup);

  G_OBJECT_CLASS (gj_store_parent_class)->finalize (object);
}

static void
gj_store_class_init (GjStoreClass *klass)
{
  /* Referencing the resource keeps the linker from dropping it (and its
   * registering constructor) out of the static library. */
  g_assert (gj_base_get_resource () != NULL);

  G_OBJECT_CLASS (klass)->finalize = gj_store_finalize;
}

static void
gj_store_init (GjStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->actor = g_strdup (g_get_user_name ());
}

int
gj_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static GjStoreError
code_for_rc (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB: return GJ_STORE_ERROR_NOT_DATABASE;
    case SQLITE_CORRUPT: return GJ_STORE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return GJ_STORE_ERROR_LOCKED;
    case SQLITE_READONLY:
    case SQLITE_PERM: return GJ_STORE_ERROR_READ_ONLY;
    case SQLITE_CONSTRAINT: return GJ_STORE_ERROR_INVALID;
    case SQLITE_INTERRUPT: return GJ_STORE_ERROR_CANCELLED;
    case SQLITE_CANTOPEN: return GJ_STORE_ERROR_NOT_FOUND;
    default: return GJ_STORE_ERROR_FAILED;
    }
}

static void
set_error_for_code (GError     **error,
                    GjStoreError code,
                    const char  *path,
                    const char  *detail)
{
  g_autofree char *name = g_filename_display_name (path ? path : "");

  switch (code)
    {
    case GJ_STORE_ERROR_NOT_DATABASE:
      g_set_error (error, GJ_STORE_ERROR, code,
                   _("“%s” is not a Gongjian database: it is not an SQLite database file. The file was not changed."), name);
      break;
    case GJ_STORE_ERROR_FOREIGN:
      g_set_error (error, GJ_STORE_ERROR, code,
                   _("“%s” is an SQLite database of another program, not a Gongjian database. The file was not changed."), name);
      break;
    case GJ_STORE_ERROR_READ_ONLY:
      g_set_error (error, GJ_STORE_ERROR, code,
                   _("“%s” is read-only: Gongjian needs to write to the database and the folder it is in. Copy it to a folder you can write to, or change its permissions."), name);
      break;
    case GJ_STORE_ERROR_LOCKED:
      g_set_error (error, GJ_STORE_ERROR, code,
                   _("“%s” is locked by another program. Close the other program (or wait for it to finish) and try again."), name);
      break;
    case GJ_STORE_ERROR_CORRUPT:
      g_set_error (error, GJ_STORE_ERROR, code,
                   _("“%s” is damaged and cannot be opened safely (%s). Restore it from a backup; the file was not changed."),
                   name, detail ? detail : _("integrity check failed"));
      break;
    case GJ_STORE_ERROR_TOO_NEW:
      g_set_error (error, GJ_STORE_ERROR, code,
                   _("“%s” was made by a newer version of Gongjian. Update Gongjian to open it."), name);
      break;
    case GJ_STORE_ERROR_NOT_FOUND:
      g_set_error (error, GJ_STORE_ERROR, code, _("“%s” does not exist."), name);
      break;
    case GJ_STORE_ERROR_FAILED:
    case GJ_STORE_ERROR_INVALID:
    case GJ_STORE_ERROR_DUPLICATE:
    case GJ_STORE_ERROR_CANCELLED:
    default:
      g_set_error (error, GJ_STORE_ERROR, code, _("Database error in “%s”: %s"), name, detail ? detail : "");
      break;
    }
}

gboolean
gj_store_set_error (GjStore  *self,
                    int       rc,
                    GError  **error)
{
  GjStoreError code = code_for_rc (rc);
  const char *msg = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  if (code == GJ_STORE_ERROR_INVALID)
    {
      if (strstr (msg, "UNIQUE") != NULL)
        g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_DUPLICATE,
                     _("A record with the same identifier already exists (%s)."), msg);
      else if (strstr (msg, "FOREIGN KEY") != NULL)
        g_set_error (error, GJ_STORE_ERROR, code,
                     _("The record refers to a record that does not exist."));
      else
        g_set_error (error, GJ_STORE_ERROR, code, _("The record breaks a rule of the database: %s"), msg);
      return FALSE;
    }
  if (code == GJ_STORE_ERROR_CANCELLED)
    {
      g_set_error_literal (error, GJ_STORE_ERROR, code, _("Cancelled."));
      return FALSE;
    }
  set_error_for_code (error, code, self->path, msg);
  return FALSE;
}

sqlite3_stmt *
gj_store_prepare (GjStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
gj_store_exec (GjStore     *self,
               const char  *sql,
               GError     **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &msg);

  sqlite3_free (msg);
  if (rc != SQLITE_OK)
    return gj_store_set_error (self, rc, error);
  return TRUE;
}

gboolean
gj_store_exec_for_test (GjStore     *self,
                        const char  *sql,
                        GError     **error)
{
  return gj_store_exec (self, sql, error);
}

gboolean
gj_store_step_done (GjStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gint64
query_int (GjStore     *self,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, error);
  gint64 v = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      v = -1;
    }
  sqlite3_reset (stmt);
  return v;
}

/* A copy of the file taken with SQLite's backup API, so a WAL is included. */
static gboolean
copy_database (sqlite3     *src,
               const char  *dest,
               GError     **error)
{
  sqlite3 *out = NULL;
  g_autoptr(GError) local_error = NULL;
  int rc = sqlite3_open_v2 (dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc != SQLITE_OK || !gj_store_copy_pages (out, src, NULL, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_filename_display_name (dest);

      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_FAILED, _("Could not copy the database to “%s”: %s"),
                   name, local_error ? local_error->message : sqlite3_errstr (rc));
      sqlite3_close_v2 (out);
      g_unlink (dest);
      return FALSE;
    }
  sqlite3_close_v2 (out);
  return TRUE;
}

static gboolean
run_migration (GjStore     *self,
               int          version,
               GError     **error)
{
  g_autofree char *res = g_strconcat (SCHEMA_RESOURCE, migrations[version - 1], NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (res, 0, error);
  g_autofree char *sql = NULL;
  g_autofree char *pragma = NULL;

  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;", version, GJ_APPLICATION_ID);

  if (!gj_store_begin (self, error))
    return FALSE;
  if (!gj_store_exec (self, sql, error) || !gj_store_exec (self, pragma, error) ||
      !gj_store_commit (self, error))
    {
      gj_store_rollback (self);
      g_prefix_error (error, _("Upgrading the database to version %d failed: "), version);
      return FALSE;
    }
  self->schema_version = version;
  return TRUE;
}

static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("GONGJIAN_BUSY_TIMEOUT_MS");

  return env ? (int) g_ascii_strtoll (env, NULL, 10) : 5000;
}

/* Everything that can be learned without writing a byte. */
static gboolean
check_file (const char        *path,
            GjStoreOpenFlags   flags,
            gboolean          *exists,
            GError           **error)
{
  struct stat st;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_stat (path, &st) != 0)
    {
      *exists = FALSE;
      if (!(flags & GJ_STORE_OPEN_CREATE))
        {
          set_error_for_code (error, GJ_STORE_ERROR_NOT_FOUND, path, NULL);
          return FALSE;
        }
      if (g_mkdir_with_parents (dir, 0700) != 0 || access (dir, W_OK) != 0)
        {
          set_error_for_code (error, GJ_STORE_ERROR_READ_ONLY, path, NULL);
          return FALSE;
        }
      return TRUE;
    }

  *exists = TRUE;
  if (!S_ISREG (st.st_mode))
    {
      set_error_for_code (error, GJ_STORE_ERROR_NOT_DATABASE, path, NULL);
      return FALSE;
    }

  if (st.st_size > 0)
    {
      char header[16] = { 0 };
      FILE *f = g_fopen (path, "rb");
      gsize n = 0;

      if (f != NULL)
        {
          n = fread (header, 1, sizeof header, f);
          fclose (f);
        }
      if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
        {
          set_error_for_code (error, GJ_STORE_ERROR_NOT_DATABASE, path, NULL);
          return FALSE;
        }
    }

  /* access() says yes to root for any file; the mode bits say what was meant. */
  if (access (path, W_OK) != 0 || (st.st_mode & 0222) == 0 || access (dir, W_OK) != 0)
    {
      set_error_for_code (error, GJ_STORE_ERROR_READ_ONLY, path, NULL);
      return FALSE;
    }
  return TRUE;
}

static GjStore *
open_store (const char        *path,
            GjStoreOpenFlags   flags,
            int                max_version,
            GError           **error)
{
  g_autoptr(GjStore) self = NULL;
  gboolean exists = FALSE;
  gint64 n_tables, app_id, version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_file (path, flags, &exists, error))
    return NULL;

  self = g_object_new (GJ_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOFOLLOW,
                        NULL);
  if (rc != SQLITE_OK)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());

  /* Reading the schema finds files that only look like SQLite. */
  n_tables = query_int (self, "SELECT count(*) FROM sqlite_master", error);
  if (n_tables < 0)
    return NULL;

  if (exists && n_tables > 0)
    {
      sqlite3_stmt *stmt = gj_store_prepare (self, "PRAGMA quick_check(1)", error);
      const char *result;

      if (stmt == NULL)
        return NULL;
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          gj_store_set_error (self, rc, error);
          return NULL;
        }
      result = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (result, "ok") != 0)
        {
          g_autofree char *detail = g_strdup (result);

          sqlite3_reset (stmt);
          set_error_for_code (error, GJ_STORE_ERROR_CORRUPT, path, detail);
          return NULL;
        }
      sqlite3_reset (stmt);
    }

  app_id = query_int (self, "PRAGMA application_id", error);
  version = query_int (self, "PRAGMA user_version", error);
  if (app_id < 0 || version < 0)
    return NULL;

  if ((version == 0 && n_tables > 0) || (version > 0 && app_id != GJ_APPLICATION_ID))
    {
      set_error_for_code (error, GJ_STORE_ERROR_FOREIGN, path, NULL);
      return NULL;
    }
  if (version > gj_store_get_latest_schema_version ())
    {
      set_error_for_code (error, GJ_STORE_ERROR_TOO_NEW, path, NULL);
      return NULL;
    }
  self->schema_version = (int) version;

  if (!gj_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", error))
    return NULL;

  if (max_version < 0)
    max_version = gj_store_get_latest_schema_version ();

  /* Keep a copy of a database a migration is about to change. */
  if (version > 0 && version < max_version)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

      self->migration_backup = g_strdup_printf ("%s.v%d-%s.bak", path, (int) version, stamp);
      if (!copy_database (self->db, self->migration_backup, error))
        return NULL;
    }

  for (int v = (int) version + 1; v <= max_version; v++)
    if (!run_migration (self, v, error))
      return NULL;

  return g_steal_pointer (&self);
}

GjStore *
gj_store_open (const char        *path,
               GjStoreOpenFlags   flags,
               GError           **error)
{
  return open_store (path, flags, -1, error);
}

GjStore *
gj_store_open_at_version (const char  *path,
                          int          max_version,
                          GError     **error)
{
  return open_store (path, GJ_STORE_OPEN_CREATE, max_version, error);
}

const char *
gj_store_get_path (GjStore *self)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  return self->path;
}

const char *
gj_store_get_migration_backup (GjStore *self)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  return self->migration_backup;
}

int
gj_store_get_schema_version (GjStore *self)
{
  g_return_val_if_fail (GJ_IS_STORE (self), 0);
  return self->schema_version;
}

void
gj_store_set_actor (GjStore    *self,
                    const char *actor)
{
  g_return_if_fail (GJ_IS_STORE (self));
  g_free (self->actor);
  self->actor = g_strdup (actor);
}

char *
gj_store_dup_default_path (void)
{
  const char *env = g_getenv ("GONGJIAN_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "gongjian", "gongjian.db", NULL);
}

/* Transactions ------------------------------------------------------------ */

/* Savepoints come and go per record: prepared once, not parsed each time. */
static gboolean
exec_prepared (GjStore     *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, error);

  return stmt != NULL && gj_store_step_done (self, stmt, error);
}

gboolean
gj_store_begin (GjStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);

  if (self->bulk_depth > 0 && self->tx_depth >= self->bulk_depth)
    {
      self->tx_depth++;
      return TRUE;
    }
  if (self->tx_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT gj%u", self->tx_depth);
  if (!exec_prepared (self, sql, error))
    return FALSE;
  self->tx_depth++;
  return TRUE;
}

gboolean
gj_store_commit (GjStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->bulk_depth > 0 && self->tx_depth > self->bulk_depth)
    {
      self->tx_depth--;
      return TRUE;
    }
  if (!gj_store_catch_up_before_end (self, error))
    return FALSE;
  if (self->tx_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE gj%u", self->tx_depth - 1);
  if (!exec_prepared (self, sql, error))
    return FALSE;
  self->tx_depth--;
  return TRUE;
}

void
gj_store_rollback (GjStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (GJ_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  /* Bulk: the caller rolls back the outer transaction. */
  if (self->bulk_depth > 0 && self->tx_depth > self->bulk_depth)
    {
      self->tx_depth--;
      return;
    }
  gj_store_forget_deferred (self);
  if (self->tx_depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO gj%u; RELEASE gj%u", self->tx_depth - 1, self->tx_depth - 1);
  if (!gj_store_exec (self, sql, NULL))
    g_warning ("Rollback failed: %s", sqlite3_errmsg (self->db));
  self->tx_depth--;
}

/* Records ------------------------------------------------------------------ */

static gboolean
has_geometry (GjRecordClass *klass)
{
  for (guint i = 0; i < klass->n_fields; i++)
    if (klass->fields[i].type == GJ_FIELD_GEOMETRY)
      return TRUE;
  return FALSE;
}

char *
gj_store_select_sql (GType       type,
                     const char *where)
{
  return gj_store_select_sql_full (type, where, GJ_STORE_LIST_DEFAULT);
}

char *
gj_store_select_sql_full (GType             type,
                          const char       *where,
                          GjStoreListFlags  flags)
{
  g_autoptr(GjRecordClass) klass = g_type_class_ref (type);
  GString *sql = g_string_new ("SELECT t.id, t.uuid, t.created_at, t.updated_at");

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GjField *f = &klass->fields[i];

      if (f->flags & GJ_FIELD_FLAG_DERIVED)
        g_string_append_printf (sql, ", %s", f->sql);
      else if (f->type == GJ_FIELD_GEOMETRY && (flags & GJ_STORE_LIST_NO_GEOMETRY))
        g_string_append (sql, ", NULL");
      else
        g_string_append_printf (sql, ", t.%s", f->name);
    }
  g_string_append_printf (sql, " FROM %s AS t", klass->kind);
  if (where != NULL)
    g_string_append_printf (sql, " %s", where);
  return g_string_free (sql, FALSE);
}

GjRecord *
gj_store_record_from_row (GType         type,
                          sqlite3_stmt *stmt)
{
  GjRecord *record = g_object_new (type, NULL);
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (record);

  gj_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  gj_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, 1));
  /* Nobody watches a record being read yet: no notifications. */
  gj_record_set_times (record, (const char *) sqlite3_column_text (stmt, 2),
                       (const char *) sqlite3_column_text (stmt, 3));

  for (guint i = 0; i < klass->n_fields; i++)
    {
      int col = 4 + i;
      GValue v = G_VALUE_INIT;

      if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
        continue;

      switch (klass->fields[i].type)
        {
        case GJ_FIELD_TEXT:
          g_value_init (&v, G_TYPE_STRING);
          g_value_set_string (&v, (const char *) sqlite3_column_text (stmt, col));
          break;
        case GJ_FIELD_INT:
          g_value_init (&v, G_TYPE_INT64);
          g_value_set_int64 (&v, sqlite3_column_int64 (stmt, col));
          break;
        case GJ_FIELD_REAL:
          g_value_init (&v, G_TYPE_DOUBLE);
          g_value_set_double (&v, sqlite3_column_double (stmt, col));
          break;
        case GJ_FIELD_BOOL:
          g_value_init (&v, G_TYPE_BOOLEAN);
          g_value_set_boolean (&v, sqlite3_column_int (stmt, col) != 0);
          break;
        case GJ_FIELD_GEOMETRY:
          {
            GjGeometry *g = gj_geometry_new_from_bytes (sqlite3_column_blob (stmt, col),
                                                        sqlite3_column_bytes (stmt, col));
            if (g == NULL)
              continue;
            g_value_init (&v, GJ_TYPE_GEOMETRY);
            g_value_take_boxed (&v, g);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      gj_record_init_value (record, i, &v);
    }
  return record;
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const GValue *v)
{
  if (!G_IS_VALUE (v))
    sqlite3_bind_null (stmt, index);
  else if (G_VALUE_HOLDS_STRING (v))
    sqlite3_bind_text (stmt, index, g_value_get_string (v), -1, SQLITE_TRANSIENT);
  else if (G_VALUE_HOLDS_INT64 (v))
    sqlite3_bind_int64 (stmt, index, g_value_get_int64 (v));
  else if (G_VALUE_HOLDS_DOUBLE (v))
    sqlite3_bind_double (stmt, index, g_value_get_double (v));
  else if (G_VALUE_HOLDS_BOOLEAN (v))
    sqlite3_bind_int (stmt, index, g_value_get_boolean (v));
  else if (G_VALUE_HOLDS (v, GJ_TYPE_GEOMETRY))
    {
      g_autoptr(GBytes) bytes = gj_geometry_to_bytes (g_value_get_boxed (v));

      sqlite3_bind_blob (stmt, index, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), SQLITE_TRANSIENT);
    }
  else
    g_assert_not_reached ();
}

/* Binds the stored fields from @first on, then the bounding box if any. */
static int
bind_fields (sqlite3_stmt *stmt,
             GjRecord     *record,
             int           first)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (record);
  int index = first;
  GjGeometry *geometry = NULL;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GjField *f = &klass->fields[i];
      const GValue *v;

      if (f->flags & GJ_FIELD_FLAG_DERIVED)
        continue;
      v = gj_record_peek_value (record, i);
      bind_value (stmt, index++, v);
      if (f->type == GJ_FIELD_GEOMETRY && G_IS_VALUE (v))
        geometry = g_value_get_boxed (v);
    }

  if (has_geometry (klass))
    {
      if (geometry != NULL && gj_geometry_get_n_points (geometry) > 0)
        {
          GjBBox b = gj_geometry_get_bbox (geometry);

          sqlite3_bind_double (stmt, index++, b.min_x);
          sqlite3_bind_double (stmt, index++, b.max_x);
          sqlite3_bind_double (stmt, index++, b.min_y);
          sqlite3_bind_double (stmt, index++, b.max_y);
        }
      else
        for (int k = 0; k < 4; k++)
          sqlite3_bind_null (stmt, index++);
    }
  return index;
}

static gboolean
is_blank (const char *s)
{
  for (; s && *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static gboolean
check_rules (GjRecord  *record,
                GError   **error)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (record);
  g_autoptr(GError) local_error = NULL;

  if (klass->validate != NULL && !klass->validate (record, &local_error))
    {
      g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GjField *f = &klass->fields[i];
      const GValue *v = gj_record_peek_value (record, i);

      if ((f->flags & GJ_FIELD_FLAG_DATE) && G_IS_VALUE (v) && g_value_get_string (v) != NULL)
        {
          g_autofree char *iso = gj_date_normalize (g_value_get_string (v));

          if (iso == NULL || strcmp (iso, g_value_get_string (v)) != 0)
            {
              g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID,
                           _("The field “%s” holds “%s”, which is not a date (YYYY-MM-DD)."),
                           f->label ? _(f->label) : f->name, g_value_get_string (v));
              return FALSE;
            }
        }
      if (!(f->flags & GJ_FIELD_FLAG_REQUIRED))
        continue;
      if (!G_IS_VALUE (v) || (G_VALUE_HOLDS_STRING (v) && is_blank (g_value_get_string (v))))
        {
          g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID,
                       _("The field “%s” must not be empty."), f->label ? _(f->label) : f->name);
          return FALSE;
        }
    }
  return TRUE;
}

static const char *
insert_sql (GjRecordClass *klass,
            GHashTable    *cache)
{
  const char *sql = g_hash_table_lookup (cache, klass->kind);
  GString *cols, *vals;

  if (sql != NULL)
    return sql;

  cols = g_string_new ("uuid, created_at, updated_at");
  vals = g_string_new ("?, ?, ?");
  for (guint i = 0; i < klass->n_fields; i++)
    if (!(klass->fields[i].flags & GJ_FIELD_FLAG_DERIVED))
      {
        g_string_append_printf (cols, ", %s", klass->fields[i].name);
        g_string_append (vals, ", ?");
      }
  if (has_geometry (klass))
    {
      g_string_append (cols, ", min_x, max_x, min_y, max_y");
      g_string_append (vals, ", ?, ?, ?, ?");
    }
  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", klass->kind, cols->str, vals->str);
  g_string_free (cols, TRUE);
  g_string_free (vals, TRUE);
  g_hash_table_insert (cache, (gpointer) klass->kind, (gpointer) sql);
  return sql;
}

static const char *
update_sql (GjRecordClass *klass,
            GHashTable    *cache)
{
  const char *sql = g_hash_table_lookup (cache, klass->kind);
  GString *set;

  if (sql != NULL)
    return sql;

  set = g_string_new ("updated_at = ?1");
  for (guint i = 0; i < klass->n_fields; i++)
    if (!(klass->fields[i].flags & GJ_FIELD_FLAG_DERIVED))
      g_string_append_printf (set, ", %s = ?", klass->fields[i].name);
  if (has_geometry (klass))
    g_string_append (set, ", min_x = ?, max_x = ?, min_y = ?, max_y = ?");
  sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?", klass->kind, set->str);
  g_string_free (set, TRUE);
  g_hash_table_insert (cache, (gpointer) klass->kind, (gpointer) sql);
  return sql;
}

/* The change log and the trash are written by the store itself. */
static gboolean
is_bookkeeping (GjRecord *record)
{
  return GJ_IS_CHANGE (record) || GJ_IS_TRASH_ENTRY (record);
}

gboolean
gj_store_write_change (GjStore     *self,
                       const char  *action,
                       const char  *kind,
                       const char  *record_uuid,
                       const char  *label,
                       const char  *detail,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *now = gj_now_iso8601 ();
  g_autofree char *uuid = gj_uuid_new ();

  stmt = gj_store_prepare (self,
                           "INSERT INTO change (uuid, created_at, updated_at, at, actor, action, kind, record_uuid, label, detail)"
                           " VALUES (?1, ?2, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, record_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, detail, -1, SQLITE_TRANSIENT);
  return gj_store_step_done (self, stmt, error);
}

gboolean
gj_store_log (GjStore     *self,
              const char  *action,
              const char  *kind,
              const char  *label,
              const char  *detail,
              GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  return gj_store_write_change (self, action, kind, NULL, label, detail, error);
}

gboolean
gj_store_insert (GjStore   *self,
                 GjRecord  *record,
                 GError   **error)
{
  static GHashTable *cache;
  GjRecordClass *klass;
  sqlite3_stmt *stmt;
  g_autofree char *now = gj_now_iso8601 ();
  gint64 id;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_RECORD (record), FALSE);
  g_return_val_if_fail (!is_bookkeeping (record), FALSE);

  klass = GJ_RECORD_GET_CLASS (record);
  if (klass->prepare_write)
    klass->prepare_write (record);
  if (!check_rules (record, error) || !gj_store_place_by_point (self, record, error))
    return FALSE;

  if (gj_record_get_uuid (record) == NULL)
    {
      g_autofree char *uuid = gj_uuid_new ();
      gj_record_set_uuid (record, uuid);
    }

  G_LOCK_DEFINE_STATIC (cache);
  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  stmt = gj_store_prepare (self, insert_sql (klass, cache), error);
  G_UNLOCK (cache);
  if (stmt == NULL)
    return FALSE;

  if (!gj_store_begin (self, error))
    return FALSE;
  gj_store_defer_indexes (self, klass->kind);

  sqlite3_bind_text (stmt, 1, gj_record_get_uuid (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, gj_record_get_created_at (record) ? gj_record_get_created_at (record) : now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  bind_fields (stmt, record, 4);

  if (!gj_store_step_done (self, stmt, error))
    {
      gj_store_rollback (self);
      return FALSE;
    }
  id = sqlite3_last_insert_rowid (self->db);
  if (!gj_store_write_change (self, "insert", klass->kind, gj_record_get_uuid (record),
                              gj_record_get_label (record), NULL, error) ||
      !gj_store_commit (self, error))
    {
      gj_store_rollback (self);
      return FALSE;
    }

  gj_record_set_id (record, id);
  gj_record_set_times (record, gj_record_get_created_at (record) ? gj_record_get_created_at (record) : now, now);
  return TRUE;
}

static void
add_json_value (JsonBuilder  *b,
                const GValue *v)
{
  if (!G_IS_VALUE (v))
    json_builder_add_null_value (b);
  else if (G_VALUE_HOLDS_STRING (v))
    json_builder_add_string_value (b, g_value_get_string (v));
  else if (G_VALUE_HOLDS_INT64 (v))
    json_builder_add_int_value (b, g_value_get_int64 (v));
  else if (G_VALUE_HOLDS_DOUBLE (v))
    json_builder_add_double_value (b, g_value_get_double (v));
  else if (G_VALUE_HOLDS_BOOLEAN (v))
    json_builder_add_boolean_value (b, g_value_get_boolean (v));
  else
    json_builder_add_string_value (b, "…");
}

gboolean
gj_store_update (GjStore   *self,
                 GjRecord  *record,
                 GError   **error)
{
  static GHashTable *cache;
  GjRecordClass *klass;
  g_autoptr(GjRecord) old = NULL;
  g_autoptr(JsonBuilder) diff = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *now = gj_now_iso8601 ();
  sqlite3_stmt *stmt;
  guint n_changed = 0;
  int last;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_RECORD (record), FALSE);
  g_return_val_if_fail (gj_record_get_id (record) > 0, FALSE);

  klass = GJ_RECORD_GET_CLASS (record);
  if (klass->prepare_write)
    klass->prepare_write (record);
  if (!check_rules (record, error) || !gj_store_place_by_point (self, record, error))
    return FALSE;
  /* Its update triggers expect the index rows of what bulk mode inserted. */
  if (!gj_store_catch_up_indexes (self, klass->kind, error))
    return FALSE;

  old = gj_store_get (self, G_OBJECT_TYPE (record), gj_record_get_id (record), error);
  if (old == NULL)
    return FALSE;
  /* An update by id (an import matching a code) takes the stored UUID. */
  if (gj_record_get_uuid (record) == NULL)
    gj_record_set_uuid (record, gj_record_get_uuid (old));

  diff = json_builder_new ();
  json_builder_begin_object (diff);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GjField *f = &klass->fields[i];

      if (f->flags & GJ_FIELD_FLAG_DERIVED || gj_record_equal_values (old, record, f->name))
        continue;
      n_changed++;
      json_builder_set_member_name (diff, f->name);
      json_builder_begin_array (diff);
      add_json_value (diff, gj_record_peek_value (old, i));
      add_json_value (diff, gj_record_peek_value (record, i));
      json_builder_end_array (diff);
    }
  json_builder_end_object (diff);

  if (n_changed == 0)
    return TRUE;

  root = json_builder_get_root (diff);
  detail = json_to_string (root, FALSE);

  G_LOCK_DEFINE_STATIC (cache);
  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  stmt = gj_store_prepare (self, update_sql (klass, cache), error);
  G_UNLOCK (cache);
  if (stmt == NULL)
    return FALSE;

  if (!gj_store_begin (self, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  last = bind_fields (stmt, record, 2);
  sqlite3_bind_int64 (stmt, last, gj_record_get_id (record));

  if (!gj_store_step_done (self, stmt, error) ||
      !gj_store_write_change (self, "update", klass->kind, gj_record_get_uuid (record),
                              gj_record_get_label (record), detail, error) ||
      !gj_store_commit (self, error))
    {
      gj_store_rollback (self);
      return FALSE;
    }
  gj_record_set_times (record, gj_record_get_created_at (old), now);
  return TRUE;
}

static GjRecord *
get_one (GjStore     *self,
         GType        type,
         const char  *where,
         const char  *text,
         gint64       number,
         GError     **error)
{
  g_autofree char *sql = gj_store_select_sql (type, where);
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, error);
  GjRecord *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = gj_store_record_from_row (type, stmt);
  else if (rc != SQLITE_DONE)
    gj_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return record;
}

/* One record that must exist: NOT_FOUND when it does not. */
static GjRecord *
get_existing (GjStore     *self,
              GType        type,
              const char  *where,
              const char  *text,
              gint64       number,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GjRecord *record = get_one (self, type, where, text, number, &local_error);

  if (record == NULL && local_error == NULL)
    g_set_error (&local_error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND,
                 _("The record no longer exists."));
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return record;
}

GjRecord *
gj_store_get (GjStore     *self,
              GType        type,
              gint64       id,
              GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  return get_existing (self, type, "WHERE t.id = ?1", NULL, id, error);
}

GjRecord *
gj_store_get_by_uuid (GjStore     *self,
                      GType        type,
                      const char  *uuid,
                      GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  return get_existing (self, type, "WHERE t.uuid = ?1", uuid, 0, error);
}

GjRecord *
gj_store_find_by_code (GjStore     *self,
                       GType        type,
                       const char  *code,
                       GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  if (code == NULL)
    return NULL;
  return get_one (self, type, "WHERE t.code = ?1 ORDER BY t.id LIMIT 1", code, 0, error);
}

static GListModel *
list_query_full (GjStore           *self,
                 GType              type,
                 const char        *where,
                 const GValue      *value,
                 GjStoreListFlags   flags,
                 GError           **error)
{
  g_autofree char *sql = gj_store_select_sql_full (type, where, flags);
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, error);
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GPtrArray) items = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (value != NULL)
    bind_value (stmt, 1, value);

  items = g_ptr_array_new_with_free_func (g_object_unref);
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

static GListModel *
list_query (GjStore       *self,
            GType          type,
            const char    *where,
            const GValue  *value,
            GError       **error)
{
  return list_query_full (self, type, where, value, GJ_STORE_LIST_DEFAULT, error);
}

GListModel *
gj_store_list (GjStore  *self,
               GType     type,
               GError  **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  return list_query (self, type, "ORDER BY t.id", NULL, error);
}

GListModel *
gj_store_list_where (GjStore       *self,
                     GType          type,
                     const char    *field,
                     const GValue  *value,
                     GError       **error)
{
  g_autoptr(GjRecordClass) klass = g_type_class_ref (type);
  const GjField *f;
  g_autofree char *where = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  /* The column name comes from the static field table, never from the caller's text. */
  f = gj_record_class_find_field (klass, field, NULL);
  g_return_val_if_fail (f != NULL && !(f->flags & GJ_FIELD_FLAG_DERIVED), NULL);
  where = g_strdup_printf ("WHERE t.%s = ?1 ORDER BY t.id", f->name);
  return list_query (self, type, where, value, error);
}

static gboolean
kind_has_fts (const char *kind)
{
  static const char *kinds[] = { "grid", "station", "unit", "agreement", "meeting", "problem" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i], kind) == 0)
      return TRUE;
  return FALSE;
}

/* "%text%" for LIKE; with @escape, its own % _ \\ escaped for ESCAPE '\\'. */
static char *
like_pattern (const char *text,
              gboolean    escape)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (escape && (*p == '%' || *p == '_' || *p == '\\'))
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* More trigrams than this begin with the characters: scan instead. */
#define SEARCH_MAX_TRIGRAMS 1000

/* The FTS5 match expression of the trigrams in @kind's index that begin
 * with @text (one or two characters): every place the characters stand,
 * since every text ends with a space. "" when there are none; NULL with
 * @too_many set when there are too many to list. */
static char *
trigram_match (GjStore     *self,
               const char  *kind,
               const char  *text,
               gboolean    *too_many,
               GError     **error)
{
  g_autofree char *create = g_strdup_printf ("CREATE VIRTUAL TABLE IF NOT EXISTS temp.%s_fts_vocab"
                                             " USING fts5vocab (main, %s_fts, row)", kind, kind);
  g_autofree char *select = g_strdup_printf ("SELECT term FROM temp.%s_fts_vocab WHERE term >= ?1 AND term < ?2"
                                             " LIMIT %d", kind, SEARCH_MAX_TRIGRAMS + 1);
  g_autofree char *folded = g_utf8_strdown (text, -1);
  g_autofree char *end = NULL;
  GString *match = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  *too_many = FALSE;
  if (!gj_store_exec (self, create, error) || (stmt = gj_store_prepare (self, select, error)) == NULL)
    {
      g_string_free (match, TRUE);
      return NULL;
    }
  /* Every term that begins with @folded sorts from it to it + U+10FFFF. */
  end = g_strconcat (folded, "\xf4\x8f\xbf\xbf", NULL);
  sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n <= SEARCH_MAX_TRIGRAMS)
    {
      const char *term = (const char *) sqlite3_column_text (stmt, 0);

      if (n++ > 0)
        g_string_append (match, " OR ");
      g_string_append_c (match, '"');
      for (const char *p = term; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append_c (match, '"');
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_string_free (match, TRUE);
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  if (n > SEARCH_MAX_TRIGRAMS)
    {
      *too_many = TRUE;
      g_string_free (match, TRUE);
      return NULL;
    }
  return g_string_free (match, FALSE);
}

/* How the search finds @text in @kind's trigram index, with what to bind
 * to ?1. The index answers LIKE for three characters or more — but not
 * with an ESCAPE clause, which scans every row — and no rows at all for
 * fewer: one or two characters are matched through the trigrams that
 * begin with them. A pattern with its own % or _, or too common a pair,
 * falls back to scanning the texts. */
static char *
search_condition (GjStore     *self,
                  const char  *kind,
                  const char  *text,
                  char       **bound,
                  GError     **error)
{
  glong length = g_utf8_strlen (text, -1);
  gboolean wildcards = strpbrk (text, "%_") != NULL;

  if (length >= 3 && !wildcards)
    {
      *bound = like_pattern (text, FALSE);
      return g_strdup_printf ("t.id IN (SELECT rowid FROM %s_fts WHERE text LIKE ?1)", kind);
    }
  /* Every search text ends with a space (0007-search-two-characters.sql). */
  if (!wildcards)
    {
      gboolean too_many;
      g_autofree char *match = trigram_match (self, kind, text, &too_many, error);

      if (match == NULL && !too_many)
        return NULL;
      if (match != NULL && *match == '\0')
        {
          *bound = g_strdup ("");
          return g_strdup ("?1 IS NULL");
        }
      if (match != NULL)
        {
          *bound = g_steal_pointer (&match);
          return g_strdup_printf ("t.id IN (SELECT rowid FROM %s_fts WHERE %s_fts MATCH ?1)", kind, kind);
        }
    }
  *bound = like_pattern (text, TRUE);
  return g_strdup_printf ("t.id IN (SELECT rowid FROM %s_fts WHERE text LIKE ?1 ESCAPE '\\')", kind);
}

GListModel *
gj_store_search (GjStore     *self,
                 GType        type,
                 const char  *text,
                 GError     **error)
{
  return gj_store_list_full (self, type, text, GJ_STORE_LIST_DEFAULT, error);
}

GListModel *
gj_store_list_range (GjStore           *self,
                     GType              type,
                     const char        *text,
                     GjStoreListFlags   flags,
                     guint              offset,
                     guint              limit,
                     GError           **error)
{
  g_autofree char *page = limit > 0 ? g_strdup_printf (" LIMIT %u OFFSET %u", limit, offset) : g_strdup ("");
  g_autoptr(GjRecordClass) klass = g_type_class_ref (type);
  g_autofree char *where = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *bound = NULL;
  GValue value = G_VALUE_INIT;
  GListModel *result;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (*stripped == '\0')
    {
      g_autofree char *all = g_strconcat ("ORDER BY t.id", page, NULL);

      return list_query_full (self, type, all, NULL, flags, error);
    }
  if (!gj_store_catch_up_indexes (self, klass->kind, error))
    return NULL;

  if (kind_has_fts (klass->kind))
    {
      g_autofree char *condition = search_condition (self, klass->kind, stripped, &bound, error);

      if (condition == NULL)
        return NULL;
      where = g_strdup_printf ("WHERE %s ORDER BY t.id%s", condition, page);
    }
  else
    {
      bound = like_pattern (stripped, TRUE);
      where = g_strdup_printf ("WHERE t.name LIKE ?1 ESCAPE '\\' ORDER BY t.id%s", page);
    }

  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, g_steal_pointer (&bound));
  result = list_query_full (self, type, where, &value, flags, error);
  g_value_unset (&value);
  return result;
}

GListModel *
gj_store_list_full (GjStore           *self,
                    GType              type,
                    const char        *text,
                    GjStoreListFlags   flags,
                    GError           **error)
{
  return gj_store_list_range (self, type, text, flags, 0, 0, error);
}

gint64
gj_store_count (GjStore  *self,
                GType     type,
                GError  **error)
{
  g_autoptr(GjRecordClass) klass = g_type_class_ref (type);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", klass->kind);

  g_return_val_if_fail (GJ_IS_STORE (self), -1);
  return query_int (self, sql, error);
}

GjGrid *
gj_store_find_grid_at (GjStore  *self,
                       double    lon,
                       double    lat,
                       GError  **error)
{
  g_autofree char *sql = gj_store_select_sql (GJ_TYPE_GRID,
                                              "JOIN grid_rtree AS r ON r.id = t.id"
                                              " WHERE r.min_x <= ?1 AND r.max_x >= ?1 AND r.min_y <= ?2 AND r.max_y >= ?2"
                                              " ORDER BY t.id");
  sqlite3_stmt *stmt;
  GjGrid *found = NULL;
  int rc;

  if (!gj_store_catch_up_indexes (self, "grid", error))
    return NULL;
  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_double (stmt, 1, lon);
  sqlite3_bind_double (stmt, 2, lat);
  while (found == NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GjRecord) grid = gj_store_record_from_row (GJ_TYPE_GRID, stmt);
      GjGeometry *g = gj_record_get_geometry (grid, "geometry");

      if (g != NULL && gj_geometry_contains_point (g, lon, lat))
        found = GJ_GRID (g_steal_pointer (&grid));
    }
  if (found == NULL && rc != SQLITE_DONE)
    gj_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return found;
}

GListModel *
gj_store_list_trash (GjStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  return list_query (self, GJ_TYPE_TRASH_ENTRY, "ORDER BY t.id DESC", NULL, error);
}

GListModel *
gj_store_list_changes (GjStore  *self,
                       guint     limit,
                       GError  **error)
{
  GValue value = G_VALUE_INIT;
  GListModel *result;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, limit ? limit : G_MAXINT64);
  result = list_query (self, GJ_TYPE_CHANGE, "ORDER BY t.id DESC LIMIT ?1", &value, error);
  g_value_unset (&value);
  return result;
}
