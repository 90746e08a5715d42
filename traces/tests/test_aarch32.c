/*
 * test_aarch32.c - calls from AArch32 (`aarch32=1`, an extension of the
 * format): the field reads and writes back to the same bytes (written
 * only as 1), and the reader refuses what it cannot be; in the replay,
 * the calls are made from AArch32 again, their results compared as the
 * caller reads them (32 bits: a firmware that left r0 zero-extended
 * matches), an SMC64 PSCI function replayed as the raw call it was (as a
 * `psci:` op it would be made from AArch64 and answered), and one made
 * in a handler's context - which a Tarmac import writes h=1: a handler
 * was running - replayed as a step in that context while the handler
 * waits, since handler code runs in AArch64 and an action cannot be from
 * AArch32.  The program built with the trace's results as expectations
 * passes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"            /* SIM_A32_MODE */
#include "replay.h"
#include "sdd/sdd_spec.h"
#include "trace.h"
#include "cpu_fixture.h"

/* ---- The field ---- */

/* A call from AArch32 reads, and writes back the same bytes, the field
 * beside el: the mode it was made from (aarch32=1, the EL's usual mode,
 * writes back as that mode's name); aarch32=0 reads as a call from
 * AArch64, which is written without the field, as calls were before it. */
static void call_from_aarch32_reads_and_writes_back(void **state)
{
	static const char text[] =
		"# sdeisim-trace 2\n"
		"call t=1 pe=0 conduit=smc el=2 aarch32=1 h=0 fn=VERSION x0=0xc4000020 x1=0x0 x2=0x0 x3=0x0 x4=0x0 "
		"x5=0x0 end=ret r0=0xffffffffffffffff\n"
		"call t=2 pe=0 conduit=hvc el=1 aarch32=0 h=1 x0=0x84000000 end=ret r0=0x10001\n"
		"call t=3 pe=0 conduit=hvc el=1 h=0 x0=0x84000000 end=ret\n"
		"call t=4 pe=1 conduit=smc el=1 aarch32=abt h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0xffffffffffffffff\n"
		"call t=5 pe=1 conduit=smc el=2 aarch32=hyp h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret\n";
	static const char *const again[] = {
		"call t=1 pe=0 conduit=smc el=2 aarch32=hyp h=0 fn=VERSION x0=0xc4000020 x1=0x0 x2=0x0 x3=0x0 x4=0x0 "
		"x5=0x0 end=ret r0=0xffffffffffffffff\n",
		"call t=2 pe=0 conduit=hvc el=1 h=1 fn=PSCI_VERSION x0=0x84000000 x1=? x2=? x3=? x4=? x5=? end=ret "
		"r0=0x10001\n",
		"call t=3 pe=0 conduit=hvc el=1 h=0 fn=PSCI_VERSION x0=0x84000000 x1=? x2=? x3=? x4=? x5=? end=ret\n",
		"call t=4 pe=1 conduit=smc el=1 aarch32=abt h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret r0=0xffffffffffffffff\n",
		"call t=5 pe=1 conduit=smc el=2 aarch32=hyp h=0 fn=VERSION x0=0xc4000020 x1=? x2=? x3=? x4=? x5=? "
		"end=ret\n",
	};
	static const struct caller_read want[] = {
		{ 2, SIM_A32_EL_MODE }, { 1, 0 }, { 1, 0 }, { 1, SIM_A32_MODE(0x7) }, { 2, SIM_A32_MODE(0xA) },
	};
	(void)state;

	assert_reads_back(text, again, want, 5, offsetof(struct trace_rec, aarch32));
}

/* A mode of the call's EL, 0 or 1, on a call, from version 2: anything
 * else is an error at the value (or the field, or the record), never a
 * call taken for one from AArch64. */
