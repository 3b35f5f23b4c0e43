/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include "gj-agenda-item.h"

struct _GjAgendaItem
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjAgendaItem, gj_agenda_item, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "meeting_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "position", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Order"), NULL },
  { "title", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Title"), NULL },
  { "presenter_unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "presenter_unit_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Presenting unit"), "(SELECT name FROM unit WHERE id = t.presenter_unit_id)" },
  { "minutes_planned", GJ_FIELD_INT, GJ_FIELD_FLAG_NONE, N_("Minutes planned"), NULL },
  { "discussion", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Discussion"), NULL },
  { "decision", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Decision"), NULL },
  { "publish", GJ_FIELD_BOOL, GJ_FIELD_FLAG_NONE, N_("Publish"), NULL },
  { "problem_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "agreement_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "grid_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "source", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Source"), NULL },
  { "topic_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "responsible_unit_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "responsible_unit_name", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DERIVED, N_("Responsible unit"), "(SELECT name FROM unit WHERE id = t.responsible_unit_id)" },
  { "measures", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Measures"), NULL },
  { "deadline", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Deadline"), NULL },
  { "outcome", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Outcome"), NULL },
  { "carried_from_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
};

static const struct
{
  const char *code;
  const char *title;
} sources[] = {
  { "manual", N_("Added by hand") },
  { "backlog", N_("Suggested topic") },
  { "problem", N_("Problem due") },
  { "agreement-expiring", N_("Agreement expiring") },
  { "agreement-evaluation", N_("Agreement evaluation due") },
  { "followup", N_("Unfinished from last meeting") },
};

static const struct
{
  const char *code;
  const char *title;
} outcomes[] = {
  { "open", N_("Open") },
  { "done", N_("Done") },
  { "unfinished", N_("Unfinished") },
  { "carried", N_("Moved to a later meeting") },
};

static void
gj_agenda_item_class_init (GjAgendaItemClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "agenda_item", fields, G_N_ELEMENTS (fields));
}

static void
gj_agenda_item_init (GjAgendaItem *self)
{
}

GjAgendaItem *
gj_agenda_item_new (void)
{
  return g_object_new (GJ_TYPE_AGENDA_ITEM, NULL);
}

GjAgendaSource
gj_agenda_source_from_string (const char *text)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (sources); i++)
    if (strcmp (text, sources[i].code) == 0)
      return (GjAgendaSource) i;
  return GJ_AGENDA_SOURCE_MANUAL;
}

const char *
gj_agenda_source_to_string (GjAgendaSource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (sources), NULL);
  return sources[source].code;
}

const char *
gj_agenda_source_get_title (GjAgendaSource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (sources), NULL);
  return _(sources[source].title);
}

GjAgendaOutcome
gj_agenda_outcome_from_string (const char *text)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (outcomes); i++)
    if (strcmp (text, outcomes[i].code) == 0)
      return (GjAgendaOutcome) i;
  return GJ_AGENDA_OUTCOME_OPEN;
}

const char *
gj_agenda_outcome_to_string (GjAgendaOutcome outcome)
{
  g_return_val_if_fail (outcome < G_N_ELEMENTS (outcomes), NULL);
  return outcomes[outcome].code;
}

const char *
gj_agenda_outcome_get_title (GjAgendaOutcome outcome)
{
  g_return_val_if_fail (outcome < G_N_ELEMENTS (outcomes), NULL);
  return _(outcomes[outcome].title);
}

GjAgendaSource
gj_agenda_item_get_source (GjAgendaItem *self)
{
  g_return_val_if_fail (GJ_IS_AGENDA_ITEM (self), GJ_AGENDA_SOURCE_MANUAL);
  return gj_agenda_source_from_string (gj_record_get_text (GJ_RECORD (self), "source"));
}

GjAgendaOutcome
gj_agenda_item_get_outcome (GjAgendaItem *self)
{
  g_return_val_if_fail (GJ_IS_AGENDA_ITEM (self), GJ_AGENDA_OUTCOME_OPEN);
  return gj_agenda_outcome_from_string (gj_record_get_text (GJ_RECORD (self), "outcome"));
}

gboolean
gj_agenda_item_has_followup (GjAgendaItem *self)
{
  const char *measures;

  g_return_val_if_fail (GJ_IS_AGENDA_ITEM (self), FALSE);
  if (gj_record_get_int (GJ_RECORD (self), "responsible_unit_id") > 0)
    return TRUE;
  for (measures = gj_record_get_text (GJ_RECORD (self), "measures"); measures && *measures;
       measures = g_utf8_next_char (measures))
    if (!g_unichar_isspace (g_utf8_get_char (measures)))
      return TRUE;
  return FALSE;
}

guint
gj_agenda_total_minutes (GListModel *items)
{
  guint total = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), 0);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GjRecord) item = g_list_model_get_item (items, i);
      gint64 planned = gj_record_get_int (item, "minutes_planned");

      total += planned > 0 ? (guint) MIN (planned, 24 * 60) : GJ_AGENDA_DEFAULT_MINUTES;
    }
  return total;
}

gboolean
gj_agenda_check_length (GListModel  *items,
                        GjMeeting   *meeting,
                        guint       *total,
                        char       **warning)
{
  guint sum, length;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), FALSE);
  g_return_val_if_fail (GJ_IS_MEETING (meeting), FALSE);

  sum = gj_agenda_total_minutes (items);
  length = gj_meeting_get_length_minutes (meeting);
  if (total)
    *total = sum;
  if (length == 0 || sum <= length)
    return TRUE;
  if (warning)
    *warning = g_strdup_printf (_("The agenda needs %u minutes; the meeting lasts %u."), sum, length);
  return FALSE;
}
