/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gj-store.h"

G_BEGIN_DECLS

/*
 * The echo wall's documents (回音壁): a poster for one published (or
 * resolved) problem, large enough to read on a notice board, as a one-page
 * PDF with its CJK fonts embedded, or as plain text to paste into a WeChat
 * article; and the echo wall of a street for a period as a list. No GTK:
 * the drawing functions take any cairo context, so the window prints the
 * same pages through GtkPrintOperation.
 */

typedef struct _GjEchoPoster GjEchoPoster;
typedef struct _GjEchoList   GjEchoList;

/* What the poster shows, read from the store. */
GjEchoPoster *gj_echo_poster_load       (GjStore        *store,
                                         GjRecord       *problem,
                                         GError        **error);
void          gj_echo_poster_free       (GjEchoPoster   *poster);
/* Draws the poster on a page of @width × @height points. */
void          gj_echo_poster_draw       (GjEchoPoster   *poster,
                                         cairo_t        *cr,
                                         double          width,
                                         double          height);
/* A4 portrait, one page; the file is written whole or not at all. */
gboolean      gj_echo_poster_write_pdf  (GjEchoPoster   *poster,
                                         const char     *path,
                                         GError        **error);
/* Plain text for a WeChat article (no markup). */
char         *gj_echo_poster_dup_text   (GjEchoPoster   *poster);

/* The echo wall of a street (0: all) for @from … @to (NULL: open). */
GjEchoList   *gj_echo_list_load         (GjStore        *store,
                                         gint64          street_id,
                                         const char     *from,
                                         const char     *to,
                                         GError        **error);
void          gj_echo_list_free         (GjEchoList     *list);
guint         gj_echo_list_get_n_entries (GjEchoList    *list);
/* Lays the entries out on pages of @width × @height points (measured
 * with @cr's fonts); returns the number of pages (at least 1). */
guint         gj_echo_list_paginate     (GjEchoList     *list,
                                         cairo_t        *cr,
                                         double          width,
                                         double          height);
void          gj_echo_list_draw_page    (GjEchoList     *list,
                                         cairo_t        *cr,
                                         double          width,
                                         double          height,
                                         guint           page);
/* A4 portrait, as many pages as it takes. */
gboolean      gj_echo_list_write_pdf    (GjEchoList     *list,
                                         const char     *path,
                                         GError        **error);

/* A date YYYY-MM-DD as people read it (2025年7月15日 in Chinese). */
char         *gj_echo_format_date       (const char     *iso);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjEchoPoster, gj_echo_poster_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjEchoList, gj_echo_list_free)

G_END_DECLS
