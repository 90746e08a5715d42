/*
 * test_gic_check.c - gic_check(): silent along legal runs, and each
 * broken state it is shown is reported with the right invariant number
 * and message.  Broken states come from illegal software sequences where
 * the API can make them, and from writing fields directly where it cannot.
 * (The rules of single fields and instances: test_gic_check_fields.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "gic_fixture.h"

static void check_is_silent_along_a_legal_run(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	fx_assert_check(g, 0, "");
	fx_nest_normal_then_critical(g);
	fx_assert_check(g, 0, "");
	fx_irq(g, 1, 8, GIC_G0, NORM, 0);
	gic_sgi(g, 0, 1, 8, GIC_G0);
	gic_sgi(g, 2, 1, 8, GIC_G0);
	fx_assert_check(g, 0, "");
	fx_irq(g, 0, 50, GIC_G0, CRIT, FX_ANY);
	gic_set_edge(g, 0, 50, false);
	gic_set_line(g, 0, 50, true);
	fx_assert_check(g, 0, "");
	fx_irq(g, 3, 30, GIC_G1NS, NSPRI, 0);
	gic_set_line(g, 3, 30, true);
	fx_irq(g, 2, 0, GIC_G0, NSPRI, 0);           /* SGI 0 and PPI 16, the ranges' first */
	gic_sgi(g, 1, 2, 0, GIC_G0);
	fx_irq(g, 2, 16, GIC_G0, NSPRI, 0);
	gic_set_edge(g, 2, 16, false);               /* a PPI may be level-sensitive, unlike an SGI */
	gic_set_line(g, 2, 16, true);
	gic_set_sleep(g, 2, true);
	fx_assert_check(g, 0, "");
	assert_int_equal(gic_ack0(g, 1), 50);          /* PE0 busy: 1-of-N to PE1, before SGI 8 */
	assert_int_equal(gic_ack0(g, 1), GIC_SPURIOUS);
	gic_eoi0(g, 0, SPI_C);
	gic_eoi0(g, 0, SPI_N);
	fx_assert_check(g, 0, "");
	gic_eoi0(g, 1, 50);                            /* line still high: pending again */
	assert_true(gic_is_pending(g, 0, 50));
	assert_int_equal(gic_ack1(g, 3), 30);
	gic_redist_reset(g, 3);
	fx_assert_check(g, 0, "");
	assert_int_equal(g->epoch > 0, 1);
}

static void check_reports_an_active_interrupt_with_no_ack_entry(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_active(g, 0, SPI_N, true);
	fx_assert_check(g, 3, "G3: SPI 40 active with 0 ack entries");
	gic_set_active(g, 0, SPI_N, false);
	gic_set_active(g, 2, 17, true);
	fx_assert_check(g, 3, "G3: INTID 17 of PE 2 active with 0 ack entries");
}

static void check_reports_an_out_of_order_eoi(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_nest_normal_then_critical(g);
	gic_eoi0(g, 0, SPI_N);
	fx_assert_check(g, 3, "G3: PE 0 ack[0] is INTID 40, which is not active");
	gic_eoi0(g, 0, SPI_C);   /* undoes the damage to the state, not the record */
	fx_assert_check(g, 9, "G9: 2 illegal EOI/DIR writes, the first: EOIR out of order, INTID 40 on PE 0");
}

static void check_reports_an_eoi_with_nothing_acknowledged(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_copy(&f->other, g);
	gic_eoi0(g, 1, SPI_N);
	fx_assert_check(g, 9, "G9: 1 illegal EOI/DIR writes, the first: EOIR with nothing acknowledged, INTID 40 on PE 1");
	assert_int_equal(g->pe[1].nack, 0);
	assert_false(gic_equal(g, &f->other));   /* the record is state */
}

static void check_reports_an_acknowledged_interrupt_cleared_by_icactiver(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	gic_ack0(g, 0);
	gic_set_active(g, 0, SPI_N, false);
	assert_int_equal(g->spi[SPI_N - 32].owner, GIC_NO_PE);
	fx_assert_check(g, 3, "G3: PE 0 ack[0] is INTID 40, which is not active");
}

