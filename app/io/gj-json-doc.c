/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "gj-json-doc.h"

#define BLOCK_SIZE (1 << 20)

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

typedef struct
{
  const char   *start;
  const char   *p;
  const char   *end;
  guint         depth;
  guint         max_depth;
  GjJsonProblem problem;
  const char   *where;
  GjJsonDoc    *doc;
  /* Elements and members of the arrays and objects still open: copied
   * into the document, in one piece each, when they close. */
  GjJsonValue  *values;
  gsize         n_values;
  gsize         values_size;
  GjJsonMember *members;
  gsize         n_members;
  gsize         members_size;
} Parser;

static gpointer
doc_alloc (GjJsonDoc *doc,
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

static gboolean
fail (Parser        *ps,
      GjJsonProblem  problem,
      const char    *where)
{
  if (ps->problem == GJ_JSON_PROBLEM_NONE)
    {
      ps->problem = problem;
      ps->where = where;
    }
  return FALSE;
}

/* At the end of the text every problem is that it ended too soon. */
static gboolean
fail_here (Parser        *ps,
           GjJsonProblem  problem)
{
  return fail (ps, ps->p >= ps->end ? GJ_JSON_PROBLEM_END : problem, ps->p);
}

static inline void
skip_space (Parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
    ps->p++;
}

static inline void
push_value (Parser            *ps,
            const GjJsonValue *value)
{
  if (ps->n_values == ps->values_size)
    {
      ps->values_size = MAX (1024, 2 * ps->values_size);
      ps->values = g_renew (GjJsonValue, ps->values, ps->values_size);
    }
  ps->values[ps->n_values++] = *value;
}

static inline GjJsonMember *
push_member (Parser *ps)
{
  if (ps->n_members == ps->members_size)
    {
      ps->members_size = MAX (256, 2 * ps->members_size);
      ps->members = g_renew (GjJsonMember, ps->members, ps->members_size);
    }
  return &ps->members[ps->n_members++];
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const char *p,
           const char *end,
           gunichar   *out)
{
  gunichar u = 0;

  if (end - p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (p[i]);

      if (h < 0)
        return FALSE;
      u = (u << 4) | (gunichar) h;
    }
  *out = u;
  return TRUE;
}

/* At the opening quote; leaves the string, NUL-terminated, in the document. */
static gboolean
parse_string (Parser      *ps,
              const char **out,
              guint32     *out_length)
{
  const char *s = ps->p + 1;
  const char *q = s;
  gboolean escaped = FALSE;
  char *buf, *w;

  /* First find its end: the common string has no escapes and is copied whole. */
  for (;;)
    {
      guchar c;

      if (q >= ps->end)
        return fail (ps, GJ_JSON_PROBLEM_END, q);
      c = (guchar) *q;
      if (c == '"')
        break;
      if (c < 0x20)
        return fail (ps, GJ_JSON_PROBLEM_STRING, q);
      if (c == '\\')
        {
          escaped = TRUE;
          q++;
          if (q >= ps->end)
            return fail (ps, GJ_JSON_PROBLEM_END, q);
        }
      q++;
    }
  if ((gsize) (q - s) > G_MAXUINT32 - 1)
    return fail (ps, GJ_JSON_PROBLEM_STRING, s);

  buf = doc_alloc (ps->doc, (q - s) + 1);
  if (!escaped)
    {
      memcpy (buf, s, q - s);
      buf[q - s] = '\0';
      *out = buf;
      *out_length = (guint32) (q - s);
      ps->p = q + 1;
      return TRUE;
    }

  /* Escapes never make a string longer. */
  w = buf;
  for (const char *r = s; r < q;)
    {
      gunichar u;

      if (*r != '\\')
        {
          *w++ = *r++;
          continue;
        }
      r++;
      switch (*r++)
        {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u':
          if (!read_hex4 (r, q, &u))
            return fail (ps, GJ_JSON_PROBLEM_STRING, r - 2);
          r += 4;
          if (u >= 0xD800 && u <= 0xDBFF)
            {
              gunichar low;

              /* A pair makes one character; half of one stands for nothing. */
              if (q - r >= 6 && r[0] == '\\' && r[1] == 'u' && read_hex4 (r + 2, q, &low) &&
                  low >= 0xDC00 && low <= 0xDFFF)
                {
                  u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                  r += 6;
                }
              else
                u = 0xFFFD;
            }
          else if (u >= 0xDC00 && u <= 0xDFFF)
            u = 0xFFFD;
          w += g_unichar_to_utf8 (u, w);
          break;
        default:
          return fail (ps, GJ_JSON_PROBLEM_STRING, r - 2);
        }
    }
  *w = '\0';
  *out = buf;
  *out_length = (guint32) (w - buf);
  ps->p = q + 1;
  return TRUE;
}

/* Powers of ten that a double holds exactly. */
static const double exact_powers[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
parse_number (Parser      *ps,
              GjJsonValue *out)
{
  const char *s = ps->p, *p = ps->p, *end = ps->end;
  gboolean negative = FALSE, fraction = FALSE, exponent = FALSE;
  guint64 mantissa = 0;
  int digits = 0;        /* significant digits in the mantissa */
  int scale = 0;         /* decimal places */
  int exp = 0;
  gboolean exp_negative = FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= end || !g_ascii_isdigit (*p))
    return fail (ps, p >= end ? GJ_JSON_PROBLEM_END : GJ_JSON_PROBLEM_NUMBER, p);
  if (*p == '0')
    p++;
  else
    for (; p < end && g_ascii_isdigit (*p); p++)
      {
        if (digits < 19)
          mantissa = mantissa * 10 + (guint64) (*p - '0');
        digits++;
      }
  if (p < end && *p == '.')
    {
      fraction = TRUE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (ps, p >= end ? GJ_JSON_PROBLEM_END : GJ_JSON_PROBLEM_NUMBER, p);
      for (; p < end && g_ascii_isdigit (*p); p++)
        {
          if (mantissa == 0 && *p == '0')
            {
              scale++;
              continue;
            }
          if (digits < 19)
            {
              mantissa = mantissa * 10 + (guint64) (*p - '0');
              scale++;
            }
          digits++;
        }
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      exponent = TRUE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        exp_negative = *p++ == '-';
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (ps, p >= end ? GJ_JSON_PROBLEM_END : GJ_JSON_PROBLEM_NUMBER, p);
      for (; p < end && g_ascii_isdigit (*p); p++)
        if (exp < 100000)
          exp = exp * 10 + (*p - '0');
    }
  ps->p = p;

  if (!fraction && !exponent && digits <= 18)
    {
      out->type = GJ_JSON_INT;
      out->v.integer = negative ? -(gint64) mantissa : (gint64) mantissa;
      return TRUE;
    }

  out->type = GJ_JSON_DOUBLE;
  if (digits <= 15)
    {
      /* Both the digits and the power of ten are exact doubles: one
       * rounding, as strtod's. (Clinger's fast path.) */
      int e = (exp_negative ? -exp : exp) - scale;

      if (e >= -22 && e <= 22)
        {
          double d = (double) mantissa;

          d = e < 0 ? d / exact_powers[-e] : d * exact_powers[e];
          out->v.real = negative ? -d : d;
          return TRUE;
        }
    }

  /* Everything else, and integers beyond 64 bits, as strtod reads them. */
  {
    char small[64];
    gsize len = p - s;
    char *text = len < sizeof small ? small : g_malloc (len + 1);
    gint64 integer;
    char *rest = NULL;

    memcpy (text, s, len);
    text[len] = '\0';
    if (!fraction && !exponent)
      {
        errno = 0;
        integer = g_ascii_strtoll (text, &rest, 10);
        if (errno == 0 && rest != NULL && *rest == '\0')
          {
            out->type = GJ_JSON_INT;
            out->v.integer = integer;
            if (text != small)
              g_free (text);
            return TRUE;
          }
      }
    out->v.real = g_ascii_strtod (text, NULL);
    if (text != small)
      g_free (text);
  }
  return TRUE;
}

static gboolean parse_value (Parser      *ps,
                             GjJsonValue *out);

static gboolean
parse_array (Parser      *ps,
             GjJsonValue *out)
{
  gsize base = ps->n_values;
  gsize n;

  if (++ps->depth > ps->max_depth)
    return fail (ps, GJ_JSON_PROBLEM_DEPTH, ps->p);
  ps->p++;
  skip_space (ps);
  if (ps->p < ps->end && *ps->p == ']')
    ps->p++;
  else
    for (;;)
      {
        GjJsonValue v;

        if (!parse_value (ps, &v))
          return FALSE;
        push_value (ps, &v);
        skip_space (ps);
        if (ps->p < ps->end && *ps->p == ',')
          {
            ps->p++;
            skip_space (ps);
            continue;
          }
        if (ps->p < ps->end && *ps->p == ']')
          {
            ps->p++;
            break;
          }
        return fail_here (ps, GJ_JSON_PROBLEM_UNEXPECTED);
      }
  ps->depth--;

  n = ps->n_values - base;
  if (n > G_MAXUINT32)
    return fail (ps, GJ_JSON_PROBLEM_UNEXPECTED, ps->p);
  out->type = GJ_JSON_ARRAY;
  out->length = (guint32) n;
  out->v.elements = NULL;
  if (n > 0)
    {
      GjJsonValue *elements = doc_alloc (ps->doc, n * sizeof (GjJsonValue));

      memcpy (elements, ps->values + base, n * sizeof (GjJsonValue));
      out->v.elements = elements;
    }
  ps->n_values = base;
  return TRUE;
}

static gboolean
parse_object (Parser      *ps,
              GjJsonValue *out)
{
  gsize base = ps->n_members;
  gsize n;

  if (++ps->depth > ps->max_depth)
    return fail (ps, GJ_JSON_PROBLEM_DEPTH, ps->p);
  ps->p++;
  skip_space (ps);
  if (ps->p < ps->end && *ps->p == '}')
    ps->p++;
  else
    for (;;)
      {
        const char *name;
        guint32 name_length;
        GjJsonValue v;

        if (ps->p >= ps->end || *ps->p != '"')
          return fail_here (ps, GJ_JSON_PROBLEM_UNEXPECTED);
        if (!parse_string (ps, &name, &name_length))
          return FALSE;
        skip_space (ps);
        if (ps->p >= ps->end || *ps->p != ':')
          return fail_here (ps, GJ_JSON_PROBLEM_UNEXPECTED);
        ps->p++;
        skip_space (ps);
        if (!parse_value (ps, &v))
          return FALSE;
        {
          GjJsonMember *m = push_member (ps);

          m->name = name;
          m->value = v;
        }
        skip_space (ps);
        if (ps->p < ps->end && *ps->p == ',')
          {
            ps->p++;
            skip_space (ps);
            continue;
          }
        if (ps->p < ps->end && *ps->p == '}')
          {
            ps->p++;
            break;
          }
        return fail_here (ps, GJ_JSON_PROBLEM_UNEXPECTED);
      }
  ps->depth--;

  n = ps->n_members - base;
  if (n > G_MAXUINT32)
    return fail (ps, GJ_JSON_PROBLEM_UNEXPECTED, ps->p);
  out->type = GJ_JSON_OBJECT;
  out->length = (guint32) n;
  out->v.members = NULL;
  if (n > 0)
    {
      GjJsonMember *members = doc_alloc (ps->doc, n * sizeof (GjJsonMember));

      memcpy (members, ps->members + base, n * sizeof (GjJsonMember));
      out->v.members = members;
    }
  ps->n_members = base;
  return TRUE;
}

static gboolean
parse_literal (Parser     *ps,
               const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (ps->end - ps->p) < len)
    {
      /* A prefix of the word cut off by the end of the text. */
      if (memcmp (ps->p, word, ps->end - ps->p) == 0)
        return fail (ps, GJ_JSON_PROBLEM_END, ps->end);
      return fail (ps, GJ_JSON_PROBLEM_UNEXPECTED, ps->p);
    }
  if (memcmp (ps->p, word, len) != 0)
    return fail (ps, GJ_JSON_PROBLEM_UNEXPECTED, ps->p);
  ps->p += len;
  return TRUE;
}

