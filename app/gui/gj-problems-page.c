/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gj-echo-docs.h"
#include "gj-problem-sheet.h"
#include "gj-problems-page-private.h"
#include "gj-records.h"
#include "gj-resources.h"
#include "gj-store-echo.h"
#include "gj-store-problems.h"

/* The board's columns: the main line, then the side exits. */
static const GjProblemStatus board_statuses[] = {
  GJ_PROBLEM_REGISTERED, GJ_PROBLEM_ASSIGNED, GJ_PROBLEM_IN_PROGRESS, GJ_PROBLEM_RESOLVED,
  GJ_PROBLEM_PUBLISHED, GJ_PROBLEM_ESCALATED, GJ_PROBLEM_UNSOLVABLE,
};

enum {
  FILTER_STREET,
  FILTER_GRID,
  FILTER_UNIT,
  FILTER_MEETING,
  FILTER_CATEGORY,
  FILTER_COLOUR,
  N_FILTERS
};

struct _GjProblemsPage
{
  GtkWidget        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkLabel        *overdue_label;
  GtkPaned        *paned;
  AdwViewStack    *view_stack;
  GtkBox          *board;
  GtkBox          *table_box;
  GtkBox          *echo_box;
  GjProblemPanel  *panel;

  GjStore         *store;
  GjHistory       *history;
  gboolean         own_history;
  GHashTable      *places;        /* problem id → GjProblemPlace */
  GHashTable      *meetings;      /* meeting id → its title */
  GListStore      *columns[GJ_PROBLEM_N_STATUSES];
  GtkLabel        *column_titles[GJ_PROBLEM_N_STATUSES];
  GjRecordTable   *table;
  GtkCustomFilter *filter;
  GtkDropDown     *filters[N_FILTERS];
  GtkStringList   *filter_lists[N_FILTERS];
  guint            n_overdue;
  char            *last_message;

  /* The echo wall. */
  GtkDropDown     *echo_street;
  GArray          *echo_street_ids;
  GtkEntry        *echo_from;
  GtkEntry        *echo_to;
  GtkListBox      *echo_list;
  GListStore      *echo_entries;
  GPtrArray       *echo_rows;     /* GjEchoRow, same order */
  GtkLabel        *echo_count;
};

enum {
  PROP_0,
  PROP_N_OVERDUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GjProblemsPage, gj_problems_page, GTK_TYPE_WIDGET)

static void
toast (GjProblemsPage *self,
       const char     *text,
       gboolean        undoable)
{
  AdwToast *t = adw_toast_new (text);

  g_free (self->last_message);
  self->last_message = g_strdup (text);
  if (undoable)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "problems.undo");
    }
  adw_toast_set_timeout (t, undoable ? 5 : 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* Cards ---------------------------------------------------------------------------- */

static const char *
colour_class (GjDeadlineColour colour)
{
  static const char *classes[] = { "deadline-none", "deadline-green", "deadline-yellow", "deadline-red", "deadline-grey" };

  return classes[colour];
}

static GdkContentProvider *
card_drag_prepare_cb (GtkDragSource *source,
                      double         x,
                      double         y,
                      GjRecord      *problem)
{
  return gdk_content_provider_new_typed (GJ_TYPE_RECORD, problem);
}

static void
card_drag_begin_cb (GtkDragSource *source,
                    GdkDrag       *drag,
                    GtkWidget     *card)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (card);

  gtk_drag_source_set_icon (source, icon, 12, 12);
}

static GtkWidget *
create_card (gpointer item,
             gpointer user_data)
{
  GjRecord *problem = item;
  GjProblemsPage *self = user_data;
  GjDeadlineColour colour = gj_problem_get_colour (problem, NULL);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (gj_record_get_label (problem));
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_label_new (gj_deadline_colour_get_title (colour));
  const char *unit = gj_record_get_text (problem, "lead_unit_name");
  const char *deadline = gj_record_get_text (problem, "deadline");
  gint64 id = gj_record_get_id (problem);
  GjProblemPlace *place = self->places ? g_hash_table_lookup (self->places, &id) : NULL;
  g_autofree char *where = NULL;
  GtkDragSource *source;
  GtkWidget *label;

  gtk_widget_add_css_class (card, "problem-card");
  gtk_widget_add_css_class (card, colour_class (colour));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (card), title);

  where = g_strdup_printf ("%s%s%s", unit ? unit : _("No responsible unit"),
                           place && place->street_name ? " · " : "", place && place->street_name ? place->street_name : "");
  label = gtk_label_new (where);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (card), label);

  gtk_widget_add_css_class (dot, "deadline-badge");
  gtk_widget_add_css_class (dot, colour_class (colour));
  gtk_box_append (GTK_BOX (line), dot);
  label = gtk_label_new (deadline ? deadline : "");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (card), line);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (card_drag_prepare_cb), problem, 0);
  g_signal_connect (source, "drag-begin", G_CALLBACK (card_drag_begin_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));
  gtk_widget_set_tooltip_text (card, _("Drag to another column to move it; Enter opens it"));
  return card;
}

