/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gj-record-form.h"
#include "gj-store.h"

G_BEGIN_DECLS

/*
 * Drop-downs that filter a table: "All streets" and the district's streets,
 * or "All …" and a fixed set of values. Each keeps the value of every entry
 * beside its title.
 */

GtkDropDown *gj_filters_street_new        (void);
/* Reads the streets of @store; the choice goes back to all streets. */
void         gj_filters_street_set_store  (GtkDropDown        *dropdown,
                                           GjStore            *store);
/* The chosen street's id; 0 for all streets. */
gint64       gj_filters_street_get_id     (GtkDropDown        *dropdown);
void         gj_filters_street_set_id     (GtkDropDown        *dropdown,
                                           gint64              id);

/* @all_title first ("All kinds"), then @choices (their "" entry left out). */
GtkDropDown *gj_filters_choice_new        (const char         *all_title,
                                           const GjFormChoice *choices);
/* The chosen value; NULL for all. */
const char  *gj_filters_choice_get_value  (GtkDropDown        *dropdown);
gboolean     gj_filters_choice_set_value  (GtkDropDown        *dropdown,
                                           const char         *value);

G_END_DECLS
