/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gj-saved-view.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * The overview (issue 7): the district's state in figures, for the
 * overview page, the review-meeting presentation's indicator cards, the
 * printed report and `gongjian-cli stats --json` ("overview").
 *
 * Every figure says what it counts and what to open to see those records
 * (a GjDrill). Shares are never NaN: a share of nothing (no grids, no
 * units …) has has_percent FALSE and is shown as "no data"
 * (gj_overview_figure_dup_percent_text()).
 *
 * Nothing here writes, except the saved views at the end.
 */

/* ---- drill-down ----------------------------------------------------------- */

#define GJ_TYPE_DRILL (gj_drill_get_type ())

/*
 * What a figure is made of, for the GUI to show as a filtered table or a
 * map selection.
 *
 *  - @type: the record kind (GJ_TYPE_GRID, GJ_TYPE_STATION, GJ_TYPE_UNIT,
 *    GJ_TYPE_AGREEMENT, GJ_TYPE_LIST_ITEM, GJ_TYPE_MEETING,
 *    GJ_TYPE_PROBLEM, GJ_TYPE_ECHO_ENTRY); G_TYPE_NONE for places that are
 *    not records (the gaps: see GjOverview.gaps for their boxes).
 *  - @street_id, @community_id: the scope (0: any).
 *  - @filter: a description of the condition, for people and for tests,
 *    as "key=value" pairs joined by ";" — never SQL. Keys in use:
 *      kind=<data value>            (grid, station, unit kind; "" unset)
 *      has_station=true|false       (grid: a station lies in it)
 *      station_within_m=<m>         (grid: centroid within m of a station)
 *      station_beyond_m=<m>         (grid: no station within m)
 *      centre=true;floor_area_below_m2=600   (station)
 *      has_agreement_in_force=true|false     (unit)
 *      status=<agreement status>    (agreement: in-force, expiring …, as
 *                                    gj_agreement_status_to_string())
 *      list=need;matched=true|false (list item)
 *      month=YYYY-MM;held=true      (meeting)
 *      colour=<deadline colour>     (problem: gj_deadline_colour_to_string())
 *      funnel=<stage>               (problem: collected, on_wall, resolved,
 *                                    published, open, unsolvable)
 *    NULL: every record of @type in the scope.
 *  - @ids: the ids (gint64) of exactly the records counted, in row order;
 *    always set for record kinds (possibly empty), NULL for G_TYPE_NONE.
 *    The GUI should select by @ids; @filter is what to print above them.
 */
typedef struct
{
  GType   type;
  gint64  street_id;
  gint64  community_id;
  char   *filter;
  GArray *ids;
} GjDrill;

GType       gj_drill_get_type   (void) G_GNUC_CONST;
GjDrill    *gj_drill_new        (GType          type,
                                 gint64         street_id,
                                 gint64         community_id,
                                 const char    *filter);
GjDrill    *gj_drill_copy       (const GjDrill *drill);
void        gj_drill_free       (GjDrill       *drill);
/* A one-line description for a table's caption, e.g.
 * "unit; street_id=3; has_agreement_in_force=false; 12 records". */
char       *gj_drill_to_string  (const GjDrill *drill);

/* ---- figures ------------------------------------------------------------- */

/*
 * One figure: @count records, out of @total when it is a share.
 *  - @key: stable identifier (also the JSON key), e.g. "grids_with_station";
 *    for a breakdown row, the data value (a grid kind, a colour …).
 *  - @label: translated, for a card or a table row.
 *  - @value: a measure that is not a count (m², metres, a rate), else 0.
 *  - @percent: 100 × count / total (or the share the figure documents),
 *    valid only when @has_percent — FALSE when @total is 0 (no data).
 *  - @drill: the records counted (never NULL).
 */
typedef struct
{
  char     *key;
  char     *label;
  gint64    count;
  gint64    total;
  double    value;
  double    percent;
  gboolean  has_percent;
  GjDrill  *drill;
} GjOverviewFigure;

/* "62.5%" (one decimal), or the translated "no data". */
char       *gj_overview_figure_dup_percent_text (const GjOverviewFigure *figure);

/* A gap between grids inside the scope's outline. */
typedef struct
{
  double       area_m2;     /* geodesic */
  GjBBox       bbox;
  GjGeometry  *geometry;    /* the gap's polygon, for a map selection */
  gboolean     accepted;    /* an accepted check exception (a river …) */
} GjOverviewGap;

