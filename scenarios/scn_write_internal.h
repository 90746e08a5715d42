/*
 * scn_write_internal.h - what the parts of the YAML writer share:
 * scn_write.c (the file: top level, platform, handlers, steps),
 * scn_write_ops.c (operations) and scn_write_values.c (values and
 * expectations).
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
	bool too_large;             /* that reason is a limit of the loader's (SCN_WRITE_TOO_LARGE) */
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

/* Register sets, as a map may hold them: bit r for register r. */
_Static_assert(SIM_R_COUNT <= 64, "register sets are 64-bit masks");

#define R(reg) (UINT64_C(1) << (reg))
#define R_XN(n) (R(SIM_R_X0 + (n)) - 1)      /* x0 .. x(n-1) */
#define R_FIELDS (R(SIM_R_PSTATE_EL) | R(SIM_R_PSTATE_DAIF) | R(SIM_R_PSTATE_SPSEL) | \
		  R(SIM_R_PSTATE_PAN) | R(SIM_R_PSTATE_DIT) | R(SIM_R_PSTATE_NZCV))
#define R_PSTATE_ALL (R(SIM_R_PSTATE) | R_FIELDS)
#define R_SET_FIELDS (R(SIM_R_PSTATE_PAN) | R(SIM_R_PSTATE_DIT) | R(SIM_R_PSTATE_NZCV))

/* A value, a constant as c says it reads best. */
void scn_w_value(struct scn_w *w, struct sim_value v, enum scn_w_vctx c);
/* values[first .. first+n) as a flow sequence. */
void scn_w_values(struct scn_w *w, uint32_t first, uint32_t n, enum scn_w_vctx c);
/* A match: its value, or `{not: }`, `{mask: , value: }`, `{one_of: }`,
 * an event set or `{includes: }`. */
void scn_w_match(struct scn_w *w, const struct sim_match *m, enum scn_w_vctx c);
/* Handler k's name (failed, "?", when there is none). */
const char *scn_w_handler(struct scn_w *w, uint64_t k);
/* The key of register reg in a map. */
const char *scn_w_reg_key(unsigned reg);
/* checks[first .. first+n) as the entries of a map (no braces), each
 * register one of allowed; PSTATE fields together under `pstate` at the
 * place of the first.  x0 of a result is compared sign-extended from 32
 * bits exactly when width32 says so (the loader's rule for PSCI). */
void scn_w_check_entries(struct scn_w *w, uint32_t first, uint32_t n, uint64_t allowed,
			 bool width32, enum scn_w_vctx x0ctx);
/* The same as a flow map, constants as numbers. */
void scn_w_check_map(struct scn_w *w, uint32_t first, uint32_t n, uint64_t allowed);
/* `, expect: E` of a call, PSCI call or dispatch: x0, or a register map;
 * {returns: E} when its first check is that the call returned. */
void scn_w_expect(struct scn_w *w, const struct sim_op *op);
/* One step (indent "  ") or handler action (indent "    "), a whole line
 * or block. */
void scn_w_op(struct scn_w *w, const struct sim_op *op, bool action);

#endif /* SCN_WRITE_INTERNAL_H */
