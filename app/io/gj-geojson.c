/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GeoJSON (RFC 7946) in and out, with json-glib. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gj-coords.h"
#include "gj-geometry.h"
#include "gj-io-private.h"

#define MAX_DEPTH 64

typedef struct
{
  GjStore         *store;
  const GjKindMap *map;
  GjLinks         *links;
  GHashTable      *seen_codes;
  const char      *name;      /* display name of the file */
  char            *basename;
  guint            index;     /* 1-based feature number */
  GjCrs            crs;       /* of the file's coordinates */
  GHashTable      *columns;   /* property name → GjColumn (or &no_column) */
} ImportContext;

/* What a property name that is no column of ours maps to in the cache. */
static const GjColumn no_column;

/* Property names repeat in every feature: look each up once per file. */
static const GjColumn *
find_column (ImportContext *ctx,
             const char    *key)
{
  const GjColumn *col = g_hash_table_lookup (ctx->columns, key);

  if (col == NULL)
    {
      col = gj_io_find_column (ctx->map, key);
      if (col == NULL)
        col = &no_column;
      g_hash_table_insert (ctx->columns, g_strdup (key), (gpointer) col);
    }
  return col == &no_column ? NULL : col;
}

G_GNUC_PRINTF (3, 4)
static gboolean
feature_error (ImportContext  *ctx,
               GError        **error,
               const char     *format,
               ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: feature %u: %s"), ctx->name, ctx->index, msg);
  return FALSE;
}

/* json-glib parses recursively: refuse absurd nesting before it does. */
static gboolean
nesting_too_deep (const char *data,
                  gsize       len)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            return TRUE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return FALSE;
}

static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static gboolean
read_position (ImportContext  *ctx,
               JsonNode       *node,
               double         *x,
               double         *y,
               GError        **error)
{
  JsonArray *a;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return feature_error (ctx, error, _("geometry: a position is not an array of numbers"));
  a = json_node_get_array (node);
  if (json_array_get_length (a) < 2)
    return feature_error (ctx, error, _("geometry: a position has fewer than two numbers"));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);
      GType t = JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) : G_TYPE_INVALID;

      if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
        return feature_error (ctx, error, _("geometry: a coordinate is not a number"));
    }
  /* A third (height) coordinate is dropped: grids are flat. */
  *x = json_array_get_double_element (a, 0);
  *y = json_array_get_double_element (a, 1);
  if (ctx->crs != GJ_CRS_WGS84)
    gj_coords_to_wgs84 (ctx->crs, *x, *y, x, y);
  return TRUE;
}

static gboolean
read_rings (ImportContext  *ctx,
            JsonNode       *node,
            GjGeometry     *geometry,
            GError        **error)
{
  JsonArray *rings;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return feature_error (ctx, error, _("geometry: a polygon is not an array of rings"));
  rings = json_node_get_array (node);
  if (json_array_get_length (rings) == 0)
    return feature_error (ctx, error, _("geometry: a polygon has no rings"));

  gj_geometry_begin_polygon (geometry);
  for (guint r = 0; r < json_array_get_length (rings); r++)
    {
      JsonNode *ring = json_array_get_element (rings, r);
      JsonArray *points;

      if (!JSON_NODE_HOLDS_ARRAY (ring))
        return feature_error (ctx, error, _("geometry: a ring is not an array of positions"));
      points = json_node_get_array (ring);
      gj_geometry_begin_ring (geometry);
      for (guint p = 0; p < json_array_get_length (points); p++)
        {
          double x, y;

          if (!read_position (ctx, json_array_get_element (points, p), &x, &y, error))
            return FALSE;
          gj_geometry_add_point (geometry, x, y);
        }
    }
  return TRUE;
}

static const char *
geometry_type (JsonNode *geometry)
{
  JsonObject *o;

  if (geometry == NULL || !JSON_NODE_HOLDS_OBJECT (geometry))
    return NULL;
  o = json_node_get_object (geometry);
  if (!json_object_has_member (o, "type") || !JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "type")) ||
      json_node_get_value_type (json_object_get_member (o, "type")) != G_TYPE_STRING)
    return NULL;
  return json_object_get_string_member (o, "type");
}

