/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include <string.h>

#include "gj-overview-export.h"
#include "gj-overview-page-private.h"
#include "gj-records.h"
#include "gj-resources.h"

/* How many gaps the coverage card lists; the rest are counted. */
#define MAX_GAP_ROWS 6
/* Typing a ring of 650 m computes once, not three times. */
#define RING_DELAY_MS 400

typedef struct
{
  GtkWidget *button;
  GtkLabel  *value;
  GtkLabel  *caption;
} Figure;

struct _GjOverviewPage
{
  GtkWidget        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkDropDown     *street_dropdown;
  GtkDropDown     *community_dropdown;
  GtkSpinner      *spinner;
  GtkSpinner      *big_spinner;
  GtkLabel        *status_label;
  GtkMenuButton   *export_button;
  GtkStack        *stack;
  GtkFlowBox      *cards;
  AdwStatusPage   *error_page;

  GjStore         *store;
  GjOverview      *overview;
  GCancellable    *cancellable;
  GArray          *street_ids;      /* gint64, parallel to the street drop-down */
  GArray          *community_ids;   /* gint64, parallel to the community drop-down */
  gint64           street_id;
  gint64           community_id;
  double           ring_m;
  guint            ring_timeout;
  gboolean         filling;
  gboolean         busy;
  gboolean         pending;         /* to compute once on screen */

  GHashTable      *figures;         /* key → Figure */
  GHashTable      *charts;          /* name → GjChart (borrowed: the cards own them) */
  GtkSpinButton   *ring_spin;
  GtkLabel        *area_label;
  GtkLabel        *gaps_label;
  GtkBox          *gap_box;
  guint            n_gap_rows;
  GtkLabel        *meetings_label;
};

enum {
  DRILL_DOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GjOverviewPage, gj_overview_page, GTK_TYPE_WIDGET)

/* Figures by key ---------------------------------------------------------------------------- */

static const struct
{
  const char *key;
  gsize       offset;
} figure_fields[] = {
  { "grids", G_STRUCT_OFFSET (GjOverview, grids) },
  { "grid_coverage", G_STRUCT_OFFSET (GjOverview, grid_coverage) },
  { "grids_with_station", G_STRUCT_OFFSET (GjOverview, grids_with_station) },
  { "grids_without_station", G_STRUCT_OFFSET (GjOverview, grids_without_station) },
  { "grids_near_station", G_STRUCT_OFFSET (GjOverview, grids_near_station) },
  { "grids_far_from_station", G_STRUCT_OFFSET (GjOverview, grids_far_from_station) },
  { "stations", G_STRUCT_OFFSET (GjOverview, stations) },
  { "small_centres", G_STRUCT_OFFSET (GjOverview, small_centres) },
  { "units", G_STRUCT_OFFSET (GjOverview, units) },
  { "units_with_agreement", G_STRUCT_OFFSET (GjOverview, units_with_agreement) },
  { "units_without_agreement", G_STRUCT_OFFSET (GjOverview, units_without_agreement) },
  { "agreements", G_STRUCT_OFFSET (GjOverview, agreements) },
  { "agreements_expiring", G_STRUCT_OFFSET (GjOverview, agreements_expiring) },
  { "needs_matched", G_STRUCT_OFFSET (GjOverview, needs_matched) },
  { "needs_unmatched", G_STRUCT_OFFSET (GjOverview, needs_unmatched) },
  { "months_met", G_STRUCT_OFFSET (GjOverview, months_met) },
  { "attendance", G_STRUCT_OFFSET (GjOverview, attendance) },
  { "problems", G_STRUCT_OFFSET (GjOverview, problems) },
  { "echo_entries", G_STRUCT_OFFSET (GjOverview, echo_entries) },
};

static const GjOverviewFigure *
lookup_figure (GjOverview *overview,
               const char *key)
{
  if (overview == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (figure_fields); i++)
    if (g_str_equal (figure_fields[i].key, key))
      return G_STRUCT_MEMBER_P (overview, figure_fields[i].offset);
  return NULL;
}

static char *
format_count (gint64 n)
{
  /* The locale's digit grouping: 1,234 (zh_CN groups by thousands too). */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static char *
format_percent (const GjOverviewFigure *figure)
{
  if (!figure->has_percent)
    /* TRANSLATORS: a share that cannot be computed (nothing to count) */
    return g_strdup (_("No data"));
  return g_strdup_printf ("%.1f%%", figure->percent);
}

/* "128 of 160": a share's two counts. */
static char *
format_of (const GjOverviewFigure *figure)
{
  g_autofree char *count = format_count (figure->count);
  g_autofree char *total = format_count (figure->total);

  /* TRANSLATORS: a count out of a total, e.g. "128 of 160" */
  return g_strdup_printf (_("%s of %s"), count, total);
}

/* Drill-down ---------------------------------------------------------------------------- */

static const char *funnel_label (const GjOverviewFigure *figure);

static void
emit_drill (GjOverviewPage *self,
            GjDrill        *drill,
            const char     *title)
{
  if (drill == NULL)
    return;
  g_signal_emit (self, signals[DRILL_DOWN], 0, drill, title);
}

static void
drill_figure (GjOverviewPage *self,
              const char     *key)
{
  const GjOverviewFigure *figure = lookup_figure (self->overview, key);
  Figure *f = g_hash_table_lookup (self->figures, key);

  if (figure == NULL)
    return;
  emit_drill (self, figure->drill,
              f != NULL ? gtk_label_get_label (f->caption) : figure->label);
}

static void
figure_clicked_cb (GtkButton      *button,
                   GjOverviewPage *self)
{
  drill_figure (self, g_object_get_data (G_OBJECT (button), "gj-key"));
}

static void
card_activated_cb (GjOverviewPage  *self,
                   GtkFlowBoxChild *child)
{
  const char *key = g_object_get_data (G_OBJECT (child), "gj-key");

  if (key != NULL)
    drill_figure (self, key);
}

static const GjOverviewFigure *
array_figure (GPtrArray *array,
              guint      i)
{
  return array != NULL && i < array->len ? g_ptr_array_index (array, i) : NULL;
}

/* The held meetings of one month: no figure of the data layer counts them
 * alone, so the drill is made here from the year's held meetings. */
static GjDrill *
month_drill (GjOverviewPage *self,
             guint           month)
{
  g_autofree char *prefix = g_strdup_printf ("%04d-%02u", self->overview->year, month + 1);
  g_autofree char *filter = g_strdup_printf ("month=%s;held=true", prefix);
  GjDrill *drill = gj_drill_new (GJ_TYPE_MEETING, self->street_id, self->community_id, filter);

  if (drill->ids == NULL)
    drill->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint s = 0; s < self->overview->meetings_by_street->len; s++)
    {
      GjOverviewStreetMeetings *street = g_ptr_array_index (self->overview->meetings_by_street, s);
      GArray *ids = street->attendance.drill ? street->attendance.drill->ids : NULL;

      for (guint i = 0; ids != NULL && i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autoptr(GjRecord) meeting = gj_store_get (self->store, GJ_TYPE_MEETING, id, NULL);
          const char *starts = meeting ? gj_record_get_text (meeting, "starts_at") : NULL;

          if (starts != NULL && g_str_has_prefix (starts, prefix))
            g_array_append_val (drill->ids, id);
        }
    }
  return drill;
}

