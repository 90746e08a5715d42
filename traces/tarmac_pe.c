/*
 * tarmac_pe.c - from Tarmac lines to SDEI records (tarmac-traces.md §4.3,
 * §4.4): one small state machine per PE, O(#PE) memory.
 *
 * Per PE we follow the exception level (the mode field of instruction
 * lines), the X registers (R lines; a W write zero-extends), ELR/SPSR/VBAR,
 * the calls in progress (one per caller EL: a guest's HVC to EL2 may be
 * open while EL2 makes its own SMC), the handlers running (a stack of
 * event numbers), and the last INTID read from ICC_IAR0/1_EL1 at EL3 (or
 * IAR0 at EL2: Group 0 is firmware's, a dispatcher at EL2 reads it).
 *
 *  - A call is an SMC/HVC executed at EL1, EL2 or EL3 with W0 naming an
 *    SDEI or PSCI function; x0..x5 are the registers as the instruction saw
 *    them.  One whose next instruction on the PE is the one after it, at
 *    its EL, with no exception between, came back untrapped.
 *    From AArch32 too (an A32 or T32 SMC/HVC in an AArch32 mode, R0..R5
 *    the low halves of x0..x5): the call says so, and its registers are
 *    32 bits; the rest of AArch32 code only moves the EL (the dispatchers
 *    we follow, and their ERETs and IAR reads, are AArch64).
 *  - When the dispatcher's EL executes ERET, x0..x3 are snapshotted and the
 *    next instruction (or exception) on that PE says where it went:
 *      back to call pc + 4            -> the call returned (results x0..x3),
 *                                        but see came_back: a COMPLETE;
 *      a COMPLETE* call elsewhere     -> the handler completed (complete);
 *      a registered entry point with
 *      x0 = its event number          -> a dispatch (cause: the call, an
 *                                        IAR read during this stay at EL3,
 *                                        or neither: explicit);
 *      a PSCI call elsewhere          -> it did not return (power-down...).
 *  - Entry points come from successful EVENT_REGISTER calls earlier in the
 *    trace (a successful EVENT_UNREGISTER takes the PE's away); every one
 *    is kept, up to TM_REGISTRY_EVENTS events at once, past which a
 *    registration is a warning record instead.
 *  - Memory lines: whether the trace shows the PE's loads and stores, and
 *    the firmware's store that sets the INTID it acknowledged pending
 *    again (tarmac_gic.c): what became of an acknowledgement that did
 *    not dispatch (tarmac_records.c, tm_ack_settle).
 *  - An ERET from EL3 on a PE that entered EL3 from a lower EL without an
 *    SMC/HVC or an exception line is an error: the trace is not the trace
 *    of one machine (checked only once the trace has shown exception
 *    lines at all: gem5 and trace_events=0 traces have none).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"       /* sim_caller_of, sim_caller_regs: the simulator's rules for a caller */
#include "gic/gic.h"           /* GIC_NUM_INTIDS */
#include "program.h"          /* enum sim_psci_fn: the PSCI functions trace_psci_fn names */
#include "sdd/sdd_spec.h"
#include "tarmac_pe_state.h"

/* A64 encodings (Arm ARM C6). */
#define OP_EXC_GEN_MASK 0xFF000000u   /* SVC, HVC, SMC, BRK, HLT, DCPSx */
#define OP_EXC_GEN      0xD4000000u
#define OP_CALL_MASK    0xFFE0001Fu
#define OP_SMC          0xD4000003u
#define OP_HVC          0xD4000002u
#define OP_ERET         0xD69F03E0u
#define OP_ERETAA       0xD69F0BFFu
#define OP_ERETAB       0xD69F0FFFu
#define OP_MRS_RT_MASK  0xFFFFFFE0u
#define OP_MRS_IAR0     0xD538C800u   /* MRS Xt, ICC_IAR0_EL1 */
#define OP_MRS_IAR1     0xD538CC00u   /* MRS Xt, ICC_IAR1_EL1 */
#define OP_MSR_EOIR0    0xD518C820u   /* MSR ICC_EOIR0_EL1, Xt */
#define OP_MSR_EOIR1    0xD518CC20u   /* MSR ICC_EOIR1_EL1, Xt */

/* The call instructions of each instruction set, any immediate (Arm ARM
 * C6.2 for A64, F5.1 for A32 and T32; a T32 one is one 32-bit word,
 * its first halfword high, as Tarmac writes it; llvm-mc's encodings). */
