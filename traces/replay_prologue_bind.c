/*
 * replay_prologue_bind.c - the bindings a trace that starts mid-run is
 * assumed to come after (replay_prologue.c puts them first): the ones its
 * records show, in slot order, and the fillers that make each binding's
 * number the trace's - the slots below it, bound to interrupts no record
 * names and given back, or held when the window starts.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "replay_midrun.h"
#include "sdd/sdd_spec.h"

/* Why the client cannot bind an INTID on the platform (UB_NO: it can). */
enum { UB_NO, UB_SGI, UB_GIC, UB_SECURE, UB_EVENT };

/* Why the client cannot bind INTID i on the platform: an SGI (no client
 * binds one: INTERRUPT_BIND takes PPIs and SPIs; event 0's among them),
 * one its GIC lacks, one its firmware owns, or a platform event's (*event
 * its number). */
static int unbindable(const struct sim_platform *pl, uint32_t i, int32_t *event)
{
	if (i < 16)
		return UB_SGI;
	if (!sim_intid_exists(pl, i))
		return UB_GIC;
	for (unsigned k = 0; k < pl->nsecure; k++)
		if (pl->secure_intids[k] == i)
			return UB_SECURE;
	for (unsigned k = 0; k < pl->nevents; k++)
		if (!pl->events[k].explicit_event && pl->events[k].intid == i) {
			*event = pl->events[k].number;
			return UB_EVENT;
		}
	return UB_NO;
}

static bool bindable(const struct sim_platform *pl, uint32_t i)
{
	int32_t event;

	return unbindable(pl, i, &event) == UB_NO;
}

/* Is INTID i one no record of the window names, the client's to bind as
 * a slot of the kind (SPI: shared), which a filler can take? */
static bool unused_intid(const struct mr *m, uint32_t i)
{
	if (!bindable(m->pl, i))
		return false;
	for (uint32_t k = 0; k < m->rp->nrecs; k++) {
		const struct trace_rec *r = &m->rp->recs[k];
		if (((r->kind == TRACE_IRQ || r->kind == TRACE_DISPATCH) && r->intid == i) ||
		    (r->kind == TRACE_CALL && trace_rec_fid(r) == SDD_FID_INTERRUPT_BIND && (uint32_t)mr_x(r, 1) == i))
			return false;
	}
	return true;
}

static int by_slot(const void *x, const void *y)
{
	const struct mr_bind *a = x, *b = y;

	if (a->shared != b->shared)
		return a->shared ? 1 : -1;
	return a->slot < b->slot ? -1 : a->slot > b->slot;
}

/* The slots of a kind (shared or private) bound when the window starts
 * that no record names: those below the slot the window's first new
 * binding of that kind takes - its first INTERRUPT_BIND of an INTID that
 * returns a slot of the kind, before any release or reset of one, and
 * that rebinds no interrupt the prologue binds (a new binding takes the
 * first free slot, so each slot below it was bound).  Their number, and that
 * binding in *at (NULL, 0: none).
 *
 * The same records are a whole trace's of a dispatcher that skipped a free
 * slot, a fault the fillers would hide.  Only a record before the binding
 * that frees the slots tells the two apart - a release, a SHARED_RESET
 * (which releases every binding; Linux's SDEI probe makes one, so a trace
 * of its boot has it) or a SYSTEM_RESET - and then none is held; a later
 * binding that takes a slot below does not (in a window, a rebinding of
 * the interrupt held there returns it: rebound_later), so the note of the
 * first filler says what else the records may show. */
static uint32_t held_below(const struct mr *m, bool shared, const struct mr_bind **at)
{
	*at = NULL;
	for (uint32_t p = 0; p < m->npins; p++) {
		const struct mr_bind *x = &m->pins[p];
		bool pinned = false;
		if (x->shared != shared || (m->freed[shared] && x->line > m->freed[shared]))
			continue;
		for (uint32_t b = 0; b < m->nbinds && !pinned; b++)    /* bound already: a rebinding */
			pinned = m->binds[b].event == x->event && m->binds[b].intid == x->intid;
		if (!pinned) {
			*at = x;
			return x->slot;
		}
	}
	return 0;
}

