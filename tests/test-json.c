/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GjJsonDoc: json-c's parse laid out compactly, serially and on threads. */
#include "config.h"

#include <string.h>

#include "gj-json-value.h"

/* A FeatureCollection-like text well over the size that is parsed on
 * several threads: {"name":"x","features":[{"i":0,"s":"…","c":[…]}, …],"n":N} */
static GString *
long_text (guint n)
{
  GString *s = g_string_new ("{\"name\":\"长数组\",\"features\":[\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"i\":%u,\"s\":\"第%u个, [x]\",\"c\":[%u.5,-1e-3,true,null]}",
                            i ? ",\n" : "", i, i, i);
  g_string_append_printf (s, "\n],\"n\":%u}\n", n);
  return s;
}

static void
test_json_long_array (void)
{
  const guint n = 80000;
  g_autoptr(GString) text = long_text (n);
  g_autoptr(GjJsonDoc) doc = NULL;
  const GjJsonValue *root, *features;
  GjJsonProblem problem;
  gsize offset;

  g_assert_cmpuint (text->len, >, 4 << 20);
  doc = gj_json_doc_parse (text->str, text->len, 64, &problem, &offset);
  g_assert_nonnull (doc);
  g_assert_cmpint (problem, ==, GJ_JSON_PROBLEM_NONE);
  root = gj_json_doc_get_root (doc);
  g_assert_cmpint (root->type, ==, GJ_JSON_OBJECT);
  g_assert_cmpuint (root->length, ==, 3);
  g_assert_cmpstr (gj_json_value_get_string_member (root, "name"), ==, "长数组");
  g_assert_cmpfloat (gj_json_value_get_number (gj_json_value_get_member (root, "n")), ==, n);
  features = gj_json_value_get_member (root, "features");
  g_assert_cmpint (features->type, ==, GJ_JSON_ARRAY);
  g_assert_cmpuint (features->length, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const GjJsonValue *f = &features->v.elements[i];
      const GjJsonValue *c = gj_json_value_get_member (f, "c");
      g_autofree char *s = g_strdup_printf ("第%u个, [x]", i);

      g_assert_cmpint (gj_json_value_get_member (f, "i")->type, ==, GJ_JSON_INT);
      g_assert_cmpint (gj_json_value_get_member (f, "i")->v.integer, ==, i);
      g_assert_cmpstr (gj_json_value_get_string_member (f, "s"), ==, s);
      g_assert_cmpuint (c->length, ==, 4);
      g_assert_cmpfloat (c->v.elements[0].v.real, ==, i + 0.5);
      g_assert_cmpfloat (c->v.elements[1].v.real, ==, -1e-3);
      g_assert_cmpint (c->v.elements[2].type, ==, GJ_JSON_BOOLEAN);
      g_assert_cmpint (c->v.elements[3].type, ==, GJ_JSON_NULL);
    }
}

/* Errors in a long text are found where a serial parse finds them. */
static void
test_json_long_array_errors (void)
{
  const struct { const char *from, *to; GjJsonProblem problem; } cases[] = {
    { "{\"i\":41000,", "{\"i\":41000,,", GJ_JSON_PROBLEM_UNEXPECTED },
    { "41000.5", "NaN", GJ_JSON_PROBLEM_NUMBER },
    { "\"s\":\"第41000个", "\"s\":\"\\q第41000个", GJ_JSON_PROBLEM_STRING },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GString) text = long_text (80000);
      g_autoptr(GjJsonDoc) doc = NULL;
      const char *at = strstr (text->str, cases[k].from);
      gsize where = at - text->str, offset = 0;
      GjJsonProblem problem;

      g_string_erase (text, where, strlen (cases[k].from));
      g_string_insert (text, where, cases[k].to);
      doc = gj_json_doc_parse (text->str, text->len, 64, &problem, &offset);
      g_assert_null (doc);
      g_assert_cmpint (problem, ==, cases[k].problem);
      g_assert_cmpuint (offset, >=, where);
      g_assert_cmpuint (offset, <=, where + strlen (cases[k].to));
    }

  /* The long array's name given twice: the last one counts. */
  {
    g_autoptr(GString) text = long_text (80000);
    g_autoptr(GjJsonDoc) doc = NULL;

    g_string_truncate (text, text->len - 2);
    g_string_append (text, ",\"features\":[7]}");
    doc = gj_json_doc_parse (text->str, text->len, 64, NULL, NULL);
    g_assert_nonnull (doc);
    g_assert_cmpuint (gj_json_value_get_member (gj_json_doc_get_root (doc), "features")->length, ==, 1);
  }
}

static void
test_json_small (void)
{
  const struct { const char *text; GjJsonProblem problem; gsize offset; } cases[] = {
    { "", GJ_JSON_PROBLEM_EMPTY, 0 },
    { " \n ", GJ_JSON_PROBLEM_EMPTY, 3 },
    { "{\"a\":1,}", GJ_JSON_PROBLEM_UNEXPECTED, 7 },
    { "/* c */ {}", GJ_JSON_PROBLEM_UNEXPECTED, 0 },
    { "{\"a\":\"x", GJ_JSON_PROBLEM_END, 7 },
    { "[1, -Infinity]", GJ_JSON_PROBLEM_NUMBER, 4 },
    { "{\"a\":01}", GJ_JSON_PROBLEM_NUMBER, 7 },
    { "[1] [2]", GJ_JSON_PROBLEM_UNEXPECTED, 4 },
    { "42", GJ_JSON_PROBLEM_NONE, 0 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GjJsonDoc) doc = NULL;
      GjJsonProblem problem;
      gsize offset = 99;

      g_test_message ("%s", cases[k].text);
      doc = gj_json_doc_parse (cases[k].text, strlen (cases[k].text), 64, &problem, &offset);
      g_assert_cmpint (problem, ==, cases[k].problem);
      g_assert_true ((doc != NULL) == (cases[k].problem == GJ_JSON_PROBLEM_NONE));
      g_assert_cmpuint (offset, ==, cases[k].offset);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/small", test_json_small);
  g_test_add_func ("/json/long-array", test_json_long_array);
  g_test_add_func ("/json/long-array-errors", test_json_long_array_errors);
  return g_test_run ();
}
