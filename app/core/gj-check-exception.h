/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record.h"

G_BEGIN_DECLS

#define GJ_TYPE_CHECK_EXCEPTION (gj_check_exception_get_type ())

G_DECLARE_FINAL_TYPE (GjCheckException, gj_check_exception, GJ, CHECK_EXCEPTION, GjRecord)

GjCheckException *gj_check_exception_new (void);

G_END_DECLS
