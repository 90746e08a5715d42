/*
 * trace_read.c - lines to records (FORMAT.md), strictly: a field that is
 * not allowed in its record, given twice, malformed or out of range is an
 * error naming its line and column, so that a trace that reads is a trace
 * every consumer can trust.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"        /* sim_aarch32_modes */
#include "linein.h"
#include "trace_internal.h"

#define MAX_LINE 65536
#define MAX_SRC_FILES 1024   /* distinct src= files a reader keeps: its memory stays bounded */

enum key {
	K_T = 0, K_PE, K_CONDUIT, K_EL, K_H, K_FN, K_X0, K_X1, K_X2, K_X3, K_X4, K_X5, K_END,
	K_R0, K_R1, K_R2, K_R3, K_EVENT, K_EP, K_CAUSE, K_INTID, K_DEPTH, K_PSTATE, K_HOW,
	K_STATUS, K_RESUME, K_PC, K_RES, K_STATE, K_PREV, K_PROFILE, K_PES, K_MSG, K_SRC,
	K_MPIDR, K_VERSION, K_RELATIVE, K_BIND, K_SPIS, K_SECURE, K_EVENTS, K_FEATURES, K_SCTLR, K_HCR,
	K_POLICY, K_AARCH32, K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"t", "pe", "conduit", "el", "h", "fn", "x0", "x1", "x2", "x3", "x4", "x5", "end",
	"r0", "r1", "r2", "r3", "event", "ep", "cause", "intid", "depth", "pstate", "how",
	"status", "resume", "pc", "res", "state", "prev", "profile", "pes", "msg", "src",
	"mpidr", "version", "relative", "bind", "spis", "secure", "events", "features", "sctlr", "hcr_el2",
	"policy", "aarch32",
};

#define B(k) (1ull << (k))
#define XS   (B(K_X0) | B(K_X1) | B(K_X2) | B(K_X3) | B(K_X4) | B(K_X5))
#define RS   (B(K_R0) | B(K_R1) | B(K_R2) | B(K_R3))
/* The platform fields version 2 added: a version 1 trace cannot have them. */
#define V2_PLATFORM (B(K_MPIDR) | B(K_VERSION) | B(K_RELATIVE) | B(K_BIND) | B(K_SPIS) | B(K_SECURE) | \
		     B(K_EVENTS) | B(K_FEATURES) | B(K_SCTLR) | B(K_HCR) | B(K_POLICY))

/* Which keys each record kind allows, and which it requires. */
static const struct { uint64_t allowed, required; } kind_keys[TRACE_KIND_COUNT] = {
	[TRACE_CALL] = {
		B(K_T) | B(K_PE) | B(K_CONDUIT) | B(K_EL) | B(K_AARCH32) | B(K_SECURE) | B(K_H) | B(K_FN) | XS |
		B(K_END) | RS | B(K_SRC),
		B(K_T) | B(K_PE) | B(K_CONDUIT) | B(K_EL) | B(K_H) | B(K_X0) | B(K_END) },
	[TRACE_DISPATCH] = {
		B(K_T) | B(K_PE) | B(K_EVENT) | B(K_EP) | B(K_CAUSE) | B(K_INTID) | B(K_DEPTH) |
		B(K_X0) | B(K_X1) | B(K_X2) | B(K_X3) | B(K_PSTATE) | B(K_SRC),
		B(K_T) | B(K_PE) | B(K_EVENT) | B(K_CAUSE) },
	[TRACE_COMPLETE] = {
		B(K_T) | B(K_PE) | B(K_EVENT) | B(K_HOW) | B(K_STATUS) | B(K_RESUME) | B(K_PC) |
		B(K_PSTATE) | B(K_DEPTH) | B(K_SRC),
		B(K_T) | B(K_PE) | B(K_EVENT) | B(K_HOW) },
	[TRACE_IRQ] = {
		B(K_T) | B(K_PE) | B(K_INTID) | B(K_HOW) | B(K_RES) | B(K_SRC),
		B(K_T) | B(K_PE) | B(K_INTID) | B(K_HOW) },
	[TRACE_POWER] = {
		B(K_T) | B(K_PE) | B(K_STATE) | B(K_PREV) | B(K_SRC),
		B(K_T) | B(K_PE) | B(K_STATE) },
	[TRACE_PLATFORM] = {
		B(K_T) | B(K_PE) | B(K_PROFILE) | B(K_PES) | B(K_EL) | B(K_CONDUIT) | V2_PLATFORM, 0 },
	[TRACE_WARNING] = {
		B(K_T) | B(K_PE) | B(K_MSG) | B(K_SRC), B(K_MSG) },
};

