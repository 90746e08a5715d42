/*
 * trace_platform.c - the values of a version 2 platform record's fields
 * (FORMAT.md, "platform"): lists of MPIDRs, INTIDs and events, the SDEI
 * version, the bind slots.  Kept apart from trace_read.c because they are
 * the only values with an inner syntax (`,` between items, `:` inside an
 * event or a policy, `@` and `+` in a secure PPI's PEs); the reader turns
 * a failure here into FILE:LINE:COLUMN with the column of the offending
 * item.  The names of features and policies are the scenarios' (one table
 * each in sim/platform_names.c: sim_feature_names, sim_policy_names).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "program.h"               /* sim_policy_names, sim_feature_names, ... */
#include "sdd/sdd_platform.h"      /* SDD_MAX_EVENTS, SDD_MAX_PRIVATE_EVENTS */
#include "trace_internal.h"

_Static_assert(TRACE_POLICY_FIELDS == SIM_POLICY_FIELDS, "a platform record holds every policy");

#define MAX_INTID 1019u
#define MAX_SPIS  988u      /* SPIs 32..1019 */

struct cursor {
	const char *v;
	size_t n, at;            /* the value, its length, the next item */
	size_t *bad;
	char *msg;
	size_t msgn;
};

__attribute__((format(printf, 3, 4)))
static int bad_at(struct cursor *c, size_t off, const char *fmt, ...)
{
	va_list ap;

	*c->bad = off;
	va_start(ap, fmt);
	vsnprintf(c->msg, c->msgn, fmt, ap);
	va_end(ap);
	return -1;
}

/* The next item up to `sep` (or the end): its offset and length; false at the end. */
static bool item(struct cursor *c, char sep, size_t *off, size_t *len)
{
	const char *end;

	if (c->at > c->n)
		return false;
	end = memchr(c->v + c->at, sep, c->n - c->at);
	*off = c->at;
	*len = end ? (size_t)(end - (c->v + c->at)) : c->n - c->at;
	c->at += *len + 1;
	return true;
}

/* "-" is the empty list (a field cannot be empty). */
static bool empty_list(const struct cursor *c)
{
	return c->n == 1 && c->v[0] == '-';
}

static int mpidrs(struct cursor *c, struct trace_platform *pl)
{
	size_t off, len;

	pl->nmpidr = 0;
	while (item(c, ',', &off, &len)) {
		uint64_t v;
		if (pl->nmpidr == TRACE_MAX_PES)
			return bad_at(c, off, "mpidr: at most %u values", TRACE_MAX_PES);
		if (!trace_scan_reg(c->v + off, len, &v))
			return bad_at(c, off, "mpidr: expected 0x and 1 to 16 lowercase hex digits");
		pl->mpidr[pl->nmpidr++] = v;
	}
	return 0;
}

static int decimal(struct cursor *c, size_t off, size_t len, const char *what, uint64_t max, uint32_t *out)
{
	uint64_t v;

	*out = 0;                 /* (defined on failure too) */
	if (!trace_scan_u64(c->v + off, len, 10, &v))
		return bad_at(c, off, "%s: expected a decimal number", what);
	if (v > max)
		return bad_at(c, off, "%s: %llu is more than %llu", what, (unsigned long long)v, (unsigned long long)max);
	*out = (uint32_t)v;
	return 0;
}

/* PE+PE+...: the PEs firmware owns a PPI on (a scenario's `pes`), each once. */
static int secure_pes(struct cursor *c, size_t off, size_t len, uint64_t *pes)
{
	struct cursor in = { c->v + off, len, 0, c->bad, c->msg, c->msgn };
	size_t o, l;

	*pes = 0;
	while (item(&in, '+', &o, &l)) {
		uint32_t pe;
		if (decimal(&in, o, l, "secure: a PE", TRACE_MAX_PES - 1, &pe)) {
			*c->bad += off;
			return -1;
		}
		if (*pes >> pe & 1)
			return bad_at(c, off + o, "secure: PE %u is listed twice", pe);
		*pes |= 1ull << pe;
	}
	return 0;
}

static int secure(struct cursor *c, struct trace_platform *pl)
{
	size_t off, len;

	pl->nsecure = 0;
	memset(pl->secure_pes, 0, sizeof pl->secure_pes);
	if (empty_list(c))
		return 0;
	while (item(c, ',', &off, &len)) {
		const char *at = memchr(c->v + off, '@', len);   /* INTID@PE+PE: a PPI on those PEs */
		size_t ilen = at ? (size_t)(at - (c->v + off)) : len;
		uint32_t *intid;
		if (pl->nsecure == TRACE_MAX_SECURE)
			return bad_at(c, off, "secure: at most %u INTIDs", TRACE_MAX_SECURE);
		intid = &pl->secure[pl->nsecure];
		if (decimal(c, off, ilen, "secure", MAX_INTID, intid))
			return -1;
		/* a set, as a scenario's secure_intids: the loader refuses a repeat too */
		for (uint32_t k = 0; k < pl->nsecure; k++)
			if (pl->secure[k] == *intid)
				return bad_at(c, off, "secure: INTID %u is listed twice", *intid);
		if (at && (*intid < 16 || *intid > 31))
			return bad_at(c, off, "secure: only a PPI (16..31) is owned PE by PE, found %u", *intid);
		if (at && secure_pes(c, off + ilen + 1, len - ilen - 1, &pl->secure_pes[pl->nsecure]))
			return -1;
		pl->nsecure++;
	}
	return 0;
}

