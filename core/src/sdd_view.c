/*
 * sdd_view.c - reading the dispatcher's state from outside: the register
 * view (after KVM's SDEI pseudo-firmware registers), event look-ups, and
 * the invariant checker used by tests, the simulator and sdd_load().
 */
#include "sdd_internal.h"

int sdd_event_index(const struct sdd *d, int32_t ev)
{
	int i;

	if (!sdd_lock(d))
		return -1;
	i = sdd_find_event(d, ev);
	sdd_unlock(d);
	return i;
}

unsigned sdd_event_state(const struct sdd *d, unsigned pe, unsigned i)
{
	unsigned state;

	if (!sdd_lock_pe(d, pe))
		return 0;
	state = i < d->plat.event_count ? sdd_entry_ro(d, pe, i)->state : 0;
	sdd_unlock(d);
	return state;
}

static int put(uint64_t *vals, unsigned n, const uint64_t *src, unsigned count)
{
	for (unsigned k = 0; k < count && k < n; k++)
		vals[k] = src[k];
	return (int)count;
}

/* Bitmap over events of `bit` in the state seen from pe. */
static uint64_t state_bitmap(const struct sdd *d, unsigned pe, unsigned bit)
{
	uint64_t m = 0;

	for (unsigned i = 0; i < d->plat.event_count; i++) {
		const struct sdd_entry *e = sdd_entry_ro(d, pe, i);
		if (!(e->state & bit))
			continue;
		if (bit == SDD_STATUS_RUNNING && !sdd_is_private(d, i) && e->running_pe != pe)
			continue;
		m |= SDD_BIT(i);
	}
	return m;
}

/* Is event i pending for pe?  A private event's interrupt is banked: its
 * own pending state.  A shared event's SPI is pending for the PE it is
 * routed to: its RM_PE target, or, routed RM_ANY (or not registered),
 * every PE that could take it. */
static bool pending_at(const struct sdd *d, unsigned pe, unsigned i)
{
	const struct sdd_entry *e;

	if (!sdd_has_irq(d, i))
		return false;
	if (!sdd_is_private(d, i)) {
		e = &d->shared[i];
		if (e->state != 0 && (e->flags & SDD_REGFLAG_RM_PE) && e->target != pe)
			return false;
	}
	return d->port->irq_is_pending(d->ctx, pe, d->intid[i]);
}

/* Every register but PE_STATE (the caller holds the lock). */
static int read_reg(struct sdd *d, unsigned pe, uint32_t id, uint64_t *vals, unsigned n)
{
	uint64_t v[SDD_CONTEXT_REGS + 2];

	switch (id) {
	case SDD_REG_REGISTERED:
	case SDD_REG_ENABLED:
	case SDD_REG_RUNNING:
		v[0] = state_bitmap(d, pe, id == SDD_REG_REGISTERED ? SDD_STATUS_REGISTERED :
					   id == SDD_REG_ENABLED ? SDD_STATUS_ENABLED : SDD_STATUS_RUNNING);
		return put(vals, n, v, 1);
	case SDD_REG_PENDING:
		v[0] = 0;
		for (unsigned i = 0; i < d->plat.event_count; i++)
			if (pending_at(d, pe, i))
				v[0] |= SDD_BIT(i);
		return put(vals, n, v, 1);
	case SDD_REG_BOUND:
		return put(vals, n, &d->bound, 1);
	case SDD_REG_CONTEXT0:
	case SDD_REG_CONTEXT1: {
		unsigned level = id - SDD_REG_CONTEXT0;
		const struct sdd_frame *f = &d->pe[pe].frame[level];
		if (level >= d->pe[pe].depth)
			return -1;
		v[0] = f->pc;
		v[1] = f->pstate;
		memcpy(&v[2], f->x, sizeof f->x);
		return put(vals, n, v, SDD_CONTEXT_REGS + 2);
	}
	default:
		if (id >= SDD_REG_HANDLER_BASE && id - SDD_REG_HANDLER_BASE < d->plat.event_count) {
			const struct sdd_entry *e = sdd_entry_ro(d, pe, id - SDD_REG_HANDLER_BASE);
			v[0] = e->ep;
			v[1] = e->arg;
			v[2] = e->flags;
			v[3] = e->state;
			v[4] = (e->flags & SDD_REGFLAG_RM_PE) && !sdd_is_private(d, id - SDD_REG_HANDLER_BASE) ?
			       d->plat.mpidr[e->target] : 0;
			return put(vals, n, v, 5);
		}
		return -1;
	}
}

