/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The echo wall's poster, its WeChat text and the list per street. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "gj-echo-docs.h"
#include "gj-io.h"
#include "gj-records.h"
#include "gj-store-echo.h"
#include "gj-store-problems.h"

#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89
#define FONT_FAMILY "Sans"

struct _GjEchoPoster
{
  char *street;
  char *title;
  char *description;
  char *measures;
  char *unit;
  char *result;
  char *date;      /* as people read it */
  char *channel;
};

typedef struct
{
  double y;        /* top of the entry on its page */
  double height;
  guint  page;
} Placement;

struct _GjEchoList
{
  char      *heading;
  char      *period;
  GPtrArray *rows;        /* GjEchoRow */
  GArray    *placements;  /* Placement, one per row */
  guint      n_pages;
};

/* Colours of the notice board: party red, ink, a muted grey. */
static const double red[3] = { 0.72, 0.09, 0.09 };
static const double ink[3] = { 0.13, 0.13, 0.15 };
static const double grey[3] = { 0.40, 0.40, 0.42 };

char *
gj_echo_format_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (iso != NULL ? iso : "");
  /* TRANSLATORS: a date: year, month, day (2025年7月15日); keep the order of the numbers */
  return g_strdup_printf (C_("echo date", "%d-%02d-%02d"), y, m, d);
}

static char *
dup_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* ---- Text ---------------------------------------------------------------- */

/* Lays out @text at @size points, wrapped to @width; draws it at (@x, @y)
 * when @color is set. Returns its height. */
static double
text_block (cairo_t       *cr,
            const char    *text,
            double         size,
            gboolean       bold,
            double         x,
            double         y,
            double         width,
            PangoAlignment align,
            const double  *color)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);
  PangoRectangle logical;

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_spacing (layout, (int) (size * 0.25 * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  if (color != NULL)
    {
      cairo_set_source_rgb (cr, color[0], color[1], color[2]);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return (double) logical.height / PANGO_SCALE;
}

/* ---- The poster ------------------------------------------------------------ */

void
gj_echo_poster_free (GjEchoPoster *poster)
{
  if (poster == NULL)
    return;
  g_free (poster->street);
  g_free (poster->title);
  g_free (poster->description);
  g_free (poster->measures);
  g_free (poster->unit);
  g_free (poster->result);
  g_free (poster->date);
  g_free (poster->channel);
  g_free (poster);
}

GjEchoPoster *
gj_echo_poster_load (GjStore   *store,
                     GjRecord  *problem,
                     GError   **error)
{
  g_autoptr(GjEchoPoster) poster = g_new0 (GjEchoPoster, 1);
  g_autoptr(GjRecord) entry = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), NULL);

  entry = gj_store_problem_dup_echo (store, problem, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (entry == NULL && gj_problem_get_status (problem) != GJ_PROBLEM_RESOLVED)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID,
                   _("“%s” has no result on the echo wall yet: resolve and publish it first."),
                   gj_record_get_label (problem));
      return NULL;
    }

  poster->street = gj_store_problem_dup_street_name (store, problem, NULL);
  poster->title = g_strdup (gj_record_get_label (problem));
  poster->description = dup_or_null (gj_record_get_text (problem, "description"));
  poster->measures = dup_or_null (gj_record_get_text (problem, "measures"));
  poster->unit = dup_or_null (gj_record_get_text (problem, "lead_unit_name"));
  if (entry != NULL)
    {
      poster->result = dup_or_null (gj_record_get_text (entry, "result"));
      poster->date = gj_echo_format_date (gj_record_get_text (entry, "published_on"));
      poster->channel = dup_or_null (gj_record_get_text (entry, "channel"));
    }
  else
    poster->date = gj_echo_format_date (gj_record_get_text (problem, "resolved_on"));
  return g_steal_pointer (&poster);
}

/* Lays the poster out at @scale; draws it when @draw. Returns the height
 * of the part below the header band. */
