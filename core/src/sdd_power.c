/*
 * sdd_power.c - PSCI hooks (DEN0054C §6.5).
 *
 * A PE that is reset (CPU_ON, wake from a power-down state) starts masked.
 * CPU_OFF, CPU_FREEZE, SYSTEM_OFF and SYSTEM_RESET called from inside a
 * handler complete the running handlers implicitly (§6.5.4), so no
 * dispatch-stack frame, running bit or active interrupt outlives them.
 */
#include "sdd_internal.h"

static void mask_pe(struct sdd *d, unsigned pe)
{
	d->pe[pe].masked = 1;
	d->pe[pe].mask_depth = 0;
	d->port->pe_participate(d->ctx, pe, false);
}

static unsigned complete_all(struct sdd *d, unsigned pe, struct sdd_regs *r)
{
	struct sdd_outcome o;
	unsigned n = 0;

	while (d->pe[pe].depth > 0) {
		sdd_finish(d, pe, false, 0, r, &o);
		n++;
	}
	return n;
}

/* see sdd.h */
unsigned sdd_pe_complete_all(struct sdd *d, unsigned pe, struct sdd_regs *r)
{
	unsigned n;

	if (r == NULL || !sdd_lock_pe(d, pe))
		return 0;
	n = complete_all(d, pe, r);
	sdd_unlock(d);
	return n;
}

/* see sdd.h */
unsigned sdd_pe_off(struct sdd *d, unsigned pe, struct sdd_regs *r)
{
	unsigned n;

	if (r == NULL || !sdd_lock_pe(d, pe))
		return 0;
	n = complete_all(d, pe, r);
	mask_pe(d, pe);
	sdd_unlock(d);
	return n;
}

/* see sdd.h */
void sdd_pe_on(struct sdd *d, unsigned pe)
{
	struct sdd_regs scratch;
	struct sdd_pe_state *p;

	if (!sdd_lock_pe(d, pe))
		return;
	p = &d->pe[pe];
	/* A PE coming up cannot be inside a handler; if the embedder never
	 * reported the power-down, end what was running. */
	memset(&scratch, 0, sizeof scratch);
	complete_all(d, pe, &scratch);
	mask_pe(d, pe);
	/* The redistributor of a PE that was off may have lost its
	 * configuration: claim the banked interrupts again (disabled). */
	sdd_claim_banked(d, pe);
	if (d->plat.policy.cpu_on == SDD_CPU_ON_RESET_PRIVATE) {
		for (unsigned s = 0; s < d->npriv; s++)
			sdd_entry_clear(&d->priv[pe * d->npriv + s]);
		/* Shared RM_PE events held here stay held until PE_UNMASK. */
		p->deferred &= ~sdd_private_mask(d);
	} else {
		/* Kept registrations: their interrupts were just disabled by the
		 * claim; PE_UNMASK enables those still enabled. */
		for (unsigned i = 0; i < d->plat.event_count; i++)
			if (sdd_is_private(d, i) && sdd_has_irq(d, i) &&
			    (sdd_entry_of(d, pe, i)->state & SDD_STATUS_ENABLED))
				p->deferred |= SDD_BIT(i);
	}
	sdd_unlock(d);
}

/* see sdd.h */
void sdd_pe_wake(struct sdd *d, unsigned pe, bool from_powerdown)
{
	if (!sdd_lock_pe(d, pe))
		return;
	/* Registrations survive both kinds of suspend; the mask survives
	 * standby only (§6.5, TF-A FB08). */
	if (from_powerdown)
		mask_pe(d, pe);
	sdd_unlock(d);
}
