/*
 * gic_dist.c - the distributor: model set-up, copy and comparison,
 * GICD_CTLR group enables, GICD_IROUTER routing and the 1-of-N choice,
 * and the derived spi_live bitmap that keeps the HPPI scan cheap.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "gic_internal.h"

/* Everything before the per-interrupt arrays. */
static void gic_init_header(struct gic *g, unsigned npe, unsigned nspi)
{
	memset(g, 0, offsetof(struct gic, spi));
	g->npe = npe < GIC_MAX_PES ? npe : GIC_MAX_PES;
	g->nspi = nspi < GIC_MAX_SPIS ? nspi : GIC_MAX_SPIS;
}

void gic_init(struct gic *g, unsigned npe, const uint64_t *mpidr, unsigned nspi,
	      const struct gic_choice *choice)
{
	/* Only the PEs and SPIs the model has are set up (a model is built
	 * for every scenario and fuzz input; slots beyond npe / nspi are
	 * never read).  Whole structs are cleared, padding too, so that
	 * copies of the same state stay byte-identical. */
	const struct gic_irq reset = gic_irq_reset_value();

	gic_init_header(g, npe, nspi);
	for (unsigned grp = 0; grp < GIC_NUM_GROUPS; grp++)
		g->grp_enabled[grp] = 1;
	memset(g->route, 0, g->nspi * sizeof g->route[0]);
	for (unsigned n = 0; n < g->nspi; n++) {
		g->spi[n] = reset;
		g->route[n].chosen = GIC_NO_PE;
		g->route[n].wake = GIC_NO_PE;
	}
	/* Every PE's redistributor and CPU interface start alike but for
	 * the affinity: PE 0's is built, the others are copies of it. */
	for (unsigned i = 0; i < g->npe; i++) {
		struct gic_pe *p = &g->pe[i];

		if (i == 0) {
			memset(p, 0, sizeof *p);
			p->pmr = GIC_IDLE_PRIO & GIC_PRIO_MASK;
			for (unsigned grp = 0; grp < GIC_NUM_GROUPS; grp++)
				p->igrpen[grp] = 1;
			for (unsigned intid = 0; intid < GIC_NUM_BANKED; intid++)
				p->banked[intid] = reset;
			gicr_live_recompute(p);
		} else {
			memcpy(p, &g->pe[0], sizeof *p);
		}
		/* Without MPIDRs, PE i is Aff0 = i (one cluster). */
		p->mpidr = (mpidr ? mpidr[i] : i) & GIC_AFF_MASK;
	}
	if (choice)
		g->choice = *choice;
	g->bad_eoi_pe = GIC_NO_PE;
	g->bad_eoi_intid = GIC_SPURIOUS;
	g->bad_choice_pe = GIC_NO_PE;
	g->bad_choice_intid = GIC_SPURIOUS;
}

/* The bytes of a GIC that hold the state of one like `like`: everything
 * before the SPIs, and like's SPIs, routes and PEs (the slots past them
 * are not state).  What gic_copy writes, and gic_scramble. */
struct gic_part { size_t at, len; };

static void gic_parts(const struct gic *like, struct gic_part part[4])
{
	part[0] = (struct gic_part){ 0, offsetof(struct gic, spi) };
	part[1] = (struct gic_part){ offsetof(struct gic, spi), like->nspi * sizeof like->spi[0] };
	part[2] = (struct gic_part){ offsetof(struct gic, route), like->nspi * sizeof like->route[0] };
	part[3] = (struct gic_part){ offsetof(struct gic, pe), like->npe * sizeof like->pe[0] };
}

void gic_copy(struct gic *dst, const struct gic *src)
{
	struct gic_choice keep;
	struct gic_part part[4];

	if (dst == src)
		return;
	keep = dst->choice;
	gic_parts(src, part);
	for (unsigned k = 0; k < 4; k++)
		memcpy((char *)dst + part[k].at, (const char *)src + part[k].at, part[k].len);
	dst->choice = keep;
}