static void
card_activated_cb (GtkListBox     *list,
                   GtkListBoxRow  *row,
                   GjProblemsPage *self)
{
  GListModel *model = g_object_get_data (G_OBJECT (list), "gj-model");
  g_autoptr(GjRecord) problem = g_list_model_get_item (model, gtk_list_box_row_get_index (row));

  gj_problem_panel_set_problem (self->panel, problem);
}

static gboolean
column_drop_cb (GtkDropTarget  *target,
                const GValue   *value,
                double          x,
                double          y,
                GjProblemsPage *self)
{
  GjProblemStatus to = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (target), "gj-status"));
  GjRecord *problem = g_value_get_object (value);

  if (problem == NULL || !GJ_IS_PROBLEM (problem))
    return FALSE;
  gj_problems_page_move (self, problem, to);
  return TRUE;
}

static void
build_board (GjProblemsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (board_statuses); i++)
    {
      GjProblemStatus status = board_statuses[i];
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (NULL);
      GtkWidget *list = gtk_list_box_new ();
      GtkDropTarget *drop = gtk_drop_target_new (GJ_TYPE_RECORD, GDK_ACTION_MOVE);

      self->columns[status] = g_list_store_new (GJ_TYPE_RECORD);
      self->column_titles[status] = GTK_LABEL (title);
      gtk_widget_add_css_class (column, "board-column");
      if (status == GJ_PROBLEM_ESCALATED || status == GJ_PROBLEM_UNSOLVABLE)
        gtk_widget_add_css_class (column, "side-exit");
      gtk_widget_set_size_request (column, 200, -1);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_box_append (GTK_BOX (column), title);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "board-cards");
      gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (self->columns[status]), create_card, self, NULL);
      g_object_set_data (G_OBJECT (list), "gj-model", self->columns[status]);
      g_signal_connect (list, "row-activated", G_CALLBACK (card_activated_cb), self);
      gtk_widget_set_vexpand (list, TRUE);
      gtk_box_append (GTK_BOX (column), list);
      g_object_set_data (G_OBJECT (drop), "gj-status", GINT_TO_POINTER (status));
      g_signal_connect (drop, "drop", G_CALLBACK (column_drop_cb), self);
      gtk_widget_add_controller (column, GTK_EVENT_CONTROLLER (drop));
      gtk_box_append (self->board, column);
    }
}

/* The table ------------------------------------------------------------------------- */

static const char *
filter_value (GjProblemsPage *self,
              guint           which)
{
  guint selected = gtk_drop_down_get_selected (self->filters[which]);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->filter_lists[which], selected);
}

static const char *
meeting_title (GjProblemsPage *self,
               GjRecord       *problem)
{
  gint64 id;

  if (gj_record_is_null (problem, "meeting_id") || self->meetings == NULL)
    return NULL;
  id = gj_record_get_int (problem, "meeting_id");
  return g_hash_table_lookup (self->meetings, &id);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GjProblemsPage *self = user_data;
  GjRecord *problem = item;
  gint64 id = gj_record_get_id (problem);
  GjProblemPlace *place = self->places ? g_hash_table_lookup (self->places, &id) : NULL;
  const char *want;

  if ((want = filter_value (self, FILTER_STREET)) && g_strcmp0 (want, place ? place->street_name : NULL) != 0)
    return FALSE;
  if ((want = filter_value (self, FILTER_GRID)) && g_strcmp0 (want, place ? place->grid_label : NULL) != 0)
    return FALSE;
  if ((want = filter_value (self, FILTER_UNIT)) && g_strcmp0 (want, gj_record_get_text (problem, "lead_unit_name")) != 0)
    return FALSE;
  if ((want = filter_value (self, FILTER_MEETING)) && g_strcmp0 (want, meeting_title (self, problem)) != 0)
    return FALSE;
  if ((want = filter_value (self, FILTER_CATEGORY)) && g_strcmp0 (want, gj_record_get_text (problem, "category")) != 0)
    return FALSE;
  if ((want = filter_value (self, FILTER_COLOUR))
      && g_strcmp0 (want, gj_deadline_colour_get_title (gj_problem_get_colour (problem, NULL))) != 0)
    return FALSE;
  return TRUE;
}

