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

/* The longest input fuzz_replay and `sdeisim repro` run (64 KiB), so that
 * an input one runs is one the other can reproduce.  The decoder reads far
 * less (FZ_MAX_RECORDS), but a longer file is refused rather than cut
 * silently.  A plain number: fuzz_replay's usage text spells it out. */
#define FZ_MAX_INPUT     65536

/* What a run did: its observations but steps and migrations, the first
 * FZ_LOG_MAX of them kept (without text), all of them hashed for comparing
 * two runs (fuzz_migrate) on what does not depend on how the machine was
 * built (not times, step numbers, or which step made a call). */
#define FZ_LOG_MAX 1024
struct fz_log {
	struct sim_obs o[FZ_LOG_MAX];
	uint32_t n, total;
	uint64_t hash;
};

/* Start l afresh; add observation o to it (steps, migrations and skips
 * are not logged: what the run did, not how its steps went). */
void fz_log_begin(struct fz_log *l);
void fz_log_obs(struct fz_log *l, const struct sim_obs *o);

struct fz_run {
	struct sim_cpu *cpu;
	struct sim_program prog;
	struct fz_choices choices;
	struct fz_oracle oracle;
	struct sdd_platform splat;    /* the platform of the last run for the dispatcher (fz_run_program) */
	struct sim_result res;
	struct sim_observer also;     /* an extra observer (tracing), may be empty */
	uint32_t max_rounds;          /* scheduler rounds per step (0: FZ_MAX_ROUNDS) */
	bool no_invariants;           /* run without the simulator's invariant checks: the
				       * model and the sanitizers alone judge (tests of what
				       * the model finds where an invariant reports it first) */
	char finding[800];            /* what was found; empty when nothing */
	struct fz_log *log;           /* when set, the run's observations go here */
	struct fz_log *pair;          /* fz_run_migrated's two logs */
	const struct fz_log *last_log;   /* the log of the last run (NULL: it kept none) */
};

/* Create the CPU and an empty program.  0, or -1 with a message. */
int  fz_run_init(struct fz_run *r, char *err, size_t n);
void fz_run_free(struct fz_run *r);

/* Feed the engine's extra coverage (fz_cells.h) from r's runs: the edges
 * of the emulated client code into emulated[n] (n a power of two), the
 * model's state into state[FZ_STATE_CELLS] (fz_statecov.h).  The
 * harnesses and fuzz_replay -v set them up alike, so that a replay sees
 * the cells an input sets in a harness. */
void fz_run_cells(struct fz_run *r, uint8_t *emulated, size_t n, uint8_t *state);

/* Run the program in r->prog (decoded, or edited since) with every
 * oracle; true when nothing was found.  digest: also compute the final
 * state's digest (r->res.digest). */
bool fz_run_program(struct fz_run *r, bool digest);

/* Insert op into p as step `at` (0..nsteps); false when out of memory. */
bool fz_insert_step(struct sim_program *p, uint32_t at, const struct sim_op *op);

/* Run one input.  Returns true when nothing was found. */
bool fz_run_one(struct fz_run *r, const uint8_t *data, size_t size);

/*
 * fuzz_migrate: run the input once as it is, then again with the whole
 * machine migrated (saved and restored into a fresh one) before the step
 * the input chooses (fz_migrate_cut); everything the two runs observed
 * and their final states must be the same, and both must pass every
 * oracle of fz_run_one.  Returns true when nothing was found.
 */
bool fz_run_migrated(struct fz_run *r, const uint8_t *data, size_t size);
/* The step before which fz_run_migrated migrates, for a program of
 * nsteps: the first byte after the last whole record, else the middle. */
uint32_t fz_migrate_cut(const uint8_t *data, size_t size, uint32_t nsteps);
/* Where two runs' logs first differ: the index of the first observation
 * that differs (the number of observations kept when they differ past
 * them, or one run went on), or -1 when they do not.  fz_run_migrated
 * compares its runs' logs, r->pair[0] and r->pair[1], with it. */
long fz_first_difference(const struct fz_log *a, const struct fz_log *b);

#endif /* FZ_RUN_H */
