/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "gj-coords.h"
#include "gj-io-private.h"
#include "gj-store-private.h"

G_DEFINE_QUARK (gj-io-error-quark, gj_io_error)

/* Keys as the district's own files (and gen-synthetic.py) write them first,
 * then the other names people use, English and Chinese. */
static const GjColumn grid_columns[] = {
  { "grid_id|code|grid_code|网格编码|网格编号|编码", "code", GJ_COLUMN_FIELD },
  { "name|grid_name|网格名称|名称", "name", GJ_COLUMN_FIELD },
  { "district_code|区划代码", NULL, GJ_COLUMN_DISTRICT_CODE },
  { "district|区", NULL, GJ_COLUMN_DISTRICT_NAME },
  { "street_code|街道代码", NULL, GJ_COLUMN_STREET_CODE },
  { "street|street_name|街道", NULL, GJ_COLUMN_STREET_NAME },
  { "community_code|社区代码", NULL, GJ_COLUMN_COMMUNITY_CODE },
  { "community|community_name|社区", NULL, GJ_COLUMN_COMMUNITY_NAME },
  { "grid_type|kind|type|网格类型|类型", "kind", GJ_COLUMN_FIELD },
  { "households|户数", "households", GJ_COLUMN_FIELD },
  { "population|人口|人口数", "population", GJ_COLUMN_FIELD },
  { "area_m2|declared_area|面积", "declared_area", GJ_COLUMN_FIELD },
  { "gridman|worker|grid_worker|网格员", "worker", GJ_COLUMN_FIELD },
  { "gridman_phone|worker_phone|网格员电话|联系电话", "worker_phone", GJ_COLUMN_FIELD },
  { "established|成立日期", "established", GJ_COLUMN_FIELD },
  { "remark|备注", "remark", GJ_COLUMN_FIELD },
  { "geodesic_area_m2", "area", GJ_COLUMN_FIELD },
  { "uuid", NULL, GJ_COLUMN_UUID },
};

static const GjColumn station_columns[] = {
  { "station_id|code|编码|阵地编码", "code", GJ_COLUMN_FIELD },
  { "name|名称|阵地名称", "name", GJ_COLUMN_FIELD },
  { "type|kind|类型|阵地类型", "kind", GJ_COLUMN_FIELD },
  { "grid_id|grid_code|网格编码|所在网格", NULL, GJ_COLUMN_GRID_CODE },
  { "community|社区", NULL, GJ_COLUMN_COMMUNITY_NAME },
  { "community_code|社区代码", NULL, GJ_COLUMN_COMMUNITY_CODE },
  { "street|街道", NULL, GJ_COLUMN_STREET_NAME },
  { "street_code|街道代码", NULL, GJ_COLUMN_STREET_CODE },
  { "district|区", NULL, GJ_COLUMN_DISTRICT_NAME },
  { "district_code|区划代码", NULL, GJ_COLUMN_DISTRICT_CODE },
  { "address|地址", "address", GJ_COLUMN_FIELD },
  { "phone|电话|联系电话", "phone", GJ_COLUMN_FIELD },
  { "contact|联系人", "contact", GJ_COLUMN_FIELD },
  { "open_hours|开放时间", "open_hours", GJ_COLUMN_FIELD },
  { "staff|工作人员", "staff", GJ_COLUMN_FIELD },
  { "floor_area_m2|floor_area|面积|建筑面积", "floor_area", GJ_COLUMN_FIELD },
  { "services|服务项目", "services", GJ_COLUMN_JSON_LIST },
  { "opened|启用日期", "opened", GJ_COLUMN_FIELD },
  { "remark|备注", "remark", GJ_COLUMN_FIELD },
  { "lon|longitude|经度", "lon", GJ_COLUMN_FIELD },
  { "lat|latitude|纬度", "lat", GJ_COLUMN_FIELD },
  { "uuid", NULL, GJ_COLUMN_UUID },
};

static const GjColumn unit_columns[] = {
  { "unit_id|code|单位编码|编号", "code", GJ_COLUMN_FIELD },
  { "name|单位名称|名称", "name", GJ_COLUMN_FIELD },
  { "unit_type|kind|type|单位类型|单位性质", "kind", GJ_COLUMN_FIELD },
  { "credit_code|统一社会信用代码|信用代码", "credit_code", GJ_COLUMN_FIELD },
  { "address|地址|单位地址", "address", GJ_COLUMN_FIELD },
  { "contact_person|contact|联系人", "contact_person", GJ_COLUMN_FIELD },
  { "contact_mobile|contact_phone|mobile|phone|联系电话|手机|手机号码", "contact_phone", GJ_COLUMN_FIELD },
  { "landline|座机|办公电话", "landline", GJ_COLUMN_FIELD },
  { "staff_count|职工人数|员工人数", "staff_count", GJ_COLUMN_FIELD },
  { "party_members|党员人数|党员数", "party_members", GJ_COLUMN_FIELD },
  { "party_org|党组织|党组织类型", "party_org", GJ_COLUMN_FIELD },
  { "district|区", NULL, GJ_COLUMN_DISTRICT_NAME },
  { "street|街道", NULL, GJ_COLUMN_STREET_NAME },
  { "community|社区", NULL, GJ_COLUMN_COMMUNITY_NAME },
  { "grid_id|grid_code|网格编码|所在网格", NULL, GJ_COLUMN_GRID_CODE },
  { "registered_date|成立日期|注册日期", "registered_date", GJ_COLUMN_FIELD },
  { "remark|备注", "remark", GJ_COLUMN_FIELD },
  { "verified_date|核实日期", "verified_date", GJ_COLUMN_FIELD },
  { "lon|longitude|经度", "lon", GJ_COLUMN_FIELD },
  { "lat|latitude|纬度", "lat", GJ_COLUMN_FIELD },
  { "district_code|区划代码", NULL, GJ_COLUMN_DISTRICT_CODE },
  { "street_code|街道代码", NULL, GJ_COLUMN_STREET_CODE },
  { "community_code|社区代码", NULL, GJ_COLUMN_COMMUNITY_CODE },
  { "uuid", NULL, GJ_COLUMN_UUID },
};

