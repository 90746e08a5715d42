/*
 * scn_steps.c - `steps` (contract "steps") and the kinds only steps have:
 * set, wake, resume, dispatch, expect_dispatches, expect_resumes.  The
 * kinds steps share with handler actions are in scn_ops.c.
 */
#include <stdio.h>
#include <string.h>

#include "scn_internal.h"

/* see scn_internal.h */
bool scn_steps(struct scn *s, int id)
{
	const yaml_node_item_t *items;
	int n = scn_seq(s, id, "`steps`", &items);

	if (n < 0)
		return false;
	for (int k = 0; k < n; k++) {
		struct sim_op op;
		if (!scn_op(s, items[k], false, &op))
			return false;        /* the rest of the list comes later in the file */
		sim_add_step(s->prog, &op);
	}
	return true;
}

/* see scn_internal.h */
bool scn_parse_pe_kind(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	static const char *const what[SCN_OK_KINDS] = {
		[SCN_OK_WAKE] = "`wake`", [SCN_OK_RESUME] = "`resume`",
		[SCN_OK_HOLD] = "`hold`", [SCN_OK_HAND_OVER] = "`hand_over`",
	};

	return scn_pe(s, in->f[in->kind].value, what[in->kind], &op->pe);
}

/* see scn_internal.h */
bool scn_parse_dispatch(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	bool ok = scn_op_pe(s, in, 0, op);

	int id = in->f[SCN_OK_DISPATCH].value;

	if (scn_value(s, id, SCN_V_RUNTIME, "`dispatch`", &op->event)) {
		char text[SIM_QUOTE_SIZE];
		/* Cut to 32 bits it would dispatch another event; a lenient
		 * program (a fuzz reproducer) is run as the fuzzer ran it. */
		if (op->event.kind == SIM_V_CONST && !sim_event_fits(op->event.u) && !s->prog->lenient)
			ok = scn_fail(s, id, "the event number a firmware dispatch passes has 32 bits, "
				      "found %s", scn_show(s, id, text));
	} else {
		ok = false;
	}
	if (in->f[SCN_OK_EXPECT].key)
		ok &= scn_expect(s, in->f[SCN_OK_EXPECT].value, false, false, &op->checks, &op->nchecks);
	return ok;
}

/* ---- set ---- */

struct assigns {
	struct sim_assign a[SCN_REG_KEYS + SCN_PSTATE_FIELDS];
	unsigned n;
};

static void assign(struct assigns *b, unsigned reg, struct sim_value v, struct sim_loc loc)
{
	struct sim_assign *a;

	if (b->n == sizeof b->a / sizeof b->a[0])
		return;                 /* cannot happen: keys are unique */
	a = &b->a[b->n++];
	a->reg = (uint8_t)reg;
	a->v = v;
	a->loc = loc;
}

/* `pstate: {pan, dit, nzcv}`: the PSTATE fields a step may set. */
static bool set_pstate(struct scn *s, int id, struct assigns *b)
{
	enum { PAN = SIM_R_PSTATE_PAN - SIM_R_PSTATE_EL, DIT, NZCV };
	static const struct scn_map_spec spec = {
		"`pstate` of a set step", scn_pstate_fields, SCN_PSTATE_FIELDS,
		SCN_BIT(PAN) | SCN_BIT(DIT) | SCN_BIT(NZCV), NULL,
	};
	struct scn_field f[SCN_PSTATE_FIELDS];
	unsigned order[SCN_PSTATE_FIELDS], n;
	char found[SCN_MSG_MAX];
	bool ok;

	if (!scn_is(s, id, YAML_MAPPING_NODE))
		return scn_fail(s, id, "`pstate` in a set step is a map of fields {pan: 0|1, dit: "
				"0|1, nzcv: 0..15}, found %s", scn_describe(s, id, found, sizeof found));
	ok = scn_fields(s, id, &spec, f);
	n = scn_in_file_order(f, SCN_PSTATE_FIELDS, order);
	for (unsigned k = 0; k < n; k++) {
		unsigned field = order[k];
		uint64_t v;
		char what[24];
		snprintf(what, sizeof what, "`%s`", scn_pstate_fields[field]);
		if (scn_uint(s, f[field].value, what, 0, field == NZCV ? 15 : 1, &v))
			assign(b, SIM_R_PSTATE_EL + field, sim_const(v), scn_loc(s, f[field].value));
		else
			ok = false;
	}
	return ok;
}

