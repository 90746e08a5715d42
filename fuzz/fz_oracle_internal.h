/*
 * fz_oracle_internal.h - what the oracle's files share (fz_oracle.c: the
 * observer; fz_oracle_final.c: the final state).
 */
#ifndef FZ_ORACLE_INTERNAL_H
#define FZ_ORACLE_INTERNAL_H

#include "fz_oracle.h"

/* Record d, found during step `step`, as the run's disagreement (with why
 * as "step N: why"), unless one is recorded already. */
void fz_oracle_disagree(struct fz_oracle *o, uint32_t step, const char *why, const struct fz_disagreement *d);

/* A disagreement of kind, about observation ob (its PE, event and time;
 * NULL: none), everything else zero. */
struct fz_disagreement fz_oracle_about(unsigned kind, const struct sim_obs *ob);

/* The settledness check of the last step (fz_oracle_final's, once),
 * before the final state is compared: an event the
 * last step left undelivered is that step's finding (SETTLED), pinned by
 * its entry there; the final state would report its trigger as lost
 * instead, pinned as pending at the end, which a correct dispatcher that
 * took it in that step does not hold. */
void fz_oracle_settle_last(struct fz_oracle *o);

#endif /* FZ_ORACLE_INTERNAL_H */
