/*
 * test_gic_route.c - where SPIs go: IRM=0 affinity routing (to a sleeping
 * or missing PE too), the 1-of-N choice (eligibility, stickiness, the
 * choice callback), and the wake event.  PEs: 0x0, 0x1, 0x100, 0x101.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gic_fixture.h"

#define SPI   40
#define CHOSEN(g) ((g)->route[SPI - 32].chosen)

static void script(struct fx *f, unsigned a, unsigned b)
{
	f->pick.script[0] = a;
	f->pick.script[1] = b;
	f->pick.nscript = 2;
}

static void irm0_spi_is_a_candidate_only_on_its_affinity_pe(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	fx_irq(g, 0, SPI, GIC_G0, NORM, 2);
	gic_fire(g, 0, SPI);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 2);
	gic_set_route(g, SPI, false, 0x101);       /* moves while pending */
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 3);
	gic_set_route(g, SPI, false, 0x80000100);  /* bit 31 is IRM, not affinity */
	assert_int_equal(g->route[SPI - 32].aff, 0x100);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 2);
	assert_int_equal(f->pick.calls, 0);
}

static void irm0_to_a_sleeping_pe_stays_pending(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI, GIC_G0, NORM, 1);
	gic_set_sleep(g, 1, true);
	gic_fire(g, 0, SPI);
	assert_int_equal(fx_hppi_mask(g, SPI), 0);
	assert_false(gic_fiq_line(g, 1));
	assert_true(gic_is_pending(g, 0, SPI));
	assert_true(gic_wake_event(g, 1));
	assert_false(gic_wake_event(g, 0));
	assert_false(gic_wake_event(g, 2));
	gic_set_sleep(g, 1, false);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 1);
	assert_true(gic_fiq_line(g, 1));
}

static void irm0_to_a_missing_affinity_stays_pending(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI, GIC_G0, NORM, 0);
	gic_set_route(g, SPI, false, 0x200);
	gic_fire(g, 0, SPI);
	assert_int_equal(fx_hppi_mask(g, SPI), 0);
	assert_true(gic_is_pending(g, 0, SPI));
	for (unsigned pe = 0; pe < FX_PES; pe++)
		assert_false(gic_wake_event(g, pe));
}

static void one_of_n_skips_a_pe_not_participating_for_the_group(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	gic_set_participate(g, 0, GIC_G0, false);
	gic_set_participate(g, 1, GIC_G1NS, false);    /* another group: no matter */
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(CHOSEN(g), 1);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 1);
	assert_int_equal(f->pick.calls, 1);
	assert_int_equal(f->pick.last_n, 3);
}

static void one_of_n_skips_sleeping_and_group_disabled_pes(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	script(f, 1, 0);
	gic_set_sleep(g, 0, true);
	gic_set_igrpen(g, 1, GIC_G0, false);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(f->pick.last_n, 2);           /* PEs 2 and 3 */
	assert_int_equal(f->pick.last_pes, (1u << 2) | (1u << 3));
	assert_int_equal(f->pick.last_intid, SPI);
	assert_int_equal(CHOSEN(g), 3);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 3);
}

static void one_of_n_prefers_a_pe_that_can_take_it_now(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	fx_irq(g, 0, 20, GIC_G0, CRIT, 0);             /* PE0 runs a critical handler */
	gic_fire(g, 0, 20);
	assert_int_equal(gic_ack0(g, 0), 20);
	gic_set_pmr(g, 1, NORM);                       /* PE1 masks the priority */
	fx_irq(g, 2, 21, GIC_G0, NORM, 0);             /* PE2 runs at the same priority */
	gic_fire(g, 2, 21);
	assert_int_equal(gic_ack0(g, 2), 21);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(f->pick.last_n, 1);
	assert_int_equal(CHOSEN(g), 3);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 3);
	assert_true(gic_fiq_line(g, 3));
	gic_eoi0(g, 0, 20);
	gic_eoi0(g, 2, 21);
}

