/*
 * fz_repro_internal.h - between fz_repro.c (minimising, running) and
 * fz_repro_pin.c (the expectations).
 */
#ifndef FZ_REPRO_INTERNAL_H
#define FZ_REPRO_INTERNAL_H

#include "fz_repro.h"

/* Pin the finding of the last run of r->prog (whose observations are
 * log) with expectations in r->prog: out->expressed says whether it did,
 * out->note why not. */
void fz_repro_pin(struct fz_run *r, const struct fz_log *log, struct fz_repro *out);

#endif /* FZ_REPRO_INTERNAL_H */
