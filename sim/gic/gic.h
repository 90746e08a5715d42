/*
 * gic.h - a GICv3 model for the simulator: distributor, redistributors and
 * CPU interfaces of up to GIC_MAX_PES PEs, with the behaviour firmware and
 * the SDEI dispatcher depend on (reference/gicv3-ehf.md §1, §4).
 *
 * Scope: SGIs 0-15 and PPIs 16-31 banked per PE, SPIs 32..32+nspi-1,
 * special INTIDs 1020-1023; groups (Group 0, Secure Group 1, Non-secure
 * Group 1); 8-bit priorities stored with 5 implemented bits (mask 0xF8);
 * enable, pending latch, input line with edge/level configuration, active;
 * SPI routing by affinity (IRM=0) or 1-of-N (IRM=1) among participating,
 * awake PEs; per-PE CPU interface with PMR, BPR0 = BPR1 = 2 (group priority
 * mask 0xF8), active-priority registers, running priority,
 * acknowledge / EOI (EOImode 0) / DIR; SGI generation (ICC_SGI*R's
 * affinity and target-list encoding, IRM, RS); GICR_WAKER sleep
 * and GICR_CTLR.DPG0/DPG1NS participation.  Not modelled: LPIs, ITS,
 * extended INTID ranges, EOImode 1 split deactivation in either group
 * (EOIR0 and EOIR1 both drop the priority and deactivate; DIR of a Group
 * 1 interrupt deactivates one an EOIR has not yet reached, recorded as a
 * fault, and finds nothing to do after it; DIR of Group 0 is a fault),
 * GICv2 compatibility, security-state banking of registers (callers say
 * which group they mean), binary point (BPR fixed at 2).
 *
 * Register and field names follow the GIC architecture specification.
 * The model is plain data: a struct gic can be copied with memcpy (the
 * choice callback pointers excepted, which gic_copy() preserves) and two
 * models are equal if gic_equal() says so.  All functions are total: an
 * INTID or PE out of range is ignored (reads return 0 / 1023), never UB.
 * Fields are public for reading and for forging broken states in tests;
 * change state only through these functions, because route.chosen and
 * spi_live are derived state they keep up to date (gic_check() G4 reports
 * a state whose derived parts disagree with the rest).
 *
 * Initial state (gic_init) is the state after firmware GIC set-up: every
 * INTID Non-secure Group 1, priority 0xA0, disabled, edge-triggered, not
 * pending, inactive; every SPI routed to affinity 0.0.0.0 (IRM=0, no
 * 1-of-N choice); GICD_CTLR with all three groups enabled; every PE
 * awake, participating in 1-of-N for every group, PMR 0xFF (held as 0xF8,
 * its implemented bits, so priority 0xFF can never be signalled), all CPU
 * interface group enables on, no active priorities.
 */
#ifndef SIM_GIC_H
#define SIM_GIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GIC_MAX_PES     64u
#define GIC_MAX_SPIS    988u           /* INTIDs 32..1019 */
#define GIC_NUM_INTIDS  1020u
#define GIC_SPURIOUS    1023u
#define GIC_PRIO_MASK   0xF8u          /* 5 implemented priority bits */
#define GIC_IDLE_PRIO   0xFFu          /* running priority with nothing active */
#define GIC_NO_PE       0xFFu          /* owner / chosen: none */
#define GIC_SPI_WORDS   ((GIC_MAX_SPIS + 63u) / 64u)

enum gic_group { GIC_G0 = 0, GIC_G1S = 1, GIC_G1NS = 2 };

/* Who takes a 1-of-N SPI: pick(ctx, intid, pes, n) returns an index
 * 0..n-1 into pes[0..n), the PEs eligible for SPI intid in ascending PE
 * order (a larger index is taken modulo n).  The INTID and the PEs, not
 * only their number, so that a caller can steer an SPI to a given PE (a
 * replay, to the one its trace shows).  NULL pick means "the first".  It
 * is called from inside the GIC functions that change state and must not
 * call back into the GIC. */
