/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "gj-map-painter.h"
#include "gj-print.h"
#include "gj-records.h"
#include "gj-store-overview.h"

G_DEFINE_QUARK (gj-print-error-quark, gj_print_error)

/* Page geometry, in points. */
#define MARGIN        28.0
#define GAP           10.0
#define ROW           12.5
#define SWATCH         9.0
#define TITLE_FONT    "Sans Bold 18"
#define SUBTITLE_FONT "Sans 10"
#define HEAD_FONT     "Sans Bold 9"
#define TEXT_FONT     "Sans 8"
#define NOTE_FONT     "Sans 6.5"

/* Grid names from this scale on (metres per point; 1:22,700), station
 * names from 1:11,300. Coarser, they would only hide each other. */
#define GRID_LABEL_MPU    8.0
#define STATION_LABEL_MPU 4.0

typedef enum
{
  FORMAT_PDF,
  FORMAT_PNG,
  FORMAT_SVG,
} Format;

/* The figures of a street, or of the whole district. */
typedef struct
{
  guint   grids;
  guint   communities;
  guint   stations;
  guint   units;
  guint   with_station;
  gint64  households;
  gint64  population;
  double  area;   /* m² */
  /* From the overview (atlas pages): FALSE leaves these rows out. */
  gboolean has_overview;
  gint64   agreements_in_force;
  gint64   meetings_held;        /* this year */
  int      year;
  gint64   problems_open;
} Indicators;

typedef struct
{
  GjStore              *store;
  const GjPrintOptions *options;
  GjMapPainter         *painter;
  GjMapOutlines        *outlines;
  GPtrArray            *streets;       /* GjRecord, code order */
  GArray               *indicators;    /* Indicators per street, same order */
  GArray               *atlas_streets; /* guint: indices of the streets with grids */
  GjRecord             *only_street;   /* borrowed from streets */
  GjBBox                district_extent;
  Indicators            total;
  GPtrArray            *legend;        /* GjMapLegendEntry */
  char                 *district_name;
  char                 *date;
  char                 *note;
  double                page_w, page_h;
  guint                 page, n_pages;
  gboolean              one_line;      /* draw_text ellipsizes instead of wrapping */
  PangoLayout          *layout;
} Job;

static void
job_clear (Job *job)
{
  g_clear_pointer (&job->painter, gj_map_painter_unref);
  g_clear_pointer (&job->streets, g_ptr_array_unref);
  g_clear_pointer (&job->indicators, g_array_unref);
  g_clear_pointer (&job->atlas_streets, g_array_unref);
  g_clear_pointer (&job->legend, g_ptr_array_unref);
  g_clear_pointer (&job->district_name, g_free);
  g_clear_pointer (&job->date, g_free);
  g_clear_pointer (&job->note, g_free);
  g_clear_object (&job->layout);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Job, job_clear)

void
gj_print_options_init (GjPrintOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->paper = GJ_PAPER_A4;
  options->theme = GJ_MAP_THEME_KIND;
}

gboolean
gj_paper_from_string (const char *name,
                      GjPaper    *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (name != NULL && g_ascii_strcasecmp (name, "a4") == 0)
    *paper = GJ_PAPER_A4;
  else if (name != NULL && g_ascii_strcasecmp (name, "a3") == 0)
    *paper = GJ_PAPER_A3;
  else
    return FALSE;
  return TRUE;
}

/* ---- Reading the store ------------------------------------------------- */

static int
compare_by_code (gconstpointer a,
                 gconstpointer b)
{
  GjRecord *ra = *(GjRecord **) a, *rb = *(GjRecord **) b;

  return g_strcmp0 (gj_record_get_text (ra, "code"), gj_record_get_text (rb, "code"));
}

static GListModel *
list_plain (GjStore  *store,
            GType     type,
            GError  **error)
{
  return gj_store_list_full (store, type, NULL, GJ_STORE_LIST_NO_GEOMETRY, error);
}

static Indicators *
street_indicators (Job    *job,
                   gint64  street_id)
{
  for (guint i = 0; street_id > 0 && i < job->streets->len; i++)
    if (gj_record_get_id (g_ptr_array_index (job->streets, i)) == street_id)
      return &g_array_index (job->indicators, Indicators, i);
  return NULL;
}

