/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-problem.h"

struct _GjProblem
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjProblem, gj_problem, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Code"), NULL },
  { "title", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Title"), NULL },
  { "description", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Description"), NULL },
  { "category", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Category"), NULL },
  { "source", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Source"), NULL },
  { "meeting_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "agenda_item_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Grid"), "(SELECT code FROM grid WHERE id = t.grid_id)" },
  { "lon", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Longitude"), NULL },
  { "lat", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Latitude"), NULL },
  { "lead_unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "lead_unit_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Responsible unit"), "(SELECT name FROM unit WHERE id = t.lead_unit_id)" },
  { "measures", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Measures"), NULL },
  { "deadline", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Deadline"), NULL },
  { "status", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Status"), NULL },
  { "escalated_to", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Escalated to"), NULL },
  { "reason", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Reason"), NULL },
  { "resolved_on", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Resolved"), NULL },
};

static void
gj_problem_class_init (GjProblemClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "problem", fields, G_N_ELEMENTS (fields));
}

static void
gj_problem_init (GjProblem *self)
{
}

GjProblem *
gj_problem_new (void)
{
  return g_object_new (GJ_TYPE_PROBLEM, NULL);
}
