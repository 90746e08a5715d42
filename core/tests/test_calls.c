/*
 * test_calls.c - every SDEI call's success and every error condition of
 * DEN0054C §5.1 (our notes §3), one test per call, outside handlers.
 * Calls inside handlers are in test_dispatch.c, the state matrix in
 * test_matrix.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tplat.h"

#define INV  SDD_INVALID_PARAMETERS
#define DEN  SDD_DENIED
#define NS   SDD_NOT_SUPPORTED

static void version_reports_1_1_with_vendor_bits(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call0(t, 0, SDD_FID_VERSION), 0x0001000100005344ll);
}

static void version_reports_1_0_on_a_v1_0_platform(void **state)
{
	struct tp *t = *state;
	struct sdd_platform p;
	tp_default_platform(&p);
	p.version_minor = 0;
	p.relative_mode = false;
	tp_setup(t, &p);
	assert_int_equal(tp_call0(t, 0, SDD_FID_VERSION), 0x0001000000005344ll);
}

static void every_smc64_function_id_is_implemented(void **state)
{
	struct tp *t = *state;
	for (uint32_t fid = SDD_FID_FIRST; fid <= SDD_FID_LAST; fid++) {
		tp_setup(t, NULL);
		assert_int_not_equal(tp_call0(t, 0, fid), NS);
		assert_non_null(sdd_call_name(fid));
	}
}

static void smc32_and_unassigned_ids_are_not_supported(void **state)
{
	struct tp *t = *state;
	for (uint32_t n = 0x20; n <= 0x3F; n++) {
		assert_int_equal(tp_call0(t, 0, 0x84000000u | n), NS);
		if (n > 0x32)
			assert_int_equal(tp_call0(t, 0, 0xC4000000u | n), NS);
	}
	assert_null(sdd_call_name(0xC4000033u));
	assert_null(sdd_call_name(0x84000020u));
}

static void upper_half_of_x0_is_ignored_in_the_function_id(void **state)
{
	struct tp *t = *state;
	struct sdd_regs *r = &t->regs[0];
	r->x[0] = 0xFFFFFFFF00000000ull | SDD_FID_VERSION;
	assert_int_equal(sdd_call(&t->d, 0, r, NULL), SDD_ACT_RETURN);
	assert_int_equal(r->x[0], 0x0001000100005344ull);
}

static void calls_from_other_els_or_aarch32_are_not_supported(void **state)
{
	struct tp *t = *state;
	static const uint64_t bad[] = {
		SDD_PSTATE_M_EL1H, 0x4 /* EL1t */, 0x0 /* EL0t */, 0xD /* EL3h */,
		SDD_PSTATE_NRW | 0x3 /* AArch32 */,
	};
	for (unsigned k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		t->regs[1].pstate = bad[k];
		assert_int_equal(tp_call0(t, 1, SDD_FID_VERSION), NS);
		assert_int_equal(tp_call0(t, 1, SDD_FID_PE_UNMASK), NS);
	}
	/* Nothing happened: PE 1 is still masked. */
	t->regs[1].pstate = SDD_PSTATE_M_EL2H;
	assert_int_equal(tp_call0(t, 1, SDD_FID_PE_MASK), 0);
}

/* sdei-spec.md §1.1: a caller in Secure state is refused, even at the
 * client's EL in AArch64 (S-EL2 beside a Non-secure EL2 client), and
 * what it asked for does not happen. */
static void calls_from_secure_state_are_not_supported(void **state)
{
	struct tp *t = *state;

	t->regs[1].secure = 1;
	assert_int_equal(tp_call0(t, 1, SDD_FID_VERSION), NS);
	assert_int_equal(tp_call0(t, 1, SDD_FID_PE_UNMASK), NS);
	assert_int_equal(tp_call(t, 1, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, H_A, 7, 0, 0), NS);
	t->regs[1].secure = 0;
	assert_int_equal(tp_call0(t, 1, SDD_FID_PE_MASK), 0);        /* still masked */
	assert_int_equal(tp_call(t, 1, SDD_FID_EVENT_STATUS, EV_PPI_NORM, 0, 0, 0, 0), 0);
}

