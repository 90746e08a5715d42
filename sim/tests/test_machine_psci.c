/*
 * test_machine_psci.c - what the machine's PSCI model (psci.c) does that
 * a scenario's expectations cannot see: the function IDs it answers to
 * are the PSCI specification's (a program names functions, and the
 * simulator both makes and decodes the number, so a wrong number in its
 * table passes every scenario), the handlers a power-down completes
 * implicitly are each observed once, innermost first (the narration and
 * the traces say them), every PE SYSTEM_OFF turns off is observed going
 * off, and SYSTEM_RESET is a reset, not the end of the run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mt.h"
#include "program.h"

/* DEN0022 (PSCI 1.1) §5.1, Table 5: each function's ID, SMC64 where the
 * function has an SMC64 form (its SMC32 form is bit 30 clear). */
static const struct {
	unsigned fn;
	uint32_t fid;
} psci_spec_ids[] = {
	{ SIM_PSCI_VERSION, 0x84000000 },        { SIM_PSCI_CPU_SUSPEND, 0xC4000001 },
	{ SIM_PSCI_CPU_OFF, 0x84000002 },        { SIM_PSCI_CPU_ON, 0xC4000003 },
	{ SIM_PSCI_AFFINITY_INFO, 0xC4000004 },  { SIM_PSCI_SYSTEM_OFF, 0x84000008 },
	{ SIM_PSCI_SYSTEM_RESET, 0x84000009 },   { SIM_PSCI_FEATURES, 0x8400000A },
	{ SIM_PSCI_CPU_FREEZE, 0x8400000B },
};

static void psci_function_ids_are_the_specifications(void **state)
{
	(void)state;

	assert_int_equal(sizeof psci_spec_ids / sizeof psci_spec_ids[0], SIM_PSCI_FN_COUNT);
	for (unsigned k = 0; k < SIM_PSCI_FN_COUNT; k++) {
		unsigned fn = psci_spec_ids[k].fn;
		uint32_t fid = psci_spec_ids[k].fid;

		if (sim_psci_fid(fn) != fid)
			fail_msg("%s is 0x%08x, not DEN0022's 0x%08x", sim_psci_name(fn), sim_psci_fid(fn), fid);
		assert_int_equal(sim_psci_fn_of_fid(fid), (int)fn);
		assert_int_equal(sim_psci_fn_of_fid(fid & ~0x40000000u), (int)fn);   /* its SMC32 form */
	}
	/* MIGRATE, MIGRATE_INFO_TYPE, MIGRATE_INFO_UP_CPU: PSCI functions
	 * the model does not implement */
	for (uint32_t fid = 0x84000005; fid <= 0x84000007; fid++)
		assert_int_equal(sim_psci_fn_of_fid(fid), -1);
}

/* PE 0 runs EV_NORM's handler and, nested over it, EV_CRIT's, both
 * paused by a yield: a PSCI step on PE 0 next is made from the handler's
 * context. */
static void nested(struct pb *b)
{
	int h;

	pb_init(b);
	mt_setup_platform(b);
	h = mt_pausing_handler(b);
	pb_register(b, 0, EV_NORM, h, 0, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(b, 0, EV_CRIT, h, 0, 0, V(0));
	pb_call1(b, 0, SDD_FID_EVENT_ENABLE, V(EV_CRIT));
	pb_call0(b, 0, SDD_FID_PE_UNMASK);
	pb_interrupt(b, 0, 22);
	pb_interrupt(b, 0, 23);
	pb_expect_dispatches(b);
	pb_dispatch_is(b, 0, EV_NORM, h, 0, 0);
	pb_dispatch_is(b, 0, EV_CRIT, h, 0, 0);
}

/* The observations of log of kind `kind` on pe, in order, into out. */
static unsigned of_kind(const struct olog *log, unsigned kind, unsigned pe, const struct sim_obs **out, unsigned max)
{
	unsigned n = 0;

	for (unsigned k = 0; k < log->n; k++)
		if (log->o[k].kind == kind && log->o[k].pe == pe && n < max)
			out[n++] = &log->o[k];
	return n;
}

static void cpu_off_completes_each_running_handler_once_innermost_first(void **state)
{
	static struct olog log;
	const struct sim_obs *done[4], *power[4];
	struct pb b;
	struct sim_result r;
	(void)state;

	nested(&b);
	pb_psci(&b, 0, SIM_PSCI_CPU_OFF, SIM_NONE);
	pb_psci(&b, 1, SIM_PSCI_AFFINITY_INFO, 0);
	pb_expect(&b, 1);                            /* PE 0 is off */
	r = mt_run(&b, &log);
	assert_true(r.passed);
	assert_int_equal(r.steps_run, b.p.nsteps);
	assert_int_equal(of_kind(&log, SIM_OBS_COMPLETE, 0, done, 4), 2);
	assert_int_equal(done[0]->done, SIM_DONE_IMPLICIT);
	assert_int_equal(done[0]->event, EV_CRIT);
	assert_int_equal(done[0]->depth, 1);
	assert_int_equal(done[1]->done, SIM_DONE_IMPLICIT);
	assert_int_equal(done[1]->event, EV_NORM);
	assert_int_equal(done[1]->depth, 0);
	assert_int_equal(of_kind(&log, SIM_OBS_POWER, 0, power, 4), 1);
	assert_int_equal(power[0]->status, SIM_PE_OFF);
	assert_true(power[0]->time > done[1]->time);
	pb_free(&b);
}

static void system_off_turns_off_each_pe_still_on_once(void **state)
{
	static struct olog log;
	const struct sim_obs *power[4], *done[4];
	struct pb b;
	struct sim_result r;
	(void)state;

	nested(&b);
	pb_psci(&b, 3, SIM_PSCI_CPU_OFF, SIM_NONE);   /* off already: once, by CPU_OFF */
	pb_psci(&b, 0, SIM_PSCI_SYSTEM_OFF, SIM_NONE);
	r = mt_run(&b, &log);
	assert_true(r.passed);
	assert_int_equal(of_kind(&log, SIM_OBS_COMPLETE, 0, done, 4), 2);
	assert_int_equal(done[0]->event, EV_CRIT);
	assert_int_equal(done[1]->event, EV_NORM);
	for (unsigned pe = 0; pe < 4; pe++) {
		assert_int_equal(of_kind(&log, SIM_OBS_POWER, pe, power, 4), 1);
		assert_int_equal(power[0]->status, SIM_PE_OFF);
		assert_int_equal(power[0]->regs[0], SIM_PE_ON);
	}
	pb_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(psci_function_ids_are_the_specifications),
		cmocka_unit_test(cpu_off_completes_each_running_handler_once_innermost_first),
		cmocka_unit_test(system_off_turns_off_each_pe_still_on_once),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
