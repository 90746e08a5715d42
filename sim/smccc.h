/*
 * smccc.h - the firmware's SMC/HVC entry: the function a call names.
 *
 * SMCCC v1.3 (DEN0028) made bit 16 of a function ID a hint, "the caller
 * has no live SVE state": a callee that keeps no SVE state ignores it.
 * TF-A's SMC entry clears it before any service sees the ID, KVM masks it
 * (ARM_SMCCC_CALL_HINTS), and Linux set it on every SMCCC call - SDEI's
 * included - on SVE machines whose firmware reports v1.3 or later, so
 * traces captured there carry it.  The simulated firmware keeps no SVE
 * state and does the same, for every service (SDEI and PSCI) and caller;
 * the services themselves (core/ included) see only IDs without it.
 */
#ifndef SIM_SMCCC_H
#define SIM_SMCCC_H

#include <stdint.h>

#define SIM_SMCCC_SVE_HINT 0x00010000u   /* function ID bit 16 */

/* The function a call with x0 names: W0 without the SVE hint. */
static inline uint32_t sim_smccc_fid(uint64_t x0)
{
	return (uint32_t)x0 & ~SIM_SMCCC_SVE_HINT;
}

/* The SMC/HVC entry: clear the hint in the caller's x0, as the services
 * read it, and return the function it names. */
static inline uint32_t sim_smccc_entry(uint64_t *x0)
{
	*x0 &= ~(uint64_t)SIM_SMCCC_SVE_HINT;
	return (uint32_t)*x0;
}

#endif
