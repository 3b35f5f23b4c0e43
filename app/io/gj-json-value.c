/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GjJsonDoc: JSON parsed by json-c, laid out compactly (gj-json-value.h). */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-c/json.h>

#include "gj-json-value.h"

/* json-glib exports these three names too. The link binds a call to the
 * library named first, json-glib, whose json_object_get_type() returns a
 * GType: never call them here. */
#pragma GCC poison json_object_get_type json_object_equal json_object_iter_next

#define BLOCK_SIZE (1 << 20)
/* json-c takes an int length: longer texts go in pieces of this size. */
#define CHUNK      (1 << 26)

typedef struct _Block Block;
struct _Block
{
  Block *next;
  gsize  used;
  gsize  size;
  /* data follows, 16-byte aligned */
};

struct _GjJsonDoc
{
  Block       *blocks;
  GjJsonValue  root;
};

gpointer
gj_json_doc_alloc (GjJsonDoc *doc,
                   gsize      size)
{
  Block *b = doc->blocks;
  gsize header = (sizeof (Block) + 15) & ~(gsize) 15;
  gpointer mem;

  size = (size + 15) & ~(gsize) 15;
  if (b == NULL || b->size - b->used < size)
    {
      gsize block = MAX (BLOCK_SIZE, size);

      b = g_malloc (header + block);
      b->size = block;
      b->used = 0;
      b->next = doc->blocks;
      doc->blocks = b;
    }
  mem = (char *) b + header + b->used;
  b->used += size;
  return mem;
}

