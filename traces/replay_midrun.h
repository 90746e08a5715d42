/*
 * replay_midrun.h - between replay_midrun.c (what a window's records show
 * of the state it starts in; of its bindings: replay_midrun_bind.c),
 * replay_running.c (the handlers it starts inside) and replay_prologue.c
 * (the records assumed from it, before the window's first; the bindings
 * among them: replay_prologue_bind.c): replay_internal.h's
 * replay_mid_run.  replay_blame.c
 * (which assumption a divergence may follow from) reads events' classes
 * and records' arguments as these do (mr_ev_class, mr_x).
 */
#ifndef TRACES_REPLAY_MIDRUN_H
#define TRACES_REPLAY_MIDRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "replay_internal.h"
#include "gic/gic.h"            /* GIC_NUM_INTIDS */

#define MR_ANY_PE   (-1)
#define MR_NO_INTID UINT32_MAX

/* What the window shows of one registration: a private event's on one
 * PE, or a shared event's (pe MR_ANY_PE; so too an event the platform
 * does not have, which is only noted). */
struct mr_key {
	int32_t     event;
	int         pe;
	bool        closed;          /* the window sets it itself from here on */
	bool        reg;             /* registered when the window starts: line, why */
	uint32_t    line;
	const char *why;
	uint8_t     first_pe;        /* the PE of that record */
	bool        en_known, en;    /* enabled then, as en_line's record shows */
	uint32_t    en_line;
	const char *en_why;
	bool        has_ep, has_arg;
	uint64_t    ep, arg;
	uint32_t    ep_line, arg_line;
	/* its routing when the window starts, as GET_INFO shows it before any
	 * ROUTING_SET (rt_set: the line of the first; 0: none) */
	int         rm;              /* -1 none, else SDD_REGFLAG_RM_PE or 0 */
	bool        has_aff;
	uint64_t    aff;
	uint32_t    rm_line, aff_line, rt_set;
	bool        has_disp;        /* a dispatch before that: its PE and line */
	uint8_t     disp_pe;
	uint32_t    disp_line;
	bool        made;            /* the assumed registration is made */
	bool        unknown;         /* no event of the platform: it cannot be */
};

/* A bind slot's event the window dispatches for an INTID before binding
 * it, or that an INTERRUPT_BIND of the INTID returns before any
 * INTERRUPT_RELEASE of it (by_bind: binding a bound interrupt returns its
 * event, DEN0054C §5.1.14), at line.  closed: the window released it
 * since (what it binds from there on is its own; it was bound when the
 * window started all the same); unmade: the prologue cannot make it. */
struct mr_bind {
	int32_t  event;
	uint32_t intid, line, slot;
	uint8_t  pe;
	bool     closed, shared, by_bind, unmade;
};

/* A handler running on a PE when the window starts: its first record
 * (line), the completion that names it (done, 0: none in the window), its
 * event, and whether that completion leaves another running (nested: by
 * its depth; unknown when the record has none). */
#define MR_MAX_PRE 2           /* a critical handler over a normal one (DEN0054C §6.2) */
enum { MR_NEST_NO, MR_NEST_YES, MR_NEST_UNKNOWN };
struct mr_pre {
	uint32_t line, done;
	int32_t  event;
	uint8_t  nested;           /* MR_NEST_* */
};

struct mr {
	struct replay *rp;
	const struct sim_platform *pl;
	struct mr_key *keys;
	uint32_t nkeys, cap_keys;
	struct mr_bind *binds;
	uint32_t nbinds, cap_binds;
	bool intid_bound[GIC_NUM_INTIDS];      /* an INTERRUPT_BIND of it in the window */
	/* the window's first INTERRUPT_BIND of an INTID, returning a bind
	 * slot's event before any release of it (by_bind binds: mr_scan keeps
	 * those whose registration is assumed) */
	struct mr_bind *pins;
	uint32_t npins, cap_pins;
	/* what the window's INTERRUPT_BINDs returned (closed: freed since by a
	 * release of the event or a reset of its kind) */
	struct mr_bind *bound;
	uint32_t nbound, cap_bound;
	int32_t *released;           /* the events an INTERRUPT_RELEASE of the window released so far */
	uint32_t nreleased, cap_released;
	bool binds_reset[2];         /* a reset released every private [0], shared [1] binding so far
				      * (replay_slots_freed's all: a DENIED SHARED_RESET's shared ones too) */
	bool maybe_released[2];      /* ... or may have: one TF-A answered DENIED released those not in use */
	unsigned shared_running;     /* shared events' handlers running (the trace's dispatches and completions) */
	uint32_t held[TRACE_MAX_PES]; /* 1 + the INTID each PE's firmware holds (irq how=hold, until its
				       * next ack of it: the hand-over), 0: none */
	uint32_t freed[2];           /* the line of the first record that freed a private [0], shared [1]
				      * slot (a release, a reset), 0: none */
	bool pe_reset[TRACE_MAX_PES], shared_reset;
	struct { bool closed; uint32_t line; const char *why; } mask[TRACE_MAX_PES];
	/* the handlers running on the PE when the window starts, innermost
	 * first (its completion is the PE's first with no dispatch before it):
	 * npre of them; see struct mr_pre.  deep: the line of a completion
	 * that shows a third one (0: none) */
	struct mr_pre pre[TRACE_MAX_PES][MR_MAX_PRE];
	uint8_t npre[TRACE_MAX_PES];
	uint32_t deep[TRACE_MAX_PES];
	struct trace_rec *out;
	uint32_t nout, cap_out;
	/* the records of out not made as the window's records show them
	 * (replay.assumed_unlike): their indexes */
	uint32_t *unlike;
	uint32_t nunlike, cap_unlike;
	uint64_t t0;
	char *err;
	size_t errlen;
	bool failed;
};

