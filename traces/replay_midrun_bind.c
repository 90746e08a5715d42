/*
 * replay_midrun_bind.c - what a window's records show of the interrupt
 * bindings it starts with (replay_midrun.c reads the records and asks
 * these): a bind slot's event dispatched for an INTID, or returned by the
 * window's first INTERRUPT_BIND of one, before any release that may have
 * freed it, was bound to that INTID already; what a release or a reset
 * gives back ends what can be said; and two INTIDs of one slot with
 * nothing between that freed it are a window no start explains.  The
 * prologue makes the bindings found here (replay_prologue_bind.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "replay_midrun.h"
#include "grow.h"
#include "sdd/sdd_spec.h"

static struct mr_bind *add_bind(struct mr *m, struct mr_bind **v, uint32_t *nv, uint32_t *cap, const struct mr_bind *x)
{
	struct mr_bind *room = sim_grow(*v, *nv, cap, sizeof *room, 8);

	if (!room) {
		m->failed = true;
		return NULL;
	}
	*v = room;
	room[*nv] = *x;
	return &room[(*nv)++];
}

/* The binding of event in v[0..n) that no release or reset has closed,
 * or NULL. */
static const struct mr_bind *open_bind(const struct mr_bind *v, uint32_t n, int32_t event)
{
	for (uint32_t b = 0; b < n; b++)
		if (v[b].event == event && !v[b].closed)
			return &v[b];
	return NULL;
}

/* The window's first call `fid` after line lo and before line hi, or NULL. */
static const struct trace_rec *call_between(const struct mr *m, uint32_t fid, uint32_t lo, uint32_t hi)
{
	for (uint32_t i = 0; i < m->rp->nrecs; i++) {
		const struct trace_rec *r = &m->rp->recs[i];
		if (r->line > lo && r->line < hi && mr_is_call(m, r) && trace_rec_fid(r) == fid)
			return r;
	}
	return NULL;
}

/* Two bindings of one slot, x and y, with nothing between that freed it.
 * What would have: an INTERRUPT_RELEASE of the event, or a SHARED_RESET,
 * which releases every binding (DEN0054C §5.1.19); the message says so,
 * and of a reset between that did not, why: a PRIVATE_RESET releases none
 * (§5.1.18: it unregisters private events), and a SHARED_RESET answered
 * DENIED is taken to have kept it (replay_slots_freed). */
static bool no_one_binding(struct mr *m, const struct mr_bind *x, const struct mr_bind *y)
{
	const struct mr_bind *a = x->line < y->line ? x : y, *b = a == x ? y : x;
	const struct trace_rec *sr = call_between(m, SDD_FID_SHARED_RESET, a->line, b->line);
	const struct trace_rec *pr = call_between(m, SDD_FID_PRIVATE_RESET, a->line, b->line);
	char shared[200], priv[120] = "", res[40];

	if (sr)
		snprintf(shared, sizeof shared, "INTERRUPT_RELEASE between, and the SHARED_RESET at line %" PRIu32
			 " between, %s%s, is taken to have kept it", sr->line,
			 (sr->r_known & 1) ? "answered " : "with no result",
			 (sr->r_known & 1) ? trace_result_str(res, sizeof res, (int64_t)sr->r[0]) : "");
	else
		snprintf(shared, sizeof shared, "INTERRUPT_RELEASE or SHARED_RESET between, either of which frees the "
			 "slot (a SHARED_RESET releases every binding)");
	if (pr)
		snprintf(priv, sizeof priv, "; the PRIVATE_RESET at line %" PRIu32 " between releases none (it "
			 "unregisters private events)", pr->line);
	return mr_contradiction(m, b->line, "event %s is %s INTID %" PRIu32 " here, but event %s was %s INTID %" PRIu32
			     " at line %" PRIu32 ", with no %s%s: no one binding explains both",
			     MR_EV(b->event), b->by_bind ? "returned by an INTERRUPT_BIND of" : "dispatched for", b->intid,
			     MR_EV(a->event), a->by_bind ? "returned by an INTERRUPT_BIND of" : "dispatched for", a->intid,
			     a->line, shared, priv);
}

/* INTERRUPT_BIND binds a PPI as a private event and an SPI as a shared one
 * (DEN0054C §5.1.14; reference sdei-spec.md §3.12), and which bind slots
 * are which is the platform's layout, which no record changes: a binding
 * of INTID intid that a record shows in a slot of the other kind - a
 * binding that returns it (by_bind), or the slot's event dispatched for
 * intid - is no start's.  Before, --mid-run took the one for the
 * interrupt a held slot was bound to and its prologue bound that
 * interrupt, which took a slot of the other kind; and it assumed the
 * other bound when the window started, which no binding could have made:
 * every record after diverged.  An SGI's binding is noted where it would
 * be assumed (replay_prologue_bind.c). */
