/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gj-format.h"
#include "gj-resources.h"
#include "gj-record-table-private.h"

struct _GjRecordTable
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  AdwStatusPage      *empty_page;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkBox             *top_bar;

  GjStore            *store;
  char               *kind;
  char               *columns;
  GType               record_type;
  GtkSliceListModel  *slice_model;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  /* The owner's filter, and gj_record_table_show_only()'s ids with the bar
   * that says the table shows only those. */
  GtkFilter          *user_filter;
  GHashTable         *only_ids;
  GtkWidget          *only_bar;
  GtkLabel           *only_label;
  char               *error_message;
  /* The selected record's id, kept across reloads. */
  gint64              selected_id;
  GjRecord           *selected;
  GjRecordTableCellFunc cell_func;
  gpointer            cell_data;
  GDestroyNotify      cell_destroy;
  guint               n_items;
  guint               n_total;
  gulong              after_paint_id;
  guint               needs_reload : 1;
  guint               filling : 1;
  guint               columns_added : 1;
  guint               restoring : 1;
};

G_DEFINE_FINAL_TYPE (GjRecordTable, gj_record_table, GTK_TYPE_WIDGET)

static void show_all_clicked_cb (GjRecordTable *self);

enum
{
  PROP_0,
  PROP_COLUMNS,
  PROP_KIND,
  PROP_N_ITEMS,
  PROP_SELECTED,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a cell needs to know about its column; shared by all its cells. */
typedef struct
{
  GjRecordTable *table;   /* unowned: the table owns its columns */
  const char    *field;
  guint          index;
  GjFieldType    type;
} GjColumnInfo;

static char *
format_value (const GValue *value,
              GjFieldType   type)
{
  if (value == NULL || !G_IS_VALUE (value))
    return NULL;

  switch (type)
    {
    case GJ_FIELD_TEXT:
      return g_value_dup_string (value);
    case GJ_FIELD_INT:
      return gj_format_integer (g_value_get_int64 (value));
    case GJ_FIELD_REAL:
      return gj_format_real (g_value_get_double (value));
    case GJ_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (value) ? "✓" : NULL);
    case GJ_FIELD_GEOMETRY:
    default:
      return NULL;
    }
}

/* Long names are cut in narrow columns; the tooltip shows them whole. It
 * is asked for when needed: setting one on every bound cell costs start-up. */
static gboolean
query_tooltip_cb (GtkWidget  *cell,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));

  if (text == NULL || g_utf8_strlen (text, -1) <= 12)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               GjColumnInfo             *info)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  gboolean numeric = info->type == GJ_FIELD_INT || info->type == GJ_FIELD_REAL;

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 4);
  if (numeric)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  if (info->type == GJ_FIELD_TEXT)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              GjColumnInfo             *info)
{
  GjRecord *record = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  GjRecordTable *self = info->table;
  const char *old_class = g_object_get_data (G_OBJECT (cell), "gj-class");
  const char *css_class = NULL;
  g_autofree char *text = NULL;

  if (self->cell_func != NULL)
    text = self->cell_func (record, info->field, &css_class, self->cell_data);
  if (text == NULL && info->index != G_MAXUINT)
    text = format_value (gj_record_peek_value (record, info->index), info->type);

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  /* Cells are recycled: the class of the row shown before goes. */
  if (g_strcmp0 (old_class, css_class) != 0)
    {
      if (old_class != NULL)
        gtk_widget_remove_css_class (cell, old_class);
      if (css_class != NULL)
        gtk_widget_add_css_class (cell, css_class);
      g_object_set_data (G_OBJECT (cell), "gj-class", (gpointer) css_class);
    }
}

/* Natural widths in average characters; a CJK character counts about two. */
static int
natural_chars (const GjField *field)
{
  if (field->type == GJ_FIELD_INT || field->type == GJ_FIELD_REAL)
    return 10;
  if (field->flags & GJ_FIELD_FLAG_CODE)
    return g_str_equal (field->name, "credit_code") ? 19 : 17;
  if (g_str_equal (field->name, "name") || g_str_equal (field->name, "title")
      || g_str_equal (field->name, "unit_name") || g_str_equal (field->name, "address"))
    return 24;
  return 12;
}

