/*
 * gic_cpuif.c - the CPU interface of each PE: the HPPI choice (§1.4), the
 * signal rule and the FIQ/IRQ lines (§1.5), ICC_IAR / ICC_EOIR / ICC_DIR
 * with their active-priority bookkeeping (§1.6), ICC_HPPIR0, ICC_PMR,
 * ICC_RPR and ICC_IGRPEN.
 */
#include "gic_internal.h"

static const struct gic_hppi icc_no_hppi = { GIC_SPURIOUS, GIC_IDLE_PRIO, 0 };

/* ---- priorities ---- */

/* The lowest set APR bit across the groups is the highest active
 * priority; strict nesting means it is also the last acknowledge. */
uint8_t icc_running_prio(const struct gic_pe *p)
{
	uint32_t all = p->apr[GIC_G0] | p->apr[GIC_G1S] | p->apr[GIC_G1NS];

	if (!all)
		return GIC_IDLE_PRIO;
	return (uint8_t)(gic_ctz64(all) << GIC_GPRIO_SHIFT);
}

/* The group holding the highest active priority, GIC_NUM_GROUPS if none.
 * Equal bits in two groups only arise from illegal sequences; QEMU's
 * order (G0, G1S, G1NS) decides them. */
static unsigned icc_highest_active_group(const struct gic_pe *p)
{
	uint8_t rpr = icc_running_prio(p);

	for (unsigned grp = 0; grp < GIC_NUM_GROUPS; grp++)
		if (rpr != GIC_IDLE_PRIO && (p->apr[grp] >> (rpr >> GIC_GPRIO_SHIFT)) & 1u)
			return grp;
	return GIC_NUM_GROUPS;
}

bool icc_can_signal(const struct gic_pe *p, uint8_t prio)
{
	uint8_t rpr = icc_running_prio(p);

	if (prio >= p->pmr)
		return false;
	/* Sub-priority is ignored and an equal group priority never preempts. */
	return rpr == GIC_IDLE_PRIO || (prio & GIC_PRIO_MASK) < (rpr & GIC_PRIO_MASK);
}

/* ---- HPPI ---- */

/* §1.4 on an instance already looked up (pe valid, irq its intid). */
static bool icc_takes(const struct gic *g, unsigned pe, uint32_t intid, const struct gic_irq *irq)
{
	return gicd_forwardable(g, irq) && gicr_takes(&g->pe[pe], irq->group)
	    && (intid < GIC_NUM_BANKED || gicd_routes_to(g, intid - GIC_MIN_SPI, pe));
}

bool icc_candidate(const struct gic *g, unsigned pe, uint32_t intid)
{
	const struct gic_irq *irq = gic_irq_cref(g, pe, intid);

	return irq && pe < gic_npe(g) && icc_takes(g, pe, intid, irq);
}

/* Called in ascending INTID order, so "strictly better" leaves ties with
 * the lowest INTID. */
static void icc_consider(const struct gic *g, unsigned pe, uint32_t intid,
			 const struct gic_irq *irq, struct gic_hppi *best)
{
	if (!icc_takes(g, pe, intid, irq))
		return;
	if (best->intid == GIC_SPURIOUS || irq->prio < best->prio) {
		best->intid = intid;
		best->prio = irq->prio;
		best->group = irq->group;
	}
}

struct gic_hppi icc_hppi_scan(const struct gic *g, unsigned pe)
{
	struct gic_hppi best = icc_no_hppi;

	if (pe >= gic_npe(g) || g->pe[pe].sleep)
		return best;
	/* Only live interrupts can be candidates: walk the derived bitmaps. */
	for (uint32_t live = g->pe[pe].banked_live; live; live &= live - 1) {
		uint32_t intid = gic_ctz64(live);
		icc_consider(g, pe, intid, &g->pe[pe].banked[intid], &best);
	}
	for (unsigned n = gicd_next_live(g, 0); n < gic_nspi(g); n = gicd_next_live(g, n + 1))
		icc_consider(g, pe, GIC_MIN_SPI + n, &g->spi[n], &best);
	return best;
}

struct gic_hppi gic_highest_pending(struct gic *g, unsigned pe)
{
	if (pe >= gic_npe(g))
		return icc_no_hppi;
	if (g->hppi_at[pe] != g->pe_epoch[pe] + 1) {
		/* nothing live for pe (the usual answer between interrupts):
		 * none, without a scan */
		g->hppi[pe] = g->pe[pe].banked_live | g->spi_live_words ? icc_hppi_scan(g, pe) : icc_no_hppi;
		g->hppi_at[pe] = g->pe_epoch[pe] + 1;
	}
	return g->hppi[pe];
}

