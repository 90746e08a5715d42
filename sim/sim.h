/*
 * sim.h - the simulator: runs a scenario program on a simulated multi-PE
 * Arm machine (GICv3 model, PSCI, client code on Unicorn) with the SDEI
 * dispatcher core inside, checking every expectation and invariant.
 *
 * Determinism: every choice the hardware or the specification leaves open
 * (which PE takes a 1-of-N SPI, which PE advances next when several can,
 * which of several interrupts of the same priority a PE takes first)
 * comes from one choice source.  Without one, the documented scenario
 * policy applies: the lowest-numbered eligible PE.  The same program and
 * the same choices give the same run, observation for observation.
 */
#ifndef SIM_SIM_H
#define SIM_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "program.h"

struct sdd;

enum sim_choice_kind {
	SIM_CHOICE_1OFN = 0,     /* which eligible PE takes a 1-of-N SPI */
	SIM_CHOICE_SCHEDULE,     /* which PE that can make progress advances next */
	SIM_CHOICE_WAKE,         /* which sleeping PE a 1-of-N SPI no PE can take wakes */
	SIM_CHOICE_TIE           /* which of several interrupts pending at the same, highest,
				  * priority a PE acknowledges (the order of same-class events) */
};

struct sim_choice {
	/* Return 0..n-1: an index into the candidates, PEs in ascending order
	 * (for SIM_CHOICE_TIE, INTIDs in ascending order). */
	unsigned (*pick)(void *ctx, unsigned kind, unsigned n);
	void *ctx;
	/* Optional (NULL: pick answers every kind).  When set, it answers the
	 * 1-of-N choices instead of pick, with what pick is not told: the
	 * SPI (intid) and the PEs that can take it, pes[0..n) in ascending
	 * order.  Asked even when n is 1, so that a caller steering SPIs to
	 * given PEs (a replay, to those its trace shows) learns when the one
	 * it wants cannot take it.  Returns an index into pes (modulo n). */
	unsigned (*pick_spi)(void *ctx, uint32_t intid, const uint8_t *pes, unsigned n);
	/* Optional (NULL: pick answers the ties too).  When set, it answers
	 * the SIM_CHOICE_TIE choices instead of pick, with what pick is not
	 * told: the PE acknowledging and the interrupts tied at its highest
	 * priority, intids[0..n) in ascending order, n > 1 (a lone highest is
	 * no choice), so that a caller that knows which one the PE took (a
	 * replay: the one its trace shows acknowledged next there) can take
	 * it.  Returns an index into intids (modulo n).  The byte sources
	 * (fuzz inputs, a program's `choices`) leave it NULL: a tie takes
	 * their next byte, as every choice does. */
	unsigned (*pick_tie)(void *ctx, unsigned pe, const uint16_t *intids, unsigned n);
};

/* ---- Choices read from a byte sequence ---- */

/* The next choice among n candidates from bytes[*next .. nbytes), the way
 * fuzz inputs and a program's `choices` answer: a choice among n > 1 takes
 * the next byte, modulo n; a choice among n <= 1 takes none; once the
 * bytes run out every choice is the scenario policy's 0. */
unsigned sim_choice_take(const uint8_t *bytes, uint32_t nbytes, uint32_t *next, unsigned n);

/* A position in a sequence of answers, and the choice source reading it. */
struct sim_choice_cursor {
	const uint8_t *bytes;
	uint32_t n, next;
};
unsigned sim_choice_cursor_pick(void *cursor, unsigned kind, unsigned n);

/* The choice source a program asks for (`sdeisim run`): its `choices`
 * from the first, read through cur (which must outlive the run and
 * prog's choices must not change meanwhile), or the scenario policy when
 * it has none. */
struct sim_choice sim_program_choice(const struct sim_program *prog,
				     struct sim_choice_cursor *cur);

/* ---- Observations: what happened, in order ---- */