static gboolean
is_wide (const GjField *field)
{
  return g_str_equal (field->name, "name") || g_str_equal (field->name, "title")
         || g_str_equal (field->name, "unit_name");
}

static void
add_column (GjRecordTable *self,
            GjRecordClass *klass,
            const char    *name)
{
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  g_autofree char *property = NULL;
  GtkListItemFactory *factory;
  const GjField *field;
  GjColumnInfo *info;
  GtkExpression *expression;
  guint index;

  field = gj_record_class_find_field (klass, name, &index);
  if (field == NULL)
    {
      g_critical ("%s has no field “%s”", self->kind, name);
      return;
    }

  info = g_new0 (GjColumnInfo, 1);
  info->table = self;
  info->field = field->name;
  info->index = index;
  info->type = field->type;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), info);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), info,
                         (GClosureNotify) g_free, 0);

  column = gtk_column_view_column_new (field->label ? _(field->label) : field->name, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, is_wide (field));
  gtk_column_view_column_set_fixed_width (column, natural_chars (field) * 8 + 16);

  /* Records are GObjects with a property per field: the sorters read them
   * directly, numbers as numbers (so 10 comes after 9). */
  property = g_strdelimit (g_strdup (field->name), "_", '-');
  expression = gtk_property_expression_new (self->record_type, NULL, property);
  if (field->type == GJ_FIELD_INT || field->type == GJ_FIELD_REAL)
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_set_data (G_OBJECT (column), "gj-field", (gpointer) field->name);

  gtk_column_view_append_column (self->column_view, column);
}

static const char *
search_placeholder (GType type)
{
  if (type == GJ_TYPE_GRID)
    return _("Search grids by name, code or grid worker");
  if (type == GJ_TYPE_STATION)
    return _("Search service stations by name, code or address");
  if (type == GJ_TYPE_UNIT)
    return _("Search units by name, credit code or address");
  if (type == GJ_TYPE_AGREEMENT)
    return _("Search agreements by title, code or unit");
  if (type == GJ_TYPE_LIST_ITEM)
    return _("Search list items by title");
  return _("Search");
}

/* The status page is made visible only while it is shown: a hidden widget
 * costs nothing to style, size or draw, and most tables have rows. */
static void
show_empty_page (GjRecordTable *self,
                 gboolean       empty)
{
  if (empty)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->empty_page), TRUE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "table");
      gtk_widget_set_visible (GTK_WIDGET (self->empty_page), FALSE);
    }
}

static void
update_state (GjRecordTable *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  /* While the first screen fills, the count is the whole; then what the
   * filter keeps of it. */
  guint n_items = self->filling || gtk_filter_list_model_get_filter (self->filter_model) == NULL
                  ? self->n_total : g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  gboolean filtered = gtk_filter_list_model_get_filter (self->filter_model) != NULL && n_items < self->n_total;
  g_autofree char *count = NULL;

  if (self->error_message != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->empty_page, _("Could Not Read the Records"));
      adw_status_page_set_description (self->empty_page, self->error_message);
      show_empty_page (self, TRUE);
    }
  else if (n_items == 0 && (text[0] != '\0' || filtered))
    {
      g_autofree char *description = text[0] != '\0' ? g_strdup_printf (_("Nothing matches “%s”."), text)
                                                      : g_strdup (_("Nothing matches the chosen filters."));

      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, description);
      show_empty_page (self, TRUE);
    }
  else if (n_items == 0 && !self->needs_reload)
    {
      adw_status_page_set_icon_name (self->empty_page, "folder-open-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nothing Here Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Bring in a GeoJSON, KML, CSV or iCalendar file with Import… in the main menu."));
      show_empty_page (self, TRUE);
    }
  else
    {
      /* Rows, or rows not read yet (they are read when the table is shown). */
      show_empty_page (self, FALSE);
    }

  count = gj_format_record_count (self->record_type, n_items);
  gtk_label_set_label (self->count_label, self->store != NULL ? count : "");

  /* "n-items" tells what the table holds once it is complete. */
  if (!self->filling && self->n_items != n_items)
    {
      self->n_items = n_items;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/* After the rows were read again: the same record selected, fresh. */
static void
restore_selection (GjRecordTable *self)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->selected_id == 0)
    return;
  for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(GjRecord) record = g_list_model_get_item (model, i);

      if (gj_record_get_id (record) == self->selected_id)
        position = i;
    }
  /* Not read yet while the first screen fills: found when the rest is. */
  if (position == GTK_INVALID_LIST_POSITION && self->filling)
    return;
  gtk_single_selection_set_selected (self->selection, position);
}