static const struct { uint8_t isa, conduit; uint32_t mask, value; } call_insns[] = {
	{ TM_ISA_A64, TRACE_SMC, OP_CALL_MASK, OP_SMC },
	{ TM_ISA_A64, TRACE_HVC, OP_CALL_MASK, OP_HVC },
	{ TM_ISA_A32, TRACE_SMC, 0x0FFFFFF0u, 0x01600070u },   /* SMC<c> #imm4 */
	{ TM_ISA_A32, TRACE_HVC, 0x0FF000F0u, 0x01400070u },   /* HVC #imm12:imm4 */
	{ TM_ISA_T32, TRACE_SMC, 0xFFF0FFFFu, 0xF7F08000u },   /* SMC #imm4 */
	{ TM_ISA_T32, TRACE_HVC, 0xFFF0F000u, 0xF7E08000u },   /* HVC #imm4:imm12 */
};

/* The conduit (enum trace_conduit) of the SMC/HVC instruction l is, or
 * -1 for another instruction. */
static int call_conduit(const struct tm_line *l)
{
	if (l->isa == TM_ISA_A32 && (l->opcode >> 28) == 0xF)
		return -1;            /* A32's unconditional space: no SMC or HVC there */
	for (size_t k = 0; k < sizeof call_insns / sizeof call_insns[0]; k++)
		if (call_insns[k].isa == l->isa && (l->opcode & call_insns[k].mask) == call_insns[k].value)
			return call_insns[k].conduit;
	return -1;
}

/* The EL an ERET from pe's ELn goes to, as SPSR_ELn says (an AArch32
 * mode's EL: Supervisor EL1, Hyp EL2, ...), or -1 when it is not known. */
static int spsr_el(const struct pe *p, int el)
{
	return (p->spsr_known & (1u << el)) ? (int)sim_caller_of(p->spsr[el]).el : -1;
}

struct tm_state *tm_state_new(const struct tm_sink *sink)
{
	struct tm_state *st = malloc(sizeof *st);

	if (!st)
		return NULL;
	st->sink = *sink;
	st->events_seen = false;
	tm_registry_init(&st->reg);
	st->records = st->blind = 0;
	st->ready = st->reading = 0;
	st->acking = false;
	return st;
}

/* PE n's state, set up the first time the trace names the PE (a trace
 * uses a few of the TRACE_MAX_PES: setting them all up was a tenth of the
 * Tarmac fuzz harness's time). */
static struct pe *pe_of(struct tm_state *st, unsigned n)
{
	struct pe *p = &st->pe[n];

	if (!(st->ready & (1ull << n))) {
		memset(p, 0, sizeof *p);
		p->el = -1;
		p->iar_rt = -1;
		p->called_el = -1;
		st->ready |= 1ull << n;
	}
	return p;
}

void tm_state_free(struct tm_state *st)
{
	if (st)
		tm_registry_free(&st->reg);
	free(st);
}

uint64_t tm_records(const struct tm_state *st)
{
	return st->records;
}

uint64_t tm_blind_calls(const struct tm_state *st)
{
	return st->blind;
}

/* Call c on pe came back to the instruction after it, at time t (input
 * line `line`), with x0..x3 then x (bit n of known: xn is known). */
static int call_returned(struct tm_state *st, unsigned pe, struct call *c, const uint64_t x[4], uint8_t known,
			 uint64_t t, uint64_t line)
{
	/* a CPU_SUSPEND that came back was a standby, until now */
	bool standby = trace_psci_fn((uint32_t)c->x[0]) == SIM_PSCI_CPU_SUSPEND && (known & 1) && x[0] == 0;
	struct trace_rec r;
	int rc;

	c->open = false;
	tm_call_rec(c, pe, &r);
	r.end = TRACE_END_RET;
	memcpy(r.r, x, sizeof r.r);
	r.r_known = known & 0xF;
	rc = tm_note_result(st, pe, c, &r);
	if (!rc && standby)
		rc = tm_emit_power(st, pe, c->t, TRACE_PWR_STANDBY, c->line);
	if (!rc)
		rc = tm_emit(st, &r, c->line);
	if (!rc && standby)
		rc = tm_emit_power(st, pe, t, TRACE_PWR_ON, line);
	return rc;
}

