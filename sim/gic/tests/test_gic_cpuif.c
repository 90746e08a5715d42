/*
 * test_gic_cpuif.c - the CPU interface: acknowledge (§1.6) and which
 * interrupt it takes (§1.4: HPPIR0, the candidates, group enables, ties), EOI of
 * special INTIDs, level inputs, DIR.  Priorities, preemption and their
 * drop are test_gic_priority.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gic_fixture.h"

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
	static const uint32_t ids[] = { 1020, 1021, 1022, 1023, 5000 };

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

/* An EOIR naming an INTID below 1020 that this GIC does not implement is
 * no legal pairing with the acknowledge: it drops the priority as any
 * EOIR does (QEMU's choice for the UNPREDICTABLE case), deactivates
 * nothing and is recorded (G9).  It was ignored, unrecorded, and a
 * dispatcher's EOI of a wrong INTID went unseen by G9.  A DIR of one is
 * ignored. */
static void eoi_of_an_unimplemented_intid_drops_priority_and_is_recorded(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_dir(g, 0, FX_LAST + 1);
	assert_int_equal(g->bad_eoi, 0);
	gic_eoi0(g, 0, FX_LAST + 1);
	assert_int_equal(g->bad_eoi, 1);
	assert_int_equal(g->bad_eoi_intid, FX_LAST + 1);
	assert_int_equal(g->bad_eoi_fault, GIC_EOI_NOT_TOP);
	assert_int_equal(gic_rpr(g, 0), 0xFF);            /* the priority dropped */
	assert_int_equal(g->pe[0].nack, 0);
	assert_true(gic_is_active(g, 0, SPI_N));          /* still active: not the INTID written */
	{
		char why[200];
		assert_int_not_equal(gic_check(g, why, sizeof why), 0);
	}
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
	uint64_t epoch;

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
	epoch = g->epoch;
	gic_dir(g, 0, SPI_N);                 /* Group 0: EOImode 0, ignored */
	assert_int_not_equal(g->epoch, epoch); /* but recorded: a change */
	assert_true(gic_is_active(g, 0, SPI_N));
	assert_int_equal(g->bad_eoi, 2);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_check(g, NULL, 0), 9);
}

/* §1.2 "active": an active+pending interrupt leaves the candidate set, so it hides nothing below it; back after deactivation. */
static void active_and_pending_interrupt_does_not_hide_lower_pending_ones(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_normal_and_critical_on_pe0(g);
	gic_fire(g, 0, SPI_C);
	assert_int_equal(gic_ack0(g, 0), SPI_C);
	gic_fire(g, 0, SPI_C);                      /* active and pending */
	gic_fire(g, 0, SPI_N);
	assert_true(gic_is_active(g, 0, SPI_C));
	assert_true(gic_is_pending(g, 0, SPI_C));
	assert_int_equal(gic_hppir0(g, 0), SPI_N);
	assert_false(gic_fiq_line(g, 0));           /* 0x70 cannot preempt 0x60 */
	gic_eoi0(g, 0, SPI_C);
	assert_int_equal(gic_hppir0(g, 0), SPI_C);  /* the pending instance again */
	assert_int_equal(gic_ack0(g, 0), SPI_C);
	gic_eoi0(g, 0, SPI_C);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
}

/* §3.7 / §3.4: disabling a signalled interrupt withdraws it: IAR0 then gives 1023 and the latch stays. */
static void disabling_a_signalled_interrupt_makes_the_acknowledge_spurious(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	assert_true(gic_fiq_line(g, 0));
	gic_set_enabled(g, 0, SPI_N, false);
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
	assert_true(gic_is_pending(g, 0, SPI_N));
	assert_false(gic_is_active(g, 0, SPI_N));
	assert_int_equal(g->pe[0].nack, 0);
	gic_set_enabled(g, 0, SPI_N, true);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_eoi0(g, 0, SPI_N);
}

/* §1.6 / gic.h: IAR1 (Non-secure) never takes Secure Group 1; IAR0 names it 1020; it stays pending. */
static void iar1_does_not_take_secure_group1(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 44, GIC_G1S, 0x90, 0);
	gic_fire(g, 0, 44);
	assert_int_equal(gic_ack1(g, 0), GIC_SPURIOUS);
	assert_int_equal(gic_ack0(g, 0), 1020);
	assert_true(gic_is_pending(g, 0, 44));
	assert_false(gic_is_active(g, 0, 44));
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
}

