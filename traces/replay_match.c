/*
 * replay_match.c - each observation of a replay against the trace record
 * it stands for, and what differs (replay_compare.c runs the replay, its
 * observer calls these, and reports).
 *
 * Matching:
 *   a call made by a step       the record that step came from;
 *   a call made by a handler    the next call of the trace invocation the
 *                               running handler was matched with;
 *   a dispatch on a PE          the PE's earliest trace dispatch not yet
 *                               matched with the same event (so one missed
 *                               dispatch does not shift all later ones),
 *                               which it must come in the window of
 *                               (replay_inv.first_step: where the exported
 *                               scenario's expect_dispatches checks it),
 *                               after the PE's earlier ones in that window
 *                               (the order expect_dispatches checks);
 *   a completion                the matched invocation's completion;
 *   an acknowledged interrupt   the PE's earliest unmatched acknowledgement
 *                               of the same INTID (a hold: its hold
 *                               record; a hand-over: its ack record;
 *                               replay_ack_for).
 * A 1-of-N SPI goes to the PE the trace shows (replay_route.h); when it
 * goes to another, the trace's acknowledgement diverges, saying why.  Of
 * several interrupts tied at a PE's highest priority, the PE takes the
 * one the trace shows it acknowledging next; when that one is not among
 * them, its acknowledgement diverges, saying which were.
 *
 * Apart from replay_compare.c: this file is the rules, which grow with
 * each field a record gains; that one the run and the report.
 */
#include <inttypes.h>

#include "replay_compare_internal.h"
#include "trace_internal.h"

/* ---- Calls ---- */

static void compare_call(struct cmp *c, uint32_t rec, const struct sim_obs *o)
{
	const struct trace_rec *r = &c->rp->recs[rec];
	uint32_t fid = trace_rec_fid(r);
	bool psci = trace_fid_is_psci(fid);
	char a[48], b[48], nm[32], st[280];
	int64_t want = (int64_t)r->r[0], got = o->result;

	if (psci || r->aarch32) {     /* PSCI results are 32-bit, and so is an AArch32 caller's r0 */
		want = (int32_t)want;
		got = (int32_t)got;
	}
	replay_evstate_describe(c->evs, cmp_event_of_call(c, fid, o->args[0], o->pe),
				cmp_pe_of_call(c, fid, o->args[1], o->pe), st, sizeof st);
	cmp_note_unknown_mpidr(c, fid, o->args, st, sizeof st);
	c->state[rec] = DIVERGED;
	if (o->fid != fid) {
		diverge_from(c, r->line, r, "PE %u: the trace calls %s, the replay called %s", r->pe, trace_fid_str(nm, sizeof nm, fid),
			trace_fid_str(a, sizeof a, o->fid));
	} else if (r->end == TRACE_END_RET && !psci && o->status == 1) {
		diverge_from(c, r->line, r, "%s on PE %u: %s x0=%s, replay: the call completed the handler; %s",
			trace_fid_str(nm, sizeof nm, fid), r->pe, cmp_who(c, r),
			(r->r_known & 1) ? trace_result_str(a, sizeof a, want) : "?", st);
	} else if (r->end == TRACE_END_RET && o->status == 1 && trace_psci_powers_down(fid)) {
		diverge_from(c, r->line, r, "%s on PE %u: %s x0=%s, the replay's call did not return (it %s); %s",
			trace_fid_str(nm, sizeof nm, fid), r->pe, cmp_who(c, r),
			(r->r_known & 1) ? trace_result_str(a, sizeof a, want) : "?", trace_psci_powers_down(fid), st);
	} else if (r->end == TRACE_END_RET && (r->r_known & 1) && want != got) {
		diverge_from(c, r->line, r, "%s on PE %u: %s x0=%s, replay x0=%s; %s", trace_fid_str(nm, sizeof nm, fid), r->pe,
			cmp_who(c, r), trace_result_str(a, sizeof a, want), trace_result_str(b, sizeof b, got), st);
	} else if (r->end == TRACE_END_COMPLETE && o->status != 1) {
		diverge_from(c, r->line, r, "%s on PE %u: the trace's call completed the handler, the replay's returned x0=%s; %s",
			trace_fid_str(nm, sizeof nm, fid), r->pe, trace_result_str(b, sizeof b, got), st);
	} else {
		c->state[rec] = MATCHED;
	}
}