/* ... every entry's, the nested one's too. */
static void check_reports_a_nested_acknowledge_cleared_by_icactiver(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_nest_normal_then_critical(g);
	gic_set_active(g, 0, SPI_C, false);
	fx_assert_check(g, 3, "G3: PE 0 ack[1] is INTID 41, which is not active");
}

/* An inactive interrupt has no owner; an active one has exactly one ack
 * entry, not two in its PE's list. */
static void check_reports_an_owner_without_an_acknowledge(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	g->spi[SPI_N - 32].owner = 1;
	fx_assert_check(g, 3, "G3: SPI 40 inactive but owned by PE 1");
	g->spi[SPI_N - 32].owner = GIC_NO_PE;
	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	g->pe[0].ack[1] = (struct gic_ack){ SPI_N, CRIT, GIC_G0 };
	g->pe[0].nack = 2;
	g->pe[0].apr[GIC_G0] |= 1u << (CRIT >> 3);     /* G1, G2 hold */
	fx_assert_check(g, 3, "G3: SPI 40 active with 2 ack entries");
}

static void check_reports_an_spi_left_active_by_redist_reset(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	gic_ack0(g, 0);
	gic_redist_reset(g, 0);
	assert_true(gic_is_active(g, 0, SPI_N));
	fx_assert_check(g, 3, "G3: SPI 40 active with 0 ack entries");
}

static void check_reports_dir_before_the_priority_drop(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_NS, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 0, SPI_NS);
	gic_ack1(g, 0);
	gic_dir(g, 0, SPI_NS);
	fx_assert_check(g, 3, "G3: PE 0 ack[0] is INTID 43, which is not active");
}

static void check_reports_an_apr_bit_without_ack_entry(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	g->pe[1].apr[GIC_G1S] = 1u << 3;
	fx_assert_check(g, 1, "G1: PE 1: APR of group 1 is 0x00000008, ack list says 0x00000000");
}

static void check_reports_two_ack_entries_of_one_priority(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_nest_normal_then_critical(g);
	g->pe[0].ack[1].gprio = NORM;
	fx_assert_check(g, 1, "G1: PE 0: two ack entries hold group 0 priority 0x70");
}

static void check_reports_an_ack_list_that_does_not_nest(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	struct gic_ack bottom;

	fx_nest_normal_then_critical(g);
	bottom = g->pe[0].ack[0];
	g->pe[0].ack[0] = g->pe[0].ack[1];
	g->pe[0].ack[1] = bottom;
	fx_assert_check(g, 2, "G2: PE 0: INTID 40 (0x70) acknowledged over INTID 41 (0x60)");
}

/* Two groups can each hold a bit for 0x70 without upsetting G1. */
static void check_reports_equal_priorities_in_two_groups(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_NS, GIC_G1NS, NORM, 0);
	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_NS);
	gic_ack1(g, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), GIC_SPURIOUS);
	g->pe[0].ack[1] = (struct gic_ack){ SPI_N, NORM, GIC_G0 };
	g->pe[0].nack = 2;
	g->pe[0].apr[GIC_G0] = 1u << (NORM >> 3);   /* G1 holds; G2 comes before G3, G4 */
	fx_assert_check(g, 2, "G2: PE 0: INTID 40 (0x70) acknowledged over INTID 43 (0x70)");
}

static void check_reports_an_spi_in_two_ack_lists(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	gic_ack0(g, 0);
	g->pe[1].ack[0] = g->pe[0].ack[0];
	g->pe[1].nack = 1;
	g->pe[1].apr[GIC_G0] = g->pe[0].apr[GIC_G0];
	fx_assert_check(g, 3, "G3: PE 1 ack[0] is INTID 40, which is owned by another PE");
}