/* §1.2 pending latch: ISPENDR while active gives one more delivery after EOI; ICPENDR while active cancels it. */
static void ispendr_and_icpendr_while_active(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 1, 20, GIC_G0, NORM, 0);
	gic_set_pending(g, 1, 20, true);
	assert_int_equal(gic_ack0(g, 1), 20);
	gic_set_pending(g, 1, 20, true);
	assert_true(gic_is_active(g, 1, 20));
	assert_true(gic_is_pending(g, 1, 20));
	assert_int_equal(gic_hppir0(g, 1), GIC_SPURIOUS);
	gic_eoi0(g, 1, 20);
	assert_int_equal(gic_ack0(g, 1), 20);
	gic_set_pending(g, 1, 20, true);
	gic_set_pending(g, 1, 20, false);
	assert_false(gic_is_pending(g, 1, 20));
	gic_eoi0(g, 1, 20);
	assert_int_equal(gic_hppir0(g, 1), GIC_SPURIOUS);
	assert_false(gic_fiq_line(g, 1));
	assert_int_equal(gic_ack0(g, 1), GIC_SPURIOUS);
}

/* §1.5 / §1.2 GICD_CTLR: EnableGrp0/1S/1NS each gate only their own group. */
static void gicd_group_enables_gate_only_their_own_group(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 44, GIC_G1S, 0x90, 0);
	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, 44);
	gic_fire(g, 0, SPI_NS);
	gic_fire(g, 0, SPI_N);
	gic_set_group_enable(g, GIC_G0, false);
	assert_int_equal(gic_hppir0(g, 0), 1020);
	gic_set_group_enable(g, GIC_G1S, false);
	assert_int_equal(gic_hppir0(g, 0), 1021);
	assert_true(gic_irq_line(g, 0));
	gic_set_group_enable(g, GIC_G1NS, false);
	assert_int_equal(gic_hppir0(g, 0), GIC_SPURIOUS);
	gic_set_group_enable(g, GIC_G1S, true);
	assert_int_equal(gic_hppir0(g, 0), 1020);
	assert_true(gic_fiq_line(g, 0));
	assert_false(gic_irq_line(g, 0));
	gic_set_group_enable(g, GIC_G0, true);
	gic_set_group_enable(g, GIC_G1NS, true);
}

/* §1.6: SPI active state is global but the APRs are per PE, so an EOIR0 on a PE that did not acknowledge it drops and deactivates nothing. */
static void eoi_on_another_pe_leaves_the_spi_active_and_its_priority_with_the_acknowledger(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_eoi0(g, 1, SPI_N);
	assert_true(gic_is_active(g, 0, SPI_N));
	assert_int_equal(gic_rpr(g, 0), NORM);
	assert_int_equal(g->pe[0].nack, 1);
	assert_int_equal(g->bad_eoi_fault, GIC_EOI_NOTHING_ACTIVE);
	gic_eoi0(g, 0, SPI_N);
	assert_false(gic_is_active(g, 0, SPI_N));
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
	assert_int_equal(g->bad_eoi, 1);
}

/* pick_tie for the test below: the last of the tied, and what it was asked. */
static unsigned tie_n, tie_calls;
static uint16_t tie_first;
static unsigned pick_last_tied(void *ctx, unsigned pe, const uint16_t *intids, unsigned n)
{
	(void)ctx;
	assert_int_equal(pe, 0);
	tie_calls++;
	tie_n = n;
	tie_first = intids[0];
	return n - 1;
}

/* Of interrupts pending at the same priority, the lowest INTID is the
 * HPPI and, with no pick_tie, what IAR0 takes; pick_tie chooses among
 * them (ascending) at each acknowledge - only among those of the highest
 * priority and the same group - and HPPIR0 keeps naming the lowest. */
static void pick_tie_chooses_among_interrupts_of_the_same_priority(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 20, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI_N + 1, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI_N + 2, GIC_G0, NORM + 8, 0);
	gic_fire(g, 0, SPI_N + 2);
	gic_fire(g, 0, SPI_N + 1);
	gic_fire(g, 0, SPI_N);
	gic_fire(g, 0, 20);
	assert_int_equal(gic_ack0(g, 0), 20);              /* no pick_tie: the lowest */
	gic_eoi0(g, 0, 20);
	g->choice.pick_tie = pick_last_tied;
	assert_int_equal(gic_hppir0(g, 0), SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N + 1);
	assert_int_equal(tie_calls, 1);
	assert_int_equal(tie_n, 2);
	assert_int_equal(tie_first, SPI_N);
	gic_eoi0(g, 0, SPI_N + 1);
	assert_int_equal(gic_ack0(g, 0), SPI_N);           /* alone at NORM now: not asked */
	assert_int_equal(tie_calls, 1);
	gic_eoi0(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N + 2);
	gic_eoi0(g, 0, SPI_N + 2);
	assert_int_equal(tie_calls, 1);
}