struct trace_reader {
	struct linein *in;
	char    *name;
	uint32_t lineno;
	bool     header_seen;
	bool     failed;
	unsigned version;         /* declared by the header */
	struct trace_platform plat;   /* the last platform record's lists */
	char     error[700];
	char    *msg;             /* unescaped warning text (msg_cap bytes, trace_room) */
	char    *scratch;         /* unescaping src and profile (scratch_cap bytes) */
	size_t   msg_cap, scratch_cap;
	struct trace_strset files;    /* the src file names records point at */
	uint64_t last_t[TRACE_MAX_PES];
	uint32_t last_line[TRACE_MAX_PES];
	bool     seen_pe[TRACE_MAX_PES];
};

struct trace_reader *trace_reader_open(FILE *f, const char *name)
{
	struct trace_reader *rd = calloc(1, sizeof *rd);

	if (!rd)
		return NULL;
	rd->name = strdup(name ? name : "-");
	rd->in = linein_open_file(f, rd->name ? rd->name : "-");
	if (!rd->name || !rd->in) {
		trace_reader_close(rd);
		return NULL;
	}
	return rd;
}

void trace_reader_close(struct trace_reader *rd)
{
	if (!rd)
		return;
	trace_strset_free(&rd->files);
	free(rd->msg);
	free(rd->scratch);
	linein_close(rd->in);
	free(rd->name);
	free(rd);
}

const char *trace_reader_error(const struct trace_reader *rd)
{
	return rd->error;
}

const char *trace_reader_name(const struct trace_reader *rd)
{
	return rd->name;
}

__attribute__((format(printf, 3, 4)))
static int fail(struct trace_reader *rd, size_t col, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(rd->error, sizeof rd->error, "%s:%" PRIu32 ":%zu: ", rd->name, rd->lineno, col + 1);

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof rd->error)
		vsnprintf(rd->error + n, sizeof rd->error - (size_t)n, fmt, ap);
	va_end(ap);
	rd->failed = true;
	return -1;
}

/* ---- One field ---- */

struct field {
	const char *line;        /* for columns */
	const char *k, *v;       /* key and value */
	size_t      kn, vn;
};

static size_t col_of(const struct field *fd, const char *p)
{
	return (size_t)(p - fd->line);
}

static int bad_value(struct trace_reader *rd, const struct field *fd, const char *what)
{
	return fail(rd, col_of(fd, fd->v), "%.*s=%.*s: %s", (int)fd->kn, fd->k, (int)fd->vn, fd->v, what);
}

static int num(struct trace_reader *rd, const struct field *fd, uint64_t max, uint64_t *out)
{
	if (!trace_scan_u64(fd->v, fd->vn, 10, out)) {
		size_t k = 0;
		while (k < fd->vn && fd->v[k] >= '0' && fd->v[k] <= '9')
			k++;
		if (k == fd->vn && k > 0)        /* digits, too many of them for 64 bits */
			return fail(rd, col_of(fd, fd->v), "%.*s=%.*s: out of range (at most %" PRIu64 ")",
				    (int)fd->kn, fd->k, (int)fd->vn, fd->v, max);
		return bad_value(rd, fd, "expected a decimal number");
	}
	if (*out > max)
		return fail(rd, col_of(fd, fd->v), "%.*s=%" PRIu64 ": at most %" PRIu64, (int)fd->kn, fd->k,
			    *out, max);
	return 0;
}

