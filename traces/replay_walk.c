/*
 * replay_walk.c - the trace's records, in time order, to the steps and
 * handlers of a scenario program (replay.h, replay_builder.h).
 *
 * The records are taken in time order (ties: trace line).  Each becomes:
 *
 *   call, main context  a call (or PSCI) step on its PE; EVENT_REGISTER's
 *                       entry point becomes the handler of its slot
 *                       (replay_slots.h)
 *   call, in a handler  an action of the handler, recorded from the slot's
 *                       first invocation; a later invocation runs the same
 *                       list while its calls are the list's, and from its
 *                       first call that is not, its calls are steps made
 *                       in its context while it waits at a yield; a call
 *                       from AArch32 (handler code is AArch64) is such a
 *                       step, wherever it comes
 *   dispatch, irq,      what replay_trigger.c says (a hold: a `hold` step
 *   power               before the step it came in, a `hand_over` step at
 *                       the ack that hands it over)
 *   complete            nothing: it is what the replay must reproduce
 *
 * Yields.  A handler runs its actions without stopping unless it yields,
 * and the simulator runs steps only when every handler has stopped; so an
 * invocation must yield before its call k (list position k) when the
 * trace shows anything but its own records and those of handlers nested
 * on it between that call and its previous record: another PE's call or
 * handler, an interrupt, a power change, a call a step made on its PE
 * (made in its context: it waits).  It must also stop at position k when
 * it made k calls and then ended without one of its own (a step completed
 * it), when the trace ends inside it, where a later invocation stops
 * following the list, and before a SYSTEM_OFF (it ends the run: the steps
 * that check what came before go first, replay_end.c).  Each such place
 * is a mark on the slot's list (slots_mark): the handler yields there,
 * and every invocation that gets there goes on only with a `resume` step,
 * put where its next call is in the trace.  A mark can be found after other invocations went past that
 * place without a resume; then the walk is done again, with every mark
 * known from the start (the second pass finds no new one: marks depend on
 * the records only).
 *
 * Interrupted contexts.  EVENT_CONTEXT reads a register of the context the
 * running handler interrupted.  When that context was waiting (a main
 * context, or a handler paused at a yield) at the start of the step the
 * dispatch happened in, a `set` step just before that step gives it the
 * registers the trace's EVENT_CONTEXT calls read (replay_steps.c).
 *
 * Every op's location is the record's trace line.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "replay_builder.h"
#include "sdd/sdd_spec.h"

/* ---- How busy the trace was around an invocation ---- */

/* Record X happened on pe at `level` handlers deep. */
static void seen(struct rb *b, unsigned pe, unsigned level)
{
	b->w.seen++;
	for (unsigned l = 0; l < level && l <= RB_MAX_DEPTH; l++)
		b->w.nested[pe][l]++;
}

/* Did anything but records nested on invocation v (at `level` on pe)
 * happen since its last record? */
static bool busy(const struct rb *b, const struct rb_inv *v, unsigned pe, unsigned level)
{
	return b->w.seen - v->seen > b->w.nested[pe][level] - v->nested;
}

static void touch(struct rb *b, struct rb_inv *v, unsigned pe, unsigned level)
{
	v->seen = b->w.seen;
	v->nested = b->w.nested[pe][level];
}

static void mark(struct rb *b, uint32_t slot, uint32_t k)
{
	if (slots_mark(b->sl, slot, k))
		b->w.late = true;
}

static void resume_step(struct rb *b, unsigned pe, uint32_t line)
{
	struct sim_op op = rb_op(SIM_OP_RESUME, pe, line);
	rb_step(b, &op, -1);
}

/* ---- Calls ---- */

/*
 * A COMPLETE_AND_RESUME that completed the PE's innermost handler lands
 * at the resume pad, which runs when the PE next runs code: at once, in
 * the step the call was just made in, when the handler had interrupted
 * the main context (the PE is not parked then).  When it had interrupted
 * another handler, only if that one was running; one paused at a yield
 * keeps the PE at the pad until a step resumes it, if one does, and a
 * step made in its context meanwhile is made from the pad.  The walk
 * cannot tell the two apart where a list of landings would go, and a
 * landing left out of one makes its count wrong: such a trace gets no
 * expected landing (a pass with landings is made again without:
 * replay_walk).
 */
