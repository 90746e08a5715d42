/*
 * tfa_log.c - TF-A's verbose SDEI log (LOG_LEVEL=50, tarmac-traces.md
 * §3.2) to canonical records.
 *
 * The log prints every call as a "> NAME(args)" line and its result as a
 * "< NAME:result" line, a dispatch as "ACK mpidr, ev:N ss:S spsr:P ELR:A",
 * a successful COMPLETE as "EOI:mpidr, N spsr:P elr:A" (the "<" line never
 * comes: TF-A leaves the call through longjmp).  Only some lines name the
 * PE (by MPIDR, numbered by the profile's MPIDR table); a line that does
 * not is taken to come from the PE last named -- exact for one PE, a
 * heuristic when several PEs call at once.  A platform record with a list
 * of MPIDRs (import --platform) numbers the PEs instead of the profile.
 * There are no timestamps: a record's time is its line number.  Anything
 * before "SDEI: " on a line (log level, console timestamps) and every
 * other line is ignored.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "sdd/sdd_spec.h"
#include "sim.h"
#include "trace_internal.h"
#include "trace_simplat.h"

#define MAX_EVENTS 64

/* A call's log spelling and where its printed arguments go. */
struct argspec { const char *key; uint8_t x; uint8_t base; };   /* key NULL: positional */
struct logcall {
	const char *name;
	uint32_t fid;
	bool     mpidr;        /* the ">" line ends with ":mpidr" */
	bool     hex_result;   /* "%lx" result, else "%ld" */
	struct argspec args[5];
};

static const struct logcall calls[] = {
	{ "VER", SDD_FID_VERSION, false, true, { { 0 } } },
	{ "REG", SDD_FID_EVENT_REGISTER, false, false,
	  { { "n", 1, 10 }, { "e", 2, 16 }, { "a", 3, 16 }, { "f", 4, 16 }, { "m", 5, 16 } } },
	{ "ENABLE", SDD_FID_EVENT_ENABLE, false, false, { { "n", 1, 10 } } },
	{ "DISABLE", SDD_FID_EVENT_DISABLE, false, false, { { "n", 1, 10 } } },
	{ "CTX", SDD_FID_EVENT_CONTEXT, true, false, { { "p", 1, 10 } } },
	{ "COMPLETE", SDD_FID_EVENT_COMPLETE, true, true, { { "r", 0, 10 }, { "sta/ep", 1, 16 } } },
	{ "STAT", SDD_FID_EVENT_STATUS, false, false, { { "n", 1, 10 } } },
	{ "INFO", SDD_FID_EVENT_GET_INFO, false, false, { { "n", 1, 10 }, { NULL, 2, 10 } } },
	{ "UNREG", SDD_FID_EVENT_UNREGISTER, false, false, { { "n", 1, 10 } } },
	{ "UNMASK", SDD_FID_PE_UNMASK, true, false, { { 0 } } },
	{ "MASK", SDD_FID_PE_MASK, true, false, { { 0 } } },
	{ "BIND", SDD_FID_INTERRUPT_BIND, false, false, { { NULL, 1, 10 } } },
	{ "REL", SDD_FID_INTERRUPT_RELEASE, false, false, { { NULL, 1, 10 } } },
	{ "S_RESET", SDD_FID_SHARED_RESET, true, false, { { 0 } } },
	{ "P_RESET", SDD_FID_PRIVATE_RESET, true, false, { { 0 } } },
	{ "ROUTE_SET", SDD_FID_EVENT_ROUTING_SET, false, false,
	  { { "n", 1, 10 }, { "f", 2, 16 }, { "aff", 3, 16 } } },
	{ "FTRS", SDD_FID_FEATURES, false, true, { { "f", 1, 16 } } },
	{ "SIGNAL", SDD_FID_EVENT_SIGNAL, false, false, { { "e", 1, 16 }, { "t", 2, 16 } } },
};

struct pending {
	bool     open;
	const struct logcall *lc;
	struct trace_rec rec;
};

struct reg { bool used; uint8_t pe; int32_t event; uint64_t ep, arg; };

