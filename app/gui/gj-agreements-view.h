/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-agreement-panel.h"
#include "gj-history.h"
#include "gj-record-table.h"

G_BEGIN_DECLS

#define GJ_TYPE_AGREEMENTS_VIEW (gj_agreements_view_get_type ())

G_DECLARE_FINAL_TYPE (GjAgreementsView, gj_agreements_view, GJ, AGREEMENTS_VIEW, GtkWidget)

/*
 * GjAgreementsView: the joint-construction agreements — a table with the
 * status each has today (coloured), filters by street and status, the
 * agreements expiring within 60 days, and the selected one's form
 * (GjAgreementPanel).
 */
void               gj_agreements_view_set_store     (GjAgreementsView *self,
                                                     GjStore          *store);
void               gj_agreements_view_set_history   (GjAgreementsView *self,
                                                     GjHistory        *history);
GjRecordTable     *gj_agreements_view_get_table     (GjAgreementsView *self);
GjAgreementPanel  *gj_agreements_view_get_panel     (GjAgreementsView *self);
void               gj_agreements_view_reload        (GjAgreementsView *self);
void               gj_agreements_view_show          (GjAgreementsView *self,
                                                     gint64            id);
/* Asks for a new agreement, with @unit when given. */
void               gj_agreements_view_new_agreement (GjAgreementsView *self,
                                                     GjRecord         *unit);
/* The filters: a street (0: all), a status (-1: all), expiring only. */
void               gj_agreements_view_filter        (GjAgreementsView *self,
                                                     gint64            street_id,
                                                     int               status,
                                                     gboolean          expiring_only);

G_END_DECLS
