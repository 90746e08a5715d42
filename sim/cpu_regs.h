/*
 * cpu_regs.h - moving a PE's registers into the Unicorn engine before it
 * runs and out of it at every trap and at the end (cpu.c), as few of them
 * as is safe: register traffic was a sixth of a fuzz input's time.
 *
 * Writes: the engine's registers are known (every value written to or
 * read from it is kept in held[]; nothing but emulation changes them, and
 * every emulation is read back before the engine is used again), so only
 * the registers whose value differs are written.
 *
 * Reads: code the runtime image holds writes only RT_WRITES_X, NZCV and PC
 * (rt_layout.h), so while nothing else can run only those are read back;
 * every other register still holds what was loaded.  Anything else can
 * run once "foreign": from then on every register is read, until the
 * memory is made fresh for the next machine (sim_cpu_make_fresh: the
 * runtime image and zeros again, sim_regs_fresh).  The engine and its
 * memory outlive a run, so this was once for good: after one fuzz input
 * entered the runtime mid-routine, every later input of the process paid
 * for it.  The engine becomes foreign
 *   - when the host writes into executable memory (RT_CODE, RT_USER: an
 *     ELF image, its restore after a migration), and
 *   - when execution starts, or goes on after a trap hook moved it, at an
 *     address in RT_CODE that is none of the runtime's entry points and
 *     does not hold zero: the runtime's guarantees (it writes only those
 *     registers) hold from its entry points, not from the middle of a
 *     routine (Unicorn 2.0.1 also executes from a misaligned PC, decoding
 *     whatever bytes are there).
 * Until then executable memory holds the runtime image and zeros, and a
 * zero word is UDF, which traps before writing anything; the client can
 * store into no executable memory of a machine without handler images
 * (cpu.h), so nothing it runs can plant code.
 */
#ifndef SIM_CPU_REGS_H
#define SIM_CPU_REGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#include "cpu.h"
#include "runtime/rt_layout.h"

#define SIM_REGS_N  34      /* x0..x30, SP, PC, NZCV */
#define SIM_REG_SP  31
#define SIM_REG_PC  32
#define SIM_REG_NZCV 33

struct sim_regs {
	uc_engine *uc;
	const uint8_t *code;             /* the host memory behind RT_CODE */
	int ids[SIM_REGS_N];             /* Unicorn's register ids, by index */
	uint64_t held[SIM_REGS_N];       /* what the engine holds (once held_known) */
	bool held_known;
	bool foreign;
	uint64_t start;                  /* where execution last started or went on */
	bool start_traps;                /* the runtime's instruction there is SVC/SMC/HVC */
	int read_ids[2][SIM_REGS_N];     /* [foreign]: the registers read back */
	void *read_vals[2][SIM_REGS_N];  /* [foreign]: their places in held[] */
	unsigned nread[2];
	uint8_t entry[RT_CODE_SIZE / 32];   /* bit k: RT_CODE_BASE + 4k is an entry point */
};

/* Set up r for engine uc whose RT_CODE memory is code (already holding
 * the runtime image).  r must not move afterwards. */
void sim_regs_init(struct sim_regs *r, uc_engine *uc, const uint8_t *code);
/* Make the engine hold ctx's registers; PC too with with_pc (else the
 * caller's uc_emu_start sets it). */
void sim_regs_load(struct sim_regs *r, const struct sim_ctx *restrict ctx, bool with_pc);
/* Only x0 of ctx changed since the last store. */
void sim_regs_load_x0(struct sim_regs *r, const struct sim_ctx *ctx);
/* ctx's registers from the engine. */
void sim_regs_store(struct sim_regs *r, struct sim_ctx *restrict ctx);
/* The same at a trap, ctx holding what the engine was last given (loaded,
 * or stored and then only x0 changed).  pc_after: the engine reports the
 * trap with PC after the instruction (SVC, SMC, HVC), else at it.  When
 * the engine is not foreign and execution started or went on
 * (sim_regs_enter) at one of the runtime's trap instructions - a
 * handler's entry stub, the main context's park, the resume pad, a
 * vector - that instruction is the trap: nothing but PC moved, and
 * nothing is read. */
void sim_regs_store_trap(struct sim_regs *r, struct sim_ctx *ctx, bool pc_after);
/* Execution starts, or goes on, at pc. */
void sim_regs_enter(struct sim_regs *r, uint64_t pc);
/* The host writes [addr, addr+n) of client memory. */
void sim_regs_host_write(struct sim_regs *r, uint64_t addr, size_t n);
/* Executable memory holds the runtime image and zeros again. */
void sim_regs_fresh(struct sim_regs *r);

#endif /* SIM_CPU_REGS_H */
