/*
 * fz_core_run.c - see fz_core.h: one program from set-up to verdict on
 * fuzz_core's machine - its steps (as sim/runner.c runs them), a
 * migration (the dispatcher's own save and load, as sim/snapshot.c), the
 * invariants after every step (as sim/check.c; the priorities of running
 * handlers by running_rules.h, at every dispatch too), and the verdict (as
 * fz_run.c gives it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"
#include "fz_core.h"
#include "fz_core_internal.h"
#include "gic.h"
#include "running_rules.h"

/* ---- Steps ---- */

static bool pe_can_call(const struct fzc_machine *m, unsigned pe)
{
	/* Programs run here are lenient (decoded inputs): a step that cannot
	 * be made is skipped - on a PE that is not on, or whose firmware
	 * holds an interrupt until a hand_over step (sim/runner.c pe_can_act). */
	return m->pe[pe].power == SIM_PE_ON && !m->pe[pe].hold.holding;
}

static void step_call(struct fzc_machine *m, const struct sim_op *op, unsigned pe)
{
	struct fzc_pe *p = &m->pe[pe];
	struct sdd_regs before = p->ctx;
	uint8_t before_depth = p->depth;
	uint32_t resets = m->resets;

	if (!pe_can_call(m, pe))
		return;
	/* A call made from another EL than the client's, or from AArch32,
	 * carries that EL and state in PSTATE; the context keeps its own. */
	p->ctx.pstate = sim_call_pstate(before.pstate, op);
	fzc_firmware_call(m, pe, op, false);
	/* When the call returned to its caller, only x0 changed. */
	if (m->resets == resets && p->power != SIM_PE_OFF && p->ctx.pc == before.pc &&
	    p->depth == before_depth) {
		memcpy(&p->ctx.x[1], &before.x[1], 5 * sizeof p->ctx.x[0]);
		p->ctx.pstate = sim_call_restore(p->ctx.pstate, before.pstate);
	}
}

/* x18..x30 and SP are not kept: the dispatcher never sees them. */
static void step_set(struct fzc_machine *m, const struct sim_op *op, unsigned pe)
{
	struct sdd_regs *c = &m->pe[pe].ctx;

	if (!pe_can_call(m, pe))           /* as the simulator: a PE that is not on keeps its registers */
		return;
	for (uint32_t k = 0; k < op->nsets; k++) {
		const struct sim_assign *a = &m->prog->assigns[op->sets + k];
		uint64_t v;
		if (!fzc_resolve(m, &a->v, &v))
			return;
		if (a->reg < SDD_CONTEXT_REGS)
			c->x[a->reg] = v;
		else if (a->reg == SIM_R_PSTATE_PAN)
			c->pstate = (c->pstate & ~SDD_PSTATE_PAN) | ((v & 1) << 22);
		else if (a->reg == SIM_R_PSTATE_DIT)
			c->pstate = (c->pstate & ~SDD_PSTATE_DIT) | ((v & 1) << 24);
		else if (a->reg == SIM_R_PSTATE_NZCV)
			c->pstate = (c->pstate & ~SDD_PSTATE_NZCV) | ((v & 0xF) << 28);
	}
}

static void step_dispatch(struct fzc_machine *m, const struct sim_op *op, unsigned pe)
{
	struct fzc_pe *p = &m->pe[pe];
	struct sdd_outcome oc;
	struct sdd_regs r, before;
	struct sim_obs o;
	uint64_t ev;
	int res;

	if (!pe_can_call(m, pe) || !fzc_resolve(m, &op->event, &ev))
		return;
	before = p->ctx;
	r = before;
	res = sdd_dispatch_explicit(m->core, pe, (int32_t)ev, &r, &oc);
	memset(&o, 0, sizeof o);
	o.kind = SIM_OBS_EXPLICIT;
	o.pe = (uint8_t)pe;
	o.event = (int32_t)ev;
	o.result = res;
	o.depth = p->depth;
	o.pc = before.pc;
	o.pstate = before.pstate;
	fzc_observe(m, &o);
	if (res == 0) {
		memcpy(p->ctx.x, r.x, sizeof r.x);
		p->ctx.pc = r.pc;
		p->ctx.pstate = r.pstate;
		p->ctx.elr_elc = r.elr_elc;
		p->ctx.spsr_elc = r.spsr_elc;
		fzc_note_dispatch(m, pe, 1023, &oc, &before);
	}
}

