/*
 * scn_platform.c - the `platform` map (contract "platform"): a built-in
 * profile, then the keys that override it, then the SDD core's own check
 * of the result (sim_platform_to_sdd).
 *
 * Keys are applied in the order of a table, not of the file: `profile`
 * first, and each key after those it depends on (mpidr after pes, ...).
 * A key whose dependencies failed is not checked, so that a bad `pes` is
 * reported and not an `mpidr` "of the wrong length" caused by it; the
 * other keys are, and the earliest error in the file wins.  `events` and
 * `secure_intids` replace the profile's lists.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"
#include "sdd/sdd_spec.h"

enum {
	P_PROFILE, P_PES, P_MPIDR, P_CLIENT_EL, P_CONDUIT, P_VERSION, P_RELATIVE_MODE,
	P_FEATURES, P_SCTLR, P_HCR_EL2, P_POLICY, P_BIND_SLOTS, P_SPIS, P_SECURE_INTIDS, P_EVENTS, P_COUNT
};

static const char *const platform_keys[P_COUNT] = {
	"profile", "pes", "mpidr", "client_el", "conduit", "version", "relative_mode",
	"features", "sctlr", "hcr_el2", "policy", "bind_slots", "spis", "secure_intids", "events",
};

struct pctx {
	struct sim_platform *p;
	const struct scn_field *f;          /* the platform's keys */
};

/* ---- Counts ---- */

/* Event 0, nevents platform events (nprivate of them private) and the
 * bind slots must fit the core's tables. */
static bool check_counts(struct scn *s, int id, const struct sim_platform *p, unsigned nevents,
			 unsigned nprivate)
{
	unsigned slots = p->bind_private + p->bind_shared;
	unsigned total = 1 + nevents + slots;
	unsigned priv = 1 + nprivate + p->bind_private;

	if (total > SDD_MAX_EVENTS)
		return scn_fail(s, id, "too many events: event 0, %u platform event%s and %u bind "
				"slot%s make %u, at most %u", nevents, nevents == 1 ? "" : "s", slots,
				slots == 1 ? "" : "s", total, SDD_MAX_EVENTS);
	if (priv > SDD_MAX_PRIVATE_EVENTS)
		return scn_fail(s, id, "too many private events: event 0, %u private platform event%s "
				"and %u private bind slot%s make %u, at most %u", nprivate,
				nprivate == 1 ? "" : "s", p->bind_private, p->bind_private == 1 ? "" : "s",
				priv, SDD_MAX_PRIVATE_EVENTS);
	return true;
}

/* ---- Keys ---- */

/* see scn.h */
const char *scn_profile_choices(const char *name, char *buf, size_t size)
{
	struct scn_near nr = { 0 };
	size_t at = 0;
	const char *p;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (unsigned k = 0; (p = sim_profile_name(k)) != NULL; k++) {
		int n = snprintf(buf + at, size - at, "%s%s", k ? ", " : "", p);

		scn_near(&nr, name, strlen(name), p);
		at = n < 0 || (size_t)n >= size - at ? size - 1 : at + (size_t)n;   /* cut: stays cut */
	}
	/* one nearest only: "default or tf-a-fvp" would repeat the list */
	if (nr.best && nr.also == NULL)
		snprintf(buf + at, size - at, "; did you mean %s?", nr.best);
	return buf;
}

static bool p_profile(struct scn *s, const struct pctx *c, int id)
{
	char *name = NULL, text[SIM_QUOTE_SIZE], choices[SCN_PROFILE_CHOICES_SIZE];
	bool ok = scn_string(s, id, "`profile`", &name);

	if (ok && !sim_platform_profile(c->p, name))
		ok = scn_fail(s, id, "unknown platform profile '%s' (built-in: %s)", scn_show(s, id, text),
			      scn_profile_choices(name, choices, sizeof choices));
	free(name);
	return ok;
}