static char *
cell_func (GjRecord    *record,
           const char  *field,
           const char **css_class,
           gpointer     user_data)
{
  GjProblemsPage *self = user_data;
  gint64 id = gj_record_get_id (record);
  GjProblemPlace *place = self->places ? g_hash_table_lookup (self->places, &id) : NULL;

  if (g_str_equal (field, "status"))
    return g_strdup (gj_problem_status_get_title (gj_problem_get_status (record)));
  if (g_str_equal (field, "colour"))
    {
      GjDeadlineColour colour = gj_problem_get_colour (record, NULL);

      *css_class = colour_class (colour);
      return g_strdup (gj_deadline_colour_get_title (colour));
    }
  if (g_str_equal (field, "street"))
    return g_strdup (place ? place->street_name : NULL);
  return NULL;
}

static void
filter_changed_cb (GjProblemsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gj_record_table_refilter (self->table);
}

static void
table_selected_cb (GjProblemsPage *self)
{
  GjRecord *selected = gj_record_table_get_selected (self->table);

  if (selected != NULL)
    gj_problem_panel_set_problem (self->panel, selected);
}

static void
build_table (GjProblemsPage *self)
{
  static const char *all_titles[N_FILTERS] = {
    N_("All streets"), N_("All grids"), N_("All units"), N_("All meetings"), N_("All categories"), N_("Any deadline"),
  };
  GtkWidget *bar = gtk_flow_box_new ();

  self->table = g_object_new (GJ_TYPE_RECORD_TABLE, "kind", "problem",
                              "columns", "code,title,lead_unit_name,grid_code,category,deadline,status", NULL);
  gtk_widget_set_vexpand (GTK_WIDGET (self->table), TRUE);
  gj_record_table_insert_column (self->table, 2, "street", _("Street"), NULL);
  gj_record_table_insert_column (self->table, 7, "colour", _("Deadline state"), NULL);
  gj_record_table_set_cell_func (self->table, cell_func, self, NULL);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  gj_record_table_set_filter (self->table, GTK_FILTER (self->filter));
  g_signal_connect_object (self->table, "notify::selected", G_CALLBACK (table_selected_cb), self, G_CONNECT_SWAPPED);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (bar), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (bar), N_FILTERS);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (bar), 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  for (guint i = 0; i < N_FILTERS; i++)
    {
      const char *first[] = { _(all_titles[i]), NULL };

      self->filter_lists[i] = gtk_string_list_new (first);
      self->filters[i] = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->filter_lists[i])), NULL));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filters[i]), _(all_titles[i]));
      g_signal_connect_object (self->filters[i], "notify::selected", G_CALLBACK (filter_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (GTK_FLOW_BOX (bar), GTK_WIDGET (self->filters[i]));
      gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->filters[i])), FALSE);
    }
  for (int c = GJ_DEADLINE_NONE; c <= GJ_DEADLINE_GREY; c++)
    gtk_string_list_append (self->filter_lists[FILTER_COLOUR], gj_deadline_colour_get_title (c));
  gtk_box_append (self->table_box, bar);
  gtk_box_append (self->table_box, GTK_WIDGET (self->table));
}