static GjGeometry *
read_polygonal (ImportContext  *ctx,
                JsonNode       *node,
                GError        **error)
{
  const char *type = geometry_type (node);
  g_autoptr(GjGeometry) geometry = NULL;
  JsonNode *coords;
  g_autofree char *reason = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      feature_error (ctx, error, _("geometry is null; a grid needs a Polygon or MultiPolygon"));
      return NULL;
    }
  if (type == NULL)
    {
      feature_error (ctx, error, _("geometry has no “type”"));
      return NULL;
    }
  coords = json_object_get_member (json_node_get_object (node), "coordinates");
  if (coords == NULL || !JSON_NODE_HOLDS_ARRAY (coords))
    {
      feature_error (ctx, error, _("geometry has no “coordinates” array"));
      return NULL;
    }

  if (strcmp (type, "Polygon") == 0)
    {
      geometry = gj_geometry_new (GJ_GEOMETRY_POLYGON);
      if (!read_rings (ctx, coords, geometry, error))
        return NULL;
    }
  else if (strcmp (type, "MultiPolygon") == 0)
    {
      JsonArray *polys = json_node_get_array (coords);

      geometry = gj_geometry_new (GJ_GEOMETRY_MULTI_POLYGON);
      if (json_array_get_length (polys) == 0)
        {
          feature_error (ctx, error, _("geometry: the MultiPolygon is empty"));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (polys); i++)
        if (!read_rings (ctx, json_array_get_element (polys, i), geometry, error))
          return NULL;
    }
  else
    {
      feature_error (ctx, error, _("geometry is a %s; a grid needs a Polygon or MultiPolygon"), type);
      return NULL;
    }

  if (!gj_geometry_check_basic (geometry, &reason))
    {
      feature_error (ctx, error, _("geometry: %s"), reason);
      return NULL;
    }
  return g_steal_pointer (&geometry);
}

static gboolean
read_point (ImportContext  *ctx,
            JsonNode       *node,
            GjRecord       *record,
            GError        **error)
{
  const char *type = geometry_type (node);
  JsonNode *coords;
  double x, y;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE; /* a station without a place yet */
  if (type == NULL || strcmp (type, "Point") != 0)
    return feature_error (ctx, error, _("geometry is a %s; a station or unit needs a Point"), type ? type : "?");
  coords = json_object_get_member (json_node_get_object (node), "coordinates");
  if (coords == NULL)
    return feature_error (ctx, error, _("geometry has no “coordinates” array"));
  if (!read_position (ctx, coords, &x, &y, error))
    return FALSE;
  if (!isfinite (x) || !isfinite (y) || x < -180 || x > 180 || y < -90 || y > 90)
    return feature_error (ctx, error, _("geometry: coordinate (%g, %g) lies outside WGS-84 longitude/latitude bounds"), x, y);
  gj_record_set_real (record, "lon", x);
  gj_record_set_real (record, "lat", y);
  return TRUE;
}

/* The property's value as text, for text fields and place names. */
static char *
node_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);

      if (t == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (t == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (t == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
        }
      if (t == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    }
  return json_to_string (node, FALSE);
}

static gboolean
set_from_node (ImportContext  *ctx,
               GjRecord       *record,
               const char     *key,
               const char     *field,
               JsonNode       *node,
               GError        **error)
{
  const GjField *f = gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), field, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      gj_record_set_null (record, field);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && f->type == GJ_FIELD_REAL &&
      (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64))
    {
      gj_record_set_real (record, field, json_node_get_double (node));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && f->type == GJ_FIELD_INT && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gj_record_set_int (record, field, json_node_get_int (node));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) && f->type != GJ_FIELD_TEXT)
    return feature_error (ctx, error, _("property “%s”: expected a single value"), key);

  text = node_to_text (node);
  if (!gj_io_set_field_from_text (record, field, text, &local_error))
    return feature_error (ctx, error, _("property “%s”: %s"), key, local_error->message);
  return TRUE;
}