static gboolean
load_figures (Job     *job,
              GError **error)
{
  g_autoptr(GListModel) streets = NULL;
  g_autoptr(GListModel) grids = NULL;
  g_autoptr(GListModel) stations = NULL;
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) communities = NULL;
  g_autoptr(GListModel) districts = NULL;
  g_autoptr(GHashTable) counts = NULL;

  if ((streets = gj_store_list (job->store, GJ_TYPE_STREET, error)) == NULL
      || (grids = list_plain (job->store, GJ_TYPE_GRID, error)) == NULL
      || (stations = list_plain (job->store, GJ_TYPE_STATION, error)) == NULL
      || (units = list_plain (job->store, GJ_TYPE_UNIT, error)) == NULL
      || (communities = list_plain (job->store, GJ_TYPE_COMMUNITY, error)) == NULL
      || (districts = gj_store_list (job->store, GJ_TYPE_DISTRICT, error)) == NULL
      || (counts = gj_store_count_by_grid (job->store, GJ_TYPE_STATION, error)) == NULL)
    return FALSE;

  job->streets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (streets); i++)
    g_ptr_array_add (job->streets, g_list_model_get_item (streets, i));
  g_ptr_array_sort (job->streets, compare_by_code);
  job->indicators = g_array_set_size (g_array_new (FALSE, TRUE, sizeof (Indicators)), job->streets->len);

  if (g_list_model_get_n_items (districts) > 0)
    {
      g_autoptr(GjRecord) district = g_list_model_get_item (districts, 0);

      job->district_name = g_strdup (gj_record_get_text (district, "name"));
    }

  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (grids, i);
      gint64 id = gj_record_get_id (grid);
      Indicators *street = street_indicators (job, gj_record_get_int (grid, "street_id"));
      gboolean covered = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id)) > 0;
      Indicators *each[2] = { &job->total, street };

      for (guint k = 0; k < 2; k++)
        {
          if (each[k] == NULL)
            continue;
          each[k]->grids++;
          each[k]->with_station += covered;
          each[k]->households += gj_record_get_int (grid, "households");
          each[k]->population += gj_record_get_int (grid, "population");
          each[k]->area += gj_record_get_real (grid, "area");
        }
    }

#define COUNT(model, field)                                                           \
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)                        \
    {                                                                                 \
      g_autoptr(GjRecord) r = g_list_model_get_item (model, i);                       \
      Indicators *street = street_indicators (job, gj_record_get_int (r, "street_id")); \
                                                                                      \
      job->total.field++;                                                             \
      if (street != NULL)                                                             \
        street->field++;                                                              \
    }
  COUNT (stations, stations)
  COUNT (units, units)
  COUNT (communities, communities)
#undef COUNT

  return TRUE;
}

/* The rows an atlas page adds: agreements in force, meetings held this
 * year, open problems, from the data layer's overview of the scope. */
static void
load_overview (Job              *job,
               GjOverviewScope   scope,
               gint64            id,
               Indicators       *ind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjOverview) overview = NULL;
  const char *in_force = gj_agreement_status_to_string (GJ_AGREEMENT_IN_FORCE);
  const char *expiring = gj_agreement_status_to_string (GJ_AGREEMENT_EXPIRING);

  overview = gj_store_compute_overview (job->store, scope, id, NULL, 0, &error);
  if (overview == NULL)
    {
      /* The page still prints, with the rows the map's own figures give. */
      g_debug ("No overview for the printed table: %s", error->message);
      return;
    }

  ind->has_overview = TRUE;
  ind->year = overview->year;
  for (guint i = 0; i < overview->agreements_by_status->len; i++)
    {
      GjOverviewFigure *figure = g_ptr_array_index (overview->agreements_by_status, i);

      if (g_strcmp0 (figure->key, in_force) == 0 || g_strcmp0 (figure->key, expiring) == 0)
        ind->agreements_in_force += figure->count;
    }
  for (guint i = 0; i < overview->meetings_by_street->len; i++)
    {
      GjOverviewStreetMeetings *street = g_ptr_array_index (overview->meetings_by_street, i);

      for (guint m = 0; m < 12; m++)
        ind->meetings_held += street->held[m];
    }
  for (guint i = 0; i < overview->problem_funnel->len; i++)
    {
      GjOverviewFigure *figure = g_ptr_array_index (overview->problem_funnel, i);

      if (g_strcmp0 (figure->key, "open") == 0)
        ind->problems_open = figure->count;
    }
}

static GjRecord *
find_street (Job         *job,
             const char  *wanted,
             GError     **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint i = 0; i < job->streets->len; i++)
    {
      GjRecord *street = g_ptr_array_index (job->streets, i);

      if (g_strcmp0 (gj_record_get_text (street, "code"), wanted) == 0
          || g_strcmp0 (gj_record_get_text (street, "name"), wanted) == 0)
        return street;
    }

  for (guint i = 0; i < job->streets->len; i++)
    {
      GjRecord *street = g_ptr_array_index (job->streets, i);
      const char *code = gj_record_get_text (street, "code");

      if (i > 0)
        g_string_append (known, ", ");
      g_string_append (known, gj_record_get_text (street, "name"));
      if (code != NULL)
        g_string_append_printf (known, " (%s)", code);
    }
  if (job->streets->len == 0)
    g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_UNKNOWN_STREET,
                 _("No street is called “%s”: the database holds no streets"), wanted);
  else
    /* Translators: the second %s lists the streets, "name (code), …" */
    g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_UNKNOWN_STREET,
                 _("No street has the code or name “%s”. The streets are: %s"), wanted, known->str);
  return NULL;
}

/* ---- Text -------------------------------------------------------------- */

/* Draws @text with its top-left corner (or top-right, or top-centre, as
 * @align says) at (@x, @y), wrapped to @width when > 0. Returns its height. */
