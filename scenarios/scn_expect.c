/*
 * scn_expect.c - expectations (contract "Expectations"): one parser of the
 * EXPECT forms for every place that takes one, register maps, PSTATE as a
 * whole or by fields, the check lists they become, and `by_profile`
 * (FORMAT.md), which picks one of them by the profile the file runs on.
 *
 * Checks of one element are collected first and appended together, so
 * that they are contiguous in prog->checks (values of one_of lists go to
 * prog->values meanwhile, which is a different pool).  They are kept in
 * file order: the runner reports the first check that fails, and the
 * first one in the file is the one a reader expects.
 */
#include <inttypes.h>
#include <string.h>

#include "scn_internal.h"

/* see scn_internal.h */
const char *const scn_pstate_fields[SCN_PSTATE_FIELDS] = {
	"el", "daif", "spsel", "pan", "dit", "nzcv",
};

_Static_assert(SIM_R_PSTATE_NZCV - SIM_R_PSTATE_EL + 1 == SCN_PSTATE_FIELDS,
	       "PSTATE fields are consecutive registers, in scn_pstate_fields order");

/* see scn_internal.h */
void scn_reg_keys(const char *names[SCN_REG_KEYS])
{
	for (unsigned r = 0; r <= SIM_R_SP; r++)
		names[r] = sim_reg_name(r);
	names[SCN_REG_PSTATE] = sim_reg_name(SIM_R_PSTATE);
}

/* see scn_internal.h */
unsigned scn_in_file_order(const struct scn_field *f, unsigned n, unsigned *order)
{
	unsigned count = 0;

	for (unsigned k = 0; k < n; k++) {
		unsigned j;
		if (!f[k].key)
			continue;
		/* Insertion by key node id: ids grow in file order. */
		j = count++;
		while (j > 0 && f[order[j - 1]].key > f[k].key) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = k;
	}
	return count;
}

/* see scn_internal.h */
void scn_checks_add(struct scn_checks *b, unsigned reg, const struct sim_match *m)
{
	if (b->n < SCN_MAX_CHECKS) {
		b->c[b->n].reg = (uint8_t)reg;
		b->c[b->n].m = *m;
		b->n++;
	}
}

/* see scn_internal.h */
void scn_checks_commit(struct scn *s, const struct scn_checks *b, uint32_t *first, uint32_t *n)
{
	*first = s->prog->nchecks;
	for (unsigned k = 0; k < b->n; k++)
		sim_add_check(s->prog, &b->c[k]);
	*n = b->n;
}

/* ---- by_profile ---- */

static const char *const by_profile_key[] = { "by_profile" };

/* see scn_internal.h */
bool scn_is_by_profile(struct scn *s, int id)
{
	return scn_has_key(s, id, by_profile_key, 1, 1);
}

/* see scn_internal.h */
int scn_by_profile(struct scn *s, int id)
{
	static const struct scn_map_spec outer = {
		"a by_profile expectation", by_profile_key, 1, 1, NULL,
	};
	const char *names[SCN_MAX_PROFILES];
	struct scn_map_spec spec = { "`by_profile`", names, 0, 0, NULL };
	struct scn_field f[1], pf[SCN_MAX_PROFILES];
	const char *profile = s->prog->platform.profile;
	char found[SCN_MSG_MAX];
	unsigned n = 0, chosen = SCN_MAX_PROFILES;
	int v;

	if (!scn_is_by_profile(s, id))
		return id;
	if (s->profile_chosen) {
		scn_fail(s, id, "by_profile cannot be nested: the profile is already chosen here");
		return 0;
	}
	if (!scn_fields(s, id, &outer, f))
		return 0;
	if (!scn_is(s, f[0].value, YAML_MAPPING_NODE)) {
		scn_fail(s, f[0].value, "`by_profile` is a map from profile names to expectations, "
			 "such as {default: SUCCESS, tf-a-fvp: DENIED}, found %s",
			 scn_describe(s, f[0].value, found, sizeof found));
		return 0;
	}
	while (n < SCN_MAX_PROFILES && (names[n] = sim_profile_name(n)) != NULL) {
		if (strcmp(names[n], profile) == 0)
			chosen = n;
		n++;
	}
	spec.n = n;
	spec.allowed = SCN_BIT(n) - 1;
	/* Every key must be a profile; only the chosen entry is read: the
	 * others are meant for another platform (PE count, events), so
	 * checking them against this one would refuse good files. */
	if (!scn_fields(s, f[0].value, &spec, pf))
		return 0;
	if (chosen == SCN_MAX_PROFILES || !pf[chosen].key) {
		scn_fail(s, f[0].value, "no expectation for profile '%s'", profile);
		return 0;
	}
	v = pf[chosen].value;
	if (scn_is_by_profile(s, v)) {
		scn_fail(s, v, "by_profile cannot be nested: the profile is already chosen here");
		return 0;
	}
	return v;
}