static const GjColumn agreement_columns[] = {
  { "agreement_id|code|协议编号|编号", "code", GJ_COLUMN_FIELD },
  { "title|协议名称|名称", "title", GJ_COLUMN_FIELD },
  { "unit_id|unit_code|单位编码", NULL, GJ_COLUMN_UNIT_CODE },
  { "unit_name|单位名称|驻区单位", NULL, GJ_COLUMN_UNIT_NAME },
  { "community_code|社区代码", NULL, GJ_COLUMN_COMMUNITY_CODE },
  { "community|社区", NULL, GJ_COLUMN_COMMUNITY_NAME },
  { "street|街道", NULL, GJ_COLUMN_STREET_NAME },
  { "signed_date|签订日期", "signed_date", GJ_COLUMN_FIELD },
  { "start_date|开始日期|生效日期", "start_date", GJ_COLUMN_FIELD },
  { "end_date|结束日期|到期日期", "end_date", GJ_COLUMN_FIELD },
  { "status|状态", "status", GJ_COLUMN_AGREEMENT_STATUS },
  { "categories|类别|共建领域", "categories", GJ_COLUMN_FIELD },
  { "content|内容|共建内容", "content", GJ_COLUMN_FIELD },
  { "funding_yuan|funding|经费|经费（元）", "funding", GJ_COLUMN_FIELD },
  { "unit_contact|单位联系人", "unit_contact", GJ_COLUMN_FIELD },
  { "unit_phone|单位电话|单位联系电话", "unit_phone", GJ_COLUMN_FIELD },
  { "community_contact|社区联系人", "community_contact", GJ_COLUMN_FIELD },
  { "remark|备注", "remark", GJ_COLUMN_FIELD },
  { "street_code|街道代码", NULL, GJ_COLUMN_STREET_CODE },
  { "uuid", NULL, GJ_COLUMN_UUID },
};

static const GjColumn meeting_columns[] = {
  { "meeting_id|code|编号", "code", GJ_COLUMN_FIELD },
  { "uid", "ical_uid", GJ_COLUMN_FIELD },
  { "summary|title|主题|会议主题", "title", GJ_COLUMN_FIELD },
  { "category|类别", "category", GJ_COLUMN_FIELD },
  { "street|街道", NULL, GJ_COLUMN_STREET_NAME },
  { "start|starts_at|开始时间", "starts_at", GJ_COLUMN_FIELD },
  { "end|ends_at|结束时间", "ends_at", GJ_COLUMN_FIELD },
  { "all_day|全天", "all_day", GJ_COLUMN_FIELD },
  { "location|地点", "location", GJ_COLUMN_FIELD },
  { "organizer|召集单位", "organizer", GJ_COLUMN_FIELD },
  { "status|状态", "status", GJ_COLUMN_FIELD },
  { "contact|联系人", "contact", GJ_COLUMN_FIELD },
  { "contact_phone|联系电话", "contact_phone", GJ_COLUMN_FIELD },
  { "remark|备注", "remark", GJ_COLUMN_FIELD },
  { "street_code|街道代码", NULL, GJ_COLUMN_STREET_CODE },
  { "uuid", NULL, GJ_COLUMN_UUID },
};

static const GjColumn problem_columns[] = {
  { "problem_id|code|编号", "code", GJ_COLUMN_FIELD },
  { "title|问题|标题", "title", GJ_COLUMN_FIELD },
  { "description|描述|问题描述", "description", GJ_COLUMN_FIELD },
  { "category|类别|问题类别", "category", GJ_COLUMN_FIELD },
  { "source|来源", "source", GJ_COLUMN_FIELD },
  { "grid_id|grid_code|网格编码|所在网格", NULL, GJ_COLUMN_GRID_CODE },
  { "lead_unit_id|lead_unit|责任单位编码", NULL, GJ_COLUMN_LEAD_UNIT_CODE },
  { "measures|整改措施|措施", "measures", GJ_COLUMN_FIELD },
  { "deadline|整改期限|期限", "deadline", GJ_COLUMN_FIELD },
  { "status|状态", "status", GJ_COLUMN_FIELD },
  { "escalated_to|吹哨对象|上报给", "escalated_to", GJ_COLUMN_FIELD },
  { "reason|原因|说明", "reason", GJ_COLUMN_FIELD },
  { "resolved_on|解决日期", "resolved_on", GJ_COLUMN_FIELD },
  { "lon|longitude|经度", "lon", GJ_COLUMN_FIELD },
  { "lat|latitude|纬度", "lat", GJ_COLUMN_FIELD },
  { "uuid", NULL, GJ_COLUMN_UUID },
};

/* The four lists (资源/需求/项目/服务清单); "list" takes English or Chinese. */
static const GjColumn item_columns[] = {
  { "list|list_type|清单|清单类型|清单类别", "list", GJ_COLUMN_FIELD },
  { "title|name|名称|标题|事项|项目名称|资源名称|需求名称", "title", GJ_COLUMN_FIELD },
  { "category|类别|分类", "category", GJ_COLUMN_FIELD },
  { "quantity|数量", "quantity", GJ_COLUMN_FIELD },
  { "measure|计量单位", "measure", GJ_COLUMN_FIELD },
  { "unit_id|unit_code|单位编码", NULL, GJ_COLUMN_UNIT_CODE },
  { "unit_name|单位名称|驻区单位|提供单位", NULL, GJ_COLUMN_UNIT_NAME },
  { "street|街道", NULL, GJ_COLUMN_STREET_NAME },
  { "community|社区", NULL, GJ_COLUMN_COMMUNITY_NAME },
  { "community_code|社区代码", NULL, GJ_COLUMN_COMMUNITY_CODE },
  { "grid_id|grid_code|网格编码|所在网格", NULL, GJ_COLUMN_GRID_CODE },
  { "status|状态", "status", GJ_COLUMN_FIELD },
  { "description|描述|内容|说明", "description", GJ_COLUMN_FIELD },
  { "remark|备注", "remark", GJ_COLUMN_FIELD },
  { "uuid", NULL, GJ_COLUMN_UUID },
};

