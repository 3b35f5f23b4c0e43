/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gj-map-view-private.h"
#include "gj-presentation-private.h"
#include "gj-store-overview.h"

/* Labels on a projector: half as large again as on a desk. */
#define LABEL_SCALE 1.5
#define N_CARD_SLIDES 3
#define CARDS_PER_SLIDE 4

typedef struct
{
  char *value;
  char *label;
  char *detail;
} Card;

struct _GjPresentation
{
  AdwWindow     parent_instance;

  /* Template widgets. */
  GtkGrid      *cards_grid;
  GtkLabel     *cards_subtitle;
  GtkLabel     *cards_title;
  GtkLabel     *counter_label;
  GjMapView    *map_view;
  GtkLabel     *map_subtitle;
  GtkLabel     *map_title;
  GtkStack     *stack;
  GtkLabel     *timer_label;

  GjStore      *store;
  GPtrArray    *views;          /* GjSavedView, the slides' order */
  char         *district_name;
  Card          cards[N_CARD_SLIDES][CARDS_PER_SLIDE];
  char         *cards_note;     /* the date the figures are for */
  gboolean      cards_ready;
  guint         current;
  gint64        started;
  guint         timer_id;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (GjPresentation, gj_presentation, ADW_TYPE_WINDOW)

static void
card_set (Card       *card,
          char       *value,
          const char *label,
          char       *detail)
{
  g_free (card->value);
  g_free (card->label);
  g_free (card->detail);
  card->value = value;
  card->label = g_strdup (label);
  card->detail = detail;
}

static guint
n_map_slides (GjPresentation *self)
{
  /* Without a saved view, the whole district is the one map slide. */
  return MAX (self->views->len, 1);
}

guint
gj_presentation_get_n_slides (GjPresentation *self)
{
  g_return_val_if_fail (GJ_IS_PRESENTATION (self), 0);

  return n_map_slides (self) + N_CARD_SLIDES;
}

guint
gj_presentation_get_n_cards (GjPresentation *self)
{
  g_return_val_if_fail (GJ_IS_PRESENTATION (self), 0);

  return N_CARD_SLIDES;
}

guint
gj_presentation_get_current (GjPresentation *self)
{
  g_return_val_if_fail (GJ_IS_PRESENTATION (self), 0);

  return self->current;
}

GjMapView *
gj_presentation_get_map_view (GjPresentation *self)
{
  g_return_val_if_fail (GJ_IS_PRESENTATION (self), NULL);

  return self->map_view;
}

gboolean
gj_presentation_get_cards_ready (GjPresentation *self)
{
  g_return_val_if_fail (GJ_IS_PRESENTATION (self), FALSE);

  return self->cards_ready;
}

const char *
gj_presentation_get_slide_title (GjPresentation *self)
{
  g_return_val_if_fail (GJ_IS_PRESENTATION (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "map") == 0)
    return gtk_label_get_label (self->map_title);
  return gtk_label_get_label (self->cards_title);
}

static const char *
card_slide_title (guint index)
{
  switch (index)
    {
    case 0:
      return _("Grids and Service Stations");
    case 1:
      return _("Resident Units and Joint Meetings");
    default:
      return _("Problem Wall");
    }
}

static GtkWidget *
create_card (const Card *card)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *value = gtk_label_new (card->value != NULL ? card->value : "…");
  GtkWidget *label = gtk_label_new (card->label);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "indicator-card");
  gtk_widget_add_css_class (value, "indicator-value");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (label, "indicator-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_vexpand (value, TRUE);
  gtk_widget_set_valign (value, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  if (card->detail != NULL)
    {
      GtkWidget *detail = gtk_label_new (card->detail);

      gtk_widget_add_css_class (detail, "indicator-detail");
      gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
      gtk_label_set_justify (GTK_LABEL (detail), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (box), detail);
    }
  return box;
}

static void
show_cards (GjPresentation *self,
            guint           index)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_grid))) != NULL)
    gtk_grid_remove (self->cards_grid, child);
  /* Two by two: four big numbers read from the back of the room. */
  for (guint i = 0; i < CARDS_PER_SLIDE; i++)
    if (self->cards[index][i].label != NULL)
      gtk_grid_attach (self->cards_grid, create_card (&self->cards[index][i]), i % 2, i / 2, 1, 1);
  gtk_label_set_label (self->cards_title, card_slide_title (index));
  gtk_label_set_label (self->cards_subtitle, self->cards_note != NULL ? self->cards_note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cards_subtitle), self->cards_note != NULL);
  gtk_stack_set_visible_child_name (self->stack, "cards");
}

