/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gj-format.h"
#include "gj-unit-panel.h"

struct _GjUnitPanel
{
  GtkWidget            parent_instance;

  /* Template children */
  GtkListBox          *agreements_list;
  AdwPreferencesGroup *basic_group;
  AdwPreferencesGroup *check_group;
  AdwPreferencesGroup *contact_group;
  GtkListBox          *items_list;
  AdwActionRow        *location_row;
  AdwPreferencesGroup *party_group;
  AdwPreferencesGroup *place_group;
  GtkWidget           *show_on_map_button;
  GtkLabel            *stale_label;
  GtkLabel            *title_label;

  GjRecordForm        *form;
  GjStore             *store;
};

G_DEFINE_FINAL_TYPE (GjUnitPanel, gj_unit_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The kinds of the district's unit register (驻区单位分类). */
static const GjFormChoice unit_kinds[] = {
  { "", N_("Not set") },
  { "党政机关", N_("Party or government organ") },
  { "事业单位", N_("Public institution") },
  { "国有企业", N_("State-owned enterprise") },
  { "民营企业", N_("Private enterprise") },
  { "外资企业", N_("Foreign-invested enterprise") },
  { "社会组织", N_("Social organisation") },
  { "学校", N_("School") },
  { "医疗机构", N_("Hospital") },
  { "金融机构", N_("Financial institution") },
  { "个体工商户", N_("Individual business") },
  { "其他", N_("Other") },
  { NULL, NULL },
};

static const GjFormChoice party_orgs[] = {
  { "", N_("Not set") },
  { "无", N_("None") },
  { "党支部", N_("Party branch") },
  { "党总支", N_("General party branch") },
  { "党委", N_("Party committee") },
  { NULL, NULL },
};

static const GjFormChoice *
translated (const GjFormChoice *choices,
            GjFormChoice       *out,
            gsize               n_out)
{
  for (gsize i = 0; i < n_out; i++)
    {
      out[i].value = choices[i].value;
      out[i].title = choices[i].title != NULL ? _(choices[i].title) : NULL;
    }
  return out;
}

const GjFormChoice *
gj_unit_kind_choices (void)
{
  static GjFormChoice out[G_N_ELEMENTS (unit_kinds)];

  return translated (unit_kinds, out, G_N_ELEMENTS (out));
}

const GjFormChoice *
gj_unit_party_org_choices (void)
{
  static GjFormChoice out[G_N_ELEMENTS (party_orgs)];

  return translated (party_orgs, out, G_N_ELEMENTS (out));
}

const char *
gj_unit_choice_title (const GjFormChoice *choices,
                      const char         *value)
{
  if (value == NULL || *value == '\0')
    return NULL;
  for (guint i = 0; choices[i].title != NULL; i++)
    if (g_strcmp0 (choices[i].value, value) == 0)
      return choices[i].title;
  return value;
}

/* Related records ---------------------------------------------------------- */

static GtkWidget *
create_agreement_row (gpointer item,
                      gpointer user_data)
{
  GjRecord *agreement = item;
  g_autoptr(GDate) today = gj_today ();
  GjAgreementStatus status = gj_agreement_get_status (GJ_AGREEMENT (agreement), today);
  const char *start = gj_record_get_text (agreement, "start_date");
  const char *end = gj_record_get_text (agreement, "end_date");
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge = gtk_label_new (gj_agreement_status_get_title (status));

  /* TRANSLATORS: an agreement's term, start – end */
  subtitle = g_strdup_printf (_("%s – %s"), start ? start : "…", end ? end : "…");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gj_record_get_label (agreement));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (badge, "status-badge");
  gtk_widget_add_css_class (badge, gj_agreement_status_to_string (status));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "units.show-agreement");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", gj_record_get_id (agreement));
  return row;
}

