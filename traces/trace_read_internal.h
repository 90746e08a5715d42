/*
 * trace_read_internal.h - between trace_read.c (lines to records: the
 * reader, which fields each record allows and requires, how they agree)
 * and trace_read_field.c (one field's value into the record).  Nobody
 * else reads a trace's text: trace.h is the reader everyone uses.
 */
#ifndef TRACES_TRACE_READ_INTERNAL_H
#define TRACES_TRACE_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "linein.h"          /* LINEIN_MSG_MAX */
#include "trace_internal.h"

/* Every field of every record kind (key_names in trace_read.c spells them). */
enum key {
	K_T = 0, K_PE, K_CONDUIT, K_EL, K_H, K_FN, K_X0, K_X1, K_X2, K_X3, K_X4, K_X5, K_END,
	K_R0, K_R1, K_R2, K_R3, K_EVENT, K_EP, K_CAUSE, K_INTID, K_DEPTH, K_PSTATE, K_HOW,
	K_STATUS, K_RESUME, K_PC, K_RES, K_STATE, K_PREV, K_PROFILE, K_PES, K_MSG, K_SRC,
	K_MPIDR, K_VERSION, K_RELATIVE, K_BIND, K_SPIS, K_SECURE, K_EVENTS, K_FEATURES, K_SCTLR, K_HCR,
	K_POLICY, K_AARCH32, K_COUNT
};

/* A reader: its input, where it is, what it keeps between records. */
struct trace_reader {
	struct linein *in;
	char    *name;
	uint32_t lineno;
	bool     header_seen;
	bool     failed;
	unsigned version;         /* declared by the header */
	struct trace_platform plat;   /* the last platform record's lists */
	char     error[LINEIN_MSG_MAX];
	char    *msg;             /* unescaped warning text (msg_cap bytes, trace_room) */
	char    *scratch;         /* unescaping src and profile (scratch_cap bytes) */
	size_t   msg_cap, scratch_cap;
	struct trace_strset files;    /* the src file names records point at */
	uint64_t last_t[TRACE_MAX_PES];
	uint32_t last_line[TRACE_MAX_PES];
	bool     seen_pe[TRACE_MAX_PES];
	/* trace_reader_window (trace_window.c) */
	uint32_t win_from, win_to;    /* the lines whose records are read */
	uint32_t cut_before;          /* replayed records before win_from passed over */
	uint32_t nread;               /* replayed records trace_read returned */
	uint64_t owed;                /* PEs whose last record of the window is a cause (a call, an
				       * acknowledge): their next record, a dispatch or completion
				       * after the window, is read too */
	uint64_t started;             /* PEs with a record of the window returned */
	uint64_t have_before;         /* PEs with a record before the window, in before[] */
	struct trace_rec *before;     /* per PE: its last record before the window (a cause, kept) */
	struct trace_rec next;        /* a record held while its PE's cause before it is returned */
	bool     have_next;
	bool     past_window;         /* a line after the window did not read: the trace ends */
};

/* One key=value of a line. */
struct field {
	const char *line;        /* for columns */
	const char *k, *v;       /* key and value */
	size_t      kn, vn;
};

/* Fail at column col of the current line (rd_: the reader's): rd->error
 * says where and fmt what, and the reader reads no more.  Returns -1. */
__attribute__((format(printf, 3, 4)))
int rd_fail(struct trace_reader *rd, size_t col, const char *fmt, ...);

/* The next record of the whole trace, the window aside (trace_read.c):
 * 1, 0 at its end (or past the window's last line when no PE is owed a
 * record), -1 on an error. */
int rd_read_next(struct trace_reader *rd, struct trace_rec *rec);

/* Parse fd's value, that of field `key` (enum key), into rec: 0, or -1
 * after rd_fail.  Whether rec's kind allows the field, and whether it
 * was given already, the caller has checked. */
int rd_set_field(struct trace_reader *rd, const struct field *fd, unsigned key, struct trace_rec *rec);

#endif /* TRACES_TRACE_READ_INTERNAL_H */
