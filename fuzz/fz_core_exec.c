/*
 * fz_core_exec.c - fuzz_core's machine at work: observations, values,
 * firmware calls (SDEI, PSCI, anything else), taking interrupts, and the
 * scheduler.
 *
 * The scheduler is the simulator's (sim/exec.c): after each step every PE
 * that can make progress (a suspended PE with an interrupt for it wakes,
 * a PE signalled a Group 0 interrupt takes it, a PE with handler code to
 * run runs it until its next trap that matters: fz_core_client.c) is a
 * candidate, and the input's choice bytes pick one.  A call is made as
 * the simulator makes it: x0..x5 resolved from the step or handler action
 * that makes it, the answer observed for the reference model, x0 the only
 * register a returning call may change.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fz_core_internal.h"
#include "fz_run.h"
#include "call_rules.h"
#include "context_rules.h"
#include "psci_rules.h"
#include "utf8.h"

/* ---- Observations, failures, choices ---- */

void fzc_observe(struct fzc_machine *m, struct sim_obs *o)
{
	o->time = ++m->time;
	o->step = m->step;
	fz_oracle_observe(m->oracle, o);
	if (m->also.obs)
		m->also.obs(m->also.ctx, o);
}

void fzc_fail(struct fzc_machine *m, unsigned kind, const char *fmt, ...)
{
	va_list ap;
	struct sim_obs o;

	if (m->failed)
		return;
	m->failed = true;
	m->fail_kind = (uint8_t)kind;
	va_start(ap, fmt);
	sim_utf8_vformat(m->fail_msg, sizeof m->fail_msg, fmt, ap);   /* as sim_fail words one too long */
	va_end(ap);
	sim_obs_fail_in(&o, m->running_pe, m->fail_msg);
	fzc_observe(m, &o);
}

unsigned fzc_pick(struct fzc_machine *m, unsigned n)
{
	return sim_choice_take(m->choices, m->nchoices, &m->next_choice, n);
}

/* ---- Contexts and values ---- */

void fzc_main_context(const struct fzc_machine *m, struct sdd_regs *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->pc = RT_MAIN_IDLE;
	ctx->pstate = m->prog->platform.client_el == 2 ? SDD_PSTATE_M_EL2H : SDD_PSTATE_M_EL1H;
	ctx->vbar_elc = RT_VECTORS;
	ctx->sctlr_elc = m->prog->platform.sctlr_elc;
	ctx->hcr_el2 = m->prog->platform.hcr_el2;
}

void fzc_take_regs(struct sdd_regs *ctx, const struct sdd_regs *r)
{
	memcpy(ctx->x, r->x, sizeof ctx->x);
	ctx->pc = r->pc;
	ctx->pstate = r->pstate;
	ctx->elr_elc = r->elr_elc;
	ctx->spsr_elc = r->spsr_elc;
}

bool fzc_resolve(struct fzc_machine *m, const struct sim_value *v, uint64_t *out)
{
	const struct sim_value_env env = { m->prog, m->var_value, m->var_set, NULL, m->prog->platform.mpidr,
					   m->npe, 0, 0 };

	if (sim_value_of(v, &env, out) == SIM_VALUE_OK)
		return true;
	/* programs run here are lenient: an unset variable reads 0 */
	fzc_fail(m, SIM_FAIL_SCENARIO, "a value that cannot be resolved (kind %u)", v->kind);
	return false;
}

/* ---- Interrupts and dispatch ---- */

void fzc_fire_obs(struct fzc_machine *m, uint32_t intid, unsigned pe)
{
	struct sim_obs o;

	if (!fzc_intid_valid(&m->gic, intid) || pe >= m->npe)
		return;
	if (intid < 16)
		fzc_set_pending(m, pe, intid, true);
	else
		fzc_fire(m, pe, intid);
	o = sim_obs_of(SIM_OBS_FIRE, pe);
	o.intid = intid;
	fzc_observe(m, &o);
}

