/*
 * replay_steps.c - the steps and ops a replayed trace becomes
 * (replay_builder.h): a record's call as a step or a handler action (the
 * expectations the trace's results give: replay_expect.c), the `set` steps that give an
 * interrupted context the registers the trace's EVENT_CONTEXT calls read,
 * and the `hold` steps that arm a PE's firmware where the trace's held an
 * interrupt (replay_trigger.c).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"        /* sim_aarch32_modes */
#include "replay_builder.h"
#include "replay_midrun.h"      /* mr_ev_class */
#include "grow.h"
#include "psci_rules.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd_spec.h"

/* ---- Notes ---- */

void rb_note(struct rb *b, uint32_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (!replay_vnote(b->rp, line, fmt, ap))
		b->w.oom = true;
	va_end(ap);
}

/* ---- Steps ---- */

/* A trace that starts mid-run: the first of the records that say so
 * (a dispatch of an event never registered, a handler's call or
 * completion with no dispatch, a binding that skips a free slot)
 * suggests the option that assumes the state the window presupposes,
 * which the replay cannot take for granted in a whole trace (there, it
 * is the dispatcher's fault). */
const char *rb_mid_run_hint(struct rb *b)
{
	if (b->o->mid_run || b->w.hinted)
		return "";
	b->w.hinted = true;
	return " (if the trace starts mid-run, --mid-run assumes the state it presupposes)";
}

struct sim_op rb_op(unsigned kind, unsigned pe, uint32_t line)
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

static void push_step(struct rb *b, const struct sim_op *op, int32_t rec)
{
	struct replay *rp = b->rp;
	int32_t *room = sim_grow(rp->step_rec, b->p->nsteps, &b->cap_step_rec, sizeof *room, 256);

	if (!room) {
		b->w.oom = true;
		return;
	}
	rp->step_rec = room;
	rp->step_rec[b->p->nsteps] = rec;
	sim_add_step(b->p, op);
}

/*
 * Dispatches are compared by window: the trace's dispatches since the last
 * window closed came during its last step (a step is pushed after them
 * only through rb_step, which closes the window first), and the
 * expect_dispatches step after that step lists them, which fails for any
 * other dispatch the replay made during the window's steps as much as for
 * one it did not make.  The window of the end of the program is closed too,
 * with an empty list when the trace dispatched nothing in it: without it, a
 * dispatch the trace does not have after the last one it has (or in a
 * trace with none) would pass.
 */
static void flush_dispatches(struct rb *b, bool last)
{
	struct sim_op op;

	if (!b->w.win_open && !(last && b->o->expectations && b->w.win_start < b->p->nsteps))
		return;
	if (b->o->expectations) {
		op = rb_op(SIM_OP_EXPECT_DISPATCHES, SIM_NONE,
			   b->npend ? b->pend[0].loc.line : b->p->steps[b->p->nsteps - 1].loc.line);
		op.list = b->p->ndispatches;
		op.nlist = b->npend;
		for (uint32_t k = 0; k < b->npend; k++)
			sim_add_dispatch(b->p, &b->pend[k]);
		b->npend = 0;
		push_step(b, &op, -1);
	}
	b->w.win_start = b->p->nsteps;
	b->w.win_open = false;
}

/*
 * Landings at the resume pad, with expectations, the same way: each
 * COMPLETE_AND_RESUME that completed its handler lands during the last
 * step when its call is walked (the call's own, or the one its handler
 * runs in), so an expect_resumes step after that step lists the landings
 * since the last one, in order, each on its PE (replay_pstate.c gives it
 * its PSTATE check).  At the end, one more (empty when no landing is
 * left) when the trace has landings and steps came after the last list:
 * a landing the trace does not have there would pass otherwise.  A
 * trace with no landing gets none (nothing to list).
 */
static void flush_landings(struct rb *b, bool last, uint32_t nsteps)
{
	struct sim_op op;
	uint32_t first = b->w.land_listed;

	if (first == b->nlands && !(last && b->nlands && b->w.land_start < nsteps))
		return;
	op = rb_op(SIM_OP_EXPECT_RESUMES, SIM_NONE,
		   first < b->nlands ? b->lands[first].line : b->p->steps[b->p->nsteps - 1].loc.line);
	op.list = b->p->nresumes;
	op.nlist = b->nlands - first;
	for (uint32_t k = first; k < b->nlands; k++) {
		struct sim_expect_resume e;
		memset(&e, 0, sizeof e);
		e.has_pe = 1;
		e.pe = sim_match_eq(sim_const(b->lands[k].pe));
		e.loc.line = b->lands[k].line;
		e.loc.col = 1;
		b->lands[k].resume = sim_add_resume(b->p, &e);
	}
	b->w.land_listed = b->nlands;
	push_step(b, &op, -1);
	b->w.land_start = b->p->nsteps;
}

