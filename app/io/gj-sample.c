/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gj-io.h"
#include "gj-sample.h"
#include "gj-sample-meetings.h"
#include "gj-store-units.h"

#define SAMPLE_RESOURCE "/io/github/gongjian/Gongjian/sample/"

static const struct
{
  const char *file;
  const char *kind;
  guint       weight;     /* share of the progress bar; they add up to 100 */
  gboolean    dated;      /* its dates move with today (see below) */
} parts[] = {
  { "grids.geojson", "grids", 59, FALSE },
  { "stations.geojson", "stations", 10, FALSE },
  /* The district's and streets' party-mass service centres and two
   * outposts, written for the sample (some centres under 600 m²). */
  { "centres.geojson", "stations", 1, FALSE },
  { "units.csv", "units", 15, FALSE },
  { "agreements.csv", "agreements", 10, TRUE },
  { "meetings.ics", "meetings", 4, TRUE },
  { "problems.csv", "problems", 1, TRUE },
};

/* The generator wrote the district as of this day. */
#define SAMPLE_AS_OF_YEAR  2025
#define SAMPLE_AS_OF_MONTH 6
#define SAMPLE_AS_OF_DAY   30

static gboolean
all_digits (const char *p,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* Moves a date at @p (2025-04-07 in tables, 20250407 in calendars) by
 * @days into @out; returns the length it read, 0 if there is no date. */
static guint
shift_date_at (const char *p,
               const char *end,
               int         days,
               GString    *out)
{
  gboolean dashed = end - p >= 10 && all_digits (p, 4) && p[4] == '-' && all_digits (p + 5, 2) &&
                    p[7] == '-' && all_digits (p + 8, 2) && (end - p == 10 || !g_ascii_isdigit (p[10]));
  gboolean compact = !dashed && end - p >= 8 && all_digits (p, 8) && (end - p == 8 || !g_ascii_isdigit (p[8]));
  int year, month, day;
  GDate date;

  if (!dashed && !compact)
    return 0;
  year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
  month = dashed ? (p[5] - '0') * 10 + (p[6] - '0') : (p[4] - '0') * 10 + (p[5] - '0');
  day = dashed ? (p[8] - '0') * 10 + (p[9] - '0') : (p[6] - '0') * 10 + (p[7] - '0');
  if (!g_date_valid_dmy (day, month, year) || year < 1900)
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_string_append_printf (out, dashed ? "%04d-%02d-%02d" : "%04d%02d%02d",
                          g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  return dashed ? 10 : 8;
}

/*
 * The sample is meant to look alive on the day it is opened: agreements
 * about to expire, meetings next week. Its dates move by the whole weeks
 * between the day it was generated and today (weekdays stay weekdays).
 */
static GBytes *
shift_dates (GBytes *bytes)
{
  g_autoptr(GDate) today = gj_today ();
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);
  const char *end = text + len;
  GString *out = g_string_sized_new (len + 64);
  GDate as_of;
  int days;

  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, SAMPLE_AS_OF_DAY, SAMPLE_AS_OF_MONTH, SAMPLE_AS_OF_YEAR);
  days = g_date_days_between (&as_of, today) / 7 * 7;

  for (const char *p = text; p < end; )
    {
      /* A date starts where a run of digits starts. */
      guint used = (p == text || !g_ascii_isdigit (p[-1])) && g_ascii_isdigit (*p)
                   ? shift_date_at (p, end, days, out) : 0;

      if (used > 0)
        p += used;
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free_to_bytes (out);
}

/*
 * What the files cannot hold, written through the store so it follows the
 * same rules as a person's edits: two-way commitments, last year's
 * evaluations, one agreement renewed before it runs out, and the four
 * lists. Everything is chosen from the imported district by its state on
 * the day the sample is opened, so it looks the same whatever that day is.
 */

static const char *unit_promises[] = {
  "开放党员活动室供社区党组织开展活动",
  "每季度组织党员志愿服务不少于1次",
  "为辖区困难家庭提供就业岗位",
};
static const char *community_promises[] = {
  "协助单位开展党员教育和组织生活",
  "协调解决单位周边停车和环境问题",
  "推荐单位参与共驻共建评先评优",
};

static char *
iso_plus (const GDate *date,
          int          days)
{
  GDate d = *date;

  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

static gboolean
date_of (GjRecord   *record,
         const char *field,
         GDate      *date)
{
  const char *text = gj_record_get_text (record, field);
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* Two commitments of the unit and two of the community, due through the term. */
static gboolean
add_commitments (GjStore   *store,
                 GjRecord  *agreement,
                 guint      n,
                 GError   **error)
{
  g_autoptr(GDate) today = gj_today ();
  GDate start, end;
  int length;

  if (!date_of (agreement, "start_date", &start) || !date_of (agreement, "end_date", &end))
    return TRUE;
  length = g_date_days_between (&start, &end);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GjRecord) c = GJ_RECORD (gj_commitment_new ());
      g_autofree char *due = iso_plus (&start, length * (int) (i + 1) / 5);
      GDate due_date;

      gj_record_set_int (c, "agreement_id", gj_record_get_id (agreement));
      gj_record_set_text (c, "side", i % 2 == 0 ? "unit" : "community");
      gj_record_set_text (c, "content", i % 2 == 0 ? unit_promises[(n + i / 2) % G_N_ELEMENTS (unit_promises)]
                                                   : community_promises[(n + i / 2) % G_N_ELEMENTS (community_promises)]);
      gj_record_set_text (c, "due_date", due);
      date_of (c, "due_date", &due_date);
      if (g_date_compare (&due_date, today) < 0)
        gj_record_set_text (c, "status", "done");
      if (!gj_store_insert (store, c, error))
        return FALSE;
    }
  return TRUE;
}

/* Last year's evaluation: most commitments kept, scores from 72 to 98. */
static gboolean
evaluate_last_year (GjStore   *store,
                    GjRecord  *agreement,
                    guint      n,
                    GError   **error)
{
  g_autoptr(GDate) today = gj_today ();
  g_autoptr(GListModel) commitments = gj_store_list_commitments (store, agreement, error);
  g_autoptr(GPtrArray) verdicts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *on = g_strdup_printf ("%04d-01-%02d", g_date_get_year (today), 10 + (int) (n % 15));
  int year = g_date_get_year (today) - 1;
  guint count;

  if (commitments == NULL)
    return FALSE;
  count = MAX (1, g_list_model_get_n_items (commitments));
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GjRecord) c = g_list_model_get_item (commitments, i);
      GjRecord *v = GJ_RECORD (gj_evaluation_new ());
      gboolean kept = (n + i) % 5 != 3;

      if (c != NULL)
        gj_record_set_int (v, "commitment_id", gj_record_get_id (c));
      gj_record_set_bool (v, "fulfilled", kept);
      gj_record_set_real (v, "score", kept ? 98 - (int) ((n * 7 + i * 3) % 20) : 60 + (int) (n % 10));
      gj_record_set_text (v, "comment", kept ? "按期落实，群众满意" : "落实不到位，需加强推进");
      g_ptr_array_add (verdicts, v);
    }
  return gj_store_evaluate_agreement (store, agreement, year, verdicts, "区委组织部", on,
                                      GJ_EVALUATE_DEFAULT, error);
}

