/*
 * cpu_fixture.c - see cpu_fixture.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cpu_fixture.h"
#include "trace.h"

struct sim_cpu *cpu;

int cpu_fixture_setup(void **state)
{
	char err[200];

	(void)state;
	cpu = sim_cpu_create(err, sizeof err);
	return cpu ? 0 : -1;
}

int cpu_fixture_teardown(void **state)
{
	(void)state;
	sim_cpu_destroy(cpu);
	return 0;
}

int cpu_fixture_replay(const char *text, const struct replay_opts *ro, bool first, char **report,
		       struct replay_summary *sum, struct replay *keep)
{
	FILE *in = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	struct trace_reader *rd = trace_reader_open(in, "t.trace");
	struct replay rp;
	char err[600];
	size_t len;
	FILE *out = open_memstream(report, &len);
	int rc;

	if (replay_build(&rp, rd, ro, err, sizeof err))
		fail_msg("replay_build: %s", err);
	rc = replay_run(&rp, cpu, first, out, sum);
	fclose(out);
	if (keep)
		*keep = rp;
	else
		replay_free(&rp);
	trace_reader_close(rd);
	fclose(in);
	return rc;
}
