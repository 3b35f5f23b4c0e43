/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gj-store-meetings.h"

G_BEGIN_DECLS

#define GJ_TYPE_SERIES_DIALOG (gj_series_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GjSeriesDialog, gj_series_dialog, GJ, SERIES_DIALOG, AdwMessageDialog)

/*
 * GjSeriesDialog: a new monthly series of joint meetings (一月一会) — theme,
 * street, first day, time and place, and the rule: on day N, on the nth
 * or last weekday, every N months, until a day or a number of times.
 * "created" hands over the saved master.
 */
GtkWidget *gj_series_dialog_new      (GtkWindow       *parent,
                                      GjStore         *store,
                                      gint64           street_id,
                                      const char      *date);
/* The rule as the dialog reads it now; FALSE with a reason when a value
 * is not one. */
gboolean   gj_series_dialog_get_rule (GjSeriesDialog  *self,
                                      GjRecurrence    *rule,
                                      GError         **error);
/* Saves the series (what "Create" does); the master, or NULL. */
GjMeeting *gj_series_dialog_create   (GjSeriesDialog  *self,
                                      GError         **error);

G_END_DECLS
