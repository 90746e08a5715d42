/*
 * test_policy.c - each named policy reproduces the behaviour it names
 * (TF-A or KVM, see core/README.md), and its default is the spec's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tplat.h"

#define INV  SDD_INVALID_PARAMETERS
#define DEN  SDD_DENIED

static struct tp t;

static void setup_with(void (*edit)(struct sdd_policy *))
{
	struct sdd_platform p;
	tp_default_platform(&p);
	edit(&p.policy);
	tp_setup(&t, &p);
}

static void truncate_upper(struct sdd_policy *p) { p->upper_bits = SDD_UPPER_TRUNCATE; }

static void upper_bits_truncate_reproduces_tfa(void **state)
{
	(void)state;
	setup_with(truncate_upper);
	assert_int_equal(tp_call(&t, 0, SDD_FID_EVENT_REGISTER, 0xABCD00000000ull | EV_PPI_NORM, H_A, 0, 0, 0), 0);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_EVENT_STATUS, 0x100000000ull | EV_PPI_NORM), 1);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_FEATURES, 0x100000000ull), 0x00030003);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_INTERRUPT_BIND, 0x100000010ull), EV_PSLOT(0));
	tp_check(&t);
}

static void signal_strict(struct sdd_policy *p) { p->signal = SDD_SIGNAL_TFA_STRICT; }

static void signal_tfa_strict_refuses_what_the_target_cannot_take(void **state)
{
	(void)state;
	setup_with(signal_strict);
	assert_int_equal(tp_call2(&t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x1), INV);   /* unregistered */
	tp_register(&t, 1, EV0, H_A, 0);
	assert_int_equal(tp_call2(&t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x1), INV);   /* disabled */
	tp_enable(&t, 1, EV0);
	assert_int_equal(tp_call2(&t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x1), INV);   /* masked */
	tp_unmask(&t, 1);
	assert_int_equal(tp_call2(&t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x1), 0);
	assert_int_equal(t.nlog, 1);
	assert_int_equal(t.sgis, 1);
	tp_call1(&t, 1, SDD_FID_EVENT_COMPLETE, 0);
	tp_check(&t);
}

static void bind_tfa(struct sdd_policy *p) { p->bind = SDD_BIND_TFA; }

static void bind_tfa_denies_secure_interrupts_checks_slots_first_and_takes_any_state(void **state)
{
	(void)state;
	setup_with(bind_tfa);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_INTERRUPT_BIND, SPI_SECURE), DEN);
	tp_irq(&t, 0, 60)->active = true;            /* TF-A does not check "inactive" at bind */
	assert_int_equal(tp_call1(&t, 0, SDD_FID_INTERRUPT_BIND, 60), EV_SSLOT(0));
	tp_irq(&t, 0, 60)->active = false;
	tp_irq(&t, 0, 61)->pending = true;           /* nor "not pending" */
	tp_bind(&t, 0, 61);
	tp_bind(&t, 0, 62);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_INTERRUPT_BIND, SPI_SECURE), SDD_OUT_OF_RESOURCE);
	/* and asks only the calling PE's redistributor who owns a PPI */
	tp_irq(&t, 2, 21)->fw = true;
	assert_int_equal(tp_call1(&t, 2, SDD_FID_INTERRUPT_BIND, 21), DEN);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_INTERRUPT_BIND, 21), EV_PSLOT(0));
	tp_check(&t);
}

static void mask_at_once(struct sdd_policy *p) { p->mask_timing = SDD_MASK_AT_ONCE; }

/* TF-A and KVM: a PE_MASK made in a handler masks the PE there and then:
 * a critical event can no longer preempt that handler. */
