/*
 * runner.c - running a scenario program: one step at a time, the machine
 * brought to quiescence after each, every expectation checked, and the
 * first failure reported as "what was expected, what happened" at the
 * location of the expectation that failed.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"
#include "runtime/rt_layout.h"
#include "sim_internal.h"

/* ---- Values and matches ---- */

bool sim_resolve(struct sim_machine *m, const struct sim_value *v, uint64_t int_pc,
		 uint64_t int_pstate, struct sim_loc loc, uint64_t *out)
{
	const struct sim_program *p = m->prog;
	const struct sim_value_env env = { p, m->var_value, m->var_set, m->handler_entry, m->plat.mpidr,
					   m->npe, int_pc, int_pstate };

	switch (sim_value_of(v, &env, out)) {
	case SIM_VALUE_OK:
		return true;
	case SIM_VALUE_UNSET:
		sim_fail(m, SIM_FAIL_SCENARIO, loc, "$%s is used before any step saved it",
			 v->u < p->nvars ? sim_str(p, p->vars[v->u]) : "?");
		return false;
	default:
		sim_fail(m, SIM_FAIL_SCENARIO, loc, "a value that cannot be resolved (kind %u)", v->kind);
		return false;
	}
}

/* A value for a message: error codes by name, else hex. */
static const char *show(char *buf, size_t n, uint64_t v)
{
	const char *name = sim_sdei_error_name((int64_t)v);
	if (name)
		snprintf(buf, n, "%s (%" PRId64 ")", name, (int64_t)v);
	else
		snprintf(buf, n, "0x%" PRIx64, v);
	return buf;
}

/* How a message shows the values an expectation compares with: numbers
 * (show), PE indices, handlers' entry points (by name). */
typedef const char *show_fn(const struct sim_machine *m, char *buf, size_t n, uint64_t v);

static const char *show_number(const struct sim_machine *m, char *buf, size_t n, uint64_t v)
{
	(void)m;
	return show(buf, n, v);
}

/* a PE index, or another small count (a depth) */
static const char *show_pe(const struct sim_machine *m, char *buf, size_t n, uint64_t v)
{
	(void)m;
	snprintf(buf, n, "%" PRIu64, v);
	return buf;
}

static const char *show_handler(const struct sim_machine *m, char *buf, size_t n, uint64_t v)
{
	int h = sim_handler_at(m, v);

	if (h >= 0)
		snprintf(buf, n, "'%s'", sim_str(m->prog, m->prog->handlers[h].name));
	else
		snprintf(buf, n, "0x%" PRIx64, v);
	return buf;
}

/* Evaluate one match.  *desc gets the expectation in words, its values
 * shown by how.  Returns 1 matched, 0 not, -1 could not resolve (failure
 * recorded). */
static int match(struct sim_machine *m, const struct sim_match *mt, uint64_t seen, uint64_t int_pc,
		 uint64_t int_pstate, show_fn *how, char *desc, size_t n)
{
	const struct sim_program *p = m->prog;
	uint64_t a = 0, b = 0;
	char sa[80], sb[80], sc[80];

	if (mt->width32)
		seen = (uint64_t)(int64_t)(int32_t)seen;
	if (mt->kind != SIM_M_ONE_OF && !sim_match_is_set(mt) &&
	    !sim_resolve(m, &mt->a, int_pc, int_pstate, mt->loc, &a))
		return -1;
	switch (mt->kind) {
	case SIM_M_EQ:
		snprintf(desc, n, "%s", how(m, sa, sizeof sa, a));
		return seen == a;
	case SIM_M_NOT:
		snprintf(desc, n, "anything but %s", how(m, sa, sizeof sa, a));
		return seen != a;
	case SIM_M_MASK:
		if (!sim_resolve(m, &mt->b, int_pc, int_pstate, mt->loc, &b))
			return -1;
		/* with what the mask leaves of the value: the value itself is
		 * shown whole, which differs from b in the bits masked off too */
		snprintf(desc, n, "(value & %s) == %s (value & mask is %s)", how(m, sa, sizeof sa, a),
			 how(m, sb, sizeof sb, b), how(m, sc, sizeof sc, seen & a));
		return (seen & a) == b;
	case SIM_M_SET:
	case SIM_M_INCLUDES:
		if (!sim_event_set(m, mt, &a))
			return -1;
		sim_show_events(m, a, desc, n);
		return mt->kind == SIM_M_SET ? seen == a : (seen & a) == a;
	default: {
		size_t used = (size_t)snprintf(desc, n, "one of");
		int hit = 0;
		for (uint32_t k = 0; k < mt->count; k++) {
			uint64_t v;
			if (!sim_resolve(m, &p->values[mt->list + k], int_pc, int_pstate, mt->loc, &v))
				return -1;
			if (used < n)
				used += (size_t)snprintf(desc + used, n - used, "%s %s", k ? "," : "",
							 how(m, sa, sizeof sa, v));
			hit |= seen == v;
		}
		return hit;
	}
	}
}

