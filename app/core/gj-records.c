/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-records.h"

void
gj_records_ensure_types (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      /* Classes register their kind when they are made, so make them. */
      const GType types[] = {
      GJ_TYPE_CHECK_EXCEPTION,
      GJ_TYPE_DISTRICT,
      GJ_TYPE_STREET,
      GJ_TYPE_COMMUNITY,
      GJ_TYPE_GRID,
      GJ_TYPE_STATION,
      GJ_TYPE_UNIT,
      GJ_TYPE_AGREEMENT,
      GJ_TYPE_COMMITMENT,
      GJ_TYPE_EVALUATION,
      GJ_TYPE_LIST_ITEM,
      GJ_TYPE_MEETING,
      GJ_TYPE_AGENDA_ITEM,
      GJ_TYPE_ATTENDANCE,
      GJ_TYPE_PROBLEM,
      GJ_TYPE_PROBLEM_UNIT,
      GJ_TYPE_PROGRESS_NOTE,
      GJ_TYPE_TRASH_ENTRY,
      GJ_TYPE_CHANGE,
      GJ_TYPE_ECHO_ENTRY,
      GJ_TYPE_TOPIC,
      GJ_TYPE_MEETING_THEME,
      GJ_TYPE_SAVED_VIEW,
      };

      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        g_type_class_unref (g_type_class_ref (types[i]));
      g_once_init_leave (&done, 1);
    }
}
