/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-agenda-item.h"

struct _GjAgendaItem
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjAgendaItem, gj_agenda_item, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "meeting_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "position", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Order"), NULL },
  { "title", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Title"), NULL },
  { "presenter_unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "minutes_planned", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Minutes planned"), NULL },
  { "discussion", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Discussion"), NULL },
  { "decision", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Decision"), NULL },
  { "publish", GJ_FIELD_BOOL, GJ_FIELD_FLAG_NONE, N_("Publish"), NULL },
  { "problem_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "agreement_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
};

static void
gj_agenda_item_class_init (GjAgendaItemClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "agenda_item", fields, G_N_ELEMENTS (fields));
}

static void
gj_agenda_item_init (GjAgendaItem *self)
{
}

GjAgendaItem *
gj_agenda_item_new (void)
{
  return g_object_new (GJ_TYPE_AGENDA_ITEM, NULL);
}
