/*
 * quote.c - a user's token as an error message quotes it (quote.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "quote.h"

static bool continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* The bytes of the character t[0..n) starts with (n > 0).  An ASCII
 * byte is one (a control character's \xNN stands for it alone). */
static size_t char_len(const unsigned char *t, size_t n)
{
	size_t k = 1;

	if (t[0] < 0x80)
		return 1;
	while (k < n && k < 4 && continuation(t[k]))
		k++;
	return k;
}

/* The character t[0..len) as a quote writes it, into out; returns the
 * bytes written (4 at most).  A control character (a C0 control, DEL, or
 * a C1 control: C2 80..C2 9F) as \xNN of its code point; the quote and
 * the backslash as \' and \\, so that a quote ends only where the
 * message's own does and a \x in a token is never taken for an escape;
 * any other character as it is. */
static size_t put_char(char *out, const unsigned char *t, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned cp;

	if (len == 1 && (t[0] == '\'' || t[0] == '\\')) {
		out[0] = '\\';
		out[1] = (char)t[0];
		return 2;
	}
	if (len == 1 && (t[0] < 0x20 || t[0] == 0x7F))
		cp = t[0];
	else if (len == 2 && t[0] == 0xC2 && t[1] < 0xA0)
		cp = t[1];
	else {
		memcpy(out, t, len);
		return len;
	}
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[cp >> 4];
	out[3] = hex[cp & 15];
	return 4;
}

const char *sim_quote(char buf[SIM_QUOTE_SIZE], const char *s, size_t n)
{
	const unsigned char *t = (const unsigned char *)s;
	size_t used = 0, chars = 0;

	/* every character is counted; the first SIM_QUOTE_MAX are written */
	for (size_t i = 0; i < n; chars++) {
		size_t len = char_len(t + i, n - i);

		if (chars < SIM_QUOTE_MAX)
			used += put_char(buf + used, t + i, len);
		i += len;
	}
	if (chars > SIM_QUOTE_MAX)
		snprintf(buf + used, SIM_QUOTE_SIZE - used, "... (%zu characters)", chars);
	else
		buf[used] = '\0';
	return buf;
}

const char *sim_quote_str(char buf[SIM_QUOTE_SIZE], const char *s)
{
	return sim_quote(buf, s, strlen(s));
}
