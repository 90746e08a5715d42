/*
 * scn_write_values.c - the YAML writer's values and expectations: a value
 * as the loader reads it back (error codes and completion statuses by
 * name, handlers, $names, MPIDRs), a match (`{not: }`, `{mask: }`,
 * `{one_of: }`, event sets), a register map, and a call's `expect:`.
 */
#include <inttypes.h>

#include "scn_internal.h"
#include "scn_write_internal.h"
#include "sdd/sdd.h"

static void constant(struct scn_w *w, uint64_t u, enum scn_w_vctx c)
{
	const char *name = c == SCN_W_STATUS ? sim_sdei_error_name((int64_t)u) : NULL;

	if (name) {
		scn_w_out(w, "%s", name);
		return;
	}
	if (c == SCN_W_COMPLETION && u <= SDD_EV_FAILED)
		scn_w_out(w, "%s", u == SDD_EV_HANDLED ? "HANDLED" : "FAILED");
	else if (u < 0x100)
		scn_w_out(w, "%" PRIu64, u);
	else
		scn_w_out(w, "0x%" PRIX64, u);
}

/* see scn_write_internal.h */
const char *scn_w_handler(struct scn_w *w, uint64_t k)
{
	if (k >= w->p->nhandlers)
		return scn_w_fail(w, "a value names handler %" PRIu64 ", which does not exist", k), "?";
	return sim_str(w->p, w->p->handlers[k].name);
}

/* see scn_write_internal.h */
void scn_w_value(struct scn_w *w, struct sim_value v, enum scn_w_vctx c)
{
	switch (v.kind) {
	case SIM_V_CONST:
		constant(w, v.u, c);
		break;
	case SIM_V_VAR:
		if (v.u >= w->p->nvars) {
			scn_w_fail(w, "a value names variable %" PRIu64 ", which does not exist", v.u);
			break;
		}
		/* The format asks that a $name be saved somewhere, unless lenient. */
		if (!w->p->lenient && !w->saved[v.u])
			scn_w_fail(w, "$%s is used but nothing saves it (only a lenient program may "
				   "do that)", sim_str(w->p, w->p->vars[v.u]));
		scn_w_out(w, "$%s", sim_str(w->p, w->p->vars[v.u]));
		break;
	case SIM_V_HANDLER:
		scn_w_out(w, "%s", scn_w_handler(w, v.u));
		break;
	case SIM_V_HANDLER_OFF:
		scn_w_out(w, "{offset: %s}", scn_w_handler(w, v.u));
		break;
	case SIM_V_RESUME_PAD:
		scn_w_out(w, "resume_pad");
		break;
	case SIM_V_MPIDR:
		scn_w_out(w, "{mpidr: %" PRIu64 "}", v.u);
		break;
	case SIM_V_INT_PC:
		scn_w_out(w, "interrupted_pc");
		break;
	case SIM_V_INT_PSTATE:
		scn_w_out(w, "interrupted_pstate");
		break;
	default:
		scn_w_fail(w, "a value of unknown kind %u", v.kind);
	}
}

/* see scn_write_internal.h */
void scn_w_values(struct scn_w *w, uint32_t first, uint32_t n, enum scn_w_vctx c)
{
	scn_w_out(w, "[");
	for (uint32_t k = 0; k < n; k++) {
		scn_w_out(w, "%s", k ? ", " : "");
		scn_w_value(w, w->p->values[first + k], c);
	}
	scn_w_out(w, "]");
}

/* see scn_write_internal.h */
void scn_w_match(struct scn_w *w, const struct sim_match *m, enum scn_w_vctx c)
{
	switch (m->kind) {
	case SIM_M_EQ:
		scn_w_value(w, m->a, c);
		break;
	case SIM_M_NOT:
		scn_w_out(w, "{not: ");
		scn_w_value(w, m->a, c);
		scn_w_out(w, "}");
		break;
	case SIM_M_MASK:
		scn_w_out(w, "{mask: ");
		scn_w_value(w, m->a, SCN_W_NUMBER);
		scn_w_out(w, ", value: ");
		scn_w_value(w, m->b, SCN_W_NUMBER);
		scn_w_out(w, "}");
		break;
	case SIM_M_ONE_OF:
		if (m->count == 0)
			scn_w_fail(w, "an empty one_of cannot be written (it never matches)");
		scn_w_out(w, "{one_of: ");
		scn_w_values(w, m->list, m->count, c);
		scn_w_out(w, "}");
		break;
	case SIM_M_SET:
		scn_w_values(w, m->list, m->count, SCN_W_NUMBER);
		break;
	case SIM_M_INCLUDES:
		scn_w_out(w, "{includes: ");
		scn_w_values(w, m->list, m->count, SCN_W_NUMBER);
		scn_w_out(w, "}");
		break;
	default:
		scn_w_fail(w, "an expectation of unknown kind %u", m->kind);
	}
}