/* The filters offer what the problems hold; the choice stays when it can. */
static void
refill_filter (GjProblemsPage *self,
               guint           which,
               GPtrArray      *values)
{
  g_autofree char *current = g_strdup (filter_value (self, which));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_lists[which]));
  guint selected = 0;

  g_ptr_array_sort (values, (GCompareFunc) g_strcmp0);
  g_signal_handlers_block_by_func (self->filters[which], filter_changed_cb, self);
  gtk_string_list_splice (self->filter_lists[which], 1, n - 1, NULL);
  for (guint i = 0; i < values->len; i++)
    {
      gtk_string_list_append (self->filter_lists[which], g_ptr_array_index (values, i));
      if (g_strcmp0 (current, g_ptr_array_index (values, i)) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_selected (self->filters[which], selected);
  g_signal_handlers_unblock_by_func (self->filters[which], filter_changed_cb, self);
}

/* Reading ---------------------------------------------------------------------------- */

static int
compare_cards (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  static const int rank[] = { 3, 2, 1, 0, 4 };
  GjRecord *pa = (GjRecord *) a, *pb = (GjRecord *) b;
  int ra = rank[gj_problem_get_colour (pa, NULL)], rb = rank[gj_problem_get_colour (pb, NULL)];
  const char *da = gj_record_get_text (pa, "deadline"), *db = gj_record_get_text (pb, "deadline");

  if (ra != rb)
    return ra - rb;
  if (da == NULL || db == NULL)
    return (da == NULL) - (db == NULL);
  return strcmp (da, db);
}

static void
add_unique (GHashTable *seen,
            GPtrArray  *values,
            const char *value)
{
  if (value != NULL && *value != '\0' && g_hash_table_add (seen, (gpointer) value))
    g_ptr_array_add (values, (gpointer) value);
}

static void reload_echo (GjProblemsPage *self);

void
gj_problems_page_reload (GjProblemsPage *self)
{
  g_autoptr(GListModel) problems = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *seen[N_FILTERS] = { NULL };
  GPtrArray *values[N_FILTERS] = { NULL };
  GjRecord *shown = gj_problem_panel_get_problem (self->panel);
  gint64 shown_id = shown ? gj_record_get_id (shown) : 0;
  g_autoptr(GjRecord) fresh_shown = NULL;
  guint overdue = 0;

  g_return_if_fail (GJ_IS_PROBLEMS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (board_statuses); i++)
    g_list_store_remove_all (self->columns[board_statuses[i]]);
  g_clear_pointer (&self->places, g_hash_table_unref);
  g_clear_pointer (&self->meetings, g_hash_table_unref);
  if (self->store == NULL)
    return;

  problems = gj_store_list_full (self->store, GJ_TYPE_PROBLEM, NULL, GJ_STORE_LIST_NO_GEOMETRY, &error);
  self->places = gj_store_problem_dup_places (self->store, NULL);
  self->meetings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (problems == NULL)
    {
      toast (self, error->message, FALSE);
      return;
    }
  for (guint f = 0; f < N_FILTERS; f++)
    {
      seen[f] = g_hash_table_new (g_str_hash, g_str_equal);
      values[f] = g_ptr_array_new ();
    }
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GjRecord) problem = g_list_model_get_item (problems, i);
      GjProblemStatus status = gj_problem_get_status (problem);
      gint64 id = gj_record_get_id (problem);
      GjProblemPlace *place = self->places ? g_hash_table_lookup (self->places, &id) : NULL;

      if (status != GJ_PROBLEM_INVALID)
        g_list_store_insert_sorted (self->columns[status], problem, compare_cards, NULL);
      if (gj_problem_get_colour (problem, NULL) == GJ_DEADLINE_RED)
        overdue++;
      if (id == shown_id)
        fresh_shown = g_object_ref (problem);
      if (!gj_record_is_null (problem, "meeting_id"))
        {
          gint64 mid = gj_record_get_int (problem, "meeting_id");

          if (!g_hash_table_contains (self->meetings, &mid))
            {
              g_autoptr(GjRecord) meeting = gj_store_get (self->store, GJ_TYPE_MEETING, mid, NULL);
              const char *starts = meeting ? gj_record_get_text (meeting, "starts_at") : NULL;
              char *title = meeting == NULL ? NULL
                            : starts ? g_strdup_printf ("%.10s %s", starts, gj_record_get_label (meeting))
                                     : g_strdup (gj_record_get_label (meeting));

              g_hash_table_insert (self->meetings, g_memdup2 (&mid, sizeof mid), title);
            }
          add_unique (seen[FILTER_MEETING], values[FILTER_MEETING], meeting_title (self, problem));
        }
      if (place != NULL)
        {
          add_unique (seen[FILTER_STREET], values[FILTER_STREET], place->street_name);
          add_unique (seen[FILTER_GRID], values[FILTER_GRID], place->grid_label);
        }
      add_unique (seen[FILTER_UNIT], values[FILTER_UNIT], gj_record_get_text (problem, "lead_unit_name"));
      add_unique (seen[FILTER_CATEGORY], values[FILTER_CATEGORY], gj_record_get_text (problem, "category"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (board_statuses); i++)
    {
      GjProblemStatus s = board_statuses[i];
      /* TRANSLATORS: a board column's title: the status and how many cards */
      g_autofree char *title = g_strdup_printf (_("%s (%u)"), gj_problem_status_get_title (s),
                                                g_list_model_get_n_items (G_LIST_MODEL (self->columns[s])));

      gtk_label_set_label (self->column_titles[s], title);
    }
  for (guint f = 0; f < FILTER_COLOUR; f++)
    refill_filter (self, f, values[f]);
  for (guint f = 0; f < N_FILTERS; f++)
    {
      g_hash_table_unref (seen[f]);
      g_ptr_array_unref (values[f]);
    }
  gj_record_table_refilter (self->table);
  gj_record_table_reload (self->table);

  if (overdue != self->n_overdue)
    {
      self->n_overdue = overdue;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVERDUE]);
    }
  if (overdue > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", overdue),
                                               overdue);

      gtk_label_set_label (self->overdue_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_label), overdue > 0);
  if (shown_id != 0)
    gj_problem_panel_set_problem (self->panel, fresh_shown);
  reload_echo (self);
}

/* The echo wall ------------------------------------------------------------------------- */

