/*
 * cpu_fixture.h - one Unicorn CPU shared by a cmocka group's tests (made
 * once: creating a CPU and translating its code per test would dominate
 * the tests' time), and replays of trace text on it.
 */
#ifndef TRACES_TESTS_CPU_FIXTURE_H
#define TRACES_TESTS_CPU_FIXTURE_H

#include <stdbool.h>

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

#endif /* TRACES_TESTS_CPU_FIXTURE_H */