static const char * const month_names[] = {
  N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
  N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
};

static void
chart_activated_cb (GjChart        *chart,
                    guint           category,
                    int             series,
                    GjOverviewPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (chart), "gj-name");
  GjOverview *o = self->overview;
  const GjOverviewFigure *figure = NULL;

  if (o == NULL)
    return;

  if (g_str_equal (name, "grids_by_kind"))
    figure = array_figure (o->grids_by_kind, category);
  else if (g_str_equal (name, "units_by_kind"))
    figure = array_figure (o->units_by_kind, category);
  else if (g_str_equal (name, "agreements_by_status"))
    figure = array_figure (o->agreements_by_status, category);
  else if (g_str_equal (name, "problem_funnel"))
    figure = array_figure (o->problem_funnel, category);
  else if (g_str_equal (name, "problems_by_colour"))
    figure = series >= 0 ? array_figure (o->problems_by_colour, series) : &o->problems;
  else if (g_str_equal (name, "meetings_by_street") && category < o->meetings_by_street->len)
    {
      GjOverviewStreetMeetings *street = g_ptr_array_index (o->meetings_by_street, category);
      g_autofree char *title = NULL;

      if (series == 1)
        /* TRANSLATORS: %s is a street; the months it held no joint meeting */
        title = g_strdup_printf (_("%s: months without a meeting"), street->street_name);
      else
        /* TRANSLATORS: %s is a street */
        title = g_strdup_printf (_("%s: meetings held"), street->street_name);
      emit_drill (self, series == 1 ? street->missed.drill : street->attendance.drill, title);
      return;
    }
  else if (g_str_equal (name, "meetings_by_month") && category < 12)
    {
      g_autoptr(GjDrill) drill = month_drill (self, category);
      /* TRANSLATORS: %s is a month (一月 …) */
      g_autofree char *title = g_strdup_printf (_("Meetings held in %s"), _(month_names[category]));

      emit_drill (self, drill, title);
      return;
    }

  if (figure != NULL)
    emit_drill (self, figure->drill, g_str_equal (name, "problem_funnel") ? funnel_label (figure) : figure->label);
}

static void
gap_clicked_cb (GtkButton      *button,
                GjOverviewPage *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "gj-gap"));
  GjOverviewGap *gap;
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *filter = NULL;
  g_autoptr(GjDrill) drill = NULL;

  if (self->overview == NULL || i >= self->overview->gaps->len)
    return;
  gap = g_ptr_array_index (self->overview->gaps, i);
  /* Not records: the place, for the map to show (the whole gap is in
   * gj_overview_page_get_overview ()->gaps[i]). */
  filter = g_strdup_printf ("gap=%u;bbox=%s,%s,%s,%s", i,
                            g_ascii_dtostr (a, sizeof a, gap->bbox.min_x), g_ascii_dtostr (b, sizeof b, gap->bbox.min_y),
                            g_ascii_dtostr (c, sizeof c, gap->bbox.max_x), g_ascii_dtostr (d, sizeof d, gap->bbox.max_y));
  drill = gj_drill_new (G_TYPE_NONE, self->street_id, self->community_id, filter);
  emit_drill (self, drill, gtk_button_get_label (button) ? gtk_button_get_label (button)
                                                         : gtk_widget_get_tooltip_text (GTK_WIDGET (button)));
}

/* Building the cards ---------------------------------------------------------------------------- */

static GtkBox *
add_card (GjOverviewPage *self,
          const char     *title,
          const char     *main_key)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "overview-card");
  /* A short card beside a tall one keeps its own height. */
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  g_object_set_data (G_OBJECT (child), "gj-key", (gpointer) main_key);
  gtk_widget_set_tooltip_text (child, _("Enter or a click on a figure shows the records it counts"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_flow_box_append (self->cards, child);
  return GTK_BOX (box);
}

static GtkBox *
add_figure_row (GtkBox *card)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_box_append (card, row);
  return GTK_BOX (row);
}

