/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "gj-month-view-private.h"
#include "gj-recurrence.h"

/* Six weeks, Monday first: every month fits, and the grid does not jump
 * in height from month to month. */
#define N_WEEKS    6
#define CELL_PAD   4.0
#define CHIP_GAP   2.0
#define MIN_CELL_W 56
#define MIN_CELL_H 48

struct _GjMonthView
{
  GtkWidget   parent_instance;

  GDate       month;     /* the 1st of the month shown */
  GDate       selected;
  GDate       today;
  GListModel *occurrences;
  /* julian day → GPtrArray of GjOccurrence (borrowed from occurrences),
   * by start. */
  GHashTable *by_day;

  /* Layout of the last allocation. */
  double      header_h;
  double      day_h;
  double      chip_h;
};

enum {
  PROP_0,
  PROP_MONTH,
  PROP_SELECTED_DATE,
  N_PROPS
};

enum {
  DAY_ACTIVATED,
  OCCURRENCE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GjMonthView, gj_month_view, GTK_TYPE_WIDGET)

/* Dates ------------------------------------------------------------------------ */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The first day drawn: the Monday on or before the 1st. */
static void
first_shown (GjMonthView *self,
             GDate       *first)
{
  *first = self->month;
  g_date_subtract_days (first, g_date_get_weekday (first) - G_DATE_MONDAY);
}

/* Row and column of @date in the grid; FALSE when it is not shown. */
static gboolean
date_cell (GjMonthView *self,
           const GDate *date,
           int         *row,
           int         *column)
{
  GDate first;
  int offset;

  first_shown (self, &first);
  offset = (int) g_date_get_julian (date) - (int) g_date_get_julian (&first);
  if (offset < 0 || offset >= N_WEEKS * 7)
    return FALSE;
  *row = offset / 7;
  *column = offset % 7;
  return TRUE;
}

static void
cell_date (GjMonthView *self,
           int          row,
           int          column,
           GDate       *date)
{
  first_shown (self, date);
  g_date_add_days (date, row * 7 + column);
}

/* Layout ----------------------------------------------------------------------- */

static gboolean
is_rtl (GjMonthView *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

static void
cell_rect (GjMonthView     *self,
           int              row,
           int              column,
           graphene_rect_t *rect)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double cell_w = width / 7.0;
  double cell_h = (height - self->header_h) / N_WEEKS;
  int shown_column = is_rtl (self) ? 6 - column : column;

  graphene_rect_init (rect, floor (shown_column * cell_w), floor (self->header_h + row * cell_h),
                      floor ((shown_column + 1) * cell_w) - floor (shown_column * cell_w),
                      floor (self->header_h + (row + 1) * cell_h) - floor (self->header_h + row * cell_h));
}

/* How many chips fit in a cell of @cell, counting the "+N" line. */
static guint
chip_slots (GjMonthView           *self,
            const graphene_rect_t *cell)
{
  double room = cell->size.height - self->day_h - CELL_PAD;

  if (room < self->chip_h)
    return 0;
  return (guint) ((room + CHIP_GAP) / (self->chip_h + CHIP_GAP));
}

static void
chip_rect (GjMonthView           *self,
           const graphene_rect_t *cell,
           guint                  index,
           graphene_rect_t       *rect)
{
  graphene_rect_init (rect, cell->origin.x + CELL_PAD / 2,
                      cell->origin.y + self->day_h + index * (self->chip_h + CHIP_GAP),
                      cell->size.width - CELL_PAD, self->chip_h);
}

static GPtrArray *
day_list (GjMonthView *self,
          const GDate *date)
{
  return g_hash_table_lookup (self->by_day, GUINT_TO_POINTER (g_date_get_julian (date)));
}

/* How many chips of @n are drawn in @slots lines: all when they fit, else
 * one line less, for the "+N". */
static guint
chips_drawn (guint n,
             guint slots)
{
  if (n <= slots)
    return n;
  return slots > 0 ? slots - 1 : 0;
}