void gic_scramble(struct gic *g, const struct gic *like)
{
	struct gic_choice keep = g->choice;
	struct gic_part part[4];

	gic_parts(like, part);
	for (unsigned k = 0; k < 4; k++)
		memset((char *)g + part[k].at, 0xA5, part[k].len);
	g->choice = keep;
}

/* ---- canonical form ---- */

struct gic_enc { uint8_t *p; size_t n, cap; };

static void enc(struct gic_enc *e, uint64_t v, unsigned bytes)
{
	for (unsigned k = 0; k < bytes; k++, v >>= 8) {
		if (e->n < e->cap)
			e->p[e->n] = (uint8_t)v;
		e->n++;
	}
}

static void enc_irq(struct gic_enc *e, const struct gic_irq *irq)
{
	enc(e, irq->prio, 1);
	enc(e, irq->group, 1);
	enc(e, irq->enabled, 1);
	enc(e, irq->edge, 1);
	enc(e, irq->latch, 1);
	enc(e, irq->line, 1);
	enc(e, irq->active, 1);
	enc(e, irq->owner, 1);
}

/* Field by field: struct gic_route and struct gic_pe have padding, slots
 * beyond npe / nspi are not state, and the epoch, the choice callback and
 * the derived bitmaps and caches are not state either (route.chosen is:
 * it decides where an SPI goes next). */
size_t gic_encode(const struct gic *g, uint8_t *buf, size_t cap)
{
	struct gic_enc e = { buf, 0, cap };

	enc(&e, g->npe, 4);
	enc(&e, g->nspi, 4);
	for (unsigned grp = 0; grp < GIC_NUM_GROUPS; grp++)
		enc(&e, g->grp_enabled[grp], 1);
	enc(&e, g->bad_eoi, 4);
	enc(&e, g->bad_eoi_intid, 2);
	enc(&e, g->bad_eoi_pe, 1);
	enc(&e, g->bad_eoi_fault, 1);
	enc(&e, g->bad_choice, 4);
	enc(&e, g->bad_choice_intid, 2);
	enc(&e, g->bad_choice_pe, 1);
	enc(&e, g->bad_choice_rule, 1);
	for (unsigned n = 0; n < gic_nspi(g); n++) {
		enc_irq(&e, &g->spi[n]);
		enc(&e, g->route[n].aff, 8);
		enc(&e, g->route[n].irm, 1);
		enc(&e, g->route[n].chosen, 1);
		enc(&e, g->route[n].wake, 1);
	}
	for (unsigned i = 0; i < gic_npe(g); i++) {
		const struct gic_pe *p = &g->pe[i];

		enc(&e, p->mpidr, 8);
		enc(&e, p->sleep, 1);
		enc(&e, p->pmr, 1);
		for (unsigned grp = 0; grp < GIC_NUM_GROUPS; grp++) {
			enc(&e, p->dpg[grp], 1);
			enc(&e, p->igrpen[grp], 1);
			enc(&e, p->apr[grp], 4);
		}
		for (unsigned intid = 0; intid < GIC_NUM_BANKED; intid++)
			enc_irq(&e, &p->banked[intid]);
		enc(&e, p->nack, 1);
		for (unsigned k = 0; k < gic_nack(p); k++) {
			enc(&e, p->ack[k].intid, 2);
			enc(&e, p->ack[k].gprio, 1);
			enc(&e, p->ack[k].group, 1);
		}
	}
	return e.n;
}

bool gic_equal(const struct gic *a, const struct gic *b)
{
	size_t na = gic_encode(a, NULL, 0), nb = gic_encode(b, NULL, 0);
	uint8_t *ea, *eb;
	bool same;

	if (na != nb)
		return false;
	ea = malloc(na);
	eb = malloc(nb);
	same = ea && eb && gic_encode(a, ea, na) == na && gic_encode(b, eb, nb) == nb
	    && memcmp(ea, eb, na) == 0;
	free(ea);
	free(eb);
	return same;
}

