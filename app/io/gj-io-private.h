/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-io.h"
#include "gj-csv-preview.h"

G_BEGIN_DECLS

/*
 * How a record's fields meet the outside world: the key a file uses
 * (the first name exports write; more names, '|'-separated, that imports
 * also recognise, Chinese ones included).
 */
typedef enum
{
  GJ_COLUMN_FIELD,           /* a field of the record */
  GJ_COLUMN_STREET_CODE,     /* resolved through the street link */
  GJ_COLUMN_STREET_NAME,
  GJ_COLUMN_COMMUNITY_CODE,
  GJ_COLUMN_COMMUNITY_NAME,
  GJ_COLUMN_DISTRICT_CODE,
  GJ_COLUMN_DISTRICT_NAME,
  GJ_COLUMN_GRID_CODE,       /* resolved through the grid link */
  GJ_COLUMN_UNIT_CODE,       /* resolved through the unit link */
  GJ_COLUMN_UNIT_NAME,
  GJ_COLUMN_LEAD_UNIT_CODE,  /* a problem's responsible unit, by code */
  GJ_COLUMN_AGREEMENT_STATUS, /* read into "status"; written as the status today */
  GJ_COLUMN_JSON_LIST,       /* a JSON array kept as text in the field */
  GJ_COLUMN_UUID,
  /* After GJ_COLUMN_UUID, so GjRowRefs.places keeps its size. */
  GJ_COLUMN_AGREEMENT_CODE,  /* an evaluation's agreement, by code */
  GJ_COLUMN_AGREEMENT_TITLE,
} GjColumnRole;

typedef struct
{
  const char   *names;   /* "grid_id|code|网格编码" */
  const char   *field;   /* record field, for GJ_COLUMN_FIELD and GJ_COLUMN_JSON_LIST */
  GjColumnRole  role;
} GjColumn;

typedef struct
{
  const char     *kind;      /* "grids" */
  GType         (*get_type) (void);
  const GjColumn *columns;
  guint           n_columns;
} GjKindMap;

const GjKindMap *gj_io_kind_map            (const char *kind);
/* The external name a map column is written under. */
char            *gj_io_column_key          (const GjColumn *column);
/* The map column a header or property name means, or NULL. */
const GjColumn  *gj_io_find_column         (const GjKindMap *map,
                                            const char      *name);

/*
 * Resolution of streets, communities, districts and grids during one import
 * or export, with caches, so 10,000 rows do not ask the store 10,000 times.
 */
typedef struct _GjLinks GjLinks;

GjLinks         *gj_links_new              (GjStore    *store);
void             gj_links_free             (GjLinks    *links);
/*
 * Sets the record's street_id / community_id from codes and names, creating
 * the district, street or community the first time it is seen.
 */
gboolean         gj_links_resolve          (GjLinks    *links,
                                            GjRecord   *record,
                                            const char *district_code,
                                            const char *district_name,
                                            const char *street_code,
                                            const char *street_name,
                                            const char *community_code,
                                            const char *community_name,
                                            GError    **error);
/* The id of the record of @type with @code, 0 when none, -1 on error. */
gint64           gj_links_code_to_id       (GjLinks    *links,
                                            GType       type,
                                            const char *code,
                                            GError    **error);
/* Code and name of the street, community, district and grid a record links to. */
const char      *gj_links_lookup           (GjLinks    *links,
                                            GjRecord   *record,
                                            GjColumnRole role);

/* What a record looks like to the outside: the source's own properties that
 * we keep, overlaid with our fields under their external names. */
JsonObject      *gj_io_record_properties   (const GjKindMap *map,
                                            GjLinks         *links,
                                            GjRecord        *record);

/* The records of @map as a table: @keys (char*) are our columns first,
 * then every other property any record has; @rows (JsonObject*) one per
 * record, in store order. */
gboolean         gj_io_collect_table       (GjStore          *store,
                                            const GjKindMap  *map,
                                            GPtrArray       **keys,
                                            GPtrArray       **rows,
                                            GError          **error);

/* What one row or feature names besides its own fields. */
typedef struct
{
  const char *places[GJ_COLUMN_UUID + 1];  /* indexed by the place roles */
  const char *grid_code;
  const char *unit_code;
  const char *unit_name;
  const char *lead_unit_code;
  const char *uuid;
  const char *agreement_code;
} GjRowRefs;