static int hexreg(struct trace_reader *rd, const struct field *fd, uint64_t *out, bool *known)
{
	if (fd->vn == 1 && fd->v[0] == '?') {
		*known = false;
		return 0;
	}
	if (!trace_scan_reg(fd->v, fd->vn, out))
		return bad_value(rd, fd, "expected 0x and 1 to 16 lowercase hex digits, or ?");
	*known = true;
	return 0;
}

static int hexval(struct trace_reader *rd, const struct field *fd, uint64_t *out)
{
	bool known;

	if (hexreg(rd, fd, out, &known))
		return -1;
	return known ? 0 : bad_value(rd, fd, "this field cannot be unknown");
}

static int enumval(struct trace_reader *rd, const struct field *fd, unsigned e, uint8_t *out)
{
	int v = trace_enum_value(e, fd->v, fd->vn);

	if (v < 0)
		return bad_value(rd, fd, "not one of the values FORMAT.md lists");
	*out = (uint8_t)v;
	return 0;
}

static int src_field(struct trace_reader *rd, const struct field *fd, struct trace_rec *rec)
{
	const char *colon = NULL;
	uint64_t line;
	size_t bad;

	for (size_t i = 0; i < fd->vn; i++)
		if (fd->v[i] == ':')
			colon = fd->v + i;
	if (!colon || colon == fd->v)
		return bad_value(rd, fd, "expected FILE:LINE");
	if (!trace_scan_u64(colon + 1, (size_t)(fd->v + fd->vn - colon - 1), 10, &line) || line > UINT32_MAX)
		return fail(rd, col_of(fd, colon + 1), "src: expected a line number after the last ':'");
	if (!trace_room(&rd->scratch, &rd->scratch_cap, (size_t)(colon - fd->v)))
		return fail(rd, col_of(fd, fd->v), "src: out of memory");
	if (!trace_unescape(fd->v, (size_t)(colon - fd->v), rd->scratch, &bad))
		return fail(rd, col_of(fd, fd->v + bad), "src: malformed %%XX escape");
	rec->src_file = trace_strset_add(&rd->files, rd->scratch, MAX_SRC_FILES);
	if (!rec->src_file)
		return fail(rd, col_of(fd, fd->v), "src: more than %d different files, or out of memory", MAX_SRC_FILES);
	rec->src_line = (uint32_t)line;
	rec->has |= TRACE_HAS_SRC;
	return 0;
}

/* Who made a call, beyond its EL: aarch32= (0, 1, or the AArch32 mode it
 * was made from: Tarmac's name, of EL1..EL3, User mode making no calls)
 * and secure= (1: from Secure state; 0: Non-secure, as when absent), both
 * extensions of version 2, as holds are.  (A platform's secure= is its
 * firmware's INTIDs: the same key, another record.) */
static int caller_field(struct trace_reader *rd, const struct field *fd, unsigned key, struct trace_rec *rec)
{
	bool a32 = key == K_AARCH32;

	if (rd->version < 2)
		return bad_value(rd, fd, a32 ? "a version 1 trace has no calls from AArch32 (version 2 added them)" :
				 "a version 1 trace has no calls from Secure state (version 2 added them)");
	if (fd->vn == 1 && (fd->v[0] == '0' || fd->v[0] == '1')) {
		if (a32)
			rec->aarch32 = fd->v[0] == '1' ? SIM_A32_EL_MODE : 0;
		else
			rec->secure = fd->v[0] == '1';
		return 0;
	}
	for (unsigned m = 0; a32 && m < 16; m++) {
		const char *name = sim_aarch32_modes[m].name;
		if (name && sim_aarch32_modes[m].el > 0 && strlen(name) == fd->vn && memcmp(name, fd->v, fd->vn) == 0) {
			rec->aarch32 = (uint8_t)SIM_A32_MODE(m);
			return 0;
		}
	}
	return bad_value(rd, fd, a32 ? "expected the AArch32 mode the call was made from (svc, hyp, abt, und, fiq, "
			 "irq, sys, mon), 1 (the EL's usual one) or 0 (from AArch64)" :
			 "expected 1 (the call was made from Secure state) or 0 (from Non-secure state)");
}

static int set_field(struct trace_reader *rd, const struct field *fd, unsigned key,
		     struct trace_rec *rec)
{
	uint64_t v;
	bool known;
	size_t bad;

