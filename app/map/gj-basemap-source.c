/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "gj-basemap-source-private.h"
#include "gj-map-draw.h"
#include "gj-map-private.h"
#include "gj-map-style.h"

/* Street names are at most this far (pixels) from their anchor. */
#define LABEL_MARGIN 160

/* The district's outlines, merged once by whichever worker needs them first;
 * shared by every state of one store. */
typedef struct
{
  gatomicrefcount  ref;
  GMutex           lock;
  gboolean         loaded;
  GPtrArray       *streets;   /* GjOutline */
  GArray          *bboxes;    /* GjBBox per street */
  GArray          *anchors;   /* label point (lon, lat) per street */
  GjOutline       *district;
  GjBBox           district_bbox;
  double           district_anchor[2];
} Outlines;

typedef struct
{
  gatomicrefcount  ref;
  Outlines        *outlines;
  gboolean         dark;
} State;

struct _GjBasemapSource
{
  GjTileSource     parent_instance;

  Outlines        *outlines;
  gboolean         dark;
};

G_DEFINE_FINAL_TYPE (GjBasemapSource, gj_basemap_source, GJ_TYPE_TILE_SOURCE)

enum {
  PROP_0,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Outlines *
outlines_new (void)
{
  Outlines *outlines = g_new0 (Outlines, 1);

  g_atomic_ref_count_init (&outlines->ref);
  g_mutex_init (&outlines->lock);
  outlines->bboxes = g_array_new (FALSE, FALSE, sizeof (GjBBox));
  outlines->anchors = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  return outlines;
}

static void
outlines_unref (Outlines *outlines)
{
  if (!g_atomic_ref_count_dec (&outlines->ref))
    return;
  g_clear_pointer (&outlines->streets, g_ptr_array_unref);
  g_clear_pointer (&outlines->district, gj_outline_free);
  g_array_unref (outlines->bboxes);
  g_array_unref (outlines->anchors);
  g_mutex_clear (&outlines->lock);
  g_free (outlines);
}

/* Worker thread, under the lock: the GEOS union of the district's grids. */
static void
outlines_load (Outlines *outlines,
               GjStore  *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) district = NULL;

  outlines->loaded = TRUE;
  if (store == NULL)
    return;

  outlines->streets = gj_store_dup_outlines (store, "street", &error);
  if (outlines->streets == NULL)
    {
      g_warning ("Cannot read the street outlines: %s", error->message);
      return;
    }
  for (guint i = 0; i < outlines->streets->len; i++)
    {
      GjOutline *outline = g_ptr_array_index (outlines->streets, i);
      GjBBox box = { 0, 0, 0, 0 };
      double anchor[2] = { 0, 0 };

      if (outline->geometry != NULL)
        {
          box = gj_geometry_get_bbox (outline->geometry);
          gj_map_label_point (outline->geometry, &anchor[0], &anchor[1]);
        }
      g_array_append_val (outlines->bboxes, box);
      g_array_append_vals (outlines->anchors, anchor, 1);
    }

  district = gj_store_dup_outlines (store, "district", &error);
  if (district != NULL && district->len > 0)
    {
      outlines->district = g_ptr_array_steal_index (district, 0);
      if (outlines->district->geometry != NULL)
        {
          outlines->district_bbox = gj_geometry_get_bbox (outlines->district->geometry);
          gj_map_label_point (outlines->district->geometry,
                              &outlines->district_anchor[0], &outlines->district_anchor[1]);
        }
    }
}

static gpointer
gj_basemap_source_ref_state (GjTileSource *source)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (source);
  State *state = g_new0 (State, 1);

  g_atomic_ref_count_init (&state->ref);
  state->outlines = self->outlines;
  g_atomic_ref_count_inc (&state->outlines->ref);
  state->dark = self->dark;
  return state;
}

static void
gj_basemap_source_unref_state (gpointer data)
{
  State *state = data;

  if (!g_atomic_ref_count_dec (&state->ref))
    return;
  outlines_unref (state->outlines);
  g_free (state);
}

