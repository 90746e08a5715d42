/*
 * exec.c - making the machine run: the scheduler, traps from client code,
 * firmware calls, and taking interrupts.
 *
 * After every step the machine runs until nothing more can happen
 * (sim_quiesce): at each round every PE that can make progress is a
 * candidate — a suspended PE with an interrupt aimed at it (wakes), a PE
 * whose CPU interface signals a Group 0 interrupt (takes it: the
 * dispatcher decides), a PE running handler code that is not paused (runs
 * until its next trap that matters) — and the choice source picks one
 * (the scenario policy: the lowest-numbered).  What a PE can do is asked
 * again only when something may have changed it (pes_changed); the other
 * PEs' answers stand.  Interrupts are taken at
 * instruction boundaries where client code traps: after a firmware call
 * returns, after a test-device write, or where the PE is parked.
 */
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"
#include "context_rules.h"
#include "psci_rules.h"
#include "runtime/rt_layout.h"
#include "sim_internal.h"

/* What group0_signalled caches: asks the GIC model (the HPPI scan). */
static bool group0_refresh(struct sim_machine *m, unsigned pe)
{
	struct sim_pe *p = &m->pe[pe];

	p->irq_ready = sim_group0_ready(&m->gic, pe);
	p->irq_epoch = m->gic.pe_epoch[pe] + 1;
	return p->irq_ready;
}

/* Would firmware on pe take a Group 0 interrupt now?  (A signalled Secure
 * Group 1 interrupt is not firmware's to acknowledge: IAR0 would say 1023.)
 * Cached per PE until the GIC model changes something that can move this
 * PE's lines (its pe_epoch).  Inline, with pe_progress, into the
 * scheduler's loop (as calls they were a sixth of an interrupt cycle's
 * work on a 4-PE machine when it asked every PE each round). */
static inline bool group0_signalled(struct sim_machine *m, unsigned pe)
{
	const struct sim_pe *p = &m->pe[pe];

	if (p->irq_epoch == m->gic.pe_epoch[pe] + 1)
		return p->irq_ready;
	return group0_refresh(m, pe);
}

/* What pe_progress answers for a PE that is not ON. */
static enum sim_progress pe_progress_off(struct sim_machine *m, unsigned pe)
{
	switch (m->pe[pe].power) {
	case SIM_PE_STANDBY:
	case SIM_PE_POWERDOWN:
		return gic_wake_event(&m->gic, pe) ? SIM_P_WAKE : SIM_P_NONE;
	default:
		return SIM_P_NONE;
	}
}

static inline enum sim_progress pe_progress(void *mv, unsigned pe)
{
	struct sim_machine *m = mv;
	const struct sim_pe *p = &m->pe[pe];

	if (p->power != SIM_PE_ON) {
		m->pe_not_on |= 1ull << pe;
		return pe_progress_off(m, pe);
	}
	m->pe_not_on &= ~(1ull << pe);
	if (p->stuck || p->hold.holding)      /* holding: firmware waits for its hand_over step */
		return SIM_P_NONE;
	if (group0_signalled(m, pe))
		return SIM_P_IRQ;
	return sim_progress_of_code(p->depth, p->paused, p->ctx.pc);
}

bool sim_note_dispatch(struct sim_machine *m, unsigned pe, uint32_t handed, const struct sdd_outcome *o,
		       const struct sdd_regs *before, const struct sdd_regs *after)
{
	struct sim_pe *p = &m->pe[pe];
	struct sim_dispatch *d;
	struct sim_entry_rec *log;
	struct sim_obs ob;
	char why[200];

	d = sim_track_dispatch(&p->depth, p->disp, o, sim_handler_at(m, p->ctx.pc), before);
	if (d == NULL)
		return true;
	if (!sim_dispatch_intid_ok(handed, o, why, sizeof why) ||
	    !sim_entry_ok(&m->prog->platform, before, after, o->event, why, sizeof why)) {
		sim_fail(m, SIM_FAIL_DISPATCHER, m->prog->steps[m->step].loc, "PE %u: the dispatcher %s", pe, why);
		return false;
	}
	if (!sim_triggers_dispatch(m, pe, handed) || !sim_check_running(m, pe, m->prog->steps[m->step].loc))
		return false;
	m->dispatches++;
	log = sim_log_room(m, SIM_BUF_ENTRIES, m->entries, m->nentries, &m->cap_entries, sizeof *log);
	if (log != NULL) {
		m->entries = log;
		log[m->nentries++] = (struct sim_entry_rec){ (uint8_t)pe, p->depth, o->event, d->handler,
							  p->ctx.pc, p->ctx.x[1] };
	}
	if (sim_observing(m)) {
		sim_obs_dispatch_in(&ob, pe, p->depth, d, p->ctx.x, p->ctx.pc, p->ctx.pstate);
		sim_observe(m, &ob);
	}
	return true;
}

