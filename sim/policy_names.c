/*
 * policy_names.c - the names of the dispatcher's policies (struct
 * sdd_policy, core/README.md) and of their values, as scenarios write them
 * in `platform: {policy: {...}}`: each field's name, and each value's
 * enumerator without its prefix, in lower case (SDD_PSTATE_INHERIT is
 * `inherit`).
 */
#include <stddef.h>

#include "program.h"

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
};

_Static_assert(sizeof(struct sdd_policy) == SIM_POLICY_FIELDS, "a name for every policy, each a byte");
_Static_assert(SDD_PSTATE_INHERIT == 2 && SDD_MASK_AT_ONCE == 1 && SDD_CPU_ON_KEEP_PRIVATE == 1,
	       "values in enumerator order");

/* Index for index with sim_policy_fields. */
const char *const sim_policy_names[SIM_POLICY_FIELDS] = {
	"upper_bits", "signal", "bind", "resume_error", "entry_pstate", "resume_pstate", "entry_regs",
	"signaled", "mask_result", "unbound", "priv_route", "ctx_order", "rel_vbar", "cpu_on", "mpidr",
	"explicit_err", "number_space", "mask_timing",
};
