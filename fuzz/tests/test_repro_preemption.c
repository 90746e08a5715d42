/*
 * test_repro_preemption.c INPUT OUT - `sdeisim repro` pins a COMPLETE that
 * came before a dispatch that had to come first (the model's verdict
 * RM_V_NOTHING): a critical event owed to a PE running a normal handler
 * preempts that handler before its COMPLETE.  Built against the core with
 * planted bug 43 (critical events at the normal GIC priority: the
 * critical handler runs after the normal one completes), on the seed
 * fuzz_seeds makes of scenarios/nesting/critical-raised-by-normal-
 * handler-preempts-before-its-complete.yaml: the normal handler raises
 * the critical PPI and completes.  The entries are the same either way
 * (normal, then critical), in the same step; their depths differ.
 *
 *   input_finds_the_bug       the input finds the COMPLETE, with no
 *                             answer allowed (RM_V_NOTHING);
 *   repro_pins_the_nesting    the reproducer expects the critical entry,
 *                             nested (depth 2), among the step's entries
 *                             (expect_dispatches {includes: [...]}), and
 *                             fails on its own; it is written to OUT,
 *                             which fuzz.repro_preemption_passes_on_core
 *                             runs on the real core.
 *
 * Before, repro gave up on that verdict ("no expectation on x0 says so"):
 * the reproducer it wrote passed on the bug.
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
#include "fz_repro_fixture.h"
#include "fz_run_fixture.h"
#include "scn.h"

static const char *out;
static struct fz_repro rp;

static void input_finds_the_bug(void **state)
{
	const struct fz_disagreement *d = &fixture_run.oracle.bad;

	(void)state;
	assert_false(fz_run_one(&fixture_run, fixture_input, fixture_len));
	assert_true(fixture_run.oracle.failed);
	assert_int_equal(d->kind, FZ_D_CALL);
	assert_int_equal(d->allowed.kind, RM_V_NOTHING);
}

static void repro_pins_the_nesting(void **state)
{
	struct sim_program *p = &fixture_run.prog;
	const struct sim_op *pin;

	(void)state;
	pin = fz_repro_fixture_pin(&rp);
	assert_int_equal(fixture_run.oracle.bad.allowed.kind, RM_V_NOTHING);
	assert_int_equal(pin->form, SIM_LIST_INCLUDES);
	assert_int_equal(pin->nlist, 1);
	assert_true(p->dispatches[pin->list].has_depth);
	assert_int_equal(p->dispatches[pin->list].depth.a.u, 2);
	assert_int_equal(p->dispatches[pin->list].event.a.u, 0x40000200);

	fz_repro_fixture_write(out);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(input_finds_the_bug),
		cmocka_unit_test(repro_pins_the_nesting),
	};

	if (argc != 3) {
		fprintf(stderr, "usage: test_repro_preemption INPUT OUT\n");
		return 2;
	}
	fixture_path = argv[1];
	out = argv[2];
	return cmocka_run_group_tests(tests, fz_run_fixture_setup_input, fz_run_fixture_teardown);
}
