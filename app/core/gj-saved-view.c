/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-saved-view.h"

struct _GjSavedView
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjSavedView, gj_saved_view, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Name"), NULL },
  { "position", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Position"), NULL },
  { "min_lon", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("West"), NULL },
  { "min_lat", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("South"), NULL },
  { "max_lon", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("East"), NULL },
  { "max_lat", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("North"), NULL },
  { "zoom", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Zoom"), NULL },
  { "theme", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Theme"), NULL },
  { "layers", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Layers"), NULL },
  { "title", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Title"), NULL },
  { "subtitle", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Subtitle"), NULL },
};

static void
gj_saved_view_class_init (GjSavedViewClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "saved_view", fields, G_N_ELEMENTS (fields));
}

static void
gj_saved_view_init (GjSavedView *self)
{
}

GjSavedView *
gj_saved_view_new (void)
{
  return g_object_new (GJ_TYPE_SAVED_VIEW, NULL);
}

gboolean
gj_saved_view_get_extent (GjSavedView *self,
                          double      *min_lon,
                          double      *min_lat,
                          double      *max_lon,
                          double      *max_lat)
{
  GjRecord *r = GJ_RECORD (self);

  g_return_val_if_fail (GJ_IS_SAVED_VIEW (self), FALSE);

  if (gj_record_is_null (r, "min_lon") || gj_record_is_null (r, "min_lat")
      || gj_record_is_null (r, "max_lon") || gj_record_is_null (r, "max_lat"))
    return FALSE;
  if (min_lon != NULL)
    *min_lon = gj_record_get_real (r, "min_lon");
  if (min_lat != NULL)
    *min_lat = gj_record_get_real (r, "min_lat");
  if (max_lon != NULL)
    *max_lon = gj_record_get_real (r, "max_lon");
  if (max_lat != NULL)
    *max_lat = gj_record_get_real (r, "max_lat");
  return TRUE;
}

void
gj_saved_view_set_extent (GjSavedView *self,
                          double       min_lon,
                          double       min_lat,
                          double       max_lon,
                          double       max_lat)
{
  GjRecord *r = GJ_RECORD (self);

  g_return_if_fail (GJ_IS_SAVED_VIEW (self));

  gj_record_set_real (r, "min_lon", MIN (min_lon, max_lon));
  gj_record_set_real (r, "min_lat", MIN (min_lat, max_lat));
  gj_record_set_real (r, "max_lon", MAX (min_lon, max_lon));
  gj_record_set_real (r, "max_lat", MAX (min_lat, max_lat));
}

char **
gj_saved_view_dup_layers (GjSavedView *self)
{
  const char *text;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_return_val_if_fail (GJ_IS_SAVED_VIEW (self), NULL);

  text = gj_record_get_text (GJ_RECORD (self), "layers");
  parts = g_strsplit (text != NULL ? text : "", ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (b, parts[i]);
    }
  return g_strv_builder_end (b);
}
