/*
 * test_machine.c - the simulator end to end: scenario programs built in C
 * run on the machine (GIC model, Unicorn-executed handlers, PSCI, the
 * core), each checking from inside the handler what the handler really
 * observes.  Each test also has a twin that must fail, so every kind of
 * check is shown to be able to fail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pb.h"
#include "runtime/rt_layout.h"
#include "sim.h"

#define EV_CRIT   0x40000100u   /* private, critical, PPI 23 */
#define EV_NORM   0x40000101u   /* private, normal,   PPI 22 */
#define EV_SHARED 0x40000200u   /* shared,  normal,   SPI 40 */
#define EV_EXPL   0x40000300u   /* explicit, private, normal */
#define EV_SHCRIT 0x40000201u   /* shared,  critical, SPI 41 */

static struct sim_cpu *cpu;

static int group_setup(void **state)
{
	char err[200];
	(void)state;
	cpu = sim_cpu_create(err, sizeof err);
	if (!cpu)
		fprintf(stderr, "sim_cpu_create: %s\n", err);
	return cpu ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	sim_cpu_destroy(cpu);
	return 0;
}

static void add_event(struct pb *b, uint32_t n, unsigned type, unsigned pri, int explicit_ev,
		      uint32_t intid)
{
	struct sim_event *e = &b->p.platform.events[b->p.platform.nevents++];
	memset(e, 0, sizeof *e);
	e->number = (int32_t)n;
	e->type = (uint8_t)type;
	e->priority = (uint8_t)pri;
	e->explicit_event = (uint8_t)explicit_ev;
	e->intid = intid;
}

static void setup_platform(struct pb *b)
{
	add_event(b, EV_CRIT, SDD_PRIVATE, SDD_PRI_CRITICAL, 0, 23);
	add_event(b, EV_NORM, SDD_PRIVATE, SDD_PRI_NORMAL, 0, 22);
	add_event(b, EV_SHARED, SDD_SHARED, SDD_PRI_NORMAL, 0, 40);
	add_event(b, EV_SHCRIT, SDD_SHARED, SDD_PRI_CRITICAL, 0, 41);
	add_event(b, EV_EXPL, SDD_PRIVATE, SDD_PRI_NORMAL, 1, 0);
}

/* Observation log of a run, for comparing runs. */
struct olog {
	struct sim_obs o[512];
	unsigned n;
};

static void record(void *ctx, const struct sim_obs *o)
{
	struct olog *l = ctx;
	if (l->n < 512) {
		l->o[l->n] = *o;
		l->o[l->n].text = NULL;
		l->n++;
	}
}

static struct sim_result run(struct pb *b, struct olog *log)
{
	struct sim_run_opts opts;
	struct sim_result res;

	memset(&opts, 0, sizeof opts);
	opts.digest = true;
	if (log) {
		log->n = 0;
		opts.observer.obs = record;
		opts.observer.ctx = log;
	}
	assert_int_equal(sim_run(cpu, &b->p, &opts, &res), 0);
	return res;
}

static void assert_passes(struct pb *b)
{
	struct sim_result res = run(b, NULL);
	if (!res.passed)
		fail_msg("step %u, line %u: %s", res.step, res.loc.line, res.message);
}

static void assert_fails_at(struct pb *b, uint32_t line, const char *needle)
{
	struct sim_result res = run(b, NULL);
	assert_false(res.passed);
	if (res.loc.line != line || strstr(res.message, needle) == NULL)
		fail_msg("expected a failure at line %u containing '%s', got line %u: %s", line,
			 needle, res.loc.line, res.message);
}

/* ---- Dispatch and entry state ---- */