/* Yearly evaluations (年度评议) of agreements. */
static const GjColumn evaluation_columns[] = {
  { "agreement_id|agreement_code|协议编号", NULL, GJ_COLUMN_AGREEMENT_CODE },
  { "agreement|agreement_title|协议名称", NULL, GJ_COLUMN_AGREEMENT_TITLE },
  { "year|年度", "year", GJ_COLUMN_FIELD },
  { "fulfilled|履约|是否履约", "fulfilled", GJ_COLUMN_FIELD },
  { "score|得分|评分", "score", GJ_COLUMN_FIELD },
  { "comment|评语|评议意见", "comment", GJ_COLUMN_FIELD },
  { "evaluator|评议人", "evaluator", GJ_COLUMN_FIELD },
  { "evaluated_on|评议日期", "evaluated_on", GJ_COLUMN_FIELD },
  { "uuid", NULL, GJ_COLUMN_UUID },
};

static const GjKindMap kind_maps[] = {
  { "grids", gj_grid_get_type, grid_columns, G_N_ELEMENTS (grid_columns) },
  { "stations", gj_station_get_type, station_columns, G_N_ELEMENTS (station_columns) },
  { "units", gj_unit_get_type, unit_columns, G_N_ELEMENTS (unit_columns) },
  { "agreements", gj_agreement_get_type, agreement_columns, G_N_ELEMENTS (agreement_columns) },
  { "meetings", gj_meeting_get_type, meeting_columns, G_N_ELEMENTS (meeting_columns) },
  { "problems", gj_problem_get_type, problem_columns, G_N_ELEMENTS (problem_columns) },
  { "items", gj_list_item_get_type, item_columns, G_N_ELEMENTS (item_columns) },
  { "evaluations", gj_evaluation_get_type, evaluation_columns, G_N_ELEMENTS (evaluation_columns) },
};

const char * const *
gj_io_get_kinds (void)
{
  static const char *kinds[] = { "grids", "stations", "units", "agreements", "meetings", "problems",
                                 "items", "evaluations", NULL };

  return kinds;
}

const GjKindMap *
gj_io_kind_map (const char *kind)
{
  g_autofree char *plural = NULL;

  if (kind == NULL)
    return NULL;
  /* The record kind's own name and the usual spellings of the lists. */
  if (strcmp (kind, "list_item") == 0 || strcmp (kind, "list_items") == 0 ||
      strcmp (kind, "list-items") == 0 || strcmp (kind, "list-item") == 0)
    kind = "items";
  /* "grid" and "grids" both do. */
  plural = g_str_has_suffix (kind, "s") ? g_strdup (kind) : g_strconcat (kind, "s", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kind_maps); i++)
    if (strcmp (kind_maps[i].kind, plural) == 0)
      return &kind_maps[i];
  return NULL;
}

char *
gj_io_column_key (const GjColumn *column)
{
  const char *bar = strchr (column->names, '|');

  return bar ? g_strndup (column->names, bar - column->names) : g_strdup (column->names);
}

const GjColumn *
gj_io_find_column (const GjKindMap *map,
                   const char      *name)
{
  static GHashTable *index; /* "kind\x1fname" → column, built once */
  G_LOCK_DEFINE_STATIC (index);
  g_autofree char *trimmed = NULL;
  g_autofree char *want = NULL;
  g_autofree char *key = NULL;
  const GjColumn *found;

  if (name == NULL)
    return NULL;

  G_LOCK (index);
  if (index == NULL)
    {
      index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint m = 0; m < G_N_ELEMENTS (kind_maps); m++)
        for (guint i = 0; i < kind_maps[m].n_columns; i++)
          {
            g_auto(GStrv) names = g_strsplit (kind_maps[m].columns[i].names, "|", -1);

            /* The first column to claim a name keeps it. */
            for (guint k = 0; names[k]; k++)
              {
                char *k2 = g_strdup_printf ("%s\x1f%s", kind_maps[m].kind, names[k]);

                if (!g_hash_table_contains (index, k2))
                  g_hash_table_insert (index, k2, (gpointer) &kind_maps[m].columns[i]);
                else
                  g_free (k2);
              }
          }
    }
  G_UNLOCK (index);

  trimmed = g_strstrip (g_strdup (name));
  want = g_utf8_strdown (trimmed, -1);
  key = g_strdup_printf ("%s\x1f%s", map->kind, want);
  G_LOCK (index);
  found = g_hash_table_lookup (index, key);
  G_UNLOCK (index);
  return found;
}

void
gj_import_result_free (GjImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->kind);
  g_free (result->format);
  g_free (result->encoding);
  g_free (result->notes);
  g_free (result);
}

/* Links ------------------------------------------------------------------- */

struct _GjLinks
{
  GjStore    *store;
  GHashTable *districts;    /* "c:code" / "n:name" → id */
  GHashTable *streets;
  GHashTable *communities;  /* also "s:street_id:name" */
  GHashTable *codes;        /* GType → (code → id) */
  GHashTable *records;      /* "kind:id" → GjRecord, for exports */
};

GjLinks *
gj_links_new (GjStore *store)
{
  GjLinks *links = g_new0 (GjLinks, 1);

  links->store = g_object_ref (store);
  links->districts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  links->streets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  links->communities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  links->codes = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  links->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return links;
}

