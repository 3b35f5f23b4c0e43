/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV import as preview + commit: every row read and checked first (its
 * values, its errors, whether it is already stored), then written in one
 * transaction with a duplicate strategy. See gj-csv-preview.h. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gj-coords.h"
#include "gj-credit-code.h"
#include "gj-csv-preview.h"
#include "gj-io-private.h"

#define ERROR_HEADER "错误/error"

/* Strategies ---------------------------------------------------------------- */

static const char *strategy_names[] = { "skip", "update", "fill", "create" };

gboolean
gj_duplicate_strategy_from_string (const char          *text,
                                   GjDuplicateStrategy *strategy)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (strategy_names); i++)
    if (g_ascii_strcasecmp (text, strategy_names[i]) == 0)
      {
        *strategy = (GjDuplicateStrategy) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gj_duplicate_strategy_to_string (GjDuplicateStrategy strategy)
{
  g_return_val_if_fail ((guint) strategy < G_N_ELEMENTS (strategy_names), NULL);
  return strategy_names[strategy];
}

/* Targets ------------------------------------------------------------------- */

static const char *
role_label (GjColumnRole role)
{
  switch (role)
    {
    case GJ_COLUMN_STREET_CODE: return _("Street code");
    case GJ_COLUMN_STREET_NAME: return _("Street");
    case GJ_COLUMN_COMMUNITY_CODE: return _("Community code");
    case GJ_COLUMN_COMMUNITY_NAME: return _("Community");
    case GJ_COLUMN_DISTRICT_CODE: return _("District code");
    case GJ_COLUMN_DISTRICT_NAME: return _("District");
    case GJ_COLUMN_GRID_CODE: return _("Grid code");
    case GJ_COLUMN_UNIT_CODE: return _("Unit code");
    case GJ_COLUMN_UNIT_NAME: return _("Unit name");
    case GJ_COLUMN_LEAD_UNIT_CODE: return _("Responsible unit code");
    case GJ_COLUMN_AGREEMENT_CODE: return _("Agreement code");
    case GJ_COLUMN_AGREEMENT_TITLE: return _("Agreement");
    case GJ_COLUMN_UUID: return "UUID";
    case GJ_COLUMN_FIELD:
    case GJ_COLUMN_AGREEMENT_STATUS:
    case GJ_COLUMN_JSON_LIST:
    default:
      return NULL;
    }
}

const GjCsvTarget *
gj_csv_kind_list_targets (const char *kind,
                          guint      *n_targets)
{
  static GHashTable *cache; /* kind → GArray of GjCsvTarget, built once */
  G_LOCK_DEFINE_STATIC (cache);
  const GjKindMap *map = gj_io_kind_map (kind ? kind : "units");
  GArray *targets;

  if (n_targets)
    *n_targets = 0;
  if (map == NULL)
    return NULL;

  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  targets = g_hash_table_lookup (cache, map->kind);
  if (targets == NULL)
    {
      g_autoptr(GjRecordClass) klass = g_type_class_ref (map->get_type ());

      targets = g_array_new (FALSE, TRUE, sizeof (GjCsvTarget));
      for (guint i = 0; i < map->n_columns; i++)
        {
          const GjColumn *col = &map->columns[i];
          const GjField *f = col->field ? gj_record_class_find_field (klass, col->field, NULL) : NULL;
          g_autofree char *key = gj_io_column_key (col);
          GjCsvTarget t;

          t.key = g_intern_string (key);
          t.label = f && f->label ? g_dgettext (GETTEXT_PACKAGE, f->label) : role_label (col->role);
          if (t.label == NULL)
            t.label = t.key;
          t.required = f != NULL && (f->flags & GJ_FIELD_FLAG_REQUIRED);
          g_array_append_val (targets, t);
        }
      g_hash_table_insert (cache, (gpointer) map->kind, targets);
    }
  G_UNLOCK (cache);

  if (n_targets)
    *n_targets = targets->len;
  return (const GjCsvTarget *) (gpointer) targets->data;
}

/* Rows ---------------------------------------------------------------------- */

typedef struct
{
  int             column;
  GjCsvIssueKind  kind;
  char           *message;
} Issue;

struct _GjCsvRow
{
  GObject          parent_instance;
  guint            line;
  GPtrArray       *values;     /* char*, at least one per header column */
  GArray          *issues;     /* Issue */
  char            *error_text;
  guint            duplicate_line;
  gint64           existing_id;
  char            *existing_label;
  GjDuplicateMatch match;
  GjRecord        *record;
  JsonObject      *extra;
  GjRowRefs        refs;       /* pointers into values */
};

G_DEFINE_FINAL_TYPE (GjCsvRow, gj_csv_row, G_TYPE_OBJECT)

static void
issue_clear (gpointer data)
{
  Issue *issue = data;

  g_free (issue->message);
}

static void
gj_csv_row_finalize (GObject *object)
{
  GjCsvRow *self = GJ_CSV_ROW (object);

  g_ptr_array_unref (self->values);
  g_array_unref (self->issues);
  g_free (self->error_text);
  g_free (self->existing_label);
  g_clear_object (&self->record);
  g_clear_pointer (&self->extra, json_object_unref);
  G_OBJECT_CLASS (gj_csv_row_parent_class)->finalize (object);
}

static void
gj_csv_row_class_init (GjCsvRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gj_csv_row_finalize;
}

static void
gj_csv_row_init (GjCsvRow *self)
{
  self->values = g_ptr_array_new_with_free_func (g_free);
  self->issues = g_array_new (FALSE, TRUE, sizeof (Issue));
  g_array_set_clear_func (self->issues, issue_clear);
}

guint
gj_csv_row_get_line (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), 0);
  return row->line;
}

guint
gj_csv_row_get_n_values (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), 0);
  return row->values->len;
}

const char *
gj_csv_row_get_value (GjCsvRow *row,
                      guint     column)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), NULL);
  return column < row->values->len ? row->values->pdata[column] : "";
}

gboolean
gj_csv_row_is_ok (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), FALSE);
  return row->issues->len == 0;
}

guint
gj_csv_row_get_n_errors (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), 0);
  return row->issues->len;
}

