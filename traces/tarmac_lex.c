/*
 * tarmac_lex.c - one Tarmac line, in any of the dialects of
 * tarmac-traces.md §1, to a struct tm_line:
 *
 *   [<time>[<unit>] [<unit>]] [<source>] <KIND> <fields...>
 *
 * Timestamps may be missing (the line inherits the previous one), glued
 * to their unit (271ns), fractional (us, ns), right-aligned; us, ns and ps
 * become picoseconds, counts (clk, ...) stay counts; a trace's units must
 * compare with each other.  The source is any token that is not a kind
 * and is followed by one (cpuN, or a hierarchical name: the PE each is,
 * tarmac_source.c); a line without one is PE 0, and no PE has two
 * sources.  Instruction lines come as
 * IT/IS/IF with the index, the address or address:index in brackets, or
 * as ES (addr:opcode); the mode may be missing, glued to its colon, lower-
 * or upper-case.  Register values may be split in two 32-bit halves,
 * separated by '_' or ':', or unknown (---- or x digits), and are no
 * wider than their register.  Kinds that carry nothing for SDEI (memory,
 * LD/ST, CADI, SIGNAL, BR, ...) are recognised and ignored; unknown kinds
 * are counted, never an error: only a line of a known kind whose
 * timestamp, source or fields are malformed is one (and a line with a
 * timestamp, two words and a kind: its unit is corrupt).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "call_rules.h"       /* sim_aarch32_modes: the AArch32 modes' names and ELs */
#include "tarmac.h"
#include "tarmac_token.h"
#include "trace_internal.h"

static bool is(const struct token *t, const char *word)
{
	return word[0] == t->p[0] && strncmp(word, t->p, t->n) == 0 && word[t->n] == 0;
}


static bool contains_nocase(const char *p, size_t n, const char *word)
{
	size_t w = strlen(word);
	for (size_t i = 0; i + w <= n; i++)
		if (tm_is_nocase(p + i, w, word))
			return true;
	return false;
}


/* ---- Kinds ---- */

enum kw { KW_NONE = 0, KW_IT, KW_IS, KW_IF, KW_ES, KW_R, KW_E, KW_EXC, KW_MEM, KW_IGN };

static enum kw keyword(const struct token *t)
{
	static const char *const ignored[] = {
		"LD", "ST", "CADI", "SIGNAL", "SIGNAL:", "BR", "P", "CACHE", "TTW", "TLB",
		"INFO_EXCEPTION_REASON", "Tarmac",
	};
	const char *p = t->p;

	/* the kinds of nearly every line first, without a table */
	if (t->n == 1)
		return p[0] == 'R' ? KW_R : p[0] == 'E' ? KW_E : p[0] == 'P' ? KW_IGN : KW_NONE;
	if (t->n == 2 && p[0] == 'I')
		return p[1] == 'T' ? KW_IT : p[1] == 'S' ? KW_IS : p[1] == 'F' ? KW_IF : KW_NONE;
	if (t->n == 2 && p[0] == 'E' && p[1] == 'S')
		return KW_ES;
	if (is(t, "EXC"))
		return KW_EXC;
	for (size_t k = 0; k < sizeof ignored / sizeof ignored[0]; k++)
		if (is(t, ignored[k]))
			return KW_IGN;
	/* memory: MR4 and MW8 read (tarmac_lex_mem.c); MNW4___D, ... and
	 * the R01..R08 / W01..W08 form not */
	if (tm_mem_kind(t))
		return KW_MEM;
	if (t->n >= 3 && p[0] == 'M' && strchr("RWN", p[1]))
		for (size_t i = 2; i < t->n; i++)
			if (isdigit((unsigned char)p[i]))
				return KW_IGN;
	if (t->n == 3 && (p[0] == 'R' || p[0] == 'W') && tm_all_digits(p + 1, 2))
		return KW_IGN;
	return KW_NONE;
}

/* ---- Field values ---- */


