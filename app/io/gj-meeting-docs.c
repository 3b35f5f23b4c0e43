/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "gj-meeting-docs.h"
#include "gj-print.h"
#include "gj-store-meetings.h"

/* A4 in points, 2 cm margins. */
#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN 56.7
#define FONT "Noto Sans CJK SC, WenQuanYi Micro Hei, Sans"

/* The document as blocks, laid out on pages (PDF, printing) or written
 * as Markdown. */
typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_FIELD,     /* "label: value" */
  BLOCK_TABLE,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  char      *text;    /* title, heading, paragraph, field label */
  char      *value;   /* field value */
  GPtrArray *rows;    /* table: GStrv per row, the first is the header */
} Block;

static void
block_free (Block *b)
{
  g_free (b->text);
  g_free (b->value);
  if (b->rows)
    g_ptr_array_unref (b->rows);
  g_free (b);
}

static void
add_block (GPtrArray  *doc,
           BlockKind   kind,
           const char *text,
           const char *value)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  b->text = g_strdup (text);
  b->value = g_strdup (value);
  g_ptr_array_add (doc, b);
}

static GPtrArray *
add_table (GPtrArray          *doc,
           const char * const *header)
{
  Block *b = g_new0 (Block, 1);

  b->kind = BLOCK_TABLE;
  b->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (b->rows, g_strdupv ((char **) header));
  g_ptr_array_add (doc, b);
  return b->rows;
}

static char *
format_when (GjMeeting *meeting)
{
  const char *starts = gj_record_get_text (GJ_RECORD (meeting), "starts_at");
  const char *ends = gj_record_get_text (GJ_RECORD (meeting), "ends_at");
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) a = NULL;
  g_autoptr(GDateTime) b = NULL;
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (starts == NULL)
    return g_strdup (_("not set"));
  if (strlen (starts) == 10)
    return g_strdup (starts);
  a = g_date_time_new_from_iso8601 (starts, zone);
  if (a == NULL)
    return g_strdup (starts);
  b = ends ? g_date_time_new_from_iso8601 (ends, zone) : NULL;
  {
    g_autoptr(GDateTime) la = g_date_time_to_timezone (a, zone);

    /* TRANSLATORS: a meeting's day, strftime format: 2025年3月3日 */
    day = g_date_time_format (la, _("%Y-%m-%d"));
    from = g_date_time_format (la, "%H:%M");
  }
  if (b != NULL)
    {
      g_autoptr(GDateTime) lb = g_date_time_to_timezone (b, zone);

      to = g_date_time_format (lb, "%H:%M");
      return g_strdup_printf ("%s %s–%s", day, from, to);
    }
  return g_strdup_printf ("%s %s", day, from);
}

static const char *
or_dash (const char *s)
{
  return s && *s ? s : "—";
}

