/*
 * test_sched.c - the scheduler (pe_track.h sim_schedule) on a toy machine
 * whose PEs each have some units of work to run, one per advance, and
 * which may hand work to another PE as they run.  Each PE counts how often
 * it was asked what it can do.
 *
 *   without_changed_every_pe_is_asked_each_round
 *   with_changed_only_the_advanced_and_changed_pes_are_asked_again
 *   work_handed_to_a_pe_named_changed_is_run_as_without_changed
 *   an_answer_stands_until_changed_names_the_pe
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pe_track.h"

#define NPE 4

struct toy {
	unsigned work[NPE];
	unsigned asked[NPE];
	int hand_to[NPE];        /* at its first advance PE k gives one unit to hand_to[k] (-1: none) */
	bool tell;               /* the hand-over is reported through changed */
	uint64_t changed;
	unsigned ran[32];        /* PEs in the order they were advanced */
	unsigned nran;
};

static enum sim_progress toy_progress(void *m, unsigned pe)
{
	struct toy *t = m;

	t->asked[pe]++;
	return t->work[pe] ? SIM_P_RUN : SIM_P_NONE;
}

static void toy_run(void *m, unsigned pe)
{
	struct toy *t = m;

	t->work[pe]--;
	t->ran[t->nran++] = pe;
	if (t->hand_to[pe] >= 0) {
		t->work[t->hand_to[pe]]++;
		if (t->tell)
			t->changed |= 1ull << t->hand_to[pe];
		t->hand_to[pe] = -1;
	}
}

static void toy_none(void *m, unsigned pe)
{
	(void)m;
	(void)pe;
	fail_msg("only RUN is ever answered");
}

static unsigned toy_pick(void *m, unsigned n)
{
	(void)m;
	(void)n;
	return 0;                /* the lowest-numbered, as scenarios have it */
}

static bool toy_stopped(const void *m)
{
	(void)m;
	return false;
}

static void toy_no_settle(void *m, uint32_t round, unsigned pe)
{
	(void)m;
	fail_msg("did not settle: round %u, PE %u", round, pe);
}

static uint64_t toy_changed(void *m)
{
	struct toy *t = m;
	uint64_t c = t->changed;

	t->changed = 0;
	return c;
}

static const struct sim_sched_ops plain_ops = {
	.progress = toy_progress,
	.advance = { [SIM_P_WAKE] = toy_none, [SIM_P_IRQ] = toy_none, [SIM_P_RUN] = toy_run },
	.pick = toy_pick,
	.stopped = toy_stopped,
	.no_settle = toy_no_settle,
};

static const struct sim_sched_ops told_ops = {
	.progress = toy_progress,
	.advance = { [SIM_P_WAKE] = toy_none, [SIM_P_IRQ] = toy_none, [SIM_P_RUN] = toy_run },
	.pick = toy_pick,
	.stopped = toy_stopped,
	.no_settle = toy_no_settle,
	.changed = toy_changed,
};

/* PE 0 has three units of work; the first of them hands one to PE 2. */
static void toy_init(struct toy *t, bool tell)
{
	memset(t, 0, sizeof *t);
	for (unsigned k = 0; k < NPE; k++)
		t->hand_to[k] = -1;
	t->work[0] = 3;
	t->hand_to[0] = 2;
	t->tell = tell;
	t->changed = ~0ull;      /* a first call: every PE */
}

static void run(struct toy *t, const struct sim_sched_ops *ops)
{
	struct sim_sched_memo memo;

	memset(&memo, 0, sizeof memo);
	sim_schedule(ops, t, NPE, 100, &memo);
}

static void without_changed_every_pe_is_asked_each_round(void **state)
{
	struct toy t;

	(void)state;
	toy_init(&t, false);
	run(&t, &plain_ops);
	/* four advances, then a round that finds nothing: five rounds */
	assert_int_equal(t.nran, 4);
	for (unsigned k = 0; k < NPE; k++)
		assert_int_equal(t.asked[k], 5);
}

static void with_changed_only_the_advanced_and_changed_pes_are_asked_again(void **state)
{
	struct toy t;

	(void)state;
	toy_init(&t, true);
	run(&t, &told_ops);
	assert_int_equal(t.nran, 4);
	/* PE 0: the first round and after each of its three advances; PE 2:
	 * the first round, once handed work, once after running it; PEs 1
	 * and 3 only in the first round. */
	assert_int_equal(t.asked[0], 4);
	assert_int_equal(t.asked[1], 1);
	assert_int_equal(t.asked[2], 3);
	assert_int_equal(t.asked[3], 1);
}

static void work_handed_to_a_pe_named_changed_is_run_as_without_changed(void **state)
{
	struct toy plain, told;

	(void)state;
	toy_init(&plain, false);
	run(&plain, &plain_ops);
	toy_init(&told, true);
	run(&told, &told_ops);
	assert_int_equal(told.nran, plain.nran);
	assert_memory_equal(told.ran, plain.ran, plain.nran * sizeof plain.ran[0]);
	assert_int_equal(told.ran[3], 2);        /* PE 0 three times, then PE 2 */
}

/* The contract's other half: a PE changed does not name keeps its last
 * answer, so work handed to it unannounced is not seen. */
static void an_answer_stands_until_changed_names_the_pe(void **state)
{
	struct toy t;

	(void)state;
	toy_init(&t, false);
	run(&t, &told_ops);
	assert_int_equal(t.nran, 3);             /* PE 0's three units only */
	assert_int_equal(t.work[2], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(without_changed_every_pe_is_asked_each_round),
		cmocka_unit_test(with_changed_only_the_advanced_and_changed_pes_are_asked_again),
		cmocka_unit_test(work_handed_to_a_pe_named_changed_is_run_as_without_changed),
		cmocka_unit_test(an_answer_stands_until_changed_names_the_pe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