static bool p_pes(struct scn *s, const struct pctx *c, int id)
{
	uint64_t v;

	if (!scn_uint(s, id, "`pes`", 1, SIM_MAX_PES, &v))
		return false;
	c->p->pes = (uint32_t)v;   /* `mpidr` absent: the profile's first pes MPIDRs */
	return true;
}

static bool p_mpidr(struct scn *s, const struct pctx *c, int id)
{
	const yaml_node_item_t *items;
	uint64_t mpidr[SIM_MAX_PES];
	char text[SIM_QUOTE_SIZE];
	int n = scn_seq(s, id, "`mpidr`", &items);

	if (n < 0)
		return false;
	if ((uint32_t)n != c->p->pes)
		return scn_fail(s, id, "`mpidr` lists %d value%s but the platform has %u PE%s", n,
				n == 1 ? "" : "s", c->p->pes, c->p->pes == 1 ? "" : "s");
	for (int k = 0; k < n; k++) {
		if (!scn_uint(s, items[k], "an MPIDR", 0, UINT64_MAX, &mpidr[k]))
			return false;
		if (mpidr[k] & ~SDD_MPIDR_AFF_MASK)
			return scn_fail(s, items[k], "MPIDR %s has bits outside the affinity fields "
					"(bits 63:40 and 31:24 must be zero)",
					scn_show(s, items[k], text));
		for (int j = 0; j < k; j++)
			if (mpidr[j] == mpidr[k])
				return scn_fail(s, items[k], "MPIDR %s is already PE %d's",
						scn_show(s, items[k], text), j);
	}
	memcpy(c->p->mpidr, mpidr, (size_t)n * sizeof mpidr[0]);
	return true;
}

static bool p_client_el(struct scn *s, const struct pctx *c, int id)
{
	uint64_t v;

	if (!scn_uint(s, id, "`client_el`", 1, 2, &v))
		return false;
	c->p->client_el = (uint8_t)v;
	return true;
}

static bool p_conduit(struct scn *s, const struct pctx *c, int id)
{
	static const char *const names[] = { [SIM_CONDUIT_SMC] = "smc", [SIM_CONDUIT_HVC] = "hvc" };
	unsigned k;

	if (!scn_choice(s, id, "`conduit`", names, 2, &k))
		return false;
	c->p->conduit = (uint8_t)k;
	return true;
}

static bool p_version(struct scn *s, const struct pctx *c, int id)
{
	/* "1.0" quoted or 1.0 unquoted: the text is the same. */
	static const char *const names[] = { "1.0", "1.1" };
	unsigned k;

	if (!scn_choice(s, id, "`version`", names, 2, &k))
		return false;
	c->p->version_minor = (uint8_t)k;
	if (k == 0)
		c->p->relative_mode = 0;   /* 1.0 has no relative mode, whatever the profile said */
	return true;
}

static bool p_relative_mode(struct scn *s, const struct pctx *c, int id)
{
	bool on;

	if (!scn_bool(s, id, "`relative_mode`", &on))
		return false;
	if (on && c->p->version_minor == 0)
		return scn_fail(s, id, "relative_mode needs SDEI version 1.1, the platform's version "
				"is 1.0");
	c->p->relative_mode = on;
	return true;
}

/* Key `key`: a register value (when number_too), or the list of the
 * names of its bits that are set (names[k], each `item`: bit bits[k]);
 * *out only when right. */
static bool named_bits(struct scn *s, int id, const char *key, const char *item, const char *const *names,
		       const uint8_t *bits, unsigned n, bool number_too, uint64_t *out)
{
	const yaml_node_item_t *items;
	char text[SIM_QUOTE_SIZE];
	uint64_t v = 0;
	int len;

	if (number_too && scn_is(s, id, YAML_SCALAR_NODE))
		return scn_uint(s, id, key, 0, UINT64_MAX, out);
	if (number_too && !scn_is(s, id, YAML_SEQUENCE_NODE))
		return scn_fail(s, id, "%s must be a number or a list of bit names, found %s", key,
				scn_describe(s, id, text, sizeof text));
	len = scn_seq(s, id, key, &items);
	if (len < 0)
		return false;
	for (int k = 0; k < len; k++) {
		unsigned name;
		if (!scn_choice(s, items[k], item, names, n, &name))
			return false;
		if (v >> bits[name] & 1)
			return scn_fail(s, items[k], "%s lists %s twice", key,
					scn_show(s, items[k], text));
		v |= 1ull << bits[name];
	}
	*out = v;
	return true;
}

