/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GeoJSON (RFC 7946) in and out: read through GjJsonDoc, written with json-glib. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gj-coords.h"
#include "gj-geometry.h"
#include "gj-io-private.h"
#include "gj-json-doc.h"

#define MAX_DEPTH 64
/* Below this many polygons a helper thread costs more than it saves. */
#define MIN_POLYGONS_FOR_HELPERS 256
#define MAX_HELPERS 4

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

  /* Helper threads read ahead without an error: the import reads a
   * failing feature again, in its turn, to say what is wrong. */
  if (error == NULL)
    return FALSE;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: feature %u: %s"), ctx->name, ctx->index, msg);
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

/* "line 3, column 15: unexpected character “x”" */
static char *
describe_json_problem (const char    *data,
                       gsize          len,
                       GjJsonProblem  problem,
                       gsize          offset)
{
  g_autofree char *what = NULL;
  const char *line_start = data + offset;
  glong column;

  while (line_start > data && line_start[-1] != '\n')
    line_start--;
  column = g_utf8_strlen (line_start, data + offset - line_start) + 1;

  switch (problem)
    {
    case GJ_JSON_PROBLEM_END:
      what = g_strdup (_("the file ends in the middle of a value"));
      break;
    case GJ_JSON_PROBLEM_STRING:
      what = g_strdup (_("a control character or a bad escape in a string"));
      break;
    case GJ_JSON_PROBLEM_NUMBER:
      what = g_strdup (_("a malformed number"));
      break;
    case GJ_JSON_PROBLEM_TRAILING:
      what = g_strdup (_("more text after the end of the JSON value"));
      break;
    case GJ_JSON_PROBLEM_UNEXPECTED:
    case GJ_JSON_PROBLEM_EMPTY:
    case GJ_JSON_PROBLEM_DEPTH:
    case GJ_JSON_PROBLEM_NONE:
    default:
      {
        char c[8] = { 0 };

        if (offset < len)
          g_unichar_to_utf8 (g_utf8_get_char (data + offset), c);
        what = g_strdup_printf (_("unexpected character “%s”"), c);
      }
      break;
    }
  return g_strdup_printf (_("line %u, column %ld: %s"), line_of_offset (data, offset), column, what);
}

static gboolean
read_position (ImportContext      *ctx,
               const GjJsonValue  *node,
               double             *x,
               double             *y,
               GError            **error)
{
  if (node->type != GJ_JSON_ARRAY)
    return feature_error (ctx, error, _("geometry: a position is not an array of numbers"));
  if (node->length < 2)
    return feature_error (ctx, error, _("geometry: a position has fewer than two numbers"));
  for (guint32 i = 0; i < node->length; i++)
    if (!gj_json_value_is_number (&node->v.elements[i]))
      return feature_error (ctx, error, _("geometry: a coordinate is not a number"));
  /* A third (height) coordinate is dropped: grids are flat. */
  *x = gj_json_value_get_number (&node->v.elements[0]);
  *y = gj_json_value_get_number (&node->v.elements[1]);
  if (ctx->crs != GJ_CRS_WGS84)
    gj_coords_to_wgs84 (ctx->crs, *x, *y, x, y);
  return TRUE;
}

static gboolean
read_rings (ImportContext      *ctx,
            const GjJsonValue  *node,
            GjGeometry         *geometry,
            GError            **error)
{
  if (node->type != GJ_JSON_ARRAY)
    return feature_error (ctx, error, _("geometry: a polygon is not an array of rings"));
  if (node->length == 0)
    return feature_error (ctx, error, _("geometry: a polygon has no rings"));

  gj_geometry_begin_polygon (geometry);
  for (guint32 r = 0; r < node->length; r++)
    {
      const GjJsonValue *ring = &node->v.elements[r];

      if (ring->type != GJ_JSON_ARRAY)
        return feature_error (ctx, error, _("geometry: a ring is not an array of positions"));
      gj_geometry_begin_ring (geometry);
      for (guint32 p = 0; p < ring->length; p++)
        {
          double x, y;

          if (!read_position (ctx, &ring->v.elements[p], &x, &y, error))
            return FALSE;
          gj_geometry_add_point (geometry, x, y);
        }
    }
  return TRUE;
}