static bool word(const struct cursor *c, size_t off, size_t len, const char *w)
{
	return strlen(w) == len && memcmp(c->v + off, w, len) == 0;
}

/* NUMBER:TYPE:PRIORITY:INTID, or :explicit in place of the INTID. */
static int one_event(struct cursor *c, size_t off, size_t len, struct trace_event_desc *e)
{
	struct cursor in = { c->v + off, len, 0, c->bad, c->msg, c->msgn };
	size_t o[4], l[4];
	unsigned k = 0;
	uint64_t num;

	memset(e, 0, sizeof *e);
	while (k < 4 && item(&in, ':', &o[k], &l[k]))
		k++;
	if (k < 4 || in.at <= in.n)
		return bad_at(c, off, "events: expected NUMBER:TYPE:PRIORITY:INTID (or :explicit)");
	if (!trace_scan_i64(in.v + o[0], l[0], 0, &num) || (int64_t)num < INT32_MIN || (int64_t)num > INT32_MAX)
		return bad_at(c, off + o[0], "events: expected a 32-bit event number");
	e->number = (int32_t)num;
	if (!word(&in, o[1], l[1], "private") && !word(&in, o[1], l[1], "shared"))
		return bad_at(c, off + o[1], "events: the type is private or shared");
	e->shared = word(&in, o[1], l[1], "shared");
	if (!word(&in, o[2], l[2], "normal") && !word(&in, o[2], l[2], "critical"))
		return bad_at(c, off + o[2], "events: the priority is normal or critical");
	e->critical = word(&in, o[2], l[2], "critical");
	if (word(&in, o[3], l[3], "explicit")) {
		e->explicit_event = 1;
		return 0;
	}
	if (decimal(&in, o[3], l[3], "events: the INTID", MAX_INTID, &e->intid)) {
		*c->bad += off;
		return -1;
	}
	return 0;
}

static int events(struct cursor *c, struct trace_platform *pl)
{
	size_t off, len;

	pl->nevents = 0;
	if (empty_list(c))
		return 0;
	while (item(c, ',', &off, &len)) {
		if (pl->nevents == TRACE_MAX_EVENTS)
			return bad_at(c, off, "events: at most %u events", TRACE_MAX_EVENTS);
		if (one_event(c, off, len, &pl->events[pl->nevents]))
			return -1;
		pl->nevents++;
	}
	return 0;
}

static int bind(struct cursor *c, struct trace_platform *pl)
{
	size_t off[2], len[2];
	uint32_t all;

	if (!item(c, ',', &off[0], &len[0]) || !item(c, ',', &off[1], &len[1]) || c->at <= c->n)
		return bad_at(c, 0, "bind: expected PRIVATE,SHARED (two numbers of slots)");
	if (decimal(c, off[0], len[0], "bind", SDD_MAX_EVENTS, &pl->bind_private) ||
	    decimal(c, off[1], len[1], "bind", SDD_MAX_EVENTS, &pl->bind_shared))
		return -1;
	/* The slots are events of the dispatcher, as event 0 (private) is:
	 * SDD_MAX_EVENTS in all, SDD_MAX_PRIVATE_EVENTS of them private.  What
	 * the platform's own events leave of that is checked when a replay
	 * applies the record to its profile (trace_platform_apply). */
	if (pl->bind_private + 1 > SDD_MAX_PRIVATE_EVENTS)
		return bad_at(c, off[0], "bind: %u private slots and event 0 make %u private events, at most %u",
			      pl->bind_private, pl->bind_private + 1, SDD_MAX_PRIVATE_EVENTS);
	all = pl->bind_private + pl->bind_shared + 1;
	if (all > SDD_MAX_EVENTS)
		return bad_at(c, 0, "bind: %u slots and event 0 make %u events, at most %u", all - 1, all,
			      SDD_MAX_EVENTS);
	return 0;
}

/* "a, b or c" of names[0..n) into buf. */
static const char *alternatives(const char *const *names, unsigned n, char *buf, size_t cap)
{
	size_t at = 0;

	buf[0] = 0;
	for (unsigned k = 0; k < n && at < cap; k++) {
		int w = snprintf(buf + at, cap - at, "%s%s", k == 0 ? "" : k + 1 == n ? " or " : ", ", names[k]);
		if (w < 0)
			break;
		at += (size_t)w;
	}
	return buf;
}

