/*
 * test_repro_plain.c - `sdeisim repro` leaves in the reproducer only what
 * the finding needs: the operands a mutation left behind go back to their
 * plainest value (PE 0, the first value of each role, the default
 * platform) when the finding stays without them, and the reproducer is
 * named for its own steps.
 *
 * Built against a core with fuzz/planted/01-wrong-error-code.patch
 * applied (ENABLE of an event in a state that forbids it answers
 * INVALID_PARAMETERS instead of DENIED).  The input: a non-default
 * platform header, a VERSION call, and ENABLE of event 0 (not
 * registered) with the PE byte and the four arguments ENABLE ignores set
 * to noise.
 *
 *   noisy_input_finds_the_bug  the input finds the bug as it is;
 *   repro_clears_the_noise     fz_repro drops the VERSION call, keeps the
 *                              ENABLE call and its event, sets every other
 *                              byte to its plain value, names the
 *                              reproducer for its own step, and the
 *                              program it writes fails on its own.
 *
 * Before the change fz_repro kept every operand byte as the fuzzer left
 * it: the reproducers showed arguments like 0x1FFFFFFFF and unset
 * variables that had nothing to do with the bug.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fz_input.h"
#include "fz_repro.h"
#include "fz_run_fixture.h"
#include "fz_vocab.h"
#include "sdd/sdd_spec.h"

static uint8_t input[FZ_HEADER_BYTES + 2 * FZ_RECORD_BYTES];
static struct fz_repro rp;

static int setup(void **state)
{
	uint8_t *r = input + FZ_HEADER_BYTES;

	memset(input, 0, sizeof input);
	input[1] = 0x01;                        /* the HVC conduit */
	input[3] = 7;                           /* 39 SPIs */
	r[0] = fz_record_byte(FZ_R_CALL);       /* a VERSION call the finding does not need */
	r += FZ_RECORD_BYTES;
	r[0] = fz_record_byte(FZ_R_CALL);
	r[1] = 0x05;                            /* PE 5 % 1: PE 0, the long way */
	r[2] = (uint8_t)(SDD_FID_EVENT_ENABLE - SDD_FID_FIRST);
	r[3] = 0;                               /* the first valid event: 0 */
	r[4] = 0x5A;                            /* arguments ENABLE does not read */
	r[5] = 0xC3;
	r[6] = 0x77;
	r[7] = 0x21;
	return fz_run_fixture_setup(state);
}

static void noisy_input_finds_the_bug(void **state)
{
	(void)state;
	assert_false(fz_run_one(&fixture_run, input, sizeof input));
}

static void repro_clears_the_noise(void **state)
{
	static const uint8_t plain_record[FZ_RECORD_BYTES] = { 0, 0, 0, 0, 0, 0, 0, 0 };
	static uint8_t buf[FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES];
	const uint8_t *r = rp.input + FZ_HEADER_BYTES;
	struct sim_program plain;

	(void)state;
	assert_int_equal(fz_repro(&fixture_run, input, sizeof input, false, &rp), 0);
	assert_int_equal(rp.len, FZ_HEADER_BYTES + FZ_RECORD_BYTES);
	assert_int_equal(r[0], fz_record_byte(FZ_R_CALL));
	assert_int_equal(r[2], SDD_FID_EVENT_ENABLE - SDD_FID_FIRST);
	assert_memory_equal(r + 3, plain_record, 5);
	assert_int_equal(r[1], 0);
	/* the header is the default platform's (the noise in bytes 1 and 3 gone) */
	sim_program_init(&plain);
	assert_true(fz_encode(&plain, buf, sizeof buf) >= FZ_HEADER_BYTES);
	sim_program_free(&plain);
	assert_memory_equal(rp.input + 1, buf + 1, FZ_HEADER_BYTES - 1);
	assert_true(rp.expressed);
	assert_true(rp.verified);
	/* the reproducer is named for its own step, not the input's */
	assert_non_null(strstr(rp.finding, "step 2:"));
	assert_non_null(strstr(rp.minimised, "step 1:"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(noisy_input_finds_the_bug),
		cmocka_unit_test(repro_clears_the_noise),
	};
	return cmocka_run_group_tests(tests, setup, fz_run_fixture_teardown);
}
