/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-store.h"

G_BEGIN_DECLS

/*
 * Joint meetings for the sample district, on top of what gj-sample.c
 * loads: a monthly series per street with a yearly theme plan, held
 * meetings with attendance, minutes and decisions, one moved and one
 * cancelled occurrence, a meeting still without minutes days after it was
 * held, backlog topics and follow-ups on the problem wall. Dates follow
 * gj_today(). One transaction.
 */
gboolean gj_sample_add_meetings (GjStore  *store,
                                 GError  **error);

G_END_DECLS
