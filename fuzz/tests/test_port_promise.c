/*
 * test_port_promise.c - both host machines hold the dispatcher to the
 * port's promises (sdd_port.h, port_rules.h):
 *   - no port operation is given a PE the platform lacks or an interrupt
 *     its GIC does not implement.  TF-A's INTERRUPT_BIND handed such
 *     numbers to its GIC driver (FB23, CVE-2023-49100); what a driver
 *     then does (read out of bounds, panic) the simulator reports instead
 *     of answering from its arrays;
 *   - the lock is taken once per operation and released before it
 *     returns, and every other port operation is made with it held.
 *     TF-A released a shared event's lock twice (FB12); one PE at a time
 *     the machines need no lock, so before they kept account of it no
 *     oracle could see a lock broken.
 *
 * Built against the real core (PORT_BUG ""): the programs run clean on
 * the simulator and on fuzz_core.  Against planted bug 23 (INTERRUPT_BIND
 * refuses only SGIs and special INTIDs): on both machines and on both
 * profiles the run fails at the BIND, the dispatcher's fault, saying which
 * operation got which INTID - where before the ownership query answered
 * "not the client's" and the call was refused like any other (on the
 * default profile with the very code the specification asks for, so no
 * oracle saw it).  Against planted bug 28 (a COMPLETE with nothing running
 * releases the lock, and the call's exit again): the run fails at that
 * COMPLETE, where before it passed.  Against planted bug 29 (an unknown
 * function returns with the lock held): the run fails at that call, at
 * the check after the step - the dispatcher left its lock held - not at
 * whichever operation next takes the lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fz_core.h"
#include "fz_run.h"
#include "port_rules.h"
#include "scn.h"

#ifndef PORT_BUG
#error "PORT_BUG: the planted bug of the core this test is linked with, or \"\""
#endif

static struct fz_run sim;
static struct fz_core core;

/* A 96-SPI platform (32..127) binds 128, then 1019: past the last SPI,
 * below the special INTIDs (bug 23, at step 0).  Then a COMPLETE with no
 * handler running (bug 28, at step 2), and a function the SDEI range
 * does not define (bug 29, at step 3). */
#define STEPS "steps:\n" \
	"  - {pe: 0, call: INTERRUPT_BIND, args: [128]}\n" \
	"  - {pe: 1, call: INTERRUPT_BIND, args: [1019]}\n" \
	"  - {pe: 0, call: EVENT_COMPLETE, args: [0]}\n" \
	"  - {pe: 1, fid: 0xC400003E}\n"
static const char *const programs[] = {
	"name: port promises, default profile\nplatform: {spis: 96}\n" STEPS,
	"name: port promises, tf-a-fvp profile\nplatform: {profile: tf-a-fvp, spis: 96}\n" STEPS,
};
#define NPROGRAMS (sizeof programs / sizeof programs[0])

static void load(struct sim_program *p, const char *yaml)
{
	char err[300];

	if (scn_load_string("port-promise.yaml", yaml, strlen(yaml), NULL, p, err, sizeof err) != 0)
		fail_msg("%s", err);
}

/* The run's verdict and message, from either machine: the planted bug's
 * finding, at its step. */
static void assert_promise_broken(const struct sim_result *res, const char *message)
{
	static const struct { const char *bug; uint32_t step; const char *says[3]; } broken[] = {
		{ "23", 0, { "the dispatcher handed INTID 128 to the port's irq_is_client_owned",
			     "SPIs 32..127", "CVE-2023-49100" } },
		{ "28", 2, { "the dispatcher released its lock while not holding it", "sdd_port.h", "" } },
		{ "29", 3, { "the dispatcher returned from an operation with its lock held", "sdd_port.h", "" } },
	};

	assert_false(res->passed);
	assert_int_equal(res->fail_kind, SIM_FAIL_DISPATCHER);
	for (unsigned k = 0; k < sizeof broken / sizeof broken[0]; k++) {
		if (strcmp(broken[k].bug, PORT_BUG) != 0)
			continue;
		assert_int_equal(res->step, broken[k].step);
		for (unsigned j = 0; j < 3; j++)
			if (!strstr(message, broken[k].says[j]))
				fail_msg("not the port's finding (no \"%s\"): %s", broken[k].says[j], message);
		return;
	}
	fail_msg("no finding known for planted bug %s", PORT_BUG);
}

static void real_core_keeps_the_promise(void **state)
{
	(void)state;
	for (unsigned k = 0; k < NPROGRAMS; k++) {
		load(&sim.prog, programs[k]);
		if (!fz_run_program(&sim, false) || !sim.res.passed)
			fail_msg("simulator, program %u: %s %s", k, sim.finding, sim.res.message);
		assert_int_equal(sim.res.steps_run, 4);
		load(&core.prog, programs[k]);
		if (!fz_core_run_program(&core) || !core.res.passed)
			fail_msg("fz_core, program %u: %s %s", k, core.finding, core.res.message);
		assert_int_equal(core.res.steps_run, 4);
	}
}

