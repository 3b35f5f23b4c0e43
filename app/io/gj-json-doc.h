/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gj-json-value.h"

G_BEGIN_DECLS

/* GjJsonDoc (gj-json-value.h) to and from json-glib's tree. */

/* The same tree, from json-glib's (what other readers build). */
GjJsonDoc         *gj_json_doc_new_from_node  (JsonNode           *node);
/* The value as json-glib's tree, for what is kept or written as JSON. */
JsonNode          *gj_json_value_to_node      (const GjJsonValue  *value);

G_END_DECLS
