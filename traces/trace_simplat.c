/*
 * trace_simplat.c - see trace_simplat.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "trace_simplat.h"

_Static_assert(TRACE_MAX_EVENTS == SIM_MAX_EVENTS, "a platform record holds every event a platform can have");
_Static_assert(TRACE_MAX_SECURE == sizeof ((struct sim_platform *)0)->secure_intids / sizeof(uint32_t),
	       "a platform record holds every secure INTID a platform can have");
_Static_assert(TRACE_MAX_PES == SIM_MAX_PES, "a platform record holds every MPIDR");
_Static_assert(sizeof ((struct sim_platform *)0)->secure_pes == sizeof ((struct trace_platform *)0)->secure_pes,
	       "a platform record holds the PEs of every secure INTID");

static bool same_events(const struct sim_platform *a, const struct sim_platform *b)
{
	if (a->nevents != b->nevents)
		return false;
	for (unsigned k = 0; k < a->nevents; k++) {
		const struct sim_event *x = &a->events[k], *y = &b->events[k];
		if (x->number != y->number || x->type != y->type || x->priority != y->priority ||
		    x->explicit_event != y->explicit_event || (!x->explicit_event && x->intid != y->intid))
			return false;
	}
	return true;
}

void trace_platform_record(const struct sim_platform *p, struct trace_rec *rec, struct trace_platform *store)
{
	struct sim_platform prof;
	bool known = sim_platform_profile(&prof, p->profile);

	trace_rec_init(rec, TRACE_PLATFORM);
	memset(store, 0, sizeof *store);
	snprintf(rec->profile, sizeof rec->profile, "%s", p->profile);
	rec->pes = p->pes;
	rec->el = p->client_el;
	rec->conduit = p->conduit == SIM_CONDUIT_HVC ? TRACE_HVC : TRACE_SMC;
	rec->has = TRACE_HAS_PROFILE | TRACE_HAS_PES | TRACE_HAS_EL | TRACE_HAS_CONDUIT;
	rec->plat = store;
	store->nmpidr = p->pes < TRACE_MAX_PES ? p->pes : TRACE_MAX_PES;
	memcpy(store->mpidr, p->mpidr, store->nmpidr * sizeof store->mpidr[0]);
	if (!known || memcmp(p->mpidr, prof.mpidr, store->nmpidr * sizeof store->mpidr[0]) != 0)
		rec->has |= TRACE_HAS_MPIDR;
	store->version_minor = p->version_minor;
	if (!known || p->version_minor != prof.version_minor)
		rec->has |= TRACE_HAS_VERSION;
	store->relative_mode = p->relative_mode;
	if (!known || p->relative_mode != prof.relative_mode)
		rec->has |= TRACE_HAS_RELATIVE;
	store->bind_private = p->bind_private;
	store->bind_shared = p->bind_shared;
	if (!known || p->bind_private != prof.bind_private || p->bind_shared != prof.bind_shared)
		rec->has |= TRACE_HAS_BIND;
	store->spis = p->spis;
	if (!known || p->spis != prof.spis)
		rec->has |= TRACE_HAS_SPIS;
	store->features = p->features;
	if (!known || p->features != prof.features)
		rec->has |= TRACE_HAS_FEATURES;
	store->sctlr = p->sctlr_elc;
	if (!known || p->sctlr_elc != prof.sctlr_elc)
		rec->has |= TRACE_HAS_SCTLR;
	store->hcr_el2 = p->hcr_el2;
	if (!known || p->hcr_el2 != prof.hcr_el2)
		rec->has |= TRACE_HAS_HCR;
	for (unsigned k = 0; k < TRACE_POLICY_FIELDS; k++) {
		unsigned at = sim_policy_fields[k].offset;
		store->policy[k] = ((const uint8_t *)&p->policy)[at];
		if (!known || store->policy[k] != ((const uint8_t *)&prof.policy)[at])
			store->policy_given |= 1u << k;
	}
	if (store->policy_given)
		rec->has |= TRACE_HAS_POLICY;
	store->nsecure = p->nsecure < TRACE_MAX_SECURE ? p->nsecure : TRACE_MAX_SECURE;
	memcpy(store->secure, p->secure_intids, store->nsecure * sizeof store->secure[0]);
	memcpy(store->secure_pes, p->secure_pes, store->nsecure * sizeof store->secure_pes[0]);
	if (!known || p->nsecure != prof.nsecure ||
	    memcmp(p->secure_intids, prof.secure_intids, p->nsecure * sizeof p->secure_intids[0]) != 0 ||
	    memcmp(p->secure_pes, prof.secure_pes, p->nsecure * sizeof p->secure_pes[0]) != 0)
		rec->has |= TRACE_HAS_SECURE;
	store->nevents = p->nevents < TRACE_MAX_EVENTS ? p->nevents : TRACE_MAX_EVENTS;
	for (unsigned k = 0; k < store->nevents; k++) {
		const struct sim_event *e = &p->events[k];
		store->events[k] = (struct trace_event_desc){ e->number, e->type == SDD_SHARED,
							      e->priority == SDD_PRI_CRITICAL, e->explicit_event,
							      e->explicit_event ? 0 : e->intid };
	}
	if (!known || !same_events(p, &prof))
		rec->has |= TRACE_HAS_EVENTS;
}

/* The INTIDs of the platform the record and its profile make, by the
 * scenario loader's rule (sim_event_intid_problem): a secure INTID or an
 * event's interrupt the GIC does not have, or cannot give that event, is
 * refused at the record, as `export yaml` could not write it. */
