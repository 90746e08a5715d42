/*
 * tarmac.h - the Tarmac importer's two halves: the lexer (tarmac_lex.c:
 * one line, any dialect, to a struct tm_line; its timestamps,
 * tarmac_time.c) and the per-PE state machine (tarmac_pe.c: lines to
 * canonical records; the registered entry points, tarmac_registry.c).
 * tarmac_import.c drives them.  Reference: tarmac-traces.md §1 (dialects) and §4 (design).
 */
#ifndef TRACES_TARMAC_H
#define TRACES_TARMAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace.h"
#include "trace_internal.h"   /* SIM_QUOTE_SIZE: TM_MSG_MAX */

/* ---- Lexer ---- */

enum tm_kind {
	TM_IGNORED = 0,  /* a known kind that carries nothing for SDEI (memory, CADI, SIGNAL, header...) */
	TM_UNKNOWN,      /* no known kind: counted, skipped */
	TM_INSN,         /* IT / IS / IF / ES with an instruction */
	TM_REG,          /* R */
	TM_EXC,          /* E / EXC / ES EXC / ES Reset: an exception or reset */
	TM_MEM           /* MR<n> / MW<n>: a memory access */
};

/* Registers the state machine follows. */
enum tm_reg {
	TM_R_OTHER = 0,  /* any other register: ignored */
	TM_R_X,          /* x0..x30 (also the W and e forms, and AArch32's r0..r7, which are
			  * x0..x7's low halves in every mode); n = number */
	TM_R_ELR,        /* ELR_ELn */
	TM_R_SPSR,       /* SPSR_ELn */
	TM_R_VBAR        /* VBAR_ELn */
};

/* The instruction set an instruction line names (its state letter). */
enum tm_isa {
	TM_ISA_A64 = 0,  /* O (and X, as the lexer has always read it) */
	TM_ISA_A32,      /* A */
	TM_ISA_T32       /* T, T16, T32: Thumb */
};

struct tm_line {
	uint8_t  kind;       /* enum tm_kind */
	bool     has_time;
	uint64_t time;
	int      pe;         /* -1: no source token (PE 0) */
	size_t   kind_col;   /* column of the kind token */
	/* TM_INSN */
	bool     executed;   /* false: IS or CCFAIL (condition failed) */
	uint8_t  isa;        /* enum tm_isa */
	bool     fetched;    /* false: opcode printed as -------- */
	uint64_t pc;
	uint32_t opcode;
	int      el;         /* from the mode field; -1 unknown */
	int8_t   a32_mode;   /* an AArch32 mode field's PSTATE.M[3:0]; -1 not one */
	bool     secure;     /* the mode field's suffix is _s: Secure state (_n, _ns, _rt, none: not) */
	size_t   mode_col;   /* the mode field's column and length (0: there is none) */
	size_t   mode_n;
	bool     pe_moded;   /* this PE's instruction lines before had a mode (tm_mode_cut) */
	bool     pe_suffixed; /* and the last of those modes a suffix (_n, _s, ...) */
	/* TM_REG */
	uint8_t  reg;        /* enum tm_reg */
	uint8_t  n;          /* register number / ELn */
	bool     w;          /* W or r form: the low 32 bits, zero-extended */
	bool     known;      /* value given (not ---- or x bits; TM_MEM: not aborted, 8 bytes at most) */
	uint64_t value;      /* TM_REG, TM_MEM */
	/* TM_MEM */
	bool     write;      /* MW (else MR) */
	uint8_t  size;       /* bytes */
	uint64_t addr;       /* physical when the line gives it, else virtual */
	/* TM_EXC */
	bool     reset;
	bool     has_pc;     /* E: the PC field (exc_pc) */
	uint64_t exc_pc;
};

/* The longest source name, in bytes: a fully qualified FVP component path
 * (`FVP_Base_RevC_2xAEMvA.cluster0.cpu0`, longer with the system's own
 * names) fits several times over; a longer one is refused. */
#define TM_MAX_SOURCE_NAME 255u

