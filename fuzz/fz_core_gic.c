/*
 * fz_core_gic.c - fuzz_core's interrupt controller (the dispatcher's port
 * onto it is fz_core_port.c).
 *
 * A GICv3 cut down to what the dispatcher and a decoded fuzz input can
 * reach, with the simulator's GIC model (sim/gic) as its specification:
 * SGIs and PPIs banked per PE, SPIs routed to one PE by affinity or 1-of-N
 * among the PEs that participate, three groups, a pending latch, enable,
 * active and owner per interrupt; per PE a priority mask, the Group 0
 * active priorities and their acknowledge order, sleep and 1-of-N
 * participation.  The rules are the model's:
 *
 *   - the highest-priority pending interrupt of a PE (lowest priority
 *     value, ties to the lowest INTID; a PE acknowledges the one of those
 *     tied the input's choice bytes pick) is signalled when its priority is
 *     below PMR and its group priority strictly above the running
 *     priority: so a critical event (0x60) preempts a normal one (0x70),
 *     nothing preempts its own class, and client interrupts (0xA0, Group
 *     1) never reach firmware;
 *   - acknowledge makes it active (latch cleared, owner set) and raises
 *     the running priority; EOI drops the highest active priority and
 *     deactivates the INTID it names; an EOI that is not the pairing of
 *     the last acknowledge is counted (the model's invariant G9);
 *   - a 1-of-N SPI goes to the PE it was last given while that PE stays
 *     eligible (awake, participating, could be signalled it now); when it
 *     is not, the input's choice bytes pick among the eligible ones, or it
 *     waits with no target.  The choice is re-examined after every change,
 *     as the model does, so that both consume choice bytes at the same
 *     moments;
 *   - a suspended PE is woken by anything enabled and pending for it: its
 *     SGIs and PPIs, SPIs routed to its affinity, 1-of-N SPIs chosen for it
 *     (a PE in standby is awake to the GIC), and a 1-of-N SPI no PE can be
 *     chosen for wakes one sleeping (powered-down) PE that participates,
 *     picked by the choice bytes when it first needs one and kept while
 *     that PE sleeps and participates (the model's route.wake).
 *
 * Not here, because nothing a decoded input does reaches them: level-
 * sensitive lines, Group 1 acknowledge and EOI (no client takes an IRQ),
 * GICD_CTLR and ICC_IGRPEN group enables (always on), DIR.
 */
#include <string.h>

#include "fz_core_internal.h"
#include "gic.h"

#define AFF_MASK 0xFF00FFFFFFull

static const struct fzc_irq irq_reset = {
	SIM_PRIO_CLIENT, FZC_G1NS, 0, 0, 0, FZC_NO_PE,
};

static unsigned ctz64(uint64_t x)
{
	return (unsigned)__builtin_ctzll(x);
}

static struct fzc_irq *irq_ref(struct fzc_gic *g, unsigned pe, uint32_t intid)
{
	if (intid < 32)
		return pe < g->npe ? &g->pe[pe].banked[intid] : NULL;
	return intid - 32u < g->nspi ? &g->spi[intid - 32u] : NULL;
}

bool fzc_intid_valid(const struct fzc_gic *g, uint32_t intid)
{
	return intid < 32 || intid - 32u < g->nspi;
}

static bool is_live(const struct fzc_irq *irq)
{
	return irq->latch && irq->enabled && !irq->active;
}

/* Keep the live bit of intid (pe's copy below 32) in step with its state. */
static void sync(struct fzc_gic *g, unsigned pe, uint32_t intid)
{
	if (intid < 32) {
		uint32_t bit = 1u << intid;
		if (is_live(&g->pe[pe].banked[intid]))
			g->pe[pe].live |= bit;
		else
			g->pe[pe].live &= ~bit;
	} else {
		unsigned n = intid - 32u;
		uint64_t bit = 1ull << (n % 64);
		if (is_live(&g->spi[n]))
			g->spi_live[n / 64] |= bit;
		else
			g->spi_live[n / 64] &= ~bit;
	}
}

/* ---- Priorities ---- */

uint8_t fzc_rpr(const struct fzc_gic *g, unsigned pe)
{
	uint32_t apr = g->pe[pe].apr;

	return apr ? (uint8_t)(ctz64(apr) << 3) : FZC_IDLE_PRIO;
}

static bool can_signal(const struct fzc_gic *g, unsigned pe, uint8_t prio)
{
	uint8_t rpr = fzc_rpr(g, pe);

	return prio < g->pe[pe].pmr && (rpr == FZC_IDLE_PRIO || (prio & FZC_PRIO_MASK) < rpr);
}

/* ---- Routing ---- */

