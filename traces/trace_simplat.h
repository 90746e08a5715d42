/*
 * trace_simplat.h - a platform record and the simulator's platform: the
 * recorder writes what a program's platform is, the replay rebuilds it
 * (one file both ways, so that what is written is what is read).
 */
#ifndef TRACES_TRACE_SIMPLAT_H
#define TRACES_TRACE_SIMPLAT_H

#include <stddef.h>

#include "program.h"
#include "trace.h"

/* The platform record of p: its profile's name, PE count, client EL and
 * conduit, and of the rest of what a scenario can set (FORMAT.md,
 * "platform") what differs from that profile - the way a scenario file
 * says it, so that a replay on another profile changes that profile as
 * the file would.  rec->plat points at *store. */
void trace_platform_record(const struct sim_platform *p, struct trace_rec *rec, struct trace_platform *store);

/* Apply what platform record rec says on top of pl (a profile already in
 * pl): the fields it has replace the profile's, lists as a whole.  0, or
 * -1 with a message (naming rec's line) in err when the result is not a
 * machine the simulator can build. */
int trace_platform_apply(const struct trace_rec *rec, const char *trace_name, struct sim_platform *pl,
			 char *err, size_t errlen);

#endif /* TRACES_TRACE_SIMPLAT_H */
