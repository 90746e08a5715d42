/*
 * test_irq_defences.c - sdd_irq's answers to interrupts that reach it in
 * a race with another PE's calls, or by the interrupt controller's
 * mistake: what becomes of the interrupt, that no handler is entered,
 * and that a controller's mistake fails the dispatcher (port->fault)
 * rather than corrupting its state.
 *
 * The fuzz harnesses reach the races through the hold and hand_over
 * steps (scenarios/races/); the controller's mistakes no harness can
 * make: the simulated GIC keeps the rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sdd/sdd_spec.h"
#include "tplat.h"

/* An INTID no event of the platform uses is the embedder's: sdd_irq
 * leaves it alone (the caller EOIs it), enters nothing, touches no
 * register and calls no port operation with it. */
static void interrupts_of_no_event_are_not_mine(void **state)
{
	/* (SPI_NORM's and PPI_NORM's numbers plus 1020: a bounds check that
	 * wrapped would find their events) */
	static const uint32_t others[] = { 50, 1019, 1020, 1023, 1020 + SPI_NORM, 1020 + PPI_NORM, 8192 };
	struct tp *t = *state;
	struct sdd_regs before;
	struct sdd_outcome o;

	tp_unmask(t, 0);
	before = t->regs[0];
	for (unsigned k = 0; k < sizeof others / sizeof others[0]; k++) {
		unsigned eois = t->eois;

		assert_int_equal(sdd_irq(&t->d, 0, others[k], &t->regs[0], &o), SDD_IRQ_NOT_MINE);
		assert_int_equal(o.action, SDD_ACT_NONE);
		assert_int_equal(t->eois, eois);
	}
	assert_memory_equal(&t->regs[0], &before, sizeof before);
	assert_int_equal(t->nlog, 0);
	assert_int_equal(tp_call0(t, 1, SDD_FID_VERSION) >= 0, 1);   /* not failed */
}

/* PE 0 acknowledges a shared event's SPI; before its dispatcher runs,
 * PE 1 unregisters the event.  The trigger is dropped: the interrupt is
 * EOI'd and left disabled, nothing is entered, and a later registration
 * does not receive it. */
static void shared_event_unregistered_after_acknowledge_is_dropped(void **state)
{
	struct tp *t = *state;
	struct sdd_regs before;

	tp_arm(t, 0, EV_SPI_NORM, H_A, 0);
	tp_irq(t, 0, SPI_NORM)->pending = true;
	tp_acknowledge(t, 0, SPI_NORM);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_UNREGISTER, EV_SPI_NORM), SDD_SUCCESS);
	before = t->regs[0];
	assert_int_equal(tp_hand_over(t, 0, SPI_NORM), SDD_IRQ_DROPPED);
	assert_int_equal(t->nlog, 0);
	assert_memory_equal(&t->regs[0], &before, sizeof before);
	assert_false(tp_irq(t, 0, SPI_NORM)->active);
	assert_false(tp_irq(t, 0, SPI_NORM)->pending);
	assert_false(tp_irq(t, 0, SPI_NORM)->enabled);
	assert_int_equal(tp_status(t, 0, EV_SPI_NORM), 0);
	tp_register(t, 1, EV_SPI_NORM, H_B, 0);
	tp_enable(t, 1, EV_SPI_NORM);
	tp_unmask(t, 1);
	assert_int_equal(t->nlog, 0);
}

/* The same race with EVENT_DISABLE: the trigger is held, pending and
 * disabled, and taken once the event is enabled again. */
static void shared_event_disabled_after_acknowledge_is_held_for_enable(void **state)
{
	struct tp *t = *state;

	tp_arm(t, 0, EV_SPI_NORM, H_A, 7);
	tp_irq(t, 0, SPI_NORM)->pending = true;
	tp_acknowledge(t, 0, SPI_NORM);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_DISABLE, EV_SPI_NORM), SDD_SUCCESS);
	assert_int_equal(tp_hand_over(t, 0, SPI_NORM), SDD_IRQ_HELD);
	assert_int_equal(t->nlog, 0);
	assert_false(tp_irq(t, 0, SPI_NORM)->active);
	assert_true(tp_irq(t, 0, SPI_NORM)->pending);
	assert_false(tp_irq(t, 0, SPI_NORM)->enabled);
	assert_int_equal(tp_status(t, 0, EV_SPI_NORM), SDD_STATUS_REGISTERED);
	tp_enable(t, 1, EV_SPI_NORM);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].event, EV_SPI_NORM);
	assert_int_equal(t->log[0].regs.x[1], 7);
}

/* The same race with a new route: PE 1 disables the event, routes it
 * RM_PE to PE 2 and enables it again, all before PE 0's dispatcher runs.
 * The event is not PE 0's to take any more (DEN0054C §6.2: only its
 * target takes an RM_PE event): the trigger is pending again, for the
 * GIC to deliver to PE 2, which enters the handler. */
