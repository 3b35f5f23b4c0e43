/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * GeoPackage (OGC 12-128r18, version 1.3) export: an SQLite file with the
 * GeoPackage system tables and one feature table, geometries in
 * GeoPackage binary (header + little-endian WKB). Written with SQLite
 * directly; GDAL (ogrinfo, QGIS) reads it.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gj-geometry.h"
#include "gj-io-private.h"

#define GPKG_APPLICATION_ID 0x47504B47  /* "GPKG" */
#define GPKG_USER_VERSION   10300

static const char *system_tables =
  "CREATE TABLE gpkg_spatial_ref_sys ("
  " srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,"
  " organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);"
  "CREATE TABLE gpkg_contents ("
  " table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,"
  " description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  " min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,"
  " srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));"
  "CREATE TABLE gpkg_geometry_columns ("
  " table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,"
  " srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,"
  " CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),"
  " CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),"
  " CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));"
  "INSERT INTO gpkg_spatial_ref_sys VALUES"
  " ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),"
  " ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),"
  " ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
  "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
  "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],"
  "AUTHORITY[\"EPSG\",\"4326\"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');";

static void
put_u32 (GByteArray *b,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);

  g_byte_array_append (b, (const guint8 *) &le, 4);
}

static void
put_double (GByteArray *b,
            double      d)
{
  /* The platform is little-endian (checked in gj-geometry.c). */
  g_byte_array_append (b, (const guint8 *) &d, 8);
}

/* GeoPackage binary: "GP", version, flags, srs id, envelope, then WKB. */
static GBytes *
gpkg_polygons (GjGeometry *g)
{
  GByteArray *b = g_byte_array_new ();
  GjBBox box = gj_geometry_get_bbox (g);
  guint n_polys = gj_geometry_get_n_polygons (g);
  static const guint8 header[4] = { 'G', 'P', 0, 0x03 }; /* little-endian, envelope [minx maxx miny maxy] */

  g_byte_array_append (b, header, 4);
  put_u32 (b, 4326);
  put_double (b, box.min_x);
  put_double (b, box.max_x);
  put_double (b, box.min_y);
  put_double (b, box.max_y);

  g_byte_array_append (b, (const guint8 *) "\x01", 1);
  put_u32 (b, 6); /* MultiPolygon */
  put_u32 (b, n_polys);
  for (guint p = 0; p < n_polys; p++)
    {
      guint first, n_rings;

      gj_geometry_get_polygon (g, p, &first, &n_rings);
      g_byte_array_append (b, (const guint8 *) "\x01", 1);
      put_u32 (b, 3); /* Polygon */
      put_u32 (b, n_rings);
      for (guint r = 0; r < n_rings; r++)
        {
          guint n;
          const double *xy = gj_geometry_get_ring (g, first + r, &n);

          put_u32 (b, n);
          for (guint i = 0; i < 2 * n; i++)
            put_double (b, xy[i]);
        }
    }
  return g_byte_array_free_to_bytes (b);
}

static GBytes *
gpkg_point (double x,
            double y)
{
  GByteArray *b = g_byte_array_new ();
  static const guint8 header[4] = { 'G', 'P', 0, 0x01 }; /* little-endian, no envelope */

  g_byte_array_append (b, header, 4);
  put_u32 (b, 4326);
  g_byte_array_append (b, (const guint8 *) "\x01", 1);
  put_u32 (b, 1); /* Point */
  put_double (b, x);
  put_double (b, y);
  return g_byte_array_free_to_bytes (b);
}

static gboolean
db_error (sqlite3     *db,
          const char  *name,
          GError     **error)
{
  g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: cannot write the GeoPackage: %s"), name, sqlite3_errmsg (db));
  return FALSE;
}

