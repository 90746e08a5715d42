/*
 * replay_divs.c - the divergences a replay reports (replay_divs.h).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay_divs.h"
#include "grow.h"

/* text (NULL: "") with fmt's text after it, reallocated to their length;
 * NULL when out of memory (text freed). */
__attribute__((format(printf, 2, 0)))
static char *vcat(char *text, const char *fmt, va_list ap)
{
	size_t have = text ? strlen(text) : 0;
	va_list again;
	char *whole;
	int more;

	va_copy(again, ap);
	more = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	whole = more < 0 ? NULL : realloc(text, have + (size_t)more + 1);
	if (!whole) {
		free(text);
		return NULL;
	}
	vsnprintf(whole + have, (size_t)more + 1, fmt, ap);
	return whole;
}

__attribute__((format(printf, 2, 3)))
static char *cat(char *text, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text = vcat(text, fmt, ap);
	va_end(ap);
	return text;
}

/* see replay_divs.h */
char *replay_text_cat(char *text, const char *fmt, ...)
{
	va_list ap;

	if (!text)              /* out of memory before */
		return NULL;
	va_start(ap, fmt);
	text = vcat(text, fmt, ap);
	va_end(ap);
	return text;
}

/* see replay_divs.h */
char *replay_text_at(const char *name, uint32_t line, const char *fmt, va_list ap)
{
	char *text = cat(NULL, "%s:%" PRIu32 ": ", name, line);

	return text ? vcat(text, fmt, ap) : NULL;
}

/* see replay_divs.h */
void replay_divs_add(struct replay_divs *d, const char *name, uint32_t line, bool weak, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = replay_text_at(name, line, fmt, ap);
	va_end(ap);
	replay_divs_add_text(d, line, weak, text);
}

/* see replay_divs.h */
void replay_divs_add_text(struct replay_divs *d, uint32_t line, bool weak, char *text)
{
	struct replay_div *room = text ? sim_grow(d->v, d->n, &d->cap, sizeof *room, 16) : NULL;

	if (!room) {
		free(text);
		d->oom = true;
		return;
	}
	d->v = room;
	d->v[d->n] = (struct replay_div){ line, d->n, text, weak };
	d->n++;
}

static int by_line(const void *x, const void *y)
{
	const struct replay_div *a = x, *b = y;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* see replay_divs.h */
void replay_divs_finish(struct replay_divs *d)
{
	uint32_t kept = 0;

	for (uint32_t k = 0; k < d->n; k++) {
		bool covered = false;
		for (uint32_t j = 0; d->v[k].weak && j < d->n && !covered; j++)
			covered = !d->v[j].weak && d->v[j].line == d->v[k].line;
		if (covered)
			free(d->v[k].text);
		else
			d->v[kept++] = d->v[k];
	}
	d->n = kept;
	if (d->n)
		qsort(d->v, d->n, sizeof *d->v, by_line);
}

/* see replay_divs.h */
void replay_divs_free(struct replay_divs *d)
{
	for (uint32_t k = 0; k < d->n; k++)
		free(d->v[k].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}
