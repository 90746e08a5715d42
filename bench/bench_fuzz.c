/*
 * bench_fuzz - executions per second of the fuzz runner in-process
 * (decode, machine reset, run with the reference model and the invariant
 * checks on, no fuzzing engine and no coverage instrumentation) for
 * inputs of 32 operations (step and handler-action records).  The figures
 * under the fuzzing engines come from bench/fuzz-throughput, which takes
 * its seed inputs from here.
 *
 *   bench_fuzz [SECONDS] [--core] [--write DIR]
 *
 * --core measures fuzz_core's executor (fz_core.h: the dispatcher alone on
 * a host machine, no Unicorn) instead of the simulator's runner.
 * --write DIR writes the inputs (random-NNN, driven-NNN) to DIR and exits.
 *
 * Two input families (fz_gen.h), generated from a fixed seed so every run
 * measures the same work; the driven family is the one the targets are
 * stated for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fz_core.h"
#include "fz_gen.h"
#include "fz_run.h"
#include "outfile.h"
#include "writefile.h"

#define INPUTS 512
#define OPS    32          /* records that are steps or handler actions */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct input {
	uint8_t bytes[FZ_HEADER_BYTES + 64 * FZ_RECORD_BYTES];
	size_t len;
};

struct totals {
	double secs;
	unsigned long execs, steps, dispatches;
	unsigned long ended[SIM_FAIL_SIMULATOR + 1];   /* runs by enum sim_fail_kind (the last kind) */
};

static int write_inputs(const char *dir, const struct input *in, const char *family)
{
	for (unsigned k = 0; k < INPUTS; k++) {
		char path[4096];

		snprintf(path, sizeof path, "%s/%s-%03u", dir, family, k);
		if (writefile_bytes("bench_fuzz", path, in[k].bytes, in[k].len))
			return 1;
	}
	return 0;
}

/* The simulator's runner, or fuzz_core's executor. */
struct runner {
	struct fz_run *sim;
	struct fz_core *core;
};

static struct totals measure(struct runner *x, struct input *in, double secs)
{
	struct totals t;
	double start = now();

	memset(&t, 0, sizeof t);
	do {
		for (unsigned k = 0; k < INPUTS; k++) {
			bool ok = x->core ? fz_core_run_one(x->core, in[k].bytes, in[k].len)
					  : fz_run_one(x->sim, in[k].bytes, in[k].len);
			const struct sim_result *res = x->core ? &x->core->res : &x->sim->res;
			if (!ok) {
				fprintf(stderr, "bench_fuzz: finding on input %u: %s\n", k,
					x->core ? x->core->finding : x->sim->finding);
				exit(1);
			}
			t.steps += res->steps_run;
			t.dispatches += res->dispatches;
			t.ended[res->passed ? 0 : res->fail_kind]++;
			t.execs++;
		}
		t.secs = now() - start;
	} while (t.secs < secs);
	return t;
}

static void report(const char *name, struct totals t)
{
	double rate = (double)t.execs / t.secs;
	printf("%-8s %12.0f exec/s  %5.1f steps/input  %5.2f dispatches/input\n",
	       name, rate, (double)t.steps / (double)t.execs,
	       (double)t.dispatches / (double)t.execs);
	printf("         runs that ended: %.0f%% ran to the end, %.0f%% client code went wrong, %.0f%% did not settle, %.0f%% impossible step\n",
	       100.0 * (double)t.ended[0] / (double)t.execs, 100.0 * (double)t.ended[SIM_FAIL_CLIENT] / (double)t.execs,
	       100.0 * (double)t.ended[SIM_FAIL_SETTLE] / (double)t.execs,
	       100.0 * (double)t.ended[SIM_FAIL_SCENARIO] / (double)t.execs);
}

int main(int argc, char **argv)
{
	static struct input random_in[INPUTS], driven_in[INPUTS];
	double secs = 3.0;
	const char *dir = NULL;
	struct fz_run r;
	struct fz_core c;
	struct runner x = { NULL, NULL };
	char err[200];
	struct totals rnd_t, drv_t;
	struct fz_gen g = { 0x9E3779B97F4A7C15ull };

	for (int k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--write") == 0 && k + 1 < argc)
			dir = argv[++k];
		else if (strcmp(argv[k], "--core") == 0)
			x.core = &c;
		else if ((secs = atof(argv[k])) <= 0) {
			fprintf(stderr, "usage: bench_fuzz [SECONDS] [--core] [--write DIR]\n");
			return 2;
		}
	}
	for (unsigned k = 0; k < INPUTS; k++) {
		random_in[k].len = fz_gen_input(&g, FZ_GEN_RANDOM, OPS, random_in[k].bytes, sizeof random_in[k].bytes);
		driven_in[k].len = fz_gen_input(&g, FZ_GEN_DRIVEN, OPS, driven_in[k].bytes, sizeof driven_in[k].bytes);
	}
	if (dir)
		return write_inputs(dir, random_in, "random") || write_inputs(dir, driven_in, "driven");
	if (x.core && fz_core_init(&c) != 0) {
		fprintf(stderr, "bench_fuzz: out of memory\n");
		return 1;
	}
	if (!x.core && fz_run_init(&r, err, sizeof err)) {
		fprintf(stderr, "bench_fuzz: %s\n", err);
		return 1;
	}
	if (!x.core)
		x.sim = &r;
	measure(&x, driven_in, 0.2);      /* warm up: translate handler code */
	rnd_t = measure(&x, random_in, secs);
	drv_t = measure(&x, driven_in, secs);
	report("random", rnd_t);
	report("driven", drv_t);
	if (x.core)
		fz_core_free(&c);
	else
		fz_run_free(&r);
	return outfile_exit_status("bench_fuzz", 0);
}
