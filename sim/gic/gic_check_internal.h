/*
 * gic_check_internal.h - what the invariant checker's two files share:
 * gic_scan.c, the fast pass that tells whether the range, instance and mask
 * rules hold everywhere, and gic_check.c, the rules that find and report
 * the first broken one.  The scan judges by the same predicates and the
 * same single-instance rule the checks report from, so that the two cannot
 * drift apart.  Only these two files include it; the rest of the model
 * sees gic_internal.h.
 */
#ifndef SIM_GIC_CHECK_INTERNAL_H
#define SIM_GIC_CHECK_INTERNAL_H

#include "gic_internal.h"

static inline bool gic_bool(uint8_t v)
{
	return v <= 1;
}

static inline bool gic_pe_or_none(const struct gic *g, uint8_t pe)
{
	return pe == GIC_NO_PE || pe < g->npe;
}

static inline bool gic_masked(uint8_t prio)
{
	return (prio & ~GIC_PRIO_MASK) == 0;
}

/* G10: an instance's fields in the ranges the other checks rely on. */
static inline bool gic_irq_encoded(const struct gic *g, const struct gic_irq *irq)
{
	return irq->group < GIC_NUM_GROUPS && gic_bool(irq->enabled) && gic_bool(irq->edge)
	    && gic_bool(irq->latch) && gic_bool(irq->line) && gic_bool(irq->active)
	    && gic_pe_or_none(g, irq->owner);
}

/* ---- gic_check.c: the rules ---- */

/* One instance's rules (its fields are in range): 0, or the invariant it
 * breaks, described in why[0..n) as gic_check does.  pe is the PE of a
 * banked instance, GIC_NO_PE for an SPI; live its derived bit.  The scan
 * asks it (why NULL) of the instances it cannot judge cheaply. */
int gic_check_instance(const struct gic *g, const struct gic_irq *irq, unsigned intid, unsigned pe,
		       bool live, char *why, size_t n);

/* ---- gic_scan.c: the fast pass ---- */

/* What gic_scan finds from the model's own fields (only the entries of
 * its PEs and the words of its SPIs are set). */
struct gic_scan {
	uint32_t banked_live[GIC_MAX_PES]; /* pending, enabled and inactive */
	uint64_t spi_live[GIC_SPI_WORDS];
	uint64_t busy;                     /* PEs with an ack entry or an APR bit */
	bool clean;                        /* the range, instance and mask rules all hold */
};

/* Fills t from the fields of every PE, instance and route (never from the
 * derived bitmaps it compares against).  g->npe and g->nspi MUST be within
 * GIC_MAX_PES and GIC_MAX_SPIS (gic_check tests them first). */
void gic_scan(const struct gic *g, struct gic_scan *t);

#endif /* SIM_GIC_CHECK_INTERNAL_H */
