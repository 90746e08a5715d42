/*
 * fuzz_sdei - the whole machine (GIC model, dispatcher, handlers on
 * Unicorn) driven by decoded fuzz inputs, with every oracle on: the
 * sanitizers of the build, the simulator's invariants after every step,
 * and the reference model on every call and dispatch.  Edges of the
 * emulated client code are fed to the fuzzer as extra coverage.
 *
 * Builds for libFuzzer (-fsanitize=fuzzer) and for AFL++ (afl-clang-fast
 * -fsanitize=fuzzer, persistent mode through libAFLDriver) from this one
 * source; the entry points are the conventional ones (OSS-Fuzz style).
 */
#include <stdio.h>
#include <stdlib.h>

#include "fz_run.h"

#define COVERAGE_SIZE 4096

#if defined(__AFL_COMPILER)
static uint8_t coverage[COVERAGE_SIZE];
#else
__attribute__((section("__libfuzzer_extra_counters"))) static uint8_t coverage[COVERAGE_SIZE];
#endif

static struct fz_run run;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[200];
	(void)argc;
	(void)argv;
	if (fz_run_init(&run, err, sizeof err)) {
		fprintf(stderr, "fuzz_sdei: %s\n", err);
		exit(1);
	}
	sim_cpu_set_coverage(run.cpu, coverage, COVERAGE_SIZE);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_run_one(&run, data, size)) {
		fprintf(stderr, "fuzz_sdei: FINDING: %s\n", run.finding);
		abort();
	}
	return 0;
}
