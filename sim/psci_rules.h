/*
 * psci_rules.h - the PSCI firmware's decisions (PSCI 1.1, the functions
 * SDEI depends on: DEN0054C §6.5), apart from any machine's state.
 *
 * One rule serves both host machines: the simulator's (sim/psci.c) and
 * fuzz_core's (fuzz/fz_core_psci.c).  Each gives sim_psci_decide() its
 * view - the PE the call's x1 names and that PE's power state, the
 * caller's handler depth - and applies the effect the answer names to its
 * own state, in the order the effect's comment gives.
 *
 * Power semantics (contract/scenario-v1.md): CPU_ON starts the target in
 * its main context, masked; a PE suspended in standby keeps its context
 * and mask and continues after the CPU_SUSPEND call when woken; one
 * suspended in power-down keeps its registrations and starts again in its
 * main context, masked.  CPU_OFF, CPU_FREEZE, SYSTEM_OFF and SYSTEM_RESET
 * made from a handler complete it implicitly first.  CPU_SUSPEND from a
 * handler is refused with DENIED (an IMPLEMENTATION DEFINED choice: the
 * handler must complete first) - from any call on a PE a handler runs on,
 * a scenario step's on a PE where one is paused included (that call is
 * made from the handler's context).
 *
 * Arguments: an SMC32 function's are 32-bit (SMCCC: the callee ignores
 * the upper halves of x1..x7; so does TF-A); an SMC64 function's uint32
 * parameters too (AFFINITY_INFO's lowest_affinity_level, CPU_SUSPEND's
 * power_state: TF-A casts them); CPU_SUSPEND's power_state
 * is in the original format (PSCI_FEATURES answers 0): StateID 15:0,
 * StateType 16, PowerLevel 25:24, any other bit set is INVALID_PARAMETERS.
 * The entry point of CPU_ON and of a power-down CPU_SUSPEND must be client
 * code (sim_ep_valid, as for SDEI handlers), else INVALID_ADDRESS - after
 * the target's check, before its power state's (TF-A's order); the PE
 * still starts in its main context, wherever that is.
 */
#ifndef SIM_PSCI_RULES_H
#define SIM_PSCI_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "port_rules.h"  /* sim_ep_valid */
#include "program.h"     /* sim_psci_fn_of_fid, enum sim_psci_fn */
#include "sim.h"         /* enum sim_power */

#define SIM_PSCI_SUCCESS          0
#define SIM_PSCI_NOT_SUPPORTED   (-1)
#define SIM_PSCI_INVALID_PARAMS  (-2)
#define SIM_PSCI_DENIED          (-3)
#define SIM_PSCI_ALREADY_ON      (-4)
#define SIM_PSCI_INVALID_ADDRESS (-9)
#define SIM_PSCI_VERSION_1_1     0x00010001

/* What the machine does besides answering (the caller's x0 is the answer
 * unless the caller stops: then it is what the caller finds once woken,
 * where it wakes at all). */
enum sim_psci_effect {
	SIM_PSCI_E_ANSWER = 0,   /* nothing: the caller continues with x0 */
	SIM_PSCI_E_POWER_ON,     /* target powers on (its main context); the caller continues */
	SIM_PSCI_E_SUSPEND,      /* the caller sleeps in state `power` (STANDBY or POWERDOWN) */
	SIM_PSCI_E_POWER_OFF,    /* the caller's handlers complete implicitly, then it goes to
				  * state `power` (OFF or FROZEN) */
	SIM_PSCI_E_SYSTEM_OFF,   /* the caller's handlers complete implicitly, every PE goes off */
	SIM_PSCI_E_SYSTEM_RESET, /* the caller's handlers complete implicitly, the machine is
				  * built again */
	SIM_PSCI_E_COUNT
};

/* What the rule needs to know of the machine. */
struct sim_psci_view {
	int      target;         /* the PE x1 names (sim_psci_target), -1 none */
	uint8_t  target_power;   /* its enum sim_power (any value when target < 0) */
	uint8_t  depth;          /* handlers running (or paused) on the caller */
};

struct sim_psci_answer {
	int64_t  x0;             /* the result (32-bit results sign-extended) */
	uint8_t  effect;         /* enum sim_psci_effect */
	uint8_t  power;          /* SUSPEND, POWER_OFF: the caller's new enum sim_power */
	bool     stops;          /* the caller does not continue after the call */
};

/* Is fid in the PSCI range (SMCCC standard service, function 0..31,
 * SMC32 or SMC64)?  Only those reach sim_psci_decide. */
static inline bool sim_is_psci_fid(uint32_t fid)
{
	return (fid & 0xBFFFFFE0u) == 0x84000000u;
}

/* Argument register x of PSCI call fid as the function reads it: an
 * SMC32 function's upper half ignored. */