/* see scn_internal.h */
bool scn_parse_set(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	const char *names[SCN_REG_KEYS];
	struct scn_map_spec spec = {
		"`set`", names, SCN_REG_KEYS, SCN_BIT(SCN_REG_KEYS) - 1, "x0..x30, sp or pstate",
	};
	struct scn_field f[SCN_REG_KEYS];
	unsigned order[SCN_REG_KEYS], n;
	struct assigns b;
	char found[SCN_MSG_MAX];
	int id = in->f[SCN_OK_SET].value;
	bool ok = scn_op_pe(s, in, 0, op);

	b.n = 0;
	scn_reg_keys(names);
	if (!scn_is(s, id, YAML_MAPPING_NODE))
		return scn_fail(s, id, "`set` is a map of registers such as {x4: 0x4444, sp: 0x81000, "
				"pstate: {pan: 1}}, found %s", scn_describe(s, id, found, sizeof found));
	ok &= scn_fields(s, id, &spec, f);
	n = scn_in_file_order(f, SCN_REG_KEYS, order);
	for (unsigned k = 0; k < n; k++) {
		unsigned reg = order[k];
		struct sim_value v;
		if (reg == SCN_REG_PSTATE)
			ok &= set_pstate(s, f[reg].value, &b);
		else if (scn_value(s, f[reg].value, SCN_V_RUNTIME, "a register value", &v))
			assign(&b, reg, v, scn_loc(s, f[reg].value));
		else
			ok = false;
	}
	/* Appended together: one step's assignments are contiguous. */
	op->sets = s->prog->nassigns;
	for (unsigned k = 0; k < b.n; k++)
		sim_add_assign(s->prog, &b.a[k]);
	op->nsets = b.n;
	return ok;
}

/* ---- expect_dispatches / expect_resumes ---- */

/* The keys of expect_dispatches as a map, by enum sim_list_form less one. */
static const char *const form_keys[3] = { "includes", "starts_with", "excludes" };

/* The list of an expect_dispatches {includes | starts_with | excludes:
 * [...]} (map, a map with one of the keys): its id, with *form and *what
 * its key in words, or 0 (error recorded). */
static int form_list(struct scn *s, int map, uint8_t *form, const char **what)
{
	static const char *const said[3] = { "`includes`", "`starts_with`", "`excludes`" };
	static const struct scn_map_spec spec = {
		"`expect_dispatches` as a map", form_keys, 3, 7, NULL,
	};
	struct scn_field f[3];
	int list = 0;

	if (!scn_fields(s, map, &spec, f))
		return 0;
	for (unsigned k = 0; k < 3; k++) {
		if (!f[k].value)
			continue;
		if (list) {
			scn_fail(s, f[k].key, "`expect_dispatches` as a map has one key: `includes`, "
				 "`starts_with` or `excludes`");
			return 0;
		}
		list = f[k].value;
		*form = (uint8_t)(SIM_LIST_INCLUDES + k);
		*what = said[k];
	}
	return list;
}

/* The entries of an expect_* list, or of the list a {by_profile: ...}
 * chooses: each parsed by entry(), which appends it to its pool (nothing
 * else appends to that pool meanwhile).  With form (expect_dispatches),
 * the list may be the {includes: [...]} or {starts_with: [...]} of the
 * chosen value: *form says which. */
static bool entries(struct scn *s, const struct scn_opin *in, const char *what,
		    bool (*entry)(struct scn *s, int id), uint8_t *form)
{
	const yaml_node_item_t *items;
	int list = in->f[in->kind].value;
	int chosen = scn_by_profile(s, list);
	bool ok = true;
	int n;

	if (chosen == 0)
		return false;
	s->profile_chosen = chosen != list;
	/* a map without any of the keys is the list form's error, as before the keys */
	if (form && scn_has_key(s, chosen, form_keys, 3, 7))
		chosen = form_list(s, chosen, form, &what);
	n = chosen ? scn_seq(s, chosen, what, &items) : -1;
	if (n == 0 && form && *form != SIM_LIST_ALL)
		ok = scn_fail(s, chosen, "%s lists at least one entry (`expect_dispatches: []` "
			      "expects none)", what);
	for (int k = 0; k < n && ok; k++)
		ok = entry(s, items[k]);
	s->profile_chosen = false;
	return ok && n >= 0;
}

