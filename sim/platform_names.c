/*
 * platform_names.c - the names of a platform's settings that scenarios and
 * traces write by name: the client EL's features, the SCTLR_ELc and
 * HCR_EL2 bits the dispatcher reads, and the dispatcher's policies
 * (struct sdd_policy, core/README.md) with their values - each value its
 * enumerator without the prefix, in lower case (SDD_PSTATE_INHERIT is
 * `inherit`); and the names of the SDEI error codes and of the ways a
 * handler completes.
 */
#include <stddef.h>

#include "program.h"
#include "sim.h"
#include "sdd/sdd_spec.h"

/* SDD_FEAT_* bit by bit; the SCTLR_ELc and HCR_EL2 bits the dispatcher reads. */
const char *const sim_feature_names[SIM_FEATURES] = { "PAN", "UAO", "SSBS", "BTI", "MTE2", "NMI", "VHE" };
const uint8_t sim_feature_bits[SIM_FEATURES] = { 0, 1, 2, 3, 4, 5, 6 };
const char *const sim_sctlr_names[SIM_SCTLR_BITS] = { "SPAN", "DSSBS", "SPINTMASK" };
const uint8_t sim_sctlr_bits[SIM_SCTLR_BITS] = { 23, 44, 45 };
const char *const sim_hcr_names[SIM_HCR_BITS] = { "E2H", "TGE" };
const uint8_t sim_hcr_bits[SIM_HCR_BITS] = { 34, 27 };
_Static_assert(SDD_FEAT_ALL == 0x7F && SDD_FEAT_VHE == 1u << 6, "a name per feature");
_Static_assert(SDD_SCTLR_SPAN == 1ull << 23 && SDD_SCTLR_DSSBS == 1ull << 44 &&
	       SDD_SCTLR_SPINTMASK == 1ull << 45, "the names are the bits");
_Static_assert(SDD_HCR_TGE == 1ull << 27 && SDD_HCR_E2H == 1ull << 34, "the names are the bits");

static const char *const upper_bits[]   = { "reject", "truncate" };
static const char *const signal_[]      = { "set_pending", "tfa_strict" };
static const char *const bind[]         = { "spec", "tfa" };
static const char *const resume_error[] = { "invalid", "denied" };
static const char *const pstate[]       = { "take_exception", "tfa_plain", "inherit" };
static const char *const entry_regs[]   = { "preserve", "zero" };
static const char *const spec_inverted[] = { "spec", "inverted" };
static const char *const spec_zero[]    = { "spec", "zero" };
static const char *const unbound[]      = { "invalid", "tfa" };
static const char *const priv_route[]   = { "ignore", "validate" };
static const char *const ctx_order[]    = { "param_first", "running_first" };
static const char *const rel_vbar[]     = { "at_dispatch", "at_register" };
static const char *const cpu_on[]       = { "reset_private", "keep_private" };
static const char *const mpidr[]        = { "strict", "ignore_other_bits" };
static const char *const explicit_err[] = { "sdei_codes", "minus_one" };
static const char *const number_space[] = { "vendor_only", "any_space" };
static const char *const mask_timing[]  = { "at_completion", "at_once" };
static const char *const reset_release[] = { "none", "unused" };
static const char *const unreg_trigger[] = { "drop", "keep" };
static const char *const bound_active[] = { "ignore", "denied" };
static const char *const reset_signal[] = { "drop", "keep" };

#define FIELD(f, v) { offsetof(struct sdd_policy, f), sizeof v / sizeof v[0], v }

const struct sim_policy_field sim_policy_fields[SIM_POLICY_FIELDS] = {
	FIELD(upper_bits, upper_bits),
	FIELD(signal, signal_),
	FIELD(bind, bind),
	FIELD(resume_error, resume_error),
	FIELD(entry_pstate, pstate),
	FIELD(resume_pstate, pstate),
	FIELD(entry_regs, entry_regs),
	FIELD(signaled, spec_inverted),
	FIELD(mask_result, spec_zero),
	FIELD(unbound, unbound),
	FIELD(priv_route, priv_route),
	FIELD(ctx_order, ctx_order),
	FIELD(rel_vbar, rel_vbar),
	FIELD(cpu_on, cpu_on),
	FIELD(mpidr, mpidr),
	FIELD(explicit_err, explicit_err),
	FIELD(number_space, number_space),
	FIELD(mask_timing, mask_timing),
	FIELD(reset_release, reset_release),
	FIELD(unreg_trigger, unreg_trigger),
	FIELD(bound_active, bound_active),
	FIELD(reset_signal, reset_signal),
};

_Static_assert(sizeof(struct sdd_policy) == SIM_POLICY_FIELDS, "a name for every policy, each a byte");
_Static_assert(SDD_PSTATE_INHERIT == 2 && SDD_MASK_AT_ONCE == 1 && SDD_CPU_ON_KEEP_PRIVATE == 1,
	       "values in enumerator order");

/* Index for index with sim_policy_fields. */
const char *const sim_policy_names[SIM_POLICY_FIELDS] = {
	"upper_bits", "signal", "bind", "resume_error", "entry_pstate", "resume_pstate", "entry_regs",
	"signaled", "mask_result", "unbound", "priv_route", "ctx_order", "rel_vbar", "cpu_on", "mpidr",
	"explicit_err", "number_space", "mask_timing", "reset_release", "unreg_trigger", "bound_active",
	"reset_signal",
};

const char *sim_policy_refused(unsigned field, unsigned value)
{
	if (field < SIM_POLICY_FIELDS &&
	    sim_policy_fields[field].offset == offsetof(struct sdd_policy, entry_pstate) &&
	    value == SDD_PSTATE_TFA_PLAIN)
		return "entry_pstate cannot be tfa_plain (TF-A builds that PSTATE for COMPLETE_AND_RESUME only)";
	return NULL;
}

/* see sim.h */
const char *const sim_done_names[SIM_DONE_COUNT] = { "complete", "resume", "implicit" };

/* see program.h */
const char *sim_sdei_error_name(int64_t x0)
{
	switch (x0) {
	case SDD_NOT_SUPPORTED:      return "NOT_SUPPORTED";
	case SDD_INVALID_PARAMETERS: return "INVALID_PARAMETERS";
	case SDD_DENIED:             return "DENIED";
	case SDD_PENDING:            return "PENDING";
	case SDD_OUT_OF_RESOURCE:    return "OUT_OF_RESOURCE";
	default:                     return NULL;
	}
}
