/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GjJsonDoc to and from json-glib's tree (gj-json-doc.h). */
#include "config.h"

#include <string.h>

#include "gj-json-doc.h"

static const char *
doc_strdup (GjJsonDoc  *doc,
            const char *text,
            guint32    *length)
{
  gsize len = strlen (text);

  *length = (guint32) MIN (len, G_MAXUINT32);
  return gj_json_doc_strdup (doc, text, len);
}

static void
value_from_node (GjJsonDoc   *doc,
                 JsonNode    *node,
                 GjJsonValue *out)
{
  out->length = 0;
  out->v.string = NULL;
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (object);
        guint n = g_list_length (names), i = 0;
        GjJsonMember *members = n ? gj_json_doc_alloc (doc, n * sizeof (GjJsonMember)) : NULL;

        for (GList *l = names; l; l = l->next, i++)
          {
            guint32 ignored;

            members[i].name = doc_strdup (doc, l->data, &ignored);
            value_from_node (doc, json_object_get_member (object, l->data), &members[i].value);
          }
        out->type = GJ_JSON_OBJECT;
        out->length = n;
        out->v.members = members;
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        GjJsonValue *elements = n ? gj_json_doc_alloc (doc, n * sizeof (GjJsonValue)) : NULL;

        for (guint i = 0; i < n; i++)
          value_from_node (doc, json_array_get_element (array, i), &elements[i]);
        out->type = GJ_JSON_ARRAY;
        out->length = n;
        out->v.elements = elements;
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          out->type = GJ_JSON_BOOLEAN;
          out->v.boolean = json_node_get_boolean (node);
          break;
        case G_TYPE_INT64:
          out->type = GJ_JSON_INT;
          out->v.integer = json_node_get_int (node);
          break;
        case G_TYPE_DOUBLE:
          out->type = GJ_JSON_DOUBLE;
          out->v.real = json_node_get_double (node);
          break;
        case G_TYPE_STRING:
          out->type = GJ_JSON_STRING;
          out->v.string = doc_strdup (doc, json_node_get_string (node), &out->length);
          break;
        default:
          out->type = GJ_JSON_NULL;
          break;
        }
      break;
    case JSON_NODE_NULL:
    default:
      out->type = GJ_JSON_NULL;
      break;
    }
}

GjJsonDoc *
gj_json_doc_new_from_node (JsonNode *node)
{
  GjJsonValue *root;
  GjJsonDoc *doc = gj_json_doc_new (&root);

  g_return_val_if_fail (node != NULL, doc);
  value_from_node (doc, node, root);
  return doc;
}

JsonNode *
gj_json_value_to_node (const GjJsonValue *value)
{
  JsonNode *node = json_node_alloc ();

  switch (value->type)
    {
    case GJ_JSON_BOOLEAN:
      return json_node_init_boolean (node, value->v.boolean);
    case GJ_JSON_INT:
      return json_node_init_int (node, value->v.integer);
    case GJ_JSON_DOUBLE:
      return json_node_init_double (node, value->v.real);
    case GJ_JSON_STRING:
      return json_node_init_string (node, value->v.string);
    case GJ_JSON_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_sized_new (value->length);

        for (guint32 i = 0; i < value->length; i++)
          json_array_add_element (array, gj_json_value_to_node (&value->v.elements[i]));
        return json_node_init_array (node, array);
      }
    case GJ_JSON_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        for (guint32 i = 0; i < value->length; i++)
          json_object_set_member (object, value->v.members[i].name,
                                  gj_json_value_to_node (&value->v.members[i].value));
        return json_node_init_object (node, object);
      }
    case GJ_JSON_NULL:
    default:
      return json_node_init_null (node);
    }
}