/* Colours -------------------------------------------------------------------------- */

static void
lookup_color (GjMonthView *self,
              const char  *name,
              const char  *fallback,
              GdkRGBA     *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

/* The colours follow the libadwaita palette; the meaning is in the legend
 * of the page and in the chip's text for screen readers. */
static void
status_color (GjMeetingStatus  status,
              GdkRGBA         *color)
{
  const char *spec;

  switch (status)
    {
    case GJ_MEETING_STATUS_DRAFT:
      spec = "#9a9996";
      break;
    case GJ_MEETING_STATUS_HELD:
      spec = "#e66100";
      break;
    case GJ_MEETING_STATUS_MINUTED:
      spec = "#9141ac";
      break;
    case GJ_MEETING_STATUS_CLOSED:
      spec = "#26a269";
      break;
    case GJ_MEETING_STATUS_CANCELLED:
      spec = "#77767b";
      break;
    case GJ_MEETING_STATUS_SCHEDULED:
    case GJ_MEETING_STATUS_INVALID:
    default:
      spec = "#3584e4";
      break;
    }
  gdk_rgba_parse (color, spec);
}

static GjMeetingStatus
occurrence_status (GjOccurrence *occurrence)
{
  if (gj_occurrence_is_cancelled (occurrence))
    return GJ_MEETING_STATUS_CANCELLED;
  return gj_meeting_get_status (gj_occurrence_get_meeting (occurrence));
}

/* Drawing ---------------------------------------------------------------------------- */

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static char *
chip_text (GjOccurrence *occurrence)
{
  const char *starts = gj_occurrence_get_starts_at (occurrence);
  const char *title = gj_occurrence_get_title (occurrence);

  if (title == NULL || *title == '\0')
    title = _("Joint meeting");
  if (!gj_occurrence_get_all_day (occurrence) && starts != NULL && strlen (starts) >= 16)
    return g_strdup_printf ("%.5s %s", starts + 11, title);
  return g_strdup (title);
}

static void
draw_chip (GjMonthView           *self,
           GtkSnapshot           *snapshot,
           GjOccurrence          *occurrence,
           const graphene_rect_t *rect)
{
  GjMeetingStatus status = occurrence_status (occurrence);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = chip_text (occurrence);
  GskRoundedRect rounded;
  GdkRGBA background, foreground = { 1, 1, 1, 1 };
  int text_w, text_h;

  status_color (status, &background);
  if (status == GJ_MEETING_STATUS_DRAFT || status == GJ_MEETING_STATUS_CANCELLED)
    {
      /* Not (or no longer) happening: an outline, not a block. */
      foreground = background;
      background.alpha = 0.18;
    }

  gsk_rounded_rect_init_from_rect (&rounded, rect, 4);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &background, rect);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_set_width (layout, (int) ((rect->size.width - 8) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (status == GJ_MEETING_STATUS_CANCELLED)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  append_text (snapshot, layout, rect->origin.x + 4, rect->origin.y + (rect->size.height - text_h) / 2,
               &foreground);
  gtk_snapshot_pop (snapshot);
}

static void
gj_month_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GjMonthView *self = GJ_MONTH_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  gboolean focused = gtk_widget_has_focus (widget);
  GdkRGBA fg, dim, line, accent, accent_fg, weekend, selected_bg;
  g_autoptr(GDateTime) monday = g_date_time_new_local (2024, 1, 1, 0, 0, 0);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dim = fg;
  dim.alpha *= 0.45;
  line = fg;
  line.alpha *= 0.12;
  weekend = fg;
  weekend.alpha *= 0.03;
  lookup_color (self, "accent_bg_color", "#3584e4", &accent);
  lookup_color (self, "accent_fg_color", "#ffffff", &accent_fg);
  selected_bg = accent;
  selected_bg.alpha = 0.14;

  /* The weekday names, as the locale abbreviates them (周一, Mon). */
  for (int column = 0; column < 7; column++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, column);
      /* Translators: a weekday over the month's columns, a
       * g_date_time_format() string; in Chinese "周%a" (周一). */
      g_autofree char *name = g_date_time_format (day, C_("weekday header", "%a"));
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, name);
      graphene_rect_t cell;
      int text_w, text_h;

      cell_rect (self, 0, column, &cell);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      append_text (snapshot, layout, cell.origin.x + (cell.size.width - text_w) / 2,
                   (self->header_h - text_h) / 2, &dim);
    }
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, self->header_h - 1, width, 1));

  for (int row = 0; row < N_WEEKS; row++)
    for (int column = 0; column < 7; column++)
      {
        graphene_rect_t cell;
        GDate date;
        GPtrArray *list;
        gboolean in_month, is_today, is_selected;
        g_autofree char *number = NULL;
        g_autoptr(PangoLayout) layout = NULL;
        guint slots, drawn, n;
        int text_w, text_h;

        cell_rect (self, row, column, &cell);
        cell_date (self, row, column, &date);
        in_month = g_date_get_month (&date) == g_date_get_month (&self->month);
        is_today = g_date_valid (&self->today) && g_date_compare (&date, &self->today) == 0;
        is_selected = g_date_compare (&date, &self->selected) == 0;

        if (column >= 5)
          gtk_snapshot_append_color (snapshot, &weekend, &cell);
        if (is_selected)
          gtk_snapshot_append_color (snapshot, &selected_bg, &cell);
        /* Lines to the right and below each cell. */
        gtk_snapshot_append_color (snapshot, &line,
                                   &GRAPHENE_RECT_INIT (cell.origin.x + cell.size.width - 1, cell.origin.y, 1, cell.size.height));
        gtk_snapshot_append_color (snapshot, &line,
                                   &GRAPHENE_RECT_INIT (cell.origin.x, cell.origin.y + cell.size.height - 1, cell.size.width, 1));

        number = g_strdup_printf ("%u", g_date_get_day (&date));
        layout = gtk_widget_create_pango_layout (widget, number);
        pango_layout_get_pixel_size (layout, &text_w, &text_h);
        if (is_today)
          {
            double d = MAX (text_w, text_h) + 4;
            GskRoundedRect circle;

            gsk_rounded_rect_init_from_rect (&circle,
                                             &GRAPHENE_RECT_INIT (cell.origin.x + CELL_PAD, cell.origin.y + 2, d, d),
                                             d / 2);
            gtk_snapshot_push_rounded_clip (snapshot, &circle);
            gtk_snapshot_append_color (snapshot, &accent, &circle.bounds);
            gtk_snapshot_pop (snapshot);
            append_text (snapshot, layout, cell.origin.x + CELL_PAD + (d - text_w) / 2,
                         cell.origin.y + 2 + (d - text_h) / 2, &accent_fg);
          }
        else
          append_text (snapshot, layout, cell.origin.x + CELL_PAD + 2, cell.origin.y + 4,
                       in_month ? &fg : &dim);

        list = day_list (self, &date);
        n = list != NULL ? list->len : 0;
        slots = chip_slots (self, &cell);
        drawn = chips_drawn (n, slots);
        for (guint i = 0; i < drawn; i++)
          {
            graphene_rect_t rect;

            chip_rect (self, &cell, i, &rect);
            draw_chip (self, snapshot, g_ptr_array_index (list, i), &rect);
          }
        if (drawn < n)
          {
            /* Translators: more meetings on a day than fit in its cell. */
            g_autofree char *more = g_strdup_printf (ngettext ("+%u more", "+%u more", n - drawn), n - drawn);
            g_autoptr(PangoLayout) more_layout = gtk_widget_create_pango_layout (widget, more);
            graphene_rect_t rect;

            chip_rect (self, &cell, drawn, &rect);
            pango_layout_set_width (more_layout, (int) ((rect.size.width - 8) * PANGO_SCALE));
            pango_layout_set_ellipsize (more_layout, PANGO_ELLIPSIZE_END);
            append_text (snapshot, more_layout, rect.origin.x + 4, rect.origin.y, &fg);
          }

        if (is_selected && focused)
          {
            GskRoundedRect border;
            const float widths[4] = { 2, 2, 2, 2 };
            const GdkRGBA colors[4] = { accent, accent, accent, accent };

            gsk_rounded_rect_init_from_rect (&border, &GRAPHENE_RECT_INIT (cell.origin.x, cell.origin.y,
                                                                           cell.size.width - 1, cell.size.height - 1), 0);
            gtk_snapshot_append_border (snapshot, &border, widths, colors);
          }
      }
  (void) height;
}

