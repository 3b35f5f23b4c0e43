/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-evaluation.h"

struct _GjEvaluation
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjEvaluation, gj_evaluation, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "agreement_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "commitment_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "year", GJ_FIELD_INT, GJ_FIELD_FLAG_REQUIRED, N_("Year"), NULL },
  { "fulfilled", GJ_FIELD_BOOL, GJ_FIELD_FLAG_NONE, N_("Fulfilled"), NULL },
  { "score", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Score"), NULL },
  { "comment", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Comment"), NULL },
  { "evaluator", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Evaluator"), NULL },
  { "evaluated_on", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Date"), NULL },
};

static void
gj_evaluation_class_init (GjEvaluationClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "evaluation", fields, G_N_ELEMENTS (fields));
}

static void
gj_evaluation_init (GjEvaluation *self)
{
}

GjEvaluation *
gj_evaluation_new (void)
{
  return g_object_new (GJ_TYPE_EVALUATION, NULL);
}