static void aarch32_errors(void **state)
{
	static const struct bad_trace bad[] = {
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 aarch32=2 h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:40: aarch32=2: expected the AArch32 mode the call was made from (svc, hyp, abt, und, fiq, irq, sys, mon), 1 (the EL's usual one) or 0 (from AArch64)" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 aarch32=true h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:40: aarch32=true: expected the AArch32 mode the call was made from (svc, hyp, abt, und, fiq, irq, sys, mon), 1 (the EL's usual one) or 0 (from AArch64)" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 aarch32=01 h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:40: aarch32=01: expected the AArch32 mode the call was made from (svc, hyp, abt, und, fiq, irq, sys, mon), 1 (the EL's usual one) or 0 (from AArch64)" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 aarch32=usr h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:40: aarch32=usr: expected the AArch32 mode the call was made from (svc, hyp, abt, und, fiq, irq, sys, mon), 1 (the EL's usual one) or 0 (from AArch64)" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 aarch32=abt h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:1: aarch32=abt is a mode of EL1, but el=2" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 aarch32= h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:40: field 'aarch32' has no value" },
		{ "# sdeisim-trace 1\ncall t=1 pe=0 conduit=smc el=2 aarch32=1 h=0 x0=0xc4000020 end=ret\n",
		  "mem:2:40: aarch32=1: a version 1 trace has no calls from AArch32 (version 2 added them)" },
		{ "# sdeisim-trace 2\ndispatch t=1 pe=0 event=0 cause=call aarch32=1\n",
		  "mem:2:38: dispatch records have no field 'aarch32'" },
		/* 32-bit registers, as a scenario's call from AArch32 has them
		 * (fuzz_trace found a trace the replay exported as a scenario
		 * that did not load); r0 is as the firmware leaves it */
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=2 aarch32=1 h=0 x0=0xc24000003 x1=0x1 end=ret\n",
		  "mem:2:46: a call from AArch32 passes 32-bit registers: x0=0xc24000003 does not fit" },
		{ "# sdeisim-trace 2\ncall t=1 pe=0 conduit=smc el=1 aarch32=abt h=0 x0=0xc4000021 x1=0x0 "
		  "x2=0x180000000 end=ret r0=0xffffffffffffffff\n",
		  "mem:2:69: a call from AArch32 passes 32-bit registers: x2=0x180000000 does not fit" },
	};
	(void)state;
	assert_int_equal(bad_traces_misread(bad, sizeof bad / sizeof bad[0]), 0);
}

/* The timeline says who made each call: its EL, and from AArch32 the
 * mode. */
static void timeline_shows_the_caller(void **state)
{
	static const char text[] =
		"# sdeisim-trace 2\n"
		"call t=1 pe=0 conduit=smc el=1 aarch32=abt h=0 x0=0xc4000020 end=ret r0=0xffffffffffffffff\n"
		"call t=2 pe=1 conduit=smc el=2 h=0 x0=0xc4000020 end=ret r0=0x1000100000000\n";
	char *json = timeline_of(text);
	const char *second = strstr(json, "\"el\":2,");

	(void)state;
	assert_non_null(strstr(json, "\"el\":1,\"aarch32\":\"abt\""));
	assert_non_null(second);
	assert_null(strstr(second, "aarch32"));      /* from AArch64: no mode */
	free(json);
}

/* ---- The replay ---- */

/* Event 0's handler is entered on PE 0; in its context, EVENT_CONTEXT and
 * EVENT_COMPLETE from AArch32 are refused (line 9: r0 as a firmware that
 * zero-extends it leaves it), STATUS from AArch64 sees it running, and
 * its own COMPLETE ends it.  Then CPU_ON, an SMC64 function, from
 * AArch32: an unknown function. */
static const char trace[] =
	"# sdeisim-trace 2\n"
	"platform profile=default pes=2 el=2 conduit=smc\n"
	"call t=1 pe=0 conduit=smc el=2 h=0 x0=0xc4000021 x1=0x0 x2=0x80081000 x3=0x7 x4=0x0 x5=0x0 end=ret r0=0x0\n"
	"call t=2 pe=0 conduit=smc el=2 h=0 x0=0xc4000022 x1=0x0 end=ret r0=0x0\n"
	"call t=3 pe=0 conduit=smc el=2 h=0 x0=0xc400002c end=ret r0=0x0\n"
	"call t=4 pe=1 conduit=smc el=2 h=0 x0=0xc400002f x1=0x0 x2=0x0 end=ret r0=0x0\n"
	"irq t=5 pe=0 intid=8 how=ack\n"
	"dispatch t=6 pe=0 event=0 ep=0x80081000 cause=irq intid=8 x0=0x0 x1=0x7\n"
	"call t=7 pe=0 conduit=smc el=2 aarch32=1 h=1 x0=0xc4000024 x1=0x0 end=ret r0=0xffffffff\n"
	"call t=8 pe=0 conduit=smc el=2 aarch32=1 h=1 x0=0xc4000025 x1=0x0 end=ret r0=0xffffffffffffffff\n"
	"call t=9 pe=0 conduit=smc el=2 h=1 x0=0xc4000028 x1=0x0 end=ret r0=0x7\n"
	"call t=10 pe=0 conduit=smc el=2 h=1 x0=0xc4000025 x1=0x0 end=complete\n"
	"complete t=11 pe=0 event=0 how=complete status=0x0\n"
	"call t=12 pe=0 conduit=smc el=2 aarch32=1 h=0 x0=0xc4000003 x1=0x1 x2=0x0 x3=0x0 end=ret r0=0xffffffff\n"
	"call t=13 pe=0 conduit=smc el=2 aarch32=1 h=0 x0=0x84000000 end=ret r0=0x10001\n";