static const char *
geometry_type (const GjJsonValue *geometry)
{
  return gj_json_value_get_string_member (geometry, "type");
}

static GjGeometry *
read_polygonal (ImportContext      *ctx,
                const GjJsonValue  *node,
                GError            **error)
{
  const char *type = geometry_type (node);
  g_autoptr(GjGeometry) geometry = NULL;
  const GjJsonValue *coords;
  g_autofree char *reason = NULL;

  if (node == NULL || node->type == GJ_JSON_NULL)
    {
      feature_error (ctx, error, _("geometry is null; a grid needs a Polygon or MultiPolygon"));
      return NULL;
    }
  if (type == NULL)
    {
      feature_error (ctx, error, _("geometry has no “type”"));
      return NULL;
    }
  coords = gj_json_value_get_member (node, "coordinates");
  if (coords == NULL || coords->type != GJ_JSON_ARRAY)
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
      geometry = gj_geometry_new (GJ_GEOMETRY_MULTI_POLYGON);
      if (coords->length == 0)
        {
          feature_error (ctx, error, _("geometry: the MultiPolygon is empty"));
          return NULL;
        }
      for (guint32 i = 0; i < coords->length; i++)
        if (!read_rings (ctx, &coords->v.elements[i], geometry, error))
          return NULL;
    }
  else
    {
      feature_error (ctx, error, _("geometry is a %s; a grid needs a Polygon or MultiPolygon"), type);
      return NULL;
    }

  if (!gj_geometry_check_basic (geometry, error ? &reason : NULL))
    {
      feature_error (ctx, error, _("geometry: %s"), reason);
      return NULL;
    }
  return g_steal_pointer (&geometry);
}

static gboolean
read_point (ImportContext      *ctx,
            const GjJsonValue  *node,
            GjRecord           *record,
            GError            **error)
{
  const char *type = geometry_type (node);
  const GjJsonValue *coords;
  double x, y;

  if (node == NULL || node->type == GJ_JSON_NULL)
    return TRUE; /* a station without a place yet */
  if (type == NULL || strcmp (type, "Point") != 0)
    return feature_error (ctx, error, _("geometry is a %s; a station or unit needs a Point"), type ? type : "?");
  coords = gj_json_value_get_member (node, "coordinates");
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

/* The property's value as text, for text fields and place names: a string
 * as it is, anything else written into *@owned. NULL for null or none. */
static const char *
value_text (const GjJsonValue  *value,
            char              **owned)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  *owned = NULL;
  if (value == NULL)
    return NULL;
  switch (value->type)
    {
    case GJ_JSON_NULL:
      return NULL;
    case GJ_JSON_STRING:
      return value->v.string;
    case GJ_JSON_INT:
      *owned = g_strdup_printf ("%" G_GINT64_FORMAT, value->v.integer);
      break;
    case GJ_JSON_DOUBLE:
      *owned = g_strdup (g_ascii_dtostr (buf, sizeof buf, value->v.real));
      break;
    case GJ_JSON_BOOLEAN:
      *owned = g_strdup (value->v.boolean ? "true" : "false");
      break;
    case GJ_JSON_ARRAY:
    case GJ_JSON_OBJECT:
    default:
      {
        g_autoptr(JsonNode) node = gj_json_value_to_node (value);

        *owned = json_to_string (node, FALSE);
      }
      break;
    }
  return *owned;
}

/* The same, kept in @texts for as long as the feature is read. */
static const char *
keep_text (GPtrArray         *texts,
           const GjJsonValue *value)
{
  char *owned;
  const char *text = value_text (value, &owned);

  if (owned != NULL)
    g_ptr_array_add (texts, owned);
  return text;
}

