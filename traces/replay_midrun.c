/*
 * replay_midrun.c - the state a trace that starts mid-run presupposes
 * (replay_opts.mid_run, `sdeisim replay --mid-run`; traces/README.md,
 * "Replay").
 *
 * A field trace is often a window: the OS registered and enabled its
 * events, bound its interrupts and unmasked its PEs before the capture
 * began, and the window may even start inside a running handler.  A
 * replay of it from a machine just out of reset diverges on nearly every
 * record.  With mid_run, what the records show of that state, before the
 * window's own calls set it, becomes records of its own - assumed - put
 * before the trace's first, which the walk turns into a prologue of steps
 * like any other:
 *
 *   an event dispatched, or shown registered (EVENT_STATUS, GET_INFO of
 *   its routing, a successful ENABLE, DISABLE, ROUTING_SET or UNREGISTER)
 *   before any EVENT_REGISTER of it (on that PE, for a private event):
 *   registered there (a shared one on the PE of its first record, with
 *   the routing GET_INFO shows, else any PE), with the entry point and
 *   argument its dispatch shows; enabled when dispatched, or shown enabled,
 *   before any ENABLE or DISABLE;
 *   a bind slot's event dispatched for an INTID before any INTERRUPT_BIND
 *   of it: bound first, in the slots' order, so that the dispatcher (which
 *   gives a binding the first free slot) numbers it as the trace does -
 *   a slot below it bound to an interrupt the trace never names, and
 *   released once the others are bound;
 *   a PE that takes a dispatch before any PE_MASK or PE_UNMASK: unmasked;
 *   a PE whose first records are a handler's (its calls, h=1, or a
 *   completion, with no dispatch before them): that handler's event
 *   dispatched first - by its interrupt, or explicitly - when the
 *   completion names it.
 *
 * Records that reset what was there (PRIVATE_RESET, SHARED_RESET, a power
 * change, CPU_ON of the PE, SYSTEM_RESET) end what the window can be said
 * to start with.  Each assumption is a note at the line it comes from;
 * what cannot be assumed is a note too, and a window no one state
 * explains (two entry points, arguments or interrupts for one
 * registration) is an error.  Without mid_run nothing here runs: a
 * dispatch of an event a whole trace never registered is a dispatcher's
 * fault, which the replay must keep reporting.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "replay_midrun.h"
#include "grow.h"
#include "psci_rules.h"
#include "sdd/sdd_spec.h"

void mr_note(struct mr *m, uint32_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (!replay_vnote(m->rp, line, fmt, ap))
		m->failed = true;
	va_end(ap);
}

static bool contradiction(struct mr *m, uint32_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool contradiction(struct mr *m, uint32_t line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(m->err, m->errlen, "%s:%" PRIu32 ":1: --mid-run: ", m->rp->name, line);

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < m->errlen)
		vsnprintf(m->err + n, m->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	m->failed = true;
	return false;
}

uint64_t mr_x(const struct trace_rec *r, unsigned n)
{
	return (r->x_known & (1u << n)) ? r->x[n] : 0;
}

/* ---- Events of the platform ---- */

int mr_ev_class(const struct sim_platform *pl, int32_t e, uint32_t *slot)
{
	*slot = UINT32_MAX;
	if (e == 0)
		return MR_CL_PRIVATE;
	for (unsigned k = 0; k < pl->nevents; k++)
		if (pl->events[k].number == e)
			return pl->events[k].type == SDD_SHARED ? MR_CL_SHARED : MR_CL_PRIVATE;
	if (e >= pl->slot_private_base && (int64_t)e - pl->slot_private_base < (int64_t)pl->bind_private) {
		*slot = (uint32_t)(e - pl->slot_private_base);
		return MR_CL_PRIVATE;
	}
	if (e >= pl->slot_shared_base && (int64_t)e - pl->slot_shared_base < (int64_t)pl->bind_shared) {
		*slot = (uint32_t)(e - pl->slot_shared_base);
		return MR_CL_SHARED;
	}
	return MR_CL_NONE;
}

/* ---- Registrations ---- */

struct mr_key *mr_key(struct mr *m, int32_t event, unsigned pe)
{
	uint32_t slot;
	int cl = mr_ev_class(m->pl, event, &slot), kpe = cl == MR_CL_PRIVATE ? (int)pe : MR_ANY_PE;
	struct mr_key *room;

