/*
 * test_gic_priority.c - priorities at the CPU interface: preemption and
 * the signal rule (§1.5), the running priority and the active priorities
 * dropped by EOI (§1.3, §1.6), PMR, and ties (§1.4).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gic_fixture.h"

static void critical_0x60_preempts_running_normal_0x70(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_normal_and_critical_on_pe0(g);
	gic_fire(g, 0, SPI_N);
	assert_true(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	assert_int_equal(gic_rpr(g, 0), NORM);
	assert_false(gic_fiq_line(g, 0));

	gic_fire(g, 0, SPI_C);
	assert_true(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), SPI_C);
	assert_int_equal(gic_rpr(g, 0), CRIT);
	assert_int_equal(g->pe[0].apr[GIC_G0], (1u << (NORM >> 3)) | (1u << (CRIT >> 3)));
	assert_int_equal(g->pe[0].nack, 2);

	gic_eoi0(g, 0, SPI_C);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
	assert_int_equal(g->pe[0].apr[GIC_G0], 0);
	assert_int_equal(g->bad_eoi, 0);
}

static void equal_group_priority_never_preempts(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, 42, GIC_G0, NORM | 0x04, 0);   /* sub-priority bits are not implemented */
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_fire(g, 0, 42);
	assert_int_equal(gic_get_priority(g, 0, 42), NORM);
	assert_int_equal(gic_hppir0(g, 0), 42);
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
	assert_true(gic_is_pending(g, 0, 42));

	gic_eoi0(g, 0, SPI_N);
	assert_true(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), 42);
	gic_eoi0(g, 0, 42);
}

static void ns_0xA0_never_preempts_normal_0x70(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_fire(g, 0, SPI_NS);
	assert_int_equal(gic_hppir0(g, 0), 1021);
	assert_false(gic_irq_line(g, 0));
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack1(g, 0), GIC_SPURIOUS);
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);   /* not signalled: 1023, not 1021 */

	gic_eoi0(g, 0, SPI_N);
	assert_true(gic_irq_line(g, 0));
	assert_int_equal(gic_ack1(g, 0), SPI_NS);
	assert_int_equal(gic_rpr(g, 0), NSPRI);
	/* ... while Group 0 at 0x70 does preempt the NS handler */
	gic_fire(g, 0, SPI_N);
	assert_true(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_eoi0(g, 0, SPI_N);
	gic_eoi1(g, 0, SPI_NS);
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
}

static void running_priority_is_the_highest_active_across_groups(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 0, SPI_NS);
	assert_int_equal(gic_ack1(g, 0), SPI_NS);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	assert_int_equal(gic_rpr(g, 0), NORM);
	assert_int_equal(g->pe[0].apr[GIC_G0], 1u << 14);
	assert_int_equal(g->pe[0].apr[GIC_G1NS], 1u << 20);
	assert_int_equal(g->pe[0].apr[GIC_G1S], 0);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_rpr(g, 0), NSPRI);
	gic_eoi1(g, 0, SPI_NS);
}

static void priority_drop_clears_the_highest_active_priority(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_normal_and_critical_on_pe0(g);
	gic_fire(g, 0, SPI_N);
	gic_ack0(g, 0);
	gic_fire(g, 0, SPI_C);
	gic_ack0(g, 0);
	gic_eoi0(g, 0, SPI_C);
	assert_int_equal(gic_rpr(g, 0), NORM);
	assert_int_equal(g->pe[0].apr[GIC_G0], 1u << 14);
	assert_int_equal(g->pe[0].nack, 1);
	assert_int_equal(g->pe[0].ack[0].intid, SPI_N);
	assert_false(gic_is_active(g, 0, SPI_C));
	assert_true(gic_is_active(g, 0, SPI_N));
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
	assert_int_equal(g->bad_eoi, 0);
}

