/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_AGREEMENT (gj_agreement_get_type ())

G_DECLARE_FINAL_TYPE (GjAgreement, gj_agreement, GJ, AGREEMENT, GjRecord)

/* What an agreement is on a given day. Only DRAFT and TERMINATED are set
 * by hand (the "status" field); the rest follow from the term. */
typedef enum
{
  GJ_AGREEMENT_DRAFT,
  GJ_AGREEMENT_PENDING,      /* signed, its term not begun */
  GJ_AGREEMENT_IN_FORCE,
  GJ_AGREEMENT_EXPIRING,     /* in force, ending within GJ_AGREEMENT_EXPIRING_DAYS */
  GJ_AGREEMENT_EXPIRED,
  GJ_AGREEMENT_TERMINATED,
} GjAgreementStatus;

#define GJ_AGREEMENT_EXPIRING_DAYS 60

GjAgreement       *gj_agreement_new              (void);
GjAgreementStatus  gj_agreement_get_status       (GjAgreement       *self,
                                                  const GDate       *today);
/* "draft", "pending", "in-force", "expiring", "expired", "terminated". */
const char        *gj_agreement_status_to_string (GjAgreementStatus  status);
/* Translated, for people: 草稿, 未生效, 生效中, 即将到期, 已到期, 已终止. */
const char        *gj_agreement_status_get_title (GjAgreementStatus  status);
/* What a file's status column means for the hand-set field: "draft",
 * "terminated", or NULL (computed) — Chinese and English words accepted. */
const char        *gj_agreement_status_normalize (const char        *text);

G_END_DECLS
