/*
 * trace_recorder.h - the simulator's side of the canonical trace: an
 * observer that writes every call, dispatch, completion, interrupt and
 * power change of a run as records (FORMAT.md), with the logical clock of
 * the observations as time and the scenario line of the step as source.
 * A recorded trace replays on the same profile with no divergence.
 */
#ifndef TRACES_TRACE_RECORDER_H
#define TRACES_TRACE_RECORDER_H

#include <stdio.h>

#include "program.h"
#include "sim.h"

struct trace_recorder;

/* Start a trace of a run of prog on f (the header and a platform record
 * are written now).  prog must outlive the recorder.  NULL when out of
 * memory or when the header cannot be written. */
struct trace_recorder *trace_recorder_open(FILE *f, const struct sim_program *prog);
/* The observer to put in sim_run_opts; it passes every observation on to
 * next afterwards (next.obs NULL: none), so it can sit in front of
 * another observer. */
struct sim_observer trace_recorder_observer(struct trace_recorder *r, struct sim_observer next);
/* Free the recorder (f stays open).  0, or the errno of the first write
 * that failed (EIO when it left none). */
int trace_recorder_close(struct trace_recorder *r);

#endif /* TRACES_TRACE_RECORDER_H */