static void landing(struct rb *b, const struct trace_rec *r)
{
	unsigned d = b->w.depth[r->pe];

	if (!b->o->expectations || d == 0 || r->end != TRACE_END_COMPLETE ||
	    trace_rec_fid(r) != SDD_FID_EVENT_COMPLETE_AND_RESUME)
		return;
	if (d == 1) {
		rb_expect_landing(b, b->w.stack[r->pe][0].inv, r);
		return;
	}
	b->w.stack[r->pe][d - 2].at_pad = true;
	b->no_landings = true;
}

static void main_call(struct rb *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	struct sim_op op = rb_call_op(b, r, false);
	unsigned d = b->w.depth[r->pe];

	rb_step(b, &op, (int32_t)i);
	b->rp->role[i] = ROLE_CALL;
	rb_call_effects(b, r);
	if (d > 0)          /* made in the context of the handler waiting on the PE */
		rb_context_value(b, &b->w.stack[r->pe][d - 1], r);
	landing(b, r);
	seen(b, r->pe, 0);
}

/* The PSCI function of call r (enum sim_psci_fn), or -1. */
static int psci_fn(const struct trace_rec *r)
{
	return trace_fid_is_psci((uint32_t)r->x[0]) ? trace_psci_fn((uint32_t)r->x[0]) : -1;
}

/* Does call r end the handler that makes it?  (COMPLETE, and the PSCI
 * calls the simulator completes a handler for.) */
static bool ends_handler(const struct trace_rec *r)
{
	int fn = psci_fn(r);

	return r->end == TRACE_END_COMPLETE || fn == SIM_PSCI_CPU_OFF || fn == SIM_PSCI_CPU_FREEZE ||
	       fn == SIM_PSCI_SYSTEM_OFF || fn == SIM_PSCI_SYSTEM_RESET;
}

/* A later invocation's call: the next action of the list, or (from the
 * first call that is not) a step. */
static void follow(struct rb *b, struct rb_inv *v, const struct trace_rec *r, bool was_busy)
{
	uint32_t n, c;
	const struct sim_op *ops = slots_actions(b->sl, v->slot, &n);

	for (c = v->cursor; c < n && ops[c].kind == SIM_OP_EXPECT_ENTRY; c++)
		;
	if (c >= n || !rb_same_action(b, &ops[c], &b->rp->recs[slots_action_rec(b->sl, v->slot, c)], r)) {
		mark(b, v->slot, v->k);
		v->stepmode = true;
		return;
	}
	if (was_busy)
		mark(b, v->slot, v->k);
	if (slots_marked(b->sl, v->slot, v->k))
		resume_step(b, r->pe, r->line);
	/* a registration by the handler names the slot its first invocation made */
	if (ops[c].kind == SIM_OP_CALL && ops[c].fid.u == SDD_FID_EVENT_REGISTER &&
	    b->p->values[ops[c].args + 1].kind != SIM_V_CONST)
		slots_register(b->sl, (int32_t)rb_x(r, 1), r->pe, (uint32_t)b->p->values[ops[c].args + 1].u);
	v->cursor = c + 1;
}

static void handler_call(struct rb *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	unsigned d = b->w.depth[r->pe];
	struct rb_inv *v;
	bool was_busy;

	if (d == 0) {
		rb_note(b, r->line, "a call from a handler whose dispatch is not in the trace: replayed from PE %u's "
			"main context%s", r->pe, rb_mid_run_hint(b));
		main_call(b, i);
		return;
	}
	v = &b->w.stack[r->pe][d - 1];
	if (v->own_end) {
		/* no action can follow the one that completed the handler: a step
		 * makes it, in whatever context the PE is in by then, so that the
		 * replay compares it (and the exported scenario expects it) */
		rb_note(b, r->line, "a call from a handler after the call that completed it: replayed from PE %u's "
			"context as a step", r->pe);
		main_call(b, i);
		return;
	}
	if ((r->aarch32 || r->secure) && !v->stepmode) {
		/* handler code runs in Non-secure AArch64: a call from AArch32
		 * or Secure state in its context is a step's (`aarch32`,
		 * `secure`) made while it waits at a yield there, and takes no
		 * place in its list */
		mark(b, v->slot, v->k);
		main_call(b, i);
		return;
	}
	/* a SYSTEM_OFF ends the run: the handler waits before it, so that the
	 * checks of what came before run first (replay_end.c) */
	was_busy = busy(b, v, r->pe, d) || psci_fn(r) == SIM_PSCI_SYSTEM_OFF;
	b->rp->role[i] = ROLE_CALL;
	b->rp->rec_inv[i] = (int32_t)v->inv;
	if (!v->stepmode && v->recording) {
		struct sim_op op;
		if (was_busy)
			mark(b, v->slot, v->k);
		if (slots_marked(b->sl, v->slot, v->k))
			resume_step(b, r->pe, r->line);
		op = rb_call_op(b, r, true);
		if (!slots_append(b->sl, v->slot, &op, i))
			b->w.oom = true;
	} else if (!v->stepmode) {
		follow(b, v, r, was_busy);
	}
	if (v->stepmode) {
		struct sim_op op = rb_call_op(b, r, false);
		if (op.kind == SIM_OP_PSCI && op.psci_fn == SIM_PSCI_CPU_SUSPEND)
			rb_note(b, r->line, "a handler's CPU_SUSPEND replayed by a step in its context: the simulator "
				"answers it as from a main context, not DENIED");
		rb_step(b, &op, (int32_t)i);
	} else {
		slots_passed(b->sl, v->slot, v->k);
		b->w.act_step[r->pe] = b->p->nsteps;
	}
	v->k++;
	v->own_end = ends_handler(r);
	rb_call_effects(b, r);
	rb_context_value(b, v, r);
	if (!v->stepmode)         /* it ran: a landing on it has come */
		v->at_pad = false;
	landing(b, r);
	seen(b, r->pe, d);
	touch(b, v, r->pe, d);
}

