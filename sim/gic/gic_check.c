/*
 * gic_check.c - the invariants G1-G10 of reference/gicv3-ehf.md §4.3 as
 * they apply to this model (the list is in gic.h, above gic_check).
 *
 * The checks restate the rules from the stored fields wherever they can
 * (RPR from the ack list rather than the APRs, the HPPI from a scan of
 * every INTID rather than spi_live), so that a bug in the fast paths shows
 * up as a disagreement instead of being checked against itself.
 *
 * Cost: the model is checked after every simulated step that changed it.
 * gic_check first runs the fast pass of gic_scan.c, which finds the
 * touched and live instances and tells whether the range, instance and
 * mask rules hold everywhere (why that is cheap: see there); the rules
 * here look at what it found, and the ones it has shown to hold run only
 * when it says they might not.
 */
#include <stdarg.h>
#include <stdio.h>

#include "gic_check_internal.h"

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

/* ---- G10: the ranges the other checks rely on (gic_check_internal.h) ---- */

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
		    || !gic_pe_or_none(g, g->route[s].chosen) || !gic_pe_or_none(g, g->route[s].wake))
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

/* ---- The HPPI, restated from the fields ---- */

/* §1.4, the brute-force reference the HPPI is compared against (G4): the
 * HPPI of each of the model's PEs in hppi[pe], from the interrupts' own
 * fields, never from the derived bitmaps it is there to check.  Only the
 * instances in banked_may[pe] (bit intid) and spi_may (bit n for SPI
 * 32+n) are looked at: a superset of the live ones, which gic_scan found
 * from their fields too.  In two passes of its own - the candidates'
 * highest priority, then the lowest INTID at it - rather than the model's
 * running comparison (icc_consider), so that a wrong tie rule there is a
 * disagreement here instead of a choice the check makes too. */
static void gic_ref_hppi(const struct gic *g, const uint32_t *banked_may, const uint64_t *spi_may,
			 struct gic_hppi *hppi)
{
	static const struct gic_hppi none = { GIC_SPURIOUS, GIC_IDLE_PRIO, 0 };
	uint16_t cand[GIC_NUM_BANKED + GIC_MAX_SPIS];
	uint16_t live[GIC_MAX_SPIS];
	unsigned nlive = 0;

	/* the live SPIs, found once for every PE */
	for (unsigned w = 0; w * 64 < g->nspi; w++)
		for (uint64_t m = spi_may[w]; m; m &= m - 1) {
			unsigned n = w * 64 + gic_ctz64(m);
			if (n < g->nspi && gicd_irq_live(&g->spi[n]))
				live[nlive++] = (uint16_t)n;
		}
	for (unsigned pe = 0; pe < g->npe; pe++) {
		unsigned ncand = 0, top = GIC_IDLE_PRIO + 1u;

		/* the candidates in ascending INTID order */
		for (uint32_t m = banked_may[pe]; m; m &= m - 1) {
			uint32_t intid = gic_ctz64(m);
			if (gicd_irq_live(&g->pe[pe].banked[intid]) && icc_candidate(g, pe, intid))
				cand[ncand++] = (uint16_t)intid;
		}
		for (unsigned k = 0; k < nlive; k++)
			if (icc_candidate(g, pe, GIC_MIN_SPI + live[k]))
				cand[ncand++] = (uint16_t)(GIC_MIN_SPI + live[k]);
		for (unsigned k = 0; k < ncand; k++)
			if (gic_irq_cref(g, pe, cand[k])->prio < top)
				top = gic_irq_cref(g, pe, cand[k])->prio;
		hppi[pe] = none;
		for (unsigned k = 0; k < ncand; k++) {
			const struct gic_irq *irq = gic_irq_cref(g, pe, cand[k]);
			if (irq->prio == top) {
				hppi[pe] = (struct gic_hppi){ cand[k], irq->prio, irq->group };
				break;
			}
		}
	}
}

/* ---- G1, G2: the APRs and their shadow ---- */

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
		if (icc_running_prio(p) != gic_shadow_rpr(p, p->nack))
			return gic_fail(why, n, 1, "G1: PE %u: RPR 0x%02x, ack list says 0x%02x",
					i, icc_running_prio(p), gic_shadow_rpr(p, p->nack));
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

