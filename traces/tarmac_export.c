/*
 * tarmac_export.c - see tarmac_export.h.
 *
 * Two sources feed one writer: the CPU's tracer (sim_cpu_set_tracer), for
 * the client instructions that really ran, and the run's observations,
 * for what firmware does around them.  The tracer says which context runs
 * but not on which PE; the context of a PE stays where it is during a
 * run, so the first observation a run makes on its own PE (a call from
 * handler code, a yield, a landing) names it, and the instructions before
 * wait in a buffer until then.  The registers an instruction wrote are
 * what changed between its tracer call and the next one on that PE.
 *
 * The lines of each event, and the exporter's firmware around them, are
 * tarmac_export_lines.c's: this file is the walk, what the simulator did
 * and when, which grows with the observations; that one the output.
 */
#include <stdlib.h>
#include <string.h>

#include "sdd/sdd.h"
#include "tarmac_export.h"
#include "trace.h"           /* trace_res_repends: the answers that leave an interrupt pending */
#include "tarmac_export_internal.h"

/* A step's call instruction (SMC #0 / HVC #0) by the caller's state and
 * conduit, and the ESR of the exception it takes: EC SMC64 0x17 / HVC64
 * 0x16 from AArch64, SMC32 0x13 / HVC32 0x12 from AArch32, IL set, ISS 0
 * (the #0; an SMC32 taken to EL3, not trapped, has no CV/COND). */
static const struct { uint32_t op, esr; } call_insn[2][2] = {
	{ { OP_SMC, 0x5E000000u }, { OP_HVC, 0x5A000000u } },
	{ { OP_A32_SMC, 0x4E000000u }, { OP_A32_HVC, 0x4A000000u } },
};

/* ---- Client instructions ---- */

static bool is_call_insn(uint32_t op)
{
	return (op & 0xFFE0001Fu) == OP_SMC || (op & 0xFFE0001Fu) == OP_HVC;
}

/* Write pe's held SMC/HVC, after x0..x5 as its call saw them (args NULL:
 * no call was seen - a call through the wrong conduit nobody answers). */
static void release_call(struct tx *x, unsigned pe, uint32_t w0, const uint64_t *args)
{
	struct tpe *p = &x->pe[pe];

	if (!p->call_held)
		return;
	p->call_held = false;
	for (unsigned n = 0; args && n < 6; n++)
		if (p->x[n] != (n ? args[n - 1] : w0))
			tx_xreg(x, pe, n, n ? args[n - 1] : w0);
	tx_insn(x, pe, p->held_pc, p->held_op, p->held_pstate);
}

static void client_insn(struct tx *x, unsigned pe, uint64_t pstate, uint64_t pc, uint32_t op, const uint64_t *regs)
{
	struct tpe *p = &x->pe[pe];

	release_call(x, pe, 0, NULL);
	for (unsigned n = 0; n < 31; n++)          /* what the previous instruction wrote */
		if (regs[n] != p->x[n])
			tx_xreg(x, pe, n, regs[n]);
	if (regs[31] != p->sp) {
		p->sp = regs[31];
		tx_sysreg(x, pe, "SP", (pstate & 1) ? (unsigned)(pstate >> 2) & 3 : 0, p->sp);
	}
	p->last_pc = pc;
	p->pc = pc + 4;
	p->pstate = pstate;
	p->secure = false;                         /* the client's code: Non-secure */
	if (is_call_insn(op)) {
		p->call_held = true;
		p->held_pc = pc;
		p->held_op = op;
		p->held_pstate = pstate;
		return;
	}
	tx_insn(x, pe, pc, op, pstate);
}

static int pe_of(const struct tx *x, const struct sim_ctx *run)
{
	for (unsigned pe = 0; pe < x->npe; pe++)
		if (x->ctx_of[pe] == run)
			return (int)pe;
	return -1;
}

