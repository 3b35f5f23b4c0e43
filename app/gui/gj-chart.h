/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GJ_TYPE_CHART (gj_chart_get_type ())

G_DECLARE_FINAL_TYPE (GjChart, gj_chart, GJ, CHART, GtkWidget)

typedef enum
{
  GJ_CHART_BAR,          /* one bar per category (the first series) */
  GJ_CHART_STACKED_BAR,  /* one bar per category, the series stacked in it */
  GJ_CHART_SPARKLINE,    /* the first series as a line over the categories */
} GjChartKind;

/* Colours by role: they follow the light or dark style. */
typedef enum
{
  GJ_CHART_COLOUR_ACCENT,
  GJ_CHART_COLOUR_GREEN,
  GJ_CHART_COLOUR_YELLOW,
  GJ_CHART_COLOUR_ORANGE,
  GJ_CHART_COLOUR_RED,
  GJ_CHART_COLOUR_PURPLE,
  GJ_CHART_COLOUR_GREY,
  GJ_CHART_N_COLOURS
} GjChartColour;

/*
 * GjChart: a small chart drawn with cairo — horizontal bars, stacked bars
 * or a sparkline — of one or more named series over labelled categories.
 * The screen and the saved files (PNG, SVG) go through one drawing
 * function, gj_chart_draw(). A click or Enter on a bar emits "activated"
 * with the category (and the series under the pointer, or -1); the
 * tooltip says the value under the pointer; arrow keys move between bars.
 */
GtkWidget   *gj_chart_new            (GjChartKind    kind);
GjChartKind  gj_chart_get_kind       (GjChart       *self);
void         gj_chart_set_kind       (GjChart       *self,
                                      GjChartKind    kind);
/* What the chart shows, for screen readers and as the file's heading. */
void         gj_chart_set_title      (GjChart       *self,
                                      const char    *title);
const char  *gj_chart_get_title      (GjChart       *self);
/* Drops every series and sets the category labels (NULL-terminated). */
void         gj_chart_set_categories (GjChart       *self,
                                      const char * const *labels);
guint        gj_chart_get_n_categories (GjChart     *self);
/* A series with one value per category (missing values count 0). */
void         gj_chart_add_series     (GjChart       *self,
                                      const char    *name,
                                      const double  *values,
                                      guint          n_values,
                                      GjChartColour  colour);
/* The value written after a bar: "%'.0f" by default; e.g. "%.1f%%". */
void         gj_chart_set_value_format (GjChart     *self,
                                        const char  *format);
/* Draws the whole chart in @width × @height at the origin of @cr, in the
 * widget's current colours. */
void         gj_chart_draw           (GjChart       *self,
                                      cairo_t       *cr,
                                      int            width,
                                      int            height);
/* The height the chart asks for at @width (files use it too). */
int          gj_chart_get_preferred_height (GjChart *self);
/* PNG or SVG, chosen by the name's ending (.png, .svg), light colours on
 * white, @width wide (0: 800). */
gboolean     gj_chart_save           (GjChart       *self,
                                      const char    *path,
                                      int            width,
                                      GError       **error);
/* The category at (@x, @y) in widget coordinates, or -1; @series gets the
 * series under it (-1 when none). */
int          gj_chart_pick           (GjChart       *self,
                                      double         x,
                                      double         y,
                                      int           *series);
/* One sentence per category with its values (for the accessible
 * description and the tests). */
char        *gj_chart_dup_description (GjChart      *self);

G_END_DECLS