/* A column name safe to put between double quotes. */
static char *
quote_identifier (const char *name)
{
  GString *s = g_string_new ("\"");

  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

gboolean
gj_gpkg_export (GjStore         *store,
                const char      *path,
                const char      *kind,
                GjProgressFunc   progress,
                gpointer         user_data,
                GCancellable    *cancellable,
                guint           *n_written,
                GError         **error)
{
  const GjKindMap *map = gj_io_kind_map (kind);
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *tmp = g_strdup_printf ("%s.part-%u", path, g_random_int ());
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) all_props = NULL;
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) create = NULL;
  g_autoptr(GString) insert = NULL;
  gboolean polygons = strcmp (map->kind, "grids") == 0;
  GjBBox extent = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;
  gboolean ok = FALSE;

  if (!gj_io_collect_table (store, map, &keys, &all_props, error))
    return FALSE;
  records = gj_store_list (store, map->get_type (), error);
  if (records == NULL)
    return FALSE;
  n = g_list_model_get_n_items (records);

  /* Each column typed by its first value; columns that hold nothing go. */
  for (guint k = 0; k < keys->len; )
    {
      const char *type = NULL;

      for (guint i = 0; i < all_props->len && type == NULL; i++)
        {
          JsonNode *v = json_object_get_member (all_props->pdata[i], keys->pdata[k]);

          if (v == NULL || JSON_NODE_HOLDS_NULL (v))
            continue;
          if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_INT64)
            type = "INTEGER";
          else if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_DOUBLE)
            type = "REAL";
          else
            type = "TEXT";
        }
      if (type == NULL)
        g_ptr_array_remove_index (keys, k);
      else
        g_hash_table_insert (types, keys->pdata[k++], (gpointer) type);
    }

  if (sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      db_error (db, name, error);
      goto out;
    }

  create = g_string_new (NULL);
  g_string_append_printf (create, "CREATE TABLE \"%s\" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom %s",
                          map->kind, polygons ? "MULTIPOLYGON" : "POINT");
  insert = g_string_new (NULL);
  g_string_append_printf (insert, "INSERT INTO \"%s\" (geom", map->kind);
  for (guint k = 0; k < keys->len; k++)
    {
      g_autofree char *q = quote_identifier (keys->pdata[k]);

      g_string_append_printf (create, ", %s %s", q, (const char *) g_hash_table_lookup (types, keys->pdata[k]));
      g_string_append_printf (insert, ", %s", q);
    }
  g_string_append (create, ")");
  g_string_append (insert, ") VALUES (?");
  for (guint k = 0; k < keys->len; k++)
    g_string_append (insert, ", ?");
  g_string_append (insert, ")");

  {
    g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                                GPKG_APPLICATION_ID, GPKG_USER_VERSION);

    if (sqlite3_exec (db, pragmas, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec (db, system_tables, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec (db, create->str, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2 (db, insert->str, -1, &stmt, NULL) != SQLITE_OK)
      {
        db_error (db, name, error);
        goto out;
      }
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) record = g_list_model_get_item (records, i);
      JsonObject *props = all_props->pdata[i];
      g_autoptr(GBytes) blob = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      if (polygons && gj_record_get_geometry (record, "geometry") != NULL)
        {
          GjGeometry *g = gj_record_get_geometry (record, "geometry");
          GjBBox b = gj_geometry_get_bbox (g);

          blob = gpkg_polygons (g);
          extent.min_x = MIN (extent.min_x, b.min_x);
          extent.min_y = MIN (extent.min_y, b.min_y);
          extent.max_x = MAX (extent.max_x, b.max_x);
          extent.max_y = MAX (extent.max_y, b.max_y);
        }
      else if (!polygons && !gj_record_is_null (record, "lon") && !gj_record_is_null (record, "lat"))
        {
          double x = gj_record_get_real (record, "lon"), y = gj_record_get_real (record, "lat");

          blob = gpkg_point (x, y);
          extent.min_x = MIN (extent.min_x, x);
          extent.min_y = MIN (extent.min_y, y);
          extent.max_x = MAX (extent.max_x, x);
          extent.max_y = MAX (extent.max_y, y);
        }

      sqlite3_reset (stmt);
      if (blob != NULL)
        sqlite3_bind_blob (stmt, 1, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 1);
      for (guint k = 0; k < keys->len; k++)
        {
          JsonNode *v = json_object_get_member (props, keys->pdata[k]);
          int col = k + 2;

          if (v == NULL || JSON_NODE_HOLDS_NULL (v))
            sqlite3_bind_null (stmt, col);
          else if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_INT64)
            sqlite3_bind_int64 (stmt, col, json_node_get_int (v));
          else if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_DOUBLE)
            sqlite3_bind_double (stmt, col, json_node_get_double (v));
          else if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING)
            sqlite3_bind_text (stmt, col, json_node_get_string (v), -1, SQLITE_TRANSIENT);
          else
            {
              g_autofree char *text = json_to_string (v, FALSE);
              sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
            }
        }
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          db_error (db, name, error);
          goto out;
        }
      if (progress && (i % 256 == 0 || i + 1 == n))
        progress (i + 1, n, user_data);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  {
    sqlite3_stmt *meta = NULL;
    gboolean any = extent.min_x <= extent.max_x;

    if (sqlite3_prepare_v2 (db,
                            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)"
                            " VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6, 4326)", -1, &meta, NULL) != SQLITE_OK)
      {
        db_error (db, name, error);
        goto out;
      }
    sqlite3_bind_text (meta, 1, map->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text (meta, 2, "Gongjian", -1, SQLITE_STATIC);
    if (any)
      {
        sqlite3_bind_double (meta, 3, extent.min_x);
        sqlite3_bind_double (meta, 4, extent.min_y);
        sqlite3_bind_double (meta, 5, extent.max_x);
        sqlite3_bind_double (meta, 6, extent.max_y);
      }
    ok = sqlite3_step (meta) == SQLITE_DONE;
    sqlite3_finalize (meta);
    if (ok)
      {
        ok = sqlite3_prepare_v2 (db, "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', ?2, 4326, 0, 0)", -1, &meta, NULL) == SQLITE_OK;
        if (ok)
          {
            sqlite3_bind_text (meta, 1, map->kind, -1, SQLITE_STATIC);
            sqlite3_bind_text (meta, 2, polygons ? "MULTIPOLYGON" : "POINT", -1, SQLITE_STATIC);
            ok = sqlite3_step (meta) == SQLITE_DONE;
          }
        sqlite3_finalize (meta);
      }
    if (!ok || sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
      {
        ok = FALSE;
        db_error (db, name, error);
        goto out;
      }
  }

  sqlite3_close (db);
  db = NULL;
  if (g_rename (tmp, path) != 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: cannot write the GeoPackage: %s"), name, g_strerror (errno));
      ok = FALSE;
      goto out;
    }
  if (n_written)
    *n_written = n;
  ok = TRUE;

out:
  if (stmt)
    sqlite3_finalize (stmt);
  if (db)
    sqlite3_close (db);
  if (!ok)
    g_unlink (tmp);
  return ok;
}