const char *trace_feature_name(unsigned bit)
{
	for (unsigned k = 0; k < SIM_FEATURES; k++)
		if (sim_feature_bits[k] == bit)
			return sim_feature_names[k];
	return NULL;
}

/* NAME,NAME,...: the features (a scenario's `features` list), each once. */
static int features(struct cursor *c, struct trace_platform *pl)
{
	char names[TRACE_NAMES_MAX], q[SIM_QUOTE_SIZE];
	size_t off, len;

	pl->features = 0;
	if (empty_list(c))
		return 0;
	while (item(c, ',', &off, &len)) {
		int k = trace_name_index(sim_feature_names, SIM_FEATURES, c->v + off, len);
		if (k < 0)
			return bad_at(c, off, "features: '%s' is not a feature (%s)", sim_quote(q, c->v + off, len),
				      alternatives(sim_feature_names, SIM_FEATURES, names, sizeof names));
		if (pl->features >> sim_feature_bits[k] & 1)
			return bad_at(c, off, "features: %s is listed twice", sim_feature_names[k]);
		pl->features |= 1u << sim_feature_bits[k];
	}
	return 0;
}

/* NAME:VALUE,...: the policies that are not the profile's, each once. */
static int policy(struct cursor *c, struct trace_platform *pl)
{
	char names[TRACE_NAMES_MAX], q[SIM_QUOTE_SIZE];
	size_t off, len;

	pl->policy_given = 0;
	while (item(c, ',', &off, &len)) {
		const char *colon = memchr(c->v + off, ':', len);
		size_t nlen = colon ? (size_t)(colon - (c->v + off)) : len;
		int k = trace_name_index(sim_policy_names, SIM_POLICY_FIELDS, c->v + off, nlen), v;
		const struct sim_policy_field *f;
		if (k < 0)
			return bad_at(c, off, "policy: '%s' is not a policy (%s)", sim_quote(q, c->v + off, nlen),
				      alternatives(sim_policy_names, SIM_POLICY_FIELDS, names, sizeof names));
		if (!colon)
			return bad_at(c, off + nlen, "policy: expected %s:VALUE", sim_policy_names[k]);
		if (pl->policy_given >> k & 1)
			return bad_at(c, off, "policy: %s is given twice", sim_policy_names[k]);
		f = &sim_policy_fields[k];
		v = trace_name_index(f->values, f->nvalues, colon + 1, len - nlen - 1);
		if (v < 0)
			return bad_at(c, off + nlen + 1, "policy: %s is %s, found '%s'", sim_policy_names[k],
				      alternatives(f->values, f->nvalues, names, sizeof names),
				      sim_quote(q, colon + 1, len - nlen - 1));
		/* the scenario loader refuses the same (sim_policy_refused) */
		if (sim_policy_refused((unsigned)k, (unsigned)v))
			return bad_at(c, off + nlen + 1, "policy: %s", sim_policy_refused((unsigned)k, (unsigned)v));
		pl->policy[k] = (uint8_t)v;
		pl->policy_given |= 1u << k;
	}
	return 0;
}

static int reg(struct cursor *c, const char *what, uint64_t *out)
{
	if (!trace_scan_reg(c->v, c->n, out))
		return bad_at(c, 0, "%s: expected 0x and 1 to 16 lowercase hex digits", what);
	return 0;
}

int trace_platform_parse(unsigned field, const char *v, size_t n, struct trace_platform *pl, size_t *bad,
			 char *msg, size_t msgn)
{
	struct cursor c = { v, n, 0, bad, msg, msgn };
	uint32_t u;

	switch (field) {
	case TRACE_PF_MPIDR:
		return mpidrs(&c, pl);
	case TRACE_PF_VERSION:
		if (!word(&c, 0, n, "1.0") && !word(&c, 0, n, "1.1"))
			return bad_at(&c, 0, "version: 1.0 or 1.1");
		pl->version_minor = v[2] == '1';
		return 0;
	case TRACE_PF_RELATIVE:
		if (decimal(&c, 0, n, "relative", 1, &u))
			return -1;
		pl->relative_mode = (uint8_t)u;
		return 0;
	case TRACE_PF_BIND:
		return bind(&c, pl);
	case TRACE_PF_SPIS:
		return decimal(&c, 0, n, "spis", MAX_SPIS, &pl->spis);
	case TRACE_PF_SECURE:
		return secure(&c, pl);
	case TRACE_PF_EVENTS:
		return events(&c, pl);
	case TRACE_PF_FEATURES:
		return features(&c, pl);
	case TRACE_PF_SCTLR:
		return reg(&c, "sctlr", &pl->sctlr);
	case TRACE_PF_HCR:
		return reg(&c, "hcr_el2", &pl->hcr_el2);
	case TRACE_PF_POLICY:
		return policy(&c, pl);
	default:
		return bad_at(&c, 0, "internal error: platform field %u", field);
	}
}
