/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <cairo-svg.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gj-chart.h"

#define PAD          4.0
#define ROW_HEIGHT   26.0
#define BAR_HEIGHT   16.0
#define LEGEND_HEIGHT 24.0
#define SPARK_HEIGHT 84.0

typedef struct
{
  char          *name;
  GArray        *values;   /* double, one per category */
  GjChartColour  colour;
} Series;

typedef struct
{
  double x, y, width, height;
  int    category;
  int    series;
} Hit;

typedef struct
{
  GdkRGBA fg;
  GdkRGBA colours[GJ_CHART_N_COLOURS];
  GdkRGBA focus;
} Palette;

struct _GjChart
{
  GtkWidget    parent_instance;

  GjChartKind  kind;
  char        *title;
  GPtrArray   *categories;   /* char * */
  GPtrArray   *series;       /* Series * */
  char        *value_format;
  GArray      *hits;         /* Hit, from the last frame on screen */
  int          focus_category;
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GjChart, gj_chart, GTK_TYPE_WIDGET)

static void
series_free (gpointer data)
{
  Series *s = data;

  g_free (s->name);
  g_array_unref (s->values);
  g_free (s);
}

static double
series_value (const Series *s,
              guint         category)
{
  return category < s->values->len ? g_array_index (s->values, double, category) : 0.0;
}

/* Colours ---------------------------------------------------------------------------- */

/* GNOME's palette; the dark column is lighter so bars stand out on a dark card. */
static const char *light_colours[GJ_CHART_N_COLOURS] = {
  "#3584e4", "#26a269", "#e5a50a", "#ff7800", "#e01b24", "#9141ac", "#9a9996",
};
static const char *dark_colours[GJ_CHART_N_COLOURS] = {
  "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#f66151", "#c061cb", "#77767b",
};

static void
palette_fixed (Palette  *p,
               gboolean  dark)
{
  for (guint i = 0; i < GJ_CHART_N_COLOURS; i++)
    gdk_rgba_parse (&p->colours[i], dark ? dark_colours[i] : light_colours[i]);
  gdk_rgba_parse (&p->fg, dark ? "#ffffff" : "rgba(0,0,0,0.8)");
  p->focus = p->colours[GJ_CHART_COLOUR_ACCENT];
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
palette_for_widget (GjChart *self,
                    Palette *p)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  static const struct { GjChartColour colour; const char *name; } named[] = {
    { GJ_CHART_COLOUR_ACCENT, "accent_bg_color" },
    { GJ_CHART_COLOUR_GREEN, "success_color" },
    { GJ_CHART_COLOUR_YELLOW, "warning_color" },
    { GJ_CHART_COLOUR_RED, "error_color" },
  };
  GdkRGBA rgba;

  palette_fixed (p, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  /* The theme's own colours where it names them, so the bars match the
   * problem wall's badges and the agreements' status colours. */
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (gtk_style_context_lookup_color (context, named[i].name, &rgba))
      p->colours[named[i].colour] = rgba;
  gtk_style_context_get_color (context, &p->fg);
  if (gtk_style_context_lookup_color (context, "accent_color", &rgba))
    p->focus = rgba;
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
set_source (cairo_t       *cr,
            const GdkRGBA *rgba,
            double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

/* Text ---------------------------------------------------------------------------- */

static PangoLayout *
new_layout (GjChart    *self,
            cairo_t    *cr,
            const char *text,
            double      scale)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));

  if (pango_font_description_get_size (font) <= 0)
    pango_font_description_set_size (font, 10 * PANGO_SCALE);
  if (scale != 1.0)
    pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * scale));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