static void on_insn(void *tctx, const struct sim_ctx *run, uint64_t pc, uint32_t op,
		    const uint64_t regs[SIM_CPU_TRACE_REGS])
{
	struct tx *x = tctx;
	int pe = pe_of(x, run);

	x->cur_run = run;
	if (pe >= 0) {
		client_insn(x, (unsigned)pe, run->pstate, pc, op, regs);
		return;
	}
	if (x->nbuf == x->cap) {
		unsigned cap = x->cap ? x->cap * 2 : 256;
		struct pending *bigger = realloc(x->buf, cap * sizeof *bigger);
		if (!bigger) {
			x->failed = true;
			return;
		}
		x->buf = bigger;
		x->cap = cap;
	}
	x->buf[x->nbuf].run = run;
	x->buf[x->nbuf].pc = pc;
	x->buf[x->nbuf].op = op;
	x->buf[x->nbuf].pstate = run->pstate;
	memcpy(x->buf[x->nbuf++].regs, regs, sizeof x->buf[0].regs);
}

/* An observation of pe made inside a run: that run's context is pe's. */
static void learn(struct tx *x, unsigned pe)
{
	unsigned k = 0;

	if (!x->cur_run || pe >= x->npe)
		return;
	for (unsigned q = 0; q < x->npe; q++)
		if (x->ctx_of[q] == x->cur_run)
			x->ctx_of[q] = NULL;
	x->ctx_of[pe] = x->cur_run;
	for (unsigned j = 0; j < x->nbuf; j++) {
		const struct pending *b = &x->buf[j];
		if (b->run == x->cur_run)
			client_insn(x, pe, b->pstate, b->pc, b->op, b->regs);
		else
			x->buf[k++] = *b;
	}
	x->nbuf = k;
}

/* ---- Observations ---- */

static bool psci_stops_caller(int fn)
{
	return fn == SIM_PSCI_CPU_OFF || fn == SIM_PSCI_CPU_FREEZE || fn == SIM_PSCI_SYSTEM_OFF ||
	       fn == SIM_PSCI_SYSTEM_RESET;
}

static void on_call(struct tx *x, const struct sim_obs *o)
{
	struct tpe *p = &x->pe[o->pe];
	bool hvc = x->prog->platform.conduit == SIM_CONDUIT_HVC;
	int fn = o->kind == SIM_OBS_PSCI ? sim_psci_fn_of_fid(o->fid) : -1;
	uint64_t smc, ret, ret_pstate, result = (uint64_t)o->result;

	if (!o->from_handler) {
		/* a step's call: the main program loads x0..x5 (r0..r5 from
		 * AArch32, in the caller's mode: o->aarch32 is its M[4:0]) and
		 * calls, in Secure state when the step says so (its mode field
		 * _s: PSTATE does not hold the security state) */
		uint64_t base = CALL_SITE(o->pe);
		p->secure = o->secure;
		ret_pstate = o->aarch32 ? o->aarch32 : ((uint64_t)o->el << 2) | 1;
		for (unsigned n = 0; n < 6; n++) {
			tx_insn(x, o->pe, base + 4 * n, o->aarch32 ? OP_A32_LDR_LIT(n) : OP_LDR_LIT(n), ret_pstate);
			tx_callreg(x, o->pe, n, n ? o->args[n - 1] : o->w0, o->aarch32);
		}
		smc = base + 24;
		tx_insn(x, o->pe, smc, call_insn[o->aarch32 != 0][hvc].op, ret_pstate);
	} else {
		release_call(x, o->pe, o->w0, o->args);
		smc = p->last_pc;
		ret_pstate = p->pstate;
	}
	ret = smc + 4;
	tx_fw_enter(x, o->pe, smc, ret, ret_pstate, VEC_SYNC, call_insn[o->aarch32 != 0][hvc].esr);
	if (fn >= 0 && o->result == 0 && psci_stops_caller(fn)) {
		tx_insn(x, o->pe, FW_IDLE(x->fw), OP_WFI, tx_fw_pstate(x));
		p->wait = W_DOWN;
		if (fn == SIM_PSCI_SYSTEM_RESET && x->reset_pending) {
			x->reset_pending = false;
			for (unsigned pe = 0; pe < x->npe; pe++)
				tx_boot(x, pe, false);
		}
	} else if (fn == SIM_PSCI_CPU_SUSPEND && o->result == 0) {
		tx_insn(x, o->pe, FW_IDLE(x->fw), OP_WFI, tx_fw_pstate(x));
		p->wait = (o->args[0] >> 16) & 1 ? W_DOWN : W_SUSPEND;
		p->ret = ret;
		p->ret_pstate = ret_pstate;
	} else if (o->kind == SIM_OBS_CALL && o->status == 1) {
		p->wait = W_COMPLETE;            /* the completion says where it goes */
	} else {
		tx_fw_exit(x, o->pe, ret, ret_pstate, p->secure, 1, &result);
	}
	tx_boot_held(x);                         /* PEs this CPU_ON powered up */
}

