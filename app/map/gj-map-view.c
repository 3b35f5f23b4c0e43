/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "gj-map-legend-item.h"
#include "gj-map-private.h"
#include "gj-map-view-private.h"
#include "gj-records.h"
#include "gj-resources.h"
#include "gj-edit-layer.h"
#include "gj-problem-layer.h"
#include "gj-selection-layer.h"
#include "gj-tile-layer.h"

/* A station counts as clicked within this many pixels of its dot. */
#define STATION_HIT_RADIUS 8.0
/* Pointer motion is looked up at most this often. */
#define HOVER_INTERVAL_MS 40
#define MIN_ZOOM 3
#define MAX_ZOOM 19
/* Pixels kept free around the district when fitting it in. */
#define FIT_PADDING 24

struct _GjMapView
{
  GtkWidget          parent_instance;

  /* Template widgets. */
  ShumateCompass    *compass;
  GtkBox            *controls;
  GtkBox            *legend_box;
  GtkListBox        *legend_list;
  GtkLabel          *legend_title;
  ShumateMap        *map;
  GtkOverlay        *overlay;
  ShumateScale      *scale;

  GjStore           *store;
  GjBasemapSource   *basemap;
  GjGridSource      *grids;
  GjTileLayer       *basemap_layer;
  GjTileLayer       *grid_layer;
  GjSelectionLayer  *selection_layer;
  GjEditLayer       *edit_layer;
  /* The problem wall's pins, hidden (and empty) until asked for. */
  GjProblemLayer    *problem_layer;
  gboolean           show_problems;

  /* Under the grids: the offline basemap, or raster tiles (NULL: none). */
  GjRasterBasemap   *raster;
  GjBasemapKind      basemap_kind;
  char              *basemap_arg;
  ShumateLicense    *license;

  GListStore        *legend;
  gboolean           show_legend;
  gboolean           show_overlays;
  gboolean           zoom_to_extent_pending;
  /* gj_map_view_show_extent() before the view had a size. */
  gboolean           show_extent_pending;
  GjBBox             pending_extent;

  double             hover_x, hover_y;
  guint              hover_id;
};

G_DEFINE_FINAL_TYPE (GjMapView, gj_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_THEME,
  PROP_SELECTED,
  PROP_SHOW_LEGEND,
  PROP_SHOW_PROBLEMS,
  N_PROPS
};

enum {
  RECORD_ACTIVATED,
  BASEMAP_FAILED,
  PROBLEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static ShumateViewport *
get_viewport (GjMapView *self)
{
  return shumate_map_get_viewport (self->map);
}

static void
update_legend (GjMapView *self)
{
  g_autoptr(GListModel) items = gj_grid_source_dup_legend (self->grids);
  guint n = g_list_model_get_n_items (items);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (items, i));
  g_list_store_splice (self->legend, 0, g_list_model_get_n_items (G_LIST_MODEL (self->legend)),
                       array->pdata, array->len);
  gtk_label_set_label (self->legend_title, gj_map_theme_get_title (gj_grid_source_get_theme (self->grids)));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GjMapLegendItem *item = user_data;

  gdk_cairo_set_source_rgba (cr, gj_map_legend_item_get_color (item));
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static GtkWidget *
create_legend_row (gpointer item,
                   gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (gj_map_legend_item_get_label (item));

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  g_object_ref (item), g_object_unref);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  return box;
}

static void
apply_dark (GjMapView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gj_basemap_source_set_dark (self->basemap, dark);
  gj_grid_source_set_dark (self->grids, dark);
  gj_selection_layer_set_dark (self->selection_layer, dark);
  gj_edit_layer_set_dark (self->edit_layer, dark);
}

/* With raster tiles under them the grid tiles are transparent, and the
 * offline basemap is drawn beneath only where those have gaps (a failed
 * download, a tile the file lacks), so the map is never an empty grey.
 * Without, the grid tiles carry the offline basemap themselves. */