struct gic_choice {
	unsigned (*pick)(void *ctx, uint32_t intid, const uint8_t *pes, unsigned n);
	void *ctx;
	/* Optional (NULL: the lowest-numbered): which sleeping PE a 1-of-N
	 * SPI no PE can be chosen for wakes, among pes[0..n) in ascending
	 * order (GICD_CTLR.E1NWF = 1: IMPLEMENTATION DEFINED). */
	unsigned (*pick_wake)(void *ctx, uint32_t intid, const uint8_t *pes, unsigned n);
	/* Optional (NULL: the lowest INTID): which of n interrupts of one
	 * group, pending for pe at the same, highest, priority, pe
	 * acknowledges - intids[0..n) in ascending order (§1.4: which is
	 * IMPLEMENTATION DEFINED; DEN0054C §6.2.1 leaves the order of
	 * same-class pending events to it).  Asked at each acknowledge. */
	unsigned (*pick_tie)(void *ctx, unsigned pe, const uint16_t *intids, unsigned n);
};

struct gic_irq {                /* one interrupt instance */
	uint8_t prio;               /* masked to GIC_PRIO_MASK */
	uint8_t group;              /* enum gic_group */
	uint8_t enabled;
	uint8_t edge;               /* 1 edge-triggered, 0 level-sensitive (SGIs: always 1) */
	uint8_t latch;              /* pending latch */
	uint8_t line;               /* input level (meaningful for level-sensitive) */
	uint8_t active;
	uint8_t owner;              /* PE that acknowledged it (active only); 0xFF none */
};

struct gic_route {              /* GICD_IROUTER<n> */
	uint64_t aff;               /* Aff3.Aff2.Aff1.Aff0 in MPIDR layout */
	uint8_t  irm;               /* 1: 1-of-N */
	uint8_t  chosen;            /* 1-of-N: PE the SPI is currently forwarded to, 0xFF none (derived) */
	uint8_t  wake;              /* 1-of-N, chosen none: the sleeping PE it wakes, 0xFF none (derived) */
};

/* What made an EOIR/DIR write illegal (G9).  Hardware goes UNPREDICTABLE;
 * the model does what QEMU does and records the first offence. */
enum gic_eoi_fault {
	GIC_EOI_LEGAL = 0,
	GIC_EOI_NOTHING_ACTIVE,     /* EOIR with no acknowledged interrupt on this PE */
	GIC_EOI_WRONG_GROUP,        /* EOIR0 over a Group 1 top entry, or EOIR1 over Group 0 */
	GIC_EOI_NOT_TOP,            /* INTID is not the most recently acknowledged one */
	GIC_DIR_BEFORE_DROP,        /* DIR of an interrupt still awaiting its priority drop */
	GIC_DIR_GROUP0,             /* DIR of a Group 0 interrupt (EOImode 0 there) */
};

struct gic_ack {                /* one acknowledged, not yet dropped, interrupt */
	uint16_t intid;
	uint8_t  gprio;             /* group priority (prio & GIC_PRIO_MASK) */
	uint8_t  group;
};

struct gic_pe {                 /* redistributor + CPU interface */
	uint64_t mpidr;             /* affinity of the PE */
	uint8_t  sleep;             /* GICR_WAKER.ProcessorSleep */
	uint8_t  dpg[3];            /* GICR_CTLR.DPG0/DPG1S/DPG1NS: 1 = not selected by 1-of-N */
	uint8_t  pmr;               /* ICC_PMR_EL1 */
	uint8_t  igrpen[3];         /* ICC_IGRPEN0/1 enables per group */
	struct gic_irq banked[32];  /* SGI 0-15, PPI 16-31 */
	uint32_t apr[3];            /* ICC_AP0R0 / AP1R0(S) / AP1R0(NS): one bit per group priority (32 levels) */
	struct gic_ack ack[32];     /* shadow of the APRs in acknowledge order (for invariants) */
	uint8_t  nack;
	uint32_t banked_live;       /* derived: bit i set iff banked[i] is pending, enabled, inactive */
};

struct gic_hppi { uint32_t intid; uint8_t prio; uint8_t group; };