static bool p_features(struct scn *s, const struct pctx *c, int id)
{
	uint64_t v;

	if (!named_bits(s, id, "`features`", "a feature", sim_feature_names, sim_feature_bits, SIM_FEATURES,
			false, &v))
		return false;
	c->p->features = (uint32_t)v;
	return true;
}

static bool p_sctlr(struct scn *s, const struct pctx *c, int id)
{
	return named_bits(s, id, "`sctlr`", "an SCTLR bit", sim_sctlr_names, sim_sctlr_bits, SIM_SCTLR_BITS,
			  true, &c->p->sctlr_elc);
}

static bool p_hcr_el2(struct scn *s, const struct pctx *c, int id)
{
	uint64_t v;

	if (!named_bits(s, id, "`hcr_el2`", "an HCR_EL2 bit", sim_hcr_names, sim_hcr_bits, SIM_HCR_BITS, true,
			&v))
		return false;
	if (v && c->p->client_el != 2)
		return scn_fail(s, id, "`hcr_el2` is the client's only when it runs at EL2 (client_el is %u)",
				c->p->client_el);
	c->p->hcr_el2 = v;
	return true;
}

/* `policy: {NAME: VALUE, ...}`: the dispatcher's named policies that
 * differ from the profile's (core/README.md). */
static bool p_policy(struct scn *s, const struct pctx *c, int id)
{
	static const struct scn_map_spec spec = {
		"`policy`", sim_policy_names, SIM_POLICY_FIELDS, SCN_BIT(SIM_POLICY_FIELDS) - 1, NULL,
	};
	struct scn_field f[SIM_POLICY_FIELDS];
	uint8_t *policy = (uint8_t *)&c->p->policy;
	char what[40];
	bool ok = scn_fields(s, id, &spec, f);

	for (unsigned k = 0; k < SIM_POLICY_FIELDS; k++) {
		const struct sim_policy_field *pf = &sim_policy_fields[k];
		unsigned v;
		if (!f[k].key)
			continue;
		snprintf(what, sizeof what, "`%s`", sim_policy_names[k]);
		if (!scn_choice(s, f[k].value, what, pf->values, pf->nvalues, &v))
			ok = false;
		else if (sim_policy_refused(k, v))
			ok = scn_fail(s, f[k].value, "%s", sim_policy_refused(k, v));
		else
			policy[pf->offset] = (uint8_t)v;
	}
	return ok;
}

static bool p_bind_slots(struct scn *s, const struct pctx *c, int id)
{
	static const char *const keys[] = { "private", "shared" };
	static const struct scn_map_spec spec = { "`bind_slots`", keys, 2, 3, NULL };
	struct scn_field f[2];
	uint64_t v[2] = { c->p->bind_private, c->p->bind_shared };
	unsigned nprivate = 0;
	bool ok = scn_fields(s, id, &spec, f);

	for (unsigned k = 0; k < 2; k++)
		if (f[k].key)
			ok &= scn_uint(s, f[k].value, k ? "`shared`" : "`private`", 0, 63, &v[k]);
	if (!ok)
		return false;
	c->p->bind_private = (uint32_t)v[0];
	c->p->bind_shared = (uint32_t)v[1];
	if (c->f[P_EVENTS].key)                /* counted again with the new events */
		return check_counts(s, id, c->p, 0, 0);
	for (unsigned k = 0; k < c->p->nevents; k++)
		nprivate += c->p->events[k].type == SDD_PRIVATE;
	return check_counts(s, id, c->p, c->p->nevents, nprivate);
}

