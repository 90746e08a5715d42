/*
 * test_machine_checks.c - the machine's cross-layer checks (check.c) each
 * report the broken state they are there for.  A correct dispatcher on a
 * correct machine never makes one, so no scenario can show that a check
 * still looks: a run that passes leaves its machine in the CPU's
 * workspace, one field of it is broken by hand the way a bug would break
 * it, and sim_check_invariants must say so (X7's checks at a trigger,
 * an acknowledge and a dispatch: the call the machine makes there) - and
 * whose fault it is: a check only the simulator can break (its GIC
 * model's invariants but G9, its PSCI model's redistributor sleep, X6,
 * its port's route, X7's links up to the acknowledge) SIM_FAIL_SIMULATOR,
 * its message labelled as the simulator's own fault; the others, G9
 * among them, SIM_FAIL_INVARIANT, the dispatcher's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"
#include "gic_internal.h"
#include "sim_internal.h"

/* PE 0 runs EV_NORM's handler (PPI 22), paused in it - and, nest, EV_CRIT's
 * (PPI 23) over it; PEs 1 and 2 idle with EV_NORM registered, enabled and
 * unmasked; PE 3 the same, then in a standby suspend.  Returns the settled
 * machine, which passes the checks. */
static struct sim_machine *settled_nesting(bool nest)
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
	if (nest) {
		pb_register(&b, 0, EV_CRIT, h, 0, 0, V(0));
		pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_CRIT));
		pb_interrupt(&b, 0, 23);
	}
	pb_psci(&b, 3, SIM_PSCI_CPU_SUSPEND, SIM_NONE);
	b.p.steps[b.p.nsteps - 1].state = SIM_SUSPEND_STANDBY;
	mt_assert_passes(&b);
	pb_free(&b);
	m = sim_cpu_workspace(mt_cpu, sizeof *m);
	assert_int_equal(m->pe[0].depth, nest ? 2 : 1);
	assert_int_equal(m->pe[3].power, SIM_PE_STANDBY);
	assert_true(sim_check_invariants(m, here));
	return m;
}

static struct sim_machine *settled(void)
{
	return settled_nesting(false);
}

/* The label a failure of the simulator's own starts with (sim_fail_own),
 * part naming the part of it at fault. */
#define OWN(part) "the simulator's own fault (" part "), not the dispatcher's - please report it to sdeisim: "

/* The machine failed, of kind, with a message holding needle - starting
 * with it when the fault is the simulator's own (needle: OWN(...) and
 * the message). */
static void assert_failed(struct sim_machine *m, unsigned kind, const char *needle)
{
	const char *at = strstr(m->fail_msg, needle);

	assert_true(m->failed);
	if (m->fail_kind != kind || at == NULL || (kind == SIM_FAIL_SIMULATOR && at != m->fail_msg))
		fail_msg("reported (kind %u): %s (expected kind %u, '%s')", m->fail_kind, m->fail_msg, kind, needle);
}

/* The checks fail, as assert_failed says. */
static void assert_reported(struct sim_machine *m, unsigned kind, const char *needle)
{
	const struct sim_loc here = { 0, 0 };

	assert_false(sim_check_invariants(m, here));
	assert_failed(m, kind, needle);
}

static void a_running_pe_with_its_redistributor_asleep(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_set_sleep(&m->gic, 1, true);
	assert_reported(m, SIM_FAIL_SIMULATOR, OWN("PSCI model") "PE 1 is on but its redistributor is asleep");
}

static void an_interrupt_left_signalled_to_a_running_pe(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_fire(&m->gic, 2, 22);
	assert_reported(m, SIM_FAIL_SIMULATOR, OWN("scheduler") "the machine settled with INTID 22 signalled to PE 2, which runs and did not take it");
}

static void a_suspended_pe_left_with_an_interrupt_to_wake_it(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_fire(&m->gic, 3, 22);
	assert_reported(m, SIM_FAIL_SIMULATOR, OWN("scheduler") "the machine settled with PE 3 suspended and an interrupt pending for it");
}

/* X1: a handler's interrupt stays programmed at its event's class
 * priority while the handler runs. */
static void an_interrupt_reprogrammed_while_its_handler_runs(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_set_priority(&m->gic, 0, 22, SIM_PRIO_CRITICAL);
	assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000101, whose interrupt 22 is programmed at "
			   "priority 0x60, not its class's 0x70");
}

/* ... the outer handler's too, under a nested one. */
static void an_outer_handlers_interrupt_reprogrammed(void **state)
{
	struct sim_machine *m = settled_nesting(true);
	(void)state;

	gic_set_priority(&m->gic, 0, 22, SIM_PRIO_CRITICAL);
	assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000101, whose interrupt 22 is programmed at "
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
	struct sim_machine *m = settled();
	(void)state;

	acknowledged_at_the_critical_priority(m);
	assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000101 at priority 0x60, its class's is 0x70");
}

/* ... and neither it nor its interrupt's priority is taken from what the
 * dispatcher had programmed: a normal event's interrupt claimed at the
 * critical priority (TF-A FB04, planted bug 33) is acknowledged there, the
 * running priority then agrees with the interrupt, and only the class
 * tells. */