/* Could pe take this SPI now (1-of-N eligibility)? */
static bool eligible(const struct fzc_gic *g, unsigned pe, const struct fzc_irq *irq)
{
	const struct fzc_gic_pe *p;

	if (pe >= g->npe)
		return false;
	p = &g->pe[pe];
	return !p->sleep && !((p->dpg >> irq->group) & 1u) && can_signal(g, pe, irq->prio);
}

static bool routes_to(const struct fzc_gic *g, unsigned n, unsigned pe)
{
	return g->irm[n] ? g->chosen[n] == pe : g->aff_pe[n] == pe;
}

static bool sleeps_in(const struct fzc_gic *g, unsigned pe, unsigned grp)
{
	return pe < g->npe && g->pe[pe].sleep && !((g->pe[pe].dpg >> grp) & 1u);
}

/* SPI n, 1-of-N with no eligible PE: the PE it wakes, kept while it
 * sleeps and participates, else picked among those that do. */
static void choose_wake(struct fzc_machine *m, unsigned n)
{
	struct fzc_gic *g = &m->gic;
	unsigned grp = g->spi[n].group, count = 0;
	uint8_t cand[SIM_MAX_PES];

	if (sleeps_in(g, g->wake[n], grp))
		return;
	for (unsigned pe = 0; pe < g->npe; pe++)
		if (sleeps_in(g, pe, grp))
			cand[count++] = (uint8_t)pe;
	g->wake[n] = count ? cand[fzc_pick(m, count) % count] : FZC_NO_PE;
}

/* After every change: each live 1-of-N SPI keeps its PE while that PE is
 * eligible, else the choice source picks among the eligible ones, or,
 * with none, the PE it wakes is chosen. */
static void refresh(struct fzc_machine *m)
{
	struct fzc_gic *g = &m->gic;

	g->epoch++;
	for (unsigned w = 0; w < (g->nspi + 63) / 64; w++)
		for (uint64_t live = g->spi_live[w]; live; live &= live - 1) {
			unsigned n = w * 64 + ctz64(live), count = 0;
			uint8_t cand[SIM_MAX_PES];
			if (!g->irm[n] || eligible(g, g->chosen[n], &g->spi[n]))
				continue;
			for (unsigned pe = 0; pe < g->npe; pe++)
				if (eligible(g, pe, &g->spi[n]))
					cand[count++] = (uint8_t)pe;
			g->chosen[n] = count ? cand[fzc_pick(m, count) % count] : FZC_NO_PE;
			if (count)
				g->wake[n] = FZC_NO_PE;
			else
				choose_wake(m, n);
		}
}

void fzc_set_route(struct fzc_machine *m, uint32_t intid, bool any, uint64_t aff)
{
	struct fzc_gic *g = &m->gic;
	unsigned n = intid - 32u;

	if (intid < 32 || n >= g->nspi)
		return;
	aff &= AFF_MASK;
	if (g->irm[n] == any && g->aff[n] == aff)
		return;
	g->irm[n] = any;
	g->aff[n] = aff;
	g->aff_pe[n] = FZC_NO_PE;
	for (unsigned pe = 0; pe < g->npe; pe++)
		if (g->pe[pe].mpidr == aff) {
			g->aff_pe[n] = (uint8_t)pe;
			break;
		}
	g->chosen[n] = FZC_NO_PE;
	g->wake[n] = FZC_NO_PE;
	refresh(m);
}

/* ---- Set-up ---- */

void fzc_gic_init(struct fzc_machine *m)
{
	const struct sim_platform *sp = &m->prog->platform;
	struct fzc_gic *g = &m->gic;
	uint8_t pe0 = FZC_NO_PE;

	g->npe = m->npe;
	g->nspi = sp->spis;
	g->epoch++;
	g->bad_eoi = 0;
	memset(g->spi_live, 0, sizeof g->spi_live);
	for (unsigned pe = 0; pe < g->npe; pe++) {
		struct fzc_gic_pe *p = &g->pe[pe];
		p->mpidr = sp->mpidr[pe] & AFF_MASK;
		p->sleep = 0;
		p->dpg = 0;
		p->pmr = FZC_PMR_IDLE;
		p->nack = 0;
		p->apr = 0;
		p->live = 0;
		for (unsigned k = 0; k < 32; k++)
			p->banked[k] = irq_reset;
		if (p->mpidr == 0 && pe0 == FZC_NO_PE)
			pe0 = (uint8_t)pe;
	}
	for (unsigned n = 0; n < g->nspi; n++) {
		g->spi[n] = irq_reset;
		g->irm[n] = 0;
		g->aff[n] = 0;
		g->aff_pe[n] = pe0;
		g->chosen[n] = FZC_NO_PE;
		g->wake[n] = FZC_NO_PE;
	}
	/* Firmware-owned interrupts the client may not bind: Secure Group 1. */
	for (unsigned k = 0; k < sp->nsecure; k++) {
		uint32_t id = sp->secure_intids[k];
		for (unsigned pe = 0; pe < (id < 32 ? g->npe : 1); pe++)
			if (sim_secure_on(sp, k, pe))
				fzc_set_group(m, pe, id, FZC_G1S);
	}
}

