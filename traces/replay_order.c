/*
 * replay_order.c - the order of an exported scenario's expect_dispatches
 * lists (replay_export_ready, replay.h).
 *
 * The replay matches a dispatch with the earliest unmatched one of the
 * trace on the same PE within its window (replay_compare.c), so the order
 * of dispatches on different PEs within a window is the trace's business,
 * not the replay's: real PEs run at once, and a trace may show PE 0 taking
 * an interrupt before PE 1 takes the SGI an earlier call sent it.  A
 * scenario lists them in the order the machine makes them, which is the
 * order of the steps that cause them (after every step the machine runs
 * until nothing more can happen).  So each list is put in the run's order
 * across PEs, each PE's own dispatches kept in the trace's order: the run
 * of the exported scenario stops at its first failed expectation, an
 * expect_dispatches step whose dispatches the run made PE by PE as listed
 * but interleaved otherwise is reordered, and the run made again, until it
 * fails elsewhere or passes.  A list whose dispatches the run did not make
 * PE by PE as listed stays as it is: there the replay diverges too.
 */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "replay.h"

struct seen_dispatch {
	uint32_t step;           /* the step it was made in */
	uint8_t  pe;
};

struct seen {
	struct seen_dispatch *d; /* each dispatch the run made, in order */
	uint32_t n, cap;
	bool     oom;
};

static void observe(void *ctx, const struct sim_obs *o)
{
	struct seen *s = ctx;
	void *room;

	if (o->kind != SIM_OBS_DISPATCH || s->oom)
		return;
	room = sim_grow(s->d, s->n, &s->cap, sizeof *s->d, 64);
	if (!room) {
		s->oom = true;
		return;
	}
	s->d = room;
	s->d[s->n].step = o->step;
	s->d[s->n++].pe = o->pe;
}

/* The PE list entry e names, or -1 when it names none (any PE). */
static int entry_pe(const struct sim_expect_dispatch *e)
{
	if (!e->has_pe || e->pe.kind != SIM_M_EQ || e->pe.a.kind != SIM_V_CONST || e->pe.a.u >= SIM_MAX_PES)
		return -1;
	return (int)e->pe.a.u;
}

/*
 * list[0..n) in the order of the PEs of run[0..n), each PE's entries in
 * the order they had; false, list unchanged, when the PEs are not the
 * same ones as often (or an entry names no PE).
 */
static bool interleave(struct sim_expect_dispatch *list, const struct seen_dispatch *run, uint32_t n)
{
	struct sim_expect_dispatch *was = malloc((n ? n : 1) * sizeof *was);
	uint32_t next[SIM_MAX_PES] = { 0 };
	bool ok = was != NULL;

	if (was)
		memcpy(was, list, n * sizeof *was);
	for (uint32_t k = 0; ok && k < n; k++) {
		unsigned pe = run[k].pe;
		uint32_t j = next[pe];
		while (j < n && entry_pe(&was[j]) != (int)pe) {
			if (entry_pe(&was[j]) < 0)
				ok = false;
			j++;
		}
		if (j == n)
			ok = false;
		else {
			list[k] = was[j];
			next[pe] = j + 1;
		}
	}
	if (!ok && was)
		memcpy(list, was, n * sizeof *was);
	free(was);
	return ok;
}

/* The run's dispatches for the expect_dispatches step at index at: those
 * made after the step before it of that kind (or from the start). */
static void window(const struct sim_program *p, const struct seen *s, uint32_t at, uint32_t *from, uint32_t *to)
{
	uint32_t prev = at;

	while (prev > 0 && p->steps[prev - 1].kind != SIM_OP_EXPECT_DISPATCHES)
		prev--;
	*from = 0;
	while (*from < s->n && s->d[*from].step < prev)
		(*from)++;
	*to = *from;
	while (*to < s->n && s->d[*to].step < at)
		(*to)++;
}

static int order_dispatches(struct replay *rp, struct sim_cpu *cpu, char *err, size_t errlen)
{
	struct sim_program *p = &rp->prog;
	struct seen s = { 0 };
	uint32_t fixed = UINT32_MAX;
	int rc = 0;

	for (;;) {
		struct sim_choice_cursor cur;
		struct sim_run_opts ro;
		struct sim_result res;
		const struct sim_op *op;
		uint32_t from, to;

		memset(&ro, 0, sizeof ro);
		ro.choice = sim_program_choice(p, &cur);
		ro.observer.obs = observe;
		ro.observer.ctx = &s;
		s.n = 0;
		/* no machine for the program: the exported scenario is refused too */
		if (sim_run(cpu, p, &ro, &res) != 0 || res.passed || res.fail_kind != SIM_FAIL_EXPECT)
			break;
		if (s.oom) {
			snprintf(err, errlen, "%s: out of memory", rp->name);
			rc = -1;
			break;
		}
		op = &p->steps[res.step];
		/* the same list failing again after its reordering: another reason */
		if (op->kind != SIM_OP_EXPECT_DISPATCHES || res.step == fixed)
			break;
		window(p, &s, res.step, &from, &to);
		if (to - from != op->nlist || !interleave(&p->dispatches[op->list], s.d + from, op->nlist))
			break;
		fixed = res.step;
	}
	free(s.d);
	return rc;
}

int replay_export_ready(struct replay *rp, struct sim_cpu *cpu, char *err, size_t errlen)
{
	if (replay_choices(rp, cpu, err, errlen))
		return -1;
	return order_dispatches(rp, cpu, err, errlen);
}
