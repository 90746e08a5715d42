/*
 * scn_ops.c - steps and handler actions: one table of kinds (the key that
 * says what a map is, which other keys it may have as a step and as an
 * action, and its parser), the one parser every step and action goes
 * through, and the kinds steps and actions share (call, fid, psci,
 * interrupt, and the `true` flags).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>         /* strncasecmp */

#include "call_rules.h"        /* sim_aarch32_modes: the AArch32 modes' names and ELs */
#include "scn_internal.h"
#include "sdd/sdd.h"
#include "sdd/sdd_spec.h"

static const char *const op_keys[SCN_OK_COUNT] = {
	[SCN_OK_CALL] = "call",
	[SCN_OK_FID] = "fid",
	[SCN_OK_PSCI] = "psci",
	[SCN_OK_INTERRUPT] = "interrupt",
	[SCN_OK_SET] = "set",
	[SCN_OK_WAKE] = "wake",
	[SCN_OK_RESUME] = "resume",
	[SCN_OK_MIGRATE] = "migrate",
	[SCN_OK_DISPATCH] = "dispatch",
	[SCN_OK_EXPECT_DISPATCHES] = "expect_dispatches",
	[SCN_OK_EXPECT_RESUMES] = "expect_resumes",
	[SCN_OK_EXPECT_ENTRY] = "expect_entry",
	[SCN_OK_YIELD] = "yield",
	[SCN_OK_COMPLETE] = "complete",
	[SCN_OK_COMPLETE_AND_RESUME] = "complete_and_resume",
	[SCN_OK_EXPECT_VIEW] = "expect_view",
	[SCN_OK_HOLD] = "hold",
	[SCN_OK_HAND_OVER] = "hand_over",
	[SCN_OK_PE] = "pe",
	[SCN_OK_ARGS] = "args",
	[SCN_OK_EXPECT] = "expect",
	[SCN_OK_SAVE] = "save",
	[SCN_OK_FROM_EL] = "from_el",
	[SCN_OK_TARGET] = "target",
	[SCN_OK_STATE] = "state",
	[SCN_OK_AARCH32] = "aarch32",
	[SCN_OK_SECURE] = "secure",
};

#define K(name) SCN_BIT(SCN_OK_##name)
#define CALL_ACTION_KEYS (K(ARGS) | K(EXPECT) | K(SAVE))
#define CALL_STEP_KEYS   (CALL_ACTION_KEYS | K(PE) | K(FROM_EL) | K(AARCH32) | K(SECURE))
#define PSCI_ACTION_KEYS (K(TARGET) | K(STATE) | K(ARGS) | K(EXPECT) | K(SAVE))
#define PSCI_STEP_KEYS   (PSCI_ACTION_KEYS | K(PE))

