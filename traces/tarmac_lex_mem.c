/*
 * tarmac_lex_mem.c - a Tarmac memory line (tarmac-traces.md §1.6):
 *
 *   MW4 2f000204:00002f000204 00000100
 *   MR8 000ffb80:0000000ffb80_NS 00000000_000ffbb8
 *   MR8 00000002 (ABORTED)
 *
 * the size in bytes in the kind (a power of two), the virtual address
 * and, after ':', the physical one (with its address space: _S, _NS,
 * ...), then the value in logical order ('_' between its halves), as a
 * register line's is written ('-' or 'x' digits unknown), or a note in
 * parentheses for none.  The importer wants firmware's writes to the GIC
 * (the interrupts it sets pending again), which are at physical
 * addresses: the physical address when the line has one, else the
 * virtual (firmware maps its devices flat).  Other memory kinds (the
 * flagged MNW4___D, the R01..W08 form) carry nothing it uses.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tarmac.h"
#include "tarmac_token.h"
#include "trace_internal.h"     /* trace_scan_u64 */

/* see tarmac_token.h */
bool tm_mem_kind(const struct token *t)
{
	return t->n >= 3 && t->p[0] == 'M' && (t->p[1] == 'R' || t->p[1] == 'W') &&
	       tm_all_digits(t->p + 2, t->n - 2);
}

/* VA[:PA[_SPACE]]: the address the access went to.  The physical
 * address space after '_' is letters (_S, _NS; _RT, _RL on RME models),
 * in either case: the address is what the importer wants. */
static bool mem_address(const struct token *t, uint64_t *addr)
{
	const char *colon = memchr(t->p, ':', t->n), *pa, *end, *stop = t->p + t->n;

	if (!colon)
		return trace_scan_u64(t->p, t->n, 16, addr);
	pa = colon + 1;
	end = memchr(pa, '_', (size_t)(stop - pa));
	if (end) {
		if (end + 1 == stop)
			return false;
		for (const char *q = end + 1; q < stop; q++)
			if (!isalpha((unsigned char)*q))
				return false;
	}
	if (!trace_scan_u64(t->p, (size_t)(colon - t->p), 16, addr))
		return false;
	return trace_scan_u64(pa, (size_t)((end ? end : stop) - pa), 16, addr);
}

/* see tarmac_token.h */
int tm_lex_mem(struct cursor *c, const struct token *kind, struct tm_line *l, char *msg, size_t msglen,
	       size_t *col)
{
	struct token a, v;
	unsigned size = 0;
	size_t digits;

	for (size_t i = 2; i < kind->n && size <= 64; i++)
		size = size * 10 + (unsigned)(kind->p[i] - '0');
	if (size == 0 || size > 64 || (size & (size - 1)) != 0)
		return FAIL(kind->col + 2, "bad memory access size in '%s': 1, 2, 4 ... 64 bytes",
			    SIM_QUOTED(kind->p, kind->n));
	l->kind = TM_MEM;
	l->write = kind->p[1] == 'W';
	l->size = (uint8_t)size;
	if (!tm_next_token(c, &a))
		return FAIL(c->len, "truncated memory line: expected an address after '%s'",
			    SIM_QUOTED(kind->p, kind->n));
	if (!mem_address(&a, &l->addr))
		return FAIL(a.col, "bad address '%s' in a memory line: expected hex VA[:PA[_SPACE]], SPACE letters "
			    "(S, NS, RT, RL)", SIM_QUOTED(a.p, a.n));
	if (!tm_next_token(c, &v))
		return FAIL(c->len, "truncated memory line: expected the value after the address");
	if (v.p[0] == '(')
		return 0;                     /* (ABORTED), or another note: no value */
	/* the register lines' value words: hex digits, '-' / 'x' unknown, '_' between */
	digits = tm_value_digits(v.p, v.n);
	if (digits == 0)
		return FAIL(v.col, "bad value '%s' in a memory line", SIM_QUOTED(v.p, v.n));
	if (digits != 2u * size)
		return FAIL(v.col, "memory value '%s' has %zu hex digits; a %u-byte access has %u",
			    SIM_QUOTED(v.p, v.n),
			    digits, size, 2 * size);
	l->value = tm_value_of(&v, 1, &l->known);
	l->known &= size <= 8;
	return 0;
}
