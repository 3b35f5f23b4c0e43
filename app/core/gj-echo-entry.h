/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_ECHO_ENTRY (gj_echo_entry_get_type ())

G_DECLARE_FINAL_TYPE (GjEchoEntry, gj_echo_entry, GJ, ECHO_ENTRY, GjRecord)

GjEchoEntry *gj_echo_entry_new (void);

G_END_DECLS
