/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_STREET (gj_street_get_type ())

G_DECLARE_FINAL_TYPE (GjStreet, gj_street, GJ, STREET, GjRecord)

GjStreet *gj_street_new (void);

G_END_DECLS
