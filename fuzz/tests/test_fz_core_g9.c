/*
 * test_fz_core_g9.c - an illegal EOI (GIC invariant G9: the dispatcher's
 * fault, reference/gicv3-ehf.md §4.3) reads on fuzz_core's machine as it
 * does on the simulator's (sim/check.c, sim/gic's gic_g9_text), so that
 * the nightly's triage, which takes the FINDING message for a bug's
 * signature and counts fuzz_core and fuzz_sdei as one group, makes one
 * finding of a bug both harnesses find:
 *
 *   eoi_with_nothing_acknowledged  PE 1 acknowledged nothing;
 *   eoi_out_of_order               PE 0's last acknowledge is another
 *                                  INTID.
 *
 * Each breaks the machine a passing run left, by hand, as a dispatcher's
 * EOI through the port would, and the checks made after every step must
 * say so in sim.machine_checks' words (there INTID 22 on PE 1: "GIC
 * invariant G9 violated: G9: 1 illegal EOI/DIR writes, the first: EOIR
 * with nothing acknowledged, INTID 22 on PE 1").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fz_core.h"
#include "fz_core_internal.h"
#include "sdd/sdd.h"

static struct fz_core core;

/* A run that passes: 2 PEs, each unmasked. */
static struct fzc_machine *settled(void)
{
	struct sim_program *p = &core.prog;
	struct sim_op *op;

	sim_program_reset(p);
	p->lenient = true;
	p->platform.pes = 2;
	for (unsigned pe = 0; pe < 2; pe++) {
		op = sim_new_step(p, SIM_OP_CALL, pe);
		assert_non_null(op);
		op->fid = sim_const(SDD_FID_PE_UNMASK);
	}
	assert_true(fz_core_run_program(&core));
	assert_true(core.res.passed);
	assert_false(core.m->failed);
	return core.m;
}

static void eoi_with_nothing_acknowledged(void **state)
{
	struct fzc_machine *m = settled();
	(void)state;

	fzc_eoi0(m, 1, 22);
	fzc_check_invariants(m);
	assert_true(m->failed);
	assert_int_equal(m->fail_kind, SIM_FAIL_INVARIANT);
	assert_string_equal(m->fail_msg, "GIC invariant G9 violated: G9: 1 illegal EOI/DIR writes, the first: EOIR "
			    "with nothing acknowledged, INTID 22 on PE 1");
}

static void eoi_out_of_order(void **state)
{
	struct fzc_machine *m = settled();
	(void)state;

	/* PE 0 acknowledges SGI 8 (what EVENT_SIGNAL would raise), then EOIs 9 */
	m->gic.pe[0].ack[0].intid = 8;
	m->gic.pe[0].ack[0].gprio = 0x70;
	m->gic.pe[0].nack = 1;
	fzc_eoi0(m, 0, 9);
	fzc_check_invariants(m);
	assert_true(m->failed);
	assert_string_equal(m->fail_msg, "GIC invariant G9 violated: G9: 1 illegal EOI/DIR writes, the first: EOIR "
			    "out of order, INTID 9 on PE 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eoi_with_nothing_acknowledged),
		cmocka_unit_test(eoi_out_of_order),
	};

	if (fz_core_init(&core) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
