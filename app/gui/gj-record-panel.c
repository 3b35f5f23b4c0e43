/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "gj-format.h"
#include "gj-map-theme.h"
#include "gj-record-form.h"
#include "gj-record-panel.h"

struct _GjRecordPanel
{
  GtkWidget     parent_instance;

  GjRecord     *record;
  GjHistory    *history;
  /* The rows that hold a field's value, by field name. */
  GHashTable   *rows;
  /* Set while the panel itself fills its rows: no save then. */
  gboolean      filling;

  GtkListBox   *fields;
  GtkLabel     *kind_label;
  GtkLabel     *title_label;
  GtkWidget    *edit_buttons;
  GtkButton    *shape_button;
  GtkWidget    *centre_warning;
};

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GjRecordPanel, gj_record_panel, GTK_TYPE_WIDGET)

/* How a field is edited in the panel. */
typedef enum
{
  EDIT_NONE,     /* shown, computed or linked elsewhere */
  EDIT_TEXT,
  EDIT_INT,
  EDIT_REAL,
  EDIT_DATE,
  EDIT_LIST,     /* a list kept as JSON, typed with 、 or commas */
  EDIT_CHOICE,   /* one of the kinds, or what the data holds */
} EditKind;

typedef struct
{
  const char *field;
  EditKind    edit;
} FormField;

static const FormField grid_form[] = {
  { "code", EDIT_TEXT },
  { "name", EDIT_TEXT },
  { "kind", EDIT_CHOICE },
  { "street_name", EDIT_NONE },
  { "community_name", EDIT_NONE },
  { "households", EDIT_INT },
  { "population", EDIT_INT },
  { "worker", EDIT_TEXT },
  { "worker_phone", EDIT_TEXT },
  { "area", EDIT_NONE },
  { "declared_area", EDIT_REAL },
  { "established", EDIT_DATE },
  { "remark", EDIT_TEXT },
};

static const FormField station_form[] = {
  { "name", EDIT_TEXT },
  { "code", EDIT_TEXT },
  { "kind", EDIT_CHOICE },
  { "floor_area", EDIT_REAL },
  { "open_hours", EDIT_TEXT },
  { "services", EDIT_LIST },
  { "contact", EDIT_TEXT },
  { "phone", EDIT_TEXT },
  { "address", EDIT_TEXT },
  { "staff", EDIT_INT },
  { "opened", EDIT_DATE },
  { "grid_code", EDIT_NONE },
  { "street_name", EDIT_NONE },
  { "community_name", EDIT_NONE },
  { "remark", EDIT_TEXT },
};

/* The grid kinds of the district's standard and of the national guidance
 * (office buildings, parks, markets, campuses), as the data writes them. */
static const char * const extra_grid_kinds[] = {
  "商务楼宇", "产业园区", "商圈市场", "校园", "其他", NULL,
};

/* The five levels of 党群服务阵地. */
static const char * const station_kinds[] = {
  "区级党群服务中心", "街道党群服务中心", "社区党群服务中心", "网格党群服务站", "党群服务驿站", NULL,
};

/* A party-mass service centre is to have at least this much floor space. */
#define CENTRE_MIN_FLOOR_AREA 600.0

static const char *
kind_title (GjRecord *record)
{
  if (GJ_IS_GRID (record))
    return _("Grid");
  if (GJ_IS_STATION (record))
    return _("Service Station");
  if (GJ_IS_UNIT (record))
    return _("Resident Unit");
  return "";
}

static const FormField *
form_for (GjRecord *record,
          guint    *n_fields)
{
  if (GJ_IS_GRID (record))
    {
      *n_fields = G_N_ELEMENTS (grid_form);
      return grid_form;
    }
  if (GJ_IS_STATION (record))
    {
      *n_fields = G_N_ELEMENTS (station_form);
      return station_form;
    }
  *n_fields = 0;
  return NULL;
}

gboolean
gj_station_kind_is_centre (const char *kind)
{
  return kind != NULL && strstr (kind, "中心") != NULL;
}

static void
update_centre_warning (GjRecordPanel *self)
{
  gboolean small = FALSE;

  if (self->record != NULL && GJ_IS_STATION (self->record))
    small = gj_station_kind_is_centre (gj_record_get_text (self->record, "kind"))
            && !gj_record_is_null (self->record, "floor_area")
            && gj_record_get_real (self->record, "floor_area") < CENTRE_MIN_FLOOR_AREA;
  gtk_widget_set_visible (self->centre_warning, small);
}

