/*
 * context_rules.h - what the dispatcher must do to a PE's registers when it
 * enters a handler and when the handler completes (DEN0054C §5.2.1,
 * §5.2.2; sdei-spec.md §6.3-6.5), checked by both host machines, the
 * simulator's and fuzz_core's, at every dispatch and completion.  It needs
 * no model of the events, only the registers the dispatcher was given and
 * gave back, so a dispatcher that loses or mixes up a register is found by
 * any run that dispatches, fuzzing included (the reference model judges
 * which event runs, and not these).
 *
 * PSTATE at handler entry and after COMPLETE_AND_RESUME is the one an
 * exception taken to the client EL gets (sim_taken_pstate), under the
 * platform's features and policies.
 *
 * EVENT_CONTEXT inside a handler answers the interrupted registers
 * (sim_context_answer_ok).
 *
 * Not checked here: x1 and the entry PC (the registered argument and
 * entry point: the reference model checks them, rm_entry_ok).
 */
#ifndef SIM_CONTEXT_RULES_H
#define SIM_CONTEXT_RULES_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "call_rules.h"   /* struct sim_caller */
#include "pe_track.h"
#include "program.h"
#include "sdd/sdd.h"

/* How an exception taken to the client EL sets one PSTATE field
 * (AArch64.TakeException in the Arm ARM; sdei-spec.md §6.3), when the
 * client EL has the feature (0: every client EL); fields no rule names are
 * cleared (IL, SS, BTYPE, UAO, and any bit the interrupted PSTATE had that
 * the client EL does not implement). */
enum sim_taken_rule {
	SIM_TAKEN_KEPT,            /* as it was when the exception was taken */
	SIM_TAKEN_SET,             /* 1 */
	SIM_TAKEN_SCTLR,           /* the SCTLR_ELc bit named */
	SIM_TAKEN_NOT_SCTLR        /* the inverse of the SCTLR_ELc bit named */
};

static const struct sim_taken_field {
	uint64_t field;
	uint32_t feature;
	uint8_t  rule;             /* enum sim_taken_rule */
	uint64_t sctlr;
} sim_taken_fields[] = {
	{ SDD_PSTATE_NZCV,   0,             SIM_TAKEN_KEPT,      0 },
	{ SDD_PSTATE_DIT,    0,             SIM_TAKEN_KEPT,      0 },
	{ SDD_PSTATE_PAN,    SDD_FEAT_PAN,  SIM_TAKEN_KEPT,      0 },   /* and see sim_taken_pstate */
	{ SDD_PSTATE_DAIF,   0,             SIM_TAKEN_SET,       0 },
	{ SDD_PSTATE_SSBS,   SDD_FEAT_SSBS, SIM_TAKEN_SCTLR,     SDD_SCTLR_DSSBS },
	{ SDD_PSTATE_ALLINT, SDD_FEAT_NMI,  SIM_TAKEN_NOT_SCTLR, SDD_SCTLR_SPINTMASK },
	{ SDD_PSTATE_TCO,    SDD_FEAT_MTE2, SIM_TAKEN_SET,       0 },
};

/* The PSTATE the platform p promises after an exception it emulates into
 * the client EL (pol: its entry_pstate or resume_pstate policy) from
 * PSTATE `from`, with the client EL's SCTLR and HCR_EL2 as in r: the mode
 * ELcH (AArch64, SP_ELc) and DAIF masked always; then TakeException's
 * fields (SDD_PSTATE_TAKE_EXCEPTION), every other field of `from` (KVM's
 * SDD_PSTATE_INHERIT), or nothing more (TF-A's SDD_PSTATE_TFA_PLAIN). */
static inline uint64_t sim_taken_pstate(const struct sim_platform *p, unsigned pol, uint64_t from,
					const struct sdd_regs *r)
{
	uint64_t mode = p->client_el == 2 ? SDD_PSTATE_M_EL2H : SDD_PSTATE_M_EL1H;
	uint64_t want = mode | SDD_PSTATE_DAIF;
	bool el2_host;

	if (pol == SDD_PSTATE_INHERIT)
		return want | (from & ~(SDD_PSTATE_M_MASK | SDD_PSTATE_DAIF));
	if (pol == SDD_PSTATE_TFA_PLAIN)
		return want;
	/* Unrolled, the table's constants fold into a few tests of features
	 * and SCTLR (this runs at every dispatch). */
#pragma GCC unroll 8
	for (unsigned k = 0; k < sizeof sim_taken_fields / sizeof sim_taken_fields[0]; k++) {
		const struct sim_taken_field *f = &sim_taken_fields[k];
		bool on = f->rule == SIM_TAKEN_SET ||
			  (f->rule == SIM_TAKEN_SCTLR && (r->sctlr_elc & f->sctlr)) ||
			  (f->rule == SIM_TAKEN_NOT_SCTLR && !(r->sctlr_elc & f->sctlr));
		if (f->feature && !(p->features & f->feature))
			continue;
		want |= f->rule == SIM_TAKEN_KEPT ? from & f->field : on ? f->field : 0;
	}
	/* PAN is set, not kept, when SCTLR_ELc.SPAN is 0 at EL1 and at an EL2
	 * that hosts (E2H and TGE, with VHE). */
	el2_host = p->client_el == 2 && (p->features & SDD_FEAT_VHE) && (r->hcr_el2 & SDD_HCR_E2H) &&
		   (r->hcr_el2 & SDD_HCR_TGE);
	if ((p->features & SDD_FEAT_PAN) && !(r->sctlr_elc & SDD_SCTLR_SPAN) && (p->client_el == 1 || el2_host))
		want |= SDD_PSTATE_PAN;
	return want;
}

