/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_LIST_ITEM (gj_list_item_get_type ())

G_DECLARE_FINAL_TYPE (GjListItem, gj_list_item, GJ, LIST_ITEM, GjRecord)

GjListItem *gj_list_item_new (void);

G_END_DECLS
