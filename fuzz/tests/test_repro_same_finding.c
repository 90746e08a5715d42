/*
 * test_repro_same_finding.c INPUT TEXT - `sdeisim repro` keeps the
 * finding it was given while it minimises: the reproducer's finding says
 * TEXT as the input's does, not another disagreement of the same call or
 * event.  Built against a planted core (fuzz/tests/CMakeLists.txt says
 * which), on the seed fuzz_seeds makes of a scenario:
 *
 *  - planted 03 (the last PE's MPIDR is not found), INPUT data/register-
 *    again-names-last-pe.bin, TEXT "allows DENIED":
 *      - {pe: 0, call: INTERRUPT_BIND, args: [40], save: ev}
 *      - {pe: 0, call: EVENT_REGISTER, args: [$ev, h, 0, RM_PE, 0], expect: SUCCESS}
 *      - {pe: 0, call: EVENT_REGISTER, args: [$ev, h, 0, RM_PE, 3], expect: DENIED}
 *    The second REGISTER answers INVALID_PARAMETERS where DENIED is
 *    allowed; without the first, the same call with the same answer is
 *    allowed SUCCESS, and the reproducer pinned that (the signature named
 *    the call and its answer only).
 *  - planted 05 (PE_UNMASK forgets what fired while masked), INPUT data/
 *    shared-rm-pe-fired-while-masked.bin, TEXT "(shared, RM_PE)": a
 *    shared platform event registered RM_PE to PE 0, fired while PE 0 is
 *    masked, never runs after PE_UNMASK.  The event's number stays when
 *    its type goes back to the default header's (private), and the bug
 *    is found as well: the signature named the kind and the number only,
 *    and the reproducer pinned another finding.
 *
 *  - planted 42 (EVENT_COMPLETE refuses a status above 1), INPUT data/
 *    complete-other-status.bin, TEXT "allows completion (no return)": the
 *    seed of scenarios/calls/complete-other-status-ends-the-handler.yaml,
 *    whose handler completes with status 2.  A COMPLETE that must not
 *    return has no answer to expect, and the reproducer was not pinned
 *    (it passed on the bug); a completing call is given x0 = 0, so it is
 *    pinned as `expect: 0`.
 *
 * (tools/fuzz-nightly's triage tells findings apart by those texts: 3 of 7
 * reproducers of a nightly run failed with another finding's signature.)
 *
 *   input_finds_the_bug        the input finds it, saying TEXT;
 *   repro_keeps_the_finding    the reproducer finds it saying TEXT too,
 *                              and the program fails on its own.
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

static const char *text;
static struct fz_repro rp;

static void assert_says(const char *finding)
{
	if (strstr(finding, text) == NULL)
		fail_msg("the finding does not say '%s': %s", text, finding);
}

static void input_finds_the_bug(void **state)
{
	(void)state;
	assert_false(fz_run_one(&fixture_run, fixture_input, fixture_len));
	assert_says(fixture_run.finding);
}

static void repro_keeps_the_finding(void **state)
{
	(void)state;
	assert_int_equal(fz_repro(&fixture_run, fixture_input, fixture_len, false, &rp), 0);
	assert_says(rp.minimised);
	assert_true(rp.verified);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(input_finds_the_bug),
		cmocka_unit_test(repro_keeps_the_finding),
	};

	if (argc != 3) {
		fprintf(stderr, "usage: test_repro_same_finding INPUT TEXT\n");
		return 2;
	}
	fixture_path = argv[1];
	text = argv[2];
	return cmocka_run_group_tests(tests, fz_run_fixture_setup_input, fz_run_fixture_teardown);
}
