/*
 * scn_write_ops.c - the YAML writer's operations: steps and handler
 * actions as one flow map per line (blocks for expect_dispatches,
 * expect_resumes and expect_view, as FORMAT.md writes them), each written
 * the way the loader reads it back into the same element (scn.h lists
 * the few exceptions); their values and expectations are
 * scn_write_values.c's.
 */
#include <inttypes.h>

#include "call_rules.h"        /* sim_aarch32_modes */
#include "scn_internal.h"
#include "scn_write_internal.h"
#include "sdd/sdd.h"

static void pe_key(struct scn_w *w, const struct sim_op *op)
{
	if (op->pe != SIM_NONE)
		scn_w_out(w, "pe: %u, ", op->pe);
}

/* Trailing zeros left out: args: [0x40000100], not [0x40000100, 0, 0, 0, 0]. */
static void args(struct scn_w *w, const struct sim_op *op)
{
	uint32_t n = sim_args_used(w->p, op);

	if (n > SCN_MAX_ARGS)
		scn_w_fail(w, "%u arguments cannot be written (x1..x5: at most 5)", n);
	if (n) {
		scn_w_out(w, ", args: ");
		scn_w_values(w, op->args, n, SCN_W_NUMBER);
	}
}

static void save(struct scn_w *w, const struct sim_op *op)
{
	if (op->save < 0)
		return;
	if ((uint32_t)op->save >= w->p->nvars)
		scn_w_fail(w, "`save` names variable %d, which does not exist", op->save);
	else
		scn_w_out(w, ", save: %s", sim_str(w->p, w->p->vars[op->save]));
}

/* Who makes a step's call, when not the client: `from_el`, `aarch32`.  A
 * mode's EL is the call's (scn_parse_call), so it says from_el too. */
static void caller_mode(struct scn_w *w, const struct sim_op *op)
{
	const struct sim_aarch32_mode_desc *m = &sim_aarch32_modes[op->aarch32 & 0xF];
	unsigned el = op->from_el ? op->from_el : w->p->platform.client_el;

	if (op->aarch32 > SIM_A32_EL_MODE) {
		if (m->name == NULL || m->el == 0 || m->el != el || op->aarch32 != SIM_A32_MODE(op->aarch32 & 0xF))
			scn_w_fail(w, "a call from AArch32 mode 0x%x at EL%u cannot be written", op->aarch32 & 0xF, el);
		else
			scn_w_out(w, ", aarch32: %s", m->name);
		return;
	}
	if (op->from_el)
		scn_w_out(w, ", from_el: %u", op->from_el);
	if (op->aarch32)
		scn_w_out(w, ", aarch32: true");
}

/* Who makes a step's call: its EL and state (caller_mode), and Secure
 * state when it is made from there. */
static void caller(struct scn_w *w, const struct sim_op *op)
{
	caller_mode(w, op);
	if (op->secure)
		scn_w_out(w, ", secure: true");
}

static void call(struct scn_w *w, const struct sim_op *op, bool action)
{
	const char *name = op->fid.kind == SIM_V_CONST && op->fid.u <= UINT32_MAX ?
			   sdd_call_name((uint32_t)op->fid.u) : NULL;

	if (action && op->pe != SIM_NONE)
		scn_w_fail(w, "a handler's call names PE %u: it calls on the PE it runs on", op->pe);
	if (!action)
		pe_key(w, op);
	/* `call: NAME` for a known function unless the program says it was
	 * given raw; any other function ID only as `fid:` (scn.h). */
	if (name && !op->raw_fid) {
		scn_w_out(w, "call: %s", name);
	} else {
		scn_w_out(w, "fid: ");
		scn_w_value(w, op->fid, SCN_W_NUMBER);
	}
	args(w, op);
	scn_w_expect(w, op);
	save(w, op);
	if ((op->from_el || op->aarch32 || op->secure) && action)
		scn_w_fail(w, "a handler's call from another EL, from AArch32 or from Secure state cannot be written");
	else
		caller(w, op);
}

