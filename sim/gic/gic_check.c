/*
 * gic_check.c - the invariants G1-G10 of reference/gicv3-ehf.md §4.3 as
 * they apply to this model (the list is in gic.h, above gic_check).
 *
 * The checks restate the rules from the stored fields wherever they can
 * (RPR from the ack list rather than the APRs, the HPPI from a scan of
 * every INTID rather than spi_live), so that a bug in the fast paths shows
 * up as a disagreement instead of being checked against itself.
 *
 * Cost: the model is checked after every simulated step that changed it,
 * so the checks are built to be cheap where nothing happened.  One pass
 * (gic_scan) finds the instances that differ from their reset value
 * ("touched") and the live ones, judged from their own fields; an
 * untouched instance is disabled, inactive and not pending, so the rules
 * about single instances, the reference HPPI and the SPI routing rules
 * only look at those.  The same pass tells whether the range, instance
 * and mask rules hold everywhere, the usual answer; only when they might
 * not do the checks that find and report the first broken one run.
 */
#include <stdarg.h>
#include <stdio.h>

#include "gic_internal.h"

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int gic_fail(char *why, size_t n, int inv, const char *fmt, ...)
{
	va_list ap;

	if (why && n) {
		va_start(ap, fmt);
		vsnprintf(why, n, fmt, ap);
		va_end(ap);
	}
	return inv;
}

static bool gic_bool(uint8_t v)
{
	return v <= 1;
}

static bool gic_pe_or_none(const struct gic *g, uint8_t pe)
{
	return pe == GIC_NO_PE || pe < g->npe;
}

static const char *gic_fault_name(uint8_t f)
{
	static const char *const names[] = {
		[GIC_EOI_LEGAL] = "legal",
		[GIC_EOI_NOTHING_ACTIVE] = "EOIR with nothing acknowledged",
		[GIC_EOI_WRONG_GROUP] = "EOIR of the wrong group",
		[GIC_EOI_NOT_TOP] = "EOIR out of order",
		[GIC_DIR_BEFORE_DROP] = "DIR before the priority drop",
		[GIC_DIR_GROUP0] = "DIR of a Group 0 interrupt",
	};
	return f < sizeof names / sizeof names[0] ? names[f] : "unknown fault";
}

/* ---- G10: the ranges the other checks rely on ---- */

static inline bool gic_irq_encoded(const struct gic *g, const struct gic_irq *irq)
{
	return irq->group < GIC_NUM_GROUPS && gic_bool(irq->enabled) && gic_bool(irq->edge)
	    && gic_bool(irq->latch) && gic_bool(irq->line) && gic_bool(irq->active)
	    && gic_pe_or_none(g, irq->owner);
}

/* Fields out of range (G10), before the rules that index tables with them.
 * Only run when gic_scan found something amiss: reports the lowest. */
static int gic_check_ranges(const struct gic *g, char *why, size_t n)
{
	for (unsigned grp = 0; grp < GIC_NUM_GROUPS; grp++)
		if (!gic_bool(g->grp_enabled[grp]))
			return gic_fail(why, n, 10, "G10: GICD_CTLR group %u enable is %u",
					grp, g->grp_enabled[grp]);
	for (unsigned s = 0; s < g->nspi; s++)
		if (!gic_irq_encoded(g, &g->spi[s]) || !gic_bool(g->route[s].irm)
		    || !gic_pe_or_none(g, g->route[s].chosen))
			return gic_fail(why, n, 10, "G10: SPI %u has a field out of range", GIC_MIN_SPI + s);
	for (unsigned i = 0; i < g->npe; i++) {
		const struct gic_pe *p = &g->pe[i];

		if (p->nack > GIC_ACK_MAX || !gic_bool(p->sleep))
			return gic_fail(why, n, 10, "G10: PE %u nack %u / sleep %u out of range",
					i, p->nack, p->sleep);
		for (unsigned grp = 0; grp < GIC_NUM_GROUPS; grp++)
			if (!gic_bool(p->dpg[grp]) || !gic_bool(p->igrpen[grp]))
				return gic_fail(why, n, 10, "G10: PE %u DPG/IGRPEN of group %u not 0/1", i, grp);
		for (unsigned intid = 0; intid < GIC_NUM_BANKED; intid++)
			if (!gic_irq_encoded(g, &p->banked[intid]))
				return gic_fail(why, n, 10, "G10: INTID %u of PE %u has a field out of range",
						intid, i);
		for (unsigned k = 0; k < p->nack; k++)
			if (p->ack[k].group >= GIC_NUM_GROUPS || !gic_intid_valid(g, p->ack[k].intid))
				return gic_fail(why, n, 10, "G10: PE %u ack[%u] names INTID %u group %u",
						i, k, p->ack[k].intid, p->ack[k].group);
	}
	return 0;
}

