/*
 * trace_text.c - text helpers every traces/ parser and writer uses: the
 * percent escaping of text fields, strict number scanning, and the
 * reader's storage for what it unescapes and keeps.
 */
#include <stdlib.h>
#include <string.h>

#include "trace_internal.h"

/* Bytes a text field cannot hold literally: separators of the line
 * format, the escape character itself, and control characters. */
static bool needs_escape(unsigned char c)
{
	return c <= 0x20 || c == 0x7F || c == '%' || c == '=';
}

size_t trace_escape(char *out, size_t cap, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	if (cap == 0)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		size_t need = needs_escape(c) ? 3 : 1;
		if (n + need >= cap)
			break;
		if (need == 3) {
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		} else {
			out[n++] = (char)c;
		}
	}
	out[n] = 0;
	return n;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool trace_unescape(const char *s, size_t n, char *out, size_t *bad)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			out[o++] = s[i];
			continue;
		}
		if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) {
			*bad = i;
			return false;
		}
		out[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
		i += 2;
	}
	out[o] = 0;
	return true;
}

bool trace_scan_u64(const char *s, size_t n, unsigned base, uint64_t *out)
{
	uint64_t v = 0;

	if (base == 0) {
		if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			s += 2;
			n -= 2;
			base = 16;
		} else {
			base = 10;
		}
	}
	if (n == 0)
		return false;
	if (base == 16) {
		/* leading zeros are allowed; what follows them must fit in 64 bits */
		while (n > 16 && *s == '0') {
			s++;
			n--;
		}
		if (n > 16)
			return false;
		for (size_t i = 0; i < n; i++) {
			int d = hexval(s[i]);
			if (d < 0)
				return false;
			v = v << 4 | (uint64_t)d;
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			unsigned d = (unsigned)(s[i] - '0');
			if (d > 9)
				return false;
			if (v > UINT64_MAX / 10 || (v == UINT64_MAX / 10 && d > UINT64_MAX % 10))
				return false;
			v = v * 10 + d;
		}
	}
	*out = v;
	return true;
}

bool trace_scan_reg(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	/* trace_scan_u64 also takes upper case and leading zeros beyond 16
	 * digits (the Tarmac lexer reads such text); a trace has one spelling */
	if (n < 3 || n > 18 || s[0] != '0' || s[1] != 'x')
		return false;
	for (size_t i = 2; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
		v = v << 4 | (uint64_t)hexval(c);
	}
	*out = v;
	return true;
}

bool trace_scan_i64(const char *s, size_t n, unsigned base, uint64_t *out)
{
	if (n > 0 && s[0] == '-') {
		uint64_t v;
		if (!trace_scan_u64(s + 1, n - 1, base, &v) || v > (uint64_t)INT64_MAX + 1)
			return false;
		*out = (uint64_t)0 - v;
		return true;
	}
	return trace_scan_u64(s, n, base, out);
}

char *trace_room(char **buf, size_t *cap, size_t n)
{
	size_t want = n + 1 > 2 * *cap ? n + 1 : 2 * *cap;
	char *p;

	if (n + 1 <= *cap)
		return *buf;
	if ((p = realloc(*buf, want)) == NULL)
		return NULL;
	*buf = p;
	*cap = want;
	return p;
}

const char *trace_strset_add(struct trace_strset *set, const char *s, uint32_t max)
{
	for (uint32_t k = set->n; k-- > 0;)      /* the latest first: a trace's lines come file by file */
		if (strcmp(set->s[k], s) == 0)
			return set->s[k];
	if (set->n == max)
		return NULL;
	if (set->n == set->cap) {
		uint32_t cap = set->cap ? set->cap * 2 : 4;
		char **bigger = realloc(set->s, cap * sizeof *bigger);
		if (!bigger)
			return NULL;
		set->s = bigger;
		set->cap = cap;
	}
	set->s[set->n] = strdup(s);
	return set->s[set->n] ? set->s[set->n++] : NULL;
}

void trace_strset_free(struct trace_strset *set)
{
	for (uint32_t k = 0; k < set->n; k++)
		free(set->s[k]);
	free(set->s);
	set->s = NULL;
	set->n = set->cap = 0;
}