#define KIND_RULE "a binding of a PPI is a private event and of an SPI a shared one: no binding explains it"

static bool slot_of_its_kind(struct mr *m, const struct trace_rec *r, uint32_t intid, int32_t event, bool shared,
			     bool by_bind)
{
	int32_t base = shared ? m->pl->slot_shared_base : m->pl->slot_private_base;
	uint32_t n = shared ? m->pl->bind_shared : m->pl->bind_private;
	const char *kind = shared ? "a PPI" : "an SPI";
	char slots[2 * TRACE_EVENT_STR + 60];

	if (intid < 16 || (intid >= 32) == shared)
		return true;
	snprintf(slots, sizeof slots, "one of this platform's %s bind slots (%s..%s)", shared ? "shared" : "private",
		 MR_EV(base), MR_EV(base + (int32_t)n - 1));
	if (by_bind)
		return mr_contradiction(m, r->line, "an INTERRUPT_BIND of INTID %" PRIu32 ", %s, returns event %s, %s, "
					"but %s", intid, kind, MR_EV(event), slots, KIND_RULE);
	return mr_contradiction(m, r->line, "event %s, %s, is dispatched for INTID %" PRIu32 ", %s, but %s",
				MR_EV(event), slots, intid, kind, KIND_RULE);
}

/* What call r gave back of the bindings (replay_slots_freed): the slots
 * of a kind it frees, and whether every binding of it went (a reset that
 * releases them all: what the window binds from here on is its own), or
 * any not in use may have (a SHARED_RESET TF-A answered DENIED: a binding
 * after it that returns a bind slot's event says nothing of the start). */
void mr_slots_freed(struct mr *m, const struct trace_rec *r)
{
	bool reset = trace_rec_fid(r) != SDD_FID_INTERRUPT_RELEASE, spi_held = false;
	unsigned all, kinds;

	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		spi_held |= m->held[p] > 32;
	kinds = replay_slots_freed(m->pl, r, m->shared_running > 0, spi_held, &all);
	for (int sh = 0; sh < 2; sh++) {
		unsigned kind = sh ? REPLAY_SLOTS_SHARED : REPLAY_SLOTS_PRIVATE;
		if (!(kinds & kind))
			continue;
		if (!m->freed[sh])
			m->freed[sh] = r->line;
		m->binds_reset[sh] |= (all & kind) != 0;
		m->maybe_released[sh] |= reset;
		for (uint32_t b = 0; b < m->nbound && reset; b++)
			m->bound[b].closed |= m->bound[b].shared == (sh == 1);
	}
}

/* A successful INTERRUPT_RELEASE of event: it was bound, and registered
 * on no PE (DEN0054C §5.1.15), and its number is free.  What the window
 * does with it from here on is its own: a binding of it, its
 * registrations.  What records before showed of its start stays: the
 * prologue's binding of it, its registration. */
void mr_released(struct mr *m, int32_t event)
{
	int32_t *room = sim_grow(m->released, m->nreleased, &m->cap_released, sizeof *room, 8);

	if (!room) {
		m->failed = true;
		return;
	}
	m->released = room;
	m->released[m->nreleased++] = event;
	for (uint32_t b = 0; b < m->nbinds; b++)
		if (m->binds[b].event == event)
			m->binds[b].closed = true;
	for (uint32_t b = 0; b < m->nbound; b++)
		if (m->bound[b].event == event)
			m->bound[b].closed = true;
	for (unsigned p = 0; p < m->pl->pes && p < TRACE_MAX_PES; p++)
		mr_close_key(m, event, p);
}

static bool was_released(const struct mr *m, int32_t event)
{
	for (uint32_t k = 0; k < m->nreleased; k++)
		if (m->released[k] == event)
			return true;
	return false;
}

/* The window's first INTERRUPT_BIND of intid returned event: when event
 * is a bind slot's the window has not released, it was bound to intid
 * already if it was bound at all (a new binding takes a free slot). */
void mr_bound_by_bind(struct mr *m, const struct trace_rec *r, uint32_t intid, int32_t event)
{
	uint32_t slot;
	int cl = mr_ev_class(m->pl, event, &slot);

	if (slot == UINT32_MAX || m->maybe_released[cl == MR_CL_SHARED] || was_released(m, event))
		return;
	add_bind(m, &m->pins, &m->npins, &m->cap_pins,
		 &(struct mr_bind){ event, intid, r->line, slot, r->pe, false, cl == MR_CL_SHARED, true, false });
}

