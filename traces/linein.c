/*
 * linein.c - see linein.h.
 *
 * One buffer: lines are found with memchr and handed out in place; the
 * unread tail moves to the front before the next read.  A file or stream
 * that starts with gzip's magic bytes is inflated (zlib's inflate, not
 * gzread: gzread ignores anything after the gzip stream, and a read that
 * meets a corrupt stream loses the data it decompressed before it, so an
 * error could only be reported at the line before that read); anything
 * else is read as it is.
 *
 * The buffer starts at 64 KiB and doubles when a line does not fit or a
 * read fills it (a large source), up to LINEIN_MAX_LINE + a read chunk.
 * It used to be that size from the start for every reader of a file or
 * stream: 2 MiB allocated (and, under ASan, mapped, filled and unmapped)
 * each time, which made most of the cost of the trace parsers' fuzz
 * harnesses - their inputs are a few KiB, and each input opens two such
 * readers (fuzz_trace three) for the round-trip checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "linein.h"

#define CHUNK     (1u << 20)               /* the most one read asks for */
#define FIRST_CAP (64u << 10)              /* a new reader's buffer */
#define MAX_CAP   (LINEIN_MAX_LINE + CHUNK) /* the longest line, and a read after it */
#define RAW_CAP   (256u << 10)             /* compressed bytes read at a time */

enum fd_kind { FD_UNKNOWN = 0, FD_PLAIN, FD_GZIP };

struct linein {
	int      fd;                /* -1: a FILE or memory input */
	uint8_t  fd_kind;           /* enum fd_kind: known once the first bytes are read */
	bool     raw_eof;           /* fd has nothing more */
	bool     member_end;        /* a gzip member ended: another, or the end, must follow */
	bool     z_ready;           /* z is initialised */
	z_stream z;                 /* the raw bytes: z.next_in[0..z.avail_in) */
	unsigned char *raw;         /* RAW_CAP bytes */
	uint64_t raw_read;          /* bytes taken from the source so far (gzip: compressed) */
	uint64_t size;              /* the source's size when known (a regular file), else 0 */
	linein_watch_fn watch;      /* called after each read from the source */
	void    *watch_ctx;
	char     pending[200];      /* an error met after data that is still in the buffer */
	FILE    *file;              /* NULL: fd or memory input */
	const uint8_t *mem;         /* memory input (a private copy) */
	size_t   mem_len, mem_pos;
	char    *buf;               /* cap + 1 bytes */
	size_t   cap;               /* grows (grow()) up to max_cap */
	size_t   max_cap;           /* MAX_CAP; a small memory input: its size + 1 */
	size_t   start, end;        /* unread bytes: buf[start..end) */
	bool     eof;               /* the source has nothing more */
	bool     fatal;
	bool     complete;
	bool     skip_rest;         /* a line too long was reported: its rest goes at the next call */
	uint64_t lineno;
	char    *name;              /* a copy of the caller's, kept whole */
	char     error[LINEIN_MSG_MAX];
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
	in->fd = -1;
	in->name = strdup(name);
	if (!in->name) {
		linein_close(in);
		return NULL;
	}
	return in;
}

/* The size of what fd reads from offset on, when it is a regular file;
 * 0 when that is not known. */
static uint64_t file_size(int fd, int64_t offset)
{
	struct stat st;

	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || offset < 0 || st.st_size < offset)
		return 0;
	return (uint64_t)(st.st_size - offset);
}

struct linein *linein_open(const char *path, char *err, size_t errlen)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY);
	struct linein *in;

	if (fd < 0) {
		snprintf(err, errlen, "%s:1:1: cannot open the file: %s", path, strerror(errno));
		return NULL;
	}
	in = alloc(is_stdin ? "<stdin>" : path, MAX_CAP);
	if (in)
		in->raw = malloc(RAW_CAP);
	if (!in || !in->raw) {
		linein_close(in);
		close(fd);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	in->fd = fd;
	in->size = file_size(fd, 0);
	return in;
}

struct linein *linein_open_file(FILE *f, const char *name)
{
	struct linein *in = alloc(name, MAX_CAP);

	if (in) {
		in->file = f;
		in->size = file_size(fileno(f), (int64_t)ftello(f));
	}
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
	in->size = n;
	return in;
}

