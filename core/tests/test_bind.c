/*
 * test_bind.c - INTERRUPT_BIND / INTERRUPT_RELEASE and bind slots
 * (DEN0054C §5.1.14-5.1.15, §6.3; our notes §3.12-3.13).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tplat.h"

#define INV  SDD_INVALID_PARAMETERS
#define DEN  SDD_DENIED
#define OOR  SDD_OUT_OF_RESOURCE

static void bind_ppi_makes_a_private_vendor_event_on_every_pe(void **state)
{
	struct tp *t = *state;
	int64_t ev = tp_call1(t, 1, SDD_FID_INTERRUPT_BIND, 16);

	assert_int_equal(ev, EV_PSLOT(0));
	assert_true(ev & SDD_EVENT_VENDOR_BIT);
	assert_int_equal(ev >> 32, 0);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, (uint64_t)ev, SDD_INFO_EV_TYPE), 0);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, (uint64_t)ev, SDD_INFO_EV_PRIORITY), 0);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, (uint64_t)ev, SDD_INFO_EV_SIGNALED), 1);
	for (unsigned pe = 0; pe < TP_PES; pe++) {
		assert_true(tp_irq(t, pe, 16)->fw);
		assert_false(tp_irq(t, pe, 16)->enabled);
		assert_int_equal(tp_irq(t, pe, 16)->prio, PRIO_NORMAL);
	}
}

static void bind_spi_makes_a_shared_event(void **state)
{
	struct tp *t = *state;
	int64_t ev = tp_call1(t, 2, SDD_FID_INTERRUPT_BIND, 127);

	assert_int_equal(ev, EV_SSLOT(0));
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, (uint64_t)ev, SDD_INFO_EV_TYPE), 1);
	assert_true(tp_irq(t, 0, 127)->fw);
}

static void bind_same_interrupt_twice_gives_the_same_number(void **state)
{
	struct tp *t = *state;
	int32_t a = tp_bind(t, 0, 50), b = tp_bind(t, 3, 50), c = tp_bind(t, 0, 51);

	assert_int_equal(a, b);
	assert_int_not_equal(a, c);
	assert_int_equal(tp_bind(t, 1, 20), tp_bind(t, 2, 20));
}

static void bind_refuses_what_is_not_a_ppi_or_existing_spi(void **state)
{
	struct tp *t = *state;
	static const uint64_t bad[] = {
		0, 1, 7, 8, 15,                 /* SGIs */
		128, 1019,                      /* SPIs this GIC does not have (spi_count 96) */
		1020, 1021, 1022, 1023,         /* special INTIDs */
		1024, 1056, 4096, 8192,         /* extended ranges, LPIs */
		0xFFFFFFFFull, 0x100000010ull,  /* garbage, upper bits */
	};
	for (unsigned k = 0; k < sizeof bad / sizeof bad[0]; k++)
		assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, bad[k]), INV);
	/* None of these numbers reached the interrupt controller (CVE-2023-49100). */
	assert_int_equal(t->port_calls_with_bad_intid, 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, 127), EV_SSLOT(0));  /* the last SPI */
}

static void bind_refuses_firmware_owned_interrupts(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, PPI_SECURE), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, SPI_SECURE), INV);
	/* the platform's own events' interrupts */
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, PPI_NORM), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, SPI_CRIT), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, SGI_EV0), INV);
}

/* A PPI has one configuration per redistributor and the binding claims it
 * on every PE: one firmware owns on any PE is not the client's to bind
 * (§5.1.14.3: INVALID_PARAMETERS), whichever PE asks. */
static void bind_refuses_a_ppi_firmware_owns_on_another_pe(void **state)
{
	struct tp *t = *state;
	tp_irq(t, 2, 21)->fw = true;              /* Group 0 on PE 2 only */
	tp_irq(t, 2, 21)->prio = 0x10;
	for (unsigned pe = 0; pe < TP_PES; pe++)
		assert_int_equal(tp_call1(t, pe, SDD_FID_INTERRUPT_BIND, 21), INV);
	assert_false(tp_irq(t, 0, 21)->fw);       /* not taken over anywhere */
	assert_int_equal(tp_irq(t, 2, 21)->prio, 0x10);
	assert_int_equal(t->d.bound, 0);
	tp_irq(t, 2, 21)->fw = false;
	assert_int_equal(tp_bind(t, 0, 21), EV_PSLOT(0));
}

/* §5.1.14: the client is to bind a disabled interrupt, but the error list
 * has nothing for an enabled one (DENIED is for "not Inactive", and
 * enabled is not a GIC state): BIND succeeds, and the claim disables it,
 * so nothing fires until the event is registered and enabled. */