static int intids_refused(const struct sim_platform *pl, const char *trace_name, uint32_t line, char *err,
			  size_t errlen)
{
	static const char *const why[] = {
		[SIM_INTID_NOT_PPI] = "a private event needs a PPI (16..31)",
		[SIM_INTID_NOT_SPI] = "a shared event needs an SPI the platform has (spis=)",
		[SIM_INTID_SECURE]  = "the firmware owns it (secure=)",
		[SIM_INTID_TAKEN]   = "an earlier event has it",
	};
	enum sim_intid_problem problem;
	int32_t other;
	char ranges[80];

	for (unsigned k = 0; k < pl->nsecure; k++) {
		uint32_t intid = pl->secure_intids[k];
		switch (sim_secure_intid_problem(pl, pl->secure_intids, k)) {
		case SIM_SECURE_NO_SUCH:
			snprintf(err, errlen, "%s:%" PRIu32 ":1: secure INTID %" PRIu32 " does not exist on this platform "
				 "(%s)", trace_name, line, intid, sim_intid_ranges(pl, ranges, sizeof ranges));
			return -1;
		case SIM_SECURE_EVENT0:
			snprintf(err, errlen, "%s:%" PRIu32 ":1: secure INTID %" PRIu32 " is the SGI of event 0, which the "
				 "dispatcher owns", trace_name, line, intid);
			return -1;
		case SIM_SECURE_TWICE:
			snprintf(err, errlen, "%s:%" PRIu32 ":1: secure INTID %" PRIu32 " is listed twice", trace_name, line,
				 intid);
			return -1;
		default:
			break;
		}
	}
	for (unsigned k = 0; k < pl->nevents; k++) {
		const struct sim_event *e = &pl->events[k];
		if (e->explicit_event)
			continue;
		problem = sim_event_intid_problem(pl, e->type, e->intid, pl->events, k, &other);
		if (problem != SIM_INTID_OK) {
			snprintf(err, errlen, "%s:%" PRIu32 ":1: event %" PRId32 " on INTID %" PRIu32 ": %s%s", trace_name,
				 line, e->number, e->intid, why[problem], problem == SIM_INTID_TAKEN ? ", event " : "");
			if (problem == SIM_INTID_TAKEN)
				snprintf(err + strlen(err), errlen - strlen(err), "%" PRId32, other);
			return -1;
		}
	}
	return 0;
}

