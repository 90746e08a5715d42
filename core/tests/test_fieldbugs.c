/*
 * test_fieldbugs.c - one regression test per TF-A field bug that concerns
 * dispatcher logic (reference/tf-a-dispatcher.md §3.1).  Each test drives
 * the trigger the bug report names and asserts the specification's
 * behaviour, so none of these bugs can exist in this dispatcher.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tplat.h"

#define INV  SDD_INVALID_PARAMETERS
#define DEN  SDD_DENIED

/* FB02: explicit dispatch always failed (a security-state check was
 * always true).  A valid explicit dispatch must succeed. */
static void fb02_valid_explicit_dispatch_succeeds(void **state)
{
	struct tp *t = *state;
	tp_register(t, 2, EV_EXPL_CRIT, H_A, 0);
	tp_enable(t, 2, EV_EXPL_CRIT);
	tp_unmask(t, 2);
	assert_int_equal(tp_explicit(t, 2, EV_EXPL_CRIT), 0);
	assert_int_equal(t->log[0].regs.x[0], EV_EXPL_CRIT);
	tp_call1(t, 2, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->nrunning[2], 0);
}

/* FB03: an unsigned registration count hid more UNREGISTERs than
 * REGISTERs.  Extra UNREGISTERs are refused and leave nothing skewed. */
static void fb03_extra_unregister_is_refused_and_counts_stay_consistent(void **state)
{
	struct tp *t = *state;
	int32_t ev = tp_bind(t, 0, 16);

	tp_register(t, 0, ev, H_A, 0);
	tp_register(t, 1, ev, H_A, 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_UNREGISTER, (uint32_t)ev), 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_UNREGISTER, (uint32_t)ev), DEN);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_UNREGISTER, (uint32_t)ev), DEN);
	/* PE 1 still has it: RELEASE must wait for it, then succeed. */
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), DEN);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_UNREGISTER, (uint32_t)ev), 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), 0);
}

/* FB04: nothing checked that bind slots are normal priority. */
static void fb04_critical_bind_slot_is_refused_at_init(void **state)
{
	struct sdd_platform p;
	static struct sdd d;
	struct tp *t = *state;

	tp_default_platform(&p);
	p.events[8].priority = SDD_PRI_CRITICAL;          /* a private bind slot */
	assert_int_equal(sdd_init(&d, &p, &t->port, t), SDD_INIT_DYNAMIC_NOT_NORMAL);
}

/* FB05: the resets returned PENDING instead of DENIED when a handler ran. */
static void fb05_resets_in_a_handler_return_denied(void **state)
{
	struct tp *t = *state;
	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_SPI_NORM);
	tp_register(t, 0, EV_PPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_PPI_NORM);
	tp_unmask(t, 0);
	tp_fire(t, PPI_NORM, 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PRIVATE_RESET), DEN);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_SHARED_RESET), DEN);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
}

/* FB06: COMPLETE_AND_RESUME popped the context before validating, so a
 * refused call lost the handler's interrupted context. */
static void fb06_refused_complete_and_resume_keeps_the_handler_running(void **state)
{
	struct tp *t = *state;
	struct sdd_regs before;

	tp_register(t, 1, EV_PPI_NORM, H_A, 0);
	tp_enable(t, 1, EV_PPI_NORM);
	tp_unmask(t, 1);
	before = t->regs[1];
	tp_fire(t, PPI_NORM, 1);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_COMPLETE_AND_RESUME, 0x3), INV);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_COMPLETE_AND_RESUME, EP_VALID_HI + 8), INV);
	assert_int_equal(t->last_action, SDD_ACT_RETURN);
	assert_int_equal(tp_depth(t, 1), 1);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_CONTEXT, 6), before.x[6]);
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->last_action, SDD_ACT_COMPLETE);
	assert_int_equal(t->regs[1].pc, before.pc);
	assert_memory_equal(t->regs[1].x, before.x, sizeof before.x);
}