static gboolean
import_feature (ImportContext  *ctx,
                JsonNode       *feature_node,
                GjImportResult *result,
                GError        **error)
{
  g_autoptr(GjRecord) record = g_object_new (ctx->map->get_type (), NULL);
  g_autoptr(JsonObject) extra = json_object_new ();
  GjRowRefs refs = { { NULL } };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  JsonObject *feature, *props = NULL;
  JsonNode *geometry, *props_node, *id_node;
  const char *type;
  gboolean polygonal = strcmp (ctx->map->kind, "grids") == 0;

  if (!JSON_NODE_HOLDS_OBJECT (feature_node))
    return feature_error (ctx, error, _("not a JSON object"));
  feature = json_node_get_object (feature_node);
  type = json_object_has_member (feature, "type") && JSON_NODE_HOLDS_VALUE (json_object_get_member (feature, "type"))
         ? json_object_get_string_member (feature, "type") : NULL;
  if (g_strcmp0 (type, "Feature") != 0)
    return feature_error (ctx, error, _("its “type” is not “Feature”"));

  geometry = json_object_get_member (feature, "geometry");
  if (geometry == NULL)
    return feature_error (ctx, error, _("it has no “geometry” member"));

  props_node = json_object_get_member (feature, "properties");
  if (props_node != NULL && JSON_NODE_HOLDS_OBJECT (props_node))
    props = json_node_get_object (props_node);
  else if (props_node != NULL && !JSON_NODE_HOLDS_NULL (props_node))
    return feature_error (ctx, error, _("its “properties” is not an object"));

  if (props != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (props);

      for (GList *l = members; l; l = l->next)
        {
          const char *key = l->data;
          JsonNode *value = json_object_get_member (props, key);
          const GjColumn *col = find_column (ctx, key);

          if (col != NULL && col->role == GJ_COLUMN_UUID)
            {
              char *text = node_to_text (value);

              g_ptr_array_add (texts, text);
              refs.uuid = text;
              continue;
            }
          if (col == NULL)
            {
              json_object_set_member (extra, key, json_node_copy (value));
              continue;
            }
          switch (col->role)
            {
            case GJ_COLUMN_FIELD:
            case GJ_COLUMN_AGREEMENT_STATUS:
              if (!set_from_node (ctx, record, key, col->field, value, error))
                return FALSE;
              break;
            case GJ_COLUMN_JSON_LIST:
              if (!JSON_NODE_HOLDS_NULL (value))
                {
                  g_autofree char *json = json_to_string (value, FALSE);
                  gj_record_set_text (record, col->field, json);
                }
              break;
            case GJ_COLUMN_GRID_CODE:
            case GJ_COLUMN_UNIT_CODE:
            case GJ_COLUMN_UNIT_NAME:
            case GJ_COLUMN_LEAD_UNIT_CODE:
              {
                char *text = node_to_text (value);

                g_ptr_array_add (texts, text);
                if (col->role == GJ_COLUMN_GRID_CODE)
                  refs.grid_code = text;
                else if (col->role == GJ_COLUMN_UNIT_CODE)
                  refs.unit_code = text;
                else if (col->role == GJ_COLUMN_LEAD_UNIT_CODE)
                  refs.lead_unit_code = text;
                else
                  refs.unit_name = text;
              }
              break;
            case GJ_COLUMN_STREET_CODE:
            case GJ_COLUMN_STREET_NAME:
            case GJ_COLUMN_COMMUNITY_CODE:
            case GJ_COLUMN_COMMUNITY_NAME:
            case GJ_COLUMN_DISTRICT_CODE:
            case GJ_COLUMN_DISTRICT_NAME:
              {
                char *text = node_to_text (value);

                g_ptr_array_add (texts, text);
                refs.places[col->role] = text;
              }
              break;
            case GJ_COLUMN_UUID:
            default:
              break;
            }
        }
    }

  /* A grid needs a code: the feature's id, else the file name and number. */
  if (gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), "code", NULL) &&
      gj_record_get_text (record, "code") == NULL)
    {
      g_autofree char *code = NULL;

      id_node = json_object_get_member (feature, "id");
      code = node_to_text (id_node);
      if (code == NULL && polygonal)
        code = g_strdup_printf ("%s-%u", ctx->basename, ctx->index);
      if (code != NULL)
        gj_record_set_text (record, "code", code);
    }
  /* A point drawn in another tool may have no name: its code stands in. */
  if (gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), "name", NULL) &&
      gj_record_get_text (record, "name") == NULL && !polygonal)
    {
      g_autofree char *fallback = NULL;
      const char *code = gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), "code", NULL)
                         ? gj_record_get_text (record, "code") : NULL;

      if (code == NULL)
        {
          fallback = node_to_text (json_object_get_member (feature, "id"));
          if (fallback == NULL)
            fallback = g_strdup_printf ("%s-%u", ctx->basename, ctx->index);
          code = fallback;
        }
      gj_record_set_text (record, "name", code);
    }

  if (polygonal)
    {
      g_autoptr(GjGeometry) g = read_polygonal (ctx, geometry, error);

      if (g == NULL)
        return FALSE;
      gj_record_set_geometry (record, "geometry", g);
    }
  else if (!read_point (ctx, geometry, record, error))
    return FALSE;

  /* Points were converted as they were read. */
  if (!gj_io_resolve_row (ctx->links, ctx->store, record, &refs, extra, GJ_CRS_WGS84, error))
    {
      g_autofree char *msg = g_strdup ((*error)->message);

      g_clear_error (error);
      return feature_error (ctx, error, "%s", msg);
    }

  if (!gj_io_upsert (ctx->store, ctx->links, record, ctx->seen_codes, result, error))
    {
      g_autofree char *msg = g_strdup ((*error)->message);

      g_clear_error (error);
      return feature_error (ctx, error, "%s", msg);
    }
  return TRUE;
}


