/*
 * tfa_log.c - TF-A's verbose SDEI log (LOG_LEVEL=50, tarmac-traces.md
 * §3.2) to canonical records, one line at a time (tfa_log.h; the loop
 * that reads the input is tfa_log_import.c).
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
 * other line is ignored.  A PE prints a call's "<" line before it can
 * call again, so a call line for a PE whose call is open is an error, and
 * so is a last line without its newline that may be cut short.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gic/gic.h"            /* GIC_NUM_INTIDS */
#include "sdd/sdd_spec.h"
#include "sim.h"
#include "tfa_log.h"
#include "trace_internal.h"
#include "trace_simplat.h"

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
	/* "e:%d" since TF-A v2.3 (2020, with the other int event numbers);
	 * the first SDEI dispatcher (2017-2019) printed "e:%lx" */
	{ "SIGNAL", SDD_FID_EVENT_SIGNAL, false, false, { { "e", 1, 10 }, { "t", 2, 16 } } },
};

/* ---- Scanning ---- */

/* The line, where the scanning is, and the last number read (num..num_end). */
struct scan { const char *s, *p, *num, *num_end; };

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
	c->num = start;
	c->num_end = c->p;
	return trace_scan_i64(start, (size_t)(c->p - start), base, v);
}

static int bad(struct tfa_log *lg, const struct scan *c, const char *what)
{
	snprintf(lg->msg, sizeof lg->msg, "%s", what);
	lg->col = (size_t)(c->p - c->s);
	return 1;
}

/* Is the number just read (v) one TF-A can print for a 32-bit value - an
 * int ("%d", an event number), or an unsigned one?  Else 1 (lg->msg at the
 * number): a wider one would be cut to 32 bits in silence, another value
 * than the log's. */
static int fits_32(struct tfa_log *lg, const struct scan *c, uint64_t v, const char *what)
{
	int64_t s = (int64_t)v;
	char q[SIM_QUOTE_SIZE];

	if (s >= INT32_MIN && s <= (int64_t)UINT32_MAX)
		return 0;
	snprintf(lg->msg, sizeof lg->msg, "%s %s does not fit in 32 bits", what,
		 sim_quote(q, c->num, (size_t)(c->num_end - c->num)));
	lg->col = (size_t)(c->num - c->s);
	return 1;
}

/* Does a last line without its newline (the input stopped in it) end in
 * the number just read?  TF-A prints its numbers with no fixed width
 * ("%lx", "%ld"), so "< VER:10000" may be the first digits of "< VER:
 * 1000000000000": read as whole it would be a smaller value, so it is an
 * error (the Tarmac importer reads a cut value the same way, where the
 * width does not show it whole: tarmac_cut.c).  1 (lg->msg) or 0. */
static int cut_number(struct tfa_log *lg, const struct scan *c)
{
	char q[SIM_QUOTE_SIZE];

	if (linein_complete(lg->in) || c->num_end != c->p || *c->p)
		return 0;
	snprintf(lg->msg, sizeof lg->msg, "the number '%s' may be cut short: TF-A prints numbers with no fixed width",
		 sim_quote(q, c->num, (size_t)(c->num_end - c->num)));
	lg->col = (size_t)(c->num - c->s);
	return 1;
}

/* The end of a line's fields: text after them is "what", and a number
 * they end in may be cut short (cut_number).  1 (lg->msg) or 0. */
static int line_end(struct tfa_log *lg, const struct scan *c, const char *what)
{
	return *c->p ? bad(lg, c, what) : cut_number(lg, c);
}

/* ---- PEs and events ---- */

static bool pe_of(struct tfa_log *lg, uint64_t mpidr, unsigned *pe)
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
 * platform's list (named: it is the reason; all 64 fit in lg->msg). */
