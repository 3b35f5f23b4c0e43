/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-list-item.h"

struct _GjListItem
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjListItem, gj_list_item, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "list", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("List"), NULL },
  { "title", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Title"), NULL },
  { "category", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Category"), NULL },
  { "quantity", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Quantity"), NULL },
  { "measure", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Measure"), NULL },
  { "owner_unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "owner_community_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Grid"), "(SELECT code FROM grid WHERE id = t.grid_id)" },
  { "status", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Status"), NULL },
  { "matched_item_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "description", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Description"), NULL },
  { "remark", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Remark"), NULL },
};

static void
gj_list_item_class_init (GjListItemClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "list_item", fields, G_N_ELEMENTS (fields));
}

static void
gj_list_item_init (GjListItem *self)
{
}

GjListItem *
gj_list_item_new (void)
{
  return g_object_new (GJ_TYPE_LIST_ITEM, NULL);
}
