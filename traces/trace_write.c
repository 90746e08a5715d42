/*
 * trace_write.c - records to lines (FORMAT.md).  The field order is fixed
 * so that the same records always give the same bytes.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"        /* sim_aarch32_modes, sim_a32_mode_of */
#include "program.h"          /* sim_policy_names, sim_policy_fields */
#include "trace_internal.h"

/* A line being built, whole: the fields are bounded but for the text
 * ones (a warning's msg, src's file name: a path, or as long as the line
 * it was read from), for which the line grows.  overflow: out of memory
 * (or a vsnprintf error), and the record is not written. */
struct line {
	char  *buf;              /* small, or malloc'd once a line needs more */
	size_t n, cap;
	bool   overflow;
	char   small[8192];      /* the longest with short texts: a platform record with everything (test_format's longest_platform) */
};

/* Room for need more bytes and a NUL at buf[n]; false when out of memory. */
static bool room(struct line *l, size_t need)
{
	char *buf;

	if (l->overflow || need < l->cap - l->n)
		return !l->overflow;
	buf = l->buf == l->small ? malloc(l->n + need + 1) : realloc(l->buf, l->n + need + 1);
	if (!buf) {
		l->overflow = true;
		return false;
	}
	if (l->buf == l->small)
		memcpy(buf, l->small, l->n);
	l->buf = buf;
	l->cap = l->n + need + 1;
	return true;
}

__attribute__((format(printf, 2, 3)))
static void add(struct line *l, const char *fmt, ...)
{
	va_list ap, again;
	int k;

	if (l->overflow)
		return;
	va_start(ap, fmt);
	va_copy(again, ap);
	k = vsnprintf(l->buf + l->n, l->cap - l->n, fmt, ap);
	if (k >= 0 && (size_t)k >= l->cap - l->n && room(l, (size_t)k))
		k = vsnprintf(l->buf + l->n, l->cap - l->n, fmt, again);
	va_end(again);
	va_end(ap);
	if (k < 0 || (size_t)k >= l->cap - l->n)
		l->overflow = true;
	else
		l->n += (size_t)k;
}

/* " key=" and text s escaped (FORMAT.md), whole. */
static void add_escaped(struct line *l, const char *key, const char *s)
{
	size_t worst = 3 * strlen(s);      /* every byte %XX */

	add(l, " %s=", key);
	if (room(l, worst))
		l->n += trace_escape(l->buf + l->n, worst + 1, s);
}

static void add_reg(struct line *l, const char *name, unsigned n, bool known, uint64_t v)
{
	if (known)
		add(l, " %s%u=0x%" PRIx64, name, n, v);
	else
		add(l, " %s%u=?", name, n);
}


/* see trace_internal.h */
const char *trace_a32_mode_name(const struct trace_rec *r)
{
	const char *name = sim_aarch32_modes[sim_a32_mode_of(r->aarch32, r->el)].name;

	return name ? name : "1";
}

static void add_call(struct line *l, const struct trace_rec *r)
{
	const char *fn = (r->x_known & 1) ? trace_fid_name((uint32_t)r->x[0]) : NULL;

	add(l, " conduit=%s el=%u", trace_enum_name(TRACE_ENUM_CONDUIT, r->conduit), r->el);
	if (r->aarch32)            /* only then: a call from AArch64 is written as before the field */
		add(l, " aarch32=%s", trace_a32_mode_name(r));
	if (r->secure)             /* the same: a Non-secure call is written as before the field */
		add(l, " secure=1");
	add(l, " h=%u", r->from_handler);
	if (fn)
		add(l, " fn=%s", fn);
	for (unsigned k = 0; k < 6; k++)
		add_reg(l, "x", k, r->x_known & (1u << k), r->x[k]);
	add(l, " end=%s", trace_enum_name(TRACE_ENUM_END, r->end));
	if (r->end == TRACE_END_RET)
		for (unsigned k = 0; k < 4; k++)
			if (r->r_known & (1u << k))
				add_reg(l, "r", k, true, r->r[k]);
}

static void add_dispatch(struct line *l, const struct trace_rec *r)
{
	add(l, " event=%" PRId32, r->event);
	if (r->has & TRACE_HAS_EP)
		add(l, " ep=0x%" PRIx64, r->ep);
	add(l, " cause=%s", trace_enum_name(TRACE_ENUM_CAUSE, r->cause));
	if (r->has & TRACE_HAS_INTID)
		add(l, " intid=%" PRIu32, r->intid);
	if (r->has & TRACE_HAS_DEPTH)
		add(l, " depth=%u", r->depth);
	for (unsigned k = 0; k < 4; k++)
		add_reg(l, "x", k, r->x_known & (1u << k), r->x[k]);
	if (r->has & TRACE_HAS_PSTATE)
		add(l, " pstate=0x%" PRIx64, r->pstate);
}