static uint64_t reg_value(const void *src, unsigned reg)
{
	const struct sim_ctx *c = src;

	if (reg < SIM_R_SP)
		return c->x[reg];
	switch (reg) {
	case SIM_R_SP:           return (c->pstate & 1) ? c->sp_elc : c->sp_el0;
	case SIM_R_PC:           return c->pc;
	case SIM_R_PSTATE:       return c->pstate;
	case SIM_R_PSTATE_EL:    return (c->pstate >> 2) & 3;
	case SIM_R_PSTATE_DAIF:  return (c->pstate >> 6) & 0xF;
	case SIM_R_PSTATE_SPSEL: return c->pstate & 1;
	case SIM_R_PSTATE_PAN:   return (c->pstate >> 22) & 1;
	case SIM_R_PSTATE_DIT:   return (c->pstate >> 24) & 1;
	case SIM_R_PSTATE_NZCV:  return (c->pstate >> 28) & 0xF;
	case SIM_R_ELR:          return c->elr_elc;
	case SIM_R_SPSR:         return c->spsr_elc;
	default:                 return 0;
	}
}

bool sim_check_list(struct sim_machine *m, uint32_t first, uint32_t n,
		    uint64_t (*get)(const void *src, unsigned reg), const void *src,
		    uint64_t int_pc, uint64_t int_pstate, const char *describe)
{
	for (uint32_t k = 0; k < n && !m->failed; k++) {
		const struct sim_check *ck = &m->prog->checks[first + k];
		uint64_t seen = get(src, ck->reg);
		char desc[300], s[300];
		int r = match(m, &ck->m, seen, int_pc, int_pstate, show_number, desc, sizeof desc);
		if (r == 0) {
			if (sim_match_is_set(&ck->m))
				sim_show_events(m, seen, s, sizeof s);
			else
				show(s, sizeof s, seen);
			sim_fail(m, SIM_FAIL_EXPECT, ck->m.loc, "%s: expected %s %s %s, got %s", describe,
				 sim_reg_name(ck->reg), ck->m.kind == SIM_M_INCLUDES ? "to hold" : "==", desc, s);
		}
		if (r != 1)
			return false;
	}
	return !m->failed;
}

bool sim_check_regs(struct sim_machine *m, uint32_t first, uint32_t n, const struct sim_ctx *c,
		    uint64_t int_pc, uint64_t int_pstate, const char *describe)
{
	return sim_check_list(m, first, n, reg_value, c, int_pc, int_pstate, describe);
}