gboolean
gj_geojson_import (GjStore                *store,
                   const char             *path,
                   GBytes                 *bytes,
                   const GjImportOptions  *options,
                   GjProgressFunc          progress,
                   gpointer                user_data,
                   GCancellable           *cancellable,
                   GjImportResult         *result,
                   GError                **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonArray) features = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_filename_display_name (path);
  const char *data, *end;
  const char *root_type;
  JsonNode *root;
  JsonObject *obj;
  gsize len;

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";

  /* RFC 8259 lets a reader skip a byte order mark. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (!g_utf8_validate_len (data, len, &end))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_ENCODING,
                   _("%s: line %u: not UTF-8 text; GeoJSON must be UTF-8"), name, line_of_offset (data, end - data));
      return FALSE;
    }
  if (nesting_too_deep (data, len))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE,
                   _("%s: not GeoJSON: arrays or objects nested more than %d deep"), name, MAX_DEPTH);
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: not valid JSON: %s"), name, local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: not GeoJSON: the top level is not an object"), name);
      return FALSE;
    }
  obj = json_node_get_object (root);
  root_type = json_object_has_member (obj, "type") && JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "type")) &&
              json_node_get_value_type (json_object_get_member (obj, "type")) == G_TYPE_STRING
              ? json_object_get_string_member (obj, "type") : NULL;

  if (g_strcmp0 (root_type, "FeatureCollection") == 0)
    {
      JsonNode *fs = json_object_get_member (obj, "features");

      if (fs == NULL || !JSON_NODE_HOLDS_ARRAY (fs))
        {
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE,
                       _("%s: not GeoJSON: the FeatureCollection has no “features” array"), name);
          return FALSE;
        }
      features = json_array_ref (json_node_get_array (fs));
    }
  else if (g_strcmp0 (root_type, "Feature") == 0)
    {
      features = json_array_new ();
      json_array_add_element (features, json_node_copy (root));
    }
  else if (g_strcmp0 (root_type, "Polygon") == 0 || g_strcmp0 (root_type, "MultiPolygon") == 0 ||
           g_strcmp0 (root_type, "Point") == 0)
    {
      JsonObject *f = json_object_new ();

      json_object_set_string_member (f, "type", "Feature");
      json_object_set_member (f, "geometry", json_node_copy (root));
      json_object_set_null_member (f, "properties");
      features = json_array_new ();
      json_array_add_object_element (features, f);
    }
  else
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE,
                   _("%s: not GeoJSON this program can use: the top-level “type” is “%s”; expected a FeatureCollection, Feature, Polygon, MultiPolygon or Point"),
                   name, root_type ? root_type : "");
      return FALSE;
    }

  result->format = g_strdup ("GeoJSON");
  return gj_geojson_import_features (store, path, features, options, progress, user_data,
                                     cancellable, result, error);
}

static gboolean
import_array (GjStore                *store,
              const char             *path,
              JsonArray              *features,
              GArray                 *numbers,
              const char             *kind,
              GjCrs                   crs,
              GjProgressFunc          progress,
              gpointer                user_data,
              guint                   done,
              guint                   total,
              GCancellable           *cancellable,
              GjImportResult         *result,
              GError                **error)
{
  g_autofree char *name = g_filename_display_name (path);
  ImportContext ctx = { 0 };
  gboolean ok = TRUE;

  ctx.store = store;
  ctx.map = gj_io_kind_map (kind);
  ctx.links = gj_links_new (store);
  ctx.seen_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.name = name;
  ctx.crs = crs;
  ctx.basename = g_path_get_basename (path);
  if (strchr (ctx.basename, '.'))
    *strrchr (ctx.basename, '.') = '\0';

  for (guint i = 0; ok && i < json_array_get_length (features); i++)
    {
      /* Errors name the feature's place in the file, not in this share. */
      ctx.index = numbers ? g_array_index (numbers, guint, i) : i + 1;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = import_feature (&ctx, json_array_get_element (features, i), result, error);
      if (progress && (i % 64 == 0 || i + 1 == json_array_get_length (features)))
        progress (done + i + 1, total, user_data);
    }

  gj_links_free (ctx.links);
  g_hash_table_unref (ctx.seen_codes);
  g_hash_table_unref (ctx.columns);
  g_free (ctx.basename);
  return ok;
}

