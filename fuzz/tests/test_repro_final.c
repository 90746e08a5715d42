/*
 * test_repro_final.c - the oracle compares the dispatcher's final state
 * with the model's (fz_oracle_final), and the reproducer pins a final
 * state gone wrong with an EVENT_STATUS step at its end.
 *
 * Built against a core with fuzz/planted/02-missed-state-transition.patch
 * applied (DISABLE turns the interrupt off but leaves the event marked
 * enabled).  The input registers, enables and disables event 0 on PE 0
 * and ends: no call looks at the event afterwards.
 *
 *   wrong_final_state_is_a_finding  the run's only disagreement is the
 *                                   final one: event 0 on PE 0 is in
 *                                   state 3 (registered, enabled), the
 *                                   model's is 1 (registered);
 *   repro_asks_for_the_status_last  fz_repro keeps the three calls, adds
 *                                   EVENT_STATUS(0) on PE 0 expecting 1,
 *                                   and the program fails on its own.
 *
 * Before fz_oracle_final, this input found nothing: every call answered
 * what the specification allows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fz_input.h"
#include "fz_repro.h"
#include "fz_run_fixture.h"
#include "fz_vocab.h"
#include "sdd/sdd_spec.h"

static uint8_t input[FZ_HEADER_BYTES + 3 * FZ_RECORD_BYTES];
static struct fz_repro rp;

static void call(uint8_t *r, uint32_t fid)
{
	r[0] = fz_record_byte(FZ_R_CALL);
	r[2] = (uint8_t)(fid - SDD_FID_FIRST);
	r[3] = 0;                               /* the first valid event: 0 */
	r[4] = 0;                               /* (REGISTER) handler 0 */
}

static int setup(void **state)
{
	uint8_t *r = input + FZ_HEADER_BYTES;

	memset(input, 0, sizeof input);
	call(r, SDD_FID_EVENT_REGISTER);
	call(r + FZ_RECORD_BYTES, SDD_FID_EVENT_ENABLE);
	call(r + 2 * FZ_RECORD_BYTES, SDD_FID_EVENT_DISABLE);
	return fz_run_fixture_setup(state);
}

static void wrong_final_state_is_a_finding(void **state)
{
	const struct fz_disagreement *d = &fixture_run.oracle.bad;
	(void)state;

	assert_false(fz_run_one(&fixture_run, input, sizeof input));
	assert_true(fixture_run.oracle.failed);
	assert_int_equal(d->kind, FZ_D_FINAL);
	assert_int_equal(d->pe, 0);
	assert_int_equal(d->event, 0);
	assert_int_equal(d->got, SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED);
	assert_int_equal(d->want, SDD_STATUS_REGISTERED);
	assert_non_null(strstr(fixture_run.finding, "at the end of the run: event 0x0 on PE 0 is in state 3"));
}

static void repro_asks_for_the_status_last(void **state)
{
	const struct sim_program *p = &fixture_run.prog;
	const struct sim_op *last;
	(void)state;

	assert_int_equal(fz_repro(&fixture_run, input, sizeof input, false, &rp), 0);
	assert_int_equal(rp.len, sizeof input);          /* nothing to drop */
	assert_int_equal(p->nsteps, 4);
	last = &p->steps[3];
	assert_int_equal(last->kind, SIM_OP_CALL);
	assert_int_equal(last->pe, 0);
	assert_true(last->fid.u == SDD_FID_EVENT_STATUS);
	assert_int_equal(last->nchecks, 1);
	assert_true(p->checks[last->checks].m.a.u == SDD_STATUS_REGISTERED);
	assert_true(rp.expressed);
	assert_true(rp.verified);
	assert_int_equal(rp.res.fail_kind, SIM_FAIL_EXPECT);
	assert_int_equal(rp.res.step, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wrong_final_state_is_a_finding),
		cmocka_unit_test(repro_asks_for_the_status_last),
	};
	return cmocka_run_group_tests(tests, setup, fz_run_fixture_teardown);
}