void
gj_links_free (GjLinks *links)
{
  if (links == NULL)
    return;
  g_object_unref (links->store);
  g_hash_table_unref (links->districts);
  g_hash_table_unref (links->streets);
  g_hash_table_unref (links->communities);
  g_hash_table_unref (links->codes);
  g_hash_table_unref (links->records);
  g_free (links);
}

static gboolean
blank (const char *s)
{
  return s == NULL || *s == '\0';
}

/* Finds or creates the district/street/community with this code or name. */
static gint64
ensure_place (GjLinks     *links,
              GHashTable  *cache,
              GType        type,
              const char  *code,
              const char  *name,
              const char  *parent_field,
              gint64       parent_id,
              GError     **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GjRecord) record = NULL;
  gpointer cached;

  if (blank (code) && blank (name))
    return 0;

  key = !blank (code) ? g_strconcat ("c:", code, NULL)
                      : g_strdup_printf ("n:%" G_GINT64_FORMAT ":%s", parent_id, name);
  if (g_hash_table_lookup_extended (cache, key, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);

  if (!blank (code))
    {
      g_autoptr(GError) local_error = NULL;

      record = gj_store_find_by_code (links->store, type, code, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return -1;
        }
    }
  /* A place first met by name only (a units table names communities, an
   * agreements table adds their codes) is the same place: no second one. */
  if (record == NULL && !blank (name))
    {
      GValue v = G_VALUE_INIT;
      g_autoptr(GListModel) list = NULL;

      g_value_init (&v, G_TYPE_STRING);
      g_value_set_string (&v, name);
      list = gj_store_list_where (links->store, type, "name", &v, error);
      g_value_unset (&v);
      if (list == NULL)
        return -1;
      for (guint i = 0; i < g_list_model_get_n_items (list) && record == NULL; i++)
        {
          g_autoptr(GjRecord) r = g_list_model_get_item (list, i);

          if ((parent_field == NULL || gj_record_get_int (r, parent_field) == parent_id || parent_id == 0) &&
              (blank (code) || gj_record_is_null (r, "code")))
            record = g_steal_pointer (&r);
        }
      if (record != NULL && !blank (code))
        {
          gj_record_set_text (record, "code", code);
          if (!gj_store_update (links->store, record, error))
            return -1;
        }
    }

  if (record == NULL)
    {
      record = g_object_new (type, NULL);
      if (!blank (code))
        gj_record_set_text (record, "code", code);
      gj_record_set_text (record, "name", !blank (name) ? name : code);
      if (parent_field != NULL && parent_id > 0)
        gj_record_set_int (record, parent_field, parent_id);
      if (!gj_store_insert (links->store, record, error))
        return -1;
    }
  else if (parent_field != NULL && parent_id > 0 && gj_record_is_null (record, parent_field))
    {
      gj_record_set_int (record, parent_field, parent_id);
      if (!gj_store_update (links->store, record, error))
        return -1;
    }

  g_hash_table_insert (cache, g_steal_pointer (&key), GSIZE_TO_POINTER (gj_record_get_id (record)));
  return gj_record_get_id (record);
}

gboolean
gj_links_resolve (GjLinks     *links,
                  GjRecord    *record,
                  const char  *district_code,
                  const char  *district_name,
                  const char  *street_code,
                  const char  *street_name,
                  const char  *community_code,
                  const char  *community_name,
                  GError     **error)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (record);
  gint64 district, street, community;

  district = ensure_place (links, links->districts, GJ_TYPE_DISTRICT, district_code, district_name, NULL, 0, error);
  if (district < 0)
    return FALSE;
  street = ensure_place (links, links->streets, GJ_TYPE_STREET, street_code, street_name, "district_id", district, error);
  if (street < 0)
    return FALSE;
  community = ensure_place (links, links->communities, GJ_TYPE_COMMUNITY, community_code, community_name,
                            "street_id", street, error);
  if (community < 0)
    return FALSE;

  if (street > 0 && gj_record_class_find_field (klass, "street_id", NULL))
    gj_record_set_int (record, "street_id", street);
  if (community > 0 && gj_record_class_find_field (klass, "community_id", NULL))
    gj_record_set_int (record, "community_id", community);
  else if (community > 0 && gj_record_class_find_field (klass, "owner_community_id", NULL))
    gj_record_set_int (record, "owner_community_id", community);
  return TRUE;
}

gint64
gj_links_code_to_id (GjLinks     *links,
                     GType        type,
                     const char  *code,
                     GError     **error)
{
  GHashTable *codes;

  if (blank (code))
    return 0;

  codes = g_hash_table_lookup (links->codes, GSIZE_TO_POINTER (type));
  if (codes == NULL)
    {
      g_autoptr(GListModel) records = gj_store_list_full (links->store, type, NULL, GJ_STORE_LIST_NO_GEOMETRY, error);

      if (records == NULL)
        return -1;
      codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(GjRecord) r = g_list_model_get_item (records, i);
          const char *c = gj_record_get_text (r, "code");

          /* The first record with a code keeps it (duplicates are a data check). */
          if (c != NULL && !g_hash_table_contains (codes, c))
            g_hash_table_insert (codes, g_strdup (c), GSIZE_TO_POINTER (gj_record_get_id (r)));
        }
      g_hash_table_insert (links->codes, GSIZE_TO_POINTER (type), codes);
    }
  return GPOINTER_TO_SIZE (g_hash_table_lookup (codes, code));
}

static GjRecord *
cached_record (GjLinks *links,
               GType    type,
               gint64   id)
{
  g_autofree char *key = NULL;
  GjRecord *record;

  if (id <= 0)
    return NULL;
  key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, g_type_name (type), id);
  record = g_hash_table_lookup (links->records, key);
  if (record == NULL)
    {
      record = gj_store_get (links->store, type, id, NULL);
      if (record == NULL)
        return NULL;
      g_hash_table_insert (links->records, g_steal_pointer (&key), record);
    }
  return record;
}

