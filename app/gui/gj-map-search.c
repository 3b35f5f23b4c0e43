/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "gj-map-search.h"

#define MAX_RESULTS 10

struct _GjMapSearch
{
  GtkWidget    parent_instance;

  GtkWidget   *entry;
  GtkWidget   *popover;
  GtkListBox  *list;

  GjStore     *store;
  GListStore  *results;
};

G_DEFINE_FINAL_TYPE (GjMapSearch, gj_map_search, GTK_TYPE_WIDGET)

enum
{
  RECORD_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GjRecord *record = item;
  const char *name = gj_record_get_text (record, "name");
  const char *code = gj_record_get_text (record, "code");
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (name == NULL || name[0] == '\0')
    name = code != NULL ? code : "";
  /* TRANSLATORS: a match of the map search: a record's name, then what it is ("Grid") */
  text = g_strdup_printf (_("%s — %s"), name, kind_title (record));

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (code != NULL && code[0] != '\0')
    gtk_widget_set_tooltip_text (label, code);
  return label;
}

/* Units are on the map only when they have a place. */
static gboolean
is_on_map (GjRecord *record)
{
  return !GJ_IS_UNIT (record)
         || (!gj_record_is_null (record, "lon") && !gj_record_is_null (record, "lat"));
}

static void
search (GjMapSearch *self,
        const char  *text)
{
  GType types[] = { GJ_TYPE_GRID, GJ_TYPE_STATION, GJ_TYPE_UNIT };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (self->store != NULL && stripped[0] != '\0')
    {
      for (guint t = 0; t < G_N_ELEMENTS (types) && found->len < MAX_RESULTS; t++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GListModel) matches = NULL;
          guint n;

          /* Units without a place are skipped, so ask for a few more. */
          matches = gj_store_list_range (self->store, types[t], stripped, GJ_STORE_LIST_NO_GEOMETRY, 0,
                                         types[t] == GJ_TYPE_UNIT ? 4 * MAX_RESULTS : MAX_RESULTS, &error);
          if (matches == NULL)
            {
              g_warning ("Map search failed: %s", error->message);
              continue;
            }

          n = g_list_model_get_n_items (matches);
          for (guint i = 0; i < n && found->len < MAX_RESULTS; i++)
            {
              GjRecord *record = g_list_model_get_item (matches, i);

              if (is_on_map (record))
                g_ptr_array_add (found, record);
              else
                g_object_unref (record);
            }
        }
    }

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       found->pdata, found->len);

  if (found->len > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_popover_popup (GTK_POPOVER (self->popover));
  else
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
search_changed_cb (GjMapSearch *self)
{
  search (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
stop_search_cb (GjMapSearch *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
entry_activate_cb (GjMapSearch *self)
{
  /* Enter may come before the search delay ran out. */
  search (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    gj_map_search_choose (self, 0);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
row_activated_cb (GjMapSearch   *self,
                  GtkListBoxRow *row)
{
  gj_map_search_choose (self, (guint) gtk_list_box_row_get_index (row));
}

static void
gj_map_search_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GjMapSearch *self = GJ_MAP_SEARCH (widget);

  gtk_widget_allocate (self->entry, width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
gj_map_search_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  GjMapSearch *self = GJ_MAP_SEARCH (widget);

  gtk_widget_measure (self->entry, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

static gboolean
gj_map_search_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GJ_MAP_SEARCH (widget)->entry);
}

static void
gj_map_search_dispose (GObject *object)
{
  GjMapSearch *self = GJ_MAP_SEARCH (object);

  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_object (&self->results);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gj_map_search_parent_class)->dispose (object);
}

static void
gj_map_search_class_init (GjMapSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_map_search_dispose;
  widget_class->measure = gj_map_search_measure;
  widget_class->size_allocate = gj_map_search_size_allocate;
  widget_class->grab_focus = gj_map_search_grab_focus;

  signals[RECORD_CHOSEN] =
    g_signal_new ("record-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GJ_TYPE_RECORD);

  gtk_widget_class_set_css_name (widget_class, "mapsearch");
}

static void
gj_map_search_init (GjMapSearch *self)
{
  GtkWidget *scrolled;

  self->results = g_list_store_new (GJ_TYPE_RECORD);

  self->entry = gtk_search_entry_new ();
  g_object_set (self->entry, "placeholder-text", _("Find a grid, station or unit"), NULL);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 24);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "stop-search", G_CALLBACK (stop_search_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->results), create_row, NULL, NULL);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 400);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));

  /* Typing goes on in the entry while the matches show. */
  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_child (GTK_POPOVER (self->popover), scrolled);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

GtkWidget *
gj_map_search_new (void)
{
  return g_object_new (GJ_TYPE_MAP_SEARCH, NULL);
}

void
gj_map_search_set_store (GjMapSearch *self,
                         GjStore     *store)
{
  g_return_if_fail (GJ_IS_MAP_SEARCH (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  g_set_object (&self->store, store);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  search (self, NULL);
}

void
gj_map_search_focus (GjMapSearch *self)
{
  g_return_if_fail (GJ_IS_MAP_SEARCH (self));

  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
gj_map_search_set_text (GjMapSearch *self,
                        const char  *text)
{
  g_return_if_fail (GJ_IS_MAP_SEARCH (self));

  g_signal_handlers_block_by_func (self->entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->entry, search_changed_cb, self);
  search (self, text);
}

GListModel *
gj_map_search_get_results (GjMapSearch *self)
{
  g_return_val_if_fail (GJ_IS_MAP_SEARCH (self), NULL);

  return G_LIST_MODEL (self->results);
}

void
gj_map_search_choose (GjMapSearch *self,
                      guint        position)
{
  g_autoptr(GjRecord) match = NULL;
  g_autoptr(GjRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GJ_IS_MAP_SEARCH (self));

  match = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (match == NULL || self->store == NULL)
    return;

  /* The matches were read without their shapes. */
  record = gj_store_get_by_uuid (self->store, G_OBJECT_TYPE (match), gj_record_get_uuid (match), &error);
  if (record == NULL)
    {
      g_warning ("Could not read the chosen record: %s", error != NULL ? error->message : "not found");
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[RECORD_CHOSEN], 0, record);
}
