/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_LIST_ITEM (gj_list_item_get_type ())

G_DECLARE_FINAL_TYPE (GjListItem, gj_list_item, GJ, LIST_ITEM, GjRecord)

/* Which of the four lists (四个清单) an item is on: its "list" field. */
typedef enum
{
  GJ_LIST_RESOURCE,   /* 资源清单 "resource" */
  GJ_LIST_NEED,       /* 需求清单 "need" */
  GJ_LIST_PROJECT,    /* 项目清单 "project" */
  GJ_LIST_SERVICE,    /* 服务清单 "service" */
  GJ_LIST_INVALID = -1,
} GjListKind;

/*
 * Where an item is in its lifecycle ("status" field; unset is OFFERED):
 *
 *   offered → claimed → matched → in progress → done
 *
 * and back: a claim or a match can be released (→ offered).
 */
typedef enum
{
  GJ_LIST_ITEM_OFFERED,       /* "offered": published, open */
  GJ_LIST_ITEM_CLAIMED,       /* "claimed": a unit or community took it up (认领) */
  GJ_LIST_ITEM_MATCHED,       /* "matched": paired with an item of the other side */
  GJ_LIST_ITEM_IN_PROGRESS,   /* "in_progress" */
  GJ_LIST_ITEM_DONE,          /* "done" */
  GJ_LIST_ITEM_STATUS_INVALID = -1,
} GjListItemStatus;

GjListItem       *gj_list_item_new                 (void);

GjListKind        gj_list_kind_from_string         (const char        *text);
const char       *gj_list_kind_to_string           (GjListKind         kind);
/* Translated: 资源清单, 需求清单, 项目清单, 服务清单. */
const char       *gj_list_kind_get_title           (GjListKind         kind);

/* "offered", "claimed", "matched", "in_progress", "done". */
const char       *gj_list_item_status_to_string    (GjListItemStatus   status);
/* Those words, or Chinese ones from a file (待认领, 已认领, 已对接, 实施中,
 * 已完成 …); NULL is OFFERED; anything else STATUS_INVALID. */
GjListItemStatus  gj_list_item_status_from_string  (const char        *text);
/* Translated, for people. */
const char       *gj_list_item_status_get_title    (GjListItemStatus   status);

GjListKind        gj_list_item_get_kind            (GjListItem        *self);
GjListItemStatus  gj_list_item_get_status          (GjListItem        *self);
/* Offered or claimed and not matched to another item. */
gboolean          gj_list_item_is_open             (GjListItem        *self);

/* TRUE when an item may go from @from to @to (staying put is allowed);
 * otherwise FALSE and a translated reason in @error (GJ_RECORD_ERROR). */
gboolean          gj_list_item_check_transition    (GjListItemStatus   from,
                                                    GjListItemStatus   to,
                                                    GError           **error);

G_END_DECLS
