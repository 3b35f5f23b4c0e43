/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

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

static const char *status_names[GJ_PROBLEM_N_STATUSES] = {
  "registered", "assigned", "in_progress", "resolved", "published", "unsolvable", "escalated",
};

/* What offices write in a status column, for each status in order. */
static const char *status_words[GJ_PROBLEM_N_STATUSES][8] = {
  { "registered", "new", "已登记", "登记", "待交办", "已收集", NULL },
  { "assigned", "已交办", "交办", "已分派", "待整改", NULL },
  { "in_progress", "in-progress", "整改中", "办理中", "处理中", "进行中", NULL },
  { "resolved", "已解决", "已办结", "办结", "已整改", NULL },
  { "published", "已公开", "已公示", "已回应", "已上墙", NULL },
  { "unsolvable", "cannot_solve", "cannot-solve", "无法解决", "不能解决", "暂无法解决", NULL },
  { "escalated", "已吹哨", "吹哨", "已上报", "上报", NULL },
};

GjProblemStatus
gj_problem_status_from_string (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  if (text == NULL)
    return GJ_PROBLEM_INVALID;
  stripped = g_strstrip (g_strdup (text));
  folded = g_utf8_casefold (stripped, -1);
  for (int i = 0; i < GJ_PROBLEM_N_STATUSES; i++)
    for (guint w = 0; status_words[i][w] != NULL; w++)
      if (g_strcmp0 (folded, status_words[i][w]) == 0)
        return i;
  return GJ_PROBLEM_INVALID;
}

const char *
gj_problem_status_to_string (GjProblemStatus status)
{
  g_return_val_if_fail (status >= 0 && status < GJ_PROBLEM_N_STATUSES, NULL);
  return status_names[status];
}

const char *
gj_problem_status_get_title (GjProblemStatus status)
{
  switch (status)
    {
    case GJ_PROBLEM_REGISTERED:
      return C_("problem status", "Registered");
    case GJ_PROBLEM_ASSIGNED:
      return C_("problem status", "Assigned");
    case GJ_PROBLEM_IN_PROGRESS:
      return C_("problem status", "In progress");
    case GJ_PROBLEM_RESOLVED:
      return C_("problem status", "Resolved");
    case GJ_PROBLEM_PUBLISHED:
      return C_("problem status", "Published");
    case GJ_PROBLEM_UNSOLVABLE:
      return C_("problem status", "Cannot be solved");
    case GJ_PROBLEM_ESCALATED:
      return C_("problem status", "Escalated");
    case GJ_PROBLEM_INVALID:
    default:
      return C_("problem status", "Unknown");
    }
}

gboolean
gj_problem_status_is_done (GjProblemStatus status)
{
  return status == GJ_PROBLEM_RESOLVED || status == GJ_PROBLEM_PUBLISHED || status == GJ_PROBLEM_UNSOLVABLE;
}

/* The moves the wall allows: forward along the main line (a step may be
 * skipped once a unit is responsible), to a side exit while open, back
 * to work when reopened. Publishing needs a resolved problem. */
static const gboolean allowed[GJ_PROBLEM_N_STATUSES][GJ_PROBLEM_N_STATUSES] = {
  /* from \ to:         REG    ASSIGN IN_PR  RESOLV PUBL   UNSOLV ESCAL */
  [GJ_PROBLEM_REGISTERED]  = { FALSE, TRUE,  FALSE, FALSE, FALSE, TRUE,  TRUE  },
  [GJ_PROBLEM_ASSIGNED]    = { TRUE,  FALSE, TRUE,  TRUE,  FALSE, TRUE,  TRUE  },
  [GJ_PROBLEM_IN_PROGRESS] = { FALSE, TRUE,  FALSE, TRUE,  FALSE, TRUE,  TRUE  },
  [GJ_PROBLEM_RESOLVED]    = { FALSE, FALSE, TRUE,  FALSE, TRUE,  FALSE, FALSE },
  [GJ_PROBLEM_PUBLISHED]   = { FALSE, FALSE, TRUE,  FALSE, FALSE, FALSE, FALSE },
  [GJ_PROBLEM_UNSOLVABLE]  = { TRUE,  FALSE, TRUE,  FALSE, FALSE, FALSE, FALSE },
  [GJ_PROBLEM_ESCALATED]   = { FALSE, TRUE,  TRUE,  TRUE,  FALSE, TRUE,  FALSE },
};

gboolean
gj_problem_status_check_move (GjProblemStatus   from,
                              GjProblemStatus   to,
                              GError          **error)
{
  if (from == GJ_PROBLEM_INVALID)
    from = GJ_PROBLEM_REGISTERED;
  if (to < 0 || to >= GJ_PROBLEM_N_STATUSES)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("Not a status of the problem wall."));
      return FALSE;
    }
  if (from == to)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("The problem is already “%s”."), gj_problem_status_get_title (to));
      return FALSE;
    }
  if (allowed[from][to])
    return TRUE;
  if (to == GJ_PROBLEM_PUBLISHED)
    g_set_error (error, GJ_RECORD_ERROR, 0,
                 _("Only a resolved problem can be published on the echo wall; this one is “%s”."),
                 gj_problem_status_get_title (from));
  else if (to == GJ_PROBLEM_RESOLVED || to == GJ_PROBLEM_IN_PROGRESS)
    g_set_error (error, GJ_RECORD_ERROR, 0,
                 _("A problem that is “%s” must first be assigned to a responsible unit."),
                 gj_problem_status_get_title (from));
  else
    g_set_error (error, GJ_RECORD_ERROR, 0, _("A problem cannot go from “%s” to “%s”."),
                 gj_problem_status_get_title (from), gj_problem_status_get_title (to));
  return FALSE;
}