static double
draw_text (Job            *job,
           cairo_t        *cr,
           const char     *text,
           const char     *font,
           double          x,
           double          y,
           double          width,
           PangoAlignment  align,
           const GjColor  *color)
{
  PangoFontDescription *desc = pango_font_description_from_string (font);
  PangoLayout *layout = job->layout;
  PangoRectangle logical;

  pango_cairo_update_layout (cr, layout);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, job->one_line && width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);

  if (width <= 0 && align == PANGO_ALIGN_RIGHT)
    x -= (double) logical.width / PANGO_SCALE;
  else if (width <= 0 && align == PANGO_ALIGN_CENTER)
    x -= (double) logical.width / PANGO_SCALE / 2;

  if (color != NULL)
    {
      cairo_move_to (cr, x, y);
      gj_color_set_source (cr, color);
      pango_cairo_show_layout (cr, layout);
    }
  return (double) logical.height / PANGO_SCALE;
}

static double
text_width (Job        *job,
            cairo_t    *cr,
            const char *text,
            const char *font)
{
  PangoRectangle logical;

  draw_text (job, cr, text, font, 0, 0, -1, PANGO_ALIGN_LEFT, NULL);
  pango_layout_get_extents (job->layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* ---- Map furniture ----------------------------------------------------- */

static const GjColor ink = { 0.24f, 0.22f, 0.27f, 1.f };        /* dark 2 */
static const GjColor faint = { 0.47f, 0.46f, 0.48f, 1.f };      /* dark 1 */
static const GjColor paper_white = { 1.f, 1.f, 1.f, 1.f };
static const GjColor veil = { 1.f, 1.f, 1.f, 0.85f };
static const GjColor rule = { 0.87f, 0.87f, 0.85f, 1.f };       /* light 3 */

/* A nice length: 1, 2 or 5 times a power of ten, at most @max metres. */
static double
nice_length (double max)
{
  double p = pow (10, floor (log10 (max)));

  if (5 * p <= max)
    return 5 * p;
  if (2 * p <= max)
    return 2 * p;
  return p;
}

static char *
format_metres (double metres)
{
  if (metres >= 1000)
    /* Translators: a length on a scale bar */
    return g_strdup_printf (_("%g km"), metres / 1000);
  /* Translators: a length on a scale bar */
  return g_strdup_printf (_("%g m"), metres);
}

/* Bottom-left of the map frame: two segments, black and white, true at
 * the latitude of the map's centre. */
static void
draw_scale_bar (Job                  *job,
                cairo_t              *cr,
                const GjMapProjector *projector)
{
  double lon, lat, mpu, metres, length, x = 10, y = projector->height - 12, h = 4;
  g_autofree char *end = NULL;
  g_autofree char *half = NULL;
  double end_w;

  gj_map_projector_unproject (projector, projector->width / 2, projector->height / 2, &lon, &lat);
  mpu = gj_map_projector_metres_per_unit (projector, lat);
  metres = nice_length (mpu * MIN (projector->width * 0.25, 160));
  length = metres / mpu;
  end = format_metres (metres);
  half = format_metres (metres / 2);
  end_w = text_width (job, cr, end, TEXT_FONT);

  gj_color_set_source (cr, &veil);
  cairo_rectangle (cr, x - 5, y - 18, length + end_w / 2 + 12, 26);
  cairo_fill (cr);

  cairo_set_line_width (cr, 0.6);
  for (int i = 0; i < 2; i++)
    {
      cairo_rectangle (cr, x + i * length / 2, y, length / 2, h);
      gj_color_set_source (cr, i == 0 ? &ink : &paper_white);
      cairo_fill_preserve (cr);
      gj_color_set_source (cr, &ink);
      cairo_stroke (cr);
    }
  draw_text (job, cr, "0", TEXT_FONT, x, y - 12, -1, PANGO_ALIGN_CENTER, &ink);
  draw_text (job, cr, half, TEXT_FONT, x + length / 2, y - 12, -1, PANGO_ALIGN_CENTER, &ink);
  draw_text (job, cr, end, TEXT_FONT, x + length, y - 12, -1, PANGO_ALIGN_CENTER, &ink);
}

/* Top-right of the map frame. Web Mercator keeps north up everywhere. */
static void
draw_north_arrow (Job                  *job,
                  cairo_t              *cr,
                  const GjMapProjector *projector)
{
  double cx = projector->width - 18, top = 8, h = 26, w = 9;

  gj_color_set_source (cr, &veil);
  cairo_arc (cr, cx, top + h / 2 + 3, 15, 0, 2 * G_PI);
  cairo_fill (cr);

  /* Translators: "north", on the north arrow; one letter or character */
  draw_text (job, cr, C_("compass", "N"), HEAD_FONT, cx, top - 2, -1, PANGO_ALIGN_CENTER, &ink);
  top += 11;
  h -= 8;
  cairo_set_line_width (cr, 0.6);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_move_to (cr, cx, top);
  cairo_line_to (cr, cx + w / 2, top + h);
  cairo_line_to (cr, cx, top + h * 0.72);
  cairo_close_path (cr);
  gj_color_set_source (cr, &ink);
  cairo_fill_preserve (cr);
  cairo_stroke (cr);
  cairo_move_to (cr, cx, top);
  cairo_line_to (cr, cx - w / 2, top + h);
  cairo_line_to (cr, cx, top + h * 0.72);
  cairo_close_path (cr);
  gj_color_set_source (cr, &paper_white);
  cairo_fill_preserve (cr);
  gj_color_set_source (cr, &ink);
  cairo_stroke (cr);
}

static void
draw_swatch (cairo_t                *cr,
             const GjMapLegendEntry *entry,
             const GjMapColors      *colors,
             float                   alpha,
             double                  x,
             double                  y)
{
  if (entry->shape == GJ_MAP_LEGEND_POINT)
    {
      cairo_arc (cr, x + SWATCH / 2, y + SWATCH / 2, 3, 0, 2 * G_PI);
      gj_color_set_source (cr, &entry->color);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 0.8);
      gj_color_set_source (cr, &colors->station_ring);
      cairo_stroke (cr);
      return;
    }
  {
    GjColor fill = entry->color;

    /* As the map draws it: at 60 % over white (choropleths 85 %). */
    fill.alpha = alpha;
    cairo_rectangle (cr, x, y, SWATCH, SWATCH);
    gj_color_set_source (cr, &fill);
    cairo_fill_preserve (cr);
    cairo_set_line_width (cr, 0.4);
    gj_color_set_source (cr, &colors->grid_line);
    cairo_stroke (cr);
  }
}

static void
draw_line_swatch (cairo_t       *cr,
                  const GjColor *color,
                  double         width,
                  gboolean       dashed,
                  double         x,
                  double         y)
{
  cairo_move_to (cr, x, y + SWATCH / 2);
  cairo_line_to (cr, x + SWATCH + 3, y + SWATCH / 2);
  cairo_set_line_width (cr, width);
  if (dashed)
    cairo_set_dash (cr, (double[]) { 3, 1.5 }, 2, 0);
  gj_color_set_source (cr, color);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static guint
legend_rows (Job *job)
{
  /* The theme's entries, then street and district boundaries. */
  return job->legend->len + 2;
}

/* The legend in (@x, @y, @width): the theme's name, then its entries in
 * @columns columns. Returns the height used. */
static double
draw_legend (Job     *job,
             cairo_t *cr,
             double   x,
             double   y,
             double   width,
             guint    columns)
{
  const GjMapColors *colors = gj_map_painter_get_colors (job->painter);
  guint n = legend_rows (job), per_column = (n + columns - 1) / columns;
  double column_w = width / columns, top;

  top = y + draw_text (job, cr, gj_map_theme_get_title (job->options->theme), HEAD_FONT,
                       x, y, width, PANGO_ALIGN_LEFT, &ink) + 4;
  for (guint i = 0; i < n; i++)
    {
      double ex = x + (i / per_column) * column_w, ey = top + (i % per_column) * ROW;
      const char *label;

      if (i < job->legend->len)
        {
          GjMapLegendEntry *entry = g_ptr_array_index (job->legend, i);

          draw_swatch (cr, entry, colors, gj_map_theme_is_indicator (job->options->theme) ? 0.85f : 0.6f,
                       ex, ey);
          label = entry->label;
        }
      else if (i == job->legend->len)
        {
          draw_line_swatch (cr, &colors->street_line, 1.0, TRUE, ex, ey);
          label = _("Street boundary");
        }
      else
        {
          draw_line_swatch (cr, &colors->district_line, 1.6, FALSE, ex, ey);
          label = _("District boundary");
        }
      /* One line each, so rows never run into each other. */
      job->one_line = TRUE;
      draw_text (job, cr, label, TEXT_FONT, ex + SWATCH + 6, ey - 1.5,
                 column_w - SWATCH - 10, PANGO_ALIGN_LEFT, &ink);
      job->one_line = FALSE;
    }
  return top - y + per_column * ROW;
}

#define N_TABLE_ROWS 12
#define N_BASE_ROWS 9

static guint
table_rows (const Indicators *ind)
{
  return ind != NULL && ind->has_overview ? N_TABLE_ROWS : N_BASE_ROWS;
}

static double
table_height (const Indicators *ind)
{
  return 16 + table_rows (ind) * ROW;
}

static void
draw_table (Job              *job,
            cairo_t          *cr,
            const Indicators *ind,
            const char       *heading,
            double            x,
            double            y,
            double            width)
{
  char values[N_TABLE_ROWS][32];
  g_autofree char *meetings_label = g_strdup_printf (_("Meetings held in %d"), ind->year);
  const char *labels[N_TABLE_ROWS] = {
    _("Grids"),
    _("Communities"),
    _("Service stations"),
    _("Resident units"),
    _("Households"),
    _("Population"),
    _("Area (km²)"),
    _("Grids with a station"),
    _("Grids without a station"),
    _("Agreements in force"),
    meetings_label,
    _("Open problems"),
  };
  double top;

  g_snprintf (values[0], sizeof values[0], "%u", ind->grids);
  g_snprintf (values[1], sizeof values[1], "%u", ind->communities);
  g_snprintf (values[2], sizeof values[2], "%u", ind->stations);
  g_snprintf (values[3], sizeof values[3], "%u", ind->units);
  g_snprintf (values[4], sizeof values[4], "%" G_GINT64_FORMAT, ind->households);
  g_snprintf (values[5], sizeof values[5], "%" G_GINT64_FORMAT, ind->population);
  g_snprintf (values[6], sizeof values[6], "%.2f", ind->area / 1e6);
  g_snprintf (values[7], sizeof values[7], "%u", ind->with_station);
  g_snprintf (values[8], sizeof values[8], "%u", ind->grids - ind->with_station);
  g_snprintf (values[9], sizeof values[9], "%" G_GINT64_FORMAT, ind->agreements_in_force);
  g_snprintf (values[10], sizeof values[10], "%" G_GINT64_FORMAT, ind->meetings_held);
  g_snprintf (values[11], sizeof values[11], "%" G_GINT64_FORMAT, ind->problems_open);

  top = y + draw_text (job, cr, heading, HEAD_FONT, x, y, width, PANGO_ALIGN_LEFT, &ink) + 4;
  cairo_set_line_width (cr, 0.4);
  for (guint i = 0; i < table_rows (ind); i++)
    {
      double ry = top + i * ROW;

      draw_text (job, cr, labels[i], TEXT_FONT, x, ry, -1, PANGO_ALIGN_LEFT, &ink);
      draw_text (job, cr, values[i], TEXT_FONT, x + width, ry, -1, PANGO_ALIGN_RIGHT, &ink);
      cairo_move_to (cr, x, ry + ROW - 0.5);
      cairo_line_to (cr, x + width, ry + ROW - 0.5);
      gj_color_set_source (cr, &rule);
      cairo_stroke (cr);
    }
}

/* ---- Pages ------------------------------------------------------------- */

typedef struct
{
  const char       *title;
  const char       *subtitle;
  const GjBBox     *extent;       /* NULL: nothing to map */
  gint64            street_id;    /* > 0: a street's page */
  const Indicators *indicators;
  const char       *table_heading;
} Page;

static void
paint_map (Job                  *job,
           cairo_t              *cr,
           const Page           *page,
           const GjMapProjector *projector,
           GCancellable         *cancellable,
           GError              **error,
           gboolean             *ok)
{
  GjMapPaintStyle style = { 0 };
  double lon, lat, mpu;

  gj_map_projector_unproject (projector, projector->width / 2, projector->height / 2, &lon, &lat);
  mpu = gj_map_projector_metres_per_unit (projector, lat);

  style.parts = GJ_MAP_PART_ALL;
  style.grid_line_width = mpu > GRID_LABEL_MPU ? 0.25 : 0.4;
  style.station_radius = mpu > GRID_LABEL_MPU ? 1.6 : 2.4;
  style.station_ring_width = 0.5;
  style.street_line_width = page->street_id > 0 ? 0.8 : 1.2;
  style.street_line_dashed = TRUE;
  style.district_line_width = 1.6;
  style.halo_width = 1.8;
  /* Street names always: they are what the reader looks for first. */
  style.street_name_font = page->street_id > 0 ? "Sans Bold 9" : "Sans Bold 10";
  if (mpu <= GRID_LABEL_MPU)
    style.grid_name_font = "Sans 6";
  if (mpu <= STATION_LABEL_MPU)
    style.station_name_font = "Sans 5.5";
  style.query_margin = 0;
  style.names_margin = 0;
  style.avoid_overlaps = TRUE;
  style.focus_street_id = page->street_id;

  *ok = gj_map_painter_paint (job->painter, cr, job->store, projector, &style, NULL, cancellable, error);
}

static gboolean
draw_page (Job           *job,
           cairo_t       *cr,
           const Page    *page,
           GCancellable  *cancellable,
           GError       **error)
{
  const GjPrintOptions *options = job->options;
  double w = job->page_w, h = job->page_h, y = MARGIN, footer_h = 0, body_top, body_bottom;
  double map_x, map_y, map_w, map_h, panel_x, panel_y, panel_w;
  gboolean portrait = h >= w, ok = TRUE, legend = !options->no_legend;
  g_autofree char *page_label = NULL;
  GjMapProjector projector;

  cairo_save (cr);
  gj_color_set_source (cr, &paper_white);
  cairo_paint (cr);

  /* Header. */
  y += draw_text (job, cr, page->title, TITLE_FONT, MARGIN, y, w - 2 * MARGIN, PANGO_ALIGN_LEFT, &ink);
  if (page->subtitle != NULL && *page->subtitle != '\0')
    y += 2 + draw_text (job, cr, page->subtitle, SUBTITLE_FONT, MARGIN, y + 2, w - 2 * MARGIN,
                        PANGO_ALIGN_LEFT, &faint);
  body_top = y + GAP;

  /* Footer: the data note on the left, the date and page on the right. */
  if (job->n_pages > 1 && !options->no_date)
    /* Translators: the page number in a printed atlas, "3 / 9" */
    page_label = g_strdup_printf (_("%s · page %u of %u"), job->date, job->page + 1, job->n_pages);
  else if (job->n_pages > 1)
    /* Translators: the page number in a printed atlas without a date */
    page_label = g_strdup_printf (_("page %u of %u"), job->page + 1, job->n_pages);
  else if (!options->no_date)
    page_label = g_strdup (job->date);
  if (!options->no_note)
    {
      footer_h = draw_text (job, cr, job->note, NOTE_FONT, 0, 0, w - 2 * MARGIN - 140, PANGO_ALIGN_LEFT, NULL);
      draw_text (job, cr, job->note, NOTE_FONT, MARGIN, h - MARGIN - footer_h, w - 2 * MARGIN - 140,
                 PANGO_ALIGN_LEFT, &faint);
    }
  if (page_label != NULL)
    {
      double label_h = draw_text (job, cr, page_label, NOTE_FONT, 0, 0, -1, PANGO_ALIGN_LEFT, NULL);

      footer_h = MAX (footer_h, label_h);
      draw_text (job, cr, page_label, NOTE_FONT, w - MARGIN, h - MARGIN - footer_h, -1, PANGO_ALIGN_RIGHT, &faint);
    }
  body_bottom = h - MARGIN - footer_h - (footer_h > 0 ? GAP : 0);

  /* The legend and the table beside (landscape) or below (portrait) the
   * map, never on it. */
  if (portrait && (legend || page->indicators != NULL))
    {
      /* A long legend (a theme by street, say) takes more columns rather
       * than the map's room: at most about a quarter of the page. */
      guint min_columns = page->indicators != NULL ? 2 : 3;
      double max_h = MAX ((body_bottom - body_top) * 0.25, table_height (page->indicators));
      guint per_column = MAX ((guint) ((max_h - 16) / ROW), 1);
      guint columns = MAX (min_columns, (legend_rows (job) + per_column - 1) / per_column);
      double legend_h = legend ? 16 + ((legend_rows (job) + columns - 1) / columns) * ROW : 0;
      double panel_h = MAX (legend_h, page->indicators != NULL ? table_height (page->indicators) : 0);

      map_x = MARGIN;
      map_y = body_top;
      map_w = w - 2 * MARGIN;
      map_h = body_bottom - body_top - panel_h - GAP;
      panel_x = MARGIN;
      panel_y = map_y + map_h + GAP;
      panel_w = map_w;
      if (page->indicators != NULL && legend)
        {
          double legend_w = panel_w * 0.6 - GAP;

          draw_legend (job, cr, panel_x, panel_y, legend_w, columns);
          draw_table (job, cr, page->indicators, page->table_heading,
                      panel_x + legend_w + 2 * GAP, panel_y, panel_w - legend_w - 2 * GAP);
        }
      else if (page->indicators != NULL)
        draw_table (job, cr, page->indicators, page->table_heading, panel_x + panel_w * 0.5, panel_y,
                    panel_w * 0.5);
      else
        draw_legend (job, cr, panel_x, panel_y, panel_w, columns);
    }
  else if (!portrait && (legend || page->indicators != NULL))
    {
      panel_w = 170;
      map_x = MARGIN;
      map_y = body_top;
      map_w = w - 2 * MARGIN - panel_w - GAP;
      map_h = body_bottom - body_top;
      panel_x = map_x + map_w + GAP;
      panel_y = body_top;
      if (legend)
        panel_y += draw_legend (job, cr, panel_x, panel_y, panel_w, 1) + 2 * GAP;
      if (page->indicators != NULL)
        draw_table (job, cr, page->indicators, page->table_heading, panel_x, panel_y, panel_w);
    }
  else
    {
      map_x = MARGIN;
      map_y = body_top;
      map_w = w - 2 * MARGIN;
      map_h = body_bottom - body_top;
    }

  /* The map, clipped to its frame. */
  cairo_save (cr);
  cairo_rectangle (cr, map_x, map_y, map_w, map_h);
  cairo_clip (cr);
  cairo_translate (cr, map_x, map_y);
  if (page->extent != NULL)
    {
      GjBBox padded = *page->extent;
      double dx = (padded.max_x - padded.min_x) * 0.03, dy = (padded.max_y - padded.min_y) * 0.03;

      padded.min_x -= dx;
      padded.max_x += dx;
      padded.min_y -= dy;
      padded.max_y += dy;
      gj_map_projector_init_fit (&projector, &padded, map_w, map_h);
      paint_map (job, cr, page, &projector, cancellable, error, &ok);
      if (ok && !options->no_scale_bar)
        draw_scale_bar (job, cr, &projector);
      if (ok && !options->no_north_arrow)
        draw_north_arrow (job, cr, &projector);
    }
  else
    {
      gj_color_set_source (cr, &gj_map_painter_get_colors (job->painter)->background);
      cairo_paint (cr);
      draw_text (job, cr, _("No grids to draw here"), SUBTITLE_FONT, map_w / 2, map_h / 2 - 6, -1,
                 PANGO_ALIGN_CENTER, &faint);
    }
  cairo_restore (cr);

  cairo_rectangle (cr, map_x, map_y, map_w, map_h);
  cairo_set_line_width (cr, 0.8);
  gj_color_set_source (cr, &faint);
  cairo_stroke (cr);

  cairo_restore (cr);
  return ok;
}

/* ---- Output ------------------------------------------------------------ */

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
format_from_path (const char  *path,
                  Format      *format,
                  GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *format = FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".png"))
    *format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = FORMAT_SVG;
  else
    {
      g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_UNKNOWN_FORMAT,
                   _("Cannot tell the format of “%s”: name it .pdf, .png or .svg"), path);
      return FALSE;
    }
  return TRUE;
}

