/*
 * replay_walk.c - the trace's records, in time order, to the steps and
 * handlers of a scenario program (replay.h).
 *
 * The records are taken in time order (ties: trace line).  Each becomes:
 *
 *   call, main context  a call (or PSCI) step on its PE; EVENT_REGISTER's
 *                       entry point becomes the handler of its slot
 *                       (replay_slots.h) and COMPLETE_AND_RESUME's address
 *                       the simulator's resume pad
 *   call, in a handler  an action of the handler, recorded from the slot's
 *                       first invocation; when other steps must happen
 *                       before it (a call on another PE, an explicit
 *                       dispatch that nests on this one), the handler
 *                       yields before it and a resume step follows them
 *   dispatch            nothing when the call or interrupt that caused it
 *                       is already a step; an explicit dispatch step when
 *                       no interrupt caused it
 *   irq (fire)          an interrupt step
 *   irq (ack)           an interrupt step, unless the interrupt is not an
 *                       SDEI one (no step, not compared), was left pending
 *                       by firmware at an earlier acknowledgement that
 *                       dispatched nothing, or was raised by EVENT_SIGNAL
 *   complete, power...  nothing: they are what the replay must reproduce
 *
 * Nested invocations (a critical handler on top of a normal one) do not
 * yield: the simulator keeps one paused handler per PE, and an inner
 * handler that paused would release the outer one when it completes.
 * Every op's location is the record's trace line.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "replay_internal.h"
#include "replay_slots.h"
#include "sdd/sdd_spec.h"

#define MAX_DEPTH 4
#define NO_SLOT   UINT32_MAX

struct inv_state {
	uint32_t inv, slot;
	bool     recording;       /* the slot's first invocation: its calls make the action list */
	bool     nested;
	bool     noted;           /* a difference from the first invocation was noted */
	uint32_t cursor;          /* later invocations: the next action of the list */
	uint32_t last_step;       /* steps in the program when it last made progress */
};

struct ack {
	bool     valid, consumed, accounted;
	uint32_t intid;
};

struct builder {
	struct replay *rp;
	struct sim_program *p;
	const struct replay_opts *o;
	struct slots *sl;
	uint32_t *inv_slot;
	uint32_t cap_step_rec;
	struct inv_state stack[TRACE_MAX_PES][MAX_DEPTH];
	uint8_t  depth[TRACE_MAX_PES];
	struct ack last_ack[TRACE_MAX_PES];
	uint8_t  repended_spi[1020];
	uint8_t  repended_banked[TRACE_MAX_PES][32];
	uint32_t signals[TRACE_MAX_PES];
	int32_t  bound[1020];
	bool     is_bound[1020];
	bool     have_fires;
	struct sim_expect_dispatch *pend;
	uint32_t npend, cap_pend;
	bool     oom;
};

/* ---- Notes ---- */

__attribute__((format(printf, 3, 4)))
static void note(struct builder *b, uint32_t line, const char *fmt, ...)
{
	struct replay *rp = b->rp;
	char text[400];
	va_list ap;
	int n = snprintf(text, sizeof text, "%s:%" PRIu32 ": ", rp->name, line);

	va_start(ap, fmt);
	vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
	va_end(ap);
	if (rp->nnotes == rp->cap_notes) {
		uint32_t cap = rp->cap_notes ? rp->cap_notes * 2 : 8;
		char **bigger = realloc(rp->notes, cap * sizeof *bigger);
		if (!bigger) {
			b->oom = true;
			return;
		}
		rp->notes = bigger;
		rp->cap_notes = cap;
	}
	rp->notes[rp->nnotes] = strdup(text);
	if (rp->notes[rp->nnotes])
		rp->nnotes++;
}

/* ---- Steps ---- */

static struct sim_op op_of(unsigned kind, unsigned pe, uint32_t line)
{
	struct sim_op op;

	memset(&op, 0, sizeof op);
	op.kind = (uint8_t)kind;
	op.pe = (uint8_t)pe;
	op.target = SIM_NONE;
	op.save = -1;
	op.loc.line = line;
	op.loc.col = 1;
	return op;
}

