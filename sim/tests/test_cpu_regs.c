/*
 * test_cpu_regs.c - the registers of a PE go into the engine and come
 * back out exactly (cpu_regs.h): a load writes only what the engine does
 * not hold already, and only the registers runtime code can write are
 * read back - until code other than the runtime's may run, whether the
 * host put it in client memory or the client stored it there itself (in
 * a machine with handler images: in one without, it can store nowhere),
 * and from the next fresh machine on again.
 * Driven through sim_cpu_run with trap hooks of the test's own; the
 * tracer shows what the engine holds before each instruction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cpu.h"
#include "runtime/rt_layout.h"

extern const unsigned char rt_image[];
extern const size_t rt_image_size;

#define INSN_PARK  (0xD4000001u | (RT_SVC_PARK << 5))   /* svc #RT_SVC_PARK */
#define INSN_NOP   0xD503201Fu

/* What the hooks do and saw. */
struct probe {
	unsigned traps;
	enum sim_trap_action (*act)(struct probe *p, struct sim_ctx *ctx);
	uint64_t seen[SIM_CPU_TRACE_REGS];   /* the engine's x0..x30, SP before the last instruction */
	uint64_t x20, x0;                    /* what act() puts in on the first trap */
};

static enum sim_trap_action on_trap(void *hctx, enum sim_trap_kind kind, uint32_t imm, uint32_t intno,
				    struct sim_ctx *ctx)
{
	struct probe *p = hctx;
	(void)kind;
	(void)imm;
	(void)intno;
	p->traps++;
	return p->act ? p->act(p, ctx) : SIM_TRAP_STOP;
}

static void on_device(void *hctx, uint64_t offset, uint64_t value)
{
	(void)hctx;
	(void)offset;
	(void)value;
}

static void on_insn(void *tctx, const struct sim_ctx *run, uint64_t pc, uint32_t opcode,
		    const uint64_t regs[SIM_CPU_TRACE_REGS])
{
	struct probe *p = tctx;
	(void)run;
	(void)pc;
	(void)opcode;
	memcpy(p->seen, regs, sizeof p->seen);
}

static struct sim_cpu *new_cpu(struct probe *p)
{
	char err[200];
	struct sim_cpu *c = sim_cpu_create(err, sizeof err);
	struct sim_cpu_tracer tr = { on_insn, p };

	assert_non_null(c);
	sim_cpu_set_tracer(c, &tr);
	return c;
}

static struct sim_ctx context(uint64_t seed, uint64_t pc)
{
	struct sim_ctx ctx;

	memset(&ctx, 0, sizeof ctx);
	for (unsigned k = 0; k < 31; k++)
		ctx.x[k] = seed + k;
	ctx.sp_elc = seed + 0x1000;
	ctx.sp_el0 = seed + 0x2000;
	ctx.pc = pc;
	ctx.pstate = 0x5 | ((seed & 0xF) << 28);   /* EL1h, NZCV from the seed */
	return ctx;
}

static enum sim_run_end run_to_end(struct sim_cpu *c, struct probe *p, struct sim_ctx *ctx)
{
	struct sim_cpu_hooks hooks = { on_trap, on_device, p };
	char err[200];

	p->traps = 0;
	return sim_cpu_run(c, ctx, 1000, &hooks, err, sizeof err);
}

static void run(struct sim_cpu *c, struct probe *p, struct sim_ctx *ctx)
{
	assert_int_equal(run_to_end(c, p, ctx), SIM_RUN_STOPPED);
}

/* The engine held want's registers when the last instruction ran. */
static void assert_engine_holds(const struct probe *p, const struct sim_ctx *want)
{
	for (unsigned k = 0; k < 31; k++)
		if (p->seen[k] != want->x[k])
			fail_msg("x%u: the engine holds 0x%llx, the context 0x%llx", k,
				 (unsigned long long)p->seen[k], (unsigned long long)want->x[k]);
	assert_int_equal(p->seen[31], want->pstate & 1 ? want->sp_elc : want->sp_el0);
}

