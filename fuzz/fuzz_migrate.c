/*
 * fuzz_migrate - differential migration: each input runs once as it is
 * and once with the whole machine (dispatcher state through sdd_save /
 * sdd_load, GIC model, PEs) moved into a fresh machine before a step the
 * input chooses.  Everything observed and the final state must be the
 * same; every oracle of fuzz_sdei applies to both runs.
 */
#include "fz_harness.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_harness_run();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_run *r = fz_harness_run();
	bool ok = fz_run_migrated(r, data, size);

	fz_harness_coverage_done();
	if (!ok)
		fz_harness_finding("fuzz_migrate", r);
	return 0;
}
