/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The problem wall's actions, each one transaction with its note. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gj-echo-entry.h"
#include "gj-progress-note.h"
#include "gj-store-private.h"
#include "gj-store-problems.h"

static char *
today_iso (void)
{
  g_autoptr(GDate) today = gj_today ();
  char buf[16];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", today);
  return g_strdup (buf);
}

static gboolean
insert_note (GjStore     *self,
             GjRecord    *problem,
             const char  *text,
             const char  *author,
             GError     **error)
{
  g_autoptr(GjRecord) note = GJ_RECORD (gj_progress_note_new ());
  g_autofree char *today = today_iso ();

  gj_record_set_int (note, "problem_id", gj_record_get_id (problem));
  gj_record_set_text (note, "noted_on", today);
  gj_record_set_text (note, "text", text);
  if (author != NULL && *author != '\0')
    gj_record_set_text (note, "author", author);
  return gj_store_insert (self, note, error);
}

/* Writes @changed (a copy of @problem) and @note in one transaction; on
 * success @problem takes the written values. */
static gboolean
write_with_note (GjStore     *self,
                 GjRecord    *problem,
                 GjRecord    *changed,
                 const char  *note,
                 const char  *author,
                 GError     **error)
{
  g_autoptr(GjRecord) stored = NULL;

  if (!gj_store_begin (self, error))
    return FALSE;
  if (!gj_store_update (self, changed, error) || !insert_note (self, problem, note, author, error))
    {
      gj_store_rollback (self);
      return FALSE;
    }
  if (!gj_store_commit (self, error))
    return FALSE;

  stored = gj_store_get (self, GJ_TYPE_PROBLEM, gj_record_get_id (problem), NULL);
  if (stored != NULL)
    {
      guint n = 0;

      gj_record_get_fields (stored, &n);
      for (guint i = 0; i < n; i++)
        {
          const GValue *v = gj_record_peek_value (stored, i);
          GValue copy = G_VALUE_INIT;

          if (G_IS_VALUE (v))
            {
              g_value_init (&copy, G_VALUE_TYPE (v));
              g_value_copy (v, &copy);
              gj_record_take_value (problem, i, &copy);
            }
          else
            gj_record_take_value (problem, i, NULL);
        }
    }
  if (stored != NULL)
    gj_record_set_times (problem, gj_record_get_created_at (stored), gj_record_get_updated_at (stored));
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

gboolean
gj_store_problem_move (GjStore          *self,
                       GjRecord         *problem,
                       GjProblemStatus   to,
                       const char       *detail,
                       const char       *author,
                       GError          **error)
{
  GjProblemStatus from;
  g_autoptr(GjRecord) changed = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), FALSE);

  from = gj_problem_get_status (problem);
  if (to == GJ_PROBLEM_PUBLISHED)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("A problem is published with its result, on the echo wall."));
      return FALSE;
    }
  if (!gj_problem_status_check_move (from, to, error))
    return FALSE;
  if (is_blank (detail))
    detail = NULL;

  if (to == GJ_PROBLEM_UNSOLVABLE && detail == NULL)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("Say why the problem cannot be solved."));
      return FALSE;
    }
  if (to == GJ_PROBLEM_ESCALATED && detail == NULL)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("Say to whom the problem is escalated (吹哨)."));
      return FALSE;
    }
  if (gj_problem_status_is_done (from) && detail == NULL)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("Say why the problem is reopened."));
      return FALSE;
    }
  if (to == GJ_PROBLEM_ASSIGNED
      && (gj_record_is_null (problem, "lead_unit_id") || gj_record_get_text (problem, "deadline") == NULL))
    {
      g_set_error (error, GJ_RECORD_ERROR, 0,
                   _("A problem is assigned to a responsible unit with a deadline: set both first."));
      return FALSE;
    }

  changed = gj_record_copy (problem);
  gj_record_set_text (changed, "status", gj_problem_status_to_string (to));
  if (to == GJ_PROBLEM_UNSOLVABLE)
    gj_record_set_text (changed, "reason", detail);
  if (to == GJ_PROBLEM_ESCALATED)
    gj_record_set_text (changed, "escalated_to", detail);
  if (to == GJ_PROBLEM_RESOLVED)
    {
      g_autofree char *today = today_iso ();

      gj_record_set_text (changed, "resolved_on", today);
    }
  else if (!gj_problem_status_is_done (to))
    gj_record_set_null (changed, "resolved_on");

  if (gj_problem_status_is_done (from))
    /* TRANSLATORS: a progress note: the old and new status, then the reason */
    note = g_strdup_printf (_("Reopened: %s → %s. Reason: %s"), gj_problem_status_get_title (from),
                            gj_problem_status_get_title (to), detail);
  else if (detail != NULL)
    /* TRANSLATORS: a progress note: the old and new status, then what was said */
    note = g_strdup_printf (_("Status: %s → %s (%s)"), gj_problem_status_get_title (from),
                            gj_problem_status_get_title (to), detail);
  else
    note = g_strdup_printf (_("Status: %s → %s"), gj_problem_status_get_title (from),
                            gj_problem_status_get_title (to));
  return write_with_note (self, problem, changed, note, author, error);
}

