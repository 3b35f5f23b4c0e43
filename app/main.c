/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gj-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GjApplication) application = NULL;
  const char *localedir = g_getenv ("GONGJIAN_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* GONGJIAN_LOCALEDIR lets an uninstalled build use its own catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = gj_application_new (G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