static void add_complete(struct line *l, const struct trace_rec *r)
{
	add(l, " event=%" PRId32 " how=%s", r->event, trace_enum_name(TRACE_ENUM_DONE, r->how));
	if (r->has & TRACE_HAS_ARG)
		add(l, " %s=0x%" PRIx64, r->how == TRACE_DONE_RESUME ? "resume" : "status", r->arg);
	if (r->has & TRACE_HAS_PC)
		add(l, " pc=0x%" PRIx64, r->pc);
	if (r->has & TRACE_HAS_PSTATE)
		add(l, " pstate=0x%" PRIx64, r->pstate);
	if (r->has & TRACE_HAS_DEPTH)
		add(l, " depth=%u", r->depth);
}

/* " mpidr=0x..,0x.." of n MPIDRs. */
static void add_mpidrs(struct line *l, const uint64_t *v, unsigned n)
{
	add(l, " mpidr=");
	for (unsigned k = 0; k < n; k++)
		add(l, "%s0x%" PRIx64, k ? "," : "", v[k]);
}

/* " secure=INTID,INTID@PE+PE,..." (or "-"). */
static void add_secure(struct line *l, const struct trace_platform *p)
{
	unsigned n = p->nsecure < TRACE_MAX_SECURE ? p->nsecure : TRACE_MAX_SECURE;

	add(l, " secure=%s", n ? "" : "-");
	for (unsigned k = 0; k < n; k++) {
		add(l, "%s%" PRIu32, k ? "," : "", p->secure[k]);
		for (unsigned pe = 0, first = 1; pe < 64; pe++)
			if (p->secure_pes[k] >> pe & 1) {
				add(l, "%c%u", first ? '@' : '+', pe);
				first = 0;
			}
	}
}

/* " features=NAME,NAME" (or "-"); a bit without a name cannot be written. */
static void add_features(struct line *l, uint32_t features)
{
	add(l, " features=%s", features ? "" : "-");
	for (unsigned bit = 0, first = 1; bit < 32; bit++) {
		const char *name = trace_feature_name(bit);
		if (!(features >> bit & 1))
			continue;
		if (!name)
			l->overflow = true;
		else
			add(l, "%s%s", first ? "" : ",", name);
		first = 0;
	}
}

/* " policy=NAME:VALUE,..." of the policies given. */
static void add_policy(struct line *l, const struct trace_platform *p)
{
	add(l, " policy=");
	for (unsigned k = 0, first = 1; k < TRACE_POLICY_FIELDS; k++) {
		if (!(p->policy_given >> k & 1))
			continue;
		if (p->policy[k] >= sim_policy_fields[k].nvalues)
			l->overflow = true;
		else
			add(l, "%s%s:%s", first ? "" : ",", sim_policy_names[k],
			    sim_policy_fields[k].values[p->policy[k]]);
		first = 0;
	}
}

static void add_events(struct line *l, const struct trace_platform *p)
{
	add(l, " events=%s", p->nevents ? "" : "-");
	for (unsigned k = 0; k < p->nevents && k < TRACE_MAX_EVENTS; k++) {
		const struct trace_event_desc *e = &p->events[k];
		add(l, "%s%" PRId32 ":%s:%s:", k ? "," : "", e->number, e->shared ? "shared" : "private",
		    e->critical ? "critical" : "normal");
		if (e->explicit_event)
			add(l, "explicit");
		else
			add(l, "%" PRIu32, e->intid);
	}
}