struct gic {
	uint32_t npe;
	uint32_t nspi;
	uint8_t  grp_enabled[3];    /* GICD_CTLR.EnableGrp0/EnableGrp1S/EnableGrp1NS */
	struct gic_choice choice;   /* not state: preserved by gic_copy, ignored by gic_equal */
	uint64_t epoch;             /* bumped on every change (cheap "did anything change?") */
	/* G9: illegal EOIR/DIR writes seen (saturating) and the first of them. */
	uint32_t bad_eoi;
	uint16_t bad_eoi_intid;
	uint8_t  bad_eoi_pe;
	uint8_t  bad_eoi_fault;     /* enum gic_eoi_fault */
	/* G4: 1-of-N choices that broke its rule when made (saturating), and
	 * the first: its SPI, the PE concerned and which part it broke.  A
	 * choice is state only until the next change, which may undo it (a
	 * sleeping PE chosen, then woken by that choice), so gic_check alone
	 * would not see every wrong one. */
	uint32_t bad_choice;
	uint16_t bad_choice_intid;
	uint8_t  bad_choice_pe;
	uint8_t  bad_choice_rule;
	/* Derived from spi[]: bit n set iff SPI 32+n is pending, enabled and
	 * inactive, so the HPPI scan costs O(pending SPIs), not O(nspi). */
	uint64_t spi_live[GIC_SPI_WORDS];
	/* Derived from spi_live: bit w set iff spi_live[w] is not 0, so that
	 * looking for live SPIs costs next to nothing while none is (the
	 * usual case, asked at every change and every HPPI scan). */
	uint64_t spi_live_words;
	/* Derived: the epoch of the last change that could move PE pe's
	 * HPPI, FIQ/IRQ lines or HPPIR0 (its own redistributor and CPU
	 * interface, GICD_CTLR, or an SPI routed to it before or after), so
	 * a cache of them for one PE survives changes elsewhere. */
	uint64_t pe_epoch[GIC_MAX_PES];
	/* Derived: bit pe set when pe_epoch[pe] moved since a client last
	 * cleared it (the simulator's scheduler, to ask only those PEs
	 * again).  Not state: the model never reads it. */
	uint64_t pe_moved;
	/* Derived: each PE's HPPI as last found, valid while hppi_at[pe] is
	 * pe_epoch[pe] + 1 (the scheduler and the checks ask for it many
	 * times between changes). */
	uint64_t hppi_at[GIC_MAX_PES];
	struct gic_hppi hppi[GIC_MAX_PES];
	/* Per-interrupt and per-PE state, last: only the first nspi / npe
	 * entries are state (set up by gic_init, copied by gic_copy). */
	struct gic_irq   spi[GIC_MAX_SPIS];
	struct gic_route route[GIC_MAX_SPIS];
	struct gic_pe    pe[GIC_MAX_PES];
};

/* ---- Set-up ---- */

/* Initialise for npe PEs (1..GIC_MAX_PES) with the given MPIDRs and nspi SPIs
 * (0..GIC_MAX_SPIS).  choice may be NULL (lowest eligible PE). */
void gic_init(struct gic *g, unsigned npe, const uint64_t *mpidr, unsigned nspi,
	      const struct gic_choice *choice);

/* Copy src into dst keeping dst's choice callback.  Equal: same state
 * (the epoch, the choice callback and the derived spi_live are ignored;
 * route.chosen is compared, since it decides where an SPI goes next). */
void gic_copy(struct gic *dst, const struct gic *src);
/* Overwrite every byte gic_copy(g, like) writes with a fixed pattern,
 * keeping g's choice callback: a state no function accepts (the counts
 * too are garbage), which only that copy makes whole again.  Before a
 * restore into a GIC that already held state, so that what the copy
 * leaves out shows instead of surviving from before. */
void gic_scramble(struct gic *g, const struct gic *like);
bool gic_equal(const struct gic *a, const struct gic *b);
/* The state in a canonical byte form (what gic_equal compares): written
 * to buf up to cap bytes; returns the full length (call with cap 0 to
 * size a buffer). */
size_t gic_encode(const struct gic *g, uint8_t *buf, size_t cap);

/* Does intid exist on this GIC (SGI/PPI, or an implemented SPI)? */
bool gic_intid_valid(const struct gic *g, uint32_t intid);

/* ---- Distributor and redistributor configuration ----
 * pe selects the redistributor for INTIDs < 32 and is ignored for SPIs. */

