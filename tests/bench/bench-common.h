/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers shared by the benchmarks that run the command-line tool against
 * the synthetic district of gen-synthetic.py and a peer program.
 */
#pragma once

#include <gio/gio.h>

#define BENCH_SKIP 77

gboolean bench_run_quietly      (const char * const *argv,
                                 GError            **error);
char    *bench_ensure_synthetic (GError            **error);
char    *bench_ensure_database  (GError            **error);
double   bench_time_command     (const char * const *argv,
                                 char              **out,
                                 GError            **error);
double   bench_median           (GArray             *values);
