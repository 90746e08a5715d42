/*
 * sdd_call_event.c - calls that manage one event's registration:
 * EVENT_REGISTER, ENABLE, DISABLE, UNREGISTER, STATUS, GET_INFO,
 * ROUTING_SET (DEN0054C §5.1.2-5.1.4, §5.1.8-5.1.11).
 */
#include "sdd_internal.h"

/* Validate a routing mode / affinity pair for a shared event.  Returns 0
 * with the target PE (0 for RM_ANY), or INVALID_PARAMETERS. */
static int routing_arg(const struct sdd *d, bool rm_pe, uint64_t affinity, uint8_t *target)
{
	int p = 0;

	if (rm_pe) {
		p = sdd_pe_of_mpidr(d, affinity);
		if (p < 0)
			return SDD_INVALID_PARAMETERS;
	}
	*target = (uint8_t)p;
	return SDD_SUCCESS;
}

/* Program the GIC route of a shared event from its registration. */
static void route_shared(struct sdd *d, unsigned i)
{
	const struct sdd_entry *e = &d->shared[i];

	if (sdd_has_irq(d, i))
		d->port->irq_route(d->ctx, d->intid[i], !(e->flags & SDD_REGFLAG_RM_PE), e->target);
}

int64_t sdd_call_register(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	const struct sdd_regs *r = c->r;
	uint64_t flags = r->x[4], ep = r->x[2], where;
	bool relative = (flags & SDD_REGFLAG_RELATIVE) != 0;
	bool shared, rm_pe = (flags & SDD_REGFLAG_RM_PE) != 0;
	struct sdd_entry *e;
	uint8_t target = 0;
	unsigned i;
	int err;

	err = sdd_lookup_arg(d, r->x[1], true, &i);
	if (err)
		return err;
	shared = !sdd_is_private(d, i);
	if (flags & ~(uint64_t)(SDD_REGFLAG_RM_PE | SDD_REGFLAG_RELATIVE))
		return SDD_INVALID_PARAMETERS;                  /* reserved flag bits */
	if (relative && !d->plat.relative_mode)
		return SDD_INVALID_PARAMETERS;                  /* v1.1 feature not offered */
	where = relative ? r->vbar_elc + ep : ep;
	if ((where & 3u) != 0 || !d->port->ep_valid(d->ctx, c->pe, where))
		return SDD_INVALID_PARAMETERS;
	if (shared || d->plat.policy.priv_route == SDD_PRIV_ROUTE_VALIDATE) {
		err = routing_arg(d, rm_pe, r->x[5], &target);
		if (err)
			return err;
	}
	/* TF-A: registering a free bind slot number is DENIED, not INVALID. */
	if (sdd_desc(d, i)->kind == SDD_EVK_DYNAMIC && !(d->bound & SDD_BIT(i)))
		return SDD_DENIED;

	e = sdd_entry_of(d, c->pe, i);
	if (sdd_state_next(e->state, SDD_OP_REGISTER) == SDD_STATE_DENIED || sdd_active_refused(d, c->pe, i))
		return SDD_DENIED;
	if (relative && d->plat.policy.rel_vbar == SDD_REL_VBAR_AT_REGISTER) {
		ep = where;
		relative = false;
	}
	e->ep = ep;
	e->arg = r->x[3];
	e->flags = (uint8_t)((relative ? SDD_REGFLAG_RELATIVE : 0) |
			     (shared && rm_pe ? SDD_REGFLAG_RM_PE : 0));
	e->target = shared ? target : 0;
	e->running_pe = SDD_NONE;
	e->state = sdd_state_next(e->state, SDD_OP_REGISTER);
	sdd_drop_unregistered_trigger(d, c->pe, i, false);
	if (shared)
		route_shared(d, i);
	return SDD_SUCCESS;
}

/* ENABLE and DISABLE: one transition, and the interrupt follows the
 * enabled bit on its edges (TF-A touches the GIC only on a change). */