void rb_flush_expected(struct rb *b, bool last)
{
	uint32_t nsteps = b->p->nsteps;     /* an expect_dispatches step lands nothing */

	flush_dispatches(b, last);
	if (b->o->expectations)
		flush_landings(b, last, nsteps);
}

void rb_window(struct rb *b, struct replay_inv *v)
{
	v->first_step = b->w.win_start;
	v->last_step = b->p->nsteps ? b->p->nsteps - 1 : 0;
	b->w.win_open = true;
}

void rb_step(struct rb *b, const struct sim_op *op, int32_t rec)
{
	rb_flush_expected(b, false);
	push_step(b, op, rec);
}

/* ---- Calls ---- */

static int rb_pe_of_mpidr(const struct sim_platform *pl, uint64_t mpidr)
{
	for (unsigned p = 0; p < pl->pes; p++)
		if (pl->mpidr[p] == (mpidr & SDD_MPIDR_AFF_MASK))
			return (int)p;
	return -1;
}

uint64_t rb_x(const struct trace_rec *r, unsigned n)
{
	return (r->x_known & (1u << n)) ? r->x[n] : 0;
}

/* The argument values of an SDEI call: the entry point of EVENT_REGISTER
 * names a new slot (unless the trace's dispatcher refused it as invalid);
 * the address of a COMPLETE_AND_RESUME the traced dispatcher accepted
 * becomes the simulator's resume pad (the traced one belongs to another
 * machine). */
static void call_args(struct rb *b, struct sim_op *op, const struct trace_rec *r, uint32_t fid)
{
	bool refused_invalid = r->end == TRACE_END_RET && (r->r_known & 1) &&
			       (int64_t)r->r[0] == SDD_INVALID_PARAMETERS;

	op->args = b->p->nvalues;
	op->nargs = trace_fid_nargs(fid);     /* what the other registers held does not matter */
	for (unsigned k = 1; k <= op->nargs; k++) {
		struct sim_value v = sim_const(rb_x(r, k));
		if (k == 2 && fid == SDD_FID_EVENT_REGISTER && (r->x_known & 2) && !refused_invalid) {
			uint32_t slot = slots_add(b->sl, (int32_t)r->x[1], rb_x(r, 2), r->line);
			if (slot == RB_NO_SLOT)
				b->w.oom = true;
			v.kind = (rb_x(r, 4) & SDD_REGFLAG_RELATIVE) ? SIM_V_HANDLER_OFF : SIM_V_HANDLER;
			v.u = slot;
			if (!(r->end == TRACE_END_RET && (r->r_known & 1) && r->r[0] != 0))
				slots_register(b->sl, (int32_t)r->x[1], r->pe, slot);
		}
		if (k == 1 && fid == SDD_FID_EVENT_COMPLETE_AND_RESUME && r->end == TRACE_END_COMPLETE)
			v = (struct sim_value){ SIM_V_RESUME_PAD, 0 };
		sim_add_value(b->p, v);
	}
}

/* Can PSCI call r (function fn) be replayed as a `psci:` op - made from
 * Non-secure AArch64, with the simulator's function ID for fn (SMC64
 * where there is one), a PE's MPIDR or any value as x1, and otherwise the
 * arguments the op derives (a power_state of StateType alone,
 * AFFINITY_INFO's level 0)?
 * Else it is replayed as the raw call it was (from AArch32 or Secure
 * state, an SMC32 form, reserved power_state bits, another level), which
 * a scenario writes with `fid:`. */
static bool psci_op_fits(const struct trace_rec *r, int fn)
{
	if (r->aarch32 || r->secure || (uint32_t)r->x[0] != sim_psci_fid((unsigned)fn))
		return false;
	if (fn == SIM_PSCI_CPU_SUSPEND)
		return (rb_x(r, 1) & ~(uint64_t)0x10000) == 0;
	if (fn == SIM_PSCI_AFFINITY_INFO)
		return rb_x(r, 2) == 0;
	return true;
}

/* The entry point a replayed CPU_ON or CPU_SUSPEND passes (x2): the
 * trace's lies in the traced machine's memory, so the simulator's main
 * context (client code) - or, when the traced firmware refused it with
 * INVALID_ADDRESS, an address outside client code, refused here too. */