/* The value as the entry shows it for editing: figures without grouping. */
static char *
edit_text (GjRecord       *record,
           const GjField  *field,
           EditKind        edit)
{
  if (gj_record_is_null (record, field->name))
    return g_strdup ("");
  switch (edit)
    {
    case EDIT_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, gj_record_get_int (record, field->name));
    case EDIT_REAL:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", gj_record_get_real (record, field->name)));
      }
    case EDIT_LIST:
      {
        g_autofree char *shown = gj_format_field (record, field);

        return g_strdup (shown != NULL ? shown : "");
      }
    case EDIT_NONE:
    case EDIT_TEXT:
    case EDIT_DATE:
    case EDIT_CHOICE:
    default:
      {
        g_autofree char *shown = gj_format_field (record, field);

        return g_strdup (shown != NULL ? shown : "");
      }
    }
}

static GStrv
choices_for (GjRecord   *record,
             const char *current)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *kinds;
  const char * const *extra = NULL;
  gboolean has_current = current == NULL || *current == '\0';

  if (GJ_IS_GRID (record))
    {
      kinds = gj_map_theme_get_known_kinds ();
      extra = extra_grid_kinds;
    }
  else
    kinds = station_kinds;

  /* First entry: no kind. */
  g_strv_builder_add (builder, "");
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_strv_builder_add (builder, kinds[i]);
      has_current = has_current || g_strcmp0 (kinds[i], current) == 0;
    }
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    {
      g_strv_builder_add (builder, extra[i]);
      has_current = has_current || g_strcmp0 (extra[i], current) == 0;
    }
  if (!has_current)
    g_strv_builder_add (builder, current);
  return g_strv_builder_end (builder);
}

static guint
choice_index (GtkStringList *list,
              const char    *value)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), value != NULL ? value : "") == 0)
      return i;
  return 0;
}

/* Saving ---------------------------------------------------------------------- */

/* The form's parser: EditKind and GjFormEdit list the same kinds in the
 * same order. */
G_STATIC_ASSERT ((int) EDIT_CHOICE == (int) GJ_FORM_CHOICE && (int) EDIT_LIST == (int) GJ_FORM_LIST);

static gboolean
parse_into (GjRecord       *record,
            const GjField  *field,
            EditKind        edit,
            const char     *text,
            char          **reason)
{
  return gj_record_form_parse (record, field, (GjFormEdit) edit, text, reason);
}

static void fill_values (GjRecordPanel *self);

static gboolean
save_field (GjRecordPanel  *self,
            const char     *name,
            EditKind        edit,
            const char     *text,
            GtkWidget      *row)
{
  const GjField *field = gj_record_class_find_field (GJ_RECORD_GET_CLASS (self->record), name, NULL);
  g_autoptr(GjRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *label = NULL;

  if (self->history == NULL || field == NULL)
    return FALSE;

  copy = gj_record_copy (self->record);
  if (!parse_into (copy, field, edit, text, &reason))
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, reason);
      g_signal_emit (self, signals[FAILED], 0, reason);
      return FALSE;
    }

  /* “the name of 天四社区第4网格”, for the toast and the undo menu. */
  label = g_strdup_printf (_("%s of “%s”"), _(field->label), gj_record_get_label (self->record));
  if (!gj_history_update (self->history, copy, label, &error))
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, error->message);
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return FALSE;
    }

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  /* The stored record now, with what the store computed (area, grid). */
  g_set_object (&self->record, copy);
  fill_values (self);
  g_signal_emit (self, signals[SAVED], 0, label);
  return TRUE;
}

static void
entry_applied_cb (AdwEntryRow   *row,
                  GjRecordPanel *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "gj-field");
  EditKind edit = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "gj-edit"));

  if (!self->filling)
    save_field (self, name, edit, gtk_editable_get_text (GTK_EDITABLE (row)), GTK_WIDGET (row));
}

static void
entry_changed_cb (AdwEntryRow   *row,
                  GjRecordPanel *self)
{
  if (!self->filling)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
choice_selected_cb (AdwComboRow   *row,
                    GParamSpec    *pspec,
                    GjRecordPanel *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "gj-field");
  GtkStringList *list = GTK_STRING_LIST (adw_combo_row_get_model (row));
  guint selected = adw_combo_row_get_selected (row);

  if (self->filling || selected == GTK_INVALID_LIST_POSITION)
    return;
  save_field (self, name, EDIT_CHOICE, gtk_string_list_get_string (list, selected), GTK_WIDGET (row));
}