static void mask_at_once_blocks_critical_events_in_the_handler(void **state)
{
	(void)state;
	setup_with(mask_at_once);
	tp_register(&t, 0, EV_PPI_NORM, H_A, 0);
	tp_enable(&t, 0, EV_PPI_NORM);
	tp_register(&t, 0, EV_PPI_CRIT, H_B, 0);
	tp_enable(&t, 0, EV_PPI_CRIT);
	tp_unmask(&t, 0);
	tp_fire(&t, PPI_NORM, 0);
	assert_int_equal(tp_call0(&t, 0, SDD_FID_PE_MASK), 1);
	assert_false(t.participate[0]);
	tp_fire(&t, PPI_CRIT, 0);
	assert_int_equal(t.nlog, 1);
	tp_call0(&t, 0, SDD_FID_PE_UNMASK);
	assert_int_equal(t.nlog, 2);                 /* critical preempts the normal handler */
	assert_int_equal(tp_depth(&t, 0), 2);
	tp_check(&t);
}

static void resume_denied(struct sdd_policy *p)
{
	p->resume_error = SDD_RESUME_ERR_DENIED;
	p->resume_pstate = SDD_PSTATE_TFA_PLAIN;
}

static void resume_tfa_denies_bad_addresses_and_builds_a_plain_pstate(void **state)
{
	(void)state;
	setup_with(resume_denied);
	tp_register(&t, 0, EV_PPI_NORM, H_A, 0);
	tp_enable(&t, 0, EV_PPI_NORM);
	tp_unmask(&t, 0);
	t.regs[0].pstate = SDD_PSTATE_NZCV | SDD_PSTATE_DIT | SDD_PSTATE_PAN | SDD_PSTATE_M_EL2H;
	tp_fire(&t, PPI_NORM, 0);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_EVENT_COMPLETE_AND_RESUME, 2), DEN);
	tp_call1(&t, 0, SDD_FID_EVENT_COMPLETE_AND_RESUME, RESUME_ADDR);
	assert_int_equal(t.regs[0].pstate, SDD_PSTATE_DAIF | SDD_PSTATE_M_EL2H);
	tp_check(&t);
}

static void kvm_entry(struct sdd_policy *p)
{
	p->entry_pstate = SDD_PSTATE_INHERIT;
	p->resume_pstate = SDD_PSTATE_INHERIT;
	p->entry_regs = SDD_ENTRY_REGS_ZERO;
	p->signaled = SDD_SIGNALED_INVERTED;
	p->mask_result = SDD_MASK_RESULT_ZERO;
	p->ctx_order = SDD_CTX_RUNNING_FIRST;
}

static void kvm_policies_reproduce_kvm(void **state)
{
	uint64_t from = SDD_PSTATE_NZCV | SDD_PSTATE_SS | SDD_PSTATE_UAO | SDD_PSTATE_M_EL2H;
	(void)state;
	setup_with(kvm_entry);
	assert_int_equal(tp_call2(&t, 0, SDD_FID_EVENT_GET_INFO, EV0, SDD_INFO_EV_SIGNALED), 1);
	assert_int_equal(tp_call2(&t, 0, SDD_FID_EVENT_GET_INFO, EV_PPI_NORM, SDD_INFO_EV_SIGNALED), 0);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_EVENT_CONTEXT, 18), DEN);   /* running first */
	tp_unmask(&t, 0);
	assert_int_equal(tp_call0(&t, 0, SDD_FID_PE_MASK), 0);                /* always 0 */
	tp_unmask(&t, 0);
	tp_register(&t, 0, EV_PPI_NORM, H_A, 0);
	tp_enable(&t, 0, EV_PPI_NORM);
	t.regs[0].pstate = from;
	tp_fire(&t, PPI_NORM, 0);
	assert_int_equal(t.log[0].regs.pstate, from | SDD_PSTATE_DAIF);       /* inherited bits */
	for (unsigned k = 4; k < SDD_CONTEXT_REGS; k++)
		assert_int_equal(t.log[0].regs.x[k], 0);                      /* zeroed */
	assert_int_equal(tp_call1(&t, 0, SDD_FID_EVENT_CONTEXT, 18), INV);
	tp_call1(&t, 0, SDD_FID_EVENT_COMPLETE_AND_RESUME, RESUME_ADDR);
	assert_int_equal(t.regs[0].pstate, from | SDD_PSTATE_DAIF);
	tp_check(&t);
}