/* Firmware on pe hands intid, which it acknowledged, to the dispatcher. */
static void hand_over(struct sim_machine *m, unsigned pe, uint32_t intid)
{
	struct sim_pe *p = &m->pe[pe];
	enum sdd_irq_result res;
	struct sdd_outcome o;
	struct sdd_regs r, before;
	struct sim_obs ob;

	sim_ctx_to_regs(&p->ctx, &before);
	r = before;
	res = sdd_irq(&m->core, pe, intid, &r, &o);
	if (sim_observing(m)) {
		sim_obs_irq_in(&ob, pe, p->depth, intid, res, &before);
		sim_observe(m, &ob);
	}
	if (res == SDD_IRQ_DISPATCHED) {
		sim_regs_to_ctx(&r, &p->ctx);
		sim_note_dispatch(m, pe, intid, &o, &before, &r);
	} else if (res == SDD_IRQ_NOT_MINE || res == SDD_IRQ_REFUSED) {
		gic_eoi0(&m->gic, pe, intid);    /* a Group 0 interrupt with no owner */
	}
}

/* Firmware acknowledges the Group 0 interrupt pe's CPU interface signals
 * and hands it to the dispatcher - or, after a `hold` step, keeps it. */
static void take_irq(struct sim_machine *m, unsigned pe)
{
	struct sim_pe *p = &m->pe[pe];
	uint32_t intid = gic_ack0(&m->gic, pe);
	struct sim_obs ob;

	if (intid >= GIC_NUM_INTIDS || !sim_check_ack(m, pe, intid))
		return;
	if (sim_hold_ack(&p->hold, pe, p->depth, intid, p->ctx.pc, p->ctx.pstate, &ob))
		hand_over(m, pe, intid);
	else
		sim_observe(m, &ob);
}

/* see sim_internal.h */
bool sim_hand_over_held(struct sim_machine *m, unsigned pe)
{
	uint32_t intid;

	if (!sim_hold_take(&m->pe[pe].hold, &intid))
		return false;
	hand_over(m, pe, intid);
	return true;
}

void sim_fire(struct sim_machine *m, uint32_t intid, unsigned pe)
{
	struct sim_obs ob;

	if (!gic_intid_valid(&m->gic, intid) || pe >= m->npe)
		return;
	/* An SGI has no input line: one firing is one SGI generated for pe,
	 * which sets its pending latch whatever its group. */
	if (intid < 16)
		gic_set_pending(&m->gic, pe, intid, true);
	else
		gic_fire(&m->gic, pe, intid);
	sim_note_trigger(m, pe, intid, false);
	if (sim_observing(m)) {
		sim_obs_init(&ob, SIM_OBS_FIRE, pe);
		ob.intid = intid;
		sim_observe(m, &ob);
	}
}

/* ---- Firmware calls ---- */

/* op's values, resolved now (sim_call_regs). */
static bool resolve_for(void *m, const struct sim_op *op, const struct sim_value *v, uint64_t *out)
{
	return sim_resolve(m, v, 0, 0, op->loc, out);
}

/* (inline: its ten arguments are set up for nothing when no observer
 * listens, at every call) */
static inline void observe_call(struct sim_machine *m, unsigned pe, const struct sim_ctx *ctx,
			 uint32_t w0, const uint64_t args[5], int64_t x0, bool psci, bool from_handler,
			 struct sim_caller caller, bool completed, const struct sim_op *op)
{
	struct sim_obs o;

