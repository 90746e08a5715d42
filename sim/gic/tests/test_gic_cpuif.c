/*
 * test_gic_cpuif.c - the CPU interface: preemption and the signal rule
 * (§1.5), acknowledge / EOI / DIR and the active priorities (§1.6), PMR,
 * group enables, HPPIR0 and the HPPI choice (§1.4).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gic_fixture.h"

#define SPI_N    40     /* Group 0 at NORM, to PE0 */
#define SPI_C    41     /* Group 0 at CRIT, to PE0 */
#define SPI_NS   43     /* Non-secure Group 1 at NSPRI, to PE0 */

static void normal_and_critical_on_pe0(struct gic *g)
{
	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI_C, GIC_G0, CRIT, 0);
}

static void critical_0x60_preempts_running_normal_0x70(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	normal_and_critical_on_pe0(g);
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

static void acknowledge_activates_clears_latch_and_sets_apr_bit(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	assert_true(gic_is_active(g, 0, SPI_N));
	assert_false(gic_is_pending(g, 0, SPI_N));
	assert_int_equal(g->spi[SPI_N - 32].owner, 0);
	assert_int_equal(g->pe[0].apr[GIC_G0], 1u << 14);
	assert_int_equal(g->pe[0].nack, 1);
	assert_int_equal(g->pe[0].ack[0].intid, SPI_N);
	assert_int_equal(g->pe[0].ack[0].gprio, NORM);
	assert_int_equal(g->pe[0].ack[0].group, GIC_G0);
	assert_int_equal(gic_highest_pending(g, 0).intid, GIC_SPURIOUS);
	gic_eoi0(g, 0, SPI_N);
	assert_false(gic_is_active(g, 0, SPI_N));
	assert_int_equal(g->spi[SPI_N - 32].owner, GIC_NO_PE);
	assert_int_equal(g->pe[0].nack, 0);
}

static void priority_drop_clears_the_highest_active_priority(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	normal_and_critical_on_pe0(g);
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

	normal_and_critical_on_pe0(g);
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

static void acknowledge_returns_1023_when_nothing_can_be_signalled(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	uint64_t epoch = g->epoch;

	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
	assert_int_equal(gic_ack1(g, 0), GIC_SPURIOUS);
	assert_int_equal(g->epoch, epoch);

	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 0, SPI_NS);
	assert_int_equal(gic_ack0(g, 0), 1021);     /* IAR0 takes Group 0 only: it names this one */
	assert_true(gic_is_pending(g, 0, SPI_NS));
	assert_int_equal(gic_ack1(g, 0), SPI_NS);
	gic_eoi1(g, 0, SPI_NS);

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack1(g, 0), GIC_SPURIOUS);
	gic_set_pmr(g, 0, NORM);
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
	assert_true(gic_is_pending(g, 0, SPI_N));
	assert_false(gic_is_active(g, 0, SPI_N));
	assert_int_equal(g->pe[0].nack, 0);
}

static void hppir0_reports_group1_as_special_ids_and_ignores_masks(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	assert_int_equal(gic_hppir0(g, 0), GIC_SPURIOUS);
	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 0, SPI_NS);
	assert_int_equal(gic_hppir0(g, 0), 1021);
	fx_irq(g, 0, 44, GIC_G1S, 0x90, 0);
	gic_fire(g, 0, 44);
	assert_int_equal(gic_hppir0(g, 0), 1020);
	/* Secure Group 1 is signalled as FIQ, but IAR0 does not take it: it
	 * names it by its special INTID and leaves it pending */
	assert_true(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), 1020);
	assert_true(gic_is_pending(g, 0, 44));
	assert_false(gic_is_active(g, 0, 44));
	assert_int_equal(g->pe[0].nack, 0);
	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	gic_set_pmr(g, 0, 0);
	assert_int_equal(gic_hppir0(g, 0), SPI_N);
	assert_false(gic_fiq_line(g, 0));
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

static void gicd_group_enable_gates_the_whole_group(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, 20, GIC_G0, CRIT, 0);
	gic_fire(g, 0, SPI_N);
	gic_fire(g, 0, 20);
	gic_set_group_enable(g, GIC_G0, false);
	assert_int_equal(gic_hppir0(g, 0), GIC_SPURIOUS);
	assert_false(gic_fiq_line(g, 0));
	assert_true(gic_is_pending(g, 0, SPI_N));
	gic_set_group_enable(g, GIC_G0, true);
	assert_int_equal(gic_hppir0(g, 0), 20);
	assert_true(gic_fiq_line(g, 0));
}

static void cpu_interface_group_disable_drops_candidates_before_choosing(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_C, GIC_G0, CRIT, 0);
	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 0, SPI_C);
	gic_fire(g, 0, SPI_NS);
	gic_set_igrpen(g, 0, GIC_G0, false);
	assert_int_equal(gic_highest_pending(g, 0).intid, SPI_NS);
	assert_true(gic_irq_line(g, 0));
	assert_false(gic_fiq_line(g, 0));
	gic_set_igrpen(g, 0, GIC_G1NS, false);
	assert_int_equal(gic_highest_pending(g, 0).intid, GIC_SPURIOUS);
	assert_false(gic_irq_line(g, 0));
	gic_set_igrpen(g, 0, GIC_G0, true);
	assert_int_equal(gic_highest_pending(g, 0).intid, SPI_C);
}

