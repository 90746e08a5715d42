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

/* The code point of the control character t[0..len) is (a C0 control,
 * DEL, or a C1 control: C2 80..C2 9F), which is written \xNN; 0x100 for
 * any other character, which is copied. */
static unsigned control_point(const unsigned char *t, size_t len)
{
	if (len == 2 && t[0] == 0xC2 && t[1] < 0xA0)
		return t[1];
	return t[0] < 0x20 || t[0] == 0x7F ? t[0] : 0x100;
}

const char *sim_quote(char buf[SIM_QUOTE_SIZE], const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *t = (const unsigned char *)s;
	size_t used = 0, chars = 0;

	/* every character is counted; the first SIM_QUOTE_MAX are written */
	for (size_t i = 0; i < n; chars++) {
		size_t len = char_len(t + i, n - i);

		if (chars < SIM_QUOTE_MAX) {
			unsigned cp = control_point(t + i, len);   /* \xNN: four bytes */
			if (cp < 0x100) {
				buf[used++] = '\\';
				buf[used++] = 'x';
				buf[used++] = hex[cp >> 4];
				buf[used++] = hex[cp & 15];
			} else {
				memcpy(buf + used, t + i, len);
				used += len;
			}
		}
		i += len;
	}
	if (chars > SIM_QUOTE_MAX)
		snprintf(buf + used, SIM_QUOTE_SIZE - used, "... (%zu characters)", chars);
	else
		buf[used] = '\0';
	return buf;
}