static void
add_figure (GjOverviewPage *self,
            GtkBox         *row,
            const char     *key,
            const char     *caption,
            gboolean        big)
{
  Figure *f = g_new0 (Figure, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  f->button = gtk_button_new ();
  f->value = GTK_LABEL (gtk_label_new ("—"));
  f->caption = GTK_LABEL (gtk_label_new (caption));
  gtk_widget_add_css_class (f->button, "flat");
  gtk_widget_add_css_class (f->button, "overview-figure");
  gtk_widget_add_css_class (GTK_WIDGET (f->value), big ? "title-1" : "title-3");
  gtk_widget_add_css_class (GTK_WIDGET (f->value), "numeric");
  gtk_label_set_xalign (f->value, 0);
  gtk_label_set_xalign (f->caption, 0);
  gtk_label_set_wrap (f->caption, TRUE);
  gtk_label_set_wrap_mode (f->caption, PANGO_WRAP_WORD_CHAR);
  /* A wrapping label asks for its whole line; the flow box lays its
   * cards out at their natural width, so long captions would leave room
   * for two cards a line where three fit. */
  gtk_label_set_max_width_chars (f->caption, 18);
  gtk_widget_add_css_class (GTK_WIDGET (f->caption), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (f->caption), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->value));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->caption));
  gtk_button_set_child (GTK_BUTTON (f->button), box);
  gtk_widget_set_tooltip_text (f->button, _("Show the records this figure counts"));
  g_object_set_data (G_OBJECT (f->button), "gj-key", (gpointer) key);
  g_signal_connect (f->button, "clicked", G_CALLBACK (figure_clicked_cb), self);
  gtk_box_append (row, f->button);
  g_hash_table_insert (self->figures, (gpointer) key, f);
}

static GtkLabel *
add_note (GtkBox *card)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_add_css_class (label, "overview-note");
  gtk_box_append (card, label);
  return GTK_LABEL (label);
}

static void
add_chart (GjOverviewPage *self,
           GtkBox         *card,
           const char     *name,
           GjChartKind     kind,
           const char     *title)
{
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *chart = gj_chart_new (kind);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *png = g_strdup_printf ("overview.save-chart::%s:png", name);
  g_autofree char *svg = g_strdup_printf ("overview.save-chart::%s:svg", name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (head), label);

  g_menu_append (menu, _("Save Chart as _PNG…"), png);
  g_menu_append (menu, _("Save Chart as _SVG…"), svg);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("Save this chart"));
  gtk_box_append (GTK_BOX (head), menu_button);
  gtk_box_append (card, head);

  gj_chart_set_title (GJ_CHART (chart), title);
  gtk_widget_set_margin_top (chart, 2);
  g_object_set_data (G_OBJECT (chart), "gj-name", (gpointer) name);
  g_signal_connect (chart, "activated", G_CALLBACK (chart_activated_cb), self);
  gtk_box_append (card, chart);
  g_hash_table_insert (self->charts, (gpointer) name, chart);
}

static void ring_changed_cb (GjOverviewPage *self);

static void
build_cards (GjOverviewPage *self)
{
  GtkBox *card, *row;
  GtkWidget *ring_row, *label;
  GtkAdjustment *adjustment;

  card = add_card (self, _("Grids"), "grids");
  row = add_figure_row (card);
  add_figure (self, row, "grids", _("Grids"), TRUE);
  self->area_label = add_note (card);
  add_chart (self, card, "grids_by_kind", GJ_CHART_BAR, _("Grids by kind"));

  card = add_card (self, _("Grid Coverage"), "grid_coverage");
  row = add_figure_row (card);
  add_figure (self, row, "grid_coverage", _("Of the area covered by grids"), TRUE);
  self->gaps_label = add_note (card);
  self->gap_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_box_append (card, GTK_WIDGET (self->gap_box));

  card = add_card (self, _("Service Stations"), "grids_with_station");
  row = add_figure_row (card);
  add_figure (self, row, "stations", _("Service stations"), TRUE);
  add_figure (self, row, "grids_with_station", _("Grids with a station"), TRUE);
  row = add_figure_row (card);
  add_figure (self, row, "grids_near_station", _("Grids within the ring"), FALSE);
  add_figure (self, row, "small_centres", _("Centres under 600 m²"), FALSE);
  ring_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new_with_mnemonic (_("Service _ring"));
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (ring_row), label);
  adjustment = gtk_adjustment_new (GJ_OVERVIEW_DEFAULT_RING_M, 50, 5000, 50, 100, 0);
  self->ring_spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 50, 0));
  gtk_spin_button_set_numeric (self->ring_spin, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ring_spin),
                               _("A grid counts as served when its centre lies within this distance of a station"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->ring_spin));
  g_signal_connect_swapped (self->ring_spin, "value-changed", G_CALLBACK (ring_changed_cb), self);
  gtk_box_append (GTK_BOX (ring_row), GTK_WIDGET (self->ring_spin));
  /* TRANSLATORS: metres, after the ring's spin button */
  gtk_box_append (GTK_BOX (ring_row), gtk_label_new (_("m")));
  gtk_box_append (card, ring_row);

  card = add_card (self, _("Resident Units"), "units_with_agreement");
  row = add_figure_row (card);
  add_figure (self, row, "units", _("Resident units"), TRUE);
  add_figure (self, row, "units_with_agreement", _("With an agreement in force"), TRUE);
  row = add_figure_row (card);
  add_figure (self, row, "units_without_agreement", _("Without an agreement"), FALSE);
  add_chart (self, card, "units_by_kind", GJ_CHART_BAR, _("Units by kind"));

  card = add_card (self, _("Agreements"), "agreements_expiring");
  row = add_figure_row (card);
  add_figure (self, row, "agreements", _("Agreements"), TRUE);
  add_figure (self, row, "agreements_expiring", _("Ending within 60 days"), TRUE);
  add_chart (self, card, "agreements_by_status", GJ_CHART_BAR, _("Agreements by status"));

  card = add_card (self, _("Lists"), "needs_matched");
  row = add_figure_row (card);
  add_figure (self, row, "needs_matched", _("Needs matched"), TRUE);
  add_figure (self, row, "needs_unmatched", _("Needs not matched"), TRUE);

  card = add_card (self, _("Joint Meetings (One a Month)"), "months_met");
  row = add_figure_row (card);
  add_figure (self, row, "months_met", _("Months with a meeting"), TRUE);
  add_figure (self, row, "attendance", _("Attendance rate"), TRUE);
  self->meetings_label = add_note (card);
  add_chart (self, card, "meetings_by_street", GJ_CHART_STACKED_BAR, _("Meetings held and planned per street"));
  add_chart (self, card, "meetings_by_month", GJ_CHART_SPARKLINE, _("Meetings held per month"));

  card = add_card (self, _("Problem Wall"), "problems");
  row = add_figure_row (card);
  add_figure (self, row, "problems", _("Problems in all"), TRUE);
  add_chart (self, card, "problems_by_colour", GJ_CHART_STACKED_BAR, _("Problems by deadline colour"));
  add_chart (self, card, "problem_funnel", GJ_CHART_BAR, _("From collected to published"));

  card = add_card (self, _("Echo Wall"), "echo_entries");
  row = add_figure_row (card);
  add_figure (self, row, "echo_entries", _("Answers published"), TRUE);
}