static void
update_basemap_layers (GjMapView *self)
{
  gboolean raster = self->raster != NULL;

  gj_grid_source_set_basemap (self->grids, self->basemap, !raster);
  gj_tile_layer_set_fallback (self->grid_layer, raster ? NULL : GJ_TILE_SOURCE (self->basemap));
  gtk_widget_set_visible (GTK_WIDGET (self->basemap_layer),
                          raster ? gj_raster_basemap_get_has_gaps (self->raster) : !self->show_overlays);
  gtk_widget_set_visible (GTK_WIDGET (self->license), raster);
}

static void
raster_failed_cb (GjRasterBasemap *raster,
                  const char      *message,
                  GjMapView       *self)
{
  g_signal_emit (self, signals[BASEMAP_FAILED], 0, message);
}

/* Fitting a box needs the widget's size: until it has one, the fit waits
 * for size_allocate. */
static gboolean
fit_bbox_padded (GjMapView    *self,
                 const GjBBox *bbox,
                 int           width,
                 int           height,
                 int           padding,
                 gboolean      animate)
{
  double dx, dy, zoom, lon, lat, y0, y1;

  if (width <= 2 * padding || height <= 2 * padding || width <= 1 || height <= 1)
    return FALSE;

  dx = gj_map_lon_to_x (bbox->max_x, 0) - gj_map_lon_to_x (bbox->min_x, 0);
  y0 = gj_map_lat_to_y (bbox->max_y, 0);
  y1 = gj_map_lat_to_y (bbox->min_y, 0);
  dy = y1 - y0;
  zoom = MAX_ZOOM - 2;
  if (dx > 0 || dy > 0)
    zoom = MIN (dx > 0 ? log2 ((width - 2 * padding) / dx) : MAX_ZOOM,
                dy > 0 ? log2 ((height - 2 * padding) / dy) : MAX_ZOOM);
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM - 1);
  lon = (bbox->min_x + bbox->max_x) / 2;
  lat = gj_map_y_to_lat ((y0 + y1) / 2, 0);

  if (animate && gtk_widget_get_mapped (GTK_WIDGET (self)))
    shumate_map_go_to_full (self->map, lat, lon, zoom);
  else
    {
      shumate_viewport_set_zoom_level (get_viewport (self), zoom);
      shumate_location_set_location (SHUMATE_LOCATION (get_viewport (self)), lat, lon);
    }
  return TRUE;
}

static gboolean
fit_bbox (GjMapView    *self,
          const GjBBox *bbox,
          int           width,
          int           height,
          gboolean      animate)
{
  return fit_bbox_padded (self, bbox, width, height, FIT_PADDING, animate);
}

static void
try_zoom_to_extent (GjMapView *self,
                    int        width,
                    int        height,
                    gboolean   animate)
{
  g_autoptr(GError) error = NULL;
  GjBBox extent;

  if (self->store == NULL)
    return;
  if (!gj_store_get_extent (self->store, &extent, &error))
    {
      if (error != NULL)
        g_warning ("Cannot read the district's extent: %s", error->message);
      self->zoom_to_extent_pending = FALSE;
      return;
    }
  self->zoom_to_extent_pending = !fit_bbox (self, &extent, width, height, animate);
}

/* Hit-testing, in map widget coordinates. */
static GjRecord *
station_at (GjMapView *self,
            double     x,
            double     y)
{
  ShumateViewport *viewport = get_viewport (self);
  GtkWidget *map = GTK_WIDGET (self->map);
  g_autoptr(GListModel) stations = NULL;
  GjRecord *best = NULL;
  double best_d2 = STATION_HIT_RADIUS * STATION_HIT_RADIUS;
  double lat0, lon0, lat1, lon1;
  GjBBox box;

  /* Rotation aside, the two corners give the box; take both extremes. */
  shumate_viewport_widget_coords_to_location (viewport, map, x - STATION_HIT_RADIUS, y - STATION_HIT_RADIUS, &lat0, &lon0);
  shumate_viewport_widget_coords_to_location (viewport, map, x + STATION_HIT_RADIUS, y + STATION_HIT_RADIUS, &lat1, &lon1);
  box.min_x = MIN (lon0, lon1);
  box.max_x = MAX (lon0, lon1);
  box.min_y = MIN (lat0, lat1);
  box.max_y = MAX (lat0, lat1);

  stations = gj_store_list_in_bbox (self->store, GJ_TYPE_STATION, &box, GJ_STORE_LIST_NO_GEOMETRY, NULL);
  for (guint i = 0; stations != NULL && i < g_list_model_get_n_items (stations); i++)
    {
      g_autoptr(GjRecord) station = g_list_model_get_item (stations, i);
      double sx, sy, d2;

      shumate_viewport_location_to_widget_coords (viewport, map,
                                                  gj_record_get_real (station, "lat"),
                                                  gj_record_get_real (station, "lon"), &sx, &sy);
      d2 = (sx - x) * (sx - x) + (sy - y) * (sy - y);
      if (d2 <= best_d2)
        {
          best_d2 = d2;
          g_set_object (&best, station);
        }
    }
  return best;
}