/* EOIR drops the APRs' highest priority whatever INTID it is given. */
static void out_of_order_eoi_drops_the_highest_priority_and_deactivates_the_written_intid(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_normal_and_critical_on_pe0(g);
	gic_fire(g, 0, SPI_N);
	gic_ack0(g, 0);
	gic_fire(g, 0, SPI_C);
	gic_ack0(g, 0);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_rpr(g, 0), NORM);
	assert_int_equal(g->pe[0].apr[GIC_G0], 1u << 14);
	assert_false(gic_is_active(g, 0, SPI_N));
	assert_true(gic_is_active(g, 0, SPI_C));
	assert_int_equal(g->pe[0].nack, 1);
	assert_int_equal(g->pe[0].ack[0].intid, SPI_N);   /* CRIT's entry went with its bit */
	assert_int_equal(g->bad_eoi, 1);
	assert_int_equal(g->bad_eoi_fault, GIC_EOI_NOT_TOP);
	assert_int_equal(g->bad_eoi_intid, SPI_N);
	assert_int_equal(g->bad_eoi_pe, 0);
}

/* Only a broken ack list can hold one group priority in two groups; the
 * drop must still take the entry of the group whose APR bit it cleared
 * (G0 first on a tie, as QEMU), not merely the topmost entry. */
static void priority_drop_removes_the_entry_of_the_dropped_group(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	struct gic_pe *p = &g->pe[0];

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	gic_ack0(g, 0);
	p->ack[1] = (struct gic_ack){ SPI_NS, NORM, GIC_G1NS };   /* forged on top */
	p->nack = 2;
	p->apr[GIC_G1NS] = 1u << (NORM >> 3);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(p->apr[GIC_G0], 0);
	assert_int_equal(p->apr[GIC_G1NS], 1u << (NORM >> 3));
	assert_int_equal(p->nack, 1);
	assert_int_equal(p->ack[0].intid, SPI_NS);
	assert_int_equal(p->ack[0].group, GIC_G1NS);
	assert_false(gic_is_active(g, 0, SPI_N));
}

static void eoi_of_the_other_group_is_ignored(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 0, SPI_NS);
	gic_ack1(g, 0);
	gic_eoi0(g, 0, SPI_NS);         /* Group 1 holds the highest priority */
	assert_true(gic_is_active(g, 0, SPI_NS));
	assert_int_equal(gic_rpr(g, 0), NSPRI);
	gic_fire(g, 0, SPI_N);
	gic_ack0(g, 0);
	gic_eoi1(g, 0, SPI_NS);         /* now Group 0 does */
	assert_true(gic_is_active(g, 0, SPI_NS));
	assert_int_equal(gic_rpr(g, 0), NORM);
	assert_int_equal(g->pe[0].apr[GIC_G1NS], 1u << 20);
	assert_int_equal(g->bad_eoi, 2);
	assert_int_equal(g->bad_eoi_fault, GIC_EOI_WRONG_GROUP);
	assert_int_equal(g->bad_eoi_intid, SPI_NS);
	assert_int_equal(gic_check(g, NULL, 0), 9);
}

static void ties_go_to_the_lowest_intid(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 45, GIC_G0, NORM, 0);
	fx_irq(g, 0, 44, GIC_G0, NORM, 0);
	gic_fire(g, 0, 45);
	gic_fire(g, 0, 44);
	assert_int_equal(gic_highest_pending(g, 0).intid, 44);
	fx_irq(g, 0, 20, GIC_G0, NORM, 0);
	gic_fire(g, 0, 20);
	assert_int_equal(gic_highest_pending(g, 0).intid, 20);
	/* priority first: a lower priority value beats a lower INTID */
	fx_irq(g, 0, 50, GIC_G0, CRIT, 0);
	gic_fire(g, 0, 50);
	struct gic_hppi h = gic_highest_pending(g, 0);
	assert_int_equal(h.intid, 50);
	assert_int_equal(h.prio, CRIT);
	assert_int_equal(h.group, GIC_G0);
}

static void pmr_masks_equal_and_lower_priorities(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_set_pmr(g, 0, NORM), 0xF8);
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
	assert_int_equal(gic_set_pmr(g, 0, 0x7F), NORM);
	assert_int_equal(gic_get_pmr(g, 0), 0x78);
	assert_true(gic_fiq_line(g, 0));
	gic_set_pmr(g, 0, 0xFF);
	assert_int_equal(gic_get_pmr(g, 0), 0xF8);
	gic_set_priority(g, 0, SPI_N, 0xFF);            /* what UNREGISTER writes */
	assert_int_equal(gic_get_priority(g, 0, SPI_N), 0xF8);
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_hppir0(g, 0), SPI_N);
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
}

