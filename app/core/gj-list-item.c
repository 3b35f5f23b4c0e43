/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gj-list-item.h"

struct _GjListItem
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjListItem, gj_list_item, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "list", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("List"), NULL },
  { "title", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Title"), NULL },
  { "category", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Category"), NULL },
  { "quantity", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Quantity"), NULL },
  { "measure", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Measure"), NULL },
  { "owner_unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "owner_community_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Grid"), "(SELECT code FROM grid WHERE id = t.grid_id)" },
  { "status", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Status"), NULL },
  { "matched_item_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "description", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Description"), NULL },
  { "remark", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Remark"), NULL },
};

static const char *kind_names[] = { "resource", "need", "project", "service" };
static const char *status_names[] = { "offered", "claimed", "matched", "in_progress", "done" };

/* What offices write in a status column, for each status in order. */
static const char *status_words[][6] = {
  { "offered", "open", "待认领", "已发布", "待对接", "发布" },
  { "claimed", "已认领", "认领", NULL },
  { "matched", "已对接", "已匹配", "对接", NULL },
  { "in_progress", "in-progress", "实施中", "进行中", "推进中", NULL },
  { "done", "已完成", "完成", "已办结", NULL },
};

/* A status read from a file is kept as its code word; one that cannot be
 * read is kept as it was, for validate to refuse with its text. */
static void
gj_list_item_prepare_write (GjRecord *record)
{
  const char *status = gj_record_get_text (record, "status");
  const char *list = gj_record_get_text (record, "list");
  GjListItemStatus s = gj_list_item_status_from_string (status);
  GjListKind k = gj_list_kind_from_string (list);

  if (status == NULL)
    gj_record_set_text (record, "status", "offered");
  else if (s != GJ_LIST_ITEM_STATUS_INVALID)
    gj_record_set_text (record, "status", gj_list_item_status_to_string (s));
  if (list != NULL && k != GJ_LIST_INVALID)
    gj_record_set_text (record, "list", gj_list_kind_to_string (k));
}

static gboolean
gj_list_item_validate (GjRecord  *record,
                       GError   **error)
{
  const char *list = gj_record_get_text (record, "list");
  const char *status = gj_record_get_text (record, "status");

  if (list != NULL && gj_list_kind_from_string (list) == GJ_LIST_INVALID)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0,
                   _("“%s” is not one of the four lists (resource, need, project, service)."), list);
      return FALSE;
    }
  if (gj_list_item_status_from_string (status) == GJ_LIST_ITEM_STATUS_INVALID)
    {
      g_set_error (error, GJ_RECORD_ERROR, 0,
                   _("“%s” is not a status of a list item (offered, claimed, matched, in progress, done)."), status);
      return FALSE;
    }
  if (!gj_record_is_null (record, "matched_item_id") && gj_record_get_id (record) > 0
      && gj_record_get_int (record, "matched_item_id") == gj_record_get_id (record))
    {
      g_set_error_literal (error, GJ_RECORD_ERROR, 0, _("A list item cannot be matched with itself."));
      return FALSE;
    }
  return TRUE;
}

static void
gj_list_item_class_init (GjListItemClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "list_item", fields, G_N_ELEMENTS (fields));
  GJ_RECORD_CLASS (klass)->prepare_write = gj_list_item_prepare_write;
  GJ_RECORD_CLASS (klass)->validate = gj_list_item_validate;
}

static void
gj_list_item_init (GjListItem *self)
{
}

GjListItem *
gj_list_item_new (void)
{
  return g_object_new (GJ_TYPE_LIST_ITEM, NULL);
}

GjListKind
gj_list_kind_from_string (const char *text)
{
  static const char *chinese[] = { "资源清单", "需求清单", "项目清单", "服务清单" };
  static const char *short_chinese[] = { "资源", "需求", "项目", "服务" };

  if (text == NULL)
    return GJ_LIST_INVALID;
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (text, kind_names[i]) == 0 || strcmp (text, chinese[i]) == 0
        || strcmp (text, short_chinese[i]) == 0)
      return (GjListKind) i;
  return GJ_LIST_INVALID;
}

const char *
gj_list_kind_to_string (GjListKind kind)
{
  g_return_val_if_fail (kind >= GJ_LIST_RESOURCE && kind <= GJ_LIST_SERVICE, NULL);
  return kind_names[kind];
}

const char *
gj_list_kind_get_title (GjListKind kind)
{
  switch (kind)
    {
    case GJ_LIST_RESOURCE: return C_("list", "Resources");
    case GJ_LIST_NEED: return C_("list", "Needs");
    case GJ_LIST_PROJECT: return C_("list", "Projects");
    case GJ_LIST_SERVICE: return C_("list", "Services");
    case GJ_LIST_INVALID:
    default: g_return_val_if_reached ("");
    }
}

const char *
gj_list_item_status_to_string (GjListItemStatus status)
{
  g_return_val_if_fail (status >= GJ_LIST_ITEM_OFFERED && status <= GJ_LIST_ITEM_DONE, NULL);
  return status_names[status];
}

GjListItemStatus
gj_list_item_status_from_string (const char *text)
{
  if (text == NULL)
    return GJ_LIST_ITEM_OFFERED;
  for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
    for (guint j = 0; j < G_N_ELEMENTS (status_words[i]) && status_words[i][j] != NULL; j++)
      if (g_ascii_strcasecmp (text, status_words[i][j]) == 0)
        return (GjListItemStatus) i;
  return GJ_LIST_ITEM_STATUS_INVALID;
}

const char *
gj_list_item_status_get_title (GjListItemStatus status)
{
  switch (status)
    {
    case GJ_LIST_ITEM_OFFERED: return C_("list item status", "Offered");
    case GJ_LIST_ITEM_CLAIMED: return C_("list item status", "Claimed");
    case GJ_LIST_ITEM_MATCHED: return C_("list item status", "Matched");
    case GJ_LIST_ITEM_IN_PROGRESS: return C_("list item status", "In progress");
    case GJ_LIST_ITEM_DONE: return C_("list item status", "Done");
    case GJ_LIST_ITEM_STATUS_INVALID:
    default: g_return_val_if_reached ("");
    }
}

GjListKind
gj_list_item_get_kind (GjListItem *self)
{
  g_return_val_if_fail (GJ_IS_LIST_ITEM (self), GJ_LIST_INVALID);
  return gj_list_kind_from_string (gj_record_get_text (GJ_RECORD (self), "list"));
}

GjListItemStatus
gj_list_item_get_status (GjListItem *self)
{
  g_return_val_if_fail (GJ_IS_LIST_ITEM (self), GJ_LIST_ITEM_STATUS_INVALID);
  return gj_list_item_status_from_string (gj_record_get_text (GJ_RECORD (self), "status"));
}

gboolean
gj_list_item_is_open (GjListItem *self)
{
  GjListItemStatus status = gj_list_item_get_status (self);

  return (status == GJ_LIST_ITEM_OFFERED || status == GJ_LIST_ITEM_CLAIMED)
         && gj_record_is_null (GJ_RECORD (self), "matched_item_id");
}

gboolean
gj_list_item_check_transition (GjListItemStatus   from,
                               GjListItemStatus   to,
                               GError           **error)
{
  /* allowed[from] is the set of statuses reachable in one step. */
  static const guint allowed[] = {
    [GJ_LIST_ITEM_OFFERED] = 1 << GJ_LIST_ITEM_CLAIMED | 1 << GJ_LIST_ITEM_MATCHED,
    [GJ_LIST_ITEM_CLAIMED] = 1 << GJ_LIST_ITEM_OFFERED | 1 << GJ_LIST_ITEM_MATCHED,
    [GJ_LIST_ITEM_MATCHED] = 1 << GJ_LIST_ITEM_OFFERED | 1 << GJ_LIST_ITEM_IN_PROGRESS,
    [GJ_LIST_ITEM_IN_PROGRESS] = 1 << GJ_LIST_ITEM_DONE,
    [GJ_LIST_ITEM_DONE] = 0,
  };

  if (from < GJ_LIST_ITEM_OFFERED || from > GJ_LIST_ITEM_DONE
      || to < GJ_LIST_ITEM_OFFERED || to > GJ_LIST_ITEM_DONE)
    {
      g_set_error_literal (error, GJ_RECORD_ERROR, 0, _("The list item’s status is not one Gongjian knows."));
      return FALSE;
    }
  if (from == to || (allowed[from] & (1u << to)) != 0)
    return TRUE;

  if (from == GJ_LIST_ITEM_DONE)
    g_set_error (error, GJ_RECORD_ERROR, 0,
                 _("The item is done; it cannot go back to “%s”. Add a new item instead."),
                 gj_list_item_status_get_title (to));
  else if (from == GJ_LIST_ITEM_IN_PROGRESS)
    g_set_error (error, GJ_RECORD_ERROR, 0,
                 _("The item is in progress; it can only be marked done, not “%s”."),
                 gj_list_item_status_get_title (to));
  else if (to == GJ_LIST_ITEM_IN_PROGRESS || to == GJ_LIST_ITEM_DONE)
    g_set_error (error, GJ_RECORD_ERROR, 0,
                 _("The item is “%s”: it must be matched before it can be “%s”."),
                 gj_list_item_status_get_title (from), gj_list_item_status_get_title (to));
  else
    g_set_error (error, GJ_RECORD_ERROR, 0,
                 _("A list item cannot go from “%s” to “%s”."),
                 gj_list_item_status_get_title (from), gj_list_item_status_get_title (to));
  return FALSE;
}
