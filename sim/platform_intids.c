/*
 * platform_intids.c - which INTIDs a platform can give (program.h): the
 * rule the scenario loader and the trace reader's platform record both
 * follow, so that a platform one of them takes the other takes too (a
 * trace's replay is written back as a scenario by `export yaml`).
 */
#include <stdio.h>

#include "program.h"
#include "sdd/sdd_spec.h"

/* see program.h */
bool sim_intid_exists(const struct sim_platform *p, uint64_t intid)
{
	return intid < SDD_INTID_SPI_FIRST || intid - SDD_INTID_SPI_FIRST < p->spis;
}

/* see program.h */
const char *sim_intid_ranges(const struct sim_platform *p, char *buf, size_t n)
{
	if (p->spis)
		snprintf(buf, n, "SGIs 0..15, PPIs 16..31, SPIs 32..%u", SDD_INTID_SPI_FIRST + p->spis - 1);
	else
		snprintf(buf, n, "SGIs 0..15, PPIs 16..31, no SPIs");
	return buf;
}

/* see program.h */
enum sim_secure_problem sim_secure_intid_problem(const struct sim_platform *p, const uint32_t *list, unsigned k)
{
	if (!sim_intid_exists(p, list[k]))
		return SIM_SECURE_NO_SUCH;
	/* a contradiction, refused as for the events' INTIDs and by the
	 * reference model: the list names Secure Group 1 interrupts */
	if (list[k] == p->event0_sgi)
		return SIM_SECURE_EVENT0;
	for (unsigned j = 0; j < k; j++)
		if (list[j] == list[k])
			return SIM_SECURE_TWICE;
	return SIM_SECURE_OK;
}

/* see program.h */
enum sim_intid_problem sim_event_intid_problem(const struct sim_platform *p, uint8_t type, uint64_t intid,
						const struct sim_event *prev, unsigned nprev, int32_t *other)
{
	if (type == SDD_PRIVATE && (intid < SDD_INTID_PPI_FIRST || intid >= SDD_INTID_SPI_FIRST))
		return SIM_INTID_NOT_PPI;
	if (type == SDD_SHARED && (intid < SDD_INTID_SPI_FIRST || !sim_intid_exists(p, intid)))
		return SIM_INTID_NOT_SPI;
	for (unsigned k = 0; k < p->nsecure; k++)
		if (p->secure_intids[k] == intid)
			return SIM_INTID_SECURE;
	for (unsigned k = 0; k < nprev; k++)
		if (!prev[k].explicit_event && prev[k].intid == intid) {
			*other = prev[k].number;
			return SIM_INTID_TAKEN;
		}
	return SIM_INTID_OK;
}