void linein_close(struct linein *in)
{
	if (!in)
		return;
	if (in->fd >= 0)
		close(in->fd);
	if (in->z_ready)
		inflateEnd(&in->z);
	free(in->raw);
	free((void *)(uintptr_t)in->mem);
	free(in->buf);
	free(in->name);
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

void linein_watch(struct linein *in, linein_watch_fn fn, void *ctx)
{
	in->watch = fn;
	in->watch_ctx = ctx;
}

uint64_t linein_read_bytes(const struct linein *in)
{
	return in->raw_read;
}

uint64_t linein_size(const struct linein *in)
{
	return in->size;
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

/* The input is unreadable from here on: the message names the line
 * reached (the one that would come next). */
static bool fail(struct linein *in, const char *why)
{
	snprintf(in->error, sizeof in->error, "%s:%llu:1: %s", in->name, (unsigned long long)in->lineno + 1, why);
	in->fatal = true;
	in->eof = true;
	return false;
}

/* More raw bytes after the z.avail_in still unused: 1, 0 at the end of
 * fd, -1 on an error (message in why). */
static int read_raw(struct linein *in, char *why, size_t whylen)
{
	ssize_t got;

	if (in->raw_eof)
		return 0;
	if (in->z.avail_in > 0 && in->z.next_in != in->raw)
		memmove(in->raw, in->z.next_in, in->z.avail_in);
	in->z.next_in = in->raw;
	do
		got = read(in->fd, in->raw + in->z.avail_in, RAW_CAP - in->z.avail_in);
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		snprintf(why, whylen, "cannot read the file: %s", strerror(errno));
		return -1;
	}
	if (got == 0) {
		in->raw_eof = true;
		return 0;
	}
	in->z.avail_in += (unsigned)got;
	in->raw_read += (uint64_t)got;
	return 1;
}

/* Is the next raw byte the start of a gzip member (magic 1f 8b)?  Reads
 * until two bytes are there or fd ends.  -1 on a read error. */
static int at_gzip_magic(struct linein *in, char *why, size_t whylen)
{
	int rc = 1;

	while (in->z.avail_in < 2 && rc > 0)
		rc = read_raw(in, why, whylen);
	if (rc < 0)
		return -1;
	return in->z.avail_in >= 2 && in->z.next_in[0] == 0x1f && in->z.next_in[1] == 0x8b;
}

/* Up to room bytes of fd's text at dst: the count, 0 at the end, -1 on an
 * error (why).  An error after some bytes were produced is kept in
 * in->pending and reported by the next call, once the lines before it
 * have been read. */
static long read_fd(struct linein *in, char *dst, size_t room, char *why, size_t whylen)
{
	z_stream *z = &in->z;
	int rc;

	if (in->fd_kind == FD_UNKNOWN) {
		rc = at_gzip_magic(in, why, whylen);
		if (rc < 0)
			return -1;
		in->fd_kind = rc ? FD_GZIP : FD_PLAIN;
		if (rc && inflateInit2(z, 15 + 16) != Z_OK) {   /* 16: gzip wrapper only */
			snprintf(why, whylen, "out of memory for gzip");
			return -1;
		}
		in->z_ready = rc;
	}
	if (in->fd_kind == FD_PLAIN) {
		ssize_t got;
		if (z->avail_in > 0) {      /* the bytes read to look at them */
			if (room > z->avail_in)
				room = z->avail_in;
			memcpy(dst, z->next_in, room);
			z->next_in += room;
			z->avail_in -= (unsigned)room;
			return (long)room;
		}
		do
			got = read(in->fd, dst, room);
		while (got < 0 && errno == EINTR);
		if (got < 0)
			snprintf(why, whylen, "cannot read the file: %s", strerror(errno));
		else
			in->raw_read += (uint64_t)got;
		return (long)got;
	}
	z->next_out = (unsigned char *)dst;
	z->avail_out = (unsigned)room;
	while (z->avail_out == room) {
		if (in->member_end) {
			/* gzip concatenates members; anything else after one is not a
			 * gzip file's (gzread would ignore it) */
			rc = at_gzip_magic(in, why, whylen);
			if (rc < 0)
				return -1;
			if (!rc && z->avail_in == 0)
				return 0;
			if (!rc) {
				snprintf(why, whylen, "data after the end of the gzip stream (at byte %llu of the file)",
					 (unsigned long long)(in->raw_read - z->avail_in));
				return -1;
			}
			inflateReset(z);
			in->member_end = false;
		}
		if (z->avail_in == 0 && read_raw(in, why, whylen) < 0)
			return -1;
		rc = inflate(z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			in->member_end = true;
		} else if (rc == Z_BUF_ERROR || (rc == Z_OK && z->avail_in == 0 && in->raw_eof)) {
			if (z->avail_in == 0 && in->raw_eof && z->avail_out == room) {
				snprintf(why, whylen, "the gzip data stops before its end (a truncated file?)");
				return -1;
			}
		} else if (rc != Z_OK) {
			snprintf(why, whylen, "corrupt gzip data (%s)",
				 rc == Z_MEM_ERROR ? "out of memory" : z->msg ? z->msg : "inflate failed");
			if (z->avail_out == room)
				return -1;
			snprintf(in->pending, sizeof in->pending, "%s", why);
		}
	}
	return (long)(room - z->avail_out);
}

/* Append up to CHUNK bytes from the source at buf[end]; false at its end
 * or on an error (in->fatal). */
static bool fill(struct linein *in)
{
	size_t room;
	size_t got;

	if (in->eof)
		return false;
	if (in->pending[0])
		return fail(in, in->pending);
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
			snprintf(in->error, sizeof in->error, "%s:%llu:1: cannot read the file: %s", in->name,
				 (unsigned long long)in->lineno + 1, strerror(errno));
			in->fatal = true;
			in->eof = true;
			return false;
		}
		in->raw_read += got;
	} else if (in->fd < 0) {
		got = in->mem_len - in->mem_pos < room ? in->mem_len - in->mem_pos : room;
		memcpy(in->buf + in->end, in->mem + in->mem_pos, got);
		in->mem_pos += got;
		in->raw_read += got;
	} else {
		char why[200];
		long n = read_fd(in, in->buf + in->end, room, why, sizeof why);
		if (n < 0)
			return fail(in, why);
		got = (size_t)n;
	}
	if (got == 0) {
		in->eof = true;
		return false;
	}
	in->end += got;
	if (in->watch)
		in->watch(in->watch_ctx, in);
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
	if (in->skip_rest) {
		in->skip_rest = false;
		skip_line(in);                  /* a read error on the way is fatal */
		if (in->fatal)
			return -1;
	}
	for (;;) {
		nl = memchr(in->buf + in->start, '\n', in->end - in->start);
		if (nl || in->eof)
			break;
		/* more than the longest line and a carriage return, and no end
		 * in sight: the error now, and its rest skipped only if the
		 * reader goes on (a --lenient one): an endless line (/dev/zero)
		 * is an error at once, not a read that never ends */
		if (in->end - in->start > LINEIN_MAX_LINE + 1) {
			in->lineno++;
			in->skip_rest = true;
			return too_long(in);
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
	/* A UTF-8 byte order mark, which Windows editors put at the start of
	 * a file they save, is no text of the first line: it made that line's
	 * first word no kind or keyword the readers know (the line lost), and
	 * columns are counted as an editor shows them, after it. */
	if (in->lineno == 1 && n >= 3 && memcmp(*line, "\xEF\xBB\xBF", 3) == 0) {
		*line += 3;
		n -= 3;
	}
	if (n > 0 && (*line)[n - 1] == '\r')
		n--;
	if (n > LINEIN_MAX_LINE)   /* whole in the buffer, but too long all the same */
		return too_long(in);
	(*line)[n] = 0;          /* the newline's place, or the spare byte after end */
	*len = n;
	return 1;
}

void linein_no_line_of(const struct linein *in, const char *format, const char *kind, char *err,
		       size_t errlen)
{
	uint64_t n = linein_lineno(in);

	if (n == 0)
		snprintf(err, errlen, "%s:1:1: no %s line: the input is empty", linein_name(in), format);
	else
		snprintf(err, errlen, "%s:1:1: no %s line in %" PRIu64 " line%s (is it %s?)", linein_name(in),
			 format, n, n == 1 ? "" : "s", kind);
}
