/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-geometry.h"
#include "gj-grid.h"

struct _GjGrid
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjGrid, gj_grid, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED | GJ_FIELD_FLAG_CODE, N_("Code"), NULL },
  { "name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Name"), NULL },
  { "kind", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Kind"), NULL },
  { "street_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "street_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Street"), "(SELECT name FROM street WHERE id = t.street_id)" },
  { "community_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "community_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Community"), "(SELECT name FROM community WHERE id = t.community_id)" },
  { "households", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Households"), NULL },
  { "population", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Population"), NULL },
  { "worker", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Grid worker"), NULL },
  { "worker_phone", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Worker phone"), NULL },
  { "area", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Area (m²)"), NULL },
  { "declared_area", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Declared area (m²)"), NULL },
  { "established", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Established"), NULL },
  { "remark", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Remark"), NULL },
  { "geometry", GJ_FIELD_GEOMETRY, GJ_FIELD_FLAG_NONE, NULL, NULL },
  { "extra", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, NULL, NULL },
};

/* The computed geodesic area follows the shape. */
static void
gj_grid_prepare_write (GjRecord *record)
{
  GjGeometry *geometry = gj_record_get_geometry (record, "geometry");

  if (geometry != NULL)
    gj_record_set_real (record, "area", gj_geometry_geodesic_area (geometry));
}

static void
gj_grid_class_init (GjGridClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "grid", fields, G_N_ELEMENTS (fields));
  GJ_RECORD_CLASS (klass)->prepare_write = gj_grid_prepare_write;
}

static void
gj_grid_init (GjGrid *self)
{
}

GjGrid *
gj_grid_new (void)
{
  return g_object_new (GJ_TYPE_GRID, NULL);
}