	if (!sim_observing(m))
		return;
	sim_obs_call_in(&o, m->prog, pe, m->pe[pe].depth, w0, args, x0, psci, from_handler, caller, completed, op,
			ctx->pc);
	sim_observe(m, &o);
}

/* The dispatcher completed the innermost handler on pe. */
static void note_complete(struct sim_machine *m, unsigned pe, const struct sdd_outcome *o,
			  bool resume)
{
	struct sim_pe *p = &m->pe[pe];
	struct sim_obs ob;

	if (p->depth > 0)
		sim_dispatch_copy(&p->last_completed, &p->disp[p->depth - 1]);
	if (resume && p->depth > 0) {
		if (p->nresumed == sizeof p->resumed / sizeof p->resumed[0]) {
			for (unsigned k = 1; k < p->nresumed; k++)     /* the oldest goes */
				sim_dispatch_copy(&p->resumed[k - 1], &p->resumed[k]);
		} else {
			p->nresumed++;
		}
		sim_dispatch_copy(&p->resumed[p->nresumed - 1], &p->disp[p->depth - 1]);
	}
	p->depth = o->depth;
	p->paused &= (uint8_t)((1u << p->depth) - 1);   /* a completed handler is no longer paused */
	if (sim_observing(m)) {
		sim_obs_complete_in(&ob, pe, o, p->last_completed.handler, resume, p->ctx.pc, p->ctx.pstate);
		sim_observe(m, &ob);
	}
}

/* A call the dispatcher answers returns its result in x0 and nothing
 * else (SMCCC: x1-x17 are preserved by SDEI calls, which have one
 * result); a change anywhere else is the dispatcher's fault. */
static bool only_x0_changed(struct sim_machine *m, const struct sim_ctx *ctx, const struct sdd_regs *r,
			    unsigned pe, uint32_t fid)
{
	/* Against ctx itself, the registers sim_ctx_to_regs gave the call
	 * (no copy of them: this runs on every call). */
	unsigned k = 1 + sim_first_diff(&r->x[1], &ctx->x[1], SDD_CONTEXT_REGS - 1);

	if (k < SDD_CONTEXT_REGS) {
		sim_fail(m, SIM_FAIL_DISPATCHER, m->prog->steps[m->step].loc,
			 "%s on PE %u returned with x%u changed (0x%llx, was 0x%llx): only x0 is a result",
			 sdd_call_name(fid), pe, k, (unsigned long long)r->x[k], (unsigned long long)ctx->x[k]);
		return false;
	}
	if (r->pc != ctx->pc || r->pstate != ctx->pstate || r->elr_elc != ctx->elr_elc ||
	    r->spsr_elc != ctx->spsr_elc) {
		sim_fail(m, SIM_FAIL_DISPATCHER, m->prog->steps[m->step].loc,
			 "%s on PE %u returned to a different PC, PSTATE or ELR/SPSR", sdd_call_name(fid), pe);
		return false;
	}
	return true;
}

