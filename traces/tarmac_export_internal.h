/*
 * tarmac_export_internal.h - between tarmac_export.c (the walk over a run:
 * the CPU's tracer and the observations, what each means on a real
 * machine) and tarmac_export_lines.c (the lines of one event: an
 * instruction, the registers it wrote, the firmware's exception entry and
 * exit, a PE's reset and boot).  Both know the exporter's machine: the
 * addresses and instruction encodings of its firmware and call sites, and
 * what it remembers of each PE.
 */
#ifndef TRACES_TARMAC_EXPORT_INTERNAL_H
#define TRACES_TARMAC_EXPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "runtime/rt_layout.h"
#include "sim.h"

/* Where the exporter's firmware and call sites are: addresses the
 * simulator has no code at (tarmac_export.h). */
#define CALL_SITE(pe)  (0x0F000000ull + 0x1000ull * (pe))
#define FW_BASE(el)    ((el) == 3 ? 0x04000000ull : 0x06000000ull)
#define FW_VBAR(el)    (FW_BASE(el) + 0x3000)
#define FW_EXIT(el)    (FW_BASE(el) + 0x6000)   /* the way out: loads, ELR/SPSR, ERET */
#define FW_IDLE(el)    (FW_BASE(el) + 0x7000)   /* WFI of a PE powered down or suspended */
#define FW_COMPLETE(el) (FW_EXIT(el) - 0x80)    /* COMPLETE of an interrupt's event: its EOI */
#define VEC_SYNC       0x400                    /* lower EL, AArch64 (Arm ARM D1.10.2) */
#define VEC_FIQ        0x500
#define VEC_SERROR     0x580
#define VEC_AARCH32    0x200                    /* from a lower EL in AArch32: the AArch64 one's + 0x200 */
#define VEC_CURRENT    0x200                    /* from the current EL (SP_ELx): the lower EL's - 0x200 */
#define STACK_TOP(pe)  (RT_USER_BASE + RT_USER_SIZE - 0x10000ull * (pe))
#define FW_CTX(el, pe) (FW_BASE(el) + 0x100000ull + 0x1000ull * (pe))   /* a PE's saved context: [sp] */

/* A64 encodings of the firmware's instructions (llvm-mc -show-encoding). */
#define OP_LDR_LIT(rt) (0x58000040u | (rt))    /* LDR xt, {pc}+8 */
#define OP_SMC         0xD4000003u
#define OP_HVC         0xD4000002u
#define OP_LDR_X0_SP   0xF94003E0u             /* LDR x0,[sp] */
#define OP_LDP_X0_X1   0xA94007E0u
#define OP_LDP_X2_X3   0xA9410FE2u
#define OP_MRS_IAR0    0xD538C800u             /* MRS x0,ICC_IAR0_EL1 */
#define OP_STR_W1_X2   0xB9000041u             /* STR w1,[x2]: a GIC register */
#define OP_MSR_EOIR0   0xD518C820u             /* MSR ICC_EOIR0_EL1,x0 */
#define OP_MSR_EOIR0_X17 0xD518C831u           /* MSR ICC_EOIR0_EL1,x17 */
#define OP_WFI         0xD503207Fu
#define OP_ERET        0xD69F03E0u
/* A32 encodings of a call from AArch32 (llvm-mc -triple=armv7a), cond AL. */
#define OP_A32_LDR_LIT(rt) (0xE59F0000u | (rt) << 12)   /* LDR rt,[pc,#0]: {pc}+8 */
#define OP_A32_SMC     0xE1600070u
#define OP_A32_HVC     0xE1400070u

/* What the export keeps of each PE (struct tpe) and of the run (struct tx). */
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

/* ---- tarmac_export_lines.c (tx_: the export's) ---- */

/* An IT line: pe executed op at pc, in pstate's state, the clock ticking. */
void tx_insn(struct tx *x, unsigned pe, uint64_t pc, uint32_t op, uint64_t pstate);
/* R lines of the instruction written last on pe: Xn; the caller's
 * register n (Rn from AArch32); a system register NAME_ELel. */
void tx_xreg(struct tx *x, unsigned pe, unsigned n, uint64_t v);
void tx_callreg(struct tx *x, unsigned pe, unsigned n, uint64_t v, bool aarch32);
void tx_sysreg(struct tx *x, unsigned pe, const char *name, unsigned el, uint64_t v);

/* The firmware's PSTATE: its EL, handler stack, everything masked. */
uint64_t tx_fw_pstate(const struct tx *x);
/* An exception into the firmware through vector vec, and the way out of it
 * to target (loading x0..x(nregs-1) from regs). */
void tx_fw_enter(struct tx *x, unsigned pe, uint64_t from, uint64_t elr, uint64_t spsr, unsigned vec,
		 uint32_t esr);
void tx_fw_exit(struct tx *x, unsigned pe, uint64_t target, uint64_t spsr, bool secure, unsigned nregs,
		const uint64_t *regs);
/* The firmware ends interrupt intid it acknowledged on pe and did not
 * dispatch (ICC_EOIR0_EL1), setting it pending again first when pend
 * (a store to its GICD_ISPENDR<n> / GICR_ISPENDR0, tarmac_gic.c). */
void tx_fw_eoi(struct tx *x, unsigned pe, uint32_t intid, bool pend);
/* The firmware ends, at a COMPLETE or COMPLETE_AND_RESUME on pe, the
 * interrupt the completed dispatch came from (intid; none: an explicit
 * dispatch, whose priority the firmware drops instead, or none known). */
void tx_fw_complete_eoi(struct tx *x, unsigned pe, uint32_t intid);
/* pe's reset and boot into its main context (dump: the registers FVP
 * writes at reset too); tx_boot_held boots those a CPU_ON powered up. */
void tx_boot(struct tx *x, unsigned pe, bool dump);
void tx_boot_held(struct tx *x);

#endif /* TRACES_TARMAC_EXPORT_INTERNAL_H */
