/*
 * fz_oracle.h - the fuzzers' oracle: an observer of a simulator run that
 * feeds everything the dispatcher answered and did to the reference model
 * (fuzz/model, written from the specification alone), and records the
 * first disagreement: a call result the specification does not allow, a
 * dispatch that should not have happened, or, once the machine has
 * settled after a step, an event left undelivered that had to be.
 */
#ifndef FZ_ORACLE_H
#define FZ_ORACLE_H

#include <stdbool.h>

#include "rm.h"
#include "sim.h"

struct fz_oracle {
	struct rm_model model;
	bool     active;         /* the model supports this platform */
	bool     failed;         /* a disagreement was found */
	bool     machine_failed; /* the run stopped early: no settledness check */
	bool     step_open;
	unsigned npe;
	uint8_t  power[RM_MAX_PES];
	uint8_t  paused[RM_MAX_PES];
	char     why[600];
	uint64_t checks;         /* model checks made (for statistics) */
};

/* Start a run on platform p.  Returns false when the model cannot follow
 * this platform (the run is then not checked). */
bool fz_oracle_begin(struct fz_oracle *o, const struct sim_platform *p);

/* The observer function (ctx: the oracle). */
void fz_oracle_observe(void *ctx, const struct sim_obs *ob);

/* The run ended with result r: final checks.  true = no disagreement. */
bool fz_oracle_end(struct fz_oracle *o, const struct sim_result *r);

#endif /* FZ_ORACLE_H */