static void a_normal_events_interrupt_claimed_at_the_critical_priority(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_set_priority(&m->gic, 0, 22, SIM_PRIO_CRITICAL);
	acknowledged_at_the_critical_priority(m);
	assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000101, whose interrupt 22 is programmed at "
			   "priority 0x60, not its class's 0x70");
}

/* X4: a handler runs over another only as a critical one over a normal
 * one, by the platform's classes (the dispatcher's frames not asked): a
 * critical handler over a critical one is reported. */
static void a_critical_handler_over_a_critical_one(void **state)
{
	struct sim_machine *m = settled_nesting(true);
	(void)state;

	m->pe[0].disp[0].event = EV_CRIT;        /* as the machine would have tracked it */
	assert_reported(m, SIM_FAIL_INVARIANT, "PE 0 runs the handler of event 0x40000100 (critical) over that of event 0x40000100 "
			   "(critical): only a critical event preempts, and only a normal one");
}

/* X3: nothing running, nothing left raised. */
static void a_pmr_left_raised_with_no_handler(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_set_pmr(&m->gic, 1, SIM_PRIO_NORMAL);
	assert_reported(m, SIM_FAIL_INVARIANT, "PE 1 runs no handler but its running priority is 0xff and PMR 0x70");
}

static void the_machine_and_the_dispatcher_counting_handlers_differently(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	m->pe[1].depth = 1;
	assert_reported(m, SIM_FAIL_INVARIANT, "PE 1: the machine counts 1 running handler(s), the dispatcher 0");
}

/* X7: a trigger the GIC did not latch is lost there and then (an
 * EVENT_SIGNAL's SGI the GIC dropped leaves nothing for X6 to find). */
static void a_trigger_the_gic_did_not_latch(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	/* noted as made, never written to the GIC: what a GIC that drops it shows */
	assert_false(sim_note_trigger(m, 1, 22, false));
	assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "X7: INTID 22 was triggered for PE 1 and the GIC did not "
		      "latch it");
}

/* X7: a latch may go only by an acknowledge or the dispatcher's ICPENDR. */
static void a_latched_trigger_lost_before_its_acknowledge(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	sim_fire(m, 22, 1);
	assert_false(m->failed);
	gic_set_pending(&m->gic, 1, 22, false);   /* the GIC, not the port */
	assert_reported(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "X7: INTID 22 of PE 1 was triggered and is no longer latched");
}

/* X7: an edge-triggered interrupt is acknowledged once per trigger; one
 * acknowledged with none since the last (a latch the acknowledge left
 * set, or one set from nowhere) is a dispatch no trigger explains. */
static void an_acknowledge_with_no_trigger(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	sim_fire(m, 22, 1);
	assert_int_equal(gic_ack0(&m->gic, 1), 22);
	assert_true(sim_check_ack(m, 1, 22));          /* the fire explains it */
	gic_eoi0(&m->gic, 1, 22);
	gic_set_pending(&m->gic, 1, 22, true);         /* no trigger */
	assert_int_equal(gic_ack0(&m->gic, 1), 22);
	assert_false(sim_check_ack(m, 1, 22));
	assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "X7: PE 1 acknowledged INTID 22, edge-triggered, with "
		      "no trigger since its last acknowledge");
}

/* X7: a handler entered for an interrupt takes an acknowledge of it. */
static void a_dispatch_for_an_interrupt_never_acknowledged(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	sim_fire(m, 22, 1);
	assert_false(sim_triggers_dispatch(m, 1, 22));
	assert_failed(m, SIM_FAIL_INVARIANT, "X7: PE 1 entered a handler for INTID 22, which it did not acknowledge");
}

/* X7: one acknowledge, one handler entered. */
static void two_dispatches_for_one_acknowledge(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	sim_fire(m, 22, 1);
	assert_int_equal(gic_ack0(&m->gic, 1), 22);
	assert_true(sim_check_ack(m, 1, 22));
	assert_true(sim_triggers_dispatch(m, 1, 22));
	assert_false(sim_triggers_dispatch(m, 1, 22));
	assert_failed(m, SIM_FAIL_INVARIANT, "(or whose acknowledge a handler was entered for already)");
}

/* X7: an interrupt a hold step keeps is the hand_over's to give to the
 * dispatcher; a handler entered for it before then is a second path to
 * the dispatcher, which hands it over again at the hand_over. */
static void a_dispatch_for_an_interrupt_the_firmware_holds(void **state)
{
	struct sim_machine *m = settled();
	struct sim_obs ob;
	(void)state;

	sim_fire(m, 22, 1);
	assert_true(sim_hold_arm(&m->pe[1].hold));
	assert_int_equal(gic_ack0(&m->gic, 1), 22);
	assert_true(sim_check_ack(m, 1, 22));
	assert_false(sim_hold_ack(&m->pe[1].hold, 1, 0, 22, 0, 0, &ob));   /* held */
	assert_false(sim_triggers_dispatch(m, 1, 22));
	assert_failed(m, SIM_FAIL_INVARIANT, "X7: PE 1 entered a handler for INTID 22, which its firmware holds");
}

