/*
 * replay_running.c - the handlers a window of a run starts inside
 * (replay_midrun.h: struct mr's pre): on each PE, the handler whose
 * completion comes with no dispatch before it, and the one it nested
 * over when it leaves another running - a critical handler over a normal
 * one, the only nesting a dispatcher makes (DEN0054C §6.2) -, and why
 * they cannot be assumed when they cannot (replay_prologue.c dispatches
 * those that can).
 */
#include <inttypes.h>

#include "replay_midrun.h"
#include "sdd/sdd_spec.h"

/* The handlers each PE runs when the window starts: a PE whose first
 * handler records (a call with h=1, a completion) come with no dispatch
 * before them.  The completion that ends one names its event; when it
 * leaves another running (its depth says so, or another such completion
 * follows one without a depth), the records up to the next such
 * completion are that one's, the handler it nested over. */
void mr_find_running(struct mr *m)
{
	uint8_t depth[TRACE_MAX_PES] = { 0 };
	uint32_t first[TRACE_MAX_PES] = { 0 };      /* the next one's first record */
	bool done[TRACE_MAX_PES] = { false };

	for (uint32_t i = 0; i < m->rp->nrecs; i++) {
		const struct trace_rec *r = &m->rp->recs[i];
		unsigned p = r->pe;
		struct mr_pre *x;
		if (r->kind == TRACE_PLATFORM || r->kind == TRACE_WARNING || done[p])
			continue;
		if (r->kind == TRACE_DISPATCH) {
			depth[p]++;
		} else if (r->kind == TRACE_COMPLETE && depth[p]) {
			depth[p]--;
		} else if (r->kind == TRACE_COMPLETE && m->npre[p] == MR_MAX_PRE) {
			m->deep[p] = r->line;
			done[p] = true;
		} else if (r->kind == TRACE_COMPLETE) {
			x = &m->pre[p][m->npre[p]++];
			x->line = first[p] ? first[p] : r->line;
			x->done = r->line;
			x->event = r->event;
			x->nested = !(r->has & TRACE_HAS_DEPTH) ? MR_NEST_UNKNOWN : r->depth > 0 ? MR_NEST_YES : MR_NEST_NO;
			first[p] = 0;
			done[p] = x->nested == MR_NEST_NO;
		} else if (r->kind == TRACE_CALL && r->from_handler && !depth[p] && !first[p]) {
			first[p] = r->line;
		}
	}
	/* a handler with no completion in the window: the first, or one a
	 * completion says is running */
	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		if (m->npre[p] < MR_MAX_PRE && (m->npre[p] == 0 ? first[p] != 0 : m->pre[p][m->npre[p] - 1].nested == MR_NEST_YES))
			m->pre[p][m->npre[p]++] = (struct mr_pre){ first[p] ? first[p] : m->pre[p][m->npre[p] - 1].done,
								   0, -1, MR_NEST_UNKNOWN };
}

/* Is event e critical on the platform (a bind slot's is normal)? */
static bool critical(const struct sim_platform *pl, int32_t e)
{
	uint8_t pri;

	return sim_event_class(pl, e, &pri) && pri == SDD_PRI_CRITICAL;
}

bool mr_running_why_not(const struct mr *m, unsigned p, char *buf, size_t n)
{
	const struct mr_pre *in = &m->pre[p][0], *out = &m->pre[p][1];
	unsigned np = m->npre[p];
	int used;

	if (np == 1 && (!in->done || in->event < 0)) {
		snprintf(buf, n, "cannot assume the handler PE %u runs when the trace starts (this record is that handler's, "
			 "with no dispatch before it): %s", p, in->done ? "its completion does not name its event" :
			 "no completion of it in the trace names its event");
		return true;
	}
	if (np < 2)
		return false;
	used = snprintf(buf, n, "cannot assume the %s PE %u runs when the trace starts (none is dispatched "
			"first): ", m->deep[p] || out->nested == MR_NEST_YES ? "handlers" : "two handlers", p);
	if (used < 0 || (size_t)used >= n)
		return true;
	buf += used;
	n -= (size_t)used;
	if (m->deep[p] || out->nested == MR_NEST_YES)
		snprintf(buf, n, "its completions at lines %" PRIu32 " and %" PRIu32 " leave a third running, and at most "
			 "two nest on a PE (a critical handler over a normal one)", in->done, out->done);
	else if (in->event < 0)
		snprintf(buf, n, "the inner one's completion at line %" PRIu32 " does not name its event", in->done);
	else if (!out->done || out->event < 0)
		snprintf(buf, n, "event %s's, whose completion at line %" PRIu32 " leaves another running, and %s", MR_EV(in->event),
			 in->done, out->done ? "that one's completion does not name its event" :
			 "no completion in the trace names that one's event");
	else if (!critical(m->pl, in->event) || critical(m->pl, out->event))
		snprintf(buf, n, "event %s's, whose completion at line %" PRIu32 " leaves event %s's running, cannot have "
			 "preempted it: only a critical handler preempts a normal one (DEN0054C §6.2), and event %s is %s",
			 MR_EV(in->event), in->done, MR_EV(out->event), MR_EV(critical(m->pl, in->event) ?
			 out->event : in->event), critical(m->pl, in->event) ? "critical" : "normal");
	else
		return false;
	return true;
}
