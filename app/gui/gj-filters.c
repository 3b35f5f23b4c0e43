/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "gj-filters.h"

GtkDropDown *
gj_filters_street_new (void)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;

  gtk_string_list_append (titles, _("All streets"));
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&titles)), NULL));
  g_object_set_data_full (G_OBJECT (dropdown), "gj-ids", g_array_new (FALSE, TRUE, sizeof (gint64)),
                          (GDestroyNotify) g_array_unref);
  g_array_append_val ((GArray *) g_object_get_data (G_OBJECT (dropdown), "gj-ids"), (gint64) { 0 });
  gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), _("Show the rows of one street"));
  return dropdown;
}

void
gj_filters_street_set_store (GtkDropDown *dropdown,
                             GjStore     *store)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GListModel) streets = NULL;
  g_autoptr(GError) error = NULL;
  gint64 all = 0;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  gtk_string_list_append (titles, _("All streets"));
  g_array_append_val (ids, all);
  if (store != NULL)
    streets = gj_store_list (store, GJ_TYPE_STREET, &error);
  if (error != NULL)
    g_warning ("Could not read the streets: %s", error->message);
  for (guint i = 0; streets != NULL && i < g_list_model_get_n_items (streets); i++)
    {
      g_autoptr(GjRecord) street = g_list_model_get_item (streets, i);
      gint64 id = gj_record_get_id (street);

      gtk_string_list_append (titles, gj_record_get_label (street));
      g_array_append_val (ids, id);
    }
  g_object_set_data_full (G_OBJECT (dropdown), "gj-ids", ids, (GDestroyNotify) g_array_unref);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (dropdown, 0);
}

gint64
gj_filters_street_get_id (GtkDropDown *dropdown)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "gj-ids");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected);
}

void
gj_filters_street_set_id (GtkDropDown *dropdown,
                          gint64       id)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "gj-ids");

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
}

GtkDropDown *
gj_filters_choice_new (const char         *all_title,
                       const GjFormChoice *choices)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  GtkDropDown *dropdown;

  gtk_string_list_append (titles, all_title);
  g_ptr_array_add (values, NULL);
  for (guint i = 0; choices != NULL && choices[i].title != NULL; i++)
    {
      if (choices[i].value == NULL || *choices[i].value == '\0')
        continue;
      gtk_string_list_append (titles, choices[i].title);
      g_ptr_array_add (values, g_strdup (choices[i].value));
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&titles)), NULL));
  g_object_set_data_full (G_OBJECT (dropdown), "gj-values", values, (GDestroyNotify) g_ptr_array_unref);
  gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
  return dropdown;
}

const char *
gj_filters_choice_get_value (GtkDropDown *dropdown)
{
  GPtrArray *values = g_object_get_data (G_OBJECT (dropdown), "gj-values");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (values == NULL || selected >= values->len)
    return NULL;
  return values->pdata[selected];
}

gboolean
gj_filters_choice_set_value (GtkDropDown *dropdown,
                             const char  *value)
{
  GPtrArray *values = g_object_get_data (G_OBJECT (dropdown), "gj-values");

  for (guint i = 0; values != NULL && i < values->len; i++)
    if (g_strcmp0 (values->pdata[i], value) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return TRUE;
      }
  return FALSE;
}