static void special_and_spurious_eoi_are_ignored(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g, *before = &f->other;
	static const uint32_t ids[] = { 1020, 1021, 1022, 1023, FX_LAST + 1, 5000 };

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	gic_ack0(g, 0);
	gic_copy(before, g);
	for (unsigned i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		gic_eoi0(g, 0, ids[i]);
		gic_eoi1(g, 0, ids[i]);
		gic_dir(g, 0, ids[i]);
	}
	assert_true(gic_equal(g, before));
	assert_int_equal(g->epoch, before->epoch);
	assert_int_equal(g->bad_eoi, 0);
	assert_int_equal(gic_rpr(g, 0), NORM);
	gic_eoi0(g, 0, SPI_N);
}

static void level_interrupt_repends_after_eoi_while_its_line_is_high(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_set_edge(g, 0, SPI_N, false);
	gic_set_line(g, 0, SPI_N, true);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	/* active and pending: not a candidate until deactivated */
	assert_true(gic_is_active(g, 0, SPI_N));
	assert_true(gic_is_pending(g, 0, SPI_N));
	assert_int_equal(gic_hppir0(g, 0), GIC_SPURIOUS);
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);

	gic_eoi0(g, 0, SPI_N);
	assert_true(gic_is_pending(g, 0, SPI_N));
	assert_true(gic_fiq_line(g, 0));
	assert_int_equal(gic_ack0(g, 0), SPI_N);

	gic_set_line(g, 0, SPI_N, false);
	assert_false(gic_is_pending(g, 0, SPI_N));
	gic_eoi0(g, 0, SPI_N);
	assert_false(gic_is_pending(g, 0, SPI_N));
	assert_false(gic_fiq_line(g, 0));
	assert_int_equal(gic_hppir0(g, 0), GIC_SPURIOUS);
}

static void dir_after_eoi_changes_nothing(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	uint64_t epoch;

	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 0, SPI_NS);
	assert_int_equal(gic_ack1(g, 0), SPI_NS);
	gic_eoi1(g, 0, SPI_NS);
	assert_false(gic_is_active(g, 0, SPI_NS));
	epoch = g->epoch;
	gic_dir(g, 0, SPI_NS);
	assert_int_equal(g->epoch, epoch);
	assert_int_equal(g->bad_eoi, 0);
}

static void dir_deactivates_group1_without_priority_drop(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	gic_set_active(g, 0, SPI_NS, true);   /* active, not acknowledged */
	gic_dir(g, 0, SPI_NS);
	assert_false(gic_is_active(g, 0, SPI_NS));
	assert_int_equal(g->bad_eoi, 0);

	gic_fire(g, 0, SPI_NS);
	gic_ack1(g, 0);
	gic_dir(g, 0, SPI_NS);                /* before the EOIR: illegal */
	assert_false(gic_is_active(g, 0, SPI_NS));
	assert_int_equal(gic_rpr(g, 0), NSPRI);
	assert_int_equal(g->bad_eoi, 1);
	assert_int_equal(g->bad_eoi_fault, GIC_DIR_BEFORE_DROP);
	gic_eoi1(g, 0, SPI_NS);
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
	assert_int_equal(g->pe[0].nack, 0);

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	gic_ack0(g, 0);
	gic_dir(g, 0, SPI_N);                 /* Group 0: EOImode 0, ignored */
	assert_true(gic_is_active(g, 0, SPI_N));
	assert_int_equal(g->bad_eoi, 2);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_check(g, NULL, 0), 9);
}

#define T(f)  cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown_clean)
#define TB(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)   /* ends in a broken state */

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(critical_0x60_preempts_running_normal_0x70),
		T(equal_group_priority_never_preempts),
		T(ns_0xA0_never_preempts_normal_0x70),
		T(running_priority_is_the_highest_active_across_groups),
		T(acknowledge_activates_clears_latch_and_sets_apr_bit),
		T(priority_drop_clears_the_highest_active_priority),
		TB(out_of_order_eoi_drops_the_highest_priority_and_deactivates_the_written_intid),
		TB(priority_drop_removes_the_entry_of_the_dropped_group),
		TB(eoi_of_the_other_group_is_ignored),
		T(acknowledge_returns_1023_when_nothing_can_be_signalled),
		T(hppir0_reports_group1_as_special_ids_and_ignores_masks),
		T(ties_go_to_the_lowest_intid),
		T(pmr_masks_equal_and_lower_priorities),
		T(gicd_group_enable_gates_the_whole_group),
		T(cpu_interface_group_disable_drops_candidates_before_choosing),
		T(special_and_spurious_eoi_are_ignored),
		T(level_interrupt_repends_after_eoi_while_its_line_is_high),
		T(dir_after_eoi_changes_nothing),
		TB(dir_deactivates_group1_without_priority_drop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