/* Filling the cards ---------------------------------------------------------------------------- */

static void
set_figure (GjOverviewPage *self,
            const char     *key,
            const char     *value,
            const char     *caption)
{
  Figure *f = g_hash_table_lookup (self->figures, key);

  g_assert (f != NULL);
  gtk_label_set_label (f->value, value);
  if (caption != NULL)
    gtk_label_set_label (f->caption, caption);
  {
    /* TRANSLATORS: a figure for screen readers: its caption, then its value */
    g_autofree char *spoken = g_strdup_printf (_("%s: %s"), gtk_label_get_label (f->caption), value);

    gtk_accessible_update_property (GTK_ACCESSIBLE (f->button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
}

static void
set_count (GjOverviewPage *self,
           const char     *key)
{
  g_autofree char *text = format_count (lookup_figure (self->overview, key)->count);

  set_figure (self, key, text, NULL);
}

/* A share: the percentage, and the caption with its two counts. */
static void
set_share (GjOverviewPage *self,
           const char     *key,
           const char     *caption)
{
  const GjOverviewFigure *figure = lookup_figure (self->overview, key);
  g_autofree char *text = format_percent (figure);
  g_autofree char *of = format_of (figure);
  /* TRANSLATORS: a figure's caption, then its counts ("128 of 160") */
  g_autofree char *full = g_strdup_printf (_("%s (%s)"), caption, of);

  set_figure (self, key, text, full);
}

static void
fill_breakdown (GjOverviewPage *self,
                const char     *name,
                GPtrArray      *figures,
                GjChartColour   colour)
{
  gboolean funnel = g_str_equal (name, "problem_funnel");

  GjChart *chart = g_hash_table_lookup (self->charts, name);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < figures->len; i++)
    {
      const GjOverviewFigure *figure = g_ptr_array_index (figures, i);
      double v = (double) figure->count;

      g_ptr_array_add (labels, (gpointer) (funnel ? funnel_label (figure) : figure->label));
      g_array_append_val (values, v);
    }
  g_ptr_array_add (labels, NULL);
  gj_chart_set_categories (chart, (const char * const *) labels->pdata);
  gj_chart_add_series (chart, _("Count"), (double *) (gpointer) values->data, values->len, colour);
}

static void
fill_gaps (GjOverviewPage *self)
{
  GjOverview *o = self->overview;
  GtkWidget *child;
  guint n_open = 0;
  double open_area = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->gap_box))) != NULL)
    gtk_box_remove (self->gap_box, child);
  self->n_gap_rows = 0;

  for (guint i = 0; i < o->gaps->len; i++)
    {
      GjOverviewGap *gap = g_ptr_array_index (o->gaps, i);

      if (!gap->accepted)
        {
          n_open++;
          open_area += gap->area_m2;
        }
    }

  if (o->gaps->len == 0)
    gtk_label_set_label (self->gaps_label, o->grids.count > 0 ? _("No gaps between the grids.") : "");
  else
    {
      g_autofree char *n = format_count (n_open);
      g_autofree char *all = format_count (o->gaps->len);
      g_autofree char *area = g_strdup_printf ("%'.0f", open_area);
      g_autofree char *text = NULL;

      /* TRANSLATORS: gaps not covered by any grid: open ones, all of them (with accepted exceptions), their area */
      text = g_strdup_printf (_("Gaps: %s open of %s, %s m² in all"), n, all, area);
      gtk_label_set_label (self->gaps_label, text);
    }

  for (guint i = 0; i < o->gaps->len && i < MAX_GAP_ROWS; i++)
    {
      GjOverviewGap *gap = g_ptr_array_index (o->gaps, i);
      g_autofree char *area = g_strdup_printf ("%'.0f", gap->area_m2);
      g_autofree char *text = NULL;
      GtkWidget *button;

      if (gap->accepted)
        /* TRANSLATORS: one gap: its number, its area; an accepted exception (a river …) */
        text = g_strdup_printf (_("Gap %u · %s m² (accepted)"), i + 1, area);
      else
        /* TRANSLATORS: one gap: its number, its area in square metres */
        text = g_strdup_printf (_("Gap %u · %s m²"), i + 1, area);
      button = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "overview-gap");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      gtk_widget_set_tooltip_text (button, _("Show this gap on the map"));
      g_object_set_data (G_OBJECT (button), "gj-gap", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (gap_clicked_cb), self);
      gtk_box_append (self->gap_box, button);
      self->n_gap_rows++;
    }
}

