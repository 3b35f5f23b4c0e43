/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * GjPreferencesWindow: the application's settings. Group "Basemap": the
 * offline map (the default), a raster MBTiles file, or an online map
 * (OpenStreetMap, Tianditu with the user's key). Everything is written to
 * GSettings at once; the windows' maps follow the settings.
 */

#define GJ_TYPE_PREFERENCES_WINDOW (gj_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GjPreferencesWindow, gj_preferences_window, GJ, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *gj_preferences_window_new (GtkWindow *parent);

/* What choosing @path in the file chooser does (tests): checks the file is
 * raster MBTiles, then makes it the basemap; else says why, in a toast,
 * and returns FALSE. */
gboolean   gj_preferences_window_choose_mbtiles (GjPreferencesWindow *self,
                                                 const char          *path);

G_END_DECLS