/* What a call was, in words: "EVENT_STATUS on PE 1 (handler 'h')". */
static void describe_call(const struct sim_machine *m, const struct sim_op *op, unsigned pe,
			  char *buf, size_t n)
{
	const char *what = sim_op_name(op->kind);
	char fidbuf[24];

	if (op->kind == SIM_OP_PSCI) {
		what = sim_psci_name(op->psci_fn);
	} else if (op->kind == SIM_OP_CALL) {
		uint64_t fid = op->fid.kind == SIM_V_CONST ? op->fid.u : 0;
		what = sdd_call_name((uint32_t)fid);
		if (what == NULL) {
			snprintf(fidbuf, sizeof fidbuf, "function 0x%08" PRIx32, (uint32_t)fid);
			what = fidbuf;
		}
	}
	if (m->pe[pe].depth > 0 && m->pe[pe].disp[m->pe[pe].depth - 1].handler >= 0) {
		/* which of the handler's runs: its event, and the step it ran in */
		const struct sim_dispatch *d = &m->pe[pe].disp[m->pe[pe].depth - 1];
		snprintf(buf, n, "%s on PE %u in handler '%s' for event 0x%" PRIx32 ", run by the step at line %" PRIu32,
			 what, pe, sim_str(m->prog, m->prog->handlers[d->handler].name), (uint32_t)d->event,
			 m->prog->steps[m->step].loc.line);
	} else
		snprintf(buf, n, "%s on PE %u", what, pe);
}

/* Has the step call in progress on pe returned to its caller (not to an
 * interrupted context, a powered-down or reset PE)?  c: pe's context now. */
static bool returned_to_caller(const struct sim_machine *m, unsigned pe, const struct sim_ctx *c)
{
	return m->resets == m->step_resets && m->pe[pe].power != SIM_PE_OFF && c->pc == m->step_pc &&
	       m->pe[pe].depth == m->step_depth;
}

/* How call op went when it did not return to its caller. */
static const char *gone_how(const struct sim_op *op)
{
	bool completion = op->kind == SIM_OP_CALL && op->fid.kind == SIM_V_CONST &&
			  (op->fid.u == SDD_FID_EVENT_COMPLETE || op->fid.u == SDD_FID_EVENT_COMPLETE_AND_RESUME);

	return completion ? "completed the handler" : "did not come back";
}

void sim_after_call(struct sim_machine *m, const struct sim_op *op, const struct sim_ctx *c,
		    int64_t x0, unsigned pe, bool returned)
{
	const struct sim_program *p = m->prog;
	uint32_t first = op->checks, n = op->nchecks;

	if (m->failed)
		return;
	if (n && p->checks[first].reg == SIM_R_RETURNED) {
		/* `returns`: whether the call came back, before what it answered
		 * (a COMPLETE that completes has no answer, and is given 0) */
		if (!returned) {
			char what[160];
			describe_call(m, op, pe, what, sizeof what);
			sim_fail(m, SIM_FAIL_EXPECT, p->checks[first].m.loc, "%s: expected it to return (`returns`), "
				 "but it %s", what, gone_how(op));
			return;
		}
		first++;
		n--;
	}
	if (n) {
		char what[220];
		struct sim_ctx seen = *c;
		seen.x[0] = (uint64_t)x0;
		/* a step's call returns to a context whose x1..x5 are as they
		 * were (step_call): that is what its checks see, not the
		 * arguments still in the registers here */
		if (op == m->step_op && returned_to_caller(m, pe, c))
			sim_copy_args(&seen.x[1], m->step_args);
		describe_call(m, op, pe, what, sizeof what);
		/* what the checks see of a call that did not return is given */
		if (!returned) {
			size_t len = strlen(what);
			snprintf(what + len, sizeof what - len, ", which %s (taken as x0 = 0)", gone_how(op));
		}
		if (!sim_check_regs(m, first, n, &seen, 0, 0, what))
			return;
	}
	if (op->save >= 0 && (uint32_t)op->save < p->nvars) {
		m->var_value[op->save] = (uint64_t)x0;
		m->var_set[op->save] = 1;
	}
}

/* ---- expect_dispatches / expect_resumes ---- */