static void push_step(struct builder *b, const struct sim_op *op, int32_t rec)
{
	struct replay *rp = b->rp;

	if (b->p->nsteps == b->cap_step_rec) {
		uint32_t cap = b->cap_step_rec ? b->cap_step_rec * 2 : 256;
		int32_t *bigger = realloc(rp->step_rec, cap * sizeof *bigger);
		if (!bigger) {
			b->oom = true;
			return;
		}
		rp->step_rec = bigger;
		b->cap_step_rec = cap;
	}
	rp->step_rec[b->p->nsteps] = rec;
	sim_add_step(b->p, op);
}

/* Dispatches expected since the last expect_dispatches step are checked
 * just before the next step: they happen while the step that caused them
 * runs. */
static void flush_expected(struct builder *b)
{
	struct sim_op op;

	if (b->npend == 0)
		return;
	op = op_of(SIM_OP_EXPECT_DISPATCHES, SIM_NONE, b->pend[0].loc.line);
	op.list = b->p->ndispatches;
	op.nlist = b->npend;
	for (uint32_t k = 0; k < b->npend; k++)
		sim_add_dispatch(b->p, &b->pend[k]);
	b->npend = 0;
	push_step(b, &op, -1);
}

static void step(struct builder *b, const struct sim_op *op, int32_t rec)
{
	flush_expected(b);
	push_step(b, op, rec);
}

static void expect_x0(struct builder *b, struct sim_op *op, const struct trace_rec *r, bool width32)
{
	struct sim_check c;

	if (!b->o->expectations || r->end != TRACE_END_RET || !(r->r_known & 1))
		return;
	memset(&c, 0, sizeof c);
	c.reg = SIM_R_X0;
	c.m.kind = SIM_M_EQ;
	c.m.width32 = width32;
	c.m.a = sim_const(r->r[0]);
	c.m.loc = op->loc;
	op->checks = sim_add_check(b->p, &c);
	op->nchecks = 1;
}

/* ---- Calls ---- */

static int pe_of_mpidr(const struct sim_platform *pl, uint64_t mpidr)
{
	for (unsigned p = 0; p < pl->pes; p++)
		if (pl->mpidr[p] == (mpidr & SDD_MPIDR_AFF_MASK))
			return (int)p;
	return -1;
}

static uint64_t xval(const struct trace_rec *r, unsigned n)
{
	return (r->x_known & (1u << n)) ? r->x[n] : 0;
}

/* The argument values of an SDEI call: the entry point of EVENT_REGISTER
 * names a new slot (unless the trace's dispatcher refused it as invalid). */
static void call_args(struct builder *b, struct sim_op *op, const struct trace_rec *r, uint32_t fid)
{
	op->args = b->p->nvalues;
	op->nargs = trace_fid_nargs(fid);     /* what the other registers held does not matter */
	for (unsigned k = 1; k <= op->nargs; k++) {
		struct sim_value v = sim_const(xval(r, k));
		if (k == 2 && fid == SDD_FID_EVENT_REGISTER && (r->x_known & 2) &&
		    !(r->end == TRACE_END_RET && (r->r_known & 1) && (int64_t)r->r[0] == SDD_INVALID_PARAMETERS)) {
			uint32_t slot = slots_add(b->sl, (int32_t)r->x[1], xval(r, 2), r->line);
			if (slot == NO_SLOT)
				b->oom = true;
			v.kind = (xval(r, 4) & SDD_REGFLAG_RELATIVE) ? SIM_V_HANDLER_OFF : SIM_V_HANDLER;
			v.u = slot;
			if (!(r->end == TRACE_END_RET && (r->r_known & 1) && r->r[0] != 0))
				slots_register(b->sl, (int32_t)r->x[1], r->pe, slot);
		}
		sim_add_value(b->p, v);
	}
}

/* The op making call record r (in_handler: as a handler action). */
static struct sim_op call_op(struct builder *b, const struct trace_rec *r, bool in_handler)
{
	const struct sim_platform *pl = &b->p->platform;
	uint32_t fid = (uint32_t)r->x[0];
	int fn = trace_fid_is_psci(fid) ? trace_psci_fn(fid) : -1;
	struct sim_op op = op_of(SIM_OP_CALL, in_handler ? SIM_NONE : r->pe, r->line);

