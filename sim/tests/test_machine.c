/*
 * test_machine.c - the simulator end to end: scenario programs built in C
 * run on the machine (GIC model, Unicorn-executed handlers, PSCI, the
 * core), each checking from inside the handler what the handler really
 * observes: dispatch and entry state, contexts, completion and resume,
 * nesting, routing, signals, PSCI, explicit dispatch, yield and resume.
 * Each test also has a twin that must fail, so every kind of check is
 * shown to be able to fail.  (test_machine_platform.c: conduits and ELs,
 * users' ELF images, migration and determinism.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"
#include "runtime/rt_layout.h"

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

static void private_event_entry_state_seen_by_the_handler(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = entry_checking_handler(&b, "h", EV_NORM, 0x1234, 2);
	mt_set_context(&b, 1);
	pb_register(&b, 1, EV_NORM, h, 0x1234, 0, V(0));
	pb_expect(&b, 0);
	pb_call1(&b, 1, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 1, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 1, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 1, EV_NORM, h, 1, 0x1234);
	pb_call1(&b, 1, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 3);
	mt_assert_passes(&b);
	pb_free(&b);
}

static void shared_event_routed_to_one_pe(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = entry_checking_handler(&b, "h", EV_SHARED, 7, 2);
	mt_set_context(&b, 2);
	pb_register(&b, 0, EV_SHARED, h, 7, SDD_RM_PE, VMPIDR(2));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_SHARED));
	for (unsigned pe = 0; pe < 4; pe++)
		pb_call0(&b, pe, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 40);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 2, EV_SHARED, h, 1, 7);
	mt_assert_passes(&b);
	pb_free(&b);
}

static void entry_check_that_is_wrong_fails_at_its_line(void **state)
{
	struct pb b;
	int h;
	uint32_t line;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_fails_at(&b, line, "handler entry: expected x1 == 0x9999, got 0x1234");
	pb_free(&b);
}

static void context_returns_values_set_before_the_interrupt(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_set_context(&b, 0);
	pb_register(&b, 0, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 0, EV_NORM, h, 0, 0);
	pb_call1(&b, 0, SDD_FID_EVENT_STATUS, V(EV_NORM));
	pb_expect(&b, 3);
	mt_assert_passes(&b);
	pb_free(&b);
}

static void call_result_that_is_wrong_fails_at_its_line(void **state)
{
	struct pb b;
	int h;
	uint32_t line;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_call1(&b, SIM_NONE, SDD_FID_EVENT_CONTEXT, V(4));
	line = b.line;
	pb_expect(&b, 0x5555);
	pb_complete(&b, 0);
	pb_end(&b);
	mt_set_context(&b, 0);
	pb_register(&b, 0, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 0, 22);
	/* which of the handler's runs: its event, and the step it ran in */
	mt_assert_fails_at(&b, line, "EVENT_CONTEXT on PE 0 in handler 'h' for event 0x40000101, run by the step at "
				     "line 13: expected x0 == 0x5555, got 0x4444");
	pb_free(&b);
}

static void complete_and_resume_lands_at_the_resume_pad(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
	pb_free(&b);
}

static void resume_landing_check_that_is_wrong_fails(void **state)
{
	struct pb b;
	int h;
	uint32_t line;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_fails_at(&b, line, "expected pstate.daif == 0x0, got 0xf");
	pb_free(&b);
}

static void critical_preempts_normal_inside_the_handler(void **state)
{
	struct pb b;
	int hn, hc;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
	pb_free(&b);
}

static void normal_waits_for_normal(void **state)
{
	struct pb b;
	int h1, h2;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
	pb_free(&b);
}

static void masked_pe_gets_its_events_at_unmask(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
	pb_free(&b);
}

static void unexpected_dispatch_count_fails(void **state)
{
	struct pb b;
	int h;
	uint32_t line;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 3, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 3, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_call0(&b, 3, SDD_FID_PE_UNMASK);
	pb_interrupt(&b, 3, 22);
	line = b.line;
	pb_expect_dispatches(&b);                     /* but one happened */
	mt_assert_fails_at(&b, line, "expected 0 handler entries, got 1");
	pb_free(&b);
}

static void rm_any_goes_to_an_unmasked_pe(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
	pb_free(&b);
}

static void signal_across_pes(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
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
	mt_assert_passes(&b);
	pb_free(&b);
}

static void cpu_off_inside_a_handler_completes_it(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
	pb_free(&b);
}

static void psci_from_the_main_context(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
	pb_free(&b);
}

static void explicit_dispatch_step(void **state)
{
	struct pb b;
	int h;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
	pb_free(&b);
}

static void yield_and_resume(void **state)
{
	struct pb b;
	int h, hc;
	(void)state;

	pb_init(&b);
	mt_setup_platform(&b);
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
	mt_assert_passes(&b);
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
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