static GjRecord *
grid_at (GjMapView *self,
         double     x,
         double     y)
{
  g_autoptr(GError) error = NULL;
  double lat, lon;
  GjGrid *grid;

  shumate_viewport_widget_coords_to_location (get_viewport (self), GTK_WIDGET (self->map), x, y, &lat, &lon);
  grid = gj_store_find_grid_at (self->store, lon, lat, &error);
  if (error != NULL)
    g_warning ("Cannot look up the grid under the pointer: %s", error->message);
  return GJ_RECORD (grid);
}

static GjRecord *
record_at_map_coords (GjMapView *self,
                      double     x,
                      double     y)
{
  GjRecord *record;

  if (self->store == NULL || !self->show_overlays)
    return NULL;
  record = station_at (self, x, y);
  if (record == NULL)
    record = grid_at (self, x, y);
  return record;
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  GjMapView       *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GjMapView       *self)
{
  g_autoptr(GjRecord) record = NULL;

  /* The second click of a double click zooms (ShumateMap does that);
   * while a shape is edited, clicks belong to the edit layer. */
  if (n_press != 1 || gj_edit_layer_get_mode (self->edit_layer) != GJ_EDIT_MODE_NONE)
    return;

  /* A problem's pin lies over the grid under it. */
  if (self->show_problems && self->store != NULL)
    {
      gint64 problem_id = gj_problem_layer_pick (self->problem_layer, x, y);

      if (problem_id != 0)
        {
          g_autoptr(GjRecord) problem = gj_store_get (self->store, GJ_TYPE_PROBLEM, problem_id, NULL);

          if (problem != NULL)
            {
              g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, problem);
              return;
            }
        }
    }

  record = record_at_map_coords (self, x, y);
  gj_map_view_select_record (self, record);
  if (record != NULL)
    g_signal_emit (self, signals[RECORD_ACTIVATED], 0, record);
}

static gboolean
hover_cb (gpointer user_data)
{
  GjMapView *self = user_data;
  g_autoptr(GjRecord) grid = NULL;
  GjRecord *hovered;

  self->hover_id = 0;
  if (self->store == NULL || !self->show_overlays)
    return G_SOURCE_REMOVE;

  grid = grid_at (self, self->hover_x, self->hover_y);
  hovered = gj_selection_layer_get_hovered (self->selection_layer);
  if (grid == NULL || hovered == NULL || gj_record_get_id (grid) != gj_record_get_id (hovered))
    gj_selection_layer_set_hovered (self->selection_layer, grid);
  return G_SOURCE_REMOVE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           GjMapView                *self)
{
  self->hover_x = x;
  self->hover_y = y;
  if (self->hover_id == 0)
    self->hover_id = g_timeout_add (HOVER_INTERVAL_MS, hover_cb, self);
}

static void
on_leave (GtkEventControllerMotion *controller,
          GjMapView                *self)
{
  g_clear_handle_id (&self->hover_id, g_source_remove);
  gj_selection_layer_set_hovered (self->selection_layer, NULL);
}