/* The extent of a street: its outline, else its stations. */
static gboolean
street_extent (Job      *job,
               GjRecord *street,
               GjBBox   *extent)
{
  const GjOutline *outline = gj_map_outlines_get_street (job->outlines, gj_record_get_id (street));

  if (outline == NULL || outline->geometry == NULL)
    return FALSE;
  *extent = gj_geometry_get_bbox (outline->geometry);
  return TRUE;
}

static char *
default_title (const char *name)
{
  /* Translators: the title of a printed map; %s is a district or street
   * name. zh_CN: "%s网格分布图" */
  return g_strdup_printf (_("Grids of %s"), name);
}

struct _GjPrintDocument
{
  Job      job;
  GjStore *store;
};

void
gj_print_document_free (GjPrintDocument *self)
{
  if (self == NULL)
    return;
  job_clear (&self->job);
  g_clear_object (&self->store);
  g_free (self);
}

GjPrintDocument *
gj_print_document_new (GjStore               *store,
                       const GjPrintOptions  *options,
                       GError               **error)
{
  g_autoptr(GjPrintDocument) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = NULL;
  Job *job;
  gboolean have_extent;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->theme <= GJ_MAP_THEME_LAST, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (GjPrintDocument, 1);
  self->store = g_object_ref (store);
  job = &self->job;
  job->store = store;
  job->options = options;
  if (!load_figures (job, error))
    return NULL;
  if (options->street != NULL && !options->atlas
      && (job->only_street = find_street (job, options->street, error)) == NULL)
    return NULL;

  job->outlines = gj_map_outlines_new ();
  job->painter = gj_map_painter_new (options->theme, FALSE, job->outlines);
  gj_map_outlines_unref (job->outlines);   /* the painter holds it */
  if (!gj_map_painter_load (job->painter, store, error))
    return NULL;
  job->legend = gj_map_painter_dup_legend (job->painter, store);

  have_extent = gj_store_get_extent (store, &job->district_extent, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!have_extent)
    {
      g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_EMPTY,
                   _("Nothing to print: the database holds no grids or service stations"));
      return NULL;
    }

  if (job->district_name == NULL)
    {
      const GjOutline *district = gj_map_outlines_get_district (job->outlines);

      job->district_name = g_strdup (district != NULL && district->name != NULL
                                     ? district->name : _("the district"));
    }
  if (options->date != NULL)
    job->date = g_strdup (options->date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      job->date = g_date_time_format (now, "%Y-%m-%d");
    }
  basename = g_path_get_basename (gj_store_get_path (store));
  if (options->note != NULL)
    job->note = g_strdup (options->note);
  else
    /* Translators: the data note at the foot of a printed map: the
     * database file, the program's version and the date */
    job->note = g_strdup_printf (_("Data: Gongjian database %s. Coordinates WGS-84, Web Mercator projection. "
                                   "Generated by Gongjian %s on %s."),
                                 basename, PACKAGE_VERSION, job->date);

  job->page_w = options->paper == GJ_PAPER_A3 ? 841.89 : 595.28;
  job->page_h = options->paper == GJ_PAPER_A3 ? 1190.55 : 841.89;
  if (options->landscape)
    {
      double t = job->page_w;

      job->page_w = job->page_h;
      job->page_h = t;
    }

  /* An atlas: the district's cover, then each street that has grids, with
   * the street's indicator table from the overview. */
  job->atlas_streets = g_array_new (FALSE, FALSE, sizeof (guint));
  if (options->atlas)
    {
      load_overview (job, GJ_OVERVIEW_DISTRICT, 0, &job->total);
      for (guint i = 0; i < job->streets->len; i++)
        {
          Indicators *ind = &g_array_index (job->indicators, Indicators, i);

          if (ind->grids == 0)
            continue;
          g_array_append_val (job->atlas_streets, i);
          load_overview (job, GJ_OVERVIEW_STREET, gj_record_get_id (g_ptr_array_index (job->streets, i)), ind);
        }
    }
  else if (job->only_street != NULL)
    {
      gint64 id = gj_record_get_id (job->only_street);

      load_overview (job, GJ_OVERVIEW_STREET, id, street_indicators (job, id));
    }
  job->n_pages = options->atlas ? 1 + job->atlas_streets->len : 1;

  return g_steal_pointer (&self);
}

