/*
 * trace_read.c - lines to records (FORMAT.md), strictly: a field that is
 * not allowed in its record, given twice, malformed or out of range is an
 * error naming its line and column, so that a trace that reads is a trace
 * every consumer can trust.
 *
 * This file reads lines and cuts them into key=value fields: which fields
 * a record kind allows and requires, the version line, the checks between
 * the fields of a record and across records (time per PE).  The value of
 * each field is trace_read_field.c's, kept apart because the two grow
 * differently: a new field is a key here and a parser there.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "call_rules.h"        /* sim_aarch32_modes */
#include "input_kind.h"
#include "linein.h"
#include "trace_read_internal.h"

#define MAX_LINE 65536

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

/* A reader of in (taken over, NULL: out of memory), named name. */
static struct trace_reader *reader_of(struct linein *in, const char *name)
{
	struct trace_reader *rd = in ? calloc(1, sizeof *rd) : NULL;

	if (!rd) {
		linein_close(in);
		return NULL;
	}
	rd->in = in;
	rd->win_to = UINT32_MAX;
	rd->name = strdup(name);
	if (!rd->name) {
		trace_reader_close(rd);
		return NULL;
	}
	return rd;
}

struct trace_reader *trace_reader_open(FILE *f, const char *name)
{
	name = name ? name : "-";
	return reader_of(linein_open_file(f, name), name);
}

struct trace_reader *trace_reader_open_path(const char *path, char *err, size_t errlen)
{
	struct linein *in = linein_open(path, err, errlen);
	struct trace_reader *rd;

	if (!in)
		return NULL;
	rd = reader_of(in, linein_name(in));
	if (!rd)
		snprintf(err, errlen, "%s: out of memory", path);
	return rd;
}

