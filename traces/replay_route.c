/*
 * replay_route.c - 1-of-N SPIs to the PEs the trace shows (replay_route.h),
 * and the `choices` that make an exported scenario route them the same
 * way (replay_choices, replay.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay_route.h"
#include "grow.h"

#define FIRST_SPI 32u
#define NSPI      (1020u - FIRST_SPI)

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
	if (!rt->acks) {
		free(rt);
		return NULL;
	}
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

struct sim_choice replay_route_choice(struct replay_route *rt)
{
	struct sim_choice c = { .pick = pick, .ctx = rt, .pick_spi = pick_spi };
	return c;
}

struct replay_misroute replay_route_observe(struct replay_route *rt, const struct sim_obs *o)
{
	struct replay_misroute m = { -1, false, 0 };
	int32_t rec;
	unsigned s;

	if (o->kind == SIM_OBS_RESET)      /* SYSTEM_RESET forgets every hold */
		rt->holding = 0;
	if (o->kind == SIM_OBS_IRQ && o->pe < 64 && ((rt->holding >> o->pe) & 1)) {
		rt->holding &= ~(1ull << o->pe);
		return m;
	}
	if (o->kind == SIM_OBS_HOLD && o->pe < 64)
		rt->holding |= 1ull << o->pe;
	if ((o->kind != SIM_OBS_IRQ && o->kind != SIM_OBS_HOLD) || (rec = next_ack(rt, o->intid)) < 0)
		return m;
	s = o->intid - FIRST_SPI;
	if (rt->rp->recs[rec].pe != o->pe)
		m = (struct replay_misroute){ rec, rt->refused[s], rt->could[s] };
	rt->pos[s]++;
	rt->refused[s] = 0;
	return m;
}

/* ---- The exported scenario's choices ---- */

static void observe(void *ctx, const struct sim_obs *o)
{
	(void)replay_route_observe(ctx, o);
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
	/* Without an acknowledged SPI every answer is the policy's 0: no run. */
	if (rt->start[NSPI] > 0) {
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