/* ---- replay_midrun.c ---- */

#define MR_EV(e) trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, (e))

enum { MR_CL_NONE, MR_CL_PRIVATE, MR_CL_SHARED };

void mr_note(struct mr *m, uint32_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The window is one no start explains: the message in m->err, at line;
 * false (m->failed). */
bool mr_contradiction(struct mr *m, uint32_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
uint64_t mr_x(const struct trace_rec *r, unsigned n);
/* Is r a call the replay makes (one on its dispatcher's conduit)? */
bool mr_is_call(const struct mr *m, const struct trace_rec *r);
/* The class of event e on the platform (MR_CL_*), and its bind slot
 * (UINT32_MAX: not one). */
int mr_ev_class(const struct sim_platform *pl, int32_t e, uint32_t *slot);
/* The registration event has on pe (not a private event's: its one),
 * made when new; NULL when out of memory. */
struct mr_key *mr_key(struct mr *m, int32_t event, unsigned pe);
/* The window sets event's registration on pe itself from here on. */
void mr_close_key(struct mr *m, int32_t event, unsigned pe);
/* Read the window: m->keys, binds, mask, pre.  false on a contradiction
 * (m->err) or when out of memory. */
bool mr_scan(struct mr *m);

/* ---- replay_midrun_bind.c ---- */

/* Call r gave back bindings (a reset, a release): what it freed. */
void mr_slots_freed(struct mr *m, const struct trace_rec *r);
/* A successful INTERRUPT_RELEASE of event. */
void mr_released(struct mr *m, int32_t event);
/* The window's first INTERRUPT_BIND of intid returned event (r). */
void mr_bound_by_bind(struct mr *m, const struct trace_rec *r, uint32_t intid, int32_t event);
/* An INTERRUPT_BIND of intid returned event (r): false on a contradiction. */
bool mr_bound_once(struct mr *m, const struct trace_rec *r, uint32_t intid, int32_t event);
/* Dispatch r of bind slot slot's event (of a shared event's slots or
 * not): false on a contradiction. */
bool mr_bound_before(struct mr *m, const struct trace_rec *r, uint32_t slot, bool shared);
/* A shared event's INTERRUPT_RELEASE r answered DENIED: does it show the
 * event registered (false: it may say its interrupt is Active, noted)? */
bool mr_release_denied_registers(struct mr *m, const struct trace_rec *r, int32_t event);
/* Once every record is read: the bindings of the events whose
 * registration is assumed. */
void mr_pinned(struct mr *m);

/* ---- replay_running.c ---- */

/* Find the handlers each PE runs when the window starts: m->pre, npre,
 * deep. */
void mr_find_running(struct mr *m);
/* Why the handlers PE p runs when the window starts (m->pre) cannot be
 * assumed, in buf: true, or false when they can (or there are none). */
bool mr_running_why_not(const struct mr *m, unsigned p, char *buf, size_t n);

/* ---- replay_prologue.c ---- */

/* Add a call of the client's from PE pe's main context that returned r0,
 * made at line, to the assumed records. */
void mr_call(struct mr *m, unsigned pe, uint32_t line, uint32_t fid, const uint64_t x[5], int64_t r0);

/* ---- replay_prologue_bind.c ---- */

/* Add the bindings the window's records show, with their fillers, to the
 * assumed records (those whose number cannot be made: noted, unmade). */
void mr_bind_all(struct mr *m);

#endif /* TRACES_REPLAY_MIDRUN_H */
