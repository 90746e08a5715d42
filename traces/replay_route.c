/*
 * replay_route.c - 1-of-N SPIs to the PEs the trace shows and ties to
 * the INTIDs it shows acknowledged (replay_route.h), and the `choices`
 * that make an exported scenario choose the same way (replay_choices,
 * replay.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay_route.h"
#include "grow.h"
#include "gic/gic.h"            /* GIC_MAX_SPIS */

#define FIRST_SPI 32u
#define NSPI      GIC_MAX_SPIS          /* SPIs 32..1019 */

struct replay_route {
	const struct replay *rp;
	/* per SPI: its acknowledgements in the trace, acks[start[s] .. start[s + 1]),
	 * and how many of them the run has made (pos) */
	uint32_t start[NSPI + 1], pos[NSPI];
	/* per SPI: its last choice could not give it to the PE of the next
	 * acknowledgement in the trace, and the PEs it could give it to */
	uint8_t  refused[NSPI];
	uint64_t could[NSPI];
	uint32_t *acks;
	/* the run's PEs whose firmware holds an interrupt (bit per PE): the
	 * PE's next SIM_OBS_IRQ is its hand_over, not an acknowledgement */
	uint64_t holding;
	/* per record: an acknowledgement of the run stood for it (ties);
	 * per PE: rp->pe_acks[pe] before ack_pos[pe] are all done */
	uint8_t *done;
	uint32_t ack_pos[TRACE_MAX_PES];
	/* per PE: the tie its next acknowledgement comes from could not go as
	 * the trace (rec >= 0), and the last record that was said for */
	struct replay_tie_miss tie[TRACE_MAX_PES];
	int32_t  tie_said[TRACE_MAX_PES];
	/* the answers to the choices among more than one candidate, in the
	 * order asked: the bytes of a program's `choices` (replay_choices) */
	uint8_t *answers;
	uint32_t nanswers, cap_answers;
	bool     oom;
};

/* The acknowledgements the GIC chose a PE for: a hold, not the ack that
 * hands it over later (on the PE that held it, with no choice made). */
static bool is_spi_ack(const struct replay *rp, uint32_t k)
{
	return (rp->role[k] == ROLE_ACK || rp->role[k] == ROLE_HOLD) && rp->recs[k].intid >= FIRST_SPI &&
	       rp->recs[k].intid < FIRST_SPI + NSPI;
}

struct replay_route *replay_route_new(const struct replay *rp)
{
	struct replay_route *rt = calloc(1, sizeof *rt);
	uint32_t fill[NSPI];

	if (!rt)
		return NULL;
	rt->rp = rp;
	for (uint32_t k = 0; k < rp->nrecs; k++)     /* counts, then offsets */
		if (is_spi_ack(rp, k))
			rt->start[rp->recs[k].intid - FIRST_SPI + 1]++;
	for (unsigned s = 0; s < NSPI; s++)
		rt->start[s + 1] += rt->start[s];
	rt->acks = malloc((rt->start[NSPI] ? rt->start[NSPI] : 1) * sizeof *rt->acks);
	rt->done = calloc(rp->nrecs ? rp->nrecs : 1, 1);
	if (!rt->acks || !rt->done) {
		free(rt->acks);
		free(rt->done);
		free(rt);
		return NULL;
	}
	for (unsigned pe = 0; pe < TRACE_MAX_PES; pe++)
		rt->tie[pe].rec = rt->tie_said[pe] = -1;
	memcpy(fill, rt->start, sizeof fill);
	for (uint32_t k = 0; k < rp->nrecs; k++)     /* in replay order */
		if (is_spi_ack(rp, k))
			rt->acks[fill[rp->recs[k].intid - FIRST_SPI]++] = k;
	return rt;
}

void replay_route_free(struct replay_route *rt)
{
	if (!rt)
		return;
	free(rt->acks);
	free(rt->done);
	free(rt->answers);
	free(rt);
}

/* The trace's next acknowledgement of SPI intid the run has not made, -1. */
static int32_t next_ack(const struct replay_route *rt, uint32_t intid)
{
	unsigned s = intid - FIRST_SPI;

	if (intid < FIRST_SPI || s >= NSPI || rt->start[s] + rt->pos[s] >= rt->start[s + 1])
		return -1;
	return (int32_t)rt->acks[rt->start[s] + rt->pos[s]];
}

