/*
 * test_migrate_format.c - the exact bytes sdd_save() writes.
 *
 * The format in sdd_migrate.c's header comment is a contract: images
 * saved by earlier builds must still load.  test_migrate.c checks that a
 * state survives a round trip, which a format change made consistently on
 * both sides would not break; this test pins one small image byte for
 * byte (every kind of field: header, fingerprint, bound, intids, shared
 * and private registrations, a masked PE holding an event, a frame, the
 * CRC), so any change to the layout, the fingerprint or the checksum
 * fails here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tplat.h"

/* 2 PEs; event 0, a static private PPI, a static shared critical SPI, an
 * explicit event, a private and a shared bind slot. */
static void small_platform(struct sdd_platform *p)
{
	static const struct sdd_event_desc ev[] = {
		{ EV0, SDD_EVK_EVENT0, SDD_PRIVATE, SDD_PRI_NORMAL, SGI_EV0 },
		{ EV_PPI_NORM, SDD_EVK_STATIC, SDD_PRIVATE, SDD_PRI_NORMAL, PPI_NORM },
		{ EV_SPI_CRIT, SDD_EVK_STATIC, SDD_SHARED, SDD_PRI_CRITICAL, SPI_CRIT },
		{ EV_EXPL_NORM, SDD_EVK_EXPLICIT, SDD_PRIVATE, SDD_PRI_NORMAL, 0 },
		{ EV_PSLOT(0), SDD_EVK_DYNAMIC, SDD_PRIVATE, SDD_PRI_NORMAL, 0 },
		{ EV_SSLOT(0), SDD_EVK_DYNAMIC, SDD_SHARED, SDD_PRI_NORMAL, 0 },
	};

	tp_default_platform(p);
	p->pe_count = 2;
	p->policy.bind = SDD_BIND_TFA;      /* a policy byte that is not 0 */
	p->event_count = sizeof ev / sizeof ev[0];
	memcpy(p->events, ev, sizeof ev);
}

/*
 * The state: SPI 70 bound (the shared slot), registered RM_PE to PE 1;
 * PPI_NORM registered and enabled on both PEs; on PE 1 (unmasked) its
 * handler is running; on PE 0 (masked) its trigger is held.
 */
static size_t small_image(struct tp *t, uint8_t *buf, size_t cap)
{
	struct sdd_platform p;
	size_t n;

	small_platform(&p);
	tp_setup(t, &p);
	assert_int_equal(tp_bind(t, 0, 70), EV_SSLOT(0));
	tp_register_pe(t, 0, EV_SSLOT(0), H_B, 0x5555, 1);
	tp_register(t, 0, EV_PPI_NORM, H_A, 0xA0);
	tp_enable(t, 0, EV_PPI_NORM);
	tp_register(t, 1, EV_PPI_NORM, H_A + 4, 0xA1);
	tp_enable(t, 1, EV_PPI_NORM);
	tp_unmask(t, 1);
	tp_fire(t, PPI_NORM, 1);
	tp_fire(t, PPI_NORM, 0);
	assert_int_equal(tp_depth(t, 1), 1);
	assert_int_equal(t->d.pe[0].deferred, 1u << 1);
	tp_check(t);
	n = sdd_save(&t->d, buf, cap);
	assert_int_equal(n, sdd_save_size(&t->d));
	return n;
}

/* Written by the format-version-1 code this test was added with. */
static const uint8_t pinned[] = {
	/* header: "SDDS", version 1, 0, fingerprint, payload length */
	0x53, 0x44, 0x44, 0x53, 0x01, 0x00, 0x00, 0x00, 0x38, 0x57, 0x18, 0x8A,
	0x95, 0x01, 0x00, 0x00,
	/* bound (the shared slot, index 5) */
	0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* intid[6]: SGI 8, PPI 30, SPI 41, 0, 0, SPI 70 */
	0x08, 0x00, 0x1E, 0x00, 0x29, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46, 0x00,
	/* shared SPI_CRIT: unregistered */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF,
	/* shared SSLOT0: ep, arg, registered, RM_PE, target PE 1, running_pe none */
	0x00, 0x04, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x55, 0x55, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0xFF,
	/* PE 0: masked, depth 0, deferred = PPI_NORM */
	0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* PE 1: unmasked, depth 1, deferred 0 */
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* PE 1 frame: event 1, interrupt, normal, PPI 30, pc, pstate */
	0x01, 0x00, 0x00, 0x1E, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x09, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00,
	/* PE 1 frame: x0..x17 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x06, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x20, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x08, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x09, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x20, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x0B, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x0C, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0D, 0x20, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x0E, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x0F, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x20, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x11, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* PE 0 private: event 0, PPI_NORM (registered, enabled) */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x00, 0x00, 0x02, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xA0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x03, 0x00, 0x00, 0xFF,
	/* PE 0 private: EXPL_NORM, PSLOT0 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0xFF,
	/* PE 1 private: event 0, PPI_NORM (registered, enabled, running) */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x04, 0x00, 0x02, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xA1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x07, 0x00, 0x00, 0xFF,
	/* PE 1 private: EXPL_NORM, PSLOT0 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0xFF,
	/* CRC-32 */
	0xD8, 0x09, 0x5B, 0x88,
};