/* What replays as traced a trace whose records name INTID i, beyond the
 * platform's GIC: the platform record's SPI count, else a profile whose
 * GIC has it, in buf. */
static const char *spis_needed(const struct mr *m, uint32_t i, char *buf, size_t n)
{
	struct sim_platform q;
	char other[80] = "; no --profile's GIC has it";
	const struct trace_rec *plat = NULL;

	for (uint32_t k = 0; k < m->rp->nrecs && !plat; k++)      /* the first is the one used */
		if (m->rp->recs[k].kind == TRACE_PLATFORM)
			plat = &m->rp->recs[k];
	for (unsigned k = 0; sim_profile_name(k); k++)
		if (sim_platform_profile(&q, sim_profile_name(k)) && sim_intid_exists(&q, i)) {
			snprintf(other, sizeof other, ", or use --profile %s, whose GIC has it", sim_profile_name(k));
			break;
		}
	snprintf(buf, n, "give the trace's platform record the traced machine's SPI count (spis=%" PRIu32 " or more)%s",
		 i - 31, plat && (plat->has & TRACE_HAS_SPIS) ? "" : other);
	return buf;
}

/* The rebinding x shows the interrupt a held slot is bound to when the
 * window starts, but the platform will not bind that interrupt: the slot
 * gets one no record names (rebound_later), and x's INTERRUPT_BIND may
 * diverge.  Noted with why, and what platform replays it as traced. */
static void rebinding_unbindable(struct mr *m, const struct mr_bind *x)
{
	char why[160], fix[240], ranges[80], spis[200];
	int32_t event = 0;

	switch (unbindable(m->pl, x->intid, &event)) {
	case UB_SGI:
		snprintf(why, sizeof why, "it is an SGI, which no client binds (INTERRUPT_BIND takes a PPI or an SPI)");
		snprintf(fix, sizeof fix, "no platform makes it one the client binds");
		break;
	case UB_GIC:
		snprintf(why, sizeof why, "it is beyond this platform's GIC (%s)", sim_intid_ranges(m->pl, ranges, sizeof ranges));
		snprintf(fix, sizeof fix, "to replay it as traced, %s", spis_needed(m, x->intid, spis, sizeof spis));
		break;
	case UB_SECURE:
		snprintf(why, sizeof why, "this platform's firmware owns it (a secure INTID)");
		snprintf(fix, sizeof fix, "to replay it as traced, give the trace's platform record the traced machine's "
			 "secure INTIDs (secure=, without %" PRIu32 ")", x->intid);
		break;
	case UB_EVENT:
		snprintf(why, sizeof why, "it is the interrupt of this platform's event %s", MR_EV(event));
		snprintf(fix, sizeof fix, "to replay it as traced, give the trace's platform record the traced machine's "
			 "events (events=, none of them on INTID %" PRIu32 ")", x->intid);
		break;
	default:
		return;
	}
	mr_note(m, x->line, "cannot assume INTID %" PRIu32 " bound to event %s when the trace starts, as this "
	        "INTERRUPT_BIND shows (it returns that event before any release: binding a bound interrupt returns its "
	        "event): %s; the slot is assumed bound to an interrupt no record names, and this INTERRUPT_BIND may "
	        "diverge; %s", x->intid, MR_EV(x->event), why, fix);
}

/* The binding that names the interrupt held slot `slot` of a kind is bound
 * to when the window starts (held_below): the window's INTERRUPT_BIND of
 * an INTID that returns that slot's event before any release or reset of
 * the kind - a rebinding (binding a bound interrupt returns its event;
 * a new binding would take the first free slot, and every slot below the
 * window's first new one was bound) - of an interrupt the client may bind
 * and the prologue binds to no other event.  NULL: none, and the filler
 * is an interrupt no record names.  Before, it always was one, and that
 * INTERRUPT_BIND got a new slot in the replay.  *refused: a rebinding of
 * an interrupt the platform will not bind (NULL: none). */
