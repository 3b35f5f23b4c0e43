/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Web Mercator arithmetic shared by the tile sources and the layers lives
 * with the painter in app/core, so printing uses the same maths.
 */
#include "gj-map-painter.h"
