/*
 * scn_view.c - the expect_view step (FORMAT.md, extension): checks on the
 * dispatcher's KVM-style register view of one PE.
 *
 *   - expect_view: {pe: N, masked: E, depth: E, registered: [EVENT, ...],
 *                   enabled: [...], running: [...], pending: [...],
 *                   bound: [...], context: {pc: E, pstate: E, x0: E, ...},
 *                   nested_context: {...},
 *                   events: {EVENT: {ep: E, arg: E, flags: E, state: E}}}
 *
 * The step becomes parts (sim_expect_view), one per thing the runner
 * reads, in the order of the file: consecutive PE-wide keys (masked,
 * depth, the bitmaps) share one part, each context and each event has its
 * own.  Every value is an EXPECT (so by_profile, $vars, handlers and
 * interrupted_pc work); a bitmap is a list of event numbers, compared as
 * a set (SIM_M_SET).
 */
#include <stdio.h>
#include <string.h>

#include "scn_internal.h"
#include "sdd/sdd_spec.h"

enum {
	V_PE, V_MASKED, V_DEPTH, V_REGISTERED, V_ENABLED, V_RUNNING, V_PENDING, V_BOUND,
	V_CONTEXT, V_NESTED_CONTEXT, V_EVENTS, V_COUNT
};

static const char *const view_keys[V_COUNT] = {
	"pe", "masked", "depth", "registered", "enabled", "running", "pending", "bound",
	"context", "nested_context", "events",
};

_Static_assert(SIM_R_VIEW_BOUND - SIM_R_VIEW_MASKED == V_BOUND - V_MASKED,
	       "the PE-wide keys are the view registers SIM_R_VIEW_MASKED.., in order");

/* Everything in a view may be compared with the interrupted context. */
#define VIEW_VFLAGS (SCN_V_RUNTIME | SCN_V_INTERRUPTED)

/* The part being collected, appended when the next one starts. */
struct parts {
	struct scn_checks b;
	struct sim_expect_view v;
	bool open;
};

static void part_end(struct scn *s, struct parts *ps)
{
	if (!ps->open)
		return;
	scn_checks_commit(s, &ps->b, &ps->v.checks, &ps->v.nchecks);
	sim_add_view(s->prog, &ps->v);
	ps->open = false;
}

static void part_start(struct scn *s, struct parts *ps, unsigned part, struct sim_loc loc)
{
	part_end(s, ps);
	memset(&ps->v, 0, sizeof ps->v);
	ps->v.part = (uint8_t)part;
	ps->v.loc = loc;
	ps->b.n = 0;
	ps->open = true;
}

/* A bitmap key: a list of event numbers, the set it must hold, or
 * {includes: [EVENT, ...]}, events it must hold among others. */
static bool set_match(struct scn *s, int id, const char *key, struct sim_match *m)
{
	static const char *const includes_key[] = { "includes" };
	static const struct scn_map_spec includes_spec = {
		"a set that may hold more", includes_key, 1, 1, "includes: [EVENT, ...]",
	};
	const yaml_node_item_t *items;
	struct scn_field f[1];
	char what[40];
	int n;

	memset(m, 0, sizeof *m);
	m->loc = scn_loc(s, id);
	m->kind = SIM_M_SET;
	snprintf(what, sizeof what, "`%s`", key);
	if (scn_is(s, id, YAML_MAPPING_NODE)) {
		if (!scn_fields(s, id, &includes_spec, f))
			return false;
		if (!f[0].key)
			return scn_fail(s, id, "`%s: {}` needs `includes: [EVENT, ...]`", key);
		m->kind = SIM_M_INCLUDES;
		id = f[0].value;
		snprintf(what, sizeof what, "`%s: {includes}`", key);
	}
	if (!scn_is(s, id, YAML_SEQUENCE_NODE)) {
		char found[SCN_MSG_MAX];
		return scn_fail(s, id, "%s is a list of event numbers%s, such as [0, 0x40000100]%s, found %s",
				what, m->kind == SIM_M_SET ? " (the exact set)" : "",
				m->kind == SIM_M_SET ? ", or {includes: [...]} (events among others)" : "",
				scn_describe(s, id, found, sizeof found));
	}
	n = scn_seq(s, id, what, &items);
	if (n < 0)
		return false;
	m->list = s->prog->nvalues;
	/* Nothing else adds values while the list is read: it is contiguous. */
	for (int k = 0; k < n; k++) {
		struct sim_value v;
		if (!scn_value(s, items[k], SCN_V_RUNTIME, "an event number", &v))
			return false;
		sim_add_value(s->prog, v);
	}
	m->count = (uint32_t)n;
	return true;
}

#define PSTATE_KEY 0xFFu     /* in a regs[] table: PSTATE, as a whole or by fields */
#define MAX_KEYS   (SDD_CONTEXT_REGS + 2)

/* The checks of map id: key k (spec->names[k]) checks register regs[k]. */
static bool checks_map(struct scn *s, int id, const struct scn_map_spec *spec,
		       const uint8_t *regs, struct scn_checks *b)
{
	struct scn_field f[MAX_KEYS];
	unsigned order[MAX_KEYS], count;
	char found[SCN_MSG_MAX];
	bool ok;

	if (!scn_is(s, id, YAML_MAPPING_NODE))
		return scn_fail(s, id, "%s is a map {%s}, found %s", spec->what, spec->hint,
				scn_describe(s, id, found, sizeof found));
	ok = scn_fields(s, id, spec, f);
	count = scn_in_file_order(f, spec->n, order);
	for (unsigned k = 0; k < count; k++) {
		struct sim_match m;
		if (regs[order[k]] == PSTATE_KEY)
			ok &= scn_pstate_checks(s, f[order[k]].value, b);
		else if (scn_match(s, f[order[k]].value, VIEW_VFLAGS, &m))
			scn_checks_add(b, regs[order[k]], &m);
		else
			ok = false;
	}
	return ok;
}

