/*
 * pe_track.h - what a host machine tracks of the handlers running on each
 * PE, the observations it reports of them, and the scheduler that decides
 * which PE makes progress next.
 *
 * One set of rules serves both host machines: the simulator's (sim/) and
 * fuzz_core's (fuzz/fz_core_*.c), which differ in how they hold a PE's
 * context and reach their interrupt controller.  Everything here is
 * static inline: the scheduler and the observations are on every step's
 * path, and a machine's constant ops table is folded in where it is used.
 */
#ifndef SIM_PE_TRACK_H
#define SIM_PE_TRACK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "program.h"
#include "runtime/rt_layout.h"
#include "sdd/sdd.h"
#include "sim.h"

/* One running dispatch on a PE, as the machine saw it happen (kept apart
 * from the dispatcher's own record so that the two can be checked
 * against each other). */
struct sim_dispatch {
	int32_t  event;
	int32_t  handler;        /* handler index, -1: not one of the program's */
	uint32_t intid;          /* 1023 for an explicit dispatch */
	uint64_t int_pc, int_pstate;   /* the context it interrupted */
	uint64_t int_x[SDD_CONTEXT_REGS];   /* its x0..x17 (context_rules.h) */
};

/* What a PE running the dispatches disp[0..depth) runs, for a message:
 * its innermost handler, "handler 'h'" or "the handler of event 0x5 (at
 * no handler of the scenario's)" - a raw entry point - or, depth 0, "its
 * main context" (where a COMPLETE_AND_RESUME led, say). */
static inline const char *sim_running_what(const struct sim_program *prog, uint8_t depth,
					   const struct sim_dispatch *disp, char *buf, size_t n)
{
	const struct sim_dispatch *d = depth ? &disp[depth - 1] : NULL;

	if (d == NULL)
		snprintf(buf, n, "its main context");
	else if (d->handler >= 0)
		snprintf(buf, n, "handler '%s'", sim_str(prog, prog->handlers[d->handler].name));
	else
		snprintf(buf, n, "the handler of event 0x%x (at no handler of the scenario's)", (unsigned)d->event);
	return buf;
}

/* The message for runtime handler code on PE pe, running the dispatches
 * disp[0..depth), that ran out of action records without completing
 * (depth 0: no handler runs - the code was resumed into after its
 * completion). */
static inline const char *sim_out_of_actions(const struct sim_program *prog, uint8_t depth,
					     const struct sim_dispatch *disp, unsigned pe, char *buf, size_t n)
{
	char what[96];

	if (depth == 0)
		snprintf(buf, n, "PE %u ran out of actions without completing, with no handler running "
			 "(handler code resumed into after its completion)", pe);
	else
		snprintf(buf, n, "%s on PE %u ran out of actions without completing",
			 sim_running_what(prog, depth, disp, what, sizeof what), pe);
	return buf;
}

/* *to = *from, field by field: a struct assignment is a memcpy call under
 * the sanitizers, and this runs on every completion (restrict: two
 * records, never overlapping, so the registers are copied as vectors). */
static inline void sim_dispatch_copy(struct sim_dispatch *restrict to, const struct sim_dispatch *restrict from)
{
	to->event = from->event;
	to->handler = from->handler;
	to->intid = from->intid;
	to->int_pc = from->int_pc;
	to->int_pstate = from->int_pstate;
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		to->int_x[k] = from->int_x[k];
}

/* The dispatcher entered handler (its index, -1 none of the program's) at
 * oc->depth: recorded in disp[oc->depth - 1] with the context it
 * interrupted (the registers given to the dispatcher), *depth follows.  NULL, nothing recorded, for a depth the
 * machine does not track (0, or more than 2).  (restrict: the record and
 * the registers never overlap, so they are copied as vectors.) */
static inline struct sim_dispatch *sim_track_dispatch(uint8_t *depth, struct sim_dispatch *restrict disp,
						      const struct sdd_outcome *oc, int32_t handler,
						      const struct sdd_regs *restrict before)
{
	struct sim_dispatch *d;

	if (oc->depth == 0 || oc->depth > 2)
		return NULL;
	*depth = oc->depth;
	d = &disp[oc->depth - 1];
	d->event = oc->event;
	d->handler = handler;
	d->intid = oc->intid;
	d->int_pc = before->pc;
	d->int_pstate = before->pstate;
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		d->int_x[k] = before->x[k];
	return d;
}

