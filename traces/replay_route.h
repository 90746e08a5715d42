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

/* Each observation of the run.  An acknowledgement of an SPI stands for
 * the SPI's next one in the trace, and moves on to the one after; when
 * the trace's is on another PE, says which it is and why. */
struct replay_misroute replay_route_observe(struct replay_route *rt, const struct sim_obs *o);

#endif /* TRACES_REPLAY_ROUTE_H */