/* see sdd.h; PE_STATE, which the fuzzers read after every step, without
 * the buffer the other registers are gathered in (under ASan a stack
 * array is poisoned and unpoisoned on every call) */
int sdd_reg_read(struct sdd *d, unsigned pe, uint32_t id, uint64_t *vals, unsigned n)
{
	int res = 1;

	if ((vals == NULL && n != 0) || !sdd_lock_pe(d, pe))
		return -1;
	if (id != SDD_REG_PE_STATE)
		res = read_reg(d, pe, id, vals, n);
	else if (n > 0)
		vals[0] = d->pe[pe].masked | ((uint64_t)d->pe[pe].depth << 1) |
			  ((uint64_t)d->pe[pe].mask_depth << 3);
	sdd_unlock(d);
	return res;
}

/* ---- Invariants ----
 *
 * sdd_check() runs after every step while fuzzing and on every loaded
 * state, so it makes one pass over the events and one over the PEs, reading
 * each registration and each frame once: a PE's stack becomes two bitmaps
 * (events with one frame, with two) and the rules linking registrations to
 * frames become bitmap operations.  It still reports the first broken rule
 * in the order below (test_check.c pins it):
 *   bindings (-20..-24) in event order; then registrations (-30..-33) by
 *   event, then PE, a registration's own fields before its frames; then
 *   each PE's stack (-10..-17) in PE order.
 * The tables derived from the platform (priv_slot, priv_event, npriv) are
 * trusted, as everywhere in the core: init and load rebuild them.
 */

/* A registration in a legal state whose fields agree with it. */
static bool entry_ok(const struct sdd *d, const struct sdd_entry *e, bool shared)
{
	if (!sdd_state_legal(e->state))
		return false;
	if (e->flags & ~(SDD_REGFLAG_RELATIVE | SDD_REGFLAG_RM_PE))
		return false;
	if (e->state == 0)
		return e->ep == 0 && e->arg == 0 && e->flags == 0 && e->target == 0 &&
		       e->running_pe == SDD_NONE;
	if (!shared)
		return !(e->flags & SDD_REGFLAG_RM_PE) && e->target == 0 && e->running_pe == SDD_NONE;
	if (e->target >= d->plat.pe_count || (!(e->flags & SDD_REGFLAG_RM_PE) && e->target != 0))
		return false;
	if (e->state & SDD_STATUS_RUNNING)
		return e->running_pe < d->plat.pe_count;
	return e->running_pe == SDD_NONE;
}

/* Events with at least one frame (*one) and with two (*two) on pe's
 * stack.  Only the two real frames are read (a larger depth is -10);
 * a frame naming no event counts for none (it is -12). */
static void stack_bits(const struct sdd *d, unsigned pe, uint64_t *one, uint64_t *two)
{
	const struct sdd_pe_state *p = &d->pe[pe];
	uint64_t o = 0, t = 0;

	for (unsigned k = 0; k < p->depth && k < 2; k++) {
		unsigned ev = p->frame[k].event;
		uint64_t b = ev < d->plat.event_count ? SDD_BIT(ev) : 0;
		t |= o & b;
		o |= b;
	}
	*one = o;
	*two = t;
}

