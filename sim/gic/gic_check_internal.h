/*
 * gic_check_internal.h - what the invariant checker's files share:
 * gic_scan.c, the fast pass that tells whether the range, instance and mask
 * rules hold everywhere, gic_check.c, the rules that find and report
 * the first broken one, and gic_check_choice.c, the rule of the 1-of-N
 * choice, which the model also has checked as each choice is made.  The scan judges by the same predicates and the
 * same single-instance rule the checks report from, so that the two cannot
 * drift apart.  Only these files include it; the rest of the model
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

/* ---- The rules the checks restate from the fields ----
 * The model has its own predicates for these (gic_internal.h); the checks
 * do not ask them, so that a wrong one is a disagreement instead of a
 * choice the check agrees with. */

/* RPR as the first nack entries of the ack list have it: their lowest
 * group priority (all of them: p->nack; before the latest acknowledge:
 * one fewer).  Bounded by the list's size: a choice is checked as it is
 * made (gic_note_choice), before G10 can have looked at nack. */
static inline uint8_t gic_shadow_rpr(const struct gic_pe *p, unsigned nack)
{
	uint8_t rpr = GIC_IDLE_PRIO;

	for (unsigned k = 0; k < nack && k < GIC_ACK_MAX; k++)
		if (p->ack[k].gprio < rpr)
			rpr = p->ack[k].gprio;
	return rpr;
}

/* §1.5 conditions 2-4: an interrupt of priority prio can be signalled to
 * a PE with this PMR and running priority (an equal group priority never
 * preempts). */
static inline bool gic_ref_signals(uint8_t pmr, uint8_t rpr, uint8_t prio)
{
	return prio < pmr && (rpr == GIC_IDLE_PRIO || (prio & GIC_PRIO_MASK) < (rpr & GIC_PRIO_MASK));
}

/* 1-of-N may forward an interrupt of group grp (< GIC_NUM_GROUPS) to p:
 * awake, taking part (GICR_CTLR.DPG clear) and the group enabled at its
 * CPU interface. */
static inline bool gic_ref_takes_1ofn(const struct gic_pe *p, unsigned grp)
{
	return !p->sleep && !p->dpg[grp] && p->igrpen[grp];
}

/* PE pe (maybe GIC_NO_PE) may be chosen for 1-of-N SPI irq now (gic.h,
 * gic_highest_pending): it takes part, and could be signalled it. */
static inline bool gic_ref_eligible(const struct gic *g, unsigned pe, const struct gic_irq *irq)
{
	const struct gic_pe *p = pe < gic_npe(g) ? &g->pe[pe] : NULL;

	return p && gic_ref_takes_1ofn(p, irq->group) && gic_ref_signals(p->pmr, gic_shadow_rpr(p, p->nack), irq->prio);
}

/* ---- gic_check_choice.c: G4's rule of the 1-of-N choice ---- */

/* Which part of the rule a 1-of-N SPI's choice breaks (the fault kinds
 * gic_note_choice records, in struct gic's bad_choice_rule). */
enum gic_choice_verdict {
	GIC_CHOICE_SOUND = 0,
	GIC_CHOICE_WAKE_TOO,       /* chosen for a PE, and a PE to wake as well */
	GIC_CHOICE_WRONG_WAKE,     /* no target, and a PE to wake that is not a sleeping PE taking part */
	GIC_CHOICE_UNABLE,         /* chosen for a PE that cannot take it */
	GIC_CHOICE_MISSED,         /* no target while a PE can take it */
};

/* SPI s's 1-of-N choice against the rule (gic.h, gic_highest_pending), if
 * it is a forwardable 1-of-N SPI (else sound): the verdict, and in *pe
 * the PE it is about (the PE to wake, chosen or able).  s < nspi. */
enum gic_choice_verdict gic_choice_rule(const struct gic *g, unsigned s, unsigned *pe);
/* The verdict as gic_check words it: "chosen for", ... */
const char *gic_choice_rule_name(uint8_t verdict);
/* G4 for SPI s, whose choice breaks the rule now: its message in why. */
int gic_choice_fail(const struct gic *g, unsigned s, char *why, size_t n);

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
