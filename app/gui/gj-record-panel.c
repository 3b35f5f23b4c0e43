/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gj-format.h"
#include "gj-record-panel.h"

struct _GjRecordPanel
{
  GtkWidget     parent_instance;

  GjRecord     *record;

  GtkListBox   *fields;
  GtkLabel     *kind_label;
  GtkLabel     *title_label;
};

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GjRecordPanel, gj_record_panel, GTK_TYPE_WIDGET)

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

static void
rebuild (GjRecordPanel *self)
{
  GtkWidget *child;
  const GjField *fields;
  guint n_fields = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields))) != NULL)
    gtk_list_box_remove (self->fields, child);

  if (self->record == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->kind_label, "");
      return;
    }

  gtk_label_set_label (self->kind_label, kind_title (self->record));
  gtk_label_set_label (self->title_label,
                       gj_record_get_text (self->record, "name") ? gj_record_get_text (self->record, "name")
                                                                  : gj_record_get_uuid (self->record));

  fields = gj_record_get_fields (self->record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const GjField *f = &fields[i];
      g_autofree char *value = NULL;
      GtkWidget *row;

      /* Links, shapes and the source's extra columns are not for reading. */
      if (f->label == NULL || (f->flags & GJ_FIELD_FLAG_LINK) || g_str_equal (f->name, "name"))
        continue;
      value = gj_format_field (self->record, f);
      if (value == NULL || *value == '\0')
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(f->label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "property");
      gtk_list_box_append (self->fields, row);
    }
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-record-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GjRecordPanel, fields);
  gtk_widget_class_bind_template_child (widget_class, GjRecordPanel, kind_label);
  gtk_widget_class_bind_template_child (widget_class, GjRecordPanel, title_label);

  gtk_widget_class_install_action (widget_class, "panel.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "panel.close", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "recordpanel");
}

static void
gj_record_panel_init (GjRecordPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  if (!g_set_object (&self->record, record))
    return;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