/* What gic_scan finds from the model's own fields (only the entries of
 * its PEs and the words of its SPIs are set). */
struct gic_scan {
	uint32_t banked_live[GIC_MAX_PES]; /* pending, enabled and inactive */
	uint64_t spi_live[GIC_SPI_WORDS];
	uint64_t busy;                     /* PEs with an ack entry or an APR bit */
	bool clean;                        /* the range, instance and mask rules all hold */
};

/* ---- G1, G2: the APRs and their shadow ---- */

/* RPR as the ack list has it: its lowest group priority. */
static uint8_t gic_shadow_rpr(const struct gic_pe *p)
{
	uint8_t rpr = GIC_IDLE_PRIO;

	for (unsigned k = 0; k < p->nack; k++)
		if (p->ack[k].gprio < rpr)
			rpr = p->ack[k].gprio;
	return rpr;
}

/* G1-G3 look at busy PEs only: an idle one (no entry, no APR bit) keeps
 * them, both RPRs being idle. */
static int gic_check_apr(const struct gic *g, uint64_t busy, char *why, size_t n)
{
	for (; busy; busy &= busy - 1) {
		unsigned i = gic_ctz64(busy);
		const struct gic_pe *p = &g->pe[i];
		uint32_t want[GIC_NUM_GROUPS];

		/* Assigned, not initialised: an initialiser is a memset call
		 * under the sanitizers, once per PE per check. */
		want[GIC_G0] = 0;
		want[GIC_G1S] = 0;
		want[GIC_G1NS] = 0;
		for (unsigned k = 0; k < p->nack; k++) {
			uint32_t bit = 1u << (p->ack[k].gprio >> GIC_GPRIO_SHIFT);

			if (want[p->ack[k].group] & bit)
				return gic_fail(why, n, 1, "G1: PE %u: two ack entries hold group %u priority 0x%02x",
						i, p->ack[k].group, p->ack[k].gprio);
			want[p->ack[k].group] |= bit;
		}
		for (unsigned grp = 0; grp < GIC_NUM_GROUPS; grp++)
			if (p->apr[grp] != want[grp])
				return gic_fail(why, n, 1, "G1: PE %u: APR of group %u is 0x%08x, ack list says 0x%08x",
						i, grp, (unsigned)p->apr[grp], (unsigned)want[grp]);
		if (icc_running_prio(p) != gic_shadow_rpr(p))
			return gic_fail(why, n, 1, "G1: PE %u: RPR 0x%02x, ack list says 0x%02x",
					i, icc_running_prio(p), gic_shadow_rpr(p));
	}
	return 0;
}

static int gic_check_nesting(const struct gic *g, uint64_t busy, char *why, size_t n)
{
	for (; busy; busy &= busy - 1) {
		unsigned i = gic_ctz64(busy);
		const struct gic_pe *p = &g->pe[i];

		for (unsigned k = 1; k < p->nack; k++)
			if (p->ack[k].gprio >= p->ack[k - 1].gprio)
				return gic_fail(why, n, 2, "G2: PE %u: INTID %u (0x%02x) acknowledged over INTID %u (0x%02x)",
						i, p->ack[k].intid, p->ack[k].gprio,
						p->ack[k - 1].intid, p->ack[k - 1].gprio);
	}
	return 0;
}

/* ---- G3: active ownership ---- */

/* Every ack entry names an active instance its PE owns.  (That an active
 * instance has exactly one entry is checked with the instance.) */
static int gic_check_acks(const struct gic *g, uint64_t busy, char *why, size_t n)
{
	for (; busy; busy &= busy - 1) {
		unsigned i = gic_ctz64(busy);
		const struct gic_pe *p = &g->pe[i];

		for (unsigned k = 0; k < p->nack; k++) {
			unsigned intid = p->ack[k].intid;
			const struct gic_irq *irq = gic_irq_cref(g, i, intid);

			if (!irq->active || irq->owner != i)
				return gic_fail(why, n, 3, "G3: PE %u ack[%u] is INTID %u, which is %s",
						i, k, intid, irq->active ? "owned by another PE" : "not active");
		}
	}
	return 0;
}