static void check_reports_a_stale_pending_bitmap(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	g->spi[SPI_N - 32].latch = 1;            /* behind the model's back */
	fx_assert_check(g, 4, "G4: spi_live says SPI 40 is not live, it is");
	gic_set_pending(g, 0, SPI_N, true);      /* no change, so no resync ... */
	assert_int_equal(gic_check(g, NULL, 0), 4);
	gic_set_pending(g, 0, SPI_N, false);     /* ... until a real one */
	fx_assert_check(g, 0, "");
}

/* spi_live_words stands for spi_live's non-empty words: the HPPI scan
 * and the 1-of-N choices find live SPIs through it, so a stale one would
 * hide an SPI from both. */
static void check_reports_a_stale_live_word_summary(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI_N);
	fx_assert_check(g, 0, "");
	g->spi_live_words = 0;                   /* behind the model's back */
	fx_assert_check(g, 4, "G4: spi_live_words is 0x0, spi_live's words say 0x1");
	g->spi_live_words = 0x3;                 /* a word with nothing live */
	fx_assert_check(g, 4, "G4: spi_live_words is 0x3, spi_live's words say 0x1");
}

/* The check judges each PE's HPPI against a scan of the interrupts' own
 * fields, not against the model's cache of it (hppi, valid while
 * hppi_at[pe] is pe_epoch[pe] + 1): a cache left valid over a change it
 * missed is reported. */
static void check_reports_a_stale_hppi_cache(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI_C, GIC_G0, CRIT, 0);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_highest_pending(g, 0).intid, SPI_N);   /* cached */
	g->hppi[0] = (struct gic_hppi){ GIC_SPURIOUS, GIC_IDLE_PRIO, 0 };
	fx_assert_check(g, 4, "G4: PE 0 HPPI 1023 (0xff), a full scan says 40 (0x70)");
	gic_fire(g, 0, SPI_C);                   /* a real change finds it again */
	assert_int_equal(gic_highest_pending(g, 0).intid, SPI_C);
	fx_assert_check(g, 0, "");
	g->hppi[0].intid = SPI_N;                /* valid, and wrong */
	fx_assert_check(g, 4, "G4: PE 0 HPPI 40 (0x60), a full scan says 41 (0x60)");
	g->hppi[0].intid = SPI_C;
	fx_irq(g, 3, 20, GIC_G0, NORM, 0);       /* the last PE's too */
	gic_fire(g, 3, 20);
	assert_int_equal(gic_highest_pending(g, 3).intid, 20);
	g->hppi[3] = (struct gic_hppi){ GIC_SPURIOUS, GIC_IDLE_PRIO, 0 };
	fx_assert_check(g, 4, "G4: PE 3 HPPI 1023 (0xff), a full scan says 20 (0x70)");
}

static void check_reports_a_stale_one_of_n_choice(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(g->route[SPI_N - 32].chosen, 0);
	g->pe[0].sleep = 1;
	fx_assert_check(g, 4, "G4: 1-of-N SPI 40 chosen for PE 0, which cannot take it");
	g->pe[0].sleep = 0;
	g->route[SPI_N - 32].chosen = GIC_NO_PE;
	fx_assert_check(g, 4, "G4: 1-of-N SPI 40 has no target but PE 0 can take it");
	g->pe[0].pmr = 0;                        /* PE 1 the first that can */
	fx_assert_check(g, 4, "G4: 1-of-N SPI 40 has no target but PE 1 can take it");
	assert_int_equal(gic_check(g, NULL, 0), 4);   /* with no message too */
}

/* A choice is checked as it is made, not only by the next gic_check: one
 * undone before it (a sleeping PE chosen, then woken by that choice,
 * takes the SPI as if chosen rightly) is still reported.  The model's
 * predicate is led astray here by an APR bit hidden from it while the
 * choice is made - PE 0 looks idle, its ack list says it runs at CRIT -
 * then the bit is put back and the acknowledge ended, which makes the
 * choice right. */
