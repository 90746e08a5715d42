/*
 * test_saved_inputs.c DIR... - the fuzz inputs kept in the repository
 * (fuzz/regressions, fuzz/tests/data) set no header bit that names no
 * policy yet.  A policy added later takes the next spare bit, so an input
 * with it set would start running under that policy, no longer the
 * program it was kept for: kept-trigger-of-unregister-pending-shared-event
 * had byte 16 = 0xff and ran under bound_active and reset_signal once they
 * came.  A kept input clears the bits it did not choose.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fz_input.h"
#include "fz_run.h"
#include "hostfs.h"

static int ndirs;
static char **dirs;

/* The bits of header byte `byte` (16 and after) that some policy uses. */
static uint8_t policy_bits_of(unsigned byte)
{
	uint8_t used = 0;

	for (unsigned k = 0; k < FZ_POLICY_FLIPS; k++) {
		struct fz_header_bit b = fz_policy_bit(k);
		if (b.byte == byte)
			used |= b.mask;
	}
	return used;
}

/* Prints each spare bit path sets; the number of bytes with one. */
static unsigned spare_bits_in(const char *path)
{
	static uint8_t buf[FZ_MAX_INPUT];
	char why[300];
	size_t n;
	unsigned bad = 0;

	if (hostfs_read_file(path, buf, sizeof buf, &n, why, sizeof why) != 0) {
		print_error("%s:1:1: %s\n", path, why);
		return 1;
	}
	for (unsigned byte = 16; byte < FZ_HEADER_BYTES && byte < n; byte++) {
		uint8_t spare = (uint8_t)(buf[byte] & ~policy_bits_of(byte));
		if (spare) {
			print_error("%s: header byte %u is 0x%02x: bits 0x%02x name no policy yet; "
				    "clear them (fuzz/README.md)\n", path, byte, buf[byte], spare);
			bad++;
		}
	}
	return bad;
}

static void kept_inputs_set_no_spare_header_bit(void **state)
{
	struct hostfs_list l = { 0 };
	unsigned bad = 0, files = 0;

	(void)state;
	for (int d = 0; d < ndirs; d++)
		assert_int_equal(hostfs_walk(&l, dirs[d], NULL, "no input below the directory"), 0);
	for (size_t k = 0; k < l.n; k++) {
		if (l.v[k].error) {
			print_error("%s:1:1: %s\n", l.v[k].path, l.v[k].error);
			bad++;
			continue;
		}
		files++;
		bad += spare_bits_in(l.v[k].path);
	}
	hostfs_list_free(&l);
	assert_true(files > 0);
	assert_int_equal(bad, 0);
}

/* The check itself tells a spare bit from a policy's: the first spare
 * bit after the last policy is one, the last policy's bit is not. */
static void the_first_bit_after_the_last_policy_is_spare(void **state)
{
	struct fz_header_bit last = fz_policy_bit(FZ_POLICY_FLIPS - 1);
	struct fz_header_bit next = fz_policy_bit(FZ_POLICY_FLIPS);

	(void)state;
	assert_true(policy_bits_of(last.byte) & last.mask);
	assert_false(policy_bits_of(next.byte) & next.mask);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_first_bit_after_the_last_policy_is_spare),
		cmocka_unit_test(kept_inputs_set_no_spare_header_bit),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: test_saved_inputs DIR...\n");
		return 2;
	}
	ndirs = argc - 1;
	dirs = argv + 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
