/*
 * sim_internal.h - the machine: what sim.h's run is made of.
 *
 *   machine.c   building a machine, the core's port onto the GIC model
 *   handlers.c  handler code and action records in client memory
 *   exec.c      the scheduler, traps, taking interrupts, running PEs
 *   psci.c      the PSCI firmware model
 *   runner.c    executing steps and checking expectations
 *   check.c     cross-layer invariants
 *   check_triggers.c  X7: dispatches against triggers
 *   snapshot.c  saving and restoring a whole machine
 */
#ifndef SIM_INTERNAL_H
#define SIM_INTERNAL_H

#include <stdio.h>

#include "cpu.h"
#include "gic/gic.h"
#include "pe_track.h"
#include "port_rules.h"
#include "sdd/sdd.h"
#include "sim.h"

struct sim_pe {
	struct sim_ctx ctx;      /* what the PE executes now (main context or a handler) */
	uint8_t  power;          /* enum sim_power */
	uint8_t  depth;          /* handlers running here (mirrors the core) */
	uint8_t  paused;         /* bit d-1: the handler at depth d is stopped by a yield */
	uint8_t  stuck;          /* stopped for good: a handler faulted or ran out of actions */
	uint8_t  npri;           /* explicit-dispatch priority activations */
	uint8_t  saved_pmr[2];   /* PMR before each activation */
	struct sim_dispatch disp[2];
	struct sim_dispatch last_completed;   /* the handler completed last */
	/* Handlers completed by COMPLETE_AND_RESUME whose resume address has not
	 * been reached yet, innermost last: a landing belongs to the last one
	 * (another event may be taken at the resume address, and complete,
	 * before the landing runs). */
	struct sim_dispatch resumed[4];
	uint8_t  nresumed;
	struct sim_hold hold;    /* the hold and hand_over steps (pe_track.h) */
	uint64_t irq_epoch;      /* derived: the GIC's pe_epoch + 1 when irq_ready was computed */
	uint8_t  irq_ready;      /* derived: a Group 0 interrupt is signalled here */
};

/* A landing at the resume pad or a vector. */
struct sim_landing {
	uint8_t  pe;
	uint8_t  vector;         /* 0xFF: the resume pad */
	uint64_t elr, spsr, pstate;
	uint64_t int_pc, int_pstate;
};

/* Client memory user code may write (ELF images). */
#define SIM_MAX_USER_RANGES 64   /* loaded ELF segments kept account of (elf.c) */
struct sim_range { uint64_t addr, size; };

/* What X7 (check_triggers.c) saw happen: the triggers the machine made
 * and the acknowledges that took them, kept apart from the GIC's latches
 * and the machine's dispatch records so as to be checked against both. */
struct sim_triggers {
	uint32_t banked[SIM_MAX_PES];       /* bit i: INTID i of PE pe triggered since its last acknowledge */
	uint64_t spi[GIC_SPI_WORDS];        /* bit n: SPI 32+n, the same */
	uint16_t acked[SIM_MAX_PES];        /* INTID + 1 PE pe acknowledged and no dispatch took yet; 0 none */
};

/* A handler entry seen during the run. */
struct sim_entry_rec {
	uint8_t  pe, depth;       /* depth: handlers running on pe once entered */
	int32_t  event;
	int32_t  handler;
	uint64_t pc, x1;
};

struct sim_machine {
	/* ---- Set by sim_machine_init from the program and the options ---- */
	struct sim_cpu *cpu;
	const struct sim_program *prog;
	struct sim_platform plat;
	struct sdd_platform splat;
	struct sdd_port port;
	struct sim_choice choice;
	struct sim_observer observer;
	uint64_t slice_budget;
	uint32_t max_rounds;
	uint32_t npe;
	bool     skip_invariants;   /* sim_run_opts.skip_invariants */