/*
 * Finishes a record read from a row: converts its lon/lat from @crs,
 * links it to its district/street/community (creating them when new), its
 * grid (by code, else the grid its point lies in) and its unit (by code),
 * keeps unresolved codes and @extra in the record's "extra" JSON.
 * The error says what failed; callers add the line or feature.
 */
gboolean         gj_io_resolve_row         (GjLinks          *links,
                                            GjStore          *store,
                                            GjRecord         *record,
                                            const GjRowRefs  *refs,
                                            JsonObject       *extra,
                                            int               crs,
                                            GError          **error);

/* Sets a field from text, converting to its type; FALSE with @error on bad text. */
gboolean         gj_io_set_field_from_text (GjRecord   *record,
                                            const char *field,
                                            const char *text,
                                            GError    **error);
/* Excel turned a long number into "9.14103E+17": the digits are gone. */
gboolean         gj_io_looks_excel_damaged (const char *text);

gboolean         gj_geojson_import         (GjStore          *store,
                                            const char       *path,
                                            GBytes           *bytes,
                                            const GjImportOptions *options,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            GjImportResult   *result,
                                            GError          **error);
/* Features as GeoJSON objects, from any reader (GeoJSON, KML). */
gboolean         gj_geojson_import_features (GjStore         *store,
                                            const char       *path,
                                            JsonArray        *features,
                                            const GjImportOptions *options,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            GjImportResult   *result,
                                            GError          **error);
gboolean         gj_kml_import             (GjStore          *store,
                                            const char       *path,
                                            GBytes           *bytes,
                                            const GjImportOptions *options,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            GjImportResult   *result,
                                            GError          **error);
gboolean         gj_geojson_export         (GjStore          *store,
                                            const char       *path,
                                            const char       *kind,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            guint            *n_written,
                                            GError          **error);
gboolean         gj_csv_import             (GjStore          *store,
                                            const char       *path,
                                            GBytes           *bytes,
                                            const GjImportOptions *options,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            GjImportResult   *result,
                                            GError          **error);
gboolean         gj_csv_export             (GjStore          *store,
                                            const char       *path,
                                            const char       *kind,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            guint            *n_written,
                                            GError          **error);

gboolean         gj_gpkg_export            (GjStore          *store,
                                            const char       *path,
                                            const char       *kind,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            guint            *n_written,
                                            GError          **error);

gboolean         gj_ical_import            (GjStore          *store,
                                            const char       *path,
                                            GBytes           *bytes,
                                            const GjImportOptions *options,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            GjImportResult   *result,
                                            GError          **error);
gboolean         gj_ical_export            (GjStore          *store,
                                            const char       *path,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            guint            *n_written,
                                            GError          **error);
gboolean         gj_xlsx_export            (GjStore          *store,
                                            const char       *path,
                                            const char       *kind,
                                            GjProgressFunc    progress,
                                            gpointer          user_data,
                                            GCancellable     *cancellable,
                                            guint            *n_written,
                                            GError          **error);

/* CSV text read into rows of cells (gj-csv.c). */
typedef struct
{
  GPtrArray *rows;       /* of GPtrArray of char*: non-blank rows only */
  GArray    *lines;      /* guint: the line each row starts on */
  char      *encoding;   /* as given or detected: "UTF-8 (BOM)", "GB18030" … */
  char       delimiter;
} GjCsvTable;

/* @encoding NULL: detected; @delimiter 0: detected. The error names the
 * file (@name) and the line. */
gboolean         gj_csv_read_table         (const char  *name,
                                            const char  *data,
                                            gsize        len,
                                            const char  *encoding,
                                            char         delimiter,
                                            GjCsvTable  *table,
                                            GError     **error);
void             gj_csv_table_clear        (GjCsvTable  *table);

/* gj_csv_preview_import() without a change-log line of its own, for
 * gj_import_bytes_full(), which writes one for every format. */
gboolean         gj_csv_preview_import_quiet (GjCsvPreview       *self,
                                            GjStore            *store,
                                            GjDuplicateStrategy strategy,
                                            GjCsvImportFlags    flags,
                                            GjProgressFunc      progress,
                                            gpointer            user_data,
                                            GCancellable       *cancellable,
                                            GjCsvImportCounts  *counts,
                                            GError            **error);

/* Inserts @record, or updates the record of the same kind with the same code. */
gboolean         gj_io_upsert              (GjStore          *store,
                                            GjLinks          *links,
                                            GjRecord         *record,
                                            GHashTable       *seen_codes,
                                            GjImportResult   *result,
                                            GError          **error);

G_END_DECLS