/* A handler that checks its entry and completes. */
static int entry_checking_handler(struct pb *b, const char *name, uint32_t ev, uint64_t arg, unsigned el)
{
	int h = pb_handler(b, name);
	pb_expect_entry(b);
	pb_check(b, SIM_R_X0, V(ev));
	pb_check(b, SIM_R_X0 + 1, V(arg));
	pb_check(b, SIM_R_X0 + 2, VINTPC);
	pb_check(b, SIM_R_X0 + 3, VINTPSTATE);
	pb_check(b, SIM_R_X0 + 4, V(0x4444));
	pb_check(b, SIM_R_X0 + 17, V(0x1717));
	pb_check(b, SIM_R_X0 + 29, V(0x2929));
	pb_check(b, SIM_R_PSTATE_EL, V(el));
	pb_check(b, SIM_R_PSTATE_DAIF, V(0xF));
	pb_check(b, SIM_R_PSTATE_SPSEL, V(1));
	pb_check(b, SIM_R_PSTATE_DIT, V(1));
	pb_check(b, SIM_R_PSTATE_NZCV, V(0x6));
	pb_complete(b, SDD_EV_HANDLED);
	pb_end(b);
	return h;
}

static void set_context(struct pb *b, unsigned pe)
{
	pb_set(b, pe, SIM_R_X0 + 4, 0x4444);
	pb_set(b, pe, SIM_R_X0 + 17, 0x1717);
	pb_set(b, pe, SIM_R_X0 + 29, 0x2929);
	pb_set(b, pe, SIM_R_PSTATE_DIT, 1);
	pb_set(b, pe, SIM_R_PSTATE_NZCV, 0x6);
}

static void private_event_entry_state_seen_by_the_handler(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = entry_checking_handler(&b, "h", EV_NORM, 0x1234, 2);
	set_context(&b, 1);
	pb_register(&b, 1, EV_NORM, h, 0x1234, 0, V(0));
	pb_expect(&b, 0);
	pb_call1(&b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 1, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 1, EV_NORM, h, 1, 0x1234);
	pb_call1(&b, 1, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 3);
	assert_passes(&b);
	pb_free(&b);
}

static void shared_event_routed_to_one_pe(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = entry_checking_handler(&b, "h", EV_SHARED, 7, 2);
	set_context(&b, 2);
	pb_register(&b, 0, EV_SHARED, h, 7, SDD_RM_PE, VMPIDR(2));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	for (unsigned pe = 0; pe < 4; pe++)
		pb_call0(&b, pe, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 40);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 2, EV_SHARED, h, 1, 7);
	assert_passes(&b);
	pb_free(&b);
}

static void entry_check_that_is_wrong_fails_at_its_line(void **state)
{
	struct pb b;
	int h;
	uint32_t line;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_expect_entry(&b);
	line = b.line;
	pb_check(&b, SIM_R_X0 + 1, V(0x9999));        /* the argument is 0x1234 */
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 1, EV_NORM, h, 0x1234, 0, V(0));
	pb_call1(&b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 1, 22);
	assert_fails_at(&b, line, "handler entry: expected x1 == 0x9999, got 0x1234");
	pb_free(&b);
}

static void context_returns_values_set_before_the_interrupt(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(4));
	pb_expect(&b, 0x4444);
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(17));
	pb_expect(&b, 0x1717);
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(18));
	pb_expect(&b, SDD_INVALID_PARAMETERS);
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 7);
	pb_complete(&b, 0);
	pb_end(&b);
	set_context(&b, 0);
	pb_register(&b, 0, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 0, EV_NORM, h, 0, 0);
	pb_call1(&b, 0, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 3);
	assert_passes(&b);
	pb_free(&b);
}

static void call_result_that_is_wrong_fails_at_its_line(void **state)
{
	struct pb b;
	int h;
	uint32_t line;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(4));
	line = b.line;
	pb_expect(&b, 0x5555);
	pb_complete(&b, 0);
	pb_end(&b);
	set_context(&b, 0);
	pb_register(&b, 0, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	assert_fails_at(&b, line, "EVENT_CONTEXT on PE 0 in handler 'h': expected x0 == 0x5555, got 0x4444");
	pb_free(&b);
}