/* ---- Dispatches and completions ---- */

/* Is event shared: a platform event on an SPI (the platform's shared
 * events are), or one bound to an SPI? */
static bool shared_event(const struct rb *b, int32_t event)
{
	return rb_event_intid(b, event) >= 32;
}

static void dispatch(struct rb *b, uint32_t i, uint32_t inv)
{
	const struct trace_rec *r = &b->rp->recs[i];
	uint32_t slot = slots_find(b->sl, r->event, r->pe, r->ep, shared_event(b, r->event)), anchor,
		 before = b->p->nsteps;
	unsigned d = b->w.depth[r->pe];
	struct rb_inv *v;

	memset(&b->rp->invs[inv], 0, sizeof b->rp->invs[inv]);
	b->rp->invs[inv].dispatch = i;
	b->rp->invs[inv].complete = -1;
	b->rp->invs[inv].handler = -1;
	b->rp->invs[inv].pe = r->pe;
	b->rp->role[i] = ROLE_DISPATCH;
	b->rp->rec_inv[i] = (int32_t)inv;
	if (slot == RB_NO_SLOT) {
		rb_note(b, r->line, "no EVENT_REGISTER of event %s before this dispatch: the replay cannot "
			"enter its handler%s", trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, r->event),
			rb_mid_run_hint(b));
		slot = slots_add(b->sl, r->event, r->ep, r->line);
		if (slot == RB_NO_SLOT) {
			b->w.oom = true;
			return;
		}
	}
	b->inv_slot[inv] = slot;
	rb_trigger(b, r);
	rb_window(b, &b->rp->invs[inv]);
	if (b->p->nsteps != before)   /* a step of its own: the handler it preempts waits for it */
		seen(b, r->pe, d);
	/* the step it happens in; its interrupted context can be set before
	 * that step unless a handler of the PE ran in it */
	anchor = b->p->nsteps > 0 && b->w.act_step[r->pe] != b->p->nsteps ? b->p->nsteps - 1 : RB_NO_STEP;
	if (b->p->nsteps > 0 && b->w.hold[r->pe].hand_step == b->p->nsteps && anchor != RB_NO_STEP)
		anchor = b->w.hold[r->pe].anchor;   /* held since then: the PE holds it at this step */
	b->w.act_step[r->pe] = b->p->nsteps;
	b->entry[inv] = (struct rb_entry){ d ? (int32_t)b->w.stack[r->pe][d - 1].inv : -1, false, 0,
					   b->p->nsteps > 0 ? rb_call_mode(&b->p->steps[b->p->nsteps - 1]) : 0,
					   d && b->w.stack[r->pe][d - 1].at_pad, UINT32_MAX, 0 };
	if (b->o->expectations)
		rb_expect_dispatch(b, slot, r);
	if (d == RB_MAX_DEPTH) {
		rb_note(b, r->line, "handlers nested deeper than %d: this one is not followed", RB_MAX_DEPTH);
		return;
	}
	v = &b->w.stack[r->pe][b->w.depth[r->pe]++];
	memset(v, 0, sizeof *v);
	v->inv = inv;
	v->slot = slot;
	v->recording = slots_claim(b->sl, slot);
	v->anchor = anchor;
	if (d == 0)
		rb_main_entry(b, inv, r, rb_interrupted_pstate(b, v, r));
	if (v->recording && b->o->expectations)
		rb_expect_entry(b, slot, inv, r);
	seen(b, r->pe, d + 1);
	touch(b, v, r->pe, d + 1);
}

