/*
 * scn_value.c - values (contract "Values"): numbers, the names that stand
 * for numbers, and the forms resolved when the scenario runs ($name,
 * handlers, {offset: h}, {mpidr: N}, resume_pad, interrupted_*).
 *
 * A number is a plain scalar: decimal or 0x hex, either of them negative
 * (kept as its two's complement).  A quoted "4" is a string, as YAML says.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"
#include "sdd/sdd_spec.h"

/* Names that are numbers anywhere a number is expected. */
static const struct {
	const char *name;
	int64_t value;
} value_names[] = {
	{ "SUCCESS", SDD_SUCCESS },
	{ "NOT_SUPPORTED", SDD_NOT_SUPPORTED },
	{ "INVALID_PARAMETERS", SDD_INVALID_PARAMETERS },
	{ "DENIED", SDD_DENIED },
	{ "PENDING", SDD_PENDING },
	{ "OUT_OF_RESOURCE", SDD_OUT_OF_RESOURCE },
	{ "RM_ANY", SDD_RM_ANY },
	{ "RM_PE", SDD_RM_PE },
	{ "HANDLED", SDD_EV_HANDLED },
	{ "FAILED", SDD_EV_FAILED },
	{ "TYPE", SDD_INFO_EV_TYPE },
	{ "SIGNALED", SDD_INFO_EV_SIGNALED },
	{ "PRIORITY", SDD_INFO_EV_PRIORITY },
	{ "ROUTING_MODE", SDD_INFO_EV_ROUTING_MODE },
	{ "ROUTING_AFF", SDD_INFO_EV_ROUTING_AFF },
	{ "BIND_SLOTS", SDD_FEATURE_BIND_SLOTS },
	{ "RELATIVE_MODE", SDD_FEATURE_RELATIVE_MODE },
};