static void answered(struct replay_route *rt, unsigned k, unsigned n)
{
	uint8_t *room;

	if (n <= 1 || rt->oom)
		return;                  /* a choice among one takes no answer (sim_choice_take) */
	room = sim_grow(rt->answers, rt->nanswers, &rt->cap_answers, 1, 16);
	if (!room) {
		rt->oom = true;
		return;
	}
	rt->answers = room;
	rt->answers[rt->nanswers++] = (uint8_t)k;
}

/* Scheduling: the scenario policy's first candidate, as without a source. */
static unsigned pick(void *ctx, unsigned kind, unsigned n)
{
	(void)kind;
	answered(ctx, 0, n);
	return 0;
}

static unsigned pick_spi(void *ctx, uint32_t intid, const uint8_t *pes, unsigned n)
{
	struct replay_route *rt = ctx;
	int32_t rec = next_ack(rt, intid);
	unsigned k = 0, s = intid - FIRST_SPI;

	if (rec >= 0) {
		while (k < n && pes[k] != rt->rp->recs[rec].pe)
			k++;
		rt->refused[s] = k == n;
		rt->could[s] = 0;
		for (unsigned j = 0; j < n; j++)
			rt->could[s] |= 1ull << pes[j];
		if (k == n)
			k = 0;
	}
	answered(rt, k, n);
	return k;
}

/* see replay_route.h */
int32_t replay_ack_for(const struct replay *rp, unsigned pe, uint32_t intid, bool hold, const uint8_t *done,
		       uint32_t *pos)
{
	const uint32_t *list = rp->pe_acks[pe];
	uint32_t n = rp->npe_acks[pe];

	while (*pos < n && done[list[*pos]])
		(*pos)++;
	for (uint32_t k = *pos; k < n; k++)
		if (!done[list[k]] && rp->recs[list[k]].intid == intid && (rp->role[list[k]] == ROLE_HOLD) == hold)
			return (int32_t)list[k];
	return -1;
}

/* The index of intid in intids[0..n), n when it is not there. */
static unsigned index_of(const uint16_t *intids, unsigned n, uint32_t intid)
{
	unsigned k = 0;

	while (k < n && intids[k] != intid)
		k++;
	return k;
}

/* Ties: the INTID the trace's PE acknowledged next, when tied
 * (replay_route.h); else the first tied one it acknowledges after that,
 * else the lowest, and the miss kept for the acknowledgement it makes. */
static unsigned pick_tie(void *ctx, unsigned pe, const uint16_t *intids, unsigned n)
{
	struct replay_route *rt = ctx;
	const struct replay *rp = rt->rp;
	struct replay_tie_miss *t;
	unsigned k = n;

	if (pe >= TRACE_MAX_PES)
		return 0;
	t = &rt->tie[pe];
	t->rec = -1;
	for (uint32_t j = rt->ack_pos[pe]; j < rp->npe_acks[pe] && k == n; j++) {
		uint32_t rec = rp->pe_acks[pe][j];
		if (rt->done[rec] || rp->role[rec] == ROLE_HAND_OVER)
			continue;      /* a hand-over is no acknowledgement of the GIC's */
		k = index_of(intids, n, rp->recs[rec].intid);
		if (k == n && t->rec < 0) {       /* the next, and not tied: a miss */
			t->rec = (int32_t)rec;
			t->n = n;
			memcpy(t->intids, intids, (n < 8 ? n : 8) * sizeof *intids);
		}
	}
	t->later = k < n;
	if (k == n)
		k = 0;
	answered(rt, k, n);
	return k;
}

struct sim_choice replay_route_choice(struct replay_route *rt)
{
	struct sim_choice c = { .pick = pick, .ctx = rt, .pick_spi = pick_spi, .pick_tie = pick_tie };
	return c;
}

/* For ties: the record the run's acknowledgement (or hand-over) o stands
 * for is done, by the comparison's rule - the misrouted SPI's record
 * (misrouted >= 0: cmp_misrouted), else replay_ack_for's (cmp_on_irq). */
