/*
 * test_secure.c - calls from Secure state (`secure=1` on a call record,
 * an extension of the format like `aarch32`): the field reads and writes
 * back to the same bytes (written only as 1), the reader refuses what it
 * cannot be, and the timeline says so as `sdeisim run --timeline` does.
 * The recorder writes a step's call from Secure state so.  In the replay
 * the calls are made from Secure state again - the dispatcher refuses
 * each (NOT_SUPPORTED) and nothing changes, while PSCI, which serves both
 * worlds, answers its call, replayed as the raw call it was - and one
 * made in a handler's context (h=1, as a Tarmac import writes it: a
 * handler was running) is a step in that context while the handler
 * waits, since handler code runs Non-secure.  A result the dispatcher
 * would not give diverges; with the trace's results as expectations the
 * program passes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pb.h"
#include "replay.h"
#include "sdd/sdd_spec.h"
#include "trace.h"
#include "trace_recorder.h"
#include "cpu_fixture.h"

/* ---- The field ---- */

/* A call from Secure state reads, and writes back the same bytes, the
 * field after el (and aarch32); secure=0 reads as a Non-secure call,
 * written without the field, as calls were before it. */
static void call_from_secure_state_reads_and_writes_back(void **state)
{
	static const char text[] =
		"# sdeisim-trace 2\n"
		"call t=1 pe=0 conduit=smc el=2 secure=1 h=0 fn=VERSION x0=0xc4000020 x1=0x0 x2=0x0 x3=0x0 x4=0x0 "
		"x5=0x0 end=ret r0=0xffffffffffffffff\n"
		"call t=2 pe=0 conduit=hvc el=1 secure=0 h=1 x0=0x84000000 end=ret r0=0x10001\n"
		"call t=3 pe=1 conduit=smc el=1 aarch32=svc secure=1 h=1 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? "
		"x4=? x5=? end=ret r0=0xffffffff\n"
		"call t=4 pe=1 secure=1 conduit=smc el=1 h=0 x0=0x84000000 end=ret r0=0x10001\n";
	static const char *const again[] = {
		"call t=1 pe=0 conduit=smc el=2 secure=1 h=0 fn=VERSION x0=0xc4000020 x1=0x0 x2=0x0 x3=0x0 x4=0x0 "
		"x5=0x0 end=ret r0=0xffffffffffffffff\n",
		"call t=2 pe=0 conduit=hvc el=1 h=1 fn=PSCI_VERSION x0=0x84000000 x1=? x2=? x3=? x4=? x5=? end=ret "
		"r0=0x10001\n",
		"call t=3 pe=1 conduit=smc el=1 aarch32=svc secure=1 h=1 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? "
		"x4=? x5=? end=ret r0=0xffffffff\n",
		"call t=4 pe=1 conduit=smc el=1 secure=1 h=0 fn=PSCI_VERSION x0=0x84000000 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0x10001\n",
	};
	static const struct caller_read want[] = { { 2, 1 }, { 1, 0 }, { 1, 1 }, { 1, 1 } };
	(void)state;

	assert_reads_back(text, again, want, 4, offsetof(struct trace_rec, secure));
}

/* 0 or 1, on a call, from version 2: anything else is an error at the
 * value (or the field), never a call taken for a Non-secure one; the
 * platform record's secure= (the firmware's INTIDs) is another field,
 * which keeps its meaning and its version. */
static void secure_errors(void **state)
{
	static const struct bad_trace bad[] = {
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 secure=2 h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:39: secure=2: expected 1 (the call was made from Secure state) or 0 (from Non-secure state)" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 secure=true h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:39: secure=true: expected 1 (the call was made from Secure state) or 0 (from Non-secure state)" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 secure=01 h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:39: secure=01: expected 1 (the call was made from Secure state) or 0 (from Non-secure state)" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 secure=33 h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:39: secure=33: expected 1 (the call was made from Secure state) or 0 (from Non-secure state)" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 secure= h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:39: field 'secure' has no value" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 secure=1 secure=1 h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:41: field 'secure' given twice" },
		{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=2 secure=1 h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:39: secure=1: a version 1 trace has no calls from Secure state (version 2 added them)" },
		{ "# sdeisim-trace 2\ndispatch t=1 pe=0 event=0 cause=call secure=1\n",
		  "mem:2:38: dispatch records have no field 'secure'" },
		{ "# sdeisim-trace 1\ndispatch t=1 pe=0 event=0 cause=call secure=1\n",
		  "mem:2:38: dispatch records have no field 'secure'" },
		{ "# sdeisim-trace 2\nirq t=1 pe=0 intid=8 how=ack secure=1\n",
		  "mem:2:30: irq records have no field 'secure'" },
		{ "# sdeisim-trace 2\nplatform profile=default secure=33x\n",
		  "mem:2:33: secure: expected a decimal number" },
		{ "# sdeisim-trace 1\nplatform profile=default secure=33\n",
		  "mem:2:26: platform records of a version 1 trace have no field 'secure' (version 2 added it)" },
	};
	(void)state;
	assert_int_equal(bad_traces_misread(bad, sizeof bad / sizeof bad[0]), 0);
}