	/* ---- The run so far: set up by sim_machine_init, kept by a
	 * migration's sim_machine_rebuild ---- */
	uint32_t step;           /* step being run */
	uint64_t time;
	uint32_t calls, dispatches;

	/* variables ($name): the program's nvars, in CPU buffers */
	uint64_t *var_value;
	uint8_t  *var_set;

	/* logs since the last expect_dispatches / expect_resumes step, in
	 * CPU buffers (capacities in entries) */
	struct sim_entry_rec *entries;   uint32_t nentries, cap_entries;
	struct sim_landing *landings;    uint32_t nlandings, cap_landings;

	/* With notes (not sim_run_opts.no_notes), in a CPU buffer: ran[a]
	 * is set once action a made its call or its entry checks, and
	 * ran[nactions + h] once handler h was entered (sim_note_unran);
	 * NULL without notes. */
	uint8_t *ran;

	/* X7's ledger: set up with the GIC (power_up), kept by a migration
	 * as the GIC is */
	struct sim_triggers triggers;

	/* ---- Cleared by building a machine: everything from here to pe[] ---- */
	uint32_t nrecs;          /* handler action records in client memory */
	/* the step call in progress: its caller's x1..x5, which its register
	 * checks see when it returns to the caller (step_call puts them
	 * back), and what tells that it did (sim_returned_to_caller) */
	const struct sim_op *step_op;
	const uint64_t *step_args;
	uint64_t step_pc;
	uint32_t step_resets;
	uint8_t  step_depth;
	uint64_t secure[(GIC_NUM_INTIDS + 63) / 64];  /* bit i: INTID i is firmware-owned (client-invisible) */
	uint32_t nuser;          /* loaded ELF segments in user[] */

	/* machine state */
	int      running_pe;     /* PE executing code, -1 none */
	/* For the scheduler (sim_quiesce): what each PE could do when last
	 * asked; beside the GIC's pe_moved, the PEs to ask again - those
	 * whose progress a step or code running on another PE may have
	 * changed (every PE at the start of a run and after every step but
	 * an interrupt, which changes only the GIC; a PSCI call: CPU_ON,
	 * SYSTEM_OFF, ...) - and the PEs that were not ON when last asked
	 * (whose wake-up the GIC's pe_epoch does not follow). */
	struct sim_sched_memo sched;
	uint64_t pe_dirty;
	uint64_t pe_not_on;
	unsigned dev_target;     /* test device: PE of the next SGI/PPI raise */
	bool     system_off;
	uint32_t resets;         /* SYSTEM_RESETs so far */
	bool     failed;
	uint8_t  fail_kind;
	struct sim_loc fail_loc;
	char     fail_msg[600];
	/* The GIC epoch gic_check last passed at; the GIC cannot have broken
	 * an invariant since unless the epoch moved.  Cleared whenever the
	 * GIC is rebuilt (power-up, reset, migration). */
	uint64_t gic_checked_epoch;
	bool     gic_checked;
	/* The dispatcher was entered (its lock taken, or it was built or
	 * loaded) since sdd_check last passed. */
	bool     core_touched;
	struct sim_port_lock lock;   /* the port lock's account (port_rules.h) */

	/* ---- Sized for the largest platform, set up for this one ----
	 * The machine's memory is reused from run to run (sim_cpu_workspace)
	 * and clearing all of it cost a sixth of a fuzz input's time, so only
	 * the entries a program has are set up, each by what fills it: the
	 * first npe PEs by power_up, the program's handlers by
	 * sim_handlers_load, nuser ranges by sim_elf_load.  Nothing reads an
	 * entry beyond those (PE indices are checked against npe, handler
	 * indices against the program's, ranges against nuser).  Likewise
	 * sdd_init and gic_init set up as much of core and gic as the
	 * platform's size uses. */
	struct sim_pe pe[SIM_MAX_PES];
	uint64_t handler_entry[SIM_MAX_HANDLERS];
	uint32_t handler_rec[SIM_MAX_HANDLERS];   /* first action record of each handler */
	struct sim_range user[SIM_MAX_USER_RANGES];  /* loaded ELF segments */
	struct sdd core;
	struct gic gic;
};

