/*
 * unran.c - the expectations in handlers that a passing run never made.
 *
 * A handler's actions run only when it is entered, and only as far as it
 * gets: an `expect` written after a CPU_OFF, in a handler no event ever
 * ran, or after a completion, checks nothing, and the scenario passes as
 * if it had.  A run with notes marks each action as it makes its call or
 * its entry checks (m->ran, exec.c); a run that passed says which written
 * expectations were never made, so that the scenario's writer is not left
 * to believe them checked.
 */
#include <inttypes.h>
#include <string.h>

#include "sdd/sdd_spec.h"
#include "sim_internal.h"

/* The function ID action op makes, when the program fixes it (0: none,
 * or one only the run knows). */
static uint32_t fixed_fid(const struct sim_op *op)
{
	switch (op->kind) {
	case SIM_OP_PSCI:
		return sim_psci_fid(op->psci_fn);
	case SIM_OP_CALL:
		return op->fid.kind == SIM_V_CONST ? (uint32_t)op->fid.u : 0;
	case SIM_OP_COMPLETE:
		return SDD_FID_EVENT_COMPLETE;
	case SIM_OP_COMPLETE_AND_RESUME:
		return SDD_FID_EVENT_COMPLETE_AND_RESUME;
	default:
		return 0;
	}
}

/* Can action op stop its handler there, and how, said after the action:
 * "which does not return to the handler" (a PSCI call that never does,
 * sim_psci_leaves_handler), "which ends the handler when it succeeds" (a
 * completion), "and no `resume` continued ..." (a yield), or NULL. */
static const char *stops_handler(const struct sim_op *op)
{
	uint32_t fid = fixed_fid(op);
	int fn = sim_psci_fn_of_fid(fid);

	if (op->kind == SIM_OP_YIELD)
		return "and no `resume` continued the handler past it";
	if (fid == SDD_FID_EVENT_COMPLETE || fid == SDD_FID_EVENT_COMPLETE_AND_RESUME)
		return "which ends the handler when it succeeds";
	if (fn >= 0 && sim_psci_leaves_handler((unsigned)fn))
		return "which does not return to the handler";
	return NULL;
}

static const char *op_words(const struct sim_op *op, char *buf, size_t n)
{
	uint32_t fid = fixed_fid(op);
	const char *name = op->kind == SIM_OP_YIELD ? "the yield" :
			   op->kind == SIM_OP_PSCI ? sim_psci_name(op->psci_fn) : sdd_call_name(fid);

	if (name == NULL)
		snprintf(buf, n, "function 0x%08" PRIx32, fid);
	else
		snprintf(buf, n, "%s", name);
	return buf;
}

/* Why action a of handler h did not run, into buf[n]: the handler was
 * never entered, or the first action after the last one that ran (of
 * those marked: calls and entry checks) that can stop it there. */
static void why_unran(const struct sim_machine *m, uint32_t h, uint32_t a, char *buf, size_t n)
{
	const struct sim_program *p = m->prog;
	const struct sim_handler *hd = &p->handlers[h];
	uint32_t from = hd->ops;
	char what[40];

	if (!m->ran[p->nactions + h]) {
		snprintf(buf, n, "handler '%s' was never entered", sim_str(p, hd->name));
		return;
	}
	for (uint32_t k = hd->ops; k < a; k++)
		if (m->ran[k])
			from = k;
	for (uint32_t k = from; k < a; k++) {
		const char *how = stops_handler(&p->actions[k]);
		if (how) {
			snprintf(buf, n, "it comes after %s at %" PRIu32 ":%" PRIu32 ", %s",
				 op_words(&p->actions[k], what, sizeof what), p->actions[k].loc.line,
				 p->actions[k].loc.col, how);
			return;
		}
	}
	snprintf(buf, n, "handler '%s' never got this far", sim_str(p, hd->name));
}

static bool before(struct sim_loc a, struct sim_loc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* see sim_internal.h */
void sim_note_unran(const struct sim_machine *m, struct sim_result *res)
{
	const struct sim_program *p = m->prog;
	uint32_t first_h = 0, first_a = 0;

	res->unran = 0;
	if (!m->ran)
		return;
	for (uint32_t h = 0; h < p->nhandlers; h++)
		for (uint32_t a = p->handlers[h].ops; a < p->handlers[h].ops + p->handlers[h].nops; a++) {
			if (p->actions[a].nchecks == 0 || m->ran[a])
				continue;
			if (res->unran++ == 0 || before(p->actions[a].loc, p->actions[first_a].loc)) {
				first_h = h;
				first_a = a;
			}
		}
	if (res->unran == 0)
		return;
	res->unran_at = p->actions[first_a].loc;
	why_unran(m, first_h, first_a, res->unran_why, sizeof res->unran_why);
}
