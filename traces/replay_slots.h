/*
 * replay_slots.h - the handlers of a replayed trace while they are being
 * rebuilt (replay_slots.c), for replay_walk.c.
 *
 * Every EVENT_REGISTER in the trace gets a slot: a handler-to-be, named in
 * the program by slot number until the end.  A slot's action list is
 * what its first invocation in the trace did: the calls it made.  Yields
 * are kept apart, as marks on positions of the list (position k: before
 * its call k), because invocations other than the first can need them
 * too (replay_walk.c says when), and the marks outlive a restart so that
 * a second pass over the trace can put a yield wherever any invocation
 * needed one.  At the end, the yields go in at the marked positions, slots
 * with identical lists become one program handler (so a trace that
 * registers thousands of times needs only as many handlers as it has
 * distinct handler behaviours), every handler gets a final yield (a
 * handler whose COMPLETE the replayed dispatcher refuses pauses instead of
 * running off its list), a slot never invoked completes at once, and the
 * values naming slots are renumbered to handler indices.
 */
#ifndef TRACES_REPLAY_SLOTS_H
#define TRACES_REPLAY_SLOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "program.h"

struct slots;

struct slots *slots_new(void);
void slots_free(struct slots *sl);
/* Forget every slot for a new pass over the trace; the yield marks stay
 * (slots are numbered in trace order, the same in every pass). */
void slots_restart(struct slots *sl);
/* An allocation failed since the last restart. */
bool slots_oom(const struct slots *sl);

/* A new slot for event registered (or first seen dispatched) at trace
 * line `line` with entry point ep.  UINT32_MAX when out of memory. */
uint32_t slots_add(struct slots *sl, int32_t event, uint64_t ep, uint32_t line);

/* Registrations: the slot event has on pe (any: the latest on any PE). */
bool slots_register(struct slots *sl, int32_t event, unsigned pe, uint32_t slot);
/* The slot a dispatch of event (shared or not) on pe at entry point ep
 * enters, or UINT32_MAX when the trace never registered it. */
uint32_t slots_find(const struct slots *sl, int32_t event, unsigned pe, uint64_t ep, bool shared);

/* The first invocation of a slot records its actions: true when this
 * invocation is that one. */
bool slots_claim(struct slots *sl, uint32_t slot);
/* Append action op, made from trace record rec (UINT32_MAX: none). */
bool slots_append(struct slots *sl, uint32_t slot, const struct sim_op *op, uint32_t rec);
/* Yield marks.  Mark position k (a yield before call k): true when the
 * mark is late - new, while an invocation of the slot already made its
 * call k or a later one in this pass without stopping there. */
bool slots_mark(struct slots *sl, uint32_t slot, uint32_t k);
bool slots_marked(const struct slots *sl, uint32_t slot, uint32_t k);
/* An invocation of the slot made its call k. */
void slots_passed(struct slots *sl, uint32_t slot, uint32_t k);
const struct sim_op *slots_actions(const struct slots *sl, uint32_t slot, uint32_t *n);
/* Action k of the slot's list, to change after the walk (its checks). */
struct sim_op *slots_action_at(struct slots *sl, uint32_t slot, uint32_t k);
/* The record action k of the slot's list was made from (UINT32_MAX: none). */
uint32_t slots_action_rec(const struct slots *sl, uint32_t slot, uint32_t k);

/*
 * Make the program's handlers (appending actions and handlers to p,
 * renumbering SIM_V_HANDLER* values wherever they are, expect_dispatches
 * handler fields included).  handler_of[slot] receives each slot's handler index (the
 * array must hold slots_count() entries).  0, or -1 with a message.
 */
uint32_t slots_count(const struct slots *sl);
int slots_finish(struct slots *sl, struct sim_program *p, int32_t *handler_of, char *err, size_t errlen);

#endif /* TRACES_REPLAY_SLOTS_H */