static void contexts_of_different_pes_reach_the_engine_whole(void **state)
{
	struct probe p = { 0 };
	struct sim_cpu *c = new_cpu(&p);
	struct sim_ctx a = context(0x100, RT_MAIN_IDLE), b = context(0x100, RT_MAIN_IDLE), back;
	(void)state;

	b.x[3] = 0x333;                  /* a few registers differ, most do not */
	b.x[20] = 0x2020;
	b.pstate = 0x4 | 0x60000000;     /* EL1t: SP_EL0, other flags */
	for (unsigned round = 0; round < 3; round++) {
		struct sim_ctx *ctx = round % 2 ? &b : &a;
		back = *ctx;
		run(c, &p, ctx);
		assert_int_equal(p.traps, 1);
		assert_engine_holds(&p, &back);
		back.pc = RT_MAIN_IDLE + 4;  /* after the SVC it parked at */
		assert_memory_equal(ctx, &back, sizeof back);
	}
	sim_cpu_destroy(c);
}

/* First trap: x0 is answered (SIM_TRAP_CONTINUE); second: everything
 * changes and execution goes on elsewhere (SIM_TRAP_CONTINUE_ALL). */
static enum sim_trap_action answer_then_move(struct probe *p, struct sim_ctx *ctx)
{
	if (p->traps == 1) {
		ctx->x[0] = p->x0;
		return SIM_TRAP_CONTINUE;
	}
	if (p->traps == 2) {
		ctx->x[20] = p->x20;
		ctx->x[5] = 0x55;
		ctx->pc = RT_MAIN_IDLE;
		return SIM_TRAP_CONTINUE_ALL;
	}
	return SIM_TRAP_STOP;
}

static void what_a_trap_hook_changes_reaches_the_engine(void **state)
{
	struct probe p = { 0 };
	struct sim_cpu *c = new_cpu(&p);
	struct sim_ctx ctx = context(0x700, RT_MAIN_IDLE), want;
	(void)state;

	p.act = answer_then_move;
	p.x0 = 0xA0;
	p.x20 = 0xB20;
	run(c, &p, &ctx);
	assert_int_equal(p.traps, 3);
	want = context(0x700, RT_MAIN_IDLE);
	want.x[0] = 0xA0;
	want.x[5] = 0x55;
	want.x[20] = 0xB20;
	assert_engine_holds(&p, &want);
	want.pc = RT_MAIN_IDLE + 4;
	assert_memory_equal(&ctx, &want, sizeof want);
	sim_cpu_destroy(c);
}

/* Code at RT_USER_BASE + 0x100 (mov x20, #7; mov x21, #9; svc PARK; nop),
 * as two doublewords. */
#define PLANT_AT 0x100u
static const uint64_t planted[2] = {
	0xD28000F4u | (uint64_t)0xD2800135u << 32, INSN_PARK | (uint64_t)INSN_NOP << 32 };

/* The planted code runs on an engine that held x20 = 20, x21 = 21 before:
 * the registers it wrote come back. */
static void assert_planted_code_runs(struct sim_cpu *c, struct probe *p)
{
	struct sim_ctx ctx = context(0, RT_USER_BASE + PLANT_AT);

	run(c, p, &ctx);
	assert_int_equal(ctx.x[20], 7);
	assert_int_equal(ctx.x[21], 9);
	assert_int_equal(ctx.pc, RT_USER_BASE + PLANT_AT + 12);
}

static void code_the_host_writes_has_every_register_read_back(void **state)
{
	struct probe p = { 0 };
	struct sim_cpu *c = new_cpu(&p);
	struct sim_ctx warm = context(0, RT_MAIN_IDLE);
	(void)state;

	run(c, &p, &warm);
	assert_int_equal(sim_cpu_write(c, RT_USER_BASE + PLANT_AT, planted, sizeof planted), 0);
	assert_planted_code_runs(c, &p);
	sim_cpu_destroy(c);
}

/* The runtime's first STR Xt, [Xn, #imm]: its test-device writes. */
static uint64_t runtime_store(void)
{
	for (size_t off = 0; off + 4 <= rt_image_size; off += 4) {
		uint32_t insn;
		memcpy(&insn, rt_image + off, 4);
		if ((insn & 0xFFC00000u) == 0xF9000000u)
			return RT_CODE_BASE + off;
	}
	fail_msg("the runtime has no STR");
	return 0;
}

