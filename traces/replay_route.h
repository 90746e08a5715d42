/*
 * replay_route.h - which PE takes a 1-of-N SPI in a replay: the one the
 * trace shows acknowledging it (traces/README.md, "Replay").
 *
 * The hardware picks the PE of an SPI routed 1-of-N (GICD_IROUTER.IRM = 1,
 * an RM_ANY shared event), and the simulator asks its choice source.  A
 * replay's answers it from the trace: the n-th acknowledgement of an SPI
 * in the run goes to the PE of the n-th acknowledgement of that SPI in
 * the trace (those the comparison matches: ROLE_ACK, and ROLE_HOLD for an
 * SPI firmware holds, whose hand-over later is no choice of the GIC's:
 * ROLE_HAND_OVER, a SIM_OBS_IRQ on the holding PE).  Every other choice,
 * and an SPI the trace shows on no PE (no acknowledgement left), is the
 * scenario policy's.  When the trace's PE cannot take the SPI in the
 * replayed machine, the SPI goes where the policy sends it.
 *
 * Whether it went to the trace's PE is known only when a PE takes it: a
 * choice is not the last word, since the GIC chooses again when the PE
 * it chose can no longer take the SPI (a PE that wakes masked), and one
 * made when the trace's PE cannot take the SPI yet may leave it pending
 * with no PE until that one can.  And the GIC keeps a 1-of-N SPI on the
 * PE it chose while that PE can take it (sim/gic/gic.h), asking again
 * only then, so a trace whose SPI went to another PE although the last
 * one could still take it cannot be followed either.
 *
 * Ties.  Which of several interrupts pending for a PE at the same,
 * highest, priority the PE acknowledges is the hardware's choice too,
 * and the replay's answer is the INTID the trace's PE acknowledged next:
 * the earliest of the PE's acknowledgements in the trace (ROLE_ACK,
 * ROLE_HOLD: those the GIC made) that no acknowledgement of the run has
 * stood for yet, by the comparison's rule (replay_ack_for).  When that
 * INTID is not among the tied ones (the replay does not have it pending
 * there, or not at that priority), the PE takes the first of them the
 * trace acknowledges on the PE after it, else the lowest (the scenario
 * policy's), and the replay says so (replay_tie_miss).
 */
#ifndef TRACES_REPLAY_ROUTE_H
#define TRACES_REPLAY_ROUTE_H

#include <stdint.h>

#include "replay.h"

struct replay_route;

/* For rp (built).  NULL when out of memory. */
struct replay_route *replay_route_new(const struct replay *rp);
void replay_route_free(struct replay_route *rt);

/* The run's choice source (rt must outlive the run). */
struct sim_choice replay_route_choice(struct replay_route *rt);

/* An acknowledgement of an SPI that went to another PE than the trace's. */
struct replay_misroute {
	int32_t  rec;       /* the trace's acknowledgement it stands for; -1: none went astray */
	bool     refused;   /* the GIC's last choice for it could not give it to that record's
			     * PE, which could not take it then; could: the PEs that could */
	uint64_t could;
};

/* A tie the replay could not take as the trace does: the trace's next
 * acknowledgement on the PE (rec) is of none of the tied INTIDs. */
struct replay_tie_miss {
	int32_t  rec;         /* -1: the tie, if any, went as the trace */
	bool     later;       /* the PE took the first of them the trace acknowledges after rec
			       * (else the lowest: the trace acknowledges none of them there) */
	uint32_t n;           /* the tied INTIDs: n, the first (at most 8) in intids */
	uint16_t intids[8];
};

/* Each observation of the run.  An acknowledgement of an SPI stands for
 * the SPI's next one in the trace, and moves on to the one after; when
 * the trace's is on another PE, says which it is and why.  When the
 * acknowledgement was a tie that could not go as the trace, says so in
 * *tie (when not NULL). */
struct replay_misroute replay_route_observe(struct replay_route *rt, const struct sim_obs *o,
					    struct replay_tie_miss *tie);

/* The record of the trace an acknowledgement of the run on pe of intid
 * (hold: a hold, SIM_OBS_HOLD) stands for: the earliest of rp->pe_acks[pe]
 * not done yet (done: per record, 0 not yet stood for), from *pos on,
 * whose INTID is intid and that is a hold exactly when hold is; -1 none.
 * *pos moves past the done ones before it.  The comparison's rule, which
 * the ties follow too. */
int32_t replay_ack_for(const struct replay *rp, unsigned pe, uint32_t intid, bool hold, const uint8_t *done,
		       uint32_t *pos);

#endif /* TRACES_REPLAY_ROUTE_H */
