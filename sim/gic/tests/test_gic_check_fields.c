/*
 * test_gic_check_fields.c - gic_check()'s rules of single fields and
 * instances: fields out of range (G10, reported before any rule that
 * indexes a table with them), priorities with unimplemented bits, the
 * shape of an SGI (G8), the derived live bits (G4) - each broken field
 * reported by its invariant, and found wherever it is: the first and the
 * last PE, SGI, PPI, SPI and ack entry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "gic_fixture.h"

static void check_reports_a_level_sensitive_sgi(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	g->pe[1].banked[3].edge = 0;
	fx_assert_check(g, 8, "G8: SGI 3 of PE 1 is level-sensitive");
	g->pe[1].banked[3].edge = 1;
	g->pe[1].banked[3].line = 1;
	fx_assert_check(g, 8, "G8: SGI 3 of PE 1 is driven by a line");
}

static void check_reports_unimplemented_priority_bits(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	g->spi[10].prio = 0x71;
	fx_assert_check(g, 10, "G10: SPI 42 priority 0x71");
	g->spi[10].prio = 0x70;
	/* an SGI's too: a well-formed SGI breaks no SGI rule (G8) */
	g->pe[1].banked[3].prio = 0x71;
	fx_assert_check(g, 10, "G10: INTID 3 of PE 1 priority 0x71");
	g->pe[1].banked[3].prio = 0x70;
	g->pe[2].pmr = 0xFF;
	fx_assert_check(g, 10, "G10: PE 2 PMR 0xff");
}

static void check_reports_fields_out_of_range_before_anything_else(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	g->pe[0].apr[GIC_G0] = 1;                /* G1 too, reported after */
	g->spi[5].group = 7;
	fx_assert_check(g, 10, "G10: SPI 37 has a field out of range");
	g->spi[5].group = GIC_G0;
	g->pe[3].nack = 33;
	fx_assert_check(g, 10, "G10: PE 3 nack 33 / sleep 0 out of range");
	g->pe[3].nack = 0;
	g->route[2].chosen = FX_PES;
	fx_assert_check(g, 10, "G10: SPI 34 has a field out of range");
	g->route[2].chosen = GIC_NO_PE;
	g->pe[1].igrpen[GIC_G1S] = 2;
	fx_assert_check(g, 10, "G10: PE 1 DPG/IGRPEN of group 1 not 0/1");
	g->pe[1].igrpen[GIC_G1S] = 1;
	g->grp_enabled[GIC_G1NS] = 2;
	fx_assert_check(g, 10, "G10: GICD_CTLR group 2 enable is 2");
	g->grp_enabled[GIC_G1NS] = 1;
	g->pe[0].sleep = 2;                      /* the first PE, SGI and ack entry too */
	fx_assert_check(g, 10, "G10: PE 0 nack 0 / sleep 2 out of range");
	g->pe[0].sleep = 0;
	g->pe[0].banked[0].group = 3;
	fx_assert_check(g, 10, "G10: INTID 0 of PE 0 has a field out of range");
	g->pe[0].banked[0].group = GIC_G0;
	g->pe[0].ack[0] = (struct gic_ack){ SPI_N, NORM, 3 };
	g->pe[0].nack = 1;
	fx_assert_check(g, 10, "G10: PE 0 ack[0] names INTID 40 group 3");
	g->pe[0].nack = 0;
	g->npe = GIC_MAX_PES + 1;                /* the counts before anything they bound */
	fx_assert_check(g, 10, "G10: npe 65 / nspi 64 out of range");
	g->npe = FX_PES;
	fx_assert_check(g, 1, "G1: PE 0: APR of group 0 is 0x00000001, ack list says 0x00000000");
}

/* The SPIs are judged in one pass that only says whether any can be out
 * of range: the one reported is still the lowest, whichever field. */
static void check_reports_the_lowest_spi_out_of_range(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	g->route[9].irm = 2;
	g->spi[4].owner = FX_PES;
	g->route[6].chosen = FX_PES + 1;
	fx_assert_check(g, 10, "G10: SPI 36 has a field out of range");
	g->spi[4].owner = GIC_NO_PE;
	fx_assert_check(g, 10, "G10: SPI 38 has a field out of range");
	g->route[6].chosen = GIC_NO_PE;
	fx_assert_check(g, 10, "G10: SPI 41 has a field out of range");
	g->route[9].irm = 1;                     /* 1-of-N is in range */
	gic_set_priority(g, 0, 40, 0x20);        /* touched, in range */
	assert_int_equal(gic_check(g, NULL, 0), 0);
}

/* The instances are judged one by one only where the scan finds one
 * touched: a broken priority at every position, SGI, PPI and SPI, on a
 * GIC whose SPIs do not fill a whole number of runs of eight. */