const char *
gj_links_lookup (GjLinks      *links,
                 GjRecord     *record,
                 GjColumnRole  role)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (record);
  GjRecord *street = NULL, *community = NULL, *district = NULL, *grid = NULL, *unit = NULL, *agreement = NULL;

  if (gj_record_class_find_field (klass, "community_id", NULL))
    community = cached_record (links, GJ_TYPE_COMMUNITY, gj_record_get_int (record, "community_id"));
  else if (gj_record_class_find_field (klass, "owner_community_id", NULL))
    community = cached_record (links, GJ_TYPE_COMMUNITY, gj_record_get_int (record, "owner_community_id"));
  if (gj_record_class_find_field (klass, "street_id", NULL))
    street = cached_record (links, GJ_TYPE_STREET, gj_record_get_int (record, "street_id"));
  if (street == NULL && community != NULL)
    street = cached_record (links, GJ_TYPE_STREET, gj_record_get_int (community, "street_id"));
  if (street != NULL)
    district = cached_record (links, GJ_TYPE_DISTRICT, gj_record_get_int (street, "district_id"));
  if (gj_record_class_find_field (klass, "grid_id", NULL))
    grid = cached_record (links, GJ_TYPE_GRID, gj_record_get_int (record, "grid_id"));
  if (gj_record_class_find_field (klass, "unit_id", NULL))
    unit = cached_record (links, GJ_TYPE_UNIT, gj_record_get_int (record, "unit_id"));
  else if (gj_record_class_find_field (klass, "owner_unit_id", NULL))
    unit = cached_record (links, GJ_TYPE_UNIT, gj_record_get_int (record, "owner_unit_id"));
  if (gj_record_class_find_field (klass, "agreement_id", NULL))
    agreement = cached_record (links, GJ_TYPE_AGREEMENT, gj_record_get_int (record, "agreement_id"));

  switch (role)
    {
    case GJ_COLUMN_STREET_CODE: return street ? gj_record_get_text (street, "code") : NULL;
    case GJ_COLUMN_STREET_NAME: return street ? gj_record_get_text (street, "name") : NULL;
    case GJ_COLUMN_COMMUNITY_CODE: return community ? gj_record_get_text (community, "code") : NULL;
    case GJ_COLUMN_COMMUNITY_NAME: return community ? gj_record_get_text (community, "name") : NULL;
    case GJ_COLUMN_DISTRICT_CODE: return district ? gj_record_get_text (district, "code") : NULL;
    case GJ_COLUMN_DISTRICT_NAME: return district ? gj_record_get_text (district, "name") : NULL;
    case GJ_COLUMN_GRID_CODE: return grid ? gj_record_get_text (grid, "code") : NULL;
    case GJ_COLUMN_UNIT_CODE: return unit ? gj_record_get_text (unit, "code") : NULL;
    case GJ_COLUMN_UNIT_NAME: return unit ? gj_record_get_text (unit, "name") : NULL;
    case GJ_COLUMN_AGREEMENT_STATUS:
      {
        g_autoptr(GDate) today = gj_today ();

        return GJ_IS_AGREEMENT (record)
               ? gj_agreement_status_to_string (gj_agreement_get_status (GJ_AGREEMENT (record), today)) : NULL;
      }
    case GJ_COLUMN_LEAD_UNIT_CODE:
      {
        GjRecord *lead = gj_record_class_find_field (klass, "lead_unit_id", NULL)
                         ? cached_record (links, GJ_TYPE_UNIT, gj_record_get_int (record, "lead_unit_id")) : NULL;

        return lead ? gj_record_get_text (lead, "code") : NULL;
      }
    case GJ_COLUMN_UUID: return gj_record_get_uuid (record);
    case GJ_COLUMN_AGREEMENT_CODE: return agreement ? gj_record_get_text (agreement, "code") : NULL;
    case GJ_COLUMN_AGREEMENT_TITLE: return agreement ? gj_record_get_text (agreement, "title") : NULL;
    case GJ_COLUMN_FIELD:
    case GJ_COLUMN_JSON_LIST:
    default:
      return NULL;
    }
}

/* Tables ------------------------------------------------------------------ */

gboolean
gj_io_collect_table (GjStore          *store,
                     const GjKindMap  *map,
                     GPtrArray       **keys_out,
                     GPtrArray       **rows_out,
                     GError          **error)
{
  g_autoptr(GListModel) records = gj_store_list (store, map->get_type (), error);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  GjLinks *links;

  if (records == NULL)
    return FALSE;

  for (guint i = 0; i < map->n_columns; i++)
    {
      char *key = gj_io_column_key (&map->columns[i]);

      g_ptr_array_add (keys, key);
      g_hash_table_add (known, key);
    }

  links = gj_links_new (store);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(GjRecord) record = g_list_model_get_item (records, i);
      JsonObject *props = gj_io_record_properties (map, links, record);
      g_autoptr(GList) members = NULL;

      for (guint c = 0; c < map->n_columns; c++)
        if (map->columns[c].role > GJ_COLUMN_UUID)
          {
            const char *text = gj_links_lookup (links, record, map->columns[c].role);

            if (text != NULL)
              {
                g_autofree char *key = gj_io_column_key (&map->columns[c]);

                json_object_set_string_member (props, key, text);
              }
          }
      members = json_object_get_members (props);

      for (GList *l = members; l; l = l->next)
        if (!g_hash_table_contains (known, l->data))
          {
            char *key = g_strdup (l->data);

            g_ptr_array_add (keys, key);
            g_hash_table_add (known, key);
          }
      g_ptr_array_add (rows, props);
    }
  gj_links_free (links);

  *keys_out = g_steal_pointer (&keys);
  *rows_out = g_steal_pointer (&rows);
  return TRUE;
}