static void ack_done(struct replay_route *rt, const struct sim_obs *o, int32_t misrouted)
{
	int32_t rec = misrouted;

	if (rec < 0 && o->pe < TRACE_MAX_PES)
		rec = replay_ack_for(rt->rp, o->pe, o->intid, o->kind == SIM_OBS_HOLD, rt->done, &rt->ack_pos[o->pe]);
	if (rec >= 0)
		rt->done[rec] = 1;
}

struct replay_misroute replay_route_observe(struct replay_route *rt, const struct sim_obs *o,
					    struct replay_tie_miss *tie)
{
	struct replay_misroute m = { -1, false, 0 };
	int32_t rec;
	unsigned s;

	if (tie)
		tie->rec = -1;
	if (o->kind == SIM_OBS_RESET)      /* SYSTEM_RESET forgets every hold */
		rt->holding = 0;
	if ((o->kind != SIM_OBS_IRQ && o->kind != SIM_OBS_HOLD) || o->pe >= TRACE_MAX_PES)
		return m;
	if (o->kind == SIM_OBS_IRQ && ((rt->holding >> o->pe) & 1)) {
		rt->holding &= ~(1ull << o->pe);
		ack_done(rt, o, -1);       /* the hand-over: compared, with no choice made */
		return m;
	}
	if (o->kind == SIM_OBS_HOLD)
		rt->holding |= 1ull << o->pe;
	if (rt->tie[o->pe].rec >= 0 && rt->tie[o->pe].rec != rt->tie_said[o->pe]) {
		if (tie)
			*tie = rt->tie[o->pe];
		rt->tie_said[o->pe] = rt->tie[o->pe].rec;   /* once: a record stuck ahead misses every tie */
	}
	rt->tie[o->pe].rec = -1;
	if ((rec = next_ack(rt, o->intid)) >= 0) {
		s = o->intid - FIRST_SPI;
		if (rt->rp->recs[rec].pe != o->pe)
			m = (struct replay_misroute){ rec, rt->refused[s], rt->could[s] };
		rt->pos[s]++;
		rt->refused[s] = 0;
	}
	ack_done(rt, o, m.rec);
	return m;
}

/* ---- The exported scenario's choices ---- */

static void observe(void *ctx, const struct sim_obs *o)
{
	(void)replay_route_observe(ctx, o, NULL);
}

/* The trace has an acknowledgement the comparison matches. */
static bool acknowledges(const struct replay *rp)
{
	for (unsigned pe = 0; pe < TRACE_MAX_PES; pe++)
		if (rp->npe_acks[pe])
			return true;
	return false;
}

/* see replay.h */
int replay_choices(struct replay *rp, struct sim_cpu *cpu, char *err, size_t errlen)
{
	struct replay_route *rt;
	struct sim_run_opts ro;
	struct sim_result res;
	uint32_t n;
	int rc = 0;

	rp->prog.nchoices = 0;           /* its choices are these answers, whenever called */
	rt = replay_route_new(rp);
	if (!rt) {
		snprintf(err, errlen, "%s: out of memory", rp->name);
		return -1;
	}
	/* Without an acknowledgement in the trace (no SPI's PE, no tie's
	 * INTID to follow) every answer is the policy's 0: no run. */
	if (acknowledges(rp)) {
		memset(&ro, 0, sizeof ro);
		ro.choice = replay_route_choice(rt);
		ro.observer.obs = observe;
		ro.observer.ctx = rt;
		/* A program no machine can be built for gets no choices: a run of
		 * the exported scenario is refused the same way. */
		if (sim_run(cpu, &rp->prog, &ro, &res) == 0) {
			n = rt->nanswers;
			while (n > 0 && rt->answers[n - 1] == 0)
				n--;             /* once the answers run out, every one is 0 */
			for (uint32_t k = 0; k < n; k++)
				rc |= sim_add_choice(&rp->prog, rt->answers[k]) == UINT32_MAX ? -1 : 0;
			if (rt->oom || rc) {
				snprintf(err, errlen, "%s: out of memory", rp->name);
				rc = -1;
			}
		}
	}
	replay_route_free(rt);
	return rc;
}
