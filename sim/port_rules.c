/*
 * port_rules.c - what a dispatcher that broke one of the port's promises
 * did, in words (port_rules.h).
 */
#include <stdio.h>

#include "port_rules.h"

/* see port_rules.h */
const char *sim_port_call_problem(const struct sim_platform *p, const struct sim_port_lock *l, const char *op,
				  enum sim_port_arg kind, unsigned pe, uint32_t intid, char *buf, size_t n)
{
	static const char *const wanted[] = {
		[SIM_PORT_PE] = "no interrupt",
		[SIM_PORT_INTID] = "an interrupt the GIC implements",
		[SIM_PORT_SGI] = "the firmware's SGI, event 0's",
		[SIM_PORT_SPI] = "an SPI the GIC implements",
	};
	char ranges[64];

	if (!sim_port_lock_ok(l))
		snprintf(buf, n, "the dispatcher called the port's %s without holding its lock (sdd_port.h: every "
			 "operation but sdd_init's is made with it held)", op);
	else if (!sim_port_args_ok(p, SIM_PORT_PE, pe, 0) && !(kind == SIM_PORT_SPI && pe == SIM_PORT_ANY_PE))
		snprintf(buf, n, "the dispatcher called the port's %s for PE %u, which the platform does not have "
			 "(%u PEs)", op, pe, (unsigned)p->pes);
	else if (kind == SIM_PORT_SGI)
		snprintf(buf, n, "the dispatcher raised INTID %u with the port's %s, which takes only %s "
			 "(INTID %u): another SGI is the client's or nobody's", (unsigned)intid, op, wanted[kind],
			 (unsigned)p->event0_sgi);
	else
		snprintf(buf, n, "the dispatcher handed INTID %u to the port's %s, which takes %s (%s): "
			 "a number the dispatcher did not check (CVE-2023-49100)", (unsigned)intid, op,
			 wanted[kind], sim_intid_ranges(p, ranges, sizeof ranges));
	return buf;
}

/* see port_rules.h */
const char *sim_port_lock_problem(const char *fault, char *buf, size_t n)
{
	snprintf(buf, n, "the dispatcher %s (sdd_port.h: taken once on entry to an operation, released before it "
		 "returns)", fault);
	return buf;
}
