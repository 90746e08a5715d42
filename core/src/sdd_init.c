/*
 * sdd_init.c - validating a platform description and building a dispatcher.
 *
 * The checks TF-A makes only with ENABLE_ASSERTIONS (sorted tables, event 0
 * present and signalable, bind slots normal priority, static private events
 * on PPIs, static shared on SPIs) are made here always, at run time, each
 * with its own error code: a description may come from a device tree, a
 * scenario file or fuzz bytes.
 */
#include "sdd_internal.h"

static const char *const init_error_names[] = {
	[SDD_INIT_OK]                     = "ok",
	[SDD_INIT_NULL_ARGUMENT]          = "null argument",
	[SDD_INIT_PORT_INCOMPLETE]        = "port operation missing",
	[SDD_INIT_PE_COUNT]               = "PE count out of range",
	[SDD_INIT_MPIDR_BITS]             = "MPIDR has bits outside the affinity fields",
	[SDD_INIT_MPIDR_DUPLICATE]        = "two PEs share an MPIDR",
	[SDD_INIT_CLIENT_EL]              = "client EL must be 1 or 2",
	[SDD_INIT_VERSION]                = "version must be 1.0 or 1.1",
	[SDD_INIT_RELATIVE_NEEDS_V11]     = "relative mode needs version 1.1",
	[SDD_INIT_SPI_COUNT]              = "SPI count above 988",
	[SDD_INIT_FEATURES]               = "unknown feature bits",
	[SDD_INIT_POLICY]                 = "policy value out of range",
	[SDD_INIT_EVENT_COUNT]            = "event count out of range",
	[SDD_INIT_EVENT_NUMBER]           = "invalid event number",
	[SDD_INIT_EVENT_ORDER]            = "events not sorted or not unique",
	[SDD_INIT_EVENT_FIELD]            = "event kind, type or priority out of range",
	[SDD_INIT_EVENT0_MISSING]         = "event 0 missing",
	[SDD_INIT_EVENT0_SHAPE]           = "event 0 must be private and backed by an SGI",
	[SDD_INIT_STATIC_PRIVATE_NOT_PPI] = "static private event not on a PPI",
	[SDD_INIT_STATIC_SHARED_NOT_SPI]  = "static shared event not on an existing SPI",
	[SDD_INIT_INTID_DUPLICATE]        = "two events on one interrupt",
	[SDD_INIT_INTID_UNEXPECTED]       = "interrupt given for a bind slot or explicit event",
	[SDD_INIT_DYNAMIC_NOT_NORMAL]     = "bind slot with critical priority",
	[SDD_INIT_EXPLICIT_SHARED]        = "explicit event must be private",
	[SDD_INIT_NUMBER_SPACE]           = "bind slot outside the vendor event space",
	[SDD_INIT_TOO_MANY_PRIVATE]       = "too many private events",
};

const char *sdd_init_error_name(int err)
{
	return sdd_error_name(init_error_names, sizeof init_error_names / sizeof init_error_names[0], err);
}

static bool port_complete(const struct sdd_port *p)
{
	return p->irq_is_client_owned && p->irq_is_active && p->irq_is_pending &&
	       p->irq_claim && p->irq_unclaim && p->irq_enable && p->irq_set_pending &&
	       p->irq_route && p->irq_eoi && p->sgi_raise && p->pe_participate &&
	       p->pri_activate && p->pri_deactivate && p->ep_valid && p->lock &&
	       p->unlock && p->fault;
}

static bool policy_valid(const struct sdd_policy *p)
{
	return p->upper_bits <= SDD_UPPER_TRUNCATE && p->signal <= SDD_SIGNAL_TFA_STRICT &&
	       p->bind <= SDD_BIND_TFA && p->resume_error <= SDD_RESUME_ERR_DENIED &&
	       (p->entry_pstate == SDD_PSTATE_TAKE_EXCEPTION || p->entry_pstate == SDD_PSTATE_INHERIT) &&
	       p->resume_pstate <= SDD_PSTATE_INHERIT && p->entry_regs <= SDD_ENTRY_REGS_ZERO &&
	       p->signaled <= SDD_SIGNALED_INVERTED && p->mask_result <= SDD_MASK_RESULT_ZERO &&
	       p->unbound <= SDD_UNBOUND_TFA && p->priv_route <= SDD_PRIV_ROUTE_VALIDATE &&
	       p->ctx_order <= SDD_CTX_RUNNING_FIRST && p->rel_vbar <= SDD_REL_VBAR_AT_REGISTER &&
	       p->cpu_on <= SDD_CPU_ON_KEEP_PRIVATE && p->mpidr <= SDD_MPIDR_IGNORE_OTHER_BITS &&
	       p->explicit_err <= SDD_EXPLICIT_MINUS_ONE && p->number_space <= SDD_BOUND_ANY_SPACE &&
	       p->mask_timing <= SDD_MASK_AT_ONCE && p->reset_release <= SDD_RESET_RELEASE_UNUSED &&
	       p->unreg_trigger <= SDD_UNREG_TRIGGER_KEEP && p->bound_active <= SDD_BOUND_ACTIVE_DENIED &&
	       p->reset_signal <= SDD_RESET_SIGNAL_KEEP;
}