const char *
gj_json_doc_strdup (GjJsonDoc  *doc,
                    const char *text,
                    gsize       length)
{
  char *copy = gj_json_doc_alloc (doc, length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

GjJsonDoc *
gj_json_doc_new (GjJsonValue **root)
{
  GjJsonDoc *doc = g_new0 (GjJsonDoc, 1);

  if (root)
    *root = &doc->root;
  return doc;
}

void
gj_json_doc_free (GjJsonDoc *doc)
{
  if (doc == NULL)
    return;
  while (doc->blocks != NULL)
    {
      Block *next = doc->blocks->next;

      g_free (doc->blocks);
      doc->blocks = next;
    }
  g_free (doc);
}

static json_type
type_of (json_object *obj)
{
  static const json_type types[] = {
    /* the commonest first: coordinates */
    json_type_double, json_type_array, json_type_string, json_type_object,
    json_type_int, json_type_boolean,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (json_object_is_type (obj, types[i]))
      return types[i];
  return json_type_null;
}

/* FALSE when the tree holds a NaN or an infinity, which json-c's strict
 * mode lets through and RFC 8259 does not. */
static gboolean
value_from_object (GjJsonDoc   *doc,
                   json_object *obj,
                   GjJsonValue *out)
{
  gboolean ok = TRUE;

  out->length = 0;
  out->v.string = NULL;
  switch (type_of (obj))
    {
    case json_type_object:
      {
        guint32 n = (guint32) json_object_object_length (obj), i = 0;
        GjJsonMember *members = n ? gj_json_doc_alloc (doc, n * sizeof (GjJsonMember)) : NULL;

        /* json-c keeps a name given twice once, with its last value, in
         * the order the names first came. */
        json_object_object_foreach (obj, name, member)
          {
            members[i].name = gj_json_doc_strdup (doc, name, strlen (name));
            ok &= value_from_object (doc, member, &members[i].value);
            i++;
          }
        out->type = GJ_JSON_OBJECT;
        out->length = i;
        out->v.members = members;
      }
      break;
    case json_type_array:
      {
        gsize n = json_object_array_length (obj);
        GjJsonValue *elements = n ? gj_json_doc_alloc (doc, n * sizeof (GjJsonValue)) : NULL;

        for (gsize i = 0; i < n; i++)
          ok &= value_from_object (doc, json_object_array_get_idx (obj, i), &elements[i]);
        out->type = GJ_JSON_ARRAY;
        out->length = (guint32) MIN (n, G_MAXUINT32);
        out->v.elements = elements;
      }
      break;
    case json_type_boolean:
      out->type = GJ_JSON_BOOLEAN;
      out->v.boolean = json_object_get_boolean (obj);
      break;
    case json_type_int:
      /* Beyond 64 bits signed json-c clamps; the double keeps the size. */
      if (json_object_get_int64 (obj) == G_MAXINT64 || json_object_get_int64 (obj) == G_MININT64)
        {
          out->type = GJ_JSON_DOUBLE;
          out->v.real = json_object_get_double (obj);
        }
      else
        {
          out->type = GJ_JSON_INT;
          out->v.integer = json_object_get_int64 (obj);
        }
      break;
    case json_type_double:
      out->type = GJ_JSON_DOUBLE;
      out->v.real = json_object_get_double (obj);
      ok = isfinite (out->v.real);
      break;
    case json_type_string:
      {
        gsize len = (gsize) json_object_get_string_len (obj);

        out->type = GJ_JSON_STRING;
        out->v.string = gj_json_doc_strdup (doc, json_object_get_string (obj), len);
        out->length = (guint32) MIN (len, G_MAXUINT32);
      }
      break;
    case json_type_null:
    default:
      out->type = GJ_JSON_NULL;
      break;
    }
  return ok;
}

/* Where the first NaN or Infinity outside a string starts. */
static gsize
find_non_finite (const char *data,
                 gsize       length)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((length - i >= 3 && g_ascii_strncasecmp (data + i, "nan", 3) == 0) ||
               (length - i >= 3 && g_ascii_strncasecmp (data + i, "inf", 3) == 0))
        return i > 0 && data[i - 1] == '-' ? i - 1 : i;
    }
  return length;
}

static GjJsonProblem
problem_for (enum json_tokener_error error)
{
  switch (error)
    {
    case json_tokener_success:
      return GJ_JSON_PROBLEM_NONE;
    case json_tokener_continue:
    case json_tokener_error_parse_eof:
      return GJ_JSON_PROBLEM_END;
    case json_tokener_error_depth:
      return GJ_JSON_PROBLEM_DEPTH;
    case json_tokener_error_parse_string:
    case json_tokener_error_parse_utf8_string:
      return GJ_JSON_PROBLEM_STRING;
    case json_tokener_error_parse_number:
      return GJ_JSON_PROBLEM_NUMBER;
    default:
      return GJ_JSON_PROBLEM_UNEXPECTED;
    }
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* The text is not only white space. */
static GjJsonDoc *
parse_serial (const char    *data,
              gsize          length,
              guint          max_depth,
              GjJsonProblem *problem,
              gsize         *offset)
{
  struct json_tokener *tok;
  json_object *root = NULL;
  enum json_tokener_error error = json_tokener_continue;
  GjJsonDoc *doc = NULL;
  gsize pos = 0;

  tok = json_tokener_new_ex ((int) MIN (max_depth + 1, G_MAXINT));
  json_tokener_set_flags (tok, JSON_TOKENER_STRICT);
  while (pos < length && error == json_tokener_continue)
    {
      int piece = (int) MIN (length - pos, CHUNK);

      root = json_tokener_parse_ex (tok, data + pos, piece);
      error = json_tokener_get_error (tok);
      pos += json_tokener_get_parse_end (tok);
    }
  /* A number at the very end is only over when json-c sees the NUL. */
  if (error == json_tokener_continue)
    {
      root = json_tokener_parse_ex (tok, "", 1);
      error = json_tokener_get_error (tok);
    }

  if (error == json_tokener_success)
    {
      while (pos < length && is_space (data[pos]))
        pos++;
      if (pos < length)
        {
          if (problem)
            *problem = GJ_JSON_PROBLEM_TRAILING;
          if (offset)
            *offset = pos;
        }
      else
        {
          GjJsonValue *out;

          doc = gj_json_doc_new (&out);
          if (!value_from_object (doc, root, out))
            {
              g_clear_pointer (&doc, gj_json_doc_free);
              if (problem)
                *problem = GJ_JSON_PROBLEM_NUMBER;
              if (offset)
                *offset = find_non_finite (data, length);
            }
        }
    }
  else
    {
      if (problem)
        *problem = pos >= length ? GJ_JSON_PROBLEM_END : problem_for (error);
      if (offset)
        *offset = MIN (pos, length);
    }

  json_object_put (root);
  json_tokener_free (tok);
  return doc;
}


/*
 * A large text is mostly one long array: the features of a
 * FeatureCollection. Its elements are parsed by json-c on several threads
 * at once, and the rest of the text, with that array left empty, on this
 * one. Finding the array is a scan for brackets, commas and strings at the
 * top two levels; json-c parses every value. Anything unusual (an error,
 * a name given twice, an escaped name) falls back to one serial parse,
 * which also finds the exact place of any error.
 */
#define PARALLEL_MIN_LENGTH (4 << 20)

typedef struct
{
  gsize   open;         /* offset of its '[' */
  gsize   close;        /* offset of its ']' */
  GArray *commas;       /* offsets of the commas between its elements */
  char   *name;         /* its name in the top-level object, or NULL for the top level itself */
  guint   names_before; /* names seen at the top level */
} LongArray;

static void
long_array_clear (LongArray *a)
{
  g_clear_pointer (&a->commas, g_array_unref);
  g_clear_pointer (&a->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LongArray, long_array_clear)

static gboolean
find_long_array (const char *data,
                 gsize       length,
                 gsize       first,
                 LongArray  *best,
                 guint      *n_names)
{
  gboolean object_root = data[first] == '{';
  guint array_depth = object_root ? 2 : 1;
  g_autoptr(GArray) commas = g_array_new (FALSE, FALSE, sizeof (gsize));
  gboolean in_array = FALSE, in_string = FALSE, escaped_name = FALSE;
  gsize open = 0, string_start = 0, name_start = 0, name_end = 0;
  guint depth = 0;

  *n_names = 0;
  for (gsize i = first; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              i++;
              if (depth == 1)
                escaped_name = TRUE;
            }
          else if (c == '"')
            {
              in_string = FALSE;
              if (depth == 1 && object_root)
                {
                  name_start = string_start + 1;
                  name_end = i;
                }
            }
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          string_start = i;
          break;
        case ':':
          if (depth == 1)
            (*n_names)++;
          break;
        case '[':
        case '{':
          depth++;
          if (c == '[' && depth == array_depth)
            {
              in_array = TRUE;
              open = i;
              g_array_set_size (commas, 0);
            }
          break;
        case ']':
        case '}':
          if (depth == 0)
            return FALSE;
          if (in_array && depth == array_depth && c == ']')
            {
              in_array = FALSE;
              if (best->commas == NULL || commas->len > best->commas->len)
                {
                  long_array_clear (best);
                  best->open = open;
                  best->close = i;
                  best->commas = g_array_copy (commas);
                  best->name = object_root ? g_strndup (data + name_start, name_end - name_start) : NULL;
                  best->names_before = *n_names;
                  if (escaped_name)
                    return FALSE;
                }
            }
          depth--;
          break;
        case ',':
          if (in_array && depth == array_depth)
            g_array_append_val (commas, i);
          break;
        default:
          break;
        }
      if (depth == 1 && c == ',')
        escaped_name = FALSE;
    }
  return best->commas != NULL && depth == 0 && !in_string;
}

typedef struct
{
  const char  *data;
  const LongArray *array;
  guint        n_elements;
  guint        begin;
  guint        end;
  guint        max_depth;
  GjJsonValue *elements;
  GjJsonDoc   *doc;
  gboolean     ok;
} Slice;

static gpointer
parse_slice (gpointer user_data)
{
  Slice *sl = user_data;
  const gsize *commas = (const gsize *) sl->array->commas->data;
  struct json_tokener *tok = json_tokener_new_ex ((int) sl->max_depth);

  json_tokener_set_flags (tok, JSON_TOKENER_STRICT);
  sl->doc = gj_json_doc_new (NULL);
  sl->ok = TRUE;
  for (guint i = sl->begin; i < sl->end && sl->ok; i++)
    {
      gsize start = i == 0 ? sl->array->open + 1 : commas[i - 1] + 1;
      gsize stop = i + 1 == sl->n_elements ? sl->array->close : commas[i];
      json_object *obj = NULL;
      enum json_tokener_error error;
      gsize end;

      if (stop - start > G_MAXINT)
        {
          sl->ok = FALSE;
          break;
        }
      json_tokener_reset (tok);
      obj = json_tokener_parse_ex (tok, sl->data + start, (int) (stop - start));
      error = json_tokener_get_error (tok);
      end = start + json_tokener_get_parse_end (tok);
      if (error == json_tokener_continue)
        {
          obj = json_tokener_parse_ex (tok, "", 1);
          error = json_tokener_get_error (tok);
        }
      while (end < stop && is_space (sl->data[end]))
        end++;
      sl->ok = error == json_tokener_success && end == stop &&
               value_from_object (sl->doc, obj, &sl->elements[i]);
      json_object_put (obj);
    }
  json_tokener_free (tok);
  return NULL;
}

/* Moves @from's memory into @to. */
static void
doc_take_blocks (GjJsonDoc *to,
                 GjJsonDoc *from)
{
  Block *last = from->blocks;

  if (last == NULL)
    return;
  while (last->next != NULL)
    last = last->next;
  last->next = to->blocks;
  to->blocks = from->blocks;
  from->blocks = NULL;
}

/* NULL when the text is not suited or not valid: parse it serially then. */
static GjJsonDoc *
parse_parallel (const char *data,
                gsize       length,
                gsize       first,
                guint       max_depth)
{
  g_auto(LongArray) array = { 0 };
  g_autoptr(GjJsonDoc) doc = NULL;
  g_autofree char *rest = NULL;
  GjJsonValue *root, *target;
  GjJsonProblem problem;
  guint n_threads = MIN (g_get_num_processors (), 8), n_names, n_elements, base;
  Slice slices[8];
  GThread *threads[8] = { NULL };
  gsize rest_length, offset;
  gboolean ok = TRUE;

  if (n_threads < 2 || length < PARALLEL_MIN_LENGTH ||
      !find_long_array (data, length, first, &array, &n_names) ||
      array.commas->len < 4 * n_threads || array.close - array.open < length / 2)
    return NULL;

  /* The text with the long array left empty. */
  rest_length = array.open + 2 + (length - array.close - 1);
  rest = g_malloc (rest_length + 1);
  memcpy (rest, data, array.open);
  memcpy (rest + array.open, "[]", 2);
  memcpy (rest + array.open + 2, data + array.close + 1, length - array.close - 1);
  rest[rest_length] = '\0';
  doc = parse_serial (rest, rest_length, max_depth, &problem, &offset);
  if (doc == NULL)
    return NULL;

  root = &doc->root;
  if (array.name == NULL)
    target = root;
  else if (root->type == GJ_JSON_OBJECT && root->length == n_names)
    target = (GjJsonValue *) gj_json_value_get_member (root, array.name);
  else
    return NULL;  /* a name given twice */
  if (target == NULL || target->type != GJ_JSON_ARRAY || target->length != 0)
    return NULL;

  /* An empty array has no element; one without commas has one. */
  n_elements = array.commas->len + 1;
  if (array.commas->len == 0)
    return NULL;
  base = array.name == NULL ? 1 : 2;
  if (max_depth + 1 <= base)
    return NULL;

  target->v.elements = gj_json_doc_alloc (doc, n_elements * sizeof (GjJsonValue));
  target->length = n_elements;
  for (guint t = 0; t < n_threads; t++)
    {
      slices[t] = (Slice) {
        .data = data,
        .array = &array,
        .n_elements = n_elements,
        .begin = (guint) ((guint64) n_elements * t / n_threads),
        .end = (guint) ((guint64) n_elements * (t + 1) / n_threads),
        .max_depth = max_depth + 1 - base,
        .elements = (GjJsonValue *) target->v.elements,
      };
      if (t > 0)
        threads[t] = g_thread_new ("gj-json", parse_slice, &slices[t]);
    }
  parse_slice (&slices[0]);
  for (guint t = 0; t < n_threads; t++)
    {
      if (threads[t] != NULL)
        g_thread_join (threads[t]);
      ok &= slices[t].ok;
      doc_take_blocks (doc, slices[t].doc);
      gj_json_doc_free (slices[t].doc);
    }
  return ok ? g_steal_pointer (&doc) : NULL;
}

GjJsonDoc *
gj_json_doc_parse (const char    *data,
                   gsize          length,
                   guint          max_depth,
                   GjJsonProblem *problem,
                   gsize         *offset)
{
  GjJsonDoc *doc;
  gsize first;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (problem)
    *problem = GJ_JSON_PROBLEM_NONE;
  if (offset)
    *offset = 0;

  for (first = 0; first < length && is_space (data[first]); first++)
    ;
  if (first == length)
    {
      if (problem)
        *problem = GJ_JSON_PROBLEM_EMPTY;
      if (offset)
        *offset = length;
      return NULL;
    }

  doc = parse_parallel (data, length, first, max_depth);
  if (doc == NULL)
    doc = parse_serial (data, length, max_depth, problem, offset);
  return doc;
}

const GjJsonValue *
gj_json_doc_get_root (GjJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return &doc->root;
}

const GjJsonValue *
gj_json_value_get_member (const GjJsonValue *object,
                          const char        *name)
{
  if (object == NULL || object->type != GJ_JSON_OBJECT)
    return NULL;
  for (guint32 i = object->length; i-- > 0;)
    if (strcmp (object->v.members[i].name, name) == 0)
      return &object->v.members[i].value;
  return NULL;
}

const char *
gj_json_value_get_string_member (const GjJsonValue *object,
                                 const char        *name)
{
  const GjJsonValue *v = gj_json_value_get_member (object, name);

  return v != NULL && v->type == GJ_JSON_STRING ? v->v.string : NULL;
}

gboolean
gj_json_value_is_number (const GjJsonValue *value)
{
  return value != NULL && (value->type == GJ_JSON_INT || value->type == GJ_JSON_DOUBLE);
}

double
gj_json_value_get_number (const GjJsonValue *value)
{
  if (value == NULL)
    return 0;
  if (value->type == GJ_JSON_INT)
    return (double) value->v.integer;
  if (value->type == GJ_JSON_DOUBLE)
    return value->v.real;
  return 0;
}
