/*
 * fz_core_client.c - fuzz_core's handler model: client code, run in C.
 *
 * The simulator runs a handler as AArch64 code on Unicorn: the runtime's
 * interpreter (sim/runtime/runtime.S) walks the handler's action records
 * and traps to the simulator at every call, interrupt, yield and landing.
 * Here the same walk is made directly: a PE's context is the register
 * file the dispatcher sees (x0..x17, PC, PSTATE, ELR/SPSR of the client
 * EL), its PC one of the runtime's addresses, and x16 the record being run,
 * exactly as the interpreter keeps them; so what the dispatcher saves,
 * restores and hands to EVENT_CONTEXT is what it is given on the
 * simulator, and a COMPLETE_AND_RESUME or an interrupted handler continues
 * where the runtime would.  The runtime's effects on x0..x17 are
 * reproduced (x9, x10, x11, x16, x17 and NZCV as its instructions leave
 * them).
 *
 * Client code is run from these addresses only: a handler's entry stub,
 * the interpreter's entry, its next-action point and the four points a
 * trap returns to (after SMC, HVC, the interrupt action's SVC, a yield),
 * the end of a list, the idle loop, the resume pad and the 16 vector
 * entries.  A context that reaches any other address (a resume address or
 * entry point that is a literal inside the runtime, the user area, an
 * unmapped address), an x16 that names no action record, or a handler
 * slot with no handler stops the run as client code gone wrong would on
 * the simulator - never a finding - though the simulator may have run on
 * (jumping into the middle of the interpreter) or failed a little later.
 * User ELF handler images are not run at all: fz_core skips such programs.
 */
#include <string.h>

#include "fz_core_internal.h"

/* Addresses in the runtime's interpreter (sim/runtime/runtime.S, checked
 * against the assembled image by fuzz/tests/test_fz_core.c). */
#define PC_NEXT_ACTION   (RT_INTERP + 0x08)   /* run the record at x16 */
#define PC_OP_TABLE      (RT_INTERP + 0x20)
#define PC_AFTER_SMC     (RT_INTERP + 0x4c)   /* where traps return to ... */
#define PC_AFTER_HVC     (RT_INTERP + 0x54)
#define PC_AFTER_SYNC    (RT_INTERP + 0x6c)
#define PC_OP_NOP        (RT_INTERP + 0x74)   /* ... each then goes on at x16 + 64 */
#define PC_OP_END        (RT_INTERP + 0x7c)
#define NZCV_AFTER_CMP   (0x8ull << 28)       /* `cmp w9, #RT_OP_COUNT` with a valid op: N */

/* Client code runs this many records without stopping at most (it cannot
 * loop without failing; this is a guard). */
#define RUN_BUDGET 100000u

static void fail_out_of_actions(struct fzc_machine *m, unsigned pe)
{
	const struct fzc_pe *p = &m->pe[pe];
	char msg[200];

	fzc_fail(m, SIM_FAIL_CLIENT, "%s",
		 sim_out_of_actions(m->prog, p->depth, p->disp, pe, msg, sizeof msg));
}

/* The resume pad or a vector entry: record the landing, then return as
 * ERET would.  false when the client would loop there forever. */
static bool landing(struct fzc_machine *m, unsigned pe, unsigned vector)
{
	struct sdd_regs *ctx = &m->pe[pe].ctx;
	struct sim_obs o;

	if (ctx->elr_elc == ctx->pc) {
		fzc_fail(m, SIM_FAIL_CLIENT, "PE %u: %s at 0x%llx returns to itself", pe,
			 vector == 0xFF ? "the resume pad" : "a vector", (unsigned long long)ctx->pc);
		return false;
	}
	o = sim_obs_of(SIM_OBS_LANDING, pe);
	o.depth = m->pe[pe].depth;
	o.regs[0] = ctx->elr_elc;
	o.regs[1] = ctx->spsr_elc;
	o.regs[2] = ctx->pstate;
	o.regs[3] = vector;
	o.pc = ctx->pc;
	fzc_observe(m, &o);
	ctx->pc = ctx->elr_elc;
	ctx->pstate = ctx->spsr_elc;
	return true;
}

static uint64_t const_or_zero(const struct sim_value *v)
{
	return v->kind == SIM_V_CONST ? v->u : 0;
}

/* x1..x5 of a call record as the simulator writes it into client memory
 * (constants only: it resolves the rest when the call traps): what the
 * interpreter's registers hold again once a call returns to it, since a
 * trap that lets the code go on hands back x0 alone. */
static void record_args(const struct fzc_machine *m, const struct sim_op *op, uint64_t a[5])
{
	memset(a, 0, 5 * sizeof a[0]);
	if (op->kind == SIM_OP_CALL)
		for (uint32_t k = 0; k < op->nargs && k < 5; k++)
			a[k] = const_or_zero(&m->prog->values[op->args + k]);
	else if (op->kind == SIM_OP_COMPLETE || op->kind == SIM_OP_COMPLETE_AND_RESUME)
		a[0] = const_or_zero(&op->fid);
}