/* The hex number at the start of p[0..n), up to ':' ',' or ')'. */
static bool address(const char *p, size_t n, uint64_t *out)
{
	size_t i = 0;
	uint64_t v = 0;

	for (; i < n && p[i] != ':' && p[i] != ',' && p[i] != ')'; i++) {
		int d = tm_hexdigit(p[i]);
		if (d < 0 || i >= 16)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return i > 0;
}

static int opcode(const char *p, size_t n, struct tm_line *l)
{
	uint64_t v;

	if (n == 8 && memcmp(p, "--------", 8) == 0) {
		l->fetched = false;
		return 0;
	}
	if ((n != 8 && n != 4) || !trace_scan_u64(p, n, 16, &v))
		return -1;
	l->fetched = true;
	l->opcode = (uint32_t)v;
	return 0;
}

/* The instruction set state letter t names (enum tm_isa), or -1. */
static int state_isa(const struct token *t)
{
	static const struct { const char *letter; uint8_t isa; } states[] = {
		{ "O", TM_ISA_A64 }, { "X", TM_ISA_A64 }, { "A", TM_ISA_A32 }, { "T", TM_ISA_T32 },
		{ "T16", TM_ISA_T32 }, { "T32", TM_ISA_T32 },
	};

	for (size_t k = 0; k < sizeof states / sizeof states[0]; k++)
		if (is(t, states[k].letter))
			return states[k].isa;
	return -1;
}

static bool is_state(const struct token *t)
{
	return state_isa(t) >= 0;
}

/* The exception level a mode field names, or -1; an AArch32 mode's
 * PSTATE.M[3:0] in l->a32_mode, and in l->secure whether its security
 * suffix says Secure state (which PSTATE does not hold: SCR_EL3.NS). */
static int mode_el(const char *p, size_t n, struct tm_line *l)
{
	size_t base = 0;

	while (n > 0 && p[n - 1] == ':')
		n--;
	while (base < n && p[base] != '_')
		base++;
	l->secure = n == base + 2 && (p[base + 1] == 's' || p[base + 1] == 'S');
	if (base >= 3 && (p[0] == 'E' || p[0] == 'e') && (p[1] == 'L' || p[1] == 'l') && p[2] >= '0' && p[2] <= '3')
		return p[2] - '0';
	for (size_t k = 0; k < sizeof sim_aarch32_modes / sizeof sim_aarch32_modes[0]; k++)
		if (sim_aarch32_modes[k].name && tm_is_nocase(p, base, sim_aarch32_modes[k].name)) {
			l->a32_mode = (int8_t)k;
			return sim_aarch32_modes[k].el;
		}
	return -1;
}

/* Does a mode field name an exception level there is none of ("EL4h_n")?
 * A field that names no mode at all is taken for a missing mode. */
static bool no_such_el(const struct token *mode)
{
	return mode->n >= 3 && (mode->p[0] == 'E' || mode->p[0] == 'e') && (mode->p[1] == 'L' || mode->p[1] == 'l') &&
	       mode->p[2] >= '4' && mode->p[2] <= '9';
}

/* ---- Line kinds ---- */


static int lex_insn(struct cursor *c, enum kw kw, struct tm_line *l, char *msg, size_t msglen, size_t *col)
{
	struct token a, b, cc, d, mode;
	bool hb, hc, hd;
	const struct token *addr, *op, *state;

	l->kind = TM_INSN;
	l->executed = kw != KW_IS;
	if (!tm_next_token(c, &a))
		return FAIL(c->len, "truncated instruction line: expected an address after '%s'",
			    kw == KW_IT ? "IT" : kw == KW_IS ? "IS" : "IF");
	hb = tm_next_token(c, &b);
	hc = hb && tm_next_token(c, &cc);
	hd = hc && tm_next_token(c, &d);
	if (a.p[0] == '(') {
		if (!hb)
			return FAIL(c->len, "truncated instruction line: expected the address or opcode after '%s'",
				    SIM_QUOTED(a.p, a.n));
		if (hc && is_state(&cc)) {          /* (address[:index]) opcode state */
			addr = &a;
			op = &b;
			state = &cc;
			if (hd) {
				mode = d;
			} else {
				mode.n = 0;
			}
		} else {                            /* (index) address opcode state */
			if (!hc)
				return FAIL(c->len, "truncated instruction line: expected the opcode after the address");
			if (!hd)
				return FAIL(c->len, "truncated instruction line: expected the instruction set (O, A, T) "
					    "after the opcode");
			if (!is_state(&d))
				return FAIL(d.col, "expected the instruction set (O, A, T), found '%s'",
					    SIM_QUOTED(d.p, d.n));
			addr = &b;
			op = &cc;
			state = &d;
			if (!tm_next_token(c, &mode))
				mode.n = 0;
		}
	} else {                                    /* address opcode state (no bracket) */
		if (!hb)
			return FAIL(c->len, "truncated instruction line: expected the opcode after the address");
		if (!hc)
			return FAIL(c->len, "truncated instruction line: expected the instruction set after the opcode");
		if (!is_state(&cc))
			return FAIL(cc.col, "expected the instruction set (O, A, T), found '%s'",
				    SIM_QUOTED(cc.p, cc.n));
		addr = &a;
		op = &b;
		state = &cc;
		mode = hd ? d : (struct token){ NULL, 0, 0 };
	}
	if (!address(addr->p + (addr->p[0] == '('), addr->n - (addr->p[0] == '('), &l->pc))
		return FAIL(addr->col, "bad instruction address '%s'", SIM_QUOTED(addr->p, addr->n));
	if (opcode(op->p, op->n, l))
		return FAIL(op->col, "bad opcode '%s': expected 4 or 8 hex digits", SIM_QUOTED(op->p, op->n));
	l->isa = (uint8_t)state_isa(state);
	l->mode_col = mode.col;
	l->mode_n = mode.n;
	if (mode.n && no_such_el(&mode))
		return FAIL(mode.col, "mode '%s' names no exception level (EL0..EL3)", SIM_QUOTED(mode.p, mode.n));
	l->el = mode.n ? mode_el(mode.p, mode.n, l) : -1;
	return 0;
}

/* ES (addr:opcode) state mode: [CCFAIL] ..., ES EXC ..., ES Reset */
static int lex_es(struct cursor *c, struct tm_line *l, char *msg, size_t msglen, size_t *col)
{
	struct token a, st, mode, extra;
	const char *colon;

	if (!tm_next_token(c, &a))
		return FAIL(c->len, "truncated ES line: expected '(address:opcode)', EXC or Reset");
	if (is(&a, "EXC") || is(&a, "Reset")) {
		l->kind = TM_EXC;
		l->reset = is(&a, "Reset") || strstr(c->s, "Reset") != NULL;
		return 0;
	}
	l->kind = TM_INSN;
	l->executed = true;
	colon = memchr(a.p, ':', a.n);
	if (a.p[0] != '(' || !colon || a.p[a.n - 1] != ')')
		return FAIL(a.col, "expected '(address:opcode)', found '%s'", SIM_QUOTED(a.p, a.n));
	if (!address(a.p + 1, (size_t)(colon - a.p - 1), &l->pc))
		return FAIL(a.col, "bad instruction address in '%s'", SIM_QUOTED(a.p, a.n));
	if (opcode(colon + 1, (size_t)(a.p + a.n - 1 - colon - 1), l))
		return FAIL((size_t)(colon + 1 - c->s), "bad opcode in '%s': expected 4 or 8 hex digits",
			    SIM_QUOTED(a.p, a.n));
	if (!tm_next_token(c, &st))
		return FAIL(c->len, "truncated ES line: expected the instruction set after '%s'",
			    SIM_QUOTED(a.p, a.n));
	if (!is_state(&st))
		return FAIL(st.col, "expected the instruction set (O, A, T), found '%s'", SIM_QUOTED(st.p, st.n));
	l->isa = (uint8_t)state_isa(&st);
	if (!tm_next_token(c, &mode)) {
		l->el = -1;
		return 0;
	}
	l->mode_col = mode.col;
	l->mode_n = mode.n;
	if (no_such_el(&mode))
		return FAIL(mode.col, "mode '%s' names no exception level (EL0..EL3)", SIM_QUOTED(mode.p, mode.n));
	l->el = mode_el(mode.p, mode.n, l);
	if (l->el >= 0 && tm_next_token(c, &extra) && is(&extra, "CCFAIL"))
		l->executed = false;
	return 0;
}

/* The value of register `name` (X, W, ELR, SPSR, VBAR), from its first
 * word v: hex digits with '_' / ':' separators, or two words of 8 (a
 * hardware Tarmac module's `R X0 01234567 89abcdef`, tarmac-traces.md
 * §1.5); '-' or 'x' digits make it unknown.  Shorter values are
 * abbreviated ones.  A hex word after the value is more of it, not a
 * flag word (`__C_`): the value is then wider than the register or split
 * some other way, and taking part of it would import a number the trace
 * does not say. */
static int reg_value(struct cursor *c, const struct token *name, const struct token *v, struct tm_line *l,
		     char *msg, size_t msglen, size_t *col)
{
	unsigned width = l->reg == TM_R_X && l->w ? 8 : 16;     /* hex digits */
	struct token words[2] = { *v }, more, extra = { NULL, 0, 0 }, last = *v, over = *v;
	size_t nw = 1, digits = tm_value_digits(v->p, v->n), d, save = c->pos;

	if (!digits)
		return FAIL(v->col, "bad value '%s' for register %s", SIM_QUOTED(v->p, v->n),
			    SIM_QUOTED(name->p, name->n));
	if (digits == 8 && tm_next_token(c, &more) && more.n == 8 && tm_value_digits(more.p, 8) == 8) {
		words[nw++] = more;
		digits += 8;
		last = more;
		save = c->pos;
		if (digits > width)
			over = more;
	}
	c->pos = save;
	while (tm_next_token(c, &more) && (d = tm_value_digits(more.p, more.n)) > 0) {
		if (!extra.p)
			extra = more;
		if (digits <= width && digits + d > width)
			over = more;
		digits += d;
		last = more;
	}
	c->pos = save;
	if (digits > width)
		return FAIL(over.col, "bad value '%s' for register %s: %zu hex digits, more than %u bits",
			    SIM_QUOTED(v->p, (size_t)(last.p + last.n - v->p)), SIM_QUOTED(name->p, name->n),
			    digits, width * 4);
	if (extra.p)
		return FAIL(extra.col, "bad value '%s' for register %s: a split value is two words of 8 hex digits",
			    SIM_QUOTED(v->p, (size_t)(last.p + last.n - v->p)), SIM_QUOTED(name->p, name->n));
	l->value = tm_value_of(words, nw, &l->known);
	if (!l->known)
		l->value = 0;
	return 0;
}

static void reg_name(const struct token *t, struct tm_line *l)
{
	static const struct { const char *prefix; uint8_t reg; } sys[] = {
		{ "elr_el", TM_R_ELR }, { "spsr_el", TM_R_SPSR }, { "vbar_el", TM_R_VBAR },
	};
	const char *lt = memchr(t->p, '<', t->n);
	size_t n = lt ? (size_t)(lt - t->p) : t->n;
	uint64_t num;
	char c0 = (char)tolower((unsigned char)t->p[0]);

	l->reg = TM_R_OTHER;
	/* r0..r7: AArch32's registers are the X registers' low halves; r8..r14
	 * are banked in some modes (r8_fiq is x24), and a call passes r0..r5 */
	if (n >= 2 && n <= 3 && (c0 == 'x' || c0 == 'w' || c0 == 'e' || c0 == 'r') &&
	    trace_scan_u64(t->p + 1, n - 1, 10, &num) && num <= (c0 == 'r' ? 7u : 30u)) {
		l->reg = TM_R_X;
		l->n = (uint8_t)num;
		l->w = c0 == 'w' || c0 == 'r';
	}
	for (size_t k = 0; k < sizeof sys / sizeof sys[0]; k++) {
		size_t pn = strlen(sys[k].prefix);
		if (n == pn + 1 && tm_is_nocase(t->p, pn, sys[k].prefix) && t->p[pn] >= '1' && t->p[pn] <= '3') {
			l->reg = sys[k].reg;
			l->n = (uint8_t)(t->p[pn] - '0');
		}
	}
	if (lt && l->reg != TM_R_OTHER)
		l->reg = TM_R_OTHER;    /* a part of the register: tells us nothing certain */
}

static int lex_reg(struct cursor *c, const struct tm_names *names, struct tm_line *l, char *msg, size_t msglen,
		   size_t *col)
{
	struct token name, v;

	l->kind = TM_REG;
	if (!tm_next_token(c, &name))
		return FAIL(c->len, "truncated register line: expected a register name after 'R'");
	if (is(&name, "DC") || is(&name, "IC") || is(&name, "TLBI") || is(&name, "AT")) {
		l->kind = TM_IGNORED;      /* system operations logged as pseudo-registers */
		return 0;
	}
	reg_name(&name, l);
	do {
		if (!tm_next_token(c, &v))
			return FAIL(c->len, "truncated register line: expected a value after '%s'",
				    SIM_QUOTED(name.p, name.n));
	} while (v.p[0] == '(');           /* bank or view: R R1 (USR) 00000800 */
	/* MPIDR_EL1, read only to check it against a cluster name's PE
	 * (tarmac_source.c); the state machine ignores it */
	if (l->reg == TM_R_OTHER && tm_source_clustered(names, l->pe) && tm_is_nocase(name.p, name.n, "mpidr_el1")) {
		if (reg_value(c, &name, &v, l, msg, msglen, col))
			return -1;
		if (l->known && tm_source_mpidr(names, l->pe, l->value, msg, msglen)) {
			*col = v.col;
			return -1;
		}
		return 0;
	}
	if (l->reg == TM_R_OTHER)
		return 0;
	return reg_value(c, &name, &v, l, msg, msglen, col);
}

static int lex_exc(struct cursor *c, enum kw kw, struct tm_line *l, char *msg, size_t msglen, size_t *col)
{
	struct token t;
	bool first = true;

	l->kind = TM_EXC;
	while (tm_next_token(c, &t)) {
		if (first && kw == KW_E && t.n > 10 && memcmp(t.p, "DebugEvent", 10) == 0) {
			l->kind = TM_IGNORED;      /* debug events are not exceptions */
			return 0;
		}
		if (first && kw == KW_E)
			l->has_pc = address(t.p, t.n, &l->exc_pc);
		if (contains_nocase(t.p, t.n, "reset"))
			l->reset = true;
		first = false;
	}
	if (first)
		return FAIL(c->len, "truncated exception line: nothing after '%s'", kw == KW_E ? "E" : "EXC");
	return 0;
}

/* Instruction line l of its PE: what the PE's lines before said of their
 * modes, for tm_mode_cut, and what this one says, for the next. */
static void note_mode(struct tm_names *nm, struct tm_line *l, const char *line)
{
	uint64_t bit = 1ull << (l->pe < 0 ? 0 : l->pe);

	l->pe_moded = (nm->moded & bit) != 0;
	l->pe_suffixed = (nm->suffixed & bit) != 0;
	if (l->el < 0)
		return;
	nm->moded |= bit;
	if (tm_mode_suffixed(line + l->mode_col, l->mode_n))
		nm->suffixed |= bit;
	else
		nm->suffixed &= ~bit;
}

/* A timestamp in unit u: the first sets the trace's unit, the others
 * must compare with it (tm_units_compare).  0, or -1 with a message. */
static int same_clock(struct tm_names *nm, int u, char *msg, size_t msglen)
{
	if (!nm->has_unit) {
		nm->has_unit = true;
		nm->unit = u;
		return 0;
	}
	return tm_units_compare(nm->unit, u, msg, msglen);
}

int tm_lex(const char *line, size_t len, struct tm_names *names, struct tm_line *l,
	   char *msg, size_t msglen, size_t *col)
{
	struct cursor c = { line, len, 0 };
	struct token t, src = { NULL, 0, 0 }, stamp = { NULL, 0, 0 };
	bool have_stamp = false, have_src = false;
	int unit = -1;                  /* a unit token's (tm_unit) */
	size_t unit_col = 0;            /* where the timestamp's unit is */
	enum kw kw;

	memset(l, 0, sizeof *l);
	l->pe = -1;
	l->el = -1;
	l->a32_mode = -1;
	if (!tm_next_token(&c, &t)) {
		l->kind = TM_IGNORED;
		return 0;
	}
	if (tm_time_like(t.p, t.n)) {
		size_t end = tm_time_number_end(t.p, t.n);
		stamp = t;
		have_stamp = true;
		unit_col = end < stamp.n ? stamp.col + end : stamp.col;     /* glued (271ns), or none */
		if (!tm_next_token(&c, &t))
			goto unknown;
		if (end == stamp.n && (unit = tm_unit(t.p, t.n)) >= 0) {
			unit_col = t.col;         /* not glued: 2368030 clk */
			if (!tm_next_token(&c, &t))
				goto unknown;
		}
	}
	kw = keyword(&t);
	if (kw == KW_NONE) {
		/* a source token, if a kind follows it */
		src = t;
		if (!tm_next_token(&c, &t))
			goto unknown;
		if ((kw = keyword(&t)) == KW_NONE) {
			struct token after;
			/* 2368030 xyz cpu0 IT: a timestamp, two words and a kind is
			 * a Tarmac line whose unit is corrupt, not a line of no kind */
			if (have_stamp && unit < 0 && tm_time_number_end(stamp.p, stamp.n) == stamp.n &&
			    tm_next_token(&c, &after) && keyword(&after) != KW_NONE)
				return FAIL(src.col, "unknown timestamp unit '%s'", SIM_QUOTED(src.p, src.n));
			goto unknown;
		}
		have_src = true;
	}
	if (have_stamp) {
		size_t at;
		if (tm_time_value(stamp.p, stamp.n, unit, &l->time, msg, msglen, &at)) {
			*col = stamp.col + at;
			return -1;
		}
		l->has_time = true;
	}
	l->kind_col = t.col;
	if (kw == KW_IGN) {
		l->kind = TM_IGNORED;
		return 0;
	}
	/* checked on the lines that are used, as time going backwards is */
	if (have_stamp && same_clock(names, tm_time_unit(stamp.p, stamp.n, unit), msg, msglen)) {
		*col = unit_col;
		return -1;
	}
	if (have_src) {
		l->pe = tm_source_pe(names, &src, msg, msglen);
		if (l->pe < 0) {
			*col = src.col;
			return -1;
		}
	} else if (tm_source_none(names, msg, msglen) < 0) {
		*col = t.col;
		return -1;
	}
	switch (kw) {
	case KW_IT:
	case KW_IS:
	case KW_IF:
	case KW_ES:
		if (kw == KW_ES ? lex_es(&c, l, msg, msglen, col) : lex_insn(&c, kw, l, msg, msglen, col))
			return -1;
		if (l->kind == TM_INSN)
			note_mode(names, l, line);
		return 0;
	case KW_R:
		return lex_reg(&c, names, l, msg, msglen, col);
	case KW_MEM:
		return tm_lex_mem(&c, &t, l, msg, msglen, col);
	default:
		return lex_exc(&c, kw, l, msg, msglen, col);
	}
unknown:
	/* no kind: counted, never an error; its time (if it reads) is only
	 * for the tests */
	l->kind = TM_UNKNOWN;
	if (have_stamp) {
		char scratch[TM_MSG_MAX];
		size_t at;
		l->has_time = tm_time_value(stamp.p, stamp.n, unit, &l->time, scratch, sizeof scratch, &at) == 0;
	}
	return 0;
}
