/*
 * call_rules.h - how a step or handler action makes a firmware call: its
 * values resolved, x0..x5 placed, and the call observed.
 *
 * One set of rules serves both host machines: the simulator's (sim/) and
 * fuzz_core's (fuzz/fz_core_*.c).  Each says where its variables, handler
 * entry points and MPIDRs are (struct sim_value_env) and reports a value
 * that cannot be resolved its own way.  static inline: every call's path.
 */
#ifndef SIM_CALL_RULES_H
#define SIM_CALL_RULES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "pe_track.h"
#include "program.h"
#include "psci_rules.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd.h"
#include "sim.h"
#include "smccc.h"

/* What a value can refer to on a machine. */
struct sim_value_env {
	const struct sim_program *prog;
	const uint64_t *var_value;       /* prog->nvars of each */
	const uint8_t  *var_set;
	const uint64_t *handler_entry;   /* by handler; NULL: every handler at its runtime stub */
	const uint64_t *mpidr;           /* by PE */
	unsigned npe;
	uint64_t int_pc, int_pstate;     /* interrupted_pc / interrupted_pstate */
};

enum sim_value_status {
	SIM_VALUE_OK = 0,
	SIM_VALUE_UNSET,                 /* $name read before a step saved it (not lenient) */
	SIM_VALUE_BAD                    /* names nothing on this machine */
};

/* The action handler (SIM_H_ACTIONS) of p whose entry stub is at pc, or
 * -1: the inverse of where a handler value points when the machine has no
 * handler_entry of its own. */
static inline int sim_stub_handler(const struct sim_program *p, uint64_t pc)
{
	uint64_t slot = (pc - RT_STUBS) / RT_STUB_SIZE;

	if (pc < RT_STUBS || (pc - RT_STUBS) % RT_STUB_SIZE != 0 || slot >= p->nhandlers)
		return -1;
	return p->handlers[slot].kind == SIM_H_ACTIONS ? (int)slot : -1;
}

/* The value v names on the machine e describes, in *out when SIM_VALUE_OK.
 * An unset variable reads 0 in a lenient program. */
static inline enum sim_value_status sim_value_of(const struct sim_value *v, const struct sim_value_env *e,
						 uint64_t *out)
{
	const struct sim_program *p = e->prog;

	switch (v->kind) {
	case SIM_V_CONST:
		*out = v->u;
		return SIM_VALUE_OK;
	case SIM_V_VAR:
		if (v->u < p->nvars && e->var_set[v->u]) {
			*out = e->var_value[v->u];
			return SIM_VALUE_OK;
		}
		*out = 0;
		return p->lenient ? SIM_VALUE_OK : SIM_VALUE_UNSET;
	case SIM_V_HANDLER:
	case SIM_V_HANDLER_OFF:
		if (v->u >= p->nhandlers)
			return SIM_VALUE_BAD;
		*out = (e->handler_entry ? e->handler_entry[v->u] : RT_STUBS + v->u * RT_STUB_SIZE) -
		       (v->kind == SIM_V_HANDLER_OFF ? RT_VECTORS : 0);
		return SIM_VALUE_OK;
	case SIM_V_RESUME_PAD:
		*out = RT_RESUME_PAD;
		return SIM_VALUE_OK;
	case SIM_V_MPIDR:
		if (v->u >= e->npe)
			return SIM_VALUE_BAD;
		*out = e->mpidr[v->u];
		return SIM_VALUE_OK;
	case SIM_V_INT_PC:
		*out = e->int_pc;
		return SIM_VALUE_OK;
	case SIM_V_INT_PSTATE:
		*out = e->int_pstate;
		return SIM_VALUE_OK;
	default:
		return SIM_VALUE_BAD;
	}
}

/* A machine's resolver for op's values: false when one cannot be
 * resolved (the machine has recorded why). */
typedef bool (*sim_resolve_fn)(void *m, const struct sim_op *op, const struct sim_value *v, uint64_t *out);

/* x[0..5] for op (a `call`, `psci`, `complete` or `complete_and_resume`
 * step or action), resolved now; mpidr: the machine's, by PE.  false when
 * a value cannot be resolved or op makes no call. */