static void check_finds_a_broken_instance_anywhere(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;
	char want[64];

	gic_init(g, FX_PES, fx_mpidr, 61, NULL);
	for (unsigned i = 0; i < FX_PES; i++) {
		for (unsigned intid = 0; intid < 16; intid++) {
			g->pe[i].banked[intid].edge = 0;
			snprintf(want, sizeof want, "G8: SGI %u of PE %u is level-sensitive", intid, i);
			fx_assert_check(g, 8, want);
			g->pe[i].banked[intid].edge = 1;
		}
		for (unsigned intid = 16; intid < 32; intid++) {
			g->pe[i].banked[intid].prio = 0x71;
			snprintf(want, sizeof want, "G10: INTID %u of PE %u priority 0x71", intid, i);
			fx_assert_check(g, 10, want);
			g->pe[i].banked[intid].prio = 0xA0;
		}
	}
	for (unsigned s = 0; s < 61; s++) {
		g->spi[s].prio = 0x71;
		snprintf(want, sizeof want, "G10: SPI %u priority 0x71", 32 + s);
		fx_assert_check(g, 10, want);
		g->spi[s].prio = 0xA0;
	}
	g->pe[1].banked[16].edge = 0;            /* a level PPI, its line high, breaks no SGI rule */
	g->pe[1].banked[16].line = 1;
	g->pe[1].banked[17].prio = 0x71;
	fx_assert_check(g, 10, "G10: INTID 17 of PE 1 priority 0x71");
	g->pe[1].banked[17].prio = 0xA0;
	g->pe[1].banked[16].prio = 0x71;
	fx_assert_check(g, 10, "G10: INTID 16 of PE 1 priority 0x71");
	g->pe[1].banked[16] = g->pe[1].banked[17];
	g->route[60].chosen = FX_PES;
	fx_assert_check(g, 10, "G10: SPI 92 has a field out of range");
	g->route[60].chosen = GIC_NO_PE;
	g->pe[2].banked[20].group = 3;           /* the one group value 2 bits can hold and no group has */
	fx_assert_check(g, 10, "G10: INTID 20 of PE 2 has a field out of range");
	g->pe[2].banked[20].group = GIC_G1NS;
	fx_assert_check(g, 0, "");
}

/* Live bits are compared as whole bitmaps against the instances' own
 * fields, untouched instances included. */
static void check_reports_a_live_bit_of_an_untouched_instance(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;

	gic_init(g, FX_PES, fx_mpidr, 61, NULL);
	g->pe[1].banked_live = 1u << 5;
	fx_assert_check(g, 4, "G4: banked_live of PE 1 says INTID 5 is live, it is not");
	g->pe[1].banked_live = 0;
	g->spi_live[0] = 1ull << 60;
	fx_assert_check(g, 4, "G4: spi_live says SPI 92 is live, it is not");
	g->spi_live[0] = 1ull << 61;
	fx_assert_check(g, 4, "G4: spi_live marks an SPI beyond the 61 implemented");
	g->spi_live[0] = 0;
	g->spi_live[1] = 1;                      /* the first word wholly beyond, and the last */
	fx_assert_check(g, 4, "G4: spi_live marks an SPI beyond the 61 implemented");
	g->spi_live[1] = 0;
	g->spi_live[GIC_SPI_WORDS - 1] = 1;
	fx_assert_check(g, 4, "G4: spi_live marks an SPI beyond the 61 implemented");
}

/* The CPU interface fields the rules ask of every PE: an ack entry with
 * no APR bit, a sleeping flag out of range, an ack entry's priority with
 * unimplemented bits (which G1 and G2 cannot see: it is reported last). */
static void check_reports_broken_cpu_interface_fields(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	g->pe[2].ack[0] = (struct gic_ack){ SPI_N, NORM, GIC_G0 };
	g->pe[2].nack = 1;
	fx_assert_check(g, 1, "G1: PE 2: APR of group 0 is 0x00000000, ack list says 0x00004000");
	g->pe[2].ack[0] = (struct gic_ack){ 0, 0, 0 };
	g->pe[2].nack = 0;
	g->pe[3].sleep = 2;
	fx_assert_check(g, 10, "G10: PE 3 nack 0 / sleep 2 out of range");
	g->pe[3].sleep = 0;
	fx_nest_normal_then_critical(g);
	g->pe[0].ack[0].gprio = NORM | 1;        /* the same APR bit */
	fx_assert_check(g, 10, "G10: PE 0 ack[0] priority 0x71");
	g->pe[0].ack[0].gprio = NORM;
	fx_irq(g, 0, 42, GIC_G0, 0x50, 0);       /* a third: the middle entry's too */
	gic_fire(g, 0, 42);
	assert_int_equal(gic_ack0(g, 0), 42);
	g->pe[0].ack[1].gprio = CRIT | 1;
	fx_assert_check(g, 10, "G10: PE 0 ack[1] priority 0x61");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TB(check_reports_a_level_sensitive_sgi),
		TB(check_reports_unimplemented_priority_bits),
		TB(check_reports_fields_out_of_range_before_anything_else),
		TB(check_reports_the_lowest_spi_out_of_range),
		TB(check_finds_a_broken_instance_anywhere),
		TB(check_reports_a_live_bit_of_an_untouched_instance),
		TB(check_reports_broken_cpu_interface_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