static void
fill_meetings (GjOverviewPage *self)
{
  GjOverview *o = self->overview;
  GjChart *by_street = g_hash_table_lookup (self->charts, "meetings_by_street");
  GjChart *by_month = g_hash_table_lookup (self->charts, "meetings_by_month");
  guint n = o->meetings_by_street->len;
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree double *held = g_new0 (double, n);
  g_autofree double *not_held = g_new0 (double, n);
  const char *months[13] = { NULL };
  double per_month[12] = { 0 };
  guint planned_all = 0, held_all = 0, n_months;
  g_autofree char *planned_text = NULL, *held_text = NULL, *note = NULL;

  for (guint s = 0; s < n; s++)
    {
      GjOverviewStreetMeetings *street = g_ptr_array_index (o->meetings_by_street, s);
      guint p = 0, h = 0;

      for (guint m = 0; m < 12; m++)
        {
          p += street->planned[m];
          h += street->held[m];
          per_month[m] += street->held[m];
        }
      labels[s] = street->street_name;
      held[s] = h;
      /* Planned but not (yet) held; a meeting added on top counts as held. */
      not_held[s] = p > h ? p - h : 0;
      planned_all += p;
      held_all += h;
    }
  gj_chart_set_categories (by_street, labels);
  gj_chart_add_series (by_street, _("Held"), held, n, GJ_CHART_COLOUR_GREEN);
  gj_chart_add_series (by_street, _("Planned, not held"), not_held, n, GJ_CHART_COLOUR_GREY);

  /* The months of the year so far: a month still to come is no zero. */
  n_months = 12;
  if (o->today != NULL && strlen (o->today) >= 7 && g_ascii_strtoll (o->today, NULL, 10) == o->year)
    n_months = CLAMP (g_ascii_strtoll (o->today + 5, NULL, 10), 1, 12);
  for (guint m = 0; m < n_months; m++)
    months[m] = _(month_names[m]);
  gj_chart_set_categories (by_month, months);
  gj_chart_add_series (by_month, _("Held"), per_month, n_months, GJ_CHART_COLOUR_ACCENT);

  held_text = format_count (held_all);
  planned_text = format_count (planned_all);
  /* TRANSLATORS: the joint meetings of a year: held, planned, the year */
  note = g_strdup_printf (_("%s held of %s planned in %d"), held_text, planned_text, o->year);
  gtk_label_set_label (self->meetings_label, note);
}

static void
fill_problems (GjOverviewPage *self)
{
  GjOverview *o = self->overview;
  GjChart *chart = g_hash_table_lookup (self->charts, "problems_by_colour");
  /* none, green, yellow, red, grey: as the problem wall's badges. */
  static const GjChartColour colours[] = {
    GJ_CHART_COLOUR_ACCENT, GJ_CHART_COLOUR_GREEN, GJ_CHART_COLOUR_YELLOW, GJ_CHART_COLOUR_RED, GJ_CHART_COLOUR_GREY,
  };
  /* TRANSLATORS: the one bar of the problems by colour when the scope has no name */
  const char *labels[] = { o->scope_name ? o->scope_name : _("All problems"), NULL };

  gj_chart_set_categories (chart, labels);
  for (guint i = 0; i < o->problems_by_colour->len; i++)
    {
      const GjOverviewFigure *figure = g_ptr_array_index (o->problems_by_colour, i);
      double v = (double) figure->count;

      gj_chart_add_series (chart, figure->label, &v, 1, colours[MIN (i, G_N_ELEMENTS (colours) - 1)]);
    }
  fill_breakdown (self, "problem_funnel", o->problem_funnel, GJ_CHART_COLOUR_ACCENT);
}