const char *
gj_csv_row_get_error (GjCsvRow       *row,
                      guint           i,
                      int            *column,
                      GjCsvIssueKind *kind)
{
  Issue *issue;

  g_return_val_if_fail (GJ_IS_CSV_ROW (row), NULL);
  g_return_val_if_fail (i < row->issues->len, NULL);

  issue = &g_array_index (row->issues, Issue, i);
  if (column)
    *column = issue->column;
  if (kind)
    *kind = issue->kind;
  return issue->message;
}

const char *
gj_csv_row_get_error_text (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), NULL);
  return row->error_text;
}

guint
gj_csv_row_get_duplicate_line (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), 0);
  return row->duplicate_line;
}

gint64
gj_csv_row_get_existing_id (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), 0);
  return row->existing_id;
}

const char *
gj_csv_row_get_existing_label (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), NULL);
  return row->existing_label;
}

GjDuplicateMatch
gj_csv_row_get_match (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), GJ_DUPLICATE_MATCH_NONE);
  return row->match;
}

GjRecord *
gj_csv_row_get_record (GjCsvRow *row)
{
  g_return_val_if_fail (GJ_IS_CSV_ROW (row), NULL);
  return row->record;
}

/* The preview ----------------------------------------------------------------- */

struct _GjCsvPreview
{
  GObject          parent_instance;
  char            *path;
  char            *name;        /* for messages */
  const GjKindMap *map;
  char            *encoding;
  char             delimiter;
  guint            header_line;
  GPtrArray       *headers;     /* char* */
  const GjColumn **columns;     /* per header; NULL: not imported */
  gboolean        *ignored;     /* per header: the mapping said "" */
  GString         *notes;
  GPtrArray       *rows;        /* GjCsvRow */
  guint            n_ok;
  guint            n_failed;
  guint            n_in_file;
  guint            n_existing;
  int              crs;
};

static void gj_csv_preview_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GjCsvPreview, gj_csv_preview, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, gj_csv_preview_list_model_init))

static GType
gj_csv_preview_get_item_type (GListModel *model)
{
  return GJ_TYPE_CSV_ROW;
}

static guint
gj_csv_preview_get_n_items (GListModel *model)
{
  return GJ_CSV_PREVIEW (model)->rows->len;
}

static gpointer
gj_csv_preview_get_item (GListModel *model,
                         guint       position)
{
  GjCsvPreview *self = GJ_CSV_PREVIEW (model);

  return position < self->rows->len ? g_object_ref (self->rows->pdata[position]) : NULL;
}

static void
gj_csv_preview_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gj_csv_preview_get_item_type;
  iface->get_n_items = gj_csv_preview_get_n_items;
  iface->get_item = gj_csv_preview_get_item;
}

static void
gj_csv_preview_finalize (GObject *object)
{
  GjCsvPreview *self = GJ_CSV_PREVIEW (object);

  g_free (self->path);
  g_free (self->name);
  g_free (self->encoding);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_free (self->columns);
  g_free (self->ignored);
  g_string_free (self->notes, TRUE);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (gj_csv_preview_parent_class)->finalize (object);
}

static void
gj_csv_preview_class_init (GjCsvPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gj_csv_preview_finalize;
}

static void
gj_csv_preview_init (GjCsvPreview *self)
{
  self->notes = g_string_new (NULL);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

const char *
gj_csv_preview_get_path (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), NULL);
  return self->path;
}

const char *
gj_csv_preview_get_kind (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), NULL);
  return self->map->kind;
}

const char *
gj_csv_preview_get_encoding (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), NULL);
  return self->encoding;
}

char
gj_csv_preview_get_delimiter (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), 0);
  return self->delimiter;
}

guint
gj_csv_preview_get_header_line (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), 0);
  return self->header_line;
}

guint
gj_csv_preview_get_n_columns (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), 0);
  return self->headers->len;
}

const char *
gj_csv_preview_get_header (GjCsvPreview *self,
                           guint         column)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), NULL);
  return column < self->headers->len ? self->headers->pdata[column] : NULL;
}

const char *
gj_csv_preview_get_target (GjCsvPreview *self,
                           guint         column)
{
  guint n;
  const GjCsvTarget *targets;

  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), NULL);
  if (column >= self->headers->len || self->columns[column] == NULL)
    return NULL;
  targets = gj_csv_kind_list_targets (self->map->kind, &n);
  return targets[self->columns[column] - self->map->columns].key;
}

GHashTable *
gj_csv_preview_dup_mapping (GjCsvPreview *self)
{
  GHashTable *mapping;

  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), NULL);

  mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint c = 0; c < self->headers->len; c++)
    {
      const char *target = gj_csv_preview_get_target (self, c);

      if (*(char *) self->headers->pdata[c] != '\0')
        g_hash_table_replace (mapping, g_strdup (self->headers->pdata[c]), g_strdup (target ? target : ""));
    }
  return mapping;
}

const char *
gj_csv_preview_get_notes (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), NULL);
  return self->notes->len > 0 ? self->notes->str : NULL;
}

guint
gj_csv_preview_get_n_rows (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), 0);
  return self->rows->len;
}

guint
gj_csv_preview_get_n_ok (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), 0);
  return self->n_ok;
}

guint
gj_csv_preview_get_n_failed (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), 0);
  return self->n_failed;
}

guint
gj_csv_preview_get_n_duplicates_in_file (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), 0);
  return self->n_in_file;
}

guint
gj_csv_preview_get_n_existing (GjCsvPreview *self)
{
  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), 0);
  return self->n_existing;
}

/* Reading --------------------------------------------------------------------- */

static const GjColumn *
column_for_key (const GjKindMap *map,
                const char      *key)
{
  for (guint i = 0; i < map->n_columns; i++)
    {
      g_autofree char *k = gj_io_column_key (&map->columns[i]);

      if (strcmp (k, key) == 0)
        return &map->columns[i];
    }
  /* Any of the column's names will do, as in a header. */
  return gj_io_find_column (map, key);
}

