/*
 * replay_builder.h - the state of turning a trace into a program, shared
 * by replay_walk.c (the records in order, handler invocations, yields),
 * replay_steps.c (steps and the ops of calls) and replay_trigger.c (what
 * makes a handler run: interrupts, explicit dispatches, wake-ups).
 */
#ifndef TRACES_REPLAY_BUILDER_H
#define TRACES_REPLAY_BUILDER_H

#include <stdbool.h>
#include <stdint.h>

#include "replay_internal.h"
#include "gic/gic.h"            /* GIC_NUM_INTIDS */
#include "replay_slots.h"

#define RB_MAX_DEPTH 4
#define RB_NO_SLOT   UINT32_MAX
#define RB_NO_STEP   UINT32_MAX

/* A handler invocation in progress on a PE (the trace's view). */
struct rb_inv {
	uint32_t inv, slot;
	bool     recording;    /* the slot's first invocation: its calls make the action list */
	bool     stepmode;     /* a later one past where it differs from the list: its calls are
				* steps, made in its context while it waits at a yield */
	bool     own_end;      /* its last call completed it */
	bool     noted;        /* a note about its context was made */
	bool     at_pad;       /* a COMPLETE_AND_RESUME of a handler nested on it may have left
				* the PE at the resume pad until it runs again */
	uint32_t k;            /* the calls it made: its position in the list */
	uint32_t cursor;       /* a later invocation: the next action of the list */
	uint64_t seen, nested; /* rb_walk.seen and .nested[pe][level] at its last record */
	uint32_t anchor;       /* the step it was dispatched in, before which a `set` step can
				* give its interrupted context the registers the trace shows
				* (RB_NO_STEP: that context was running then, it cannot) */
};

/* What the last acknowledgement on a PE was. */
struct rb_ack {
	bool     valid, consumed, accounted;
	uint32_t intid;
};

/* A PE whose firmware holds an interrupt in the trace (an irq how=hold
 * record): its next ack of intid hands it over. */
struct rb_hold {
	bool     on;
	bool     accounted;    /* the replay raises it (rb_ack.accounted): it holds it too */
	uint32_t intid, line;
	/* a dispatch in the hand_over step (hand_step: 1 + its index, 0: none)
	 * interrupted the context the PE acknowledged in: a `set` step for it
	 * goes before the step the hold came in (anchor; RB_NO_STEP: a handler
	 * of the PE ran in it) */
	uint32_t anchor, hand_step;
};

/* A `hold` step to put in before step `anchor` (the one the trace's hold
 * came in), arming PE pe; line: the hold record's. */
struct rb_holdat {
	uint32_t anchor, line;
	uint8_t  pe;
};

/* A register of an interrupted context, as an EVENT_CONTEXT of the trace
 * read it: a `set` step before step `anchor` gives it that value. */
struct rb_ctxval {
	uint32_t anchor, inv, line;
	uint32_t seq;            /* the order values were read in (the walk's) */
	uint8_t  pe, reg;        /* enum sim_reg: x0..x17, or a PSTATE field */
	uint64_t value;
};

/* What the exported scenario's PSTATE checks (replay_pstate.c) need to
 * know of one invocation's dispatch, from the walk. */
struct rb_entry {
	int32_t  outer;        /* the invocation it interrupted; -1: the PE's main context */
	bool     flags_known;  /* that main context's PAN, DIT and NZCV are known: flags */
	uint64_t flags;
	uint64_t call_mode;    /* the PSTATE bits a step's call it came in gives its context for the
				* call: M[3:2] from another EL, M[4:0] from AArch32 (rb_call_mode) */
	bool     at_pad;       /* the handler it interrupted was at_pad (rb_inv) */
	uint32_t check;        /* the slot's first invocation: the PSTATE check of its
				* expect_entry (checks[] index), UINT32_MAX: none */
	uint32_t op;           /* that expect_entry's position in the slot's list */
};

/* A landing at the resume pad the exported scenario expects: invocation
 * inv's COMPLETE_AND_RESUME (made at trace line `line`), entry `resume`
 * of the program's resumes[] once its expect_resumes step is written. */
struct rb_land {
	uint32_t inv, line, resume;
	uint8_t  pe;
};

