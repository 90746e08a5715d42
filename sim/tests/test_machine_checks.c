/*
 * test_machine_checks.c - the machine's cross-layer checks (check.c) each
 * report the broken state they are there for.  A correct dispatcher on a
 * correct machine never makes one, so no scenario can show that a check
 * still looks: a run that passes leaves its machine in the CPU's
 * workspace, one field of it is broken by hand the way a bug would break
 * it (mc.h), and sim_check_invariants must say so (the acknowledge and
 * route checks: the call the machine makes there; X7's links:
 * test_machine_triggers.c) - and whose fault it is: a check only the
 * simulator can break (its GIC model's invariants but G9, its PSCI
 * model's redistributor sleep, X6, its port's route, X7's links up to
 * the acknowledge) SIM_FAIL_SIMULATOR, its message labelled as the
 * simulator's own fault; the others, G9 among them, SIM_FAIL_INVARIANT,
 * the dispatcher's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gic_internal.h"
#include "mc.h"

static void a_running_pe_with_its_redistributor_asleep(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	gic_set_sleep(&m->gic, 1, true);
	mc_assert_reported(m, SIM_FAIL_SIMULATOR, OWN("PSCI model") "PE 1 is on but its redistributor is asleep");
}

static void an_interrupt_left_signalled_to_a_running_pe(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	gic_fire(&m->gic, 2, 22);
	mc_assert_reported(m, SIM_FAIL_SIMULATOR, OWN("scheduler") "the machine settled with INTID 22 signalled to PE 2, which runs and did not take it");
}

static void a_suspended_pe_left_with_an_interrupt_to_wake_it(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	gic_fire(&m->gic, 3, 22);
	mc_assert_reported(m, SIM_FAIL_SIMULATOR, OWN("scheduler") "the machine settled with PE 3 suspended and an interrupt pending for it");
}

/* SPI spi made active on PE 2, Group 0 and acknowledged there, by the GIC
 * alone (no handler): an interrupt active, and owned by another PE. */
static void active_on_pe2(struct sim_machine *m, uint32_t spi)
{
	gic_set_irq(&m->gic, 0, spi, GIC_G0, SIM_PRIO_NORMAL, true, false);
	gic_set_route(&m->gic, spi, false, m->gic.pe[2].mpidr);
	gic_fire(&m->gic, 2, spi);
	assert_int_equal(gic_ack0(&m->gic, 2), spi);
}

/* X1: a running handler's interrupt is active, and on the PE that runs
 * it - the outer handler's as well as the nested one's. */
static void a_handlers_interrupt_not_active_on_its_pe(void **state)
{
	struct sim_machine *m = mc_settled_nesting(true);
	(void)state;

	active_on_pe2(m, 32);
	m->pe[0].disp[0].intid = 32;             /* as the machine would have tracked it */
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000101 but its interrupt 32 is not "
			   "active on this PE");
	m = mc_settled_nesting(true);
	m->pe[0].disp[1].intid = 31;
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000100 but its interrupt 31 is not "
			   "active on this PE");
}

/* PE 1's firmware acknowledged intid (Group 0, normal priority) and holds
 * it: a hold step. */
static void held_on_pe1(struct sim_machine *m, uint32_t intid)
{
	struct sim_obs ob;

	gic_set_irq(&m->gic, 1, intid, GIC_G0, SIM_PRIO_NORMAL, true, false);
	if (intid >= 32)
		gic_set_route(&m->gic, intid, false, m->gic.pe[1].mpidr);
	sim_fire(m, intid, 1);
	assert_true(sim_hold_arm(&m->pe[1].hold));
	assert_int_equal(gic_ack0(&m->gic, 1), intid);
	assert_true(sim_check_ack(m, 1, intid));
	assert_false(sim_hold_ack(&m->pe[1].hold, 1, 0, intid, 0, 0, &ob));
}

/* A PE whose firmware holds an interrupt runs no handler at a raised
 * running priority: legal, for an interrupt at either end of the banked
 * and SPI ranges - while it is active there.  Not active, or active on
 * another PE, it is reported. */