guint
gj_print_document_get_n_pages (GjPrintDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->job.n_pages;
}

void
gj_print_document_get_page_size (GjPrintDocument *self,
                                 double          *width,
                                 double          *height)
{
  g_return_if_fail (self != NULL);

  if (width != NULL)
    *width = self->job.page_w;
  if (height != NULL)
    *height = self->job.page_h;
}

gboolean
gj_print_document_draw_page (GjPrintDocument  *self,
                             cairo_t          *cr,
                             guint             page_nr,
                             GCancellable     *cancellable,
                             GError          **error)
{
  Job *job;
  const GjPrintOptions *options;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  Page page = { 0 };
  GjBBox extent;
  GjRecord *street;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (page_nr < self->job.n_pages, FALSE);

  job = &self->job;
  options = job->options;
  extent = job->district_extent;
  street = job->only_street;
  job->page = page_nr;
  if (options->atlas && page_nr > 0)
    street = g_ptr_array_index (job->streets, g_array_index (job->atlas_streets, guint, page_nr - 1));

  if (street == NULL)
    {
      const GjOutline *district = gj_map_outlines_get_district (job->outlines);

      if (district != NULL && district->geometry != NULL)
        extent = gj_geometry_get_bbox (district->geometry);
      title = options->title != NULL ? g_strdup (options->title) : default_title (job->district_name);
      page.subtitle = options->subtitle;
      page.extent = &extent;
      page.indicators = &job->total;
      heading = g_strdup (job->district_name);
    }
  else
    {
      const char *name = gj_record_get_text (street, "name");

      /* An atlas's title is its cover's; each street page has its own. */
      title = options->title != NULL && !options->atlas ? g_strdup (options->title) : default_title (name);
      page.subtitle = options->subtitle != NULL ? options->subtitle : job->district_name;
      page.extent = street_extent (job, street, &extent) ? &extent : NULL;
      page.street_id = gj_record_get_id (street);
      page.indicators = street_indicators (job, page.street_id);
      heading = g_strdup (name);
    }
  page.title = title;
  page.table_heading = heading;

  /* A layout of this context's own: a printer's font options may differ
   * from a file's. */
  job->layout = layout = pango_cairo_create_layout (cr);
  ok = draw_page (job, cr, &page, cancellable, error);
  job->layout = NULL;
  return ok;
}

