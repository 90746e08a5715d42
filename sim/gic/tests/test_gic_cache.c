/*
 * test_gic_cache.c - the per-PE caches against an uncached computation.
 *
 * gic_highest_pending keeps each PE's HPPI until that PE's pe_epoch moves,
 * and the simulator keeps whether a PE is signalled a Group 0 interrupt the
 * same way; a change only moves the pe_epoch of the PEs it can affect.  So
 * after any sequence of operations, for every PE: the cached answers equal
 * a fresh computation, and a PE whose pe_epoch did not move has the same
 * fresh answers as before.  Random operations on a few interrupts (so that
 * they collide), with a random 1-of-N choice, check both.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gic_fixture.h"

/* Everything a cache of one PE stands for. */
struct pe_view {
	struct gic_hppi h;
	bool fiq, irq;
	uint32_t hppir0;
};

static struct pe_view view_of(struct gic *g, unsigned pe)
{
	struct pe_view v;

	memset(&v, 0, sizeof v);
	v.h = gic_highest_pending(g, pe);
	v.fiq = gic_fiq_line(g, pe);
	v.irq = gic_irq_line(g, pe);
	v.hppir0 = gic_hppir0(g, pe);
	return v;
}

/* The same answers computed from scratch: on a copy whose HPPI caches
 * are all invalid. */
static struct pe_view fresh_view(const struct gic *g, struct gic *scratch, unsigned pe)
{
	gic_copy(scratch, g);
	memset(scratch->hppi_at, 0, sizeof scratch->hppi_at);
	return view_of(scratch, pe);
}

static bool same_view(struct pe_view a, struct pe_view b)
{
	return a.h.intid == b.h.intid && a.h.prio == b.h.prio && a.h.group == b.h.group
	    && a.fiq == b.fiq && a.irq == b.irq && a.hppir0 == b.hppir0;
}

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((rng_state >> 33) % n);
}

static unsigned pick_random(void *ctx, uint32_t intid, const uint8_t *pes, unsigned n)
{
	(void)ctx;
	(void)intid;
	(void)pes;
	return rnd(n);
}

/* A few INTIDs of each kind, so that operations meet. */
static uint32_t some_intid(void)
{
	static const uint32_t ids[] = { 0, 1, 2, 17, 18, 32, 33, 34, 35, 40 };
	return ids[rnd(sizeof ids / sizeof ids[0])];
}

static void random_op(struct gic *g)
{
	static const uint8_t prios[] = { 0x00, 0x60, 0x70, 0x80, 0xA0, 0xF0 };
	unsigned pe = rnd(FX_PES), op = rnd(22);
	uint32_t intid = some_intid();
	enum gic_group grp = (enum gic_group)rnd(3);   /* G0, G1S, G1NS */
	bool on = rnd(2);

	switch (op) {
	case 0: gic_set_group(g, pe, intid, grp); break;
	case 1: gic_set_priority(g, pe, intid, prios[rnd(sizeof prios)]); break;
	case 2: case 3: gic_set_enabled(g, pe, intid, on || op == 3); break;
	case 4: gic_set_edge(g, pe, intid, on); break;
	case 5: gic_set_pending(g, pe, intid, on); break;
	case 6: gic_set_active(g, pe, intid, on); break;
	case 7: gic_set_line(g, pe, intid, on); break;
	case 8: gic_fire(g, pe, intid); break;
	case 9: gic_set_route(g, intid, on, fx_mpidr[rnd(FX_PES)]); break;
	case 10: gic_set_sleep(g, pe, on && rnd(2)); break;
	case 11: gic_set_participate(g, pe, grp, on); break;
	case 12: gic_set_pmr(g, pe, prios[rnd(sizeof prios)]); break;
	case 13: gic_set_igrpen(g, pe, grp, on || rnd(2)); break;
	case 14: gic_set_group_enable(g, grp, on || rnd(2)); break;
	case 15: gic_ack0(g, pe); break;
	case 16: gic_ack1(g, pe); break;
	case 17: gic_eoi0(g, pe, g->pe[pe].nack ? g->pe[pe].ack[g->pe[pe].nack - 1].intid : intid); break;
	case 18: gic_eoi1(g, pe, g->pe[pe].nack ? g->pe[pe].ack[g->pe[pe].nack - 1].intid : intid); break;
	case 19: gic_dir(g, pe, intid); break;
	case 20: gic_sgi(g, pe, rnd(FX_PES), intid % 16, grp); break;
	default: if (rnd(4) == 0) gic_redist_reset(g, pe); break;
	}
}

static void caches_agree_with_a_fresh_computation(void **state)
{
	struct fx *f = *state;
	struct gic_choice choice = { pick_random, NULL, pick_random, NULL };

	for (unsigned seed = 1; seed <= 40; seed++) {
		rng_state = seed;
		gic_init(&f->g, FX_PES, fx_mpidr, FX_SPIS, &choice);
		for (unsigned step = 0; step < 400; step++) {
			struct pe_view before[FX_PES];
			uint64_t at[FX_PES];

			for (unsigned pe = 0; pe < FX_PES; pe++) {
				/* warm some caches, leave others as they were */
				if (rnd(3))
					view_of(&f->g, pe);
				before[pe] = fresh_view(&f->g, &f->other, pe);
				at[pe] = f->g.pe_epoch[pe];
			}
			random_op(&f->g);
			for (unsigned pe = 0; pe < FX_PES; pe++) {
				struct pe_view now = fresh_view(&f->g, &f->other, pe);

				if (!same_view(view_of(&f->g, pe), now))
					fail_msg("seed %u step %u: PE %u's cached HPPI differs from a fresh one",
						 seed, step, pe);
				if (f->g.pe_epoch[pe] == at[pe] && !same_view(before[pe], now))
					fail_msg("seed %u step %u: PE %u changed without its pe_epoch moving",
						 seed, step, pe);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(caches_agree_with_a_fresh_computation, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