static gboolean
set_from_value (ImportContext      *ctx,
                GjRecord           *record,
                const char         *key,
                const char         *field,
                const GjJsonValue  *value,
                GError            **error)
{
  const GjField *f = gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), field, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *owned = NULL;
  gboolean single;

  if (value == NULL || value->type == GJ_JSON_NULL)
    {
      gj_record_set_null (record, field);
      return TRUE;
    }
  single = value->type != GJ_JSON_ARRAY && value->type != GJ_JSON_OBJECT;
  if (single && f->type == GJ_FIELD_REAL && gj_json_value_is_number (value))
    {
      gj_record_set_real (record, field, gj_json_value_get_number (value));
      return TRUE;
    }
  if (single && f->type == GJ_FIELD_INT && value->type == GJ_JSON_INT)
    {
      gj_record_set_int (record, field, value->v.integer);
      return TRUE;
    }
  if (!single && f->type != GJ_FIELD_TEXT)
    return feature_error (ctx, error, _("property “%s”: expected a single value"), key);

  if (!gj_io_set_field_from_text (record, field, value_text (value, &owned), &local_error))
    return feature_error (ctx, error, _("property “%s”: %s"), key, local_error->message);
  return TRUE;
}

/* @geometry: the feature's shape read ahead by a helper thread, or NULL. */
static gboolean
import_feature (ImportContext      *ctx,
                const GjJsonValue  *feature,
                GjGeometry         *geometry,
                GjImportResult     *result,
                GError            **error)
{
  g_autoptr(GjRecord) record = g_object_new (ctx->map->get_type (), NULL);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GjGeometry) prepared = geometry;
  GjRowRefs refs = { { NULL } };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const GjJsonValue *geometry_node, *props = NULL, *props_node;
  gboolean polygonal = strcmp (ctx->map->kind, "grids") == 0;

  if (feature->type != GJ_JSON_OBJECT)
    return feature_error (ctx, error, _("not a JSON object"));
  if (g_strcmp0 (gj_json_value_get_string_member (feature, "type"), "Feature") != 0)
    return feature_error (ctx, error, _("its “type” is not “Feature”"));

  geometry_node = gj_json_value_get_member (feature, "geometry");
  if (geometry_node == NULL)
    return feature_error (ctx, error, _("it has no “geometry” member"));

  props_node = gj_json_value_get_member (feature, "properties");
  if (props_node != NULL && props_node->type == GJ_JSON_OBJECT)
    props = props_node;
  else if (props_node != NULL && props_node->type != GJ_JSON_NULL)
    return feature_error (ctx, error, _("its “properties” is not an object"));

  for (guint32 i = 0; props != NULL && i < props->length; i++)
    {
      const char *key = props->v.members[i].name;
      const GjJsonValue *value = &props->v.members[i].value;
      const GjColumn *col = find_column (ctx, key);

      if (col == NULL)
        {
          json_object_set_member (extra, key, gj_json_value_to_node (value));
          continue;
        }
      switch (col->role)
        {
        case GJ_COLUMN_UUID:
          refs.uuid = keep_text (texts, value);
          break;
        case GJ_COLUMN_FIELD:
        case GJ_COLUMN_AGREEMENT_STATUS:
          if (!set_from_value (ctx, record, key, col->field, value, error))
            return FALSE;
          break;
        case GJ_COLUMN_JSON_LIST:
          if (value->type != GJ_JSON_NULL)
            {
              g_autoptr(JsonNode) node = gj_json_value_to_node (value);
              g_autofree char *json = json_to_string (node, FALSE);

              gj_record_set_text (record, col->field, json);
            }
          break;
        case GJ_COLUMN_GRID_CODE:
          refs.grid_code = keep_text (texts, value);
          break;
        case GJ_COLUMN_UNIT_CODE:
          refs.unit_code = keep_text (texts, value);
          break;
        case GJ_COLUMN_LEAD_UNIT_CODE:
          refs.lead_unit_code = keep_text (texts, value);
          break;
        case GJ_COLUMN_UNIT_NAME:
          refs.unit_name = keep_text (texts, value);
          break;
        case GJ_COLUMN_STREET_CODE:
        case GJ_COLUMN_STREET_NAME:
        case GJ_COLUMN_COMMUNITY_CODE:
        case GJ_COLUMN_COMMUNITY_NAME:
        case GJ_COLUMN_DISTRICT_CODE:
        case GJ_COLUMN_DISTRICT_NAME:
          refs.places[col->role] = keep_text (texts, value);
          break;
        default:
          break;
        }
    }

  /* A grid needs a code: the feature's id, else the file name and number. */
  if (gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), "code", NULL) &&
      gj_record_get_text (record, "code") == NULL)
    {
      g_autofree char *fallback = NULL;
      const char *code = keep_text (texts, gj_json_value_get_member (feature, "id"));

      if (code == NULL && polygonal)
        code = fallback = g_strdup_printf ("%s-%u", ctx->basename, ctx->index);
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
        code = keep_text (texts, gj_json_value_get_member (feature, "id"));
      if (code == NULL)
        code = fallback = g_strdup_printf ("%s-%u", ctx->basename, ctx->index);
      gj_record_set_text (record, "name", code);
    }

  if (polygonal)
    {
      g_autoptr(GjGeometry) g = prepared ? g_steal_pointer (&prepared) : read_polygonal (ctx, geometry_node, error);

      if (g == NULL)
        return FALSE;
      gj_record_set_geometry (record, "geometry", g);
    }
  else if (!read_point (ctx, geometry_node, record, error))
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

