/*
 * fz_repro.c - see fz_repro.h.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"
#include "fz_repro.h"
#include "sdd/sdd_spec.h"

#define SIM_MAX_HANDLERS_PRUNE 256   /* the most handlers a program can have */

/* ---- running and recognising the finding ---- */

static bool finds(struct fz_run *r, const uint8_t *data, size_t len, bool migrate)
{
	return migrate ? !fz_run_migrated(r, data, len) : !fz_run_one(r, data, len);
}

/* The finding without what minimising changes: numbers in the text, and
 * for the model's findings, everything but what disagreed.  A call's is
 * the call, what it answered and what the specification allowed it (as
 * tools/fuzz-triage tells findings apart): the same call can disagree in
 * another way once a record is dropped - the same wrong answer where
 * another one was allowed - and the reproducer would pin that instead. */
static void signature(const struct fz_run *r, char *sig, size_t n)
{
	const struct fz_disagreement *d = &r->oracle.bad;
	const struct rm_verdict *v = &d->allowed;
	const char *text = r->finding;
	size_t k = 0;

	if (r->oracle.failed && d->kind == FZ_D_CALL) {
		snprintf(sig, n, "model: call 0x%x from %s answered %s0x%" PRIx64 ", allowed %u.%u.%u "
			 "0x%" PRIx64 " 0x%" PRIx64 " 0x%" PRIx64, (unsigned)d->fid,
			 d->from_handler ? "a handler" : "a step", d->completed ? "(completing) " : "",
			 (uint64_t)d->got, v->kind, v->n, v->slot_shared, (uint64_t)v->values[0],
			 (uint64_t)(v->n > 1 ? v->values[1] : 0), (uint64_t)(v->n > 2 ? v->values[2] : 0));
		return;
	}
	/* another of the model's: the kind, the event, and the rule as its
	 * text says it (numbers out) - a settled event pending "(private)"
	 * is another finding than one "(shared, RM_PE)" of the same number */
	if (r->oracle.failed && d->kind != FZ_D_NONE) {
		snprintf(sig, n, "model: kind %u.%u, event 0x%x: ", d->kind, d->part, (unsigned)d->event);
		k = strlen(sig);
		text = r->oracle.why;
	}
	if (strncmp(text, "step ", 5) == 0 && strchr(text, ':'))
		text = strchr(text, ':') + 2;           /* "step N: " */
	for (const char *p = text; *p && k + 1 < n; p++) {
		if (isdigit((unsigned char)*p)) {
			while (isxdigit((unsigned char)p[1]) || p[1] == 'x')
				p++;
			sig[k++] = '#';
		} else {
			sig[k++] = *p;
		}
	}
	sig[k] = '\0';
}

/* A trial input finds what rp's does, and runs through where rp's did: a
 * program that fails on the machine on its own (a handler that raises its
 * own event for ever, say, once two handlers become one) fails on the
 * fixed dispatcher too, and is no regression test. */
static bool same_finding(struct fz_run *r, const uint8_t *data, size_t len, bool migrate,
			 const struct fz_repro *rp)
{
	char sig[400];

	if (!finds(r, data, len, migrate) || (rp->ran_through && !r->res.passed))
		return false;
	signature(r, sig, sizeof sig);
	return strcmp(sig, rp->signature) == 0;
}

/* ---- minimising ---- */

static size_t records(size_t len)
{
	return len > FZ_HEADER_BYTES ? (len - FZ_HEADER_BYTES) / FZ_RECORD_BYTES : 0;
}

/* The header of the default platform (fz_encode of an empty program). */
static void plain_header(uint8_t h[FZ_HEADER_BYTES])
{
	static uint8_t buf[FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES];
	struct sim_program p;

	sim_program_init(&p);
	memset(h, 0, FZ_HEADER_BYTES);
	if (fz_encode(&p, buf, sizeof buf) >= FZ_HEADER_BYTES)
		memcpy(h, buf, FZ_HEADER_BYTES);
	sim_program_free(&p);
}

/* The bits of input[at] that differ from want, each set to want's where
 * the finding stays without it: a header byte packs fields and policy
 * bits, and the finding may need some of them and not the others. */