/* The timeline says a call came from Secure state with the key `sdeisim
 * run --timeline` uses (tools/sdeisim/report.c), and nothing for a
 * Non-secure one. */
static void timeline_shows_secure_callers(void **state)
{
	static const char text[] =
		"# sdeisim-trace 2\n"
		"call t=1 pe=0 conduit=smc el=1 secure=1 h=0 x0=0xc4000020 end=ret r0=0xffffffffffffffff\n"
		"call t=2 pe=1 conduit=smc el=2 h=0 x0=0xc4000020 end=ret r0=0x1000100000000\n";
	char *json = timeline_of(text);
	const char *second = strstr(json, "\"el\":2,");

	(void)state;
	assert_non_null(strstr(json, "\"el\":1,\"secure\":true"));
	assert_non_null(second);
	assert_null(strstr(second, "secure"));      /* Non-secure: no key */
	free(json);
}

/* ---- The replay ---- */

/* EVENT_REGISTER from Secure EL2 is refused and registers nothing (line
 * 4: STATUS 0); the client's own registers.  PE 1's EVENT_SIGNAL from
 * Secure EL1 is refused, its Non-secure one dispatches on PE 0, where
 * EVENT_CONTEXT and EVENT_COMPLETE from Secure state are refused in the
 * handler's context (lines 12, 13), STATUS sees it still running and its
 * own COMPLETE ends it.  Then PSCI_VERSION from Secure state: answered. */
static const char trace[] =
	"# sdeisim-trace 2\n"
	"platform profile=default pes=2 el=2 conduit=smc\n"
	"call t=1 pe=0 conduit=smc el=2 secure=1 h=0 x0=0xc4000021 x1=0x0 x2=0x80081000 x3=0x7 x4=0x0 x5=0x0 end=ret "
	"r0=0xffffffffffffffff\n"
	"call t=2 pe=0 conduit=smc el=2 h=0 x0=0xc4000028 x1=0x0 end=ret r0=0x0\n"
	"call t=3 pe=0 conduit=smc el=2 h=0 x0=0xc4000021 x1=0x0 x2=0x80081000 x3=0x7 x4=0x0 x5=0x0 end=ret r0=0x0\n"
	"call t=4 pe=0 conduit=smc el=2 h=0 x0=0xc4000022 x1=0x0 end=ret r0=0x0\n"
	"call t=5 pe=0 conduit=smc el=2 h=0 x0=0xc400002c end=ret r0=0x0\n"
	"call t=6 pe=1 conduit=smc el=1 secure=1 h=0 x0=0xc400002f x1=0x0 x2=0x0 end=ret r0=0xffffffffffffffff\n"
	"call t=7 pe=1 conduit=smc el=2 h=0 x0=0xc400002f x1=0x0 x2=0x0 end=ret r0=0x0\n"
	"irq t=8 pe=0 intid=8 how=ack\n"
	"dispatch t=9 pe=0 event=0 ep=0x80081000 cause=irq intid=8 x0=0x0 x1=0x7\n"
	"call t=10 pe=0 conduit=smc el=2 secure=1 h=1 x0=0xc4000024 x1=0x0 end=ret r0=0xffffffffffffffff\n"
	"call t=11 pe=0 conduit=smc el=2 secure=1 h=1 x0=0xc4000025 x1=0x0 end=ret r0=0xffffffffffffffff\n"
	"call t=12 pe=0 conduit=smc el=2 h=1 x0=0xc4000028 x1=0x0 end=ret r0=0x7\n"
	"call t=13 pe=0 conduit=smc el=2 h=1 x0=0xc4000025 x1=0x0 end=complete\n"
	"complete t=14 pe=0 event=0 how=complete status=0x0\n"
	"call t=15 pe=0 conduit=smc el=2 secure=1 h=0 x0=0x84000000 end=ret r0=0x10001\n";

/* The step made from trace line `line`, or NULL. */
static const struct sim_op *step_of_line(const struct replay *rp, uint32_t line)
{
	for (uint32_t k = 0; k < rp->prog.nsteps; k++)
		if (rp->step_rec[k] >= 0 && rp->recs[rp->step_rec[k]].line == line)
			return &rp->prog.steps[k];
	return NULL;
}

