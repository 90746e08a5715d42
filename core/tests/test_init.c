/*
 * test_init.c - run-time validation of the platform description: every
 * sdd_init_error is produced by the description that deserves it, and a
 * refused description leaves a dispatcher that refuses everything and has
 * never called the port.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tplat.h"

struct bad_platform {
	const char *what;
	void (*edit)(struct sdd_platform *p);
	int err;
};

static void pe_count_zero(struct sdd_platform *p)        { p->pe_count = 0; }
static void pe_count_65(struct sdd_platform *p)          { p->pe_count = SDD_MAX_PES + 1; }
static void mpidr_bit31(struct sdd_platform *p)          { p->mpidr[1] = 0x80000001ull; }
static void mpidr_high(struct sdd_platform *p)           { p->mpidr[2] = 1ull << 40; }
static void mpidr_dup(struct sdd_platform *p)            { p->mpidr[3] = p->mpidr[0]; }
static void mpidr_pe0_high(struct sdd_platform *p)       { p->mpidr[0] = 1ull << 40; }
static void mpidr_dup_2_3(struct sdd_platform *p)        { p->mpidr[3] = p->mpidr[2]; }
static void client_el_3(struct sdd_platform *p)          { p->client_el = 3; }
static void client_el_0(struct sdd_platform *p)          { p->client_el = 0; }
static void version_2(struct sdd_platform *p)            { p->version_minor = 2; }
static void relative_v10(struct sdd_platform *p)         { p->version_minor = 0; }
static void spi_989(struct sdd_platform *p)              { p->spi_count = 989; }
static void feature_bits(struct sdd_platform *p)         { p->features = 1u << 20; }
static void policy_range(struct sdd_platform *p)         { p->policy.signal = 7; }
static void policy_entry_plain(struct sdd_platform *p)   { p->policy.entry_pstate = SDD_PSTATE_TFA_PLAIN; }
static void policy_last_range(struct sdd_platform *p)    { p->policy.unreg_trigger = SDD_UNREG_TRIGGER_KEEP + 1; }
static void no_events(struct sdd_platform *p)            { p->event_count = 0; }
static void too_many_events(struct sdd_platform *p)      { p->event_count = SDD_MAX_EVENTS + 1; }
static void negative_number(struct sdd_platform *p)      { p->events[12].number = -5; }
static void reserved_number(struct sdd_platform *p)      { p->events[12].number = 0x41000000; }
static void unsorted(struct sdd_platform *p)             { p->events[3].number = 0x40000050; }
static void duplicate(struct sdd_platform *p)            { p->events[2].number = p->events[1].number; }
static void two_events0(struct sdd_platform *p)          { p->events[1] = p->events[0]; p->events[1].intid = 9; }
static void event0_second(struct sdd_platform *p)
{
	struct sdd_event_desc ev0 = p->events[0];
	p->events[0] = p->events[1];
	p->events[1] = ev0;
}
static void bad_kind(struct sdd_platform *p)             { p->events[2].kind = 9; }
static void bad_type(struct sdd_platform *p)             { p->events[2].type = 2; }
static void bad_priority(struct sdd_platform *p)         { p->events[2].priority = 2; }
static void no_event0(struct sdd_platform *p)
{
	memmove(&p->events[0], &p->events[1], (p->event_count - 1) * sizeof p->events[0]);
	p->event_count--;
}
static void event0_shared(struct sdd_platform *p)        { p->events[0].type = SDD_SHARED; }
static void event0_on_ppi(struct sdd_platform *p)        { p->events[0].intid = 20; }
static void event0_on_ppi16(struct sdd_platform *p)      { p->events[0].intid = 16; }
static void event0_static(struct sdd_platform *p)        { p->events[0].kind = SDD_EVK_STATIC; }
static void event0_kind_elsewhere(struct sdd_platform *p) { p->events[5].kind = SDD_EVK_EVENT0; p->events[5].intid = 9; }
static void static_private_spi(struct sdd_platform *p)   { p->events[2].intid = 40 + 10; }
static void static_private_sgi(struct sdd_platform *p)   { p->events[2].intid = 3; }
static void static_private_spi32(struct sdd_platform *p) { p->events[2].intid = 32; }
static void static_shared_ppi(struct sdd_platform *p)    { p->events[3].intid = 20; }
static void static_shared_beyond(struct sdd_platform *p) { p->events[3].intid = 32 + 96; }
static void intid_dup(struct sdd_platform *p)            { p->events[2].intid = p->events[1].intid; }
static void intid_dup_spi(struct sdd_platform *p)        { p->events[3].intid = 100; p->events[4].intid = 100; }
static void intid_dup_then_bad(struct sdd_platform *p)   { intid_dup(p); p->events[5].kind = 9; }
static void intid_dup_and_bad(struct sdd_platform *p)    { intid_dup(p); p->events[2].priority = 2; }
static void intid_dup_ev0(struct sdd_platform *p)        { p->events[0].intid = 8; p->events[1].intid = 8; }
static void dynamic_intid(struct sdd_platform *p)        { p->events[7].intid = 17; }
static void explicit_intid(struct sdd_platform *p)       { p->events[5].intid = 17; }
static void dynamic_critical(struct sdd_platform *p)     { p->events[10].priority = SDD_PRI_CRITICAL; }
static void explicit_shared(struct sdd_platform *p)      { p->events[6].type = SDD_SHARED; }
static void dynamic_standard(struct sdd_platform *p)
{
	/* a bind slot numbered in the standard space, kept sorted: 1000 */
	struct sdd_event_desc slot = p->events[7];
	memmove(&p->events[2], &p->events[1], 6 * sizeof p->events[0]);
	slot.number = 1000;
	p->events[1] = slot;
}
static void too_many_private(struct sdd_platform *p)
{
	p->event_count = 1;
	for (unsigned i = 1; i <= SDD_MAX_PRIVATE_EVENTS; i++) {
		struct sdd_event_desc *ev = &p->events[p->event_count++];
		ev->number = (int32_t)(0x40000000 + i);
		ev->kind = SDD_EVK_EXPLICIT;
		ev->type = SDD_PRIVATE;
		ev->priority = SDD_PRI_NORMAL;
		ev->intid = 0;
	}
}

