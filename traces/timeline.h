/*
 * timeline.h - a canonical trace as a Chrome trace-event JSON timeline
 * (opens in Perfetto or chrome://tracing): one thread per PE, a slice per
 * handler invocation (dispatch to completion), instants for calls,
 * interrupts and power changes, in the trace's own time unit.  Streams:
 * memory does not depend on the trace's length.
 */
#ifndef TRACES_TIMELINE_H
#define TRACES_TIMELINE_H

#include <stddef.h>
#include <stdio.h>

#include "trace.h"

/* Write the timeline of every record rd gives to out.  0, or -1 with a
 * message in err (the trace does not read, or out cannot be written).
 * A bad line is found when the reader gets to it: out then holds the
 * timeline of the records before it, which a caller that must write all
 * or nothing throws away (`sdeisim export timeline` writes to a
 * temporary file first). */
int trace_timeline(struct trace_reader *rd, FILE *out, char *err, size_t errlen);

#endif /* TRACES_TIMELINE_H */
