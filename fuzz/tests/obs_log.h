/*
 * obs_log.h - for tests that compare two machines' runs: an observer that
 * keeps the observations, and the comparison of two of them.
 */
#ifndef OBS_LOG_H
#define OBS_LOG_H

#include <stdbool.h>
#include <string.h>

#include "sim.h"

#define OBS_LOG_MAX 8192

struct obs_log {
	struct sim_obs o[OBS_LOG_MAX];
	unsigned n;
};

/* The observer (ctx: a struct obs_log); observations past OBS_LOG_MAX are
 * not kept.  The clock is not: two machines count differently.  Nor is a
 * skipped step's word: fuzz_core's machine does not say why it skips a
 * step (fz_run.c's log leaves it out too). */
static inline void obs_log_record(void *ctx, const struct sim_obs *o)
{
	struct obs_log *l = ctx;

	if (o->kind != SIM_OBS_SKIP && l->n < OBS_LOG_MAX) {
		l->o[l->n] = *o;
		l->o[l->n].time = 0;
		l->n++;
	}
}

/* What two machines must agree on: everything but the clock and the text. */
static inline bool obs_log_same(const struct sim_obs *a, const struct sim_obs *b)
{
	struct sim_obs x = *a, y = *b;

	x.text = y.text = NULL;
	x.time = y.time = 0;
	return memcmp(&x, &y, sizeof x) == 0;
}

#endif /* OBS_LOG_H */