void fzc_redist_reset(struct fzc_machine *m, unsigned pe)
{
	struct fzc_gic_pe *p = &m->gic.pe[pe];

	/* Pending latches survive (TF-A's redistributor set-up leaves them). */
	for (unsigned k = 0; k < 32; k++) {
		uint8_t latch = p->banked[k].latch;
		p->banked[k] = irq_reset;
		p->banked[k].latch = latch;
	}
	p->live = 0;
	p->pmr = FZC_PMR_IDLE;
	p->apr = 0;
	p->nack = 0;
	refresh(m);
}

/* ---- Per-interrupt state ---- */

void fzc_set_group(struct fzc_machine *m, unsigned pe, uint32_t intid, unsigned group)
{
	struct fzc_irq *irq = irq_ref(&m->gic, pe, intid);

	if (irq && irq->group != group) {
		irq->group = (uint8_t)group;
		refresh(m);
	}
}

void fzc_set_priority(struct fzc_machine *m, unsigned pe, uint32_t intid, uint8_t prio)
{
	struct fzc_irq *irq = irq_ref(&m->gic, pe, intid);

	if (irq && irq->prio != (prio & FZC_PRIO_MASK)) {
		irq->prio = prio & FZC_PRIO_MASK;
		refresh(m);
	}
}

void fzc_set_enabled(struct fzc_machine *m, unsigned pe, uint32_t intid, bool on)
{
	struct fzc_irq *irq = irq_ref(&m->gic, pe, intid);

	if (irq && irq->enabled != on) {
		irq->enabled = on;
		sync(&m->gic, pe, intid);
		refresh(m);
	}
}

void fzc_set_pending(struct fzc_machine *m, unsigned pe, uint32_t intid, bool on)
{
	struct fzc_irq *irq = irq_ref(&m->gic, pe, intid);

	if (irq && irq->latch != on) {
		irq->latch = on;
		sync(&m->gic, pe, intid);
		refresh(m);
	}
}

void fzc_fire(struct fzc_machine *m, unsigned pe, uint32_t intid)
{
	if (intid >= 16)                 /* SGIs have no input line */
		fzc_set_pending(m, pe, intid, true);
}

/* ---- Redistributor and CPU interface ---- */

void fzc_set_participate(struct fzc_machine *m, unsigned pe, bool on)
{
	uint8_t dpg;

	if (pe >= m->gic.npe)
		return;
	dpg = (uint8_t)(on ? m->gic.pe[pe].dpg & ~1u : m->gic.pe[pe].dpg | 1u);
	if (dpg != m->gic.pe[pe].dpg) {
		m->gic.pe[pe].dpg = dpg;
		refresh(m);
	}
}

void fzc_set_sleep(struct fzc_machine *m, unsigned pe, bool asleep)
{
	if (pe < m->gic.npe && m->gic.pe[pe].sleep != asleep) {
		m->gic.pe[pe].sleep = asleep;
		refresh(m);
	}
}

uint8_t fzc_set_pmr(struct fzc_machine *m, unsigned pe, uint8_t pmr)
{
	uint8_t old = m->gic.pe[pe].pmr;

	pmr &= FZC_PRIO_MASK;
	if (pmr != old) {
		m->gic.pe[pe].pmr = pmr;
		refresh(m);
	}
	return old;
}

struct hppi { uint32_t intid; uint8_t prio, group; };

/* The interrupts tied for a PE's HPPI: its INTID and those of the same
 * priority and group, in ascending order (sim/gic's icc_tie). */
struct ties {
	uint16_t intid[32 + FZC_MAX_SPIS];
	unsigned n;
};

/* Candidate intid (instance irq) for pe's HPPI, after those below it. */
static void consider(struct hppi *best, struct ties *t, uint32_t intid, const struct fzc_irq *irq)
{
	if (best->intid == FZC_SPURIOUS || irq->prio < best->prio) {
		*best = (struct hppi){ intid, irq->prio, irq->group };
		if (t)
			t->n = 0;
	} else if (!t || irq->prio != best->prio || irq->group != best->group) {
		return;
	}
	if (t)
		t->intid[t->n++] = (uint16_t)intid;
}

/* The highest-priority pending interrupt forwarded to pe (any group, ties
 * to the lowest INTID); t, when not NULL: the interrupts tied with it. */
