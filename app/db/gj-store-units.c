/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gj-store-private.h"
#include "gj-store-units.h"

/* Helpers ------------------------------------------------------------------ */

static gboolean
parse_iso (const char *iso,
           GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
format_iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static GDate *
today_or (const GDate *today)
{
  if (today != NULL && g_date_valid (today))
    return g_date_copy (today);
  return gj_today ();
}

static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

/* The stored record as it is now: forms may hold an older copy. */
static GjRecord *
fresh (GjStore    *self,
       GjRecord   *record,
       GError    **error)
{
  if (gj_record_get_id (record) <= 0)
    {
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND,
                   _("“%s” has not been saved yet."), gj_record_get_label (record));
      return NULL;
    }
  return gj_store_get (self, G_OBJECT_TYPE (record), gj_record_get_id (record), error);
}

/* Makes @dest what @src is (values and times), telling whoever watches. */
static void
sync_record (GjRecord *dest,
             GjRecord *src)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (src);

  if (dest == src)
    return;
  gj_record_set_id (dest, gj_record_get_id (src));
  gj_record_set_uuid (dest, gj_record_get_uuid (src));
  gj_record_set_times (dest, gj_record_get_created_at (src), gj_record_get_updated_at (src));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GValue *v = gj_record_peek_value (src, i);
      GValue copy = G_VALUE_INIT;

      if (v != NULL && G_IS_VALUE (v))
        {
          g_value_init (&copy, G_VALUE_TYPE (v));
          g_value_copy (v, &copy);
        }
      gj_record_take_value (dest, i, &copy);
    }
}

