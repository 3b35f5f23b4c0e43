/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-commitment.h"

struct _GjCommitment
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjCommitment, gj_commitment, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "agreement_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "side", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Side"), NULL },
  { "content", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Content"), NULL },
  { "due_date", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Due"), NULL },
  { "status", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Status"), NULL },
};

static void
gj_commitment_class_init (GjCommitmentClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "commitment", fields, G_N_ELEMENTS (fields));
}

static void
gj_commitment_init (GjCommitment *self)
{
}

GjCommitment *
gj_commitment_new (void)
{
  return g_object_new (GJ_TYPE_COMMITMENT, NULL);
}
