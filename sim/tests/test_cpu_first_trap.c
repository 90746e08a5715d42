/*
 * test_cpu_first_trap.c - a run that starts at one of the runtime's trap
 * instructions (a handler's entry stub, the park) has that trap taken by
 * the host, without entering the engine for it (cpu.c).  Whoever watches
 * must not be able to tell: the same traps with the same registers, the
 * same final context, the same edges in the coverage map, the same end
 * when the instruction budget runs out.  The reference is the same run
 * on an engine with a tracer set, where every instruction runs in the
 * engine.
 *
 * Either way, the edges a run adds to the coverage map depend on that run
 * alone, not on where the run before it ended: a fuzzer must see the same
 * coverage for the same input whatever ran before it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cpu.h"
#include "runtime/rt_layout.h"

#define SLOT     3
#define MAX_LOG  8
#define COV_SIZE 4096

struct trap_rec {
	enum sim_trap_kind kind;
	uint32_t imm, intno;
	struct sim_ctx ctx;
};

/* One engine and what its hooks saw. */
struct side {
	struct sim_cpu *cpu;
	uint8_t cov[COV_SIZE];
	struct trap_rec log[MAX_LOG];
	unsigned n;
	enum sim_trap_action (*act)(struct side *s, struct sim_ctx *ctx);
};

static enum sim_trap_action on_trap(void *hctx, enum sim_trap_kind kind, uint32_t imm, uint32_t intno,
				    struct sim_ctx *ctx)
{
	struct side *s = hctx;

	assert_true(s->n < MAX_LOG);
	s->log[s->n].kind = kind;
	s->log[s->n].imm = imm;
	s->log[s->n].intno = intno;
	memcpy(&s->log[s->n].ctx, ctx, sizeof *ctx);      /* padding too: compared whole */
	s->n++;
	return s->act(s, ctx);
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
	(void)tctx;
	(void)run;
	(void)pc;
	(void)opcode;
	(void)regs;
}

/* A handler in slot SLOT that makes one call and ends: its record of
 * action, then an end record (rt_layout.h). */
static void load_handler(struct sim_cpu *c)
{
	uint64_t entry = RT_ACTIONS;
	uint8_t recs[2 * RT_ACTION_SIZE];
	uint32_t op = RT_OP_CALL;
	uint64_t args[6] = { 0xC4000021, 0x40000001, 0x111, 0x222, 0x333, 0x444 };

	memset(recs, 0, sizeof recs);
	memcpy(recs, &op, sizeof op);
	memcpy(recs + 8, args, sizeof args);
	op = RT_OP_END;
	memcpy(recs + RT_ACTION_SIZE, &op, sizeof op);
	assert_int_equal(sim_cpu_write(c, RT_HANDLER_TABLE + 8 * SLOT, &entry, sizeof entry), 0);
	assert_int_equal(sim_cpu_write(c, RT_ACTIONS, recs, sizeof recs), 0);
}

static void side_init(struct side *s, bool traced)
{
	char err[200];
	struct sim_cpu_tracer tr = { on_insn, NULL };

	memset(s, 0, sizeof *s);
	s->cpu = sim_cpu_create(err, sizeof err);
	assert_non_null(s->cpu);
	sim_cpu_set_coverage(s->cpu, s->cov, COV_SIZE);
	if (traced)
		sim_cpu_set_tracer(s->cpu, &tr);
	load_handler(s->cpu);
}

static struct sim_ctx context(uint64_t pc)
{
	struct sim_ctx ctx;

	memset(&ctx, 0, sizeof ctx);
	for (unsigned k = 0; k < 31; k++)
		ctx.x[k] = 0x1000 + k;
	ctx.sp_elc = 0x7000;
	ctx.pc = pc;
	ctx.pstate = 0x5 | 0x60000000u;
	return ctx;
}

/* The host-taking engine and the reference, with what they ran last. */
struct pair {
	struct side host, engine;
	struct sim_ctx ch, ce;          /* the contexts each ran */
	enum sim_run_end eh, ee;
};

static void pair_init(struct pair *p, enum sim_trap_action (*act)(struct side *, struct sim_ctx *))
{
	side_init(&p->host, false);
	side_init(&p->engine, true);
	p->host.act = p->engine.act = act;
}

static void pair_free(struct pair *p)
{
	sim_cpu_destroy(p->host.cpu);
	sim_cpu_destroy(p->engine.cpu);
}

static enum sim_run_end run(struct side *s, struct sim_ctx *ctx, uint64_t budget)
{
	struct sim_cpu_hooks hooks = { on_trap, on_device, s };
	char err[200];

	s->n = 0;
	return sim_cpu_run(s->cpu, ctx, budget, &hooks, err, sizeof err);
}

/* Both run context(pc) with budget, and show the same everything: every
 * trap with its registers, the end, the final context, the coverage. */