static gboolean
on_edit_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GjMapView             *self)
{
  if (gj_edit_layer_get_mode (self->edit_layer) == GJ_EDIT_MODE_NONE
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      gj_edit_layer_finish (self->edit_layer);
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      gj_edit_layer_cancel (self->edit_layer);
      return GDK_EVENT_STOP;
    case GDK_KEY_BackSpace:
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      gj_edit_layer_remove_vertex (self->edit_layer);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Actions */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  shumate_map_zoom_in (GJ_MAP_VIEW (widget)->map);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  shumate_map_zoom_out (GJ_MAP_VIEW (widget)->map);
}

static void
zoom_to_extent_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  try_zoom_to_extent (GJ_MAP_VIEW (widget), gtk_widget_get_width (widget),
                      gtk_widget_get_height (widget), TRUE);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GjMapView *self = GJ_MAP_VIEW (widget);
  ShumateViewport *viewport = get_viewport (self);
  GtkWidget *map = GTK_WIDGET (self->map);
  double lat, lon;
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  /* A quarter of the view per key press. */
  shumate_viewport_widget_coords_to_location (viewport, map,
                                              gtk_widget_get_width (map) * (0.5 + dx / 4.0),
                                              gtk_widget_get_height (map) * (0.5 + dy / 4.0),
                                              &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
}

/* GtkWidget */

static void
gj_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GjMapView *self = GJ_MAP_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
gj_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  GjMapView *self = GJ_MAP_VIEW (widget);

  /* Before the children are allocated: moving the viewport queues their
   * allocation again, which must not happen in the middle of it. */
  if (self->show_extent_pending)
    self->show_extent_pending = !fit_bbox_padded (self, &self->pending_extent, width, height, 0, FALSE);
  else if (self->zoom_to_extent_pending)
    try_zoom_to_extent (self, width, height, FALSE);
  gtk_widget_allocate (GTK_WIDGET (self->overlay), width, height, baseline, NULL);
}

static void
gj_map_view_dispose (GObject *object)
{
  GjMapView *self = GJ_MAP_VIEW (object);

  g_clear_handle_id (&self->hover_id, g_source_remove);

  /* Its layers leave the map before the map goes. */
  gj_map_view_set_raster_basemap (self, NULL);
  g_clear_pointer (&self->basemap_arg, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_MAP_VIEW);

  g_clear_object (&self->basemap);
  g_clear_object (&self->grids);
  g_clear_object (&self->store);
  g_clear_object (&self->legend);

  G_OBJECT_CLASS (gj_map_view_parent_class)->dispose (object);
}

