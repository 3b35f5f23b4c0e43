/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-community.h"

struct _GjCommunity
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjCommunity, gj_community, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Code"), NULL },
  { "name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Name"), NULL },
  { "street_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "street_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Street"), "(SELECT name FROM street WHERE id = t.street_id)" },
};

static void
gj_community_class_init (GjCommunityClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "community", fields, G_N_ELEMENTS (fields));
}

static void
gj_community_init (GjCommunity *self)
{
}

GjCommunity *
gj_community_new (void)
{
  return g_object_new (GJ_TYPE_COMMUNITY, NULL);
}
