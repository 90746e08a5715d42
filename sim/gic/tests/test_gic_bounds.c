/*
 * test_gic_bounds.c - the model at the edges of its ranges: the first
 * and last INTID of each kind (SGI 0, SGI 15 / PPI 16, SPI 32), a GIC
 * with no SPIs, and PE 64 on a model of GIC_MAX_PES PEs, where an
 * off-by-one is not a harmless slot beyond npe but memory past the
 * arrays (gic.h: every function is total).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gic_fixture.h"

/* SGI 0 is configured through the same registers as every banked
 * interrupt (slot 0 is an interrupt, not "none"). */
static void sgi0_is_configured_like_any_banked_interrupt(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_group(g, 1, 0, GIC_G0);
	gic_set_priority(g, 1, 0, NORM);
	gic_set_enabled(g, 1, 0, true);
	gic_set_pending(g, 1, 0, true);
	assert_int_equal(gic_get_group(g, 1, 0), GIC_G0);
	assert_int_equal(gic_get_priority(g, 1, 0), NORM);
	assert_true(gic_get_enabled(g, 1, 0));
	assert_true(gic_is_pending(g, 1, 0));
	assert_int_equal(gic_highest_pending(g, 1).intid, 0);
	assert_int_equal(gic_ack0(g, 1), 0);
	assert_true(gic_is_active(g, 1, 0));
	gic_eoi0(g, 1, 0);
	assert_false(gic_is_active(g, 1, 0));
	assert_int_equal(g->bad_eoi, 0);
	gic_set_sleep(g, 1, true);                 /* pending while asleep: it wakes the PE */
	gic_sgi(g, 2, 1, 0, GIC_G0);
	assert_true(gic_wake_event(g, 1));
	gic_set_sleep(g, 1, false);
	assert_int_equal(gic_ack0(g, 1), 0);
	gic_eoi0(g, 1, 0);
}

/* SPI 32, the first, ignores the PE argument as every SPI does (gic.h:
 * pe selects the redistributor for INTIDs below 32 only). */
static void the_first_spi_ignores_the_pe_argument(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_priority(g, FX_PES, 32, NORM);
	gic_set_enabled(g, 200, 32, true);
	gic_set_pending(g, FX_PES, 32, true);
	assert_int_equal(gic_get_priority(g, 1, 32), NORM);
	assert_true(gic_get_enabled(g, 2, 32));
	assert_true(gic_is_pending(g, 3, 32));
	assert_true(gic_is_pending(g, GIC_MAX_PES, 32));
	gic_set_pending(g, 1, 32, false);
}

/* SPI 32, the first (bit 0 of the live bitmap), is found by every walk
 * over the live SPIs: the HPPI, ties, 1-of-N choices, the wake event. */
static unsigned last_tied(void *ctx, unsigned pe, const uint16_t *intids, unsigned n)
{
	(void)ctx;
	(void)pe;
	(void)intids;
	return n - 1;
}

static void the_first_spi_is_found_by_every_walk(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, 32, GIC_G0, NORM, 1);
	gic_fire(g, 0, 32);
	assert_int_equal(gic_highest_pending(g, 1).intid, 32);
	assert_true(gic_wake_event(g, 1));
	fx_irq(g, 1, 20, GIC_G0, NORM, 0);
	gic_fire(g, 1, 20);
	g->choice.pick_tie = last_tied;
	assert_int_equal(gic_ack0(g, 1), 32);        /* tied with PPI 20: the last */
	gic_eoi0(g, 1, 32);
	assert_int_equal(gic_ack0(g, 1), 20);
	gic_eoi0(g, 1, 20);
	/* 1-of-N with only PE 1 awake, then none */
	gic_set_route(g, 32, true, 0);
	gic_set_sleep(g, 0, true);
	gic_set_sleep(g, 2, true);
	gic_set_sleep(g, 3, true);
	gic_fire(g, 0, 32);
	assert_int_equal(g->route[0].chosen, 1);
	assert_int_equal(gic_highest_pending(g, 1).intid, 32);
	gic_set_sleep(g, 1, true);
	assert_int_equal(g->route[0].chosen, GIC_NO_PE);
	assert_int_equal(g->route[0].wake, 0);
	assert_true(gic_wake_event(g, 0));
	assert_false(gic_wake_event(g, 1));
	gic_set_sleep(g, 1, false);
	assert_int_equal(g->route[0].chosen, 1);
	assert_int_equal(gic_ack0(g, 1), 32);
	gic_eoi0(g, 1, 32);
}

