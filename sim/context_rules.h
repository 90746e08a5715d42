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
 * Not checked here: x1 and the entry PC (the registered argument and
 * entry point: the reference model checks them, rm_entry_ok), the entry
 * PSTATE and the PSTATE after COMPLETE_AND_RESUME, which depend on the
 * platform's features and policies.
 */
#ifndef SIM_CONTEXT_RULES_H
#define SIM_CONTEXT_RULES_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pe_track.h"
#include "sdd/sdd.h"

/* A handler entered for `event` from the interrupted registers `before`:
 * x0 is the event, x2 and x3 the interrupted PC and PSTATE, x4..x17 as
 * they were (zero_regs: zero, the KVM policy), ELR/SPSR of the client EL
 * untouched.  False, with the first register that is not, in why. */
static inline bool sim_entry_ok(const struct sdd_regs *before, const struct sdd_regs *after,
				int32_t event, bool zero_regs, char *why, size_t n)
{
	uint64_t want[SDD_CONTEXT_REGS];
	unsigned k;

	want[0] = (uint32_t)event;
	want[1] = after->x[1];
	want[2] = before->pc;
	want[3] = before->pstate;
	for (k = 4; k < SDD_CONTEXT_REGS; k++)
		want[k] = zero_regs ? 0 : before->x[k];
	for (k = 0; k < SDD_CONTEXT_REGS; k++)
		if (after->x[k] != want[k]) {
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
	return true;
}

/* The innermost handler of a PE completed (disp, depth: the machine's
 * record of its dispatches, depth before the completion; resume: by
 * COMPLETE_AND_RESUME to resume_addr): x0..x17 are the interrupted ones
 * again; COMPLETE returns to the interrupted PC and PSTATE with ELR/SPSR
 * of the client EL as the handler left them (call_elr, call_spsr: the
 * client's registers, which the dispatcher does not keep),
 * COMPLETE_AND_RESUME goes to resume_addr with them set to the
 * interrupted PC and PSTATE (an exception taken there).  False, with the
 * first register that is not, in why; true for a depth the machine does
 * not track. */
static inline bool sim_return_ok(const struct sim_dispatch *disp, unsigned depth,
				 const struct sdd_regs *after, bool resume, uint64_t resume_addr,
				 uint64_t call_elr, uint64_t call_spsr, char *why, size_t n)
{
	const struct sim_dispatch *d;
	const char *what = NULL;
	uint64_t got = 0, want = 0;

	if (depth < 1 || depth > 2)
		return true;
	d = &disp[depth - 1];
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++)
		if (after->x[k] != d->int_x[k]) {
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
	if (what == NULL)
		return true;
	snprintf(why, n, "completed event 0x%" PRIx32 "%s with %s = 0x%" PRIx64 ", not 0x%" PRIx64,
		 (uint32_t)d->event, resume ? " and resumed" : "", what, got, want);
	return false;
}

#endif /* SIM_CONTEXT_RULES_H */
