/*
 * bench_fuzz - executions per second of the fuzz runner (decode, machine
 * reset, run with the reference model and the invariant checks on) for
 * inputs of ~32 operations, against a harness that does nothing, measured
 * in the same invocation over the same inputs.
 *
 *   bench_fuzz [SECONDS]
 *
 * Two input families, generated from a fixed seed so every run measures
 * the same work:
 *   random  - records drawn uniformly through the decoder's weight table
 *             (what a fuzzer starts from: few events ever fire);
 *   driven  - the same shape biased the way a coverage-guided corpus
 *             drifts: registrations, enables, signals and interrupts of
 *             valid events, so most inputs dispatch several handlers.
 * The figure for the target is the driven family (32 step records,
 * plus handler actions, per input).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fz_run.h"
#include "fz_vocab.h"

#define INPUTS 512
#define STEPS  32

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint8_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint8_t)(rng >> 24);
}

struct input {
	uint8_t bytes[FZ_HEADER_BYTES + 64 * FZ_RECORD_BYTES];
	size_t len;
};

static uint8_t *record(struct input *in)
{
	uint8_t *r = in->bytes + in->len;
	for (unsigned k = 0; k < FZ_RECORD_BYTES; k++)
		r[k] = rnd();
	in->len += FZ_RECORD_BYTES;
	return r;
}

/* A step record of a random step kind (random family). */
static bool is_step(unsigned kind)
{
	return kind != FZ_R_ACTION && kind != FZ_R_LITERAL && kind != FZ_R_CHOICES;
}

static void gen_random(struct input *in)
{
	unsigned steps = 0;
	in->len = 0;
	for (unsigned k = 0; k < FZ_HEADER_BYTES; k++)
		in->bytes[in->len++] = rnd();
	while (steps < STEPS && in->len + FZ_RECORD_BYTES <= sizeof in->bytes) {
		uint8_t *r = record(in);
		steps += is_step(fz_record_kind(r[0]));
	}
}

/* Calls a working client makes, by selector (see sdd_spec.h order). */
static const uint8_t driven_calls[] = {
	1, 1, 1, 2, 2, 2, 15, 15, 11, 12, 8, 9, 4, 3, 7, 13, 10, 17, 0, 16,
};

static void good_args(uint8_t *r)
{
	for (unsigned k = 3; k < FZ_RECORD_BYTES; k++)
		r[k] %= FZ_ROLE_ESCAPE;
}

/* A call record from PE 0: selector sel, argument bytes a1..a5. */
static void call(struct input *in, uint8_t sel, uint8_t a1, uint8_t a2, uint8_t a3, uint8_t a4,
		 uint8_t a5)
{
	uint8_t *r = record(in);
	r[0] = fz_record_byte(FZ_R_CALL);
	r[1] = 0;
	r[2] = sel;
	r[3] = a1, r[4] = a2, r[5] = a3, r[6] = a4, r[7] = a5;
}

/* Episodes of what a working client does with one event: register it
 * with a handler, enable it, unmask, make it fire (its interrupt, or
 * SIGNAL for event 0), with other calls and handler actions mixed in. */
static void gen_driven(struct input *in)
{
	unsigned steps = 0;

	in->len = 0;
	for (unsigned k = 0; k < FZ_HEADER_BYTES; k++)
		in->bytes[in->len++] = rnd();
	in->bytes[0] = 3;                       /* 4 PEs */
	in->bytes[1] &= 0x23;                   /* default profile, v1.1 */
	for (unsigned e = 0; e < 4; e++)        /* four bound, non-explicit events */
		in->bytes[4 + 3 * e] = (uint8_t)((in->bytes[4 + 3 * e] & 0x06) | 1);
	while (steps < STEPS) {
		uint8_t ev = rnd() % 5, *r;       /* vocabulary index: event 0, then the platform's */
		call(in, 1, ev, rnd() % FZ_HANDLERS, rnd(), 0, 0);
		call(in, 2, ev, 0, 0, 0, 0);
		call(in, 12, 0, 0, 0, 0, 0);
		r = record(in);
		r[0] = fz_record_byte(FZ_R_ACTION);
		r[2] = driven_calls[rnd() % sizeof driven_calls];
		good_args(r);
		if (ev == 0) {
			call(in, 15, 0, 0, 0, 0, 0);
		} else {
			r = record(in);
			r[0] = fz_record_byte(FZ_R_INTERRUPT);
			r[1] = 0;
			r[2] = (uint8_t)((ev - 1) << 2);
		}
		r = record(in);                 /* one more call or step of any kind */
		if (rnd() & 1) {
			r[0] = fz_record_byte(FZ_R_CALL);
			r[1] &= 0x01;
			r[2] = driven_calls[rnd() % sizeof driven_calls];
			good_args(r);
		}
		steps += 5 + is_step(fz_record_kind(r[0]));
	}
}