static GPtrArray *
build_document (GjStore           *store,
                GjMeeting         *meeting,
                GjMeetingDocKind   kind,
                GError           **error)
{
  g_autoptr(GPtrArray) doc = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  g_autoptr(GListModel) agenda = NULL;
  g_autoptr(GListModel) attendance = NULL;
  GjRecord *m = GJ_RECORD (meeting);
  GjMeetingStatus status = gj_meeting_get_status (meeting);
  g_autofree char *when = format_when (meeting);
  g_autofree char *title = NULL;
  gboolean draft = FALSE;
  guint total = 0;
  g_autofree char *warning = NULL;

  if (kind == GJ_MEETING_DOC_AUTO)
    kind = status == GJ_MEETING_STATUS_HELD || status == GJ_MEETING_STATUS_MINUTED || status == GJ_MEETING_STATUS_CLOSED
           ? GJ_MEETING_DOC_MINUTES : GJ_MEETING_DOC_NOTICE;

  agenda = gj_store_list_agenda (store, meeting, error);
  if (agenda == NULL)
    return NULL;
  if (g_list_model_get_n_items (agenda) == 0 && kind == GJ_MEETING_DOC_NOTICE)
    {
      g_clear_object (&agenda);
      agenda = gj_store_draft_agenda (store, meeting, NULL, error);
      if (agenda == NULL)
        return NULL;
      draft = TRUE;
    }
  attendance = gj_store_list_attendance (store, meeting, error);
  if (attendance == NULL)
    return NULL;

  title = g_strdup_printf (kind == GJ_MEETING_DOC_NOTICE ? _("Meeting notice: %s") : _("Meeting minutes: %s"),
                           gj_record_get_text (m, "title"));
  add_block (doc, BLOCK_TITLE, title, NULL);
  add_block (doc, BLOCK_FIELD, _("Street"), or_dash (gj_record_get_text (m, "street_name")));
  add_block (doc, BLOCK_FIELD, _("Time"), when);
  add_block (doc, BLOCK_FIELD, _("Place"), or_dash (gj_record_get_text (m, "location")));
  add_block (doc, BLOCK_FIELD, _("Convener"), or_dash (gj_record_get_text (m, "organizer")));
  if (gj_record_get_text (m, "contact"))
    {
      g_autofree char *contact = g_strdup_printf ("%s %s", gj_record_get_text (m, "contact"),
                                                  gj_record_get_text (m, "contact_phone") ? gj_record_get_text (m, "contact_phone") : "");
      add_block (doc, BLOCK_FIELD, _("Contact"), g_strstrip (contact));
    }
  add_block (doc, BLOCK_FIELD, _("Status"), gj_meeting_status_get_title (status == GJ_MEETING_STATUS_INVALID ? GJ_MEETING_STATUS_DRAFT : status));

  add_block (doc, BLOCK_HEADING, draft ? _("Agenda (draft)") : _("Agenda"), NULL);
  if (g_list_model_get_n_items (agenda) == 0)
    add_block (doc, BLOCK_PARAGRAPH, _("No agenda items yet."), NULL);
  else
    {
      const char *header[] = { _("No."), _("Matter"), _("Presenting unit"), C_("duration", "Minutes"), NULL };
      GPtrArray *rows = add_table (doc, header);

      for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
        {
          g_autoptr(GjRecord) item = g_list_model_get_item (agenda, i);
          g_autofree char *no = g_strdup_printf ("%u", i + 1);
          g_autofree char *minutes = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      gj_record_get_int (item, "minutes_planned") > 0
                                                      ? gj_record_get_int (item, "minutes_planned")
                                                      : (gint64) GJ_AGENDA_DEFAULT_MINUTES);
          char *row[] = { no, (char *) gj_record_get_text (item, "title"),
                          (char *) or_dash (gj_record_get_text (item, "presenter_unit_name")), minutes, NULL };

          g_ptr_array_add (rows, g_strdupv (row));
        }
      if (!gj_agenda_check_length (agenda, meeting, &total, &warning))
        add_block (doc, BLOCK_PARAGRAPH, warning, NULL);
      else
        {
          g_autofree char *sum = g_strdup_printf (_("In all %u minutes."), total);

          add_block (doc, BLOCK_PARAGRAPH, sum, NULL);
        }
    }

  if (kind == GJ_MEETING_DOC_NOTICE)
    {
      add_block (doc, BLOCK_HEADING, _("Invited units"), NULL);
      if (g_list_model_get_n_items (attendance) == 0)
        add_block (doc, BLOCK_PARAGRAPH, _("No units invited yet."), NULL);
      for (guint i = 0; i < g_list_model_get_n_items (attendance); i++)
        {
          g_autoptr(GjRecord) a = g_list_model_get_item (attendance, i);
          g_autofree char *line = g_strdup_printf ("%u. %s", i + 1, or_dash (gj_record_get_text (a, "unit_name")));

          add_block (doc, BLOCK_PARAGRAPH, line, NULL);
        }
      add_block (doc, BLOCK_PARAGRAPH,
                 _("Member units are asked to send their representative on time; a unit that cannot attend asks for leave in advance."),
                 NULL);
      return g_steal_pointer (&doc);
    }

  add_block (doc, BLOCK_HEADING, _("Attendance"), NULL);
  {
    const char *header[] = { _("Unit"), _("Attendance"), _("Substitute"), NULL };
    GPtrArray *rows = add_table (doc, header);

    for (guint i = 0; i < g_list_model_get_n_items (attendance); i++)
      {
        g_autoptr(GjRecord) a = g_list_model_get_item (attendance, i);
        GjAttendanceStatus s = gj_attendance_get_status (GJ_ATTENDANCE (a));
        char *row[] = { (char *) or_dash (gj_record_get_text (a, "unit_name")),
                        (char *) gj_attendance_status_get_title (s == GJ_ATTENDANCE_INVALID ? GJ_ATTENDANCE_INVITED : s),
                        (char *) or_dash (gj_record_get_text (a, "substitute")), NULL };

        g_ptr_array_add (rows, g_strdupv (row));
      }
  }

  add_block (doc, BLOCK_HEADING, _("Discussion and decisions"), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr(GjRecord) item = g_list_model_get_item (agenda, i);
      g_autofree char *head = g_strdup_printf ("%u. %s", i + 1, gj_record_get_text (item, "title"));

      add_block (doc, BLOCK_PARAGRAPH, head, NULL);
      add_block (doc, BLOCK_FIELD, _("Discussion"), or_dash (gj_record_get_text (item, "discussion")));
      add_block (doc, BLOCK_FIELD, _("Decision"), or_dash (gj_record_get_text (item, "decision")));
      add_block (doc, BLOCK_FIELD, _("Published"), gj_record_get_bool (item, "publish") ? _("Yes") : _("No"));
      if (gj_agenda_item_has_followup (GJ_AGENDA_ITEM (item)))
        {
          g_autofree char *follow = g_strdup_printf ("%s; %s; %s", or_dash (gj_record_get_text (item, "responsible_unit_name")),
                                                     or_dash (gj_record_get_text (item, "measures")),
                                                     or_dash (gj_record_get_text (item, "deadline")));

          add_block (doc, BLOCK_FIELD, _("Follow-up (unit; measures; deadline)"), follow);
        }
    }
  if (gj_record_get_text (m, "minutes"))
    {
      add_block (doc, BLOCK_HEADING, _("Minutes"), NULL);
      add_block (doc, BLOCK_PARAGRAPH, gj_record_get_text (m, "minutes"), NULL);
    }
  return g_steal_pointer (&doc);
}

