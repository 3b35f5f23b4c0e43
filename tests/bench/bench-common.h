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
/* The value at fraction @p (0–1) of the sorted @values. */
double   bench_percentile       (GArray             *values,
                                 double              p);
/* The number after @option on the command line (at least @min), or @fallback. */
int      bench_option_count     (int                 argc,
                                 char              **argv,
                                 const char         *option,
                                 int                 fallback,
                                 int                 min);
/* No display: runs argv again under xvfb-run and returns its status. */
int      bench_rerun_under_xvfb (const char         *name,
                                 int                 argc,
                                 char              **argv);
