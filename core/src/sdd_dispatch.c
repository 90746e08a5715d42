/*
 * sdd_dispatch.c - entering and leaving event handlers (DEN0054C §5.2, §6.2).
 *
 * Each PE has a dispatch stack of at most two frames: a normal-priority
 * handler, and above it a critical one.  A frame keeps the interrupted
 * context (x0..x17, PC, PSTATE) that EVENT_CONTEXT reads and COMPLETE
 * restores, and what ended the dispatch must undo: the interrupt to EOI, or
 * the priority an explicit dispatch activated.
 *
 * Interrupt-backed events stay active in the GIC from acknowledge until the
 * handler completes, so the GIC's running priority keeps same-class events
 * and client interrupts out, and a shared event cannot be taken twice.  The
 * core does not rely on that: it checks the nesting rules itself and
 * reports a fault if the interrupt controller ever breaks them.
 */
#include "sdd_internal.h"

void sdd_fault(struct sdd *d, int code)
{
	d->failed = 1;
	d->port->fault(d->ctx, code);
}

uint64_t sdd_exception_pstate(const struct sdd *d, const struct sdd_regs *r,
			      uint64_t from, unsigned pol)
{
	unsigned el = d->plat.client_el;
	uint32_t feat = d->plat.features;
	uint64_t mode = el == 2 ? SDD_PSTATE_M_EL2H : SDD_PSTATE_M_EL1H;
	uint64_t p;

	if (pol == SDD_PSTATE_TFA_PLAIN)        /* TF-A COMPLETE_AND_RESUME: SPSR_64(ELc, SPx, DAIF) */
		return mode | SDD_PSTATE_DAIF;
	if (pol == SDD_PSTATE_INHERIT)          /* KVM: the interrupted PSTATE with DAIF and ELxh */
		return (from & ~(SDD_PSTATE_M_MASK | SDD_PSTATE_DAIF)) | SDD_PSTATE_DAIF | mode;

	/* AArch64.TakeException() to ELc (DEN0054C §5.2.1): DAIF masked, ELxh,
	 * AArch64; NZCV, DIT and PAN carried over; IL, SS, BTYPE, UAO cleared;
	 * the rest from the target EL's controls. */
	p = mode | SDD_PSTATE_DAIF | (from & (SDD_PSTATE_NZCV | SDD_PSTATE_DIT));
	if (feat & SDD_FEAT_PAN) {
		bool host_el2 = el == 2 && (feat & SDD_FEAT_VHE) &&
				(r->hcr_el2 & SDD_HCR_E2H) && (r->hcr_el2 & SDD_HCR_TGE);
		p |= from & SDD_PSTATE_PAN;
		if (!(r->sctlr_elc & SDD_SCTLR_SPAN) && (el == 1 || host_el2))
			p |= SDD_PSTATE_PAN;
	}
	if ((feat & SDD_FEAT_SSBS) && (r->sctlr_elc & SDD_SCTLR_DSSBS))
		p |= SDD_PSTATE_SSBS;
	if ((feat & SDD_FEAT_NMI) && !(r->sctlr_elc & SDD_SCTLR_SPINTMASK))
		p |= SDD_PSTATE_ALLINT;
	if (feat & SDD_FEAT_MTE2)
		p |= SDD_PSTATE_TCO;
	return p;
}

bool sdd_can_nest(const struct sdd *d, unsigned pe, unsigned pri)
{
	const struct sdd_pe_state *p = &d->pe[pe];

	/* Critical preempts normal; nothing else preempts (§6.2). */
	if (p->depth == 0)
		return true;
	return p->depth == 1 && p->frame[0].priority == SDD_PRI_NORMAL &&
	       pri == SDD_PRI_CRITICAL;
}

static void outcome(struct sdd_outcome *o, enum sdd_action act, const struct sdd *d,
		    unsigned pe, unsigned i, uint32_t intid)
{
	o->action = (uint8_t)act;
	o->depth = d->pe[pe].depth;
	o->event = d->plat.events[i].number;
	o->intid = intid;
}

