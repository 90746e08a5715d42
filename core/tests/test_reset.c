/*
 * test_reset.c - PRIVATE_RESET and SHARED_RESET in and out of handlers
 * (DEN0054C §5.1.18-5.1.19; our notes §3.16-3.17).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tplat.h"

#define INV  SDD_INVALID_PARAMETERS
#define DEN  SDD_DENIED

static void private_reset_unregisters_every_private_event_of_the_pe(void **state)
{
	struct tp *t = *state;
	int32_t ev = tp_bind(t, 0, 16);

	tp_register(t, 2, EV0, H_A, 0);
	tp_enable(t, 2, EV0);
	tp_register(t, 2, EV_PPI_CRIT, H_A, 0);
	tp_register(t, 2, EV_EXPL_NORM, H_A, 0);
	tp_register(t, 2, ev, H_A, 0);
	tp_enable(t, 2, ev);
	tp_register(t, 2, EV_SPI_NORM, H_A, 0);
	tp_register(t, 1, ev, H_A, 0);
	assert_int_equal(tp_call0(t, 2, SDD_FID_PRIVATE_RESET), 0);
	assert_int_equal(tp_status(t, 2, EV0), 0);
	assert_int_equal(tp_status(t, 2, EV_PPI_CRIT), 0);
	assert_int_equal(tp_status(t, 2, EV_EXPL_NORM), 0);
	assert_int_equal(tp_status(t, 2, ev), 0);
	assert_false(tp_irq(t, 2, 16)->enabled);
	assert_false(tp_irq(t, 2, SGI_EV0)->enabled);
	assert_int_equal(tp_status(t, 2, EV_SPI_NORM), 1);   /* shared: untouched */
	assert_int_equal(tp_status(t, 1, ev), 1);            /* other PE: untouched */
	assert_int_equal(tp_call0(t, 2, SDD_FID_PRIVATE_RESET), 0);   /* again */
}

static void private_reset_inside_a_handler_is_denied_and_leaves_it_pending(void **state)
{
	struct tp *t = *state;

	tp_register(t, 0, EV_PPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_PPI_NORM);
	tp_register(t, 0, EV_PPI_CRIT, H_A, 0);
	tp_unmask(t, 0);
	tp_fire(t, PPI_NORM, 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PRIVATE_RESET), DEN);   /* not PENDING (TF-A FB05) */
	assert_int_equal(tp_status(t, 0, EV_PPI_NORM), 4);
	assert_int_equal(tp_status(t, 0, EV_PPI_CRIT), 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PRIVATE_RESET), DEN);   /* still running */
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_CONTEXT, 7), 0x1007);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_status(t, 0, EV_PPI_NORM), 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PRIVATE_RESET), 0);
}

static void shared_reset_unregisters_shared_events_and_releases_every_binding(void **state)
{
	struct tp *t = *state;
	int32_t p = tp_bind(t, 0, 17), s = tp_bind(t, 0, 90);

	tp_register(t, 0, s, H_A, 0);
	tp_enable(t, 0, s);
	tp_register(t, 1, EV_SPI_CRIT, H_A, 0);
	tp_register(t, 3, EV_PPI_NORM, H_A, 0);          /* private, not bound */
	assert_int_equal(tp_call0(t, 3, SDD_FID_SHARED_RESET), 0);
	assert_int_equal(tp_status(t, 0, EV_SPI_CRIT), 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_STATUS, (uint32_t)s), INV);   /* released */
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_STATUS, (uint32_t)p), INV);
	assert_false(tp_irq(t, 0, 90)->fw);
	assert_false(tp_irq(t, 2, 17)->fw);
	assert_int_equal(tp_status(t, 3, EV_PPI_NORM), 1);
	assert_int_equal(tp_bind(t, 0, 90), s);          /* and binding works again */
}

static void shared_reset_inside_a_shared_handler_is_denied(void **state)
{
	struct tp *t = *state;
	int32_t s = tp_bind(t, 0, 91);

	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_SPI_NORM);
	tp_register(t, 0, EV_SPI_CRIT, H_A, 0);
	tp_unmask(t, 1);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(tp_call0(t, 1, SDD_FID_SHARED_RESET), DEN);
	assert_int_equal(tp_status(t, 1, EV_SPI_NORM), 4);
	assert_int_equal(tp_status(t, 1, EV_SPI_CRIT), 0);
	assert_int_equal(tp_bind(t, 0, 91), s);          /* bindings kept */
	assert_int_equal(tp_call0(t, 2, SDD_FID_SHARED_RESET), DEN);   /* still unregister-pending */
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_call0(t, 2, SDD_FID_SHARED_RESET), 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_STATUS, (uint32_t)s), INV);
}

static void shared_reset_is_denied_while_a_bound_private_event_is_registered(void **state)
{
	struct tp *t = *state;
	int32_t p = tp_bind(t, 0, 18), s = tp_bind(t, 0, 92);

	tp_register(t, 2, p, H_A, 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_SHARED_RESET), DEN);
	assert_int_equal(tp_status(t, 2, p), 1);
	assert_int_equal(tp_bind(t, 0, 92), s);          /* no binding released */
	assert_true(tp_irq(t, 0, 92)->fw);
	assert_int_equal(tp_call0(t, 2, SDD_FID_PRIVATE_RESET), 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_SHARED_RESET), 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_STATUS, (uint32_t)p), INV);
}

static void shared_reset_is_denied_while_a_bound_private_event_runs(void **state)
{
	struct tp *t = *state;
	int32_t p = tp_bind(t, 0, 19);

	tp_register(t, 1, p, H_A, 0);
	tp_enable(t, 1, p);
	tp_unmask(t, 1);
	tp_fire(t, 19, 1);
	assert_int_equal(tp_call0(t, 1, SDD_FID_PRIVATE_RESET), DEN);
	assert_int_equal(tp_status(t, 1, p), 4);
	assert_int_equal(tp_call0(t, 1, SDD_FID_SHARED_RESET), DEN);  /* its interrupt is still active */
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_call0(t, 1, SDD_FID_SHARED_RESET), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TP_TEST(private_reset_unregisters_every_private_event_of_the_pe),
		TP_TEST(private_reset_inside_a_handler_is_denied_and_leaves_it_pending),
		TP_TEST(shared_reset_unregisters_shared_events_and_releases_every_binding),
		TP_TEST(shared_reset_inside_a_shared_handler_is_denied),
		TP_TEST(shared_reset_is_denied_while_a_bound_private_event_is_registered),
		TP_TEST(shared_reset_is_denied_while_a_bound_private_event_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