/* One instance's rules: see gic_check_internal.h. */
int gic_check_instance(const struct gic *g, const struct gic_irq *irq, unsigned intid, unsigned pe,
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

/* ---- G4: derived state ---- */

static int gic_check_derived(struct gic *g, const struct gic_scan *t, const struct gic_hppi *ref,
			     char *why, size_t n)
{
	uint64_t beyond = g->spi_live[g->nspi / 64] >> (g->nspi % 64), words = 0;
	unsigned pe;

	/* no live bits for SPIs the model does not have (its own, per instance) */
	for (unsigned w = g->nspi / 64 + 1; w < GIC_SPI_WORDS; w++)
		beyond |= g->spi_live[w];
	if (beyond)
		return gic_fail(why, n, 4, "G4: spi_live marks an SPI beyond the %u implemented", g->nspi);
	for (unsigned w = 0; w < GIC_SPI_WORDS; w++)
		words |= (uint64_t)(g->spi_live[w] != 0) << w;
	if (words != g->spi_live_words)
		return gic_fail(why, n, 4, "G4: spi_live_words is 0x%llx, spi_live's words say 0x%llx",
				(unsigned long long)g->spi_live_words, (unsigned long long)words);
	/* Only a live SPI can be forwarded; each 1-of-N one's choice follows
	 * its rule now, and followed it when it was made. */
	for (unsigned w = 0; w * 64 < g->nspi; w++)
		for (uint64_t m = t->spi_live[w]; m; m &= m - 1)
			if (gic_choice_rule(g, w * 64 + gic_ctz64(m), &pe) != GIC_CHOICE_SOUND)
				return gic_choice_fail(g, w * 64 + gic_ctz64(m), why, n);
	if (g->bad_choice)
		return gic_fail(why, n, 4, "G4: %u 1-of-N choice(s) broke the rule when made, the first: SPI %u, "
				"PE %u %s", (unsigned)g->bad_choice, g->bad_choice_intid, g->bad_choice_pe,
				gic_choice_rule_name(g->bad_choice_rule));
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
		uint8_t rpr = gic_shadow_rpr(p, p->nack);
		bool sig = h.intid != GIC_SPURIOUS && gic_ref_signals(p->pmr, rpr, h.prio);
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

/* The PE an IRM=0 route to aff names: the lowest with that affinity, or
 * GIC_NO_PE (the model's own lookup, gicd_affinity_pe, is what this
 * checks). */
static unsigned gic_ref_affinity_pe(const struct gic *g, uint64_t aff)
{
	for (unsigned i = 0; i < g->npe; i++)
		if (g->pe[i].mpidr == aff)
			return i;
	return GIC_NO_PE;
}

/* A forwardable SPI that is a candidate nowhere: the PE that should have
 * it, or GIC_NO_PE when none should (§1.4: its affinity PE while awake
 * with the group enabled at its CPU interface; 1-of-N, any PE that can be
 * chosen for it, G4 having shown the choice sound). */
static unsigned gic_ref_owed(const struct gic *g, unsigned s)
{
	const struct gic_irq *irq = &g->spi[s];
	const struct gic_route *r = &g->route[s];
	unsigned pe;

	if (!gicd_group_on(g, irq->group))
		return GIC_NO_PE;
	if (!r->irm) {
		pe = gic_ref_affinity_pe(g, r->aff);
		return pe != GIC_NO_PE && !g->pe[pe].sleep && g->pe[pe].igrpen[irq->group] ? pe : GIC_NO_PE;
	}
	for (pe = 0; pe < g->npe; pe++)
		if (gic_ref_eligible(g, pe, irq))
			return pe;
	return GIC_NO_PE;
}

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
				if (r->irm && !gic_ref_takes_1ofn(p, irq->group))
					return gic_fail(why, n, 6, "G6: 1-of-N SPI %u is a candidate on PE %u, "
							"which is asleep, not participating or has the group disabled",
							GIC_MIN_SPI + s, i);
			}
			/* and live: a candidate somewhere, if a PE can take it
			 * (one routed to nobody is never signalled, and nothing
			 * else would notice) */
			if (where == GIC_NO_PE && (where = gic_ref_owed(g, s)) != GIC_NO_PE)
				return r->irm ? gic_fail(why, n, 6, "G6: 1-of-N SPI %u is a candidate on no PE, "
							 "though PE %u can take it", GIC_MIN_SPI + s, where)
					      : gic_fail(why, n, 6, "G6: SPI %u routed to 0x%llx is a candidate on no "
							 "PE, not on PE %u", GIC_MIN_SPI + s,
							 (unsigned long long)r->aff, where);
		}
	return 0;
}

