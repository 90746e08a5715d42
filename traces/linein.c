/*
 * linein.c - see linein.h.
 *
 * One buffer: lines are found with memchr and handed out in place; the
 * unread tail moves to the front before the next read.  zlib's gzread
 * reads plain files as they are, so one path serves both.
 *
 * The buffer starts at 64 KiB and doubles when a line does not fit or a
 * read fills it (a large source), up to LINEIN_MAX_LINE + a read chunk.
 * It used to be that size from the start for every reader of a file or
 * stream: 2 MiB allocated (and, under ASan, mapped, filled and unmapped)
 * each time, which made most of the cost of the trace parsers' fuzz
 * harnesses - their inputs are a few KiB, and each input opens two such
 * readers (fuzz_trace three) for the round-trip checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "linein.h"

#define CHUNK     (1u << 20)               /* the most one read asks for */
#define FIRST_CAP (64u << 10)              /* a new reader's buffer */
#define MAX_CAP   (LINEIN_MAX_LINE + CHUNK) /* the longest line, and a read after it */

struct linein {
	gzFile   gz;                /* NULL: a FILE or memory input */
	FILE    *file;              /* NULL: gz or memory input */
	const uint8_t *mem;         /* memory input (a private copy) */
	size_t   mem_len, mem_pos;
	char    *buf;               /* cap + 1 bytes */
	size_t   cap;               /* grows (grow()) up to max_cap */
	size_t   max_cap;           /* MAX_CAP; a small memory input: its size + 1 */
	size_t   start, end;        /* unread bytes: buf[start..end) */
	bool     eof;               /* the source has nothing more */
	bool     fatal;
	bool     complete;
	uint64_t lineno;
	char     name[512];
	char     error[600];
};

static struct linein *alloc(const char *name, size_t max_cap)
{
	struct linein *in = calloc(1, sizeof *in);

	if (!in)
		return NULL;
	in->max_cap = max_cap;
	in->cap = max_cap < FIRST_CAP ? max_cap : FIRST_CAP;
	in->buf = malloc(in->cap + 1);
	if (!in->buf) {
		free(in);
		return NULL;
	}
	snprintf(in->name, sizeof in->name, "%s", name);
	return in;
}

struct linein *linein_open(const char *path, char *err, size_t errlen)
{
	struct linein *in;
	gzFile gz;

	if (strcmp(path, "-") == 0) {
		int fd = dup(STDIN_FILENO);
		gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
		if (!gz && fd >= 0)
			close(fd);
	} else {
		gz = gzopen(path, "rb");
	}
	if (!gz) {
		snprintf(err, errlen, "%s: cannot open", path);
		return NULL;
	}
	gzbuffer(gz, 256u << 10);
	in = alloc(strcmp(path, "-") == 0 ? "<stdin>" : path, MAX_CAP);
	if (!in) {
		gzclose(gz);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	in->gz = gz;
	return in;
}

struct linein *linein_open_file(FILE *f, const char *name)
{
	struct linein *in = alloc(name, MAX_CAP);

	if (in)
		in->file = f;
	return in;
}

struct linein *linein_open_mem(const uint8_t *data, size_t n, const char *name)
{
	/* an input smaller than the longest line fits whole: no bigger buffer */
	struct linein *in = alloc(name, n < LINEIN_MAX_LINE ? n + 1 : MAX_CAP);
	uint8_t *copy;

