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
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/rt_layout.h"
#include "sdd/sdd.h"
#include "sdd/sdd_spec.h"
#include "tarmac_export.h"

#define CALL_SITE(pe)  (0x0F000000ull + 0x1000ull * (pe))
#define FW_BASE(el)    ((el) == 3 ? 0x04000000ull : 0x06000000ull)
#define FW_VBAR(el)    (FW_BASE(el) + 0x3000)
#define FW_EXIT(el)    (FW_BASE(el) + 0x6000)   /* the way out: loads, ELR/SPSR, ERET */
#define FW_IDLE(el)    (FW_BASE(el) + 0x7000)   /* WFI of a PE powered down or suspended */
#define VEC_SYNC       0x400                    /* lower EL, AArch64 (Arm ARM D1.10.2) */
#define VEC_FIQ        0x500
#define VEC_SERROR     0x580
#define VEC_AARCH32    0x200                    /* from a lower EL in AArch32: the AArch64 one's + 0x200 */
#define STACK_TOP(pe)  (RT_USER_BASE + RT_USER_SIZE - 0x10000ull * (pe))

/* A64 encodings of the firmware's instructions (llvm-mc -show-encoding). */
#define OP_LDR_LIT(rt) (0x58000040u | (rt))    /* LDR xt, {pc}+8 */
#define OP_SMC         0xD4000003u
#define OP_HVC         0xD4000002u
#define OP_LDR_X0_SP   0xF94003E0u             /* LDR x0,[sp] */
#define OP_LDP_X0_X1   0xA94007E0u
#define OP_LDP_X2_X3   0xA9410FE2u
#define OP_MRS_IAR0    0xD538C800u             /* MRS x0,ICC_IAR0_EL1 */
#define OP_MSR_EOIR0   0xD518C820u             /* MSR ICC_EOIR0_EL1,x0 */
#define OP_WFI         0xD503207Fu
#define OP_ERET        0xD69F03E0u
/* A32 encodings of a call from AArch32 (llvm-mc -triple=armv7a), cond AL. */
#define OP_A32_LDR_LIT(rt) (0xE59F0000u | (rt) << 12)   /* LDR rt,[pc,#0]: {pc}+8 */
#define OP_A32_SMC     0xE1600070u
#define OP_A32_HVC     0xE1400070u

/* A step's call instruction (SMC #0 / HVC #0) by the caller's state and
 * conduit, and the ESR of the exception it takes: EC SMC64 0x17 / HVC64
 * 0x16 from AArch64, SMC32 0x13 / HVC32 0x12 from AArch32, IL set, ISS 0
 * (the #0; an SMC32 taken to EL3, not trapped, has no CV/COND). */
static const struct { uint32_t op, esr; } call_insn[2][2] = {
	{ { OP_SMC, 0x5E000000u }, { OP_HVC, 0x5A000000u } },
	{ { OP_A32_SMC, 0x4E000000u }, { OP_A32_HVC, 0x4A000000u } },
};

enum wait { W_NONE = 0, W_COMPLETE, W_SUSPEND, W_DOWN, W_DISPATCH };

struct tpe {
	uint64_t idx;            /* instructions so far: the (n) field */
	uint64_t x[31], sp;      /* registers as the trace has shown them */
	uint64_t pc, pstate;     /* where its current context goes on */
	bool     secure;         /* in Secure state: a step's call from there, and the stay in
				  * firmware it makes (an EL2 one's is S-EL2), are written _s */
	uint64_t last_pc;        /* its last client instruction */
	uint64_t last_t;         /* the time of its last instruction (its R lines) */
	uint8_t  wait;           /* enum wait: what its stay in firmware waits for */
	uint64_t ret, ret_pstate;/* where a suspended call returns */
	bool     boot_held;      /* powered up by a CPU_ON not written yet */
	/* An SMC/HVC it executed, written once its call is seen: the
	 * simulator places a handler action's arguments in x0..x5 when the
	 * call traps, so the lines before it must show them. */
	bool     call_held;
	uint64_t held_pc, held_pstate;
	uint32_t held_op;
	/* An interrupt its firmware holds, acknowledged, with the x0 it came
	 * with. */
	bool     holding;
	uint64_t hold_x0;
};

struct pending { const struct sim_ctx *run; uint64_t pc, pstate, regs[SIM_CPU_TRACE_REGS]; uint32_t op; };

struct tx {
	FILE *f;
	const struct sim_program *prog;
	unsigned fw, cel, npe;   /* the firmware's EL, the client's, PEs */
	uint64_t t;              /* the clock: one per instruction of any PE */
	struct tpe pe[SIM_MAX_PES];
	const struct sim_ctx *ctx_of[SIM_MAX_PES];
	const struct sim_ctx *cur_run;
	struct pending *buf;     /* instructions of a context no observation named yet */
	unsigned nbuf, cap;
	bool reset_pending;      /* SYSTEM_RESET has reset the machine; its call is not written yet */
	bool failed;
};

