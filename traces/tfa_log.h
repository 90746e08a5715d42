/*
 * tfa_log.h - the TF-A log importer's two halves.  tfa_log.c reads one
 * line at a time into records: the log's grammar, and the state its lines
 * need (each PE's open call, registrations, bound interrupts, dispatch
 * depth).  tfa_log_import.c is the importer (import.h): the options (the
 * profile or platform whose MPIDRs number the PEs), the loop over the
 * input's lines, errors and lenient mode.
 */
#ifndef TRACES_TFA_LOG_H
#define TRACES_TFA_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import.h"
#include "sim.h"

#define TFA_MAX_EVENTS 64
/* A line's error, whole: the longest is an MPIDR that is no PE's with the
 * platform's 64 MPIDRs (", 0x" and 16 digits each); an input's number is
 * quoted (sim_quote: SIM_QUOTE_SIZE bytes at most, whatever its length). */
#define TFA_MSG_MAX (128 + TRACE_MAX_PES * 20)

struct logcall;                  /* a call's log spelling (tfa_log.c) */

/* A call line whose result line has not come yet. */
struct tfa_pending {
	bool     open;
	const struct logcall *lc;
	struct trace_rec rec;
};

struct tfa_reg { bool used; uint8_t pe; int32_t event; uint64_t ep, arg; };

struct tfa_log {
	const struct import_opts *o;
	struct import_stats *st;
	struct linein *in;
	struct sim_platform plat;
	unsigned npes;               /* plat.mpidr[0..npes) number the PEs */
	unsigned pe;                 /* the PE last named */
	struct tfa_pending call[TRACE_MAX_PES];
	uint8_t depth[TRACE_MAX_PES];
	uint64_t last_t[TRACE_MAX_PES];
	struct tfa_reg reg[TFA_MAX_EVENTS];  /* registrations (for dispatch records' entry points) */
	int32_t bound_event[TFA_MAX_EVENTS];
	uint32_t bound_intid[TFA_MAX_EVENTS];
	unsigned nbound;
	char msg[TFA_MSG_MAX];       /* the last line's error, at column col (0-based) */
	size_t col;
};

/* One line of lg->in (the current one; NUL-terminated, no control bytes):
 * 0 used, 2 ignored, 1 an error (lg->msg, lg->col), -1 emit failed. */
int tfa_log_line(struct tfa_log *lg, const char *line);
/* The end of the input: the calls still open are written (end=none).  0,
 * or -1 (emit failed). */
int tfa_log_finish(struct tfa_log *lg);

#endif /* TRACES_TFA_LOG_H */