/* The dispatcher entered a handler on pe from the registers `before`
 * (p->ctx is the entry): tracked and checked as the simulator does
 * (sim_note_dispatch).  False if it entered it wrongly: the run failed. */
bool fzc_note_dispatch(struct fzc_machine *m, unsigned pe, uint32_t handed, const struct sdd_outcome *oc,
		       const struct sdd_regs *before)
{
	struct fzc_pe *p = &m->pe[pe];
	struct sim_dispatch *d;
	struct sim_obs o;
	char why[200];

	d = sim_track_dispatch(&p->depth, p->disp, oc, sim_stub_handler(m->prog, p->ctx.pc), before);
	if (d == NULL)
		return true;
	if (!sim_dispatch_intid_ok(handed, oc, why, sizeof why) ||
	    !sim_entry_ok(&m->prog->platform, before, &p->ctx, oc->event, why, sizeof why)) {
		fzc_fail(m, SIM_FAIL_DISPATCHER, "PE %u: the dispatcher %s", pe, why);
		return false;
	}
	if (!fzc_check_running(m, pe))
		return false;
	m->dispatches++;
	sim_obs_dispatch_in(&o, pe, p->depth, d, p->ctx.x, p->ctx.pc, p->ctx.pstate);
	fzc_observe(m, &o);
	return true;
}

/* Firmware on pe hands intid, which it acknowledged, to the dispatcher
 * (sim/exec.c hand_over): right after the acknowledge, or at a hand_over
 * step when it held it. */
static void hand_over(struct fzc_machine *m, unsigned pe, uint32_t intid)
{
	struct fzc_pe *p = &m->pe[pe];
	enum sdd_irq_result res;
	struct sdd_outcome oc;
	struct sdd_regs r, before;
	struct sim_obs o;

	before = p->ctx;
	r = before;
	res = sdd_irq(m->core, pe, intid, &r, &oc);
	sim_obs_irq_in(&o, pe, p->depth, intid, res, &before);
	fzc_observe(m, &o);
	if (res == SDD_IRQ_DISPATCHED) {
		fzc_take_regs(&p->ctx, &r);
		fzc_note_dispatch(m, pe, intid, &oc, &before);
	} else if (res == SDD_IRQ_NOT_MINE || res == SDD_IRQ_REFUSED) {
		fzc_eoi0(m, pe, intid);          /* a Group 0 interrupt with no owner */
	}
}

/* Firmware acknowledges the Group 0 interrupt pe is signalled and hands it
 * to the dispatcher - or, after a hold step, keeps it (sim_hold_ack). */
static void take_irq(struct fzc_machine *m, unsigned pe)
{
	struct fzc_pe *p = &m->pe[pe];
	uint32_t intid = fzc_ack0(m, pe);
	struct sim_obs o;

	if (intid >= FZC_NUM_INTIDS)
		return;
	if (sim_hold_ack(&p->hold, pe, p->depth, intid, p->ctx.pc, p->ctx.pstate, &o))
		hand_over(m, pe, intid);
	else
		fzc_observe(m, &o);
}

bool fzc_hand_over_held(struct fzc_machine *m, unsigned pe)
{
	uint32_t intid;

	if (!sim_hold_take(&m->pe[pe].hold, &intid))
		return false;
	hand_over(m, pe, intid);
	return true;
}

/* ---- Firmware calls ---- */

/* op's values, resolved now (sim_call_regs). */
static bool resolve_for(void *m, const struct sim_op *op, const struct sim_value *v, uint64_t *out)
{
	(void)op;
	return fzc_resolve(m, v, out);
}

static void observe_call(struct fzc_machine *m, unsigned pe, uint32_t w0, const uint64_t args[5],
			 int64_t x0, bool psci, bool from_handler, struct sim_caller caller, bool completed,
			 const struct sim_op *op)
{
	struct sim_obs o;

	sim_obs_call_in(&o, m->prog, pe, m->pe[pe].depth, w0, args, x0, psci, from_handler, caller, completed, op,
			m->pe[pe].ctx.pc);
	fzc_observe(m, &o);
}

