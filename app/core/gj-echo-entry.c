/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-echo-entry.h"

struct _GjEchoEntry
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjEchoEntry, gj_echo_entry, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "problem_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "result", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Result"), NULL },
  { "published_on", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Published"), NULL },
  { "channel", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Channel"), NULL },
};

static void
gj_echo_entry_class_init (GjEchoEntryClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "echo_entry", fields, G_N_ELEMENTS (fields));
}

static void
gj_echo_entry_init (GjEchoEntry *self)
{
}

GjEchoEntry *
gj_echo_entry_new (void)
{
  return g_object_new (GJ_TYPE_ECHO_ENTRY, NULL);
}