/* Names resolved when the scenario runs, and where they may be used. */
static const struct {
	const char *name;
	uint8_t kind;            /* enum sim_vkind */
	unsigned needs;          /* enum scn_vflags */
} run_names[] = {
	{ "resume_pad", SIM_V_RESUME_PAD, SCN_V_RUNTIME },
	{ "interrupted_pc", SIM_V_INT_PC, SCN_V_INTERRUPTED },
	{ "interrupted_pstate", SIM_V_INT_PSTATE, SCN_V_INTERRUPTED },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool is(const char *text, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(text, lit, len) == 0;
}

/* see scn_internal.h */
bool scn_is_reserved(const char *text, size_t len)
{
	for (size_t k = 0; k < COUNT(value_names); k++)
		if (is(text, len, value_names[k].name))
			return true;
	for (size_t k = 0; k < COUNT(run_names); k++)
		if (is(text, len, run_names[k].name))
			return true;
	return scn_is_yaml_word(text, len);
}

/* see scn_internal.h */
int scn_find_var(const struct sim_program *p, const char *name, size_t len)
{
	for (uint32_t k = 0; k < p->nvars; k++)
		if (is(name, len, sim_str(p, p->vars[k])))
			return (int)k;
	return -1;
}

/* ---- Numbers ---- */

enum number { NUM_OK, NUM_SYNTAX, NUM_RANGE };

static int digit(char c, unsigned base)
{
	int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
	return d < (int)base ? d : -1;
}

/* Text that starts like a number: a digit, or a sign and a digit.  (A
 * '+' is not taken, but `+5` is a number written another way, not a
 * name: parse_number refuses it as such.) */
static bool number_like(const char *t, size_t len)
{
	size_t k = len > 0 && (t[0] == '-' || t[0] == '+') ? 1 : 0;
	return k < len && t[k] >= '0' && t[k] <= '9';
}

static enum number parse_number(const char *t, size_t len, uint64_t *out)
{
	bool neg = len > 0 && t[0] == '-', overflow = false;
	size_t k = neg ? 1 : 0;
	unsigned base = 10;
	uint64_t v = 0;

	if (len > k + 2 && t[k] == '0' && (t[k + 1] == 'x' || t[k + 1] == 'X')) {
		base = 16;
		k += 2;
	}
	if (k >= len)
		return NUM_SYNTAX;
	for (; k < len; k++) {
		int d = digit(t[k], base);
		if (d < 0)
			return NUM_SYNTAX;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			overflow = true;        /* keep going: "0x1FFFFZ" is not a number at all */
		else
			v = v * base + (uint64_t)d;
	}
	if (overflow || (neg && v > (UINT64_C(1) << 63)))
		return NUM_RANGE;
	*out = neg ? (uint64_t)0 - v : v;
	return NUM_OK;
}

/* ---- Values ---- */

static bool need_runtime(struct scn *s, int id, unsigned flags, const char *what, const char *form)
{
	char text[SIM_QUOTE_SIZE];

	if (flags & SCN_V_RUNTIME)
		return true;
	return scn_fail(s, id, "%s must be a number known when the file loads, found %s%s "
			"(resolved only when the scenario runs)", what, form,
			form[0] ? "" : scn_show(s, id, text));
}

/* {offset: HANDLER} or {mpidr: N}. */
static bool map_value(struct scn *s, int id, unsigned flags, const char *what,
		      struct sim_value *out)
{
	static const char *const keys[] = { "offset", "mpidr" };
	static const struct scn_map_spec spec = {
		"a value", keys, 2, 3, "a map as a value is {offset: HANDLER} or {mpidr: N}",
	};
	struct scn_field f[2];
	int32_t h = 0;
	uint8_t pe = 0;

	if (scn_is_by_profile(s, id))
		return scn_fail(s, id, "%s: `by_profile` is only used where an expectation is (expect, "
				"expect_entry, expect_dispatches, expect_resumes, expect_view)", what);
	if (!scn_fields(s, id, &spec, f))
		return false;
	if ((f[0].key != 0) == (f[1].key != 0))
		return scn_fail(s, f[1].key ? f[1].key : id, "%s: a map as a value has one key, "
				"offset or mpidr (as {offset: HANDLER} or {mpidr: N})", what);
	if (!need_runtime(s, id, flags, what, f[0].key ? "{offset: ...}" : "{mpidr: ...}"))
		return false;
	if (f[0].key) {
		if (!scn_handler_ref(s, f[0].value, "`offset`", &h))
			return false;
		out->kind = SIM_V_HANDLER_OFF;
		out->u = (uint64_t)h;
		return true;
	}
	if (!scn_pe(s, f[1].value, "`mpidr`", &pe))
		return false;
	out->kind = SIM_V_MPIDR;
	out->u = pe;
	return true;
}

/* The error of a PE index that is not one: what the field takes, rather
 * than the value names any number may be written as. */
static bool not_a_pe(struct scn *s, int id, const char *what, bool quoted)
{
	uint32_t pes = s->prog->platform.pes;
	char text[SIM_QUOTE_SIZE];
	const char *q = quoted ? "'" : "";

	return scn_fail(s, id, "%s must be a PE index 0..%u (the platform has %u PE%s), found %s%s%s",
			what, pes - 1, pes, pes == 1 ? "" : "s", q, scn_show(s, id, text), q);
}

/* Offer every handler's name to nr (scn_near). */
static void near_handlers(const struct scn *s, const char *t, size_t len, struct scn_near *nr)
{
	for (uint32_t k = 0; k < s->prog->nhandlers; k++)
		scn_near(nr, t, len, sim_str(s->prog, s->prog->handlers[k].name));
}

/* scn_near_said of the names t[0..len) may be a slip of among those flags
 * allow where it stands: value names, and with SCN_V_RUNTIME run-time
 * names and handlers. */
static const char *near_name(const struct scn *s, const char *t, size_t len, unsigned flags,
			     struct scn_near *nr)
{
	for (size_t k = 0; k < COUNT(value_names); k++)
		scn_near(nr, t, len, value_names[k].name);
	if (flags & SCN_V_RUNTIME) {
		for (size_t k = 0; k < COUNT(run_names); k++)
			if (run_names[k].needs != SCN_V_INTERRUPTED || (flags & SCN_V_INTERRUPTED))
				scn_near(nr, t, len, run_names[k].name);
		near_handlers(s, t, len, nr);
	}
	return scn_near_said(nr, "");
}

/* A name: a value name, a run-time name or a handler. */
static bool name_value(struct scn *s, int id, unsigned flags, const char *what,
		       struct sim_value *out)
{
	const yaml_node_t *n = scn_node(s, id);
	const char *t = (const char *)n->data.scalar.value;
	size_t len = n->data.scalar.length;
	char text[SIM_QUOTE_SIZE], found[SCN_MSG_MAX];
	struct scn_near nr = { 0 };
	const char *near;
	int h;

	for (size_t k = 0; k < COUNT(value_names); k++) {
		if (is(t, len, value_names[k].name)) {
			*out = sim_const((uint64_t)value_names[k].value);
			return true;
		}
	}
	for (size_t k = 0; k < COUNT(run_names); k++) {
		if (!is(t, len, run_names[k].name))
			continue;
		if (run_names[k].needs == SCN_V_INTERRUPTED && !(flags & SCN_V_INTERRUPTED))
			return scn_fail(s, id, "%s can only be used in expect_entry, "
					"expect_resumes and expect_view", run_names[k].name);
		if (!need_runtime(s, id, flags, what, ""))
			return false;
		out->kind = run_names[k].kind;
		out->u = 0;
		return true;
	}
	/* libyaml ends every scalar with a NUL; an identifier has no other. */
	h = scn_is_ident(t, len) ? sim_find_handler(s->prog, t) : -1;
	if (h >= 0) {
		if (!need_runtime(s, id, flags, what, ""))
			return false;
		out->kind = SIM_V_HANDLER;
		out->u = (uint64_t)h;
		return true;
	}
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE && number_like(t, len))
		return scn_fail(s, id, "%s must be a number, found the string '%s' (quoted, so not "
				"a number)", what, scn_show(s, id, text));
	if (scn_is_null(s, id) || (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
				   scn_is_yaml_word(t, len)))
		return scn_fail(s, id, "%s must be a number or a name, found %s", what,
				scn_describe(s, id, found, sizeof found));
	if (flags & SCN_V_PE_INDEX)
		return not_a_pe(s, id, what, true);
	near = near_name(s, t, len, flags, &nr);
	if (near)
		return scn_fail(s, id, "unknown name '%s' in %s (did you mean %s?)",
				scn_show(s, id, text), what, near);
	return scn_fail(s, id, "unknown name '%s' in %s (%s)", scn_show(s, id, text), what,
			(flags & SCN_V_RUNTIME) ?
			"not a value name such as SUCCESS or RM_PE, nor a handler" :
			"expected a number or a value name such as SUCCESS or RM_PE");
}