static void step_resume(struct fzc_machine *m, unsigned pe)
{
	struct sim_obs o;

	if (m->pe[pe].paused == 0)
		return;
	o = sim_obs_resume(pe, &m->pe[pe].paused);
	fzc_observe(m, &o);
}

/* sdd_init of the fresh dispatcher programs the interrupt controller; the
 * controller migrates as it is (the simulator copies its model), so those
 * operations go nowhere. */
static void q_void(void *ctx) { (void)ctx; }
static void q_claim(void *ctx, unsigned pe, uint32_t intid, enum sdd_priority pri)
{
	(void)ctx; (void)pe; (void)intid; (void)pri;
}
static void q_participate(void *ctx, unsigned pe, bool on) { (void)ctx; (void)pe; (void)on; }

/* Save the dispatcher and load the state into a fresh one.  The PEs (a
 * hold among the rest) and the GIC stay as they are: only the dispatcher
 * is replaced. */
static void migrate(struct fzc_machine *m)
{
	size_t n = sdd_save_size(m->core);
	struct sdd *fresh = m->spare;
	struct sim_obs o;
	int e;

	if (n > m->save_cap) {
		uint8_t *bigger = realloc(m->save_buf, n);
		if (bigger == NULL) {
			fzc_fail(m, SIM_FAIL_MACHINE, "migrate: out of memory");
			return;
		}
		m->save_buf = bigger;
		m->save_cap = n;
	}
	if (sdd_save(m->core, m->save_buf, n) != n) {
		fzc_fail(m, SIM_FAIL_MACHINE, "migrate: cannot save the dispatcher");
		return;
	}
	m->port.irq_claim = q_claim;
	m->port.pe_participate = q_participate;
	m->port.lock = q_void;
	e = fzc_init_dispatcher(m, fresh);
	m->port = fzc_port;
	m->spare = m->core;
	m->core = fresh;
	m->core_touched = true;
	if (e != SDD_INIT_OK) {
		/* the platform built a dispatcher before: this cannot happen */
		fzc_fail(m, SIM_FAIL_DISPATCHER, "migrate: the dispatcher refused its own platform: %s",
			 sdd_init_error_name(e));
		return;
	}
	e = sdd_load(fresh, m->save_buf, n);
	if (e != SDD_LOAD_OK) {
		fzc_fail(m, SIM_FAIL_DISPATCHER, "migrate: the dispatcher refused its own saved state: %s (error %d)",
			 sdd_load_error_name(e), e);
		return;
	}
	memset(&o, 0, sizeof o);
	o.kind = SIM_OBS_MIGRATE;
	o.pe = SIM_NONE;
	fzc_observe(m, &o);
}

