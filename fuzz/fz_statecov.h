/*
 * fz_statecov.h - feedback on the model's state: what a run's
 * observations did to which kind of event in which situation, as extra
 * coverage for the fuzzing engine.
 *
 * The dispatcher's code coverage does not tell an explicit event
 * registered from a static one, or a bound event enabled from event 0:
 * the same lines run.  A bug that needs such a situation (an explicit
 * event registered, enabled and dispatched on an unmasked PE) gives the
 * fuzzer no gradient towards it.  Each observation is reduced to its kind,
 * the call and the class of its answer, and the reference model's summary
 * of the event it concerns (its kind, type and priority, its STATUS bits,
 * the PE's mask and depth: rm_summary) after it; the engine keeps an input
 * that reaches a reduction none before it reached.  (The same idea as
 * IJON's state annotations, with the model as the annotation.)  Calls,
 * PSCI calls, interrupts firing, acknowledgements, holds, dispatches,
 * completions and explicit dispatches are reduced; the other kinds of
 * observation (steps, landings, yields, power, ...) say nothing the code
 * coverage does not.
 *
 * A reduction's cell is set, not counted: the engine makes a feature of
 * each count bucket of a cell (1, 2, 3, 4-7, ...), and counted cells
 * made fuzz_core 19% slower (the engine's work on rare features) and
 * found planted bug 33 from nothing less often than set ones
 * (BENCHMARKS.md).
 */
#ifndef FZ_STATECOV_H
#define FZ_STATECOV_H

#include <stdint.h>

#include "rm.h"
#include "sim.h"

#define FZ_STATE_CELLS 2048      /* a power of two */

/* The reduction of observation ob, the model m having taken it in; 0 for
 * a kind not reduced. */
uint32_t fz_state_key(const struct rm_model *m, const struct sim_obs *ob);

/* Set the cell of cells[FZ_STATE_CELLS] of ob's reduction (none for 0). */
void fz_state_mark(const struct rm_model *m, const struct sim_obs *ob, uint8_t *cells);

#endif /* FZ_STATECOV_H */
