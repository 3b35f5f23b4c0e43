/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gj-store.h"

G_BEGIN_DECLS

#define GJ_TYPE_WINDOW (gj_window_get_type ())

G_DECLARE_FINAL_TYPE (GjWindow, gj_window, GJ, WINDOW, AdwApplicationWindow)

typedef enum
{
  GJ_WINDOW_OPEN_DEFAULT   = 0,
  /* Create the database when the file does not exist. */
  GJ_WINDOW_OPEN_CREATE    = 1 << 0,
  /* Remember it as the database to open next time. */
  GJ_WINDOW_OPEN_REMEMBER  = 1 << 1,
  /* A scratch database: deleted, with its folder, when the window lets go of it. */
  GJ_WINDOW_OPEN_THROWAWAY = 1 << 2,
} GjWindowOpenFlags;

GjWindow       *gj_window_new            (GtkApplication     *application);
GjStore        *gj_window_get_store      (GjWindow           *self);
/* Opens the database at @path in this window. On failure the file is left
 * untouched and the window keeps what it showed. */
gboolean        gj_window_open           (GjWindow           *self,
                                          const char         *path,
                                          GjWindowOpenFlags   flags,
                                          GError            **error);
/* Opens the database remembered from last time, or shows the welcome page. */
void            gj_window_open_last      (GjWindow           *self);
/* Builds the bundled sample district into the new file @path in a worker
 * thread, then opens it; @path NULL builds a throwaway copy in a temporary
 * folder. */
void            gj_window_build_sample   (GjWindow           *self,
                                          const char         *path,
                                          GjWindowOpenFlags   flags);
void            gj_window_show_welcome   (GjWindow           *self);
void            gj_window_show_error     (GjWindow           *self,
                                          const char         *heading,
                                          const char         *message);

G_END_DECLS
