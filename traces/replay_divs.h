/*
 * replay_divs.h - the divergences a replay reports (replay_compare.c):
 * "TRACE:LINE: text" lines, printed in trace order and, within a line, in
 * the order found.
 */
#ifndef TRACES_REPLAY_DIVS_H
#define TRACES_REPLAY_DIVS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

struct replay_div {
	uint32_t line, seq;
	char    *text;
	bool     weak;           /* said only when nothing else is said of its line */
};

struct replay_divs {
	struct replay_div *v;
	uint32_t n, cap;
	bool     oom;            /* one could not be kept */
};

/* "NAME:LINE: " and fmt's text, as long as they need to be (a trace's
 * path has no bound, nor the file names its records come from),
 * malloc'd; NULL when out of memory.  A divergence's and a note's text
 * alike. */
char *replay_text_at(const char *name, uint32_t line, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* text (replay_text_at's) with fmt's text after it, as long as they need
 * to be: text reallocated, or NULL when out of memory (text freed, or
 * NULL already). */
char *replay_text_cat(char *text, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Add one at line of the trace called name. */
__attribute__((format(printf, 5, 6)))
void replay_divs_add(struct replay_divs *d, const char *name, uint32_t line, bool weak, const char *fmt, ...);
/* Add one at line whose text (replay_text_at's) is made: taken over;
 * NULL (out of memory) is kept as d->oom. */
void replay_divs_add_text(struct replay_divs *d, uint32_t line, bool weak, char *text);

/* Leave out each weak one whose line has another, and sort them in
 * trace order. */
void replay_divs_finish(struct replay_divs *d);

void replay_divs_free(struct replay_divs *d);

#endif /* TRACES_REPLAY_DIVS_H */
