/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gj-print.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * GjPrintDialog: print or export the map — paper (A4, A3), orientation,
 * title, subtitle, which parts show (legend, scale bar, north arrow, date,
 * data note), and an atlas with one page per street. "Save as PDF…" and
 * "Save as PNG…" write a file in a thread on a store of its own; "Print…"
 * sends the same pages (gj-print's drawing) to a printer through
 * GtkPrintOperation.
 */

#define GJ_TYPE_PRINT_DIALOG (gj_print_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GjPrintDialog, gj_print_dialog, GJ, PRINT_DIALOG, AdwWindow)

/* @theme: the map's colouring, as on screen. */
GjPrintDialog *gj_print_dialog_new         (GtkWindow            *parent,
                                            GjStore              *store,
                                            GjMapTheme            theme);
/* The options as the dialog's rows say; the strings are the dialog's,
 * valid until it changes; ->output is left NULL. */
void           gj_print_dialog_get_options (GjPrintDialog        *self,
                                            GjPrintOptions       *options);
/* Puts @options' paper, orientation, title, subtitle, parts and atlas
 * into the rows. */
void           gj_print_dialog_set_options (GjPrintDialog        *self,
                                            const GjPrintOptions *options);

/* Writes the file (.pdf or .png; an atlas needs .pdf) as the dialog's
 * options say, in a thread; what "Save as …" does after its chooser. */
void           gj_print_dialog_export_async  (GjPrintDialog       *self,
                                              const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       gj_print_dialog_export_finish (GjPrintDialog       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
