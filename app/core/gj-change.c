/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-change.h"

struct _GjChange
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjChange, gj_change, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "at", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("When"), NULL },
  { "actor", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Who"), NULL },
  { "action", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Action"), NULL },
  { "kind", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Kind"), NULL },
  { "record_uuid", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, NULL, NULL },
  { "label", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Record"), NULL },
  { "detail", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Detail"), NULL },
};

static void
gj_change_class_init (GjChangeClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "change", fields, G_N_ELEMENTS (fields));
}

static void
gj_change_init (GjChange *self)
{
}

GjChange *
gj_change_new (void)
{
  return g_object_new (GJ_TYPE_CHANGE, NULL);
}