	switch (key) {
	case K_T:
		if (num(rd, fd, UINT64_MAX, &rec->t))
			return -1;
		rec->has |= TRACE_HAS_T;
		return 0;
	case K_PE:
		if (num(rd, fd, TRACE_MAX_PES - 1, &v))
			return -1;
		rec->pe = (uint8_t)v;
		rec->has |= TRACE_HAS_PE;
		return 0;
	case K_CONDUIT:
		rec->has |= TRACE_HAS_CONDUIT;
		return enumval(rd, fd, TRACE_ENUM_CONDUIT, &rec->conduit);
	case K_EL:
		/* a platform's client EL is 1 or 2; a call may come from another
		 * EL (a scenario's from_el: 3, which the recorder writes), never
		 * from EL0, which a replay would take for the client's EL */
		if (!trace_scan_u64(fd->v, fd->vn, 10, &v))
			return bad_value(rd, fd, "expected a decimal number");
		if (v < 1 || v > (rec->kind == TRACE_PLATFORM ? 2 : 3))
			return bad_value(rd, fd, rec->kind == TRACE_PLATFORM ? "the client EL is 1 or 2" :
					 "a call is made from EL1, EL2 or EL3");
		rec->el = (uint8_t)v;
		rec->has |= TRACE_HAS_EL;
		return 0;
	case K_AARCH32:
		return caller_field(rd, fd, key, rec);
	case K_H:
		if (num(rd, fd, 1, &v))
			return -1;
		rec->from_handler = (uint8_t)v;
		return 0;
	case K_FN:
		return 0;                  /* checked against x0 once the record is complete */
	case K_X0: case K_X1: case K_X2: case K_X3: case K_X4: case K_X5:
		if (hexreg(rd, fd, &rec->x[key - K_X0], &known))
			return -1;
		if (known)
			rec->x_known |= (uint8_t)(1u << (key - K_X0));
		return 0;
	case K_R0: case K_R1: case K_R2: case K_R3:
		if (hexreg(rd, fd, &rec->r[key - K_R0], &known))
			return -1;
		if (known)
			rec->r_known |= (uint8_t)(1u << (key - K_R0));
		return 0;
	case K_END:
		return enumval(rd, fd, TRACE_ENUM_END, &rec->end);
	case K_EVENT:
		if (!trace_scan_i64(fd->v, fd->vn, 0, &v) || (int64_t)v < INT32_MIN || (int64_t)v > INT32_MAX)
			return bad_value(rd, fd, "expected a 32-bit event number");
		rec->event = (int32_t)v;
		return 0;
	case K_EP:
		rec->has |= TRACE_HAS_EP;
		return hexval(rd, fd, &rec->ep);
	case K_CAUSE:
		return enumval(rd, fd, TRACE_ENUM_CAUSE, &rec->cause);
	case K_INTID:
		if (num(rd, fd, 1019, &v))
			return -1;
		rec->intid = (uint32_t)v;
		rec->has |= TRACE_HAS_INTID;
		return 0;
	case K_DEPTH:
		if (num(rd, fd, 8, &v))
			return -1;
		rec->depth = (uint8_t)v;
		rec->has |= TRACE_HAS_DEPTH;
		return 0;
	case K_PSTATE:
		rec->has |= TRACE_HAS_PSTATE;
		return hexval(rd, fd, &rec->pstate);
	case K_HOW:
		if (enumval(rd, fd, rec->kind == TRACE_IRQ ? TRACE_ENUM_IRQ_HOW : TRACE_ENUM_DONE, &rec->how))
			return -1;
		/* an extension of version 2: no version 1 writer wrote one */
		if (rec->kind == TRACE_IRQ && rec->how == TRACE_IRQ_HOLD && rd->version < 2)
			return bad_value(rd, fd, "a version 1 trace has no holds (version 2 added them)");
		return 0;
	case K_STATUS:
	case K_RESUME:
		rec->has |= TRACE_HAS_ARG;
		return hexval(rd, fd, &rec->arg);
	case K_PC:
		rec->has |= TRACE_HAS_PC;
		return hexval(rd, fd, &rec->pc);
	case K_RES:
		rec->has |= TRACE_HAS_RES;
		return enumval(rd, fd, TRACE_ENUM_RES, &rec->res);
	case K_STATE:
		return enumval(rd, fd, TRACE_ENUM_POWER, &rec->state);
	case K_PREV:
		rec->has |= TRACE_HAS_PREV;
		return enumval(rd, fd, TRACE_ENUM_POWER, &rec->prev);
	case K_PROFILE:
		if (!trace_room(&rd->scratch, &rd->scratch_cap, fd->vn))
			return fail(rd, col_of(fd, fd->v), "profile: out of memory");
		if (!trace_unescape(fd->v, fd->vn, rd->scratch, &bad))
			return fail(rd, col_of(fd, fd->v + bad), "profile: malformed %%XX escape");
		if (strlen(rd->scratch) >= sizeof rec->profile)
			return bad_value(rd, fd, "profile names are at most 15 characters");
		if (!trace_profile_known(rd->scratch))
			return bad_value(rd, fd, "not a platform profile (default, tf-a-fvp)");
		strcpy(rec->profile, rd->scratch);
		rec->has |= TRACE_HAS_PROFILE;
		return 0;
	case K_PES:
		if (num(rd, fd, TRACE_MAX_PES, &v))
			return -1;
		if (v == 0)
			return bad_value(rd, fd, "a platform has at least one PE");
		rec->pes = (uint32_t)v;
		rec->has |= TRACE_HAS_PES;
		return 0;
	case K_MPIDR: case K_VERSION: case K_RELATIVE: case K_BIND: case K_SPIS: case K_SECURE:
	case K_EVENTS: case K_FEATURES: case K_SCTLR: case K_HCR: case K_POLICY: {
		static const uint32_t has[TRACE_PF_COUNT] = {
			TRACE_HAS_MPIDR, TRACE_HAS_VERSION, TRACE_HAS_RELATIVE, TRACE_HAS_BIND,
			TRACE_HAS_SPIS, TRACE_HAS_SECURE, TRACE_HAS_EVENTS, TRACE_HAS_FEATURES,
			TRACE_HAS_SCTLR, TRACE_HAS_HCR, TRACE_HAS_POLICY,
		};
		_Static_assert(K_POLICY - K_MPIDR + 1 == TRACE_PF_COUNT, "a platform field per key");
		char msg[400];
		if (key == K_SECURE && rec->kind == TRACE_CALL)
			return caller_field(rd, fd, key, rec);
		if (trace_platform_parse(key - K_MPIDR, fd->v, fd->vn, &rd->plat, &bad, msg, sizeof msg))
			return fail(rd, col_of(fd, fd->v + bad), "%s", msg);
		rec->has |= has[key - K_MPIDR];
		rec->plat = &rd->plat;
		return 0;
	}
	case K_MSG:
		if (!trace_room(&rd->msg, &rd->msg_cap, fd->vn))
			return fail(rd, col_of(fd, fd->v), "msg: out of memory");
		if (!trace_unescape(fd->v, fd->vn, rd->msg, &bad))
			return fail(rd, col_of(fd, fd->v + bad), "msg: malformed %%XX escape");
		rec->msg = rd->msg;
		return 0;
	case K_SRC:
		return src_field(rd, fd, rec);
	default:
		return fail(rd, col_of(fd, fd->k), "internal error: key %u", key);
	}
}

