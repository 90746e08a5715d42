/*
 * test_repro_same_answer.c INPUT - `sdeisim repro` keeps the finding it
 * was given while it drops records: the same call with the same answer
 * and the same answers allowed, not another disagreement of that call.
 *
 * Built against a core with fuzz/planted/03-mpidr-off-by-one applied (the
 * last PE's MPIDR is not found: INVALID_PARAMETERS).  INPUT: fuzz/tests/
 * data/register-again-names-last-pe.bin, the seed fuzz_seeds makes of
 * this scenario:
 *
 *   - {pe: 0, call: INTERRUPT_BIND, args: [40], save: ev}
 *   - {pe: 0, call: EVENT_REGISTER, args: [$ev, h, 0, RM_PE, 0], expect: SUCCESS}
 *   - {pe: 0, call: EVENT_REGISTER, args: [$ev, h, 0, RM_PE, 3], expect: DENIED}
 *
 * The planted core answers the second REGISTER INVALID_PARAMETERS where
 * the specification allows DENIED (registered already).  Without the
 * first REGISTER the same call is allowed SUCCESS, and the planted core
 * still answers INVALID_PARAMETERS: dropping that record kept "the call
 * and what it answered", and the reproducer expected SUCCESS - another
 * disagreement than the one the fuzzer found (tools/fuzz-nightly's
 * triage, which keys findings by the answers allowed too, saw its
 * reproducer fail with another finding's signature).
 *
 *   input_finds_the_bug          the input finds it, DENIED allowed;
 *   repro_keeps_what_was_allowed fz_repro's reproducer still has the
 *                                first REGISTER, and its finding allows
 *                                DENIED, as the input's did.
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
#include "hostfs.h"
#include "sdd/sdd_spec.h"

static const char *path;
static uint8_t input[FZ_MAX_INPUT];
static size_t len;
static struct fz_repro rp;

static int setup(void **state)
{
	char why[300];

	if (hostfs_read_file(path, input, sizeof input, &len, why, sizeof why) != 0 || len < FZ_HEADER_BYTES) {
		print_error("%s:1:1: %s\n", path, len < FZ_HEADER_BYTES ? "shorter than a header" : why);
		return -1;
	}
	return fz_run_fixture_setup(state);
}

/* The model allowed exactly DENIED, and the dispatcher answered
 * INVALID_PARAMETERS, to EVENT_REGISTER. */
static void assert_denied_allowed(const struct fz_disagreement *d)
{
	assert_int_equal(d->kind, FZ_D_CALL);
	assert_int_equal(d->fid, SDD_FID_EVENT_REGISTER);
	assert_int_equal(d->got, SDD_INVALID_PARAMETERS);
	assert_int_equal(d->allowed.kind, RM_V_VALUES);
	assert_int_equal(d->allowed.n, 1);
	assert_int_equal(d->allowed.values[0], SDD_DENIED);
}

static void input_finds_the_bug(void **state)
{
	(void)state;
	assert_false(fz_run_one(&fixture_run, input, len));
	assert_denied_allowed(&fixture_run.oracle.bad);
}

static void repro_keeps_what_was_allowed(void **state)
{
	(void)state;
	assert_int_equal(fz_repro(&fixture_run, input, len, false, &rp), 0);
	assert_false(fz_run_one(&fixture_run, rp.input, rp.len));
	assert_denied_allowed(&fixture_run.oracle.bad);
	assert_true(rp.verified);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(input_finds_the_bug),
		cmocka_unit_test(repro_keeps_what_was_allowed),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: test_repro_same_answer INPUT\n");
		return 2;
	}
	path = argv[1];
	return cmocka_run_group_tests(tests, setup, fz_run_fixture_teardown);
}
