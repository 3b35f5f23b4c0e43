/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-problem-unit.h"

struct _GjProblemUnit
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjProblemUnit, gj_problem_unit, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "problem_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
};

static void
gj_problem_unit_class_init (GjProblemUnitClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "problem_unit", fields, G_N_ELEMENTS (fields));
}

static void
gj_problem_unit_init (GjProblemUnit *self)
{
}

GjProblemUnit *
gj_problem_unit_new (void)
{
  return g_object_new (GJ_TYPE_PROBLEM_UNIT, NULL);
}