/* The joint meetings of one street in the overview's year (一月一会). */
typedef struct
{
  gint64    street_id;
  char     *street_code;
  char     *street_name;
  guint     planned[12];  /* occurrences in the month (cancelled ones left out) */
  guint     held[12];     /* meetings held, minuted or closed that started in the month */
  guint     months_due;   /* months of the year up to today's month (12 for a past year) */
  guint     months_met;   /* of those, months with at least one held meeting */
  /* count: units present, total: invitations, over the year's held
   * meetings (gj_store_attendance_rates()); drill: the held meetings. */
  GjOverviewFigure attendance;
  /* The months due without a held meeting, drill of the street's
   * meetings of the year; key "months_missed", count = number missed. */
  GjOverviewFigure missed;
} GjOverviewStreetMeetings;

typedef enum
{
  GJ_OVERVIEW_DISTRICT,    /* id ignored */
  GJ_OVERVIEW_STREET,      /* id: a street's id */
  GJ_OVERVIEW_COMMUNITY,   /* id: a community's id */
} GjOverviewScope;

#define GJ_OVERVIEW_DEFAULT_RING_M       500.0
#define GJ_OVERVIEW_SMALL_CENTRE_M2      600.0
#define GJ_OVERVIEW_EXPIRING_DAYS        60    /* = GJ_AGREEMENT_EXPIRING_DAYS */

#define GJ_TYPE_OVERVIEW (gj_overview_get_type ())

/*
 * The overview of a scope. Reference counted (boxed); read the fields,
 * change none. Arrays hold GjOverviewFigure unless said otherwise, and are
 * never NULL.
 */
typedef struct
{
  GjOverviewScope scope;
  gint64          scope_id;
  char           *scope_name;    /* district, street or community name */
  char           *today;         /* YYYY-MM-DD the figures are for */
  int             year;          /* today's year: the meetings' year */
  double          ring_m;        /* the station ring used */

  /* Grids. grids.count: grids in scope; grids.value: their geodesic area (m²). */
  GjOverviewFigure grids;
  GPtrArray       *grids_by_kind;     /* key = kind, by count (desc) then key */

  /* Coverage of the scope's outline (its grids' union with the holes
   * filled) by grids. value: area covered (m²); percent: covered /
   * outline, accepted gaps counted as covered; count: gaps not accepted;
   * total: all gaps; drill: the grids. No grids: has_percent FALSE. */
  GjOverviewFigure grid_coverage;
  double           outline_area_m2;
  GPtrArray       *gaps;              /* GjOverviewGap, largest first */

  /* Station coverage, of grids.count:
   *  grids_with_station: grids with a station inside (has_station=true);
   *  grids_without_station: the others (has_station=false);
   *  grids_near_station: centroid within ring_m (geodesic) of any station
   *    of the district (stations across the street line serve too);
   *  grids_far_from_station: the others. */
  GjOverviewFigure grids_with_station;
  GjOverviewFigure grids_without_station;
  GjOverviewFigure grids_near_station;
  GjOverviewFigure grids_far_from_station;
  /* stations: count of stations in scope; stations_by_kind: key = kind.
   * small_centres: service centres (district, street or community
   * party-mass service centres: 党群服务中心 kinds) with a floor area
   * under GJ_OVERVIEW_SMALL_CENTRE_M2, of total = centres (floor area
   * unknown counts as not small). */
  GjOverviewFigure stations;
  GPtrArray       *stations_by_kind;
  GjOverviewFigure small_centres;

  /* Units. units_with_agreement: units with an agreement in force (or
   * expiring) today, of total = units; units_without_agreement: the rest. */
  GjOverviewFigure units;
  GPtrArray       *units_by_kind;
  GjOverviewFigure units_with_agreement;
  GjOverviewFigure units_without_agreement;

  /* Agreements of the scope by status today (key = status string, every
   * status present, in GjAgreementStatus order); agreements_expiring:
   * in force and ending within GJ_OVERVIEW_EXPIRING_DAYS of today. */
  GjOverviewFigure agreements;
  GPtrArray       *agreements_by_status;
  GjOverviewFigure agreements_expiring;

  /* Needs (需求清单) matched — status matched, in progress or done — of
   * total = needs in scope (needs_matched), and the unmatched ones. */
  GjOverviewFigure needs_matched;
  GjOverviewFigure needs_unmatched;

  /* Joint meetings (一月一会): one GjOverviewStreetMeetings per street in
   * scope, by street code. months_met: sums over the streets (count =
   * months met, total = months due); attendance: present / invited over
   * every street's held meetings of the year. */
  GPtrArray       *meetings_by_street;
  GjOverviewFigure months_met;
  GjOverviewFigure attendance;

  /* Problems (a problem's scope is its grid's): by deadline colour (key =
   * gj_deadline_colour_to_string(), all five, in GjDeadlineColour order,
   * percent of all problems) and the funnel of every problem registered
   * (keys collected, on_wall, resolved, published, open, unsolvable, as
   * gj_store_problem_funnel(); percent of collected). */
  GjOverviewFigure problems;
  GPtrArray       *problems_by_colour;
  GPtrArray       *problem_funnel;

  /* Echo-wall entries published (of the scope's problems); total: the
   * problems published (funnel "published"). */
  GjOverviewFigure echo_entries;
} GjOverview;

