/*
 * test_fz_core_hold.c - the hold and hand_over steps (an extension,
 * scenarios/FORMAT.md) on fuzz_core's machine (fz_core.h), in programs
 * built by hand (a decoded input makes them too: fz_input.h); each shares its
 * first steps (hold_program): 2 PEs, a shared normal event on SPI 40
 * registered RM_ANY and enabled by PE 0, both PEs unmasked, PE 0's
 * firmware set to hold, SPI 40 fired (PE 0 takes it and holds it), PE 1
 * disables the event.  Then:
 *
 *   hold_disable_enable  PE 0 hands the interrupt over: held (the event is
 *                        disabled), nothing dispatched until PE 1 enables
 *                        the event, then one dispatch;
 *   hold_reroute         PE 1 routes the event RM_PE to itself and enables
 *                        it; handed over, the interrupt is rerouted and
 *                        the event dispatched on PE 1 (DEN0054C §6.2);
 *   hold_blocks_pe       a critical event routed to PE 0 fires while it
 *                        holds: PE 0 takes nothing and a call on it is
 *                        skipped until the hand_over, then it takes it.
 *
 * Each run must pass on the machine - its invariants hold while PE 0
 * holds the interrupt - and make the observations the simulator makes
 * running the same program (fz_run, Unicorn), and the reference model
 * must agree with every answer (fz_oracle, rm_hold).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fz_core.h"
#include "fz_run.h"
#include "obs_log.h"
#include "sdd/sdd.h"

#define NORMAL_EVENT   0x40000200u      /* shared, SPI 40 */
#define CRITICAL_EVENT 0x40000201u      /* shared, SPI 41 (hold_blocks_pe) */

static struct fz_core core;
static struct fz_run sim;


static struct sim_op *add_step(struct sim_program *p, unsigned kind, unsigned pe)
{
	struct sim_op *op = sim_new_step(p, kind, pe);

	assert_non_null(op);
	return op;
}

/* A step: SDEI call fid on pe, its arguments args[0 .. n). */
static void add_call(struct sim_program *p, unsigned pe, uint32_t fid, unsigned n, const struct sim_value *args)
{
	uint32_t first = p->nvalues;
	struct sim_op *op;

	for (unsigned k = 0; k < n; k++)
		sim_add_value(p, args[k]);
	op = add_step(p, SIM_OP_CALL, pe);
	op->fid = sim_const(fid);
	op->args = first;
	op->nargs = n;
}

static void add_event(struct sim_platform *sp, int32_t number, unsigned priority, uint32_t intid)
{
	struct sim_event *e = &sp->events[sp->nevents++];

	memset(e, 0, sizeof *e);
	e->number = number;
	e->type = SDD_SHARED;
	e->priority = (uint8_t)priority;
	e->intid = intid;
}

/* Into p, steps 0..6 (see the top).  No choice bytes: the 1-of-N SPI
 * goes to the first candidate, PE 0. */
static void hold_program(struct sim_program *p)
{
	const struct sim_value reg[] = { sim_const(NORMAL_EVENT), { SIM_V_HANDLER, 0 }, sim_const(7),
					 sim_const(SDD_RM_ANY), sim_const(0) };
	const struct sim_value ev[] = { sim_const(NORMAL_EVENT) };
	struct sim_op *end;
	struct sim_handler *h;

	sim_program_reset(p);
	p->lenient = true;                 /* as decoded programs are */
	p->platform.pes = 2;
	add_event(&p->platform, NORMAL_EVENT, SDD_PRI_NORMAL, 40);
	add_event(&p->platform, CRITICAL_EVENT, SDD_PRI_CRITICAL, 41);
	/* handler 0, "h": complete */
	end = sim_new_action(p, SIM_OP_COMPLETE, SIM_NONE);
	assert_non_null(end);
	end->fid = sim_const(SDD_EV_HANDLED);
	h = sim_new_handler(p);
	assert_non_null(h);
	h->name = sim_add_string(p, "h");
	h->nops = 1;
	add_call(p, 0, SDD_FID_EVENT_REGISTER, 5, reg);
	add_call(p, 0, SDD_FID_EVENT_ENABLE, 1, ev);
	add_call(p, 0, SDD_FID_PE_UNMASK, 0, NULL);
	add_call(p, 1, SDD_FID_PE_UNMASK, 0, NULL);
	add_step(p, SIM_OP_HOLD, 0);
	add_step(p, SIM_OP_INTERRUPT, SIM_NONE)->intid = 40;
	add_call(p, 1, SDD_FID_EVENT_DISABLE, 1, ev);
}

