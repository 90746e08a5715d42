/*
 * linein.h - reading an importer's input one line at a time, fast and in
 * bounded memory: plain or gzip-compressed files (gzip's magic bytes say
 * which; one member or several, concatenated), standard input ("-"), or a
 * memory buffer (the fuzz harnesses).  gzip data that is corrupt, stops
 * before its end or is followed by other data is a read error at the line
 * reached, once the lines before it have been read.
 *
 * Lines are returned in place, NUL-terminated, without their newline and
 * trailing carriage return, and the first without a UTF-8 byte order mark
 * it starts with; they stay valid until the next call.  A line
 * longer than LINEIN_MAX_LINE is an error for that line only: the reader
 * skips to the next newline and goes on, so a lenient importer can too.
 */
#ifndef TRACES_LINEIN_H
#define TRACES_LINEIN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LINEIN_MAX_LINE (1u << 20)

/* Room for a message that names an input, "NAME:LINE:COLUMN: text", or
 * a line that does (an imported trace's comment): any name the system
 * opens (a path shorter than PATH_MAX) whole, and the text after it (the
 * longest: the TF-A log's MPIDR that is no PE of a platform of 64,
 * tfa_log.h's TFA_MSG_MAX; an input's token is quoted to a fixed length,
 * sim_quote).  A reader keeps its name whole (a copy); every buffer such
 * a message goes through, the readers', the importers' and the trace
 * commands', is this big. */
#define LINEIN_MSG_MAX (PATH_MAX + 2048)

struct linein;

/* Open path ("-": standard input).  NULL with a message in err. */
struct linein *linein_open(const char *path, char *err, size_t errlen);
/* Read from f (left open; plain text, no decompression), named name (copied). */
struct linein *linein_open_file(FILE *f, const char *name);
/* Read from data[0..n) (copied), named name (copied) in messages. */
struct linein *linein_open_mem(const uint8_t *data, size_t n, const char *name);
void linein_close(struct linein *in);

/* The next line: 1 (*line, *len set), 0 at the end, -1 for a line that
 * cannot be read (too long: the reader skips it; or a read or
 * decompression error: every later call returns -1 too).  The message is
 * linein_error(). */
int linein_next(struct linein *in, char **line, size_t *len);
const char *linein_error(const struct linein *in);
/* True when the last read error ends the input (not a skipped line). */
bool linein_fatal(const struct linein *in);

/* The current line's number (1-based) and whether it ended with a
 * newline (false: the input stopped in the middle of it). */
uint64_t linein_lineno(const struct linein *in);
/* The importers' error for an input in which no line was of their format
 * (another kind of file, or nothing): "NAME:1:1: no FORMAT line in N lines
 * (is it KIND?)", or "...: the input is empty", in err. */
void linein_no_line_of(const struct linein *in, const char *format, const char *kind, char *err,
		       size_t errlen);
bool     linein_complete(const struct linein *in);
const char *linein_name(const struct linein *in);

/* How far the reading is: the bytes taken from the source so far (of a
 * gzip file: compressed bytes, read ahead of the lines returned by up to
 * a read's worth), and the source's size when it is known (a regular
 * file or a memory input; 0 for a pipe, a terminal, ...), to compare them
 * with. */
uint64_t linein_read_bytes(const struct linein *in);
uint64_t linein_size(const struct linein *in);

/* fn(ctx, in) is called after each read from the source (at most a few
 * hundred times a second at the readers' speed); NULL: no more calls.
 * For a progress display (sdeisim import). */
typedef void (*linein_watch_fn)(void *ctx, const struct linein *in);
void linein_watch(struct linein *in, linein_watch_fn fn, void *ctx);

#endif /* TRACES_LINEIN_H */
