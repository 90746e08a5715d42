/*
 * test_repro_describe.c - the description `sdeisim repro` gives the YAML
 * it writes says what the verdict says: only a reproducer that fails on
 * its own claims to fail as the finding did.  (An unpinned one said "It
 * fails as the finding did; once the bug is fixed it passes: keep it as
 * the regression test. Note: ..." and passed with the bug.)
 *
 *   pinned_and_verified_says_it_fails
 *   verified_first_by_a_fault_says_which
 *   unpinned_says_it_passes_with_the_bug
 *   unpinned_without_a_note_has_no_empty_parentheses
 *   unverified_says_it_did_not_fail
 *   failing_by_the_simulators_own_fault_says_to_report_it_to_sdeisim
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fz_repro.h"

static struct fz_repro rp;
static char text[1200];

static void describe(bool expressed, bool verified, const char *note)
{
	memset(&rp, 0, sizeof rp);
	rp.original_len = 204;
	rp.len = 60;
	rp.expressed = expressed;
	rp.verified = verified;
	strcpy(rp.note, note);
	fz_repro_describe(&rp, false, text, sizeof text);
	assert_non_null(strstr(text, "Written by sdeisim repro from a fuzz_sdei input, minimised from 204 to 60 bytes."));
}

static void pinned_and_verified_says_it_fails(void **state)
{
	(void)state;
	describe(true, true, "");
	assert_non_null(strstr(text, "It fails as the finding did; once the bug is fixed it passes"));
}

/* A model's finding whose program the simulator's own checks stop first
 * (the bug breaks an invariant before the expectations are reached) says
 * so, with the check's message. */
static void verified_first_by_a_fault_says_which(void **state)
{
	(void)state;
	memset(&rp, 0, sizeof rp);
	rp.expressed = rp.verified = rp.first_by_fault = true;
	rp.res.fail_kind = SIM_FAIL_INVARIANT;
	strcpy(rp.res.message, "PE 0 runs the handler of event 0x40000200 at priority 0x70, its class's is 0x60");
	fz_repro_describe(&rp, false, text, sizeof text);
	assert_null(strstr(text, "It fails as the finding did"));
	assert_non_null(strstr(text, "It fails first by a check the simulator makes of every run, which the bug "
				     "breaks too (PE 0 runs the handler of event 0x40000200 at priority 0x70, its "
				     "class's is 0x60); its expectations pin the finding"));
	assert_non_null(strstr(text, "Once the bug is fixed it passes"));
}

static void unpinned_says_it_passes_with_the_bug(void **state)
{
	(void)state;
	describe(false, false, "no expectation on x0 says so");
	assert_null(strstr(text, "It fails as the finding did"));
	assert_non_null(strstr(text, "It does not pin the finding (no expectation on x0 says so)"));
	assert_non_null(strstr(text, "passes with the bug too"));
}

/* Without a note (no path leaves one out today), no empty "()". */
static void unpinned_without_a_note_has_no_empty_parentheses(void **state)
{
	(void)state;
	describe(false, false, "");
	assert_null(strstr(text, "()"));
	assert_non_null(strstr(text, "It does not pin the finding: it runs"));
}

static void unverified_says_it_did_not_fail(void **state)
{
	(void)state;
	describe(true, false, "the program with its expectations passes when run alone");
	assert_null(strstr(text, "It fails as the finding did"));
	assert_non_null(strstr(text, "did not when run alone (the program with its expectations passes"));
}

/* A finding that is the simulator's own fault (its GIC model broke an
 * invariant by itself) is no regression test of the dispatcher: the
 * description says whose it is, and where it goes. */
static void failing_by_the_simulators_own_fault_says_to_report_it_to_sdeisim(void **state)
{
	(void)state;
	memset(&rp, 0, sizeof rp);
	rp.expressed = rp.verified = true;
	rp.res.fail_kind = SIM_FAIL_SIMULATOR;
	strcpy(rp.res.message, "the simulator's own fault (GIC model), not the dispatcher's - please report it to "
			       "sdeisim: GIC invariant G1 violated: G1: PE 0: RPR 0x70, ack list says 0xff");
	fz_repro_describe(&rp, false, text, sizeof text);
	assert_null(strstr(text, "keep it as the regression test"));
	assert_non_null(strstr(text, "It fails as the finding did: by a fault of the simulator itself, not of the "
				     "dispatcher - please report it to sdeisim, with this file."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pinned_and_verified_says_it_fails),
		cmocka_unit_test(verified_first_by_a_fault_says_which),
		cmocka_unit_test(unpinned_says_it_passes_with_the_bug),
		cmocka_unit_test(unpinned_without_a_note_has_no_empty_parentheses),
		cmocka_unit_test(unverified_says_it_did_not_fail),
		cmocka_unit_test(failing_by_the_simulators_own_fault_says_to_report_it_to_sdeisim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
