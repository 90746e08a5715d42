/*
 * fz_repro_pin.c - see fz_repro_internal.h: the expectations that pin a
 * finding, by the kind of disagreement (fuzz/README.md's table).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "call_rules.h"
#include "fz_repro_internal.h"
#include "sdd/sdd_spec.h"

/* Expect x0 of op to be one of vals[0..n). */
static bool expect_x0(struct sim_program *p, struct sim_op *op, const int64_t *vals, unsigned n)
{
	struct sim_check c;

	memset(&c, 0, sizeof c);
	c.reg = SIM_R_X0;
	c.m.loc = op->loc;
	if (n == 1) {
		c.m.kind = SIM_M_EQ;
		c.m.a = sim_const((uint64_t)vals[0]);
	} else {
		c.m.kind = SIM_M_ONE_OF;
		c.m.list = p->nvalues;
		c.m.count = n;
		for (unsigned k = 0; k < n; k++)
			sim_add_value(p, sim_const((uint64_t)vals[k]));
	}
	op->checks = p->nchecks;
	op->nchecks = 1;
	sim_add_check(p, &c);
	return !p->oom;
}

static void add_unique(int64_t *set, unsigned *n, unsigned cap, int64_t v)
{
	for (unsigned k = 0; k < *n; k++)
		if (set[k] == v)
			return;
	if (*n < cap)
		set[(*n)++] = v;
}

/* An expect_dispatches entry: event entered on pe (any PE when negative;
 * any handler, any argument). */
static struct sim_expect_dispatch entry_of(int pe, int32_t event)
{
	struct sim_expect_dispatch e;

	memset(&e, 0, sizeof e);
	e.has_pe = pe >= 0;
	e.pe = sim_match_eq(sim_const((uint64_t)(pe >= 0 ? pe : 0)));
	e.has_event = 1;
	e.event = sim_match_eq(sim_const((uint32_t)event));
	return e;
}

/* Is o a handler entry on pe (any PE when negative), of event, at depth
 * (0: any)? */
static bool like(const struct sim_obs *o, int pe, int32_t event, unsigned depth)
{
	return o->kind == SIM_OBS_DISPATCH && (pe < 0 || o->pe == (unsigned)pe) && o->event == event &&
	       (!depth || o->depth == depth);
}

/* After step `after`, expect event entered on pe (any PE when negative)
 * at depth (0: any) once more than the run of log entered it so, up to
 * the end of that step and before `until` (logical time):
 * `expect_dispatches: {includes: [ENTRY x n+1]}`.  The window of the list is every entry since the
 * program started, as is the count: the fuzz decoder writes no
 * expect_dispatches, and a finding is pinned by one. */
static bool pin_once_more(struct fz_run *r, const struct fz_log *log, uint32_t after, uint64_t until,
			  int pe, int32_t event, unsigned depth)
{
	struct sim_program *p = &r->prog;
	struct sim_op op = sim_op_new(SIM_OP_EXPECT_DISPATCHES, SIM_NONE);
	struct sim_expect_dispatch want = entry_of(pe, event);

	if (depth) {
		want.has_depth = 1;
		want.depth = sim_match_eq(sim_const(depth));
	}
	op.form = SIM_LIST_INCLUDES;
	op.list = p->ndispatches;
	for (uint32_t k = 0; k < log->n && log->o[k].time < until; k++) {
		if (log->o[k].step > after || !like(&log->o[k], pe, event, depth))
			continue;
		sim_add_dispatch(p, &want);
		op.nlist++;
	}
	sim_add_dispatch(p, &want);
	op.nlist++;
	return !p->oom && fz_insert_step(p, after + 1, &op);
}

/* A COMPLETE (or COMPLETE_AND_RESUME) of a normal handler that came before
 * the dispatch of a critical event that had to preempt it: that dispatch,
 * nested over the handler (depth 2) on its PE, among the handler entries
 * up to the end of the step - once more than the run nested the event
 * there before the call.  A correct dispatcher runs the same until the
 * event became owed (the run agreed with the model so far, and no nested
 * dispatch of it came since, or it would not be owed), and takes it there;
 * what it does after that is not known, hence {includes: [...]} and not
 * the whole list. */
static bool pin_preemption(struct fz_run *r, const struct fz_log *log, struct fz_repro *out)
{
	const struct fz_disagreement *d = &r->oracle.bad;
	const struct rm_model *m = &r->oracle.model;    /* as it was at the call: the oracle stopped */
	int e = rm_preempting_critical(m, d->pe);

	if (e < 0) {
		snprintf(out->note, sizeof out->note, "the model names no critical event owed to PE %u "
			 "that the call came before", d->pe);
		return false;
	}
	return pin_once_more(r, log, d->step, d->time, d->pe, m->p.events[e].number, 2);
}