static void bind_takes_an_enabled_interrupt_and_disables_it(void **state)
{
	struct tp *t = *state;
	for (unsigned pe = 0; pe < TP_PES; pe++)
		tp_irq(t, pe, 24)->enabled = true;
	tp_irq(t, 0, 70)->enabled = true;
	assert_int_equal(tp_bind(t, 1, 24), EV_PSLOT(0));
	assert_int_equal(tp_bind(t, 1, 70), EV_SSLOT(0));
	for (unsigned pe = 0; pe < TP_PES; pe++)
		assert_false(tp_irq(t, pe, 24)->enabled);
	assert_false(tp_irq(t, 0, 70)->enabled);
	tp_register(t, 1, EV_PSLOT(0), H_A, 0);
	assert_false(tp_irq(t, 1, 24)->enabled);
	tp_enable(t, 1, EV_PSLOT(0));
	tp_unmask(t, 1);
	assert_true(tp_irq(t, 1, 24)->enabled);
	assert_false(tp_irq(t, 0, 24)->enabled);  /* registered on PE 1 only */
}

static void bind_refuses_an_interrupt_that_is_not_inactive(void **state)
{
	struct tp *t = *state;
	tp_irq(t, 2, 21)->active = true;          /* active on one PE only */
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, 21), DEN);
	tp_irq(t, 0, 60)->active = true;
	assert_int_equal(tp_call1(t, 1, SDD_FID_INTERRUPT_BIND, 60), DEN);
	tp_irq(t, 2, 21)->active = false;
	tp_irq(t, 0, 60)->active = false;
	tp_bind(t, 0, 21);
	tp_bind(t, 0, 60);
}

/* The GIC's Inactive is neither active nor pending (§5.1.14.3): binding a
 * pending interrupt would take it over and drop the pending state. */
static void bind_refuses_an_interrupt_that_is_pending(void **state)
{
	struct tp *t = *state;
	tp_irq(t, 3, 22)->pending = true;         /* pending on one PE only */
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, 22), DEN);
	tp_irq(t, 0, 61)->pending = true;
	assert_int_equal(tp_call1(t, 2, SDD_FID_INTERRUPT_BIND, 61), DEN);
	assert_false(tp_irq(t, 3, 22)->fw);       /* neither was taken over */
	assert_true(tp_irq(t, 3, 22)->pending);
	assert_true(tp_irq(t, 0, 61)->pending);
	tp_irq(t, 3, 22)->pending = false;
	tp_irq(t, 0, 61)->pending = false;
	assert_int_equal(tp_bind(t, 0, 22), EV_PSLOT(0));   /* no slot was used */
	assert_int_equal(tp_bind(t, 0, 61), EV_SSLOT(0));
}

static void bind_slots_run_out(void **state)
{
	struct tp *t = *state;
	for (uint32_t k = 0; k < 3; k++) {
		assert_int_equal(tp_bind(t, 0, 16 + k), EV_PSLOT(k));
		assert_int_equal(tp_bind(t, 0, 50 + k), EV_SSLOT(k));
	}
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, 19), OOR);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_BIND, 53), OOR);
	assert_int_equal(tp_bind(t, 0, 17), EV_PSLOT(1));      /* already bound: still fine */
	assert_false(tp_irq(t, 0, 19)->fw);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, EV_PSLOT(1)), 0);
	assert_int_equal(tp_bind(t, 0, 19), EV_PSLOT(1));      /* the freed slot is reused */
}

static void release_refuses_what_is_not_a_bound_event(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, EV_PSLOT(0)), INV);   /* free slot */
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, EV_PPI_NORM), INV);   /* platform */
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, EV0), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, EV_EXPL_NORM), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, 0x40000999), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, 16), INV);   /* an INTID is not an event */
}

static void release_gives_the_interrupt_back(void **state)
{
	struct tp *t = *state;
	int32_t ev = tp_bind(t, 0, 23);

	assert_int_equal(tp_call1(t, 3, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), 0);
	for (unsigned pe = 0; pe < TP_PES; pe++)
		assert_false(tp_irq(t, pe, 23)->fw);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_STATUS, (uint32_t)ev), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), INV);   /* twice */
}

/* A trigger latched while the bound event was unregistered belongs to the
 * binding (the event ignores it): it does not go back to the client with
 * the interrupt, where it would make the next INTERRUPT_BIND answer DENIED. */
static void release_drops_a_trigger_latched_while_unregistered(void **state)
{
	struct tp *t = *state;
	int32_t ppi = tp_bind(t, 0, 23), spi = tp_bind(t, 0, 62);

	tp_irq(t, 1, 23)->pending = true;
	tp_irq(t, 3, 23)->pending = true;
	tp_irq(t, 0, 62)->pending = true;
	assert_int_equal(tp_call1(t, 2, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ppi), 0);
	assert_int_equal(tp_call1(t, 2, SDD_FID_INTERRUPT_RELEASE, (uint32_t)spi), 0);
	for (unsigned pe = 0; pe < TP_PES; pe++)
		assert_false(tp_irq(t, pe, 23)->pending);
	assert_false(tp_irq(t, 0, 62)->pending);
	assert_int_equal(tp_bind(t, 0, 23), ppi);
	assert_int_equal(tp_bind(t, 0, 62), spi);
}

