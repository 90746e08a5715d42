/*
 * replay_internal.h - between replay_build.c and replay_walk.c.
 */
#ifndef TRACES_REPLAY_INTERNAL_H
#define TRACES_REPLAY_INTERNAL_H

#include <stdarg.h>

#include "replay.h"

/* Build rp->prog from rp->recs (sorted) and fill the model fields the
 * walk knows (role, rec_inv, invs, step_rec, notes).  0, or -1 with a
 * message in err. */
int replay_walk(struct replay *rp, const struct replay_opts *o, char *err, size_t errlen);

/* replay_midrun.c: put the records of the state a trace that starts
 * mid-run presupposes before its own (rp->nassumed), with a note for
 * each.  0, or -1 with "file:line:column: message" in err (a window no
 * one state explains) or out of memory. */
int replay_mid_run(struct replay *rp, char *err, size_t errlen);

/* replay_release.c: the kinds of bind slots (REPLAY_SLOTS_*) call record
 * r gave back on platform pl: a release, a SHARED_RESET, a SYSTEM_RESET
 * or SYSTEM_OFF.  *all: the kinds every binding of which is gone; of the
 * others, a release's one, or those no event used of a SHARED_RESET the
 * dispatcher answered DENIED (TF-A's policy; shared_running: a shared
 * event's handler ran then, and it released none; spi_held: some PE's
 * firmware held an SPI then, Active, whose binding it may have kept). */
#define REPLAY_SLOTS_PRIVATE 1u
#define REPLAY_SLOTS_SHARED  2u
#define REPLAY_SLOTS_BOTH    (REPLAY_SLOTS_PRIVATE | REPLAY_SLOTS_SHARED)
unsigned replay_slots_freed(const struct sim_platform *pl, const struct trace_rec *r, bool shared_running,
			    bool spi_held, unsigned *all);

/* Add the note "TRACE:LINE: text" to rp->notes.  false when out of memory. */
bool replay_vnote(struct replay *rp, uint32_t line, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif /* TRACES_REPLAY_INTERNAL_H */
