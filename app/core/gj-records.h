/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-district.h"
#include "gj-street.h"
#include "gj-community.h"
#include "gj-grid.h"
#include "gj-station.h"
#include "gj-unit.h"
#include "gj-agreement.h"
#include "gj-commitment.h"
#include "gj-evaluation.h"
#include "gj-list-item.h"
#include "gj-meeting.h"
#include "gj-agenda-item.h"
#include "gj-attendance.h"
#include "gj-problem.h"
#include "gj-problem-unit.h"
#include "gj-progress-note.h"
#include "gj-trash-entry.h"
#include "gj-change.h"
#include "gj-check-exception.h"
#include "gj-echo-entry.h"
#include "gj-topic.h"
#include "gj-meeting-theme.h"
#include "gj-saved-view.h"

G_BEGIN_DECLS

void gj_records_ensure_types (void);

G_END_DECLS