void sdd_enter(struct sdd *d, unsigned pe, unsigned i, bool explicit_dispatch,
	       uint32_t intid, struct sdd_regs *r, struct sdd_outcome *o)
{
	struct sdd_pe_state *p = &d->pe[pe];
	struct sdd_entry *e = sdd_entry_of(d, pe, i);
	struct sdd_frame *f = &p->frame[p->depth++];
	uint64_t ep = e->ep;

	memcpy(f->x, r->x, sizeof f->x);
	f->pc = r->pc;
	f->pstate = r->pstate;
	f->event = (uint8_t)i;
	f->explicit_dispatch = explicit_dispatch;
	f->priority = sdd_desc(d, i)->priority;
	f->intid = (uint16_t)intid;

	e->state = sdd_state_next(e->state, SDD_OP_DISPATCH);
	if (!sdd_is_private(d, i))
		e->running_pe = (uint8_t)pe;

	if (e->flags & SDD_REGFLAG_RELATIVE)
		ep += r->vbar_elc;
	if (d->plat.policy.entry_regs == SDD_ENTRY_REGS_ZERO)
		memset(&r->x[4], 0, sizeof r->x - 4 * sizeof r->x[0]);
	r->x[0] = (uint64_t)(uint32_t)sdd_desc(d, i)->number;
	r->x[1] = e->arg;
	r->x[2] = f->pc;
	r->x[3] = f->pstate;
	r->pc = ep;
	r->pstate = sdd_exception_pstate(d, r, f->pstate, d->plat.policy.entry_pstate);
	outcome(o, SDD_ACT_DISPATCH, d, pe, i, intid);
}

void sdd_finish(struct sdd *d, unsigned pe, bool resume, uint64_t resume_addr,
		struct sdd_regs *r, struct sdd_outcome *o)
{
	struct sdd_pe_state *p = &d->pe[pe];
	struct sdd_frame *f = &p->frame[--p->depth];
	unsigned i = f->event;
	struct sdd_entry *e = sdd_entry_of(d, pe, i);

	e->state = sdd_state_next(e->state, resume ? SDD_OP_COMPLETE_AND_RESUME : SDD_OP_COMPLETE);
	if (e->state == 0)               /* unregister-pending finishes here */
		sdd_entry_clear(e);
	else if (!sdd_is_private(d, i))
		e->running_pe = SDD_NONE;

	memcpy(r->x, f->x, sizeof r->x);
	if (resume) {
		/* An emulated synchronous exception into ELc taken from the
		 * interrupted point (§5.2.2). */
		r->elr_elc = f->pc;
		r->spsr_elc = f->pstate;
		r->pc = resume_addr;
		r->pstate = sdd_exception_pstate(d, r, f->pstate, d->plat.policy.resume_pstate);
	} else {
		r->pc = f->pc;
		r->pstate = f->pstate;
	}

	if (f->explicit_dispatch)
		d->port->pri_deactivate(d->ctx, pe, (enum sdd_priority)f->priority);
	else
		d->port->irq_eoi(d->ctx, pe, f->intid);
	sdd_mask_on_completion(d, pe);
	outcome(o, resume ? SDD_ACT_RESUME : SDD_ACT_COMPLETE, d, pe, i, f->intid);
}

/* see sdd.h */
enum sdd_irq_result sdd_irq(struct sdd *d, unsigned pe, uint32_t intid,
			    struct sdd_regs *r, struct sdd_outcome *out)
{
	struct sdd_outcome local;
	struct sdd_outcome *o = out ? out : &local;
	enum sdd_irq_result res;
	const struct sdd_event_desc *ev;
	struct sdd_entry *e;
	unsigned i;

	sdd_outcome_none(o, SDD_ACT_NONE, intid);
	if (r == NULL || !sdd_lock_pe(d, pe))
		return SDD_IRQ_REFUSED;
	o->depth = d->pe[pe].depth;
	if (intid >= SDD_INTID_SPI_LIMIT || d->intid_event[intid] == SDD_NONE) {
		res = SDD_IRQ_NOT_MINE;
		goto out;
	}
	i = d->intid_event[intid];
	ev = sdd_desc(d, i);
	e = sdd_entry_of(d, pe, i);

