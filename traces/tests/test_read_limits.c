/*
 * test_read_limits.c - the limits of the canonical trace (FORMAT.md) as the
 * writers and the replay see them: what the recorder writes at the edges
 * (a call from EL3, calls of functions that are neither SDEI nor PSCI)
 * reads back and replays; a platform record the dispatcher would refuse,
 * or one naming no profile, is an error at the record's line and column.
 * (The reader's own errors, value by value, are in test_format.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "scn.h"
#include "trace.h"
#include "trace_recorder.h"
#include "cpu_fixture.h"


/* Build a replay of text (a trace called t.trace): 0, or -1 with err. */
static int build(const char *text, struct replay *rp, struct trace_reader **rd, FILE **in, char *err, size_t n)
{
	struct replay_opts ro = { NULL, false, false };

	*in = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	assert_non_null(*in);
	*rd = trace_reader_open(*in, "t.trace");
	assert_non_null(*rd);
	return replay_build(rp, *rd, &ro, err, n);
}

static void done(struct replay *rp, struct trace_reader *rd, FILE *in)
{
	replay_free(rp);
	trace_reader_close(rd);
	fclose(in);
}

/* FORMAT.md said a call's EL is 1 or 2 and its function SDEI or PSCI; a
 * scenario's `from_el: 3` and `fid:` make others, which the recorder
 * writes as they were made: they read back and replay with no divergence. */
static void recorded_edges_replay(void **state)
{
	static const char yaml[] =
		"name: edges\n"
		"steps:\n"
		"  - {pe: 0, call: VERSION, from_el: 3, expect: NOT_SUPPORTED}\n"
		"  - {pe: 0, fid: 0xC2000010, expect: NOT_SUPPORTED}\n"
		"  - {pe: 0, fid: 0x12345678, expect: NOT_SUPPORTED}\n";
	struct sim_program prog;
	struct sim_run_opts ro;
	struct sim_result res;
	struct sim_observer none = { NULL, NULL };
	struct trace_recorder *rec;
	struct replay rp;
	struct replay_summary sum;
	struct trace_reader *rd;
	char err[600], *text = NULL, *report = NULL;
	size_t len, rlen;
	FILE *f = open_memstream(&text, &len), *in, *out;

	(void)state;
	sim_program_init(&prog);
	if (scn_load_string("edges.yaml", yaml, sizeof yaml - 1, NULL, &prog, err, sizeof err))
		fail_msg("%s", err);
	rec = trace_recorder_open(f, &prog);
	assert_non_null(rec);
	memset(&ro, 0, sizeof ro);
	ro.observer = trace_recorder_observer(rec, none);
	assert_int_equal(sim_run(cpu, &prog, &ro, &res), 0);
	assert_true(res.passed);
	assert_int_equal(trace_recorder_close(rec), 0);
	fclose(f);
	sim_program_free(&prog);
	assert_non_null(strstr(text, " el=3 h=0 fn=VERSION x0=0xc4000020 "));
	assert_non_null(strstr(text, " x0=0x12345678 "));

	if (build(text, &rp, &rd, &in, err, sizeof err))
		fail_msg("%s", err);
	out = open_memstream(&report, &rlen);
	assert_int_equal(replay_run(&rp, cpu, false, out, &sum), 0);
	fclose(out);
	assert_string_equal(report, "3 matched, 0 diverged\n");
	done(&rp, rd, in);
	free(report);
	free(text);
}

/* A platform the dispatcher refuses was "t.trace: the dispatcher refuses
 * this platform: ...", with no line. */
static void refused_platform_at_its_line(void **state)
{
	static const struct { const char *record, *error; } cases[] = {
		/* tf-a-fvp's own events leave no room for 63 slots (64 events in all) */
		{ "platform profile=tf-a-fvp bind=31,32\n",
		  "t.trace:2:1: the dispatcher refuses this platform: event count out of range" },
		{ "platform profile=default pes=2 mpidr=0x0,0x0\n",
		  "t.trace:2:1: the dispatcher refuses this platform: two PEs share an MPIDR" },
		{ "platform profile=default events=-5:private:normal:explicit\n",
		  "t.trace:2:1: the dispatcher refuses this platform: invalid event number" },
		/* a record on a PE the platform record does not have */
		{ "platform profile=default pes=1 mpidr=0x0\n"
		  "call t=1 pe=1 conduit=smc el=2 h=0 x0=0xc4000020 end=ret r0=0x1000100000000\n",
		  "t.trace:2:1: the platform record has 1 PEs but records name PE 1" },
		/* HCR_EL2 set for a client at EL1, which has none: refused as the
		 * scenario loader refuses it */
		{ "platform profile=default el=1 hcr_el2=0x8000000\n",
		  "t.trace:2:1: hcr_el2=0x8000000 is the client's only when it runs at EL2 (el=1)" },
		/* the reader's own check, at the value */
		{ "platform profile=bogus\n", "t.trace:2:18: profile=bogus: not a platform profile (default, tf-a-fvp)" },
	};
	unsigned failures = 0;

	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[300], err[600];
		struct replay rp;
		struct trace_reader *rd;
		FILE *in;

		snprintf(text, sizeof text, "# sdeisim-trace 2\n%s"
			 "call t=1 pe=0 conduit=smc el=2 h=0 x0=0xc4000020 end=ret\n", cases[k].record);
		if (build(text, &rp, &rd, &in, err, sizeof err) != -1 || strcmp(err, cases[k].error) != 0) {
			print_message("case %zu: expected '%s', got '%s'\n", k, cases[k].error, err);
			failures++;
		}
		done(&rp, rd, in);
	}
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recorded_edges_replay),
		cmocka_unit_test(refused_platform_at_its_line),
	};
	return cmocka_run_group_tests(tests, cpu_fixture_setup, cpu_fixture_teardown);
}