	op.from_el = r->el != pl->client_el ? r->el : 0;
	if (fn >= 0) {
		op.kind = SIM_OP_PSCI;
		op.psci_fn = (uint8_t)fn;
		if (fn == SIM_PSCI_CPU_ON || fn == SIM_PSCI_AFFINITY_INFO) {
			int t = pe_of_mpidr(pl, xval(r, 1));
			if (t >= 0) {
				op.target = (uint8_t)t;
			} else {           /* no such PE: pass the MPIDR as it was */
				op.args = sim_add_value(b->p, sim_const(xval(r, 1)));
				op.nargs = 1;
			}
		} else if (fn == SIM_PSCI_CPU_SUSPEND) {
			op.state = (xval(r, 1) >> 16) & 1 ? SIM_SUSPEND_POWERDOWN : SIM_SUSPEND_STANDBY;
		} else if (fn == SIM_PSCI_FEATURES) {
			op.args = sim_add_value(b->p, sim_const(xval(r, 1)));
			op.nargs = 1;
		}
		expect_x0(b, &op, r, true);
		return op;
	}
	if (in_handler && fid == SDD_FID_EVENT_COMPLETE && r->x[0] == fid) {
		op.kind = SIM_OP_COMPLETE;
		op.fid = sim_const(xval(r, 1));
	} else if (in_handler && fid == SDD_FID_EVENT_COMPLETE_AND_RESUME && r->x[0] == fid) {
		op.kind = SIM_OP_COMPLETE_AND_RESUME;
		op.fid = sim_const(xval(r, 1));
		if (r->end == TRACE_END_COMPLETE)       /* it was a good address: the simulator's is the pad */
			op.fid = (struct sim_value){ SIM_V_RESUME_PAD, 0 };
	} else {
		op.fid = sim_const(r->x[0]);
		call_args(b, &op, r, fid);
	}
	expect_x0(b, &op, r, false);
	return op;
}

/* What a call the trace made does to what later records mean. */
static void call_effects(struct builder *b, const struct trace_rec *r)
{
	uint32_t fid = (uint32_t)r->x[0];
	bool ok = r->end == TRACE_END_RET && (r->r_known & 1);
	int64_t res = (int64_t)r->r[0];

	if (fid == SDD_FID_INTERRUPT_BIND && ok && res >= 0 && (r->x_known & 2) && r->x[1] < 1020) {
		b->bound[r->x[1]] = (int32_t)res;
		b->is_bound[r->x[1]] = true;
	} else if (fid == SDD_FID_INTERRUPT_RELEASE && ok && res == 0) {
		for (unsigned k = 0; k < 1020; k++)
			if (b->is_bound[k] && b->bound[k] == (int32_t)xval(r, 1))
				b->is_bound[k] = false;
	} else if (fid == SDD_FID_EVENT_SIGNAL && ok && res == 0) {
		int t = pe_of_mpidr(&b->p->platform, xval(r, 2));
		if (t >= 0)
			b->signals[t]++;
	}
}

static void main_call(struct builder *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	struct sim_op op = call_op(b, r, false);

	step(b, &op, (int32_t)i);
	b->rp->role[i] = ROLE_CALL;
	call_effects(b, r);
}

/* Is the recorded action a what record r did? */
static bool same_action(const struct builder *b, const struct sim_op *a, const struct trace_rec *r)
{
	const struct sim_program *p = b->p;
	uint32_t fid = (uint32_t)r->x[0];

	if (a->kind == SIM_OP_COMPLETE)
		return fid == SDD_FID_EVENT_COMPLETE;
	if (a->kind == SIM_OP_COMPLETE_AND_RESUME)
		return fid == SDD_FID_EVENT_COMPLETE_AND_RESUME;
	if (a->kind == SIM_OP_PSCI)
		return trace_psci_fn(fid) == a->psci_fn;
	if (a->kind != SIM_OP_CALL || a->fid.u != r->x[0])
		return false;
	for (uint32_t k = 0; k < a->nargs && k < 5; k++) {
		const struct sim_value *v = &p->values[a->args + k];
		if (v->kind == SIM_V_CONST && v->u != xval(r, k + 1))
			return false;
	}
	return true;
}

