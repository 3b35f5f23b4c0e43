/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gj-credit-code.h"
#include "gj-store-checks.h"
#include "gj-store-private.h"
#include "gj-topology.h"

/* Below this, an overlap or gap is drawing noise (a square metre). */
#define MIN_AREA_M2 GJ_CHECK_MIN_AREA_M2

GPtrArray *
gj_coverage_gaps (GjGeometry *outline)
{
  g_return_val_if_fail (outline != NULL, NULL);
  return gj_topology_gaps (outline, MIN_AREA_M2);
}

char *
gj_coverage_gap_key (GjGeometry *gap)
{
  GjBBox b = gj_geometry_get_bbox (gap);

  /* Keyed by place (to ~1 m), so an accepted gap stays accepted. */
  return g_strdup_printf ("gap:%.5f,%.5f", (b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2);
}

static void
place_at_bbox (GjFinding  *finding,
               GjGeometry *g)
{
  GjBBox b = gj_geometry_get_bbox (g);

  gj_finding_set_place (finding, (b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2, &b);
}

static char *
format_area (double m2)
{
  return m2 >= 10000 ? g_strdup_printf (_("%.2f ha"), m2 / 10000) : g_strdup_printf (_("%.0f m²"), m2);
}

static void
check_grids (GListModel *grids,
             GListStore *out,
             GCancellable *cancellable)
{
  g_autoptr(GPtrArray) geometries = g_ptr_array_new ();
  g_autoptr(GArray) index = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) by_code = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) overlaps = NULL;
  g_autoptr(GjGeometry) outline = NULL;
  guint n = g_list_model_get_n_items (grids);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (grids, i);
      GjGeometry *g = gj_record_get_geometry (grid, "geometry");
      const char *code = gj_record_get_text (grid, "code");
      g_autofree char *reason = NULL;
      GPtrArray *same;

      same = g_hash_table_lookup (by_code, code);
      if (same == NULL)
        g_hash_table_insert (by_code, (gpointer) code, same = g_ptr_array_new_with_free_func (g_object_unref));
      g_ptr_array_add (same, g_object_ref (grid));

      if (g == NULL)
        continue;
      if (!gj_topology_is_valid (g, &reason))
        {
          g_autofree char *k = g_strdup_printf ("invalid-polygon:%s", gj_record_get_uuid (grid));
          g_autofree char *msg = g_strdup_printf (_("Grid %s: the polygon is not valid (%s)"), code, reason);
          g_autoptr(GjFinding) f = gj_finding_new ("invalid-polygon", k, msg);

          gj_finding_add_record (f, "grid", gj_record_get_uuid (grid), code);
          place_at_bbox (f, g);
          g_list_store_append (out, f);
          continue; /* GEOS cannot take invalid shapes further */
        }
      g_ptr_array_add (geometries, g);
      g_array_append_val (index, i);
    }

  /* The hash table borrows codes from the records it holds. */
  g_hash_table_iter_init (&iter, by_code);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *same = value;
      g_autofree char *k = NULL;
      g_autofree char *msg = NULL;
      g_autoptr(GjFinding) f = NULL;

      if (same->len < 2)
        continue;
      k = g_strdup_printf ("duplicate-code:%s", (const char *) key);
      msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u grid has the code %s", "%u grids share the code %s", same->len),
                             same->len, (const char *) key);
      f = gj_finding_new ("duplicate-code", k, msg);
      for (guint i = 0; i < same->len; i++)
        {
          GjGeometry *g = gj_record_get_geometry (same->pdata[i], "geometry");

          gj_finding_add_record (f, "grid", gj_record_get_uuid (same->pdata[i]), key);
          if (i == 0 && g != NULL)
            place_at_bbox (f, g);
        }
      g_list_store_append (out, f);
    }

  /* The union of a tiling has the area of its parts. Only when it does
   * not is the pairwise search (an STRtree and a relate per touching
   * pair, the slow part) needed to say which grids overlap. */
  outline = geometries->len > 0 ? gj_topology_union (geometries, TRUE) : NULL;
  if (outline != NULL)
    {
      double parts = 0, whole = gj_geometry_geodesic_area (outline);

      for (guint i = 0; i < geometries->len; i++)
        parts += gj_geometry_geodesic_area (geometries->pdata[i]);
      if (parts - whole > MAX (MIN_AREA_M2, parts * 1e-9))
        overlaps = gj_topology_overlaps (geometries, MIN_AREA_M2, cancellable);
    }

  for (guint i = 0; overlaps != NULL && i < overlaps->len; i++)
    {
      GjOverlap *o = overlaps->pdata[i];
      g_autoptr(GjRecord) a = g_list_model_get_item (grids, g_array_index (index, guint, o->a));
      g_autoptr(GjRecord) b = g_list_model_get_item (grids, g_array_index (index, guint, o->b));
      g_autofree char *area = format_area (gj_geometry_geodesic_area (o->shared));
      const char *ua = gj_record_get_uuid (a), *ub = gj_record_get_uuid (b);
      g_autofree char *k = g_strdup_printf ("overlap:%s:%s", strcmp (ua, ub) < 0 ? ua : ub, strcmp (ua, ub) < 0 ? ub : ua);
      g_autofree char *msg = g_strdup_printf (_("Grids %s and %s overlap by %s"),
                                              gj_record_get_text (a, "code"), gj_record_get_text (b, "code"), area);
      g_autoptr(GjFinding) f = gj_finding_new ("overlap", k, msg);

      gj_finding_add_record (f, "grid", ua, gj_record_get_text (a, "code"));
      gj_finding_add_record (f, "grid", ub, gj_record_get_text (b, "code"));
      place_at_bbox (f, o->shared);
      g_list_store_append (out, f);
    }

  /* Gaps: holes in the union of all grids, inside the district outline. */
  if (outline != NULL)
    {
      g_autoptr(GPtrArray) gaps = gj_coverage_gaps (outline);

      for (guint i = 0; i < gaps->len; i++)
        {
          GjGeometry *gap = gaps->pdata[i];
          g_autofree char *area = format_area (gj_geometry_geodesic_area (gap));
          g_autofree char *k = gj_coverage_gap_key (gap);
          g_autofree char *msg = g_strdup_printf (_("A gap of %s between grids, inside the district"), area);
          g_autoptr(GjFinding) f = gj_finding_new ("gap", k, msg);

          place_at_bbox (f, gap);
          g_list_store_append (out, f);
        }
    }
}