void cmp_on_call(struct cmp *c, const struct sim_obs *o)
{
	struct replay *rp = c->rp;
	char nm[32];

	if (!o->from_handler) {
		int32_t rec = c->step < rp->prog.nsteps ? rp->step_rec[c->step] : -1;
		if (rec >= 0 && rp->recs[rec].kind == TRACE_CALL && c->state[rec] == UNMATCHED) {
			compare_call(c, (uint32_t)rec, o);
			return;
		}
		diverge(c, rp->prog.steps[c->step].loc.line, "PE %u: the replay called %s, which the trace does not",
			o->pe, trace_fid_str(nm, sizeof nm, o->fid));
		return;
	}
	if (c->depth[o->pe] > 0 || (o->kind == SIM_OBS_PSCI && c->has_gone[o->pe])) {
		struct frame *f = c->depth[o->pe] > 0 ? &c->stack[o->pe][c->depth[o->pe] - 1] : &c->gone[o->pe];
		const struct replay_inv *v;
		if (f->inv < 0)
			return;           /* in a handler the trace never entered: reported at its dispatch */
		v = &rp->invs[f->inv];
		if (f->cursor < v->ncalls) {
			compare_call(c, rp->inv_calls[v->calls + f->cursor++], o);
			return;
		}
		diverge(c, rp->recs[v->dispatch].line, "PE %u: the replayed handler called %s after the trace's "
			"handler had made all its calls", o->pe, trace_fid_str(nm, sizeof nm, o->fid));
		return;
	}
	diverge(c, rp->prog.steps[c->step].loc.line, "PE %u: the replay called %s from a handler the comparison "
		"did not see enter", o->pe, trace_fid_str(nm, sizeof nm, o->fid));
}

/* ---- Dispatches and completions ---- */

/* The registers of a record that differ from the replay's, as
 * "trace x1=0x1 pstate=0x3c5, replay x1=0x2 pstate=0x3c9". */
struct regdiff { char trace[160], replay[160]; size_t nt, nr; };

/* Adds name when the record has it (known) and it differs from got in
 * a bit of mask. */
static void regdiff_add(struct regdiff *d, bool known, const char *name, uint64_t want, uint64_t got, uint64_t mask)
{
	int nt, nr;

	if (!known || !((want ^ got) & mask) || d->nt >= sizeof d->trace || d->nr >= sizeof d->replay)
		return;
	nt = snprintf(d->trace + d->nt, sizeof d->trace - d->nt, " %s=0x%" PRIx64, name, want);
	nr = snprintf(d->replay + d->nr, sizeof d->replay - d->nr, " %s=0x%" PRIx64, name, got);
	d->nt += nt > 0 ? (size_t)nt : 0;
	d->nr += nr > 0 ? (size_t)nr : 0;
}

static int32_t find_inv(struct cmp *c, unsigned pe, int32_t event)
{
	struct replay *rp = c->rp;
	uint32_t *list = rp->pe_invs[pe], n = rp->npe_invs[pe];

	while (c->inv_pos[pe] < n && c->inv_used[list[c->inv_pos[pe]]])
		c->inv_pos[pe]++;
	for (uint32_t k = c->inv_pos[pe]; k < n; k++)
		if (!c->inv_used[list[k]] && rp->recs[rp->invs[list[k]].dispatch].event == event)
			return (int32_t)list[k];
	return -1;
}

/* The bits of a PSTATE the dispatcher builds that the comparison checks:
 * those where the interrupted PSTATE of the trace's dispatch (its x3)
 * and of the replay's (replay_x3) agree.  A dispatcher may carry bits
 * over from the interrupted context (NZCV, PAN, DIT, ...: the profile's
 * policy says which), and the replay does not run the client's code
 * that set them; all bits when the trace lacks x3. */
static uint64_t same_interrupted(const struct trace_rec *dispatch, uint64_t replay_x3)
{
	return (dispatch->x_known & 8) ? ~(dispatch->x[3] ^ replay_x3) : ~0ull;
}

/* Record rec (what: "dispatch", "resume") matched, or diverged in the
 * registers d names. */
static void judge_regs(struct cmp *c, uint32_t rec, const char *what, const struct regdiff *d)
{
	const struct trace_rec *r = &c->rp->recs[rec];

	if (d->nt)
		diverge_from(c, r->line, r, "%s of event %s on PE %u: %s%s, replay%s", what, EV(r->event), r->pe,
			cmp_who(c, r), d->trace, d->replay);
	else
		c->state[rec] = MATCHED;
}

/* The handler's entry: x0 (the event), x1 (its argument) and the PSTATE
 * the dispatcher entered it with, those the record has.  Not x2/x3 (the
 * interrupted PC and PSTATE: the client's own context, which the replay
 * does not run; the PSTATE bits where they differ are not compared) nor
 * ep (an address of the traced machine: the handler entered is compared
 * instead). */
