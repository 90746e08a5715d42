/*
 * utf8.c - UTF-8 text in the formats sdeisim writes (utf8.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

size_t sim_utf8_char(const unsigned char *s, uint32_t *cp)
{
	/* the least code point of each length: a smaller one is overlong */
	static const uint32_t least[4] = { 0, 0x80, 0x800, 0x10000 };
	size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 :
		   (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	uint32_t c = n == 1 ? s[0] : n ? s[0] & (0x7Fu >> n) : 0;

	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[k] & 0x3Fu);
	}
	if (n == 0 || c < least[n - 1] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return n;
}

char *sim_utf8_escaped(const char *s, bool (*keep)(uint32_t cp))
{
	char *out = malloc(strlen(s) * 4 + 1), *o = out;
	const unsigned char *c = (const unsigned char *)s;
	uint32_t cp;

	if (!out)
		return NULL;
	for (size_t n; *c; c += n) {
		n = sim_utf8_char(c, &cp);
		if (n && (!keep || keep(cp))) {
			memcpy(o, c, n);
			o += n;
		} else {
			o += snprintf(o, 5, "\\x%02X", *c);
			n = 1;
		}
	}
	*o = 0;
	return out;
}

void sim_utf8_mark_cut(char *buf, size_t size)
{
	size_t end = size - 4;     /* room for "..." and the NUL */

	/* back to the first byte of the character at end (at most 3 bytes of
	 * one before it: text that is no UTF-8 is cut where it is) */
	for (size_t k = 0; k < 3 && end > 0 && ((unsigned char)buf[end] & 0xC0) == 0x80; k++)
		end--;
	memcpy(buf + end, "...", 4);
}

void sim_utf8_vformat(char *buf, size_t n, const char *fmt, va_list ap)
{
	if (vsnprintf(buf, n, fmt, ap) >= (int)n)
		sim_utf8_mark_cut(buf, n);
}
