/*
 * gic_scan.c - the fast pass of the invariant checker (gic_check.c): one
 * pass over every PE, interrupt instance and route, judged from their own
 * fields, never from the derived bitmaps the checks compare against.
 *
 * Why a pass of its own: the model is checked after every simulated step
 * that changed it, so the checks are built to be cheap where nothing
 * happened.  The scan finds the instances that differ from their reset
 * value ("touched") and the live ones; an untouched instance is disabled,
 * inactive and not pending, so the rules about single instances, the
 * reference HPPI and the SPI routing rules only look at those.  The same
 * pass tells whether the range, instance and mask rules hold everywhere,
 * the usual answer; only when they might not do the checks that find and
 * report the first broken one run.  It judges by the predicates and the
 * single-instance rule of gic_check_internal.h, the ones the checks
 * report from, so that the two cannot drift apart.
 */
#include <stddef.h>
#include <string.h>

#include "gic_check_internal.h"

/* An instance untouched since reset (most of them) is equal to this. */
static const struct gic_irq gic_reset_irq = {
	.prio = 0xA0, .group = GIC_G1NS, .enabled = 0, .edge = 1,
	.latch = 0, .line = 0, .active = 0, .owner = GIC_NO_PE,
};

/* Bit k set iff d[k] is 1 (d: eight bytes, each 0 or 1).  Little-endian
 * (a test the compiler folds): one multiply moves byte k's bit to bit
 * 56 + k, no two partial products meeting, so nothing carries. */
static unsigned gic_bits8(const uint8_t *d)
{
	static const uint16_t one = 1;
	uint64_t x;
	unsigned bits = 0;

	memcpy(&x, d, sizeof x);
	if (*(const uint8_t *)&one)
		return (unsigned)((x * 0x0102040810204080ull) >> 56);
	for (unsigned k = 0; k < 8; k++)
		bits |= (unsigned)d[k] << k;
	return bits;
}

/* Bit k set iff irq[k] is touched, k < n <= 64: the inner loop of the
 * check.  A byte per instance, eight a turn, then eight bytes to eight bits
 * at once, is two instructions an instance where shifting each in took five. */
static inline uint64_t gic_touched(const struct gic_irq *irq, unsigned n)
{
	uint8_t d[64];
	uint64_t bits = 0;
	unsigned k;

#pragma GCC unroll 8
	for (k = 0; k < n / 8 * 8; k++)
		d[k] = !gic_irq_same(&irq[k], &gic_reset_irq);
	for (unsigned j = 0; j < k; j += 8)
		bits |= (uint64_t)gic_bits8(&d[j]) << j;
	for (; k < n; k++)
		bits |= (uint64_t)!gic_irq_same(&irq[k], &gic_reset_irq) << k;
	return bits;
}

/* The usual touched instance: inactive and unowned, every field in range,
 * its priority masked and, for an SGI, edge-triggered with no line.  It
 * keeps the range and instance rules but the live bit's, which the scan
 * checks bitmap by bitmap.  Judged as one word: want ^ irq under masks. */
static bool gic_irq_plain(const struct gic_irq *irq, bool sgi)
{
	static const struct gic_irq must[2] = {
		{ .prio = 0x07, .group = 0xFC, .enabled = 0xFE, .edge = 0xFE,
		  .latch = 0xFE, .line = 0xFE, .active = 0xFF, .owner = 0xFF },
		{ .prio = 0x07, .group = 0xFC, .enabled = 0xFE, .edge = 0xFF,
		  .latch = 0xFE, .line = 0xFF, .active = 0xFF, .owner = 0xFF },
	};
	static const struct gic_irq want[2] = {
		{ .owner = GIC_NO_PE },
		{ .edge = 1, .owner = GIC_NO_PE },
	};
	uint64_t w, m, x;

	memcpy(&w, irq, sizeof w);
	memcpy(&m, &must[sgi], sizeof m);
	memcpy(&x, &want[sgi], sizeof x);
	return ((w ^ x) & m) == 0 && irq->group != GIC_NUM_GROUPS;
}

/* A touched instance that is not plain (an active or a broken one) keeps
 * the range and instance rules as the checks that report them have them.
 * Only asked once gic_pes_fine has said yes: it walks the ack lists. */
static inline bool gic_irq_fine(const struct gic *g, const struct gic_irq *irq, unsigned pe, unsigned intid,
				bool live)
{
	return gic_irq_encoded(g, irq) && !gic_check_instance(g, irq, intid, pe, live, NULL, 0);
}