gboolean
gj_io_resolve_row (GjLinks          *links,
                   GjStore          *store,
                   GjRecord         *record,
                   const GjRowRefs  *refs,
                   JsonObject       *extra,
                   int               crs,
                   GError          **error)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (record);
  gboolean has_point = gj_record_class_find_field (klass, "lon", NULL) &&
                       !gj_record_is_null (record, "lon") && !gj_record_is_null (record, "lat");

  if (crs != GJ_CRS_WGS84 && has_point)
    {
      double x, y;

      gj_coords_to_wgs84 (crs, gj_record_get_real (record, "lon"), gj_record_get_real (record, "lat"), &x, &y);
      gj_record_set_real (record, "lon", x);
      gj_record_set_real (record, "lat", y);
    }

  if (!gj_links_resolve (links, record,
                         refs->places[GJ_COLUMN_DISTRICT_CODE], refs->places[GJ_COLUMN_DISTRICT_NAME],
                         refs->places[GJ_COLUMN_STREET_CODE], refs->places[GJ_COLUMN_STREET_NAME],
                         refs->places[GJ_COLUMN_COMMUNITY_CODE], refs->places[GJ_COLUMN_COMMUNITY_NAME], error))
    return FALSE;

  if (gj_record_class_find_field (klass, "grid_id", NULL))
    {
      gint64 grid = gj_links_code_to_id (links, GJ_TYPE_GRID, refs->grid_code, error);

      if (grid < 0)
        return FALSE;
      /* Kept for the round trip until that grid arrives. */
      if (grid == 0 && refs->grid_code != NULL)
        json_object_set_string_member (extra, "grid_id", refs->grid_code);
      if (grid == 0 && has_point)
        {
          g_autoptr(GjGrid) found = gj_store_find_grid_at (store, gj_record_get_real (record, "lon"),
                                                           gj_record_get_real (record, "lat"), NULL);
          if (found != NULL)
            grid = gj_record_get_id (GJ_RECORD (found));
        }
      if (grid > 0)
        gj_record_set_int (record, "grid_id", grid);
    }

  if (gj_record_class_find_field (klass, "unit_id", NULL) || gj_record_class_find_field (klass, "owner_unit_id", NULL))
    {
      const char *field = gj_record_class_find_field (klass, "unit_id", NULL) ? "unit_id" : "owner_unit_id";
      gint64 unit = gj_links_code_to_id (links, GJ_TYPE_UNIT, refs->unit_code, error);

      if (unit < 0)
        return FALSE;
      if (unit == 0 && refs->unit_code != NULL)
        json_object_set_string_member (extra, "unit_id", refs->unit_code);
      if (unit == 0 && refs->unit_name != NULL)
        json_object_set_string_member (extra, "unit_name", refs->unit_name);
      if (unit > 0)
        gj_record_set_int (record, field, unit);
    }

  if (gj_record_class_find_field (klass, "agreement_id", NULL))
    {
      gint64 agreement = gj_links_code_to_id (links, GJ_TYPE_AGREEMENT, refs->agreement_code, error);

      if (agreement < 0)
        return FALSE;
      if (agreement > 0)
        gj_record_set_int (record, "agreement_id", agreement);
    }

  if (gj_record_class_find_field (klass, "lead_unit_id", NULL))
    {
      gint64 lead = gj_links_code_to_id (links, GJ_TYPE_UNIT, refs->lead_unit_code, error);

      if (lead < 0)
        return FALSE;
      if (lead == 0 && refs->lead_unit_code != NULL)
        json_object_set_string_member (extra, "lead_unit_id", refs->lead_unit_code);
      if (lead > 0)
        gj_record_set_int (record, "lead_unit_id", lead);
    }

  /* A UUID from an earlier export says which record this row is. */
  if (refs->uuid != NULL && g_uuid_string_is_valid (refs->uuid))
    gj_record_set_uuid (record, refs->uuid);

  if (gj_record_class_find_field (klass, "extra", NULL) && json_object_get_size (extra) > 0)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), json_object_ref (extra));
      g_autofree char *json = json_to_string (node, FALSE);

      gj_record_set_text (record, "extra", json);
    }
  return TRUE;
}

/* Values ------------------------------------------------------------------ */