/* Did call c come back to its caller, the ERET on p going to target?  It
 * goes to the instruction after the call - but a COMPLETE or
 * COMPLETE_AND_RESUME made in a handler may complete it there too, when
 * the context the handler interrupted (or the resume address) was just
 * after that same instruction (handlers that share their code, as the
 * simulator's do).  Then, in turn: an EOI the firmware wrote during the
 * call (it ended the interrupt the handler ran for: TF-A's
 * sdei_intr_handler does, after a completion); x0, when it holds none of
 * the errors the call can return (NOT_SUPPORTED, INVALID_PARAMETERS,
 * DENIED, in either register width): a completion's; SPSR at the ERET,
 * when both the interrupted PSTATE and the one the call's exception saved
 * are known and it is one of them only; else a return. */
static bool came_back(const struct pe *p, const struct call *c, uint64_t target)
{
	unsigned k = p->depth - 1u, el = (unsigned)p->eret_el;
	bool resume = sim_smccc_fid(c->x[0]) != SDD_FID_EVENT_COMPLETE;
	uint64_t x0 = p->eret_x[0], spsr = p->spsr[el & 3];

	if (target != c->pc + 4)
		return false;
	if (!tm_is_complete_fid(sim_smccc_fid(c->x[0])) || p->depth == 0 || k >= MAX_DEPTH)
		return true;
	/* where a completion goes: the interrupted PC, or the resume address */
	if (resume ? ((c->x_known & 2) && c->x[1] != target)
		   : (((p->int_known >> 2 * k) & 1) && p->int_pc[k] != target))
		return true;
	if (p->eoi)
		return false;
	if ((p->eret_known & 1) &&
	    !((x0 >= (uint64_t)-3 && x0 <= (uint64_t)-1) || (x0 >= 0xFFFFFFFDu && x0 <= 0xFFFFFFFFu)))
		return false;
	/* x0 an error (a refused call's, or an interrupted one's) or unknown */
	if (((p->spsr_known >> el) & 1) && ((p->taken_spsr_known >> el) & 1) && !resume &&
	    ((p->int_known >> (2 * k + 1)) & 1) && p->int_pstate[k] != p->taken_spsr[el])
		return spsr != p->int_pstate[k];
	return true;
}

/* The ERET on pe has reached target (at EL target_el, -1 unknown). */
static int classify(struct tm_state *st, unsigned pe, uint64_t target, int target_el)
{
	struct pe *p = &st->pe[pe];
	struct call *c = NULL;
	bool dispatch = (p->eret_known & 1) && tm_registry_is_entry(&st->reg, target, (int32_t)p->eret_x[0],
									     p->vbar, p->vbar_known);
	struct trace_rec r;
	int rc = 0;

	p->eret = false;
	if (target_el >= 0 && target_el < p->eret_el && p->call[target_el].open)
		c = &p->call[target_el];
	for (int el = p->eret_el - 1; el >= 1 && !c && target_el < 0; el--)
		if (p->call[el].open)
			c = &p->call[el];
	/* a call made at the dispatcher's own EL (an SMC at EL3, an HVC at
	 * EL2: taken to that EL) comes back to the instruction after it */
	if (!c && (target_el < 0 || target_el == p->eret_el) && p->call[p->eret_el].open &&
	    target == p->call[p->eret_el].pc + 4)
		c = &p->call[p->eret_el];
	/* an acknowledgement's outcome (a held one's: its ack); an entry
	 * point reached from a call's stay may be the call's dispatch */
	if (tm_ack_settle(st, pe, p->eret_t, p->eret_line,
			  !dispatch ? TM_OUT_NOT_DISPATCHED : c ? TM_OUT_UNKNOWN :
			  p->have_intid ? TM_OUT_DISPATCHED : TM_OUT_UNKNOWN))
		return -1;
	if (c) {
		tm_call_rec(c, pe, &r);
		c->open = false;
		if (came_back(p, c, target)) {
			rc = call_returned(st, pe, c, p->eret_x, p->eret_known, p->eret_t, p->eret_line);
		} else if (tm_is_complete_fid(sim_smccc_fid(c->x[0]))) {
			r.end = TRACE_END_COMPLETE;
			rc = tm_emit(st, &r, c->line);
			if (!rc)
				rc = tm_emit_complete(st, pe, c, target);
			if (!rc && dispatch)
				rc = tm_emit_dispatch(st, pe, target, TRACE_CAUSE_CALL);
		} else if (dispatch) {
			r.end = TRACE_END_RET;     /* it finished, but x0 now holds the event: result unseen */
			rc = tm_emit(st, &r, c->line);
			if (!rc)
				rc = tm_emit_dispatch(st, pe, target, TRACE_CAUSE_CALL);
		} else {
			c->open = true;
			rc = tm_never_returned(st, pe, c);
			if (!rc && !trace_fid_is_psci((uint32_t)c->x[0])) {
				char text[160];
				snprintf(text, sizeof text, "the call at line %" PRIu64 " went on at 0x%" PRIx64
					 ", not at the instruction after it (0x%" PRIx64 ")", c->line, target, c->pc + 4);
				rc = tm_warn(st, pe, p->eret_t, p->eret_line, text);
			}
		}
	} else if (dispatch) {
		rc = tm_emit_dispatch(st, pe, target, p->have_intid ? TRACE_CAUSE_IRQ : TRACE_CAUSE_EXPLICIT);
	}
	p->have_intid = false;
	return rc ? -1 : 0;
}