static int64_t set_enabled(struct sdd_call_args *c, enum sdd_op op)
{
	struct sdd *d = c->d;
	struct sdd_entry *e;
	uint8_t next;
	unsigned i;
	int err;

	err = sdd_lookup_arg(d, c->r->x[1], true, &i);
	if (err)
		return err;
	e = sdd_entry_of(d, c->pe, i);
	next = sdd_state_next(e->state, op);
	if (next == SDD_STATE_DENIED)
		return SDD_DENIED;
	if ((next ^ e->state) & SDD_STATUS_ENABLED)
		sdd_irq_enable(d, c->pe, i, (next & SDD_STATUS_ENABLED) != 0);
	e->state = next;
	return SDD_SUCCESS;
}

int64_t sdd_call_enable(struct sdd_call_args *c)
{
	return set_enabled(c, SDD_OP_ENABLE);
}

int64_t sdd_call_disable(struct sdd_call_args *c)
{
	return set_enabled(c, SDD_OP_DISABLE);
}

int64_t sdd_call_unregister(struct sdd_call_args *c)
{
	unsigned i;
	int err = sdd_lookup_arg(c->d, c->r->x[1], true, &i);

	if (err)
		return err;
	return sdd_unregister(c->d, c->pe, i);
}

int64_t sdd_call_status(struct sdd_call_args *c)
{
	unsigned i;
	int err = sdd_lookup_arg(c->d, c->r->x[1], true, &i);

	if (err)
		return err;
	return sdd_entry_of(c->d, c->pe, i)->state;
}

int64_t sdd_call_get_info(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	const struct sdd_event_desc *ev;
	const struct sdd_entry *e;
	uint32_t info;
	unsigned i;
	int err;

	err = sdd_lookup_arg(d, c->r->x[1], true, &i);
	if (err)
		return err;
	if (sdd_param32(d, c->r->x[2], &info))
		return SDD_INVALID_PARAMETERS;
	ev = sdd_desc(d, i);
	switch (info) {
	case SDD_INFO_EV_TYPE:
		return ev->type == SDD_SHARED;
	case SDD_INFO_EV_SIGNALED: {
		/* 0 = CAN be signalled (§5.1.10.2); only event 0 can. */
		bool cannot = ev->kind != SDD_EVK_EVENT0;
		return d->plat.policy.signaled == SDD_SIGNALED_INVERTED ? !cannot : cannot;
	}
	case SDD_INFO_EV_PRIORITY:
		return ev->priority == SDD_PRI_CRITICAL;
	case SDD_INFO_EV_ROUTING_MODE:
	case SDD_INFO_EV_ROUTING_AFF:
		if (ev->type == SDD_PRIVATE)
			return SDD_INVALID_PARAMETERS;
		e = &d->shared[i];
		if (!(e->state & SDD_STATUS_REGISTERED))
			return SDD_DENIED;
		if (info == SDD_INFO_EV_ROUTING_MODE)
			return (e->flags & SDD_REGFLAG_RM_PE) ? SDD_RM_PE : SDD_RM_ANY;
		if (!(e->flags & SDD_REGFLAG_RM_PE))
			return SDD_INVALID_PARAMETERS;   /* RM_ANY has no affinity */
		return (int64_t)d->plat.mpidr[e->target];
	default:
		return SDD_INVALID_PARAMETERS;
	}
}

int64_t sdd_call_routing_set(struct sdd_call_args *c)
{
	struct sdd *d = c->d;
	uint64_t mode = c->r->x[2];
	struct sdd_entry *e;
	uint8_t target, next;
	unsigned i;
	int err;

	if (mode & ~(uint64_t)SDD_REGFLAG_RM_PE)
		return SDD_INVALID_PARAMETERS;
	err = routing_arg(d, (mode & SDD_REGFLAG_RM_PE) != 0, c->r->x[3], &target);
	if (err)
		return err;
	err = sdd_lookup_arg(d, c->r->x[1], false, &i);
	if (err)
		return err;
	if (sdd_is_private(d, i))
		return SDD_INVALID_PARAMETERS;
	e = &d->shared[i];
	next = sdd_state_next(e->state, SDD_OP_ROUTING_SET);
	if (next == SDD_STATE_DENIED)
		return SDD_DENIED;
	e->state = next;          /* registered, as it was: the table says so */
	e->flags = (uint8_t)((e->flags & ~SDD_REGFLAG_RM_PE) | (mode & SDD_REGFLAG_RM_PE));
	e->target = target;       /* with the mode: TF-A FB19 forgot the affinity */
	route_shared(d, i);
	return SDD_SUCCESS;
}
