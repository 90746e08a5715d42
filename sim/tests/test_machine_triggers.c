/*
 * test_machine_triggers.c - invariant X7 (check_triggers.c): every handler
 * entered is explained by a trigger, and no trigger is lost on the way.
 * Each link of trigger -> latch -> acknowledge -> dispatch is broken by
 * hand on a machine that settled legally (mc.h), the way a GIC model, a
 * port or a dispatcher bug would break it, and the check made at that
 * link must report it - as the simulator's own fault up to the
 * acknowledge, the dispatcher's at the handler's entry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gic_internal.h"
#include "mc.h"

/* X7: a trigger the GIC did not latch is lost there and then (an
 * EVENT_SIGNAL's SGI the GIC dropped leaves nothing for X6 to find). */
static void a_trigger_the_gic_did_not_latch(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	/* noted as made, never written to the GIC: what a GIC that drops it shows */
	assert_false(sim_note_trigger(m, 1, 22, false));
	mc_assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "X7: INTID 22 was triggered for PE 1 and the GIC did not "
			 "latch it");
}

/* X7: a latch may go only by an acknowledge or the dispatcher's ICPENDR. */
static void a_latched_trigger_lost_before_its_acknowledge(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	sim_fire(m, 22, 1);
	assert_false(m->failed);
	gic_set_pending(&m->gic, 1, 22, false);   /* the GIC, not the port */
	mc_assert_reported(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "X7: INTID 22 of PE 1 was triggered and is no longer latched");
}

/* ... on PE 0, and of an SPI, at each end of each of the ledger's words
 * of SPIs (SPIs 32-127): kept triggers in the word before it - SGI 0, SPI
 * 32, bit 0 - are not mistaken for it. */
static void a_trigger_lost_anywhere_in_the_ledger(void **state)
{
	static const uint32_t spis[] = { 32, 95, 96, 127 };
	struct sim_machine *m = mc_settled();
	char want[256];
	(void)state;

	sim_fire(m, 0, 0);
	sim_fire(m, 31, 0);
	gic_set_pending(&m->gic, 0, 31, false);
	mc_assert_reported(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "X7: INTID 31 of PE 0 was triggered and is no longer "
			   "latched");
	for (unsigned k = 0; k < sizeof spis / sizeof spis[0]; k++) {
		m = mc_settled();
		sim_fire(m, spis[k] == 32 ? 33 : 32, 1);
		sim_fire(m, spis[k], 1);
		assert_false(m->failed);
		gic_set_pending(&m->gic, 0, spis[k], false);
		snprintf(want, sizeof want, OWN("GIC model") "X7: SPI %u was triggered and is no longer latched",
			 spis[k]);
		mc_assert_reported(m, SIM_FAIL_SIMULATOR, want);
	}
}

/* ... and of the last SPI of a platform whose SPIs end at either end of
 * a word of the ledger, or inside one: the search for a lost trigger
 * walks the words as far as the platform's last SPI (the suite's
 * platforms have 96 and 224 SPIs, both whole or half words). */
static void a_trigger_lost_at_the_last_spi_of_any_platform(void **state)
{
	static const uint32_t counts[] = { 63, 64, 65, 127, 128, 129, 130, 191, 192, 193, 195, GIC_MAX_SPIS };
	static struct pb b;
	char want[256];
	(void)state;

	for (unsigned k = 0; k < sizeof counts / sizeof counts[0]; k++) {
		uint32_t last = 32 + counts[k] - 1;
		struct sim_machine *m;

		pb_init(&b);
		mt_setup_platform(&b);
		b.p.platform.spis = counts[k];
		pb_call0(&b, 0, SDD_FID_PE_UNMASK);
		mt_assert_passes(&b);
		pb_free(&b);
		m = sim_cpu_workspace(mt_cpu, sizeof *m);
		sim_fire(m, last, 0);
		assert_false(m->failed);
		gic_set_pending(&m->gic, 0, last, false);
		snprintf(want, sizeof want, OWN("GIC model") "X7: SPI %u was triggered and is no longer latched",
			 (unsigned)last);
		mc_assert_reported(m, SIM_FAIL_SIMULATOR, want);
	}
}

/* X7: an edge-triggered interrupt is acknowledged once per trigger; one
 * acknowledged with none since the last (a latch the acknowledge left
 * set, or one set from nowhere) is a dispatch no trigger explains. */
static void an_acknowledge_with_no_trigger(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	sim_fire(m, 22, 1);
	assert_int_equal(gic_ack0(&m->gic, 1), 22);
	assert_true(sim_check_ack(m, 1, 22));          /* the fire explains it */
	gic_eoi0(&m->gic, 1, 22);
	gic_set_pending(&m->gic, 1, 22, true);         /* no trigger */
	assert_int_equal(gic_ack0(&m->gic, 1), 22);
	assert_false(sim_check_ack(m, 1, 22));
	mc_assert_failed(m, SIM_FAIL_SIMULATOR, OWN("GIC model") "X7: PE 1 acknowledged INTID 22, edge-triggered, with "
			 "no trigger since its last acknowledge");
}

/* ... at each end of the PPIs and the SPIs too: the rule reads the
 * interrupt's own configuration (its neighbours are level-sensitive). */
