/*
 * scn_run.h - running scenarios from the tests, the way `sdeisim run`
 * does (same choice source), and recording what a run observed so that
 * two runs can be compared.
 */
#ifndef SCN_RUN_H
#define SCN_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scn.h"
#include "sim.h"

/* The CPU every run of a test binary shares (created on first use). */
struct sim_cpu *scn_test_cpu(void);

/* What a run observed: every observation, texts copied. */
struct obs_log {
	struct sim_obs *o;
	char **text;
	uint32_t n, cap;
};

/* Run prog as `sdeisim run` does, into res (with its digest); log (may
 * be NULL) gets the observations.  Returns sim_run's result. */
int scn_test_run(const struct sim_program *prog, struct sim_result *res, struct obs_log *log);
void obs_log_free(struct obs_log *log);
/* Do two logs hold the same run?  Compares every field an observation
 * defines (the PE of an SPI firing is not defined: the GIC routes it).
 * why gets the first difference. */
bool obs_log_same(const struct obs_log *a, const struct obs_log *b, char *why, size_t n);

/* Load file (under profile, NULL: default) and run it: 0 with msg "" when
 * it passes; 1 with msg "FILE:LINE:COLUMN: what failed" when it fails; 2
 * with the load error or the reason no machine could be built. */
int scn_test_run_file(const char *file, const char *profile, char *msg, size_t n);

#endif /* SCN_RUN_H */