/* Size ----------------------------------------------------------------------------- */

static void
update_metrics (GjMonthView *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "9月周");
  int text_w, text_h;

  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  self->header_h = text_h + 10;
  self->day_h = text_h + 8;
  self->chip_h = text_h + 4;
}

static void
gj_month_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  GjMonthView *self = GJ_MONTH_VIEW (widget);

  update_metrics (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 7 * MIN_CELL_W;
      *natural = 7 * 130;
    }
  else
    {
      *minimum = (int) self->header_h + N_WEEKS * MAX (MIN_CELL_H, (int) (self->day_h + self->chip_h + CELL_PAD));
      *natural = (int) self->header_h + N_WEEKS * (int) (self->day_h + 3 * (self->chip_h + CHIP_GAP) + CELL_PAD);
    }
}

static void
gj_month_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  update_metrics (GJ_MONTH_VIEW (widget));
}

static void
gj_month_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (gj_month_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_resize (widget);
}

static void
gj_month_view_state_flags_changed (GtkWidget     *widget,
                                   GtkStateFlags  previous)
{
  gtk_widget_queue_draw (widget);
}

/* Selection ------------------------------------------------------------------------- */

static void
set_selected (GjMonthView *self,
              const GDate *date)
{
  gboolean month_changed;

  if (!g_date_valid (date) || g_date_compare (date, &self->selected) == 0)
    return;
  self->selected = *date;
  month_changed = g_date_get_month (date) != g_date_get_month (&self->month)
                  || g_date_get_year (date) != g_date_get_year (&self->month);
  if (month_changed)
    g_date_set_dmy (&self->month, 1, g_date_get_month (date), g_date_get_year (date));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_DATE]);
  if (month_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
}