GType        gj_overview_get_type    (void) G_GNUC_CONST;
GjOverview  *gj_overview_ref         (GjOverview  *overview);
void         gj_overview_unref       (GjOverview  *overview);

/*
 * Computes the overview of @scope / @id on @today (NULL: gj_today()) with
 * a station ring of @ring_m metres (≤ 0: GJ_OVERVIEW_DEFAULT_RING_M).
 * A street or community that does not exist: NULL with
 * GJ_STORE_ERROR_NOT_FOUND. An empty store or a street without grids is
 * no error: zero counts, shares without data.
 *
 * Takes up to about a second on 10,000 grids (the coverage union): call
 * it on a worker thread, through gj_overview_compute_async().
 */
GjOverview  *gj_store_compute_overview (GjStore         *self,
                                        GjOverviewScope  scope,
                                        gint64           id,
                                        const GDate     *today,
                                        double           ring_m,
                                        GError         **error);

/* The same in a GTask thread, on a store of its own opened on
 * gj_store_get_path (@self). */
void         gj_overview_compute_async  (GjStore             *self,
                                         GjOverviewScope      scope,
                                         gint64               id,
                                         const GDate         *today,
                                         double               ring_m,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GjOverview  *gj_overview_compute_finish (GAsyncResult        *result,
                                         GError             **error);

/* The overview as the "overview" object of `stats --json` (documented in
 * README; keys are only ever added). Percentages without data are null. */
JsonNode    *gj_overview_to_json     (const GjOverview *overview);

/* ---- per-grid indicators (choropleth) ------------------------------------- */

typedef enum
{
  GJ_GRID_INDICATOR_UNITS,              /* units whose grid it is */
  GJ_GRID_INDICATOR_AGREEMENTS,         /* agreements in force (or expiring) today, via the unit's grid */
  GJ_GRID_INDICATOR_OPEN_PROBLEMS,      /* problems not resolved, published or unsolvable */
  GJ_GRID_INDICATOR_STATION_DISTANCE,   /* metres (geodesic) from the centroid to the nearest station */
} GjGridIndicator;

#define GJ_GRID_INDICATOR_LAST GJ_GRID_INDICATOR_STATION_DISTANCE

/* Translated name for a chooser and a legend title. */
const char  *gj_grid_indicator_get_title (GjGridIndicator which);
/* "units", "agreements", "open_problems", "station_distance". */
const char  *gj_grid_indicator_to_string (GjGridIndicator which);

/*
 * grid id (gint64 *, g_int64_hash / g_int64_equal) → value (double *),
 * one entry per grid (0 for counts with nothing). For STATION_DISTANCE a
 * grid gets no entry when the district has no station at all. Feed the
 * values to gj_indicator_class_breaks() (gj-class-breaks.h).
 */
GHashTable  *gj_store_grid_indicator (GjStore          *self,
                                      GjGridIndicator   which,
                                      GError          **error);

/* ---- saved map views (the presentation's slides) ---------------------------- */

/* Every saved view (GjSavedView), by "position" then id. */
GListModel  *gj_store_list_saved_views (GjStore      *self,
                                        GError      **error);
/* Inserts @view at the end (its "position" set to the last + 1). */
gboolean     gj_store_append_saved_view (GjStore     *self,
                                         GjSavedView *view,
                                         GError     **error);
/* Moves @view to @new_position (1-based; clamped to 1 … n) and renumbers
 * every view 1 … n in one transaction; @view's "position" is updated. */
gboolean     gj_store_move_saved_view  (GjStore      *self,
                                        GjSavedView  *view,
                                        guint         new_position,
                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjDrill, gj_drill_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjOverview, gj_overview_unref)

G_END_DECLS