/* The FIQ's exception, which saves the context pc/pstate interrupted,
 * and firmware's read of the INTID. */
static void take_fiq(struct tx *x, unsigned pe, uint64_t pc, uint64_t pstate, uint32_t intid)
{
	struct tpe *p = &x->pe[pe];

	p->pc = pc;
	p->pstate = pstate;
	p->secure = false;               /* the simulator's: client code */
	tx_fw_enter(x, pe, pc, pc, pstate, VEC_FIQ, 0);
	tx_insn(x, pe, FW_VBAR(x->fw) + VEC_FIQ + 4, OP_MRS_IAR0, tx_fw_pstate(x));
	tx_xreg(x, pe, 0, intid);
}

/* A hold: firmware acknowledges now and the dispatcher's work comes at
 * the hand-over (on_irq), the other PEs' instructions in between, as a
 * real machine's trace shows the race. */
static void on_hold(struct tx *x, const struct sim_obs *o)
{
	struct tpe *p = &x->pe[o->pe];

	p->hold_x0 = p->x[0];
	p->holding = true;
	take_fiq(x, o->pe, o->pc, o->pstate, o->intid);
}

static void on_irq(struct tx *x, const struct sim_obs *o)
{
	struct tpe *p = &x->pe[o->pe];
	uint64_t old_x0 = p->x[0];

	/* The interrupt's exception saves the context it interrupted, which
	 * the handler then gets in x2/x3: the simulator's (a main context
	 * waits in the runtime's idle loop, not at this exporter's call
	 * site; the importer checks the two agree). */
	if (p->holding) {                /* taken and read at the hold */
		p->holding = false;
		old_x0 = p->hold_x0;
		p->pc = o->pc;
		p->pstate = o->pstate;
	} else {
		take_fiq(x, o->pe, o->pc, o->pstate, o->intid);
	}
	if (o->status == SDD_IRQ_DISPATCHED) {
		p->wait = W_DISPATCH;
		return;
	}
	/* ended, as TF-A's firmware ends every interrupt it does not
	 * dispatch, after setting it pending again for later when the
	 * dispatcher's answer says it did (its port's irq_set_pending:
	 * sdd_dispatch.c).  A fault's answer does not say (one kind pends
	 * again, the other not): written as ended - the run has failed */
	tx_fw_eoi(x, o->pe, o->intid, o->status >= 0 && trace_res_repends((unsigned)o->status));
	tx_fw_exit(x, o->pe, p->pc, p->pstate, p->secure, 1, &old_x0);
}

/* Firmware's explicit dispatch interrupts the context o says (the
 * simulator's: after a step's call from AArch32 or another EL, the main
 * context's own PSTATE again, not the state the call returned to). */
static void on_explicit(struct tx *x, const struct sim_obs *o)
{
	struct tpe *p = &x->pe[o->pe];

	p->pc = o->pc;
	p->pstate = o->pstate;
	p->secure = false;
	tx_fw_enter(x, o->pe, p->pc, p->pc, p->pstate, VEC_SERROR, 0);
	p->wait = W_DISPATCH;
}

static void on_dispatch(struct tx *x, const struct sim_obs *o)
{
	struct tpe *p = &x->pe[o->pe];

	if (p->wait != W_DISPATCH)
		tx_fw_enter(x, o->pe, p->pc, p->pc, p->pstate, VEC_SERROR, 0);
	tx_fw_exit(x, o->pe, o->pc, o->pstate, false, 4, o->regs);  /* handlers run Non-secure */
}