/* Run the action record at x16; false when the PE stops. */
static bool run_record(struct fzc_machine *m, unsigned pe)
{
	struct fzc_pe *p = &m->pe[pe];
	struct sdd_regs *ctx = &p->ctx;
	uint64_t rec = ctx->x[RT_ACTION_REG], idx = (rec - RT_ACTIONS) / RT_ACTION_SIZE;
	const struct sim_op *op;
	unsigned kind;

	if (rec < RT_ACTIONS || (rec - RT_ACTIONS) % RT_ACTION_SIZE != 0 || idx >= m->nrecs) {
		fzc_fail(m, SIM_FAIL_CLIENT, "PE %u: x16 = 0x%llx names no action record (not modelled by "
			 "fuzz_core)", pe, (unsigned long long)rec);
		return false;
	}
	if (m->rec_action[idx] < 0) {
		ctx->x[9] = 0;
		ctx->x[10] = PC_OP_TABLE;
		ctx->pstate = (ctx->pstate & ~SDD_PSTATE_NZCV) | NZCV_AFTER_CMP;
		ctx->pc = PC_OP_END + 4;
		fail_out_of_actions(m, pe);
		return false;
	}
	op = &m->prog->actions[m->rec_action[idx]];
	switch (op->kind) {
	case SIM_OP_CALL: case SIM_OP_PSCI: case SIM_OP_COMPLETE: case SIM_OP_COMPLETE_AND_RESUME:
		kind = RT_OP_CALL;
		break;
	case SIM_OP_INTERRUPT:
		kind = RT_OP_IRQ;
		break;
	case SIM_OP_YIELD:
		kind = RT_OP_YIELD;
		break;
	default:
		kind = RT_OP_NOP;
		break;
	}
	ctx->pstate = (ctx->pstate & ~SDD_PSTATE_NZCV) | NZCV_AFTER_CMP;
	ctx->x[10] = PC_OP_TABLE + 4 * kind;
	ctx->x[9] = kind;
	switch (kind) {
	case RT_OP_CALL: {
		bool hvc = m->prog->platform.conduit == SIM_CONDUIT_HVC;
		ctx->x[9] = hvc ? RT_FLAG_HVC : 0;
		ctx->pc = hvc ? PC_AFTER_HVC : PC_AFTER_SMC;
		if (!fzc_firmware_call(m, pe, op, true))
			return false;
		record_args(m, op, &ctx->x[1]);
		return true;
	}
	case RT_OP_IRQ: {
		unsigned target = op->pe < m->npe ? op->pe : pe;
		ctx->x[9] = op->intid;
		ctx->x[10] = op->pe;
		ctx->x[11] = RT_DEVICE_BASE;
		ctx->pc = PC_AFTER_SYNC;
		fzc_fire_obs(m, op->intid, target);
		return false;                /* the scheduler takes what it caused */
	}
	case RT_OP_YIELD: {
		struct sim_obs o;
		ctx->pc = PC_OP_NOP;
		if (p->depth == 0) {
			fzc_fail(m, SIM_FAIL_CLIENT, "PE %u: a yield with no handler running (handler code "
				 "resumed into after its completion)", pe);
			return false;
		}
		o = sim_obs_yield(pe, &p->paused, p->depth);
		fzc_observe(m, &o);
		return false;
	}
	default:
		ctx->pc = PC_OP_NOP;
		return true;
	}
}

/* Run pe's context until it stops (the simulator's run_pe). */
void fzc_run_pe(struct fzc_machine *m, unsigned pe)
{
	struct sdd_regs *ctx = &m->pe[pe].ctx;
	const struct sim_program *prog = m->prog;
	char what[96];

	m->running_pe = (int)pe;
	for (unsigned budget = 0; !m->failed; budget++) {
		uint64_t pc = ctx->pc;

		if (budget == RUN_BUDGET) {
			fzc_fail(m, SIM_FAIL_CLIENT, "PE %u ran %u records in %s without stopping", pe,
				 RUN_BUDGET, sim_running_what(prog, m->pe[pe].depth, m->pe[pe].disp, what, sizeof what));
			break;
		}
		if (pc >= RT_STUBS && pc < RT_STUBS + RT_STUB_SIZE * RT_MAX_HANDLERS &&
		    (pc - RT_STUBS) % RT_STUB_SIZE == 0) {
			/* entry stub: x16 = slot, then the interpreter's entry */
			ctx->x[16] = (pc - RT_STUBS) / RT_STUB_SIZE;
			pc = RT_INTERP;
		}
		if (pc == RT_INTERP) {
			uint64_t slot = ctx->x[16];
			ctx->x[17] = RT_HANDLER_TABLE;
			if (slot >= prog->nhandlers || prog->handlers[slot].kind != SIM_H_ACTIONS) {
				fzc_fail(m, SIM_FAIL_CLIENT, "PE %u: handler slot %llu holds no handler", pe,
					 (unsigned long long)slot);
				break;
			}
			ctx->x[16] = RT_ACTIONS + (uint64_t)m->handler_rec[slot] * RT_ACTION_SIZE;
		} else if (pc == PC_AFTER_SMC || pc == PC_AFTER_HVC || pc == PC_AFTER_SYNC || pc == PC_OP_NOP) {
			ctx->x[16] += RT_ACTION_SIZE;
		} else if (pc == RT_MAIN_IDLE) {
			break;                           /* parked */
		} else if (pc == RT_RESUME_PAD) {
			if (!landing(m, pe, 0xFF))
				break;
			continue;
		} else if (pc >= RT_VECTORS && pc < RT_VECTORS + 16 * 0x80 && (pc - RT_VECTORS) % 0x80 == 0) {
			if (!landing(m, pe, (unsigned)((pc - RT_VECTORS) / 0x80)))
				break;
			continue;
		} else if (pc != PC_NEXT_ACTION && pc != PC_OP_END) {
			fzc_fail(m, SIM_FAIL_CLIENT, "PE %u: client code at 0x%llx (not modelled by fuzz_core)", pe,
				 (unsigned long long)pc);
			break;
		}
		if (pc == PC_OP_END) {
			fail_out_of_actions(m, pe);
			break;
		}
		if (!run_record(m, pe))
			break;
	}
	m->running_pe = -1;
}