static void after_call(struct fzc_machine *m, const struct sim_op *op, int64_t x0)
{
	if (!m->failed && op->save >= 0 && (uint32_t)op->save < m->prog->nvars) {
		m->var_value[op->save] = (uint64_t)x0;
		m->var_set[op->save] = 1;
	}
}

/* The dispatcher completed the innermost handler on pe. */
static void note_complete(struct fzc_machine *m, unsigned pe, const struct sdd_outcome *oc, bool resume)
{
	struct fzc_pe *p = &m->pe[pe];
	struct sim_obs o;

	if (p->depth > 0)
		p->last_handler = p->disp[p->depth - 1].handler;
	p->depth = oc->depth;
	p->paused &= (uint8_t)((1u << p->depth) - 1);
	sim_obs_complete_in(&o, pe, oc, p->last_handler, resume, p->ctx.pc, p->ctx.pstate);
	fzc_observe(m, &o);
}

/* A call the dispatcher answers changes x0 and nothing else (SMCCC). */
static bool only_x0_changed(struct fzc_machine *m, const struct sdd_regs *before, const struct sdd_regs *r,
			    unsigned pe, uint32_t fid)
{
	for (unsigned k = 1; k < SDD_CONTEXT_REGS; k++)
		if (r->x[k] != before->x[k]) {
			fzc_fail(m, SIM_FAIL_DISPATCHER, "%s on PE %u returned with x%u changed (0x%llx, was 0x%llx): "
				 "only x0 is a result", sdd_call_name(fid), pe, k, (unsigned long long)r->x[k],
				 (unsigned long long)before->x[k]);
			return false;
		}
	if (r->pc != before->pc || r->pstate != before->pstate || r->elr_elc != before->elr_elc ||
	    r->spsr_elc != before->spsr_elc || r->vbar_elc != before->vbar_elc ||
	    r->sctlr_elc != before->sctlr_elc || r->hcr_el2 != before->hcr_el2) {
		fzc_fail(m, SIM_FAIL_DISPATCHER, "%s on PE %u returned to a different PC, PSTATE or ELR/SPSR",
			 sdd_call_name(fid), pe);
		return false;
	}
	return true;
}