/* PPI 16, the first, has an input line (SGIs 0-15 have none). */
static void ppi16_has_an_input_line_and_sgi15_none(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_line(g, 2, 16, true);
	assert_true(gic_is_pending(g, 2, 16));
	gic_set_line(g, 2, 16, false);
	gic_set_pending(g, 2, 16, false);
	gic_fire(g, 2, 16);
	assert_true(gic_is_pending(g, 2, 16));
	gic_set_pending(g, 2, 16, false);
	gic_set_line(g, 2, 15, true);
	gic_fire(g, 2, 15);
	assert_false(gic_is_pending(g, 2, 15));
}

/* With no SPIs, INTID 32 does not exist; 31 still does. */
static void a_gic_without_spis_has_no_intid_32(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;

	gic_init(g, 1, NULL, 0, NULL);
	assert_true(gic_intid_valid(g, 31));
	assert_false(gic_intid_valid(g, 32));
	gic_set_pending(g, 0, 32, true);
	gic_set_enabled(g, 0, 32, true);
	assert_false(gic_is_pending(g, 0, 32));
	assert_false(gic_get_enabled(g, 0, 32));
	assert_int_equal(gic_highest_pending(g, 0).intid, GIC_SPURIOUS);
	fx_assert_clean(g);
}

/* Every function given PE pe = npe, the first the model does not have,
 * changes nothing, not even a cache, and reads as for no PE.  The model
 * is allocated alone and built on memory full of garbage: its slots
 * beyond npe are garbage a read would return, and for npe = 64 they are
 * past the arrays, which a sanitizer sees read too. */
static void past_the_last_pe(unsigned npe)
{
	struct gic *g = malloc(sizeof *g), *before = malloc(sizeof *before);
	const unsigned pe = npe, last = npe - 1;

	assert_non_null(g);
	assert_non_null(before);
	memset(g, 0xA5, sizeof *g);
	gic_init(g, npe, NULL, FX_SPIS, NULL);
	fx_irq(g, last, 20, GIC_G0, NORM, 0);
	gic_fire(g, last, 20);
	fx_irq(g, 0, 40, GIC_G0, CRIT, FX_ANY);
	gic_fire(g, 0, 40);
	assert_int_equal(gic_ack0(g, last), 20);
	memcpy(before, g, sizeof *g);

	assert_int_equal(gic_highest_pending(g, pe).intid, GIC_SPURIOUS);
	assert_int_equal(gic_hppir0(g, pe), GIC_SPURIOUS);
	assert_false(gic_fiq_line(g, pe));
	assert_false(gic_irq_line(g, pe));
	assert_false(gic_wake_event(g, pe));
	assert_int_equal(gic_ack0(g, pe), GIC_SPURIOUS);
	assert_int_equal(gic_ack1(g, pe), GIC_SPURIOUS);
	gic_eoi0(g, pe, 20);
	gic_eoi1(g, pe, 20);
	gic_dir(g, pe, 20);
	assert_int_equal(gic_get_pmr(g, pe), 0);
	assert_int_equal(gic_set_pmr(g, pe, 0x10), 0);
	assert_int_equal(gic_rpr(g, pe), 0);
	gic_set_igrpen(g, pe, GIC_G0, false);
	gic_set_igrpen(g, pe, GIC_G1NS, true);
	gic_set_sleep(g, pe, true);
	gic_set_sleep(g, pe, false);
	gic_set_participate(g, pe, GIC_G0, false);
	gic_set_participate(g, pe, GIC_G0, true);
	gic_redist_reset(g, pe);
	gic_set_group(g, pe, 20, GIC_G1S);
	gic_set_priority(g, pe, 20, CRIT);
	gic_set_enabled(g, pe, 21, true);
	gic_set_edge(g, pe, 20, false);
	gic_set_pending(g, pe, 20, true);
	gic_set_irq(g, pe, 20, GIC_G0, CRIT, true, true);
	gic_set_active(g, pe, 21, true);
	gic_set_line(g, pe, 20, true);
	gic_fire(g, pe, 21);
	assert_false(gic_sgi(g, pe, 0, 8, GIC_G1NS));
	assert_false(gic_sgi(g, 0, pe, 8, GIC_G1NS));
	assert_int_equal(gic_sgir_write(g, pe, 1ull << 40 | 8ull << 24, GIC_G1NS), 0);
	assert_int_equal(gic_sgir_value(g, pe, 8), 0);
	assert_int_equal(gic_get_group(g, pe, 20), 0);
	assert_int_equal(gic_get_priority(g, pe, 20), 0);
	assert_false(gic_get_enabled(g, pe, 20));
	assert_false(gic_is_pending(g, pe, 20));
	assert_false(gic_is_active(g, pe, 20));
	assert_memory_equal(g, before, sizeof *g);
	fx_assert_clean(g);
	free(g);
	free(before);
}

