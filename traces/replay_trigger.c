/*
 * replay_trigger.c - what makes the replayed machine do what the trace's
 * did without a call of its own (replay_builder.h):
 *
 *   dispatch        nothing when the call or interrupt that caused it is
 *                   already a step; an explicit dispatch step when no
 *                   interrupt caused it
 *   irq (fire)      an interrupt step
 *   irq (ack)       an interrupt step, unless the interrupt is not an SDEI
 *                   one (no step, not compared), was left pending by
 *                   firmware at an earlier acknowledgement that dispatched
 *                   nothing (and no call cleared it since:
 *                   rb_pending_cleared), or was raised by EVENT_SIGNAL; the ack of a
 *                   held interrupt: a `hand_over` step
 *   irq (hold)      what an ack would make, and a `hold` step before the
 *                   step it came in
 *   power           a `wake` step for a PE that comes back from a suspend
 *                   (a wake-up by an event finds it already awake: no effect)
 */
#include <inttypes.h>
#include <string.h>

#include "replay_builder.h"
#include "grow.h"
#include "sdd/sdd_spec.h"

static bool sdei_interrupt(const struct rb *b, uint32_t intid)
{
	const struct sim_platform *pl = &b->p->platform;

	if (intid == pl->event0_sgi || (intid < GIC_NUM_INTIDS && b->w.is_bound[intid]))
		return true;
	for (unsigned k = 0; k < pl->nevents; k++)
		if (!pl->events[k].explicit_event && pl->events[k].intid == intid)
			return true;
	return false;
}

/* An interrupt step for record r; none, and false, when the platform's
 * GIC has no such INTID (a trace of another platform, or a broken one):
 * the simulator could not raise it and the scenario loader refuses it. */
static bool interrupt_step(struct rb *b, const struct trace_rec *r)
{
	struct sim_op op = rb_op(SIM_OP_INTERRUPT, r->pe, r->line);

	if (!sim_intid_exists(&b->p->platform, r->intid)) {
		if (b->o->expectations)
			rb_note(b, r->line, "the exported scenario leaves out this interrupt, INTID %" PRIu32 ", which "
				"the platform's GIC does not have: a divergence only the replay reports", r->intid);
		return false;
	}
	op.intid = r->intid;
	rb_step(b, &op, -1);
	return true;
}

void rb_trigger(struct rb *b, const struct trace_rec *r)
{
	struct rb_ack *a = &b->w.last_ack[r->pe];
	struct sim_op op;

	if (r->cause == TRACE_CAUSE_CALL || (r->cause == TRACE_CAUSE_IRQ && b->w.have_fires))
		return;
	if (r->cause == TRACE_CAUSE_IRQ && a->valid && !a->consumed && a->accounted &&
	    (!(r->has & TRACE_HAS_INTID) || a->intid == r->intid)) {
		a->consumed = true;
		if (a->intid >= 32)
			b->w.spi_open[a->intid] = 0;
		return;
	}
	if (r->cause == TRACE_CAUSE_IRQ && (r->has & TRACE_HAS_INTID) && sdei_interrupt(b, r->intid)) {
		interrupt_step(b, r);      /* none for an INTID the GIC lacks: the dispatch diverges */
		return;
	}
	/* no interrupt of the event's: firmware dispatched it itself (a RAS
	 * error interrupt handled at EL3 and turned into an SDEI event) */
	if (r->cause == TRACE_CAUSE_IRQ && !(r->has & TRACE_HAS_INTID))
		rb_note(b, r->line, "the interrupt that dispatched event %s is not in the trace: replayed as an "
			"explicit dispatch", trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, r->event));
	op = rb_op(SIM_OP_DISPATCH, r->pe, r->line);
	op.event = sim_const((uint64_t)(int64_t)r->event);
	if (b->o->expectations) {        /* the traced firmware dispatched it: SUCCESS */
		struct sim_check c;
		memset(&c, 0, sizeof c);
		c.reg = SIM_R_X0;
		c.m.kind = SIM_M_EQ;
		c.m.a = sim_const(0);
		c.m.loc = op.loc;
		op.checks = sim_add_check(b->p, &c);
		op.nchecks = 1;
	}
	rb_step(b, &op, -1);
}