static GtkWidget *
create_item_row (gpointer item,
                 gpointer user_data)
{
  GjListItem *list_item = item;
  GjListKind kind = gj_list_item_get_kind (list_item);
  GjListItemStatus status = gj_list_item_get_status (list_item);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* TRANSLATORS: a list item's list and status, e.g. 资源清单 · 待认领 */
  subtitle = g_strdup_printf (_("%s · %s"),
                              kind != GJ_LIST_INVALID ? gj_list_kind_get_title (kind) : "",
                              status != GJ_LIST_ITEM_STATUS_INVALID ? gj_list_item_status_get_title (status) : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gj_record_get_label (GJ_RECORD (list_item)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "units.show-list-item");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", gj_record_get_id (GJ_RECORD (list_item)));
  return row;
}

static GListModel *
list_related (GjUnitPanel *self,
              GType        type,
              const char  *field)
{
  GjRecord *record = gj_record_form_get_record (self->form);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  if (record == NULL || self->store == NULL)
    return NULL;
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, gj_record_get_id (record));
  model = gj_store_list_where (self->store, type, field, &value, &error);
  if (error != NULL)
    g_warning ("Could not read the unit’s %s: %s", g_type_name (type), error->message);
  return model;
}

void
gj_unit_panel_reload_related (GjUnitPanel *self)
{
  g_autoptr(GListModel) agreements = NULL;
  g_autoptr(GListModel) items = NULL;

  g_return_if_fail (GJ_IS_UNIT_PANEL (self));

  agreements = list_related (self, GJ_TYPE_AGREEMENT, "unit_id");
  items = list_related (self, GJ_TYPE_LIST_ITEM, "owner_unit_id");
  gtk_list_box_bind_model (self->agreements_list, agreements, create_agreement_row, self, NULL);
  gtk_list_box_bind_model (self->items_list, items, create_item_row, self, NULL);
}

/* Showing ------------------------------------------------------------------ */

static void
update_header (GjUnitPanel *self)
{
  GjRecord *record = gj_record_form_get_record (self->form);
  g_autoptr(GDate) today = gj_today ();
  gboolean placed;

  if (record == NULL)
    return;

  gtk_label_set_label (self->title_label, gj_record_get_label (record));
  if (gj_unit_is_stale (record, today))
    {
      const char *verified = gj_record_get_text (record, "verified_date");
      g_autofree char *text = verified != NULL
                              ? g_strdup_printf (_("Last verified %s, more than a year ago: check the details"), verified)
                              : g_strdup (_("Never verified: check the details and set the date"));

      gtk_label_set_label (self->stale_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->stale_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->stale_label), FALSE);

  placed = !gj_record_is_null (record, "lon") && !gj_record_is_null (record, "lat");
  if (placed)
    {
      g_autofree char *where = g_strdup_printf ("%.6f, %.6f", gj_record_get_real (record, "lon"),
                                                gj_record_get_real (record, "lat"));

      adw_action_row_set_subtitle (self->location_row, where);
    }
  else
    adw_action_row_set_subtitle (self->location_row, _("Not placed yet: pick it on the map"));
  gtk_widget_set_sensitive (self->show_on_map_button, placed);
}

static void
form_saved_cb (GjUnitPanel *self)
{
  update_header (self);
}

GjRecord *
gj_unit_panel_get_record (GjUnitPanel *self)
{
  g_return_val_if_fail (GJ_IS_UNIT_PANEL (self), NULL);

  return gj_record_form_get_record (self->form);
}

void
gj_unit_panel_set_record (GjUnitPanel *self,
                          GjRecord    *record)
{
  GjRecord *old;
  gboolean same;

  g_return_if_fail (GJ_IS_UNIT_PANEL (self));
  g_return_if_fail (record == NULL || GJ_IS_UNIT (record));

  old = gj_record_form_get_record (self->form);
  if (old == record)
    return;
  same = old != NULL && record != NULL && gj_record_get_id (old) == gj_record_get_id (record);
  gj_record_form_set_record (self->form, record);
  update_header (self);
  /* Agreements and items do not change with the unit's own fields. */
  if (!same)
    gj_unit_panel_reload_related (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

void
gj_unit_panel_set_store (GjUnitPanel *self,
                         GjStore     *store)
{
  g_return_if_fail (GJ_IS_UNIT_PANEL (self));

  g_set_object (&self->store, store);
  gj_record_form_set_record (self->form, NULL);
}

GjRecordForm *
gj_unit_panel_get_form (GjUnitPanel *self)
{
  g_return_val_if_fail (GJ_IS_UNIT_PANEL (self), NULL);

  return self->form;
}

/* GObject ------------------------------------------------------------------ */

static void
gj_unit_panel_dispose (GObject *object)
{
  GjUnitPanel *self = GJ_UNIT_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_UNIT_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->form);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gj_unit_panel_parent_class)->dispose (object);
}

