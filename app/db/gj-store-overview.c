/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The overview of issue 7: figures with their drill-downs, per-grid
 * indicators for the choropleth, and the saved map views (slides). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gj-store-checks.h"
#include "gj-store-meetings.h"
#include "gj-store-overview.h"
#include "gj-store-private.h"
#include "gj-topology.h"

#define EARTH_RADIUS_M 6371008.8

/* ---- drill ---------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (GjDrill, gj_drill, gj_drill_copy, gj_drill_free)

GjDrill *
gj_drill_new (GType       type,
              gint64      street_id,
              gint64      community_id,
              const char *filter)
{
  GjDrill *d = g_new0 (GjDrill, 1);

  d->type = type;
  d->street_id = street_id;
  d->community_id = community_id;
  d->filter = g_strdup (filter);
  if (type != G_TYPE_NONE)
    d->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return d;
}

GjDrill *
gj_drill_copy (const GjDrill *drill)
{
  GjDrill *d;

  g_return_val_if_fail (drill != NULL, NULL);

  d = gj_drill_new (drill->type, drill->street_id, drill->community_id, drill->filter);
  if (drill->ids != NULL)
    {
      if (d->ids == NULL)
        d->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_vals (d->ids, drill->ids->data, drill->ids->len);
    }
  return d;
}

void
gj_drill_free (GjDrill *drill)
{
  if (drill == NULL)
    return;
  g_free (drill->filter);
  if (drill->ids != NULL)
    g_array_unref (drill->ids);
  g_free (drill);
}

char *
gj_drill_to_string (const GjDrill *drill)
{
  GString *s;

  g_return_val_if_fail (drill != NULL, NULL);

  s = g_string_new (NULL);
  if (drill->type == G_TYPE_NONE)
    g_string_append (s, "place");
  else
    {
      g_autoptr(GjRecordClass) klass = g_type_class_ref (drill->type);

      g_string_append (s, klass->kind);
    }
  if (drill->street_id != 0)
    g_string_append_printf (s, "; street_id=%" G_GINT64_FORMAT, drill->street_id);
  if (drill->community_id != 0)
    g_string_append_printf (s, "; community_id=%" G_GINT64_FORMAT, drill->community_id);
  if (drill->filter != NULL)
    g_string_append_printf (s, "; %s", drill->filter);
  if (drill->ids != NULL)
    g_string_append_printf (s, "; %u records", drill->ids->len);
  return g_string_free (s, FALSE);
}

static void
drill_add (GjDrill *drill,
           gint64   id)
{
  g_array_append_val (drill->ids, id);
}

/* ---- figures -------------------------------------------------------------- */

char *
gj_overview_figure_dup_percent_text (const GjOverviewFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);

  if (!figure->has_percent)
    return g_strdup (_("no data"));
  return g_strdup_printf ("%.1f%%", figure->percent);
}

static void
figure_clear (GjOverviewFigure *f)
{
  g_clear_pointer (&f->key, g_free);
  g_clear_pointer (&f->label, g_free);
  g_clear_pointer (&f->drill, gj_drill_free);
}

static void
figure_free (GjOverviewFigure *f)
{
  figure_clear (f);
  g_free (f);
}

/* Sets @count of @total and the share (none when @total is 0). */
static void
figure_set (GjOverviewFigure *f,
            gint64            count,
            gint64            total)
{
  f->count = count;
  f->total = total;
  f->has_percent = total > 0;
  f->percent = total > 0 ? 100.0 * count / total : 0;
}

typedef struct
{
  GjOverviewScope scope;
  gint64          id;
  gint64          street_id;     /* the scope's street (a community's street) */
  gint64          community_id;
} Scope;

static gboolean
in_scope (const Scope *sc,
          gint64       street_id,
          gint64       community_id)
{
  switch (sc->scope)
    {
    case GJ_OVERVIEW_DISTRICT:
      return TRUE;
    case GJ_OVERVIEW_STREET:
      return street_id == sc->id;
    case GJ_OVERVIEW_COMMUNITY:
      return community_id == sc->id;
    default:
      g_assert_not_reached ();
    }
}

static void
figure_init (GjOverviewFigure *f,
             const Scope      *sc,
             const char       *key,
             const char       *label,
             GType             type,
             const char       *filter)
{
  f->key = g_strdup (key);
  f->label = g_strdup (label);
  f->drill = gj_drill_new (type, sc->street_id, sc->community_id, filter);
}

static GjOverviewFigure *
figure_new (const Scope *sc,
            const char  *key,
            const char  *label,
            GType        type,
            const char  *filter)
{
  GjOverviewFigure *f = g_new0 (GjOverviewFigure, 1);

  figure_init (f, sc, key, label, type, filter);
  return f;
}

/* A breakdown by a text value (kind …): key → GjOverviewFigure. */
static GjOverviewFigure *
breakdown_add (GHashTable  *by,
               GPtrArray   *order,
               const Scope *sc,
               GType        type,
               const char  *value,
               gint64       id)
{
  const char *key = value != NULL ? value : "";
  GjOverviewFigure *f = g_hash_table_lookup (by, key);

  if (f == NULL)
    {
      g_autofree char *filter = g_strdup_printf ("kind=%s", key);

      f = figure_new (sc, key, key[0] != '\0' ? key : _("Unspecified"), type, filter);
      g_hash_table_insert (by, f->key, f);
      g_ptr_array_add (order, f);
    }
  f->count++;
  drill_add (f->drill, id);
  return f;
}

static int
compare_figures_by_count (gconstpointer a,
                          gconstpointer b)
{
  const GjOverviewFigure *x = *(GjOverviewFigure * const *) a;
  const GjOverviewFigure *y = *(GjOverviewFigure * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->key, y->key);
}

static void
breakdown_finish (GPtrArray *order,
                  gint64     total)
{
  g_ptr_array_sort (order, compare_figures_by_count);
  for (guint i = 0; i < order->len; i++)
    {
      GjOverviewFigure *f = order->pdata[i];

      figure_set (f, f->count, total);
    }
}

