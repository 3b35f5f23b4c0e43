/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-meeting.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * The papers of a joint meeting: the notice (会议通知: time, place,
 * convener, invited units, agenda) and the minutes (会议纪要: attendance
 * table, each matter's discussion, decision and whether it is published,
 * follow-ups). PDF (A4, cairo + pango, the CJK fonts embedded as subsets)
 * or Markdown. No GTK: the CLI writes them too.
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

G_END_DECLS