/* §1.5 on an HPPI. */
static bool icc_signalled(const struct gic *g, unsigned pe, struct gic_hppi h)
{
	return pe < gic_npe(g) && h.intid != GIC_SPURIOUS && icc_can_signal(&g->pe[pe], h.prio);
}

bool gic_fiq_line(struct gic *g, unsigned pe)
{
	struct gic_hppi h = gic_highest_pending(g, pe);

	return icc_signalled(g, pe, h) && (h.group == GIC_G0 || h.group == GIC_G1S);
}

bool gic_irq_line(struct gic *g, unsigned pe)
{
	struct gic_hppi h = gic_highest_pending(g, pe);

	return icc_signalled(g, pe, h) && h.group == GIC_G1NS;
}

/* The special INTID by which EL3's Group 0 registers name a pending
 * Group 1 interrupt: 1020 Secure, 1021 Non-secure. */
static uint32_t icc_special_id(unsigned group)
{
	return group == GIC_G1S ? 1020 : 1021;
}

uint32_t gic_hppir0(struct gic *g, unsigned pe)
{
	struct gic_hppi h = gic_highest_pending(g, pe);

	if (h.intid == GIC_SPURIOUS || h.group == GIC_G0)
		return h.intid;
	return icc_special_id(h.group);
}

/* ---- acknowledge ---- */

/* The interrupt pe acknowledges when h is its HPPI: h, or
 * the one pick_tie chooses among the interrupts tied with it (the same
 * group and priority, in ascending INTID order), so that an input can
 * have same-class events taken in any order. */
static uint32_t icc_tie(const struct gic *g, unsigned pe, struct gic_hppi h)
{
	uint16_t tied[GIC_NUM_BANKED + GIC_MAX_SPIS];
	unsigned n = 0;

	/* (nothing to choose from either with h the only live instance) */
	if (g->choice.pick_tie == NULL || (!g->spi_live_words && !(g->pe[pe].banked_live & (g->pe[pe].banked_live - 1))))
		return h.intid;
	for (uint32_t live = g->pe[pe].banked_live; live; live &= live - 1) {
		uint32_t intid = gic_ctz64(live);
		const struct gic_irq *irq = &g->pe[pe].banked[intid];
		if (icc_takes(g, pe, intid, irq) && irq->prio == h.prio && irq->group == h.group)
			tied[n++] = (uint16_t)intid;
	}
	for (unsigned k = gicd_next_live(g, 0); k < gic_nspi(g); k = gicd_next_live(g, k + 1)) {
		const struct gic_irq *irq = &g->spi[k];
		if (icc_takes(g, pe, GIC_MIN_SPI + k, irq) && irq->prio == h.prio && irq->group == h.group)
			tied[n++] = (uint16_t)(GIC_MIN_SPI + k);
	}
	return n > 1 ? tied[g->choice.pick_tie(g->choice.ctx, pe, tied, n) % n] : h.intid;
}

/* ICC_IAR0 / ICC_IAR1 for the group class grp. */
static uint32_t icc_ack(struct gic *g, unsigned pe, unsigned grp)
{
	struct gic_hppi h = gic_highest_pending(g, pe);
	struct gic_pe *p;
	struct gic_irq *irq;
	uint8_t gprio;

	if (!icc_signalled(g, pe, h))
		return GIC_SPURIOUS;
	/* Another group's: IAR0 (read at EL3) names a Group 1 interrupt by
	 * its special INTID and leaves it pending; IAR1 says 1023. */
	if (h.group != grp)
		return grp == GIC_G0 ? icc_special_id(h.group) : GIC_SPURIOUS;
	h.intid = icc_tie(g, pe, h);
	p = &g->pe[pe];
	irq = gic_irq_ref(g, pe, h.intid);
	gprio = h.prio & GIC_PRIO_MASK;
	irq->active = 1;
	irq->owner = (uint8_t)pe;
	irq->latch = 0;   /* a level one with its line high stays pending */
	p->apr[grp] |= 1u << (gprio >> GIC_GPRIO_SHIFT);
	/* Strict nesting bounds the list at 32 (one per group priority); the
	 * guard is for forged states, which G1 then reports. */
	if (p->nack < GIC_ACK_MAX)
		p->ack[p->nack++] = (struct gic_ack){ (uint16_t)h.intid, gprio, (uint8_t)grp };
	gic_changed(g, gic_irq_sync(g, irq, h.intid) | gic_pe_bit(pe));
	return h.intid;
}