/* ---- the overview --------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (GjOverview, gj_overview, gj_overview_ref, gj_overview_unref)

typedef struct
{
  GjOverview public;
  gatomicrefcount ref;
} GjOverviewReal;

static void
gap_free (GjOverviewGap *gap)
{
  g_clear_pointer (&gap->geometry, gj_geometry_unref);
  g_free (gap);
}

static void
street_meetings_free (GjOverviewStreetMeetings *m)
{
  g_free (m->street_code);
  g_free (m->street_name);
  figure_clear (&m->attendance);
  figure_clear (&m->missed);
  g_free (m);
}

static GjOverview *
overview_new (void)
{
  GjOverviewReal *real = g_new0 (GjOverviewReal, 1);
  GjOverview *ov = &real->public;

  g_atomic_ref_count_init (&real->ref);
  ov->grids_by_kind = g_ptr_array_new_with_free_func ((GDestroyNotify) figure_free);
  ov->gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) gap_free);
  ov->stations_by_kind = g_ptr_array_new_with_free_func ((GDestroyNotify) figure_free);
  ov->units_by_kind = g_ptr_array_new_with_free_func ((GDestroyNotify) figure_free);
  ov->agreements_by_status = g_ptr_array_new_with_free_func ((GDestroyNotify) figure_free);
  ov->meetings_by_street = g_ptr_array_new_with_free_func ((GDestroyNotify) street_meetings_free);
  ov->problems_by_colour = g_ptr_array_new_with_free_func ((GDestroyNotify) figure_free);
  ov->problem_funnel = g_ptr_array_new_with_free_func ((GDestroyNotify) figure_free);
  return ov;
}

GjOverview *
gj_overview_ref (GjOverview *overview)
{
  g_return_val_if_fail (overview != NULL, NULL);
  g_atomic_ref_count_inc (&((GjOverviewReal *) overview)->ref);
  return overview;
}

void
gj_overview_unref (GjOverview *ov)
{
  if (ov == NULL || !g_atomic_ref_count_dec (&((GjOverviewReal *) ov)->ref))
    return;

  g_free (ov->scope_name);
  g_free (ov->today);
  figure_clear (&ov->grids);
  g_ptr_array_unref (ov->grids_by_kind);
  figure_clear (&ov->grid_coverage);
  g_ptr_array_unref (ov->gaps);
  figure_clear (&ov->grids_with_station);
  figure_clear (&ov->grids_without_station);
  figure_clear (&ov->grids_near_station);
  figure_clear (&ov->grids_far_from_station);
  figure_clear (&ov->stations);
  g_ptr_array_unref (ov->stations_by_kind);
  figure_clear (&ov->small_centres);
  figure_clear (&ov->units);
  g_ptr_array_unref (ov->units_by_kind);
  figure_clear (&ov->units_with_agreement);
  figure_clear (&ov->units_without_agreement);
  figure_clear (&ov->agreements);
  g_ptr_array_unref (ov->agreements_by_status);
  figure_clear (&ov->agreements_expiring);
  figure_clear (&ov->needs_matched);
  figure_clear (&ov->needs_unmatched);
  g_ptr_array_unref (ov->meetings_by_street);
  figure_clear (&ov->months_met);
  figure_clear (&ov->attendance);
  figure_clear (&ov->problems);
  g_ptr_array_unref (ov->problems_by_colour);
  g_ptr_array_unref (ov->problem_funnel);
  figure_clear (&ov->echo_entries);
  g_free (ov);
}

/* ---- geometry helpers ----------------------------------------------------- */

static double
haversine_m (double lon1,
             double lat1,
             double lon2,
             double lat2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}

/* The centroid of the largest polygon's exterior ring (planar in degrees,
 * which at a district's size is metres off at most); the box centre for a
 * degenerate ring. */
static void
geometry_centroid (GjGeometry *g,
                   double     *x,
                   double     *y)
{
  GjBBox b = gj_geometry_get_bbox (g);
  double best = 0;

  *x = (b.min_x + b.max_x) / 2;
  *y = (b.min_y + b.max_y) / 2;
  for (guint p = 0; p < gj_geometry_get_n_polygons (g); p++)
    {
      guint first, n_rings, n;
      const double *pts;
      double a = 0, cx = 0, cy = 0;

      gj_geometry_get_polygon (g, p, &first, &n_rings);
      if (n_rings == 0)
        continue;
      pts = gj_geometry_get_ring (g, first, &n);
      for (guint i = 0; i + 1 < n; i++)
        {
          /* Relative to the first point, to keep the products small. */
          double x0 = pts[2 * i] - pts[0], y0 = pts[2 * i + 1] - pts[1];
          double x1 = pts[2 * i + 2] - pts[0], y1 = pts[2 * i + 3] - pts[1];
          double c = x0 * y1 - x1 * y0;

          a += c;
          cx += (x0 + x1) * c;
          cy += (y0 + y1) * c;
        }
      if (fabs (a) > best && fabs (a) > 1e-18)
        {
          best = fabs (a);
          *x = pts[0] + cx / (3 * a);
          *y = pts[1] + cy / (3 * a);
        }
    }
}

/* Stations in cells of a regular lon/lat lattice, for nearest-station
 * queries: 2,000 stations × 10,000 grids in milliseconds. */
typedef struct
{
  double   min_x, min_y, cell;
  int      nx, ny;
  guint   *start;   /* nx * ny + 1 offsets into idx */
  guint   *idx;
  double  *xy;
  guint    n;
  double   m_per_deg;  /* a lower bound of metres per degree, either axis */
} PointIndex;

static void
point_index_clear (PointIndex *pi)
{
  g_clear_pointer (&pi->start, g_free);
  g_clear_pointer (&pi->idx, g_free);
  g_clear_pointer (&pi->xy, g_free);
}

static void
point_index_init (PointIndex   *pi,
                  const double *xy,
                  guint         n)
{
  double max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE, max_abs_lat = 0;
  g_autofree guint *fill = NULL;
  guint nc;

  memset (pi, 0, sizeof *pi);
  pi->n = n;
  if (n == 0)
    return;
  pi->xy = g_memdup2 (xy, sizeof (double) * 2 * n);
  pi->min_x = pi->min_y = G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      pi->min_x = MIN (pi->min_x, xy[2 * i]);
      pi->min_y = MIN (pi->min_y, xy[2 * i + 1]);
      max_x = MAX (max_x, xy[2 * i]);
      max_y = MAX (max_y, xy[2 * i + 1]);
      max_abs_lat = MAX (max_abs_lat, fabs (xy[2 * i + 1]));
    }
  /* About as many cells as points, never finer than ~100 m. */
  pi->cell = MAX (0.001, sqrt (MAX ((max_x - pi->min_x) * (max_y - pi->min_y), 1e-12) / n));
  pi->nx = (int) ((max_x - pi->min_x) / pi->cell) + 1;
  pi->ny = (int) ((max_y - pi->min_y) / pi->cell) + 1;
  while ((gint64) pi->nx * pi->ny > 4 * (gint64) n + 64)
    {
      pi->cell *= 1.5;
      pi->nx = (int) ((max_x - pi->min_x) / pi->cell) + 1;
      pi->ny = (int) ((max_y - pi->min_y) / pi->cell) + 1;
    }
  pi->m_per_deg = 110574.0 * cos (MIN (89.0, max_abs_lat + 1.0) * G_PI / 180);
  nc = pi->nx * pi->ny;
  pi->start = g_new0 (guint, nc + 1);
  pi->idx = g_new (guint, n);
  fill = g_new0 (guint, nc);
  for (guint i = 0; i < n; i++)
    {
      int cx = (int) ((xy[2 * i] - pi->min_x) / pi->cell);
      int cy = (int) ((xy[2 * i + 1] - pi->min_y) / pi->cell);

      pi->start[cy * pi->nx + cx + 1]++;
    }
  for (guint c = 0; c < nc; c++)
    pi->start[c + 1] += pi->start[c];
  for (guint i = 0; i < n; i++)
    {
      int cx = (int) ((xy[2 * i] - pi->min_x) / pi->cell);
      int cy = (int) ((xy[2 * i + 1] - pi->min_y) / pi->cell);
      guint c = cy * pi->nx + cx;

      pi->idx[pi->start[c] + fill[c]++] = i;
    }
}

