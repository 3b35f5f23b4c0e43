/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * KML (OGC 07-147r2) import, as Google Earth, 奥维互动地图 and GIS tools
 * write it: Placemarks (in Documents and Folders at any depth) with a name,
 * description, ExtendedData (Data/value and SchemaData/SimpleData), and a
 * Polygon, MultiGeometry of Polygons, or Point. GLib's GMarkup reads the
 * XML; each Placemark becomes a GeoJSON feature for the common importer.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gj-io-private.h"

typedef struct
{
  const char  *name;           /* display name of the file */
  JsonArray   *features;
  JsonObject  *placemark;      /* the Placemark being read */
  JsonObject  *props;
  GPtrArray   *polygons;       /* JsonArray* of rings, for this Placemark */
  JsonArray   *polygon;        /* rings of the Polygon being read */
  JsonArray   *point;
  char        *other_type;     /* LineString …: kept to say what it was */
  char        *data_name;      /* Data name= / SimpleData name= */
  GString     *text;
  GPtrArray   *stack;          /* element names, prefix stripped */
  gboolean     saw_kml;
} KmlReader;

static const char *
local_name (const char *element)
{
  const char *colon = strrchr (element, ':');

  return colon ? colon + 1 : element;
}

static const char *
parent (KmlReader *r,
        guint      up)
{
  return r->stack->len > up ? r->stack->pdata[r->stack->len - 1 - up] : "";
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  KmlReader *r = user_data;
  const char *el = local_name (element);

  g_ptr_array_add (r->stack, g_strdup (el));
  g_string_truncate (r->text, 0);

  if (strcmp (el, "kml") == 0)
    r->saw_kml = TRUE;
  else if (strcmp (el, "Placemark") == 0)
    {
      r->placemark = json_object_new ();
      r->props = json_object_new ();
      r->polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) json_array_unref);
      g_clear_pointer (&r->point, json_array_unref);
      g_clear_pointer (&r->other_type, g_free);
    }
  else if (r->placemark == NULL)
    return;
  else if (strcmp (el, "Polygon") == 0)
    r->polygon = json_array_new ();
  else if (strcmp (el, "LineString") == 0 || strcmp (el, "LinearRing") == 0 ||
           strcmp (el, "Track") == 0 || strcmp (el, "MultiTrack") == 0 || strcmp (el, "Model") == 0)
    {
      /* A LinearRing inside a Polygon is the Polygon's; elsewhere it is a line. */
      if (r->polygon == NULL && r->other_type == NULL)
        r->other_type = g_strdup (el);
    }
  else if (strcmp (el, "Data") == 0 || strcmp (el, "SimpleData") == 0)
    {
      g_free (r->data_name);
      r->data_name = NULL;
      for (guint i = 0; names[i]; i++)
        if (strcmp (names[i], "name") == 0)
          r->data_name = g_strdup (values[i]);
    }
}