static void add_platform(struct line *l, const struct trace_rec *r)
{
	const struct trace_platform *p = r->plat;

	if (r->has & TRACE_HAS_PROFILE)
		add_escaped(l, "profile", r->profile);
	if (r->has & TRACE_HAS_PES)
		add(l, " pes=%" PRIu32, r->pes);
	if (!p)
		l->overflow |= (r->has & (TRACE_HAS_MPIDR | TRACE_HAS_VERSION | TRACE_HAS_RELATIVE | TRACE_HAS_BIND |
					  TRACE_HAS_SPIS | TRACE_HAS_SECURE | TRACE_HAS_EVENTS | TRACE_HAS_FEATURES |
					  TRACE_HAS_SCTLR | TRACE_HAS_HCR | TRACE_HAS_POLICY)) != 0;
	if (p && (r->has & TRACE_HAS_MPIDR))
		add_mpidrs(l, p->mpidr, p->nmpidr < TRACE_MAX_PES ? p->nmpidr : TRACE_MAX_PES);
	if (r->has & TRACE_HAS_EL)
		add(l, " el=%u", r->el);
	if (r->has & TRACE_HAS_CONDUIT)
		add(l, " conduit=%s", trace_enum_name(TRACE_ENUM_CONDUIT, r->conduit));
	if (!p)
		return;
	if (r->has & TRACE_HAS_VERSION)
		add(l, " version=1.%u", p->version_minor ? 1u : 0u);
	if (r->has & TRACE_HAS_RELATIVE)
		add(l, " relative=%u", p->relative_mode ? 1u : 0u);
	if (r->has & TRACE_HAS_FEATURES)
		add_features(l, p->features);
	if (r->has & TRACE_HAS_SCTLR)
		add(l, " sctlr=0x%" PRIx64, p->sctlr);
	if (r->has & TRACE_HAS_HCR)
		add(l, " hcr_el2=0x%" PRIx64, p->hcr_el2);
	if ((r->has & TRACE_HAS_POLICY) && p->policy_given)
		add_policy(l, p);
	if (r->has & TRACE_HAS_BIND)
		add(l, " bind=%" PRIu32 ",%" PRIu32, p->bind_private, p->bind_shared);
	if (r->has & TRACE_HAS_SPIS)
		add(l, " spis=%" PRIu32, p->spis);
	if (r->has & TRACE_HAS_SECURE)
		add_secure(l, p);
	if (r->has & TRACE_HAS_EVENTS)
		add_events(l, p);
}

/* Records whose time and PE are always present. */
static bool timed(unsigned kind)
{
	return kind != TRACE_PLATFORM && kind != TRACE_WARNING;
}

int trace_write(FILE *f, const struct trace_rec *r)
{
	struct line l;
	bool ok;

	if (r->kind >= TRACE_KIND_COUNT)
		return -1;
	l.buf = l.small;
	l.n = 0;
	l.cap = sizeof l.small;
	l.overflow = false;
	add(&l, "%s", trace_kind_name(r->kind));
	if (timed(r->kind) || (r->has & TRACE_HAS_T))
		add(&l, " t=%" PRIu64, r->t);
	if (timed(r->kind) || (r->has & TRACE_HAS_PE))
		add(&l, " pe=%u", r->pe);
	switch (r->kind) {
	case TRACE_CALL:
		add_call(&l, r);
		break;
	case TRACE_DISPATCH:
		add_dispatch(&l, r);
		break;
	case TRACE_COMPLETE:
		add_complete(&l, r);
		break;
	case TRACE_IRQ:
		add(&l, " intid=%" PRIu32 " how=%s", r->intid, trace_enum_name(TRACE_ENUM_IRQ_HOW, r->how));
		if (r->has & TRACE_HAS_RES)
			add(&l, " res=%s", trace_enum_name(TRACE_ENUM_RES, r->res));
		break;
	case TRACE_POWER:
		add(&l, " state=%s", trace_enum_name(TRACE_ENUM_POWER, r->state));
		if (r->has & TRACE_HAS_PREV)
			add(&l, " prev=%s", trace_enum_name(TRACE_ENUM_POWER, r->prev));
		break;
	case TRACE_PLATFORM:
		add_platform(&l, r);
		break;
	case TRACE_WARNING:
		add_escaped(&l, "msg", r->msg ? r->msg : "");
		break;
	default:
		break;
	}
	if ((r->has & TRACE_HAS_SRC) && r->src_file) {
		add_escaped(&l, "src", r->src_file);
		add(&l, ":%" PRIu32, r->src_line);
	}
	add(&l, "\n");
	ok = !l.overflow && fwrite(l.buf, 1, l.n, f) == l.n;
	if (l.buf != l.small)
		free(l.buf);
	return ok ? 0 : -1;
}

int trace_write_header(FILE *f, const char *comment)
{
	if (fprintf(f, "# sdeisim-trace %d\n", TRACE_VERSION) < 0)
		return -1;
	/* A comment is one line: anything that would start a new one is cut
	 * (it is whole otherwise: it names the input, up to a path's length). */
	if (comment && fprintf(f, "# %.*s\n", (int)strcspn(comment, "\n"), comment) < 0)
		return -1;
	return 0;
}
