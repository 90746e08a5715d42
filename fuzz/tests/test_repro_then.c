/*
 * test_repro_then.c INPUT OUT KIND - `sdeisim repro` pins a handler entry
 * the buggy run got wrong (ENTRY) and an event it left owed (SETTLED) by
 * what a correct dispatcher must do there, not by every entry of the step
 * up to it, exactly: a correct dispatcher may enter more in that step (the
 * right handler does something the wrong one did not; the owed event's
 * handler runs), which the buggy run cannot show, and that exact list
 * failed on the real core too.  KIND:
 *
 *   entry     planted bug 11 (a REGISTER of a private event moves the
 *             entry point on every PE where it is registered), on the
 *             seed of scenarios/dispatch/private-registration-on-another-
 *             pe-keeps-entry-point.yaml: the second entry on PE 0 is at
 *             PE 1's handler; on the real core PE 0's handler raises
 *             PE 1's event again after it.  Pinned as the entries up to
 *             it, then it at the registered handler (expect_dispatches
 *             {starts_with: [...]}).  The exact list failed on the core
 *             with "expected 3 handler entries, got 4".
 *   settled   planted bug 43 (critical events at the normal GIC
 *             priority), on the seed of scenarios/nesting/critical-
 *             raised-from-another-pe-preempts-yielded-handler.yaml: a
 *             critical event owed to PE 0 over its yielded normal
 *             handler; on the real core it runs that handler, which
 *             raises PE 1's event again after it.  Pinned as the owed
 *             event entered on its PE once more than the buggy run
 *             entered it there ({includes: [...]}).  The exact list
 *             failed on the core with "expected 3 handler entries, got 4".
 *             And planted bug 05 (PE_UNMASK forgets what fired while the
 *             PE was masked) on data/shared-rm-pe-fired-while-masked.bin
 *             (test_repro_same_finding.c): a shared event, pinned on any
 *             PE, as the model names the first PE that could take it and
 *             a correct dispatcher may take it on another (RM_ANY) or
 *             before a ROUTING_SET moves it (RM_PE).
 *             And planted bug 20 (a masked PE's trigger not set pending
 *             again) on data/bound-ppi-fired-masked-then-unmasked.bin
 *             (an episode: BIND, REGISTER, ENABLE, the PPI on the masked
 *             PE, PE_UNMASK last): the trigger left owed by the last
 *             step is that step's SETTLED finding; it was the final
 *             state's (a trigger lost), pinned as the PPI pending at the
 *             end, which failed on the real core: there the PE_UNMASK
 *             takes it.
 *
 *   input_finds_the_bug   the input's finding is of KIND;
 *   repro_pins_the_right  the reproducer's last expect_dispatches is the
 *                         pin above, and fails on its own; it is written
 *                         to OUT, which fuzz.repro_KIND_passes_on_core
 *                         runs on the real core.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
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
static unsigned kind;
static struct fz_repro rp;

/* Is event a shared event of the fixture's platform? */
static bool is_shared(int32_t event)
{
	const struct rm_platform *p = &fixture_run.oracle.model.p;

	for (unsigned k = 0; k < p->nevents; k++)
		if (p->events[k].number == event)
			return p->events[k].shared;
	return false;
}

/* The entries of event on pe (any PE when negative) in the run of the
 * minimised input up to the end of step `step`: the buggy run the
 * reproducer was made from. */
static unsigned entries_before(int32_t event, int pe, uint32_t step)
{
	struct fz_log *log = fz_repro_fixture_log(rp.input, rp.len);
	unsigned n = 0;

	for (uint32_t k = 0; k < log->n; k++)
		if (log->o[k].kind == SIM_OBS_DISPATCH && log->o[k].step <= step && log->o[k].event == event &&
		    (pe < 0 || log->o[k].pe == (unsigned)pe))
			n++;
	free(log);
	return n;
}

static void input_finds_the_bug(void **state)
{
	(void)state;
	assert_false(fz_run_one(&fixture_run, fixture_input, fixture_len));
	assert_true(fixture_run.oracle.failed);
	assert_int_equal(fixture_run.oracle.bad.kind, kind);
}

static void repro_pins_the_right(void **state)
{
	const struct sim_program *p = &fixture_run.prog;
	struct fz_disagreement d;
	const struct sim_op *pin;
	struct sim_expect_dispatch last;
	uint8_t form;
	uint32_t n;
	bool shared;

	(void)state;
	pin = fz_repro_fixture_pin(&rp);
	d = fixture_run.oracle.bad;                  /* the minimised input's; a rerun below overwrites it */
	assert_int_equal(d.kind, kind);
	form = pin->form;
	n = pin->nlist;
	assert_true(n >= 1);
	last = p->dispatches[pin->list + n - 1];
	shared = is_shared(d.event);
	assert_int_equal(last.has_pe, kind == FZ_D_ENTRY || !shared);
	if (last.has_pe)
		assert_int_equal(last.pe.a.u, d.pe);
	assert_int_equal(last.event.a.u, (uint32_t)d.event);
	if (kind == FZ_D_ENTRY) {
		assert_int_equal(form, SIM_LIST_STARTS);
		assert_true(last.has_handler);          /* bug 11: the PC, at the registered handler */
	} else {
		assert_int_equal(form, SIM_LIST_INCLUDES);
		for (uint32_t k = 0; k < n; k++)
			assert_memory_equal(&p->dispatches[pin->list + k], &last, sizeof last);
	}

	fz_repro_fixture_write(out);
	if (kind == FZ_D_SETTLED)
		assert_int_equal(n, entries_before(d.event, shared ? -1 : d.pe, d.step) + 1);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(input_finds_the_bug),
		cmocka_unit_test(repro_pins_the_right),
	};

	if (argc != 4 || (strcmp(argv[3], "entry") != 0 && strcmp(argv[3], "settled") != 0)) {
		fprintf(stderr, "usage: test_repro_then INPUT OUT entry|settled\n");
		return 2;
	}
	fixture_path = argv[1];
	out = argv[2];
	kind = strcmp(argv[3], "entry") == 0 ? FZ_D_ENTRY : FZ_D_SETTLED;
	return cmocka_run_group_tests(tests, fz_run_fixture_setup_input, fz_run_fixture_teardown);
}