static void one_of_n_waits_until_some_pe_can_take_it(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	for (unsigned pe = 0; pe < FX_PES; pe++)
		gic_set_pmr(g, pe, NORM);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(CHOSEN(g), GIC_NO_PE);
	assert_int_equal(fx_hppi_mask(g, SPI), 0);
	assert_true(gic_is_pending(g, 0, SPI));
	assert_int_equal(f->pick.calls, 0);
	gic_set_pmr(g, 2, 0xFF);
	assert_int_equal(CHOSEN(g), 2);
	assert_int_equal(f->pick.calls, 1);
	assert_int_equal(f->pick.last_n, 1);
	assert_true(gic_fiq_line(g, 2));
	assert_int_equal(gic_ack0(g, 2), SPI);
	gic_eoi0(g, 2, SPI);
}

static void one_of_n_choice_is_sticky_while_the_pe_stays_eligible(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	script(f, 2, 0);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(CHOSEN(g), 2);
	gic_set_pmr(g, 0, 0x80);
	fx_irq(g, 0, 41, GIC_G1NS, NSPRI, 1);
	gic_fire(g, 0, 41);
	assert_int_equal(CHOSEN(g), 2);
	assert_int_equal(f->pick.calls, 1);

	fx_irq(g, 2, 20, GIC_G0, CRIT, 0);
	gic_fire(g, 2, 20);
	assert_int_equal(CHOSEN(g), 2);                /* pending CRIT does not matter ... */
	assert_int_equal(gic_ack0(g, 2), 20);          /* ... running CRIT does */
	assert_int_equal(f->pick.calls, 2);
	assert_int_equal(f->pick.last_n, 3);
	assert_int_equal(CHOSEN(g), 0);
	gic_eoi0(g, 2, 20);
	assert_int_equal(CHOSEN(g), 0);
	assert_int_equal(f->pick.calls, 2);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 0);
}

static void one_of_n_moves_off_a_pe_that_can_no_longer_take_it(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(CHOSEN(g), 0);
	gic_set_sleep(g, 0, true);
	assert_int_equal(CHOSEN(g), 1);
	gic_set_participate(g, 1, GIC_G0, false);
	assert_int_equal(CHOSEN(g), 2);
	gic_set_igrpen(g, 2, GIC_G0, false);
	assert_int_equal(CHOSEN(g), 3);
	gic_set_sleep(g, 0, false);
	assert_int_equal(CHOSEN(g), 3);
	assert_int_equal(f->pick.calls, 4);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 3);
}

static void one_of_n_is_not_chosen_while_its_group_is_disabled(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	gic_set_group_enable(g, GIC_G0, false);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(CHOSEN(g), GIC_NO_PE);
	assert_int_equal(f->pick.calls, 0);
	gic_set_group_enable(g, GIC_G0, true);
	assert_int_equal(CHOSEN(g), 0);
	assert_int_equal(f->pick.calls, 1);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 0);
}

static void pick_index_is_taken_modulo_the_eligible_count(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	script(f, 5, 0);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(f->pick.last_n, 4);
	assert_int_equal(CHOSEN(g), 1);
}

static void acknowledged_one_of_n_spi_returns_to_its_pe(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	script(f, 1, 3);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(gic_ack0(g, 1), SPI);
	assert_int_equal(g->spi[SPI - 32].owner, 1);
	gic_fire(g, 0, SPI);                           /* pending again while active */
	assert_int_equal(fx_hppi_mask(g, SPI), 0);
	gic_eoi0(g, 1, SPI);
	assert_int_equal(CHOSEN(g), 1);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 1);
	assert_int_equal(f->pick.calls, 1);
}

static void route_write_forgets_the_choice(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g;

	script(f, 3, 1);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(CHOSEN(g), 3);
	gic_set_route(g, SPI, true, 0);                /* the same route: nothing */
	assert_int_equal(CHOSEN(g), 3);
	gic_set_route(g, SPI, false, 0x1);
	assert_int_equal(CHOSEN(g), GIC_NO_PE);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 1);
	gic_set_route(g, SPI, true, 0);
	assert_int_equal(f->pick.calls, 2);
	assert_int_equal(CHOSEN(g), 1);
}

