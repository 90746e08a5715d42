/*
 * replay_midrun.h - between replay_midrun.c (what a window's records show
 * of the state it starts in) and replay_prologue.c (the records assumed
 * from it, before the window's first): replay_internal.h's
 * replay_mid_run.
 */
#ifndef TRACES_REPLAY_MIDRUN_H
#define TRACES_REPLAY_MIDRUN_H

#include <stdbool.h>
#include <stdint.h>

#include "replay_internal.h"

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
	int         rm;              /* routing a GET_INFO shows: -1 none, else SDD_REGFLAG_RM_PE or 0 */
	bool        has_aff;
	uint64_t    aff;
	uint32_t    rm_line;
	bool        made;            /* the assumed registration is made */
	bool        unknown;         /* no event of the platform: it cannot be */
};

/* A bind slot's event the window dispatches for an INTID before binding it. */
struct mr_bind {
	int32_t  event;
	uint32_t intid, line, slot;
	uint8_t  pe;
	bool     closed, shared;
};

struct mr {
	struct replay *rp;
	const struct sim_platform *pl;
	struct mr_key *keys;
	uint32_t nkeys, cap_keys;
	struct mr_bind *binds;
	uint32_t nbinds, cap_binds;
	bool intid_bound[1020];      /* an INTERRUPT_BIND of it in the window */
	bool pe_reset[TRACE_MAX_PES], shared_reset;
	struct { bool closed; uint32_t line; const char *why; } mask[TRACE_MAX_PES];
	/* a handler running on the PE when the window starts: its first record
	 * (line), the completion that names it (done, 0: none) */
	struct { uint32_t line, done; int32_t event; bool nested; } pre[TRACE_MAX_PES];
	struct trace_rec *out;
	uint32_t nout, cap_out;
	uint64_t t0;
	char *err;
	size_t errlen;
	bool failed;
};

/* ---- replay_midrun.c ---- */

#define MR_EV(e) trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, (e))

enum { MR_CL_NONE, MR_CL_PRIVATE, MR_CL_SHARED };

void mr_note(struct mr *m, uint32_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
uint64_t mr_x(const struct trace_rec *r, unsigned n);
/* The class of event e on the platform (MR_CL_*), and its bind slot
 * (UINT32_MAX: not one). */
int mr_ev_class(const struct sim_platform *pl, int32_t e, uint32_t *slot);
/* The registration event has on pe (not a private event's: its one),
 * made when new; NULL when out of memory. */
struct mr_key *mr_key(struct mr *m, int32_t event, unsigned pe);
/* Read the window: m->keys, binds, mask, pre.  false on a contradiction
 * (m->err) or when out of memory. */
bool mr_scan(struct mr *m);

#endif /* TRACES_REPLAY_MIDRUN_H */