static void
gj_unit_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GjUnitPanel *self = GJ_UNIT_PANEL (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, gj_unit_panel_get_record (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_unit_panel_class_init (GjUnitPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_unit_panel_dispose;
  object_class->get_property = gj_unit_panel_get_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, GJ_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-unit-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, agreements_list);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, basic_group);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, check_group);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, contact_group);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, items_list);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, location_row);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, party_group);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, place_group);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, show_on_map_button);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, stale_label);
  gtk_widget_class_bind_template_child (widget_class, GjUnitPanel, title_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "unitpanel");
}

static void
add (GjUnitPanel         *self,
     AdwPreferencesGroup *group,
     const char          *field,
     GjFormEdit           edit,
     const GjFormChoice  *choices)
{
  adw_preferences_group_add (group, gj_record_form_add_row (self->form, GJ_TYPE_UNIT, field, edit, choices));
}

static void
gj_unit_panel_init (GjUnitPanel *self)
{
  GtkWidget *today;
  GtkWidget *verified;
  GtkWidget *label;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = gj_record_form_new ();
  g_signal_connect_object (self->form, "saved", G_CALLBACK (form_saved_cb), self, G_CONNECT_SWAPPED);

  add (self, self->basic_group, "name", GJ_FORM_TEXT, NULL);
  add (self, self->basic_group, "kind", GJ_FORM_CHOICE, gj_unit_kind_choices ());
  add (self, self->basic_group, "credit_code", GJ_FORM_TEXT, NULL);
  add (self, self->basic_group, "address", GJ_FORM_TEXT, NULL);
  add (self, self->place_group, "grid_code", GJ_FORM_NONE, NULL);
  add (self, self->place_group, "street_name", GJ_FORM_NONE, NULL);
  add (self, self->place_group, "community_name", GJ_FORM_NONE, NULL);
  add (self, self->party_group, "party_org", GJ_FORM_CHOICE, gj_unit_party_org_choices ());
  add (self, self->party_group, "party_members", GJ_FORM_INT, NULL);
  add (self, self->party_group, "staff_count", GJ_FORM_INT, NULL);
  add (self, self->contact_group, "contact_person", GJ_FORM_TEXT, NULL);
  add (self, self->contact_group, "contact_phone", GJ_FORM_TEXT, NULL);
  add (self, self->contact_group, "landline", GJ_FORM_TEXT, NULL);
  add (self, self->check_group, "verified_date", GJ_FORM_DATE, NULL);
  add (self, self->check_group, "remark", GJ_FORM_TEXT, NULL);

  /* The grid follows from the place; it is not typed. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (gj_record_form_get_row (self->form, "grid_code")), "—");

  /* Checking a unit's details is most often "checked today". */
  verified = gj_record_form_get_row (self->form, "verified_date");
  today = gtk_button_new_with_mnemonic (_("_Today"));
  gtk_widget_set_valign (today, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (today, _("The details were checked today"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (today), "units.verified-today");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (verified), today);

  label = gtk_label_new (_("No agreements yet"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (self->agreements_list, label);
  label = gtk_label_new (_("No resources, needs, projects or services"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (self->items_list, label);
}

GtkWidget *
gj_unit_panel_new (void)
{
  return g_object_new (GJ_TYPE_UNIT_PANEL, NULL);
}