static const struct scn_kind {
	uint8_t op;                   /* enum sim_op_kind */
	const char *noun;             /* for "a call step" */
	bool step, action;            /* where the kind may be used */
	uint64_t step_keys, action_keys;  /* other keys allowed there */
	bool (*parse)(struct scn *s, const struct scn_opin *in, struct sim_op *op);
} kinds[SCN_OK_KINDS] = {
	[SCN_OK_CALL] = { SIM_OP_CALL, "call", true, true, CALL_STEP_KEYS, CALL_ACTION_KEYS,
			  scn_parse_call },
	[SCN_OK_FID] = { SIM_OP_CALL, "call", true, true, CALL_STEP_KEYS, CALL_ACTION_KEYS,
			 scn_parse_call },
	[SCN_OK_PSCI] = { SIM_OP_PSCI, "psci", true, true, PSCI_STEP_KEYS, PSCI_ACTION_KEYS,
			  scn_parse_psci },
	[SCN_OK_INTERRUPT] = { SIM_OP_INTERRUPT, "interrupt", true, true, K(PE), K(PE),
			       scn_parse_interrupt },
	[SCN_OK_SET] = { SIM_OP_SET, "set", true, false, K(PE), 0, scn_parse_set },
	[SCN_OK_WAKE] = { SIM_OP_WAKE, "wake", true, false, 0, 0, scn_parse_pe_kind },
	[SCN_OK_RESUME] = { SIM_OP_RESUME, "resume", true, false, 0, 0, scn_parse_pe_kind },
	[SCN_OK_MIGRATE] = { SIM_OP_MIGRATE, "migrate", true, false, 0, 0, scn_parse_flag },
	[SCN_OK_DISPATCH] = { SIM_OP_DISPATCH, "dispatch", true, false, K(PE) | K(EXPECT), 0,
			      scn_parse_dispatch },
	[SCN_OK_EXPECT_DISPATCHES] = { SIM_OP_EXPECT_DISPATCHES, "expect_dispatches", true, false,
				       0, 0, scn_parse_expect_dispatches },
	[SCN_OK_EXPECT_RESUMES] = { SIM_OP_EXPECT_RESUMES, "expect_resumes", true, false, 0, 0,
				    scn_parse_expect_resumes },
	[SCN_OK_EXPECT_ENTRY] = { SIM_OP_EXPECT_ENTRY, "expect_entry", false, true, 0, 0,
				  scn_parse_expect_entry },
	[SCN_OK_YIELD] = { SIM_OP_YIELD, "yield", false, true, 0, 0, scn_parse_flag },
	[SCN_OK_COMPLETE] = { SIM_OP_COMPLETE, "complete", false, true, 0, 0, scn_parse_complete },
	[SCN_OK_COMPLETE_AND_RESUME] = { SIM_OP_COMPLETE_AND_RESUME, "complete_and_resume", false,
					 true, 0, 0, scn_parse_complete },
	[SCN_OK_EXPECT_VIEW] = { SIM_OP_EXPECT_VIEW, "expect_view", true, false, 0, 0,
				 scn_parse_expect_view },
	[SCN_OK_HOLD] = { SIM_OP_HOLD, "hold", true, false, 0, 0, scn_parse_pe_kind },
	[SCN_OK_HAND_OVER] = { SIM_OP_HAND_OVER, "hand_over", true, false, 0, 0, scn_parse_pe_kind },
};

static bool kind_allowed(unsigned k, bool action)
{
	return action ? kinds[k].action : kinds[k].step;
}

/* "call, fid, psci, ..." : the kinds of a step or of an action. */
static const char *kind_list(bool action, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned k = 0; k < SCN_OK_KINDS && used < n; k++)
		if (kind_allowed(k, action))
			used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "",
						 op_keys[k]);
	return buf;
}

/* A step or action without a kind key.  Its kind key is often there,
 * misspelled (`cal:`): a key no step or action knows is named, at its
 * place, with the known key it is closest to. */
static bool no_kind(struct scn *s, int map, const yaml_node_pair_t *pairs, int np, bool action)
{
	const char *role = action ? "handler action" : "step";
	char text[SIM_QUOTE_SIZE], list[SCN_MSG_MAX / 2];
	uint64_t known = 0;
	struct scn_near nr = { 0 };
	const char *near;
	int j;

	for (j = 0; j < np; j++) {
		unsigned k = 0;
		while (k < SCN_OK_COUNT && !scn_text_is(s, pairs[j].key, op_keys[k]))
			k++;
		if (k == SCN_OK_COUNT && scn_is(s, pairs[j].key, YAML_SCALAR_NODE))
			break;
	}
	kind_list(action, list, sizeof list);
	if (j == np)         /* every key is known ({pe: 1, args: [0]}): the kind is missing */
		return scn_fail(s, map, "a %s needs one of: %s", role, list);
	/* the keys a step (or action) of some kind may have */
	for (unsigned k = 0; k < SCN_OK_KINDS; k++)
		if (kind_allowed(k, action))
			known |= SCN_BIT(k) | (action ? kinds[k].action_keys : kinds[k].step_keys);
	near = scn_suggest(s, pairs[j].key, op_keys, SCN_OK_COUNT, known, &nr);
	scn_show(s, pairs[j].key, text);
	if (near)
		return scn_fail(s, pairs[j].key, "unknown key '%s' in a %s (did you mean %s?)", text,
				role, near);
	return scn_fail(s, pairs[j].key, "unknown key '%s' in a %s, which needs one of: %s", text,
			role, list);
}

