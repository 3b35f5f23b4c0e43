/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gj-credit-code.h"

/* The 31 characters of the code, in value order (no I, O, S, V, Z). */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static int
value_of (char c)
{
  const char *p = c ? strchr (alphabet, c) : NULL;

  return p ? (int) (p - alphabet) : -1;
}

gboolean
gj_credit_code_check (const char  *code,
                      char       **reason)
{
  int sum = 0, expected;
  glong len;

  if (code == NULL || *code == '\0')
    {
      if (reason)
        *reason = g_strdup (_("the code is empty"));
      return FALSE;
    }

  len = g_utf8_strlen (code, -1);
  if (len != 18)
    {
      if (reason)
        *reason = g_strdup_printf (_("a unified social credit code has 18 characters, this one has %ld"), len);
      return FALSE;
    }

  for (int i = 0; i < 18; i++)
    {
      if (value_of (code[i]) < 0)
        {
          if (reason)
            *reason = g_strdup_printf (_("character %d (“%c”) cannot appear in a unified social credit code (digits and capital letters except I, O, S, V, Z)"),
                                       i + 1, g_ascii_isprint (code[i]) ? code[i] : '?');
          return FALSE;
        }
      if (i < 17)
        sum += value_of (code[i]) * weights[i];
    }

  expected = (31 - sum % 31) % 31;
  if (value_of (code[17]) != expected)
    {
      if (reason)
        *reason = g_strdup_printf (_("the check character is “%c” but should be “%c”: a character was mistyped"),
                                   code[17], alphabet[expected]);
      return FALSE;
    }
  return TRUE;
}
