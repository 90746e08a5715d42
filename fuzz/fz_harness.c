/*
 * fz_harness.c - see fz_harness.h.
 */
#if defined(__AFL_COMPILER)
#define _GNU_SOURCE 1          /* RTLD_DEFAULT */
#include <dlfcn.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fz_harness.h"

/* A power of two: sim_cpu hashes edges into it.  The runtime has 47-49
 * edges, which fall into 1,024 cells without a collision; libFuzzer clears
 * and scans the whole map after every input, and at 4,096 cells that was
 * 2.5% of fuzz_sdei's instructions (BENCHMARKS.md). */
#define COVERAGE_SIZE 1024

#if defined(__AFL_COMPILER)
/* AFL++: the edges are added to cells of its map of their own after each
 * input.  The cells are claimed the way the compiler's instrumentation
 * claims its own: a guard per cell, which the runtime numbers after the
 * program's edges (and counts into the map size it tells afl-fuzz), in a
 * constructor, before the fork server starts.  (They were once added to
 * the top 1,024 cells of the map, which are the program's own last edges.)
 * The map is looked up at run time (the harness is linked -rdynamic):
 * afl-clang-fast's pass declares __afl_area_ptr itself, and a declaration
 * here would be renamed by it instead of linked. */
static uint8_t coverage[COVERAGE_SIZE];
static uint32_t afl_cells[COVERAGE_SIZE];   /* coverage[k] goes to map[afl_cells[k]] */

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop);

__attribute__((constructor)) static void afl_claim_cells(void)
{
	__sanitizer_cov_trace_pc_guard_init(afl_cells, afl_cells + COVERAGE_SIZE);
}

static uint8_t *afl_map(uint32_t *size)
{
	static uint8_t **area;
	static uint32_t *map_size;

	if (area == NULL) {
		area = dlsym(RTLD_DEFAULT, "__afl_area_ptr");
		map_size = dlsym(RTLD_DEFAULT, "__afl_map_size");
	}
	*size = map_size ? *map_size : 0;
	return area ? *area : NULL;
}
#else
/* libFuzzer reads (and clears) counters in this section after each input. */
__attribute__((section("__libfuzzer_extra_counters"), used)) static uint8_t coverage[COVERAGE_SIZE];
#endif

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
	sim_cpu_set_coverage(run.cpu, coverage, COVERAGE_SIZE);
	runner = &run;
	return runner;
}

void fz_harness_coverage_done(void)
{
#if defined(__AFL_COMPILER)
	/* Add the emulated edges to their cells of AFL's map, clear. */
	uint32_t size;
	uint8_t *map = afl_map(&size);

	for (unsigned k = 0; map && k < COVERAGE_SIZE; k++)
		if (coverage[k] && afl_cells[k] < size)
			map[afl_cells[k]] = (uint8_t)(map[afl_cells[k]] + coverage[k]);
	memset(coverage, 0, sizeof coverage);
#endif
}

_Noreturn void fz_harness_finding(const char *harness, const struct fz_run *r)
{
	fprintf(stderr, "%s: FINDING: %s\n", harness, r->finding);
	abort();
}
