/*
 * expect_lists.c - the steps that check lists of what happened since the
 * previous such step: expect_dispatches (the handler entries: exactly,
 * `starts_with`, `includes`, `excludes`) and expect_resumes (the landings
 * at the resume pad), and the entries no step checked, for the note a
 * passing run gives.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim_internal.h"
#include "utf8.h"

/* Room for ", ... (N more)" at a list's end, N a uint32_t, and its NUL. */
#define MORE_ROOM sizeof(", ... (4294967295 more)")

/* The handler entries seen, as expect_dispatches lists them (with their
 * depths when depth: where an entry expects one), into buf (n bytes, at
 * least MORE_ROOM): whole entries, and when they do not all fit, how many
 * more there were, so that a cut list says it is one. */
static void list_entries(const struct sim_machine *m, char *buf, size_t n, bool depth)
{
	size_t used = 0;

	buf[0] = 0;
	if (m->nentries == 0)
		snprintf(buf, n, "none");
	for (uint32_t k = 0; k < m->nentries; k++) {
		const struct sim_entry_rec *e = &m->entries[k];
		/* an entry but the last leaves room to say how many more: so
		 * used stays below n - MORE_ROOM, and room never wraps */
		size_t room = n - used - (k + 1 < m->nentries ? MORE_ROOM : 0);
		char d[16] = "";
		int len;

		if (depth)
			snprintf(d, sizeof d, ", depth: %u", e->depth);
		len = snprintf(buf + used, room, "%s{pe: %u, event: 0x%" PRIx32 "%s%s%s}", k ? ", " : "", e->pe,
			       (uint32_t)e->event, e->handler >= 0 ? ", handler: " : "",
			       e->handler >= 0 ? sim_str(m->prog, m->prog->handlers[e->handler].name) : "", d);
		if (len < 0 || (size_t)len >= room) {
			snprintf(buf + used, n - used, "%s... (%" PRIu32 " more)", k ? ", " : "", m->nentries - k);
			return;
		}
		used += (size_t)len;
	}
}

/* One field of entry k of an expect_dispatches step, when it is checked:
 * 1 it matched (or is not checked), 0 not - with fail, failing the
 * scenario ("expected entry K <what> <desc>, got<got>") -, -1 it could not
 * be resolved (the scenario failed). */
static int entry_field(struct sim_machine *m, const struct sim_expect_dispatch *e, uint32_t k,
		       uint8_t has, const struct sim_match *mt, uint64_t seen, sim_show_fn *how,
		       const char *what, const char *got, bool fail)
{
	char desc[200];
	int res;

	if (!has)
		return 1;
	res = sim_match_eval(m, mt, seen, 0, 0, how, desc, sizeof desc);
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
		sim_show_fn *how;
		const char *what, *got;
	} f[] = {
		{ e->has_pe, &e->pe, r->pe, sim_show_index, "on PE ", got },
		{ e->has_event, &e->event, (uint32_t)r->event, sim_show_number, "for event ", got },
		{ e->has_handler, &e->handler, r->pc, sim_show_handler, "into handler ", got },
		{ e->has_arg, &e->arg, r->x1, sim_show_number, "with argument ", arg },
		{ e->has_depth, &e->depth, r->depth, sim_show_index, "at depth ", got },
	};

	snprintf(arg, sizeof arg, " %s", sim_show_value(x1, sizeof x1, r->x1));
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

/* see sim_internal.h */
void sim_expect_dispatches(struct sim_machine *m, const struct sim_op *op)
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

/* see sim_internal.h */
void sim_note_unchecked(const struct sim_machine *m, struct sim_result *res)
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

/* Append "; what" (the first without the "; ") to buf, as room allows:
 * a list that does not fit ends in "..." (sim_utf8_mark_cut), and what
 * comes after it is left out. */
static void add_unfinished(char *buf, size_t n, const char *what)
{
	size_t len = strlen(buf);

	if (len + 1 >= n) {                     /* full: cut, if not already */
		if (len < 3 || strcmp(buf + len - 3, "...") != 0)
			sim_utf8_mark_cut(buf, n);
		return;
	}
	if (snprintf(buf + len, n - len, "%s%s", len ? "; " : "", what) >= (int)(n - len))
		sim_utf8_mark_cut(buf, n);
}

/* see sim_internal.h */
void sim_note_unfinished(const struct sim_machine *m, struct sim_result *res)
{
	char what[96], one[320];

	res->unfinished[0] = '\0';
	if (m->system_off)          /* the machine is off: nothing waits */
		return;
	for (unsigned pe = 0; pe < m->npe; pe++) {
		const struct sim_pe *p = &m->pe[pe];

		/* innermost first, as `resume` continues them */
		for (unsigned d = p->depth; d >= 1; d--)
			if (p->paused & (1u << (d - 1))) {
				snprintf(one, sizeof one, "%s on PE %u%s is still paused by a yield (no "
					 "`resume: %u` followed it: its actions after the yield did not run)",
					 sim_running_what(m->prog, (uint8_t)d, p->disp, what, sizeof what),
					 pe, p->depth < 2 ? "" : d == 2 ? " (nested)" : " (outer)", pe);
				add_unfinished(res->unfinished, sizeof res->unfinished, one);
			}
		if (p->hold.holding) {
			snprintf(one, sizeof one, "PE %u's firmware still holds INTID %u (no `hand_over: %u` "
				 "followed: the dispatcher never saw it)", pe, (unsigned)p->hold.intid, pe);
			add_unfinished(res->unfinished, sizeof res->unfinished, one);
		} else if (p->hold.armed) {
			snprintf(one, sizeof one, "PE %u's hold took no interrupt (none was acknowledged "
				 "there after it)", pe);
			add_unfinished(res->unfinished, sizeof res->unfinished, one);
		}
	}
}

/* see sim_internal.h */
void sim_expect_resumes(struct sim_machine *m, const struct sim_op *op)
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
		int res = e->has_pe ? sim_match_eval(m, &e->pe, l->pe, 0, 0, sim_show_index, desc, sizeof desc) : 1;
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
