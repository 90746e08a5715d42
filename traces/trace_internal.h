/*
 * trace_internal.h - pieces the traces/ files share and nobody else needs:
 * the spellings of enumerated fields, text escaping, number scanning, the
 * reader's growing buffers and kept strings.
 */
#ifndef TRACE_INTERNAL_H
#define TRACE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quote.h"   /* an input's token in a message: sim_quote, SIM_QUOTED */
#include "trace.h"

/* ---- trace_names.c: enumerated field values ---- */

enum trace_enum {
	TRACE_ENUM_CONDUIT = 0, TRACE_ENUM_END, TRACE_ENUM_CAUSE, TRACE_ENUM_DONE,
	TRACE_ENUM_IRQ_HOW, TRACE_ENUM_RES, TRACE_ENUM_POWER, TRACE_ENUM_COUNT
};

/* The spelling of value v of enumeration e ("?" when out of range). */
const char *trace_enum_name(unsigned e, unsigned v);
/* The value spelled s[0..n), or -1. */
int trace_enum_value(unsigned e, const char *s, size_t n);
/* The index of s[0..n) in names[0..count), or -1. */
int trace_name_index(const char *const *names, unsigned count, const char *s, size_t n);

/* Is name one of the simulator's platform profiles (FORMAT.md, `profile`)? */
bool trace_profile_known(const char *name);

/* A complete record's argument from the call's x1 (how: TRACE_DONE_COMPLETE
 * or _RESUME): the resume address whole, the status its low 32 bits - the
 * 32-bit status_code the dispatcher reads, whatever the upper half holds
 * (DEN0054C's EVENT_COMPLETE has no INVALID_PARAMETERS), as the recorder
 * writes the status the simulated dispatcher read. */
static inline uint64_t trace_done_arg(unsigned how, uint64_t x1)
{
	return how == TRACE_DONE_COMPLETE ? (uint32_t)x1 : x1;
}

/* ---- trace_platform.c: the values of a version 2 platform record ---- */

enum trace_pfield {
	TRACE_PF_MPIDR = 0, TRACE_PF_VERSION, TRACE_PF_RELATIVE, TRACE_PF_BIND, TRACE_PF_SPIS,
	TRACE_PF_SECURE, TRACE_PF_EVENTS, TRACE_PF_FEATURES, TRACE_PF_SCTLR, TRACE_PF_HCR, TRACE_PF_POLICY,
	TRACE_PF_COUNT
};

/* Room for a list of names in a message ("a, b or c": the policies', 15
 * names, the longest), and for trace_platform_parse's message: a quoted
 * token, such a list and the words around them. */
#define TRACE_NAMES_MAX 400
#define TRACE_PLATFORM_MSG (TRACE_NAMES_MAX + SIM_QUOTE_SIZE + 100)
/* Parse v[0..n), the value of platform field `field`, into pl.  0, or -1
 * with *bad = the offset in v of what is wrong and a message in msg
 * (TRACE_PLATFORM_MSG bytes hold it whole). */
int trace_platform_parse(unsigned field, const char *v, size_t n, struct trace_platform *pl, size_t *bad,
			 char *msg, size_t msgn);
/* The name of SDD_FEAT_* bit `bit` in `features=` (scenarios' names), or
 * NULL for a bit that has none. */
const char *trace_feature_name(unsigned bit);
/* The AArch32 mode a call record from AArch32 was made from, by name ("1"
 * for a reserved encoding, which no call of the simulator's is made from). */
const char *trace_a32_mode_name(const struct trace_rec *r);

/* ---- trace_text.c ---- */

/* Escape s for a text field (FORMAT.md: bytes that would end or split a
 * field become %XX) into out (cap bytes, NUL-terminated, truncated at a
 * whole escape).  Returns the length written. */
size_t trace_escape(char *out, size_t cap, const char *s);
/* Undo trace_escape on s[0..n) into out (at least n+1 bytes).  false on
 * a malformed %XX; *bad = its offset. */
bool trace_unescape(const char *s, size_t n, char *out, size_t *bad);

/* Parse all of s[0..n) as an unsigned number: base 16 or 10, or 0 for
 * "0x" hex / decimal.  false on anything else or on overflow. */
bool trace_scan_u64(const char *s, size_t n, unsigned base, uint64_t *out);
/* All of s[0..n) as a register value of the canonical trace (FORMAT.md):
 * "0x" and 1 to 16 lowercase hex digits.  false on anything else. */
bool trace_scan_reg(const char *s, size_t n, uint64_t *out);
/* trace_scan_u64 with an optional leading '-' (two's complement result). */
bool trace_scan_i64(const char *s, size_t n, unsigned base, uint64_t *out);

/* *buf with room for n bytes and their NUL (*cap bytes now).  Buffers
 * start empty and grow, doubling, to the longest field read: most traces
 * need a few bytes, and a reader (the parser fuzz harnesses open two or
 * three per input) used to allocate 128 KiB of them at opening.  NULL
 * when out of memory. */
char *trace_room(char **buf, size_t *cap, size_t n);

/* Strings kept once each, which records point at (a reader's src= file
 * names): a trace names a few files on many lines. */
struct trace_strset {
	char   **s;
	uint32_t n, cap;
};
/* The kept copy of s, added when new; NULL when max strings are kept
 * already (a reader's memory stays bounded) or out of memory. */
const char *trace_strset_add(struct trace_strset *set, const char *s, uint32_t max);
void trace_strset_free(struct trace_strset *set);

#endif /* TRACE_INTERNAL_H */