/* The route the dispatcher asks of the port is the one GICD_IROUTER
 * holds: a port writing another PE's affinity leaves a legal GIC, and a
 * dispatch on the wrong PE that only an expectation would notice. */
static void a_route_the_port_wrote_for_another_pe(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_set_route(&m->gic, 40, false, m->gic.pe[1].mpidr);
	assert_true(sim_check_route(m, 40, false, 1));
	assert_false(sim_check_route(m, 40, true, 1));
	assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC port") "the port wrote GICD_IROUTER of SPI 40 as IRM 0, affinity "
		      "0x1, for the dispatcher's route to any PE (1-of-N)");
	m = settled();
	gic_set_route(&m->gic, 40, false, m->gic.pe[0].mpidr);
	assert_false(sim_check_route(m, 40, false, 2));
	assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC port") "the port wrote GICD_IROUTER of SPI 40 as IRM 0, affinity "
		      "0x0, for the dispatcher's route to PE 2 (MPIDR 0x2)");
}

/* The GIC model breaking one of its own invariants (G1 here: an active
 * priority bit with no acknowledge behind it, which the model's masking
 * and checks of every write leave no port a way to make) is the
 * simulator's fault, and said to be, whole. */
static void a_gic_model_breaking_its_own_invariant_is_the_simulators_fault(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	m->gic.pe[1].apr[GIC_G0] = 1u << (SIM_PRIO_NORMAL >> GIC_GPRIO_SHIFT);
	m->gic.epoch++;                        /* as a change of the model moves it */
	assert_reported(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "GIC invariant G1 violated: G1: PE 1: APR of group 0 "
			   "is 0x00004000, ack list says 0x00000000");
	assert_string_equal(m->fail_msg, OWN("GIC model") "GIC invariant G1 violated: G1: PE 1: APR of group 0 is "
			    "0x00004000, ack list says 0x00000000");
}

/* ... at an acknowledge too, before the dispatcher is handed it: an
 * INTID the GIC's acknowledge did not make active there (G3). */
static void an_acknowledge_the_gic_did_not_record_is_the_simulators_fault(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	assert_false(sim_check_ack(m, 1, 22));   /* PE 1 acknowledged nothing */
	assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "GIC invariant G3 violated: G3: PE 1 acknowledged "
		      "INTID 22, which is not active there");
}

/* G9 is the software's (reference/gicv3-ehf.md §4.3): an EOI of an
 * interrupt that is not the one acknowledged last, which the port writes
 * when the dispatcher asks it to - the dispatcher's fault, reported in
 * the words it always was. */
static void an_illegal_eoi_stays_the_dispatchers_fault(void **state)
{
	struct sim_machine *m = settled();
	(void)state;

	gic_eoi0(&m->gic, 1, 22);              /* PE 1 acknowledged nothing */
	assert_reported(m, SIM_FAIL_INVARIANT, "GIC invariant G9 violated");
	assert_string_equal(m->fail_msg, "GIC invariant G9 violated: G9: 1 illegal EOI/DIR writes, the first: EOIR "
			    "with nothing acknowledged, INTID 22 on PE 1");
}

/* A failure's message too long for its room (sim_result.message) ends
 * in "..." after its last whole character, so that nobody reads a cut
 * one as whole: a list of handler entries and a masked PE's waiting
 * events may together pass it. */
static void a_message_too_long_for_its_room_ends_in_dots(void **state)
{
	struct sim_machine *m = settled();
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
		cmocka_unit_test(an_interrupt_reprogrammed_while_its_handler_runs),
		cmocka_unit_test(an_outer_handlers_interrupt_reprogrammed),
		cmocka_unit_test(a_handler_acknowledged_at_another_priority),
		cmocka_unit_test(a_normal_events_interrupt_claimed_at_the_critical_priority),
		cmocka_unit_test(a_critical_handler_over_a_critical_one),
		cmocka_unit_test(a_pmr_left_raised_with_no_handler),
		cmocka_unit_test(the_machine_and_the_dispatcher_counting_handlers_differently),
		cmocka_unit_test(a_trigger_the_gic_did_not_latch),
		cmocka_unit_test(a_latched_trigger_lost_before_its_acknowledge),
		cmocka_unit_test(an_acknowledge_with_no_trigger),
		cmocka_unit_test(a_dispatch_for_an_interrupt_never_acknowledged),
		cmocka_unit_test(two_dispatches_for_one_acknowledge),
		cmocka_unit_test(a_dispatch_for_an_interrupt_the_firmware_holds),
		cmocka_unit_test(a_route_the_port_wrote_for_another_pe),
		cmocka_unit_test(a_gic_model_breaking_its_own_invariant_is_the_simulators_fault),
		cmocka_unit_test(an_acknowledge_the_gic_did_not_record_is_the_simulators_fault),
		cmocka_unit_test(an_illegal_eoi_stays_the_dispatchers_fault),
		cmocka_unit_test(a_message_too_long_for_its_room_ends_in_dots),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