/* Skip the actions a handler runs without the trace seeing them. */
static uint32_t skip_silent(const struct sim_op *ops, uint32_t n, uint32_t c)
{
	while (c < n && ops[c].kind == SIM_OP_EXPECT_ENTRY)
		c++;
	return c;
}

static void resume_step(struct builder *b, unsigned pe, uint32_t line)
{
	struct sim_op op = op_of(SIM_OP_RESUME, pe, line);
	step(b, &op, -1);
}

static void handler_call(struct builder *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	struct inv_state *is;

	if (b->depth[r->pe] == 0) {
		note(b, r->line, "a call from a handler whose dispatch is not in the trace: replayed from PE %u's "
		     "main context", r->pe);
		main_call(b, i);
		return;
	}
	is = &b->stack[r->pe][b->depth[r->pe] - 1];
	b->rp->role[i] = ROLE_CALL;
	b->rp->rec_inv[i] = (int32_t)is->inv;
	if (is->recording) {
		struct sim_op op;
		if (!is->nested && b->p->nsteps > is->last_step) {
			struct sim_op y = op_of(SIM_OP_YIELD, SIM_NONE, r->line);
			slots_append(b->sl, is->slot, &y);
			resume_step(b, r->pe, r->line);
		}
		op = call_op(b, r, true);
		if (!slots_append(b->sl, is->slot, &op))
			b->oom = true;
	} else {
		uint32_t n;
		const struct sim_op *ops = slots_actions(b->sl, is->slot, &n);
		uint32_t c = skip_silent(ops, n, is->cursor);
		if (c < n && ops[c].kind == SIM_OP_YIELD) {
			resume_step(b, r->pe, r->line);
			c = skip_silent(ops, n, c + 1);
		}
		if ((c >= n || !same_action(b, &ops[c], r)) && !is->noted && slots_first_difference(b->sl, is->slot)) {
			note(b, r->line, "this invocation of event %" PRId32 "'s handler does something else than its "
			     "first (line %" PRIu32 "): the replay repeats what the first did",
			     slots_event(b->sl, is->slot), slots_first_line(b->sl, is->slot));
			is->noted = true;
		}
		if (c < n && ops[c].kind == SIM_OP_CALL && ops[c].fid.u == SDD_FID_EVENT_REGISTER &&
		    b->p->values[ops[c].args + 1].kind != SIM_V_CONST)
			slots_register(b->sl, (int32_t)xval(r, 1), r->pe, (uint32_t)b->p->values[ops[c].args + 1].u);
		is->cursor = c < n ? c + 1 : n;
	}
	is->last_step = b->p->nsteps;
	call_effects(b, r);
}

/* ---- Dispatches and completions ---- */

static void expect_entry(struct builder *b, uint32_t slot, const struct trace_rec *r)
{
	struct sim_op op = op_of(SIM_OP_EXPECT_ENTRY, SIM_NONE, r->line);
	struct sim_check c;

	memset(&c, 0, sizeof c);
	c.m.kind = SIM_M_EQ;
	c.m.loc = op.loc;
	c.reg = SIM_R_X0;
	c.m.a = sim_const((uint64_t)(int64_t)r->event);
	op.checks = sim_add_check(b->p, &c);
	op.nchecks = 1;
	if (r->x_known & 2) {
		c.reg = SIM_R_X0 + 1;
		c.m.a = sim_const(r->x[1]);
		sim_add_check(b->p, &c);
		op.nchecks = 2;
	}
	slots_append(b->sl, slot, &op);
}

static void expect_dispatch(struct builder *b, uint32_t slot, const struct trace_rec *r)
{
	struct sim_expect_dispatch e;

	if (b->npend == b->cap_pend) {
		uint32_t cap = b->cap_pend ? b->cap_pend * 2 : 8;
		struct sim_expect_dispatch *bigger = realloc(b->pend, cap * sizeof *bigger);
		if (!bigger) {
			b->oom = true;
			return;
		}
		b->pend = bigger;
		b->cap_pend = cap;
	}
	memset(&e, 0, sizeof e);
	e.pe = r->pe;
	e.has_event = 1;
	e.event.kind = SIM_M_EQ;
	e.event.a = sim_const((uint32_t)r->event);
	e.handler = (int32_t)slot;
	if (r->x_known & 2) {
		e.has_arg = 1;
		e.arg.kind = SIM_M_EQ;
		e.arg.a = sim_const(r->x[1]);
	}
	e.loc.line = r->line;
	e.loc.col = 1;
	b->pend[b->npend++] = e;
}