static GListModel *
model_from_array (GType      type,
                  GPtrArray *items)
{
  GListStore *list = g_list_store_new (type);

  g_list_store_splice (list, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (list);
}

/* Runs @sql with the integer parameters @a, @b and collects column 0. */
static GArray *
query_ids (GjStore     *self,
           const char  *sql,
           gint64       a,
           gint64       b,
           GError     **error)
{
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Records of @type chosen by @where (bound to @a, @b), in its order. */
static GPtrArray *
select_records (GjStore     *self,
                GType        type,
                const char  *where,
                gint64       a,
                gint64       b,
                GError     **error)
{
  g_autofree char *sql = gj_store_select_sql_full (type, where, GJ_STORE_LIST_NO_GEOMETRY);
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int n_params;
  int rc;

  if (stmt == NULL)
    return NULL;
  n_params = sqlite3_bind_parameter_count (stmt);
  if (n_params >= 1)
    sqlite3_bind_int64 (stmt, 1, a);
  if (n_params >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, gj_store_record_from_row (type, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* Units: a place follows the point --------------------------------------- */

gboolean
gj_store_place_by_point (GjStore   *self,
                         GjRecord  *record,
                         GError   **error)
{
  g_autoptr(GjGrid) grid = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!GJ_IS_UNIT (record) || gj_record_is_null (record, "lon") || gj_record_is_null (record, "lat"))
    return TRUE;

  grid = gj_store_find_grid_at (self, gj_record_get_real (record, "lon"),
                                gj_record_get_real (record, "lat"), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Outside every grid the typed grid stays: the checks list the unit. */
  if (grid == NULL)
    return TRUE;

  gj_record_set_int (record, "grid_id", gj_record_get_id (GJ_RECORD (grid)));
  if (!gj_record_is_null (GJ_RECORD (grid), "street_id"))
    gj_record_set_int (record, "street_id", gj_record_get_int (GJ_RECORD (grid), "street_id"));
  if (!gj_record_is_null (GJ_RECORD (grid), "community_id"))
    gj_record_set_int (record, "community_id", gj_record_get_int (GJ_RECORD (grid), "community_id"));
  return TRUE;
}

GListModel *
gj_store_list_stale_units (GjStore      *self,
                           const GDate  *today,
                           GError      **error)
{
  g_autoptr(GDate) day = today_or (today);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  units = select_records (self, GJ_TYPE_UNIT, "ORDER BY t.id", 0, 0, error);
  if (units == NULL)
    return NULL;
  for (guint i = 0; i < units->len; i++)
    if (gj_unit_is_stale (units->pdata[i], day))
      g_ptr_array_add (stale, g_object_ref (units->pdata[i]));
  return model_from_array (GJ_TYPE_UNIT, stale);
}

/* Agreements ---------------------------------------------------------------- */

GListModel *
gj_store_list_commitments (GjStore   *self,
                           GjRecord  *agreement,
                           GError   **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_AGREEMENT (agreement), NULL);

  items = select_records (self, GJ_TYPE_COMMITMENT, "WHERE t.agreement_id = ?1 ORDER BY t.id",
                          gj_record_get_id (agreement), 0, error);
  return items ? model_from_array (GJ_TYPE_COMMITMENT, items) : NULL;
}

GListModel *
gj_store_list_agreements_by_status (GjStore           *self,
                                    GjAgreementStatus  status,
                                    const GDate       *today,
                                    GError           **error)
{
  g_autoptr(GDate) day = today_or (today);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  all = select_records (self, GJ_TYPE_AGREEMENT, "ORDER BY t.end_date, t.id", 0, 0, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (gj_agreement_get_status (all->pdata[i], day) == status)
      g_ptr_array_add (out, g_object_ref (all->pdata[i]));
  return model_from_array (GJ_TYPE_AGREEMENT, out);
}

GListModel *
gj_store_list_agreement_chain (GjStore   *self,
                               GjRecord  *agreement,
                               GError   **error)
{
  /* Row ids as keys: a loop of hand-made links ends the walk. */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
  GjRecord *cur;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_AGREEMENT (agreement), NULL);

  cur = fresh (self, agreement, error);
  if (cur == NULL)
    return NULL;
  g_ptr_array_add (chain, cur);
  g_hash_table_add (seen, GSIZE_TO_POINTER ((gsize) gj_record_get_id (cur)));

  /* Back to the first term … */
  while (!gj_record_is_null (cur, "previous_id"))
    {
      gint64 prev = gj_record_get_int (cur, "previous_id");
      g_autoptr(GError) local_error = NULL;
      GjRecord *older;

      if (g_hash_table_contains (seen, GSIZE_TO_POINTER ((gsize) prev)))
        break;
      older = gj_store_get (self, GJ_TYPE_AGREEMENT, prev, &local_error);
      if (older == NULL)
        {
          if (!g_error_matches (local_error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          break;
        }
      g_ptr_array_insert (chain, 0, older);
      g_hash_table_add (seen, GSIZE_TO_POINTER ((gsize) prev));
      cur = older;
    }

  /* … and on to the last (the record asked about is last so far). */
  cur = chain->pdata[chain->len - 1];
  for (;;)
    {
      g_autoptr(GArray) next = query_ids (self, "SELECT id FROM agreement WHERE previous_id = ?1 ORDER BY id LIMIT 1",
                                          gj_record_get_id (cur), 0, error);

      if (next == NULL)
        return NULL;
      if (next->len == 0 || g_hash_table_contains (seen, GSIZE_TO_POINTER ((gsize) g_array_index (next, gint64, 0))))
        break;
      cur = gj_store_get (self, GJ_TYPE_AGREEMENT, g_array_index (next, gint64, 0), error);
      if (cur == NULL)
        return NULL;
      g_ptr_array_add (chain, cur);
      g_hash_table_add (seen, GSIZE_TO_POINTER ((gsize) gj_record_get_id (cur)));
    }
  return model_from_array (GJ_TYPE_AGREEMENT, chain);
}

/* The fields a new term takes over from the old one; the signing date,
 * attachment (the signed paper), code and remarks belong to one term. */
static const char *renewed_fields[] = {
  "title", "unit_id", "street_id", "community_id", "categories", "content", "funding",
  "unit_contact", "unit_phone", "community_contact",
};

static gboolean
copy_field (GjRecord   *dest,
            GjRecord   *src,
            const char *name)
{
  guint index;
  const GValue *v;
  GValue copy = G_VALUE_INIT;

  if (gj_record_class_find_field (GJ_RECORD_GET_CLASS (src), name, &index) == NULL)
    return FALSE;
  v = gj_record_peek_value (src, index);
  if (v == NULL || !G_IS_VALUE (v))
    return TRUE;
  g_value_init (&copy, G_VALUE_TYPE (v));
  g_value_copy (v, &copy);
  gj_record_take_value (dest, index, &copy);
  return TRUE;
}

GjRecord *
gj_store_renew_agreement (GjStore     *self,
                          GjRecord    *agreement,
                          const char  *start,
                          const char  *end,
                          GError     **error)
{
  g_autoptr(GjRecord) old = NULL;
  g_autoptr(GjRecord) renewed = NULL;
  g_autoptr(GDate) today = gj_today ();
  g_autoptr(GArray) later = NULL;
  g_autoptr(GPtrArray) commitments = NULL;
  g_autofree char *start_iso = NULL;
  g_autofree char *end_iso = NULL;
  GDate new_start, new_end, old_start;
  gboolean has_old_start;
  int shift = 0;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_AGREEMENT (agreement), NULL);

  old = fresh (self, agreement, error);
  if (old == NULL)
    return NULL;

  switch (gj_agreement_get_status (GJ_AGREEMENT (old), today))
    {
    case GJ_AGREEMENT_DRAFT:
      refuse (error, _("“%s” is still a draft: only a signed agreement can be renewed. Sign it (give it a signing date and a term) first."),
              gj_record_get_label (old));
      return NULL;
    case GJ_AGREEMENT_TERMINATED:
      refuse (error, _("“%s” was terminated and cannot be renewed. Draw up a new agreement instead."),
              gj_record_get_label (old));
      return NULL;
    case GJ_AGREEMENT_PENDING:
    case GJ_AGREEMENT_IN_FORCE:
    case GJ_AGREEMENT_EXPIRING:
    case GJ_AGREEMENT_EXPIRED:
    default:
      break;
    }

  later = query_ids (self, "SELECT id FROM agreement WHERE previous_id = ?1 ORDER BY id LIMIT 1",
                     gj_record_get_id (old), 0, error);
  if (later == NULL)
    return NULL;
  if (later->len > 0)
    {
      g_autoptr(GjRecord) next = gj_store_get (self, GJ_TYPE_AGREEMENT, g_array_index (later, gint64, 0), NULL);

      refuse (error, _("“%s” has already been renewed (its next term starts %s). Renew the latest term instead."),
              gj_record_get_label (old),
              next && gj_record_get_text (next, "start_date") ? gj_record_get_text (next, "start_date") : "—");
      return NULL;
    }

  start_iso = gj_date_normalize (start);
  if (start_iso == NULL || !parse_iso (start_iso, &new_start))
    {
      refuse (error, _("The new term needs a start date (YYYY-MM-DD); “%s” is not one."), start ? start : "");
      return NULL;
    }
  if (end != NULL && *end != '\0')
    {
      end_iso = gj_date_normalize (end);
      if (end_iso == NULL || !parse_iso (end_iso, &new_end))
        {
          refuse (error, _("The new term’s end “%s” is not a date (YYYY-MM-DD)."), end);
          return NULL;
        }
      if (g_date_compare (&new_end, &new_start) < 0)
        {
          refuse (error, _("The new term ends (%s) before it starts (%s)."), end_iso, start_iso);
          return NULL;
        }
    }

  /* Due dates move with the term; without an old start, from its signing. */
  has_old_start = parse_iso (gj_record_get_text (old, "start_date"), &old_start)
                  || parse_iso (gj_record_get_text (old, "signed_date"), &old_start);
  if (has_old_start)
    shift = g_date_days_between (&old_start, &new_start);

  renewed = GJ_RECORD (gj_agreement_new ());
  for (guint i = 0; i < G_N_ELEMENTS (renewed_fields); i++)
    copy_field (renewed, old, renewed_fields[i]);
  gj_record_set_text (renewed, "start_date", start_iso);
  if (end_iso != NULL)
    gj_record_set_text (renewed, "end_date", end_iso);
  gj_record_set_text (renewed, "status", "draft");
  gj_record_set_int (renewed, "previous_id", gj_record_get_id (old));

  commitments = select_records (self, GJ_TYPE_COMMITMENT, "WHERE t.agreement_id = ?1 ORDER BY t.id",
                                gj_record_get_id (old), 0, error);
  if (commitments == NULL)
    return NULL;

  if (!gj_store_begin (self, error))
    return NULL;
  if (!gj_store_insert (self, renewed, error))
    goto fail;
  for (guint i = 0; i < commitments->len; i++)
    {
      GjRecord *c = commitments->pdata[i];
      g_autoptr(GjRecord) copy = GJ_RECORD (gj_commitment_new ());
      GDate due;

      gj_record_set_int (copy, "agreement_id", gj_record_get_id (renewed));
      copy_field (copy, c, "side");
      copy_field (copy, c, "content");
      if (parse_iso (gj_record_get_text (c, "due_date"), &due))
        {
          g_autofree char *moved = NULL;

          if (shift >= 0)
            g_date_add_days (&due, shift);
          else
            g_date_subtract_days (&due, -shift);
          moved = format_iso (&due);
          gj_record_set_text (copy, "due_date", moved);
        }
      if (!gj_store_insert (self, copy, error))
        goto fail;
    }
  if (!gj_store_commit (self, error))
    goto fail;

  return gj_store_get (self, GJ_TYPE_AGREEMENT, gj_record_get_id (renewed), error);

fail:
  gj_store_rollback (self);
  return NULL;
}

/* Yearly evaluation ------------------------------------------------------- */

static gint64
count_evaluations (GjStore  *self,
                   gint64    agreement_id,
                   int       year,
                   GError  **error)
{
  g_autoptr(GArray) n = query_ids (self, "SELECT count(*) FROM evaluation WHERE agreement_id = ?1 AND year = ?2",
                                   agreement_id, year, error);

  return n ? g_array_index (n, gint64, 0) : -1;
}

gboolean
gj_store_evaluate_agreement (GjStore          *self,
                             GjRecord         *agreement,
                             int               year,
                             GPtrArray        *verdicts,
                             const char       *evaluator,
                             const char       *date,
                             GjEvaluateFlags   flags,
                             GError          **error)
{
  g_autoptr(GjRecord) stored = NULL;
  g_autoptr(GDate) today = gj_today ();
  g_autoptr(GPtrArray) commitments = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) open = NULL;   /* commitment id → commitment, not yet given a verdict */
  g_autofree char *on = NULL;
  GDate start, end;
  gint64 done;
  guint n_inserted = 0;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_AGREEMENT (agreement), FALSE);
  g_return_val_if_fail (verdicts != NULL, FALSE);

  stored = fresh (self, agreement, error);
  if (stored == NULL)
    return FALSE;

  if (gj_agreement_get_status (GJ_AGREEMENT (stored), today) == GJ_AGREEMENT_DRAFT)
    return refuse (error, _("“%s” is a draft: only a signed agreement can be evaluated."),
                   gj_record_get_label (stored));
  if (year > g_date_get_year (today))
    return refuse (error, _("The year %d has not begun yet."), year);
  if ((parse_iso (gj_record_get_text (stored, "start_date"), &start) && year < g_date_get_year (&start))
      || (parse_iso (gj_record_get_text (stored, "end_date"), &end) && year > g_date_get_year (&end)))
    return refuse (error, _("The term of “%s” (%s to %s) does not reach into %d."),
                   gj_record_get_label (stored),
                   gj_record_get_text (stored, "start_date") ? gj_record_get_text (stored, "start_date") : "—",
                   gj_record_get_text (stored, "end_date") ? gj_record_get_text (stored, "end_date") : "—",
                   year);

  if (date != NULL && *date != '\0')
    {
      on = gj_date_normalize (date);
      if (on == NULL)
        return refuse (error, _("The evaluation date “%s” is not a date (YYYY-MM-DD)."), date);
    }
  else
    on = format_iso (today);

  commitments = select_records (self, GJ_TYPE_COMMITMENT, "WHERE t.agreement_id = ?1 ORDER BY t.id",
                                gj_record_get_id (stored), 0, error);
  if (commitments == NULL)
    return FALSE;
  open = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < commitments->len; i++)
    g_hash_table_insert (open, GSIZE_TO_POINTER ((gsize) gj_record_get_id (commitments->pdata[i])),
                         commitments->pdata[i]);

  /* Every verdict must answer one commitment of this agreement, once. */
  for (guint i = 0; i < verdicts->len; i++)
    {
      GjRecord *v = verdicts->pdata[i];
      gint64 cid;

      g_return_val_if_fail (GJ_IS_EVALUATION (v), FALSE);
      cid = gj_record_is_null (v, "commitment_id") ? 0 : gj_record_get_int (v, "commitment_id");

      if (commitments->len == 0)
        {
          if (cid != 0 || verdicts->len != 1)
            return refuse (error, _("“%s” has no commitments: it is evaluated as a whole, with one verdict."),
                           gj_record_get_label (stored));
        }
      else if (cid == 0)
        return refuse (error, _("Each verdict must name the commitment it is about."));
      else if (!g_hash_table_contains (open, GSIZE_TO_POINTER ((gsize) cid)))
        {
          gboolean ours = FALSE;

          for (guint k = 0; k < commitments->len; k++)
            ours |= gj_record_get_id (commitments->pdata[k]) == cid;
          if (ours)
            return refuse (error, _("A commitment was given two verdicts; give each commitment one."));
          return refuse (error, _("A verdict is about a commitment of another agreement, not of “%s”."),
                         gj_record_get_label (stored));
        }
      else
        g_hash_table_remove (open, GSIZE_TO_POINTER ((gsize) cid));

      if (!gj_record_is_null (v, "score"))
        {
          double score = gj_record_get_real (v, "score");

          if (!(score >= 0 && score <= 100))
            return refuse (error, _("A score is from 0 to 100; %g is not."), score);
        }
    }
  if (commitments->len == 0 && verdicts->len == 0)
    return refuse (error, _("“%s” has no commitments: it is evaluated as a whole, with one verdict."),
                   gj_record_get_label (stored));
  if (g_hash_table_size (open) > 0)
    {
      GHashTableIter iter;
      gpointer value = NULL;

      g_hash_table_iter_init (&iter, open);
      g_hash_table_iter_next (&iter, NULL, &value);
      return refuse (error, _("The commitment “%s” has no verdict: every commitment is evaluated."),
                     gj_record_get_text (value, "content"));
    }

  done = count_evaluations (self, gj_record_get_id (stored), year, error);
  if (done < 0)
    return FALSE;
  if (done > 0 && !(flags & GJ_EVALUATE_REPLACE))
    return refuse (error, _("“%s” has already been evaluated for %d. Replace that evaluation to change it."),
                   gj_record_get_label (stored), year);

  existing = select_records (self, GJ_TYPE_EVALUATION, "WHERE t.agreement_id = ?1 AND t.year = ?2 ORDER BY t.id",
                             gj_record_get_id (stored), year, error);
  if (existing == NULL)
    return FALSE;

  if (!gj_store_begin (self, error))
    return FALSE;
  /* The replaced evaluation goes to the trash, where it can be found again. */
  for (guint i = 0; i < existing->len; i++)
    if (!gj_store_delete (self, existing->pdata[i], NULL, error))
      goto fail;
  for (guint i = 0; i < verdicts->len; i++)
    {
      GjRecord *v = verdicts->pdata[i];

      gj_record_set_int (v, "agreement_id", gj_record_get_id (stored));
      gj_record_set_int (v, "year", year);
      if (evaluator != NULL && *evaluator != '\0')
        gj_record_set_text (v, "evaluator", evaluator);
      gj_record_set_text (v, "evaluated_on", on);
      if (!gj_store_insert (self, v, error))
        goto fail;
      n_inserted++;
    }
  if (!gj_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  gj_store_rollback (self);
  /* Rolled back: the verdicts are not stored after all. */
  for (guint i = 0; i < n_inserted; i++)
    {
      gj_record_set_id (verdicts->pdata[i], 0);
      gj_record_set_uuid (verdicts->pdata[i], NULL);
    }
  return FALSE;
}

gboolean
gj_store_get_evaluation_summary (GjStore              *self,
                                 GjRecord             *agreement,
                                 int                   year,
                                 GjEvaluationSummary  *summary,
                                 GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_AGREEMENT (agreement), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  summary->year = year;

  stmt = gj_store_prepare (self,
                           "SELECT count(*), coalesce(sum(fulfilled = 1), 0), count(score), coalesce(avg(score), 0)"
                           " FROM evaluation WHERE agreement_id = ?1 AND year = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gj_record_get_id (agreement));
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return gj_store_set_error (self, rc, error);
    }
  summary->n_total = sqlite3_column_int (stmt, 0);
  summary->n_fulfilled = sqlite3_column_int (stmt, 1);
  summary->n_scored = sqlite3_column_int (stmt, 2);
  summary->mean_score = sqlite3_column_double (stmt, 3);
  summary->evaluated = summary->n_total > 0;
  sqlite3_reset (stmt);
  return TRUE;
}

GListModel *
gj_store_list_evaluations (GjStore   *self,
                           GjRecord  *agreement,
                           int        year,
                           GError   **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_AGREEMENT (agreement), NULL);

  if (year != 0)
    items = select_records (self, GJ_TYPE_EVALUATION,
                            "WHERE t.agreement_id = ?1 AND t.year = ?2 ORDER BY t.year, t.commitment_id, t.id",
                            gj_record_get_id (agreement), year, error);
  else
    items = select_records (self, GJ_TYPE_EVALUATION,
                            "WHERE t.agreement_id = ?1 ORDER BY t.year, t.commitment_id, t.id",
                            gj_record_get_id (agreement), 0, error);
  return items ? model_from_array (GJ_TYPE_EVALUATION, items) : NULL;
}

GListModel *
gj_store_list_due_for_evaluation (GjStore      *self,
                                  const GDate  *today,
                                  GError      **error)
{
  g_autoptr(GDate) day = today_or (today);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) evaluated = NULL;
  g_autoptr(GHashTable) done = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  int year = g_date_get_year (day);

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  evaluated = query_ids (self, "SELECT DISTINCT agreement_id FROM evaluation WHERE year = ?1", year, 0, error);
  if (evaluated == NULL)
    return NULL;
  for (guint i = 0; i < evaluated->len; i++)
    g_hash_table_add (done, GSIZE_TO_POINTER ((gsize) g_array_index (evaluated, gint64, i)));

  all = select_records (self, GJ_TYPE_AGREEMENT, "ORDER BY t.end_date, t.id", 0, 0, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      GjRecord *a = all->pdata[i];
      GjAgreementStatus status = gj_agreement_get_status (GJ_AGREEMENT (a), day);
      GDate end;
      gboolean wanted;

      if (g_hash_table_contains (done, GSIZE_TO_POINTER ((gsize) gj_record_get_id (a))))
        continue;
      wanted = status == GJ_AGREEMENT_IN_FORCE || status == GJ_AGREEMENT_EXPIRING
               || (status == GJ_AGREEMENT_EXPIRED && parse_iso (gj_record_get_text (a, "end_date"), &end)
                   && g_date_get_year (&end) == year);
      if (wanted)
        g_ptr_array_add (due, g_object_ref (a));
    }
  return model_from_array (GJ_TYPE_AGREEMENT, due);
}

/* The four lists ------------------------------------------------------------ */

typedef struct
{
  gint64 grid;
  gint64 community;
  gint64 street;
} Place;

/*
 * Where each list item is: its grid, else its owner unit's grid; the
 * community and street of that grid, else the unit's, else the owner
 * community's (and its street). 0 for "not known".
 */
static GHashTable *
load_places (GjStore  *self,
             GError  **error)
{
  static const char sql[] =
    "SELECT i.id, pg.id,"
    "  coalesce(pg.community_id, u.community_id, i.owner_community_id),"
    "  coalesce(pg.street_id, u.street_id,"
    "           (SELECT c.street_id FROM community AS c"
    "             WHERE c.id = coalesce(pg.community_id, u.community_id, i.owner_community_id)))"
    " FROM list_item AS i"
    " LEFT JOIN unit AS u ON u.id = i.owner_unit_id"
    " LEFT JOIN grid AS pg ON pg.id = coalesce(i.grid_id, u.grid_id)";
  sqlite3_stmt *stmt = gj_store_prepare (self, sql, error);
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Place *p = g_new0 (Place, 1);

      p->grid = sqlite3_column_int64 (stmt, 1);
      p->community = sqlite3_column_int64 (stmt, 2);
      p->street = sqlite3_column_int64 (stmt, 3);
      g_hash_table_insert (places, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)), p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&places);
}