static void unbound_tfa(struct sdd_policy *p) { p->unbound = SDD_UNBOUND_TFA; }

static void unbound_slots_tfa_behave_as_unregistered_events(void **state)
{
	(void)state;
	setup_with(unbound_tfa);
	assert_int_equal(tp_call(&t, 0, SDD_FID_EVENT_REGISTER, EV_PSLOT(0), H_A, 0, 0, 0), DEN);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_EVENT_STATUS, EV_PSLOT(0)), 0);
	assert_int_equal(tp_call2(&t, 0, SDD_FID_EVENT_GET_INFO, EV_SSLOT(0), SDD_INFO_EV_TYPE), 1);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_EVENT_ENABLE, EV_PSLOT(0)), DEN);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_EVENT_UNREGISTER, EV_PSLOT(0)), DEN);
	assert_int_equal(tp_call(&t, 0, SDD_FID_EVENT_ROUTING_SET, EV_SSLOT(0), 0, 0, 0, 0), INV);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_INTERRUPT_RELEASE, EV_PSLOT(0)), INV);
	tp_check(&t);
}

static void validate_private(struct sdd_policy *p) { p->priv_route = SDD_PRIV_ROUTE_VALIDATE; }

static void private_route_validate_reproduces_tfa(void **state)
{
	(void)state;
	setup_with(validate_private);
	assert_int_equal(tp_call(&t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, H_A, 0, SDD_RM_PE, 0x7), INV);
	assert_int_equal(tp_call(&t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, H_A, 0, SDD_RM_PE, 0x1), 0);
	tp_check(&t);
}

static void vbar_at_register(struct sdd_policy *p) { p->rel_vbar = SDD_REL_VBAR_AT_REGISTER; }

static void relative_vbar_at_register_samples_once(void **state)
{
	(void)state;
	setup_with(vbar_at_register);
	tp_unmask(&t, 0);
	assert_int_equal(tp_call(&t, 0, SDD_FID_EVENT_REGISTER, EV_PPI_NORM, 0x400, 0,
				 SDD_REGFLAG_RELATIVE, 0), 0);
	tp_enable(&t, 0, EV_PPI_NORM);
	t.regs[0].vbar_elc = 0x40000;
	tp_fire(&t, PPI_NORM, 0);
	assert_int_equal(t.log[0].regs.pc, 0x10400);
	tp_check(&t);
}

static void mpidr_lax(struct sdd_policy *p) { p->mpidr = SDD_MPIDR_IGNORE_OTHER_BITS; }

static void mpidr_other_bits_ignored_like_tfa(void **state)
{
	(void)state;
	setup_with(mpidr_lax);
	assert_int_equal(tp_call2(&t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x80000101ull), 0);  /* bit 31 set */
	assert_int_equal(tp_call2(&t, 0, SDD_FID_EVENT_SIGNAL, 0, 0x80000102ull), INV);
	tp_check(&t);
}

static void explicit_minus_one(struct sdd_policy *p) { p->explicit_err = SDD_EXPLICIT_MINUS_ONE; }

static void explicit_refusals_are_minus_one_like_tfa(void **state)
{
	(void)state;
	setup_with(explicit_minus_one);
	assert_int_equal(tp_explicit(&t, 0, EV0), -1);
	assert_int_equal(tp_explicit(&t, 0, EV_EXPL_NORM), -1);
	tp_check(&t);
}

static void release_unused(struct sdd_policy *p) { p->reset_release = SDD_RESET_RELEASE_UNUSED; }

/* TF-A: a SHARED_RESET denied by a bound event still registered releases
 * every other binding; denied by a running shared event, none. */
