/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gj-geometry.h"
#include "gj-records.h"

G_BEGIN_DECLS

/*
 * GjStore: the one local database. It speaks records and queries; no caller
 * above app/db sees SQL or a connection handle.
 *
 * A store is used from one thread at a time. Long jobs open their own store
 * on the same path (gj_store_open (gj_store_get_path (store), 0, …)).
 */

#define GJ_TYPE_STORE (gj_store_get_type ())
#define GJ_STORE_ERROR (gj_store_error_quark ())

G_DECLARE_FINAL_TYPE (GjStore, gj_store, GJ, STORE, GObject)

typedef enum
{
  GJ_STORE_ERROR_FAILED,
  GJ_STORE_ERROR_NOT_FOUND,       /* the file or the record does not exist */
  GJ_STORE_ERROR_NOT_DATABASE,    /* the file is not an SQLite database */
  GJ_STORE_ERROR_FOREIGN,         /* an SQLite database, but not Gongjian's */
  GJ_STORE_ERROR_READ_ONLY,       /* the file or its folder cannot be written */
  GJ_STORE_ERROR_LOCKED,          /* another process holds the database */
  GJ_STORE_ERROR_CORRUPT,         /* the database is damaged */
  GJ_STORE_ERROR_TOO_NEW,         /* made by a newer Gongjian */
  GJ_STORE_ERROR_INVALID,         /* a record breaks a rule (required field, link) */
  GJ_STORE_ERROR_DUPLICATE,       /* a unique code or UUID is taken */
  GJ_STORE_ERROR_CANCELLED,
} GjStoreError;

typedef enum
{
  GJ_STORE_OPEN_DEFAULT = 0,
  /* Create the file (and its folder) when it does not exist. */
  GJ_STORE_OPEN_CREATE  = 1 << 0,
} GjStoreOpenFlags;

typedef enum
{
  GJ_STORE_LIST_DEFAULT     = 0,
  /* Leave geometry out: tables and counts do not need the shapes. */
  GJ_STORE_LIST_NO_GEOMETRY = 1 << 0,
} GjStoreListFlags;

/* Progress of a long job: @done of @total (0 when unknown). */
typedef void (*GjProgressFunc) (guint64  done,
                                guint64  total,
                                gpointer user_data);

GQuark          gj_store_error_quark        (void);

GjStore        *gj_store_open               (const char        *path,
                                             GjStoreOpenFlags   flags,
                                             GError           **error);
const char     *gj_store_get_path           (GjStore           *self);
/* The copy taken before a migration ran when this store was opened, or NULL. */
const char     *gj_store_get_migration_backup (GjStore         *self);
int             gj_store_get_schema_version (GjStore           *self);
int             gj_store_get_latest_schema_version (void);
/* Who the change log names for this store's writes (default: the login name). */
void            gj_store_set_actor          (GjStore           *self,
                                             const char        *actor);
/* The default database: $GONGJIAN_DB, else the user data directory's file. */
char           *gj_store_dup_default_path   (void);

/* One user action = one transaction. Nested calls become savepoints. */
gboolean        gj_store_begin              (GjStore           *self,
                                             GError           **error);
gboolean        gj_store_commit             (GjStore           *self,
                                             GError           **error);
void            gj_store_rollback           (GjStore           *self);

/* Records. Insert fills id, uuid (when unset) and times. */
gboolean        gj_store_insert             (GjStore           *self,
                                             GjRecord          *record,
                                             GError           **error);
/* Writes @record over the stored record with its id (one without a UUID
 * takes the stored one); nothing is written when nothing changed. */
gboolean        gj_store_update             (GjStore           *self,
                                             GjRecord          *record,
                                             GError           **error);
/* Moves the record and everything that belongs to it to the trash. */
gboolean        gj_store_delete             (GjStore           *self,
                                             GjRecord          *record,
                                             gint64            *trash_id,
                                             GError           **error);
/* Puts a trashed record back with its relations. */
gboolean        gj_store_restore            (GjStore           *self,
                                             gint64             trash_id,
                                             GError           **error);
GjRecord       *gj_store_get                (GjStore           *self,
                                             GType              type,
                                             gint64             id,
                                             GError           **error);