/* Markdown ----------------------------------------------------------------- */

static void
md_escape (GString    *out,
           const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (strchr ("|\\*_`[]#<>", *p))
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "<br>");
      else
        g_string_append_c (out, *p);
    }
}

static char *
to_markdown (GPtrArray *doc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < doc->len; i++)
    {
      Block *b = doc->pdata[i];

      switch (b->kind)
        {
        case BLOCK_TITLE:
          g_string_append (out, "# ");
          md_escape (out, b->text);
          g_string_append (out, "\n\n");
          break;
        case BLOCK_HEADING:
          g_string_append (out, "\n## ");
          md_escape (out, b->text);
          g_string_append (out, "\n\n");
          break;
        case BLOCK_PARAGRAPH:
          md_escape (out, b->text);
          g_string_append (out, "\n\n");
          break;
        case BLOCK_FIELD:
          g_string_append (out, "- **");
          md_escape (out, b->text);
          g_string_append (out, "**: ");
          md_escape (out, b->value);
          g_string_append (out, "\n");
          if (i + 1 >= doc->len || ((Block *) doc->pdata[i + 1])->kind != BLOCK_FIELD)
            g_string_append (out, "\n");
          break;
        case BLOCK_TABLE:
          for (guint r = 0; r < b->rows->len; r++)
            {
              char **cells = b->rows->pdata[r];

              g_string_append (out, "|");
              for (guint c = 0; cells[c]; c++)
                {
                  g_string_append_c (out, ' ');
                  md_escape (out, cells[c]);
                  g_string_append (out, " |");
                }
              g_string_append_c (out, '\n');
              if (r == 0)
                {
                  g_string_append (out, "|");
                  for (guint c = 0; cells[c]; c++)
                    g_string_append (out, " --- |");
                  g_string_append_c (out, '\n');
                }
            }
          g_string_append_c (out, '\n');
          break;
        default:
          break;
        }
    }
  return g_string_free (out, FALSE);
}