static gboolean
add_agreement_work (GjStore  *store,
                    GError  **error)
{
  g_autoptr(GDate) today = gj_today ();
  g_autoptr(GListModel) agreements = gj_store_list (store, GJ_TYPE_AGREEMENT, error);
  g_autoptr(GjRecord) renewed = NULL;
  GjRecord *to_renew = NULL;
  int last_year = g_date_get_year (today) - 1;
  guint n_in_force = 0, n_expiring = 0, n_expired = 0, n_whole = 0;

  if (agreements == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(GjRecord) a = g_list_model_get_item (agreements, i);
      GjAgreementStatus status = gj_agreement_get_status (GJ_AGREEMENT (a), today);
      GDate start, end;
      gboolean last_year_in_term, with_commitments = FALSE;

      if (!date_of (a, "start_date", &start) || !date_of (a, "end_date", &end))
        continue;
      last_year_in_term = g_date_get_year (&start) <= last_year && g_date_get_year (&end) >= last_year;

      /* Commitments on both sides for a few agreements of each kind. */
      if (status == GJ_AGREEMENT_IN_FORCE && n_in_force < 8)
        with_commitments = ++n_in_force > 0;
      else if (status == GJ_AGREEMENT_EXPIRING && n_expiring < 3)
        {
          with_commitments = ++n_expiring > 0;
          /* Renewed ahead of its end: the next term is signed and pending. */
          if (to_renew == NULL && g_date_days_between (today, &end) >= 14)
            to_renew = g_object_ref (a);
        }
      else if (status == GJ_AGREEMENT_EXPIRED && g_date_get_year (&end) >= last_year && n_expired < 3)
        with_commitments = ++n_expired > 0;

      if (with_commitments && !add_commitments (store, a, i, error))
        goto fail;
      /* Last year's evaluation, for those with commitments and a dozen more
       * evaluated as a whole. */
      if (last_year_in_term && (with_commitments || (status == GJ_AGREEMENT_IN_FORCE && n_whole++ < 12))
          && !evaluate_last_year (store, a, i, error))
        goto fail;
    }

  if (to_renew != NULL)
    {
      GDate end;
      g_autofree char *start = NULL;
      g_autofree char *until = NULL;
      g_autofree char *signed_on = iso_plus (today, -7);

      date_of (to_renew, "end_date", &end);
      start = iso_plus (&end, 1);
      g_date_add_years (&end, 2);
      until = iso_plus (&end, 0);
      renewed = gj_store_renew_agreement (store, to_renew, start, until, error);
      if (renewed == NULL)
        goto fail;
      gj_record_set_text (renewed, "signed_date", signed_on);
      gj_record_set_null (renewed, "status");
      if (!gj_store_update (store, renewed, error))
        goto fail;
    }
  g_clear_object (&to_renew);
  return TRUE;

fail:
  g_clear_object (&to_renew);
  return FALSE;
}

