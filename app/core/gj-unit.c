/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gj-credit-code.h"
#include "gj-unit.h"

struct _GjUnit
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjUnit, gj_unit, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Code"), NULL },
  { "name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Name"), NULL },
  { "kind", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Kind"), NULL },
  { "credit_code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Credit code"), NULL },
  { "address", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Address"), NULL },
  { "contact_person", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Contact"), NULL },
  { "contact_phone", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Contact phone"), NULL },
  { "landline", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Landline"), NULL },
  { "staff_count", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Staff"), NULL },
  { "party_members", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Party members"), NULL },
  { "party_org", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Party organisation"), NULL },
  { "street_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "street_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Street"), "(SELECT name FROM street WHERE id = t.street_id)" },
  { "community_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "community_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Community"), "(SELECT name FROM community WHERE id = t.community_id)" },
  { "grid_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Grid"), "(SELECT code FROM grid WHERE id = t.grid_id)" },
  { "lon", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Longitude"), NULL },
  { "lat", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Latitude"), NULL },
  { "registered_date", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Registered"), NULL },
  { "verified_date", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Last verified"), NULL },
  { "remark", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Remark"), NULL },
  { "extra", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, NULL, NULL },
};

/* A code typed with spaces around it or in small letters is the same
 * code; a blank one is none. */
static void
gj_unit_prepare_write (GjRecord *record)
{
  const char *code = gj_record_get_text (record, "credit_code");
  g_autofree char *clean = NULL;

  if (code == NULL)
    return;
  clean = g_strstrip (g_ascii_strup (code, -1));
  if (*clean == '\0')
    gj_record_set_null (record, "credit_code");
  else if (strcmp (clean, code) != 0)
    gj_record_set_text (record, "credit_code", clean);
}

/* 统一社会信用代码: a wrong one is refused with the reason; none is allowed. */
static gboolean
gj_unit_validate (GjRecord  *record,
                  GError   **error)
{
  const char *code = gj_record_get_text (record, "credit_code");
  g_autofree char *reason = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (code ? code : ""));

  if (*stripped == '\0' || gj_credit_code_check (code, &reason))
    return TRUE;
  g_set_error (error, GJ_RECORD_ERROR, 0, _("the unified social credit code %s is wrong: %s"), code, reason);
  return FALSE;
}

static void
gj_unit_class_init (GjUnitClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "unit", fields, G_N_ELEMENTS (fields));
  GJ_RECORD_CLASS (klass)->prepare_write = gj_unit_prepare_write;
  GJ_RECORD_CLASS (klass)->validate = gj_unit_validate;
}

static void
gj_unit_init (GjUnit *self)
{
}

GjUnit *
gj_unit_new (void)
{
  return g_object_new (GJ_TYPE_UNIT, NULL);
}

gboolean
gj_unit_is_stale (GjRecord    *unit,
                  const GDate *today)
{
  const char *verified;
  GDate due;
  int y, m, d;

  g_return_val_if_fail (GJ_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  verified = gj_record_get_text (unit, "verified_date");
  if (verified == NULL || sscanf (verified, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return TRUE;
  /* Checked on 2024-02-29, it is still good on 2025-02-28. */
  g_date_clear (&due, 1);
  g_date_set_dmy (&due, d, m, y);
  g_date_add_years (&due, GJ_UNIT_STALE_YEARS);
  return g_date_compare (today, &due) > 0;
}