void    gic_set_group(struct gic *g, unsigned pe, uint32_t intid, enum gic_group grp);
unsigned gic_get_group(const struct gic *g, unsigned pe, uint32_t intid);
void    gic_set_priority(struct gic *g, unsigned pe, uint32_t intid, uint8_t prio);
uint8_t gic_get_priority(const struct gic *g, unsigned pe, uint32_t intid);
void    gic_set_enabled(struct gic *g, unsigned pe, uint32_t intid, bool on);   /* I[SC]ENABLER: latch still set while off */
bool    gic_get_enabled(const struct gic *g, unsigned pe, uint32_t intid);
void    gic_set_edge(struct gic *g, unsigned pe, uint32_t intid, bool edge);   /* ICFGR; SGIs stay edge */
void    gic_set_pending(struct gic *g, unsigned pe, uint32_t intid, bool on);  /* I[SC]PENDR: the latch */
/* Group, priority, enable and pending latch of one interrupt in one
 * change: the state gic_set_group, gic_set_priority, gic_set_enabled and
 * gic_set_pending would leave, but the derived state (the 1-of-N choices
 * included) is brought up to date once, for that state only, and the
 * epoch moves once if anything changed.  (The four setters in turn can
 * make a 1-of-N choice for a state in between, when the interrupt is
 * live in one.)  An invalid group changes nothing. */
void    gic_set_irq(struct gic *g, unsigned pe, uint32_t intid, enum gic_group grp, uint8_t prio,
		    bool enabled, bool pending);
bool    gic_is_pending(const struct gic *g, unsigned pe, uint32_t intid);      /* latch || (line && level) */
bool    gic_is_active(const struct gic *g, unsigned pe, uint32_t intid);
/* I[SC]ACTIVER (no APR change, owner none): an interrupt made active this
 * way is in no PE's ack list, which gic_check() reports as G3. */
void    gic_set_active(struct gic *g, unsigned pe, uint32_t intid, bool on);
/* GICD_IROUTER: 1-of-N (any) or to the PE whose MPIDR is aff (affinity
 * fields only; the lowest-numbered PE if several share it).  A write that
 * changes the route forgets the 1-of-N choice. */
void    gic_set_route(struct gic *g, uint32_t intid, bool any, uint64_t aff);

/* An interrupt source drives its input: a rising edge on an edge-triggered
 * interrupt sets the latch; a level-sensitive one is pending while the line
 * is high.  gic_fire() is a single edge (or, for level, sets the latch).
 * SGIs have no input line: both ignore INTIDs 0-15 (use gic_sgi). */
void gic_set_line(struct gic *g, unsigned pe, uint32_t intid, bool level);
void gic_fire(struct gic *g, unsigned pe, uint32_t intid);

/* GICR_WAKER.ProcessorSleep: a sleeping PE's redistributor holds interrupts
 * and it is never chosen for 1-of-N. */
void gic_set_sleep(struct gic *g, unsigned pe, bool asleep);
/* GICR_CTLR.DPG<grp>: take pe out of (or back into) 1-of-N selection. */
void gic_set_participate(struct gic *g, unsigned pe, enum gic_group grp, bool participate);
/* GICD_CTLR.EnableGrp<grp>: gate every interrupt of that group. */
void gic_set_group_enable(struct gic *g, enum gic_group grp, bool on);
/* Redistributor reset of one PE (what a PE power-up does to SGI/PPI
 * configuration): banked interrupts back to the gic_init state, pending
 * latches and input levels kept, active ones deactivated; CPU interface:
 * PMR 0xFF, APRs and ack list cleared.  Sleep, DPG and group enables are
 * left alone, and so are SPIs this PE had acknowledged: they stay active
 * with no ack entry (gic_check() G3), as a real power-down would leave
 * them. */
void gic_redist_reset(struct gic *g, unsigned pe);

/* ---- CPU interface ---- */


/* Highest-priority pending interrupt forwarded to pe (§1.4): candidates are
 * pe's SGIs/PPIs and the SPIs routed to pe (IRM=0 with its affinity, or
 * IRM=1 and currently chosen for pe), pending, enabled, not active, group
 * enabled in GICD_CTLR and at pe's CPU interface, pe awake.  Ties go to the
 * lowest INTID.  intid 1023 when there is none.  PMR and running priority
 * are not applied.  Does not change the model.
 *
 * 1-of-N: a PE is eligible for an SPI iff it is awake, participates for
 * the SPI's group (DPG clear), has the group enabled at its CPU interface,
 * and could be signalled the SPI now (prio < PMR, group priority above its
 * running priority).  The choice is sticky: after every state change each
 * pending, enabled, inactive 1-of-N SPI keeps its chosen PE while that PE
 * stays eligible, otherwise the choice callback picks among the eligible
 * PEs, or the SPI stays pending with no target (0xFF) while none is.  With
 * no target it has a PE to wake, as sticky: kept while that PE sleeps and
 * participates for the group, otherwise pick_wake picks among the PEs
 * that do (none when no PE does). */
