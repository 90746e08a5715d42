/*
 * sdd_call_pe.c - calls about the calling PE and its running handler:
 * VERSION, FEATURES, EVENT_CONTEXT, EVENT_COMPLETE,
 * EVENT_COMPLETE_AND_RESUME, PE_MASK, PE_UNMASK, EVENT_SIGNAL
 * (DEN0054C §5.1.1, §5.1.5-5.1.7, §5.1.12-5.1.13, §5.1.16-5.1.17).
 */
#include "sdd_internal.h"

int64_t sdd_call_version(struct sdd_call_args *c)
{
	const struct sdd_platform *p = &c->d->plat;

	return (int64_t)((1ull << SDD_VERSION_MAJOR_SHIFT) |
			 ((uint64_t)p->version_minor << SDD_VERSION_MINOR_SHIFT) |
			 p->vendor_version);
}

int64_t sdd_call_features(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	unsigned nprivate = 0, nshared = 0;
	uint32_t feature;

	if (sdd_param32(d, c->r->x[1], &feature))
		return SDD_INVALID_PARAMETERS;
	if (feature == SDD_FEATURE_RELATIVE_MODE && d->plat.version_minor >= 1)
		return d->plat.relative_mode ? 1 : 0;
	if (feature != SDD_FEATURE_BIND_SLOTS)
		return SDD_INVALID_PARAMETERS;
	/* Totals allocated in the system, not the free ones (§5.1.17). */
	for (unsigned i = 0; i < d->plat.event_count; i++) {
		if (sdd_desc(d, i)->kind != SDD_EVK_DYNAMIC)
			continue;
		if (sdd_is_private(d, i))
			nprivate++;
		else
			nshared++;
	}
	return (int64_t)(((uint64_t)nshared << 16) | nprivate);
}

int64_t sdd_call_context(struct sdd_call_args *c)
{
	const struct sdd_pe_state *p = &c->d->pe[c->pe];
	uint32_t id;

	if (c->d->plat.policy.ctx_order == SDD_CTX_RUNNING_FIRST && p->depth == 0)
		return SDD_DENIED;
	if (sdd_param32(c->d, c->r->x[1], &id) || id >= SDD_CONTEXT_REGS)
		return SDD_INVALID_PARAMETERS;
	if (p->depth == 0)
		return SDD_DENIED;
	/* The innermost handler's interrupted context (§5.1.5). */
	return (int64_t)p->frame[p->depth - 1].x[id];
}

int64_t sdd_call_complete(struct sdd_call_args *c)
{
	/* status_code: 0 HANDLED, 1 FAILED; its action is the platform's
	 * (§5.1.6.4), reported in the outcome.  No error is defined for it. */
	uint32_t status = (uint32_t)c->r->x[1];

	if (c->d->pe[c->pe].depth == 0)
		return SDD_DENIED;
	sdd_finish(c->d, c->pe, false, 0, c->r, c->o);
	c->o->status = status;
	return 0;
}

int64_t sdd_call_complete_and_resume(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	uint64_t addr = c->r->x[1];

	/* Validate before touching the dispatch stack: a refused call must
	 * leave the running handler intact (TF-A FB06). */
	if ((addr & 3u) != 0 || !d->port->ep_valid(d->ctx, c->pe, addr))
		return d->plat.policy.resume_error == SDD_RESUME_ERR_DENIED ?
		       SDD_DENIED : SDD_INVALID_PARAMETERS;
	if (d->pe[c->pe].depth == 0)
		return SDD_DENIED;
	sdd_finish(d, c->pe, true, addr, c->r, c->o);
	return 0;
}

/* The mask in force on pe becomes `masked`: 1-of-N participation follows
 * it, and unmasking gives back the interrupts held meanwhile, for events
 * still enabled: they are pending, so the GIC delivers them now
 * (§5.1.13.3). */
static void mask_in_force(struct sdd *d, unsigned pe, bool masked)
{
	struct sdd_pe_state *p = &d->pe[pe];
	uint64_t deferred = p->deferred;

	d->port->pe_participate(d->ctx, pe, !masked);
	if (masked)
		return;
	p->deferred = 0;
	for (unsigned i = 0; deferred != 0; i++, deferred >>= 1)
		if ((deferred & 1u) && (sdd_entry_of(d, pe, i)->state & SDD_STATUS_ENABLED))
			sdd_irq_enable(d, pe, i, true);
}

/* PE_MASK/PE_UNMASK record the new state at once (the next call answers
 * by it), but one made inside a handler is in force only when that
 * handler completes (§5.2.1.1: "effects on the current PE ... apply after
 * completion"; §5.2.1.2); until then the PE takes what it took before. */
static void set_mask(struct sdd *d, unsigned pe, bool masked)
{
	struct sdd_pe_state *p = &d->pe[pe];
	bool before = sdd_pe_masked(d, pe);

	p->masked = masked;
	if (p->depth == 0 || d->plat.policy.mask_timing == SDD_MASK_AT_ONCE) {
		p->mask_depth = 0;
		if (before != masked)
			mask_in_force(d, pe, masked);
		return;
	}
	p->mask_depth = before == masked ? 0 : p->depth;
}

void sdd_mask_on_completion(struct sdd *d, unsigned pe)
{
	struct sdd_pe_state *p = &d->pe[pe];

	if (p->mask_depth > p->depth) {     /* the handler that changed it is done */
		p->mask_depth = 0;
		mask_in_force(d, pe, p->masked);
	}
}

int64_t sdd_call_pe_mask(struct sdd_call_args *c)
{
	struct sdd *d = c->d;

	if (d->pe[c->pe].masked)
		return 0;
	set_mask(d, c->pe, true);
	return d->plat.policy.mask_result == SDD_MASK_RESULT_ZERO ? 0 : 1;
}

int64_t sdd_call_pe_unmask(struct sdd_call_args *c)
{
	struct sdd *d = c->d;

	if (d->pe[c->pe].masked)
		set_mask(d, c->pe, false);
	return 0;
}

int64_t sdd_call_signal(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	const struct sdd_entry *e;
	uint32_t ev;
	int target;

	if (sdd_param32(d, c->r->x[1], &ev) || ev != 0)
		return SDD_INVALID_PARAMETERS;   /* only event 0 is signalable */
	target = sdd_pe_of_mpidr(d, c->r->x[2]);
	if (target < 0)
		return SDD_INVALID_PARAMETERS;
	if (d->plat.policy.signal == SDD_SIGNAL_TFA_STRICT) {
		/* TF-A b142ede74: refuse what the target could not take now. */
		e = sdd_entry_of(d, (unsigned)target, 0);
		if (sdd_pe_masked(d, (unsigned)target) ||
		    (e->state & (SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED)) !=
		    (SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED))
			return SDD_INVALID_PARAMETERS;
	}
	/* SUCCESS means "set pending" (§5.1.16): the SGI stays pending at a
	 * target that cannot take event 0 yet. */
	d->port->sgi_raise(d->ctx, (unsigned)target, d->intid[0]);
	return SDD_SUCCESS;
}
