/*
 * trace_cli_internal.h - what the trace subcommands share (trace_cli.c:
 * options, output files, reading a trace; import and replay there,
 * export in trace_cli_export.c).
 */
#ifndef TRACES_TRACE_CLI_INTERNAL_H
#define TRACES_TRACE_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "linein.h"           /* LINEIN_MSG_MAX: the messages' buffers */
#include "outfile.h"
#include "trace.h"

#define EXIT_OK       0
#define EXIT_DIVERGED 1
#define EXIT_BAD      2

struct cli {
	const char *cmd;
	const char *positional[2];
	unsigned    npositional;
	const char *out;
	const char *profile;
	const char *platform;
	const char *lines;                 /* --lines as given, NULL: none */
	uint32_t    from_line, to_line;    /* --lines FROM-TO (1 .. UINT32_MAX without it) */
	bool        lenient, first, mid_run, help;
};

/* Parse argv[1..] into c: the options a command allows (a string of
 * letters: o = -o FILE, p = --profile NAME, P = --platform FILE,
 * l = --lenient, f = --first, m = --mid-run, L = --lines FROM-TO) and at
 * most `max` positional arguments.  false after printing why. */
bool cli_parse(int argc, char **argv, const char *allowed, unsigned max, struct cli *c);
/* -o (standard output without one), written whole or not at all
 * (outfile.h); false after printing why. */
bool cli_open_out(const struct cli *c, struct outfile *o);
/* Finish it: kept when keep and every write succeeded; false after
 * printing why a write failed. */
bool cli_close_out(struct outfile *o, bool keep);
/* A reader of the trace at path ("-": standard input; plain or gzip),
 * of c's --lines of it (trace_reader_window); NULL after saying why it
 * cannot be opened. */
struct trace_reader *cli_open_trace(const struct cli *c, const char *path);
/* rd, read to its end, was a window of the trace (--lines) with no
 * record in it: true with the message in err (an empty replay would
 * pass, an empty timeline look like one). */
bool cli_window_empty(const struct cli *c, const struct trace_reader *rd, char *err, size_t n);
/* c's --lines as FROM-TO, or FROM- for a window to the trace's end: a
 * value --lines reads again.  buf. */
const char *cli_lines_text(const struct cli *c, char *buf, size_t n);

#endif /* TRACES_TRACE_CLI_INTERNAL_H */
