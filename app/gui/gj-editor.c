/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "gj-editor.h"
#include "gj-records.h"
#include "gj-topology.h"

/* Overlaps smaller than this are drawing noise, not a finding. */
#define OVERLAP_MIN_M2 1.0

struct _GjEditor
{
  GObject          parent_instance;

  GtkWindow       *parent;        /* unowned: the window owns us */
  GjMapView       *map_view;      /* unowned */
  GjRecordPanel   *panel;         /* unowned */
  AdwToastOverlay *toasts;        /* unowned */
  GjEditLayer     *layer;         /* unowned, the map view's */

  GjStore         *store;
  GjHistory       *history;
  /* The dialog asking for a new record's name, while it is up. */
  GtkWidget       *dialog;
  /* The unit whose place is being picked on the map. */
  GjRecord        *placing;
};

G_DEFINE_FINAL_TYPE (GjEditor, gj_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_EDITING,
  N_PROPS
};

enum {
  CHANGED,
  PLACED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
toast (GjEditor   *self,
       const char *title,
       gboolean    with_undo)
{
  AdwToast *t = adw_toast_new (title);

  if (with_undo)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "win.undo");
    }
  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toasts, t);
}

static void
toast_error (GjEditor   *self,
             const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 8);
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toasts, t);
}

/* After a write ------------------------------------------------------------- */

static void
history_changed_cb (GjEditor  *self,
                    GType      type,
                    GjBBox    *bbox,
                    GjHistory *history)
{
  GjRecord *shown = gj_record_panel_get_record (self->panel);
  GjRecord *selected = gj_map_view_get_selected (self->map_view);
  gint64 shown_id = shown != NULL && G_OBJECT_TYPE (shown) == type ? gj_record_get_id (shown) : 0;
  gint64 selected_id = selected != NULL && G_OBJECT_TYPE (selected) == type ? gj_record_get_id (selected) : 0;

  if (type == GJ_TYPE_GRID || type == GJ_TYPE_STATION)
    gj_map_view_invalidate (self->map_view, bbox);

  /* The panel and the outline show the stored record, or close when it
   * went to the trash (either may let go of the record they held). */
  if (shown_id != 0 || selected_id != 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GjRecord) fresh = gj_store_get (self->store, type, shown_id != 0 ? shown_id : selected_id, &error);

      if (shown_id != 0)
        gj_record_panel_set_record (self->panel, fresh);
      if (selected_id != 0 && (shown_id == 0 || shown_id == selected_id))
        gj_map_view_select_record (self->map_view, fresh);
    }

  g_signal_emit (self, signals[CHANGED], 0, type);
}

static void
panel_saved_cb (GjEditor   *self,
                const char *label)
{
  g_autofree char *text = g_strdup_printf (_("Changed %s"), label);

  toast (self, text, TRUE);
}

static void
panel_failed_cb (GjEditor   *self,
                 const char *message)
{
  toast_error (self, message);
}

/* A new shape that crosses itself or covers a neighbour is kept (the checks
 * list it), but said at once. */
static void
warn_about_shape (GjEditor   *self,
                  GjRecord   *grid)
{
  GjGeometry *shape = gj_record_get_geometry (grid, "geometry");
  g_autoptr(GPtrArray) shapes = g_ptr_array_new ();
  g_autoptr(GListModel) near = NULL;
  g_autoptr(GPtrArray) overlaps = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  GjBBox box;
  guint n_overlaps = 0;

  if (shape == NULL)
    return;
  if (!gj_topology_is_valid (shape, &reason))
    {
      g_autofree char *text = g_strdup_printf (_("The shape of “%s” crosses itself; the checks list it"),
                                               gj_record_get_label (grid));

      toast_error (self, text);
      return;
    }

  box = gj_geometry_get_bbox (shape);
  near = gj_store_list_in_bbox (self->store, GJ_TYPE_GRID, &box, GJ_STORE_LIST_DEFAULT, &error);
  g_ptr_array_add (shapes, shape);
  for (guint i = 0; near != NULL && i < g_list_model_get_n_items (near); i++)
    {
      g_autoptr(GjRecord) other = g_list_model_get_item (near, i);

      if (gj_record_get_id (other) != gj_record_get_id (grid) && gj_record_get_geometry (other, "geometry") != NULL)
        g_ptr_array_add (shapes, gj_geometry_ref (gj_record_get_geometry (other, "geometry")));
    }
  overlaps = gj_topology_overlaps (shapes, OVERLAP_MIN_M2, NULL);
  for (guint i = 0; overlaps != NULL && i < overlaps->len; i++)
    if (((GjOverlap *) overlaps->pdata[i])->a == 0)
      n_overlaps++;
  for (guint i = 1; i < shapes->len; i++)
    gj_geometry_unref (shapes->pdata[i]);

  if (n_overlaps > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "“%s” overlaps %u neighbouring grid; the checks list it",
                                                            "“%s” overlaps %u neighbouring grids; the checks list them",
                                                            n_overlaps),
                                               gj_record_get_label (grid), n_overlaps);

      toast_error (self, text);
    }
}

