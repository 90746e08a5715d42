/*
 * cpu.c - see cpu.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicorn/unicorn.h>

#include "cpu.h"
#include "cpu_regs.h"
#include "runtime/rt_layout.h"

extern const unsigned char rt_image[];
extern const size_t rt_image_size;

/* Unicorn's exception numbers (QEMU EXCP_*), measured in
 * reference/unicorn-fuzzing.md §2.2. */
#define EXCP_UDEF           1
#define EXCP_SWI            2
#define EXCP_PREFETCH_ABORT 3
#define EXCP_DATA_ABORT     4
#define EXCP_BKPT           7
#define EXCP_HVC            11
#define EXCP_SMC            13

struct span {
	uint64_t lo, hi;         /* [lo, hi); empty when hi <= lo */
};

struct sim_cpu {
	uc_engine *uc;
	uc_hook intr_hook;
	const struct sim_cpu_hooks *hooks;   /* of the run in progress */
	struct sim_ctx *ctx;
	bool stop_requested;
	bool ctx_current;        /* ctx already holds the final state (a trap hook stopped) */
	uint64_t runs;
	uint8_t *code;           /* the host memory behind RT_CODE */
	uint8_t *data;           /* the host memory behind RT_DATA */
	struct sim_regs regs;    /* register traffic (cpu_regs.h) */
	uc_hook block_hook;      /* installed by sim_cpu_set_coverage */
	uint8_t *cov;
	size_t   cov_mask;
	uint64_t cov_prev;
	void    *buf[SIM_BUF_COUNT];        /* sim_cpu_buffer */
	size_t   buf_size[SIM_BUF_COUNT];
	uc_hook  code_hook;      /* installed by sim_cpu_set_tracer */
	struct sim_cpu_tracer tracer;
	/* What sim_cpu_write wrote since sim_cpu_make_fresh: */
	struct span wrote_data, wrote_user;
	bool     images_ran;         /* the machine since then has handler images */
	uc_context *created;         /* the engine's CPU state as created */
	bool     user_writable;      /* the client may store into RT_USER (only when it does) */
};

/* [lo, hi) grown to cover [a, b) as well. */
static void span_add(struct span *s, uint64_t a, uint64_t b)
{
	if (s->hi <= s->lo) {
		s->lo = a;
		s->hi = b;
	} else {
		s->lo = a < s->lo ? a : s->lo;
		s->hi = b > s->hi ? b : s->hi;
	}
}

/* Whether [addr, addr+n) lies in [base, base+size). */
static bool within(uint64_t addr, size_t n, uint64_t base, uint64_t size)
{
	return addr >= base && n <= size && addr - base <= size - n;
}

/* The instruction at addr: runtime code from the host's copy behind the
 * mapping (the usual case, and cheaper than asking the engine). */
static bool read_insn(struct sim_cpu *c, uint64_t addr, uint32_t *insn)
{
	if (addr >= RT_CODE_BASE && addr <= RT_CODE_BASE + RT_CODE_SIZE - 4) {
		memcpy(insn, c->code + (addr - RT_CODE_BASE), 4);
		return true;
	}
	return uc_mem_read(c->uc, addr, insn, 4) == UC_ERR_OK;
}

static enum sim_trap_kind trap_kind(uint32_t intno)
{
	switch (intno) {
	case EXCP_SWI: return SIM_TRAP_SVC;
	case EXCP_SMC: return SIM_TRAP_SMC;
	case EXCP_HVC: return SIM_TRAP_HVC;
	case EXCP_UDEF: return SIM_TRAP_UNDEF;
	default: return SIM_TRAP_OTHER;
	}
}

/* What the engine reports for the runtime's trap instruction insn (SVC,
 * HVC or SMC: sim_regs' start_traps), with SCR_EL3 as sim_cpu_create sets
 * it (HVC enabled). */
static uint32_t start_intno(uint32_t insn)
{
	switch (insn & 0xFFE0001Fu) {
	case 0xD4000001u: return EXCP_SWI;
	case 0xD4000002u: return EXCP_HVC;
	default: return EXCP_SMC;
	}
}