static bool sdei_interrupt(const struct builder *b, uint32_t intid)
{
	const struct sim_platform *pl = &b->p->platform;

	if (intid == pl->event0_sgi || (intid < 1020 && b->is_bound[intid]))
		return true;
	for (unsigned k = 0; k < pl->nevents; k++)
		if (!pl->events[k].explicit_event && pl->events[k].intid == intid)
			return true;
	return false;
}

/* Make the dispatch happen, unless a step already does. */
static void trigger(struct builder *b, const struct trace_rec *r)
{
	struct ack *a = &b->last_ack[r->pe];
	struct sim_op op;

	if (r->cause == TRACE_CAUSE_CALL || (r->cause == TRACE_CAUSE_IRQ && b->have_fires))
		return;
	if (r->cause == TRACE_CAUSE_IRQ && a->valid && !a->consumed && a->accounted &&
	    (!(r->has & TRACE_HAS_INTID) || a->intid == r->intid)) {
		a->consumed = true;
		return;
	}
	if (r->cause == TRACE_CAUSE_IRQ && (r->has & TRACE_HAS_INTID) && sdei_interrupt(b, r->intid)) {
		op = op_of(SIM_OP_INTERRUPT, r->pe, r->line);
		op.intid = r->intid;
		step(b, &op, -1);
		return;
	}
	/* no interrupt of the event's: firmware dispatched it itself (a RAS
	 * error interrupt handled at EL3 and turned into an SDEI event) */
	if (r->cause == TRACE_CAUSE_IRQ && !(r->has & TRACE_HAS_INTID))
		note(b, r->line, "the interrupt that dispatched event %" PRId32 " is not in the trace: replayed as an "
		     "explicit dispatch", r->event);
	op = op_of(SIM_OP_DISPATCH, r->pe, r->line);
	op.event = sim_const((uint64_t)(int64_t)r->event);
	step(b, &op, -1);
}

static void dispatch(struct builder *b, uint32_t i, uint32_t inv)
{
	const struct trace_rec *r = &b->rp->recs[i];
	uint32_t slot = slots_find(b->sl, r->event, r->pe, r->ep);
	struct inv_state *is;

	b->rp->invs[inv] = (struct replay_inv){ i, -1, -1, 0, 0, r->pe };
	b->rp->role[i] = ROLE_DISPATCH;
	b->rp->rec_inv[i] = (int32_t)inv;
	if (slot == NO_SLOT) {
		note(b, r->line, "no EVENT_REGISTER of event %" PRId32 " before this dispatch: the replay cannot "
		     "enter its handler", r->event);
		slot = slots_add(b->sl, r->event, r->ep, r->line);
		if (slot == NO_SLOT) {
			b->oom = true;
			return;
		}
	}
	b->inv_slot[inv] = slot;
	trigger(b, r);
	if (b->o->expectations)
		expect_dispatch(b, slot, r);
	if (b->depth[r->pe] == MAX_DEPTH) {
		note(b, r->line, "handlers nested deeper than %d: this one is not followed", MAX_DEPTH);
		return;
	}
	is = &b->stack[r->pe][b->depth[r->pe]++];
	*is = (struct inv_state){ inv, slot, slots_claim(b->sl, slot, r->line), b->depth[r->pe] > 1, false, 0,
				  b->p->nsteps };
	if (is->recording && b->o->expectations)
		expect_entry(b, slot, r);
}

static void complete(struct builder *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	struct inv_state *is;

	if (b->depth[r->pe] == 0) {
		note(b, r->line, "a completion whose dispatch is not in the trace");
		return;
	}
	is = &b->stack[r->pe][--b->depth[r->pe]];
	b->rp->invs[is->inv].complete = (int32_t)i;
	b->rp->role[i] = ROLE_COMPLETE;
	b->rp->rec_inv[i] = (int32_t)is->inv;
	if (!is->recording && !is->noted) {
		uint32_t n;
		const struct sim_op *ops = slots_actions(b->sl, is->slot, &n);
		uint32_t c = skip_silent(ops, n, is->cursor);
		if (c < n && ops[c].kind != SIM_OP_YIELD && slots_first_difference(b->sl, is->slot))
			note(b, r->line, "this invocation of event %" PRId32 "'s handler ends before the first did: the "
			     "replay repeats what the first did", slots_event(b->sl, is->slot));
	}
}