/* ---- Observations ----
 * Each is built in place, into the observation the machine reports: a
 * struct sim_obs (160 bytes) returned by value is copied, and its zeroing
 * split around the fields set, into several memory calls, which the
 * sanitizers intercept one by one, on every step.  The by-value forms
 * left (sim_obs_of, and those that also update a PE's tracking: implicit
 * completion, yield, resume) are for rarer events. */

/* An observation of kind on pe with nothing else set: every field zero,
 * the padding too (struct sim_obs).  Field by field, not a memset: that
 * is a call the sanitizers intercept, for every observation. */
static inline void sim_obs_init(struct sim_obs *o, unsigned kind, unsigned pe)
{
	o->kind = (uint8_t)kind;
	o->pe = (uint8_t)pe;
	o->depth = 0;
	o->from_handler = 0;
	o->el = 0;
	o->aarch32 = 0;
	o->secure = 0;
	o->in_handler = 0;
	o->step = 0;
	o->pad1 = 0;
	o->time = 0;
	o->fid = 0;
	o->w0 = 0;
	o->args[0] = o->args[1] = o->args[2] = o->args[3] = o->args[4] = 0;   /* a loop becomes a memset */
	o->result = 0;
	o->event = 0;
	o->handler = 0;
	o->intid = 0;
	o->done = 0;
	o->regs[0] = o->regs[1] = o->regs[2] = o->regs[3] = 0;
	o->pc = 0;
	o->pstate = 0;
	o->status = 0;
	o->op = 0;
	o->text = NULL;
}

static inline struct sim_obs sim_obs_of(unsigned kind, unsigned pe)
{
	struct sim_obs o;

	sim_obs_init(&o, kind, pe);
	return o;
}

/* The run failed (text: why), while running_pe (-1: none) ran code. */
static inline void sim_obs_fail_in(struct sim_obs *o, int running_pe, const char *text)
{
	sim_obs_init(o, SIM_OBS_FAIL, running_pe >= 0 ? (unsigned)running_pe : SIM_NONE);
	o->text = text;
}

/* A step of a lenient program that did nothing, and why. */
static inline void sim_obs_skip_in(struct sim_obs *o, unsigned pe, const char *text)
{
	sim_obs_init(o, SIM_OBS_SKIP, pe);
	o->text = text;
}

/* Step op begins (status: its kind; pe as the step names it, SIM_NONE
 * included). */
static inline void sim_obs_step_in(struct sim_obs *o, const struct sim_op *op)
{
	sim_obs_init(o, SIM_OBS_STEP, op->pe);
	o->status = op->kind;
}

/* Firmware acknowledged intid on pe, running depth handlers, and the
 * dispatcher answered res; before: the context the interrupt interrupted. */
static inline void sim_obs_irq_in(struct sim_obs *o, unsigned pe, unsigned depth, uint32_t intid,
				  enum sdd_irq_result res, const struct sdd_regs *before)
{
	sim_obs_init(o, SIM_OBS_IRQ, pe);
	o->intid = intid;
	o->status = res;
	o->depth = (uint8_t)depth;
	o->pc = before->pc;
	o->pstate = before->pstate;
}

/* A handler d was entered on pe at depth with registers x[0..3], pc, pstate. */
static inline void sim_obs_dispatch_in(struct sim_obs *o, unsigned pe, unsigned depth,
				       const struct sim_dispatch *d, const uint64_t *x, uint64_t pc,
				       uint64_t pstate)
{
	sim_obs_init(o, SIM_OBS_DISPATCH, pe);
	o->depth = (uint8_t)depth;
	o->event = d->event;
	o->handler = d->handler;
	o->intid = d->intid;
	/* word by word: a memcpy is a call into the sanitizers' interceptors */
	o->regs[0] = x[0];
	o->regs[1] = x[1];
	o->regs[2] = x[2];
	o->regs[3] = x[3];
	o->pc = pc;
	o->pstate = pstate;
}