enum sim_trap_action sim_firmware_call(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx,
				       const struct sim_op *op, bool from_handler)
{
	uint64_t args[5];
	uint32_t w0, fid;          /* the function ID register as set, the function it names */
	struct sim_caller caller = sim_caller_of_call(ctx->pstate, op, from_handler, m->pe[pe].depth);
	int64_t x0;

	if (op && !sim_call_regs(op, m->prog, m->plat.mpidr, resolve_for, m, ctx->x))
		return SIM_TRAP_STOP;
	sim_caller_regs(ctx->x, caller);
	w0 = (uint32_t)ctx->x[0];
	fid = sim_smccc_entry(&ctx->x[0]);
	sim_copy_args(args, &ctx->x[1]);
	m->calls++;

	if (sim_psci_serves(fid, caller)) {
		bool stops;
		x0 = sim_psci(m, pe, ctx, &stops);
		if (!stops)
			ctx->x[0] = (uint64_t)x0;
		observe_call(m, pe, ctx, w0, args, x0, true, from_handler, caller, stops, op);
		if (op)
			sim_after_call(m, op, ctx, x0, pe, !stops);
		if (stops || m->failed)
			return SIM_TRAP_STOP;
	} else if ((fid & SDD_FID_WINDOW_MASK) == SDD_FID_WINDOW_BASE) {
		struct sdd_regs r;
		struct sdd_outcome o;
		enum sdd_action act;
		char why[200];

		sim_ctx_to_regs(ctx, &r);
		r.secure = caller.secure;
		act = sdd_call(&m->core, pe, &r, &o);
		if (act == SDD_ACT_COMPLETE || act == SDD_ACT_RESUME) {
			const struct sim_pe *p = &m->pe[pe];
			if (!sim_return_ok(&m->prog->platform, p->disp, p->depth, &r, act == SDD_ACT_RESUME, args[0],
					   ctx->elr_elc, ctx->spsr_elc, why, sizeof why)) {
				sim_fail(m, SIM_FAIL_DISPATCHER, m->prog->steps[m->step].loc, "PE %u: the dispatcher %s",
					 pe, why);
				return SIM_TRAP_STOP;
			}
			sim_regs_to_ctx(&r, ctx);
			observe_call(m, pe, ctx, w0, args, 0, false, from_handler, caller, true, op);
			note_complete(m, pe, &o, act == SDD_ACT_RESUME);
			if (op)
				sim_after_call(m, op, ctx, 0, pe, false);
			return SIM_TRAP_STOP;
		}
		x0 = sim_caller_result(r.x[0], caller);
		if (!only_x0_changed(m, ctx, &r, pe, fid))
			return SIM_TRAP_STOP;
		if (!sim_context_answer_ok(&m->prog->platform, m->pe[pe].disp, m->pe[pe].depth, fid, args, caller,
					   r.x[0], why, sizeof why)) {
			sim_fail(m, SIM_FAIL_DISPATCHER, m->prog->steps[m->step].loc, "PE %u: the dispatcher %s", pe,
				 why);
			return SIM_TRAP_STOP;
		}
		ctx->x[0] = r.x[0];
		observe_call(m, pe, ctx, w0, args, x0, false, from_handler, caller, false, op);
		if (op)
			sim_after_call(m, op, ctx, x0, pe, true);
	} else {
		/* SMCCC: an unknown function answers NOT_SUPPORTED */
		ctx->x[0] = (uint64_t)(int64_t)SDD_NOT_SUPPORTED;
		observe_call(m, pe, ctx, w0, args, SDD_NOT_SUPPORTED, false, from_handler, caller, false, op);
		if (op)
			sim_after_call(m, op, ctx, SDD_NOT_SUPPORTED, pe, true);
	}
	/* An interrupt the call made deliverable here is taken right after it. */
	if (m->failed || group0_signalled(m, pe))
		return SIM_TRAP_STOP;
	return SIM_TRAP_CONTINUE;
}

/* A call through the conduit the dispatcher is not on (handler code's
 * HVC on an SMC platform, or the reverse): nothing answers it but
 * SMCCC's unknown function, NOT_SUPPORTED; it is observed all the same,
 * so that a trace shows every call the client made. */
static enum sim_trap_action stray_call(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx)
{
	struct sim_caller caller = sim_caller_of_call(ctx->pstate, NULL, true, m->pe[pe].depth);
	uint64_t x[6];
	struct sim_obs o;

	memcpy(x, ctx->x, sizeof x);
	sim_caller_regs(x, caller);        /* as it would reach a dispatcher */
	sim_obs_call_in(&o, m->prog, pe, m->pe[pe].depth, (uint32_t)x[0], &x[1], SDD_NOT_SUPPORTED, false, true,
			caller, false, NULL, ctx->pc);
	ctx->x[0] = (uint64_t)(int64_t)SDD_NOT_SUPPORTED;
	o.kind = SIM_OBS_UNANSWERED;
	sim_observe(m, &o);
	return SIM_TRAP_CONTINUE;
}

/* ---- Traps from client code ---- */

