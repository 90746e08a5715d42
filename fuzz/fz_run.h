/*
 * fz_run.h - running one fuzz input: decode it, run the program on the
 * simulator with the oracle watching and the input's choices deciding, and
 * say whether it found something.  Shared by every harness, the corpus
 * replayer and `sdeisim repro`.
 *
 * A finding is: the reference model disagreeing with the dispatcher, a
 * violated invariant, a fault the dispatcher reported, or the simulator
 * unable to continue.  Not findings: client code that goes wrong (random
 * handlers may resume into themselves and run out of actions) and
 * machines that keep re-triggering themselves without settling.
 */
#ifndef FZ_RUN_H
#define FZ_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fz_input.h"
#include "fz_oracle.h"
#include "sim.h"

/* Limits that keep a fuzz input's run short; a program that needs more is
 * a client that went wrong or a machine that does not settle, neither of
 * them a finding.  The longest handler a decoded input can have (16
 * actions and a completion, nested once) runs in a few thousand
 * instructions. */
#define FZ_MAX_ROUNDS    256      /* scheduler rounds per step */
#define FZ_SLICE_BUDGET  50000    /* instructions a PE may run without stopping */

struct fz_run {
	struct sim_cpu *cpu;
	struct sim_program prog;
	struct fz_choices choices;
	struct fz_oracle oracle;
	struct sim_result res;
	struct sim_observer also;     /* an extra observer (tracing), may be empty */
	uint32_t max_rounds;          /* scheduler rounds per step (0: FZ_MAX_ROUNDS) */
	char finding[800];            /* what was found; empty when nothing */
};

/* Create the CPU and an empty program.  0, or -1 with a message. */
int  fz_run_init(struct fz_run *r, char *err, size_t n);
void fz_run_free(struct fz_run *r);

/* Run one input.  Returns true when nothing was found. */
bool fz_run_one(struct fz_run *r, const uint8_t *data, size_t size);

#endif /* FZ_RUN_H */