/* ---- Lines ---- */

static int open_call(struct tm_state *st, unsigned pe, const struct tm_line *l, int conduit, uint64_t lineno)
{
	struct pe *p = &st->pe[pe];
	struct call *c = &p->call[l->el];
	uint32_t w0 = (uint32_t)p->x[0];

	if (!(p->x_known & 1)) {
		st->blind++;
		return 0;
	}
	if (!trace_fid_is_sdei(w0) && !trace_fid_is_psci(w0))
		return 0;
	if (tm_ack_race(st, pe))
		return -1;
	if (c->open && tm_never_returned(st, pe, c))   /* the previous call at this EL never came back */
		return -1;
	c->open = true;
	c->conduit = (uint8_t)conduit;
	c->el = (uint8_t)l->el;
	c->aarch32 = l->isa == TM_ISA_A64 ? 0 : l->a32_mode >= 0 ? SIM_A32_MODE((unsigned)l->a32_mode) : SIM_A32_EL_MODE;
	c->secure = l->secure && l->el < 3;   /* S-EL1/S-EL2 software: the dispatcher must refuse it
					       * (EL3 is always Secure: the field is for lower ELs) */
	c->from_handler = p->depth > 0;
	c->x_known = (uint8_t)(p->x_known & 0x3F);
	memcpy(c->x, p->x, sizeof c->x);
	/* an AArch32 caller passes r0..r5: what an X line left above them is
	 * not its (the simulator's rule: the firmware sees 32 bits) */
	sim_caller_regs(c->x, (struct sim_caller){ .el = (unsigned)l->el, .aarch32 = c->aarch32 != 0, .secure = c->secure });
	c->pc = l->pc;
	c->t = l->time;
	c->line = lineno;
	p->called_el = l->el;
	p->eoi = false;
	return 0;
}