/* The dispatcher completed the innermost handler on pe (handler: the one
 * the machine saw completed), returning to pc, pstate. */
static inline void sim_obs_complete_in(struct sim_obs *o, unsigned pe, const struct sdd_outcome *oc,
				       int32_t handler, bool resume, uint64_t pc, uint64_t pstate)
{
	sim_obs_init(o, SIM_OBS_COMPLETE, pe);
	o->depth = (uint8_t)oc->depth;
	o->event = oc->event;
	o->handler = handler;
	o->intid = oc->intid;
	o->done = resume ? SIM_DONE_RESUME : SIM_DONE_COMPLETE;
	o->status = resume ? 0 : (int32_t)oc->status;
	o->pc = pc;
	o->pstate = pstate;
}


/* One handler completed implicitly on pe (CPU_OFF, SYSTEM_OFF, ...): the
 * innermost of disp[0 .. *depth), which *depth then no longer counts. */
static inline struct sim_obs sim_obs_implicit(unsigned pe, uint8_t *depth, const struct sim_dispatch *disp)
{
	struct sim_obs o = sim_obs_of(SIM_OBS_COMPLETE, pe);

	if (*depth > 0) {
		--*depth;
		o.event = disp[*depth].event;
		o.handler = disp[*depth].handler;
		o.intid = disp[*depth].intid;
	}
	o.depth = *depth;
	o.done = SIM_DONE_IMPLICIT;
	return o;
}

/* A handler paused: paused has bit depth-1 for it. */
static inline struct sim_obs sim_obs_yield(unsigned pe, uint8_t *paused, unsigned depth)
{
	struct sim_obs o = sim_obs_of(SIM_OBS_YIELD, pe);

	*paused |= (uint8_t)(1u << (depth - 1));
	o.depth = (uint8_t)depth;
	return o;
}

/* A `resume` step: the innermost paused handler goes on (one below it
 * stays paused).  *paused MUST have a bit set. */
static inline struct sim_obs sim_obs_resume(unsigned pe, uint8_t *paused)
{
	struct sim_obs o = sim_obs_of(SIM_OBS_RESUME, pe);

	o.depth = 1;
	while (*paused >> o.depth)
		o.depth++;
	*paused &= (uint8_t)~(1u << (o.depth - 1));
	o.status = SIM_OP_RESUME;        /* the step's kind */
	return o;
}

/* ---- The hold and hand_over steps (an extension) ----
 * A `hold` step arms a PE's firmware: it acknowledges its next Group 0
 * interrupt and stops there, holding it, until a `hand_over` step hands
 * it to the dispatcher.  In between the PE does nothing (it is in
 * firmware), while the other PEs go on: the window between acknowledge
 * and dispatch that races with calls on other PEs (an UNREGISTER, a
 * DISABLE, a ROUTING_SET of the event held). */
struct sim_hold {
	uint8_t  armed;          /* the next acknowledge holds */
	uint8_t  holding;        /* an acknowledged interrupt waits for hand_over */
	uint16_t intid;          /* the INTID it holds */
};

/* A hold step: arm the hold; false (nothing changes) if the PE is armed
 * or holds an interrupt already. */
static inline bool sim_hold_arm(struct sim_hold *h)
{
	if (h->armed || h->holding)
		return false;
	h->armed = 1;
	return true;
}

/* Firmware on pe, running depth handlers, acknowledged intid, which
 * interrupted pc and pstate.  True: it hands it to the dispatcher now.
 * False: it holds it (the hold was armed), and *o is the observation of
 * that (SIM_OBS_HOLD) to report. */
static inline bool sim_hold_ack(struct sim_hold *h, unsigned pe, unsigned depth, uint32_t intid,
				uint64_t pc, uint64_t pstate, struct sim_obs *o)
{
	if (!h->armed)
		return true;
	h->armed = 0;
	h->holding = 1;
	h->intid = (uint16_t)intid;
	sim_obs_init(o, SIM_OBS_HOLD, pe);
	o->intid = intid;
	o->depth = (uint8_t)depth;
	o->pc = pc;
	o->pstate = pstate;
	return false;
}

