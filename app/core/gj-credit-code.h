/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * 统一社会信用代码 (GB 32100-2015): 18 characters from
 * "0123456789ABCDEFGHJKLMNPQRTUWXY", the last one a check character over
 * the first 17. Returns TRUE for a valid code; otherwise FALSE and, if
 * @reason is given, a translated sentence saying what is wrong (and, for a
 * wrong check character, which one it should be).
 */
gboolean gj_credit_code_check (const char  *code,
                               char       **reason);

G_END_DECLS
