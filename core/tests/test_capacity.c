/*
 * test_capacity.c - the core built for a larger machine (SDD_MAX_PES
 * defined as 254 for this test and its own copy of the core, see
 * CMakeLists.txt): a 254-PE platform initialises, a shared event routed
 * to the last PE goes there and is taken there, and its state survives
 * a save and load.  PE indexes are kept in bytes with 0xFF meaning none,
 * so 254 is the largest machine the format can describe.
 *
 * The port is minimal on purpose (tplat's GIC model is sized for four
 * PEs): it records what routing and acknowledgement need, no more.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sdd/sdd.h"

_Static_assert(SDD_MAX_PES == 254, "this test is built with SDD_MAX_PES=254");

#define NPE      254u
#define LAST     (NPE - 1)
#define EV_SPI   0x40000200
#define SPI      40u
#define HANDLER  0x20000ull

struct big {
	struct sdd d;
	struct sdd_platform plat;
	unsigned routed_to;    /* irq_route's target_pe, or ~0 */
	unsigned eois, locks, unlocks, faults;
};

static bool q_true(void *ctx, unsigned pe, uint32_t intid) { (void)ctx; (void)pe; (void)intid; return true; }
static bool q_false(void *ctx, unsigned pe, uint32_t intid) { (void)ctx; (void)pe; (void)intid; return false; }
static void p_claim(void *ctx, unsigned pe, uint32_t intid, enum sdd_priority pri) { (void)ctx; (void)pe; (void)intid; (void)pri; }
static void p_irq(void *ctx, unsigned pe, uint32_t intid) { (void)ctx; (void)pe; (void)intid; }
static void p_flag(void *ctx, unsigned pe, uint32_t intid, bool on) { (void)ctx; (void)pe; (void)intid; (void)on; }
static void p_pe(void *ctx, unsigned pe, bool on) { (void)ctx; (void)pe; (void)on; }
static void p_pri(void *ctx, unsigned pe, enum sdd_priority pri) { (void)ctx; (void)pe; (void)pri; }
static bool p_ep(void *ctx, unsigned pe, uint64_t addr) { (void)ctx; (void)pe; return addr != 0; }
static void p_lock(void *ctx) { ((struct big *)ctx)->locks++; }
static void p_unlock(void *ctx) { ((struct big *)ctx)->unlocks++; }
static void p_fault(void *ctx, int code) { (void)code; ((struct big *)ctx)->faults++; }

static void p_route(void *ctx, uint32_t intid, bool any, unsigned target_pe)
{
	(void)intid;
	((struct big *)ctx)->routed_to = any ? ~0u : target_pe;
}

static void p_eoi(void *ctx, unsigned pe, uint32_t intid)
{
	(void)pe;
	(void)intid;
	((struct big *)ctx)->eois++;
}

static const struct sdd_port port = {
	.irq_is_client_owned = q_true, .irq_is_active = q_false, .irq_is_pending = q_false,
	.irq_claim = p_claim, .irq_unclaim = p_irq, .irq_enable = p_flag,
	.irq_set_pending = p_flag, .irq_route = p_route, .irq_eoi = p_eoi, .sgi_raise = p_irq,
	.pe_participate = p_pe, .pri_activate = p_pri, .pri_deactivate = p_pri,
	.ep_valid = p_ep, .lock = p_lock, .unlock = p_unlock, .fault = p_fault,
};

/* Aff1.Aff0 = pe / 16 . pe % 16, as a GICv3 system with 16 PEs a cluster. */
static uint64_t mpidr_of(unsigned pe)
{
	return (uint64_t)(pe / 16) << 8 | (pe % 16);
}

static void setup(struct big *b)
{
	struct sdd_platform *p = &b->plat;

	memset(b, 0, sizeof *b);
	b->routed_to = ~0u;
	p->pe_count = NPE;
	for (unsigned pe = 0; pe < NPE; pe++)
		p->mpidr[pe] = mpidr_of(pe);
	p->client_el = 2;
	p->version_minor = 1;
	p->spi_count = 64;
	p->event_count = 2;
	p->events[0] = (struct sdd_event_desc){ 0, SDD_EVK_EVENT0, SDD_PRIVATE, SDD_PRI_NORMAL, 8 };
	p->events[1] = (struct sdd_event_desc){ EV_SPI, SDD_EVK_STATIC, SDD_SHARED, SDD_PRI_NORMAL, SPI };
	assert_int_equal(sdd_init(&b->d, p, &port, b), SDD_INIT_OK);
}

static int64_t call(struct big *b, unsigned pe, struct sdd_regs *r, uint32_t fid,
		    uint64_t a, uint64_t c, uint64_t e, uint64_t f, uint64_t g)
{
	memset(r, 0, sizeof *r);
	r->pstate = SDD_PSTATE_M_EL2H;
	r->x[0] = fid;
	r->x[1] = a;
	r->x[2] = c;
	r->x[3] = e;
	r->x[4] = f;
	r->x[5] = g;
	assert_int_equal(sdd_call(&b->d, pe, r, NULL), SDD_ACT_RETURN);
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
	assert_int_equal(call(&b, 0, &r, SDD_FID_EVENT_REGISTER, EV_SPI, HANDLER, 7,
			      SDD_REGFLAG_RM_PE, mpidr_of(LAST)), SDD_SUCCESS);
	assert_int_equal(b.routed_to, LAST);
	assert_int_equal(call(&b, 0, &r, SDD_FID_EVENT_ENABLE, EV_SPI, 0, 0, 0, 0), SDD_SUCCESS);
	assert_int_equal(call(&b, LAST, &r, SDD_FID_PE_UNMASK, 0, 0, 0, 0, 0), SDD_SUCCESS);
	/* GET_INFO(ROUTING_AFF) answers the last PE's MPIDR */
	assert_int_equal(call(&b, 5, &r, SDD_FID_EVENT_GET_INFO, EV_SPI, 4, 0, 0, 0),
			 (int64_t)mpidr_of(LAST));

	memset(&r, 0, sizeof r);
	r.pstate = SDD_PSTATE_M_EL2H;
	assert_int_equal(sdd_irq(&b.d, LAST, SPI, &r, &out), SDD_IRQ_DISPATCHED);
	assert_int_equal(r.pc, HANDLER);
	assert_int_equal(r.x[1], 7);
	assert_int_equal(sdd_event_state(&b.d, LAST, 1),
			 SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED | SDD_STATUS_RUNNING);
	assert_int_equal(sdd_check(&b.d), 0);

	/* the running instance, at PE 253, survives migration */
	n = sdd_save(&b.d, image, sizeof image);
	assert_true(n > 0);
	setup(&copy);
	assert_int_equal(sdd_load(&copy.d, image, n), SDD_LOAD_OK);
	assert_int_equal(sdd_event_state(&copy.d, LAST, 1),
			 SDD_STATUS_REGISTERED | SDD_STATUS_ENABLED | SDD_STATUS_RUNNING);
	memset(&r, 0, sizeof r);
	r.pstate = SDD_PSTATE_M_EL2H;
	r.x[0] = SDD_FID_EVENT_COMPLETE;
	assert_int_equal(sdd_call(&copy.d, LAST, &r, NULL), SDD_ACT_COMPLETE);
	assert_int_equal(copy.eois, 1);
	assert_int_equal(b.faults + copy.faults, 0);
	assert_int_equal(b.locks, b.unlocks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_254_pe_machine_routes_and_dispatches_at_its_last_pe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