static void plain_bits(struct fz_run *r, struct fz_repro *out, size_t at, uint8_t want, bool migrate)
{
	for (unsigned bit = 0; bit < 8; bit++) {
		uint8_t mask = (uint8_t)(1u << bit);
		if (!((out->input[at] ^ want) & mask))
			continue;
		out->input[at] ^= mask;
		if (!same_finding(r, out->input, out->len, migrate, out))
			out->input[at] ^= mask;
	}
}

/* Drop records while the finding stays; then simplify the header and
 * the operands. */
static void minimise(struct fz_run *r, struct fz_repro *out, bool migrate)
{
	uint8_t trial[sizeof out->input], plain[FZ_HEADER_BYTES];
	bool changed = true;

	for (unsigned pass = 0; changed && pass < 4; pass++) {
		changed = false;
		for (size_t k = records(out->len); k-- > 0;) {
			size_t at = FZ_HEADER_BYTES + k * FZ_RECORD_BYTES;
			memcpy(trial, out->input, at);
			memcpy(trial + at, out->input + at + FZ_RECORD_BYTES, out->len - at - FZ_RECORD_BYTES);
			if (same_finding(r, trial, out->len - FZ_RECORD_BYTES, migrate, out)) {
				memcpy(out->input, trial, out->len - FZ_RECORD_BYTES);
				out->len -= FZ_RECORD_BYTES;
				changed = true;
			}
		}
	}
	/* fewer PEs, no platform event that is not needed */
	memcpy(trial, out->input, out->len);
	for (uint8_t pes = 0; pes < out->input[0] % 8; pes++) {
		trial[0] = pes;
		if (same_finding(r, trial, out->len, migrate, out)) {
			out->input[0] = pes;
			break;
		}
		trial[0] = out->input[0];
	}
	for (unsigned e = 0; e < 4; e++) {
		memcpy(trial, out->input, out->len);
		trial[4 + 3 * e] &= (uint8_t)~1u;
		if (trial[4 + 3 * e] != out->input[4 + 3 * e] &&
		    same_finding(r, trial, out->len, migrate, out))
			out->input[4 + 3 * e] = trial[4 + 3 * e];
	}
	/* Then every other byte to its plainest value - the default
	 * platform's in the header, 0 in a record (PE 0, the first value of
	 * each role) - where the finding does not need it: what is left in
	 * the scenario is what the bug needs, not the mutations' noise.  A
	 * record's kind stays, and so does fuzz_migrate's byte after the last
	 * whole record, which sits where a kind would.  A header byte the
	 * finding needs goes bit by bit (a record's byte is one value). */
	plain_header(plain);
	for (size_t at = 1; at < out->len; at++) {
		uint8_t keep = out->input[at], want = at < FZ_HEADER_BYTES ? plain[at] : 0;
		if (keep == want || (at >= FZ_HEADER_BYTES && (at - FZ_HEADER_BYTES) % FZ_RECORD_BYTES == 0))
			continue;
		out->input[at] = want;
		if (same_finding(r, out->input, out->len, migrate, out))
			continue;
		out->input[at] = keep;
		if (at < FZ_HEADER_BYTES)
			plain_bits(r, out, at, want, migrate);
	}
}

/* ---- expectations ---- */

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

/* An expect_dispatches entry: event entered on pe (any handler, any
 * argument). */
static struct sim_expect_dispatch entry_of(unsigned pe, int32_t event)
{
	struct sim_expect_dispatch e;

	memset(&e, 0, sizeof e);
	e.has_pe = 1;
	e.pe = sim_match_eq(sim_const(pe));
	e.has_event = 1;
	e.event = sim_match_eq(sim_const((uint32_t)event));
	return e;
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
	struct sim_program *p = &r->prog;
	struct sim_op op = sim_op_new(SIM_OP_EXPECT_DISPATCHES, SIM_NONE);
	struct sim_expect_dispatch want;

