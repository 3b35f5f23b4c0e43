/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-agreement.h"

struct _GjAgreement
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjAgreement, gj_agreement, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Code"), NULL },
  { "title", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Title"), NULL },
  { "unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "unit_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Unit"), "(SELECT name FROM unit WHERE id = t.unit_id)" },
  { "street_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "street_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Street"), "(SELECT name FROM street WHERE id = t.street_id)" },
  { "community_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "community_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Community"), "(SELECT name FROM community WHERE id = t.community_id)" },
  { "signed_date", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Signed"), NULL },
  { "start_date", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Start"), NULL },
  { "end_date", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("End"), NULL },
  { "status", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Status"), NULL },
  { "categories", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Categories"), NULL },
  { "content", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Content"), NULL },
  { "funding", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Funding (yuan)"), NULL },
  { "unit_contact", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Unit contact"), NULL },
  { "unit_phone", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Unit phone"), NULL },
  { "community_contact", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Community contact"), NULL },
  { "attachment", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Attachment"), NULL },
  { "previous_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "remark", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Remark"), NULL },
  { "extra", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, NULL, NULL },
};

static void
gj_agreement_class_init (GjAgreementClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "agreement", fields, G_N_ELEMENTS (fields));
}

static void
gj_agreement_init (GjAgreement *self)
{
}

GjAgreement *
gj_agreement_new (void)
{
  return g_object_new (GJ_TYPE_AGREEMENT, NULL);
}