static GtkWidget *
create_echo_row (gpointer item,
                 gpointer user_data)
{
  GjEchoRow *row = g_object_get_data (item, "gj-echo-row");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *date = gj_echo_format_date (gj_record_get_text (row->entry, "published_on"));
  const char *channel = gj_record_get_text (row->entry, "channel");
  g_autofree char *meta = g_strdup_printf ("%s%s%s%s%s", date, channel ? " · " : "", channel ? channel : "",
                                           row->street_name ? " · " : "", row->street_name ? row->street_name : "");
  GtkWidget *label;

  gtk_widget_add_css_class (box, "echo-entry");
  label = gtk_label_new (meta);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (gj_record_get_label (row->problem));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (gj_record_get_text (row->entry, "result"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static gint64
echo_street_id (GjProblemsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->echo_street);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->echo_street_ids->len)
    return 0;
  return g_array_index (self->echo_street_ids, gint64, selected);
}

static char *
echo_date (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return *text ? gj_date_normalize (text) : NULL;
}

static void
reload_echo (GjProblemsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = echo_date (self->echo_from);
  g_autofree char *to = echo_date (self->echo_to);
  g_autofree char *count = NULL;

  g_list_store_remove_all (self->echo_entries);
  g_clear_pointer (&self->echo_rows, g_ptr_array_unref);
  if (self->store == NULL)
    return;
  self->echo_rows = gj_store_list_echo (self->store, echo_street_id (self), from, to, &error);
  if (self->echo_rows == NULL)
    {
      toast (self, error->message, FALSE);
      return;
    }
  for (guint i = 0; i < self->echo_rows->len; i++)
    {
      GjEchoRow *row = g_ptr_array_index (self->echo_rows, i);

      g_object_set_data (G_OBJECT (row->entry), "gj-echo-row", row);
      g_list_store_append (self->echo_entries, row->entry);
    }
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer published", "%u answers published",
                                        self->echo_rows->len), self->echo_rows->len);
  gtk_label_set_label (self->echo_count, count);
}

static void
fill_echo_streets (GjProblemsPage *self)
{
  g_autoptr(GListModel) streets = self->store ? gj_store_list (self->store, GJ_TYPE_STREET, NULL) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 zero = 0;

  g_array_set_size (self->echo_street_ids, 0);
  gtk_string_list_append (names, _("The whole district"));
  g_array_append_val (self->echo_street_ids, zero);
  for (guint i = 0; streets != NULL && i < g_list_model_get_n_items (streets); i++)
    {
      g_autoptr(GjRecord) street = g_list_model_get_item (streets, i);
      gint64 id = gj_record_get_id (street);

      gtk_string_list_append (names, gj_record_get_label (street));
      g_array_append_val (self->echo_street_ids, id);
    }
  gtk_drop_down_set_model (self->echo_street, G_LIST_MODEL (names));
}

static GjEchoList *
load_echo_list (GjProblemsPage  *self,
                GError         **error)
{
  g_autofree char *from = echo_date (self->echo_from);
  g_autofree char *to = echo_date (self->echo_to);

  return gj_echo_list_load (self->store, echo_street_id (self), from, to, error);
}

static void
echo_begin_print_cb (GtkPrintOperation *operation,
                     GtkPrintContext   *context,
                     GjEchoList        *list)
{
  gtk_print_operation_set_n_pages (operation, gj_echo_list_paginate (list, gtk_print_context_get_cairo_context (context),
                                                                     gtk_print_context_get_width (context),
                                                                     gtk_print_context_get_height (context)));
}

static void
echo_draw_page_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   int                page,
                   GjEchoList        *list)
{
  gj_echo_list_draw_page (list, gtk_print_context_get_cairo_context (context), gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context), page);
}

static void
print_echo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GjProblemsPage *self = GJ_PROBLEMS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  GjEchoList *list = load_echo_list (self, &error);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (list == NULL)
    {
      toast (self, error->message, FALSE);
      return;
    }
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Echo Wall"));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (echo_begin_print_cb), list);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (echo_draw_page_cb), list,
                         (GClosureNotify) gj_echo_list_free, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (self, error->message, FALSE);
}

