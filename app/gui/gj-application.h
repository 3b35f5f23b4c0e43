/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GJ_TYPE_APPLICATION (gj_application_get_type ())

G_DECLARE_FINAL_TYPE (GjApplication, gj_application, GJ, APPLICATION, AdwApplication)

GjApplication *gj_application_new (GApplicationFlags flags);

G_END_DECLS
