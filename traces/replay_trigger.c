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
 *                   nothing, or was raised by EVENT_SIGNAL
 *   power           a `wake` step for a PE that comes back from a suspend
 *                   (a wake-up by an event finds it already awake: no effect)
 */
#include <inttypes.h>
#include <string.h>

#include "replay_builder.h"

static bool sdei_interrupt(const struct rb *b, uint32_t intid)
{
	const struct sim_platform *pl = &b->p->platform;

	if (intid == pl->event0_sgi || (intid < 1020 && b->w.is_bound[intid]))
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

void rb_irq(struct rb *b, uint32_t i)
{
	const struct trace_rec *r = &b->rp->recs[i];
	struct rb_ack *a = &b->w.last_ack[r->pe];
	bool accounted = true;

	if (r->how == TRACE_IRQ_FIRE) {
		if (!interrupt_step(b, r))
			b->rp->role[i] = ROLE_NO_INTID;
		return;
	}
	if (a->valid && !a->consumed && a->accounted && a->intid < 32)
		b->w.repended_banked[r->pe][a->intid] = 1;
	if (!b->w.have_fires) {
		if (pending_again(b, r))
			;
		else if (r->intid == b->p->platform.event0_sgi && b->w.signals[r->pe] > 0)
			b->w.signals[r->pe]--;
		else if (!sdei_interrupt(b, r->intid))
			accounted = false;
		else if (!interrupt_step(b, r)) {
			accounted = false;
			b->rp->role[i] = ROLE_NO_INTID;
		}
	}
	*a = (struct rb_ack){ true, false, accounted, r->intid };
	if (accounted && r->intid >= 32)
		b->w.spi_open[r->intid] = 1;
	if (accounted)
		b->rp->role[i] = ROLE_ACK;
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