/* ---- Lines ---- */

__attribute__((format(printf, 4, 5)))
static void out(struct tx *x, unsigned pe, uint64_t t, const char *fmt, ...)
{
	va_list ap;

	fprintf(x->f, "%" PRIu64 " clk cpu%u ", t, pe);
	va_start(ap, fmt);
	vfprintf(x->f, fmt, ap);
	va_end(ap);
	fputc('\n', x->f);
}

/* An instruction executed in pstate's state (A32, A, when nRW is set), in
 * the PE's security state. */
static void it(struct tx *x, unsigned pe, uint64_t pc, uint32_t op, uint64_t pstate)
{
	struct tpe *p = &x->pe[pe];
	bool a32 = (pstate & SDD_PSTATE_NRW) != 0;
	char m[TM_MODE_FIELD], dis[64];

	(a32 ? tm_disasm_a32 : tm_disasm)(op, pc, dis, sizeof dis);
	p->last_t = ++x->t;
	out(x, pe, p->last_t, "IT (%" PRIu64 ") %08" PRIx64 " %08" PRIx32 " %c %s : %s", ++p->idx, pc, op,
	    a32 ? 'A' : 'O', tm_mode_field(pstate, p->secure, m), dis);
}

static void xreg(struct tx *x, unsigned pe, unsigned n, uint64_t v)
{
	x->pe[pe].x[n] = v;
	out(x, pe, x->pe[pe].last_t, "R X%u %016" PRIX64, n, v);
}

/* Register n of a caller: R0.. in AArch32, 32 bits (the X register's low
 * half, zero-extended), else Xn. */
static void callreg(struct tx *x, unsigned pe, unsigned n, uint64_t v, bool aarch32)
{
	if (!aarch32) {
		xreg(x, pe, n, v);
		return;
	}
	x->pe[pe].x[n] = (uint32_t)v;
	out(x, pe, x->pe[pe].last_t, "R R%u %08" PRIX32, n, (uint32_t)v);
}

static void sysreg(struct tx *x, unsigned pe, const char *name, unsigned el, uint64_t v)
{
	out(x, pe, x->pe[pe].last_t, "R %s_EL%u %016" PRIX64, name, el, v);
}

/* ---- Firmware ---- */

static uint64_t fw_pstate(const struct tx *x)
{
	return ((uint64_t)x->fw << 2) | 1 | SDD_PSTATE_DAIF;     /* ELxh, everything masked */
}

/* An exception from pe's client into the firmware: `from` is the PC the
 * E line names, elr/spsr where and how it goes back; vec the AArch64
 * vector, whose AArch32 twin it takes from AArch32 (spsr's nRW). */
static void fw_enter(struct tx *x, unsigned pe, uint64_t from, uint64_t elr, uint64_t spsr, unsigned vec,
		     uint32_t esr)
{
	struct tpe *p = &x->pe[pe];
	static const struct { unsigned vec; const char *name; unsigned id; } kinds[] = {
		{ VEC_SYNC, "LOWER_EL_AARCH64_SYNC", 0x84 }, { VEC_FIQ, "FIQ", 0x86 },
		{ VEC_SERROR, "LOWER_EL_AARCH64_SERROR", 0x87 },
		{ VEC_AARCH32 + VEC_SYNC, "LOWER_EL_AARCH32_SYNC", 0x84 }, { VEC_AARCH32 + VEC_FIQ, "FIQ", 0x86 },
		{ VEC_AARCH32 + VEC_SERROR, "LOWER_EL_AARCH32_SERROR", 0x87 },
	};
	unsigned k = 0;
	uint64_t vbar = FW_VBAR(x->fw);

	if (spsr & SDD_PSTATE_NRW)
		vec += VEC_AARCH32;
	while (k + 1 < sizeof kinds / sizeof kinds[0] && kinds[k].vec != vec)
		k++;
	if (p->last_t < x->t)
		p->last_t = x->t;              /* taken now, between instructions */
	out(x, pe, p->last_t, "E %016" PRIx64 " %08x CoreEvent_%s", from, kinds[k].id, kinds[k].name);
	out(x, pe, p->last_t, "R cpsr %08" PRIx64, fw_pstate(x));
	if (esr)
		sysreg(x, pe, "ESR", x->fw, esr);
	sysreg(x, pe, "ELR", x->fw, elr);
	sysreg(x, pe, "SPSR", x->fw, spsr);
	/* the vector branches to the common handler */
	it(x, pe, vbar + vec, 0x14000000u | (uint32_t)(((FW_EXIT(x->fw) - 0x100 - (vbar + vec)) / 4) & 0x3FFFFFF),
	   fw_pstate(x));
}