gboolean
gj_io_looks_excel_damaged (const char *text)
{
  const char *p = text;

  /* 9.14103E+17, 1.38E+10: a digit, maybe a fraction, E+, an exponent. */
  if (p == NULL)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (!g_ascii_isdigit (*p++))
    return FALSE;
  if (*p == '.')
    {
      if (!g_ascii_isdigit (*++p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if ((*p != 'E' && *p != 'e') || p[1] != '+' || !g_ascii_isdigit (p[2]))
    return FALSE;
  p += 2;
  while (g_ascii_isdigit (*p))
    p++;
  while (g_ascii_isspace (*p))
    p++;
  return *p == '\0';
}

gboolean
gj_io_set_field_from_text (GjRecord    *record,
                           const char  *field,
                           const char  *text,
                           GError     **error)
{
  const GjField *f = gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), field, NULL);
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));

  g_return_val_if_fail (f != NULL, FALSE);

  if (*s == '\0')
    {
      gj_record_set_null (record, field);
      return TRUE;
    }

  switch (f->type)
    {
    case GJ_FIELD_TEXT:
      if (f->flags & GJ_FIELD_FLAG_DATE)
        {
          g_autofree char *iso = gj_date_normalize (s);

          if (iso == NULL)
            {
              g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID,
                           _("“%s” is not a date (write it as 2024-03-15, 2024/3/15 or 2024年3月15日)"), s);
              return FALSE;
            }
          gj_record_set_text (record, field, iso);
          return TRUE;
        }
      if ((f->flags & GJ_FIELD_FLAG_CODE) && gj_io_looks_excel_damaged (s))
        {
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID,
                       _("“%s” was damaged by Excel, which shows long numbers in scientific notation and drops their last digits; format the column as text in Excel and export again"),
                       s);
          return FALSE;
        }
      gj_record_set_text (record, field, s);
      return TRUE;

    case GJ_FIELD_INT:
      {
        gint64 v;
        char *end = NULL;
        double d = g_ascii_strtod (s, &end);

        if (end == NULL || *end != '\0' || d != (double) (gint64) d)
          {
            g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("“%s” is not a whole number"), s);
            return FALSE;
          }
        v = (gint64) d;
        gj_record_set_int (record, field, v);
        return TRUE;
      }

    case GJ_FIELD_REAL:
      {
        char *end = NULL;
        double d = g_ascii_strtod (s, &end);

        if (end == NULL || *end != '\0')
          {
            g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("“%s” is not a number"), s);
            return FALSE;
          }
        gj_record_set_real (record, field, d);
        return TRUE;
      }

    case GJ_FIELD_BOOL:
      gj_record_set_bool (record, field,
                          g_ascii_strcasecmp (s, "true") == 0 || strcmp (s, "1") == 0 ||
                          g_ascii_strcasecmp (s, "y") == 0 || g_ascii_strcasecmp (s, "yes") == 0 ||
                          strcmp (s, "是") == 0);
      return TRUE;

    case GJ_FIELD_GEOMETRY:
    default:
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("this field cannot be read from text"));
      return FALSE;
    }
}

gboolean
gj_io_upsert (GjStore         *store,
              GjLinks         *links,
              GjRecord        *record,
              GHashTable      *seen_codes,
              GjImportResult  *result,
              GError         **error)
{
  const char *code = NULL;
  gint64 id = 0;

  if (gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), "code", NULL))
    code = gj_record_get_text (record, "code");

  /* The same record again: by UUID when the file carries it, else by code. */
  if (gj_record_get_uuid (record) != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GjRecord) existing = gj_store_get_by_uuid (store, G_OBJECT_TYPE (record),
                                                           gj_record_get_uuid (record), &local_error);

      if (local_error != NULL && !g_error_matches (local_error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (existing != NULL)
        id = gj_record_get_id (existing);
    }

  /* A code met twice in one file is two records (the data checks report
   * duplicates); a code already in the store is the same record again,
   * found through one read of all codes (cached in @links). */
  if (id == 0 && code != NULL && !g_hash_table_contains (seen_codes, code))
    {
      id = gj_links_code_to_id (links, G_OBJECT_TYPE (record), code, error);
      if (id < 0)
        return FALSE;
    }
  if (code != NULL)
    g_hash_table_add (seen_codes, g_strdup (code));

  /* The row becomes the stored record: the store compares it with what
   * it holds and logs what changed. */
  if (id > 0)
    {
      gj_record_set_id (record, id);
      if (!gj_store_update (store, record, error))
        return FALSE;
      result->updated++;
      return TRUE;
    }

  if (!gj_store_insert (store, record, error))
    return FALSE;
  result->inserted++;
  return TRUE;
}

/* Dispatch ---------------------------------------------------------------- */

static const char *
format_of (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json"))
    return "geojson";
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") || g_str_has_suffix (lower, ".txt"))
    return "csv";
  if (g_str_has_suffix (lower, ".gpkg"))
    return "gpkg";
  if (g_str_has_suffix (lower, ".kml"))
    return "kml";
  if (g_str_has_suffix (lower, ".xlsx"))
    return "xlsx";
  if (g_str_has_suffix (lower, ".ics") || g_str_has_suffix (lower, ".ical") || g_str_has_suffix (lower, ".ifb"))
    return "ics";
  return NULL;
}

/* Without a telling extension, the first non-blank byte decides. */
static const char *
sniff_format (GBytes *bytes)
{
  gsize n;
  const char *buf = g_bytes_get_data (bytes, &n);

  for (gsize i = 0; buf != NULL && i < n && i < 4096; i++)
    {
      if (g_ascii_isspace (buf[i]) || (guchar) buf[i] == 0xEF || (guchar) buf[i] == 0xBB || (guchar) buf[i] == 0xBF)
        continue;
      if (buf[i] == '<')
        return "kml";
      if (g_ascii_strncasecmp (buf + i, "BEGIN:VCALENDAR", MIN (15, n - i)) == 0)
        return "ics";
      return buf[i] == '{' || buf[i] == '[' ? "geojson" : "csv";
    }
  return NULL;
}

gboolean
gj_import_file (GjStore          *store,
                const char       *path,
                const char       *kind,
                const char       *encoding,
                gboolean          dry_run,
                GjProgressFunc    progress,
                gpointer          user_data,
                GCancellable     *cancellable,
                GjImportResult  **result,
                GError          **error)
{
  GjImportOptions options = { kind, encoding, NULL, dry_run };

  return gj_import_file_full (store, path, &options, progress, user_data, cancellable, result, error);
}

gboolean
gj_import_file_full (GjStore                *store,
                     const char             *path,
                     const GjImportOptions  *options,
                     GjProgressFunc          progress,
                     gpointer                user_data,
                     GCancellable           *cancellable,
                     GjImportResult        **result,
                     GError                **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_name (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: no such file"), name);
      return FALSE;
    }
  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, "%s: %s", name, local_error->message);
      return FALSE;
    }
  bytes = g_mapped_file_get_bytes (file);
  return gj_import_bytes_full (store, path, bytes, options, progress, user_data, cancellable, result, error);
}

