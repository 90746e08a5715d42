/*
 * replay_compare_internal.h - between replay_compare.c (the run: the
 * observer that follows the replay, the records it never reached, the
 * report) and replay_match.c (each observation against the record it
 * stands for).  Both keep the comparison's state and write divergences.
 */
#ifndef TRACES_REPLAY_COMPARE_INTERNAL_H
#define TRACES_REPLAY_COMPARE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "gic/gic.h"            /* GIC_NUM_INTIDS */
#include "replay.h"
#include "replay_divs.h"
#include "replay_route.h"
#include "trace.h"

/* The comparison's state: per record, per invocation, per PE. */
#define MAX_DEPTH 8

struct frame { int32_t inv; int32_t event; uint32_t cursor; uint64_t int_pstate; };  /* the replay's x3 at entry */

struct cmp {
	struct replay *rp;
	struct replay_evstate *evs;
	uint8_t *state;                       /* per record: 0 unmatched, 1 matched, 2 diverged */
	int8_t *refused;                      /* per dispatch record: the x0 (< 0) the replay's explicit
					       * dispatch for it was refused with (-128: lower), 0 none */
	uint8_t *inv_used;
	struct frame stack[TRACE_MAX_PES][MAX_DEPTH];
	uint8_t depth[TRACE_MAX_PES];
	/* The simulator reports a PSCI call after the implicit completions it
	 * made (CPU_OFF in a handler): the handler that made it, until then. */
	struct frame gone[TRACE_MAX_PES];
	bool has_gone[TRACE_MAX_PES];
	uint32_t inv_pos[TRACE_MAX_PES], ack_pos[TRACE_MAX_PES];
	uint8_t power[TRACE_MAX_PES];         /* enum sim_power, for messages */
	struct replay_route *route;
	uint32_t step;
	struct replay_divs divs;
	struct cmp_known *known;              /* with --mid-run's records: cmp_known_new, else NULL */
};

enum { UNMATCHED = 0, MATCHED, DIVERGED };

/* ---- Divergences ---- */

/* An event number as people read it (trace_event_str), in a buffer that
 * lives to the end of the enclosing block. */
#define EV(e) trace_event_str((char[TRACE_EVENT_STR]){ 0 }, TRACE_EVENT_STR, (e))

/* A divergence at line of the trace. */
#define diverge(c, line, ...) replay_divs_add(&(c)->divs, (c)->rp->name, line, false, __VA_ARGS__)
/* One about record r, at line: fmt's text, then where r came from
 * (cmp_diverge's blame). */
#define diverge_from(c, line, r, ...) cmp_diverge(c, line, false, r, true, __VA_ARGS__)

/* ---- replay_compare.c (cmp_: the comparison's) ---- */

/* A divergence at line (weak: replay_divs.h) whose text, fmt's, ends with
 * where record r came from, whole: " [from FILE:LINE]" when r has src=;
 * with blame, that --mid-run assumed r instead (the trace lacks it), or
 * before it, for a record of the trace, the assumption the replay did
 * not bear out it may follow from (cmp_blame). */
__attribute__((format(printf, 6, 7)))
void cmp_diverge(struct cmp *c, uint32_t line, bool weak, const struct trace_rec *r, bool blame, const char *fmt, ...);
/* Whose record r is, for a divergence's "trace x0=...": "trace", or
 * "assumed" (--mid-run's). */
const char *cmp_who(const struct cmp *c, const struct trace_rec *r);

/* The PE and the event whose state explains the answer to call fid (for
 * a divergence's message; replay_evstate_describe). */
unsigned cmp_pe_of_call(const struct cmp *c, uint32_t fid, uint64_t x2, unsigned pe);
int32_t cmp_event_of_call(const struct cmp *c, uint32_t fid, uint64_t x1, unsigned pe);
/* Does call fid name an event in x1 (EVENT_REGISTER, ..., EVENT_SIGNAL)? */
bool cmp_call_names_event(uint32_t fid);

/* ---- replay_blame.c ---- */

/* The assumed record (its index in rp->recs) a divergence of the trace's
 * record r may follow from: the first of --mid-run's assumptions the
 * replay has not borne out, or that were made otherwise than the trace
 * shows (rp->assumed_unlike), whose reach (the events, INTID, PE, bind
 * slots it concerns) meets r's; -1: none (r is an assumed record, or no
 * such assumption concerns what r does). */
int32_t cmp_blame(const struct cmp *c, const struct trace_rec *r);
/* For cmp_blame, what the records show: the event each INTID below
 * GIC_NUM_INTIDS is known to dispatch (the first dispatch of rp's records by
 * it, else the first binding of it they show, else the platform's event
 * of it; -1: none), and the bind slots of each class (private [0], shared
 * [1]) an INTERRUPT_BIND of the trace's own returns.  malloc'd; NULL when
 * out of memory. */
struct cmp_known {
	int32_t intid_event[GIC_NUM_INTIDS];
	bool    numbered[2][SDD_MAX_EVENTS];
};
struct cmp_known *cmp_known_new(const struct replay *rp);
/* Append "; MPIDR V (xN) is no PE of this platform" to the text in buf (n
 * bytes) when call fid with args x1..x5 aims at an MPIDR whose affinity
 * fields name none of the platform's PEs (a trace of another platform, or
 * replayed under another profile). */
void cmp_note_unknown_mpidr(const struct cmp *c, uint32_t fid, const uint64_t args[5], char *buf, size_t n);

/* ---- replay_match.c: the observation o against its record ---- */

void cmp_on_call(struct cmp *c, const struct sim_obs *o);
void cmp_on_dispatch(struct cmp *c, const struct sim_obs *o);
void cmp_on_complete(struct cmp *c, const struct sim_obs *o);
/* An acknowledgement or a hold: cmp_misrouted when the replay gave a
 * 1-of-N SPI to another PE than the trace (replay_route_observe), else
 * cmp_on_irq; and cmp_tie_missed when it came from a tie the replay
 * could not take as the trace. */
void cmp_on_irq(struct cmp *c, const struct sim_obs *o);
void cmp_misrouted(struct cmp *c, const struct replay_misroute *m, const struct sim_obs *o);
void cmp_tie_missed(struct cmp *c, const struct replay_tie_miss *t, const struct sim_obs *o);
void cmp_on_explicit(struct cmp *c, const struct sim_obs *o);

#endif /* TRACES_REPLAY_COMPARE_INTERNAL_H */