static GjMatchLevel
level_between (GHashTable *places,
               GjRecord   *a,
               GjRecord   *b)
{
  const Place *pa = g_hash_table_lookup (places, GSIZE_TO_POINTER ((gsize) gj_record_get_id (a)));
  const Place *pb = g_hash_table_lookup (places, GSIZE_TO_POINTER ((gsize) gj_record_get_id (b)));

  if (pa == NULL || pb == NULL)
    return GJ_MATCH_ELSEWHERE;
  if (pa->grid != 0 && pa->grid == pb->grid)
    return GJ_MATCH_SAME_GRID;
  if (pa->community != 0 && pa->community == pb->community)
    return GJ_MATCH_SAME_COMMUNITY;
  if (pa->street != 0 && pa->street == pb->street)
    return GJ_MATCH_SAME_STREET;
  return GJ_MATCH_ELSEWHERE;
}

static gboolean
same_category (GjRecord *a,
               GjRecord *b)
{
  g_autofree char *ca = g_strstrip (g_strdup (gj_record_get_text (a, "category") ?: ""));
  g_autofree char *cb = g_strstrip (g_strdup (gj_record_get_text (b, "category") ?: ""));

  return *ca != '\0' && strcmp (ca, cb) == 0;
}

/* Open resources and services: the candidates for any need. */
static GPtrArray *
open_offers (GjStore  *self,
             GError  **error)
{
  return select_records (self, GJ_TYPE_LIST_ITEM,
                         "WHERE t.list IN ('resource', 'service')"
                         " AND coalesce(t.status, 'offered') IN ('offered', 'claimed')"
                         " AND t.matched_item_id IS NULL ORDER BY t.id", 0, 0, error);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  GjListMatch *ma = *(GjListMatch **) a;
  GjListMatch *mb = *(GjListMatch **) b;
  GjRecord *ra = GJ_RECORD (gj_list_match_get_item (ma));
  GjRecord *rb = GJ_RECORD (gj_list_match_get_item (mb));
  int c;

  if (gj_list_match_get_level (ma) != gj_list_match_get_level (mb))
    return (int) gj_list_match_get_level (ma) - (int) gj_list_match_get_level (mb);
  if (gj_list_match_get_n_matches (ma) != gj_list_match_get_n_matches (mb))
    return gj_list_match_get_n_matches (ma) > gj_list_match_get_n_matches (mb) ? -1 : 1;
  c = g_strcmp0 (gj_record_get_text (ra, "title"), gj_record_get_text (rb, "title"));
  if (c != 0)
    return c;
  return gj_record_get_id (ra) < gj_record_get_id (rb) ? -1 : gj_record_get_id (ra) > gj_record_get_id (rb);
}