static void compare_entry(struct cmp *c, uint32_t rec, const struct sim_obs *o)
{
	const struct trace_rec *r = &c->rp->recs[rec];
	struct regdiff d = { .nt = 0 };

	regdiff_add(&d, r->x_known & 1, "x0", r->x[0], o->regs[0], ~0ull);
	regdiff_add(&d, r->x_known & 2, "x1", r->x[1], o->regs[1], ~0ull);
	regdiff_add(&d, r->has & TRACE_HAS_PSTATE, "pstate", r->pstate, o->pstate, same_interrupted(r, o->regs[3]));
	judge_regs(c, rec, "dispatch", &d);
}

/* The replay's dispatch o (matched with invocation v; -1: with none)
 * came before that of an earlier invocation of the trace on the PE whose
 * window this step is in too: the order the exported scenario's
 * expect_dispatches checks (each PE's in the trace's order) differs, and
 * it fails at that invocation's entry.  Weak: a dispatch the replay
 * never makes, or makes in another step, says more at its line. */
static void check_window_order(struct cmp *c, const struct sim_obs *o, int32_t v)
{
	const struct replay *rp = c->rp;
	const uint32_t *list = rp->pe_invs[o->pe];
	char line[40] = "";

	if (v >= 0)
		snprintf(line, sizeof line, " (line %" PRIu32 ")", rp->recs[rp->invs[v].dispatch].line);
	for (uint32_t k = c->inv_pos[o->pe]; k < rp->npe_invs[o->pe] && (int32_t)list[k] != v; k++) {
		const struct replay_inv *u = &rp->invs[list[k]];
		const struct trace_rec *r = &rp->recs[u->dispatch];
		if (c->inv_used[list[k]] || c->step < u->first_step || c->step > u->last_step)
			continue;
		cmp_diverge(c, r->line, true, r, false, "dispatch of event %s on PE %u: the replay "
				"dispatched event %s%s before it, %s", EV(r->event), r->pe, EV(o->event), line,
				v >= 0 ? "the trace after it" : "which the trace does not here");
		return;
	}
}

void cmp_on_dispatch(struct cmp *c, const struct sim_obs *o)
{
	struct replay *rp = c->rp;
	int32_t v = find_inv(c, o->pe, o->event);
	char st[200];

	if (c->depth[o->pe] < MAX_DEPTH)
		c->stack[o->pe][c->depth[o->pe]++] = (struct frame){ v, o->event, 0, o->regs[3] };
	check_window_order(c, o, v);
	if (v < 0) {
		replay_evstate_describe(c->evs, o->event, o->pe, st, sizeof st);
		diverge(c, rp->prog.steps[c->step].loc.line, "PE %u: the replay dispatched event %s (x1=0x%" PRIx64
			"), which the trace does not here; %s", o->pe, EV(o->event), o->regs[1], st);
		return;
	}
	c->inv_used[v] = 1;
	{
		const struct replay_inv *iv = &rp->invs[v];
		const struct trace_rec *r = &rp->recs[iv->dispatch];
		c->state[iv->dispatch] = DIVERGED;
		if (c->step < iv->first_step)
			diverge(c, rp->prog.steps[c->step].loc.line, "PE %u: the replay dispatched event %s"
				" here, before the trace does (line %" PRIu32 ")", o->pe, EV(o->event), r->line);
		else if (c->step > iv->last_step)
			diverge_from(c, r->line, r, "dispatch of event %s on PE %u: the replay dispatched it later, in "
				"the step at line %" PRIu32, EV(r->event), r->pe, rp->prog.steps[c->step].loc.line);
		else if (iv->handler >= 0 && o->handler != iv->handler)
			diverge_from(c, r->line, r, "dispatch of event %s on PE %u: the replay entered handler %s, not %s",
				EV(r->event), r->pe, o->handler >= 0 ? sim_str(&rp->prog, rp->prog.handlers[o->handler].name) : "?",
				sim_str(&rp->prog, rp->prog.handlers[iv->handler].name));
		else
			compare_entry(c, iv->dispatch, o);
	}
}

static const char *done_name(unsigned how)
{
	return how == TRACE_DONE_RESUME ? "COMPLETE_AND_RESUME" : how == TRACE_DONE_IMPLICIT ? "an implicit completion"
											       : "COMPLETE";
}