static int find_key(const char *k, size_t n)
{
	for (unsigned i = 0; i < K_COUNT; i++)
		if (key_names[i][0] == k[0] && strncmp(key_names[i], k, n) == 0 && key_names[i][n] == 0)
			return (int)i;
	return -1;
}

/* ---- Whole records ---- */

/* What holds between the fields of one record. */
static int check_record(struct trace_reader *rd, struct trace_rec *rec, uint64_t seen,
			const char *line, const char *fn_at, size_t fn_n)
{
	uint64_t missing = kind_keys[rec->kind].required & ~seen;

	if (missing) {
		unsigned k = 0;
		while (!(missing & B(k)))
			k++;
		return fail(rd, strlen(line), "%s record without %s=", trace_kind_name(rec->kind), key_names[k]);
	}
	if (rec->kind == TRACE_CALL) {
		unsigned mode_el = sim_aarch32_modes[rec->aarch32 & 0xF].el;
		if (rec->aarch32 > SIM_A32_EL_MODE && mode_el != rec->el)
			return fail(rd, 0, "aarch32=%s is a mode of EL%u, but el=%u", sim_aarch32_modes[rec->aarch32 & 0xF].name,
				    mode_el, rec->el);
		if (rec->end != TRACE_END_RET && (seen & RS))
			return fail(rd, 0, "results (r0..r3) belong to calls with end=ret");
		if (fn_at) {
			const char *name = (rec->x_known & 1) ? trace_fid_name((uint32_t)rec->x[0]) : NULL;
			if (!name || strlen(name) != fn_n || memcmp(name, fn_at, fn_n) != 0)
				return fail(rd, (size_t)(fn_at - line), "fn=%.*s does not name the function in x0",
					    (int)fn_n, fn_at);
		}
	}
	if (rec->kind == TRACE_PLATFORM && (seen & B(K_MPIDR)) && (!(seen & B(K_PES)) || rec->pes != rd->plat.nmpidr))
		return fail(rd, 0, "mpidr= lists %u value%s: it needs pes= with as many", rd->plat.nmpidr,
			    rd->plat.nmpidr == 1 ? "" : "s");
	if (rec->kind == TRACE_PLATFORM && (seen & B(K_SECURE)) && (seen & B(K_PES)))
		for (uint32_t k = 0; k < rd->plat.nsecure; k++)
			if (rec->pes < 64 && rd->plat.secure_pes[k] >> rec->pes)
				return fail(rd, 0, "secure: INTID %" PRIu32 " names PE %u, but pes=%" PRIu32,
					    rd->plat.secure[k], 63u - (unsigned)__builtin_clzll(rd->plat.secure_pes[k]),
					    rec->pes);
	if (rec->kind == TRACE_COMPLETE) {
		if ((seen & B(K_STATUS)) && rec->how != TRACE_DONE_COMPLETE)
			return fail(rd, 0, "status= belongs to how=complete");
		if ((seen & B(K_RESUME)) && rec->how != TRACE_DONE_RESUME)
			return fail(rd, 0, "resume= belongs to how=resume");
	}
	if (rec->kind == TRACE_IRQ && (seen & B(K_RES)) && rec->how == TRACE_IRQ_HOLD)
		return fail(rd, 0, "res= belongs to how=ack: a held interrupt is not the dispatcher's yet");
	if ((rec->has & TRACE_HAS_T) && (rec->has & TRACE_HAS_PE)) {
		if (rd->seen_pe[rec->pe] && rec->t < rd->last_t[rec->pe])
			return fail(rd, 0, "time goes backwards on PE %u: t=%" PRIu64 " after t=%" PRIu64
				    " at line %" PRIu32, rec->pe, rec->t, rd->last_t[rec->pe], rd->last_line[rec->pe]);
		rd->seen_pe[rec->pe] = true;
		rd->last_t[rec->pe] = rec->t;
		rd->last_line[rec->pe] = rd->lineno;
	}
	return 1;
}