struct log {
	const struct import_opts *o;
	struct import_stats *st;
	struct linein *in;
	struct sim_platform plat;
	unsigned npes;               /* plat.mpidr[0..npes) number the PEs */
	unsigned pe;                 /* the PE last named */
	struct pending call[TRACE_MAX_PES];
	uint8_t depth[TRACE_MAX_PES];
	uint64_t last_t[TRACE_MAX_PES];
	struct reg reg[MAX_EVENTS];  /* registrations (for dispatch records' entry points) */
	int32_t bound_event[MAX_EVENTS];
	uint32_t bound_intid[MAX_EVENTS];
	unsigned nbound;
	char msg[300];
	size_t col;
};

/* ---- Scanning ---- */

struct scan { const char *s, *p; };

static bool lit(struct scan *c, const char *word)
{
	size_t n = strlen(word);
	if (strncmp(c->p, word, n) != 0)
		return false;
	c->p += n;
	return true;
}

/* A number in base (0: 0x-prefixed hex or decimal; '-' allowed for 10). */
static bool number(struct scan *c, unsigned base, uint64_t *v)
{
	const char *start = c->p;

	if (*c->p == '-')
		c->p++;
	if (base == 0 && c->p[0] == '0' && c->p[1] == 'x')
		c->p += 2;
	while ((*c->p >= '0' && *c->p <= '9') || (*c->p >= 'a' && *c->p <= 'f') || (*c->p >= 'A' && *c->p <= 'F'))
		c->p++;
	return trace_scan_i64(start, (size_t)(c->p - start), base, v);
}

static int bad(struct log *lg, const struct scan *c, const char *what)
{
	snprintf(lg->msg, sizeof lg->msg, "%s", what);
	lg->col = (size_t)(c->p - c->s);
	return 1;
}

/* ---- PEs and events ---- */

static bool pe_of(struct log *lg, uint64_t mpidr, unsigned *pe)
{
	for (unsigned p = 0; p < lg->npes; p++)
		if (lg->plat.mpidr[p] == (mpidr & SDD_MPIDR_AFF_MASK)) {
			*pe = p;
			lg->pe = p;
			return true;
		}
	return false;
}

/* The message for an MPIDR that is no PE of the profile, or of the
 * platform's list (named: it is the reason). */
static void no_such_pe(struct log *lg, uint64_t mpidr)
{
	size_t n;

	if (lg->npes == TRACE_MAX_PES) {
		snprintf(lg->msg, sizeof lg->msg, "MPIDR 0x%" PRIx64 " is no PE of profile %s", mpidr, lg->plat.profile);
		return;
	}
	snprintf(lg->msg, sizeof lg->msg, "MPIDR 0x%" PRIx64 " is no PE of the platform (MPIDRs", mpidr);
	for (unsigned p = 0; p < lg->npes && (n = strlen(lg->msg)) < sizeof lg->msg - 1; p++)
		snprintf(lg->msg + n, sizeof lg->msg - n, "%s0x%" PRIx64, p ? ", " : " ", lg->plat.mpidr[p]);
	n = strlen(lg->msg);
	snprintf(lg->msg + n, sizeof lg->msg - n, ")");
}

static int mpidr_field(struct log *lg, struct scan *c, unsigned *pe)
{
	uint64_t mpidr;
	const char *at = c->p;

	if (!number(c, 16, &mpidr))
		return bad(lg, c, "expected an MPIDR (hex)");
	if (!pe_of(lg, mpidr, pe)) {
		c->p = at;
		lg->col = (size_t)(at - c->s);
		no_such_pe(lg, mpidr);
		return 1;
	}
	return 0;
}

static const struct reg *reg_of(const struct log *lg, int32_t event, unsigned pe)
{
	const struct reg *any = NULL;
	for (unsigned k = 0; k < MAX_EVENTS; k++)
		if (lg->reg[k].used && lg->reg[k].event == event) {
			if (lg->reg[k].pe == pe)
				return &lg->reg[k];
			any = &lg->reg[k];
		}
	return any;
}