static void dump(const uint8_t *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		printf("%s0x%02X,%s", k % 12 ? " " : "\t", b[k], k % 12 == 11 || k + 1 == n ? "\n" : "");
}

static void a_small_image_has_exactly_the_pinned_bytes(void **state)
{
	static struct tp t;
	static uint8_t buf[4096];
	size_t n;
	(void)state;

	n = small_image(&t, buf, sizeof buf);
	if (n != sizeof pinned || memcmp(buf, pinned, n) != 0) {
		dump(buf, n);
		fail_msg("the saved image (above, %zu bytes) differs from the pinned one (%zu bytes)",
			 n, sizeof pinned);
	}
}

static void the_pinned_image_loads_and_saves_back_unchanged(void **state)
{
	static struct tp t;
	static uint8_t buf[4096];
	struct sdd_platform p;
	size_t n;
	(void)state;

	small_platform(&p);
	tp_setup(&t, &p);
	assert_int_equal(sdd_load(&t.d, pinned, sizeof pinned), SDD_LOAD_OK);
	assert_int_equal(sdd_check(&t.d), 0);
	assert_int_equal(tp_status(&t, 1, EV_PPI_NORM), SDD_STATUS_REGISTERED |
			 SDD_STATUS_ENABLED | SDD_STATUS_RUNNING);
	assert_int_equal(t.d.pe[1].frame[0].pc, t.regs[1].pc);
	n = sdd_save(&t.d, buf, sizeof buf);
	assert_int_equal(n, sizeof pinned);
	assert_memory_equal(buf, pinned, n);
}

/* Every byte of every field the fingerprint covers that a valid
 * description can set is non-zero somewhere in this one, so a byte left out, repeated or misplaced changes
 * the fingerprint (the small image's platform has mostly zero high bytes). */
static void dense_platform(struct sdd_platform *p)
{
	static const uint64_t mpidr[TP_PES] = {
		0xA100123456ull, 0xB200654321ull, 0xC3000000FFull, 0xD400FF00FFull,
	};
	static const struct sdd_event_desc ev[] = {
		{ EV0, SDD_EVK_EVENT0, SDD_PRIVATE, SDD_PRI_CRITICAL, 15 },
		{ 0x40ABCDEF, SDD_EVK_STATIC, SDD_PRIVATE, SDD_PRI_CRITICAL, PPI_CRIT },
		{ 0x40FEDCBA, SDD_EVK_STATIC, SDD_SHARED, SDD_PRI_NORMAL, 1019 },
	};

	tp_default_platform(p);
	memcpy(p->mpidr, mpidr, sizeof mpidr);
	p->client_el = 1;
	p->vendor_version = 0x89ABCDEF;
	p->spi_count = 988;
	p->features = SDD_FEAT_ALL;
	memset(&p->policy, 1, sizeof p->policy);
	p->policy.entry_pstate = SDD_PSTATE_INHERIT;       /* 1 (TFA_PLAIN) is not allowed here */
	p->policy.resume_pstate = SDD_PSTATE_INHERIT;
	p->event_count = sizeof ev / sizeof ev[0];
	memcpy(p->events, ev, sizeof ev);
}

static void the_fingerprint_of_a_dense_platform_is_pinned(void **state)
{
	static struct tp t;
	static uint8_t buf[4096];
	struct sdd_platform p;
	uint32_t fp;
	(void)state;

	dense_platform(&p);
	tp_setup(&t, &p);
	assert_true(sdd_save(&t.d, buf, sizeof buf) > 12);
	fp = (uint32_t)buf[8] | (uint32_t)buf[9] << 8 | (uint32_t)buf[10] << 16 |
	     (uint32_t)buf[11] << 24;
	if (fp != 0x6ECCA0C0u)        /* computed by the code this test was added with */
		fail_msg("fingerprint 0x%08X", fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_small_image_has_exactly_the_pinned_bytes),
		cmocka_unit_test(the_pinned_image_loads_and_saves_back_unchanged),
		cmocka_unit_test(the_fingerprint_of_a_dense_platform_is_pinned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