uint32_t gic_ack0(struct gic *g, unsigned pe)
{
	return icc_ack(g, pe, GIC_G0);
}

uint32_t gic_ack1(struct gic *g, unsigned pe)
{
	return icc_ack(g, pe, GIC_G1NS);
}

/* ---- end of interrupt ---- */

static void icc_record_fault(struct gic *g, unsigned pe, uint32_t intid, enum gic_eoi_fault f)
{
	if (g->bad_eoi == 0) {
		g->bad_eoi_pe = (uint8_t)pe;
		g->bad_eoi_intid = (uint16_t)intid;
		g->bad_eoi_fault = (uint8_t)f;
	}
	if (g->bad_eoi != UINT32_MAX)
		g->bad_eoi++;
}

/* Only IAR -> EOIR of the same INTID, innermost first, is legal. */
static enum gic_eoi_fault icc_eoi_legality(const struct gic_pe *p, uint32_t intid, unsigned grp)
{
	const struct gic_ack *top;

	if (gic_nack(p) == 0)
		return GIC_EOI_NOTHING_ACTIVE;
	top = &p->ack[gic_nack(p) - 1];
	if (top->group != grp)
		return GIC_EOI_WRONG_GROUP;
	return top->intid == intid ? GIC_EOI_LEGAL : GIC_EOI_NOT_TOP;
}

/* Index of intid in p's ack list (searching from the top), or -1. */
static int icc_ack_find(const struct gic_pe *p, uint32_t intid)
{
	for (int i = (int)gic_nack(p) - 1; i >= 0; i--)
		if (p->ack[i].intid == intid)
			return i;
	return -1;
}

/* The ack entry behind the APR bit just cleared: the newest one of that
 * group and group priority (the top one, unless the list was corrupted). */
static void icc_ack_pop(struct gic_pe *p, unsigned grp, uint8_t gprio)
{
	unsigned n = gic_nack(p);

	for (unsigned i = n; i-- > 0;) {
		if (p->ack[i].group == grp && p->ack[i].gprio == gprio) {
			for (unsigned j = i; j + 1 < n; j++)
				p->ack[j] = p->ack[j + 1];
			p->ack[n - 1] = (struct gic_ack){ 0, 0, 0 };
			p->nack = (uint8_t)(n - 1);
			return;
		}
	}
}

/* Returns the PEs the change affects (gic_irq_sync). */
static uint64_t icc_deactivate(struct gic *g, uint32_t intid, struct gic_irq *irq)
{
	irq->active = 0;
	irq->owner = GIC_NO_PE;
	return gic_irq_sync(g, irq, intid);
}

/* EOImode 0: the drop is of the APRs' highest priority, whatever intid
 * says (QEMU icc_drop_prio), then intid is deactivated.  An INTID below
 * 1020 this GIC does not implement is never the legal pairing: dropped
 * for, recorded, nothing deactivated. */
static void icc_eoi(struct gic *g, unsigned pe, uint32_t intid, unsigned grp)
{
	struct gic_irq *irq;
	struct gic_pe *p;
	enum gic_eoi_fault fault;
	bool changed = false;
	uint64_t pes = 0;

	if (intid >= GIC_NUM_INTIDS || pe >= gic_npe(g))
		return;
	irq = gic_irq_ref(g, pe, intid);
	p = &g->pe[pe];
	fault = icc_eoi_legality(p, intid, grp);
	if (fault != GIC_EOI_LEGAL) {
		icc_record_fault(g, pe, intid, fault);
		changed = true;
	}
	if (icc_highest_active_group(p) == grp) {
		unsigned bit = gic_ctz64(p->apr[grp]);

		p->apr[grp] &= ~(1u << bit);
		icc_ack_pop(p, grp, (uint8_t)(bit << GIC_GPRIO_SHIFT));
		pes = (irq ? icc_deactivate(g, intid, irq) : 0) | gic_pe_bit(pe);
		changed = true;
	}
	if (changed)
		gic_changed(g, pes);   /* a fault record alone moves no PE's HPPI */
}

void gic_eoi0(struct gic *g, unsigned pe, uint32_t intid)
{
	icc_eoi(g, pe, intid, GIC_G0);
}

void gic_eoi1(struct gic *g, unsigned pe, uint32_t intid)
{
	icc_eoi(g, pe, intid, GIC_G1NS);
}