static int insn(struct tm_state *st, unsigned pe, const struct tm_line *l, uint64_t lineno,
		char *msg, size_t msglen)
{
	struct pe *p = &st->pe[pe];
	uint32_t op = l->opcode;
	int rc, conduit;

	if (p->called_el >= 0) {
		/* no exception since the call: if this is the instruction after
		 * it, something the trace does not show answered it (the export
		 * of a call through the conduit no dispatcher is on) */
		struct call *c = &p->call[p->called_el];
		bool back = l->el == p->called_el && c->open && l->pc == c->pc + 4;
		p->called_el = -1;
		if (back && call_returned(st, pe, c, p->x, (uint8_t)(p->x_known & 0xF), l->time, lineno))
			return -1;
	}
	if (p->eret) {
		/* this instruction is where the ERET went -- unless an exception
		 * was taken there first (no E line in this dialect): then ELR says;
		 * but the instruction after a call made at the ERET's own EL is
		 * where that call came back to */
		const struct call *own = p->eret_el >= 0 ? &p->call[p->eret_el] : NULL;
		bool own_back = own && own->open && l->el == p->eret_el && l->pc == own->pc + 4;
		if (l->el >= p->eret_el && l->el >= 0 && !own_back)
			rc = classify(st, pe, (p->elr_known & (1u << p->eret_el)) ? p->elr[p->eret_el] : UINT64_MAX, -1);
		else
			rc = classify(st, pe, l->pc, l->el);
		if (rc)
			return rc;
	}
	if (l->el >= 0) {
		if (!p->seen || p->el < 0)
			p->el3_explained = true;      /* first seen here: the trace began at this EL */
		else if (l->el == 3 && p->el < 3)
			p->el3_explained = p->trap_armed || !st->events_seen;
		if (p->el >= 0 && l->el > p->el) {
			p->trap_armed = false;
			p->elr_fresh &= (uint8_t)~(1u << l->el);
		}
		p->el = l->el;
	}
	p->seen = true;
	p->iar_rt = -1;
	p->taking = false;
	if (!l->executed || !l->fetched || l->el < 0)
		return 0;
	conduit = call_conduit(l);
	if ((conduit >= 0 || (l->isa == TM_ISA_A64 && (op & OP_EXC_GEN_MASK) == OP_EXC_GEN)) && l->el < 3)
		p->trap_armed = true;
	/* an HVC at EL3 is EL3's own exception, no SDEI conduit's */
	if (conduit >= 0 && l->el >= 1 && !(l->el == 3 && conduit == TRACE_HVC))
		return open_call(st, pe, l, conduit, lineno);
	if (l->isa != TM_ISA_A64)
		return 0;                     /* AArch32: only its calls */
	if ((op == OP_ERET || op == OP_ERETAA || op == OP_ERETAB) && l->el >= 1) {
		if (l->el == 3 && !p->el3_explained && !p->call[1].open && !p->call[2].open) {
			snprintf(msg, msglen, "ERET from EL3 on PE %u with no call or exception that entered EL3", pe);
			return 1;
		}
		if (tm_ack_eret(st, pe, (p->elr_fresh & (1u << l->el)) != 0))
			return -1;
		p->eret = true;
		p->eret_el = l->el;
		p->eret_t = l->time;
		p->eret_line = lineno;
		p->eret_known = (uint8_t)(p->x_known & 0xF);
		memcpy(p->eret_x, p->x, sizeof p->eret_x);
		/* ELR written during this stay (TF-A's el3_exit restores it just
		 * before ERET) is where ERET goes: no need to wait for the target */
		if (p->elr_fresh & (1u << l->el))
			return classify(st, pe, p->elr[l->el], spsr_el(p, l->el)) ? -1 : 0;
		return 0;
	}
	if (l->el >= 2 && ((op & OP_MRS_RT_MASK) == OP_MSR_EOIR0 || (op & OP_MRS_RT_MASK) == OP_MSR_EOIR1))
		p->eoi = true;
	if (((l->el == 3 && (op & OP_MRS_RT_MASK) == OP_MRS_IAR1) ||
	     (l->el >= 2 && (op & OP_MRS_RT_MASK) == OP_MRS_IAR0)) &&
	    (op & 0x1F) != 31)
		p->iar_rt = (int)(op & 0x1F);
	return 0;
}

static int reg(struct tm_state *st, unsigned pe, const struct tm_line *l, uint64_t lineno)
{
	struct pe *p = &st->pe[pe];
	uint8_t bit = (uint8_t)(1u << l->n);
	uint64_t v = l->w ? (l->value & 0xFFFFFFFFu) : l->value;

	switch (l->reg) {
	case TM_R_X:
		if (!l->known) {
			p->x_known &= ~(1u << l->n);
			break;
		}
		p->x[l->n] = v;
		p->x_known |= 1u << l->n;
		if (p->iar_rt == l->n) {
			uint32_t intid = (uint32_t)(v & 0xFFFFFF);
			p->iar_rt = -1;
			if (intid < GIC_NUM_INTIDS) {   /* 1020..1023: spurious, nothing acknowledged */
				if (tm_ack_read(st, pe, l->time, lineno))
					return -1;
				p->intid = intid;
				p->have_intid = true;
			}
		}
		break;
	case TM_R_ELR:
	case TM_R_SPSR:
	case TM_R_VBAR: {
		uint64_t *slot = l->reg == TM_R_ELR ? p->elr : l->reg == TM_R_SPSR ? p->spsr : p->vbar;
		uint8_t *known = l->reg == TM_R_ELR ? &p->elr_known : l->reg == TM_R_SPSR ? &p->spsr_known
											 : &p->vbar_known;
		if (l->known) {
			slot[l->n] = v;
			*known |= bit;
			if (l->reg == TM_R_ELR)
				p->elr_fresh |= bit;
		} else {
			*known &= (uint8_t)~bit;
		}
		if (p->taking && l->reg != TM_R_VBAR) {
			uint64_t *taken = l->reg == TM_R_ELR ? p->taken_elr : p->taken_spsr;
			uint8_t *tknown = l->reg == TM_R_ELR ? &p->taken_elr_known : &p->taken_spsr_known;
			taken[l->n] = v;
			*tknown = l->known ? (uint8_t)(*tknown | bit) : (uint8_t)(*tknown & ~bit);
		}
		break;
	}
	default:
		break;
	}
	return 0;
}

