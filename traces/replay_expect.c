/*
 * replay_expect.c - the expectations a replayed trace's results give the
 * program `export yaml` writes (replay_builder.h): each call's result,
 * each handler's entry, each dispatch and each resume-pad landing.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "replay_builder.h"
#include "grow.h"
#include "sdd/sdd_spec.h"

/* ---- Expectations ---- */

/* What the trace's call did, as the op's expectation on x0: its result
 * when it returned (a PSCI result, 32-bit: compared as such - width32,
 * the rule of `psci:` ops - or, for a raw call, sign-extended as the
 * simulator's firmware returns it; the result of a call from AArch32,
 * r0's low 32 bits sign-extended, as its caller reads it); 0 when it completed the handler (the simulator gives a
 * call that completes x0 = 0, which no refusal is); not 0 for a completion
 * the traced dispatcher refused with an error the trace does not show.
 * A COMPLETE or COMPLETE_AND_RESUME that returned must return in the
 * scenario too ({returns: E}): one that completes would otherwise pass
 * an expected 0, which a dispatcher that answers SUCCESS without
 * completing gives.  So must a CPU_OFF or SYSTEM_OFF the trace shows
 * returning, with its result: one that powers down is given 0 too. */
void rb_expect_x0(struct rb *b, struct sim_op *op, const struct trace_rec *r, bool width32)
{
	uint32_t fid = trace_rec_fid(r);
	bool completion = fid == SDD_FID_EVENT_COMPLETE || fid == SDD_FID_EVENT_COMPLETE_AND_RESUME;
	bool power_down = trace_psci_powers_down(fid) && (r->r_known & 1);
	uint32_t first = UINT32_MAX;
	struct sim_check c;

	if (!b->o->expectations)
		return;
	memset(&c, 0, sizeof c);
	if (r->end == TRACE_END_RET && (completion || power_down)) {
		c.reg = SIM_R_RETURNED;
		c.m.kind = SIM_M_EQ;
		c.m.a = sim_const(1);
		c.m.loc = op->loc;
		first = sim_add_check(b->p, &c);
		memset(&c, 0, sizeof c);
	}
	c.reg = SIM_R_X0;
	c.m.kind = SIM_M_EQ;
	c.m.width32 = width32;
	c.m.loc = op->loc;
	if (r->end == TRACE_END_COMPLETE)
		c.m.a = sim_const(0);
	else if (r->end == TRACE_END_RET && (r->r_known & 1) && (trace_fid_is_psci(fid) || r->aarch32) && !width32)
		c.m.a = sim_const((uint64_t)(int64_t)(int32_t)r->r[0]);   /* a raw PSCI call, an AArch32 caller's r0: int32 */
	else if (r->end == TRACE_END_RET && (r->r_known & 1))
		c.m.a = sim_const(r->r[0]);
	else if (r->end == TRACE_END_RET && completion) {
		c.m.kind = SIM_M_NOT;
		c.m.a = sim_const(0);
	} else {
		return;
	}
	op->checks = sim_add_check(b->p, &c);
	op->nchecks = 1;
	if (first != UINT32_MAX) {      /* the two are contiguous: nothing was added between */
		op->checks = first;
		op->nchecks = 2;
	}
}

void rb_expect_entry(struct rb *b, uint32_t slot, uint32_t inv, const struct trace_rec *r)
{
	struct sim_op op = rb_op(SIM_OP_EXPECT_ENTRY, SIM_NONE, r->line);
	struct sim_check c;
	uint32_t nops;

	memset(&c, 0, sizeof c);
	c.m.kind = SIM_M_EQ;
	c.m.loc = op.loc;
	c.reg = SIM_R_X0;
	c.m.a = sim_const((uint64_t)(int64_t)r->event);
	op.checks = sim_add_check(b->p, &c);
	op.nchecks = 1;
	/* not the argument: the dispatch's expect_dispatches step checks it
	 * (`arg`, rb_expect_dispatch), before the run can end (replay_end.c);
	 * here it would keep slots that differ in it alone (one registration
	 * per argument) from sharing one handler - more than the 256 a
	 * scenario may have for a trace that registers 300 times */
	/* the PSTATE, last: what it checks depends on the slot's other
	 * entries, known after the walk */
	if (r->has & TRACE_HAS_PSTATE) {
		c.reg = SIM_R_PSTATE;
		c.m.a = sim_const(r->pstate);
		b->entry[inv].check = sim_add_check(b->p, &c);
		op.nchecks++;
	}
	slots_actions(b->sl, slot, &nops);
	b->entry[inv].op = nops;
	slots_append(b->sl, slot, &op, UINT32_MAX);
}

void rb_expect_landing(struct rb *b, uint32_t inv, const struct trace_rec *r)
{
	struct rb_land *room;

	if (b->no_landings)
		return;
	room = sim_grow(b->lands, b->nlands, &b->cap_lands, sizeof *room, 8);
	if (!room) {
		b->w.oom = true;
		return;
	}
	b->lands = room;
	b->lands[b->nlands++] = (struct rb_land){ inv, r->line, UINT32_MAX, r->pe };
}

void rb_expect_dispatch(struct rb *b, uint32_t slot, const struct trace_rec *r)
{
	struct sim_expect_dispatch e, *room = sim_grow(b->pend, b->npend, &b->cap_pend, sizeof e, 8);

	if (!room) {
		b->w.oom = true;
		return;
	}
	b->pend = room;
	memset(&e, 0, sizeof e);
	e.has_pe = 1;
	e.pe = sim_match_eq(sim_const(r->pe));
	e.has_event = 1;
	e.event = sim_match_eq(sim_const((uint32_t)r->event));
	e.has_handler = 1;       /* the slot: renumbered as a handler by slots_finish */
	e.handler = sim_match_eq((struct sim_value){ SIM_V_HANDLER, slot });
	if (r->x_known & 2) {
		e.has_arg = 1;
		e.arg = sim_match_eq(sim_const(r->x[1]));
	}
	e.loc.line = r->line;
	e.loc.col = 1;
	b->pend[b->npend++] = e;
}

