/*
 * test_capacity.c - the core built for a larger machine (SDD_MAX_PES
 * defined as 254 for this test and its own copy of the core, see
 * CMakeLists.txt): a 254-PE platform initialises, a shared event routed
 * to the last PE goes there and is taken there, and its state survives
 * a save and load.  PE indexes are kept in bytes with 0xFF meaning none,
 * so 254 is the largest machine the format can describe.
 *
 * The port is nport's (tplat's GIC model is sized for four PEs).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "nport.h"

_Static_assert(SDD_MAX_PES == 254, "this test is built with SDD_MAX_PES=254");

#define NPE      254u
#define LAST     (NPE - 1)
#define HANDLER  0x20000ull

struct big {
	struct sdd d;
	struct sdd_platform plat;
	struct nport port;
};

static void setup(struct big *b)
{
	memset(b, 0, sizeof *b);
	nport_platform(&b->plat, NPE);
	assert_int_equal(sdd_init(&b->d, &b->plat, &nport_ops, &b->port), SDD_INIT_OK);
}

static int64_t call(struct big *b, unsigned pe, struct sdd_regs *r, uint32_t fid,
		    uint64_t a, uint64_t c, uint64_t e, uint64_t f, uint64_t g)
{
	assert_int_equal(nport_call(&b->d, pe, r, fid, a, c, e, f, g), SDD_ACT_RETURN);
	return (int64_t)r->x[0];
}

static void a_254_pe_machine_routes_and_dispatches_at_its_last_pe(void **state)
{
	static struct big b, copy;
	static uint8_t image[1 << 16];
	struct sdd_regs r;
	struct sdd_outcome out;
	size_t n;
	(void)state;

	setup(&b);
	assert_int_equal(call(&b, 0, &r, SDD_FID_EVENT_REGISTER, NP_EV_SPI, HANDLER, 7,
			      SDD_REGFLAG_RM_PE, nport_mpidr(LAST)), SDD_SUCCESS);
	assert_int_equal(b.port.routed_to, LAST);
	assert_int_equal(call(&b, 0, &r, SDD_FID_EVENT_ENABLE, NP_EV_SPI, 0, 0, 0, 0), SDD_SUCCESS);
	assert_int_equal(call(&b, LAST, &r, SDD_FID_PE_UNMASK, 0, 0, 0, 0, 0), SDD_SUCCESS);
	/* GET_INFO(ROUTING_AFF) answers the last PE's MPIDR */
	assert_int_equal(call(&b, 5, &r, SDD_FID_EVENT_GET_INFO, NP_EV_SPI, 4, 0, 0, 0),
			 (int64_t)nport_mpidr(LAST));

	memset(&r, 0, sizeof r);
	r.pstate = SDD_PSTATE_M_EL2H;
	assert_int_equal(sdd_irq(&b.d, LAST, NP_SPI, &r, &out), SDD_IRQ_DISPATCHED);
	assert_int_equal(r.pc, HANDLER);
	assert_int_equal(r.x[1], 7);
	assert_int_equal(sdd_event_state(&b.d, LAST, 2),
			 SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED | SDD_STATUS_RUNNING);
	assert_int_equal(sdd_check(&b.d), 0);

	/* the running instance, at PE 253, survives migration */
	n = sdd_save(&b.d, image, sizeof image);
	assert_true(n > 0);
	setup(&copy);
	assert_int_equal(sdd_load(&copy.d, image, n), SDD_LOAD_OK);
	assert_int_equal(sdd_event_state(&copy.d, LAST, 2),
			 SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED | SDD_STATUS_RUNNING);
	assert_int_equal(nport_call(&copy.d, LAST, &r, SDD_FID_EVENT_COMPLETE, 0, 0, 0, 0, 0),
			 SDD_ACT_COMPLETE);
	assert_int_equal(copy.port.eois, 1);
	assert_int_equal(b.port.faults + copy.port.faults, 0);
	assert_int_equal(b.port.locks, b.port.unlocks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_254_pe_machine_routes_and_dispatches_at_its_last_pe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