	/* an event of no class the platform knows has one key (any PE's
	 * REGISTER says the trace sets it up itself): it is only noted */
	for (uint32_t k = 0; k < m->nkeys; k++)
		if (m->keys[k].event == event && m->keys[k].pe == kpe)
			return &m->keys[k];
	room = sim_grow(m->keys, m->nkeys, &m->cap_keys, sizeof *room, 16);
	if (!room) {
		m->failed = true;
		return NULL;
	}
	m->keys = room;
	room = &m->keys[m->nkeys++];
	memset(room, 0, sizeof *room);
	room->event = event;
	room->pe = kpe;
	room->rm = -1;
	room->unknown = cl == MR_CL_NONE;
	/* what the window reset before its first record of this one */
	room->closed = kpe == MR_ANY_PE ? m->shared_reset : m->pe_reset[pe];
	return room;
}

/* Record r (on its PE, at its line; what it is: why) shows event
 * registered: the registration it stands for, or NULL when the window set
 * it itself before. */
static struct mr_key *registered(struct mr *m, int32_t event, const struct trace_rec *r, const char *why)
{
	struct mr_key *k = mr_key(m, event, r->pe);

	if (!k || k->closed)
		return NULL;
	if (!k->reg) {
		k->reg = true;
		k->line = r->line;
		k->why = why;
		k->first_pe = r->pe;
	}
	return k;
}

static void enabled(struct mr_key *k, bool en, uint32_t line, const char *why)
{
	if (!k || k->en_known)
		return;
	k->en_known = true;
	k->en = en;
	k->en_line = line;
	k->en_why = why;
}

static void close_key(struct mr *m, int32_t event, unsigned pe)
{
	struct mr_key *k = mr_key(m, event, pe);

	if (k)
		k->closed = true;
}

/* A reset of PE pe's private registrations (MR_ANY_PE: every PE's), or of
 * the shared ones: the window sets them itself from here on. */
static void reset(struct mr *m, int pe, bool shared)
{
	for (uint32_t k = 0; k < m->nkeys; k++)
		if (shared ? m->keys[k].pe == MR_ANY_PE : m->keys[k].pe != MR_ANY_PE && (pe == MR_ANY_PE || m->keys[k].pe == pe))
			m->keys[k].closed = true;
	if (shared)
		m->shared_reset = true;
	for (unsigned p = 0; p < TRACE_MAX_PES && !shared; p++)
		m->pe_reset[p] |= pe == MR_ANY_PE || (int)p == pe;
}

/* PE pe (MR_ANY_PE: every PE) starts again, masked (DEN0054C §6.5): from
 * off, with its private registrations reset where the platform's
 * cpu_on policy resets them. */
static void restart(struct mr *m, int pe, bool from_off)
{
	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		m->mask[p].closed |= pe == MR_ANY_PE || (int)p == pe;
	if (from_off && m->pl->policy.cpu_on == SDD_CPU_ON_RESET_PRIVATE)
		reset(m, pe, false);
}

/* ---- What each record shows ---- */

