/*
 * test_machine_checks.c - the machine's cross-layer checks (check.c) each
 * report the broken state they are there for.  A correct dispatcher on a
 * correct machine never makes one, so no scenario can show that a check
 * still looks: a run that passes leaves its machine in the CPU's
 * workspace, one field of it is broken by hand the way a bug would break
 * it, and sim_check_invariants must say so.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"
#include "sim_internal.h"

/* PE 0 runs EV_NORM's handler (PPI 22), paused in it; PEs 1 and 2 idle
 * with EV_NORM registered, enabled and unmasked; PE 3 the same, then in a
 * standby suspend.  Returns the settled machine, which passes the checks. */
static struct sim_machine *settled(void)
{
	static struct pb b;
	struct sim_machine *m;
	const struct sim_loc here = { 0, 0 };
	int h;

	pb_init(&b);
	mt_setup_platform(&b);
	h = pb_handler(&b, "pausing");
	pb_yield(&b);
	pb_complete(&b, 0);
	pb_end(&b);
	for (unsigned pe = 0; pe < 4; pe++) {
		pb_register(&b, pe, EV_NORM, h, 0, 0, V(0));
		pb_call1(&b, pe, SDD_FID_EVENT_ENABLE, V(EV_NORM));
		pb_call0(&b, pe, SDD_FID_PE_UNMASK);
	}
	pb_interrupt(&b, 0, 22);
	pb_psci(&b, 3, SIM_PSCI_CPU_SUSPEND, SIM_NONE);
	b.p.steps[b.p.nsteps - 1].state = SIM_SUSPEND_STANDBY;
	mt_assert_passes(&b);
	pb_free(&b);
	m = sim_cpu_workspace(mt_cpu, sizeof *m);
	assert_int_equal(m->pe[0].depth, 1);
	assert_int_equal(m->pe[3].power, SIM_PE_STANDBY);
	assert_true(sim_check_invariants(m, here));
	return m;
}

/* The checks fail, with a message holding needle. */
static void assert_reported(struct sim_machine *m, const char *needle)
{
	const struct sim_loc here = { 0, 0 };

	assert_false(sim_check_invariants(m, here));
	assert_true(m->failed);
	if (strstr(m->fail_msg, needle) == NULL)
		fail_msg("reported: %s (expected '%s')", m->fail_msg, needle);
}

static void a_running_pe_with_its_redistributor_asleep(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_set_sleep(&m->gic, 1, true);
	assert_reported(m, "PE 1 is on but its redistributor is asleep");
}

static void an_interrupt_left_signalled_to_a_running_pe(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_fire(&m->gic, 2, 22);
	assert_reported(m, "the machine settled with INTID 22 signalled to PE 2, which runs and did not take it");
}

static void a_suspended_pe_left_with_an_interrupt_to_wake_it(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_fire(&m->gic, 3, 22);
	assert_reported(m, "the machine settled with PE 3 suspended and an interrupt pending for it");
}

/* X1: the handler runs at its interrupt's priority. */
static void a_handler_running_at_another_priority(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_set_priority(&m->gic, 0, 22, SIM_PRIO_CRITICAL);
	assert_reported(m, "PE 0 runs the handler of event 0x40000101 at priority 0x70, expected 0x60");
}

/* X3: nothing running, nothing left raised. */
static void a_pmr_left_raised_with_no_handler(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_set_pmr(&m->gic, 1, SIM_PRIO_NORMAL);
	assert_reported(m, "PE 1 runs no handler but its running priority is 0xff and PMR 0x70");
}

static void the_machine_and_the_dispatcher_counting_handlers_differently(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	m->pe[1].depth = 1;
	assert_reported(m, "PE 1: the machine counts 1 running handler(s), the dispatcher 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_running_pe_with_its_redistributor_asleep),
		cmocka_unit_test(an_interrupt_left_signalled_to_a_running_pe),
		cmocka_unit_test(a_suspended_pe_left_with_an_interrupt_to_wake_it),
		cmocka_unit_test(a_handler_running_at_another_priority),
		cmocka_unit_test(a_pmr_left_raised_with_no_handler),
		cmocka_unit_test(the_machine_and_the_dispatcher_counting_handlers_differently),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