/* An INTERRUPT_BIND of intid returned event: a slot holds one interrupt,
 * so one of another INTID that returned it before, with no release or
 * reset between that may have freed it, is a window no start explains
 * (a dispatcher that gave one slot two interrupts). */
bool mr_bound_once(struct mr *m, const struct trace_rec *r, uint32_t intid, int32_t event)
{
	uint32_t slot;
	int cl = mr_ev_class(m->pl, event, &slot);
	struct mr_bind x = { event, intid, r->line, slot, r->pe, false, cl == MR_CL_SHARED, true, false };
	const struct mr_bind *was;

	if (slot == UINT32_MAX)
		return true;
	if (!slot_of_its_kind(m, r, intid, event, cl == MR_CL_SHARED, true))
		return false;
	if ((was = open_bind(m->bound, m->nbound, event)) != NULL)
		return was->intid == intid || no_one_binding(m, was, &x);
	return add_bind(m, &m->bound, &m->nbound, &m->cap_bound, &x) != NULL;
}

/* A shared event's INTERRUPT_RELEASE r answered DENIED: the event is
 * registered (DEN0054C §5.1.15), but on a platform that also refuses to
 * release a binding whose interrupt is Active (policy bound_active:
 * TF-A's sdei_interrupt_release), DENIED may say that instead.  The
 * window tells them apart when a PE's firmware holds (irq how=hold, not
 * yet handed over) the INTID it shows the event bound to: then no
 * registration is assumed, noted.  true: take it for one. */
bool mr_release_denied_registers(struct mr *m, const struct trace_rec *r, int32_t event)
{
	const struct mr_bind *x;
	uint32_t intid;

	if (m->pl->policy.bound_active != SDD_BOUND_ACTIVE_DENIED)
		return true;
	if ((x = open_bind(m->bound, m->nbound, event)) == NULL && (x = open_bind(m->binds, m->nbinds, event)) == NULL)
		return true;
	intid = x->intid;
	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		if (m->held[p] == intid + 1) {
			mr_note(m, r->line, "cannot assume event %s registered from this INTERRUPT_RELEASE answered DENIED: "
			        "PE %u's firmware holds INTID %" PRIu32 ", the event's, which is Active, and this platform "
			        "refuses to release an Active interrupt's binding too (policy bound_active)", MR_EV(event),
			        p, intid);
			return false;
		}
	return true;
}

/* The pins of events whose registration is assumed: bound when the
 * window starts (the window may have made the others itself). */
void mr_pinned(struct mr *m)
{
	for (uint32_t p = 0; p < m->npins && !m->failed; p++) {
		const struct mr_bind *x = &m->pins[p], *same = NULL;
		bool reg = false;
		for (uint32_t k = 0; k < m->nkeys; k++)
			reg |= m->keys[k].event == x->event && m->keys[k].reg;
		for (uint32_t b = 0; b < m->nbinds && !same; b++)
			if (m->binds[b].event == x->event)
				same = &m->binds[b];
		if (same && same->intid != x->intid)
			no_one_binding(m, x, same);
		else if (reg && !same)
			add_bind(m, &m->binds, &m->nbinds, &m->cap_binds, x);
	}
}


/* A bind slot's event dispatched for an interrupt the window has not bound:
 * bound when it starts, unless a reset released every binding of its kind
 * since, or a release the event's (the window binds them itself from
 * there on: one that dispatches for an interrupt nothing bound again is
 * the dispatcher's doing). */
bool mr_bound_before(struct mr *m, const struct trace_rec *r, uint32_t slot, bool shared)
{
	if (r->cause != TRACE_CAUSE_IRQ || !(r->has & TRACE_HAS_INTID) || r->intid >= GIC_NUM_INTIDS ||
	    m->intid_bound[r->intid] || m->binds_reset[shared] || was_released(m, r->event))
		return true;
	if (!slot_of_its_kind(m, r, r->intid, r->event, shared, false))
		return false;
	for (uint32_t b = 0; b < m->nbinds; b++) {
		const struct mr_bind *x = &m->binds[b];
		if (x->closed || (x->event != r->event && x->intid != r->intid))
			continue;
		return (x->event == r->event && x->intid == r->intid) ||
		       no_one_binding(m, x, &(struct mr_bind){ r->event, r->intid, r->line, slot, r->pe, false, shared, false, false });
	}
	return add_bind(m, &m->binds, &m->nbinds, &m->cap_binds,
			&(struct mr_bind){ r->event, r->intid, r->line, slot, r->pe, false, shared, false, false }) != NULL;
}