/* Out of the firmware to target, in Secure state or not, loading
 * x0..x(nregs-1) from regs. */
static void fw_exit(struct tx *x, unsigned pe, uint64_t target, uint64_t spsr, bool secure, unsigned nregs,
		    const uint64_t *regs)
{
	struct tpe *p = &x->pe[pe];
	uint64_t pc = FW_EXIT(x->fw), fp = fw_pstate(x);

	if (nregs == 1) {
		it(x, pe, pc, OP_LDR_X0_SP, fp);
		xreg(x, pe, 0, regs[0]);
	} else if (nregs) {
		it(x, pe, pc, OP_LDP_X0_X1, fp);
		xreg(x, pe, 0, regs[0]);
		xreg(x, pe, 1, regs[1]);
		it(x, pe, pc + 4, OP_LDP_X2_X3, fp);
		xreg(x, pe, 2, regs[2]);
		xreg(x, pe, 3, regs[3]);
	}
	it(x, pe, pc + 8, x->fw == 3 ? 0xD51E4010u : 0xD51C4010u, fp);   /* MSR SPSR_ELn,x16 */
	sysreg(x, pe, "SPSR", x->fw, spsr);
	it(x, pe, pc + 12, x->fw == 3 ? 0xD51E4031u : 0xD51C4031u, fp);  /* MSR ELR_ELn,x17 */
	sysreg(x, pe, "ELR", x->fw, target);
	it(x, pe, pc + 16, OP_ERET, fp);
	p->wait = W_NONE;
	p->pc = target;
	p->pstate = spsr;
	p->secure = secure;
}

static uint64_t main_pstate(const struct tx *x)
{
	return ((uint64_t)x->cel << 2) | 1;
}

/* pe (re)starts: reset, then firmware boots it into its main context. */
static void boot(struct tx *x, unsigned pe, bool dump)
{
	struct tpe *p = &x->pe[pe];

	memset(p->x, 0, sizeof p->x);
	p->sp = STACK_TOP(pe);
	p->boot_held = false;
	p->holding = false;                /* a reset forgets a hold */
	if (dump) {                        /* FVP writes the registers at reset */
		for (unsigned n = 0; n < 31; n++)
			xreg(x, pe, n, 0);
		sysreg(x, pe, "SP", x->cel, p->sp);
		sysreg(x, pe, "VBAR", x->cel, RT_VECTORS);
		out(x, pe, p->last_t, "R MPIDR_EL1 %016" PRIX64, x->prog->platform.mpidr[pe] | ((uint64_t)1 << 31));
	}
	out(x, pe, p->last_t < x->t ? x->t : p->last_t, "E 0000000000000000 00000000 CoreEvent_Reset");
	p->last_t = x->t;
	p->secure = false;                 /* firmware boots a Non-secure client */
	fw_exit(x, pe, RT_MAIN_IDLE, main_pstate(x), false, 0, NULL);
}

static void boot_held(struct tx *x)
{
	for (unsigned pe = 0; pe < x->npe; pe++)
		if (x->pe[pe].boot_held)
			boot(x, pe, false);
}

/* ---- Client instructions ---- */

static bool is_call_insn(uint32_t op)
{
	return (op & 0xFFE0001Fu) == OP_SMC || (op & 0xFFE0001Fu) == OP_HVC;
}

/* Write pe's held SMC/HVC, after x0..x5 as its call saw them (args NULL:
 * no call was seen - a call through the wrong conduit nobody answers). */
static void release_call(struct tx *x, unsigned pe, uint32_t fid, const uint64_t *args)
{
	struct tpe *p = &x->pe[pe];

	if (!p->call_held)
		return;
	p->call_held = false;
	for (unsigned n = 0; args && n < 6; n++)
		if (p->x[n] != (n ? args[n - 1] : fid))
			xreg(x, pe, n, n ? args[n - 1] : fid);
	it(x, pe, p->held_pc, p->held_op, p->held_pstate);
}

