/*
 * import.h - the importers: FVP Tarmac (tarmac_*.c, reference
 * tarmac-traces.md §4) and TF-A's verbose SDEI log (tfa_log.c, §3.2), each
 * turning its input into canonical records in one streaming pass whose
 * memory does not depend on the input's length.
 *
 * Errors name the input's line and column ("file:line:column: message").
 * By default the first one stops the import; with lenient, each is
 * reported through diag, counted, and the line that caused it skipped.
 */
#ifndef TRACES_IMPORT_H
#define TRACES_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "linein.h"
#include "trace.h"

struct import_opts {
	bool lenient;
	/* TF-A log only: the platform profile whose MPIDRs number the PEs and
	 * whose event-0 SGI identifies event 0's interrupt (NULL: tf-a-fvp). */
	const char *profile;
	/* TF-A log only: the platform record of --platform (NULL: none), on
	 * top of profile: when it lists MPIDRs (TRACE_HAS_MPIDR), they number
	 * the PEs, and an MPIDR not in the list is an error. */
	const struct trace_rec *platform;
	/* Each record, in the order it is complete.  A non-zero return stops
	 * the import (a write error): the importer then returns -1. */
	int  (*emit)(void *ctx, const struct trace_rec *r);
	void *emit_ctx;
	/* Lenient mode: each skipped error's message (may be NULL). */
	void (*diag)(void *ctx, const char *msg);
	void *diag_ctx;
};

struct import_stats {
	uint64_t lines;          /* lines read */
	uint64_t used;           /* lines that mattered (instructions, registers, events / SDEI log lines) */
	uint64_t ignored;        /* lines of kinds that carry nothing for SDEI (memory, signals, ...) */
	uint64_t unknown;        /* lines of no kind the importer knows */
	uint64_t first_unknown;  /* the line number of the first of them (0: none) */
	uint64_t records;        /* records emitted */
	uint64_t errors;         /* errors skipped (lenient) */
	uint64_t blind_calls;    /* SMC/HVC whose x0 was not in the trace (registers not traced) */
};

/* ---- What the importers share (import.c) ---- */

/* The hint an error on a last line without its newline ends with. */
#define IMPORT_CUT_LINE " (the input ends in the middle of this line)"

/* The first control byte of line[0..len) (binary data in a text input),
 * or -1. */
long import_binary_at(const char *line, size_t len);

/* A line that is an error, where = "FILE:LINE:COLUMN: message": with
 * o->lenient (and in still readable) counted in st, passed to o->diag,
 * and 0 (the import goes on); otherwise where is copied to err and -1
 * (the import stops). */
int import_line_failed(const struct import_opts *o, struct import_stats *st, const struct linein *in,
		       const char *where, char *err, size_t errlen);

/*
 * Import from in.  Returns 0 when the whole input was imported (lenient:
 * errors skipped), or -1 with "file:line:column: message" in err: an
 * error in the input (not lenient), a read error, or emit failed.
 */
int tarmac_import(struct linein *in, const struct import_opts *o, struct import_stats *st,
		  char *err, size_t errlen);
int tfa_log_import(struct linein *in, const struct import_opts *o, struct import_stats *st,
		   char *err, size_t errlen);

#endif /* TRACES_IMPORT_H */