static void complete_and_resume_lands_at_the_resume_pad(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete_and_resume(&b, VPAD);
	pb_end(&b);
	pb_set(&b, 3, SIM_R_PSTATE_NZCV, 0x9);
	pb_register(&b, 3, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 3, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 3, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 3, 22);
	pb_expect_resumes(&b);
	pb_resume_is(&b, 3);
	pb_check(&b, SIM_R_ELR, VINTPC);
	pb_check(&b, SIM_R_SPSR, VINTPSTATE);
	pb_check(&b, SIM_R_PSTATE_DAIF, V(0xF));
	pb_check(&b, SIM_R_PSTATE_SPSEL, V(1));
	pb_check(&b, SIM_R_PSTATE_EL, V(2));
	pb_check(&b, SIM_R_PSTATE_NZCV, V(0x9));
	/* back where it was: the event is enabled, not running */
	pb_call1(&b, 3, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 3);
	pb_call1(&b, 3, SDD_FID_EVENT_CONTEXT, V(0));
	pb_expect(&b, SDD_DENIED);
	assert_passes(&b);
	pb_free(&b);
}

static void resume_landing_check_that_is_wrong_fails(void **state)
{
	struct pb b;
	int h;
	uint32_t line;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete_and_resume(&b, VPAD);
	pb_end(&b);
	pb_register(&b, 3, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 3, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 3, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 3, 22);
	pb_expect_resumes(&b);
	pb_resume_is(&b, 3);
	line = b.line;
	pb_check(&b, SIM_R_PSTATE_DAIF, V(0));
	assert_fails_at(&b, line, "expected pstate.daif == 0x0, got 0xf");
	pb_free(&b);
}

static void critical_preempts_normal_inside_the_handler(void **state)
{
	struct pb b;
	int hn, hc;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	hn = pb_handler(&b, "normal");
	pb_interrupt(&b, SIM_NONE, 23);               /* raises the critical event's PPI here */
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_CRIT));
	pb_expect(&b, 3);                             /* critical ran and completed in between */
	pb_complete(&b, 0);
	pb_end(&b);
	hc = pb_handler(&b, "critical");
	pb_expect_entry(&b);
	pb_check(&b, SIM_R_X0, V(EV_CRIT));
	pb_check_not(&b, SIM_R_X0 + 2, V(RT_MAIN_IDLE));   /* it interrupted the normal handler */
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 7);
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(0));
	pb_expect(&b, EV_NORM);                       /* the normal handler's x0 */
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 0, EV_NORM, hn, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(&b, 0, EV_CRIT, hc, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_CRIT));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 0, EV_NORM, hn, 0, 0);
	pb_dispatch_is(&b, 0, EV_CRIT, hc, 0, 0);
	assert_passes(&b);
	pb_free(&b);
}

static void normal_waits_for_normal(void **state)
{
	struct pb b;
	int h1, h2;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h1 = pb_handler(&b, "first");
	pb_interrupt(&b, SIM_NONE, 40);               /* another normal event: must wait */
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_SHARED));
	pb_expect(&b, 3);
	pb_complete(&b, 0);
	pb_end(&b);
	h2 = pb_handler(&b, "second");
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 3);                             /* the first one has completed */
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 1, EV_NORM, h1, 0, 0, V(0));
	pb_call1(&b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(&b, 1, EV_SHARED, h2, 0, SDD_RM_PE, VMPIDR(1));
	pb_call1(&b, 1, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 1, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 1, EV_NORM, h1, 0, 0);
	pb_dispatch_is(&b, 1, EV_SHARED, h2, 0, 0);
	assert_passes(&b);
	pb_free(&b);
}

static void masked_pe_gets_its_events_at_unmask(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 3, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 3, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_interrupt(&b, 3, 22);
	pb_expect_dispatches(&b);                     /* masked since reset: nothing */
	pb_call0(&b, 3, SDD_FID_PE_UNMASK);
	pb_expect(&b, 0);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 3, EV_NORM, h, 0, 0);
	pb_call0(&b, 3, SDD_FID_PE_MASK);
	pb_expect(&b, 1);
	pb_interrupt(&b, 3, 22);
	pb_expect_dispatches(&b);
	assert_passes(&b);
	pb_free(&b);
}

static void unexpected_dispatch_count_fails(void **state)
{
	struct pb b;
	int h;
	uint32_t line;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 3, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 3, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 3, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 3, 22);
	line = b.line;
	pb_expect_dispatches(&b);                     /* but one happened */
	assert_fails_at(&b, line, "expected 0 handler entries, got 1");
	pb_free(&b);
}