static struct hppi hppi(const struct fzc_gic *g, unsigned pe, struct ties *t)
{
	struct hppi best = { FZC_SPURIOUS, FZC_IDLE_PRIO, 0 };
	const struct fzc_gic_pe *p = &g->pe[pe];

	if (t)
		t->n = 0;
	if (p->sleep)
		return best;
	for (uint32_t live = p->live; live; live &= live - 1)
		consider(&best, t, ctz64(live), &p->banked[ctz64(live)]);
	for (unsigned w = 0; w < (g->nspi + 63) / 64; w++)
		for (uint64_t live = g->spi_live[w]; live; live &= live - 1) {
			unsigned n = w * 64 + ctz64(live);
			if (routes_to(g, n, pe))
				consider(&best, t, 32u + n, &g->spi[n]);
		}
	return best;
}

bool fzc_group0_signalled(struct fzc_gic *g, unsigned pe)
{
	struct hppi h;

	if (g->sig_at[pe] == g->epoch + 1)
		return g->sig[pe];
	h = hppi(g, pe, NULL);
	g->sig[pe] = h.intid != FZC_SPURIOUS && h.group == FZC_G0 && can_signal(g, pe, h.prio);
	g->sig_at[pe] = g->epoch + 1;
	return g->sig[pe];
}

bool fzc_wake_event(const struct fzc_gic *g, unsigned pe)
{
	if (g->pe[pe].live)
		return true;
	for (unsigned w = 0; w < (g->nspi + 63) / 64; w++)
		for (uint64_t live = g->spi_live[w]; live; live &= live - 1) {
			unsigned n = w * 64 + ctz64(live);
			if (!g->irm[n] ? g->aff_pe[n] == pe :
			    g->chosen[n] != FZC_NO_PE ? g->chosen[n] == pe : g->wake[n] == pe)
				return true;
		}
	return false;
}

uint32_t fzc_ack0(struct fzc_machine *m, unsigned pe)
{
	struct fzc_gic *g = &m->gic;
	struct fzc_gic_pe *p = &g->pe[pe];
	struct ties t;
	struct hppi h = hppi(g, pe, &t);
	struct fzc_irq *irq;
	uint8_t gprio;

	if (h.intid == FZC_SPURIOUS || h.group != FZC_G0 || !can_signal(g, pe, h.prio))
		return FZC_SPURIOUS;
	/* Of several tied, the one the choice bytes pick (the model's pick_tie,
	 * which the simulator answers through sim_pick, SIM_CHOICE_TIE: a
	 * fuzz input's source has no pick_tie of its own, the replay's only). */
	h.intid = t.intid[fzc_pick(m, t.n) % t.n];
	irq = irq_ref(g, pe, h.intid);
	gprio = h.prio & FZC_PRIO_MASK;
	irq->active = 1;
	irq->owner = (uint8_t)pe;
	irq->latch = 0;
	p->apr |= 1u << (gprio >> 3);
	if (p->nack < 32) {
		p->ack[p->nack].intid = (uint16_t)h.intid;
		p->ack[p->nack++].gprio = gprio;
	}
	sync(g, pe, h.intid);
	refresh(m);
	return h.intid;
}

/* EOImode 0: drop the highest active priority, then deactivate intid.
 * An INTID below 1020 the GIC does not implement is an illegal EOI too,
 * with nothing to deactivate (as sim/gic's icc_eoi). */
void fzc_eoi0(struct fzc_machine *m, unsigned pe, uint32_t intid)
{
	struct fzc_gic *g = &m->gic;
	struct fzc_irq *irq;
	struct fzc_gic_pe *p;

	if (intid >= FZC_NUM_INTIDS || pe >= g->npe)
		return;
	irq = irq_ref(g, pe, intid);
	p = &g->pe[pe];
	if (p->nack == 0 || p->ack[p->nack - 1].intid != intid) {
		if (g->bad_eoi++ == 0) {
			g->bad_eoi_pe = (uint8_t)pe;
			g->bad_eoi_intid = (uint16_t)intid;
			/* as sim/gic tells them (Group 0 alone here: no wrong group) */
			g->bad_eoi_fault = p->nack == 0 ? GIC_EOI_NOTHING_ACTIVE : GIC_EOI_NOT_TOP;
		}
	}
	if (p->apr) {
		unsigned bit = ctz64(p->apr);
		p->apr &= ~(1u << bit);
		/* the newest acknowledge of that group priority */
		for (unsigned i = p->nack; i-- > 0;)
			if (p->ack[i].gprio == (uint8_t)(bit << 3)) {
				memmove(&p->ack[i], &p->ack[i + 1], (p->nack - 1 - i) * sizeof p->ack[0]);
				p->nack--;
				break;
			}
		if (irq) {
			irq->active = 0;
			irq->owner = FZC_NO_PE;
			sync(g, pe, intid);
		}
	}
	refresh(m);
}