/* Geodesic metres from (x, y) to the nearest point; INFINITY when none. */
static double
point_index_nearest (const PointIndex *pi,
                     double            x,
                     double            y,
                     gint64           *nearest)
{
  double best = INFINITY;
  int cx, cy, r_max;
  double lat_factor;

  if (nearest != NULL)
    *nearest = -1;
  if (pi->n == 0)
    return INFINITY;
  cx = (int) floor ((x - pi->min_x) / pi->cell);
  cy = (int) floor ((y - pi->min_y) / pi->cell);
  r_max = MAX (MAX (ABS (cx), ABS (cx - pi->nx + 1)), MAX (ABS (cy), ABS (cy - pi->ny + 1)));
  lat_factor = MIN (pi->m_per_deg, 110574.0 * cos (MIN (89.0, fabs (y) + 1.0) * G_PI / 180));

  for (int r = 0; r <= r_max; r++)
    {
      /* Every cell of ring r is at least (r - 1) cells away. */
      if (r >= 1 && best <= (r - 1) * pi->cell * lat_factor)
        break;
      for (int j = cy - r; j <= cy + r; j++)
        {
          if (j < 0 || j >= pi->ny)
            continue;
          for (int i = cx - r; i <= cx + r; i += (j == cy - r || j == cy + r) ? 1 : 2 * r)
            {
              guint c;

              if (i >= 0 && i < pi->nx)
                {
                  c = j * pi->nx + i;
                  for (guint k = pi->start[c]; k < pi->start[c + 1]; k++)
                    {
                      guint p = pi->idx[k];
                      double d = haversine_m (x, y, pi->xy[2 * p], pi->xy[2 * p + 1]);

                      if (d < best)
                        {
                          best = d;
                          if (nearest != NULL)
                            *nearest = p;
                        }
                    }
                }
              if (r == 0)
                break;
            }
        }
    }
  return best;
}

/* ---- loading -------------------------------------------------------------- */

typedef struct
{
  gint64      id;
  gint64      street_id;
  gint64      community_id;
  char       *kind;
  double      area;
  GjGeometry *geometry;
} GridRow;

static void
grid_row_clear (GridRow *g)
{
  g_free (g->kind);
  g_clear_pointer (&g->geometry, gj_geometry_unref);
}

/* Every grid, with its shape when @with_geometry. */
static GArray *
load_grids (GjStore   *self,
            gboolean   with_geometry,
            GError   **error)
{
  sqlite3_stmt *stmt;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (GridRow));
  int rc;

  g_array_set_clear_func (rows, (GDestroyNotify) grid_row_clear);
  stmt = gj_store_prepare (self, with_geometry
                           ? "SELECT id, street_id, community_id, kind, area, geometry FROM grid ORDER BY id"
                           : "SELECT id, street_id, community_id, kind, area, NULL FROM grid ORDER BY id", error);
  if (stmt == NULL)
    {
      g_array_unref (rows);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GridRow g = { 0 };
      const void *blob = sqlite3_column_blob (stmt, 5);

      g.id = sqlite3_column_int64 (stmt, 0);
      g.street_id = sqlite3_column_int64 (stmt, 1);
      g.community_id = sqlite3_column_int64 (stmt, 2);
      g.kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g.area = sqlite3_column_double (stmt, 4);
      if (blob != NULL)
        g.geometry = gj_geometry_new_from_bytes (blob, sqlite3_column_bytes (stmt, 5));
      g_array_append_val (rows, g);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      g_array_unref (rows);
      return NULL;
    }
  return rows;
}

/* Every station with a place, as lon/lat pairs. */
static gboolean
load_station_points (GjStore     *self,
                     PointIndex  *pi,
                     GError     **error)
{
  sqlite3_stmt *stmt = gj_store_prepare (self, "SELECT lon, lat FROM station WHERE lon IS NOT NULL AND lat IS NOT NULL", error);
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double p[2] = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_vals (xy, p, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  point_index_init (pi, (const double *) xy->data, xy->len / 2);
  return TRUE;
}

typedef struct
{
  gint64            id;
  gint64            unit_id;
  gint64            street_id;
  gint64            community_id;
  gint64            unit_grid_id;
  GjAgreementStatus status;
} AgreementRow;

static GArray *
load_agreements (GjStore      *self,
                 const GDate  *today,
                 GError      **error)
{
  sqlite3_stmt *stmt = gj_store_prepare (self,
    "SELECT a.id, a.unit_id, a.street_id, a.community_id, u.grid_id,"
    "       a.status, a.signed_date, a.start_date, a.end_date"
    "  FROM agreement a LEFT JOIN unit u ON u.id = a.unit_id ORDER BY a.id", error);
  g_autoptr(GjAgreement) scratch = gj_agreement_new ();
  GArray *rows;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, TRUE, sizeof (AgreementRow));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AgreementRow a;
      GjRecord *r = GJ_RECORD (scratch);

      a.id = sqlite3_column_int64 (stmt, 0);
      a.unit_id = sqlite3_column_int64 (stmt, 1);
      a.street_id = sqlite3_column_int64 (stmt, 2);
      a.community_id = sqlite3_column_int64 (stmt, 3);
      a.unit_grid_id = sqlite3_column_int64 (stmt, 4);
      /* The status follows from the term: the record's own rule decides. */
      gj_record_set_text (r, "status", (const char *) sqlite3_column_text (stmt, 5));
      gj_record_set_text (r, "signed_date", (const char *) sqlite3_column_text (stmt, 6));
      gj_record_set_text (r, "start_date", (const char *) sqlite3_column_text (stmt, 7));
      gj_record_set_text (r, "end_date", (const char *) sqlite3_column_text (stmt, 8));
      a.status = gj_agreement_get_status (scratch, today);
      g_array_append_val (rows, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      g_array_unref (rows);
      return NULL;
    }
  return rows;
}

static gboolean
agreement_in_force (GjAgreementStatus status)
{
  return status == GJ_AGREEMENT_IN_FORCE || status == GJ_AGREEMENT_EXPIRING;
}

static gboolean
is_service_centre (const char *kind)
{
  if (kind == NULL)
    return FALSE;
  /* 区级/街道/社区党群服务中心 and the English data values. */
  return strstr (kind, "服务中心") != NULL || strstr (kind, "centre") != NULL || strstr (kind, "center") != NULL;
}

static gboolean
check_accepted (GjStore     *self,
                const char  *key,
                gboolean    *accepted,
                GError     **error)
{
  sqlite3_stmt *stmt = gj_store_prepare (self, "SELECT 1 FROM check_exception WHERE key = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  *accepted = rc == SQLITE_ROW;
  return TRUE;
}

/* ---- the parts of the overview ---------------------------------------------- */

static gboolean
resolve_scope (GjStore         *self,
               GjOverview      *ov,
               Scope           *sc,
               GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  switch (sc->scope)
    {
    case GJ_OVERVIEW_DISTRICT:
      stmt = gj_store_prepare (self, "SELECT name FROM district ORDER BY id LIMIT 1", error);
      break;
    case GJ_OVERVIEW_STREET:
      stmt = gj_store_prepare (self, "SELECT name, id FROM street WHERE id = ?1", error);
      break;
    case GJ_OVERVIEW_COMMUNITY:
      stmt = gj_store_prepare (self, "SELECT name, street_id FROM community WHERE id = ?1", error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (stmt == NULL)
    return FALSE;
  if (sc->scope != GJ_OVERVIEW_DISTRICT)
    sqlite3_bind_int64 (stmt, 1, sc->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ov->scope_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (sc->scope == GJ_OVERVIEW_STREET)
        sc->street_id = sc->id;
      else if (sc->scope == GJ_OVERVIEW_COMMUNITY)
        {
          sc->street_id = sqlite3_column_int64 (stmt, 1);
          sc->community_id = sc->id;
        }
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE && sc->scope != GJ_OVERVIEW_DISTRICT)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, sc->id);

      if (sc->scope == GJ_OVERVIEW_STREET)
        g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND, _("There is no street with the id %s"), id);
      else
        g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND, _("There is no community with the id %s"), id);
      return FALSE;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  if (ov->scope_name == NULL)
    ov->scope_name = g_strdup (_("District"));
  return TRUE;
}

