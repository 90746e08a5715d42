/*
 * test_gen_race.c - the race family of fz_gen.h reaches what it is for:
 * over 64 of its inputs, run on the simulator, the held interrupts are
 * handed over with every outcome a late hand-over can have (core/README.md,
 * "An interrupt handed over late") - dispatched, deferred (holding PE
 * masked), held (event disabled), dropped (unregistered), not the
 * dispatcher's (binding released) and rerouted - INTERRUPT_BIND meets an
 * interrupt a PE holds (DENIED) as well as one that is free, and some
 * holds see calls from two other PEs; on both profiles (the tf-a-fvp
 * one's policies decide other answers), each with handed-over interrupts
 * dispatched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fz_gen.h"
#include "fz_input.h"
#include "sdd/sdd.h"
#include "sdd/sdd_spec.h"
#include "sim.h"

struct reach {
	unsigned outcome[SDD_IRQ_REROUTED + 1];
	unsigned bind_denied, bind_ok;
	unsigned two_racers;           /* holds with calls from two PEs or more */
	unsigned dispatched;           /* hand-overs that dispatched, in this input */
	bool holding[8];
	uint32_t held[8];
	uint8_t racers[8];             /* the PEs that called while PE p held (bit q) */
};

static void observe(void *ctx, const struct sim_obs *o)
{
	struct reach *r = ctx;

	if (o->pe >= 8)
		return;
	if (o->kind == SIM_OBS_HOLD) {
		r->holding[o->pe] = true;
		r->held[o->pe] = o->intid;
		r->racers[o->pe] = 0;
	} else if (o->kind == SIM_OBS_IRQ && r->holding[o->pe] && r->held[o->pe] == o->intid) {
		r->holding[o->pe] = false;
		if (o->status >= 0 && o->status <= SDD_IRQ_REROUTED)
			r->outcome[o->status]++;
		r->dispatched += o->status == SDD_IRQ_DISPATCHED;
		r->two_racers += (r->racers[o->pe] & (r->racers[o->pe] - 1)) != 0;
	} else if (o->kind == SIM_OBS_CALL) {
		for (unsigned p = 0; p < 8; p++)
			if (r->holding[p])
				r->racers[p] |= (uint8_t)(1u << o->pe);
		if (o->fid == SDD_FID_INTERRUPT_BIND) {
			r->bind_denied += o->result == SDD_DENIED;
			r->bind_ok += o->result >= 0;
		}
	}
}

static void race_inputs_reach_every_hand_over_outcome(void **state)
{
	static struct sim_program p;
	static uint8_t buf[FZ_HEADER_BYTES + FZ_MAX_RECORDS * FZ_RECORD_BYTES];
	struct fz_gen g = { 0x5eedull };
	struct reach r;
	unsigned inputs[2] = { 0, 0 }, dispatched[2] = { 0, 0 };   /* [1]: the tf-a-fvp profile */
	char err[200];
	struct sim_cpu *cpu = sim_cpu_create(err, sizeof err);
	(void)state;

	assert_non_null(cpu);
	memset(&r, 0, sizeof r);
	sim_program_init(&p);
	for (unsigned k = 0; k < 64; k++) {
		struct sim_choice_cursor cur;
		struct sim_run_opts opts;
		struct sim_result res;
		struct fz_choices ch;
		size_t n = fz_gen_input(&g, FZ_GEN_RACE, 32, buf, sizeof buf);
		unsigned tfa;

		assert_int_equal(fz_decode(buf, n, &p, &ch), 0);
		tfa = strcmp(p.platform.profile, "tf-a-fvp") == 0;
		r.dispatched = 0;
		memset(&opts, 0, sizeof opts);
		memset(r.holding, 0, sizeof r.holding);
		opts.observer.obs = observe;
		opts.observer.ctx = &r;
		opts.choice = sim_program_choice(&p, &cur);
		opts.slice_budget = 50000;
		opts.max_rounds = 256;
		assert_int_equal(sim_run(cpu, &p, &opts, &res), 0);
		inputs[tfa]++;
		dispatched[tfa] += r.dispatched;
	}
	for (unsigned s = SDD_IRQ_DISPATCHED; s <= SDD_IRQ_REROUTED; s++)
		if (s != SDD_IRQ_REFUSED && s != SDD_IRQ_FAULT && r.outcome[s] == 0)
			fail_msg("no hand-over answered %u (enum sdd_irq_result)", s);
	assert_true(r.bind_denied > 0);
	assert_true(r.bind_ok > 0);
	assert_true(r.two_racers > 0);
	assert_true(inputs[0] > 0 && inputs[1] > 0);
	assert_true(dispatched[0] > 0 && dispatched[1] > 0);
	sim_program_free(&p);
	sim_cpu_destroy(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(race_inputs_reach_every_hand_over_outcome),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