void trace_reader_close(struct trace_reader *rd)
{
	if (!rd)
		return;
	trace_strset_free(&rd->files);
	free(rd->msg);
	free(rd->scratch);
	free(rd->before);
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
int rd_fail(struct trace_reader *rd, size_t col, const char *fmt, ...)
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

static int find_key(const char *k, size_t n)
{
	for (unsigned i = 0; i < K_COUNT; i++)
		if (key_names[i][0] == k[0] && strncmp(key_names[i], k, n) == 0 && key_names[i][n] == 0)
			return (int)i;
	return -1;
}

/* ---- Whole records ---- */

/* A call from AArch32 passes 32-bit registers, as the scenario loader
 * has it (scn_ops.c): x0..x5 wider than that are refused, at the field
 * (r0..r3 are the firmware's: a 64-bit one zero- or sign-extends).  True
 * when one was, the error set. */
static bool a32_wide_reg(struct trace_reader *rd, const struct trace_rec *rec, const char *line)
{
	for (unsigned k = 0; k < 6; k++) {
		char key[5] = { ' ', 'x', (char)('0' + k), '=', 0 };
		const char *at;
		if (!(rec->x_known >> k & 1) || rec->x[k] >> 32 == 0)
			continue;
		at = strstr(line, key);
		rd_fail(rd, at ? (size_t)(at + 1 - line) : 0,
			"a call from AArch32 passes 32-bit registers: x%u=0x%" PRIx64 " does not fit", k, rec->x[k]);
		return true;
	}
	return false;
}

/* What holds between the fields of one record. */
static int check_record(struct trace_reader *rd, struct trace_rec *rec, uint64_t seen,
			const char *line, const char *fn_at, size_t fn_n)
{
	uint64_t missing = kind_keys[rec->kind].required & ~seen;

	if (missing) {
		unsigned k = 0;
		while (!(missing & B(k)))
			k++;
		return rd_fail(rd, strlen(line), "%s record without %s=", trace_kind_name(rec->kind), key_names[k]);
	}
	if (rec->kind == TRACE_CALL) {
		unsigned mode_el = sim_aarch32_modes[rec->aarch32 & 0xF].el;
		if (rec->aarch32 > SIM_A32_EL_MODE && mode_el != rec->el)
			return rd_fail(rd, 0, "aarch32=%s is a mode of EL%u, but el=%u", sim_aarch32_modes[rec->aarch32 & 0xF].name,
				       mode_el, rec->el);
		if (rec->aarch32 && a32_wide_reg(rd, rec, line))
			return -1;
		if (rec->conduit == TRACE_HVC && rec->el == 3)
			return rd_fail(rd, 0, "conduit=hvc with el=3: an HVC made at EL3 is taken to EL3 itself, never "
				       "to a dispatcher");
		if (rec->secure && rec->el == 3)
			return rd_fail(rd, 0, "secure=1 with el=3: EL3 is always in Secure state; secure=1 says a call "
				       "from S-EL1 or S-EL2");
		if (rec->end != TRACE_END_RET && (seen & RS))
			return rd_fail(rd, 0, "results (r0..r3) belong to calls with end=ret");
		if (fn_at) {
			const char *name = (rec->x_known & 1) ? trace_fid_name((uint32_t)rec->x[0]) : NULL;
			if (!name || strlen(name) != fn_n || memcmp(name, fn_at, fn_n) != 0)
				return rd_fail(rd, (size_t)(fn_at - line), "fn=%s does not name the function in x0",
					       SIM_QUOTED(fn_at, fn_n));
		}
	}
	if (rec->kind == TRACE_PLATFORM && (seen & B(K_MPIDR)) && (!(seen & B(K_PES)) || rec->pes != rd->plat.nmpidr))
		return rd_fail(rd, 0, "mpidr= lists %u value%s: it needs pes= with as many", rd->plat.nmpidr,
			       rd->plat.nmpidr == 1 ? "" : "s");
	if (rec->kind == TRACE_PLATFORM && (seen & B(K_SECURE)) && (seen & B(K_PES)))
		for (uint32_t k = 0; k < rd->plat.nsecure; k++)
			if (rec->pes < 64 && rd->plat.secure_pes[k] >> rec->pes)
				return rd_fail(rd, 0, "secure: INTID %" PRIu32 " names PE %u, but pes=%" PRIu32,
					       rd->plat.secure[k], 63u - (unsigned)__builtin_clzll(rd->plat.secure_pes[k]),
					       rec->pes);
	if (rec->kind == TRACE_COMPLETE) {
		if ((seen & B(K_STATUS)) && rec->how != TRACE_DONE_COMPLETE)
			return rd_fail(rd, 0, "status= belongs to how=complete");
		if ((seen & B(K_RESUME)) && rec->how != TRACE_DONE_RESUME)
			return rd_fail(rd, 0, "resume= belongs to how=resume");
	}
	if (rec->kind == TRACE_IRQ && (seen & B(K_RES)) && rec->how == TRACE_IRQ_HOLD)
		return rd_fail(rd, 0, "res= belongs to how=ack: a held interrupt is not the dispatcher's yet");
	if ((rec->has & TRACE_HAS_T) && (rec->has & TRACE_HAS_PE)) {
		if (rd->seen_pe[rec->pe] && rec->t < rd->last_t[rec->pe])
			return rd_fail(rd, 0, "time goes backwards on PE %u: t=%" PRIu64 " after t=%" PRIu64
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
		return rd_fail(rd, 0, "unknown record kind '%s'", SIM_QUOTED(ks, (size_t)(p - ks)));
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
			return rd_fail(rd, (size_t)(fd.k - line), "expected key=value, found '%s'",
				       SIM_QUOTED(fd.k, (size_t)(p - fd.k)));
		fd.kn = (size_t)(eq - fd.k);
		fd.v = eq + 1;
		fd.vn = (size_t)(p - fd.v);
		key = find_key(fd.k, fd.kn);
		if (key >= 0 && (V2_PLATFORM & B(key)) && kind == TRACE_PLATFORM && rd->version < 2)
			return rd_fail(rd, (size_t)(fd.k - line), "platform records of a version %u trace have no field '%s' "
				       "(version 2 added it)", rd->version, key_names[key]);
		if (key < 0 || !(kind_keys[kind].allowed & B(key)))
			return rd_fail(rd, (size_t)(fd.k - line), "%s records have no field '%s'", trace_kind_name((unsigned)kind),
				       SIM_QUOTED(fd.k, fd.kn));
		if (seen & B(key))
			return rd_fail(rd, (size_t)(fd.k - line), "field '%s' given twice", key_names[key]);
		if (fd.vn == 0)
			return rd_fail(rd, (size_t)(fd.v - line), "field '%s' has no value", key_names[key]);
		seen |= B(key);
		if (key == K_FN) {
			fn_at = fd.v;
			fn_n = fd.vn;
		}
		if (rd_set_field(rd, &fd, (unsigned)key, rec))
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
		return rd_fail(rd, 0, "not an sdeisim trace: the first line must be '# sdeisim-trace %d'%s", TRACE_VERSION,
			       sim_input_hint(sim_input_kind_of(line, len)));
	/* the number as FORMAT.md writes it: "02" is no version */
	if (!trace_scan_u64(line + sizeof magic - 1, len - (sizeof magic - 1), 10, &v) ||
	    (line[sizeof magic - 1] == '0' && len - (sizeof magic - 1) > 1))
		return rd_fail(rd, sizeof magic - 1, "expected a version number");
	if (v < TRACE_VERSION_MIN || v > TRACE_VERSION)
		return rd_fail(rd, sizeof magic - 1, "unsupported trace version %" PRIu64 " (this reader knows versions %d "
			       "to %d)", v, TRACE_VERSION_MIN, TRACE_VERSION);
	rd->version = (unsigned)v;
	rd->header_seen = true;
	return 0;
}

/* see trace_read_internal.h */
int rd_read_next(struct trace_reader *rd, struct trace_rec *rec)
{
	for (;;) {
		char *line;
		size_t len;
		int got;

		if (rd->failed)
			return -1;
		got = linein_next(rd->in, &line, &len);
		rd->lineno = (uint32_t)linein_lineno(rd->in);
		if (got > 0 && rd->lineno > rd->win_to && rd->header_seen && !rd->owed)
			return 0;              /* past the window, nothing owed: the rest is not read */
		if (got < 0) {
			snprintf(rd->error, sizeof rd->error, "%s", linein_error(rd->in));
			rd->failed = true;
			return -1;
		}
		if (got == 0) {
			if (!rd->header_seen) {
				rd->lineno++;
				return rd_fail(rd, 0, "empty file: expected '# sdeisim-trace %d'", TRACE_VERSION);
			}
			return 0;
		}
		if (len > MAX_LINE)
			return rd_fail(rd, MAX_LINE, "line longer than %d bytes", MAX_LINE);
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)line[i];
			if ((c < 0x20 && c != '\t') || c == 0x7F)
				return rd_fail(rd, i, "binary data (byte 0x%02x) in a text trace", c);
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
			return rd_fail(rd, (size_t)((char *)memchr(line, '\t', len) - line), "fields are separated by spaces, not tabs");
		return parse_record(rd, line, len, rec) < 0 ? -1 : 1;
	}
}
