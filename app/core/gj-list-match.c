/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gj-list-match.h"

struct _GjListMatch
{
  GObject       parent_instance;
  GjListItem   *item;
  GjMatchLevel  level;
  guint         n_matches;
};

G_DEFINE_FINAL_TYPE (GjListMatch, gj_list_match, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_LEVEL,
  PROP_LEVEL_TITLE,
  PROP_N_MATCHES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
gj_match_level_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { GJ_MATCH_SAME_GRID, "GJ_MATCH_SAME_GRID", "same-grid" },
        { GJ_MATCH_SAME_COMMUNITY, "GJ_MATCH_SAME_COMMUNITY", "same-community" },
        { GJ_MATCH_SAME_STREET, "GJ_MATCH_SAME_STREET", "same-street" },
        { GJ_MATCH_ELSEWHERE, "GJ_MATCH_ELSEWHERE", "elsewhere" },
        { 0, NULL, NULL },
      };
      GType t = g_enum_register_static (g_intern_static_string ("GjMatchLevel"), values);

      g_once_init_leave (&type, t);
    }
  return type;
}

const char *
gj_match_level_get_title (GjMatchLevel level)
{
  switch (level)
    {
    case GJ_MATCH_SAME_GRID: return C_("match level", "Same grid");
    case GJ_MATCH_SAME_COMMUNITY: return C_("match level", "Same community");
    case GJ_MATCH_SAME_STREET: return C_("match level", "Same street");
    case GJ_MATCH_ELSEWHERE: return C_("match level", "Elsewhere");
    default: g_return_val_if_reached ("");
    }
}

static void
gj_list_match_finalize (GObject *object)
{
  GjListMatch *self = GJ_LIST_MATCH (object);

  g_clear_object (&self->item);
  G_OBJECT_CLASS (gj_list_match_parent_class)->finalize (object);
}

static void
gj_list_match_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GjListMatch *self = GJ_LIST_MATCH (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;
    case PROP_LEVEL_TITLE:
      g_value_set_string (value, gj_match_level_get_title (self->level));
      break;
    case PROP_N_MATCHES:
      g_value_set_uint (value, self->n_matches);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_list_match_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GjListMatch *self = GJ_LIST_MATCH (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_set_object (&self->item, g_value_get_object (value));
      break;
    case PROP_LEVEL:
      self->level = g_value_get_enum (value);
      break;
    case PROP_N_MATCHES:
      self->n_matches = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_list_match_class_init (GjListMatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gj_list_match_finalize;
  object_class->get_property = gj_list_match_get_property;
  object_class->set_property = gj_list_match_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, GJ_TYPE_LIST_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL, GJ_TYPE_MATCH_LEVEL, GJ_MATCH_ELSEWHERE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL_TITLE] =
    g_param_spec_string ("level-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MATCHES] =
    g_param_spec_uint ("n-matches", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gj_list_match_init (GjListMatch *self)
{
  self->level = GJ_MATCH_ELSEWHERE;
}

GjListMatch *
gj_list_match_new (GjListItem   *item,
                   GjMatchLevel  level,
                   guint         n_matches)
{
  g_return_val_if_fail (GJ_IS_LIST_ITEM (item), NULL);
  return g_object_new (GJ_TYPE_LIST_MATCH, "item", item, "level", level, "n-matches", n_matches, NULL);
}

GjListItem *
gj_list_match_get_item (GjListMatch *self)
{
  g_return_val_if_fail (GJ_IS_LIST_MATCH (self), NULL);
  return self->item;
}

GjMatchLevel
gj_list_match_get_level (GjListMatch *self)
{
  g_return_val_if_fail (GJ_IS_LIST_MATCH (self), GJ_MATCH_ELSEWHERE);
  return self->level;
}

guint
gj_list_match_get_n_matches (GjListMatch *self)
{
  g_return_val_if_fail (GJ_IS_LIST_MATCH (self), 0);
  return self->n_matches;
}