static inline bool sim_call_regs(const struct sim_op *op, const struct sim_program *p, const uint64_t *mpidr,
				 sim_resolve_fn resolve, void *m, uint64_t *x)
{
	x[1] = x[2] = x[3] = x[4] = x[5] = 0;   /* not a memset: a call the sanitizers intercept */
	switch (op->kind) {
	case SIM_OP_CALL:
		if (!resolve(m, op, &op->fid, &x[0]))
			return false;
		break;
	case SIM_OP_COMPLETE:
	case SIM_OP_COMPLETE_AND_RESUME:
		x[0] = op->kind == SIM_OP_COMPLETE ? SDD_FID_EVENT_COMPLETE : SDD_FID_EVENT_COMPLETE_AND_RESUME;
		return resolve(m, op, &op->fid, &x[1]);
	case SIM_OP_PSCI:
		x[0] = sim_psci_fid(op->psci_fn);
		if (op->target != SIM_NONE)
			x[1] = mpidr[op->target];
		if (op->psci_fn == SIM_PSCI_CPU_ON || op->psci_fn == SIM_PSCI_CPU_SUSPEND)
			x[2] = RT_MAIN_IDLE;     /* entry point: the main context */
		if (op->psci_fn == SIM_PSCI_CPU_SUSPEND)
			x[1] = (uint64_t)op->state << 16;
		break;
	default:
		return false;
	}
	for (uint32_t k = 0; k < op->nargs && k < 5; k++)
		if (!resolve(m, op, &p->values[op->args + k], &x[1 + k]))
			return false;
	return true;
}

/* args[0..4] = from[0..4]: a call's arguments (x1..x5).  Word by word:
 * a memcpy is a call into the sanitizers' interceptors, and this runs
 * twice on every call. */
static inline void sim_copy_args(uint64_t args[5], const uint64_t *from)
{
	args[0] = from[0];
	args[1] = from[1];
	args[2] = from[2];
	args[3] = from[3];
	args[4] = from[4];
}

/* Who makes a call, as the caller's PSTATE says: its exception level and
 * execution state, and from AArch32 its mode (PSTATE.M[3:0]); and its
 * security state, which PSTATE does not hold (SCR_EL3.NS does). */
struct sim_caller {
	unsigned el;
	bool aarch32;
	uint8_t mode;
	bool secure;
	bool in_handler;     /* a handler was running on the PE, or paused there: a
			      * step's call is then made in its context (what a
			      * trace's `h` says) */
};

/* AArch32 PSTATE.M[3:0] of the mode a call is made from at each EL: User,
 * Supervisor, Hyp, Monitor (Arm ARM G1.9.1). */
static const uint8_t sim_aarch32_mode[4] = { 0x0, 0x3, 0xA, 0x6 };

/* The AArch32 modes by PSTATE.M[3:0] (Arm ARM G1.9.1): the name Tarmac
 * writes, and the EL; a NULL name is a reserved encoding. */
static const struct sim_aarch32_mode_desc {
	const char *name;
	uint8_t el;
} sim_aarch32_modes[16] = {
	[0x0] = { "usr", 0 }, [0x1] = { "fiq", 1 }, [0x2] = { "irq", 1 }, [0x3] = { "svc", 1 },
	[0x6] = { "mon", 3 }, [0x7] = { "abt", 1 }, [0xA] = { "hyp", 2 }, [0xB] = { "und", 1 },
	[0xF] = { "sys", 1 },
};

static inline struct sim_caller sim_caller_of(uint64_t pstate)
{
	struct sim_caller c;
	const struct sim_aarch32_mode_desc *m = &sim_aarch32_modes[pstate & 0xF];

	c.aarch32 = (pstate & SDD_PSTATE_NRW) != 0;
	c.mode = c.aarch32 ? (uint8_t)(pstate & 0xF) : 0;
	c.secure = false;
	c.in_handler = false;
	if (!c.aarch32)
		c.el = (unsigned)(pstate >> 2) & 3;
	else
		c.el = m->name ? m->el : 1;        /* a reserved mode: taken as PL1's */
	return c;
}

/* Who makes a call op (NULL: code that is not the program's) with pstate
 * on a PE where depth handlers run: a step's call is made from Secure
 * state when it says so; a handler's runs in the client's, Non-secure. */
