/*
 * test_dispatch.c - entering and leaving handlers (DEN0054C §5.2, §6.2):
 * entry registers and PSTATE, EVENT_CONTEXT, COMPLETE, COMPLETE_AND_RESUME,
 * nesting and pending order, single running instance of shared events,
 * EVENT_SIGNAL, explicit dispatch (masking: test_mask.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tplat.h"

#define INV  SDD_INVALID_PARAMETERS
#define DEN  SDD_DENIED

static void handler_entry_registers(void **state)
{
	struct tp *t = *state;
	struct sdd_regs before;
	const struct sdd_regs *h;

	tp_arm(t, 2, EV_PPI_NORM, H_A, 0xCAFE);
	before = t->regs[2];
	tp_fire(t, PPI_NORM, 2);
	assert_int_equal(t->nlog, 1);
	h = &t->log[0].regs;
	assert_int_equal(t->log[0].pe, 2);
	assert_int_equal(h->x[0], EV_PPI_NORM);
	assert_int_equal(h->x[1], 0xCAFE);
	assert_int_equal(h->x[2], before.pc);
	assert_int_equal(h->x[3], before.pstate);
	for (unsigned k = 4; k < SDD_CONTEXT_REGS; k++)
		assert_int_equal(h->x[k], before.x[k]);      /* interrupted values */
	assert_int_equal(h->pc, H_A);
	/* EL2h, DAIF masked, NZCV carried over, nothing else (SPAN=1: no PAN). */
	assert_int_equal(h->pstate, 0x60000000ull | SDD_PSTATE_DAIF | SDD_PSTATE_M_EL2H);
	assert_int_equal(tp_depth(t, 2), 1);
	assert_true(tp_irq(t, 2, PPI_NORM)->active);    /* active until COMPLETE */
}

static void entry_pstate_follows_take_exception(void **state)
{
	struct tp *t = *state;
	struct sdd_platform p;
	uint64_t from = SDD_PSTATE_NZCV | SDD_PSTATE_DIT | SDD_PSTATE_BTYPE | SDD_PSTATE_SS |
			SDD_PSTATE_IL | SDD_PSTATE_UAO | SDD_PSTATE_SSBS | SDD_PSTATE_TCO | 0x4;

	tp_default_platform(&p);
	p.client_el = 1;
	p.features = SDD_FEAT_ALL;
	tp_setup(t, &p);
	for (unsigned pe = 0; pe < TP_PES; pe++)
		t->regs[pe].pstate = SDD_PSTATE_M_EL1H;
	tp_arm(t, 1, EV_PPI_NORM, H_A, 0);
	t->regs[1].pstate = from;                     /* interrupted EL1t with many bits set */
	t->regs[1].sctlr_elc = SDD_SCTLR_DSSBS;       /* SPAN=0, SPINTMASK=0 */
	tp_fire(t, PPI_NORM, 1);
	/* PAN forced (EL1, SPAN=0), SSBS from DSSBS, ALLINT = !SPINTMASK, TCO (MTE2),
	 * NZCV and DIT kept, BTYPE/SS/IL/UAO cleared, EL1h, DAIF masked. */
	assert_int_equal(t->log[0].regs.pstate,
			 SDD_PSTATE_NZCV | SDD_PSTATE_DIT | SDD_PSTATE_PAN | SDD_PSTATE_SSBS |
			 SDD_PSTATE_ALLINT | SDD_PSTATE_TCO | SDD_PSTATE_DAIF | SDD_PSTATE_M_EL1H);
	assert_int_equal(t->log[0].regs.x[3], from);
}

static void entry_pstate_pan_at_el2_needs_e2h_and_tge(void **state)
{
	struct tp *t = *state;
	struct sdd_platform p;

	tp_default_platform(&p);
	p.features = SDD_FEAT_PAN | SDD_FEAT_VHE;
	tp_setup(t, &p);
	tp_arm(t, 0, EV_PPI_NORM, H_A, 0);
	tp_arm(t, 1, EV_PPI_NORM, H_A, 0);
	t->regs[0].sctlr_elc = 0;
	t->regs[0].hcr_el2 = SDD_HCR_E2H;               /* TGE clear: no forced PAN */
	t->regs[1].sctlr_elc = 0;
	t->regs[1].hcr_el2 = SDD_HCR_E2H | SDD_HCR_TGE;
	tp_fire(t, PPI_NORM, 0);
	tp_fire(t, PPI_NORM, 1);
	assert_false(t->log[0].regs.pstate & SDD_PSTATE_PAN);
	assert_true(t->log[1].regs.pstate & SDD_PSTATE_PAN);
}

