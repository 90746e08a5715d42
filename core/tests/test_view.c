/*
 * test_view.c - sdd_reg_read, the dispatcher's view for debuggers and
 * tests (sdd.h): how many values a register has, at most n of them
 * copied, -1 for what does not exist.  The scenarios read it through
 * expect_view, which always passes a buffer large enough and never asks
 * for a context that is not there: these are the cases they leave.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tplat.h"

#define CONTEXT_VALUES (SDD_CONTEXT_REGS + 2)   /* pc, pstate, x0..x17 */

static int reg(struct tp *t, unsigned pe, uint32_t id, uint64_t *vals, unsigned n)
{
	return sdd_reg_read(&t->d, pe, id, vals, n);
}

static void no_buffer_and_no_values_asks_how_many_there_are(void **state)
{
	struct tp *t = *state;

	tp_arm(t, 3, EV_PPI_NORM, H_A, 0);
	tp_fire(t, PPI_NORM, 3);
	assert_int_equal(reg(t, 3, SDD_REG_PE_STATE, NULL, 0), 1);
	assert_int_equal(reg(t, 3, SDD_REG_PENDING, NULL, 0), 1);
	assert_int_equal(reg(t, 3, SDD_REG_CONTEXT0, NULL, 0), CONTEXT_VALUES);
	assert_int_equal(reg(t, 3, SDD_REG_PENDING, NULL, 1), -1);   /* values, but nowhere to put them */
}

static void a_short_buffer_gets_the_first_values_and_nothing_past_it(void **state)
{
	struct tp *t = *state;
	struct sdd_regs before;
	uint64_t v[3] = { ~0ull, ~0ull, ~0ull };

	tp_arm(t, 1, EV_PPI_NORM, H_A, 0);
	before = t->regs[1];
	tp_fire(t, PPI_NORM, 1);
	assert_int_equal(reg(t, 1, SDD_REG_CONTEXT0, v, 2), CONTEXT_VALUES);
	assert_int_equal(v[0], before.pc);
	assert_int_equal(v[1], before.pstate);
	assert_int_equal(v[2], ~0ull);
	/* and a long one nothing past the register's values */
	v[0] = v[1] = v[2] = ~0ull;
	assert_int_equal(reg(t, 1, SDD_REG_BOUND, v, 3), 1);
	assert_int_equal(v[0], 0);
	assert_int_equal(v[1], ~0ull);
	assert_int_equal(v[2], ~0ull);
}

static void only_the_contexts_of_running_handlers_exist(void **state)
{
	struct tp *t = *state;
	uint64_t v[CONTEXT_VALUES];

	assert_int_equal(reg(t, 2, SDD_REG_CONTEXT0, v, CONTEXT_VALUES), -1);
	tp_arm(t, 2, EV_PPI_NORM, H_A, 0);
	tp_fire(t, PPI_NORM, 2);
	assert_int_equal(tp_depth(t, 2), 1);
	assert_int_equal(reg(t, 2, SDD_REG_CONTEXT0, v, CONTEXT_VALUES), CONTEXT_VALUES);
	assert_int_equal(reg(t, 2, SDD_REG_CONTEXT1, v, CONTEXT_VALUES), -1);
	assert_int_equal(reg(t, 0, SDD_REG_CONTEXT0, v, CONTEXT_VALUES), -1);   /* another PE's */
}

static void an_unknown_register_or_pe_is_minus_1(void **state)
{
	struct tp *t = *state;
	uint64_t v[8];

	assert_int_equal(reg(t, 0, SDD_REG_CONTEXT1 + 1, v, 8), -1);
	assert_int_equal(reg(t, 0, SDD_REG_HANDLER_BASE + t->d.plat.event_count, v, 8), -1);
	assert_int_equal(reg(t, 0, SDD_REG_HANDLER_BASE - 1, v, 8), -1);
	assert_int_equal(reg(t, TP_PES, SDD_REG_PE_STATE, v, 8), -1);
	assert_int_equal(reg(t, 0, SDD_REG_HANDLER_BASE, v, 8), 5);
}

/* A handler register's [4] is the MPIDR an RM_PE shared event is routed
 * to, and 0 for an RM_ANY one (whose target field is 0, PE 0's index:
 * not an affinity) and for a private one.  PE 0 gets an MPIDR other than
 * 0 here, so that its index and its affinity differ. */
static void a_handler_register_gives_an_affinity_only_for_rm_pe(void **state)
{
	struct tp *t = *state;
	struct sdd_platform p;
	uint64_t v[5];
	int spi, ppi;

	tp_default_platform(&p);
	p.mpidr[0] = 0x10000;
	tp_setup(t, &p);
	spi = sdd_event_index(&t->d, EV_SPI_NORM);
	ppi = sdd_event_index(&t->d, EV_PPI_NORM);
	tp_register_pe(t, 0, EV_SPI_NORM, H_A, 7, 2);
	assert_int_equal(reg(t, 1, SDD_REG_HANDLER_BASE + (uint32_t)spi, v, 5), 5);
	assert_int_equal(v[1], 7);
	assert_int_equal(v[4], t->plat.mpidr[2]);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, (uint32_t)EV_SPI_NORM, 0, 0, 0, 0), 0);   /* RM_ANY */
	assert_int_equal(reg(t, 1, SDD_REG_HANDLER_BASE + (uint32_t)spi, v, 5), 5);
	assert_int_equal(v[4], 0);
	tp_register(t, 3, EV_PPI_NORM, H_A, 0);
	assert_int_equal(reg(t, 3, SDD_REG_HANDLER_BASE + (uint32_t)ppi, v, 5), 5);
	assert_int_equal(v[4], 0);
}

/* PENDING shows a shared event's SPI at the PE it is routed to: its
 * RM_PE target only, registered (enabled or not); every PE when routed
 * RM_ANY. */
static void a_pending_shared_event_shows_where_it_is_routed(void **state)
{
	struct tp *t = *state;
	int spi = sdd_event_index(&t->d, EV_SPI_NORM);
	uint64_t bit = 1ull << spi, v;

	tp_register_pe(t, 0, EV_SPI_NORM, H_A, 0, 2);
	tp_irq(t, 0, SPI_NORM)->pending = true;
	assert_int_equal(reg(t, 2, SDD_REG_PENDING, &v, 1), 1);
	assert_int_equal(v & bit, bit);
	assert_int_equal(reg(t, 1, SDD_REG_PENDING, &v, 1), 1);
	assert_int_equal(v & bit, 0);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, (uint32_t)EV_SPI_NORM, 0, 0, 0, 0), 0);   /* RM_ANY */
	assert_int_equal(reg(t, 1, SDD_REG_PENDING, &v, 1), 1);
	assert_int_equal(v & bit, bit);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TP_TEST(no_buffer_and_no_values_asks_how_many_there_are),
		TP_TEST(a_short_buffer_gets_the_first_values_and_nothing_past_it),
		TP_TEST(only_the_contexts_of_running_handlers_exist),
		TP_TEST(an_unknown_register_or_pe_is_minus_1),
		TP_TEST(a_handler_register_gives_an_affinity_only_for_rm_pe),
		TP_TEST(a_pending_shared_event_shows_where_it_is_routed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
