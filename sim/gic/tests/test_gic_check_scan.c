/*
 * test_gic_check_scan.c - gic_check's fast pass (gic_scan.c) on a model
 * whose parts lie everywhere the pass works in pieces: SPIs in the first,
 * a middle and a partial last word of 64 (100 SPIs), routes in the last
 * group of eight and the partial one after it, busy and idle PEs.  A
 * legal such model is silent; one field broken in any of those places is
 * reported, by the invariant that field belongs to (a fast pass that
 * wrongly says "nothing to see" would hide it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gic_fixture.h"

#define NSPI 100u   /* words of 64: one full, one of 36; routes: 12 groups of 8 and 4 */

/* The legal model: SPIs 0, 63, 64 and 99 touched (the last three pending,
 * 64 1-of-N, the others affinity-routed), PE 2 in two nested handlers,
 * PE 3 asleep with a PPI of its own pending. */
static void build(struct gic *g)
{
	static const unsigned touched[] = { 0, 63, 64, 99 };

	gic_init(g, FX_PES, fx_mpidr, NSPI, NULL);
	for (unsigned k = 0; k < sizeof touched / sizeof touched[0]; k++)
		fx_irq(g, 0, 32 + touched[k], GIC_G0, NORM, k == 2 ? FX_ANY : 0);
	gic_set_pmr(g, 0, 0);                      /* PE 0 takes nothing: they wait */
	gic_fire(g, 0, 32 + 63);
	gic_fire(g, 0, 32 + 64);
	gic_fire(g, 0, 32 + 99);
	fx_irq(g, 2, 20, GIC_G0, NORM, 0);
	fx_irq(g, 2, 21, GIC_G1NS, CRIT, 0);
	gic_fire(g, 2, 20);
	assert_int_equal(gic_ack0(g, 2), 20);
	gic_fire(g, 2, 21);
	assert_int_equal(gic_ack1(g, 2), 21);
	fx_irq(g, 3, 31, GIC_G0, NORM, 0);
	gic_fire(g, 3, 31);
	gic_set_sleep(g, 3, true);
}

struct brk { const char *what; void (*apply)(struct gic *); int inv; };

static void b_gicd0(struct gic *g)       { g->grp_enabled[0] = 2; }
static void b_gicd1(struct gic *g)       { g->grp_enabled[1] = 3; }
static void b_gicd2(struct gic *g)       { g->grp_enabled[2] = 2; }
static void b_sleep(struct gic *g)       { g->pe[1].sleep = 2; }
static void b_dpg0(struct gic *g)        { g->pe[1].dpg[0] = 2; }
static void b_dpg1(struct gic *g)        { g->pe[1].dpg[1] = 3; }
static void b_dpg2(struct gic *g)        { g->pe[1].dpg[2] = 2; }
static void b_igrpen0(struct gic *g)     { g->pe[3].igrpen[0] = 2; }
static void b_igrpen1(struct gic *g)     { g->pe[3].igrpen[1] = 3; }
static void b_igrpen2(struct gic *g)     { g->pe[3].igrpen[2] = 2; }
static void b_pmr(struct gic *g)         { g->pe[1].pmr = 0x81; }
static void b_nack(struct gic *g)        { g->pe[2].nack = 33; }
static void b_ack_group(struct gic *g)   { g->pe[2].ack[1].group = 3; }
static void b_ack_intid(struct gic *g)   { g->pe[2].ack[1].intid = 32 + NSPI; }
static void b_ack_gprio(struct gic *g)   { g->pe[2].ack[1].gprio = CRIT | 1; }
static void b_spi0(struct gic *g)        { g->spi[0].prio = NORM | 1; }
static void b_spi63(struct gic *g)       { g->spi[63].group = 3; }
static void b_spi64(struct gic *g)       { g->spi[64].enabled = 2; }
static void b_spi0_group(struct gic *g)  { g->spi[0].group = 4; }
static void b_spi0_edge(struct gic *g)   { g->spi[0].edge = 2; }
static void b_spi0_active(struct gic *g) { g->spi[0].active = 2; }
static void b_spi99(struct gic *g)       { g->spi[99].owner = 7; }
static void b_spi98(struct gic *g)       { g->spi[98].latch = 2; }   /* untouched before */
static void b_ppi31(struct gic *g)       { g->pe[3].banked[31].line = 2; }
static void b_sgi0(struct gic *g)        { g->pe[0].banked[0].edge = 0; }
static void b_sgi15(struct gic *g)       { g->pe[3].banked[15].line = 1; }
static void b_route0(struct gic *g)      { g->route[0].irm = 2; }
static void b_route95(struct gic *g)     { g->route[95].chosen = FX_PES; }
static void b_route96(struct gic *g)     { g->route[96].wake = FX_PES; }
static void b_route99(struct gic *g)     { g->route[99].irm = 2; }
static void b_live99(struct gic *g)      { g->spi_live[1] &= ~(1ull << 35); }
static void b_live98(struct gic *g)      { g->spi_live[1] |= 1ull << 34; }
static void b_live0(struct gic *g)       { g->spi_live[0] |= 1; }
static void b_live100(struct gic *g)     { g->spi_live[1] |= 1ull << 36; }   /* beyond the last */
static void b_banked_live(struct gic *g) { g->pe[3].banked_live &= ~(1u << 31); }
static void b_busy(struct gic *g)        { g->pe[1].apr[GIC_G0] = 1u << (NORM >> 3); }
static void b_choice96(struct gic *g)    { g->route[64].chosen = 3; }   /* asleep */