GjProblemStatus
gj_problem_get_status (GjRecord *problem)
{
  const char *text;

  g_return_val_if_fail (GJ_IS_PROBLEM (problem), GJ_PROBLEM_INVALID);

  text = gj_record_get_text (problem, "status");
  return text == NULL ? GJ_PROBLEM_REGISTERED : gj_problem_status_from_string (text);
}

gboolean
gj_problem_in_funnel_stage (const char    *status,
                            GjFunnelStage  stage)
{
  gboolean resolved = g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "published") == 0;
  gboolean unsolvable = g_strcmp0 (status, "unsolvable") == 0;

  switch (stage)
    {
    case GJ_FUNNEL_COLLECTED:
      return TRUE;
    case GJ_FUNNEL_ON_WALL:
      return status != NULL && strcmp (status, "registered") != 0;
    case GJ_FUNNEL_RESOLVED:
      return resolved;
    case GJ_FUNNEL_PUBLISHED:
      return g_strcmp0 (status, "published") == 0;
    case GJ_FUNNEL_OPEN:
      return status != NULL && !resolved && !unsolvable;
    case GJ_FUNNEL_UNSOLVABLE:
      return unsolvable;
    case GJ_FUNNEL_N_STAGES:
    default:
      return FALSE;
    }
}

void
gj_district_today (GDateTime *now,
                   GDate     *today)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (now == NULL)
    {
      g_autoptr(GDate) fixed = gj_today ();

      *today = *fixed;
      return;
    }
  zone = g_time_zone_new_identifier (GJ_DISTRICT_TIME_ZONE);
  if (zone == NULL)
    zone = g_time_zone_new_offset (8 * 3600);
  local = g_date_time_to_timezone (now, zone);
  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

GjDeadlineColour
gj_problem_colour_for (GjProblemStatus  status,
                       const char      *deadline,
                       GDateTime       *now)
{
  GDate today, due;
  int y, m, d, days;

  if (gj_problem_status_is_done (status))
    return GJ_DEADLINE_GREY;
  if (deadline == NULL || sscanf (deadline, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return GJ_DEADLINE_NONE;
  g_date_clear (&due, 1);
  g_date_set_dmy (&due, d, m, y);
  gj_district_today (now, &today);
  days = g_date_days_between (&today, &due);
  if (days < 0)
    return GJ_DEADLINE_RED;
  if (days <= GJ_PROBLEM_DUE_SOON_DAYS)
    return GJ_DEADLINE_YELLOW;
  return GJ_DEADLINE_GREEN;
}

GjDeadlineColour
gj_problem_get_colour (GjRecord  *problem,
                       GDateTime *now)
{
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), GJ_DEADLINE_NONE);

  return gj_problem_colour_for (gj_problem_get_status (problem), gj_record_get_text (problem, "deadline"), now);
}

const char *
gj_deadline_colour_to_string (GjDeadlineColour colour)
{
  static const char *names[] = { "none", "green", "yellow", "red", "grey" };

  g_return_val_if_fail (colour <= GJ_DEADLINE_GREY, NULL);
  return names[colour];
}

const char *
gj_deadline_colour_get_title (GjDeadlineColour colour)
{
  switch (colour)
    {
    case GJ_DEADLINE_GREEN:
      return C_("deadline", "On track");
    case GJ_DEADLINE_YELLOW:
      return C_("deadline", "Due soon");
    case GJ_DEADLINE_RED:
      return C_("deadline", "Overdue");
    case GJ_DEADLINE_GREY:
      return C_("deadline", "Done");
    case GJ_DEADLINE_NONE:
    default:
      return C_("deadline", "No deadline");
    }
}

/* A status read from a file is kept as its code word; one that cannot be
 * read is kept as it was, for validate to refuse with its text. */
static void
gj_problem_prepare_write (GjRecord *record)
{
  const char *status = gj_record_get_text (record, "status");
  GjProblemStatus s = gj_problem_status_from_string (status);

  if (status == NULL)
    gj_record_set_text (record, "status", status_names[GJ_PROBLEM_REGISTERED]);
  else if (s != GJ_PROBLEM_INVALID)
    gj_record_set_text (record, "status", status_names[s]);
}

static gboolean
gj_problem_validate (GjRecord  *record,
                     GError   **error)
{
  const char *status = gj_record_get_text (record, "status");
  GjProblemStatus s = gj_problem_status_from_string (status);

  if (s == GJ_PROBLEM_INVALID)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0,
                   _("“%s” is not a status of the problem wall (registered, assigned, in progress, "
                     "resolved, published, cannot be solved, escalated)."), status);
      return FALSE;
    }
  if (s == GJ_PROBLEM_UNSOLVABLE && gj_record_get_text (record, "reason") == NULL)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("A problem that cannot be solved needs the reason why."));
      return FALSE;
    }
  if (s == GJ_PROBLEM_ESCALATED && gj_record_get_text (record, "escalated_to") == NULL)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("An escalated problem (吹哨) needs to say to whom."));
      return FALSE;
    }
  return TRUE;
}

static void
gj_problem_class_init (GjProblemClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "problem", fields, G_N_ELEMENTS (fields));
  GJ_RECORD_CLASS (klass)->prepare_write = gj_problem_prepare_write;
  GJ_RECORD_CLASS (klass)->validate = gj_problem_validate;
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
