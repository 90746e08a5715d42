/*
 * test_seeds_run.c - every scenario of the suite becomes a fuzz seed
 * (fuzz_seeds -> fz_encode), and the seed must mean what its scenario
 * means: run on the simulator as the fuzzers run inputs, the program the
 * seed decodes to does what the scenario's program does - the same calls
 * with the same arguments and answers, the same interrupts, dispatches,
 * completions, power changes, in the same order - up to the names the
 * encoder gives what the format cannot say (fz_encode_renaming: platform
 * event numbers, INTIDs).  Expectations are dropped by the encoding, so
 * the steps that hold them and the indices of steps and actions are not
 * compared (test_encode.c compares the rest).
 *
 *   test_seeds_run SCENARIOS [--report]
 *
 * Runs every YAML file under SCENARIOS under its own profile, and under
 * tf-a-fvp too when the suite runs it so (tf-a/, and the files elsewhere
 * that pin tf-a-fvp's answers: tools/tests/check-both-profiles).  Fails
 * when a seed runs differently and is not in `inherent` below, or when
 * one in `inherent` runs the same (the list must stay true).  --report
 * lists every seed that differs, with its first difference, and passes.
 */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fz_input.h"
#include "fz_run.h"
#include "hostfs.h"
#include "scn.h"
#include "sdd/sdd_spec.h"
#include "sim.h"

/* Seeds whose difference is inherent: what the input format cannot say
 * (fz_input.h), whatever the encoder does.  File (relative to SCENARIOS)
 * and profile ("": its own). */
static const struct {
	const char *file, *profile;
} inherent[] = {
	/* PPI 20 the firmware's on PE 2 alone: no header's variant of PPI
	 * 27's PEs says it, and TF-A's BIND asks the caller's PE */
	{ "bind/bind-ppi-firmware-owned-on-another-pe-invalid.yaml", "tf-a-fvp" },
	/* completions with statuses 7, 0xFFFFFFFF and 0xFFFFFFFE: a
	 * completion action says 0..2 */
	{ "calls/complete-other-status-ends-the-handler.yaml", "" },
	/* 64-bit values no literal says (56 bits, sign-extended) */
	{ "calls/context-returns-interrupted-x0-to-x17.yaml", "" },
	{ "calls/features-upper-bits-truncated-on-both-versions.yaml", "" },
	{ "calls/features-upper-bits-truncated-on-both-versions.yaml", "tf-a-fvp" },
	{ "calls/register-leaves-event-registered-disabled.yaml", "" },
	{ "calls/upper-bits-of-32-bit-parameters-rejected.yaml", "" },
	{ "calls/upper-bits-of-32-bit-parameters-truncated.yaml", "" },
	{ "dispatch/context-every-register-x0-x17.yaml", "" },
	{ "dispatch/entry-x0-x3-event-arg-interrupted-pc-pstate.yaml", "" },
	{ "routing/routing-set-invalid-arguments-answered-before-denied.yaml", "" },
	/* MPIDRs other than the PE index (or TF-A's, which come with the
	 * profile's other settings) */
	{ "calls/event-signal-dispatches-event-0.yaml", "" },
	{ "calls/event-signal-invalid-event-or-target.yaml", "" },
	{ "calls/get-info-routing-affinity.yaml", "" },
	{ "routing/affinity-aff3-aff2-routing-info-and-signal.yaml", "" },
	/* function IDs no raw call byte names; a handler's raw call (its
	 * actions make SDEI calls only) */
	{ "calls/call-result-is-left-in-the-callers-x0.yaml", "" },
	{ "calls/function-id-is-w0-upper-x0-ignored.yaml", "" },
	{ "calls/smccc-sve-hint-bit-ignored.yaml", "" },
	{ "calls/smccc-sve-hint-bit-ignored.yaml", "tf-a-fvp" },
	{ "psci/smc32-calls-ignore-the-upper-halves-of-arguments.yaml", "" },
	{ "psci/smc64-affinity-info-reads-its-level-as-32-bit.yaml", "" },
	{ "calls/unknown-function-returns-not-supported.yaml", "" },
	/* PSCI arguments (a PSCI record has its target, a power state, and
	 * PSCI_FEATURES' argument only) */
	{ "psci/affinity-info-tracks-power-states.yaml", "" },
	{ "psci/cpu-on-already-on-and-bad-target.yaml", "" },
	{ "psci/cpu-on-and-suspend-refuse-an-entry-point-outside-client-code.yaml", "" },
	{ "psci/cpu-suspend-reserved-power-state-bits-invalid.yaml", "" },
	/* six platform events: a header has four */
	{ "calls/get-info-priority.yaml", "" },
	/* ELF handlers */
	{ "conduits/hvc-on-smc-platform-not-answered.yaml", "" },
	{ "conduits/smc-on-hvc-platform-not-answered.yaml", "" },
	{ "dispatch/level-line-driven-high-is-pending-until-lowered.yaml", "" },
	{ "dispatch/level-line-pulsed-by-the-handler-fires-once.yaml", "" },
	/* a call from Secure state at another EL (a PE byte says one) */
	{ "conduits/secure-callers-not-supported.yaml", "" },
	/* features (PAN, SSBS, NMI, MTE2) none of the header's sets has */
	{ "dispatch/entry-pstate-ssbs-allint-tco-from-features-and-sctlr.yaml", "" },
	/* 31 private and 32 shared bind slots: a header says up to 7 */
	{ "migration/migrate-64-events-last-slot.yaml", "" },
	/* eleven BINDs saving: the decoder's eight $b variables, reused in
	 * turn, lose the first ones' results */
	{ "migration/migrate-bind-slots.yaml", "" },
};

