/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "gj-progress-note.h"

struct _GjProgressNote
{
  GjRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GjProgressNote, gj_progress_note, GJ_TYPE_RECORD)

static const GjField fields[] = {
  { "problem_id", GJ_FIELD_INT, GJ_FIELD_FLAG_LINK, NULL, NULL },
  { "noted_on", GJ_FIELD_TEXT, GJ_FIELD_FLAG_DATE, N_("Date"), NULL },
  { "text", GJ_FIELD_TEXT, GJ_FIELD_FLAG_REQUIRED, N_("Note"), NULL },
  { "author", GJ_FIELD_TEXT, GJ_FIELD_FLAG_NONE, N_("Author"), NULL },
};

static void
gj_progress_note_class_init (GjProgressNoteClass *klass)
{
  gj_record_class_set_fields (GJ_RECORD_CLASS (klass), "progress_note", fields, G_N_ELEMENTS (fields));
}

static void
gj_progress_note_init (GjProgressNote *self)
{
}

GjProgressNote *
gj_progress_note_new (void)
{
  return g_object_new (GJ_TYPE_PROGRESS_NOTE, NULL);
}