static void no_such_pe(struct tfa_log *lg, uint64_t mpidr)
{
	size_t n;

	if (!lg->o->platform) {
		snprintf(lg->msg, sizeof lg->msg, "MPIDR 0x%" PRIx64 " is no PE of profile %s", mpidr, lg->plat.profile);
		return;
	}
	snprintf(lg->msg, sizeof lg->msg, "MPIDR 0x%" PRIx64 " is no PE of the platform (MPIDRs", mpidr);
	for (unsigned p = 0; p < lg->npes && (n = strlen(lg->msg)) < sizeof lg->msg - 1; p++)
		snprintf(lg->msg + n, sizeof lg->msg - n, "%s0x%" PRIx64, p ? ", " : " ", lg->plat.mpidr[p]);
	n = strlen(lg->msg);
	snprintf(lg->msg + n, sizeof lg->msg - n, ")");
}

static int mpidr_field(struct tfa_log *lg, struct scan *c, unsigned *pe)
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

static const struct tfa_reg *reg_of(const struct tfa_log *lg, int32_t event, unsigned pe)
{
	const struct tfa_reg *any = NULL;
	for (unsigned k = 0; k < TFA_MAX_EVENTS; k++)
		if (lg->reg[k].used && lg->reg[k].event == event) {
			if (lg->reg[k].pe == pe)
				return &lg->reg[k];
			any = &lg->reg[k];
		}
	return any;
}

static void note_register(struct tfa_log *lg, const struct trace_rec *r)
{
	struct tfa_reg *slot = NULL;

	for (unsigned k = 0; k < TFA_MAX_EVENTS && !slot; k++)
		if (!lg->reg[k].used || (lg->reg[k].event == (int32_t)r->x[1] && lg->reg[k].pe == r->pe))
			slot = &lg->reg[k];
	if (!slot)
		slot = &lg->reg[(uint32_t)r->x[1] % TFA_MAX_EVENTS];
	*slot = (struct tfa_reg){ true, r->pe, (int32_t)r->x[1], r->x[2], r->x[3] };
}

/* The interrupt an event is bound to (event 0: the profile's SGI), or -1. */
static long intid_of(const struct tfa_log *lg, int32_t event)
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
static int emit(struct tfa_log *lg, struct trace_rec *r)
{
	if (r->t < lg->last_t[r->pe])
		r->t = lg->last_t[r->pe];
	lg->last_t[r->pe] = r->t;
	lg->st->records++;
	return lg->o->emit(lg->o->emit_ctx, r) ? -1 : 0;
}

static void begin(struct tfa_log *lg, struct trace_rec *r, unsigned kind, unsigned pe)
{
	trace_rec_init(r, kind);
	r->pe = (uint8_t)pe;
	r->t = linein_lineno(lg->in);
	r->has |= TRACE_HAS_SRC;
	r->src_file = linein_name(lg->in);
	r->src_line = (uint32_t)linein_lineno(lg->in);
}

/* A call line with no result line at the end of the log: the log stops
 * before it returned (the capture, or the firmware, stopped). */
static int flush_call(struct tfa_log *lg, unsigned pe)
{
	struct tfa_pending *pc = &lg->call[pe];

	if (!pc->open)
		return 0;
	pc->open = false;
	pc->rec.end = TRACE_END_NONE;
	return emit(lg, &pc->rec);
}

/* A call (what, at column at) on a PE that has a call open.  TF-A prints
 * a call's "<" line on the PE that made it before returning, and EL3
 * runs the SMC with interrupts masked, so no dispatch and no other call
 * of that PE comes in between; only a successful COMPLETE has no "<"
 * line, and its EOI line closes it (sdei_main.c, sdei_event_complete).
 * So this line is another PE's taken for this one's (most lines name no
 * PE: lines of two PEs interleaved), or the log lost the result line.
 * An error, not a warning record: replacing the open call wrote it with
 * end=none and gave its result to the wrong call, and a console capture
 * (a UART's out_file) interleaves lines but does not drop them
 * (tarmac-traces.md §3.2).  Lenient, this line is skipped and the open
 * call written as one the log ends in (end=none): left open, it would
 * refuse each later call of the PE.  1 (lg->msg), or -1 (emit failed). */