static void
show_map (GjPresentation *self,
          guint           index)
{
  const char *title = NULL, *subtitle = NULL;

  if (index < self->views->len)
    {
      GjRecord *view = g_ptr_array_index (self->views, index);

      gj_map_view_apply_saved_view (self->map_view, GJ_SAVED_VIEW (view));
      title = gj_record_get_text (view, "title");
      if (title == NULL || *title == '\0')
        title = gj_record_get_text (view, "name");
      subtitle = gj_record_get_text (view, "subtitle");
    }
  else
    {
      gj_map_view_set_theme (self->map_view, GJ_MAP_THEME_KIND);
      gj_map_view_zoom_to_extent (self->map_view);
      title = self->district_name;
    }
  gtk_label_set_label (self->map_title, title != NULL ? title : "");
  gtk_label_set_label (self->map_subtitle, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->map_subtitle), subtitle != NULL && *subtitle != '\0');
  gtk_stack_set_visible_child_name (self->stack, "map");
}

void
gj_presentation_go_to (GjPresentation *self,
                       guint           slide)
{
  g_autofree char *counter = NULL;
  guint n;

  g_return_if_fail (GJ_IS_PRESENTATION (self));

  n = gj_presentation_get_n_slides (self);
  self->current = MIN (slide, n - 1);
  if (self->current < n_map_slides (self))
    show_map (self, self->current);
  else
    show_cards (self, self->current - n_map_slides (self));
  counter = g_strdup_printf ("%u / %u", self->current + 1, n);
  gtk_label_set_label (self->counter_label, counter);
}