static void
gj_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GjMapView *self = GJ_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_THEME:
      g_value_set_enum (value, gj_map_view_get_theme (self));
      break;
    case PROP_SELECTED:
      g_value_set_object (value, gj_map_view_get_selected (self));
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_SHOW_PROBLEMS:
      g_value_set_boolean (value, self->show_problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GjMapView *self = GJ_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      gj_map_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_THEME:
      gj_map_view_set_theme (self, g_value_get_enum (value));
      break;
    case PROP_SELECTED:
      gj_map_view_select_record (self, g_value_get_object (value));
      break;
    case PROP_SHOW_LEGEND:
      gj_map_view_set_show_legend (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_PROBLEMS:
      gj_map_view_set_show_problems (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_map_view_class_init (GjMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_map_view_dispose;
  object_class->get_property = gj_map_view_get_property;
  object_class->set_property = gj_map_view_set_property;

  widget_class->measure = gj_map_view_measure;
  widget_class->size_allocate = gj_map_view_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GJ_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEME] =
    g_param_spec_enum ("theme", NULL, NULL, GJ_TYPE_MAP_THEME, GJ_MAP_THEME_KIND,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, GJ_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PROBLEMS] =
    g_param_spec_boolean ("show-problems", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GjMapView::record-activated:
   * @record: the grid or station the user clicked
   */
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GJ_TYPE_RECORD);

  /**
   * GjMapView::basemap-failed:
   * @message: what went wrong, for the user
   *
   * The chosen basemap cannot be used, or some of its tiles failed; at most
   * once per gj_map_view_set_basemap().
   */
  signals[BASEMAP_FAILED] =
    g_signal_new ("basemap-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * GjMapView::problem-activated:
   * @problem: the problem (GjProblem) whose pin the user clicked
   */
  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GJ_TYPE_RECORD);

  g_type_ensure (SHUMATE_TYPE_COMPASS);
  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);

  /* Referencing the compiled-in resources keeps them in the static link. */
  (void) gj_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GjMapView, compass);
  gtk_widget_class_bind_template_child (widget_class, GjMapView, controls);
  gtk_widget_class_bind_template_child (widget_class, GjMapView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, GjMapView, legend_list);
  gtk_widget_class_bind_template_child (widget_class, GjMapView, legend_title);
  gtk_widget_class_bind_template_child (widget_class, GjMapView, map);
  gtk_widget_class_bind_template_child (widget_class, GjMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, GjMapView, scale);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-to-extent", NULL, zoom_to_extent_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);

  gtk_widget_class_set_css_name (widget_class, "gj-map-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gj_map_view_init (GjMapView *self)
{
  ShumateViewport *viewport;
  GtkGesture *click;
  GtkEventController *motion, *keys;
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (style);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->show_legend = TRUE;
  self->show_overlays = TRUE;
  self->legend = g_list_store_new (GJ_TYPE_MAP_LEGEND_ITEM);

  viewport = get_viewport (self);
  self->basemap = gj_basemap_source_new (dark);
  self->grids = gj_grid_source_new ();
  gj_grid_source_set_dark (self->grids, dark);
  gj_grid_source_set_basemap (self->grids, self->basemap, TRUE);

  shumate_viewport_set_reference_map_source (viewport, SHUMATE_MAP_SOURCE (self->basemap));
  shumate_viewport_set_min_zoom_level (viewport, MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport, MAX_ZOOM);
  /* The district of the sample data, until a store says otherwise. */
  shumate_viewport_set_zoom_level (viewport, 12);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 34.66, 112.39);

  /* One opaque layer of tiles: the grid source draws the basemap around its
   * grids (software GL pays for every full-screen layer), the basemap alone
   * while grids are hidden or still being drawn; the live shapes on top. */
  self->basemap_layer = gj_tile_layer_new (GJ_TILE_SOURCE (self->basemap), viewport);
  gtk_widget_set_visible (GTK_WIDGET (self->basemap_layer), FALSE);
  self->grid_layer = gj_tile_layer_new (GJ_TILE_SOURCE (self->grids), viewport);
  gj_tile_layer_set_fallback (self->grid_layer, GJ_TILE_SOURCE (self->basemap));
  self->selection_layer = gj_selection_layer_new (viewport);
  gj_selection_layer_set_dark (self->selection_layer, dark);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->basemap_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->grid_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->selection_layer));
  self->problem_layer = gj_problem_layer_new (viewport);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_layer), FALSE);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->problem_layer));
  self->edit_layer = gj_edit_layer_new (viewport);
  gj_edit_layer_set_dark (self->edit_layer, dark);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->edit_layer));
  gj_edit_layer_attach (self->edit_layer, GTK_WIDGET (self->map));

  g_object_set (self->scale, "viewport", viewport, NULL);
  g_object_set (self->compass, "viewport", viewport, NULL);

  /* Online maps and most MBTiles files must be credited on the map. */
  self->license = shumate_license_new ();
  gtk_widget_set_halign (GTK_WIDGET (self->license), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->license), GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->license), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->license), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->license), FALSE);
  gtk_overlay_add_overlay (self->overlay, GTK_WIDGET (self->license));

  g_signal_connect_object (style, "notify::dark", G_CALLBACK (apply_dark), self, G_CONNECT_SWAPPED);

  /* Capture phase: ShumateMap's own drag gesture must not starve ours. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  /* While editing: Enter keeps the shape, Escape drops it, Delete and
   * Backspace remove a corner. */
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_edit_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);

  gtk_list_box_bind_model (self->legend_list, G_LIST_MODEL (self->legend), create_legend_row, NULL, NULL);
  update_legend (self);
}

GtkWidget *
gj_map_view_new (void)
{
  return g_object_new (GJ_TYPE_MAP_VIEW, NULL);
}

GjStore *
gj_map_view_get_store (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  return self->store;
}

void
gj_map_view_set_store (GjMapView *self,
                       GjStore   *store)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gj_selection_layer_set_hovered (self->selection_layer, NULL);
  gj_map_view_select_record (self, NULL);
  gj_edit_layer_set_store (self->edit_layer, store);
  gj_problem_layer_set_store (self->problem_layer, self->show_problems ? store : NULL);
  gj_tile_source_set_store (GJ_TILE_SOURCE (self->basemap), store);
  gj_tile_source_set_store (GJ_TILE_SOURCE (self->grids), store);
  update_legend (self);
  /* Fitted at the next allocation, whatever the size is now. */
  self->zoom_to_extent_pending = store != NULL;
  gtk_widget_queue_allocate (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GjMapTheme
gj_map_view_get_theme (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), GJ_MAP_THEME_KIND);

  return gj_grid_source_get_theme (self->grids);
}