static bool p_spis(struct scn *s, const struct pctx *c, int id)
{
	uint64_t v;

	if (!scn_uint(s, id, "`spis`", 0, SDD_INTID_SPI_LIMIT - SDD_INTID_SPI_FIRST, &v))
		return false;
	c->p->spis = (uint32_t)v;
	if (c->f[P_SECURE_INTIDS].key)
		return true;
	for (unsigned k = 0; k < c->p->nsecure; k++)
		if (!sim_intid_exists(c->p, c->p->secure_intids[k]))
			return scn_fail(s, id, "with %u SPIs, INTID %u, a secure INTID of the profile, "
					"does not exist (give `secure_intids` too)", c->p->spis,
					c->p->secure_intids[k]);
	return true;
}

/* `{intid: PPI, pes: [N, ...]}`: a PPI firmware owns on those PEs only. */
static bool secure_on_some_pes(struct scn *s, const struct pctx *c, int id, uint32_t *intid,
			       uint64_t *pes)
{
	static const char *const keys[] = { "intid", "pes" };
	static const struct scn_map_spec spec = { "a secure INTID", keys, 2, 3, NULL };
	const yaml_node_item_t *items;
	struct scn_field f[2];
	bool ok = scn_fields(s, id, &spec, f);
	int n;

	if (!f[0].key || !f[1].key)
		return scn_fail(s, id, "a secure INTID given as a map needs `intid` and `pes`");
	if (!ok || !scn_intid(s, f[0].value, "a secure INTID", intid))
		return false;
	if (*intid < SDD_INTID_PPI_FIRST || *intid >= SDD_INTID_SPI_FIRST)
		return scn_fail(s, f[0].value, "only a PPI (16..31) is owned PE by PE, found %u", *intid);
	if ((n = scn_seq(s, f[1].value, "`pes`", &items)) < 0)
		return false;
	if (n == 0)
		return scn_fail(s, f[1].value, "`pes` lists no PE");
	*pes = 0;
	for (int k = 0; k < n; k++) {
		uint64_t pe;
		if (!scn_uint(s, items[k], "a PE index", 0, c->p->pes - 1, &pe))
			return false;
		if (*pes & (1ull << pe))
			return scn_fail(s, items[k], "PE %u is listed twice", (unsigned)pe);
		*pes |= 1ull << pe;
	}
	return true;
}

static bool p_secure_intids(struct scn *s, const struct pctx *c, int id)
{
	const size_t max = sizeof c->p->secure_intids / sizeof c->p->secure_intids[0];
	const yaml_node_item_t *items;
	uint32_t list[sizeof c->p->secure_intids / sizeof c->p->secure_intids[0]];
	uint64_t pes[sizeof c->p->secure_intids / sizeof c->p->secure_intids[0]] = { 0 };
	int n = scn_seq(s, id, "`secure_intids`", &items);

	if (n < 0)
		return false;
	if ((size_t)n > max)
		return scn_fail(s, id, "`secure_intids` lists %d INTIDs, at most %zu", n, max);
	for (int k = 0; k < n; k++) {
		if (scn_is(s, items[k], YAML_MAPPING_NODE) ?
		    !secure_on_some_pes(s, c, items[k], &list[k], &pes[k]) :
		    !scn_intid(s, items[k], "a secure INTID", &list[k]))
			return false;
		switch (sim_secure_intid_problem(c->p, list, (unsigned)k)) {
		case SIM_SECURE_EVENT0:
			return scn_fail(s, items[k], "INTID %u is the SGI of event 0, which the "
					"dispatcher owns: it cannot be a secure INTID", list[k]);
		case SIM_SECURE_TWICE:
			return scn_fail(s, items[k], "INTID %u is listed twice", list[k]);
		default:          /* scn_intid said whether it exists */
			break;
		}
	}
	memcpy(c->p->secure_intids, list, (size_t)n * sizeof list[0]);
	memcpy(c->p->secure_pes, pes, sizeof pes);
	c->p->nsecure = (uint32_t)n;
	return true;
}