static void context_reads_the_interrupted_registers(void **state)
{
	struct tp *t = *state;
	struct sdd_regs before;

	tp_arm(t, 0, EV_SPI_NORM, H_A, 0);
	before = t->regs[0];
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(tp_depth(t, 0), 1);
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_CONTEXT, k), before.x[k]);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_CONTEXT, 18), INV);
	/* Another PE runs no handler. */
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_CONTEXT, 0), DEN);
}

/* Every outcome is defined, and says how many handlers run on the PE
 * afterwards (sdd.h), whatever the entry point did: a call that returned,
 * an interrupt that was not the dispatcher's, an explicit dispatch it
 * refused; with no register file, a refusal with no event.  (Mutants that
 * left the depth 0, or the outcome as the caller's garbage, passed every
 * scenario: the simulator reads the outcome's depth of none of these.) */
static void every_outcome_is_defined_and_gives_the_depth_after(void **state)
{
	struct tp *t = *state;
	struct sdd_outcome o;

	tp_arm(t, 3, EV_PPI_NORM, H_A, 0);
	tp_fire(t, PPI_NORM, 3);
	assert_int_equal(tp_depth(t, 3), 1);
	memset(&t->last_out, 0xA5, sizeof t->last_out);
	tp_call1(t, 3, SDD_FID_EVENT_STATUS, EV_PPI_NORM);
	assert_int_equal(t->last_out.action, SDD_ACT_RETURN);
	assert_int_equal(t->last_out.depth, 1);
	assert_int_equal(t->last_out.event, -1);

	memset(&o, 0xA5, sizeof o);
	assert_int_equal(sdd_irq(&t->d, 3, 1022, &t->regs[3], &o), SDD_IRQ_NOT_MINE);
	assert_int_equal(o.action, SDD_ACT_NONE);
	assert_int_equal(o.depth, 1);
	assert_int_equal(o.event, -1);

	memset(&o, 0xA5, sizeof o);
	assert_true(sdd_dispatch_explicit(&t->d, 3, EV_PPI_NORM, &t->regs[3], &o) < 0);
	assert_int_equal(o.action, SDD_ACT_NONE);
	assert_int_equal(o.depth, 1);
	assert_int_equal(o.event, -1);

	memset(&o, 0xA5, sizeof o);
	assert_int_equal(sdd_call(&t->d, 3, NULL, &o), SDD_ACT_NONE);
	assert_int_equal(o.action, SDD_ACT_NONE);
	assert_int_equal(o.event, -1);
	memset(&o, 0xA5, sizeof o);
	assert_int_equal(sdd_irq(&t->d, 3, PPI_NORM, NULL, &o), SDD_IRQ_REFUSED);
	assert_int_equal(o.action, SDD_ACT_NONE);
	assert_int_equal(o.event, -1);
	memset(&o, 0xA5, sizeof o);
	assert_true(sdd_dispatch_explicit(&t->d, 3, EV_EXPL_NORM, NULL, &o) < 0);
	assert_int_equal(o.action, SDD_ACT_NONE);
	assert_int_equal(o.event, -1);
	assert_int_equal(tp_depth(t, 3), 1);
}

static void complete_restores_the_interrupted_context(void **state)
{
	struct tp *t = *state;
	struct sdd_regs before;

	tp_arm(t, 3, EV_PPI_NORM, H_A, 0);
	before = t->regs[3];
	tp_fire(t, PPI_NORM, 3);
	tp_call1(t, 3, SDD_FID_EVENT_STATUS, EV_PPI_NORM);        /* the handler uses registers */
	tp_call1(t, 3, SDD_FID_EVENT_COMPLETE, SDD_EV_FAILED);
	assert_int_equal(t->last_action, SDD_ACT_COMPLETE);
	assert_int_equal(t->last_out.status, SDD_EV_FAILED);
	assert_int_equal(t->last_out.event, EV_PPI_NORM);
	assert_memory_equal(t->regs[3].x, before.x, sizeof before.x);
	assert_int_equal(t->regs[3].pc, before.pc);
	assert_int_equal(t->regs[3].pstate, before.pstate);
	assert_int_equal(tp_depth(t, 3), 0);
	assert_false(tp_irq(t, 3, PPI_NORM)->active);             /* EOI'd */
	assert_int_equal(tp_status(t, 3, EV_PPI_NORM), 3);
}