/* The column @header is read into: the caller's mapping first. */
static const GjColumn *
map_header (const GjKindMap *map,
            GHashTable      *mapping,
            const char      *header,
            gboolean        *ignored)
{
  const char *target;

  *ignored = FALSE;
  if (mapping != NULL && g_hash_table_lookup_extended (mapping, header, NULL, (gpointer *) &target))
    {
      if (target == NULL || *target == '\0')
        {
          *ignored = TRUE;
          return NULL;
        }
      return column_for_key (map, target);
    }
  return gj_io_find_column (map, header);
}

static guint
filled_cells (GPtrArray *row)
{
  guint n = 0;

  for (guint i = 0; i < row->len; i++)
    {
      const char *s = row->pdata[i];

      while (g_ascii_isspace (*s))
        s++;
      if (*s != '\0')
        n++;
    }
  return n;
}

static guint
recognised_cells (const GjKindMap *map,
                  GHashTable      *mapping,
                  GPtrArray       *row)
{
  guint n = 0;

  for (guint i = 0; i < row->len; i++)
    {
      gboolean ignored;

      if (map_header (map, mapping, row->pdata[i], &ignored) != NULL)
        n++;
    }
  return n;
}

/* A cell as the user meant it: trimmed (ASCII and ideographic spaces), and
 * without the ' our own export puts before = + - @ to keep Excel from
 * running it as a formula. */
static char *
clean_cell (const char *cell)
{
  g_autofree char *s = g_strdup (cell);
  char *p;

  g_strstrip (s);
  /* U+3000 IDEOGRAPHIC SPACE, which Chinese input methods type. */
  while (g_str_has_prefix (s, "\xE3\x80\x80"))
    memmove (s, s + 3, strlen (s + 3) + 1);
  while (g_str_has_suffix (s, "\xE3\x80\x80"))
    s[strlen (s) - 3] = '\0';
  p = g_strstrip (s);
  if (p[0] == '\'' && p[1] != '\0' && strchr ("=+-@", p[1]) != NULL)
    return g_strdup (p + 1);
  return g_strdup (p);
}

static void
add_issue (GjCsvRow       *row,
           int             column,
           GjCsvIssueKind  kind,
           char           *message)
{
  Issue issue = { column, kind, message };

  g_array_append_val (row->issues, issue);
}

/* "column “统一社会信用代码”: …" */
static char *
column_message (GjCsvPreview *self,
                int           column,
                const char   *message)
{
  if (column < 0)
    return g_strdup (message);
  return g_strdup_printf (_("column “%s”: %s"), (char *) self->headers->pdata[column], message);
}

/* resource/need/project/service in English or Chinese. */
static const char *
normalize_list (const char *text)
{
  static const struct { const char *key; const char *names; } lists[] = {
    { "resource", "resource|resources|资源|资源清单" },
    { "need", "need|needs|需求|需求清单" },
    { "project", "project|projects|项目|项目清单" },
    { "service", "service|services|服务|服务清单" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) names = g_strsplit (lists[i].names, "|", -1);

      for (guint k = 0; names[k]; k++)
        if (g_ascii_strcasecmp (text, names[k]) == 0)
          return lists[i].key;
    }
  return NULL;
}

static gboolean
is_code_role (GjColumnRole role)
{
  return role == GJ_COLUMN_GRID_CODE || role == GJ_COLUMN_UNIT_CODE || role == GJ_COLUMN_LEAD_UNIT_CODE ||
         role == GJ_COLUMN_STREET_CODE || role == GJ_COLUMN_COMMUNITY_CODE || role == GJ_COLUMN_DISTRICT_CODE ||
         role == GJ_COLUMN_AGREEMENT_CODE;
}

/* The places the district already has, to tell a typo from a new street. */
typedef struct
{
  GHashTable *streets;            /* name → id, code → id */
  GHashTable *communities;        /* name → id, code → id */
  GHashTable *street_communities; /* "street_id\x1fname" → id */
} Places;

static void
places_clear (Places *places)
{
  g_clear_pointer (&places->streets, g_hash_table_unref);
  g_clear_pointer (&places->communities, g_hash_table_unref);
  g_clear_pointer (&places->street_communities, g_hash_table_unref);
}

static gboolean
places_load (Places   *places,
             GjStore  *store,
             GError  **error)
{
  g_autoptr(GListModel) streets = gj_store_list (store, GJ_TYPE_STREET, error);
  g_autoptr(GListModel) communities = NULL;

  if (streets == NULL)
    return FALSE;
  communities = gj_store_list (store, GJ_TYPE_COMMUNITY, error);
  if (communities == NULL)
    return FALSE;

  places->streets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  places->communities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  places->street_communities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (streets); i++)
    {
      g_autoptr(GjRecord) r = g_list_model_get_item (streets, i);
      gpointer id = GSIZE_TO_POINTER ((gsize) gj_record_get_id (r));

      if (gj_record_get_text (r, "name"))
        g_hash_table_insert (places->streets, g_strconcat ("n:", gj_record_get_text (r, "name"), NULL), id);
      if (gj_record_get_text (r, "code"))
        g_hash_table_insert (places->streets, g_strconcat ("c:", gj_record_get_text (r, "code"), NULL), id);
    }
  for (guint i = 0; i < g_list_model_get_n_items (communities); i++)
    {
      g_autoptr(GjRecord) r = g_list_model_get_item (communities, i);
      gpointer id = GSIZE_TO_POINTER ((gsize) gj_record_get_id (r));
      const char *name = gj_record_get_text (r, "name");

      if (name)
        {
          g_hash_table_insert (places->communities, g_strconcat ("n:", name, NULL), id);
          g_hash_table_insert (places->street_communities,
                               g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", gj_record_get_int (r, "street_id"), name), id);
        }
      if (gj_record_get_text (r, "code"))
        g_hash_table_insert (places->communities, g_strconcat ("c:", gj_record_get_text (r, "code"), NULL), id);
    }
  return TRUE;
}

static gint64
place_id (GHashTable *table,
          const char *prefix,
          const char *value)
{
  g_autofree char *key = g_strconcat (prefix, value, NULL);

  return (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (table, key));
}

/* Unknown streets and communities are errors only in a district that has
 * them: a first import into an empty database brings its own places. */
