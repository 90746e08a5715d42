/*
 * runner.c - running a scenario program: one step at a time, the machine
 * brought to quiescence after each, every expectation checked (a call's
 * here; values and matches in match.c, the lists in expect_lists.c), and
 * the first failure reported as "what was expected, what happened" at the
 * location of the expectation that failed.
 */
#include <inttypes.h>
#include <string.h>

#include "call_rules.h"
#include "sim_internal.h"

/* What a call was, in words: "EVENT_STATUS on PE 1 (handler 'h')". */
static void describe_call(const struct sim_machine *m, const struct sim_op *op, unsigned pe,
			  char *buf, size_t n)
{
	const char *what = sim_op_name(op->kind);
	char fidbuf[24];

	if (op->kind == SIM_OP_PSCI) {
		what = sim_psci_name(op->psci_fn);
	} else if (op->kind == SIM_OP_CALL) {
		uint64_t fid = op->fid.kind == SIM_V_CONST ? op->fid.u : 0;
		what = sdd_call_name((uint32_t)fid);
		if (what == NULL) {
			snprintf(fidbuf, sizeof fidbuf, "function 0x%08" PRIx32, (uint32_t)fid);
			what = fidbuf;
		}
	}
	if (m->pe[pe].depth > 0 && m->pe[pe].disp[m->pe[pe].depth - 1].handler >= 0) {
		/* which of the handler's runs: its event, and the step it ran in */
		const struct sim_dispatch *d = &m->pe[pe].disp[m->pe[pe].depth - 1];
		snprintf(buf, n, "%s on PE %u in handler '%s' for event 0x%" PRIx32 ", run by the step at line %" PRIu32,
			 what, pe, sim_str(m->prog, m->prog->handlers[d->handler].name), (uint32_t)d->event,
			 m->prog->steps[m->step].loc.line);
	} else
		snprintf(buf, n, "%s on PE %u", what, pe);
}

/* Has the step call in progress on pe returned to its caller (not to an
 * interrupted context, a powered-down or reset PE)?  c: pe's context now. */
static bool returned_to_caller(const struct sim_machine *m, unsigned pe, const struct sim_ctx *c)
{
	return m->resets == m->step_resets && m->pe[pe].power != SIM_PE_OFF && c->pc == m->step_pc &&
	       m->pe[pe].depth == m->step_depth;
}

/* How call op went when it did not return to its caller. */
static const char *gone_how(const struct sim_op *op)
{
	bool completion = op->kind == SIM_OP_CALL && op->fid.kind == SIM_V_CONST &&
			  (op->fid.u == SDD_FID_EVENT_COMPLETE || op->fid.u == SDD_FID_EVENT_COMPLETE_AND_RESUME);

	return completion ? "completed the handler" : "did not come back";
}

void sim_after_call(struct sim_machine *m, const struct sim_op *op, const struct sim_ctx *c,
		    int64_t x0, unsigned pe, bool returned)
{
	const struct sim_program *p = m->prog;
	uint32_t first = op->checks, n = op->nchecks;

	if (m->failed)
		return;
	if (n && p->checks[first].reg == SIM_R_RETURNED) {
		/* `returns`: whether the call came back, before what it answered
		 * (a COMPLETE that completes has no answer, and is given 0) */
		if (!returned) {
			char what[160];
			describe_call(m, op, pe, what, sizeof what);
			sim_fail(m, SIM_FAIL_EXPECT, p->checks[first].m.loc, "%s: expected it to return (`returns`), "
				 "but it %s", what, gone_how(op));
			return;
		}
		first++;
		n--;
	}
	if (n) {
		char what[220];
		struct sim_ctx seen = *c;
		seen.x[0] = (uint64_t)x0;
		/* a step's call returns to a context whose x1..x5 are as they
		 * were (step_call): that is what its checks see, not the
		 * arguments still in the registers here */
		if (op == m->step_op && returned_to_caller(m, pe, c))
			sim_copy_args(&seen.x[1], m->step_args);
		describe_call(m, op, pe, what, sizeof what);
		/* what the checks see of a call that did not return is given */
		if (!returned) {
			size_t len = strlen(what);
			snprintf(what + len, sizeof what - len, ", which %s (taken as x0 = 0)", gone_how(op));
		}
		if (!sim_check_regs(m, first, n, &seen, 0, 0, what))
			return;
	}
	if (op->save >= 0 && (uint32_t)op->save < p->nvars) {
		m->var_value[op->save] = (uint64_t)x0;
		m->var_set[op->save] = 1;
	}
}

/* ---- Steps ---- */

/* Can step op (a call, `set` or `dispatch`) act on pe: it is on and not
 * stopped in a failed handler?  Else the scenario fails (lenient: the
 * step is skipped). */
