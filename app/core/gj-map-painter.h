/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>
#include <cairo.h>

#include "gj-geometry.h"
#include "gj-map-theme.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * The one painter of the map: grids, service stations, street and district
 * outlines and names, drawn with cairo and pango for a given extent and
 * scale. The tile sources (app/map) call it for 256-pixel tiles in worker
 * threads; printing (app/io/gj-print.c) calls it for a rectangle on a page.
 * No GTK, so the CLI prints without a display.
 */

/* ---- Web Mercator arithmetic, plain maths, safe in any thread ---------- */

#define GJ_TILE_SIZE 256
#define GJ_MAX_LATITUDE 85.0511287798

/* World size in device units at @zoom (fractional zooms welcome). */
static inline double
gj_map_world_size (double zoom)
{
  return GJ_TILE_SIZE * exp2 (zoom);
}

static inline double
gj_map_lon_to_x (double lon,
                 double zoom)
{
  return (lon + 180.0) / 360.0 * gj_map_world_size (zoom);
}

static inline double
gj_map_lat_to_y (double lat,
                 double zoom)
{
  double phi;

  lat = CLAMP (lat, -GJ_MAX_LATITUDE, GJ_MAX_LATITUDE);
  phi = lat * G_PI / 180.0;
  return (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * gj_map_world_size (zoom);
}

static inline double
gj_map_x_to_lon (double x,
                 double zoom)
{
  return x / gj_map_world_size (zoom) * 360.0 - 180.0;
}

static inline double
gj_map_y_to_lat (double y,
                 double zoom)
{
  double n = G_PI - 2.0 * G_PI * y / gj_map_world_size (zoom);

  return 180.0 / G_PI * atan (0.5 * (exp (n) - exp (-n)));
}

/* The lon/lat box of tile (@x, @y) at @zoom, grown by @margin pixels. */
static inline GjBBox
gj_map_tile_bbox (guint  zoom,
                  guint  x,
                  guint  y,
                  double margin)
{
  GjBBox box;

  box.min_x = gj_map_x_to_lon ((double) x * GJ_TILE_SIZE - margin, zoom);
  box.max_x = gj_map_x_to_lon ((double) (x + 1) * GJ_TILE_SIZE + margin, zoom);
  box.max_y = gj_map_y_to_lat ((double) y * GJ_TILE_SIZE - margin, zoom);
  box.min_y = gj_map_y_to_lat ((double) (y + 1) * GJ_TILE_SIZE + margin, zoom);
  return box;
}

static inline gboolean
gj_bbox_meets (const GjBBox *a,
               const GjBBox *b)
{
  return a->min_x <= b->max_x && a->max_x >= b->min_x
         && a->min_y <= b->max_y && a->max_y >= b->min_y;
}

/* A point inside the polygon for its label: the middle of the widest
 * horizontal run through the bbox centre, which lands inside L and U shapes
 * where the centre of the box does not. Deterministic, so neighbouring tiles
 * place the same label at the same spot. */
gboolean gj_map_label_point (GjGeometry *geometry,
                             double     *lon,
                             double     *lat);

/* ---- Projector: lon/lat → device x/y --------------------------------- */

/*
 * Web Mercator at a (possibly fractional) zoom, shifted so that world pixel
 * (@x0, @y0) lands on the device origin. One device unit is one pixel of a
 * tile, or one point of a page: the zoom is what makes the scale.
 */
typedef struct
{
  double zoom;
  double x0, y0;
  double width, height;   /* the device area, for culling */
} GjMapProjector;

/* Tile (@x, @y) at @zoom, 256 × 256 units. */
void    gj_map_projector_init_tile  (GjMapProjector       *self,
                                     guint                 zoom,
                                     guint                 x,
                                     guint                 y);
/* @extent as large as fits into @width × @height, centred. */
void    gj_map_projector_init_fit   (GjMapProjector       *self,
                                     const GjBBox         *extent,
                                     double                width,
                                     double                height);

static inline void
gj_map_projector_project (const GjMapProjector *self,
                          double                lon,
                          double                lat,
                          double               *x,
                          double               *y)
{
  *x = gj_map_lon_to_x (lon, self->zoom) - self->x0;
  *y = gj_map_lat_to_y (lat, self->zoom) - self->y0;
}

void    gj_map_projector_unproject  (const GjMapProjector *self,
                                     double                x,
                                     double                y,
                                     double               *lon,
                                     double               *lat);
/* The lon/lat box the device area shows, grown by @margin units. */
GjBBox  gj_map_projector_get_bbox   (const GjMapProjector *self,
                                     double                margin);
/* Metres on the ground (WGS-84 ellipsoid, east–west) one device unit
 * covers at @lat: Web Mercator's scale changes with latitude, so a scale
 * bar is true at the latitude it is computed for. */
double  gj_map_projector_metres_per_unit (const GjMapProjector *self,
                                          double                lat);

/* Adds every ring of @geometry to the current path, in device units. */
void    gj_map_path_geometry        (cairo_t              *cr,
                                     const GjMapProjector *projector,
                                     GjGeometry           *geometry);

/* ---- What to draw, and how big -------------------------------------- */

typedef enum
{
  GJ_MAP_PART_GROUND     = 1 << 0,  /* background and the district's area */
  GJ_MAP_PART_GRIDS      = 1 << 1,  /* grid fills and lines */
  GJ_MAP_PART_BOUNDARIES = 1 << 2,  /* street and district boundaries */
  GJ_MAP_PART_STATIONS   = 1 << 3,  /* service station dots */
  GJ_MAP_PART_NAMES      = 1 << 4,  /* district and street names */
  GJ_MAP_PART_LABELS     = 1 << 5,  /* grid and station names */
  GJ_MAP_PART_BASEMAP    = GJ_MAP_PART_GROUND | GJ_MAP_PART_BOUNDARIES | GJ_MAP_PART_NAMES,
  GJ_MAP_PART_OVERLAYS   = GJ_MAP_PART_GRIDS | GJ_MAP_PART_STATIONS | GJ_MAP_PART_LABELS,
  GJ_MAP_PART_ALL        = 0x3f,
} GjMapParts;

typedef struct
{
  GjMapParts   parts;
  double       grid_line_width;
  double       station_radius;
  double       station_ring_width;
  double       street_line_width;   /* 0: no street boundaries */
  gboolean     street_line_dashed;
  double       district_line_width;
  double       halo_width;
  /* Pango font descriptions; NULL leaves that kind of label out. */
  const char  *district_name_font;
  const char  *street_name_font;
  const char  *grid_name_font;
  const char  *grid_code_font;      /* a second line under the grid name */
  const char  *station_name_font;
  /* Units beyond the device area whose grids and stations (with their
   * labels), or whose street and district names, may reach into it. */
  double       query_margin;
  double       names_margin;
  /* A label that would overlap one already drawn is left out. Pages want
   * it; tiles cannot, since a tile does not know its neighbours' labels. */
  gboolean     avoid_overlaps;
  /* > 0: grids of other streets are drawn as grey context, unlabelled,
   * and this street's boundary stands out. */
  gint64       focus_street_id;
  /* > 0: every label's font this many times its size (a projector wants
   * about 1.5); 0 is 1. */
  double       label_scale;
} GjMapPaintStyle;

/* What the map on screen draws into a tile at @zoom. */
void    gj_map_paint_style_init_for_zoom (GjMapPaintStyle *style,
                                          guint            zoom);

/* ---- Outlines: the district and its streets, merged once ------------- */

typedef struct _GjMapOutlines GjMapOutlines;

#define GJ_TYPE_MAP_OUTLINES (gj_map_outlines_get_type ())

GType          gj_map_outlines_get_type      (void) G_GNUC_CONST;
GjMapOutlines *gj_map_outlines_new           (void);
GjMapOutlines *gj_map_outlines_ref           (GjMapOutlines *self);
void           gj_map_outlines_unref         (GjMapOutlines *self);
/* Reads the outlines (the GEOS union of the grids) the first time it is
 * called; any thread, one at a time. */
gboolean       gj_map_outlines_ensure        (GjMapOutlines *self,
                                              GjStore       *store,
                                              GError       **error);
/* After gj_map_outlines_ensure(): borrowed, NULL when there are no grids. */
const GjOutline *gj_map_outlines_get_district (GjMapOutlines *self);
/* The street outline of @street_id, or NULL. */
const GjOutline *gj_map_outlines_get_street  (GjMapOutlines *self,
                                              gint64         street_id);

/* ---- The painter ----------------------------------------------------- */

typedef struct _GjMapPainter GjMapPainter;

#define GJ_TYPE_MAP_PAINTER (gj_map_painter_get_type ())

GType          gj_map_painter_get_type       (void) G_GNUC_CONST;
/* @outlines (may be NULL) draws the basemap parts; several painters may
 * share one. */
GjMapPainter  *gj_map_painter_new            (GjMapTheme      theme,
                                              gboolean        dark,
                                              GjMapOutlines  *outlines);
GjMapPainter  *gj_map_painter_ref            (GjMapPainter   *self);
void           gj_map_painter_unref          (GjMapPainter   *self);
GjMapTheme     gj_map_painter_get_theme      (GjMapPainter   *self);
gboolean       gj_map_painter_get_dark       (GjMapPainter   *self);
GjMapOutlines *gj_map_painter_get_outlines   (GjMapPainter   *self);
const GjMapColors *gj_map_painter_get_colors (GjMapPainter   *self);

/* Reads what the theme needs (counts per grid, the streets' order) and the
 * outlines, once; any thread, one at a time. gj_map_painter_paint() calls
 * it; call it first to see its errors. */
gboolean       gj_map_painter_load           (GjMapPainter   *self,
                                              GjStore        *store,
                                              GError        **error);
/* The theme's colour of @grid (after loading). */
GjColor        gj_map_painter_grid_color     (GjMapPainter   *self,
                                              GjRecord       *grid);
/* An indicator theme's class breaks (after loading): fills @breaks
 * (GJ_MAP_THEME_N_INDICATOR_CLASSES + 1 doubles) and returns the number of
 * classes holding values (0 for other themes or without data). */
guint          gj_map_painter_get_breaks     (GjMapPainter   *self,
                                              double         *breaks);
/* The legend that matches the colours: a new array of GjMapLegendEntry.
 * An indicator theme reads its figures from @store first, if not yet. */
GPtrArray     *gj_map_painter_dup_legend     (GjMapPainter   *self,
                                              GjStore        *store);

/*
 * Draws @style's parts of the map for the area @projector shows into @cr,
 * whose origin is the area's top-left corner. @drawn (may be NULL) tells
 * whether anything beyond the plain background was drawn. FALSE with
 * @error when the store could not be read or @cancellable fired.
 */
gboolean       gj_map_painter_paint          (GjMapPainter          *self,
                                              cairo_t               *cr,
                                              GjStore               *store,
                                              const GjMapProjector  *projector,
                                              const GjMapPaintStyle *style,
                                              gboolean              *drawn,
                                              GCancellable          *cancellable,
                                              GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjMapOutlines, gj_map_outlines_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjMapPainter, gj_map_painter_unref)

G_END_DECLS
