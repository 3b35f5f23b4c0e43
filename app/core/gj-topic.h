/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_TOPIC (gj_topic_get_type ())

/*
 * GjTopic: a topic a unit suggested for a street's joint meeting
 * (议题征集). It waits in the street's backlog ("waiting") until an agenda
 * takes it ("scheduled", with "meeting_id"); "done" once decided,
 * "withdrawn" when the unit takes it back.
 */
G_DECLARE_FINAL_TYPE (GjTopic, gj_topic, GJ, TOPIC, GjRecord)

GjTopic *gj_topic_new (void);

G_END_DECLS
