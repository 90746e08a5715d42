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

/* Add the note "TRACE:LINE: text" to rp->notes.  false when out of memory. */
bool replay_vnote(struct replay *rp, uint32_t line, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif /* TRACES_REPLAY_INTERNAL_H */