/* see scn_internal.h */
bool scn_op(struct scn *s, int id, bool action, struct sim_op *op)
{
	const char *role = action ? "handler action" : "step";
	const yaml_node_pair_t *pairs;
	struct scn_opin in;
	struct scn_map_spec spec;
	char found[SCN_MSG_MAX], list[SCN_MSG_MAX / 2];
	const struct scn_kind *kd;
	bool ok;
	int np;

	memset(op, 0, sizeof *op);
	op->pe = SIM_NONE;
	op->target = SIM_NONE;
	op->save = -1;
	op->loc = scn_loc(s, id);
	if (!scn_is(s, id, YAML_MAPPING_NODE))
		return scn_fail(s, id, "a %s is a map such as %s, found %s", role,
				action ? "{complete: HANDLED}" : "{call: VERSION}",
				scn_describe(s, id, found, sizeof found));
	np = scn_map(s, id, role, &pairs);
	memset(&in, 0, sizeof in);
	in.map = id;
	in.action = action;
	in.kind = SCN_OK_KINDS;
	for (int j = 0; j < np; j++) {
		unsigned k = 0;
		while (k < SCN_OK_KINDS && !scn_text_is(s, pairs[j].key, op_keys[k]))
			k++;
		if (k == SCN_OK_KINDS)
			continue;
		if (!kind_allowed(k, action))
			return scn_fail(s, pairs[j].key, "'%s' is only used in %s (a %s is one of: %s)",
					op_keys[k], action ? "steps" : "handler actions", role,
					kind_list(action, list, sizeof list));
		if (in.kind == k)
			continue;          /* the same kind twice: scn_fields says "duplicate key" */
		if (in.kind != SCN_OK_KINDS)
			return scn_fail(s, pairs[j].key, "a %s has one kind: found '%s' and '%s'", role,
					op_keys[in.kind], op_keys[k]);
		in.kind = k;
	}
	if (np < 0)
		return false;
	if (in.kind == SCN_OK_KINDS)
		return no_kind(s, id, pairs, np, action);
	kd = &kinds[in.kind];
	/* "a call step", "an interrupt action": what the map is, in messages. */
	snprintf(in.what, sizeof in.what, "%s %s %s", strchr("aeiou", kd->noun[0]) ? "an" : "a",
		 kd->noun, action ? "action" : "step");
	spec.what = in.what;
	spec.names = op_keys;
	spec.n = SCN_OK_COUNT;
	spec.allowed = SCN_BIT(in.kind) | (action ? kd->action_keys : kd->step_keys);
	spec.hint = NULL;
	op->kind = kd->op;
	/* Both run: an unknown key may come after a bad value. */
	ok = scn_fields(s, id, &spec, in.f);
	ok &= kd->parse(s, &in, op);
	return ok;
}

/* see scn_internal.h */
bool scn_op_pe(struct scn *s, const struct scn_opin *in, uint8_t dflt, struct sim_op *op)
{
	op->pe = dflt;
	return !in->f[SCN_OK_PE].key || scn_pe(s, in->f[SCN_OK_PE].value, "`pe`", &op->pe);
}

/* ---- call, fid, psci ---- */

/* `save: NAME`: declared already (scn_load.c), so only found here. */
static bool save_var(struct scn *s, int id, int32_t *out)
{
	const yaml_node_t *n = scn_node(s, id);
	bool scalar = n->type == YAML_SCALAR_NODE;
	const char *t = scalar ? (const char *)n->data.scalar.value : "";
	size_t len = scalar ? n->data.scalar.length : 0;
	char found[SCN_MSG_MAX];

	if (len > 0 && t[0] == '$')
		return scn_fail(s, id, "`save` takes the name without $ (`save: x`, then $x reads it)");
	if (!scn_is_ident(t, len))
		return scn_fail(s, id, "`save` needs a variable name (letters, digits and _, not "
				"starting with a digit), found %s", scn_describe(s, id, found, sizeof found));
	*out = scn_find_var(s->prog, t, len);
	if (*out < 0)      /* only past the limit */
		return scn_fail(s, id, "too many variables: at most %u different names can be saved",
				SCN_MAX_VARS);
	return true;
}

