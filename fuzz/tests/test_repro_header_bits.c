/*
 * test_repro_header_bits.c INPUT - `sdeisim repro` clears the header bits
 * a finding does not need one by one, not only whole bytes: a header byte
 * packs several fields and policy bits, and one the finding needs a bit
 * of was kept whole, its noise with it - spare policy bits included, which
 * the next policy would read as set (fuzz/README.md).
 *
 * Built against a core with fuzz/planted/41-register-drops-kept-trigger
 * applied (REGISTER drops a trigger kept under unreg_trigger keep, the
 * policy of header byte 16 bit 0).  INPUT: fuzz/tests/data/register-drops-
 * kept-trigger.bin, the seed fuzz_seeds makes of the scenario
 * dispatch/trigger-while-unregistered-kept-under-unreg-trigger-keep.yaml;
 * the test sets every other bit of its header bytes 16 and 17, as a
 * fuzzer's mutations may (fuzz/regressions' kept-trigger input had them).
 *
 *   input_finds_the_bug            it finds the planted bug as it is;
 *   repro_keeps_only_the_policy_bit fz_repro's reproducer keeps byte 16's
 *                                  bit 0 alone (it kept 0xff) and still
 *                                  finds the bug.
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

static struct fz_repro rp;

static int setup(void **state)
{
	if (fz_run_fixture_setup_input(state) != 0)
		return -1;
	fixture_input[16] = 0xff;               /* noise beside the policy bit */
	fixture_input[17] = 0xff;
	return 0;
}

static void input_finds_the_bug(void **state)
{
	(void)state;
	assert_int_equal(fixture_input[16] & fz_policy_bit(17).mask, fz_policy_bit(17).mask);
	assert_false(fz_run_one(&fixture_run, fixture_input, fixture_len));
}

static void repro_keeps_only_the_policy_bit(void **state)
{
	struct fz_header_bit unreg_trigger = fz_policy_bit(17);

	(void)state;
	assert_int_equal(unreg_trigger.byte, 16);
	assert_int_equal(fz_repro(&fixture_run, fixture_input, fixture_len, false, &rp), 0);
	assert_true(rp.len >= FZ_HEADER_BYTES);
	assert_int_equal(rp.input[16], unreg_trigger.mask);
	assert_int_equal(rp.input[17], 0);
	assert_false(fz_run_one(&fixture_run, rp.input, rp.len));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(input_finds_the_bug),
		cmocka_unit_test(repro_keeps_only_the_policy_bit),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: test_repro_header_bits INPUT\n");
		return 2;
	}
	fixture_path = argv[1];
	return cmocka_run_group_tests(tests, setup, fz_run_fixture_teardown);
}
