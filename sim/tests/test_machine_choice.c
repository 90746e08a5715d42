/*
 * test_machine_choice.c - what the machine asks its choice source
 * (sim.h, struct sim_choice) at a tie: two normal events deferred at a
 * masked PE are pending at one priority when it unmasks, and the source
 * picks which the PE acknowledges first - through pick_tie, told the PE
 * and the tied INTIDs, when the source has one (a replay's), else
 * through pick, as SIM_CHOICE_TIE (the byte sources').
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mt.h"

#define EV_NORM24 0x40000102u   /* private, normal, PPI 24: tied with EV_NORM's PPI 22 */

/* What the source was asked, and its answer: the last candidate. */
struct asked {
	unsigned picks[SIM_CHOICE_TIE + 1];   /* pick's calls, per kind */
	unsigned tie_pe, ntie;                /* pick_tie's PE and candidates */
	uint16_t tie[4];
	unsigned nties;                       /* pick_tie's calls */
};

static unsigned pick_last(void *ctx, unsigned kind, unsigned n)
{
	struct asked *a = ctx;

	if (kind <= SIM_CHOICE_TIE)
		a->picks[kind]++;
	return n - 1;
}

static unsigned pick_last_tied(void *ctx, unsigned pe, const uint16_t *intids, unsigned n)
{
	struct asked *a = ctx;

	a->nties++;
	a->tie_pe = pe;
	a->ntie = n;
	memcpy(a->tie, intids, (n < 4 ? n : 4) * sizeof *intids);
	return n - 1;
}

/* PE 2 defers EV_NORM (PPI 22) and EV_NORM24 (PPI 24) while masked, then
 * unmasks: the source's answer, the last candidate, takes PPI 24 first. */
static struct sim_result run_tie(struct sim_choice choice)
{
	struct pb b;
	struct sim_run_opts opts;
	struct sim_result res;
	struct sim_event *e;
	int h;

	pb_init(&b);
	mt_setup_platform(&b);
	e = &b.p.platform.events[b.p.platform.nevents++];
	memset(e, 0, sizeof *e);
	e->number = (int32_t)EV_NORM24;
	e->type = SDD_PRIVATE;
	e->priority = SDD_PRI_NORMAL;
	e->intid = 24;
	h = pb_handler(&b, "h");
	pb_complete(&b, 0);
	pb_end(&b);
	pb_register(&b, 2, EV_NORM, h, 0, 0, V(0));
	pb_call1(&b, 2, SDD_FID_EVENT_ENABLE, V(EV_NORM));
	pb_register(&b, 2, EV_NORM24, h, 0, 0, V(0));
	pb_call1(&b, 2, SDD_FID_EVENT_ENABLE, V(EV_NORM24));
	pb_interrupt(&b, 2, 22);
	pb_interrupt(&b, 2, 24);
	pb_call0(&b, 2, SDD_FID_PE_UNMASK);
	pb_expect_dispatches(&b);
	pb_dispatch_is(&b, 2, EV_NORM24, h, 0, 0);
	pb_dispatch_is(&b, 2, EV_NORM, h, 0, 0);
	memset(&opts, 0, sizeof opts);
	opts.choice = choice;
	assert_int_equal(sim_run(mt_cpu, &b.p, &opts, &res), 0);
	pb_free(&b);
	return res;
}

static void pick_tie_answers_a_tie_told_the_pe_and_the_tied_intids(void **state)
{
	struct asked a = { .nties = 0 };
	struct sim_choice c = { .pick = pick_last, .ctx = &a, .pick_tie = pick_last_tied };
	struct sim_result res = run_tie(c);
	(void)state;

	if (!res.passed)
		fail_msg("line %u: %s", res.loc.line, res.message);
	assert_int_equal(a.nties, 1);
	assert_int_equal(a.tie_pe, 2);
	assert_int_equal(a.ntie, 2);
	assert_int_equal(a.tie[0], 22);                /* ascending */
	assert_int_equal(a.tie[1], 24);
	assert_int_equal(a.picks[SIM_CHOICE_TIE], 0);   /* pick is not asked it */
}

static void without_pick_tie_pick_answers_a_tie(void **state)
{
	struct asked a = { .nties = 0 };
	struct sim_choice c = { .pick = pick_last, .ctx = &a };
	struct sim_result res = run_tie(c);
	(void)state;

	if (!res.passed)
		fail_msg("line %u: %s", res.loc.line, res.message);
	assert_int_equal(a.picks[SIM_CHOICE_TIE], 1);
	assert_int_equal(a.nties, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pick_tie_answers_a_tie_told_the_pe_and_the_tied_intids),
		cmocka_unit_test(without_pick_tie_pick_answers_a_tie),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