static bool pe_can_act(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	static const char *const power[] = { "on", "off", "suspended", "suspended", "frozen" };
	const struct sim_pe *p = &m->pe[pe];
	const char *cannot = op->kind == SIM_OP_SET ? "its registers cannot be set" :
			     op->kind == SIM_OP_DISPATCH ? "nothing can be dispatched on it" : "it cannot make a call";

	if (p->power != SIM_PE_ON) {
		sim_step_refused(m, pe, op->loc, "PE %u is %s: %s", pe, power[p->power], cannot);
		return false;
	}
	if (p->stuck) {
		sim_step_refused(m, pe, op->loc, "PE %u is stopped in a failed handler", pe);
		return false;
	}
	if (p->hold.holding) {
		sim_step_refused(m, pe, op->loc, "PE %u is in firmware, holding INTID %u until "
				 "a hand_over step: %s", pe, p->hold.intid, cannot);
		return false;
	}
	return true;
}

static void step_call(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	struct sim_ctx *ctx = &m->pe[pe].ctx;
	/* What is put back after the call: only these (a copy of the whole
	 * context is a memory call under the sanitizers, on every call). */
	uint64_t pc = ctx->pc, pstate = ctx->pstate, args[5];

	sim_copy_args(args, &ctx->x[1]);
	if (!pe_can_act(m, op, pe))
		return;
	/* A call made from another EL than the client's (e.g. a guest calling
	 * firmware), or from AArch32, is made with that EL and state in
	 * PSTATE; the context keeps its own. */
	ctx->pstate = sim_call_pstate(pstate, op);
	m->step_op = op;
	m->step_args = args;
	m->step_pc = pc;
	m->step_resets = m->resets;
	m->step_depth = m->pe[pe].depth;
	sim_firmware_call(m, pe, ctx, op, false);
	m->step_op = NULL;
	/* When the call returned to its caller, only x0 changed: its arguments
	 * are not left behind in x1..x5 (contract: "every other register of
	 * that context is as it was before the call"). */
	if (returned_to_caller(m, pe, ctx)) {
		sim_copy_args(&ctx->x[1], args);
		ctx->pstate = sim_call_restore(ctx->pstate, pstate);
	}
	m->step_args = NULL;
}

static void step_set(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	struct sim_ctx *c = &m->pe[pe].ctx;

	if (!pe_can_act(m, op, pe))
		return;
	for (uint32_t k = 0; k < op->nsets; k++) {
		const struct sim_assign *a = &m->prog->assigns[op->sets + k];
		uint64_t v;
		if (!sim_resolve(m, &a->v, 0, 0, a->loc, &v))
			return;
		if (a->reg < SIM_R_SP)
			c->x[a->reg] = v;
		else if (a->reg == SIM_R_SP)
			*((c->pstate & 1) ? &c->sp_elc : &c->sp_el0) = v;
		else if (a->reg == SIM_R_PSTATE_PAN)
			c->pstate = (c->pstate & ~SDD_PSTATE_PAN) | ((v & 1) << 22);
		else if (a->reg == SIM_R_PSTATE_DIT)
			c->pstate = (c->pstate & ~SDD_PSTATE_DIT) | ((v & 1) << 24);
		else if (a->reg == SIM_R_PSTATE_NZCV)
			c->pstate = (c->pstate & ~SDD_PSTATE_NZCV) | ((v & 0xF) << 28);
	}
}

static void step_dispatch(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	struct sim_pe *p = &m->pe[pe];
	uint64_t ev;
	struct sdd_outcome o;
	struct sdd_regs r, before;
	int res;

	if (!pe_can_act(m, op, pe) || !sim_resolve(m, &op->event, 0, 0, op->loc, &ev))
		return;
	if (!sim_event_fits(ev) && !m->prog->lenient) {
		sim_fail(m, SIM_FAIL_SCENARIO, op->loc, "the event number a firmware dispatch passes "
			 "has 32 bits, found 0x%" PRIx64, ev);
		return;
	}
	sim_ctx_to_regs(&p->ctx, &before);
	r = before;
	res = sdd_dispatch_explicit(&m->core, pe, (int32_t)ev, &r, &o);
	{
		struct sim_obs ob;
		sim_obs_init(&ob, SIM_OBS_EXPLICIT, pe);
		ob.event = (int32_t)ev;
		ob.result = res;
		ob.depth = p->depth;
		ob.pc = before.pc;
		ob.pstate = before.pstate;
		sim_observe(m, &ob);
	}
	if (res == 0) {
		sim_regs_to_ctx(&r, &p->ctx);
		if (!sim_note_dispatch(m, pe, 1023, &o, &before, &r))
			return;
	}
	if (op->nchecks) {
		char what[80];
		struct sim_ctx seen = p->ctx;
		seen.x[0] = (uint64_t)(int64_t)res;
		snprintf(what, sizeof what, "explicit dispatch of 0x%" PRIx64 " on PE %u", ev, pe);
		sim_check_regs(m, op->checks, op->nchecks, &seen, 0, 0, what);
	}
}