/* Rows -------------------------------------------------------------------------- */

/* Puts the record's values into the rows that exist, without saving. */
static void
fill_values (GjRecordPanel *self)
{
  GHashTableIter iter;
  gpointer key, value;

  self->filling = TRUE;
  gtk_label_set_label (self->title_label, gj_record_get_label (self->record));
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const GjField *field = gj_record_class_find_field (GJ_RECORD_GET_CLASS (self->record), key, NULL);
      EditKind edit = GPOINTER_TO_INT (g_object_get_data (value, "gj-edit"));
      g_autofree char *text = edit_text (self->record, field, edit);

      if (ADW_IS_ENTRY_ROW (value))
        {
          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (value)), text) != 0)
            gtk_editable_set_text (GTK_EDITABLE (value), text);
          gtk_widget_remove_css_class (value, "error");
        }
      else if (ADW_IS_COMBO_ROW (value))
        {
          GtkStringList *list = GTK_STRING_LIST (adw_combo_row_get_model (value));
          const char *current = gj_record_get_text (self->record, key);
          guint index = choice_index (list, current);

          if (index == 0 && current != NULL && *current != '\0')
            {
              gtk_string_list_append (list, current);
              index = g_list_model_get_n_items (G_LIST_MODEL (list)) - 1;
            }
          adw_combo_row_set_selected (value, index);
        }
      else if (ADW_IS_ACTION_ROW (value))
        {
          /* Read-only figures read as figures: 1,749,638.6. */
          g_autofree char *shown = gj_format_field (self->record, field);

          adw_action_row_set_subtitle (value, shown != NULL && *shown != '\0' ? shown : "—");
        }
    }
  update_centre_warning (self);
  self->filling = FALSE;
}

static GtkWidget *
make_row (GjRecordPanel  *self,
          const GjField  *field,
          EditKind        edit)
{
  GtkWidget *row;

  if (edit == EDIT_NONE || self->history == NULL)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "property");
      edit = EDIT_NONE;
    }
  else if (edit == EDIT_CHOICE)
    {
      g_auto(GStrv) choices = choices_for (self->record, gj_record_get_text (self->record, field->name));
      GtkStringList *list = gtk_string_list_new ((const char * const *) choices);

      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
      g_object_unref (list);
      g_signal_connect (row, "notify::selected", G_CALLBACK (choice_selected_cb), self);
    }
  else
    {
      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      if (edit == EDIT_INT || edit == EDIT_REAL)
        gtk_editable_set_alignment (GTK_EDITABLE (row), 0);
      if (edit == EDIT_INT)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
      else if (edit == EDIT_REAL)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      else if (g_str_has_suffix (field->name, "phone"))
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
      g_signal_connect (row, "apply", G_CALLBACK (entry_applied_cb), self);
      g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  g_object_set_data (G_OBJECT (row), "gj-field", (gpointer) field->name);
  g_object_set_data (G_OBJECT (row), "gj-edit", GINT_TO_POINTER (edit));
  g_hash_table_insert (self->rows, (gpointer) field->name, row);
  return row;
}