static void note_register(struct log *lg, const struct trace_rec *r)
{
	struct reg *slot = NULL;

	for (unsigned k = 0; k < MAX_EVENTS && !slot; k++)
		if (!lg->reg[k].used || (lg->reg[k].event == (int32_t)r->x[1] && lg->reg[k].pe == r->pe))
			slot = &lg->reg[k];
	if (!slot)
		slot = &lg->reg[(uint32_t)r->x[1] % MAX_EVENTS];
	*slot = (struct reg){ true, r->pe, (int32_t)r->x[1], r->x[2], r->x[3] };
}

/* The interrupt an event is bound to (event 0: the profile's SGI), or -1. */
static long intid_of(const struct log *lg, int32_t event)
{
	if (event == 0)
		return lg->plat.event0_sgi;
	for (unsigned k = 0; k < lg->nbound; k++)
		if (lg->bound_event[k] == event)
			return lg->bound_intid[k];
	return -1;
}

/* ---- Records ---- */

/* A record's time is the line number of the line that began it, raised
 * where needed so that time never goes backwards on a PE (a call is
 * written when its result line comes). */
static int emit(struct log *lg, struct trace_rec *r)
{
	if (r->t < lg->last_t[r->pe])
		r->t = lg->last_t[r->pe];
	lg->last_t[r->pe] = r->t;
	lg->st->records++;
	return lg->o->emit(lg->o->emit_ctx, r) ? -1 : 0;
}

static void begin(struct log *lg, struct trace_rec *r, unsigned kind, unsigned pe)
{
	trace_rec_init(r, kind);
	r->pe = (uint8_t)pe;
	r->t = linein_lineno(lg->in);
	r->has |= TRACE_HAS_SRC;
	r->src_file = linein_name(lg->in);
	r->src_line = (uint32_t)linein_lineno(lg->in);
}

/* A call line with no result line: it never returned (or the log lost it). */
static int flush_call(struct log *lg, unsigned pe)
{
	struct pending *pc = &lg->call[pe];

	if (!pc->open)
		return 0;
	pc->open = false;
	pc->rec.end = TRACE_END_NONE;
	return emit(lg, &pc->rec);
}

static int call_line(struct log *lg, struct scan *c)
{
	const struct logcall *lc = NULL;
	struct trace_rec r;
	unsigned pe = lg->pe;
	bool resume = false;

	for (size_t k = 0; k < sizeof calls / sizeof calls[0] && !lc; k++) {
		size_t n = strlen(calls[k].name);
		if (strncmp(c->p, calls[k].name, n) == 0 && (c->p[n] == '(' || c->p[n] == ':' || c->p[n] == 0))
			lc = &calls[k];
	}
	if (!lc)
		return bad(lg, c, "unknown SDEI call in '> ' line");
	c->p += strlen(lc->name);
	begin(lg, &r, TRACE_CALL, pe);
	r.x[0] = lc->fid;
	r.x_known = 1;
	r.el = lg->plat.client_el;
	if (lit(c, "(")) {
		for (unsigned a = 0; a < 5 && lc->args[a].base; a++) {
			uint64_t v;
			if (a > 0 && !lit(c, " ") && !lit(c, ", "))
				return bad(lg, c, "expected ' ' before the next argument");
			while (*c->p == ' ')
				c->p++;
			if (lc->args[a].key && (!lit(c, lc->args[a].key) || !lit(c, ":")))
				return bad(lg, c, "unexpected argument name");
			if (!number(c, lc->args[a].base, &v))
				return bad(lg, c, "expected a number");
			if (lc->args[a].x == 0)
				resume = v != 0;
			else {
				r.x[lc->args[a].x] = lc->args[a].base == 10 ? (uint64_t)(int64_t)(int32_t)v : v;
				r.x_known |= (uint8_t)(1u << lc->args[a].x);
			}
		}
		if (!lit(c, ")"))
			return bad(lg, c, "expected ')'");
	}
	if (lc->mpidr) {
		if (!lit(c, ":"))
			return bad(lg, c, "expected ':' and the MPIDR");
		if (mpidr_field(lg, c, &pe))
			return 1;
		r.pe = (uint8_t)pe;
	}
	if (*c->p)
		return bad(lg, c, "unexpected text after the call");
	if (resume)
		r.x[0] = SDD_FID_EVENT_COMPLETE_AND_RESUME;
	r.from_handler = lg->depth[pe] > 0;
	if (flush_call(lg, pe))
		return -1;
	lg->call[pe] = (struct pending){ true, lc, r };
	return 0;
}

