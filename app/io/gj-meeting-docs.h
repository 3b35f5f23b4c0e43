/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "gj-meeting.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * The papers of a joint meeting: the notice (会议通知: time, place,
 * convener, invited units, agenda) and the minutes (会议纪要: attendance
 * table, each matter's discussion, decision and whether it is published,
 * follow-ups). PDF (A4, cairo + pango, the CJK fonts embedded as subsets)
 * or Markdown. No GTK: the CLI writes them too, and the drawing takes any
 * cairo context, so the window prints the very pages the PDF has.
 */
typedef enum
{
  GJ_MEETING_DOC_AUTO,     /* minutes once the meeting was held, else the notice */
  GJ_MEETING_DOC_NOTICE,
  GJ_MEETING_DOC_MINUTES,
} GjMeetingDocKind;

/* The document as Markdown. A meeting without a saved agenda gets the
 * draft agenda (gj_store_draft_agenda()), marked as a draft. */
char     *gj_meeting_doc_to_markdown (GjStore           *store,
                                      GjMeeting         *meeting,
                                      GjMeetingDocKind   kind,
                                      GError           **error);
/* Writes @path: ".pdf" or ".md" (".markdown") by its extension
 * (GJ_PRINT_ERROR_UNKNOWN_FORMAT otherwise). The file is written whole or
 * not at all. */
gboolean  gj_meeting_doc_write       (GjStore           *store,
                                      GjMeeting         *meeting,
                                      GjMeetingDocKind   kind,
                                      const char        *path,
                                      GError           **error);

/* The document laid out on pages of @page_width × @page_height points
 * (2 cm margins; the PDF's pages are A4). Its text is measured in
 * @context, the one it is drawn with; NULL: a context of its own, with a
 * PDF surface's font options (no hinting), as gj_meeting_doc_write() uses.
 * Font sizes are absolute, so the context's resolution does not matter. */
typedef struct _GjMeetingDocLayout GjMeetingDocLayout;

GjMeetingDocLayout *gj_meeting_doc_layout_new         (GjStore             *store,
                                                       GjMeeting           *meeting,
                                                       GjMeetingDocKind     kind,
                                                       double               page_width,
                                                       double               page_height,
                                                       PangoContext        *context,
                                                       GError             **error);
void                gj_meeting_doc_layout_free        (GjMeetingDocLayout  *layout);
/* At least 1. */
guint               gj_meeting_doc_layout_get_n_pages (GjMeetingDocLayout  *layout);
/* "Meeting notice: …" or "Meeting minutes: …" */
const char         *gj_meeting_doc_layout_get_title   (GjMeetingDocLayout  *layout);
/* Draws @page (from 0) with the page's top left corner at @cr's origin,
 * in points; the page is neither cleared nor shown. */
void                gj_meeting_doc_layout_draw_page   (GjMeetingDocLayout  *layout,
                                                       cairo_t             *cr,
                                                       guint                page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjMeetingDocLayout, gj_meeting_doc_layout_free)

G_END_DECLS