static const struct bad_platform cases[] = {
	{ "no PEs", pe_count_zero, SDD_INIT_PE_COUNT },
	{ "65 PEs", pe_count_65, SDD_INIT_PE_COUNT },
	{ "MPIDR bit 31", mpidr_bit31, SDD_INIT_MPIDR_BITS },
	{ "MPIDR bit 40", mpidr_high, SDD_INIT_MPIDR_BITS },
	{ "duplicate MPIDR", mpidr_dup, SDD_INIT_MPIDR_DUPLICATE },
	{ "MPIDR bit 40 on PE 0", mpidr_pe0_high, SDD_INIT_MPIDR_BITS },
	{ "PEs 2 and 3 share an MPIDR", mpidr_dup_2_3, SDD_INIT_MPIDR_DUPLICATE },
	{ "client EL 3", client_el_3, SDD_INIT_CLIENT_EL },
	{ "client EL 0", client_el_0, SDD_INIT_CLIENT_EL },
	{ "version 1.2", version_2, SDD_INIT_VERSION },
	{ "relative mode on 1.0", relative_v10, SDD_INIT_RELATIVE_NEEDS_V11 },
	{ "989 SPIs", spi_989, SDD_INIT_SPI_COUNT },
	{ "unknown feature", feature_bits, SDD_INIT_FEATURES },
	{ "policy out of range", policy_range, SDD_INIT_POLICY },
	{ "TF-A plain PSTATE for entry", policy_entry_plain, SDD_INIT_POLICY },
	{ "the last policy out of range", policy_last_range, SDD_INIT_POLICY },
	{ "no events", no_events, SDD_INIT_EVENT_COUNT },
	{ "65 events", too_many_events, SDD_INIT_EVENT_COUNT },
	{ "negative number", negative_number, SDD_INIT_EVENT_NUMBER },
	{ "reserved bits", reserved_number, SDD_INIT_EVENT_NUMBER },
	{ "unsorted", unsorted, SDD_INIT_EVENT_ORDER },
	{ "duplicate number", duplicate, SDD_INIT_EVENT_ORDER },
	{ "two events 0", two_events0, SDD_INIT_EVENT_ORDER },
	{ "event 0 second", event0_second, SDD_INIT_EVENT_ORDER },
	{ "kind 9", bad_kind, SDD_INIT_EVENT_FIELD },
	{ "type 2", bad_type, SDD_INIT_EVENT_FIELD },
	{ "priority 2", bad_priority, SDD_INIT_EVENT_FIELD },
	{ "no event 0", no_event0, SDD_INIT_EVENT0_MISSING },
	{ "shared event 0", event0_shared, SDD_INIT_EVENT0_SHAPE },
	{ "event 0 on a PPI", event0_on_ppi, SDD_INIT_EVENT0_SHAPE },
	{ "event 0 on the first PPI, 16", event0_on_ppi16, SDD_INIT_EVENT0_SHAPE },
	{ "event 0 static", event0_static, SDD_INIT_EVENT0_SHAPE },
	{ "EVENT0 kind on another number", event0_kind_elsewhere, SDD_INIT_EVENT0_SHAPE },
	{ "static private on an SPI", static_private_spi, SDD_INIT_STATIC_PRIVATE_NOT_PPI },
	{ "static private on an SGI", static_private_sgi, SDD_INIT_STATIC_PRIVATE_NOT_PPI },
	{ "static private on the first SPI, 32", static_private_spi32, SDD_INIT_STATIC_PRIVATE_NOT_PPI },
	{ "static shared on a PPI", static_shared_ppi, SDD_INIT_STATIC_SHARED_NOT_SPI },
	{ "static shared beyond the SPIs", static_shared_beyond, SDD_INIT_STATIC_SHARED_NOT_SPI },
	{ "two events on one PPI", intid_dup, SDD_INIT_INTID_DUPLICATE },
	{ "two events on one SPI above 63", intid_dup_spi, SDD_INIT_INTID_DUPLICATE },
	{ "two events on one PPI, a bad event after them", intid_dup_then_bad, SDD_INIT_INTID_DUPLICATE },
	{ "the second event on one PPI bad itself", intid_dup_and_bad, SDD_INIT_EVENT_FIELD },
	{ "static event on event 0's SGI", intid_dup_ev0, SDD_INIT_STATIC_PRIVATE_NOT_PPI },
	{ "bind slot with an interrupt", dynamic_intid, SDD_INIT_INTID_UNEXPECTED },
	{ "explicit event with an interrupt", explicit_intid, SDD_INIT_INTID_UNEXPECTED },
	{ "critical bind slot", dynamic_critical, SDD_INIT_DYNAMIC_NOT_NORMAL },
	{ "shared explicit event", explicit_shared, SDD_INIT_EXPLICIT_SHARED },
	{ "bind slot in the standard space", dynamic_standard, SDD_INIT_NUMBER_SPACE },
	{ "33 private events", too_many_private, SDD_INIT_TOO_MANY_PRIVATE },
};