static void calls_from_secure_state_replay(void **state)
{
	static const uint32_t secure_lines[] = { 3, 8, 12, 13, 17 };
	struct replay_opts ro = { NULL, false, false };
	struct replay_summary sum;
	struct replay rp;
	char *report = NULL;
	const struct sim_op *s;

	(void)state;
	assert_int_equal(cpu_fixture_replay(trace, &ro, false, &report, &sum, &rp), 0);
	assert_string_equal(report, "15 matched, 0 diverged\n");
	/* the handler's own calls are its actions, Non-secure; the two from
	 * Secure state are steps made while it waits */
	assert_true(rp.prog.nactions >= 2);              /* STATUS, COMPLETE */
	for (uint32_t k = 0; k < rp.prog.nactions; k++) {
		const struct sim_op *a = &rp.prog.actions[k];
		assert_false(a->secure);
		assert_false(a->kind == SIM_OP_CALL && a->fid.u == SDD_FID_EVENT_CONTEXT);
	}
	for (size_t k = 0; k < sizeof secure_lines / sizeof secure_lines[0]; k++) {
		s = step_of_line(&rp, secure_lines[k]);
		assert_non_null(s);
		assert_int_equal(s->kind, SIM_OP_CALL);   /* PSCI too: the raw call (`fid:`) */
		assert_int_equal(s->secure, 1);
	}
	s = step_of_line(&rp, 8);
	assert_int_equal(s->from_el, 1);                 /* Secure EL1 */
	s = step_of_line(&rp, 5);
	assert_non_null(s);
	assert_false(s->secure);
	replay_free(&rp);
	free(report);
}

/* A Secure caller the trace says was served diverges: the replay's
 * dispatcher refuses it. */
static void secure_call_served_diverges(void **state)
{
	struct replay_opts ro = { NULL, false, false };
	struct replay_summary sum;
	char *text = strdup(trace), *report = NULL, *r0 = strstr(text, "r0=0xffffffffffffffff\ncall t=11 ");

	(void)state;
	memcpy(r0, "r0=0x0000000000000000", 21);     /* line 12: EVENT_CONTEXT from Secure state returned 0 */
	assert_int_equal(cpu_fixture_replay(text, &ro, false, &report, &sum, NULL), 0);
	assert_int_equal(sum.diverged, 1);
	assert_non_null(strstr(report, "t.trace:12: EVENT_CONTEXT on PE 0: trace x0=0, replay x0=-1 (NOT_SUPPORTED);"));
	assert_non_null(strstr(report, "14 matched, 1 diverged\n"));
	free(report);
	free(text);
}

/* The recorder writes a step's call from Secure state as one (Secure EL1
 * beside an EL2 client too), and the recorded trace replays with no
 * divergence: the calls are made from Secure state again. */
static void recorded_secure_calls_replay(void **state)
{
	struct replay_opts ro = { NULL, false, false };
	struct replay_summary sum;
	struct sim_observer none = { NULL, NULL };
	struct sim_run_opts opts;
	struct sim_result res;
	struct trace_recorder *rec;
	struct pb b;
	char *text = NULL, *report = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	pb_init(&b);
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	b.p.steps[b.p.nsteps - 1].secure = 1;
	pb_expect(&b, SDD_NOT_SUPPORTED);
	pb_call0(&b, 0, SDD_FID_VERSION);
	b.p.steps[b.p.nsteps - 1].secure = 1;
	b.p.steps[b.p.nsteps - 1].from_el = 1;
	pb_expect(&b, SDD_NOT_SUPPORTED);
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);               /* the client's */
	pb_expect(&b, 0);
	rec = trace_recorder_open(f, &b.p);
	memset(&opts, 0, sizeof opts);
	opts.observer = trace_recorder_observer(rec, none);
	assert_int_equal(sim_run(cpu, &b.p, &opts, &res), 0);
	assert_true(res.passed);
	assert_int_equal(trace_recorder_close(rec), 0);
	fclose(f);
	assert_non_null(strstr(text, " conduit=smc el=2 secure=1 h=0 fn=PE_UNMASK "));
	assert_non_null(strstr(text, " conduit=smc el=1 secure=1 h=0 fn=VERSION "));
	assert_non_null(strstr(text, " conduit=smc el=2 h=0 fn=PE_UNMASK "));
	assert_int_equal(cpu_fixture_replay(text, &ro, false, &report, &sum, NULL), 0);
	assert_string_equal(report, "3 matched, 0 diverged\n");
	free(report);
	free(text);
	pb_free(&b);
}

/* With the trace's results as expectations, the program passes. */
static void expectations_pass(void **state)
{
	(void)state;
	assert_expectations_pass(trace);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(call_from_secure_state_reads_and_writes_back),
		cmocka_unit_test(secure_errors),
		cmocka_unit_test(timeline_shows_secure_callers),
		cmocka_unit_test(calls_from_secure_state_replay),
		cmocka_unit_test(secure_call_served_diverges),
		cmocka_unit_test(recorded_secure_calls_replay),
		cmocka_unit_test(expectations_pass),
	};
	return cmocka_run_group_tests(tests, cpu_fixture_setup, cpu_fixture_teardown);
}