/* The four lists ---------------------------------------------------------- */

/* A unit and where it is: the anchors the list items hang on. */
typedef struct
{
  gint64 unit;
  gint64 grid;
  gint64 community;
  gint64 street;
  gint64 other_grid;   /* another grid of the same community, or 0 */
} Anchor;

enum { N_ANCHORS = 5 };

/*
 * Anchors 0 and 1: two units of one street in different communities;
 * 2–4: units elsewhere, each in a community of its own. Anchor 0's
 * community has a second grid.
 */
static gboolean
find_anchors (GjStore  *store,
              Anchor   *anchors,
              GError  **error)
{
  g_autoptr(GListModel) units = gj_store_list_full (store, GJ_TYPE_UNIT, NULL, GJ_STORE_LIST_NO_GEOMETRY, error);
  g_autoptr(GListModel) grids = gj_store_list_full (store, GJ_TYPE_GRID, NULL, GJ_STORE_LIST_NO_GEOMETRY, error);
  guint found = 0;

  if (units == NULL || grids == NULL)
    return FALSE;
  memset (anchors, 0, sizeof (Anchor) * N_ANCHORS);

  for (guint pass = 0; pass < N_ANCHORS && found < N_ANCHORS; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (units) && found == pass; i++)
      {
        g_autoptr(GjRecord) u = g_list_model_get_item (units, i);
        Anchor a = { gj_record_get_id (u), gj_record_get_int (u, "grid_id"),
                     gj_record_get_int (u, "community_id"), gj_record_get_int (u, "street_id"), 0 };
        gboolean ok = a.grid > 0 && a.community > 0 && a.street > 0;

        for (guint k = 0; ok && k < found; k++)
          ok = anchors[k].community != a.community && anchors[k].unit != a.unit;
        if (ok && found == 1)
          ok = a.street == anchors[0].street;
        if (ok && found >= 2)
          ok = a.street != anchors[0].street;
        for (guint g = 0; ok && g < g_list_model_get_n_items (grids); g++)
          {
            g_autoptr(GjRecord) grid = g_list_model_get_item (grids, g);

            if (gj_record_get_int (grid, "community_id") == a.community && gj_record_get_id (grid) != a.grid)
              {
                a.other_grid = gj_record_get_id (grid);
                break;
              }
          }
        if (ok && found == 0)
          ok = a.other_grid > 0;
        if (ok)
          anchors[found++] = a;
      }
  return found == N_ANCHORS;
}