/* ---- derived state ---- */

uint64_t gic_irq_sync(struct gic *g, const struct gic_irq *irq, uint32_t intid)
{
	if (intid >= GIC_MIN_SPI) {
		gicd_spi_sync(g, intid - GIC_MIN_SPI);
		return intid - GIC_MIN_SPI < gic_nspi(g) ? gicd_target_pes(g, intid - GIC_MIN_SPI) : 0;
	} else if (intid < GIC_NUM_BANKED) {
		/* which PE's copy: irq lies in g->pe[k].banked[intid] */
		size_t k = (size_t)((const char *)irq - (const char *)&g->pe[0].banked[intid]) /
			   sizeof(struct gic_pe);
		uint32_t bit = 1u << intid;

		if (k >= GIC_MAX_PES)
			return 0;
		if (gicd_irq_live(irq))
			g->pe[k].banked_live |= bit;
		else
			g->pe[k].banked_live &= ~bit;
		return gic_pe_bit((unsigned)k);
	}
	return 0;
}

void gicr_live_recompute(struct gic_pe *p)
{
	p->banked_live = 0;
	for (unsigned intid = 0; intid < GIC_NUM_BANKED; intid++)
		if (gicd_irq_live(&p->banked[intid]))
			p->banked_live |= 1u << intid;
}

void gicd_spi_sync(struct gic *g, unsigned n)
{
	uint64_t bit = 1ull << (n % 64);

	if (n >= GIC_MAX_SPIS)
		return;
	if (gicd_irq_live(&g->spi[n]))
		g->spi_live[n / 64] |= bit;
	else
		g->spi_live[n / 64] &= ~bit;
	if (g->spi_live[n / 64])
		g->spi_live_words |= 1ull << (n / 64);
	else
		g->spi_live_words &= ~(1ull << (n / 64));
}

unsigned gicd_affinity_pe(const struct gic *g, uint64_t aff)
{
	for (unsigned i = 0; i < gic_npe(g); i++)
		if (g->pe[i].mpidr == aff)
			return i;
	return GIC_NO_PE;
}

bool gicd_eligible(const struct gic *g, unsigned pe, const struct gic_irq *irq)
{
	const struct gic_pe *p;

	if (pe >= gic_npe(g))
		return false;
	p = &g->pe[pe];
	return gicr_takes(p, irq->group) && !p->dpg[irq->group]
	    && icc_can_signal(p, irq->prio);
}

bool gicd_routes_to(const struct gic *g, unsigned n, unsigned pe)
{
	const struct gic_route *r = &g->route[n];

	if (r->irm)
		return r->chosen == pe;
	/* The MPIDR test first: the scan for a lower PE of the same affinity
	 * is only needed on a match. */
	return pe < gic_npe(g) && g->pe[pe].mpidr == r->aff && gicd_affinity_pe(g, r->aff) == pe;
}

uint64_t gicd_target_pes(const struct gic *g, unsigned n)
{
	const struct gic_route *r = &g->route[n];

	return gic_pe_bit(r->irm ? r->chosen : gicd_affinity_pe(g, r->aff));
}

/* The PE SPI n, 1-of-N with no PE to go to, wakes (GICD_CTLR.E1NWF = 1
 * wakes one sleeping PE that participates for the group; which one is
 * IMPLEMENTATION DEFINED): kept while it still sleeps and participates,
 * else picked among those that do. */
