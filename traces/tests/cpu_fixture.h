/*
 * cpu_fixture.h - one Unicorn CPU shared by a cmocka group's tests (made
 * once: creating a CPU and translating its code per test would dominate
 * the tests' time), and replays of trace text on it.
 */
#ifndef TRACES_TESTS_CPU_FIXTURE_H
#define TRACES_TESTS_CPU_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "replay.h"

extern struct sim_cpu *cpu;

/* cmocka_run_group_tests(tests, cpu_fixture_setup, cpu_fixture_teardown) */
int cpu_fixture_setup(void **state);
int cpu_fixture_teardown(void **state);

/* Build the replay of trace text (named t.trace) with ro - a build error
 * fails the test - and run it on the fixture's CPU (first: stop at the
 * first divergence).  The printed report in *report (caller frees), the
 * summary in *sum; the replay in *keep (caller frees; its records' source
 * names went with the reader) when keep, else freed.  Returns
 * replay_run's result. */
int cpu_fixture_replay(const char *text, const struct replay_opts *ro, bool first, char **report,
		       struct replay_summary *sum, struct replay *keep);

/* Trace text a reader must refuse, with the error it must give (the text
 * is read as a file named "mem"). */
struct bad_trace {
	const char *text, *error;
};

/* Read each of bad[0..n) to its end: how many the reader did not refuse
 * with exactly their error (each printed). */
unsigned bad_traces_misread(const struct bad_trace *bad, size_t n);

/* A call record's caller, as a test expects to read it: its EL, and one
 * byte field of struct trace_rec (aarch32, secure). */
struct caller_read {
	uint8_t el, field;
};

/* Read text (read as a file named "mem") to its end: n records, record k
 * with the caller want[k] (the field at offset `field` of the record),
 * each written back as again[k]. */
void assert_reads_back(const char *text, const char *const *again, const struct caller_read *want, unsigned n,
		       size_t field);

/* Replay trace text (named t.trace) with its results as expectations on
 * the fixture's CPU: the program must pass. */
void assert_expectations_pass(const char *text);

/* The timeline (Chrome trace-event JSON) of trace text, which must read;
 * the caller frees it. */
char *timeline_of(const char *text);

#endif /* TRACES_TESTS_CPU_FIXTURE_H */