static void an_acknowledge_at_a_range_end_with_no_trigger(void **state)
{
	static const uint32_t intids[] = { 31, 32, 127 };
	char want[256];
	(void)state;

	for (unsigned k = 0; k < sizeof intids / sizeof intids[0]; k++) {
		struct sim_machine *m = mc_settled();
		uint32_t intid = intids[k];

		gic_set_irq(&m->gic, 1, intid, GIC_G0, SIM_PRIO_NORMAL, true, false);
		if (intid >= 32)
			gic_set_route(&m->gic, intid, false, m->gic.pe[1].mpidr);
		gic_set_edge(&m->gic, 1, intid + 1, false);
		gic_set_edge(&m->gic, 1, intid - 1, false);
		sim_fire(m, intid, 1);
		assert_int_equal(gic_ack0(&m->gic, 1), intid);
		assert_true(sim_check_ack(m, 1, intid));
		gic_eoi0(&m->gic, 1, intid);
		gic_set_pending(&m->gic, 1, intid, true);     /* no trigger */
		assert_int_equal(gic_ack0(&m->gic, 1), intid);
		assert_false(sim_check_ack(m, 1, intid));
		snprintf(want, sizeof want, OWN("GIC model") "X7: PE 1 acknowledged INTID %u, edge-triggered, with no "
			 "trigger since its last acknowledge", intid);
		mc_assert_failed(m, SIM_FAIL_SIMULATOR, want);
	}
}

/* X7: a handler entered for an interrupt takes an acknowledge of it. */
static void a_dispatch_for_an_interrupt_never_acknowledged(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	sim_fire(m, 22, 1);
	assert_false(sim_triggers_dispatch(m, 1, 22));
	mc_assert_failed(m, SIM_FAIL_INVARIANT, "X7: PE 1 entered a handler for INTID 22, which it did not acknowledge");
}

/* X7: one acknowledge, one handler entered - SGI 0's too. */
static void two_dispatches_for_one_acknowledge(void **state)
{
	static const uint32_t intids[] = { 22, 0 };
	(void)state;

	for (unsigned k = 0; k < sizeof intids / sizeof intids[0]; k++) {
		struct sim_machine *m = mc_settled();

		gic_set_irq(&m->gic, 1, intids[k], GIC_G0, SIM_PRIO_NORMAL, true, false);
		sim_fire(m, intids[k], 1);
		assert_int_equal(gic_ack0(&m->gic, 1), intids[k]);
		assert_true(sim_check_ack(m, 1, intids[k]));
		assert_true(sim_triggers_dispatch(m, 1, intids[k]));
		assert_false(sim_triggers_dispatch(m, 1, intids[k]));
		mc_assert_failed(m, SIM_FAIL_INVARIANT, "(or whose acknowledge a handler was entered for already)");
	}
}

/* X7: the acknowledge a handler is entered for is still the latest its
 * CPU interface holds, not one ended since. */
static void a_dispatch_for_an_acknowledge_ended_since(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	sim_fire(m, 22, 1);
	assert_int_equal(gic_ack0(&m->gic, 1), 22);
	assert_true(sim_check_ack(m, 1, 22));
	gic_eoi0(&m->gic, 1, 22);
	assert_false(sim_triggers_dispatch(m, 1, 22));
	mc_assert_failed(m, SIM_FAIL_INVARIANT, "X7: PE 1 entered a handler for INTID 22, which it no longer holds as its "
			 "latest acknowledge");
}

/* X7: an interrupt a hold step keeps is the hand_over's to give to the
 * dispatcher; a handler entered for it before then is a second path to
 * the dispatcher, which hands it over again at the hand_over. */
static void a_dispatch_for_an_interrupt_the_firmware_holds(void **state)
{
	struct sim_machine *m = mc_settled();
	struct sim_obs ob;
	(void)state;

	sim_fire(m, 22, 1);
	assert_true(sim_hold_arm(&m->pe[1].hold));
	assert_int_equal(gic_ack0(&m->gic, 1), 22);
	assert_true(sim_check_ack(m, 1, 22));
	assert_false(sim_hold_ack(&m->pe[1].hold, 1, 0, 22, 0, 0, &ob));   /* held */
	assert_false(sim_triggers_dispatch(m, 1, 22));
	mc_assert_failed(m, SIM_FAIL_INVARIANT, "X7: PE 1 entered a handler for INTID 22, which its firmware holds");
}

/* The triggers the ledger keeps no record of are no failure: an SGI of
 * another group sent as Group 0 (the target does not take it: G8), an
 * INTID or PE the machine does not have; one the GIC latched is none
 * either. */
static void triggers_the_ledger_does_not_keep_are_no_failure(void **state)
{
	struct sim_machine *m = mc_settled();
	(void)state;

	gic_sgi(&m->gic, 0, 1, 5, GIC_G0);
	assert_true(sim_note_trigger(m, 1, 5, true));
	assert_true(sim_note_trigger(m, m->npe, 22, false));
	assert_true(sim_note_trigger(m, 1, 128, false));
	gic_fire(&m->gic, 1, 22);
	assert_true(sim_note_trigger(m, 1, 22, false));
	assert_false(m->failed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_trigger_the_gic_did_not_latch),
		cmocka_unit_test(a_latched_trigger_lost_before_its_acknowledge),
		cmocka_unit_test(a_trigger_lost_anywhere_in_the_ledger),
		cmocka_unit_test(a_trigger_lost_at_the_last_spi_of_any_platform),
		cmocka_unit_test(an_acknowledge_with_no_trigger),
		cmocka_unit_test(an_acknowledge_at_a_range_end_with_no_trigger),
		cmocka_unit_test(a_dispatch_for_an_interrupt_never_acknowledged),
		cmocka_unit_test(two_dispatches_for_one_acknowledge),
		cmocka_unit_test(a_dispatch_for_an_acknowledge_ended_since),
		cmocka_unit_test(a_dispatch_for_an_interrupt_the_firmware_holds),
		cmocka_unit_test(triggers_the_ledger_does_not_keep_are_no_failure),
	};
	return cmocka_run_group_tests(tests, mt_group_setup, mt_group_teardown);
}