/* irq: bitmap of the events backed by an interrupt now (sdd_has_irq). */
static int check_frames(const struct sdd *d, unsigned pe, uint64_t irq)
{
	const struct sdd_pe_state *p = &d->pe[pe];

	if (p->depth > 2 || p->masked > 1 || p->mask_depth > p->depth ||
	    (p->mask_depth && d->plat.policy.mask_timing == SDD_MASK_AT_ONCE))
		return SDD_CHECK_PE_RANGE;
	if (p->depth == 2 && (p->frame[0].priority != SDD_PRI_NORMAL ||
			      p->frame[1].priority != SDD_PRI_CRITICAL))
		return SDD_CHECK_NESTING;    /* only critical nests, and only over normal */
	for (unsigned k = 0; k < p->depth; k++) {
		const struct sdd_frame *f = &p->frame[k];
		const struct sdd_event_desc *ev;
		if (f->event >= d->plat.event_count || f->explicit_dispatch > 1)
			return SDD_CHECK_FRAME_EVENT;
		ev = sdd_desc(d, f->event);
		if (f->priority != ev->priority)
			return SDD_CHECK_FRAME_PRIORITY;
		if (f->explicit_dispatch ? (ev->kind != SDD_EVK_EXPLICIT || f->intid != SDD_NO_INTID)
					 : (!(irq & SDD_BIT(f->event)) || f->intid != d->intid[f->event]))
			return SDD_CHECK_FRAME_INTERRUPT;
		/* Not reachable once the registrations passed (-31/-33);
		 * kept so that the stack alone is checked completely. */
		if (!(sdd_entry_ro(d, pe, f->event)->state & SDD_STATUS_RUNNING))
			return SDD_CHECK_FRAME_IDLE;
		if (!sdd_is_private(d, f->event) && d->shared[f->event].running_pe != pe)
			return SDD_CHECK_FRAME_PE;
	}
	/* only interrupts the dispatcher owns can be held (irq has no bit
	 * at or above event_count) */
	if (p->deferred & ~irq)
		return SDD_CHECK_HELD_NO_IRQ;
	/* triggers are held back only while the PE is masked: the mask
	 * coming off gives them all back (mask_in_force) */
	if (p->deferred != 0 && !sdd_pe_masked(d, pe))
		return SDD_CHECK_HELD_UNMASKED;
	return 0;
}

/* What one pass over events and PEs collects; bitmaps over event indices.
 * The fields sdd_check clears are together (the interrupt sets last, only
 * their live words cleared): a compiler turns such a run of stores into
 * one memset, a call the sanitizers intercept, rather than several. */
struct scan {
	/* bindings */
	int      bind_err;          /* first of -20..-23 in event order, seen in the event pass */
	unsigned bind_at;           /* its event */
	uint64_t unbound;           /* free bind slots: SDD_CHECK_FREE_SLOT_USED as well if registered anywhere */
	uint64_t slots;             /* bound bind slots */
	/* registrations */
	uint64_t priv, irq;         /* private events; events backed by an interrupt now */
	uint64_t used;              /* registered on some PE (or globally) */
	uint64_t srun;              /* shared events marked running (fields legal) */
	uint64_t seen, many;        /* shared events with >= 1 / >= 2 frames in all */
	uint64_t bad_fields;        /* first broken rule: the registration's fields (-30/-32) */
	uint64_t bad_frames;        /* first broken rule: its frames (-31/-33) */
	/* stacks */
	int      stack_err;         /* first of -10..-17 in PE order */
	unsigned plat_dup;          /* bindings: two platform events on one interrupt (0/1) */
	/* interrupt sets (bindings) */
	struct sdd_intid_set taken; /* interrupts of bound slots */
	struct sdd_intid_set plat;  /* interrupts of platform events */
};

/* Event i's binding rules, as the first pass of the old two-pass check
 * made them (-20..-23); the interrupt bitmaps for the second. */
static int scan_binding(const struct sdd *d, unsigned i, struct scan *sc)
{
	const struct sdd_event_desc *ev = sdd_desc(d, i);
	uint64_t b = SDD_BIT(i);
	bool bound = (d->bound & b) != 0;
	uint16_t intid = d->intid[i];

	if (ev->kind != SDD_EVK_DYNAMIC) {
		if (ev->kind != SDD_EVK_EXPLICIT) {
			sc->irq |= b;
			if (ev->intid < SDD_INTID_SPI_LIMIT)
				sc->plat_dup |= sdd_intid_test_and_set(&sc->plat, ev->intid);
		}
		if (bound || intid != (ev->kind == SDD_EVK_EXPLICIT ? 0 : ev->intid))
			return SDD_CHECK_PLATFORM_BOUND;
		return 0;
	}
	if (!bound) {
		sc->unbound |= b;
		return intid != 0 ? SDD_CHECK_FREE_SLOT_USED : 0;
	}
	sc->irq |= b;
	sc->slots |= b;
	if (ev->type == SDD_PRIVATE ? (intid < SDD_INTID_PPI_FIRST || intid >= SDD_INTID_SPI_FIRST)
				    : (intid < SDD_INTID_SPI_FIRST ||
				       intid >= SDD_INTID_SPI_FIRST + d->plat.spi_count))
		return SDD_CHECK_SLOT_INTID;
	if (sdd_intid_test_and_set(&sc->taken, intid))
		return SDD_CHECK_INTID_TWICE;    /* two slots bound to one interrupt */
	return 0;
}