/* Checks that concern one event alone. */
static int validate_event(const struct sdd_platform *p, const struct sdd_event_desc *ev)
{
	uint32_t n = (uint32_t)ev->number;

	if (ev->number < 0 || (n & SDD_EVENT_RESERVED_MASK) != 0)
		return SDD_INIT_EVENT_NUMBER;
	if (ev->kind > SDD_EVK_EXPLICIT || ev->type > SDD_SHARED || ev->priority > SDD_PRI_CRITICAL)
		return SDD_INIT_EVENT_FIELD;
	if ((ev->number == 0) != (ev->kind == SDD_EVK_EVENT0))
		return SDD_INIT_EVENT0_SHAPE;
	switch (ev->kind) {
	case SDD_EVK_EVENT0:
		if (ev->type != SDD_PRIVATE || ev->intid >= SDD_INTID_PPI_FIRST)
			return SDD_INIT_EVENT0_SHAPE;
		break;
	case SDD_EVK_STATIC:
		if (ev->type == SDD_PRIVATE &&
		    (ev->intid < SDD_INTID_PPI_FIRST || ev->intid >= SDD_INTID_SPI_FIRST))
			return SDD_INIT_STATIC_PRIVATE_NOT_PPI;
		if (ev->type == SDD_SHARED &&
		    (ev->intid < SDD_INTID_SPI_FIRST || ev->intid >= SDD_INTID_SPI_FIRST + p->spi_count))
			return SDD_INIT_STATIC_SHARED_NOT_SPI;
		break;
	case SDD_EVK_DYNAMIC:
		if (ev->intid != 0)
			return SDD_INIT_INTID_UNEXPECTED;
		if (ev->priority != SDD_PRI_NORMAL)
			return SDD_INIT_DYNAMIC_NOT_NORMAL;       /* bound events are normal (§4.3.2.1) */
		if (!(n & SDD_EVENT_VENDOR_BIT) && p->policy.number_space == SDD_BOUND_VENDOR_ONLY)
			return SDD_INIT_NUMBER_SPACE;             /* §4.4: bound events are vendor events */
		break;
	default: /* SDD_EVK_EXPLICIT */
		if (ev->intid != 0)
			return SDD_INIT_INTID_UNEXPECTED;
		if (ev->type != SDD_PRIVATE)
			return SDD_INIT_EXPLICIT_SHARED;
		break;
	}
	return SDD_INIT_OK;
}

/* Errors in event order, each event's own checks first.  Two events on one
 * interrupt are found with a set of the interrupts claimed so far (one
 * pass, nothing to clear): validate_event has put the interrupt of event 0
 * and of a static event below SDD_INTID_SPI_LIMIT. */
static int validate_events(const struct sdd_platform *p)
{
	struct sdd_intid_set claimed;
	unsigned nprivate = 0;

	if (p->event_count == 0 || p->event_count > SDD_MAX_EVENTS)
		return SDD_INIT_EVENT_COUNT;
	claimed.live = 0;
	for (unsigned i = 0; i < p->event_count; i++) {
		const struct sdd_event_desc *ev = &p->events[i];
		int err = validate_event(p, ev);
		if (err)
			return err;
		if (i > 0 && ev->number <= p->events[i - 1].number)
			return SDD_INIT_EVENT_ORDER;
		if (ev->type == SDD_PRIVATE)
			nprivate++;
		if ((ev->kind == SDD_EVK_EVENT0 || ev->kind == SDD_EVK_STATIC) &&
		    sdd_intid_test_and_set(&claimed, ev->intid))
			return SDD_INIT_INTID_DUPLICATE;
	}
	if (p->events[0].number != 0)
		return SDD_INIT_EVENT0_MISSING;
	if (nprivate > SDD_MAX_PRIVATE_EVENTS)
		return SDD_INIT_TOO_MANY_PRIVATE;
	return SDD_INIT_OK;
}