/* A call answered wrongly: its op expects what the specification allows -
 * and, for a handler's action, what the earlier runs of the same action
 * answered (accepted then). */
static bool pin_call(struct fz_run *r, const struct fz_log *log, struct fz_repro *out)
{
	const struct fz_disagreement *d = &r->oracle.bad;
	struct sim_program *p = &r->prog;
	int64_t set[16];
	unsigned n = 0;
	struct sim_op *op;

	if (d->op < 0 || (uint32_t)d->op >= (d->from_handler ? p->nactions : p->nsteps)) {
		snprintf(out->note, sizeof out->note, "the call was not made by one of the program's ops");
		return false;
	}
	if (d->allowed.kind == RM_V_NOTHING)
		return pin_preemption(r, log, out);
	if (d->allowed.kind == RM_V_VALUES && !d->completed) {
		for (unsigned k = 0; k < d->allowed.n; k++)
			add_unique(set, &n, 16, d->allowed.values[k]);
	} else if (d->allowed.kind == RM_V_COMPLETES && !d->completed && d->got != 0) {
		/* a call that completes is given x0 = 0 (scenarios/FORMAT.md):
		 * expecting 0 fails the one that answers something else */
		add_unique(set, &n, 16, 0);
	} else {
		snprintf(out->note, sizeof out->note, "the call %s where it had to %s: no expectation on x0 says so",
			 d->completed ? "completed the handler" : "answered",
			 d->allowed.kind == RM_V_COMPLETES ? "complete the handler" : "answer differently");
		return false;
	}
	op = d->from_handler ? &p->actions[d->op] : &p->steps[d->op];
	for (uint32_t k = 0; k < log->n && log->o[k].time < d->time; k++) {
		const struct sim_obs *o = &log->o[k];
		if (o->kind == SIM_OBS_CALL && o->from_handler == d->from_handler && o->op == d->op)
			add_unique(set, &n, 16, o->result);
	}
	for (unsigned k = 0; k < n; k++)
		if (set[k] == d->got) {
			snprintf(out->note, sizeof out->note, "the same action answered 0x%llx correctly earlier: "
				 "an expectation on it cannot tell the runs apart", (unsigned long long)d->got);
			return false;
		}
	return expect_x0(p, op, set, n);
}

/* After step `after`, expect the handler entries of log up to `until`
 * (logical time, exclusive), then *extra when not NULL: exactly those, or
 * (form SIM_LIST_STARTS) those first, whatever comes after them. */
static bool pin_dispatches(struct fz_run *r, const struct fz_log *log, uint32_t after, uint64_t until,
			   const struct sim_expect_dispatch *extra, uint8_t form)
{
	struct sim_program *p = &r->prog;
	struct sim_op op = sim_op_new(SIM_OP_EXPECT_DISPATCHES, SIM_NONE);

	op.form = form;
	op.list = p->ndispatches;
	for (uint32_t k = 0; k < log->n && log->o[k].time < until; k++) {
		const struct sim_obs *o = &log->o[k];
		struct sim_expect_dispatch e;
		if (o->kind != SIM_OBS_DISPATCH || o->step > after)
			continue;
		e = entry_of(o->pe, o->event);
		sim_add_dispatch(p, &e);
		op.nlist++;
	}
	if (extra) {
		sim_add_dispatch(p, extra);
		op.nlist++;
	}
	return !p->oom && fz_insert_step(p, after + 1, &op);
}

/* The entries of the run up to the one the disagreement is about, then
 * *e in its place, and whatever follows (`expect_dispatches:
 * {starts_with: [...]}`): a correct dispatcher runs the same up to there
 * (the run agreed with the model so far, and the bug shows first there)
 * and makes the entry e there; what it does after that in the step - the
 * right handler does what the wrong one did not; the event that had to go
 * first runs its handler - the buggy run cannot show, and a list of every
 * entry would forbid it. */
static bool pin_then(struct fz_run *r, const struct fz_log *log, const struct sim_expect_dispatch *e)
{
	const struct fz_disagreement *d = &r->oracle.bad;

	return pin_dispatches(r, log, d->step, d->time, e, SIM_LIST_STARTS);
}

/* The handler entry d names, as that of a dispatch that should not have
 * been, excluded from the entries of its step: `expect_dispatches:
 * {excludes: [{pe: P, event: E}]}` after it (with the depth for a nesting
 * refused, which is wrong whenever it is seen again), and, when an earlier
 * step entered the same, the entries of the earlier steps before it
 * (exactly: a correct dispatcher ran the same until then).  false with a
 * note when an entry of the step before it is the same: a correct
 * dispatcher takes it there too. */
