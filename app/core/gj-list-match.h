/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-list-item.h"

G_BEGIN_DECLS

/* How near a matching item is to the item it matches, nearest first. */
typedef enum
{
  GJ_MATCH_SAME_GRID,
  GJ_MATCH_SAME_COMMUNITY,
  GJ_MATCH_SAME_STREET,
  GJ_MATCH_ELSEWHERE,
} GjMatchLevel;

#define GJ_TYPE_MATCH_LEVEL (gj_match_level_get_type ())
GType       gj_match_level_get_type  (void) G_GNUC_CONST;
/* Translated, for people: 同一网格, 同一社区, 同一街道, 其他地方. */
const char *gj_match_level_get_title (GjMatchLevel level);

#define GJ_TYPE_LIST_MATCH (gj_list_match_get_type ())

G_DECLARE_FINAL_TYPE (GjListMatch, gj_list_match, GJ, LIST_MATCH, GObject)

/*
 * GjListMatch: a list item with how near it is — a row of a "matches"
 * list. Properties: "item" (GjListItem), "level" (GjMatchLevel),
 * "level-title" (translated), "n-matches" (for a list of needs: how many
 * open items match it; 0 otherwise).
 */
GjListMatch  *gj_list_match_new           (GjListItem   *item,
                                           GjMatchLevel  level,
                                           guint         n_matches);
GjListItem   *gj_list_match_get_item      (GjListMatch  *self);
GjMatchLevel  gj_list_match_get_level     (GjListMatch  *self);
guint         gj_list_match_get_n_matches (GjListMatch  *self);

G_END_DECLS