static void a_held_interrupt_not_active_on_its_pe(void **state)
{
	static const uint32_t ends[] = { 16, 31, 32, 127 };
	const struct sim_loc here = { 0, 0 };
	struct sim_machine *m;
	(void)state;

	for (unsigned k = 0; k < sizeof ends / sizeof ends[0]; k++) {
		m = mc_settled();
		held_on_pe1(m, ends[k]);
		if (!sim_check_invariants(m, here))
			fail_msg("holding INTID %u: %s", ends[k], m->fail_msg);
	}
	m->pe[1].hold.intid = 21;                /* as the machine would have tracked it */
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 1 holds INTID 21, which is not active on this PE");
	m = mc_settled();
	held_on_pe1(m, 22);
	active_on_pe2(m, 40);
	m->pe[1].hold.intid = 40;
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 1 holds INTID 40, which is not active on this PE");
}

/* X1: a handler's interrupt stays programmed at its event's class
 * priority while the handler runs. */
static void an_interrupt_reprogrammed_while_its_handler_runs(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	gic_set_priority(&m->gic, 0, 22, SIM_PRIO_CRITICAL);
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000101, whose interrupt 22 is programmed at "
			   "priority 0x60, not its class's 0x70");
}

/* ... the outer handler's too, under a nested one. */
static void an_outer_handlers_interrupt_reprogrammed(void **state)
{
	struct sim_machine *m = mc_settled_nesting(true);
	(void)state;

	gic_set_priority(&m->gic, 0, 22, SIM_PRIO_CRITICAL);
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000101, whose interrupt 22 is programmed at "
			   "priority 0x60, not its class's 0x70");
}

/* PE 0's handler (EV_NORM, PPI 22) as if acknowledged at the critical
 * priority: the acknowledge's record and the active priority bit. */
static void acknowledged_at_the_critical_priority(struct sim_machine *m)
{
	struct gic_pe *p = &m->gic.pe[0];

	assert_int_equal(p->nack, 1);
	p->ack[0].gprio = SIM_PRIO_CRITICAL;
	p->apr[GIC_G0] = 1u << (SIM_PRIO_CRITICAL >> GIC_GPRIO_SHIFT);
	assert_int_equal(gic_rpr(&m->gic, 0), SIM_PRIO_CRITICAL);
}

/* X1: the running priority is the event's class priority (the platform's
 * word for it)... */
static void a_handler_acknowledged_at_another_priority(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	acknowledged_at_the_critical_priority(m);
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000101 at priority 0x60, its class's is 0x70");
}

/* ... and neither it nor its interrupt's priority is taken from what the
 * dispatcher had programmed: a normal event's interrupt claimed at the
 * critical priority (TF-A FB04, planted bug 33) is acknowledged there, the
 * running priority then agrees with the interrupt, and only the class
 * tells. */
static void a_normal_events_interrupt_claimed_at_the_critical_priority(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	gic_set_priority(&m->gic, 0, 22, SIM_PRIO_CRITICAL);
	acknowledged_at_the_critical_priority(m);
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000101, whose interrupt 22 is programmed at "
			   "priority 0x60, not its class's 0x70");
}

/* X4: a handler runs over another only as a critical one over a normal
 * one, by the platform's classes (the dispatcher's frames not asked): a
 * critical handler over a critical one is reported. */
static void a_critical_handler_over_a_critical_one(void **state)
{
	struct sim_machine *m = mc_settled_nesting(true);
	(void)state;

	m->pe[0].disp[0].event = EV_CRIT;        /* as the machine would have tracked it */
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000100 (critical) over that of event 0x40000100 "
			   "(critical): only a critical event preempts, and only a normal one");
}

/* X3: nothing running, nothing left raised. */
static void a_pmr_left_raised_with_no_handler(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	gic_set_pmr(&m->gic, 1, SIM_PRIO_NORMAL);
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 1 runs no handler but its running priority is 0xff and PMR 0x70");
}