static bool pin_excluded(struct fz_run *r, const struct fz_log *log, struct fz_repro *out)
{
	const struct fz_disagreement *d = &r->oracle.bad;
	struct sim_program *p = &r->prog;
	struct sim_op op = sim_op_new(SIM_OP_EXPECT_DISPATCHES, SIM_NONE);
	struct sim_expect_dispatch e = entry_of(d->pe, d->event);
	unsigned depth = 0;
	bool before = false;

	for (uint32_t k = 0; d->part == RM_DF_NESTED && k < log->n && log->o[k].time <= d->time; k++)
		if (log->o[k].kind == SIM_OBS_DISPATCH && log->o[k].time == d->time)
			depth = log->o[k].depth;          /* the entry that went wrong */
	for (uint32_t k = 0; k < log->n && log->o[k].time < d->time; k++) {
		const struct sim_obs *o = &log->o[k];
		if (!like(o, d->pe, d->event, depth))
			continue;
		if (o->step == d->step) {
			snprintf(out->note, sizeof out->note, "the same handler entry came earlier in the "
				 "step, rightly: no expectation of the step's entries excludes it");
			return false;
		}
		before = true;
	}
	if (depth) {
		e.has_depth = 1;
		e.depth = sim_match_eq(sim_const(depth));
	}
	op.form = SIM_LIST_EXCLUDES;
	op.list = p->ndispatches;
	op.nlist = 1;
	sim_add_dispatch(p, &e);
	if (p->oom || !fz_insert_step(p, d->step + 1, &op))
		return false;
	return !before || (d->step > 0 && pin_dispatches(r, log, d->step - 1, d->time, NULL, SIM_LIST_ALL));
}

/* A handler entered that should not have been (FZ_D_DISPATCH), pinned by
 * what the model says a correct dispatcher does there instead.  Not by
 * the entries before it, exactly: a correct dispatcher may enter more
 * handlers later in the step (the event it should have taken, say), which
 * the buggy run cannot show.
 *  - RM_DF_FIRST: the entries up to it, then the critical event that had
 *    to go first, on the PE (pin_then): a correct dispatcher takes that
 *    event at the point the bug took the normal one.
 *  - RM_DF_NESTED: no entry of the event on the PE at that depth in the
 *    step: a normal handler nested, or a third, is never right; a
 *    critical one nested in a critical one would be right only over a
 *    normal handler the step enters later.
 *  - RM_DF_NOT_NOW: no entry of the event on the PE in the step: right
 *    unless the step makes it deliverable there later (triggers it,
 *    routes it there, unmasks the PE...), which the model cannot foresee;
 *    a correct dispatcher takes another event there, or none. */
static bool pin_dispatch(struct fz_run *r, const struct fz_log *log, struct fz_repro *out)
{
	const struct fz_disagreement *d = &r->oracle.bad;
	struct sim_expect_dispatch first;

	if (d->part != RM_DF_FIRST)
		return pin_excluded(r, log, out);
	first = entry_of(d->pe, (int32_t)d->want);
	return pin_then(r, log, &first);
}

/* A handler entered with x1 or the PC not its registration's: the
 * entries up to it, then it with the registered argument, or at the
 * handler at the registered entry point (pin_then: the right handler may
 * enter more after it, as the one run in its place did not); false when
 * no handler is there: nothing to name in YAML. */
static bool pin_entry(struct fz_run *r, const struct fz_log *log, struct fz_repro *out)
{
	const struct fz_disagreement *d = &r->oracle.bad;
	struct sim_expect_dispatch e = entry_of(d->pe, d->event);

	if (!d->entry_pc) {
		e.has_arg = 1;
		e.arg = sim_match_eq(sim_const(d->want));
	} else {
		int h = sim_stub_handler(&r->prog, d->want);
		if (h < 0) {
			snprintf(out->note, sizeof out->note, "the registered entry point 0x%" PRIx64 " is no "
				 "handler's, so no expect_dispatches entry names it", d->want);
			return false;
		}
		e.has_handler = 1;
		e.handler = sim_match_eq((struct sim_value){ SIM_V_HANDLER, (uint64_t)h });
	}
	return pin_then(r, log, &e);
}

