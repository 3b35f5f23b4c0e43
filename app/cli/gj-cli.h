/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the command-line contract (DESIGN.md). */
typedef enum
{
  GJ_CLI_OK    = 0,
  GJ_CLI_FAIL  = 1,   /* the work failed; the database is unchanged */
  GJ_CLI_USAGE = 2,
} GjCliStatus;

int gj_cli_run (int    argc,
                char **argv);

G_END_DECLS
