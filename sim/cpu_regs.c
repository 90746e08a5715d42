/*
 * cpu_regs.c - see cpu_regs.h.
 */
#include <string.h>

#include "cpu_regs.h"

#define NZCV_MASK 0xF0000000ull

/* SP is the register selected by PSTATE.SPSel (bit 0). */
static uint64_t *sp_of(struct sim_ctx *ctx)
{
	return (ctx->pstate & 1) ? &ctx->sp_elc : &ctx->sp_el0;
}

static void set_entry(struct sim_regs *r, uint64_t addr)
{
	uint64_t k = (addr - RT_CODE_BASE) / 4;
	r->entry[k / 8] |= (uint8_t)(1u << (k % 8));
}

static bool is_entry(const struct sim_regs *r, uint64_t addr)
{
	uint64_t off = addr - RT_CODE_BASE;
	return off % 4 == 0 && (r->entry[off / 32] >> (off / 4 % 8) & 1);
}

/* SVC, HVC or SMC: execution goes on after it when a trap hook lets it. */
static bool traps(uint32_t insn)
{
	uint32_t op = insn & 0xFFE0001Fu;
	return op >= 0xD4000001u && op <= 0xD4000003u;
}

/* The runtime's entry points (rt_layout.h): its routines, and the
 * instruction after each of its traps. */
static void find_entries(struct sim_regs *r)
{
	set_entry(r, RT_MAIN_IDLE);
	set_entry(r, RT_RESUME_PAD);
	set_entry(r, RT_INTERP);
	for (unsigned v = 0; v < 16; v++)
		set_entry(r, RT_VECTORS + 0x80u * v);
	for (unsigned h = 0; h < RT_MAX_HANDLERS; h++)
		set_entry(r, RT_STUBS + (uint64_t)RT_STUB_SIZE * h);
	for (uint64_t off = 0; off + 8 <= RT_CODE_SIZE; off += 4) {
		uint32_t insn;
		memcpy(&insn, r->code + off, 4);
		if (traps(insn))
			set_entry(r, RT_CODE_BASE + off + 4);
	}
}

void sim_regs_init(struct sim_regs *r, uc_engine *uc, const uint8_t *code)
{
	memset(r, 0, sizeof *r);
	r->uc = uc;
	r->code = code;
	for (int k = 0; k < 29; k++)
		r->ids[k] = UC_ARM64_REG_X0 + k;
	r->ids[29] = UC_ARM64_REG_X29;
	r->ids[30] = UC_ARM64_REG_X30;
	r->ids[SIM_REG_SP] = UC_ARM64_REG_SP;
	r->ids[SIM_REG_PC] = UC_ARM64_REG_PC;
	r->ids[SIM_REG_NZCV] = UC_ARM64_REG_NZCV;
	for (unsigned f = 0; f < 2; f++)
		for (unsigned k = 0; k < SIM_REGS_N; k++) {
			bool runtime_writes = k < 31 ? (RT_WRITES_X >> k) & 1 : k != SIM_REG_SP;
			if (f || runtime_writes) {
				r->read_ids[f][r->nread[f]] = r->ids[k];
				r->read_vals[f][r->nread[f]++] = &r->held[k];
			}
		}
	find_entries(r);
}

/* Bit k: register k (SIM_REG_*). */
static inline uint64_t reg_bit(unsigned k, bool on)
{
	return (uint64_t)on << k;
}

