/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* What ShumateRasterRenderer can decode, told from the first bytes: "png",
 * "jpg", "webp", or NULL for anything else (an error page, a vector tile).
 * The renderer warns about every tile it cannot decode; the sources refuse
 * such data instead. */
static inline const char *
gj_tile_data_sniff_format (const guint8 *data,
                           gsize         size)
{
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "jpg";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "webp";
  return NULL;
}

G_END_DECLS