static gboolean
compute_grids (GjStore     *self,
               GjOverview  *ov,
               const Scope *sc,
               GError     **error)
{
  g_autoptr(GArray) grids = load_grids (self, TRUE, error);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) with_station = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) valid = g_ptr_array_new ();
  g_autoptr(GjGeometry) outline = NULL;
  PointIndex stations;
  g_autofree char *ring_filter = NULL, *beyond_filter = NULL;
  double area = 0;
  gint64 n = 0, n_with = 0, n_near = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (grids == NULL)
    return FALSE;

  /* Grids holding a station: the station's grid link, as the map's
   * coverage theme reads it. */
  stmt = gj_store_prepare (self, "SELECT DISTINCT grid_id FROM station WHERE grid_id IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (with_station, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  if (!load_station_points (self, &stations, error))
    return FALSE;

  ring_filter = g_strdup_printf ("station_within_m=%g", ov->ring_m);
  beyond_filter = g_strdup_printf ("station_beyond_m=%g", ov->ring_m);
  figure_init (&ov->grids, sc, "grids", _("Grids"), GJ_TYPE_GRID, NULL);
  figure_init (&ov->grid_coverage, sc, "grid_coverage", _("Outline covered by grids"), GJ_TYPE_GRID, NULL);
  figure_init (&ov->grids_with_station, sc, "grids_with_station", _("Grids with a station"), GJ_TYPE_GRID, "has_station=true");
  figure_init (&ov->grids_without_station, sc, "grids_without_station", _("Grids without a station"), GJ_TYPE_GRID, "has_station=false");
  figure_init (&ov->grids_near_station, sc, "grids_near_station", _("Grids near a station"), GJ_TYPE_GRID, ring_filter);
  figure_init (&ov->grids_far_from_station, sc, "grids_far_from_station", _("Grids far from a station"), GJ_TYPE_GRID, beyond_filter);

  for (guint i = 0; i < grids->len; i++)
    {
      GridRow *g = &g_array_index (grids, GridRow, i);
      gboolean near = FALSE;

      if (!in_scope (sc, g->street_id, g->community_id))
        continue;
      n++;
      area += g->area;
      drill_add (ov->grids.drill, g->id);
      drill_add (ov->grid_coverage.drill, g->id);
      breakdown_add (kinds, ov->grids_by_kind, sc, GJ_TYPE_GRID, g->kind, g->id);

      if (g_hash_table_contains (with_station, &g->id))
        {
          n_with++;
          drill_add (ov->grids_with_station.drill, g->id);
        }
      else
        drill_add (ov->grids_without_station.drill, g->id);

      if (g->geometry != NULL)
        {
          double cx, cy;

          geometry_centroid (g->geometry, &cx, &cy);
          near = point_index_nearest (&stations, cx, cy, NULL) <= ov->ring_m;
          /* GEOS cannot union invalid shapes (the checks list them). */
          if (gj_topology_is_valid (g->geometry, NULL))
            g_ptr_array_add (valid, g->geometry);
        }
      if (near)
        {
          n_near++;
          drill_add (ov->grids_near_station.drill, g->id);
        }
      else
        drill_add (ov->grids_far_from_station.drill, g->id);
    }
  point_index_clear (&stations);

  figure_set (&ov->grids, n, 0);
  ov->grids.value = area;
  breakdown_finish (ov->grids_by_kind, n);
  figure_set (&ov->grids_with_station, n_with, n);
  figure_set (&ov->grids_without_station, n - n_with, n);
  figure_set (&ov->grids_near_station, n_near, n);
  figure_set (&ov->grids_far_from_station, n - n_near, n);

  /* Coverage: the outline is the union with its holes filled, so the
   * share is union / (union + gaps). */
  outline = valid->len > 0 ? gj_topology_union (valid, TRUE) : NULL;
  if (outline != NULL)
    {
      g_autoptr(GPtrArray) gaps = gj_coverage_gaps (outline);
      double covered = gj_geometry_geodesic_area (outline), open_area = 0, all_gaps = 0;
      gint64 n_open = 0;

      for (guint i = 0; i < gaps->len; i++)
        {
          GjOverviewGap *gap = g_new0 (GjOverviewGap, 1);
          g_autofree char *key = gj_coverage_gap_key (gaps->pdata[i]);

          gap->geometry = gj_geometry_ref (gaps->pdata[i]);
          gap->area_m2 = gj_geometry_geodesic_area (gap->geometry);
          gap->bbox = gj_geometry_get_bbox (gap->geometry);
          if (!check_accepted (self, key, &gap->accepted, error))
            {
              gap_free (gap);
              return FALSE;
            }
          all_gaps += gap->area_m2;
          if (!gap->accepted)
            {
              open_area += gap->area_m2;
              n_open++;
            }
          g_ptr_array_add (ov->gaps, gap);
        }
      ov->outline_area_m2 = covered + all_gaps;
      ov->grid_coverage.count = n_open;
      ov->grid_coverage.total = gaps->len;
      ov->grid_coverage.value = covered;
      ov->grid_coverage.has_percent = ov->outline_area_m2 > 0;
      ov->grid_coverage.percent = ov->outline_area_m2 > 0 ? 100.0 * (ov->outline_area_m2 - open_area) / ov->outline_area_m2 : 0;
    }
  return TRUE;
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  const GjOverviewGap *x = *(GjOverviewGap * const *) a, *y = *(GjOverviewGap * const *) b;

  return x->area_m2 > y->area_m2 ? -1 : x->area_m2 < y->area_m2 ? 1 : 0;
}