char *
gj_meeting_doc_to_markdown (GjStore           *store,
                            GjMeeting         *meeting,
                            GjMeetingDocKind   kind,
                            GError           **error)
{
  g_autoptr(GPtrArray) doc = NULL;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), NULL);

  doc = build_document (store, meeting, kind, error);
  return doc ? to_markdown (doc) : NULL;
}

/* Layout ------------------------------------------------------------------- */

/* Pieces placed on the pages, in drawing order. */
typedef enum
{
  PIECE_TEXT,
  PIECE_FILL,    /* a table's header shading */
  PIECE_FRAME,   /* a table cell's border */
} PieceKind;

typedef struct
{
  PieceKind    kind;
  guint        page;
  double       x, y, width, height;
  PangoLayout *text;
} Piece;

struct _GjMeetingDocLayout
{
  char         *title;
  PangoContext *context;
  double        page_width;
  double        page_height;
  double        margin;
  GPtrArray    *pieces;      /* Piece, page by page */
  GArray       *page_starts; /* guint: index of each page's first piece */

  /* While laying out */
  double        y;
};

/* The papers have always been set at Pango's default 96 dpi on a PDF
 * surface, which makes a "10.5" font 14 points on paper. The sizes are
 * given as absolute sizes in points, so that any context (the print
 * dialog's is at 72 dpi) measures and draws the same pages. */
#define SIZE(pt) ((pt) * 96.0 / 72.0)
#define TITLE_SIZE SIZE (16)
#define HEADING_SIZE SIZE (12)
#define TEXT_SIZE SIZE (10.5)
#define TABLE_SIZE SIZE (9.5)

static void
piece_free (Piece *piece)
{
  g_clear_object (&piece->text);
  g_free (piece);
}

static Piece *
add_piece (GjMeetingDocLayout *self,
           PieceKind           kind,
           double              x,
           double              y,
           double              width,
           double              height)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->kind = kind;
  piece->page = self->page_starts->len - 1;
  piece->x = x;
  piece->y = y;
  piece->width = width;
  piece->height = height;
  g_ptr_array_add (self->pieces, piece);
  return piece;
}

/* A paragraph of @text in @width points; its height in @height. */
static PangoLayout *
new_text (GjMeetingDocLayout *self,
          const char         *text,
          double              size,
          gboolean            bold,
          PangoAlignment      align,
          double              width,
          double             *height)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *desc = pango_font_description_from_string (FONT);
  PangoRectangle logical;

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text ? text : "", -1);
  pango_layout_get_extents (layout, NULL, &logical);
  *height = (double) logical.height / PANGO_SCALE;
  return layout;
}

static void
place_text (GjMeetingDocLayout *self,
            PangoLayout        *text,
            double              x,
            double              y)
{
  Piece *piece = add_piece (self, PIECE_TEXT, x, y, 0, 0);

  piece->text = text;
}

/* Starts a new page unless @height still fits on this one (or the page
 * is empty: what is taller than a page overflows it). */
static void
ensure_room (GjMeetingDocLayout *self,
             double              height)
{
  guint first = self->pieces->len;

  if (self->y + height <= self->page_height - self->margin || self->y <= self->margin + 1)
    return;
  g_array_append_val (self->page_starts, first);
  self->y = self->margin;
}

