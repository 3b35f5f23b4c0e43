/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_TRASH_ENTRY (gj_trash_entry_get_type ())

G_DECLARE_FINAL_TYPE (GjTrashEntry, gj_trash_entry, GJ, TRASH_ENTRY, GjRecord)

GjTrashEntry *gj_trash_entry_new (void);

G_END_DECLS
