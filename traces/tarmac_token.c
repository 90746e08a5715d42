/*
 * tarmac_token.c - the words of a Tarmac line (tarmac_token.h).
 */
#include <ctype.h>
#include <string.h>

#include "tarmac_token.h"

/* see tarmac_token.h */
bool tm_next_token(struct cursor *c, struct token *t)
{
	while (c->pos < c->len && (c->s[c->pos] == ' ' || c->s[c->pos] == '\t'))
		c->pos++;
	if (c->pos >= c->len)
		return false;
	t->p = c->s + c->pos;
	t->col = c->pos;
	while (c->pos < c->len && c->s[c->pos] != ' ' && c->s[c->pos] != '\t')
		c->pos++;
	t->n = (size_t)(c->s + c->pos - t->p);
	return true;
}

/* see tarmac_token.h */
bool tm_is_nocase(const char *p, size_t n, const char *word)
{
	if (strlen(word) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)p[i]) != word[i])
			return false;
	return true;
}

/* see tarmac_token.h */
bool tm_all_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)p[i]))
			return false;
	return n > 0;
}

/* see tarmac_token.h */
int tm_hexdigit(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static bool value_digit(char c)
{
	return tm_hexdigit(c) >= 0 || c == '-' || c == 'x' || c == 'X';
}

/* see tarmac_token.h */
size_t tm_value_digits(const char *p, size_t n)
{
	size_t d = 0;

	if (n == 0 || !value_digit(p[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (value_digit(p[i]))
			d++;
		else if (p[i] != '_' && p[i] != ':')
			return 0;
	}
	return d;
}

/* see tarmac_token.h */
uint64_t tm_value_of(const struct token *v, size_t nw, bool *known)
{
	uint64_t x = 0;

	*known = true;
	for (size_t w = 0; w < nw; w++)
		for (size_t i = 0; i < v[w].n; i++) {
			int d = tm_hexdigit(v[w].p[i]);
			if (v[w].p[i] == '_' || v[w].p[i] == ':')
				continue;
			*known &= d >= 0;
			x = x << 4 | (uint64_t)(d < 0 ? 0 : d);
		}
	return x;
}

bool tm_mode_suffixed(const char *p, size_t n)
{
	while (n > 0 && p[n - 1] == ':')
		n--;
	return n >= 2 && p[n - 1] != '_' && memchr(p, '_', n) != NULL;
}