static char *
outside_message (GjRecord *r)
{
  if (GJ_IS_STATION (r))
    return g_strdup_printf (_("Station “%s” lies outside every grid"), gj_record_get_label (r));
  return g_strdup_printf (_("Unit “%s” lies outside every grid"), gj_record_get_label (r));
}

static gboolean
check_points (GjStore     *self,
              GType        type,
              const char  *check,
              GListStore  *out,
              GError     **error)
{
  g_autoptr(GListModel) records = gj_store_list (self, type, error);

  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(GjRecord) r = g_list_model_get_item (records, i);
      g_autoptr(GjGrid) grid = NULL;
      double lon, lat;

      if (gj_record_is_null (r, "lon") || gj_record_is_null (r, "lat"))
        continue;
      lon = gj_record_get_real (r, "lon");
      lat = gj_record_get_real (r, "lat");
      grid = gj_store_find_grid_at (self, lon, lat, error);
      if (grid == NULL && error && *error)
        return FALSE;
      if (grid == NULL)
        {
          g_autofree char *k = g_strdup_printf ("%s:%s", check, gj_record_get_uuid (r));
          g_autofree char *msg = outside_message (r);
          g_autoptr(GjFinding) f = gj_finding_new (check, k, msg);

          gj_finding_add_record (f, gj_record_get_kind (r), gj_record_get_uuid (r), gj_record_get_label (r));
          gj_finding_set_place (f, lon, lat, NULL);
          g_list_store_append (out, f);
        }
    }
  return TRUE;
}

static gboolean
check_credit_codes (GjStore     *self,
                    GListStore  *out,
                    GError     **error)
{
  g_autoptr(GListModel) units = gj_store_list (self, GJ_TYPE_UNIT, error);

  if (units == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(GjRecord) u = g_list_model_get_item (units, i);
      const char *code = gj_record_get_text (u, "credit_code");
      g_autofree char *reason = NULL;

      if (code != NULL && !gj_credit_code_check (code, &reason))
        {
          g_autofree char *k = g_strdup_printf ("bad-credit-code:%s:%s", gj_record_get_uuid (u), code);
          g_autofree char *msg = g_strdup_printf (_("Unit “%s”: the credit code %s is wrong: %s"),
                                                  gj_record_get_text (u, "name"), code, reason);
          g_autoptr(GjFinding) f = gj_finding_new ("bad-credit-code", k, msg);

          gj_finding_add_record (f, "unit", gj_record_get_uuid (u), gj_record_get_text (u, "name"));
          if (!gj_record_is_null (u, "lon") && !gj_record_is_null (u, "lat"))
            gj_finding_set_place (f, gj_record_get_real (u, "lon"), gj_record_get_real (u, "lat"), NULL);
          g_list_store_append (out, f);
        }
    }
  return TRUE;
}