static void
check_places (GjCsvPreview *self,
              GjCsvRow     *row,
              Places       *places,
              const int    *place_columns)
{
  const char *street_name = row->refs.places[GJ_COLUMN_STREET_NAME];
  const char *street_code = row->refs.places[GJ_COLUMN_STREET_CODE];
  const char *community_name = row->refs.places[GJ_COLUMN_COMMUNITY_NAME];
  const char *community_code = row->refs.places[GJ_COLUMN_COMMUNITY_CODE];
  gint64 street = 0;

  /* A code or a name the district knows will do: places first met by
   * name get their codes later. */
  if (g_hash_table_size (places->streets) > 0 && (street_code != NULL || street_name != NULL))
    {
      if (street_code != NULL)
        street = place_id (places->streets, "c:", street_code);
      if (street == 0 && street_name != NULL)
        street = place_id (places->streets, "n:", street_name);
      if (street == 0)
        {
          int column = place_columns[street_name ? GJ_COLUMN_STREET_NAME : GJ_COLUMN_STREET_CODE];
          g_autofree char *m = street_name
            ? g_strdup_printf (_("the district has no street named “%s” (check the spelling, e.g. 街道 or 镇 at the end)"), street_name)
            : g_strdup_printf (_("the district has no street with the code “%s”"), street_code);

          add_issue (row, column, GJ_CSV_ISSUE_UNKNOWN_PLACE, column_message (self, column, m));
        }
    }

  if (g_hash_table_size (places->communities) > 0 && (community_code != NULL || community_name != NULL))
    {
      gboolean found = FALSE;

      if (community_code != NULL)
        found = place_id (places->communities, "c:", community_code) != 0;
      if (!found && community_name != NULL)
        {
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", street, community_name);

          found = street > 0 ? g_hash_table_contains (places->street_communities, key)
                             : place_id (places->communities, "n:", community_name) != 0;
        }
      if (!found)
        {
          int column = place_columns[community_name ? GJ_COLUMN_COMMUNITY_NAME : GJ_COLUMN_COMMUNITY_CODE];
          g_autofree char *m = community_name == NULL
            ? g_strdup_printf (_("the district has no community with the code “%s”"), community_code)
            : street > 0
            ? g_strdup_printf (_("street “%s” has no community named “%s”"), street_name ? street_name : street_code, community_name)
            : g_strdup_printf (_("the district has no community named “%s”"), community_name);

          add_issue (row, column, GJ_CSV_ISSUE_UNKNOWN_PLACE, column_message (self, column, m));
        }
    }
}

/* Reads one cell into the record, or records why it cannot. */
static void
read_field (GjCsvPreview   *self,
            GjCsvRow       *row,
            guint           c,
            const GjColumn *col,
            const char     *cell)
{
  g_autoptr(GError) local_error = NULL;
  const GjField *f = gj_record_class_find_field (GJ_RECORD_GET_CLASS (row->record), col->field, NULL);

  if (f == NULL || (f->flags & GJ_FIELD_FLAG_DERIVED))
    return;

  if (*cell != '\0' && (f->flags & GJ_FIELD_FLAG_CODE) && gj_io_looks_excel_damaged (cell))
    {
      g_autofree char *m = g_strdup_printf (_("“%s” was turned into a number by Excel, which shows long numbers in scientific notation and drops their last digits; in Excel, format the column as Text, type the values again (or take them from the original list) and save again"),
                                            cell);

      add_issue (row, c, GJ_CSV_ISSUE_EXCEL_DAMAGE, column_message (self, c, m));
      return;
    }

  if (GJ_IS_LIST_ITEM (row->record) && strcmp (col->field, "list") == 0 && *cell != '\0')
    {
      const char *list = normalize_list (cell);

      if (list == NULL)
        {
          g_autofree char *m = g_strdup_printf (_("“%s” is not a list; write 资源, 需求, 项目 or 服务 (resource, need, project, service)"), cell);

          add_issue (row, c, GJ_CSV_ISSUE_VALUE, column_message (self, c, m));
          return;
        }
      cell = list;
    }

  if (!gj_io_set_field_from_text (row->record, col->field, cell, &local_error))
    {
      add_issue (row, c, (f->flags & GJ_FIELD_FLAG_DATE) ? GJ_CSV_ISSUE_DATE : GJ_CSV_ISSUE_VALUE,
                 column_message (self, c, local_error->message));
      return;
    }

  if (strcmp (col->field, "credit_code") == 0 && *cell != '\0')
    {
      g_autofree char *reason = NULL;

      if (!gj_credit_code_check (cell, &reason))
        {
          g_autofree char *m = g_strdup_printf (_("the unified social credit code %s is wrong: %s"), cell, reason);

          add_issue (row, c, GJ_CSV_ISSUE_CREDIT_CODE, column_message (self, c, m));
        }
    }
}

