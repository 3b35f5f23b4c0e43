/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-station.h"

struct _GjStation
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjStation, gj_station, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Code"), NULL },
  { "name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Name"), NULL },
  { "kind", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Kind"), NULL },
  { "grid_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_code", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Grid"), "(SELECT code FROM grid WHERE id = t.grid_id)" },
  { "street_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "street_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Street"), "(SELECT name FROM street WHERE id = t.street_id)" },
  { "community_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "community_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Community"), "(SELECT name FROM community WHERE id = t.community_id)" },
  { "lon", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Longitude"), NULL },
  { "lat", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Latitude"), NULL },
  { "address", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Address"), NULL },
  { "phone", GJ_FIELD_TEXT, GJ_FIELD_FLAG_CODE, N_("Phone"), NULL },
  { "contact", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Contact"), NULL },
  { "open_hours", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Opening hours"), NULL },
  { "staff", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Staff"), NULL },
  { "floor_area", GJ_FIELD_REAL, GJ_FIELD_FLAG_NONE, N_("Floor area (m²)"), NULL },
  { "services", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Services"), NULL },
  { "opened", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Opened"), NULL },
  { "remark", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Remark"), NULL },
  { "extra", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, NULL, NULL },
};

static void
gj_station_class_init (GjStationClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "station", fields, G_N_ELEMENTS (fields));
}

static void
gj_station_init (GjStation *self)
{
}

GjStation *
gj_station_new (void)
{
  return g_object_new (GJ_TYPE_STATION, NULL);
}