static gboolean
compute_stations (GjStore     *self,
                  GjOverview  *ov,
                  const Scope *sc,
                  GError     **error)
{
  sqlite3_stmt *stmt = gj_store_prepare (self, "SELECT id, kind, street_id, community_id, floor_area FROM station ORDER BY id", error);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *small_filter = g_strdup_printf ("centre=true;floor_area_below_m2=%g", GJ_OVERVIEW_SMALL_CENTRE_M2);
  gint64 n = 0, centres = 0, small = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  figure_init (&ov->stations, sc, "stations", _("Stations"), GJ_TYPE_STATION, NULL);
  figure_init (&ov->small_centres, sc, "small_centres", _("Service centres under 600 m²"), GJ_TYPE_STATION, small_filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);

      if (!in_scope (sc, sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3)))
        continue;
      n++;
      drill_add (ov->stations.drill, id);
      breakdown_add (kinds, ov->stations_by_kind, sc, GJ_TYPE_STATION, kind, id);
      if (is_service_centre (kind))
        {
          centres++;
          if (sqlite3_column_type (stmt, 4) != SQLITE_NULL && sqlite3_column_double (stmt, 4) < GJ_OVERVIEW_SMALL_CENTRE_M2)
            {
              small++;
              drill_add (ov->small_centres.drill, id);
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  figure_set (&ov->stations, n, 0);
  breakdown_finish (ov->stations_by_kind, n);
  figure_set (&ov->small_centres, small, centres);
  return TRUE;
}

static gboolean
compute_units (GjStore     *self,
               GjOverview  *ov,
               const Scope *sc,
               GArray      *agreements,
               GError     **error)
{
  sqlite3_stmt *stmt = gj_store_prepare (self, "SELECT id, kind, street_id, community_id FROM unit ORDER BY id", error);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) bound = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 n = 0, with = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* A unit is bound by any agreement in force, whoever signed it. */
  for (guint i = 0; i < agreements->len; i++)
    {
      AgreementRow *a = &g_array_index (agreements, AgreementRow, i);

      if (agreement_in_force (a->status) && a->unit_id != 0)
        g_hash_table_add (bound, &a->unit_id);
    }

  figure_init (&ov->units, sc, "units", _("Resident units"), GJ_TYPE_UNIT, NULL);
  figure_init (&ov->units_with_agreement, sc, "units_with_agreement", _("Units with an agreement in force"),
               GJ_TYPE_UNIT, "has_agreement_in_force=true");
  figure_init (&ov->units_without_agreement, sc, "units_without_agreement", _("Units without an agreement in force"),
               GJ_TYPE_UNIT, "has_agreement_in_force=false");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (!in_scope (sc, sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3)))
        continue;
      n++;
      drill_add (ov->units.drill, id);
      breakdown_add (kinds, ov->units_by_kind, sc, GJ_TYPE_UNIT, (const char *) sqlite3_column_text (stmt, 1), id);
      if (g_hash_table_contains (bound, &id))
        {
          with++;
          drill_add (ov->units_with_agreement.drill, id);
        }
      else
        drill_add (ov->units_without_agreement.drill, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  figure_set (&ov->units, n, 0);
  breakdown_finish (ov->units_by_kind, n);
  figure_set (&ov->units_with_agreement, with, n);
  figure_set (&ov->units_without_agreement, n - with, n);

  /* Agreements of the scope, by status today. */
  {
    GjOverviewFigure *by[GJ_AGREEMENT_TERMINATED + 1];
    gint64 total = 0;

    figure_init (&ov->agreements, sc, "agreements", _("Agreements"), GJ_TYPE_AGREEMENT, NULL);
    figure_init (&ov->agreements_expiring, sc, "agreements_expiring", _("Agreements expiring within 60 days"),
                 GJ_TYPE_AGREEMENT, "status=expiring");
    for (int st = 0; st <= GJ_AGREEMENT_TERMINATED; st++)
      {
        g_autofree char *filter = g_strdup_printf ("status=%s", gj_agreement_status_to_string (st));

        by[st] = figure_new (sc, gj_agreement_status_to_string (st), gj_agreement_status_get_title (st), GJ_TYPE_AGREEMENT, filter);
        g_ptr_array_add (ov->agreements_by_status, by[st]);
      }
    for (guint i = 0; i < agreements->len; i++)
      {
        AgreementRow *a = &g_array_index (agreements, AgreementRow, i);

        if (!in_scope (sc, a->street_id, a->community_id))
          continue;
        total++;
        drill_add (ov->agreements.drill, a->id);
        by[a->status]->count++;
        drill_add (by[a->status]->drill, a->id);
        if (a->status == GJ_AGREEMENT_EXPIRING)
          drill_add (ov->agreements_expiring.drill, a->id);
      }
    figure_set (&ov->agreements, total, 0);
    for (int st = 0; st <= GJ_AGREEMENT_TERMINATED; st++)
      figure_set (by[st], by[st]->count, total);
    figure_set (&ov->agreements_expiring, by[GJ_AGREEMENT_EXPIRING]->count, total);
  }
  return TRUE;
}

static gboolean
compute_needs (GjStore     *self,
               GjOverview  *ov,
               const Scope *sc,
               GError     **error)
{
  /* An item's place: its grid, else its owner unit's, else its owner
   * community (as gj_store_list_matches() places it). */
  sqlite3_stmt *stmt = gj_store_prepare (self,
    "SELECT li.id, li.status,"
    "       CASE WHEN g.id IS NOT NULL THEN g.street_id WHEN ou.id IS NOT NULL THEN ou.street_id ELSE oc.street_id END,"
    "       CASE WHEN g.id IS NOT NULL THEN g.community_id WHEN ou.id IS NOT NULL THEN ou.community_id ELSE li.owner_community_id END"
    "  FROM list_item li"
    "  LEFT JOIN grid g ON g.id = li.grid_id"
    "  LEFT JOIN unit ou ON ou.id = li.owner_unit_id"
    "  LEFT JOIN community oc ON oc.id = li.owner_community_id"
    " WHERE li.list = 'need' ORDER BY li.id", error);
  gint64 n = 0, matched = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  figure_init (&ov->needs_matched, sc, "needs_matched", _("Needs matched"), GJ_TYPE_LIST_ITEM, "list=need;matched=true");
  figure_init (&ov->needs_unmatched, sc, "needs_unmatched", _("Needs not matched"), GJ_TYPE_LIST_ITEM, "list=need;matched=false");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      GjListItemStatus st = status != NULL ? gj_list_item_status_from_string (status) : GJ_LIST_ITEM_OFFERED;

      if (!in_scope (sc, sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3)))
        continue;
      n++;
      if (st == GJ_LIST_ITEM_MATCHED || st == GJ_LIST_ITEM_IN_PROGRESS || st == GJ_LIST_ITEM_DONE)
        {
          matched++;
          drill_add (ov->needs_matched.drill, id);
        }
      else
        drill_add (ov->needs_unmatched.drill, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  figure_set (&ov->needs_matched, matched, n);
  figure_set (&ov->needs_unmatched, n - matched, n);
  return TRUE;
}

static int
month_of (const char *iso,
          int         year)
{
  int y, m;

  if (iso == NULL || sscanf (iso, "%4d-%2d", &y, &m) != 2 || y != year || m < 1 || m > 12)
    return 0;
  return m;
}

