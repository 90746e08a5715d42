/*
 * replay_prologue.c - the records a trace that starts mid-run is assumed
 * to come after (replay_internal.h, replay_mid_run; what its records show:
 * replay_midrun.c), put before its first: bindings (with the fillers that
 * make a binding's number the trace's: replay_prologue_bind.c),
 * registrations, enables, unmasks,
 * and the dispatch of the handlers running when the window starts (two:
 * the outer one, then the one nested over it).  Each is a note at the
 * line it comes from; the walk makes them steps.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "replay_midrun.h"
#include "grow.h"
#include "psci_rules.h"
#include "sdd/sdd_spec.h"

static struct trace_rec *add(struct mr *m, unsigned kind, unsigned pe, uint32_t line)
{
	struct trace_rec *room = sim_grow(m->out, m->nout, &m->cap_out, sizeof *room, 16);

	if (!room) {
		m->failed = true;
		return NULL;
	}
	m->out = room;
	room = &m->out[m->nout++];
	trace_rec_init(room, kind);
	room->has = TRACE_HAS_T | TRACE_HAS_PE;
	room->t = m->t0;
	room->pe = (uint8_t)pe;
	room->line = line;
	return room;
}

void mr_call(struct mr *m, unsigned pe, uint32_t line, uint32_t fid, const uint64_t x[5], int64_t r0)
{
	struct trace_rec *r = add(m, TRACE_CALL, pe, line);

	if (!r)
		return;
	r->conduit = m->pl->conduit == SIM_CONDUIT_HVC ? TRACE_HVC : TRACE_SMC;
	r->el = m->pl->client_el;
	r->x[0] = fid;
	for (unsigned k = 0; k < 5; k++)
		r->x[k + 1] = x[k];
	r->x_known = 0x3F;
	r->end = TRACE_END_RET;
	r->r[0] = (uint64_t)r0;
	r->r_known = 1;
}

/* A bind slot's event the prologue binds: its binding, else NULL. */
static const struct mr_bind *binding(const struct mr *m, int32_t event)
{
	for (uint32_t b = 0; b < m->nbinds; b++)
		if (m->binds[b].event == event && !m->binds[b].unmade)
			return &m->binds[b];
	return NULL;
}

/* "entry 0x80081000, argument 0x80a01040: its dispatch at line 7", and
 * where the registration shows first when that is another record. */
static void reg_detail(const struct mr_key *k, char *buf, size_t n)
{
	char ep[40] = "entry point unknown", arg[40] = "argument unknown";
	uint32_t from = k->has_ep ? k->ep_line : k->arg_line;

	if (k->has_ep)
		snprintf(ep, sizeof ep, "entry 0x%" PRIx64, k->ep);
	if (k->has_arg)
		snprintf(arg, sizeof arg, "argument 0x%" PRIx64, k->arg);
	if (!k->has_ep && !k->has_arg)
		snprintf(buf, n, "%s at line %" PRIu32 "; no dispatch of it shows its entry point and argument",
			 k->why, k->line);
	else if (from == k->line)
		snprintf(buf, n, "%s, %s: %s at line %" PRIu32, ep, arg, k->why, k->line);
	else
		snprintf(buf, n, "%s at line %" PRIu32 "; %s, %s: its dispatch at line %" PRIu32, k->why, k->line, ep,
			 arg, from);
}

/* The routing shared registration k's GET_INFOs show is to an MPIDR no
 * PE of the platform has (a trace of another machine, or replayed under
 * another profile): the dispatcher would refuse that registration, and
 * with it everything the window does with the event.  It is registered
 * routed to any PE instead - the 1-of-N SPI then goes where the trace
 * shows it - noted at the GET_INFO with what replays it as traced, and
 * marked unlike the trace, so that what follows from the routing says
 * it may (replay_blame.c). */
static bool routed_where_no_pe_is(struct mr *m, const struct mr_key *k)
{
	if (!k->has_aff || k->rm <= 0 || sim_pe_of_mpidr(m->pl->mpidr, m->pl->pes, k->aff) >= 0)
		return false;
	mr_note(m, k->aff_line, "cannot assume event %s routed to MPIDR 0x%" PRIx64 " (its EVENT_GET_INFO here): no PE of "
	        "this platform has that MPIDR, so it is assumed routed to any PE, and what depends on its routing may "
	        "diverge; to replay it as traced, give the trace's platform record the traced machine's MPIDRs (mpidr=) "
	        "or use a --profile that has that PE", MR_EV(k->event), k->aff);
	return true;
}