/* Where a COMPLETE_AND_RESUME went on: the PSTATE the dispatcher built
 * for the resume address, when the record has it.  Not pc (the resume
 * address, one of the traced machine; the replay's is its resume pad),
 * nor after a COMPLETE or an implicit completion (the interrupted
 * context's own PSTATE, like x3 at the dispatch). */
static void compare_landing(struct cmp *c, uint32_t rec, const struct frame *f, const struct sim_obs *o)
{
	const struct trace_rec *r = &c->rp->recs[rec];
	const struct trace_rec *dr = &c->rp->recs[c->rp->invs[f->inv].dispatch];
	struct regdiff d = { .nt = 0 };

	regdiff_add(&d, r->how == TRACE_DONE_RESUME && (r->has & TRACE_HAS_PSTATE), "pstate", r->pstate, o->pstate,
		    same_interrupted(dr, f->int_pstate));
	judge_regs(c, rec, "resume", &d);
}

void cmp_on_complete(struct cmp *c, const struct sim_obs *o)
{
	struct replay *rp = c->rp;
	const struct frame *f;
	const struct trace_rec *r;
	int32_t how;

	if (c->depth[o->pe] == 0)
		return;
	f = &c->stack[o->pe][--c->depth[o->pe]];
	if (o->done == SIM_DONE_IMPLICIT && !c->has_gone[o->pe]) {
		c->gone[o->pe] = *f;          /* the innermost: it made the call */
		c->has_gone[o->pe] = true;
	}
	if (f->inv < 0)
		return;
	if (rp->invs[f->inv].complete < 0) {
		r = &rp->recs[rp->invs[f->inv].dispatch];
		diverge(c, r->line, "PE %u: the replay's handler for event %s finished (%s); the trace ends "
			"inside it", o->pe, EV(r->event), done_name(o->done));
		return;
	}
	r = &rp->recs[rp->invs[f->inv].complete];
	how = (int32_t)o->done;     /* enum sim_done is enum trace_done (trace_recorder.c) */
	c->state[rp->invs[f->inv].complete] = DIVERGED;
	if (how != r->how)
		diverge_from(c, r->line, r, "event %s on PE %u: the trace's handler finished by %s, the replay's by %s",
			EV(r->event), r->pe, done_name(r->how), done_name(o->done));
	else
		compare_landing(c, (uint32_t)rp->invs[f->inv].complete, f, o);
}

/* An acknowledgement of the run (SIM_OBS_IRQ), or a hold (SIM_OBS_HOLD:
 * only a hold record stands for it, and it has no result to compare). */
void cmp_on_irq(struct cmp *c, const struct sim_obs *o)
{
	struct replay *rp = c->rp;
	bool hold = o->kind == SIM_OBS_HOLD;
	int32_t k = replay_ack_for(rp, o->pe, o->intid, hold, c->state, &c->ack_pos[o->pe]);   /* UNMATCHED: 0 */

	if (k >= 0) {
		const struct trace_rec *r = &rp->recs[k];
		c->state[k] = MATCHED;
		if ((r->has & TRACE_HAS_RES) && !trace_res_agrees(r->res, (unsigned)o->status)) {
			c->state[k] = DIVERGED;
			diverge_from(c, r->line, r, "INTID %" PRIu32 " on PE %u: the trace's firmware %s it, the replay's %s it",
				r->intid, r->pe, trace_enum_name(TRACE_ENUM_RES, r->res),
				trace_enum_name(TRACE_ENUM_RES, (unsigned)o->status));
		}
		return;
	}
	if (hold)
		diverge(c, rp->prog.steps[c->step].loc.line, "PE %u: the replay's firmware acknowledged INTID %" PRIu32
			" and holds it, which the trace's does not here", o->pe, o->intid);
	else
		diverge(c, rp->prog.steps[c->step].loc.line, "PE %u: the replay's firmware acknowledged INTID %" PRIu32
			" (%s), which the trace's does not here", o->pe, o->intid,
			trace_enum_name(TRACE_ENUM_RES, (unsigned)o->status));
}

/* What a PE the trace gave a 1-of-N SPI to is in the replay: "PE 2 masked,
 * powered off, running a handler" (what the replay knows of why it could
 * not take the SPI; the GIC's priorities and group enables it does not). */
static void pe_condition(const struct cmp *c, unsigned pe, char *buf, size_t n)
{
	static const char *const power[] = { "", ", powered off", ", in standby", ", powered down", ", frozen" };
	char st[100];

	replay_evstate_describe(c->evs, -1, pe, st, sizeof st);
	snprintf(buf, n, "%s%s%s", st, power[c->power[pe] % 5], c->depth[pe] ? ", running a handler" : "");
}