static void client_insn(struct tx *x, unsigned pe, uint64_t pstate, uint64_t pc, uint32_t op, const uint64_t *regs)
{
	struct tpe *p = &x->pe[pe];

	release_call(x, pe, 0, NULL);
	for (unsigned n = 0; n < 31; n++)          /* what the previous instruction wrote */
		if (regs[n] != p->x[n])
			xreg(x, pe, n, regs[n]);
	if (regs[31] != p->sp) {
		p->sp = regs[31];
		sysreg(x, pe, "SP", (pstate & 1) ? (unsigned)(pstate >> 2) & 3 : 0, p->sp);
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
	it(x, pe, pc, op, pstate);
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
			it(x, o->pe, base + 4 * n, o->aarch32 ? OP_A32_LDR_LIT(n) : OP_LDR_LIT(n), ret_pstate);
			callreg(x, o->pe, n, n ? o->args[n - 1] : o->fid, o->aarch32);
		}
		smc = base + 24;
		it(x, o->pe, smc, call_insn[o->aarch32 != 0][hvc].op, ret_pstate);
	} else {
		release_call(x, o->pe, o->fid, o->args);
		smc = p->last_pc;
		ret_pstate = p->pstate;
	}
	ret = smc + 4;
	fw_enter(x, o->pe, smc, ret, ret_pstate, VEC_SYNC, call_insn[o->aarch32 != 0][hvc].esr);
	if (fn >= 0 && o->result == 0 && psci_stops_caller(fn)) {
		it(x, o->pe, FW_IDLE(x->fw), OP_WFI, fw_pstate(x));
		p->wait = W_DOWN;
		if (fn == SIM_PSCI_SYSTEM_RESET && x->reset_pending) {
			x->reset_pending = false;
			for (unsigned pe = 0; pe < x->npe; pe++)
				boot(x, pe, false);
		}
	} else if (fn == SIM_PSCI_CPU_SUSPEND && o->result == 0) {
		it(x, o->pe, FW_IDLE(x->fw), OP_WFI, fw_pstate(x));
		p->wait = (o->args[0] >> 16) & 1 ? W_DOWN : W_SUSPEND;
		p->ret = ret;
		p->ret_pstate = ret_pstate;
	} else if (o->kind == SIM_OBS_CALL && o->status == 1) {
		p->wait = W_COMPLETE;            /* the completion says where it goes */
	} else {
		fw_exit(x, o->pe, ret, ret_pstate, p->secure, 1, &result);
	}
	boot_held(x);                            /* PEs this CPU_ON powered up */
}

/* The FIQ's exception, which saves the context pc/pstate interrupted,
 * and firmware's read of the INTID. */
static void take_fiq(struct tx *x, unsigned pe, uint64_t pc, uint64_t pstate, uint32_t intid)
{
	struct tpe *p = &x->pe[pe];

	p->pc = pc;
	p->pstate = pstate;
	p->secure = false;               /* the simulator's: client code */
	fw_enter(x, pe, pc, pc, pstate, VEC_FIQ, 0);
	it(x, pe, FW_VBAR(x->fw) + VEC_FIQ + 4, OP_MRS_IAR0, fw_pstate(x));
	xreg(x, pe, 0, intid);
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
	if (o->status == SDD_IRQ_NOT_MINE || o->status == SDD_IRQ_REFUSED)
		it(x, o->pe, FW_VBAR(x->fw) + VEC_FIQ + 8, OP_MSR_EOIR0, fw_pstate(x));
	fw_exit(x, o->pe, p->pc, p->pstate, p->secure, 1, &old_x0);
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
	fw_enter(x, o->pe, p->pc, p->pc, p->pstate, VEC_SERROR, 0);
	p->wait = W_DISPATCH;
}

static void on_dispatch(struct tx *x, const struct sim_obs *o)
{
	struct tpe *p = &x->pe[o->pe];

	if (p->wait != W_DISPATCH)
		fw_enter(x, o->pe, p->pc, p->pc, p->pstate, VEC_SERROR, 0);
	fw_exit(x, o->pe, o->pc, o->pstate, false, 4, o->regs);     /* handlers run Non-secure */
}

static void on_power(struct tx *x, const struct sim_obs *o)
{
	struct tpe *p = &x->pe[o->pe];
	uint64_t zero = 0;

	if (o->status != SIM_PE_ON)
		return;
	if (o->regs[0] == SIM_PE_STANDBY) {
		if (p->wait == W_SUSPEND)
			fw_exit(x, o->pe, p->ret, p->ret_pstate, p->secure, 1, &zero);   /* CPU_SUSPEND returns 0 */
	} else if (o->regs[0] == SIM_PE_OFF) {
		p->boot_held = true;             /* after the CPU_ON that did it */
	} else {
		boot(x, o->pe, false);           /* from a power-down suspend */
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
		if (o->status != -2 && x->pe[o->pe].wait == W_COMPLETE)
			fw_exit(x, o->pe, o->pc, o->pstate, false, 0, NULL);
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
		boot(x, pe, true);
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
	boot_held(x);
	if (rc == 0 && (x->failed || fflush(f) != 0 || ferror(f))) {
		snprintf(res->message, sizeof res->message, "%s", x->failed ? "out of memory" : "write error");
		rc = -1;
	}
	free(x->buf);
	free(x);
	return rc;
}