static void code_the_client_stores_has_every_register_read_back(void **state)
{
	struct probe p = { 0 };
	struct sim_cpu *c = new_cpu(&p);
	uint64_t store = runtime_store();
	struct sim_ctx ctx = context(0, store);
	uint32_t insn;
	(void)state;

	/* Entered at its test-device writes (str x10, [x11, #8]; str x9, [x11];
	 * svc SYNC) with a base of the client's, the runtime plants the code
	 * in user memory - no host write involved - of a machine with handler
	 * images (the only kind whose user memory the client can write). */
	memcpy(&insn, rt_image + (store - RT_CODE_BASE), 4);
	assert_int_equal((insn >> 5) & 31, 11);
	assert_int_equal((insn & 31), 10);
	assert_int_equal(sim_cpu_make_fresh(c, true), 0);
	ctx.x[11] = RT_USER_BASE + PLANT_AT;
	ctx.x[9] = planted[0];
	ctx.x[10] = planted[1];
	run(c, &p, &ctx);
	assert_int_equal(p.traps, 1);
	assert_true(sim_cpu_foreign(c));
	assert_planted_code_runs(c, &p);
	sim_cpu_destroy(c);
}

/* In a machine without handler images the runtime entered at its stores
 * stores nowhere - its code, its data, user memory: a fault, nothing
 * written (it once stored over its own code, and the next scenario in the
 * process ran what it wrote). */
static void a_machine_without_images_lets_the_client_store_nowhere(void **state)
{
	static const uint64_t bases[] = { RT_MAIN_IDLE - 8, RT_HANDLER_TABLE, RT_USER_BASE + PLANT_AT };
	struct probe p = { 0 };
	struct sim_cpu *c = new_cpu(&p);
	uint64_t store = runtime_store();
	(void)state;

	for (unsigned images = 0; images < 2; images++) {
		/* a machine with images before: its writable user area goes */
		assert_int_equal(sim_cpu_make_fresh(c, images), 0);
		assert_int_equal(sim_cpu_make_fresh(c, false), 0);
		for (unsigned k = 0; k < sizeof bases / sizeof bases[0]; k++) {
			struct sim_ctx ctx = context(0, store);
			uint8_t before[16], after[16];

			ctx.x[11] = bases[k];
			ctx.x[9] = planted[0];
			ctx.x[10] = planted[1];
			assert_int_equal(sim_cpu_read(c, bases[k], before, sizeof before), 0);
			assert_int_equal(run_to_end(c, &p, &ctx), SIM_RUN_FAULT);
			assert_int_equal(p.traps, 0);
			assert_int_equal(sim_cpu_read(c, bases[k], after, sizeof after), 0);
			assert_memory_equal(before, after, sizeof before);
		}
	}
	sim_cpu_destroy(c);
}

/* After code other than the runtime's ran, a fresh machine finds the
 * memory as a fresh engine has it and the engine trusted again: only the
 * registers the runtime writes are read back (once, one fuzz input that
 * entered the runtime mid-routine made every later one of the process
 * read them all). */
static void a_fresh_machine_trusts_the_engine_again(void **state)
{
	struct probe p = { 0 };
	struct sim_cpu *c = new_cpu(&p);
	struct sim_ctx ctx = context(0, RT_USER_BASE + PLANT_AT);
	uint64_t back[2];
	(void)state;

	assert_int_equal(sim_cpu_make_fresh(c, true), 0);
	assert_int_equal(sim_cpu_write(c, RT_USER_BASE + PLANT_AT, planted, sizeof planted), 0);
	assert_true(sim_cpu_foreign(c));
	assert_planted_code_runs(c, &p);
	assert_int_equal(sim_cpu_make_fresh(c, false), 0);
	assert_false(sim_cpu_foreign(c));
	assert_int_equal(sim_cpu_read(c, RT_USER_BASE + PLANT_AT, back, sizeof back), 0);
	assert_true(back[0] == 0 && back[1] == 0);
	/* the planted code is gone: a zero word there, an undefined instruction */
	assert_int_equal(run_to_end(c, &p, &ctx), SIM_RUN_STOPPED);
	assert_int_equal(p.traps, 1);
	assert_int_equal(ctx.pc, RT_USER_BASE + PLANT_AT);
	assert_false(sim_cpu_foreign(c));
	sim_cpu_destroy(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(contexts_of_different_pes_reach_the_engine_whole),
		cmocka_unit_test(what_a_trap_hook_changes_reaches_the_engine),
		cmocka_unit_test(code_the_host_writes_has_every_register_read_back),
		cmocka_unit_test(code_the_client_stores_has_every_register_read_back),
		cmocka_unit_test(a_machine_without_images_lets_the_client_store_nowhere),
		cmocka_unit_test(a_fresh_machine_trusts_the_engine_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
