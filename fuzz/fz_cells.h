/*
 * fz_cells.h - cells of extra coverage the harnesses hand the fuzzing
 * engine besides the compiler's edges of the host code: the edges of the
 * emulated client code (fuzz_sdei, fuzz_migrate: fz_harness.c; sim_cpu
 * hashes them into their cells) and the model's state (fz_statecov.h,
 * every program harness: here).  libFuzzer reads them as extra counters
 * (and clears them before each input); AFL++ gets them added to cells of
 * its map of their own at the end of each input.
 */
#ifndef FZ_CELLS_H
#define FZ_CELLS_H

#include <stdint.h>

#include "fz_statecov.h"    /* FZ_STATE_CELLS */

/* A power of two: sim_cpu hashes edges into it.  The runtime has 47-49
 * edges, which fall into 1,024 cells without a collision; libFuzzer clears
 * and scans every cell after every input, and at 4,096 cells that was
 * 2.5% of fuzz_sdei's instructions (BENCHMARKS.md). */
#define FZ_EMULATED_CELLS 1024

/* FZ_CELLS(name, n, order) defines uint8_t name[n], a set of cells the
 * engine reads; FZ_CELLS_DONE(name) hands them over after an input.
 * AFL++: the cells are claimed the way the compiler's instrumentation
 * claims its own - a guard per cell, which the runtime numbers after the
 * program's edges (its module constructors run at priority 2; these at
 * 100 + order, so in that order after them) and counts into the map size
 * it tells afl-fuzz, before the fork server starts - and added to those
 * cells of the map.  (They were once added to the top 1,024 cells of the
 * map, which are the program's own last edges.)  libFuzzer: a section it
 * collects, nothing to hand over. */
/* An AFL++ build: afl-clang-fast says so (__AFL_COMPILER), but not with
 * its own instrumentation turned off (--afl-noopt), as the afl preset
 * compiles (cmake/sanitizers.cmake), which says so itself. */
#if defined(__AFL_COMPILER) || defined(SDEISIM_AFL)
#define FZ_CELLS_AFL 1
#else
#define FZ_CELLS_AFL 0
#endif

#if FZ_CELLS_AFL
void fz_cells_afl_claim(uint32_t *guards, unsigned n);
void fz_cells_afl_add(uint8_t *cells, const uint32_t *guards, unsigned n);
#define FZ_CELLS(name, n, order)                                                 \
	static uint8_t name[n];                                                  \
	static uint32_t name##_guards[n];                                        \
	__attribute__((constructor(100 + (order)))) static void name##_claim(void) \
	{                                                                        \
		fz_cells_afl_claim(name##_guards, n);                            \
	}
#define FZ_CELLS_DONE(name) fz_cells_afl_add(name, name##_guards, sizeof name)
#else
#define FZ_CELLS(name, n, order) \
	__attribute__((section("__libfuzzer_extra_counters"), used)) static uint8_t name[n];
#define FZ_CELLS_DONE(name) ((void)0)
#endif

/* The model's state's FZ_STATE_CELLS cells, and their hand-over after
 * each input. */
uint8_t *fz_cells_state(void);
void fz_cells_state_done(void);

#endif /* FZ_CELLS_H */