/* ---- Interrupts ---- */

static uint8_t *repended(struct builder *b, uint32_t intid, unsigned pe)
{
	return intid < 32 ? &b->repended_banked[pe][intid] : &b->repended_spi[intid];
}

static void irq(struct builder *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	struct ack *a = &b->last_ack[r->pe];
	bool accounted = true;
	struct sim_op op;

	if (r->how == TRACE_IRQ_FIRE) {
		op = op_of(SIM_OP_INTERRUPT, r->pe, r->line);
		op.intid = r->intid;
		step(b, &op, -1);
		return;
	}
	/* an SDEI interrupt acknowledged earlier that dispatched nothing was
	 * left pending by firmware: it comes again without a new assertion */
	if (a->valid && !a->consumed && a->accounted)
		*repended(b, a->intid, r->pe) = 1;
	if (!b->have_fires) {
		if (*repended(b, r->intid, r->pe)) {
			*repended(b, r->intid, r->pe) = 0;
		} else if (r->intid == b->p->platform.event0_sgi && b->signals[r->pe] > 0) {
			b->signals[r->pe]--;
		} else if (sdei_interrupt(b, r->intid)) {
			op = op_of(SIM_OP_INTERRUPT, r->pe, r->line);
			op.intid = r->intid;
			step(b, &op, -1);
		} else {
			accounted = false;
		}
	}
	*a = (struct ack){ true, false, accounted, r->intid };
	if (accounted)
		b->rp->role[i] = ROLE_ACK;
}

/* ---- The whole trace ---- */

static int walk(struct builder *b)
{
	struct replay *rp = b->rp;
	uint32_t inv = 0;

	for (uint32_t k = 0; k < rp->nrecs; k++)
		b->have_fires |= rp->recs[k].kind == TRACE_IRQ && rp->recs[k].how == TRACE_IRQ_FIRE;
	for (uint32_t k = 0; k < rp->nrecs && !b->oom; k++) {
		const struct trace_rec *r = &rp->recs[k];
		rp->rec_inv[k] = -1;
		switch (r->kind) {
		case TRACE_CALL:
			if (!(r->x_known & 1))
				note(b, r->line, "a call whose function ID is not in the trace: not replayed");
			else if (r->from_handler)
				handler_call(b, k);
			else
				main_call(b, k);
			break;
		case TRACE_DISPATCH:
			dispatch(b, k, inv++);
			break;
		case TRACE_COMPLETE:
			complete(b, k);
			break;
		case TRACE_IRQ:
			irq(b, k);
			break;
		default:
			break;
		}
	}
	flush_expected(b);
	return b->oom ? -1 : 0;
}

int replay_walk(struct replay *rp, const struct replay_opts *o, char *err, size_t errlen)
{
	struct builder *b = calloc(1, sizeof *b);
	int32_t *handler_of = NULL;
	int rc = -1;

	snprintf(err, errlen, "%s: out of memory", rp->name);
	if (!b)
		return -1;
	b->rp = rp;
	b->p = &rp->prog;
	b->o = o;
	b->sl = slots_new();
	b->inv_slot = calloc(rp->ninvs ? rp->ninvs : 1, sizeof *b->inv_slot);
	if (!b->sl || !b->inv_slot || walk(b))
		goto out;
	handler_of = malloc((slots_count(b->sl) ? slots_count(b->sl) : 1) * sizeof *handler_of);
	if (!handler_of || slots_finish(b->sl, &rp->prog, handler_of, err, errlen))
		goto out;
	for (uint32_t v = 0; v < rp->ninvs; v++)
		rp->invs[v].handler = handler_of[b->inv_slot[v]];
	rc = rp->prog.oom ? -1 : 0;
out:
	free(handler_of);
	slots_free(b->sl);
	free(b->inv_slot);
	free(b->pend);
	free(b);
	return rc;
}
