/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gj-record.h"

G_BEGIN_DECLS

/*
 * Sentences and numbers the window shows. Counts go through ngettext with
 * the locale's digit grouping ("1,570 grids", "共 1570 个网格"), so every
 * kind has whole sentences for the translators instead of glued fragments.
 */

char *gj_format_record_count (GType       record_type,
                              guint       n);
char *gj_format_imported     (const char *kind,
                              guint       n);
char *gj_format_exported     (const char *kind,
                              guint       n);
char *gj_format_integer      (gint64      value);
char *gj_format_real         (double      value);
GType gj_format_type_for_kind (const char *kind);
/* A field's value for reading: numbers grouped, yes/no, lists joined. */
char *gj_format_field        (GjRecord      *record,
                              const GjField *field);

G_END_DECLS