static void the_machine_and_the_dispatcher_counting_handlers_differently(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	m->pe[1].depth = 1;
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "PE 1: the machine counts 1 running handler(s), the dispatcher 0");
}

/* The route the dispatcher asks of the port is the one GICD_IROUTER
 * holds: a port writing another PE's affinity leaves a legal GIC, and a
 * dispatch on the wrong PE that only an expectation would notice. */
static void a_route_the_port_wrote_for_another_pe(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	gic_set_route(&m->gic, 40, false, m->gic.pe[1].mpidr);
	assert_true(sim_check_route(m, 40, false, 1));
	assert_false(sim_check_route(m, 40, true, 1));
	mc_assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC port") "the port wrote GICD_IROUTER of SPI 40 as IRM 0, affinity "
			 "0x1, for the dispatcher's route to any PE (1-of-N)");
	m = mc_settled();
	gic_set_route(&m->gic, 40, false, m->gic.pe[0].mpidr);
	assert_false(sim_check_route(m, 40, false, 2));
	mc_assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC port") "the port wrote GICD_IROUTER of SPI 40 as IRM 0, affinity "
			 "0x0, for the dispatcher's route to PE 2 (MPIDR 0x2)");
	m = mc_settled();
	assert_true(sim_check_route(m, 31, true, 0));       /* a PPI has no route */
	assert_false(sim_check_route(m, 32, true, 0));      /* the first SPI has one */
	mc_assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC port") "the port wrote GICD_IROUTER of SPI 32 as IRM 0");
}

/* With the invariants off (sim_run_opts.skip_invariants: a fuzz
 * reproducer run without them), the checks a step makes pass whatever
 * they see - one that said false there would drop the acknowledge it was
 * asked about, or the handler entry - and the ledger notes nothing. */
static void with_the_invariants_off_the_checks_in_a_step_pass(void **state)
{
	struct sim_machine *m = mc_settled();
	const struct sim_loc here = { 0, 0 };
	(void)state;

	m->skip_invariants = true;
	m->pe[0].disp[0].event = EV_CRIT;        /* X1 broken */
	assert_true(sim_check_running(m, 0, here));
	assert_true(sim_check_ack(m, 1, 22));    /* PE 1 acknowledged nothing */
	assert_true(sim_triggers_dispatch(m, 1, 22));
	assert_true(sim_check_route(m, 40, true, 1));
	assert_true(sim_note_trigger(m, 1, 22, false));   /* not latched */
	assert_false(m->failed);
}

/* An operation of the port that returned with its lock held is the
 * dispatcher's fault, found at the step's end. */
static void the_port_lock_left_held(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	m->lock.held = true;
	mc_assert_reported(m, SIM_FAIL_DISPATCHER, "the dispatcher returned from an operation with its lock held");
}

/* The dispatcher's own invariants (sdd_check) are asked after a step
 * that called into it: one broken is its fault. */
static void a_dispatcher_invariant_broken(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	m->core.intid[1] = 42;
	m->core_touched = true;                  /* as a call into the dispatcher marks it */
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "dispatcher invariant violated (sdd_check -20: ");
}

/* The GIC model breaking one of its own invariants (G1 here: an active
 * priority bit with no acknowledge behind it, which the model's masking
 * and checks of every write leave no port a way to make) is the
 * simulator's fault, and said to be, whole. */
static void a_gic_model_breaking_its_own_invariant_is_the_simulators_fault(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	m->gic.pe[1].apr[GIC_G0] = 1u << (SIM_PRIO_NORMAL >> GIC_GPRIO_SHIFT);
	m->gic.epoch++;                        /* as a change of the model moves it */
	mc_assert_reported(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "GIC invariant G1 violated: G1: PE 1: APR of group 0 "
			   "is 0x00004000, ack list says 0x00000000");
	assert_string_equal(m->fail_msg, OWN("GIC model") "GIC invariant G1 violated: G1: PE 1: APR of group 0 is "
			    "0x00004000, ack list says 0x00000000");
	m = mc_settled();                        /* a GIC not checked yet is, whatever its epoch */
	m->gic.pe[1].apr[GIC_G0] = 1u << (SIM_PRIO_NORMAL >> GIC_GPRIO_SHIFT);
	m->gic_checked = false;                  /* as a restored (migrated) machine's */
	mc_assert_reported(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "GIC invariant G1 violated");
}