struct olog {
	struct sim_obs o[4096];
	unsigned n;
};

/* What the two runs must agree on: not the step or op index (the seed has
 * no expectation steps, and its handlers' actions are numbered anew), the
 * clock or the text; nor the STEP and SKIP observations themselves. */
static void record(void *ctx, const struct sim_obs *o)
{
	struct olog *l = ctx;

	if (o->kind == SIM_OBS_STEP || o->kind == SIM_OBS_SKIP || l->n >= sizeof l->o / sizeof l->o[0])
		return;
	l->o[l->n] = *o;
	l->o[l->n].text = NULL;
	l->o[l->n].time = 0;
	l->o[l->n].step = 0;
	l->o[l->n].op = 0;
	l->n++;
}

static struct sim_cpu *cpu;


/* The scenario's observations as the seed names things: the platform
 * events and INTIDs the encoder renamed (fz_encode_renaming), wherever
 * an event number is (x0..x3 of a handler entry, a call's arguments, the
 * event an observation is about) or an INTID (the interrupt one is
 * about, INTERRUPT_BIND's argument). */
static void rename_all(struct olog *l, const struct fz_renaming *r)
{
	for (unsigned k = 0; l->n != ~0u && k < l->n; k++) {
		struct sim_obs *o = &l->o[k];
		o->event = (int32_t)fz_renamed(r->event, r->nevents, (uint32_t)o->event);
		for (unsigned a = 0; a < 5; a++)
			o->args[a] = fz_renamed(r->event, r->nevents, o->args[a]);
		for (unsigned a = 0; a < 4; a++)
			o->regs[a] = fz_renamed(r->event, r->nevents, o->regs[a]);
		o->intid = (uint32_t)fz_renamed(r->intid, r->nintids, o->intid);
		if ((o->kind == SIM_OBS_CALL || o->kind == SIM_OBS_UNANSWERED) && o->fid == SDD_FID_INTERRUPT_BIND)
			o->args[0] = fz_renamed(r->intid, r->nintids, o->args[0]);
	}
}

static void run(const struct sim_program *p, struct olog *l)
{
	struct sim_choice_cursor cur;
	struct sim_run_opts opts;
	struct sim_result res;

	memset(&opts, 0, sizeof opts);
	l->n = 0;
	opts.observer.obs = record;
	opts.observer.ctx = l;
	opts.choice = sim_program_choice(p, &cur);
	opts.slice_budget = FZ_SLICE_BUDGET;
	opts.max_rounds = FZ_MAX_ROUNDS;
	if (sim_run(cpu, p, &opts, &res) != 0)
		l->n = ~0u;
}

/* The first observation at which a and b differ, or -1. */
static long first_difference(const struct olog *a, const struct olog *b)
{
	if (a->n == ~0u || b->n == ~0u)
		return a->n == b->n ? -1 : 0;
	for (unsigned k = 0; k < a->n && k < b->n; k++)
		if (memcmp(&a->o[k], &b->o[k], sizeof a->o[k]) != 0)
			return k;
	return a->n == b->n ? -1 : (long)(a->n < b->n ? a->n : b->n);
}

static void show(const char *what, const struct olog *l, long k)
{
	const struct sim_obs *o = &l->o[k];

	if (l->n == ~0u) {
		printf("    %s: no machine\n", what);
		return;
	}
	if ((unsigned long)k >= l->n) {
		printf("    %s: ends (%u observations)\n", what, l->n);
		return;
	}
	printf("    %s: kind %u pe %u fid 0x%x x1 0x%llx x2 0x%llx result %lld event %d handler %d intid %u"
	       " status %d\n", what, o->kind, o->pe, o->fid, (unsigned long long)o->args[0],
	       (unsigned long long)o->args[1], (long long)o->result, o->event, o->handler, o->intid, o->status);
}