static inline struct sim_caller sim_caller_of_call(uint64_t pstate, const struct sim_op *op, bool from_handler,
						   unsigned depth)
{
	struct sim_caller c = sim_caller_of(pstate);

	c.secure = op != NULL && !from_handler && op->secure;
	c.in_handler = depth > 0;
	return c;
}

/* The AArch32 mode (PSTATE.M[3:0]) a sim_op.aarch32 other than 0 names
 * for a call from el. */
static inline uint8_t sim_a32_mode_of(uint8_t aarch32, unsigned el)
{
	return aarch32 == SIM_A32_EL_MODE ? sim_aarch32_mode[el & 3] : (uint8_t)(aarch32 & 0xF);
}

/* The PSTATE a step's call op is made with, from its context's pstate:
 * from_el's EL instead of the client's, and from AArch32 the mode op says
 * (nRW set; its EL is from_el's).  The context keeps its own PSTATE
 * (sim_call_restore). */
static inline uint64_t sim_call_pstate(uint64_t pstate, const struct sim_op *op)
{
	uint64_t el = op->from_el ? op->from_el : (pstate >> 2) & 3;

	if (op->aarch32)
		return (pstate & ~SDD_PSTATE_M_MASK) | SDD_PSTATE_NRW | sim_a32_mode_of(op->aarch32, (unsigned)el);
	return (pstate & ~0xCull) | (el << 2);
}

/* pstate after a step's call returned to its caller: the caller's mode
 * put back (before: the context's PSTATE before sim_call_pstate). */
static inline uint64_t sim_call_restore(uint64_t pstate, uint64_t before)
{
	return (pstate & ~SDD_PSTATE_M_MASK) | (before & SDD_PSTATE_M_MASK);
}

/* An AArch32 caller has 32-bit registers: x0..x5 as the firmware sees
 * them, upper halves zero. */
static inline void sim_caller_regs(uint64_t *x, struct sim_caller c)
{
	if (c.aarch32)
		for (unsigned k = 0; k < 6; k++)
			x[k] = (uint32_t)x[k];
}

/* x0 as the caller reads the result: an AArch32 caller sees r0, its lower
 * half (SMCCC's 32-bit results: NOT_SUPPORTED is 0xFFFFFFFF, -1). */
static inline int64_t sim_caller_result(uint64_t x0, struct sim_caller c)
{
	return c.aarch32 ? (int64_t)(int32_t)(uint32_t)x0 : (int64_t)x0;
}

/* Whether PSCI answers fid from caller c: its SMC32 functions from either
 * state, its SMC64 ones from AArch64 only (SMCCC: an SMC64 function ID from
 * AArch32 is an unknown function). */
static inline bool sim_psci_serves(uint32_t fid, struct sim_caller c)
{
	return sim_is_psci_fid(fid) && !(c.aarch32 && (fid & 0x40000000u));
}

/* The observation of a call answered on pe: fid with args, result x0, made
 * by caller c at pc by op (a step, or an action when from_handler; NULL:
 * code that is not the program's); completed: it completed the running
 * handler; depth: handlers running on pe now. */
static inline void sim_obs_call_in(struct sim_obs *o, const struct sim_program *p, unsigned pe,
				   unsigned depth, uint32_t w0, const uint64_t args[5], int64_t x0, bool psci,
				   bool from_handler, struct sim_caller c, bool completed, const struct sim_op *op,
				   uint64_t pc)
{
	sim_obs_init(o, psci ? SIM_OBS_PSCI : SIM_OBS_CALL, pe);
	o->op = op == NULL ? -1 : (int32_t)(from_handler ? op - p->actions : op - p->steps);
	o->depth = (uint8_t)depth;
	o->from_handler = from_handler;
	o->el = (uint8_t)c.el;
	o->aarch32 = c.aarch32 ? (uint8_t)SIM_A32_MODE(c.mode) : 0;
	o->secure = c.secure;
	o->in_handler = c.in_handler;
	o->status = completed;
	o->fid = sim_smccc_fid(w0);
	o->w0 = w0;
	sim_copy_args(o->args, args);
	o->result = x0;
	o->pc = pc;
}

#endif /* SIM_CALL_RULES_H */