/* The hooks' answer to trap intno, c->ctx holding the registers. */
static enum sim_trap_action take_trap(struct sim_cpu *c, uint32_t intno)
{
	enum sim_trap_kind kind = trap_kind(intno);
	uint32_t insn = 0, imm = 0;

	/* No syndrome is available: the immediate comes from the instruction,
	 * which for SVC/SMC/HVC is the one before the reported PC. */
	if (kind <= SIM_TRAP_HVC && read_insn(c, c->ctx->pc - 4, &insn))
		imm = (insn >> 5) & 0xFFFF;
	return c->hooks->trap(c->hooks->ctx, kind, imm, intno, c->ctx);
}

static void on_intr(uc_engine *uc, uint32_t intno, void *user)
{
	struct sim_cpu *c = user;
	enum sim_trap_kind kind = trap_kind(intno);
	enum sim_trap_action act;

	if (kind == SIM_TRAP_OTHER)
		sim_regs_store(&c->regs, c->ctx);
	else
		sim_regs_store_trap(&c->regs, c->ctx, kind != SIM_TRAP_UNDEF);
	act = take_trap(c, intno);
	if (act == SIM_TRAP_STOP) {
		c->stop_requested = true;
		c->ctx_current = true;
		uc_emu_stop(uc);
	} else if (act == SIM_TRAP_CONTINUE_ALL) {
		sim_regs_enter(&c->regs, c->ctx->pc);
		sim_regs_load(&c->regs, c->ctx, true);   /* PC too: execution goes on from there */
	} else {
		sim_regs_load_x0(&c->regs, c->ctx);
		sim_regs_enter(&c->regs, c->ctx->pc);    /* goes on after the trap */
	}
}

static uint64_t device_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
	(void)uc;
	(void)offset;
	(void)size;
	(void)user;
	return 0;
}

static void device_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value, void *user)
{
	struct sim_cpu *c = user;
	(void)uc;
	(void)size;
	if (c->hooks)
		c->hooks->device_write(c->hooks->ctx, offset, value);
}

/* Code is translated with the hooks present at the time: a hook added or
 * removed later only takes effect on code translated again. */
static void retranslate(struct sim_cpu *c)
{
	uc_ctl_remove_cache(c->uc, RT_CODE_BASE, RT_CODE_BASE + RT_CODE_SIZE);
	uc_ctl_remove_cache(c->uc, RT_USER_BASE, RT_USER_BASE + RT_USER_SIZE);
}

static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct sim_cpu *c = user;
	uint64_t cur = (addr >> 2) * 0x9E3779B97F4A7C15ull;
	(void)uc;
	(void)size;
	if (c->cov) {
		uint8_t *cell = &c->cov[(cur ^ c->cov_prev) & c->cov_mask];
		*cell = (uint8_t)(*cell + 1);
		c->cov_prev = cur >> 1;
	}
}

void sim_cpu_set_coverage(struct sim_cpu *c, uint8_t *map, size_t size)
{
	c->cov = map;
	c->cov_mask = size ? size - 1 : 0;
	if (map && !c->block_hook) {
		uc_hook_add(c->uc, &c->block_hook, UC_HOOK_BLOCK, (void *)on_block, c, 1, 0);
		retranslate(c);
	}
}

static void on_insn(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct sim_cpu *c = user;
	uint64_t regs[SIM_CPU_TRACE_REGS];
	void *vals[SIM_CPU_TRACE_REGS];
	uint32_t insn = 0;

	(void)size;
	if (!c->tracer.insn || !c->ctx)
		return;
	for (int k = 0; k < SIM_CPU_TRACE_REGS; k++)
		vals[k] = &regs[k];
	uc_reg_read_batch(uc, c->regs.ids, vals, SIM_CPU_TRACE_REGS);   /* x0..x30, sp */
	uc_mem_read(uc, addr, &insn, sizeof insn);
	c->tracer.insn(c->tracer.ctx, c->ctx, addr, insn, regs);
}