#define TYPED (SCN_V_PE_INDEX | SCN_V_HANDLER_NAME)

/* A value of an expectation (plain, a one_of member, not; mask and value
 * with TYPED cleared from vflags). */
static bool expect_value(struct scn *s, int id, unsigned vflags, const char *what,
			 struct sim_value *out)
{
	uint8_t pe;
	int32_t h;

	id = scn_by_profile(s, id);
	if (!id)
		return false;
	if (vflags & SCN_V_PE_INDEX) {
		if (!scn_pe(s, id, what, &pe))
			return false;
		*out = sim_const(pe);
		return true;
	}
	if (vflags & SCN_V_HANDLER_NAME) {
		if (!scn_handler_ref(s, id, what, &h))
			return false;
		out->kind = SIM_V_HANDLER;
		out->u = (uint64_t)h;
		return true;
	}
	return scn_value(s, id, vflags, what, out);
}

/* ---- One EXPECT ---- */

enum { E_MASK, E_VALUE, E_NOT, E_ONE_OF, E_OFFSET, E_MPIDR, E_KEYS };

static const char *const expect_keys[E_KEYS] = {
	"mask", "value", "not", "one_of", "offset", "mpidr",
};

static const struct scn_map_spec expect_spec = {
	"an expectation", expect_keys, E_KEYS, SCN_BIT(E_KEYS) - 1,
	"{mask: M, value: V}, {not: V}, {one_of: [V, ...]}, or a value {offset: HANDLER} or "
	"{mpidr: N}",
};

static bool one_of(struct scn *s, int id, unsigned vflags, struct sim_match *m)
{
	const yaml_node_item_t *items;
	int n = scn_seq(s, id, "`one_of`", &items);

	if (n < 0)
		return false;
	if (n == 0)
		return scn_fail(s, id, "`one_of` needs at least one value (an empty list never "
				"matches)");
	m->kind = SIM_M_ONE_OF;
	m->list = s->prog->nvalues;
	for (int k = 0; k < n; k++) {
		struct sim_value v;
		if (!expect_value(s, items[k], vflags, "a `one_of` value", &v))
			return false;
		sim_add_value(s->prog, v);
	}
	m->count = (uint32_t)n;
	return true;
}

/* see scn_internal.h */
bool scn_match(struct scn *s, int id, unsigned vflags, struct sim_match *m)
{
	return scn_match_field(s, id, vflags, "the expected value", m);
}