GListModel *
gj_store_list_matches (GjStore   *self,
                       GjRecord  *need,
                       GError   **error)
{
  g_autoptr(GHashTable) places = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (GJ_IS_LIST_ITEM (need), NULL);

  places = load_places (self, error);
  if (places == NULL)
    return NULL;
  offers = open_offers (self, error);
  if (offers == NULL)
    return NULL;

  for (guint i = 0; i < offers->len; i++)
    {
      GjRecord *offer = offers->pdata[i];

      if (gj_record_get_id (offer) == gj_record_get_id (need) || !same_category (need, offer))
        continue;
      g_ptr_array_add (matches, gj_list_match_new (GJ_LIST_ITEM (offer), level_between (places, need, offer), 0));
    }
  g_ptr_array_sort (matches, compare_matches);
  return model_from_array (GJ_TYPE_LIST_MATCH, matches);
}

GListModel *
gj_store_list_open_needs (GjStore   *self,
                          gboolean   only_matched,
                          GError   **error)
{
  g_autoptr(GHashTable) places = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  places = load_places (self, error);
  if (places == NULL)
    return NULL;
  offers = open_offers (self, error);
  if (offers == NULL)
    return NULL;
  needs = select_records (self, GJ_TYPE_LIST_ITEM,
                          "WHERE t.list = 'need'"
                          " AND coalesce(t.status, 'offered') IN ('offered', 'claimed')"
                          " AND t.matched_item_id IS NULL ORDER BY t.id", 0, 0, error);
  if (needs == NULL)
    return NULL;

  for (guint i = 0; i < needs->len; i++)
    {
      GjRecord *need = needs->pdata[i];
      GjMatchLevel best = GJ_MATCH_ELSEWHERE;
      guint n = 0;

      for (guint k = 0; k < offers->len; k++)
        if (same_category (need, offers->pdata[k]))
          {
            n++;
            best = MIN (best, level_between (places, need, offers->pdata[k]));
          }
      if (n > 0 || !only_matched)
        g_ptr_array_add (rows, gj_list_match_new (GJ_LIST_ITEM (need), best, n));
    }
  g_ptr_array_sort (rows, compare_matches);
  return model_from_array (GJ_TYPE_LIST_MATCH, rows);
}