/* ... at an acknowledge too, before the dispatcher is handed it: an
 * INTID the GIC's acknowledge did not make active there (G3). */
static void an_acknowledge_the_gic_did_not_record_is_the_simulators_fault(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	assert_false(sim_check_ack(m, 1, 22));   /* PE 1 acknowledged nothing */
	mc_assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "GIC invariant G3 violated: G3: PE 1 acknowledged "
			 "INTID 22, which is not active there");
}

/* G9 is the software's (reference/gicv3-ehf.md §4.3): an EOI of an
 * interrupt that is not the one acknowledged last, which the port writes
 * when the dispatcher asks it to - the dispatcher's fault, reported in
 * the words it always was. */
static void an_illegal_eoi_stays_the_dispatchers_fault(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	gic_eoi0(&m->gic, 1, 22);              /* PE 1 acknowledged nothing */
	mc_assert_reported(m, SIM_FAIL_INVARIANT, "GIC invariant G9 violated");
	assert_string_equal(m->fail_msg, "GIC invariant G9 violated: G9: 1 illegal EOI/DIR writes, the first: EOIR "
			    "with nothing acknowledged, INTID 22 on PE 1");
}

/* A failure's message too long for its room (sim_result.message) ends
 * in "..." after its last whole character, so that nobody reads a cut
 * one as whole: a list of handler entries and a masked PE's waiting
 * events may together pass it. */
static void a_message_too_long_for_its_room_ends_in_dots(void **state)
{
	struct sim_machine *m = mc_settled();
	char said[sizeof m->fail_msg + 100];
	(void)state;

	memset(said, 'x', sizeof said - 1);
	said[sizeof said - 1] = 0;
	sim_fail(m, SIM_FAIL_EXPECT, (struct sim_loc){ 1, 1 }, "expected 3 handler entries, got %s", said);
	assert_int_equal(strlen(m->fail_msg), sizeof m->fail_msg - 1);
	assert_string_equal(m->fail_msg + sizeof m->fail_msg - 5, "x...");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_running_pe_with_its_redistributor_asleep),
		cmocka_unit_test(an_interrupt_left_signalled_to_a_running_pe),
		cmocka_unit_test(a_suspended_pe_left_with_an_interrupt_to_wake_it),
		cmocka_unit_test(a_handlers_interrupt_not_active_on_its_pe),
		cmocka_unit_test(a_held_interrupt_not_active_on_its_pe),
		cmocka_unit_test(an_interrupt_reprogrammed_while_its_handler_runs),
		cmocka_unit_test(an_outer_handlers_interrupt_reprogrammed),
		cmocka_unit_test(a_handler_acknowledged_at_another_priority),
		cmocka_unit_test(a_normal_events_interrupt_claimed_at_the_critical_priority),
		cmocka_unit_test(a_critical_handler_over_a_critical_one),
		cmocka_unit_test(a_pmr_left_raised_with_no_handler),
		cmocka_unit_test(the_machine_and_the_dispatcher_counting_handlers_differently),
		cmocka_unit_test(a_route_the_port_wrote_for_another_pe),
		cmocka_unit_test(with_the_invariants_off_the_checks_in_a_step_pass),
		cmocka_unit_test(the_port_lock_left_held),
		cmocka_unit_test(a_dispatcher_invariant_broken),
		cmocka_unit_test(a_gic_model_breaking_its_own_invariant_is_the_simulators_fault),
		cmocka_unit_test(an_acknowledge_the_gic_did_not_record_is_the_simulators_fault),
		cmocka_unit_test(an_illegal_eoi_stays_the_dispatchers_fault),
		cmocka_unit_test(a_message_too_long_for_its_room_ends_in_dots),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
