/*
 * port_rules.h - the platform choices behind the dispatcher's port
 * (sdd_port.h) that every host machine makes the same way: the GIC
 * priorities of the two SDEI classes and of client interrupts, the
 * addresses a handler may be registered at, and the PMR an explicit
 * dispatch raises and puts back.
 *
 * The simulator's port (sim/machine.c) and fuzz_core's (fuzz/fz_core_gic.c)
 * reach different interrupt-controller models; these rules are what they
 * share.  static inline: the port is called on every dispatcher call.
 */
#ifndef SIM_PORT_RULES_H
#define SIM_PORT_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/rt_layout.h"
#include "sdd/sdd_port.h"

#define SIM_PRIO_CRITICAL 0x60u  /* GIC priorities of the two SDEI classes (TF-A's FVP values) */
#define SIM_PRIO_NORMAL   0x70u
#define SIM_PRIO_CLIENT   0xA0u  /* a client (Non-secure Group 1) interrupt */

/* The GIC priority of SDEI class pri. */
static inline uint8_t sim_class_priority(enum sdd_priority pri)
{
	return pri == SDD_PRI_CRITICAL ? SIM_PRIO_CRITICAL : SIM_PRIO_NORMAL;
}

/* sdd_port.ep_valid: client code lives in the runtime image and the user area. */
static inline bool sim_ep_valid(uint64_t addr)
{
	return (addr >= RT_CODE_BASE && addr < RT_CODE_BASE + RT_CODE_SIZE) ||
	       (addr >= RT_USER_BASE && addr < RT_USER_BASE + RT_USER_SIZE);
}

/* Explicit dispatch raises PMR to the class priority, as TF-A's EHF does,
 * and puts the previous value back at the end: a stack of two per PE
 * (*n of saved[2] in use).  Push the PMR an activation replaced. */
static inline void sim_pmr_push(uint8_t *n, uint8_t saved[2], uint8_t old)
{
	if (*n < 2)
		saved[(*n)++] = old;
}

/* Pop the PMR to put back at a deactivation; false when none is saved. */
static inline bool sim_pmr_pop(uint8_t *n, const uint8_t saved[2], uint8_t *pmr)
{
	if (*n == 0)
		return false;
	*pmr = saved[--*n];
	return true;
}

#endif /* SIM_PORT_RULES_H */
