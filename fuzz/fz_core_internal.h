/*
 * fz_core_internal.h - the host machine fuzz_core runs the dispatcher in:
 * what fz_core's files share.  Internal to fuzz/.
 *
 *   fz_core_gic.c   the interrupt controller and the dispatcher's port
 *   fz_core_exec.c  observations, firmware calls, taking interrupts, the
 *                   scheduler
 *   fz_core_client.c the handler model: client code run in C
 *   fz_core_psci.c  PSCI
 *   fz_core_run.c   steps, invariants, one input from bytes to verdict
 *
 * The machine mirrors the simulator's (sim/), rule for rule, where a
 * decoded fuzz input can reach it - the same scheduling and 1-of-N
 * choices, the same observations - but runs the handlers' action lists
 * directly in C and keeps the interrupt state in small arrays.
 * Everything is sized by compile-time maxima and set up, per input, only
 * as far as the input's platform uses it.
 */
#ifndef FZ_CORE_INTERNAL_H
#define FZ_CORE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fz_oracle.h"
#include "pe_track.h"
#include "port_rules.h"
#include "program.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd.h"
#include "sim.h"

/* ---- Interrupt controller ---- */

#define FZC_MAX_SPIS      988u    /* INTIDs 32..1019 */
#define FZC_SPI_WORDS     ((FZC_MAX_SPIS + 63u) / 64u)
#define FZC_NUM_INTIDS    1020u
#define FZC_SPURIOUS      1023u
#define FZC_NO_PE         0xFFu
#define FZC_PRIO_MASK     0xF8u   /* 5 implemented priority bits */
#define FZC_IDLE_PRIO     0xFFu
#define FZC_PMR_IDLE      (0xFFu & FZC_PRIO_MASK)

enum fzc_group { FZC_G0 = 0, FZC_G1S = 1, FZC_G1NS = 2 };

struct fzc_irq {
	uint8_t prio;            /* masked to FZC_PRIO_MASK */
	uint8_t group;           /* enum fzc_group */
	uint8_t enabled;
	uint8_t latch;           /* pending (every interrupt is edge-triggered here) */
	uint8_t active;
	uint8_t owner;           /* PE that acknowledged it, FZC_NO_PE none */
};

struct fzc_gic_pe {
	uint64_t mpidr;
	uint8_t  sleep;          /* GICR_WAKER.ProcessorSleep */
	uint8_t  dpg;            /* bit g: GICR_CTLR.DPG<g> (out of 1-of-N for group g) */
	uint8_t  pmr;            /* ICC_PMR_EL1 */
	uint8_t  nack;
	uint32_t apr;            /* Group 0 active priorities, bit prio >> 3 (nothing
				  * acknowledges Group 1 here, so no other group has any) */
	uint32_t live;           /* derived: banked interrupts pending, enabled, inactive */
	struct { uint16_t intid; uint8_t gprio; } ack[32];   /* acknowledged, oldest first */
	struct fzc_irq banked[32];
};

struct fzc_gic {
	unsigned npe, nspi;
	/* bumped at every change (never reset: it outlives inputs) */
	uint64_t epoch;
	/* derived: fzc_group0_signalled(pe) as found at epoch sig_at[pe] - 1 */
	uint64_t sig_at[SIM_MAX_PES];
	uint8_t  sig[SIM_MAX_PES];
	/* derived: SPIs pending, enabled and inactive */
	uint64_t spi_live[FZC_SPI_WORDS];
	/* illegal EOIs (the simulator's GIC invariant G9): count and the first */
	uint32_t bad_eoi;
	uint16_t bad_eoi_intid;
	uint8_t  bad_eoi_pe;
	uint8_t  bad_eoi_fault;           /* enum gic_eoi_fault (sim/gic/gic.h) */
	struct fzc_gic_pe pe[SIM_MAX_PES];
	struct fzc_irq spi[FZC_MAX_SPIS];
	uint64_t aff[FZC_MAX_SPIS];       /* GICD_IROUTER affinity */
	uint8_t  irm[FZC_MAX_SPIS];       /* GICD_IROUTER.IRM: 1-of-N */
	uint8_t  aff_pe[FZC_MAX_SPIS];    /* derived: the PE with that affinity, FZC_NO_PE none */
	uint8_t  chosen[FZC_MAX_SPIS];    /* IRM 1: the PE the SPI goes to (sticky) */
	uint8_t  wake[FZC_MAX_SPIS];      /* IRM 1, chosen none: the sleeping PE it wakes (sticky) */
};

