/*
 * test_repro_dispatch.c INPUT OUT FAULT - `sdeisim repro` pins a handler
 * entered that should not have been (the model's DISPATCH disagreement)
 * by what a correct dispatcher does there, and not by the entries before
 * it, exactly: a correct dispatcher may enter more handlers in the step
 * (the event it should have taken, the event on its right PE), and that
 * exact list failed on the real core too.  FAULT is the model's reason
 * the input finds (enum rm_dispatch_fault):
 *
 *   first     a normal event taken while a critical one pending for the
 *             PE had to go first: planted bug 43 (critical events at the
 *             normal GIC priority: of two pending interrupts the lower
 *             INTID, the normal event's, is taken), on the seed of
 *             scenarios/nesting/pending-critical-runs-before-pending-
 *             normal.yaml; pinned as the entries up to it, then the
 *             critical one on that PE (expect_dispatches {starts_with:
 *             [...]}).  The exact list failed on the core with "expected
 *             1 handler entry, got 3".
 *   not_now   an event taken where it could not be: planted bug 16 (a
 *             shared event routed RM_PE elsewhere while its interrupt was
 *             held taken by the PE that held it), on the seed of
 *             scenarios/races/routing-set-after-acknowledge-sends-trigger-
 *             to-new-target.yaml; pinned as no entry of the event on that
 *             PE in the step (expect_dispatches {excludes: [...]}).
 *             Here the exact list (none) would pass on the core too:
 *             minimising drops PE 1's PE_UNMASK, which the finding does
 *             not need; with it, as in the scenario, a correct dispatcher
 *             enters the handler on PE 1 in that step, and the exact list
 *             fails there ("expected 0 handler entries, got 1").
 *   nested    a handler nested where nesting is refused: planted bug 44
 *             (the nesting rules left to the GIC, a bound interrupt
 *             programmed at the critical priority: the bound event,
 *             raised by a running normal handler, preempts it), on the
 *             seed of scenarios/nesting/bound-event-raised-by-normal-
 *             handler-waits-for-it.yaml; pinned as no entry of the event
 *             on that PE at that depth in the step (expect_dispatches
 *             {excludes: [{..., depth: 2}]}): a correct dispatcher enters
 *             it there too, at depth 1, once the handler completed.
 *
 *   Both again on inputs fuzzing from nothing found (fuzz.repro_dispatch_
 *   *_runs_through), whose programs fail on their own after the finding:
 *   data/critical-and-normal-resume-back-to-back.bin (43, fuzz_core: the
 *   two events share a handler that resumes at the resume pad; the second
 *   entry interrupts the pad and resumes into itself) and data/bound-
 *   event-handler-raises-itself.bin (44, fuzz_sdei: the bound event shares
 *   the handler that raises its interrupt, and raises it for ever).  The
 *   reproducer must run through (another handler for one of the events):
 *   it failed on the real core too, before its pin.  And on one whose
 *   program runs through on the bug and not on a correct dispatcher
 *   (fuzz.repro_dispatch_nested_at_resume_pad: data/bound-raised-at-
 *   resume-pad.bin, 44 from nothing, fuzz_core, libFuzzer seed 2): the
 *   normal handler raises the bound interrupt and resumes at the resume
 *   pad; the bug enters the bound event's handler, which resumes at the
 *   pad too, nested over it, a correct dispatcher at the pad itself,
 *   which then resumes into itself.  The reproducer's bound event must
 *   run the plain handler (EVENT_COMPLETE(HANDLED) alone), which
 *   minimising kept from it before: it failed on the real core so.
 *
 *   input_finds_the_bug    the input's finding is a DISPATCH of FAULT;
 *   repro_pins_the_right   the reproducer's last expect_dispatches is the
 *                          pin above, and it fails on its own; it is
 *                          written to OUT, which
 *                          fuzz.repro_dispatch_*_passes_on_core runs on
 *                          the real core.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fz_input.h"
#include "fz_repro.h"
#include "fz_repro_fixture.h"
#include "fz_run_fixture.h"
#include "scn.h"

static const char *out;
static unsigned fault;
static struct fz_repro rp;

/* Is the event d names as the one first a critical event of the platform? */
static bool first_is_critical(const struct fz_disagreement *d)
{
	const struct rm_platform *p = &fixture_run.oracle.model.p;

	for (unsigned k = 0; k < p->nevents; k++)
		if ((uint64_t)(uint32_t)p->events[k].number == d->want)
			return p->events[k].critical;
	return false;
}