/* New records ------------------------------------------------------------------ */

char *
gj_editor_suggest_grid_code (GjEditor    *self,
                             GjGeometry  *shape,
                             GjRecord   **neighbour_out)
{
  g_autoptr(GListModel) near = NULL;
  g_autoptr(GListModel) siblings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GjRecord) neighbour = NULL;
  g_autofree char *prefix = NULL;
  const char *code, *dash;
  gint64 highest = 0;
  int width;
  GjBBox box;

  g_return_val_if_fail (GJ_IS_EDITOR (self), NULL);

  if (neighbour_out != NULL)
    *neighbour_out = NULL;
  if (self->store == NULL || shape == NULL)
    return g_strdup ("");

  /* The grid it touches whose code ends in a number ("…-011"). */
  box = gj_geometry_get_bbox (shape);
  near = gj_store_list_in_bbox (self->store, GJ_TYPE_GRID, &box, GJ_STORE_LIST_NO_GEOMETRY, &error);
  for (guint i = 0; near != NULL && i < g_list_model_get_n_items (near) && neighbour == NULL; i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (near, i);

      code = gj_record_get_text (grid, "code");
      dash = code != NULL ? strrchr (code, '-') : NULL;
      if (dash != NULL && dash[1] != '\0' && strspn (dash + 1, "0123456789") == strlen (dash + 1))
        neighbour = g_steal_pointer (&grid);
    }
  if (neighbour == NULL)
    return g_strdup ("");

  /* The next number among the grids with the same prefix. */
  code = gj_record_get_text (neighbour, "code");
  dash = strrchr (code, '-');
  prefix = g_strndup (code, dash + 1 - code);
  width = strlen (dash + 1);
  siblings = gj_store_list_full (self->store, GJ_TYPE_GRID, NULL, GJ_STORE_LIST_NO_GEOMETRY, &error);
  for (guint i = 0; siblings != NULL && i < g_list_model_get_n_items (siblings); i++)
    {
      g_autoptr(GjRecord) grid = g_list_model_get_item (siblings, i);
      const char *other = gj_record_get_text (grid, "code");

      if (other != NULL && g_str_has_prefix (other, prefix))
        {
          const char *digits = other + strlen (prefix);

          if (*digits != '\0' && strspn (digits, "0123456789") == strlen (digits))
            highest = MAX (highest, g_ascii_strtoll (digits, NULL, 10));
        }
    }
  if (neighbour_out != NULL)
    *neighbour_out = g_steal_pointer (&neighbour);
  return g_strdup_printf ("%s%0*" G_GINT64_FORMAT, prefix, width, highest + 1);
}

static GtkWidget *
entry_row (GtkListBox *list,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (list, row);
  return row;
}

static void
required_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", *text != '\0');
}

/* A message dialog with rows to fill; @first is the required one. */
static GtkWidget *
new_record_dialog (GjEditor    *self,
                   const char  *heading,
                   const char  *body,
                   GtkListBox **list_out)
{
  GtkWidget *dialog = adw_message_dialog_new (self->parent, heading, body);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  *list_out = GTK_LIST_BOX (list);
  return dialog;
}

static void
select_new (GjEditor *self,
            GjRecord *record)
{
  gj_map_view_select_record (self->map_view, record);
  gj_record_panel_set_record (self->panel, record);
}