/* "lon,lat[,alt] lon,lat …" → positions; FALSE on anything else. */
static JsonArray *
parse_coordinates (const char *text,
                   char      **bad)
{
  g_auto(GStrv) tuples = g_strsplit_set (text, " \t\r\n", -1);
  JsonArray *positions = json_array_new ();

  for (guint i = 0; tuples[i]; i++)
    {
      g_auto(GStrv) parts = NULL;
      JsonArray *pos;

      if (*tuples[i] == '\0')
        continue;
      parts = g_strsplit (tuples[i], ",", -1);
      if (g_strv_length (parts) < 2)
        {
          *bad = g_strdup (tuples[i]);
          json_array_unref (positions);
          return NULL;
        }
      pos = json_array_new ();
      for (guint k = 0; k < 2; k++)
        {
          char *end = NULL;
          double v = g_ascii_strtod (parts[k], &end);

          if (end == parts[k] || *end != '\0')
            {
              *bad = g_strdup (tuples[i]);
              json_array_unref (pos);
              json_array_unref (positions);
              return NULL;
            }
          json_array_add_double_element (pos, v);
        }
      json_array_add_array_element (positions, pos);
    }
  return positions;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  KmlReader *r = user_data;
  const char *el = local_name (element);
  g_autofree char *text = g_strstrip (g_strdup (r->text->str));

  if (r->placemark == NULL)
    goto pop;

  if (strcmp (el, "coordinates") == 0)
    {
      g_autofree char *bad = NULL;
      JsonArray *positions = parse_coordinates (text, &bad);
      int line, column;

      if (positions == NULL)
        {
          g_markup_parse_context_get_position (context, &line, &column);
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       _("line %d: “%s” is not a coordinate (longitude,latitude[,height])"), line, bad);
          goto pop;
        }
      if (r->polygon != NULL && strcmp (parent (r, 1), "LinearRing") == 0)
        {
          /* The schema puts outerBoundaryIs before innerBoundaryIs. */
          json_array_add_array_element (r->polygon, positions);
        }
      else if (strcmp (parent (r, 1), "Point") == 0)
        {
          g_clear_pointer (&r->point, json_array_unref);
          r->point = json_array_get_length (positions) > 0
                     ? json_array_ref (json_array_get_array_element (positions, 0)) : NULL;
          json_array_unref (positions);
        }
      else
        json_array_unref (positions);
    }
  else if (strcmp (el, "Polygon") == 0 && r->polygon != NULL)
    {
      g_ptr_array_add (r->polygons, r->polygon);
      r->polygon = NULL;
    }
  else if ((strcmp (el, "name") == 0 || strcmp (el, "description") == 0) && strcmp (parent (r, 1), "Placemark") == 0)
    json_object_set_string_member (r->props, el, text);
  else if (strcmp (el, "value") == 0 && strcmp (parent (r, 1), "Data") == 0 && r->data_name != NULL)
    json_object_set_string_member (r->props, r->data_name, text);
  else if (strcmp (el, "SimpleData") == 0 && r->data_name != NULL)
    json_object_set_string_member (r->props, r->data_name, text);
  else if (strcmp (el, "Placemark") == 0)
    {
      JsonObject *geometry = NULL;

      json_object_set_string_member (r->placemark, "type", "Feature");
      if (r->polygons->len == 1)
        {
          geometry = json_object_new ();
          json_object_set_string_member (geometry, "type", "Polygon");
          json_object_set_array_member (geometry, "coordinates", json_array_ref (r->polygons->pdata[0]));
        }
      else if (r->polygons->len > 1)
        {
          JsonArray *multi = json_array_new ();

          for (guint i = 0; i < r->polygons->len; i++)
            json_array_add_array_element (multi, json_array_ref (r->polygons->pdata[i]));
          geometry = json_object_new ();
          json_object_set_string_member (geometry, "type", "MultiPolygon");
          json_object_set_array_member (geometry, "coordinates", multi);
        }
      else if (r->point != NULL)
        {
          geometry = json_object_new ();
          json_object_set_string_member (geometry, "type", "Point");
          json_object_set_array_member (geometry, "coordinates", g_steal_pointer (&r->point));
        }
      else if (r->other_type != NULL)
        {
          geometry = json_object_new ();
          json_object_set_string_member (geometry, "type", r->other_type);
          json_object_set_array_member (geometry, "coordinates", json_array_new ());
        }

      if (geometry != NULL)
        json_object_set_object_member (r->placemark, "geometry", geometry);
      else
        json_object_set_null_member (r->placemark, "geometry");
      json_object_set_object_member (r->placemark, "properties", g_steal_pointer (&r->props));
      json_array_add_object_element (r->features, g_steal_pointer (&r->placemark));
      g_clear_pointer (&r->polygons, g_ptr_array_unref);
      g_clear_pointer (&r->point, json_array_unref);
    }

pop:
  g_string_truncate (r->text, 0);
  if (r->stack->len > 0)
    g_ptr_array_set_size (r->stack, r->stack->len - 1);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  KmlReader *r = user_data;

  /* CDATA arrives here too. */
  g_string_append_len (r->text, text, len);
}

static const GMarkupParser parser = { start_element, end_element, text_cb, NULL, NULL };

gboolean
gj_kml_import (GjStore                *store,
               const char             *path,
               GBytes                 *bytes,
               const GjImportOptions  *options,
               GjProgressFunc          progress,
               gpointer                user_data,
               GCancellable           *cancellable,
               GjImportResult         *result,
               GError                **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GError) local_error = NULL;
  KmlReader r = { 0 };
  GMarkupParseContext *context;
  const char *data;
  gsize len;
  gboolean ok;

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_ENCODING, _("%s: not UTF-8 text; KML must be UTF-8"), name);
      return FALSE;
    }
  /* GMarkup does not take the XML declaration's encoding or a BOM. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  r.name = name;
  r.features = json_array_new ();
  r.text = g_string_new (NULL);
  r.stack = g_ptr_array_new_with_free_func (g_free);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT | G_MARKUP_PREFIX_ERROR_POSITION, &r, NULL);
  ok = g_markup_parse_context_parse (context, data, len, &local_error) &&
       g_markup_parse_context_end_parse (context, &local_error);
  g_markup_parse_context_free (context);

  if (ok && !r.saw_kml)
    {
      ok = FALSE;
      g_set_error_literal (&local_error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, _("there is no <kml> element"));
    }
  if (ok && json_array_get_length (r.features) == 0)
    {
      ok = FALSE;
      g_set_error_literal (&local_error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, _("it holds no Placemark"));
    }

  if (!ok)
    g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: not valid KML: %s"), name, local_error->message);
  else
    {
      result->format = g_strdup ("KML");
      ok = gj_geojson_import_features (store, path, r.features, options, progress, user_data, cancellable, result, error);
    }

  json_array_unref (r.features);
  g_string_free (r.text, TRUE);
  g_ptr_array_unref (r.stack);
  g_clear_pointer (&r.placemark, json_object_unref);
  g_clear_pointer (&r.props, json_object_unref);
  g_clear_pointer (&r.polygons, g_ptr_array_unref);
  g_clear_pointer (&r.polygon, json_array_unref);
  g_clear_pointer (&r.point, json_array_unref);
  g_free (r.other_type);
  g_free (r.data_name);
  return ok;
}