static struct sim_loc handler_loc(const struct sim_machine *m, unsigned pe)
{
	const struct sim_pe *p = &m->pe[pe];
	struct sim_loc none = { 0, 0 };
	int h = p->depth ? p->disp[p->depth - 1].handler : -1;

	if (h >= 0)
		return m->prog->handlers[h].loc;
	return m->step < m->prog->nsteps ? m->prog->steps[m->step].loc : none;
}

/* The first instruction of a handler: check what it really received. */
static void on_enter(struct sim_machine *m, unsigned pe, const struct sim_ctx *ctx)
{
	const struct sim_program *p = m->prog;
	const struct sim_pe *s = &m->pe[pe];
	int h = sim_handler_at(m, ctx->pc - 4);

	if (h < 0 || s->depth == 0)
		return;
	sim_mark_entered(m, (uint32_t)h);
	for (uint32_t k = 0; k < p->handlers[h].nops; k++) {
		const struct sim_op *op = &p->actions[p->handlers[h].ops + k];
		if (op->kind == SIM_OP_EXPECT_ENTRY) {
			sim_mark_ran(m, p->handlers[h].ops + k);
			sim_check_regs(m, op->checks, op->nchecks, ctx, s->disp[s->depth - 1].int_pc,
				       s->disp[s->depth - 1].int_pstate, "handler entry");
		}
	}
}

/* Resume pad or vector: record the landing and return as ERET would. */
static enum sim_trap_action on_landing(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx,
				       unsigned vector)
{
	struct sim_pe *p = &m->pe[pe];
	const struct sim_dispatch *origin = p->nresumed ? &p->resumed[--p->nresumed] : &p->last_completed;
	struct sim_landing *log;
	struct sim_obs ob;

	if (ctx->elr_elc == ctx->pc - 4) {
		/* ERET would come straight back here: the client loops forever. */
		sim_fail(m, SIM_FAIL_CLIENT, handler_loc(m, pe), "PE %u: %s at 0x%llx returns to itself "
			 "(ELR_EL%u points at it)", pe, vector == 0xFF ? "the resume pad" : "a vector",
			 (unsigned long long)(ctx->pc - 4), (unsigned)m->plat.client_el);
		p->stuck = 1;
		return SIM_TRAP_STOP;
	}
	log = sim_log_room(m, SIM_BUF_LANDINGS, m->landings, m->nlandings, &m->cap_landings, sizeof *log);
	if (log != NULL) {
		m->landings = log;
		log[m->nlandings++] = (struct sim_landing){ (uint8_t)pe, (uint8_t)vector, ctx->elr_elc,
			ctx->spsr_elc, ctx->pstate, origin->int_pc, origin->int_pstate };
	}
	sim_obs_init(&ob, SIM_OBS_LANDING, pe);
	ob.depth = p->depth;
	ob.regs[0] = ctx->elr_elc;
	ob.regs[1] = ctx->spsr_elc;
	ob.regs[2] = ctx->pstate;
	ob.regs[3] = vector;
	ob.pc = ctx->pc - 4;
	sim_observe(m, &ob);
	ctx->pc = ctx->elr_elc;
	ctx->pstate = ctx->spsr_elc;
	return SIM_TRAP_CONTINUE_ALL;
}

