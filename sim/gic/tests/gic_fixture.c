/*
 * gic_fixture.c - see gic_fixture.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "gic_fixture.h"

const uint64_t fx_mpidr[FX_PES] = { 0x0, 0x1, 0x100, 0x101 };

static unsigned fx_pick_next(void *ctx, uint32_t intid, const uint8_t *pes, unsigned n)
{
	struct fx_pick *p = ctx;
	unsigned answer = p->calls < p->nscript ? p->script[p->calls] : 0;

	p->calls++;
	p->last_n = n;
	p->last_intid = intid;
	p->last_pes = 0;
	for (unsigned k = 0; k < n; k++)
		p->last_pes |= 1ull << pes[k];
	return answer;
}

int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct gic_choice choice = { fx_pick_next, NULL, NULL, NULL };   /* waking, ties: the lowest-numbered */

	if (!f)
		return -1;
	choice.ctx = &f->pick;
	gic_init(&f->g, FX_PES, fx_mpidr, FX_SPIS, &choice);
	gic_init(&f->other, FX_PES, fx_mpidr, FX_SPIS, NULL);
	*state = f;
	return 0;
}

int fx_teardown(void **state)
{
	free(*state);
	return 0;
}

int fx_teardown_clean(void **state)
{
	struct fx *f = *state;
	char why[160];
	int r = gic_check(&f->g, why, sizeof why);

	free(f);
	if (r != 0) {
		print_error("gic_check: %d: %s\n", r, why);
		return -1;
	}
	return 0;
}

void fx_irq(struct gic *g, unsigned pe, uint32_t intid, enum gic_group grp, uint8_t prio,
	    unsigned route_pe)
{
	gic_set_group(g, pe, intid, grp);
	gic_set_priority(g, pe, intid, prio);
	if (intid >= 32)
		gic_set_route(g, intid, route_pe == FX_ANY,
			      route_pe < FX_PES ? fx_mpidr[route_pe] : 0);
	gic_set_enabled(g, pe, intid, true);
}

unsigned fx_hppi_mask(struct gic *g, uint32_t intid)
{
	unsigned mask = 0;

	for (unsigned i = 0; i < FX_PES; i++)
		if (gic_highest_pending(g, i).intid == intid)
			mask |= 1u << i;
	return mask;
}

void fx_assert_clean(struct gic *g)
{
	char why[160];
	int r = gic_check(g, why, sizeof why);

	if (r != 0)
		print_error("gic_check: %d: %s\n", r, why);
	assert_int_equal(r, 0);
}

void fx_assert_check(struct gic *g, int inv, const char *msg)
{
	char why[200];

	assert_int_equal(gic_check(g, why, sizeof why), inv);
	assert_string_equal(why, msg);
}

void fx_normal_and_critical_on_pe0(struct gic *g)
{
	fx_irq(g, 0, SPI_N, GIC_G0, NORM, 0);
	fx_irq(g, 0, SPI_C, GIC_G0, CRIT, 0);
}

void fx_nest_normal_then_critical(struct gic *g)
{
	fx_normal_and_critical_on_pe0(g);
	gic_fire(g, 0, SPI_N);
	assert_int_equal(gic_ack0(g, 0), SPI_N);
	gic_fire(g, 0, SPI_C);
	assert_int_equal(gic_ack0(g, 0), SPI_C);
}