/* A hand_over step: the INTID held, into *intid, and the hold ends; false
 * if nothing is held. */
static inline bool sim_hold_take(struct sim_hold *h, uint32_t *intid)
{
	if (!h->holding)
		return false;
	h->holding = 0;
	*intid = h->intid;
	return true;
}

/* ---- The scheduler ---- */

/* What a PE can do next. */
enum sim_progress { SIM_P_NONE = 0, SIM_P_WAKE, SIM_P_IRQ, SIM_P_RUN };

/* What a PE powered ON with no interrupt signalled does: it runs code if
 * a handler runs that is not paused, or (after COMPLETE_AND_RESUME) its
 * main context has not parked yet. */
static inline enum sim_progress sim_progress_of_code(unsigned depth, unsigned paused, uint64_t pc)
{
	if (depth > 0 ? !((paused >> (depth - 1)) & 1u) : pc != RT_MAIN_IDLE)
		return SIM_P_RUN;
	return SIM_P_NONE;
}

/*
 * How a machine reaches its PEs for the scheduler.  m is the machine.
 * progress: what pe can do next - a suspended PE with an interrupt for it
 * wakes, a PE whose CPU interface signals a Group 0 interrupt takes it,
 * a PE with code to run (sim_progress_of_code) runs it.  advance[p]
 * makes pe do p.  pick: the choice among n candidates (SIM_CHOICE_SCHEDULE).
 * stopped: the run failed or the system is off.  no_settle: record that
 * the machine did not settle (round, the first candidate).  changed
 * (optional): the PEs whose progress may have changed since it was last
 * called, other than the PE the scheduler last advanced (every PE at the
 * first call for a machine) - NULL: any of them, at any time.
 */
struct sim_sched_ops {
	enum sim_progress (*progress)(void *m, unsigned pe);
	void (*advance[SIM_P_RUN + 1])(void *m, unsigned pe);
	unsigned (*pick)(void *m, unsigned n);
	bool (*stopped)(const void *m);
	void (*no_settle)(void *m, uint32_t round, unsigned pe);
	uint64_t (*changed)(void *m);
};

/* What the scheduler keeps of a machine between rounds, and with a
 * changed op between calls: each PE's last answer to progress. */
struct sim_sched_memo {
	uint64_t ready;                 /* bit pe: what[pe] is not SIM_P_NONE */
	uint8_t  what[SIM_MAX_PES];
};

_Static_assert(SIM_MAX_PES <= 64, "the scheduler's PE sets are one word");

/* Run until nothing more can happen without a new step: each round every
 * PE that can make progress is a candidate, in ascending order, and the
 * choice picks the one that does; more than max_rounds rounds is a
 * failure (no_settle).  Without a changed op every PE is asked what it
 * can do at every round; with one, only the PE just advanced and those
 * changed names are asked again, the others' answers in memo standing. */
static inline void sim_schedule(const struct sim_sched_ops *ops, void *m, unsigned npe, uint32_t max_rounds,
				struct sim_sched_memo *memo)
{
	uint64_t all = npe < 64 ? (1ull << npe) - 1 : ~0ull;
	uint64_t ask = ops->changed ? ops->changed(m) & all : all;

	for (uint32_t round = 0; !ops->stopped(m); round++) {
		unsigned cand[SIM_MAX_PES], n = 0, pe;

		for (; ask; ask &= ask - 1) {
			pe = (unsigned)__builtin_ctzll(ask);
			memo->what[pe] = (uint8_t)ops->progress(m, pe);
			if (memo->what[pe] != SIM_P_NONE)
				memo->ready |= 1ull << pe;
			else
				memo->ready &= ~(1ull << pe);
		}
		for (uint64_t r = memo->ready & all; r; r &= r - 1)
			cand[n++] = (unsigned)__builtin_ctzll(r);
		if (n == 0)
			return;
		if (round >= max_rounds) {
			ops->no_settle(m, round, cand[0]);
			return;
		}
		pe = cand[ops->pick(m, n)];
		ops->advance[memo->what[pe]](m, pe);
		ask = (1ull << pe) | (ops->changed ? ops->changed(m) & all : all);
	}
}

#endif /* SIM_PE_TRACK_H */