static void run_step(struct fzc_machine *m, const struct sim_op *op)
{
	unsigned pe = op->pe == SIM_NONE ? 0 : op->pe;
	struct sim_obs o;

	sim_obs_step_in(&o, op);
	fzc_observe(m, &o);
	if (op->pe != SIM_NONE && op->pe >= m->npe) {
		fzc_fail(m, SIM_FAIL_SCENARIO, "PE %u does not exist (the platform has %u)", op->pe, m->npe);
		return;
	}
	switch (op->kind) {
	case SIM_OP_CALL:
	case SIM_OP_PSCI:
		step_call(m, op, pe);
		break;
	case SIM_OP_INTERRUPT:
		fzc_fire_obs(m, op->intid, pe);
		break;
	case SIM_OP_SET:
		step_set(m, op, pe);
		break;
	case SIM_OP_WAKE:
		fzc_wake(m, pe);
		break;
	case SIM_OP_DISPATCH:
		step_dispatch(m, op, pe);
		break;
	case SIM_OP_MIGRATE:
		migrate(m);
		break;
	case SIM_OP_RESUME:
		step_resume(m, pe);
		break;
	case SIM_OP_HOLD:
		sim_hold_arm(&m->pe[pe].hold);   /* armed or holding already: nothing (lenient) */
		break;
	case SIM_OP_HAND_OVER:
		fzc_hand_over_held(m, pe);       /* holding none: nothing (lenient) */
		break;
	case SIM_OP_EXPECT_DISPATCHES:
	case SIM_OP_EXPECT_RESUMES:
	case SIM_OP_EXPECT_VIEW:
		break;                   /* expectations: a decoded input has none */
	default:
		fzc_fail(m, SIM_FAIL_SCENARIO, "'%s' is not a step", sim_op_name(op->kind));
		break;
	}
}

/* ---- Invariants (sim/check.c) ---- */

static bool check_pe(struct fzc_machine *m, unsigned pe)
{
	const struct fzc_gic *g = &m->gic;
	const struct fzc_pe *p = &m->pe[pe];
	uint64_t st = 0;
	unsigned depth;

	sdd_reg_read(m->core, pe, SDD_REG_PE_STATE, &st, 1);
	depth = (unsigned)(st >> 1) & 3;
	if (depth != p->depth) {
		fzc_fail(m, SIM_FAIL_INVARIANT, "PE %u: the machine counts %u running handler(s), the dispatcher %u",
			 pe, p->depth, depth);
		return false;
	}
	if (p->hold.holding) {
		/* Acknowledged and held by firmware (a hold step): active here
		 * until the hand_over - not necessarily at its priority, which a
		 * call on another PE may change meanwhile (sim/check.c). */
		const struct fzc_irq *irq = fzc_irq_cref(g, pe, p->hold.intid);
		if (!irq || !irq->active || irq->owner != pe) {
			fzc_fail(m, SIM_FAIL_INVARIANT, "PE %u holds INTID %u, which is not active on this PE", pe,
				 p->hold.intid);
			return false;
		}
	}
	if (depth == 0 && !p->hold.holding) {
		if (fzc_rpr(g, pe) != FZC_IDLE_PRIO || g->pe[pe].pmr != FZC_PMR_IDLE) {
			fzc_fail(m, SIM_FAIL_INVARIANT, "PE %u runs no handler but its running priority is 0x%02x "
				 "and PMR 0x%02x (an interrupt or priority was left active)", pe, fzc_rpr(g, pe),
				 g->pe[pe].pmr);
			return false;
		}
		return true;
	}
	for (unsigned k = 0; k < depth; k++) {
		const struct fzc_irq *irq = fzc_irq_cref(g, pe, p->disp[k].intid);
		if (p->disp[k].intid < FZC_NUM_INTIDS && (!irq || !irq->active || irq->owner != pe)) {
			fzc_fail(m, SIM_FAIL_INVARIANT, "PE %u runs the handler of event 0x%x but its interrupt %u is "
				 "not active on this PE", pe, (unsigned)p->disp[k].event, p->disp[k].intid);
			return false;
		}
	}
	return fzc_check_running(m, pe);
}