/* The pending call a "< NAME:" line answers: this PE's, else any PE's. */
static struct pending *answered(struct log *lg, const struct logcall *lc)
{
	if (lg->call[lg->pe].open && lg->call[lg->pe].lc == lc)
		return &lg->call[lg->pe];
	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		if (lg->call[p].open && lg->call[p].lc == lc) {
			lg->pe = p;
			return &lg->call[p];
		}
	return NULL;
}

static int result_line(struct log *lg, struct scan *c)
{
	const struct logcall *lc = NULL;
	struct pending *pc;
	uint64_t v;

	for (size_t k = 0; k < sizeof calls / sizeof calls[0] && !lc; k++) {
		size_t n = strlen(calls[k].name);
		if (strncmp(c->p, calls[k].name, n) == 0 && c->p[n] == ':')
			lc = &calls[k];
	}
	if (!lc)
		return bad(lg, c, "unknown SDEI call in '< ' line");
	c->p += strlen(lc->name) + 1;
	if (!number(c, lc->hex_result ? 16 : 10, &v) || *c->p)
		return bad(lg, c, "expected the result");
	pc = answered(lg, lc);
	if (!pc)
		return bad(lg, c, "a result with no call before it");
	pc->open = false;
	pc->rec.end = TRACE_END_RET;
	pc->rec.r[0] = v;
	pc->rec.r_known = 1;
	if (lc->fid == SDD_FID_EVENT_REGISTER && v == 0)
		note_register(lg, &pc->rec);
	if (lc->fid == SDD_FID_INTERRUPT_BIND && (int64_t)v >= 0 && lg->nbound < MAX_EVENTS) {
		lg->bound_event[lg->nbound] = (int32_t)v;
		lg->bound_intid[lg->nbound++] = (uint32_t)pc->rec.x[1];
	}
	return emit(lg, &pc->rec);
}

/* ACK mpidr, ev:N ss:S spsr:P ELR:A */
static int ack_line(struct log *lg, struct scan *c)
{
	uint64_t ev, ss, spsr, elr;
	struct trace_rec r;
	const struct reg *rg;
	unsigned pe;
	long intid;

	if (mpidr_field(lg, c, &pe))
		return 1;
	if (!lit(c, ", ev:") || !number(c, 0, &ev) || !lit(c, " ss:") || !number(c, 10, &ss) ||
	    !lit(c, " spsr:") || !number(c, 16, &spsr) || !lit(c, " ELR:") || !number(c, 16, &elr) || *c->p)
		return bad(lg, c, "expected 'ACK mpidr, ev:N ss:S spsr:HEX ELR:HEX'");
	intid = intid_of(lg, (int32_t)ev);
	if (intid >= 0) {
		begin(lg, &r, TRACE_IRQ, pe);
		r.intid = (uint32_t)intid;
		r.how = TRACE_IRQ_ACK;
		r.res = TRACE_RES_DISPATCHED;
		r.has |= TRACE_HAS_RES;
		if (emit(lg, &r))
			return -1;
	}
	begin(lg, &r, TRACE_DISPATCH, pe);
	r.event = (int32_t)ev;
	r.cause = TRACE_CAUSE_IRQ;
	if (intid >= 0) {
		r.intid = (uint32_t)intid;
		r.has |= TRACE_HAS_INTID;
	}
	rg = reg_of(lg, r.event, pe);
	r.x[0] = (uint64_t)(int64_t)r.event;
	r.x[2] = elr;
	r.x[3] = spsr;
	r.x_known = 0xD;
	if (rg) {
		r.ep = rg->ep;
		r.has |= TRACE_HAS_EP;
		r.x[1] = rg->arg;
		r.x_known |= 2;
	}
	if (lg->depth[pe] < 8)
		lg->depth[pe]++;
	r.depth = lg->depth[pe];
	r.has |= TRACE_HAS_DEPTH;
	return emit(lg, &r);
}