static double
poster_body (GjEchoPoster *poster,
             cairo_t      *cr,
             double        x,
             double        y0,
             double        width,
             double        scale,
             gboolean      draw)
{
  struct { const char *label; const char *text; double size; gboolean bold; } sections[] = {
    { _("The problem residents raised"), poster->description, 17, FALSE },
    { _("What was done"), poster->measures, 17, FALSE },
    { _("The result"), poster->result, 21, TRUE },
  };
  double y = y0;

  y += text_block (cr, poster->title, 30 * scale, TRUE, x, y, width, PANGO_ALIGN_LEFT, draw ? ink : NULL);
  y += 22 * scale;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (sections[i].text == NULL)
        continue;
      if (draw)
        {
          cairo_set_source_rgb (cr, red[0], red[1], red[2]);
          cairo_rectangle (cr, x, y + 3 * scale, 6 * scale, 16 * scale);
          cairo_fill (cr);
        }
      y += text_block (cr, sections[i].label, 16 * scale, TRUE, x + 14 * scale, y, width - 14 * scale,
                       PANGO_ALIGN_LEFT, draw ? red : NULL);
      y += 6 * scale;
      y += text_block (cr, sections[i].text, sections[i].size * scale, sections[i].bold, x, y, width,
                       PANGO_ALIGN_LEFT, draw ? ink : NULL);
      y += 20 * scale;
    }
  return y - y0;
}

void
gj_echo_poster_draw (GjEchoPoster *poster,
                     cairo_t      *cr,
                     double        width,
                     double        height)
{
  double margin = width * 0.08;
  double inner = width - 2 * margin;
  double band = height * 0.15;
  double footer_h, body_top, available, scale = 1.0;
  g_autoptr(GString) footer = g_string_new (NULL);

  g_return_if_fail (poster != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* The header band: 回音壁 and the street, white on red. */
  cairo_set_source_rgb (cr, red[0], red[1], red[2]);
  cairo_rectangle (cr, 0, 0, width, band);
  cairo_fill (cr);
  {
    static const double white[3] = { 1, 1, 1 };
    double h = text_block (cr, _("Echo Wall"), band * 0.36, TRUE, margin, 0, inner, PANGO_ALIGN_LEFT, NULL);
    double top = (band - h - (poster->street ? band * 0.2 : 0)) / 2;

    text_block (cr, _("Echo Wall"), band * 0.36, TRUE, margin, top, inner, PANGO_ALIGN_LEFT, white);
    if (poster->street != NULL)
      text_block (cr, poster->street, band * 0.14, FALSE, margin, top + h, inner, PANGO_ALIGN_LEFT, white);
  }

  /* The footer: who answered, when and where it was published. */
  if (poster->unit != NULL)
    g_string_append_printf (footer, _("Responsible unit: %s"), poster->unit);
  if (poster->date != NULL && *poster->date != '\0')
    {
      if (footer->len > 0)
        g_string_append (footer, "\n");
      g_string_append_printf (footer, _("Published: %s"), poster->date);
      if (poster->channel != NULL)
        g_string_append_printf (footer, _(" (%s)"), poster->channel);
    }
  footer_h = footer->len > 0 ? text_block (cr, footer->str, 14, FALSE, margin, 0, inner, PANGO_ALIGN_LEFT, NULL) : 0;

  /* The body shrinks until it fits above the footer. */
  body_top = band + margin * 0.8;
  available = height - body_top - footer_h - margin * 1.5;
  while (scale > 0.45 && poster_body (poster, cr, margin, body_top, inner, scale, FALSE) > available)
    scale *= 0.92;
  cairo_save (cr);
  cairo_rectangle (cr, 0, band, width, available + margin * 0.8);
  cairo_clip (cr);
  poster_body (poster, cr, margin, body_top, inner, scale, TRUE);
  cairo_restore (cr);

  if (footer->len > 0)
    {
      double fy = height - margin - footer_h;

      cairo_set_source_rgb (cr, red[0], red[1], red[2]);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, margin, fy - 12);
      cairo_line_to (cr, width - margin, fy - 12);
      cairo_stroke (cr);
      text_block (cr, footer->str, 14, FALSE, margin, fy, inner, PANGO_ALIGN_LEFT, grey);
    }
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws @n_pages with @draw into a PDF, then writes the file in one go. */
static gboolean
write_pdf (const char  *path,
           guint        n_pages,
           void       (*draw) (gpointer data, cairo_t *cr, guint page),
           gpointer     data,
           GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gongjian " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      draw (data, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("Cannot draw the document: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents (path, (const char *) bytes->data, bytes->len, error);
}

static void
draw_poster_page (gpointer  data,
                  cairo_t  *cr,
                  guint     page)
{
  gj_echo_poster_draw (data, cr, A4_WIDTH, A4_HEIGHT);
}

gboolean
gj_echo_poster_write_pdf (GjEchoPoster  *poster,
                          const char    *path,
                          GError       **error)
{
  g_return_val_if_fail (poster != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_pdf (path, 1, draw_poster_page, poster, error);
}

char *
gj_echo_poster_dup_text (GjEchoPoster *poster)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (poster != NULL, NULL);

  /* TRANSLATORS: the first line of the WeChat text: 【回音壁】 and the street */
  g_string_append_printf (text, _("【Echo Wall】%s"), poster->street != NULL ? poster->street : "");
  g_string_append (text, "\n\n");
  g_string_append_printf (text, _("Problem: %s"), poster->title);
  g_string_append (text, "\n");
  if (poster->description != NULL)
    g_string_append_printf (text, "%s\n", poster->description);
  if (poster->measures != NULL)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, _("What was done: %s"), poster->measures);
      g_string_append (text, "\n");
    }
  if (poster->result != NULL)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, _("The result: %s"), poster->result);
      g_string_append (text, "\n");
    }
  g_string_append (text, "\n");
  if (poster->unit != NULL)
    {
      g_string_append_printf (text, _("Responsible unit: %s"), poster->unit);
      g_string_append (text, "\n");
    }
  if (poster->date != NULL && *poster->date != '\0')
    {
      g_string_append_printf (text, _("Published: %s"), poster->date);
      if (poster->channel != NULL)
        g_string_append_printf (text, _(" (%s)"), poster->channel);
      g_string_append (text, "\n");
    }
  return g_string_free (text, FALSE);
}