/* see scn_internal.h */
bool scn_match_field(struct scn *s, int id, unsigned vflags, const char *what, struct sim_match *m)
{
	struct scn_field f[E_KEYS];
	unsigned order[E_KEYS], n, forms = 0;
	bool ok;

	memset(m, 0, sizeof *m);
	id = scn_by_profile(s, id);
	if (!id)
		return false;
	m->loc = scn_loc(s, id);
	if (scn_is(s, id, YAML_SEQUENCE_NODE))
		return scn_fail(s, id, "an expectation is a value, {mask: M, value: V}, {not: V} or "
				"{one_of: [V, ...]}, found a sequence");
	if (!scn_is(s, id, YAML_MAPPING_NODE) || scn_has_key(s, id, expect_keys + E_OFFSET, 2, 3)) {
		m->kind = SIM_M_EQ;
		return expect_value(s, id, vflags, what, &m->a);
	}
	if (!scn_fields(s, id, &expect_spec, f))
		return false;
	/* One form: mask+value, not, or one_of. */
	n = scn_in_file_order(f, E_ONE_OF + 1, order);
	for (unsigned k = 0; k < n; k++) {
		unsigned form = order[k] == E_VALUE ? E_MASK : order[k];
		if (forms & SCN_BIT(form) || k == 0) {
			forms |= SCN_BIT(form);
			continue;
		}
		return scn_fail(s, f[order[k]].key, "an expectation has one form: '%s' cannot be "
				"used with '%s'", expect_keys[order[k]], expect_keys[order[0]]);
	}
	if (f[E_MASK].key || f[E_VALUE].key) {
		if (!f[E_MASK].key || !f[E_VALUE].key)
			return scn_fail(s, id, "{mask: M, value: V} needs both `mask` and `value`");
		m->kind = SIM_M_MASK;
		ok = expect_value(s, f[E_MASK].value, vflags & ~TYPED, "`mask`", &m->a);
		ok &= expect_value(s, f[E_VALUE].value, vflags & ~TYPED, "`value`", &m->b);
		/* (x & mask) == value cannot hold for any x */
		if (ok && m->a.kind == SIM_V_CONST && m->b.kind == SIM_V_CONST && (m->b.u & ~m->a.u))
			return scn_fail(s, f[E_VALUE].value, "`value` 0x%" PRIx64 " has bits the mask 0x%" PRIx64
					" clears (0x%" PRIx64 "): the expectation can never hold", m->b.u, m->a.u,
					m->b.u & ~m->a.u);
		return ok;
	}
	if (f[E_NOT].key) {
		m->kind = SIM_M_NOT;
		return expect_value(s, f[E_NOT].value, vflags, "`not`", &m->a);
	}
	if (f[E_ONE_OF].key)
		return one_of(s, f[E_ONE_OF].value, vflags, m);
	return scn_fail(s, id, "an expectation is a value, {mask: M, value: V}, {not: V} or "
			"{one_of: [V, ...]}, found an empty map");
}

/* ---- Register maps ---- */

/* Checks for the fields f[0..n) in file order: field k checks reg0 + k. */
static bool field_checks(struct scn *s, const struct scn_field *f, unsigned n, unsigned reg0,
			 unsigned vflags, struct scn_checks *b)
{
	unsigned order[SCN_REG_KEYS];
	unsigned count = scn_in_file_order(f, n, order);
	bool ok = true;

	for (unsigned k = 0; k < count; k++) {
		struct sim_match m;
		if (scn_match(s, f[order[k]].value, vflags, &m))
			scn_checks_add(b, reg0 + order[k], &m);
		else
			ok = false;
	}
	return ok;
}

/* see scn_internal.h */
bool scn_pstate_checks(struct scn *s, int id, struct scn_checks *b)
{
	static const struct scn_map_spec spec = {
		"`pstate`", scn_pstate_fields, SCN_PSTATE_FIELDS, SCN_BIT(SCN_PSTATE_FIELDS) - 1,
		"el, daif, spsel, pan, dit, nzcv; or the whole value as an expectation, "
		"{mask: M, value: V}, {not: V} or {one_of: [V, ...]}",
	};
	const unsigned vflags = SCN_V_RUNTIME | SCN_V_INTERRUPTED;
	struct scn_field f[SCN_PSTATE_FIELDS];
	struct sim_match m;

	id = scn_by_profile(s, id);
	if (!id)
		return false;
	/* A map of fields - or of none a pstate or an expectation knows: the
	 * message then names the fields too, not only the expectation forms.
	 * An empty map is neither: scn_match refuses it (it would check
	 * nothing). */
	if (scn_has_key(s, id, scn_pstate_fields, SCN_PSTATE_FIELDS, SCN_BIT(SCN_PSTATE_FIELDS) - 1) ||
	    (scn_is_keyed_map(s, id) && !scn_has_key(s, id, expect_keys, E_KEYS, SCN_BIT(E_KEYS) - 1))) {
		bool ok = scn_fields(s, id, &spec, f);
		ok &= field_checks(s, f, SCN_PSTATE_FIELDS, SIM_R_PSTATE_EL, vflags, b);
		return ok;
	}
	if (!scn_match(s, id, vflags, &m))
		return false;
	scn_checks_add(b, SIM_R_PSTATE, &m);
	return true;
}

/* {returns: E} (FORMAT.md): a check that the call returned, first; id
 * becomes E's node.  false (with a message) when it is not allowed here
 * or not alone in its map. */
