/*
 * test_gic_ack.c - gic_check_ack(): silent after every legal acknowledge,
 * and each acknowledge the rules forbid is reported with the invariant it
 * breaks.  The model never makes a forbidden one, so they are forged: a
 * legal acknowledge, then the fields it was judged by changed to what
 * would have forbidden it (the check reads them after the fact).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gic_fixture.h"

static void assert_ack(const struct gic *g, unsigned pe, uint32_t intid, int inv, const char *msg)
{
	char why[200];

	assert_int_equal(gic_check_ack(g, pe, intid, why, sizeof why), inv);
	assert_string_equal(why, msg);
}

/* Acknowledge intid on pe (it must be what IAR0 returns) and check it. */
static void ack_and_check(struct gic *g, unsigned pe, uint32_t intid)
{
	assert_int_equal(gic_ack0(g, pe), intid);
	assert_ack(g, pe, intid, 0, "");
}

static void ack_check_is_silent_on_legal_acknowledges(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_normal_and_critical_on_pe0(g);
	gic_fire(g, 0, SPI_N);
	ack_and_check(g, 0, SPI_N);
	gic_fire(g, 0, SPI_C);
	ack_and_check(g, 0, SPI_C);                  /* critical over normal */
	fx_irq(g, 0, 50, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, 50);                          /* PE 0 busy: PE 1 */
	ack_and_check(g, 1, 50);
	fx_irq(g, 2, 8, GIC_G0, CRIT, 0);
	gic_sgi(g, 3, 2, 8, GIC_G0);
	ack_and_check(g, 2, 8);
	fx_irq(g, 3, 60, GIC_G0, NORM, 3);
	gic_set_pmr(g, 3, NORM + 8);                 /* just above it */
	gic_fire(g, 3, 60);
	ack_and_check(g, 3, 60);
	gic_eoi0(g, 0, SPI_C);
	gic_eoi0(g, 0, SPI_N);
	gic_eoi0(g, 1, 50);
	gic_eoi0(g, 2, 8);
	gic_eoi0(g, 3, 60);
}

/* Signalled at PMR, or at the running priority: an equal priority never
 * preempts, nor does one at the mask. */
static void ack_check_reports_what_the_signal_rule_forbids(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_normal_and_critical_on_pe0(g);
	gic_fire(g, 0, SPI_N);
	ack_and_check(g, 0, SPI_N);
	g->pe[0].pmr = NORM;
	assert_ack(g, 0, SPI_N, 5, "G5: PE 0 acknowledged INTID 40 at priority 0x70 with PMR 0x70 and "
		   "running priority 0xff: it could not be signalled");
	g->pe[0].pmr = 0xF8;
	gic_fire(g, 0, SPI_C);
	ack_and_check(g, 0, SPI_C);
	g->pe[0].ack[0].gprio = CRIT;                /* as if 41 were taken over a critical one */
	assert_ack(g, 0, SPI_C, 5, "G5: PE 0 acknowledged INTID 41 at priority 0x60 with PMR 0xf8 and "
		   "running priority 0x60: it could not be signalled");
}

/* Taken by a PE the distributor does not forward it to. */
static void ack_check_reports_an_spi_taken_where_it_is_not_routed(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	struct gic_route *r = &g->route[50 - 32];

	fx_irq(g, 0, 50, GIC_G0, NORM, FX_ANY);
	gic_fire(g, 0, 50);
	ack_and_check(g, 0, 50);
	g->pe[0].dpg[GIC_G0] = 1;
	assert_ack(g, 0, 50, 6, "G6: PE 0 acknowledged 1-of-N SPI 50, which it does not take part in "
		   "(asleep, DPG set or the group disabled)");
	g->pe[0].dpg[GIC_G0] = 0;
	r->irm = 0;
	r->aff = 0x100;
	assert_ack(g, 0, 50, 6, "G6: PE 0 acknowledged SPI 50, which is routed to 0x100");
	r->aff = 0;
	g->spi[50 - 32].enabled = 0;
	assert_ack(g, 0, 50, 4, "G4: PE 0 acknowledged INTID 50, which is disabled, of a group disabled "
		   "in GICD_CTLR or at its CPU interface, or for a sleeping PE");
	g->spi[50 - 32].enabled = 1;
	g->pe[0].igrpen[GIC_G0] = 0;
	assert_ack(g, 0, 50, 4, "G4: PE 0 acknowledged INTID 50, which is disabled, of a group disabled "
		   "in GICD_CTLR or at its CPU interface, or for a sleeping PE");
	g->pe[0].igrpen[GIC_G0] = 1;
	fx_irq(g, 0, 32, GIC_G0, CRIT, 0);           /* the first SPI is routed too */
	gic_fire(g, 0, 32);
	ack_and_check(g, 0, 32);
	g->route[0].aff = 0x100;
	assert_ack(g, 0, 32, 6, "G6: PE 0 acknowledged SPI 32, which is routed to 0x100");
}