/* The step made from trace line `line`, or NULL. */
static const struct sim_op *step_of_line(const struct replay *rp, uint32_t line)
{
	for (uint32_t k = 0; k < rp->prog.nsteps; k++)
		if (rp->step_rec[k] >= 0 && rp->recs[rp->step_rec[k]].line == line)
			return &rp->prog.steps[k];
	return NULL;
}

static void calls_from_aarch32_replay(void **state)
{
	struct replay_opts ro = { NULL, false, false };
	struct replay_summary sum;
	struct replay rp;
	char *report = NULL;
	const struct sim_handler *h;

	(void)state;
	assert_int_equal(cpu_fixture_replay(trace, &ro, false, &report, &sum, &rp), 0);
	assert_string_equal(report, "13 matched, 0 diverged\n");
	/* the handler's own calls are its actions, from AArch64; the two from
	 * AArch32 are steps made while it waits, from AArch32 */
	assert_int_equal(rp.prog.nhandlers, 1);
	h = &rp.prog.handlers[0];
	for (uint32_t k = 0; k < h->nops; k++) {
		const struct sim_op *a = &rp.prog.actions[h->ops + k];
		assert_false(a->aarch32);
		assert_false(a->kind == SIM_OP_CALL && a->fid.u == SDD_FID_EVENT_CONTEXT);
	}
	for (uint32_t line = 9; line <= 10; line++) {
		const struct sim_op *s = step_of_line(&rp, line);
		assert_non_null(s);
		assert_int_equal(s->kind, SIM_OP_CALL);
		assert_int_equal(s->aarch32, 1);
	}
	/* PSCI from AArch32: raw calls (`fid:`), made from AArch32 */
	for (uint32_t line = 14; line <= 15; line++) {
		const struct sim_op *s = step_of_line(&rp, line);
		assert_non_null(s);
		assert_int_equal(s->kind, SIM_OP_CALL);
		assert_int_equal(s->aarch32, 1);
	}
	replay_free(&rp);
	free(report);
}

/* The result the caller reads, r0's low 32 bits: another one diverges. */
static void result_from_aarch32_diverges(void **state)
{
	struct replay_opts ro = { NULL, false, false };
	struct replay_summary sum;
	char *text = strdup(trace), *report = NULL, *r0 = strstr(text, "r0=0xffffffff\n");

	(void)state;
	memcpy(r0, "r0=0xfffffffe", 13);      /* line 9: -2 */
	assert_int_equal(cpu_fixture_replay(text, &ro, false, &report, &sum, NULL), 0);
	assert_int_equal(sum.diverged, 1);
	assert_non_null(strstr(report, "t.trace:9: EVENT_CONTEXT on PE 0: trace x0=-2 (INVALID_PARAMETERS), replay "
				       "x0=-1 (NOT_SUPPORTED);"));
	assert_non_null(strstr(report, "12 matched, 1 diverged\n"));
	free(report);
	free(text);
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
		cmocka_unit_test(call_from_aarch32_reads_and_writes_back),
		cmocka_unit_test(aarch32_errors),
		cmocka_unit_test(timeline_shows_the_caller),
		cmocka_unit_test(calls_from_aarch32_replay),
		cmocka_unit_test(result_from_aarch32_diverges),
		cmocka_unit_test(expectations_pass),
	};
	return cmocka_run_group_tests(tests, cpu_fixture_setup, cpu_fixture_teardown);
}