static uint64_t replay_entry(const struct trace_rec *r)
{
	bool refused = r->end == TRACE_END_RET && (r->r_known & 1) &&
		       (int32_t)r->r[0] == SIM_PSCI_INVALID_ADDRESS;

	return refused ? 0 : RT_MAIN_IDLE;
}

static bool takes_entry(int fn)
{
	return fn == SIM_PSCI_CPU_ON || fn == SIM_PSCI_CPU_SUSPEND;
}

struct sim_op rb_call_op(struct rb *b, const struct trace_rec *r, bool in_handler)
{
	const struct sim_platform *pl = &b->p->platform;
	uint32_t fid = trace_rec_fid(r);
	int fn = trace_fid_is_psci(fid) ? trace_psci_fn(fid) : -1;
	struct sim_op op = rb_op(SIM_OP_CALL, in_handler ? SIM_NONE : r->pe, r->line);

	/* A scenario makes an SDEI call from another EL only as a step
	 * (`from_el`); a handler runs at the client's EL, and PSCI calls are
	 * made from it.  Anything else is replayed from the client's EL, said
	 * so, rather than with an EL the simulator would not use and `export
	 * yaml` could not write. */
	if (r->el != pl->client_el && (in_handler || fn >= 0))
		rb_note(b, r->line, "a %s from EL%u: replayed from the client's EL%u, the only EL a scenario makes "
			"it from", fn >= 0 ? "PSCI call" : "handler's call", r->el, pl->client_el);
	else if (r->el != pl->client_el)
		op.from_el = r->el;
	/* from AArch32 again (a step's `aarch32`), in its mode, or the usual
	 * one of the client's EL when that replaces the call's (above); a
	 * handler runs AArch64 code, and replay_walk makes such a call of a
	 * handler's a step in its context, not an action */
	op.aarch32 = in_handler ? 0 : r->aarch32;
	if (op.aarch32 > SIM_A32_EL_MODE && sim_aarch32_modes[op.aarch32 & 0xF].el != (op.from_el ? op.from_el : pl->client_el))
		op.aarch32 = SIM_A32_EL_MODE;
	/* from Secure state again (a step's `secure`): handlers run
	 * Non-secure, and replay_walk makes such a call a step, as above */
	op.secure = !in_handler && r->secure;
	if (fn >= 0 && !psci_op_fits(r, fn)) {
		/* the call as it was made, function ID and arguments */
		op.fid = sim_const(r->x[0]);
		call_args(b, &op, r, fid);
		if (takes_entry(fn) && op.nargs >= 2)
			b->p->values[op.args + 1] = sim_const(replay_entry(r));
		rb_expect_x0(b, &op, r, false);
		return op;
	}
	if (fn >= 0) {
		op.kind = SIM_OP_PSCI;
		op.psci_fn = (uint8_t)fn;
		if (fn == SIM_PSCI_CPU_ON || fn == SIM_PSCI_AFFINITY_INFO) {
			int t = rb_pe_of_mpidr(pl, rb_x(r, 1));
			op.target = (uint8_t)(t >= 0 ? t : 0);
			if (t < 0) {       /* no such PE: the MPIDR as it was, in place of PE 0's */
				op.args = sim_add_value(b->p, sim_const(rb_x(r, 1)));
				op.nargs = 1;
			}
		} else if (fn == SIM_PSCI_CPU_SUSPEND) {
			op.state = (rb_x(r, 1) >> 16) & 1 ? SIM_SUSPEND_POWERDOWN : SIM_SUSPEND_STANDBY;
		} else if (fn == SIM_PSCI_FEATURES) {
			op.args = sim_add_value(b->p, sim_const(rb_x(r, 1)));
			op.nargs = 1;
		}
		if (takes_entry(fn) && replay_entry(r) != RT_MAIN_IDLE) {   /* x1 as it was, a refused entry */
			op.args = sim_add_value(b->p, sim_const(rb_x(r, 1)));
			sim_add_value(b->p, sim_const(replay_entry(r)));
			op.nargs = 2;
		}
		rb_expect_x0(b, &op, r, true);
		return op;
	}
	/* a completion the traced dispatcher refused returned: as a call, its
	 * result can be expected */
	if (in_handler && fid == SDD_FID_EVENT_COMPLETE && r->x[0] == fid && r->end != TRACE_END_RET) {
		op.kind = SIM_OP_COMPLETE;
		op.fid = sim_const(rb_x(r, 1));
	} else if (in_handler && fid == SDD_FID_EVENT_COMPLETE_AND_RESUME && r->x[0] == fid && r->end != TRACE_END_RET) {
		op.kind = SIM_OP_COMPLETE_AND_RESUME;
		op.fid = sim_const(rb_x(r, 1));
		if (r->end == TRACE_END_COMPLETE)       /* it was a good address: the simulator's is the pad */
			op.fid = (struct sim_value){ SIM_V_RESUME_PAD, 0 };
	} else {
		op.fid = sim_const(r->x[0]);
		call_args(b, &op, r, fid);
	}
	rb_expect_x0(b, &op, r, false);
	return op;
}