static void
lay_out_text (GjMeetingDocLayout *self,
              const char         *text,
              double              size,
              gboolean            bold,
              PangoAlignment      align,
              double              gap_after)
{
  double width = self->page_width - 2 * self->margin;
  double height;
  PangoLayout *layout = new_text (self, text, size, bold, align, width, &height);

  ensure_room (self, height);
  place_text (self, layout, self->margin, self->y);
  self->y += height + gap_after;
}

static void
lay_out_table (GjMeetingDocLayout *self,
               GPtrArray          *rows)
{
  double width = self->page_width - 2 * self->margin;
  guint n_cols = MIN (g_strv_length (rows->pdata[0]), 8);
  double widths[8];
  double pad = 3;

  g_assert (n_cols > 0);

  /* The text column takes what the short ones leave. */
  for (guint c = 0; c < n_cols; c++)
    widths[c] = n_cols == 4 ? (c == 0 ? 0.08 : c == 1 ? 0.52 : c == 2 ? 0.28 : 0.12) * width
                            : (c == 0 ? 0.5 : 0.25) * width;
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = rows->pdata[r];
      PangoLayout *texts[8] = { NULL };
      double h = 0, x = self->margin;
      guint n = 0;

      for (; n < n_cols && cells[n]; n++)
        {
          double cell_h;

          texts[n] = new_text (self, cells[n], TABLE_SIZE, r == 0, PANGO_ALIGN_LEFT, widths[n] - 2 * pad, &cell_h);
          h = MAX (h, cell_h);
        }
      h += 2 * pad;
      ensure_room (self, h);
      if (r == 0)
        add_piece (self, PIECE_FILL, self->margin, self->y, width, h);
      for (guint c = 0; c < n; c++)
        {
          place_text (self, texts[c], x + pad, self->y + pad);
          add_piece (self, PIECE_FRAME, x, self->y, widths[c], h);
          x += widths[c];
        }
      self->y += h;
    }
  self->y += 10;
}

static void
lay_out (GjMeetingDocLayout *self,
         GPtrArray          *doc)
{
  guint first = 0;

  g_array_append_val (self->page_starts, first);
  self->y = self->margin;
  for (guint i = 0; i < doc->len; i++)
    {
      Block *b = doc->pdata[i];

      switch (b->kind)
        {
        case BLOCK_TITLE:
          lay_out_text (self, b->text, TITLE_SIZE, TRUE, PANGO_ALIGN_CENTER, 14);
          break;
        case BLOCK_HEADING:
          self->y += 6;
          lay_out_text (self, b->text, HEADING_SIZE, TRUE, PANGO_ALIGN_LEFT, 6);
          break;
        case BLOCK_PARAGRAPH:
          lay_out_text (self, b->text, TEXT_SIZE, FALSE, PANGO_ALIGN_LEFT, 5);
          break;
        case BLOCK_FIELD:
          {
            g_autofree char *line = g_strdup_printf ("%s：%s", b->text, b->value ? b->value : "");

            lay_out_text (self, line, TEXT_SIZE, FALSE, PANGO_ALIGN_LEFT, 3);
          }
          break;
        case BLOCK_TABLE:
          lay_out_table (self, b->rows);
          break;
        default:
          break;
        }
    }
}

/* Measured as the PDF is drawn: on a PDF surface's font options. */
static PangoContext *
create_pdf_context (void)
{
  cairo_surface_t *scratch = cairo_pdf_surface_create_for_stream (NULL, NULL, PAGE_W, PAGE_H);
  cairo_t *cr = cairo_create (scratch);
  PangoContext *context = pango_cairo_create_context (cr);

  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return context;
}