static gboolean
refuse_not_open (GjRecord  *item,
                 GError   **error)
{
  GjListItemStatus status = gj_list_item_get_status (GJ_LIST_ITEM (item));

  if (status == GJ_LIST_ITEM_MATCHED || !gj_record_is_null (item, "matched_item_id"))
    return refuse (error, _("“%s” is already matched. Release that match first."), gj_record_get_label (item));
  return refuse (error, _("“%s” is “%s”: only an offered or claimed item can be matched."),
                 gj_record_get_label (item), gj_list_item_status_get_title (status));
}

gboolean
gj_store_claim_match (GjStore   *self,
                      GjRecord  *need,
                      GjRecord  *resource,
                      GError   **error)
{
  g_autoptr(GjRecord) n = NULL;
  g_autoptr(GjRecord) r = NULL;
  GjListKind rk;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_LIST_ITEM (need), FALSE);
  g_return_val_if_fail (GJ_IS_LIST_ITEM (resource), FALSE);

  n = fresh (self, need, error);
  if (n == NULL)
    return FALSE;
  r = fresh (self, resource, error);
  if (r == NULL)
    return FALSE;

  if (gj_list_item_get_kind (GJ_LIST_ITEM (n)) != GJ_LIST_NEED)
    return refuse (error, _("“%s” is not a need: only needs are matched with resources and services."),
                   gj_record_get_label (n));
  rk = gj_list_item_get_kind (GJ_LIST_ITEM (r));
  if (rk != GJ_LIST_RESOURCE && rk != GJ_LIST_SERVICE)
    return refuse (error, _("“%s” is not a resource or a service: a need is matched with one of those."),
                   gj_record_get_label (r));
  if (!gj_list_item_is_open (GJ_LIST_ITEM (n)))
    return refuse_not_open (n, error);
  if (!gj_list_item_is_open (GJ_LIST_ITEM (r)))
    return refuse_not_open (r, error);

  gj_record_set_text (n, "status", gj_list_item_status_to_string (GJ_LIST_ITEM_MATCHED));
  gj_record_set_int (n, "matched_item_id", gj_record_get_id (r));
  gj_record_set_text (r, "status", gj_list_item_status_to_string (GJ_LIST_ITEM_MATCHED));
  gj_record_set_int (r, "matched_item_id", gj_record_get_id (n));

  if (!gj_store_begin (self, error))
    return FALSE;
  if (!gj_store_update (self, n, error) || !gj_store_update (self, r, error) || !gj_store_commit (self, error))
    {
      gj_store_rollback (self);
      return FALSE;
    }
  sync_record (need, n);
  sync_record (resource, r);
  return TRUE;
}