/* Run the program build makes on fz_core, its observations into l: every
 * step passes, and the simulator observes the same. */
static void run(void (*build)(struct sim_program *), struct obs_log *l)
{
	static struct obs_log ls;

	build(&core.prog);
	l->n = 0;
	core.also = (struct sim_observer){ obs_log_record, l };
	assert_true(fz_core_run_program(&core));   /* the reference model agrees */
	core.also = (struct sim_observer){ NULL, NULL };
	if (!core.res.passed)
		fprintf(stderr, "step %u: %s\n", core.res.step, core.res.message);
	assert_true(core.res.passed);
	assert_int_equal(core.res.steps_run, core.prog.nsteps);

	build(&sim.prog);
	ls.n = 0;
	sim.also = (struct sim_observer){ obs_log_record, &ls };
	fz_run_program(&sim, false);
	assert_true(sim.res.passed);
	assert_int_equal(ls.n, l->n);
	for (unsigned k = 0; k < l->n; k++)
		if (!obs_log_same(&ls.o[k], &l->o[k]))
			fail_msg("observation %u (kind %u on the simulator) differs on fz_core (kind %u)", k,
				 ls.o[k].kind, l->o[k].kind);
}

/* Observations of kind made at step (ANY_STEP: any) on pe (SIM_NONE: any). */
#define ANY_STEP UINT32_MAX
static unsigned count(const struct obs_log *l, unsigned kind, uint32_t step, unsigned pe)
{
	unsigned n = 0;

	for (unsigned k = 0; k < l->n; k++)
		n += l->o[k].kind == kind && (step == ANY_STEP || l->o[k].step == step) &&
		     (pe == SIM_NONE || l->o[k].pe == pe);
	return n;
}

/* The first observation of kind made at step (fails when there is none). */
static const struct sim_obs *first(const struct obs_log *l, unsigned kind, uint32_t step)
{
	for (unsigned k = 0; k < l->n; k++)
		if (l->o[k].kind == kind && l->o[k].step == step)
			return &l->o[k];
	fail_msg("no observation of kind %u at step %u", kind, step);
	return NULL;
}

/* PE 0 acknowledged SPI 40 at step 5 and held it. */
static void assert_held_at_5(const struct obs_log *l)
{
	const struct sim_obs *o = first(l, SIM_OBS_HOLD, 5);

	assert_int_equal(o->pe, 0);
	assert_int_equal(o->intid, 40);
	assert_int_equal(count(l, SIM_OBS_HOLD, ANY_STEP, SIM_NONE), 1);
}

static void build_disable_enable(struct sim_program *p)
{
	const struct sim_value ev[] = { sim_const(NORMAL_EVENT) };

	hold_program(p);
	add_step(p, SIM_OP_HAND_OVER, 0);                                /* step 7 */
	add_call(p, 1, SDD_FID_EVENT_ENABLE, 1, ev);                     /* step 8 */
}

static void hold_disable_enable(void **state)
{
	static struct obs_log l;
	const struct sim_obs *o;

	(void)state;
	run(build_disable_enable, &l);
	assert_held_at_5(&l);
	/* no interrupt handed to the dispatcher before the hand_over */
	assert_int_equal(count(&l, SIM_OBS_IRQ, ANY_STEP, SIM_NONE),
			 count(&l, SIM_OBS_IRQ, 7, SIM_NONE) + count(&l, SIM_OBS_IRQ, 8, SIM_NONE));
	o = first(&l, SIM_OBS_IRQ, 7);
	assert_int_equal(o->pe, 0);
	assert_int_equal(o->intid, 40);
	assert_int_equal(o->status, SDD_IRQ_HELD);
	/* one dispatch, after the ENABLE */
	assert_int_equal(count(&l, SIM_OBS_DISPATCH, ANY_STEP, SIM_NONE), 1);
	assert_int_equal(count(&l, SIM_OBS_DISPATCH, 8, SIM_NONE), 1);
	assert_int_equal(first(&l, SIM_OBS_DISPATCH, 8)->event, (int32_t)NORMAL_EVENT);
}

