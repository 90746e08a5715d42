/*
 * tarmac_pe_state.h - the Tarmac importer's per-PE state machine, inside:
 * its state (tarmac_pe.c follows the lines, tarmac_records.c writes the
 * records they make).  Not for other users: tarmac.h is the interface.
 */
#ifndef TRACES_TARMAC_PE_STATE_H
#define TRACES_TARMAC_PE_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "tarmac.h"

#define MAX_DEPTH     4

/* Where a PE's acknowledgement is between its IAR read and its outcome. */
enum tm_ack {
	TM_ACK_NONE = 0,
	TM_ACK_READ,                 /* read, nothing written yet */
	TM_ACK_HELD,                 /* another PE raced with it: the hold is written */
	TM_ACK_HANDED                /* held, and its ERET ended the window: the ack goes out with the outcome */
};

/* What the trace shows became of an acknowledgement (tm_ack_settle). */
enum tm_ack_outcome {
	TM_OUT_UNKNOWN = 0,          /* not seen (the trace or the PE's run ended, the ERET's target is
				      * not known yet) */
	TM_OUT_DISPATCHED,           /* its ERET entered a handler */
	TM_OUT_NOT_DISPATCHED        /* its ERET went back, or the firmware read another IAR */
};

struct call {
	bool     open;
	uint8_t  conduit, el, from_handler, x_known;
	uint8_t  aarch32;            /* made by an A32/T32 SMC/HVC (x0..x5 are r0..r5): its mode
				      * as trace_rec's aarch32 says it; 0: by an A64 one */
	bool     secure;             /* made from Secure state (its mode field's _s) */
	uint64_t x[6];
	uint64_t pc, t, line;
};

struct pe {
	bool     seen;
	int      el;                 /* -1 unknown */
	uint64_t x[31];
	uint32_t x_known;            /* bit n: xn known */
	uint64_t elr[4], spsr[4], vbar[4];
	uint8_t  elr_known, spsr_known, vbar_known;   /* bit n: ..._ELn known */
	uint8_t  elr_fresh;          /* bit n: ELR_ELn written since the PE last entered ELn */
	struct call call[4];         /* by caller EL */
	bool     trap_armed;         /* an exception was taken since the last lower-EL instruction */
	bool     el3_explained;      /* the current stay at EL3 began with an exception, a reset or the trace */
	int      iar_rt;             /* MRS ICC_IAR*_EL1 destination waiting for its R line, -1 none */
	bool     have_intid;         /* an INTID was read during this stay at EL3 */
	uint32_t intid;
	/* The irq record of that read, written once the PE's outcome shows
	 * whether other PEs raced with it (tarmac_records.c, "Holds") */
	uint8_t  ack;                /* enum tm_ack */
	uint64_t ack_t, ack_line;    /* the IAR read's */
	/* The PE's loads and stores (tarmac_gic.c): whether the trace shows
	 * them, and whether the firmware set the acknowledged INTID pending
	 * again since the read */
	bool     mem_seen;
	bool     repended;
	/* ELR/SPSR_ELn as the exception that began this stay at ELn saved
	 * them (the R lines between its E line and the next instruction):
	 * the interrupted context a dispatch must give the handler in x2/x3 */
	bool     taking;             /* an E line was seen, no instruction since */
	uint64_t taken_elr[4], taken_spsr[4];
	uint8_t  taken_elr_known, taken_spsr_known;   /* bit n: ..._ELn */
	uint64_t taken_line;
	int      called_el;          /* the EL of the call this PE's last instruction made, -1 none:
				      * if the next one is the instruction after it, at that EL, with
				      * no exception between, the call came back untrapped */
	bool     eoi;                /* an ICC_EOIR0/1_EL1 write at EL2/EL3 since the last call or exception */
	bool     eret;               /* ERET executed; where it went is not seen yet */
	int      eret_el;
	uint64_t eret_x[4];
	uint8_t  eret_known;
	uint64_t eret_t, eret_line;
	int32_t  stack[MAX_DEPTH];   /* events of the handlers running here */
	uint64_t int_pc[MAX_DEPTH], int_pstate[MAX_DEPTH];   /* the context each interrupted (x2, x3 at entry) */
	uint8_t  int_known;          /* bit 2k: int_pc[k] known, bit 2k+1: int_pstate[k] */
	uint8_t  depth;
	uint8_t  power;              /* enum trace_power, as its PSCI calls and resets say */
	uint64_t last_t, last_line;  /* time never goes backwards on one PE */
	uint64_t emitted_t;          /* nor do the records written */
};