static gboolean
compute_meetings (GjStore     *self,
                  GjOverview  *ov,
                  const Scope *sc,
                  const GDate *today,
                  GError     **error)
{
  g_autofree char *from = g_strdup_printf ("%04d-01-01", ov->year);
  g_autofree char *to = g_strdup_printf ("%04d-12-31", ov->year);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GListModel) occurrences = NULL;
  g_autoptr(GArray) all_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint this_month = g_date_get_month (today);
  gint64 due = 0, met = 0, invited = 0, present = 0;
  int rc;

  figure_init (&ov->months_met, sc, "months_met", _("Months with a joint meeting"), GJ_TYPE_MEETING, "held=true");
  figure_init (&ov->attendance, sc, "attendance", _("Attendance"), GJ_TYPE_MEETING, "held=true");

  /* The streets: the scope's street, or all of them. */
  stmt = gj_store_prepare (self, "SELECT id, code, name FROM street WHERE ?1 = 0 OR id = ?1 ORDER BY code, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sc->street_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GjOverviewStreetMeetings *m = g_new0 (GjOverviewStreetMeetings, 1);
      Scope street = { GJ_OVERVIEW_STREET, 0, 0, 0 };

      m->street_id = street.id = street.street_id = sqlite3_column_int64 (stmt, 0);
      m->street_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      m->street_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      figure_init (&m->attendance, &street, "attendance", _("Attendance"), GJ_TYPE_MEETING, "held=true");
      figure_init (&m->missed, &street, "months_missed", _("Months without a joint meeting"), GJ_TYPE_MEETING, NULL);
      g_ptr_array_add (ov->meetings_by_street, m);
      g_hash_table_insert (by_id, &m->street_id, m);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);

  /* Planned: the calendar's occurrences, cancelled ones left out. */
  occurrences = gj_store_list_occurrences (self, sc->street_id, from, to, error);
  if (occurrences == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (occurrences); i++)
    {
      g_autoptr(GjOccurrence) o = g_list_model_get_item (occurrences, i);
      GjOverviewStreetMeetings *m;
      int month;

      if (gj_occurrence_is_cancelled (o))
        continue;
      m = g_hash_table_lookup (by_id, &(gint64) { gj_record_get_int (GJ_RECORD (gj_occurrence_get_meeting (o)), "street_id") });
      month = month_of (gj_occurrence_get_starts_at (o), ov->year);
      if (m != NULL && month > 0)
        m->planned[month - 1]++;
    }

  /* Held: stored meetings held, minuted or closed in the year. */
  stmt = gj_store_prepare (self,
    "SELECT id, street_id, starts_at FROM meeting"
    " WHERE status IN ('held', 'minuted', 'closed') AND substr (starts_at, 1, 4) = ?1 ORDER BY starts_at, id", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *year = g_strdup_printf ("%04d", ov->year);

    sqlite3_bind_text (stmt, 1, year, -1, SQLITE_TRANSIENT);
  }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 street_id = sqlite3_column_int64 (stmt, 1);
      GjOverviewStreetMeetings *m = g_hash_table_lookup (by_id, &street_id);
      int month = month_of ((const char *) sqlite3_column_text (stmt, 2), ov->year);

      if (m == NULL || month == 0)
        continue;
      m->held[month - 1]++;
      drill_add (m->attendance.drill, id);
      g_array_append_val (all_ids, id);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);

  for (guint s = 0; s < ov->meetings_by_street->len; s++)
    {
      GjOverviewStreetMeetings *m = ov->meetings_by_street->pdata[s];
      g_autoptr(GPtrArray) rates = NULL;
      GString *missed = g_string_new ("held=false;month=");
      guint s_invited = 0, s_present = 0;

      /* A month is due once it is over; the current month counts as soon
       * as it has its meeting, so early in a month nobody is behind. */
      for (guint mo = 1; mo <= 12; mo++)
        {
          gboolean is_due = mo < this_month || (mo == this_month && m->held[mo - 1] > 0);

          if (!is_due)
            continue;
          m->months_due++;
          if (m->held[mo - 1] > 0)
            m->months_met++;
          else
            g_string_append_printf (missed, "%s%04d-%02u", missed->str[missed->len - 1] == '=' ? "" : ",", ov->year, mo);
        }
      g_free (m->missed.drill->filter);
      m->missed.drill->filter = g_string_free (missed, FALSE);
      figure_set (&m->missed, m->months_due - m->months_met, m->months_due);
      due += m->months_due;
      met += m->months_met;

      rates = gj_store_attendance_rates (self, m->street_id, ov->year, error);
      if (rates == NULL)
        return FALSE;
      for (guint i = 0; i < rates->len; i++)
        {
          GjAttendanceRate *r = rates->pdata[i];

          s_invited += r->invited;
          s_present += r->present;
        }
      figure_set (&m->attendance, s_present, s_invited);
      invited += s_invited;
      present += s_present;
    }
  g_array_append_vals (ov->months_met.drill->ids, all_ids->data, all_ids->len);
  g_array_append_vals (ov->attendance.drill->ids, all_ids->data, all_ids->len);
  figure_set (&ov->months_met, met, due);
  figure_set (&ov->attendance, present, invited);
  return TRUE;
}