static gboolean
parse_value (Parser      *ps,
             GjJsonValue *out)
{
  out->length = 0;
  if (ps->p >= ps->end)
    return fail (ps, GJ_JSON_PROBLEM_END, ps->p);

  switch (*ps->p)
    {
    case '{':
      return parse_object (ps, out);
    case '[':
      return parse_array (ps, out);
    case '"':
      out->type = GJ_JSON_STRING;
      return parse_string (ps, &out->v.string, &out->length);
    case 't':
      out->type = GJ_JSON_BOOLEAN;
      out->v.boolean = TRUE;
      return parse_literal (ps, "true");
    case 'f':
      out->type = GJ_JSON_BOOLEAN;
      out->v.boolean = FALSE;
      return parse_literal (ps, "false");
    case 'n':
      out->type = GJ_JSON_NULL;
      out->v.string = NULL;
      return parse_literal (ps, "null");
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (ps, out);
    default:
      return fail (ps, GJ_JSON_PROBLEM_UNEXPECTED, ps->p);
    }
}

GjJsonDoc *
gj_json_doc_parse (const char    *data,
                   gsize          length,
                   guint          max_depth,
                   GjJsonProblem *problem,
                   gsize         *offset)
{
  Parser ps = { 0 };
  g_autoptr(GjJsonDoc) doc = g_new0 (GjJsonDoc, 1);
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  ps.start = ps.p = data ? data : "";
  ps.end = ps.start + length;
  ps.max_depth = max_depth;
  ps.doc = doc;

  skip_space (&ps);
  if (ps.p >= ps.end)
    ok = fail (&ps, GJ_JSON_PROBLEM_EMPTY, ps.p);
  else if ((ok = parse_value (&ps, &doc->root)))
    {
      skip_space (&ps);
      if (ps.p < ps.end)
        ok = fail (&ps, GJ_JSON_PROBLEM_TRAILING, ps.p);
    }
  g_free (ps.values);
  g_free (ps.members);

  if (problem)
    *problem = ok ? GJ_JSON_PROBLEM_NONE : ps.problem;
  if (offset)
    *offset = ok ? 0 : (gsize) (ps.where - ps.start);
  return ok ? g_steal_pointer (&doc) : NULL;
}

static char *
doc_strdup (GjJsonDoc  *doc,
            const char *text,
            guint32    *length)
{
  gsize len = strlen (text);
  char *copy = doc_alloc (doc, len + 1);

  memcpy (copy, text, len + 1);
  *length = (guint32) MIN (len, G_MAXUINT32);
  return copy;
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
        GjJsonMember *members = n ? doc_alloc (doc, n * sizeof (GjJsonMember)) : NULL;

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
        GjJsonValue *elements = n ? doc_alloc (doc, n * sizeof (GjJsonValue)) : NULL;

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
  GjJsonDoc *doc = g_new0 (GjJsonDoc, 1);

  g_return_val_if_fail (node != NULL, doc);
  value_from_node (doc, node, &doc->root);
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
  /* A name given twice means its last value, as json-glib reads it. */
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