/* Ack entries naming intid's instance of pe (an SPI's: on any PE). */
static unsigned gic_ack_entries(const struct gic *g, unsigned pe, unsigned intid)
{
	unsigned count = 0;

	for (unsigned i = 0; i < g->npe; i++)
		if (intid >= GIC_MIN_SPI || i == pe)
			for (unsigned k = 0; k < g->pe[i].nack; k++)
				count += g->pe[i].ack[k].intid == intid;
	return count;
}

/* ---- Every interrupt instance ---- */

static bool gic_masked(uint8_t prio)
{
	return (prio & ~GIC_PRIO_MASK) == 0;
}

/* The rules about one instance (its fields are in range): its priority
 * masked (G10), active exactly when in its owner's ack list (G3), its
 * derived live bit right (G4), SGIs edge-triggered with no line (G8).
 * (G7 holds by construction: a level interrupt's pending state is its
 * line, gic_irq_pending.)  entries is how many ack entries name it; live its
 * derived bit.  Inline: it holds for every instance but the broken one,
 * which gic_instance_fail reports. */
static inline bool gic_instance_ok(const struct gic_irq *irq, unsigned intid, unsigned entries, bool live)
{
	return gic_masked(irq->prio)
	    && (irq->active ? entries == 1 : irq->owner == GIC_NO_PE)
	    && gicd_irq_live(irq) == live
	    && (intid >= GIC_NUM_SGIS || (irq->edge && !irq->line));
}

/* Which rule an instance gic_instance_ok refused breaks.  pe is the PE of
 * a banked instance, GIC_NO_PE for an SPI. */
static int gic_instance_fail(const struct gic_irq *irq, unsigned intid, unsigned pe, unsigned entries,
			     bool live, char *why, size_t n)
{
	char name[32];

	if (pe == GIC_NO_PE)
		snprintf(name, sizeof name, "SPI %u", intid);
	else
		snprintf(name, sizeof name, "INTID %u of PE %u", intid, pe);
	if (!irq->active && irq->owner != GIC_NO_PE)
		return gic_fail(why, n, 3, "G3: %s inactive but owned by PE %u", name, irq->owner);
	if (irq->active && entries != 1)
		return gic_fail(why, n, 3, "G3: %s active with %u ack entries", name, entries);
	if (gicd_irq_live(irq) != live && pe == GIC_NO_PE)
		return gic_fail(why, n, 4, "G4: spi_live says %s is %s", name,
				live ? "live, it is not" : "not live, it is");
	if (gicd_irq_live(irq) != live)
		return gic_fail(why, n, 4, "G4: banked_live of PE %u says INTID %u is %s", pe, intid,
				live ? "live, it is not" : "not live, it is");
	if (intid < GIC_NUM_SGIS && (!irq->edge || irq->line))
		return gic_fail(why, n, 8, "G8: SGI %u of PE %u is %s", intid, pe,
				!irq->edge ? "level-sensitive" : "driven by a line");
	return gic_fail(why, n, 10, "G10: %s priority 0x%02x", name, irq->prio);
}

/* One instance's rules: 0, or the invariant it breaks (pe as above). */
static int gic_check_instance(const struct gic *g, const struct gic_irq *irq, unsigned intid, unsigned pe,
			      bool live, char *why, size_t n)
{
	unsigned entries = irq->active ? gic_ack_entries(g, pe, intid) : 0;

	if (gic_instance_ok(irq, intid, entries, live))
		return 0;
	return gic_instance_fail(irq, intid, pe, entries, live, why, n);
}

/* Every instance, in order (only run when gic_scan found something amiss). */
static int gic_check_instances(const struct gic *g, char *why, size_t n)
{
	int r;

	for (unsigned i = 0; i < g->npe; i++)
		for (unsigned intid = 0; intid < GIC_NUM_BANKED; intid++)
			if ((r = gic_check_instance(g, &g->pe[i].banked[intid], intid, i,
						    (g->pe[i].banked_live >> intid) & 1u, why, n)))
				return r;
	for (unsigned s = 0; s < g->nspi; s++)
		if ((r = gic_check_instance(g, &g->spi[s], GIC_MIN_SPI + s, GIC_NO_PE,
					    (g->spi_live[s / 64] >> (s % 64)) & 1u, why, n)))
			return r;
	return 0;
}