static void
echo_saved_cb (GtkNativeDialog *chooser,
               int              response,
               GjProblemsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GjEchoList) list = load_echo_list (self, &error);

      if (list == NULL || !gj_echo_list_write_pdf (list, path, &error))
        toast (self, error->message, FALSE);
      else
        {
          g_autofree char *text = g_strdup_printf (_("Saved the echo wall as “%s”"), path);

          toast (self, text, FALSE);
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_echo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Echo Wall"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Echo Wall.pdf"));
  g_signal_connect (chooser, "response", G_CALLBACK (echo_saved_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
build_echo (GjProblemsPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *button, *label;
  g_autoptr(GDate) today = gj_today ();
  char buf[16];

  gtk_widget_add_css_class (bar, "page-bar");
  self->echo_street = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->echo_street), _("Street"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->echo_street));
  label = gtk_label_new_with_mnemonic (_("_From"));
  gtk_box_append (GTK_BOX (bar), label);
  self->echo_from = GTK_ENTRY (gtk_entry_new ());
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->echo_from));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->echo_from), 10);
  g_snprintf (buf, sizeof buf, "%04d-01-01", g_date_get_year (today));
  gtk_editable_set_text (GTK_EDITABLE (self->echo_from), buf);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->echo_from));
  label = gtk_label_new_with_mnemonic (_("_To"));
  gtk_box_append (GTK_BOX (bar), label);
  self->echo_to = GTK_ENTRY (gtk_entry_new ());
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->echo_to));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->echo_to), 10);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", today);
  gtk_editable_set_text (GTK_EDITABLE (self->echo_to), buf);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->echo_to));
  self->echo_count = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->echo_count), TRUE);
  gtk_label_set_xalign (self->echo_count, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->echo_count), "dim-label");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->echo_count));
  button = gtk_button_new_with_mnemonic (_("_Print…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "problems.print-echo");
  gtk_box_append (GTK_BOX (bar), button);
  button = gtk_button_new_with_mnemonic (_("Save as P_DF…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "problems.save-echo");
  gtk_box_append (GTK_BOX (bar), button);
  g_signal_connect_object (self->echo_street, "notify::selected", G_CALLBACK (reload_echo), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->echo_from, "activate", G_CALLBACK (reload_echo), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->echo_to, "activate", G_CALLBACK (reload_echo), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->echo_box, bar);

  self->echo_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->echo_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->echo_list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->echo_list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->echo_list), 12);
  gtk_list_box_bind_model (self->echo_list, G_LIST_MODEL (self->echo_entries), create_echo_row, self, NULL);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->echo_list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (self->echo_box, scroller);
}

/* Moving, editing ------------------------------------------------------------------------ */

gboolean
gj_problems_page_move (GjProblemsPage  *self,
                       GjRecord        *problem,
                       GjProblemStatus  to)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GJ_IS_PROBLEMS_PAGE (self), FALSE);
  g_return_val_if_fail (GJ_IS_PROBLEM (problem), FALSE);

  if (gj_problem_get_status (problem) == to)
    return FALSE;
  /* An illegal move is refused with the rule, before any dialog. */
  if (!gj_problem_status_check_move (gj_problem_get_status (problem), to, &error))
    {
      toast (self, error->message, FALSE);
      return FALSE;
    }
  gj_problem_panel_set_problem (self->panel, problem);
  return gj_problem_panel_move (self->panel, to);
}

static void
panel_changed_cb (GjProblemsPage *self)
{
  gj_problems_page_reload (self);
}

static void
panel_message_cb (GjProblemsPage *self,
                  const char     *text,
                  gboolean        undoable)
{
  toast (self, text, undoable);
}

static void
history_changed_cb (GjProblemsPage *self,
                    GType           type)
{
  if (type == GJ_TYPE_PROBLEM || type == GJ_TYPE_PROBLEM_UNIT || type == G_TYPE_NONE)
    gj_problems_page_reload (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GjProblemsPage *self = GJ_PROBLEMS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (self->history == NULL || !gj_history_can_undo (self->history))
    return;
  label = g_strdup (gj_history_get_undo_label (self->history));
  if (!gj_history_undo (self->history, &error))
    toast (self, error->message, FALSE);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Undid %s"), label);

      toast (self, text, FALSE);
    }
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GjProblemsPage *self = GJ_PROBLEMS_PAGE (widget);
  g_autoptr(GjRecord) problem = GJ_RECORD (gj_problem_new ());
  g_autoptr(GError) error = NULL;

  if (self->history == NULL)
    return;
  gj_record_set_text (problem, "title", _("New problem"));
  gj_record_set_text (problem, "status", gj_problem_status_to_string (GJ_PROBLEM_REGISTERED));
  if (!gj_history_insert (self->history, problem, _("New problem"), &error))
    {
      toast (self, error->message, FALSE);
      return;
    }
  toast (self, _("Added a new problem: give it a title, a unit and a deadline"), TRUE);
  gj_problems_page_reload (self);
  gj_problems_page_show_problem (self, gj_record_get_id (problem));
}

/* The Excel round trip --------------------------------------------------------------------- */