static void every_bad_description_gets_its_own_error(void **state)
{
	static struct tp t;
	static struct sdd d;
	(void)state;

	tp_setup(&t, NULL);
	for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct sdd_platform p;
		unsigned claims = t.claims, locks = t.locks;
		int err;
		struct sdd_regs r;

		tp_default_platform(&p);
		cases[k].edit(&p);
		err = sdd_init(&d, &p, &t.port, &t);
		if (err != cases[k].err)
			fail_msg("%s: sdd_init gave %d (%s), expected %d (%s)", cases[k].what, err,
				 sdd_init_error_name(err), cases[k].err, sdd_init_error_name(cases[k].err));
		assert_string_not_equal(sdd_init_error_name(err), "unknown error");
		assert_int_equal(t.claims, claims);           /* the port was not touched */
		/* and the result refuses everything */
		memset(&r, 0, sizeof r);
		r.pstate = SDD_PSTATE_M_EL2H;
		r.x[0] = SDD_FID_VERSION;
		sdd_call(&d, 0, &r, NULL);
		assert_int_equal((int64_t)r.x[0], SDD_NOT_SUPPORTED);
		assert_int_equal(sdd_irq(&d, 0, 8, &r, NULL), SDD_IRQ_REFUSED);
		assert_int_equal(sdd_save(&d, (uint8_t *)&r, sizeof r), 0);
		assert_int_equal(t.locks, locks);
	}
}

