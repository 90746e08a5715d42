/*
 * replay_internal.h - between replay_build.c and replay_walk.c.
 */
#ifndef TRACES_REPLAY_INTERNAL_H
#define TRACES_REPLAY_INTERNAL_H

#include "replay.h"

/* Build rp->prog from rp->recs (sorted) and fill the model fields the
 * walk knows (role, rec_inv, invs, step_rec, notes).  0, or -1 with a
 * message in err. */
int replay_walk(struct replay *rp, const struct replay_opts *o, char *err, size_t errlen);

#endif /* TRACES_REPLAY_INTERNAL_H */
