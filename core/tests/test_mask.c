/*
 * test_mask.c - PE_MASK and PE_UNMASK (DEN0054C §5.2.1): what a masked PE
 * holds back and what it leaves to other PEs, and when a handler's change
 * of the mask takes effect (at its completion).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tplat.h"

static void masked_pe_holds_private_events_until_unmask(void **state)
{
	struct tp *t = *state;

	tp_register(t, 2, EV_PPI_NORM, H_A, 0);
	tp_enable(t, 2, EV_PPI_NORM);
	tp_fire(t, PPI_NORM, 2);                    /* PE 2 is masked since boot */
	assert_int_equal(t->nlog, 0);
	assert_int_equal(t->last_irq[0], SDD_IRQ_DEFERRED);
	assert_true(tp_irq(t, 2, PPI_NORM)->pending);
	assert_false(tp_irq(t, 2, PPI_NORM)->enabled);
	tp_unmask(t, 2);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 2);
}

static void masked_pe_lets_another_pe_take_rm_any(void **state)
{
	struct tp *t = *state;

	tp_arm(t, 3, EV_SPI_NORM, H_A, 0);
	assert_int_equal(tp_call0(t, 3, SDD_FID_PE_MASK), 1);
	tp_unmask(t, 1);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 1);
}

static void masked_pe_holds_rm_pe_event_aimed_at_it(void **state)
{
	struct tp *t = *state;

	tp_register_pe(t, 0, EV_SPI_NORM, H_A, 0, 2);
	tp_enable(t, 0, EV_SPI_NORM);
	tp_unmask(t, 0);
	tp_unmask(t, 1);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(t->nlog, 0);               /* only PE 2 may take it */
	tp_unmask(t, 2);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 2);
}

static void all_pes_masked_shared_event_waits(void **state)
{
	struct tp *t = *state;

	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_SPI_NORM);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(t->nlog, 0);
	assert_true(tp_irq(t, 0, SPI_NORM)->pending);
	tp_unmask(t, 3);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 3);
}

/* PE 0 unmasked, running the normal PPI event's handler, with the
 * critical PPI event registered and enabled. */
static void in_normal_handler_critical_armed(struct tp *t)
{
	tp_arm(t, 0, EV_PPI_NORM, H_A, 0);
	tp_register(t, 0, EV_PPI_CRIT, H_B, 0);
	tp_enable(t, 0, EV_PPI_CRIT);
	tp_fire(t, PPI_NORM, 0);
}

/* §5.2.1.1-2: a handler's change of the mask takes effect when that
 * handler completes; the call's result and the PE's recorded state change
 * at once. */
static void mask_inside_a_handler_takes_effect_at_completion(void **state)
{
	struct tp *t = *state;

	tp_register(t, 0, EV_EXPL_CRIT, H_C, 0);
	tp_enable(t, 0, EV_EXPL_CRIT);
	in_normal_handler_critical_armed(t);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 1);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 0);  /* recorded at once */
	assert_true(t->participate[0]);                          /* still takes RM_ANY */
	tp_fire(t, PPI_CRIT, 0);
	assert_int_equal(t->nlog, 2);                 /* critical still preempts the normal handler */
	assert_int_equal(tp_depth(t, 0), 2);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_CRIT), 0);   /* and an explicit one */
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_depth(t, 0), 1);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);    /* the normal handler: now masked */
	assert_false(t->participate[0]);
	tp_fire(t, PPI_CRIT, 0);
	assert_int_equal(t->nlog, 3);
	assert_true(tp_irq(t, 0, PPI_CRIT)->pending);   /* held until PE_UNMASK */
	assert_false(tp_irq(t, 0, PPI_CRIT)->enabled);
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_CRIT), SDD_DENIED);
	tp_unmask(t, 0);
	assert_int_equal(t->nlog, 4);
	tp_check(t);
}

/* A change made by a nested handler takes effect when it completes, so
 * the handler it preempted runs on masked; its own PE_UNMASK then waits
 * for its completion.  A handler that masks and unmasks again changes
 * nothing. */
static void mask_changes_of_nested_handlers(void **state)
{
	struct tp *t = *state;

	in_normal_handler_critical_armed(t);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 1);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_UNMASK), 0);
	tp_fire(t, PPI_CRIT, 0);
	assert_int_equal(tp_depth(t, 0), 2);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 1);   /* the critical handler masks */
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_false(t->participate[0]);              /* in effect: back in the normal handler */
	tp_fire(t, PPI_CRIT, 0);
	assert_int_equal(t->nlog, 2);
	assert_true(tp_irq(t, 0, PPI_CRIT)->pending);   /* held */
	assert_false(tp_irq(t, 0, PPI_CRIT)->enabled);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_UNMASK), 0); /* waits for completion */
	assert_int_equal(t->nlog, 2);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 1);   /* recorded state: unmasked */
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_UNMASK), 0);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_true(t->participate[0]);
	assert_int_equal(t->nlog, 3);                 /* the held critical event runs */
	tp_check(t);
}

/* A PE_MASK that finds the PE masked changes nothing: a nested handler's
 * leaves the outer handler's change waiting for the outer completion. */
static void mask_again_in_a_nested_handler_changes_nothing(void **state)
{
	struct tp *t = *state;

	in_normal_handler_critical_armed(t);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 1);
	tp_fire(t, PPI_CRIT, 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 0);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_true(t->participate[0]);
	tp_fire(t, PPI_CRIT, 0);
	assert_int_equal(t->nlog, 3);                 /* preempts the normal handler again */
	tp_check(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TP_TEST(masked_pe_holds_private_events_until_unmask),
		TP_TEST(masked_pe_lets_another_pe_take_rm_any),
		TP_TEST(masked_pe_holds_rm_pe_event_aimed_at_it),
		TP_TEST(all_pes_masked_shared_event_waits),
		TP_TEST(mask_inside_a_handler_takes_effect_at_completion),
		TP_TEST(mask_changes_of_nested_handlers),
		TP_TEST(mask_again_in_a_nested_handler_changes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
