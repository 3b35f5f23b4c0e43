/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-records.h"

G_BEGIN_DECLS

#define GJ_TYPE_RECORD_PANEL (gj_record_panel_get_type ())

G_DECLARE_FINAL_TYPE (GjRecordPanel, gj_record_panel, GJ, RECORD_PANEL, GtkWidget)

/*
 * GjRecordPanel: the side panel that shows the record picked on the map —
 * its name, what it is, and every field with a value, as rows.
 */
GtkWidget *gj_record_panel_new        (void);
GjRecord  *gj_record_panel_get_record (GjRecordPanel *self);
void       gj_record_panel_set_record (GjRecordPanel *self,
                                       GjRecord      *record);

G_END_DECLS