static enum sim_trap_action on_trap(void *hctx, enum sim_trap_kind kind, uint32_t imm,
				    uint32_t intno, struct sim_ctx *ctx)
{
	struct sim_machine *m = hctx;
	unsigned pe = (unsigned)m->running_pe;
	struct sim_pe *p = &m->pe[pe];
	char what[96], msg[200];

	switch (kind) {
	case SIM_TRAP_SVC:
		/* The runtime's immediates are its own: an SVC elsewhere (a
		 * handler image) is not the simulator's to obey. */
		if (ctx->pc - 4 - RT_CODE_BASE >= RT_CODE_SIZE) {
			sim_fail(m, SIM_FAIL_CLIENT, handler_loc(m, pe), "PE %u: SVC #0x%x at 0x%llx outside the "
				 "runtime: the simulator models no client exception vectors for SVC%s", pe, imm,
				 (unsigned long long)(ctx->pc - 4),
				 (imm & ~0x1Fu) == (RT_SVC_ENTER & ~0x1Fu) ?
				 " (0x5d00-0x5d1f are the runtime's own)" : "");
			p->stuck = 1;
			return SIM_TRAP_STOP;
		}
		if (imm == RT_SVC_ENTER) {
			on_enter(m, pe, ctx);
			return m->failed ? SIM_TRAP_STOP : SIM_TRAP_CONTINUE;
		}
		if (imm == RT_SVC_YIELD) {
			struct sim_obs ob;
			if (p->depth == 0) {
				/* handler code reached after its handler completed (a
				 * COMPLETE_AND_RESUME into it): nothing to pause */
				sim_fail(m, SIM_FAIL_CLIENT, handler_loc(m, pe), "PE %u: a yield with no handler "
					 "running (handler code resumed into after its completion)", pe);
				p->stuck = 1;
				return SIM_TRAP_STOP;
			}
			ob = sim_obs_yield(pe, &p->paused, p->depth);
			sim_observe(m, &ob);
			return SIM_TRAP_STOP;
		}
		if (imm == RT_SVC_END) {
			sim_fail(m, SIM_FAIL_CLIENT, handler_loc(m, pe), "%s",
				 sim_out_of_actions(m->prog, p->depth, p->disp, pe, msg, sizeof msg));
			p->stuck = 1;
			return SIM_TRAP_STOP;
		}
		if (imm == RT_SVC_PARK) {
			ctx->pc = RT_MAIN_IDLE;      /* parked: the canonical idle point */
			return SIM_TRAP_STOP;
		}
		if (imm == RT_SVC_SYNC)              /* let the scheduler take what a device write caused */
			return SIM_TRAP_STOP;
		if (imm == RT_SVC_PAD || (imm >= RT_SVC_VECTOR && imm < RT_SVC_VECTOR + 16))
			return on_landing(m, pe, ctx, imm == RT_SVC_PAD ? 0xFF : imm - RT_SVC_VECTOR);
		sim_fail(m, SIM_FAIL_CLIENT, handler_loc(m, pe), "PE %u: unexpected SVC #0x%x at 0x%llx", pe, imm,
			 (unsigned long long)(ctx->pc - 4));
		p->stuck = 1;
		return SIM_TRAP_STOP;
	case SIM_TRAP_SMC:
	case SIM_TRAP_HVC: {
		const struct sim_op *op = NULL;
		int h, a;
		bool hvc = kind == SIM_TRAP_HVC;
		if (hvc != (m->plat.conduit == SIM_CONDUIT_HVC))
			return stray_call(m, pe, ctx);
		if (ctx->pc >= RT_INTERP && ctx->pc < RT_STUBS) {
			a = sim_action_of_record(m, ctx->x[RT_ACTION_REG], &h);
			if (a >= 0) {
				op = &m->prog->actions[a];
				sim_mark_ran(m, (uint32_t)a);
			}
		}
		return sim_firmware_call(m, pe, ctx, op, true);
	}
	default:
		sim_fail(m, SIM_FAIL_CLIENT, handler_loc(m, pe), "PE %u: %s at 0x%llx (exception %u) in %s%s",
			 pe, sim_cpu_exception_name(intno), (unsigned long long)ctx->pc, intno,
			 sim_running_what(m->prog, p->depth, p->disp, what, sizeof what),
			 kind == SIM_TRAP_OTHER && sim_cpu_mmu_on(m->cpu) ?
			 ", with the MMU on (SCTLR_EL1.M set): the engine cannot run client code through"
			 " translation tables, so handler images must leave the MMU off" : "");
		p->stuck = 1;
		return SIM_TRAP_STOP;
	}
}