/* The funnel's stages in the words of the problem wall. */
static const char *
funnel_label (const GjOverviewFigure *figure)
{
  static const struct { const char *key, *label; } stages[] = {
    /* TRANSLATORS: the problem funnel's stages (问题收集 → 上墙 → 解决 → 公开) */
    { "collected", N_("Collected") },
    { "on_wall", N_("On the wall") },
    { "resolved", N_("Solved") },
    { "published", N_("Made public") },
    { "open", N_("Still open") },
    { "unsolvable", N_("Cannot be solved") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    if (g_strcmp0 (figure->key, stages[i].key) == 0)
      return _(stages[i].label);
  return figure->label;
}

static void
fill_cards (GjOverviewPage *self)
{
  GjOverview *o = self->overview;
  g_autofree char *area = NULL, *text = NULL, *ring = NULL, *caption = NULL, *status = NULL;

  set_count (self, "grids");
  area = g_strdup_printf ("%'.2f", o->grids.value / 1e6);
  /* TRANSLATORS: the grids' total area in square kilometres */
  text = g_strdup_printf (_("Total area %s km²"), area);
  gtk_label_set_label (self->area_label, text);
  fill_breakdown (self, "grids_by_kind", o->grids_by_kind, GJ_CHART_COLOUR_ACCENT);

  {
    const GjOverviewFigure *coverage = &o->grid_coverage;
    g_autofree char *percent = format_percent (coverage);
    g_autofree char *covered = g_strdup_printf ("%'.2f", coverage->value / 1e6);
    g_autofree char *outline = g_strdup_printf ("%'.2f", o->outline_area_m2 / 1e6);
    /* TRANSLATORS: the area covered by grids and the scope's whole area, in km² */
    g_autofree char *full = g_strdup_printf (_("Of the area covered by grids (%s of %s km²)"), covered, outline);

    /* Its count and total are gaps, not areas: the caption says the areas. */
    set_figure (self, "grid_coverage", percent, full);
  }
  fill_gaps (self);

  set_count (self, "stations");
  set_share (self, "grids_with_station", _("Grids with a station"));
  ring = g_strdup_printf ("%'.0f", o->ring_m);
  /* TRANSLATORS: %s is a distance in metres */
  caption = g_strdup_printf (_("Grids within %s m of a station"), ring);
  set_share (self, "grids_near_station", caption);
  set_share (self, "small_centres", _("Centres under 600 m²"));
  /* The small centres are a count to act on, not a share to admire. */
  set_count (self, "small_centres");

  set_count (self, "units");
  set_share (self, "units_with_agreement", _("With an agreement in force"));
  set_count (self, "units_without_agreement");
  fill_breakdown (self, "units_by_kind", o->units_by_kind, GJ_CHART_COLOUR_PURPLE);

  set_count (self, "agreements");
  set_count (self, "agreements_expiring");
  gtk_widget_set_css_classes (GTK_WIDGET (((Figure *) g_hash_table_lookup (self->figures, "agreements_expiring"))->value),
                              (const char *[]) { "title-1", "numeric", o->agreements_expiring.count > 0 ? "warning" : NULL, NULL });
  fill_breakdown (self, "agreements_by_status", o->agreements_by_status, GJ_CHART_COLOUR_GREEN);

  set_share (self, "needs_matched", _("Needs matched"));
  set_count (self, "needs_unmatched");

  set_share (self, "months_met", _("Months with a meeting"));
  set_share (self, "attendance", _("Attendance rate"));
  fill_meetings (self);

  set_count (self, "problems");
  fill_problems (self);

  set_count (self, "echo_entries");

  /* TRANSLATORS: the scope the figures are for and the day, e.g. "涧西区 · 2026-11-22" */
  status = g_strdup_printf (_("%s · figures of %s"), o->scope_name ? o->scope_name : "", o->today ? o->today : "");
  gtk_label_set_label (self->status_label, status);
}

/* Computing ---------------------------------------------------------------------------- */

static void
set_busy (GjOverviewPage *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_spinner_set_spinning (self->big_spinner, busy);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GjOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GjOverview) overview = gj_overview_compute_finish (result, &error);

  /* A newer computation replaced this one (cancelling it): it reports. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    return;

  set_busy (self, FALSE);
  if (overview == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_label (self->status_label, "");
      return;
    }

  g_clear_pointer (&self->overview, gj_overview_unref);
  self->overview = g_steal_pointer (&overview);
  fill_cards (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export-tables", TRUE);
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

static void
compute (GjOverviewPage *self)
{
  GjOverviewScope scope;
  gint64 id = 0;

  g_clear_handle_id (&self->ring_timeout, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->pending = FALSE;
  if (self->store == NULL)
    {
      set_busy (self, FALSE);
      return;
    }
  /* The window keeps its pages hidden until first shown: a page nobody
   * looks at costs no worker thread. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->pending = TRUE;
      set_busy (self, FALSE);
      return;
    }

  scope = GJ_OVERVIEW_DISTRICT;
  if (self->community_id != 0)
    {
      scope = GJ_OVERVIEW_COMMUNITY;
      id = self->community_id;
    }
  else if (self->street_id != 0)
    {
      scope = GJ_OVERVIEW_STREET;
      id = self->street_id;
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_label_set_label (self->status_label, _("Computing the figures…"));
  if (self->overview == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  /* On a worker thread with a store of its own; the page is held until
   * the figures come back. */
  gj_overview_compute_async (self->store, scope, id, NULL, self->ring_m, self->cancellable,
                             computed_cb, g_object_ref (self));
}

static gboolean
ring_timeout_cb (gpointer data)
{
  GjOverviewPage *self = data;

  self->ring_timeout = 0;
  compute (self);
  return G_SOURCE_REMOVE;
}

static void
ring_changed_cb (GjOverviewPage *self)
{
  self->ring_m = gtk_spin_button_get_value (self->ring_spin);
  g_clear_handle_id (&self->ring_timeout, g_source_remove);
  if (!self->filling)
    self->ring_timeout = g_timeout_add (RING_DELAY_MS, ring_timeout_cb, self);
}

/* The scope chooser ---------------------------------------------------------------------------- */

static void
fill_dropdown (GjOverviewPage *self,
               GtkDropDown    *dropdown,
               GArray         *ids,
               const char     *first,
               GListModel     *records)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  gint64 zero = 0;

  g_array_set_size (ids, 0);
  gtk_string_list_append (strings, first);
  g_array_append_val (ids, zero);
  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(GjRecord) record = g_list_model_get_item (records, i);
      gint64 id = gj_record_get_id (record);

      gtk_string_list_append (strings, gj_record_get_label (record));
      g_array_append_val (ids, id);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (dropdown, 0);
  self->filling = FALSE;
}

static void
fill_communities (GjOverviewPage *self)
{
  g_autoptr(GListModel) communities = NULL;

  if (self->store != NULL && self->street_id != 0)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, self->street_id);
      communities = gj_store_list_where (self->store, GJ_TYPE_COMMUNITY, "street_id", &value, NULL);
    }
  /* TRANSLATORS: the community chooser's first entry: no single community */
  fill_dropdown (self, self->community_dropdown, self->community_ids, _("Whole Street"), communities);
  gtk_widget_set_sensitive (GTK_WIDGET (self->community_dropdown), self->street_id != 0);
}

static void
fill_streets (GjOverviewPage *self)
{
  g_autoptr(GListModel) streets = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    streets = gj_store_list (self->store, GJ_TYPE_STREET, &error);
  if (error != NULL)
    g_warning ("Could not list the streets: %s", error->message);
  /* TRANSLATORS: the scope chooser's first entry (全区) */
  fill_dropdown (self, self->street_dropdown, self->street_ids, _("Whole District"), streets);
  self->street_id = 0;
  self->community_id = 0;
  fill_communities (self);
}

static void
street_selected_cb (GjOverviewPage *self)
{
  guint i = gtk_drop_down_get_selected (self->street_dropdown);

  if (self->filling || i >= self->street_ids->len)
    return;
  self->street_id = g_array_index (self->street_ids, gint64, i);
  self->community_id = 0;
  fill_communities (self);
  compute (self);
}

static void
community_selected_cb (GjOverviewPage *self)
{
  guint i = gtk_drop_down_get_selected (self->community_dropdown);

  if (self->filling || i >= self->community_ids->len)
    return;
  self->community_id = g_array_index (self->community_ids, gint64, i);
  compute (self);
}

/* Export ---------------------------------------------------------------------------- */

static void
toast (GjOverviewPage *self,
       const char     *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
save_chart_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(GjOverviewPage) self = user_data;
  const char *name = g_object_get_data (G_OBJECT (chooser), "gj-chart");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (gj_overview_page_save_chart (self, name, path, &error))
        {
          g_autofree char *base = g_file_get_basename (file);
          /* TRANSLATORS: %s is a file name */
          g_autofree char *text = g_strdup_printf (_("Saved the chart as “%s”"), base);

          toast (self, text);
        }
      else
        toast (self, error->message);
    }
  g_object_unref (chooser);
}