/* EOI:mpidr, N spsr:P elr:A  -- the COMPLETE on that PE succeeded */
static int eoi_line(struct log *lg, struct scan *c)
{
	uint64_t ev, spsr, elr;
	struct pending *pc;
	struct trace_rec r;
	unsigned pe;

	if (mpidr_field(lg, c, &pe))
		return 1;
	if (!lit(c, ", ") || !number(c, 0, &ev) || !lit(c, " spsr:") || !number(c, 16, &spsr) ||
	    !lit(c, " elr:") || !number(c, 16, &elr) || *c->p)
		return bad(lg, c, "expected 'EOI:mpidr, N spsr:HEX elr:HEX'");
	pc = &lg->call[pe];
	if (!pc->open || pc->lc->fid != SDD_FID_EVENT_COMPLETE)
		return bad(lg, c, "EOI with no COMPLETE call before it on this PE");
	pc->open = false;
	pc->rec.end = TRACE_END_COMPLETE;
	if (emit(lg, &pc->rec))
		return -1;
	begin(lg, &r, TRACE_COMPLETE, pe);
	r.event = (int32_t)ev;
	r.how = (uint32_t)pc->rec.x[0] == SDD_FID_EVENT_COMPLETE ? TRACE_DONE_COMPLETE : TRACE_DONE_RESUME;
	r.arg = pc->rec.x[1];
	r.has |= TRACE_HAS_ARG | TRACE_HAS_DEPTH;
	if (lg->depth[pe])
		lg->depth[pe]--;
	r.depth = lg->depth[pe];
	return emit(lg, &r);
}

/* interrupt N on MPIDR while PE masked */
static int masked_line(struct log *lg, struct scan *c)
{
	uint64_t intid;
	struct trace_rec r;
	unsigned pe;

	if (!number(c, 10, &intid) || intid >= 1020 || !lit(c, " on "))
		return bad(lg, c, "expected 'interrupt N on MPIDR while PE masked'");
	if (mpidr_field(lg, c, &pe))
		return 1;
	begin(lg, &r, TRACE_IRQ, pe);
	r.intid = (uint32_t)intid;
	r.how = TRACE_IRQ_ACK;
	r.res = TRACE_RES_DEFERRED;
	r.has |= TRACE_HAS_RES;
	return emit(lg, &r);
}

/* WARNING: Unimplemented SDEI Call: 0xFID -- answered SMC_UNK */
static int unimplemented_line(struct log *lg, struct scan *c)
{
	uint64_t fid;
	struct trace_rec r;

	if (!number(c, 0, &fid) || *c->p)
		return bad(lg, c, "expected the function ID");
	begin(lg, &r, TRACE_CALL, lg->pe);
	r.x[0] = fid;
	r.x_known = 1;
	r.el = lg->plat.client_el;
	r.from_handler = lg->depth[lg->pe] > 0;
	r.end = TRACE_END_RET;
	r.r[0] = (uint64_t)(int64_t)SDD_NOT_SUPPORTED;
	r.r_known = 1;
	return emit(lg, &r);
}

/* Does line begin as a TF-A console line does: a log level's prefix
 * (plat_log_get_prefix), maybe after a console's "[time]"? */
static bool tfa_prefixed(const char *line)
{
	static const char *const levels[] = { "ERROR:", "NOTICE:", "WARNING:", "INFO:", "VERBOSE:" };

	line += strspn(line, " \t");
	if (*line == '[' && strchr(line, ']'))
		line = strchr(line, ']') + 1 + strspn(strchr(line, ']') + 1, " \t");
	for (size_t k = 0; k < sizeof levels / sizeof levels[0]; k++)
		if (strncmp(line, levels[k], strlen(levels[k])) == 0)
			return true;
	return false;
}