static void
new_grid_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GjEditor         *self)
{
  GtkWidget *code_row = g_object_get_data (G_OBJECT (dialog), "code-row");
  GtkWidget *name_row = g_object_get_data (G_OBJECT (dialog), "name-row");
  GjRecord *neighbour = g_object_get_data (G_OBJECT (dialog), "neighbour");
  g_autoptr(GjGeometry) shape = NULL;
  g_autoptr(GjGrid) grid = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  self->dialog = NULL;
  /* Cancelled: the drawing stays, to finish or to drop with Esc. */
  if (g_strcmp0 (response, "add") != 0 || gj_edit_layer_get_mode (self->layer) != GJ_EDIT_MODE_DRAW)
    return;

  shape = gj_edit_layer_dup_geometry (self->layer);
  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (code_row))));
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row))));
  grid = gj_grid_new ();
  gj_record_set_text (GJ_RECORD (grid), "code", code);
  if (*name != '\0')
    gj_record_set_text (GJ_RECORD (grid), "name", name);
  gj_record_set_geometry (GJ_RECORD (grid), "geometry", shape);
  /* It belongs where its neighbour belongs. */
  if (neighbour != NULL)
    {
      if (!gj_record_is_null (neighbour, "street_id"))
        gj_record_set_int (GJ_RECORD (grid), "street_id", gj_record_get_int (neighbour, "street_id"));
      if (!gj_record_is_null (neighbour, "community_id"))
        gj_record_set_int (GJ_RECORD (grid), "community_id", gj_record_get_int (neighbour, "community_id"));
    }

  label = g_strdup_printf (_("the new grid “%s”"), *name != '\0' ? name : code);
  if (!gj_history_insert (self->history, GJ_RECORD (grid), label, &error))
    {
      toast_error (self, error->message);
      return;
    }
  gj_edit_layer_cancel (self->layer);
  {
    g_autofree char *text = g_strdup_printf (_("Added %s"), label);

    toast (self, text, TRUE);
  }
  select_new (self, GJ_RECORD (grid));
  warn_about_shape (self, GJ_RECORD (grid));
}

static void
ask_new_grid (GjEditor *self)
{
  g_autoptr(GjGeometry) shape = gj_edit_layer_dup_geometry (self->layer);
  g_autoptr(GjRecord) neighbour = NULL;
  g_autofree char *code = gj_editor_suggest_grid_code (self, shape, &neighbour);
  GtkListBox *list;
  GtkWidget *dialog, *code_row, *name_row;

  dialog = new_record_dialog (self, _("New Grid"),
                              _("A grid needs a code; the other fields can be filled in the side panel."), &list);
  code_row = entry_row (list, _("Code"), code);
  name_row = entry_row (list, _("Name"), NULL);
  g_object_set_data (G_OBJECT (dialog), "code-row", code_row);
  g_object_set_data (G_OBJECT (dialog), "name-row", name_row);
  if (neighbour != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "neighbour", g_steal_pointer (&neighbour), g_object_unref);
  g_signal_connect (code_row, "changed", G_CALLBACK (required_changed_cb), dialog);
  required_changed_cb (GTK_EDITABLE (code_row), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_grid_response_cb), self, 0);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (*code != '\0' ? name_row : code_row);
}

static void
new_station_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         GjEditor         *self)
{
  GtkWidget *name_row = g_object_get_data (G_OBJECT (dialog), "name-row");
  AdwComboRow *kind_row = g_object_get_data (G_OBJECT (dialog), "kind-row");
  g_autoptr(GjGeometry) point = NULL;
  g_autoptr(GjStation) station = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  GtkStringObject *kind;
  guint n;

  self->dialog = NULL;
  if (gj_edit_layer_get_mode (self->layer) != GJ_EDIT_MODE_POINT)
    return;
  if (g_strcmp0 (response, "add") != 0)
    {
      /* Another click places it elsewhere. */
      gj_edit_layer_begin (self->layer, GJ_EDIT_MODE_POINT, NULL);
      return;
    }

  point = gj_edit_layer_dup_geometry (self->layer);
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row))));
  kind = adw_combo_row_get_selected_item (kind_row);
  station = gj_station_new ();
  gj_record_set_text (GJ_RECORD (station), "name", name);
  if (kind != NULL && *gtk_string_object_get_string (kind) != '\0')
    gj_record_set_text (GJ_RECORD (station), "kind", gtk_string_object_get_string (kind));
  gj_record_set_real (GJ_RECORD (station), "lon", gj_geometry_get_ring (point, 0, &n)[0]);
  gj_record_set_real (GJ_RECORD (station), "lat", gj_geometry_get_ring (point, 0, &n)[1]);

  label = g_strdup_printf (_("the new station “%s”"), name);
  if (!gj_history_insert (self->history, GJ_RECORD (station), label, &error))
    {
      toast_error (self, error->message);
      return;
    }
  gj_edit_layer_cancel (self->layer);
  text = g_strdup_printf (_("Added %s"), label);
  toast (self, text, TRUE);
  select_new (self, GJ_RECORD (station));
}