/* The handler entries seen, as expect_dispatches lists them (with their
 * depths when depth: where an entry expects one). */
static void list_entries(const struct sim_machine *m, char *buf, size_t n, bool depth)
{
	size_t used = 0;

	buf[0] = 0;
	if (m->nentries == 0)
		snprintf(buf, n, "none");
	for (uint32_t k = 0; k < m->nentries && used < n; k++) {
		const struct sim_entry_rec *e = &m->entries[k];
		char d[16] = "";
		if (depth)
			snprintf(d, sizeof d, ", depth: %u", e->depth);
		used += (size_t)snprintf(buf + used, n - used, "%s{pe: %u, event: 0x%" PRIx32 "%s%s%s}",
					 k ? ", " : "", e->pe, (uint32_t)e->event,
					 e->handler >= 0 ? ", handler: " : "",
					 e->handler >= 0 ? sim_str(m->prog, m->prog->handlers[e->handler].name) : "", d);
	}
}

/* One field of entry k of an expect_dispatches step, when it is checked:
 * 1 it matched (or is not checked), 0 not - with fail, failing the
 * scenario ("expected entry K <what> <desc>, got<got>") -, -1 it could not
 * be resolved (the scenario failed). */
static int entry_field(struct sim_machine *m, const struct sim_expect_dispatch *e, uint32_t k,
		       uint8_t has, const struct sim_match *mt, uint64_t seen, show_fn *how,
		       const char *what, const char *got, bool fail)
{
	char desc[200];
	int res;

	if (!has)
		return 1;
	res = match(m, mt, seen, 0, 0, how, desc, sizeof desc);
	if (res == 0 && fail)  /* at the field that failed (a program built in C may not say) */
		sim_fail(m, SIM_FAIL_EXPECT, mt->loc.line ? mt->loc : e->loc,
			 "expected entry %u %s%s, got%s", k + 1, what, desc, got);
	return res;
}

/* Does the handler entry r match entry k of an expect_dispatches step, e?
 * As entry_field answers, over e's fields in order. */
static int entry_matches(struct sim_machine *m, const struct sim_expect_dispatch *e, uint32_t k,
			 const struct sim_entry_rec *r, const char *got, bool fail)
{
	char x1[48], arg[52];
	const struct {
		uint8_t has;
		const struct sim_match *mt;
		uint64_t seen;
		show_fn *how;
		const char *what, *got;
	} f[] = {
		{ e->has_pe, &e->pe, r->pe, show_pe, "on PE ", got },
		{ e->has_event, &e->event, (uint32_t)r->event, show_number, "for event ", got },
		{ e->has_handler, &e->handler, r->pc, show_handler, "into handler ", got },
		{ e->has_arg, &e->arg, r->x1, show_number, "with argument ", arg },
		{ e->has_depth, &e->depth, r->depth, show_pe, "at depth ", got },
	};

	snprintf(arg, sizeof arg, " %s", show(x1, sizeof x1, r->x1));
	for (unsigned j = 0; j < sizeof f / sizeof f[0]; j++) {
		int res = entry_field(m, e, k, f[j].has, f[j].mt, f[j].seen, f[j].how, f[j].what, f[j].got, fail);
		if (res != 1)
			return res;
	}
	return 1;
}

/* expect_dispatches: {includes: [...]}: each entry matches a handler
 * entry later than the one the entry before it matched (the first such:
 * taking the earliest leaves the most to the entries after it). */
static bool expect_included(struct sim_machine *m, const struct sim_op *op, const char *list)
{
	uint32_t at = 0;

	for (uint32_t k = 0; k < op->nlist; k++) {
		const struct sim_expect_dispatch *e = &m->prog->dispatches[op->list + k];
		int res = 0;
		while (res == 0 && at < m->nentries)
			res = entry_matches(m, e, k, &m->entries[at++], "", false);
		if (res < 0)
			return false;
		if (res == 0) {
			char after[48] = "";
			if (k)
				snprintf(after, sizeof after, " after the one entry %u matched", k);
			sim_fail(m, SIM_FAIL_EXPECT, e->loc, "expected entry %u of `includes` among the handler "
				 "entries%s, got: %s", k + 1, after, list);
			return false;
		}
	}
	return true;
}