static void bad_arguments_and_incomplete_ports(void **state)
{
	static struct tp t;
	static struct sdd d;
	struct sdd_port port;
	struct sdd_platform p;
	(void)state;

	tp_setup(&t, NULL);
	tp_default_platform(&p);
	assert_int_equal(sdd_init(NULL, &p, &t.port, &t), SDD_INIT_NULL_ARGUMENT);
	assert_int_equal(sdd_init(&d, NULL, &t.port, &t), SDD_INIT_NULL_ARGUMENT);
	assert_int_equal(sdd_init(&d, &p, NULL, &t), SDD_INIT_NULL_ARGUMENT);
	for (unsigned k = 0; k < sizeof port / sizeof(void (*)(void)); k++) {
		port = t.port;
		((void (**)(void))&port)[k] = NULL;
		assert_int_equal(sdd_init(&d, &p, &port, &t), SDD_INIT_PORT_INCOMPLETE);
	}
	assert_int_equal(sdd_init(&d, &p, &t.port, &t), SDD_INIT_OK);
	assert_string_equal(sdd_init_error_name(-1), "unknown error");
	assert_string_equal(sdd_init_error_name(1000), "unknown error");
}

/* Every public operation refuses a NULL argument; checking a description
 * without building anything is no exception (sdd_init checks it first). */
static void validating_no_description_is_a_null_argument(void **state)
{
	(void)state;
	assert_int_equal(sdd_validate_platform(NULL), SDD_INIT_NULL_ARGUMENT);
}

static void a_good_description_claims_the_platform_interrupts(void **state)
{
	static struct tp t;
	(void)state;
	tp_setup(&t, NULL);
	for (unsigned pe = 0; pe < TP_PES; pe++) {
		assert_true(tp_irq(&t, pe, SGI_EV0)->fw);
		assert_true(tp_irq(&t, pe, PPI_CRIT)->fw);
		assert_int_equal(tp_irq(&t, pe, PPI_CRIT)->prio, PRIO_CRITICAL);
		assert_true(tp_irq(&t, pe, PPI_NORM)->fw);
		assert_false(tp_irq(&t, pe, PPI_NORM)->enabled);
		assert_false(tp_irq(&t, pe, 16)->fw);
	}
	assert_true(tp_irq(&t, 0, SPI_NORM)->fw);
	assert_int_equal(tp_irq(&t, 0, SPI_CRIT)->prio, PRIO_CRITICAL);
	assert_false(tp_irq(&t, 0, 50)->fw);
	tp_check(&t);
}

/* Only the first event_count entries of events[] describe the platform:
 * what lies after them (here the default platform's other events, a
 * static shared one first) is not claimed.  Each of the rest is claimed
 * once: the private ones on every PE, the shared one on PE 0. */