static void pair_run(struct pair *p, uint64_t pc, uint64_t budget)
{
	p->ch = p->ce = context(pc);
	p->eh = run(&p->host, &p->ch, budget);
	p->ee = run(&p->engine, &p->ce, budget);
	assert_int_equal(p->eh, p->ee);
	assert_int_equal(p->host.n, p->engine.n);
	for (unsigned k = 0; k < p->host.n; k++) {
		const struct trap_rec *h = &p->host.log[k], *e = &p->engine.log[k];
		assert_int_equal(h->kind, e->kind);
		assert_int_equal(h->imm, e->imm);
		assert_int_equal(h->intno, e->intno);
		assert_memory_equal(&h->ctx, &e->ctx, sizeof h->ctx);
	}
	assert_memory_equal(&p->ch, &p->ce, sizeof p->ch);
	assert_memory_equal(p->host.cov, p->engine.cov, COV_SIZE);
}

/* Enter: go on; the call: answer it; the end: stop. */
static enum sim_trap_action handler_run(struct side *s, struct sim_ctx *ctx)
{
	if (s->n == 2)
		ctx->x[0] = 0x77;
	return s->n >= 3 ? SIM_TRAP_STOP : SIM_TRAP_CONTINUE;
}

static enum sim_trap_action stop(struct side *s, struct sim_ctx *ctx)
{
	(void)s;
	(void)ctx;
	return SIM_TRAP_STOP;
}

static void a_handler_entered_at_its_stub_runs_as_in_the_engine(void **state)
{
	struct pair p;
	(void)state;

	pair_init(&p, handler_run);
	pair_run(&p, RT_STUBS + SLOT * RT_STUB_SIZE, 1000);
	assert_int_equal(p.eh, SIM_RUN_STOPPED);
	assert_int_equal(p.host.n, 3);
	assert_int_equal(p.host.log[0].kind, SIM_TRAP_SVC);
	assert_int_equal(p.host.log[0].imm, RT_SVC_ENTER);
	assert_int_equal(p.host.log[0].ctx.pc, RT_STUBS + SLOT * RT_STUB_SIZE + 4);
	assert_int_equal(p.host.log[1].kind, SIM_TRAP_SMC);
	assert_int_equal(p.host.log[1].ctx.x[0], 0xC4000021);
	assert_int_equal(p.host.log[2].imm, RT_SVC_END);
	assert_int_equal(p.host.log[2].ctx.x[0], 0x77);
	pair_free(&p);
}

static void a_parked_context_stops_at_the_park_as_in_the_engine(void **state)
{
	struct pair p;
	(void)state;

	pair_init(&p, stop);
	for (unsigned round = 0; round < 2; round++) {
		pair_run(&p, RT_MAIN_IDLE, 1000);
		assert_int_equal(p.host.n, 1);
		assert_int_equal(p.host.log[0].imm, RT_SVC_PARK);
		assert_int_equal(p.ch.pc, RT_MAIN_IDLE + 4);
	}
	pair_free(&p);
}

/* The trap is one instruction of the budget: two are the trap and the
 * stub's next instruction, and the run ends after them either way. */
static void the_trap_taken_by_the_host_counts_against_the_budget(void **state)
{
	struct pair p;
	(void)state;

	pair_init(&p, handler_run);
	pair_run(&p, RT_STUBS + SLOT * RT_STUB_SIZE, 2);
	assert_int_equal(p.eh, SIM_RUN_BUDGET);
	assert_int_equal(p.ch.pc, RT_STUBS + SLOT * RT_STUB_SIZE + 8);
	pair_free(&p);
}

/* The same run, after runs that ended elsewhere, adds the same edges. */
static void a_runs_edges_do_not_depend_on_the_run_before(void **state)
{
	(void)state;

	for (unsigned traced = 0; traced < 2; traced++) {
		static uint8_t first[COV_SIZE];
		struct side s;
		struct sim_ctx ctx;

		side_init(&s, traced);
		for (unsigned round = 0; round < 3; round++) {
			/* round 1 follows the park's run, round 2 a run cut short */
			if (round > 0) {
				s.act = stop;
				ctx = context(round == 1 ? RT_MAIN_IDLE : RT_STUBS + SLOT * RT_STUB_SIZE);
				run(&s, &ctx, round == 1 ? 1000 : 3);
			}
			memset(s.cov, 0, COV_SIZE);
			s.act = handler_run;
			ctx = context(RT_STUBS + SLOT * RT_STUB_SIZE);
			assert_int_equal(run(&s, &ctx, 1000), SIM_RUN_STOPPED);
			if (round == 0)
				memcpy(first, s.cov, COV_SIZE);
			else
				assert_memory_equal(first, s.cov, COV_SIZE);
		}
		sim_cpu_destroy(s.cpu);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_handler_entered_at_its_stub_runs_as_in_the_engine),
		cmocka_unit_test(a_parked_context_stops_at_the_park_as_in_the_engine),
		cmocka_unit_test(the_trap_taken_by_the_host_counts_against_the_budget),
		cmocka_unit_test(a_runs_edges_do_not_depend_on_the_run_before),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