static void the_pe_past_the_last_changes_and_reads_nothing(void **state)
{
	(void)state;
	past_the_last_pe(FX_PES);
	past_the_last_pe(GIC_MAX_PES);
}

/* Group 3, the first that does not exist, changes nothing at any
 * register that takes a group (the arrays indexed by group have 3
 * slots: a write to slot 3 lands in the next field). */
static void group_3_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g, *before = &f->other;
	const enum gic_group three = (enum gic_group)3;

	gic_copy(before, g);
	gic_set_group(g, 0, 20, three);
	gic_set_irq(g, 0, 20, three, NORM, true, true);
	gic_set_participate(g, 0, three, false);
	gic_set_participate(g, 0, three, true);
	gic_set_igrpen(g, 0, three, true);
	gic_set_igrpen(g, 0, three, false);
	gic_set_group_enable(g, three, false);
	gic_set_group_enable(g, three, true);
	assert_int_equal(gic_sgir_write(g, 0, 1ull << 40 | 8ull << 24, three), 0);
	assert_false(gic_sgi(g, 0, 1, 8, three));
	assert_memory_equal(g->pe, before->pe, FX_PES * sizeof g->pe[0]);
	assert_true(gic_equal(g, before));
	assert_int_equal(g->epoch, before->epoch);
}

/* An acknowledge on a forged ack list that is already full (no legal
 * sequence nests 32 acknowledges: priority 0xF8 is never signalled)
 * writes no entry past it; G1 reports the state. */
static void acknowledge_on_a_full_ack_list_writes_no_entry_past_it(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	char why[160];

	fx_irq(g, 1, 20, GIC_G0, CRIT, 0);
	gic_fire(g, 1, 20);
	g->pe[1].nack = 32;
	assert_int_equal(gic_ack0(g, 1), 20);
	assert_int_equal(g->pe[1].nack, 32);
	assert_int_equal(g->pe[1].banked[0].prio, 0xA0);   /* the field after the list (struct order) untouched */
	assert_int_not_equal(gic_check(g, why, sizeof why), 0);
}

/* On a GIC of the most SPIs there can be (988: INTIDs 32-1019), the
 * scans for the HPPI and for ties stop at INTID 1019: past the last SPI
 * is the route array, not an interrupt (route 0 below is written so
 * that, read as one, it would be a live Group 0 one at 0x10 routed to
 * PE 0). */