/* A $name nothing saves, in a lenient file (it reads 0): declared on first
 * use.  -1 (error recorded) past the limit or out of memory. */
static int lenient_var(struct scn *s, int id, const char *name, size_t len)
{
	char *copy;
	uint32_t var;

	if (s->prog->nvars >= SCN_MAX_VARS)
		return scn_fail(s, id, "too many variables: at most %u different names can be used",
				SCN_MAX_VARS), -1;
	copy = strndup(name, len);
	if (copy == NULL) {
		s->prog->oom = true;
		return -1;
	}
	var = sim_var(s->prog, copy);
	free(copy);
	return var == UINT32_MAX ? -1 : (int)var;
}

/* see scn_internal.h */
bool scn_value(struct scn *s, int id, unsigned flags, const char *what, struct sim_value *out)
{
	const yaml_node_t *n = scn_node(s, id);
	char text[SIM_QUOTE_SIZE];
	const char *t;
	size_t len;
	int var;

	if (n && n->type == YAML_MAPPING_NODE)
		return map_value(s, id, flags, what, out);
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return scn_fail(s, id, "%s must be a number or a name, found a sequence", what);
	t = (const char *)n->data.scalar.value;
	len = n->data.scalar.length;
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && number_like(t, len)) {
		switch (parse_number(t, len, &out->u)) {
		case NUM_OK:
			out->kind = SIM_V_CONST;
			return true;
		case NUM_RANGE:
			return scn_fail(s, id, "number out of range: %s does not fit in 64 bits",
					scn_show(s, id, text));
		default:
			return scn_fail(s, id, "%s: '%s' is not a number (write decimal or 0x hex, "
					"either may be negative%s)", what, scn_show(s, id, text),
					t[0] == '+' ? "; no + sign" : "");
		}
	}
	if (len > 0 && t[0] == '$') {
		if (!scn_is_ident(t + 1, len - 1))
			return scn_fail(s, id, "'%s' is not a variable: write $ and the name given "
					"to `save:`", scn_show(s, id, text));
		if (!need_runtime(s, id, flags, what, ""))
			return false;
		var = scn_find_var(s->prog, t + 1, len - 1);
		if (var < 0 && s->prog->lenient && (var = lenient_var(s, id, t + 1, len - 1)) < 0)
			return false;
		if (var < 0) {
			const char *shown = scn_show(s, id, text);
			struct scn_near nr = { 0 };

			for (uint32_t k = 0; k < s->prog->nvars; k++)
				scn_near(&nr, t + 1, len - 1, sim_str(s->prog, s->prog->vars[k]));
			if (scn_near_said(&nr, "$"))
				return scn_fail(s, id, "undefined variable %s (no step or action has "
						"`save: %s`; did you mean %s?)", shown, shown + 1, nr.said);
			return scn_fail(s, id, "undefined variable %s (no step or action has `save: "
					"%s`)", shown, shown + 1);
		}
		out->kind = SIM_V_VAR;
		out->u = (uint64_t)var;
		return true;
	}
	return name_value(s, id, flags, what, out);
}