static void psci(struct scn_w *w, const struct sim_op *op, bool action)
{
	bool targeted = op->psci_fn == SIM_PSCI_CPU_ON || op->psci_fn == SIM_PSCI_AFFINITY_INFO;
	struct sim_value mpidr = { SIM_V_MPIDR, op->target };

	if (action && op->pe != SIM_NONE)
		scn_w_fail(w, "a handler's PSCI call names PE %u: it calls on the PE it runs on", op->pe);
	if (!action)
		pe_key(w, op);
	scn_w_out(w, "psci: %s", sim_psci_name(op->psci_fn));
	if (op->psci_fn >= SIM_PSCI_FN_COUNT)
		scn_w_fail(w, "PSCI function %u does not exist", op->psci_fn);
	if (targeted && op->target == SIM_NONE)
		scn_w_fail(w, "%s without a target cannot be written", sim_psci_name(op->psci_fn));
	else if (targeted)
		scn_w_out(w, ", target: %u", op->target);
	if (op->psci_fn == SIM_PSCI_CPU_SUSPEND && op->state == SIM_SUSPEND_POWERDOWN)
		scn_w_out(w, ", state: powerdown");
	/* A target of another function only puts its MPIDR in x1 - unless
	 * arguments (or CPU_SUSPEND's power state) overwrite it (scn.h). */
	if (!targeted && op->target != SIM_NONE && op->nargs == 0 &&
	    op->psci_fn != SIM_PSCI_CPU_SUSPEND) {
		scn_w_out(w, ", args: [");
		scn_w_value(w, mpidr, SCN_W_NUMBER);
		scn_w_out(w, "]");
	}
	args(w, op);
	scn_w_expect(w, op);
	save(w, op);
	if (op->from_el)
		scn_w_fail(w, "a PSCI call from another EL cannot be written");
}

/* The parts of an expect_view step, as the entries of its block map. */
static void view(struct scn_w *w, const struct sim_op *op)
{
	const char *ind = "      ";
	bool keys[SIM_R_COUNT] = { false }, contexts[2] = { false, false }, events = false;

	if (op->nlist == 0) {
		scn_w_out(w, "expect_view: {pe: %u}\n", op->pe);
		return;
	}
	scn_w_out(w, "expect_view:\n%spe: %u\n", ind, op->pe);
	for (uint32_t k = 0; k < op->nlist; k++) {
		const struct sim_expect_view *v = &w->p->views[op->list + k];
		const struct sim_check *cks = v->nchecks ? &w->p->checks[v->checks] : NULL;
		bool nested = v->part == SIM_VIEW_NESTED_CONTEXT;
		switch (v->part) {
		case SIM_VIEW_PE:
			for (uint32_t j = 0; j < v->nchecks; j++) {
				unsigned reg = cks[j].reg;
				if (reg < SIM_R_VIEW_MASKED || reg > SIM_R_VIEW_BOUND || keys[reg] ||
				    sim_match_is_set(&cks[j].m) != (reg >= SIM_R_VIEW_REGISTERED)) {
					scn_w_fail(w, "an expect_view check of %s cannot be written",
						   sim_reg_name(reg));
					return;
				}
				keys[reg] = true;
				scn_w_out(w, "%s%s: ", ind, sim_reg_name(reg));
				scn_w_match(w, &cks[j].m, SCN_W_NUMBER);
				scn_w_out(w, "\n");
			}
			break;
		case SIM_VIEW_CONTEXT:
		case SIM_VIEW_NESTED_CONTEXT:
			if (contexts[nested])
				scn_w_fail(w, "two parts of one expect_view read the same context");
			contexts[nested] = true;
			scn_w_out(w, "%s%s: ", ind, nested ? "nested_context" : "context");
			scn_w_check_map(w, v->checks, v->nchecks,
				  R(SIM_R_PC) | R_PSTATE_ALL | R_XN(SDD_CONTEXT_REGS));
			scn_w_out(w, "\n");
			break;
		default:
			/* Event parts one after the other make one `events` map. */
			if (k == 0 || w->p->views[op->list + k - 1].part != SIM_VIEW_EVENT) {
				if (events)
					scn_w_fail(w, "expect_view events apart from each other cannot be "
						   "written");
				events = true;
				scn_w_out(w, "%sevents:\n", ind);
			}
			scn_w_out(w, "%s  ", ind);
			scn_w_value(w, v->event, SCN_W_NUMBER);
			scn_w_out(w, ": ");
			scn_w_check_map(w, v->checks, v->nchecks, R(SIM_R_VIEW_EP) | R(SIM_R_VIEW_ARG) |
				  R(SIM_R_VIEW_FLAGS) | R(SIM_R_VIEW_STATE));
			scn_w_out(w, "\n");
		}
	}
}

/* What the loader reads the values of an entry's field as (but for the
 * mask and value of a mask): anything, PE indices, handler names, numbers
 * (a depth). */
enum field_kind { FK_ANY, FK_PE, FK_HANDLER, FK_CONST };

static bool of_kind(const struct scn_w *w, struct sim_value v, enum field_kind fk)
{
	return fk == FK_ANY || (fk == FK_HANDLER && v.kind == SIM_V_HANDLER) ||
	       (fk == FK_PE && v.kind == SIM_V_CONST && v.u < w->p->platform.pes) ||
	       (fk == FK_CONST && v.kind == SIM_V_CONST);
}