static GjCsvRow *
read_row (GjCsvPreview *self,
          GPtrArray    *cells,
          guint         line,
          GjLinks      *links,
          Places       *places)
{
  g_autoptr(GjCsvRow) row = g_object_new (GJ_TYPE_CSV_ROW, NULL);
  GjRecordClass *klass;
  int place_columns[GJ_COLUMN_AGREEMENT_TITLE + 1];
  guint n_headers = self->headers->len;

  for (guint i = 0; i < G_N_ELEMENTS (place_columns); i++)
    place_columns[i] = -1;

  row->line = line;
  row->record = g_object_new (self->map->get_type (), NULL);
  row->extra = json_object_new ();
  klass = GJ_RECORD_GET_CLASS (row->record);

  for (guint c = 0; c < MAX (cells->len, n_headers); c++)
    g_ptr_array_add (row->values, c < cells->len ? clean_cell (cells->pdata[c]) : g_strdup (""));

  /* Excel pads rows with empty cells; only cells with text past the
   * header's end are a problem. */
  for (guint c = n_headers; c < cells->len; c++)
    if (*(char *) row->values->pdata[c] != '\0')
      {
        g_autofree char *m = g_strdup_printf (_("%u cells, but the header has %u columns; a cell holds a stray delimiter or the row was shifted"),
                                              cells->len, n_headers);

        add_issue (row, -1, GJ_CSV_ISSUE_RAGGED, g_steal_pointer (&m));
        break;
      }

  for (guint c = 0; c < n_headers; c++)
    {
      const GjColumn *col = self->columns[c];
      const char *cell = row->values->pdata[c];

      if (col == NULL)
        {
          if (!self->ignored[c] && *cell && *(char *) self->headers->pdata[c])
            json_object_set_string_member (row->extra, self->headers->pdata[c], cell);
          continue;
        }
      if (col->role < G_N_ELEMENTS (place_columns))
        place_columns[col->role] = c;
      if (*cell != '\0' && is_code_role (col->role) && gj_io_looks_excel_damaged (cell))
        {
          g_autofree char *m = g_strdup_printf (_("“%s” was turned into a number by Excel, which shows long numbers in scientific notation and drops their last digits; in Excel, format the column as Text, type the values again (or take them from the original list) and save again"),
                                                cell);

          add_issue (row, c, GJ_CSV_ISSUE_EXCEL_DAMAGE, column_message (self, c, m));
          continue;
        }
      switch (col->role)
        {
        case GJ_COLUMN_FIELD:
        case GJ_COLUMN_AGREEMENT_STATUS:
          read_field (self, row, c, col, cell);
          break;
        case GJ_COLUMN_JSON_LIST:
          if (*cell)
            gj_record_set_text (row->record, col->field, cell);
          break;
        case GJ_COLUMN_GRID_CODE:
          row->refs.grid_code = *cell ? cell : NULL;
          break;
        case GJ_COLUMN_UNIT_CODE:
          row->refs.unit_code = *cell ? cell : NULL;
          break;
        case GJ_COLUMN_UNIT_NAME:
          row->refs.unit_name = *cell ? cell : NULL;
          break;
        case GJ_COLUMN_LEAD_UNIT_CODE:
          row->refs.lead_unit_code = *cell ? cell : NULL;
          break;
        case GJ_COLUMN_AGREEMENT_CODE:
          row->refs.agreement_code = *cell ? cell : NULL;
          break;
        case GJ_COLUMN_UUID:
          row->refs.uuid = *cell ? cell : NULL;
          break;
        case GJ_COLUMN_STREET_CODE:
        case GJ_COLUMN_STREET_NAME:
        case GJ_COLUMN_COMMUNITY_CODE:
        case GJ_COLUMN_COMMUNITY_NAME:
        case GJ_COLUMN_DISTRICT_CODE:
        case GJ_COLUMN_DISTRICT_NAME:
          row->refs.places[col->role] = *cell ? cell : NULL;
          break;
        case GJ_COLUMN_AGREEMENT_TITLE:
        default:
          break;
        }
    }

  /* Required fields: name the column that should have held it. */
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GjField *f = &klass->fields[i];
      int column = -1;

      if (!(f->flags & GJ_FIELD_FLAG_REQUIRED) || (f->flags & (GJ_FIELD_FLAG_DERIVED | GJ_FIELD_FLAG_LINK)) ||
          !gj_record_is_null (row->record, f->name))
        continue;
      for (guint c = 0; c < n_headers && column < 0; c++)
        if (self->columns[c] != NULL && g_strcmp0 (self->columns[c]->field, f->name) == 0)
          column = c;
      /* A cell that failed to read has said so already. */
      {
        gboolean reported = FALSE;

        for (guint k = 0; k < row->issues->len; k++)
          if (g_array_index (row->issues, Issue, k).column == column && column >= 0)
            reported = TRUE;
        if (!reported)
          {
            g_autofree char *m = g_strdup_printf (_("the %s is missing; it is required"),
                                                  f->label ? g_dgettext (GETTEXT_PACKAGE, f->label) : f->name);

            add_issue (row, column, GJ_CSV_ISSUE_MISSING, column_message (self, column, m));
          }
      }
    }

  check_places (self, row, places, place_columns);

  /* Links that exist already, so duplicates can be told (an agreement is
   * the same when title and unit are). Read only: nothing is created. */
  if (row->refs.unit_code != NULL)
    {
      const char *field = gj_record_class_find_field (klass, "unit_id", NULL) ? "unit_id"
                          : gj_record_class_find_field (klass, "owner_unit_id", NULL) ? "owner_unit_id" : NULL;
      gint64 unit = field ? gj_links_code_to_id (links, GJ_TYPE_UNIT, row->refs.unit_code, NULL) : 0;

      if (unit > 0)
        gj_record_set_int (row->record, field, unit);
    }
  if (row->refs.uuid != NULL && g_uuid_string_is_valid (row->refs.uuid))
    gj_record_set_uuid (row->record, row->refs.uuid);

  /* The kind's own rules (units: the credit code, checked above). */
  if (row->issues->len == 0 && klass->validate != NULL && !GJ_IS_UNIT (row->record))
    {
      g_autoptr(GError) local_error = NULL;

      if (!klass->validate (row->record, &local_error))
        add_issue (row, -1, GJ_CSV_ISSUE_VALUE, g_strdup (local_error->message));
    }

  if (row->issues->len > 0)
    {
      GString *text = g_string_new (NULL);

      for (guint k = 0; k < row->issues->len; k++)
        {
          if (k > 0)
            g_string_append (text, "; ");
          g_string_append (text, g_array_index (row->issues, Issue, k).message);
        }
      row->error_text = g_string_free (text, FALSE);
    }
  return g_steal_pointer (&row);
}

static void
add_note (GjCsvPreview *self,
          const char   *note)
{
  g_string_append (self->notes, note);
  g_string_append_c (self->notes, '\n');
}

static gboolean
find_header (GjCsvPreview       *self,
             GjCsvTable         *table,
             const GjCsvOptions *options,
             guint              *header_index,
             GError            **error)
{
  guint first = 0;

  if (table->rows->len == 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: the file holds no rows"), self->name);
      return FALSE;
    }

  if (options->header_row > 0)
    {
      /* Blank rows are not in the table: find the row on that line. */
      for (first = 0; first < table->rows->len; first++)
        if (g_array_index (table->lines, guint, first) >= options->header_row)
          break;
      if (first >= table->rows->len)
        {
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: there is no row %u to read the header from"),
                       self->name, options->header_row);
          return FALSE;
        }
      *header_index = first;
      return TRUE;
    }

  /* The first of the first rows naming two of our columns (one for a
   * table of one column); else the first after single-cell title rows. */
  for (guint i = 0; i < MIN (table->rows->len, 10); i++)
    {
      GPtrArray *row = table->rows->pdata[i];
      guint known = recognised_cells (self->map, options->mapping, row);

      if (known >= 2 || (known == 1 && filled_cells (row) == 1 && row->len == 1))
        {
          *header_index = i;
          return TRUE;
        }
    }
  while (first + 1 < table->rows->len && filled_cells (table->rows->pdata[first]) == 1 &&
         filled_cells (table->rows->pdata[first + 1]) > 1)
    first++;
  *header_index = first;
  return TRUE;
}