text_width (GjChart    *self,
            cairo_t    *cr,
            const char *text,
            double      scale)
{
  g_autoptr(PangoLayout) layout = new_layout (self, cr, text, scale);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Draws @text with its left edge at @x (or right edge, @align_right)
 * centred on @y_mid, cut to @max_width. */
static void
draw_text (GjChart       *self,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         y_mid,
           double         max_width,
           gboolean       align_right,
           const GdkRGBA *colour,
           double         alpha,
           double         scale)
{
  g_autoptr(PangoLayout) layout = new_layout (self, cr, text, scale);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  set_source (cr, colour, alpha);
  cairo_move_to (cr, align_right ? x - w : x, y_mid - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static char *
format_value (GjChart *self,
              double   value)
{
  /* The format is the program's own (never user text). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (self->value_format, value);
#pragma GCC diagnostic pop
}

/* Drawing ---------------------------------------------------------------------------- */

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2.0);
  if (r <= 0.5)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
add_hit (GArray *hits,
         double  x,
         double  y,
         double  w,
         double  h,
         int     category,
         int     series)
{
  Hit hit = { x, y, w, h, category, series };

  if (hits != NULL)
    g_array_append_val (hits, hit);
}

static gboolean
has_legend (GjChart *self)
{
  return self->kind == GJ_CHART_STACKED_BAR && self->series->len > 1;
}

static double
draw_legend (GjChart       *self,
             cairo_t       *cr,
             double         width,
             const Palette *p)
{
  double x = PAD;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      double w = text_width (self, cr, series->name, 0.9);

      if (x + 14 + w > width && x > PAD)
        break;
      set_source (cr, &p->colours[series->colour], 1.0);
      rounded_rect (cr, x, LEGEND_HEIGHT / 2 - 5, 10, 10, 2);
      cairo_fill (cr);
      draw_text (self, cr, series->name, x + 14, LEGEND_HEIGHT / 2, 0, FALSE, &p->fg, 0.75, 0.9);
      x += 14 + w + 16;
    }
  return LEGEND_HEIGHT;
}

static void
draw_bars (GjChart       *self,
           cairo_t       *cr,
           double         width,
           const Palette *p,
           GArray        *hits,
           int            focus)
{
  guint n = self->categories->len;
  gboolean stacked = self->kind == GJ_CHART_STACKED_BAR;
  guint n_series = stacked ? self->series->len : MIN (self->series->len, 1);
  double top = PAD, label_w = 0, value_w = 0, max_total = 0;
  double x0, x1;

  if (has_legend (self))
    top += draw_legend (self, cr, width, p);

  for (guint c = 0; c < n; c++)
    {
      double total = 0;
      g_autofree char *value = NULL;

      for (guint s = 0; s < n_series; s++)
        total += MAX (series_value (g_ptr_array_index (self->series, s), c), 0);
      max_total = MAX (max_total, total);
      value = format_value (self, total);
      value_w = MAX (value_w, text_width (self, cr, value, 0.9));
      label_w = MAX (label_w, text_width (self, cr, g_ptr_array_index (self->categories, c), 1.0));
    }
  label_w = MIN (label_w + 10, width * 0.38);
  value_w += 8;
  x0 = PAD + label_w;
  x1 = MAX (width - PAD - value_w, x0 + 10);
  if (max_total <= 0)
    max_total = 1;

  for (guint c = 0; c < n; c++)
    {
      double y = top + c * ROW_HEIGHT;
      double bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
      double x = x0, total = 0;
      g_autofree char *value = NULL;

      if ((int) c == focus)
        {
          set_source (cr, &p->focus, 1.0);
          cairo_set_line_width (cr, 2);
          rounded_rect (cr, 1, y + 1, width - 2, ROW_HEIGHT - 2, 5);
          cairo_stroke (cr);
        }
      draw_text (self, cr, g_ptr_array_index (self->categories, c), PAD, y + ROW_HEIGHT / 2,
                 label_w - 8, FALSE, &p->fg, 0.8, 1.0);
      /* The track shows where 100 % of the scale ends. */
      set_source (cr, &p->fg, 0.07);
      rounded_rect (cr, x0, bar_y, x1 - x0, BAR_HEIGHT, 3);
      cairo_fill (cr);
      add_hit (hits, 0, y, width, ROW_HEIGHT, c, -1);

      for (guint s = 0; s < n_series; s++)
        {
          Series *series = g_ptr_array_index (self->series, s);
          double v = MAX (series_value (series, c), 0);
          double w = v / max_total * (x1 - x0);

          total += v;
          if (w <= 0)
            continue;
          set_source (cr, &p->colours[series->colour], 1.0);
          /* Segments meet squarely; only the bar's ends are round. */
          cairo_save (cr);
          rounded_rect (cr, x0, bar_y, (total / max_total) * (x1 - x0), BAR_HEIGHT, 3);
          cairo_clip (cr);
          cairo_rectangle (cr, x, bar_y, w, BAR_HEIGHT);
          cairo_fill (cr);
          cairo_restore (cr);
          add_hit (hits, x, y, w, ROW_HEIGHT, c, s);
          x += w;
        }
      value = format_value (self, total);
      draw_text (self, cr, value, width - PAD, y + ROW_HEIGHT / 2, 0, TRUE, &p->fg, 1.0, 0.9);
    }
}

static void
draw_sparkline (GjChart       *self,
                cairo_t       *cr,
                double         width,
                double         height,
                const Palette *p,
                GArray        *hits,
                int            focus)
{
  guint n = self->categories->len;
  Series *series = self->series->len > 0 ? g_ptr_array_index (self->series, 0) : NULL;
  double top = PAD + 14, bottom = height - PAD - 18, left = PAD + 4, right = width - PAD - 4;
  double max = 0, step, max_label;
  guint stride;

  if (series == NULL || n == 0)
    return;
  for (guint c = 0; c < n; c++)
    max = MAX (max, series_value (series, c));
  if (max <= 0)
    max = 1;
  step = n > 1 ? (right - left) / (n - 1) : 0;

  /* The base line. */
  set_source (cr, &p->fg, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, bottom + 0.5);
  cairo_line_to (cr, right, bottom + 0.5);
  cairo_stroke (cr);

  for (guint c = 0; c < n; c++)
    {
      double x = n > 1 ? left + c * step : (left + right) / 2;
      double y = bottom - series_value (series, c) / max * (bottom - top);

      if (c == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  set_source (cr, &p->colours[series->colour], 1.0);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  cairo_line_to (cr, n > 1 ? right : (left + right) / 2, bottom);
  cairo_line_to (cr, n > 1 ? left : (left + right) / 2, bottom);
  cairo_close_path (cr);
  set_source (cr, &p->colours[series->colour], 0.15);
  cairo_fill (cr);

  /* Every label when they fit, else every second, third … one, always
   * with the last (the latest month). */
  max_label = 0;
  for (guint c = 0; c < n; c++)
    max_label = MAX (max_label, text_width (self, cr, g_ptr_array_index (self->categories, c), 0.8));
  stride = 1;
  while (n > 1 && stride < n && max_label + 8 > stride * step)
    stride++;

  for (guint c = 0; c < n; c++)
    {
      double x = n > 1 ? left + c * step : (left + right) / 2;
      double y = bottom - series_value (series, c) / max * (bottom - top);
      double v = series_value (series, c);
      gboolean labelled = c % stride == 0 || c == n - 1;

      /* The last label wins over a neighbour it would overlap. */
      if (c != n - 1 && c % stride == 0 && n > 1 && (n - 1 - c) * step < max_label + 8)
        labelled = FALSE;

      set_source (cr, &p->colours[series->colour], 1.0);
      cairo_arc (cr, x, y, (int) c == focus ? 5 : 3, 0, 2 * G_PI);
      cairo_fill (cr);
      if ((int) c == focus)
        {
          set_source (cr, &p->focus, 1.0);
          cairo_set_line_width (cr, 2);
          cairo_arc (cr, x, y, 8, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
      if (labelled)
        {
          g_autofree char *value = format_value (self, v);
          const char *label = g_ptr_array_index (self->categories, c);
          double lw = text_width (self, cr, label, 0.8);
          double vw = text_width (self, cr, value, 0.8);

          draw_text (self, cr, label, CLAMP (x - lw / 2, 0, width - lw), height - PAD - 8, 0, FALSE, &p->fg, 0.6, 0.8);
          draw_text (self, cr, value, CLAMP (x - vw / 2, 0, width - vw), y - 10, 0, FALSE, &p->fg, 0.85, 0.8);
        }
      add_hit (hits, n > 1 ? x - step / 2 : 0, 0, n > 1 ? step : width, height, c, 0);
    }
}

static void
draw_chart (GjChart       *self,
            cairo_t       *cr,
            int            width,
            int            height,
            const Palette *p,
            GArray        *hits,
            int            focus)
{
  if (hits != NULL)
    g_array_set_size (hits, 0);

  if (self->categories->len == 0 || self->series->len == 0)
    {
      /* TRANSLATORS: a chart that has nothing to show */
      draw_text (self, cr, _("No data"), PAD, height / 2.0, width - 2 * PAD, FALSE, &p->fg, 0.5, 1.0);
      return;
    }

  switch (self->kind)
    {
    case GJ_CHART_BAR:
    case GJ_CHART_STACKED_BAR:
      draw_bars (self, cr, width, p, hits, focus);
      break;
    case GJ_CHART_SPARKLINE:
      draw_sparkline (self, cr, width, height, p, hits, focus);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
gj_chart_draw (GjChart *self,
               cairo_t *cr,
               int      width,
               int      height)
{
  Palette p;

  g_return_if_fail (GJ_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  palette_for_widget (self, &p);
  draw_chart (self, cr, width, height, &p, NULL, -1);
}

int
gj_chart_get_preferred_height (GjChart *self)
{
  g_return_val_if_fail (GJ_IS_CHART (self), 0);

  if (self->kind == GJ_CHART_SPARKLINE)
    return (int) SPARK_HEIGHT;
  return (int) (2 * PAD + (has_legend (self) ? LEGEND_HEIGHT : 0) + MAX (self->categories->len, 1) * ROW_HEIGHT);
}

/* Files ---------------------------------------------------------------------------- */

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  return g_output_stream_write_all (stream, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Cairo writes the SVG's text as glyph outlines; a <title> and a <desc>
 * carry the words, for screen readers, search and the tests. */
static GBytes *
label_svg (GjChart *self,
           GBytes  *svg)
{
  gsize size;
  const char *data = g_bytes_get_data (svg, &size);
  g_autofree char *text = g_strndup (data, size);
  g_autofree char *description = gj_chart_dup_description (self);
  g_autofree char *title = g_markup_escape_text (self->title ? self->title : "", -1);
  g_autofree char *desc = g_markup_escape_text (description, -1);
  char *open = strstr (text, "<svg");
  char *end = open ? strchr (open, '>') : NULL;
  GString *out;

  if (end == NULL)
    return g_bytes_ref (svg);
  out = g_string_new_len (text, end + 1 - text);
  g_string_append_printf (out, "\n<title>%s</title>\n<desc>%s</desc>", title, desc);
  g_string_append (out, end + 1);
  return g_string_free_to_bytes (out);
}

gboolean
gj_chart_save (GjChart     *self,
               const char  *path,
               int          width,
               GError     **error)
{
  g_autoptr(GOutputStream) memory = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) labelled = NULL;
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean svg;
  double title_h = 0;
  int height;
  Palette p;

  g_return_val_if_fail (GJ_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  svg = g_str_has_suffix (lower, ".svg");
  if (!svg && !g_str_has_suffix (lower, ".png"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* TRANSLATORS: %s is a file name */
                   _("“%s”: a chart is saved as .png or .svg"), path);
      return FALSE;
    }
  if (width <= 0)
    width = 800;
  if (self->title != NULL && *self->title != '\0')
    title_h = 32;
  height = gj_chart_get_preferred_height (self) + (int) title_h + 8;

  memory = g_memory_output_stream_new_resizable ();
  /* PNG at twice the size, sharp on a projector. */
  if (svg)
    surface = cairo_svg_surface_create_for_stream (write_to_stream, memory, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * 2, height * 2);
  cr = cairo_create (surface);
  if (!svg)
    cairo_scale (cr, 2, 2);

  /* Files go into documents and slides: light colours on white. */
  palette_fixed (&p, FALSE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (title_h > 0)
    draw_text (self, cr, self->title, PAD, title_h / 2, width - 2 * PAD, FALSE, &p.fg, 1.0, 1.2);
  cairo_translate (cr, 0, title_h);
  draw_chart (self, cr, width, height - (int) title_h, &p, NULL, -1);
  cairo_destroy (cr);

  if (svg)
    cairo_surface_finish (surface);
  else
    cairo_surface_write_to_png_stream (surface, write_to_stream, memory);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* TRANSLATORS: %s is a file name, then the reason */
                   _("Could not write the chart to “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  g_output_stream_close (memory, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  labelled = svg ? label_svg (self, bytes) : g_bytes_ref (bytes);
  return g_file_set_contents (path, g_bytes_get_data (labelled, NULL), g_bytes_get_size (labelled), error);
}

/* Interaction ---------------------------------------------------------------------------- */

int
gj_chart_pick (GjChart *self,
               double   x,
               double   y,
               int     *series)
{
  int found = -1, found_series = -1;

  g_return_val_if_fail (GJ_IS_CHART (self), -1);

  /* Segments come after their row: the last hit is the most precise. */
  for (guint i = 0; i < self->hits->len; i++)
    {
      Hit *hit = &g_array_index (self->hits, Hit, i);

      if (x >= hit->x && x < hit->x + hit->width && y >= hit->y && y < hit->y + hit->height)
        {
          found = hit->category;
          found_series = hit->series;
        }
    }
  if (series != NULL)
    *series = found_series;
  return found;
}

static char *
describe_category (GjChart *self,
                   guint    c)
{
  GString *text = g_string_new (g_ptr_array_index (self->categories, c));
  guint n_series = self->kind == GJ_CHART_STACKED_BAR ? self->series->len : MIN (self->series->len, 1);

  for (guint s = 0; s < n_series; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      g_autofree char *value = format_value (self, series_value (series, c));

      /* TRANSLATORS: the list separator, then a series' name and its value */
      if (self->series->len > 1 && self->kind == GJ_CHART_STACKED_BAR)
        g_string_append_printf (text, _(", %s %s"), series->name, value);
      else
        g_string_append_printf (text, _(": %s"), value);
    }
  return g_string_free (text, FALSE);
}

char *
gj_chart_dup_description (GjChart *self)
{
  GString *text;

  g_return_val_if_fail (GJ_IS_CHART (self), NULL);

  text = g_string_new (NULL);
  for (guint c = 0; c < self->categories->len; c++)
    {
      g_autofree char *line = describe_category (self, c);

      if (c > 0)
        /* TRANSLATORS: between two categories' descriptions */
        g_string_append (text, _("; "));
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

static void
update_accessible (GjChart *self)
{
  g_autofree char *description = gj_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GjChart         *self)
{
  int series;
  int category = gj_chart_pick (self, x, y, &series);

  if (category < 0)
    return;
  self->focus_category = category;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[ACTIVATED], 0, (guint) category, series);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GjChart               *self)
{
  int n = (int) self->categories->len;

  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_Left:
      if (self->focus_category <= 0)
        return FALSE;   /* out of the chart, to the card's other figures */
      self->focus_category--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_Right:
      if (self->focus_category >= n - 1)
        return FALSE;
      self->focus_category = MAX (self->focus_category + 1, 0);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      g_signal_emit (self, signals[ACTIVATED], 0, (guint) MAX (self->focus_category, 0), -1);
      return TRUE;
    default:
      return FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  {
    g_autofree char *line = describe_category (self, (guint) self->focus_category);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, line, -1);
  }
  return TRUE;
}

static gboolean
gj_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip)
{
  GjChart *self = GJ_CHART (widget);
  g_autofree char *text = NULL;
  int series = -1;
  int category;

  if (keyboard)
    category = self->focus_category;
  else
    category = gj_chart_pick (self, x, y, &series);
  if (category < 0 || category >= (int) self->categories->len)
    return FALSE;

  if (series >= 0 && self->kind == GJ_CHART_STACKED_BAR && self->series->len > 1)
    {
      Series *s = g_ptr_array_index (self->series, series);
      g_autofree char *value = format_value (self, series_value (s, category));
      g_autofree char *all = describe_category (self, category);

      /* TRANSLATORS: a category, the series under the pointer and its value, then all values */
      text = g_strdup_printf (_("%s · %s: %s\n%s"), (const char *) g_ptr_array_index (self->categories, category),
                              s->name, value, all);
    }
  else
    text = describe_category (self, category);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                GjChart                 *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dark_changed_cb (GjChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The widget ---------------------------------------------------------------------------- */

static void
gj_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  GjChart *self = GJ_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  Palette p;

  if (width <= 0 || height <= 0)
    return;
  palette_for_widget (self, &p);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height, &p, self->hits,
              gtk_widget_has_focus (widget) ? MAX (self->focus_category, 0) : -1);
  cairo_destroy (cr);
}

static void
gj_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  GjChart *self = GJ_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 320;
    }
  else
    *minimum = *natural = gj_chart_get_preferred_height (self);
}

static void
gj_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (gj_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
gj_chart_finalize (GObject *object)
{
  GjChart *self = GJ_CHART (object);

  g_free (self->title);
  g_free (self->value_format);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);
  g_array_unref (self->hits);

  G_OBJECT_CLASS (gj_chart_parent_class)->finalize (object);
}

static void
gj_chart_class_init (GjChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gj_chart_finalize;
  widget_class->snapshot = gj_chart_snapshot;
  widget_class->measure = gj_chart_measure;
  widget_class->query_tooltip = gj_chart_query_tooltip;
  widget_class->css_changed = gj_chart_css_changed;

  /**
   * GjChart::activated:
   * @category: the index of the bar (or point)
   * @series: the series under the pointer, or -1 (keyboard, or the row)
   *
   * A bar was clicked, or Enter was pressed on the focused bar.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "gj-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gj_chart_init (GjChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  self->value_format = g_strdup ("%'.0f");
  self->focus_category = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  g_signal_connect (focus, "enter", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
gj_chart_new (GjChartKind kind)
{
  GjChart *self = g_object_new (GJ_TYPE_CHART, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

GjChartKind
gj_chart_get_kind (GjChart *self)
{
  g_return_val_if_fail (GJ_IS_CHART (self), GJ_CHART_BAR);
  return self->kind;
}

void
gj_chart_set_kind (GjChart     *self,
                   GjChartKind  kind)
{
  g_return_if_fail (GJ_IS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
gj_chart_set_title (GjChart    *self,
                    const char *title)
{
  g_return_if_fail (GJ_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
}

const char *
gj_chart_get_title (GjChart *self)
{
  g_return_val_if_fail (GJ_IS_CHART (self), NULL);
  return self->title;
}

void
gj_chart_set_categories (GjChart            *self,
                         const char * const *labels)
{
  g_return_if_fail (GJ_IS_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  g_ptr_array_set_size (self->series, 0);
  g_array_set_size (self->hits, 0);
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    g_ptr_array_add (self->categories, g_strdup (labels[i]));
  self->focus_category = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
gj_chart_get_n_categories (GjChart *self)
{
  g_return_val_if_fail (GJ_IS_CHART (self), 0);
  return self->categories->len;
}

void
gj_chart_add_series (GjChart       *self,
                     const char    *name,
                     const double  *values,
                     guint          n_values,
                     GjChartColour  colour)
{
  Series *s;

  g_return_if_fail (GJ_IS_CHART (self));
  g_return_if_fail (values != NULL || n_values == 0);
  g_return_if_fail (colour < GJ_CHART_N_COLOURS);

  s = g_new0 (Series, 1);
  s->name = g_strdup (name ? name : "");
  s->values = g_array_sized_new (FALSE, TRUE, sizeof (double), n_values);
  if (n_values > 0)
    g_array_append_vals (s->values, values, n_values);
  s->colour = colour;
  g_ptr_array_add (self->series, s);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
gj_chart_set_value_format (GjChart    *self,
                           const char *format)
{
  g_return_if_fail (GJ_IS_CHART (self));
  g_return_if_fail (format != NULL);

  g_free (self->value_format);
  self->value_format = g_strdup (format);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