/* Event i: its binding, its class, and a shared registration's own fields. */
static void scan_event(const struct sdd *d, unsigned i, struct scan *sc)
{
	const struct sdd_entry *e = &d->shared[i];
	uint64_t b = SDD_BIT(i);
	int err = scan_binding(d, i, sc);

	if (err != 0 && sc->bind_err == 0) {
		sc->bind_err = err;
		sc->bind_at = i;
	}
	if (sdd_is_private(d, i)) {
		sc->priv |= b;
		return;
	}
	if (sdd_entry_residue(e) == 0)
		return;
	if (e->state != 0)
		sc->used |= b;
	if (!entry_ok(d, e, true))
		sc->bad_fields |= b;
	else if (e->state & SDD_STATUS_RUNNING)
		sc->srun |= b;
}

/* PE pe's stack and private registrations (a row in slot order).  Most
 * PEs in most states have an empty stack, hold nothing they may not and
 * have no registration: such a PE changes nothing here, which three
 * fields and one branch-free pass over its row tell. */
static void scan_pe(const struct sdd *d, unsigned pe, struct scan *sc)
{
	const struct sdd_pe_state *p = &d->pe[pe];
	const struct sdd_entry *row = &d->priv[pe * d->npriv];
	uint64_t one, two, run = 0, bad = 0, frames, done, residue = 0;

	for (unsigned s = 0; s < d->npriv; s++)
		residue |= sdd_entry_residue(&row[s]);
	if (residue == 0 && p->depth == 0 && p->masked <= 1 && p->mask_depth == 0 &&
	    !(p->deferred & ~sc->irq) && (p->deferred == 0 || p->masked))
		return;
	stack_bits(d, pe, &one, &two);
	sc->many |= (sc->seen & one) | two;
	sc->seen |= one;
	for (unsigned s = 0; residue != 0 && s < d->npriv; s++) {
		const struct sdd_entry *e = &row[s];
		uint64_t b;
		if (sdd_entry_residue(e) == 0)
			continue;
		b = SDD_BIT(d->priv_event[s]);
		if (e->state != 0)
			sc->used |= b;
		if (!entry_ok(d, e, false))
			bad |= b;
		else if (e->state & SDD_STATUS_RUNNING)
			run |= b;
	}
	/* A private event runs here iff it has exactly one frame here (the
	 * shared events' bits are dropped by sdd_check's mask). */
	frames = ((run ^ (one & ~two)) | two) & ~bad;
	done = sc->bad_fields | sc->bad_frames;    /* an earlier PE broke a rule first */
	sc->bad_fields |= bad & ~done;
	sc->bad_frames |= frames & ~done;
	if (sc->stack_err == 0)
		sc->stack_err = check_frames(d, pe, sc->irq);
}

/* The bindings' verdict once the registrations are known: the first of
 * the event pass's errors and "a free slot registered somewhere" (-21),
 * then a slot on a platform event's interrupt or two platform events on
 * one (-23), then bound bits past the last event (-24). */
static int bindings_verdict(const struct sdd *d, const struct scan *sc)
{
	uint64_t reg = sc->unbound & sc->used, m;

	if (reg != 0 && (sc->bind_err == 0 || (reg & (~reg + 1)) < SDD_BIT(sc->bind_at)))
		return SDD_CHECK_FREE_SLOT_USED;
	if (sc->bind_err != 0)
		return sc->bind_err;
	if (sc->plat_dup)
		return SDD_CHECK_INTID_TWICE;
	m = sc->slots;
	for (unsigned i = 0; m != 0; i++, m >>= 1)
		if ((m & 1) && sdd_intid_is_set(&sc->plat, d->intid[i]))
			return SDD_CHECK_INTID_TWICE;
	if (d->plat.event_count < 64 && (d->bound >> d->plat.event_count) != 0)
		return SDD_CHECK_BOUND_BITS;
	return 0;
}