static void
export_cb (GtkNativeDialog *chooser,
           int              response,
           GjProblemsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      guint n = 0;

      if (!gj_problem_sheet_export (self->store, path, FALSE, &n, &error))
        toast (self, error->message, FALSE);
      else
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u open problem to “%s”",
                                                                "Exported %u open problems to “%s”", n), n, path);

          toast (self, text, FALSE);
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Open Problems"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Open problems.xlsx"));
  g_signal_connect (chooser, "response", G_CALLBACK (export_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
apply_sheet_cb (AdwMessageDialog *dialog,
                const char       *response,
                GjProblemsPage   *self)
{
  GjProblemSheet *sheet = g_object_get_data (G_OBJECT (dialog), "gj-sheet");
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (g_str_equal (response, "apply"))
    {
      if (!gj_problem_sheet_apply (sheet, self->store, NULL, &n, &error))
        toast (self, error->message, FALSE);
      else
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Updated %u problem from the sheet",
                                                                "Updated %u problems from the sheet", n), n);

          /* What was undoable may have been written over. */
          if (self->history != NULL)
            gj_history_clear (self->history);
          toast (self, text, FALSE);
          gj_problems_page_reload (self);
        }
    }
  g_object_unref (self);
}

static GtkWidget *
preview_row (const GjSheetRow *row)
{
  GtkWidget *r = adw_action_row_new ();
  const char *icon = row->state == GJ_SHEET_ROW_CHANGED ? "document-edit-symbolic"
                     : row->state == GJ_SHEET_ROW_REFUSED ? "dialog-error-symbolic" : "object-select-symbolic";
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  g_autofree char *title = g_strdup_printf (_("Line %u: %s"), row->line, row->title ? row->title : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (r), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (r), row->state == GJ_SHEET_ROW_REFUSED ? row->reason
                                                   : row->state == GJ_SHEET_ROW_CHANGED ? row->summary
                                                   : _("Unchanged"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (r), 0);
  if (row->state == GJ_SHEET_ROW_REFUSED)
    gtk_widget_add_css_class (image, "error");
  else if (row->state == GJ_SHEET_ROW_CHANGED)
    gtk_widget_add_css_class (image, "accent");
  else
    gtk_widget_add_css_class (image, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (r), image);
  return r;
}

static void
import_cb (GtkNativeDialog *chooser,
           int              response,
           GjProblemsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      GjProblemSheet *sheet = gj_problem_sheet_read (self->store, path, NULL, &error);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog, *list, *scroller;
      g_autofree char *body = NULL;
      guint changed, refused, unchanged;

      if (sheet == NULL)
        {
          toast (self, error->message, FALSE);
          goto out;
        }
      changed = gj_problem_sheet_count (sheet, GJ_SHEET_ROW_CHANGED);
      refused = gj_problem_sheet_count (sheet, GJ_SHEET_ROW_REFUSED);
      unchanged = gj_problem_sheet_count (sheet, GJ_SHEET_ROW_UNCHANGED);
      /* TRANSLATORS: the preview of a sheet read back: rows changed, unchanged, refused, and the encoding */
      body = g_strdup_printf (_("%u to change, %u unchanged, %u refused (read as %s). Nothing is written until you apply; "
                                "then all of it is, or none."), changed, unchanged, refused,
                              gj_problem_sheet_get_encoding (sheet));
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Read Back the Problem Sheet"), body);
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < gj_problem_sheet_get_n_rows (sheet); i++)
        gtk_list_box_append (GTK_LIST_BOX (list), preview_row (gj_problem_sheet_get_row (sheet, i)));
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 300);
      gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Apply Changes"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply", refused == 0 && changed > 0);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "gj-sheet", sheet, (GDestroyNotify) gj_problem_sheet_free);
      g_signal_connect (dialog, "response", G_CALLBACK (apply_sheet_cb), g_object_ref (self));
      gtk_window_set_default_size (GTK_WINDOW (dialog), 640, -1);
      gtk_window_present (GTK_WINDOW (dialog));
    }
out:
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Read Back the Problem Sheet"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Read"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Excel workbook or CSV"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The object ---------------------------------------------------------------------------- */

static void
gj_problems_page_dispose (GObject *object)
{
  GjProblemsPage *self = GJ_PROBLEMS_PAGE (object);

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_PROBLEMS_PAGE);
  for (guint i = 0; i < GJ_PROBLEM_N_STATUSES; i++)
    g_clear_object (&self->columns[i]);
  for (guint i = 0; i < N_FILTERS; i++)
    g_clear_object (&self->filter_lists[i]);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_object (&self->echo_entries);
  g_clear_pointer (&self->echo_rows, g_ptr_array_unref);
  g_clear_pointer (&self->echo_street_ids, g_array_unref);
  g_clear_pointer (&self->places, g_hash_table_unref);
  g_clear_pointer (&self->meetings, g_hash_table_unref);
  g_clear_pointer (&self->last_message, g_free);

  G_OBJECT_CLASS (gj_problems_page_parent_class)->dispose (object);
}