/* ---- snapshot.c ---- */

/* see sim_result.digest; 0 when out of memory (uses the CPU's scratch buffer) */
uint64_t sim_machine_digest(struct sim_machine *m);

/* ---- machine.c ---- */

/* Build a machine for prog on cpu, at the start of a run.  0, or -1 with
 * a message in err. */
int  sim_machine_init(struct sim_machine *m, struct sim_cpu *cpu, const struct sim_program *prog,
		      const struct sim_run_opts *opts, char *err, size_t errlen);
/* The fresh machine a migration restores into, built in m for m's
 * program and options, the run so far (step, time, counters, variables,
 * logs) kept.  The GIC and the PEs are left as they are and the
 * dispatcher is initialised without writing to the GIC: the caller
 * restores all three right after (the dispatcher with sdd_load).  0, or
 * -1 with a message in err. */
int  sim_machine_rebuild(struct sim_machine *m, char *err, size_t errlen);
/* A log of the run (m->entries in SIM_BUF_ENTRIES, m->landings in
 * SIM_BUF_LANDINGS: log, with *cap entries of size bytes) with room for
 * entry n: log itself, or the CPU buffer grown, *cap updated.  NULL when
 * out of memory. */
void *sim_log_room(struct sim_machine *m, enum sim_cpu_buf b, void *log, uint32_t n, uint32_t *cap, size_t size);
/* SYSTEM_RESET: back to the state before the first step (handlers stay loaded). */
void sim_machine_reset(struct sim_machine *m);
/* A PE's main context at power-up: parked in the runtime's idle loop. */
void sim_main_context(const struct sim_machine *m, unsigned pe, struct sim_ctx *ctx);
/* Conversions between the machine's context and the core's register file
 * (never the same memory: restrict lets the compiler copy x0..x17 as
 * vectors, as it cannot while they might overlap). */