/* Helper threads ---------------------------------------------------------- */

/*
 * Reading a grid's rings and working out its geodesic area (PROJ) is about
 * a third of an import's work, and each feature's is independent of the
 * others'. Helper threads read the polygons in file order, ahead of the
 * import; a polygon no helper has reached when the import needs it, the
 * import reads itself (and the helpers skip it). The area stays with the
 * geometry, so the store's write does not compute it again. A shape a
 * helper finds faulty the import reads again in its turn, to say what is
 * wrong. The records, the links and the database stay on the import's
 * thread, in file order.
 */

enum
{
  SHAPE_PENDING,
  SHAPE_TAKEN,     /* being read, by a helper or by the import */
  SHAPE_READY,     /* a helper left it in shapes[] (NULL: it is faulty) */
};

typedef struct
{
  const GjJsonValue *const *features;
  guint                     n;
  GjCrs                     crs;
  GjGeometry              **shapes;
  int                      *state;
  int                       next;   /* the helpers' next feature */
  int                       stop;
  GPtrArray                *threads;
} Helpers;

static gpointer
helper_thread (gpointer data)
{
  Helpers *h = data;
  ImportContext quiet = { 0 };

  quiet.crs = h->crs;
  while (!g_atomic_int_get (&h->stop))
    {
      int i = g_atomic_int_add (&h->next, 1);
      GjGeometry *g;

      if (i >= (int) h->n)
        break;
      if (!g_atomic_int_compare_and_exchange (&h->state[i], SHAPE_PENDING, SHAPE_TAKEN))
        continue;
      g = read_polygonal (&quiet, gj_json_value_get_member (h->features[i], "geometry"), NULL);
      if (g != NULL)
        gj_geometry_geodesic_area (g);
      h->shapes[i] = g;
      g_atomic_int_set (&h->state[i], SHAPE_READY);
    }
  return NULL;
}

static Helpers *
helpers_start (const GjJsonValue *const *features,
               guint                     n,
               GjCrs                     crs)
{
  guint n_threads = MIN (g_get_num_processors () - 1, MAX_HELPERS);
  Helpers *h;

  if (n < MIN_POLYGONS_FOR_HELPERS || n > G_MAXINT || n_threads == 0)
    return NULL;

  h = g_new0 (Helpers, 1);
  h->features = features;
  h->n = n;
  h->crs = crs;
  h->shapes = g_new0 (GjGeometry *, n);
  h->state = g_new0 (int, n);
  h->next = 0;
  h->threads = g_ptr_array_new ();
  for (guint i = 0; i < n_threads; i++)
    {
      GThread *thread = g_thread_try_new ("gj-import-shapes", helper_thread, h, NULL);

      if (thread != NULL)
        g_ptr_array_add (h->threads, thread);
    }
  return h;
}

/* Feature @i's shape if a helper read it; NULL when the import reads it itself. */
static GjGeometry *
helpers_take (Helpers *h,
              guint    i)
{
  if (h == NULL || g_atomic_int_compare_and_exchange (&h->state[i], SHAPE_PENDING, SHAPE_TAKEN))
    return NULL;
  /* A helper is on it: one polygon's work. */
  while (g_atomic_int_get (&h->state[i]) != SHAPE_READY)
    g_thread_yield ();
  return g_steal_pointer (&h->shapes[i]);
}

