/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-topic.h"

struct _GjTopic
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjTopic, gj_topic, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "title", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Topic"), NULL },
  { "description", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Description"), NULL },
  { "street_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "street_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Street"), "(SELECT name FROM street WHERE id = t.street_id)" },
  { "unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "unit_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Suggested by"), "(SELECT name FROM unit WHERE id = t.unit_id)" },
  { "suggested_on", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Suggested on"), NULL },
  { "minutes_planned", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Minutes planned"), NULL },
  { "status", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Status"), NULL },
  { "meeting_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
};

static void
gj_topic_class_init (GjTopicClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "topic", fields, G_N_ELEMENTS (fields));
}

static void
gj_topic_init (GjTopic *self)
{
}

GjTopic *
gj_topic_new (void)
{
  return g_object_new (GJ_TYPE_TOPIC, NULL);
}
