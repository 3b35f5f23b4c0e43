/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_AGENDA_ITEM (gj_agenda_item_get_type ())

G_DECLARE_FINAL_TYPE (GjAgendaItem, gj_agenda_item, GJ, AGENDA_ITEM, GjRecord)

GjAgendaItem *gj_agenda_item_new (void);

G_END_DECLS