static void
finish_filling (GjRecordTable *self)
{
  if (self->after_paint_id != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        g_signal_handler_disconnect (clock, self->after_paint_id);
      self->after_paint_id = 0;
    }

  if (!self->filling)
    return;

  self->filling = FALSE;
  gtk_slice_list_model_set_size (self->slice_model, G_MAXUINT);
  restore_selection (self);
  update_state (self);
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  finish_filling (user_data);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GjRecordTable *self)
{
  g_signal_handler_disconnect (clock, self->after_paint_id);
  self->after_paint_id = 0;

  /* Once the frame is out: the rest of the rows, for scrolling. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_idle_cb, g_object_ref (self), g_object_unref);
}

/* GTK 4.8 list views make a row widget for up to 200 items, whether they
 * are on screen or not, and those rows are most of a start-up. When the
 * table first appears it gets the rows the window can show; the others
 * follow right after the first frame (the total count is shown at once). */
static guint
first_rows (GjRecordTable *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = 0, height = 0;

  if (GTK_IS_WINDOW (root))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (height <= 0 || (GTK_IS_WINDOW (root) && gtk_window_is_maximized (GTK_WINDOW (root))))
    {
      GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
      GListModel *monitors = gdk_display_get_monitors (display);
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
      GdkRectangle geometry = { 0, 0, 0, 1200 };

      if (monitor != NULL)
        gdk_monitor_get_geometry (monitor, &geometry);
      height = MAX (height, geometry.height);
    }

  /* Rows are at least 24 pixels high in the data-table style. */
  return height / 24 + 2;
}

static void
selection_changed_cb (GjRecordTable *self)
{
  GjRecord *record = gtk_single_selection_get_selected_item (self->selection);

  /* A reload drops the selection for a moment; it is put back after. */
  if (self->restoring)
    return;
  if (record == NULL && self->filling && self->selected_id != 0)
    return;
  self->selected_id = record != NULL ? gj_record_get_id (record) : 0;
  if (record == self->selected)
    return;
  g_set_object (&self->selected, record);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
load (GjRecordTable *self,
      gboolean       progressive)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GdkFrameClock *clock;

  self->needs_reload = FALSE;
  g_clear_pointer (&self->error_message, g_free);

  if (self->store != NULL)
    {
      /* Reading the store takes milliseconds: the main thread may do it.
       * A table shows no shapes, so it does not read them. */
      model = gj_store_list_full (self->store, self->record_type, text,
                                  GJ_STORE_LIST_NO_GEOMETRY, &error);

      if (error != NULL)
        self->error_message = g_strdup (error->message);
    }

  self->n_total = model != NULL ? g_list_model_get_n_items (model) : 0;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  finish_filling (self);

  if (progressive && clock != NULL && self->n_total > first_rows (self))
    {
      self->filling = TRUE;
      gtk_slice_list_model_set_size (self->slice_model, first_rows (self));
      self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
    }

  self->restoring = TRUE;
  gtk_slice_list_model_set_model (self->slice_model, model);
  restore_selection (self);
  self->restoring = FALSE;
  update_state (self);
  selection_changed_cb (self);
}

static void
search_changed_cb (GjRecordTable  *self,
                   GtkSearchEntry *entry)
{
  if (self->store != NULL)
    load (self, FALSE);
}

static void
stop_search_cb (GjRecordTable  *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
items_changed_cb (GjRecordTable *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  update_state (self);
}

/* Columns are made when the table is first shown: a window holds several
 * tables and start-up pays only for the one on screen. */
static void
ensure_columns (GjRecordTable *self)
{
  g_autoptr(GjRecordClass) klass = NULL;
  g_auto(GStrv) names = NULL;

  if (self->columns_added || !g_type_is_a (self->record_type, GJ_TYPE_RECORD))
    return;
  self->columns_added = TRUE;

  klass = g_type_class_ref (self->record_type);
  names = g_strsplit (self->columns ? self->columns : "", ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (names[i][0] != '\0')
        add_column (self, klass, names[i]);
    }
}

static void
gj_record_table_map (GtkWidget *widget)
{
  GjRecordTable *self = GJ_RECORD_TABLE (widget);

  ensure_columns (self);

  GTK_WIDGET_CLASS (gj_record_table_parent_class)->map (widget);

  if (self->needs_reload)
    load (self, TRUE);
}

static void
gj_record_table_unrealize (GtkWidget *widget)
{
  /* The frame clock goes with the surface: fill in now, not after a paint. */
  finish_filling (GJ_RECORD_TABLE (widget));

  GTK_WIDGET_CLASS (gj_record_table_parent_class)->unrealize (widget);
}

static gboolean
gj_record_table_grab_focus (GtkWidget *widget)
{
  GjRecordTable *self = GJ_RECORD_TABLE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
gj_record_table_constructed (GObject *object)
{
  GjRecordTable *self = GJ_RECORD_TABLE (object);
  G_OBJECT_CLASS (gj_record_table_parent_class)->constructed (object);

  self->record_type = self->kind ? gj_record_type_from_kind (self->kind) : G_TYPE_INVALID;
  if (!g_type_is_a (self->record_type, GJ_TYPE_RECORD))
    {
      g_critical ("GjRecordTable: “%s” is no record kind", self->kind ? self->kind : "(null)");
      return;
    }

  /* The setter is GTK 4.10; the property is older. */
  g_object_set (self->search_entry, "placeholder-text", search_placeholder (self->record_type), NULL);
  update_state (self);
}

static void
gj_record_table_dispose (GObject *object)
{
  GjRecordTable *self = GJ_RECORD_TABLE (object);
  GtkWidget *child;

  /* Taking the view apart resorts the rows; nobody is left to count them. */
  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);
  finish_filling (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_RECORD_TABLE);
  /* A plain GtkWidget parent unparents the children the template gave it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->slice_model);
  g_clear_object (&self->selected);
  g_clear_object (&self->store);
  g_clear_object (&self->user_filter);
  g_clear_pointer (&self->only_ids, g_hash_table_unref);
  if (self->cell_destroy != NULL)
    g_clear_pointer (&self->cell_data, self->cell_destroy);

  G_OBJECT_CLASS (gj_record_table_parent_class)->dispose (object);
}

static void
gj_record_table_finalize (GObject *object)
{
  GjRecordTable *self = GJ_RECORD_TABLE (object);

  g_free (self->kind);
  g_free (self->columns);
  g_free (self->error_message);

  G_OBJECT_CLASS (gj_record_table_parent_class)->finalize (object);
}

static void
gj_record_table_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GjRecordTable *self = GJ_RECORD_TABLE (object);

  switch (prop_id)
    {
    case PROP_COLUMNS:
      g_value_set_string (value, self->columns);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_record_table_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GjRecordTable *self = GJ_RECORD_TABLE (object);

  switch (prop_id)
    {
    case PROP_COLUMNS:
      self->columns = g_value_dup_string (value);
      break;

    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;

    case PROP_STORE:
      gj_record_table_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_record_table_class_init (GjRecordTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gj_record_table_constructed;
  object_class->dispose = gj_record_table_dispose;
  object_class->finalize = gj_record_table_finalize;
  object_class->get_property = gj_record_table_get_property;
  object_class->set_property = gj_record_table_set_property;

  widget_class->map = gj_record_table_map;
  widget_class->unrealize = gj_record_table_unrealize;
  widget_class->grab_focus = gj_record_table_grab_focus;

  properties[PROP_COLUMNS] =
    g_param_spec_string ("columns", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, GJ_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GJ_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the compiled-in resources keeps them in the link: a static
   * library drops objects nobody calls, constructor and all. */
  (void) gj_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gongjian/Gongjian/ui/gj-record-table.ui");
  gtk_widget_class_bind_template_child (widget_class, GjRecordTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, GjRecordTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, GjRecordTable, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GjRecordTable, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GjRecordTable, stack);
  gtk_widget_class_bind_template_child (widget_class, GjRecordTable, top_bar);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_set_css_name (widget_class, "recordtable");

  /* The record kinds are looked up by name from .ui files. */
  gj_records_ensure_types ();
}

static void
gj_record_table_init (GjRecordTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The view's sorter follows the clicked column headers; the sort model
   * follows the view's sorter. */
  self->slice_model = gtk_slice_list_model_new (NULL, 0, G_MAXUINT);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->slice_model)), NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* Under the search bar: "showing only …", and the way back. */
  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _All"));

    self->only_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    self->only_label = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_ellipsize (self->only_label, PANGO_ELLIPSIZE_END);
    gtk_label_set_xalign (self->only_label, 0);
    gtk_widget_set_hexpand (GTK_WIDGET (self->only_label), TRUE);
    gtk_box_append (GTK_BOX (self->only_bar), GTK_WIDGET (self->only_label));
    gtk_box_append (GTK_BOX (self->only_bar), button);
    gtk_widget_add_css_class (self->only_bar, "only-bar");
    gtk_widget_set_visible (self->only_bar, FALSE);
    g_signal_connect_object (button, "clicked", G_CALLBACK (show_all_clicked_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_insert_after (self->only_bar, gtk_widget_get_parent (GTK_WIDGET (self->top_bar)),
                             GTK_WIDGET (self->top_bar));
  }

  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* Typing anywhere over the table starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GjStore *
gj_record_table_get_store (GjRecordTable *self)
{
  g_return_val_if_fail (GJ_IS_RECORD_TABLE (self), NULL);

  return self->store;
}

void
gj_record_table_set_store (GjRecordTable *self,
                           GjStore       *store)
{
  g_return_if_fail (GJ_IS_RECORD_TABLE (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  /* A search typed for another district means nothing for this one. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);

  /* Let go of the old district's records now, read the new ones when seen. */
  finish_filling (self);
  gtk_slice_list_model_set_model (self->slice_model, NULL);
  self->n_total = 0;
  gj_record_table_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
gj_record_table_reload (GjRecordTable *self)
{
  g_return_if_fail (GJ_IS_RECORD_TABLE (self));

  self->needs_reload = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self, FALSE);
  else
    update_state (self);
}

void
gj_record_table_focus_search (GjRecordTable *self)
{
  g_return_if_fail (GJ_IS_RECORD_TABLE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

GType
gj_record_table_get_record_type (GjRecordTable *self)
{
  g_return_val_if_fail (GJ_IS_RECORD_TABLE (self), G_TYPE_INVALID);

  return self->record_type;
}

guint
gj_record_table_get_n_items (GjRecordTable *self)
{
  g_return_val_if_fail (GJ_IS_RECORD_TABLE (self), 0);

  return self->n_items;
}

GtkColumnView *
gj_record_table_get_column_view (GjRecordTable *self)
{
  g_return_val_if_fail (GJ_IS_RECORD_TABLE (self), NULL);

  ensure_columns (self);
  return self->column_view;
}

GListModel *
gj_record_table_get_model (GjRecordTable *self)
{
  g_return_val_if_fail (GJ_IS_RECORD_TABLE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

void
gj_record_table_search (GjRecordTable *self,
                        const char    *text)
{
  g_return_if_fail (GJ_IS_RECORD_TABLE (self));

  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);

  if (self->store != NULL)
    load (self, FALSE);
}

static gboolean
only_ids_match (gpointer item,
                gpointer user_data)
{
  GjRecordTable *self = user_data;
  gint64 id = gj_record_get_id (GJ_RECORD (item));

  return self->only_ids != NULL && g_hash_table_contains (self->only_ids, &id);
}

/* The owner's filter and, while some are asked for, only those ids. */
static void
apply_filters (GjRecordTable *self)
{
  g_autoptr(GtkFilter) filter = NULL;

  if (self->only_ids != NULL)
    {
      GtkEveryFilter *every = gtk_every_filter_new ();

      gtk_multi_filter_append (GTK_MULTI_FILTER (every),
                               GTK_FILTER (gtk_custom_filter_new (only_ids_match, self, NULL)));
      if (self->user_filter != NULL)
        gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (self->user_filter));
      filter = GTK_FILTER (every);
    }
  else if (self->user_filter != NULL)
    filter = g_object_ref (self->user_filter);

  gtk_filter_list_model_set_filter (self->filter_model, filter);
  if (self->only_bar != NULL)
    gtk_widget_set_visible (self->only_bar, self->only_ids != NULL);
  restore_selection (self);
  update_state (self);
}

void
gj_record_table_show_only (GjRecordTable *self,
                           const gint64  *ids,
                           guint          n_ids,
                           const char    *caption)
{
  g_return_if_fail (GJ_IS_RECORD_TABLE (self));

  g_clear_pointer (&self->only_ids, g_hash_table_unref);
  if (ids != NULL)
    {
      self->only_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < n_ids; i++)
        g_hash_table_add (self->only_ids, g_memdup2 (&ids[i], sizeof (gint64)));
      gtk_label_set_label (self->only_label, caption != NULL ? caption : "");
    }
  apply_filters (self);
}

static void
show_all_clicked_cb (GjRecordTable *self)
{
  gj_record_table_show_only (self, NULL, 0, NULL);
}

void
gj_record_table_set_filter (GjRecordTable *self,
                            GtkFilter     *filter)
{
  g_return_if_fail (GJ_IS_RECORD_TABLE (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  g_set_object (&self->user_filter, filter);
  apply_filters (self);
}

void
gj_record_table_add_filter_widget (GjRecordTable *self,
                                   GtkWidget     *widget)
{
  g_return_if_fail (GJ_IS_RECORD_TABLE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Between the search entry and the count. */
  gtk_box_insert_child_after (self->top_bar, widget,
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->count_label)));
}

void
gj_record_table_set_cell_func (GjRecordTable         *self,
                               GjRecordTableCellFunc  func,
                               gpointer               user_data,
                               GDestroyNotify         destroy)
{
  g_return_if_fail (GJ_IS_RECORD_TABLE (self));

  if (self->cell_destroy != NULL)
    g_clear_pointer (&self->cell_data, self->cell_destroy);
  self->cell_func = func;
  self->cell_data = user_data;
  self->cell_destroy = destroy;
}

void
gj_record_table_set_column_sorter (GjRecordTable *self,
                                   const char    *field,
                                   GtkSorter     *sorter)
{
  GListModel *columns;

  g_return_if_fail (GJ_IS_RECORD_TABLE (self));
  g_return_if_fail (field != NULL);

  ensure_columns (self);
  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "gj-field"), field) == 0)
        gtk_column_view_column_set_sorter (column, sorter);
    }
}

GjRecord *
gj_record_table_get_selected (GjRecordTable *self)
{
  g_return_val_if_fail (GJ_IS_RECORD_TABLE (self), NULL);

  return self->selected;
}

gboolean
gj_record_table_select_id (GjRecordTable *self,
                           gint64         id)
{
  g_return_val_if_fail (GJ_IS_RECORD_TABLE (self), FALSE);

  self->selected_id = id;
  if (self->needs_reload && gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self, FALSE);
  if (id == 0)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  else
    restore_selection (self);
  if (gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    {
      guint position = gtk_single_selection_get_selected (self->selection);

      /* Scrolled into view (4.8 has no scroll_to: the activate-less way). */
      gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", position);
      return TRUE;
    }
  return FALSE;
}

void
gj_record_table_refilter (GjRecordTable *self)
{
  GtkFilter *filter;

  g_return_if_fail (GJ_IS_RECORD_TABLE (self));

  filter = gtk_filter_list_model_get_filter (self->filter_model);
  if (filter != NULL)
    gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  restore_selection (self);
  update_state (self);
}

void
gj_record_table_insert_column (GjRecordTable *self,
                               guint          position,
                               const char    *id,
                               const char    *title,
                               GtkSorter     *sorter)
{
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GtkListItemFactory *factory;
  GjColumnInfo *info;

  g_return_if_fail (GJ_IS_RECORD_TABLE (self));
  g_return_if_fail (id != NULL && title != NULL);

  ensure_columns (self);
  info = g_new0 (GjColumnInfo, 1);
  info->table = self;
  info->field = g_intern_string (id);
  info->index = G_MAXUINT;
  info->type = GJ_FIELD_TEXT;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), info);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), info, (GClosureNotify) g_free, 0);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_fixed_width (column, 12 * 8 + 16);
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_set_data (G_OBJECT (column), "gj-field", (gpointer) info->field);
  gtk_column_view_insert_column (self->column_view, position, column);
}