void gic_dir(struct gic *g, unsigned pe, uint32_t intid)
{
	struct gic_irq *irq = intid < GIC_NUM_INTIDS ? gic_irq_ref(g, pe, intid) : NULL;

	if (!irq || pe >= gic_npe(g))
		return;
	if (irq->group == GIC_G0) {
		icc_record_fault(g, pe, intid, GIC_DIR_GROUP0);
		gic_changed(g, 0);
		return;
	}
	if (!irq->active)
		return;   /* already dropped and deactivated by the EOIR */
	if (irq->owner < gic_npe(g) && icc_ack_find(&g->pe[irq->owner], intid) >= 0)
		icc_record_fault(g, pe, intid, GIC_DIR_BEFORE_DROP);
	gic_changed(g, icc_deactivate(g, intid, irq));
}

/* ---- registers ---- */

uint8_t gic_get_pmr(const struct gic *g, unsigned pe)
{
	return pe < gic_npe(g) ? g->pe[pe].pmr : 0;
}

uint8_t gic_set_pmr(struct gic *g, unsigned pe, uint8_t pmr)
{
	uint8_t old;

	if (pe >= gic_npe(g))
		return 0;
	old = g->pe[pe].pmr;
	pmr &= GIC_PRIO_MASK;
	if (pmr != old) {
		g->pe[pe].pmr = pmr;
		gic_changed(g, gic_pe_bit(pe));
	}
	return old;
}

uint8_t gic_rpr(const struct gic *g, unsigned pe)
{
	return pe < gic_npe(g) ? icc_running_prio(&g->pe[pe]) : 0;
}

void gic_set_igrpen(struct gic *g, unsigned pe, enum gic_group grp, bool on)
{
	if (pe >= gic_npe(g) || (unsigned)grp >= GIC_NUM_GROUPS
	    || (bool)g->pe[pe].igrpen[grp] == on)
		return;
	g->pe[pe].igrpen[grp] = on;
	gic_changed(g, gic_pe_bit(pe));
}

/* ICC_SGI0R_EL1 / ICC_SGI1R_EL1 fields (GIC architecture specification). */
#define SGIR_TARGETS(v) ((unsigned)((v) & 0xFFFF))
#define SGIR_AFF1(v)    (((v) >> 16) & 0xFF)
#define SGIR_INTID(v)   ((uint32_t)((v) >> 24) & 0xF)
#define SGIR_AFF2(v)    (((v) >> 32) & 0xFF)
#define SGIR_IRM        (1ull << 40)
#define SGIR_RS(v)      (((v) >> 44) & 0xF)
#define SGIR_AFF3(v)    (((v) >> 48) & 0xFF)
/* MPIDR_EL1's affinity fields */
#define MPIDR_AFF0(m)   ((m) & 0xFF)
#define MPIDR_AFF1(m)   (((m) >> 8) & 0xFF)
#define MPIDR_AFF2(m)   (((m) >> 16) & 0xFF)
#define MPIDR_AFF3(m)   (((m) >> 32) & 0xFF)

/* Does a write of v name PE pe, of affinity m, as a target? */
static bool icc_sgir_names(uint64_t v, unsigned src, unsigned pe, uint64_t m)
{
	if (v & SGIR_IRM)
		return pe != src;
	return MPIDR_AFF1(m) == SGIR_AFF1(v) && MPIDR_AFF2(m) == SGIR_AFF2(v) && MPIDR_AFF3(m) == SGIR_AFF3(v) &&
	       MPIDR_AFF0(m) / 16 == SGIR_RS(v) && (SGIR_TARGETS(v) >> (MPIDR_AFF0(m) % 16) & 1);
}

unsigned gic_sgir_write(struct gic *g, unsigned src, uint64_t v, enum gic_group grp)
{
	unsigned n = 0;

	if (src >= gic_npe(g))
		return 0;
	for (unsigned pe = 0; pe < gic_npe(g); pe++)
		if (icc_sgir_names(v, src, pe, g->pe[pe].mpidr) && gic_sgi(g, src, pe, SGIR_INTID(v), grp))
			n++;
	return n;
}

uint64_t gic_sgir_value(const struct gic *g, unsigned target, uint32_t intid)
{
	uint64_t m;

	if (target >= gic_npe(g) || intid >= GIC_NUM_SGIS)
		return 0;
	m = g->pe[target].mpidr;
	return (1ull << (MPIDR_AFF0(m) % 16)) | MPIDR_AFF1(m) << 16 | (uint64_t)intid << 24 |
	       MPIDR_AFF2(m) << 32 | (MPIDR_AFF0(m) / 16) << 44 | MPIDR_AFF3(m) << 48;
}