/* `, key: E` of an expect_dispatches or expect_resumes entry, when has. */
static void entry_field(struct scn_w *w, bool *first, const char *key, uint8_t has,
			const struct sim_match *m, enum field_kind fk)
{
	bool ok = !m->width32;

	if (!has)
		return;
	switch (m->kind) {
	case SIM_M_MASK:
		ok &= (fk != FK_PE && fk != FK_CONST) || (m->a.kind == SIM_V_CONST && m->b.kind == SIM_V_CONST);
		break;
	case SIM_M_ONE_OF:
		for (uint32_t k = 0; k < m->count; k++)
			ok &= of_kind(w, w->p->values[m->list + k], fk);
		break;
	case SIM_M_SET:
	case SIM_M_INCLUDES:
		ok = false;
		break;
	default:
		ok &= of_kind(w, m->a, fk);
	}
	if (!ok)
		scn_w_fail(w, "this expectation on `%s` of an entry cannot be written", key);
	scn_w_out(w, "%s%s: ", *first ? "" : ", ", key);
	scn_w_match(w, m, SCN_W_NUMBER);
	*first = false;
}

static void dispatch_entry(struct scn_w *w, const struct sim_expect_dispatch *e)
{
	bool first = true;

	scn_w_out(w, "      - {");
	entry_field(w, &first, "pe", e->has_pe, &e->pe, FK_PE);
	entry_field(w, &first, "event", e->has_event, &e->event, FK_ANY);
	entry_field(w, &first, "handler", e->has_handler, &e->handler, FK_HANDLER);
	entry_field(w, &first, "arg", e->has_arg, &e->arg, FK_ANY);
	entry_field(w, &first, "depth", e->has_depth, &e->depth, FK_CONST);
	scn_w_out(w, "}\n");
}

static void resume_entry(struct scn_w *w, const struct sim_expect_resume *e)
{
	bool first = true;

	scn_w_out(w, "      - {");
	entry_field(w, &first, "pe", e->has_pe, &e->pe, FK_PE);
	if (!first && e->nchecks)
		scn_w_out(w, ", ");
	scn_w_check_entries(w, e->checks, e->nchecks, R(SIM_R_ELR) | R(SIM_R_SPSR) | R_PSTATE_ALL, false,
		      SCN_W_NUMBER);
	scn_w_out(w, "}\n");
}

/* An expect_dispatches or expect_resumes step: its entries as a block. */
static void entries(struct scn_w *w, const struct sim_op *op)
{
	static const char *const form_key[] = { NULL, "includes", "starts_with", "excludes" };   /* by sim_list_form */
	bool d = op->kind == SIM_OP_EXPECT_DISPATCHES;
	const char *key = d && op->form < sizeof form_key / sizeof form_key[0] ? form_key[op->form] : NULL;

	scn_w_out(w, "%s:%s\n", d ? "expect_dispatches" : "expect_resumes", op->nlist ? "" : " []");
	if (d && op->form != SIM_LIST_ALL && key == NULL)
		scn_w_fail(w, "an expect_dispatches of unknown form %u", op->form);
	else if (key && op->nlist == 0)
		scn_w_fail(w, "an expect_dispatches {%s: [...]} with no entry cannot be written", key);
	else if (key)  /* the list at the key's indentation: YAML allows it */
		scn_w_out(w, "      %s:\n", key);
	for (uint32_t k = 0; k < op->nlist; k++) {
		if (d)
			dispatch_entry(w, &w->p->dispatches[op->list + k]);
		else
			resume_entry(w, &w->p->resumes[op->list + k]);
	}
}

/* `set:` of a step: x0..x30, sp, and the PSTATE fields a step may set. */
static void set(struct scn_w *w, const struct sim_op *op)
{
	const struct sim_assign *as = op->nsets ? &w->p->assigns[op->sets] : NULL;
	uint64_t seen = 0;
	const char *sep = "";

	pe_key(w, op);
	scn_w_out(w, "set: {");
	for (uint32_t k = 0; k < op->nsets; k++) {
		unsigned reg = as[k].reg;
		bool field = reg < SIM_R_COUNT && (R(reg) & R_SET_FIELDS);
		if (field && (seen & R_SET_FIELDS))
			continue;            /* written with the first field */
		if ((reg > SIM_R_SP && !field) || (seen & R(reg))) {
			scn_w_fail(w, "setting %s cannot be written", sim_reg_name(reg));
			return;
		}
		seen |= R(reg);
		scn_w_out(w, "%s%s: ", sep, field ? "pstate" : sim_reg_name(reg));
		sep = ", ";
		if (!field) {
			scn_w_value(w, as[k].v, SCN_W_NUMBER);
			continue;
		}
		scn_w_out(w, "{");
		for (uint32_t j = k; j < op->nsets; j++) {
			unsigned fr = as[j].reg;
			if (fr >= SIM_R_COUNT || !(R(fr) & R_SET_FIELDS))
				continue;
			if ((j > k && (seen & R(fr))) || as[j].v.kind != SIM_V_CONST) {
				scn_w_fail(w, "setting %s twice cannot be written", sim_reg_name(fr));
				return;
			}
			seen |= R(fr);
			scn_w_out(w, "%s%s: %" PRIu64, j > k ? ", " : "", scn_w_reg_key(fr), as[j].v.u);
		}
		scn_w_out(w, "}");
	}
	scn_w_out(w, "}");
}