gboolean
gj_geojson_import_features (GjStore                *store,
                            const char             *path,
                            JsonArray              *features,
                            const GjImportOptions  *options,
                            GjProgressFunc          progress,
                            gpointer                user_data,
                            GCancellable           *cancellable,
                            GjImportResult         *result,
                            GError                **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(JsonArray) polygons = NULL;
  g_autoptr(JsonArray) points = NULL;
  g_autoptr(GArray) polygon_numbers = NULL;
  g_autoptr(GArray) point_numbers = NULL;
  GjCrs crs = GJ_CRS_WGS84;
  guint total = json_array_get_length (features);

  if (options->crs != NULL && !gj_crs_from_string (options->crs, &crs))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED,
                   _("%s: unknown coordinate system “%s” (known: wgs84, cgcs2000, gcj02, bd09)"), name, options->crs);
      return FALSE;
    }
  result->encoding = g_strdup ("UTF-8");
  result->crs = crs;

  if (options->kind != NULL)
    {
      result->kind = g_strdup (gj_io_kind_map (options->kind)->kind);
      return import_array (store, path, features, NULL, options->kind, crs, progress, user_data, 0, total,
                           cancellable, result, error);
    }

  /* No kind given: polygons are grids, points are stations; other shapes
   * (lines) have no place in a district and are counted as skipped. */
  polygons = json_array_new ();
  points = json_array_new ();
  polygon_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  point_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < total; i++)
    {
      JsonNode *f = json_array_get_element (features, i);
      const char *type = JSON_NODE_HOLDS_OBJECT (f)
                         ? geometry_type (json_object_get_member (json_node_get_object (f), "geometry")) : NULL;
      guint number = i + 1;

      if (g_strcmp0 (type, "Polygon") == 0 || g_strcmp0 (type, "MultiPolygon") == 0)
        {
          json_array_add_element (polygons, json_node_ref (f));
          g_array_append_val (polygon_numbers, number);
        }
      else if (g_strcmp0 (type, "Point") == 0)
        {
          json_array_add_element (points, json_node_ref (f));
          g_array_append_val (point_numbers, number);
        }
      else
        result->skipped++;
    }

  if (json_array_get_length (polygons) == 0 && json_array_get_length (points) == 0)
    {
      if (total == 0)
        g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: the file holds no features"), name);
      else
        g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_KIND,
                     _("%s: none of its %u features is a polygon (a grid) or a point (a station); lines and empty shapes have no place in a district"),
                     name, total);
      return FALSE;
    }
  result->kind = g_strdup (json_array_get_length (polygons) == 0 ? "stations"
                           : json_array_get_length (points) == 0 ? "grids" : "grids+stations");
  /* Grids first, so stations find the grid they stand in. */
  return import_array (store, path, polygons, polygon_numbers, "grids", crs, progress, user_data, 0, total,
                       cancellable, result, error) &&
         import_array (store, path, points, point_numbers, "stations", crs, progress, user_data,
                       json_array_get_length (polygons), total, cancellable, result, error);
}