static void calls_return_only_x0(void **state)
{
	struct tp *t = *state;
	struct sdd_regs before;
	tp_call(t, 2, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, H_A, 7, 0, 0);
	before = t->regs[2];
	tp_call(t, 2, SDD_FID_EVENT_STATUS, EV_PPI_NORM, 0x11, 0x22, 0x33, 0x44);
	assert_int_equal(t->regs[2].x[0], 1);
	assert_int_equal(t->regs[2].x[1], EV_PPI_NORM);
	assert_int_equal(t->regs[2].x[2], 0x11);
	assert_int_equal(t->regs[2].x[5], 0x44);
	for (unsigned k = 6; k < SDD_CONTEXT_REGS; k++)
		assert_int_equal(t->regs[2].x[k], before.x[k]);
	assert_int_equal(t->regs[2].pc, before.pc);
	assert_int_equal(t->regs[2].pstate, before.pstate);
}

static void register_succeeds_and_leaves_the_event_disabled(void **state)
{
	struct tp *t = *state;
	tp_register(t, 0, EV_PPI_NORM, H_A, 1);
	assert_int_equal(tp_status(t, 0, EV_PPI_NORM), SDD_STATUS_REGISTERED);
	assert_int_equal(tp_status(t, 1, EV_PPI_NORM), 0);   /* private: this PE only */
	assert_false(tp_irq(t, 0, PPI_NORM)->enabled);
}

static void register_rejects_bad_event_numbers(void **state)
{
	struct tp *t = *state;
	static const uint64_t bad[] = {
		0x40000500,            /* no such event */
		0x80000000,            /* bit 31 */
		0x01000000,            /* reserved bits 29:24 */
		0x3F000000 | EV_PPI_NORM,
		0x100000000ull | EV_PPI_NORM,  /* upper half of a 32-bit parameter */
		0xFFFFFFFFull,
		EV_PSLOT(0),           /* a free bind slot is not an event */
	};
	for (unsigned k = 0; k < sizeof bad / sizeof bad[0]; k++)
		assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, bad[k], H_A, 0, 0, 0), INV);
}

static void register_rejects_bad_entry_points(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, 0, 0, 0, 0), INV);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, H_A + 2, 0, 0, 0), INV);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, EP_VALID_HI, 0, 0, 0), INV);
	assert_int_equal(tp_status(t, 0, EV_PPI_NORM), 0);
}

static void register_rejects_reserved_flag_bits(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_SPI_NORM, H_A, 0, 4, 0), INV);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_SPI_NORM, H_A, 0, 1ull << 63, 0), INV);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, H_A, 0, 8, 0), INV);
}

static void register_in_relative_mode_adds_vbar(void **state)
{
	struct tp *t = *state;
	uint64_t off = H_A - t->regs[0].vbar_elc;
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, off, 0,
				 SDD_REGFLAG_RELATIVE, 0), 0);
	/* An offset that lands outside client memory is refused. */
	assert_int_equal(tp_call(t, 1, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, EP_VALID_HI, 0,
				 SDD_REGFLAG_RELATIVE, 0), INV);
}

static void register_relative_mode_refused_when_not_offered(void **state)
{
	struct tp *t = *state;
	struct sdd_platform p;
	tp_default_platform(&p);
	p.relative_mode = false;
	tp_setup(t, &p);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, 0x10000, 0,
				 SDD_REGFLAG_RELATIVE, 0), INV);
}

static void register_shared_rm_pe_needs_a_real_pe(void **state)
{
	struct tp *t = *state;
	static const uint64_t bad[] = { 0x2, 0x10000, 0x200, 0x80000001ull, 0xFF00000000ull, ~0ull };
	for (unsigned k = 0; k < sizeof bad / sizeof bad[0]; k++)
		assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_SPI_NORM, H_A, 0,
					 SDD_RM_PE, bad[k]), INV);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_SPI_NORM, H_A, 0, SDD_RM_PE, 0x101), 0);
	/* RM_ANY: the affinity is unused, so anything goes. */
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_SPI_CRIT, H_A, 0, SDD_RM_ANY, ~0ull), 0);
}

static void register_private_ignores_routing_and_affinity(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call(t, 3, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, H_A, 0, SDD_RM_PE, 0x77), 0);
}

static void register_twice_is_denied(void **state)
{
	struct tp *t = *state;
	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	assert_int_equal(tp_call(t, 1, SDD_FID_EVENT_REGISTER, EV_SPI_NORM, H_B, 0, 0, 0), DEN);
	tp_register(t, 0, EV_PPI_NORM, H_A, 0);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, H_B, 0, 0, 0), DEN);
	tp_register(t, 1, EV_PPI_NORM, H_B, 0);   /* another PE's registration is separate */
}