static void a_full_spi_range_is_scanned_to_intid_1019_only(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;
	struct gic_choice choice = { NULL, NULL, NULL, last_tied };

	memset(g, 0, sizeof *g);
	gic_init(g, 2, NULL, GIC_MAX_SPIS, &choice);
	assert_int_equal(g->route[0].aff, 0);      /* init wrote no SPI past the last */
	/* Aff3 1 (latch), Aff2 1 (enabled), Aff1 0 (Group 0), Aff0 0x10 (prio) */
	gic_set_route(g, 32, false, 0x0100010010ull);
	assert_false(gic_wake_event(g, 0));
	fx_irq(g, 0, 1019, GIC_G0, 0x10, 0);
	gic_fire(g, 0, 1019);
	assert_int_equal(gic_highest_pending(g, 0).intid, 1019);
	assert_int_equal(gic_ack0(g, 0), 1019);
	gic_eoi0(g, 0, 1019);
	fx_irq(g, 0, 20, GIC_G0, NORM, 0);
	gic_fire(g, 0, 20);
	assert_int_equal(gic_highest_pending(g, 0).intid, 20);
	assert_int_equal(gic_ack0(g, 0), 20);
	gic_eoi0(g, 0, 20);
	fx_assert_clean(g);
}

/* The slot an EOI frees at the top of the ack list is cleared: entries
 * beyond nack are zero, so a redistributor reset after the EOI, with
 * nothing of the PE's left to reset, is no change (the epoch stays). */
static void an_eoi_clears_the_ack_slot_it_frees(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	uint64_t epoch;

	fx_irq(g, 0, 50, GIC_G0, NORM, 1);
	gic_fire(g, 0, 50);
	assert_int_equal(gic_ack0(g, 1), 50);
	gic_eoi0(g, 1, 50);
	assert_int_equal(g->pe[1].nack, 0);
	assert_int_equal(g->pe[1].ack[0].intid, 0);
	assert_int_equal(g->pe[1].ack[0].gprio, 0);
	epoch = g->epoch;
	gic_redist_reset(g, 1);
	assert_int_equal(g->epoch, epoch);
}

/* Aff0 values around 16, where the SGI register's RS field takes over
 * from TargetList: Aff0 = RS * 16 + the TargetList bit.  Each PE's own
 * value reaches it alone, and its fields are where the architecture
 * puts them. */
static void sgi_targets_with_aff0_from_14_to_33(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;
	static const uint64_t mpidr[] = { 14, 15, 16, 17, 31, 32, 33 };
	const unsigned n = sizeof mpidr / sizeof mpidr[0];

	gic_init(g, n, mpidr, 0, NULL);
	for (unsigned t = 0; t < n; t++) {
		uint64_t v = gic_sgir_value(g, t, 3);

		assert_int_equal(v, 1ull << (mpidr[t] % 16) | 3ull << 24 | (mpidr[t] / 16) << 44);
		assert_int_equal(gic_sgir_write(g, (t + 1) % n, v, GIC_G1NS), 1);
		for (unsigned pe = 0; pe < n; pe++) {
			assert_int_equal(gic_is_pending(g, pe, 3), pe == t);
			gic_set_pending(g, pe, 3, false);
		}
	}
	/* RS 1, TargetList bits 0, 1 and 15: Aff0 16, 17 and 31 */
	assert_int_equal(gic_sgir_write(g, 0, 1ull << 44 | 3ull << 24 | 0x8003, GIC_G1NS), 3);
	fx_assert_clean(g);
}

/* SPIs on either side of each 64-SPI word of the live bitmap are found,
 * acknowledged and dropped from it (gic_check: the bitmap agrees with
 * the interrupts, after each step). */
static void spis_at_the_live_bitmaps_word_edges(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;
	static const unsigned n[] = { 0, 62, 63, 64, 65, 127, 128, 129, 191, 192, 959, 960, 987 };

	gic_init(g, 2, NULL, GIC_MAX_SPIS, NULL);
	for (unsigned k = 0; k < sizeof n / sizeof n[0]; k++) {
		uint32_t intid = 32 + n[k];

		fx_irq(g, 0, intid, GIC_G0, NORM, 1);
		gic_fire(g, 0, intid);
		fx_assert_clean(g);
		assert_int_equal(gic_highest_pending(g, 1).intid, intid);
		if (k > 0) {     /* the one before, pending again, under it */
			gic_fire(g, 0, 32 + n[k - 1]);
			fx_assert_clean(g);
		}
		assert_int_equal(gic_ack0(g, 1), k > 0 ? 32 + n[k - 1] : intid);
		fx_assert_clean(g);
		gic_eoi0(g, 1, k > 0 ? 32 + n[k - 1] : intid);
		if (k > 0) {
			assert_int_equal(gic_ack0(g, 1), intid);
			gic_eoi0(g, 1, intid);
		}
		assert_int_equal(gic_highest_pending(g, 1).intid, GIC_SPURIOUS);
		fx_assert_clean(g);
	}
}

