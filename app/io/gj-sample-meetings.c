/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gj-sample-meetings.h"
#include "gj-store-meetings.h"
#include "gj-store-problems.h"

/* The themes of the year (一月一主题), the same plan for every street. */
static const char *const themes[12] = {
  "年度共建项目谋划", "春节走访慰问困难群众", "学雷锋志愿服务", "老旧小区改造协调",
  "双报到党员进社区", "防汛安全检查部署", "党员冬训成果转化", "新就业群体关爱服务",
  "秋季消防安全整治", "重阳敬老服务", "物业服务质量提升", "年度共建协议评议",
};

static const char *const topics[][2] = {
  { "小区停车位不足协调", "建议协调周边单位错时开放停车场" },
  { "楼道堆物清理", "部分老旧楼道堆放杂物存在消防隐患" },
  { "辖区单位食堂向老人开放", "建议共建单位食堂为高龄老人提供助餐" },
};

/* The second matter of a meeting (一事一议): title, discussion, decision,
 * and the measures of its follow-up on the problem wall. */
static const char *const matters[][4] = {
  { "研究辖区停车难问题", "与会单位讨论了错时共享停车位的可行性。",
    "由共建单位开放夜间停车位，街道负责协调管理。", "梳理可共享车位，签订错时停车协议" },
  { "老旧小区加装电梯协调", "与会单位讨论了加装电梯的意见征集和资金分摊。",
    "社区牵头征求居民意见，共建单位提供技术咨询。", "逐户征求意见，组织专家现场勘查" },
  { "背街小巷环境整治", "与会单位梳理了卫生死角和占道经营问题。",
    "城管、物业和共建单位联合开展整治。", "制定整治清单，每周联合巡查一次" },
  { "困难群众就业帮扶", "与会单位讨论了辖区单位提供就业岗位的办法。",
    "共建单位提供公益性岗位，社区摸排就业需求。", "建立岗位清单，组织专场招聘会" },
  { "夜间照明不足路段整改", "与会单位排查了缺少路灯的路段。",
    "协调供电单位增设路灯，共建单位认领维护。", "排查缺灯路段，增设路灯并定期检修" },
  { "社区助餐点建设", "与会单位讨论了利用单位食堂为老人助餐。",
    "共建单位食堂定时向辖区老人开放。", "确定助餐时段，办理食品安全备案" },
  { "校园周边交通安全", "与会单位讨论了上下学高峰拥堵问题。",
    "学校、交警和志愿者联合护学。", "设置护学岗，施划临时停车区" },
};

static GDate *
date_add (const GDate *d,
          int          days)
{
  GDate *r = g_date_copy (d);

  if (days >= 0)
    g_date_add_days (r, days);
  else
    g_date_subtract_days (r, -days);
  return r;
}

static char *
iso_date (const GDate *d)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

static GListModel *
units_of (GjStore  *store,
          gint64    street_id,
          GError  **error)
{
  GValue v = G_VALUE_INIT;
  GListModel *list;

  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, street_id);
  list = gj_store_list_where (store, GJ_TYPE_UNIT, "street_id", &v, error);
  g_value_unset (&v);
  return list;
}

/* Holds @m with attendance, two matters and their decisions; @close
 * closes it, @minutes FALSE leaves the minutes unwritten. */