static void release_needs_every_pe_unregistered(void **state)
{
	struct tp *t = *state;
	int32_t ev = tp_bind(t, 0, 24);

	tp_register(t, 2, ev, H_A, 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), DEN);
	assert_int_equal(tp_call1(t, 2, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), DEN);
	assert_int_equal(tp_call1(t, 2, SDD_FID_EVENT_UNREGISTER, (uint32_t)ev), 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), 0);
}

static void release_of_a_running_event_is_denied(void **state)
{
	struct tp *t = *state;
	int32_t ev = tp_bind(t, 0, 70);

	tp_register(t, 1, ev, H_A, 0);
	tp_enable(t, 1, ev);
	tp_unmask(t, 1);
	tp_fire(t, 70, 0);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_UNREGISTER, (uint32_t)ev), SDD_PENDING);
	assert_int_equal(tp_call1(t, 1, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), DEN);
	assert_int_equal(tp_call1(t, 2, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), DEN);
	tp_call1(t, 1, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(tp_call1(t, 2, SDD_FID_INTERRUPT_RELEASE, (uint32_t)ev), 0);
}

static void bound_event_end_to_end(void **state)
{
	struct tp *t = *state;
	int32_t ev = tp_bind(t, 0, 88);

	tp_register_pe(t, 0, ev, H_A, 0xBEEF, 2);
	assert_int_equal(t->spi_target[88 - 32], 2);
	tp_enable(t, 0, ev);
	tp_unmask(t, 0);
	tp_unmask(t, 2);
	tp_fire(t, 88, 0);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 2);
	assert_int_equal(t->log[0].regs.x[0], (uint32_t)ev);
	assert_int_equal(t->log[0].regs.x[1], 0xBEEF);
	tp_call1(t, 2, SDD_FID_EVENT_COMPLETE, 0);
	assert_int_equal(t->last_out.intid, 88);
	assert_false(tp_irq(t, 0, 88)->active);
}

static void bound_ppi_registration_is_per_pe(void **state)
{
	struct tp *t = *state;
	int32_t ev = tp_bind(t, 0, 25);

	tp_register(t, 0, ev, H_A, 0);
	tp_enable(t, 0, ev);
	tp_unmask(t, 0);
	tp_unmask(t, 1);
	tp_fire(t, 25, 1);
	assert_int_equal(t->nlog, 0);
	tp_fire(t, 25, 0);
	assert_int_equal(t->nlog, 1);
	assert_int_equal(t->log[0].pe, 0);
}

/* sdd_check is the fuzzers' invariant oracle: an interrupt owned twice
 * must be caught, whichever pair of events shares it. */
static void the_checker_finds_an_interrupt_owned_twice(void **state)
{
	struct tp *t = *state;
	int a = sdd_event_index(&t->d, tp_bind(t, 0, 50));
	int b = sdd_event_index(&t->d, tp_bind(t, 0, 51));

	assert_true(a >= 0 && b >= 0);
	assert_int_equal(sdd_check(&t->d), 0);
	t->d.intid[b] = 50;                  /* two slots on one SPI */
	assert_int_not_equal(sdd_check(&t->d), 0);
	t->d.intid[b] = SPI_NORM;            /* a slot on a platform event's SPI */
	assert_int_not_equal(sdd_check(&t->d), 0);
	t->d.intid[b] = 51;
	assert_int_equal(sdd_check(&t->d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TP_TEST(bind_ppi_makes_a_private_vendor_event_on_every_pe),
		TP_TEST(bind_spi_makes_a_shared_event),
		TP_TEST(bind_same_interrupt_twice_gives_the_same_number),
		TP_TEST(bind_refuses_what_is_not_a_ppi_or_existing_spi),
		TP_TEST(bind_refuses_firmware_owned_interrupts),
		TP_TEST(bind_refuses_a_ppi_firmware_owns_on_another_pe),
		TP_TEST(bind_takes_an_enabled_interrupt_and_disables_it),
		TP_TEST(bind_refuses_an_interrupt_that_is_not_inactive),
		TP_TEST(bind_refuses_an_interrupt_that_is_pending),
		TP_TEST(bind_slots_run_out),
		TP_TEST(release_refuses_what_is_not_a_bound_event),
		TP_TEST(release_gives_the_interrupt_back),
		TP_TEST(release_drops_a_trigger_latched_while_unregistered),
		TP_TEST(release_needs_every_pe_unregistered),
		TP_TEST(release_of_a_running_event_is_denied),
		TP_TEST(bound_event_end_to_end),
		TP_TEST(bound_ppi_registration_is_per_pe),
		TP_TEST(the_checker_finds_an_interrupt_owned_twice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
