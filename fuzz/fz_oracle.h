/*
 * fz_oracle.h - the fuzzers' oracle: an observer of a simulator run that
 * feeds everything the dispatcher answered and did to the reference model
 * (fuzz/model, written from the specification alone), and records the
 * first disagreement: a call result the specification does not allow, a
 * dispatch that should not have happened, or, once the machine has
 * settled after a step, an event left undelivered that had to be.
 */
#ifndef FZ_ORACLE_H
#define FZ_ORACLE_H

#include <stdbool.h>

#include "rm.h"
#include "sim.h"

/* The first disagreement, in a form a reproducer can turn into an
 * expectation. */
enum fz_disagreement_kind {
	FZ_D_NONE = 0,
	FZ_D_CALL,       /* a call answered what the specification does not allow */
	FZ_D_DISPATCH,   /* a handler was entered that should not have been */
	FZ_D_EXPLICIT,   /* an explicit dispatch answered wrongly */
	FZ_D_SETTLED,    /* after a step, an event was left undelivered */
	FZ_D_ENTRY,      /* a handler was entered with x1 or the PC not its registration's */
	FZ_D_HAND_OVER,  /* a held interrupt handed over got an answer that does not fit (a lost trigger) */
	FZ_D_FINAL       /* at the end of the run, the dispatcher's state is not the model's */
};

/* FINAL: the part of the state that differs, and what got and want hold. */
enum fz_final_part {
	FZ_FINAL_STATUS = 0,     /* event's STATUS bits on pe */
	FZ_FINAL_BOUND,          /* the bind slots bound (bit: event index); event: the first
				  * slot that differs */
	FZ_FINAL_ROUTING_MODE,   /* a registered shared event's routing mode: 1 RM_PE, 0 RM_ANY */
	FZ_FINAL_ROUTING_AFF,    /* its RM_PE target: the affinity GET_INFO(ROUTING_AFF) answers */
	FZ_FINAL_ENTRY,          /* event's registration on pe: its argument, or (entry_pc)
				  * its entry point (VBAR added to a relative one) */
	FZ_FINAL_MASK,           /* pe's mask: masked | the depth whose completion brings it
				  * in force (0: in force) << 1 */
	FZ_FINAL_PENDING         /* a trigger of event owed to pe: its interrupt pending there
				  * in the dispatcher's view (got 0, want 1) */
};

struct fz_disagreement {
	uint8_t  kind;           /* enum fz_disagreement_kind */
	uint8_t  pe;
	uint8_t  from_handler;   /* CALL: made by a handler action */
	uint8_t  part;           /* FINAL: enum fz_final_part; DISPATCH: enum rm_dispatch_fault */
	uint32_t step;           /* the step during which (SETTLED: after which) */
	int32_t  op;             /* CALL: the op that made it (sim_obs.op) */
	int32_t  event;          /* DISPATCH, EXPLICIT, SETTLED: the event */
	uint32_t fid;            /* CALL */
	int64_t  got;            /* CALL, EXPLICIT: what the dispatcher answered; ENTRY: x1 or PC;
				  * FINAL: the dispatcher's state (part says which) */
	uint64_t want;           /* ENTRY: the registered argument or entry point; FINAL: the model's;
				  * DISPATCH (RM_DF_FIRST): the critical event that goes first */
	bool     entry_pc;       /* ENTRY, FINAL ENTRY: the PC is wrong (x1 is right) */
	bool     relative;       /* FINAL ENTRY: the event was registered in relative mode
				  * (whatever form the dispatcher holds its entry point in) */
	bool     completed;      /* CALL: it completed the handler instead of returning */
	struct rm_verdict allowed;   /* CALL: what the specification allows */
	uint64_t time;           /* the observation's logical time */
};

struct fz_oracle {
	struct rm_model model;
	bool     active;         /* the model supports this platform */
	bool     failed;         /* a disagreement was found */
	bool     machine_failed; /* the run stopped early: no settledness check */
	bool     step_open;
	uint32_t step;           /* the last step begun */
	unsigned npe;
	uint8_t  power[RM_MAX_PES];
	uint8_t  paused[RM_MAX_PES];
	char     why[600];
	struct fz_disagreement bad;   /* the first disagreement (kind NONE: none) */
	uint64_t checks;         /* model checks made (for statistics) */
	/* FZ_STATE_CELLS cells to count each observation's reduction in,
	 * once the model has taken it (fz_statecov.h: the harnesses' feedback
	 * on the model's state); NULL: none.  Set by the harness, kept from
	 * run to run. */
	uint8_t *state_cells;
};

/* Start a run on platform p, whose dispatcher description d is what
 * sim_platform_to_sdd made of it (NULL when it refused p).  Returns false
 * when the model cannot follow this platform: for a d the dispatcher
 * accepted, that is the run's finding (fz_oracle_end false, with why: an
 * unchecked run would pass whatever the dispatcher did); for a NULL d the
 * run is not checked. */
bool fz_oracle_begin_sdd(struct fz_oracle *o, const struct sim_platform *p, const struct sdd_platform *d);

/* The observer function (ctx: the oracle). */
void fz_oracle_observe(void *ctx, const struct sim_obs *ob);

/* The run ended, leaving the dispatcher d: its state must be the model's,
 * compared whether or not a call of the run asked for it (a state gone
 * wrong that no later call looks at is still a finding): every event's
 * STATUS bits as seen from every PE, the bind slots bound, the routing
 * (mode and target) of every registered shared event, every
 * registration's argument and entry point, the mask of every
 * PE that is on, and the triggers the model owes to PEs that are not off
 * (each must be pending).  In that order, the first difference is the
 * finding (fz_final_part).  Not compared after a disagreement or a
 * failure of the machine, nor when the last step left an event
 * undelivered: that step's settledness check comes first (a SETTLED
 * finding, not a trigger the final state lost).  (sim_run_opts.at_end
 * calls it for the simulator; fz_core's machine calls it itself.) */
void fz_oracle_final(struct fz_oracle *o, struct sdd *d);

/* The run ended, and fz_oracle_final made the last step's checks and the
 * final state's: true = no disagreement. */
bool fz_oracle_end(const struct fz_oracle *o);

#endif /* FZ_ORACLE_H */