/* see scn_write_internal.h */
const char *scn_w_reg_key(unsigned reg)
{
	return reg >= SIM_R_PSTATE_EL && reg <= SIM_R_PSTATE_NZCV ?
	       scn_pstate_fields[reg - SIM_R_PSTATE_EL] : sim_reg_name(reg);
}

/* see scn_write_internal.h */
void scn_w_check_entries(struct scn_w *w, uint32_t first, uint32_t n, uint64_t allowed,
			  bool width32, enum scn_w_vctx x0ctx)
{
	const struct sim_check *cks = n ? &w->p->checks[first] : NULL;
	uint64_t seen = 0;
	bool any = false;

	for (uint32_t k = 0; k < n; k++) {
		unsigned reg = cks[k].reg;
		bool field = reg >= SIM_R_PSTATE_EL && reg <= SIM_R_PSTATE_NZCV;
		if (field && (seen & R_FIELDS))
			continue;            /* written with the first field */
		if (reg >= SIM_R_COUNT || !(allowed & R(reg)) || (seen & R(reg)) ||
		    (reg == SIM_R_PSTATE && (seen & R_FIELDS)) || (field && (seen & R(SIM_R_PSTATE)))) {
			scn_w_fail(w, "an expectation on %s cannot be written here", sim_reg_name(reg));
			return;
		}
		if (cks[k].m.width32 != (width32 && reg == SIM_R_X0)) {
			scn_w_fail(w, "a 32-bit comparison of %s cannot be written here", sim_reg_name(reg));
			return;
		}
		scn_w_out(w, "%s%s: ", any ? ", " : "", field ? "pstate" : scn_w_reg_key(reg));
		any = true;
		seen |= R(reg);
		if (!field) {
			scn_w_match(w, &cks[k].m, reg == SIM_R_X0 ? x0ctx : SCN_W_NUMBER);
			continue;
		}
		scn_w_out(w, "{");
		for (uint32_t j = k; j < n; j++) {
			unsigned fr = cks[j].reg;
			if (fr < SIM_R_PSTATE_EL || fr > SIM_R_PSTATE_NZCV)
				continue;
			if ((j > k && (seen & R(fr))) || cks[j].m.width32) {
				scn_w_fail(w, "this expectation on %s cannot be written", sim_reg_name(fr));
				return;
			}
			seen |= R(fr);
			scn_w_out(w, "%s%s: ", j > k ? ", " : "", scn_w_reg_key(fr));
			scn_w_match(w, &cks[j].m, SCN_W_NUMBER);
		}
		scn_w_out(w, "}");
	}
}

/* see scn_write_internal.h */
void scn_w_check_map(struct scn_w *w, uint32_t first, uint32_t n, uint64_t allowed)
{
	scn_w_out(w, "{");
	scn_w_check_entries(w, first, n, allowed, false, SCN_W_NUMBER);
	scn_w_out(w, "}");
}

/* checks[first .. first+n) of a call's expect: x0, or a register map. */
static void expect_value(struct scn_w *w, uint32_t first, uint32_t n, bool psci)
{
	const struct sim_check *c = &w->p->checks[first];

	if (n == 1 && c->reg == SIM_R_X0) {
		if (c->m.width32 != psci)
			scn_w_fail(w, "a 32-bit comparison of x0 cannot be written here");
		scn_w_match(w, &c->m, SCN_W_STATUS);
		return;
	}
	scn_w_out(w, "{");
	scn_w_check_entries(w, first, n, R_XN(31), psci, SCN_W_STATUS);
	scn_w_out(w, "}");
}

/* see scn_write_internal.h */
void scn_w_expect(struct scn_w *w, const struct sim_op *op)
{
	bool psci = op->kind == SIM_OP_PSCI;
	const struct sim_check *c;

	if (op->nchecks == 0)
		return;              /* (an empty pool may be NULL: no pointer into it) */
	c = &w->p->checks[op->checks];
	scn_w_out(w, ", expect: ");
	if (c->reg != SIM_R_RETURNED) {
		expect_value(w, op->checks, op->nchecks, psci);
		return;
	}
	if (op->nchecks < 2 || c->m.kind != SIM_M_EQ || c->m.a.kind != SIM_V_CONST || c->m.a.u != 1 ||
	    op->kind == SIM_OP_DISPATCH) {
		scn_w_fail(w, "this expectation that a call returns cannot be written");
		return;
	}
	scn_w_out(w, "{returns: ");
	expect_value(w, op->checks + 1, op->nchecks - 1, psci);
	scn_w_out(w, "}");
}