static void on_power(struct tx *x, const struct sim_obs *o)
{
	struct tpe *p = &x->pe[o->pe];
	uint64_t zero = 0;

	if (o->status != SIM_PE_ON)
		return;
	if (o->regs[0] == SIM_PE_STANDBY) {
		if (p->wait == W_SUSPEND)
			tx_fw_exit(x, o->pe, p->ret, p->ret_pstate, p->secure, 1, &zero);   /* CPU_SUSPEND returns 0 */
	} else if (o->regs[0] == SIM_PE_OFF) {
		p->boot_held = true;             /* after the CPU_ON that did it */
	} else {
		tx_boot(x, o->pe, false);        /* from a power-down suspend */
	}
}

static void observe(void *ctx, const struct sim_obs *o)
{
	struct tx *x = ctx;

	if (o->pe >= x->npe && o->kind != SIM_OBS_RESET && o->kind != SIM_OBS_MIGRATE)
		return;
	switch (o->kind) {
	case SIM_OBS_CALL:
	case SIM_OBS_PSCI:
		if (o->from_handler)
			learn(x, o->pe);
		on_call(x, o);
		break;
	case SIM_OBS_YIELD:
	case SIM_OBS_LANDING:
		learn(x, o->pe);
		break;
	case SIM_OBS_IRQ:
		on_irq(x, o);
		break;
	case SIM_OBS_HOLD:
		on_hold(x, o);
		break;
	case SIM_OBS_EXPLICIT:
		if (o->result == 0)
			on_explicit(x, o);
		break;
	case SIM_OBS_DISPATCH:
		on_dispatch(x, o);
		break;
	case SIM_OBS_COMPLETE:
		if (o->done != SIM_DONE_IMPLICIT && x->pe[o->pe].wait == W_COMPLETE) {
			tx_fw_complete_eoi(x, o->pe, o->intid);
			tx_fw_exit(x, o->pe, o->pc, o->pstate, false, 0, NULL);
		}
		break;
	case SIM_OBS_POWER:
		on_power(x, o);
		break;
	case SIM_OBS_RESET:
		x->reset_pending = true;
		break;
	case SIM_OBS_MIGRATE:                    /* the contexts live in a new machine */
		memset(x->ctx_of, 0, sizeof x->ctx_of);
		break;
	default:
		break;
	}
}

int tarmac_export(struct sim_cpu *cpu, const struct sim_program *prog, FILE *f, struct sim_result *res)
{
	struct tx *x = calloc(1, sizeof *x);
	struct sim_cpu_tracer tr;
	struct sim_run_opts ro;
	struct sim_choice_cursor cur;
	int rc;

	memset(res, 0, sizeof *res);
	if (!x) {
		snprintf(res->message, sizeof res->message, "out of memory");
		return -1;
	}
	x->f = f;
	x->prog = prog;
	x->fw = prog->platform.conduit == SIM_CONDUIT_HVC ? 2 : 3;
	x->cel = prog->platform.client_el;
	x->npe = prog->platform.pes < SIM_MAX_PES ? prog->platform.pes : SIM_MAX_PES;
	for (unsigned pe = 0; pe < x->npe; pe++)
		tx_boot(x, pe, true);
	tr.insn = on_insn;
	tr.ctx = x;
	sim_cpu_set_tracer(cpu, &tr);
	memset(&ro, 0, sizeof ro);
	ro.choice = sim_program_choice(prog, &cur);
	ro.observer.obs = observe;
	ro.observer.ctx = x;
	rc = sim_run(cpu, prog, &ro, res);
	sim_cpu_set_tracer(cpu, NULL);
	for (unsigned j = 0; j < x->nbuf; j++)   /* a run no observation named (it failed at once) */
		client_insn(x, 0, x->buf[j].pstate, x->buf[j].pc, x->buf[j].op, x->buf[j].regs);
	for (unsigned pe = 0; pe < x->npe; pe++)
		release_call(x, pe, 0, NULL);
	tx_boot_held(x);
	if (rc == 0 && (x->failed || fflush(f) != 0 || ferror(f))) {
		snprintf(res->message, sizeof res->message, "%s", x->failed ? "out of memory" : "write error");
		rc = -1;
	}
	free(x->buf);
	free(x);
	return rc;
}
