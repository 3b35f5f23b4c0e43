/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gj-cli.h"
#include "gj-cli-meetings.h"
#include "gj-meeting-docs.h"
#include "gj-store-meetings.h"

static int
agenda_usage (const char *message)
{
  g_printerr ("gongjian-cli: %s\n", message);
  g_printerr (_("Try “gongjian-cli --help”.\n"));
  return GJ_CLI_USAGE;
}

int
gj_cli_agenda (GjStore     *store,
               int          argc,
               char       **argv,
               const char  *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GjMeeting) meeting = NULL;
  g_autofree char *out = g_strdup (output);
  const char *which = NULL;
  GjMeetingDocKind kind = GJ_MEETING_DOC_AUTO;

  g_return_val_if_fail (GJ_IS_STORE (store), GJ_CLI_FAIL);

  for (int i = 0; i < argc && argv[i]; i++)
    {
      const char *a = argv[i];

      if (strcmp (a, "--output") == 0 || strcmp (a, "-o") == 0)
        {
          if (i + 1 >= argc || argv[i + 1] == NULL)
            return agenda_usage (_("--output needs a FILE"));
          g_free (out);
          out = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (a, "--output="))
        {
          g_free (out);
          out = g_strdup (a + strlen ("--output="));
        }
      else if (strcmp (a, "--minutes") == 0)
        kind = GJ_MEETING_DOC_MINUTES;
      else if (strcmp (a, "--notice") == 0)
        kind = GJ_MEETING_DOC_NOTICE;
      else if (a[0] == '-' && a[1] != '\0')
        {
          g_autofree char *msg = g_strdup_printf (_("agenda: unknown option “%s”"), a);
          return agenda_usage (msg);
        }
      else if (which == NULL)
        which = a;
      else
        return agenda_usage (_("agenda takes one MEETING (its UUID or code)"));
    }
  if (which == NULL)
    return agenda_usage (_("agenda needs a MEETING (its UUID or code)"));
  if (out == NULL || *out == '\0')
    return agenda_usage (_("agenda needs --output FILE (.pdf or .md)"));
  {
    g_autofree char *lower = g_ascii_strdown (out, -1);

    if (!g_str_has_suffix (lower, ".pdf") && !g_str_has_suffix (lower, ".md") && !g_str_has_suffix (lower, ".markdown"))
      return agenda_usage (_("agenda writes .pdf or .md files"));
  }

  meeting = gj_store_find_meeting (store, which, &error);
  if (meeting == NULL || !gj_meeting_doc_write (store, meeting, kind, out, &error))
    {
      g_printerr ("gongjian-cli: %s\n", error->message);
      return GJ_CLI_FAIL;
    }
  g_print (_("Wrote %s\n"), out);
  return GJ_CLI_OK;
}
