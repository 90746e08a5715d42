/*
 * test_repro_migrate.c - `sdeisim repro --harness fuzz_migrate` keeps the
 * byte after an input's last whole record: fuzz_migrate takes the step it
 * migrates before from it (fz_migrate_cut).
 *
 *   test_repro_migrate INPUT
 *
 * Built against a core with fuzz/planted/08-migration-drops-pending.patch
 * applied.  INPUT (fuzz/tests/data/migrate-cut-in-tail.bin) is what
 * fuzz_migrate found on that bug starting from nothing: 41 records and 7
 * bytes after them, and the first of those says where to migrate.
 *
 *   finding_needs_the_tail  the input finds the bug, and the same input
 *                           cut to its whole records does not (so the test
 *                           below tests what it says);
 *   repro_keeps_the_tail    fz_repro finds it too, minimises it, and the
 *                           program it writes fails on its own.
 *
 * Before the fix fz_repro cut every input to whole records and reported
 * that the finding did not come back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "fz_repro.h"
#include "fz_run_fixture.h"

static uint8_t input[4096];
static size_t input_len;
static struct fz_repro rp;

static void finding_needs_the_tail(void **state)
{
	size_t whole = FZ_HEADER_BYTES + (input_len - FZ_HEADER_BYTES) / FZ_RECORD_BYTES * FZ_RECORD_BYTES;

	(void)state;
	assert_true(input_len > whole);
	assert_false(fz_run_migrated(&fixture_run, input, input_len));
	assert_true(fz_run_migrated(&fixture_run, input, whole));
}

static void repro_keeps_the_tail(void **state)
{
	(void)state;
	assert_int_equal(fz_repro(&fixture_run, input, input_len, true, &rp), 0);
	assert_true(rp.len <= input_len);
	assert_int_equal((rp.len - FZ_HEADER_BYTES) % FZ_RECORD_BYTES, 1);
	assert_true(rp.expressed);
	assert_true(rp.verified);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finding_needs_the_tail),
		cmocka_unit_test(repro_keeps_the_tail),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: test_repro_migrate INPUT\n");
		return 2;
	}
	if (fz_run_fixture_read(argv[1], input, sizeof input, &input_len) != 0)
		return 2;
	return cmocka_run_group_tests(tests, fz_run_fixture_setup, fz_run_fixture_teardown);
}
