/*
 * test_gic_encode.c - gic_copy, gic_scramble, gic_equal and the canonical
 * form they rest on (gic_encode): every kind of change, and every byte of
 * every field that is state, alone makes two models unequal; the derived
 * fields, caches and history do not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gic_fixture.h"

static void copy_keeps_the_destinations_choice(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g, *dst = &f->other;

	fx_irq(g, 0, 40, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, 40);
	assert_false(gic_equal(dst, g));
	gic_copy(dst, g);
	assert_true(gic_equal(dst, g));
	assert_null(dst->choice.pick);
	assert_non_null(g->choice.pick);
	assert_int_equal(dst->epoch, g->epoch);
	gic_copy(g, g);                        /* to itself: nothing happens */
	assert_true(gic_equal(dst, g));
	assert_non_null(g->choice.pick);
	dst->epoch += 5;                       /* history is not state */
	assert_true(gic_equal(dst, g));
	fx_assert_clean(dst);
	gic_copy(g, dst);                      /* and the other way */
	assert_non_null(g->choice.pick);
	assert_ptr_equal(g->choice.ctx, &f->pick);
}

/* A GIC scrambled like g is garbage (its counts too) until a copy of g
 * makes it whole: every byte the copy writes comes from g, to the last
 * SPI and the last PE, derived fields included (gic_check), and the
 * scrambled GIC keeps its own choice callback. */
static bool all_scrambled(const void *p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (((const unsigned char *)p)[k] != 0xA5)
			return false;
	return true;
}

static void scramble_leaves_what_only_a_whole_copy_mends(void **state)
{
	struct fx *f = *state;
	struct gic *g = &f->g, *dst = &f->other;
	char why[160];

	fx_irq(g, 0, FX_LAST, GIC_G0, NORM, FX_ANY);   /* the last SPI, 1-of-N */
	gic_fire(g, 0, FX_LAST);
	fx_irq(g, FX_PES - 1, 31, GIC_G1NS, CRIT, 0);  /* the last PE's last PPI */
	gic_fire(g, FX_PES - 1, 31);
	gic_set_pmr(g, FX_PES - 1, 0x80);
	gic_scramble(dst, g);
	assert_int_equal(gic_check(dst, why, sizeof why), 10);
	assert_true(all_scrambled(&dst->nspi, sizeof dst->nspi));
	assert_true(all_scrambled(&dst->spi[FX_SPIS - 1], sizeof dst->spi[0]));
	assert_true(all_scrambled(&dst->route[FX_SPIS - 1], sizeof dst->route[0]));
	assert_true(all_scrambled(&dst->pe[FX_PES - 1], sizeof dst->pe[0]));
	assert_false(gic_equal(dst, g));
	assert_null(dst->choice.pick);
	gic_copy(dst, g);
	assert_true(gic_equal(dst, g));
	fx_assert_clean(dst);
	assert_null(dst->choice.pick);
	assert_int_equal(fx_hppi_mask(dst, FX_LAST), fx_hppi_mask(g, FX_LAST));
	assert_int_equal(gic_highest_pending(dst, FX_PES - 1).intid, gic_highest_pending(g, FX_PES - 1).intid);
}

/* Each of these makes a state differ from the fixture's initial one. */
static void chg_group(struct gic *g)        { gic_set_group(g, 3, 20, GIC_G1S); }
static void chg_prio(struct gic *g)         { gic_set_priority(g, 0, 95, 0x08); }
static void chg_enable(struct gic *g)       { gic_set_enabled(g, 0, 33, true); }
static void chg_edge(struct gic *g)         { gic_set_edge(g, 2, 31, false); }
static void chg_pending(struct gic *g)      { gic_set_pending(g, 0, 70, true); }
static void chg_active(struct gic *g)       { gic_set_active(g, 1, 5, true); }
static void chg_line(struct gic *g)         { gic_set_line(g, 0, 90, true); gic_set_pending(g, 0, 90, false); }
static void chg_route(struct gic *g)        { gic_set_route(g, 40, false, 0x101); }
static void chg_irm(struct gic *g)          { gic_set_route(g, 40, true, 0); }
static void chg_aff1(struct gic *g)         { gic_set_route(g, 40, false, 0x100); }   /* a higher byte only */
static void chg_sleep(struct gic *g)        { gic_set_sleep(g, 3, true); }
static void chg_dpg(struct gic *g)          { gic_set_participate(g, 2, GIC_G1S, false); }
static void chg_pmr(struct gic *g)          { gic_set_pmr(g, 1, 0x80); }
static void chg_igrpen(struct gic *g)       { gic_set_igrpen(g, 1, GIC_G1S, false); }
static void chg_gicd(struct gic *g)         { gic_set_group_enable(g, GIC_G1NS, false); }
static void chg_bad_eoi(struct gic *g)      { gic_eoi0(g, 0, 40); }
static void chg_ack(struct gic *g)
{
	fx_irq(g, 0, 40, GIC_G1NS, NSPRI, 0);
	gic_fire(g, 0, 40);
	gic_ack1(g, 0);
	gic_set_enabled(g, 0, 40, false);
	gic_set_priority(g, 0, 40, 0xA0);
	gic_set_route(g, 40, false, 0);
}

/* ... and these by writing fields no single call changes on its own. */
static void frg_apr(struct gic *g)          { g->pe[2].apr[GIC_G1S] = 4; }
static void frg_apr_top(struct gic *g)      { g->pe[2].apr[GIC_G1NS] = 1u << 31; }   /* the top byte only */
static void frg_ack(struct gic *g)          { g->pe[2].nack = 1; }
static void frg_chosen(struct gic *g)       { g->route[7].chosen = 1; }
static void frg_mpidr(struct gic *g)        { g->pe[3].mpidr = 0x102; }