static gboolean
compute_problems (GjStore     *self,
                  GjOverview  *ov,
                  const Scope *sc,
                  const GDate *today,
                  GError     **error)
{
  static const char *stages[GJ_FUNNEL_N_STAGES] = { "collected", "on_wall", "resolved", "published", "open", "unsolvable" };
  const char *stage_titles[] = {
    C_("funnel", "Collected"), C_("funnel", "On the wall"), C_("funnel", "Resolved"),
    C_("funnel", "Published"), C_("funnel", "Open"), C_("funnel", "Unsolvable"),
  };
  sqlite3_stmt *stmt = gj_store_prepare (self,
    "SELECT p.id, p.status, p.deadline, g.street_id, g.community_id"
    "  FROM problem p LEFT JOIN grid g ON g.id = p.grid_id ORDER BY p.id", error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (GJ_DISTRICT_TIME_ZONE);
  g_autoptr(GDateTime) now = NULL;
  GjOverviewFigure *colours[GJ_DEADLINE_GREY + 1];
  GjOverviewFigure *funnel[G_N_ELEMENTS (stages)];
  gint64 n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* Noon of @today in the district: the colour of that day. */
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = g_date_time_new (tz, g_date_get_year (today), g_date_get_month (today),
                         g_date_get_day (today), 12, 0, 0);

  figure_init (&ov->problems, sc, "problems", _("Problems"), GJ_TYPE_PROBLEM, NULL);
  for (int c = 0; c <= GJ_DEADLINE_GREY; c++)
    {
      g_autofree char *filter = g_strdup_printf ("colour=%s", gj_deadline_colour_to_string (c));

      colours[c] = figure_new (sc, gj_deadline_colour_to_string (c), gj_deadline_colour_get_title (c), GJ_TYPE_PROBLEM, filter);
      g_ptr_array_add (ov->problems_by_colour, colours[c]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *filter = g_strdup_printf ("funnel=%s", stages[i]);

      funnel[i] = figure_new (sc, stages[i], stage_titles[i], GJ_TYPE_PROBLEM, filter);
      g_ptr_array_add (ov->problem_funnel, funnel[i]);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      GjProblemStatus st = status != NULL ? gj_problem_status_from_string (status) : GJ_PROBLEM_REGISTERED;
      GjDeadlineColour c;

      if (!in_scope (sc, sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4)))
        continue;
      n++;
      drill_add (ov->problems.drill, id);
      c = gj_problem_colour_for (st, (const char *) sqlite3_column_text (stmt, 2), now);
      colours[c]->count++;
      drill_add (colours[c]->drill, id);

      /* The funnel's stages (in GjFunnelStage order) by the same rule as
       * gj_store_problem_funnel(). */
      for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
        if (gj_problem_in_funnel_stage (status, i))
          {
            funnel[i]->count++;
            drill_add (funnel[i]->drill, id);
          }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  figure_set (&ov->problems, n, 0);
  for (int c = 0; c <= GJ_DEADLINE_GREY; c++)
    figure_set (colours[c], colours[c]->count, n);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    figure_set (funnel[i], funnel[i]->count, funnel[0]->count);

  /* The echo wall: entries of the scope's problems. */
  stmt = gj_store_prepare (self,
    "SELECT e.id, g.street_id, g.community_id FROM echo_entry e"
    "  JOIN problem p ON p.id = e.problem_id LEFT JOIN grid g ON g.id = p.grid_id ORDER BY e.id", error);
  if (stmt == NULL)
    return FALSE;
  figure_init (&ov->echo_entries, sc, "echo_entries", _("Published on the echo wall"), GJ_TYPE_ECHO_ENTRY, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (in_scope (sc, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)))
      {
        ov->echo_entries.count++;
        drill_add (ov->echo_entries.drill, sqlite3_column_int64 (stmt, 0));
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gj_store_set_error (self, rc, error);
  figure_set (&ov->echo_entries, ov->echo_entries.count, funnel[3]->count);
  return TRUE;
}

GjOverview *
gj_store_compute_overview (GjStore         *self,
                           GjOverviewScope  scope,
                           gint64           id,
                           const GDate     *today,
                           double           ring_m,
                           GError         **error)
{
  g_autoptr(GjOverview) ov = NULL;
  g_autoptr(GDate) own_today = NULL;
  g_autoptr(GArray) agreements = NULL;
  Scope sc = { scope, id, 0, 0 };
  char buf[16];

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (scope <= GJ_OVERVIEW_COMMUNITY, NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  if (today == NULL)
    today = own_today = gj_today ();
  ov = overview_new ();
  ov->scope = scope;
  ov->scope_id = scope == GJ_OVERVIEW_DISTRICT ? 0 : id;
  ov->ring_m = ring_m > 0 && isfinite (ring_m) ? ring_m : GJ_OVERVIEW_DEFAULT_RING_M;
  ov->year = g_date_get_year (today);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", today);
  ov->today = g_strdup (buf);
  if (scope == GJ_OVERVIEW_DISTRICT)
    sc.id = 0;

  /* One read transaction: the figures agree with each other. */
  if (!gj_store_begin (self, error))
    return NULL;
  if (!resolve_scope (self, ov, &sc, error)
      || !compute_grids (self, ov, &sc, error)
      || !compute_stations (self, ov, &sc, error)
      || (agreements = load_agreements (self, today, error)) == NULL
      || !compute_units (self, ov, &sc, agreements, error)
      || !compute_needs (self, ov, &sc, error)
      || !compute_meetings (self, ov, &sc, today, error)
      || !compute_problems (self, ov, &sc, today, error))
    {
      gj_store_rollback (self);
      return NULL;
    }
  gj_store_rollback (self);   /* nothing was written */
  g_ptr_array_sort (ov->gaps, compare_gaps);
  return g_steal_pointer (&ov);
}

/* ---- async ---------------------------------------------------------------- */

typedef struct
{
  char            *path;
  GjOverviewScope  scope;
  gint64           id;
  GDate            today;
  gboolean         has_today;
  double           ring_m;
} ComputeData;

static void
compute_data_free (ComputeData *d)
{
  g_free (d->path);
  g_free (d);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GjStore) store = gj_store_open (d->path, GJ_STORE_OPEN_DEFAULT, &error);
  GjOverview *ov;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ov = gj_store_compute_overview (store, d->scope, d->id, d->has_today ? &d->today : NULL, d->ring_m, &error);
  if (ov == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (g_task_return_error_if_cancelled (task))
    gj_overview_unref (ov);
  else
    g_task_return_pointer (task, ov, (GDestroyNotify) gj_overview_unref);
}

void
gj_overview_compute_async (GjStore             *self,
                           GjOverviewScope      scope,
                           gint64               id,
                           const GDate         *today,
                           double               ring_m,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *d;

  g_return_if_fail (GJ_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gj_overview_compute_async);
  d = g_new0 (ComputeData, 1);
  d->path = g_strdup (gj_store_get_path (self));
  d->scope = scope;
  d->id = id;
  d->ring_m = ring_m;
  if (today != NULL)
    {
      d->today = *today;
      d->has_today = TRUE;
    }
  g_task_set_task_data (task, d, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

GjOverview *
gj_overview_compute_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gj_overview_compute_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- JSON ----------------------------------------------------------------- */

static void
json_percent (JsonBuilder            *b,
              const GjOverviewFigure *f)
{
  json_builder_set_member_name (b, "percent");
  if (f->has_percent)
    json_builder_add_double_value (b, round (f->percent * 100) / 100);
  else
    json_builder_add_null_value (b);
}

/* {"count": n, "total": t, "percent": p|null} */
static void
json_share (JsonBuilder            *b,
            const GjOverviewFigure *f)
{
  json_builder_set_member_name (b, f->key);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, f->count);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, f->total);
  json_percent (b, f);
  json_builder_end_object (b);
}

/* {key: count, …} */
static void
json_breakdown (JsonBuilder *b,
                const char  *name,
                GPtrArray   *figures)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; i < figures->len; i++)
    {
      const GjOverviewFigure *f = figures->pdata[i];

      json_builder_set_member_name (b, f->key);
      json_builder_add_int_value (b, f->count);
    }
  json_builder_end_object (b);
}

JsonNode *
gj_overview_to_json (const GjOverview *ov)
{
  static const char *scopes[] = { "district", "street", "community" };
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (ov != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scope");
  json_builder_add_string_value (b, scopes[ov->scope]);
  json_builder_set_member_name (b, "today");
  json_builder_add_string_value (b, ov->today);
  json_builder_set_member_name (b, "ring_m");
  json_builder_add_double_value (b, ov->ring_m);

  json_builder_set_member_name (b, "grids");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, ov->grids.count);
  json_builder_set_member_name (b, "area_m2");
  json_builder_add_double_value (b, round (ov->grids.value));
  json_breakdown (b, "by_kind", ov->grids_by_kind);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "grid_coverage");
  json_builder_begin_object (b);
  json_percent (b, &ov->grid_coverage);
  json_builder_set_member_name (b, "covered_m2");
  json_builder_add_double_value (b, round (ov->grid_coverage.value));
  json_builder_set_member_name (b, "outline_m2");
  json_builder_add_double_value (b, round (ov->outline_area_m2));
  json_builder_set_member_name (b, "gaps");
  json_builder_add_int_value (b, ov->grid_coverage.count);
  json_builder_set_member_name (b, "gaps_accepted");
  json_builder_add_int_value (b, ov->grid_coverage.total - ov->grid_coverage.count);
  json_builder_end_object (b);

  json_share (b, &ov->grids_with_station);
  json_share (b, &ov->grids_near_station);

  json_builder_set_member_name (b, "stations");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, ov->stations.count);
  json_breakdown (b, "by_kind", ov->stations_by_kind);
  json_builder_end_object (b);
  json_share (b, &ov->small_centres);

  json_builder_set_member_name (b, "units");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, ov->units.count);
  json_breakdown (b, "by_kind", ov->units_by_kind);
  json_builder_end_object (b);
  json_share (b, &ov->units_with_agreement);

  json_builder_set_member_name (b, "agreements");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, ov->agreements.count);
  json_breakdown (b, "by_status", ov->agreements_by_status);
  json_builder_end_object (b);
  json_share (b, &ov->agreements_expiring);

  json_share (b, &ov->needs_matched);

  json_builder_set_member_name (b, "meetings");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, ov->year);
  json_share (b, &ov->months_met);
  json_share (b, &ov->attendance);
  json_builder_set_member_name (b, "by_street");
  json_builder_begin_array (b);
  for (guint s = 0; s < ov->meetings_by_street->len; s++)
    {
      const GjOverviewStreetMeetings *m = ov->meetings_by_street->pdata[s];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, m->street_code);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, m->street_name);
      json_builder_set_member_name (b, "months_due");
      json_builder_add_int_value (b, m->months_due);
      json_builder_set_member_name (b, "months_met");
      json_builder_add_int_value (b, m->months_met);
      json_builder_set_member_name (b, "planned");
      json_builder_begin_array (b);
      for (guint i = 0; i < 12; i++)
        json_builder_add_int_value (b, m->planned[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "held");
      json_builder_begin_array (b);
      for (guint i = 0; i < 12; i++)
        json_builder_add_int_value (b, m->held[i]);
      json_builder_end_array (b);
      json_share (b, &m->attendance);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "problems");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, ov->problems.count);
  json_breakdown (b, "by_colour", ov->problems_by_colour);
  json_breakdown (b, "funnel", ov->problem_funnel);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "echo_entries");
  json_builder_add_int_value (b, ov->echo_entries.count);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- per-grid indicators ---------------------------------------------------- */

