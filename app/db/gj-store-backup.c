/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Online backup and restore with SQLite's backup API: the database stays
 * usable while it is copied, and a copy is always a consistent snapshot. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gj-store-private.h"

#define PAGES_PER_STEP 256

gboolean
gj_store_copy_pages (sqlite3        *dest,
            sqlite3        *src,
            GjProgressFunc  progress,
            gpointer        user_data,
            GCancellable   *cancellable,
            GError        **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (dest));
      return FALSE;
    }

  do
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_backup_finish (backup);
          g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_CANCELLED, _("Cancelled."));
          return FALSE;
        }
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (progress)
        {
          int total = sqlite3_backup_pagecount (backup);
          progress (total - sqlite3_backup_remaining (backup), total, user_data);
        }
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (20000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_FAILED, "%s", sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
gj_store_backup (GjStore        *self,
                 const char     *dest,
                 GjProgressFunc  progress,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *name = NULL;
  sqlite3 *out = NULL;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  name = g_filename_display_name (dest);

  /* Logged first, so the copy and the database hold the same rows. */
  if (!gj_store_write_change (self, "backup", NULL, NULL, dest, NULL, error))
    return FALSE;

  /* Written beside the target and renamed into place: a cancelled or failed
   * backup never leaves half a file under the name the user chose. */
  tmp = g_strdup_printf ("%s.part-%u", dest, g_random_int ());
  rc = sqlite3_open_v2 (tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_READ_ONLY,
                   _("Cannot write the backup “%s”: %s"), name, sqlite3_errstr (rc));
      sqlite3_close_v2 (out);
      g_unlink (tmp);
      return FALSE;
    }

  if (!gj_store_copy_pages (out, self->db, progress, user_data, cancellable, error))
    {
      sqlite3_close_v2 (out);
      g_unlink (tmp);
      g_prefix_error (error, _("Backup to “%s” failed: "), name);
      return FALSE;
    }
  /* A backup is one self-contained file. */
  sqlite3_exec (out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close_v2 (out);

  if (g_rename (tmp, dest) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_FAILED,
                   _("Cannot write the backup “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
gj_store_restore_from (GjStore        *self,
                       const char     *src,
                       GjProgressFunc  progress,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GjStore) check = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *copy = NULL;
  sqlite3 *in = NULL;
  int latest = gj_store_get_latest_schema_version ();
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (src != NULL, FALSE);

  /* Validate a private copy, so that neither checking nor upgrading an
   * older backup ever writes to the user's backup file. */
  copy = g_strdup_printf ("%s.restore-%u", self->path, g_random_int ());
  rc = sqlite3_open_v2 (src, &in, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3 *tmp = NULL;

      rc = sqlite3_open_v2 (copy, &tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
      if (rc == SQLITE_OK)
        {
          g_autoptr(GError) local_error = NULL;

          if (!gj_store_copy_pages (tmp, in, NULL, NULL, cancellable, &local_error))
            rc = SQLITE_NOTADB;
        }
      sqlite3_close_v2 (tmp);
    }
  sqlite3_close_v2 (in);

  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (src);

      g_unlink (copy);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Gongjian database: it is not an SQLite database file. The file was not changed."), name);
      return FALSE;
    }

  check = gj_store_open (copy, GJ_STORE_OPEN_DEFAULT, error);
  if (check == NULL || gj_store_get_schema_version (check) != latest)
    {
      g_autofree char *name = g_filename_display_name (src);

      g_clear_object (&check);
      g_unlink (copy);
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  if (check->migration_backup != NULL)
    g_unlink (check->migration_backup);

  /* The database as it was, in case the user picked the wrong backup. */
  safety = g_strdup_printf ("%s.before-restore.bak", self->path);
  if (!gj_store_backup (self, safety, NULL, NULL, cancellable, error) ||
      !gj_store_copy_pages (self->db, check->db, progress, user_data, cancellable, error))
    {
      g_clear_object (&check);
      g_unlink (copy);
      return FALSE;
    }

  g_clear_object (&check);
  g_unlink (copy);
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *shm = g_strconcat (copy, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }

  /* Cached statements and relations describe the old schema. */
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->foreign_keys, g_hash_table_unref);
  gj_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;", NULL);

  return gj_store_write_change (self, "restore-backup", NULL, NULL, src, NULL, error);
}
