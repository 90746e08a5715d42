/*
 * sdd_call_bind.c - interrupt binding and the reset calls:
 * INTERRUPT_BIND, INTERRUPT_RELEASE, PRIVATE_RESET, SHARED_RESET
 * (DEN0054C §5.1.14-5.1.15, §5.1.18-5.1.19, §6.3).
 */
#include "sdd_internal.h"

/* First free bind slot of the given type, found by the slot's own "bound"
 * bit, never by "interrupt number == 0" (TF-A FB25).  -1 if none. */
static int free_slot(const struct sdd *d, unsigned type)
{
	for (unsigned i = 0; i < d->plat.event_count; i++) {
		const struct sdd_event_desc *ev = sdd_desc(d, i);
		if (ev->kind == SDD_EVK_DYNAMIC && ev->type == type && !(d->bound & SDD_BIT(i)))
			return (int)i;
	}
	return -1;
}

/* Is intid the client's (Non-secure Group 1) on pe? */
static bool owned_on(const struct sdd *d, unsigned pe, uint32_t intid)
{
	return d->port->irq_is_client_owned(d->ctx, pe, intid);
}

/* Is intid in the GIC's Inactive state (neither active nor pending) on pe? */
static bool inactive_on(const struct sdd *d, unsigned pe, uint32_t intid)
{
	return !d->port->irq_is_active(d->ctx, pe, intid) &&
	       !d->port->irq_is_pending(d->ctx, pe, intid);
}

/* Does test hold for intid wherever the binding takes it over: an SPI has
 * one state, a PPI one per redistributor and is claimed on every PE (an
 * interrupt firmware owns on one PE, or a pending one, would be taken
 * over unseen). */
static bool everywhere(const struct sdd *d, unsigned pe, uint32_t intid,
		       bool (*test)(const struct sdd *, unsigned, uint32_t))
{
	if (intid >= SDD_INTID_SPI_FIRST)
		return test(d, pe, intid);
	for (unsigned p = 0; p < d->plat.pe_count; p++)
		if (!test(d, p, intid))
			return false;
	return true;
}

int64_t sdd_call_interrupt_bind(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	bool tfa = d->plat.policy.bind == SDD_BIND_TFA;
	uint32_t intid;
	unsigned type;
	int slot;

	if (sdd_param32(d, c->r->x[1], &intid))
		return SDD_INVALID_PARAMETERS;
	/* Only PPIs and existing SPIs: SGIs, special and extended IDs, LPIs
	 * are refused before any port operation sees the number (FB23). */
	if (intid < SDD_INTID_PPI_FIRST || intid >= SDD_INTID_SPI_FIRST + d->plat.spi_count)
		return SDD_INVALID_PARAMETERS;
	if (d->intid_event[intid] != SDD_NONE) {
		unsigned i = d->intid_event[intid];
		if (sdd_desc(d, i)->kind != SDD_EVK_DYNAMIC)
			return SDD_INVALID_PARAMETERS;   /* a platform event's interrupt */
		return (uint32_t)sdd_desc(d, i)->number;   /* same interrupt, same number */
	}
	type = intid < SDD_INTID_SPI_FIRST ? SDD_PRIVATE : SDD_SHARED;
	slot = free_slot(d, type);
	if (tfa && slot < 0)
		return SDD_OUT_OF_RESOURCE;       /* TF-A looks for a slot first */
	/* TF-A asks the calling PE's redistributor only. */
	if (tfa ? !owned_on(d, c->pe, intid) : !everywhere(d, c->pe, intid, owned_on))
		return tfa ? SDD_DENIED : SDD_INVALID_PARAMETERS;
	if (!tfa && !everywhere(d, c->pe, intid, inactive_on))
		return SDD_DENIED;                /* must be Inactive (§5.1.14.3) */
	if (slot < 0)
		return SDD_OUT_OF_RESOURCE;

	d->bound |= SDD_BIT(slot);
	d->intid[slot] = (uint16_t)intid;
	d->intid_event[intid] = (uint8_t)slot;
	if (type == SDD_PRIVATE) {
		for (unsigned p = 0; p < d->plat.pe_count; p++)
			d->port->irq_claim(d->ctx, p, intid, SDD_PRI_NORMAL);
	} else {
		d->port->irq_claim(d->ctx, c->pe, intid, SDD_PRI_NORMAL);
	}
	return (uint32_t)sdd_desc(d, (unsigned)slot)->number;
}

int64_t sdd_call_interrupt_release(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	unsigned i;
	int err;

	err = sdd_lookup_arg(d, c->r->x[1], true, &i);
	if (err)
		return err;
	if (sdd_desc(d, i)->kind != SDD_EVK_DYNAMIC || !(d->bound & SDD_BIT(i)))
		return SDD_INVALID_PARAMETERS;    /* platform events and free slots */
	if (!sdd_releasable_everywhere(d, i) || sdd_active_refused(d, c->pe, i))
		return SDD_DENIED;                /* registered or running on some PE; Active */
	sdd_release_slot(d, c->pe, i);
	return SDD_SUCCESS;
}

int64_t sdd_call_private_reset(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	bool running = false;

	for (unsigned i = 0; i < d->plat.event_count; i++) {
		if (!sdd_is_private(d, i))
			continue;
		if (sdd_entry_of(d, c->pe, i)->state != 0 && sdd_unregister(d, c->pe, i) == SDD_PENDING)
			running = true;
		/* the PE's warm-boot state (§5.1.18): event 0's signal goes too,
		 * as CPU_ON's claim of the banked interrupts drops it (reset_signal) */
		sdd_drop_unregistered_trigger(d, c->pe, i, d->plat.policy.reset_signal == SDD_RESET_SIGNAL_DROP);
	}
	/* Running handlers are left unregister-pending (§5.1.18). */
	return running ? SDD_DENIED : SDD_SUCCESS;
}

/* Does SHARED_RESET from pe keep bound event i's binding: in use on some
 * PE, or (bound_active) its interrupt Active, which TF-A's release of each
 * binding (sdei_interrupt_release) refuses as INTERRUPT_RELEASE does? */
static bool binding_kept(const struct sdd *d, unsigned pe, unsigned i)
{
	return !sdd_releasable_everywhere(d, i) || sdd_active_refused(d, pe, i);
}

int64_t sdd_call_shared_reset(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	bool running = false, in_use = false;

	for (unsigned i = 0; i < d->plat.event_count; i++) {
		if (sdd_is_private(d, i) || d->shared[i].state == 0)
			continue;
		if (sdd_unregister(d, c->pe, i) == SDD_PENDING)
			running = true;
	}
	if (running)
		return SDD_DENIED;                /* no binding released, in TF-A too */
	/* Bindings go when no bound event is still in use anywhere (§5.1.19:
	 * private events must have been reset on every PE); with one in use
	 * the call is DENIED and, by the reset_release policy, releases none
	 * (the specification lists no partial release) or the rest (TF-A). */
	for (unsigned i = 0; i < d->plat.event_count; i++)
		if ((d->bound & SDD_BIT(i)) && binding_kept(d, c->pe, i))
			in_use = true;
	if (in_use && d->plat.policy.reset_release == SDD_RESET_RELEASE_NONE)
		return SDD_DENIED;
	for (unsigned i = 0; i < d->plat.event_count; i++)
		if ((d->bound & SDD_BIT(i)) && !binding_kept(d, c->pe, i))
			sdd_release_slot(d, c->pe, i);
	return in_use ? SDD_DENIED : SDD_SUCCESS;
}