/* The depth of the handler entry the finding of input (run again, with a
 * log) is about. */
static unsigned entered_depth(const uint8_t *input, size_t len)
{
	const struct fz_disagreement *d = &fixture_run.oracle.bad;
	struct fz_log *log = fz_repro_fixture_log(input, len);
	unsigned depth = 0;

	for (uint32_t k = 0; k < log->n; k++)
		if (log->o[k].kind == SIM_OBS_DISPATCH && log->o[k].time == d->time)
			depth = log->o[k].depth;
	free(log);
	assert_int_not_equal(depth, 0);
	return depth;
}

static void input_finds_the_bug(void **state)
{
	const struct fz_disagreement *d = &fixture_run.oracle.bad;

	(void)state;
	assert_false(fz_run_one(&fixture_run, fixture_input, fixture_len));
	assert_true(fixture_run.oracle.failed);
	assert_int_equal(d->kind, FZ_D_DISPATCH);
	assert_int_equal(d->part, fault);
	if (fault == RM_DF_FIRST)
		assert_true(first_is_critical(d));
	if (fault == RM_DF_NESTED)          /* a normal event over a normal handler */
		assert_int_equal(entered_depth(fixture_input, fixture_len), 2);
}

static void repro_pins_the_right(void **state)
{
	struct sim_program *p = &fixture_run.prog;
	const struct fz_disagreement *d = &fixture_run.oracle.bad;
	const struct sim_op *pin;
	const struct sim_expect_dispatch *last;
	uint64_t depth = 0;

	(void)state;
	pin = fz_repro_fixture_pin(&rp);
	assert_int_equal(d->kind, FZ_D_DISPATCH);
	assert_int_equal(d->part, fault);
	assert_true(pin->nlist >= 1);
	last = &p->dispatches[pin->list + pin->nlist - 1];
	assert_int_equal(last->pe.a.u, d->pe);
	if (fault == RM_DF_FIRST) {
		assert_int_equal(pin->form, SIM_LIST_STARTS);
		assert_int_equal(last->event.a.u, d->want);
	} else {
		assert_int_equal(pin->form, SIM_LIST_EXCLUDES);
		assert_int_equal(pin->nlist, 1);
		assert_int_equal(last->event.a.u, (uint32_t)d->event);
		/* a refused nesting is excluded at its depth only */
		assert_int_equal(last->has_depth, fault == RM_DF_NESTED);
		depth = last->has_depth ? last->depth.a.u : 0;
	}

	fz_repro_fixture_write(out);
	if (fault == RM_DF_NESTED)          /* (runs the minimised input again: after the write) */
		assert_int_equal(depth, entered_depth(rp.input, rp.len));
}

/* The model's verdict is what these pin: the harness runs without the
 * simulator's invariants, which report planted bugs 43 and 44 first, at
 * the dispatch (X1: a handler at another class's priority; X4). */
static int setup(void **state)
{
	int e = fz_run_fixture_setup_input(state);

	fixture_run.no_invariants = true;
	return e;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(input_finds_the_bug),
		cmocka_unit_test(repro_pins_the_right),
	};

	static const struct { const char *name; unsigned fault; } faults[] = {
		{ "first", RM_DF_FIRST }, { "nested", RM_DF_NESTED }, { "not_now", RM_DF_NOT_NOW },
	};

	for (unsigned k = 0; argc == 4 && k < sizeof faults / sizeof faults[0]; k++)
		if (strcmp(argv[3], faults[k].name) == 0)
			fault = faults[k].fault;
	if (!fault) {
		fprintf(stderr, "usage: test_repro_dispatch INPUT OUT first|nested|not_now\n");
		return 2;
	}
	fixture_path = argv[1];
	out = argv[2];
	return cmocka_run_group_tests(tests, setup, fz_run_fixture_teardown);
}