void
gj_map_view_set_theme (GjMapView  *self,
                       GjMapTheme  theme)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));
  g_return_if_fail (theme <= GJ_MAP_THEME_LAST);

  if (gj_grid_source_get_theme (self->grids) == theme)
    return;
  gj_grid_source_set_theme (self->grids, theme);
  update_legend (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

GListModel *
gj_map_view_get_legend (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  return G_LIST_MODEL (self->legend);
}

gboolean
gj_map_view_get_show_legend (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), FALSE);

  return self->show_legend;
}

void
gj_map_view_set_show_legend (GjMapView *self,
                             gboolean   show_legend)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  show_legend = !!show_legend;
  if (self->show_legend == show_legend)
    return;
  self->show_legend = show_legend;
  gtk_widget_set_visible (GTK_WIDGET (self->legend_box), show_legend && self->show_overlays);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

void
gj_map_view_zoom_to_extent (GjMapView *self)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  try_zoom_to_extent (self, gtk_widget_get_width (GTK_WIDGET (self)),
                      gtk_widget_get_height (GTK_WIDGET (self)), TRUE);
}

void
gj_map_view_zoom_to_bbox (GjMapView    *self,
                          const GjBBox *bbox,
                          gboolean      animate)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));
  g_return_if_fail (bbox != NULL);

  self->zoom_to_extent_pending = FALSE;
  self->show_extent_pending = FALSE;
  fit_bbox (self, bbox, gtk_widget_get_width (GTK_WIDGET (self)),
            gtk_widget_get_height (GTK_WIDGET (self)), animate);
}

void
gj_map_view_go_to (GjMapView *self,
                   double     lon,
                   double     lat,
                   double     zoom)
{
  ShumateViewport *viewport;

  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  viewport = get_viewport (self);
  self->zoom_to_extent_pending = FALSE;
  self->show_extent_pending = FALSE;
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, MIN_ZOOM, MAX_ZOOM));
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
}

void
gj_map_view_get_location (GjMapView *self,
                          double    *lon,
                          double    *lat,
                          double    *zoom)
{
  ShumateViewport *viewport;

  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  viewport = get_viewport (self);
  if (lon != NULL)
    *lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  if (lat != NULL)
    *lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  if (zoom != NULL)
    *zoom = shumate_viewport_get_zoom_level (viewport);
}

gboolean
gj_map_view_get_extent (GjMapView *self,
                        GjBBox    *extent)
{
  ShumateViewport *viewport;
  GtkWidget *map;
  double lat0, lon0, lat1, lon1;
  int width, height;

  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (extent != NULL, FALSE);

  map = GTK_WIDGET (self->map);
  width = gtk_widget_get_width (map);
  height = gtk_widget_get_height (map);
  if (width <= 1 || height <= 1)
    return FALSE;
  viewport = get_viewport (self);
  shumate_viewport_widget_coords_to_location (viewport, map, 0, 0, &lat0, &lon0);
  shumate_viewport_widget_coords_to_location (viewport, map, width, height, &lat1, &lon1);
  extent->min_x = MIN (lon0, lon1);
  extent->max_x = MAX (lon0, lon1);
  extent->min_y = MIN (lat0, lat1);
  extent->max_y = MAX (lat0, lat1);
  return TRUE;
}

void
gj_map_view_show_extent (GjMapView    *self,
                         const GjBBox *extent)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));
  g_return_if_fail (extent != NULL);

  self->zoom_to_extent_pending = FALSE;
  self->pending_extent = *extent;
  self->show_extent_pending = !fit_bbox_padded (self, extent, gtk_widget_get_width (GTK_WIDGET (self)),
                                                gtk_widget_get_height (GTK_WIDGET (self)), 0, FALSE);
  if (self->show_extent_pending)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
