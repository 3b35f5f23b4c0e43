/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include <glib/gi18n.h>

#include "gj-format.h"
#include "gj-records.h"

/* The I/O layer names kinds in the plural ("grids"); the records in the
 * singular ("grid"). Both map to the record type. */
GType
gj_format_type_for_kind (const char *kind)
{
  static const struct
  {
    const char *plural;
    const char *singular;
  } kinds[] = {
    { "grids", "grid" },
    { "stations", "station" },
    { "units", "unit" },
    { "agreements", "agreement" },
    { "meetings", "meeting" },
    { "problems", "problem" },
  };

  if (kind == NULL)
    return G_TYPE_INVALID;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kind, kinds[i].plural) || g_str_equal (kind, kinds[i].singular))
      return gj_record_type_from_kind (kinds[i].singular);

  return G_TYPE_INVALID;
}

char *
gj_format_record_count (GType record_type,
                        guint n)
{
  /* The ' flag groups digits the way the user's locale does. */
  if (record_type == GJ_TYPE_GRID)
    return g_strdup_printf (ngettext ("%'u grid", "%'u grids", n), n);
  if (record_type == GJ_TYPE_STATION)
    return g_strdup_printf (ngettext ("%'u service station", "%'u service stations", n), n);
  if (record_type == GJ_TYPE_UNIT)
    return g_strdup_printf (ngettext ("%'u resident unit", "%'u resident units", n), n);
  if (record_type == GJ_TYPE_AGREEMENT)
    return g_strdup_printf (ngettext ("%'u agreement", "%'u agreements", n), n);
  if (record_type == GJ_TYPE_MEETING)
    return g_strdup_printf (ngettext ("%'u joint meeting", "%'u joint meetings", n), n);
  if (record_type == GJ_TYPE_PROBLEM)
    return g_strdup_printf (ngettext ("%'u problem", "%'u problems", n), n);

  return g_strdup_printf (ngettext ("%'u record", "%'u records", n), n);
}

char *
gj_format_imported (const char *kind,
                    guint       n)
{
  GType type = gj_format_type_for_kind (kind);

  if (type == GJ_TYPE_GRID)
    return g_strdup_printf (ngettext ("Imported %'u grid", "Imported %'u grids", n), n);
  if (type == GJ_TYPE_STATION)
    return g_strdup_printf (ngettext ("Imported %'u service station",
                                      "Imported %'u service stations", n), n);
  if (type == GJ_TYPE_UNIT)
    return g_strdup_printf (ngettext ("Imported %'u resident unit",
                                      "Imported %'u resident units", n), n);
  if (type == GJ_TYPE_AGREEMENT)
    return g_strdup_printf (ngettext ("Imported %'u agreement", "Imported %'u agreements", n), n);
  if (type == GJ_TYPE_MEETING)
    return g_strdup_printf (ngettext ("Imported %'u joint meeting",
                                      "Imported %'u joint meetings", n), n);
  if (type == GJ_TYPE_PROBLEM)
    return g_strdup_printf (ngettext ("Imported %'u problem", "Imported %'u problems", n), n);

  return g_strdup_printf (ngettext ("Imported %'u record", "Imported %'u records", n), n);
}

char *
gj_format_exported (const char *kind,
                    guint       n)
{
  GType type = gj_format_type_for_kind (kind);

  if (type == GJ_TYPE_GRID)
    return g_strdup_printf (ngettext ("Exported %'u grid", "Exported %'u grids", n), n);
  if (type == GJ_TYPE_STATION)
    return g_strdup_printf (ngettext ("Exported %'u service station",
                                      "Exported %'u service stations", n), n);
  if (type == GJ_TYPE_UNIT)
    return g_strdup_printf (ngettext ("Exported %'u resident unit",
                                      "Exported %'u resident units", n), n);
  if (type == GJ_TYPE_AGREEMENT)
    return g_strdup_printf (ngettext ("Exported %'u agreement", "Exported %'u agreements", n), n);
  if (type == GJ_TYPE_MEETING)
    return g_strdup_printf (ngettext ("Exported %'u joint meeting",
                                      "Exported %'u joint meetings", n), n);
  if (type == GJ_TYPE_PROBLEM)
    return g_strdup_printf (ngettext ("Exported %'u problem", "Exported %'u problems", n), n);

  return g_strdup_printf (ngettext ("Exported %'u record", "Exported %'u records", n), n);
}

char *
gj_format_integer (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

/* Areas and other measures: one decimal is as precise as the survey. */
char *
gj_format_real (double value)
{
  return g_strdup_printf ("%'.1f", value);
}

char *
gj_format_field (GjRecord      *record,
                 const GjField *field)
{
  guint index = 0;
  const GValue *v;

  if (gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), field->name, &index) == NULL)
    return NULL;
  v = gj_record_peek_value (record, index);
  if (!G_IS_VALUE (v))
    return NULL;

  switch (field->type)
    {
    case GJ_FIELD_INT:
      return gj_format_integer (g_value_get_int64 (v));
    case GJ_FIELD_REAL:
      /* Coordinates to a decimetre; other figures to one decimal. */
      if (g_str_equal (field->name, "lon") || g_str_equal (field->name, "lat"))
        return g_strdup_printf ("%.6f", g_value_get_double (v));
      return gj_format_real (g_value_get_double (v));
    case GJ_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (v) ? _("Yes") : _("No"));
    case GJ_FIELD_TEXT:
      {
        const char *s = g_value_get_string (v);

        /* A JSON list (a station's services) reads as a list. */
        if (s != NULL && s[0] == '[')
          {
            g_autoptr(JsonParser) parser = json_parser_new ();

            if (json_parser_load_from_data (parser, s, -1, NULL) && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
              {
                JsonArray *a = json_node_get_array (json_parser_get_root (parser));
                GString *out = g_string_new (NULL);

                for (guint i = 0; i < json_array_get_length (a); i++)
                  {
                    JsonNode *n = json_array_get_element (a, i);

                    if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
                      g_string_append_printf (out, "%s%s", out->len ? _(", ") : "", json_node_get_string (n));
                  }
                return g_string_free (out, FALSE);
              }
          }
        return g_strdup (s);
      }
    case GJ_FIELD_GEOMETRY:
    default:
      return NULL;
    }
}