/* FB08: the PE was not masked again after waking from power-down. */
static void fb08_powerdown_wake_masks_before_a_bound_interrupt_fires(void **state)
{
	struct tp *t = *state;
	int32_t ev = tp_bind(t, 0, 26);

	tp_register(t, 3, ev, H_A, 0);
	tp_enable(t, 3, ev);
	tp_unmask(t, 3);
	sdd_pe_wake(&t->d, 3, true);
	tp_fire(t, 26, 3);
	assert_int_equal(t->nlog, 0);
	assert_int_equal(t->last_irq[0], SDD_IRQ_DEFERRED);
}

/* FB10: completing any interrupt-bound event panicked (inverted check). */
static void fb10_completing_a_bound_event_ends_its_interrupt(void **state)
{
	struct tp *t = *state;
	int32_t ev = tp_bind(t, 0, 99);

	tp_register(t, 0, ev, H_A, 0);
	tp_enable(t, 0, ev);
	tp_unmask(t, 0);
	tp_fire(t, 99, 0);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->last_action, SDD_ACT_COMPLETE);
	assert_int_equal(t->faults, 0);
	assert_false(tp_irq(t, 0, 99)->active);
	assert_int_equal(t->eois, 1);
}

/* FB12: the shared-event lock was released twice and COMPLETE ran unlocked.
 * Every operation takes the lock exactly once, and never nests it. */
static void fb12_every_operation_locks_once_and_balanced(void **state)
{
	struct tp *t = *state;
	unsigned before;

	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_SPI_NORM);
	tp_unmask(t, 1);
	before = t->locks;
	tp_fire(t, SPI_NORM, 0);
	assert_int_equal(t->locks, before + 1);
	tp_call1(t, 2, SDD_FID_EVENT_STATUS, EV_SPI_NORM);
	tp_call1(t, 3, SDD_FID_EVENT_ENABLE, EV_SPI_NORM);
	before = t->locks;
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->locks, before + 1);
	assert_int_equal(t->locks, t->unlocks);
	assert_int_equal(t->max_lock_depth, 1);
}

/* FB19: ROUTING_SET to RM_PE kept the old affinity. */
static void fb19_routing_set_updates_the_affinity(void **state)
{
	struct tp *t = *state;

	tp_register_pe(t, 0, EV_SPI_NORM, H_A, 0, 1);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, SDD_RM_PE, 0x100, 0, 0), 0);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, EV_SPI_NORM, SDD_INFO_EV_ROUTING_AFF), 0x100);
	assert_int_equal(t->spi_target[SPI_NORM - 32], 2);
	tp_enable(t, 0, EV_SPI_NORM);
	tp_unmask(t, 1);
	tp_fire(t, SPI_NORM, 0);                /* aimed at masked PE 2: held there */
	assert_int_equal(t->nlog, 0);
	tp_unmask(t, 2);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 2);
}

/* FB21: a private event registered with flags 0 / affinity 0 on a PE other
 * than 0 hit an affinity assert when triggered while masked. */
static void fb21_private_event_with_zero_affinity_on_another_pe(void **state)
{
	struct tp *t = *state;

	assert_int_equal(tp_call(t, 3, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, H_A, 0, 0, 0), 0);
	tp_enable(t, 3, EV_PPI_NORM);
	tp_fire(t, PPI_NORM, 3);                /* PE 3 masked (kdump masks all PEs) */
	assert_int_equal(t->last_irq[0], SDD_IRQ_DEFERRED);
	tp_unmask(t, 3);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 3);
}

/* FB23 / CVE-2023-49100: BIND passed unimplemented INTIDs to the GIC driver. */
static void fb23_bind_never_passes_a_bad_intid_to_the_platform(void **state)
{
	struct tp *t = *state;
	for (uint64_t id = 0; id < 9000; id += 7)
		tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, id);
	tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, 0xFFFFFFFFull);
	tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, 128);
	assert_int_equal(t->port_calls_with_bad_intid, 0);
}