/* An SDEI interrupt acknowledged earlier that dispatched nothing was left
 * pending by firmware: it comes again without a new assertion - on the
 * same PE for an SGI or PPI, on any PE for an SPI (it may have been routed
 * elsewhere meanwhile). */
static bool pending_again(struct rb *b, const struct trace_rec *r)
{
	uint8_t *banked = &b->w.repended_banked[r->pe][r->intid % 32];

	if (r->intid >= 32)
		return b->w.spi_open[r->intid];
	if (!*banked)
		return false;
	*banked = 0;
	return true;
}

int rb_event_intid(const struct rb *b, int32_t event)
{
	const struct sim_platform *pl = &b->p->platform;

	for (unsigned k = 0; k < pl->nevents; k++)
		if (pl->events[k].number == event)
			return pl->events[k].explicit_event ? -1 : (int)pl->events[k].intid;
	for (unsigned k = 16; k < GIC_NUM_INTIDS; k++)
		if (b->w.is_bound[k] && b->w.bound[k] == event)
			return (int)k;
	return -1;
}

/* Interrupt intid is pending no more: on PE pe, or every PE (all_pes).
 * An SPI's pending state is the distributor's; a PPI's the caller's
 * redistributor's, or every PE's when the binding is given back. */
static void forget_pending(struct rb *b, uint32_t intid, unsigned pe, bool all_pes)
{
	for (unsigned p = 0; p < TRACE_MAX_PES; p++) {
		struct rb_ack *a = &b->w.last_ack[p];

		if (intid < 32 && !all_pes && p != pe)
			continue;
		if (a->valid && a->intid == intid)
			a->consumed = true;
		if (intid < 32)
			b->w.repended_banked[p][intid] = 0;
	}
	if (intid >= 32)
		b->w.spi_open[intid] = 0;
}

void rb_pending_cleared(struct rb *b, const struct trace_rec *r)
{
	uint32_t fid = trace_rec_fid(r);
	int64_t res = (int64_t)r->r[0];
	bool all_pes = fid == SDD_FID_INTERRUPT_RELEASE;
	int intid;

	if (r->end != TRACE_END_RET || !(r->r_known & 1) || !(r->x_known & 2))
		return;
	if (fid == SDD_FID_EVENT_REGISTER || fid == SDD_FID_EVENT_UNREGISTER) {
		if (b->p->platform.policy.unreg_trigger != SDD_UNREG_TRIGGER_DROP ||
		    !(res == 0 || (fid == SDD_FID_EVENT_UNREGISTER && res == SDD_PENDING)))
			return;
	} else if (!(fid == SDD_FID_INTERRUPT_RELEASE && res == 0)) {
		return;
	}
	/* event 0's SGI keeps a SIGNAL (§5.1.16) */
	if ((uint32_t)r->x[1] == 0 || (intid = rb_event_intid(b, (int32_t)(uint32_t)r->x[1])) < 0)
		return;
	forget_pending(b, (uint32_t)intid, r->pe, all_pes);
}

void rb_bindings_gone(struct rb *b, unsigned kinds)
{
	for (unsigned k = 0; k < GIC_NUM_INTIDS; k++)
		if (b->w.is_bound[k] && (kinds & (k >= 32 ? REPLAY_SLOTS_SHARED : REPLAY_SLOTS_PRIVATE))) {
			forget_pending(b, k, 0, true);
			b->w.is_bound[k] = false;
		}
}

/* Firmware's acknowledgement r (an ack or a hold) on its PE: what makes
 * the replay's firmware acknowledge it too.  An interrupt step, unless
 * the interrupt is not an SDEI one, was left pending at an earlier
 * acknowledgement that dispatched nothing, or was raised by EVENT_SIGNAL
 * (none at all when the trace has the fire records: their steps).  False
 * when nothing in the replay raises it: not compared. */
static bool acknowledged(struct rb *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	const struct rb_ack *a = &b->w.last_ack[r->pe];

	if (a->valid && !a->consumed && a->accounted && a->intid < 32)
		b->w.repended_banked[r->pe][a->intid] = 1;
	if (b->w.have_fires || pending_again(b, r))
		return true;
	if (r->intid == b->p->platform.event0_sgi && b->w.signals[r->pe] > 0) {
		b->w.signals[r->pe]--;
		return true;
	}
	if (!sdei_interrupt(b, r->intid))
		return false;
	if (!interrupt_step(b, r)) {
		b->rp->role[i] = ROLE_NO_INTID;
		return false;
	}
	return true;
}