static void
save_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GjOverviewPage *self = GJ_OVERVIEW_PAGE (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) parts = g_strsplit (target, ":", 2);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = NULL;
  GjChart *chart;
  gboolean svg;
  GHashTableIter iter;
  gpointer key;

  if (g_strv_length (parts) != 2)
    return;
  chart = g_hash_table_lookup (self->charts, parts[0]);
  if (chart == NULL)
    return;
  svg = g_str_equal (parts[1], "svg");

  chooser = gtk_file_chooser_native_new (svg ? _("Save Chart as SVG") : _("Save Chart as PNG"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, svg ? _("SVG image") : _("PNG image"));
  gtk_file_filter_add_suffix (filter, svg ? "svg" : "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  suggested = g_strdup_printf ("%s%s%s.%s", self->overview && self->overview->scope_name ? self->overview->scope_name : "",
                               self->overview && self->overview->scope_name ? "-" : "",
                               gj_chart_get_title (chart), svg ? "svg" : "png");
  g_strdelimit (suggested, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  /* The name lives as long as the page (a static key of the table). */
  g_hash_table_iter_init (&iter, self->charts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_equal (key, parts[0]))
      g_object_set_data (G_OBJECT (chooser), "gj-chart", key);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chart_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  GjOverview *overview;
  char       *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  gj_overview_unref (job->overview);
  g_free (job->path);
  g_free (job);
}

/* .xlsx: one workbook, a sheet per table; .csv: one file per table,
 * "<name>-<table>.csv" next to each other. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = g_ascii_strdown (job->path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    {
      g_autofree char *stem = g_strndup (job->path, strlen (job->path) - 4);

      for (guint t = 0; t < GJ_OVERVIEW_N_TABLES; t++)
        {
          g_autofree char *path = g_strdup_printf ("%s-%s.csv", stem, gj_overview_table_to_string (t));

          if (!gj_overview_export_csv (job->overview, t, path, &error))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
        }
      g_task_return_int (task, GJ_OVERVIEW_N_TABLES);
      return;
    }
  if (!gj_overview_export_xlsx (job->overview, job->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, 1);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GjOverviewPage *self = GJ_OVERVIEW_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *base = g_path_get_basename (job->path);
  g_autofree char *text = NULL;

  if (n < 0)
    text = g_strdup (error->message);
  else if (n == 1)
    /* TRANSLATORS: %s is a file name */
    text = g_strdup_printf (_("Exported the tables to “%s”"), base);
  else
    /* TRANSLATORS: %u tables written as CSV files next to %s (the name chosen) */
    text = g_strdup_printf (_("Exported %u tables as CSV files beside “%s”"), (guint) n, base);
  toast (self, text);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GjOverviewPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->overview != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GTask) task = g_task_new (self, NULL, exported_cb, NULL);
      ExportJob *job = g_new0 (ExportJob, 1);
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *lower = g_ascii_strdown (path, -1);
      gboolean csv = filter != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (filter), "gj-suffix"), "csv") == 0;

      /* The filter chosen decides when the name has no known ending. */
      if (!g_str_has_suffix (lower, ".xlsx") && !g_str_has_suffix (lower, ".csv"))
        job->path = g_strconcat (path, csv ? ".csv" : ".xlsx", NULL);
      else
        job->path = g_steal_pointer (&path);
      job->overview = gj_overview_ref (self->overview);
      g_task_set_source_tag (task, export_response_cb);
      g_task_set_task_data (task, job, export_job_free);
      g_task_run_in_thread (task, export_thread);
    }
  g_object_unref (chooser);
}

static void
export_tables_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GjOverviewPage *self = GJ_OVERVIEW_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;

  if (self->overview == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Tables"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (xlsx, _("Excel workbook (.xlsx)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  g_object_set_data (G_OBJECT (xlsx), "gj-suffix", (gpointer) "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_filter_set_name (csv, _("CSV, one file per table (.csv)"));
  gtk_file_filter_add_suffix (csv, "csv");
  g_object_set_data (G_OBJECT (csv), "gj-suffix", (gpointer) "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  /* TRANSLATORS: the suggested file name: the scope, then the day (涧西区概览-2026-11-22.xlsx) */
  suggested = g_strdup_printf (_("%s Overview %s.xlsx"), self->overview->scope_name ? self->overview->scope_name : "",
                               self->overview->today ? self->overview->today : "");
  g_strdelimit (suggested, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
build_menu (GjOverviewPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) tables = g_menu_new ();
  g_autoptr(GMenu) charts = g_menu_new ();
  static const char *order[] = {
    "grids_by_kind", "units_by_kind", "agreements_by_status", "meetings_by_street",
    "meetings_by_month", "problems_by_colour", "problem_funnel",
  };

  g_menu_append (tables, _("Export _Tables…"), "overview.export-tables");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (tables));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GjChart *chart = g_hash_table_lookup (self->charts, order[i]);
      g_autoptr(GMenu) sub = g_menu_new ();
      g_autofree char *png = g_strdup_printf ("overview.save-chart::%s:png", order[i]);
      g_autofree char *svg = g_strdup_printf ("overview.save-chart::%s:svg", order[i]);

      g_assert (chart != NULL);
      g_menu_append (sub, _("Save Chart as _PNG…"), png);
      g_menu_append (sub, _("Save Chart as _SVG…"), svg);
      g_menu_append_submenu (charts, gj_chart_get_title (chart), G_MENU_MODEL (sub));
    }
  g_menu_append_section (menu, _("Charts"), G_MENU_MODEL (charts));
  gtk_menu_button_set_menu_model (self->export_button, G_MENU_MODEL (menu));
}

/* The object ---------------------------------------------------------------------------- */

static void
gj_overview_page_dispose (GObject *object)
{
  GjOverviewPage *self = GJ_OVERVIEW_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->ring_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->overview, gj_overview_unref);
  g_clear_pointer (&self->figures, g_hash_table_unref);
  g_clear_pointer (&self->charts, g_hash_table_unref);
  g_clear_pointer (&self->street_ids, g_array_unref);
  g_clear_pointer (&self->community_ids, g_array_unref);

  G_OBJECT_CLASS (gj_overview_page_parent_class)->dispose (object);
}