/* No interrupt is bound to event ev any more (its binding was given back,
 * or, when it is bound again, the binding before: an event has one). */
static void unbind_event(struct rb *b, int32_t ev)
{
	for (unsigned k = 0; k < GIC_NUM_INTIDS; k++)
		if (b->w.is_bound[k] && b->w.bound[k] == ev)
			b->w.is_bound[k] = false;
}

/* The lowest bind slot event below ev, of its kind, that no binding the
 * trace has shown so far holds: -1 when there is none, or ev is no bind
 * slot. */
static int64_t free_slot_below(const struct rb *b, int64_t ev)
{
	const struct sim_platform *pl = &b->p->platform;

	for (int sh = 0; sh < 2; sh++) {
		int64_t base = sh ? pl->slot_shared_base : pl->slot_private_base;
		if (ev < base || ev >= base + (sh ? pl->bind_shared : pl->bind_private))
			continue;
		for (int64_t e = base; e < ev; e++) {
			bool held = false;
			for (unsigned k = 0; k < GIC_NUM_INTIDS && !held; k++)
				held = b->w.is_bound[k] && b->w.bound[k] == e;
			if (!held)
				return e;
		}
	}
	return -1;
}

void rb_call_effects(struct rb *b, const struct trace_rec *r)
{
	uint32_t fid = trace_rec_fid(r), slot;
	bool ok = r->end == TRACE_END_RET && (r->r_known & 1);
	int64_t res = (int64_t)r->r[0];
	int fn = trace_fid_is_psci(fid) ? trace_psci_fn(fid) : -1;
	uint32_t intid;

	/* what the call may restart: its PE's main context, CPU_ON's target's,
	 * every PE's for SYSTEM_OFF and SYSTEM_RESET */
	if (fn == SIM_PSCI_CPU_ON)
		rb_main_reset(b, rb_pe_of_mpidr(&b->p->platform, rb_x(r, 1)));
	else if (fn == SIM_PSCI_SYSTEM_OFF || fn == SIM_PSCI_SYSTEM_RESET) {
		rb_main_reset(b, -1);
		/* no firmware holds an interrupt any more (the simulator forgets
		 * every hold there too: replay_route.c) */
		for (unsigned p = 0; p < TRACE_MAX_PES; p++)
			b->w.hold[p].on = false;
	}
	else if (fn >= 0 && fn != SIM_PSCI_VERSION && fn != SIM_PSCI_FEATURES && fn != SIM_PSCI_AFFINITY_INFO)
		rb_main_reset(b, r->pe);

	rb_pending_cleared(b, r);      /* before RELEASE forgets the binding */
	rb_slots_freed(b, r);
	if (fid == SDD_FID_INTERRUPT_BIND && ok && res >= 0 && (r->x_known & 2) &&
	    sim_param32(&b->p->platform, r->x[1], &intid) && intid < GIC_NUM_INTIDS) {
		int64_t below = b->w.is_bound[intid] && b->w.bound[intid] == res ? -1 : free_slot_below(b, res);
		bool freed = b->w.slots_freed[mr_ev_class(&b->p->platform, (int32_t)res, &slot) == MR_CL_SHARED];
		if (below >= 0)
			rb_note(b, r->line, "INTERRUPT_BIND of INTID %" PRIu32 " returns event %s, but no binding the trace "
				"shows holds event %s, a slot below it (a binding takes the first free slot)%s", intid,
				trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, (int32_t)res),
				trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, (int32_t)below),
				freed ? "" : rb_mid_run_hint(b));
		/* an event has one interrupt: one bound to it before is not now
		 * (released by a reset that did not say which: TF-A's DENIED one) */
		unbind_event(b, (int32_t)res);
		b->w.bound[intid] = (int32_t)res;
		b->w.is_bound[intid] = true;
	} else if (fid == SDD_FID_INTERRUPT_RELEASE && ok && res == 0) {
		unbind_event(b, (int32_t)rb_x(r, 1));
	} else if (fid == SDD_FID_EVENT_SIGNAL && ok && res == 0) {
		int t = rb_pe_of_mpidr(&b->p->platform, rb_x(r, 2));
		if (t >= 0)
			b->w.signals[t]++;
	}
}