static void
ask_new_station (GjEditor *self)
{
  static const char * const kinds[] = {
    "党群服务驿站", "网格党群服务站", "社区党群服务中心", "街道党群服务中心", "区级党群服务中心", NULL,
  };
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) kinds);
  GtkListBox *list;
  GtkWidget *dialog, *name_row, *kind_row;

  dialog = new_record_dialog (self, _("New Service Station"),
                              _("A station needs a name; its grid is where it stands."), &list);
  name_row = entry_row (list, _("Name"), NULL);
  kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind_row), G_LIST_MODEL (model));
  gtk_list_box_append (list, kind_row);
  g_object_set_data (G_OBJECT (dialog), "name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "kind-row", kind_row);
  g_signal_connect (name_row, "changed", G_CALLBACK (required_changed_cb), dialog);
  required_changed_cb (GTK_EDITABLE (name_row), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_station_response_cb), self, 0);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
}

/* Editing on the map ------------------------------------------------------- */

static void
save_changed_shape (GjEditor *self)
{
  GjRecord *record = gj_edit_layer_get_record (self->layer);
  g_autoptr(GjGeometry) shape = gj_edit_layer_dup_geometry (self->layer);
  g_autoptr(GjRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  gboolean is_station = GJ_IS_STATION (record);
  guint n;

  if (record == NULL || shape == NULL)
    return;
  copy = gj_record_copy (record);
  if (is_station)
    {
      const double *p = gj_geometry_get_ring (shape, 0, &n);

      gj_record_set_real (copy, "lon", p[0]);
      gj_record_set_real (copy, "lat", p[1]);
      label = g_strdup_printf (_("the place of “%s”"), gj_record_get_label (record));
    }
  else
    {
      gj_record_set_geometry (copy, "geometry", shape);
      label = g_strdup_printf (_("the shape of “%s”"), gj_record_get_label (record));
    }

  if (!gj_history_update (self->history, copy, label, &error))
    {
      toast_error (self, error->message);
      return;
    }
  gj_edit_layer_cancel (self->layer);
  text = g_strdup_printf (_("Changed %s"), label);
  toast (self, text, TRUE);
  if (!is_station)
    warn_about_shape (self, copy);
}

/* A unit's place: the store works out its grid, community and street. */
static void
save_place (GjEditor *self)
{
  g_autoptr(GjRecord) unit = g_steal_pointer (&self->placing);
  g_autoptr(GjGeometry) point = gj_edit_layer_dup_geometry (self->layer);
  g_autoptr(GjRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  const double *p;
  guint n;

  gj_edit_layer_cancel (self->layer);
  if (point == NULL || (p = gj_geometry_get_ring (point, 0, &n)) == NULL || n == 0)
    return;
  stored = gj_store_get (self->store, GJ_TYPE_UNIT, gj_record_get_id (unit), &error);
  if (stored == NULL)
    {
      toast_error (self, error->message);
      return;
    }
  gj_record_set_real (stored, "lon", p[0]);
  gj_record_set_real (stored, "lat", p[1]);
  label = g_strdup_printf (_("the place of “%s”"), gj_record_get_label (stored));
  if (!gj_history_update (self->history, stored, label, &error))
    {
      toast_error (self, error->message);
      return;
    }
  text = g_strdup_printf (_("Changed %s"), label);
  toast (self, text, TRUE);
  g_signal_emit (self, signals[PLACED], 0, stored);
}

static void
layer_finished_cb (GjEditor *self)
{
  if (self->dialog != NULL || self->history == NULL)
    return;
  if (self->placing != NULL)
    {
      save_place (self);
      return;
    }
  switch (gj_edit_layer_get_mode (self->layer))
    {
    case GJ_EDIT_MODE_DRAW:
      ask_new_grid (self);
      break;
    case GJ_EDIT_MODE_POINT:
      if (gj_edit_layer_get_record (self->layer) == NULL)
        ask_new_station (self);
      else
        save_changed_shape (self);
      break;
    case GJ_EDIT_MODE_SHAPE:
      save_changed_shape (self);
      break;
    case GJ_EDIT_MODE_NONE:
    default:
      break;
    }
}

static void
layer_mode_cb (GjEditor *self)
{
  if (gj_edit_layer_get_mode (self->layer) == GJ_EDIT_MODE_NONE)
    g_clear_object (&self->placing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

static void
history_state_cb (GjEditor   *self,
                  GParamSpec *pspec)
{
  g_object_notify (G_OBJECT (self), pspec->name);
}

/* Public ------------------------------------------------------------------------ */

void
gj_editor_set_store (GjEditor *self,
                     GjStore  *store)
{
  g_return_if_fail (GJ_IS_EDITOR (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->history = gj_history_new (store);
      g_signal_connect_object (self->history, "changed", G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (history_state_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (history_state_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gj_edit_layer_cancel (self->layer);
  gj_record_panel_set_history (self->panel, self->history);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

GjHistory *
gj_editor_get_history (GjEditor *self)
{
  g_return_val_if_fail (GJ_IS_EDITOR (self), NULL);
  return self->history;
}

gboolean
gj_editor_can_undo (GjEditor *self)
{
  g_return_val_if_fail (GJ_IS_EDITOR (self), FALSE);
  return self->history != NULL && gj_history_can_undo (self->history) && !gj_editor_is_editing (self);
}

gboolean
gj_editor_can_redo (GjEditor *self)
{
  g_return_val_if_fail (GJ_IS_EDITOR (self), FALSE);
  return self->history != NULL && gj_history_can_redo (self->history) && !gj_editor_is_editing (self);
}

void
gj_editor_undo (GjEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (GJ_IS_EDITOR (self));

  if (!gj_editor_can_undo (self))
    return;
  label = g_strdup (gj_history_get_undo_label (self->history));
  if (!gj_history_undo (self->history, &error))
    toast_error (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Undid the change to %s"), label);

      toast (self, text, FALSE);
    }
}

void
gj_editor_redo (GjEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (GJ_IS_EDITOR (self));

  if (!gj_editor_can_redo (self))
    return;
  label = g_strdup (gj_history_get_redo_label (self->history));
  if (!gj_history_redo (self->history, &error))
    toast_error (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Redid the change to %s"), label);

      toast (self, text, TRUE);
    }
}

void
gj_editor_clear_history (GjEditor *self)
{
  g_return_if_fail (GJ_IS_EDITOR (self));
  if (self->history != NULL)
    gj_history_clear (self->history);
}

gboolean
gj_editor_is_editing (GjEditor *self)
{
  g_return_val_if_fail (GJ_IS_EDITOR (self), FALSE);
  return gj_edit_layer_get_mode (self->layer) != GJ_EDIT_MODE_NONE;
}

static void
begin (GjEditor   *self,
       GjEditMode  mode,
       GjRecord   *record)
{
  if (self->history == NULL)
    return;
  gj_edit_layer_begin (self->layer, mode, record);
  gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
}

void
gj_editor_draw_grid (GjEditor *self)
{
  g_return_if_fail (GJ_IS_EDITOR (self));

  gj_map_view_select_record (self->map_view, NULL);
  gj_record_panel_set_record (self->panel, NULL);
  begin (self, GJ_EDIT_MODE_DRAW, NULL);
}

void
gj_editor_add_station (GjEditor *self)
{
  g_return_if_fail (GJ_IS_EDITOR (self));

  gj_map_view_select_record (self->map_view, NULL);
  gj_record_panel_set_record (self->panel, NULL);
  begin (self, GJ_EDIT_MODE_POINT, NULL);
}

void
gj_editor_pick_place (GjEditor *self,
                      GjRecord *unit)
{
  g_return_if_fail (GJ_IS_EDITOR (self));
  g_return_if_fail (GJ_IS_UNIT (unit));

  if (self->history == NULL)
    return;
  gj_map_view_select_record (self->map_view, NULL);
  gj_record_panel_set_record (self->panel, NULL);
  /* A placed unit is dragged; one without a place gets it with a click. */
  if (!gj_record_is_null (unit, "lon") && !gj_record_is_null (unit, "lat"))
    begin (self, GJ_EDIT_MODE_POINT, unit);
  else
    begin (self, GJ_EDIT_MODE_POINT, NULL);
  g_set_object (&self->placing, unit);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

void
gj_editor_edit_selected (GjEditor *self)
{
  GjRecord *record;

  g_return_if_fail (GJ_IS_EDITOR (self));

  record = gj_record_panel_get_record (self->panel);
  if (GJ_IS_GRID (record) && gj_record_get_geometry (record, "geometry") != NULL)
    begin (self, GJ_EDIT_MODE_SHAPE, record);
  else if (GJ_IS_STATION (record) && !gj_record_is_null (record, "lon"))
    begin (self, GJ_EDIT_MODE_POINT, record);
  else
    gtk_widget_error_bell (GTK_WIDGET (self->map_view));
}

void
gj_editor_delete_selected (GjEditor *self)
{
  g_autoptr(GjRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (GJ_IS_EDITOR (self));

  record = gj_record_panel_get_record (self->panel);
  if (record == NULL || self->history == NULL)
    return;
  g_object_ref (record);
  gj_edit_layer_cancel (self->layer);
  label = g_strdup_printf ("“%s”", gj_record_get_label (record));
  if (!gj_history_delete (self->history, record, label, &error))
    {
      toast_error (self, error->message);
      return;
    }
  text = g_strdup_printf (_("Moved %s to the trash"), label);
  toast (self, text, TRUE);
}

void
gj_editor_finish (GjEditor *self)
{
  g_return_if_fail (GJ_IS_EDITOR (self));
  gj_edit_layer_finish (self->layer);
}

void
gj_editor_cancel (GjEditor *self)
{
  g_return_if_fail (GJ_IS_EDITOR (self));
  gj_edit_layer_cancel (self->layer);
}

const char *
gj_editor_get_hint (GjEditor *self)
{
  g_return_val_if_fail (GJ_IS_EDITOR (self), NULL);

  switch (gj_edit_layer_get_mode (self->layer))
    {
    case GJ_EDIT_MODE_DRAW:
      return _("Click to add corners; they snap to the neighbouring grids. Click the first corner, double-click or press Enter to finish; Backspace removes the last corner, Esc cancels.");
    case GJ_EDIT_MODE_SHAPE:
      return _("Drag a corner to move it; drag a small middle handle to add one; right-click or Delete removes one. Enter keeps the shape, Esc cancels.");
    case GJ_EDIT_MODE_POINT:
      if (self->placing != NULL)
        return gj_edit_layer_get_record (self->layer) == NULL
               ? _("Click the map where the unit is; Esc cancels.")
               : _("Drag the unit to its place; Enter keeps it, Esc cancels.");
      return gj_edit_layer_get_record (self->layer) == NULL
             ? _("Click the map where the new station is; Esc cancels.")
             : _("Drag the station to its place; Enter keeps it, Esc cancels.");
    case GJ_EDIT_MODE_NONE:
    default:
      return "";
    }
}

/* GObject ------------------------------------------------------------------------ */

static void
gj_editor_dispose (GObject *object)
{
  GjEditor *self = GJ_EDITOR (object);

  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  g_clear_object (&self->placing);
  g_clear_object (&self->history);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gj_editor_parent_class)->dispose (object);
}

static void
gj_editor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GjEditor *self = GJ_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, gj_editor_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, gj_editor_can_redo (self));
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, gj_editor_is_editing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_editor_class_init (GjEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gj_editor_dispose;
  object_class->get_property = gj_editor_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] = g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GjEditor::changed:
   * @type: the GType of the records that changed
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_GTYPE);
  /**
   * GjEditor::placed:
   * @record: the unit whose place was picked on the map and saved
   */
  signals[PLACED] = g_signal_new ("placed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, GJ_TYPE_RECORD);
}

static void
gj_editor_init (GjEditor *self)
{
}

GjEditor *
gj_editor_new (GtkWindow       *parent,
               GjMapView       *map_view,
               GjRecordPanel   *panel,
               AdwToastOverlay *toasts)
{
  GjEditor *self = g_object_new (GJ_TYPE_EDITOR, NULL);

  self->parent = parent;
  self->map_view = map_view;
  self->panel = panel;
  self->toasts = toasts;
  self->layer = gj_map_view_get_edit_layer (map_view);
  g_signal_connect_object (self->layer, "finished", G_CALLBACK (layer_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::mode", G_CALLBACK (layer_mode_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "saved", G_CALLBACK (panel_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "failed", G_CALLBACK (panel_failed_cb), self, G_CONNECT_SWAPPED);
  return self;
}