/* expect_dispatches: {excludes: [...]}: no handler entry matches any of
 * the entries. */
static bool expect_excluded(struct sim_machine *m, const struct sim_op *op, const char *list)
{
	for (uint32_t k = 0; k < op->nlist; k++) {
		const struct sim_expect_dispatch *e = &m->prog->dispatches[op->list + k];
		for (uint32_t at = 0; at < m->nentries; at++) {
			int res = entry_matches(m, e, k, &m->entries[at], "", false);
			if (res < 0)
				return false;
			if (res == 1) {
				sim_fail(m, SIM_FAIL_EXPECT, e->loc, "expected no handler entry like entry %u of "
					 "`excludes`, got one (entry %u): %s", k + 1, at + 1, list);
				return false;
			}
		}
	}
	return true;
}

static bool op_expects_depth(const struct sim_program *p, const struct sim_op *op)
{
	for (uint32_t k = 0; k < op->nlist; k++)
		if (p->dispatches[op->list + k].has_depth)
			return true;
	return false;
}

/* expect_dispatches as a list: entry k matches handler entry k, and
 * there are as many handler entries as entries - or, {starts_with: [...]},
 * at least as many. */
static bool expect_first(struct sim_machine *m, const struct sim_op *op, const char *list)
{
	bool starts = op->form == SIM_LIST_STARTS;
	char got[304], waiting[300] = "";

	if (starts ? m->nentries < op->nlist : m->nentries != op->nlist) {
		if (m->nentries < op->nlist)      /* a PE_UNMASK forgotten? */
			sim_masked_waiting(m, waiting, sizeof waiting);
		sim_fail(m, SIM_FAIL_EXPECT, op->loc, "expected %s%u handler entr%s%s, got %u: %s%s",
			 starts ? "at least " : "", op->nlist, op->nlist == 1 ? "y" : "ies",
			 starts ? " (`starts_with`)" : "", m->nentries, list, waiting);
		return false;
	}
	snprintf(got, sizeof got, ": %s", list);
	for (uint32_t k = 0; k < op->nlist && !m->failed; k++)
		if (entry_matches(m, &m->prog->dispatches[op->list + k], k, &m->entries[k], got, true) != 1)
			return false;
	return true;
}

static void expect_dispatches(struct sim_machine *m, const struct sim_op *op)
{
	char list[300];
	bool ok;

	list_entries(m, list, sizeof list, op_expects_depth(m->prog, op));
	switch (op->form) {
	case SIM_LIST_INCLUDES: ok = expect_included(m, op, list); break;
	case SIM_LIST_EXCLUDES: ok = expect_excluded(m, op, list); break;
	default:                ok = expect_first(m, op, list); break;
	}
	if (ok)
		m->nentries = 0;
}

/* Handler entries after the last expect_dispatches step that ran, or in
 * a run with none, which nothing checked (sim_result.unchecked). */
static void note_unchecked(const struct sim_machine *m, struct sim_result *res)
{
	const struct sim_program *p = m->prog;
	uint32_t at = res->steps_run - 1;     /* the last such step, else the last step run */

	if (m->nentries == 0 || res->steps_run == 0)
		return;
	res->unchecked_by_none = true;
	for (uint32_t k = 0; k < res->steps_run; k++)
		if (p->steps[k].kind == SIM_OP_EXPECT_DISPATCHES) {
			at = k;
			res->unchecked_by_none = false;
		}
	res->unchecked = m->nentries;
	res->unchecked_after = p->steps[at].loc;
	list_entries(m, res->unchecked_list, sizeof res->unchecked_list, false);
}