static void enable_and_disable(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_ENABLE, 0x40000999), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_DISABLE, 0x40000999), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_ENABLE, EV_PPI_NORM), DEN);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_DISABLE, EV_PPI_NORM), DEN);
	tp_register(t, 0, EV_PPI_NORM, H_A, 0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_DISABLE, EV_PPI_NORM), 0);  /* allowed, no effect */
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_ENABLE, EV_PPI_NORM), 0);
	assert_true(tp_irq(t, 0, PPI_NORM)->enabled);
	assert_false(tp_irq(t, 1, PPI_NORM)->enabled);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_ENABLE, EV_PPI_NORM), 0);   /* again: no effect */
	assert_int_equal(tp_status(t, 0, EV_PPI_NORM), 3);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_DISABLE, EV_PPI_NORM), 0);
	assert_false(tp_irq(t, 0, PPI_NORM)->enabled);
	assert_int_equal(tp_status(t, 0, EV_PPI_NORM), 1);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_ENABLE, EV_PPI_NORM), DEN);  /* not registered there */
}

static void context_outside_a_handler(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_CONTEXT, 0), DEN);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_CONTEXT, 17), DEN);
	/* An unknown param_id is refused before "not running" (TF-A order). */
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_CONTEXT, 18), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_CONTEXT, 0x100000000ull), INV);
}

static void complete_outside_a_handler_is_denied(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, SDD_EV_HANDLED), DEN);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_COMPLETE, SDD_EV_FAILED), DEN);
	assert_int_equal(t->last_action, SDD_ACT_RETURN);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_COMPLETE_AND_RESUME, RESUME_ADDR), DEN);
}

static void complete_and_resume_rejects_bad_addresses(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_COMPLETE_AND_RESUME, RESUME_ADDR + 1), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_COMPLETE_AND_RESUME, 0), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_COMPLETE_AND_RESUME, EP_VALID_HI), INV);
}

static void unregister(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_UNREGISTER, 0x40000999), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_UNREGISTER, EV_SPI_NORM), DEN);
	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	tp_enable(t, 0, EV_SPI_NORM);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_UNREGISTER, EV_SPI_NORM), 0);  /* shared: any PE */
	assert_int_equal(tp_status(t, 0, EV_SPI_NORM), 0);
	assert_false(tp_irq(t, 0, SPI_NORM)->enabled);    /* unregister implies disable */
	tp_register(t, 0, EV_SPI_NORM, H_B, 0);           /* and the event can be registered again */
}

static void status(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_STATUS, 0x40000999), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_STATUS, EV_PSLOT(1)), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_STATUS, EV0), 0);
	tp_register(t, 0, EV0, H_A, 0);
	tp_enable(t, 0, EV0);
	assert_int_equal(tp_call1(t, 0, SDD_FID_EVENT_STATUS, EV0), 3);
	assert_int_equal(tp_call1(t, 1, SDD_FID_EVENT_STATUS, EV0), 0);
}

static void get_info_of_each_kind_of_event(void **state)
{
	struct tp *t = *state;
	struct { int32_t ev; int64_t type, signaled, prio; } want[] = {
		{ EV0,          0, 0, 0 },
		{ EV_PPI_CRIT,  0, 1, 1 },
		{ EV_PPI_NORM,  0, 1, 0 },
		{ EV_SPI_NORM,  1, 1, 0 },
		{ EV_SPI_CRIT,  1, 1, 1 },
		{ EV_EXPL_NORM, 0, 1, 0 },
		{ EV_EXPL_CRIT, 0, 1, 1 },
	};
	for (unsigned k = 0; k < sizeof want / sizeof want[0]; k++) {
		uint32_t ev = (uint32_t)want[k].ev;
		assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, ev, SDD_INFO_EV_TYPE), want[k].type);
		assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, ev, SDD_INFO_EV_SIGNALED), want[k].signaled);
		assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, ev, SDD_INFO_EV_PRIORITY), want[k].prio);
		assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, ev, 5), INV);
		assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, ev, 0x100000000ull), INV);
	}
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, 0x40000999, 0), INV);
}