static unsigned popcount(unsigned x)
{
	unsigned n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Through every combination of sleeping PEs and a PMR pattern, the SPI is
 * on exactly one PE that can take it, or on none when none can. */
static void one_of_n_spi_is_on_at_most_one_pe(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	for (unsigned step = 0; step < 64; step++) {
		unsigned able = 0, where;

		for (unsigned pe = 0; pe < FX_PES; pe++) {
			bool asleep = (step >> pe) & 1u;
			uint8_t pmr = ((step >> 4) + pe) % 3 == 0 ? NORM : 0xFF;

			gic_set_sleep(g, pe, asleep);
			gic_set_pmr(g, pe, pmr);
			if (!asleep && pmr > NORM)
				able |= 1u << pe;
		}
		where = fx_hppi_mask(g, SPI);
		assert_int_equal(popcount(where), able ? 1 : 0);
		assert_int_equal(where & ~able, 0);
		fx_assert_clean(g);
	}
}

/* A 1-of-N SPI wakes the PE it is chosen for (an awake PE: in standby),
 * never a sleeping PE while an awake one can take it; when none can, the
 * lowest-numbered sleeping PE that participates, and that one only. */
static void wake_event_for_one_of_n_is_the_chosen_pe_or_the_first_sleeper(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_sleep(g, 1, true);
	gic_set_sleep(g, 3, true);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(CHOSEN(g), 0);                /* the lowest awake PE (no choice callback) */
	assert_true(gic_wake_event(g, 0));
	for (unsigned pe = 1; pe < FX_PES; pe++)
		assert_false(gic_wake_event(g, pe));
	gic_set_pmr(g, 0, 0);                          /* now PE 2 */
	gic_set_pmr(g, 2, 0);                          /* and now nobody awake */
	assert_int_equal(CHOSEN(g), GIC_NO_PE);
	assert_false(gic_wake_event(g, 0));
	assert_true(gic_wake_event(g, 1));             /* the first sleeper */
	assert_false(gic_wake_event(g, 2));
	assert_false(gic_wake_event(g, 3));
	gic_set_participate(g, 1, GIC_G0, false);      /* it no longer takes part: the next one */
	assert_false(gic_wake_event(g, 1));
	assert_true(gic_wake_event(g, 3));
	gic_set_participate(g, 3, GIC_G0, false);
	for (unsigned pe = 0; pe < FX_PES; pe++)
		assert_false(gic_wake_event(g, pe));
}

/* Counts its calls, keeps what the latest was asked (its SPI, its
 * candidates as a mask) and picks the last candidate. */
static uint32_t last_intid;
static unsigned last_pes;
static unsigned pick_last(void *ctx, uint32_t intid, const uint8_t *pes, unsigned n)
{
	last_intid = intid;
	last_pes = 0;
	for (unsigned k = 0; k < n; k++)
		last_pes |= 1u << pes[k];
	++*(unsigned *)ctx;
	return n - 1;
}

/* Which sleeping PE a 1-of-N SPI no PE can take wakes is the choice
 * callback's (GICD_CTLR.E1NWF = 1: IMPLEMENTATION DEFINED; it was always
 * the lowest-numbered), asked when the SPI first needs one and kept while
 * that PE sleeps and takes part. */
static void wake_target_of_one_of_n_is_chosen_and_kept(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	unsigned calls = 0;
	struct gic_choice c = { NULL, &calls, pick_last, NULL };

	gic_init(g, FX_PES, fx_mpidr, FX_SPIS, &c);
	for (unsigned pe = 1; pe < FX_PES; pe++)
		gic_set_sleep(g, pe, true);
	gic_set_pmr(g, 0, 0);                          /* PE 0 awake but cannot take it */
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(CHOSEN(g), GIC_NO_PE);
	assert_int_equal(calls, 1);                    /* among PEs 1, 2, 3: the last */
	assert_int_equal(last_intid, SPI);
	assert_int_equal(last_pes, 0xE);
	for (unsigned pe = 0; pe < FX_PES; pe++)
		assert_int_equal(gic_wake_event(g, pe), pe == 3);
	gic_set_sleep(g, 0, true);                     /* a new sleeper: the choice stands */
	assert_int_equal(calls, 1);
	assert_true(gic_wake_event(g, 3));
	assert_false(gic_wake_event(g, 0));
	gic_set_sleep(g, 3, false);                    /* PE 3 wakes and takes it */
	assert_int_equal(CHOSEN(g), 3);
	gic_set_sleep(g, 3, true);                     /* asleep again: asked again */
	assert_int_equal(calls, 2);
	assert_true(gic_wake_event(g, 3));
	gic_set_participate(g, 3, GIC_G0, false);      /* it no longer takes part: asked again */
	assert_int_equal(calls, 3);
	assert_true(gic_wake_event(g, 2));
	assert_false(gic_wake_event(g, 3));
	gic_set_route(g, SPI, false, 0);               /* a route write forgets it: asked again */
	gic_set_route(g, SPI, true, 0);
	assert_int_equal(calls, 4);
	assert_true(gic_wake_event(g, 2));
}

static void wake_event_ignores_sleep_masks_and_cpu_interface_enables(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	gic_set_sleep(g, 2, true);
	gic_set_igrpen(g, 2, GIC_G0, false);
	gic_set_pmr(g, 2, 0);
	fx_irq(g, 2, 20, GIC_G0, NORM, 0);
	gic_fire(g, 2, 20);
	assert_int_equal(gic_highest_pending(g, 2).intid, GIC_SPURIOUS);
	assert_true(gic_wake_event(g, 2));
	assert_false(gic_wake_event(g, 0));
}

static void wake_event_needs_an_enabled_inactive_interrupt_of_an_enabled_group(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI, GIC_G0, NORM, 1);
	gic_set_enabled(g, 0, SPI, false);
	gic_set_edge(g, 0, SPI, false);
	gic_set_line(g, 0, SPI, true);
	assert_false(gic_wake_event(g, 1));
	gic_set_enabled(g, 0, SPI, true);
	assert_true(gic_wake_event(g, 1));
	gic_set_group_enable(g, GIC_G0, false);
	assert_false(gic_wake_event(g, 1));
	gic_set_group_enable(g, GIC_G0, true);
	assert_int_equal(gic_ack0(g, 1), SPI);
	assert_true(gic_is_pending(g, 0, SPI));
	assert_false(gic_wake_event(g, 1));            /* active and pending */
	gic_eoi0(g, 1, SPI);
	assert_true(gic_wake_event(g, 1));
}