static void
emit_day_activated (GjMonthView *self)
{
  g_autofree char *date = format_date (&self->selected);
  GdkRectangle area = { 0, 0, 0, 0 };
  graphene_rect_t cell;
  int row, column;

  if (date_cell (self, &self->selected, &row, &column))
    {
      cell_rect (self, row, column, &cell);
      area.x = (int) cell.origin.x;
      area.y = (int) cell.origin.y;
      area.width = (int) cell.size.width;
      area.height = (int) cell.size.height;
    }
  g_signal_emit (self, signals[DAY_ACTIVATED], 0, date, &area);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GjMonthView *self = GJ_MONTH_VIEW (widget);
  int days = g_variant_get_int32 (parameter);
  GDate date = self->selected;

  /* Left and right follow the reading direction. */
  if (is_rtl (self) && (days == 1 || days == -1))
    days = -days;
  if (days > 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  set_selected (self, &date);
}

static void
shift_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gj_month_view_shift_month (GJ_MONTH_VIEW (widget), g_variant_get_int32 (parameter));
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gj_month_view_go_today (GJ_MONTH_VIEW (widget));
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GjMonthView *self = GJ_MONTH_VIEW (widget);
  gboolean always_new = g_variant_get_boolean (parameter);
  GPtrArray *list = day_list (self, &self->selected);

  if (!always_new && list != NULL && list->len > 0)
    g_signal_emit (self, signals[OCCURRENCE_ACTIVATED], 0, g_ptr_array_index (list, 0));
  else
    emit_day_activated (self);
}