/* ---- The machine ---- */

#define FZC_MAX_RECORDS   1024u   /* handler action records, ends included */
#define FZC_MAX_VARS      64u

struct fzc_pe {
	struct sdd_regs ctx;      /* what the PE executes now (main context or a handler) */
	uint8_t  power;           /* enum sim_power */
	uint8_t  depth;           /* handlers running (mirrors the dispatcher) */
	uint8_t  paused;          /* bit d-1: the handler at depth d yielded */
	uint8_t  npri;            /* explicit-dispatch priority activations */
	uint8_t  saved_pmr[2];
	int32_t  last_handler;    /* handler of the dispatch completed last */
	struct sim_dispatch disp[2];   /* int_pc, int_pstate: unused */
	struct sim_hold hold;     /* the hold and hand_over steps (sim/pe_track.h) */
};

struct fzc_machine {
	const struct sim_program *prog;
	struct fz_oracle *oracle;
	struct sim_observer also;         /* an extra observer (tests), may be empty */
	const uint8_t *choices;           /* the program's choices, in order */
	uint32_t nchoices, next_choice;

	struct sdd_platform splat;
	struct sdd_port port;
	struct sdd *cores;                /* two dispatchers, allocated once */
	struct sdd *core;                 /* the one in use: cores[0] or cores[1] */
	struct sdd *spare;                /* the other: a migration restores into it */
	uint8_t *save_buf;                /* sdd_save's buffer (grown, never per input) */
	size_t   save_cap;

	unsigned npe;
	struct fzc_pe pe[SIM_MAX_PES];
	struct fzc_gic gic;

	/* handler action records, laid out as the simulator lays them out in
	 * client memory (addresses RT_ACTIONS + 64 * index) */
	uint32_t handler_rec[RT_MAX_HANDLERS];   /* first record of each handler */
	int32_t  rec_action[FZC_MAX_RECORDS];    /* its action index, -1: the list's end */
	uint32_t nrecs;

	uint64_t var_value[FZC_MAX_VARS];
	uint8_t  var_set[FZC_MAX_VARS];

	uint32_t step;
	uint64_t time;
	int      running_pe;              /* PE whose handler code runs, -1 none */
	bool     system_off;
	uint32_t resets;
	bool     core_touched;            /* the dispatcher's lock was taken since sdd_check */
	struct sim_port_lock lock;        /* the port lock's account (port_rules.h) */
	bool     failed;
	uint8_t  fail_kind;               /* enum sim_fail_kind */
	char     fail_msg[600];
	uint32_t calls, dispatches;
};

/* ---- fz_core_port.c ---- */

/* The dispatcher's port onto the interrupt controller (ctx: the machine). */
extern const struct sdd_port fzc_port;
/* sdd_init of d with m's platform and port (m->port), whose operations
 * sdd_init makes without the lock, as sdd_port.h allows: an enum
 * sdd_init_error. */
int fzc_init_dispatcher(struct fzc_machine *m, struct sdd *d);

/* ---- fz_core_gic.c ---- */

/* Set up for the machine's platform (npe, nspi, MPIDRs, secure INTIDs). */
void fzc_gic_init(struct fzc_machine *m);
bool fzc_intid_valid(const struct fzc_gic *g, uint32_t intid);
/* Distributor and redistributor registers, one field each (an INTID or
 * PE the GIC does not have is ignored). */