static void get_info_routing_of_private_events_is_invalid(void **state)
{
	struct tp *t = *state;
	tp_register(t, 0, EV_PPI_NORM, H_A, 0);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, EV_PPI_NORM, SDD_INFO_EV_ROUTING_MODE), INV);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, EV_PPI_NORM, SDD_INFO_EV_ROUTING_AFF), INV);
	assert_int_equal(tp_call2(t, 1, SDD_FID_EVENT_GET_INFO, EV_PPI_NORM, SDD_INFO_EV_ROUTING_MODE), INV);
}

static void get_info_routing_of_shared_events(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, EV_SPI_NORM, SDD_INFO_EV_ROUTING_MODE), DEN);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, EV_SPI_NORM, SDD_INFO_EV_ROUTING_AFF), DEN);
	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, EV_SPI_NORM, SDD_INFO_EV_ROUTING_MODE), SDD_RM_ANY);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, EV_SPI_NORM, SDD_INFO_EV_ROUTING_AFF), INV);
	tp_register_pe(t, 1, EV_SPI_CRIT, H_A, 0, 2);
	assert_int_equal(tp_call2(t, 3, SDD_FID_EVENT_GET_INFO, EV_SPI_CRIT, SDD_INFO_EV_ROUTING_MODE), SDD_RM_PE);
	assert_int_equal(tp_call2(t, 3, SDD_FID_EVENT_GET_INFO, EV_SPI_CRIT, SDD_INFO_EV_ROUTING_AFF), 0x100);
}

static void routing_set(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, EV_PPI_NORM, 0, 0, 0, 0), INV);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, 0x40000999, 0, 0, 0, 0), INV);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, 2, 0, 0, 0), INV);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, SDD_RM_PE, 0x5, 0, 0), INV);
	/* arguments are checked before state: unregistered + good args = DENIED */
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, SDD_RM_PE, 0x1, 0, 0), DEN);
	tp_register(t, 0, EV_SPI_NORM, H_A, 0);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, SDD_RM_PE, 0x101, 0, 0), 0);
	assert_int_equal(t->spi_target[SPI_NORM - 32], 3);
	assert_false(t->spi_any[SPI_NORM - 32]);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_GET_INFO, EV_SPI_NORM, SDD_INFO_EV_ROUTING_AFF), 0x101);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, SDD_RM_ANY, 0, 0, 0), 0);
	assert_true(t->spi_any[SPI_NORM - 32]);
	tp_enable(t, 0, EV_SPI_NORM);
	assert_int_equal(tp_call(t, 0, SDD_FID_EVENT_ROUTING_SET, EV_SPI_NORM, SDD_RM_ANY, 0, 0, 0), DEN);
}

static void pe_mask_and_unmask(void **state)
{
	struct tp *t = *state;
	/* Every PE starts masked. */
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 0);
	assert_false(t->participate[0]);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_UNMASK), 0);
	assert_true(t->participate[0]);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_UNMASK), 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 1);
	assert_int_equal(tp_call0(t, 0, SDD_FID_PE_MASK), 0);
	assert_false(t->participate[0]);
}

static void signal_arguments(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, EV_PPI_NORM, 0x1), INV);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 1, 0x1), INV);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0x100000000ull, 0x1), INV);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x2), INV);
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x80000001ull), INV);
	assert_int_equal(t->sgis, 0);
	/* Valid target: SUCCESS even though nothing is registered ("set pending"). */
	assert_int_equal(tp_call2(t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x101), 0);
	assert_int_equal(t->sgis, 1);
	assert_true(tp_irq(t, 3, SGI_EV0)->pending);
	assert_int_equal(tp_call2(t, 2, SDD_FID_EVENT_SIGNAL, 0, 0x100), 0);   /* itself */
}

static void features(void **state)
{
	struct tp *t = *state;
	assert_int_equal(tp_call1(t, 0, SDD_FID_FEATURES, SDD_FEATURE_BIND_SLOTS), 0x00030003);
	assert_int_equal(tp_call1(t, 0, SDD_FID_FEATURES, SDD_FEATURE_RELATIVE_MODE), 1);
	assert_int_equal(tp_call1(t, 0, SDD_FID_FEATURES, 2), INV);
	assert_int_equal(tp_call1(t, 0, SDD_FID_FEATURES, 0x100000000ull), INV);
	/* Slot counts are totals, not free slots. */
	tp_bind(t, 0, 16);
	assert_int_equal(tp_call1(t, 0, SDD_FID_FEATURES, SDD_FEATURE_BIND_SLOTS), 0x00030003);
}