/* The last record made is not what the window's records show (struct
 * mr's unlike). */
static void unlike(struct mr *m)
{
	uint32_t *room = sim_grow(m->unlike, m->nunlike, &m->cap_unlike, sizeof *room, 4);

	if (!room || !m->nout) {
		m->failed = true;
		return;
	}
	m->unlike = room;
	m->unlike[m->nunlike++] = m->nout - 1;
}

static void register_one(struct mr *m, struct mr_key *k)
{
	uint32_t slot;
	char detail[200], route[160] = "", from[64] = "";
	uint64_t flags = 0, aff = 0;
	bool elsewhere = false;

	mr_ev_class(m->pl, k->event, &slot);
	if (k->unknown) {
		mr_note(m, k->line, "cannot assume event %s registered (%s at line %" PRIu32 "): no event of this "
		        "platform has that number", MR_EV(k->event), k->why, k->line);
		return;
	}
	if (slot != UINT32_MAX && !binding(m, k->event)) {
		mr_note(m, k->line, "cannot assume event %s registered (%s at line %" PRIu32 "): it is a bind slot, and no "
		        "record shows its interrupt (a dispatch of it by one, an INTERRUPT_BIND that returns it: no SDEI "
		        "call answers with an INTID); start the window before one, or put that INTERRUPT_BIND's call "
		        "record before this line", MR_EV(k->event), k->why, k->line);
		return;
	}
	reg_detail(k, detail, sizeof detail);
	if (k->pe == MR_ANY_PE) {
		flags = k->rm > 0 ? SDD_REGFLAG_RM_PE : 0;
		aff = k->has_aff ? k->aff : m->pl->mpidr[k->has_disp ? k->disp_pe : k->first_pe];
		if (k->has_aff && k->aff_line != k->rm_line)
			snprintf(from, sizeof from, "; the affinity: its EVENT_GET_INFO at line %" PRIu32, k->aff_line);
		else if (!k->has_aff && k->has_disp)
			snprintf(from, sizeof from, "; the affinity: the PE of its dispatch at line %" PRIu32, k->disp_line);
		else if (!k->has_aff)
			snprintf(from, sizeof from, "; the affinity: its PE's");
		elsewhere = routed_where_no_pe_is(m, k);
		if (elsewhere) {
			flags = 0;
			snprintf(route, sizeof route, ", routed to any PE (not to MPIDR 0x%" PRIx64 " as its EVENT_GET_INFO at "
				 "line %" PRIu32 " shows: no PE of this platform has it)", aff, k->aff_line);
		} else if (k->rm < 0 && k->rt_set)
			snprintf(route, sizeof route, ", routed to any PE (no EVENT_GET_INFO before its EVENT_ROUTING_SET at "
				 "line %" PRIu32 " shows its routing)", k->rt_set);
		else if (k->rm < 0)
			snprintf(route, sizeof route, ", routed to any PE (no EVENT_GET_INFO shows its routing)");
		else if (flags)
			snprintf(route, sizeof route, ", routed to MPIDR 0x%" PRIx64 " (its EVENT_GET_INFO at line %" PRIu32
				 "%s)", aff, k->rm_line, from);
		else
			snprintf(route, sizeof route, ", routed to any PE (its EVENT_GET_INFO at line %" PRIu32 ")",
				 k->rm_line);
		mr_note(m, k->line, "assumed: event %s registered by PE %u%s (%s)", MR_EV(k->event), k->first_pe, route, detail);
	} else {
		mr_note(m, k->line, "assumed: event %s registered on PE %d (%s)", MR_EV(k->event), k->pe, detail);
	}
	mr_call(m, k->first_pe, k->line, SDD_FID_EVENT_REGISTER,
	     (uint64_t[5]){ (uint32_t)k->event, k->ep, k->arg, flags, flags ? aff : 0 }, 0);
	if (elsewhere)
		unlike(m);
	k->made = true;
}