struct tm_state {
	struct tm_sink sink;
	bool     events_seen;
	struct tm_registry reg;
	uint64_t records, blind;
	uint64_t ready;              /* bit n: pe[n] is set up (pe_of) */
	uint64_t reading;            /* bit n: pe[n].ack is TM_ACK_READ */
	bool     acking;             /* an irq record of the acknowledgements is being written */
	struct pe pe[TRACE_MAX_PES];
};
_Static_assert(TRACE_MAX_PES <= 64, "tm_state.ready has a bit per PE");

/* ---- Records (tarmac_records.c) ---- */

/* Write record r, made by input line `line` (its time raised where needed:
 * the records of one PE never go back in time).  0, or -1 (emit failed). */
int  tm_emit(struct tm_state *st, struct trace_rec *r, uint64_t line);
/* The record of call c on pe, its end and results still to set. */
void tm_call_rec(const struct call *c, unsigned pe, struct trace_rec *r);
bool tm_is_complete_fid(uint32_t fid);
/* pe's ERET went to target, an entry point: the dispatch (for an
 * interrupt, its x2/x3 checked against what the exception saved). */
int  tm_emit_dispatch(struct tm_state *st, unsigned pe, uint64_t target, enum trace_cause cause);
/* Call c completed pe's innermost handler; the ERET went to target. */
int  tm_emit_complete(struct tm_state *st, unsigned pe, const struct call *c, uint64_t target);
int  tm_emit_power(struct tm_state *st, unsigned pe, uint64_t t, unsigned state, uint64_t line);
/* Call c of pe did not come back (end=none, and what that implies). */
int  tm_never_returned(struct tm_state *st, unsigned pe, struct call *c);
/* Holds: pe read INTID p->intid from an IAR at time t, input line `line`;
 * another PE's call or record in the window of every other PE's read
 * (the call: pe opened one); pe's ERET ended its window; its outcome at
 * time t, line `line`, settles its acknowledgement: its res is
 * `dispatched` on a hold's ack, and on one the firmware did not dispatch
 * `repended` when the trace shows the store that set it pending again,
 * else `ended` when the trace shows the PE's loads and stores (nothing
 * when it does not: a trace without them cannot tell; nothing when the
 * outcome is TM_OUT_UNKNOWN).  At an ERET whose target is known there
 * (target_known: ELR written in the stay), tm_ack_eret leaves an
 * unraced read for classify to settle with the outcome; otherwise it
 * settles it at once, its outcome unknown.
 * Each 0, or -1 (emit failed). */
int  tm_ack_read(struct tm_state *st, unsigned pe, uint64_t t, uint64_t line);
int  tm_ack_race(struct tm_state *st, unsigned pe);
int  tm_ack_eret(struct tm_state *st, unsigned pe, bool target_known);
int  tm_ack_settle(struct tm_state *st, unsigned pe, uint64_t t, uint64_t line, enum tm_ack_outcome out);
/* A warning record on pe at time t, from input line `line`. */
int  tm_warn(struct tm_state *st, unsigned pe, uint64_t t, uint64_t line, const char *text);
/* Call c returned result record r: what it registered or unregistered. */
int  tm_note_result(struct tm_state *st, unsigned pe, const struct call *c, const struct trace_rec *r);

#endif /* TRACES_TARMAC_PE_STATE_H */