gboolean
gj_store_problem_extend (GjStore     *self,
                         GjRecord    *problem,
                         const char  *deadline,
                         const char  *reason,
                         const char  *author,
                         GError     **error)
{
  g_autofree char *iso = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GjRecord) changed = NULL;
  const char *old;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), FALSE);

  iso = deadline ? gj_date_normalize (deadline) : NULL;
  if (iso == NULL)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("“%s” is not a date."), deadline ? deadline : "");
      return FALSE;
    }
  if (is_blank (reason))
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("Extending a deadline needs a reason."));
      return FALSE;
    }
  if (gj_problem_status_is_done (gj_problem_get_status (problem)))
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("The problem is done: its deadline no longer counts."));
      return FALSE;
    }
  old = gj_record_get_text (problem, "deadline");
  if (old != NULL && g_strcmp0 (iso, old) <= 0)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("The new deadline (%s) must come after the old one (%s)."), iso, old);
      return FALSE;
    }

  changed = gj_record_copy (problem);
  gj_record_set_text (changed, "deadline", iso);
  if (old != NULL)
    /* TRANSLATORS: a progress note: old deadline, new deadline, reason */
    note = g_strdup_printf (_("Deadline extended from %s to %s. Reason: %s"), old, iso, reason);
  else
    note = g_strdup_printf (_("Deadline set to %s. Reason: %s"), iso, reason);
  return write_with_note (self, problem, changed, note, author, error);
}

gboolean
gj_store_problem_add_note (GjStore     *self,
                           GjRecord    *problem,
                           const char  *text,
                           const char  *author,
                           GError     **error)
{
  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), FALSE);

  if (is_blank (text))
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("A progress note cannot be empty."));
      return FALSE;
    }
  if (!gj_store_begin (self, error))
    return FALSE;
  if (!insert_note (self, problem, text, author, error))
    {
      gj_store_rollback (self);
      return FALSE;
    }
  return gj_store_commit (self, error);
}

