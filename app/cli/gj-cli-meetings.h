/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-store.h"

G_BEGIN_DECLS

/* The usage line of "agenda" for gongjian-cli --help. */
#define GJ_CLI_AGENDA_USAGE \
  N_("  agenda MEETING --output FILE [--minutes|--notice]\n" \
     "                                  the meeting's notice with its (draft) agenda, or its minutes, as PDF or\n" \
     "                                  Markdown (.pdf, .md); MEETING is its UUID or code\n")

/*
 * gongjian-cli agenda MEETING --output FILE [--notice|--minutes]
 *
 * @argv: the arguments after the command name (NULL-terminated, @argc of
 * them); "--output FILE", "--output=FILE" and "-o FILE" are read here too
 * (the caller may have taken --output out already and pass @output).
 * Prints "Wrote FILE"; returns a GjCliStatus (0, 1 with the reason on
 * stderr, 2 for a usage error).
 */
int gj_cli_agenda (GjStore     *store,
                   int          argc,
                   char       **argv,
                   const char  *output);

G_END_DECLS
