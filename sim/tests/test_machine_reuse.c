/*
 * test_machine_reuse.c - what the simulator keeps from one run to the
 * next must not show: a machine is built in memory the previous run left
 * (sim_cpu_workspace) and set up only as far as its platform reaches, and
 * the CPU engine is shared by every run and every PE.  A run on reused
 * memory, or on memory full of garbage, is the run on a fresh CPU,
 * observation for observation, down to the final-state digest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"
#include "sim_internal.h"

/* A program that leaves marks everywhere on an 8-PE machine: a handler
 * paused on every PE (PE state, nesting, PSTATE and registers set from
 * the handler), an explicit dispatch (saved PMR), interrupts bound
 * (handler records, bind slots), secure interrupts, many SPIs, a
 * migration, and some PEs powered off. */
static void big_program(struct pb *b)
{
	int h[6];

	pb_init(b);
	mt_setup_platform(b);
	b->p.platform.pes = 8;
	b->p.platform.spis = 224;
	b->p.platform.secure_intids[b->p.platform.nsecure++] = 29;
	b->p.platform.secure_intids[b->p.platform.nsecure++] = 200;
	for (unsigned k = 0; k < 6; k++) {
		h[k] = pb_handler(b, "h");
		pb_call1(b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(k));
		pb_yield(b);
		pb_complete(b, k);
		pb_end(b);
	}
	for (unsigned pe = 0; pe < 8; pe++) {
		mt_set_context(b, pe);
		pb_register(b, pe, EV_NORM, h[pe % 6], 0x100 + pe, 0, V(0));
		pb_call1(b, pe, SDD_FID_EVENT_ENABLE, V(EV_NORM));
		pb_call0(b, pe, SDD_FID_PE_UNMASK);
	}
	pb_call1(b, 0, SDD_FID_INTERRUPT_BIND, V(250));
	pb_save(b, "bound");
	pb_register(b, 7, EV_SHARED, h[5], 0x40, SDD_RM_ANY, V(0));
	pb_call1(b, 7, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	pb_register(b, 6, EV_EXPL, h[4], 0x50, 0, V(0));
	pb_call1(b, 6, SDD_FID_EVENT_ENABLE, V(EV_EXPL));
	pb_dispatch(b, 6, EV_EXPL);
	pb_migrate(b);
	for (unsigned pe = 0; pe < 8; pe++)
		pb_interrupt(b, pe, 22);
	pb_interrupt(b, 0, 40);
	pb_psci(b, 5, SIM_PSCI_CPU_OFF, SIM_NONE);
}

/* A smaller platform doing a little of everything on 2 PEs, with fewer
 * handlers, SPIs and secure interrupts than big_program. */
static void small_program(struct pb *b)
{
	int hn, hp;

	pb_init(b);
	mt_setup_platform(b);
	b->p.platform.pes = 2;
	b->p.platform.spis = 64;
	hn = pb_handler(b, "normal");
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(2));
	pb_complete_and_resume(b, VPAD);
	pb_end(b);
	hp = mt_pausing_handler(b);
	mt_set_context(b, 1);
	pb_register(b, 0, EV_NORM, hn, 0x10, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(b, 1, EV_SHARED, hp, 0x20, SDD_RM_PE, VMPIDR(1));
	pb_call1(b, 1, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	pb_call0(b, 0, SDD_FID_PE_UNMASK);
	pb_call0(b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(b, 0, 22);
	pb_interrupt(b, 0, 40);
	pb_migrate(b);
	pb_call1(b, 1, SDD_FID_EVENT_STATUS, V(EV_SHARED));
	pb_resume(b, 1);
	pb_expect_dispatches(b);
	pb_dispatch_is(b, 0, EV_NORM, hn, 1, 0x10);
	pb_dispatch_is(b, 1, EV_SHARED, hp, 1, 0x20);
	pb_expect_resumes(b);
	pb_resume_is(b, 0);
}

struct run {
	struct olog log;
	struct sim_result res;
};

static void run_on(struct sim_cpu *cpu, struct pb *b, struct run *r)
{
	struct sim_run_opts opts;

	memset(&opts, 0, sizeof opts);
	opts.digest = true;
	r->log.n = 0;
	opts.observer.obs = mt_record;
	opts.observer.ctx = &r->log;
	assert_int_equal(sim_run(cpu, &b->p, &opts, &r->res), 0);
}

static void assert_same(const struct run *a, const struct run *b)
{
	if (!a->res.passed)
		fail_msg("line %u: %s", a->res.loc.line, a->res.message);
	assert_int_equal(a->log.n, b->log.n);
	for (unsigned k = 0; k < a->log.n; k++)
		if (memcmp(&a->log.o[k], &b->log.o[k], sizeof a->log.o[k]) != 0)
			fail_msg("the runs differ at observation %u (kind %u vs %u)", k, a->log.o[k].kind,
				 b->log.o[k].kind);
	assert_memory_equal(&a->res, &b->res, sizeof a->res);
}

/* small_program on a CPU of its own, never used before. */
static void fresh_run(struct run *r)
{
	struct sim_cpu *cpu;
	struct pb b;
	char err[200];

	cpu = sim_cpu_create(err, sizeof err);
	assert_non_null(cpu);
	small_program(&b);
	run_on(cpu, &b, r);
	pb_free(&b);
	sim_cpu_destroy(cpu);
}

static void a_machine_after_a_bigger_platform_leaves_no_trace_of_it(void **state)
{
	static struct run fresh, big, reused;
	struct pb b;
	(void)state;

	fresh_run(&fresh);
	big_program(&b);
	run_on(mt_cpu, &b, &big);
	if (!big.res.passed)
		fail_msg("the 8-PE program: line %u: %s", big.res.loc.line, big.res.message);
	pb_free(&b);
	small_program(&b);
	run_on(mt_cpu, &b, &reused);
	pb_free(&b);
	assert_same(&fresh, &reused);
}

static void a_machine_built_on_garbage_runs_as_on_clean_memory(void **state)
{
	static struct run fresh, dirty;
	static const uint8_t patterns[] = { 0x00, 0xFF, 0xA5 };
	struct pb b;
	(void)state;

	fresh_run(&fresh);
	for (unsigned k = 0; k < sizeof patterns; k++) {
		void *ws = sim_cpu_workspace(mt_cpu, sizeof(struct sim_machine));
		assert_non_null(ws);
		memset(ws, patterns[k], sizeof(struct sim_machine));
		small_program(&b);
		run_on(mt_cpu, &b, &dirty);
		pb_free(&b);
		assert_same(&fresh, &dirty);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_machine_after_a_bigger_platform_leaves_no_trace_of_it),
		cmocka_unit_test(a_machine_built_on_garbage_runs_as_on_clean_memory),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