static const char *const check_rules[] = {
	[-SDD_CHECK_OK] = "no rule broken",
	[-SDD_CHECK_NO_DISPATCHER] = "no dispatcher, or a failed one",
	[-SDD_CHECK_PE_RANGE] = "a PE's dispatch depth or mask state out of range",
	[-SDD_CHECK_NESTING] = "two handlers nested otherwise than critical over normal",
	[-SDD_CHECK_FRAME_EVENT] = "a dispatch frame names no event",
	[-SDD_CHECK_FRAME_PRIORITY] = "a dispatch frame's priority is not its event's",
	[-SDD_CHECK_FRAME_INTERRUPT] = "a dispatch frame's interrupt (or explicit dispatch) is not its event's",
	[-SDD_CHECK_FRAME_IDLE] = "a dispatch frame of an event not marked running",
	[-SDD_CHECK_FRAME_PE] = "a shared event's frame on a PE it does not run on",
	[-SDD_CHECK_HELD_NO_IRQ] = "a PE holds back a trigger of an event no interrupt backs",
	[-SDD_CHECK_HELD_UNMASKED] = "a PE not masked holds back a trigger",
	[-SDD_CHECK_PLATFORM_BOUND] = "a platform event's binding changed",
	[-SDD_CHECK_FREE_SLOT_USED] = "a free bind slot has an interrupt or a registration",
	[-SDD_CHECK_SLOT_INTID] = "a bound slot's interrupt is not a PPI (private) or an existing SPI (shared)",
	[-SDD_CHECK_INTID_TWICE] = "two events on one interrupt",
	[-SDD_CHECK_BOUND_BITS] = "bound-slot bits past the last event",
	[-SDD_CHECK_PRIVATE_FIELDS] = "a private registration's fields are inconsistent",
	[-SDD_CHECK_PRIVATE_RUNNING] = "a private event marked running without exactly one frame on its PE, or the reverse",
	[-SDD_CHECK_SHARED_FIELDS] = "a shared registration's fields are inconsistent",
	[-SDD_CHECK_SHARED_RUNNING] = "a shared event marked running without exactly one frame system-wide, or the reverse",
};

/* see sdd.h */
const char *sdd_check_rule(int code)
{
	unsigned k = code <= 0 ? 0u - (unsigned)code : ~0u;

	if (k >= sizeof check_rules / sizeof check_rules[0] || check_rules[k] == NULL)
		return "unknown rule";
	return check_rules[k];
}

/* see sdd.h */
int sdd_check(const struct sdd *d)
{
	int err;

	if (!sdd_lock(d))
		return SDD_CHECK_NO_DISPATCHER;
	err = sdd_check_locked(d);
	sdd_unlock(d);
	return err;
}

int sdd_check_locked(const struct sdd *d)
{
	struct scan sc;
	uint64_t all;
	int err;

	/* field by field: the interrupt sets need no clearing (sdd_intid_set) */
	sc.bind_err = 0;
	sc.bind_at = 0;
	sc.unbound = sc.slots = 0;
	sc.priv = sc.irq = sc.used = sc.srun = sc.seen = sc.many = 0;
	sc.bad_fields = sc.bad_frames = 0;
	sc.stack_err = 0;
	sc.plat_dup = 0;
	sc.taken.live = 0;
	sc.plat.live = 0;
	for (unsigned i = 0; i < d->plat.event_count; i++)
		scan_event(d, i, &sc);
	for (unsigned p = 0; p < d->plat.pe_count; p++)
		scan_pe(d, p, &sc);

	err = bindings_verdict(d, &sc);
	if (err)
		return err;
	/* A shared event runs iff it has exactly one frame system-wide (§6.2). */
	sc.bad_frames = (sc.bad_frames & sc.priv) |
			((((sc.seen & ~sc.many) ^ sc.srun) | sc.many) & ~sc.priv & ~sc.bad_fields);
	all = sc.bad_fields | sc.bad_frames;
	if (all) {
		uint64_t first = all & (~all + 1);
		if (first & sc.priv)
			return (first & sc.bad_fields) ? SDD_CHECK_PRIVATE_FIELDS : SDD_CHECK_PRIVATE_RUNNING;
		return (first & sc.bad_fields) ? SDD_CHECK_SHARED_FIELDS : SDD_CHECK_SHARED_RUNNING;
	}
	return sc.stack_err;
}
