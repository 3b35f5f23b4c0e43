/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gj-store-meetings.h"

G_BEGIN_DECLS

#define GJ_TYPE_THEME_PLAN_DIALOG (gj_theme_plan_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GjThemePlanDialog, gj_theme_plan_dialog, GJ, THEME_PLAN_DIALOG, AdwMessageDialog)

/*
 * GjThemePlanDialog: the yearly theme plan of a series (一月一主题), twelve
 * months to type; "saved" after gj_store_series_set_themes() wrote them.
 */
GtkWidget *gj_theme_plan_dialog_new   (GtkWindow  *parent,
                                       GjStore    *store,
                                       GjMeeting  *master,
                                       int         year);
/* The month's entry (1–12), for the tests. */
GtkEditable *gj_theme_plan_dialog_get_entry (GjThemePlanDialog *self,
                                             guint              month);
gboolean   gj_theme_plan_dialog_save  (GjThemePlanDialog *self,
                                       GError           **error);

G_END_DECLS