/* A field of an expect_* entry, when present: *has and its expectation. */
static bool field(struct scn *s, struct scn_field f, unsigned vflags, const char *what, uint8_t *has,
		  struct sim_match *m)
{
	if (!f.key)
		return true;
	*has = 1;
	return scn_match_field(s, f.value, vflags, what, m);
}

static bool dispatch_entry(struct scn *s, int id)
{
	enum { D_PE, D_EVENT, D_HANDLER, D_ARG, D_DEPTH, D_COUNT };
	static const char *const keys[D_COUNT] = { "pe", "event", "handler", "arg", "depth" };
	static const struct scn_map_spec spec = {
		"an entry of expect_dispatches", keys, D_COUNT, SCN_BIT(D_COUNT) - 1, NULL,
	};
	struct scn_field f[D_COUNT];
	struct sim_expect_dispatch e;
	char found[SCN_MSG_MAX];
	bool ok;

	memset(&e, 0, sizeof e);
	e.loc = scn_loc(s, id);
	if (!scn_is(s, id, YAML_MAPPING_NODE))
		return scn_fail(s, id, "an entry of expect_dispatches is a map {pe, event, handler, "
				"arg, depth} (each optional), found %s", scn_describe(s, id, found, sizeof found));
	ok = scn_fields(s, id, &spec, f);
	ok &= field(s, f[D_PE], SCN_V_PE_INDEX, "`pe`", &e.has_pe, &e.pe);
	ok &= field(s, f[D_EVENT], SCN_V_RUNTIME, "the expected value", &e.has_event, &e.event);
	ok &= field(s, f[D_HANDLER], SCN_V_RUNTIME | SCN_V_HANDLER_NAME, "`handler`", &e.has_handler,
		    &e.handler);
	ok &= field(s, f[D_ARG], SCN_V_RUNTIME, "the expected value", &e.has_arg, &e.arg);
	ok &= field(s, f[D_DEPTH], SCN_V_CONST, "`depth`", &e.has_depth, &e.depth);
	sim_add_dispatch(s->prog, &e);
	return ok;
}

static bool resume_entry(struct scn *s, int id)
{
	enum { R_PE, R_ELR, R_SPSR, R_PSTATE, R_COUNT };
	static const char *const keys[R_COUNT] = { "pe", "elr", "spsr", "pstate" };
	static const struct scn_map_spec spec = {
		"an entry of expect_resumes", keys, R_COUNT, SCN_BIT(R_COUNT) - 1, NULL,
	};
	struct scn_field f[R_COUNT];
	struct sim_expect_resume e;
	struct scn_checks b;
	unsigned order[R_COUNT], n;
	char found[SCN_MSG_MAX];
	bool ok;

	memset(&e, 0, sizeof e);
	e.loc = scn_loc(s, id);
	b.n = 0;
	if (!scn_is(s, id, YAML_MAPPING_NODE))
		return scn_fail(s, id, "an entry of expect_resumes is a map {pe, elr, spsr, pstate} "
				"(each optional), found %s", scn_describe(s, id, found, sizeof found));
	ok = scn_fields(s, id, &spec, f);
	ok &= field(s, f[R_PE], SCN_V_PE_INDEX, "`pe`", &e.has_pe, &e.pe);
	n = scn_in_file_order(f + R_ELR, R_COUNT - R_ELR, order);
	for (unsigned k = 0; k < n; k++) {
		unsigned key = R_ELR + order[k];
		struct sim_match m;
		if (key == R_PSTATE) {
			ok &= scn_pstate_checks(s, f[key].value, &b);
		} else if (scn_match(s, f[key].value, SCN_V_RUNTIME | SCN_V_INTERRUPTED, &m)) {
			scn_checks_add(&b, key == R_ELR ? SIM_R_ELR : SIM_R_SPSR, &m);
		} else {
			ok = false;
		}
	}
	scn_checks_commit(s, &b, &e.checks, &e.nchecks);
	sim_add_resume(s->prog, &e);
	return ok;
}

/* see scn_internal.h */
bool scn_parse_expect_dispatches(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	op->list = s->prog->ndispatches;
	if (!entries(s, in, "`expect_dispatches`", dispatch_entry, &op->form))
		return false;
	op->nlist = s->prog->ndispatches - op->list;
	return true;
}

/* see scn_internal.h */
bool scn_parse_expect_resumes(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	op->list = s->prog->nresumes;
	if (!entries(s, in, "`expect_resumes`", resume_entry, NULL))
		return false;
	op->nlist = s->prog->nresumes - op->list;
	return true;
}
