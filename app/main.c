/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

/* The window arrives in the next commit. */
int
main (int   argc,
      char *argv[])
{
  return 0;
}