/* On a model of GIC_MAX_PES PEs, the most there can be, the last PE's
 * acknowledge is checked like any other; a model that claims more PEs
 * than that has no PE to look at. */
static void ack_check_on_the_largest_model(void **state)
{
	struct gic *g = &((struct fx *)*state)->other;

	gic_init(g, GIC_MAX_PES, NULL, FX_SPIS, NULL);
	fx_irq(g, GIC_MAX_PES - 1, 20, GIC_G0, NORM, 0);
	gic_fire(g, GIC_MAX_PES - 1, 20);
	ack_and_check(g, GIC_MAX_PES - 1, 20);
	g->npe = GIC_MAX_PES + 1;
	assert_ack(g, 0, 20, 10, "G10: PE 0 acknowledged INTID 20, which it does not have or with fields out "
		   "of range");
}

/* Not the latest acknowledge of that PE, or no interrupt of this GIC. */
static void ack_check_reports_an_intid_that_was_not_acknowledged(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;
	const char *not_latest = "G3: PE 0 acknowledged INTID 40, which is not active there as its latest "
				 "ack entry, at its priority and in its group";

	fx_normal_and_critical_on_pe0(g);
	assert_ack(g, 0, SPI_N, 3, not_latest);      /* nothing acknowledged */
	gic_fire(g, 0, SPI_N);
	gic_fire(g, 0, SPI_C);
	ack_and_check(g, 0, SPI_C);
	assert_ack(g, 0, SPI_N, 3, not_latest);      /* pending, not the one taken */
	g->pe[0].ack[0].group = GIC_G1NS;
	assert_ack(g, 0, SPI_C, 3, "G3: PE 0 acknowledged INTID 41, which is not active there as its latest "
		   "ack entry, at its priority and in its group");
	assert_ack(g, 0, FX_LAST + 1, 10, "G10: PE 0 acknowledged INTID 96, which it does not have or with "
		   "fields out of range");
	assert_ack(g, FX_PES, 3, 10, "G10: PE 4 acknowledged INTID 3, which it does not have or with "
		   "fields out of range");
	assert_int_equal(gic_check_ack(g, 0, SPI_N, NULL, 0), 3);   /* the message is optional */
}

/* The acknowledge takes the trigger: a latch it left set would be taken
 * again after the EOI.  A level interrupt's line keeps it pending. */
static void ack_check_reports_a_latch_the_acknowledge_left_set(void **state)
{
	struct gic *g = &((struct fx *)*state)->g;

	fx_normal_and_critical_on_pe0(g);
	gic_set_edge(g, 0, SPI_C, false);
	gic_set_line(g, 0, SPI_C, true);
	ack_and_check(g, 0, SPI_C);                  /* pending still, by its line */
	assert_true(gic_is_pending(g, 0, SPI_C));
	gic_eoi0(g, 0, SPI_C);
	gic_set_line(g, 0, SPI_C, false);
	gic_fire(g, 0, SPI_N);
	ack_and_check(g, 0, SPI_N);
	g->spi[SPI_N - 32].latch = 1;
	assert_ack(g, 0, SPI_N, 7, "G7: PE 0 acknowledged INTID 40 and left its pending latch set");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(ack_check_is_silent_on_legal_acknowledges),
		TB(ack_check_reports_what_the_signal_rule_forbids),
		TB(ack_check_reports_an_spi_taken_where_it_is_not_routed),
		TB(ack_check_on_the_largest_model),
		TB(ack_check_reports_an_intid_that_was_not_acknowledged),
		TB(ack_check_reports_a_latch_the_acknowledge_left_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
