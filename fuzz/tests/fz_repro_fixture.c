/*
 * fz_repro_fixture.c - see fz_repro_fixture.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "fz_repro_fixture.h"
#include "fz_run_fixture.h"
#include "scn.h"

const struct sim_op *fz_repro_fixture_pin(struct fz_repro *rp)
{
	const struct sim_program *p = &fixture_run.prog;
	const struct sim_op *pin = NULL;

	assert_int_equal(fz_repro(&fixture_run, fixture_input, fixture_len, false, rp), 0);
	if (!rp->expressed)
		fail_msg("not pinned: %s", rp->note);
	/* by its pin, not on its own (or first by an invariant the bug
	 * breaks, and then by its pin without the simulator's invariants:
	 * fz_repro verifies that) */
	assert_true(rp->verified);
	assert_int_equal(rp->first_by_fault, rp->res.fail_kind != SIM_FAIL_EXPECT);
	if (rp->res.fail_kind != SIM_FAIL_EXPECT)
		assert_int_equal(rp->res.fail_kind, SIM_FAIL_INVARIANT);
	for (uint32_t k = 0; k < p->nsteps; k++)
		if (p->steps[k].kind == SIM_OP_EXPECT_DISPATCHES)
			pin = &p->steps[k];
	assert_non_null(pin);
	return pin;
}

void fz_repro_fixture_write(const char *out)
{
	char err[256];
	FILE *f;

	fz_choices_to_program(&fixture_run.choices, &fixture_run.prog);   /* as sdeisim repro writes it */
	f = fopen(out, "w");
	assert_non_null(f);
	assert_int_equal(scn_write(f, &fixture_run.prog, err, sizeof err), 0);
	assert_int_equal(fclose(f), 0);
}

struct fz_log *fz_repro_fixture_log(const uint8_t *input, size_t len)
{
	struct fz_log *log = calloc(1, sizeof *log);

	assert_non_null(log);
	fixture_run.log = log;
	assert_false(fz_run_one(&fixture_run, input, len));
	fixture_run.log = NULL;
	assert_int_equal(log->n, log->total);
	return log;
}
