/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-record-form.h"

G_BEGIN_DECLS

#define GJ_TYPE_AGREEMENT_PANEL (gj_agreement_panel_get_type ())

G_DECLARE_FINAL_TYPE (GjAgreementPanel, gj_agreement_panel, GJ, AGREEMENT_PANEL, GtkWidget)

/*
 * GjAgreementPanel: one agreement's form — its fields, its status today,
 * the attachment (chosen with a file chooser, opened with the desktop's
 * application), the two-way commitments (双向承诺) as rows to add, edit and
 * remove, the yearly evaluations, and Renew…, Yearly Evaluation… and
 * Terminate. Edits go through the history; renewing and evaluating are
 * the store's own transactions ("renewed" names the new term).
 */
GjRecord     *gj_agreement_panel_get_record (GjAgreementPanel *self);
void          gj_agreement_panel_set_record (GjAgreementPanel *self,
                                             GjRecord         *record);
void          gj_agreement_panel_set_store  (GjAgreementPanel *self,
                                             GjStore          *store);
GjRecordForm *gj_agreement_panel_get_form   (GjAgreementPanel *self);
/* Reads the commitments and evaluations again. */
void          gj_agreement_panel_reload_related (GjAgreementPanel *self);
/* The commitments shown (GjCommitment), both sides. */
GListModel   *gj_agreement_panel_get_commitments (GjAgreementPanel *self);
/* Adds a commitment of @side ("unit" or "community") through the history. */
gboolean      gj_agreement_panel_add_commitment (GjAgreementPanel *self,
                                                 const char       *side,
                                                 const char       *content);
/* Renews the agreement for @start … @end; the new one's id, 0 on failure. */
gint64        gj_agreement_panel_renew      (GjAgreementPanel *self,
                                             const char       *start,
                                             const char       *end);

G_END_DECLS
