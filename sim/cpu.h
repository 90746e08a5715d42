/*
 * cpu.h - the client CPU: AArch64 code of every PE executed by one
 * Unicorn engine (one PE at a time; the simulator is single-threaded).
 *
 * Unicorn 2.0.1 always executes at EL1 and never performs an exception
 * entry itself (reference/unicorn-fuzzing.md §0, §2.2), so the simulator
 * owns the architectural view: each PE's context (struct sim_ctx) with its
 * modelled PSTATE (EL, DAIF, SPSel, PAN, DIT, ...), ELR/SPSR/VBAR/SCTLR of
 * the client EL and HCR_EL2.  Only the general registers, SP, PC and NZCV
 * live in the engine while a PE runs; they are loaded before and stored
 * after every run and at every trap (cpu_regs.h: as few of them as is
 * safe).  Engines are expensive to create (~0.4 ms) and are created once
 * and reused.
 *
 * Memory: the runtime image at RT_CODE_BASE (read and execute),
 * host-written data at RT_DATA_BASE (read only), user images at
 * RT_USER_BASE (read and execute; write too while the machine has handler
 * images), and the test device at RT_DEVICE_BASE (rt_layout.h).  A store
 * the client may not make is a fault of the run.
 */
#ifndef SIM_CPU_H
#define SIM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim_ctx {                /* a PE's client context */
	uint64_t x[31];
	uint64_t sp_el0, sp_elc;    /* SP in use: SP_ELc when PSTATE.SPSel, else SP_EL0 */
	uint64_t pc;
	uint64_t pstate;            /* SPSR format */
	uint64_t elr_elc, spsr_elc; /* ELR/SPSR of the client EL */
	uint64_t vbar_elc, sctlr_elc, hcr_el2;
};

enum sim_trap_kind {
	SIM_TRAP_SVC = 0,           /* SVC #imm (the runtime's calls to the simulator) */
	SIM_TRAP_SMC,               /* SMC #imm */
	SIM_TRAP_HVC,               /* HVC #imm */
	SIM_TRAP_UNDEF,             /* undefined instruction (pc is the instruction) */
	SIM_TRAP_OTHER              /* any other exception Unicorn reports */
};

/* What a trap handler wants next. */
enum sim_trap_action {
	SIM_TRAP_CONTINUE = 0,      /* go on; only x0 changed in ctx */
	SIM_TRAP_CONTINUE_ALL,      /* go on from ctx, which may have changed entirely */
	SIM_TRAP_STOP               /* stop this run; ctx is the state to keep */
};

struct sim_cpu_hooks {
	/* A trap at ctx->pc (the instruction after it, except for UNDEF). */
	enum sim_trap_action (*trap)(void *hctx, enum sim_trap_kind kind, uint32_t imm,
				     uint32_t intno, struct sim_ctx *ctx);
	/* A store to the test device (offset within it).  The run cannot stop
	 * in the middle of a store: what it causes is taken at the next trap
	 * (the runtime follows every device write with RT_SVC_SYNC). */
	void (*device_write)(void *hctx, uint64_t offset, uint64_t value);
	void *ctx;
};

enum sim_run_end {
	SIM_RUN_STOPPED = 0,        /* a hook asked to stop */
	SIM_RUN_BUDGET,             /* the instruction budget ran out (a hang) */
	SIM_RUN_FAULT               /* Unicorn stopped on a memory or other error */
};

struct sim_cpu;

/* Create an engine with the memory map and the runtime loaded.  NULL on
 * failure, with a message in err. */
struct sim_cpu *sim_cpu_create(char *err, size_t errlen);
void sim_cpu_destroy(struct sim_cpu *c);

/* Buffers kept with the CPU between uses and freed with it, so that
 * nothing is allocated per run (under the sanitizers every allocation
 * costs far more than the work it serves).  Each has one user: */
enum sim_cpu_buf {
	SIM_BUF_WORKSPACE,    /* the runner's machine */
	SIM_BUF_SCRATCH,      /* data needed for a moment: a migration's saved state, a digest */
	SIM_BUF_RECORDS,      /* handler action records on their way into client memory */
	SIM_BUF_VAR_VALUE,    /* a run's variables */
	SIM_BUF_VAR_SET,
	SIM_BUF_ENTRIES,      /* a run's logs of handler entries and landings */
	SIM_BUF_LANDINGS,
	SIM_BUF_RAN,          /* which handler actions a run made, which handlers it entered */
	SIM_BUF_COUNT
};