/* An event left owed once a step settled (FZ_D_SETTLED): the event
 * entered on its PE once more than the buggy run entered it there up to
 * the end of that step, among the entries since the program started
 * (pin_once_more), on any PE for a shared event - the model names the first PE that could
 * take it, and a correct dispatcher may have taken it on another (RM_ANY)
 * or before a ROUTING_SET moved it (RM_PE).
 * Why once more: the model keeps a trigger owed until an entry takes it
 * (a trigger that comes while it is owed merges with it), so at the
 * settle it had the buggy run's n entries each take an owed trigger, and
 * one owed still.  A correct dispatcher gets the same triggers - from the
 * steps, and from the handlers it runs, whose actions are the same at
 * each entry - and takes each no later than the buggy run did, so no two
 * that the buggy run kept apart merge on it; and it must not settle with
 * one owed: n + 1 entries by the end of the step, at any depth.
 * Not the entries of the step, exactly, then it: the model checks what is
 * owed only once the step settled, and the correct dispatcher takes the
 * event when it became owed - maybe before some of those entries - and
 * runs its handler, which the buggy run did not.  The argument assumes
 * that entering the event sooner changes no later trigger of it (its
 * handler masks the PE or disables the event as often, only sooner). */
static bool pin_settled(struct fz_run *r, const struct fz_log *log)
{
	const struct fz_disagreement *d = &r->oracle.bad;
	const struct rm_platform *pl = &r->oracle.model.p;
	bool shared = false;

	for (unsigned k = 0; k < pl->nevents; k++)
		if (pl->events[k].number == d->event)
			shared = pl->events[k].shared;
	return pin_once_more(r, log, d->step, UINT64_MAX, shared ? -1 : d->pe, d->event, 0);
}

/* The final state gone wrong, as a last step that asks for it: a call
 * whose answer shows it (EVENT_STATUS, GET_INFO of the routing), or the
 * register view where no call shows it (the bind slots bound: a slot a
 * RELEASE left taken answers like a free one under the tf-a-fvp policies;
 * the mask: PE_MASK answers 0 either way under mask_zero; a pending
 * interrupt: no call shows one). */
static bool pin_final(struct fz_run *r, const struct fz_disagreement *d, struct fz_repro *out)
{
	struct sim_program *p = &r->prog;
	struct sim_op op = sim_op_new(SIM_OP_CALL, d->pe);
	struct sim_expect_view v;
	struct sim_check c, form;
	unsigned nchecks = 1;
	int64_t want = (int64_t)d->want;

	memset(&c, 0, sizeof c);
	c.m.kind = SIM_M_EQ;
	c.m.a = sim_const(d->want);
	memset(&v, 0, sizeof v);
	v.part = SIM_VIEW_PE;
	switch (d->part) {
	case FZ_FINAL_STATUS:
	case FZ_FINAL_ROUTING_MODE:
	case FZ_FINAL_ROUTING_AFF:
		if (r->oracle.power[d->pe] != SIM_PE_ON) {
			snprintf(out->note, sizeof out->note, "PE %u, whose view of the state is wrong, is not on "
				 "at the end: no call of it can show the state", d->pe);
			return false;
		}
		op.fid = sim_const(d->part == FZ_FINAL_STATUS ? SDD_FID_EVENT_STATUS : SDD_FID_EVENT_GET_INFO);
		op.args = p->nvalues;
		op.nargs = d->part == FZ_FINAL_STATUS ? 1 : 2;
		sim_add_value(p, sim_const((uint32_t)d->event));
		if (d->part != FZ_FINAL_STATUS)
			sim_add_value(p, sim_const(d->part == FZ_FINAL_ROUTING_MODE ? SDD_INFO_EV_ROUTING_MODE :
						   SDD_INFO_EV_ROUTING_AFF));
		return expect_x0(p, &op, &want, 1) && fz_insert_step(p, p->nsteps, &op);
	case FZ_FINAL_BOUND:
		c.reg = SIM_R_VIEW_BOUND;
		c.m.kind = SIM_M_SET;
		c.m.list = p->nvalues;
		for (unsigned i = 0; i < r->oracle.model.p.nevents; i++)
			if (d->want >> i & 1) {
				sim_add_value(p, sim_const((uint32_t)r->oracle.model.p.events[i].number));
				c.m.count++;
			}
		break;
	case FZ_FINAL_ENTRY: {              /* events: {E: {arg: A}} or {E: {ep: h, flags: ...}} */
		int h = d->entry_pc ? sim_stub_handler(p, d->want) : 0;
		bool offset = d->relative && p->platform.policy.rel_vbar == SDD_REL_VBAR_AT_DISPATCH;
		v.part = SIM_VIEW_EVENT;
		v.event = sim_const((uint32_t)d->event);
		c.reg = d->entry_pc ? SIM_R_VIEW_EP : SIM_R_VIEW_ARG;
		if (h < 0) {
			snprintf(out->note, sizeof out->note, "the registered entry point 0x%" PRIx64 " is no "
				 "handler's, so no expect_view can name it", d->want);
			return false;
		}
		if (!d->entry_pc)
			break;
		/* The entry point in the form a correct dispatcher holds it,
		 * with that form's flag (flags: {mask: 2, value: 2 or 0}): the
		 * offset from VBAR, marked relative, for a relative
		 * registration whose VBAR is read at the dispatch; else the
		 * address, unmarked (the rel_vbar policy).  Not the form the
		 * buggy view holds: there the address marked relative is the
		 * right ep in the wrong form (VBAR added again at entry). */
		c.m.a = (struct sim_value){ offset ? SIM_V_HANDLER_OFF : SIM_V_HANDLER, (uint64_t)h };
		form = c;
		form.reg = SIM_R_VIEW_FLAGS;
		form.m.kind = SIM_M_MASK;
		form.m.a = sim_const(SDD_REGFLAG_RELATIVE);
		form.m.b = sim_const(offset ? SDD_REGFLAG_RELATIVE : 0);
		nchecks = 2;
		break;
	}
	case FZ_FINAL_PENDING:              /* pending: {includes: [event]} */
		c.reg = SIM_R_VIEW_PENDING;
		c.m.kind = SIM_M_INCLUDES;
		c.m.list = p->nvalues;
		c.m.count = 1;
		sim_add_value(p, sim_const((uint32_t)d->event));
		break;
	case FZ_FINAL_MASK:
		if (((uint64_t)d->got ^ d->want) & 1) {
			c.reg = SIM_R_VIEW_MASKED;
			c.m.a = sim_const(d->want & 1);
			break;
		}
		snprintf(out->note, sizeof out->note, "PE %u's mask is right but comes in force at the completion "
			 "of another handler: neither a call nor the register view shows when", d->pe);
		return false;
	default:
		return false;
	}
	/* an expect_view step of one part */
	op = sim_op_new(SIM_OP_EXPECT_VIEW, d->pe);
	v.checks = p->nchecks;
	v.nchecks = nchecks;
	sim_add_check(p, &c);
	if (nchecks == 2)
		sim_add_check(p, &form);
	op.list = p->nviews;
	op.nlist = 1;
	sim_add_view(p, &v);
	return !p->oom && fz_insert_step(p, p->nsteps, &op);
}

