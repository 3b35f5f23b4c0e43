/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-district.h"

struct _GjDistrict
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjDistrict, gj_district, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Code"), NULL },
  { "name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Name"), NULL },
};

static void
gj_district_class_init (GjDistrictClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "district", fields, G_N_ELEMENTS (fields));
}

static void
gj_district_init (GjDistrict *self)
{
}

GjDistrict *
gj_district_new (void)
{
  return g_object_new (GJ_TYPE_DISTRICT, NULL);
}