static void
helpers_stop (Helpers *h)
{
  if (h == NULL)
    return;
  g_atomic_int_set (&h->stop, 1);
  for (guint i = 0; i < h->threads->len; i++)
    g_thread_join (h->threads->pdata[i]);
  g_ptr_array_unref (h->threads);
  for (guint i = 0; i < h->n; i++)
    g_clear_pointer (&h->shapes[i], gj_geometry_unref);
  g_free (h->shapes);
  g_free (h->state);
  g_free (h);
}

/* Import ------------------------------------------------------------------ */

static gboolean
import_array (GjStore                  *store,
              const char               *path,
              const GjJsonValue *const *features,
              const guint              *numbers,
              guint                     n,
              const char               *kind,
              GjCrs                     crs,
              GjProgressFunc            progress,
              gpointer                  user_data,
              guint                     done,
              guint                     total,
              GCancellable             *cancellable,
              GjImportResult           *result,
              GError                  **error)
{
  g_autofree char *name = g_filename_display_name (path);
  ImportContext ctx = { 0 };
  Helpers *helpers = NULL;
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

  if (strcmp (ctx.map->kind, "grids") == 0)
    helpers = helpers_start (features, n, crs);

  for (guint i = 0; ok && i < n; i++)
    {
      /* Errors name the feature's place in the file, not in this share. */
      ctx.index = numbers ? numbers[i] : i + 1;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = import_feature (&ctx, features[i], helpers_take (helpers, i), result, error);
      if (progress && (i % 64 == 0 || i + 1 == n))
        progress (done + i + 1, total, user_data);
    }

  helpers_stop (helpers);
  gj_links_free (ctx.links);
  g_hash_table_unref (ctx.seen_codes);
  g_hash_table_unref (ctx.columns);
  g_free (ctx.basename);
  return ok;
}