static void shared_event_routed_elsewhere_after_acknowledge_goes_to_its_target(void **state)
{
	struct tp *t = *state;
	struct sdd_regs before;

	tp_register_pe(t, 0, EV_SPI_NORM, H_A, 7, 0);
	tp_enable(t, 0, EV_SPI_NORM);
	tp_unmask(t, 0);
	tp_irq(t, 0, SPI_NORM)->pending = true;
	tp_acknowledge(t, 0, SPI_NORM);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_DISABLE, EV_SPI_NORM), SDD_SUCCESS);
	assert_int_equal(tp_call(t, 1, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, SDD_RM_PE, t->plat.mpidr[2], 0, 0),
			 SDD_SUCCESS);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_ENABLE, EV_SPI_NORM), SDD_SUCCESS);
	before = t->regs[0];
	assert_int_equal(tp_hand_over(t, 0, SPI_NORM), SDD_IRQ_REROUTED);
	assert_int_equal(t->nlog, 0);
	assert_memory_equal(&t->regs[0], &before, sizeof before);
	assert_false(tp_irq(t, 0, SPI_NORM)->active);
	assert_true(tp_irq(t, 0, SPI_NORM)->pending);
	assert_int_equal(tp_status(t, 0, EV_SPI_NORM), SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED);
	tp_unmask(t, 2);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 2);
	assert_int_equal(t->log[0].event, EV_SPI_NORM);
	assert_int_equal(t->log[0].regs.x[1], 7);
}

/* After a controller's mistake: the dispatcher reported fault code
 * `fault` once, no handler was entered beyond the `dispatched` before
 * it, the handler's registers on PE 0 are as they were, and the
 * dispatcher has failed: calls answer NOT_SUPPORTED and interrupts are
 * refused. */
static void assert_failed_by(struct tp *t, int fault, unsigned dispatched, const struct sdd_regs *handler)
{
	assert_int_equal(t->faults, 1);
	assert_int_equal(t->last_fault, fault);
	assert_int_equal(t->nlog, dispatched);
	assert_memory_equal(&t->regs[0], handler, sizeof *handler);
	assert_int_equal(tp_call0(t, 1, SDD_FID_VERSION), SDD_NOT_SUPPORTED);
	assert_int_equal(sdd_irq(&t->d, 1, SPI_NORM, &t->regs[1], NULL), SDD_IRQ_REFUSED);
	assert_int_equal(t->locks, t->unlocks);
}

/* A controller that delivers the interrupt of an event whose handler is
 * running on that PE (it is active: the GIC cannot deliver it again). */
static void interrupt_of_a_running_event_fails_the_dispatcher(void **state)
{
	static struct tp t;
	struct sdd_regs handler;

	(void)state;
	tp_setup(&t, NULL);
	tp_arm(&t, 0, EV_PPI_NORM, H_A, 0);
	tp_fire(&t, PPI_NORM, 0);
	assert_int_equal(t.nlog, 1);
	handler = t.regs[0];
	assert_int_equal(sdd_irq(&t.d, 0, PPI_NORM, &t.regs[0], NULL), SDD_IRQ_FAULT);
	assert_failed_by(&t, SDD_FAULT_RUNNING, 1, &handler);
}

/* A controller that delivers a normal event's interrupt under a critical
 * handler, or under another normal one (its priority is not higher than
 * the running priority: the GIC must hold it). */
static void interrupt_the_nesting_rules_forbid_fails_the_dispatcher(void **state)
{
	static struct tp t;
	struct sdd_regs handler;

	(void)state;
	for (unsigned under_critical = 0; under_critical < 2; under_critical++) {
		tp_setup(&t, NULL);
		tp_arm(&t, 0, under_critical ? EV_PPI_CRIT : EV_PPI_NORM, H_A, 0);
		tp_register(&t, 0, EV_SPI_NORM, H_B, 0);
		tp_enable(&t, 0, EV_SPI_NORM);
		tp_fire(&t, under_critical ? PPI_CRIT : PPI_NORM, 0);
		assert_int_equal(t.nlog, 1);
		handler = t.regs[0];
		assert_int_equal(sdd_irq(&t.d, 0, SPI_NORM, &t.regs[0], NULL), SDD_IRQ_FAULT);
		assert_failed_by(&t, SDD_FAULT_NESTING, 1, &handler);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TP_TEST(interrupts_of_no_event_are_not_mine),
		TP_TEST(shared_event_unregistered_after_acknowledge_is_dropped),
		TP_TEST(shared_event_disabled_after_acknowledge_is_held_for_enable),
		TP_TEST(shared_event_routed_elsewhere_after_acknowledge_goes_to_its_target),
		cmocka_unit_test(interrupt_of_a_running_event_fails_the_dispatcher),
		cmocka_unit_test(interrupt_the_nesting_rules_forbid_fails_the_dispatcher),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