static void reset_release_unused_releases_what_no_pe_uses_like_tfa(void **state)
{
	(void)state;
	setup_with(release_unused);
	int32_t p = tp_bind(&t, 0, 18), q = tp_bind(&t, 0, 19), s = tp_bind(&t, 0, 92);

	tp_register(&t, 2, p, H_A, 0);
	tp_register(&t, 1, s, H_A, 0);                   /* shared: this call unregisters it */
	assert_int_equal(tp_call0(&t, 0, SDD_FID_SHARED_RESET), DEN);
	assert_int_equal(tp_status(&t, 2, p), 1);
	assert_int_equal(tp_bind(&t, 0, 18), p);         /* in use: kept */
	assert_int_equal(tp_call1(&t, 0, SDD_FID_EVENT_STATUS, (uint32_t)q), SDD_INVALID_PARAMETERS);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_EVENT_STATUS, (uint32_t)s), SDD_INVALID_PARAMETERS);
	assert_false(tp_irq(&t, 0, 92)->fw);
	assert_false(tp_irq(&t, 3, 19)->fw);
	tp_check(&t);

	/* a running shared event: denied before any release */
	assert_int_equal(tp_call0(&t, 2, SDD_FID_PRIVATE_RESET), 0);
	s = tp_bind(&t, 0, 92);
	tp_register(&t, 0, EV_SPI_NORM, H_A, 0);
	tp_enable(&t, 0, EV_SPI_NORM);
	tp_unmask(&t, 1);
	tp_fire(&t, SPI_NORM, 0);
	assert_int_equal(tp_call0(&t, 1, SDD_FID_SHARED_RESET), DEN);
	assert_int_equal(tp_bind(&t, 0, 92), s);
	assert_int_equal(tp_bind(&t, 0, 18), p);
	tp_check(&t);
}

static void unreg_keep(struct sdd_policy *p) { p->unreg_trigger = SDD_UNREG_TRIGGER_KEEP; }

/* §5.1.2.1's other reading: a trigger that comes while the event is
 * unregistered - before REGISTER, or still pending at UNREGISTER - is left
 * pending, and delivered once the event is registered and enabled. */
static void unreg_trigger_keep_delivers_triggers_from_while_unregistered(void **state)
{
	(void)state;
	setup_with(unreg_keep);
	tp_unmask(&t, 0);
	tp_unmask(&t, 1);
	tp_fire(&t, SPI_NORM, 0);                        /* before REGISTER */
	tp_register(&t, 0, EV_SPI_NORM, H_A, 0);
	assert_true(tp_irq(&t, 0, SPI_NORM)->pending);
	assert_int_equal(t.nlog, 0);
	tp_enable(&t, 0, EV_SPI_NORM);
	assert_int_equal(t.nlog, 1);
	assert_int_equal(t.log[0].event, EV_SPI_NORM);
	tp_call1(&t, 0, SDD_FID_EVENT_COMPLETE, 0);

	/* pending at UNREGISTER (the PE masked): kept for the next registration */
	tp_arm(&t, 1, EV_PPI_NORM, H_B, 0);
	assert_int_equal(tp_call0(&t, 1, SDD_FID_PE_MASK), 1);
	tp_fire(&t, PPI_NORM, 1);
	assert_int_equal(t.nlog, 1);
	assert_int_equal(tp_call1(&t, 1, SDD_FID_EVENT_UNREGISTER, EV_PPI_NORM), 0);
	tp_unmask(&t, 1);
	assert_true(tp_irq(&t, 1, PPI_NORM)->pending);
	tp_arm(&t, 1, EV_PPI_NORM, H_C, 0);
	assert_int_equal(t.nlog, 2);
	assert_int_equal(t.log[1].event, EV_PPI_NORM);
	assert_int_equal(t.log[1].pe, 1);
	tp_call1(&t, 1, SDD_FID_EVENT_COMPLETE, 0);
	tp_check(&t);
}