gboolean
gj_presentation_handle_key (GjPresentation  *self,
                            guint            keyval,
                            GdkModifierType  state)
{
  guint n;

  g_return_val_if_fail (GJ_IS_PRESENTATION (self), FALSE);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  n = gj_presentation_get_n_slides (self);

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_n:
      if (self->current + 1 < n)
        gj_presentation_go_to (self, self->current + 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_BackSpace:
    case GDK_KEY_p:
      if (self->current > 0)
        gj_presentation_go_to (self, self->current - 1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      gj_presentation_go_to (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      gj_presentation_go_to (self, n - 1);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GjPresentation        *self)
{
  return gj_presentation_handle_key (self, keyval, state) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static void
update_timer (GjPresentation *self)
{
  gint64 seconds = (g_get_monotonic_time () - self->started) / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  if (seconds >= 3600)
    text = g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600, (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  else
    text = g_strdup_printf ("%02d:%02d", (int) (seconds / 60), (int) (seconds % 60));
  gtk_label_set_label (self->timer_label, text);
}

static gboolean
timer_cb (gpointer user_data)
{
  update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

/* ---- Figures ---------------------------------------------------------- */

static char *
count_text (gint64 count)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, count);
}

static char *
of_text (const GjOverviewFigure *figure)
{
  g_autofree char *count = count_text (figure->count);
  g_autofree char *total = count_text (figure->total);

  /* Translators: under a share on an indicator card, "312 of 486" */
  return g_strdup_printf (_("%s of %s"), count, total);
}

static gint64
find_count (GPtrArray  *figures,
            const char *key)
{
  for (guint i = 0; figures != NULL && i < figures->len; i++)
    {
      GjOverviewFigure *figure = g_ptr_array_index (figures, i);

      if (g_strcmp0 (figure->key, key) == 0)
        return figure->count;
    }
  return 0;
}

static void
fill_cards (GjPresentation *self,
            GjOverview     *o)
{
  g_autofree char *near = NULL;
  g_autofree char *held_label = NULL;
  gint64 held = 0;

  card_set (&self->cards[0][0], count_text (o->grids.count), _("Grids"),
            /* Translators: the grids' area on an indicator card */
            g_strdup_printf (_("%.1f km²"), o->grids.value / 1e6));
  card_set (&self->cards[0][1], count_text (o->stations.count), _("Service stations"), NULL);
  card_set (&self->cards[0][2], gj_overview_figure_dup_percent_text (&o->grids_with_station),
            _("Grids with a station inside"), of_text (&o->grids_with_station));
  near = g_strdup_printf (_("Grids within %.0f m of a station"), o->ring_m);
  card_set (&self->cards[0][3], gj_overview_figure_dup_percent_text (&o->grids_near_station),
            near, of_text (&o->grids_near_station));

  for (guint i = 0; i < o->meetings_by_street->len; i++)
    {
      GjOverviewStreetMeetings *street = g_ptr_array_index (o->meetings_by_street, i);

      for (guint m = 0; m < 12; m++)
        held += street->held[m];
    }
  held_label = g_strdup_printf (_("Joint meetings held in %d"), o->year);
  card_set (&self->cards[1][0], count_text (o->units.count), _("Resident units"), NULL);
  card_set (&self->cards[1][1], gj_overview_figure_dup_percent_text (&o->units_with_agreement),
            _("Units with an agreement in force"), of_text (&o->units_with_agreement));
  card_set (&self->cards[1][2], count_text (held), held_label, NULL);
  card_set (&self->cards[1][3], gj_overview_figure_dup_percent_text (&o->months_met),
            _("Streets' months with a meeting"), of_text (&o->months_met));

  card_set (&self->cards[2][0], count_text (find_count (o->problem_funnel, "open")), _("Open problems"), NULL);
  card_set (&self->cards[2][1], count_text (find_count (o->problems_by_colour, "red")), _("Overdue"), NULL);
  card_set (&self->cards[2][2], count_text (find_count (o->problem_funnel, "resolved")), _("Resolved"), NULL);
  card_set (&self->cards[2][3], count_text (find_count (o->problem_funnel, "published")),
            _("Published on the echo wall"), NULL);

  g_free (self->cards_note);
  /* Translators: under an indicator slide's title; %s is a date, %s a place */
  self->cards_note = g_strdup_printf (_("%s · figures for %s"), o->scope_name != NULL ? o->scope_name : "",
                                      o->today);
}

/* Without the overview: the plain counts of `stats`. */
static void
fill_cards_from_stats (GjPresentation *self)
{
  g_autoptr(JsonNode) stats = gj_store_dup_stats (self->store, NULL);
  JsonObject *counts = NULL;

  if (stats != NULL && JSON_NODE_HOLDS_OBJECT (stats))
    counts = json_object_get_object_member (json_node_get_object (stats), "counts");
  if (counts == NULL)
    return;
#define COUNT(key) count_text (json_object_get_int_member_with_default (counts, key, 0))
  card_set (&self->cards[0][0], COUNT ("grids"), _("Grids"), NULL);
  card_set (&self->cards[0][1], COUNT ("stations"), _("Service stations"), NULL);
  card_set (&self->cards[1][0], COUNT ("units"), _("Resident units"), NULL);
  card_set (&self->cards[1][1], COUNT ("agreements"), _("Agreements"), NULL);
  card_set (&self->cards[1][2], COUNT ("meetings"), _("Joint meetings"), NULL);
  card_set (&self->cards[2][0], COUNT ("problems"), _("Problems"), NULL);
#undef COUNT
}

static void
overview_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GjPresentation) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GjOverview) overview = gj_overview_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  if (overview != NULL)
    fill_cards (self, overview);
  else
    {
      g_warning ("Cannot compute the overview for the presentation: %s", error->message);
      fill_cards_from_stats (self);
    }
  self->cards_ready = TRUE;
  if (self->current >= n_map_slides (self))
    gj_presentation_go_to (self, self->current);
}

static void
load (GjPresentation *self)
{
  g_autoptr(GListModel) views = NULL;
  g_autoptr(GListModel) districts = NULL;
  g_autoptr(GError) error = NULL;

  views = gj_store_list_saved_views (self->store, &error);
  if (views == NULL)
    g_warning ("Cannot read the saved views: %s", error->message);
  for (guint i = 0; views != NULL && i < g_list_model_get_n_items (views); i++)
    g_ptr_array_add (self->views, g_list_model_get_item (views, i));

  districts = gj_store_list (self->store, GJ_TYPE_DISTRICT, NULL);
  if (districts != NULL && g_list_model_get_n_items (districts) > 0)
    {
      g_autoptr(GjRecord) district = g_list_model_get_item (districts, 0);

      self->district_name = g_strdup (gj_record_get_text (district, "name"));
    }

  /* The cards wait for the overview (up to a second), in a thread. */
  for (guint s = 0; s < N_CARD_SLIDES; s++)
    for (guint i = 0; i < CARDS_PER_SLIDE; i++)
      card_set (&self->cards[s][i], NULL, "", NULL);
  gj_overview_compute_async (self->store, GJ_OVERVIEW_DISTRICT, 0, NULL, 0, self->cancellable,
                             overview_ready_cb, g_object_ref (self));
}

/* ---- GObject ---------------------------------------------------------- */

static gboolean
gj_presentation_close_request (GtkWindow *window)
{
  GjPresentation *self = GJ_PRESENTATION (window);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  return GTK_WINDOW_CLASS (gj_presentation_parent_class)->close_request (window);
}

static void
gj_presentation_map (GtkWidget *widget)
{
  GjPresentation *self = GJ_PRESENTATION (widget);

  GTK_WIDGET_CLASS (gj_presentation_parent_class)->map (widget);
  if (self->timer_id == 0)
    {
      self->started = g_get_monotonic_time ();
      update_timer (self);
      self->timer_id = g_timeout_add_seconds (1, timer_cb, self);
    }
}

static void
gj_presentation_dispose (GObject *object)
{
  GjPresentation *self = GJ_PRESENTATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_PRESENTATION);
  g_clear_object (&self->store);
  g_clear_pointer (&self->views, g_ptr_array_unref);

  G_OBJECT_CLASS (gj_presentation_parent_class)->dispose (object);
}

