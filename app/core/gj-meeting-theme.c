/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-meeting-theme.h"

struct _GjMeetingTheme
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjMeetingTheme, gj_meeting_theme, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "series_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "month", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Month"), NULL },
  { "theme", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Theme"), NULL },
};

static void
gj_meeting_theme_class_init (GjMeetingThemeClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "meeting_theme", fields, G_N_ELEMENTS (fields));
}

static void
gj_meeting_theme_init (GjMeetingTheme *self)
{
}

GjMeetingTheme *
gj_meeting_theme_new (void)
{
  return g_object_new (GJ_TYPE_MEETING_THEME, NULL);
}
