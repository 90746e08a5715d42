/*
 * tarmac_registry.c - the entry points a Tarmac trace registered (see
 * tarmac.h): what tells a dispatch from any other ERET.
 */
#include <string.h>

#include "tarmac.h"

void tm_registry_init(struct tm_registry *g)
{
	g->n = 0;
	g->next_evict = 0;
}

void tm_registry_add(struct tm_registry *g, unsigned pe, int32_t event, uint64_t ep, bool relative)
{
	struct tm_entry *slot = NULL;

	for (unsigned k = 0; k < g->n && !slot; k++)
		if (g->e[k].event == event && g->e[k].pe == pe)
			slot = &g->e[k];
	if (!slot && g->n < TM_REGISTRY_SIZE)
		slot = &g->e[g->n++];
	if (!slot) {                 /* full: the oldest-placed entry makes room */
		slot = &g->e[g->next_evict];
		g->next_evict = (g->next_evict + 1) % TM_REGISTRY_SIZE;
	}
	*slot = (struct tm_entry){ (uint8_t)pe, relative, event, ep };
}

bool tm_registry_is_entry(const struct tm_registry *g, uint64_t pc, int32_t event,
			  const uint64_t vbar[4], uint8_t vbar_known)
{
	for (unsigned k = 0; k < g->n; k++) {
		const struct tm_entry *e = &g->e[k];
		if (e->event != event)
			continue;
		if (e->ep == pc)
			return true;
		for (unsigned el = 1; el <= 2 && e->relative; el++)
			if ((vbar_known & (1u << el)) && vbar[el] + e->ep == pc)
				return true;
	}
	return false;
}