/* see scn_write_internal.h */
void scn_w_op(struct scn_w *w, const struct sim_op *op, bool action)
{
	static const bool step_only[SIM_OP_KIND_COUNT] = {
		[SIM_OP_SET] = 1, [SIM_OP_WAKE] = 1, [SIM_OP_DISPATCH] = 1, [SIM_OP_MIGRATE] = 1,
		[SIM_OP_RESUME] = 1, [SIM_OP_EXPECT_DISPATCHES] = 1, [SIM_OP_EXPECT_RESUMES] = 1,
		[SIM_OP_EXPECT_VIEW] = 1, [SIM_OP_HOLD] = 1, [SIM_OP_HAND_OVER] = 1,
	};
	static const bool action_only[SIM_OP_KIND_COUNT] = {
		[SIM_OP_EXPECT_ENTRY] = 1, [SIM_OP_YIELD] = 1, [SIM_OP_COMPLETE] = 1,
		[SIM_OP_COMPLETE_AND_RESUME] = 1,
	};

	scn_w_out(w, "%s- ", action ? "    " : "  ");
	if (op->kind >= SIM_OP_KIND_COUNT || (action ? step_only : action_only)[op->kind]) {
		scn_w_fail(w, "'%s' cannot be %s", sim_op_name(op->kind),
			   action ? "a handler action" : "a step");
		return;
	}
	switch (op->kind) {
	case SIM_OP_EXPECT_DISPATCHES:
	case SIM_OP_EXPECT_RESUMES:
		entries(w, op);
		return;
	case SIM_OP_EXPECT_VIEW:
		view(w, op);
		return;
	case SIM_OP_EXPECT_ENTRY:
		scn_w_out(w, "expect_entry: ");
		scn_w_check_map(w, op->checks, op->nchecks, R_XN(31) | R(SIM_R_SP) | R_PSTATE_ALL);
		scn_w_out(w, "\n");
		return;
	case SIM_OP_MIGRATE:
	case SIM_OP_YIELD:
		scn_w_out(w, "%s: true\n", sim_op_name(op->kind));
		return;
	case SIM_OP_COMPLETE:
	case SIM_OP_COMPLETE_AND_RESUME:
		if (op->nchecks) {
			/* `complete:` takes no `expect`: the same call (the
			 * interpreter makes the two alike) as a call action */
			scn_w_out(w, "{call: %s, args: [", sdd_call_name(op->kind == SIM_OP_COMPLETE ?
					SDD_FID_EVENT_COMPLETE : SDD_FID_EVENT_COMPLETE_AND_RESUME));
			scn_w_value(w, op->fid, op->kind == SIM_OP_COMPLETE ? SCN_W_COMPLETION : SCN_W_NUMBER);
			scn_w_out(w, "]");
			scn_w_expect(w, op);
			scn_w_out(w, "}\n");
			return;
		}
		scn_w_out(w, "%s: ", sim_op_name(op->kind));
		scn_w_value(w, op->fid, op->kind == SIM_OP_COMPLETE ? SCN_W_COMPLETION : SCN_W_NUMBER);
		scn_w_out(w, "\n");
		return;
	default:
		break;
	}
	scn_w_out(w, "{");
	switch (op->kind) {
	case SIM_OP_CALL:
		call(w, op, action);
		break;
	case SIM_OP_PSCI:
		psci(w, op, action);
		break;
	case SIM_OP_INTERRUPT:
		/* A PE goes with an SGI or PPI only: the GIC routes an SPI (scn.h). */
		scn_w_out(w, "interrupt: %u", op->intid);
		if (op->intid < SDD_INTID_SPI_FIRST && op->pe != SIM_NONE)
			scn_w_out(w, ", pe: %u", op->pe);
		break;
	case SIM_OP_SET:
		set(w, op);
		break;
	case SIM_OP_WAKE:
	case SIM_OP_RESUME:
	case SIM_OP_HOLD:
	case SIM_OP_HAND_OVER:
		scn_w_out(w, "%s: %u", sim_op_name(op->kind), op->pe == SIM_NONE ? 0 : op->pe);
		break;
	default:                     /* SIM_OP_DISPATCH */
		pe_key(w, op);
		scn_w_out(w, "dispatch: ");
		scn_w_value(w, op->event, SCN_W_NUMBER);
		scn_w_expect(w, op);
		break;
	}
	scn_w_out(w, "}\n");
}