/* ---- Events ---- */

enum { E_EVENT, E_TYPE, E_PRIORITY, E_INTID, E_EXPLICIT, E_COUNT };

static const char *const event_keys[E_COUNT] = { "event", "type", "priority", "intid", "explicit" };

/* The number of an event entry: a valid DEN0054C number (§4.4), not 0,
 * not another event's, not a bind slot's. */
static bool event_number(struct scn *s, const struct sim_platform *p, int id,
			 const struct sim_event *prev, unsigned nprev, int32_t *out)
{
	char text[SIM_QUOTE_SIZE];
	const char *shown = scn_show(s, id, text);
	uint64_t v;

	if (!scn_uint(s, id, "`event`", 0, UINT64_MAX, &v))
		return false;
	if (v > UINT32_MAX)
		return scn_fail(s, id, "an event number has 32 bits, found %s", shown);
	if (v & SDD_EVENT_SIGN_BIT)
		return scn_fail(s, id, "event number %s: bit 31 must be zero", shown);
	if (v & SDD_EVENT_RESERVED_MASK)
		return scn_fail(s, id, "event number %s has reserved bits set (bits 29:24 must be "
				"zero)", shown);
	if (v == 0)
		return scn_fail(s, id, "event 0 is built in: a platform event needs another number");
	for (unsigned k = 0; k < nprev; k++)
		if ((uint64_t)prev[k].number == v)
			return scn_fail(s, id, "event number %s is already defined at %u:%u", shown,
					prev[k].loc.line, prev[k].loc.col);
	for (unsigned k = 0; k < p->bind_private + p->bind_shared; k++) {
		bool priv = k < p->bind_private;
		unsigned slot = priv ? k : k - p->bind_private;
		int64_t n = (int64_t)(priv ? p->slot_private_base : p->slot_shared_base) + slot;
		if (n == (int64_t)v)
			return scn_fail(s, id, "event number %s is the platform's %s bind slot %u",
					shown, priv ? "private" : "shared", slot);
	}
	*out = (int32_t)v;
	return true;
}

/* The interrupt of an event entry: a PPI (private) or an existing SPI
 * (shared) that neither the firmware nor another event owns.  (Event 0's
 * interrupt is an SGI, so it cannot be one of these.) */
static bool event_intid(struct scn *s, const struct sim_platform *p, int id, uint8_t type,
			const struct sim_event *prev, unsigned nprev, uint32_t *out)
{
	char text[SIM_QUOTE_SIZE];
	const char *shown = scn_show(s, id, text);
	uint64_t v;
	int32_t other;

	if (!scn_uint(s, id, "`intid`", 0, UINT64_MAX, &v))
		return false;
	switch (sim_event_intid_problem(p, type, v, prev, nprev, &other)) {
	case SIM_INTID_NOT_PPI:
		return scn_fail(s, id, "a private event needs a PPI (16..31), found INTID %s", shown);
	case SIM_INTID_NOT_SPI:
		if (p->spis == 0)
			return scn_fail(s, id, "a shared event needs an SPI, and the platform has none");
		return scn_fail(s, id, "a shared event needs an SPI (32..%u on this platform), found "
				"INTID %s", SDD_INTID_SPI_FIRST + p->spis - 1, shown);
	case SIM_INTID_SECURE:
		return scn_fail(s, id, "INTID %s is owned by the firmware (it is in "
				"secure_intids)", shown);
	case SIM_INTID_TAKEN:
		return scn_fail(s, id, "INTID %s is already used by event 0x%" PRIx32, shown, (uint32_t)other);
	default:
		break;
	}
	*out = (uint32_t)v;
	return true;
}

