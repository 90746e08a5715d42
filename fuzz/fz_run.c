/*
 * fz_run.c - see fz_run.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fz_run.h"

int fz_run_init(struct fz_run *r, char *err, size_t n)
{
	memset(r, 0, sizeof *r);
	sim_program_init(&r->prog);
	r->pair = calloc(2, sizeof *r->pair);
	if (r->pair == NULL) {
		snprintf(err, n, "out of memory");
		return -1;
	}
	r->cpu = sim_cpu_create(err, n);
	return r->cpu ? 0 : -1;
}

void fz_run_free(struct fz_run *r)
{
	sim_program_free(&r->prog);
	sim_cpu_destroy(r->cpu);
	free(r->pair);
	r->cpu = NULL;
	r->pair = NULL;
}

/* What two runs must agree on: an observation without its time, its step
 * number and the index of the step that made a call (a migration inserts
 * a step). */
static struct sim_obs comparable(const struct sim_obs *o)
{
	struct sim_obs k = *o;

	k.time = 0;
	k.step = 0;
	if (!k.from_handler)
		k.op = 0;
	return k;
}

void fz_log_begin(struct fz_log *l)
{
	l->n = l->total = 0;
	l->hash = SIM_FNV_BASIS;
}

void fz_log_obs(struct fz_log *l, const struct sim_obs *o)
{
	struct sim_obs k;

	/* what the run did, not how its steps went: fuzz_core's machine tells
	 * no steps, skipped or not */
	if (o->kind == SIM_OBS_STEP || o->kind == SIM_OBS_MIGRATE || o->kind == SIM_OBS_SKIP)
		return;
	if (l->n < FZ_LOG_MAX) {
		l->o[l->n] = *o;
		l->o[l->n++].text = NULL;
	}
	l->total++;
	k = comparable(o);
	k.text = NULL;
	/* observations are built from zeroed structs: padding is zero too */
	sim_fnv64(&l->hash, &k, sizeof k);
}

static void final_state(void *ctx, struct sdd *d)
{
	fz_oracle_final(ctx, d);
}

static void both(void *ctx, const struct sim_obs *o)
{
	struct fz_run *r = ctx;
	fz_oracle_observe(&r->oracle, o);
	if (r->log)
		fz_log_obs(r->log, o);
	if (r->also.obs)
		r->also.obs(r->also.ctx, o);
}

void fz_run_cells(struct fz_run *r, uint8_t *emulated, size_t n, uint8_t *state)
{
	sim_cpu_set_coverage(r->cpu, emulated, n);
	r->oracle.state_cells = state;
}

bool fz_run_program(struct fz_run *r, bool digest)
{
	struct sim_run_opts opts;
	bool accepted;

	r->finding[0] = 0;
	r->choices.next = 0;
	r->last_log = r->log;
	if (r->log)
		fz_log_begin(r->log);
	/* One conversion for the oracle and the machine: a refused platform
	 * is sim_run's to report. */
	accepted = sim_platform_to_sdd(&r->prog.platform, &r->splat) == SDD_INIT_OK;
	fz_oracle_begin_sdd(&r->oracle, &r->prog.platform, accepted ? &r->splat : NULL);
	memset(&opts, 0, sizeof opts);
	opts.splat = accepted ? &r->splat : NULL;
	opts.choice.pick = fz_pick;
	opts.choice.ctx = &r->choices;
	opts.observer.obs = both;
	opts.observer.ctx = r;
	opts.at_end.fn = final_state;
	opts.at_end.ctx = &r->oracle;
	opts.max_rounds = r->max_rounds ? r->max_rounds : FZ_MAX_ROUNDS;
	opts.slice_budget = FZ_SLICE_BUDGET;
	opts.digest = digest;
	opts.no_notes = true;            /* a harness reads none */
	opts.skip_invariants = r->no_invariants;
	if (sim_run(r->cpu, &r->prog, &opts, &r->res)) {
		/* the decoder only builds platforms the dispatcher accepts */
		snprintf(r->finding, sizeof r->finding, "no machine for the decoded program: %s", r->res.message);
		return false;
	}
	if (!r->res.passed && sim_fail_is_fault(r->res.fail_kind)) {
		snprintf(r->finding, sizeof r->finding, "step %u: %s", r->res.step + 1, r->res.message);
		return false;
	}
	if (!fz_oracle_end(&r->oracle)) {
		snprintf(r->finding, sizeof r->finding, "the reference model disagrees: %s", r->oracle.why);
		return false;
	}
	return true;
}

