/*
 * tarmac_token.h - the words of a Tarmac line, for the lexer
 * (tarmac_lex.c, and tarmac_lex_mem.c for memory lines) and the check of
 * a last line cut short (tarmac_cut.c).
 */
#ifndef TRACES_TARMAC_TOKEN_H
#define TRACES_TARMAC_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A line s[0..len) being read from pos. */
struct cursor {
	const char *s;
	size_t len, pos;
};

/* A word: p[0..n), at column col (0-based) of its line. */
struct token {
	const char *p;
	size_t n, col;
};

/* The next word (separated by spaces or tabs) into t; false at the end. */
bool tm_next_token(struct cursor *c, struct token *t);
/* Is p[0..n) word (lower case), in any case? */
bool tm_is_nocase(const char *p, size_t n, const char *word);
/* Is p[0..n) one or more decimal digits? */
bool tm_all_digits(const char *p, size_t n);
/* The value of hex digit c, or -1. */
int tm_hexdigit(char c);

/* The digits of p[0..n) if it is a word of a register value (hex
 * digits, '-' or 'x' for unknown ones, with '_' or ':' separators, the
 * first a digit), else 0: `00000000_00200000` is one, a flag word
 * (`__C_`) or a note (`(MSP)`) is not. */
size_t tm_value_digits(const char *p, size_t n);
/* The value the words v[0..nw) of a value say (separators skipped; the
 * low 64 bits of a longer one); *known false when a digit is '-', 'x' or
 * 'X'. */
uint64_t tm_value_of(const struct token *v, size_t nw, bool *known);
/* Does mode field p[0..n) end in a suffix: '_' and a letter or more
 * (EL2h_n, svc_s; a colon glued after it aside)? */
bool tm_mode_suffixed(const char *p, size_t n);

/* ---- Memory lines (tarmac_lex_mem.c) ---- */
struct tm_line;
/* Is t the kind of a memory line the importer reads: MR<n> or MW<n>? */
bool tm_mem_kind(const struct token *t);
/* The rest of memory line `kind` into l (TM_MEM); 0, or -1 with a
 * message and its column when its size, address or value is malformed. */
int tm_lex_mem(struct cursor *c, const struct token *kind, struct tm_line *l, char *msg, size_t msglen,
	       size_t *col);

/* ---- Sources (tarmac_source.c) ---- */
struct tm_names;
/* The PE of source t (see tarmac_source.c), first seen or not; -1 with a
 * message when it names no PE or one another source has. */
int tm_source_pe(struct tm_names *nm, const struct token *t, char *msg, size_t msglen);
/* PE 0, for a line without a source; -1 with a message when a name has it. */
int tm_source_none(struct tm_names *nm, char *msg, size_t msglen);
/* Was PE pe numbered from a clusterM.cpuN name? */
bool tm_source_clustered(const struct tm_names *nm, int pe);
/* An `R MPIDR_EL1` value of PE pe: 0, or -1 with a message when it says
 * another cluster or core than the name that numbered the PE. */
int tm_source_mpidr(const struct tm_names *nm, int pe, uint64_t mpidr, char *msg, size_t msglen);

/* In a function with msg, msglen and col: the error, at column col_. */
#define FAIL(col_, ...) (snprintf(msg, msglen, __VA_ARGS__), *col = (col_), -1)

#endif /* TRACES_TARMAC_TOKEN_H */
