/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-finding.h"

struct _GjFinding
{
  GObject    parent_instance;
  char      *check;
  char      *key;
  char      *message;
  char      *reason;
  GPtrArray *kinds;
  GPtrArray *uuids;
  GPtrArray *labels;
  double     lon, lat;
  GjBBox     bbox;
  guint      has_place : 1;
  guint      accepted : 1;
};

enum {
  PROP_0,
  PROP_CHECK,
  PROP_MESSAGE,
  PROP_ACCEPTED,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GjFinding, gj_finding, G_TYPE_OBJECT)

static void
gj_finding_finalize (GObject *object)
{
  GjFinding *self = GJ_FINDING (object);

  g_free (self->check);
  g_free (self->key);
  g_free (self->message);
  g_free (self->reason);
  g_ptr_array_unref (self->kinds);
  g_ptr_array_unref (self->uuids);
  g_ptr_array_unref (self->labels);
  G_OBJECT_CLASS (gj_finding_parent_class)->finalize (object);
}

static void
gj_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GjFinding *self = GJ_FINDING (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      g_value_set_string (value, self->check);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_ACCEPTED:
      g_value_set_boolean (value, self->accepted);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_finding_class_init (GjFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gj_finding_finalize;
  object_class->get_property = gj_finding_get_property;

  properties[PROP_CHECK] = g_param_spec_string ("check", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCEPTED] = g_param_spec_boolean ("accepted", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_finding_init (GjFinding *self)
{
  self->kinds = g_ptr_array_new_with_free_func (g_free);
  self->uuids = g_ptr_array_new_with_free_func (g_free);
  self->labels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->kinds, NULL);
  g_ptr_array_add (self->uuids, NULL);
  g_ptr_array_add (self->labels, NULL);
}

GjFinding *
gj_finding_new (const char *check,
                const char *key,
                const char *message)
{
  GjFinding *self = g_object_new (GJ_TYPE_FINDING, NULL);

  self->check = g_strdup (check);
  self->key = g_strdup (key);
  self->message = g_strdup (message);
  return self;
}

const char *
gj_finding_get_check (GjFinding *self)
{
  return self->check;
}

const char *
gj_finding_get_key (GjFinding *self)
{
  return self->key;
}

const char *
gj_finding_get_message (GjFinding *self)
{
  return self->message;
}

void
gj_finding_set_place (GjFinding    *self,
                      double        lon,
                      double        lat,
                      const GjBBox *bbox)
{
  self->lon = lon;
  self->lat = lat;
  if (bbox != NULL)
    self->bbox = *bbox;
  else
    self->bbox = (GjBBox) { lon, lat, lon, lat };
  self->has_place = TRUE;
}

gboolean
gj_finding_get_place (GjFinding *self,
                      double    *lon,
                      double    *lat,
                      GjBBox    *bbox)
{
  if (lon)
    *lon = self->lon;
  if (lat)
    *lat = self->lat;
  if (bbox)
    *bbox = self->bbox;
  return self->has_place;
}

static void
append (GPtrArray  *array,
        const char *value)
{
  /* Keep the trailing NULL. */
  g_ptr_array_insert (array, array->len - 1, g_strdup (value ? value : ""));
}

void
gj_finding_add_record (GjFinding  *self,
                       const char *kind,
                       const char *uuid,
                       const char *label)
{
  append (self->kinds, kind);
  append (self->uuids, uuid);
  append (self->labels, label);
}

const char * const *
gj_finding_get_record_uuids (GjFinding *self)
{
  return (const char * const *) self->uuids->pdata;
}

const char * const *
gj_finding_get_record_kinds (GjFinding *self)
{
  return (const char * const *) self->kinds->pdata;
}

const char * const *
gj_finding_get_record_labels (GjFinding *self)
{
  return (const char * const *) self->labels->pdata;
}

gboolean
gj_finding_get_accepted (GjFinding *self)
{
  return self->accepted;
}

const char *
gj_finding_get_reason (GjFinding *self)
{
  return self->reason;
}

void
gj_finding_set_accepted (GjFinding  *self,
                         const char *reason)
{
  g_free (self->reason);
  self->reason = g_strdup (reason);
  self->accepted = reason != NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCEPTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}