struct gic_hppi gic_highest_pending(struct gic *g, unsigned pe);

/* Would pe be signalled now (§1.5): the HPPI exists, prio < PMR, and its
 * group priority is strictly higher than the running priority.  FIQ for
 * Group 0 (and Secure Group 1), IRQ for Non-secure Group 1. */
bool gic_fiq_line(struct gic *g, unsigned pe);
bool gic_irq_line(struct gic *g, unsigned pe);

/* Any enabled interrupt pending for pe, ignoring priorities, masks, group
 * enables at the CPU interface and sleep: what wakes a PE from suspend.
 * "For pe": its SGIs/PPIs, SPIs routed to its affinity, 1-of-N SPIs
 * currently chosen for it, and 1-of-N SPIs that no PE can be chosen for
 * whose PE to wake is pe (GICD_CTLR.E1NWF = 1's wake-up of one sleeping
 * PE that participates for the group; gic_highest_pending).  A sleeping PE is never
 * chosen, so one that another PE's choice serves is not woken.  The
 * distributor still applies: the interrupt must be inactive and its group
 * enabled in GICD_CTLR. */
bool gic_wake_event(struct gic *g, unsigned pe);

/* ICC_IAR0_EL1 / ICC_IAR1_EL1: acknowledge the signalled interrupt of that
 * group class (IAR0: Group 0; IAR1: Non-secure Group 1).  Returns its
 * INTID (now active, latch cleared, APR bit set), or 1023 when nothing is
 * signalled.  The HPPI's, or when others of its group are pending at its
 * priority too, the one of them the choice's pick_tie says (HPPIR still
 * names the lowest).  A signalled interrupt of the other class is not taken: IAR0
 * (as read at EL3) returns 1020 for Secure and 1021 for Non-secure Group
 * 1, IAR1 1023. */
uint32_t gic_ack0(struct gic *g, unsigned pe);
uint32_t gic_ack1(struct gic *g, unsigned pe);
/* ICC_EOIR0_EL1 / ICC_EOIR1_EL1 with EOImode 0: priority drop of the
 * highest active priority of that group, then deactivation of intid.
 * Special INTIDs (>= 1020) are ignored.  If the highest active priority
 * belongs to another group (or nothing is active) the write does nothing.
 * A write that is not the legal IAR->EOIR pairing (intid is not this PE's
 * most recent acknowledge in that group) still acts as above and is
 * recorded in bad_eoi (G9); so is one naming an INTID below 1020 that
 * this GIC does not implement (nothing to deactivate). */
void gic_eoi0(struct gic *g, unsigned pe, uint32_t intid);
void gic_eoi1(struct gic *g, unsigned pe, uint32_t intid);
/* ICC_DIR_EL1: deactivate a Group 1 intid without a priority drop (Group 0
 * is ignored).  Legal only after the priority drop; a DIR of a Group 0
 * interrupt, or of one still in an ack list, is recorded in bad_eoi (G9). */
void gic_dir(struct gic *g, unsigned pe, uint32_t intid);
/* ICC_HPPIR0_EL1: 1023 none, 1020/1021 when the HPPI is Secure / Non-secure
 * Group 1, else its INTID.  No PMR or running-priority check. */
uint32_t gic_hppir0(struct gic *g, unsigned pe);

uint8_t gic_get_pmr(const struct gic *g, unsigned pe);
uint8_t gic_set_pmr(struct gic *g, unsigned pe, uint8_t pmr);   /* returns the old value */
uint8_t gic_rpr(const struct gic *g, unsigned pe);              /* ICC_RPR_EL1 */
/* ICC_IGRPEN0_EL1 / ICC_IGRPEN1_EL1 (S and NS banks): the CPU interface
 * group enables.  A group disabled here drops out of pe's candidates
 * before the HPPI is chosen, and pe out of 1-of-N selection for it. */
void    gic_set_igrpen(struct gic *g, unsigned pe, enum gic_group grp, bool on);

/* ICC_SGI0R_EL1 (Group 0) / ICC_SGI1R_EL1 (Non-secure Group 1) from src,
 * to one target PE: accepted only if the target's copy of that SGI is in
 * the requested group; otherwise silently dropped.  Returns whether it was
 * accepted. */