/* §1.2 GICD_IROUTER: IRM=0 matches Aff3[39:32] too, not only Aff2.Aff1.Aff0. */
static void irm0_routing_matches_aff3(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	static const uint64_t mpidr[2] = { 0x0, 0x100000000ull };

	gic_init(g, 2, mpidr, FX_SPIS, NULL);
	fx_irq(g, 0, SPI, GIC_G0, NORM, 0);
	gic_set_route(g, SPI, false, 0x100000000ull);
	gic_fire(g, 0, SPI);
	assert_int_equal(gic_highest_pending(g, 1).intid, SPI);
	assert_int_equal(gic_highest_pending(g, 0).intid, GIC_SPURIOUS);
	gic_set_route(g, SPI, false, 0x0);
	assert_int_equal(gic_highest_pending(g, 0).intid, SPI);
	assert_int_equal(gic_highest_pending(g, 1).intid, GIC_SPURIOUS);
}

/* §3.6: an SPI re-routed while active stays active on its acknowledger, which drops it; its next instance goes to the new target. */
static void spi_rerouted_while_active_is_ended_by_its_acknowledger_and_repends_at_the_new_target(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI, GIC_G0, NORM, 0);
	gic_fire(g, 0, SPI);
	assert_int_equal(gic_ack0(g, 0), SPI);
	gic_set_route(g, SPI, false, 0x100);           /* PE 2 */
	gic_fire(g, 0, SPI);
	assert_true(gic_is_active(g, 0, SPI));
	assert_int_equal(g->spi[SPI - 32].owner, 0);
	assert_int_equal(fx_hppi_mask(g, SPI), 0);
	assert_int_equal(gic_rpr(g, 0), NORM);
	assert_int_equal(gic_rpr(g, 2), GIC_IDLE_PRIO);
	gic_eoi0(g, 0, SPI);
	assert_int_equal(gic_rpr(g, 0), GIC_IDLE_PRIO);
	assert_int_equal(g->bad_eoi, 0);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 2);
	assert_int_equal(gic_ack0(g, 2), SPI);
	gic_eoi0(g, 2, SPI);
}