static void rm_any_goes_to_an_unmasked_pe(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 0, EV_SHARED, h, 0, SDD_RM_ANY, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	pb_call0(&b, 2, SDD_FID_PE_UNMASK);          /* only PE 2 takes events */
	pb_interrupt(&b, 0, 40);
	pb_interrupt(&b, 0, 40);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 2, EV_SHARED, h, 0, 0);
	pb_dispatch_is(&b, 2, EV_SHARED, h, 0, 0);
	assert_passes(&b);
	pb_free(&b);
}

static void signal_across_pes(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_expect_entry(&b);
	pb_check(&b, SIM_R_X0, V(0));
	pb_check(&b, SIM_R_X0 + 1, V(0x5151));
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 2, 0, h, 0x5151, 0, V(0));
	pb_call1(&b, 2, SDD_FID_EVENT_ENABLE, V(0));
	pb_call0(&b, 2, SDD_FID_PE_UNMASK);
	pb_call2(&b, 0, SDD_FID_EVENT_SIGNAL, V(0), VMPIDR(2));
	pb_expect(&b, 0);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 2, 0, h, 1, 0x5151);
	/* to a masked target: SUCCESS, delivered at unmask */
	pb_call0(&b, 2, SDD_FID_PE_MASK);
	pb_call2(&b, 1, SDD_FID_EVENT_SIGNAL, V(0), VMPIDR(2));
	pb_expect(&b, 0);
	pb_expect_dispatches(&b);
	pb_call0(&b, 2, SDD_FID_PE_UNMASK);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 2, 0, h, 1, 0x5151);
	assert_passes(&b);
	pb_free(&b);
}

/* Found by fuzz_sdei + the reference model: an `interrupt` step on an
 * SGI did nothing, so event 0 (on SGI 8) fired that way was lost. */
static void firing_event0s_sgi_signals_event0(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 0, 0, h, 0, 0, V(0));
	pb_interrupt(&b, 0, 8);                       /* while disabled and masked */
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(0));
	pb_expect_dispatches(&b);
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 0, 0, h, 0, 0);
	pb_interrupt(&b, 1, 3);                       /* a client SGI: nothing for SDEI */
	pb_expect_dispatches(&b);
	assert_passes(&b);
	pb_free(&b);
}

static void cpu_off_inside_a_handler_completes_it(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_psci(&b, SIM_NONE, SIM_PSCI_CPU_OFF, SIM_NONE);
	pb_end(&b);
	pb_register(&b, 0, EV_SHARED, h, 0, SDD_RM_PE, VMPIDR(1));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 40);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 1, EV_SHARED, h, 0, 0);
	pb_call1(&b, 0, SDD_FID_EVENT_STATUS, V(EV_SHARED));
	pb_expect(&b, 3);                             /* implicitly completed */
	pb_psci(&b, 0, SIM_PSCI_AFFINITY_INFO, 1);
	pb_expect(&b, 1);                             /* OFF */
	pb_psci(&b, 0, SIM_PSCI_CPU_ON, 1);
	pb_expect(&b, 0);
	pb_psci(&b, 0, SIM_PSCI_AFFINITY_INFO, 1);
	pb_expect(&b, 0);
	pb_call0(&b, 1, SDD_FID_PE_MASK);
	pb_expect(&b, 0);                             /* starts masked */
	assert_passes(&b);
	pb_free(&b);
}