/* What the lexer keeps from line to line (zeroed before the first line).
 * PEs (tarmac_source.c): `cpuN` is PE N; a name ending in
 * `clusterM.cpuN` is PE 4M+N, as FVP Base lays out its cores (the
 * tf-a-fvp profile's MPIDRs); a line without a source is PE 0, as in a
 * single-PE trace (tarmac-traces.md §1.3), which claims PE 0 as `cpu0`
 * does; any other source name gets the lowest PE not yet claimed, in
 * order of first appearance.  A PE is never claimed by two sources: a
 * source or a line without a source whose PE a name already has, or a
 * cluster name whose PE any source has, is an error (tarmac-traces.md
 * §1.8: each line is its own source's), not two PEs merged into one.
 * Time: the unit of the first timestamp, which the others must compare
 * with (tm_units_compare).  Modes: what tm_mode_cut needs. */
struct tm_names {
	char     name[TRACE_MAX_PES][TM_MAX_SOURCE_NAME + 1];
	uint8_t  pe[TRACE_MAX_PES];
	unsigned n;
	uint64_t used;       /* bit p: PE p is claimed (by cpuP, a name, or unsourced lines for 0) */
	uint64_t clustered;  /* bit p: PE p's name is a clusterM.cpuN one */
	uint64_t moded;      /* bit p: an instruction line of PE p had a mode */
	uint64_t suffixed;   /* bit p: the last mode of PE p had a suffix */
	bool     has_unit;   /* unit is the first timestamp's */
	int      unit;       /* tm_unit, -1 for none */
};

/* Room for a message of the lexer's or the state machine's (msg,
 * msglen below): its text, at most 160 bytes with its numbers at their
 * widest (tm_source_mpidr's is the longest), at most two tokens of the
 * input, which it quotes (sim_quote: SIM_QUOTE_SIZE each, whatever
 * their length), and IMPORT_CUT_LINE, which tarmac_import adds to a line
 * the input ends in. */
#define TM_MSG_MAX (2 * SIM_QUOTE_SIZE + 256)

/* Lex line[0..len) (NUL-terminated).  0, or -1 with a message and the
 * column (0-based) of the problem. */
int tm_lex(const char *line, size_t len, struct tm_names *names, struct tm_line *out,
	   char *msg, size_t msglen, size_t *col);

/* A register line l (lexed from line[0..len)) that the input ends in,
 * without its newline: is its value cut short?  Known digits fewer than
 * the width the producers we know write the register with (a table in
 * tarmac_cut.c: X, E, SP_ELx, ELR_ELx, VBAR_ELx and d 16, q/Q/V 32, cpsr
 * 8 or 9), or, for another register, a count that is not a multiple of 8
 * (FVP writes 8 or 16 digits, or halves of 8: a producer that writes
 * short values, `R r0 8`, gets this error on a last line that lacks its
 * newline).  -1 with a message and the value's column, or 0. */
int tm_value_cut(const char *line, size_t len, const struct tm_line *l, char *msg, size_t msglen, size_t *col);

/* An instruction line l (lexed from line[0..len)) that the input ends in,
 * without its newline, of a PE whose instruction lines before had modes:
 * is its mode cut short?  Missing (the line ends at the instruction set:
 * FVP's `... d4000003 O`), unreadable (`O E`), or, as the line's last
 * word, without the suffix the PE's last mode had (`EL1h_` of `EL1h_s`,
 * which would read as Non-secure).  A PE with no mode yet is a dialect
 * without modes, as a complete line's is.  -1 with a message and the
 * column, or 0. */
int tm_mode_cut(const char *line, size_t len, const struct tm_line *l, char *msg, size_t msglen, size_t *col);

/* ---- Timestamps (tarmac_time.c) ---- */

/* The unit p[0..n) names (an index for tm_time_value), or -1. */
int tm_unit(const char *p, size_t n);
/* Does the token p[0..n) begin like a timestamp (a digit, or a minus and
 * a digit)? */
bool tm_time_like(const char *p, size_t n);
/* Where the number of a timestamp token ends (digits and a fraction); a
 * glued unit follows. */
size_t tm_time_number_end(const char *p, size_t n);
/* The unit of timestamp token p[0..n): one glued to its number, else
 * `unit` (the next token's tm_unit, or -1: none). */
int tm_time_unit(const char *p, size_t n, int unit);
/* Do timestamps in units a and b (tm_unit, -1 for none) compare?  us,
 * ns and ps do (all are picoseconds); a count (clk, cyc, tic, cs, none)
 * only with itself: nothing converts a count of one clock to another's,
 * or to a time.  0 if they do; -1 with a message naming both if not. */