bool fzc_firmware_call(struct fzc_machine *m, unsigned pe, const struct sim_op *op, bool from_handler)
{
	struct sdd_regs *ctx = &m->pe[pe].ctx;
	uint64_t args[5];
	uint32_t w0, fid;          /* the function ID register as set, the function it names */
	struct sim_caller caller = sim_caller_of_call(ctx->pstate, op, from_handler, m->pe[pe].depth);
	int64_t x0;

	if (!sim_call_regs(op, m->prog, m->prog->platform.mpidr, resolve_for, m, ctx->x))
		return false;
	sim_caller_regs(ctx->x, caller);
	w0 = (uint32_t)ctx->x[0];
	fid = sim_smccc_entry(&ctx->x[0]);
	memcpy(args, &ctx->x[1], sizeof args);
	m->calls++;

	if (sim_psci_serves(fid, caller)) {
		bool stops;
		x0 = fzc_psci(m, pe, &stops);
		if (!stops)
			ctx->x[0] = (uint64_t)x0;
		observe_call(m, pe, w0, args, x0, true, from_handler, caller, stops, op);
		after_call(m, op, x0);
		if (stops || m->failed)
			return false;
	} else if ((fid & SDD_FID_WINDOW_MASK) == SDD_FID_WINDOW_BASE) {
		struct sdd_regs r = *ctx;
		struct sdd_outcome oc;
		enum sdd_action act;
		char why[200];

		r.secure = caller.secure;
		act = sdd_call(m->core, pe, &r, &oc);
		if (act == SDD_ACT_COMPLETE || act == SDD_ACT_RESUME) {
			const struct fzc_pe *p = &m->pe[pe];
			if (!sim_return_ok(&m->prog->platform, p->disp, p->depth, &r, act == SDD_ACT_RESUME, ctx->x[1],
					   ctx->elr_elc, ctx->spsr_elc, why, sizeof why)) {
				fzc_fail(m, SIM_FAIL_DISPATCHER, "PE %u: the dispatcher %s", pe, why);
				return false;
			}
			fzc_take_regs(ctx, &r);
			observe_call(m, pe, w0, args, 0, false, from_handler, caller, true, op);
			note_complete(m, pe, &oc, act == SDD_ACT_RESUME);
			after_call(m, op, 0);
			return false;
		}
		x0 = sim_caller_result(r.x[0], caller);
		if (!only_x0_changed(m, ctx, &r, pe, fid))
			return false;
		if (!sim_context_answer_ok(&m->prog->platform, m->pe[pe].disp, m->pe[pe].depth, fid, args, caller,
					   r.x[0], why, sizeof why)) {
			fzc_fail(m, SIM_FAIL_DISPATCHER, "PE %u: the dispatcher %s", pe, why);
			return false;
		}
		ctx->x[0] = r.x[0];
		observe_call(m, pe, w0, args, x0, false, from_handler, caller, false, op);
		after_call(m, op, x0);
	} else {
		/* SMCCC: an unknown function answers NOT_SUPPORTED */
		ctx->x[0] = (uint64_t)(int64_t)SDD_NOT_SUPPORTED;
		observe_call(m, pe, w0, args, SDD_NOT_SUPPORTED, false, from_handler, caller, false, op);
		after_call(m, op, SDD_NOT_SUPPORTED);
	}
	/* An interrupt the call made deliverable here is taken right after it. */
	return !m->failed && !fzc_group0_signalled(&m->gic, pe);
}

/* ---- The scheduler (sim/pe_track.h) ---- */

static enum sim_progress pe_progress(void *mv, unsigned pe)
{
	struct fzc_machine *m = mv;
	const struct fzc_pe *p = &m->pe[pe];

	switch (p->power) {
	case SIM_PE_STANDBY:
	case SIM_PE_POWERDOWN:
		return fzc_wake_event(&m->gic, pe) ? SIM_P_WAKE : SIM_P_NONE;
	case SIM_PE_ON:
		break;
	default:
		return SIM_P_NONE;
	}
	if (p->hold.holding)          /* in firmware: it waits for its hand_over step */
		return SIM_P_NONE;
	if (fzc_group0_signalled(&m->gic, pe))
		return SIM_P_IRQ;
	return sim_progress_of_code(p->depth, p->paused, p->ctx.pc);
}

static void wake_pe(void *m, unsigned pe) { fzc_wake(m, pe); }
static void irq_pe(void *m, unsigned pe) { take_irq(m, pe); }
static void run_pe(void *m, unsigned pe) { fzc_run_pe(m, pe); }
static unsigned pick_pe(void *m, unsigned n) { return fzc_pick(m, n); }

static bool stopped(const void *mv)
{
	const struct fzc_machine *m = mv;
	return m->failed || m->system_off;
}

static void no_settle(void *m, uint32_t round, unsigned pe)
{
	fzc_fail(m, SIM_FAIL_SETTLE, "the machine did not settle after %u rounds (PE %u keeps running)", round, pe);
}

static const struct sim_sched_ops sched_ops = {
	.progress = pe_progress,
	.advance = { [SIM_P_WAKE] = wake_pe, [SIM_P_IRQ] = irq_pe, [SIM_P_RUN] = run_pe },
	.pick = pick_pe,
	.stopped = stopped,
	.no_settle = no_settle,
};

void fzc_quiesce(struct fzc_machine *m)
{
	struct sim_sched_memo memo = { 0 };   /* (no changed op: every PE asked each round) */

	sim_schedule(&sched_ops, m, m->npe, FZ_MAX_ROUNDS, &memo);
}