/* §1.5 rule 4 / §1.6: after the inner drop, RPR is the outer level, so a pending 0x68 held off by 0x60 now preempts 0x70. */
static void after_the_inner_drop_a_priority_between_the_levels_preempts(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_normal_and_critical_on_pe0(g);
	fx_irq(g, 0, 44, GIC_G0, 0x68, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_fire(g, 0, SPI_C);
	assert_int_equal(gic_ack0(g, 0), SPI_C);
	gic_fire(g, 0, 44);
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
	gic_eoi0(g, 0, SPI_C);
	assert_int_equal(gic_rpr(g, 0), NORM);
	assert_true(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), 44);
	assert_int_equal(gic_rpr(g, 0), 0x68);
	gic_eoi0(g, 0, 44);
	assert_int_equal(gic_rpr(g, 0), NORM);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
	assert_int_equal(g->bad_eoi, 0);
}

/* §1.3 RPR / §1.5 rule 2 (prio < PMR, strict): priority 0x00 runs at RPR 0x00, not "idle", and PMR 0 masks it. */
static void priority_zero_runs_at_rpr_zero_and_pmr_zero_masks_it(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 20, GIC_G0, 0x00, 0);
	fx_irq(g, 0, 21, GIC_G0, 0x00, 0);
	gic_fire(g, 0, 20);
	gic_set_pmr(g, 0, 0x00);
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
	gic_set_pmr(g, 0, 0x08);
	assert_true(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), 20);
	assert_int_equal(gic_rpr(g, 0), 0x00);
	assert_int_equal(g->pe[0].apr[GIC_G0], 1u);
	gic_fire(g, 0, 21);                         /* equal: never preempts */
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
	gic_eoi0(g, 0, 20);
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
	assert_int_equal(gic_ack0(g, 0), 21);
	gic_eoi0(g, 0, 21);
}

/* §1.4: a priority tie goes to the lowest INTID whatever its group, so a Group 1 one can hide a Group 0 one (IAR0 then says 1021). */
static void priority_tie_goes_to_the_lowest_intid_across_groups(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 33, GIC_G1NS, NORM, 0);
	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	gic_fire(g, 0, 33);
	assert_int_equal(gic_hppir0(g, 0), 1021);
	assert_true(gic_irq_line(g, 0));
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), 1021);
	assert_int_equal(gic_ack1(g, 0), 33);
	assert_int_equal(gic_hppir0(g, 0), SPI_N);
	assert_false(gic_fiq_line(g, 0));           /* equal group priority */
	gic_eoi1(g, 0, 33);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_eoi0(g, 0, SPI_N);
}

/* §3.10: the drop follows the APR record, not the interrupt's current group/priority (UNREGISTER re-types it while active). */
static void eoi0_after_reconfiguring_the_active_interrupt_drops_by_the_apr_record(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_set_group(g, 0, SPI_N, GIC_G1NS);
	gic_set_priority(g, 0, SPI_N, 0xFF);
	assert_int_equal(gic_rpr(g, 0), NORM);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
	assert_false(gic_is_active(g, 0, SPI_N));
	assert_int_equal(g->pe[0].nack, 0);
	assert_int_equal(g->bad_eoi, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(critical_0x60_preempts_running_normal_0x70),
		T(equal_group_priority_never_preempts),
		T(ns_0xA0_never_preempts_normal_0x70),
		T(running_priority_is_the_highest_active_across_groups),
		T(priority_drop_clears_the_highest_active_priority),
		TB(out_of_order_eoi_drops_the_highest_priority_and_deactivates_the_written_intid),
		TB(priority_drop_removes_the_entry_of_the_dropped_group),
		TB(eoi_of_the_other_group_is_ignored),
		T(ties_go_to_the_lowest_intid),
		T(pmr_masks_equal_and_lower_priorities),
		T(after_the_inner_drop_a_priority_between_the_levels_preempts),
		T(priority_zero_runs_at_rpr_zero_and_pmr_zero_masks_it),
		T(priority_tie_goes_to_the_lowest_intid_across_groups),
		T(eoi0_after_reconfiguring_the_active_interrupt_drops_by_the_apr_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