static void features_relative_mode_follows_the_platform(void **state)
{
	struct tp *t = *state;
	struct sdd_platform p;
	tp_default_platform(&p);
	p.relative_mode = false;
	tp_setup(t, &p);
	assert_int_equal(tp_call1(t, 0, SDD_FID_FEATURES, SDD_FEATURE_RELATIVE_MODE), 0);
	p.version_minor = 0;
	tp_setup(t, &p);
	/* In 1.0 feature 1 does not exist. */
	assert_int_equal(tp_call1(t, 0, SDD_FID_FEATURES, SDD_FEATURE_RELATIVE_MODE), INV);
}

static void resets_succeed_when_nothing_runs(void **state)
{
	struct tp *t = *state;
	tp_register(t, 1, EV_PPI_NORM, H_A, 0);
	tp_register(t, 1, EV0, H_A, 0);
	tp_enable(t, 1, EV0);
	tp_register(t, 2, EV_PPI_NORM, H_A, 0);
	assert_int_equal(tp_call0(t, 1, SDD_FID_PRIVATE_RESET), 0);
	assert_int_equal(tp_status(t, 1, EV_PPI_NORM), 0);
	assert_int_equal(tp_status(t, 1, EV0), 0);
	assert_int_equal(tp_status(t, 2, EV_PPI_NORM), 1);   /* other PEs keep theirs */
	tp_register(t, 1, EV_SPI_NORM, H_A, 0);
	assert_int_equal(tp_call0(t, 0, SDD_FID_SHARED_RESET), 0);
	assert_int_equal(tp_status(t, 0, EV_SPI_NORM), 0);
	assert_int_equal(tp_status(t, 2, EV_PPI_NORM), 1);   /* private events untouched */
}

static void unusable_dispatcher_answers_not_supported(void **state)
{
	struct tp *t = *state;
	struct sdd_regs r;
	memset(&r, 0, sizeof r);
	r.pstate = SDD_PSTATE_M_EL2H;
	r.x[0] = SDD_FID_VERSION;
	/* PE out of range */
	assert_int_equal(sdd_call(&t->d, TP_PES, &r, NULL), SDD_ACT_RETURN);
	assert_int_equal((int64_t)r.x[0], NS);
	assert_int_equal(sdd_call(&t->d, 0, NULL, NULL), SDD_ACT_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TP_TEST(version_reports_1_1_with_vendor_bits),
		TP_TEST(version_reports_1_0_on_a_v1_0_platform),
		TP_TEST(every_smc64_function_id_is_implemented),
		TP_TEST(smc32_and_unassigned_ids_are_not_supported),
		TP_TEST(upper_half_of_x0_is_ignored_in_the_function_id),
		TP_TEST(calls_from_other_els_or_aarch32_are_not_supported),
		TP_TEST(calls_from_secure_state_are_not_supported),
		TP_TEST(calls_return_only_x0),
		TP_TEST(register_succeeds_and_leaves_the_event_disabled),
		TP_TEST(register_rejects_bad_event_numbers),
		TP_TEST(register_rejects_bad_entry_points),
		TP_TEST(register_rejects_reserved_flag_bits),
		TP_TEST(register_in_relative_mode_adds_vbar),
		TP_TEST(register_relative_mode_refused_when_not_offered),
		TP_TEST(register_shared_rm_pe_needs_a_real_pe),
		TP_TEST(register_private_ignores_routing_and_affinity),
		TP_TEST(register_twice_is_denied),
		TP_TEST(enable_and_disable),
		TP_TEST(context_outside_a_handler),
		TP_TEST(complete_outside_a_handler_is_denied),
		TP_TEST(complete_and_resume_rejects_bad_addresses),
		TP_TEST(unregister),
		TP_TEST(status),
		TP_TEST(get_info_of_each_kind_of_event),
		TP_TEST(get_info_routing_of_private_events_is_invalid),
		TP_TEST(get_info_routing_of_shared_events),
		TP_TEST(routing_set),
		TP_TEST(pe_mask_and_unmask),
		TP_TEST(signal_arguments),
		TP_TEST(features),
		TP_TEST(features_relative_mode_follows_the_platform),
		TP_TEST(resets_succeed_when_nothing_runs),
		TP_TEST(unusable_dispatcher_answers_not_supported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