gj_map_view_capture_saved_view (GjMapView   *self,
                                GjSavedView *view)
{
  g_autoptr(GString) layers = g_string_new (NULL);
  double zoom;
  GjBBox extent;

  g_return_if_fail (GJ_IS_MAP_VIEW (self));
  g_return_if_fail (GJ_IS_SAVED_VIEW (view));

  if (gj_map_view_get_extent (self, &extent))
    gj_saved_view_set_extent (view, extent.min_x, extent.min_y, extent.max_x, extent.max_y);
  gj_map_view_get_location (self, NULL, NULL, &zoom);
  gj_record_set_real (GJ_RECORD (view), "zoom", zoom);
  gj_record_set_text (GJ_RECORD (view), "theme", gj_map_theme_to_string (gj_map_view_get_theme (self)));
  if (self->show_overlays)
    g_string_append (layers, "grids,stations,labels");
  if (self->show_problems)
    g_string_append_printf (layers, "%sproblems", layers->len > 0 ? "," : "");
  if (self->show_legend)
    g_string_append_printf (layers, "%slegend", layers->len > 0 ? "," : "");
  gj_record_set_text (GJ_RECORD (view), "layers", layers->str);
}

void
gj_map_view_apply_saved_view (GjMapView   *self,
                              GjSavedView *view)
{
  g_auto(GStrv) layers = NULL;
  GjMapTheme theme;
  GjBBox extent;

  g_return_if_fail (GJ_IS_MAP_VIEW (self));
  g_return_if_fail (GJ_IS_SAVED_VIEW (view));

  if (gj_map_theme_from_string (gj_record_get_text (GJ_RECORD (view), "theme"), &theme))
    gj_map_view_set_theme (self, theme);
  layers = gj_saved_view_dup_layers (view);
  /* A view saved without layers keeps the map's. */
  if (layers[0] != NULL)
    {
      gboolean grids = g_strv_contains ((const char * const *) layers, "grids");

      if (grids != self->show_overlays)
        gj_map_view_set_show_overlays (self, grids);
      gj_map_view_set_show_problems (self, g_strv_contains ((const char * const *) layers, "problems"));
      gj_map_view_set_show_legend (self, g_strv_contains ((const char * const *) layers, "legend"));
    }
  if (gj_saved_view_get_extent (view, &extent.min_x, &extent.min_y, &extent.max_x, &extent.max_y))
    gj_map_view_show_extent (self, &extent);
  else if (!gj_record_is_null (GJ_RECORD (view), "zoom"))
    {
      double lon, lat;

      gj_map_view_get_location (self, &lon, &lat, NULL);
      gj_map_view_go_to (self, lon, lat, gj_record_get_real (GJ_RECORD (view), "zoom"));
    }
}

void
gj_map_view_set_label_scale (GjMapView *self,
                             double     label_scale)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  gj_grid_source_set_label_scale (self->grids, label_scale);
}

double
gj_map_view_get_label_scale (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), 1);

  return gj_grid_source_get_label_scale (self->grids);
}

void
gj_map_view_set_show_controls (GjMapView *self,
                               gboolean   show_controls)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->controls), show_controls);
}

gboolean
gj_map_view_get_show_overlays (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), FALSE);

  return self->show_overlays;
}

void
gj_map_view_select_record (GjMapView *self,
                           GjRecord  *record)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));
  g_return_if_fail (record == NULL || GJ_IS_GRID (record) || GJ_IS_STATION (record));

  if (gj_selection_layer_get_selected (self->selection_layer) == record)
    return;
  gj_selection_layer_set_selected (self->selection_layer, record);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

GjRecord *
gj_map_view_get_selected (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  return gj_selection_layer_get_selected (self->selection_layer);
}

GjRecord *
gj_map_view_dup_record_at (GjMapView *self,
                           double     x,
                           double     y)
{
  graphene_point_t point;

  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->map),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return NULL;
  return record_at_map_coords (self, point.x, point.y);
}

void
gj_map_view_invalidate (GjMapView    *self,
                        const GjBBox *bbox)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  /* A grid's shape or street may have moved a street boundary; the grid
   * source takes the basemap's new outlines when it reloads, after it. */
  gj_basemap_source_reload (self->basemap);
  gj_grid_source_reload (self->grids, bbox);
  update_legend (self);
}