/* see scn_internal.h */
bool scn_uint(struct scn *s, int id, const char *what, uint64_t lo, uint64_t hi, uint64_t *out)
{
	struct sim_value v;
	char text[SIM_QUOTE_SIZE];

	if (!scn_value(s, id, SCN_V_CONST, what, &v))
		return false;
	if (v.u < lo || v.u > hi)
		return scn_fail(s, id, "%s must be %" PRIu64 "..%" PRIu64 ", found %s", what, lo, hi,
				scn_show(s, id, text));
	*out = v.u;
	return true;
}

/* see scn_internal.h */
bool scn_pe(struct scn *s, int id, const char *what, uint8_t *out)
{
	struct sim_value v;

	/* SCN_V_PE_INDEX: an unknown name is said to be no PE index */
	if (!scn_value(s, id, SCN_V_CONST | SCN_V_PE_INDEX, what, &v))
		return false;
	if (v.u >= s->prog->platform.pes)
		return not_a_pe(s, id, what, false);
	*out = (uint8_t)v.u;
	return true;
}

/* see scn_internal.h */
bool scn_intid(struct scn *s, int id, const char *what, uint32_t *out)
{
	struct sim_value v;
	char text[SIM_QUOTE_SIZE], ranges[80];

	if (!scn_value(s, id, SCN_V_CONST, what, &v))
		return false;
	if (!sim_intid_exists(&s->prog->platform, v.u))
		return scn_fail(s, id, "INTID %s does not exist on this platform (%s)",
				scn_show(s, id, text),
				sim_intid_ranges(&s->prog->platform, ranges, sizeof ranges));
	*out = (uint32_t)v.u;
	return true;
}

/* see scn_internal.h */
bool scn_handler_ref(struct scn *s, int id, const char *what, int32_t *out)
{
	const yaml_node_t *n = scn_node(s, id);
	char found[SCN_MSG_MAX];
	int h = -1;

	if (n == NULL || n->type != YAML_SCALAR_NODE || scn_is_null(s, id))
		return scn_fail(s, id, "%s must be a handler name, found %s", what,
				scn_describe(s, id, found, sizeof found));
	if (scn_is_ident((const char *)n->data.scalar.value, n->data.scalar.length))
		h = sim_find_handler(s->prog, (const char *)n->data.scalar.value);
	if (h < 0) {
		struct scn_near nr = { 0 };

		near_handlers(s, (const char *)n->data.scalar.value, n->data.scalar.length, &nr);
		if (scn_near_said(&nr, ""))
			return scn_fail(s, id, "%s must be a handler name, found %s (no handler has "
					"this name; did you mean %s?)", what,
					scn_describe(s, id, found, sizeof found), nr.said);
		return scn_fail(s, id, "%s must be a handler name, found %s (no handler has this "
				"name)", what, scn_describe(s, id, found, sizeof found));
	}
	*out = h;
	return true;
}