/* What calls and PSCI calls share: pe (steps), args, expect, save. */
static bool call_common(struct scn *s, const struct scn_opin *in, struct sim_op *op, bool psci)
{
	const struct scn_field *f = in->f;
	bool ok = in->action || scn_op_pe(s, in, 0, op);

	op->args = s->prog->nvalues;
	if (f[SCN_OK_ARGS].key) {
		const yaml_node_item_t *items;
		int n = scn_seq(s, f[SCN_OK_ARGS].value, "`args`", &items);
		if (n > (int)SCN_MAX_ARGS)
			ok = scn_fail(s, f[SCN_OK_ARGS].value, "`args` has %d values, at most %u (x1..x5)",
				      n, SCN_MAX_ARGS);
		/* Values of one list go to prog->values back to back: nothing
		 * else is added to it while an argument is parsed. */
		for (int k = 0; k < n && k < (int)SCN_MAX_ARGS && ok; k++) {
			struct sim_value v;
			ok = scn_value(s, items[k], SCN_V_RUNTIME, "an argument", &v);
			if (ok) {
				sim_add_value(s->prog, v);
				op->nargs++;
			}
		}
		ok &= n >= 0;
	}
	if (f[SCN_OK_EXPECT].key)
		ok &= scn_expect(s, f[SCN_OK_EXPECT].value, psci, true, &op->checks, &op->nchecks);
	if (f[SCN_OK_SAVE].key)
		ok &= save_var(s, f[SCN_OK_SAVE].value, &op->save);
	return ok;
}

/* An SDEI function by name, with or without SDEI_. */
static bool call_name(struct scn *s, int id, struct sim_value *fid)
{
	const yaml_node_t *n = scn_node(s, id);
	char text[SIM_QUOTE_SIZE], found[SCN_MSG_MAX];
	struct scn_near near = { 0 };
	bool exact = true;
	const char *t;
	size_t len;

	if (n->type != YAML_SCALAR_NODE)
		return scn_fail(s, id, "`call` must be an SDEI function name, found %s",
				scn_describe(s, id, found, sizeof found));
	t = (const char *)n->data.scalar.value;
	len = n->data.scalar.length;
	/* only SDEI_ is taken; sdei_ too when guessing what was meant */
	if (len > 5 && strncasecmp(t, "SDEI_", 5) == 0) {
		exact = memcmp(t, "SDEI_", 5) == 0;
		t += 5;
		len -= 5;
	}
	for (uint32_t f = SDD_FID_FIRST; f <= SDD_FID_LAST; f++) {
		const char *name = sdd_call_name(f);
		if (exact && strlen(name) == len && memcmp(name, t, len) == 0) {
			*fid = sim_const(f);
			return true;
		}
		scn_near(&near, t, len, name);
	}
	if (scn_near_said(&near, ""))
		return scn_fail(s, id, "unknown SDEI function '%s' (did you mean %s?)",
				scn_show(s, id, text), near.said);
	return scn_fail(s, id, "unknown SDEI function '%s' (expected a name such as VERSION or "
			"EVENT_REGISTER, with or without SDEI_; `fid:` takes a raw function ID)",
			scn_show(s, id, text));
}

/* An AArch32 caller's registers have 32 bits: a constant fid or argument
 * wider than that is a mistake, not a value to cut (a runtime value, a
 * handler's address say, is cut: sim_caller_regs; in a lenient file a
 * constant too). */
static bool aarch32_fits(struct scn *s, const struct scn_opin *in, const struct sim_op *op)
{
	const yaml_node_item_t *items = NULL;

	if (op->fid.kind == SIM_V_CONST && op->fid.u >> 32)
		return scn_fail(s, in->f[in->f[SCN_OK_CALL].key ? SCN_OK_CALL : SCN_OK_FID].value,
				"a call from AArch32 passes 32-bit registers: the function ID 0x%llx does not fit",
				(unsigned long long)op->fid.u);
	if (op->nargs == 0)              /* (no values at all yet, maybe: prog->values NULL) */
		return true;
	scn_seq(s, in->f[SCN_OK_ARGS].value, "`args`", &items);   /* parsed already: each arg's place */
	for (uint32_t k = 0; k < op->nargs; k++) {
		const struct sim_value *v = &s->prog->values[op->args + k];
		if (v->kind == SIM_V_CONST && v->u >> 32)
			return scn_fail(s, items[k], "a call from AArch32 passes 32-bit "
					"registers: argument %u (x%u), 0x%llx, does not fit", k + 1, k + 1,
					(unsigned long long)v->u);
	}
	return true;
}

/* `aarch32`'s value, id, into op: true or false, or the AArch32 mode the
 * call is made from (as Tarmac names it), whose EL is the call's: from_el
 * (has_from_el: the step says it, op->from_el parsed) must agree, or it
 * follows.  Not User mode: SMC and HVC are UNDEFINED at EL0. */
