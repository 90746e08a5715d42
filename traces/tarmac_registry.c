/*
 * tarmac_registry.c - the entry points a Tarmac trace registered (see
 * tarmac.h): what tells a dispatch from any other ERET.
 *
 * Every live registration is kept: a table of the events with entry
 * points, each with one per PE (it was a table of 256 (PE, event) entries
 * that dropped the oldest, so 64 PEs with 5 private events each lost
 * registrations, and their dispatches were taken for plain ERETs).  Events
 * are found by a scan of at most TM_REGISTRY_EVENTS: an ERET costs that
 * and the PEs of one event at worst, whatever the trace.
 */
#include <stdlib.h>
#include <string.h>

#include "sdd/sdd_platform.h"
#include "tarmac.h"

_Static_assert(TM_REGISTRY_EVENTS >= SDD_MAX_EVENTS, "every event of a platform can be registered at once");
_Static_assert(TRACE_MAX_PES <= 64, "tm_event_eps.pes has a bit per PE");

void tm_registry_init(struct tm_registry *g)
{
	g->n = g->cap = 0;
	g->ev = NULL;
}

void tm_registry_free(struct tm_registry *g)
{
	free(g->ev);
	tm_registry_init(g);
}

static struct tm_event_eps *find(const struct tm_registry *g, int32_t event)
{
	for (unsigned k = 0; k < g->n; k++)
		if (g->ev[k].pes && g->ev[k].event == event)
			return &g->ev[k];
	return NULL;
}

bool tm_registry_add(struct tm_registry *g, unsigned pe, int32_t event, uint64_t ep, bool relative)
{
	struct tm_event_eps *e = find(g, event);

	for (unsigned k = 0; k < g->n && !e; k++)
		if (!g->ev[k].pes)
			e = &g->ev[k];                   /* a freed slot */
	if (!e && g->n == g->cap && g->cap < TM_REGISTRY_EVENTS) {
		unsigned cap = g->cap ? 2 * g->cap : 4;
		struct tm_event_eps *ev;
		if (cap > TM_REGISTRY_EVENTS)
			cap = TM_REGISTRY_EVENTS;
		ev = realloc(g->ev, cap * sizeof *ev);
		if (ev) {
			g->ev = ev;
			g->cap = cap;
		}
	}
	if (!e && g->n < g->cap) {
		e = &g->ev[g->n++];
		e->pes = 0;                          /* set up on first use */
	}
	if (!e)
		return false;
	if (!e->pes) {
		e->event = event;
		e->relative = 0;
	}
	e->pes |= 1ull << pe;
	e->relative = relative ? e->relative | 1ull << pe : e->relative & ~(1ull << pe);
	e->ep[pe] = ep;
	return true;
}

void tm_registry_remove(struct tm_registry *g, unsigned pe, int32_t event)
{
	struct tm_event_eps *e = find(g, event);

	if (e)
		e->pes &= ~(1ull << pe);
}

bool tm_registry_is_entry(const struct tm_registry *g, uint64_t pc, int32_t event,
			  const uint64_t vbar[4], uint8_t vbar_known)
{
	const struct tm_event_eps *e = find(g, event);

	for (uint64_t left = e ? e->pes : 0; left; left &= left - 1) {
		unsigned pe = (unsigned)__builtin_ctzll(left);
		if (e->ep[pe] == pc)
			return true;
		for (unsigned el = 1; el <= 2 && (e->relative & (1ull << pe)); el++)
			if ((vbar_known & (1u << el)) && vbar[el] + e->ep[pe] == pc)
				return true;
	}
	return false;
}