static void
rebuild (GjRecordPanel *self)
{
  GtkWidget *child;
  const FormField *form;
  guint n_form = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields))) != NULL)
    gtk_list_box_remove (self->fields, child);
  g_hash_table_remove_all (self->rows);

  if (self->record == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->kind_label, "");
      gtk_widget_set_visible (self->edit_buttons, FALSE);
      gtk_widget_set_visible (self->centre_warning, FALSE);
      return;
    }

  gtk_label_set_label (self->kind_label, kind_title (self->record));
  form = form_for (self->record, &n_form);
  if (form != NULL)
    {
      for (guint i = 0; i < n_form; i++)
        {
          const GjField *f = gj_record_class_find_field (GJ_RECORD_GET_CLASS (self->record), form[i].field, NULL);

          if (f == NULL)
            continue;
          gtk_list_box_append (self->fields, make_row (self, f, form[i].edit));
          /* The floor-space rule shows right under the floor space. */
          if (g_str_equal (f->name, "floor_area"))
            gtk_list_box_append (self->fields, self->centre_warning);
        }
    }
  else
    {
      const GjField *fields;
      guint n_fields = 0;

      /* Other kinds: every field with a value, to read. */
      fields = gj_record_get_fields (self->record, &n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          const GjField *f = &fields[i];
          g_autofree char *value = NULL;

          if (f->label == NULL || (f->flags & GJ_FIELD_FLAG_LINK) || g_str_equal (f->name, "name"))
            continue;
          value = gj_format_field (self->record, f);
          if (value == NULL || *value == '\0')
            continue;
          gtk_list_box_append (self->fields, make_row (self, f, EDIT_NONE));
        }
    }

  gtk_widget_set_visible (self->edit_buttons, self->history != NULL && (GJ_IS_GRID (self->record) || GJ_IS_STATION (self->record)));
  gtk_button_set_label (self->shape_button, GJ_IS_STATION (self->record) ? _("_Move") : _("_Edit Shape"));
  fill_values (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gj_record_panel_set_record (GJ_RECORD_PANEL (widget), NULL);
}

static void
gj_record_panel_dispose (GObject *object)
{
  GjRecordPanel *self = GJ_RECORD_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_RECORD_PANEL);
  /* The template's top box is not bound: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->record);
  g_clear_object (&self->history);
  g_clear_object (&self->centre_warning);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (gj_record_panel_parent_class)->dispose (object);
}

static void
gj_record_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GjRecordPanel *self = GJ_RECORD_PANEL (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_record_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GjRecordPanel *self = GJ_RECORD_PANEL (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      gj_record_panel_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_record_panel_class_init (GjRecordPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_record_panel_dispose;
  object_class->get_property = gj_record_panel_get_property;
  object_class->set_property = gj_record_panel_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, GJ_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GjRecordPanel::saved:
   * @label: what was changed, for a toast ("the name of …")
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * GjRecordPanel::failed:
   * @message: why the value was not kept
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-record-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GjRecordPanel, fields);
  gtk_widget_class_bind_template_child (widget_class, GjRecordPanel, kind_label);
  gtk_widget_class_bind_template_child (widget_class, GjRecordPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, GjRecordPanel, edit_buttons);
  gtk_widget_class_bind_template_child (widget_class, GjRecordPanel, shape_button);

  gtk_widget_class_install_action (widget_class, "panel.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "panel.close", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "recordpanel");
}

static void
gj_record_panel_init (GjRecordPanel *self)
{
  GtkWidget *icon;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);

  /* Shown under the floor space of a centre that is too small. */
  self->centre_warning = g_object_ref_sink (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->centre_warning),
                                 _("A service centre should have at least 600 m²"));
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->centre_warning), icon);
  gtk_widget_add_css_class (self->centre_warning, "warning");
  gtk_widget_set_visible (self->centre_warning, FALSE);
}

GtkWidget *
gj_record_panel_new (void)
{
  return g_object_new (GJ_TYPE_RECORD_PANEL, NULL);
}

GjRecord *
gj_record_panel_get_record (GjRecordPanel *self)
{
  g_return_val_if_fail (GJ_IS_RECORD_PANEL (self), NULL);
  return self->record;
}

void
gj_record_panel_set_record (GjRecordPanel *self,
                            GjRecord      *record)
{
  g_return_if_fail (GJ_IS_RECORD_PANEL (self));
  g_return_if_fail (record == NULL || GJ_IS_RECORD (record));

  if (record == self->record)
    return;
  /* The same record read again (after an undo): the rows stay, with their
   * focus; only the values change. */
  if (record != NULL && self->record != NULL && G_OBJECT_TYPE (record) == G_OBJECT_TYPE (self->record)
      && gj_record_get_id (record) == gj_record_get_id (self->record) && g_hash_table_size (self->rows) > 0)
    {
      g_set_object (&self->record, record);
      fill_values (self);
    }
  else
    {
      g_set_object (&self->record, record);
      rebuild (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

void
gj_record_panel_set_history (GjRecordPanel *self,
                             GjHistory     *history)
{
  g_return_if_fail (GJ_IS_RECORD_PANEL (self));
  g_return_if_fail (history == NULL || GJ_IS_HISTORY (history));

  if (!g_set_object (&self->history, history))
    return;
  g_set_object (&self->record, NULL);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
