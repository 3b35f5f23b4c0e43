/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * GjJsonDoc: a JSON text parsed by json-c in its strict mode (no comments,
 * no trailing commas; NaN and Infinity are refused here) and then laid out in a few large blocks of
 * memory for the GeoJSON import to walk: each value in 16 bytes, numbers
 * already converted, strings NUL-terminated. Read-only once built, so
 * helper threads may share it. json-glib would make a reference-counted
 * node and a hash table per object for each of the 1.4 million values of
 * 10,000 grids.
 *
 * This file and gj-json-value.c include no json-glib header: json-c's
 * and json-glib's headers cannot share a translation unit. The bridge to
 * json-glib is gj-json-doc.h.
 *
 * The caller checks the text is UTF-8 first.
 */

typedef enum
{
  GJ_JSON_NULL,
  GJ_JSON_BOOLEAN,
  GJ_JSON_INT,      /* an integer that fits 64 bits */
  GJ_JSON_DOUBLE,   /* any other number */
  GJ_JSON_STRING,
  GJ_JSON_ARRAY,
  GJ_JSON_OBJECT,
} GjJsonType;

typedef struct _GjJsonValue  GjJsonValue;
typedef struct _GjJsonMember GjJsonMember;

struct _GjJsonValue
{
  guint32 type;    /* GjJsonType */
  guint32 length;  /* bytes of a string, elements of an array, members of an object */
  union
  {
    gboolean            boolean;
    gint64              integer;
    double              real;
    const char         *string;
    const GjJsonValue  *elements;
    const GjJsonMember *members;
  } v;
};

struct _GjJsonMember
{
  const char  *name;
  GjJsonValue  value;
};

/* What made a text no JSON. */
typedef enum
{
  GJ_JSON_PROBLEM_NONE,
  GJ_JSON_PROBLEM_EMPTY,       /* nothing but white space */
  GJ_JSON_PROBLEM_END,         /* the text ends inside a value */
  GJ_JSON_PROBLEM_UNEXPECTED,  /* a character that cannot stand there */
  GJ_JSON_PROBLEM_STRING,      /* a control character or a bad escape in a string */
  GJ_JSON_PROBLEM_NUMBER,      /* a malformed number */
  GJ_JSON_PROBLEM_DEPTH,       /* arrays and objects nested deeper than allowed */
  GJ_JSON_PROBLEM_TRAILING,    /* more after the value */
} GjJsonProblem;

typedef struct _GjJsonDoc GjJsonDoc;

/* NULL with @problem and the byte @offset where it was found. */
GjJsonDoc         *gj_json_doc_parse          (const char         *data,
                                               gsize               length,
                                               guint               max_depth,
                                               GjJsonProblem      *problem,
                                               gsize              *offset);
const GjJsonValue *gj_json_doc_get_root       (GjJsonDoc          *doc);
void               gj_json_doc_free           (GjJsonDoc          *doc);

/* An object's member (the last of that name), or NULL: also for non-objects. */
const GjJsonValue *gj_json_value_get_member   (const GjJsonValue  *object,
                                               const char         *name);
/* An object's member when it is a string, else NULL. */
const char        *gj_json_value_get_string_member (const GjJsonValue *object,
                                               const char         *name);
/* TRUE for a number, either kind. */
gboolean           gj_json_value_is_number    (const GjJsonValue  *value);
double             gj_json_value_get_number   (const GjJsonValue  *value);

/* For the bridge from json-glib: an empty document whose root the
 * caller fills, with memory and strings that live as long as it. */
GjJsonDoc         *gj_json_doc_new            (GjJsonValue       **root);
gpointer           gj_json_doc_alloc          (GjJsonDoc          *doc,
                                               gsize               size);
const char        *gj_json_doc_strdup         (GjJsonDoc          *doc,
                                               const char         *text,
                                               gsize               length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjJsonDoc, gj_json_doc_free)

G_END_DECLS