void sim_cpu_set_tracer(struct sim_cpu *c, const struct sim_cpu_tracer *tr)
{
	if (tr && tr->insn) {
		c->tracer = *tr;
		if (!c->code_hook) {
			uc_hook_add(c->uc, &c->code_hook, UC_HOOK_CODE, (void *)on_insn, c, 1, 0);
			retranslate(c);
		}
	} else {
		memset(&c->tracer, 0, sizeof c->tracer);
		if (c->code_hook) {
			uc_hook_del(c->uc, c->code_hook);
			c->code_hook = 0;
			retranslate(c);
		}
	}
}

struct sim_cpu *sim_cpu_create(char *err, size_t errlen)
{
	struct sim_cpu *c = calloc(1, sizeof *c);
	uc_arm64_cp_reg scr = { .crn = 1, .crm = 1, .op0 = 3, .op1 = 6, .op2 = 0,
				.val = 0x501 };   /* SCR_EL3: NS, HCE (HVC traps), RW */
	uc_err e;

	/* page-aligned, as the engine's own memory would be */
	if (c == NULL || (c->code = aligned_alloc(4096, RT_CODE_SIZE)) == NULL ||
	    (c->data = aligned_alloc(4096, RT_DATA_SIZE)) == NULL) {
		snprintf(err, errlen, "out of memory");
		if (c)
			free(c->code);
		free(c);
		return NULL;
	}
	memset(c->code, 0, RT_CODE_SIZE);
	memset(c->data, 0, RT_DATA_SIZE);
	memcpy(c->code, rt_image, rt_image_size);
	/* The client can store into no RAM but the user area of a machine
	 * with handler images (sim_cpu_make_fresh): the runtime stores only
	 * to the test device, and whatever else runs - the runtime entered in
	 * the middle of a routine - then cannot leave anything behind for the
	 * next machine (it once stored over the runtime's code).  The host
	 * writes RT_DATA directly, as it does RT_CODE. */
	e = uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &c->uc);
	if (e == UC_ERR_OK)
		e = uc_mem_map_ptr(c->uc, RT_CODE_BASE, RT_CODE_SIZE, UC_PROT_READ | UC_PROT_EXEC, c->code);
	if (e == UC_ERR_OK)
		e = uc_mem_map_ptr(c->uc, RT_DATA_BASE, RT_DATA_SIZE, UC_PROT_READ, c->data);
	if (e == UC_ERR_OK)
		e = uc_mem_map(c->uc, RT_USER_BASE, RT_USER_SIZE, UC_PROT_READ | UC_PROT_EXEC);
	if (e == UC_ERR_OK)
		e = uc_mmio_map(c->uc, RT_DEVICE_BASE, RT_DEVICE_SIZE, device_read, c, device_write, c);
	if (e == UC_ERR_OK)
		e = uc_reg_write(c->uc, UC_ARM64_REG_CP_REG, &scr);
	if (e == UC_ERR_OK)
		e = uc_hook_add(c->uc, &c->intr_hook, UC_HOOK_INTR, (void *)on_intr, c, 1, 0);
	if (e != UC_ERR_OK) {
		snprintf(err, errlen, "unicorn: %s", uc_strerror(e));
		sim_cpu_destroy(c);
		return NULL;
	}
	/* (after every register write of the set-up: the state a machine's
	 * code finds on a fresh engine) */
	if (uc_context_alloc(c->uc, &c->created) != UC_ERR_OK || uc_context_save(c->uc, c->created) != UC_ERR_OK) {
		snprintf(err, errlen, "unicorn: cannot save the engine's state");
		sim_cpu_destroy(c);
		return NULL;
	}
	sim_regs_init(&c->regs, c->uc, c->code);
	return c;
}

void sim_cpu_destroy(struct sim_cpu *c)
{
	if (c == NULL)
		return;
	if (c->created)
		uc_context_free(c->created);
	if (c->uc)
		uc_close(c->uc);
	free(c->code);                   /* mapped until uc_close */
	free(c->data);
	for (unsigned b = 0; b < SIM_BUF_COUNT; b++)
		free(c->buf[b]);
	free(c);
}

