/*
 * running_rules.h - what a PE running SDEI handlers must show of the
 * priorities (reference/gicv3-ehf.md §4.3 X1, X2, X4; DEN0054C §6.2),
 * judged the same way by both host machines, the simulator's and
 * fuzz_core's, after every step and at every dispatch (a handler may be
 * dispatched and complete within one step):
 *
 *   - two handlers run nested only as a critical one over a normal one
 *     (X4);
 *   - every interrupt-backed handler's interrupt is programmed at its
 *     event's class priority, and the innermost handler runs there: the
 *     running priority for an interrupt-backed one (X1), PMR for an
 *     explicit dispatch (X2).
 *
 * The class of an event is the platform's word for it (sim_event_class:
 * event 0's, a platform event's, normal for a bind slot's, DEN0054C
 * §5.1.14) - and never what the dispatcher made
 * of it: a normal event's interrupt claimed at the critical priority is
 * acknowledged there, and running and programmed priorities then agree.
 * Each machine reads the priorities off its own GIC (struct
 * sim_running_view); the rule is here once.
 */
#ifndef SIM_RUNNING_RULES_H
#define SIM_RUNNING_RULES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pe_track.h"
#include "port_rules.h"     /* sim_class_priority */
#include "program.h"        /* sim_event_class */
#include "sdd/sdd.h"

/* What a machine's GIC shows of a PE running handlers disp[0..depth). */
struct sim_running_view {
	uint8_t rpr;               /* the running priority */
	uint8_t pmr;
	bool    pmr_raised;        /* an explicit dispatch raised PMR (one is saved) */
	bool    holding;           /* firmware holds an interrupt it acknowledged (a hold
				    * step): the running priority is that one's */
	uint8_t programmed[2];     /* disp[k]'s interrupt's priority, masked (k < depth,
				    * interrupt-backed ones) */
};

static inline const char *sim_class_name(uint8_t pri)
{
	return pri == SDD_PRI_CRITICAL ? "critical" : "normal";
}

/* Do the handlers disp[0..depth) (depth 1 or 2) PE pe runs keep the rules
 * above, as v shows them?  If not, false with why[n] saying what broke. */
static inline bool sim_running_ok(const struct sim_platform *pl, unsigned pe, const struct sim_dispatch *disp,
				  unsigned depth, const struct sim_running_view *v, char *why, size_t n)
{
	const struct sim_dispatch *in = &disp[depth - 1];
	uint8_t pri[2] = { SDD_PRI_NORMAL, SDD_PRI_NORMAL };
	uint8_t want, have;

	for (unsigned k = 0; k < depth && k < 2; k++)
		if (!sim_event_class(pl, disp[k].event, &pri[k])) {
			snprintf(why, n, "PE %u runs the handler of event 0x%x, which the platform does not have", pe,
				 (unsigned)disp[k].event);
			return false;
		}
	if (depth == 2 && !(pri[0] == SDD_PRI_NORMAL && pri[1] == SDD_PRI_CRITICAL)) {
		snprintf(why, n, "PE %u runs the handler of event 0x%x (%s) over that of event 0x%x (%s): only a "
			 "critical event preempts, and only a normal one", pe, (unsigned)disp[1].event,
			 sim_class_name(pri[1]), (unsigned)disp[0].event, sim_class_name(pri[0]));
		return false;
	}
	for (unsigned k = 0; k < depth && k < 2; k++) {
		want = sim_class_priority(pri[k]);
		if (disp[k].intid < SDD_INTID_SPI_LIMIT && v->programmed[k] != want) {
			snprintf(why, n, "PE %u runs the handler of event 0x%x, whose interrupt %u is programmed at "
				 "priority 0x%02x, not its class's 0x%02x", pe, (unsigned)disp[k].event,
				 (unsigned)disp[k].intid, v->programmed[k], want);
			return false;
		}
	}
	want = sim_class_priority(pri[depth - 1]);
	if (in->intid < SDD_INTID_SPI_LIMIT) {
		if (v->holding)
			return true;           /* (the running priority is the held one's) */
		have = v->rpr;
	} else {
		have = v->pmr_raised ? v->pmr : 0xFF;
	}
	if (have != want) {
		snprintf(why, n, "PE %u runs the handler of event 0x%x at priority 0x%02x, its class's is 0x%02x", pe,
			 (unsigned)in->event, have, want);
		return false;
	}
	return true;
}

#endif /* SIM_RUNNING_RULES_H */