enum sim_obs_kind {
	SIM_OBS_STEP = 0,    /* a step starts (step index, op kind in status) */
	SIM_OBS_CALL,        /* an SMC/HVC answered (fid, args x1..x5, result) */
	SIM_OBS_PSCI,        /* a PSCI call answered */
	SIM_OBS_FIRE,        /* an interrupt input fired (intid, pe for banked) */
	SIM_OBS_IRQ,         /* firmware acknowledged intid on pe (status: enum sdd_irq_result;
			      * pc, pstate: the context the interrupt interrupted) */
	SIM_OBS_DISPATCH,    /* a handler was entered (event, handler, regs x0..x3, pc, pstate) */
	SIM_OBS_COMPLETE,    /* a handler completed (event; done: how, enum sim_done; status:
			      * COMPLETE's status, all 32 bits of it) */
	SIM_OBS_LANDING,     /* the resume pad or a vector was reached (regs: elr, spsr, pstate, vector) */
	SIM_OBS_YIELD,       /* a handler paused (depth: its depth) */
	SIM_OBS_RESUME,      /* a paused handler was resumed (depth: its depth) */
	SIM_OBS_POWER,       /* a PE's power state changed (status: enum sim_power; regs[0]: the previous one) */
	SIM_OBS_MIGRATE,     /* the machine was saved and restored into a fresh one */
	SIM_OBS_FAIL,        /* the scenario failed (text) */
	SIM_OBS_EXPLICIT,    /* firmware asked for an explicit dispatch of event on pe (result;
			      * pc, pstate: the context it would interrupt) */
	SIM_OBS_RESET,       /* SYSTEM_RESET: the machine is back in its initial state */
	SIM_OBS_HOLD,        /* firmware acknowledged intid on pe and holds it (a `hold` step):
			      * its SIM_OBS_IRQ comes when the `hand_over` step hands it on
			      * (pc, pstate: the context the interrupt interrupted) */
	SIM_OBS_UNANSWERED,  /* an SMC/HVC through the conduit the platform's dispatcher is not
			      * on: nothing answered it (the fields of a CALL; result: what the
			      * caller read, NOT_SUPPORTED as SMCCC's unknown function) */
	SIM_OBS_SKIP         /* a step of a lenient program could not be made and did
			      * nothing (text: why; pe: the step's) */
};

enum sim_power { SIM_PE_ON = 0, SIM_PE_OFF, SIM_PE_STANDBY, SIM_PE_POWERDOWN, SIM_PE_FROZEN };

/* How a handler completed (SIM_OBS_COMPLETE).  Its own field, not a
 * value of the status: COMPLETE's status is any 32-bit value, -1 and -2
 * included. */
enum sim_done {
	SIM_DONE_COMPLETE = 0,   /* EVENT_COMPLETE(status) */
	SIM_DONE_RESUME,         /* EVENT_COMPLETE_AND_RESUME */
	SIM_DONE_IMPLICIT,       /* the dispatcher completed it (CPU_OFF, SYSTEM_RESET, ...) */
	SIM_DONE_COUNT
};
/* Their names in traces and timelines: "complete", "resume", "implicit". */
extern const char *const sim_done_names[SIM_DONE_COUNT];

/* The padding is explicit (pad*, always zero) so that an observation
 * built field by field (sim_obs_init) is byte for byte one built from a
 * zeroed struct: observation logs are compared and hashed bytewise. */
struct sim_obs {
	uint8_t  kind;       /* enum sim_obs_kind */
	uint8_t  pe;
	uint8_t  depth;      /* handlers running on pe after the event */
	uint8_t  from_handler;  /* CALL/PSCI: made by handler code (1) or a step (0) */
	uint8_t  el;         /* CALL/PSCI: EL the call was made from */
	uint8_t  aarch32;    /* CALL/PSCI: made from AArch64 (0) or AArch32: SIM_A32_MODE(its mode) */
	uint8_t  secure;     /* CALL/PSCI: made from Secure state (1) or Non-secure (0) */
	uint8_t  in_handler; /* CALL/PSCI: made while a handler ran on pe, or was paused there
			      * (a step's call is made in its context) */
	uint32_t step;
	uint32_t pad1;
	uint64_t time;       /* logical clock: +1 per observation */
	uint32_t fid;        /* CALL/PSCI: the function the call named (w0 without SMCCC's hints) */
	uint32_t w0;         /* CALL/PSCI: the function ID register as the caller set it (smccc.h) */
	uint64_t args[5];
	int64_t  result;
	int32_t  event;
	int32_t  handler;    /* handler index, -1 unknown */
	uint32_t intid;
	uint32_t done;       /* COMPLETE: enum sim_done */
	uint64_t regs[4];
	uint64_t pc, pstate;
	int32_t  status;     /* see the kinds; CALL, PSCI: 1 when the call did not return
			      * to its caller now (it completed the running handler; the
			      * PSCI call stopped the PE - off, suspended - or the system) */
	int32_t  op;         /* CALL/PSCI: the op that made it - a step index, or (from_handler) an
			      * index into the program's actions; -1 when none (ELF handler code) */
	const char *text;
};
_Static_assert(sizeof(struct sim_obs) == 160, "struct sim_obs has no padding but its pad* fields");

struct sim_observer {
	void (*obs)(void *ctx, const struct sim_obs *o);
	void *ctx;
};

/* ---- Running a program ---- */

