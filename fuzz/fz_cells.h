/*
 * fz_cells.h - the cells of extra coverage the harnesses hand the fuzzing
 * engine besides the compiler's edges of the host code: the edges of the
 * emulated client code (fuzz_sdei, fuzz_migrate: sim_cpu hashes them into
 * their cells) and the model's state (fz_statecov.h: every program
 * harness).  libFuzzer reads them as extra counters (and clears them
 * before each input); AFL++ gets them added to cells of its map of their
 * own at the end of each input.
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

/* The emulated code's FZ_EMULATED_CELLS cells, and the model's state's
 * FZ_STATE_CELLS. */
uint8_t *fz_cells_emulated(void);
uint8_t *fz_cells_state(void);

/* After each input: hand the cells to the engine (AFL++: add them to
 * its map, clear them; libFuzzer reads them itself: nothing to do). */
void fz_cells_done(void);

#endif /* FZ_CELLS_H */