static void equal_sees_every_kind_of_state(void **state)
{
	static void (*const change[])(struct gic *) = {
		chg_group, chg_prio, chg_enable, chg_edge, chg_pending, chg_active, chg_line,
		chg_route, chg_irm, chg_aff1, chg_sleep, chg_dpg, chg_pmr, chg_igrpen, chg_gicd,
		chg_bad_eoi, chg_ack,
		frg_apr, frg_apr_top, frg_ack, frg_chosen, frg_mpidr,
	};
	const unsigned forged = 5;   /* the last ones do not go through the API */
	const unsigned count = sizeof change / sizeof change[0];
	struct fx *f = *state;

	for (unsigned i = 0; i < count; i++) {
		uint64_t epoch;

		gic_init(&f->g, FX_PES, fx_mpidr, FX_SPIS, NULL);
		gic_copy(&f->other, &f->g);
		assert_true(gic_equal(&f->g, &f->other));
		epoch = f->other.epoch;
		change[i](&f->other);
		if (gic_equal(&f->g, &f->other) || gic_equal(&f->other, &f->g))
			fail_msg("change %u left the models equal", i);
		if (i < count - forged && f->other.epoch == epoch)
			fail_msg("change %u did not move the epoch", i);
	}
	/* every ack entry, not only the first */
	gic_init(&f->g, FX_PES, fx_mpidr, FX_SPIS, NULL);
	f->g.pe[2].nack = 2;
	gic_copy(&f->other, &f->g);
	f->other.pe[2].ack[1].intid = 20;
	assert_false(gic_equal(&f->g, &f->other));
}

struct field { const char *name; size_t off, size; };

#define GF(f)        { #f, offsetof(struct gic, f), sizeof ((struct gic *)0)->f }
/* SPI 5, PE 2 and its ack entry 1 stand for every one of them but the first */
#define SPI_F(f)     { "spi[5]." #f, offsetof(struct gic, spi[5].f), 1 }
#define ROUTE_F(f)   { "route[5]." #f, offsetof(struct gic, route[5].f), sizeof ((struct gic *)0)->route[5].f }
#define PE_F(f)      { "pe[2]." #f, offsetof(struct gic, pe[2].f), sizeof ((struct gic *)0)->pe[2].f }

static const struct field state_fields[] = {
	GF(grp_enabled[0]), GF(grp_enabled[2]),
	GF(bad_eoi), GF(bad_eoi_intid), GF(bad_eoi_pe), GF(bad_eoi_fault),
	GF(bad_choice), GF(bad_choice_intid), GF(bad_choice_pe), GF(bad_choice_rule),
	SPI_F(prio), SPI_F(group), SPI_F(enabled), SPI_F(edge), SPI_F(latch), SPI_F(line),
	SPI_F(active), SPI_F(owner),
	ROUTE_F(aff), ROUTE_F(irm), ROUTE_F(chosen), ROUTE_F(wake),
	PE_F(mpidr), PE_F(sleep), PE_F(dpg[0]), PE_F(dpg[2]), PE_F(pmr), PE_F(igrpen[0]),
	PE_F(igrpen[2]), PE_F(apr[0]), PE_F(apr[2]), PE_F(banked[0].prio), PE_F(banked[31].owner),
	PE_F(nack), PE_F(ack[1].intid), PE_F(ack[1].gprio), PE_F(ack[1].group),
	/* the first of each too */
	{ "spi[0].prio", offsetof(struct gic, spi[0].prio), 1 },
	{ "route[0].aff", offsetof(struct gic, route[0].aff), 1 },
	{ "pe[0].mpidr", offsetof(struct gic, pe[0].mpidr), 1 },
	{ "pe[2].ack[0].intid", offsetof(struct gic, pe[2].ack[0].intid), 2 },
};

static const struct field derived_fields[] = {
	GF(epoch), GF(spi_live[0]), GF(spi_live_words), GF(pe_epoch[2]), GF(pe_moved),
	GF(hppi_at[2]), GF(hppi[2].intid), PE_F(banked_live),
	{ "spi[npe]", offsetof(struct gic, spi[FX_SPIS]), 8 },      /* slots beyond nspi / npe */
	{ "pe[npe]", offsetof(struct gic, pe[FX_PES]), sizeof(struct gic_pe) },
};

/* A change to any one byte of a field that is state, alone, is seen. */
static void equal_sees_every_byte_of_every_field(void **state)
{
	struct fx *f = *state;

	f->g.pe[2].nack = 2;     /* two ack entries: the second is state */
	for (size_t i = 0; i < sizeof state_fields / sizeof state_fields[0]; i++) {
		for (size_t b = 0; b < state_fields[i].size; b++) {
			gic_copy(&f->other, &f->g);
			((unsigned char *)&f->other)[state_fields[i].off + b] ^= 0x81;
			if (gic_equal(&f->g, &f->other))
				fail_msg("%s byte %zu changed, the models still equal", state_fields[i].name, b);
		}
	}
}

/* The derived fields, the caches and the slots beyond npe and nspi are
 * not state. */
static void equal_ignores_derived_fields_and_unused_slots(void **state)
{
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof derived_fields / sizeof derived_fields[0]; i++) {
		gic_copy(&f->other, &f->g);
		memset((unsigned char *)&f->other + derived_fields[i].off, 0x5A, derived_fields[i].size);
		if (!gic_equal(&f->g, &f->other))
			fail_msg("%s changed, the models unequal", derived_fields[i].name);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(copy_keeps_the_destinations_choice),
		T(scramble_leaves_what_only_a_whole_copy_mends),
		TB(equal_sees_every_kind_of_state),
		TB(equal_sees_every_byte_of_every_field),
		TB(equal_ignores_derived_fields_and_unused_slots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