int sdd_validate_platform(const struct sdd_platform *p)
{
	if (p == NULL)
		return SDD_INIT_NULL_ARGUMENT;
	if (p->pe_count == 0 || p->pe_count > SDD_MAX_PES)
		return SDD_INIT_PE_COUNT;
	for (unsigned i = 0; i < p->pe_count; i++) {
		if (p->mpidr[i] & ~SDD_MPIDR_AFF_MASK)
			return SDD_INIT_MPIDR_BITS;
		for (unsigned j = 0; j < i; j++)
			if (p->mpidr[j] == p->mpidr[i])
				return SDD_INIT_MPIDR_DUPLICATE;
	}
	if (p->client_el != 1 && p->client_el != 2)
		return SDD_INIT_CLIENT_EL;
	if (p->version_minor > 1)
		return SDD_INIT_VERSION;
	if (p->relative_mode && p->version_minor == 0)
		return SDD_INIT_RELATIVE_NEEDS_V11;
	if (p->spi_count > SDD_INTID_SPI_LIMIT - SDD_INTID_SPI_FIRST)
		return SDD_INIT_SPI_COUNT;
	if (p->features & ~SDD_FEAT_ALL)
		return SDD_INIT_FEATURES;
	if (!policy_valid(&p->policy))
		return SDD_INIT_POLICY;
	return validate_events(p);
}

void sdd_derive(struct sdd *d)
{
	unsigned n = 0;

	memset(d->intid_event, SDD_NONE, sizeof d->intid_event);
	for (unsigned i = 0; i < d->plat.event_count; i++) {
		d->priv_slot[i] = SDD_NONE;
		if (sdd_is_private(d, i) && n < SDD_MAX_PRIVATE_EVENTS) {  /* init checked the count */
			d->priv_event[n] = (uint8_t)i;
			d->priv_slot[i] = (uint8_t)n++;
		}
		if (sdd_has_irq(d, i))
			d->intid_event[d->intid[i]] = (uint8_t)i;
	}
	d->npriv = (uint8_t)n;
}

void sdd_reset_state(struct sdd *d)
{
	d->bound = 0;
	for (unsigned i = 0; i < d->plat.event_count; i++) {
		uint8_t kind = d->plat.events[i].kind;
		d->intid[i] = (kind == SDD_EVK_EVENT0 || kind == SDD_EVK_STATIC) ?
			      (uint16_t)d->plat.events[i].intid : 0;
		sdd_entry_clear(&d->shared[i]);
	}
	sdd_derive(d);
	/* Only the PE fields that mean something with an empty stack: a frame
	 * counts once depth covers it, and sdd_enter writes every field of
	 * it first (as after any COMPLETE, the frames above depth are dead).
	 * Was a memset per PE per init and per failed load. */
	for (unsigned p = 0; p < d->plat.pe_count; p++) {
		d->pe[p].depth = 0;
		d->pe[p].masked = 1;       /* every PE starts masked (§5.1.12.3) */
		d->pe[p].mask_depth = 0;
		d->pe[p].deferred = 0;
	}
	for (unsigned k = 0; k < d->plat.pe_count * d->npriv; k++)
		sdd_entry_clear(&d->priv[k]);
}

void sdd_claim_banked(struct sdd *d, unsigned pe)
{
	/* The private events, in event order (slots follow it): init runs
	 * this for every PE. */
	for (unsigned s = 0; s < d->npriv; s++) {
		unsigned i = d->priv_event[s];
		if (sdd_has_irq(d, i))
			d->port->irq_claim(d->ctx, pe, d->intid[i],
					   (enum sdd_priority)sdd_desc(d, i)->priority);
	}
}

/* see sdd.h */
int sdd_init(struct sdd *d, const struct sdd_platform *plat,
	     const struct sdd_port *port, void *ctx)
{
	int err;

	if (d == NULL)
		return SDD_INIT_NULL_ARGUMENT;
	d->failed = 1;       /* until everything below has succeeded */
	d->plat.pe_count = 0;
	if (plat == NULL || port == NULL)
		return SDD_INIT_NULL_ARGUMENT;
	if (!port_complete(port))
		return SDD_INIT_PORT_INCOMPLETE;
	err = sdd_validate_platform(plat);
	if (err)
		return err;

	d->port = port;
	d->ctx = ctx;
	memcpy(&d->plat, plat, sizeof d->plat);
	sdd_reset_state(d);
	d->failed = 0;

	for (unsigned p = 0; p < d->plat.pe_count; p++) {
		sdd_claim_banked(d, p);
		port->pe_participate(ctx, p, false);
	}
	for (unsigned i = 0; i < d->plat.event_count; i++)
		if (!sdd_is_private(d, i) && sdd_has_irq(d, i))
			port->irq_claim(ctx, 0, d->intid[i], (enum sdd_priority)sdd_desc(d, i)->priority);
	return SDD_INIT_OK;
}