static void
gj_presentation_finalize (GObject *object)
{
  GjPresentation *self = GJ_PRESENTATION (object);

  for (guint s = 0; s < N_CARD_SLIDES; s++)
    for (guint i = 0; i < CARDS_PER_SLIDE; i++)
      card_set (&self->cards[s][i], NULL, NULL, NULL);
  g_free (self->cards_note);
  g_free (self->district_name);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (gj_presentation_parent_class)->finalize (object);
}

static void
gj_presentation_class_init (GjPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gj_presentation_dispose;
  object_class->finalize = gj_presentation_finalize;
  widget_class->map = gj_presentation_map;
  window_class->close_request = gj_presentation_close_request;

  g_type_ensure (GJ_TYPE_MAP_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-presentation.ui");
  gtk_widget_class_bind_template_child (widget_class, GjPresentation, cards_grid);
  gtk_widget_class_bind_template_child (widget_class, GjPresentation, cards_subtitle);
  gtk_widget_class_bind_template_child (widget_class, GjPresentation, cards_title);
  gtk_widget_class_bind_template_child (widget_class, GjPresentation, counter_label);
  gtk_widget_class_bind_template_child (widget_class, GjPresentation, map_subtitle);
  gtk_widget_class_bind_template_child (widget_class, GjPresentation, map_title);
  gtk_widget_class_bind_template_child (widget_class, GjPresentation, map_view);
  gtk_widget_class_bind_template_child (widget_class, GjPresentation, stack);
  gtk_widget_class_bind_template_child (widget_class, GjPresentation, timer_label);
}

static void
gj_presentation_init (GjPresentation *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->views = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();

  /* Read-only: the map takes no pointer and never edits; its labels are
   * for the back of the room. */
  gj_map_view_set_label_scale (self->map_view, LABEL_SCALE);
  gj_map_view_set_show_controls (self->map_view, FALSE);

  /* Before any child: a focused widget must not eat the clicker's keys. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GjPresentation *
gj_presentation_new (GtkWindow *parent,
                     GjStore   *store)
{
  GjPresentation *self;
  GdkDisplay *display;
  GdkMonitor *monitor = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GJ_IS_STORE (store), NULL);

  self = g_object_new (GJ_TYPE_PRESENTATION, NULL);
  self->store = g_object_ref (store);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  /* The monitor's size too, for a session without a window manager to
   * honour fullscreen. */
  display = parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent)) : gdk_display_get_default ();
  if (parent != NULL && gtk_native_get_surface (GTK_NATIVE (parent)) != NULL)
    monitor = gdk_display_get_monitor_at_surface (display, gtk_native_get_surface (GTK_NATIVE (parent)));
  if (monitor == NULL && display != NULL && g_list_model_get_n_items (gdk_display_get_monitors (display)) > 0)
    {
      g_autoptr(GdkMonitor) first = g_list_model_get_item (gdk_display_get_monitors (display), 0);

      monitor = first;
    }
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self));

  gj_map_view_set_store (self->map_view, store);
  load (self);
  gj_presentation_go_to (self, 0);
  return self;
}
