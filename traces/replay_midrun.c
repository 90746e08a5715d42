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
 *   its routing, a successful ENABLE, DISABLE, ROUTING_SET or UNREGISTER,
 *   a shared event's INTERRUPT_RELEASE answered DENIED)
 *   before any EVENT_REGISTER of it (on that PE, for a private event):
 *   registered there (a shared one on the PE of its first record, with
 *   the routing its GET_INFOs show before any ROUTING_SET of it, else any
 *   PE), with the entry point and
 *   argument its dispatch shows; enabled when dispatched, or shown enabled,
 *   before any ENABLE or DISABLE;
 *   a bind slot's event dispatched for an INTID before any INTERRUPT_BIND
 *   of it, or registered and returned by the window's first INTERRUPT_BIND
 *   of an INTID before any release: bound first, in the slots' order, so
 *   that the dispatcher (which
 *   gives a binding the first free slot) numbers it as the trace does -
 *   a slot below it bound to an interrupt the trace never names, and
 *   released once the others are bound - kept bound when it is below the
 *   slot the window's own first new binding of its kind takes (the
 *   slots below that one were all bound) - replay_midrun_bind.c;
 *   a PE that takes a dispatch before any PE_MASK or PE_UNMASK: unmasked;
 *   a PE whose first records are a handler's (its calls, h=1, or a
 *   completion, with no dispatch before them): that handler's event
 *   dispatched first - by its interrupt, or explicitly - when the
 *   completion names it; and when that completion leaves another running,
 *   a critical handler over a normal one, the outer one first and the
 *   inner one over it.
 *
 * Records that reset what was there (PRIVATE_RESET, SHARED_RESET, a power
 * change, CPU_ON of the PE, SYSTEM_RESET) end what the window can be said
 * to start with.  Each assumption is a note at the line it comes from;
 * what cannot be assumed is a note too, and a window no one state
 * explains (two entry points, arguments, interrupts or routings for one
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

bool mr_contradiction(struct mr *m, uint32_t line, const char *fmt, ...)
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

bool mr_is_call(const struct mr *m, const struct trace_rec *r)
{
	return r->kind == TRACE_CALL && (r->x_known & 1) &&
	       r->conduit == (m->pl->conduit == SIM_CONDUIT_HVC ? TRACE_HVC : TRACE_SMC);
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

void mr_close_key(struct mr *m, int32_t event, unsigned pe)
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

/* "RM_PE to MPIDR 0x1", "RM_PE", "RM_ANY". */
static const char *routing_str(char *buf, size_t n, int rm, bool has_aff, uint64_t aff)
{
	if (rm && has_aff)
		snprintf(buf, n, "RM_PE to MPIDR 0x%" PRIx64, aff);
	else
		snprintf(buf, n, "%s", rm ? "RM_PE" : "RM_ANY");
	return buf;
}

/* A GET_INFO at r shows shared registration k's routing mode, or (aff)
 * its affinity, which only RM_PE has: what one routing must explain. */
static void routing_shown(struct mr *m, struct mr_key *k, const struct trace_rec *r, bool aff, uint64_t v)
{
	int rm = aff || (v & SDD_REGFLAG_RM_PE) ? (int)SDD_REGFLAG_RM_PE : 0;
	char now[48], was[48];

	if ((k->rm >= 0 && k->rm != rm) || (aff && k->has_aff && k->aff != v)) {
		mr_contradiction(m, r->line, "event %s (shared) is routed %s here (its EVENT_GET_INFO) but %s at line %" PRIu32
			      ", with no EVENT_ROUTING_SET or EVENT_REGISTER between: no one routing explains both",
			      MR_EV(k->event), routing_str(now, sizeof now, rm, aff, v),
			      routing_str(was, sizeof was, k->rm, k->has_aff, k->aff), k->rm != rm ? k->rm_line : k->aff_line);
		return;
	}
	if (k->rm < 0) {
		k->rm = rm;
		k->rm_line = r->line;
	}
	if (aff && !k->has_aff) {
		k->has_aff = true;
		k->aff = v;
		k->aff_line = r->line;
	}
}

static void on_call(struct mr *m, const struct trace_rec *r)
{
	uint32_t fid = trace_rec_fid(r), intid, slot;
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
		memset(m->held, 0, sizeof m->held);    /* no firmware holds an interrupt any more */
	}
	mr_slots_freed(m, r);
	switch (fid) {
	case SDD_FID_EVENT_REGISTER:
		mr_close_key(m, ev, r->pe);
		break;
	case SDD_FID_EVENT_UNREGISTER:
		if (ok && (res == 0 || res == SDD_PENDING))
			registered(m, ev, r, "its EVENT_UNREGISTER");
		mr_close_key(m, ev, r->pe);
		break;
	case SDD_FID_EVENT_ENABLE:
	case SDD_FID_EVENT_DISABLE:
	case SDD_FID_EVENT_ROUTING_SET:
		k = ok && res == 0 ? registered(m, ev, r, fid == SDD_FID_EVENT_ENABLE ? "its EVENT_ENABLE" :
						fid == SDD_FID_EVENT_DISABLE ? "its EVENT_DISABLE" : "its EVENT_ROUTING_SET")
				   : mr_key(m, ev, r->pe);
		/* the window enables or disables it itself (ROUTING_SET: it was disabled) */
		enabled(k, false, r->line, "");
		/* and routes it itself: what a GET_INFO shows after is its own */
		if (k && fid == SDD_FID_EVENT_ROUTING_SET && ok && res == 0 && !k->rt_set)
			k->rt_set = r->line;
		break;
	case SDD_FID_EVENT_STATUS:
		if (!ok || res < 0)
			break;
		if (!(res & SDD_STATUS_REGISTERED)) {
			mr_close_key(m, ev, r->pe);
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
		if (k && k->pe == MR_ANY_PE && !k->rt_set)
			routing_shown(m, k, r, mr_x(r, 2) == SDD_INFO_EV_ROUTING_AFF, (uint64_t)res);
		break;
	case SDD_FID_PE_MASK:
	case SDD_FID_PE_UNMASK:
		m->mask[r->pe].closed = true;
		break;
	case SDD_FID_PRIVATE_RESET:
		/* registrations only: no binding goes (DEN0054C §5.1.18) */
		reset(m, r->pe, false);
		break;
	case SDD_FID_SHARED_RESET:
		/* the bindings it gives back: slots_freed */
		reset(m, MR_ANY_PE, true);
		break;
	case SDD_FID_INTERRUPT_BIND:
		if (!sim_param32(m->pl, mr_x(r, 1), &intid) || intid >= GIC_NUM_INTIDS)
			break;
		if (ok && res >= 0 && res <= INT32_MAX) {
			if (!mr_bound_once(m, r, intid, (int32_t)res))
				break;          /* a contradiction: said */
			if (!m->intid_bound[intid])
				mr_bound_by_bind(m, r, intid, (int32_t)res);
		}
		m->intid_bound[intid] = true;
		break;
	case SDD_FID_INTERRUPT_RELEASE:
		/* DENIED: the event is registered (DEN0054C §5.1.15: a release
		 * needs it unregistered on every PE), so bound, and nothing is
		 * released - a shared event's registration shows so; a private
		 * event's is some PE's, which the record does not name.  Unless
		 * the platform refuses an Active interrupt's release too
		 * (mr_release_denied_registers), when this is what would show
		 * it registered */
		if (ok && res == SDD_DENIED && mr_ev_class(m->pl, ev, &slot) == MR_CL_SHARED) {
			k = mr_key(m, ev, r->pe);
			if (k && !k->closed && !k->reg && !mr_release_denied_registers(m, r, ev))
				break;
			if ((k = registered(m, ev, r, "its INTERRUPT_RELEASE answered DENIED")) && k->line == r->line &&
			    m->pl->policy.bound_active == SDD_BOUND_ACTIVE_DENIED)
				mr_note(m, r->line, "assumed: the INTERRUPT_RELEASE of event %s here is answered DENIED "
					"because the event is registered, not because its interrupt is Active, which this "
					"platform refuses to release too (policy bound_active) and no record of the trace "
					"shows: its interrupt's state when the trace starts is not in it", MR_EV(ev));
		} else if (ok && res == 0)
			mr_released(m, ev);
		break;
	default:
		break;
	}
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
	return mr_contradiction(m, r->line, "event %s%s is entered with %s 0x%" PRIx64 " here but 0x%" PRIx64 " at line %"
			     PRIu32 ", with no EVENT_REGISTER between: no one registration explains both", MR_EV(k->event),
			     where, what, now, was, was_line);
}

static bool on_dispatch(struct mr *m, const struct trace_rec *r)
{
	uint32_t slot;
	int cl = mr_ev_class(m->pl, r->event, &slot);
	struct mr_key *k;

	/* the binding first: a registration the window makes itself needs it too */
	if (slot != UINT32_MAX && !mr_bound_before(m, r, slot, cl == MR_CL_SHARED))
		return false;
	if (!m->mask[r->pe].closed && !m->mask[r->pe].line) {
		m->mask[r->pe].line = r->line;
		m->mask[r->pe].why = "its dispatch";
	}
	k = registered(m, r->event, r, "its dispatch");
	if (!k)
		return true;
	enabled(k, true, r->line, "its dispatch");
	if (!k->has_disp && !k->rt_set) {
		k->has_disp = true;
		k->disp_pe = r->pe;
		k->disp_line = r->line;
	}
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

/* The platform event whose own interrupt intid is (event 0's SGI, or
 * another's fixed INTID), into *event; false when none is: a bound
 * interrupt's event the window alone tells. */
static bool platform_event_of(const struct sim_platform *pl, uint32_t intid, int32_t *event)
{
	if (intid == pl->event0_sgi) {
		*event = 0;
		return true;
	}
	for (unsigned k = 0; k < pl->nevents; k++)
		if (!pl->events[k].explicit_event && pl->events[k].intid == intid) {
			*event = pl->events[k].number;
			return true;
		}
	return false;
}

/* A hold of a platform event's own interrupt, or an acknowledge deferred
 * for a masked PE - no dispatch in the window to show the event: the GIC
 * signalled it, and the dispatcher enables an event's interrupt only
 * while the event is enabled, so it was registered and enabled. */
static void acknowledged(struct mr *m, const struct trace_rec *r)
{
	const char *why = r->how == TRACE_IRQ_HOLD ? "its interrupt's hold" : "its interrupt's deferred acknowledge";
	int32_t event;

	if (platform_event_of(m->pl, r->intid, &event))
		enabled(registered(m, event, r, why), true, r->line, why);
}

/* A handler of event starts (in) or finishes: count it when the event
 * is shared (a SHARED_RESET while one runs releases no binding). */
static void shared_handler(struct mr *m, int32_t event, bool in)
{
	uint32_t slot;

	if (mr_ev_class(m->pl, event, &slot) != MR_CL_SHARED)
		return;
	if (in)
		m->shared_running++;
	else if (m->shared_running)
		m->shared_running--;
}

bool mr_scan(struct mr *m)
{
	char why_not[400];

	mr_find_running(m);
	for (unsigned p = 0; p < TRACE_MAX_PES; p++) {
		for (unsigned d = 0; d < m->npre[p]; d++)
			shared_handler(m, m->pre[p][d].event, true);
		if (!m->npre[p] || mr_running_why_not(m, p, why_not, sizeof why_not))
			continue;
		for (unsigned d = 0; d < m->npre[p]; d++) {
			const struct mr_pre *x = &m->pre[p][d];
			const char *why = x->line == x->done ? "its handler's completion" : "its handler's call";
			struct trace_rec r;
			trace_rec_init(&r, TRACE_DISPATCH);
			r.pe = (uint8_t)p;
			r.line = x->line;
			r.event = x->event;
			enabled(registered(m, r.event, &r, why), true, r.line, why);
			if (d == 0) {
				m->mask[p].line = r.line;
				m->mask[p].why = why;
			}
		}
	}
	for (uint32_t i = 0; i < m->rp->nrecs && !m->failed; i++) {
		const struct trace_rec *r = &m->rp->recs[i];
		switch (r->kind) {
		case TRACE_CALL:
			/* the calls the replay makes: its dispatcher's conduit (the walk) */
			if (mr_is_call(m, r))
				on_call(m, r);
			break;
		case TRACE_DISPATCH:
			shared_handler(m, r->event, true);
			on_dispatch(m, r);
			break;
		case TRACE_COMPLETE:
			shared_handler(m, r->event, false);
			break;
		case TRACE_IRQ:
			/* a held interrupt is Active until its hand-over (a
			 * SHARED_RESET TF-A answers DENIED keeps its binding) */
			if (r->how == TRACE_IRQ_HOLD)
				m->held[r->pe] = r->intid + 1;
			else if (r->how == TRACE_IRQ_ACK && m->held[r->pe] == r->intid + 1)
				m->held[r->pe] = 0;
			if (r->how == TRACE_IRQ_HOLD ||
			    (r->how == TRACE_IRQ_ACK && (r->has & TRACE_HAS_RES) && r->res == TRACE_RES_DEFERRED))
				acknowledged(m, r);
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
	mr_pinned(m);
	return !m->failed;
}