static const struct brk brks[] = {
	{ "GICD_CTLR 0", b_gicd0, 10 }, { "GICD_CTLR 1", b_gicd1, 10 }, { "GICD_CTLR 2", b_gicd2, 10 },
	{ "sleep", b_sleep, 10 }, { "DPG 0", b_dpg0, 10 }, { "DPG 1", b_dpg1, 10 }, { "DPG 2", b_dpg2, 10 },
	{ "IGRPEN 0", b_igrpen0, 10 }, { "IGRPEN 1", b_igrpen1, 10 }, { "IGRPEN 2", b_igrpen2, 10 }, { "PMR", b_pmr, 10 }, { "nack", b_nack, 10 },
	{ "ack group", b_ack_group, 10 }, { "ack INTID", b_ack_intid, 10 },
	{ "ack priority", b_ack_gprio, 1 }, { "SPI 32 priority", b_spi0, 10 },
	{ "SPI 95 group", b_spi63, 10 }, { "SPI 96 enable", b_spi64, 10 },
	{ "SPI 32 group 4", b_spi0_group, 10 }, { "SPI 32 edge", b_spi0_edge, 10 },
	{ "SPI 32 active", b_spi0_active, 10 },
	{ "SPI 131 owner", b_spi99, 10 }, { "SPI 130 latch", b_spi98, 10 },
	{ "PPI 31 line", b_ppi31, 10 }, { "SGI 0 level", b_sgi0, 8 }, { "SGI 15 line", b_sgi15, 8 },
	{ "route 32 IRM", b_route0, 10 }, { "route 127 choice", b_route95, 10 },
	{ "route 128 wake", b_route96, 10 }, { "route 131 IRM", b_route99, 10 },
	{ "live bit of SPI 131", b_live99, 4 }, { "live bit of SPI 130", b_live98, 4 },
	{ "live bit of SPI 32", b_live0, 4 }, { "live bit of SPI 132", b_live100, 4 }, { "live bit of PPI 31", b_banked_live, 4 },
	{ "APR of an idle PE", b_busy, 1 }, { "choice of SPI 96", b_choice96, 4 },
};

static void check_is_silent_on_a_model_spread_over_every_piece(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;

	build(g);
	fx_assert_clean(g);
}

static void check_reports_one_broken_field_in_every_piece(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;
	char why[200];

	for (size_t k = 0; k < sizeof brks / sizeof brks[0]; k++) {
		int r;

		build(g);
		brks[k].apply(g);
		r = gic_check(g, why, sizeof why);
		if (r != brks[k].inv)
			fail_msg("%s: G%d (%s), expected G%d", brks[k].what, r, why, brks[k].inv);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TB(check_is_silent_on_a_model_spread_over_every_piece),
		TB(check_reports_one_broken_field_in_every_piece),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