/* ---- The scan: one pass over everything, judging what it can cheaply ---- */

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
static bool gic_irq_fine(const struct gic *g, const struct gic_irq *irq, unsigned pe, unsigned intid,
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

/* Routes r[0..n) in range, n <= 8.  Most are IRM=0 with no choice (the
 * reset value, and the usual one): judged first as byte pairs, which the
 * compiler handles several at a time. */
static bool gic_routes_fine(const struct gic *g, const struct gic_route *r, unsigned n)
{
	static const uint8_t plain[2] = { 0, GIC_NO_PE };
	uint16_t want, v, moved = 0;

	_Static_assert(offsetof(struct gic_route, chosen) == offsetof(struct gic_route, irm) + 1,
		       "irm and chosen are read as one pair");
	memcpy(&want, plain, sizeof want);
	for (unsigned k = 0; k < n; k++) {
		memcpy(&v, (const unsigned char *)&r[k] + offsetof(struct gic_route, irm), sizeof v);
		moved |= v ^ want;
	}
	for (unsigned k = 0; moved && k < n; k++)
		if (!gic_bool(r[k].irm) || !gic_pe_or_none(g, r[k].chosen))
			return false;
	return true;
}

/* Fills t from the fields of every PE, instance and route (never from the
 * derived bitmaps it compares against): whether the rules of the range,
 * instance and mask checks all hold, which then need not run. */
static void gic_scan(const struct gic *g, struct gic_scan *t)
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

/* ---- G4: derived state ---- */

static int gic_check_derived(struct gic *g, const struct gic_scan *t, const struct gic_hppi *ref,
			     char *why, size_t n)
{
	uint64_t beyond = g->spi_live[g->nspi / 64] >> (g->nspi % 64);

	/* no live bits for SPIs the model does not have (its own, per instance) */
	for (unsigned w = g->nspi / 64 + 1; w < GIC_SPI_WORDS; w++)
		beyond |= g->spi_live[w];
	if (beyond)
		return gic_fail(why, n, 4, "G4: spi_live marks an SPI beyond the %u implemented", g->nspi);
	/* Only a live SPI can be forwarded. */
	for (unsigned w = 0; w * 64 < g->nspi; w++)
		for (uint64_t m = t->spi_live[w]; m; m &= m - 1) {
			unsigned s = w * 64 + gic_ctz64(m);
			const struct gic_irq *irq = &g->spi[s];
			unsigned chosen = g->route[s].chosen;

			if (!g->route[s].irm || !gicd_forwardable(g, irq) || gicd_eligible(g, chosen, irq))
				continue;
			if (chosen != GIC_NO_PE)
				return gic_fail(why, n, 4, "G4: 1-of-N SPI %u chosen for PE %u, which cannot take it",
						GIC_MIN_SPI + s, chosen);
			for (unsigned i = 0; i < g->npe; i++)
				if (gicd_eligible(g, i, irq))
					return gic_fail(why, n, 4, "G4: 1-of-N SPI %u has no target but PE %u can take it",
							GIC_MIN_SPI + s, i);
		}
	for (unsigned i = 0; i < g->npe; i++) {
		struct gic_hppi fast = gic_highest_pending(g, i);

		if (fast.intid != ref[i].intid || fast.prio != ref[i].prio || fast.group != ref[i].group)
			return gic_fail(why, n, 4, "G4: PE %u HPPI %u (0x%02x), a full scan says %u (0x%02x)",
					i, (unsigned)fast.intid, fast.prio, (unsigned)ref[i].intid, ref[i].prio);
	}
	return 0;
}

/* ---- G5: the signal rule ---- */

static int gic_check_signal(struct gic *g, const struct gic_hppi *ref, char *why, size_t n)
{
	for (unsigned i = 0; i < g->npe; i++) {
		const struct gic_pe *p = &g->pe[i];
		struct gic_hppi h = ref[i];
		uint8_t rpr = gic_shadow_rpr(p);
		bool sig = h.intid != GIC_SPURIOUS && h.prio < p->pmr
			&& (rpr == GIC_IDLE_PRIO || (h.prio & GIC_PRIO_MASK) < (rpr & GIC_PRIO_MASK));
		bool fiq = sig && h.group != GIC_G1NS;
		bool irq = sig && h.group == GIC_G1NS;
		uint32_t hppir = h.intid == GIC_SPURIOUS || h.group == GIC_G0 ? h.intid
			       : h.group == GIC_G1S ? 1020u : 1021u;

		if (gic_fiq_line(g, i) != fiq || gic_irq_line(g, i) != irq)
			return gic_fail(why, n, 5, "G5: PE %u FIQ %d IRQ %d, but HPPI %u (0x%02x, group %u) "
					"with PMR 0x%02x RPR 0x%02x gives FIQ %d IRQ %d",
					i, gic_fiq_line(g, i), gic_irq_line(g, i), (unsigned)h.intid, h.prio,
					h.group, p->pmr, rpr, fiq, irq);
		if (gic_hppir0(g, i) != hppir)
			return gic_fail(why, n, 5, "G5: PE %u HPPIR0 %u, HPPI gives %u",
					i, (unsigned)gic_hppir0(g, i), (unsigned)hppir);
	}
	return 0;
}

/* ---- G6: SPI exclusivity ---- */

static int gic_check_exclusive(const struct gic *g, const struct gic_scan *t, char *why, size_t n)
{
	/* not live: a candidate nowhere */
	for (unsigned w = 0; w * 64 < g->nspi; w++)
		for (uint64_t m = t->spi_live[w]; m; m &= m - 1) {
			unsigned s = w * 64 + gic_ctz64(m);
			const struct gic_irq *irq = &g->spi[s];
			const struct gic_route *r = &g->route[s];
			unsigned where = GIC_NO_PE;

			for (unsigned i = 0; i < g->npe; i++) {
				const struct gic_pe *p = &g->pe[i];

				if (!icc_candidate(g, i, GIC_MIN_SPI + s))
					continue;
				if (where != GIC_NO_PE)
					return gic_fail(why, n, 6, "G6: SPI %u is a candidate on PEs %u and %u",
							GIC_MIN_SPI + s, where, i);
				where = i;
				if (!r->irm && p->mpidr != r->aff)
					return gic_fail(why, n, 6, "G6: SPI %u routed to 0x%llx is a candidate on PE %u",
							GIC_MIN_SPI + s, (unsigned long long)r->aff, i);
				if (r->irm && (p->sleep || p->dpg[irq->group] || !p->igrpen[irq->group]))
					return gic_fail(why, n, 6, "G6: 1-of-N SPI %u is a candidate on PE %u, "
							"which is asleep, not participating or has the group disabled",
							GIC_MIN_SPI + s, i);
			}
		}
	return 0;
}

/* ---- G9, G10 ---- */

static int gic_check_eoi(const struct gic *g, char *why, size_t n)
{
	if (g->bad_eoi == 0)
		return 0;
	return gic_fail(why, n, 9, "G9: %u illegal EOI/DIR writes, the first: %s, INTID %u on PE %u",
			(unsigned)g->bad_eoi, gic_fault_name(g->bad_eoi_fault),
			g->bad_eoi_intid, g->bad_eoi_pe);
}

static int gic_check_masks(const struct gic *g, char *why, size_t n)
{
	for (unsigned i = 0; i < g->npe; i++) {
		const struct gic_pe *p = &g->pe[i];

		if (!gic_masked(p->pmr))
			return gic_fail(why, n, 10, "G10: PE %u PMR 0x%02x", i, p->pmr);
		for (unsigned k = 0; k < p->nack; k++)
			if (!gic_masked(p->ack[k].gprio))
				return gic_fail(why, n, 10, "G10: PE %u ack[%u] priority 0x%02x",
						i, k, p->ack[k].gprio);
	}
	return 0;
}

/* The rules in the order gic.h lists them, the ranges first; on a clean
 * scan, without the ones it has shown to hold. */
int gic_check(struct gic *g, char *why, size_t n)
{
	struct gic_hppi ref[GIC_MAX_PES];
	struct gic_scan t;
	int r;

	if (why && n)
		why[0] = '\0';
	if (g->npe > GIC_MAX_PES || g->nspi > GIC_MAX_SPIS)   /* G10, before the scan relies on them */
		return gic_fail(why, n, 10, "G10: npe %u / nspi %u out of range",
				(unsigned)g->npe, (unsigned)g->nspi);
	gic_scan(g, &t);
	if ((!t.clean && (r = gic_check_ranges(g, why, n))) || (r = gic_check_apr(g, t.busy, why, n))
	    || (r = gic_check_nesting(g, t.busy, why, n)) || (r = gic_check_acks(g, t.busy, why, n))
	    || (!t.clean && (r = gic_check_instances(g, why, n))))
		return r;
	/* every field is in range from here on */
	icc_hppi_reference(g, t.banked_live, t.spi_live, ref);
	if ((r = gic_check_derived(g, &t, ref, why, n)) || (r = gic_check_signal(g, ref, why, n))
	    || (r = gic_check_exclusive(g, &t, why, n)) || (r = gic_check_eoi(g, why, n))
	    || (!t.clean && (r = gic_check_masks(g, why, n))))
		return r;
	return 0;
}
