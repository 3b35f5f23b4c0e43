/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-map-legend-item.h"

struct _GjMapLegendItem
{
  GObject  parent_instance;

  GdkRGBA  color;
  char    *label;
};

G_DEFINE_FINAL_TYPE (GjMapLegendItem, gj_map_legend_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COLOR,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gj_map_legend_item_finalize (GObject *object)
{
  GjMapLegendItem *self = GJ_MAP_LEGEND_ITEM (object);

  g_free (self->label);

  G_OBJECT_CLASS (gj_map_legend_item_parent_class)->finalize (object);
}

static void
gj_map_legend_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GjMapLegendItem *self = GJ_MAP_LEGEND_ITEM (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_boxed (value, &self->color);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_map_legend_item_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GjMapLegendItem *self = GJ_MAP_LEGEND_ITEM (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      {
        const GdkRGBA *color = g_value_get_boxed (value);

        if (color != NULL)
          self->color = *color;
      }
      break;
    case PROP_LABEL:
      g_free (self->label);
      self->label = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_map_legend_item_class_init (GjMapLegendItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gj_map_legend_item_finalize;
  object_class->get_property = gj_map_legend_item_get_property;
  object_class->set_property = gj_map_legend_item_set_property;

  properties[PROP_COLOR] =
    g_param_spec_boxed ("color", NULL, NULL, GDK_TYPE_RGBA,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_map_legend_item_init (GjMapLegendItem *self)
{
}

GjMapLegendItem *
gj_map_legend_item_new (const GdkRGBA *color,
                        const char    *label)
{
  g_return_val_if_fail (color != NULL, NULL);

  return g_object_new (GJ_TYPE_MAP_LEGEND_ITEM, "color", color, "label", label, NULL);
}

const GdkRGBA *
gj_map_legend_item_get_color (GjMapLegendItem *self)
{
  g_return_val_if_fail (GJ_IS_MAP_LEGEND_ITEM (self), NULL);

  return &self->color;
}

const char *
gj_map_legend_item_get_label (GjMapLegendItem *self)
{
  g_return_val_if_fail (GJ_IS_MAP_LEGEND_ITEM (self), NULL);

  return self->label;
}
