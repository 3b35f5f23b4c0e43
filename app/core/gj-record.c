/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gj-geometry.h"
#include "gj-record.h"
#include "gj-records.h"

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *created_at;
  char   *updated_at;
  /* One per field of the class; G_VALUE_INIT (no type) means "no value". */
  GValue *values;
  guint   n_values;
} GjRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (GjRecord, gj_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

/* Field properties are numbered from here, by their index in the table. */
#define FIELD_PROP_BASE 64

static GParamSpec *properties[N_PROPS];
static GHashTable *kinds; /* kind name → GType */
G_LOCK_DEFINE_STATIC (kinds);

static GValue *
ensure_values (GjRecord *self)
{
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  if (priv->values == NULL)
    {
      GjRecordClass *klass = GJ_RECORD_GET_CLASS (self);

      priv->n_values = klass->n_fields;
      priv->values = g_new0 (GValue, MAX (1, klass->n_fields));
    }
  return priv->values;
}

static void
gj_record_finalize (GObject *object)
{
  GjRecord *self = GJ_RECORD (object);
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  for (guint i = 0; i < priv->n_values; i++)
    if (G_IS_VALUE (&priv->values[i]))
      g_value_unset (&priv->values[i]);
  g_free (priv->values);
  g_free (priv->uuid);
  g_free (priv->created_at);
  g_free (priv->updated_at);

  G_OBJECT_CLASS (gj_record_parent_class)->finalize (object);
}

static void
gj_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GjRecord *self = GJ_RECORD (object);
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      return;
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      return;
    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      return;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      return;
    default:
      break;
    }

  if (prop_id >= FIELD_PROP_BASE && prop_id - FIELD_PROP_BASE < GJ_RECORD_GET_CLASS (self)->n_fields)
    {
      const GValue *v = &ensure_values (self)[prop_id - FIELD_PROP_BASE];

      if (G_IS_VALUE (v))
        g_value_copy (v, value);
      return;
    }

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gj_record_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GjRecord *self = GJ_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      gj_record_set_id (self, g_value_get_int64 (value));
      return;
    case PROP_UUID:
      gj_record_set_uuid (self, g_value_get_string (value));
      return;
    case PROP_CREATED_AT:
    case PROP_UPDATED_AT:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    default:
      break;
    }

  if (prop_id >= FIELD_PROP_BASE && prop_id - FIELD_PROP_BASE < GJ_RECORD_GET_CLASS (self)->n_fields)
    {
      GValue copy = G_VALUE_INIT;

      g_value_init (&copy, G_VALUE_TYPE (value));
      g_value_copy (value, &copy);
      gj_record_take_value (self, prop_id - FIELD_PROP_BASE, &copy);
      return;
    }

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gj_record_class_init (GjRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gj_record_finalize;
  object_class->get_property = gj_record_get_property;
  object_class->set_property = gj_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_record_init (GjRecord *self)
{
}

void
gj_record_class_set_fields (GjRecordClass *klass,
                            const char    *kind,
                            const GjField *fields,
                            guint          n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (GJ_IS_RECORD_CLASS (klass));
  g_return_if_fail (kind != NULL);

  klass->kind = kind;
  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->field_pspecs = g_new0 (GParamSpec *, MAX (n_fields, 1));

  /* Properties are dispatched to the class that installed them. */
  object_class->get_property = gj_record_get_property;
  object_class->set_property = gj_record_set_property;

  for (guint i = 0; i < n_fields; i++)
    {
      const GjField *f = &fields[i];
      g_autofree char *prop = g_strdelimit (g_strdup (f->name), "_", '-');
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY;
      GParamSpec *pspec;

      switch (f->type)
        {
        case GJ_FIELD_TEXT:
          pspec = g_param_spec_string (prop, NULL, NULL, NULL, flags);
          break;
        case GJ_FIELD_INT:
          pspec = g_param_spec_int64 (prop, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case GJ_FIELD_REAL:
          pspec = g_param_spec_double (prop, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case GJ_FIELD_BOOL:
          pspec = g_param_spec_boolean (prop, NULL, NULL, FALSE, flags);
          break;
        case GJ_FIELD_GEOMETRY:
          pspec = g_param_spec_boxed (prop, NULL, NULL, GJ_TYPE_GEOMETRY, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      g_object_class_install_property (object_class, FIELD_PROP_BASE + i, pspec);
      klass->field_pspecs[i] = pspec;
    }

  /* Classes may be made in two threads at once. */
  G_LOCK (kinds);
  if (kinds == NULL)
    kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (kinds, (gpointer) kind, GSIZE_TO_POINTER (G_TYPE_FROM_CLASS (klass)));
  G_UNLOCK (kinds);
}

GType
gj_record_type_from_kind (const char *kind)
{
  /* Make sure every record class has registered its kind. */
  GType type;

  gj_records_ensure_types ();
  if (kind == NULL)
    return G_TYPE_INVALID;
  G_LOCK (kinds);
  type = kinds ? GPOINTER_TO_SIZE (g_hash_table_lookup (kinds, kind)) : G_TYPE_INVALID;
  G_UNLOCK (kinds);
  return type;
}

GjRecord *
gj_record_new_for_kind (const char *kind)
{
  GType type = gj_record_type_from_kind (kind);

  g_return_val_if_fail (type != G_TYPE_INVALID, NULL);
  return g_object_new (type, NULL);
}

const char *
gj_record_get_kind (GjRecord *self)
{
  g_return_val_if_fail (GJ_IS_RECORD (self), NULL);
  return GJ_RECORD_GET_CLASS (self)->kind;
}

const GjField *
gj_record_get_fields (GjRecord *self,
                      guint    *n_fields)
{
  GjRecordClass *klass;

  g_return_val_if_fail (GJ_IS_RECORD (self), NULL);
  klass = GJ_RECORD_GET_CLASS (self);
  if (n_fields)
    *n_fields = klass->n_fields;
  return klass->fields;
}

const GjField *
gj_record_class_find_field (GjRecordClass *klass,
                            const char    *name,
                            guint         *index)
{
  for (guint i = 0; i < klass->n_fields; i++)
    if (strcmp (klass->fields[i].name, name) == 0)
      {
        if (index)
          *index = i;
        return &klass->fields[i];
      }
  return NULL;
}

static guint
field_index (GjRecord    *self,
             const char  *name,
             GjFieldType  type)
{
  guint index = 0;
  const GjField *f = gj_record_class_find_field (GJ_RECORD_GET_CLASS (self), name, &index);

  if (f == NULL)
    g_error ("Record kind %s has no field %s", gj_record_get_kind (self), name);
  if (f->type != type && type != (GjFieldType) -1)
    g_error ("Field %s.%s is not of the type asked for", gj_record_get_kind (self), name);
  return index;
}

static GParamSpec *
field_pspec (GjRecord *self,
             guint     index)
{
  return GJ_RECORD_GET_CLASS (self)->field_pspecs[index];
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  if (!G_IS_VALUE (a) || !G_IS_VALUE (b))
    return G_IS_VALUE (a) == G_IS_VALUE (b);
  if (G_VALUE_TYPE (a) != G_VALUE_TYPE (b))
    return FALSE;
  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (G_VALUE_HOLDS_INT64 (a))
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (G_VALUE_HOLDS_DOUBLE (a))
    return g_value_get_double (a) == g_value_get_double (b);
  if (G_VALUE_HOLDS_BOOLEAN (a))
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (G_VALUE_HOLDS (a, GJ_TYPE_GEOMETRY))
    return gj_geometry_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  return FALSE;
}

void
gj_record_take_value (GjRecord *self,
                      guint     index,
                      GValue   *value)
{
  GValue *slot;

  g_return_if_fail (GJ_IS_RECORD (self));
  g_return_if_fail (index < GJ_RECORD_GET_CLASS (self)->n_fields);

  slot = &ensure_values (self)[index];

  /* A NULL string or geometry is "no value". */
  if (value != NULL && G_IS_VALUE (value) &&
      ((G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) == NULL) ||
       (G_VALUE_HOLDS (value, GJ_TYPE_GEOMETRY) && g_value_get_boxed (value) == NULL)))
    {
      g_value_unset (value);
      value = NULL;
    }

  if (value == NULL || !G_IS_VALUE (value))
    {
      if (G_IS_VALUE (slot))
        {
          g_value_unset (slot);
          g_object_notify_by_pspec (G_OBJECT (self), field_pspec (self, index));
        }
      return;
    }

  if (values_equal (slot, value))
    {
      g_value_unset (value);
      return;
    }

  if (G_IS_VALUE (slot))
    g_value_unset (slot);
  *slot = *value;
  memset (value, 0, sizeof *value);
  g_object_notify_by_pspec (G_OBJECT (self), field_pspec (self, index));
}

void
gj_record_init_value (GjRecord *self,
                      guint     index,
                      GValue   *value)
{
  GValue *slot;

  g_return_if_fail (GJ_IS_RECORD (self));
  g_return_if_fail (index < GJ_RECORD_GET_CLASS (self)->n_fields);

  slot = &ensure_values (self)[index];
  if (G_IS_VALUE (slot))
    g_value_unset (slot);
  *slot = *value;
  memset (value, 0, sizeof *value);
}

const GValue *
gj_record_peek_value (GjRecord *self,
                      guint     index)
{
  g_return_val_if_fail (GJ_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < GJ_RECORD_GET_CLASS (self)->n_fields, NULL);

  return &ensure_values (self)[index];
}

gboolean
gj_record_is_null (GjRecord   *self,
                   const char *field)
{
  return !G_IS_VALUE (gj_record_peek_value (self, field_index (self, field, (GjFieldType) -1)));
}

void
gj_record_set_null (GjRecord   *self,
                    const char *field)
{
  gj_record_take_value (self, field_index (self, field, (GjFieldType) -1), NULL);
}

const char *
gj_record_get_text (GjRecord   *self,
                    const char *field)
{
  const GValue *v = gj_record_peek_value (self, field_index (self, field, GJ_FIELD_TEXT));

  return G_IS_VALUE (v) ? g_value_get_string (v) : NULL;
}

void
gj_record_set_text (GjRecord   *self,
                    const char *field,
                    const char *value)
{
  GValue v = G_VALUE_INIT;
  guint index = field_index (self, field, GJ_FIELD_TEXT);

  if (value != NULL)
    {
      g_value_init (&v, G_TYPE_STRING);
      g_value_set_string (&v, value);
    }
  gj_record_take_value (self, index, value ? &v : NULL);
}

gint64
gj_record_get_int (GjRecord   *self,
                   const char *field)
{
  const GValue *v = gj_record_peek_value (self, field_index (self, field, GJ_FIELD_INT));

  return G_IS_VALUE (v) ? g_value_get_int64 (v) : 0;
}

void
gj_record_set_int (GjRecord   *self,
                   const char *field,
                   gint64      value)
{
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, value);
  gj_record_take_value (self, field_index (self, field, GJ_FIELD_INT), &v);
}

double
gj_record_get_real (GjRecord   *self,
                    const char *field)
{
  const GValue *v = gj_record_peek_value (self, field_index (self, field, GJ_FIELD_REAL));

  return G_IS_VALUE (v) ? g_value_get_double (v) : 0.0;
}

void
gj_record_set_real (GjRecord   *self,
                    const char *field,
                    double      value)
{
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  gj_record_take_value (self, field_index (self, field, GJ_FIELD_REAL), &v);
}

gboolean
gj_record_get_bool (GjRecord   *self,
                    const char *field)
{
  const GValue *v = gj_record_peek_value (self, field_index (self, field, GJ_FIELD_BOOL));

  return G_IS_VALUE (v) ? g_value_get_boolean (v) : FALSE;
}

void
gj_record_set_bool (GjRecord   *self,
                    const char *field,
                    gboolean    value)
{
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  gj_record_take_value (self, field_index (self, field, GJ_FIELD_BOOL), &v);
}

GjGeometry *
gj_record_get_geometry (GjRecord   *self,
                        const char *field)
{
  const GValue *v = gj_record_peek_value (self, field_index (self, field, GJ_FIELD_GEOMETRY));

  return G_IS_VALUE (v) ? g_value_get_boxed (v) : NULL;
}

void
gj_record_set_geometry (GjRecord   *self,
                        const char *field,
                        GjGeometry *value)
{
  GValue v = G_VALUE_INIT;
  guint index = field_index (self, field, GJ_FIELD_GEOMETRY);

  if (value != NULL)
    {
      g_value_init (&v, GJ_TYPE_GEOMETRY);
      g_value_set_boxed (&v, value);
    }
  gj_record_take_value (self, index, value ? &v : NULL);
}

char *
gj_record_dup_display (GjRecord   *self,
                       const char *field)
{
  const GValue *v = gj_record_peek_value (self, field_index (self, field, (GjFieldType) -1));

  if (!G_IS_VALUE (v))
    return g_strdup ("");
  if (G_VALUE_HOLDS_STRING (v))
    return g_strdup (g_value_get_string (v));
  if (G_VALUE_HOLDS_INT64 (v))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (v));
  if (G_VALUE_HOLDS_DOUBLE (v))
    {
      double d = g_value_get_double (v);

      /* Whole numbers without a decimal tail; others with two places. */
      if (d == (double) (gint64) d)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
      return g_strdup_printf ("%.2f", d);
    }
  if (G_VALUE_HOLDS_BOOLEAN (v))
    return g_strdup (g_value_get_boolean (v) ? "✓" : "");
  return g_strdup ("");
}

gboolean
gj_record_equal_values (GjRecord   *a,
                        GjRecord   *b,
                        const char *field)
{
  guint index = field_index (a, field, (GjFieldType) -1);

  g_return_val_if_fail (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b), FALSE);
  return values_equal (gj_record_peek_value (a, index), gj_record_peek_value (b, index));
}

GjRecord *
gj_record_copy (GjRecord *self)
{
  GjRecordPrivate *priv = gj_record_get_instance_private (self);
  GjRecord *copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  GjRecordPrivate *cpriv = gj_record_get_instance_private (copy);
  guint n = GJ_RECORD_GET_CLASS (self)->n_fields;

  cpriv->id = priv->id;
  cpriv->uuid = g_strdup (priv->uuid);
  cpriv->created_at = g_strdup (priv->created_at);
  cpriv->updated_at = g_strdup (priv->updated_at);
  ensure_values (self);
  ensure_values (copy);
  for (guint i = 0; i < n; i++)
    if (G_IS_VALUE (&priv->values[i]))
      {
        g_value_init (&cpriv->values[i], G_VALUE_TYPE (&priv->values[i]));
        g_value_copy (&priv->values[i], &cpriv->values[i]);
      }
  return copy;
}

gint64
gj_record_get_id (GjRecord *self)
{
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  g_return_val_if_fail (GJ_IS_RECORD (self), 0);
  return priv->id;
}

void
gj_record_set_id (GjRecord *self,
                  gint64    id)
{
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  g_return_if_fail (GJ_IS_RECORD (self));
  if (priv->id != id)
    {
      priv->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
gj_record_get_uuid (GjRecord *self)
{
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  g_return_val_if_fail (GJ_IS_RECORD (self), NULL);
  return priv->uuid;
}

void
gj_record_set_uuid (GjRecord   *self,
                    const char *uuid)
{
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  g_return_if_fail (GJ_IS_RECORD (self));
  if (g_strcmp0 (priv->uuid, uuid) != 0)
    {
      g_free (priv->uuid);
      priv->uuid = g_strdup (uuid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
    }
}

const char *
gj_record_get_created_at (GjRecord *self)
{
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  return priv->created_at;
}

const char *
gj_record_get_updated_at (GjRecord *self)
{
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  return priv->updated_at;
}

void
gj_record_set_times (GjRecord   *self,
                     const char *created_at,
                     const char *updated_at)
{
  GjRecordPrivate *priv = gj_record_get_instance_private (self);

  g_return_if_fail (GJ_IS_RECORD (self));
  g_free (priv->created_at);
  g_free (priv->updated_at);
  priv->created_at = g_strdup (created_at);
  priv->updated_at = g_strdup (updated_at);
}

char *
gj_uuid_new (void)
{
  return g_uuid_string_random ();
}

G_DEFINE_QUARK (gj-record-error-quark, gj_record_error)

char *
gj_date_normalize (const char *text)
{
  g_autofree char *s = NULL;
  int y = 0, m = 0, d = 0;
  char tail;

  if (text == NULL)
    return NULL;
  s = g_strstrip (g_strdup (text));

  if (sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 ||
      sscanf (s, "%4d/%2d/%2d%c", &y, &m, &d, &tail) == 3 ||
      sscanf (s, "%4d.%2d.%2d%c", &y, &m, &d, &tail) == 3 ||
      sscanf (s, "%4d年%2d月%2d日%c", &y, &m, &d, &tail) == 3 ||
      (strlen (s) == 8 && sscanf (s, "%4d%2d%2d%c", &y, &m, &d, &tail) == 3))
    {
      if (g_date_valid_dmy (d, m, y) && y >= 1900 && y <= 2200)
        return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
    }
  /* "2021-12-08 00:00:00", as spreadsheets write a date cell. */
  if (sscanf (s, "%4d-%2d-%2d 00:00:00%c", &y, &m, &d, &tail) == 3 && g_date_valid_dmy (d, m, y))
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return NULL;
}

GDate *
gj_today (void)
{
  const char *fixed = g_getenv ("GONGJIAN_TODAY");
  GDate *date = g_date_new ();

  if (fixed != NULL)
    {
      g_date_set_parse (date, fixed);
      if (g_date_valid (date))
        return date;
    }
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
  }
  return date;
}

char *
gj_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

const char *
gj_record_get_label (GjRecord *self)
{
  static const char *candidates[] = { "name", "title", "code", "content", "text", "result" };
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (self);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const GjField *f = gj_record_class_find_field (klass, candidates[i], NULL);

      if (f != NULL && f->type == GJ_FIELD_TEXT && gj_record_get_text (self, candidates[i]))
        return gj_record_get_text (self, candidates[i]);
    }
  return gj_record_get_uuid (self);
}
