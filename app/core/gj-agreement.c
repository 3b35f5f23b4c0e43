/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

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

/* Only "draft" and "terminated" are kept; 生效中 or 已到期 from a file
 * are what the dates say, so they are left to the computation. */
static void
gj_agreement_prepare_write (GjRecord *record)
{
  const char *status = gj_record_get_text (record, "status");

  if (status != NULL)
    gj_record_set_text (record, "status", gj_agreement_status_normalize (status));
}

static gboolean parse_date (const char *iso,
                            GDate      *date);

static gboolean
gj_agreement_validate (GjRecord  *record,
                       GError   **error)
{
  GDate start, end;

  if (parse_date (gj_record_get_text (record, "start_date"), &start)
      && parse_date (gj_record_get_text (record, "end_date"), &end)
      && g_date_compare (&end, &start) < 0)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("The agreement’s term ends (%s) before it starts (%s)."),
                   gj_record_get_text (record, "end_date"), gj_record_get_text (record, "start_date"));
      return FALSE;
    }
  return TRUE;
}

static void
gj_agreement_class_init (GjAgreementClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "agreement", fields, G_N_ELEMENTS (fields));
  GJ_RECORD_CLASS (klass)->prepare_write = gj_agreement_prepare_write;
  GJ_RECORD_CLASS (klass)->validate = gj_agreement_validate;
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

static gboolean
parse_date (const char *iso,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

GjAgreementStatus
gj_agreement_get_status (GjAgreement *self,
                         const GDate *today)
{
  const char *manual = gj_record_get_text (GJ_RECORD (self), "status");
  GDate start, end;
  gboolean has_start, has_end;

  g_return_val_if_fail (GJ_IS_AGREEMENT (self), GJ_AGREEMENT_DRAFT);
  g_return_val_if_fail (today != NULL && g_date_valid (today), GJ_AGREEMENT_DRAFT);

  if (g_strcmp0 (manual, "terminated") == 0)
    return GJ_AGREEMENT_TERMINATED;
  if (g_strcmp0 (manual, "draft") == 0)
    return GJ_AGREEMENT_DRAFT;

  has_start = parse_date (gj_record_get_text (GJ_RECORD (self), "start_date"), &start);
  has_end = parse_date (gj_record_get_text (GJ_RECORD (self), "end_date"), &end);
  /* Without a signing date and a term it is still a draft. */
  if (!has_start && gj_record_get_text (GJ_RECORD (self), "signed_date") == NULL)
    return GJ_AGREEMENT_DRAFT;
  /* A term that ends before it starts was mistyped: it never was in force
   * (the store refuses to write one; a record made by hand may hold it). */
  if (has_start && has_end && g_date_compare (&end, &start) < 0)
    return GJ_AGREEMENT_DRAFT;
  /* It is in force from its first day to its last, both included. */
  if (has_start && g_date_compare (today, &start) < 0)
    return GJ_AGREEMENT_PENDING;
  if (has_end && g_date_compare (today, &end) > 0)
    return GJ_AGREEMENT_EXPIRED;
  /* Its last 60 days, counting the last one: ends today → 0 days between. */
  if (has_end && g_date_days_between (today, &end) < GJ_AGREEMENT_EXPIRING_DAYS)
    return GJ_AGREEMENT_EXPIRING;
  return GJ_AGREEMENT_IN_FORCE;
}

const char *
gj_agreement_status_to_string (GjAgreementStatus status)
{
  switch (status)
    {
    case GJ_AGREEMENT_DRAFT: return "draft";
    case GJ_AGREEMENT_PENDING: return "pending";
    case GJ_AGREEMENT_IN_FORCE: return "in-force";
    case GJ_AGREEMENT_EXPIRING: return "expiring";
    case GJ_AGREEMENT_EXPIRED: return "expired";
    case GJ_AGREEMENT_TERMINATED: return "terminated";
    default: g_return_val_if_reached ("draft");
    }
}

const char *
gj_agreement_status_get_title (GjAgreementStatus status)
{
  switch (status)
    {
    case GJ_AGREEMENT_DRAFT: return C_("agreement status", "Draft");
    case GJ_AGREEMENT_PENDING: return C_("agreement status", "Not yet in force");
    case GJ_AGREEMENT_IN_FORCE: return C_("agreement status", "In force");
    case GJ_AGREEMENT_EXPIRING: return C_("agreement status", "Expiring soon");
    case GJ_AGREEMENT_EXPIRED: return C_("agreement status", "Expired");
    case GJ_AGREEMENT_TERMINATED: return C_("agreement status", "Terminated");
    default: g_return_val_if_reached ("");
    }
}

const char *
gj_agreement_status_normalize (const char *text)
{
  static const char *drafts[] = { "draft", "草稿", "拟签", "待签" };
  static const char *ended[] = { "terminated", "终止", "已终止", "解除", "已解除" };

  if (text == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    if (g_ascii_strcasecmp (text, drafts[i]) == 0)
      return "draft";
  for (guint i = 0; i < G_N_ELEMENTS (ended); i++)
    if (g_ascii_strcasecmp (text, ended[i]) == 0)
      return "terminated";
  return NULL;
}