static void build_reroute(struct sim_program *p)
{
	const struct sim_value ev[] = { sim_const(NORMAL_EVENT) };
	const struct sim_value route[] = { sim_const(NORMAL_EVENT), sim_const(SDD_RM_PE), { SIM_V_MPIDR, 1 } };

	hold_program(p);
	add_call(p, 1, SDD_FID_EVENT_ROUTING_SET, 3, route);             /* step 7 */
	add_call(p, 1, SDD_FID_EVENT_ENABLE, 1, ev);                     /* step 8 */
	add_step(p, SIM_OP_HAND_OVER, 0);                                /* step 9 */
}

static void hold_reroute(void **state)
{
	static struct obs_log l;
	const struct sim_obs *o;

	(void)state;
	run(build_reroute, &l);
	assert_held_at_5(&l);
	assert_int_equal(count(&l, SIM_OBS_IRQ, ANY_STEP, SIM_NONE), count(&l, SIM_OBS_IRQ, 9, SIM_NONE));
	o = first(&l, SIM_OBS_IRQ, 9);
	assert_int_equal(o->pe, 0);
	assert_int_equal(o->intid, 40);
	assert_int_equal(o->status, SDD_IRQ_REROUTED);
	/* the one dispatch: on PE 1, at the hand_over */
	assert_int_equal(count(&l, SIM_OBS_DISPATCH, ANY_STEP, SIM_NONE), 1);
	assert_int_equal(count(&l, SIM_OBS_DISPATCH, 9, 1), 1);
}

static void build_blocks_pe(struct sim_program *p)
{
	const struct sim_value reg[] = { sim_const(CRITICAL_EVENT), { SIM_V_HANDLER, 0 }, sim_const(9),
					 sim_const(SDD_RM_PE), { SIM_V_MPIDR, 0 } };
	const struct sim_value crit[] = { sim_const(CRITICAL_EVENT) };

	hold_program(p);
	add_call(p, 1, SDD_FID_EVENT_REGISTER, 5, reg);                  /* step 7 */
	add_call(p, 1, SDD_FID_EVENT_ENABLE, 1, crit);                   /* step 8 */
	add_step(p, SIM_OP_INTERRUPT, SIM_NONE)->intid = 41;             /* step 9 */
	add_call(p, 0, SDD_FID_EVENT_STATUS, 1, crit);                   /* step 10: skipped */
	add_step(p, SIM_OP_HAND_OVER, 0);                                /* step 11 */
}

static void hold_blocks_pe(void **state)
{
	static struct obs_log l;
	const struct sim_obs *o;

	(void)state;
	run(build_blocks_pe, &l);
	assert_held_at_5(&l);
	/* the critical interrupt waits for the hand_over; the call is not made */
	assert_int_equal(count(&l, SIM_OBS_IRQ, ANY_STEP, SIM_NONE), count(&l, SIM_OBS_IRQ, 11, SIM_NONE));
	assert_int_equal(count(&l, SIM_OBS_CALL, 10, SIM_NONE), 0);
	o = first(&l, SIM_OBS_IRQ, 11);
	assert_int_equal(o->intid, 40);
	assert_int_equal(o->status, SDD_IRQ_HELD);
	assert_int_equal(count(&l, SIM_OBS_DISPATCH, ANY_STEP, SIM_NONE), 1);
	o = first(&l, SIM_OBS_DISPATCH, 11);
	assert_int_equal(o->pe, 0);
	assert_int_equal(o->event, (int32_t)CRITICAL_EVENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hold_disable_enable),
		cmocka_unit_test(hold_reroute),
		cmocka_unit_test(hold_blocks_pe),
	};
	char err[200];
	int failed;

	if (fz_core_init(&core) != 0)
		return 1;
	if (fz_run_init(&sim, err, sizeof err) != 0) {
		fprintf(stderr, "test_fz_core_hold: %s\n", err);
		return 1;
	}
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	fz_run_free(&sim);
	fz_core_free(&core);
	return failed;
}
