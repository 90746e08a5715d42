/*
 * fuzz_core - the dispatcher core alone, for raw speed: decoded fuzz
 * inputs (the program harnesses' format, seeds and dictionary) run on a
 * lean host machine - an interrupt controller in small arrays and the
 * handlers' actions executed in C, no Unicorn (fz_core.h) - with the
 * reference model checking every call and dispatch, and the dispatcher's
 * and the cross-layer invariants after every step; the model's state fed
 * back as extra coverage (fz_statecov.h).  A finding reproduces
 * on fuzz_sdei: `sdeisim repro --harness fuzz_sdei INPUT`.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fz_cells.h"
#include "fz_core.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fz_core core;
static bool ready;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!ready && fz_core_init(&core) != 0) {
		fprintf(stderr, "fuzz_core: out of memory\n");
		exit(1);
	}
	core.oracle.state_cells = fz_cells_state();
	ready = true;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool ok;

	if (!ready)
		LLVMFuzzerInitialize(NULL, NULL);
	ok = fz_core_run_one(&core, data, size);
	/* The cells go to the engine before a finding aborts, as in
	 * fuzz_sdei: afl-fuzz keeps a crash whose map is new, and without
	 * them a finding's map had none of the model's state. */
	fz_cells_state_done();
	if (!ok) {
		fprintf(stderr, "fuzz_core: FINDING: %s\n", core.finding);
		abort();
	}
	return 0;
}