	if (!in)
		return NULL;
	copy = malloc(n ? n : 1);
	if (!copy) {
		linein_close(in);
		return NULL;
	}
	if (n)
		memcpy(copy, data, n);
	in->mem = copy;
	in->mem_len = n;
	return in;
}

void linein_close(struct linein *in)
{
	if (!in)
		return;
	if (in->gz)
		gzclose(in->gz);
	free((void *)(uintptr_t)in->mem);
	free(in->buf);
	free(in);
}

const char *linein_error(const struct linein *in)
{
	return in->error;
}

bool linein_fatal(const struct linein *in)
{
	return in->fatal;
}

uint64_t linein_lineno(const struct linein *in)
{
	return in->lineno;
}

bool linein_complete(const struct linein *in)
{
	return in->complete;
}

const char *linein_name(const struct linein *in)
{
	return in->name;
}

/* Double the buffer, up to max_cap.  false when it is as big as it gets,
 * or out of memory. */
static bool grow(struct linein *in)
{
	size_t cap = in->cap > in->max_cap / 2 ? in->max_cap : 2 * in->cap;
	char *buf;

	if (cap == in->cap || (buf = realloc(in->buf, cap + 1)) == NULL)
		return false;
	in->buf = buf;
	in->cap = cap;
	return true;
}

/* Append up to CHUNK bytes from the source at buf[end]; false at its end
 * or on an error (in->fatal). */
static bool fill(struct linein *in)
{
	size_t room;
	size_t got;

	if (in->eof)
		return false;
	/* The unread part of one line fills the buffer (at max_cap, linein_next
	 * has refused the line before asking). */
	if (in->end == in->cap && !grow(in)) {
		snprintf(in->error, sizeof in->error, "%s:%llu:1: out of memory for a line of %zu bytes",
			 in->name, (unsigned long long)in->lineno + 1, in->end - in->start);
		in->fatal = true;
		in->eof = true;
		return false;
	}
	room = in->cap - in->end;
	if (room > CHUNK)
		room = CHUNK;
	if (in->file) {
		got = fread(in->buf + in->end, 1, room, in->file);
		if (got == 0 && ferror(in->file)) {
			snprintf(in->error, sizeof in->error, "%s:%llu:1: read error", in->name,
				 (unsigned long long)in->lineno + 1);
			in->fatal = true;
			in->eof = true;
			return false;
		}
	} else if (!in->gz) {
		got = in->mem_len - in->mem_pos < room ? in->mem_len - in->mem_pos : room;
		memcpy(in->buf + in->end, in->mem + in->mem_pos, got);
		in->mem_pos += got;
	} else {
		int n = gzread(in->gz, in->buf + in->end, (unsigned)room);
		if (n < 0) {
			int code;
			const char *why = gzerror(in->gz, &code);
			snprintf(in->error, sizeof in->error, "%s:%llu:1: cannot read: %s", in->name,
				 (unsigned long long)in->lineno + 1, why ? why : "read error");
			in->fatal = true;
			in->eof = true;
			return false;
		}
		got = (size_t)n;
	}
	if (got == 0) {
		in->eof = true;
		return false;
	}
	in->end += got;
	/* A read that filled the buffer: the source is bigger than it, and
	 * reads of 1 MiB stream a large trace 3% faster than reads of 64 KiB
	 * (BENCHMARKS.md, traces).  Without the memory, reads stay small. */
	if (in->end == in->cap)
		(void)grow(in);
	return true;
}

/* Move the unread bytes to the front of the buffer. */
static void compact(struct linein *in)
{
	if (in->start == 0)
		return;
	memmove(in->buf, in->buf + in->start, in->end - in->start);
	in->end -= in->start;
	in->start = 0;
}

/* Drop everything up to and including the next newline (a line too long
 * to hold). */
static void skip_line(struct linein *in)
{
	for (;;) {
		char *nl = memchr(in->buf + in->start, '\n', in->end - in->start);
		if (nl) {
			in->start = (size_t)(nl - in->buf) + 1;
			return;
		}
		in->start = in->end = 0;
		if (!fill(in))
			return;
	}
}

/* The current line (in->lineno) is too long: an error for it alone. */
static int too_long(struct linein *in)
{
	snprintf(in->error, sizeof in->error, "%s:%llu:1: line longer than %u bytes", in->name,
		 (unsigned long long)in->lineno, LINEIN_MAX_LINE);
	return -1;
}

int linein_next(struct linein *in, char **line, size_t *len)
{
	char *nl;
	size_t n;

	if (in->fatal)
		return -1;
	for (;;) {
		nl = memchr(in->buf + in->start, '\n', in->end - in->start);
		if (nl || in->eof)
			break;
		/* more than the longest line and a carriage return, and no end
		 * in sight: skip the rest of it */
		if (in->end - in->start > LINEIN_MAX_LINE + 1) {
			in->lineno++;
			too_long(in);
			skip_line(in);          /* a read error on the way says so instead */
			return -1;
		}
		compact(in);
		if (!fill(in) && in->fatal)
			return -1;
	}
	if (!nl && in->start == in->end)
		return 0;
	in->lineno++;
	in->complete = nl != NULL;
	n = nl ? (size_t)(nl - (in->buf + in->start)) : in->end - in->start;
	*line = in->buf + in->start;
	in->start += n + (nl ? 1 : 0);
	if (n > 0 && (*line)[n - 1] == '\r')
		n--;
	if (n > LINEIN_MAX_LINE)   /* whole in the buffer, but too long all the same */
		return too_long(in);
	(*line)[n] = 0;          /* the newline's place, or the spare byte after end */
	*len = n;
	return 1;
}