/* Everything that starts again with each pass over the trace. */
struct rb_walk {
	struct rb_inv stack[TRACE_MAX_PES][RB_MAX_DEPTH];
	uint8_t  depth[TRACE_MAX_PES];
	/* how busy the trace was around an invocation (replay_walk.c, "Yields") */
	uint64_t seen;                                   /* records so far */
	uint64_t nested[TRACE_MAX_PES][RB_MAX_DEPTH + 1];/* records on the PE deeper than each level */
	uint32_t act_step[TRACE_MAX_PES];                /* 1 + the step a handler of the PE last
							  * was entered, ran or finished in */
	bool     late;                                   /* a yield mark came after invocations went past it */
	/* dispatch windows (replay.h, replay_inv.first_step) */
	uint32_t win_start;                              /* the first step of the current window */
	bool     win_open;                               /* a dispatch came in it */
	/* the PAN, DIT and NZCV of each PE's main context (rb_main_entry) */
	uint64_t main_flags[TRACE_MAX_PES];
	bool     main_unset[TRACE_MAX_PES];              /* not known */
	bool     main_reset[TRACE_MAX_PES];              /* it may start again before the next dispatch */
	/* the same for landings at the resume pad (with expectations) */
	uint32_t land_start;                             /* the first step since the last expect_resumes */
	uint32_t land_listed;                            /* rb.lands[] before it are listed */
	/* triggers */
	struct rb_ack last_ack[TRACE_MAX_PES];
	struct rb_hold hold[TRACE_MAX_PES];
	uint8_t  spi_open[GIC_NUM_INTIDS];                  /* an ack of the SPI no dispatch followed yet */
	uint8_t  repended_banked[TRACE_MAX_PES][32];
	uint32_t signals[TRACE_MAX_PES];
	int32_t  bound[GIC_NUM_INTIDS];
	bool     is_bound[GIC_NUM_INTIDS];
	bool     slots_freed[2];                  /* a record gave back private [0], shared [1] slots
						   * (replay_slots_freed) */
	bool     have_fires;
	uint32_t off;                             /* 1 + the record of the SYSTEM_OFF that ends the
						   * run, 0: none so far (replay_end.c) */
	bool     hinted;                          /* mid_run_hint said it */
	bool     oom;
};

struct rb {
	struct replay *rp;
	struct sim_program *p;
	const struct replay_opts *o;
	struct slots *sl;                   /* yield marks survive the passes */
	uint32_t *inv_slot;
	uint32_t cap_step_rec;
	struct sim_expect_dispatch *pend;   /* dispatches expected before the next step */
	uint32_t npend, cap_pend;
	struct rb_ctxval *vals;             /* `set` steps to put in at the end */
	uint32_t nvals, cap_vals;
	struct rb_holdat *holds;            /* `hold` steps to put in at the end, by anchor */
	uint32_t nholds, cap_holds;
	struct rb_entry *entry;             /* per invocation */
	struct rb_land *lands;              /* with expectations: the landings expected */
	uint32_t nlands, cap_lands;
	bool     no_landings;               /* none are (rb_expect_landing): kept across passes */
	struct rb_walk w;
};

/* ---- replay_steps.c ---- */

__attribute__((format(printf, 3, 4)))
void rb_note(struct rb *b, uint32_t line, const char *fmt, ...);
/* " (if the trace starts mid-run, --mid-run assumes ...)" for the first
 * note that says a trace may start mid-run, without --mid-run; else "". */
const char *rb_mid_run_hint(struct rb *b);
struct sim_op rb_op(unsigned kind, unsigned pe, uint32_t line);
/* Append a step (rec: the record it came from, -1), after the dispatches
 * expected so far. */
void rb_step(struct rb *b, const struct sim_op *op, int32_t rec);
/* Close the window of the dispatches since the last one closed (with
 * expectations: the expect_dispatches step that lists them); `last`: the
 * end of the program, where the step is written even with no dispatch. */
void rb_flush_expected(struct rb *b, bool last);
/* Invocation v's dispatch came in the current window, during its last step. */
void rb_window(struct rb *b, struct replay_inv *v);
/* replay_expect.c: */
/* What call record r did, as op's expectation (x0, and that it returned
 * for a COMPLETE that did); width32: a PSCI op's 32-bit result. */
void rb_expect_x0(struct rb *b, struct sim_op *op, const struct trace_rec *r, bool width32);
void rb_expect_dispatch(struct rb *b, uint32_t slot, const struct trace_rec *r);
/* The expect_entry action of slot, made from invocation inv's dispatch r:
 * the event, and a PSTATE check replay_pstate.c fills in (the argument is
 * the expect_dispatches step's to check: slots that differ in it alone
 * share a handler). */
void rb_expect_entry(struct rb *b, uint32_t slot, uint32_t inv, const struct trace_rec *r);
/* Invocation inv's COMPLETE_AND_RESUME r lands at the resume pad during
 * the last step: expected by the expect_resumes step after it (unless
 * no_landings). */