static void expect_resumes(struct sim_machine *m, const struct sim_op *op)
{
	const struct sim_program *p = m->prog;

	if (op->nlist != m->nlandings) {
		sim_fail(m, SIM_FAIL_EXPECT, op->loc, "expected %u landing%s at the resume pad, got %u", op->nlist,
			 op->nlist == 1 ? "" : "s", m->nlandings);
		return;
	}
	for (uint32_t k = 0; k < op->nlist && !m->failed; k++) {
		const struct sim_expect_resume *e = &p->resumes[op->list + k];
		const struct sim_landing *l = &m->landings[k];
		struct sim_ctx c;
		char what[64], desc[200];
		int res = e->has_pe ? match(m, &e->pe, l->pe, 0, 0, show_pe, desc, sizeof desc) : 1;
		if (res == 0)
			sim_fail(m, SIM_FAIL_EXPECT, e->loc, "expected landing %u on PE %s, it was on PE %u",
				 k + 1, desc, l->pe);
		if (res != 1)
			return;
		memset(&c, 0, sizeof c);
		c.elr_elc = l->elr;
		c.spsr_elc = l->spsr;
		c.pstate = l->pstate;
		snprintf(what, sizeof what, "landing %u on PE %u", k + 1, l->pe);
		sim_check_regs(m, e->checks, e->nchecks, &c, l->int_pc, l->int_pstate, what);
	}
	m->nlandings = 0;
}

/* ---- Steps ---- */

/* Can step op (a call, `set` or `dispatch`) act on pe: it is on and not
 * stopped in a failed handler?  Else the scenario fails (lenient: the
 * step is skipped). */
static bool pe_can_act(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	static const char *const power[] = { "on", "off", "suspended", "suspended", "frozen" };
	const struct sim_pe *p = &m->pe[pe];
	const char *cannot = op->kind == SIM_OP_SET ? "its registers cannot be set" :
			     op->kind == SIM_OP_DISPATCH ? "nothing can be dispatched on it" : "it cannot make a call";

	if (p->power != SIM_PE_ON) {
		sim_step_refused(m, pe, op->loc, "PE %u is %s: %s", pe, power[p->power], cannot);
		return false;
	}
	if (p->stuck) {
		sim_step_refused(m, pe, op->loc, "PE %u is stopped in a failed handler", pe);
		return false;
	}
	if (p->hold.holding) {
		sim_step_refused(m, pe, op->loc, "PE %u is in firmware, holding INTID %u until "
				 "a hand_over step: %s", pe, p->hold.intid, cannot);
		return false;
	}
	return true;
}

static void step_call(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	struct sim_ctx *ctx = &m->pe[pe].ctx;
	/* What is put back after the call: only these (a copy of the whole
	 * context is a memory call under the sanitizers, on every call). */
	uint64_t pc = ctx->pc, pstate = ctx->pstate, args[5];

	sim_copy_args(args, &ctx->x[1]);
	if (!pe_can_act(m, op, pe))
		return;
	/* A call made from another EL than the client's (e.g. a guest calling
	 * firmware), or from AArch32, is made with that EL and state in
	 * PSTATE; the context keeps its own. */
	ctx->pstate = sim_call_pstate(pstate, op);
	m->step_op = op;
	m->step_args = args;
	m->step_pc = pc;
	m->step_resets = m->resets;
	m->step_depth = m->pe[pe].depth;
	sim_firmware_call(m, pe, ctx, op, false);
	m->step_op = NULL;
	/* When the call returned to its caller, only x0 changed: its arguments
	 * are not left behind in x1..x5 (contract: "every other register of
	 * that context is as it was before the call"). */
	if (returned_to_caller(m, pe, ctx)) {
		sim_copy_args(&ctx->x[1], args);
		ctx->pstate = sim_call_restore(ctx->pstate, pstate);
	}
	m->step_args = NULL;
}