static const struct mr_bind *rebound_later(const struct mr *m, bool shared, uint32_t slot,
					   const struct mr_bind **refused)
{
	*refused = NULL;
	for (uint32_t p = 0; p < m->npins; p++) {
		const struct mr_bind *x = &m->pins[p];
		bool taken = false;
		if (x->shared != shared || x->slot != slot || (m->freed[shared] && x->line > m->freed[shared]))
			continue;
		if (!bindable(m->pl, x->intid)) {
			*refused = x;
			continue;
		}
		for (uint32_t b = 0; b < m->nbinds && !taken; b++)
			taken = m->binds[b].intid == x->intid;
		if (!taken)
			return x;
	}
	return NULL;
}

/* The bindings the prologue makes, with their fillers: interrupts no
 * record names, bound to the slots below (held: those bound when the
 * window starts, kept; the rest given back once the others are bound). */
#define MR_MAX_FILLS 64
struct fills {
	struct { uint32_t line; int32_t event; uint8_t pe; bool kept; } v[MR_MAX_FILLS];
	uint32_t n, next[2], cand[2], held[2], said[2];
	const struct mr_bind *held_at[2];
};

/* Fill the slots of x's kind up to x's slot (x: the binding above them,
 * or the window's first new binding, f->held_at): false when no
 * interrupt the trace leaves unnamed is left for one.  A held slot that a
 * later INTERRUPT_BIND rebinds is bound to that one's interrupt (one the
 * platform will not bind: noted, and an unnamed one). */
static bool fill_to(struct mr *m, struct fills *f, const struct mr_bind *x)
{
	bool sh = x->shared;
	int32_t base = sh ? m->pl->slot_shared_base : m->pl->slot_private_base;
	uint32_t last = sh ? 32 + m->pl->spis : 32, *nx = &f->next[sh], *c = &f->cand[sh], intid;

	while (*nx < x->slot && f->n < MR_MAX_FILLS) {
		const struct mr_bind *h = f->held_at[sh];
		bool kept = *nx < f->held[sh];
		const struct mr_bind *by = kept ? h : x, *refused = NULL;
		const struct mr_bind *named = kept ? rebound_later(m, sh, *nx, &refused) : NULL;
		char who[160] = "an interrupt no record names:";
		if (named) {
			intid = named->intid;
			snprintf(who, sizeof who, "its INTERRUPT_BIND at line %" PRIu32 " returns that event before any "
				 "release (binding a bound interrupt returns its event);", named->line);
		} else {
			while (*c < last && !unused_intid(m, *c))
				(*c)++;
			if (*c >= last)
				break;
			intid = (*c)++;
			if (refused)
				rebinding_unbindable(m, refused);
		}
		/* the first kept says what else the records may show (held_below) */
		if (kept)
			mr_note(m, h->line, "assumed: INTID %" PRIu32 " bound to event %s when the trace starts (%s the "
			        "INTERRUPT_BIND of INTID %" PRIu32 " here returns event %s, and the dispatcher gives a binding "
			        "the first free slot, so each slot below it was bound%s)", intid, MR_EV(base + (int32_t)*nx),
			        who, h->intid, MR_EV(h->event), f->said[sh]++ ? "" :
			        "; the same records show a dispatcher that skipped a free slot, in a trace from boot with "
			        "no SHARED_RESET before this binding (Linux's SDEI probe makes one) to say the slots were "
			        "free: the replay without --mid-run reports that");
		else
			mr_note(m, x->line, "assumed: INTID %" PRIu32 " bound to event %s first, and released once the others "
			        "are, so that INTID %" PRIu32 " binds as event %s (the dispatcher gives a binding the first "
			        "free slot)", intid, MR_EV(base + (int32_t)*nx), x->intid, MR_EV(x->event));
		mr_call(m, by->pe, by->line, SDD_FID_INTERRUPT_BIND, (uint64_t[5]){ intid, 0, 0, 0, 0 }, base + (int32_t)*nx);
		f->v[f->n].line = by->line;
		f->v[f->n].event = base + (int32_t)*nx;
		f->v[f->n].pe = by->pe;
		f->v[f->n++].kept = kept;
		(*nx)++;
	}
	return *nx >= x->slot;
}