/* §1.4 [inference] / gic.h: an IRM=0 SPI whose PE has the group disabled at its CPU interface is held there, not moved. */
static void irm0_spi_to_a_pe_with_the_group_disabled_waits_there(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI, GIC_G0, NORM, 1);
	gic_set_igrpen(g, 1, GIC_G0, false);
	gic_fire(g, 0, SPI);
	assert_int_equal(fx_hppi_mask(g, SPI), 0);
	assert_false(gic_fiq_line(g, 1));
	assert_int_equal(gic_ack0(g, 1), GIC_SPURIOUS);
	assert_true(gic_is_pending(g, 0, SPI));
	gic_set_igrpen(g, 1, GIC_G0, true);
	assert_int_equal(fx_hppi_mask(g, SPI), 1u << 1);
	assert_int_equal(gic_ack0(g, 1), SPI);
	gic_eoi0(g, 1, SPI);
}


/* With two sleepers to wake, the choice is asked too (not only from
 * three up). */
static void wake_target_among_two_sleepers_is_chosen(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	unsigned calls = 0;
	struct gic_choice c = { NULL, &calls, pick_last, NULL };

	gic_init(g, FX_PES, fx_mpidr, FX_SPIS, &c);
	gic_set_sleep(g, 1, true);
	gic_set_sleep(g, 2, true);
	gic_set_pmr(g, 0, 0);
	gic_set_pmr(g, 3, 0);
	fx_irq(g, 0, SPI, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, SPI);
	assert_int_equal(calls, 1);
	assert_int_equal(last_pes, 0x6);
	assert_true(gic_wake_event(g, 2));
	assert_false(gic_wake_event(g, 1));
}

/* Every live SPI is looked at for the wake event, not only the first:
 * two adjacent ones, the second routed to the sleeping PE. */
static void wake_event_sees_each_of_adjacent_live_spis(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_irq(g, 0, SPI, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI + 1, GIC_G0, NORM, 1);
	gic_set_sleep(g, 1, true);
	gic_fire(g, 0, SPI);
	gic_fire(g, 0, SPI + 1);
	assert_true(gic_wake_event(g, 1));
	assert_int_equal(gic_ack0(g, 0), SPI);
	gic_eoi0(g, 0, SPI);
	gic_set_sleep(g, 1, false);
	assert_int_equal(gic_ack0(g, 1), SPI + 1);
	gic_eoi0(g, 1, SPI + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(irm0_spi_is_a_candidate_only_on_its_affinity_pe),
		T(irm0_to_a_sleeping_pe_stays_pending),
		T(irm0_to_a_missing_affinity_stays_pending),
		T(one_of_n_skips_a_pe_not_participating_for_the_group),
		T(one_of_n_skips_sleeping_and_group_disabled_pes),
		T(one_of_n_prefers_a_pe_that_can_take_it_now),
		T(one_of_n_waits_until_some_pe_can_take_it),
		T(one_of_n_choice_is_sticky_while_the_pe_stays_eligible),
		T(one_of_n_moves_off_a_pe_that_can_no_longer_take_it),
		T(one_of_n_is_not_chosen_while_its_group_is_disabled),
		T(pick_index_is_taken_modulo_the_eligible_count),
		T(acknowledged_one_of_n_spi_returns_to_its_pe),
		T(route_write_forgets_the_choice),
		T(one_of_n_spi_is_on_at_most_one_pe),
		T(wake_event_for_one_of_n_is_the_chosen_pe_or_the_first_sleeper),
		T(wake_target_of_one_of_n_is_chosen_and_kept),
		T(wake_target_among_two_sleepers_is_chosen),
		T(wake_event_sees_each_of_adjacent_live_spis),
		T(wake_event_ignores_sleep_masks_and_cpu_interface_enables),
		T(wake_event_needs_an_enabled_inactive_interrupt_of_an_enabled_group),
		T(irm0_routing_matches_aff3),
		T(spi_rerouted_while_active_is_ended_by_its_acknowledger_and_repends_at_the_new_target),
		T(irm0_spi_to_a_pe_with_the_group_disabled_waits_there),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
