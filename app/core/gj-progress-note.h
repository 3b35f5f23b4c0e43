/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_PROGRESS_NOTE (gj_progress_note_get_type ())

G_DECLARE_FINAL_TYPE (GjProgressNote, gj_progress_note, GJ, PROGRESS_NOTE, GjRecord)

GjProgressNote *gj_progress_note_new (void);

G_END_DECLS
