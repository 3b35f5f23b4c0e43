/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-record-table.h"

G_BEGIN_DECLS

/* For the window and the tests: the view and what it shows. */
GtkColumnView  *gj_record_table_get_column_view (GjRecordTable *self);
/* The rows in view order (after search and sorting). */
GListModel     *gj_record_table_get_model       (GjRecordTable *self);
/* Searches at once, without the entry's typing delay. */
void            gj_record_table_search          (GjRecordTable *self,
                                                 const char    *text);

G_END_DECLS