static bool aarch32_mode(struct scn *s, int id, bool has_from_el, struct sim_op *op)
{
	char modes[64], found[SCN_MSG_MAX];
	size_t used = 0;
	unsigned client = s->prog->platform.client_el, el;
	bool a32;
	uint8_t m;

	if (scn_bool_word(s, id, &a32)) {
		op->aarch32 = a32 ? SIM_A32_EL_MODE : 0;
		return true;
	}
	if (scn_text_is(s, id, "usr"))
		return scn_fail(s, id, "a call is never made from User mode (`usr`): SMC and HVC are "
				"UNDEFINED at EL0");
	for (m = 0; m < 16; m++) {
		const struct sim_aarch32_mode_desc *d = &sim_aarch32_modes[m];
		if (d->name == NULL || d->el == 0)
			continue;
		if (scn_text_is(s, id, d->name))
			break;
		used += (size_t)snprintf(modes + used, sizeof modes - used, "%s%s", used ? ", " : "", d->name);
	}
	if (m == 16)
		return scn_fail(s, id, "`aarch32` must be true, false or the AArch32 mode the call is made "
				"from (%s), found %s", modes, scn_describe(s, id, found, sizeof found));
	el = sim_aarch32_modes[m].el;
	if (has_from_el && el != (op->from_el ? op->from_el : client))
		return scn_fail(s, id, "`aarch32: %s` is a mode of EL%u, but `from_el` says EL%u",
				sim_aarch32_modes[m].name, el, op->from_el ? op->from_el : client);
	op->from_el = (uint8_t)(el == client ? 0 : el);
	op->aarch32 = (uint8_t)SIM_A32_MODE(m);
	return true;
}

/* A call from EL3 (`from_el: 3`, or `aarch32: mon`): not through HVC,
 * which EL3 takes itself, never reaching a dispatcher at EL2; not with
 * `secure`, which EL3 always is. */
static bool from_el3_ok(struct scn *s, const struct scn_opin *in, const struct sim_op *op)
{
	int at = in->f[SCN_OK_FROM_EL].key ? in->f[SCN_OK_FROM_EL].value : in->f[SCN_OK_AARCH32].value;

	if (op->from_el != 3)
		return true;
	if (s->prog->platform.conduit == SIM_CONDUIT_HVC)
		return scn_fail(s, at, "a call from EL3 on an HVC platform: an HVC made at EL3 is taken to EL3, it "
				"never reaches the dispatcher at EL2");
	if (op->secure)
		return scn_fail(s, in->f[SCN_OK_SECURE].value, "`secure` on a call from EL3: EL3 is always in "
				"Secure state; `secure` makes a call from S-EL1 or S-EL2");
	return true;
}

/* see scn_internal.h */
bool scn_parse_call(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	bool ok = call_common(s, in, op, false);
	uint64_t el;

	if (in->f[SCN_OK_CALL].key) {
		ok &= call_name(s, in->f[SCN_OK_CALL].value, &op->fid);
	} else {
		op->raw_fid = 1;
		ok &= scn_value(s, in->f[SCN_OK_FID].value, SCN_V_RUNTIME, "`fid`", &op->fid);
	}
	if (in->f[SCN_OK_FROM_EL].key) {
		if (scn_uint(s, in->f[SCN_OK_FROM_EL].value, "`from_el`", 1, 3, &el))
			/* The IR's 0 is "the client EL". */
			op->from_el = el == s->prog->platform.client_el ? 0 : (uint8_t)el;
		else
			ok = false;
	}
	if (in->f[SCN_OK_AARCH32].key) {
		ok &= aarch32_mode(s, in->f[SCN_OK_AARCH32].value, in->f[SCN_OK_FROM_EL].key != 0, op);
		if (op->aarch32 && ok && !s->prog->lenient)   /* lenient: cut, as a wide dispatch event */
			ok = aarch32_fits(s, in, op);
	}
	if (in->f[SCN_OK_SECURE].key) {
		bool secure = false;
		ok &= scn_bool(s, in->f[SCN_OK_SECURE].value, "`secure`", &secure);
		op->secure = secure;
	}
	return ok && from_el3_ok(s, in, op);
}

