/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-history.h"
#include "gj-records.h"

G_BEGIN_DECLS

#define GJ_TYPE_RECORD_PANEL (gj_record_panel_get_type ())

G_DECLARE_FINAL_TYPE (GjRecordPanel, gj_record_panel, GJ, RECORD_PANEL, GtkWidget)

/*
 * GjRecordPanel: the side panel of the record picked on the map — a form
 * for a grid or a station (each value saved through the history when it is
 * applied, "saved" then; "failed" with the reason when it is refused), the
 * values of other kinds to read, and buttons for the shape and the trash
 * (win.edit-shape, win.delete-record).
 */
GtkWidget *gj_record_panel_new        (void);
GjRecord  *gj_record_panel_get_record (GjRecordPanel *self);
void       gj_record_panel_set_record (GjRecordPanel *self,
                                       GjRecord      *record);

/* Edits go through @history; without one the panel only shows. */
void       gj_record_panel_set_history (GjRecordPanel *self,
                                        GjHistory     *history);
/* TRUE for the kinds of station that are centres (中心), with a floor
 * space rule. */
gboolean   gj_station_kind_is_centre  (const char    *kind);

G_END_DECLS