static void check_reports_a_choice_that_broke_the_rule_when_made(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	uint32_t apr;

	fx_irq(g, 0, SPI_C, GIC_G0, CRIT, 0);
	fx_irq(g, 0, 50, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI_C);
	assert_int_equal(gic_ack0(g, 0), SPI_C);
	apr = g->pe[0].apr[GIC_G0];
	g->pe[0].apr[GIC_G0] = 0;
	gic_fire(g, 0, 50);
	assert_int_equal(g->route[50 - 32].chosen, 0);   /* busy at CRIT: PE 1 was right */
	g->pe[0].apr[GIC_G0] = apr;
	gic_eoi0(g, 0, SPI_C);
	assert_int_equal(g->route[50 - 32].chosen, 0);   /* now right */
	fx_assert_check(g, 4, "G4: 1 1-of-N choice(s) broke the rule when made, the first: SPI 50, PE 0 chosen, "
			   "which could not take it");
}

/* A forwardable SPI that no PE can take is a candidate nowhere, and G6's
 * "at least one PE" asks nothing of it: routed to a sleeping PE, to one
 * with the group disabled at its CPU interface, to an affinity no PE
 * has, or 1-of-N with no PE eligible. */
static void check_is_silent_on_spis_no_pe_can_take(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 50, GIC_G0, NORM, 1);
	fx_irq(g, 0, 51, GIC_G0, NORM, 2);
	fx_irq(g, 0, 52, GIC_G0, NORM, 0);
	fx_irq(g, 0, 53, GIC_G0, NORM, FX_ANY);
	gic_set_route(g, 52, false, 0x200);          /* no such PE */
	gic_set_sleep(g, 1, true);
	gic_set_igrpen(g, 2, GIC_G0, false);
	for (unsigned pe = 0; pe < FX_PES; pe++)
		gic_set_pmr(g, pe, NORM);
	for (uint32_t intid = 50; intid <= 53; intid++)
		gic_fire(g, 0, intid);
	assert_int_equal(fx_hppi_mask(g, 50) | fx_hppi_mask(g, 51) | fx_hppi_mask(g, 52), 0);
	assert_int_equal(g->route[53 - 32].chosen, GIC_NO_PE);
	fx_assert_check(g, 0, "");
}

/* A 1-of-N SPI moves as each rule of eligibility changes on the PE it is
 * chosen for (sleep, DPG, the CPU interface group enable, PMR, running
 * priority), and the check stays silent.  It asks only the assert_check
 * lines: G4 restates eligibility from the fields instead of asking the
 * model's predicate (gicd_eligible), so a predicate that forgets a rule
 * makes a choice this test reports, where a check built on that predicate
 * would agree with it. */
static void check_is_silent_as_a_one_of_n_choice_moves(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, 50, GIC_G0, NORM, FX_ANY);
	gic_set_sleep(g, 0, true);
	gic_fire(g, 0, 50);                          /* not to PE 0, asleep: PE 1 */
	fx_assert_check(g, 0, "");
	gic_set_participate(g, 1, GIC_G0, false);    /* PE 2 */
	fx_assert_check(g, 0, "");
	gic_set_igrpen(g, 2, GIC_G0, false);         /* PE 3 */
	fx_assert_check(g, 0, "");
	gic_set_pmr(g, 3, NORM);                     /* none: PE 0 to wake */
	fx_assert_check(g, 0, "");
	gic_set_sleep(g, 0, false);                  /* PE 0 */
	fx_assert_check(g, 0, "");
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);     /* PE 0 busy at NORM: none */
	fx_assert_check(g, 0, "");
	gic_eoi0(g, 0, SPI_N);                       /* PE 0 again */
}

/* The PE a 1-of-N SPI with no target wakes (route.wake) is a sleeping PE
 * that takes part while there is one, and none while it has a target. */
