/*
 * fz_harness.c - see fz_harness.h.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fz_cells.h"
#include "fz_harness.h"

FZ_CELLS(emulated, FZ_EMULATED_CELLS, 1)

static struct fz_run *runner;

struct fz_run *fz_harness_run(void)
{
	static struct fz_run run;
	char err[200];

	if (runner)
		return runner;
	if (fz_run_init(&run, err, sizeof err)) {
		fprintf(stderr, "sdeisim fuzz harness: %s\n", err);
		exit(1);
	}
	fz_run_cells(&run, emulated, FZ_EMULATED_CELLS, fz_cells_state());
	runner = &run;
	return runner;
}

void fz_harness_coverage_done(void)
{
	FZ_CELLS_DONE(emulated);
	fz_cells_state_done();
}

_Noreturn void fz_harness_finding(const char *harness, const struct fz_run *r)
{
	fprintf(stderr, "%s: FINDING: %s\n", harness, r->finding);
	abort();
}
