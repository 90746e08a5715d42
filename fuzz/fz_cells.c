/*
 * fz_cells.c - see fz_cells.h.
 */
#define _GNU_SOURCE 1          /* RTLD_DEFAULT (AFL++ builds) */
#include <string.h>

#include "fz_cells.h"

#if FZ_CELLS_AFL
#include <dlfcn.h>

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop);

void fz_cells_afl_claim(uint32_t *guards, unsigned n)
{
	__sanitizer_cov_trace_pc_guard_init(guards, guards + n);
}

/* The map is looked up at run time (the harness is linked -rdynamic):
 * afl-clang-fast's pass declares __afl_area_ptr itself, and a declaration
 * here would be renamed by it instead of linked. */
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

void fz_cells_afl_add(uint8_t *cells, const uint32_t *guards, unsigned n)
{
	uint32_t size;
	uint8_t *map = afl_map(&size);

	for (unsigned k = 0; map && k < n; k++)
		if (cells[k] && guards[k] < size)
			map[guards[k]] = (uint8_t)(map[guards[k]] + cells[k]);
	memset(cells, 0, n);
}
#endif

FZ_CELLS(state, FZ_STATE_CELLS, 2)

uint8_t *fz_cells_state(void)
{
	return state;
}

void fz_cells_state_done(void)
{
	FZ_CELLS_DONE(state);
}
