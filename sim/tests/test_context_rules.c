/*
 * test_context_rules.c - the PSTATE rules the machines hold the dispatcher
 * to (context_rules.h): the PSTATE an exception taken to the client EL
 * gets under each feature and policy, and the entry and resume checks
 * that use it, with the register they name when one is wrong; and
 * EVENT_CONTEXT's answer inside a handler.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "context_rules.h"
#include "sdd/sdd_spec.h"

#define EL1H_DAIF (SDD_PSTATE_M_EL1H | SDD_PSTATE_DAIF)
#define EL2H_DAIF (SDD_PSTATE_M_EL2H | SDD_PSTATE_DAIF)
/* An interrupted EL0 PSTATE with every field set the rules look at. */
#define BUSY (SDD_PSTATE_NZCV | SDD_PSTATE_DIT | SDD_PSTATE_PAN | SDD_PSTATE_UAO | SDD_PSTATE_BTYPE | \
	      SDD_PSTATE_SS | SDD_PSTATE_IL | SDD_PSTATE_SSBS | SDD_PSTATE_TCO | SDD_PSTATE_ALLINT)

static struct sim_platform plat(unsigned el, uint32_t features)
{
	struct sim_platform p;

	memset(&p, 0, sizeof p);
	p.client_el = (uint8_t)el;
	p.features = features;
	return p;
}

static struct sdd_regs regs(uint64_t sctlr, uint64_t hcr)
{
	struct sdd_regs r;

	memset(&r, 0, sizeof r);
	r.sctlr_elc = sctlr;
	r.hcr_el2 = hcr;
	return r;
}

/* No feature: the mode, DAIF, and NZCV and DIT kept; nothing else. */
static void take_exception_keeps_nzcv_and_dit_only(void **state)
{
	struct sim_platform p = plat(2, 0);
	struct sdd_regs r = regs(0, 0);
	(void)state;
	assert_int_equal(sim_taken_pstate(&p, SDD_PSTATE_TAKE_EXCEPTION, BUSY, &r),
			 EL2H_DAIF | SDD_PSTATE_NZCV | SDD_PSTATE_DIT);
	assert_int_equal(sim_taken_pstate(&p, SDD_PSTATE_TAKE_EXCEPTION, 0, &r), EL2H_DAIF);
}

/* PAN: kept; set at EL1 when SCTLR_EL1.SPAN is 0; at EL2 only when it
 * hosts (VHE, E2H and TGE). */
static void take_exception_pan(void **state)
{
	struct sim_platform el1 = plat(1, SDD_FEAT_PAN), el2 = plat(2, SDD_FEAT_PAN | SDD_FEAT_VHE);
	struct sdd_regs span = regs(SDD_SCTLR_SPAN, 0), nospan = regs(0, 0);
	struct sdd_regs host = regs(0, SDD_HCR_E2H | SDD_HCR_TGE), e2h = regs(0, SDD_HCR_E2H);
	(void)state;
	assert_int_equal(sim_taken_pstate(&el1, 0, SDD_PSTATE_PAN, &span), EL1H_DAIF | SDD_PSTATE_PAN);
	assert_int_equal(sim_taken_pstate(&el1, 0, 0, &span), EL1H_DAIF);
	assert_int_equal(sim_taken_pstate(&el1, 0, 0, &nospan), EL1H_DAIF | SDD_PSTATE_PAN);
	assert_int_equal(sim_taken_pstate(&el2, 0, 0, &nospan), EL2H_DAIF);
	assert_int_equal(sim_taken_pstate(&el2, 0, 0, &e2h), EL2H_DAIF);
	assert_int_equal(sim_taken_pstate(&el2, 0, 0, &host), EL2H_DAIF | SDD_PSTATE_PAN);
	el2.features = SDD_FEAT_PAN;                 /* E2H and TGE mean nothing without VHE */
	assert_int_equal(sim_taken_pstate(&el2, 0, 0, &host), EL2H_DAIF);
	el1.features = 0;                            /* no PAN: the field is not there */
	assert_int_equal(sim_taken_pstate(&el1, 0, SDD_PSTATE_PAN, &nospan), EL1H_DAIF);
}

/* SSBS from SCTLR_ELc.DSSBS, ALLINT the inverse of SPINTMASK, TCO set;
 * UAO, BTYPE, SS and IL cleared. */
static void take_exception_from_the_controls(void **state)
{
	struct sim_platform p = plat(1, SDD_FEAT_SSBS | SDD_FEAT_NMI | SDD_FEAT_MTE2 | SDD_FEAT_UAO |
				     SDD_FEAT_BTI);
	struct sdd_regs dssbs = regs(SDD_SCTLR_DSSBS | SDD_SCTLR_SPINTMASK, 0), none = regs(0, 0);
	(void)state;
	assert_int_equal(sim_taken_pstate(&p, 0, 0, &dssbs), EL1H_DAIF | SDD_PSTATE_SSBS | SDD_PSTATE_TCO);
	assert_int_equal(sim_taken_pstate(&p, 0, SDD_PSTATE_SSBS | SDD_PSTATE_UAO | SDD_PSTATE_BTYPE, &none),
			 EL1H_DAIF | SDD_PSTATE_ALLINT | SDD_PSTATE_TCO);
}