static void psci_from_the_main_context(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_psci(&b, 0, SIM_PSCI_VERSION, SIM_NONE);
	pb_expect(&b, 0x10001);
	pb_psci(&b, 0, SIM_PSCI_CPU_ON, 1);
	pb_expect(&b, -4);                            /* ALREADY_ON */
	pb_register(&b, 2, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 2, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 2, SDD_FID_PE_UNMASK);
	/* standby keeps the mask; an interrupt for it wakes it and is taken */
	{
		struct sim_op *op;
		pb_psci(&b, 2, SIM_PSCI_CPU_SUSPEND, SIM_NONE);
		op = &b.p.steps[b.p.nsteps - 1];
		op->state = SIM_SUSPEND_STANDBY;
	}
	pb_interrupt(&b, 2, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 2, EV_NORM, h, 0, 0);
	/* power-down: woken masked, starts again in its main context */
	{
		struct sim_op *op;
		pb_psci(&b, 2, SIM_PSCI_CPU_SUSPEND, SIM_NONE);
		op = &b.p.steps[b.p.nsteps - 1];
		op->state = SIM_SUSPEND_POWERDOWN;
	}
	pb_interrupt(&b, 2, 22);
	pb_expect_dispatches(&b);                     /* woke up masked: held */
	pb_call1(&b, 2, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 3);                             /* registrations kept */
	pb_call0(&b, 2, SDD_FID_PE_UNMASK);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 2, EV_NORM, h, 0, 0);
	assert_passes(&b);
	pb_free(&b);
}

static void explicit_dispatch_step(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_EXPL));
	pb_expect(&b, 7);
	pb_complete(&b, 0);
	pb_end(&b);
	pb_dispatch(&b, 1, EV_EXPL);
	pb_expect(&b, SDD_DENIED);                    /* not registered, masked */
	pb_register(&b, 1, EV_EXPL, h, 0, 0, V(0));
	pb_call1(&b, 1, SDD_FID_EVENT_ENABLE, V(EV_EXPL));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_dispatch(&b, 1, EV_EXPL);
	pb_expect(&b, 0);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 1, EV_EXPL, h, 0, 0);
	assert_passes(&b);
	pb_free(&b);
}

static void yield_and_resume(void **state)
{
	struct pb b;
	int h, hc;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "pausing");
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_UNREGISTER, V(EV_NORM));
	pb_expect(&b, SDD_PENDING);
	pb_yield(&b);
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 4);
	pb_complete(&b, 0);
	pb_end(&b);
	hc = pb_handler(&b, "critical");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 0, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(&b, 0, EV_CRIT, hc, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_CRIT));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	pb_call1(&b, 1, SDD_FID_EVENT_STATUS, V(EV_SHARED));
	/* a critical event on top of the paused handler runs and completes;
	 * the paused one stays paused */
	pb_interrupt(&b, 0, 23);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 0, EV_NORM, h, 0, 0);
	pb_dispatch_is(&b, 0, EV_CRIT, hc, 0, 0);
	/* a step call on PE 0 is made from the paused handler's context */
	pb_call1(&b, 0, SDD_FID_EVENT_CONTEXT, V(0));
	pb_expect(&b, 0);
	pb_resume(&b, 0);
	pb_call1(&b, 0, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 0);                             /* completed: the unregister finished */
	assert_passes(&b);
	pb_free(&b);
}

/* ---- Conduits and ELs ---- */

static void virtual_conduit_guest_at_el1(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	b.p.platform.conduit = SIM_CONDUIT_HVC;
	b.p.platform.client_el = 1;
	h = pb_handler(&b, "h");
	pb_expect_entry(&b);
	pb_check(&b, SIM_R_PSTATE_EL, V(1));
	pb_check(&b, SIM_R_PSTATE_PAN, V(0));
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));   /* by HVC */
	pb_expect(&b, 7);
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 1, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 1, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 1, EV_NORM, h, 0, 0);
	assert_passes(&b);
	pb_free(&b);
}

static void call_from_another_el_is_not_supported(void **state)
{
	struct pb b;
	(void)state;

	pb_init(&b);
	pb_call0(&b, 0, SDD_FID_VERSION);
	b.p.steps[b.p.nsteps - 1].from_el = 1;
	pb_expect(&b, SDD_NOT_SUPPORTED);
	pb_call0(&b, 0, SDD_FID_VERSION);
	pb_expect(&b, 0x0001000100000000ll);
	assert_passes(&b);
	pb_free(&b);
}

static void relative_mode_registration(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 0, EV_NORM, h, 0, SDD_REGFLAG_RELATIVE, V(0));
	pb_expect(&b, 0);
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 0, EV_NORM, h, 0, 0);
	assert_passes(&b);
	pb_free(&b);
}