/* Entry id, after the nprev entries in prev. */
static bool event_entry(struct scn *s, const struct sim_platform *p, int id,
			const struct sim_event *prev, unsigned nprev, struct sim_event *e)
{
	static const char *const types[] = { [SDD_PRIVATE] = "private", [SDD_SHARED] = "shared" };
	static const char *const prios[] = { [SDD_PRI_NORMAL] = "normal", [SDD_PRI_CRITICAL] = "critical" };
	static const struct scn_map_spec spec = {
		"an event", event_keys, E_COUNT, SCN_BIT(E_COUNT) - 1, NULL,
	};
	struct scn_field f[E_COUNT];
	unsigned type = SDD_PRIVATE, prio = SDD_PRI_NORMAL;
	bool explicit_event = false, ok, type_ok = false;

	memset(e, 0, sizeof *e);
	e->loc = scn_loc(s, id);
	if (!scn_is(s, id, YAML_MAPPING_NODE)) {
		char found[SCN_MSG_MAX];
		return scn_fail(s, id, "an event is a map {event: N, type: private|shared, priority: "
				"normal|critical, intid: N or explicit: true}, found %s",
				scn_describe(s, id, found, sizeof found));
	}
	ok = scn_fields(s, id, &spec, f);
	if (!f[E_EVENT].key || !f[E_TYPE].key)
		ok = scn_fail(s, id, "an event needs `%s`", f[E_EVENT].key ? "type" : "event");
	if (!f[E_INTID].key && !f[E_EXPLICIT].key)
		ok = scn_fail(s, id, "an event needs `intid: N` (bound to an interrupt) or `explicit: "
			      "true` (dispatched by firmware)");
	if (f[E_INTID].key && f[E_EXPLICIT].key)
		ok = scn_fail(s, f[f[E_INTID].key > f[E_EXPLICIT].key ? E_INTID : E_EXPLICIT].key,
			      "an event has `intid` or `explicit`, not both");
	if (f[E_EVENT].key)
		ok &= event_number(s, p, f[E_EVENT].value, prev, nprev, &e->number);
	if (f[E_TYPE].key) {
		type_ok = scn_choice(s, f[E_TYPE].value, "`type`", types, 2, &type);
		ok &= type_ok;
	}
	if (f[E_PRIORITY].key)
		ok &= scn_choice(s, f[E_PRIORITY].value, "`priority`", prios, 2, &prio);
	if (f[E_EXPLICIT].key && scn_bool(s, f[E_EXPLICIT].value, "`explicit`", &explicit_event)) {
		if (!explicit_event)
			ok = scn_fail(s, f[E_EXPLICIT].value, "`explicit` must be true (leave it out for "
				      "an event bound to an interrupt)");
		else if (type_ok && type == SDD_SHARED)
			ok = scn_fail(s, f[E_EXPLICIT].value, "an explicit event must be private, this "
				      "one is shared");
	} else if (f[E_EXPLICIT].key) {
		ok = false;
	}
	if (f[E_INTID].key && type_ok)
		ok &= event_intid(s, p, f[E_INTID].value, (uint8_t)type, prev, nprev, &e->intid);
	e->type = (uint8_t)type;
	e->priority = (uint8_t)prio;
	e->explicit_event = explicit_event;
	return ok;
}

static bool p_events(struct scn *s, const struct pctx *c, int id)
{
	const yaml_node_item_t *items;
	struct sim_event ev[SIM_MAX_EVENTS];
	unsigned nprivate = 0;
	int n = scn_seq(s, id, "`events`", &items);

	if (n < 0)
		return false;
	for (int k = 0; k < n; k++) {
		if (k == (int)SIM_MAX_EVENTS)
			return scn_fail(s, items[k], "too many platform events: at most %u",
					SIM_MAX_EVENTS);
		if (!event_entry(s, c->p, items[k], ev, (unsigned)k, &ev[k]))
			return false;
		nprivate += ev[k].type == SDD_PRIVATE;
		if (!check_counts(s, items[k], c->p, (unsigned)k + 1, nprivate))
			return false;
	}
	memcpy(c->p->events, ev, (size_t)n * sizeof ev[0]);
	c->p->nevents = (uint32_t)n;
	return true;
}