void *sim_cpu_buffer(struct sim_cpu *c, enum sim_cpu_buf b, size_t size, size_t *have)
{
	if (c->buf_size[b] < size) {
		uint8_t *bigger = realloc(c->buf[b], size);
		if (bigger == NULL)
			return NULL;
		memset(bigger + c->buf_size[b], 0, size - c->buf_size[b]);
		c->buf[b] = bigger;
		c->buf_size[b] = size;
	}
	if (have)
		*have = c->buf_size[b];
	return c->buf[b];
}

void *sim_cpu_workspace(struct sim_cpu *c, size_t size)
{
	return sim_cpu_buffer(c, SIM_BUF_WORKSPACE, size, NULL);
}

void *sim_cpu_scratch(struct sim_cpu *c, size_t size)
{
	return sim_cpu_buffer(c, SIM_BUF_SCRATCH, size, NULL);
}

int sim_cpu_write(struct sim_cpu *c, uint64_t addr, const void *p, size_t n)
{
	if (within(addr, n, RT_DATA_BASE, RT_DATA_SIZE)) {
		memcpy(c->data + (addr - RT_DATA_BASE), p, n);
		span_add(&c->wrote_data, addr, addr + n);
		return 0;
	}
	if (!within(addr, n, RT_USER_BASE, RT_USER_SIZE))
		return -1;
	span_add(&c->wrote_user, addr, addr + n);
	sim_regs_host_write(&c->regs, addr, n);
	return uc_mem_write(c->uc, addr, p, n) == UC_ERR_OK ? 0 : -1;
}

/* Zero [a, b) of the user area and drop code translated from it. */
static int zero_user(struct sim_cpu *c, uint64_t a, uint64_t b)
{
	static const uint8_t zeros[0x10000];

	for (uint64_t at = a; at < b; at += sizeof zeros) {
		size_t n = b - at < sizeof zeros ? (size_t)(b - at) : sizeof zeros;
		if (uc_mem_write(c->uc, at, zeros, n) != UC_ERR_OK)
			return -1;
	}
	uc_ctl_remove_cache(c->uc, a, b);
	return 0;
}

/* Let the client store into the user area, or not. */
static int user_writable(struct sim_cpu *c, bool writable)
{
	uint32_t prot = UC_PROT_READ | UC_PROT_EXEC | (writable ? UC_PROT_WRITE : 0);

	if (uc_mem_protect(c->uc, RT_USER_BASE, RT_USER_SIZE, prot) != UC_ERR_OK)
		return -1;
	c->user_writable = writable;
	return 0;
}

int sim_cpu_make_fresh(struct sim_cpu *c, bool images)
{
	struct span user = c->wrote_user, data = c->wrote_data;
	int rc = 0;

	/* A handler image may have written anywhere in the user area (its
	 * stacks, data it keeps, any address it likes), and one about to run
	 * may read anywhere: around those machines all of it is cleared (12
	 * MiB; scenarios with images are few).  Otherwise only what the host
	 * wrote: nothing else could. */
	if (images || c->images_ran)
		user = (struct span){ RT_USER_BASE, RT_USER_BASE + RT_USER_SIZE };
	/* (writable before it is written: the engine writes into a mapping
	 * the client cannot write by making it writable for each call) */
	if (images && !c->user_writable)
		rc |= user_writable(c, true);
	if (user.hi > user.lo)
		rc |= zero_user(c, user.lo, user.hi);
	if (!images && c->user_writable)
		rc |= user_writable(c, false);
	if (data.hi > data.lo)
		memset(c->data + (data.lo - RT_DATA_BASE), 0, data.hi - data.lo);
	/* A handler image may also have written system registers the
	 * simulator does not model (TPIDR_EL1, say), which the next machine's
	 * images would read: the engine's CPU state goes back to what it was
	 * created with (nothing else can write them: the runtime has no MSR). */
	if (c->images_ran) {
		if (uc_context_restore(c->uc, c->created) != UC_ERR_OK)
			rc = -1;
		c->regs.held_known = false;
	}
	c->wrote_data = c->wrote_user = (struct span){ 0, 0 };
	c->images_ran = images;
	sim_regs_fresh(&c->regs);
	return rc;
}