/* Export ------------------------------------------------------------------ */

static JsonNode *
ring_node (GjGeometry *g,
           guint       ring,
           gboolean    want_ccw)
{
  guint n;
  const double *xy = gj_geometry_get_ring (g, ring, &n);
  gboolean ccw = gj_geometry_ring_signed_area (g, ring) > 0;
  JsonArray *a = json_array_sized_new (n);

  /* RFC 7946: exteriors counter-clockwise, holes clockwise. */
  for (guint k = 0; k < n; k++)
    {
      guint p = (ccw == want_ccw) ? k : n - 1 - k;
      JsonArray *pos = json_array_sized_new (2);

      json_array_add_double_element (pos, xy[2 * p]);
      json_array_add_double_element (pos, xy[2 * p + 1]);
      json_array_add_array_element (a, pos);
    }
  return json_node_init_array (json_node_alloc (), a);
}

static JsonNode *
geometry_node (GjGeometry *g)
{
  JsonObject *o = json_object_new ();
  JsonArray *coords = json_array_new ();
  guint n_polys = gj_geometry_get_n_polygons (g);

  for (guint p = 0; p < n_polys; p++)
    {
      guint first, n_rings;
      JsonArray *poly = json_array_new ();

      gj_geometry_get_polygon (g, p, &first, &n_rings);
      for (guint r = 0; r < n_rings; r++)
        json_array_add_element (poly, ring_node (g, first + r, r == 0));
      if (n_polys == 1)
        {
          json_array_unref (coords);
          coords = poly;
        }
      else
        json_array_add_array_element (coords, poly);
    }
  json_object_set_string_member (o, "type", n_polys == 1 ? "Polygon" : "MultiPolygon");
  json_object_set_array_member (o, "coordinates", coords);
  return json_node_init_object (json_node_alloc (), o);
}

static void
set_field_member (JsonObject *props,
                  const char *key,
                  GjRecord   *record,
                  const char *field)
{
  const GjField *f;
  guint index;
  const GValue *v;

  f = gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), field, &index);
  v = gj_record_peek_value (record, index);
  if (!G_IS_VALUE (v))
    return;
  switch (f->type)
    {
    case GJ_FIELD_TEXT:
      json_object_set_string_member (props, key, g_value_get_string (v));
      break;
    case GJ_FIELD_INT:
      json_object_set_int_member (props, key, g_value_get_int64 (v));
      break;
    case GJ_FIELD_REAL:
      json_object_set_double_member (props, key, g_value_get_double (v));
      break;
    case GJ_FIELD_BOOL:
      json_object_set_boolean_member (props, key, g_value_get_boolean (v));
      break;
    case GJ_FIELD_GEOMETRY:
    default:
      break;
    }
}