/* And one handed over after the event was unregistered is held pending
 * (the interrupt disabled), not dropped. */
static void unreg_trigger_keep_holds_a_trigger_handed_over_unregistered(void **state)
{
	(void)state;
	setup_with(unreg_keep);
	tp_arm(&t, 0, EV_SPI_NORM, H_A, 0);
	tp_irq(&t, 0, SPI_NORM)->pending = true;
	tp_acknowledge(&t, 0, SPI_NORM);
	assert_int_equal(tp_call1(&t, 1, SDD_FID_EVENT_UNREGISTER, EV_SPI_NORM), 0);
	assert_int_equal(tp_hand_over(&t, 0, SPI_NORM), SDD_IRQ_HELD);
	assert_int_equal(t.nlog, 0);
	assert_true(tp_irq(&t, 0, SPI_NORM)->pending);
	assert_false(tp_irq(&t, 0, SPI_NORM)->enabled);
	assert_false(tp_irq(&t, 0, SPI_NORM)->active);
	tp_register(&t, 1, EV_SPI_NORM, H_B, 0);
	tp_enable(&t, 1, EV_SPI_NORM);
	assert_int_equal(t.nlog, 1);
	assert_int_equal(t.log[0].event, EV_SPI_NORM);
	tp_call1(&t, t.log[0].pe, SDD_FID_EVENT_COMPLETE, 0);
	tp_check(&t);
}

static void any_space(struct sdd_policy *p) { p->number_space = SDD_BOUND_ANY_SPACE; }

static void bind_slots_in_the_standard_space_like_tf_a_fvp(void **state)
{
	struct sdd_platform p;
	(void)state;
	tp_default_platform(&p);
	any_space(&p.policy);
	/* renumber the slots 1000.. / 2000.. and sort: they now come first */
	struct sdd_event_desc ev[13];
	unsigned n = 0;
	ev[n++] = p.events[0];
	for (unsigned i = 7; i < 13; i++) {
		ev[n] = p.events[i];
		ev[n].number = i < 10 ? (int32_t)(1000 + i - 7) : (int32_t)(2000 + i - 10);
		n++;
	}
	for (unsigned i = 1; i < 7; i++)
		ev[n++] = p.events[i];
	for (unsigned i = 0; i < 13; i++)
		p.events[i] = ev[i];
	tp_setup(&t, &p);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_INTERRUPT_BIND, 16), 1000);
	assert_int_equal(tp_call1(&t, 0, SDD_FID_INTERRUPT_BIND, 50), 2000);
	tp_check(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(upper_bits_truncate_reproduces_tfa),
		cmocka_unit_test(signal_tfa_strict_refuses_what_the_target_cannot_take),
		cmocka_unit_test(bind_tfa_denies_secure_interrupts_checks_slots_first_and_takes_any_state),
		cmocka_unit_test(mask_at_once_blocks_critical_events_in_the_handler),
		cmocka_unit_test(resume_tfa_denies_bad_addresses_and_builds_a_plain_pstate),
		cmocka_unit_test(kvm_policies_reproduce_kvm),
		cmocka_unit_test(unbound_slots_tfa_behave_as_unregistered_events),
		cmocka_unit_test(private_route_validate_reproduces_tfa),
		cmocka_unit_test(relative_vbar_at_register_samples_once),
		cmocka_unit_test(mpidr_other_bits_ignored_like_tfa),
		cmocka_unit_test(explicit_refusals_are_minus_one_like_tfa),
		cmocka_unit_test(bind_slots_in_the_standard_space_like_tf_a_fvp),
		cmocka_unit_test(reset_release_unused_releases_what_no_pe_uses_like_tfa),
		cmocka_unit_test(unreg_trigger_keep_delivers_triggers_from_while_unregistered),
		cmocka_unit_test(unreg_trigger_keep_holds_a_trigger_handed_over_unregistered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