void sim_ctx_to_regs(const struct sim_ctx *restrict c, struct sdd_regs *restrict r);
void sim_regs_to_ctx(const struct sdd_regs *restrict r, struct sim_ctx *restrict c);
/* Where a check made during a step reports: the step running, if any. */
static inline struct sim_loc sim_step_loc(const struct sim_machine *m)
{
	return m->step < m->prog->nsteps ? m->prog->steps[m->step].loc : (struct sim_loc){ 0, 0 };
}
/* Record a failure (the first one wins) of kind (enum sim_fail_kind) at loc. */
void sim_fail(struct sim_machine *m, unsigned kind, struct sim_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A failure that is the simulator's own (SIM_FAIL_SIMULATOR): part
 * (its GIC model, port, PSCI model, scheduler) broke one of its own
 * invariants, whatever the dispatcher did.  Recorded as sim_fail does,
 * its message labelled so that no one takes it for the dispatcher's. */
void sim_fail_own(struct sim_machine *m, const char *part, struct sim_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A step that cannot be made on pe: the scenario fails with why at loc
 * (as sim_fail, SIM_FAIL_SCENARIO), or, in a lenient program (a
 * generated one, whose steps may ask the impossible), the step does
 * nothing and the observers are told why (SIM_OBS_SKIP). */
void sim_step_refused(struct sim_machine *m, unsigned pe, struct sim_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Report an observation (fills time and step). */
void sim_observe(struct sim_machine *m, struct sim_obs *o);
/* Whether an observer listens: the caller then builds its observation and
 * reports it (sim_observe).  When none does, the observation is counted
 * as made (its time taken, as sim_observe would) and false says that it
 * need not be built: on the paths every interrupt cycle takes, building
 * the observations nobody hears was a twentieth of the cycle's work. */
static inline bool sim_observing(struct sim_machine *m)
{
	if (m->observer.obs)
		return true;
	m->time++;
	return false;
}
/* Choice source. */
unsigned sim_pick(struct sim_machine *m, unsigned kind, unsigned n);

/* ---- handlers.c ---- */

int  sim_handlers_load(struct sim_machine *m, char *err, size_t errlen);
/* Load a user ELF image (elf.c); *entry = the symbol's address. */
int  sim_elf_load(struct sim_machine *m, const char *path, const char *symbol, uint64_t *entry,
		  char *err, size_t errlen);
/* What sim_elf_load would say of the image in memory (size bytes, which
 * libelf reads in place; name for the messages), loading nothing: 0 and
 * *entry, or -1 and one line in err. */
int  sim_elf_check(char *image, size_t size, const char *name, const char *symbol, uint64_t *entry,
		   char *err, size_t errlen);
/* Handler index whose entry point is pc, or -1. */
int  sim_handler_at(const struct sim_machine *m, uint64_t pc);
/* Program action index of action record address rec, or -1 (with its handler). */
int  sim_action_of_record(const struct sim_machine *m, uint64_t rec, int *handler);

/* ---- exec.c ---- */

/* Run until nothing more can happen without a new step. */
void sim_quiesce(struct sim_machine *m);
/* A firmware call (SMC/HVC) from PE pe's context ctx: op is the step or
 * handler action making it (its arguments are placed in x0..x5 first and
 * its expectations checked after), or NULL for a call whose registers are
 * already set (user code).  Returns what the trap should do next. */
enum sim_trap_action sim_firmware_call(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx,
				       const struct sim_op *op, bool from_handler);
/* Take the dispatcher's result for a dispatch that happened on pe for
 * INTID handed (1023: an explicit one), which interrupted the registers
 * `before` (given to the dispatcher) and entered the handler with `after`
 * (what it gave back, already the PE's context).  False if the dispatcher
 * entered it wrongly or reported it wrongly (context_rules.h): the run
 * has failed. */
bool sim_note_dispatch(struct sim_machine *m, unsigned pe, uint32_t handed, const struct sdd_outcome *o,
		       const struct sdd_regs *before, const struct sdd_regs *after);
/* Raise interrupt intid as a device would (pe: target of an SGI or PPI). */
void sim_fire(struct sim_machine *m, uint32_t intid, unsigned pe);
/* Wake a suspended PE. */
void sim_wake(struct sim_machine *m, unsigned pe);
/* Hand the interrupt pe's firmware holds (struct sim_hold) to the
 * dispatcher; false if it holds none. */
bool sim_hand_over_held(struct sim_machine *m, unsigned pe);

/* ---- psci.c ---- */

uint32_t sim_psci_fid(unsigned fn);
/* Handle PSCI call fid with x1..x3 on pe.  Returns x0 (32-bit results
 * sign-extended).  *stops is set when the calling PE does not continue
 * (it powered off, suspended, froze, or the system went off or reset). */
int64_t sim_psci(struct sim_machine *m, unsigned pe, struct sim_ctx *ctx, bool *stops);

/* ---- check.c ---- */

/* Would firmware on pe take a Group 0 interrupt now: one is signalled
 * (a signalled Secure Group 1 one is not firmware's: IAR0 says 1020)?
 * The scheduler caches the answer (exec.c, group0_signalled); the settled
 * check asks it afresh. */
static inline bool sim_group0_ready(struct gic *g, unsigned pe)
{
	return gic_fiq_line(g, pe) && gic_hppir0(g, pe) < GIC_NUM_INTIDS;
}

/* Check the GIC, the core and the machine against each other; records a
 * failure at loc and returns false when something does not hold. */
bool sim_check_invariants(struct sim_machine *m, struct sim_loc loc);
/* Firmware on pe acknowledged intid: could it be (gic_check_ack)?  Checked
 * there, before the dispatcher is handed it: a GIC model that signals what
 * it should not is otherwise seen only as what the dispatcher did with it
 * (its interrupt-controller fault, a dispatch on the wrong PE) and blamed
 * on the dispatcher.  False, the failure recorded, when it could not. */
bool sim_check_ack(struct sim_machine *m, unsigned pe, uint32_t intid);
/* The port wrote the route the dispatcher asked for SPI intid (any: 1-of-N,
 * else to PE target): does GICD_IROUTER hold it?  Checked there: a port
 * that writes another PE's affinity leaves a GIC in a legal state, seen
 * otherwise only as a dispatch on the wrong PE, which a scenario's
 * expectation may notice and blame on the dispatcher.  False, the failure
 * recorded, when it does not. */
bool sim_check_route(struct sim_machine *m, uint32_t intid, bool any, unsigned target);
/* The priorities of the handlers pe runs, as the machine tracks them
 * (running_rules.h: X1, X2, X4 by the platform's classes).  Checked after
 * every step and at every dispatch: a handler dispatched and completed
 * within one step is seen only there.  False, the failure recorded at
 * loc, when they do not hold. */
bool sim_check_running(struct sim_machine *m, unsigned pe, struct sim_loc loc);

/* ---- check_triggers.c: X7, dispatches against triggers ---- */

/* Forget every trigger (the GIC was set up afresh: no latch is left). */
void sim_triggers_reset(struct sim_machine *m);
/* The machine asked the GIC to latch intid for pe (a device's edge, an
 * SGI written through ICC_SGI0R - when group0_only, one the target takes
 * only as Group 0 -, the dispatcher's ISPENDR): noted, and the GIC must
 * hold it pending now.  False, the failure recorded, when it lost it. */
bool sim_note_trigger(struct sim_machine *m, unsigned pe, uint32_t intid, bool group0_only);
/* The dispatcher's ICPENDR (or claim) withdrew whatever trigger intid had. */
void sim_note_untrigger(struct sim_machine *m, unsigned pe, uint32_t intid);
/* Firmware on pe acknowledged intid (gic_check_ack passed): an
 * edge-triggered one takes a trigger made since its last acknowledge.
 * False, the failure recorded, when there was none. */
bool sim_triggers_ack(struct sim_machine *m, unsigned pe, uint32_t intid);
/* The dispatcher entered a handler on pe for INTID handed (1023: an
 * explicit dispatch, the firmware's own trigger): it takes the
 * acknowledge pe made of it, which must be the latest one its CPU
 * interface holds, and not one pe's firmware holds (a hold step's).
 * False, the failure recorded, when there is none. */
bool sim_triggers_dispatch(struct sim_machine *m, unsigned pe, uint32_t handed);
/* Every trigger no acknowledge or ICPENDR took is still latched. */
bool sim_triggers_kept(struct sim_machine *m, struct sim_loc loc);

/* ---- match.c ---- */

/* Value of v as seen now on pe, with the interrupted context int_pc /
 * int_pstate for interrupted_pc / interrupted_pstate.  false (and a
 * failure recorded at loc) when it cannot be resolved. */
bool sim_resolve(struct sim_machine *m, const struct sim_value *v, uint64_t int_pc,
		 uint64_t int_pstate, struct sim_loc loc, uint64_t *out);
/* How a message shows the values an expectation compares with, in buf
 * (returned): numbers (error codes by name, else hex), PE indices and
 * other small counts (a depth), handlers' entry points (by name). */
typedef const char *sim_show_fn(const struct sim_machine *m, char *buf, size_t n, uint64_t v);
sim_show_fn sim_show_number, sim_show_index, sim_show_handler;
/* A value for a message: error codes by name, else hex. */
const char *sim_show_value(char *buf, size_t n, uint64_t v);
/* Evaluate one match against seen.  *desc gets the expectation in words,
 * its values shown by how.  Returns 1 matched, 0 not, -1 could not
 * resolve (failure recorded). */
int sim_match_eval(struct sim_machine *m, const struct sim_match *mt, uint64_t seen, uint64_t int_pc,
		   uint64_t int_pstate, sim_show_fn *how, char *desc, size_t n);
/* Check checks[first..first+n) against a context (regs, pstate, elr/spsr);
 * describe: what is being checked, for the message.  false on mismatch. */
bool sim_check_regs(struct sim_machine *m, uint32_t first, uint32_t n, const struct sim_ctx *c,
		    uint64_t int_pc, uint64_t int_pstate, const char *describe);
/* The same for any source of values: get(src, reg) is what check reg sees. */
bool sim_check_list(struct sim_machine *m, uint32_t first, uint32_t n,
		    uint64_t (*get)(const void *src, unsigned reg), const void *src,
		    uint64_t int_pc, uint64_t int_pstate, const char *describe);

/* ---- expect_lists.c ---- */

/* An expect_dispatches step: op's entries against the handler entries
 * since the previous one, in op's form; on a match they are taken. */
void sim_expect_dispatches(struct sim_machine *m, const struct sim_op *op);
/* An expect_resumes step: op's landings against those at the resume pad
 * since the previous one. */
void sim_expect_resumes(struct sim_machine *m, const struct sim_op *op);
/* After a run that passed: the handler entries after the last
 * expect_dispatches step that ran, or in a run with none, which nothing
 * checked (sim_result.unchecked). */
void sim_note_unchecked(const struct sim_machine *m, struct sim_result *res);
/* A run that passed: what it left unfinished (sim_result.unfinished). */
void sim_note_unfinished(const struct sim_machine *m, struct sim_result *res);

/* ---- unran.c ---- */

/* Action a (its index in actions[]) made its call or its entry checks;
 * handler h was entered.  Nothing without notes (m->ran NULL). */
static inline void sim_mark_ran(struct sim_machine *m, uint32_t a)
{
	if (m->ran)
		m->ran[a] = 1;
}
static inline void sim_mark_entered(struct sim_machine *m, uint32_t h)
{
	if (m->ran)
		m->ran[m->prog->nactions + h] = 1;
}
/* A run that passed: the handler actions with expectations it never made
 * (sim_result.unran*). */
void sim_note_unran(const struct sim_machine *m, struct sim_result *res);

/* ---- runner.c ---- */

/* After a call: check op's expectations - whether it returned (`returns`:
 * returned says), then x0 or the register map - and save x0. */
void sim_after_call(struct sim_machine *m, const struct sim_op *op, const struct sim_ctx *c,
		    int64_t x0, unsigned pe, bool returned);

/* ---- view.c ---- */

/* An expect_view step: op's parts against the dispatcher's register view. */
void sim_expect_view(struct sim_machine *m, const struct sim_op *op);
/* The bitmap (by event index) of the events a SIM_M_SET match lists;
 * false (failure recorded) when one cannot be resolved or is no event. */
bool sim_event_set(struct sim_machine *m, const struct sim_match *mt, uint64_t *bits);
/* A bitmap by event index in words: "{0x0, 0x40000100}". */
void sim_show_events(const struct sim_machine *m, uint64_t bits, char *buf, size_t n);
/* What waits for a PE_UNMASK, for a message: "; PE 1 masked, with {0x0}
 * pending there (waiting for PE_UNMASK)" for each powered-on PE that is
 * masked with an enabled event's interrupt pending at it (view.c); ""
 * when none. */
void sim_masked_waiting(struct sim_machine *m, char *buf, size_t n);

/* ---- snapshot.c ---- */

/* Save m and restore it into a fresh machine on the same CPU; m becomes
 * the fresh machine.  false (failure recorded) if the dispatcher refused
 * its own state. */
bool sim_migrate(struct sim_machine *m, struct sim_loc loc);

#endif /* SIM_INTERNAL_H */