/* see fz_core_internal.h */
bool fzc_check_running(struct fzc_machine *m, unsigned pe)
{
	const struct fzc_gic *g = &m->gic;
	const struct fzc_pe *p = &m->pe[pe];
	struct sim_running_view v;
	char why[200];

	if (p->depth == 0)
		return true;
	v.rpr = fzc_rpr(g, pe);
	v.pmr = g->pe[pe].pmr;
	v.pmr_raised = p->npri > 0;
	v.holding = p->hold.holding;
	for (unsigned k = 0; k < 2; k++) {
		const struct fzc_irq *irq = k < p->depth ? fzc_irq_cref(g, pe, p->disp[k].intid) : NULL;
		v.programmed[k] = irq ? (uint8_t)(irq->prio & FZC_PRIO_MASK) : 0;
	}
	if (sim_running_ok(&m->prog->platform, pe, p->disp, p->depth, &v, why, sizeof why))
		return true;
	fzc_fail(m, SIM_FAIL_INVARIANT, "%s", why);
	return false;
}

/* see fz_core_internal.h: the checks of sim/check.c that hold the dispatcher to account, G9
 * among them (an illegal EOI is the software's).  None reports the host
 * model's own fault: of its GIC's invariants it checks only G9, and
 * SIM_FAIL_SIMULATOR is the simulator's alone (sim/sim.h). */
void fzc_check_invariants(struct fzc_machine *m)
{
	const char *lock = sim_port_lock_settled(&m->lock);
	char why[200];
	int e;

	if (lock) {
		fzc_fail(m, SIM_FAIL_DISPATCHER, "%s", sim_port_lock_problem(lock, why, sizeof why));
		return;
	}
	if (m->gic.bad_eoi) {
		/* in sim/check.c's words, so that fuzz_sdei's finding of the bug is the same one */
		gic_g9_text(why, sizeof why, m->gic.bad_eoi, m->gic.bad_eoi_fault, m->gic.bad_eoi_intid,
			    m->gic.bad_eoi_pe);
		fzc_fail(m, SIM_FAIL_INVARIANT, "GIC invariant G9 violated: %s", why);
		return;
	}
	e = m->core_touched ? sdd_check(m->core) : 0;
	if (e) {
		fzc_fail(m, SIM_FAIL_INVARIANT, "dispatcher invariant violated (sdd_check %d: %s)", e, sdd_check_rule(e));
		return;
	}
	for (unsigned pe = 0; pe < m->npe; pe++)
		if (m->pe[pe].power != SIM_PE_OFF && m->pe[pe].power != SIM_PE_FROZEN && !check_pe(m, pe))
			return;
	m->core_touched = false;
}

/* ---- Set-up ---- */

/* The machine for c->prog.  1 ready, 0 not a program fz_core runs
 * (c->skipped), -1 no machine can be built (a finding, as on the simulator). */
static int setup(struct fz_core *c)
{
	struct fzc_machine *m = c->m;
	const struct sim_program *prog = &c->prog;
	const struct sim_platform *sp = &prog->platform;
	uint32_t nrecs = 0;
	int e;

	m->prog = prog;
	m->oracle = &c->oracle;
	m->also = c->also;
	m->choices = prog->choices;
	m->nchoices = prog->nchoices;
	m->next_choice = 0;
	m->step = 0;
	m->time = 0;
	m->running_pe = -1;
	m->system_off = false;
	m->resets = 0;
	m->failed = false;
	m->fail_kind = SIM_FAIL_NONE;
	m->fail_msg[0] = 0;
	m->calls = m->dispatches = 0;
	m->port = fzc_port;

	if (prog->nhandlers > RT_MAX_HANDLERS || prog->nvars > FZC_MAX_VARS)
		return 0;
	for (uint32_t h = 0; h < prog->nhandlers; h++) {
		if (prog->handlers[h].kind != SIM_H_ACTIONS)
			return 0;
		nrecs += prog->handlers[h].nops + 1;
	}
	if (nrecs > FZC_MAX_RECORDS)
		return 0;
	e = sim_platform_to_sdd(sp, &m->splat);
	fz_oracle_begin_sdd(&c->oracle, sp, e == SDD_INIT_OK ? &m->splat : NULL);
	if (e != SDD_INIT_OK || sp->spis > FZC_MAX_SPIS) {
		snprintf(m->fail_msg, sizeof m->fail_msg, "the dispatcher refuses this platform: %s",
			 e ? sdd_init_error_name(e) : "too many SPIs");
		return -1;
	}
	m->npe = sp->pes;
	m->nrecs = 0;
	for (uint32_t h = 0; h < prog->nhandlers; h++) {
		const struct sim_handler *hd = &prog->handlers[h];
		m->handler_rec[h] = m->nrecs;
		for (uint32_t k = 0; k < hd->nops; k++)
			m->rec_action[m->nrecs++] = (int32_t)(hd->ops + k);
		m->rec_action[m->nrecs++] = -1;
	}
	memset(m->var_set, 0, prog->nvars);
	if (!fzc_power_up(m)) {
		snprintf(m->fail_msg, sizeof m->fail_msg, "the dispatcher refuses this platform");
		return -1;
	}
	return 1;
}