struct totals {
	double secs;
	unsigned long execs, steps, dispatches;
	unsigned long ended[8];          /* runs by enum sim_fail_kind */
};

/* The harness that does nothing: the ceiling of this loop. */
__attribute__((noinline)) static bool run_nothing(struct fz_run *r, const uint8_t *data, size_t size)
{
	(void)r;
	__asm__ volatile("" : : "r"(data), "r"(size) : "memory");
	return true;
}

static struct totals measure(struct fz_run *r, struct input *in, double secs,
			     bool (*one)(struct fz_run *, const uint8_t *, size_t))
{
	struct totals t;
	double start = now();

	memset(&t, 0, sizeof t);
	do {
		for (unsigned k = 0; k < INPUTS; k++) {
			if (!one(r, in[k].bytes, in[k].len)) {
				fprintf(stderr, "bench_fuzz: finding on input %u: %s\n", k, r->finding);
				exit(1);
			}
			if (one != run_nothing) {
				t.steps += r->res.steps_run;
				t.dispatches += r->res.dispatches;
				t.ended[r->res.passed ? 0 : r->res.fail_kind & 7]++;
			}
			t.execs++;
		}
		t.secs = now() - start;
	} while (t.secs < secs);
	return t;
}

static void report(const char *name, struct totals t, double ceiling)
{
	double rate = (double)t.execs / t.secs;
	printf("%-8s %12.0f exec/s  %6.2f%% of the empty harness  %5.1f steps/input  %5.2f dispatches/input\n",
	       name, rate, 100.0 * rate / ceiling, (double)t.steps / (double)t.execs,
	       (double)t.dispatches / (double)t.execs);
	printf("         runs that ended: %.0f%% ran to the end, %.0f%% client code went wrong, %.0f%% did not settle, %.0f%% impossible step\n",
	       100.0 * (double)t.ended[0] / (double)t.execs, 100.0 * (double)t.ended[SIM_FAIL_CLIENT] / (double)t.execs,
	       100.0 * (double)t.ended[SIM_FAIL_SETTLE] / (double)t.execs,
	       100.0 * (double)t.ended[SIM_FAIL_SCENARIO] / (double)t.execs);
}

int main(int argc, char **argv)
{
	static struct input random_in[INPUTS], driven_in[INPUTS];
	double secs = argc > 1 ? atof(argv[1]) : 3.0;
	struct fz_run r;
	char err[200];
	struct totals empty, rnd_t, drv_t;

	if (secs <= 0) {
		fprintf(stderr, "usage: bench_fuzz [SECONDS]\n");
		return 2;
	}
	for (unsigned k = 0; k < INPUTS; k++) {
		gen_random(&random_in[k]);
		gen_driven(&driven_in[k]);
	}
	if (fz_run_init(&r, err, sizeof err)) {
		fprintf(stderr, "bench_fuzz: %s\n", err);
		return 1;
	}
	if (getenv("BENCH_FUZZ_DUMP"))           /* DIR: write the inputs there */
		for (unsigned k = 0; k < INPUTS; k++) {
			char path[4096];
			FILE *f;
			snprintf(path, sizeof path, "%s/driven-%03u", getenv("BENCH_FUZZ_DUMP"), k);
			if ((f = fopen(path, "wb")) != NULL) {
				fwrite(driven_in[k].bytes, 1, driven_in[k].len, f);
				fclose(f);
			}
		}
	measure(&r, driven_in, 0.2, fz_run_one);      /* warm up: translate handler code */
	empty = measure(&r, driven_in, secs / 4, run_nothing);
	rnd_t = measure(&r, random_in, secs, fz_run_one);
	drv_t = measure(&r, driven_in, secs, fz_run_one);
	printf("%-8s %12.0f exec/s  (the ceiling)\n", "empty", (double)empty.execs / empty.secs);
	report("random", rnd_t, (double)empty.execs / empty.secs);
	report("driven", drv_t, (double)empty.execs / empty.secs);
	fz_run_free(&r);
	return 0;
}