static void on_call(struct mr *m, const struct trace_rec *r)
{
	uint32_t fid = trace_rec_fid(r), intid;
	bool ok = r->end == TRACE_END_RET && (r->r_known & 1);
	int64_t res = (int64_t)r->r[0];
	int32_t ev = (int32_t)(uint32_t)mr_x(r, 1);
	int fn = trace_fid_is_psci(fid) ? trace_psci_fn(fid) : -1;
	struct mr_key *k;

	if (fn == SIM_PSCI_CPU_ON) {
		int t = sim_psci_target(fid, mr_x(r, 1), m->pl->mpidr, m->pl->pes);
		if (t >= 0)
			restart(m, t, true);
	} else if (fn == SIM_PSCI_SYSTEM_RESET || fn == SIM_PSCI_SYSTEM_OFF) {
		restart(m, MR_ANY_PE, false);
		reset(m, MR_ANY_PE, false);
		reset(m, MR_ANY_PE, true);
	}
	switch (fid) {
	case SDD_FID_EVENT_REGISTER:
		close_key(m, ev, r->pe);
		break;
	case SDD_FID_EVENT_UNREGISTER:
		if (ok && (res == 0 || res == SDD_PENDING))
			registered(m, ev, r, "its EVENT_UNREGISTER");
		close_key(m, ev, r->pe);
		break;
	case SDD_FID_EVENT_ENABLE:
	case SDD_FID_EVENT_DISABLE:
	case SDD_FID_EVENT_ROUTING_SET:
		k = ok && res == 0 ? registered(m, ev, r, fid == SDD_FID_EVENT_ENABLE ? "its EVENT_ENABLE" :
						fid == SDD_FID_EVENT_DISABLE ? "its EVENT_DISABLE" : "its EVENT_ROUTING_SET")
				   : mr_key(m, ev, r->pe);
		/* the window enables or disables it itself (ROUTING_SET: it was disabled) */
		enabled(k, false, r->line, "");
		break;
	case SDD_FID_EVENT_STATUS:
		if (!ok || res < 0)
			break;
		if (!(res & SDD_STATUS_REGISTERED)) {
			close_key(m, ev, r->pe);
			break;
		}
		k = registered(m, ev, r, "its EVENT_STATUS");
		enabled(k, (res & SDD_STATUS_ENABLED) != 0, r->line, "its EVENT_STATUS");
		break;
	case SDD_FID_EVENT_GET_INFO:
		/* routing mode and affinity: of a registered shared event only */
		if (!ok || res < 0 || (mr_x(r, 2) != SDD_INFO_EV_ROUTING_MODE && mr_x(r, 2) != SDD_INFO_EV_ROUTING_AFF))
			break;
		k = registered(m, ev, r, "its EVENT_GET_INFO");
		if (!k || k->pe != MR_ANY_PE)
			break;
		if (mr_x(r, 2) == SDD_INFO_EV_ROUTING_MODE && k->rm < 0) {
			k->rm = res & SDD_REGFLAG_RM_PE ? (int)SDD_REGFLAG_RM_PE : 0;
			k->rm_line = r->line;
		} else if (mr_x(r, 2) == SDD_INFO_EV_ROUTING_AFF && !k->has_aff) {
			k->has_aff = true;
			k->aff = (uint64_t)res;
		}
		break;
	case SDD_FID_PE_MASK:
	case SDD_FID_PE_UNMASK:
		m->mask[r->pe].closed = true;
		break;
	case SDD_FID_PRIVATE_RESET:
		reset(m, r->pe, false);
		break;
	case SDD_FID_SHARED_RESET:
		reset(m, MR_ANY_PE, true);
		break;
	case SDD_FID_INTERRUPT_BIND:
		if (sim_param32(m->pl, mr_x(r, 1), &intid) && intid < 1020)
			m->intid_bound[intid] = true;
		break;
	case SDD_FID_INTERRUPT_RELEASE:
		for (uint32_t b = 0; b < m->nbinds; b++)
			if (m->binds[b].event == ev)
				m->binds[b].closed = true;
		break;
	default:
		break;
	}
}

/* A bind slot's event dispatched for an interrupt the window has not bound. */
static bool bound_before(struct mr *m, const struct trace_rec *r, uint32_t slot, bool shared)
{
	struct mr_bind *room;

	if (r->cause != TRACE_CAUSE_IRQ || !(r->has & TRACE_HAS_INTID) || r->intid >= 1020 ||
	    m->intid_bound[r->intid])
		return true;
	for (uint32_t b = 0; b < m->nbinds; b++) {
		const struct mr_bind *x = &m->binds[b];
		if (x->closed || (x->event != r->event && x->intid != r->intid))
			continue;
		if (x->event != r->event || x->intid != r->intid)
			return contradiction(m, r->line, "event %s is dispatched here for INTID %" PRIu32 " but event %s "
					     "for INTID %" PRIu32 " at line %" PRIu32 ", with no INTERRUPT_BIND between: "
					     "no one binding explains both", MR_EV(r->event), r->intid, MR_EV(x->event),
					     x->intid, x->line);
		return true;
	}
	room = sim_grow(m->binds, m->nbinds, &m->cap_binds, sizeof *room, 8);
	if (!room) {
		m->failed = true;
		return false;
	}
	m->binds = room;
	m->binds[m->nbinds++] = (struct mr_bind){ r->event, r->intid, r->line, slot, r->pe, false, shared };
	return true;
}

/* Two records of one registration that no registration explains. */
static bool same_value(struct mr *m, const struct mr_key *k, const struct trace_rec *r, const char *what,
		       uint64_t was, uint32_t was_line, uint64_t now)
{
	char where[40] = " (shared)";

	if (was == now)
		return true;
	if (k->pe != MR_ANY_PE)
		snprintf(where, sizeof where, " on PE %d", k->pe);
	return contradiction(m, r->line, "event %s%s is entered with %s 0x%" PRIx64 " here but 0x%" PRIx64 " at line %"
			     PRIu32 ", with no EVENT_REGISTER between: no one registration explains both", MR_EV(k->event),
			     where, what, now, was, was_line);
}

