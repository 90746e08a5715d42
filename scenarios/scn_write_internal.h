/*
 * scn_write_internal.h - what the two halves of the YAML writer share:
 * scn_write.c (the file: top level, platform, handlers, steps) and
 * scn_write_ops.c (operations, expectations, values).
 *
 * The writer prints into a memory stream and copies it to the caller's
 * FILE only when the whole program could be written, so that a program
 * the format cannot express leaves nothing half-written behind.
 */
#ifndef SCN_WRITE_INTERNAL_H
#define SCN_WRITE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "program.h"

#if defined(__GNUC__)
#define SCN_W_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define SCN_W_PRINTF(fmt, args)
#endif

struct scn_w {
	const struct sim_program *p;
	FILE *f;                    /* the memory stream */
	bool failed;
	char msg[400];              /* the first reason the program cannot be written */
	uint8_t *saved;             /* saved[v]: some step or action saves variable v */
};

/* Record why the program cannot be written (the first reason wins); false. */
bool scn_w_fail(struct scn_w *w, const char *fmt, ...) SCN_W_PRINTF(2, 3);
void scn_w_out(struct scn_w *w, const char *fmt, ...) SCN_W_PRINTF(2, 3);

/* What a constant means where it is written, for how it reads best. */
enum scn_w_vctx {
	SCN_W_NUMBER = 0,           /* a number: decimal below 0x100, else hex */
	SCN_W_STATUS,               /* a call's result: SDEI error codes by name */
	SCN_W_COMPLETION            /* a completion's status: HANDLED, FAILED */
};

void scn_w_value(struct scn_w *w, struct sim_value v, enum scn_w_vctx c);
/* One step (indent "  ") or handler action (indent "    "), a whole line
 * or block. */
void scn_w_op(struct scn_w *w, const struct sim_op *op, bool action);

#endif /* SCN_WRITE_INTERNAL_H */
