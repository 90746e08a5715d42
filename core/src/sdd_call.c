/*
 * sdd_call.c - the client call front end: one table from function ID to
 * handler, and the checks every call shares (DEN0054C §5.1, SMCCC).
 */
#include "sdd_internal.h"

struct sdd_call_desc {
	const char *name;
	int64_t (*fn)(struct sdd_call_args *c);
	/* Reads nothing but the platform description, which never changes
	 * after sdd_init: answered without the lock (the port's lock guards
	 * state; a caller serialising on it, or checking the state after
	 * every locked operation, has nothing to do for these). */
	bool platform_only;
};

/* Indexed by function number - 0x20.  The order is the specification's. */
static const struct sdd_call_desc call_table[SDD_CALL_COUNT] = {
	{ "VERSION",                   sdd_call_version,              true },
	{ "EVENT_REGISTER",            sdd_call_register,             false },
	{ "EVENT_ENABLE",              sdd_call_enable,               false },
	{ "EVENT_DISABLE",             sdd_call_disable,              false },
	{ "EVENT_CONTEXT",             sdd_call_context,              false },
	{ "EVENT_COMPLETE",            sdd_call_complete,             false },
	{ "EVENT_COMPLETE_AND_RESUME", sdd_call_complete_and_resume,  false },
	{ "EVENT_UNREGISTER",          sdd_call_unregister,           false },
	{ "EVENT_STATUS",              sdd_call_status,               false },
	{ "EVENT_GET_INFO",            sdd_call_get_info,             false },
	{ "EVENT_ROUTING_SET",         sdd_call_routing_set,          false },
	{ "PE_MASK",                   sdd_call_pe_mask,              false },
	{ "PE_UNMASK",                 sdd_call_pe_unmask,            false },
	{ "INTERRUPT_BIND",            sdd_call_interrupt_bind,       false },
	{ "INTERRUPT_RELEASE",         sdd_call_interrupt_release,    false },
	{ "EVENT_SIGNAL",              sdd_call_signal,               false },
	{ "FEATURES",                  sdd_call_features,             true },
	{ "PRIVATE_RESET",             sdd_call_private_reset,        false },
	{ "SHARED_RESET",              sdd_call_shared_reset,         false },
};

_Static_assert(SDD_FID_LAST - SDD_FID_FIRST + 1 == SDD_CALL_COUNT,
	       "one table entry per SDEI function ID");

/* Table entry for fid, or NULL if fid is not one of the 19 SMC64 calls. */
static const struct sdd_call_desc *call_of(uint32_t fid)
{
	if (fid < SDD_FID_FIRST || fid > SDD_FID_LAST)
		return NULL;
	return &call_table[fid - SDD_FID_FIRST];
}

const char *sdd_call_name(uint32_t fid)
{
	const struct sdd_call_desc *c = call_of(fid);
	return c ? c->name : NULL;
}

/* Is the caller the client: AArch64 at the platform's client EL?  (§3.4:
 * only the highest implemented Non-secure EL may call; a guest's call to
 * firmware must see NOT_SUPPORTED.) */
static bool from_client(const struct sdd *d, uint64_t pstate)
{
	if (pstate & SDD_PSTATE_NRW)
		return false;
	return ((pstate >> 2) & 3u) == d->plat.client_el;
}

/* see sdd.h */
enum sdd_action sdd_call(struct sdd *d, unsigned pe, struct sdd_regs *r,
			 struct sdd_outcome *out)
{
	struct sdd_outcome local;
	struct sdd_call_args c;
	const struct sdd_call_desc *desc;
	int64_t x0;

	c.d = d;
	c.pe = pe;
	c.r = r;
	c.o = out ? out : &local;
	c.o->action = SDD_ACT_RETURN;
	c.o->event = -1;
	c.o->status = 0;
	c.o->intid = SDD_NO_INTID;
	c.o->depth = 0;
	if (r == NULL)
		return SDD_ACT_NONE;
	if (!sdd_usable(d, pe)) {
		r->x[0] = (uint64_t)(int64_t)SDD_NOT_SUPPORTED;
		return SDD_ACT_RETURN;
	}
	/* SMCCC: the function ID is w0; the upper half of x0 is ignored. */
	desc = call_of((uint32_t)r->x[0]);
	if (desc == NULL || !from_client(d, r->pstate)) {
		r->x[0] = (uint64_t)(int64_t)SDD_NOT_SUPPORTED;
		c.o->depth = d->pe[pe].depth;
		return SDD_ACT_RETURN;
	}
	if (desc->platform_only) {
		r->x[0] = (uint64_t)desc->fn(&c);
		c.o->depth = d->pe[pe].depth;
		return SDD_ACT_RETURN;
	}
	d->port->lock(d->ctx);
	x0 = desc->fn(&c);
	if (c.o->action == SDD_ACT_RETURN) {
		r->x[0] = (uint64_t)x0;
		c.o->depth = d->pe[pe].depth;
	}
	d->port->unlock(d->ctx);
	return (enum sdd_action)c.o->action;
}