gboolean
gj_basemap_state_draw (gpointer        data,
                       GjStore        *store,
                       cairo_t        *cr,
                       guint           zoom,
                       guint           x,
                       guint           y,
                       GjBasemapParts  parts)
{
  State *state = data;
  Outlines *outlines = state->outlines;
  const GjMapColors *colors = gj_map_style_get_colors (state->dark);
  GjBBox tile_box = gj_map_tile_bbox (zoom, x, y, LABEL_MARGIN);
  GjMapTransform transform = { zoom, x, y };
  g_autoptr(PangoLayout) layout = NULL;

  if (parts & GJ_BASEMAP_GROUND)
    {
      gdk_cairo_set_source_rgba (cr, &colors->background);
      cairo_paint (cr);
    }

  g_mutex_lock (&outlines->lock);
  if (!outlines->loaded)
    outlines_load (outlines, store);
  g_mutex_unlock (&outlines->lock);

  if (outlines->district == NULL || outlines->district->geometry == NULL
      || !gj_bbox_meets (&tile_box, &outlines->district_bbox))
    return FALSE;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  if (parts & GJ_BASEMAP_GROUND)
    {
      gj_map_draw_geometry_path (cr, &transform, outlines->district->geometry);
      gdk_cairo_set_source_rgba (cr, &colors->district_fill);
      cairo_fill (cr);
    }

  /* Street boundaries, from the zoom where streets are a few cm. */
  if ((parts & GJ_BASEMAP_BOUNDARIES) && zoom >= 11)
    {
      cairo_set_line_width (cr, zoom >= 14 ? 2.0 : 1.2);
      gdk_cairo_set_source_rgba (cr, &colors->street_line);
      if (zoom >= 15)
        cairo_set_dash (cr, (double[]) { 8, 4 }, 2, 0);
      for (guint i = 0; outlines->streets != NULL && i < outlines->streets->len; i++)
        {
          GjOutline *outline = g_ptr_array_index (outlines->streets, i);

          if (outline->geometry == NULL
              || !gj_bbox_meets (&tile_box, &g_array_index (outlines->bboxes, GjBBox, i)))
            continue;
          gj_map_draw_geometry_path (cr, &transform, outline->geometry);
          cairo_stroke (cr);
        }
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (parts & GJ_BASEMAP_BOUNDARIES)
    {
      gj_map_draw_geometry_path (cr, &transform, outlines->district->geometry);
      gdk_cairo_set_source_rgba (cr, &colors->district_line);
      cairo_set_line_width (cr, zoom >= 13 ? 3.0 : 2.0);
      cairo_stroke (cr);
    }

  if (!(parts & GJ_BASEMAP_NAMES))
    return TRUE;

  layout = pango_cairo_create_layout (cr);

  /* Names: the district when it fits a screen, streets after that, until
   * the grids' own names take over. */
  if (zoom <= 11 && outlines->district->name != NULL)
    gj_map_draw_label (cr, layout, &transform, outlines->district_anchor[0], outlines->district_anchor[1],
                       outlines->district->name, "Sans Bold 14", &colors->label, &colors->label_halo, 0);
  else if (zoom >= 12 && zoom <= 15)
    {
      const char *font = zoom >= 14 ? "Sans Bold 14" : "Sans Bold 12";

      for (guint i = 0; outlines->streets != NULL && i < outlines->streets->len; i++)
        {
          GjOutline *outline = g_ptr_array_index (outlines->streets, i);
          const double *anchor = &g_array_index (outlines->anchors, double, 2 * i);

          if (outline->name == NULL
              || !gj_bbox_meets (&tile_box, &g_array_index (outlines->bboxes, GjBBox, i)))
            continue;
          gj_map_draw_label (cr, layout, &transform, anchor[0], anchor[1], outline->name, font,
                             &colors->label, &colors->label_halo, 0);
        }
    }

  return TRUE;
}

static gboolean
gj_basemap_source_render (GjTileSource *source,
                          gpointer      state,
                          GjStore      *store,
                          cairo_t      *cr,
                          guint         zoom,
                          guint         x,
                          guint         y,
                          GCancellable *cancellable)
{
  return gj_basemap_state_draw (state, store, cr, zoom, x, y, GJ_BASEMAP_ALL);
}

gpointer
gj_basemap_source_dup_state (GjBasemapSource *self)
{
  g_return_val_if_fail (GJ_IS_BASEMAP_SOURCE (self), NULL);

  return gj_basemap_source_ref_state (GJ_TILE_SOURCE (self));
}

void
gj_basemap_state_unref (gpointer state)
{
  gj_basemap_source_unref_state (state);
}

static void
gj_basemap_source_finalize (GObject *object)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (object);

  outlines_unref (self->outlines);

  G_OBJECT_CLASS (gj_basemap_source_parent_class)->finalize (object);
}

static void
gj_basemap_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_basemap_source_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      gj_basemap_source_set_dark (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A new store: its outlines are read when the first tile needs them. */
static void
gj_basemap_source_store_changed (GjTileSource *source)
{
  GjBasemapSource *self = GJ_BASEMAP_SOURCE (source);

  outlines_unref (self->outlines);
  self->outlines = outlines_new ();
}

static void
gj_basemap_source_class_init (GjBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GjTileSourceClass *source_class = GJ_TILE_SOURCE_CLASS (klass);

  object_class->finalize = gj_basemap_source_finalize;
  object_class->get_property = gj_basemap_source_get_property;
  object_class->set_property = gj_basemap_source_set_property;

  source_class->ref_state = gj_basemap_source_ref_state;
  source_class->unref_state = gj_basemap_source_unref_state;
  source_class->render = gj_basemap_source_render;
  source_class->store_changed = gj_basemap_source_store_changed;

  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_basemap_source_init (GjBasemapSource *self)
{
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self);

  self->outlines = outlines_new ();

  shumate_map_source_set_id (source, "gongjian-basemap");
  shumate_map_source_set_name (source, _("District Map"));
  shumate_map_source_set_license (source, "");
  gj_tile_source_set_margin (GJ_TILE_SOURCE (self), LABEL_MARGIN);
}

GjBasemapSource *
gj_basemap_source_new (gboolean dark)
{
  return g_object_new (GJ_TYPE_BASEMAP_SOURCE, "dark", dark, NULL);
}

gboolean
gj_basemap_source_get_dark (GjBasemapSource *self)
{
  g_return_val_if_fail (GJ_IS_BASEMAP_SOURCE (self), FALSE);

  return self->dark;
}

void
gj_basemap_source_set_dark (GjBasemapSource *self,
                            gboolean         dark)
{
  g_return_if_fail (GJ_IS_BASEMAP_SOURCE (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  gj_tile_source_invalidate (GJ_TILE_SOURCE (self), NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

void
gj_basemap_source_reload (GjBasemapSource *self)
{
  g_return_if_fail (GJ_IS_BASEMAP_SOURCE (self));

  outlines_unref (self->outlines);
  self->outlines = outlines_new ();
  gj_tile_source_invalidate (GJ_TILE_SOURCE (self), NULL);
}