static void enable_one(struct mr *m, const struct mr_key *k)
{
	char where[40] = "";

	if (!k->made || !k->en)
		return;
	if (k->pe != MR_ANY_PE)
		snprintf(where, sizeof where, " on PE %d", k->pe);
	mr_note(m, k->en_line, "assumed: event %s enabled%s (%s at line %" PRIu32 ")", MR_EV(k->event), where, k->en_why,
	        k->en_line);
	mr_call(m, k->first_pe, k->en_line, SDD_FID_EVENT_ENABLE, (uint64_t[5]){ (uint32_t)k->event, 0, 0, 0, 0 }, 0);
}

/* Does the trace raise its interrupts by fire records (the recorder's)? */
static bool fires(const struct mr *m)
{
	for (uint32_t k = 0; k < m->rp->nrecs; k++)
		if (m->rp->recs[k].kind == TRACE_IRQ && m->rp->recs[k].how == TRACE_IRQ_FIRE)
			return true;
	return false;
}

/* How a handler PE p runs when the window starts is dispatched: its
 * registration (*k), explicitly (*expl) or by its interrupt (*intid);
 * false, noted, when it cannot be. */
static bool dispatch_how(struct mr *m, unsigned p, const struct mr_pre *x, struct mr_key **k, uint32_t *intid,
			 bool *expl)
{
	const struct mr_bind *bd;
	uint32_t slot;
	int32_t e = x->event;

	*k = mr_key(m, e, p);
	*intid = MR_NO_INTID;
	*expl = false;
	if (!*k || !(*k)->made) {
		mr_note(m, x->line, "cannot assume the handler of event %s that PE %u runs when the trace starts: its "
		        "registration cannot be", MR_EV(e), p);
		return false;
	}
	mr_ev_class(m->pl, e, &slot);
	for (unsigned i = 0; i < m->pl->nevents; i++)
		if (m->pl->events[i].number == e) {
			*expl = m->pl->events[i].explicit_event;
			*intid = *expl ? MR_NO_INTID : m->pl->events[i].intid;
		}
	if (e == 0)
		*intid = m->pl->event0_sgi;
	else if (slot != UINT32_MAX && (bd = binding(m, e)) != NULL)
		*intid = bd->intid;
	if (*intid == MR_NO_INTID && !*expl) {
		mr_note(m, x->line, "cannot assume the handler of event %s that PE %u runs when the trace starts: no "
		        "interrupt of it is known to dispatch it by", MR_EV(e), p);
		return false;
	}
	return true;
}

/* The dispatch of that handler, depth deep (2: nested over the one
 * dispatched before it), by its interrupt as the dispatcher takes it, or
 * explicitly: fired (a trace with fire records raises its interrupts by
 * them: the recorder's), then acknowledged, then dispatched. */
static void dispatch(struct mr *m, unsigned p, const struct mr_pre *x, const struct mr_key *k, uint32_t intid,
		     bool expl, unsigned depth)
{
	struct trace_rec *r;

	for (int seen = fires(m) ? TRACE_IRQ_FIRE : TRACE_IRQ_ACK; !expl && seen >= 0;
	     seen = seen == TRACE_IRQ_FIRE ? TRACE_IRQ_ACK : -1)
		if ((r = add(m, TRACE_IRQ, p, x->line)) != NULL) {
			r->how = (uint8_t)seen;
			r->intid = intid;
		}
	if ((r = add(m, TRACE_DISPATCH, p, x->line)) == NULL)
		return;
	r->event = x->event;
	r->cause = expl ? TRACE_CAUSE_EXPLICIT : TRACE_CAUSE_IRQ;
	r->has |= TRACE_HAS_DEPTH | (expl ? 0 : TRACE_HAS_INTID) | (k->has_ep ? TRACE_HAS_EP : 0);
	r->intid = expl ? 0 : intid;
	r->depth = (uint8_t)depth;
	r->ep = k->ep;
	r->x[0] = (uint32_t)x->event;
	r->x_known = 1;
}

/* The handlers PE p runs when the window starts, dispatched first - the
 * outer one, then the one nested over it -, when their completions name
 * events the prologue registers (mr_running_why_not: the rest). */
