/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-street.h"

struct _GjStreet
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjStreet, gj_street, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Code"), NULL },
  { "name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Name"), NULL },
  { "district_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "district_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("District"), "(SELECT name FROM district WHERE id = t.district_id)" },
};

static void
gj_street_class_init (GjStreetClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "street", fields, G_N_ELEMENTS (fields));
}

static void
gj_street_init (GjStreet *self)
{
}

GjStreet *
gj_street_new (void)
{
  return g_object_new (GJ_TYPE_STREET, NULL);
}
