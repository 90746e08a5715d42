/*
 * mc.c - see mc.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mc.h"

struct sim_machine *mc_settled_nesting(bool nest)
{
	static struct pb b;
	struct sim_machine *m;
	const struct sim_loc here = { 0, 0 };
	int h;

	pb_init(&b);
	mt_setup_platform(&b);
	h = mt_pausing_handler(&b);
	for (unsigned pe = 0; pe < 4; pe++) {
		pb_register(&b, pe, EV_NORM, h, 0, 0, V(0));
		pb_call1(&b, pe, SDD_FID_EVENT_ENABLE, V(EV_NORM));
		pb_call0(&b, pe, SDD_FID_PE_UNMASK);
	}
	pb_interrupt(&b, 0, 22);
	if (nest) {
		pb_register(&b, 0, EV_CRIT, h, 0, 0, V(0));
		pb_call1(&b, 0, SDD_FID_EVENT_ENABLE, V(EV_CRIT));
		pb_interrupt(&b, 0, 23);
	}
	pb_psci(&b, 3, SIM_PSCI_CPU_SUSPEND, SIM_NONE);
	b.p.steps[b.p.nsteps - 1].state = SIM_SUSPEND_STANDBY;
	mt_assert_passes(&b);
	pb_free(&b);
	m = sim_cpu_workspace(mt_cpu, sizeof *m);
	assert_int_equal(m->pe[0].depth, nest ? 2 : 1);
	assert_int_equal(m->pe[3].power, SIM_PE_STANDBY);
	assert_true(sim_check_invariants(m, here));
	return m;
}

struct sim_machine *mc_settled(void)
{
	return mc_settled_nesting(false);
}

void mc_assert_failed(struct sim_machine *m, unsigned kind, const char *needle)
{
	const char *at = strstr(m->fail_msg, needle);

	assert_true(m->failed);
	if (m->fail_kind != kind || at == NULL || (kind == SIM_FAIL_SIMULATOR && at != m->fail_msg))
		fail_msg("reported (kind %u): %s (expected kind %u, '%s')", m->fail_kind, m->fail_msg, kind, needle);
}

void mc_assert_reported(struct sim_machine *m, unsigned kind, const char *needle)
{
	const struct sim_loc here = { 0, 0 };

	assert_false(sim_check_invariants(m, here));
	mc_assert_failed(m, kind, needle);
}