bool gic_sgi(struct gic *g, unsigned src, unsigned target, uint32_t intid, enum gic_group grp);
/* The same register written by src with its architectural value v: the
 * SGI INTID[27:24] to every PE but src when IRM[40] is set, else to the
 * PEs of affinity Aff3[55:48].Aff2[39:32].Aff1[23:16] whose Aff0 is
 * RS[47:44] * 16 + a bit set in TargetList[15:0], each accepted as
 * gic_sgi accepts it.  Returns how many were. */
unsigned gic_sgir_write(struct gic *g, unsigned src, uint64_t v, enum gic_group grp);
/* The value of that register that sends SGI intid to target alone (0,
 * no target, for a PE the GIC does not have or an intid that is no SGI). */
uint64_t gic_sgir_value(const struct gic *g, unsigned target, uint32_t intid);

/* ---- Invariants (reference/gicv3-ehf.md §4.3 G1-G10) ----
 * Returns 0 if all hold, or the number of the first violated one (1..10)
 * and a message in why (may be NULL).  As this model has them:
 *  G1  each PE's APR bits are exactly the group priorities of its ack list;
 *  G2  the ack list's group priorities strictly decrease bottom to top;
 *  G3  every active interrupt is in exactly one ack list (its owner's, or
 *      its own PE's for SGI/PPI) and every ack entry is active;
 *  G4  derived state agrees with a recomputation: spi_live, each 1-of-N
 *      choice (eligible, or none when no PE is; with none, a PE to wake
 *      that sleeps and takes part while one does) - now, and as each was
 *      made (bad_choice == 0) - and the HPPI against a scan of every INTID;
 *  G5  the FIQ/IRQ lines and HPPIR0 follow §1.5 on that HPPI;
 *  G6  an SPI is a candidate on at most one PE: its affinity PE for IRM=0,
 *      an awake, participating PE with the group enabled for 1-of-N; and
 *      a forwardable one on at least one while a PE can take it: its
 *      affinity PE when awake with the group enabled at its CPU interface,
 *      for 1-of-N while some PE is eligible;
 *  G7  a level interrupt with its line high is pending (not checked: it
 *      holds by construction, a level interrupt's pending state being its
 *      line);
 *  G8  SGIs are edge-triggered and have no input line;
 *  G9  no illegal EOIR/DIR write has been made (bad_eoi == 0);
 *  G10 priorities, PMR and ack priorities hold only implemented bits, and
 *      every field is in range.  A state with out-of-range fields (the
 *      counts, INTIDs, groups and flags the other checks index tables
 *      with) is reported as G10 before anything else, since nothing else
 *      can be evaluated on it.  Unimplemented priority bits are no
 *      range error: an interrupt's are checked with its instance's rules,
 *      the PMR's and the ack priorities' last, so another invariant they
 *      break (an ack priority's G1, say) may be reported first.
 * gic_check does not change the model. */
int gic_check(struct gic *g, char *why, size_t n);

/* G5's other half, which no state shows: an acknowledge returns an
 * interrupt only when it could preempt (§1.5).  Called right after
 * ICC_IAR0/1 of pe returned intid (< 1020), it restates the rules from the
 * fields the acknowledge left: intid is pe's latest ack entry, active and
 * owned there (G3); its pending latch cleared (G7); its priority is below PMR and its group priority
 * above the running priority the rest of the ack list gives (G5); it is
 * enabled, its group enabled in GICD_CTLR and at pe's CPU interface, pe
 * awake (G4); an SPI is routed to pe, or 1-of-N with pe awake, taking
 * part and the group enabled (G6).  The state checks after a step cannot
 * see this: by then the machine has handed the interrupt on, and a
 * wrongly signalled one shows as whatever the dispatcher made of it.
 * Returns 0 or the invariant's number, and a message in why (may be
 * NULL), as gic_check does.  Does not change the model. */
int gic_check_ack(const struct gic *g, unsigned pe, uint32_t intid, char *why, size_t n);

/* What G9 says of count illegal EOIR/DIR writes, the first a fault (enum
 * gic_eoi_fault) of intid on pe: "G9: ...", into why.  fuzz_core's host
 * GIC says it in these words too, so that one dispatcher bug found by
 * fuzz_core and fuzz_sdei reads alike (one finding in the nightly's
 * triage).  Returns 9. */
int gic_g9_text(char *why, size_t n, unsigned count, unsigned fault, unsigned intid, unsigned pe);

#endif /* SIM_GIC_H */