static void
gj_problems_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GjProblemsPage *self = GJ_PROBLEMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_N_OVERDUE:
      g_value_set_uint (value, self->n_overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_problems_page_class_init (GjProblemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_problems_page_dispose;
  object_class->get_property = gj_problems_page_get_property;

  /**
   * GjProblemsPage:n-overdue:
   *
   * How many problems are red (past their deadline and not done).
   */
  properties[PROP_N_OVERDUE] =
    g_param_spec_uint ("n-overdue", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GJ_TYPE_PROBLEM_PANEL);
  (void) gj_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-problems-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GjProblemsPage, board);
  gtk_widget_class_bind_template_child (widget_class, GjProblemsPage, echo_box);
  gtk_widget_class_bind_template_child (widget_class, GjProblemsPage, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, GjProblemsPage, panel);
  gtk_widget_class_bind_template_child (widget_class, GjProblemsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, GjProblemsPage, table_box);
  gtk_widget_class_bind_template_child (widget_class, GjProblemsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GjProblemsPage, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, panel_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, panel_message_cb);

  gtk_widget_class_install_action (widget_class, "problems.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "problems.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "problems.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "problems.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "problems.print-echo", NULL, print_echo_action);
  gtk_widget_class_install_action (widget_class, "problems.save-echo", NULL, save_echo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "problems.undo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "problemspage");
}

static void
gj_problems_page_init (GjProblemsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->echo_entries = g_list_store_new (GJ_TYPE_RECORD);
  self->echo_street_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  build_board (self);
  build_table (self);
  build_echo (self);
}

GtkWidget *
gj_problems_page_new (void)
{
  return g_object_new (GJ_TYPE_PROBLEMS_PAGE, NULL);
}

void
gj_problems_page_set_history (GjProblemsPage *self,
                              GjHistory      *history)
{
  g_return_if_fail (GJ_IS_PROBLEMS_PAGE (self));
  g_return_if_fail (history == NULL || GJ_IS_HISTORY (history));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  self->own_history = FALSE;
  if (history != NULL)
    g_signal_connect_object (history, "changed", G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  gj_problem_panel_set_store (self->panel, self->store, self->history);
}

void
gj_problems_page_set_store (GjProblemsPage *self,
                            GjStore        *store)
{
  g_return_if_fail (GJ_IS_PROBLEMS_PAGE (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  g_set_object (&self->store, store);
  /* A history of its own, unless the window gives its own. */
  if (self->history == NULL || self->own_history)
    {
      g_autoptr(GjHistory) history = store ? gj_history_new (store) : NULL;

      gj_problems_page_set_history (self, history);
      self->own_history = history != NULL;
    }
  gj_problem_panel_set_store (self->panel, store, self->history);
  gj_record_table_set_store (self->table, store);
  gj_problem_panel_set_problem (self->panel, NULL);
  fill_echo_streets (self);
  gj_problems_page_reload (self);
}

guint
gj_problems_page_get_n_overdue (GjProblemsPage *self)
{
  g_return_val_if_fail (GJ_IS_PROBLEMS_PAGE (self), 0);
  return self->n_overdue;
}

void
gj_problems_page_show_problem (GjProblemsPage *self,
                               gint64          id)
{
  g_autoptr(GjRecord) problem = NULL;

  g_return_if_fail (GJ_IS_PROBLEMS_PAGE (self));

  if (self->store != NULL && id != 0)
    problem = gj_store_get (self->store, GJ_TYPE_PROBLEM, id, NULL);
  gj_problem_panel_set_problem (self->panel, problem);
}

GjProblemPanel *
gj_problems_page_get_panel (GjProblemsPage *self)
{
  return self->panel;
}

GjRecordTable *
gj_problems_page_get_table (GjProblemsPage *self)
{
  return self->table;
}

GListModel *
gj_problems_page_get_column (GjProblemsPage  *self,
                             GjProblemStatus  status)
{
  g_return_val_if_fail (status >= 0 && status < GJ_PROBLEM_N_STATUSES, NULL);
  return G_LIST_MODEL (self->columns[status]);
}

void
gj_problems_page_filter_colour (GjProblemsPage *self,
                                int             colour)
{
  gtk_drop_down_set_selected (self->filters[FILTER_COLOUR], colour > GJ_DEADLINE_GREY ? 0 : (guint) colour + 1);
}

const char *
gj_problems_page_get_last_message (GjProblemsPage *self)
{
  return self->last_message;
}

void
gj_problems_page_set_visible_view (GjProblemsPage *self,
                                   const char     *name)
{
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}