/* @features: a JSON array of GeoJSON Feature objects. */
static gboolean
import_features (GjStore                *store,
                 const char             *path,
                 const GjJsonValue      *features,
                 const GjImportOptions  *options,
                 GjProgressFunc          progress,
                 gpointer                user_data,
                 GCancellable           *cancellable,
                 GjImportResult         *result,
                 GError                **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GPtrArray) polygons = NULL;
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GArray) polygon_numbers = NULL;
  g_autoptr(GArray) point_numbers = NULL;
  GjCrs crs = GJ_CRS_WGS84;
  guint total = features->length;

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
      g_autoptr(GPtrArray) all = g_ptr_array_sized_new (total);

      for (guint i = 0; i < total; i++)
        g_ptr_array_add (all, (gpointer) &features->v.elements[i]);
      result->kind = g_strdup (gj_io_kind_map (options->kind)->kind);
      return import_array (store, path, (const GjJsonValue *const *) all->pdata, NULL, total, options->kind, crs,
                           progress, user_data, 0, total, cancellable, result, error);
    }

  /* No kind given: polygons are grids, points are stations; other shapes
   * (lines) have no place in a district and are counted as skipped. */
  polygons = g_ptr_array_sized_new (total);
  points = g_ptr_array_new ();
  polygon_numbers = g_array_sized_new (FALSE, FALSE, sizeof (guint), total);
  point_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < total; i++)
    {
      const GjJsonValue *f = &features->v.elements[i];
      const char *type = geometry_type (gj_json_value_get_member (f, "geometry"));
      guint number = i + 1;

      if (g_strcmp0 (type, "Polygon") == 0 || g_strcmp0 (type, "MultiPolygon") == 0)
        {
          g_ptr_array_add (polygons, (gpointer) f);
          g_array_append_val (polygon_numbers, number);
        }
      else if (g_strcmp0 (type, "Point") == 0)
        {
          g_ptr_array_add (points, (gpointer) f);
          g_array_append_val (point_numbers, number);
        }
      else
        result->skipped++;
    }

  if (polygons->len == 0 && points->len == 0)
    {
      if (total == 0)
        g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: the file holds no features"), name);
      else
        g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_KIND,
                     _("%s: none of its %u features is a polygon (a grid) or a point (a station); lines and empty shapes have no place in a district"),
                     name, total);
      return FALSE;
    }
  result->kind = g_strdup (polygons->len == 0 ? "stations" : points->len == 0 ? "grids" : "grids+stations");
  /* Grids first, so stations find the grid they stand in. */
  return import_array (store, path, (const GjJsonValue *const *) polygons->pdata, (const guint *) polygon_numbers->data,
                       polygons->len, "grids", crs, progress, user_data, 0, total, cancellable, result, error) &&
         import_array (store, path, (const GjJsonValue *const *) points->pdata, (const guint *) point_numbers->data,
                       points->len, "stations", crs, progress, user_data, polygons->len, total, cancellable,
                       result, error);
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
  g_autoptr(GjJsonDoc) doc = NULL;
  g_autofree char *name = g_filename_display_name (path);
  const char *data, *end;
  const char *root_type;
  const GjJsonValue *root;
  GjJsonProblem problem;
  gsize len, offset;
  /* A lone Feature or geometry is read as a collection of one. */
  GjJsonMember wrapper[3];
  GjJsonValue feature, one;

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

  doc = gj_json_doc_parse (data, len, MAX_DEPTH, &problem, &offset);
  if (doc == NULL && problem == GJ_JSON_PROBLEM_DEPTH)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE,
                   _("%s: not GeoJSON: arrays or objects nested more than %d deep"), name, MAX_DEPTH);
      return FALSE;
    }
  if (doc == NULL && problem != GJ_JSON_PROBLEM_EMPTY)
    {
      g_autofree char *detail = describe_json_problem (data, len, problem, offset);

      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: not valid JSON: %s"), name, detail);
      return FALSE;
    }

  root = doc ? gj_json_doc_get_root (doc) : NULL;
  if (root == NULL || root->type != GJ_JSON_OBJECT)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: not GeoJSON: the top level is not an object"), name);
      return FALSE;
    }
  root_type = gj_json_value_get_string_member (root, "type");

  one.type = GJ_JSON_ARRAY;
  one.length = 1;
  if (g_strcmp0 (root_type, "FeatureCollection") == 0)
    {
      const GjJsonValue *fs = gj_json_value_get_member (root, "features");

      if (fs == NULL || fs->type != GJ_JSON_ARRAY)
        {
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE,
                       _("%s: not GeoJSON: the FeatureCollection has no “features” array"), name);
          return FALSE;
        }
      one = *fs;
    }
  else if (g_strcmp0 (root_type, "Feature") == 0)
    one.v.elements = root;
  else if (g_strcmp0 (root_type, "Polygon") == 0 || g_strcmp0 (root_type, "MultiPolygon") == 0 ||
           g_strcmp0 (root_type, "Point") == 0)
    {
      wrapper[0].name = "type";
      wrapper[0].value.type = GJ_JSON_STRING;
      wrapper[0].value.length = strlen ("Feature");
      wrapper[0].value.v.string = "Feature";
      wrapper[1].name = "geometry";
      wrapper[1].value = *root;
      wrapper[2].name = "properties";
      wrapper[2].value.type = GJ_JSON_NULL;
      wrapper[2].value.length = 0;
      wrapper[2].value.v.string = NULL;
      feature.type = GJ_JSON_OBJECT;
      feature.length = G_N_ELEMENTS (wrapper);
      feature.v.members = wrapper;
      one.v.elements = &feature;
    }
  else
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE,
                   _("%s: not GeoJSON this program can use: the top-level “type” is “%s”; expected a FeatureCollection, Feature, Polygon, MultiPolygon or Point"),
                   name, root_type ? root_type : "");
      return FALSE;
    }

  result->format = g_strdup ("GeoJSON");
  return import_features (store, path, &one, options, progress, user_data, cancellable, result, error);
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
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), features);
  g_autoptr(GjJsonDoc) doc = gj_json_doc_new_from_node (node);

  return import_features (store, path, gj_json_doc_get_root (doc), options, progress, user_data,
                          cancellable, result, error);
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