struct sim_run_opts {
	struct sim_choice choice;       /* pick NULL: the scenario policy */
	struct sim_observer observer;   /* obs NULL: none */
	uint64_t slice_budget;          /* instructions a PE may run without trapping (0: 1,000,000) */
	uint32_t max_rounds;            /* scheduler rounds per step before "did not settle" (0: 100,000) */
	bool     skip_invariants;       /* don't check invariants after every step */
	bool     digest;                /* compute sim_result.digest */
	bool     no_notes;              /* leave sim_result.unchecked* zero: for a caller
					 * that reads no notes (formatting the list of
					 * unchecked entries was 2% of a fuzz input) */
	/* What sim_platform_to_sdd made of the program's platform, when the
	 * caller has made it already (and it was accepted); NULL: sim_run
	 * makes it.  Converting once per fuzz input instead of twice. */
	const struct sdd_platform *splat;
	/* Called once, after the last step ran or the run stopped, with the
	 * dispatcher as the run left it (for a caller that checks its final
	 * state: the fuzzers' reference model).  fn NULL: not called. */
	struct sim_at_end {
		void (*fn)(void *ctx, struct sdd *d);
		void *ctx;
	} at_end;
};

/* Why a run failed. */
enum sim_fail_kind {
	SIM_FAIL_NONE = 0,
	SIM_FAIL_EXPECT,      /* an expectation of the scenario did not hold */
	SIM_FAIL_CLIENT,      /* client code went wrong: ran out of actions, faulted, looped */
	SIM_FAIL_SETTLE,      /* the machine kept running without settling */
	SIM_FAIL_SCENARIO,    /* a step that cannot be made (PE off, nothing paused, $name unset) */
	SIM_FAIL_INVARIANT,   /* a dispatcher or cross-layer invariant was violated, or the GIC's
			       * G9 (an EOI the dispatcher had the port make out of order) */
	SIM_FAIL_DISPATCHER,  /* the dispatcher reported a fault, or refused its own migrated state */
	SIM_FAIL_MACHINE,     /* the simulator itself could not continue (out of memory) */
	SIM_FAIL_SIMULATOR    /* the simulator broke one of its own invariants - its GIC model
			       * G1-G8 or G10, its port, PSCI model or scheduler: a bug of
			       * sdeisim, not of the dispatcher.  The message starts "the
			       * simulator's own fault (PART), not the dispatcher's - please
			       * report it to sdeisim: " (the last kind: tables by kind are
			       * sized by it) */
};

/* A failure that is the machine's, not the program's: a violated
 * invariant, a dispatcher fault, the simulator out of memory or broken.
 * No program should meet one on a correct dispatcher and simulator, so
 * the fuzzers count each as a finding (the simulator's own too: it is
 * labelled as such, and must be known); the others (an expectation,
 * client code, a step that cannot be made) are what a program may well
 * do. */
static inline bool sim_fail_is_fault(unsigned kind)
{
	return kind == SIM_FAIL_INVARIANT || kind == SIM_FAIL_DISPATCHER || kind == SIM_FAIL_MACHINE ||
	       kind == SIM_FAIL_SIMULATOR;
}

struct sim_result {
	bool     passed;
	uint8_t  fail_kind;             /* enum sim_fail_kind */
	uint32_t step;                  /* the step that failed (valid when !passed) */
	struct sim_loc loc;             /* where the failed expectation is written */
	char     message[600];          /* "what was expected, what happened" */
	uint32_t steps_run;
	uint32_t dispatches;
	uint32_t calls;
	/* A run that passed with handler entries after its last
	 * expect_dispatches step, or with entries and no such step: how
	 * many, that step (else the last step run), and the entries as the
	 * step lists them. */
	uint32_t unchecked;
	bool     unchecked_by_none;
	struct sim_loc unchecked_after;
	char     unchecked_list[300];
	/* A run that passed with all its steps run and something left
	 * unfinished at the end: a handler still paused by a yield (its
	 * actions after it never ran), an interrupt a PE's firmware still
	 * holds, a hold that took none.  Each said; "" when none. */
	char     unfinished[600];
	/* A run that passed with handler actions whose expectations it never
	 * made (a call's `expect`, an `expect_entry`): how many, where the
	 * first in file order is written, and why it did not run, in words
	 * ("handler 'h' was never entered", ...).  0 when none. */
	uint32_t unran;
	struct sim_loc unran_at;
	char     unran_why[200];
	/* With opts.digest: a 64-bit hash of the machine's final state (the
	 * dispatcher's saved state, the GIC's canonical form, each PE's power,
	 * context and running handlers, the program's variables).  Two runs
	 * that end in the same state have the same digest. */
	uint64_t digest;
};

/*
 * Run prog on a fresh machine built on cpu.  Returns 0 when the program
 * could run (res says whether it passed), or -1 when no machine can be
 * built for it (res->message says why: a platform the dispatcher refuses,
 * too many handlers, an ELF image that cannot be loaded, ...).
 */
int sim_run(struct sim_cpu *cpu, const struct sim_program *prog,
	    const struct sim_run_opts *opts, struct sim_result *res);

/* 64-bit FNV-1a: *h (from SIM_FNV_BASIS) folded with the n bytes at p -
 * sim_result.digest, and the fuzz runs' hashes of what they observed. */
#define SIM_FNV_BASIS 0xCBF29CE484222325ull
void sim_fnv64(uint64_t *h, const void *p, size_t n);

#endif /* SIM_SIM_H */
