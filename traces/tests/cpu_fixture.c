/*
 * cpu_fixture.c - see cpu_fixture.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_fixture.h"
#include "timeline.h"
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

unsigned bad_traces_misread(const struct bad_trace *bad, size_t n)
{
	unsigned failures = 0;

	for (size_t k = 0; k < n; k++) {
		FILE *in = fmemopen((void *)(uintptr_t)bad[k].text, strlen(bad[k].text), "r");
		struct trace_reader *rd = trace_reader_open(in, "mem");
		struct trace_rec r;
		int rc;
		while ((rc = trace_read(rd, &r)) == 1)
			;
		if (rc != -1 || strcmp(trace_reader_error(rd), bad[k].error) != 0) {
			print_message("input %zu: expected '%s', got %d '%s'\n", k, bad[k].error, rc,
				      trace_reader_error(rd));
			failures++;
		}
		trace_reader_close(rd);
		fclose(in);
	}
	return failures;
}

void assert_reads_back(const char *text, const char *const *again, const struct caller_read *want, unsigned n,
		       size_t field)
{
	FILE *in = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	struct trace_reader *rd = trace_reader_open(in, "mem");
	struct trace_rec r;
	unsigned k = 0;

	while (trace_read(rd, &r) == 1) {
		char *line = NULL;
		size_t len;
		FILE *out = open_memstream(&line, &len);
		assert_true(k < n);
		assert_int_equal(((const uint8_t *)&r)[field], want[k].field);
		assert_int_equal(r.el, want[k].el);              /* still the caller's EL */
		assert_int_equal(trace_write(out, &r), 0);
		fclose(out);
		assert_string_equal(line, again[k]);
		free(line);
		k++;
	}
	assert_string_equal(trace_reader_error(rd), "");
	assert_int_equal(k, n);
	trace_reader_close(rd);
	fclose(in);
}

void assert_expectations_pass(const char *text)
{
	FILE *in = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	struct trace_reader *rd = trace_reader_open(in, "t.trace");
	struct replay_opts ro = { NULL, true, false };
	struct sim_result res;
	struct replay rp;
	char err[600];

	assert_int_equal(replay_build(&rp, rd, &ro, err, sizeof err), 0);
	assert_true(rp.prog.nchecks > 0);
	assert_int_equal(sim_run(cpu, &rp.prog, NULL, &res), 0);
	if (!res.passed)
		fail_msg("with expectations: %s (line %u)", res.message, res.loc.line);
	replay_free(&rp);
	trace_reader_close(rd);
	fclose(in);
}

char *timeline_of(const char *text)
{
	char *json = NULL, err[200];
	size_t len;
	FILE *in = fmemopen((void *)(uintptr_t)text, strlen(text), "r"), *out = open_memstream(&json, &len);
	struct trace_reader *rd = trace_reader_open(in, "t.trace");

	assert_int_equal(trace_timeline(rd, out, err, sizeof err), 0);
	fclose(out);
	trace_reader_close(rd);
	fclose(in);
	return json;
}