static void running(struct mr *m, unsigned p)
{
	struct mr_key *k[MR_MAX_PRE];
	uint32_t intid[MR_MAX_PRE];
	bool expl[MR_MAX_PRE];
	char why_not[400], how[60];
	unsigned n = m->npre[p];

	if (!n)
		return;
	if (mr_running_why_not(m, p, why_not, sizeof why_not)) {
		mr_note(m, m->pre[p][0].line, "%s", why_not);
		return;
	}
	for (unsigned d = 0; d < n; d++)
		if (!dispatch_how(m, p, &m->pre[p][d], &k[d], &intid[d], &expl[d])) {
			if (n > 1)
				mr_note(m, m->pre[p][0].line, "cannot assume the two handlers PE %u runs when the trace "
				        "starts (none is dispatched first): event %s's cannot be (line %" PRIu32 ")", p,
				        MR_EV(m->pre[p][d].event), m->pre[p][d].line);
			return;
		}
	for (unsigned d = n; d-- > 0;) {
		const struct mr_pre *x = &m->pre[p][d];
		if (expl[d])
			snprintf(how, sizeof how, "an explicit dispatch");
		else
			snprintf(how, sizeof how, "INTID %" PRIu32, intid[d]);
		if (d + 1 < n)
			mr_note(m, x->line, "assumed: PE %u runs a handler of event %s nested over event %s's when the trace "
			        "starts (%s, with no dispatch before it; its completion at line %" PRIu32 " leaves event %s's "
			        "running): dispatched over it, by %s", p, MR_EV(x->event), MR_EV(m->pre[p][d + 1].event),
			        x->line == x->done ? "its completion here" : "this call of a handler", x->done,
			        MR_EV(m->pre[p][d + 1].event), how);
		else
			mr_note(m, x->line, "assumed: PE %u runs a handler of event %s when the trace starts (%s, with no "
			        "dispatch before it; its completion at line %" PRIu32 "): dispatched first, by %s", p,
			        MR_EV(x->event), x->line == x->done ? "its completion here" : "this call of a handler",
			        x->done, how);
		dispatch(m, p, x, k[d], intid[d], expl[d], n - d);
	}
}

/* Put the assumed records before the trace's own (rp->nassumed). */
static bool prepend(struct mr *m)
{
	struct replay *rp = m->rp;
	struct trace_rec *all = realloc(rp->recs, (rp->nrecs + m->nout) * sizeof *all);

	if (!all)
		return false;
	memmove(all + m->nout, all, rp->nrecs * sizeof *all);
	memcpy(all, m->out, m->nout * sizeof *all);
	rp->recs = all;
	rp->nrecs += m->nout;
	rp->nassumed = m->nout;
	if ((rp->assumed_unlike = calloc(m->nout, 1)) == NULL)
		return false;
	for (uint32_t k = 0; k < m->nunlike; k++)
		rp->assumed_unlike[m->unlike[k]] = 1;
	return true;
}

int replay_mid_run(struct replay *rp, char *err, size_t errlen)
{
	struct mr *m = calloc(1, sizeof *m);
	bool ok;

	if (!m) {
		snprintf(err, errlen, "%s: out of memory", rp->name);
		return -1;
	}
	err[0] = 0;
	m->rp = rp;
	m->pl = &rp->prog.platform;
	m->err = err;
	m->errlen = errlen;
	m->t0 = rp->nrecs ? rp->recs[0].t : 0;
	if (mr_scan(m)) {
		mr_bind_all(m);
		for (uint32_t k = 0; k < m->nkeys; k++)
			if (m->keys[k].reg)
				register_one(m, &m->keys[k]);
		for (uint32_t k = 0; k < m->nkeys; k++)
			enable_one(m, &m->keys[k]);
		for (unsigned p = 0; p < TRACE_MAX_PES; p++)
			if (m->mask[p].line) {
				mr_note(m, m->mask[p].line, "assumed: PE %u unmasked (%s at line %" PRIu32 ")", p,
				        m->mask[p].why, m->mask[p].line);
				mr_call(m, p, m->mask[p].line, SDD_FID_PE_UNMASK, (uint64_t[5]){ 0 }, 0);
			}
		for (unsigned p = 0; p < TRACE_MAX_PES; p++)
			running(m, p);
	}
	ok = !m->failed && (m->nout == 0 || prepend(m));
	if (!ok && !err[0])
		snprintf(err, errlen, "%s: out of memory", rp->name);
	rp->nfixed_notes = rp->nnotes;
	free(m->keys);
	free(m->binds);
	free(m->bound);
	free(m->released);
	free(m->pins);
	free(m->unlike);
	free(m->out);
	free(m);
	return ok ? 0 : -1;
}