static int parse_record(struct trace_reader *rd, char *line, size_t len, struct trace_rec *rec)
{
	const char *p = line, *end = line + len, *fn_at = NULL;
	size_t fn_n = 0;
	uint64_t seen = 0;
	int kind = -1;
	const char *ks = p;

	while (p < end && *p != ' ')
		p++;
	for (unsigned k = 0; k < TRACE_KIND_COUNT && kind < 0; k++) {
		const char *name = trace_kind_name(k);
		if (name[0] == ks[0] && strncmp(name, ks, (size_t)(p - ks)) == 0 && name[p - ks] == 0)
			kind = (int)k;
	}
	if (kind < 0)
		return fail(rd, 0, "unknown record kind '%.*s'", (int)(p - ks), ks);
	trace_rec_init(rec, (unsigned)kind);
	rec->line = rd->lineno;
	while (p < end) {
		struct field fd;
		const char *eq;
		int key;

		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		fd.line = line;
		fd.k = p;
		while (p < end && *p != ' ')
			p++;
		eq = memchr(fd.k, '=', (size_t)(p - fd.k));
		if (!eq)
			return fail(rd, (size_t)(fd.k - line), "expected key=value, found '%.*s'", (int)(p - fd.k), fd.k);
		fd.kn = (size_t)(eq - fd.k);
		fd.v = eq + 1;
		fd.vn = (size_t)(p - fd.v);
		key = find_key(fd.k, fd.kn);
		if (key >= 0 && (V2_PLATFORM & B(key)) && kind == TRACE_PLATFORM && rd->version < 2)
			return fail(rd, (size_t)(fd.k - line), "platform records of a version %u trace have no field '%s' "
				    "(version 2 added it)", rd->version, key_names[key]);
		if (key < 0 || !(kind_keys[kind].allowed & B(key)))
			return fail(rd, (size_t)(fd.k - line), "%s records have no field '%.*s'", trace_kind_name((unsigned)kind),
				    (int)fd.kn, fd.k);
		if (seen & B(key))
			return fail(rd, (size_t)(fd.k - line), "field '%s' given twice", key_names[key]);
		if (fd.vn == 0)
			return fail(rd, (size_t)(fd.v - line), "field '%s' has no value", key_names[key]);
		seen |= B(key);
		if (key == K_FN) {
			fn_at = fd.v;
			fn_n = fd.vn;
		}
		if (set_field(rd, &fd, (unsigned)key, rec))
			return -1;
	}
	return check_record(rd, rec, seen, line, fn_at, fn_n);
}