static bool is_yaml(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* Does the suite run file under tf-a-fvp too (check-both-profiles)? */
static bool runs_under_tf_a(const char *rel, const char *path)
{
	char line[4096];
	bool found = strncmp(rel, "tf-a/", 5) == 0;
	FILE *f = found ? NULL : fopen(path, "r");

	while (f != NULL && !found && fgets(line, sizeof line, f) != NULL)
		found = strstr(line, "tf-a-fvp:") != NULL;
	if (f != NULL)
		fclose(f);
	return found;
}

static bool listed(const char *rel, const char *profile, bool *seen)
{
	for (size_t k = 0; k < sizeof inherent / sizeof inherent[0]; k++)
		if (strcmp(inherent[k].file, rel) == 0 && strcmp(inherent[k].profile, profile) == 0) {
			seen[k] = true;
			return true;
		}
	return false;
}

static struct sim_program src, seed;
static struct olog scenario_log, seed_log;

/* Run the scenario at path under profile (NULL: its own) and its seed:
 * the first observation at which they differ, or -1; -2 when it cannot
 * be loaded or encoded (said). */
static long seed_difference(const char *path, const char *profile)
{
	static uint8_t buf[FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES];
	struct fz_renaming names;
	struct fz_choices ch;
	char err[600];
	size_t n;

	if (scn_load_file(path, profile, &src, err, sizeof err) != 0) {
		printf("%s\n", err);
		return -2;
	}
	n = fz_encode_renaming(&src, buf, sizeof buf, &names);
	if (n == 0 || fz_decode(buf, n, &seed, &ch) != 0) {
		printf("%s: cannot encode\n", path);
		return -2;
	}
	run(&src, &scenario_log);
	rename_all(&scenario_log, &names);
	run(&seed, &seed_log);
	return first_difference(&scenario_log, &seed_log);
}

int main(int argc, char **argv)
{
	struct hostfs_list files = { 0 };
	bool seen[sizeof inherent / sizeof inherent[0]] = { false };
	bool report = argc == 3 && strcmp(argv[2], "--report") == 0;
	unsigned runs = 0, same = 0, bad = 0;
	size_t root;
	char err[600];

	if (argc < 2 || (argc == 3 && !report) || argc > 3) {
		fprintf(stderr, "usage: test_seeds_run SCENARIOS [--report]\n");
		return 2;
	}
	cpu = sim_cpu_create(err, sizeof err);
	if (cpu == NULL || hostfs_walk(&files, argv[1], is_yaml, "no scenarios") != 0) {
		fprintf(stderr, "test_seeds_run: %s\n", cpu == NULL ? err : "out of memory");
		return 1;
	}
	root = strlen(argv[1]) + (argv[1][strlen(argv[1]) - 1] != '/');
	sim_program_init(&src);
	sim_program_init(&seed);
	for (size_t k = 0; k < files.n && bad < 1000; k++) {
		const char *path = files.v[k].path, *rel = path + root;
		if (files.v[k].error != NULL) {
			printf("%s:1:1: %s\n", path, files.v[k].error);
			bad = 1000;
			break;
		}
		for (unsigned tfa = 0; tfa < 2; tfa++) {
			const char *profile = tfa ? "tf-a-fvp" : "own profile";
			bool inherently = listed(rel, tfa ? "tf-a-fvp" : "", seen);
			long at;

			if (tfa && !runs_under_tf_a(rel, path))
				continue;
			at = seed_difference(path, tfa ? "tf-a-fvp" : NULL);
			if (at == -2) {
				bad = 1000;
				break;
			}
			runs++;
			same += at < 0;
			if (at < 0 && inherently && !report) {
				printf("%s [%s]: listed as running differently, runs the same: take it off the list\n",
				       rel, profile);
				bad++;
			}
			if (at >= 0 && (report || !inherently)) {
				printf("%s [%s]: the seed runs differently from observation %ld\n", rel, profile, at);
				show("scenario", &scenario_log, at);
				show("seed    ", &seed_log, at);
				bad += !report;
			}
		}
	}
	for (size_t k = 0; k < sizeof inherent / sizeof inherent[0] && !report; k++)
		if (!seen[k]) {
			printf("%s [%s]: listed, but no such scenario\n", inherent[k].file, inherent[k].profile);
			bad++;
		}
	printf("%u runs, %u seeds run as their scenarios, %u differ\n", runs, same, runs - same);
	sim_program_free(&src);
	sim_program_free(&seed);
	sim_cpu_destroy(cpu);
	hostfs_list_free(&files);
	return bad ? 1 : 0;
}