void sim_regs_load(struct sim_regs *r, const struct sim_ctx *restrict ctx, bool with_pc)
{
	int ids[SIM_REGS_N];
	void *vals[SIM_REGS_N];
	unsigned n = 0;
	uint64_t sp = (ctx->pstate & 1) ? ctx->sp_elc : ctx->sp_el0;   /* see sp_of */
	uint64_t nzcv = ctx->pstate & NZCV_MASK;
	uint64_t write = 0;          /* bit k: register k is written */

	/* Which registers differ first, as a mask, with no branch per
	 * register: which ones differ changes from run to run, and the
	 * mispredicted branches were most of this function's time.  Then
	 * the values are taken, and the writes queued in register order.
	 * (Unrolled: each bit's shift a constant.) */
#pragma GCC unroll 31
	for (unsigned k = 0; k < SIM_REG_SP; k++)
		write |= reg_bit(k, ctx->x[k] != r->held[k]);
	write |= reg_bit(SIM_REG_SP, sp != r->held[SIM_REG_SP]) | reg_bit(SIM_REG_NZCV, nzcv != r->held[SIM_REG_NZCV]);
	if (!r->held_known)           /* all of them (PC: as with_pc says) */
		write = (reg_bit(SIM_REGS_N, true) - 1) & ~reg_bit(SIM_REG_PC, true);
	write |= reg_bit(SIM_REG_PC, with_pc);
	for (unsigned k = 0; k < SIM_REG_SP; k++)
		r->held[k] = ctx->x[k];
	r->held[SIM_REG_SP] = sp;
	r->held[SIM_REG_PC] = ctx->pc;
	r->held[SIM_REG_NZCV] = nzcv;
	r->held_known = true;
	for (; write; write &= write - 1) {
		unsigned k = (unsigned)__builtin_ctzll(write);
		ids[n] = r->ids[k];
		vals[n++] = &r->held[k];
	}
	if (n)
		uc_reg_write_batch(r->uc, ids, vals, (int)n);
}

void sim_regs_load_x0(struct sim_regs *r, const struct sim_ctx *ctx)
{
	if (ctx->x[0] != r->held[0]) {
		r->held[0] = ctx->x[0];
		uc_reg_write(r->uc, UC_ARM64_REG_X0, &r->held[0]);
	}
}

void sim_regs_store(struct sim_regs *r, struct sim_ctx *restrict ctx)
{
	unsigned f = r->foreign;

	uc_reg_read_batch(r->uc, r->read_ids[f], r->read_vals[f], (int)r->nread[f]);
	r->held[SIM_REG_NZCV] &= NZCV_MASK;      /* read as 32 bits */
	/* Register by register: a memcpy is a call the sanitizers intercept,
	 * at every trap (restrict: the context is no part of r, so the
	 * compiler copies them as vectors). */
	for (unsigned k = 0; k < 31; k++)
		ctx->x[k] = r->held[k];
	*sp_of(ctx) = r->held[SIM_REG_SP];
	ctx->pc = r->held[SIM_REG_PC];
	ctx->pstate = (ctx->pstate & ~NZCV_MASK) | r->held[SIM_REG_NZCV];
}

void sim_regs_store_trap(struct sim_regs *r, struct sim_ctx *ctx, bool pc_after)
{
	/* Unicorn makes no exception entry for a trap: the instruction itself
	 * writes no register.  The first instruction run is the one at start,
	 * so when that is a trap, it is this one, and every register but PC
	 * still holds what ctx holds.  Only while the engine runs the runtime
	 * (not foreign): its code does not change under it. */
	if (r->start_traps && !r->foreign) {
		ctx->pc = r->held[SIM_REG_PC] = r->start + (pc_after ? 4 : 0);
		return;
	}
	sim_regs_store(r, ctx);
}

void sim_regs_enter(struct sim_regs *r, uint64_t pc)
{
	uint64_t off = pc - RT_CODE_BASE;
	uint32_t insn;

	r->start = pc;
	r->start_traps = false;
	/* Outside RT_CODE: RT_USER holds zeros until the host writes there
	 * (which makes the engine foreign), the rest is not executable. */
	if (r->foreign || pc < RT_CODE_BASE || off > RT_CODE_SIZE - 4)
		return;
	memcpy(&insn, r->code + off, 4);
	r->start_traps = traps(insn);
	if (is_entry(r, pc))
		return;
	if (insn != 0)
		r->foreign = true;
}

void sim_regs_host_write(struct sim_regs *r, uint64_t addr, size_t n)
{
	if ((addr < RT_CODE_BASE + RT_CODE_SIZE && addr + n > RT_CODE_BASE) ||
	    (addr < RT_USER_BASE + RT_USER_SIZE && addr + n > RT_USER_BASE))
		r->foreign = true;
}

void sim_regs_fresh(struct sim_regs *r)
{
	r->foreign = false;
}