typedef enum
{
  AT_UNIT,          /* owned by the anchor unit, placed by its grid */
  AT_GRID,          /* the anchor community's item in the unit's grid */
  AT_OTHER_GRID,    /* the anchor community's item in its other grid */
} Where;

static const struct
{
  const char       *list;
  const char       *title;
  const char       *category;
  guint             anchor;
  Where             where;
  GjListItemStatus  status;
  int               partner;   /* index of the item it is matched with, or -1 */
  const char       *description;
} items[] = {
  /* Open offers, and the open needs they answer: same grid, same
   * community, same street. */
  /* 0 */ { "resource", "党员活动室（可容纳60人）", "活动场地", 0, AT_UNIT, GJ_LIST_ITEM_OFFERED, -1, "工作日晚间和周末开放" },
  /* 1 */ { "need", "社区老年大学需要书法教室", "活动场地", 0, AT_GRID, GJ_LIST_ITEM_OFFERED, -1, "每周二、四下午，约30人" },
  /* 2 */ { "resource", "职工志愿服务队（25人）", "志愿服务", 0, AT_UNIT, GJ_LIST_ITEM_OFFERED, -1, NULL },
  /* 3 */ { "need", "独居老人定期探访", "志愿服务", 0, AT_OTHER_GRID, GJ_LIST_ITEM_OFFERED, -1, "网格内独居老人12户" },
  /* 4 */ { "service", "律师免费法律咨询", "法律咨询", 1, AT_UNIT, GJ_LIST_ITEM_OFFERED, -1, "每月第一个周六上午" },
  /* 5 */ { "need", "居民婚姻家庭法律咨询", "法律咨询", 0, AT_GRID, GJ_LIST_ITEM_CLAIMED, -1, NULL },
  /* 6 */ { "resource", "提供保洁、保安就业岗位10个", "就业帮扶", 2, AT_UNIT, GJ_LIST_ITEM_OFFERED, -1, NULL },
  /* 7 */ { "need", "困难家庭就业帮扶", "就业帮扶", 2, AT_GRID, GJ_LIST_ITEM_OFFERED, -1, "登记失业人员8名" },
  /* 8 */ { "need", "青少年心理辅导", "心理服务", 3, AT_GRID, GJ_LIST_ITEM_OFFERED, -1, "暂无单位提供" },
  /* Claimed, matched, in progress, done. */
  /* 9 */ { "resource", "共建资金2万元", "资金支持", 1, AT_UNIT, GJ_LIST_ITEM_CLAIMED, -1, NULL },
  /* 10 */ { "resource", "多功能会议室", "活动场地", 1, AT_UNIT, GJ_LIST_ITEM_MATCHED, 11, NULL },
  /* 11 */ { "need", "党员冬训集中学习场地", "活动场地", 1, AT_GRID, GJ_LIST_ITEM_MATCHED, 10, NULL },
  /* 12 */ { "resource", "职工医院专家义诊", "医疗健康", 2, AT_UNIT, GJ_LIST_ITEM_IN_PROGRESS, 13, NULL },
  /* 13 */ { "need", "老年人健康体检", "医疗健康", 2, AT_GRID, GJ_LIST_ITEM_IN_PROGRESS, 12, NULL },
  /* 14 */ { "resource", "捐赠图书300册", "文化教育", 3, AT_UNIT, GJ_LIST_ITEM_DONE, 15, NULL },
  /* 15 */ { "need", "社区书屋补充图书", "文化教育", 3, AT_GRID, GJ_LIST_ITEM_DONE, 14, NULL },
  /* 16 */ { "need", "小区路灯维修", "市政设施", 4, AT_GRID, GJ_LIST_ITEM_CLAIMED, -1, NULL },
  /* Services and projects through their whole lifecycle. */
  /* 17 */ { "service", "家电义务维修", "便民服务", 3, AT_UNIT, GJ_LIST_ITEM_CLAIMED, -1, NULL },
  /* 18 */ { "service", "理发义剪", "便民服务", 4, AT_UNIT, GJ_LIST_ITEM_MATCHED, 19, NULL },
  /* 19 */ { "need", "行动不便老人上门理发", "便民服务", 4, AT_GRID, GJ_LIST_ITEM_MATCHED, 18, NULL },
  /* 20 */ { "service", "快递小哥爱心驿站饮水休息", "新就业群体服务", 2, AT_UNIT, GJ_LIST_ITEM_IN_PROGRESS, -1, NULL },
  /* 21 */ { "service", "暑期青少年托管", "文化教育", 1, AT_UNIT, GJ_LIST_ITEM_DONE, -1, NULL },
  /* 22 */ { "project", "老旧小区加装电梯", "城市更新", 0, AT_GRID, GJ_LIST_ITEM_OFFERED, -1, NULL },
  /* 23 */ { "project", "背街小巷环境整治", "环境治理", 1, AT_GRID, GJ_LIST_ITEM_CLAIMED, -1, NULL },
  /* 24 */ { "project", "社区助老食堂", "为老服务", 2, AT_GRID, GJ_LIST_ITEM_MATCHED, -1, NULL },
  /* 25 */ { "project", "红色物业示范小区创建", "党建联建", 3, AT_GRID, GJ_LIST_ITEM_IN_PROGRESS, -1, NULL },
  /* 26 */ { "project", "口袋公园建设", "环境治理", 4, AT_GRID, GJ_LIST_ITEM_DONE, -1, NULL },
};