/* ---- The list ---------------------------------------------------------------- */

void
gj_echo_list_free (GjEchoList *list)
{
  if (list == NULL)
    return;
  g_free (list->heading);
  g_free (list->period);
  g_clear_pointer (&list->rows, g_ptr_array_unref);
  g_clear_pointer (&list->placements, g_array_unref);
  g_free (list);
}

GjEchoList *
gj_echo_list_load (GjStore     *store,
                   gint64       street_id,
                   const char  *from,
                   const char  *to,
                   GError     **error)
{
  g_autoptr(GjEchoList) list = g_new0 (GjEchoList, 1);
  g_autofree char *from_text = gj_echo_format_date (from);
  g_autofree char *to_text = gj_echo_format_date (to);

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);

  list->rows = gj_store_list_echo (store, street_id, from, to, error);
  if (list->rows == NULL)
    return NULL;
  list->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  if (street_id > 0)
    {
      g_autoptr(GjRecord) street = gj_store_get (store, GJ_TYPE_STREET, street_id, error);

      if (street == NULL)
        return NULL;
      /* TRANSLATORS: the heading of the printed echo wall of one street */
      list->heading = g_strdup_printf (_("Echo Wall of %s"), gj_record_get_label (street));
    }
  else
    list->heading = g_strdup (_("Echo Wall"));
  if (from != NULL && to != NULL)
    list->period = g_strdup_printf (_("Published from %s to %s"), from_text, to_text);
  else if (from != NULL)
    list->period = g_strdup_printf (_("Published since %s"), from_text);
  else if (to != NULL)
    list->period = g_strdup_printf (_("Published until %s"), to_text);
  list->n_pages = 1;
  return g_steal_pointer (&list);
}

guint
gj_echo_list_get_n_entries (GjEchoList *list)
{
  g_return_val_if_fail (list != NULL, 0);
  return list->rows->len;
}

/* One entry: street, date and channel; title; result; draws when @draw. */
static double
list_entry (GjEchoList *list,
            cairo_t    *cr,
            GjEchoRow  *row,
            double      x,
            double      y,
            double      width,
            gboolean    draw)
{
  g_autofree char *date = gj_echo_format_date (gj_record_get_text (row->entry, "published_on"));
  const char *channel = gj_record_get_text (row->entry, "channel");
  const char *unit = gj_record_get_text (row->problem, "lead_unit_name");
  g_autoptr(GString) meta = g_string_new (date);
  double y0 = y;

  if (channel != NULL)
    g_string_append_printf (meta, " · %s", channel);
  if (row->street_name != NULL)
    g_string_append_printf (meta, " · %s", row->street_name);
  if (unit != NULL)
    g_string_append_printf (meta, " · %s", unit);
  y += text_block (cr, meta->str, 9.5, FALSE, x, y, width, PANGO_ALIGN_LEFT, draw ? grey : NULL);
  y += 2;
  y += text_block (cr, gj_record_get_label (row->problem), 13, TRUE, x, y, width, PANGO_ALIGN_LEFT, draw ? ink : NULL);
  y += 3;
  y += text_block (cr, gj_record_get_text (row->entry, "result"), 11, FALSE, x, y, width, PANGO_ALIGN_LEFT,
                   draw ? ink : NULL);
  return y - y0 + 14;
}