const char *sim_cpu_exception_name(uint32_t intno)
{
	switch (intno) {
	case EXCP_UDEF: return "undefined instruction";
	case EXCP_PREFETCH_ABORT: return "prefetch abort";
	case EXCP_DATA_ABORT: return "data abort";
	case EXCP_BKPT: return "breakpoint (BRK)";
	default: return "unexpected exception";
	}
}

bool sim_cpu_mmu_on(struct sim_cpu *c)
{
	uc_arm64_cp_reg sctlr = { .crn = 1, .crm = 0, .op0 = 3, .op1 = 0, .op2 = 0 };   /* SCTLR_EL1 */

	return uc_reg_read(c->uc, UC_ARM64_REG_CP_REG, &sctlr) == UC_ERR_OK && (sctlr.val & 1u);
}

bool sim_cpu_foreign(const struct sim_cpu *c)
{
	return c->regs.foreign;
}

int sim_cpu_read(struct sim_cpu *c, uint64_t addr, void *p, size_t n)
{
	return uc_mem_read(c->uc, addr, p, n) == UC_ERR_OK ? 0 : -1;
}

void sim_cpu_flush_code(struct sim_cpu *c, uint64_t addr, size_t n)
{
	uc_ctl_remove_cache(c->uc, addr, addr + n);
}

enum sim_run_end sim_cpu_run(struct sim_cpu *c, struct sim_ctx *ctx, uint64_t budget,
			     const struct sim_cpu_hooks *hooks, char *err, size_t errlen)
{
	uc_err e;

	c->hooks = hooks;
	c->ctx = ctx;
	c->stop_requested = false;
	c->ctx_current = false;
	c->runs++;
	/* Edges start afresh with each run: the first block of a run is
	 * reached from the host, not from wherever the run before it (on
	 * another PE, or for the input before) ended, so the same input
	 * always adds the same edges. */
	c->cov_prev = 0;
	sim_regs_enter(&c->regs, ctx->pc);
	/* A run that starts at one of the runtime's traps (a handler's entry
	 * stub, the park, the resume pad, a vector) takes it here, as the
	 * engine would have - the same edge into the coverage map, the same
	 * trap, one instruction of the budget - without entering the engine
	 * for an instruction whose whole effect is the trap (in the engine,
	 * an exception and a longjmp).  Not while a tracer watches every
	 * instruction the engine runs. */
	if (c->regs.start_traps && !c->regs.foreign && !c->code_hook && budget > 1) {
		uint32_t insn = 0;

		read_insn(c, ctx->pc, &insn);
		if (c->cov)
			on_block(c->uc, ctx->pc, 4, c);
		ctx->pc += 4;
		budget--;
		if (take_trap(c, start_intno(insn)) == SIM_TRAP_STOP) {
			c->stop_requested = true;
			c->hooks = NULL;
			return SIM_RUN_STOPPED;
		}
		sim_regs_enter(&c->regs, ctx->pc);
	}
	sim_regs_load(&c->regs, ctx, false);      /* uc_emu_start sets PC */
	e = uc_emu_start(c->uc, ctx->pc, 0, 0, budget);
	if (!c->ctx_current)
		sim_regs_store(&c->regs, ctx);          /* else a stopping trap hook left ctx as it wants it */
	c->hooks = NULL;
	if (e != UC_ERR_OK) {
		snprintf(err, errlen, "%s at pc 0x%llx", uc_strerror(e), (unsigned long long)ctx->pc);
		return SIM_RUN_FAULT;
	}
	return c->stop_requested ? SIM_RUN_STOPPED : SIM_RUN_BUDGET;
}

uint64_t sim_cpu_runs(const struct sim_cpu *c)
{
	return c->runs;
}