/* Pointer ------------------------------------------------------------------------------ */

void
gj_month_view_click (GjMonthView *self,
                     double       x,
                     double       y)
{
  g_return_if_fail (GJ_IS_MONTH_VIEW (self));

  for (int row = 0; row < N_WEEKS; row++)
    for (int column = 0; column < 7; column++)
      {
        graphene_rect_t cell;
        GDate date;
        GPtrArray *list;
        guint drawn;

        cell_rect (self, row, column, &cell);
        if (!graphene_rect_contains_point (&cell, &GRAPHENE_POINT_INIT (x, y)))
          continue;
        cell_date (self, row, column, &date);
        list = day_list (self, &date);
        drawn = list != NULL ? chips_drawn (list->len, chip_slots (self, &cell)) : 0;
        for (guint i = 0; i < drawn; i++)
          {
            graphene_rect_t rect;

            chip_rect (self, &cell, i, &rect);
            if (graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (x, y)))
              {
                /* Selecting a day of another month reloads the
                 * occurrences, and @list with them: hold on to it. */
                g_autoptr(GjOccurrence) occurrence = g_object_ref (g_ptr_array_index (list, i));

                set_selected (self, &date);
                g_signal_emit (self, signals[OCCURRENCE_ACTIVATED], 0, occurrence);
                return;
              }
          }
        set_selected (self, &date);
        emit_day_activated (self);
        return;
      }
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  GjMonthView     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 1)
    gj_month_view_click (self, x, y);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           GjMonthView              *self)
{
  if (dy > 0.5)
    gj_month_view_shift_month (self, 1);
  else if (dy < -0.5)
    gj_month_view_shift_month (self, -1);
  else
    return FALSE;
  return TRUE;
}

/* Data --------------------------------------------------------------------------------- */

static void
rebuild_days (GjMonthView *self)
{
  guint n = self->occurrences != NULL ? g_list_model_get_n_items (self->occurrences) : 0;

  g_hash_table_remove_all (self->by_day);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjOccurrence) occurrence = g_list_model_get_item (self->occurrences, i);
      GDate date;
      GPtrArray *list;

      if (!parse_date (gj_occurrence_get_starts_at (occurrence), &date))
        continue;
      list = g_hash_table_lookup (self->by_day, GUINT_TO_POINTER (g_date_get_julian (&date)));
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->by_day, GUINT_TO_POINTER (g_date_get_julian (&date)), list);
        }
      /* The list holds the model's items: the model outlives the table. */
      g_ptr_array_add (list, occurrence);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject ------------------------------------------------------------------------------ */

static void
gj_month_view_dispose (GObject *object)
{
  GjMonthView *self = GJ_MONTH_VIEW (object);

  g_hash_table_remove_all (self->by_day);
  g_clear_object (&self->occurrences);

  G_OBJECT_CLASS (gj_month_view_parent_class)->dispose (object);
}

static void
gj_month_view_finalize (GObject *object)
{
  GjMonthView *self = GJ_MONTH_VIEW (object);

  g_clear_pointer (&self->by_day, g_hash_table_unref);

  G_OBJECT_CLASS (gj_month_view_parent_class)->finalize (object);
}

