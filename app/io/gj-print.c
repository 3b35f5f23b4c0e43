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
} Indicators;

typedef struct
{
  GjStore              *store;
  const GjPrintOptions *options;
  GjMapPainter         *painter;
  GjMapOutlines        *outlines;
  GPtrArray            *streets;       /* GjRecord, code order */
  GArray               *indicators;    /* Indicators per street, same order */
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

    /* As the map draws it: at 60 % over white. */
    fill.alpha = 0.6f;
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

          draw_swatch (cr, entry, colors, ex, ey);
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

#define N_TABLE_ROWS 9

static double
table_height (void)
{
  return 16 + N_TABLE_ROWS * ROW;
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

  top = y + draw_text (job, cr, heading, HEAD_FONT, x, y, width, PANGO_ALIGN_LEFT, &ink) + 4;
  cairo_set_line_width (cr, 0.4);
  for (guint i = 0; i < N_TABLE_ROWS; i++)
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
  double w = job->page_w, h = job->page_h, y = MARGIN, footer_h, body_top, body_bottom;
  double map_x, map_y, map_w, map_h, panel_x, panel_y, panel_w;
  gboolean portrait = h >= w, ok = TRUE;
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
  if (job->n_pages > 1)
    /* Translators: the page number in a printed atlas, "3 / 9" */
    page_label = g_strdup_printf (_("%s · page %u of %u"), job->date, job->page + 1, job->n_pages);
  else
    page_label = g_strdup (job->date);
  footer_h = draw_text (job, cr, job->note, NOTE_FONT, 0, 0, w - 2 * MARGIN - 140, PANGO_ALIGN_LEFT, NULL);
  draw_text (job, cr, job->note, NOTE_FONT, MARGIN, h - MARGIN - footer_h, w - 2 * MARGIN - 140,
             PANGO_ALIGN_LEFT, &faint);
  draw_text (job, cr, page_label, NOTE_FONT, w - MARGIN, h - MARGIN - footer_h, -1, PANGO_ALIGN_RIGHT, &faint);
  body_bottom = h - MARGIN - footer_h - GAP;

  /* The legend and the table beside (landscape) or below (portrait) the
   * map, never on it. */
  if (portrait)
    {
      /* A long legend (a theme by street, say) takes more columns rather
       * than the map's room: at most about a quarter of the page. */
      guint min_columns = page->indicators != NULL ? 2 : 3;
      double max_h = MAX ((body_bottom - body_top) * 0.25, table_height ());
      guint per_column = MAX ((guint) ((max_h - 16) / ROW), 1);
      guint columns = MAX (min_columns, (legend_rows (job) + per_column - 1) / per_column);
      double legend_h = 16 + ((legend_rows (job) + columns - 1) / columns) * ROW;
      double panel_h = MAX (legend_h, page->indicators != NULL ? table_height () : 0);

      map_x = MARGIN;
      map_y = body_top;
      map_w = w - 2 * MARGIN;
      map_h = body_bottom - body_top - panel_h - GAP;
      panel_x = MARGIN;
      panel_y = map_y + map_h + GAP;
      panel_w = map_w;
      if (page->indicators != NULL)
        {
          double legend_w = panel_w * 0.6 - GAP;

          draw_legend (job, cr, panel_x, panel_y, legend_w, columns);
          draw_table (job, cr, page->indicators, page->table_heading,
                      panel_x + legend_w + 2 * GAP, panel_y, panel_w - legend_w - 2 * GAP);
        }
      else
        draw_legend (job, cr, panel_x, panel_y, panel_w, columns);
    }
  else
    {
      panel_w = 170;
      map_x = MARGIN;
      map_y = body_top;
      map_w = w - 2 * MARGIN - panel_w - GAP;
      map_h = body_bottom - body_top;
      panel_x = map_x + map_w + GAP;
      panel_y = body_top;
      panel_y += draw_legend (job, cr, panel_x, panel_y, panel_w, 1) + 2 * GAP;
      if (page->indicators != NULL)
        draw_table (job, cr, page->indicators, page->table_heading, panel_x, panel_y, panel_w);
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
      if (ok)
        {
          draw_scale_bar (job, cr, &projector);
          draw_north_arrow (job, cr, &projector);
        }
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

gboolean
gj_print_map (GjStore              *store,
              const GjPrintOptions *options,
              GjProgressFunc        progress,
              gpointer              user_data,
              GCancellable         *cancellable,
              GError              **error)
{
  g_auto(Job) job = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  GjRecord *only_street = NULL;
  Sink sink = { NULL, NULL };
  Format format;
  GjBBox district_extent;
  gboolean have_extent, ok = TRUE;
  double scale = 1;

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

  job.store = store;
  job.options = options;
  if (!load_figures (&job, error))
    return FALSE;
  if (options->street != NULL && !options->atlas
      && (only_street = find_street (&job, options->street, error)) == NULL)
    return FALSE;

  job.outlines = gj_map_outlines_new ();
  job.painter = gj_map_painter_new (options->theme, FALSE, job.outlines);
  gj_map_outlines_unref (job.outlines);   /* the painter holds it */
  if (!gj_map_painter_load (job.painter, store, error))
    return FALSE;
  job.legend = gj_map_painter_dup_legend (job.painter, store);

  have_extent = gj_store_get_extent (store, &district_extent, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!have_extent)
    {
      g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_EMPTY,
                   _("Nothing to print: the database holds no grids or service stations"));
      return FALSE;
    }

  if (job.district_name == NULL)
    {
      const GjOutline *district = gj_map_outlines_get_district (job.outlines);

      job.district_name = g_strdup (district != NULL && district->name != NULL
                                    ? district->name : _("the district"));
    }
  if (options->date != NULL)
    job.date = g_strdup (options->date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      job.date = g_date_time_format (now, "%Y-%m-%d");
    }
  basename = g_path_get_basename (gj_store_get_path (store));
  if (options->note != NULL)
    job.note = g_strdup (options->note);
  else
    /* Translators: the data note at the foot of a printed map: the
     * database file, the program's version and the date */
    job.note = g_strdup_printf (_("Data: Gongjian database %s. Coordinates WGS-84, Web Mercator projection. "
                                  "Generated by Gongjian %s on %s."),
                                basename, PACKAGE_VERSION, job.date);

  job.page_w = options->paper == GJ_PAPER_A3 ? 841.89 : 595.28;
  job.page_h = options->paper == GJ_PAPER_A3 ? 1190.55 : 841.89;
  if (options->landscape)
    {
      double t = job.page_w;

      job.page_w = job.page_h;
      job.page_h = t;
    }
  job.n_pages = options->atlas ? 1 + job.streets->len : 1;

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
      surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, job.page_w, job.page_h);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gongjian " PACKAGE_VERSION);
      break;
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (sink_write, &sink, job.page_w, job.page_h);
      break;
    case FORMAT_PNG:
      {
        double dpi = options->dpi > 0 ? options->dpi : 150;
        int width, height;

        scale = options->png_width > 0 ? options->png_width / job.page_w : dpi / 72.0;
        width = (int) ceil (job.page_w * scale);
        height = (int) ceil (job.page_h * scale);
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
      job.layout = pango_cairo_create_layout (cr);
    }

  for (job.page = 0; ok && job.page < job.n_pages; job.page++)
    {
      g_autofree char *title = NULL;
      g_autofree char *heading = NULL;
      Page page = { 0 };
      GjBBox extent = district_extent;
      GjRecord *street = only_street;

      if (options->atlas && job.page > 0)
        street = g_ptr_array_index (job.streets, job.page - 1);

      if (street == NULL)
        {
          const GjOutline *district = gj_map_outlines_get_district (job.outlines);

          if (district != NULL && district->geometry != NULL)
            extent = gj_geometry_get_bbox (district->geometry);
          title = options->title != NULL ? g_strdup (options->title) : default_title (job.district_name);
          page.subtitle = options->subtitle;
          page.extent = &extent;
          page.indicators = &job.total;
          heading = g_strdup (job.district_name);
        }
      else
        {
          const char *name = gj_record_get_text (street, "name");

          /* An atlas's title is its cover's; each street page has its own. */
          title = options->title != NULL && !options->atlas ? g_strdup (options->title) : default_title (name);
          page.subtitle = options->subtitle != NULL ? options->subtitle : job.district_name;
          page.extent = street_extent (&job, street, &extent) ? &extent : NULL;
          page.street_id = gj_record_get_id (street);
          page.indicators = &g_array_index (job.indicators, Indicators,
                                            options->atlas ? job.page - 1
                                            : (guint) (street_indicators (&job, page.street_id)
                                                       - (Indicators *) job.indicators->data));
          heading = g_strdup (name);
        }
      page.title = title;
      page.table_heading = heading;

      ok = draw_page (&job, cr, &page, cancellable, &local_error);
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
        progress (job.page + 1, job.n_pages, user_data);
    }

  g_clear_object (&job.layout);
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