static void system_reset_puts_everything_back(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_call1(&b, 0, SDD_FID_INTERRUPT_BIND, V(45));
	pb_save(&b, "ev45");
	pb_register(&b, 0, EV_SHARED, h, 0, 0, V(0));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_psci(&b, 2, SIM_PSCI_SYSTEM_RESET, SIM_NONE);
	pb_call1(&b, 0, SDD_FID_EVENT_STATUS, V(EV_SHARED));
	pb_expect(&b, 0);
	pb_call0(&b, 1, SDD_FID_PE_MASK);
	pb_expect(&b, 0);                             /* masked again */
	pb_call1(&b, 0, SDD_FID_EVENT_STATUS, (struct sim_value){ SIM_V_VAR, sim_var(&b.p, "ev45") });
	pb_expect(&b, SDD_INVALID_PARAMETERS);        /* the binding is gone */
	assert_passes(&b);
	pb_free(&b);
}

static void handler_that_runs_out_of_actions_fails(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_end(&b);
	pb_register(&b, 0, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	assert_fails_at(&b, b.p.handlers[h].loc.line, "ran out of actions without completing");
	pb_free(&b);
}

/* ---- A user's own handler image ---- */

static int elf_handler(struct pb *b, const char *path, const char *symbol)
{
	struct sim_handler h;
	memset(&h, 0, sizeof h);
	h.name = sim_add_string(&b->p, "user");
	h.kind = SIM_H_ELF;
	h.elf_path = sim_add_string(&b->p, path);
	h.symbol = sim_add_string(&b->p, symbol);
	h.loc.line = b->line++;
	return (int)sim_add_handler(&b->p, &h);
}

/* The calls user code made, as observed. */
static unsigned handler_calls(const struct olog *l, uint32_t fid, int64_t *result)
{
	unsigned n = 0;
	for (unsigned k = 0; k < l->n; k++)
		if (l->o[k].kind == SIM_OBS_CALL && l->o[k].from_handler && l->o[k].fid == fid) {
			*result = l->o[k].result;
			n++;
		}
	return n;
}

static void user_elf_handler_runs_as_the_handler(void **state)
{
	static struct olog log;
	struct pb b;
	struct sim_result r;
	int64_t status = 0;
	int h;
	(void)state;

	pb_init(&b);
	setup_platform(&b);
	h = elf_handler(&b, USER_ELF, "user_handler");
	pb_register(&b, 1, EV_SHARED, h, 0x77, SDD_RM_ANY, V(0));
	pb_call1(&b, 1, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 40);
	pb_migrate(&b);
	pb_interrupt(&b, 0, 40);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 1, EV_SHARED, h, 1, 0x77);
	pb_dispatch_is(&b, 1, EV_SHARED, h, 1, 0x77);
	pb_call1(&b, 1, SDD_FID_EVENT_STATUS, V(EV_SHARED));
	pb_expect(&b, 3);                             /* completed by the user code */
	r = run(&b, &log);
	if (!r.passed)
		fail_msg("line %u: %s", r.loc.line, r.message);
	assert_int_equal(handler_calls(&log, SDD_FID_EVENT_STATUS, &status), 2);
	assert_int_equal(status, 7);                  /* what the user code saw */
	assert_int_equal(handler_calls(&log, SDD_FID_EVENT_COMPLETE, &status), 2);
	pb_free(&b);
}

static void bad_elf_images_are_refused(void **state)
{
	struct pb b;
	struct sim_result r;
	struct sim_run_opts opts;
	(void)state;

	memset(&opts, 0, sizeof opts);
	pb_init(&b);
	elf_handler(&b, USER_ELF, "no_such_symbol");
	assert_int_equal(sim_run(cpu, &b.p, &opts, &r), -1);
	assert_non_null(strstr(r.message, "no symbol 'no_such_symbol'"));
	pb_free(&b);
	pb_init(&b);
	elf_handler(&b, "/nonexistent/image.elf", "h");
	assert_int_equal(sim_run(cpu, &b.p, &opts, &r), -1);
	assert_non_null(strstr(r.message, "cannot open"));
	pb_free(&b);
	pb_init(&b);
	elf_handler(&b, "/proc/self/status", "h");      /* not ELF */
	assert_int_equal(sim_run(cpu, &b.p, &opts, &r), -1);
	assert_non_null(strstr(r.message, "not an ELF file"));
	pb_free(&b);
}

