/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-store.h"

G_BEGIN_DECLS

/*
 * Fills @store with the bundled sample district (涧西区, synthetic): its grids,
 * service stations and resident units, compiled into the program. One
 * transaction; @store should be empty.
 */
gboolean gj_sample_load (GjStore         *store,
                         GjProgressFunc   progress,
                         gpointer         user_data,
                         GCancellable    *cancellable,
                         GError         **error);

G_END_DECLS