gboolean
gj_import_bytes (GjStore          *store,
                 const char       *path,
                 GBytes           *bytes,
                 const char       *kind,
                 const char       *encoding,
                 gboolean          dry_run,
                 GjProgressFunc    progress,
                 gpointer          user_data,
                 GCancellable     *cancellable,
                 GjImportResult  **result,
                 GError          **error)
{
  GjImportOptions options = { kind, encoding, NULL, dry_run };

  return gj_import_bytes_full (store, path, bytes, &options, progress, user_data, cancellable, result, error);
}

gboolean
gj_import_bytes_full (GjStore                *store,
                      const char             *path,
                      GBytes                 *bytes,
                      const GjImportOptions  *options,
                      GjProgressFunc          progress,
                      gpointer                user_data,
                      GCancellable           *cancellable,
                      GjImportResult        **result,
                      GError                **error)
{
  g_autoptr(GjImportResult) res = g_new0 (GjImportResult, 1);
  g_autofree char *name = NULL;
  const char *kind = options->kind;
  const char *format;
  gboolean ok;

  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  name = g_filename_display_name (path);
  if (kind != NULL && gj_io_kind_map (kind) == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_KIND,
                   _("%s: unknown kind “%s” (known: grids, stations, units, agreements, items, meetings, problems)"), name, kind);
      return FALSE;
    }

  format = format_of (path);
  if (format == NULL)
    format = sniff_format (bytes);
  if (format == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_FORMAT,
                   _("%s: cannot tell the format; use a .geojson, .kml or .csv file"), name);
      return FALSE;
    }
  if (strcmp (format, "gpkg") == 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_FORMAT,
                   _("%s: GeoPackage files can be exported but not imported yet; convert it to GeoJSON (ogr2ogr -f GeoJSON out.geojson %s)"),
                   name, name);
      return FALSE;
    }
  if (strcmp (format, "xlsx") == 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_FORMAT,
                   _("%s: Excel workbooks cannot be imported yet; in Excel, save the sheet as “CSV UTF-8” and import that"), name);
      return FALSE;
    }

  /* One transaction: on any error nothing of the file stays. */
  if (!gj_store_begin (store, error))
    return FALSE;

  /* GeoJSON stops at the first bad feature and all of it is rolled back
   * below: no savepoint per record. */
  if (strcmp (format, "geojson") == 0)
    {
      gj_store_set_bulk (store, TRUE);
      ok = gj_geojson_import (store, path, bytes, options, progress, user_data, cancellable, res, error);
      gj_store_set_bulk (store, FALSE);
    }
  else if (strcmp (format, "ics") == 0)
    ok = gj_ical_import (store, path, bytes, options, progress, user_data, cancellable, res, error);
  else if (strcmp (format, "kml") == 0)
    ok = gj_kml_import (store, path, bytes, options, progress, user_data, cancellable, res, error);
  else
    ok = gj_csv_import (store, path, bytes, options, progress, user_data, cancellable, res, error);

  if (ok)
    {
      g_autofree char *detail = g_strdup_printf ("{\"inserted\":%u,\"updated\":%u,\"skipped\":%u,\"crs\":\"%s\"}",
                                                 res->inserted, res->updated, res->skipped,
                                                 gj_crs_to_string (res->crs));
      g_autofree char *base = g_path_get_basename (path);

      ok = gj_store_log (store, "import", res->kind, base, detail, error);
    }

  if (!ok || options->dry_run)
    {
      gj_store_rollback (store);
      if (!ok)
        return FALSE;
    }
  else if (!gj_store_commit (store, error))
    {
      gj_store_rollback (store);
      return FALSE;
    }

  if (result)
    *result = g_steal_pointer (&res);
  return TRUE;
}

gboolean
gj_io_can_export (const char *path)
{
  const char *format = path ? format_of (path) : NULL;

  return format != NULL && strcmp (format, "kml") != 0;
}

const char *
gj_io_default_extension (const char *kind)
{
  const GjKindMap *map = gj_io_kind_map (kind);

  if (map == NULL || strcmp (map->kind, "grids") == 0 || strcmp (map->kind, "stations") == 0)
    return ".geojson";
  if (strcmp (map->kind, "meetings") == 0)
    return ".ics";
  return ".xlsx";
}

gboolean
gj_export_file (GjStore         *store,
                const char      *path,
                const char      *kind,
                GjProgressFunc   progress,
                gpointer         user_data,
                GCancellable    *cancellable,
                guint           *n_written,
                GError         **error)
{
  const char *format;
  g_autofree char *name = NULL;

  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_name (path);
  format = format_of (path);
  if (format == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_FORMAT,
                   _("%s: unknown export format; use .geojson, .gpkg, .csv, .xlsx or .ics"), name);
      return FALSE;
    }
  if (kind != NULL && gj_io_kind_map (kind) == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_KIND,
                   _("%s: unknown kind “%s” (known: grids, stations, units, agreements, items, evaluations, meetings, problems)"), name, kind);
      return FALSE;
    }

  if (strcmp (format, "geojson") == 0)
    return gj_geojson_export (store, path, kind ? kind : "grids", progress, user_data, cancellable, n_written, error);
  if (strcmp (format, "ics") == 0)
    {
      if (kind != NULL && strcmp (gj_io_kind_map (kind)->kind, "meetings") != 0)
        {
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_KIND, _("%s: a calendar holds meetings, not %s"), name, kind);
          return FALSE;
        }
      return gj_ical_export (store, path, progress, user_data, cancellable, n_written, error);
    }
  if (strcmp (format, "xlsx") == 0)
    return gj_xlsx_export (store, path, kind ? kind : "units", progress, user_data, cancellable, n_written, error);
  if (strcmp (format, "gpkg") == 0)
    return gj_gpkg_export (store, path, kind ? kind : "grids", progress, user_data, cancellable, n_written, error);
  return gj_csv_export (store, path, kind ? kind : "units", progress, user_data, cancellable, n_written, error);
}