/* ---- Migration and determinism ---- */

/* A busy program: nested handlers on one PE, a paused handler on another,
 * a shared event, a resume landing.  With `migrate` inserted at `cut`. */
static void busy_program(struct pb *b, int cut)
{
	int hn, hc, hp, hr, step = 0;

	pb_init(b);
	setup_platform(b);
	hn = pb_handler(b, "normal");
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(4));
	pb_interrupt(b, SIM_NONE, 23);
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_STATUS, V(EV_CRIT));
	pb_complete(b, 0);
	pb_end(b);
	hc = pb_handler(b, "critical");
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(0));
	pb_complete(b, 0);
	pb_end(b);
	hp = pb_handler(b, "pausing");
	pb_yield(b);
	pb_call1(b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(17));
	pb_complete_and_resume(b, VPAD);
	pb_end(b);
	hr = pb_handler(b, "shared");
	pb_yield(b);
	pb_complete(b, 1);
	pb_end(b);
#define MAYBE_MIGRATE() do { if (step++ == cut) pb_migrate(b); } while (0)
	set_context(b, 0);
	MAYBE_MIGRATE();
	pb_register(b, 0, EV_NORM, hn, 0x10, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(b, 0, EV_CRIT, hc, 0x20, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(EV_CRIT));
	MAYBE_MIGRATE();
	pb_register(b, 1, EV_NORM, hp, 0x30, 0, V(0));
	pb_call1(b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(b, 2, EV_SHARED, hr, 0x40, SDD_RM_PE, VMPIDR(2));
	pb_call1(b, 2, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	for (unsigned pe = 0; pe < 3; pe++)
		pb_call0(b, pe, SDD_FID_PE_UNMASK);
	MAYBE_MIGRATE();
	pb_interrupt(b, 0, 22);
	MAYBE_MIGRATE();
	pb_interrupt(b, 1, 22);
	MAYBE_MIGRATE();
	pb_interrupt(b, 0, 40);
	MAYBE_MIGRATE();
	pb_call1(b, 1, SDD_FID_EVENT_CONTEXT, V(17));
	MAYBE_MIGRATE();
	pb_resume(b, 1);
	MAYBE_MIGRATE();
	pb_resume(b, 2);
	MAYBE_MIGRATE();
	pb_call2(b, 3, SDD_FID_EVENT_SIGNAL, V(0), VMPIDR(1));
	MAYBE_MIGRATE();
	pb_expect_dispatches(b);
	pb_dispatch_is(b, 0, EV_NORM, hn, 1, 0x10);
	pb_dispatch_is(b, 0, EV_CRIT, hc, 1, 0x20);
	pb_dispatch_is(b, 1, EV_NORM, hp, 1, 0x30);
	pb_dispatch_is(b, 2, EV_SHARED, hr, 1, 0x40);
	pb_expect_resumes(b);
	pb_resume_is(b, 1);
	pb_check(b, SIM_R_ELR, VINTPC);
	pb_check(b, SIM_R_SPSR, VINTPSTATE);
#undef MAYBE_MIGRATE
}

/* Observations without what migration and time change. */
static void assert_same_run(const struct olog *a, const struct olog *b)
{
	unsigned i = 0, j = 0;

	for (;;) {
		while (i < a->n && (a->o[i].kind == SIM_OBS_MIGRATE || a->o[i].kind == SIM_OBS_STEP))
			i++;
		while (j < b->n && (b->o[j].kind == SIM_OBS_MIGRATE || b->o[j].kind == SIM_OBS_STEP))
			j++;
		if (i == a->n || j == b->n)
			break;
		struct sim_obs x = a->o[i], y = b->o[j];
		x.time = y.time = 0;
		x.step = y.step = 0;
		if (!x.from_handler)
			x.op = 0;        /* step indices: the migrated program has one more step */
		if (!y.from_handler)
			y.op = 0;
		if (memcmp(&x, &y, sizeof x) != 0)
			fail_msg("runs differ at observation %u/%u (kind %u vs %u, pe %u vs %u)", i, j,
				 x.kind, y.kind, x.pe, y.pe);
		i++;
		j++;
	}
	assert_int_equal(i, a->n);
	assert_int_equal(j, b->n);
}

static void migration_anywhere_gives_the_identical_run(void **state)
{
	static struct olog ref, mig;
	struct pb b;
	struct sim_result r;
	(void)state;

	uint64_t final;

	busy_program(&b, -1);
	r = run(&b, &ref);
	if (!r.passed)
		fail_msg("unmigrated run: line %u: %s", r.loc.line, r.message);
	final = r.digest;
	assert_true(final != 0);
	pb_free(&b);
	assert_true(ref.n > 40);
	for (int cut = 0; cut < 11; cut++) {
		busy_program(&b, cut);
		r = run(&b, &mig);
		if (!r.passed)
			fail_msg("migrated at %d: line %u: %s", cut, r.loc.line, r.message);
		assert_same_run(&ref, &mig);
		if (r.digest != final)
			fail_msg("migrated at %d: the final state differs", cut);
		pb_free(&b);
	}
}

static void the_final_state_digest_tells_states_apart(void **state)
{
	struct pb b;
	struct sim_result one, two;
	(void)state;

	busy_program(&b, -1);
	one = run(&b, NULL);
	pb_set(&b, 1, 5, 0x1234);           /* one more register differs at the end */
	two = run(&b, NULL);
	assert_true(one.passed && two.passed);
	assert_true(one.digest != two.digest);
	pb_free(&b);
}

static void the_same_program_gives_the_same_run(void **state)
{
	static struct olog a, c;
	struct pb b;
	(void)state;

	busy_program(&b, -1);
	assert_true(run(&b, &a).digest == run(&b, &c).digest);
	assert_int_equal(a.n, c.n);
	for (unsigned k = 0; k < a.n; k++)
		assert_memory_equal(&a.o[k], &c.o[k], sizeof a.o[k]);
	pb_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(private_event_entry_state_seen_by_the_handler),
		cmocka_unit_test(shared_event_routed_to_one_pe),
		cmocka_unit_test(entry_check_that_is_wrong_fails_at_its_line),
		cmocka_unit_test(context_returns_values_set_before_the_interrupt),
		cmocka_unit_test(call_result_that_is_wrong_fails_at_its_line),
		cmocka_unit_test(complete_and_resume_lands_at_the_resume_pad),
		cmocka_unit_test(resume_landing_check_that_is_wrong_fails),
		cmocka_unit_test(critical_preempts_normal_inside_the_handler),
		cmocka_unit_test(normal_waits_for_normal),
		cmocka_unit_test(masked_pe_gets_its_events_at_unmask),
		cmocka_unit_test(unexpected_dispatch_count_fails),
		cmocka_unit_test(rm_any_goes_to_an_unmasked_pe),
		cmocka_unit_test(signal_across_pes),
		cmocka_unit_test(firing_event0s_sgi_signals_event0),
		cmocka_unit_test(cpu_off_inside_a_handler_completes_it),
		cmocka_unit_test(psci_from_the_main_context),
		cmocka_unit_test(explicit_dispatch_step),
		cmocka_unit_test(yield_and_resume),
		cmocka_unit_test(virtual_conduit_guest_at_el1),
		cmocka_unit_test(call_from_another_el_is_not_supported),
		cmocka_unit_test(relative_mode_registration),
		cmocka_unit_test(system_reset_puts_everything_back),
		cmocka_unit_test(handler_that_runs_out_of_actions_fails),
		cmocka_unit_test(user_elf_handler_runs_as_the_handler),
		cmocka_unit_test(bad_elf_images_are_refused),
		cmocka_unit_test(migration_anywhere_gives_the_identical_run),
		cmocka_unit_test(the_final_state_digest_tells_states_apart),
		cmocka_unit_test(the_same_program_gives_the_same_run),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