/* A load or store: the trace shows them; a store of the firmware that
 * sets the INTID it acknowledged pending again (tarmac_gic.c). */
static void mem(struct tm_state *st, unsigned pe, const struct tm_line *l)
{
	struct pe *p = &st->pe[pe];

	p->mem_seen = true;
	if (l->write && l->known && p->ack != TM_ACK_NONE && p->el >= 2 &&
	    tm_gic_sets_pending(l->addr, l->size, l->value, p->intid))
		p->repended = true;
}

static int exception(struct tm_state *st, unsigned pe, const struct tm_line *l, uint64_t lineno)
{
	struct pe *p = &st->pe[pe];

	st->events_seen = true;
	p->called_el = -1;               /* the call trapped (or this interrupted it) */
	p->eoi = false;
	if (p->eret && l->has_pc) {
		int rc = classify(st, pe, l->exc_pc, spsr_el(p, p->eret_el));
		if (rc)
			return rc;
	}
	p->trap_armed = true;
	p->taking = !l->reset;
	p->taken_elr_known = p->taken_spsr_known = 0;
	p->taken_line = lineno;
	if (l->reset) {                  /* the calls in progress never come back; handlers are gone */
		if (tm_ack_settle(st, pe, l->time, lineno, TM_OUT_UNKNOWN))
			return -1;
		for (unsigned el = 0; el < 4; el++)
			if (p->call[el].open && tm_never_returned(st, pe, &p->call[el]))
				return -1;
		p->depth = 0;
		p->eret = false;
		p->el3_explained = true;
		if (p->power != TRACE_PWR_ON && tm_emit_power(st, pe, l->time, TRACE_PWR_ON, lineno))
			return -1;
	}
	return 0;
}

int tm_feed(struct tm_state *st, const struct tm_line *l, uint64_t lineno, char *msg, size_t msglen,
	    size_t *col)
{
	unsigned pe = l->pe < 0 ? 0 : (unsigned)l->pe;
	struct pe *p = pe_of(st, pe);
	int rc;

	if (p->last_line && l->time < p->last_t) {
		snprintf(msg, msglen, "time goes backwards on PE %u: %" PRIu64 " after %" PRIu64 " at line %" PRIu64,
			 pe, l->time, p->last_t, p->last_line);
		*col = 0;
		return 1;
	}
	*col = l->kind_col;
	switch (l->kind) {
	case TM_INSN:
		rc = insn(st, pe, l, lineno, msg, msglen);
		break;
	case TM_REG:
		rc = reg(st, pe, l, lineno);
		break;
	case TM_EXC:
		rc = exception(st, pe, l, lineno);
		break;
	case TM_MEM:
		mem(st, pe, l);
		rc = 0;
		break;
	default:
		return 0;
	}
	if (rc == 0) {
		p->last_t = l->time;
		p->last_line = lineno;
	}
	return rc;
}

int tm_finish(struct tm_state *st)
{
	/* a read the trace ends in has no outcome: the dispatcher never had
	 * it, the firmware held it (a run that stopped there) */
	if (tm_ack_race(st, TRACE_MAX_PES))
		return -1;
	for (unsigned pe = 0; pe < TRACE_MAX_PES; pe++) {
		struct pe *p = &st->pe[pe];
		if (!(st->ready & (1ull << pe)))
			continue;
		/* the trace ends right after an ERET: ELR and SPSR say where it went */
		if (p->eret && (p->elr_known & (1u << p->eret_el)) &&
		    classify(st, pe, p->elr[p->eret_el], spsr_el(p, p->eret_el)))
			return -1;
		if (p->ack == TM_ACK_HANDED && tm_ack_settle(st, pe, p->eret_t, p->eret_line, TM_OUT_UNKNOWN))
			return -1;
		for (unsigned el = 0; el < 4; el++)
			if (p->call[el].open && tm_never_returned(st, pe, &p->call[el]))
				return -1;
	}
	return 0;
}