static gboolean
map_columns (GjCsvPreview       *self,
             const GjCsvOptions *options,
             GError            **error)
{
  g_autoptr(GjRecordClass) klass = g_type_class_ref (self->map->get_type ());
  g_autoptr(GHashTable) used = g_hash_table_new (g_direct_hash, g_direct_equal);
  gboolean keeps_extra = gj_record_class_find_field (klass, "extra", NULL) != NULL;
  guint n = self->headers->len;

  /* A mapping naming a target this kind does not have is a mistake. */
  if (options->mapping != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, options->mapping);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value != NULL && *(char *) value != '\0' && column_for_key (self->map, value) == NULL)
          {
            g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID,
                         _("%s: column “%s” is mapped to “%s”, which is not a field of %s"),
                         self->name, (char *) key, (char *) value, self->map->kind);
            return FALSE;
          }
    }

  self->columns = g_new0 (const GjColumn *, n);
  self->ignored = g_new0 (gboolean, n);
  for (guint c = 0; c < n; c++)
    {
      const char *header = self->headers->pdata[c];
      const GjColumn *col = map_header (self->map, options->mapping, header, &self->ignored[c]);

      /* The column gj_csv_preview_write_failed() adds: fixed rows come back with it. */
      if (col == NULL && (strcmp (header, ERROR_HEADER) == 0 || strcmp (header, "错误") == 0 ||
                          g_ascii_strcasecmp (header, "error") == 0))
        self->ignored[c] = TRUE;

      if (col != NULL && g_hash_table_contains (used, col))
        {
          g_autofree char *note = g_strdup_printf (_("Column “%s” holds the same field as an earlier column; only the first is imported."), header);

          add_note (self, note);
          self->ignored[c] = TRUE;
          col = NULL;
        }
      else if (col != NULL)
        g_hash_table_add (used, (gpointer) col);
      else if (!self->ignored[c] && *header != '\0')
        {
          g_autofree char *note = keeps_extra
            ? g_strdup_printf (_("Column “%s” is not a field of %s; its cells are kept as extra data."), header, self->map->kind)
            : g_strdup_printf (_("Column “%s” is not a field of %s and is not imported."), header, self->map->kind);

          add_note (self, note);
        }
      self->columns[c] = col;
    }

  /* Without the field every record needs, this is not a table of this kind. */
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GjField *f = &klass->fields[i];
      gboolean found = FALSE;

      if (!(f->flags & GJ_FIELD_FLAG_REQUIRED) || (f->flags & (GJ_FIELD_FLAG_DERIVED | GJ_FIELD_FLAG_LINK)))
        continue;
      for (guint c = 0; c < n && !found; c++)
        found = self->columns[c] != NULL && g_strcmp0 (self->columns[c]->field, f->name) == 0;
      if (!found)
        {
          g_autofree char *hint = NULL;

          for (guint k = 0; k < self->map->n_columns && hint == NULL; k++)
            if (g_strcmp0 (self->map->columns[k].field, f->name) == 0)
              hint = g_strdelimit (g_strdup (self->map->columns[k].names), "|", '/');
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID,
                       _("%s: line %u: no column holds the %s (a header such as %s); is this a table of %s?"),
                       self->name, self->header_line, f->name, hint ? hint : f->name, self->map->kind);
          return FALSE;
        }
    }
  return TRUE;
}

GjCsvPreview *
gj_csv_preview_new_from_bytes (GjStore            *store,
                               const char         *path,
                               GBytes             *bytes,
                               const GjCsvOptions *options,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(GjCsvPreview) self = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GjDuplicateIndex) index = NULL;
  GjCsvOptions defaults = { 0 };
  GjCsvTable table = { 0 };
  Places places = { 0 };
  GjLinks *links = NULL;
  const char *data;
  gsize len = 0;
  guint header_index = 0;
  GjCrs crs = GJ_CRS_WGS84;
  gboolean ok = FALSE;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  if (options == NULL)
    options = &defaults;

  self = g_object_new (GJ_TYPE_CSV_PREVIEW, NULL);
  self->path = g_strdup (path);
  self->name = g_filename_display_name (path);
  self->map = gj_io_kind_map (options->kind ? options->kind : "units");
  if (self->map == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_UNKNOWN_KIND,
                   _("%s: unknown kind “%s” (known: units, agreements, items, problems, stations, grids, meetings)"),
                   self->name, options->kind);
      return NULL;
    }
  if (options->crs != NULL && !gj_crs_from_string (options->crs, &crs))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED,
                   _("%s: unknown coordinate system “%s” (known: wgs84, cgcs2000, gcj02, bd09)"), self->name, options->crs);
      return NULL;
    }
  self->crs = crs;
  if (options->delimiter != 0 && options->delimiter != ',' && options->delimiter != ';' && options->delimiter != '\t')
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED,
                   _("%s: the delimiter must be a comma, a semicolon or a tab"), self->name);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &len);
  if (!gj_csv_read_table (self->name, data, len, options->encoding, options->delimiter, &table, error))
    return NULL;
  self->encoding = g_strdup (table.encoding);
  self->delimiter = table.delimiter;

  if (!find_header (self, &table, options, &header_index, error))
    goto out;
  self->header_line = g_array_index (table.lines, guint, header_index);
  self->headers = g_ptr_array_new_with_free_func (g_free);
  {
    GPtrArray *header = table.rows->pdata[header_index];

    for (guint c = 0; c < header->len; c++)
      g_ptr_array_add (self->headers, clean_cell (header->pdata[c]));
  }
  if (header_index > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The header is on line %u; the %u row above it (a title) is not imported.",
                                                            "The header is on line %u; the %u rows above it (a title) are not imported.",
                                                            header_index),
                                               self->header_line, header_index);

      add_note (self, note);
    }
  if (!map_columns (self, options, error))
    goto out;

  if (!places_load (&places, store, error))
    goto out;
  index = gj_duplicate_index_new (store, self->map->get_type (), error);
  if (index == NULL)
    goto out;
  links = gj_links_new (store);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = header_index + 1; i < table.rows->len; i++)
    {
      GjCsvRow *row;
      g_auto(GStrv) keys = NULL;
      g_autofree char *identity = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      row = read_row (self, table.rows->pdata[i], g_array_index (table.lines, guint, i), links, &places);
      g_ptr_array_add (self->rows, row);

      keys = gj_duplicate_keys (row->record);
      identity = gj_duplicate_identity (row->record);
      for (guint k = 0; keys[k] && row->duplicate_line == 0; k++)
        {
          GjCsvRow *earlier = g_hash_table_lookup (seen, keys[k]);
          GjDuplicateMatch match = (GjDuplicateMatch) (keys[k][0] - '0');
          g_autofree char *other = earlier ? gj_duplicate_identity (earlier->record) : NULL;

          /* As in the store: another credit code (or agreement code) is another record. */
          if (earlier != NULL &&
              !((match == GJ_DUPLICATE_MATCH_NAME_ADDRESS || match == GJ_DUPLICATE_MATCH_TITLE) &&
                identity != NULL && other != NULL && strcmp (identity, other) != 0))
            row->duplicate_line = earlier->line;
        }
      for (guint k = 0; keys[k]; k++)
        if (!g_hash_table_contains (seen, keys[k]))
          g_hash_table_insert (seen, g_strdup (keys[k]), row);

      row->existing_id = gj_duplicate_index_lookup (index, row->record, &row->match);
      if (row->existing_id > 0)
        {
          g_autoptr(GjRecord) existing = gj_store_get (store, self->map->get_type (), row->existing_id, NULL);

          row->existing_label = g_strdup (existing ? gj_record_get_label (existing) : NULL);
          self->n_existing++;
        }
      if (row->duplicate_line > 0)
        self->n_in_file++;
      if (row->issues->len == 0)
        self->n_ok++;
      else
        self->n_failed++;
    }
  ok = TRUE;