static void complete_and_resume_emulates_an_exception(void **state)
{
	struct tp *t = *state;
	struct sdd_regs before;

	tp_arm(t, 1, EV_SPI_NORM, H_A, 0);
	t->regs[1].pstate = 0x80000000ull | SDD_PSTATE_DIT | SDD_PSTATE_M_EL2H;
	before = t->regs[1];
	tp_fire(t, SPI_NORM, 0);
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE_AND_RESUME, RESUME_ADDR);
	assert_int_equal(t->last_action, SDD_ACT_RESUME);
	assert_int_equal(t->regs[1].pc, RESUME_ADDR);
	assert_int_equal(t->regs[1].elr_elc, before.pc);
	assert_int_equal(t->regs[1].spsr_elc, before.pstate);
	assert_int_equal(t->regs[1].pstate,
			 0x80000000ull | SDD_PSTATE_DIT | SDD_PSTATE_DAIF | SDD_PSTATE_M_EL2H);
	assert_memory_equal(t->regs[1].x, before.x, sizeof before.x);
	assert_int_equal(tp_status(t, 1, EV_SPI_NORM), 3);
	assert_false(tp_irq(t, 0, SPI_NORM)->active);
	/* The resumed code is not a handler: CONTEXT is gone, events can come. */
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_CONTEXT, 0), DEN);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(t->nlog, 2);
}

static void critical_preempts_normal(void **state)
{
	struct tp *t = *state;
	struct sdd_regs outer, normal_handler;

	tp_arm(t, 0, EV_PPI_NORM, H_A, 1);
	tp_register(t, 0, EV_PPI_CRIT, H_B, 2);
	tp_enable(t, 0, EV_PPI_CRIT);
	outer = t->regs[0];
	tp_fire(t, PPI_NORM, 0);
	t->regs[0].x[5] = 0x5555;                  /* the normal handler's own work */
	normal_handler = t->regs[0];
	tp_fire(t, PPI_CRIT, 0);
	assert_int_equal(t->nlog, 2);
	assert_int_equal(t->log[1].event, EV_PPI_CRIT);
	assert_int_equal(t->log[1].regs.x[2], normal_handler.pc);   /* interrupted the handler */
	assert_int_equal(tp_depth(t, 0), 2);
	/* CONTEXT reports the innermost dispatch's interrupted state. */
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_CONTEXT, 5), 0x5555);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_depth(t, 0), 1);
	assert_int_equal(t->regs[0].pc, normal_handler.pc);
	assert_int_equal(t->regs[0].x[5], 0x5555);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_CONTEXT, 5), outer.x[5]);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_depth(t, 0), 0);
	assert_int_equal(t->regs[0].pc, outer.pc);
	assert_memory_equal(t->regs[0].x, outer.x, sizeof outer.x);
}

static void normal_does_not_preempt_normal(void **state)
{
	struct tp *t = *state;

	tp_arm(t, 0, EV_PPI_NORM, H_A, 1);
	tp_register(t, 0, EV_SPI_NORM, H_B, 2);
	tp_enable(t, 0, EV_SPI_NORM);
	tp_fire(t, PPI_NORM, 0);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(t->nlog, 1);               /* waits */
	assert_true(tp_irq(t, 0, SPI_NORM)->pending);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->nlog, 2);               /* then runs, on its own */
	assert_int_equal(t->log[1].event, EV_SPI_NORM);
	assert_int_equal(tp_depth(t, 0), 1);
	assert_int_equal(t->log[1].regs.x[2], t->log[0].regs.x[2]);  /* same interrupted point */
}

static void critical_does_not_preempt_critical(void **state)
{
	struct tp *t = *state;

	tp_arm(t, 2, EV_PPI_CRIT, H_A, 1);
	tp_register(t, 2, EV_SPI_CRIT, H_B, 2);
	tp_enable(t, 2, EV_SPI_CRIT);
	tp_fire(t, PPI_CRIT, 2);
	tp_fire(t, SPI_CRIT, 0);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(tp_depth(t, 2), 1);
	tp_call1(t, 2, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->nlog, 2);
	assert_int_equal(t->log[1].event, EV_SPI_CRIT);
}

