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

struct fz_run {
	struct sim_cpu *cpu;
	struct sim_program prog;
	struct fz_choices choices;
	struct fz_oracle oracle;
	struct sim_result res;
	struct sim_observer also;     /* an extra observer (tracing), may be empty */
	uint32_t max_rounds;          /* scheduler rounds per step (0: 2,000) */
	char finding[800];            /* what was found; empty when nothing */
};

/* Create the CPU and an empty program.  0, or -1 with a message. */
int  fz_run_init(struct fz_run *r, char *err, size_t n);
void fz_run_free(struct fz_run *r);

/* Run one input.  Returns true when nothing was found. */
bool fz_run_one(struct fz_run *r, const uint8_t *data, size_t size);

#endif /* FZ_RUN_H */