static gboolean
hold_meeting (GjStore     *store,
              GjMeeting   *m,
              GListModel  *units,
              guint        seed,
              gboolean     minutes,
              gboolean     close,
              GError     **error)
{
  g_autoptr(GListStore) items = g_list_store_new (GJ_TYPE_AGENDA_ITEM);
  g_autoptr(GListModel) saved = NULL;
  guint n_units = MIN (g_list_model_get_n_items (units), 6);
  g_autofree gint64 *ids = g_new0 (gint64, MAX (n_units, 1));
  g_autofree char *theme_item = NULL;
  const char *const *matter = matters[seed % G_N_ELEMENTS (matters)];

  for (guint i = 0; i < n_units; i++)
    {
      g_autoptr(GjRecord) u = g_list_model_get_item (units, i);

      ids[i] = gj_record_get_id (u);
    }
  if (!gj_store_invite_units (store, m, ids, n_units, error))
    return FALSE;

  theme_item = g_strdup_printf ("围绕“%s”交流各单位落实情况", gj_record_get_text (GJ_RECORD (m), "title"));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GjAgendaItem) item = gj_agenda_item_new ();
      GjRecord *r = GJ_RECORD (item);

      gj_record_set_text (r, "title", i == 0 ? theme_item : matter[0]);
      gj_record_set_int (r, "minutes_planned", i == 0 ? 30 : 20);
      if (n_units > i)
        gj_record_set_int (r, "presenter_unit_id", ids[i]);
      g_list_store_append (items, item);
    }
  if (!gj_store_save_agenda (store, m, G_LIST_MODEL (items), error))
    return FALSE;
  if (!gj_store_meeting_move (store, m, GJ_MEETING_STATUS_HELD, NULL, error))
    return FALSE;
  for (guint i = 0; i < n_units; i++)
    {
      GjAttendanceStatus s = (i + seed) % 5 == 3 ? GJ_ATTENDANCE_LEAVE
                             : (i + seed) % 7 == 5 ? GJ_ATTENDANCE_ABSENT : GJ_ATTENDANCE_PRESENT;
      const char *substitute = s == GJ_ATTENDANCE_PRESENT && (i + seed) % 4 == 1 ? "副书记代为出席" : NULL;

      if (!gj_store_set_attendance (store, m, ids[i], s, substitute, error))
        return FALSE;
    }
  if (!minutes)
    return TRUE;

  saved = gj_store_list_agenda (store, m, error);
  if (saved == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (saved); i++)
    {
      g_autoptr(GjRecord) r = g_list_model_get_item (saved, i);

      gj_record_set_text (r, "discussion", i == 0 ? "各单位汇报了本月共建工作进展，提出下一步打算。" : matter[1]);
      gj_record_set_text (r, "decision", i == 0 ? "各单位按计划推进共建项目，下月汇报。" : matter[2]);
      gj_record_set_bool (r, "publish", TRUE);
      if (i == 1 && n_units > 1)
        {
          g_autoptr(GDate) today = gj_today ();
          g_autoptr(GDate) due = date_add (today, 20 + (int) seed);
          g_autofree char *deadline = iso_date (due);

          gj_record_set_int (r, "responsible_unit_id", ids[1]);
          gj_record_set_text (r, "measures", matter[3]);
          gj_record_set_text (r, "deadline", deadline);
          gj_record_set_text (r, "outcome", seed % 2 ? "unfinished" : "open");
        }
      else
        gj_record_set_text (r, "outcome", "done");
      if (!gj_store_agenda_item_save (store, GJ_AGENDA_ITEM (r), error))
        return FALSE;
      if (i == 1 && n_units > 1 && seed % 2 == 0)
        {
          g_autoptr(GjProblem) p = gj_store_followup_to_problem (store, GJ_AGENDA_ITEM (r), NULL, error);
          g_autoptr(GjRecord) echo = NULL;

          if (p == NULL)
            return FALSE;
          /* The wall moves on: some are being handled, some answered. */
          if (seed % 6 != 0
              && !gj_store_problem_move (store, GJ_RECORD (p), GJ_PROBLEM_IN_PROGRESS, NULL, NULL, error))
            return FALSE;
          if (seed % 6 == 4
              && (!gj_store_problem_move (store, GJ_RECORD (p), GJ_PROBLEM_RESOLVED, NULL, NULL, error)
                  || (echo = gj_store_problem_publish (store, GJ_RECORD (p), matter[2], NULL, "社区公告栏", error)) == NULL))
            return FALSE;
        }
    }
  gj_record_set_text (GJ_RECORD (m), "minutes", "会议由街道党工委书记主持，驻区单位代表参加。");
  if (!gj_store_update (store, GJ_RECORD (m), error)
      || !gj_store_meeting_move (store, m, GJ_MEETING_STATUS_MINUTED, NULL, error))
    return FALSE;
  if (close && !gj_store_meeting_move (store, m, GJ_MEETING_STATUS_CLOSED, NULL, error))
    return FALSE;
  return TRUE;
}