void rb_expect_landing(struct rb *b, uint32_t inv, const struct trace_rec *r);
uint64_t rb_x(const struct trace_rec *r, unsigned n);
/* The op making call record r: a handler action (in_handler), or a step. */
struct sim_op rb_call_op(struct rb *b, const struct trace_rec *r, bool in_handler);
/* What a call the trace made does to what later records mean. */
void rb_call_effects(struct rb *b, const struct trace_rec *r);
/* replay_release.c: the bind slot kinds call r gave back
 * (replay_slots_freed, the rule --mid-run follows): when every binding of
 * a kind went, its interrupts bound so far are no more (rb_bindings_gone); a
 * binding after it that skips a free slot of a kind given back is no sign
 * of a window (--mid-run assumes nothing for it: no hint). */
void rb_slots_freed(struct rb *b, const struct trace_rec *r);
/* Is action a, made from record first, what record r did (the same call,
 * and the same outcome: a returned call's result, or a completion)? */
bool rb_same_action(const struct rb *b, const struct sim_op *a, const struct trace_rec *first,
		    const struct trace_rec *r);
/* Call r read a register of the context that invocation v (on r's PE)
 * interrupted: remember it for a `set` step. */
void rb_context_value(struct rb *b, struct rb_inv *v, const struct trace_rec *r);
/* Dispatch r entered invocation v from a main context (its interrupted
 * PSTATE in x3): remember its NZCV, PAN and DIT for the `set` step, the
 * fields a dispatcher carries into the handler's PSTATE.  true when it
 * could (x3 known, and a `set` step can go before the step). */
bool rb_interrupted_pstate(struct rb *b, struct rb_inv *v, const struct trace_rec *r);
/* Put the `set` and `hold` steps in (once, after the walk).  false when
 * out of memory. */
bool rb_insert_steps(struct rb *b);

/* ---- replay_end.c ---- */

/* Call record k, a SYSTEM_OFF the replay makes, ends the run: the checks
 * of the end (the last windows, the handler depths) go before its step. */
void rb_run_ends(struct rb *b, uint32_t k);
/* Record r comes after that SYSTEM_OFF (nothing when none yet): with
 * expectations, note it when the replay compares it, which the scenario
 * cannot. */
void rb_after_end(struct rb *b, const struct trace_rec *r);
/* After the walk: the checks of the end of the trace, unless a SYSTEM_OFF
 * ended the run (then note the handlers it completes that the trace ends
 * inside). */
void rb_end(struct rb *b);

/* ---- replay_pstate.c ---- */

/* With expectations, after the walk: fill in (or drop) the PSTATE checks
 * of the expect_entry actions and of the expected landings, and note
 * where the replay compares a PSTATE the scenario does not check. */
bool rb_expect_pstates(struct rb *b);
/* Invocation inv's dispatch r interrupted its PE's main context; set:
 * a `set` step gave that context x3's PAN, DIT and NZCV before the step. */
void rb_main_entry(struct rb *b, uint32_t inv, const struct trace_rec *r, bool set);
/* The PSTATE bits the call of step gives the context it is made in for
 * the call, which a dispatch in that step may interrupt: M[3:2] from
 * another EL (from_el), M[4:0] from AArch32; 0 for any other step. */
uint64_t rb_call_mode(const struct sim_op *step);
/* PE pe's main context (every PE's: pe < 0) may start again (power on,
 * reset, a wake-up from powerdown) before its next dispatch. */
void rb_main_reset(struct rb *b, int pe);

/* ---- replay_trigger.c ---- */

/* Make dispatch r happen, unless a step already does. */
void rb_trigger(struct rb *b, const struct trace_rec *r);
/* The INTID of event `event` (a platform event's, or the interrupt bound
 * to it so far), or -1: an explicit event, or none the replay knows. */
int rb_event_intid(const struct rb *b, int32_t event);
/* Call record r (returned) cleared the pending state of an interrupt
 * left pending at an earlier acknowledgement: REGISTER and UNREGISTER of
 * an event other than event 0 (unless the policy unreg_trigger keeps
 * it), INTERRUPT_RELEASE.  Its next acknowledgement is a new assertion. */
void rb_pending_cleared(struct rb *b, const struct trace_rec *r);
/* Every binding of the kinds (REPLAY_SLOTS_*: PPIs' private, SPIs'
 * shared) is gone (a reset released them all): no such interrupt is
 * bound, and none of those that were is pending. */
void rb_bindings_gone(struct rb *b, unsigned kinds);
void rb_irq(struct rb *b, uint32_t i);
void rb_power(struct rb *b, uint32_t i);

#endif /* TRACES_REPLAY_BUILDER_H */