/* ---- G9, G10 ---- */

int gic_g9_text(char *why, size_t n, unsigned count, unsigned fault, unsigned intid, unsigned pe)
{
	return gic_fail(why, n, 9, "G9: %u illegal EOI/DIR writes, the first: %s, INTID %u on PE %u", count,
			gic_fault_name((uint8_t)fault), intid, pe);
}

static int gic_check_eoi(const struct gic *g, char *why, size_t n)
{
	if (g->bad_eoi == 0)
		return 0;
	return gic_g9_text(why, n, g->bad_eoi, g->bad_eoi_fault, g->bad_eoi_intid, g->bad_eoi_pe);
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

/* ---- An acknowledge (see gic.h) ---- */

int gic_check_ack(const struct gic *g, unsigned pe, uint32_t intid, char *why, size_t n)
{
	const struct gic_irq *irq = pe < g->npe && g->npe <= GIC_MAX_PES ? gic_irq_cref(g, pe, intid) : NULL;
	const struct gic_pe *p;
	const struct gic_ack *top;
	const struct gic_route *r;
	uint8_t rpr;

	if (why && n)
		why[0] = '\0';
	if (!irq || !gic_irq_encoded(g, irq) || g->pe[pe].nack > GIC_ACK_MAX)
		return gic_fail(why, n, 10, "G10: PE %u acknowledged INTID %u, which it does not have or with "
				"fields out of range", pe, (unsigned)intid);
	p = &g->pe[pe];
	top = p->nack ? &p->ack[p->nack - 1] : NULL;
	if (!top || top->intid != intid || !irq->active || irq->owner != pe
	    || top->gprio != (irq->prio & GIC_PRIO_MASK) || top->group != irq->group)
		return gic_fail(why, n, 3, "G3: PE %u acknowledged INTID %u, which is not active there as its "
				"latest ack entry, at its priority and in its group", pe, (unsigned)intid);
	/* §1.6: the acknowledge took the trigger (a level interrupt's line
	 * may keep it pending; the latch goes).  One left set is taken again
	 * after the EOI with no new trigger: X7 would see that only then. */
	if (irq->latch)
		return gic_fail(why, n, 7, "G7: PE %u acknowledged INTID %u and left its pending latch set", pe,
				(unsigned)intid);
	/* What it was acknowledged over: the ack list without it.  (PMR is
	 * not something an acknowledge changes.) */
	rpr = gic_shadow_rpr(p, p->nack - 1u);
	if (!gic_ref_signals(p->pmr, rpr, irq->prio))
		return gic_fail(why, n, 5, "G5: PE %u acknowledged INTID %u at priority 0x%02x with PMR 0x%02x and "
				"running priority 0x%02x: it could not be signalled", pe, (unsigned)intid,
				irq->prio, p->pmr, rpr);
	if (!irq->enabled || !g->grp_enabled[irq->group] || p->sleep || !p->igrpen[irq->group])
		return gic_fail(why, n, 4, "G4: PE %u acknowledged INTID %u, which is disabled, of a group disabled "
				"in GICD_CTLR or at its CPU interface, or for a sleeping PE", pe, (unsigned)intid);
	if (intid < GIC_MIN_SPI)
		return 0;
	r = &g->route[intid - GIC_MIN_SPI];
	if (r->irm && !gic_ref_takes_1ofn(p, irq->group))
		return gic_fail(why, n, 6, "G6: PE %u acknowledged 1-of-N SPI %u, which it does not take part in "
				"(asleep, DPG set or the group disabled)", pe, (unsigned)intid);
	if (!r->irm && p->mpidr != r->aff)
		return gic_fail(why, n, 6, "G6: PE %u acknowledged SPI %u, which is routed to 0x%llx", pe,
				(unsigned)intid, (unsigned long long)r->aff);
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
	gic_ref_hppi(g, t.banked_live, t.spi_live, ref);
	if ((r = gic_check_derived(g, &t, ref, why, n)) || (r = gic_check_signal(g, ref, why, n))
	    || (r = gic_check_exclusive(g, &t, why, n)) || (r = gic_check_eoi(g, why, n))
	    || (!t.clean && (r = gic_check_masks(g, why, n))))
		return r;
	return 0;
}