/* The replay's acknowledgement o of a 1-of-N SPI went to another PE than
 * the trace's acknowledgement m.rec it stands for (replay_route.h): that
 * record diverges, saying why, instead of the comparison matching o with
 * some other acknowledgement of the SPI on o's PE. */
void cmp_misrouted(struct cmp *c, const struct replay_misroute *m, const struct sim_obs *o)
{
	const struct trace_rec *r = &c->rp->recs[m->rec];
	/* each PE of the 64 a mask holds, "63, " at most: the whole list */
	char can[64 * sizeof "63, "], st[160];
	size_t len = 0;
	unsigned n = 0;

	c->state[m->rec] = DIVERGED;
	if (!m->refused) {
		diverge_from(c, r->line, r, "INTID %" PRIu32 " on PE %u: the replay's GIC gave this 1-of-N SPI to PE %u, not to "
			"PE %u as the trace does: it keeps a 1-of-N SPI on the PE it chose last while that PE can take "
			"it", r->intid, r->pe, o->pe, r->pe);
		return;
	}
	can[0] = 0;
	for (uint64_t pes = m->could; pes && len < sizeof can; pes &= pes - 1, n++) {
		int w = snprintf(can + len, sizeof can - len, "%s%d", n ? ", " : "", __builtin_ctzll(pes));
		len += w > 0 ? (size_t)w : 0;
	}
	pe_condition(c, r->pe, st, sizeof st);
	diverge_from(c, r->line, r, "INTID %" PRIu32 " on PE %u: the replay cannot give this 1-of-N SPI to PE %u as "
		     "the trace does: PE %u cannot take it (%s); PE%s %s can, and PE %u took it", r->intid, r->pe, r->pe,
		     r->pe, st, n == 1 ? "" : "s", can, o->pe);
}

/* The replay's acknowledgement o came from a tie that could not go as
 * the trace (replay_route.h): the trace's next acknowledgement on the PE,
 * t->rec, is of none of the tied INTIDs.  That record diverges here,
 * naming them; it is still matched with a later acknowledgement of its
 * INTID, whose order the comparison does not see otherwise. */
void cmp_tie_missed(struct cmp *c, const struct replay_tie_miss *t, const struct sim_obs *o)
{
	const struct trace_rec *r = &c->rp->recs[t->rec];
	char tied[80];
	size_t len = 0;

	tied[0] = 0;
	for (uint32_t k = 0; k < t->n && k < 8 && len < sizeof tied; k++) {
		int w = snprintf(tied + len, sizeof tied - len, "%s%u", k ? ", " : "", t->intids[k]);
		len += w > 0 ? (size_t)w : 0;
	}
	cmp_diverge(c, r->line, false, r, false, "INTID %" PRIu32 " on PE %u: the replay cannot take it next as the trace does: it is "
		"not among the interrupts pending at the PE's highest priority (INTIDs %s%s), and PE %u took "
		"INTID %" PRIu32 ", %s", r->intid, r->pe, tied, t->n > 8 ? ", ..." : "", o->pe, o->intid,
		t->later ? "the first of them the trace acknowledges after it" :
			   "the lowest (the trace acknowledges none of them after it)");
}

/* An explicit dispatch the replay makes for a dispatch of the trace with
 * no SDEI interrupt before it (replay_trigger.c): the traced firmware
 * dispatched the event, so a refusal is a divergence at that dispatch,
 * even when the event came some other way (what `export yaml` expects of
 * the step: SUCCESS).  Weak: when the dispatch itself diverged, that says
 * more (replay_divs.h). */
void cmp_on_explicit(struct cmp *c, const struct sim_obs *o)
{
	const struct replay *rp = c->rp;
	uint32_t line = c->step < rp->prog.nsteps ? rp->prog.steps[c->step].loc.line : 0;
	char res[40];

	/* the dispatch record the step was made for (its line): why it is not
	 * matched, if it never is */
	for (uint32_t k = 0; o->result != 0 && k < rp->nrecs; k++)
		if (rp->recs[k].line == line && rp->recs[k].kind == TRACE_DISPATCH)
			c->refused[k] = (int8_t)(o->result < 0 && o->result >= -127 ? o->result : -128);
	if (o->result != 0)
		replay_divs_add(&c->divs, rp->name, line, true, "dispatch of event %s"
				" on PE %u: the replay's explicit dispatch of it was refused, x0=%s", EV(o->event),
				o->pe, trace_result_str(res, sizeof res, o->result));
}