/* KVM keeps every field but the mode and DAIF; TF-A's resume keeps none. */
static void inherit_and_plain_policies(void **state)
{
	struct sim_platform p = plat(1, SDD_FEAT_PAN);
	struct sdd_regs r = regs(0, 0);
	(void)state;
	assert_int_equal(sim_taken_pstate(&p, SDD_PSTATE_INHERIT, BUSY | SDD_PSTATE_M_EL1H, &r), BUSY | EL1H_DAIF);
	assert_int_equal(sim_taken_pstate(&p, SDD_PSTATE_TFA_PLAIN, BUSY, &r), EL1H_DAIF);
}

/* The entry check names PSTATE when everything else is right. */
static void entry_with_the_wrong_pstate(void **state)
{
	struct sim_platform p = plat(2, SDD_FEAT_PAN);
	struct sdd_regs before = regs(SDD_SCTLR_SPAN, 0), after;
	char why[200];
	(void)state;
	before.pc = 0x400100;
	before.pstate = SDD_PSTATE_PAN | SDD_PSTATE_M_EL2H;
	after = before;
	after.x[0] = 7;
	after.x[2] = before.pc;
	after.x[3] = before.pstate;
	after.pstate = EL2H_DAIF | SDD_PSTATE_PAN;
	assert_true(sim_entry_ok(&p, &before, &after, 7, why, sizeof why));
	after.pstate = EL2H_DAIF;                    /* PAN lost */
	assert_false(sim_entry_ok(&p, &before, &after, 7, why, sizeof why));
	assert_string_equal(why, "entered the handler of event 0x7 with PSTATE = 0x3c9, not 0x4003c9 (an "
			    "exception taken to the client EL)");
}

/* The entry check names each register the dispatcher got wrong: the event
 * in x0, the interrupted PC and PSTATE in x2 and x3, x4..x17 as
 * interrupted, ELR/SPSR of the client EL untouched.  (x1, the registered
 * argument, is the reference model's to judge.) */
static void entry_with_a_wrong_register(void **state)
{
	static const struct { unsigned reg; const char *why; } wrong[] = {
		{ 0, "entered the handler of event 0x7 with x0 = 0x8, not 0x7 (the event)" },
		{ 2, "entered the handler of event 0x7 with x2 = 0x400101, not 0x400100 (the interrupted PC)" },
		{ 3, "entered the handler of event 0x7 with x3 = 0x3c6, not 0x3c5 (the interrupted PSTATE)" },
		{ 17, "entered the handler of event 0x7 with x17 = 0x1212, not 0x1211 (as interrupted)" },
	};
	struct sim_platform p = plat(1, 0);
	struct sdd_regs before = regs(0, 0), after;
	char why[200];
	(void)state;
	before.pc = 0x400100;
	before.pstate = EL1H_DAIF;
	before.x[17] = 0x1211;
	after = before;
	after.x[0] = 7;
	after.x[1] = 0x99;
	after.x[2] = before.pc;
	after.x[3] = before.pstate;
	assert_true(sim_entry_ok(&p, &before, &after, 7, why, sizeof why));
	for (unsigned k = 0; k < sizeof wrong / sizeof wrong[0]; k++) {
		struct sdd_regs bad = after;

		bad.x[wrong[k].reg]++;
		assert_false(sim_entry_ok(&p, &before, &bad, 7, why, sizeof why));
		assert_string_equal(why, wrong[k].why);
	}
	after.elr_elc = 4;
	assert_false(sim_entry_ok(&p, &before, &after, 7, why, sizeof why));
	assert_string_equal(why, "entered the handler of event 0x7 with ELR/SPSR of the client EL changed");
}

/* A dispatch names the INTID the dispatcher was handed, 1023 for an
 * explicit one: a wrong report would hide it from the reference model. */
static void a_dispatch_reports_the_intid_it_was_handed(void **state)
{
	struct sdd_outcome oc = { .action = SDD_ACT_DISPATCH, .depth = 1, .event = 7, .intid = 27 };
	char why[200];
	(void)state;

	assert_true(sim_dispatch_intid_ok(27, &oc, why, sizeof why));
	oc.intid = 1023;
	assert_false(sim_dispatch_intid_ok(27, &oc, why, sizeof why));
	assert_string_equal(why, "entered the handler of event 0x7 for INTID 27 but reported INTID 1023");
	assert_true(sim_dispatch_intid_ok(1023, &oc, why, sizeof why));
	oc.intid = 27;
	assert_false(sim_dispatch_intid_ok(1023, &oc, why, sizeof why));
	assert_string_equal(why, "entered the handler of event 0x7 by an explicit dispatch but reported INTID 27");
}

/* After COMPLETE_AND_RESUME, PSTATE is the resume policy's, taken from
 * the interrupted PSTATE; after COMPLETE, the interrupted PSTATE itself. */
