/*
 * gic_internal.h - what the GIC model's files share: the predicates every
 * part of the model must agree on (effective pending, candidate, 1-of-N
 * eligibility, signal rule), so that the HPPI, the wake event, the 1-of-N
 * choice and the invariant checker cannot drift apart.
 */
#ifndef SIM_GIC_INTERNAL_H
#define SIM_GIC_INTERNAL_H

#include <string.h>

#include "gic.h"

#define GIC_NUM_BANKED  32u
#define GIC_NUM_SGIS    16u
#define GIC_MIN_SPI     32u
#define GIC_NUM_GROUPS  3u
#define GIC_ACK_MAX     32u
#define GIC_GPRIO_SHIFT 3u             /* 8 - 5 implemented bits: APR bit of a group priority */
#define GIC_AFF_MASK    0xFF00FFFFFFull /* MPIDR / IROUTER Aff3.Aff2.Aff1.Aff0 */

/* Stored values index arrays; a forged state must not turn them into
 * out-of-bounds accesses, hence the bound on every such read. */
static inline unsigned gic_npe(const struct gic *g)
{
	return g->npe < GIC_MAX_PES ? g->npe : GIC_MAX_PES;
}

static inline unsigned gic_nspi(const struct gic *g)
{
	return g->nspi < GIC_MAX_SPIS ? g->nspi : GIC_MAX_SPIS;
}

static inline unsigned gic_nack(const struct gic_pe *p)
{
	return p->nack < GIC_ACK_MAX ? p->nack : GIC_ACK_MAX;
}

/* GICD_CTLR.EnableGrp<grp> */
static inline bool gicd_group_on(const struct gic *g, unsigned grp)
{
	return grp < GIC_NUM_GROUPS && g->grp_enabled[grp];
}

/* The redistributor passes grp on to the CPU interface: PE awake and
 * ICC_IGRPEN<grp> set. */
static inline bool gicr_takes(const struct gic_pe *p, unsigned grp)
{
	return !p->sleep && grp < GIC_NUM_GROUPS && p->igrpen[grp];
}

/* PE pe (maybe GIC_NO_PE) sleeps and takes part in 1-of-N for grp: one a
 * 1-of-N SPI no PE can take may wake (route.wake). */
static inline bool gicr_sleeps_in(const struct gic *g, unsigned pe, unsigned grp)
{
	return pe < gic_npe(g) && g->pe[pe].sleep && !g->pe[pe].dpg[grp];
}

/* §1.2: a level-sensitive interrupt is pending while its line is high, so
 * ICPENDR cannot clear it. */
static inline bool gic_irq_pending(const struct gic_irq *irq)
{
	return irq->latch || (irq->line && !irq->edge);
}

/* Two instances with the same fields.  As one word: a memcmp call goes
 * through the fuzzer's and the sanitizers' interceptors, and instances
 * are compared on every change. */
static inline bool gic_irq_same(const struct gic_irq *a, const struct gic_irq *b)
{
	uint64_t wa, wb;

	_Static_assert(sizeof *a == sizeof wa, "an instance is compared as one word");
	memcpy(&wa, a, sizeof wa);
	memcpy(&wb, b, sizeof wb);
	return wa == wb;
}

/* Pending, enabled and inactive: what the distributor could forward if
 * the group is enabled.  Exactly the SPIs with a spi_live bit. */
static inline bool gicd_irq_live(const struct gic_irq *irq)
{
	return gic_irq_pending(irq) && irq->enabled && !irq->active;
}

static inline bool gicd_forwardable(const struct gic *g, const struct gic_irq *irq)
{
	return gicd_irq_live(irq) && gicd_group_on(g, irq->group);
}

static inline unsigned gic_ctz64(uint64_t x)   /* x != 0 */
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctzll(x);
#else
	unsigned n = 0;
	while (!(x & 1u)) {
		x >>= 1;
		n++;
	}
	return n;
#endif
}

/* The first SPI index >= from with its spi_live bit set, or a value
 * >= nspi when there is none: the loop over the SPIs worth looking at is
 *   for (n = gicd_next_live(g, 0); n < gic_nspi(g); n = gicd_next_live(g, n + 1))
 * Through spi_live_words: the words after from's are not read one by
 * one.  (Bits beyond nspi exist only in a forged state; the callers stop
 * at nspi.) */