static void gicd_choose_wake(struct gic *g, unsigned n)
{
	unsigned grp = g->spi[n].group, count = 0, pick = 0;
	struct gic_route *r = &g->route[n];
	uint8_t sleepers[GIC_MAX_PES];

	if (grp >= GIC_NUM_GROUPS)
		return;
	if (gicr_sleeps_in(g, r->wake, grp))
		return;
	for (unsigned i = 0; i < gic_npe(g); i++)
		if (gicr_sleeps_in(g, i, grp))
			sleepers[count++] = (uint8_t)i;
	if (count > 1 && g->choice.pick_wake)
		pick = g->choice.pick_wake(g->choice.ctx, GIC_MIN_SPI + n, sleepers, count) % count;
	r->wake = count ? sleepers[pick] : GIC_NO_PE;
}

/* The 1-of-N choice of SPI n, made again only when the chosen PE can no
 * longer take it (sticky, so an SPI does not hop between equally able PEs
 * on every change).  Returns the PEs it moved away from and to. */
static uint64_t gicd_choose(struct gic *g, unsigned n)
{
	const struct gic_irq *irq = &g->spi[n];
	struct gic_route *r = &g->route[n];
	uint8_t eligible[GIC_MAX_PES];
	unsigned count = 0, pick = 0;
	uint8_t was = r->chosen;

	if (gicd_eligible(g, r->chosen, irq))
		return 0;
	for (unsigned i = 0; i < gic_npe(g); i++)
		if (gicd_eligible(g, i, irq))
			eligible[count++] = (uint8_t)i;
	if (count == 0) {
		r->chosen = GIC_NO_PE;
		gicd_choose_wake(g, n);
	} else {
		if (g->choice.pick)
			pick = g->choice.pick(g->choice.ctx, GIC_MIN_SPI + n, eligible, count) % count;
		r->chosen = eligible[pick];
		r->wake = GIC_NO_PE;
	}
	return r->chosen == was ? 0 : gic_pe_bit(was) | gic_pe_bit(r->chosen);
}

/* Only forwardable SPIs need a choice: one that is not keeps its last
 * choice, which is where it goes again if still eligible.  Each choice,
 * made again or kept, is checked as it stands (gic_note_choice).  Returns
 * the PEs a choice moved away from or to. */
static uint64_t gicd_refresh_choices(struct gic *g)
{
	uint64_t moved = 0;

	for (unsigned n = gicd_next_live(g, 0); n < gic_nspi(g); n = gicd_next_live(g, n + 1))
		if (g->route[n].irm && gicd_group_on(g, g->spi[n].group)) {
			moved |= gicd_choose(g, n);
			gic_note_choice(g, n);
		}
	return moved;
}

void gic_changed(struct gic *g, uint64_t pes)
{
	unsigned npe = gic_npe(g);

	g->epoch++;
	pes |= gicd_refresh_choices(g);
	if (npe < 64)
		pes &= (1ull << npe) - 1;
	g->pe_moved |= pes;
	for (; pes; pes &= pes - 1)
		g->pe_epoch[gic_ctz64(pes)] = g->epoch;
}

/* ---- registers ---- */

void gic_set_route(struct gic *g, uint32_t intid, bool any, uint64_t aff)
{
	struct gic_route *r;
	unsigned n = intid - GIC_MIN_SPI;
	uint64_t pes;

	if (intid < GIC_MIN_SPI || n >= gic_nspi(g))
		return;
	r = &g->route[n];
	aff &= GIC_AFF_MASK;
	if (r->irm == any && r->aff == aff)
		return;
	pes = gicd_target_pes(g, n);
	r->irm = any;
	r->aff = aff;
	r->chosen = GIC_NO_PE;
	r->wake = GIC_NO_PE;
	/* the old target and the new affinity PE (a new 1-of-N choice is
	 * marked by gic_changed) */
	gic_changed(g, pes | gicd_target_pes(g, n));
}

void gic_set_group_enable(struct gic *g, enum gic_group grp, bool on)
{
	if ((unsigned)grp >= GIC_NUM_GROUPS || (bool)g->grp_enabled[grp] == on)
		return;
	g->grp_enabled[grp] = on;
	gic_changed(g, GIC_ALL_PES);
}