int trace_platform_apply(const struct trace_rec *rec, const char *trace_name, struct sim_platform *pl,
			 char *err, size_t errlen)
{
	const struct trace_platform *t = rec->plat;
	struct sdd_platform sp;
	int refused;

	if ((rec->has & TRACE_HAS_EL) && rec->el >= 1 && rec->el <= 2)
		pl->client_el = rec->el;
	if (rec->has & TRACE_HAS_CONDUIT)
		pl->conduit = rec->conduit == TRACE_HVC ? SIM_CONDUIT_HVC : SIM_CONDUIT_SMC;
	if (!t)
		return 0;
	if (rec->has & TRACE_HAS_MPIDR) {
		/* the reader made sure pes= gives as many PEs */
		pl->pes = t->nmpidr;
		memcpy(pl->mpidr, t->mpidr, t->nmpidr * sizeof pl->mpidr[0]);
	}
	if (rec->has & TRACE_HAS_VERSION) {
		pl->version_minor = t->version_minor;
		if (t->version_minor == 0)
			pl->relative_mode = 0;      /* 1.0 has none, whatever the profile said */
	}
	if (rec->has & TRACE_HAS_RELATIVE)
		pl->relative_mode = t->relative_mode;
	if (rec->has & TRACE_HAS_BIND) {
		pl->bind_private = t->bind_private;
		pl->bind_shared = t->bind_shared;
	}
	if (rec->has & TRACE_HAS_SPIS)
		pl->spis = t->spis;
	if (rec->has & TRACE_HAS_SECURE) {
		pl->nsecure = t->nsecure;
		memcpy(pl->secure_intids, t->secure, t->nsecure * sizeof pl->secure_intids[0]);
		memset(pl->secure_pes, 0, sizeof pl->secure_pes);
		memcpy(pl->secure_pes, t->secure_pes, t->nsecure * sizeof pl->secure_pes[0]);
	}
	if (rec->has & TRACE_HAS_FEATURES)
		pl->features = t->features;
	if (rec->has & TRACE_HAS_SCTLR)
		pl->sctlr_elc = t->sctlr;
	if (rec->has & TRACE_HAS_HCR)
		pl->hcr_el2 = t->hcr_el2;
	if (rec->has & TRACE_HAS_POLICY)
		for (unsigned k = 0; k < TRACE_POLICY_FIELDS; k++)
			if (t->policy_given >> k & 1)
				((uint8_t *)&pl->policy)[sim_policy_fields[k].offset] = t->policy[k];
	if (rec->has & TRACE_HAS_EVENTS) {
		pl->nevents = t->nevents;
		for (unsigned k = 0; k < t->nevents; k++) {
			const struct trace_event_desc *e = &t->events[k];
			memset(&pl->events[k], 0, sizeof pl->events[k]);
			pl->events[k].number = e->number;
			pl->events[k].type = e->shared ? SDD_SHARED : SDD_PRIVATE;
			pl->events[k].priority = e->critical ? SDD_PRI_CRITICAL : SDD_PRI_NORMAL;
			pl->events[k].explicit_event = e->explicit_event;
			pl->events[k].intid = e->intid;
			pl->events[k].loc.line = rec->line;
			pl->events[k].loc.col = 1;
		}
	}
	if (intids_refused(pl, trace_name, rec->line, err, errlen))
		return -1;
	/* as the scenario loader refuses `hcr_el2` for an EL1 client */
	if (pl->hcr_el2 && pl->client_el != 2) {
		snprintf(err, errlen, "%s:%" PRIu32 ":1: hcr_el2=0x%" PRIx64 " is the client's only when it runs at "
			 "EL2 (el=%u)", trace_name, rec->line, pl->hcr_el2, pl->client_el);
		return -1;
	}
	if (pl->relative_mode && pl->version_minor == 0) {
		snprintf(err, errlen, "%s:%" PRIu32 ":1: relative=1 needs version=1.1", trace_name, rec->line);
		return -1;
	}
	/* what the machine would find when it starts the dispatcher (bind
	 * slots and events beyond the core's tables, two PEs with one MPIDR,
	 * an event number DEN0054C does not allow, ...), said here at the
	 * record's line */
	if ((refused = sim_platform_to_sdd(pl, &sp)) != SDD_INIT_OK) {
		snprintf(err, errlen, "%s:%" PRIu32 ":1: the dispatcher refuses this platform: %s", trace_name,
			 rec->line, sdd_init_error_name(refused));
		return -1;
	}
	return 0;
}
