/*
 * replay_blame.c - which of --mid-run's assumptions a divergence of the
 * trace may follow from (replay_compare_internal.h, cmp_blame).
 *
 * An assumed record the replay does not bear out (the dispatcher refused
 * the prologue's EVENT_REGISTER, say), or one --mid-run made otherwise
 * than the records show (replay.assumed_unlike: a routing to an MPIDR the
 * platform lacks, made RM_ANY), leaves the replay in another state than
 * the window started in, and what the trace does with that state then
 * diverges too: those divergences must not read as the dispatcher's
 * fault.  But only those: a divergence of another event on another PE is
 * the dispatcher's own, and saying it may follow from the assumption would
 * hide it.  So each record has a reach - the events, the INTID, the PE it
 * concerns - and a divergence is blamed on an assumption when their
 * reaches meet:
 *
 *   an event: the same number, and for a private event the same PE (a
 *     private event's registration is each PE's own); a shared event on
 *     any PE (its routing decides which PE it is dispatched on, and any
 *     PE's calls read its state), and a private one too where either
 *     record is an INTERRUPT_BIND or INTERRUPT_RELEASE (the binding of a
 *     PPI is every PE's: its event is valid on all PEs, and a RELEASE
 *     waits for every PE's UNREGISTER).  A call's events are the one it names
 *     (x1; EVENT_SIGNAL's on its target's PE; INTERRUPT_BIND's its
 *     result) and the one whose handler makes it; a dispatch's and a
 *     completion's, theirs; an acknowledgement's, the event its INTID is
 *     known to dispatch (the records' dispatches for it and bindings of
 *     it, the platform's events);
 *   an INTID: the same one (an SGI or PPI on the same PE: each PE has its
 *     own - but a binding of a PPI binds it on every PE);
 *   a PE: an assumed PE_UNMASK reaches every record of its PE (a masked
 *     PE takes no dispatch, and an EVENT_SIGNAL to it stays pending);
 *   a bind slot: an assumed INTERRUPT_BIND or INTERRUPT_RELEASE reaches
 *     every INTERRUPT_BIND of the trace that returns a slot of its class
 *     (private or shared), and every record that concerns the event of a
 *     slot such a binding returns: the dispatcher gives a binding the
 *     first free slot, so one binding the prologue could not make
 *     renumbers them, and the trace's calls of the number it shows find
 *     no binding (or another's).
 *
 * The reach is not followed further: what a handler the replay never ran
 * would have done to other events (registered them, signalled) is not
 * blamed on the assumption, and reads as a divergence of its own.
 */
#include <stdlib.h>

#include "replay_compare_internal.h"
#include "replay_midrun.h"
#include "sdd/sdd_spec.h"

#define NO_CLASS (-1)

struct reach {
	int32_t  ev[2];
	uint8_t  ev_pe[2];
	unsigned nev;
	uint32_t intid;            /* MR_NO_INTID: none */
	uint8_t  intid_pe;
	uint8_t  on_pe;            /* the PE it acts on: its own, EVENT_SIGNAL's target */
	int      pe;               /* an assumption's: every record that acts on that PE (-1: none) */
	int      bind_class;       /* MR_CL_PRIVATE, MR_CL_SHARED: an assumption's, a binding or release of
				    * that class's slots; a trace record's, it concerns a slot of that class
				    * the trace's own INTERRUPT_BIND returns; NO_CLASS */
	bool     binding;          /* an INTERRUPT_BIND or INTERRUPT_RELEASE: of its event and INTID on every PE */
};

static void add_event(struct reach *x, int32_t ev, unsigned pe)
{
	if (ev >= 0 && x->nev < 2) {
		x->ev[x->nev] = ev;
		x->ev_pe[x->nev++] = (uint8_t)pe;
	}
}

/* The class of the bind slot event is (NO_CLASS: none). */
static int slot_class(const struct cmp *c, int64_t event)
{
	uint32_t slot;
	int cl;

	if (event < 0 || event > INT32_MAX)
		return NO_CLASS;
	cl = mr_ev_class(&c->rp->prog.platform, (int32_t)event, &slot);
	return slot == UINT32_MAX ? NO_CLASS : cl;
}

/* The class of event when it is a bind slot an INTERRUPT_BIND of the
 * trace's own returns, else NO_CLASS. */
static int numbered_class(const struct cmp *c, int32_t event)
{
	uint32_t slot;
	int cl;

	if (event < 0 || !c->known)
		return NO_CLASS;
	cl = mr_ev_class(&c->rp->prog.platform, event, &slot);
	return slot < SDD_MAX_EVENTS && c->known->numbered[cl == MR_CL_SHARED][slot] ? cl : NO_CLASS;
}

struct cmp_known *cmp_known_new(const struct replay *rp)
{
	const struct sim_platform *pl = &rp->prog.platform;
	struct cmp_known *kn = calloc(1, sizeof *kn);
	int32_t *ev;
	uint32_t slot;

