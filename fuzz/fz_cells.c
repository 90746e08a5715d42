/*
 * fz_cells.c - see fz_cells.h.
 */
#if defined(__AFL_COMPILER)
#define _GNU_SOURCE 1          /* RTLD_DEFAULT */
#include <dlfcn.h>
#endif
#include <string.h>

#include "fz_cells.h"

#define CELLS (FZ_EMULATED_CELLS + FZ_STATE_CELLS)

#if defined(__AFL_COMPILER)
/* AFL++: the cells are added to cells of its map of their own after each
 * input.  They are claimed the way the compiler's instrumentation claims
 * its own: a guard per cell, which the runtime numbers after the
 * program's edges (and counts into the map size it tells afl-fuzz), in a
 * constructor, before the fork server starts.  (They were once added to
 * the top 1,024 cells of the map, which are the program's own last edges.)
 * The map is looked up at run time (the harness is linked -rdynamic):
 * afl-clang-fast's pass declares __afl_area_ptr itself, and a declaration
 * here would be renamed by it instead of linked. */
static uint8_t coverage[CELLS];
static uint32_t afl_cells[CELLS];   /* coverage[k] goes to map[afl_cells[k]] */

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop);

__attribute__((constructor)) static void afl_claim_cells(void)
{
	__sanitizer_cov_trace_pc_guard_init(afl_cells, afl_cells + CELLS);
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

void fz_cells_done(void)
{
	uint32_t size;
	uint8_t *map = afl_map(&size);

	for (unsigned k = 0; map && k < CELLS; k++)
		if (coverage[k] && afl_cells[k] < size)
			map[afl_cells[k]] = (uint8_t)(map[afl_cells[k]] + coverage[k]);
	memset(coverage, 0, sizeof coverage);
}
#else
/* libFuzzer reads (and clears) counters in this section after each input. */
__attribute__((section("__libfuzzer_extra_counters"), used)) static uint8_t coverage[CELLS];

void fz_cells_done(void)
{
}
#endif

uint8_t *fz_cells_emulated(void)
{
	return coverage;
}

uint8_t *fz_cells_state(void)
{
	return coverage + FZ_EMULATED_CELLS;
}