static void shared_event_runs_once_system_wide(void **state)
{
	struct tp *t = *state;

	tp_arm(t, 0, EV_SPI_NORM, H_A, 0);
	tp_unmask(t, 1);
	tp_unmask(t, 2);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(t->nlog, 1);
	/* A second trigger while it runs is not taken by another PE. */
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(t->nlog, 1);
	assert_true(tp_irq(t, 0, SPI_NORM)->pending);
	tp_call1(t, t->log[0].pe, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->nlog, 2);               /* re-triggered: runs again */
}

static void signal_across_pes(void **state)
{
	struct tp *t = *state;

	tp_arm(t, 3, EV0, H_A, 0x42);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x101), 0);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 3);
	assert_int_equal(t->log[0].regs.x[0], 0);
	assert_int_equal(t->log[0].regs.x[1], 0x42);
}

static void signal_to_masked_target_waits_for_unmask(void **state)
{
	struct tp *t = *state;

	tp_register(t, 1, EV0, H_A, 0);
	tp_enable(t, 1, EV0);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x1), 0);
	assert_int_equal(t->nlog, 0);
	tp_unmask(t, 1);
	assert_int_equal(t->nlog, 1);
}

static void signal_before_registration_waits_until_enabled(void **state)
{
	struct tp *t = *state;

	tp_unmask(t, 1);
	assert_int_equal(tp_call2(t, 1, SDD_FID_EVENT_SIGNAL, 0, 0x1), 0);
	tp_register(t, 1, EV0, H_A, 0);
	assert_int_equal(t->nlog, 0);
	tp_enable(t, 1, EV0);
	assert_int_equal(t->nlog, 1);
	/* Edge-triggered: many signals while it runs give one more run at most. */
	for (int k = 0; k < 3; k++)
		assert_int_equal(tp_call2(t, 1, SDD_FID_EVENT_SIGNAL, 0, 0x1), 0);
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->nlog, 2);
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->nlog, 2);
}

static void pending_events_of_one_class_run_one_after_another(void **state)
{
	struct tp *t = *state;

	tp_register(t, 0, EV_PPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_PPI_NORM);
	tp_register(t, 0, EV0, H_A, 0);
	tp_enable(t, 0, EV0);
	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_SPI_NORM);
	tp_fire(t, PPI_NORM, 0);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, 0), 0);
	assert_int_equal(t->nlog, 0);
	tp_unmask(t, 0);
	for (unsigned n = 1; n <= 3; n++) {
		assert_int_equal(t->nlog, n);
		assert_int_equal(tp_depth(t, 0), 1);
		tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	}
	assert_int_equal(t->nlog, 3);
	assert_int_equal(tp_depth(t, 0), 0);
}

static void trigger_while_disabled_is_delivered_at_enable(void **state)
{
	struct tp *t = *state;

	tp_unmask(t, 0);
	tp_register(t, 0, EV_PPI_NORM, H_A, 0);
	tp_fire(t, PPI_NORM, 0);
	assert_int_equal(t->nlog, 0);
	tp_enable(t, 0, EV_PPI_NORM);
	assert_int_equal(t->nlog, 1);
}

static void trigger_before_registration_is_dropped_for_bound_events(void **state)
{
	struct tp *t = *state;

	tp_unmask(t, 0);
	tp_fire(t, SPI_NORM, 0);             /* latched while unregistered */
	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_SPI_NORM);
	assert_int_equal(t->nlog, 0);
}

static void unregister_inside_the_handler_finishes_at_complete(void **state)
{
	struct tp *t = *state;

	tp_arm(t, 1, EV_PPI_NORM, H_A, 0);
	tp_fire(t, PPI_NORM, 1);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_UNREGISTER, EV_PPI_NORM), SDD_PENDING);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_UNREGISTER, EV_PPI_NORM), SDD_PENDING);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_STATUS, EV_PPI_NORM), 4);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_CONTEXT, 7), 0x2007);
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_status(t, 1, EV_PPI_NORM), 0);
	assert_false(tp_irq(t, 1, PPI_NORM)->enabled);
	tp_fire(t, PPI_NORM, 1);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_UNREGISTER, EV_PPI_NORM), DEN);
}