/* The GICD_CTLR and PE fields of the range and mask rules, ack lists too. */
static bool gic_pes_fine(const struct gic *g)
{
	if ((g->grp_enabled[0] | g->grp_enabled[1] | g->grp_enabled[2]) > 1)
		return false;
	for (unsigned i = 0; i < g->npe; i++) {
		const struct gic_pe *p = &g->pe[i];

		if ((p->sleep | p->dpg[0] | p->dpg[1] | p->dpg[2] | p->igrpen[0] | p->igrpen[1]
		     | p->igrpen[2]) > 1 || !gic_masked(p->pmr) || p->nack > GIC_ACK_MAX)
			return false;
		for (unsigned k = 0; k < p->nack; k++)
			if (p->ack[k].group >= GIC_NUM_GROUPS || !gic_intid_valid(g, p->ack[k].intid)
			    || !gic_masked(p->ack[k].gprio))
				return false;
	}
	return true;
}

/* Routes r[0..n) in range, n <= 8.  Most are IRM=0 with no choice and no
 * PE to wake (the reset value, and the usual one): judged first as byte
 * pairs and the wake byte, which the compiler handles several at a time. */
static bool gic_routes_fine(const struct gic *g, const struct gic_route *r, unsigned n)
{
	static const uint8_t plain[2] = { 0, GIC_NO_PE };
	uint16_t want, v, moved = 0;

	_Static_assert(offsetof(struct gic_route, chosen) == offsetof(struct gic_route, irm) + 1,
		       "irm and chosen are read as one pair");
	memcpy(&want, plain, sizeof want);
	for (unsigned k = 0; k < n; k++) {
		memcpy(&v, (const unsigned char *)&r[k] + offsetof(struct gic_route, irm), sizeof v);
		moved |= (uint16_t)(v ^ want) | (uint16_t)(r[k].wake ^ GIC_NO_PE);
	}
	for (unsigned k = 0; moved && k < n; k++)
		if (!gic_bool(r[k].irm) || !gic_pe_or_none(g, r[k].chosen) || !gic_pe_or_none(g, r[k].wake))
			return false;
	return true;
}

/* Fills t from the fields of every PE, instance and route (never from the
 * derived bitmaps it compares against): whether the rules of the range,
 * instance and mask checks all hold, which then need not run. */
void gic_scan(const struct gic *g, struct gic_scan *t)
{
	bool fine = gic_pes_fine(g);   /* once false, nothing more need be judged */
	unsigned j;

	t->busy = 0;
	for (unsigned i = 0; i < g->npe; i++) {
		const struct gic_pe *p = &g->pe[i];
		uint32_t touched = (uint32_t)gic_touched(p->banked, GIC_NUM_BANKED), live = 0;

		for (uint32_t m = touched; m; m &= m - 1) {
			unsigned intid = gic_ctz64(m);
			const struct gic_irq *irq = &p->banked[intid];

			live |= (uint32_t)gicd_irq_live(irq) << intid;
			if (fine && !gic_irq_plain(irq, intid < GIC_NUM_SGIS))
				fine = gic_irq_fine(g, irq, i, intid, (p->banked_live >> intid) & 1u);
		}
		fine &= live == p->banked_live;
		t->banked_live[i] = live;
		if (p->nack || (p->apr[0] | p->apr[1] | p->apr[2]))
			t->busy |= 1ull << i;
	}
	for (unsigned w = 0; w * 64 < g->nspi; w++) {
		const struct gic_irq *spi = &g->spi[w * 64];
		unsigned end = g->nspi - w * 64 < 64 ? g->nspi - w * 64 : 64;
		uint64_t touched = gic_touched(spi, end), live = 0;

		for (uint64_t m = touched; m; m &= m - 1) {
			unsigned s = gic_ctz64(m);

			live |= (uint64_t)gicd_irq_live(&spi[s]) << s;
			if (fine && !gic_irq_plain(&spi[s], false))
				fine = gic_irq_fine(g, &spi[s], GIC_NO_PE, GIC_MIN_SPI + w * 64 + s,
						    (g->spi_live[w] >> s) & 1u);
		}
		fine &= live == (end == 64 ? g->spi_live[w] : g->spi_live[w] & ((1ull << end) - 1));
		t->spi_live[w] = live;
	}
	for (j = 0; j + 8 <= g->nspi; j += 8)
		fine &= gic_routes_fine(g, &g->route[j], 8);
	t->clean = fine && gic_routes_fine(g, &g->route[j], g->nspi - j);
}