static bool psci_name(struct scn *s, int id, unsigned *fn)
{
	const yaml_node_t *n = scn_node(s, id);
	char text[SIM_QUOTE_SIZE], list[SCN_MSG_MAX / 2];
	const char *names[SIM_PSCI_FN_COUNT], *near;
	struct scn_near nr = { 0 };
	size_t used = 0;

	for (unsigned k = 0; k < SIM_PSCI_FN_COUNT; k++) {
		names[k] = sim_psci_name(k);
		if (scn_text_is(s, id, names[k])) {
			*fn = k;
			return true;
		}
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "",
					 names[k]);
	}
	if (n->type != YAML_SCALAR_NODE)
		return scn_fail(s, id, "`psci` must be a PSCI function name (%s), found %s", list,
				scn_describe(s, id, text, sizeof text));
	near = scn_suggest(s, id, names, SIM_PSCI_FN_COUNT, ~0ull, &nr);
	if (near)
		return scn_fail(s, id, "unknown PSCI function '%s' (did you mean %s?)",
				scn_show(s, id, text), near);
	return scn_fail(s, id, "unknown PSCI function '%s' (expected %s)",
			scn_show(s, id, text), list);
}

/* see scn_internal.h */
bool scn_parse_psci(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	static const char *const states[] = {
		[SIM_SUSPEND_STANDBY] = "standby", [SIM_SUSPEND_POWERDOWN] = "powerdown",
	};
	const struct scn_field *f = in->f;
	unsigned fn = 0, state;
	bool fn_ok = psci_name(s, f[SCN_OK_PSCI].value, &fn);
	bool ok = call_common(s, in, op, true) & fn_ok;
	bool targeted = fn == SIM_PSCI_CPU_ON || fn == SIM_PSCI_AFFINITY_INFO;

	op->psci_fn = (uint8_t)fn;
	if (f[SCN_OK_TARGET].key && fn_ok && !targeted)
		ok = scn_fail(s, f[SCN_OK_TARGET].key, "`target` is only used by CPU_ON and "
			      "AFFINITY_INFO");
	else if (f[SCN_OK_TARGET].key)
		ok &= scn_pe(s, f[SCN_OK_TARGET].value, "`target`", &op->target);
	else if (fn_ok && targeted)
		ok = scn_fail(s, f[SCN_OK_PSCI].value, "%s needs `target: PE` (the index of the PE "
			      "it acts on)", sim_psci_name(fn));
	if (f[SCN_OK_STATE].key && fn_ok && fn != SIM_PSCI_CPU_SUSPEND)
		ok = scn_fail(s, f[SCN_OK_STATE].key, "`state` is only used by CPU_SUSPEND");
	else if (f[SCN_OK_STATE].key && scn_choice(s, f[SCN_OK_STATE].value, "`state`", states, 2, &state))
		op->state = (uint8_t)state;
	else if (f[SCN_OK_STATE].key)
		ok = false;
	return ok;
}

/* ---- interrupt, flags ---- */

/* see scn_internal.h */
bool scn_parse_interrupt(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	const struct scn_field *f = in->f;
	bool ok = scn_intid(s, f[SCN_OK_INTERRUPT].value, "`interrupt`", &op->intid);

	if (f[SCN_OK_PE].key && ok && op->intid >= SDD_INTID_SPI_FIRST)
		return scn_fail(s, f[SCN_OK_PE].key, "`pe` is only for SGIs and PPIs (INTID < 32): "
				"SPI %u is routed by the GIC", op->intid);
	/* An SGI or PPI of a step goes to PE 0 by default; in an action, to
	 * the PE running the handler (SIM_NONE). */
	if (!in->action && ok && op->intid < SDD_INTID_SPI_FIRST)
		op->pe = 0;
	if (f[SCN_OK_PE].key)
		ok &= scn_pe(s, f[SCN_OK_PE].value, "`pe`", &op->pe);
	return ok;
}

/* see scn_internal.h */
bool scn_parse_flag(struct scn *s, const struct scn_opin *in, struct sim_op *op)
{
	int id = in->f[in->kind].value;
	char what[32];
	bool on;

	(void)op;
	snprintf(what, sizeof what, "`%s`", op_keys[in->kind]);
	if (!scn_bool(s, id, what, &on))
		return false;
	if (!on)
		return scn_fail(s, id, "`%s` must be true (`%s: true`); leave the %s out instead",
				op_keys[in->kind], op_keys[in->kind], in->action ? "action" : "step");
	return true;
}
