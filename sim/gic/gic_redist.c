/*
 * gic_redist.c - the redistributors: GICR_WAKER.ProcessorSleep,
 * GICR_CTLR.DPG participation, redistributor reset on power-up, SGI
 * acceptance, and the wake request a redistributor raises for its PE.
 */
#include "gic_internal.h"

void gic_set_sleep(struct gic *g, unsigned pe, bool asleep)
{
	if (pe >= gic_npe(g) || (bool)g->pe[pe].sleep == asleep)
		return;
	g->pe[pe].sleep = asleep;
	gic_changed(g, gic_pe_bit(pe));
}

void gic_set_participate(struct gic *g, unsigned pe, enum gic_group grp, bool participate)
{
	if (pe >= gic_npe(g) || (unsigned)grp >= GIC_NUM_GROUPS
	    || (bool)g->pe[pe].dpg[grp] == !participate)
		return;
	g->pe[pe].dpg[grp] = !participate;
	gic_changed(g, gic_pe_bit(pe));   /* (1-of-N eligibility only: the choices it moves are marked) */
}

void gic_redist_reset(struct gic *g, unsigned pe)
{
	struct gic_pe *p;
	uint32_t live_before;
	bool changed = false;

	if (pe >= gic_npe(g))
		return;
	p = &g->pe[pe];
	/* Whether anything changed, judged field by field as each is reset
	 * (the ack list in full, entries beyond nack too): a copy of the
	 * whole redistributor to compare against cost two big memory calls
	 * on every power-up. */
	for (unsigned intid = 0; intid < GIC_NUM_BANKED; intid++) {
		struct gic_irq irq = gic_irq_reset_value();

		/* Pending state and the wire are not configuration: TF-A's
		 * gicv3_rdistif_init leaves them, so a latch survives CPU_ON. */
		irq.latch = p->banked[intid].latch;
		irq.line = p->banked[intid].line;
		changed |= !gic_irq_same(&p->banked[intid], &irq);
		p->banked[intid] = irq;
	}
	live_before = p->banked_live;
	gicr_live_recompute(p);
	changed |= p->banked_live != live_before || p->pmr != (GIC_IDLE_PRIO & GIC_PRIO_MASK) || p->nack != 0;
	p->pmr = GIC_IDLE_PRIO & GIC_PRIO_MASK;
	for (unsigned grp = 0; grp < GIC_NUM_GROUPS; grp++) {
		changed |= p->apr[grp] != 0;
		p->apr[grp] = 0;
	}
	for (unsigned k = 0; k < GIC_ACK_MAX; k++) {
		changed |= p->ack[k].intid != 0 || p->ack[k].gprio != 0 || p->ack[k].group != 0;
		p->ack[k] = (struct gic_ack){ 0, 0, 0 };
	}
	p->nack = 0;
	if (changed)
		gic_changed(g, gic_pe_bit(pe));
}

bool gic_sgi(struct gic *g, unsigned src, unsigned target, uint32_t intid, enum gic_group grp)
{
	struct gic_irq *irq;
	struct gic_irq next;

	if (src >= gic_npe(g) || target >= gic_npe(g) || intid >= GIC_NUM_SGIS)
		return false;
	irq = &g->pe[target].banked[intid];
	if ((unsigned)grp != irq->group)
		return false;
	/* One latch per (PE, SGI): SGIs sent before the acknowledge merge. */
	next = *irq;
	next.latch = 1;
	gic_irq_commit(g, intid, irq, next);
	return true;
}

/* Does SPI n, pending and forwardable, wake pe?  When it is routed to pe:
 * to pe's affinity, or 1-of-N and chosen for pe (an awake PE in a
 * standby WFI is chosen like any other).  A sleeping redistributor's PE is
 * never chosen, and while some awake PE is, nothing calls for waking one;
 * a 1-of-N SPI that no PE can be chosen for wakes the sleeping PE that
 * takes part in 1-of-N for its group chosen for that (route.wake) - what
 * GICD_CTLR.E1NWF = 1 lets a distributor do (which PE is IMPLEMENTATION
 * DEFINED: one, not every candidate). */
static bool gicr_wakes_for(const struct gic *g, unsigned pe, unsigned n)
{
	const struct gic_route *r = &g->route[n];
	if (!r->irm || r->chosen != GIC_NO_PE)
		return gicd_routes_to(g, n, pe);
	return r->wake == pe;
}

bool gic_wake_event(struct gic *g, unsigned pe)
{
	const struct gic_pe *p;

	if (pe >= gic_npe(g))
		return false;
	p = &g->pe[pe];
	for (unsigned intid = 0; intid < GIC_NUM_BANKED; intid++)
		if (gicd_forwardable(g, &p->banked[intid]))
			return true;
	for (unsigned n = gicd_next_live(g, 0); n < gic_nspi(g); n = gicd_next_live(g, n + 1))
		if (gicd_forwardable(g, &g->spi[n]) && gicr_wakes_for(g, pe, n))
			return true;
	return false;
}