/* see fz_repro_internal.h */
void fz_repro_pin(struct fz_run *r, const struct fz_log *log, struct fz_repro *out)
{
	const struct fz_disagreement *d = &r->oracle.bad;

	if (!r->oracle.failed) {
		/* invariants, dispatcher faults: every run checks them */
		out->expressed = strncmp(r->finding, "migrating", 9) != 0;
		if (!out->expressed)
			snprintf(out->note, sizeof out->note, "a difference between a migrated and an unmigrated "
				 "run: the program migrates where the input did, with no expectation that tells the runs apart");
		return;
	}
	if (log->n < log->total) {
		snprintf(out->note, sizeof out->note, "the run has more than %u observations", FZ_LOG_MAX);
		return;
	}
	switch (d->kind) {
	case FZ_D_CALL:
		out->expressed = pin_call(r, log, out);
		break;
	case FZ_D_DISPATCH:
		out->expressed = pin_dispatch(r, log, out);
		break;
	case FZ_D_SETTLED:
		out->expressed = pin_settled(r, log);
		break;
	case FZ_D_ENTRY:
		out->expressed = pin_entry(r, log, out);
		break;
	case FZ_D_FINAL:
		out->expressed = pin_final(r, d, out);
		break;
	case FZ_D_HAND_OVER:
		snprintf(out->note, sizeof out->note, "the dispatcher's answer to an interrupt handed over "
			 "late (sdd_irq_result %" PRId64 ") is not an expectation of the format: the "
			 "reproducer runs to it, and -v shows it", d->got);
		break;
	case FZ_D_EXPLICIT: {
		struct sim_op *op = d->step < r->prog.nsteps ? &r->prog.steps[d->step] : NULL;
		if (op && op->kind == SIM_OP_DISPATCH) {
			struct sim_check c;
			memset(&c, 0, sizeof c);
			c.reg = SIM_R_X0;
			c.m.kind = SIM_M_NOT;
			c.m.a = sim_const((uint64_t)d->got);
			c.m.loc = op->loc;
			op->checks = r->prog.nchecks;
			op->nchecks = 1;
			sim_add_check(&r->prog, &c);
			out->expressed = !r->prog.oom;
		}
		break;
	}
	default:
		break;
	}
}