GjMeetingDocLayout *
gj_meeting_doc_layout_new (GjStore           *store,
                           GjMeeting         *meeting,
                           GjMeetingDocKind   kind,
                           double             page_width,
                           double             page_height,
                           PangoContext      *context,
                           GError           **error)
{
  g_autoptr(GPtrArray) doc = NULL;
  GjMeetingDocLayout *self;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (page_width > 0 && page_height > 0, NULL);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = build_document (store, meeting, kind, error);
  if (doc == NULL)
    return NULL;

  self = g_new0 (GjMeetingDocLayout, 1);
  self->title = g_strdup (doc->len > 0 ? ((Block *) doc->pdata[0])->text : NULL);
  self->context = context ? g_object_ref (context) : create_pdf_context ();
  self->page_width = page_width;
  self->page_height = page_height;
  /* 2 cm, less on paper too small for it. */
  self->margin = MIN (MARGIN, MIN (page_width, page_height) / 6);
  self->pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  lay_out (self, doc);
  return self;
}

void
gj_meeting_doc_layout_free (GjMeetingDocLayout *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_clear_object (&self->context);
  g_ptr_array_unref (self->pieces);
  g_array_unref (self->page_starts);
  g_free (self);
}

guint
gj_meeting_doc_layout_get_n_pages (GjMeetingDocLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->page_starts->len;
}

const char *
gj_meeting_doc_layout_get_title (GjMeetingDocLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

void
gj_meeting_doc_layout_draw_page (GjMeetingDocLayout *self,
                                 cairo_t            *cr,
                                 guint               page)
{
  guint first, last;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->page_starts->len);

  first = g_array_index (self->page_starts, guint, page);
  last = page + 1 < self->page_starts->len ? g_array_index (self->page_starts, guint, page + 1) : self->pieces->len;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  for (guint i = first; i < last; i++)
    {
      Piece *piece = self->pieces->pdata[i];

      g_assert (piece->page == page);
      switch (piece->kind)
        {
        case PIECE_TEXT:
          cairo_move_to (cr, piece->x, piece->y);
          pango_cairo_show_layout (cr, piece->text);
          break;
        case PIECE_FILL:
          cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
          cairo_rectangle (cr, piece->x, piece->y, piece->width, piece->height);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          break;
        case PIECE_FRAME:
          cairo_rectangle (cr, piece->x, piece->y, piece->width, piece->height);
          cairo_stroke (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
}

/* PDF ---------------------------------------------------------------------- */

static gboolean
write_pdf (GjMeetingDocLayout  *layout,
           const char          *path,
           GError             **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd;

  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  surface = cairo_pdf_surface_create (tmp, layout->page_width, layout->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gongjian");
  if (layout->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, layout->title);
  cr = cairo_create (surface);
  for (guint page = 0; page < gj_meeting_doc_layout_get_n_pages (layout); page++)
    {
      gj_meeting_doc_layout_draw_page (layout, cr, page);
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
      g_unlink (tmp);
      g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_FAILED, _("Cannot write the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_unlink (tmp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
gj_meeting_doc_write (GjStore           *store,
                      GjMeeting         *meeting,
                      GjMeetingDocKind   kind,
                      const char        *path,
                      GError           **error)
{
  g_autoptr(GPtrArray) doc = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".pdf") && !g_str_has_suffix (lower, ".md") && !g_str_has_suffix (lower, ".markdown"))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, GJ_PRINT_ERROR, GJ_PRINT_ERROR_UNKNOWN_FORMAT,
                   _("%s: the meeting's papers are written as .pdf or .md"), name);
      return FALSE;
    }
  if (g_str_has_suffix (lower, ".pdf"))
    {
      g_autoptr(GjMeetingDocLayout) layout = gj_meeting_doc_layout_new (store, meeting, kind, PAGE_W, PAGE_H, NULL, error);

      return layout != NULL && write_pdf (layout, path, error);
    }
  doc = build_document (store, meeting, kind, error);
  if (doc == NULL)
    return FALSE;
  {
    g_autofree char *text = to_markdown (doc);

    return g_file_set_contents (path, text, -1, error);
  }
}