/* The first k < n with a[k] != b[k], n when there is none.  An OR of the
 * differences first, with no branch per register (the compiler
 * vectorizes it): x0..x17 are compared at every dispatch and completion,
 * and which register differs is looked for only when one does. */
static inline unsigned sim_first_diff(const uint64_t *a, const uint64_t *b, unsigned n)
{
	uint64_t diff = 0;
	unsigned k;

#pragma GCC unroll 18   /* (n is SDD_CONTEXT_REGS or one less where it is used) */
	for (k = 0; k < n; k++)
		diff |= a[k] ^ b[k];
	if (diff == 0)
		return n;
	for (k = 0; a[k] == b[k]; k++)
		;
	return k;
}

/* The dispatcher's report of a handler it entered for the INTID it was
 * handed (sdd_irq), or 1023 for an explicit dispatch
 * (sdd_dispatch_explicit): it names that INTID.  The machine's record,
 * the trace and the reference model go by it (the model judges an
 * interrupt's dispatch when it comes, an explicit one by its own
 * observation), so a wrong one would hide a dispatch from the oracle.
 * False, with what it said, in why. */
static inline bool sim_dispatch_intid_ok(uint32_t handed, const struct sdd_outcome *oc, char *why, size_t n)
{
	if (oc->intid == handed)
		return true;
	if (handed == 1023)
		snprintf(why, n, "entered the handler of event 0x%" PRIx32 " by an explicit dispatch but reported "
			 "INTID %" PRIu32, (uint32_t)oc->event, oc->intid);
	else
		snprintf(why, n, "entered the handler of event 0x%" PRIx32 " for INTID %" PRIu32 " but reported "
			 "INTID %" PRIu32, (uint32_t)oc->event, handed, oc->intid);
	return false;
}

/* A handler entered for `event` on platform p from the interrupted
 * registers `before`: x0 is the event, x2 and x3 the interrupted PC and
 * PSTATE, x4..x17 as they were (zero under the KVM entry_regs policy),
 * ELR/SPSR of the client EL untouched, PSTATE as an exception taken to
 * the client EL (entry_pstate).  False, with the first register that is
 * not, in why. */
static inline bool sim_entry_ok(const struct sim_platform *p, const struct sdd_regs *before,
				const struct sdd_regs *after, int32_t event, char *why, size_t n)
{
	bool zero_regs = p->policy.entry_regs == SDD_ENTRY_REGS_ZERO;
	uint64_t kept = zero_regs ? 0 : ~0ull;   /* x4..x17: as interrupted, or zero */
	uint64_t want[SDD_CONTEXT_REGS], pstate;
	unsigned k;

	want[0] = (uint32_t)event;
	want[1] = after->x[1];
	want[2] = before->pc;
	want[3] = before->pstate;
	for (k = 4; k < SDD_CONTEXT_REGS; k++)
		want[k] = before->x[k] & kept;
	k = sim_first_diff(after->x, want, SDD_CONTEXT_REGS);
	if (k < SDD_CONTEXT_REGS) {
		snprintf(why, n, "entered the handler of event 0x%" PRIx32 " with x%u = 0x%" PRIx64
			 ", not 0x%" PRIx64 " (%s)", (uint32_t)event, k, after->x[k], want[k],
			 k == 0 ? "the event" : k == 2 ? "the interrupted PC" :
			 k == 3 ? "the interrupted PSTATE" : zero_regs ? "zeroed" : "as interrupted");
		return false;
	}
	if (after->elr_elc != before->elr_elc || after->spsr_elc != before->spsr_elc) {
		snprintf(why, n, "entered the handler of event 0x%" PRIx32 " with ELR/SPSR of the client EL "
			 "changed", (uint32_t)event);
		return false;
	}
	pstate = sim_taken_pstate(p, p->policy.entry_pstate, before->pstate, before);
	if (after->pstate != pstate) {
		snprintf(why, n, "entered the handler of event 0x%" PRIx32 " with PSTATE = 0x%" PRIx64
			 ", not 0x%" PRIx64 " (an exception taken to the client EL)", (uint32_t)event,
			 after->pstate, pstate);
		return false;
	}
	return true;
}

