/*
 * fz_run.c - see fz_run.h.
 */
#include <stdio.h>
#include <string.h>

#include "fz_run.h"

int fz_run_init(struct fz_run *r, char *err, size_t n)
{
	memset(r, 0, sizeof *r);
	sim_program_init(&r->prog);
	r->cpu = sim_cpu_create(err, n);
	return r->cpu ? 0 : -1;
}

void fz_run_free(struct fz_run *r)
{
	sim_program_free(&r->prog);
	sim_cpu_destroy(r->cpu);
	r->cpu = NULL;
}

static void both(void *ctx, const struct sim_obs *o)
{
	struct fz_run *r = ctx;
	fz_oracle_observe(&r->oracle, o);
	if (r->also.obs)
		r->also.obs(r->also.ctx, o);
}

static bool is_finding(unsigned kind)
{
	return kind == SIM_FAIL_INVARIANT || kind == SIM_FAIL_DISPATCHER || kind == SIM_FAIL_MACHINE;
}

bool fz_run_one(struct fz_run *r, const uint8_t *data, size_t size)
{
	struct sim_run_opts opts;

	r->finding[0] = 0;
	if (fz_decode(data, size, &r->prog, &r->choices)) {
		snprintf(r->finding, sizeof r->finding, "out of memory decoding the input");
		return false;
	}
	fz_oracle_begin(&r->oracle, &r->prog.platform);
	memset(&opts, 0, sizeof opts);
	opts.choice.pick = fz_pick;
	opts.choice.ctx = &r->choices;
	opts.observer.obs = both;
	opts.observer.ctx = r;
	opts.max_rounds = r->max_rounds ? r->max_rounds : FZ_MAX_ROUNDS;
	opts.slice_budget = FZ_SLICE_BUDGET;
	if (sim_run(r->cpu, &r->prog, &opts, &r->res)) {
		/* the decoder only builds platforms the dispatcher accepts */
		snprintf(r->finding, sizeof r->finding, "no machine for the decoded program: %s", r->res.message);
		return false;
	}
	if (!r->res.passed && is_finding(r->res.fail_kind)) {
		snprintf(r->finding, sizeof r->finding, "step %u: %s", r->res.step + 1, r->res.message);
		return false;
	}
	if (!fz_oracle_end(&r->oracle, &r->res)) {
		snprintf(r->finding, sizeof r->finding, "the reference model disagrees: %s", r->oracle.why);
		return false;
	}
	return true;
}