gboolean
gj_print_map (GjStore              *store,
              const GjPrintOptions *options,
              GjProgressFunc        progress,
              gpointer              user_data,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(GjPrintDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  Sink sink = { NULL, NULL };
  Format format;
  gboolean ok = TRUE;
  double scale = 1, page_w, page_h;
  guint n_pages;

  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && options->output != NULL, FALSE);
  g_return_val_if_fail (options->theme <= GJ_MAP_THEME_LAST, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!format_from_path (options->output, &format, error))
    return FALSE;
  if (options->atlas && format != FORMAT_PDF)
    {
      g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_NOT_SUPPORTED,
                   _("An atlas has a page per street: write it to a .pdf file, not “%s”"), options->output);
      return FALSE;
    }

  document = gj_print_document_new (store, options, error);
  if (document == NULL)
    return FALSE;
  gj_print_document_get_page_size (document, &page_w, &page_h);
  n_pages = gj_print_document_get_n_pages (document);

  /* Written through a GIO replace, so a failure leaves any old file whole
   * and the message says why in the platform's words. */
  file = g_file_new_for_commandline_arg (options->output);
  display_name = g_file_get_parse_name (file);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }
  sink.stream = G_OUTPUT_STREAM (stream);

  switch (format)
    {
    case FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, page_w, page_h);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gongjian " PACKAGE_VERSION);
      break;
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (sink_write, &sink, page_w, page_h);
      break;
    case FORMAT_PNG:
      {
        double dpi = options->dpi > 0 ? options->dpi : 150;
        int width, height;

        scale = options->png_width > 0 ? options->png_width / page_w : dpi / 72.0;
        width = (int) ceil (page_w * scale);
        height = (int) ceil (page_h * scale);
        if (width > 20000 || height > 20000)
          {
            ok = FALSE;
            g_set_error (&local_error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_FAILED,
                         _("The image would be too large (%d × %d pixels)"), width, height);
            break;
          }
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok && cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      ok = FALSE;
      g_set_error (&local_error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_FAILED,
                   _("Cannot draw the map: %s"), cairo_status_to_string (cairo_surface_status (surface)));
    }

  if (ok)
    {
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
    }

  for (guint i = 0; ok && i < n_pages; i++)
    {
      ok = gj_print_document_draw_page (document, cr, i, cancellable, &local_error);
      if (ok && format != FORMAT_PNG)
        cairo_show_page (cr);
      if (ok && cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        {
          ok = FALSE;
          if (sink.error == NULL)
            g_set_error (&local_error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_FAILED,
                         _("Cannot draw the map: %s"), cairo_status_to_string (cairo_status (cr)));
        }
      if (ok && progress != NULL)
        progress (i + 1, n_pages, user_data);
    }

  g_clear_pointer (&cr, cairo_destroy);
  if (ok && format == FORMAT_PNG)
    ok = cairo_surface_write_to_png_stream (surface, sink_write, &sink) == CAIRO_STATUS_SUCCESS;
  if (surface != NULL)
    {
      cairo_surface_finish (surface);
      if (ok && cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        ok = FALSE;
      cairo_surface_destroy (surface);
    }

  if (sink.error != NULL)
    {
      ok = FALSE;
      g_clear_error (&local_error);
      g_set_error (&local_error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), display_name, sink.error->message);
      g_clear_error (&sink.error);
    }
  else if (!ok && local_error == NULL)
    g_set_error (&local_error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_FAILED,
                 _("Cannot write “%s”"), display_name);

  if (!ok)
    {
      /* Closing with a cancelled cancellable drops the new file. */
      abort = g_cancellable_new ();
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    {
      g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
