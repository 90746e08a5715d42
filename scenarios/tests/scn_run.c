/*
 * scn_run.c - see scn_run.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_run.h"

struct sim_cpu *scn_test_cpu(void)
{
	static struct sim_cpu *cpu;
	char err[200];

	if (cpu == NULL && (cpu = sim_cpu_create(err, sizeof err)) == NULL) {
		fprintf(stderr, "sim_cpu_create: %s\n", err);
		abort();
	}
	return cpu;
}

static void record(void *ctx, const struct sim_obs *o)
{
	struct obs_log *l = ctx;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->o = realloc(l->o, l->cap * sizeof *l->o);
		l->text = realloc(l->text, l->cap * sizeof *l->text);
		if (l->o == NULL || l->text == NULL)
			abort();
	}
	l->o[l->n] = *o;
	l->text[l->n] = o->text ? strdup(o->text) : NULL;
	l->o[l->n].text = NULL;
	l->n++;
}

int scn_test_run(const struct sim_program *prog, struct sim_result *res, struct obs_log *log)
{
	struct sim_run_opts opts;
	struct sim_choice_cursor choices;

	memset(&opts, 0, sizeof opts);
	opts.choice = sim_program_choice(prog, &choices);
	opts.digest = true;          /* the final state, for tests that compare two runs' */
	if (log) {
		opts.observer.obs = record;
		opts.observer.ctx = log;
	}
	return sim_run(scn_test_cpu(), prog, &opts, res);
}

void obs_log_free(struct obs_log *log)
{
	for (uint32_t k = 0; k < log->n; k++)
		free(log->text[k]);
	free(log->o);
	free(log->text);
	memset(log, 0, sizeof *log);
}

/* Field by field: padding bytes of a copied struct are not defined. */
static bool obs_equal(const struct sim_obs *x, const struct sim_obs *y)
{
	return x->kind == y->kind && x->pe == y->pe && x->depth == y->depth &&
	       x->from_handler == y->from_handler && x->el == y->el && x->step == y->step &&
	       x->time == y->time && x->fid == y->fid &&
	       memcmp(x->args, y->args, sizeof x->args) == 0 && x->result == y->result &&
	       x->event == y->event && x->handler == y->handler && x->intid == y->intid &&
	       memcmp(x->regs, y->regs, sizeof x->regs) == 0 && x->pc == y->pc &&
	       x->pstate == y->pstate && x->status == y->status;
}

bool obs_log_same(const struct obs_log *a, const struct obs_log *b, char *why, size_t n)
{
	uint32_t k;

	for (k = 0; k < a->n && k < b->n; k++) {
		struct sim_obs x = a->o[k], y = b->o[k];
		const char *tx = a->text[k] ? a->text[k] : "", *ty = b->text[k] ? b->text[k] : "";
		/* sim.h: a firing's PE is that of a banked interrupt; an SPI's is
		 * whatever its source named, which the GIC does not use. */
		if (x.kind == SIM_OBS_FIRE && x.intid >= 32)
			x.pe = y.pe;
		if (!obs_equal(&x, &y) || strcmp(tx, ty) != 0) {
			snprintf(why, n, "observation %u differs: kind %u pe %u step %u fid 0x%x x1 0x%llx "
				 "result %lld event 0x%x '%s' / kind %u pe %u step %u fid 0x%x x1 0x%llx "
				 "result %lld event 0x%x '%s'", k, x.kind, x.pe, x.step, x.fid,
				 (unsigned long long)x.args[0], (long long)x.result, (unsigned)x.event, tx,
				 y.kind, y.pe, y.step, y.fid, (unsigned long long)y.args[0],
				 (long long)y.result, (unsigned)y.event, ty);
			return false;
		}
	}
	if (a->n != b->n) {
		snprintf(why, n, "%u observations, then %u", a->n, b->n);
		return false;
	}
	return true;
}

int scn_test_run_file(const char *file, const char *profile, char *msg, size_t n)
{
	struct sim_program prog;
	struct sim_result res;
	int rc = 2;

	msg[0] = '\0';
	sim_program_init(&prog);
	if (scn_load_file(file, profile, &prog, msg, n) == 0) {
		if (scn_test_run(&prog, &res, NULL) != 0) {
			snprintf(msg, n, "%s: no machine: %s", file, res.message);
		} else if (!res.passed) {
			snprintf(msg, n, "%s:%u:%u: %s", file, res.loc.line, res.loc.col, res.message);
			rc = 1;
		} else {
			rc = 0;
		}
	}
	sim_program_free(&prog);
	return rc;
}