/* The version line: "# sdeisim-trace N". */
static int check_header(struct trace_reader *rd, const char *line, size_t len)
{
	static const char magic[] = "# sdeisim-trace ";
	uint64_t v;

	if (len < sizeof magic - 1 || memcmp(line, magic, sizeof magic - 1) != 0)
		return fail(rd, 0, "not an sdeisim trace: the first line must be '# sdeisim-trace %d'", TRACE_VERSION);
	if (!trace_scan_u64(line + sizeof magic - 1, len - (sizeof magic - 1), 10, &v))
		return fail(rd, sizeof magic - 1, "expected a version number");
	if (v < TRACE_VERSION_MIN || v > TRACE_VERSION)
		return fail(rd, sizeof magic - 1, "unsupported trace version %" PRIu64 " (this reader knows versions %d "
			    "to %d)", v, TRACE_VERSION_MIN, TRACE_VERSION);
	rd->version = (unsigned)v;
	rd->header_seen = true;
	return 0;
}

int trace_read(struct trace_reader *rd, struct trace_rec *rec)
{
	for (;;) {
		char *line;
		size_t len;
		int got;

		if (rd->failed)
			return -1;
		got = linein_next(rd->in, &line, &len);
		rd->lineno = (uint32_t)linein_lineno(rd->in);
		if (got < 0) {
			snprintf(rd->error, sizeof rd->error, "%s", linein_error(rd->in));
			rd->failed = true;
			return -1;
		}
		if (got == 0) {
			if (!rd->header_seen) {
				rd->lineno++;
				return fail(rd, 0, "empty file: expected '# sdeisim-trace %d'", TRACE_VERSION);
			}
			return 0;
		}
		if (len > MAX_LINE)
			return fail(rd, MAX_LINE, "line longer than %d bytes", MAX_LINE);
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)line[i];
			if ((c < 0x20 && c != '\t') || c == 0x7F)
				return fail(rd, i, "binary data (byte 0x%02x) in a text trace", c);
		}
		while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		line[len] = 0;
		if (!rd->header_seen) {
			if (check_header(rd, line, len))
				return -1;
			continue;
		}
		if (len == 0 || line[0] == '#')
			continue;
		if (memchr(line, '\t', len))
			return fail(rd, (size_t)((char *)memchr(line, '\t', len) - line), "fields are separated by spaces, not tabs");
		return parse_record(rd, line, len, rec) < 0 ? -1 : 1;
	}
}