ShumateMap *
gj_map_view_get_map (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  return self->map;
}

GjGridSource *
gj_map_view_get_grid_source (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  return self->grids;
}

GjBasemapSource *
gj_map_view_get_basemap_source (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  return self->basemap;
}

void
gj_map_view_set_show_overlays (GjMapView *self,
                               gboolean   show_overlays)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  self->show_overlays = !!show_overlays;
  update_basemap_layers (self);
  gtk_widget_set_visible (GTK_WIDGET (self->grid_layer), self->show_overlays);
  gtk_widget_set_visible (GTK_WIDGET (self->selection_layer), self->show_overlays);
  gtk_widget_set_visible (GTK_WIDGET (self->legend_box), self->show_legend && self->show_overlays);
}

guint
gj_map_view_get_n_pending (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), 0);

  return gj_tile_source_get_n_pending (GJ_TILE_SOURCE (self->basemap))
         + gj_tile_source_get_n_pending (GJ_TILE_SOURCE (self->grids));
}

GjEditLayer *
gj_map_view_get_edit_layer (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  return self->edit_layer;
}

void
gj_map_view_set_basemap (GjMapView     *self,
                         GjBasemapKind  kind,
                         const char    *arg)
{
  g_autoptr(GjRasterBasemap) raster = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GJ_IS_MAP_VIEW (self));
  g_return_if_fail (kind <= GJ_BASEMAP_LAST);

  if (kind != GJ_BASEMAP_MBTILES && kind != GJ_BASEMAP_TIANDITU)
    arg = NULL;
  if (kind == self->basemap_kind && g_strcmp0 (arg, self->basemap_arg) == 0)
    return;

  self->basemap_kind = kind;
  g_free (self->basemap_arg);
  self->basemap_arg = g_strdup (arg);

  if (kind != GJ_BASEMAP_OFFLINE)
    raster = gj_raster_basemap_new (kind, self->basemap_arg, &error);
  gj_map_view_set_raster_basemap (self, raster);
  if (error != NULL)
    g_signal_emit (self, signals[BASEMAP_FAILED], 0, error->message);
}

GjBasemapKind
gj_map_view_get_basemap (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), GJ_BASEMAP_OFFLINE);

  return self->basemap_kind;
}

void
gj_map_view_set_raster_basemap (GjMapView       *self,
                                GjRasterBasemap *raster)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));
  g_return_if_fail (raster == NULL || GJ_IS_RASTER_BASEMAP (raster));

  if (self->raster == raster)
    return;

  if (self->raster != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->raster, self);
      gj_raster_basemap_detach (self->raster);
      g_clear_object (&self->raster);
    }
  if (raster != NULL)
    {
      self->raster = g_object_ref (raster);
      gj_raster_basemap_attach (raster, self->map, SHUMATE_LAYER (self->grid_layer), self->license);
      g_signal_connect_object (raster, "failed", G_CALLBACK (raster_failed_cb), self, 0);
      g_signal_connect_object (raster, "notify::has-gaps", G_CALLBACK (update_basemap_layers),
                               self, G_CONNECT_SWAPPED);
    }
  update_basemap_layers (self);
}

GjRasterBasemap *
gj_map_view_get_raster_basemap (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  return self->raster;
}

gboolean
gj_map_view_get_show_problems (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), FALSE);

  return self->show_problems;
}

void
gj_map_view_set_show_problems (GjMapView *self,
                               gboolean   show_problems)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  show_problems = !!show_problems;
  if (self->show_problems == show_problems)
    return;
  self->show_problems = show_problems;
  /* Read only while shown: a hidden layer costs nothing. */
  gj_problem_layer_set_store (self->problem_layer, show_problems ? self->store : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_layer), show_problems);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PROBLEMS]);
}

void
gj_map_view_reload_problems (GjMapView *self)
{
  g_return_if_fail (GJ_IS_MAP_VIEW (self));

  if (self->show_problems)
    gj_problem_layer_reload (self->problem_layer);
}

GjProblemLayer *
gj_map_view_get_problem_layer (GjMapView *self)
{
  g_return_val_if_fail (GJ_IS_MAP_VIEW (self), NULL);

  return self->problem_layer;
}