GjRecord       *gj_store_get_by_uuid        (GjStore           *self,
                                             GType              type,
                                             const char        *uuid,
                                             GError           **error);
/* NULL without an error when no record has that code. */
GjRecord       *gj_store_find_by_code       (GjStore           *self,
                                             GType              type,
                                             const char        *code,
                                             GError           **error);
/* Every record of @type, in row order. */
GListModel     *gj_store_list               (GjStore           *self,
                                             GType              type,
                                             GError           **error);
/* Records of @type whose @field equals @value (text or integer). */
GListModel     *gj_store_list_where         (GjStore           *self,
                                             GType              type,
                                             const char        *field,
                                             const GValue      *value,
                                             GError           **error);
/* Records of @type whose names, codes or addresses contain @text
 * (Chinese substrings included), best first; through the full-text index. */
GListModel     *gj_store_search             (GjStore           *self,
                                             GType              type,
                                             const char        *text,
                                             GError           **error);
/* gj_store_list() or, with @text, gj_store_search(), as @flags ask. */
GListModel     *gj_store_list_full          (GjStore           *self,
                                             GType              type,
                                             const char        *text,
                                             GjStoreListFlags   flags,
                                             GError           **error);
/* The same, rows @offset … @offset + @limit - 1 only (for a first screen). */
GListModel     *gj_store_list_range         (GjStore           *self,
                                             GType              type,
                                             const char        *text,
                                             GjStoreListFlags   flags,
                                             guint              offset,
                                             guint              limit,
                                             GError           **error);
gint64          gj_store_count              (GjStore           *self,
                                             GType              type,
                                             GError           **error);
/* The grid whose polygon holds the point, or NULL. */
GjGrid         *gj_store_find_grid_at       (GjStore           *self,
                                             double             lon,
                                             double             lat,
                                             GError           **error);

/* Records of @type with a place inside @bbox: grids whose bounding box
 * meets it (through the R*Tree), or points (lon, lat) inside it. */
GListModel     *gj_store_list_in_bbox       (GjStore           *self,
                                             GType              type,
                                             const GjBBox      *bbox,
                                             GjStoreListFlags   flags,
                                             GError           **error);
/* grid id (gint64 in a pointer-sized key) → number of @type records in it. */
GHashTable     *gj_store_count_by_grid      (GjStore           *self,
                                             GType              type,
                                             GError           **error);
/* Bounding box of all grids and stations; FALSE when there are none. */
gboolean        gj_store_get_extent         (GjStore           *self,
                                             GjBBox            *extent,
                                             GError           **error);

/* The outline of a street or of the whole district: the union of its grids. */
typedef struct
{
  gint64      id;        /* street id; 0 for the district */
  char       *code;
  char       *name;
  GjGeometry *geometry;
} GjOutline;

void            gj_outline_free             (GjOutline         *outline);
/* @level "street": one per street that has grids; "district": one. */
GPtrArray      *gj_store_dup_outlines       (GjStore           *self,
                                             const char        *level,
                                             GError           **error);

/* Trash (GjTrashEntry, newest first) and change log (GjChange, newest first). */
GListModel     *gj_store_list_trash         (GjStore           *self,
                                             GError           **error);
GListModel     *gj_store_list_changes       (GjStore           *self,
                                             guint              limit,
                                             GError           **error);
/* Adds one line to the change log, e.g. for an import as a whole. */
gboolean        gj_store_log                (GjStore           *self,
                                             const char        *action,
                                             const char        *kind,
                                             const char        *label,
                                             const char        *detail,
                                             GError           **error);

/* Figures: counts per record kind and per street (see DESIGN.md). */
JsonNode       *gj_store_dup_stats          (GjStore           *self,
                                             GError           **error);

/* Online copy of the whole database to @dest (a new file). */
gboolean        gj_store_backup             (GjStore           *self,
                                             const char        *dest,
                                             GjProgressFunc     progress,
                                             gpointer           user_data,
                                             GCancellable      *cancellable,
                                             GError           **error);
/* Replaces the whole database with the Gongjian database at @src. */
gboolean        gj_store_restore_from       (GjStore           *self,
                                             const char        *src,
                                             GjProgressFunc     progress,
                                             gpointer           user_data,
                                             GCancellable      *cancellable,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjOutline, gj_outline_free)

G_END_DECLS