/* An invocation that made k calls and stops there for good (something
 * else ended it, or the trace ends): its handler must wait there. */
static void stops(struct rb *b, const struct rb_inv *v)
{
	if (!v->stepmode && !v->own_end)
		mark(b, v->slot, v->k);
}

static void complete(struct rb *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	unsigned d = b->w.depth[r->pe];
	struct rb_inv *v;

	if (d == 0) {
		rb_note(b, r->line, "a completion whose dispatch is not in the trace%s", rb_mid_run_hint(b));
		seen(b, r->pe, 0);
		return;
	}
	v = &b->w.stack[r->pe][--b->w.depth[r->pe]];
	b->rp->invs[v->inv].complete = (int32_t)i;
	b->rp->role[i] = ROLE_COMPLETE;
	b->rp->rec_inv[i] = (int32_t)v->inv;
	b->w.act_step[r->pe] = b->p->nsteps;
	stops(b, v);
	seen(b, r->pe, d);
}

/* ---- What the exported scenario checks ---- */

/* The format has no expectation on an acknowledgement: say so where the
 * replay's firmware or the trace's may acknowledge an interrupt (an irq
 * record, an EVENT_SIGNAL, or a dispatch an interrupt caused: its
 * interrupt step is acknowledged even with no irq record in the trace). */
static void note_acks(struct rb *b)
{
	const struct replay *rp = b->rp;

	for (uint32_t k = 0; k < rp->nrecs; k++) {
		const struct trace_rec *r = &rp->recs[k];
		if (r->kind == TRACE_IRQ || (r->kind == TRACE_DISPATCH && r->cause == TRACE_CAUSE_IRQ) ||
		    (r->kind == TRACE_CALL && (r->x_known & 1) && trace_rec_fid(r) == SDD_FID_EVENT_SIGNAL)) {
			rb_note(b, r->line, "the exported scenario checks the dispatches interrupts lead to, not "
				"the acknowledgements: one that dispatches nothing, in the trace or in the replay, "
				"is a divergence only the replay reports");
			return;
		}
	}
}

/* ---- The whole trace ---- */

static void walk(struct rb *b)
{
	struct replay *rp = b->rp;
	uint32_t inv = 0;

	for (uint32_t k = 0; k < rp->nrecs; k++)
		b->w.have_fires |= rp->recs[k].kind == TRACE_IRQ && rp->recs[k].how == TRACE_IRQ_FIRE;
	for (uint32_t k = 0; k < rp->nrecs && !b->w.oom; k++) {
		const struct trace_rec *r = &rp->recs[k];
		rp->rec_inv[k] = -1;
		switch (r->kind) {
		case TRACE_CALL:
			if (!(r->x_known & 1)) {
				rb_note(b, r->line, "a call whose function ID is not in the trace: not replayed");
				seen(b, r->pe, 0);
			} else if (r->conduit != (b->p->platform.conduit == SIM_CONDUIT_HVC ? TRACE_HVC : TRACE_SMC)) {
				/* the platform's dispatcher sees calls through its conduit only */
				rb_note(b, r->line, "a call through %s on an %s platform: no dispatcher answers it; not "
					"replayed or compared", r->conduit == TRACE_HVC ? "HVC" : "SMC",
					r->conduit == TRACE_HVC ? "SMC" : "HVC");
				seen(b, r->pe, 0);
			} else {
				const struct rb_hold *h = &b->w.hold[r->pe];
				if (h->on)      /* not one machine's trace: said, then replayed as it comes */
					rb_note(b, r->line, "a call on PE %u while its firmware holds INTID %" PRIu32
						" (line %" PRIu32 "): a PE in its firmware makes none; the replay, "
						"whose PE is there too, cannot make it", r->pe, h->intid, h->line);
				rb_after_end(b, r);
				if (!b->w.off && psci_fn(r) == SIM_PSCI_SYSTEM_OFF)
					rb_run_ends(b, k);
				if (r->from_handler)
					handler_call(b, k);
				else
					main_call(b, k);
			}
			break;
		case TRACE_DISPATCH:
			rb_after_end(b, r);
			dispatch(b, k, inv++);
			break;
		case TRACE_COMPLETE:
			rb_after_end(b, r);
			complete(b, k);
			break;
		case TRACE_IRQ:
			rb_after_end(b, r);
			rb_irq(b, k);
			seen(b, r->pe, r->how != TRACE_IRQ_FIRE ? b->w.depth[r->pe] : 0);
			break;
		case TRACE_POWER:
			rb_power(b, k);
			seen(b, r->pe, 0);
			break;
		case TRACE_WARNING:
			/* not compared (nothing to replay), but not lost either */
			if (r->has & TRACE_HAS_PE)
				rb_note(b, r->line, "the trace's warning on PE %u: %s", r->pe, r->msg ? r->msg : "");
			else       /* of no PE: not said to be PE 0's */
				rb_note(b, r->line, "the trace's warning: %s", r->msg ? r->msg : "");
			break;
		default:
			break;
		}
	}
	for (unsigned p = 0; p < TRACE_MAX_PES; p++) {  /* the trace ends inside these */
		for (unsigned d = 0; d < b->w.depth[p]; d++)
			stops(b, &b->w.stack[p][d]);
		if (b->w.depth[p]) {
			/* replayed as the trace shows them (a client that never
			 * completes included), but worth a word: the capture may
			 * have stopped early, or the handler never finished */
			const struct trace_rec *r = &rp->recs[rp->invs[b->w.stack[p][b->w.depth[p] - 1].inv].dispatch];
			rb_note(b, r->line, "the trace ends with %u handler%s running on PE %u, the innermost this "
				"dispatch's (event %s)", b->w.depth[p], b->w.depth[p] == 1 ? "" : "s", p,
				trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, r->event));
		}
	}
	rb_end(b);
	if (b->o->expectations) {
		note_acks(b);
		if (!b->w.oom && !rb_expect_pstates(b))
			b->w.oom = true;
	}
}