static gboolean
add_street (GjStore     *store,
            GjRecord    *street,
            guint        index,
            GError     **error)
{
  g_autoptr(GjMeeting) master = gj_meeting_new ();
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GListModel) occurrences = NULL;
  g_autoptr(GDate) today = gj_today ();
  g_autoptr(GDate) recent = date_add (today, -3);
  g_autofree char *year_start = g_strdup_printf ("%04d-01-01", g_date_get_year (today));
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *title = NULL;
  g_autofree char *last_day = iso_date (recent);
  GjRecurrence rule;
  guint held = 0;
  int year = g_date_get_year (today);

  units = units_of (store, gj_record_get_id (street), error);
  if (units == NULL)
    return FALSE;

  gj_recurrence_init (&rule);
  if (index % 2 == 0)
    {
      rule.kind = GJ_RECURRENCE_MONTHLY_BY_DAY;
      rule.month_day = 15;
      starts = g_strdup_printf ("%04d-01-15T14:30:00+08:00", year);
      ends = g_strdup_printf ("%04d-01-15T16:00:00+08:00", year);
    }
  else
    {
      /* The last Thursday: the first one is 25–31 January. */
      GDate d;

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 31, 1, year);
      while (g_date_get_weekday (&d) != G_DATE_THURSDAY)
        g_date_subtract_days (&d, 1);
      rule.kind = GJ_RECURRENCE_MONTHLY_BY_WEEKDAY;
      rule.week = -1;
      rule.weekday = G_DATE_THURSDAY;
      starts = g_strdup_printf ("%04d-01-%02dT09:00:00+08:00", year, g_date_get_day (&d));
      ends = g_strdup_printf ("%04d-01-%02dT10:30:00+08:00", year, g_date_get_day (&d));
    }
  rule.end = GJ_RECURRENCE_END_COUNT;
  rule.count = 12;

  title = g_strdup_printf ("%s党建联席会议", gj_record_get_text (street, "name"));
  gj_record_set_text (GJ_RECORD (master), "title", title);
  gj_record_set_text (GJ_RECORD (master), "category", "党建联席会议");
  gj_record_set_int (GJ_RECORD (master), "street_id", gj_record_get_id (street));
  gj_record_set_text (GJ_RECORD (master), "starts_at", starts);
  gj_record_set_text (GJ_RECORD (master), "ends_at", ends);
  gj_record_set_text (GJ_RECORD (master), "location", "街道党群服务中心会议室");
  gj_record_set_text (GJ_RECORD (master), "organizer", gj_record_get_text (street, "name"));
  if (!gj_store_series_create (store, master, &rule, NULL, error)
      || !gj_store_series_set_themes (store, master, year, themes, error))
    return FALSE;

  /* Backlog topics wait for the next meeting. */
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      g_autoptr(GjRecord) t = GJ_RECORD (gj_topic_new ());
      g_autoptr(GDate) on = date_add (today, -10 - 7 * (int) i);
      g_autofree char *day = iso_date (on);

      gj_record_set_text (t, "title", topics[i][0]);
      gj_record_set_text (t, "description", topics[i][1]);
      gj_record_set_int (t, "street_id", gj_record_get_id (street));
      if (g_list_model_get_n_items (units) > i + 2)
        {
          g_autoptr(GjRecord) u = g_list_model_get_item (units, i + 2);

          gj_record_set_int (t, "unit_id", gj_record_get_id (u));
        }
      gj_record_set_text (t, "suggested_on", day);
      gj_record_set_int (t, "minutes_planned", 15);
      gj_record_set_text (t, "status", "waiting");
      if (!gj_store_insert (store, t, error))
        return FALSE;
    }

  /* Meetings so far this year are held (the last one without minutes
   * yet); February's moves out of the Spring Festival week, for the first
   * street, and one later meeting is cancelled, for the second. */
  occurrences = gj_meeting_occurrences (master, NULL, year_start, last_day, error);
  if (occurrences == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (occurrences); i++)
    {
      g_autoptr(GjOccurrence) occ = g_list_model_get_item (occurrences, i);
      g_autoptr(GjMeeting) m = NULL;
      gboolean last = i + 1 == g_list_model_get_n_items (occurrences);
      const char *rid = gj_occurrence_get_recurrence_id (occ);

      if (index == 0 && g_str_has_prefix (rid + 4, "-02-"))
        {
          g_autofree char *moved = g_strdup_printf ("%.8s25T14:30:00+08:00", rid);

          m = gj_store_occurrence_move (store, master, rid, moved, NULL, "春节假期顺延", error);
        }
      else if (index == 1 && i == 2 && !last)
        {
          m = gj_store_occurrence_cancel (store, master, rid, "与区委专题会议冲突，本月合并召开", error);
          if (m == NULL)
            return FALSE;
          continue;
        }
      else
        m = gj_store_occurrence_materialize (store, master, rid, error);
      if (m == NULL)
        return FALSE;
      if (gj_meeting_get_status (m) != GJ_MEETING_STATUS_SCHEDULED)
        continue;
      {
        g_autofree char *date = gj_meeting_dup_start_date (m);
        g_autofree char *limit = iso_date (recent);

        /* A moved meeting may now lie ahead. */
        if (g_strcmp0 (date, limit) > 0)
          continue;
      }
      if (!hold_meeting (store, m, units, index + held, !last, !last && held % 2 == 0, error))
        return FALSE;
      held++;
    }
  return TRUE;
}

gboolean
gj_sample_add_meetings (GjStore  *store,
                        GError  **error)
{
  g_autoptr(GListModel) streets = NULL;

  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);

  streets = gj_store_list (store, GJ_TYPE_STREET, error);
  if (streets == NULL || !gj_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (streets); i++)
    {
      g_autoptr(GjRecord) street = g_list_model_get_item (streets, i);

      if (!add_street (store, street, i, error))
        {
          g_prefix_error (error, _("Sample meetings of %s: "), gj_record_get_label (street));
          gj_store_rollback (store);
          return FALSE;
        }
    }
  return gj_store_commit (store, error);
}