/* Properties: what the source file had that we keep, then our fields. */
JsonObject *
gj_io_record_properties (const GjKindMap *map,
                         GjLinks         *links,
                         GjRecord        *record)
{
  JsonObject *props = NULL;
  const char *extra = gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), "extra", NULL)
                      ? gj_record_get_text (record, "extra") : NULL;

  if (extra != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, extra, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        props = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }
  if (props == NULL)
    props = json_object_new ();

  for (guint i = 0; i < map->n_columns; i++)
    {
      const GjColumn *col = &map->columns[i];
      g_autofree char *key = gj_io_column_key (col);

      switch (col->role)
        {
        case GJ_COLUMN_FIELD:
          set_field_member (props, key, record, col->field);
          break;
        case GJ_COLUMN_JSON_LIST:
          {
            const char *text = gj_record_get_text (record, col->field);
            g_autoptr(JsonParser) parser = json_parser_new ();

            if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL))
              json_object_set_member (props, key, json_node_copy (json_parser_get_root (parser)));
            else if (text != NULL)
              json_object_set_string_member (props, key, text);
          }
          break;
        case GJ_COLUMN_STREET_CODE:
        case GJ_COLUMN_STREET_NAME:
        case GJ_COLUMN_COMMUNITY_CODE:
        case GJ_COLUMN_COMMUNITY_NAME:
        case GJ_COLUMN_DISTRICT_CODE:
        case GJ_COLUMN_DISTRICT_NAME:
        case GJ_COLUMN_GRID_CODE:
        case GJ_COLUMN_UNIT_CODE:
        case GJ_COLUMN_UNIT_NAME:
        case GJ_COLUMN_LEAD_UNIT_CODE:
        case GJ_COLUMN_AGREEMENT_STATUS:
        case GJ_COLUMN_UUID:
          {
            const char *text = gj_links_lookup (links, record, col->role);

            if (text != NULL)
              json_object_set_string_member (props, key, text);
          }
          break;
        default:
          break;
        }
    }
  return props;
}

gboolean
gj_geojson_export (GjStore         *store,
                   const char      *path,
                   const char      *kind,
                   GjProgressFunc   progress,
                   gpointer         user_data,
                   GCancellable    *cancellable,
                   guint           *n_written,
                   GError         **error)
{
  const GjKindMap *map = gj_io_kind_map (kind);
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) fout = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  GjLinks *links;
  guint n;
  gboolean ok = TRUE;

  records = gj_store_list (store, map->get_type (), error);
  if (records == NULL)
    return FALSE;

  /* g_file_replace writes beside the target and renames on close. */
  fout = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (fout == NULL)
    return FALSE;
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (fout), 1 << 16);

  links = gj_links_new (store);
  n = g_list_model_get_n_items (records);
  ok = g_output_stream_printf (out, NULL, cancellable, error,
                               "{\"type\":\"FeatureCollection\",\"name\":\"%s\",\"features\":[\n", map->kind);
  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr(GjRecord) record = g_list_model_get_item (records, i);
      g_autoptr(JsonObject) feature = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      JsonObject *props = gj_io_record_properties (map, links, record);
      GjGeometry *g = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      json_object_set_string_member (feature, "type", "Feature");
      if (gj_record_get_text (record, "code"))
        json_object_set_string_member (feature, "id", gj_record_get_text (record, "code"));
      json_object_set_object_member (feature, "properties", props);
      if (gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), "geometry", NULL))
        g = gj_record_get_geometry (record, "geometry");
      if (g != NULL)
        json_object_set_member (feature, "geometry", geometry_node (g));
      else if (gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), "lon", NULL) &&
               !gj_record_is_null (record, "lon") && !gj_record_is_null (record, "lat"))
        {
          JsonObject *pt = json_object_new ();
          JsonArray *c = json_array_sized_new (2);

          json_array_add_double_element (c, gj_record_get_real (record, "lon"));
          json_array_add_double_element (c, gj_record_get_real (record, "lat"));
          json_object_set_string_member (pt, "type", "Point");
          json_object_set_array_member (pt, "coordinates", c);
          json_object_set_object_member (feature, "geometry", pt);
        }
      else
        json_object_set_null_member (feature, "geometry");

      node = json_node_init_object (json_node_alloc (), feature);
      json_generator_set_root (gen, node);
      text = json_generator_to_data (gen, NULL);
      ok = g_output_stream_printf (out, NULL, cancellable, error, "%s%s\n", text, i + 1 < n ? "," : "");
      if (progress && (i % 64 == 0 || i + 1 == n))
        progress (i + 1, n, user_data);
    }
  if (ok)
    ok = g_output_stream_printf (out, NULL, cancellable, error, "]}\n");
  gj_links_free (links);

  if (!ok)
    {
      /* Cancelling the close keeps the old file (or none) in place. */
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (out, abort, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (out, cancellable, error))
    return FALSE;
  if (n_written)
    *n_written = n;
  return TRUE;
}