/* Did two records of calls end the same way: returned the same result
 * (PSCI's 32-bit), or both unknown, or both completed the handler? */
static bool same_outcome(const struct trace_rec *a, const struct trace_rec *r)
{
	if (a->end != r->end)
		return false;
	if (a->end != TRACE_END_RET)
		return true;
	if ((a->r_known & 1) != (r->r_known & 1))
		return false;
	if (!(r->r_known & 1))
		return true;
	if (trace_fid_is_psci((uint32_t)r->x[0]))
		return (uint32_t)a->r[0] == (uint32_t)r->r[0];
	return a->r[0] == r->r[0];
}

static bool same_call(const struct rb *b, const struct sim_op *a, const struct trace_rec *r)
{
	const struct sim_program *p = b->p;
	uint32_t fid = trace_rec_fid(r);

	if (a->kind == SIM_OP_COMPLETE)
		return fid == SDD_FID_EVENT_COMPLETE && rb_x(r, 1) == a->fid.u;
	if (a->kind == SIM_OP_COMPLETE_AND_RESUME)
		return fid == SDD_FID_EVENT_COMPLETE_AND_RESUME &&
		       (a->fid.kind == SIM_V_RESUME_PAD) == (r->end == TRACE_END_COMPLETE);
	if (a->kind == SIM_OP_PSCI)
		return trace_psci_fn(fid) == a->psci_fn;
	if (a->kind != SIM_OP_CALL || a->fid.u != r->x[0])
		return false;
	for (uint32_t k = 0; k < a->nargs && k < 5; k++) {
		const struct sim_value *v = &p->values[a->args + k];
		if (v->kind == SIM_V_CONST && v->u != rb_x(r, k + 1))
			return false;
	}
	return true;
}

/* The outcome counts because the action carries the first invocation's as
 * its expectation (export yaml): an invocation whose call ended otherwise
 * needs a step of its own to expect what it got. */
bool rb_same_action(const struct rb *b, const struct sim_op *a, const struct trace_rec *first,
		    const struct trace_rec *r)
{
	return same_call(b, a, r) && (!first || same_outcome(first, r));
}

/* ---- The registers of interrupted contexts ---- */

/* Remember reg = value of the context v interrupted, for its `set` step. */
static void context_value(struct rb *b, const struct rb_inv *v, unsigned pe, unsigned reg, uint64_t value)
{
	struct rb_ctxval *room = sim_grow(b->vals, b->nvals, &b->cap_vals, sizeof *room, 64);

	if (!room) {
		b->w.oom = true;
		return;
	}
	b->vals = room;
	b->vals[b->nvals] = (struct rb_ctxval){ v->anchor, v->inv,
						b->rp->recs[b->rp->invs[v->inv].dispatch].line, b->nvals, (uint8_t)pe,
						(uint8_t)reg, value };
	b->nvals++;
}

void rb_context_value(struct rb *b, struct rb_inv *v, const struct trace_rec *r)
{
	uint32_t id;     /* param_id, as the dispatcher reads it (upper_bits) */

	if (trace_rec_fid(r) != SDD_FID_EVENT_CONTEXT || !(r->x_known & 2) ||
	    !sim_param32(&b->p->platform, r->x[1], &id) || id >= SDD_CONTEXT_REGS ||
	    r->end != TRACE_END_RET || !(r->r_known & 1))
		return;
	if (v->anchor == RB_NO_STEP) {
		if (!v->noted)
			rb_note(b, r->line, "the context this handler interrupted was itself running when the event was "
				"dispatched: the replay cannot give it the registers EVENT_CONTEXT read here");
		v->noted = true;
		return;
	}
	context_value(b, v, r->pe, SIM_R_X0 + id, r->r[0]);
}