int tm_units_compare(int a, int b, char *msg, size_t msglen);
/* The time the timestamp token p[0..n) says, with a unit glued to it or
 * `unit` (tm_unit of the next token; -1 none): picoseconds for us, ns and
 * ps (digits finer than a picosecond dropped), the count for the other
 * units.  -1 with a message and the offset in the token of the problem
 * when it is no time: negative, too large for 64 bits, a fraction of a
 * count, an unknown glued unit. */
int tm_time_value(const char *p, size_t n, int unit, uint64_t *out, char *msg, size_t msglen, size_t *at);

/* ---- Registered entry points (tarmac_registry.c) ---- */

/* Events with entry points at once: twice what a platform of the
 * simulator can have (SDD_MAX_EVENTS, event 0 and bind slots included),
 * so real firmware with more has room; each holds an entry point per PE.
 * Bounded so that an import's memory (and a lookup's cost) stays bounded
 * whatever the trace registers. */
#define TM_REGISTRY_EVENTS 128u

/* One event's entry points, by the PE that registered it (a private event
 * is registered on each PE, a shared one once). */
struct tm_event_eps {
	int32_t  event;
	uint64_t pes;                /* bit p: registered on PE p (0: the slot is free) */
	uint64_t relative;           /* bit p: ep[p] is an offset from VBAR (v1.1 relative mode) */
	uint64_t ep[TRACE_MAX_PES];
};

/* The entry points successful EVENT_REGISTER calls named: ev[0..n) in
 * use or freed, in an array that grows (to cap) as events come: most
 * traces register a few, and an import that allocated room for all of
 * them would pay for it on every input of the fuzz harness. */
struct tm_registry {
	unsigned n, cap;
	struct tm_event_eps *ev;
};

/* Empty. */
void tm_registry_init(struct tm_registry *g);
void tm_registry_free(struct tm_registry *g);
/* Event's entry point ep, registered on pe; it replaces what pe
 * registered for the event before.  false: TM_REGISTRY_EVENTS other
 * events have entry points, or no memory (nothing is dropped to make
 * room). */
bool tm_registry_add(struct tm_registry *g, unsigned pe, int32_t event, uint64_t ep, bool relative);
/* pe unregistered event: its entry point goes (another PE's
 * registration of a shared event stays: harmless, and a private one
 * registered before the trace began would look the same). */
void tm_registry_remove(struct tm_registry *g, unsigned pe, int32_t event);
/* Is pc the entry point of event, registered on any PE (shared events
 * are registered once, private ones on each PE)?  A relative entry point
 * is an offset from VBAR_EL1 or VBAR_EL2: vbar[el], when bit el of
 * vbar_known says it is known. */
bool tm_registry_is_entry(const struct tm_registry *g, uint64_t pc, int32_t event,
			  const uint64_t vbar[4], uint8_t vbar_known);

/* ---- The GIC's set-pending registers (tarmac_gic.c) ---- */

/* The address of the register whose bit sets intid pending on pe (the
 * FVP Base platform's GICv3: GICR_ISPENDR0 of pe's redistributor for an
 * SGI or PPI, GICD_ISPENDR<n> for an SPI). */
uint64_t tm_gic_ispendr(unsigned pe, uint32_t intid);
/* Does a store of size bytes of value at addr set intid pending (an SGI
 * or PPI in any PE's redistributor)? */
bool tm_gic_sets_pending(uint64_t addr, unsigned size, uint64_t value, uint32_t intid);

/* ---- State machine ---- */

struct tm_state;

struct tm_sink {
	int  (*emit)(void *ctx, const struct trace_rec *r);
	void *ctx;
	const char *src_file;   /* src= of every record */
};

struct tm_state *tm_state_new(const struct tm_sink *sink);
void tm_state_free(struct tm_state *st);

/*
 * Feed one lexed line (time already resolved: l->time is the line's time,
 * inherited when the line had none) from input line `lineno`.  Returns 0;
 * 1 when the line is an error (msg, col set; the line had no effect); -1
 * when emitting failed.
 */
int tm_feed(struct tm_state *st, const struct tm_line *l, uint64_t lineno,
	    char *msg, size_t msglen, size_t *col);
/* End of input: calls still open are written as never returned.  0 or -1. */
int tm_finish(struct tm_state *st);
uint64_t tm_records(const struct tm_state *st);
uint64_t tm_blind_calls(const struct tm_state *st);

#endif /* TRACES_TARMAC_H */