out:
  gj_links_free (links);
  places_clear (&places);
  gj_csv_table_clear (&table);
  return ok ? g_steal_pointer (&self) : NULL;
}

GjCsvPreview *
gj_csv_preview_new_from_file (GjStore            *store,
                              const char         *path,
                              const GjCsvOptions *options,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, "%s: %s", name, local_error->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (file);
  return gj_csv_preview_new_from_bytes (store, path, bytes, options, cancellable, error);
}

/* Writing ----------------------------------------------------------------------- */

/* Copies @from's fields into @to: all that @from holds (update), or only
 * where @to holds nothing (fill). TRUE when @to changed. */
static gboolean
merge_fields (GjRecord   *to,
              GjRecord   *from,
              gboolean    only_empty,
              GHashTable *clear_empty)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (to);
  gboolean changed = FALSE;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GjField *f = &klass->fields[i];
      const GValue *v = gj_record_peek_value (from, i);
      GValue copy = G_VALUE_INIT;

      if (f->flags & GJ_FIELD_FLAG_DERIVED)
        continue;
      if (!G_IS_VALUE (v))
        {
          if (clear_empty != NULL && g_hash_table_contains (clear_empty, f->name) && !gj_record_is_null (to, f->name))
            {
              gj_record_set_null (to, f->name);
              changed = TRUE;
            }
          continue;
        }
      if (only_empty && !gj_record_is_null (to, f->name))
        continue;
      if (gj_record_equal_values (to, from, f->name))
        continue;
      g_value_init (&copy, G_VALUE_TYPE (v));
      g_value_copy (v, &copy);
      gj_record_take_value (to, i, &copy);
      changed = TRUE;
    }
  return changed;
}

static void
first_error (GjCsvPreview *self,
             GError      **error)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GjCsvRow *row = self->rows->pdata[i];

      if (row->issues->len > 0)
        {
          if (self->n_failed > 1)
            g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "%s: line %u: %s (and %u more row with errors); nothing was imported",
                                      "%s: line %u: %s (and %u more rows with errors); nothing was imported",
                                      self->n_failed - 1),
                         self->name, row->line, row->error_text, self->n_failed - 1);
          else
            g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: line %u: %s; nothing was imported"),
                         self->name, row->line, row->error_text);
          return;
        }
    }
}