static void resume_with_the_wrong_pstate(void **state)
{
	struct sim_platform p = plat(1, SDD_FEAT_PAN);
	struct sim_dispatch disp[2];
	struct sdd_regs after = regs(0, 0);
	char why[200];
	(void)state;
	memset(disp, 0, sizeof disp);
	disp[0].event = 7;
	disp[0].int_pc = 0x400100;
	disp[0].int_pstate = SDD_PSTATE_M_EL1H | SDD_PSTATE_NZCV;
	after.pc = 0x10880;
	after.elr_elc = disp[0].int_pc;
	after.spsr_elc = disp[0].int_pstate;
	after.pstate = EL1H_DAIF | SDD_PSTATE_NZCV | SDD_PSTATE_PAN;   /* SPAN 0 at EL1 */
	assert_true(sim_return_ok(&p, disp, 1, &after, true, 0x10880, 0, 0, why, sizeof why));
	after.pstate = EL1H_DAIF | SDD_PSTATE_NZCV;
	assert_false(sim_return_ok(&p, disp, 1, &after, true, 0x10880, 0, 0, why, sizeof why));
	assert_string_equal(why, "completed event 0x7 and resumed with PSTATE (an exception taken to the "
			    "client EL) = 0xf00003c5, not 0xf04003c5");
	p.policy.resume_pstate = SDD_PSTATE_TFA_PLAIN;
	after.pstate = EL1H_DAIF;
	assert_true(sim_return_ok(&p, disp, 1, &after, true, 0x10880, 0, 0, why, sizeof why));
}

static struct sim_caller a64(unsigned el)
{
	struct sim_caller c = { el, false, 0, false, false };
	return c;
}

/* EVENT_CONTEXT in a handler answers the innermost handler's interrupted
 * registers; errors and calls outside a handler are not judged here. */
static void context_answers_the_innermost_interrupted_registers(void **state)
{
	struct sim_platform p = plat(2, 0);
	struct sim_dispatch disp[2];
	uint64_t args[5] = { 5, 0, 0, 0, 0 };
	const struct sim_caller aarch32_el2 = { 2, true, 0xA, false, false };
	char why[200];
	(void)state;
	memset(disp, 0, sizeof disp);
	disp[0].event = 1;
	disp[0].int_x[5] = 0x55;
	disp[1].event = 2;
	disp[1].int_x[5] = 0x66;
	assert_true(sim_context_answer_ok(&p, disp, 1, SDD_FID_EVENT_CONTEXT, args, a64(2), 0x55, why, sizeof why));
	assert_true(sim_context_answer_ok(&p, disp, 2, SDD_FID_EVENT_CONTEXT, args, a64(2), 0x66, why, sizeof why));
	assert_false(sim_context_answer_ok(&p, disp, 2, SDD_FID_EVENT_CONTEXT, args, a64(2), 0x55, why, sizeof why));
	assert_string_equal(why, "answered EVENT_CONTEXT(5) in the handler of event 0x2 with 0x55, not x5 of "
			    "the interrupted context, 0x66");
	/* not judged: no handler, another EL, AArch32, another call, a bad number */
	assert_true(sim_context_answer_ok(&p, disp, 0, SDD_FID_EVENT_CONTEXT, args, a64(2), 0x55, why, sizeof why));
	assert_true(sim_context_answer_ok(&p, disp, 2, SDD_FID_EVENT_CONTEXT, args, a64(1), 0x55, why, sizeof why));
	assert_true(sim_context_answer_ok(&p, disp, 2, SDD_FID_EVENT_CONTEXT, args, aarch32_el2, 0x55, why,
					  sizeof why));
	assert_true(sim_context_answer_ok(&p, disp, 2, SDD_FID_EVENT_STATUS, args, a64(2), 0x55, why, sizeof why));
	args[0] = 18;
	assert_true(sim_context_answer_ok(&p, disp, 2, SDD_FID_EVENT_CONTEXT, args, a64(2), 0x55, why, sizeof why));
	/* upper bits: an error by default, ignored under TRUNCATE */
	args[0] = 0x100000005ull;
	assert_true(sim_context_answer_ok(&p, disp, 2, SDD_FID_EVENT_CONTEXT, args, a64(2), 0x55, why, sizeof why));
	p.policy.upper_bits = SDD_UPPER_TRUNCATE;
	assert_false(sim_context_answer_ok(&p, disp, 2, SDD_FID_EVENT_CONTEXT, args, a64(2), 0x55, why, sizeof why));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(take_exception_keeps_nzcv_and_dit_only),
		cmocka_unit_test(take_exception_pan),
		cmocka_unit_test(take_exception_from_the_controls),
		cmocka_unit_test(inherit_and_plain_policies),
		cmocka_unit_test(entry_with_the_wrong_pstate),
		cmocka_unit_test(entry_with_a_wrong_register),
		cmocka_unit_test(a_dispatch_reports_the_intid_it_was_handed),
		cmocka_unit_test(resume_with_the_wrong_pstate),
		cmocka_unit_test(context_answers_the_innermost_interrupted_registers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