static int still_open(struct tfa_log *lg, const struct scan *c, const char *at, const char *what, unsigned pe)
{
	const struct tfa_pending *pc = &lg->call[pe];

	snprintf(lg->msg, sizeof lg->msg,
		 "%s on PE %u while %s from line %" PRIu32 " has no result (lines of two PEs interleaved?)",
		 what, pe, pc->lc->name, pc->rec.src_line);
	lg->col = (size_t)(at - c->s);
	return lg->o->lenient && flush_call(lg, pe) ? -1 : 1;
}

static int call_line(struct tfa_log *lg, struct scan *c)
{
	const char *mark = c->p - 2;         /* the '>' */
	char what[40];
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
	/* TF-A prints the arguments of every call that has some */
	if (*c->p == 0 && lc->args[0].base && !linein_complete(lg->in)) {
		snprintf(lg->msg, sizeof lg->msg, "the call %s may be cut short before its arguments", lc->name);
		lg->col = (size_t)(c->p - c->s);
		return 1;
	}
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
			if (lc->args[a].base == 10 && fits_32(lg, c, v, "the argument"))
				return 1;
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
	if (line_end(lg, c, "unexpected text after the call"))
		return 1;
	if (lg->call[pe].open) {
		snprintf(what, sizeof what, "> %s", lc->name);
		return still_open(lg, c, mark, what, pe);
	}
	if (resume)
		r.x[0] = SDD_FID_EVENT_COMPLETE_AND_RESUME;
	r.from_handler = lg->depth[pe] > 0;
	lg->call[pe] = (struct tfa_pending){ true, lc, r };
	return 0;
}

/* The pending call a "< NAME:" line answers: this PE's, else any PE's. */
static struct tfa_pending *answered(struct tfa_log *lg, const struct logcall *lc)
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

static int result_line(struct tfa_log *lg, struct scan *c)
{
	const struct logcall *lc = NULL;
	struct tfa_pending *pc;
	uint64_t v;

	for (size_t k = 0; k < sizeof calls / sizeof calls[0] && !lc; k++) {
		size_t n = strlen(calls[k].name);
		if (strncmp(c->p, calls[k].name, n) == 0 && c->p[n] == ':')
			lc = &calls[k];
	}
	if (!lc)
		return bad(lg, c, "unknown SDEI call in '< ' line");
	c->p += strlen(lc->name) + 1;
	if (!number(c, lc->hex_result ? 16 : 10, &v))
		return bad(lg, c, "expected the result");
	if (line_end(lg, c, "expected the result"))
		return 1;
	pc = answered(lg, lc);
	if (!pc)
		return bad(lg, c, "a result with no call before it");
	pc->open = false;
	pc->rec.end = TRACE_END_RET;
	pc->rec.r[0] = v;
	pc->rec.r_known = 1;
	if (lc->fid == SDD_FID_EVENT_REGISTER && v == 0)
		note_register(lg, &pc->rec);
	/* a bound event's number (an error is negative; a wider value is no
	 * event number, and is not taken for one cut to 32 bits) */
	if (lc->fid == SDD_FID_INTERRUPT_BIND && (int64_t)v >= 0 && (int64_t)v <= INT32_MAX &&
	    lg->nbound < TFA_MAX_EVENTS) {
		lg->bound_event[lg->nbound] = (int32_t)v;
		lg->bound_intid[lg->nbound++] = (uint32_t)pc->rec.x[1];
	}
	return emit(lg, &pc->rec);
}

