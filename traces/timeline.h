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
#include <stdint.h>
#include <stdio.h>

#include "trace.h"

/* Write the timeline of every record rd gives to out.  0, or -1 with a
 * message in err (the trace does not read, or out cannot be written).
 * A bad line is found when the reader gets to it: out then holds the
 * timeline of the records before it, which a caller that must write all
 * or nothing throws away (`sdeisim export timeline` writes to a
 * temporary file first). */
int trace_timeline(struct trace_reader *rd, FILE *out, char *err, size_t errlen);

/* Add a 64-bit register value to a timeline event's args as a "0x..."
 * string, never as a JSON number: readers of trace-event JSON hold
 * numbers in doubles (53 bits), and a signed number would show an
 * address or argument with bit 63 set as negative.  Both timelines
 * (this one and `sdeisim run --timeline`) write registers so. */
struct json_object;
void trace_json_hex(struct json_object *args, const char *key, uint64_t v);

#endif /* TRACES_TIMELINE_H */