/* FB24: MPIDR validation let a well-formed but non-existent MPIDR through. */
static void fb24_non_existent_mpidr_is_invalid_everywhere(void **state)
{
	struct tp *t = *state;
	static const uint64_t bad[] = { 0x2, 0x102, 0x200, 0x10000, 0x100000000ull };
	for (unsigned k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_SPI_NORM, H_A, 0, SDD_RM_PE, bad[k]), INV);
		assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, bad[k]), INV);
	}
	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	for (unsigned k = 0; k < sizeof bad / sizeof bad[0]; k++)
		assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, SDD_RM_PE, bad[k], 0, 0), INV);
	assert_int_equal(t->sgis, 0);
}

/* FB25: the free-slot search took an explicit event (interrupt 0) for a
 * free bind slot once the real slots were used up. */
static void fb25_binding_beyond_the_slots_never_takes_an_explicit_event(void **state)
{
	struct tp *t = *state;
	for (uint32_t k = 0; k < 3; k++)
		tp_bind(t, 0, 16 + k);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, 19), SDD_OUT_OF_RESOURCE);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, EV_EXPL_NORM), INV);
	tp_register(t, 0, EV_EXPL_NORM, H_A, 0);
	tp_enable(t, 0, EV_EXPL_NORM);
	tp_unmask(t, 0);
	assert_int_equal(tp_explicit(t, 0, EV_EXPL_NORM), 0);
	tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, 0);
}

/* FB26: SIGNAL to a masked or unregistered target reached wrong paths
 * (the SGI was dropped, never EOI'd).  By the spec it is set pending and
 * delivered when the target can take it; nothing is left active. */
static void fb26_signal_to_masked_or_unregistered_target_stays_pending(void **state)
{
	struct tp *t = *state;

	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x1), 0);     /* unregistered */
	tp_register(t, 1, EV0, H_A, 0);
	tp_enable(t, 1, EV0);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x1), 0);     /* masked */
	assert_false(tp_irq(t, 1, SGI_EV0)->active);
	assert_int_equal(t->nlog, 0);
	tp_unmask(t, 1);
	assert_int_equal(t->nlog, 1);
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->nlog, 1);                                       /* once */
	assert_int_equal(t->nrunning[1], 0);
}

/* FB27: SIGNAL indexed per-CPU state with a negative core position. */
static void fb27_signal_with_an_invalid_target_touches_nothing(void **state)
{
	struct tp *t = *state;
	static const uint64_t bad[] = { ~0ull, 0xFF00FFFFFFull, 0x80000000ull, 0x8000000000000000ull };
	for (unsigned k = 0; k < sizeof bad / sizeof bad[0]; k++)
		assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, bad[k]), INV);
	assert_int_equal(t->sgis, 0);
	assert_int_equal(t->port_calls_with_bad_intid, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TP_TEST(fb02_valid_explicit_dispatch_succeeds),
		TP_TEST(fb03_extra_unregister_is_refused_and_counts_stay_consistent),
		TP_TEST(fb04_critical_bind_slot_is_refused_at_init),
		TP_TEST(fb05_resets_in_a_handler_return_denied),
		TP_TEST(fb06_refused_complete_and_resume_keeps_the_handler_running),
		TP_TEST(fb08_powerdown_wake_masks_before_a_bound_interrupt_fires),
		TP_TEST(fb10_completing_a_bound_event_ends_its_interrupt),
		TP_TEST(fb12_every_operation_locks_once_and_balanced),
		TP_TEST(fb19_routing_set_updates_the_affinity),
		TP_TEST(fb21_private_event_with_zero_affinity_on_another_pe),
		TP_TEST(fb23_bind_never_passes_a_bad_intid_to_the_platform),
		TP_TEST(fb24_non_existent_mpidr_is_invalid_everywhere),
		TP_TEST(fb25_binding_beyond_the_slots_never_takes_an_explicit_event),
		TP_TEST(fb26_signal_to_masked_or_unregistered_target_stays_pending),
		TP_TEST(fb27_signal_with_an_invalid_target_touches_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