static void
gj_month_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GjMonthView *self = GJ_MONTH_VIEW (object);

  switch (prop_id)
    {
    case PROP_MONTH:
      g_value_take_string (value, gj_month_view_dup_month (self));
      break;
    case PROP_SELECTED_DATE:
      g_value_take_string (value, gj_month_view_dup_selected_date (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_month_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GjMonthView *self = GJ_MONTH_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_DATE:
      gj_month_view_select_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_month_view_class_init (GjMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_month_view_dispose;
  object_class->finalize = gj_month_view_finalize;
  object_class->get_property = gj_month_view_get_property;
  object_class->set_property = gj_month_view_set_property;

  widget_class->snapshot = gj_month_view_snapshot;
  widget_class->measure = gj_month_view_measure;
  widget_class->size_allocate = gj_month_view_size_allocate;
  widget_class->css_changed = gj_month_view_css_changed;
  widget_class->state_flags_changed = gj_month_view_state_flags_changed;

  properties[PROP_MONTH] =
    g_param_spec_string ("month", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_DATE] =
    g_param_spec_string ("selected-date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GjMonthView::day-activated:
   * @date: the day, "YYYY-MM-DD"
   * @area: (type GdkRectangle): the day's cell, to point a popover at
   */
  signals[DAY_ACTIVATED] =
    g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, GDK_TYPE_RECTANGLE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * GjMonthView::occurrence-activated:
   * @occurrence: the GjOccurrence clicked, or the selected day's first
   */
  signals[OCCURRENCE_ACTIVATED] =
    g_signal_new ("occurrence-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GJ_TYPE_OCCURRENCE);

  gtk_widget_class_install_action (widget_class, "month.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "month.shift", "i", shift_action);
  gtk_widget_class_install_action (widget_class, "month.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "month.activate", "b", activate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "month.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "month.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "month.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "month.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "month.move", "i", -7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "month.move", "i", -7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "month.move", "i", 7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "month.move", "i", 7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "month.shift", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Up, 0, "month.shift", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "month.shift", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Down, 0, "month.shift", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "month.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "month.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "month.activate", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "month.activate", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "month.activate", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK, "month.activate", "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_SHIFT_MASK, "month.activate", "b", TRUE);

  gtk_widget_class_set_css_name (widget_class, "monthview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
gj_month_view_init (GjMonthView *self)
{
  GtkGesture *click;
  GtkEventController *scroll;

  self->by_day = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gj_month_view_set_today (self, NULL);
  self->selected = self->today;
  g_date_set_dmy (&self->month, 1, g_date_get_month (&self->today), g_date_get_year (&self->today));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  update_metrics (self);
}

/* Public ------------------------------------------------------------------------------- */

GtkWidget *
gj_month_view_new (void)
{
  return g_object_new (GJ_TYPE_MONTH_VIEW, NULL);
}

void
gj_month_view_select_date (GjMonthView *self,
                           const char  *date)
{
  GDate parsed;

  g_return_if_fail (GJ_IS_MONTH_VIEW (self));

  if (parse_date (date, &parsed))
    set_selected (self, &parsed);
}

char *
gj_month_view_dup_selected_date (GjMonthView *self)
{
  g_return_val_if_fail (GJ_IS_MONTH_VIEW (self), NULL);
  return format_date (&self->selected);
}

char *
gj_month_view_dup_month (GjMonthView *self)
{
  g_return_val_if_fail (GJ_IS_MONTH_VIEW (self), NULL);
  return format_date (&self->month);
}

char *
gj_month_view_dup_title (GjMonthView *self)
{
  g_autoptr(GDateTime) first = NULL;

  g_return_val_if_fail (GJ_IS_MONTH_VIEW (self), NULL);

  first = g_date_time_new_local (g_date_get_year (&self->month), g_date_get_month (&self->month), 1, 0, 0, 0);
  /* Translators: the month view's title, a g_date_time_format() string;
   * in Chinese "%Y年%-m月". */
  return g_date_time_format (first, C_("month title", "%B %Y"));
}

void
gj_month_view_dup_range (GjMonthView  *self,
                         char        **from,
                         char        **to)
{
  GDate first, last;

  g_return_if_fail (GJ_IS_MONTH_VIEW (self));

  first_shown (self, &first);
  last = first;
  g_date_add_days (&last, N_WEEKS * 7 - 1);
  if (from != NULL)
    *from = format_date (&first);
  if (to != NULL)
    *to = format_date (&last);
}

void
gj_month_view_shift_month (GjMonthView *self,
                           int          months)
{
  GDate date;
  guint day;

  g_return_if_fail (GJ_IS_MONTH_VIEW (self));

  /* The same day of the other month, or its last day (31 → 30). */
  day = g_date_get_day (&self->selected);
  g_date_set_dmy (&date, 1, g_date_get_month (&self->month), g_date_get_year (&self->month));
  if (months > 0)
    g_date_add_months (&date, months);
  else if (months < 0)
    g_date_subtract_months (&date, -months);
  day = MIN (day, g_date_get_days_in_month (g_date_get_month (&date), g_date_get_year (&date)));
  g_date_set_day (&date, day);
  set_selected (self, &date);
}

void
gj_month_view_go_today (GjMonthView *self)
{
  g_return_if_fail (GJ_IS_MONTH_VIEW (self));
  set_selected (self, &self->today);
}

void
gj_month_view_set_occurrences (GjMonthView *self,
                               GListModel  *occurrences)
{
  g_return_if_fail (GJ_IS_MONTH_VIEW (self));
  g_return_if_fail (occurrences == NULL || G_IS_LIST_MODEL (occurrences));

  /* The table borrows the items: empty it before the model goes. */
  g_hash_table_remove_all (self->by_day);
  g_set_object (&self->occurrences, occurrences);
  rebuild_days (self);
}

void
gj_month_view_set_today (GjMonthView *self,
                         const char  *today)
{
  g_return_if_fail (GJ_IS_MONTH_VIEW (self));

  if (!parse_date (today, &self->today))
    {
      g_autoptr(GDate) now = gj_today ();

      self->today = *now;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Private, for the tests ------------------------------------------------------------------ */

guint
gj_month_view_get_n_chips_on_day (GjMonthView *self,
                                  const char  *date)
{
  GDate parsed;
  GPtrArray *list;

  g_return_val_if_fail (GJ_IS_MONTH_VIEW (self), 0);

  if (!parse_date (date, &parsed))
    return 0;
  list = day_list (self, &parsed);
  return list != NULL ? list->len : 0;
}

GjOccurrence *
gj_month_view_get_chip (GjMonthView *self,
                        const char  *date,
                        guint        index)
{
  GDate parsed;
  GPtrArray *list;

  g_return_val_if_fail (GJ_IS_MONTH_VIEW (self), NULL);

  if (!parse_date (date, &parsed))
    return NULL;
  list = day_list (self, &parsed);
  if (list == NULL || index >= list->len)
    return NULL;
  return g_ptr_array_index (list, index);
}

gboolean
gj_month_view_get_day_point (GjMonthView *self,
                             const char  *date,
                             double      *x,
                             double      *y)
{
  GDate parsed;
  graphene_rect_t cell;
  int row, column;

  g_return_val_if_fail (GJ_IS_MONTH_VIEW (self), FALSE);

  if (!parse_date (date, &parsed) || !date_cell (self, &parsed, &row, &column))
    return FALSE;
  cell_rect (self, row, column, &cell);
  /* The lower right corner: below any chip that fits. */
  *x = cell.origin.x + cell.size.width - 3;
  *y = cell.origin.y + cell.size.height - 3;
  return TRUE;
}

gboolean
gj_month_view_get_chip_point (GjMonthView *self,
                              const char  *date,
                              guint        index,
                              double      *x,
                              double      *y)
{
  GDate parsed;
  graphene_rect_t cell, rect;
  GPtrArray *list;
  int row, column;

  g_return_val_if_fail (GJ_IS_MONTH_VIEW (self), FALSE);

  if (!parse_date (date, &parsed) || !date_cell (self, &parsed, &row, &column))
    return FALSE;
  list = day_list (self, &parsed);
  cell_rect (self, row, column, &cell);
  if (list == NULL || index >= chips_drawn (list->len, chip_slots (self, &cell)))
    return FALSE;
  chip_rect (self, &cell, index, &rect);
  *x = rect.origin.x + rect.size.width / 2;
  *y = rect.origin.y + rect.size.height / 2;
  return TRUE;
}