/* `context` / `nested_context`: pc, pstate, x0..x17 of that dispatch. */
static bool context(struct scn *s, int id, const char *key, struct scn_checks *b)
{
	const char *names[MAX_KEYS];
	uint8_t regs[MAX_KEYS];
	char what[40];
	struct scn_map_spec spec = { what, names, MAX_KEYS, SCN_BIT(MAX_KEYS) - 1, "pc, pstate, x0..x17" };

	snprintf(what, sizeof what, "`%s`", key);
	names[0] = "pc";
	regs[0] = SIM_R_PC;
	names[1] = "pstate";
	regs[1] = PSTATE_KEY;
	for (unsigned k = 0; k < SDD_CONTEXT_REGS; k++) {
		names[2 + k] = sim_reg_name(SIM_R_X0 + k);
		regs[2 + k] = (uint8_t)(SIM_R_X0 + k);
	}
	return checks_map(s, id, &spec, regs, b);
}

/* `events`: {EVENT: {ep, arg, flags, state}}, one part each. */
static bool events(struct scn *s, int id, struct parts *ps)
{
	static const char *const keys[] = { "ep", "arg", "flags", "state" };
	static const uint8_t regs[] = { SIM_R_VIEW_EP, SIM_R_VIEW_ARG, SIM_R_VIEW_FLAGS, SIM_R_VIEW_STATE };
	static const struct scn_map_spec spec = {
		"an entry of `events`", keys, 4, 15, "ep, arg, flags, state",
	};
	const yaml_node_pair_t *pairs;
	char found[SCN_MSG_MAX], text[SIM_QUOTE_SIZE];
	uint32_t first;
	int n, v;
	bool ok = true;

	if (!scn_is(s, id, YAML_MAPPING_NODE))
		return scn_fail(s, id, "`events` is a map {EVENT: {ep, arg, flags, state}}, found %s",
				scn_describe(s, id, found, sizeof found));
	n = scn_map(s, id, "`events`", &pairs);
	part_end(s, ps);
	first = s->prog->nviews;
	for (int k = 0; k < n && ok; k++) {
		struct sim_value ev;
		if (!scn_value(s, pairs[k].key, SCN_V_RUNTIME, "an event of `events`", &ev))
			return false;
		/* The earlier entries are in the pool already (part_end). */
		for (uint32_t j = first; j < s->prog->nviews; j++) {
			const struct sim_expect_view *o = &s->prog->views[j];
			if (o->event.kind == ev.kind && o->event.u == ev.u)
				return scn_fail(s, pairs[k].key, "event %s is listed twice in `events` "
						"(first at %u:%u)", scn_show(s, pairs[k].key, text),
						o->loc.line, o->loc.col);
		}
		part_start(s, ps, SIM_VIEW_EVENT, scn_loc(s, pairs[k].key));
		ps->v.event = ev;
		v = scn_by_profile(s, pairs[k].value);
		ok = v && checks_map(s, v, &spec, regs, &ps->b);
		part_end(s, ps);
	}
	return ok && n >= 0;
}

/* see scn_internal.h */
bool scn_parse_expect_view(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	static const struct scn_map_spec spec = {
		"expect_view", view_keys, V_COUNT, SCN_BIT(V_COUNT) - 1, NULL,
	};
	int id = in->f[SCN_OK_EXPECT_VIEW].value;
	struct scn_field f[V_COUNT];
	unsigned order[V_COUNT], count;
	struct parts parts, *ps = &parts;
	char found[SCN_MSG_MAX];
	bool ok;

	if (!scn_is(s, id, YAML_MAPPING_NODE))
		return scn_fail(s, id, "expect_view is a map {pe: N, masked, depth, registered, "
				"enabled, running, pending, bound, context, nested_context, events}, "
				"found %s", scn_describe(s, id, found, sizeof found));
	ok = scn_fields(s, id, &spec, f);
	if (!f[V_PE].key)
		return scn_fail(s, id, "expect_view needs `pe: N` (the PE whose view is checked)");
	ok &= scn_pe(s, f[V_PE].value, "`pe`", &op->pe);
	memset(ps, 0, sizeof *ps);
	op->list = s->prog->nviews;
	count = scn_in_file_order(f, V_COUNT, order);
	for (unsigned k = 0; k < count && ok; k++) {
		unsigned key = order[k];
		int v = key == V_PE ? 0 : scn_by_profile(s, f[key].value);
		struct sim_match m;

		if (key == V_PE)
			continue;
		if (!v) {
			ok = false;
		} else if (key == V_CONTEXT || key == V_NESTED_CONTEXT) {
			part_start(s, ps, key == V_CONTEXT ? SIM_VIEW_CONTEXT : SIM_VIEW_NESTED_CONTEXT,
				   scn_loc(s, f[key].key));
			ok = context(s, v, view_keys[key], &ps->b);
		} else if (key == V_EVENTS) {
			ok = events(s, v, ps);
		} else {
			if (!ps->open || ps->v.part != SIM_VIEW_PE)
				part_start(s, ps, SIM_VIEW_PE, scn_loc(s, f[key].key));
			ok = key >= V_REGISTERED ? set_match(s, v, view_keys[key], &m) :
			     scn_match(s, v, VIEW_VFLAGS, &m);
			if (ok)
				scn_checks_add(&ps->b, SIM_R_VIEW_MASKED + key - V_MASKED, &m);
		}
	}
	part_end(s, ps);
	op->nlist = s->prog->nviews - op->list;
	return ok;
}
