/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-check-exception.h"

struct _GjCheckException
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjCheckException, gj_check_exception, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "key", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED | GJ_FIELD_FLAG_CODE, NULL, NULL },
  { "type", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Check"), NULL },
  { "reason", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Reason"), NULL },
  { "actor", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("By"), NULL },
};

static void
gj_check_exception_class_init (GjCheckExceptionClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "check_exception", fields, G_N_ELEMENTS (fields));
}

static void
gj_check_exception_init (GjCheckException *self)
{
}

GjCheckException *
gj_check_exception_new (void)
{
  return g_object_new (GJ_TYPE_CHECK_EXCEPTION, NULL);
}