bool rb_interrupted_pstate(struct rb *b, struct rb_inv *v, const struct trace_rec *r)
{
	if (!(r->x_known & 8) || v->anchor == RB_NO_STEP)
		return false;
	context_value(b, v, r->pe, SIM_R_PSTATE_PAN, (r->x[3] & SDD_PSTATE_PAN) != 0);
	context_value(b, v, r->pe, SIM_R_PSTATE_DIT, (r->x[3] & SDD_PSTATE_DIT) != 0);
	context_value(b, v, r->pe, SIM_R_PSTATE_NZCV, (r->x[3] & SDD_PSTATE_NZCV) >> 28);
	return true;
}

/* A total order: qsort leaves the order of equal elements to the C
 * library, and a register read twice keeps the first read's value. */
static int by_anchor(const void *x, const void *y)
{
	const struct rb_ctxval *a = x, *c = y;

	if (a->anchor != c->anchor)
		return a->anchor < c->anchor ? -1 : 1;
	if (a->inv != c->inv)
		return a->inv < c->inv ? -1 : 1;
	if (a->reg != c->reg)
		return a->reg < c->reg ? -1 : 1;
	return a->seq < c->seq ? -1 : a->seq > c->seq;
}

/* The `set` step of vals[*j ..] (one invocation's registers). */
static struct sim_op set_step(struct rb *b, uint32_t *j)
{
	const struct rb_ctxval *first = &b->vals[*j];
	struct sim_op op = rb_op(SIM_OP_SET, first->pe, first->line);

	op.sets = b->p->nassigns;
	for (; *j < b->nvals && b->vals[*j].anchor == first->anchor && b->vals[*j].inv == first->inv; (*j)++) {
		struct sim_assign a;
		const struct sim_assign *last = op.nsets ? &b->p->assigns[op.sets + op.nsets - 1] : NULL;
		if (last && last->reg == b->vals[*j].reg) {     /* read twice */
			if (last->v.u != b->vals[*j].value)
				rb_note(b, first->line, "the handler dispatched here read %s of the context it "
					"interrupted as 0x%" PRIx64 ", then as 0x%" PRIx64 ": the scenario sets the "
					"first", sim_reg_name(last->reg), last->v.u, b->vals[*j].value);
			continue;
		}
		memset(&a, 0, sizeof a);
		a.reg = b->vals[*j].reg;
		a.v = sim_const(b->vals[*j].value);
		a.loc = op.loc;
		sim_add_assign(b->p, &a);
		op.nsets++;
	}
	return op;
}

/* The `hold` steps go in after the `set` steps of the same anchor (a
 * `set` on a PE that holds an interrupt would fail; one armed takes it),
 * in walk order: anchors never decrease in it. */
bool rb_insert_steps(struct rb *b)
{
	struct sim_program *p = b->p;
	struct replay *rp = b->rp;
	struct sim_op *steps;
	int32_t *recs;
	uint32_t n = 0, j = 0, h = 0, cap, *moved;

	if (b->nvals == 0 && b->nholds == 0)
		return true;
	if (b->nvals)
		qsort(b->vals, b->nvals, sizeof *b->vals, by_anchor);
	cap = p->nsteps + b->nvals + b->nholds;    /* at most one `set` per value */
	steps = malloc(cap * sizeof *steps);
	recs = malloc(cap * sizeof *recs);
	moved = malloc((p->nsteps + 1) * sizeof *moved);
	if (!steps || !recs || !moved) {
		free(steps);
		free(recs);
		free(moved);
		return false;
	}
	for (uint32_t s = 0; s < p->nsteps; s++) {
		while (j < b->nvals && b->vals[j].anchor == s) {
			recs[n] = -1;
			steps[n++] = set_step(b, &j);
		}
		for (; h < b->nholds && b->holds[h].anchor == s; h++) {
			recs[n] = -1;
			steps[n++] = rb_op(SIM_OP_HOLD, b->holds[h].pe, b->holds[h].line);
		}
		moved[s] = n;
		recs[n] = rp->step_rec[s];
		steps[n++] = p->steps[s];
	}
	moved[p->nsteps] = n;
	/* the dispatch windows name steps (each at most the step count): where
	 * they are now (a `set` before a window's first step is outside it; it
	 * dispatches nothing) */
	for (uint32_t v = 0; v < rp->ninvs; v++) {
		rp->invs[v].first_step = moved[rp->invs[v].first_step];
		rp->invs[v].last_step = moved[rp->invs[v].last_step];
	}
	free(moved);
	free(p->steps);
	free(rp->step_rec);
	p->steps = steps;
	p->nsteps = n;
	p->cap_steps = cap;
	rp->step_rec = recs;
	b->cap_step_rec = cap;
	return !p->oom;
}