static inline unsigned gicd_next_live(const struct gic *g, unsigned from)
{
	unsigned w = from / 64;
	uint64_t m, words;

	_Static_assert(GIC_SPI_WORDS <= 64, "spi_live_words has a bit per word");
	if (w >= GIC_SPI_WORDS)
		return GIC_MAX_SPIS;
	m = g->spi_live[w] & (~0ull << (from % 64));
	if (m)
		return w * 64 + gic_ctz64(m);
	/* the words after w (a bit for an empty word is a forged state's) */
	for (words = g->spi_live_words & (~1ull << w); words; words &= words - 1) {
		w = gic_ctz64(words);
		if (g->spi_live[w])
			return w * 64 + gic_ctz64(g->spi_live[w]);
	}
	return GIC_MAX_SPIS;
}

/* One bit per PE in the masks of PEs a change affects (gic_changed). */
_Static_assert(GIC_MAX_PES <= 64, "a PE mask is one word");

static inline uint64_t gic_pe_bit(unsigned pe)
{
	return pe < GIC_MAX_PES ? 1ull << pe : 0;
}

#define GIC_ALL_PES (~0ull)

/* ---- gic_irq.c: per-interrupt state ---- */

/* The instance intid names for pe (its banked copy below 32, else the
 * SPI), or NULL if there is none. */
struct gic_irq *gic_irq_ref(struct gic *g, unsigned pe, uint32_t intid);
const struct gic_irq *gic_irq_cref(const struct gic *g, unsigned pe, uint32_t intid);
/* Replace *irq by next; if that changes anything, keep the derived state
 * and the epoch up to date. */
void gic_irq_commit(struct gic *g, uint32_t intid, struct gic_irq *irq, struct gic_irq next);
/* A banked interrupt in its gic_init state. */
struct gic_irq gic_irq_reset_value(void);

/* ---- gic_dist.c: distributor ---- */

/* Every state change ends here: bump the epoch, re-establish the
 * derived 1-of-N choices, and move the pe_epoch of the PEs in pes and of
 * those a choice moved away from or to.  pes: the PEs whose HPPI or
 * signal the change itself can affect (see pe_epoch in gic.h). */
void gic_changed(struct gic *g, uint64_t pes);
/* Recompute SPI n's spi_live bit from its state. */
void gicd_spi_sync(struct gic *g, unsigned n);
/* Recompute the live bit of interrupt instance irq (intid's SPI, or a
 * banked one inside some g->pe[].banked[]) after a change to it.  Returns
 * the PE whose candidate it is (its own for a banked one, the SPI's
 * target) as a mask for gic_changed. */
uint64_t gic_irq_sync(struct gic *g, const struct gic_irq *irq, uint32_t intid);
/* PE SPI n is forwarded to when forwardable: its affinity PE (IRM=0) or
 * its 1-of-N choice, as a mask (0 for none). */
uint64_t gicd_target_pes(const struct gic *g, unsigned n);
/* Recompute a PE's whole banked_live bitmap. */
void gicr_live_recompute(struct gic_pe *p);
/* PE an IRM=0 route names (the lowest one with that affinity), or GIC_NO_PE. */
unsigned gicd_affinity_pe(const struct gic *g, uint64_t aff);
/* 1-of-N eligibility of pe for an SPI (see gic.h, gic_highest_pending). */
bool gicd_eligible(const struct gic *g, unsigned pe, const struct gic_irq *irq);
/* Is SPI n forwarded to pe (its affinity PE, or its 1-of-N choice)? */
bool gicd_routes_to(const struct gic *g, unsigned n, unsigned pe);

/* ---- gic_check_choice.c: the checker's rule of the 1-of-N choice ---- */

/* Check SPI n's 1-of-N choice (n < nspi) against G4's rule as the model
 * has just made or kept it, from the fields, never from gicd_eligible;
 * one that breaks it is counted in bad_choice (the first kept), for
 * gic_check to report. */
void gic_note_choice(struct gic *g, unsigned n);

/* ---- gic_cpuif.c: CPU interface ---- */

/* ICC_RPR_EL1 from the APRs. */
uint8_t icc_running_prio(const struct gic_pe *p);
/* §1.5 conditions 2-4: prio < PMR and its group priority above the
 * running priority. */
bool icc_can_signal(const struct gic_pe *p, uint8_t prio);
/* §1.4: is intid in pe's candidate set? */
bool icc_candidate(const struct gic *g, unsigned pe, uint32_t intid);
/* §1.4 HPPI of pe, found through the derived live bitmaps. */
struct gic_hppi icc_hppi_scan(const struct gic *g, unsigned pe);

#endif /* SIM_GIC_INTERNAL_H */