GListModel *
gj_store_run_checks (GjStore         *self,
                     GjProgressFunc   progress,
                     gpointer         user_data,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GListStore) out = g_list_store_new (GJ_TYPE_FINDING);
  g_autoptr(GListModel) grids = NULL;
  g_autoptr(GListModel) accepted = NULL;
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  if (progress)
    progress (0, 4, user_data);
  grids = gj_store_list (self, GJ_TYPE_GRID, error);
  if (grids == NULL)
    return NULL;
  check_grids (grids, out, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (progress)
    progress (2, 4, user_data);

  if (!check_points (self, GJ_TYPE_STATION, "station-outside", out, error) ||
      !check_points (self, GJ_TYPE_UNIT, "unit-outside", out, error))
    return NULL;
  if (progress)
    progress (3, 4, user_data);
  if (!check_credit_codes (self, out, error))
    return NULL;

  /* Mark what users accepted. */
  accepted = gj_store_list (self, GJ_TYPE_CHECK_EXCEPTION, error);
  if (accepted == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (accepted); i++)
    {
      g_autoptr(GjRecord) e = g_list_model_get_item (accepted, i);

      g_hash_table_insert (reasons, (gpointer) gj_record_get_text (e, "key"), (gpointer) gj_record_get_text (e, "reason"));
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (out)); i++)
    {
      g_autoptr(GjFinding) f = g_list_model_get_item (G_LIST_MODEL (out), i);
      const char *reason = g_hash_table_lookup (reasons, gj_finding_get_key (f));

      if (reason != NULL)
        gj_finding_set_accepted (f, reason);
    }
  if (progress)
    progress (4, 4, user_data);
  return G_LIST_MODEL (g_steal_pointer (&out));
}

gboolean
gj_store_accept_finding (GjStore     *self,
                         GjFinding   *finding,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(GjRecord) existing = NULL;
  GValue v = G_VALUE_INIT;
  g_autoptr(GListModel) same = NULL;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_FINDING (finding), FALSE);

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, gj_finding_get_key (finding));
  same = gj_store_list_where (self, GJ_TYPE_CHECK_EXCEPTION, "key", &v, error);
  g_value_unset (&v);
  if (same == NULL)
    return FALSE;
  if (g_list_model_get_n_items (same) > 0)
    existing = g_list_model_get_item (same, 0);

  if (reason == NULL || *reason == '\0')
    {
      if (reason != NULL)
        {
          g_set_error_literal (error, GJ_STORE_ERROR, GJ_STORE_ERROR_INVALID,
                               _("Say why this is an exception: the reason must not be empty."));
          return FALSE;
        }
      if (existing != NULL && !gj_store_delete (self, existing, NULL, error))
        return FALSE;
      gj_finding_set_accepted (finding, NULL);
      return TRUE;
    }

  if (existing == NULL)
    {
      existing = GJ_RECORD (gj_check_exception_new ());
      gj_record_set_text (existing, "key", gj_finding_get_key (finding));
      gj_record_set_text (existing, "type", gj_finding_get_check (finding));
    }
  gj_record_set_text (existing, "reason", reason);
  gj_record_set_text (existing, "actor", self->actor);
  if (!(gj_record_get_id (existing) > 0 ? gj_store_update (self, existing, error) : gj_store_insert (self, existing, error)))
    return FALSE;
  gj_finding_set_accepted (finding, reason);
  return TRUE;
}

JsonNode *
gj_findings_to_json (GListModel *findings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) keys = NULL;
  guint open = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GjFinding) f = g_list_model_get_item (findings, i);
      const char * const *kinds = gj_finding_get_record_kinds (f);
      const char * const *uuids = gj_finding_get_record_uuids (f);
      const char * const *labels = gj_finding_get_record_labels (f);
      double lon, lat;
      GjBBox bbox;

      g_hash_table_insert (counts, (gpointer) gj_finding_get_check (f),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, gj_finding_get_check (f))) + 1));
      if (!gj_finding_get_accepted (f))
        open++;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "check");
      json_builder_add_string_value (b, gj_finding_get_check (f));
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, gj_finding_get_key (f));
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, gj_finding_get_message (f));
      json_builder_set_member_name (b, "records");
      json_builder_begin_array (b);
      for (guint k = 0; uuids[k]; k++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, kinds[k]);
          json_builder_set_member_name (b, "uuid");
          json_builder_add_string_value (b, uuids[k]);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, labels[k]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (gj_finding_get_place (f, &lon, &lat, &bbox))
        {
          json_builder_set_member_name (b, "lon");
          json_builder_add_double_value (b, lon);
          json_builder_set_member_name (b, "lat");
          json_builder_add_double_value (b, lat);
          json_builder_set_member_name (b, "bbox");
          json_builder_begin_array (b);
          json_builder_add_double_value (b, bbox.min_x);
          json_builder_add_double_value (b, bbox.min_y);
          json_builder_add_double_value (b, bbox.max_x);
          json_builder_add_double_value (b, bbox.max_y);
          json_builder_end_array (b);
        }
      json_builder_set_member_name (b, "accepted");
      json_builder_add_boolean_value (b, gj_finding_get_accepted (f));
      if (gj_finding_get_reason (f))
        {
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, gj_finding_get_reason (f));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  keys = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) strcmp);
  for (GList *l = keys; l; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_int_value (b, GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "open");
  json_builder_add_int_value (b, open);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