/* Arm pe's firmware to hold the next interrupt it acknowledges (struct
 * sim_hold).  A PE that holds one already, or is armed, cannot be armed
 * again (lenient: the step does nothing). */
static void step_hold(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	const struct sim_hold *h = &m->pe[pe].hold;

	if (sim_hold_arm(&m->pe[pe].hold))
		return;
	if (h->holding)
		sim_step_refused(m, pe, op->loc, "PE %u holds INTID %u already: hand it over first", pe,
				 h->intid);
	else
		sim_step_refused(m, pe, op->loc, "PE %u is set to hold its next interrupt already", pe);
}

static void run_step(struct sim_machine *m, const struct sim_op *op)
{
	unsigned pe = op->pe == SIM_NONE ? 0 : op->pe;
	struct sim_obs ob;

	if (sim_observing(m)) {
		sim_obs_step_in(&ob, op);
		sim_observe(m, &ob);
	}
	if (op->pe != SIM_NONE && op->pe >= m->npe) {
		sim_fail(m, SIM_FAIL_SCENARIO, op->loc, "PE %u does not exist (the platform has %u)", op->pe, m->npe);
		return;
	}
	/* what the scheduler asks again (pes_changed): an interrupt step
	 * changes the GIC alone, which says which PEs it moved */
	if (op->kind != SIM_OP_INTERRUPT)
		m->pe_dirty = ~0ull;
	switch (op->kind) {
	case SIM_OP_CALL:
	case SIM_OP_PSCI:
		step_call(m, op, pe);
		break;
	case SIM_OP_INTERRUPT:
		sim_fire(m, op->intid, pe);
		break;
	case SIM_OP_SET:
		step_set(m, op, pe);
		break;
	case SIM_OP_WAKE:
		sim_wake(m, pe);
		break;
	case SIM_OP_DISPATCH:
		step_dispatch(m, op, pe);
		break;
	case SIM_OP_MIGRATE:
		sim_migrate(m, op->loc);
		break;
	case SIM_OP_RESUME:
		if (m->pe[pe].paused == 0) {
			sim_step_refused(m, pe, op->loc, "no handler is paused on PE %u", pe);
			break;
		}
		ob = sim_obs_resume(pe, &m->pe[pe].paused);
		sim_observe(m, &ob);
		break;
	case SIM_OP_HOLD:
		step_hold(m, op, pe);
		break;
	case SIM_OP_HAND_OVER:
		if (!sim_hand_over_held(m, pe))
			sim_step_refused(m, pe, op->loc, "PE %u holds no interrupt to hand over "
					 "(a hold step makes it keep the next one it acknowledges)", pe);
		break;
	case SIM_OP_EXPECT_DISPATCHES:
		sim_expect_dispatches(m, op);
		break;
	case SIM_OP_EXPECT_RESUMES:
		sim_expect_resumes(m, op);
		break;
	case SIM_OP_EXPECT_VIEW:
		sim_expect_view(m, op);
		break;
	default:
		sim_fail(m, SIM_FAIL_SCENARIO, op->loc, "'%s' is not a step", sim_op_name(op->kind));
		break;
	}
}

int sim_run(struct sim_cpu *cpu, const struct sim_program *prog, const struct sim_run_opts *opts,
	    struct sim_result *res)
{
	struct sim_machine *m = sim_cpu_workspace(cpu, sizeof *m);
	static const struct sim_run_opts none;

	memset(res, 0, sizeof *res);
	if (!opts)
		opts = &none;
	if (m == NULL) {
		snprintf(res->message, sizeof res->message, "out of memory");
		return -1;
	}
	if (sim_machine_init(m, cpu, prog, opts, res->message, sizeof res->message)) {
		res->loc = m->fail_loc;          /* where the problem is written, when known */
		return -1;
	}
	for (uint32_t k = 0; k < prog->nsteps && !m->failed && !m->system_off; k++) {
		const struct sim_op *op = &prog->steps[k];
		m->step = k;
		run_step(m, op);
		if (!m->failed)
			sim_quiesce(m);
		if (!m->failed && !opts->skip_invariants)
			sim_check_invariants(m, op->loc);
		res->steps_run = k + 1;
	}
	res->passed = !m->failed;
	if (res->passed && !opts->no_notes) {
		sim_note_unchecked(m, res);
		sim_note_unfinished(m, res);
		sim_note_unran(m, res);
	}
	res->fail_kind = m->failed ? m->fail_kind : SIM_FAIL_NONE;
	res->step = m->step;
	res->loc = m->fail_loc;
	res->dispatches = m->dispatches;
	res->calls = m->calls;
	if (opts->at_end.fn)
		opts->at_end.fn(opts->at_end.ctx, &m->core);
	if (opts->digest)
		res->digest = sim_machine_digest(m);
	if (m->failed)
		snprintf(res->message, sizeof res->message, "%s", m->fail_msg);
	return 0;
}