gboolean
gj_store_set_list_item_status (GjStore           *self,
                               GjRecord          *item,
                               GjListItemStatus   status,
                               GError           **error)
{
  g_autoptr(GjRecord) stored = NULL;
  g_autoptr(GjRecord) partner = NULL;
  g_autoptr(GError) local_error = NULL;
  GjListItemStatus from;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_LIST_ITEM (item), FALSE);

  stored = fresh (self, item, error);
  if (stored == NULL)
    return FALSE;
  from = gj_list_item_get_status (GJ_LIST_ITEM (stored));
  if (!gj_list_item_check_transition (from, status, &local_error))
    return refuse (error, "%s", local_error->message);
  if (from == status)
    {
      sync_record (item, stored);
      return TRUE;
    }

  if (!gj_record_is_null (stored, "matched_item_id"))
    {
      partner = gj_store_get (self, GJ_TYPE_LIST_ITEM, gj_record_get_int (stored, "matched_item_id"), &local_error);
      if (partner == NULL && !g_error_matches (local_error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
    }

  gj_record_set_text (stored, "status", gj_list_item_status_to_string (status));
  /* Back to offered: the match (if any) is released on both sides. */
  if (status == GJ_LIST_ITEM_OFFERED)
    gj_record_set_null (stored, "matched_item_id");
  if (partner != NULL)
    {
      GjListItemStatus pfrom = gj_list_item_get_status (GJ_LIST_ITEM (partner));

      if (status == GJ_LIST_ITEM_OFFERED)
        {
          if (gj_record_get_int (partner, "matched_item_id") == gj_record_get_id (stored))
            gj_record_set_null (partner, "matched_item_id");
          if (pfrom == GJ_LIST_ITEM_MATCHED)
            gj_record_set_text (partner, "status", gj_list_item_status_to_string (GJ_LIST_ITEM_OFFERED));
        }
      else if (pfrom != status && gj_list_item_check_transition (pfrom, status, NULL))
        gj_record_set_text (partner, "status", gj_list_item_status_to_string (status));
    }

  if (!gj_store_begin (self, error))
    return FALSE;
  if (!gj_store_update (self, stored, error)
      || (partner != NULL && !gj_store_update (self, partner, error))
      || !gj_store_commit (self, error))
    {
      gj_store_rollback (self);
      return FALSE;
    }
  sync_record (item, stored);
  return TRUE;
}
