/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "gj-format.h"
#include "gj-records.h"

/* The I/O layer names kinds in the plural ("grids"); the records in the
 * singular ("grid"). Both map to the record type. */
GType
gj_format_type_for_kind (const char *kind)
{
  static const struct
  {
    const char *plural;
    const char *singular;
  } kinds[] = {
    { "grids", "grid" },
    { "stations", "station" },
    { "units", "unit" },
    { "agreements", "agreement" },
    { "meetings", "meeting" },
    { "problems", "problem" },
  };

  if (kind == NULL)
    return G_TYPE_INVALID;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kind, kinds[i].plural) || g_str_equal (kind, kinds[i].singular))
      return gj_record_type_from_kind (kinds[i].singular);

  return G_TYPE_INVALID;
}

char *
gj_format_record_count (GType record_type,
                        guint n)
{
  /* The ' flag groups digits the way the user's locale does. */
  if (record_type == GJ_TYPE_GRID)
    return g_strdup_printf (ngettext ("%'u grid", "%'u grids", n), n);
  if (record_type == GJ_TYPE_STATION)
    return g_strdup_printf (ngettext ("%'u service station", "%'u service stations", n), n);
  if (record_type == GJ_TYPE_UNIT)
    return g_strdup_printf (ngettext ("%'u resident unit", "%'u resident units", n), n);
  if (record_type == GJ_TYPE_AGREEMENT)
    return g_strdup_printf (ngettext ("%'u agreement", "%'u agreements", n), n);
  if (record_type == GJ_TYPE_MEETING)
    return g_strdup_printf (ngettext ("%'u joint meeting", "%'u joint meetings", n), n);
  if (record_type == GJ_TYPE_PROBLEM)
    return g_strdup_printf (ngettext ("%'u problem", "%'u problems", n), n);

  return g_strdup_printf (ngettext ("%'u record", "%'u records", n), n);
}

char *
gj_format_imported (const char *kind,
                    guint       n)
{
  GType type = gj_format_type_for_kind (kind);

  if (type == GJ_TYPE_GRID)
    return g_strdup_printf (ngettext ("Imported %'u grid", "Imported %'u grids", n), n);
  if (type == GJ_TYPE_STATION)
    return g_strdup_printf (ngettext ("Imported %'u service station",
                                      "Imported %'u service stations", n), n);
  if (type == GJ_TYPE_UNIT)
    return g_strdup_printf (ngettext ("Imported %'u resident unit",
                                      "Imported %'u resident units", n), n);
  if (type == GJ_TYPE_AGREEMENT)
    return g_strdup_printf (ngettext ("Imported %'u agreement", "Imported %'u agreements", n), n);
  if (type == GJ_TYPE_MEETING)
    return g_strdup_printf (ngettext ("Imported %'u joint meeting",
                                      "Imported %'u joint meetings", n), n);
  if (type == GJ_TYPE_PROBLEM)
    return g_strdup_printf (ngettext ("Imported %'u problem", "Imported %'u problems", n), n);

  return g_strdup_printf (ngettext ("Imported %'u record", "Imported %'u records", n), n);
}

char *
gj_format_exported (const char *kind,
                    guint       n)
{
  GType type = gj_format_type_for_kind (kind);

  if (type == GJ_TYPE_GRID)
    return g_strdup_printf (ngettext ("Exported %'u grid", "Exported %'u grids", n), n);
  if (type == GJ_TYPE_STATION)
    return g_strdup_printf (ngettext ("Exported %'u service station",
                                      "Exported %'u service stations", n), n);
  if (type == GJ_TYPE_UNIT)
    return g_strdup_printf (ngettext ("Exported %'u resident unit",
                                      "Exported %'u resident units", n), n);
  if (type == GJ_TYPE_AGREEMENT)
    return g_strdup_printf (ngettext ("Exported %'u agreement", "Exported %'u agreements", n), n);
  if (type == GJ_TYPE_MEETING)
    return g_strdup_printf (ngettext ("Exported %'u joint meeting",
                                      "Exported %'u joint meetings", n), n);
  if (type == GJ_TYPE_PROBLEM)
    return g_strdup_printf (ngettext ("Exported %'u problem", "Exported %'u problems", n), n);

  return g_strdup_printf (ngettext ("Exported %'u record", "Exported %'u records", n), n);
}

char *
gj_format_integer (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

/* Areas and other measures: one decimal is as precise as the survey. */
char *
gj_format_real (double value)
{
  return g_strdup_printf ("%'.1f", value);
}
