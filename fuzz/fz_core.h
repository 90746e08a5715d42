/*
 * fz_core.h - fuzz_core's executor: a fuzz input run against the
 * dispatcher core alone, in a lean host machine, for raw speed.
 *
 * The same input bytes as the other program harnesses (fz_decode: the
 * seeds and the dictionary are shared) become the same scenario program,
 * which is run on a host-side model of the machine instead of the
 * simulator: an interrupt controller in small arrays (fz_core_gic.c), the
 * handlers' action lists executed directly in C (fz_core_client.c), PSCI
 * (fz_core_psci.c) - no Unicorn, no sim machine.  The model follows the
 * simulator rule for rule (scheduling, 1-of-N routing and their choice
 * bytes, the runtime's register use), so a run makes the observations the
 * simulator would and a finding reproduces on fuzz_sdei; what it does not
 * model is listed in fz_core_client.c and fuzz/README.md.
 *
 * Every oracle of fuzz_sdei but the sanitizers' reach into Unicorn is on:
 * the reference model (fz_oracle) is fed every call result, interrupt,
 * dispatch, completion and power change as the simulator feeds it, and
 * checks every call's x0, every dispatch and, after every step, that
 * nothing deliverable was left undelivered; after every step the
 * dispatcher's own invariants (sdd_check) and the cross-layer ones (the
 * machine and the dispatcher agree on the handlers running, their
 * interrupts active at their priority, nothing left active or raised when
 * none runs, no illegal EOI) are checked; a returning call may change
 * nothing but x0.  A finding is a disagreement of the model, a violated
 * invariant, or a fault the dispatcher reports.
 *
 * State is reset per input only as far as the input's platform uses it;
 * nothing is allocated per input.
 */
#ifndef FZ_CORE_H
#define FZ_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fz_input.h"
#include "fz_oracle.h"
#include "sim.h"

struct fzc_machine;

struct fz_core {
	struct sim_program prog;      /* the program run last (decoded, or set by the caller) */
	struct fz_choices choices;
	struct fz_oracle oracle;
	struct sim_result res;        /* passed, fail_kind, step, steps_run, calls, dispatches, message */
	struct sim_observer also;     /* an extra observer of every run (tests), may be empty */
	char finding[800];            /* what was found; empty when nothing */
	bool skipped;                 /* the last program is not one fz_core runs (user ELF
				       * handlers, more than 1,024 action records or 64 variables) */
	struct fzc_machine *m;
};

/* Allocate the machine and an empty program.  0, or -1 (out of memory). */
int  fz_core_init(struct fz_core *c);
void fz_core_free(struct fz_core *c);

/* Run c->prog (its choices from c->prog.choices) with every oracle.
 * Returns true when nothing was found. */
bool fz_core_run_program(struct fz_core *c);

/* Decode data into c->prog and run it.  Returns true when nothing was found. */
bool fz_core_run_one(struct fz_core *c, const uint8_t *data, size_t size);

/* The dispatcher as the last run left it (after a migration, the one it
 * was restored into), e.g. to save its state. */
const struct sdd *fz_core_dispatcher(const struct fz_core *c);

#endif /* FZ_CORE_H */