static inline uint64_t sim_psci_arg(uint32_t fid, uint64_t x)
{
	return (fid & 0x40000000u) ? x : (uint32_t)x;
}

/* CPU_SUSPEND's power_state bits that are reserved (must be zero) in the
 * original format: all but StateID, StateType and PowerLevel. */
#define SIM_PSCI_POWER_STATE_RESERVED 0xFCFE0000u

/* The PE whose MPIDR is mpidr (affinity fields only), -1 none. */
static inline int sim_pe_of_mpidr(const uint64_t *mpidrs, unsigned npe, uint64_t mpidr)
{
	for (unsigned p = 0; p < npe; p++)
		if (mpidrs[p] == (mpidr & 0xFF00FFFFFFull))
			return (int)p;
	return -1;
}

/* The PE a PSCI call fid names in x1 (sim_psci_view.target), -1 none. */
static inline int sim_psci_target(uint32_t fid, uint64_t x1, const uint64_t *mpidrs, unsigned npe)
{
	return sim_pe_of_mpidr(mpidrs, npe, sim_psci_arg(fid, x1));
}

/* PSCI call fid with arguments x1, x2 (x3, the context ID, is never
 * read), on a machine
 * seen as v: the answer and its effect. */
static inline struct sim_psci_answer sim_psci_decide(uint32_t fid, uint64_t x1, uint64_t x2,
						     const struct sim_psci_view *v)
{
	struct sim_psci_answer a = { SIM_PSCI_SUCCESS, SIM_PSCI_E_ANSWER, 0, false };
	int fn = sim_psci_fn_of_fid(fid);

	x1 = sim_psci_arg(fid, x1);
	x2 = sim_psci_arg(fid, x2);

	switch (fn) {
	case SIM_PSCI_VERSION:
		a.x0 = SIM_PSCI_VERSION_1_1;
		break;
	case SIM_PSCI_FEATURES:
		a.x0 = sim_psci_fn_of_fid((uint32_t)x1) >= 0 ? SIM_PSCI_SUCCESS : SIM_PSCI_NOT_SUPPORTED;
		break;
	case SIM_PSCI_CPU_ON:
		if (v->target < 0)
			a.x0 = SIM_PSCI_INVALID_PARAMS;
		else if (!sim_ep_valid(x2))
			a.x0 = SIM_PSCI_INVALID_ADDRESS;
		else if (v->target_power != SIM_PE_OFF)
			a.x0 = SIM_PSCI_ALREADY_ON;
		else
			a.effect = SIM_PSCI_E_POWER_ON;
		break;
	case SIM_PSCI_AFFINITY_INFO:
		/* lowest_affinity_level is uint32 in the SMC64 form too */
		if (v->target < 0 || (uint32_t)x2 != 0)
			a.x0 = SIM_PSCI_INVALID_PARAMS;
		else
			a.x0 = v->target_power == SIM_PE_OFF ? 1 : 0;
		break;
	case SIM_PSCI_CPU_SUSPEND:
		if ((uint32_t)x1 & SIM_PSCI_POWER_STATE_RESERVED) {   /* power_state is 32-bit */
			a.x0 = SIM_PSCI_INVALID_PARAMS;
			break;
		}
		if ((x1 >> 16) & 1 && !sim_ep_valid(x2)) {
			a.x0 = SIM_PSCI_INVALID_ADDRESS;
			break;
		}
		if (v->depth > 0) {
			a.x0 = SIM_PSCI_DENIED;
			break;
		}
		a.effect = SIM_PSCI_E_SUSPEND;
		a.power = (x1 >> 16) & 1 ? SIM_PE_POWERDOWN : SIM_PE_STANDBY;
		a.stops = true;
		break;
	case SIM_PSCI_CPU_OFF:
	case SIM_PSCI_CPU_FREEZE:
		a.effect = SIM_PSCI_E_POWER_OFF;
		a.power = fn == SIM_PSCI_CPU_OFF ? SIM_PE_OFF : SIM_PE_FROZEN;
		a.stops = true;
		break;
	case SIM_PSCI_SYSTEM_OFF:
	case SIM_PSCI_SYSTEM_RESET:
		a.effect = fn == SIM_PSCI_SYSTEM_OFF ? SIM_PSCI_E_SYSTEM_OFF : SIM_PSCI_E_SYSTEM_RESET;
		a.stops = true;
		break;
	default:
		a.x0 = SIM_PSCI_NOT_SUPPORTED;
		break;
	}
	return a;
}

/* The observation of pe's power state going from `from` to `to`. */
static inline struct sim_obs sim_psci_power_obs(unsigned pe, unsigned from, unsigned to)
{
	struct sim_obs o = { 0 };

	o.kind = SIM_OBS_POWER;
	o.pe = (uint8_t)pe;
	o.status = (int32_t)to;
	o.regs[0] = from;
	return o;
}

#endif /* SIM_PSCI_RULES_H */