/* Walks @item along the lifecycle to @status, one allowed step at a time. */
static gboolean
advance (GjStore           *store,
         GjRecord          *item,
         GjListItemStatus   status,
         GError           **error)
{
  while (gj_list_item_get_status (GJ_LIST_ITEM (item)) < status)
    {
      GjListItemStatus next = gj_list_item_get_status (GJ_LIST_ITEM (item)) + 1;

      if (!gj_store_set_list_item_status (store, item, next, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_lists (GjStore  *store,
           GError  **error)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_object_unref);
  Anchor anchors[N_ANCHORS];

  if (!find_anchors (store, anchors, error))
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      /* A district too small for them simply has no list items. */
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const Anchor *a = &anchors[items[i].anchor];
      GjRecord *item = GJ_RECORD (gj_list_item_new ());

      g_ptr_array_add (made, item);
      gj_record_set_text (item, "list", items[i].list);
      gj_record_set_text (item, "title", items[i].title);
      gj_record_set_text (item, "category", items[i].category);
      if (items[i].description != NULL)
        gj_record_set_text (item, "description", items[i].description);
      switch (items[i].where)
        {
        case AT_UNIT:
          gj_record_set_int (item, "owner_unit_id", a->unit);
          break;
        case AT_GRID:
          gj_record_set_int (item, "owner_community_id", a->community);
          gj_record_set_int (item, "grid_id", a->grid);
          break;
        case AT_OTHER_GRID:
          gj_record_set_int (item, "owner_community_id", a->community);
          gj_record_set_int (item, "grid_id", a->other_grid ? a->other_grid : a->grid);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!gj_store_insert (store, item, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GjRecord *item = made->pdata[i];
      int partner = items[i].partner;

      /* A pair is matched once, from its need; the resource follows. */
      if (partner >= 0 && strcmp (items[i].list, "need") == 0)
        {
          if (!gj_store_claim_match (store, item, made->pdata[partner], error))
            return FALSE;
        }
      else if (partner >= 0)
        continue;
      if (!advance (store, item, items[i].status, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GjProgressFunc progress;
  gpointer       user_data;
  guint          before;
  guint          weight;
} Progress;

/* What the echo wall (回音壁) told residents about problems.csv's two
 * published problems, by code. */
static const char *const echo_results[][3] = {
  { "P2025-006", "广场损坏的2件健身器材已由共建单位出资更换，并加装安全提示牌，居民可放心使用。", "社区公告栏" },
  { "P2025-012", "共建学校开设“四点半课堂”，每周一至周五为双职工和困难家庭子女提供课后看护，已有26名学生参加。", "社区微信群" },
};

static gboolean
publish_echoes (GjStore  *store,
                GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (echo_results); i++)
    {
      g_autoptr(GjRecord) problem = gj_store_find_by_code (store, GJ_TYPE_PROBLEM, echo_results[i][0], error);
      g_autoptr(GjRecord) entry = NULL;
      const char *resolved;

      if (problem == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }
      resolved = gj_record_get_text (problem, "resolved_on");
      entry = GJ_RECORD (gj_echo_entry_new ());
      gj_record_set_int (entry, "problem_id", gj_record_get_id (problem));
      gj_record_set_text (entry, "result", echo_results[i][1]);
      gj_record_set_text (entry, "published_on", resolved);
      gj_record_set_text (entry, "channel", echo_results[i][2]);
      if (!gj_store_insert (store, entry, error))
        return FALSE;
    }
  return TRUE;
}

/* When each unit's details were last checked: most within the year, one
 * in eight more than a year ago, one in nine never — what the units
 * table flags as needing a visit. */
static gboolean
verify_units (GjStore  *store,
              GError  **error)
{
  g_autoptr(GListModel) units = gj_store_list (store, GJ_TYPE_UNIT, error);
  g_autoptr(GDate) today = gj_today ();

  if (units == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(GjRecord) unit = NULL;
      g_autofree char *day = NULL;

      if (i % 9 == 4)
        continue;
      unit = g_list_model_get_item (units, i);
      day = iso_plus (today, -(int) ((i * 53) % 420));
      gj_record_set_text (unit, "verified_date", day);
      if (!gj_store_update (store, unit, error))
        return FALSE;
    }
  return TRUE;
}

static void
part_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  Progress *p = user_data;

  if (p->progress && total > 0)
    p->progress (p->before + p->weight * done / total, 100, p->user_data);
}

gboolean
gj_sample_load (GjStore        *store,
                GjProgressFunc  progress,
                gpointer        user_data,
                GCancellable   *cancellable,
                GError        **error)
{
  Progress p = { progress, user_data, 0, 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);

  if (!gj_store_begin (store, error))
    return FALSE;

  for (guint i = 0; ok && i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *res = g_strconcat (SAMPLE_RESOURCE, parts[i].file, NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (res, 0, error);

      if (bytes != NULL && parts[i].dated)
        {
          GBytes *shifted = shift_dates (bytes);

          g_bytes_unref (bytes);
          bytes = shifted;
        }
      p.weight = parts[i].weight;
      ok = bytes != NULL &&
           gj_import_bytes (store, parts[i].file, bytes, parts[i].kind, "UTF-8", FALSE,
                            part_progress, &p, cancellable, NULL, error);
      p.before += parts[i].weight;
    }

  if (ok)
    ok = add_agreement_work (store, error) && add_lists (store, error) && verify_units (store, error) && publish_echoes (store, error)
         && gj_sample_add_meetings (store, error);
  if (ok)
    ok = gj_store_log (store, "sample", NULL, "涧西区", NULL, error);
  if (!ok)
    {
      gj_store_rollback (store);
      return FALSE;
    }
  return gj_store_commit (store, error);
}