/*
 * A hold (how=hold): the PE's firmware acknowledged the interrupt and
 * keeps it until its next ack of that INTID.  The replay arms the PE with
 * a `hold` step just before the step the acknowledgement came in - the
 * last one so far, or the interrupt step made for it - so that it is the
 * first acknowledgement the armed PE makes, as in the trace (an armed PE
 * holds the next one, whichever it is).  rb_insert_steps puts it in.
 */
static void hold(struct rb *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	struct rb_hold *h = &b->w.hold[r->pe];
	struct rb_holdat *room;
	bool twice = h->on, accounted = acknowledged(b, i);

	/* a firmware holds one interrupt at a time (the simulator's refuses a
	 * second hold): not replayed, and its ack is not a hand-over */
	if (twice)
		rb_note(b, r->line, "PE %u's firmware holds INTID %" PRIu32 " while it holds INTID %" PRIu32 " (line %"
			PRIu32 ") already: the replay does not hold this one", r->pe, r->intid, h->intid, h->line);
	*h = (struct rb_hold){ true, accounted && !twice, r->intid, r->line, RB_NO_STEP, 0 };
	b->w.last_ack[r->pe].valid = false;      /* what came before: accounted for above */
	if (!h->accounted)
		return;
	if (b->p->nsteps == 0) {
		rb_note(b, r->line, "PE %u's firmware holds INTID %" PRIu32 " before any step: the replay has no "
			"step to arm it before, and does not hold it", r->pe, r->intid);
		h->accounted = false;
		return;
	}
	room = sim_grow(b->holds, b->nholds, &b->cap_holds, sizeof *room, 8);
	if (!room) {
		b->w.oom = true;
		return;
	}
	b->holds = room;
	b->holds[b->nholds++] = (struct rb_holdat){ b->p->nsteps - 1, r->line, r->pe };
	if (b->w.act_step[r->pe] != b->p->nsteps)
		h->anchor = b->p->nsteps - 1;
	b->rp->role[i] = ROLE_HOLD;
}

void rb_irq(struct rb *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	struct rb_ack *a = &b->w.last_ack[r->pe];
	struct rb_hold *h = &b->w.hold[r->pe];
	bool accounted, ended;

	if (r->how == TRACE_IRQ_FIRE) {
		if (!interrupt_step(b, r))
			b->rp->role[i] = ROLE_NO_INTID;
		return;
	}
	if (r->how == TRACE_IRQ_HOLD) {
		hold(b, i);
		return;
	}
	if (h->on && h->intid == r->intid) {
		/* the hand-over: the dispatcher sees the held interrupt now */
		h->on = false;
		accounted = h->accounted;
		if (accounted) {
			struct sim_op op = rb_op(SIM_OP_HAND_OVER, r->pe, r->line);
			rb_step(b, &op, (int32_t)i);
			b->rp->role[i] = ROLE_HAND_OVER;
			h->hand_step = b->p->nsteps;
		}
	} else {
		accounted = acknowledged(b, i);
		if (accounted)
			b->rp->role[i] = ROLE_ACK;
	}
	/* an acknowledgement firmware ended without a dispatch (the trace
	 * says so: res) leaves nothing pending, so the next one of the INTID
	 * is a new assertion, with a step of its own */
	ended = !trace_res_left_pending((r->has & TRACE_HAS_RES) != 0, r->res);
	*a = (struct rb_ack){ true, ended, accounted, r->intid };
	if (accounted && r->intid >= 32)
		b->w.spi_open[r->intid] = !ended;
}

void rb_power(struct rb *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];

	rb_main_reset(b, r->pe);
	if (r->state == TRACE_PWR_ON && (r->has & TRACE_HAS_PREV) &&
	    (r->prev == TRACE_PWR_STANDBY || r->prev == TRACE_PWR_POWERDOWN)) {
		struct sim_op op = rb_op(SIM_OP_WAKE, r->pe, r->line);
		rb_step(b, &op, -1);
	}
}
