/*
 * port_rules.h - the platform choices behind the dispatcher's port
 * (sdd_port.h) that every host machine makes the same way: the GIC
 * priorities of the two SDEI classes and of client interrupts, the
 * addresses a handler may be registered at, and the PMR an explicit
 * dispatch raises and puts back.
 *
 * The simulator's port (sim/machine.c) and fuzz_core's (fuzz/fz_core_port.c)
 * reach different interrupt-controller models; these rules are what they
 * share, with the promises sdd_port.h makes a port that both hold the
 * dispatcher to: the arguments of every operation, and the lock.  static
 * inline: the port is called on every dispatcher call (the messages of a
 * broken promise are port_rules.c's).
 */
#ifndef SIM_PORT_RULES_H
#define SIM_PORT_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "program.h"
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

/* What a port operation of the dispatcher is given (sdd_port.h) besides
 * its context: which of pe and intid it takes. */
enum sim_port_arg {
	SIM_PORT_PE,            /* a PE (pe_participate, pri_*) */
	SIM_PORT_INTID,         /* a PE and an INTID of its GIC: SGI, PPI or SPI (irq_*) */
	SIM_PORT_SGI,           /* a target PE and the firmware's SGI, event 0's (sgi_raise) */
	SIM_PORT_SPI,           /* an SPI, and a target PE unless pe is SIM_PORT_ANY_PE (irq_route) */
};
#define SIM_PORT_ANY_PE (~0u)

/* sdd_port.h's promise to a host machine: pe is one of p's PEs and intid
 * an interrupt p's GIC implements, of the kind the operation takes.  A
 * dispatcher that hands on a client's number unchecked breaks it
 * (CVE-2023-49100: the GIC driver read out of bounds, or panicked).
 * Every port operation asks, so the check is inline. */
static inline bool sim_port_args_ok(const struct sim_platform *p, enum sim_port_arg kind, unsigned pe,
				    uint32_t intid)
{
	bool pe_ok = pe < p->pes || (kind == SIM_PORT_SPI && pe == SIM_PORT_ANY_PE);

	switch (kind) {
	case SIM_PORT_PE:    return pe_ok;
	case SIM_PORT_SGI:   return pe_ok && intid == p->event0_sgi;   /* the only SGI it raises */
	case SIM_PORT_SPI:   return pe_ok && intid >= 32u && intid - 32u < p->spis;
	case SIM_PORT_INTID: break;
	}
	return pe_ok && (intid < 32u || intid - 32u < p->spis);
}

/* The port lock's discipline (sdd_port.h): taken on entry to every
 * operation on an initialised dispatcher, released before it returns,
 * never taken twice; every other port operation is made with it held,
 * sdd_init's excepted.  In a machine where one PE runs at a time a lock
 * needs no waiting, but a dispatcher that breaks the discipline breaks a
 * real spinlock (TF-A FB12: a shared event's lock released twice, a
 * COMPLETE's state change made without it): the host machines keep this
 * account of it and fail the run at the first offence. */
struct sim_port_lock {
	bool held;                /* taken, not yet released */
	bool initialising;        /* sdd_init runs: its operations need no lock */
};

/* Take / release it: NULL, or what the dispatcher did wrong. */
static inline const char *sim_port_lock_take(struct sim_port_lock *l)
{
	if (l->held)
		return "took its lock while holding it";
	l->held = true;
	return NULL;
}

static inline const char *sim_port_lock_release(struct sim_port_lock *l)
{
	if (!l->held)
		return "released its lock while not holding it";
	l->held = false;
	return NULL;
}

/* Between operations (after every step): NULL, or what the dispatcher
 * did wrong - an operation returned with the lock still held, which the
 * next one to take it would wait on for ever. */
static inline const char *sim_port_lock_settled(const struct sim_port_lock *l)
{
	return l->held ? "returned from an operation with its lock held" : NULL;
}

/* May an operation other than lock and unlock be made now? */
static inline bool sim_port_lock_ok(const struct sim_port_lock *l)
{
	return l->held || l->initialising;
}

/* Both promises, for operation op ("irq_claim") with its PE and INTID
 * (kind says which it takes): the question every port operation asks
 * first. */
static inline bool sim_port_call_ok(const struct sim_platform *p, const struct sim_port_lock *l,
				    enum sim_port_arg kind, unsigned pe, uint32_t intid)
{
	return sim_port_lock_ok(l) && sim_port_args_ok(p, kind, pe, intid);
}

/* Why sim_port_call_ok said no, in words, into buf; returns buf. */
const char *sim_port_call_problem(const struct sim_platform *p, const struct sim_port_lock *l, const char *op,
				  enum sim_port_arg kind, unsigned pe, uint32_t intid, char *buf, size_t n);

/* What a sim_port_lock_take or _release fault says, into buf; returns buf. */
const char *sim_port_lock_problem(const char *fault, char *buf, size_t n);

#endif /* SIM_PORT_RULES_H */