GjRecord *
gj_store_problem_publish (GjStore     *self,
                          GjRecord    *problem,
                          const char  *result,
                          const char  *published_on,
                          const char  *channel,
                          GError     **error)
{
  g_autoptr(GjRecord) entry = NULL;
  g_autoptr(GjRecord) changed = NULL;
  g_autofree char *day = NULL;
  g_autofree char *note = NULL;
  GjProblemStatus from;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), NULL);

  from = gj_problem_get_status (problem);
  if (!gj_problem_status_check_move (from, GJ_PROBLEM_PUBLISHED, error))
    return NULL;
  if (is_blank (result))
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("Write the result residents will read on the echo wall."));
      return NULL;
    }
  day = published_on ? gj_date_normalize (published_on) : today_iso ();
  if (day == NULL)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0, _("“%s” is not a date."), published_on);
      return NULL;
    }

  entry = GJ_RECORD (gj_echo_entry_new ());
  gj_record_set_int (entry, "problem_id", gj_record_get_id (problem));
  gj_record_set_text (entry, "result", result);
  gj_record_set_text (entry, "published_on", day);
  if (!is_blank (channel))
    gj_record_set_text (entry, "channel", channel);

  changed = gj_record_copy (problem);
  gj_record_set_text (changed, "status", gj_problem_status_to_string (GJ_PROBLEM_PUBLISHED));
  if (!is_blank (channel))
    /* TRANSLATORS: a progress note; %s is where: 公告栏, 微信群 … */
    note = g_strdup_printf (_("Published on the echo wall (%s)."), channel);
  else
    note = g_strdup (_("Published on the echo wall."));

  if (!gj_store_begin (self, error))
    return NULL;
  if (!gj_store_insert (self, entry, error) || !write_with_note (self, problem, changed, note, NULL, error))
    {
      gj_store_rollback (self);
      return NULL;
    }
  if (!gj_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&entry);
}

GListModel *
gj_store_problem_list_notes (GjStore   *self,
                             GjRecord  *problem,
                             GError   **error)
{
  g_auto(GValue) id = G_VALUE_INIT;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), NULL);

  g_value_init (&id, G_TYPE_INT64);
  g_value_set_int64 (&id, gj_record_get_id (problem));
  return gj_store_list_where (self, GJ_TYPE_PROGRESS_NOTE, "problem_id", &id, error);
}

gboolean
gj_store_problem_funnel (GjStore          *self,
                         gint64            street_id,
                         const char       *from,
                         const char       *to,
                         GjProblemFunnel  *funnel,
                         GError          **error)
{
  static const char sql[] =
    "SELECT p.status"
    "  FROM problem p LEFT JOIN grid g ON g.id = p.grid_id"
    " WHERE (?1 = 0 OR g.street_id = ?1)"
    "   AND (?2 IS NULL OR substr (p.created_at, 1, 10) >= ?2)"
    "   AND (?3 IS NULL OR substr (p.created_at, 1, 10) <= ?3)";
  gint64 counts[GJ_FUNNEL_N_STAGES] = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (funnel != NULL, FALSE);

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, street_id);
  if (from != NULL)
    sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  if (to != NULL)
    sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);

      for (int s = 0; s < GJ_FUNNEL_N_STAGES; s++)
        counts[s] += gj_problem_in_funnel_stage (status, s);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  funnel->collected = counts[GJ_FUNNEL_COLLECTED];
  funnel->on_wall = counts[GJ_FUNNEL_ON_WALL];
  funnel->resolved = counts[GJ_FUNNEL_RESOLVED];
  funnel->published = counts[GJ_FUNNEL_PUBLISHED];
  funnel->open = counts[GJ_FUNNEL_OPEN];
  funnel->unsolvable = counts[GJ_FUNNEL_UNSOLVABLE];
  return TRUE;
}

gboolean
gj_store_problem_count_colours (GjStore    *self,
                                gint64      street_id,
                                GDateTime  *now,
                                gint64      counts[GJ_DEADLINE_GREY + 1],
                                GError    **error)
{
  static const char sql[] =
    "SELECT p.status, p.deadline FROM problem p LEFT JOIN grid g ON g.id = p.grid_id"
    " WHERE ?1 = 0 OR g.street_id = ?1";
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);

  for (int i = 0; i <= GJ_DEADLINE_GREY; i++)
    counts[i] = 0;
  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, street_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);
      const char *deadline = (const char *) sqlite3_column_text (stmt, 1);
      GjProblemStatus s = status ? gj_problem_status_from_string (status) : GJ_PROBLEM_REGISTERED;

      counts[gj_problem_colour_for (s, deadline, now)]++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  return TRUE;
}
