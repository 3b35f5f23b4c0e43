/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _GjRecord      GjRecord;
typedef struct _GjGeometry    GjGeometry;
typedef struct _GjGrid        GjGrid;
typedef struct _GjStation     GjStation;
typedef struct _GjUnit        GjUnit;
typedef struct _GjStreet      GjStreet;
typedef struct _GjCommunity   GjCommunity;
typedef struct _GjAgreement   GjAgreement;
typedef struct _GjMeeting     GjMeeting;
typedef struct _GjProblem     GjProblem;
typedef struct _GjStore       GjStore;

/* The kind of value a record field holds; also its SQLite column type. */
typedef enum
{
  GJ_FIELD_TEXT,
  GJ_FIELD_INT,
  GJ_FIELD_REAL,
  GJ_FIELD_BOOL,
  GJ_FIELD_GEOMETRY,
} GjFieldType;

typedef enum
{
  GJ_FIELD_FLAG_NONE     = 0,
  /* Read from an SQL expression (a join), never written. */
  GJ_FIELD_FLAG_DERIVED  = 1 << 0,
  /* Must hold a value for the record to be saved. */
  GJ_FIELD_FLAG_REQUIRED = 1 << 1,
  /* Kept as text even when it looks like a number (IDs, phones). */
  GJ_FIELD_FLAG_CODE     = 1 << 2,
  /* Internal link to another record's row id; not shown. */
  GJ_FIELD_FLAG_LINK     = 1 << 3,
  /* A calendar date, kept as ISO 8601 text (YYYY-MM-DD). */
  GJ_FIELD_FLAG_DATE     = 1 << 4,
} GjFieldFlags;

typedef struct
{
  /* Column name in the store; the GObject property is the same with '-'. */
  const char   *name;
  GjFieldType   type;
  GjFieldFlags  flags;
  /* Translatable column title, marked with N_(). */
  const char   *label;
  /* For derived fields: the SQL expression, where "t" is the record's table. */
  const char   *sql;
} GjField;

G_END_DECLS
