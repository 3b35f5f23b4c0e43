/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "gj-store.h"

G_BEGIN_DECLS

/* Only app/db sees the connection. */
struct _GjStore
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  char       *actor;
  char       *migration_backup;
  int         schema_version;
  guint       tx_depth;
  guint       bulk_depth;   /* > 0: no savepoints below this depth (gj_store_set_bulk) */
  GHashTable *statements;   /* SQL text → sqlite3_stmt*, prepared once */
  GHashTable *foreign_keys; /* table → GPtrArray of GjForeignKey, built on first delete */
  GHashTable *deferred;     /* table → its index triggers set aside in bulk mode (gj-store-bulk.c) */
  GHashTable *keep_triggers; /* tables whose index triggers stay for the rest of this bulk */
  guint       deferred_depth; /* the transaction level the triggers were dropped in */
};

/* A column of @table that refers to another table's id. */
typedef struct
{
  char     *table;
  char     *column;
  char     *parent;
  gboolean  cascade;   /* ON DELETE CASCADE: the row belongs to its parent */
  gboolean  not_null;
} GjForeignKey;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_reset)

/* Prepared once per store and reset for reuse; bindings cleared. */
sqlite3_stmt *gj_store_prepare          (GjStore      *self,
                                         const char   *sql,
                                         GError      **error);
gboolean      gj_store_exec             (GjStore      *self,
                                         const char   *sql,
                                         GError      **error);
/* Steps a statement to its end; TRUE when it finished without error. */
gboolean      gj_store_step_done        (GjStore      *self,
                                         sqlite3_stmt *stmt,
                                         GError      **error);
gboolean      gj_store_set_error        (GjStore      *self,
                                         int           rc,
                                         GError      **error);
gboolean      gj_store_write_change     (GjStore      *self,
                                         const char   *action,
                                         const char   *kind,
                                         const char   *record_uuid,
                                         const char   *label,
                                         const char   *detail,
                                         GError      **error);
GjRecord     *gj_store_record_from_row  (GType         type,
                                         sqlite3_stmt *stmt);
char         *gj_store_select_sql       (GType         type,
                                         const char   *where);
char         *gj_store_select_sql_full  (GType            type,
                                         const char      *where,
                                         GjStoreListFlags flags);

/* While an importer holds the outer transaction and rolls all of it back on
 * any error, nested begin/commit/rollback run no SQL (no savepoint per
 * record) and the page cache is larger. A failed nested step then leaves
 * its partial work in the transaction: the caller must roll back the outer
 * one. Needs an open transaction; end it with FALSE before that ends.
 * Inserted rows get their full-text and R*Tree rows in one pass, before
 * anything could miss them (see gj-store-bulk.c). */
void          gj_store_set_bulk         (GjStore      *self,
                                         gboolean      bulk);
/* In bulk mode: @table's rows inserted from now on are indexed later, in one pass. */
void          gj_store_defer_indexes    (GjStore      *self,
                                         const char   *table);
/* Writes the index rows set aside for @table (NULL: every table) and puts
 * its triggers back: before a query through an index, an update or delete. */
gboolean      gj_store_catch_up_indexes (GjStore      *self,
                                         const char   *table,
                                         GError      **error);
/* The same, when the transaction level that set them aside is about to end. */
gboolean      gj_store_catch_up_before_end (GjStore   *self,
                                         GError      **error);
/* That level rolled back, and the triggers with it. */
void          gj_store_forget_deferred  (GjStore      *self);

/* SQLite's online backup from @src into @dest, in steps (progress,
 * cancellation, waiting out a busy source). */
gboolean      gj_store_copy_pages       (sqlite3        *dest,
                                         sqlite3        *src,
                                         GjProgressFunc  progress,
                                         gpointer        user_data,
                                         GCancellable   *cancellable,
                                         GError        **error);

/* A unit with a point takes the grid that holds it, and that grid's street
 * and community (gj-store-units.c); other records are left alone. */
gboolean      gj_store_place_by_point   (GjStore      *self,
                                         GjRecord     *record,
                                         GError      **error);

/* For tests: open, migrating no further than @max_version. */
GjStore      *gj_store_open_at_version  (const char   *path,
                                         int           max_version,
                                         GError      **error);
/* For tests: run raw SQL on the store's connection. */
gboolean      gj_store_exec_for_test    (GjStore      *self,
                                         const char   *sql,
                                         GError      **error);

G_END_DECLS