static void step_set(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	struct sim_ctx *c = &m->pe[pe].ctx;

	if (!pe_can_act(m, op, pe))
		return;
	for (uint32_t k = 0; k < op->nsets; k++) {
		const struct sim_assign *a = &m->prog->assigns[op->sets + k];
		uint64_t v;
		if (!sim_resolve(m, &a->v, 0, 0, a->loc, &v))
			return;
		if (a->reg < SIM_R_SP)
			c->x[a->reg] = v;
		else if (a->reg == SIM_R_SP)
			*((c->pstate & 1) ? &c->sp_elc : &c->sp_el0) = v;
		else if (a->reg == SIM_R_PSTATE_PAN)
			c->pstate = (c->pstate & ~SDD_PSTATE_PAN) | ((v & 1) << 22);
		else if (a->reg == SIM_R_PSTATE_DIT)
			c->pstate = (c->pstate & ~SDD_PSTATE_DIT) | ((v & 1) << 24);
		else if (a->reg == SIM_R_PSTATE_NZCV)
			c->pstate = (c->pstate & ~SDD_PSTATE_NZCV) | ((v & 0xF) << 28);
	}
}

static void step_dispatch(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	struct sim_pe *p = &m->pe[pe];
	uint64_t ev;
	struct sdd_outcome o;
	struct sdd_regs r, before;
	int res;

	if (!pe_can_act(m, op, pe) || !sim_resolve(m, &op->event, 0, 0, op->loc, &ev))
		return;
	if (!sim_event_fits(ev) && !m->prog->lenient) {
		sim_fail(m, SIM_FAIL_SCENARIO, op->loc, "the event number a firmware dispatch passes "
			 "has 32 bits, found 0x%" PRIx64, ev);
		return;
	}
	sim_ctx_to_regs(&p->ctx, &before);
	r = before;
	res = sdd_dispatch_explicit(&m->core, pe, (int32_t)ev, &r, &o);
	{
		struct sim_obs ob;
		sim_obs_init(&ob, SIM_OBS_EXPLICIT, pe);
		ob.event = (int32_t)ev;
		ob.result = res;
		ob.depth = p->depth;
		ob.pc = before.pc;
		ob.pstate = before.pstate;
		sim_observe(m, &ob);
	}
	if (res == 0) {
		sim_regs_to_ctx(&r, &p->ctx);
		if (!sim_note_dispatch(m, pe, 1023, &o, &before, &r))
			return;
	}
	if (op->nchecks) {
		char what[80];
		struct sim_ctx seen = p->ctx;
		seen.x[0] = (uint64_t)(int64_t)res;
		snprintf(what, sizeof what, "explicit dispatch of 0x%" PRIx64 " on PE %u", ev, pe);
		sim_check_regs(m, op->checks, op->nchecks, &seen, 0, 0, what);
	}
}

/* Arm pe's firmware to hold the next interrupt it acknowledges (struct
 * sim_hold).  A PE that holds one already, or is armed, cannot be armed
 * again (lenient: the step does nothing). */
static void step_hold(struct sim_machine *m, const struct sim_op *op, unsigned pe)
{
	const struct sim_hold *h = &m->pe[pe].hold;

	if (sim_hold_arm(&m->pe[pe].hold))
		return;
	if (h->holding)
		sim_step_refused(m, pe, op->loc, "PE %u holds INTID %u already: hand it over first", pe,
				 h->intid);
	else
		sim_step_refused(m, pe, op->loc, "PE %u is set to hold its next interrupt already", pe);
}