/* A binding the prologue makes is of an SPI beyond the platform's GIC (a
 * trace of another machine, or replayed under another profile): the
 * dispatcher refuses it, and with it the event's registration and all the
 * window does with the event.  It is made all the same - it is what the
 * records show, and its refusal is where the replay says what failed, the
 * divergences that may follow from it saying so (replay_blame.c); not made,
 * the event's registration could not be assumed either, and those would
 * read as the dispatcher's own.  Noted with what replays it as traced: the
 * platform record's SPI count, else a profile whose GIC has the SPI. */
static void beyond_the_gic(struct mr *m, const struct mr_bind *x)
{
	char ranges[80], fix[200];

	if (sim_intid_exists(m->pl, x->intid))
		return;
	mr_note(m, x->line, "INTID %" PRIu32 " is beyond this platform's GIC (%s): the dispatcher refuses the binding "
	        "assumed here, and what concerns event %s may diverge; to replay it as traced, %s", x->intid,
	        sim_intid_ranges(m->pl, ranges, sizeof ranges), MR_EV(x->event), spis_needed(m, x->intid, fix, sizeof fix));
}

/* The bindings, in slot order: the dispatcher gives a binding the first
 * free slot, so a slot below one the window uses is taken by a filler -
 * an interrupt no record names - and given back once the others are
 * bound, unless the window's own first new binding shows it bound
 * (held_below).  Bindings whose number cannot be made are noted and left
 * out. */
void mr_bind_all(struct mr *m)
{
	struct fills f = { .n = 0, .cand = { 16, 32 } };

	for (int sh = 0; sh < 2; sh++)
		f.held[sh] = held_below(m, sh, &f.held_at[sh]);
	if (m->nbinds)
		qsort(m->binds, m->nbinds, sizeof *m->binds, by_slot);
	for (uint32_t b = 0; b < m->nbinds; b++) {
		struct mr_bind *x = &m->binds[b];
		if (!fill_to(m, &f, x) || f.next[x->shared] != x->slot) {
			mr_note(m, x->line, "cannot assume INTID %" PRIu32 " bound to event %s: a binding takes the first free "
			        "slot, and no interrupt the trace leaves unnamed can take the slots below it",
			        x->intid, MR_EV(x->event));
			x->unmade = true;
			continue;
		}
		mr_note(m, x->line, "assumed: INTID %" PRIu32 " bound to event %s on PE %u (%s at line %" PRIu32 "%s)",
		        x->intid, MR_EV(x->event), x->pe, x->by_bind ? "an INTERRUPT_BIND of it" : "its dispatch", x->line,
		        x->by_bind ? " returns that event before any INTERRUPT_RELEASE of it, and its registration is "
		        "assumed: binding a bound interrupt returns its event" : "");
		beyond_the_gic(m, x);
		mr_call(m, x->pe, x->line, SDD_FID_INTERRUPT_BIND, (uint64_t[5]){ x->intid, 0, 0, 0, 0 }, x->event);
		f.next[x->shared]++;
	}
	for (int sh = 0; sh < 2; sh++)
		if (f.held_at[sh] && !fill_to(m, &f, f.held_at[sh]))
			mr_note(m, f.held_at[sh]->line, "cannot assume the slots below event %s bound when the trace starts (the "
			        "INTERRUPT_BIND of INTID %" PRIu32 " here returns it, and a binding takes the first free slot): "
			        "no interrupt the trace leaves unnamed can take them", MR_EV(f.held_at[sh]->event),
			        f.held_at[sh]->intid);
	for (uint32_t k = 0; k < f.n; k++)
		if (!f.v[k].kept)
			mr_call(m, f.v[k].pe, f.v[k].line, SDD_FID_INTERRUPT_RELEASE,
			     (uint64_t[5]){ (uint32_t)f.v[k].event, 0, 0, 0, 0 }, 0);
}
