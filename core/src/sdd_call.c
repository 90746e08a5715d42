/*
 * sdd_call.c - the client call front end: one table from function ID to
 * handler, and the checks every call shares (DEN0054C §5.1, SMCCC).
 */
#include "sdd_internal.h"

struct sdd_call_desc {
	const char *name;
	int64_t (*fn)(struct sdd_call_args *c);
};

/* Indexed by function number - 0x20.  The order is the specification's. */
static const struct sdd_call_desc call_table[SDD_CALL_COUNT] = {
	{ "VERSION",                   sdd_call_version },
	{ "EVENT_REGISTER",            sdd_call_register },
	{ "EVENT_ENABLE",              sdd_call_enable },
	{ "EVENT_DISABLE",             sdd_call_disable },
	{ "EVENT_CONTEXT",             sdd_call_context },
	{ "EVENT_COMPLETE",            sdd_call_complete },
	{ "EVENT_COMPLETE_AND_RESUME", sdd_call_complete_and_resume },
	{ "EVENT_UNREGISTER",          sdd_call_unregister },
	{ "EVENT_STATUS",              sdd_call_status },
	{ "EVENT_GET_INFO",            sdd_call_get_info },
	{ "EVENT_ROUTING_SET",         sdd_call_routing_set },
	{ "PE_MASK",                   sdd_call_pe_mask },
	{ "PE_UNMASK",                 sdd_call_pe_unmask },
	{ "INTERRUPT_BIND",            sdd_call_interrupt_bind },
	{ "INTERRUPT_RELEASE",         sdd_call_interrupt_release },
	{ "EVENT_SIGNAL",              sdd_call_signal },
	{ "FEATURES",                  sdd_call_features },
	{ "PRIVATE_RESET",             sdd_call_private_reset },
	{ "SHARED_RESET",              sdd_call_shared_reset },
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

/* Is the caller the client: Non-secure, AArch64, at the platform's client
 * EL?  (§3.4: only the highest implemented Non-secure EL may call; a
 * guest's call to firmware, or a Secure caller's, must see NOT_SUPPORTED.) */
static bool from_client(const struct sdd *d, const struct sdd_regs *r)
{
	if (r->secure || (r->pstate & SDD_PSTATE_NRW))
		return false;
	return ((r->pstate >> 2) & 3u) == d->plat.client_el;
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
	if (r == NULL) {
		sdd_outcome_none(c.o, SDD_ACT_NONE, SDD_NO_INTID);
		return SDD_ACT_NONE;
	}
	sdd_outcome_none(c.o, SDD_ACT_RETURN, SDD_NO_INTID);
	/* Even VERSION, which reads only the platform: whether the
	 * dispatcher has failed is known under the lock alone. */
	if (!sdd_lock_pe(d, pe)) {
		r->x[0] = (uint64_t)(int64_t)SDD_NOT_SUPPORTED;
		return SDD_ACT_RETURN;
	}
	/* SMCCC: the function ID is w0; the upper half of x0 is ignored. */
	desc = call_of((uint32_t)r->x[0]);
	x0 = desc != NULL && from_client(d, r) ? desc->fn(&c) : SDD_NOT_SUPPORTED;
	if (c.o->action == SDD_ACT_RETURN) {
		r->x[0] = (uint64_t)x0;
		c.o->depth = d->pe[pe].depth;
	}
	sdd_unlock(d);
	return (enum sdd_action)c.o->action;
}