	if ((e->state & SDD_STATUS_REGISTERED) && ev->type == SDD_SHARED &&
	    (e->flags & SDD_REGFLAG_RM_PE) && e->target != pe) {
		/* Acknowledged here before another PE's ROUTING_SET sent the
		 * event elsewhere: only its target may take it (§6.2), and the
		 * GIC now routes its pending state there. */
		d->port->irq_set_pending(d->ctx, pe, intid, true);
		d->port->irq_eoi(d->ctx, pe, intid);
		res = SDD_IRQ_REROUTED;
		goto out;
	}
	if (sdd_pe_masked(d, pe)) {
		/* §5.1.12.2: events aimed at this PE wait until PE_UNMASK; a
		 * shared RM_ANY event may be taken by another PE (this one has
		 * stopped taking part in 1-of-N routing). */
		bool aimed_here = ev->type == SDD_PRIVATE || (e->flags & SDD_REGFLAG_RM_PE);
		d->port->irq_set_pending(d->ctx, pe, intid, true);
		if (aimed_here) {
			d->port->irq_enable(d->ctx, pe, intid, false);
			d->pe[pe].deferred |= SDD_BIT(i);
		}
		d->port->irq_eoi(d->ctx, pe, intid);
		res = SDD_IRQ_DEFERRED;
		goto out;
	}
	if (e->state & SDD_STATUS_RUNNING) {
		/* The interrupt stays active while its handler runs, so the GIC
		 * cannot deliver it again: the controller is broken. */
		d->port->irq_eoi(d->ctx, pe, intid);
		sdd_fault(d, SDD_FAULT_RUNNING);
		res = SDD_IRQ_FAULT;
		goto out;
	}
	if (!(e->state & SDD_STATUS_REGISTERED) &&
	    d->plat.policy.unreg_trigger == SDD_UNREG_TRIGGER_DROP) {
		d->port->irq_enable(d->ctx, pe, intid, false);
		d->port->irq_eoi(d->ctx, pe, intid);
		res = SDD_IRQ_DROPPED;
		goto out;
	}
	/* Registered but disabled, or unregistered under unreg_trigger keep:
	 * pending until ENABLE (a trigger from before REGISTER is kept). */
	if (!(e->state & SDD_STATUS_ENABLED)) {
		d->port->irq_set_pending(d->ctx, pe, intid, true);
		d->port->irq_enable(d->ctx, pe, intid, false);
		d->port->irq_eoi(d->ctx, pe, intid);
		res = SDD_IRQ_HELD;
		goto out;
	}
	if (!sdd_can_nest(d, pe, ev->priority)) {
		d->port->irq_set_pending(d->ctx, pe, intid, true);
		d->port->irq_eoi(d->ctx, pe, intid);
		sdd_fault(d, SDD_FAULT_NESTING);
		res = SDD_IRQ_FAULT;
		goto out;
	}
	sdd_enter(d, pe, i, false, intid, r, o);
	res = SDD_IRQ_DISPATCHED;
out:
	sdd_unlock(d);
	return res;
}

static int explicit_refusal(const struct sdd *d, int code)
{
	return d->plat.policy.explicit_err == SDD_EXPLICIT_MINUS_ONE ? -1 : code;
}

/* see sdd.h */
int sdd_dispatch_explicit(struct sdd *d, unsigned pe, int32_t event,
			  struct sdd_regs *r, struct sdd_outcome *out)
{
	struct sdd_outcome local;
	struct sdd_outcome *o = out ? out : &local;
	int idx, res;
	unsigned i;

	sdd_outcome_none(o, SDD_ACT_NONE, SDD_NO_INTID);
	if (r == NULL || !sdd_lock_pe(d, pe))
		return -1;
	o->depth = d->pe[pe].depth;
	idx = sdd_find_event(d, event);
	if (idx < 0 || sdd_desc(d, (unsigned)idx)->kind != SDD_EVK_EXPLICIT) {
		res = explicit_refusal(d, SDD_INVALID_PARAMETERS);
		goto out;
	}
	i = (unsigned)idx;
	if (sdd_pe_masked(d, pe) ||
	    sdd_entry_of(d, pe, i)->state != (SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED) ||
	    !sdd_can_nest(d, pe, sdd_desc(d, i)->priority)) {
		res = explicit_refusal(d, SDD_DENIED);
		goto out;
	}
	d->port->pri_activate(d->ctx, pe, (enum sdd_priority)sdd_desc(d, i)->priority);
	sdd_enter(d, pe, i, true, SDD_NO_INTID, r, o);
	res = SDD_SUCCESS;
out:
	sdd_unlock(d);
	return res;
}