static void check_reports_a_stale_pe_to_wake(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI_N, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI_N);
	g->route[SPI_N - 32].wake = 2;
	fx_assert_check(g, 4, "G4: 1-of-N SPI 40 chosen for PE 0 has PE 2 to wake too");
	g->route[SPI_N - 32].wake = GIC_NO_PE;
	for (unsigned pe = 0; pe < FX_PES; pe++)
		gic_set_sleep(g, pe, pe != 0);
	gic_set_pmr(g, 0, 0);
	assert_int_equal(g->route[SPI_N - 32].chosen, GIC_NO_PE);
	assert_int_equal(g->route[SPI_N - 32].wake, 1);   /* the fixture's choice: the first */
	g->route[SPI_N - 32].wake = 0;                    /* awake */
	fx_assert_check(g, 4, "G4: 1-of-N SPI 40 with no target wakes another PE, not a sleeping PE that takes part such as PE 1");
	g->route[SPI_N - 32].wake = GIC_NO_PE;
	fx_assert_check(g, 4, "G4: 1-of-N SPI 40 with no target wakes no PE, not a sleeping PE that takes part such as PE 1");
	g->route[SPI_N - 32].wake = FX_PES;
	fx_assert_check(g, 10, "G10: SPI 40 has a field out of range");
	g->route[SPI_N - 32].wake = 1;
	fx_assert_check(g, 0, "");
	for (unsigned pe = 0; pe < FX_PES; pe++)   /* PE 0 the only sleeper */
		gic_set_sleep(g, pe, pe == 0);
	for (unsigned pe = 1; pe < FX_PES; pe++)
		gic_set_pmr(g, pe, 0);
	assert_int_equal(g->route[SPI_N - 32].wake, 0);
	g->route[SPI_N - 32].wake = GIC_NO_PE;
	fx_assert_check(g, 4, "G4: 1-of-N SPI 40 with no target wakes no PE, not a sleeping PE that takes part such as PE 0");
}

static void check_message_is_optional_and_truncated_to_fit(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	char small[4];

	gic_set_active(g, 0, SPI_N, true);
	assert_int_equal(gic_check(g, NULL, 0), 3);
	assert_int_equal(gic_check(g, small, sizeof small), 3);
	assert_string_equal(small, "G3:");
}

static void check_does_not_change_the_model(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	fx_irq(g, 0, 50, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, 50);
	fx_nest_normal_then_critical(g);      /* moves SPI 50 off the busy PE0 */
	gic_eoi0(g, 0, SPI_N);
	gic_copy(&f->other, g);
	assert_int_equal(f->pick.calls, 2);
	assert_int_equal(gic_check(g, NULL, 0), 3);
	assert_true(gic_equal(g, &f->other));
	assert_int_equal(g->epoch, f->other.epoch);
	assert_int_equal(f->pick.calls, 2);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		T(check_is_silent_along_a_legal_run),
		TB(check_reports_an_active_interrupt_with_no_ack_entry),
		TB(check_reports_an_out_of_order_eoi),
		TB(check_reports_an_eoi_with_nothing_acknowledged),
		TB(check_reports_an_acknowledged_interrupt_cleared_by_icactiver),
		TB(check_reports_a_nested_acknowledge_cleared_by_icactiver),
		TB(check_reports_an_owner_without_an_acknowledge),
		TB(check_reports_an_spi_left_active_by_redist_reset),
		TB(check_reports_dir_before_the_priority_drop),
		TB(check_reports_an_apr_bit_without_ack_entry),
		TB(check_reports_two_ack_entries_of_one_priority),
		TB(check_reports_an_ack_list_that_does_not_nest),
		TB(check_reports_equal_priorities_in_two_groups),
		TB(check_reports_an_spi_in_two_ack_lists),
		T(check_reports_a_stale_pending_bitmap),
		TB(check_reports_a_stale_live_word_summary),
		TB(check_reports_a_stale_hppi_cache),
		TB(check_reports_a_stale_one_of_n_choice),
		T(check_is_silent_as_a_one_of_n_choice_moves),
		TB(check_reports_a_choice_that_broke_the_rule_when_made),
		T(check_is_silent_on_spis_no_pe_can_take),
		TB(check_reports_a_stale_pe_to_wake),
		TB(check_message_is_optional_and_truncated_to_fit),
		TB(check_does_not_change_the_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