static bool returns_form(struct scn *s, int *id, bool allowed, struct scn_checks *b)
{
	static const char *const key[] = { "returns" };
	static const struct scn_map_spec spec = { "{returns: E}", key, 1, 1, "returns, alone" };
	struct scn_field f[1];
	struct sim_match m;

	if (!allowed)
		return scn_fail(s, *id, "`returns` is for calls: a firmware dispatch is not a call that returns");
	if (!scn_fields(s, *id, &spec, f))
		return false;
	memset(&m, 0, sizeof m);
	m.kind = SIM_M_EQ;
	m.a = sim_const(1);
	m.loc = scn_loc(s, f[0].key);
	scn_checks_add(b, SIM_R_RETURNED, &m);
	*id = scn_by_profile(s, f[0].value);
	return *id != 0;
}

/* see scn_internal.h */
bool scn_expect(struct scn *s, int id, bool width32, bool returns, uint32_t *first, uint32_t *n)
{
	static const char *const returns_key[] = { "returns" };
	const char *names[SCN_REG_KEYS];
	const uint64_t xn = SCN_BIT(SIM_R_SP) - 1;
	struct scn_map_spec spec = { "a register map", names, SCN_REG_KEYS, xn, "x0..x30" };
	struct scn_field f[SCN_REG_KEYS];
	struct scn_checks b;
	struct sim_match m;
	bool ok;

	b.n = 0;
	scn_reg_keys(names);
	id = scn_by_profile(s, id);
	if (id && scn_has_key(s, id, returns_key, 1, 1) && !returns_form(s, &id, returns, &b))
		id = 0;
	if (!id) {
		*first = s->prog->nchecks;
		*n = 0;
		return false;
	}
	if (scn_has_key(s, id, names, SCN_REG_KEYS, xn)) {
		ok = scn_fields(s, id, &spec, f);
		ok &= field_checks(s, f, SIM_R_SP, SIM_R_X0, SCN_V_RUNTIME, &b);
	} else if (scn_is_keyed_map(s, id) && !scn_has_key(s, id, expect_keys, E_KEYS, SCN_BIT(E_KEYS) - 1)) {
		/* keys of neither form: the message names both, the register
		 * map too (x31, sp: not a call's); no key at all, `{}`, is
		 * scn_match's to refuse (a register map of nothing checks
		 * nothing) */
		spec.what = "an expectation";
		spec.hint = "a register map of x0..x30, or {mask: M, value: V}, {not: V}, {one_of: [V, ...]}, "
			       "or a value {offset: HANDLER} or {mpidr: N}";
		ok = scn_fields(s, id, &spec, f);
	} else {
		ok = scn_match(s, id, SCN_V_RUNTIME, &m);
		scn_checks_add(&b, SIM_R_X0, &m);
	}
	/* PSCI results are 32-bit: x0 alone is compared sign-extended. */
	for (unsigned k = 0; k < b.n; k++)
		b.c[k].m.width32 = width32 && b.c[k].reg == SIM_R_X0;
	scn_checks_commit(s, &b, first, n);
	return ok;
}

/* see scn_internal.h */
bool scn_entry_checks(struct scn *s, int id, uint32_t *first, uint32_t *n)
{
	const char *names[SCN_REG_KEYS];
	struct scn_map_spec spec = {
		"expect_entry", names, SCN_REG_KEYS, SCN_BIT(SCN_REG_KEYS) - 1, "x0..x30, sp or pstate",
	};
	struct scn_field f[SCN_REG_KEYS];
	struct scn_checks b;
	bool ok;

	unsigned order[SCN_REG_KEYS], count;

	b.n = 0;
	scn_reg_keys(names);
	ok = scn_fields(s, id, &spec, f);
	count = scn_in_file_order(f, SCN_REG_KEYS, order);
	for (unsigned k = 0; k < count; k++) {
		struct sim_match m;
		if (order[k] == SCN_REG_PSTATE)
			ok &= scn_pstate_checks(s, f[order[k]].value, &b);
		else if (scn_match(s, f[order[k]].value, SCN_V_RUNTIME | SCN_V_INTERRUPTED, &m))
			scn_checks_add(&b, SIM_R_X0 + order[k], &m);
		else
			ok = false;
	}
	scn_checks_commit(s, &b, first, n);
	return ok;
}