static void
gj_overview_page_map (GtkWidget *widget)
{
  GjOverviewPage *self = GJ_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (gj_overview_page_parent_class)->map (widget);
  if (self->pending)
    compute (self);
}

static void
gj_overview_page_class_init (GjOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_overview_page_dispose;
  widget_class->map = gj_overview_page_map;

  /**
   * GjOverviewPage::drill-down:
   * @drill: (transfer none): what the figure counts (GJ_TYPE_DRILL)
   * @title: the figure's caption, for the table's heading
   *
   * A figure, a bar or a gap was clicked (or Enter pressed on it).
   */
  signals[DRILL_DOWN] =
    g_signal_new ("drill-down", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, GJ_TYPE_DRILL | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_STRING);

  g_type_ensure (GJ_TYPE_CHART);
  (void) gj_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, big_spinner);
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, cards);
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, community_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, street_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GjOverviewPage, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, card_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, community_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, street_selected_cb);

  gtk_widget_class_install_action (widget_class, "overview.save-chart", "s", save_chart_action);
  gtk_widget_class_install_action (widget_class, "overview.export-tables", NULL, export_tables_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "overviewpage");
}

static void
gj_overview_page_init (GjOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->street_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->community_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->figures = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->charts = g_hash_table_new (g_str_hash, g_str_equal);
  self->ring_m = GJ_OVERVIEW_DEFAULT_RING_M;

  build_cards (self);
  build_menu (self);
  fill_streets (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export-tables", FALSE);
}

GtkWidget *
gj_overview_page_new (void)
{
  return g_object_new (GJ_TYPE_OVERVIEW_PAGE, NULL);
}

void
gj_overview_page_set_store (GjOverviewPage *self,
                            GjStore        *store)
{
  g_return_if_fail (GJ_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_clear_pointer (&self->overview, gj_overview_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export-tables", FALSE);
  fill_streets (self);
  compute (self);
}

void
gj_overview_page_reload (GjOverviewPage *self)
{
  g_return_if_fail (GJ_IS_OVERVIEW_PAGE (self));

  /* Streets may have come or gone with an import; keep the scope when it
   * still exists. */
  if (self->store != NULL)
    {
      gint64 street = self->street_id, community = self->community_id;

      fill_streets (self);
      gj_overview_page_set_scope (self, street, community);   /* computes */
      return;
    }
  compute (self);
}

GjOverview *
gj_overview_page_get_overview (GjOverviewPage *self)
{
  g_return_val_if_fail (GJ_IS_OVERVIEW_PAGE (self), NULL);
  return self->overview;
}

/* Private ---------------------------------------------------------------------------- */

GtkWidget *
gj_overview_page_get_figure_button (GjOverviewPage *self,
                                    const char     *key)
{
  Figure *f = g_hash_table_lookup (self->figures, key);

  return f ? f->button : NULL;
}

const char *
gj_overview_page_get_figure_text (GjOverviewPage *self,
                                  const char     *key)
{
  Figure *f = g_hash_table_lookup (self->figures, key);

  return f ? gtk_label_get_label (f->value) : NULL;
}

GjChart *
gj_overview_page_get_chart (GjOverviewPage *self,
                            const char     *name)
{
  return g_hash_table_lookup (self->charts, name);
}

static guint
index_of (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return 0;
}

void
gj_overview_page_set_scope (GjOverviewPage *self,
                            gint64          street_id,
                            gint64          community_id)
{
  guint i = index_of (self->street_ids, street_id);

  /* Quietly: one computation for both choices. */
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->street_dropdown, i);
  self->filling = FALSE;
  self->street_id = g_array_index (self->street_ids, gint64, i);
  fill_communities (self);
  i = index_of (self->community_ids, community_id);
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->community_dropdown, i);
  self->filling = FALSE;
  self->community_id = g_array_index (self->community_ids, gint64, i);
  compute (self);
}

GtkDropDown *
gj_overview_page_get_scope_dropdown (GjOverviewPage *self,
                                     gboolean        communities)
{
  return communities ? self->community_dropdown : self->street_dropdown;
}

void
gj_overview_page_set_ring (GjOverviewPage *self,
                           double          ring_m)
{
  self->filling = TRUE;
  gtk_spin_button_set_value (self->ring_spin, ring_m);
  self->filling = FALSE;
  self->ring_m = gtk_spin_button_get_value (self->ring_spin);
  compute (self);
}

gboolean
gj_overview_page_is_busy (GjOverviewPage *self)
{
  return self->busy;
}

guint
gj_overview_page_get_n_gap_rows (GjOverviewPage *self)
{
  return self->n_gap_rows;
}

gboolean
gj_overview_page_save_chart (GjOverviewPage *self,
                             const char     *name,
                             const char     *path,
                             GError        **error)
{
  GjChart *chart = g_hash_table_lookup (self->charts, name);
  g_autofree char *title = NULL;
  gboolean ok;

  g_return_val_if_fail (chart != NULL, FALSE);

  /* The file says which scope it shows; the screen has the chooser for it. */
  if (self->overview != NULL && self->overview->scope_name != NULL)
    {
      title = g_strdup (gj_chart_get_title (chart));
      {
        /* TRANSLATORS: a saved chart's heading: the scope, then the chart's title */
        g_autofree char *full = g_strdup_printf (_("%s: %s"), self->overview->scope_name, title);

        gj_chart_set_title (chart, full);
      }
    }
  ok = gj_chart_save (chart, path, 900, error);
  if (title != NULL)
    gj_chart_set_title (chart, title);
  return ok;
}