#define LIST_MARGIN 48.0
#define LIST_HEAD 70.0

guint
gj_echo_list_paginate (GjEchoList *list,
                       cairo_t    *cr,
                       double      width,
                       double      height)
{
  double y = LIST_MARGIN + LIST_HEAD;
  double bottom = height - LIST_MARGIN - 16;
  guint page = 0;

  g_return_val_if_fail (list != NULL, 1);

  g_array_set_size (list->placements, list->rows->len);
  for (guint i = 0; i < list->rows->len; i++)
    {
      Placement *p = &g_array_index (list->placements, Placement, i);

      p->height = list_entry (list, cr, g_ptr_array_index (list->rows, i), LIST_MARGIN, 0,
                              width - 2 * LIST_MARGIN, FALSE);
      if (y + p->height > bottom && y > LIST_MARGIN + LIST_HEAD)
        {
          page++;
          y = LIST_MARGIN + LIST_HEAD;
        }
      p->page = page;
      p->y = y;
      y += p->height;
    }
  list->n_pages = page + 1;
  return list->n_pages;
}

void
gj_echo_list_draw_page (GjEchoList *list,
                        cairo_t    *cr,
                        double      width,
                        double      height,
                        guint       page)
{
  double inner = width - 2 * LIST_MARGIN;
  g_autofree char *footer = NULL;
  double h;

  g_return_if_fail (list != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  h = text_block (cr, list->heading, 22, TRUE, LIST_MARGIN, LIST_MARGIN, inner, PANGO_ALIGN_LEFT, red);
  if (list->period != NULL)
    text_block (cr, list->period, 10, FALSE, LIST_MARGIN, LIST_MARGIN + h + 2, inner, PANGO_ALIGN_LEFT, grey);
  cairo_set_source_rgb (cr, red[0], red[1], red[2]);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, LIST_MARGIN, LIST_MARGIN + LIST_HEAD - 10);
  cairo_line_to (cr, width - LIST_MARGIN, LIST_MARGIN + LIST_HEAD - 10);
  cairo_stroke (cr);

  if (list->rows->len == 0)
    text_block (cr, _("Nothing was published on the echo wall in this period."), 12, FALSE, LIST_MARGIN,
                LIST_MARGIN + LIST_HEAD, inner, PANGO_ALIGN_LEFT, grey);
  for (guint i = 0; i < list->rows->len && i < list->placements->len; i++)
    {
      Placement *p = &g_array_index (list->placements, Placement, i);

      if (p->page == page)
        list_entry (list, cr, g_ptr_array_index (list->rows, i), LIST_MARGIN, p->y, inner, TRUE);
    }

  /* TRANSLATORS: page number at the foot of a printed page */
  footer = g_strdup_printf (_("Page %u of %u"), page + 1, list->n_pages);
  text_block (cr, footer, 9, FALSE, LIST_MARGIN, height - LIST_MARGIN, inner, PANGO_ALIGN_RIGHT, grey);
  cairo_restore (cr);
}

static void
draw_list_page (gpointer  data,
                cairo_t  *cr,
                guint     page)
{
  gj_echo_list_draw_page (data, cr, A4_WIDTH, A4_HEIGHT, page);
}

gboolean
gj_echo_list_write_pdf (GjEchoList  *list,
                        const char  *path,
                        GError     **error)
{
  cairo_surface_t *scratch;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Measured on a PDF surface, as it will be drawn. */
  scratch = cairo_pdf_surface_create_for_stream (NULL, NULL, A4_WIDTH, A4_HEIGHT);
  cr = cairo_create (scratch);
  n_pages = gj_echo_list_paginate (list, cr, A4_WIDTH, A4_HEIGHT);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return write_pdf (path, n_pages, draw_list_page, list, error);
}