static const struct
{
  const char *name;
  const char *title;
} indicators[] = {
  { "units", N_("Resident units") },
  { "agreements", N_("Agreements in force") },
  { "open_problems", N_("Open problems") },
  { "station_distance", N_("Distance to the nearest station (m)") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (indicators) == GJ_GRID_INDICATOR_LAST + 1);

const char *
gj_grid_indicator_get_title (GjGridIndicator which)
{
  g_return_val_if_fail (which <= GJ_GRID_INDICATOR_LAST, NULL);
  return _(indicators[which].title);
}

const char *
gj_grid_indicator_to_string (GjGridIndicator which)
{
  g_return_val_if_fail (which <= GJ_GRID_INDICATOR_LAST, NULL);
  return indicators[which].name;
}

static void
indicator_set (GHashTable *table,
               gint64      grid_id,
               double      value)
{
  gint64 *key = g_new (gint64, 1);
  double *v = g_new (double, 1);

  *key = grid_id;
  *v = value;
  g_hash_table_replace (table, key, v);
}

static void
indicator_add (GHashTable *table,
               gint64      grid_id,
               double      value)
{
  double *v = g_hash_table_lookup (table, &grid_id);

  if (v != NULL)
    *v += value;
}

GHashTable *
gj_store_grid_indicator (GjStore          *self,
                         GjGridIndicator   which,
                         GError          **error)
{
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GArray) grids = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);
  g_return_val_if_fail (which <= GJ_GRID_INDICATOR_LAST, NULL);

  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  grids = load_grids (self, which == GJ_GRID_INDICATOR_STATION_DISTANCE, error);
  if (grids == NULL)
    return NULL;

  switch (which)
    {
    case GJ_GRID_INDICATOR_UNITS:
    case GJ_GRID_INDICATOR_OPEN_PROBLEMS:
      for (guint i = 0; i < grids->len; i++)
        indicator_set (table, g_array_index (grids, GridRow, i).id, 0);
      stmt = gj_store_prepare (self, which == GJ_GRID_INDICATOR_UNITS
                               ? "SELECT grid_id, count(*) FROM unit WHERE grid_id IS NOT NULL GROUP BY grid_id"
                               : "SELECT grid_id, count(*) FROM problem WHERE grid_id IS NOT NULL"
                                 "   AND coalesce (status, 'registered') NOT IN ('resolved', 'published', 'unsolvable')"
                                 " GROUP BY grid_id", error);
      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        indicator_add (table, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          gj_store_set_error (self, rc, error);
          return NULL;
        }
      break;

    case GJ_GRID_INDICATOR_AGREEMENTS:
      {
        g_autoptr(GDate) today = gj_today ();
        g_autoptr(GArray) agreements = load_agreements (self, today, error);

        if (agreements == NULL)
          return NULL;
        for (guint i = 0; i < grids->len; i++)
          indicator_set (table, g_array_index (grids, GridRow, i).id, 0);
        for (guint i = 0; i < agreements->len; i++)
          {
            AgreementRow *a = &g_array_index (agreements, AgreementRow, i);

            if (agreement_in_force (a->status) && a->unit_grid_id != 0)
              indicator_add (table, a->unit_grid_id, 1);
          }
      }
      break;

    case GJ_GRID_INDICATOR_STATION_DISTANCE:
      {
        PointIndex stations;

        if (!load_station_points (self, &stations, error))
          return NULL;
        for (guint i = 0; stations.n > 0 && i < grids->len; i++)
          {
            GridRow *g = &g_array_index (grids, GridRow, i);
            double cx, cy;

            if (g->geometry == NULL)
              continue;
            geometry_centroid (g->geometry, &cx, &cy);
            indicator_set (table, g->id, point_index_nearest (&stations, cx, cy, NULL));
          }
        point_index_clear (&stations);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  return g_steal_pointer (&table);
}

/* ---- saved views ---------------------------------------------------------- */

GListModel *
gj_store_list_saved_views (GjStore  *self,
                           GError  **error)
{
  g_autofree char *sql = gj_store_select_sql (GJ_TYPE_SAVED_VIEW, "ORDER BY t.position IS NULL, t.position, t.id");
  sqlite3_stmt *stmt;
  g_autoptr(GListStore) out = g_list_store_new (GJ_TYPE_SAVED_VIEW);
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), NULL);

  stmt = gj_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GjRecord) r = gj_store_record_from_row (GJ_TYPE_SAVED_VIEW, stmt);

      g_list_store_append (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gj_store_set_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&out));
}

gboolean
gj_store_append_saved_view (GjStore     *self,
                            GjSavedView *view,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_SAVED_VIEW (view), FALSE);

  if (!gj_store_begin (self, error))
    return FALSE;
  stmt = gj_store_prepare (self, "SELECT coalesce (max (position), 0) FROM saved_view", error);
  if (stmt == NULL)
    {
      gj_store_rollback (self);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      gj_store_rollback (self);
      return gj_store_set_error (self, rc, error);
    }
  gj_record_set_int (GJ_RECORD (view), "position", last + 1);
  if (!gj_store_insert (self, GJ_RECORD (view), error))
    {
      gj_store_rollback (self);
      return FALSE;
    }
  return gj_store_commit (self, error);
}

gboolean
gj_store_move_saved_view (GjStore      *self,
                          GjSavedView  *view,
                          guint         new_position,
                          GError      **error)
{
  g_autoptr(GListModel) views = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 id;
  guint n, target;
  gboolean found = FALSE;

  g_return_val_if_fail (GJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (GJ_IS_SAVED_VIEW (view), FALSE);

  id = gj_record_get_id (GJ_RECORD (view));
  if (!gj_store_begin (self, error))
    return FALSE;
  views = gj_store_list_saved_views (self, error);
  if (views == NULL)
    {
      gj_store_rollback (self);
      return FALSE;
    }
  n = g_list_model_get_n_items (views);
  for (guint i = 0; i < n; i++)
    {
      GjRecord *r = g_list_model_get_item (views, i);

      if (gj_record_get_id (r) == id)
        {
          found = TRUE;
          g_object_unref (r);
        }
      else
        g_ptr_array_add (order, r);
    }
  if (!found)
    {
      gj_store_rollback (self);
      g_set_error (error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND, _("The saved view no longer exists"));
      return FALSE;
    }
  target = CLAMP (new_position, 1, n) - 1;
  g_ptr_array_insert (order, target, gj_record_copy (GJ_RECORD (view)));

  for (guint i = 0; i < order->len; i++)
    {
      GjRecord *r = order->pdata[i];

      if (gj_record_get_id (r) == id)
        {
          /* The stored copy, not the caller's: only the position moves. */
          g_autoptr(GjRecord) stored = gj_store_get (self, GJ_TYPE_SAVED_VIEW, id, error);

          if (stored == NULL)
            {
              gj_store_rollback (self);
              return FALSE;
            }
          g_ptr_array_index (order, i) = g_steal_pointer (&stored);
          g_object_unref (r);
          r = order->pdata[i];
        }
      if (gj_record_is_null (r, "position") || gj_record_get_int (r, "position") != (gint64) i + 1)
        {
          gj_record_set_int (r, "position", i + 1);
          if (!gj_store_update (self, r, error))
            {
              gj_store_rollback (self);
              return FALSE;
            }
        }
    }
  if (!gj_store_commit (self, error))
    return FALSE;
  gj_record_set_int (GJ_RECORD (view), "position", target + 1);
  return TRUE;
}