int fz_core_init(struct fz_core *c)
{
	memset(c, 0, sizeof *c);
	sim_program_init(&c->prog);
	c->m = calloc(1, sizeof *c->m);
	if (c->m)
		c->m->cores = calloc(2, sizeof *c->m->cores);
	if (c->m == NULL || c->m->cores == NULL) {
		fz_core_free(c);
		return -1;
	}
	c->m->core = &c->m->cores[0];
	c->m->spare = &c->m->cores[1];
	return 0;
}

void fz_core_free(struct fz_core *c)
{
	sim_program_free(&c->prog);
	if (c->m) {
		free(c->m->cores);
		free(c->m->save_buf);
		free(c->m);
	}
	c->m = NULL;
}

/* ---- Running ---- */

bool fz_core_run_program(struct fz_core *c)
{
	struct fzc_machine *m = c->m;
	const struct sim_program *prog = &c->prog;
	struct sim_result *res = &c->res;
	int ready;

	c->finding[0] = 0;
	c->skipped = false;
	res->passed = false;
	res->fail_kind = SIM_FAIL_NONE;
	res->step = res->steps_run = res->calls = res->dispatches = 0;
	res->message[0] = 0;
	ready = setup(c);
	if (ready == 0) {
		c->skipped = true;
		return true;
	}
	if (ready < 0) {
		snprintf(c->finding, sizeof c->finding, "no machine for the decoded program: %s", m->fail_msg);
		return false;
	}
	for (uint32_t k = 0; k < prog->nsteps && !m->failed && !m->system_off; k++) {
		m->step = k;
		run_step(m, &prog->steps[k]);
		if (!m->failed)
			fzc_quiesce(m);
		if (!m->failed)
			fzc_check_invariants(m);
		res->steps_run = k + 1;
	}
	res->passed = !m->failed;
	res->fail_kind = m->failed ? m->fail_kind : SIM_FAIL_NONE;
	res->step = m->step;
	res->calls = m->calls;
	res->dispatches = m->dispatches;
	if (m->failed)
		snprintf(res->message, sizeof res->message, "%s", m->fail_msg);
	if (!res->passed && sim_fail_is_fault(res->fail_kind)) {
		snprintf(c->finding, sizeof c->finding, "step %u: %s", res->step + 1, res->message);
		return false;
	}
	fz_oracle_final(&c->oracle, m->core);
	if (!fz_oracle_end(&c->oracle)) {
		snprintf(c->finding, sizeof c->finding, "the reference model disagrees: %s", c->oracle.why);
		return false;
	}
	return true;
}

const struct sdd *fz_core_dispatcher(const struct fz_core *c)
{
	return c->m->core;
}

bool fz_core_run_one(struct fz_core *c, const uint8_t *data, size_t size)
{
	if (fz_decode(data, size, &c->prog, &c->choices) != 0) {
		snprintf(c->finding, sizeof c->finding, "out of memory decoding the input");
		return false;
	}
	return fz_core_run_program(c);
}
