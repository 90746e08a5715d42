/*
 * test_scn_migrate.c - migration is invisible, over the whole regression
 * suite: every scenario, with the machine saved and restored into a fresh
 * one (a `migrate` step) before each of its steps in turn and after the
 * last, runs as it runs unmigrated - the same observations (but their
 * times and step numbers, which the inserted step shifts), the same
 * result at the same place, the same final state (sim_result.digest: the
 * dispatcher's saved state, the GIC, every PE, the variables).
 *
 *   test_scn_migrate DIR [PROFILE]   every *.yaml below DIR that loads
 *
 * fuzz_migrate checks one cut per fuzz input; this checks every cut of
 * every scenario written by hand (holds, pauses, PSCI, ELF images,
 * policies, both conduits, ...).  Prints each difference; exit 1 if any.
 */
#define _XOPEN_SOURCE 700     /* nftw */

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fz_run.h"           /* fz_insert_step: the migration fuzz_migrate inserts */
#include "scn_run.h"

static const char *profile;
static unsigned files, cuts, wrong;

/* What a migrated run must agree on: the observation without its time,
 * its step number and the index of the step that made a call. */
static struct sim_obs comparable(const struct sim_obs *o)
{
	struct sim_obs k;

	memset(&k, 0, sizeof k);   /* padding too: compared with memcmp */
	k.kind = o->kind;
	k.pe = o->kind == SIM_OBS_FIRE && o->intid >= 32 ? 0 : o->pe;  /* an SPI's: not defined */
	k.depth = o->depth;
	k.from_handler = o->from_handler;
	k.el = o->el;
	k.fid = o->fid;
	memcpy(k.args, o->args, sizeof k.args);
	k.result = o->result;
	k.event = o->event;
	k.handler = o->handler;
	k.intid = o->intid;
	memcpy(k.regs, o->regs, sizeof k.regs);
	k.pc = o->pc;
	k.pstate = o->pstate;
	k.status = o->status;
	return k;
}

/* The observations of log that are not a step starting or the migration. */
static uint32_t kept(const struct obs_log *log, struct sim_obs *out)
{
	uint32_t n = 0;

	for (uint32_t k = 0; k < log->n; k++)
		if (log->o[k].kind != SIM_OBS_STEP && log->o[k].kind != SIM_OBS_MIGRATE)
			out[n++] = comparable(&log->o[k]);
	return n;
}

struct run {
	struct sim_result res;
	struct obs_log log;
	struct sim_obs *o;
	uint32_t n;
};

static bool run(const struct sim_program *p, struct run *r)
{
	memset(&r->log, 0, sizeof r->log);
	if (scn_test_run(p, &r->res, &r->log) != 0)
		return false;
	r->o = malloc((r->log.n + 1) * sizeof *r->o);
	if (r->o == NULL)
		abort();
	r->n = kept(&r->log, r->o);
	return true;
}

static void run_free(struct run *r)
{
	obs_log_free(&r->log);
	free(r->o);
}

/* Where b, migrated before step cut, differs from a; "" when it does not. */
static void differ(const struct run *a, const struct run *b, char *why, size_t n)
{
	why[0] = '\0';
	for (uint32_t k = 0; k < a->n && k < b->n; k++)
		if (memcmp(&a->o[k], &b->o[k], sizeof a->o[k]) != 0) {
			snprintf(why, n, "observation %u: kind %u PE %u result 0x%llx / kind %u PE %u result 0x%llx", k,
				 a->o[k].kind, a->o[k].pe, (unsigned long long)a->o[k].result, b->o[k].kind,
				 b->o[k].pe, (unsigned long long)b->o[k].result);
			return;
		}
	if (a->n != b->n)
		snprintf(why, n, "%u observations, then %u", a->n, b->n);
	else if (a->res.passed != b->res.passed || a->res.fail_kind != b->res.fail_kind ||
		 a->res.loc.line != b->res.loc.line || strcmp(a->res.message, b->res.message) != 0)
		snprintf(why, n, "the result: %s '%.200s' at line %u / %s '%.200s' at line %u",
			 a->res.passed ? "passed" : "failed", a->res.message, a->res.loc.line,
			 b->res.passed ? "passed" : "failed", b->res.message, b->res.loc.line);
	else if (a->res.digest != b->res.digest)
		snprintf(why, n, "the final state (same observations)");
}

static void migrated_at(const char *file, const struct run *plain, uint32_t cut)
{
	struct sim_program p;
	struct sim_op op = sim_op_new(SIM_OP_MIGRATE, SIM_NONE);
	struct run m;
	char err[600];

	sim_program_init(&p);
	if (scn_load_file(file, profile, &p, err, sizeof err) || !fz_insert_step(&p, cut, &op) || !run(&p, &m)) {
		printf("%s: migrated before step %u: cannot run\n", file, cut + 1);
		wrong++;
		sim_program_free(&p);
		return;
	}
	cuts++;
	differ(plain, &m, err, sizeof err);
	if (err[0]) {
		printf("%s: migrated before step %u: %s\n", file, cut + 1, err);
		wrong++;
	}
	run_free(&m);
	sim_program_free(&p);
}

static int each(const char *file, const struct stat *st, int flag, struct FTW *ftw)
{
	size_t n = strlen(file);
	struct sim_program p;
	struct run plain;
	char err[600];

	(void)st;
	(void)ftw;
	if (flag != FTW_F || n < 5 || strcmp(file + n - 5, ".yaml") != 0)
		return 0;
	sim_program_init(&p);
	if (scn_load_file(file, profile, &p, err, sizeof err) == 0 && run(&p, &plain)) {
		files++;
		for (uint32_t cut = 0; cut <= p.nsteps; cut++)
			migrated_at(file, &plain, cut);
		run_free(&plain);
	}
	sim_program_free(&p);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: test_scn_migrate DIR [PROFILE]\n");
		return 2;
	}
	profile = argc == 3 ? argv[2] : NULL;
	if (nftw(argv[1], each, 16, FTW_PHYS) != 0) {
		perror(argv[1]);
		return 2;
	}
	printf("%u scenarios, %u migrations: %u change the run\n", files, cuts, wrong);
	return wrong || files == 0 ? 1 : 0;
}