	if (e < 0) {
		snprintf(out->note, sizeof out->note, "the model names no critical event owed to PE %u "
			 "that the call came before", d->pe);
		return false;
	}
	want = entry_of(d->pe, m->p.events[e].number);
	want.has_depth = 1;
	want.depth = sim_match_eq(sim_const(2));
	op.form = SIM_LIST_INCLUDES;
	op.list = p->ndispatches;
	for (uint32_t k = 0; k < log->n && log->o[k].time < d->time; k++) {
		const struct sim_obs *o = &log->o[k];
		if (o->kind == SIM_OBS_DISPATCH && o->pe == d->pe && o->event == m->p.events[e].number &&
		    o->depth == 2) {
			sim_add_dispatch(p, &want);
			op.nlist++;
		}
	}
	sim_add_dispatch(p, &want);
	op.nlist++;
	return !p->oom && fz_insert_step(p, d->step + 1, &op);
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

/* Does the handler entry o match the entry pinned for a dispatch that
 * went wrong: on pe, of event, at depth (0: any)? */
static bool like(const struct sim_obs *o, unsigned pe, int32_t event, unsigned depth)
{
	return o->kind == SIM_OBS_DISPATCH && o->pe == pe && o->event == event && (!depth || o->depth == depth);
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
 *    to go first, on the PE (`starts_with`): a correct dispatcher runs
 *    the same up to there (the run agreed with the model so far) and takes
 *    that event at the point the bug took the normal one.
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
	return pin_dispatches(r, log, d->step, d->time, &first, SIM_LIST_STARTS);
}

/* A handler entered with x1 or the PC not its registration's: expect the
 * entry with the argument, or the handler at the registered entry point
 * (false when no handler is there: nothing to name in YAML). */
static bool pin_entry(struct fz_run *r, const struct fz_log *log, const struct fz_disagreement *d,
		      struct fz_repro *out)
{
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
	return pin_dispatches(r, log, d->step, d->time, &e, SIM_LIST_ALL);
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
	struct sim_check c;
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
	case FZ_FINAL_ENTRY: {              /* events: {E: {arg: A}} or {E: {ep: h}} */
		int h = d->entry_pc ? sim_stub_handler(p, d->want) : 0;
		v.part = SIM_VIEW_EVENT;
		v.event = sim_const((uint32_t)d->event);
		c.reg = d->entry_pc ? SIM_R_VIEW_EP : SIM_R_VIEW_ARG;
		if (h < 0) {
			snprintf(out->note, sizeof out->note, "the registered entry point 0x%" PRIx64 " is no "
				 "handler's, so no expect_view can name it", d->want);
			return false;
		}
		/* the view holds a relative entry point as the offset from VBAR */
		if (d->entry_pc)
			c.m.a = (struct sim_value){ d->relative ? SIM_V_HANDLER_OFF : SIM_V_HANDLER, (uint64_t)h };
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
	v.nchecks = 1;
	sim_add_check(p, &c);
	op.list = p->nviews;
	op.nlist = 1;
	sim_add_view(p, &v);
	return !p->oom && fz_insert_step(p, p->nsteps, &op);
}

/* Pin the finding of the last run of r->prog with expectations. */
static void pin(struct fz_run *r, const struct fz_log *log, struct fz_repro *out)
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
	{
		struct sim_expect_dispatch e = entry_of(d->pe, d->event);
		out->expressed = pin_dispatches(r, log, d->step, UINT64_MAX, &e, SIM_LIST_ALL);
		break;
	}
	case FZ_D_ENTRY:
		out->expressed = pin_entry(r, log, d, out);
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

/* ---- tidying ---- */

/* Drop the handlers nothing names (the decoder always makes eight), so the
 * reproducer shows only what the finding needs.  Handler indices in values
 * (wherever they are: dispatch expectations too) are renumbered; dropped
 * handlers' actions stay in the pool, unreferenced. */
struct prune {
	int32_t map[SIM_MAX_HANDLERS_PRUNE];   /* -1: not named; then the new index */
	uint32_t n;
	bool renumber;                         /* else: mark the handlers named */
};

static void prune_value(void *ctx, struct sim_value *v)
{
	struct prune *pr = ctx;

	if ((v->kind != SIM_V_HANDLER && v->kind != SIM_V_HANDLER_OFF) || v->u >= pr->n)
		return;
	if (!pr->renumber)
		pr->map[v->u] = 0;
	else if (pr->map[v->u] >= 0)
		v->u = (uint64_t)pr->map[v->u];
}

static void prune_handlers(struct sim_program *p)
{
	struct prune pr;
	uint32_t kept = 0;

	if (p->nhandlers > SIM_MAX_HANDLERS_PRUNE)
		return;
	pr.n = p->nhandlers;
	pr.renumber = false;
	for (uint32_t h = 0; h < p->nhandlers; h++)
		pr.map[h] = -1;
	sim_each_value(p, prune_value, &pr);
	for (uint32_t h = 0; h < p->nhandlers; h++)
		if (pr.map[h] == 0) {
			p->handlers[kept] = p->handlers[h];
			pr.map[h] = (int32_t)kept++;
		}
	p->nhandlers = kept;
	pr.renumber = true;
	sim_each_value(p, prune_value, &pr);
}

/* ---- the whole ---- */

/* How much of an input of size bytes is worth keeping: the header and the
 * whole records the decoder reads (at most FZ_MAX_RECORDS), and, for
 * fuzz_migrate, the byte after them when the harness reads it (it
 * chooses the step to migrate before; with more records than the decoder
 * reads it does not, and neither does the cut copy). */
static size_t repro_length(size_t size, bool migrate)
{
	size_t whole = records(size), keep;

	if (size < FZ_HEADER_BYTES)
		return size;
	keep = FZ_HEADER_BYTES + (whole < FZ_MAX_RECORDS ? whole : FZ_MAX_RECORDS) * FZ_RECORD_BYTES;
	return migrate && whole <= FZ_MAX_RECORDS && size > keep ? keep + 1 : keep;
}

int fz_repro(struct fz_run *r, const uint8_t *data, size_t size, bool migrate, struct fz_repro *out)
{
	struct fz_log *log, *keep = r->log;
	struct sim_run_opts opts;

	memset(out, 0, sizeof *out);
	out->original_len = size;
	out->len = repro_length(size, migrate);
	memcpy(out->input, data, out->len);
	if (!finds(r, out->input, out->len, migrate))
		return 1;
	snprintf(out->finding, sizeof out->finding, "%s", r->finding);
	signature(r, out->signature, sizeof out->signature);
	out->ran_through = r->res.passed;
	minimise(r, out, migrate);

	/* the minimised input once more, with its observations kept */
	log = calloc(1, sizeof *log);
	if (log == NULL)
		return -1;
	r->log = migrate ? NULL : log;       /* fz_run_migrated keeps its own two */
	if (!finds(r, out->input, out->len, migrate)) {
		snprintf(out->note, sizeof out->note, "the minimised input no longer finds anything (nondeterminism?)");
	} else {
		snprintf(out->minimised, sizeof out->minimised, "%s", r->finding);
		if (r->last_log == NULL)
			snprintf(out->note, sizeof out->note, "no observations of the run were kept");
		else
			pin(r, r->last_log, out);       /* the run that failed: its program is r->prog */
	}
	r->log = keep;
	free(log);
	prune_handlers(&r->prog);

	/* run it the way `sdeisim run` would: no model, the input's choices */
	memset(&opts, 0, sizeof opts);
	r->choices.next = 0;
	opts.choice.pick = fz_pick;
	opts.choice.ctx = &r->choices;
	opts.max_rounds = FZ_MAX_ROUNDS;
	opts.slice_budget = FZ_SLICE_BUDGET;
	if (out->expressed) {
		if (sim_run(r->cpu, &r->prog, &opts, &out->res) != 0)
			snprintf(out->note, sizeof out->note, "the program could not be run alone "
				 "(the simulator refused it)");
		else if (!(out->verified = !out->res.passed))
			snprintf(out->note, sizeof out->note,
				 "the program with its expectations passes when run alone");
	}
	r->choices.next = 0;
	return 0;
}

/* see fz_repro.h */
void fz_repro_describe(const struct fz_repro *rp, bool migrate, char *buf, size_t n)
{
	int at = snprintf(buf, n, "Written by sdeisim repro from a %s input, minimised from %zu to %zu bytes. ",
			  migrate ? "fuzz_migrate" : "fuzz_sdei", rp->original_len, rp->len);
	size_t used = at < 0 ? 0 : (size_t)at < n ? (size_t)at : n;

	const char *open = rp->note[0] ? " (" : "", *close = rp->note[0] ? ")" : "";

	if (!rp->expressed)
		snprintf(buf + used, n - used, "It does not pin the finding%s%s%s: it runs the program that "
			 "found it, and passes with the bug too; `sdeisim repro` of the minimised input "
			 "(--input FILE) shows the finding.", open, rp->note, close);
	else if (!rp->verified)
		snprintf(buf + used, n - used, "Its expectations are meant to fail as the finding did, but it "
			 "did not when run alone%s%s%s: check it before keeping it.", open, rp->note, close);
	else
		snprintf(buf + used, n - used, "It fails as the finding did; once the bug is fixed it passes: "
			 "keep it as the regression test.");
}
