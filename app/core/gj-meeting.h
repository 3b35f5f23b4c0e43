/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_MEETING (gj_meeting_get_type ())

G_DECLARE_FINAL_TYPE (GjMeeting, gj_meeting, GJ, MEETING, GjRecord)

/*
 * The life of a meeting record: draft → scheduled → held → minutes
 * written → closed. A closed meeting is locked (its record, agenda and
 * attendance refuse edits) until it is reopened with a reason, which
 * takes it back to "minutes written". A draft or scheduled meeting may be
 * cancelled, and a cancelled one scheduled again.
 */
typedef enum
{
  GJ_MEETING_STATUS_INVALID = -1,
  GJ_MEETING_STATUS_DRAFT,
  GJ_MEETING_STATUS_SCHEDULED,
  GJ_MEETING_STATUS_HELD,
  GJ_MEETING_STATUS_MINUTED,
  GJ_MEETING_STATUS_CLOSED,
  GJ_MEETING_STATUS_CANCELLED,
} GjMeetingStatus;

#define GJ_MEETING_N_STATUSES (GJ_MEETING_STATUS_CANCELLED + 1)

GjMeeting       *gj_meeting_new                   (void);

/* Code words "draft", "scheduled", "held", "minuted", "closed",
 * "cancelled"; from_string also reads the words offices write (草稿,
 * 已安排, 已召开, 已形成纪要, 已归档, 已取消 …). NULL or "" is a draft. */
GjMeetingStatus  gj_meeting_status_from_string    (const char       *text);
const char      *gj_meeting_status_to_string      (GjMeetingStatus   status);
/* Translated, for people. */
const char      *gj_meeting_status_get_title      (GjMeetingStatus   status);

GjMeetingStatus  gj_meeting_get_status            (GjMeeting        *self);
/* Closed: edits are refused. */
gboolean         gj_meeting_is_locked             (GjMeeting        *self);

/* FALSE, with a translated reason (GJ_RECORD_ERROR), for a move the rules
 * do not allow: skipping a step, holding a meeting that has not started
 * by @now (NULL: now), writing minutes for a meeting with neither
 * minutes nor a decision (@has_decisions), reopening without a reason. */
gboolean         gj_meeting_check_transition      (GjMeeting        *self,
                                                   GjMeetingStatus   to,
                                                   gboolean          has_decisions,
                                                   const char       *reason,
                                                   GDateTime        *now,
                                                   GError          **error);

/* The meeting's length in minutes from starts_at to ends_at; 0 when it has
 * no end (or is all day). */
guint            gj_meeting_get_length_minutes    (GjMeeting        *self);

/* The day it starts in Asia/Shanghai ("YYYY-MM-DD", owned), or NULL. */
char            *gj_meeting_dup_start_date        (GjMeeting        *self);

/* A text member of the meeting's "extra" JSON object (owned), or NULL;
 * and setting one (NULL removes it). */
char            *gj_meeting_dup_extra             (GjMeeting        *self,
                                                   const char       *member);
void             gj_meeting_set_extra             (GjMeeting        *self,
                                                   const char       *member,
                                                   const char       *value);

/* Lets the store write a closed meeting once (closing it, or importing
 * it as it stands); the lock is back after that write. */
void             gj_meeting_allow_locked_write    (GjMeeting        *self,
                                                   gboolean          allow);

G_END_DECLS