/* The innermost handler of a PE of platform p completed (disp, depth: the
 * machine's record of its dispatches, depth before the completion;
 * resume: by COMPLETE_AND_RESUME to resume_addr): x0..x17 are the
 * interrupted ones again; COMPLETE returns to the interrupted PC and
 * PSTATE with ELR/SPSR of the client EL as the handler left them
 * (call_elr, call_spsr: the client's registers, which the dispatcher does
 * not keep), COMPLETE_AND_RESUME goes to resume_addr with them set to the
 * interrupted PC and PSTATE and PSTATE as an exception taken there
 * (resume_pstate).  False, with the first register that is not, in why;
 * true for a depth the machine does not track. */
static inline bool sim_return_ok(const struct sim_platform *p, const struct sim_dispatch *disp, unsigned depth,
				 const struct sdd_regs *after, bool resume, uint64_t resume_addr,
				 uint64_t call_elr, uint64_t call_spsr, char *why, size_t n)
{
	const struct sim_dispatch *d;
	const char *what = NULL;
	uint64_t got = 0, want = 0;
	unsigned k;

	if (depth < 1 || depth > 2)
		return true;
	d = &disp[depth - 1];
	k = sim_first_diff(after->x, d->int_x, SDD_CONTEXT_REGS);
	if (k < SDD_CONTEXT_REGS) {
		snprintf(why, n, "completed event 0x%" PRIx32 " with x%u = 0x%" PRIx64 ", not the "
			 "interrupted 0x%" PRIx64, (uint32_t)d->event, k, after->x[k], d->int_x[k]);
		return false;
	}
	if (!resume && after->pc != d->int_pc)
		what = "PC", got = after->pc, want = d->int_pc;
	else if (!resume && after->pstate != d->int_pstate)
		what = "PSTATE", got = after->pstate, want = d->int_pstate;
	else if (!resume && after->elr_elc != call_elr)
		what = "ELR of the client EL", got = after->elr_elc, want = call_elr;
	else if (!resume && after->spsr_elc != call_spsr)
		what = "SPSR of the client EL", got = after->spsr_elc, want = call_spsr;
	else if (resume && after->pc != resume_addr)
		what = "PC (the resume address)", got = after->pc, want = resume_addr;
	else if (resume && after->elr_elc != d->int_pc)
		what = "ELR of the client EL (the interrupted PC)", got = after->elr_elc, want = d->int_pc;
	else if (resume && after->spsr_elc != d->int_pstate)
		what = "SPSR of the client EL (the interrupted PSTATE)", got = after->spsr_elc, want = d->int_pstate;
	else if (resume && after->pstate != sim_taken_pstate(p, p->policy.resume_pstate, d->int_pstate, after))
		what = "PSTATE (an exception taken to the client EL)", got = after->pstate,
		want = sim_taken_pstate(p, p->policy.resume_pstate, d->int_pstate, after);
	if (what == NULL)
		return true;
	snprintf(why, n, "completed event 0x%" PRIx32 "%s with %s = 0x%" PRIx64 ", not 0x%" PRIx64,
		 (uint32_t)d->event, resume ? " and resumed" : "", what, got, want);
	return false;
}

/* EVENT_CONTEXT(x1 = args[0]) answered x0 on a PE of platform p to caller
 * c, with the machine's dispatch record disp and depth: for a register
 * number the call takes (0..17, from AArch64 at the client EL, the upper 32 bits
 * zero or ignored by the upper_bits policy) inside a handler, x0 is that
 * register of the context the innermost handler interrupted (§5.1.5).
 * Other cases (errors, the answer outside a handler) are the reference
 * model's to judge: true.  False, with why. */
static inline bool sim_context_answer_ok(const struct sim_platform *p, const struct sim_dispatch *disp,
					 unsigned depth, uint32_t fid, const uint64_t args[5], struct sim_caller c,
					 uint64_t x0, char *why, size_t n)
{
	uint32_t id;

	if (fid != SDD_FID_EVENT_CONTEXT || depth < 1 || depth > 2 || c.el != p->client_el || c.aarch32 || c.secure)
		return true;
	if (!sim_param32(p, args[0], &id) || id >= SDD_CONTEXT_REGS || x0 == disp[depth - 1].int_x[id])
		return true;
	snprintf(why, n, "answered EVENT_CONTEXT(%" PRIu32 ") in the handler of event 0x%" PRIx32 " with 0x%" PRIx64
		 ", not x%" PRIu32 " of the interrupted context, 0x%" PRIx64, id, (uint32_t)disp[depth - 1].event,
		 x0, id, disp[depth - 1].int_x[id]);
	return false;
}

#endif /* SIM_CONTEXT_RULES_H */