static void disable_inside_the_handler_does_not_stop_it(void **state)
{
	struct tp *t = *state;

	tp_arm(t, 1, EV_SPI_NORM, H_A, 0);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_DISABLE, EV_SPI_NORM), 0);
	assert_int_equal(tp_status(t, 1, EV_SPI_NORM), 5);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_CONTEXT, 9), 0x2009);
	tp_fire(t, SPI_NORM, 0);
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_status(t, 1, EV_SPI_NORM), 1);
	assert_int_equal(t->nlog, 1);                 /* the new trigger waits for ENABLE */
	tp_enable(t, 1, EV_SPI_NORM);
	assert_int_equal(t->nlog, 2);
}

static void relative_entry_point_uses_vbar_at_dispatch(void **state)
{
	struct tp *t = *state;

	tp_unmask(t, 0);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, 0x400, 0,
				 SDD_REGFLAG_RELATIVE, 0), 0);
	tp_enable(t, 0, EV_PPI_NORM);
	t->regs[0].vbar_elc = 0x40000;
	tp_fire(t, PPI_NORM, 0);
	assert_int_equal(t->log[0].regs.pc, 0x40400);
}

static void explicit_dispatch(void **state)
{
	struct tp *t = *state;

	assert_int_equal(tp_explicit(t, 0, EV_PPI_NORM), INV);        /* not explicit */
	assert_int_equal(tp_explicit(t, 0, 0x40000999), INV);
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_NORM), DEN);       /* not registered */
	tp_register(t, 0, EV_EXPL_NORM, H_A, 7);
	tp_enable(t, 0, EV_EXPL_NORM);
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_NORM), DEN);       /* masked */
	tp_unmask(t, 0);
	tp_unmask(t, 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_DISABLE, EV_EXPL_NORM), 0);
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_NORM), DEN);       /* disabled */
	tp_enable(t, 0, EV_EXPL_NORM);
	/* Refusals leave nothing pending. */
	assert_int_equal(t->nlog, 0);
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_NORM), 0);
	assert_int_equal(t->log[0].regs.x[0], EV_EXPL_NORM);
	assert_int_equal(t->log[0].regs.x[1], 7);
	assert_int_equal(t->nrunning[0], 1);                           /* priority raised */
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_NORM), DEN);       /* running */
	tp_register(t, 0, EV_PPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_PPI_NORM);
	tp_fire(t, PPI_NORM, 0);                                       /* normal: blocked */
	assert_int_equal(t->nlog, 1);
	tp_register(t, 0, EV_EXPL_CRIT, H_B, 0);
	tp_enable(t, 0, EV_EXPL_CRIT);
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_CRIT), 0);         /* critical nests */
	assert_int_equal(tp_depth(t, 0), 2);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->nrunning[0], 1);                           /* then the PPI runs */
	assert_int_equal(t->nlog, 3);
	assert_int_equal(t->log[2].event, EV_PPI_NORM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TP_TEST(handler_entry_registers),
		TP_TEST(entry_pstate_follows_take_exception),
		TP_TEST(entry_pstate_pan_at_el2_needs_e2h_and_tge),
		TP_TEST(context_reads_the_interrupted_registers),
		TP_TEST(complete_restores_the_interrupted_context),
		TP_TEST(complete_and_resume_emulates_an_exception),
		TP_TEST(critical_preempts_normal),
		TP_TEST(normal_does_not_preempt_normal),
		TP_TEST(critical_does_not_preempt_critical),
		TP_TEST(shared_event_runs_once_system_wide),
		TP_TEST(signal_across_pes),
		TP_TEST(signal_to_masked_target_waits_for_unmask),
		TP_TEST(signal_before_registration_waits_until_enabled),
		TP_TEST(pending_events_of_one_class_run_one_after_another),
		TP_TEST(trigger_while_disabled_is_delivered_at_enable),
		TP_TEST(trigger_before_registration_is_dropped_for_bound_events),
		TP_TEST(unregister_inside_the_handler_finishes_at_complete),
		TP_TEST(disable_inside_the_handler_does_not_stop_it),
		TP_TEST(relative_entry_point_uses_vbar_at_dispatch),
		TP_TEST(explicit_dispatch),
		TP_TEST(every_outcome_is_defined_and_gives_the_depth_after),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
