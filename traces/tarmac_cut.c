/*
 * tarmac_cut.c - is the register value a Tarmac input ends in, with no
 * newline after it, cut short (tm_value_cut, tarmac.h)?  A table of the
 * widths the producers we know write a whole value with.  Or the mode of
 * an instruction line (tm_mode_cut): a call's SMC whose mode was cut was
 * taken for a line of a dialect without modes, and its call lost.
 */
#include <stdio.h>
#include <string.h>

#include "tarmac.h"
#include "tarmac_token.h"
#include "trace_internal.h"

/* Digits of a register value token (hex, '-' or 'x' unknown, '_' and ':'
 * separators not counted); -1 if it is no value.  A second half is bare
 * digits: the separators are the first token's. */
static long value_digits(const struct token *t, bool second_half)
{
	long n = 0;

	for (size_t i = 0; i < t->n; i++) {
		char ch = t->p[i];
		if ((ch == '_' || ch == ':') && !second_half)
			continue;
		if (tm_hexdigit(ch) < 0 && ch != '-' && ch != 'x' && ch != 'X')
			return -1;
		n++;
	}
	return n;
}

/* The widths, in hex digits, that the producers we know write a whole
 * value of these registers with, whatever the value (tarmac-traces.md
 * §1.5, §1.7; tarmac-trace-utilities' samples and parsertest.txt): X
 * (FVP writes X even for a W destination; gem5 writes W, with 8), its
 * alias E, the 64-bit addresses SP_ELx, ELR_ELx, VBAR_ELx; the SIMD
 * registers q/Q/V (32 digits, or 16_16, or four tokens of 8) and d; cpsr
 * (8, or 9 when FVP folds extra bits in: `R cpsr 1220023cd`).  Any other
 * register, and a part such as X0<31:0> (a Neoverse N1 RTL writes
 * V5<63:0> with 8), has no width here: W and s (8), AArch32 registers,
 * SPSR, ESR and the other system registers are 32 bits wide, or written
 * with 8 or 16 digits depending on the producer. */
static const struct reg_width {
	const char *name;       /* lower case */
	bool numbered;          /* the name is followed by a number lo..hi */
	uint8_t lo, hi;
	uint8_t min, max;       /* a whole value has min..max digits */
} reg_widths[] = {
	{ "x", true, 0, 30, 16, 16 },
	{ "e", true, 0, 30, 16, 16 },
	{ "sp_el", true, 0, 3, 16, 16 },
	{ "elr_el", true, 1, 3, 16, 16 },
	{ "vbar_el", true, 1, 3, 16, 16 },
	{ "q", true, 0, 31, 32, 32 },
	{ "v", true, 0, 31, 32, 32 },
	{ "d", true, 0, 31, 16, 16 },
	{ "cpsr", false, 0, 0, 8, 9 },
};

static const struct reg_width *reg_width(const struct token *name)
{
	for (size_t k = 0; k < sizeof reg_widths / sizeof reg_widths[0]; k++) {
		const struct reg_width *w = &reg_widths[k];
		size_t pn = strlen(w->name);
		uint64_t num;

		if (!w->numbered) {
			if (tm_is_nocase(name->p, name->n, w->name))
				return w;
		} else if (name->n > pn && name->n <= pn + 2 && tm_is_nocase(name->p, pn, w->name) &&
			   tm_all_digits(name->p + pn, name->n - pn) &&
			   trace_scan_u64(name->p + pn, name->n - pn, 10, &num) && num >= w->lo && num <= w->hi) {
			return w;
		}
	}
	return NULL;
}

static bool all_known(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] == '-' || p[i] == 'x' || p[i] == 'X')
			return false;
	return true;
}

/* see tarmac.h */
int tm_value_cut(const char *line, size_t len, const struct tm_line *l, char *msg, size_t msglen, size_t *col)
{
	struct cursor c = { line, len, l->kind_col };
	struct token t, name, v, last, more;
	const struct reg_width *w;
	long digits, token_digits, more_digits;
	size_t save, span;

	if (l->kind != TM_REG || !tm_next_token(&c, &t) || !tm_next_token(&c, &name))
		return 0;
	do {
		if (!tm_next_token(&c, &v))
			return 0;
	} while (v.p[0] == '(');
	last = v;
	if ((digits = token_digits = value_digits(&v, false)) <= 0)
		return 0;
	/* a value split in tokens of 8 digits (two halves of 64 bits, four
	 * words of 128): the last one may be the one cut */
	while (token_digits == 8 && digits < 32) {
		save = c.pos;
		if (!tm_next_token(&c, &more) || (more_digits = value_digits(&more, true)) <= 0) {
			c.pos = save;
			break;
		}
		digits += token_digits = more_digits;
		last = more;
	}
	if (tm_next_token(&c, &more))
		return 0;                        /* the value is not what the line ends in */
	span = (size_t)(last.p + last.n - v.p);
	w = reg_width(&name);
	/* Fewer digits than the register is written with: the input stopped
	 * in its value (or after its first 8 of 16, split or not).  Unknown
	 * digits are left alone: a hardware Tarmac module writes `R X1
	 * --------` and partial updates `R Q0 -------- -------- 3ff6a09e
	 * 667f3bcd` (tarmac-trace-utilities' parsertest.txt), and the value
	 * is unknown either way. */
	if (w && digits < w->min && all_known(v.p, span))
		return FAIL(v.col, "truncated register line: the value '%s' of %s is cut short: %ld digits of %u",
			    SIM_QUOTED(v.p, span), SIM_QUOTED(name.p, name.n), digits, w->min);
	/* Other registers: values come in 8-digit words. */
	if (digits % 8 != 0 && !(w && digits >= w->min && digits <= w->max))
		return FAIL(v.col, "truncated register line: the value '%s' of %s is cut short",
			    SIM_QUOTED(v.p, span), SIM_QUOTED(name.p, name.n));
	return 0;
}

/* see tarmac.h */
int tm_mode_cut(const char *line, size_t len, const struct tm_line *l, char *msg, size_t msglen, size_t *col)
{
	struct cursor c = { line, len, l->mode_col + l->mode_n };
	struct token after;

	if (l->kind != TM_INSN || !l->pe_moded)
		return 0;
	if (!l->mode_n)
		return FAIL(len, "truncated instruction line: expected the mode after the instruction set");
	if (tm_next_token(&c, &after))
		return 0;                        /* the mode is not what the line ends in */
	if (l->el < 0 || (l->pe_suffixed && !tm_mode_suffixed(line + l->mode_col, l->mode_n)))
		return FAIL(l->mode_col, "truncated instruction line: the mode '%s' is cut short",
			    SIM_QUOTED(line + l->mode_col, l->mode_n));
	return 0;
}
