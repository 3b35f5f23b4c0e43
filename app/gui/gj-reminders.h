/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gj-history.h"
#include "gj-store-meetings.h"

G_BEGIN_DECLS

#define GJ_TYPE_REMINDERS (gj_reminders_get_type ())

G_DECLARE_FINAL_TYPE (GjReminders, gj_reminders, GJ, REMINDERS, GObject)

/*
 * GjReminders: desktop notifications for joint meetings — the day before
 * and an hour before a scheduled meeting, and "minutes not written" three
 * days after a meeting was held. The application owns one; it looks every
 * few minutes and whenever the history says meetings changed. Each
 * reminder is sent once per run (its notification id names the meeting
 * and the kind, so a second window does not double it).
 *
 * "reminder" is emitted for each one before it is sent, with its id,
 * title and body (the tests listen there).
 */
GjReminders *gj_reminders_new          (GApplication *application);
void         gj_reminders_set_store    (GjReminders  *self,
                                        GjStore      *store);
void         gj_reminders_set_history  (GjReminders  *self,
                                        GjHistory    *history);
/* Looks now; returns how many reminders were sent. */
guint        gj_reminders_check        (GjReminders  *self);
/* The same at @now (tests). */
guint        gj_reminders_check_at     (GjReminders  *self,
                                        GDateTime    *now);

/* Minutes after a meeting was held before "minutes not written". */
#define GJ_REMINDERS_MINUTES_DAYS 3

G_END_DECLS