static void on_device(void *hctx, uint64_t offset, uint64_t value)
{
	struct sim_machine *m = hctx;
	unsigned pe = (unsigned)m->running_pe;

	switch (offset) {
	case RT_DEV_TARGET:
		m->dev_target = value < m->npe ? (unsigned)value : pe;
		break;
	case RT_DEV_RAISE:
		sim_fire(m, (uint32_t)value, m->dev_target);
		m->dev_target = pe;
		break;
	case RT_DEV_LINE_HIGH:
	case RT_DEV_LINE_LOW:
		/* A level line: its interrupt is level-sensitive, as TF-A's GIC
		 * driver configures every SPI and PPI (gicv3_spis_config_defaults,
		 * gicv3_ppi_sgi_config_defaults) - pending while the line is high.
		 * (Only the line can tell edge from level: `interrupt` latches.) */
		gic_set_edge(&m->gic, m->dev_target, (uint32_t)value, false);
		gic_set_line(&m->gic, m->dev_target, (uint32_t)value, offset == RT_DEV_LINE_HIGH);
		break;
	default:
		break;
	}
}

static void run_pe(struct sim_machine *m, unsigned pe)
{
	struct sim_pe *p = &m->pe[pe];
	struct sim_cpu_hooks hooks = { on_trap, on_device, m };
	char err[200], what[96];
	enum sim_run_end end;

	m->running_pe = (int)pe;
	m->dev_target = pe;
	end = sim_cpu_run(m->cpu, &p->ctx, m->slice_budget, &hooks, err, sizeof err);
	/* (running_pe still set: the failure is observed on this PE) */
	if (end == SIM_RUN_BUDGET) {
		sim_fail(m, SIM_FAIL_CLIENT, handler_loc(m, pe), "PE %u ran %llu instructions in %s "
			 "without completing or trapping", pe, (unsigned long long)m->slice_budget,
			 sim_running_what(m->prog, p->depth, p->disp, what, sizeof what));
		p->stuck = 1;
	} else if (end == SIM_RUN_FAULT) {
		sim_fail(m, SIM_FAIL_CLIENT, handler_loc(m, pe), "PE %u faulted in %s: %s", pe,
			 sim_running_what(m->prog, p->depth, p->disp, what, sizeof what), err);
		p->stuck = 1;
	}
	m->running_pe = -1;
}

/* ---- The scheduler (pe_track.h) ---- */

static void wake_pe(void *m, unsigned pe) { sim_wake(m, pe); }
static void irq_pe(void *m, unsigned pe) { take_irq(m, pe); }
static void run_pe_(void *m, unsigned pe) { run_pe(m, pe); }

static unsigned pick_pe(void *m, unsigned n)
{
	return sim_pick(m, SIM_CHOICE_SCHEDULE, n);
}

static bool stopped(const void *mv)
{
	const struct sim_machine *m = mv;
	return m->failed || m->system_off;
}

/* Which PEs' progress may have moved since the scheduler last asked, but
 * the one it advanced: the GIC's (pe_epoch: a Group 0 interrupt signalled
 * or no longer), the ones marked dirty (all of them at the start of a run,
 * after every step but an interrupt, and by a PSCI call), and the ones
 * not ON (what wakes them is asked each time).  Code running on a PE
 * changes nothing else of another PE's. */
static uint64_t pes_changed(void *mv)
{
	struct sim_machine *m = mv;
	uint64_t pes = m->gic.pe_moved | m->pe_dirty | m->pe_not_on;

	m->gic.pe_moved = 0;
	m->pe_dirty = 0;
	return pes;
}

static void no_settle(void *mv, uint32_t round, unsigned pe)
{
	struct sim_machine *m = mv;
	sim_fail(m, SIM_FAIL_SETTLE, m->prog->steps[m->step].loc, "the machine did not settle after %u "
		 "rounds (PE %u keeps running)", round, pe);
}

static const struct sim_sched_ops sched_ops = {
	.progress = pe_progress,
	.advance = { [SIM_P_WAKE] = wake_pe, [SIM_P_IRQ] = irq_pe, [SIM_P_RUN] = run_pe_ },
	.pick = pick_pe,
	.stopped = stopped,
	.no_settle = no_settle,
	.changed = pes_changed,
};

void sim_quiesce(struct sim_machine *m)
{
	sim_schedule(&sched_ops, m, m->npe, m->max_rounds, &m->sched);
}