/* Buffer b made at least size bytes (its contents kept, what it gains
 * zeroed; a new buffer is zeroed), its size in *have when have is not
 * NULL.  NULL when out of memory, the buffer as it was. */
void *sim_cpu_buffer(struct sim_cpu *c, enum sim_cpu_buf b, size_t size, size_t *have);
/* The same: the machine's workspace and the scratch buffer. */
void *sim_cpu_workspace(struct sim_cpu *c, size_t size);
void *sim_cpu_scratch(struct sim_cpu *c, size_t size);

/* Host access to client memory.  0 on success, -1 for an unmapped range;
 * the host writes only RT_DATA and RT_USER (-1 elsewhere). */
int sim_cpu_write(struct sim_cpu *c, uint64_t addr, const void *p, size_t n);
int sim_cpu_read(struct sim_cpu *c, uint64_t addr, void *p, size_t n);

/* Forget cached translations of [addr, addr+n) after rewriting code there. */
void sim_cpu_flush_code(struct sim_cpu *c, uint64_t addr, size_t n);
/* The engine as a fresh one is, for a fresh machine (images: it has
 * handler images): what sim_cpu_write put there for an earlier machine on
 * this CPU (action records, handler images, restored memory) zeroed, and
 * the whole user area when that machine or the new one has handler images
 * (they write and read where they like; nothing else can store into
 * client memory); after a machine with images, the CPU state (system
 * registers an image may have written) as created.  The user area is made
 * writable for the client exactly when the new machine has images, and
 * the engine trusted again to run only the runtime (cpu_regs.h).  Without
 * it, one scenario ran the code another had loaded or stored, or read
 * what it wrote.  0, or -1 if the engine refused. */
int sim_cpu_make_fresh(struct sim_cpu *c, bool images);
/* Whether code other than the runtime's may have run, or may run, since
 * the memory was last made fresh (every register is then read back after
 * a run: cpu_regs.h). */
bool sim_cpu_foreign(const struct sim_cpu *c);

/* What exception intno (as a trap hook is told it) is, for messages:
 * "undefined instruction", "prefetch abort", ... */
const char *sim_cpu_exception_name(uint32_t intno);
/* Whether the engine's MMU is on (SCTLR_EL1.M, the regime client code
 * runs in).  A handler image can turn it on, but the engine (Unicorn
 * 2.0.1, measured) then takes a prefetch abort at the next instruction
 * fetch, whatever the translation tables say: code cannot run with it on. */
bool sim_cpu_mmu_on(struct sim_cpu *c);

/* Run ctx from ctx->pc for at most budget instructions, calling hooks on
 * traps and device writes.  ctx holds the final state.  On SIM_RUN_FAULT a
 * message is in err. */
enum sim_run_end sim_cpu_run(struct sim_cpu *c, struct sim_ctx *ctx, uint64_t budget,
			     const struct sim_cpu_hooks *hooks, char *err, size_t errlen);

/* Feed edges of the emulated code (pairs of consecutive basic blocks) into
 * map[size] as 8-bit hit counters (libFuzzer extra counters, AFL++'s
 * map), so that a fuzzer sees what client code does.  size must be a
 * power of two; map NULL turns it off.  Costs a hook call per block. */
void sim_cpu_set_coverage(struct sim_cpu *c, uint8_t *map, size_t size);

/* Watching client code run (sdeisim export tarmac): once a tracer is set,
 * tr->insn is called before every instruction executes, with the context
 * being run (the one sim_cpu_run was given: its pstate holds the
 * modelled EL and SPSel), the instruction's address and encoding, and
 * regs[0..30] = x0..x30, regs[31] = SP, as the instructions before it
 * left them - so the registers an instruction wrote are the difference
 * between its call's regs and the next one's (a run ends at a trapping
 * SVC/SMC/HVC, which writes none).  *tr is copied; NULL turns tracing
 * off.  While on it costs a hook call and a register read per
 * instruction; while off, nothing (the hook is removed and the code
 * translated again without it). */
#define SIM_CPU_TRACE_REGS 32
struct sim_cpu_tracer {
	void (*insn)(void *tctx, const struct sim_ctx *run, uint64_t pc, uint32_t opcode,
		     const uint64_t regs[SIM_CPU_TRACE_REGS]);
	void *ctx;
};
void sim_cpu_set_tracer(struct sim_cpu *c, const struct sim_cpu_tracer *tr);

/* Instructions-per-run statistics (for benchmarks): number of runs made. */
uint64_t sim_cpu_runs(const struct sim_cpu *c);

#endif /* SIM_CPU_H */