void fzc_set_group(struct fzc_machine *m, unsigned pe, uint32_t intid, unsigned group);
void fzc_set_priority(struct fzc_machine *m, unsigned pe, uint32_t intid, uint8_t prio);
void fzc_set_enabled(struct fzc_machine *m, unsigned pe, uint32_t intid, bool on);
void fzc_set_pending(struct fzc_machine *m, unsigned pe, uint32_t intid, bool on);
void fzc_set_route(struct fzc_machine *m, uint32_t intid, bool any, uint64_t aff);
/* GICR_CTLR.DPG0, inverted: whether pe takes part in 1-of-N routing. */
void fzc_set_participate(struct fzc_machine *m, unsigned pe, bool on);
void fzc_fire(struct fzc_machine *m, unsigned pe, uint32_t intid);
void fzc_set_sleep(struct fzc_machine *m, unsigned pe, bool asleep);
uint8_t fzc_set_pmr(struct fzc_machine *m, unsigned pe, uint8_t pmr);
/* Redistributor reset at power-up (as gic_redist_reset). */
void fzc_redist_reset(struct fzc_machine *m, unsigned pe);
/* Would pe take a Group 0 interrupt now (signalled, IAR0 names it)? */
bool fzc_group0_signalled(struct fzc_gic *g, unsigned pe);
/* Any enabled interrupt pending for pe, whatever its priority: wakes it. */
bool fzc_wake_event(const struct fzc_gic *g, unsigned pe);
/* ICC_IAR0_EL1 / ICC_EOIR0_EL1. */
uint32_t fzc_ack0(struct fzc_machine *m, unsigned pe);
void fzc_eoi0(struct fzc_machine *m, unsigned pe, uint32_t intid);
/* ICC_RPR_EL1 */
uint8_t fzc_rpr(const struct fzc_gic *g, unsigned pe);
static inline const struct fzc_irq *fzc_irq_cref(const struct fzc_gic *g, unsigned pe, uint32_t intid)
{
	if (intid < 32)
		return pe < g->npe ? &g->pe[pe].banked[intid] : NULL;
	return intid - 32u < g->nspi ? &g->spi[intid - 32u] : NULL;
}

/* ---- fz_core_exec.c ---- */

/* A PE's main context at power-up: parked in the runtime's idle loop. */
void fzc_main_context(const struct fzc_machine *m, struct sdd_regs *ctx);
/* Take into ctx what the dispatcher may change in a register file r it
 * was given: the general registers, PC, PSTATE, ELR/SPSR of the client
 * EL (the rest is read only to it). */
void fzc_take_regs(struct sdd_regs *ctx, const struct sdd_regs *r);
/* Report an observation (fills time and step). */
void fzc_observe(struct fzc_machine *m, struct sim_obs *o);
/* Record a failure (the first one wins). */
void fzc_fail(struct fzc_machine *m, unsigned kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The next choice among n (the choice bytes; 0 once they run out). */
unsigned fzc_pick(struct fzc_machine *m, unsigned n);
/* Value v as the simulator resolves it now; false (failure recorded) when it cannot. */
bool fzc_resolve(struct fzc_machine *m, const struct sim_value *v, uint64_t *out);
/* An interrupt fires as a device raises it (pe: target of an SGI or PPI). */
void fzc_fire_obs(struct fzc_machine *m, uint32_t intid, unsigned pe);
/* The dispatcher entered a handler on pe for INTID handed (1023: an
 * explicit dispatch; outcome o). */
bool fzc_note_dispatch(struct fzc_machine *m, unsigned pe, uint32_t handed, const struct sdd_outcome *o,
		       const struct sdd_regs *before);
/* The priorities of the handlers pe runs (running_rules.h), after every
 * step and at every dispatch (fz_core_run.c); false, the run failed, when
 * they do not hold. */
bool fzc_check_running(struct fzc_machine *m, unsigned pe);
/* The invariants sim/check.c holds the dispatcher to, after every step
 * (fz_core_run.c): on a violation the run fails (m->failed, fail_msg). */
void fzc_check_invariants(struct fzc_machine *m);
/* Hand the interrupt pe's firmware holds (a hold step) to the
 * dispatcher; false if it holds none. */
bool fzc_hand_over_held(struct fzc_machine *m, unsigned pe);
/* A firmware call from pe's context made by op (a step, or a handler
 * action when from_handler).  Returns true when the caller continues. */
bool fzc_firmware_call(struct fzc_machine *m, unsigned pe, const struct sim_op *op, bool from_handler);
/* Run until nothing more can happen without a new step. */
void fzc_quiesce(struct fzc_machine *m);

/* ---- fz_core_client.c ---- */

/* Run pe's context until it stops (the simulator's run_pe). */
void fzc_run_pe(struct fzc_machine *m, unsigned pe);

/* ---- fz_core_psci.c ---- */

/* PSCI call in pe's context (x0 = function ID).  Returns its x0 (32-bit
 * results sign-extended); *stops when the calling PE does not continue. */
int64_t fzc_psci(struct fzc_machine *m, unsigned pe, bool *stops);
/* Wake a suspended PE. */
void fzc_wake(struct fzc_machine *m, unsigned pe);
/* Build the GIC, the dispatcher and the PEs in their initial state
 * (power-up and SYSTEM_RESET).  false when the dispatcher refuses the platform. */
bool fzc_power_up(struct fzc_machine *m);

#endif /* FZ_CORE_INTERNAL_H */
