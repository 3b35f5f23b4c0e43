/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-store.h"

G_BEGIN_DECLS

/*
 * iCalendar export of part of the calendar (the whole calendar goes
 * through gj_io_export()). Events carry VTIMEZONE Asia/Shanghai (and the
 * series' own zone when it was planned in another), RRULE / EXDATE /
 * RECURRENCE-ID as Outlook, Google Calendar and Thunderbird read them,
 * lines folded at 75 octets without splitting a UTF-8 character, and
 * UIDs that stay the same across exports: importing the file again
 * updates, never duplicates.
 */
typedef enum
{
  GJ_ICAL_SCOPE_MEETING,   /* one meeting (a series master brings its overrides) */
  GJ_ICAL_SCOPE_SERIES,    /* the series @meeting belongs to, with its overrides */
  GJ_ICAL_SCOPE_RANGE,     /* meetings and series with a meeting from @from to @to */
} GjIcalScope;

/* @meeting_id for MEETING and SERIES; @from, @to (YYYY-MM-DD, inclusive,
 * either may be NULL) for RANGE. @n_written: events written. */
gboolean gj_ical_export_scope (GjStore      *store,
                               const char   *path,
                               GjIcalScope   scope,
                               gint64        meeting_id,
                               const char   *from,
                               const char   *to,
                               guint        *n_written,
                               GError      **error);

/* The same into a string (the calendar text). */
char    *gj_ical_export_to_string (GjStore      *store,
                                   GjIcalScope   scope,
                                   gint64        meeting_id,
                                   const char   *from,
                                   const char   *to,
                                   guint        *n_written,
                                   GError      **error);

G_END_DECLS