gboolean
gj_csv_preview_import_quiet (GjCsvPreview        *self,
                             GjStore             *store,
                             GjDuplicateStrategy  strategy,
                             GjCsvImportFlags     flags,
                             GjProgressFunc       progress,
                             gpointer             user_data,
                             GCancellable        *cancellable,
                             GjCsvImportCounts   *counts_out,
                             GError             **error)
{
  g_autoptr(GjDuplicateIndex) index = NULL;
  g_autoptr(GHashTable) clear_empty = NULL;
  GjCsvImportCounts counts = { 0 };
  GjLinks *links = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), FALSE);
  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);

  counts.failed = self->n_failed;
  if (self->n_failed > 0 && !(flags & GJ_CSV_IMPORT_SKIP_FAILED))
    {
      first_error (self, error);
      if (counts_out)
        *counts_out = counts;
      return FALSE;
    }

  if (!gj_store_begin (store, error))
    return FALSE;

  if ((flags & GJ_CSV_IMPORT_CLEAR_EMPTY) && strategy == GJ_DUPLICATES_UPDATE)
    {
      clear_empty = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint c = 0; c < self->headers->len; c++)
        if (self->columns[c] != NULL && self->columns[c]->field != NULL)
          g_hash_table_add (clear_empty, (gpointer) self->columns[c]->field);
    }

  /* Read again inside the transaction: the store may have changed since
   * the preview was made. */
  index = gj_duplicate_index_new (store, self->map->get_type (), error);
  if (index == NULL)
    goto out;
  links = gj_links_new (store);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GjCsvRow *row = self->rows->pdata[i];
      g_autoptr(GjRecord) record = NULL;
      g_autoptr(JsonObject) extra = NULL;
      g_autoptr(GError) local_error = NULL;
      GjDuplicateMatch how = GJ_DUPLICATE_MATCH_NONE;
      gint64 id = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (row->issues->len > 0)
        continue;

      record = gj_record_copy (row->record);
      extra = json_object_new ();
      {
        g_autoptr(GList) members = json_object_get_members (row->extra);

        for (GList *l = members; l; l = l->next)
          json_object_set_member (extra, l->data, json_object_dup_member (row->extra, l->data));
      }

      if (!gj_io_resolve_row (links, store, record, &row->refs, extra, self->crs, &local_error))
        goto row_failed;
      /* As the store will write it ("已到期" → computed), so an unchanged
       * row does not count as an update. */
      if (GJ_RECORD_GET_CLASS (record)->prepare_write != NULL)
        GJ_RECORD_GET_CLASS (record)->prepare_write (record);

      id = gj_duplicate_index_lookup (index, record, &how);
      if (id > 0 && strategy != GJ_DUPLICATES_CREATE)
        {
          g_autoptr(GjRecord) existing = gj_store_get (store, self->map->get_type (), id, &local_error);

          if (existing == NULL)
            goto row_failed;
          if (strategy == GJ_DUPLICATES_SKIP)
            {
              counts.skipped++;
              continue;
            }
          if (!merge_fields (existing, record, strategy == GJ_DUPLICATES_FILL, clear_empty))
            {
              counts.skipped++;
              continue;
            }
          if (!gj_store_update (store, existing, &local_error))
            goto row_failed;
          gj_duplicate_index_add (index, existing);
          if (strategy == GJ_DUPLICATES_FILL)
            counts.filled++;
          else
            counts.updated++;
        }
      else
        {
          /* "Create" keeps the stored record and adds a second one, which
           * cannot share its UUID. */
          if (id > 0 && how == GJ_DUPLICATE_MATCH_UUID)
            gj_record_set_uuid (record, NULL);
          if (!gj_store_insert (store, record, &local_error))
            goto row_failed;
          gj_duplicate_index_add (index, record);
          counts.created++;
        }

      if (progress && (i % 64 == 0 || i + 1 == self->rows->len))
        progress (i + 1, self->rows->len, user_data);
      continue;

    row_failed:
      /* The store refused the row: the whole file goes back. */
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: line %u: %s; nothing was imported"),
                   self->name, row->line, local_error ? local_error->message : "");
      counts.failed++;
      goto out;
    }

  ok = TRUE;

out:
  gj_links_free (links);
  if (!ok || (flags & GJ_CSV_IMPORT_DRY_RUN))
    gj_store_rollback (store);
  else if (!gj_store_commit (store, error))
    {
      gj_store_rollback (store);
      ok = FALSE;
    }
  if (!ok)
    counts.created = counts.updated = counts.filled = counts.skipped = 0;
  if (counts_out)
    *counts_out = counts;
  return ok;
}

gboolean
gj_csv_preview_import (GjCsvPreview        *self,
                       GjStore             *store,
                       GjDuplicateStrategy  strategy,
                       GjCsvImportFlags     flags,
                       GjProgressFunc       progress,
                       gpointer             user_data,
                       GCancellable        *cancellable,
                       GjCsvImportCounts   *counts,
                       GError             **error)
{
  GjCsvImportCounts local = { 0 };
  gboolean ok;

  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), FALSE);
  g_return_val_if_fail (GJ_IS_STORE (store), FALSE);

  if (!gj_store_begin (store, error))
    return FALSE;
  ok = gj_csv_preview_import_quiet (self, store, strategy, flags & ~GJ_CSV_IMPORT_DRY_RUN, progress, user_data,
                                    cancellable, &local, error);
  if (ok)
    {
      g_autofree char *detail = g_strdup_printf ("{\"created\":%u,\"updated\":%u,\"filled\":%u,\"skipped\":%u,\"failed\":%u,\"duplicates\":\"%s\"}",
                                                 local.created, local.updated, local.filled, local.skipped, local.failed,
                                                 gj_duplicate_strategy_to_string (strategy));
      g_autofree char *base = g_path_get_basename (self->path);

      ok = gj_store_log (store, "import", self->map->kind, base, detail, error);
    }
  if (!ok || (flags & GJ_CSV_IMPORT_DRY_RUN))
    gj_store_rollback (store);
  else if (!gj_store_commit (store, error))
    {
      gj_store_rollback (store);
      ok = FALSE;
    }
  if (!ok)
    local.created = local.updated = local.filled = local.skipped = 0;
  if (counts)
    *counts = local;
  return ok;
}

/* Failed rows ------------------------------------------------------------------- */

char *
gj_csv_preview_dup_failed_csv (GjCsvPreview *self)
{
  GString *out;
  guint width;

  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), NULL);

  /* The BOM makes Excel read the Chinese as UTF-8. */
  out = g_string_new ("\xEF\xBB\xBF");
  width = self->headers->len;
  for (guint i = 0; i < self->rows->len; i++)
    width = MAX (width, ((GjCsvRow *) self->rows->pdata[i])->values->len);

  for (guint c = 0; c < width; c++)
    gj_csv_append_cell (out, c < self->headers->len ? self->headers->pdata[c] : "", c == 0);
  gj_csv_append_cell (out, ERROR_HEADER, width == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < self->rows->len; i++)
    {
      GjCsvRow *row = self->rows->pdata[i];
      g_autofree char *error = NULL;

      if (row->issues->len == 0)
        continue;
      for (guint c = 0; c < width; c++)
        gj_csv_append_cell (out, c < row->values->len ? row->values->pdata[c] : "", c == 0);
      error = g_strdup_printf (_("line %u: %s"), row->line, row->error_text);
      gj_csv_append_cell (out, error, width == 0);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

gboolean
gj_csv_preview_write_failed (GjCsvPreview  *self,
                             const char    *path,
                             guint         *n_written,
                             GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GJ_IS_CSV_PREVIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = gj_csv_preview_dup_failed_csv (self);
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, "%s: %s", name, local_error->message);
      return FALSE;
    }
  if (n_written)
    *n_written = self->n_failed;
  return TRUE;
}
