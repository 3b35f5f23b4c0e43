/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-trash-entry.h"

struct _GjTrashEntry
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjTrashEntry, gj_trash_entry, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "kind", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Kind"), NULL },
  { "record_uuid", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, NULL, NULL },
  { "label", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Record"), NULL },
  { "deleted_at", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Deleted"), NULL },
  { "actor", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("By"), NULL },
};

static void
gj_trash_entry_class_init (GjTrashEntryClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "trash_entry", fields, G_N_ELEMENTS (fields));
}

static void
gj_trash_entry_init (GjTrashEntry *self)
{
}

GjTrashEntry *
gj_trash_entry_new (void)
{
  return g_object_new (GJ_TYPE_TRASH_ENTRY, NULL);
}