static void run_step(struct sim_machine *m, const struct sim_op *op)
{
	unsigned pe = op->pe == SIM_NONE ? 0 : op->pe;
	struct sim_obs ob;

	if (sim_observing(m)) {
		sim_obs_step_in(&ob, op);
		sim_observe(m, &ob);
	}
	if (op->pe != SIM_NONE && op->pe >= m->npe) {
		sim_fail(m, SIM_FAIL_SCENARIO, op->loc, "PE %u does not exist (the platform has %u)", op->pe, m->npe);
		return;
	}
	/* what the scheduler asks again (pes_changed): an interrupt step
	 * changes the GIC alone, which says which PEs it moved */
	if (op->kind != SIM_OP_INTERRUPT)
		m->pe_dirty = ~0ull;
	switch (op->kind) {
	case SIM_OP_CALL:
	case SIM_OP_PSCI:
		step_call(m, op, pe);
		break;
	case SIM_OP_INTERRUPT:
		sim_fire(m, op->intid, pe);
		break;
	case SIM_OP_SET:
		step_set(m, op, pe);
		break;
	case SIM_OP_WAKE:
		sim_wake(m, pe);
		break;
	case SIM_OP_DISPATCH:
		step_dispatch(m, op, pe);
		break;
	case SIM_OP_MIGRATE:
		sim_migrate(m, op->loc);
		break;
	case SIM_OP_RESUME:
		if (m->pe[pe].paused == 0) {
			sim_step_refused(m, pe, op->loc, "no handler is paused on PE %u", pe);
			break;
		}
		ob = sim_obs_resume(pe, &m->pe[pe].paused);
		sim_observe(m, &ob);
		break;
	case SIM_OP_HOLD:
		step_hold(m, op, pe);
		break;
	case SIM_OP_HAND_OVER:
		if (!sim_hand_over_held(m, pe))
			sim_step_refused(m, pe, op->loc, "PE %u holds no interrupt to hand over "
					 "(a hold step makes it keep the next one it acknowledges)", pe);
		break;
	case SIM_OP_EXPECT_DISPATCHES:
		expect_dispatches(m, op);
		break;
	case SIM_OP_EXPECT_RESUMES:
		expect_resumes(m, op);
		break;
	case SIM_OP_EXPECT_VIEW:
		sim_expect_view(m, op);
		break;
	default:
		sim_fail(m, SIM_FAIL_SCENARIO, op->loc, "'%s' is not a step", sim_op_name(op->kind));
		break;
	}
}

int sim_run(struct sim_cpu *cpu, const struct sim_program *prog, const struct sim_run_opts *opts,
	    struct sim_result *res)
{
	struct sim_machine *m = sim_cpu_workspace(cpu, sizeof *m);
	static const struct sim_run_opts none;

	memset(res, 0, sizeof *res);
	if (!opts)
		opts = &none;
	if (m == NULL) {
		snprintf(res->message, sizeof res->message, "out of memory");
		return -1;
	}
	if (sim_machine_init(m, cpu, prog, opts, res->message, sizeof res->message)) {
		res->loc = m->fail_loc;          /* where the problem is written, when known */
		return -1;
	}
	for (uint32_t k = 0; k < prog->nsteps && !m->failed && !m->system_off; k++) {
		const struct sim_op *op = &prog->steps[k];
		m->step = k;
		run_step(m, op);
		if (!m->failed)
			sim_quiesce(m);
		if (!m->failed && !opts->skip_invariants)
			sim_check_invariants(m, op->loc);
		res->steps_run = k + 1;
	}
	res->passed = !m->failed;
	if (res->passed)
		note_unchecked(m, res);
	res->fail_kind = m->failed ? m->fail_kind : SIM_FAIL_NONE;
	res->step = m->step;
	res->loc = m->fail_loc;
	res->dispatches = m->dispatches;
	res->calls = m->calls;
	if (opts->at_end.fn)
		opts->at_end.fn(opts->at_end.ctx, &m->core);
	if (opts->digest)
		res->digest = sim_machine_digest(m);
	if (m->failed)
		snprintf(res->message, sizeof res->message, "%s", m->fail_msg);
	return 0;
}