/* The same with only SGIs and PPIs live (no SPI): two tied banked
 * interrupts are a tie too, whichever bits they are (SGIs 0 and 1 here:
 * the two lowest bits of the live bitmap). */
static void pick_tie_chooses_among_tied_sgis_with_no_spi_live(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	tie_calls = 0;
	g->choice.pick_tie = pick_last_tied;
	fx_irq(g, 0, 0, GIC_G0, NORM, 0);
	fx_irq(g, 0, 1, GIC_G0, NORM, 0);
	gic_sgi(g, 2, 0, 0, GIC_G0);
	gic_sgi(g, 2, 0, 1, GIC_G0);
	assert_int_equal(gic_ack0(g, 0), 1);
	assert_int_equal(tie_calls, 1);
	assert_int_equal(tie_n, 2);
	assert_int_equal(tie_first, 0);
	gic_eoi0(g, 0, 1);
	assert_int_equal(gic_ack0(g, 0), 0);               /* alone now: not asked */
	assert_int_equal(tie_calls, 1);
	gic_eoi0(g, 0, 0);
}

/* A DIR of an interrupt acknowledged under another (deeper in the ack
 * list than its top) is before its drop all the same. */
static void dir_of_an_interrupt_below_the_top_of_the_ack_list_is_recorded(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, FX_LAST, GIC_G1NS, NSPRI, 0);
	fx_irq(g, 0, SPI_C, GIC_G0, CRIT, 0);
	gic_fire(g, 0, FX_LAST);
	assert_int_equal(gic_ack1(g, 0), FX_LAST);
	gic_fire(g, 0, SPI_C);
	assert_int_equal(gic_ack0(g, 0), SPI_C);
	gic_dir(g, 0, FX_LAST);
	assert_false(gic_is_active(g, 0, FX_LAST));
	assert_int_equal(g->bad_eoi, 1);
	assert_int_equal(g->bad_eoi_fault, GIC_DIR_BEFORE_DROP);
	assert_int_equal(g->bad_eoi_intid, FX_LAST);
}

/* An SPI left active by its PE's redistributor reset is in no ack list
 * (gic.h: gic_redist_reset): its DIR is after any drop, legal. */
static void dir_of_an_spi_its_pe_reset_left_active_is_legal(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 1);
	gic_fire(g, 0, SPI_NS);
	assert_int_equal(gic_ack1(g, 1), SPI_NS);
	gic_redist_reset(g, 1);
	assert_true(gic_is_active(g, 1, SPI_NS));
	gic_dir(g, 1, SPI_NS);
	assert_false(gic_is_active(g, 1, SPI_NS));
	assert_int_equal(g->bad_eoi, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(acknowledge_activates_clears_latch_and_sets_apr_bit),
		T(acknowledge_returns_1023_when_nothing_can_be_signalled),
		T(hppir0_reports_group1_as_special_ids_and_ignores_masks),
		T(gicd_group_enable_gates_the_whole_group),
		T(cpu_interface_group_disable_drops_candidates_before_choosing),
		T(special_and_spurious_eoi_are_ignored),
		TB(eoi_of_an_unimplemented_intid_drops_priority_and_is_recorded),
		T(level_interrupt_repends_after_eoi_while_its_line_is_high),
		T(dir_after_eoi_changes_nothing),
		TB(dir_deactivates_group1_without_priority_drop),
		T(active_and_pending_interrupt_does_not_hide_lower_pending_ones),
		T(disabling_a_signalled_interrupt_makes_the_acknowledge_spurious),
		T(iar1_does_not_take_secure_group1),
		T(ispendr_and_icpendr_while_active),
		T(gicd_group_enables_gate_only_their_own_group),
		TB(eoi_on_another_pe_leaves_the_spi_active_and_its_priority_with_the_acknowledger),
		T(pick_tie_chooses_among_interrupts_of_the_same_priority),
		T(pick_tie_chooses_among_tied_sgis_with_no_spi_live),
		TB(dir_of_an_interrupt_below_the_top_of_the_ack_list_is_recorded),
		T(dir_of_an_spi_its_pe_reset_left_active_is_legal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