/* Back to an empty program and model for another pass (the marks stay). */
static void restart(struct rb *b)
{
	struct replay *rp = b->rp;
	struct sim_platform pl = rp->prog.platform;
	char *file = rp->prog.file, *name = rp->prog.name;

	rp->prog.file = rp->prog.name = NULL;
	sim_program_reset(&rp->prog);
	rp->prog.platform = pl;
	rp->prog.file = file;
	rp->prog.name = name;
	for (uint32_t k = rp->nfixed_notes; k < rp->nnotes; k++)
		free(rp->notes[k]);
	rp->nnotes = rp->nfixed_notes;
	memset(rp->role, 0, rp->nrecs ? rp->nrecs : 1);
	memset(&b->w, 0, sizeof b->w);
	b->npend = b->nvals = b->nlands = b->nholds = 0;
	slots_restart(b->sl);
}

int replay_walk(struct replay *rp, const struct replay_opts *o, char *err, size_t errlen)
{
	struct rb *b = calloc(1, sizeof *b);
	int32_t *handler_of = NULL;
	int rc = -1;

	snprintf(err, errlen, "%s: out of memory", rp->name);
	if (!b)
		return -1;
	b->rp = rp;
	b->p = &rp->prog;
	b->o = o;
	b->sl = slots_new();
	b->inv_slot = calloc(rp->ninvs ? rp->ninvs : 1, sizeof *b->inv_slot);
	b->entry = calloc(rp->ninvs ? rp->ninvs : 1, sizeof *b->entry);
	if (!b->sl || !b->inv_slot || !b->entry)
		goto out;
	walk(b);
	/* again: with every yield mark from the start, or with no landing
	 * expected once a pass found one it cannot place (landing()) */
	if ((b->w.late || (b->no_landings && b->nlands)) && !b->w.oom && !slots_oom(b->sl)) {
		restart(b);
		walk(b);
	}
	if (b->w.oom || slots_oom(b->sl) || !rb_insert_steps(b))
		goto out;
	handler_of = malloc((slots_count(b->sl) ? slots_count(b->sl) : 1) * sizeof *handler_of);
	if (!handler_of || slots_finish(b->sl, &rp->prog, handler_of, err, errlen))
		goto out;
	for (uint32_t v = 0; v < rp->ninvs; v++)
		rp->invs[v].handler = handler_of[b->inv_slot[v]];
	rc = rp->prog.oom ? -1 : 0;
out:
	free(handler_of);
	slots_free(b->sl);
	free(b->inv_slot);
	free(b->entry);
	free(b->lands);
	free(b->pend);
	free(b->vals);
	free(b->holds);
	free(b);
	return rc;
}