static void broken_promise_fails_the_run_on_both_machines(void **state)
{
	(void)state;
	for (unsigned k = 0; k < NPROGRAMS; k++) {
		load(&sim.prog, programs[k]);
		assert_false(fz_run_program(&sim, false));
		assert_promise_broken(&sim.res, sim.res.message);
		load(&core.prog, programs[k]);
		assert_false(fz_core_run_program(&core));
		assert_promise_broken(&core.res, core.res.message);
	}
}

/* The rules themselves, at each edge (port_rules.h). */
static void promise_edges(void **state)
{
	struct sim_platform p;
	struct sim_port_lock l = { .held = true, .initialising = false };
	char why[256];
	(void)state;

	assert_true(sim_platform_profile(&p, "default"));
	p.pes = 4;
	p.spis = 96;
	assert_true(sim_port_call_ok(&p, &l, SIM_PORT_INTID, 3, 127));
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_INTID, 3, 128));
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_INTID, 4, 20));
	assert_true(sim_port_call_ok(&p, &l, SIM_PORT_INTID, 0, 0));          /* an SGI is an interrupt */
	/* sgi_raise: the firmware's own SGI (event 0's), no other */
	p.event0_sgi = 15;
	assert_true(sim_port_call_ok(&p, &l, SIM_PORT_SGI, 3, 15));
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_SGI, 3, 14));
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_SGI, 3, 16));
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_SGI, 4, 15));
	assert_string_equal(sim_port_call_problem(&p, &l, "sgi_raise", SIM_PORT_SGI, 1, 0, why, sizeof why),
			    "the dispatcher raised INTID 0 with the port's sgi_raise, which takes only the "
			    "firmware's SGI, event 0's (INTID 15): another SGI is the client's or nobody's");
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_SPI, 0, 31));
	assert_true(sim_port_call_ok(&p, &l, SIM_PORT_SPI, 0, 32));
	assert_true(sim_port_call_ok(&p, &l, SIM_PORT_SPI, SIM_PORT_ANY_PE, 127));
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_SPI, SIM_PORT_ANY_PE, 128));
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_INTID, SIM_PORT_ANY_PE, 40));  /* 1-of-N: irq_route's only */
	assert_true(sim_port_call_ok(&p, &l, SIM_PORT_PE, 3, 0xFFFFFFFF));   /* no interrupt: not looked at */
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_PE, 4, 0));
	p.spis = 0;
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_INTID, 0, 32));
	assert_string_equal(sim_port_call_problem(&p, &l, "pri_activate", SIM_PORT_PE, 7, 0, why, sizeof why),
			    "the dispatcher called the port's pri_activate for PE 7, which the platform does not "
			    "have (4 PEs)");
	assert_string_equal(sim_port_call_problem(&p, &l, "irq_enable", SIM_PORT_INTID, 0, 32, why, sizeof why),
			    "the dispatcher handed INTID 32 to the port's irq_enable, which takes an interrupt the "
			    "GIC implements (SGIs 0..15, PPIs 16..31, no SPIs): a number the dispatcher did not "
			    "check (CVE-2023-49100)");

	/* the lock: once, then released once; operations only while held
	 * (or while sdd_init runs) */
	l.held = false;
	assert_false(sim_port_call_ok(&p, &l, SIM_PORT_PE, 0, 0));
	assert_string_equal(sim_port_call_problem(&p, &l, "irq_eoi", SIM_PORT_INTID, 0, 20, why, sizeof why),
			    "the dispatcher called the port's irq_eoi without holding its lock (sdd_port.h: every "
			    "operation but sdd_init's is made with it held)");
	l.initialising = true;
	assert_true(sim_port_call_ok(&p, &l, SIM_PORT_INTID, 0, 20));
	l.initialising = false;
	assert_null(sim_port_lock_take(&l));
	assert_true(l.held);
	assert_true(sim_port_call_ok(&p, &l, SIM_PORT_INTID, 0, 20));
	assert_string_equal(sim_port_lock_take(&l), "took its lock while holding it");
	assert_null(sim_port_lock_release(&l));
	assert_false(l.held);
	assert_string_equal(sim_port_lock_release(&l), "released its lock while not holding it");
	assert_null(sim_port_lock_settled(&l));
	l.held = true;
	assert_string_equal(sim_port_lock_settled(&l), "returned from an operation with its lock held");
	assert_string_equal(sim_port_lock_problem("took its lock while holding it", why, sizeof why),
			    "the dispatcher took its lock while holding it (sdd_port.h: taken once on entry to an "
			    "operation, released before it returns)");
}

int main(void)
{
	const struct CMUnitTest real[] = {
		cmocka_unit_test(promise_edges),
		cmocka_unit_test(real_core_keeps_the_promise),
	};
	const struct CMUnitTest planted[] = {
		cmocka_unit_test(broken_promise_fails_the_run_on_both_machines),
	};
	char err[300];
	int failed;

	if (fz_core_init(&core) != 0)
		return 1;
	if (fz_run_init(&sim, err, sizeof err) != 0) {
		fprintf(stderr, "test_port_promise: %s\n", err);
		return 1;
	}
	failed = PORT_BUG[0] == 0 ? cmocka_run_group_tests(real, NULL, NULL)
				  : cmocka_run_group_tests(planted, NULL, NULL);
	fz_run_free(&sim);
	fz_core_free(&core);
	return failed;
}