/* One line: 0 (used or ignored), 1 (error: lg->msg, lg->col), -1 (emit failed). */
static int log_line(struct log *lg, const char *line)
{
	struct scan c = { line, NULL };
	const char *at = strstr(line, "SDEI: ");

	if (!at) {
		at = strstr(line, "Unimplemented SDEI Call: ");
		if (!at)
			return 2;
		c.p = at + strlen("Unimplemented SDEI Call: ");
		return unimplemented_line(lg, &c);
	}
	c.p = at + strlen("SDEI: ");
	if (lit(&c, "> "))
		return call_line(lg, &c);
	if (lit(&c, "< "))
		return result_line(lg, &c);
	if (lit(&c, "ACK "))
		return ack_line(lg, &c);
	if (lit(&c, "EOI:"))
		return eoi_line(lg, &c);
	if (lit(&c, "interrupt "))
		return masked_line(lg, &c);
	return 2;                    /* other SDEI messages: state transitions, errors */
}

int tfa_log_import(struct linein *in, const struct import_opts *o, struct import_stats *st,
		   char *err, size_t errlen)
{
	struct log *lg = calloc(1, sizeof *lg);
	const char *profile = o->profile ? o->profile : "tf-a-fvp";
	bool tfa = false;            /* a line of a TF-A console log was seen */
	int result = 0;

	memset(st, 0, sizeof *st);
	if (!lg) {
		snprintf(err, errlen, "%s: out of memory", linein_name(in));
		return -1;
	}
	lg->o = o;
	lg->st = st;
	lg->in = in;
	if (!sim_platform_profile(&lg->plat, profile)) {
		snprintf(err, errlen, "unknown profile '%s'", profile);
		free(lg);
		return -1;
	}
	/* the profile's whole MPIDR table numbers the PEs (a log may name more
	 * than its default count); a platform's own PEs, exactly */
	lg->npes = TRACE_MAX_PES;
	if (o->platform && trace_platform_apply(o->platform, linein_name(in), &lg->plat, err, errlen)) {
		free(lg);
		return -1;
	}
	if (o->platform)
		lg->npes = (o->platform->has & TRACE_HAS_PES) && o->platform->pes <= TRACE_MAX_PES ?
			   o->platform->pes : lg->plat.pes;
	for (;;) {
		char where[700];
		char *line;
		size_t len;
		int rc = linein_next(in, &line, &len);

		if (rc == 0)
			break;
		st->lines++;
		if (rc < 0) {
			snprintf(where, sizeof where, "%s", linein_error(in));
		} else {
			rc = 0;
			for (size_t i = 0; i < len && !rc; i++)
				if (((unsigned char)line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7F) {
					snprintf(lg->msg, sizeof lg->msg, "binary data (byte 0x%02x) in a text log",
						 (unsigned char)line[i]);
					lg->col = i;
					rc = 1;
				}
			if (!rc && !tfa)
				tfa = tfa_prefixed(line);
			if (!rc)
				rc = log_line(lg, line);
			tfa |= rc == 0;
			if (rc == 2) {
				st->ignored++;
				continue;
			}
			if (rc < 0) {
				snprintf(err, errlen, "%s: cannot write the records", linein_name(in));
				result = -1;
				break;
			}
			if (rc == 0) {
				st->used++;
				continue;
			}
			snprintf(where, sizeof where, "%s:%" PRIu64 ":%zu: %s", linein_name(in), linein_lineno(in),
				 lg->col + 1, lg->msg);
		}
		if (!o->lenient || linein_fatal(in)) {
			snprintf(err, errlen, "%s", where);
			result = -1;
			break;
		}
		st->errors++;
		if (o->diag)
			o->diag(o->diag_ctx, where);
	}
	/* another kind of file, or nothing: no trace, not an empty one */
	if (result == 0 && !tfa) {
		linein_no_line_of(in, "TF-A log", "a TF-A console log", err, errlen);
		result = -1;
	}
	for (unsigned p = 0; p < TRACE_MAX_PES && result == 0; p++)
		if (flush_call(lg, p)) {
			snprintf(err, errlen, "%s: cannot write the records", linein_name(in));
			result = -1;
		}
	free(lg);
	return result;
}