static void events_past_event_count_claim_nothing(void **state)
{
	static struct tp t;
	struct sdd_platform p;
	(void)state;

	tp_default_platform(&p);
	p.event_count = 4;             /* EV0, PPI_CRIT, PPI_NORM, SPI_NORM; SPI_CRIT next */
	tp_setup(&t, &p);
	assert_int_equal(t.claims, TP_PES * 3 + 1);
	assert_true(tp_irq(&t, 0, SPI_NORM)->fw);
	assert_false(tp_irq(&t, 0, SPI_CRIT)->fw);
	for (unsigned pe = 0; pe < TP_PES; pe++)
		assert_false(tp_irq(&t, pe, 0)->fw);
	tp_check(&t);
}

/* The largest description: 64 PEs, 64 events, 32 of them private (every
 * entry of struct sdd's priv in use). */
static void limits_platform(struct sdd_platform *p)
{
	memset(p, 0, sizeof *p);
	p->pe_count = SDD_MAX_PES;
	for (unsigned k = 0; k < SDD_MAX_PES; k++)
		p->mpidr[k] = ((uint64_t)(k / 16) << 8) | (k % 16);
	p->client_el = 1;
	p->spi_count = 988;
	p->event_count = SDD_MAX_EVENTS;
	p->events[0] = (struct sdd_event_desc){ 0, SDD_EVK_EVENT0, SDD_PRIVATE, SDD_PRI_NORMAL, 15 };
	for (unsigned i = 1; i < SDD_MAX_EVENTS; i++)
		p->events[i] = (struct sdd_event_desc){ (int32_t)(0x40000000 + i), SDD_EVK_DYNAMIC,
							i < SDD_MAX_PRIVATE_EVENTS ? SDD_PRIVATE : SDD_SHARED,
							SDD_PRI_NORMAL, 0 };
}

static void the_limits_are_accepted(void **state)
{
	static struct tp t;
	static struct sdd d;
	struct sdd_platform p;
	(void)state;

	tp_setup(&t, NULL);
	limits_platform(&p);
	/* d is not tp's: give it a tp port anyway; tp ignores PEs beyond its 4 */
	t.npe = TP_PES;
	assert_int_equal(sdd_init(&d, &p, &t.port, &t), SDD_INIT_OK);
	assert_int_equal(sdd_check(&d), 0);
}

/* At the limits, init, a save, a load and the reset after a refused load
 * write nothing past the dispatcher: the memory after it is the
 * caller's. */
static void a_dispatcher_at_the_limits_writes_nothing_past_itself(void **state)
{
	static struct tp t;
	static struct {
		struct sdd d;
		uint8_t after[64];
	} w;
	static const uint8_t junk[24] = { 'S', 'D', 'D', 'S' };
	static uint8_t image[8192];
	struct sdd_platform p;
	size_t n;
	(void)state;

	tp_setup(&t, NULL);
	limits_platform(&p);
	t.npe = TP_PES;
	memset(w.after, 0xA5, sizeof w.after);
	assert_int_equal(sdd_init(&w.d, &p, &t.port, &t), SDD_INIT_OK);
	assert_int_equal(w.d.npriv, SDD_MAX_PRIVATE_EVENTS);
	n = sdd_save(&w.d, image, sizeof image);
	assert_int_not_equal(n, 0);
	assert_int_equal(sdd_load(&w.d, image, n), SDD_LOAD_OK);
	assert_int_not_equal(sdd_load(&w.d, junk, sizeof junk), SDD_LOAD_OK);
	assert_int_equal(sdd_check(&w.d), 0);
	for (unsigned k = 0; k < sizeof w.after; k++)
		assert_int_equal(w.after[k], 0xA5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_bad_description_gets_its_own_error),
		cmocka_unit_test(bad_arguments_and_incomplete_ports),
		cmocka_unit_test(validating_no_description_is_a_null_argument),
		cmocka_unit_test(a_good_description_claims_the_platform_interrupts),
		cmocka_unit_test(events_past_event_count_claim_nothing),
		cmocka_unit_test(the_limits_are_accepted),
		cmocka_unit_test(a_dispatcher_at_the_limits_writes_nothing_past_itself),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