/* ACK mpidr, ev:N ss:S spsr:P ELR:A */
static int ack_line(struct tfa_log *lg, struct scan *c)
{
	uint64_t ev, ss, spsr, elr;
	struct trace_rec r;
	const struct tfa_reg *rg;
	unsigned pe;
	long intid;

	if (mpidr_field(lg, c, &pe))
		return 1;
	if (!lit(c, ", ev:") || !number(c, 0, &ev))
		return bad(lg, c, "expected 'ACK mpidr, ev:N ss:S spsr:HEX ELR:HEX'");
	if (fits_32(lg, c, ev, "the event number"))
		return 1;
	if (!lit(c, " ss:") || !number(c, 10, &ss) ||
	    !lit(c, " spsr:") || !number(c, 16, &spsr) || !lit(c, " ELR:") || !number(c, 16, &elr))
		return bad(lg, c, "expected 'ACK mpidr, ev:N ss:S spsr:HEX ELR:HEX'");
	if (line_end(lg, c, "expected 'ACK mpidr, ev:N ss:S spsr:HEX ELR:HEX'"))
		return 1;
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
static int eoi_line(struct tfa_log *lg, struct scan *c)
{
	uint64_t ev, spsr, elr;
	struct tfa_pending *pc;
	struct trace_rec r;
	unsigned pe;

	if (mpidr_field(lg, c, &pe))
		return 1;
	if (!lit(c, ", ") || !number(c, 0, &ev) || !lit(c, " spsr:") || !number(c, 16, &spsr) ||
	    !lit(c, " elr:") || !number(c, 16, &elr))
		return bad(lg, c, "expected 'EOI:mpidr, N spsr:HEX elr:HEX'");
	if (line_end(lg, c, "expected 'EOI:mpidr, N spsr:HEX elr:HEX'"))
		return 1;
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
	r.arg = trace_done_arg(r.how, pc->rec.x[1]);
	r.has |= TRACE_HAS_ARG | TRACE_HAS_DEPTH;
	if (lg->depth[pe])
		lg->depth[pe]--;
	r.depth = lg->depth[pe];
	return emit(lg, &r);
}

/* interrupt N on MPIDR while PE masked */
static int masked_line(struct tfa_log *lg, struct scan *c)
{
	uint64_t intid;
	struct trace_rec r;
	unsigned pe;

	if (!number(c, 10, &intid) || intid >= GIC_NUM_INTIDS || !lit(c, " on "))
		return bad(lg, c, "expected 'interrupt N on MPIDR while PE masked'");
	if (mpidr_field(lg, c, &pe) || cut_number(lg, c))
		return 1;
	begin(lg, &r, TRACE_IRQ, pe);
	r.intid = (uint32_t)intid;
	r.how = TRACE_IRQ_ACK;
	r.res = TRACE_RES_DEFERRED;
	r.has |= TRACE_HAS_RES;
	return emit(lg, &r);
}

/* WARNING: Unimplemented SDEI Call: 0xFID -- answered SMC_UNK */
static int unimplemented_line(struct tfa_log *lg, struct scan *c, const char *at)
{
	uint64_t fid;
	struct trace_rec r;
	char what[60];

	if (!number(c, 0, &fid))
		return bad(lg, c, "expected the function ID");
	if (line_end(lg, c, "expected the function ID"))
		return 1;
	if (lg->call[lg->pe].open) {
		snprintf(what, sizeof what, "Unimplemented SDEI Call 0x%" PRIx64, fid);
		return still_open(lg, c, at, what, lg->pe);
	}
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

/* see tfa_log.h */
int tfa_log_line(struct tfa_log *lg, const char *line)
{
	struct scan c = { line, NULL, NULL, NULL };
	const char *at = strstr(line, "SDEI: ");

	if (!at) {
		at = strstr(line, "Unimplemented SDEI Call: ");
		if (!at)
			return 2;
		c.p = at + strlen("Unimplemented SDEI Call: ");
		return unimplemented_line(lg, &c, at);
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

/* see tfa_log.h */
int tfa_log_finish(struct tfa_log *lg)
{
	for (unsigned p = 0; p < TRACE_MAX_PES; p++)
		if (flush_call(lg, p))
			return -1;
	return 0;
}
