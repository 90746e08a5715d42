/*
 * gic_irq.c - per-interrupt state and its registers: IGROUPR/IGRPMODR,
 * IPRIORITYR, I[SC]ENABLER, ICFGR, I[SC]PENDR, I[SC]ACTIVER, and the input
 * line.  The same registers exist in the distributor (SPIs) and in each
 * redistributor (GICR_*R0 for the banked SGIs/PPIs); one lookup serves both.
 */
#include "gic_internal.h"

/* -1 when intid names nothing for pe, else the index into pe's banked
 * array (below 32) or GIC_MIN_SPI + the SPI index. */
static long gic_irq_slot(const struct gic *g, unsigned pe, uint32_t intid)
{
	if (intid < GIC_NUM_BANKED)
		return pe < gic_npe(g) ? (long)intid : -1;
	if (intid - GIC_MIN_SPI < gic_nspi(g))
		return (long)intid;
	return -1;
}

struct gic_irq *gic_irq_ref(struct gic *g, unsigned pe, uint32_t intid)
{
	long s = gic_irq_slot(g, pe, intid);

	if (s < 0)
		return NULL;
	return s < GIC_NUM_BANKED ? &g->pe[pe].banked[s] : &g->spi[s - GIC_MIN_SPI];
}

const struct gic_irq *gic_irq_cref(const struct gic *g, unsigned pe, uint32_t intid)
{
	long s = gic_irq_slot(g, pe, intid);

	if (s < 0)
		return NULL;
	return s < GIC_NUM_BANKED ? &g->pe[pe].banked[s] : &g->spi[s - GIC_MIN_SPI];
}

void gic_irq_commit(struct gic *g, uint32_t intid, struct gic_irq *irq, struct gic_irq next)
{
	if (gic_irq_same(irq, &next))
		return;
	*irq = next;
	gic_changed(g, gic_irq_sync(g, irq, intid));
}

struct gic_irq gic_irq_reset_value(void)
{
	struct gic_irq irq = {
		.prio = 0xA0, .group = GIC_G1NS, .enabled = 0, .edge = 1,
		.latch = 0, .line = 0, .active = 0, .owner = GIC_NO_PE,
	};
	return irq;
}

bool gic_intid_valid(const struct gic *g, uint32_t intid)
{
	return intid < GIC_NUM_BANKED || intid - GIC_MIN_SPI < gic_nspi(g);
}

/* ---- configuration ---- */

void gic_set_group(struct gic *g, unsigned pe, uint32_t intid, enum gic_group grp)
{
	struct gic_irq *irq = gic_irq_ref(g, pe, intid);
	struct gic_irq next;

	if (!irq || (unsigned)grp >= GIC_NUM_GROUPS)
		return;
	next = *irq;
	next.group = (uint8_t)grp;
	gic_irq_commit(g, intid, irq, next);
}

unsigned gic_get_group(const struct gic *g, unsigned pe, uint32_t intid)
{
	const struct gic_irq *irq = gic_irq_cref(g, pe, intid);

	return irq ? irq->group : 0;
}

void gic_set_priority(struct gic *g, unsigned pe, uint32_t intid, uint8_t prio)
{
	struct gic_irq *irq = gic_irq_ref(g, pe, intid);
	struct gic_irq next;

	if (!irq)
		return;
	next = *irq;
	next.prio = prio & GIC_PRIO_MASK;
	gic_irq_commit(g, intid, irq, next);
}

uint8_t gic_get_priority(const struct gic *g, unsigned pe, uint32_t intid)
{
	const struct gic_irq *irq = gic_irq_cref(g, pe, intid);

	return irq ? irq->prio : 0;
}

void gic_set_enabled(struct gic *g, unsigned pe, uint32_t intid, bool on)
{
	struct gic_irq *irq = gic_irq_ref(g, pe, intid);
	struct gic_irq next;

	if (!irq)
		return;
	next = *irq;
	next.enabled = on;
	gic_irq_commit(g, intid, irq, next);
}

bool gic_get_enabled(const struct gic *g, unsigned pe, uint32_t intid)
{
	const struct gic_irq *irq = gic_irq_cref(g, pe, intid);

	return irq && irq->enabled;
}

void gic_set_edge(struct gic *g, unsigned pe, uint32_t intid, bool edge)
{
	struct gic_irq *irq = gic_irq_ref(g, pe, intid);
	struct gic_irq next;

	if (!irq || intid < GIC_NUM_SGIS)   /* GICR_ICFGR0 is RAO/WI */
		return;
	next = *irq;
	next.edge = edge;
	gic_irq_commit(g, intid, irq, next);
}

/* Firmware claiming an interrupt for itself writes all of these; as four
 * register writes that was four commits, each bringing every 1-of-N
 * choice up to date: a third of what building a machine cost. */
void gic_set_irq(struct gic *g, unsigned pe, uint32_t intid, enum gic_group grp, uint8_t prio,
		 bool enabled, bool pending)
{
	struct gic_irq *irq = gic_irq_ref(g, pe, intid);
	struct gic_irq next;

	if (!irq || (unsigned)grp >= GIC_NUM_GROUPS)
		return;
	next = *irq;
	next.group = (uint8_t)grp;
	next.prio = prio & GIC_PRIO_MASK;
	next.enabled = enabled;
	next.latch = pending;
	gic_irq_commit(g, intid, irq, next);
}

/* ---- state ---- */

void gic_set_pending(struct gic *g, unsigned pe, uint32_t intid, bool on)
{
	struct gic_irq *irq = gic_irq_ref(g, pe, intid);
	struct gic_irq next;

	if (!irq)
		return;
	next = *irq;
	next.latch = on;
	gic_irq_commit(g, intid, irq, next);
}

bool gic_is_pending(const struct gic *g, unsigned pe, uint32_t intid)
{
	const struct gic_irq *irq = gic_irq_cref(g, pe, intid);

	return irq && gic_irq_pending(irq);
}

bool gic_is_active(const struct gic *g, unsigned pe, uint32_t intid)
{
	const struct gic_irq *irq = gic_irq_cref(g, pe, intid);

	return irq && irq->active;
}

void gic_set_active(struct gic *g, unsigned pe, uint32_t intid, bool on)
{
	struct gic_irq *irq = gic_irq_ref(g, pe, intid);
	struct gic_irq next;

	if (!irq || (bool)irq->active == on)
		return;
	next = *irq;
	next.active = on;
	next.owner = GIC_NO_PE;     /* nobody acknowledged it */
	gic_irq_commit(g, intid, irq, next);
}

/* ---- input ---- */

void gic_set_line(struct gic *g, unsigned pe, uint32_t intid, bool level)
{
	struct gic_irq *irq = gic_irq_ref(g, pe, intid);
	struct gic_irq next;

	if (!irq || intid < GIC_NUM_SGIS)
		return;
	next = *irq;
	if (irq->edge && level && !irq->line)
		next.latch = 1;
	next.line = level;
	gic_irq_commit(g, intid, irq, next);
}

void gic_fire(struct gic *g, unsigned pe, uint32_t intid)
{
	struct gic_irq *irq = gic_irq_ref(g, pe, intid);
	struct gic_irq next;

	if (!irq || intid < GIC_NUM_SGIS)
		return;
	next = *irq;
	next.latch = 1;
	gic_irq_commit(g, intid, irq, next);
}