static bool on_dispatch(struct mr *m, const struct trace_rec *r)
{
	uint32_t slot;
	int cl = mr_ev_class(m->pl, r->event, &slot);
	struct mr_key *k;

	/* the binding first: a registration the window makes itself needs it too */
	if (slot != UINT32_MAX && !bound_before(m, r, slot, cl == MR_CL_SHARED))
		return false;
	if (!m->mask[r->pe].closed && !m->mask[r->pe].line) {
		m->mask[r->pe].line = r->line;
		m->mask[r->pe].why = "its dispatch";
	}
	k = registered(m, r->event, r, "its dispatch");
	if (!k)
		return true;
	enabled(k, true, r->line, "its dispatch");
	if (r->has & TRACE_HAS_EP) {
		if (k->has_ep && !same_value(m, k, r, "entry point", k->ep, k->ep_line, r->ep))
			return false;
		if (!k->has_ep)
			k->has_ep = true, k->ep = r->ep, k->ep_line = r->line;
	}
	if (r->x_known & 2) {
		if (k->has_arg && !same_value(m, k, r, "argument", k->arg, k->arg_line, r->x[1]))
			return false;
		if (!k->has_arg)
			k->has_arg = true, k->arg = r->x[1], k->arg_line = r->line;
	}
	return true;
}

/* The handlers each PE runs when the window starts: a PE whose first
 * handler records (a call with h=1, a completion) come with no dispatch
 * before them.  The completion that ends it names its event. */
static void find_running(struct mr *m)
{
	uint8_t depth[TRACE_MAX_PES] = { 0 };
	bool done[TRACE_MAX_PES] = { false };

	for (uint32_t i = 0; i < m->rp->nrecs; i++) {
		const struct trace_rec *r = &m->rp->recs[i];
		unsigned p = r->pe;
		if (r->kind == TRACE_PLATFORM || r->kind == TRACE_WARNING || done[p])
			continue;
		if (r->kind == TRACE_DISPATCH) {
			depth[p]++;
		} else if (r->kind == TRACE_COMPLETE && depth[p]) {
			depth[p]--;
		} else if (r->kind == TRACE_COMPLETE) {
			if (!m->pre[p].line)
				m->pre[p].line = r->line;
			m->pre[p].done = r->line;
			m->pre[p].event = r->event;
			m->pre[p].nested = (r->has & TRACE_HAS_DEPTH) && r->depth > 0;
			done[p] = true;
		} else if (r->kind == TRACE_CALL && r->from_handler && !depth[p] && !m->pre[p].line) {
			m->pre[p].line = r->line;
		}
	}
}

bool mr_scan(struct mr *m)
{
	find_running(m);
	for (unsigned p = 0; p < TRACE_MAX_PES; p++) {
		struct trace_rec r;
		const char *why;
		if (!m->pre[p].done || m->pre[p].nested || m->pre[p].event < 0)
			continue;
		trace_rec_init(&r, TRACE_DISPATCH);
		r.pe = (uint8_t)p;
		r.line = m->pre[p].line;
		r.event = m->pre[p].event;
		why = m->pre[p].line == m->pre[p].done ? "its handler's completion" : "its handler's call";
		enabled(registered(m, r.event, &r, why), true, r.line, why);
		m->mask[p].line = r.line;
		m->mask[p].why = why;
	}
	for (uint32_t i = 0; i < m->rp->nrecs && !m->failed; i++) {
		const struct trace_rec *r = &m->rp->recs[i];
		switch (r->kind) {
		case TRACE_CALL:
			/* the calls the replay makes: its dispatcher's conduit (the walk) */
			if ((r->x_known & 1) && r->conduit == (m->pl->conduit == SIM_CONDUIT_HVC ? TRACE_HVC : TRACE_SMC))
				on_call(m, r);
			break;
		case TRACE_DISPATCH:
			on_dispatch(m, r);
			break;
		case TRACE_POWER:
			/* off, frozen, or back from off or a power-down state (a
			 * standby keeps the mask) */
			if (r->state != TRACE_PWR_STANDBY && !((r->has & TRACE_HAS_PREV) && r->prev == TRACE_PWR_STANDBY))
				restart(m, r->pe, r->state == TRACE_PWR_ON && (r->has & TRACE_HAS_PREV) &&
					r->prev == TRACE_PWR_OFF);
			break;
		default:
			break;
		}
	}
	return !m->failed;
}
