/*
 * fuzz_sdei - the whole machine (GIC model, dispatcher, handlers on
 * Unicorn) driven by decoded fuzz inputs, with every oracle on: the
 * sanitizers of the build, the simulator's invariants after every step,
 * and the reference model on every call and dispatch.  Edges of the
 * emulated client code, and the model's state (fz_statecov.h), are fed to
 * the fuzzer as extra coverage.
 */
#include "fz_harness.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_harness_run();          /* the engine and its code translated once */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_run *r = fz_harness_run();
	bool ok = fz_run_one(r, data, size);

	fz_harness_coverage_done();
	if (!ok)
		fz_harness_finding("fuzz_sdei", r);
	return 0;
}