/* On models of 63 and 64 PEs, the most there can be, a change marks the
 * PEs it concerns and only PEs the model has: each PE's cached HPPI is
 * refreshed, and pe_moved names no PE beyond the last. */
static void changes_mark_every_pe_of_the_largest_models(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;

	for (unsigned npe = 63; npe <= GIC_MAX_PES; npe++) {
		const unsigned last = npe - 1;

		gic_init(g, npe, NULL, FX_SPIS, NULL);
		for (unsigned pe = 0; pe < npe; pe++)
			assert_int_equal(gic_highest_pending(g, pe).intid, GIC_SPURIOUS);
		fx_irq(g, last, 20, GIC_G0, NORM, 0);
		gic_fire(g, last, 20);
		assert_int_equal(gic_highest_pending(g, last).intid, 20);
		fx_irq(g, 0, 40, GIC_G0, NORM, 0);
		gic_fire(g, 0, 40);
		assert_int_equal(gic_highest_pending(g, 0).intid, 40);
		g->pe_moved = 0;
		gic_set_group_enable(g, GIC_G0, false);
		assert_int_equal(gic_highest_pending(g, 0).intid, GIC_SPURIOUS);
		assert_int_equal(gic_highest_pending(g, last).intid, GIC_SPURIOUS);
		assert_int_equal(g->pe_moved, npe == 64 ? ~0ull : (1ull << npe) - 1);
		gic_set_group_enable(g, GIC_G0, true);
		fx_assert_clean(g);
	}
}

/* The slots beyond npe are never read, whatever they hold (here: PE
 * npe's slot forged to look awake, with a live Group 0 PPI and SGI of
 * its own, a zeroed slot otherwise). */
static void a_slot_beyond_the_last_pe_is_never_read(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	struct gic_pe *ghost = &g->pe[FX_PES];
	uint64_t epoch = g->epoch;

	ghost->banked[20] = (struct gic_irq){ .prio = NORM, .group = GIC_G0, .enabled = 1, .edge = 1,
					      .latch = 1, .owner = GIC_NO_PE };
	ghost->banked[8] = (struct gic_irq){ .prio = NORM, .group = GIC_G0, .enabled = 1, .edge = 1,
					     .owner = GIC_NO_PE };
	ghost->banked_live = 1u << 20;
	ghost->pmr = 0xF8;
	ghost->igrpen[GIC_G0] = 1;
	assert_false(gic_wake_event(g, FX_PES));
	assert_int_equal(gic_highest_pending(g, FX_PES).intid, GIC_SPURIOUS);
	assert_false(gic_sgi(g, 0, FX_PES, 8, GIC_G0));
	assert_false(gic_sgi(g, FX_PES, 0, 8, GIC_G1NS));
	assert_int_equal(ghost->banked[8].latch, 0);
	assert_int_equal(g->epoch, epoch);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(sgi0_is_configured_like_any_banked_interrupt),
		T(the_first_spi_ignores_the_pe_argument),
		T(the_first_spi_is_found_by_every_walk),
		T(ppi16_has_an_input_line_and_sgi15_none),
		T(a_gic_without_spis_has_no_intid_32),
		T(the_pe_past_the_last_changes_and_reads_nothing),
		T(a_slot_beyond_the_last_pe_is_never_read),
		T(group_3_changes_nothing),
		TB(acknowledge_on_a_full_ack_list_writes_no_entry_past_it),
		T(a_full_spi_range_is_scanned_to_intid_1019_only),
		T(spis_at_the_live_bitmaps_word_edges),
		T(changes_mark_every_pe_of_the_largest_models),
		T(an_eoi_clears_the_ack_slot_it_frees),
		T(sgi_targets_with_aff0_from_14_to_33),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
