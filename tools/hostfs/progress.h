/*
 * progress.h - a progress line on the terminal while a command works
 * through a long input (`sdeisim import` of a Tarmac trace of many
 * gigabytes): what, how far, how fast, redrawn in place.
 *
 *   import big.tarmac.gz: 1.2 GiB of 10.0 GiB (12%), 18,412,331 lines, 4 s, about 29 s left
 *
 * Only on a terminal: progress_wanted says whether standard error is one
 * (and the command's output does not go to it), so pipes, files, logs and
 * tests see nothing of it.  The first line is drawn once the work has
 * taken PROGRESS_AFTER_S (a short job shows none), then at most every
 * PROGRESS_EVERY_S; it is erased before anything else is printed
 * (progress_clear) and when the work ends (progress_end).
 */
#ifndef HOSTFS_PROGRESS_H
#define HOSTFS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PROGRESS_AFTER_S 0.5
#define PROGRESS_EVERY_S 0.2

struct progress {
	bool on;                 /* drawing at all */
	unsigned drawn;          /* width of the line on the screen (0: none) */
	unsigned width;          /* the terminal's columns */
	double start, last;      /* monotonic seconds: begun, last drawn */
	char what[200];
};

/* Should a command show progress: standard error is a terminal, and out
 * (where the command writes its results; NULL: nowhere) is not one. */
bool progress_wanted(FILE *out);

/* Begin the work called what; on: progress_wanted's answer. */
void progress_begin(struct progress *p, const char *what, bool on);

/* done of total units of input (bytes; total 0: not known) and lines so
 * far: redrawn when it is time to. */
void progress_update(struct progress *p, uint64_t done, uint64_t total, uint64_t lines);

/* Erase the line, if one is drawn (before a message to standard error);
 * the next update draws it again. */
void progress_clear(struct progress *p);

/* The work is over: erase the line. */
void progress_end(struct progress *p);

/* The text of the line, into buf[n] (cut to fit): "WHAT: 1.2 GiB of
 * 10.0 GiB (12%), 18,412,331 lines, 4 s, about 29 s left" (the time left
 * at the pace so far), or "WHAT: 1.2 GiB read, 18,412,331 lines, 4 s"
 * when total is 0.  Its length. */
size_t progress_format(char *buf, size_t n, const char *what, uint64_t done, uint64_t total,
		       uint64_t lines, double secs);

#endif /* HOSTFS_PROGRESS_H */
