/*
 * replay_end.c - where the exported scenario's run ends, and what it
 * checks there (replay_builder.h): the end of the trace, or the first
 * SYSTEM_OFF the replay makes, after which no step runs.
 *
 * A scenario checks things at its steps.  The end of a trace gets the last
 * windows' expect_dispatches and expect_resumes steps (empty ones too,
 * replay_steps.c) and an expect_view of each PE's handler depth.  A
 * SYSTEM_OFF ends the simulator's run there (scenarios/FORMAT.md): those
 * checks go just before it, else they never run and the scenario passes
 * whatever the replay did since the last step before it.  (A handler's
 * SYSTEM_OFF is an action: replay_walk.c has the handler yield before it,
 * so that it is made by a `resume` step after them.)  What the trace shows
 * at and after it - the handlers it completes, records of a machine that
 * went on - only the replay compares: the export says so where the
 * replay may diverge.
 */
#include <inttypes.h>
#include <string.h>

#include "replay_builder.h"

/* The handlers each PE the trace dispatched on so far is running, by an
 * expect_view step: a handler the replay finished where the trace is still
 * inside it, or one it never finished, fails it.  At the line of the PE's
 * innermost handler running in the trace, else of its last completion. */
static void expect_depths(struct rb *b)
{
	const struct replay *rp = b->rp;
	uint32_t line[TRACE_MAX_PES] = { 0 };

	for (uint32_t k = 0; k < rp->nrecs; k++)       /* records walked so far have a role */
		if (rp->role[k] == ROLE_DISPATCH || rp->role[k] == ROLE_COMPLETE)
			line[rp->recs[k].pe] = rp->recs[k].line;
	for (unsigned p = 0; p < TRACE_MAX_PES; p++) {
		unsigned d = b->w.depth[p];
		struct sim_op op;
		struct sim_check c;
		struct sim_expect_view v;
		if (!line[p])
			continue;
		op = rb_op(SIM_OP_EXPECT_VIEW, p, d ? rp->recs[rp->invs[b->w.stack[p][d - 1].inv].dispatch].line : line[p]);
		memset(&c, 0, sizeof c);
		c.reg = SIM_R_VIEW_DEPTH;
		c.m.kind = SIM_M_EQ;
		c.m.a = sim_const(d);
		c.m.loc = op.loc;
		memset(&v, 0, sizeof v);
		v.part = SIM_VIEW_PE;
		v.checks = sim_add_check(b->p, &c);
		v.nchecks = 1;
		v.loc = op.loc;
		op.list = sim_add_view(b->p, &v);
		op.nlist = 1;
		rb_step(b, &op, -1);
	}
}

/* Close the last windows and, with expectations, check the depths. */
static void close_run(struct rb *b)
{
	rb_flush_expected(b, true);
	if (b->o->expectations)
		expect_depths(b);
}

void rb_run_ends(struct rb *b, uint32_t k)
{
	close_run(b);
	b->w.off = k + 1;
}

/* Is record r, after the SYSTEM_OFF, one it makes: a power record, a
 * warning (neither compared), a completion of a handler of its PE it
 * completes? */
static bool part_of_off(const struct rb *b, const struct trace_rec *r)
{
	const struct trace_rec *off = &b->rp->recs[b->w.off - 1];

	return r->kind == TRACE_POWER || r->kind == TRACE_WARNING ||
	       (r->kind == TRACE_COMPLETE && r->how == TRACE_DONE_IMPLICIT && r->pe == off->pe);
}

void rb_after_end(struct rb *b, const struct trace_rec *r)
{
	if (!b->w.off || !b->o->expectations || part_of_off(b, r))
		return;
	rb_note(b, r->line, "after the SYSTEM_OFF at line %" PRIu32 ", which ends the run: the exported scenario "
		"cannot check this record (the replay compares it)", b->rp->recs[b->w.off - 1].line);
}

/* The handlers of the PE that made the SYSTEM_OFF, dispatched before it,
 * that the trace ends inside: the replay's SYSTEM_OFF completed them
 * (DEN0054C §6.5), which the scenario cannot see. */
static void note_unfinished(struct rb *b)
{
	const struct replay *rp = b->rp;
	unsigned pe = rp->recs[b->w.off - 1].pe;

	for (unsigned d = 0; d < b->w.depth[pe]; d++) {
		const struct trace_rec *r = &rp->recs[rp->invs[b->w.stack[pe][d].inv].dispatch];
		if (rp->invs[b->w.stack[pe][d].inv].dispatch < b->w.off - 1)
			rb_note(b, r->line, "the trace ends inside this handler, which the SYSTEM_OFF at line %" PRIu32
				" completes: the exported scenario cannot check that (its run ends there; the "
				"replay compares it)", rp->recs[b->w.off - 1].line);
	}
}

void rb_end(struct rb *b)
{
	if (!b->w.off)
		close_run(b);
	else if (b->o->expectations)
		note_unfinished(b);
}