	if (!kn)
		return NULL;
	ev = kn->intid_event;
	/* each source over the one before it; within one, the first record
	 * over the later ones (the records go backwards) */
	for (uint32_t i = 0; i < GIC_NUM_INTIDS; i++)
		ev[i] = -1;
	for (unsigned k = pl->nevents; k-- > 0;)
		if (!pl->events[k].explicit_event && pl->events[k].intid < GIC_NUM_INTIDS)
			ev[pl->events[k].intid] = pl->events[k].number;
	if (pl->event0_sgi < GIC_NUM_INTIDS)
		ev[pl->event0_sgi] = 0;
	for (uint32_t k = rp->nrecs; k-- > 0;) {
		const struct trace_rec *r = &rp->recs[k];
		if (r->kind != TRACE_CALL || trace_rec_fid(r) != SDD_FID_INTERRUPT_BIND || !(r->r_known & 1) ||
		    r->r[0] > INT32_MAX)
			continue;
		if (mr_x(r, 1) < GIC_NUM_INTIDS)
			ev[mr_x(r, 1)] = (int32_t)r->r[0];
		if (k >= rp->nassumed) {
			int cl = mr_ev_class(pl, (int32_t)r->r[0], &slot);
			if (slot < SDD_MAX_EVENTS)
				kn->numbered[cl == MR_CL_SHARED][slot] = true;
		}
	}
	for (uint32_t k = rp->nrecs; k-- > 0;) {
		const struct trace_rec *r = &rp->recs[k];
		if (r->kind == TRACE_DISPATCH && r->cause == TRACE_CAUSE_IRQ && (r->has & TRACE_HAS_INTID) &&
		    r->intid < GIC_NUM_INTIDS)
			ev[r->intid] = r->event;
	}
	return kn;
}

/* The reach of call record k (reach_of's, for a call). */
static void call_reach(const struct cmp *c, uint32_t k, struct reach *x)
{
	const struct replay *rp = c->rp;
	const struct trace_rec *r = &rp->recs[k];
	uint32_t fid = trace_rec_fid(r);

	switch (fid) {
	case SDD_FID_INTERRUPT_BIND:
		x->intid = (uint32_t)mr_x(r, 1);
		x->binding = true;
		if ((r->r_known & 1) && (int64_t)r->r[0] >= 0 && r->r[0] <= INT32_MAX) {
			add_event(x, (int32_t)r->r[0], r->pe);
			if (k < rp->nassumed)
				x->bind_class = slot_class(c, (int64_t)r->r[0]);
		}
		break;
	case SDD_FID_INTERRUPT_RELEASE:
		x->binding = true;
		if (k < rp->nassumed)
			x->bind_class = slot_class(c, (int64_t)(int32_t)(uint32_t)mr_x(r, 1));
		add_event(x, (int32_t)(uint32_t)mr_x(r, 1), r->pe);
		break;
	case SDD_FID_PE_UNMASK:
		x->pe = r->pe;
		break;
	default:
		x->on_pe = (uint8_t)cmp_pe_of_call(c, fid, mr_x(r, 2), r->pe);
		if (cmp_call_names_event(fid))
			add_event(x, (int32_t)(uint32_t)mr_x(r, 1), x->on_pe);
		break;
	}
	if (rp->rec_inv[k] >= 0)       /* made by a handler: of the event it runs for */
		add_event(x, rp->recs[rp->invs[rp->rec_inv[k]].dispatch].event, r->pe);
}

/* The reach of record k (an assumed one's or the trace's). */
static void reach_of(const struct cmp *c, uint32_t k, struct reach *x)
{
	const struct replay *rp = c->rp;
	const struct trace_rec *r = &rp->recs[k];

	x->nev = 0;
	x->intid = MR_NO_INTID;
	x->intid_pe = r->pe;
	x->on_pe = r->pe;
	x->pe = -1;
	x->bind_class = NO_CLASS;
	x->binding = false;
	switch (r->kind) {
	case TRACE_DISPATCH:
		add_event(x, r->event, r->pe);
		if (r->cause == TRACE_CAUSE_IRQ && (r->has & TRACE_HAS_INTID))
			x->intid = r->intid;
		break;
	case TRACE_COMPLETE:
		add_event(x, r->event, r->pe);
		break;
	case TRACE_IRQ:
		x->intid = r->intid;
		add_event(x, r->intid < GIC_NUM_INTIDS && c->known ? c->known->intid_event[r->intid] : -1, r->pe);
		break;
	case TRACE_CALL:
		call_reach(c, k, x);
		break;
	default:
		break;
	}
	for (unsigned i = 0; i < x->nev && k >= rp->nassumed; i++)
		if (x->bind_class == NO_CLASS)
			x->bind_class = numbered_class(c, x->ev[i]);
}

static bool reaches(const struct cmp *c, const struct reach *a, const struct reach *t, const struct trace_rec *r)
{
	uint32_t slot;

	for (unsigned i = 0; i < a->nev; i++)
		for (unsigned j = 0; j < t->nev; j++)
			if (a->ev[i] == t->ev[j] && (a->ev_pe[i] == t->ev_pe[j] || a->binding || t->binding ||
			    mr_ev_class(&c->rp->prog.platform, a->ev[i], &slot) == MR_CL_SHARED))
				return true;
	if (a->intid != MR_NO_INTID && a->intid == t->intid &&
	    (a->intid >= 32 || a->intid_pe == t->intid_pe || a->binding || t->binding))
		return true;
	if (a->pe >= 0 && (a->pe == r->pe || a->pe == t->on_pe))
		return true;
	return a->bind_class != NO_CLASS && a->bind_class == t->bind_class;
}

int32_t cmp_blame(const struct cmp *c, const struct trace_rec *r)
{
	const struct replay *rp = c->rp;
	struct reach t, a;
	bool known = false;

	if (r < rp->recs + rp->nassumed || r >= rp->recs + rp->nrecs)
		return -1;
	for (uint32_t k = 0; k < rp->nassumed; k++) {
		if ((rp->role[k] == ROLE_NONE || c->state[k] == MATCHED) && !(rp->assumed_unlike && rp->assumed_unlike[k]))
			continue;
		if (!known) {
			reach_of(c, (uint32_t)(r - rp->recs), &t);
			known = true;
		}
		reach_of(c, k, &a);
		if (reaches(c, &a, &t, r))
			return (int32_t)k;
	}
	return -1;
}
