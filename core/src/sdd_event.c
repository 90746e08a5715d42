/*
 * sdd_event.c - event numbers, arguments and registrations.
 *
 * Argument decoding follows one rule everywhere: a value the client passes
 * is checked completely (format, range, existence) before any state is
 * looked at, so INVALID_PARAMETERS always wins over DENIED (DEN0054C does
 * not order errors; this is TF-A's order, §12 item 10 of our notes).
 */
#include "sdd_internal.h"

int sdd_param32(const struct sdd *d, uint64_t reg, uint32_t *out)
{
	if ((reg >> 32) != 0 && d->plat.policy.upper_bits == SDD_UPPER_REJECT)
		return SDD_INVALID_PARAMETERS;
	*out = (uint32_t)reg;
	return SDD_SUCCESS;
}

int sdd_find_event(const struct sdd *d, int32_t ev)
{
	/* Binary search: plat.events is strictly ascending (checked by init). */
	unsigned lo = 0, hi = d->plat.event_count;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		int32_t n = d->plat.events[mid].number;
		if (n == ev)
			return (int)mid;
		if (n < ev)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int sdd_lookup_arg(const struct sdd *d, uint64_t reg, bool allow_unbound, unsigned *i)
{
	uint32_t v;
	int idx;

	if (sdd_param32(d, reg, &v) != SDD_SUCCESS)
		return SDD_INVALID_PARAMETERS;
	/* DEN0054C §4.4: bit 31 zero (numbers are positive), bits 29:24 reserved. */
	if ((v & (SDD_EVENT_SIGN_BIT | SDD_EVENT_RESERVED_MASK)) != 0)
		return SDD_INVALID_PARAMETERS;
	idx = sdd_find_event(d, (int32_t)v);
	if (idx < 0)
		return SDD_INVALID_PARAMETERS;
	/* After RELEASE "no further SDEI calls will be valid" on the number
	 * (§5.1.15): an unbound slot is not a valid event unless the TF-A
	 * policy makes it an unregistered one. */
	if (d->plat.events[idx].kind == SDD_EVK_DYNAMIC && !(d->bound & SDD_BIT(idx)) &&
	    !(allow_unbound && d->plat.policy.unbound == SDD_UNBOUND_TFA))
		return SDD_INVALID_PARAMETERS;
	*i = (unsigned)idx;
	return SDD_SUCCESS;
}

int sdd_pe_of_mpidr(const struct sdd *d, uint64_t affinity)
{
	if ((affinity & ~SDD_MPIDR_AFF_MASK) != 0) {
		if (d->plat.policy.mpidr == SDD_MPIDR_STRICT)
			return -1;
		affinity &= SDD_MPIDR_AFF_MASK;
	}
	for (unsigned p = 0; p < d->plat.pe_count; p++)
		if (d->plat.mpidr[p] == affinity)
			return (int)p;
	return -1;
}

uint64_t sdd_private_mask(const struct sdd *d)
{
	uint64_t m = 0;
	for (unsigned i = 0; i < d->plat.event_count; i++)
		if (sdd_is_private(d, i))
			m |= SDD_BIT(i);
	return m;
}

void sdd_irq_enable(struct sdd *d, unsigned pe, unsigned i, bool on)
{
	if (sdd_has_irq(d, i))
		d->port->irq_enable(d->ctx, pe, d->intid[i], on);
}

void sdd_drop_unregistered_trigger(struct sdd *d, unsigned pe, unsigned i, bool reset)
{
	/* Dropped as TF-A does; left pending is the other reading of
	 * §5.1.2.1.  Event 0 keeps it but at a reset: SIGNAL means "set
	 * pending until the target can take it" (§5.1.16), and a reset is the
	 * PE's warm-boot state, where none is pending. */
	if (sdd_has_irq(d, i) && (reset || sdd_desc(d, i)->kind != SDD_EVK_EVENT0) &&
	    d->plat.policy.unreg_trigger == SDD_UNREG_TRIGGER_DROP)
		d->port->irq_set_pending(d->ctx, pe, d->intid[i], false);
}

bool sdd_active_refused(const struct sdd *d, unsigned pe, unsigned i)
{
	return d->plat.policy.bound_active == SDD_BOUND_ACTIVE_DENIED && sdd_has_irq(d, i) &&
	       d->port->irq_is_active(d->ctx, pe, d->intid[i]);
}

int sdd_unregister(struct sdd *d, unsigned pe, unsigned i)
{
	struct sdd_entry *e = sdd_entry_of(d, pe, i);
	uint8_t was = e->state;
	uint8_t next = sdd_state_next(was, SDD_OP_UNREGISTER);

	if (next == SDD_STATE_DENIED)
		return SDD_DENIED;
	if (was & SDD_STATUS_ENABLED)
		sdd_irq_enable(d, pe, i, false);
	sdd_drop_unregistered_trigger(d, pe, i, false);
	if (next == 0) {
		sdd_entry_clear(e);
		return SDD_SUCCESS;
	}
	e->state = next;     /* unregister-pending: finished by COMPLETE */
	return SDD_PENDING;
}

bool sdd_releasable_everywhere(const struct sdd *d, unsigned i)
{
	if (!sdd_is_private(d, i))
		return sdd_state_next(d->shared[i].state, SDD_OP_RELEASE) != SDD_STATE_DENIED;
	for (unsigned p = 0; p < d->plat.pe_count; p++)
		if (sdd_state_next(sdd_entry_ro(d, p, i)->state, SDD_OP_RELEASE) == SDD_STATE_DENIED)
			return false;
	return true;
}

/* Give intid back to the client on pe.  A trigger latched while the event
 * was unregistered was the binding's, and ignored: it does not go back with
 * the interrupt, where it would make the next INTERRUPT_BIND DENIED. */
static void give_back(struct sdd *d, unsigned pe, uint32_t intid)
{
	d->port->irq_set_pending(d->ctx, pe, intid, false);
	d->port->irq_unclaim(d->ctx, pe, intid);
}

void sdd_release_slot(struct sdd *d, unsigned pe, unsigned i)
{
	uint32_t intid = d->intid[i];

	if (intid < SDD_INTID_SPI_FIRST) {
		for (unsigned p = 0; p < d->plat.pe_count; p++)
			give_back(d, p, intid);
	} else {
		give_back(d, pe, intid);
	}
	for (unsigned p = 0; p < d->plat.pe_count; p++)
		d->pe[p].deferred &= ~SDD_BIT(i);
	d->intid_event[intid] = SDD_NONE;
	d->intid[i] = 0;
	d->bound &= ~SDD_BIT(i);
}