/* ---- The table ---- */

static const struct {
	bool (*parse)(struct scn *s, const struct pctx *c, int id);
	uint32_t deps;                    /* keys that must have been right */
} pkeys[P_COUNT] = {
	[P_PROFILE]       = { p_profile, 0 },
	[P_PES]           = { p_pes, SCN_BIT(P_PROFILE) },
	[P_MPIDR]         = { p_mpidr, SCN_BIT(P_PROFILE) | SCN_BIT(P_PES) },
	[P_CLIENT_EL]     = { p_client_el, SCN_BIT(P_PROFILE) },
	[P_CONDUIT]       = { p_conduit, SCN_BIT(P_PROFILE) },
	[P_VERSION]       = { p_version, SCN_BIT(P_PROFILE) },
	[P_RELATIVE_MODE] = { p_relative_mode, SCN_BIT(P_PROFILE) | SCN_BIT(P_VERSION) },
	[P_FEATURES]      = { p_features, SCN_BIT(P_PROFILE) },
	[P_SCTLR]         = { p_sctlr, SCN_BIT(P_PROFILE) },
	[P_HCR_EL2]       = { p_hcr_el2, SCN_BIT(P_PROFILE) | SCN_BIT(P_CLIENT_EL) },
	[P_POLICY]        = { p_policy, SCN_BIT(P_PROFILE) },
	[P_BIND_SLOTS]    = { p_bind_slots, SCN_BIT(P_PROFILE) },
	[P_SPIS]          = { p_spis, SCN_BIT(P_PROFILE) },
	[P_SECURE_INTIDS] = { p_secure_intids, SCN_BIT(P_PROFILE) | SCN_BIT(P_SPIS) | SCN_BIT(P_PES) },
	[P_EVENTS]        = { p_events, SCN_BIT(P_PROFILE) | SCN_BIT(P_SPIS) | SCN_BIT(P_SECURE_INTIDS) |
				      SCN_BIT(P_BIND_SLOTS) },
};

/* The keys steps and handlers are checked against (PE indices, INTIDs, from_el). */
#define BASIS (SCN_BIT(P_PROFILE) | SCN_BIT(P_PES) | SCN_BIT(P_SPIS) | SCN_BIT(P_CLIENT_EL))

/* see scn_internal.h */
bool scn_platform(struct scn *s, int id, bool *basis_ok)
{
	static const struct scn_map_spec spec = {
		"`platform`", platform_keys, P_COUNT, SCN_BIT(P_COUNT) - 1, NULL,
	};
	struct scn_field f[P_COUNT];
	struct sdd_platform sdd;
	struct pctx c = { &s->prog->platform, f };
	uint32_t failed = 0;
	bool keys_ok;
	int err;

	*basis_ok = true;
	if (id) {
		keys_ok = scn_fields(s, id, &spec, f);
		for (unsigned k = 0; k < P_COUNT && !s->over_budget; k++) {
			if (!f[k].key)
				continue;
			if ((failed & pkeys[k].deps) || !pkeys[k].parse(s, &c, f[k].value))
				failed |= (uint32_t)SCN_BIT(k);
		}
		/* An unknown key, or a bad `events`, does not make a step's PE index
		 * or INTID doubtful: steps are still checked then. */
		*basis_ok = scn_is(s, id, YAML_MAPPING_NODE) && !(failed & BASIS) && !s->over_budget;
		if (!keys_ok || failed || s->over_budget)
			return false;
	}
	err = sim_platform_to_sdd(c.p, &sdd);
	if (err)
		return scn_fail(s, id, "the platform is not valid: %s", sdd_init_error_name(err));
	return true;
}