static bool decode(struct fz_run *r, const uint8_t *data, size_t size)
{
	if (fz_decode(data, size, &r->prog, &r->choices) == 0)
		return true;
	snprintf(r->finding, sizeof r->finding, "out of memory decoding the input");
	return false;
}

bool fz_run_one(struct fz_run *r, const uint8_t *data, size_t size)
{
	return decode(r, data, size) && fz_run_program(r, false);
}

uint32_t fz_migrate_cut(const uint8_t *data, size_t size, uint32_t nsteps)
{
	size_t whole = size > FZ_HEADER_BYTES ? (size - FZ_HEADER_BYTES) / FZ_RECORD_BYTES : 0;
	size_t tail = FZ_HEADER_BYTES + whole * FZ_RECORD_BYTES;

	if (whole > FZ_MAX_RECORDS || tail >= size)
		return nsteps / 2;
	return data[tail] % (nsteps + 1);
}

bool fz_insert_step(struct sim_program *p, uint32_t at, const struct sim_op *op)
{
	if (at > p->nsteps || sim_add_step(p, op) == UINT32_MAX)
		return false;
	memmove(&p->steps[at + 1], &p->steps[at], (p->nsteps - 1 - at) * sizeof p->steps[0]);
	p->steps[at] = *op;
	/* where it is reported: at the step it stands before (or the last) */
	p->steps[at].loc = at + 1 < p->nsteps ? p->steps[at + 1].loc : p->steps[at ? at - 1 : 0].loc;
	return true;
}

static bool insert_migrate(struct fz_run *r, uint32_t cut)
{
	struct sim_op op = sim_op_new(SIM_OP_MIGRATE, SIM_NONE);

	return fz_insert_step(&r->prog, cut, &op);
}

long fz_first_difference(const struct fz_log *a, const struct fz_log *b)
{
	uint32_t n = a->n < b->n ? a->n : b->n;

	for (uint32_t k = 0; k < n; k++) {
		struct sim_obs x = comparable(&a->o[k]), y = comparable(&b->o[k]);
		if (memcmp(&x, &y, sizeof x) != 0)
			return (long)k;
	}
	if (a->total != b->total || a->hash != b->hash)
		return (long)n;
	return -1;
}

bool fz_run_migrated(struct fz_run *r, const uint8_t *data, size_t size)
{
	struct fz_log *logs = r->pair, *keep = r->log;
	uint64_t digest;
	uint32_t cut;
	long diff;
	bool ok;

	if (!decode(r, data, size))
		return false;
	r->log = &logs[0];
	ok = fz_run_program(r, true);
	digest = r->res.digest;
	cut = fz_migrate_cut(data, size, r->prog.nsteps);
	if (ok && !insert_migrate(r, cut)) {
		snprintf(r->finding, sizeof r->finding, "out of memory decoding the input");
		ok = false;
	}
	if (ok) {
		r->log = &logs[1];
		ok = fz_run_program(r, true);
	}
	r->log = keep;
	if (!ok)
		return false;
	diff = fz_first_difference(&logs[0], &logs[1]);
	if (diff >= 0) {
		const struct sim_obs *a = (uint32_t)diff < logs[0].n ? &logs[0].o[diff] : NULL;
		const struct sim_obs *b = (uint32_t)diff < logs[1].n ? &logs[1].o[diff] : NULL;
		snprintf(r->finding, sizeof r->finding,
			 "migrating before step %u changes the run: observation %ld is kind %d on PE %d "
			 "(x0/result 0x%llx) unmigrated, kind %d on PE %d (x0/result 0x%llx) migrated",
			 cut + 1, diff, a ? a->kind : -1, a ? a->pe : -1,
			 a ? (unsigned long long)a->result : 0ull, b ? b->kind : -1, b ? b->pe : -1,
			 b ? (unsigned long long)b->result : 0ull);
		return false;
	}
	if (r->res.digest != digest) {
		snprintf(r->finding, sizeof r->finding,
			 "migrating before step %u changes the final state (same observations)", cut + 1);
		return false;
	}
	return true;
}
